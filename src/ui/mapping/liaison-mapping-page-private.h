/* liaison-mapping-page-private.h: what tests reach inside the Field Mapping page.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-add-pair-dialog.h"
#include "liaison-field-map.h"
#include "liaison-mapping-page.h"

G_BEGIN_DECLS

LiaisonFieldMap *liaison_mapping_page_get_editing (LiaisonMappingPage *self);
/* The pair's row (an AdwExpanderRow) and, by name, its parts: "direction" and "policy"
 * (AdwComboRow), "error" (AdwActionRow, visible while the pair is at fault), "remove"
 * (GtkButton). */
GtkWidget *liaison_mapping_page_get_pair_row (LiaisonMappingPage *self, const char *key);
GtkWidget *liaison_mapping_page_get_pair_part (GtkWidget *row, const char *part);
LiaisonAddPairDialog *liaison_mapping_page_get_add_dialog (LiaisonMappingPage *self);

G_END_DECLS
