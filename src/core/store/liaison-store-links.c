/* liaison-store-links.c: links between a LeadSquared record and a HighLevel record. Each side
 * is in at most one link per kind (UNIQUE per side), so a record can never be paired twice.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-store"

#include "liaison-store-private.h"

LiaisonStoreLink *
liaison_store_link_from_row (sqlite3_stmt *stmt)
{
  LiaisonStoreLink *link = g_new0 (LiaisonStoreLink, 1);

  link->id = sqlite3_column_int64 (stmt, 0);
  liaison_record_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &link->kind);
  link->lsq_connection = liaison_store_column_dup (stmt, 2);
  link->lsq_id = liaison_store_column_dup (stmt, 3);
  link->ghl_connection = liaison_store_column_dup (stmt, 4);
  link->ghl_id = liaison_store_column_dup (stmt, 5);
  liaison_link_origin_from_string ((const char *) sqlite3_column_text (stmt, 6), &link->origin);
  link->base_snapshot = liaison_store_column_dup (stmt, 7);
  link->base_hash = liaison_store_column_dup (stmt, 8);
  link->linked_at = sqlite3_column_int64 (stmt, 9);
  link->synced_at = sqlite3_column_int64 (stmt, 10);
  return link;
}

static gboolean
insert_link (LiaisonStoreDb *db, sqlite3_stmt *stmt, const LiaisonStoreLink *link, gint64 now,
             gint64 *id, GError **error)
{
  int rc;

  if (link->lsq_connection == NULL || link->lsq_id == NULL || link->ghl_connection == NULL
      || link->ghl_id == NULL)
    {
      g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID,
                   "A link needs a record on both sides");
      return FALSE;
    }
  liaison_store_bind_text (stmt, 1, liaison_record_kind_to_string (link->kind));
  liaison_store_bind_text (stmt, 2, link->lsq_connection);
  liaison_store_bind_text (stmt, 3, link->lsq_id);
  liaison_store_bind_text (stmt, 4, link->ghl_connection);
  liaison_store_bind_text (stmt, 5, link->ghl_id);
  liaison_store_bind_text (stmt, 6, liaison_link_origin_to_string (link->origin));
  liaison_store_bind_text (stmt, 7, link->base_snapshot);
  liaison_store_bind_text (stmt, 8, link->base_hash);
  sqlite3_bind_int64 (stmt, 9, link->linked_at > 0 ? link->linked_at : now);
  if (link->synced_at > 0)
    sqlite3_bind_int64 (stmt, 10, link->synced_at);
  else
    sqlite3_bind_null (stmt, 10);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_autofree char *context = g_strdup_printf ("Could not link LeadSquared %s with HighLevel %s",
                                                  link->lsq_id, link->ghl_id);
      liaison_store_db_fail (db, rc, context, error);
      if (g_error_matches (*error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CONFLICT))
        g_prefix_error (error, "One of these records is already linked. ");
      return FALSE;
    }
  *id = sqlite3_last_insert_rowid (db->db);
  return TRUE;
}

static void
create_links_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  GPtrArray *links = g_task_get_task_data (task);
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  g_autoptr (GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), links->len);
  g_autoptr (GPtrArray) lsq_ids = g_ptr_array_new (); /* borrowed from links */
  g_autoptr (GPtrArray) ghl_ids = g_ptr_array_new ();
  GError *error = NULL;
  gint64 now = liaison_store_stamp_ms ();
  gboolean ok;

  ok = liaison_store_db_begin (db, &error);
  if (ok)
    {
      stmt = liaison_store_db_prepare (
          db,
          "INSERT INTO links (kind, lsq_connection, lsq_id, ghl_connection, ghl_id, origin,"
          "                   base_snapshot, base_hash, linked_at, synced_at)"
          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
          &error);
      ok = stmt != NULL;
      for (guint i = 0; ok && i < links->len; i++)
        {
          const LiaisonStoreLink *link = g_ptr_array_index (links, i);
          gint64 id = 0;

          ok = insert_link (db, stmt, link, now, &id, &error);
          if (ok)
            g_array_append_val (ids, id);
          if (ok && link->kind == LIAISON_RECORD_CONTACT)
            {
              g_ptr_array_add (lsq_ids, link->lsq_id);
              g_ptr_array_add (ghl_ids, link->ghl_id);
            }
        }
      /* A pair linked by hand settles the ambiguous matches its contacts were in, at once: the
       * Conflicts page stops offering candidates that are linked. */
      if (ok)
        ok = liaison_store_db_close_ambiguous (db, lsq_ids, ghl_ids, 0, now, &error);
      if (ok)
        ok = liaison_store_db_commit (db, &error);
      if (!ok)
        liaison_store_db_rollback (db);
    }
  if (!ok)
    {
      g_task_return_error (task, error);
      return;
    }
  if (links->len > 0)
    liaison_store_notify_links (self, ((LiaisonStoreLink *) g_ptr_array_index (links, 0))->kind);
  g_task_return_pointer (task, g_steal_pointer (&ids), (GDestroyNotify) g_array_unref);
}

/* Creates links (LiaisonStoreLink; id and times are filled by the store) all or none; the
 * finish function returns their ids (gint64) in order. */
