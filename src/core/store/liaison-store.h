/* liaison-store.h: LiaisonStore, the local SQLite copy of both services and Liaison's own sync
 * state for one profile. Writes run in order on one worker thread (_async/_finish); small
 * indexed reads are synchronous on a read-only connection, for liaison-cli, tests and the list
 * models' row reads (a GListModel answers get_item at once). The GUI's widgets read through the
 * asynchronous calls of liaison-store-query.h (included here) and the list models.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-store-types.h"

G_BEGIN_DECLS

#define LIAISON_STORE_ERROR (liaison_store_error_quark ())

typedef enum
{
  LIAISON_STORE_ERROR_FAILED,
  LIAISON_STORE_ERROR_CORRUPT,       /* not a database, or damaged */
  LIAISON_STORE_ERROR_NEWER_VERSION, /* written by a newer Liaison */
  LIAISON_STORE_ERROR_CONFLICT,      /* a unique key already taken (e.g. a record linked twice) */
  LIAISON_STORE_ERROR_NOT_FOUND,
  LIAISON_STORE_ERROR_INVALID, /* bad input: malformed JSON, missing id */
  LIAISON_STORE_ERROR_SECRET,  /* refused: looks like a credential */
  LIAISON_STORE_ERROR_BUSY,
  LIAISON_STORE_ERROR_CLOSED,
} LiaisonStoreError;

GQuark liaison_store_error_quark (void);

#define LIAISON_TYPE_STORE (liaison_store_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonStore, liaison_store, LIAISON, STORE, GObject)

guint liaison_store_get_schema_version (void);
char *liaison_store_default_path (const char *profile, GError **error);

void liaison_store_open_async (const char *path, const char *default_region,
                               GCancellable *cancellable, GAsyncReadyCallback callback,
                               gpointer user_data);
LiaisonStore *liaison_store_open_finish (GAsyncResult *result, GError **error);
/* Blocks: for liaison-cli and tests, never from the GUI's main thread. */
LiaisonStore *liaison_store_open_sync (const char *path, const char *default_region,
                                       GError **error);

const char *liaison_store_get_path (LiaisonStore *self);
const char *liaison_store_get_default_region (LiaisonStore *self);
/* The same, copied: for other threads (the region may change meanwhile). */
char *liaison_store_dup_default_region (LiaisonStore *self);
void liaison_store_set_default_region (LiaisonStore *self, const char *region);

/* Connections */
void liaison_store_save_connection_async (LiaisonStore *self,
                                          const LiaisonStoreConnection *connection,
                                          GCancellable *cancellable, GAsyncReadyCallback callback,
                                          gpointer user_data);
char *liaison_store_save_connection_finish (LiaisonStore *self, GAsyncResult *result,
                                            GError **error);
void liaison_store_delete_connection_async (LiaisonStore *self, const char *connection_id,
                                            GCancellable *cancellable, GAsyncReadyCallback callback,
                                            gpointer user_data);
gboolean liaison_store_delete_connection_finish (LiaisonStore *self, GAsyncResult *result,
                                                 GError **error);
GPtrArray *liaison_store_list_connections (LiaisonStore *self, GError **error);
LiaisonStoreConnection *liaison_store_lookup_connection (LiaisonStore *self,
                                                         const char *connection_id, GError **error);

/* Records and cursors. A page and the cursor that follows it commit in one transaction. */
void liaison_store_begin_full_refresh_async (LiaisonStore *self, const char *connection_id,
                                             LiaisonRecordKind kind, GCancellable *cancellable,
                                             GAsyncReadyCallback callback, gpointer user_data);
LiaisonStoreCursor *liaison_store_begin_full_refresh_finish (LiaisonStore *self,
                                                             GAsyncResult *result, GError **error);
void liaison_store_commit_page_async (LiaisonStore *self, const char *connection_id,
                                      LiaisonRecordKind kind, GPtrArray *records,
                                      const LiaisonStoreCursor *cursor, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data);
gboolean liaison_store_commit_page_finish (LiaisonStore *self, GAsyncResult *result,
                                           GError **error);
/* Ends a full refresh: records it did not see again are marked deleted, unless keep_unseen
 * (the refresh left out records it could not read, so their absence proves nothing). */
