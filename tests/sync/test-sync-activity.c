/* test-sync-activity.c: the to-dos and notes of linked contacts follow them both ways, end to end
 * through the real clients against the in-process sandbox (its clock pinned), judged from what the
 * services hold and the writes they received.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "liaison-note.h"
#include "liaison-store-activity.h"
#include "liaison-sync-notes.h"
#include "liaison-sync-tasks.h"
#include "liaison-task.h"
#include "store-test-util.h"
#include "sync-test-util.h"

/* At noon the sweep has half a day's share to read the tasks and notes of contacts that did not
 * change. */
static const SyncFixtureOptions small = { .seed = 11, .contacts = 6, .sweep_hour = 12 };

typedef struct
{
  SyncFixture f;
  char *lsq_contact;
  char *ghl_contact;
} TaskFixture;

static void
set_up (TaskFixture *t, gconstpointer data)
{
  g_autoptr (JsonNode) clock = NULL;
  g_autoptr (GDateTime) pinned = g_date_time_new_from_iso8601 ("2026-03-07T12:00:00Z", NULL);
  g_autofree char *body = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) links = NULL;
  LiaisonStoreLink *link;

  sync_fixture_set_up (&t->f, &small);
  /* The day before New York moves its clocks forward. */
  body = g_strdup_printf ("{\"offsetMs\": %" G_GINT64_FORMAT "}",
                          g_date_time_to_unix (pinned) * 1000 - g_get_real_time () / 1000);
  clock = sync_control (&t->f, LIAISON_SERVICE_GHL, "POST", "/_sandbox/clock", body);
  g_assert_cmpuint (sync_until_quiet (&t->f, 5), <=, 5);
  liaison_store_list_links_async (t->f.store, LIAISON_RECORD_CONTACT, NULL, store_test_result_cb,
                                  &result);
  links = liaison_store_list_links_finish (t->f.store, store_test_wait (&result), NULL);
  g_assert_nonnull (links);
  g_assert_cmpuint (links->len, >, 0);
  link = g_ptr_array_index (links, 0);
  t->lsq_contact = g_strdup (link->lsq_id);
  t->ghl_contact = g_strdup (link->ghl_id);
}

static void
tear_down (TaskFixture *t, gconstpointer data)
{
  sync_fixture_tear_down (&t->f);
  g_free (t->lsq_contact);
  g_free (t->ghl_contact);
}

static LiaisonTask *
new_task (const char *contact, const char *title, const char *body, GDateTime *due)
{
  LiaisonTask *task = liaison_task_new ();

  liaison_task_set_contact_id (task, contact);
  liaison_task_set_title (task, title);
  liaison_task_set_body (task, body);
  liaison_task_set_due_date (task, due);
  return task;
}

static char *
ghl_create (TaskFixture *t, const char *title, const char *body, GDateTime *due)
{
  g_autoptr (LiaisonTask) task = new_task (t->ghl_contact, title, body, due);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonTask) made = NULL;

  liaison_ghl_client_create_task_async (t->f.ghl, task, NULL, store_test_result_cb, &result);
  made = liaison_ghl_client_task_finish (t->f.ghl, store_test_wait (&result), &error);
  g_assert_no_error (error);
  return g_strdup (liaison_task_get_id (made));
}

static char *
lsq_create (TaskFixture *t, const char *title, const char *body, GDateTime *due)
{
  g_autoptr (LiaisonTask) task = new_task (t->lsq_contact, title, body, due);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  char *id;

  liaison_lsq_client_create_task_async (t->f.lsq, task, "Follow Up", NULL, store_test_result_cb,
                                        &result);
  id = liaison_lsq_client_id_finish (t->f.lsq, store_test_wait (&result), &error);
  g_assert_no_error (error);
  return id;
}

