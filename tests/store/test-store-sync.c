/* test-store-sync.c: the sync engine's state in the store: v1 -> v2 without loss, the field map's
 * persistence, and the one-transaction apply step.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>

#include "liaison-store-activity.h"
#include "liaison-store-sync.h"
#include "store-test-util.h"

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  return db;
}

static int
raw_int (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static LiaisonStore *
open_fixture (const char *dir, const char *name)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "store", "fixtures", name, NULL);
  g_autofree char *path = g_build_filename (dir, "profile.db", NULL);
  g_autofree char *sql = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3 *db;
  LiaisonStore *store;

  g_assert_true (g_file_get_contents (fixture, &sql, NULL, &error));
  db = raw_open (path);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  store = store_test_open (path, NULL, &error);
  g_assert_no_error (error);
  return store;
}

/* A v1 profile with runs, intents, operations and conflicts reaches v2 and every later schema
 * with every row; of two open conflicts on one (link, field) the older is closed (kept,
 * dismissed); what v1 resolved counts as applied; the pending intent is still pending. */
static void
test_migrate_v1_sync_state (void)
{
  g_autofree char *dir = store_test_tmpdir ();
  g_autoptr (LiaisonStore) store = open_fixture (dir, "v1-sync.sql");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) runs = liaison_store_list_runs (store, 0, &error);
  g_autoptr (GPtrArray) ops = NULL;
  g_autoptr (GPtrArray) open = NULL;
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) pending = NULL;
  g_autoptr (GPtrArray) to_plan = NULL;
  g_autofree char *path = g_build_filename (dir, "profile.db", NULL);
  LiaisonStoreRun *run;
  LiaisonStoreConflict *c;
  sqlite3 *db;

  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);
  run = g_ptr_array_index (runs, 0);
  g_assert_cmpstr (run->status, ==, "partial");
  g_assert_cmpuint (run->n_created, ==, 1);
  g_assert_cmpuint (run->n_failed, ==, 1);
  g_assert_cmpstr (run->error, ==, "ghl-9: HighLevel answered 503");

  ops = liaison_store_list_operations (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ops->len, ==, 2);
  g_assert_cmpstr (((LiaisonStoreOperation *) g_ptr_array_index (ops, 0))->after, ==, "\"Pune\"");

  all = liaison_store_list_conflicts (store, FALSE, &error);
  g_assert_cmpuint (all->len, ==, 3);
  open = liaison_store_list_conflicts (store, TRUE, &error);
  g_assert_cmpuint (open->len, ==, 1);
  c = g_ptr_array_index (open, 0);
  g_assert_cmpint (c->id, ==, 2);
  g_assert_cmpstr (c->lsq_id, ==, "lsq-1");
  g_assert_cmpstr (c->ghl_id, ==, "ghl-1");
  g_assert_cmpstr (c->email, ==, "ada@example.com");
  /* The resolved v1 conflict is not waiting to be written. */
  to_plan = liaison_store_list_conflicts_for_plan (store, &error);
  g_assert_cmpuint (to_plan->len, ==, 1);

  pending = liaison_store_list_pending_intents (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpint (((LiaisonStoreIntent *) g_ptr_array_index (pending, 0))->op, ==,
                   LIAISON_INTENT_CREATE);

  g_clear_object (&store);
  store_test_drain ();
  db = raw_open (path);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, liaison_store_get_schema_version ());
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM intents"), ==, 2);
  /* Cached records count as changed when they were fetched (schema 3). */
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM records WHERE changed_at = fetched_at"), ==,
                   3);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM records"), ==, 3);
  g_assert_cmpint (raw_int (db, "SELECT resolution = 'dismissed' FROM conflicts WHERE id = 1"), ==,
                   1);
  sqlite3_close (db);
  store_test_rmtree (dir);
}

static char *
load_mapping (LiaisonStore *store, gint64 *revision, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  liaison_store_load_mapping_async (store, NULL, store_test_result_cb, &result);
  return liaison_store_load_mapping_finish (store, store_test_wait (&result), revision, error);
}

static gboolean
save_mapping (LiaisonStore *store, const char *json, gint64 *revision, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  liaison_store_save_mapping_async (store, json, NULL, store_test_result_cb, &result);
  return liaison_store_save_mapping_finish (store, store_test_wait (&result), revision, error);
}

