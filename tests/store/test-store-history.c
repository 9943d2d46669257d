/* test-store-history.c: the history's paged, filtered reads and its CSV export: runs newest first
 * a page at a time, operations by run, contact, field, kind, result and search, and a CSV round
 * trip through quotes, commas, newlines and non-Latin text.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>

#include "liaison-store-history.h"
#include "store-test-util.h"

/* Run 1 (cli) carries a city across; run 2 (manual) two names, one of them failed; run 3
 * (scheduled) one awkward value. Times are pinned: 1 December 2026, 09:00 UTC onwards. */
static const char *const seed_sql
    = "INSERT INTO runs (id, started_at, finished_at, \"trigger\", status, n_updated, n_failed)"
      " VALUES (1, 1796115600000, 1796115601000, 'cli', 'succeeded', 1, 0),"
      "        (2, 1796119200000, 1796119202000, 'manual', 'partial', 1, 1),"
      "        (3, 1796122800000, 1796122800500, 'scheduled', 'succeeded', 1, 0);"
      "INSERT INTO operations (run_id, at, service, kind, lsq_id, ghl_id, action, field, before,"
      "                        after, status, error, cause) VALUES"
      " (1, 1796115600100, 'ghl', 'contact', 'lsq-1', 'ghl-1', 'update', 'city', '\"Pune\"',"
      "  '\"Mumbai\"', 'applied', NULL, 'lsq-changed'),"
      " (2, 1796119200100, 'ghl', 'contact', 'lsq-2', 'ghl-2', 'update', 'firstName', '\"Ada\"',"
      "  '\"Ada Augusta\"', 'applied', NULL, 'lsq-changed'),"
      " (2, 1796119200200, 'lsq', 'contact', 'lsq-1', 'ghl-1', 'update', 'firstName', '\"Bo\"',"
      "  '\"Bob\"', 'failed', 'LeadSquared answered 503.', 'http-503'),"
      " (3, 1796122800100, 'lsq', 'contact', 'lsq-3', 'ghl-3', 'create', 'companyName',"
      "  '\"Smith, \"\"Jones\"\" & Co\"', '\"Zeile eins\nline two, 東京 «Ünïcödé»\"', 'applied',"
      "  NULL, 'ghl-created');";

static LiaisonStore *
open_seeded (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "profile.db", NULL);
  g_autoptr (GError) error = NULL;
  LiaisonStore *store = store_test_open (path, NULL, &error);
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, seed_sql, NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
  sqlite3_close (db);
  return store;
}

static GPtrArray *
query (LiaisonStore *store, const LiaisonHistoryFilter *filter, gint64 after, guint limit)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *rows;

  liaison_store_query_operations_async (store, filter, after, limit, NULL, store_test_result_cb,
                                        &result);
  rows = liaison_store_query_operations_finish (store, store_test_wait (&result), &error);
  g_assert_no_error (error);
  return rows;
}

static gint64
op_id (GPtrArray *rows, guint i)
{
  return ((LiaisonStoreOperation *) g_ptr_array_index (rows, i))->id;
}

static void
test_runs_pages (void)
{
  g_autofree char *dir = store_test_tmpdir ();
  g_autoptr (LiaisonStore) store = open_seeded (dir);
  g_autoptr (GAsyncResult) first = NULL;
  g_autoptr (GAsyncResult) second = NULL;
  g_autoptr (GPtrArray) page = NULL;
  g_autoptr (GPtrArray) rest = NULL;
  g_autoptr (GError) error = NULL;
  LiaisonStoreRun *run;

  liaison_store_list_runs_page_async (store, 0, 2, NULL, store_test_result_cb, &first);
  page = liaison_store_list_runs_page_finish (store, store_test_wait (&first), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 2);
  run = g_ptr_array_index (page, 0);
  g_assert_cmpint (run->id, ==, 3);
  g_assert_cmpstr (run->trigger, ==, "scheduled");
  g_assert_cmpint (run->finished_at - run->started_at, ==, 500);
  run = g_ptr_array_index (page, 1);
  g_assert_cmpint (run->id, ==, 2);
  g_assert_cmpuint (run->n_failed, ==, 1);

  liaison_store_list_runs_page_async (store, run->id, 2, NULL, store_test_result_cb, &second);
  rest = liaison_store_list_runs_page_finish (store, store_test_wait (&second), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rest->len, ==, 1);
  g_assert_cmpstr (((LiaisonStoreRun *) g_ptr_array_index (rest, 0))->trigger, ==, "cli");

  g_clear_object (&store);
  store_test_drain ();
  store_test_rmtree (dir);
}

