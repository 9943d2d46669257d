/* liaison-store-recover.c: rebuilding a damaged store. The file (with its
 * -wal and -shm companions) is renamed aside with a timestamp, a fresh store
 * is made at the same path, and every table Liaison owns is copied over row
 * by row from the old file opened read-only, as far as it can be read: a
 * damaged page ends that table's copy, not the recovery. The cache of
 * records and the refresh cursors are not copied, so that the next refresh
 * fetches everything again from both services. Rows whose references did
 * not survive (a link to a connection that could not be read) are dropped.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-store"

#include <errno.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "liaison-debug.h"
#include "liaison-store-recover.h"
#include "liaison-store.h"

/* What is fetched again rather than kept. */
static const char *const cache_tables[] = { "records", "cursors", NULL };

void
liaison_store_recovery_free (LiaisonStoreRecovery *recovery)
{
  if (recovery == NULL)
    return;
  g_free (recovery->moved_to);
  g_free (recovery);
}

static char *
aside_path (const char *path, GDateTime *now_utc)
{
  g_autofree char *stamp = g_date_time_format (now_utc, "%Y%m%d-%H%M%S");
  g_autofree char *base
      = g_str_has_suffix (path, ".db") ? g_strndup (path, strlen (path) - 3) : g_strdup (path);

  for (guint n = 0;; n++)
    {
      char *candidate = n == 0 ? g_strdup_printf ("%s-damaged-%s.db", base, stamp)
                               : g_strdup_printf ("%s-damaged-%s-%u.db", base, stamp, n);

      if (!g_file_test (candidate, G_FILE_TEST_EXISTS))
        return candidate;
      g_free (candidate);
    }
}

static gboolean
move_aside (const char *path, const char *aside, GError **error)
{
  const char *const companions[] = { "-wal", "-shm", "-journal" };

  if (g_rename (path, aside) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Could not move the damaged %s aside: %s", path, g_strerror (saved));
      return FALSE;
    }
  /* The write-ahead log belongs to the old file: it must not be applied to
   * the new one, and it may hold what can still be read. */
  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *from = g_strconcat (path, companions[i], NULL);
      g_autofree char *to = g_strconcat (aside, companions[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        g_warning ("Could not move %s aside: %s", from, g_strerror (errno));
    }
  return TRUE;
}

static GPtrArray *
table_names (sqlite3 *db)
{
  const char *sql
      = "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return names;
}

static GPtrArray *
column_names (sqlite3 *db, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info (\"%s\")", table);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
  return names;
}

/* Copies the readable rows of one table; returns how many were kept. */
static guint
copy_table (sqlite3 *db, sqlite3 *old, const char *table)
{
  g_autoptr (GPtrArray) new_columns = column_names (db, table);
  g_autoptr (GPtrArray) old_columns = column_names (old, table);
  g_autoptr (GString) list = g_string_new (NULL);
  g_autoptr (GString) marks = g_string_new (NULL);
  g_autofree char *select = NULL;
  g_autofree char *insert = NULL;
  sqlite3_stmt *from = NULL;
  sqlite3_stmt *to = NULL;
  guint n_columns = 0;
  guint kept = 0;
  int rc;

  /* The columns both versions have: the old file may be of an older schema. */
  for (guint i = 0; i < new_columns->len; i++)
    {
      const char *name = g_ptr_array_index (new_columns, i);

      if (!g_ptr_array_find_with_equal_func (old_columns, name, g_str_equal, NULL))
        continue;
      g_string_append_printf (list, "%s\"%s\"", n_columns > 0 ? ", " : "", name);
      g_string_append (marks, n_columns > 0 ? ", ?" : "?");
      n_columns++;
    }
  if (n_columns == 0)
    {
      LIAISON_TRACE (LIAISON_DEBUG_STORE, "recover: %s has no columns to copy", table);
      return 0;
    }

  select = g_strdup_printf ("SELECT %s FROM \"%s\"", list->str, table);
  insert = g_strdup_printf ("INSERT OR IGNORE INTO \"%s\" (%s) VALUES (%s)", table, list->str,
                            marks->str);
  if (sqlite3_prepare_v2 (old, select, -1, &from, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (db, insert, -1, &to, NULL) != SQLITE_OK)
    {
      LIAISON_TRACE (LIAISON_DEBUG_STORE, "recover: %s cannot be read: %s", table,
                     sqlite3_errmsg (old));
      sqlite3_finalize (from);
      sqlite3_finalize (to);
      return 0;
    }
  while ((rc = sqlite3_step (from)) == SQLITE_ROW)
    {
      int step;

      for (guint i = 0; i < n_columns; i++)
        sqlite3_bind_value (to, (int) i + 1, sqlite3_column_value (from, (int) i));
      step = sqlite3_step (to);
      if (step == SQLITE_DONE && sqlite3_changes (db) > 0)
        kept++;
      else if (step != SQLITE_DONE)
        LIAISON_TRACE (LIAISON_DEBUG_STORE, "recover: a row of %s was not kept: %s", table,
                       sqlite3_errmsg (db));
      sqlite3_reset (to);
      sqlite3_clear_bindings (to);
    }
  if (rc != SQLITE_DONE)
    LIAISON_TRACE (LIAISON_DEBUG_STORE, "recover: %s read up to a damaged part (%s); kept %u rows",
                   table, sqlite3_errstr (rc), kept);
  sqlite3_finalize (from);
  sqlite3_finalize (to);
  return kept;
}

/* What a dangling reference becomes: NULL where the schema says ON DELETE
 * SET NULL (an operation keeps its history without its link), else the
 * row goes (a link to a connection that could not be read). */
static char *
fix_for (sqlite3 *db, const char *table, sqlite3_int64 rowid, int fk_id, gboolean *deleted)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA foreign_key_list (\"%s\")", table);
  g_autofree char *column = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean set_null = FALSE;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      if (sqlite3_column_int (stmt, 0) == fk_id)
        {
          g_free (column);
          column = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
          set_null = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 6), "SET NULL") == 0;
        }
  sqlite3_finalize (stmt);
  *deleted = !(set_null && column != NULL);
  if (!*deleted)
    return g_strdup_printf ("UPDATE \"%s\" SET \"%s\" = NULL WHERE rowid = %lld", table, column,
                            (long long) rowid);
  return g_strdup_printf ("DELETE FROM \"%s\" WHERE rowid = %lld", table, (long long) rowid);
}

