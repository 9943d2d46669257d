/* test-store-recover.c: a damaged store is moved aside, never deleted, and a
 * fresh one keeps what could be read of the connections, links and history,
 * but none of the cache. The damage is real: pages of the file overwritten.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sqlite3.h>

#include "liaison-store-recover.h"
#include "liaison-store.h"

static char *work_dir;

static void
exec_sql (sqlite3 *db, const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* A store with two connections, three links, a run with two operations,
 * and cached records; closed, without a -wal left over. */
static char *
make_store (const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s.db", name);
  char *path = g_build_filename (work_dir, file, NULL);
  g_autoptr (LiaisonStore) store = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3 *db = NULL;

  store = liaison_store_open_sync (path, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db, "INSERT INTO connections (id, service, account_id, display_name, created_at, "
                "updated_at) VALUES ('c-lsq', 'lsq', 'org1', 'Acme', 1, 1), "
                "('c-ghl', 'ghl', 'loc1', 'Acme Location', 1, 1)");
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *sql = g_strdup_printf (
          "INSERT INTO records (connection_id, kind, remote_id, raw, content_hash, fetched_at, "
          "display_name, search_text) VALUES ('%s', 'contact', 'r%u', '{\"padding\": \"%0*d\"}', "
          "'h', 1, 'Person %u', 'person %u')",
          i % 2 ? "c-ghl" : "c-lsq", i, 400, 0, i, i);

      exec_sql (db, sql);
    }
  exec_sql (db, "INSERT INTO links (kind, lsq_connection, lsq_id, ghl_connection, ghl_id, origin, "
                "linked_at) VALUES ('contact', 'c-lsq', 'r0', 'c-ghl', 'r1', 'matched', 1), "
                "('contact', 'c-lsq', 'r2', 'c-ghl', 'r3', 'manual', 2), "
                "('contact', 'c-lsq', 'r4', 'c-ghl', 'r5', 'created', 3)");
  exec_sql (db, "INSERT INTO runs (id, started_at, \"trigger\", status) VALUES (7, 10, 'manual', "
                "'succeeded')");
  exec_sql (db, "INSERT INTO operations (run_id, at, service, kind, remote_id, link_id, action, "
                "status) "
                "VALUES (7, 11, 'ghl', 'contact', 'r1', 1, 'update', 'applied'), "
                "(7, 12, 'lsq', 'contact', 'r2', 2, 'link', 'applied')");
  exec_sql (db, "INSERT INTO cursors (connection_id, kind, phase, updated_at) VALUES ('c-lsq', "
                "'contact', 'incremental', 5)");
  exec_sql (db, "PRAGMA wal_checkpoint (TRUNCATE)");
  sqlite3_close (db);
  return path;
}

static int
root_page (const char *path, const char *table, int *page_size)
{
  g_autofree char *sql
      = g_strdup_printf ("SELECT rootpage FROM sqlite_schema WHERE name = '%s'", table);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int page = 0;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA page_size", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *page_size = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return page;
}

/* Overwrites bytes of the file with garbage. */
static void
scribble (const char *path, goffset offset, gsize length)
{
  g_autofree char *garbage = g_malloc (length);
  FILE *file = fopen (path, "r+b");

  memset (garbage, 0xA5, length);
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, (long) offset, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (garbage, 1, length, file), ==, length);
  fclose (file);
}

static void
damage_table (const char *path, const char *table)
{
  int page_size = 0;
  int page = root_page (path, table, &page_size);

  g_assert_cmpint (page, >, 1);
  scribble (path, (goffset) (page - 1) * page_size, (gsize) page_size);
}

