/* test-store.c: LiaisonStore: files and pragmas, migrations from every released schema,
 * connections, pages of records, cursors, links, threading, and the absence of secrets.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "liaison-store-private.h"
#include "store-test-util.h"

typedef struct
{
  char *dir;
  char *path;
  LiaisonStore *store;
  char *lsq;
  char *ghl;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = store_test_tmpdir ();
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = store_test_open (f->path, "US", &error);
  g_assert_no_error (error);
  f->lsq = store_test_add_connection (f->store, LIAISON_SERVICE_LSQ, "org-1");
  f->ghl = store_test_add_connection (f->store, LIAISON_SERVICE_GHL, "loc-1");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  store_test_drain ();
  g_free (f->lsq);
  g_free (f->ghl);
  g_free (f->path);
  store_test_rmtree (f->dir);
  g_free (f->dir);
}

/* ---- raw SQLite helpers ---- */

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  return db;
}

static gint64
raw_int (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
raw_text (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static char *
raw_schema (const char *path)
{
  sqlite3 *db = raw_open (path);
  char *schema = raw_text (db, "SELECT group_concat (sql, ';\n') FROM (SELECT sql FROM"
                               " sqlite_master WHERE sql IS NOT NULL ORDER BY name)");
  sqlite3_close (db);
  return schema;
}

/* ---- jobs on the worker, to look at the writer connection itself ---- */

static void
pragma_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  const char *sql = g_task_get_task_data (task);
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup_printf ("%s|%p", (const char *) sqlite3_column_text (stmt, 0),
                           (gpointer) g_thread_self ());
  sqlite3_finalize (stmt);
  g_task_return_pointer (task, value, g_free);
}

/* The value of a pragma on the writer, and the thread the job ran on. */
static char *
writer_pragma (LiaisonStore *store, const char *sql)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GAsyncResult) result = NULL;

  task = g_task_new (store, NULL, store_test_result_cb, &result);
  g_task_set_task_data (task, (gpointer) sql, NULL);
  liaison_store_push_job (store, task, pragma_job);
  return g_task_propagate_pointer (G_TASK (store_test_wait (&result)), NULL);
}

static void
test_pragmas_and_threads (Fixture *f, gconstpointer data)
{
  g_autofree char *fk = writer_pragma (f->store, "PRAGMA foreign_keys");
  g_autofree char *sync = writer_pragma (f->store, "PRAGMA synchronous");
  g_autofree char *busy = writer_pragma (f->store, "PRAGMA busy_timeout");
  g_autofree char *journal = writer_pragma (f->store, "PRAGMA journal_mode");
  g_autofree char *main_thread = g_strdup_printf ("%p", (gpointer) g_thread_self ());
  g_auto (GStrv) a = g_strsplit (fk, "|", 2);
  g_auto (GStrv) b = g_strsplit (sync, "|", 2);
  g_auto (GStrv) c = g_strsplit (busy, "|", 2);
  g_auto (GStrv) d = g_strsplit (journal, "|", 2);

  g_assert_cmpstr (a[0], ==, "1");
  g_assert_cmpstr (b[0], ==, "1"); /* NORMAL */
  g_assert_cmpint (atoi (c[0]), >=, 1000);
  g_assert_cmpstr (d[0], ==, "wal");
  /* Every job runs on the same worker thread, which is not this one. */
  g_assert_cmpstr (a[1], ==, b[1]);
  g_assert_cmpstr (a[1], ==, c[1]);
  g_assert_cmpstr (a[1], !=, main_thread);
}

static void
test_files_private (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonStore) store = NULL;
  g_autofree char *path = liaison_store_default_path ("work", &error);
  g_autofree char *dir = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "liaison", "work.db", NULL);
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, expected);
  dir = g_path_get_dirname (path);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  store = store_test_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_free (store_test_add_connection (store, LIAISON_SERVICE_GHL, "loc"));
  wal = g_strconcat (path, "-wal", NULL);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  for (guint i = 0; i < 4; i++)
    {
      const char *bad[] = { "", "a/b", "..", "." };
      g_autoptr (GError) bad_error = NULL;
      g_autofree char *bad_path = liaison_store_default_path (bad[i], &bad_error);
      g_assert_null (bad_path);
      g_assert_error (bad_error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID);
    }
}

/* Every released schema has a fixture; opening it must reach the current schema, identical to a
 * fresh database's, with the fixture's rows intact. */
