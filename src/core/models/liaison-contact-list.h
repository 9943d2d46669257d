/* liaison-contact-list.h: LiaisonContactList, the GListModel of unified contact rows
 * (LiaisonContactRow) the Contacts page binds to, with text and link-status filters and two
 * sort orders. Built to stay fast at 100,000 contacts.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-contact-row.h"
#include "liaison-store.h"

G_BEGIN_DECLS

typedef enum
{
  LIAISON_CONTACT_SORT_NAME,
  LIAISON_CONTACT_SORT_LAST_CHANGE, /* newest first */
} LiaisonContactSort;

#define LIAISON_TYPE_CONTACT_SORT (liaison_contact_sort_get_type ())
GType liaison_contact_sort_get_type (void);

#define LIAISON_TYPE_CONTACT_LIST (liaison_contact_list_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonContactList, liaison_contact_list, LIAISON, CONTACT_LIST, GObject)

LiaisonContactList *liaison_contact_list_new (LiaisonStore *store, const char *lsq_connection_id,
                                              const char *ghl_connection_id);
void liaison_contact_list_load_async (LiaisonContactList *self, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data);
gboolean liaison_contact_list_load_finish (LiaisonContactList *self, GAsyncResult *result,
                                           GError **error);
gboolean liaison_contact_list_get_loading (LiaisonContactList *self);

const char *liaison_contact_list_get_filter_text (LiaisonContactList *self);
void liaison_contact_list_set_filter_text (LiaisonContactList *self, const char *text);
LiaisonLinkStatus liaison_contact_list_get_status_filter (LiaisonContactList *self);
void liaison_contact_list_set_status_filter (LiaisonContactList *self, LiaisonLinkStatus statuses);
LiaisonContactSort liaison_contact_list_get_sort (LiaisonContactList *self);
void liaison_contact_list_set_sort (LiaisonContactList *self, LiaisonContactSort sort);

/* The list's store and the connection of each side. */
LiaisonStore *liaison_contact_list_get_store (LiaisonContactList *self);
const char *liaison_contact_list_get_connection_id (LiaisonContactList *self,
                                                    LiaisonService service);

/* A person confirmed the proposed pair of row: its two sides become a manual link. */
void liaison_contact_list_link_async (LiaisonContactList *self, LiaisonContactRow *row,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data);
gboolean liaison_contact_list_link_finish (LiaisonContactList *self, GAsyncResult *result,
                                           GError **error);
/* A person paired the lead lsq_id with the contact ghl_id: a manual link, whose id _finish
 * returns (0 with error set when it failed). */
void liaison_contact_list_link_pair_async (LiaisonContactList *self, const char *lsq_id,
                                           const char *ghl_id, GCancellable *cancellable,
                                           GAsyncReadyCallback callback, gpointer user_data);
gint64 liaison_contact_list_link_pair_finish (LiaisonContactList *self, GAsyncResult *result,
                                              GError **error);
/* Ends a link; neither contact is deleted. */
void liaison_contact_list_unlink_async (LiaisonContactList *self, gint64 link_id,
                                        GCancellable *cancellable, GAsyncReadyCallback callback,
                                        gpointer user_data);
gboolean liaison_contact_list_unlink_finish (LiaisonContactList *self, GAsyncResult *result,
                                             GError **error);

/* A person said the contact of row (proposed or ambiguous) is not the same person as the other
 * side's contacts it was matched with: they are never matched again. _finish returns the pairs
 * kept apart (LiaisonStoreLink), for an Undo. */
void liaison_contact_list_keep_apart_async (LiaisonContactList *self, LiaisonContactRow *row,
                                            GCancellable *cancellable, GAsyncReadyCallback callback,
                                            gpointer user_data);
GPtrArray *liaison_contact_list_keep_apart_finish (LiaisonContactList *self, GAsyncResult *result,
                                                   GError **error);
/* Lets pairs be matched again: those keep_apart returned, or with pairs NULL every pair the
 * contact of row (LIAISON_LINK_STATUS_KEPT_APART) is kept apart in. */
void liaison_contact_list_match_again_async (LiaisonContactList *self, LiaisonContactRow *row,
                                             GPtrArray *pairs, GCancellable *cancellable,
                                             GAsyncReadyCallback callback, gpointer user_data);
gboolean liaison_contact_list_match_again_finish (LiaisonContactList *self, GAsyncResult *result,
                                                  GError **error);

/* Lets the contact of row, which an undo took the copy of back, be copied by the next sync again
 * (liaison_store_copy_again_async); the row shows it at once. */
void liaison_contact_list_copy_again_async (LiaisonContactList *self, LiaisonContactRow *row,
                                            GCancellable *cancellable, GAsyncReadyCallback callback,
                                            gpointer user_data);
gboolean liaison_contact_list_copy_again_finish (LiaisonContactList *self, GAsyncResult *result,
                                                 GError **error);

guint liaison_contact_list_get_n_total (LiaisonContactList *self);
/* When both accounts were last refreshed (the older of the two), as of the last load: ms UTC, 0
 * when one never was. */
gint64 liaison_contact_list_get_refreshed_at (LiaisonContactList *self);
guint liaison_contact_list_count_status (LiaisonContactList *self, LiaisonLinkStatus status);
/* Up to max rows (LiaisonContactRow) of contacts only on side (not linked, not paired) whose
 * name, e-mail, phone or company contains text, whatever the list's filters: candidates to
 * link by hand. */
GPtrArray *liaison_contact_list_find_single (LiaisonContactList *self, LiaisonService side,
                                             const char *text, guint max);
/* The rows (LiaisonContactRow) of the other side's contacts in the ambiguous set of row, as the
 * matcher found it (by normalized e-mail, or phone in E.164): empty for any other row. */
GPtrArray *liaison_contact_list_find_candidates (LiaisonContactList *self, LiaisonContactRow *row);

G_END_DECLS
