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

/* A search goes through operations_search (schema 7), the trigram index of the text a person
 * sees in a row: it names the operations holding every trigram of the search, and LIKE then
 * checks those rows column by column, so that the answer is exactly that of a scan (LIKE folds
 * ASCII case, as SQLite's lower () did before it). A search of fewer than three characters has
 * no trigram and scans. */
#define SEARCH_PROBE_CAP 20000 /* a trigram in more operations than this is common */

typedef struct
{
  char *phrase; /* the trigram as an FTS5 string, quotes doubled */
  gint64 count; /* operations holding it, up to SEARCH_PROBE_CAP */
} Trigram;

static void
trigram_clear (Trigram *t)
{
  g_free (t->phrase);
}

static int
compare_trigrams (gconstpointer a, gconstpointer b)
{
  const Trigram *x = a, *y = b;

  return (x->count > y->count) - (x->count < y->count);
}

/* How many operations hold the trigram, counted up to the cap: a bounded read of its list. */
static gboolean
probe_trigram (LiaisonStoreDb *db, Trigram *t, GError **error)
{
  g_autoptr (LiaisonCachedStmt) stmt = liaison_store_db_prepare (
      db,
      "SELECT count (*) FROM (SELECT rowid FROM operations_search WHERE operations_search"
      " MATCH ?1 LIMIT ?2)",
      error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  liaison_store_bind_text (stmt, 1, t->phrase);
  sqlite3_bind_int (stmt, 2, SEARCH_PROBE_CAP);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return liaison_store_db_fail (db, rc, "Could not search the sync history", error);
  t->count = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* The FTS5 query naming every operation that may hold text: its rare trigrams ANDed, or all of
 * them when none is rare. A rare trigram's list is short, so LIKE checks at most that many rows
 * (SEARCH_PROBE_CAP), and the common trigrams are left out: ANDing one costs a seek in its long
 * list for every row the others share, which at a million operations was most of a search's
 * time ("person 012345": 55 ms with all eleven, 1 ms with its three rare ones). When every
 * trigram is common ("person" in every contact's name), any few of them name most of the
 * history, which LIKE would check row by row: then all are ANDed, the rarest first. NULL with
 * no error when text is shorter than a trigram. */
static char *
search_match (LiaisonStoreDb *db, const char *text, GError **error)
{
  g_autoptr (GArray) trigrams = g_array_new (FALSE, TRUE, sizeof (Trigram));
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GString) match = g_string_new (NULL);
  gboolean rare;

  g_array_set_clear_func (trigrams, (GDestroyNotify) trigram_clear);
  if (!g_utf8_validate (text, -1, NULL))
    return NULL;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *end = p;
      g_autofree char *key = NULL;
      GString *phrase;
      Trigram t = { NULL, 0 };

      for (guint n = 0; n < 3 && *end != '\0'; n++)
        end = g_utf8_next_char (end);
      if (g_utf8_strlen (p, end - p) < 3)
        break;
      key = g_utf8_casefold (p, end - p);
      if (g_hash_table_contains (seen, key))
        continue;
      phrase = g_string_new ("\"");
      for (const char *c = p; c < end; c++)
        {
          if (*c == '"')
            g_string_append_c (phrase, '"');
          g_string_append_c (phrase, *c);
        }
      g_string_append_c (phrase, '"');
      t.phrase = g_string_free (phrase, FALSE);
      g_array_append_val (trigrams, t);
      g_hash_table_add (seen, g_steal_pointer (&key));
    }
  if (trigrams->len == 0)
    return NULL;
  for (guint i = 0; i < trigrams->len; i++)
    if (!probe_trigram (db, &g_array_index (trigrams, Trigram, i), error))
      return NULL;
  g_array_sort (trigrams, compare_trigrams);
  rare = g_array_index (trigrams, Trigram, 0).count < SEARCH_PROBE_CAP;
  for (guint i = 0; i < trigrams->len; i++)
    {
      const Trigram *t = &g_array_index (trigrams, Trigram, i);

      if (rare && t->count >= SEARCH_PROBE_CAP)
        break;
      g_string_append_printf (match, "%s%s", i > 0 ? " AND " : "", t->phrase);
    }
  return g_string_free (g_steal_pointer (&match), FALSE);
}

/* The statement names only the filters in use, so that SQLite can pick an index for them
 * (`?1 = 0 OR run_id = ?1` would scan the whole table). Each combination is its own prepared
 * statement in the connection's cache; the parameter numbers stay the same in all of them. The
 * contact is matched on either id. With indexed, the index of the search drives the read, in
 * its own rowid order (the operations' ids), which it gives without sorting. */
static char *
operations_sql (const LiaisonHistoryFilter *filter, gboolean search, gboolean indexed)
{
  GString *sql = g_string_new ("SELECT " LIAISON_STORE_OPERATION_COLUMNS " FROM ");
  const char *id = indexed ? "operations_search.rowid" : "id";

  if (indexed)
    g_string_append (sql, "operations_search JOIN operations ON operations.id ="
                          " operations_search.rowid WHERE operations_search MATCH ?9 AND ");
  else
    g_string_append (sql, "operations WHERE ");
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
  if (filter->newest_first)
    g_string_append_printf (sql, "(?7 = 0 OR %s < ?7) ORDER BY %s DESC LIMIT ?8", id, id);
  else
    g_string_append_printf (sql, "%s > ?7 ORDER BY %s LIMIT ?8", id, id);
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
  g_autofree char *match = NULL;
  g_autofree char *sql = NULL;
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  g_autofree char *pattern = NULL;

  if (search)
    {
      GError *local = NULL;

      match = search_match (db, filter->search, &local);
      if (local != NULL)
        {
          g_propagate_error (error, local);
          return NULL;
        }
    }
  sql = operations_sql (filter, search, match != NULL);
  stmt = liaison_store_db_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, filter->run_id);
  liaison_store_bind_text (stmt, 2, filter->contact && *filter->contact ? filter->contact : NULL);
  liaison_store_bind_text (stmt, 3, filter->field && *filter->field ? filter->field : NULL);
  liaison_store_bind_text (
      stmt, 4, filter->action >= 0 ? liaison_operation_action_to_string (filter->action) : NULL);
  liaison_store_bind_text (
      stmt, 5, filter->status >= 0 ? liaison_operation_status_to_string (filter->status) : NULL);
  if (search)
    pattern = like_pattern (filter->search);
  liaison_store_bind_text (stmt, 6, pattern);
  sqlite3_bind_int64 (stmt, 7, after_id);
  sqlite3_bind_int64 (stmt, 8, limit > 0 ? (gint64) limit : -1);
  if (match != NULL)
    liaison_store_bind_text (stmt, 9, match);
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