void liaison_store_finish_full_refresh_async (LiaisonStore *self, const char *connection_id,
                                              LiaisonRecordKind kind, const char *cursor,
                                              gboolean keep_unseen, GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
gboolean liaison_store_finish_full_refresh_finish (LiaisonStore *self, GAsyncResult *result,
                                                   guint *n_gone, GError **error);
LiaisonStoreCursor *liaison_store_lookup_cursor (LiaisonStore *self, const char *connection_id,
                                                 LiaisonRecordKind kind, GError **error);
LiaisonStoreRecord *liaison_store_lookup_record (LiaisonStore *self, const char *connection_id,
                                                 LiaisonRecordKind kind, const char *remote_id,
                                                 GError **error);
GPtrArray *liaison_store_list_children (LiaisonStore *self, const char *connection_id,
                                        LiaisonRecordKind kind, const char *parent_id,
                                        GError **error);
gint64 liaison_store_count_records (LiaisonStore *self, const char *connection_id,
                                    LiaisonRecordKind kind, GError **error);

/* Links */
void liaison_store_create_links_async (LiaisonStore *self, GPtrArray *links,
                                       GCancellable *cancellable, GAsyncReadyCallback callback,
                                       gpointer user_data);
GArray *liaison_store_create_links_finish (LiaisonStore *self, GAsyncResult *result,
                                           GError **error);
void liaison_store_delete_link_async (LiaisonStore *self, gint64 link_id, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data);
gboolean liaison_store_delete_link_finish (LiaisonStore *self, GAsyncResult *result,
                                           GError **error);
void liaison_store_list_links_async (LiaisonStore *self, LiaisonRecordKind kind,
                                     GCancellable *cancellable, GAsyncReadyCallback callback,
                                     gpointer user_data);
GPtrArray *liaison_store_list_links_finish (LiaisonStore *self, GAsyncResult *result,
                                            GError **error);
LiaisonStoreLink *liaison_store_lookup_link (LiaisonStore *self, LiaisonService side,
                                             const char *connection_id, LiaisonRecordKind kind,
                                             const char *remote_id, GError **error);

/* When a connection's last refresh went through (liaison-store-refreshed.c): ms UTC, 0 never. */
void liaison_store_set_refreshed_async (LiaisonStore *self, const char *connection_id,
                                        gint64 refreshed_at, GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
gboolean liaison_store_set_refreshed_finish (LiaisonStore *self, GAsyncResult *result,
                                             GError **error);
gint64 liaison_store_get_refreshed_at (LiaisonStore *self, const char *connection_id,
                                       GError **error);

/* Pairs kept apart (liaison-store-apart.c): each a LiaisonStoreLink of which kind, connections,
 * ids and linked_at (when it was kept apart) are used. */
void liaison_store_keep_apart_async (LiaisonStore *self, GPtrArray *pairs,
                                     GCancellable *cancellable, GAsyncReadyCallback callback,
                                     gpointer user_data);
gboolean liaison_store_keep_apart_finish (LiaisonStore *self, GAsyncResult *result, GError **error);
void liaison_store_release_apart_async (LiaisonStore *self, GPtrArray *pairs,
                                        GCancellable *cancellable, GAsyncReadyCallback callback,
                                        gpointer user_data);
gboolean liaison_store_release_apart_finish (LiaisonStore *self, GAsyncResult *result,
                                             GError **error);
GPtrArray *liaison_store_list_apart (LiaisonStore *self, LiaisonRecordKind kind,
                                     const char *lsq_connection, const char *ghl_connection,
                                     GError **error);
gint64 liaison_store_count_links (LiaisonStore *self, LiaisonRecordKind kind,
                                  const char *lsq_connection, const char *ghl_connection,
                                  GError **error);

/* The store's clock (ms since the epoch): a stamp is never earlier than a mark taken before it,
 * and a mark is later than every stamp before it, so that "changed since the mark" is exact
 * even within one millisecond. Stamps date what the store writes; a pass that reads what
 * changed since it began takes a mark. Any thread. */
gint64 liaison_store_stamp_ms (void);
gint64 liaison_store_mark_ms (void);

G_END_DECLS

#include "liaison-store-query.h"
