/* test-sync-activity-reads.c: which linked contacts a pass of the tasks and notes sync reads,
 * judged from the pass's own counts and the requests the sandbox received: none when nothing
 * changed, the one whose contact changed, and again the one whose read failed, until it is read.
 * The sweep's clock stands at the start of a day, so the sweep has nothing to spend yet.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "liaison-store-activity.h"
#include "store-test-util.h"
#include "sync-test-util.h"

static const SyncFixtureOptions small = { .seed = 11, .contacts = 6 };

/* A count of one kind's pass: "changedPairs", "sweptPairs", or "reads.ghl". */
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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync/activity/changed-and-retried", test_changed_and_retried);
  return g_test_run ();
}
