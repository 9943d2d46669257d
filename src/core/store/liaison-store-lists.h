/* liaison-store-lists.h: whole-list reads that the GUI makes without blocking its main loop: the
 * records of one kind of one connection (field definitions, owners) and the open conflicts. They
 * run as jobs on the store's worker, in order with its writes, so a list read right after a write
 * sees it.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-store-sync.h"

G_BEGIN_DECLS

/* LiaisonStoreRecord (kind, remote_id, raw, display_name, email, modified_at, connection_id) of
 * every record of kind that is not marked deleted, by display name. */
void liaison_store_list_records_async (LiaisonStore *self, const char *connection_id,
                                       LiaisonRecordKind kind, GCancellable *cancellable,
                                       GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *liaison_store_list_records_finish (LiaisonStore *self, GAsyncResult *result,
                                              GError **error);

/* LiaisonStoreConflict of every open conflict (id, kind, link_id, lsq_id, ghl_id, email, field,
 * the three values, candidates, detected_at), by link then detection, ambiguous matches last.
 * contact_names: the LeadSquared contact's display name per conflict (char *, maybe NULL). */
void liaison_store_list_open_conflicts_async (LiaisonStore *self, GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *liaison_store_list_open_conflicts_finish (LiaisonStore *self, GAsyncResult *result,
                                                     GPtrArray **contact_names, GError **error);

G_END_DECLS
