/* test-sync-activity-reads.c: which linked contacts a pass of the tasks and notes sync reads,
 * judged from the pass's own counts and the requests the sandbox received: none when nothing
 * changed, the one whose contact changed, and again the one whose read failed, until it is read.
 * The sweep's clock stands at the start of a day, so the sweep has nothing to spend yet.
 * And the first reads of a first sync: paced by the sweep's clock, newest changed first.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>
#include <string.h>

#include "liaison-store-activity.h"
#include "store-test-util.h"
#include "sync-test-util.h"

static const SyncFixtureOptions small = { .seed = 11, .contacts = 6 };

/* A count of one kind's pass: "changedPairs", "firstPairs", "sweptPairs", "waitingPairs", or
 * "reads.ghl". */
static gint64
count_of (LiaisonSyncResult *result, const char *kind, const char *what)
{
  JsonObject *pass = json_object_get_object_member (json_node_get_object (result->activity), kind);

  if (g_str_equal (what, "reads.ghl"))
    return json_object_get_int_member (json_object_get_object_member (pass, "reads"), "ghl");
  return json_object_get_int_member (pass, what);
}

/* Requests for the children of one HighLevel contact since seq. */
static guint
child_reads (SyncFixture *f, const char *ghl_id, gint64 since)
{
  g_autofree char *path = g_strdup_printf ("/_sandbox/log?since=%" G_GINT64_FORMAT, since);
  g_autofree char *tasks = g_strdup_printf ("/contacts/%s/tasks", ghl_id);
  g_autofree char *notes = g_strdup_printf ("/contacts/%s/notes", ghl_id);
  g_autoptr (JsonNode) node = sync_control (f, LIAISON_SERVICE_GHL, "GET", path, NULL);
  JsonArray *requests = json_object_get_array_member (json_node_get_object (node), "requests");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *r = json_array_get_object_element (requests, i);
      const char *p = json_object_get_string_member (r, "path");

      if (g_str_equal (json_object_get_string_member (r, "method"), "GET")
          && (g_str_equal (p, tasks) || g_str_equal (p, notes)))
        n++;
    }
  return n;
}

static void
assert_nothing_read (LiaisonSyncResult *result)
{
  g_assert_cmpint (count_of (result, "tasks", "changedPairs"), ==, 0);
  g_assert_cmpint (count_of (result, "notes", "changedPairs"), ==, 0);
  g_assert_cmpint (count_of (result, "tasks", "sweptPairs"), ==, 0);
  g_assert_cmpint (count_of (result, "tasks", "reads.ghl"), ==, 0);
  g_assert_cmpint (count_of (result, "notes", "reads.ghl"), ==, 0);
}

