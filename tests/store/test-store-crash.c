/* test-store-crash.c: a paged full refresh killed with SIGKILL at an arbitrary moment loses
 * nothing: the store holds exactly the pages before its cursor, and resuming from the cursor
 * ends with every record once.
 *
 * The refresh runs in a child process (this program, started again with --child) that reports
 * each committed page on stdout; the parent kills it a few pages in, while it is busy writing the
 * next ones, then reopens the database itself.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gio/gunixinputstream.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <sys/wait.h>

#include "store-test-util.h"

#define N_PAGES 40
#define PAGE_SIZE 150

/* The "service": page p holds contacts p * PAGE_SIZE ... p * PAGE_SIZE + PAGE_SIZE - 1. */
static GPtrArray *
fetch_page (guint page)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);

  for (guint i = 0; i < PAGE_SIZE; i++)
    {
      guint n = page * PAGE_SIZE + i;
      g_autofree char *id = g_strdup_printf ("c%05u", n);
      g_autofree char *name = g_strdup_printf ("Person %u", n);
      g_autofree char *email = g_strdup_printf ("person%u@example.com", n);
      g_ptr_array_add (records, store_test_contact (id, name, email, NULL, NULL, 1000 + n));
    }
  return records;
}

static guint
page_of_token (const char *token)
{
  if (token == NULL)
    return 0;
  g_assert_true (g_str_has_prefix (token, "page-"));
  return (guint) g_ascii_strtoull (token + 5, NULL, 10);
}

/* Fetches and commits pages from where the cursor says until the end; returns how many pages
 * it fetched. */
static guint
run_refresh (LiaisonStore *store, const char *connection_id, gboolean report)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonStoreCursor) cursor
      = store_test_begin_full (store, connection_id, LIAISON_RECORD_CONTACT, &error);
  guint fetched = 0;

  g_assert_no_error (error);
  for (guint page = page_of_token (cursor->page_token); page < N_PAGES; page++)
    {
      g_autoptr (GPtrArray) records = fetch_page (page);

      g_free (cursor->page_token);
      cursor->page_token = g_strdup_printf ("page-%u", page + 1);
      g_assert_true (store_test_commit (store, connection_id, LIAISON_RECORD_CONTACT, records,
                                        cursor, &error));
      g_assert_no_error (error);
      fetched++;
      if (report)
        {
          printf ("committed %u\n", page);
          fflush (stdout);
        }
    }
  g_assert_true (store_test_finish_full (store, connection_id, LIAISON_RECORD_CONTACT, "end", FALSE,
                                         NULL, &error));
  g_assert_no_error (error);
  if (report)
    {
      printf ("done\n");
      fflush (stdout);
    }
  return fetched;
}

static int
child_main (const char *path, const char *connection_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonStore) store = liaison_store_open_sync (path, NULL, &error);

  g_assert_no_error (error);
  run_refresh (store, connection_id, TRUE);
  return 0;
}

