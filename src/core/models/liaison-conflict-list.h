/* liaison-conflict-list.h: LiaisonConflictList, the GListModel of LiaisonConflictItem the
 * Conflicts page binds to: the open conflicts and the answers the next sync has still to write,
 * oldest first, read a page at a time. It reads the store again after every sync
 * (links-changed) and every answer.
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

/* Starts reading at once. */
LiaisonConflictList *liaison_conflict_list_new (LiaisonStore *store);
LiaisonStore *liaison_conflict_list_get_store (LiaisonConflictList *self);
void liaison_conflict_list_reload (LiaisonConflictList *self);
/* "loading": a read is going on; "loaded": one has ended (so an empty list means no conflicts). */
gboolean liaison_conflict_list_get_loading (LiaisonConflictList *self);
gboolean liaison_conflict_list_get_loaded (LiaisonConflictList *self);
/* Why the last read failed, a sentence, or NULL. */
const char *liaison_conflict_list_get_error (LiaisonConflictList *self);
/* Counted by the store at every read, before its first page, so they are whole while the rows
 * still come: "n-open", the conflicts still waiting for an answer; "n-open-fields", the field
 * conflicts among them (those a side can be taken for); "n-answered", the answers the next sync
 * has still to write. */
guint liaison_conflict_list_get_n_open (LiaisonConflictList *self);
guint liaison_conflict_list_get_n_open_fields (LiaisonConflictList *self);
guint liaison_conflict_list_get_n_answered (LiaisonConflictList *self);
/* The item of the conflict id among those read so far, or NULL (the list holds it). */
LiaisonConflictItem *liaison_conflict_list_find (LiaisonConflictList *self, gint64 id);

/* Answers item: resolution "lsq" or "ghl" keeps that side's value; "edited" writes text (plain
 * text; empty clears the field). The next sync writes it to both sides. */
void liaison_conflict_list_resolve_async (LiaisonConflictList *self, LiaisonConflictItem *item,
                                          const char *resolution, const char *text,
                                          GCancellable *cancellable, GAsyncReadyCallback callback,
                                          gpointer user_data);
gboolean liaison_conflict_list_resolve_finish (LiaisonConflictList *self, GAsyncResult *result,
                                               GError **error);

/* Answers every open field conflict with one side's value ("lsq" or "ghl"), those the list has
 * not read yet too; returns how many were answered. Ambiguous matches are left alone (they need
 * a person's choice). */
void liaison_conflict_list_resolve_all_async (LiaisonConflictList *self, const char *resolution,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
guint liaison_conflict_list_resolve_all_finish (LiaisonConflictList *self, GAsyncResult *result,
                                                GError **error);

/* "Always take LeadSquared (or HighLevel) for this field": sets the field's policy in the saved
 * field mapping to that side winning, so that the engine settles its next conflicts by itself,
 * and answers its open conflicts the same way; returns how many were answered. */
void liaison_conflict_list_always_take_async (LiaisonConflictList *self, const char *field,
                                              const char *resolution, GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
guint liaison_conflict_list_always_take_finish (LiaisonConflictList *self, GAsyncResult *result,
                                                GError **error);

/* A "Select All": the same but for the conflicts whose ids (gint64) are in except (a person
 * unticked them), in one transaction; _finish returns the ids answered, for
 * liaison_conflict_list_reopen_async. */
void liaison_conflict_list_resolve_all_except_async (LiaisonConflictList *self,
                                                     const char *resolution, const GArray *except,
                                                     GCancellable *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer user_data);
GArray *liaison_conflict_list_resolve_all_except_finish (LiaisonConflictList *self,
                                                         GAsyncResult *result, GError **error);

/* Takes one side ("lsq" or "ghl") for the open field conflicts among items (LiaisonConflictItem,
 * a person's selection), in one transaction; _finish returns the ids answered (gint64), which
 * liaison_conflict_list_reopen_async takes back. */
void liaison_conflict_list_resolve_items_async (LiaisonConflictList *self, GPtrArray *items,
                                                const char *resolution, GCancellable *cancellable,
                                                GAsyncReadyCallback callback, gpointer user_data);
GArray *liaison_conflict_list_resolve_items_finish (LiaisonConflictList *self, GAsyncResult *result,
                                                    GError **error);
/* Undo: the answers of ids no run has written yet are taken back; returns how many. */
void liaison_conflict_list_reopen_async (LiaisonConflictList *self, GArray *ids,
                                         GCancellable *cancellable, GAsyncReadyCallback callback,
                                         gpointer user_data);
guint liaison_conflict_list_reopen_finish (LiaisonConflictList *self, GAsyncResult *result,
                                           GError **error);

/* An ambiguous match settled by a person: the LeadSquared candidate lsq_id and the HighLevel
 * candidate ghl_id linked by hand (the next run brings them in step; _finish returns the link's
 * id, 0 with error set), or every candidate kept apart from the other side's (the next run
 * neither matches nor copies them; _finish returns the pairs, for an Undo). Either closes the
 * conflict. */
void liaison_conflict_list_link_candidate_async (LiaisonConflictList *self,
                                                 LiaisonConflictItem *item, const char *lsq_id,
                                                 const char *ghl_id, GCancellable *cancellable,
                                                 GAsyncReadyCallback callback, gpointer user_data);
gint64 liaison_conflict_list_link_candidate_finish (LiaisonConflictList *self, GAsyncResult *result,
                                                    GError **error);
void liaison_conflict_list_keep_apart_async (LiaisonConflictList *self, LiaisonConflictItem *item,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *liaison_conflict_list_keep_apart_finish (LiaisonConflictList *self, GAsyncResult *result,
                                                    GError **error);
/* Undo of the two: the link removed (or the pairs matched again) and the conflict open again. */
void liaison_conflict_list_undo_link_async (LiaisonConflictList *self, gint64 conflict_id,
                                            gint64 link_id, GCancellable *cancellable,
                                            GAsyncReadyCallback callback, gpointer user_data);
void liaison_conflict_list_undo_keep_apart_async (LiaisonConflictList *self, gint64 conflict_id,
                                                  GPtrArray *pairs, GCancellable *cancellable,
                                                  GAsyncReadyCallback callback, gpointer user_data);
gboolean liaison_conflict_list_undo_finish (LiaisonConflictList *self, GAsyncResult *result,
                                            GError **error);

G_END_DECLS