static void
test_changed_and_retried (void)
{
  SyncFixture f = { 0 };
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) links = NULL;
  g_autoptr (LiaisonSyncResult) quiet = NULL, edited = NULL, failed = NULL, retried = NULL;
  g_autoptr (LiaisonSyncResult) settled = NULL;
  g_autoptr (JsonNode) patched = NULL, fault = NULL, cleared = NULL;
  g_autofree char *lead = NULL, *contact = NULL, *rule = NULL, *path = NULL;
  gint64 seq;

  sync_fixture_set_up (&f, &small);
  g_assert_cmpuint (sync_until_quiet (&f, 5), <=, 5);
  liaison_store_list_links_async (f.store, LIAISON_RECORD_CONTACT, NULL, store_test_result_cb,
                                  &result);
  links = liaison_store_list_links_finish (f.store, store_test_wait (&result), NULL);
  g_assert_nonnull (links);
  g_assert_cmpuint (links->len, >, 1);
  lead = g_strdup (((LiaisonStoreLink *) g_ptr_array_index (links, 0))->lsq_id);
  contact = g_strdup (((LiaisonStoreLink *) g_ptr_array_index (links, 0))->ghl_id);

  /* Nothing changed: no tasks or notes are read at all. */
  quiet = sync_run_ok (&f);
  g_assert_cmpuint (quiet->n_failed, ==, 0);
  assert_nothing_read (quiet);

  /* One lead edited in LeadSquared: only its pair is read, for each kind. */
  path = g_strdup_printf ("/_sandbox/lsq/leads/%s", lead);
  patched = sync_control (&f, LIAISON_SERVICE_LSQ, "PATCH", path, "{\"mx_City\": \"Kochi\"}");
  seq = sync_log_seq (&f, LIAISON_SERVICE_GHL);
  edited = sync_run_ok (&f);
  g_assert_cmpuint (edited->n_failed, ==, 0);
  g_assert_cmpint (count_of (edited, "tasks", "changedPairs"), ==, 1);
  g_assert_cmpint (count_of (edited, "notes", "changedPairs"), ==, 1);
  g_assert_cmpuint (child_reads (&f, contact, seq), ==, 2);

  /* Its tasks cannot be read now (HighLevel answers 503 until the retries give up): the pair is
   * read again by the next pass, though its contact did not change again, and then left alone. */
  g_clear_pointer (&patched, json_node_unref);
  patched = sync_control (&f, LIAISON_SERVICE_LSQ, "PATCH", path, "{\"mx_City\": \"Leeds\"}");
  rule = g_strdup_printf ("{\"rule\": \"GET /contacts/%s/tasks=503\"}", contact);
  fault = sync_control (&f, LIAISON_SERVICE_GHL, "POST", "/_sandbox/faults", rule);
  failed = sync_run_ok (&f);
  g_assert_cmpuint (failed->n_failed, >=, 1);
  cleared = sync_control (&f, LIAISON_SERVICE_GHL, "DELETE", "/_sandbox/faults", NULL);
  seq = sync_log_seq (&f, LIAISON_SERVICE_GHL);
  retried = sync_run_ok (&f);
  g_assert_cmpuint (retried->n_failed, ==, 0);
  g_assert_cmpint (count_of (retried, "tasks", "changedPairs"), ==, 1);
  g_assert_cmpuint (child_reads (&f, contact, seq), >=, 1);
  settled = sync_run_ok (&f);
  g_assert_cmpuint (settled->n_failed, ==, 0);
  assert_nothing_read (settled);
  sync_fixture_tear_down (&f);
}

typedef enum
{
  EDIT_LSQ,
  EDIT_GHL,
  CREATE_BOTH,
} OwnWrite;

/* An edit carried across, or a new contact copied, is read once: the sync that writes it reads
 * the pair's tasks and notes, and the next one, which reads the written contact back (in the
 * list's shape, with the fields and modification time the service filled in), reads nothing. */
