/* test-sync-undo.c: undoing a run, end to end against the in-process sandbox: after a sync that
 * carried an edit from HighLevel to LeadSquared, the undo puts the value from before the run back
 * in both services, leaves a field edited since alone (and says so), is a run of its own in the
 * history, and the next sync writes nothing of what it put back. The undo of a first sync that
 * created copies both ways deletes them when deletes are on (within the mass-delete guard, or
 * past it with force), and the next sync copies the originals no more; with deletes off it
 * lists the creates it leaves alone, with the reason.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "liaison-appointment.h"
#include "liaison-calendar.h"
#include "liaison-note.h"
#include "liaison-store-activity.h"
#include "liaison-task.h"
#include "store-test-util.h"
#include "sync-test-util.h"

static const SyncFixtureOptions small = { 5, 40, NULL, 0, FALSE };
/* Few enough people that the first sync's creates stay within the mass-delete guard (10). */
static const SyncFixtureOptions few = { .seed = 5, .contacts = 7 };

/* The first sync reads the tasks and notes of all 40 pairs, so that the run undone carries only
 * the edit of its contact. */
static void
set_up (SyncFixture *f, gconstpointer data)
{
  sync_fixture_set_up (f, &small);
  sync_first_reads_unpaced (f);
}

static void
set_up_few (SyncFixture *f, gconstpointer data)
{
  sync_fixture_set_up (f, &few);
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

/* The copies run_id created, per side (by LiaisonService): "copy id" -> "original id". */
/* The contacts run_id created, per side: copy id -> original id. Returns how many tasks, notes
 * and appointments it created besides. */
static guint
list_creates (SyncFixture *f, gint64 run_id, GHashTable *copies[2])
{
  guint n_activities = 0;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) ops = liaison_store_list_operations (f->store, run_id, &error);

  g_assert_no_error (error);
  for (guint side = 0; side < 2; side++)
    copies[side] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < ops->len; i++)
    {
      LiaisonStoreOperation *op = g_ptr_array_index (ops, i);
      gboolean lsq = op->service == LIAISON_SERVICE_LSQ;

      if (op->action != LIAISON_OPERATION_CREATE || op->status != LIAISON_OPERATION_APPLIED)
        continue;
      if (op->kind != LIAISON_RECORD_CONTACT)
        {
          n_activities++;
          continue;
        }
      g_hash_table_insert (copies[op->service], g_strdup (lsq ? op->lsq_id : op->ghl_id),
                           g_strdup (lsq ? op->ghl_id : op->lsq_id));
    }
  return n_activities;
}

/* The items of plan of kind with cause (NULL: any) about records of record (contacts, or with
 * ACTIVITIES the tasks, notes and appointments). */
#define ACTIVITIES ((LiaisonRecordKind) -1)

static guint
count_items_of (LiaisonSyncPlan *plan, LiaisonSyncItemKind kind, const char *cause,
                LiaisonRecordKind record)
{
  GPtrArray *items = liaison_sync_plan_get_items (plan);
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    {
      LiaisonSyncItem *item = g_ptr_array_index (items, i);

      n += item->kind == kind && (cause == NULL || g_strcmp0 (item->cause, cause) == 0)
           && (record == ACTIVITIES ? item->record != LIAISON_RECORD_CONTACT
                                    : item->record == record);
    }
  return n;
}

static guint
count_items (LiaisonSyncPlan *plan, LiaisonSyncItemKind kind, const char *cause)
{
  return count_items_of (plan, kind, cause, LIAISON_RECORD_CONTACT);
}

/* The UPDATE items of plan that write side: one call each. */
static guint
count_puts_back (LiaisonSyncPlan *plan, LiaisonService side)
{
  GPtrArray *items = liaison_sync_plan_get_items (plan);
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    {
      LiaisonSyncItem *item = g_ptr_array_index (items, i);

      n += item->kind == LIAISON_SYNC_ITEM_UPDATE
           && (side == LIAISON_SERVICE_LSQ ? item->lsq_changes : item->ghl_changes) != NULL;
    }
  return n;
}

/* Whether each copy is gone from its service (gone TRUE) or still there, and each original
 * still there. */
static void
assert_copies (SyncFixture *f, GHashTable *copies[2], gboolean gone)
{
  for (LiaisonService side = LIAISON_SERVICE_LSQ; side <= LIAISON_SERVICE_GHL; side++)
    {
      GHashTableIter iter;
      gpointer copy, original;

      g_hash_table_iter_init (&iter, copies[side]);
      while (g_hash_table_iter_next (&iter, &copy, &original))
        {
          g_autoptr (JsonObject) c = sync_record (f, side, copy);
          g_autoptr (JsonObject) o = sync_record (
              f, side == LIAISON_SERVICE_LSQ ? LIAISON_SERVICE_GHL : LIAISON_SERVICE_LSQ, original);

          if (gone)
            g_assert_null (c);
          else
            g_assert_nonnull (c);
          g_assert_nonnull (o);
        }
    }
}

/* Deletes on: the undo of the first sync deletes the copies it made in both services, keeps the
 * originals, and the next sync writes nothing and copies nothing again; letting one original go
 * copies that one again. */