void
liaison_store_create_links_async (LiaisonStore *self, GPtrArray *links, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (links != NULL);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_create_links_async);
  g_task_set_task_data (task, g_ptr_array_ref (links), (GDestroyNotify) g_ptr_array_unref);
  liaison_store_push_job (self, task, create_links_job);
}

GArray *
liaison_store_create_links_finish (LiaisonStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
delete_link_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  gint64 *id = g_task_get_task_data (task);
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  GError *error = NULL;
  LiaisonRecordKind kind = LIAISON_RECORD_CONTACT;
  int rc;

  stmt = liaison_store_db_prepare (db, "DELETE FROM links WHERE id = ?1 RETURNING kind", &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, *id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      liaison_record_kind_from_string ((const char *) sqlite3_column_text (stmt, 0), &kind);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        {
          liaison_store_notify_links (self, kind);
          g_task_return_boolean (task, TRUE);
          return;
        }
    }
  if (rc == SQLITE_DONE)
    g_task_return_new_error (task, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND,
                             "The records are not linked (any more)");
  else
    {
      liaison_store_db_fail (db, rc, "Could not unlink the records", &error);
      g_task_return_error (task, error);
    }
}

void
liaison_store_delete_link_async (LiaisonStore *self, gint64 link_id, GCancellable *cancellable,
                                 GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_STORE (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_delete_link_async);
  g_task_set_task_data (task, g_memdup2 (&link_id, sizeof link_id), g_free);
  liaison_store_push_job (self, task, delete_link_job);
}

gboolean
liaison_store_delete_link_finish (LiaisonStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
list_links_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  LiaisonRecordKind *kind = g_task_get_task_data (task);
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  g_autoptr (GPtrArray) links = NULL;
  GError *error = NULL;
  int rc;

  stmt = liaison_store_db_prepare (
      db, "SELECT " LIAISON_STORE_LINK_COLUMNS " FROM links WHERE kind = ?1 ORDER BY id", &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  liaison_store_bind_text (stmt, 1, liaison_record_kind_to_string (*kind));
  links = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_link_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (links, liaison_store_link_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      liaison_store_db_fail (db, rc, "Could not list links", &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&links), (GDestroyNotify) g_ptr_array_unref);
}

/* All links of one kind, oldest first (a worker job: there may be 100,000). */
void
liaison_store_list_links_async (LiaisonStore *self, LiaisonRecordKind kind,
                                GCancellable *cancellable, GAsyncReadyCallback callback,
                                gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_STORE (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_list_links_async);
  g_task_set_task_data (task, g_memdup2 (&kind, sizeof kind), g_free);
  liaison_store_push_job (self, task, list_links_job);
}

GPtrArray *
liaison_store_list_links_finish (LiaisonStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The link a record is in, or NULL without an error when it is in none. */
LiaisonStoreLink *
liaison_store_db_lookup_link (LiaisonStoreDb *db, LiaisonService side, const char *connection_id,
                              LiaisonRecordKind kind, const char *remote_id, GError **error)
{
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  int rc;

  stmt = liaison_store_db_prepare (
      db,
      side == LIAISON_SERVICE_LSQ
          ? "SELECT " LIAISON_STORE_LINK_COLUMNS
            " FROM links WHERE lsq_connection = ?1 AND kind = ?2 AND lsq_id = ?3"
          : "SELECT " LIAISON_STORE_LINK_COLUMNS
            " FROM links WHERE ghl_connection = ?1 AND kind = ?2 AND ghl_id = ?3",
      error);
  if (stmt == NULL)
    return NULL;
  liaison_store_bind_text (stmt, 1, connection_id);
  liaison_store_bind_text (stmt, 2, liaison_record_kind_to_string (kind));
  liaison_store_bind_text (stmt, 3, remote_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return liaison_store_link_from_row (stmt);
  if (rc != SQLITE_DONE)
    liaison_store_db_fail (db, rc, "Could not look up a link", error);
  return NULL;
}

/* Main thread (liaison-cli and tests); the GUI uses liaison_store_lookup_link_async. */
LiaisonStoreLink *
liaison_store_lookup_link (LiaisonStore *self, LiaisonService side, const char *connection_id,
                           LiaisonRecordKind kind, const char *remote_id, GError **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  return liaison_store_db_lookup_link (liaison_store_get_reader (self), side, connection_id, kind,
                                       remote_id, error);
}

/* How many links of kind join the two connections (the mass-delete guard's measure); -1 with
 * error set. Main thread (liaison-cli, tests, the undo's plan). */
gint64
liaison_store_count_links (LiaisonStore *self, LiaisonRecordKind kind, const char *lsq_connection,
                           const char *ghl_connection, GError **error)
{
  LiaisonStoreDb *db;
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LIAISON_IS_STORE (self), -1);
  db = liaison_store_get_reader (self);
  stmt = liaison_store_db_prepare (db,
                                   "SELECT count (*) FROM links WHERE kind = ?1"
                                   " AND lsq_connection = ?2 AND ghl_connection = ?3",
                                   error);
  if (stmt == NULL)
    return -1;
  liaison_store_bind_text (stmt, 1, liaison_record_kind_to_string (kind));
  liaison_store_bind_text (stmt, 2, lsq_connection);
  liaison_store_bind_text (stmt, 3, ghl_connection);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      liaison_store_db_fail (db, rc, "Could not count the links", error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}