static void
test_own_write_no_change (gconstpointer data)
{
  OwnWrite what = GPOINTER_TO_INT (data);
  SyncFixture f = { 0 };
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) links = NULL;
  g_autoptr (LiaisonSyncResult) written = NULL, echoed = NULL, again = NULL;
  g_autoptr (JsonNode) lsq_made = NULL, ghl_made = NULL;
  g_autofree char *path = NULL;
  LiaisonStoreLink *link;
  gint64 seq;

  sync_fixture_set_up (&f, &small);
  g_assert_cmpuint (sync_until_quiet (&f, 5), <=, 5);
  liaison_store_list_links_async (f.store, LIAISON_RECORD_CONTACT, NULL, store_test_result_cb,
                                  &result);
  links = liaison_store_list_links_finish (f.store, store_test_wait (&result), NULL);
  g_assert_nonnull (links);
  g_assert_cmpuint (links->len, >, 0);
  link = g_ptr_array_index (links, 0);
  if (what == EDIT_LSQ)
    {
      path = g_strdup_printf ("/_sandbox/lsq/leads/%s", link->lsq_id);
      lsq_made = sync_control (&f, LIAISON_SERVICE_LSQ, "PATCH", path, "{\"mx_City\": \"Kochi\"}");
    }
  else if (what == EDIT_GHL)
    {
      path = g_strdup_printf ("/_sandbox/ghl/contacts/%s", link->ghl_id);
      ghl_made = sync_control (&f, LIAISON_SERVICE_GHL, "PATCH", path, "{\"city\": \"Kochi\"}");
    }
  else
    {
      lsq_made = sync_control (&f, LIAISON_SERVICE_LSQ, "POST", "/_sandbox/lsq/leads",
                               "{\"FirstName\": \"Ines\", \"LastName\": \"Echo\","
                               " \"EmailAddress\": \"ines.echo@example.org\"}");
      ghl_made = sync_control (&f, LIAISON_SERVICE_GHL, "POST", "/_sandbox/ghl/contacts",
                               "{\"firstName\": \"Oskar\", \"lastName\": \"Echo\","
                               " \"email\": \"oskar.echo@example.org\"}");
    }

  written = sync_run_ok (&f);
  g_assert_cmpuint (written->n_failed, ==, 0);
  g_assert_cmpuint (what == CREATE_BOTH ? written->n_created : written->n_updated, ==,
                    what == CREATE_BOTH ? 2 : 1);
  g_assert_cmpint (count_of (written, "tasks", "changedPairs"), ==, what == CREATE_BOTH ? 2 : 1);
  g_assert_cmpint (count_of (written, "notes", "changedPairs"), ==, what == CREATE_BOTH ? 2 : 1);

  seq = sync_log_seq (&f, LIAISON_SERVICE_GHL);
  echoed = sync_run_ok (&f);
  g_assert_cmpuint (echoed->n_failed, ==, 0);
  /* A lead created without an owner is given one by LeadSquared, and it follows to HighLevel. */
  g_assert_cmpuint (echoed->n_created, ==, 0);
  g_assert_cmpuint (echoed->n_updated, ==, what == CREATE_BOTH ? 1 : 0);
  assert_nothing_read (echoed);
  g_assert_cmpuint (child_reads (&f, link->ghl_id, seq), ==, 0);

  /* Read back once more (still inside the overlap), it is no change either. */
  again = sync_run_ok (&f);
  g_assert_cmpuint (again->n_created + again->n_updated + again->n_failed, ==, 0);
  assert_nothing_read (again);
  sync_fixture_tear_down (&f);
}

/* The HighLevel ids of the linked contacts, the pair whose contacts changed last (on either
 * service, as the store holds them) first. */
static GPtrArray *
contacts_newest_first (SyncFixture *f)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->store_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (
      sqlite3_prepare_v2 (db,
                          "SELECT l.ghl_id FROM links l"
                          " JOIN records a ON a.kind = 'contact' AND a.remote_id = l.lsq_id"
                          " JOIN records b ON b.kind = 'contact' AND b.remote_id = l.ghl_id"
                          " WHERE l.kind = 'contact'"
                          " ORDER BY max (a.modified_at, b.modified_at) DESC, l.id DESC",
                          -1, &stmt, NULL),
      ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ids;
}

/* How many of ids[from, to) had their tasks and notes read since seq (at least a read each). */
static guint
read_between (SyncFixture *f, GPtrArray *ids, guint from, guint to, gint64 seq)
{
  guint n = 0;

  for (guint i = from; i < to && i < ids->len; i++)
    n += child_reads (f, g_ptr_array_index (ids, i), seq) >= 2;
  return n;
}

/* A first sync reads the tasks and notes of only as many pairs as the first reads' pacing allows
 * (a quarter hour of their share: 1,536 requests a day, half of it for each kind, give 4 each),
 * those whose contacts changed last; a sync right after reads none for the first time; an hour
 * later (the sweep's clock), the rest; then none wait. A pair whose contact changes between is
 * read as changed instead. */
