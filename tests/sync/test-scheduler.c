/* test-scheduler.c: LiaisonSyncScheduler against the in-process sandbox, with its clock pinned:
 * a run every N minutes counted from the end of the last, never two at once, paused with its
 * reason while an account is missing or the network is down, and a failure announced once per
 * cause.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "liaison-sync-scheduler-private.h"
#include "store-test-util.h"
#include "sync-test-util.h"

/* 2026-12-03 10:00:00 UTC */
#define T0 G_GINT64_CONSTANT (1796292000000)
#define MINUTE G_GINT64_CONSTANT (60000)

static const SyncFixtureOptions small = { 5, 12, NULL, 0, FALSE };
/* A profile as a new person has it: no map saved or accepted, no run yet. */
static const SyncFixtureOptions fresh = { .seed = 5, .contacts = 12, .cli_profile = TRUE };

/* ---- a network monitor whose answer the test sets ---- */

#define FAKE_TYPE_MONITOR (fake_monitor_get_type ())
G_DECLARE_FINAL_TYPE (FakeMonitor, fake_monitor, FAKE, MONITOR, GObject)

struct _FakeMonitor
{
  GObject parent_instance;
  gboolean available;
};

static void fake_monitor_iface_init (GNetworkMonitorInterface *iface);

static gboolean
fake_monitor_initable_init (GInitable *initable, GCancellable *cancellable, GError **error)
{
  return TRUE;
}

static void
fake_monitor_initable_iface_init (GInitableIface *iface)
{
  iface->init = fake_monitor_initable_init;
}

/* GNetworkMonitor requires GInitable. */
G_DEFINE_FINAL_TYPE_WITH_CODE (FakeMonitor, fake_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      fake_monitor_initable_iface_init)
                                   G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR,
                                                          fake_monitor_iface_init))

enum
{
  FAKE_PROP_0,
  FAKE_PROP_AVAILABLE,
  FAKE_PROP_METERED,
  FAKE_PROP_CONNECTIVITY,
};

static void
fake_monitor_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  FakeMonitor *self = FAKE_MONITOR (object);

  switch (prop_id)
    {
      case FAKE_PROP_AVAILABLE:
        g_value_set_boolean (value, self->available);
        break;
      case FAKE_PROP_METERED:
        g_value_set_boolean (value, FALSE);
        break;
      case FAKE_PROP_CONNECTIVITY:
        g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL
                                                 : G_NETWORK_CONNECTIVITY_LOCAL);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fake_monitor_class_init (FakeMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fake_monitor_get_property;
  g_object_class_override_property (object_class, FAKE_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, FAKE_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, FAKE_PROP_CONNECTIVITY, "connectivity");
}

static void
fake_monitor_iface_init (GNetworkMonitorInterface *iface)
{
}

static void
fake_monitor_init (FakeMonitor *self)
{
  self->available = TRUE;
}

static void
fake_monitor_set (FakeMonitor *self, gboolean available)
{
  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
  g_signal_emit_by_name (self, "network-changed", available);
}

/* ---- the fixture ---- */

typedef struct
{
  SyncFixture sync;
  LiaisonSyncScheduler *scheduler;
  gint64 now;
  guint n_started, n_finished, n_failed;
  GPtrArray *triggers;
  GPtrArray *failures;   /* "cause|message" */
  guint n_new_conflicts; /* the sum of "new-conflicts" */
  guint n_new_signals;
  gboolean last_succeeded;
} Fixture;

static gint64
fake_clock (gpointer user_data)
{
  Fixture *f = user_data;

  return f->now;
}

static void
on_started (LiaisonSyncScheduler *scheduler, const char *trigger, Fixture *f)
{
  f->n_started++;
  g_ptr_array_add (f->triggers, g_strdup (trigger));
}

static void
on_finished (LiaisonSyncScheduler *scheduler, const char *trigger, gboolean succeeded, Fixture *f)
{
  f->n_finished++;
  f->last_succeeded = succeeded;
}

static void
on_failed (LiaisonSyncScheduler *scheduler, const char *cause, const char *message, Fixture *f)
{
  f->n_failed++;
  g_ptr_array_add (f->failures, g_strdup_printf ("%s|%s", cause, message));
}

static void
on_new_conflicts (LiaisonSyncScheduler *scheduler, guint n, Fixture *f)
{
  f->n_new_signals++;
  f->n_new_conflicts += n;
}