static void
test_undo_creates (SyncFixture *f, gconstpointer data)
{
  g_autoptr (LiaisonSyncResult) first = NULL;
  g_autoptr (LiaisonSyncResult) plan = NULL;
  g_autoptr (LiaisonSyncResult) undone = NULL;
  g_autoptr (LiaisonSyncResult) next = NULL;
  g_autoptr (LiaisonSyncResult) again = NULL;
  g_autoptr (GPtrArray) not_copied = NULL;
  g_autoptr (GAsyncResult) let_go = NULL;
  g_autoptr (GError) error = NULL;
  GHashTable *copies[2];
  LiaisonSyncOptions options = { 0 };
  guint n_copies, n_activities, n_activity_deletes;
  gint64 lsq_seq, ghl_seq;

  sync_set_deletes (f, TRUE);
  first = run_ok (f, NULL);
  n_activities = list_creates (f, first->run_id, copies);
  g_assert_cmpuint (g_hash_table_size (copies[LIAISON_SERVICE_LSQ]), >, 0);
  g_assert_cmpuint (g_hash_table_size (copies[LIAISON_SERVICE_GHL]), >, 0);
  n_copies = g_hash_table_size (copies[0]) + g_hash_table_size (copies[1]);
  /* The tasks, notes and appointments it made for the linked contacts too: the undo deletes
   * them as well, but for the notes it made in LeadSquared, which has no note delete. */
  g_assert_cmpuint (n_activities, >, 0);
  g_assert_cmpuint (n_copies + n_activities, ==, first->n_created);
  g_assert_cmpuint (n_copies, <=, 10);
  sync_until_quiet (f, 3);

  /* The dry run shows the deletes and writes nothing. */
  lsq_seq = sync_log_seq (f, LIAISON_SERVICE_LSQ);
  ghl_seq = sync_log_seq (f, LIAISON_SERVICE_GHL);
  options.undo_run = first->run_id;
  options.dry_run = TRUE;
  plan = run_ok (f, &options);
  g_assert_cmpuint (count_items (plan->plan, LIAISON_SYNC_ITEM_DELETE, "undo-create"), ==,
                    n_copies);
  n_activity_deletes
      = count_items_of (plan->plan, LIAISON_SYNC_ITEM_DELETE, "undo-create", ACTIVITIES);
  g_assert_cmpuint (n_activity_deletes, >, 0);
  g_assert_cmpuint (
      n_activity_deletes
          + count_items_of (plan->plan, LIAISON_SYNC_ITEM_SKIP, "no-delete-api", ACTIVITIES),
      ==, n_activities);
  g_assert_cmpuint (count_items (plan->plan, LIAISON_SYNC_ITEM_SKIP, "unlinked"), ==, 0);
  g_assert_cmpuint (sync_count_writes (f, LIAISON_SERVICE_LSQ, lsq_seq, NULL), ==, 0);
  g_assert_cmpuint (sync_count_writes (f, LIAISON_SERVICE_GHL, ghl_seq, NULL), ==, 0);
  assert_copies (f, copies, FALSE);

  options.dry_run = FALSE;
  undone = run_ok (f, &options);
  g_assert_null (undone->delete_guard);
  g_assert_cmpuint (undone->n_deleted, ==, n_copies + n_activity_deletes);
  assert_copies (f, copies, TRUE);
  not_copied = liaison_store_list_not_copied (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (not_copied->len, ==, n_copies);
  for (guint i = 0; i < not_copied->len; i++)
    {
      LiaisonStoreNotCopied *row = g_ptr_array_index (not_copied, i);
      LiaisonService copy_side
          = row->service == LIAISON_SERVICE_LSQ ? LIAISON_SERVICE_GHL : LIAISON_SERVICE_LSQ;
      GHashTableIter iter;
      gpointer copy, original;
      gboolean found = FALSE;

      g_assert_cmpint (row->undone_run, ==, first->run_id);
      g_assert_cmpint (row->run_id, ==, undone->run_id);
      g_hash_table_iter_init (&iter, copies[copy_side]);
      while (g_hash_table_iter_next (&iter, &copy, &original))
        found = found || g_str_equal (original, row->remote_id);
      g_assert_true (found);
    }

  /* The next sync writes nothing and creates nothing; it says why for each original. */
  lsq_seq = sync_log_seq (f, LIAISON_SERVICE_LSQ);
  ghl_seq = sync_log_seq (f, LIAISON_SERVICE_GHL);
  next = run_ok (f, NULL);
  g_assert_cmpuint (sync_count_writes (f, LIAISON_SERVICE_LSQ, lsq_seq, NULL), ==, 0);
  g_assert_cmpuint (sync_count_writes (f, LIAISON_SERVICE_GHL, ghl_seq, NULL), ==, 0);
  g_assert_cmpuint (next->n_created, ==, 0);
  g_assert_cmpuint (next->n_deleted, ==, 0);
  g_assert_cmpuint (count_items (next->plan, LIAISON_SYNC_ITEM_SKIP, "undone"), ==, n_copies);
  assert_copies (f, copies, TRUE);

  /* Copied again once a person lets the original go. */
  liaison_store_copy_again_async (
      f->store, ((LiaisonStoreNotCopied *) g_ptr_array_index (not_copied, 0))->remote_id, NULL,
      store_test_result_cb, &let_go);
  g_assert_cmpint (liaison_store_copy_again_finish (f->store, store_test_wait (&let_go), &error),
                   ==, 1);
  g_assert_no_error (error);
  again = run_ok (f, NULL);
  g_assert_cmpuint (again->n_created, ==, 1);
  for (guint side = 0; side < 2; side++)
    g_hash_table_unref (copies[side]);
}

/* A copy a person edited since the run, and a copy whose original a person edited since, are
 * left alone (both records) and listed as changed since; the other copies are deleted. */
static void
test_undo_creates_changed_since (SyncFixture *f, gconstpointer data)
{
  g_autoptr (LiaisonSyncResult) first = NULL;
  g_autoptr (LiaisonSyncResult) undone = NULL;
  g_autoptr (JsonNode) edit_copy = NULL;
  g_autoptr (JsonNode) edit_original = NULL;
  g_autoptr (JsonObject) copy_now = NULL;
  g_autoptr (JsonObject) original_now = NULL;
  g_autoptr (GPtrArray) ops = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *copy_path = NULL;
  g_autofree char *original_path = NULL;
  GHashTable *copies[2];
  GHashTableIter iter;
  gpointer ghl_copy = NULL, lsq_original = NULL, lsq_copy = NULL, ghl_original = NULL;
  LiaisonSyncOptions options = { 0 };
  guint n_copies, n_listed = 0;
  GPtrArray *items;

  sync_set_deletes (f, TRUE);
  first = run_ok (f, NULL);
  list_creates (f, first->run_id, copies);
  n_copies = g_hash_table_size (copies[0]) + g_hash_table_size (copies[1]);
  sync_until_quiet (f, 3);
  g_hash_table_iter_init (&iter, copies[LIAISON_SERVICE_GHL]);
  g_assert_true (g_hash_table_iter_next (&iter, &ghl_copy, &lsq_original));
  g_hash_table_iter_init (&iter, copies[LIAISON_SERVICE_LSQ]);
  g_assert_true (g_hash_table_iter_next (&iter, &lsq_copy, &ghl_original));

  /* A person edits the copy in HighLevel, and the original of a LeadSquared copy in HighLevel. */
  copy_path = g_strdup_printf ("/_sandbox/ghl/contacts/%s", (char *) ghl_copy);
  edit_copy = sync_control (f, LIAISON_SERVICE_GHL, "PATCH", copy_path, "{\"city\": \"Pune\"}");
  original_path = g_strdup_printf ("/_sandbox/ghl/contacts/%s", (char *) ghl_original);
  edit_original
      = sync_control (f, LIAISON_SERVICE_GHL, "PATCH", original_path, "{\"city\": \"Nashik\"}");

  options.undo_run = first->run_id;
  undone = run_ok (f, &options);
  g_assert_cmpuint (
      undone->n_deleted, ==,
      n_copies - 2
          + count_items_of (undone->plan, LIAISON_SYNC_ITEM_DELETE, "undo-create", ACTIVITIES));
  g_assert_cmpuint (count_items (undone->plan, LIAISON_SYNC_ITEM_SKIP, "changed-since"), ==, 2);
  items = liaison_sync_plan_get_items (undone->plan);
  for (guint i = 0; i < items->len; i++)
    {
      LiaisonSyncItem *item = g_ptr_array_index (items, i);

      if (g_strcmp0 (item->cause, "changed-since") != 0)
        continue;
      g_assert_cmpint (item->target, ==, LIAISON_SERVICE_GHL);
      g_assert_nonnull (strstr (item->reason, "city"));
      g_assert_nonnull (strstr (item->reason, "left as it is"));
      g_assert_true (strstr (item->reason, "Pune") != NULL
                     || strstr (item->reason, "Nashik") != NULL);
    }
  /* Both pairs are there still, with the edits. */
  copy_now = sync_record (f, LIAISON_SERVICE_GHL, ghl_copy);
  g_assert_nonnull (copy_now);
  g_assert_cmpstr (json_object_get_string_member (copy_now, "city"), ==, "Pune");
  original_now = sync_record (f, LIAISON_SERVICE_LSQ, lsq_copy);
  g_assert_nonnull (original_now);
  /* The history lists them too. */
  ops = liaison_store_list_operations (f->store, undone->run_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ops->len; i++)
    {
      LiaisonStoreOperation *op = g_ptr_array_index (ops, i);

      if (g_strcmp0 (op->cause, "changed-since") != 0)
        continue;
      g_assert_cmpint (op->status, ==, LIAISON_OPERATION_SKIPPED);
      g_assert_cmpint (op->kind, ==, LIAISON_RECORD_CONTACT);
      n_listed++;
    }
  g_assert_cmpuint (n_listed, ==, 2);
  for (guint side = 0; side < 2; side++)
    g_hash_table_unref (copies[side]);
}

/* Deletes off: nothing is deleted, and each create is listed with the reason. */
static void
test_undo_creates_deletes_off (SyncFixture *f, gconstpointer data)
{
  g_autoptr (LiaisonSyncResult) first = NULL;
  g_autoptr (LiaisonSyncResult) undone = NULL;
  g_autoptr (GPtrArray) ops = NULL;
  g_autoptr (GPtrArray) not_copied = NULL;
  g_autoptr (GError) error = NULL;
  GHashTable *copies[2];
  LiaisonSyncOptions options = { 0 };
  guint n_copies, n_listed = 0, n_activities, n_kept = 0;
  gint64 lsq_seq, ghl_seq;

  sync_set_deletes (f, FALSE);
  first = run_ok (f, NULL);
  n_activities = list_creates (f, first->run_id, copies);
  g_assert_cmpuint (n_activities, >, 0);
  n_copies = g_hash_table_size (copies[0]) + g_hash_table_size (copies[1]);
  g_assert_cmpuint (n_copies, >, 0);
  sync_until_quiet (f, 3);

  lsq_seq = sync_log_seq (f, LIAISON_SERVICE_LSQ);
  ghl_seq = sync_log_seq (f, LIAISON_SERVICE_GHL);
  options.undo_run = first->run_id;
  undone = run_ok (f, &options);
  g_assert_cmpuint (undone->n_deleted, ==, 0);
  g_assert_cmpuint (count_items (undone->plan, LIAISON_SYNC_ITEM_SKIP, "deletes-off"), ==,
                    n_copies);
  assert_copies (f, copies, FALSE);
  /* Its only writes put back the fields the first sync filled in on matched contacts. */
  g_assert_cmpuint (sync_count_writes (f, LIAISON_SERVICE_LSQ, lsq_seq, NULL), ==,
                    count_puts_back (undone->plan, LIAISON_SERVICE_LSQ));
  g_assert_cmpuint (sync_count_writes (f, LIAISON_SERVICE_GHL, ghl_seq, NULL), ==,
                    count_puts_back (undone->plan, LIAISON_SERVICE_GHL));
  /* The history says which creates were left alone, and why. */
  ops = liaison_store_list_operations (f->store, undone->run_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ops->len; i++)
    {
      LiaisonStoreOperation *op = g_ptr_array_index (ops, i);

      /* The tasks, notes and appointments kept are rows of their own kind, not contacts'. */
      if (op->kind != LIAISON_RECORD_CONTACT
          && (g_strcmp0 (op->cause, "deletes-off") == 0
              || g_strcmp0 (op->cause, "no-delete-api") == 0))
        {
          g_assert_cmpint (op->status, ==, LIAISON_OPERATION_SKIPPED);
          n_kept++;
          continue;
        }
      if (g_strcmp0 (op->cause, "deletes-off") != 0)
        continue;
      g_assert_cmpint (op->kind, ==, LIAISON_RECORD_CONTACT);
      g_assert_cmpint (op->status, ==, LIAISON_OPERATION_SKIPPED);
      g_assert_nonnull (strstr (op->error, "deletes are off; enable them to undo creates"));
      n_listed++;
    }
  g_assert_cmpuint (n_listed, ==, n_copies);
  g_assert_cmpuint (n_kept, ==, n_activities);
  not_copied = liaison_store_list_not_copied (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (not_copied->len, ==, 0);
  for (guint side = 0; side < 2; side++)
    g_hash_table_unref (copies[side]);
}

/* More creates than the guard lets a sync delete: the undo deletes none and says so; with
 * force_delete (--force-delete) it deletes them all. */
static void
test_undo_creates_guard (SyncFixture *f, gconstpointer data)
{
  g_autoptr (LiaisonSyncResult) first = NULL;
  g_autoptr (LiaisonSyncResult) held = NULL;
  g_autoptr (LiaisonSyncResult) forced = NULL;
  GHashTable *copies[2];
  LiaisonSyncOptions options = { 0 };
  guint n_copies, n_activity_deletes;
  gint64 lsq_seq, ghl_seq;

  sync_set_deletes (f, TRUE);
  first = run_ok (f, NULL);
  list_creates (f, first->run_id, copies);
  n_copies = g_hash_table_size (copies[0]) + g_hash_table_size (copies[1]);
  g_assert_cmpuint (n_copies, >, 10);
  sync_until_quiet (f, 3);

  lsq_seq = sync_log_seq (f, LIAISON_SERVICE_LSQ);
  ghl_seq = sync_log_seq (f, LIAISON_SERVICE_GHL);
  options.undo_run = first->run_id;
  held = run_ok (f, &options);
  g_assert_nonnull (held->delete_guard);
  g_assert_nonnull (strstr (held->delete_guard, "--force-delete"));
  g_assert_cmpuint (held->n_deleted, ==, 0);
  g_assert_cmpuint (count_items (held->plan, LIAISON_SYNC_ITEM_SKIP, "delete-guard"), ==, n_copies);
  /* The tasks, notes and appointments are held back with them. */
  n_activity_deletes
      = count_items_of (held->plan, LIAISON_SYNC_ITEM_SKIP, "delete-guard", ACTIVITIES);
  /* Nothing deleted: the writes only put back fields the first sync filled in. */
  g_assert_cmpuint (sync_count_writes (f, LIAISON_SERVICE_LSQ, lsq_seq, NULL), ==,
                    count_puts_back (held->plan, LIAISON_SERVICE_LSQ));
  g_assert_cmpuint (sync_count_writes (f, LIAISON_SERVICE_GHL, ghl_seq, NULL), ==,
                    count_puts_back (held->plan, LIAISON_SERVICE_GHL));
  assert_copies (f, copies, FALSE);

  options.force_delete = TRUE;
  forced = run_ok (f, &options);
  g_assert_null (forced->delete_guard);
  g_assert_cmpuint (forced->n_deleted, ==, n_copies + n_activity_deletes);
  assert_copies (f, copies, TRUE);
  for (guint side = 0; side < 2; side++)
    g_hash_table_unref (copies[side]);
}

/* ---- the tasks, notes and appointments a run created ---- */

/* Friday 27 November 2026, noon UTC: both clocks, the sandbox's and the engine's, so that the
 * appointment falls in the window read and the sweep reads every pair. */
#define NOW_MS G_GINT64_CONSTANT (1795780800000)

static const SyncFixtureOptions paired = { .seed = 11, .contacts = 6, .sweep_hour = 12 };

typedef struct
{
  SyncFixture f;
  char *lsq_contact;
  char *ghl_contact;
  /* The originals a person made, and their copies the run made. */
  char *lsq_task, *ghl_task_copy;       /* copied to HighLevel */
  char *ghl_task, *lsq_task_copy;       /* copied to LeadSquared */
  char *ghl_task2, *lsq_task2_copy;     /* the same, deleted with it in one DeleteTasks */
  char *edited_task, *edited_task_copy; /* LeadSquared's, its copy edited after the run */
  char *lsq_note, *ghl_note_copy;       /* copied to HighLevel */
  char *ghl_note, *lsq_note_copy;       /* copied to LeadSquared, which deletes no note */
  char *lsq_appt, *ghl_appt_copy;       /* copied to HighLevel */
  gint64 run_id;                        /* the run that made the copies */
} ActivityFixture;

static gint64
pinned_clock (gpointer user_data)
{
  return NOW_MS;
}

static LiaisonTask *
new_task (const char *contact, const char *title, GDateTime *due)
{
  LiaisonTask *task = liaison_task_new ();

  liaison_task_set_contact_id (task, contact);
  liaison_task_set_title (task, title);
  liaison_task_set_due_date (task, due);
  return task;
}

static char *
make_lsq_task (ActivityFixture *t, const char *title, GDateTime *due)
{
  g_autoptr (LiaisonTask) task = new_task (t->lsq_contact, title, due);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  char *id;

  liaison_lsq_client_create_task_async (t->f.lsq, task, "Follow Up", NULL, store_test_result_cb,
                                        &result);
  id = liaison_lsq_client_id_finish (t->f.lsq, store_test_wait (&result), &error);
  g_assert_no_error (error);
  return id;
}

static char *
make_ghl_task (ActivityFixture *t, const char *title, GDateTime *due)
{
  g_autoptr (LiaisonTask) task = new_task (t->ghl_contact, title, due);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonTask) made = NULL;

  liaison_ghl_client_create_task_async (t->f.ghl, task, NULL, store_test_result_cb, &result);
  made = liaison_ghl_client_task_finish (t->f.ghl, store_test_wait (&result), &error);
  g_assert_no_error (error);
  return g_strdup (liaison_task_get_id (made));
}

static char *
make_note (ActivityFixture *t, LiaisonService side, const char *text)
{
  g_autoptr (LiaisonNote) note = liaison_note_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  liaison_note_set_body (note, text);
  if (side == LIAISON_SERVICE_LSQ)
    {
      char *id;

      liaison_note_set_contact_id (note, t->lsq_contact);
      liaison_lsq_client_create_note_async (t->f.lsq, note, NULL, store_test_result_cb, &result);
      id = liaison_lsq_client_id_finish (t->f.lsq, store_test_wait (&result), &error);
      g_assert_no_error (error);
      return id;
    }
  else
    {
      g_autoptr (LiaisonNote) made = NULL;

      liaison_note_set_contact_id (note, t->ghl_contact);
      liaison_ghl_client_create_note_async (t->f.ghl, note, NULL, store_test_result_cb, &result);
      made = liaison_ghl_client_note_finish (t->f.ghl, store_test_wait (&result), &error);
      g_assert_no_error (error);
      return g_strdup (liaison_note_get_id (made));
    }
}

static char *
make_lsq_appointment (ActivityFixture *t, const char *title, GDateTime *start)
{
  g_autoptr (LiaisonAppointment) a = liaison_appointment_new ();
  g_autoptr (GDateTime) end = g_date_time_add_minutes (start, 30);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  char *id;

  liaison_appointment_set_contact_id (a, t->lsq_contact);
  liaison_appointment_set_title (a, title);
  liaison_appointment_set_start_time (a, start);
  liaison_appointment_set_end_time (a, end);
  liaison_lsq_client_create_appointment_async (t->f.lsq, a, "Meeting", NULL, store_test_result_cb,
                                               &result);
  id = liaison_lsq_client_id_finish (t->f.lsq, store_test_wait (&result), &error);
  g_assert_no_error (error);
  return id;
}

/* Whether the service holds the record id in its collection (as its control routes list it). */
static gboolean
holds (SyncFixture *f, LiaisonService side, const char *collection, const char *id)
{
  g_autofree char *path = g_strdup_printf ("/_sandbox/%s/%s",
                                           side == LIAISON_SERVICE_LSQ ? "lsq" : "ghl", collection);
  g_autoptr (JsonNode) node = sync_control (f, side, "GET", path, NULL);
  JsonArray *records = json_object_get_array_member (json_node_get_object (node), "records");
  const char *key = side == LIAISON_SERVICE_GHL         ? "id"
                    : g_str_equal (collection, "tasks") ? "UserTaskId"
                                                        : "ProspectNoteId";

  for (guint i = 0; i < json_array_get_length (records); i++)
    if (g_strcmp0 (json_object_get_string_member_with_default (
                       json_array_get_object_element (records, i), key, NULL),
                   id)
        == 0)
      return TRUE;
  return FALSE;
}

/* The copy run_id made of original (a record of kind): the other id of its create. */
static char *
copy_of (SyncFixture *f, gint64 run_id, LiaisonRecordKind kind, const char *original)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) ops = liaison_store_list_operations (f->store, run_id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < ops->len; i++)
    {
      LiaisonStoreOperation *op = g_ptr_array_index (ops, i);

      if (op->action != LIAISON_OPERATION_CREATE || op->kind != kind
          || op->status != LIAISON_OPERATION_APPLIED)
        continue;
      if (g_strcmp0 (op->lsq_id, original) == 0)
        return g_strdup (op->ghl_id);
      if (g_strcmp0 (op->ghl_id, original) == 0)
        return g_strdup (op->lsq_id);
    }
  g_error ("run %" G_GINT64_FORMAT " made no copy of %s", run_id, original);
  return NULL;
}

