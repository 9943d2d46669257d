/* liaison-mapping-page-private.h: what tests reach inside the Field Mapping page.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-mapping-page.h"

G_BEGIN_DECLS

LiaisonMappingModel *liaison_mapping_page_get_model (LiaisonMappingPage *self);
/* The row of the pair key, or NULL. */
AdwExpanderRow *liaison_mapping_page_get_row (LiaisonMappingPage *self, const char *key);
/* The visible state: "loading", "not-connected", "no-fields", "failed" or "map". */
const char *liaison_mapping_page_get_state (LiaisonMappingPage *self);
/* The text of the last toast the page showed, or NULL. */
const char *liaison_mapping_page_get_last_toast (LiaisonMappingPage *self);
/* Looks now for a map or region saved elsewhere, as the shown page does every few seconds. */
void liaison_mapping_page_check_saved (LiaisonMappingPage *self);
/* TRUE while such a look is under way. */
gboolean liaison_mapping_page_get_checking (LiaisonMappingPage *self);

G_END_DECLS
