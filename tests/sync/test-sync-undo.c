/* test-sync-undo.c: undoing a run, end to end against the in-process sandbox: after a sync that
 * carried an edit from HighLevel to LeadSquared, the undo puts the value from before the run back
 * in both services, leaves a field edited since alone (and says so), is a run of its own in the
 * history, and the next sync writes nothing of what it put back.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "store-test-util.h"
#include "sync-test-util.h"

static const SyncFixtureOptions small = { 5, 40, NULL, 0, FALSE };

/* The first sync reads the tasks and notes of all 40 pairs, so that the run undone carries only
 * the edit of its contact. */
static void
set_up (SyncFixture *f, gconstpointer data)
{
  sync_fixture_set_up (f, &small);
  sync_first_reads_unpaced (f);
}

static void
tear_down (SyncFixture *f, gconstpointer data)
{
  sync_fixture_tear_down (f);
}

static LiaisonSyncResult *
run_ok (SyncFixture *f, const LiaisonSyncOptions *options)
{
  g_autoptr (GError) error = NULL;
  LiaisonSyncResult *result = sync_run (f, options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  for (guint i = 0; i < result->failures->len; i++)
    g_test_message ("failure: %s", (char *) g_ptr_array_index (result->failures, i));
  g_assert_cmpuint (result->n_failed, ==, 0);
  return result;
}

static char *
dup_member (JsonObject *o, const char *member)
{
  return g_strdup (json_object_get_string_member_with_default (o, member, NULL));
}

static void
test_undo (SyncFixture *f, gconstpointer data)
{
  g_autoptr (LiaisonSyncResult) first = run_ok (f, NULL);
  g_autoptr (LiaisonSyncResult) carried = NULL;
  g_autoptr (LiaisonSyncResult) plan = NULL;
  g_autoptr (LiaisonSyncResult) undone = NULL;
  g_autoptr (LiaisonSyncResult) next = NULL;
  g_autoptr (JsonObject) contact = NULL;
  g_autoptr (JsonObject) lead = NULL;
  g_autoptr (JsonNode) edit = NULL;
  g_autoptr (JsonNode) later = NULL;
  g_autoptr (GPtrArray) ops = NULL;
  g_autoptr (GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (LiaisonStoreRun) row = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *lsq_id = NULL;
  g_autofree char *ghl_id = NULL;
  g_autofree char *gpath = NULL;
  g_autofree char *lpath = NULL;
  g_autofree char *city = NULL;
  g_autofree char *zip = NULL;
  LiaisonSyncOptions options = { 0 };
  guint n_undo_updates = 0, n_changed_since = 0;
  gint64 lsq_seq, ghl_seq;

  sync_until_quiet (f, 3);
  sync_first_link (f, &lsq_id, &ghl_id);
  gpath = g_strdup_printf ("/_sandbox/ghl/contacts/%s", ghl_id);
  lpath = g_strdup_printf ("/_sandbox/lsq/leads/%s", lsq_id);
  contact = sync_record (f, LIAISON_SERVICE_GHL, ghl_id);
  city = dup_member (contact, "city");
  zip = dup_member (contact, "postalCode");
  g_assert_cmpstr (city, !=, "Pune");
  g_clear_pointer (&contact, json_object_unref);

  /* A person edits two fields in HighLevel; the sync carries both to LeadSquared. */
  edit = sync_control (f, LIAISON_SERVICE_GHL, "PATCH", gpath,
                       "{\"city\": \"Pune\", \"postalCode\": \"411001\"}");
  carried = run_ok (f, NULL);
  g_assert_cmpuint (carried->n_updated, ==, 1);
  lead = sync_record (f, LIAISON_SERVICE_LSQ, lsq_id);
  g_assert_cmpstr (json_object_get_string_member (lead, "mx_City"), ==, "Pune");
  g_assert_cmpstr (json_object_get_string_member (lead, "mx_Zip"), ==, "411001");
  g_clear_pointer (&lead, json_object_unref);

  /* Later, someone changes the postal code again in LeadSquared. */
  later = sync_control (f, LIAISON_SERVICE_LSQ, "PATCH", lpath, "{\"mx_Zip\": \"411002\"}");

  /* The dry run plans the city back on both sides, lists the postal code, and writes nothing. */
  lsq_seq = sync_log_seq (f, LIAISON_SERVICE_LSQ);
  ghl_seq = sync_log_seq (f, LIAISON_SERVICE_GHL);
  options.undo_run = carried->run_id;
  options.dry_run = TRUE;
  plan = run_ok (f, &options);
  g_assert_cmpuint (sync_count_writes (f, LIAISON_SERVICE_LSQ, lsq_seq, NULL), ==, 0);
  g_assert_cmpuint (sync_count_writes (f, LIAISON_SERVICE_GHL, ghl_seq, NULL), ==, 0);
  g_assert_cmpuint (liaison_sync_plan_count (plan->plan, LIAISON_SYNC_ITEM_UPDATE), ==, 1);
  g_assert_cmpuint (liaison_sync_plan_count (plan->plan, LIAISON_SYNC_ITEM_SKIP), ==, 1);
  /* An undo puts fields back; it reads and writes no tasks or notes. */
  g_assert_null (plan->activity);
  {
    GPtrArray *items = liaison_sync_plan_get_items (plan->plan);

    for (guint i = 0; i < items->len; i++)
      {
        LiaisonSyncItem *item = g_ptr_array_index (items, i);

        if (item->kind == LIAISON_SYNC_ITEM_UPDATE)
          {
            g_assert_true (json_object_has_member (item->lsq_changes, "city"));
            g_assert_true (json_object_has_member (item->ghl_changes, "city"));
            g_assert_false (json_object_has_member (item->lsq_changes, "postalCode"));
          }
        else
          {
            g_assert_cmpstr (item->field, ==, "postalCode");
            g_assert_cmpstr (item->cause, ==, "changed-since");
            g_assert_nonnull (strstr (item->reason, "411002"));
          }
      }
  }

  /* The undo itself: the city from before the run in both services, the later postal code
   * untouched in LeadSquared and HighLevel's edit of it kept. */
  options.dry_run = FALSE;
  undone = run_ok (f, &options);
  g_assert_cmpint (undone->run_id, >, carried->run_id);
  g_assert_cmpuint (undone->n_updated, ==, 1);
  lead = sync_record (f, LIAISON_SERVICE_LSQ, lsq_id);
  contact = sync_record (f, LIAISON_SERVICE_GHL, ghl_id);
  g_assert_cmpstr (json_object_get_string_member_with_default (lead, "mx_City", NULL), ==, city);
  g_assert_cmpstr (json_object_get_string_member_with_default (contact, "city", NULL), ==, city);
  g_assert_cmpstr (json_object_get_string_member (lead, "mx_Zip"), ==, "411002");
  g_assert_cmpstr (json_object_get_string_member (contact, "postalCode"), ==, "411001");
  g_assert_cmpstr (zip, !=, "411001");

  /* The undo is a run in the history: its writes say why, the skipped field says what. */
  row = liaison_store_lookup_run (f->store, undone->run_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (row->status, ==, "succeeded");
  g_assert_cmpstr (row->cause, ==, "undo");
  ops = liaison_store_list_operations (f->store, undone->run_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ops->len; i++)
    {
      LiaisonStoreOperation *op = g_ptr_array_index (ops, i);

      if (op->action == LIAISON_OPERATION_UPDATE)
        {
          n_undo_updates++;
          g_assert_cmpstr (op->field, ==, "city");
          g_assert_cmpstr (op->before, ==, "\"Pune\"");
          g_assert_cmpstr (op->cause, ==, "undo");
          g_assert_cmpint (op->status, ==, LIAISON_OPERATION_APPLIED);
        }
      else if (op->action == LIAISON_OPERATION_SKIP)
        {
          n_changed_since++;
          g_assert_cmpstr (op->field, ==, "postalCode");
          g_assert_cmpstr (op->cause, ==, "changed-since");
        }
    }
  g_assert_cmpuint (n_undo_updates, ==, 2);
  g_assert_cmpuint (n_changed_since, ==, 1);

  /* The next sync writes nothing of the city; it carries the later postal code as any sync
   * would, to HighLevel only. */
  lsq_seq = sync_log_seq (f, LIAISON_SERVICE_LSQ);
  ghl_seq = sync_log_seq (f, LIAISON_SERVICE_GHL);
  next = run_ok (f, NULL);
  g_assert_cmpuint (sync_count_writes (f, LIAISON_SERVICE_LSQ, lsq_seq, NULL), ==, 0);
  g_assert_cmpuint (sync_count_writes (f, LIAISON_SERVICE_GHL, ghl_seq, bodies), ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (bodies, 0), "411002"));
  g_assert_null (strstr (g_ptr_array_index (bodies, 0), "city"));
  g_assert_cmpuint (sync_until_quiet (f, 2), ==, 1);
}

/* Undo refuses what it cannot take back, with a sentence. */
static void
test_undo_refusals (SyncFixture *f, gconstpointer data)
{
  g_autoptr (LiaisonSyncResult) dry = NULL;
  g_autoptr (LiaisonSyncResult) none = NULL;
  g_autoptr (LiaisonSyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  LiaisonSyncOptions options = { 0 };

  options.dry_run = TRUE;
  dry = run_ok (f, &options);
  options.dry_run = FALSE;
  options.undo_run = dry->run_id;
  result = sync_run (f, &options, &error);
  g_assert_null (result);
  g_assert_error (error, LIAISON_SYNC_ERROR, LIAISON_SYNC_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "dry run"));
  g_clear_error (&error);

  options.undo_run = 9999;
  none = sync_run (f, &options, &error);
  g_assert_null (none);
  g_assert_error (error, LIAISON_SYNC_ERROR, LIAISON_SYNC_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "no run 9999"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/sync/undo/puts-back-both-sides", SyncFixture, NULL, set_up, test_undo, tear_down);
  g_test_add ("/sync/undo/refusals", SyncFixture, NULL, set_up, test_undo_refusals, tear_down);
  return g_test_run ();
}