static void
set_up (Fixture *f, gconstpointer data)
{
  sync_fixture_set_up (&f->sync, data ? data : &small);
  f->now = T0;
  f->triggers = g_ptr_array_new_with_free_func (g_free);
  f->failures = g_ptr_array_new_with_free_func (g_free);
  f->scheduler = liaison_sync_scheduler_new ();
  liaison_sync_scheduler_set_clock (f->scheduler, fake_clock, f);
  g_signal_connect (f->scheduler, "run-started", G_CALLBACK (on_started), f);
  g_signal_connect (f->scheduler, "run-finished", G_CALLBACK (on_finished), f);
  g_signal_connect (f->scheduler, "failed", G_CALLBACK (on_failed), f);
  g_signal_connect (f->scheduler, "new-conflicts", G_CALLBACK (on_new_conflicts), f);
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->scheduler);
  g_clear_pointer (&f->triggers, g_ptr_array_unref);
  g_clear_pointer (&f->failures, g_ptr_array_unref);
  sync_fixture_tear_down (&f->sync);
}

static void
wait_finished (Fixture *f, guint n_finished)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (f->n_finished < n_finished)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_false (liaison_sync_scheduler_get_running (f->scheduler));
}

static guint
count_runs (Fixture *f, const char *trigger)
{
  g_autoptr (GPtrArray) runs = liaison_store_list_runs (f->sync.store, 0, NULL);
  guint n = 0;

  g_assert_nonnull (runs);
  for (guint i = 0; i < runs->len; i++)
    n += g_strcmp0 (((LiaisonStoreRun *) g_ptr_array_index (runs, i))->trigger, trigger) == 0;
  return n;
}

/* Every 5 minutes, counted from the end of the last run; nothing before the deadline. */
static void
test_interval (Fixture *f, gconstpointer data)
{
  LiaisonSyncScheduler *s = f->scheduler;

  /* Without an engine it cannot run, and says why. */
  liaison_sync_scheduler_set_interval (s, 5);
  g_assert_cmpint (liaison_sync_scheduler_get_state (s), ==, LIAISON_SCHEDULER_PAUSED);
  g_assert_nonnull (strstr (liaison_sync_scheduler_get_pause_reason (s), "Accounts"));
  g_assert_cmpint (liaison_sync_scheduler_get_next_run (s), ==, 0);

  liaison_sync_scheduler_set_engine (s, f->sync.engine, NULL);
  g_assert_cmpint (liaison_sync_scheduler_get_state (s), ==, LIAISON_SCHEDULER_WAITING);
  g_assert_null (liaison_sync_scheduler_get_pause_reason (s));
  g_assert_cmpint (liaison_sync_scheduler_get_next_run (s), ==, T0 + 5 * MINUTE);

  f->now = T0 + 5 * MINUTE - 1;
  liaison_sync_scheduler_tick (s);
  g_assert_false (liaison_sync_scheduler_get_running (s));
  g_assert_cmpuint (f->n_started, ==, 0);

  f->now = T0 + 5 * MINUTE;
  liaison_sync_scheduler_tick (s);
  g_assert_true (liaison_sync_scheduler_get_running (s));
  g_assert_cmpint (liaison_sync_scheduler_get_state (s), ==, LIAISON_SCHEDULER_RUNNING);
  g_assert_cmpint (liaison_sync_scheduler_get_next_run (s), ==, 0);
  /* The run takes two minutes of the pinned clock. */
  f->now = T0 + 7 * MINUTE;
  wait_finished (f, 1);
  g_assert_true (f->last_succeeded);
  g_assert_cmpstr (g_ptr_array_index (f->triggers, 0), ==, "scheduled");
  g_assert_cmpuint (count_runs (f, "scheduled"), ==, 1);
  g_assert_nonnull (liaison_sync_scheduler_get_last_result (s));
  g_assert_null (liaison_sync_scheduler_get_last_error (s));
  g_assert_cmpint (liaison_sync_scheduler_get_next_run (s), ==, T0 + 12 * MINUTE);

  /* A new interval counts from now; 0 turns it off. */
  f->now = T0 + 8 * MINUTE;
  liaison_sync_scheduler_set_interval (s, 60);
  g_assert_cmpint (liaison_sync_scheduler_get_next_run (s), ==, T0 + 68 * MINUTE);
  liaison_sync_scheduler_set_interval (s, 0);
  g_assert_cmpint (liaison_sync_scheduler_get_state (s), ==, LIAISON_SCHEDULER_OFF);
  g_assert_cmpint (liaison_sync_scheduler_get_next_run (s), ==, 0);
  f->now = T0 + 600 * MINUTE;
  liaison_sync_scheduler_tick (s);
  g_assert_cmpuint (f->n_started, ==, 1);
  /* More than the key allows is held at 60. */
  liaison_sync_scheduler_set_interval (s, 500);
  g_assert_cmpuint (liaison_sync_scheduler_get_interval (s), ==, 60);
}