/* The tasks of the pair's contact on one side with this title. */
static GPtrArray *
tasks_titled (TaskFixture *t, LiaisonService side, const char *title)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = NULL;
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  if (side == LIAISON_SERVICE_GHL)
    {
      liaison_ghl_client_list_tasks_async (t->f.ghl, t->ghl_contact, NULL, store_test_result_cb,
                                           &result);
      all = liaison_ghl_client_list_finish (t->f.ghl, store_test_wait (&result), &error);
    }
  else
    {
      /* In full, for the status and the exact due time. */
      liaison_lsq_client_list_lead_tasks_async (t->f.lsq, t->lsq_contact, TRUE, NULL,
                                                store_test_result_cb, &result);
      all = liaison_lsq_client_list_finish (t->f.lsq, store_test_wait (&result), &error);
    }
  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      GObject *item = g_ptr_array_index (all, i);

      if (LIAISON_IS_TASK (item)
          && g_strcmp0 (liaison_task_get_title (LIAISON_TASK (item)), title) == 0)
        g_ptr_array_add (found, g_object_ref (item));
    }
  return found;
}

static LiaisonTask *
only_task (TaskFixture *t, LiaisonService side, const char *title)
{
  g_autoptr (GPtrArray) found = tasks_titled (t, side, title);

  g_assert_cmpuint (found->len, ==, 1);
  return g_object_ref (g_ptr_array_index (found, 0));
}

static void
assert_same_instant (GDateTime *a, GDateTime *b)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpint (g_date_time_to_unix (a), ==, g_date_time_to_unix (b));
}

static void
ghl_edit (TaskFixture *t, LiaisonTask *task, const char *title, gboolean completed)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonTask) done = NULL;

  if (title != NULL)
    liaison_task_set_title (task, title);
  liaison_task_set_completed (task, completed);
  liaison_task_set_contact_id (task, t->ghl_contact);
  liaison_ghl_client_update_task_async (t->f.ghl, task, NULL, store_test_result_cb, &result);
  done = liaison_ghl_client_task_finish (t->f.ghl, store_test_wait (&result), &error);
  g_assert_no_error (error);
}

static void
lsq_edit (TaskFixture *t, LiaisonTask *task, const char *title)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  liaison_task_set_title (task, title);
  liaison_task_set_contact_id (task, t->lsq_contact);
  liaison_lsq_client_update_task_async (t->f.lsq, task, NULL, store_test_result_cb, &result);
  g_assert_true (liaison_lsq_client_done_finish (t->f.lsq, store_test_wait (&result), &error));
  g_assert_no_error (error);
}

static void
lsq_complete (TaskFixture *t, const char *id)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  liaison_lsq_client_complete_task_async (t->f.lsq, id, NULL, store_test_result_cb, &result);
  g_assert_true (liaison_lsq_client_done_finish (t->f.lsq, store_test_wait (&result), &error));
  g_assert_no_error (error);
}

/* A to-do made in LeadSquared arrives in HighLevel once, at the same instant, across the
 * daylight-saving change in New York and in Kolkata; one made in HighLevel arrives in
 * LeadSquared; a sync after that writes nothing to either service. */
static void
test_create_both_ways (TaskFixture *t, gconstpointer data)
{
  g_autoptr (GDateTime) before_dst = sync_zoned ("America/New_York", 2026, 3, 7, 9, 30);
  g_autoptr (GDateTime) after_dst = sync_zoned ("America/New_York", 2026, 3, 8, 9, 30);
  g_autoptr (GDateTime) kolkata = sync_zoned ("Asia/Kolkata", 2026, 6, 15, 10, 15);
  g_autofree char *a = lsq_create (t, "Send the renewal quote", "Two options", before_dst);
  g_autofree char *b = lsq_create (t, "Call after the clocks move", NULL, after_dst);
  g_autofree char *c = ghl_create (t, "Demo for the Pune team", "Bring the deck", kolkata);
  g_autoptr (LiaisonSyncResult) first = sync_run_ok (&t->f);
  g_autoptr (LiaisonSyncResult) second = NULL;
  g_autoptr (LiaisonTask) ga = NULL, gb = NULL, lc = NULL;
  gint64 lsq_seq, ghl_seq;

  /* 09:30 in New York is 14:30 UTC before the change and 13:30 UTC after it. */
  g_assert_cmpint (g_date_time_to_unix (after_dst) - g_date_time_to_unix (before_dst), ==,
                   23 * 3600);
  g_assert_cmpuint (first->n_failed, ==, 0);
  g_assert_cmpuint (first->n_created, >=, 3);
  ga = only_task (t, LIAISON_SERVICE_GHL, "Send the renewal quote");
  gb = only_task (t, LIAISON_SERVICE_GHL, "Call after the clocks move");
  lc = only_task (t, LIAISON_SERVICE_LSQ, "Demo for the Pune team");
  assert_same_instant (liaison_task_get_due_date (ga), before_dst);
  assert_same_instant (liaison_task_get_due_date (gb), after_dst);
  assert_same_instant (liaison_task_get_due_date (lc), kolkata);
  g_assert_cmpstr (liaison_task_get_body (ga), ==, "Two options");
  g_assert_cmpstr (liaison_task_get_body (lc), ==, "Bring the deck");
  g_assert_false (liaison_task_get_completed (ga));

  lsq_seq = sync_log_seq (&t->f, LIAISON_SERVICE_LSQ);
  ghl_seq = sync_log_seq (&t->f, LIAISON_SERVICE_GHL);
  second = sync_run_ok (&t->f);
  g_assert_cmpuint (second->n_failed, ==, 0);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_LSQ, lsq_seq, NULL), ==, 0);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_GHL, ghl_seq, NULL), ==, 0);
  g_assert_cmpuint (second->n_created + second->n_updated, ==, 0);
  {
    /* What a quiet sync reads, for the record. */
    g_autofree char *text = json_to_string (second->activity, FALSE);

    g_test_message ("quiet sync: lsq %u, ghl %u requests; activity %s", second->lsq_calls,
                    second->ghl_calls, text);
  }
}

