/* liaison-conflict-list.h: LiaisonConflictList, a GListModel of LiaisonConflictItem: the
 * profile's open conflicts, grouped by contact (the items of one contact are next to each other),
 * read through the store's worker and read again when a sync run changes links or when an answer
 * is recorded through it.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-conflict-item.h"
#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CONFLICT_LIST (liaison_conflict_list_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonConflictList, liaison_conflict_list, LIAISON, CONFLICT_LIST, GObject)

LiaisonConflictList *liaison_conflict_list_new (LiaisonStore *store, const char *lsq_connection,
                                                const char *ghl_connection);
LiaisonStore *liaison_conflict_list_get_store (LiaisonConflictList *self);
gboolean liaison_conflict_list_get_loading (LiaisonConflictList *self);
/* Reads the open conflicts again; "items-changed" once, with what changed. */
void liaison_conflict_list_reload (LiaisonConflictList *self);

/* Records one answer for each of the conflicts (ids: GArray of gint64): resolution "lsq",
 * "ghl", or "edited" with value (JSON value text). The next run writes them; then the list
 * reads itself again. Ambiguous matches are passed over (see link_async and keep_apart_async). */
void liaison_conflict_list_resolve_async (LiaisonConflictList *self, GArray *ids,
                                          const char *resolution, const char *value,
                                          GCancellable *cancellable, GAsyncReadyCallback callback,
                                          gpointer user_data);
/* How many were recorded. */
guint liaison_conflict_list_resolve_finish (LiaisonConflictList *self, GAsyncResult *result,
                                            GError **error);

/* An ambiguous match answered: link lsq_id with ghl_id (two of its candidates), or keep its
 * candidates apart. The conflict is closed ("linked", "dismissed"). */
void liaison_conflict_list_link_async (LiaisonConflictList *self, gint64 conflict_id,
                                       const char *lsq_id, const char *ghl_id,
                                       GCancellable *cancellable, GAsyncReadyCallback callback,
                                       gpointer user_data);
void liaison_conflict_list_keep_apart_async (LiaisonConflictList *self, gint64 conflict_id,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback, gpointer user_data);
gboolean liaison_conflict_list_answer_finish (LiaisonConflictList *self, GAsyncResult *result,
                                              GError **error);

G_END_DECLS
