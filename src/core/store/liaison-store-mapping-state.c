/* liaison-store-mapping-state.c: the saved field map and the settings beside it, read in one
 * worker job (see liaison_store_read_mapping_state_async in liaison-store-sync.h), and whether
 * scheduled syncs wait for the map's review (liaison_store_read_schedule_hold_async).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-store"

#include "liaison-store-private.h"
#include "liaison-store-sync.h"

void
liaison_store_mapping_state_free (LiaisonStoreMappingState *state)
{
  if (state == NULL)
    return;
  g_free (state->json);
  g_free (state->region);
  for (guint s = 0; s < 2; s++)
    {
      g_clear_pointer (&state->fields[s], g_ptr_array_unref);
      g_clear_pointer (&state->users[s], g_ptr_array_unref);
    }
  g_free (state);
}

static gboolean
read_setting (LiaisonStoreDb *db, const char *key, char **value, GError **error)
{
  g_autoptr (LiaisonCachedStmt) stmt
      = liaison_store_db_prepare (db, "SELECT value FROM settings WHERE key = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  liaison_store_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = liaison_store_column_dup (stmt, 0);
  else if (rc != SQLITE_DONE)
    return liaison_store_db_fail (db, rc, "Could not read a setting", error);
  return TRUE;
}

static gpointer
raw_from_row (sqlite3_stmt *stmt)
{
  return liaison_store_column_dup (stmt, 0);
}

static GPtrArray *
read_raw (LiaisonStoreDb *db, const char *connection_id, LiaisonRecordKind kind, GError **error)
{
  g_autoptr (LiaisonCachedStmt) stmt = liaison_store_db_prepare (
      db,
      "SELECT raw FROM records WHERE connection_id = ?1 AND kind = ?2 AND deleted = 0 ORDER BY id",
      error);

  if (stmt == NULL)
    return NULL;
  liaison_store_bind_text (stmt, 1, connection_id);
  liaison_store_bind_text (stmt, 2, liaison_record_kind_to_string (kind));
  return liaison_store_collect (db, stmt, raw_from_row, g_free, "Could not read the cached records",
                                error);
}

static gboolean
read_state (LiaisonStoreDb *db, LiaisonStoreMappingState *state, char **connection, GError **error)
{
  g_autoptr (LiaisonCachedStmt) stmt
      = liaison_store_db_prepare (db, "SELECT mapping FROM mappings WHERE kind = 'contact'", error);
  g_autofree char *reviewed = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    state->json = liaison_store_column_dup (stmt, 0);
  else if (rc != SQLITE_DONE)
    return liaison_store_db_fail (db, rc, "Could not read the field mapping", error);
  if (!read_setting (db, LIAISON_STORE_SETTING_PHONE_REGION, &state->region, error)
      || !read_setting (db, LIAISON_STORE_SETTING_MAPPING_REVIEWED, &reviewed, error))
    return FALSE;
  if (state->region != NULL && *state->region == '\0')
    g_clear_pointer (&state->region, g_free);
  state->reviewed = state->json != NULL || g_strcmp0 (reviewed, "yes") == 0;
  for (guint s = 0; s < 2; s++)
    {
      if (connection[s] == NULL)
        continue;
      state->fields[s] = read_raw (db, connection[s], LIAISON_RECORD_FIELD, error);
      if (state->fields[s] == NULL)
        return FALSE;
      state->users[s] = read_raw (db, connection[s], LIAISON_RECORD_USER, error);
      if (state->users[s] == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
connections_free (char **connection)
{
  g_free (connection[0]);
  g_free (connection[1]);
  g_free (connection);
}

static void
read_state_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  LiaisonStoreMappingState *state = g_new0 (LiaisonStoreMappingState, 1);
  GError *error = NULL;

  if (!read_state (db, state, g_task_get_task_data (task), &error))
    {
      liaison_store_mapping_state_free (state);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, state, (GDestroyNotify) liaison_store_mapping_state_free);
}

void
liaison_store_read_mapping_state_async (LiaisonStore *self, const char *lsq_connection,
                                        const char *ghl_connection, GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  char **connection = g_new0 (char *, 2);

  g_return_if_fail (LIAISON_IS_STORE (self));
  connection[0] = g_strdup (lsq_connection);
  connection[1] = g_strdup (ghl_connection);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_read_mapping_state_async);
  g_task_set_task_data (task, connection, (GDestroyNotify) connections_free);
  liaison_store_push_job (self, task, read_state_job);
}

LiaisonStoreMappingState *
liaison_store_read_mapping_state_finish (LiaisonStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- whether scheduled syncs wait ---- */

static void
read_hold_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  GError *error = NULL;
  g_autoptr (LiaisonCachedStmt) stmt = liaison_store_db_prepare (
      db,
      "SELECT NOT EXISTS (SELECT 1 FROM mappings WHERE kind = 'contact')"
      " AND NOT EXISTS (SELECT 1 FROM settings WHERE key = ?1 AND value = 'yes')"
      " AND NOT EXISTS (SELECT 1 FROM runs WHERE dry_run = 0)"
      " AND NOT EXISTS (SELECT 1 FROM links WHERE synced_at IS NOT NULL)",
      &error);
  int rc;

  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  liaison_store_bind_text (stmt, 1, LIAISON_STORE_SETTING_MAPPING_REVIEWED);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      liaison_store_db_fail (db, rc, "Could not read whether the field mapping was reviewed",
                             &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_int (task, sqlite3_column_int (stmt, 0));
}

void
liaison_store_read_schedule_hold_async (LiaisonStore *self, GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_STORE (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_read_schedule_hold_async);
  liaison_store_push_job (self, task, read_hold_job);
}

gboolean
liaison_store_read_schedule_hold_finish (LiaisonStore *self, GAsyncResult *result, gboolean *held,
                                         GError **error)
{
  GError *local = NULL;
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  value = g_task_propagate_int (G_TASK (result), &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  if (held)
    *held = value != 0;
  return TRUE;
}