/* Edits travel, completing on either side completes the other, and reopening in HighLevel a task
 * LeadSquared has completed is a conflict with its reason (LeadSquared cannot reopen). */
static void
test_edit_complete_reopen (TaskFixture *t, gconstpointer data)
{
  g_autoptr (GDateTime) due = sync_zoned ("America/New_York", 2026, 11, 2, 16, 0);
  g_autofree char *lsq_id = lsq_create (t, "Check the contract", NULL, due);
  g_autoptr (LiaisonSyncResult) r1 = sync_run_ok (&t->f);
  g_autoptr (LiaisonSyncResult) r2 = NULL, r3 = NULL, r4 = NULL, r5 = NULL;
  g_autoptr (LiaisonTask) ghl = only_task (t, LIAISON_SERVICE_GHL, "Check the contract");
  g_autoptr (LiaisonTask) lsq = NULL, ghl2 = NULL, lsq2 = NULL;
  g_autoptr (GPtrArray) conflicts = NULL;
  gint64 lsq_seq;
  gboolean found = FALSE;

  /* Renamed in HighLevel: LeadSquared takes the name. */
  ghl_edit (t, ghl, "Check the signed contract", FALSE);
  r2 = sync_run_ok (&t->f);
  g_assert_cmpuint (r2->n_failed, ==, 0);
  lsq = only_task (t, LIAISON_SERVICE_LSQ, "Check the signed contract");
  g_assert_cmpstr (liaison_task_get_id (lsq), ==, lsq_id);
  assert_same_instant (liaison_task_get_due_date (lsq), due);

  /* Completed in LeadSquared: HighLevel's is completed. */
  lsq_complete (t, lsq_id);
  r3 = sync_run_ok (&t->f);
  g_assert_cmpuint (r3->n_failed, ==, 0);
  ghl2 = only_task (t, LIAISON_SERVICE_GHL, "Check the signed contract");
  g_assert_true (liaison_task_get_completed (ghl2));

  /* Reopened in HighLevel: LeadSquared cannot follow; a conflict says why, nothing is written
   * to LeadSquared and the task stays completed there. */
  ghl_edit (t, ghl2, NULL, FALSE);
  lsq_seq = sync_log_seq (&t->f, LIAISON_SERVICE_LSQ);
  r4 = sync_run_ok (&t->f);
  g_assert_cmpuint (r4->n_conflicts, >=, 1);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_LSQ, lsq_seq, NULL), ==, 0);
  lsq2 = only_task (t, LIAISON_SERVICE_LSQ, "Check the signed contract");
  g_assert_true (liaison_task_get_completed (lsq2));
  conflicts = liaison_store_list_conflicts (t->f.store, TRUE, NULL);
  for (guint i = 0; i < conflicts->len; i++)
    {
      LiaisonStoreConflict *c = g_ptr_array_index (conflicts, i);

      if (g_strcmp0 (c->lsq_id, lsq_id) == 0 && g_strcmp0 (c->field, "completed") == 0)
        found = TRUE;
    }
  g_assert_true (found);

  /* Completed in HighLevel again: the conflict settles itself. */
  {
    g_autoptr (LiaisonTask) again = only_task (t, LIAISON_SERVICE_GHL, "Check the signed contract");
    g_autoptr (GPtrArray) open = NULL;

    ghl_edit (t, again, NULL, TRUE);
    r5 = sync_run_ok (&t->f);
    open = liaison_store_list_child_conflicts (t->f.store, LIAISON_RECORD_TASK, NULL);
    g_assert_cmpuint (open->len, ==, 0);
  }
}