static void
test_migrations (void)
{
  g_autofree char *dir = store_test_tmpdir ();
  g_autofree char *fresh_path = g_build_filename (dir, "fresh.db", NULL);
  g_autofree char *fresh_schema = NULL;
  g_autoptr (GError) error = NULL;
  LiaisonStore *fresh = store_test_open (fresh_path, NULL, &error);

  g_assert_no_error (error);
  g_object_unref (fresh);
  store_test_drain ();
  fresh_schema = raw_schema (fresh_path);
  g_assert_cmpuint (liaison_store_get_schema_version (), >=, 1);

  for (guint version = 0; version <= liaison_store_get_schema_version (); version++)
    {
      g_autofree char *name = g_strdup_printf ("v%u.sql", version);
      g_autofree char *fixture
          = g_test_build_filename (G_TEST_DIST, "store", "fixtures", name, NULL);
      g_autofree char *sql = NULL;
      g_autofree char *path = g_strdup_printf ("%s/from-v%u.db", dir, version);
      g_autofree char *schema = NULL;
      g_autoptr (LiaisonStore) store = NULL;
      sqlite3 *db;

      g_test_message ("migrating from %s", fixture);
      g_assert_true (g_file_get_contents (fixture, &sql, NULL, &error));
      g_assert_no_error (error);
      db = raw_open (path);
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, version);
      sqlite3_close (db);

      store = store_test_open (path, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (store);
      g_clear_object (&store);
      store_test_drain ();

      db = raw_open (path);
      g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==,
                       liaison_store_get_schema_version ());
      g_assert_cmpint (raw_int (db, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
      if (version >= 1)
        {
          /* The v1 fixture's rows survive every later migration. */
          g_assert_cmpint (raw_int (db, "SELECT count(*) FROM connections"), ==, 2);
          g_assert_cmpint (raw_int (db, "SELECT count(*) FROM records"), ==, 3);
          g_assert_cmpint (raw_int (db, "SELECT count(*) FROM links"), ==, 1);
        }
      sqlite3_close (db);
      schema = raw_schema (path);
      g_assert_cmpstr (schema, ==, fresh_schema);
    }
  store_test_rmtree (dir);
}

/* Two processes may open one profile at once (the app and liaison-cli): stores opened at the
 * same moment on a new database take turns migrating it, and every one of them opens. */
static void
test_concurrent_open (void)
{
  g_autofree char *dir = store_test_tmpdir ();

  for (guint round = 0; round < 8; round++)
    {
      g_autofree char *path = g_strdup_printf ("%s/profile-%u.db", dir, round);
      GAsyncResult *results[3] = { NULL };
      sqlite3 *db;

      for (guint i = 0; i < G_N_ELEMENTS (results); i++)
        liaison_store_open_async (path, NULL, NULL, store_test_result_cb, &results[i]);
      for (guint i = 0; i < G_N_ELEMENTS (results); i++)
        {
          g_autoptr (GError) error = NULL;
          g_autoptr (LiaisonStore) store = NULL;

          store = liaison_store_open_finish (store_test_wait (&results[i]), &error);
          g_assert_no_error (error);
          g_assert_nonnull (store);
          g_clear_object (&results[i]);
        }
      store_test_drain ();
      db = raw_open (path);
      g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==,
                       liaison_store_get_schema_version ());
      sqlite3_close (db);
    }
  store_test_rmtree (dir);
}

static void
test_open_errors (void)
{
  g_autofree char *dir = store_test_tmpdir ();
  g_autofree char *newer = g_build_filename (dir, "newer.db", NULL);
  g_autofree char *junk = g_build_filename (dir, "junk.db", NULL);
  g_autoptr (GError) error = NULL;
  LiaisonStore *store;
  sqlite3 *db = raw_open (newer);

  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  store = store_test_open (newer, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NEWER_VERSION);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (junk, "this is not a database, not at all, no", -1, NULL));
  store = liaison_store_open_sync (junk, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CORRUPT);
  store_test_drain ();
  store_test_rmtree (dir);
}

static gboolean
save_connection (LiaisonStore *store, LiaisonStoreConnection *c, char **id, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  liaison_store_save_connection_async (store, c, NULL, store_test_result_cb, &result);
  *id = liaison_store_save_connection_finish (store, store_test_wait (&result), error);
  return *id != NULL;
}