/* Sync Now while a run goes on is refused; a deadline passing during it starts nothing beside
 * it. */
static void
test_one_at_a_time (Fixture *f, gconstpointer data)
{
  LiaisonSyncScheduler *s = f->scheduler;
  g_autoptr (GError) error = NULL;

  liaison_sync_scheduler_set_engine (s, f->sync.engine, NULL);
  liaison_sync_scheduler_set_interval (s, 1);
  g_assert_true (liaison_sync_scheduler_sync_now (s, &error));
  g_assert_no_error (error);
  g_assert_true (liaison_sync_scheduler_get_running (s));

  g_assert_false (liaison_sync_scheduler_sync_now (s, &error));
  g_assert_error (error, LIAISON_SYNC_ERROR, LIAISON_SYNC_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "already running"));
  g_clear_error (&error);
  f->now = T0 + 10 * MINUTE;
  liaison_sync_scheduler_tick (s);
  g_assert_cmpuint (f->n_started, ==, 1);

  wait_finished (f, 1);
  g_assert_cmpuint (f->n_started, ==, 1);
  g_assert_cmpuint (count_runs (f, "manual"), ==, 1);
  g_assert_cmpuint (count_runs (f, "scheduled"), ==, 0);
  g_assert_cmpint (liaison_sync_scheduler_get_next_run (s), ==, T0 + 11 * MINUTE);

  /* The systemd timer's liaison-cli holds the profile's lock: the turn is skipped, without a
   * run row and without a notification. */
  {
    int fd = liaison_sync_lock_acquire (f->sync.store_path, &error);

    g_assert_no_error (error);
    f->now = T0 + 11 * MINUTE;
    liaison_sync_scheduler_tick (s);
    wait_finished (f, 2);
    liaison_sync_lock_release (fd);
  }
  g_assert_false (f->last_succeeded);
  g_assert_error (liaison_sync_scheduler_get_last_error (s), LIAISON_SYNC_ERROR,
                  LIAISON_SYNC_ERROR_BUSY);
  g_assert_cmpuint (f->n_failed, ==, 0);
  g_assert_cmpuint (count_runs (f, "scheduled"), ==, 0);
  g_assert_cmpint (liaison_sync_scheduler_get_next_run (s), ==, T0 + 12 * MINUTE);
}

/* Offline it waits, with the reason; back online, the run it missed starts by itself. */
static void
test_offline (Fixture *f, gconstpointer data)
{
  LiaisonSyncScheduler *s = f->scheduler;
  g_autoptr (FakeMonitor) monitor = g_object_new (FAKE_TYPE_MONITOR, NULL);
  g_autoptr (GError) error = NULL;

  liaison_sync_scheduler_set_engine (s, NULL, "Connect HighLevel in Accounts to sync it.");
  liaison_sync_scheduler_set_interval (s, 5);
  g_assert_false (liaison_sync_scheduler_sync_now (s, &error));
  g_assert_error (error, LIAISON_SYNC_ERROR, LIAISON_SYNC_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "Connect HighLevel in Accounts to sync it.");
  g_clear_error (&error);

  liaison_sync_scheduler_set_network_monitor (s, G_NETWORK_MONITOR (monitor));
  liaison_sync_scheduler_set_engine (s, f->sync.engine, NULL);
  g_assert_cmpint (liaison_sync_scheduler_get_next_run (s), ==, T0 + 5 * MINUTE);
  fake_monitor_set (monitor, FALSE);
  g_assert_cmpint (liaison_sync_scheduler_get_state (s), ==, LIAISON_SCHEDULER_PAUSED);
  g_assert_nonnull (strstr (liaison_sync_scheduler_get_pause_reason (s), "offline"));
  g_assert_false (liaison_sync_scheduler_sync_now (s, &error));
  g_assert_nonnull (strstr (error->message, "offline"));

  f->now = T0 + 30 * MINUTE;
  liaison_sync_scheduler_tick (s);
  g_assert_cmpuint (f->n_started, ==, 0);

  fake_monitor_set (monitor, TRUE);
  g_assert_null (liaison_sync_scheduler_get_pause_reason (s));
  /* Overdue: the timer fires at once, from the main loop. */
  wait_finished (f, 1);
  g_assert_cmpstr (g_ptr_array_index (f->triggers, 0), ==, "scheduled");
  g_assert_cmpuint (count_runs (f, "scheduled"), ==, 1);
}