static gint64
raw_int (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
crash_and_resume (gconstpointer data)
{
  guint kill_after = GPOINTER_TO_UINT (data);
  g_autofree char *dir = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "crash.db", NULL);
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *connection_id = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GInputStream) raw = NULL;
  g_autoptr (GDataInputStream) lines = NULL;
  g_autoptr (LiaisonStore) store = NULL;
  g_autoptr (LiaisonStoreCursor) cursor = NULL;
  g_autofree char *sql = NULL;
  guint committed = 0, resumed_from, fetched;
  gboolean child_done = FALSE;
  int out_fd = -1, status = 0;
  GPid pid;

  store = store_test_open (path, NULL, &error);
  g_assert_no_error (error);
  connection_id = store_test_add_connection (store, LIAISON_SERVICE_GHL, "loc-crash");
  g_clear_object (&store);
  store_test_drain ();

  {
    const char *argv[] = { exe, "--child", path, connection_id, NULL };
    g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                              &pid, NULL, &out_fd, NULL, &error);
    g_assert_no_error (error);
  }
  raw = g_unix_input_stream_new (out_fd, TRUE);
  lines = g_data_input_stream_new (raw);
  while (committed < kill_after)
    {
      g_autofree char *line = g_data_input_stream_read_line (lines, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (line);
      g_assert_true (g_str_has_prefix (line, "committed "));
      committed++;
    }
  /* The child is busy committing the following pages: kill it wherever it is. */
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line (lines, NULL, NULL, NULL);
      if (line == NULL)
        break;
      if (g_str_equal (line, "done"))
        child_done = TRUE;
    }
  g_assert_false (child_done);

  /* After the crash: exactly the pages before the cursor, nothing of the ones after. */
  store = store_test_open (path, NULL, &error);
  g_assert_no_error (error);
  cursor = liaison_store_lookup_cursor (store, connection_id, LIAISON_RECORD_CONTACT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cursor);
  g_assert_cmpint (cursor->phase, ==, LIAISON_REFRESH_FULL);
  resumed_from = page_of_token (cursor->page_token);
  g_test_message ("killed after %u reported pages; the cursor says page %u", committed,
                  resumed_from);
  g_assert_cmpuint (resumed_from, >=, committed);
  g_assert_cmpuint (resumed_from, <, N_PAGES);
  g_assert_cmpint (
      liaison_store_count_records (store, connection_id, LIAISON_RECORD_CONTACT, &error), ==,
      resumed_from * PAGE_SIZE);
  sql = g_strdup_printf ("SELECT count(*) FROM records WHERE remote_id >= 'c%05u'",
                         resumed_from * PAGE_SIZE);
  g_assert_cmpint (raw_int (path, sql), ==, 0);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM pragma_integrity_check"
                                  " WHERE integrity_check != 'ok'"),
                   ==, 0);

  /* Resuming fetches only the missing pages and ends with every record exactly once. */
  fetched = run_refresh (store, connection_id, FALSE);
  g_assert_cmpuint (fetched, ==, N_PAGES - resumed_from);
  g_assert_cmpint (
      liaison_store_count_records (store, connection_id, LIAISON_RECORD_CONTACT, &error), ==,
      N_PAGES * PAGE_SIZE);
  g_assert_cmpint (raw_int (path, "SELECT count(DISTINCT remote_id) FROM records"), ==,
                   N_PAGES * PAGE_SIZE);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM records WHERE deleted = 1"), ==, 0);
  for (guint n = 0; n < N_PAGES * PAGE_SIZE; n += 97)
    {
      g_autofree char *id = g_strdup_printf ("c%05u", n);
      g_autoptr (LiaisonStoreRecord) r
          = liaison_store_lookup_record (store, connection_id, LIAISON_RECORD_CONTACT, id, &error);
      g_assert_nonnull (r);
      g_assert_cmpint (r->modified_at, ==, 1000 + n);
    }
  g_clear_pointer (&cursor, liaison_store_cursor_free);
  cursor = liaison_store_lookup_cursor (store, connection_id, LIAISON_RECORD_CONTACT, &error);
  g_assert_cmpint (cursor->phase, ==, LIAISON_REFRESH_INCREMENTAL);
  g_assert_cmpstr (cursor->cursor, ==, "end");
  g_clear_object (&store);
  store_test_drain ();
  store_test_rmtree (dir);
}

int
main (int argc, char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return child_main (argv[2], argv[3]);

  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/store/crash/kill-after-1-page", GUINT_TO_POINTER (1), crash_and_resume);
  g_test_add_data_func ("/store/crash/kill-after-4-pages", GUINT_TO_POINTER (4), crash_and_resume);
  g_test_add_data_func ("/store/crash/kill-after-9-pages", GUINT_TO_POINTER (9), crash_and_resume);
  return g_test_run ();
}