static void
test_connections (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonStoreConnection) c
      = liaison_store_connection_new (LIAISON_SERVICE_GHL, "loc-2");
  g_autoptr (LiaisonStoreConnection) got = NULL;
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *id = NULL;
  g_autofree char *id2 = NULL;
  g_autofree char *dup = NULL;
  g_autofree char *bad = NULL;

  c->display_name = g_strdup ("Second location");
  c->host = g_strdup ("services.leadconnectorhq.com");
  c->details = g_strdup ("{\"timeZone\": \"Asia/Kolkata\"}");
  g_assert_true (save_connection (f->store, c, &id, &error));
  g_assert_no_error (error);

  got = liaison_store_lookup_connection (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (got);
  g_assert_cmpint (got->service, ==, LIAISON_SERVICE_GHL);
  g_assert_cmpstr (got->account_id, ==, "loc-2");
  g_assert_cmpstr (got->display_name, ==, "Second location");
  g_assert_cmpstr (got->details, ==, "{\"timeZone\": \"Asia/Kolkata\"}");
  g_assert_cmpint (got->created_at, >, 0);

  /* Update by id. */
  c->id = g_strdup (id);
  g_free (c->display_name);
  c->display_name = g_strdup ("Renamed");
  g_assert_true (save_connection (f->store, c, &id2, &error));
  g_assert_cmpstr (id2, ==, id);
  g_clear_pointer (&got, liaison_store_connection_free);
  got = liaison_store_lookup_connection (f->store, id, &error);
  g_assert_cmpstr (got->display_name, ==, "Renamed");

  all = liaison_store_list_connections (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);

  /* One account per service, once. */
  g_clear_pointer (&c->id, g_free);
  g_assert_false (save_connection (f->store, c, &dup, &error));
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Credentials are refused, even nested, and nothing is written. */
  g_free (c->account_id);
  c->account_id = g_strdup ("loc-3");
  g_free (c->details);
  c->details = g_strdup ("{\"oauth\": {\"refresh_token\": \"x\"}}");
  g_assert_false (save_connection (f->store, c, &bad, &error));
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_SECRET);
  g_assert_null (strstr (error->message, "\"x\""));
  g_clear_error (&error);
  g_free (c->details);
  c->details = g_strdup ("{\"secretKey\": \"x\"}");
  g_assert_false (save_connection (f->store, c, &bad, &error));
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_SECRET);
  g_clear_error (&error);
  g_free (c->details);
  c->details = g_strdup ("[1, 2]");
  g_assert_false (save_connection (f->store, c, &bad, &error));
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&all, g_ptr_array_unref);
  all = liaison_store_list_connections (f->store, &error);
  g_assert_cmpuint (all->len, ==, 3);

  /* Deleting takes the connection's records with it. */
  {
    g_autoptr (GPtrArray) page
        = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
    g_ptr_array_add (page, store_test_contact ("c1", "Ann", NULL, NULL, NULL, 1));
    g_assert_true (store_test_commit (f->store, id, LIAISON_RECORD_CONTACT, page, NULL, &error));
    g_assert_cmpint (liaison_store_count_records (f->store, id, LIAISON_RECORD_CONTACT, &error), ==,
                     1);
  }
  liaison_store_delete_connection_async (f->store, id, NULL, store_test_result_cb, &result);
  g_assert_true (
      liaison_store_delete_connection_finish (f->store, store_test_wait (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpint (liaison_store_count_records (f->store, id, LIAISON_RECORD_CONTACT, &error), ==,
                   0);
  g_assert_null (liaison_store_lookup_connection (f->store, id, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  liaison_store_delete_connection_async (f->store, id, NULL, store_test_result_cb, &result);
  g_assert_false (
      liaison_store_delete_connection_finish (f->store, store_test_wait (&result), &error));
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND);
}

static void
count_signal (LiaisonStore *store, const char *connection_id, LiaisonRecordKind kind, guint *count)
{
  (*count)++;
}

static void
count_links_signal (LiaisonStore *store, LiaisonRecordKind kind, guint *count)
{
  g_assert_cmpint (kind, ==, LIAISON_RECORD_CONTACT);
  (*count)++;
}

static void
test_records (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) page
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
  g_autoptr (LiaisonStoreRecord) got = NULL;
  g_autoptr (GPtrArray) tasks = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *hash = NULL;
  LiaisonStoreRecord *task;
  guint signals = 0;

  g_signal_connect (f->store, "records-changed", G_CALLBACK (count_signal), &signals);
  g_ptr_array_add (page, store_test_contact ("c1", "Émile Zola", " Emile@Example.FR ",
                                             "(415) 555-0123", "Acme", 1700000000000));
  g_ptr_array_add (page, store_test_contact ("c2", NULL, "nameless@example.com", NULL, NULL, 2));
  g_assert_true (store_test_commit (f->store, f->lsq, LIAISON_RECORD_CONTACT, page, NULL, &error));
  g_assert_no_error (error);
  store_test_drain ();
  g_assert_cmpuint (signals, ==, 1);

  got = liaison_store_lookup_record (f->store, f->lsq, LIAISON_RECORD_CONTACT, "c1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (got);
  g_assert_cmpstr (got->connection_id, ==, f->lsq);
  g_assert_cmpstr (got->display_name, ==, "Émile Zola");
  g_assert_cmpstr (got->email_norm, ==, "emile@example.fr");
  g_assert_cmpstr (got->phone_norm, ==, "+14155550123");
  g_assert_cmpint (got->modified_at, ==, 1700000000000);
  g_assert_cmpint (got->fetched_at, >, 0);
  g_assert_false (got->deleted);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, got->raw, -1);
  g_assert_cmpstr (got->content_hash, ==, hash);
  g_clear_pointer (&got, liaison_store_record_free);

  /* A contact without a name is listed by its e-mail. */
  got = liaison_store_lookup_record (f->store, f->lsq, LIAISON_RECORD_CONTACT, "c2", &error);
  g_assert_cmpstr (got->display_name, ==, "nameless@example.com");
  g_clear_pointer (&got, liaison_store_record_free);
  g_assert_null (
      liaison_store_lookup_record (f->store, f->ghl, LIAISON_RECORD_CONTACT, "c1", &error));
  g_assert_no_error (error);

  /* The same page again updates in place. */
  g_ptr_array_set_size (page, 0);
  g_ptr_array_add (
      page, store_test_contact ("c1", "Émile Zola", "emile@example.fr", NULL, NULL, 1700000000001));
  g_assert_true (store_test_commit (f->store, f->lsq, LIAISON_RECORD_CONTACT, page, NULL, &error));
  g_assert_cmpint (liaison_store_count_records (f->store, f->lsq, LIAISON_RECORD_CONTACT, &error),
                   ==, 2);
  got = liaison_store_lookup_record (f->store, f->lsq, LIAISON_RECORD_CONTACT, "c1", &error);
  g_assert_cmpstr (got->content_hash, !=, hash);
  g_assert_null (got->phone_norm);
  g_clear_pointer (&got, liaison_store_record_free);

  /* A page with one bad record stores nothing of the page. */
  g_ptr_array_set_size (page, 0);
  g_ptr_array_add (page, store_test_contact ("c3", "Fine", NULL, NULL, NULL, 3));
  g_ptr_array_add (page, liaison_store_record_new (LIAISON_RECORD_CONTACT, "c4", "{not json"));
  g_assert_false (store_test_commit (f->store, f->lsq, LIAISON_RECORD_CONTACT, page, NULL, &error));
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (
      liaison_store_lookup_record (f->store, f->lsq, LIAISON_RECORD_CONTACT, "c3", &error));
  g_assert_no_error (error);

  /* Records of an unknown connection are refused (foreign keys are on). */
  g_ptr_array_set_size (page, 0);
  g_ptr_array_add (page, store_test_contact ("c5", "Orphan", NULL, NULL, NULL, 5));
  g_assert_false (store_test_commit (f->store, "no-such-connection", LIAISON_RECORD_CONTACT, page,
                                     NULL, &error));
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Children of a contact. */
  g_ptr_array_set_size (page, 0);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *tid = g_strdup_printf ("t%u", i);
      task = liaison_store_record_new (LIAISON_RECORD_TASK, tid, "{\"title\": \"Call\"}");
      task->parent_id = g_strdup (i < 2 ? "c1" : "c2");
      task->modified_at = 10 + i;
      g_ptr_array_add (page, task);
    }
  g_assert_true (store_test_commit (f->store, f->lsq, LIAISON_RECORD_TASK, page, NULL, &error));
  tasks = liaison_store_list_children (f->store, f->lsq, LIAISON_RECORD_TASK, "c1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tasks->len, ==, 2);
  g_assert_cmpstr (((LiaisonStoreRecord *) tasks->pdata[0])->remote_id, ==, "t1");
  g_assert_cmpstr (((LiaisonStoreRecord *) tasks->pdata[1])->remote_id, ==, "t0");
  /* Notifications still queued must not reach this function's counter once it returns. */
  g_signal_handlers_disconnect_by_data (f->store, &signals);
}

static void
test_full_refresh (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) page
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
  g_autoptr (LiaisonStoreCursor) cursor = NULL;
  g_autoptr (LiaisonStoreCursor) again = NULL;
  g_autoptr (LiaisonStoreCursor) stored = NULL;
  g_autoptr (LiaisonStoreRecord) old = NULL;
  g_autoptr (GError) error = NULL;
  guint n_gone = 99;

  g_assert_null (liaison_store_lookup_cursor (f->store, f->ghl, LIAISON_RECORD_CONTACT, &error));
  g_assert_no_error (error);

  /* A record from an earlier refresh that this one will not see again. */
  g_ptr_array_add (page, store_test_contact ("old", "Old", NULL, NULL, NULL, 1));
  g_assert_true (store_test_commit (f->store, f->ghl, LIAISON_RECORD_CONTACT, page, NULL, &error));
  g_usleep (3000);

  cursor = store_test_begin_full (f->store, f->ghl, LIAISON_RECORD_CONTACT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cursor->phase, ==, LIAISON_REFRESH_FULL);
  g_assert_null (cursor->page_token);
  g_assert_cmpint (cursor->refresh_started_at, >, 0);

  g_ptr_array_set_size (page, 0);
  g_ptr_array_add (page, store_test_contact ("new", "New", NULL, NULL, NULL, 2));
  cursor->page_token = g_strdup ("after-new");
  g_assert_true (
      store_test_commit (f->store, f->ghl, LIAISON_RECORD_CONTACT, page, cursor, &error));

  /* Asking again resumes the refresh in progress instead of starting over. */
  again = store_test_begin_full (f->store, f->ghl, LIAISON_RECORD_CONTACT, &error);
  g_assert_cmpstr (again->page_token, ==, "after-new");
  g_assert_cmpint (again->refresh_started_at, ==, cursor->refresh_started_at);

  g_assert_true (store_test_finish_full (f->store, f->ghl, LIAISON_RECORD_CONTACT, "2024-01-01",
                                         FALSE, &n_gone, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_gone, ==, 1);
  old = liaison_store_lookup_record (f->store, f->ghl, LIAISON_RECORD_CONTACT, "old", &error);
  g_assert_true (old->deleted);
  g_assert_cmpint (liaison_store_count_records (f->store, f->ghl, LIAISON_RECORD_CONTACT, &error),
                   ==, 1);
  stored = liaison_store_lookup_cursor (f->store, f->ghl, LIAISON_RECORD_CONTACT, &error);
  g_assert_cmpint (stored->phase, ==, LIAISON_REFRESH_INCREMENTAL);
  g_assert_cmpstr (stored->cursor, ==, "2024-01-01");
  g_assert_null (stored->page_token);

  /* Finishing twice is an error, not a second sweep. */
  g_assert_false (
      store_test_finish_full (f->store, f->ghl, LIAISON_RECORD_CONTACT, "x", FALSE, NULL, &error));
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID);
}

/* A full refresh that left out records it could not read proves nothing by
 * what it did not see: the cursor moves on, nothing is marked gone. */
static void
test_full_refresh_keeps_unseen (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) page
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
  g_autoptr (LiaisonStoreCursor) cursor = NULL;
  g_autoptr (LiaisonStoreCursor) stored = NULL;
  g_autoptr (LiaisonStoreRecord) old = NULL;
  g_autoptr (GError) error = NULL;
  guint n_gone = 99;

  g_ptr_array_add (page, store_test_contact ("old", "Old", NULL, NULL, NULL, 1));
  g_assert_true (store_test_commit (f->store, f->ghl, LIAISON_RECORD_CONTACT, page, NULL, &error));
  g_usleep (3000);
  cursor = store_test_begin_full (f->store, f->ghl, LIAISON_RECORD_CONTACT, &error);
  g_assert_no_error (error);
  g_ptr_array_set_size (page, 0);
  g_ptr_array_add (page, store_test_contact ("new", "New", NULL, NULL, NULL, 2));
  g_assert_true (
      store_test_commit (f->store, f->ghl, LIAISON_RECORD_CONTACT, page, cursor, &error));

  g_assert_true (store_test_finish_full (f->store, f->ghl, LIAISON_RECORD_CONTACT, "2024-01-01",
                                         TRUE, &n_gone, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_gone, ==, 0);
  old = liaison_store_lookup_record (f->store, f->ghl, LIAISON_RECORD_CONTACT, "old", &error);
  g_assert_nonnull (old);
  g_assert_false (old->deleted);
  stored = liaison_store_lookup_cursor (f->store, f->ghl, LIAISON_RECORD_CONTACT, &error);
  g_assert_cmpint (stored->phase, ==, LIAISON_REFRESH_INCREMENTAL);
  g_assert_cmpstr (stored->cursor, ==, "2024-01-01");
}

static void
test_links (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) links
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_link_free);
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GArray) none = NULL;
  g_autoptr (LiaisonStoreLink) link = NULL;
  g_autoptr (GPtrArray) listed = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  guint signals = 0;

  g_signal_connect (f->store, "links-changed", G_CALLBACK (count_links_signal), &signals);
  g_ptr_array_add (links, liaison_store_link_new (LIAISON_RECORD_CONTACT, f->lsq, "L1", f->ghl,
                                                  "G1", LIAISON_LINK_MATCHED));
  g_ptr_array_add (links, liaison_store_link_new (LIAISON_RECORD_CONTACT, f->lsq, "L2", f->ghl,
                                                  "G2", LIAISON_LINK_MANUAL));
  ids = store_test_link (f->store, links, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  store_test_drain ();
  g_assert_cmpuint (signals, ==, 1);

  link = liaison_store_lookup_link (f->store, LIAISON_SERVICE_GHL, f->ghl, LIAISON_RECORD_CONTACT,
                                    "G2", &error);
  g_assert_no_error (error);
  g_assert_cmpint (link->id, ==, g_array_index (ids, gint64, 1));
  g_assert_cmpstr (link->lsq_id, ==, "L2");
  g_assert_cmpint (link->origin, ==, LIAISON_LINK_MANUAL);
  g_assert_cmpint (link->linked_at, >, 0);
  g_clear_pointer (&link, liaison_store_link_free);

  /* A record already linked cannot be linked again; the whole batch is refused. */
  g_ptr_array_set_size (links, 0);
  g_ptr_array_add (links, liaison_store_link_new (LIAISON_RECORD_CONTACT, f->lsq, "L3", f->ghl,
                                                  "G3", LIAISON_LINK_MATCHED));
  g_ptr_array_add (links, liaison_store_link_new (LIAISON_RECORD_CONTACT, f->lsq, "L1", f->ghl,
                                                  "G9", LIAISON_LINK_MATCHED));
  none = store_test_link (f->store, links, &error);
  g_assert_null (none);
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_null (liaison_store_lookup_link (f->store, LIAISON_SERVICE_LSQ, f->lsq,
                                            LIAISON_RECORD_CONTACT, "L3", &error));
  g_assert_no_error (error);

  liaison_store_list_links_async (f->store, LIAISON_RECORD_CONTACT, NULL, store_test_result_cb,
                                  &result);
  listed = liaison_store_list_links_finish (f->store, store_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);
  g_assert_cmpstr (((LiaisonStoreLink *) listed->pdata[0])->ghl_id, ==, "G1");

  g_clear_object (&result);
  liaison_store_delete_link_async (f->store, g_array_index (ids, gint64, 0), NULL,
                                   store_test_result_cb, &result);
  g_assert_true (liaison_store_delete_link_finish (f->store, store_test_wait (&result), &error));
  g_assert_null (liaison_store_lookup_link (f->store, LIAISON_SERVICE_LSQ, f->lsq,
                                            LIAISON_RECORD_CONTACT, "L1", &error));
  g_clear_object (&result);
  liaison_store_delete_link_async (f->store, g_array_index (ids, gint64, 0), NULL,
                                   store_test_result_cb, &result);
  g_assert_false (liaison_store_delete_link_finish (f->store, store_test_wait (&result), &error));
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND);
  g_signal_handlers_disconnect_by_data (f->store, &signals);
}