/* A task renamed differently on both sides is a conflict: neither side is written, until a
 * person answers; then the answer reaches the other side. */
static void
test_conflict (TaskFixture *t, gconstpointer data)
{
  g_autoptr (GDateTime) due = sync_zoned ("Asia/Kolkata", 2026, 3, 9, 18, 45);
  g_autofree char *id = ghl_create (t, "Plan the visit", NULL, due);
  g_autoptr (LiaisonSyncResult) r1 = sync_run_ok (&t->f);
  g_autoptr (LiaisonSyncResult) r2 = NULL, r3 = NULL;
  g_autoptr (LiaisonTask) ghl = only_task (t, LIAISON_SERVICE_GHL, "Plan the visit");
  g_autoptr (LiaisonTask) lsq = only_task (t, LIAISON_SERVICE_LSQ, "Plan the visit");
  g_autoptr (GPtrArray) open = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonTask) answered = NULL;
  LiaisonStoreConflict *c;
  gint64 lsq_seq, ghl_seq;

  ghl_edit (t, ghl, "Plan the visit to Pune", FALSE);
  lsq_edit (t, lsq, "Plan the visit to Mumbai");
  lsq_seq = sync_log_seq (&t->f, LIAISON_SERVICE_LSQ);
  ghl_seq = sync_log_seq (&t->f, LIAISON_SERVICE_GHL);
  r2 = sync_run_ok (&t->f);
  g_assert_cmpuint (r2->n_conflicts, ==, 1);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_LSQ, lsq_seq, NULL), ==, 0);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_GHL, ghl_seq, NULL), ==, 0);
  open = liaison_store_list_child_conflicts (t->f.store, LIAISON_RECORD_TASK, NULL);
  g_assert_cmpuint (open->len, ==, 1);
  c = g_ptr_array_index (open, 0);
  g_assert_cmpstr (c->field, ==, "title");
  g_assert_cmpstr (c->lsq_value, ==, "\"Plan the visit to Mumbai\"");
  g_assert_cmpstr (c->ghl_value, ==, "\"Plan the visit to Pune\"");

  liaison_store_resolve_conflict_async (t->f.store, c->id, "ghl", NULL, NULL, store_test_result_cb,
                                        &result);
  g_assert_true (
      liaison_store_resolve_conflict_finish (t->f.store, store_test_wait (&result), &error));
  g_assert_no_error (error);
  r3 = sync_run_ok (&t->f);
  g_assert_cmpuint (r3->n_failed, ==, 0);
  answered = only_task (t, LIAISON_SERVICE_LSQ, "Plan the visit to Pune");
  after = liaison_store_list_child_conflicts (t->f.store, LIAISON_RECORD_TASK, NULL);
  g_assert_cmpuint (after->len, ==, 0);
}

/* A create whose answer was lost (the task exists in HighLevel, the intent is still pending) is
 * not made again: the content lookup links the two, and the intent is closed. */
