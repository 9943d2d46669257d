/* liaison-store-history.c: paged, filtered reads of the sync history and its CSV export.
 *
 * Pages are keyed by id (keyset paging), never by OFFSET, so that the thousandth page costs what
 * the first does. The _async reads run on the store's worker with its connection; the plain ones
 * on the store's reader, for liaison-cli and tests.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-store"

#include <json-glib/json-glib.h>

#include "liaison-store-history-private.h"

LiaisonHistoryFilter *
liaison_history_filter_new (void)
{
  LiaisonHistoryFilter *filter = g_new0 (LiaisonHistoryFilter, 1);

  filter->action = -1;
  filter->status = -1;
  return filter;
}

LiaisonHistoryFilter *
liaison_history_filter_copy (const LiaisonHistoryFilter *filter)
{
  LiaisonHistoryFilter *copy = g_new0 (LiaisonHistoryFilter, 1);

  *copy = *filter;
  copy->contact = g_strdup (filter->contact);
  copy->field = g_strdup (filter->field);
  copy->search = g_strdup (filter->search);
  return copy;
}

void
liaison_history_filter_free (LiaisonHistoryFilter *filter)
{
  if (filter == NULL)
    return;
  g_free (filter->contact);
  g_free (filter->field);
  g_free (filter->search);
  g_free (filter);
}

char *
liaison_history_value_to_text (const char *json, gboolean *is_text)
{
  g_autoptr (JsonNode) node = json ? json_from_string (json, NULL) : NULL;

  if (is_text != NULL)
    *is_text = FALSE;
  if (node == NULL)
    return json && *json ? g_strdup (json) : NULL;
  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      if (*text == '\0')
        return NULL;
      if (is_text != NULL)
        *is_text = TRUE;
      return g_strdup (text);
    }
  return g_strdup (json);
}

/* ---- the reads ---- */

static GPtrArray *
db_list_runs_page (LiaisonStoreDb *db, gint64 before_id, guint limit, GError **error)
{
  g_autoptr (LiaisonCachedStmt) stmt
      = liaison_store_db_prepare (db,
                                  "SELECT " LIAISON_STORE_RUN_COLUMNS
                                  " FROM runs WHERE ?1 = 0 OR id < ?1 ORDER BY id DESC LIMIT ?2",
                                  error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, before_id);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);
  return liaison_store_collect (db, stmt, liaison_store_run_from_row,
                                (GDestroyNotify) liaison_store_run_free,
                                "Could not read the sync history", error);
}

/* The statement names only the filters in use, so that SQLite can pick an index for them
 * (`?1 = 0 OR run_id = ?1` would scan the whole table). Each combination is its own prepared
 * statement in the connection's cache; the parameter numbers stay the same in all of them. The
 * contact is matched on either id; the search on the text a person sees in a row, column by
 * column with LIKE, which folds ASCII case without building a string per row. */
static char *
operations_sql (const LiaisonHistoryFilter *filter, gboolean search)
{
  GString *sql = g_string_new ("SELECT " LIAISON_STORE_OPERATION_COLUMNS " FROM operations WHERE ");

  if (filter->run_id != 0)
    g_string_append (sql, "run_id = ?1 AND ");
  if (filter->contact && *filter->contact)
    g_string_append (sql, "(lsq_id = ?2 OR ghl_id = ?2) AND ");
  if (filter->field && *filter->field)
    g_string_append (sql, "field = ?3 AND ");
  if (filter->action >= 0)
    g_string_append (sql, "action = ?4 AND ");
  if (filter->status >= 0)
    g_string_append (sql, "status = ?5 AND ");
  if (search)
    g_string_append (sql, "(field LIKE ?6 ESCAPE '\\' OR lsq_id LIKE ?6 ESCAPE '\\'"
                          " OR ghl_id LIKE ?6 ESCAPE '\\' OR before LIKE ?6 ESCAPE '\\'"
                          " OR after LIKE ?6 ESCAPE '\\' OR error LIKE ?6 ESCAPE '\\'"
                          " OR cause LIKE ?6 ESCAPE '\\') AND ");
  g_string_append (sql, filter->newest_first ? "(?7 = 0 OR id < ?7) ORDER BY id DESC LIMIT ?8"
                                             : "id > ?7 ORDER BY id LIMIT ?8");
  return g_string_free (sql, FALSE);
}

