/* liaison-store-sync.c: the sync engine's write jobs: the field map, settings, runs, intents,
 * conflict answers and the apply step. Each runs on the store's worker in one transaction.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-store"

#include <string.h>

#include "liaison-debug.h"
#include "liaison-store-private.h"
#include "liaison-store-sync.h"

static gint64
now_ms (void)
{
  return liaison_store_stamp_ms ();
}

static gboolean
step_stmt (LiaisonStoreDb *db, sqlite3_stmt *stmt, const char *context, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return liaison_store_db_fail (db, rc, context, error);
  return TRUE;
}

/* Runs body inside BEGIN IMMEDIATE ... COMMIT, rolling back on failure. */
typedef gboolean (*TxnBody) (LiaisonStoreDb *db, gpointer data, GError **error);

static gboolean
in_transaction (LiaisonStoreDb *db, TxnBody body, gpointer data, GError **error)
{
  if (!liaison_store_db_begin (db, error))
    return FALSE;
  if (!body (db, data, error) || !liaison_store_db_commit (db, error))
    {
      liaison_store_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

/* ---- mapping ---- */

typedef struct
{
  char *json;
  gint64 revision;
} MappingData;

static void
mapping_data_free (MappingData *data)
{
  g_free (data->json);
  g_free (data);
}

static gboolean
load_mapping_body (LiaisonStoreDb *db, gpointer user_data, GError **error)
{
  MappingData *data = user_data;
  g_autoptr (LiaisonCachedStmt) stmt = liaison_store_db_prepare (
      db, "SELECT mapping, revision FROM mappings WHERE kind = 'contact'", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      data->json = liaison_store_column_dup (stmt, 0);
      data->revision = sqlite3_column_int64 (stmt, 1);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    return liaison_store_db_fail (db, rc, "Could not read the field mapping", error);
  return TRUE;
}

static void
load_mapping_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  MappingData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!load_mapping_body (db, data, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
liaison_store_load_mapping_async (LiaisonStore *self, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_STORE (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_load_mapping_async);
  g_task_set_task_data (task, g_new0 (MappingData, 1), (GDestroyNotify) mapping_data_free);
  liaison_store_push_job (self, task, load_mapping_job);
}

char *
liaison_store_load_mapping_finish (LiaisonStore *self, GAsyncResult *result, gint64 *revision,
                                   GError **error)
{
  MappingData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  data = g_task_get_task_data (G_TASK (result));
  if (revision)
    *revision = data->revision;
  return g_strdup (data->json);
}

/* Whoever saves a map (the defaults included) has looked at it: the first-run path of the
 * Overview page counts that step as done. */
static gboolean
mark_reviewed (LiaisonStoreDb *db, GError **error)
{
  g_autoptr (LiaisonCachedStmt) stmt = liaison_store_db_prepare (
      db,
      "INSERT INTO settings (key, value, updated_at) VALUES (?1, 'yes', ?2)"
      " ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
      error);

  if (stmt == NULL)
    return FALSE;
  liaison_store_bind_text (stmt, 1, LIAISON_STORE_SETTING_MAPPING_REVIEWED);
  sqlite3_bind_int64 (stmt, 2, now_ms ());
  return step_stmt (db, stmt, "Could not save the field mapping", error);
}

static gboolean
save_mapping_body (LiaisonStoreDb *db, gpointer user_data, GError **error)
{
  MappingData *data = user_data;
  g_autoptr (LiaisonCachedStmt) check = NULL;
  g_autoptr (LiaisonCachedStmt) stmt = NULL;

  if (!mark_reviewed (db, error))
    return FALSE;
  if (data->json == NULL)
    {
      g_autoptr (LiaisonCachedStmt) del
          = liaison_store_db_prepare (db, "DELETE FROM mappings WHERE kind = 'contact'", error);
      data->revision = 0;
      return del != NULL && step_stmt (db, del, "Could not reset the field mapping", error);
    }
  check = liaison_store_db_prepare (db, "SELECT json_valid (?1) AND json_type (?1) = 'object'",
                                    error);
  if (check == NULL)
    return FALSE;
  liaison_store_bind_text (check, 1, data->json);
  if (sqlite3_step (check) != SQLITE_ROW || sqlite3_column_int (check, 0) != 1)
    {
      g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID,
                   "A field mapping must be a JSON object");
      return FALSE;
    }
  stmt = liaison_store_db_prepare (
      db,
      "INSERT INTO mappings (kind, revision, mapping, updated_at) VALUES ('contact', 1, ?1, ?2)"
      " ON CONFLICT (kind) DO UPDATE SET revision = revision + 1, mapping = excluded.mapping,"
      "   updated_at = excluded.updated_at RETURNING revision",
      error);
  if (stmt == NULL)
    return FALSE;
  liaison_store_bind_text (stmt, 1, data->json);
  sqlite3_bind_int64 (stmt, 2, now_ms ());
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return liaison_store_db_fail (db, SQLITE_ERROR, "Could not save the field mapping", error);
  data->revision = sqlite3_column_int64 (stmt, 0);
  /* RETURNING: the statement must run to its end before the commit. */
  return step_stmt (db, stmt, "Could not save the field mapping", error);
}

static void
save_mapping_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  GError *error = NULL;

  if (!in_transaction (db, save_mapping_body, g_task_get_task_data (task), &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
liaison_store_save_mapping_async (LiaisonStore *self, const char *json, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  MappingData *data = g_new0 (MappingData, 1);

  g_return_if_fail (LIAISON_IS_STORE (self));
  data->json = g_strdup (json);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_save_mapping_async);
  g_task_set_task_data (task, data, (GDestroyNotify) mapping_data_free);
  liaison_store_push_job (self, task, save_mapping_job);
}

gboolean
liaison_store_save_mapping_finish (LiaisonStore *self, GAsyncResult *result, gint64 *revision,
                                   GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (revision)
    *revision = ((MappingData *) g_task_get_task_data (G_TASK (result)))->revision;
  return TRUE;
}

/* ---- settings ---- */

typedef struct
{
  char *key;
  char *value;
} SettingData;

static void
setting_data_free (SettingData *data)
{
  g_free (data->key);
  g_free (data->value);
  g_free (data);
}

static void
set_setting_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  SettingData *data = g_task_get_task_data (task);
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  GError *error = NULL;

  stmt = liaison_store_db_prepare (
      db,
      "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3)"
      " ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
      &error);
  if (stmt != NULL)
    {
      liaison_store_bind_text (stmt, 1, data->key);
      liaison_store_bind_text (stmt, 2, data->value);
      sqlite3_bind_int64 (stmt, 3, now_ms ());
    }
  if (stmt == NULL || !step_stmt (db, stmt, "Could not save a setting", &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
liaison_store_set_setting_async (LiaisonStore *self, const char *key, const char *value,
                                 GCancellable *cancellable, GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  SettingData *data = g_new0 (SettingData, 1);

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (key != NULL);
  data->key = g_strdup (key);
  data->value = g_strdup (value);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_set_setting_async);
  g_task_set_task_data (task, data, (GDestroyNotify) setting_data_free);
  liaison_store_push_job (self, task, set_setting_job);
}

gboolean
liaison_store_set_setting_finish (LiaisonStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- runs ---- */

typedef struct
{
  char *trigger;
  gboolean dry_run;
  LiaisonStoreRun *run;
} RunData;

static void
run_data_free (RunData *data)
{
  g_free (data->trigger);
  g_clear_pointer (&data->run, liaison_store_run_free);
  g_free (data);
}

static void
begin_run_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  RunData *data = g_task_get_task_data (task);
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  GError *error = NULL;

  stmt = liaison_store_db_prepare (db,
                                   "INSERT INTO runs (started_at, \"trigger\", dry_run, status)"
                                   " VALUES (?1, ?2, ?3, 'running')",
                                   &error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, now_ms ());
      liaison_store_bind_text (stmt, 2, data->trigger);
      sqlite3_bind_int (stmt, 3, data->dry_run ? 1 : 0);
    }
  if (stmt == NULL || !step_stmt (db, stmt, "Could not record the start of the run", &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, (gssize) sqlite3_last_insert_rowid (db->db));
}

void
liaison_store_begin_run_async (LiaisonStore *self, const char *trigger, gboolean dry_run,
                               GCancellable *cancellable, GAsyncReadyCallback callback,
                               gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  RunData *data = g_new0 (RunData, 1);

  g_return_if_fail (LIAISON_IS_STORE (self));
  data->trigger = g_strdup (trigger ? trigger : "manual");
  data->dry_run = dry_run;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_begin_run_async);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  liaison_store_push_job (self, task, begin_run_job);
}

gint64
liaison_store_begin_run_finish (LiaisonStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  return (gint64) g_task_propagate_int (G_TASK (result), error);
}

static void
finish_run_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  const LiaisonStoreRun *run = ((RunData *) g_task_get_task_data (task))->run;
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  GError *error = NULL;

  stmt = liaison_store_db_prepare (
      db,
      "UPDATE runs SET finished_at = ?2, status = ?3, n_created = ?4, n_updated = ?5,"
      "  n_deleted = ?6, n_linked = ?7, n_conflicts = ?8, n_skipped = ?9, n_failed = ?10,"
      "  error = ?11, cause = ?12, lsq_requests = ?13, ghl_requests = ?14 WHERE id = ?1",
      &error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, run->id);
      sqlite3_bind_int64 (stmt, 2, run->finished_at > 0 ? run->finished_at : now_ms ());
      liaison_store_bind_text (stmt, 3, run->status ? run->status : "succeeded");
      sqlite3_bind_int (stmt, 4, run->n_created);
      sqlite3_bind_int (stmt, 5, run->n_updated);
      sqlite3_bind_int (stmt, 6, run->n_deleted);
      sqlite3_bind_int (stmt, 7, run->n_linked);
      sqlite3_bind_int (stmt, 8, run->n_conflicts);
      sqlite3_bind_int (stmt, 9, run->n_skipped);
      sqlite3_bind_int (stmt, 10, run->n_failed);
      liaison_store_bind_text (stmt, 11, run->error);
      liaison_store_bind_text (stmt, 12, run->cause);
      sqlite3_bind_int (stmt, 13, run->lsq_requests);
      sqlite3_bind_int (stmt, 14, run->ghl_requests);
    }
  if (stmt == NULL || !step_stmt (db, stmt, "Could not record the end of the run", &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
liaison_store_finish_run_async (LiaisonStore *self, const LiaisonStoreRun *run,
                                GCancellable *cancellable, GAsyncReadyCallback callback,
                                gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  RunData *data = g_new0 (RunData, 1);

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (run != NULL && run->id > 0);
  data->run = g_new0 (LiaisonStoreRun, 1);
  *data->run = *run;
  data->run->trigger = NULL;
  data->run->status = g_strdup (run->status);
  data->run->error = g_strdup (run->error);
  data->run->cause = g_strdup (run->cause);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_finish_run_async);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  liaison_store_push_job (self, task, finish_run_job);
}

gboolean
liaison_store_finish_run_finish (LiaisonStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- intents ---- */

static gboolean
add_intents_body (LiaisonStoreDb *db, gpointer user_data, GError **error)
{
  GPtrArray *intents = user_data;
  g_autoptr (LiaisonCachedStmt) stmt = liaison_store_db_prepare (
      db,
      "INSERT INTO intents (run_id, service, kind, op, remote_id, marker, payload, state,"
      "  created_at, updated_at, link_id, source_id)"
      " VALUES (nullif (?1, 0), ?2, ?10, ?3, ?4, ?5, ?6, 'pending', ?7, ?7, nullif (?8, 0),"
      "  ?9)",
      error);
  gint64 now = now_ms ();

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < intents->len; i++)
    {
      LiaisonStoreIntent *intent = g_ptr_array_index (intents, i);

      if (intent->marker == NULL)
        intent->marker = g_uuid_string_random ();
      sqlite3_bind_int64 (stmt, 1, intent->run_id);
      liaison_store_bind_text (stmt, 2, liaison_service_to_string (intent->service));
      liaison_store_bind_text (stmt, 3, liaison_intent_op_to_string (intent->op));
      liaison_store_bind_text (stmt, 4, intent->remote_id);
      liaison_store_bind_text (stmt, 5, intent->marker);
      liaison_store_bind_text (stmt, 6, intent->payload);
      sqlite3_bind_int64 (stmt, 7, now);
      sqlite3_bind_int64 (stmt, 8, intent->link_id);
      liaison_store_bind_text (stmt, 9, intent->source_id);
      liaison_store_bind_text (stmt, 10, liaison_record_kind_to_string (intent->kind));
      if (!step_stmt (db, stmt, "Could not write an intent", error))
        return FALSE;
      sqlite3_reset (stmt);
      intent->id = sqlite3_last_insert_rowid (db->db);
      intent->created_at = now;
    }
  return TRUE;
}

static void
add_intents_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  GPtrArray *intents = g_task_get_task_data (task);
  GError *error = NULL;
  GArray *ids;

  if (!in_transaction (db, add_intents_body, intents, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), intents->len);
  for (guint i = 0; i < intents->len; i++)
    g_array_append_val (ids, ((LiaisonStoreIntent *) g_ptr_array_index (intents, i))->id);
  g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
}

void
liaison_store_add_intents_async (LiaisonStore *self, GPtrArray *intents, GCancellable *cancellable,
                                 GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (intents != NULL);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_add_intents_async);
  g_task_set_task_data (task, g_ptr_array_ref (intents), (GDestroyNotify) g_ptr_array_unref);
  liaison_store_push_job (self, task, add_intents_job);
}

GArray *
liaison_store_add_intents_finish (LiaisonStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- conflicts ---- */

typedef struct
{
  gint64 id;
  char *resolution;
  char *value;
} ResolveData;

static void
resolve_data_free (ResolveData *data)
{
  g_free (data->resolution);
  g_free (data->value);
  g_free (data);
}

static void
resolve_conflict_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  ResolveData *data = g_task_get_task_data (task);
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  GError *error = NULL;

  /* The side's value is taken as the conflict saw it; the run that applies it writes it. */
  stmt = liaison_store_db_prepare (
      db,
      "UPDATE conflicts SET resolved_at = ?2, resolution = ?3,"
      "  resolved_value = CASE ?3 WHEN 'lsq' THEN lsq_value WHEN 'ghl' THEN ghl_value ELSE ?4 END"
      " WHERE id = ?1 AND kind = 'field' AND resolved_at IS NULL",
      &error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, data->id);
      sqlite3_bind_int64 (stmt, 2, now_ms ());
      liaison_store_bind_text (stmt, 3, data->resolution);
      liaison_store_bind_text (stmt, 4, data->value);
    }
  if (stmt == NULL || !step_stmt (db, stmt, "Could not record the answer", &error))
    g_task_return_error (task, error);
  else if (sqlite3_changes (db->db) == 0)
    g_task_return_new_error (task, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND,
                             "There is no open field conflict %" G_GINT64_FORMAT
                             "; “liaison-cli conflicts” lists the open ones",
                             data->id);
  else
    g_task_return_boolean (task, TRUE);
}

void
liaison_store_resolve_conflict_async (LiaisonStore *self, gint64 conflict_id,
                                      const char *resolution, const char *value,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  ResolveData *data = g_new0 (ResolveData, 1);

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (resolution != NULL);
  data->id = conflict_id;
  data->resolution = g_strdup (resolution);
  data->value = g_strdup (value);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_resolve_conflict_async);
  g_task_set_task_data (task, data, (GDestroyNotify) resolve_data_free);
  liaison_store_push_job (self, task, resolve_conflict_job);
}

gboolean
liaison_store_resolve_conflict_finish (LiaisonStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- notifications ---- */

void
liaison_store_notify_sync (LiaisonStore *self, const char *lsq_connection,
                           const char *ghl_connection)
{
  g_return_if_fail (LIAISON_IS_STORE (self));
  if (lsq_connection)
    liaison_store_notify_records (self, lsq_connection, LIAISON_RECORD_CONTACT);
  if (ghl_connection)
    liaison_store_notify_records (self, ghl_connection, LIAISON_RECORD_CONTACT);
  liaison_store_notify_links (self, LIAISON_RECORD_CONTACT);
}
