/* test-cli-undo.c: `liaison-cli undo RUN [--dry-run]` as a person runs it, after real syncs of
 * the built executable against the in-process sandbox: the dry run prints the plan and writes
 * nothing, the undo puts the city from before the run back in both services, and the next
 * `liaison-cli sync` writes nothing. `liaison-cli sync` also prunes history older than the
 * retention (90 days by default). Bad run numbers are refused with a sentence.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "cli-test-util.h"
#include "liaison-field-map.h"
#include "store-test-util.h"
#include "sync-test-util.h"

static const SyncFixtureOptions small = { 5, 40, NULL, 0, FALSE };

static void
set_up (SyncFixture *f, gconstpointer data)
{
  sync_fixture_set_up (f, &small);
}

static void
tear_down (SyncFixture *f, gconstpointer data)
{
  sync_fixture_tear_down (f);
}

static gint64
json_int (CliRun *run, const char *member)
{
  g_assert_nonnull (run->json);
  return json_object_get_int_member (json_node_get_object (run->json), member);
}

static char *
query_text (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

/* The CLI's profile, made beforehand: the sync tests' map (no state, which the
 * sandbox's LeadSquared refuses) and a run from 1 January 2020 with an operation. */
static char *
prepare_profile (SyncFixture *f)
{
  g_autofree char *dir = g_build_filename (f->dir, "data", "liaison", NULL);
  char *path = g_build_filename (dir, "default.db", NULL);
  g_autoptr (LiaisonStore) store = NULL;
  g_autoptr (LiaisonFieldMap) map = liaison_field_map_new_default ();
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  store = store_test_open (path, "IN", &error);
  g_assert_no_error (error);
  g_assert_true (liaison_field_map_remove_pair (map, "state"));
  node = liaison_field_map_to_json (map);
  json = json_to_string (node, FALSE);
  liaison_store_save_mapping_async (store, json, NULL, store_test_result_cb, &result);
  g_assert_true (
      liaison_store_save_mapping_finish (store, store_test_wait (&result), NULL, &error));
  g_clear_object (&store);
  store_test_drain ();
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO runs (id, started_at, finished_at, \"trigger\","
                                 " status) VALUES (1, 1577836800000, 1577836801000, 'cli',"
                                 " 'succeeded');"
                                 "INSERT INTO operations (run_id, at, service, kind, action,"
                                 " status) VALUES (1, 1577836800500, 'ghl', 'contact', 'update',"
                                 " 'applied');",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  return path;
}

static void
test_cli_undo (SyncFixture *f, gconstpointer data)
{
  g_autofree char *path = prepare_profile (f);
  g_auto (CliRun) carried = { 0 };
  g_auto (CliRun) dry = { 0 };
  g_auto (CliRun) undo = { 0 };
  g_auto (CliRun) next = { 0 };
  g_auto (CliRun) bad = { 0 };
  g_auto (CliRun) missing = { 0 };
  g_autoptr (JsonObject) contact = NULL;
  g_autoptr (JsonObject) lead = NULL;
  g_autoptr (JsonNode) edit = NULL;
  g_autofree char *lsq_id = NULL;
  g_autofree char *ghl_id = NULL;
  g_autofree char *city = NULL;
  g_autofree char *gpath = NULL;
  g_autofree char *old_runs = NULL;
  g_autofree char *run = NULL;
  gint64 lsq_seq, ghl_seq;
  guint quiet = 0;

  /* Syncs until one writes nothing; the first prunes the run of 2020. */
  for (guint i = 0; i < 4 && quiet == 0; i++)
    {
      g_auto (CliRun) sync = { 0 };

      sync_cli_test_run (f, &sync,
                         (const char *const[]){ "sync", "--only", "contacts", "--json", NULL });
      g_assert_cmpint (sync.status, ==, 0);
      if (json_int (&sync, "created") + json_int (&sync, "updated") + json_int (&sync, "linked")
          == 0)
        quiet = i + 1;
    }
  g_assert_cmpuint (quiet, >, 0);
  old_runs = query_text (path, "SELECT count(*) FROM runs WHERE started_at < 1600000000000");
  g_assert_cmpstr (old_runs, ==, "0");

  lsq_id = query_text (path, "SELECT lsq_id FROM links WHERE kind = 'contact' ORDER BY id");
  ghl_id = query_text (path, "SELECT ghl_id FROM links WHERE kind = 'contact' ORDER BY id");
  g_assert_nonnull (lsq_id);
  contact = sync_record (f, LIAISON_SERVICE_GHL, ghl_id);
  city = g_strdup (json_object_get_string_member_with_default (contact, "city", NULL));
  g_assert_cmpstr (city, !=, "Pune");
  g_clear_pointer (&contact, json_object_unref);

  gpath = g_strdup_printf ("/_sandbox/ghl/contacts/%s", ghl_id);
  edit = sync_control (f, LIAISON_SERVICE_GHL, "PATCH", gpath, "{\"city\": \"Pune\"}");
  sync_cli_test_run (f, &carried,
                     (const char *const[]){ "sync", "--only", "contacts", "--json", NULL });
  g_assert_cmpint (carried.status, ==, 0);
  g_assert_cmpint (json_int (&carried, "updated"), ==, 1);
  run = g_strdup_printf ("%" G_GINT64_FORMAT, json_int (&carried, "run"));

  /* The dry run prints the plan: the city back on both sides; it writes nothing. */
  lsq_seq = sync_log_seq (f, LIAISON_SERVICE_LSQ);
  ghl_seq = sync_log_seq (f, LIAISON_SERVICE_GHL);
  sync_cli_test_run (f, &dry, (const char *const[]){ "undo", run, "--dry-run", NULL });
  g_assert_cmpint (dry.status, ==, 0);
  g_test_message ("%s", dry.out);
  g_assert_nonnull (strstr (dry.out, "update    lsq"));
  g_assert_nonnull (strstr (dry.out, "update    ghl"));
  g_assert_nonnull (strstr (dry.out, "city: \"Pune\" → "));
  g_assert_cmpuint (sync_count_writes (f, LIAISON_SERVICE_LSQ, lsq_seq, NULL), ==, 0);
  g_assert_cmpuint (sync_count_writes (f, LIAISON_SERVICE_GHL, ghl_seq, NULL), ==, 0);

  sync_cli_test_run (f, &undo, (const char *const[]){ "undo", run, "--json", NULL });
  g_assert_cmpint (undo.status, ==, 0);
  g_assert_cmpint (json_int (&undo, "updated"), ==, 1);
  g_assert_cmpint (json_int (&undo, "run"), >, json_int (&carried, "run"));
  lead = sync_record (f, LIAISON_SERVICE_LSQ, lsq_id);
  contact = sync_record (f, LIAISON_SERVICE_GHL, ghl_id);
  g_assert_cmpstr (json_object_get_string_member_with_default (lead, "mx_City", NULL), ==, city);
  g_assert_cmpstr (json_object_get_string_member_with_default (contact, "city", NULL), ==, city);

  lsq_seq = sync_log_seq (f, LIAISON_SERVICE_LSQ);
  ghl_seq = sync_log_seq (f, LIAISON_SERVICE_GHL);
  sync_cli_test_run (f, &next,
                     (const char *const[]){ "sync", "--only", "contacts", "--json", NULL });
  g_assert_cmpint (next.status, ==, 0);
  g_assert_cmpuint (sync_count_writes (f, LIAISON_SERVICE_LSQ, lsq_seq, NULL), ==, 0);
  g_assert_cmpuint (sync_count_writes (f, LIAISON_SERVICE_GHL, ghl_seq, NULL), ==, 0);

  sync_cli_test_run (f, &bad, (const char *const[]){ "undo", "latest", NULL });
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "“latest” is not the number of a run"));
  sync_cli_test_run (f, &missing, (const char *const[]){ "undo", "99999", NULL });
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "There is no run 99999 in the history"));
}