static void
uncount (LiaisonStoreRecovery *recovery, const char *table)
{
  guint *counter = g_str_equal (table, "links")         ? &recovery->kept_links
                   : g_str_equal (table, "connections") ? &recovery->kept_connections
                   : g_str_equal (table, "runs") || g_str_equal (table, "operations")
                           || g_str_equal (table, "conflicts")
                       ? &recovery->kept_history
                       : &recovery->kept_other;

  if (*counter > 0)
    (*counter)--;
}

/* Mends the rows whose references did not survive. A few passes: dropping
 * a link can leave an operation pointing nowhere. */
static void
mend_references (sqlite3 *db, LiaisonStoreRecovery *recovery)
{
  for (guint pass = 0; pass < 4; pass++)
    {
      g_autoptr (GPtrArray) fixes = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GArray) deletes = g_array_new (FALSE, FALSE, sizeof (gboolean));
      sqlite3_stmt *check = NULL;

      if (sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &check, NULL) != SQLITE_OK)
        return;
      while (sqlite3_step (check) == SQLITE_ROW)
        if (sqlite3_column_type (check, 1) != SQLITE_NULL)
          {
            const char *table = (const char *) sqlite3_column_text (check, 0);
            gboolean deleted = TRUE;

            g_ptr_array_add (fixes, fix_for (db, table, sqlite3_column_int64 (check, 1),
                                             sqlite3_column_int (check, 3), &deleted));
            g_ptr_array_add (tables, g_strdup (table));
            g_array_append_val (deletes, deleted);
          }
      sqlite3_finalize (check);
      if (fixes->len == 0)
        return;
      for (guint i = 0; i < fixes->len; i++)
        if (sqlite3_exec (db, g_ptr_array_index (fixes, i), NULL, NULL, NULL) == SQLITE_OK
            && sqlite3_changes (db) > 0 && g_array_index (deletes, gboolean, i))
          uncount (recovery, g_ptr_array_index (tables, i));
    }
}

