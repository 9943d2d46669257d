/* liaison-store-lists.c: list reads on the store's worker (see liaison-store-lists.h).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-store"

#include "liaison-store-lists.h"
#include "liaison-store-private.h"

typedef struct
{
  char *connection_id;
  LiaisonRecordKind kind;
} ListData;

static void
list_data_free (ListData *data)
{
  g_free (data->connection_id);
  g_free (data);
}

static void
finish_rows (LiaisonStoreDb *db, sqlite3_stmt *stmt, int rc, const char *context, GTask *task,
             GPtrArray *rows)
{
  GError *error = NULL;

  if (rc == SQLITE_DONE)
    {
      g_task_return_pointer (task, g_ptr_array_ref (rows), (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  liaison_store_db_fail (db, rc, context, &error);
  g_task_return_error (task, error);
}

static void
list_records_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  ListData *data = g_task_get_task_data (task);
  g_autoptr (GPtrArray) rows
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  GError *error = NULL;
  int rc;

  stmt = liaison_store_db_prepare (db,
                                   "SELECT remote_id, raw, display_name, email, modified_at"
                                   " FROM records WHERE connection_id = ?1 AND kind = ?2"
                                   "   AND deleted = 0 ORDER BY display_name, remote_id",
                                   &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  liaison_store_bind_text (stmt, 1, data->connection_id);
  liaison_store_bind_text (stmt, 2, liaison_record_kind_to_string (data->kind));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *remote_id = liaison_store_column_dup (stmt, 0);
      g_autofree char *raw = liaison_store_column_dup (stmt, 1);
      LiaisonStoreRecord *record = liaison_store_record_new (data->kind, remote_id, raw);

      record->display_name = liaison_store_column_dup (stmt, 2);
      record->email = liaison_store_column_dup (stmt, 3);
      record->modified_at = sqlite3_column_int64 (stmt, 4);
      record->connection_id = g_strdup (data->connection_id);
      g_ptr_array_add (rows, record);
    }
  finish_rows (db, stmt, rc, "Could not list records", task, rows);
}

void
liaison_store_list_records_async (LiaisonStore *self, const char *connection_id,
                                  LiaisonRecordKind kind, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  ListData *data;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (connection_id != NULL);
  data = g_new0 (ListData, 1);
  data->connection_id = g_strdup (connection_id);
  data->kind = kind;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_list_records_async);
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);
  liaison_store_push_job (self, task, list_records_job);
}

GPtrArray *
liaison_store_list_records_finish (LiaisonStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
list_conflicts_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  g_autoptr (GPtrArray) rows
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_conflict_free);
  GPtrArray *names = g_task_get_task_data (task);
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  GError *error = NULL;
  int rc;

  stmt = liaison_store_db_prepare (
      db,
      "SELECT c.id, c.kind, coalesce (c.link_id, 0),"
      "  coalesce (l.lsq_id, json_extract (c.candidates, '$.lsq[0]')),"
      "  coalesce (l.ghl_id, json_extract (c.candidates, '$.ghl[0]')),"
      "  c.field, c.base_value, c.lsq_value, c.ghl_value, c.candidates, c.detected_at,"
      "  r.email, r.display_name"
      " FROM conflicts c LEFT JOIN links l ON l.id = c.link_id"
      " LEFT JOIN records r ON r.kind = 'contact'"
      "   AND r.remote_id = coalesce (l.lsq_id, json_extract (c.candidates, '$.lsq[0]'))"
      "   AND (l.id IS NULL OR r.connection_id = l.lsq_connection)"
      " WHERE c.resolved_at IS NULL"
      " ORDER BY c.kind = 'ambiguous', c.link_id, c.detected_at, c.id",
      &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LiaisonStoreConflict *c = g_new0 (LiaisonStoreConflict, 1);

      c->id = sqlite3_column_int64 (stmt, 0);
      c->kind = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "ambiguous") == 0
                    ? LIAISON_CONFLICT_AMBIGUOUS
                    : LIAISON_CONFLICT_FIELD;
      c->link_id = sqlite3_column_int64 (stmt, 2);
      c->lsq_id = liaison_store_column_dup (stmt, 3);
      c->ghl_id = liaison_store_column_dup (stmt, 4);
      c->field = liaison_store_column_dup (stmt, 5);
      c->base_value = liaison_store_column_dup (stmt, 6);
      c->lsq_value = liaison_store_column_dup (stmt, 7);
      c->ghl_value = liaison_store_column_dup (stmt, 8);
      c->candidates = liaison_store_column_dup (stmt, 9);
      c->detected_at = sqlite3_column_int64 (stmt, 10);
      c->email = liaison_store_column_dup (stmt, 11);
      g_ptr_array_add (rows, c);
      g_ptr_array_add (names, liaison_store_column_dup (stmt, 12));
    }
  finish_rows (db, stmt, rc, "Could not read the conflicts", task, rows);
}

void
liaison_store_list_open_conflicts_async (LiaisonStore *self, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_STORE (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_list_open_conflicts_async);
  g_task_set_task_data (task, g_ptr_array_new_with_free_func (g_free),
                        (GDestroyNotify) g_ptr_array_unref);
  liaison_store_push_job (self, task, list_conflicts_job);
}

GPtrArray *
liaison_store_list_open_conflicts_finish (LiaisonStore *self, GAsyncResult *result,
                                          GPtrArray **contact_names, GError **error)
{
  GPtrArray *conflicts;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  conflicts = g_task_propagate_pointer (G_TASK (result), error);
  if (conflicts != NULL && contact_names != NULL)
    *contact_names = g_ptr_array_ref (g_task_get_task_data (G_TASK (result)));
  return conflicts;
}