static void
test_first_reads_paced (void)
{
  static const SyncFixtureOptions options = { .seed = 11, .contacts = 12, .sweep_hour = 9 };
  static const char *const kinds[] = { "tasks", "notes" };
  SyncFixture f = { 0 };
  g_autoptr (LiaisonSyncResult) first = NULL, again = NULL, later = NULL, after = NULL;
  g_autoptr (GPtrArray) ids = NULL;
  gint64 start, seq;
  guint n_links;

  sync_fixture_set_up (&f, &options);
  sync_set_setting (&f, LIAISON_SETTING_LSQ_DAILY_QUOTA, "1536");
  start = seq = sync_log_seq (&f, LIAISON_SERVICE_GHL);
  first = sync_run_ok (&f);
  g_assert_cmpuint (first->n_failed, ==, 0);
  ids = contacts_newest_first (&f);
  n_links = ids->len;
  g_assert_cmpuint (n_links, >, 8);
  for (guint k = 0; k < 2; k++)
    {
      /* A pair whose record the store wrote once the pass began counts as changed since. */
      gint64 changed = count_of (first, kinds[k], "changedPairs");

      g_assert_cmpint (count_of (first, kinds[k], "firstPairs"), ==, 4);
      g_assert_cmpint (count_of (first, kinds[k], "sweptPairs"), ==, 0);
      g_assert_cmpint (count_of (first, kinds[k], "waitingPairs"), ==, n_links - 4 - changed);
      g_assert_cmpint (count_of (first, kinds[k], "reads.ghl"), ==, 4 + changed);
    }
  /* The four whose contacts changed last were among them. */
  g_assert_cmpuint (read_between (&f, ids, 0, 4, seq), ==, 4);

  /* Right after: the pacing allows none yet, nor the sweep while pairs wait. */
  again = sync_run_ok (&f);
  for (guint k = 0; k < 2; k++)
    {
      g_assert_cmpint (count_of (again, kinds[k], "firstPairs"), ==, 0);
      g_assert_cmpint (count_of (again, kinds[k], "sweptPairs"), ==, 0);
      g_assert_cmpint (count_of (again, kinds[k], "waitingPairs"), <=,
                       count_of (first, kinds[k], "waitingPairs"));
    }

  /* An hour later: 16 each, so all that wait; then every pair was read. */
  f.sweep_start_ms += 3600 * 1000;
  later = sync_run_ok (&f);
  g_assert_cmpuint (later->n_failed, ==, 0);
  for (guint k = 0; k < 2; k++)
    {
      g_assert_cmpint (count_of (later, kinds[k], "firstPairs"), ==,
                       count_of (again, kinds[k], "waitingPairs"));
      g_assert_cmpint (count_of (later, kinds[k], "waitingPairs"), ==, 0);
    }
  g_assert_cmpuint (read_between (&f, ids, 0, n_links, start), ==, n_links);

  /* The first reads are over: none wait, and none are read for the first time again. */
  after = sync_run_ok (&f);
  for (guint k = 0; k < 2; k++)
    {
      g_assert_cmpint (count_of (after, kinds[k], "firstPairs"), ==, 0);
      g_assert_cmpint (count_of (after, kinds[k], "waitingPairs"), ==, 0);
    }
  sync_fixture_tear_down (&f);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync/activity/changed-and-retried", test_changed_and_retried);
  g_test_add_func ("/sync/activity/first-reads-paced", test_first_reads_paced);
  g_test_add_data_func ("/sync/activity/own-write-no-change/lsq-edit", GINT_TO_POINTER (EDIT_LSQ),
                        test_own_write_no_change);
  g_test_add_data_func ("/sync/activity/own-write-no-change/ghl-edit", GINT_TO_POINTER (EDIT_GHL),
                        test_own_write_no_change);
  g_test_add_data_func ("/sync/activity/own-write-no-change/creates", GINT_TO_POINTER (CREATE_BOTH),
                        test_own_write_no_change);
  return g_test_run ();
}
