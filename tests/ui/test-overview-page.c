/* test-overview-page.c: the Overview page on a real profile synced with the in-process sandbox:
 * Sync Now makes a run row and shows progress, the last run's counts and the next run read as
 * the store and the scheduler have them, a failed run shows its cause and a way forward, and a
 * missing account pauses it with the reason and a way to Accounts.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <string.h>

#include "liaison-overview-page.h"
#include "liaison-overview-setup.h"
#include "liaison-sync-scheduler-private.h"
#include "store-test-util.h"
#include "sync-test-util.h"

/* 2026-12-03 10:00:00 UTC */
#define T0 G_GINT64_CONSTANT (1796292000000)

static const SyncFixtureOptions small = { 5, 30, NULL, 0, FALSE };
/* A profile where nothing was saved yet: no field map, no run. */
static const SyncFixtureOptions fresh = { .seed = 5, .contacts = 30, .cli_profile = TRUE };

typedef struct
{
  SyncFixture sync;
  LiaisonSyncScheduler *scheduler;
  LiaisonOverviewPage *page;
  GtkWindow *window;
  gint64 now;
  guint n_finished;
  guint n_progress;
  gboolean revealed_while_running;
} Fixture;

#define WAIT_UNTIL(cond) SYNC_WAIT_UNTIL (cond, 30)

static gpointer
child (Fixture *f, const char *name)
{
  GObject *object
      = gtk_widget_get_template_child (GTK_WIDGET (f->page), LIAISON_TYPE_OVERVIEW_PAGE, name);

  g_assert_nonnull (object);
  return object;
}

static const char *
label (Fixture *f, const char *name)
{
  return gtk_label_get_label (child (f, name));
}

static const char *
subtitle (Fixture *f, const char *row)
{
  return adw_action_row_get_subtitle (child (f, row));
}

static gint64
fake_clock (gpointer user_data)
{
  return ((Fixture *) user_data)->now;
}

static void
on_finished (LiaisonSyncScheduler *scheduler, const char *trigger, gboolean ok, Fixture *f)
{
  f->n_finished++;
}

static void
on_progress (LiaisonSyncScheduler *scheduler, guint done, guint total, Fixture *f)
{
  f->n_progress++;
  if (gtk_revealer_get_reveal_child (child (f, "progress_revealer")))
    f->revealed_while_running = TRUE;
}

static void
set_up (Fixture *f, gconstpointer data)
{
  sync_fixture_set_up (&f->sync, data != NULL ? data : &small);
  f->now = T0;
  f->scheduler = liaison_sync_scheduler_new ();
  liaison_sync_scheduler_set_clock (f->scheduler, fake_clock, f);
  liaison_sync_scheduler_set_interval (f->scheduler, 5);
  g_signal_connect (f->scheduler, "run-finished", G_CALLBACK (on_finished), f);

  f->page = g_object_new (LIAISON_TYPE_OVERVIEW_PAGE, NULL);
  g_signal_connect (f->scheduler, "progress", G_CALLBACK (on_progress), f);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 700, 700);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  liaison_overview_page_set_scheduler (f->page, f->scheduler);
  liaison_overview_page_set_store (f->page, f->sync.store);
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  g_clear_object (&f->scheduler);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  store_test_drain ();
  sync_fixture_tear_down (&f->sync);
}

static LiaisonStoreRun *
newest_run (Fixture *f)
{
  g_autoptr (GPtrArray) runs = liaison_store_list_runs (f->sync.store, 1, NULL);

  g_assert_nonnull (runs);
  g_assert_cmpuint (runs->len, ==, 1);
  return g_ptr_array_steal_index (runs, 0);
}