static void
copy_readable (const char *path, const char *aside, LiaisonStoreRecovery *recovery)
{
  g_autoptr (GPtrArray) tables = NULL;
  g_autofree char *uri = NULL;
  sqlite3 *db = NULL;
  sqlite3 *old = NULL;
  char *escaped;

  /* The old file read-only and immutable, on a connection of its own: nothing
   * is written to it, its moved -wal is not replayed, and its damage cannot
   * touch the new store's transaction. */
  escaped = sqlite3_mprintf ("%q", aside);
  uri = g_strdup_printf ("file:%s?mode=ro&immutable=1", escaped);
  sqlite3_free (escaped);
  if (sqlite3_open_v2 (uri, &old, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK
      || sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      LIAISON_TRACE (LIAISON_DEBUG_STORE, "recover: cannot open the files: %s",
                     sqlite3_errmsg (old));
      recovery->read_nothing = TRUE;
      sqlite3_close (old);
      sqlite3_close (db);
      return;
    }
  sqlite3_exec (db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);

  tables = table_names (old);
  LIAISON_TRACE (LIAISON_DEBUG_STORE, "recover: %u tables can be read", tables->len);
  if (tables->len == 0)
    recovery->read_nothing = TRUE;
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);
      guint kept;

      if (g_strv_contains (cache_tables, table))
        continue;
      kept = copy_table (db, old, table);
      if (g_str_equal (table, "connections"))
        recovery->kept_connections += kept;
      else if (g_str_equal (table, "links"))
        recovery->kept_links += kept;
      else if (g_str_equal (table, "runs") || g_str_equal (table, "operations")
               || g_str_equal (table, "conflicts"))
        recovery->kept_history += kept;
      else
        recovery->kept_other += kept;
    }
  mend_references (db, recovery);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (old);
  sqlite3_close (db);
}

LiaisonStoreRecovery *
liaison_store_recover_sync (const char *path, GDateTime *now_utc, GError **error)
{
  g_autoptr (LiaisonStoreRecovery) recovery = g_new0 (LiaisonStoreRecovery, 1);
  g_autoptr (LiaisonStore) fresh = NULL;

  g_return_val_if_fail (path != NULL && now_utc != NULL, NULL);

  recovery->moved_to = aside_path (path, now_utc);
  if (g_file_test (path, G_FILE_TEST_EXISTS) && !move_aside (path, recovery->moved_to, error))
    return NULL;

  /* The fresh store makes the current schema; then the old rows go in. */
  fresh = liaison_store_open_sync (path, NULL, error);
  if (fresh == NULL)
    {
      g_prefix_error (
          error, "A new store could not be made (the damaged one is at %s): ", recovery->moved_to);
      return NULL;
    }
  g_clear_object (&fresh);

  if (g_file_test (recovery->moved_to, G_FILE_TEST_EXISTS))
    copy_readable (path, recovery->moved_to, recovery);
  else
    recovery->read_nothing = TRUE;
  LIAISON_TRACE (LIAISON_DEBUG_STORE,
                 "recover: moved to %s; kept %u connections, %u links, %u history rows, %u other",
                 recovery->moved_to, recovery->kept_connections, recovery->kept_links,
                 recovery->kept_history, recovery->kept_other);
  return g_steal_pointer (&recovery);
}

typedef struct
{
  char *path;
  GDateTime *now_utc;
} RecoverJob;

static void
recover_job_free (RecoverJob *job)
{
  g_free (job->path);
  g_date_time_unref (job->now_utc);
  g_free (job);
}

static void
recover_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  RecoverJob *job = task_data;
  GError *error = NULL;
  LiaisonStoreRecovery *recovery = liaison_store_recover_sync (job->path, job->now_utc, &error);

  if (recovery == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, recovery, (GDestroyNotify) liaison_store_recovery_free);
}

void
liaison_store_recover_async (const char *path, GDateTime *now_utc, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  RecoverJob *job;

  g_return_if_fail (path != NULL && now_utc != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_recover_async);
  job = g_new0 (RecoverJob, 1);
  job->path = g_strdup (path);
  job->now_utc = g_date_time_ref (now_utc);
  g_task_set_task_data (task, job, (GDestroyNotify) recover_job_free);
  g_task_run_in_thread (task, recover_thread);
}

LiaisonStoreRecovery *
liaison_store_recover_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_store_recover_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