/* Jobs finish in the order they were queued. */
static void
test_job_order (Fixture *f, gconstpointer data)
{
  GAsyncResult *results[40] = { NULL };
  GPtrArray *pages[40];
  GError *error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);
      pages[i] = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
      g_ptr_array_add (pages[i], store_test_contact ("same", id, NULL, NULL, NULL, i));
      liaison_store_commit_page_async (f->store, f->lsq, LIAISON_RECORD_CONTACT, pages[i], NULL,
                                       NULL, store_test_result_cb, &results[i]);
    }
  store_test_wait (&results[G_N_ELEMENTS (results) - 1]);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      store_test_wait (&results[i]);
      g_assert_true (liaison_store_commit_page_finish (f->store, results[i], &error));
      g_assert_no_error (error);
      g_object_unref (results[i]);
      g_ptr_array_unref (pages[i]);
    }
  {
    g_autoptr (LiaisonStoreRecord) last
        = liaison_store_lookup_record (f->store, f->lsq, LIAISON_RECORD_CONTACT, "same", &error);
    g_assert_cmpstr (last->display_name, ==, "c39");
  }
}

static void
test_no_secret_columns (Fixture *f, gconstpointer data)
{
  const char *forbidden[]
      = { "secret",      "password",      "passwd", "access_token", "refresh_token",
          "accesstoken", "api_key",       "apikey", "accesskey",    "access_key",
          "credential",  "authorization", "bearer" };
  sqlite3 *db = raw_open (f->path);
  sqlite3_stmt *stmt = NULL;
  guint n_columns = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT m.name, p.name FROM sqlite_master m,"
                                       " pragma_table_info (m.name) p WHERE m.type = 'table'",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *column = g_ascii_strdown ((const char *) sqlite3_column_text (stmt, 1), -1);
      n_columns++;
      for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
        if (strstr (column, forbidden[i]) != NULL)
          g_error ("column %s.%s looks like it holds a secret", sqlite3_column_text (stmt, 0),
                   column);
      /* The only token is a page position. */
      if (strstr (column, "token") != NULL)
        g_assert_cmpstr (column, ==, "page_token");
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (n_columns, >, 60);
}