static gint64
count (LiaisonStore *store, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open (liaison_store_get_path (store), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static GDateTime *
fixed_now (void)
{
  return g_date_time_new_utc (2026, 12, 2, 10, 15, 0);
}

/* The cache is damaged: everything of Liaison's own survives, the cache is
 * left to be fetched again, and the old file is still there, renamed. */
static void
test_damaged_cache (void)
{
  g_autofree char *path = make_store ("cache");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected_aside
      = g_build_filename (work_dir, "cache-damaged-20261202-101500.db", NULL);
  g_autoptr (GDateTime) now = fixed_now ();
  g_autoptr (LiaisonStoreRecovery) recovery = NULL;
  g_autoptr (LiaisonStore) store = NULL;
  g_autoptr (GPtrArray) connections = NULL;
  g_autoptr (GError) error = NULL;
  gsize before_len = 0, after_len = 0;

  damage_table (path, "records");
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  recovery = liaison_store_recover_sync (path, now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (recovery);
  g_assert_cmpstr (recovery->moved_to, ==, expected_aside);
  g_assert_false (recovery->read_nothing);
  g_assert_cmpuint (recovery->kept_connections, ==, 2);
  g_assert_cmpuint (recovery->kept_links, ==, 3);
  g_assert_cmpuint (recovery->kept_history, ==, 3);

  /* Moved, byte for byte, not deleted. */
  g_assert_true (g_file_get_contents (recovery->moved_to, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);

  store = liaison_store_open_sync (path, NULL, &error);
  g_assert_no_error (error);
  connections = liaison_store_list_connections (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (connections->len, ==, 2);
  g_assert_cmpint (count (store, "links"), ==, 3);
  g_assert_cmpint (count (store, "operations"), ==, 2);
  g_assert_cmpint (count (store, "runs"), ==, 1);
  g_assert_cmpint (count (store, "records"), ==, 0);
  g_assert_cmpint (count (store, "cursors"), ==, 0);
}

/* The connections are unreadable: the links that point at them go too,
 * the run and its operations stay. Nothing dangling is left. */
static void
test_damaged_connections (void)
{
  g_autofree char *path = make_store ("connections");
  g_autoptr (GDateTime) now = fixed_now ();
  g_autoptr (LiaisonStoreRecovery) recovery = NULL;
  g_autoptr (LiaisonStore) store = NULL;
  g_autoptr (GError) error = NULL;

  damage_table (path, "connections");
  recovery = liaison_store_recover_sync (path, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recovery->kept_connections, ==, 0);
  g_assert_cmpuint (recovery->kept_links, ==, 0);
  store = liaison_store_open_sync (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (store, "links"), ==, 0);
  g_assert_cmpint (count (store, "runs"), ==, 1);
  /* An operation keeps its history, without the link it pointed at. */
  g_assert_cmpint (count (store, "operations"), ==, 2);
  g_assert_cmpint (count (store, "operations WHERE link_id IS NULL"), ==, 2);
}

/* Not a database at all: opening says so (the code the interface and the
 * CLI offer the rebuild on), and the rebuild starts empty. A second rebuild
 * in the same second does not overwrite the first one's file. */
static void
test_not_a_database (void)
{
  g_autofree char *path = make_store ("garbage");
  g_autoptr (GDateTime) now = fixed_now ();
  g_autoptr (LiaisonStoreRecovery) first = NULL;
  g_autoptr (LiaisonStoreRecovery) second = NULL;
  g_autoptr (LiaisonStore) store = NULL;
  g_autoptr (GError) error = NULL;

  scribble (path, 0, 4096);
  store = liaison_store_open_sync (path, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  first = liaison_store_recover_sync (path, now, &error);
  g_assert_no_error (error);
  g_assert_true (first->read_nothing);
  g_assert_cmpuint (first->kept_connections, ==, 0);
  g_assert_true (g_file_test (first->moved_to, G_FILE_TEST_EXISTS));
  store = liaison_store_open_sync (path, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  second = liaison_store_recover_sync (path, now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second->moved_to, !=, first->moved_to);
  g_assert_true (g_file_test (first->moved_to, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (second->moved_to, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  work_dir = g_dir_make_tmp ("liaison-recover-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/store/recover/damaged-cache", test_damaged_cache);
  g_test_add_func ("/store/recover/damaged-connections", test_damaged_connections);
  g_test_add_func ("/store/recover/not-a-database", test_not_a_database);
  status = g_test_run ();

  g_free (work_dir);
  return status;
}
