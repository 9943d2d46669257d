/* liaison-store-private.h: what the store's own files and the list models built on it share:
 * connections with their statement caches, the worker queue and change notifications. Only
 * files of src/core/store/ include it: everything else, list models included, goes through
 * liaison-store.h and liaison-store-query.h.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "liaison-store.h"

G_BEGIN_DECLS

typedef struct
{
  sqlite3 *db;
  GHashTable *stmts; /* SQL text -> sqlite3_stmt, prepared once and reused */
} LiaisonStoreDb;

/* A statement from a cache: g_autoptr resets it and clears its bindings, never finalizes. */
typedef sqlite3_stmt LiaisonCachedStmt;
void liaison_cached_stmt_release (LiaisonCachedStmt *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonCachedStmt, liaison_cached_stmt_release)

LiaisonStoreDb *liaison_store_db_open (const char *path, gboolean read_only, GError **error);
void liaison_store_db_close (LiaisonStoreDb *db);
LiaisonCachedStmt *liaison_store_db_prepare (LiaisonStoreDb *db, const char *sql, GError **error);
gboolean liaison_store_db_exec (LiaisonStoreDb *db, const char *sql, GError **error);
gboolean liaison_store_db_begin (LiaisonStoreDb *db, GError **error);
gboolean liaison_store_db_commit (LiaisonStoreDb *db, GError **error);
void liaison_store_db_rollback (LiaisonStoreDb *db);
gboolean liaison_store_db_fail (LiaisonStoreDb *db, int rc, const char *context, GError **error);
int liaison_store_db_user_version (LiaisonStoreDb *db, GError **error);

void liaison_store_bind_text (sqlite3_stmt *stmt, int index, const char *text);
char *liaison_store_column_dup (sqlite3_stmt *stmt, int column);

/* Row readers shared by the worker's and the reader's queries; the column order is that of the
 * matching *_COLUMNS list. */
#define LIAISON_STORE_CURSOR_COLUMNS "phase, cursor, page_token, refresh_started_at, updated_at"
#define LIAISON_STORE_LINK_COLUMNS                                                                 \
  "id, kind, lsq_connection, lsq_id, ghl_connection, ghl_id, origin, base_snapshot,"               \
  " base_hash, linked_at, synced_at"
#define LIAISON_STORE_RECORD_COLUMNS                                                               \
  "connection_id, kind, remote_id, parent_id, raw, content_hash, modified_at, fetched_at,"         \
  " deleted, display_name, email, email_norm, phone, phone_norm, company, owner"
#define LIAISON_STORE_RUN_COLUMNS                                                                  \
  "id, started_at, finished_at, \"trigger\", dry_run, status, n_created, n_updated, n_deleted,"    \
  " n_linked, n_conflicts, n_skipped, n_failed, lsq_requests, ghl_requests, error, cause"
#define LIAISON_STORE_OPERATION_COLUMNS                                                            \
  "id, run_id, at, service, lsq_id, ghl_id, action, field, before, after, status, error, cause,"   \
  " kind"
/* NULL without an error: this kind was never refreshed. */
LiaisonStoreCursor *liaison_store_db_read_cursor (LiaisonStoreDb *db, const char *connection_id,
                                                  LiaisonRecordKind kind, GError **error);
/* intents.error of a write the service refused (LiaisonStoreIntent.refused) starts so. */
#define LIAISON_STORE_REFUSED_PREFIX "refused: "

/* As liaison_store_collect takes them: a LiaisonStoreRun, a LiaisonStoreOperation. */
gpointer liaison_store_run_from_row (sqlite3_stmt *stmt);
gpointer liaison_store_operation_from_row (sqlite3_stmt *stmt);
LiaisonStoreRecord *liaison_store_record_from_row (sqlite3_stmt *stmt);
/* Runs a prepared, bound statement selecting LIAISON_STORE_RECORD_COLUMNS. */
/* Steps a prepared, bound statement to its end, one from_row per row. */
GPtrArray *liaison_store_collect (LiaisonStoreDb *db, sqlite3_stmt *stmt,
                                  gpointer (*from_row) (sqlite3_stmt *), GDestroyNotify free_func,
                                  const char *context, GError **error);
GPtrArray *liaison_store_collect_records (LiaisonStoreDb *db, sqlite3_stmt *stmt,
                                          const char *context, GError **error);

/* The reads behind both the main thread's calls (on the reader) and the _async ones (on the
 * worker, with the writer connection). */
LiaisonStoreRecord *liaison_store_db_lookup_record (LiaisonStoreDb *db, const char *connection_id,
                                                    LiaisonRecordKind kind, const char *remote_id,
                                                    GError **error);
GPtrArray *liaison_store_db_list_children (LiaisonStoreDb *db, const char *connection_id,
                                           LiaisonRecordKind kind, const char *parent_id,
                                           GError **error);
LiaisonStoreLink *liaison_store_db_lookup_link (LiaisonStoreDb *db, LiaisonService side,
                                                const char *connection_id, LiaisonRecordKind kind,
                                                const char *remote_id, GError **error);
LiaisonStoreLink *liaison_store_link_from_row (sqlite3_stmt *stmt);
gint64 liaison_store_db_refreshed_at (LiaisonStoreDb *db, const char *connection_id,
                                      GError **error);
GPtrArray *liaison_store_db_list_apart (LiaisonStoreDb *db, LiaisonRecordKind kind,
                                        const char *lsq_connection, const char *ghl_connection,
                                        GError **error);

/* Closes as "linked" the open ambiguous matches that name any of lsq_ids or ghl_ids (contact
 * ids, char *; either may be NULL): a link was made for them. Inside the caller's transaction;
 * run_id is the run that linked them, 0 for a person's link. */
gboolean liaison_store_db_close_ambiguous (LiaisonStoreDb *db, GPtrArray *lsq_ids,
                                           GPtrArray *ghl_ids, gint64 run_id, gint64 now,
                                           GError **error);

gboolean liaison_store_migrate (LiaisonStoreDb *db, GError **error);
/* Caches records (each with its connection_id) inside the caller's transaction. */
gboolean liaison_store_upsert_records (LiaisonStoreDb *db, GPtrArray *records, const char *region,
                                       GError **error);

/* Runs on the worker, with the writer connection; it must return the task. */
typedef void (*LiaisonStoreJobFunc) (LiaisonStore *self, LiaisonStoreDb *db, GTask *task);
void liaison_store_push_job (LiaisonStore *self, GTask *task, LiaisonStoreJobFunc func);
LiaisonStoreDb *liaison_store_get_reader (LiaisonStore *self);
/* From the worker after a commit: emitted on the store's main context. */
void liaison_store_notify_records (LiaisonStore *self, const char *connection_id,
                                   LiaisonRecordKind kind);
void liaison_store_notify_links (LiaisonStore *self, LiaisonRecordKind kind);

G_END_DECLS
