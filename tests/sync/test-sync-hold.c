/* test-sync-hold.c: the profile's first sync waits for a person. A scheduled run (the app's
 * timer, or `liaison-cli sync --scheduled` from the systemd timer) before the first sync, while
 * nobody reviewed the field map, does nothing: no run row, no request to either service, and a
 * sentence with the way forward. A person's own sync, or a map saved or accepted, lets the
 * schedule go on.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "store-test-util.h"
#include "sync-test-util.h"

#define CLI_ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* A profile as a new person has it: both accounts, no map saved (the defaults apply). */
static const SyncFixtureOptions fresh = { .seed = 13, .contacts = 12, .cli_profile = TRUE };

static guint
count_runs (SyncFixture *f, const char *trigger)
{
  g_autoptr (GPtrArray) runs = liaison_store_list_runs (f->store, 0, NULL);
  guint n = 0;

  g_assert_nonnull (runs);
  for (guint i = 0; i < runs->len; i++)
    n += trigger == NULL
         || g_strcmp0 (((LiaisonStoreRun *) g_ptr_array_index (runs, i))->trigger, trigger) == 0;
  return n;
}

static gboolean
held (SyncFixture *f)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gboolean value = FALSE;

  liaison_store_read_schedule_hold_async (f->store, NULL, store_test_result_cb, &result);
  g_assert_true (liaison_store_read_schedule_hold_finish (f->store, store_test_wait (&result),
                                                          &value, &error));
  g_assert_no_error (error);
  return value;
}

/* A scheduled run that must wait: the error, and nothing else happened. */
static void
assert_scheduled_waits (SyncFixture *f)
{
  LiaisonSyncOptions scheduled = { .trigger = "scheduled" };
  gint64 lsq_seq = sync_log_seq (f, LIAISON_SERVICE_LSQ);
  gint64 ghl_seq = sync_log_seq (f, LIAISON_SERVICE_GHL);
  guint runs = count_runs (f, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonSyncResult) result = sync_run (f, &scheduled, &error);

  g_assert_null (result);
  g_assert_error (error, LIAISON_SYNC_ERROR, LIAISON_SYNC_ERROR_NOT_REVIEWED);
  g_assert_nonnull (strstr (error->message, "Field Mapping"));
  g_assert_nonnull (strstr (error->message, "“liaison-cli sync”"));
  g_assert_cmpuint (count_runs (f, NULL), ==, runs);
  g_assert_cmpint (sync_log_seq (f, LIAISON_SERVICE_LSQ), ==, lsq_seq);
  g_assert_cmpint (sync_log_seq (f, LIAISON_SERVICE_GHL), ==, ghl_seq);
}

static void
assert_scheduled_runs (SyncFixture *f)
{
  LiaisonSyncOptions scheduled = { .trigger = "scheduled" };
  guint runs = count_runs (f, "scheduled");
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonSyncResult) result = sync_run (f, &scheduled, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (result->run_id, >, 0);
  g_assert_cmpuint (count_runs (f, "scheduled"), ==, runs + 1);
}

/* Held until a person syncs; a preview (a dry run) is no go-ahead; after Sync Now the schedule
 * goes on. */
static void
test_manual_run_lets_go (void)
{
  SyncFixture f = { 0 };
  LiaisonSyncOptions preview = { .dry_run = TRUE, .trigger = "manual" };
  g_autoptr (LiaisonSyncResult) dry = NULL;
  g_autoptr (LiaisonSyncResult) manual = NULL;
  g_autoptr (GError) error = NULL;
  gint64 lsq_seq, ghl_seq;

  sync_fixture_set_up (&f, &fresh);
  g_assert_true (held (&f));
  assert_scheduled_waits (&f);

  dry = sync_run (&f, &preview, &error);
  g_assert_no_error (error);
  g_assert_true (held (&f));
  assert_scheduled_waits (&f);

  lsq_seq = sync_log_seq (&f, LIAISON_SERVICE_LSQ);
  ghl_seq = sync_log_seq (&f, LIAISON_SERVICE_GHL);
  manual = sync_run_ok (&f);
  g_assert_cmpint (manual->run_id, >, 0);
  /* The run did reach both services (the log counts what a held run did not send). */
  g_assert_cmpint (sync_log_seq (&f, LIAISON_SERVICE_LSQ), >, lsq_seq);
  g_assert_cmpint (sync_log_seq (&f, LIAISON_SERVICE_GHL), >, ghl_seq);
  g_assert_false (held (&f));
  assert_scheduled_runs (&f);
  sync_fixture_tear_down (&f);
}

/* Accepting the defaults (saved as no map, as Use These Pairs and `liaison-cli mapping reset`
 * do) or saving a map is the review: the first scheduled run goes through. */
static void
test_review_lets_go (void)
{
  SyncFixture f = { 0 };
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  sync_fixture_set_up (&f, &fresh);
  assert_scheduled_waits (&f);
  liaison_store_save_mapping_async (f.store, NULL, NULL, store_test_result_cb, &result);
  g_assert_true (
      liaison_store_save_mapping_finish (f.store, store_test_wait (&result), NULL, &error));
  g_assert_no_error (error);
  g_assert_false (held (&f));
  assert_scheduled_runs (&f);
  g_assert_cmpuint (count_runs (&f, NULL), ==, 1);
  sync_fixture_tear_down (&f);
}

/* `liaison-cli sync --scheduled`, as the systemd timer runs it: status 75 with the sentence,
 * nothing sent, no run; after `liaison-cli mapping reset` (the defaults accepted) it syncs. */
static void
test_cli_scheduled (void)
{
  SyncFixture f = { 0 };
  g_autofree char *out = NULL, *err = NULL, *synced = NULL;
  gint64 lsq_seq, ghl_seq;

  sync_fixture_set_up (&f, &fresh);
  lsq_seq = sync_log_seq (&f, LIAISON_SERVICE_LSQ);
  ghl_seq = sync_log_seq (&f, LIAISON_SERVICE_GHL);
  g_assert_cmpint (sync_cli_run (&f, NULL, CLI_ARGS ("sync", "--scheduled"), &out, &err), ==, 75);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "liaison-cli sync: Scheduled syncs wait until the field "
                                        "mapping has been reviewed"));
  g_assert_nonnull (strstr (err, "“liaison-cli mapping show”"));
  g_assert_cmpint (sync_log_seq (&f, LIAISON_SERVICE_LSQ), ==, lsq_seq);
  g_assert_cmpint (sync_log_seq (&f, LIAISON_SERVICE_GHL), ==, ghl_seq);
  sync_fixture_reopen (&f);
  g_assert_cmpuint (count_runs (&f, NULL), ==, 0);

  g_assert_cmpint (sync_cli_run (&f, NULL, CLI_ARGS ("mapping", "reset"), NULL, NULL), ==, 0);
  g_assert_cmpint (
      sync_cli_run (&f, NULL, CLI_ARGS ("sync", "--scheduled", "--json"), &synced, NULL), ==, 0);
  g_assert_nonnull (strstr (synced, "\"run\""));
  sync_fixture_reopen (&f);
  g_assert_cmpuint (count_runs (&f, "scheduled"), ==, 1);
  g_assert_cmpint (sync_log_seq (&f, LIAISON_SERVICE_GHL), >, ghl_seq);
  sync_fixture_tear_down (&f);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync-hold/manual-run-lets-go", test_manual_run_lets_go);
  g_test_add_func ("/sync-hold/review-lets-go", test_review_lets_go);
  g_test_add_func ("/sync-hold/cli-scheduled", test_cli_scheduled);
  return g_test_run ();
}