static void
save_mapping (Fixture *f, const char *json)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  liaison_store_save_mapping_async (f->sync.store, json, NULL, store_test_result_cb, &result);
  g_assert_true (
      liaison_store_save_mapping_finish (f->sync.store, store_test_wait (&result), NULL, &error));
  g_assert_no_error (error);
}

static void
scheduled_run (Fixture *f)
{
  guint n = f->n_finished;

  f->now = liaison_sync_scheduler_get_next_run (f->scheduler);
  g_assert_cmpint (f->now, >, 0);
  liaison_sync_scheduler_tick (f->scheduler);
  g_assert_true (liaison_sync_scheduler_get_running (f->scheduler));
  wait_finished (f, n + 1);
}

/* Three scheduled runs failing for one cause make one announcement; a run that goes through
 * resets it, so the same cause later is announced again. A manual run's failure is not
 * announced (the person is looking at it). */
static void
test_failure_once_per_cause (Fixture *f, gconstpointer data)
{
  LiaisonSyncScheduler *s = f->scheduler;
  g_autoptr (GError) error = NULL;

  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *good = NULL;

  /* The fixture's map, fitted to the sandbox, to put back later. */
  liaison_store_load_mapping_async (f->sync.store, NULL, store_test_result_cb, &result);
  good = liaison_store_load_mapping_finish (f->sync.store, store_test_wait (&result), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (good);

  liaison_sync_scheduler_set_engine (s, f->sync.engine, NULL);
  liaison_sync_scheduler_set_interval (s, 5);
  save_mapping (f, "{\"version\": \"not a map\", \"pairs\": 7}");

  g_assert_true (liaison_sync_scheduler_sync_now (s, &error));
  wait_finished (f, 1);
  g_assert_false (f->last_succeeded);
  g_assert_cmpuint (f->n_failed, ==, 0);

  for (guint i = 0; i < 3; i++)
    scheduled_run (f);
  g_assert_false (f->last_succeeded);
  g_assert_error (liaison_sync_scheduler_get_last_error (s), LIAISON_SYNC_ERROR,
                  LIAISON_SYNC_ERROR_MAPPING);
  g_assert_cmpuint (f->n_failed, ==, 1);
  g_assert_true (
      g_str_has_prefix (g_ptr_array_index (f->failures, 0), "liaison-sync-error-quark:"));
  g_assert_nonnull (strstr (g_ptr_array_index (f->failures, 0), "liaison-cli mapping reset"));

  save_mapping (f, good);
  scheduled_run (f);
  g_assert_true (f->last_succeeded);
  g_assert_cmpuint (f->n_failed, ==, 1);

  save_mapping (f, "{\"version\": \"not a map\", \"pairs\": 7}");
  scheduled_run (f);
  scheduled_run (f);
  g_assert_cmpuint (f->n_failed, ==, 2);
  g_assert_cmpuint (count_runs (f, "scheduled"), ==, 6);
}

/* Before the first sync, while nobody reviewed the mapping, the engine holds the timer's runs:
 * that is no failure to announce, and the scheduler keeps its timer. Once the defaults are
 * accepted, the next timer run goes through. */
static void
test_held_for_review (Fixture *f, gconstpointer data)
{
  LiaisonSyncScheduler *s = f->scheduler;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  liaison_sync_scheduler_set_engine (s, f->sync.engine, NULL);
  liaison_sync_scheduler_set_interval (s, 5);
  scheduled_run (f);
  scheduled_run (f);
  g_assert_false (f->last_succeeded);
  g_assert_error (liaison_sync_scheduler_get_last_error (s), LIAISON_SYNC_ERROR,
                  LIAISON_SYNC_ERROR_NOT_REVIEWED);
  g_assert_cmpuint (f->n_failed, ==, 0);
  g_assert_cmpuint (count_runs (f, "scheduled"), ==, 0);
  g_assert_cmpint (liaison_sync_scheduler_get_state (s), ==, LIAISON_SCHEDULER_WAITING);

  /* "Use These Pairs": the defaults accepted, as the Field Mapping page saves them. */
  liaison_store_save_mapping_async (f->sync.store, NULL, NULL, store_test_result_cb, &result);
  g_assert_true (
      liaison_store_save_mapping_finish (f->sync.store, store_test_wait (&result), NULL, &error));
  g_assert_no_error (error);
  scheduled_run (f);
  g_assert_true (f->last_succeeded);
  g_assert_cmpuint (f->n_failed, ==, 0);
  g_assert_cmpuint (count_runs (f, "scheduled"), ==, 1);
}

/* Both services change one contact's city differently. */
static void
make_conflict (Fixture *f, const char *lsq_city, const char *ghl_city)
{
  g_autofree char *lsq_id = NULL;
  g_autofree char *ghl_id = NULL;

  sync_first_link (&f->sync, &lsq_id, &ghl_id);
  sync_edit_city_both (&f->sync, lsq_id, ghl_id, lsq_city, ghl_city);
}

static guint
count_open_conflicts (Fixture *f)
{
  g_autoptr (GPtrArray) open = liaison_store_list_conflicts (f->sync.store, TRUE, NULL);

  g_assert_nonnull (open);
  return open ? open->len : 0;
}

/* A scheduled run that parks conflicts not open before announces how many; the ones already
 * open, a run that parks nothing new, and a manual run (the person is looking) announce
 * nothing. */
static void
wait_conflicts_read (Fixture *f)
{
  while (liaison_sync_scheduler_get_reading_conflicts (f->scheduler))
    g_main_context_iteration (NULL, TRUE);
}

static void
test_new_conflicts (Fixture *f, gconstpointer data)
{
  LiaisonSyncScheduler *s = f->scheduler;
  g_autoptr (GError) error = NULL;
  guint before;

  liaison_sync_scheduler_set_engine (s, f->sync.engine, NULL);
  liaison_sync_scheduler_set_interval (s, 5);
  scheduled_run (f);
  /* The seed's own conflicts, if any, were parked by this first run: new, and said so. */
  wait_conflicts_read (f);
  g_assert_cmpuint (f->n_new_conflicts, ==, count_open_conflicts (f));
  before = f->n_new_signals;

  scheduled_run (f);
  wait_conflicts_read (f);
  g_assert_cmpuint (f->n_new_signals, ==, before);

  make_conflict (f, "Mumbai", "Chennai");
  scheduled_run (f);
  wait_conflicts_read (f);
  g_assert_cmpuint (f->n_new_signals, ==, before + 1);
  g_assert_cmpuint (f->n_new_conflicts, ==, count_open_conflicts (f));

  scheduled_run (f);
  wait_conflicts_read (f);
  g_assert_cmpuint (f->n_new_signals, ==, before + 1);

  make_conflict (f, "Pune", "Nagpur");
  g_assert_true (liaison_sync_scheduler_sync_now (s, &error));
  wait_finished (f, f->n_finished + 1);
  wait_conflicts_read (f);
  g_assert_cmpuint (f->n_new_signals, ==, before + 1);
}

static void
on_session_opened (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* A profile with no account connected pauses the scheduler with the way forward, Accounts. */
static void
test_session_without_accounts (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->sync.dir, "empty-profile.db", NULL);
  g_autoptr (LiaisonSession) session = liaison_session_new ("scheduler-test");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  LiaisonSyncScheduler *s = f->scheduler;

  liaison_session_open_async (session, path, NULL, on_session_opened, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (liaison_session_open_finish (session, result, &error));
  g_assert_no_error (error);

  liaison_sync_scheduler_set_interval (s, 5);
  liaison_sync_scheduler_set_session (s, session);
  g_assert_cmpint (liaison_sync_scheduler_get_state (s), ==, LIAISON_SCHEDULER_PAUSED);
  g_assert_true (liaison_sync_scheduler_get_needs_accounts (s));
  g_assert_cmpstr (liaison_sync_scheduler_get_pause_reason (s), ==,
                   "Connect LeadSquared and HighLevel in Accounts to sync them.");
  g_assert_false (liaison_sync_scheduler_sync_now (s, &error));
  g_assert_error (error, LIAISON_SYNC_ERROR, LIAISON_SYNC_ERROR_FAILED);

  /* Let go of the session: an engine given directly takes over. */
  liaison_sync_scheduler_set_session (s, NULL);
  liaison_sync_scheduler_set_engine (s, f->sync.engine, NULL);
  g_assert_false (liaison_sync_scheduler_get_needs_accounts (s));
  g_assert_cmpint (liaison_sync_scheduler_get_state (s), ==, LIAISON_SCHEDULER_WAITING);
  g_clear_object (&session);
  store_test_drain ();
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, set_up, func, tear_down)
  ADD ("/scheduler/interval", test_interval);
  ADD ("/scheduler/one-at-a-time", test_one_at_a_time);
  ADD ("/scheduler/offline", test_offline);
  ADD ("/scheduler/failure-once-per-cause", test_failure_once_per_cause);
  ADD ("/scheduler/session-without-accounts", test_session_without_accounts);
  ADD ("/scheduler/new-conflicts", test_new_conflicts);
  g_test_add ("/scheduler/held-for-review", Fixture, &fresh, set_up, test_held_for_review,
              tear_down);
  return g_test_run ();
}