/* Sync Now: progress while it runs, then the run the store recorded, and the next one. */
static void
test_sync_now (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonStoreRun) run = NULL;
  g_autofree char *counts = NULL;

  /* Paused without accounts: the path to the first sync starts at Accounts, no Sync Now. */
  WAIT_UNTIL (!liaison_overview_page_get_loading (f->page));
  g_assert_true (liaison_overview_page_get_first_run (f->page));
  g_assert_cmpuint (liaison_overview_setup_get_next_step (child (f, "setup")), ==, 1);
  g_assert_false (gtk_widget_get_sensitive (child (f, "sync_button")));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (child (f, "last_group"))));

  liaison_sync_scheduler_set_engine (f->scheduler, f->sync.engine, NULL);
  g_assert_true (gtk_widget_get_sensitive (child (f, "sync_button")));
  g_assert_true (gtk_widget_get_visible (child (f, "sync_button")));
  g_assert_false (gtk_widget_get_visible (child (f, "go_accounts_button")));
  g_assert_nonnull (strstr (subtitle (f, "next_row"), "every 5 minutes"));
  g_assert_nonnull (strstr (label (f, "status_detail"), "Choose Sync Now"));
  /* The fixture saved a map: the path's next step is the first sync. */
  g_assert_cmpuint (liaison_overview_setup_get_next_step (child (f, "setup")), ==, 3);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "overview.sync-now", NULL));
  g_assert_true (liaison_sync_scheduler_get_running (f->scheduler));
  g_assert_false (liaison_overview_page_get_first_run (f->page));
  g_assert_cmpstr (label (f, "status_title"), ==, "Syncing…");
  g_assert_true (gtk_revealer_get_reveal_child (child (f, "progress_revealer")));
  g_assert_true (gtk_widget_get_visible (child (f, "cancel_button")));
  g_assert_false (gtk_widget_get_sensitive (child (f, "sync_button")));
  g_assert_nonnull (strstr (subtitle (f, "next_row"), "5 minutes after this sync ends"));

  WAIT_UNTIL (f->n_finished == 1);
  /* The engine reported its progress as it wrote, and the bar showed it. */
  g_assert_cmpuint (f->n_progress, >, 0);
  g_assert_true (f->revealed_while_running);
  WAIT_UNTIL (!liaison_overview_page_get_loading (f->page)
              && gtk_widget_get_visible (GTK_WIDGET (child (f, "last_group"))));
  run = newest_run (f);
  g_assert_cmpstr (run->trigger, ==, "manual");
  g_assert_cmpstr (run->status, ==, "succeeded");
  g_assert_cmpstr (label (f, "status_title"), ==, "The Last Sync Went Through");
  counts = g_strdup_printf ("%u created, %u updated, %u deleted, %u linked; %u conflicts",
                            run->n_created, run->n_updated, run->n_deleted, run->n_linked,
                            run->n_conflicts);
  g_assert_true (g_str_has_prefix (subtitle (f, "counts_row"), counts));
  g_assert_cmpuint (run->n_linked + run->n_created, >, 0);
  g_assert_nonnull (strstr (subtitle (f, "when_row"), "when you chose Sync Now"));
  /* It fits a phone-sized window. */
  {
    int minimum = 0;

    gtk_widget_measure (GTK_WIDGET (f->page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL,
                        NULL);
    g_assert_cmpint (minimum, <=, 360);
  }
  g_assert_false (gtk_widget_get_visible (child (f, "error_row")));
  g_assert_false (gtk_revealer_get_reveal_child (child (f, "progress_revealer")));
  g_assert_true (gtk_widget_get_sensitive (child (f, "sync_button")));
  g_assert_cmpint (liaison_sync_scheduler_get_next_run (f->scheduler), ==, T0 + 5 * 60000);

  /* The systemd timer's liaison-cli holds the profile: Sync Now says so, since that turn leaves
   * no run behind to show. */
  {
    g_autoptr (GError) error = NULL;
    int fd = liaison_sync_lock_acquire (f->sync.store_path, &error);

    g_assert_no_error (error);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "overview.sync-now", NULL));
    WAIT_UNTIL (f->n_finished == 2);
    liaison_sync_lock_release (fd);
  }
  WAIT_UNTIL (!liaison_overview_page_get_loading (f->page));
  g_assert_nonnull (strstr (label (f, "status_detail"), "Another sync of this profile is running"));
  g_assert_cmpstr (label (f, "status_title"), ==, "The Last Sync Went Through");
}

/* A run that fails says why and what to do. */
static void
test_failure (Fixture *f, gconstpointer data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  liaison_store_save_mapping_async (f->sync.store, "{\"version\": \"not a map\"}", NULL,
                                    store_test_result_cb, &result);
  g_assert_true (
      liaison_store_save_mapping_finish (f->sync.store, store_test_wait (&result), NULL, &error));
  liaison_sync_scheduler_set_engine (f->scheduler, f->sync.engine, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "overview.sync-now", NULL));
  WAIT_UNTIL (f->n_finished == 1);
  WAIT_UNTIL (!liaison_overview_page_get_loading (f->page)
              && gtk_widget_get_visible (GTK_WIDGET (child (f, "last_group"))));
  g_assert_cmpstr (label (f, "status_title"), ==, "The Last Sync Failed");
  g_assert_true (gtk_widget_get_visible (child (f, "error_row")));
  g_assert_nonnull (strstr (subtitle (f, "error_row"), "liaison-cli mapping reset"));
  g_assert_nonnull (strstr (subtitle (f, "error_row"), "Choose Sync Now to try again"));
}