static void
test_lost_reply (TaskFixture *t, gconstpointer data)
{
  g_autoptr (GDateTime) due = sync_zoned ("America/New_York", 2026, 3, 8, 3, 30);
  g_autofree char *lsq_id = lsq_create (t, "Send the welcome pack", NULL, due);
  g_autofree char *made = ghl_create (t, "Send the welcome pack", NULL, due);
  g_autoptr (LiaisonSyncResult) r = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GPtrArray) pending = NULL;

  sync_add_lost_create (&t->f, LIAISON_RECORD_TASK, lsq_id,
                        "{\"values\": {\"title\": \"Send the welcome pack\"}}");

  r = sync_run_ok (&t->f);
  g_assert_cmpuint (r->n_failed, ==, 0);
  g_assert_cmpuint (r->n_reconciled, ==, 1);
  found = tasks_titled (t, LIAISON_SERVICE_GHL, "Send the welcome pack");
  g_assert_cmpuint (found->len, ==, 1);
  pending = liaison_store_list_pending_intents_of (t->f.store, LIAISON_RECORD_TASK, NULL);
  g_assert_cmpuint (pending->len, ==, 0);
  g_assert_true (sync_child_linked (&t->f, LIAISON_RECORD_TASK, lsq_id, made));
}

/* A dry run reads and plans, names each operation with its calls, and writes nothing; --only
 * contacts leaves the tasks alone. */
static void
test_dry_run_and_only (TaskFixture *t, gconstpointer data)
{
  g_autoptr (GDateTime) due = sync_zoned ("Asia/Kolkata", 2026, 3, 10, 9, 0);
  g_autofree char *id = lsq_create (t, "Ask for references", NULL, due);
  LiaisonSyncOptions dry = { .dry_run = TRUE };
  LiaisonSyncOptions contacts = { .kinds = LIAISON_SYNC_KIND_CONTACTS };
  g_autoptr (LiaisonSyncResult) planned = NULL, only = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) none = NULL, none2 = NULL;
  JsonObject *tasks;
  JsonArray *ops;
  gint64 ghl_seq = sync_log_seq (&t->f, LIAISON_SERVICE_GHL);
  gboolean seen = FALSE;

  planned = sync_run (&t->f, &dry, &error);
  g_assert_no_error (error);
  g_assert_nonnull (planned->activity);
  tasks = json_object_get_object_member (json_node_get_object (planned->activity), "tasks");
  g_assert_cmpint (
      json_object_get_int_member (json_object_get_object_member (tasks, "calls"), "ghl"), >=, 1);
  ops = json_object_get_array_member (tasks, "operations");
  for (guint i = 0; i < json_array_get_length (ops); i++)
    {
      JsonObject *op = json_array_get_object_element (ops, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (op, "lsqTask", NULL), id) == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (op, "action"), ==, "create");
          g_assert_cmpstr (json_object_get_string_member (op, "target"), ==, "ghl");
          g_assert_cmpint (json_object_get_int_member (op, "ghlCalls"), ==, 1);
          seen = TRUE;
        }
    }
  g_assert_true (seen);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_GHL, ghl_seq, NULL), ==, 0);
  none = tasks_titled (t, LIAISON_SERVICE_GHL, "Ask for references");
  g_assert_cmpuint (none->len, ==, 0);

  only = sync_run (&t->f, &contacts, &error);
  g_assert_no_error (error);
  g_assert_null (only->activity);
  {
    /* Tasks only: no contact plan, no notes. */
    LiaisonSyncOptions tasks_only = { .dry_run = TRUE, .kinds = LIAISON_SYNC_KIND_TASKS };
    g_autoptr (LiaisonSyncResult) r = sync_run (&t->f, &tasks_only, &error);
    JsonObject *activity;

    g_assert_no_error (error);
    g_assert_null (r->plan);
    activity = json_node_get_object (r->activity);
    g_assert_true (json_object_has_member (activity, "tasks"));
    g_assert_false (json_object_has_member (activity, "notes"));
  }
  none2 = tasks_titled (t, LIAISON_SERVICE_GHL, "Ask for references");
  g_assert_cmpuint (none2->len, ==, 0);
}

/* The sweep spends at most its share of the smaller daily quota (one request on each service per
 * pair and kind), spread over the day: by any hour, that hour's part of the share, less what it
 * read today. */