static void
set_up_activities (ActivityFixture *t, gconstpointer data)
{
  g_autofree char *body = g_strdup_printf ("{\"offsetMs\": %" G_GINT64_FORMAT "}",
                                           NOW_MS - g_get_real_time () / 1000);
  g_autoptr (JsonNode) clock = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) calendars = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonSyncResult) made = NULL;
  /* Monday 30 November 2026, 10:00 in New York: a free slot of the Consultation calendar. */
  g_autoptr (GDateTime) start = g_date_time_new_from_iso8601 ("2026-11-30T15:00:00Z", NULL);
  g_autoptr (GDateTime) due = g_date_time_new_from_iso8601 ("2026-12-02T09:00:00Z", NULL);

  sync_fixture_set_up (&t->f, &paired);
  clock = sync_control (&t->f, LIAISON_SERVICE_GHL, "POST", "/_sandbox/clock", body);
  liaison_sync_engine_set_clock (t->f.engine, pinned_clock, NULL);
  sync_first_reads_unpaced (&t->f);
  g_assert_cmpuint (sync_until_quiet (&t->f, 5), <=, 5);
  sync_first_link (&t->f, &t->lsq_contact, &t->ghl_contact);
  liaison_ghl_client_list_calendars_async (t->f.ghl, NULL, store_test_result_cb, &result);
  calendars = liaison_ghl_client_list_finish (t->f.ghl, store_test_wait (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < calendars->len; i++)
    {
      LiaisonCalendar *c = g_ptr_array_index (calendars, i);

      if (g_strcmp0 (liaison_calendar_get_name (c), "Consultation") == 0)
        sync_set_setting (&t->f, LIAISON_SETTING_APPOINTMENTS_CALENDAR,
                          liaison_calendar_get_id (c));
    }

  /* A person makes a task on each side, a note on each side and an appointment in LeadSquared;
   * one sync copies them all. */
  t->lsq_task = make_lsq_task (t, "Send the brochure", due);
  t->ghl_task = make_ghl_task (t, "Call about the quote", due);
  t->ghl_task2 = make_ghl_task (t, "Send the signed quote", due);
  t->edited_task = make_lsq_task (t, "Book the site visit", due);
  t->lsq_note = make_note (t, LIAISON_SERVICE_LSQ, "Prefers e-mail after six.");
  t->ghl_note = make_note (t, LIAISON_SERVICE_GHL, "Asked for the Hindi brochure.");
  t->lsq_appt = make_lsq_appointment (t, "Site visit", start);
  made = run_ok (&t->f, NULL);
  t->run_id = made->run_id;
  t->ghl_task_copy = copy_of (&t->f, t->run_id, LIAISON_RECORD_TASK, t->lsq_task);
  t->lsq_task_copy = copy_of (&t->f, t->run_id, LIAISON_RECORD_TASK, t->ghl_task);
  t->lsq_task2_copy = copy_of (&t->f, t->run_id, LIAISON_RECORD_TASK, t->ghl_task2);
  t->edited_task_copy = copy_of (&t->f, t->run_id, LIAISON_RECORD_TASK, t->edited_task);
  t->ghl_note_copy = copy_of (&t->f, t->run_id, LIAISON_RECORD_NOTE, t->lsq_note);
  t->lsq_note_copy = copy_of (&t->f, t->run_id, LIAISON_RECORD_NOTE, t->ghl_note);
  t->ghl_appt_copy = copy_of (&t->f, t->run_id, LIAISON_RECORD_APPOINTMENT, t->lsq_appt);
  g_assert_cmpuint (made->n_created, ==, 7);
  g_assert_true (holds (&t->f, LIAISON_SERVICE_GHL, "tasks", t->ghl_task_copy));
  g_assert_true (holds (&t->f, LIAISON_SERVICE_LSQ, "tasks", t->lsq_task_copy));
  g_assert_true (holds (&t->f, LIAISON_SERVICE_GHL, "notes", t->ghl_note_copy));
  g_assert_true (holds (&t->f, LIAISON_SERVICE_LSQ, "notes", t->lsq_note_copy));
  g_assert_true (holds (&t->f, LIAISON_SERVICE_GHL, "events", t->ghl_appt_copy));
}

