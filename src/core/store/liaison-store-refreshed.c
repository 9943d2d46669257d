/* liaison-store-refreshed.c: when each connection's last refresh went through.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-store"

#include "liaison-store-private.h"

typedef struct
{
  char *connection_id;
  gint64 refreshed_at;
} Refreshed;

static void
refreshed_free (Refreshed *data)
{
  g_free (data->connection_id);
  g_free (data);
}

static void
set_refreshed_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  Refreshed *data = g_task_get_task_data (task);
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  GError *error = NULL;
  int rc;

  stmt = liaison_store_db_prepare (db, "UPDATE connections SET refreshed_at = ?2 WHERE id = ?1",
                                   &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  liaison_store_bind_text (stmt, 1, data->connection_id);
  sqlite3_bind_int64 (stmt, 2, data->refreshed_at);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      liaison_store_db_fail (db, rc, "Could not note when the account was refreshed", &error);
      g_task_return_error (task, error);
    }
  else if (sqlite3_changes (db->db) == 0)
    g_task_return_new_error (task, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND,
                             "The account is not connected (any more)");
  else
    g_task_return_boolean (task, TRUE);
}

/* Notes that a refresh of connection_id went through at refreshed_at (ms UTC). */
void
liaison_store_set_refreshed_async (LiaisonStore *self, const char *connection_id,
                                   gint64 refreshed_at, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  Refreshed *data;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (connection_id != NULL);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_set_refreshed_async);
  data = g_new0 (Refreshed, 1);
  data->connection_id = g_strdup (connection_id);
  data->refreshed_at = refreshed_at;
  g_task_set_task_data (task, data, (GDestroyNotify) refreshed_free);
  liaison_store_push_job (self, task, set_refreshed_job);
}

gboolean
liaison_store_set_refreshed_finish (LiaisonStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* When connection_id was last refreshed, ms UTC: 0 when never (or no such connection), -1 with
 * error set when the store cannot be read. */
gint64
liaison_store_db_refreshed_at (LiaisonStoreDb *db, const char *connection_id, GError **error)
{
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  int rc;

  stmt = liaison_store_db_prepare (db, "SELECT refreshed_at FROM connections WHERE id = ?1", error);
  if (stmt == NULL)
    return -1;
  liaison_store_bind_text (stmt, 1, connection_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc == SQLITE_DONE)
    return 0;
  liaison_store_db_fail (db, rc, "Could not read when the account was refreshed", error);
  return -1;
}

/* Main thread (liaison-cli and tests). */
gint64
liaison_store_get_refreshed_at (LiaisonStore *self, const char *connection_id, GError **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), -1);
  return liaison_store_db_refreshed_at (liaison_store_get_reader (self), connection_id, error);
}