/* Cancel stops the run; the page says so, and that nothing is lost. */
static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonStoreRun) run = NULL;

  liaison_sync_scheduler_set_engine (f->scheduler, f->sync.engine, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "overview.sync-now", NULL));
  g_assert_true (gtk_widget_get_visible (child (f, "cancel_button")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "overview.cancel", NULL));
  WAIT_UNTIL (f->n_finished == 1);
  WAIT_UNTIL (!liaison_overview_page_get_loading (f->page)
              && gtk_widget_get_visible (GTK_WIDGET (child (f, "last_group"))));
  run = newest_run (f);
  g_assert_cmpstr (run->status, ==, "cancelled");
  g_assert_cmpstr (label (f, "status_title"), ==, "The Last Sync Was Cancelled");
  g_assert_nonnull (strstr (subtitle (f, "error_row"), "Nothing is lost"));
  g_assert_false (gtk_widget_get_visible (child (f, "cancel_button")));
}

static gpointer
setup_child (gpointer setup, const char *name)
{
  GObject *object = gtk_widget_get_template_child (setup, LIAISON_TYPE_OVERVIEW_SETUP, name);

  g_assert_nonnull (object);
  return object;
}

static const char *
setup_label (gpointer setup, const char *name)
{
  return gtk_label_get_label (setup_child (setup, name));
}

/* A fresh profile shows the path to the first sync, each step as the profile stands; once the
 * first sync runs, the path gives way to the last run. */
static void
test_first_run (Fixture *f, gconstpointer data)
{
  LiaisonOverviewSetup *setup = child (f, "setup");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  WAIT_UNTIL (!liaison_overview_page_get_loading (f->page));
  g_assert_true (liaison_overview_page_get_first_run (f->page));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (setup)));
  g_assert_false (gtk_widget_get_visible (child (f, "status_box")));
  g_assert_false (gtk_widget_get_visible (child (f, "last_group")));
  g_assert_cmpuint (liaison_overview_setup_get_next_step (setup), ==, 1);
  g_assert_cmpstr (setup_label (setup, "state3"), ==, "After steps 1 and 2");

  /* Both accounts connected: the field mapping is next, not yet the sync. */
  liaison_sync_scheduler_set_engine (f->scheduler, f->sync.engine, NULL);
  g_assert_cmpuint (liaison_overview_setup_get_next_step (setup), ==, 2);
  g_assert_cmpstr (setup_label (setup, "state1"), ==, "Done");
  g_assert_cmpstr (setup_label (setup, "state2"), ==, "Next");
  g_assert_true (gtk_widget_get_sensitive (setup_child (setup, "mapping_button")));
  g_assert_true (
      gtk_widget_has_css_class (setup_child (setup, "mapping_button"), "suggested-action"));
  g_assert_false (
      gtk_widget_has_css_class (setup_child (setup, "sync_button"), "suggested-action"));
  g_assert_cmpstr (
      gtk_actionable_get_action_target_value (setup_child (setup, "mapping_button"))
          ? g_variant_get_string (
              gtk_actionable_get_action_target_value (setup_child (setup, "mapping_button")), NULL)
          : NULL,
      ==, "mapping");

  /* The person keeps the default pairs (as Use These Pairs does): the first sync is next. */
  liaison_store_save_mapping_async (f->sync.store, NULL, NULL, store_test_result_cb, &result);
  g_assert_true (
      liaison_store_save_mapping_finish (f->sync.store, store_test_wait (&result), NULL, &error));
  g_assert_no_error (error);
  liaison_overview_page_reload (f->page);
  WAIT_UNTIL (!liaison_overview_page_get_loading (f->page));
  g_assert_true (liaison_overview_page_get_first_run (f->page));
  g_assert_cmpuint (liaison_overview_setup_get_next_step (setup), ==, 3);
  g_assert_cmpstr (setup_label (setup, "state2"), ==, "Done");
  g_assert_cmpstr (setup_label (setup, "state3"), ==, "Next");
  g_assert_true (gtk_widget_has_css_class (setup_child (setup, "sync_button"), "suggested-action"));
  g_assert_cmpstr (gtk_actionable_get_action_name (setup_child (setup, "preview_button")), ==,
                   "win.preview-sync");
  /* The schedule would run it in 5 minutes: the step says when. */
  g_assert_nonnull (strstr (setup_label (setup, "detail3"), "on its own at"));
  /* It fits a phone-sized window. */
  {
    int minimum = 0;

    gtk_widget_measure (GTK_WIDGET (f->page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL,
                        NULL);
    g_assert_cmpint (minimum, <=, 360);
  }

  /* The step's Sync Now: while it runs the page shows its progress, then the last run. */
  g_assert_cmpstr (gtk_actionable_get_action_name (setup_child (setup, "sync_button")), ==,
                   "overview.sync-now");
  g_assert_true (gtk_widget_is_sensitive (setup_child (setup, "sync_button")));
  g_signal_emit_by_name (setup_child (setup, "sync_button"), "clicked");
  g_assert_true (liaison_sync_scheduler_get_running (f->scheduler));
  g_assert_false (liaison_overview_page_get_first_run (f->page));
  g_assert_true (gtk_revealer_get_reveal_child (child (f, "progress_revealer")));
  WAIT_UNTIL (f->n_finished == 1);
  WAIT_UNTIL (!liaison_overview_page_get_loading (f->page)
              && gtk_widget_get_visible (GTK_WIDGET (child (f, "last_group"))));
  g_assert_false (liaison_overview_page_get_first_run (f->page));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (setup)));
  g_assert_true (gtk_widget_get_visible (child (f, "status_box")));
  g_assert_cmpstr (label (f, "status_title"), ==, "The Last Sync Went Through");
}