static void
tear_down_activities (ActivityFixture *t, gconstpointer data)
{
  char **ids[] = { &t->lsq_contact, &t->ghl_contact,   &t->lsq_task,    &t->ghl_task_copy,
                   &t->ghl_task,    &t->lsq_task_copy, &t->edited_task, &t->edited_task_copy,
                   &t->lsq_note,    &t->ghl_note_copy, &t->ghl_note,    &t->lsq_note_copy,
                   &t->lsq_appt,    &t->ghl_appt_copy, &t->ghl_task2,   &t->lsq_task2_copy };

  sync_fixture_tear_down (&t->f);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_clear_pointer (ids[i], g_free);
}

/* The item of plan about the record id (either side's), or NULL. */
static LiaisonSyncItem *
item_about (LiaisonSyncPlan *plan, const char *id)
{
  GPtrArray *items = liaison_sync_plan_get_items (plan);

  for (guint i = 0; i < items->len; i++)
    {
      LiaisonSyncItem *item = g_ptr_array_index (items, i);

      if (g_strcmp0 (item->lsq_id, id) == 0 || g_strcmp0 (item->ghl_id, id) == 0)
        return item;
    }
  return NULL;
}

/* Whether rows (LiaisonStoreNotCopied) list remote_id. */
static gboolean
lists (GPtrArray *rows, const char *remote_id)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (((LiaisonStoreNotCopied *) g_ptr_array_index (rows, i))->remote_id, remote_id)
        == 0)
      return TRUE;
  return FALSE;
}