static void
test_mapping (void)
{
  g_autofree char *dir = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "m.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonStore) store = store_test_open (path, NULL, &error);
  g_autofree char *none = NULL;
  g_autofree char *json = NULL;
  gint64 revision = -1;

  none = load_mapping (store, &revision, &error);
  g_assert_no_error (error);
  g_assert_null (none);
  g_assert_true (save_mapping (store, "{\"version\":1,\"pairs\":[]}", &revision, &error));
  g_assert_cmpint (revision, ==, 1);
  g_assert_true (
      save_mapping (store, "{\"version\":1,\"pairs\":[{\"key\":\"email\"}]}", &revision, &error));
  g_assert_cmpint (revision, ==, 2);
  g_assert_false (save_mapping (store, "[1, 2]", NULL, &error));
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID);
  g_clear_error (&error);
  json = load_mapping (store, &revision, &error);
  g_assert_cmpstr (json, ==, "{\"version\":1,\"pairs\":[{\"key\":\"email\"}]}");
  g_assert_cmpint (revision, ==, 2);
  g_assert_true (save_mapping (store, NULL, NULL, &error));
  g_clear_pointer (&json, g_free);
  json = load_mapping (store, NULL, &error);
  g_assert_null (json);
  g_clear_object (&store);
  store_test_drain ();
  store_test_rmtree (dir);
}

static gboolean
save_region (LiaisonStore *store, const char *region, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  liaison_store_save_phone_region_async (store, region, NULL, store_test_result_cb, &result);
  return liaison_store_save_phone_region_finish (store, store_test_wait (&result), error);
}

/* The saved phone region is the default region of a store opened without one, and survives
 * reopening; an explicit region still wins, a bad code is refused and nothing changes. */
static void
test_phone_region (void)
{
  g_autofree char *dir = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "r.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonStore) store = store_test_open (path, NULL, &error);
  const char *bad[] = { "us", "USA", "", "ZZ", "U1" };

  g_assert_no_error (error);
  g_assert_null (liaison_store_get_default_region (store));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (save_region (store, bad[i], &error));
      g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "ISO 3166"));
      g_clear_error (&error);
    }
  g_assert_null (liaison_store_get_default_region (store));
  g_assert_true (save_region (store, "US", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_store_get_default_region (store), ==, "US");
  g_clear_object (&store);
  store_test_drain ();

  store = store_test_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_store_get_default_region (store), ==, "US");
  g_clear_object (&store);
  store_test_drain ();
  store = store_test_open (path, "GB", &error);
  g_assert_cmpstr (liaison_store_get_default_region (store), ==, "GB");
  g_assert_true (save_region (store, NULL, &error));
  g_assert_null (liaison_store_get_default_region (store));
  g_clear_object (&store);
  store_test_drain ();
  store = store_test_open (path, NULL, &error);
  g_assert_null (liaison_store_get_default_region (store));
  g_clear_object (&store);
  store_test_drain ();
  store_test_rmtree (dir);
}

/* A new phone region normalizes the cached phone numbers again at once: a lead's national
 * number then has the same key as its HighLevel twin in E.164, so the two match. */