static void
test_filters (void)
{
  g_autofree char *dir = store_test_tmpdir ();
  g_autoptr (LiaisonStore) store = open_seeded (dir);
  g_autoptr (LiaisonHistoryFilter) filter = liaison_history_filter_new ();
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;

  /* Everything, newest first, two at a time. */
  filter->newest_first = TRUE;
  rows = query (store, filter, 0, 2);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpint (op_id (rows, 0), ==, 4);
  g_assert_cmpint (op_id (rows, 1), ==, 3);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = query (store, filter, 3, 2);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpint (op_id (rows, 1), ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* One run, in its order. */
  filter->newest_first = FALSE;
  filter->run_id = 2;
  rows = query (store, filter, 0, 0);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpint (op_id (rows, 0), ==, 2);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* A contact, by either service's id. */
  filter->run_id = 0;
  filter->contact = g_strdup ("ghl-1");
  rows = query (store, filter, 0, 0);
  g_assert_cmpuint (rows->len, ==, 2);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_free (filter->contact);
  filter->contact = g_strdup ("lsq-1");
  filter->status = LIAISON_OPERATION_FAILED;
  rows = query (store, filter, 0, 0);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((LiaisonStoreOperation *) g_ptr_array_index (rows, 0))->error, ==,
                   "LeadSquared answered 503.");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* A field and a kind. */
  g_clear_pointer (&filter->contact, g_free);
  filter->status = -1;
  filter->field = g_strdup ("firstName");
  rows = query (store, filter, 0, 0);
  g_assert_cmpuint (rows->len, ==, 2);
  g_clear_pointer (&rows, g_ptr_array_unref);
  filter->action = LIAISON_OPERATION_CREATE;
  rows = query (store, filter, 0, 0);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_pointer (&filter->field, g_free);
  rows = query (store, filter, 0, 0);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* A search, case folded, in values, errors and non-Latin text; on the reader as well. */
  filter->action = -1;
  filter->search = g_strdup ("AUGUSTA");
  rows = liaison_store_query_operations (store, filter, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (op_id (rows, 0), ==, 2);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_free (filter->search);
  filter->search = g_strdup ("東京");
  rows = query (store, filter, 0, 0);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (op_id (rows, 0), ==, 4);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_free (filter->search);
  filter->search = g_strdup ("503");
  rows = query (store, filter, 0, 0);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);
  /* LIKE's wildcards are searched for as they are: no row holds an underscore or a percent. */
  g_free (filter->search);
  filter->search = g_strdup ("_");
  rows = query (store, filter, 0, 0);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_free (filter->search);
  filter->search = g_strdup ("%");
  rows = query (store, filter, 0, 0);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  /* Combined filters: one run's failed operations of one contact. */
  g_clear_pointer (&filter->search, g_free);
  filter->run_id = 2;
  filter->contact = g_strdup ("ghl-1");
  filter->status = LIAISON_OPERATION_FAILED;
  rows = query (store, filter, 0, 0);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (op_id (rows, 0), ==, 3);

  g_clear_object (&store);
  store_test_drain ();
  store_test_rmtree (dir);
}

static void
test_csv_round_trip (void)
{
  g_autofree char *dir = store_test_tmpdir ();
  g_autoptr (LiaisonStore) store = open_seeded (dir);
  g_autoptr (LiaisonHistoryFilter) filter = liaison_history_filter_new ();
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *text = NULL;
  g_autofree char *written = NULL;
  g_autofree char *path = g_build_filename (dir, "history.csv", NULL);
  char **row;

  g_assert_cmpint (liaison_store_export_csv (store, filter, out, NULL, &error), ==, 4);
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  g_output_stream_close (out, NULL, NULL);
  text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
  g_assert_true (g_str_has_prefix (text, "run,operation,at,action,side,lsq_id,ghl_id,field,"
                                         "before,after,result,error,cause\r\n"));
  rows = liaison_csv_parse (text, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 5);
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpuint (g_strv_length (row), ==, 13);
  g_assert_cmpstr (row[2], ==, "2026-12-01T09:00:00Z");
  g_assert_cmpstr (row[8], ==, "\"Pune\"");
  g_assert_cmpstr (row[9], ==, "\"Mumbai\"");
  row = g_ptr_array_index (rows, 3);
  g_assert_cmpstr (row[10], ==, "failed");
  g_assert_cmpstr (row[11], ==, "LeadSquared answered 503.");
  row = g_ptr_array_index (rows, 4);
  g_assert_cmpstr (row[3], ==, "create");
  g_assert_cmpstr (row[8], ==, "\"Smith, \"\"Jones\"\" & Co\"");
  g_assert_cmpstr (row[9], ==, "\"Zeile eins\nline two, 東京 «Ünïcödé»\"");
  g_assert_cmpstr (row[12], ==, "ghl-created");

  /* To a file, on the worker, one run only. */
  filter->run_id = 2;
  file = g_file_new_for_path (path);
  liaison_store_export_csv_async (store, filter, file, NULL, store_test_result_cb, &result);
  g_assert_cmpint (liaison_store_export_csv_finish (store, store_test_wait (&result), &error), ==,
                   2);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, NULL, &error));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = liaison_csv_parse (written, &error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 1))[0], ==, "2");

  /* Values as a person reads them. */
  {
    gboolean is_text = FALSE;
    g_autofree char *city = liaison_history_value_to_text ("\"Pune\"", &is_text);
    g_autofree char *number = NULL;

    g_assert_cmpstr (city, ==, "Pune");
    g_assert_true (is_text);
    number = liaison_history_value_to_text ("42", &is_text);
    g_assert_cmpstr (number, ==, "42");
    g_assert_false (is_text);
    g_assert_null (liaison_history_value_to_text ("null", NULL));
    g_assert_null (liaison_history_value_to_text ("\"\"", NULL));
    g_assert_null (liaison_history_value_to_text (NULL, NULL));
  }

  /* An unclosed quote is an error, not a short row. */
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = liaison_csv_parse ("a,\"b\r\n", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (rows);

  g_clear_object (&store);
  store_test_drain ();
  store_test_rmtree (dir);
}