static void
test_sweep_budget (void)
{
  const gint64 hour = G_GINT64_CONSTANT (3600) * 1000;

  /* 10 % of LeadSquared's 10,000 (the smaller): 1,000 pairs a day. */
  g_assert_cmpuint (liaison_sync_sweep_budget (10, 200000, 10000, 0, 0), ==, 0);
  g_assert_cmpuint (liaison_sync_sweep_budget (10, 200000, 10000, 0, hour / 4), ==, 10);
  g_assert_cmpuint (liaison_sync_sweep_budget (10, 200000, 10000, 0, 12 * hour), ==, 500);
  g_assert_cmpuint (liaison_sync_sweep_budget (10, 200000, 10000, 490, 12 * hour), ==, 10);
  g_assert_cmpuint (liaison_sync_sweep_budget (10, 200000, 10000, 600, 12 * hour), ==, 0);
  g_assert_cmpuint (liaison_sync_sweep_budget (10, 200000, 10000, 600, 18 * hour), ==, 150);
  g_assert_cmpuint (liaison_sync_sweep_budget (10, 200000, 10000, 0, 24 * hour), ==, 1000);
  /* A clock beyond the day counts as its end. */
  g_assert_cmpuint (liaison_sync_sweep_budget (10, 200000, 10000, 0, 30 * hour), ==, 1000);
  /* An account with a larger LeadSquared quota: HighLevel's 200,000 bounds it. */
  g_assert_cmpuint (liaison_sync_sweep_budget (10, 200000, 1000000, 19990, 24 * hour), ==, 10);
  g_assert_cmpuint (liaison_sync_sweep_budget (0, 200000, 10000, 0, 12 * hour), ==, 0);
  g_assert_cmpuint (liaison_sync_sweep_budget (250, 200000, 10000, 9999, 24 * hour), ==, 1);
}

/* ---- notes ---- */

static char *
ghl_note (TaskFixture *t, const char *text)
{
  g_autoptr (LiaisonNote) note = liaison_note_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonNote) made = NULL;

  liaison_note_set_contact_id (note, t->ghl_contact);
  liaison_note_set_body (note, text);
  liaison_ghl_client_create_note_async (t->f.ghl, note, NULL, store_test_result_cb, &result);
  made = liaison_ghl_client_note_finish (t->f.ghl, store_test_wait (&result), &error);
  g_assert_no_error (error);
  return g_strdup (liaison_note_get_id (made));
}

static char *
lsq_note (TaskFixture *t, const char *text)
{
  g_autoptr (LiaisonNote) note = liaison_note_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  char *id;

  liaison_note_set_contact_id (note, t->lsq_contact);
  liaison_note_set_body (note, text);
  liaison_lsq_client_create_note_async (t->f.lsq, note, NULL, store_test_result_cb, &result);
  id = liaison_lsq_client_id_finish (t->f.lsq, store_test_wait (&result), &error);
  g_assert_no_error (error);
  return id;
}

/* The notes of the pair's contact on one side with this text. */
static GPtrArray *
notes_with (TaskFixture *t, LiaisonService side, const char *text)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = NULL;
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  if (side == LIAISON_SERVICE_GHL)
    {
      liaison_ghl_client_list_notes_async (t->f.ghl, t->ghl_contact, NULL, store_test_result_cb,
                                           &result);
      all = liaison_ghl_client_list_finish (t->f.ghl, store_test_wait (&result), &error);
    }
  else
    {
      liaison_lsq_client_list_notes_async (t->f.lsq, t->lsq_contact, NULL, store_test_result_cb,
                                           &result);
      all = liaison_lsq_client_list_finish (t->f.lsq, store_test_wait (&result), &error);
    }
  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      LiaisonNote *note = g_ptr_array_index (all, i);
      g_autofree char *body = liaison_sync_note_text (note);

      if (g_strcmp0 (body, text) == 0)
        g_ptr_array_add (found, g_object_ref (note));
    }
  return found;
}

static LiaisonNote *
only_note (TaskFixture *t, LiaisonService side, const char *text)
{
  g_autoptr (GPtrArray) found = notes_with (t, side, text);

  g_assert_cmpuint (found->len, ==, 1);
  return g_object_ref (g_ptr_array_index (found, 0));
}

static void
ghl_edit_note (TaskFixture *t, LiaisonNote *note, const char *text)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonNote) done = NULL;

  liaison_note_set_body (note, text);
  liaison_note_set_contact_id (note, t->ghl_contact);
  liaison_ghl_client_update_note_async (t->f.ghl, note, NULL, store_test_result_cb, &result);
  done = liaison_ghl_client_note_finish (t->f.ghl, store_test_wait (&result), &error);
  g_assert_no_error (error);
}