/* The history row of run_id about the record id with cause, or NULL. */
static LiaisonStoreOperation *
row_about (GPtrArray *ops, const char *id, const char *cause)
{
  for (guint i = 0; i < ops->len; i++)
    {
      LiaisonStoreOperation *op = g_ptr_array_index (ops, i);

      if ((g_strcmp0 (op->lsq_id, id) == 0 || g_strcmp0 (op->ghl_id, id) == 0)
          && g_strcmp0 (op->cause, cause) == 0)
        return op;
    }
  return NULL;
}

/* Deletes on: the undo deletes the copies of both tasks, the HighLevel note and the appointment
 * in the services, keeps the originals, leaves the task copy a person edited since and the
 * LeadSquared note (no delete in LeadSquared's API), each with its reason, and the next sync
 * writes nothing to either service. */
static void
test_undo_activities (ActivityFixture *t, gconstpointer data)
{
  g_autoptr (LiaisonSyncResult) dry = NULL;
  g_autoptr (LiaisonSyncResult) undone = NULL;
  g_autoptr (LiaisonSyncResult) next = NULL;
  g_autoptr (LiaisonSyncResult) quiet = NULL;
  g_autoptr (LiaisonSyncResult) again = NULL;
  g_autoptr (JsonNode) edit = NULL;
  g_autoptr (GPtrArray) ops = NULL;
  g_autoptr (GPtrArray) not_copied = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *edit_path = g_strdup_printf ("/_sandbox/ghl/tasks/%s", t->edited_task_copy);
  g_autofree char *note_path = NULL;
  g_autoptr (JsonNode) gone = NULL;
  LiaisonSyncOptions options = { .undo_run = t->run_id };
  LiaisonStoreOperation *row;
  LiaisonSyncItem *item;
  gint64 lsq_seq, ghl_seq;

  sync_set_deletes (&t->f, TRUE);
  /* After the run, a person renames one copy in HighLevel. */
  edit = sync_control (&t->f, LIAISON_SERVICE_GHL, "PATCH", edit_path,
                       "{\"title\": \"Book the site visit for Tuesday\"}");

  /* The dry run plans the deletes and writes nothing. */
  lsq_seq = sync_log_seq (&t->f, LIAISON_SERVICE_LSQ);
  ghl_seq = sync_log_seq (&t->f, LIAISON_SERVICE_GHL);
  options.dry_run = TRUE;
  dry = run_ok (&t->f, &options);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_LSQ, lsq_seq, NULL), ==, 0);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_GHL, ghl_seq, NULL), ==, 0);
  item = item_about (dry->plan, t->ghl_task_copy);
  g_assert_nonnull (item);
  g_assert_cmpint (item->kind, ==, LIAISON_SYNC_ITEM_DELETE);
  g_assert_cmpint (item->record, ==, LIAISON_RECORD_TASK);
  g_assert_cmpint (item->target, ==, LIAISON_SERVICE_GHL);
  item = item_about (dry->plan, t->lsq_appt);
  g_assert_nonnull (item);
  g_assert_cmpint (item->kind, ==, LIAISON_SYNC_ITEM_DELETE);
  g_assert_cmpint (item->record, ==, LIAISON_RECORD_APPOINTMENT);
  item = item_about (dry->plan, t->lsq_note_copy);
  g_assert_nonnull (item);
  g_assert_cmpint (item->kind, ==, LIAISON_SYNC_ITEM_SKIP);
  g_assert_cmpstr (item->cause, ==, "no-delete-api");
  g_assert_nonnull (strstr (item->reason, "no call that deletes a note"));
  g_assert_true (holds (&t->f, LIAISON_SERVICE_GHL, "tasks", t->ghl_task_copy));
  /* HighLevel: a delete per copy (two tasks, a note, an appointment); LeadSquared: one
   * DeleteTasks for its two task copies. */
  g_assert_cmpuint (liaison_sync_plan_get_n_calls (dry->plan, LIAISON_SERVICE_GHL), ==, 4);
  g_assert_cmpuint (liaison_sync_plan_get_n_calls (dry->plan, LIAISON_SERVICE_LSQ), ==, 1);

  /* The undo: LeadSquared's two task copies go in one DeleteTasks. */
  options.dry_run = FALSE;
  lsq_seq = sync_log_seq (&t->f, LIAISON_SERVICE_LSQ);
  undone = run_ok (&t->f, &options);
  g_assert_null (undone->delete_guard);
  g_assert_cmpuint (undone->n_deleted, ==, 5);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_LSQ, lsq_seq, "DeleteTasks"), ==,
                    1);
  g_assert_false (holds (&t->f, LIAISON_SERVICE_LSQ, "tasks", t->lsq_task2_copy));
  g_assert_true (holds (&t->f, LIAISON_SERVICE_GHL, "tasks", t->ghl_task2));
  g_assert_false (holds (&t->f, LIAISON_SERVICE_GHL, "tasks", t->ghl_task_copy));
  g_assert_false (holds (&t->f, LIAISON_SERVICE_LSQ, "tasks", t->lsq_task_copy));
  g_assert_false (holds (&t->f, LIAISON_SERVICE_GHL, "notes", t->ghl_note_copy));
  g_assert_false (holds (&t->f, LIAISON_SERVICE_GHL, "events", t->ghl_appt_copy));
  /* The originals stay; so do the edited copy and the LeadSquared note. */
  g_assert_true (holds (&t->f, LIAISON_SERVICE_LSQ, "tasks", t->lsq_task));
  g_assert_true (holds (&t->f, LIAISON_SERVICE_GHL, "tasks", t->ghl_task));
  g_assert_true (holds (&t->f, LIAISON_SERVICE_LSQ, "notes", t->lsq_note));
  g_assert_true (holds (&t->f, LIAISON_SERVICE_GHL, "notes", t->ghl_note));
  g_assert_true (holds (&t->f, LIAISON_SERVICE_LSQ, "tasks", t->lsq_appt));
  g_assert_true (holds (&t->f, LIAISON_SERVICE_GHL, "tasks", t->edited_task_copy));
  g_assert_true (holds (&t->f, LIAISON_SERVICE_LSQ, "tasks", t->edited_task));
  g_assert_true (holds (&t->f, LIAISON_SERVICE_LSQ, "notes", t->lsq_note_copy));
  /* The links of what was deleted are gone; those of what stays are not. */
  g_assert_false (sync_child_linked (&t->f, LIAISON_RECORD_TASK, t->lsq_task, t->ghl_task_copy));
  g_assert_false (sync_child_linked (&t->f, LIAISON_RECORD_TASK, t->lsq_task_copy, t->ghl_task));
  g_assert_false (
      sync_child_linked (&t->f, LIAISON_RECORD_APPOINTMENT, t->lsq_appt, t->ghl_appt_copy));
  g_assert_true (
      sync_child_linked (&t->f, LIAISON_RECORD_TASK, t->edited_task, t->edited_task_copy));
  g_assert_true (sync_child_linked (&t->f, LIAISON_RECORD_NOTE, t->lsq_note_copy, t->ghl_note));

  /* The history says what was deleted and what was left alone, and why. */
  ops = liaison_store_list_operations (t->f.store, undone->run_id, &error);
  g_assert_no_error (error);
  row = row_about (ops, t->ghl_task_copy, "undo-create");
  g_assert_nonnull (row);
  g_assert_cmpint (row->action, ==, LIAISON_OPERATION_DELETE);
  g_assert_cmpint (row->status, ==, LIAISON_OPERATION_APPLIED);
  g_assert_cmpint (row->kind, ==, LIAISON_RECORD_TASK);
  row = row_about (ops, t->ghl_appt_copy, "undo-create");
  g_assert_nonnull (row);
  g_assert_cmpint (row->kind, ==, LIAISON_RECORD_APPOINTMENT);
  row = row_about (ops, t->edited_task_copy, "changed-since");
  g_assert_nonnull (row);
  g_assert_cmpint (row->status, ==, LIAISON_OPERATION_SKIPPED);
  g_assert_cmpint (row->kind, ==, LIAISON_RECORD_TASK);
  g_assert_cmpstr (row->field, ==, "title");
  g_assert_nonnull (strstr (row->error, "Book the site visit for Tuesday"));
  g_assert_nonnull (strstr (row->error, "left as it is"));
  row = row_about (ops, t->lsq_note_copy, "no-delete-api");
  g_assert_nonnull (row);
  g_assert_cmpint (row->kind, ==, LIAISON_RECORD_NOTE);
  g_assert_cmpint (row->status, ==, LIAISON_OPERATION_SKIPPED);

  /* The originals are listed as not to copy again. */
  not_copied = liaison_store_list_not_copied_of (t->f.store, LIAISON_RECORD_TASK, &error);
  g_assert_no_error (error);
  g_assert_true (lists (not_copied, t->lsq_task));
  g_assert_true (lists (not_copied, t->ghl_task));

  /* The next sync copies nothing again: its one write carries the person's edit of the copy
   * left alone to its original, as any sync would; the one after writes nothing at all. */
  lsq_seq = sync_log_seq (&t->f, LIAISON_SERVICE_LSQ);
  ghl_seq = sync_log_seq (&t->f, LIAISON_SERVICE_GHL);
  next = run_ok (&t->f, NULL);
  g_assert_cmpuint (next->n_created, ==, 0);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_GHL, ghl_seq, NULL), ==, 0);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_LSQ, lsq_seq, NULL), ==, 1);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_LSQ, lsq_seq, "Task.svc/Update"),
                    ==, 1);
  lsq_seq = sync_log_seq (&t->f, LIAISON_SERVICE_LSQ);
  ghl_seq = sync_log_seq (&t->f, LIAISON_SERVICE_GHL);
  quiet = run_ok (&t->f, NULL);
  g_assert_cmpuint (quiet->n_created, ==, 0);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_LSQ, lsq_seq, NULL), ==, 0);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_GHL, ghl_seq, NULL), ==, 0);
  g_assert_false (holds (&t->f, LIAISON_SERVICE_GHL, "tasks", t->ghl_task_copy));
  g_assert_false (holds (&t->f, LIAISON_SERVICE_LSQ, "tasks", t->lsq_task_copy));
  g_assert_false (holds (&t->f, LIAISON_SERVICE_GHL, "notes", t->ghl_note_copy));
  g_assert_false (holds (&t->f, LIAISON_SERVICE_GHL, "events", t->ghl_appt_copy));

  /* Undone twice, nothing more is deleted. */
  again = run_ok (&t->f, &options);
  g_assert_cmpuint (again->n_deleted, ==, 0);

  /* The LeadSquared note the undo could not delete: a person deletes it in LeadSquared, and the
   * HighLevel note it copied is not copied there again. */
  g_clear_pointer (&not_copied, g_ptr_array_unref);
  not_copied = liaison_store_list_not_copied_of (t->f.store, LIAISON_RECORD_NOTE, &error);
  g_assert_no_error (error);
  g_assert_true (lists (not_copied, t->ghl_note));
  note_path = g_strdup_printf ("/_sandbox/lsq/notes/%s", t->lsq_note_copy);
  gone = sync_control (&t->f, LIAISON_SERVICE_LSQ, "DELETE", note_path, NULL);
  lsq_seq = sync_log_seq (&t->f, LIAISON_SERVICE_LSQ);
  ghl_seq = sync_log_seq (&t->f, LIAISON_SERVICE_GHL);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (LiaisonSyncResult) after = run_ok (&t->f, NULL);

      g_assert_cmpuint (after->n_created, ==, 0);
    }
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_LSQ, lsq_seq, NULL), ==, 0);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_GHL, ghl_seq, NULL), ==, 0);
  g_assert_false (sync_child_linked (&t->f, LIAISON_RECORD_NOTE, t->lsq_note_copy, t->ghl_note));
  g_assert_true (holds (&t->f, LIAISON_SERVICE_GHL, "notes", t->ghl_note));
}