/* Within one millisecond, from two threads: a mark is later than every stamp before it, and a
 * stamp after a mark is not earlier, so that "changed since the pass began" is exact. */
static gpointer
stamp_a_while (gpointer data)
{
  gint64 last = 0;

  for (guint i = 0; i < 100000; i++)
    {
      gint64 stamp = liaison_store_stamp_ms ();

      g_assert_cmpint (stamp, >=, last);
      last = stamp;
    }
  return NULL;
}

static void
test_clock (void)
{
  GThread *other = g_thread_new ("stamps", stamp_a_while, NULL);

  for (guint i = 0; i < 20; i++)
    {
      gint64 before = liaison_store_stamp_ms ();
      gint64 mark = liaison_store_mark_ms ();
      gint64 after = liaison_store_stamp_ms ();

      g_assert_cmpint (mark, >, before);
      g_assert_cmpint (after, >=, mark);
    }
  g_thread_join (other);
  /* Marks run ahead of the real clock by one millisecond each at most; the tests after this one
   * start once it caught up. */
  g_assert_cmpint (liaison_store_stamp_ms (), <=, g_get_real_time () / 1000 + 20);
  g_usleep (25000);
}

int
main (int argc, char *argv[])
{
  g_autofree char *data_home = store_test_tmpdir ();
  int status;

  /* A fresh data folder, set before GLib reads (and caches) it. G_TEST_OPTION_ISOLATE_DIRS
   * would do the same but leaks its strings on every test in GLib 2.74. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/pragmas-and-threads", test_pragmas_and_threads);
  g_test_add_func ("/store/files-private", test_files_private);
  g_test_add_func ("/store/clock", test_clock);
  g_test_add_func ("/store/migrations", test_migrations);
  g_test_add_func ("/store/open-errors", test_open_errors);
  g_test_add_func ("/store/concurrent-open", test_concurrent_open);
  ADD ("/store/connections", test_connections);
  ADD ("/store/records", test_records);
  ADD ("/store/full-refresh", test_full_refresh);
  ADD ("/store/full-refresh-keeps-unseen", test_full_refresh_keeps_unseen);
  ADD ("/store/links", test_links);
  ADD ("/store/job-order", test_job_order);
  ADD ("/store/no-secret-columns", test_no_secret_columns);
#undef ADD
  status = g_test_run ();
  store_test_rmtree (data_home);
  return status;
}