static void
lsq_edit_note (TaskFixture *t, LiaisonNote *note, const char *text)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  liaison_note_set_body (note, text);
  liaison_note_set_contact_id (note, t->lsq_contact);
  liaison_lsq_client_update_note_async (t->f.lsq, note, NULL, store_test_result_cb, &result);
  g_assert_true (liaison_lsq_client_done_finish (t->f.lsq, store_test_wait (&result), &error));
  g_assert_no_error (error);
}

/* A note made on either side arrives on the other once; an edit travels; a note edited on both
 * sides is a conflict and neither is written; a sync with nothing changed writes nothing. */
static void
test_notes (TaskFixture *t, gconstpointer data)
{
  g_autofree char *a = lsq_note (t, "Prefers calls after 4 pm");
  g_autofree char *b = ghl_note (t, "Met at the Pune trade fair");
  g_autoptr (LiaisonSyncResult) r1 = sync_run_ok (&t->f);
  g_autoptr (LiaisonSyncResult) r2 = NULL, r3 = NULL, r4 = NULL;
  g_autoptr (LiaisonNote) ga = NULL, lb = NULL, lb2 = NULL, ga2 = NULL;
  g_autoptr (GPtrArray) open = NULL;
  gint64 lsq_seq, ghl_seq;

  g_assert_cmpuint (r1->n_failed, ==, 0);
  ga = only_note (t, LIAISON_SERVICE_GHL, "Prefers calls after 4 pm");
  lb = only_note (t, LIAISON_SERVICE_LSQ, "Met at the Pune trade fair");

  lsq_seq = sync_log_seq (&t->f, LIAISON_SERVICE_LSQ);
  ghl_seq = sync_log_seq (&t->f, LIAISON_SERVICE_GHL);
  r2 = sync_run_ok (&t->f);
  g_assert_cmpuint (r2->n_failed, ==, 0);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_LSQ, lsq_seq, NULL), ==, 0);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_GHL, ghl_seq, NULL), ==, 0);

  /* Edited in HighLevel: LeadSquared's copy follows, and only it is written. */
  ghl_edit_note (t, ga, "Prefers calls after 5 pm");
  r3 = sync_run_ok (&t->f);
  g_assert_cmpuint (r3->n_failed, ==, 0);
  lb2 = only_note (t, LIAISON_SERVICE_LSQ, "Prefers calls after 5 pm");
  g_assert_cmpstr (liaison_note_get_id (lb2), ==, a);

  /* Edited on both sides: a conflict on the text, nothing written. */
  ga2 = only_note (t, LIAISON_SERVICE_GHL, "Prefers calls after 5 pm");
  ghl_edit_note (t, ga2, "Prefers calls in the morning");
  lsq_edit_note (t, lb2, "Prefers e-mail");
  lsq_seq = sync_log_seq (&t->f, LIAISON_SERVICE_LSQ);
  ghl_seq = sync_log_seq (&t->f, LIAISON_SERVICE_GHL);
  r4 = sync_run_ok (&t->f);
  g_assert_cmpuint (r4->n_conflicts, ==, 1);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_LSQ, lsq_seq, NULL), ==, 0);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_GHL, ghl_seq, NULL), ==, 0);
  open = liaison_store_list_child_conflicts (t->f.store, LIAISON_RECORD_NOTE, NULL);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_cmpstr (((LiaisonStoreConflict *) g_ptr_array_index (open, 0))->field, ==, "text");
}

/* A note create whose answer was lost is not made again: the same text under the same contact
 * is linked, and the pending intent closed. */
static void
test_note_lost_reply (TaskFixture *t, gconstpointer data)
{
  g_autofree char *lsq_id = lsq_note (t, "Sent the brochure by post");
  g_autofree char *made = ghl_note (t, "Sent the brochure by post");
  g_autoptr (LiaisonSyncResult) r = NULL;
  g_autoptr (GPtrArray) found = NULL, pending = NULL;

  sync_add_lost_create (&t->f, LIAISON_RECORD_NOTE, lsq_id,
                        "{\"text\": \"Sent the brochure by post\"}");

  r = sync_run_ok (&t->f);
  g_assert_cmpuint (r->n_failed, ==, 0);
  g_assert_cmpuint (r->n_reconciled, ==, 1);
  found = notes_with (t, LIAISON_SERVICE_GHL, "Sent the brochure by post");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (liaison_note_get_id (g_ptr_array_index (found, 0)), ==, made);
  pending = liaison_store_list_pending_intents_of (t->f.store, LIAISON_RECORD_NOTE, NULL);
  g_assert_cmpuint (pending->len, ==, 0);
}