static void
on_opened (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* A profile with no account: both say so and lead to Accounts, as does the page's button. */
static void
test_accounts (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->sync.dir, "empty-profile.db", NULL);
  g_autoptr (LiaisonSession) session = liaison_session_new ("overview-test");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_false (gtk_widget_get_visible (child (f, "accounts_group")));
  liaison_session_open_async (session, path, NULL, on_opened, &result);
  WAIT_UNTIL (result != NULL);
  g_assert_true (liaison_session_open_finish (session, result, &error));
  g_assert_no_error (error);
  liaison_sync_scheduler_set_session (f->scheduler, session);
  liaison_overview_page_set_session (f->page, session);
  WAIT_UNTIL (!liaison_overview_page_get_loading (f->page));

  /* A new profile: the path to the first sync, its first step next, with both accounts. */
  g_assert_true (liaison_overview_page_get_first_run (f->page));
  g_assert_false (gtk_widget_get_visible (child (f, "accounts_group")));
  g_assert_false (gtk_widget_get_visible (child (f, "status_box")));
  {
    LiaisonOverviewSetup *setup = child (f, "setup");

    g_assert_cmpuint (liaison_overview_setup_get_next_step (setup), ==, 1);
    g_assert_cmpstr (setup_label (setup, "state1"), ==, "Next");
    g_assert_cmpstr (setup_label (setup, "detail1"), ==,
                     "LeadSquared: not connected\nHighLevel: not connected");
    g_assert_cmpstr (setup_label (setup, "state2"), ==, "After step 1");
    g_assert_true (
        gtk_widget_has_css_class (setup_child (setup, "accounts_button"), "suggested-action"));
    g_assert_cmpstr (gtk_actionable_get_action_name (setup_child (setup, "accounts_button")), ==,
                     "win.show-page");
    g_assert_false (gtk_widget_get_sensitive (setup_child (setup, "mapping_button")));
  }
  /* The state the page shows once a sync ran says the same. */
  g_assert_cmpstr (subtitle (f, "lsq_row"), ==, "Not connected. Connect it in Accounts.");
  g_assert_cmpstr (subtitle (f, "ghl_row"), ==, "Not connected. Connect it in Accounts.");
  g_assert_cmpstr (label (f, "status_detail"), ==,
                   "Connect LeadSquared and HighLevel in Accounts to sync them.");

  liaison_overview_page_set_session (f->page, NULL);
  liaison_sync_scheduler_set_session (f->scheduler, NULL);
  g_clear_object (&session);
  store_test_drain ();
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
#define ADD(path, func) g_test_add (path, Fixture, NULL, set_up, func, tear_down)
  ADD ("/overview-page/sync-now", test_sync_now);
  ADD ("/overview-page/failure", test_failure);
  ADD ("/overview-page/accounts", test_accounts);
  ADD ("/overview-page/cancel", test_cancel);
  g_test_add ("/overview-page/first-run", Fixture, &fresh, set_up, test_first_run, tear_down);
  return g_test_run ();
}
