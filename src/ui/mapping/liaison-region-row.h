/* liaison-region-row.h: the phone region row of the Field Mapping page, an AdwComboRow of the
 * regions national phone numbers can be read in, by name, kept in step with the mapping model.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-mapping-model.h"

G_BEGIN_DECLS

/* Fills row with "Not set" and the regions, and binds it to model's region (NULL: unbinds). */
void liaison_region_row_bind (AdwComboRow *row, LiaisonMappingModel *model);
/* A region's name as the row shows it ("Germany (DE)"); NULL for an unknown code. */
char *liaison_region_row_dup_name (const char *code);

G_END_DECLS
