/* liaison-store-conflicts.c: a person's answers to many conflicts at once, and taking answers
 * back. Each call is one transaction on the store's worker: all of its conflicts are answered
 * (or reopened), or none. And the closing of the ambiguous matches a new link settles, inside
 * the transaction that makes the link. And what the Conflicts page needs of all the conflicts it
 * shows while it reads them a page at a time: their count, and an answer for every one that
 * matches (a "Select All", a "for All", a field's policy), read or not.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-store"

#include <json-glib/json-glib.h>

#include "liaison-store-private.h"
#include "liaison-store-sync.h"

/* ids (char *) as a JSON array's text, for json_each. */
static char *
ids_json (GPtrArray *ids)
{
  g_autoptr (JsonArray) array = json_array_new ();
  g_autoptr (JsonNode) node = NULL;

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (ids, i));
  node = json_node_init_array (json_node_alloc (), array);
  return json_to_string (node, FALSE);
}

gboolean
liaison_store_db_close_ambiguous (LiaisonStoreDb *db, GPtrArray *lsq_ids, GPtrArray *ghl_ids,
                                  gint64 run_id, gint64 now, GError **error)
{
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  g_autofree char *lsq = NULL;
  g_autofree char *ghl = NULL;
  int rc;

  if ((lsq_ids == NULL || lsq_ids->len == 0) && (ghl_ids == NULL || ghl_ids->len == 0))
    return TRUE;
  /* One statement for the whole batch (a first sync links thousands of pairs): each id list is
   * read once into an index of its own, and the open ambiguous matches are few. */
  stmt = liaison_store_db_prepare (
      db,
      "UPDATE conflicts SET resolved_at = ?3, resolution = 'linked', applied_run = ?4"
      " WHERE kind = 'ambiguous' AND resolved_at IS NULL"
      "  AND (EXISTS (SELECT 1 FROM json_each (candidates, '$.lsq')"
      "               WHERE value IN (SELECT value FROM json_each (?1)))"
      "    OR EXISTS (SELECT 1 FROM json_each (candidates, '$.ghl')"
      "               WHERE value IN (SELECT value FROM json_each (?2))))",
      error);
  if (stmt == NULL)
    return FALSE;
  lsq = ids_json (lsq_ids);
  ghl = ids_json (ghl_ids);
  liaison_store_bind_text (stmt, 1, lsq);
  liaison_store_bind_text (stmt, 2, ghl);
  sqlite3_bind_int64 (stmt, 3, now);
  /* A person's link leaves the answer one Undo can take back; a run's is written by the run. */
  if (run_id > 0)
    sqlite3_bind_int64 (stmt, 4, run_id);
  else
    sqlite3_bind_null (stmt, 4);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return liaison_store_db_fail (db, rc, "Could not close the ambiguous matches of a link", error);
  return TRUE;
}

typedef struct
{
  GArray *ids; /* gint64 */
  char *resolution;
} ManyData;

static void
many_data_free (ManyData *data)
{
  g_array_unref (data->ids);
  g_free (data->resolution);
  g_free (data);
}

static GTask *
many_task_new (LiaisonStore *self, const GArray *ids, const char *resolution, gpointer tag,
               GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  ManyData *data = g_new0 (ManyData, 1);

  data->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
  g_array_append_vals (data->ids, ids->data, ids->len);
  data->resolution = g_strdup (resolution);
  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, data, (GDestroyNotify) many_data_free);
  return task;
}

/* Runs stmt once per id (bound as ?1) inside one transaction; the ids it changed go to done. */
static gboolean
update_each (LiaisonStoreDb *db, sqlite3_stmt *stmt, const GArray *ids, GArray *done,
             const char *context, GError **error)
{
  if (!liaison_store_db_begin (db, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      int rc;

      sqlite3_bind_int64 (stmt, 1, id);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          liaison_store_db_fail (db, rc, context, error);
          liaison_store_db_rollback (db);
          return FALSE;
        }
      if (sqlite3_changes (db->db) > 0)
        g_array_append_val (done, id);
    }
  if (!liaison_store_db_commit (db, error))
    {
      liaison_store_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

static void
resolve_many_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  ManyData *data = g_task_get_task_data (task);
  g_autoptr (GArray) done = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  GError *error = NULL;

  /* A field conflict takes a side's value as the conflict saw it (the run that applies it
   * writes it); an ambiguous match is settled ("linked", "dismissed") once a person linked a
   * pair or kept the candidates apart. Conflicts answered already are left as they are. */
  stmt = liaison_store_db_prepare (
      db,
      "UPDATE conflicts SET resolved_at = ?2, resolution = ?3,"
      "  resolved_value = CASE ?3 WHEN 'lsq' THEN lsq_value WHEN 'ghl' THEN ghl_value END"
      " WHERE id = ?1 AND resolved_at IS NULL"
      "  AND ((kind = 'field' AND ?3 IN ('lsq', 'ghl'))"
      "    OR (kind = 'ambiguous' AND ?3 IN ('linked', 'dismissed')))",
      &error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 2, g_get_real_time () / 1000);
      liaison_store_bind_text (stmt, 3, data->resolution);
    }
  if (stmt == NULL
      || !update_each (db, stmt, data->ids, done, "Could not record the answers", &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&done), (GDestroyNotify) g_array_unref);
}

void
liaison_store_resolve_conflicts_async (LiaisonStore *self, const GArray *ids,
                                       const char *resolution, GCancellable *cancellable,
                                       GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (ids != NULL && resolution != NULL);
  task = many_task_new (self, ids, resolution, liaison_store_resolve_conflicts_async, cancellable,
                        callback, user_data);
  liaison_store_push_job (self, task, resolve_many_job);
}