static void
test_phone_region_renormalizes (void)
{
  g_autofree char *dir = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "n.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonStore) store = store_test_open (path, NULL, &error);
  g_autofree char *lsq = store_test_add_connection (store, LIAISON_SERVICE_LSQ, "org");
  g_autofree char *ghl = store_test_add_connection (store, LIAISON_SERVICE_GHL, "loc");
  g_autoptr (GPtrArray) page
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
  g_autoptr (LiaisonStoreRecord) lead = NULL;
  g_autoptr (LiaisonStoreRecord) contact = NULL;

  g_ptr_array_add (page, store_test_contact ("L1", "Ada", NULL, "(771) 555-8531", NULL, 1));
  g_assert_true (store_test_commit (store, lsq, LIAISON_RECORD_CONTACT, page, NULL, &error));
  g_ptr_array_set_size (page, 0);
  g_ptr_array_add (page, store_test_contact ("G1", "Ada", NULL, "+17715558531", NULL, 1));
  g_assert_true (store_test_commit (store, ghl, LIAISON_RECORD_CONTACT, page, NULL, &error));
  g_assert_no_error (error);
  lead = liaison_store_lookup_record (store, lsq, LIAISON_RECORD_CONTACT, "L1", &error);
  contact = liaison_store_lookup_record (store, ghl, LIAISON_RECORD_CONTACT, "G1", &error);
  g_assert_cmpstr (contact->phone_norm, ==, "+17715558531");
  g_assert_cmpstr (lead->phone_norm, !=, contact->phone_norm);
  g_clear_pointer (&lead, liaison_store_record_free);

  g_assert_true (save_region (store, "US", &error));
  g_assert_no_error (error);
  lead = liaison_store_lookup_record (store, lsq, LIAISON_RECORD_CONTACT, "L1", &error);
  g_assert_cmpstr (lead->phone_norm, ==, "+17715558531");
  g_clear_pointer (&lead, liaison_store_record_free);

  /* And back: without a region the national number is its digits again. */
  g_assert_true (save_region (store, NULL, &error));
  lead = liaison_store_lookup_record (store, lsq, LIAISON_RECORD_CONTACT, "L1", &error);
  g_assert_cmpstr (lead->phone_norm, !=, "+17715558531");
  g_clear_pointer (&lead, liaison_store_record_free);
  g_clear_object (&store);
  store_test_drain ();
  store_test_rmtree (dir);
}

static gboolean
apply (LiaisonStore *store, LiaisonStoreStep *step, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  liaison_store_apply_step_async (store, step, NULL, store_test_result_cb, &result);
  return liaison_store_apply_step_finish (store, store_test_wait (&result), error);
}

static LiaisonStoreStep *
conflict_step (const char *lsq, const char *ghl, const char *value)
{
  LiaisonStoreStep *step = liaison_store_step_new (lsq, ghl, 0);
  LiaisonStoreConflict *c = g_new0 (LiaisonStoreConflict, 1);

  c->kind = LIAISON_CONFLICT_FIELD;
  c->lsq_id = g_strdup ("lsq-2");
  c->ghl_id = g_strdup ("ghl-2");
  c->field = g_strdup ("city");
  c->lsq_value = g_strdup (value);
  c->ghl_value = g_strdup ("\"Chennai\"");
  g_ptr_array_add (step->conflicts, c);
  return step;
}

/* A step is one transaction: a link, its cached record and a conflict land together, a second
 * sighting of the conflict refreshes the one open row, and a step that fails leaves nothing. */
static void
test_apply_step (void)
{
  g_autofree char *dir = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "s.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonStore) store = store_test_open (path, NULL, &error);
  g_autofree char *lsq = store_test_add_connection (store, LIAISON_SERVICE_LSQ, "org");
  g_autofree char *ghl = store_test_add_connection (store, LIAISON_SERVICE_GHL, "loc");
  LiaisonStoreStep *step = liaison_store_step_new (lsq, ghl, 0);
  LiaisonStoreSyncLink *link = g_new0 (LiaisonStoreSyncLink, 1);
  LiaisonStoreRecord *record
      = store_test_contact ("ghl-2", "Grace", "g@example.com", NULL, NULL, 1);
  g_autoptr (LiaisonStoreLink) stored = NULL;
  g_autoptr (GPtrArray) open = NULL;
  g_autoptr (LiaisonStoreRecord) cached = NULL;
  LiaisonStoreSyncLink *clash;

  link->origin = LIAISON_LINK_CREATED;
  link->lsq_id = g_strdup ("lsq-2");
  link->ghl_id = g_strdup ("ghl-2");
  link->base_snapshot = g_strdup ("{\"city\":null}");
  link->base_hash = g_strdup ("h");
  g_ptr_array_add (step->links, link);
  record->connection_id = g_strdup (ghl);
  g_ptr_array_add (step->records, record);
  g_assert_true (apply (store, step, &error));
  g_assert_no_error (error);
  stored = liaison_store_lookup_link (store, LIAISON_SERVICE_GHL, ghl, LIAISON_RECORD_CONTACT,
                                      "ghl-2", &error);
  g_assert_nonnull (stored);
  g_assert_cmpstr (stored->base_snapshot, ==, "{\"city\":null}");
  g_assert_cmpint (stored->origin, ==, LIAISON_LINK_CREATED);

  g_assert_true (apply (store, conflict_step (lsq, ghl, "\"Mumbai\""), &error));
  g_assert_true (apply (store, conflict_step (lsq, ghl, "\"Delhi\""), &error));
  open = liaison_store_list_conflicts (store, TRUE, &error);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_cmpstr (((LiaisonStoreConflict *) g_ptr_array_index (open, 0))->lsq_value, ==,
                   "\"Delhi\"");

  /* ghl-2 is linked already: the whole step is refused, its record included. */
  step = liaison_store_step_new (lsq, ghl, 0);
  record = store_test_contact ("ghl-3", "Other", "o@example.com", NULL, NULL, 1);
  record->connection_id = g_strdup (ghl);
  g_ptr_array_add (step->records, record);
  clash = g_new0 (LiaisonStoreSyncLink, 1);
  clash->lsq_id = g_strdup ("lsq-9");
  clash->ghl_id = g_strdup ("ghl-2");
  g_ptr_array_add (step->links, clash);
  g_assert_false (apply (store, step, &error));
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CONFLICT);
  cached = liaison_store_lookup_record (store, ghl, LIAISON_RECORD_CONTACT, "ghl-3", NULL);
  g_assert_null (cached);

  g_clear_object (&store);
  store_test_drain ();
  store_test_rmtree (dir);
}

