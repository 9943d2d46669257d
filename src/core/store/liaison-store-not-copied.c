/* liaison-store-not-copied.c: records an undo took the copy of back (issue 15). The undo of a
 * run's create deletes the copy the run made on the other service and the link; the original
 * is then listed here, in the same transaction (liaison-store-sync-step.c), so that the next
 * sync does not copy it again. A person lets it be copied again by removing it from the list.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-store"

#include "liaison-store-private.h"
#include "liaison-store-sync.h"

void
liaison_store_not_copied_free (LiaisonStoreNotCopied *row)
{
  if (row == NULL)
    return;
  g_free (row->connection_id);
  g_free (row->remote_id);
  g_free (row);
}

char *
liaison_store_not_copied_key (const char *connection_id, const char *remote_id)
{
  return g_strconcat (connection_id, "\n", remote_id, NULL);
}

/* Every record of kind not to copy again, oldest first. Main thread (liaison-cli, tests) or the
 * sync engine's: a read-only connection of its own. */
GPtrArray *
liaison_store_list_not_copied_of (LiaisonStore *self, LiaisonRecordKind kind, GError **error)
{
  LiaisonStoreDb *db;
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  int rc;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  db = liaison_store_db_open (liaison_store_get_path (self), TRUE, error);
  if (db == NULL)
    return NULL;
  stmt = liaison_store_db_prepare (
      db,
      "SELECT n.connection_id, c.service, n.remote_id, n.run_id, n.undone_run, n.at"
      " FROM not_copied n JOIN connections c ON c.id = n.connection_id"
      " WHERE n.kind = ?1 ORDER BY n.at, n.remote_id",
      error);
  if (stmt != NULL)
    {
      liaison_store_bind_text (stmt, 1, liaison_record_kind_to_string (kind));
      rows = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_not_copied_free);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          LiaisonStoreNotCopied *row = g_new0 (LiaisonStoreNotCopied, 1);

          row->connection_id = liaison_store_column_dup (stmt, 0);
          liaison_service_from_string ((const char *) sqlite3_column_text (stmt, 1), &row->service);
          row->remote_id = liaison_store_column_dup (stmt, 2);
          row->run_id = sqlite3_column_int64 (stmt, 3);
          row->undone_run = sqlite3_column_int64 (stmt, 4);
          row->at = sqlite3_column_int64 (stmt, 5);
          g_ptr_array_add (rows, row);
        }
      if (rc != SQLITE_DONE)
        {
          liaison_store_db_fail (db, rc, "Could not read the records not to copy again", error);
          g_clear_pointer (&rows, g_ptr_array_unref);
        }
    }
  g_clear_pointer (&stmt, liaison_cached_stmt_release);
  liaison_store_db_close (db);
  return g_steal_pointer (&rows);
}

GPtrArray *
liaison_store_list_not_copied (LiaisonStore *self, GError **error)
{
  return liaison_store_list_not_copied_of (self, LIAISON_RECORD_CONTACT, error);
}

typedef struct
{
  char *remote_id;
  guint removed;
} CopyAgain;

static void
copy_again_free (CopyAgain *data)
{
  g_free (data->remote_id);
  g_free (data);
}

static void
copy_again_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  CopyAgain *data = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (LiaisonCachedStmt) stmt
      = liaison_store_db_prepare (db, "DELETE FROM not_copied WHERE remote_id = ?1", &error);
  int rc;

  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  liaison_store_bind_text (stmt, 1, data->remote_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      liaison_store_db_fail (db, rc, "Could not let the contact be copied again", &error);
      g_task_return_error (task, error);
      return;
    }
  data->removed = (guint) sqlite3_changes (db->db);
  if (data->removed > 0)
    liaison_store_notify_links (self, LIAISON_RECORD_CONTACT);
  g_task_return_boolean (task, TRUE);
}

/* Lets the next sync copy the record remote_id (a contact, task, note or appointment of either
 * service) again. */
void
liaison_store_copy_again_async (LiaisonStore *self, const char *remote_id,
                                GCancellable *cancellable, GAsyncReadyCallback callback,
                                gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  CopyAgain *data = g_new0 (CopyAgain, 1);

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (remote_id != NULL);
  data->remote_id = g_strdup (remote_id);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_copy_again_async);
  g_task_set_task_data (task, data, (GDestroyNotify) copy_again_free);
  liaison_store_push_job (self, task, copy_again_job);
}

/* How many records were let go (0: remote_id was not listed), or -1 with error set. */
gint
liaison_store_copy_again_finish (LiaisonStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return -1;
  return (gint) ((CopyAgain *) g_task_get_task_data (G_TASK (result)))->removed;
}

/* Every record of the tasks, notes and appointments an undo took the copy of back, for the
 * Contacts page's activity list: one read on the store's worker. */
static void
list_activities_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  GError *error = NULL;
  g_autoptr (LiaisonCachedStmt) stmt = liaison_store_db_prepare (
      db,
      "SELECT n.connection_id, c.service, n.remote_id, n.run_id, n.undone_run, n.at"
      " FROM not_copied n JOIN connections c ON c.id = n.connection_id"
      " WHERE n.kind IN ('task', 'note', 'appointment') ORDER BY n.at, n.remote_id",
      &error);
  g_autoptr (GPtrArray) rows = NULL;
  int rc;

  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_not_copied_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LiaisonStoreNotCopied *row = g_new0 (LiaisonStoreNotCopied, 1);

      row->connection_id = liaison_store_column_dup (stmt, 0);
      liaison_service_from_string ((const char *) sqlite3_column_text (stmt, 1), &row->service);
      row->remote_id = liaison_store_column_dup (stmt, 2);
      row->run_id = sqlite3_column_int64 (stmt, 3);
      row->undone_run = sqlite3_column_int64 (stmt, 4);
      row->at = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      liaison_store_db_fail (db, rc, "Could not read the records not to copy again", &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&rows), (GDestroyNotify) g_ptr_array_unref);
}

void
liaison_store_list_not_copied_activities_async (LiaisonStore *self, GCancellable *cancellable,
                                                GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_STORE (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_list_not_copied_activities_async);
  liaison_store_push_job (self, task, list_activities_job);
}

GPtrArray *
liaison_store_list_not_copied_activities_finish (LiaisonStore *self, GAsyncResult *result,
                                                 GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