GArray *
liaison_store_resolve_conflicts_finish (LiaisonStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
reopen_many_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  ManyData *data = g_task_get_task_data (task);
  g_autoptr (GArray) done = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  GError *error = NULL;

  /* Only answers no run has written: what a run wrote is undone by undoing the run. A conflict
   * opened again on the same field meanwhile keeps its place (OR IGNORE). */
  stmt = liaison_store_db_prepare (
      db,
      "UPDATE OR IGNORE conflicts SET resolved_at = NULL, resolution = NULL,"
      "  resolved_value = NULL"
      " WHERE id = ?1 AND resolved_at IS NOT NULL AND applied_run IS NULL",
      &error);
  if (stmt == NULL
      || !update_each (db, stmt, data->ids, done, "Could not take the answers back", &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_int (task, done->len);
}

void
liaison_store_reopen_conflicts_async (LiaisonStore *self, const GArray *ids,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (ids != NULL);
  task = many_task_new (self, ids, NULL, liaison_store_reopen_conflicts_async, cancellable,
                        callback, user_data);
  liaison_store_push_job (self, task, reopen_many_job);
}

guint
liaison_store_reopen_conflicts_finish (LiaisonStore *self, GAsyncResult *result, GError **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  n = g_task_propagate_int (G_TASK (result), error);
  return n > 0 ? (guint) n : 0;
}

/* ---- the Conflicts page's count, and its answers to every matching conflict ---- */

static void
count_to_review_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  LiaisonStoreConflictCount *count = g_task_get_task_data (task);
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  GError *error = NULL;
  int rc;

  /* The page's own WHERE, so that the conflicts_review index answers it. */
  stmt = liaison_store_db_prepare (db,
                                   "SELECT coalesce (sum (resolved_at IS NULL), 0),"
                                   "  coalesce (sum (resolved_at IS NULL AND kind = 'field'), 0),"
                                   "  coalesce (sum (resolved_at IS NOT NULL), 0)"
                                   " FROM conflicts c WHERE (c.resolved_at IS NULL"
                                   "  OR (c.kind = 'field' AND c.applied_run IS NULL))",
                                   &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      liaison_store_db_fail (db, rc, "Could not count the conflicts", &error);
      g_task_return_error (task, error);
      return;
    }
  count->n_open = (guint) sqlite3_column_int64 (stmt, 0);
  count->n_open_fields = (guint) sqlite3_column_int64 (stmt, 1);
  count->n_answered = (guint) sqlite3_column_int64 (stmt, 2);
  g_task_return_boolean (task, TRUE);
}

void
liaison_store_count_conflicts_to_review_async (LiaisonStore *self, GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_STORE (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_count_conflicts_to_review_async);
  g_task_set_task_data (task, g_new0 (LiaisonStoreConflictCount, 1), g_free);
  liaison_store_push_job (self, task, count_to_review_job);
}

gboolean
liaison_store_count_conflicts_to_review_finish (LiaisonStore *self, GAsyncResult *result,
                                                LiaisonStoreConflictCount *count, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (count != NULL)
    *count = *(LiaisonStoreConflictCount *) g_task_get_task_data (G_TASK (result));
  return TRUE;
}

typedef struct
{
  char *resolution;
  char *field;  /* NULL: every field */
  char *except; /* JSON array of the ids left out */
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_free (data->resolution);
  g_free (data->field);
  g_free (data->except);
  g_free (data);
}

static void
resolve_open_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  OpenData *data = g_task_get_task_data (task);
  g_autoptr (GArray) done = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  GError *error = NULL;
  int rc;

  /* One statement, so one transaction: the conflicts a page has not read yet are answered as
   * those it shows, and a run writing meanwhile sees all of the answers or none. */
  stmt = liaison_store_db_prepare (
      db,
      "UPDATE conflicts SET resolved_at = ?1, resolution = ?2,"
      "  resolved_value = CASE ?2 WHEN 'lsq' THEN lsq_value WHEN 'ghl' THEN ghl_value END"
      " WHERE resolved_at IS NULL AND kind = 'field' AND (?3 IS NULL OR field = ?3)"
      "  AND id NOT IN (SELECT value FROM json_each (?4))"
      " RETURNING id",
      &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, g_get_real_time () / 1000);
  liaison_store_bind_text (stmt, 2, data->resolution);
  liaison_store_bind_text (stmt, 3, data->field);
  liaison_store_bind_text (stmt, 4, data->except);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (done, id);
    }
  if (rc != SQLITE_DONE)
    {
      liaison_store_db_fail (db, rc, "Could not record the answers", &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&done), (GDestroyNotify) g_array_unref);
}

void
liaison_store_resolve_open_conflicts_async (LiaisonStore *self, const char *resolution,
                                            const char *field, const GArray *except,
                                            GCancellable *cancellable, GAsyncReadyCallback callback,
                                            gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (JsonArray) array = json_array_new ();
  g_autoptr (JsonNode) node = NULL;
  OpenData *data;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (g_strcmp0 (resolution, "lsq") == 0 || g_strcmp0 (resolution, "ghl") == 0);
  for (guint i = 0; except != NULL && i < except->len; i++)
    json_array_add_int_element (array, g_array_index (except, gint64, i));
  node = json_node_init_array (json_node_alloc (), array);
  data = g_new0 (OpenData, 1);
  data->resolution = g_strdup (resolution);
  data->field = g_strdup (field);
  data->except = json_to_string (node, FALSE);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_resolve_open_conflicts_async);
  g_task_set_task_data (task, data, (GDestroyNotify) open_data_free);
  liaison_store_push_job (self, task, resolve_open_job);
}