static void
exec_sql (const char *path, const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* With deletes on, `liaison-cli undo RUN` deletes the copies a first sync made; `undo
 * --not-copied` lists their originals (text and --json), `--copy-again ID` lets one go (the next
 * sync copies it again) and refuses an id that is not listed. */
static void
test_cli_not_copied (SyncFixture *f, gconstpointer data)
{
  g_autofree char *path = prepare_profile (f);
  g_auto (CliRun) none = { 0 };
  g_auto (CliRun) first = { 0 };
  g_auto (CliRun) undo = { 0 };
  g_auto (CliRun) listed = { 0 };
  g_auto (CliRun) listed_json = { 0 };
  g_auto (CliRun) again = { 0 };
  g_auto (CliRun) again_twice = { 0 };
  g_auto (CliRun) after_json = { 0 };
  g_auto (CliRun) next = { 0 };
  g_autofree char *run = NULL;
  g_autofree char *undo_run = NULL;
  g_autofree char *line = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *refused = NULL;
  g_auto (GStrv) lines = NULL;
  JsonArray *rows;
  const char *id;
  gint64 n_created;

  exec_sql (path, "INSERT OR REPLACE INTO settings (key, value, updated_at)"
                  " VALUES ('sync.deletes', 'on', 0)");
  sync_cli_test_run (f, &none, (const char *const[]){ "undo", "--not-copied", NULL });
  g_assert_cmpint (none.status, ==, 0);
  g_assert_cmpstr (none.out, ==,
                   "No contact, task, note or appointment is kept from being copied.\n");

  sync_cli_test_run (f, &first,
                     (const char *const[]){ "sync", "--only", "contacts", "--json", NULL });
  g_assert_cmpint (first.status, ==, 0);
  n_created = json_int (&first, "created");
  g_assert_cmpint (n_created, >, 1);
  run = g_strdup_printf ("%" G_GINT64_FORMAT, json_int (&first, "run"));
  sync_cli_test_run (f, &undo,
                     (const char *const[]){ "undo", run, "--force-delete", "--json", NULL });
  g_assert_cmpint (undo.status, ==, 0);
  g_assert_cmpint (json_int (&undo, "deleted"), ==, n_created);
  undo_run = g_strdup_printf ("%" G_GINT64_FORMAT, json_int (&undo, "run"));

  /* One line per original, saying which runs and how to copy it again. */
  sync_cli_test_run (f, &listed, (const char *const[]){ "undo", "--not-copied", NULL });
  g_assert_cmpint (listed.status, ==, 0);
  lines = g_strsplit (g_strchomp (listed.out), "\n", -1);
  g_assert_cmpint (g_strv_length (lines), ==, n_created);
  line = g_strdup_printf (": not copied: undone in run %s (run %s had copied it); “liaison-cli "
                          "undo --copy-again ",
                          undo_run, run);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_true (g_str_has_prefix (lines[i], "LeadSquared ")
                     || g_str_has_prefix (lines[i], "HighLevel "));
      g_assert_nonnull (strstr (lines[i], line));
    }

  sync_cli_test_run (f, &listed_json,
                     (const char *const[]){ "undo", "--not-copied", "--json", NULL });
  g_assert_cmpint (listed_json.status, ==, 0);
  g_assert_nonnull (listed_json.json);
  rows = json_node_get_array (listed_json.json);
  g_assert_cmpint (json_array_get_length (rows), ==, n_created);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *side = json_object_get_string_member (row, "side");

      g_assert_true (g_str_equal (side, "lsq") || g_str_equal (side, "ghl"));
      g_assert_cmpstr (json_object_get_string_member (row, "kind"), ==, "contact");
      g_assert_nonnull (json_object_get_string_member (row, "id"));
      g_assert_cmpint (json_object_get_int_member (row, "undoneRun"), ==, json_int (&first, "run"));
      g_assert_cmpint (json_object_get_int_member (row, "undoRun"), ==, json_int (&undo, "run"));
    }
  id = json_object_get_string_member (json_array_get_object_element (rows, 0), "id");
  g_assert_nonnull (strstr (listed.out, id));

  /* Letting one go: listed no more, refused a second time, copied by the next sync. */
  sync_cli_test_run (f, &again, (const char *const[]){ "undo", "--copy-again", id, NULL });
  g_assert_cmpint (again.status, ==, 0);
  copied = g_strdup_printf ("The next sync copies “%s” again.\n", id);
  g_assert_cmpstr (again.out, ==, copied);
  sync_cli_test_run (f, &after_json,
                     (const char *const[]){ "undo", "--not-copied", "--json", NULL });
  g_assert_cmpint (after_json.status, ==, 0);
  rows = json_node_get_array (after_json.json);
  g_assert_cmpint (json_array_get_length (rows), ==, n_created - 1);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, i), "id"),
                     !=, id);
  sync_cli_test_run (f, &again_twice, (const char *const[]){ "undo", "--copy-again", id, NULL });
  g_assert_cmpint (again_twice.status, ==, 2);
  refused = g_strdup_printf ("no record “%s” is kept from being copied", id);
  g_assert_nonnull (strstr (again_twice.err, refused));
  sync_cli_test_run (f, &next,
                     (const char *const[]){ "sync", "--only", "contacts", "--json", NULL });
  g_assert_cmpint (next.status, ==, 0);
  g_assert_cmpint (json_int (&next, "created"), ==, 1);
  g_assert_cmpint (json_int (&next, "deleted"), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/cli/undo", SyncFixture, NULL, set_up, test_cli_undo, tear_down);
  g_test_add ("/cli/undo/not-copied", SyncFixture, NULL, set_up, test_cli_not_copied, tear_down);
  return g_test_run ();
}