/* An undo stopped between its intent and its step (the delete reached HighLevel, the store did
 * not record it): the next run, any run, finishes it first: the link goes, the original is not
 * copied back, and the run after writes nothing. */
static void
test_undo_activities_interrupted (ActivityFixture *t, gconstpointer data)
{
  g_autoptr (GPtrArray) intents
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_intent_free);
  g_autoptr (LiaisonStoreLink) link = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) gone = NULL;
  g_autoptr (LiaisonSyncResult) finished = NULL;
  g_autoptr (LiaisonSyncResult) quiet = NULL;
  g_autoptr (GPtrArray) ops = NULL;
  g_autoptr (GPtrArray) not_copied = NULL;
  g_autofree char *path = g_strdup_printf ("/_sandbox/ghl/tasks/%s", t->ghl_task_copy);
  LiaisonStoreIntent *intent = g_new0 (LiaisonStoreIntent, 1);
  LiaisonStoreOperation *row;
  gint64 lsq_seq, ghl_seq;

  sync_set_deletes (&t->f, TRUE);
  link = liaison_store_lookup_link (t->f.store, LIAISON_SERVICE_LSQ, t->f.lsq_id,
                                    LIAISON_RECORD_TASK, t->lsq_task, &error);
  g_assert_no_error (error);
  g_assert_nonnull (link);
  intent->kind = LIAISON_RECORD_TASK;
  intent->service = LIAISON_SERVICE_GHL;
  intent->op = LIAISON_INTENT_DELETE;
  intent->remote_id = g_strdup (t->ghl_task_copy);
  intent->source_id = g_strdup (t->lsq_task);
  intent->link_id = link->id;
  intent->payload = g_strdup_printf ("{\"undo\": %" G_GINT64_FORMAT ", \"contact\": \"%s\"}",
                                     t->run_id, t->ghl_contact);
  g_ptr_array_add (intents, intent);
  liaison_store_add_intents_async (t->f.store, intents, NULL, store_test_result_cb, &result);
  ids = liaison_store_add_intents_finish (t->f.store, store_test_wait (&result), &error);
  g_assert_no_error (error);
  gone = sync_control (&t->f, LIAISON_SERVICE_GHL, "DELETE", path, NULL);

  finished = run_ok (&t->f, NULL);
  g_assert_cmpuint (finished->n_reconciled, >=, 1);
  g_assert_cmpuint (finished->n_created, ==, 0);
  g_assert_false (holds (&t->f, LIAISON_SERVICE_GHL, "tasks", t->ghl_task_copy));
  g_assert_true (holds (&t->f, LIAISON_SERVICE_LSQ, "tasks", t->lsq_task));
  g_assert_false (sync_child_linked (&t->f, LIAISON_RECORD_TASK, t->lsq_task, t->ghl_task_copy));
  not_copied = liaison_store_list_not_copied_of (t->f.store, LIAISON_RECORD_TASK, &error);
  g_assert_no_error (error);
  g_assert_true (lists (not_copied, t->lsq_task));
  ops = liaison_store_list_operations (t->f.store, finished->run_id, &error);
  g_assert_no_error (error);
  row = row_about (ops, t->ghl_task_copy, "reconciled");
  g_assert_nonnull (row);
  g_assert_cmpint (row->action, ==, LIAISON_OPERATION_DELETE);
  g_assert_cmpint (row->kind, ==, LIAISON_RECORD_TASK);

  lsq_seq = sync_log_seq (&t->f, LIAISON_SERVICE_LSQ);
  ghl_seq = sync_log_seq (&t->f, LIAISON_SERVICE_GHL);
  quiet = run_ok (&t->f, NULL);
  g_assert_cmpuint (quiet->n_created, ==, 0);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_LSQ, lsq_seq, NULL), ==, 0);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_GHL, ghl_seq, NULL), ==, 0);
}