/* A write a service refuses (HighLevel answers 503 to every task and note create) fails with its
 * sentence and is made once, by a later sync, when the service is back: nothing twice. */
static void
test_refused_writes (TaskFixture *t, gconstpointer data)
{
  g_autoptr (GDateTime) due = sync_zoned ("America/New_York", 2026, 3, 8, 1, 45);
  g_autofree char *task = lsq_create (t, "Renew the insurance", NULL, due);
  g_autofree char *note = lsq_note (t, "Asked for the annual invoice");
  g_autoptr (JsonNode) f1 = sync_control (&t->f, LIAISON_SERVICE_GHL, "POST", "/_sandbox/faults",
                                          "{\"rule\": \"POST /contacts/*/tasks=503\"}");
  g_autoptr (JsonNode) f2 = sync_control (&t->f, LIAISON_SERVICE_GHL, "POST", "/_sandbox/faults",
                                          "{\"rule\": \"POST /contacts/*/notes=503\"}");
  g_autoptr (LiaisonSyncResult) refused = sync_run_ok (&t->f);
  g_autoptr (JsonNode) cleared = NULL;
  g_autoptr (LiaisonSyncResult) again = NULL, quiet = NULL;
  g_autoptr (GPtrArray) none = NULL, none2 = NULL, tasks = NULL, notes = NULL;
  g_autoptr (GPtrArray) pending = NULL;
  gboolean said = FALSE;

  g_assert_cmpuint (refused->n_failed, >=, 2);
  for (guint i = 0; i < refused->failures->len; i++)
    if (strstr (g_ptr_array_index (refused->failures, i), "HighLevel task"))
      said = TRUE;
  g_assert_true (said);
  none = tasks_titled (t, LIAISON_SERVICE_GHL, "Renew the insurance");
  g_assert_cmpuint (none->len, ==, 0);
  none2 = notes_with (t, LIAISON_SERVICE_GHL, "Asked for the annual invoice");
  g_assert_cmpuint (none2->len, ==, 0);
  /* The failed writes are closed with their error, not left pending. */
  pending = liaison_store_list_pending_intents_of (t->f.store, LIAISON_RECORD_TASK, NULL);
  g_assert_cmpuint (pending->len, ==, 0);

  cleared = sync_control (&t->f, LIAISON_SERVICE_GHL, "DELETE", "/_sandbox/faults", NULL);
  again = sync_run_ok (&t->f);
  g_assert_cmpuint (again->n_failed, ==, 0);
  quiet = sync_run_ok (&t->f);
  g_assert_cmpuint (quiet->n_created, ==, 0);
  tasks = tasks_titled (t, LIAISON_SERVICE_GHL, "Renew the insurance");
  g_assert_cmpuint (tasks->len, ==, 1);
  notes = notes_with (t, LIAISON_SERVICE_GHL, "Asked for the annual invoice");
  g_assert_cmpuint (notes->len, ==, 1);
}

#define ADD(path, func) g_test_add (path, TaskFixture, NULL, set_up, func, tear_down)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("/sync/tasks/create-both-ways", test_create_both_ways);
  ADD ("/sync/tasks/edit-complete-reopen", test_edit_complete_reopen);
  ADD ("/sync/tasks/conflict", test_conflict);
  ADD ("/sync/tasks/lost-reply", test_lost_reply);
  ADD ("/sync/tasks/dry-run-and-only", test_dry_run_and_only);
  ADD ("/sync/notes/both-ways", test_notes);
  ADD ("/sync/notes/lost-reply", test_note_lost_reply);
  ADD ("/sync/activity/refused-writes", test_refused_writes);
  g_test_add_func ("/sync/tasks/sweep-budget", test_sweep_budget);
  return g_test_run ();
}