static void
commit_contact (LiaisonStore *store, const char *connection, const char *id, const char *name)
{
  g_autoptr (GPtrArray) page
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
  g_autoptr (GError) error = NULL;

  g_ptr_array_add (page, store_test_contact (id, name, NULL, NULL, NULL, 1700000000000));
  g_assert_true (store_test_commit (store, connection, LIAISON_RECORD_CONTACT, page, NULL, &error));
  g_assert_no_error (error);
}

static guint
n_changed (LiaisonStore *store, const char *lsq, const char *ghl, gint64 since, const char *retry)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pairs
      = liaison_store_list_changed_pairs (store, lsq, ghl, since, retry, &error);

  g_assert_no_error (error);
  return pairs->len;
}

/* A record's changed_at moves, on the store's clock, when its content does and only then: the
 * sync of tasks and notes reads the children of the pairs changed since its last pass, and of the
 * pairs it was told to read again (a damaged list is none). */
static void
test_changed_at (void)
{
  g_autofree char *dir = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "p.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonStore) store = store_test_open (path, "GB", &error);
  g_autofree char *lsq = store_test_add_connection (store, LIAISON_SERVICE_LSQ, "org");
  g_autofree char *ghl = store_test_add_connection (store, LIAISON_SERVICE_GHL, "loc");
  g_autoptr (GPtrArray) links
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_link_free);
  g_autoptr (GArray) ids = NULL;
  g_autofree char *retry = NULL;
  gint64 mark;

  g_assert_no_error (error);
  commit_contact (store, lsq, "lsq-1", "Ada Lovelace");
  commit_contact (store, lsq, "lsq-2", "Emile Zola");
  commit_contact (store, ghl, "ghl-1", "Ada Lovelace");
  commit_contact (store, ghl, "ghl-2", "Emile Zola");
  g_ptr_array_add (links, liaison_store_link_new (LIAISON_RECORD_CONTACT, lsq, "lsq-1", ghl,
                                                  "ghl-1", LIAISON_LINK_MANUAL));
  g_ptr_array_add (links, liaison_store_link_new (LIAISON_RECORD_CONTACT, lsq, "lsq-2", ghl,
                                                  "ghl-2", LIAISON_LINK_MANUAL));
  ids = store_test_link (store, links, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed (store, lsq, ghl, 0, NULL), ==, 2);

  g_usleep (5000);
  mark = g_get_real_time () / 1000;
  g_usleep (5000);
  /* The same content again: nothing changed. */
  commit_contact (store, lsq, "lsq-1", "Ada Lovelace");
  commit_contact (store, ghl, "ghl-2", "Emile Zola");
  g_assert_cmpuint (n_changed (store, lsq, ghl, mark, NULL), ==, 0);
  /* A new name on one side: its pair changed. */
  commit_contact (store, ghl, "ghl-2", "Émile Zola");
  g_assert_cmpuint (n_changed (store, lsq, ghl, mark, NULL), ==, 1);
  g_assert_cmpuint (n_changed (store, lsq, ghl, g_get_real_time () / 1000 + 1, NULL), ==, 0);
  /* The pairs to read again come with them. */
  retry = g_strdup_printf ("[%" G_GINT64_FORMAT "]", g_array_index (ids, gint64, 0));
  g_assert_cmpuint (n_changed (store, lsq, ghl, mark, retry), ==, 2);
  g_assert_cmpuint (n_changed (store, lsq, ghl, mark, "[1,,2]"), ==, 1);
  g_assert_cmpuint (n_changed (store, lsq, ghl, mark, "not a list"), ==, 1);

  g_clear_object (&store);
  store_test_drain ();
  store_test_rmtree (dir);
}

