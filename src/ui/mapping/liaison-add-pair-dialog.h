/* liaison-add-pair-dialog.h: choosing a LeadSquared field and a HighLevel field (custom fields
 * included, searchable) to pair, with the pair's direction, transform and conflict policy.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-field-map.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_ADD_PAIR_DIALOG (liaison_add_pair_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonAddPairDialog, liaison_add_pair_dialog, LIAISON, ADD_PAIR_DIALOG,
                      AdwWindow)

/* lsq_fields, ghl_fields: GPtrArray of LiaisonFieldDef to choose from. On Add the dialog emits
 * pair-chosen with the pair in the map's stored form, without "key"; the handler closes the
 * dialog, or calls show_error and leaves it open. */
LiaisonAddPairDialog *liaison_add_pair_dialog_new (GtkWindow *parent, GPtrArray *lsq_fields,
                                                   GPtrArray *ghl_fields);
void liaison_add_pair_dialog_show_error (LiaisonAddPairDialog *self, const char *message);

/* For tests: choose a field by its map name on one side; FALSE when it is not offered. */
gboolean liaison_add_pair_dialog_select (LiaisonAddPairDialog *self, LiaisonSide side,
                                         const char *name);
/* The rows the search leaves on one side. */
guint liaison_add_pair_dialog_count_shown (LiaisonAddPairDialog *self, LiaisonSide side);

G_END_DECLS
