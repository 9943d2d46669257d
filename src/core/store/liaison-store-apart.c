/* liaison-store-apart.c: pairs of records a person kept apart. A pair is a LiaisonStoreLink of
 * which only kind, the connections, the remote ids and linked_at (when it was kept apart) mean
 * anything. Keeping apart and releasing notify like links do, so the contact list reloads.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-store"

#include "liaison-store-private.h"

static gboolean
pair_is_valid (const LiaisonStoreLink *pair, gboolean wildcards)
{
  if (pair->lsq_connection == NULL || pair->ghl_connection == NULL)
    return FALSE;
  if (wildcards)
    return pair->lsq_id != NULL || pair->ghl_id != NULL;
  return pair->lsq_id != NULL && pair->ghl_id != NULL;
}

static void
write_pairs (LiaisonStore *self, LiaisonStoreDb *db, GTask *task, gboolean keep)
{
  GPtrArray *pairs = g_task_get_task_data (task);
  GError *error = NULL;
  gint64 now = liaison_store_stamp_ms ();
  gboolean ok = liaison_store_db_begin (db, &error);

  for (guint i = 0; ok && i < pairs->len; i++)
    {
      const LiaisonStoreLink *pair = g_ptr_array_index (pairs, i);
      g_autoptr (LiaisonCachedStmt) stmt = NULL;
      int rc;

      if (!pair_is_valid (pair, !keep))
        {
          g_set_error (&error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID,
                       keep ? "Only a record on each side can be kept apart"
                            : "Say which records to match again");
          ok = FALSE;
          break;
        }
      /* A NULL id releases every pair of the other side's record. */
      stmt = liaison_store_db_prepare (
          db,
          keep ? "INSERT OR IGNORE INTO kept_apart (kind, lsq_connection, lsq_id, ghl_connection,"
                 " ghl_id, kept_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
               : "DELETE FROM kept_apart WHERE kind = ?1 AND lsq_connection = ?2"
                 " AND (?3 IS NULL OR lsq_id = ?3) AND ghl_connection = ?4"
                 " AND (?5 IS NULL OR ghl_id = ?5)",
          &error);
      if (stmt == NULL)
        {
          ok = FALSE;
          break;
        }
      liaison_store_bind_text (stmt, 1, liaison_record_kind_to_string (pair->kind));
      liaison_store_bind_text (stmt, 2, pair->lsq_connection);
      liaison_store_bind_text (stmt, 3, pair->lsq_id);
      liaison_store_bind_text (stmt, 4, pair->ghl_connection);
      liaison_store_bind_text (stmt, 5, pair->ghl_id);
      if (keep)
        sqlite3_bind_int64 (stmt, 6, pair->linked_at > 0 ? pair->linked_at : now);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        ok = liaison_store_db_fail (
            db, rc, keep ? "Could not keep the records apart" : "Could not match the records again",
            &error);
    }
  if (ok)
    ok = liaison_store_db_commit (db, &error);
  if (!ok)
    {
      liaison_store_db_rollback (db);
      g_task_return_error (task, error);
      return;
    }
  if (pairs->len > 0)
    liaison_store_notify_links (self, ((LiaisonStoreLink *) g_ptr_array_index (pairs, 0))->kind);
  g_task_return_boolean (task, TRUE);
}

static void
keep_apart_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  write_pairs (self, db, task, TRUE);
}

static void
release_apart_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  write_pairs (self, db, task, FALSE);
}

static void
push_pairs (LiaisonStore *self, GPtrArray *pairs, gpointer tag, LiaisonStoreJobFunc job,
            GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, g_ptr_array_ref (pairs), (GDestroyNotify) g_ptr_array_unref);
  liaison_store_push_job (self, task, job);
}

/* Keeps each pair (a LiaisonStoreLink: kind, connections and ids) apart, all or none; a pair
 * kept apart already stays as it is. */
void
liaison_store_keep_apart_async (LiaisonStore *self, GPtrArray *pairs, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (pairs != NULL);
  push_pairs (self, pairs, liaison_store_keep_apart_async, keep_apart_job, cancellable, callback,
              user_data);
}

gboolean
liaison_store_keep_apart_finish (LiaisonStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Lets each pair be matched again; a pair with lsq_id (or ghl_id) NULL releases every pair of
 * its other record. Releasing a pair that is not kept apart is no error. */
void
liaison_store_release_apart_async (LiaisonStore *self, GPtrArray *pairs, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (pairs != NULL);
  push_pairs (self, pairs, liaison_store_release_apart_async, release_apart_job, cancellable,
              callback, user_data);
}

gboolean
liaison_store_release_apart_finish (LiaisonStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The pairs of kind kept apart between the two connections, oldest first. */
GPtrArray *
liaison_store_db_list_apart (LiaisonStoreDb *db, LiaisonRecordKind kind, const char *lsq_connection,
                             const char *ghl_connection, GError **error)
{
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  g_autoptr (GPtrArray) pairs = NULL;
  int rc;

  stmt = liaison_store_db_prepare (
      db,
      "SELECT lsq_id, ghl_id, kept_at FROM kept_apart WHERE kind = ?1 AND lsq_connection = ?2"
      " AND ghl_connection = ?3 ORDER BY kept_at, lsq_id, ghl_id",
      error);
  if (stmt == NULL)
    return NULL;
  liaison_store_bind_text (stmt, 1, liaison_record_kind_to_string (kind));
  liaison_store_bind_text (stmt, 2, lsq_connection);
  liaison_store_bind_text (stmt, 3, ghl_connection);
  pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_link_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LiaisonStoreLink *pair = g_new0 (LiaisonStoreLink, 1);

      pair->kind = kind;
      pair->lsq_connection = g_strdup (lsq_connection);
      pair->lsq_id = liaison_store_column_dup (stmt, 0);
      pair->ghl_connection = g_strdup (ghl_connection);
      pair->ghl_id = liaison_store_column_dup (stmt, 1);
      pair->linked_at = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (pairs, pair);
    }
  if (rc != SQLITE_DONE)
    {
      liaison_store_db_fail (db, rc, "Could not read the records kept apart", error);
      return NULL;
    }
  return g_steal_pointer (&pairs);
}

/* Main thread (liaison-cli, tests) or the sync engine's thread: its own read-only connection. */
GPtrArray *
liaison_store_list_apart (LiaisonStore *self, LiaisonRecordKind kind, const char *lsq_connection,
                          const char *ghl_connection, GError **error)
{
  LiaisonStoreDb *db;
  GPtrArray *pairs;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  db = liaison_store_db_open (liaison_store_get_path (self), TRUE, error);
  if (db == NULL)
    return NULL;
  pairs = liaison_store_db_list_apart (db, kind, lsq_connection, ghl_connection, error);
  liaison_store_db_close (db);
  return pairs;
}