/* A LIKE pattern finding text anywhere, its own % and _ taken literally. */
static char *
like_pattern (const char *text)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

GPtrArray *
liaison_store_db_query_operations (LiaisonStoreDb *db, const LiaisonHistoryFilter *filter,
                                   gint64 after_id, guint limit, GError **error)
{
  gboolean search = filter->search && *filter->search;
  g_autofree char *sql = operations_sql (filter, search);
  g_autoptr (LiaisonCachedStmt) stmt = liaison_store_db_prepare (db, sql, error);
  g_autofree char *pattern = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, filter->run_id);
  liaison_store_bind_text (stmt, 2, filter->contact && *filter->contact ? filter->contact : NULL);
  liaison_store_bind_text (stmt, 3, filter->field && *filter->field ? filter->field : NULL);
  liaison_store_bind_text (
      stmt, 4, filter->action >= 0 ? liaison_operation_action_to_string (filter->action) : NULL);
  liaison_store_bind_text (
      stmt, 5, filter->status >= 0 ? liaison_operation_status_to_string (filter->status) : NULL);
  /* LIKE folds ASCII case only, as SQLite's lower () did before it. */
  if (search)
    pattern = like_pattern (filter->search);
  liaison_store_bind_text (stmt, 6, pattern);
  sqlite3_bind_int64 (stmt, 7, after_id);
  sqlite3_bind_int64 (stmt, 8, limit > 0 ? (gint64) limit : -1);
  return liaison_store_collect (db, stmt, liaison_store_operation_from_row,
                                (GDestroyNotify) liaison_store_operation_free,
                                "Could not read the sync history", error);
}

GPtrArray *
liaison_store_query_operations (LiaisonStore *self, const LiaisonHistoryFilter *filter,
                                gint64 after_id, guint limit, GError **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  return liaison_store_db_query_operations (liaison_store_get_reader (self), filter, after_id,
                                            limit, error);
}

typedef struct
{
  LiaisonHistoryFilter *filter;
  gint64 from_id;
  guint limit;
} PageData;

static void
page_data_free (PageData *data)
{
  liaison_history_filter_free (data->filter);
  g_free (data);
}

static void
runs_page_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  PageData *data = g_task_get_task_data (task);
  GError *error = NULL;
  GPtrArray *rows = db_list_runs_page (db, data->from_id, data->limit, &error);

  if (rows == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
}

void
liaison_store_list_runs_page_async (LiaisonStore *self, gint64 before_id, guint limit,
                                    GCancellable *cancellable, GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  PageData *data = g_new0 (PageData, 1);

  g_return_if_fail (LIAISON_IS_STORE (self));
  data->from_id = before_id;
  data->limit = limit;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_list_runs_page_async);
  g_task_set_task_data (task, data, (GDestroyNotify) page_data_free);
  liaison_store_push_job (self, task, runs_page_job);
}

GPtrArray *
liaison_store_list_runs_page_finish (LiaisonStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
operations_page_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  PageData *data = g_task_get_task_data (task);
  GError *error = NULL;
  GPtrArray *rows
      = liaison_store_db_query_operations (db, data->filter, data->from_id, data->limit, &error);

  if (rows == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
}

void
liaison_store_query_operations_async (LiaisonStore *self, const LiaisonHistoryFilter *filter,
                                      gint64 after_id, guint limit, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  PageData *data = g_new0 (PageData, 1);

  g_return_if_fail (LIAISON_IS_STORE (self));
  data->filter = liaison_history_filter_copy (filter);
  data->from_id = after_id;
  data->limit = limit;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_query_operations_async);
  g_task_set_task_data (task, data, (GDestroyNotify) page_data_free);
  liaison_store_push_job (self, task, operations_page_job);
}

GPtrArray *
liaison_store_query_operations_finish (LiaisonStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
