/* liaison-store-read.c: the synchronous reads. Each is one indexed lookup or a short range on
 * the read-only connection, cheap enough not to be noticed in a frame; anything that scans
 * goes through a worker job instead. The liaison_store_db_* forms serve the asynchronous reads
 * of liaison-store-query.c too, on the worker's connection.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-store"

#include "liaison-store-private.h"

#define CONNECTION_COLUMNS                                                                         \
  "id, service, account_id, display_name, host, details, created_at, updated_at"

static LiaisonStoreConnection *
connection_from_row (sqlite3_stmt *stmt)
{
  LiaisonStoreConnection *c = g_new0 (LiaisonStoreConnection, 1);

  c->id = liaison_store_column_dup (stmt, 0);
  liaison_service_from_string ((const char *) sqlite3_column_text (stmt, 1), &c->service);
  c->account_id = liaison_store_column_dup (stmt, 2);
  c->display_name = liaison_store_column_dup (stmt, 3);
  c->host = liaison_store_column_dup (stmt, 4);
  c->details = liaison_store_column_dup (stmt, 5);
  c->created_at = sqlite3_column_int64 (stmt, 6);
  c->updated_at = sqlite3_column_int64 (stmt, 7);
  return c;
}

LiaisonStoreRecord *
liaison_store_record_from_row (sqlite3_stmt *stmt)
{
  LiaisonStoreRecord *r = g_new0 (LiaisonStoreRecord, 1);

  r->connection_id = liaison_store_column_dup (stmt, 0);
  liaison_record_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &r->kind);
  r->remote_id = liaison_store_column_dup (stmt, 2);
  r->parent_id = liaison_store_column_dup (stmt, 3);
  r->raw = liaison_store_column_dup (stmt, 4);
  r->content_hash = liaison_store_column_dup (stmt, 5);
  r->modified_at = sqlite3_column_int64 (stmt, 6);
  r->fetched_at = sqlite3_column_int64 (stmt, 7);
  r->deleted = sqlite3_column_int (stmt, 8) != 0;
  r->display_name = liaison_store_column_dup (stmt, 9);
  r->email = liaison_store_column_dup (stmt, 10);
  r->email_norm = liaison_store_column_dup (stmt, 11);
  r->phone = liaison_store_column_dup (stmt, 12);
  r->phone_norm = liaison_store_column_dup (stmt, 13);
  r->company = liaison_store_column_dup (stmt, 14);
  r->owner = liaison_store_column_dup (stmt, 15);
  return r;
}

/* Runs a prepared, bound statement and collects its rows. */
GPtrArray *
liaison_store_collect (LiaisonStoreDb *db, sqlite3_stmt *stmt,
                       gpointer (*from_row) (sqlite3_stmt *), GDestroyNotify free_func,
                       const char *context, GError **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      liaison_store_db_fail (db, rc, context, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GPtrArray *
liaison_store_collect_records (LiaisonStoreDb *db, sqlite3_stmt *stmt, const char *context,
                               GError **error)
{
  return liaison_store_collect (db, stmt, (gpointer) liaison_store_record_from_row,
                                (GDestroyNotify) liaison_store_record_free, context, error);
}

/* Every connection of the profile, oldest first. */
GPtrArray *
liaison_store_list_connections (LiaisonStore *self, GError **error)
{
  LiaisonStoreDb *db;
  g_autoptr (LiaisonCachedStmt) stmt = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  db = liaison_store_get_reader (self);
  stmt = liaison_store_db_prepare (
      db, "SELECT " CONNECTION_COLUMNS " FROM connections ORDER BY created_at, id", error);
  if (stmt == NULL)
    return NULL;
  return liaison_store_collect (db, stmt, (gpointer) connection_from_row,
                                (GDestroyNotify) liaison_store_connection_free,
                                "Could not list connections", error);
}

/* NULL without an error: no such connection. */
LiaisonStoreConnection *
liaison_store_lookup_connection (LiaisonStore *self, const char *connection_id, GError **error)
{
  LiaisonStoreDb *db;
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  db = liaison_store_get_reader (self);
  stmt = liaison_store_db_prepare (
      db, "SELECT " CONNECTION_COLUMNS " FROM connections WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  liaison_store_bind_text (stmt, 1, connection_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return connection_from_row (stmt);
  if (rc != SQLITE_DONE)
    liaison_store_db_fail (db, rc, "Could not read a connection", error);
  return NULL;
}

/* NULL without an error: this kind was never refreshed. */
LiaisonStoreCursor *
liaison_store_lookup_cursor (LiaisonStore *self, const char *connection_id, LiaisonRecordKind kind,
                             GError **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  return liaison_store_db_read_cursor (liaison_store_get_reader (self), connection_id, kind, error);
}

/* NULL without an error: not cached. Records marked deleted are returned, with deleted set. */
LiaisonStoreRecord *
liaison_store_db_lookup_record (LiaisonStoreDb *db, const char *connection_id,
                                LiaisonRecordKind kind, const char *remote_id, GError **error)
{
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  int rc;

  stmt = liaison_store_db_prepare (db,
                                   "SELECT " LIAISON_STORE_RECORD_COLUMNS " FROM records"
                                   " WHERE connection_id = ?1 AND kind = ?2 AND remote_id = ?3",
                                   error);
  if (stmt == NULL)
    return NULL;
  liaison_store_bind_text (stmt, 1, connection_id);
  liaison_store_bind_text (stmt, 2, liaison_record_kind_to_string (kind));
  liaison_store_bind_text (stmt, 3, remote_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return liaison_store_record_from_row (stmt);
  if (rc != SQLITE_DONE)
    liaison_store_db_fail (db, rc, "Could not read a record", error);
  return NULL;
}

LiaisonStoreRecord *
liaison_store_lookup_record (LiaisonStore *self, const char *connection_id, LiaisonRecordKind kind,
                             const char *remote_id, GError **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  return liaison_store_db_lookup_record (liaison_store_get_reader (self), connection_id, kind,
                                         remote_id, error);
}

/* The tasks, notes or appointments (kind) of one contact, newest change first. */
GPtrArray *
liaison_store_db_list_children (LiaisonStoreDb *db, const char *connection_id,
                                LiaisonRecordKind kind, const char *parent_id, GError **error)
{
  g_autoptr (LiaisonCachedStmt) stmt = NULL;

  stmt = liaison_store_db_prepare (db,
                                   "SELECT " LIAISON_STORE_RECORD_COLUMNS " FROM records"
                                   " WHERE connection_id = ?1 AND kind = ?2 AND parent_id = ?3"
                                   "   AND deleted = 0 ORDER BY modified_at DESC",
                                   error);
  if (stmt == NULL)
    return NULL;
  liaison_store_bind_text (stmt, 1, connection_id);
  liaison_store_bind_text (stmt, 2, liaison_record_kind_to_string (kind));
  liaison_store_bind_text (stmt, 3, parent_id);
  return liaison_store_collect_records (db, stmt, "Could not list records", error);
}

GPtrArray *
liaison_store_list_children (LiaisonStore *self, const char *connection_id, LiaisonRecordKind kind,
                             const char *parent_id, GError **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  return liaison_store_db_list_children (liaison_store_get_reader (self), connection_id, kind,
                                         parent_id, error);
}

/* Records of one kind that are not marked deleted; -1 on error. */
gint64
liaison_store_count_records (LiaisonStore *self, const char *connection_id, LiaisonRecordKind kind,
                             GError **error)
{
  LiaisonStoreDb *db;
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LIAISON_IS_STORE (self), -1);
  db = liaison_store_get_reader (self);
  stmt = liaison_store_db_prepare (db,
                                   "SELECT count(*) FROM records"
                                   " WHERE connection_id = ?1 AND kind = ?2 AND deleted = 0",
                                   error);
  if (stmt == NULL)
    return -1;
  liaison_store_bind_text (stmt, 1, connection_id);
  liaison_store_bind_text (stmt, 2, liaison_record_kind_to_string (kind));
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      liaison_store_db_fail (db, rc, "Could not count records", error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}
