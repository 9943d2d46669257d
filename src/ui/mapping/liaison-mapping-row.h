/* liaison-mapping-row.h: the row of one field pair on the Field Mapping page: an expander row
 * whose title reads "LeadSquared field ⇄ HighLevel field", with the direction, transform and
 * conflict policy inside, the value table of a picklist pair, and the validation sentences.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-mapping-model.h"

G_BEGIN_DECLS

/* What tests and the page reach inside a row (g_object_get_data on the row). */
#define LIAISON_MAPPING_ROW_DIRECTION "liaison-direction-row"
#define LIAISON_MAPPING_ROW_TRANSFORM "liaison-transform-row"
#define LIAISON_MAPPING_ROW_POLICY "liaison-policy-row"
#define LIAISON_MAPPING_ROW_PROBLEM "liaison-problem-label"
#define LIAISON_MAPPING_ROW_REMOVE "liaison-remove-button"

GtkWidget *liaison_mapping_row_new (LiaisonMappingModel *model, LiaisonMappingPair *pair);
LiaisonMappingPair *liaison_mapping_row_get_pair (GtkWidget *row);

G_END_DECLS
