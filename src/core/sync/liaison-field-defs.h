/* liaison-field-defs.h: both services' field definitions as the refresher cached them in the
 * store, read back as LiaisonFieldDef for the field map (validation, typing) and for choosing
 * fields to pair.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-field-def.h"
#include "liaison-store.h"

G_BEGIN_DECLS

/* NULL when the record's JSON is not a field definition. LeadSquared fields named mx_... and every
 * HighLevel field (the API lists only custom ones) count as custom. */
LiaisonFieldDef *liaison_field_def_from_record (LiaisonService service,
                                                const LiaisonStoreRecord *record);

/* Reads both connections' definitions (a connection id may be NULL: that side stays NULL). */
void liaison_field_defs_load_async (LiaisonStore *store, const char *lsq_connection,
                                    const char *ghl_connection, GCancellable *cancellable,
                                    GAsyncReadyCallback callback, gpointer user_data);
/* lsq_defs, ghl_defs: GPtrArray of LiaisonFieldDef, NULL for a side without a connection or
 * never refreshed (nothing cached). */
gboolean liaison_field_defs_load_finish (LiaisonStore *store, GAsyncResult *result,
                                         GPtrArray **lsq_defs, GPtrArray **ghl_defs,
                                         GError **error);

G_END_DECLS