/* Deletes off: every task, note and appointment the run created is left alone, saying how to
 * take it back, and nothing is written. */
static void
test_undo_activities_deletes_off (ActivityFixture *t, gconstpointer data)
{
  g_autoptr (LiaisonSyncResult) undone = NULL;
  g_autoptr (GPtrArray) ops = NULL;
  g_autoptr (GError) error = NULL;
  LiaisonSyncOptions options = { .undo_run = t->run_id };
  const char *copies[] = { t->ghl_task_copy,    t->lsq_task_copy, t->lsq_task2_copy,
                           t->edited_task_copy, t->ghl_note_copy, t->ghl_appt_copy };
  gint64 lsq_seq, ghl_seq;

  sync_set_deletes (&t->f, FALSE);
  lsq_seq = sync_log_seq (&t->f, LIAISON_SERVICE_LSQ);
  ghl_seq = sync_log_seq (&t->f, LIAISON_SERVICE_GHL);
  undone = run_ok (&t->f, &options);
  g_assert_cmpuint (undone->n_deleted, ==, 0);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_LSQ, lsq_seq, NULL), ==, 0);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_GHL, ghl_seq, NULL), ==, 0);
  g_assert_true (holds (&t->f, LIAISON_SERVICE_GHL, "tasks", t->ghl_task_copy));
  g_assert_true (holds (&t->f, LIAISON_SERVICE_LSQ, "tasks", t->lsq_task_copy));
  g_assert_true (holds (&t->f, LIAISON_SERVICE_GHL, "notes", t->ghl_note_copy));
  g_assert_true (holds (&t->f, LIAISON_SERVICE_GHL, "events", t->ghl_appt_copy));
  ops = liaison_store_list_operations (t->f.store, undone->run_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
    {
      LiaisonStoreOperation *row = row_about (ops, copies[i], "deletes-off");

      g_assert_nonnull (row);
      g_assert_cmpint (row->status, ==, LIAISON_OPERATION_SKIPPED);
      g_assert_cmpint (row->kind, !=, LIAISON_RECORD_CONTACT);
      g_assert_nonnull (strstr (row->error, "deletes are off; enable them to undo creates"));
    }
  /* The LeadSquared note says why no setting would help. */
  g_assert_nonnull (row_about (ops, t->lsq_note_copy, "no-delete-api"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/sync/undo/puts-back-both-sides", SyncFixture, NULL, set_up, test_undo, tear_down);
  g_test_add ("/sync/undo/refusals", SyncFixture, NULL, set_up, test_undo_refusals, tear_down);
  g_test_add ("/sync/undo/creates", SyncFixture, NULL, set_up_few, test_undo_creates, tear_down);
  g_test_add ("/sync/undo/creates-changed-since", SyncFixture, NULL, set_up_few,
              test_undo_creates_changed_since, tear_down);
  g_test_add ("/sync/undo/creates-deletes-off", SyncFixture, NULL, set_up_few,
              test_undo_creates_deletes_off, tear_down);
  g_test_add ("/sync/undo/creates-guard", SyncFixture, NULL, set_up, test_undo_creates_guard,
              tear_down);
  g_test_add ("/sync/undo/activities", ActivityFixture, NULL, set_up_activities,
              test_undo_activities, tear_down_activities);
  g_test_add ("/sync/undo/activities-deletes-off", ActivityFixture, NULL, set_up_activities,
              test_undo_activities_deletes_off, tear_down_activities);
  g_test_add ("/sync/undo/activities-interrupted", ActivityFixture, NULL, set_up_activities,
              test_undo_activities_interrupted, tear_down_activities);
  return g_test_run ();
}