static gint64
raw_count (const char *dir, const char *sql)
{
  g_autofree char *path = g_build_filename (dir, "profile.db", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static guint64
prune (LiaisonStore *store, gint64 before_ms)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  guint64 n_runs = G_MAXUINT64;

  liaison_store_prune_history_async (store, before_ms, NULL, store_test_result_cb, &result);
  g_assert_true (
      liaison_store_prune_history_finish (store, store_test_wait (&result), &n_runs, &error));
  g_assert_no_error (error);
  return n_runs;
}

/* Retention at fixed instants: 90 days before 1 December 2026, 09:00 UTC is 2 September, 09:00;
 * 0 days keeps everything. Pruning removes the runs started before the cutoff with their
 * operations, in batches of 200, and never a run still running. */
static void
test_prune (void)
{
  g_autofree char *dir = store_test_tmpdir ();
  g_autoptr (LiaisonStore) store = open_seeded (dir);
  g_autofree char *path = g_build_filename (dir, "profile.db", NULL);
  g_autoptr (GString) sql = g_string_new ("BEGIN;");
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (liaison_history_retention_cutoff (90, 1796115600000), ==, 1788339600000);
  g_assert_cmpint (liaison_history_retention_cutoff (0, 1796115600000), ==, 0);
  g_assert_cmpint (liaison_history_retention_cutoff (1, 1000), ==, 0);

  /* 450 finished runs in August 2026 of two operations each, and one there still running. */
  for (guint i = 0; i < 450; i++)
    g_string_append_printf (
        sql,
        "INSERT INTO runs (id, started_at, finished_at, \"trigger\", status)"
        " VALUES (%u, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'scheduled', 'succeeded');"
        "INSERT INTO operations (run_id, at, service, kind, action, status) VALUES"
        " (%u, 1, 'ghl', 'contact', 'update', 'applied'),"
        " (%u, 2, 'lsq', 'contact', 'update', 'applied');",
        100 + i, 1785542400000 + i * 60000, 1785542400000 + i * 60000 + 1000, 100 + i, 100 + i);
  g_string_append (sql, "INSERT INTO runs (id, started_at, \"trigger\", status)"
                        " VALUES (99, 1785542400000, 'cli', 'running');"
                        "INSERT INTO intents (run_id, service, kind, op, state, created_at,"
                        " updated_at) VALUES (100, 'ghl', 'contact', 'update', 'done', 1, 1);"
                        "COMMIT;");
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, sql->str, NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
  sqlite3_close (db);

  g_assert_cmpuint (prune (store, 0), ==, 0);
  g_assert_cmpint (raw_count (dir, "SELECT count(*) FROM runs"), ==, 454);

  g_assert_cmpuint (prune (store, liaison_history_retention_cutoff (90, 1796115600000)), ==, 450);
  g_assert_cmpint (raw_count (dir, "SELECT count(*) FROM runs"), ==, 4);
  g_assert_cmpint (raw_count (dir, "SELECT count(*) FROM operations"), ==, 4);
  g_assert_cmpint (raw_count (dir, "SELECT count(*) FROM runs WHERE status = 'running'"), ==, 1);
  g_assert_cmpint (raw_count (dir, "SELECT count(*) FROM intents WHERE run_id IS NULL"), ==, 1);

  /* A day's retention: on 1 December 2026, 11:30 UTC every run of that morning stays; on
   * 2 December, 09:30 run 1 (09:00 the day before) goes and run 2 (10:00) stays. */
  g_assert_cmpuint (prune (store, liaison_history_retention_cutoff (1, 1796124600000)), ==, 0);
  g_assert_cmpuint (prune (store, liaison_history_retention_cutoff (1, 1796203800000)), ==, 1);
  g_assert_cmpint (raw_count (dir, "SELECT count(*) FROM runs WHERE id IN (1, 2, 3)"), ==, 2);
  g_assert_cmpint (raw_count (dir, "SELECT count(*) FROM operations WHERE run_id = 1"), ==, 0);
  g_assert_cmpint (raw_count (dir, "SELECT count(*) FROM operations WHERE run_id = 2"), ==, 2);

  g_clear_object (&store);
  store_test_drain ();
  store_test_rmtree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/history/runs-pages", test_runs_pages);
  g_test_add_func ("/store/history/filters", test_filters);
  g_test_add_func ("/store/history/csv-round-trip", test_csv_round_trip);
  g_test_add_func ("/store/history/prune", test_prune);
  return g_test_run ();
}