/* An ambiguous match whose candidate is linked by hand is closed in the link's transaction, as
 * "linked"; one naming neither linked contact stays open. */
static void
test_link_closes_ambiguous (void)
{
  g_autofree char *dir = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "s.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonStore) store = store_test_open (path, NULL, &error);
  g_autofree char *lsq = store_test_add_connection (store, LIAISON_SERVICE_LSQ, "org");
  g_autofree char *ghl = store_test_add_connection (store, LIAISON_SERVICE_GHL, "loc");
  LiaisonStoreStep *step = liaison_store_step_new (lsq, ghl, 0);
  g_autoptr (GPtrArray) links
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_link_free);
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GPtrArray) open = NULL;
  g_autoptr (GPtrArray) all = NULL;
  const char *sets[] = { "{\"lsq\":[\"l1\"],\"ghl\":[\"g1\",\"g2\"],\"reason\":\"email\"}",
                         "{\"lsq\":[\"l7\"],\"ghl\":[\"g7\",\"g8\"],\"reason\":\"phone\"}" };

  for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
    {
      LiaisonStoreConflict *c = g_new0 (LiaisonStoreConflict, 1);

      c->kind = LIAISON_CONFLICT_AMBIGUOUS;
      c->candidates = g_strdup (sets[i]);
      g_ptr_array_add (step->conflicts, c);
    }
  g_assert_true (apply (store, step, &error));
  g_assert_no_error (error);
  open = liaison_store_list_conflicts (store, TRUE, &error);
  g_assert_cmpuint (open->len, ==, 2);
  g_clear_pointer (&open, g_ptr_array_unref);

  g_ptr_array_add (links, liaison_store_link_new (LIAISON_RECORD_CONTACT, lsq, "l1", ghl, "g2",
                                                  LIAISON_LINK_MANUAL));
  ids = store_test_link (store, links, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  open = liaison_store_list_conflicts (store, TRUE, &error);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_cmpstr (((LiaisonStoreConflict *) g_ptr_array_index (open, 0))->candidates, ==,
                   sets[1]);
  all = liaison_store_list_conflicts (store, FALSE, &error);
  for (guint i = 0; i < all->len; i++)
    {
      LiaisonStoreConflict *c = g_ptr_array_index (all, i);

      if (g_strcmp0 (c->candidates, sets[0]) == 0)
        {
          g_assert_cmpint (c->resolved_at, >, 0);
          g_assert_cmpstr (c->resolution, ==, "linked");
        }
    }
  g_clear_object (&store);
  store_test_drain ();
  store_test_rmtree (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store-sync/migrate-v1-sync-state", test_migrate_v1_sync_state);
  g_test_add_func ("/store-sync/mapping", test_mapping);
  g_test_add_func ("/store-sync/phone-region", test_phone_region);
  g_test_add_func ("/store-sync/phone-region-renormalizes", test_phone_region_renormalizes);
  g_test_add_func ("/store-sync/apply-step", test_apply_step);
  g_test_add_func ("/store-sync/changed-at", test_changed_at);
  g_test_add_func ("/store-sync/link-closes-ambiguous", test_link_closes_ambiguous);
  return g_test_run ();
}
