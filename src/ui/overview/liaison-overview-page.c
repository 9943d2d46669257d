/* liaison-overview-page.c: LiaisonOverviewPage. The last run is read from the store (every run of
 * the profile, the systemd timer's included) after each run, when the page is shown and every
 * half minute while it shows; the next run, the reason for a pause and the progress come from
 * the app's LiaisonSyncScheduler.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-overview"

#include <glib/gi18n.h>

#include "liaison-format.h"
#include "liaison-overview-page.h"
#include "liaison-overview-setup.h"
#include "liaison-store-history.h"
#include "liaison-store-sync.h"

#define REFRESH_SECONDS 30
#define PULSE_MS 250

struct _LiaisonOverviewPage
{
  AdwBin parent_instance;

  LiaisonStore *store;
  LiaisonSession *session;
  LiaisonSyncScheduler *scheduler;
  LiaisonConflictList *conflicts;
  GCancellable *cancellable;
  LiaisonStoreRun *last;
  gboolean loaded;
  gboolean reviewed; /* a field map was saved or accepted (the first-run path's step 2) */
  char *notice;      /* why the last Sync Now made no run (another sync held the profile) */
  guint refresh_source;
  guint pulse_source;

  LiaisonOverviewSetup *setup;
  GtkWidget *status_box;
  GtkWidget *schedule_group;
  GtkWidget *waiting_group;
  GtkLabel *status_title;
  GtkLabel *status_detail;
  GtkRevealer *progress_revealer;
  GtkProgressBar *progress_bar;
  GtkLabel *progress_label;
  GtkButton *sync_button;
  GtkButton *go_accounts_button;
  GtkButton *cancel_button;
  AdwPreferencesGroup *last_group;
  AdwActionRow *when_row;
  AdwActionRow *counts_row;
  AdwActionRow *error_row;
  AdwActionRow *next_row;
  GtkButton *preferences_button;
  AdwActionRow *conflicts_row;
  AdwPreferencesGroup *accounts_group;
  AdwActionRow *lsq_row;
  AdwActionRow *ghl_row;
};

G_DEFINE_FINAL_TYPE (LiaisonOverviewPage, liaison_overview_page, ADW_TYPE_BIN)

static void
toast (LiaisonOverviewPage *self, const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  g_message ("%s", message);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

/* ---- what it says ---- */

static char *
when_text (const LiaisonStoreRun *run)
{
  g_autofree char *at
      = liaison_format_time_ms (run->finished_at > 0 ? run->finished_at : run->started_at);

  if (g_strcmp0 (run->trigger, "manual") == 0)
    return g_strdup_printf (_ ("%s, when you chose Sync Now"), at);
  if (g_strcmp0 (run->trigger, "scheduled") == 0)
    return g_strdup_printf (_ ("%s, on Liaison’s schedule"), at);
  if (g_strcmp0 (run->trigger, "cli") == 0)
    return g_strdup_printf (_ ("%s, by liaison-cli (the systemd timer or a terminal)"), at);
  return g_strdup (at);
}

/* The run's error, then what to do about it. */
static char *
error_text (const LiaisonStoreRun *run)
{
  const char *forward;

  if (g_strcmp0 (run->cause, "operations-failed") == 0)
    forward = _ ("The changes that failed are tried again by the next sync. History shows each "
                 "one with its cause.");
  else if (g_strcmp0 (run->cause, "delete-guard") == 0)
    forward = _ ("Nothing was deleted. Check on the Contacts page whether those contacts are "
                 "really gone; the next sync asks again.");
  else if (g_strcmp0 (run->status, "cancelled") == 0)
    forward = _ ("Nothing is lost: the next sync finishes what this one left.");
  else
    forward = _ ("Choose Sync Now to try again. If it fails the same way, the Accounts page shows "
                 "whether each account still works.");
  return g_strdup_printf ("%s\n\n%s", run->error ? run->error : "", forward);
}

static void
update_status (LiaisonOverviewPage *self, gboolean running)
{
  const char *reason
      = self->scheduler ? liaison_sync_scheduler_get_pause_reason (self->scheduler) : NULL;
  const LiaisonStoreRun *run = self->last;
  const char *title;
  g_autofree char *detail = NULL;

  if (self->store == NULL)
    {
      title = _ ("Nothing Synced Yet");
      detail = g_strdup (_ ("Once LeadSquared and HighLevel are both connected, this page will "
                            "sum up the last sync run, what is waiting for review and when the "
                            "next run starts."));
    }
  else if (running)
    {
      title = _ ("Syncing…");
      detail = g_strdup (_ ("Liaison reads what changed in both services, then writes each "
                            "change to the other side."));
    }
  else if (run == NULL)
    {
      title = _ ("Nothing Synced Yet");
      detail = g_strdup (reason ? reason
                                : _ ("Choose Sync Now for the first sync. After that, Liaison "
                                     "syncs on its own while it runs."));
    }
  else
    {
      if (g_strcmp0 (run->status, "succeeded") == 0)
        title = _ ("The Last Sync Went Through");
      else if (g_strcmp0 (run->status, "partial") == 0)
        title = _ ("The Last Sync Went Through in Part");
      else if (g_strcmp0 (run->status, "cancelled") == 0)
        title = _ ("The Last Sync Was Cancelled");
      else if (g_strcmp0 (run->status, "running") == 0)
        title = _ ("A Sync Has Not Finished");
      else
        title = _ ("The Last Sync Failed");
      if (g_strcmp0 (run->status, "running") == 0)
        detail = g_strdup (_ ("Another Liaison, such as the systemd timer’s liaison-cli, may be "
                              "syncing this profile now. If none is, that sync was interrupted, "
                              "and the next one finishes what it left."));
      else
        detail = g_strdup (reason);
    }
  if (!running && self->notice != NULL)
    {
      g_free (detail);
      detail = g_strdup (self->notice);
    }
  gtk_label_set_label (self->status_title, title);
  gtk_label_set_label (self->status_detail, detail ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_detail), detail != NULL && *detail != '\0');
}

static void
update_last (LiaisonOverviewPage *self)
{
  const LiaisonStoreRun *run = self->last;
  g_autofree char *when = NULL;
  g_autofree char *counts = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->last_group), run != NULL);
  if (run == NULL)
    return;
  when = when_text (run);
  adw_action_row_set_subtitle (self->when_row, when);
  counts = g_strdup_printf (_ ("%u created, %u updated, %u deleted, %u linked; %u conflicts, %u "
                               "skipped, %u failed"),
                            run->n_created, run->n_updated, run->n_deleted, run->n_linked,
                            run->n_conflicts, run->n_skipped, run->n_failed);
  adw_action_row_set_subtitle (self->counts_row, counts);
  gtk_widget_set_visible (GTK_WIDGET (self->error_row), run->error != NULL && *run->error != '\0');
  if (run->error != NULL)
    {
      g_autofree char *text = error_text (run);
      adw_action_row_set_subtitle (self->error_row, text);
    }
}

static void
update_schedule (LiaisonOverviewPage *self)
{
  LiaisonSchedulerState state;
  g_autofree char *text = NULL;
  guint interval;

  gtk_widget_set_visible (GTK_WIDGET (self->next_row), self->scheduler != NULL);
  if (self->scheduler == NULL)
    return;
  state = liaison_sync_scheduler_get_state (self->scheduler);
  interval = liaison_sync_scheduler_get_interval (self->scheduler);
  switch (state)
    {
      case LIAISON_SCHEDULER_OFF:
        text = g_strdup (_ ("Off: Liaison syncs only when you choose Sync Now. To sync on a "
                            "schedule, choose an interval in Preferences."));
        break;
      case LIAISON_SCHEDULER_WAITING:
        {
          g_autofree char *at
              = liaison_format_time_ms (liaison_sync_scheduler_get_next_run (self->scheduler));

          text = g_strdup_printf (ngettext ("At %s. While it runs, Liaison syncs every %u minute.",
                                            "At %s. While it runs, Liaison syncs every %u minutes.",
                                            interval),
                                  at, interval);
          break;
        }
      case LIAISON_SCHEDULER_RUNNING:
        text = interval > 0
                   ? g_strdup_printf (ngettext ("%u minute after this sync ends.",
                                                "%u minutes after this sync ends.", interval),
                                      interval)
                   : g_strdup (_ ("When you choose Sync Now again."));
        break;
      case LIAISON_SCHEDULER_PAUSED:
      default:
        text = g_strdup (liaison_sync_scheduler_get_pause_reason (self->scheduler));
        break;
    }
  adw_action_row_set_subtitle (self->next_row, text);
  gtk_widget_set_visible (GTK_WIDGET (self->preferences_button),
                          state == LIAISON_SCHEDULER_OFF || state == LIAISON_SCHEDULER_WAITING);
}

static void
update_conflicts (LiaisonOverviewPage *self)
{
  guint n = self->conflicts ? liaison_conflict_list_get_n_open (self->conflicts) : 0;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_row), self->conflicts != NULL);
  if (self->conflicts == NULL)
    return;
  if (n > 0)
    text = g_strdup_printf (
        ngettext ("%u conflict waits for your answer.", "%u conflicts wait for your answer.", n),
        n);
  else
    text = g_strdup (liaison_conflict_list_get_loaded (self->conflicts)
                         ? _ ("Nothing waits for your answer.")
                         : _ ("Reading the conflicts…"));
  adw_action_row_set_subtitle (self->conflicts_row, text);
}

static void
update_account (LiaisonOverviewPage *self, AdwActionRow *row, LiaisonService service)
{
  const LiaisonStoreConnection *c = liaison_session_get_connection (self->session, service);
  const char *error = liaison_session_get_error (self->session, service);
  g_autofree char *text = NULL;

  if (c == NULL)
    text = g_strdup (_ ("Not connected. Connect it in Accounts."));
  else if (error != NULL)
    text = g_strdup_printf (_ ("Cannot be used: %s. Connect it again in Accounts."), error);
  else
    text = g_strdup_printf (_ ("Connected to %s"),
                            c->display_name && *c->display_name ? c->display_name : c->account_id);
  adw_action_row_set_subtitle (row, text);
}

static void
update_accounts (LiaisonOverviewPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->accounts_group), self->session != NULL);
  if (self->session == NULL)
    return;
  update_account (self, self->lsq_row, LIAISON_SERVICE_LSQ);
  update_account (self, self->ghl_row, LIAISON_SERVICE_GHL);
}

static gboolean
pulse (gpointer user_data)
{
  LiaisonOverviewPage *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
update_progress (LiaisonOverviewPage *self, gboolean running)
{
  guint done = 0, total = 0;

  gtk_revealer_set_reveal_child (self->progress_revealer, running);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), running);
  if (!running)
    {
      g_clear_handle_id (&self->pulse_source, g_source_remove);
      return;
    }
  liaison_sync_scheduler_get_progress (self->scheduler, &done, &total);
  if (total == 0)
    {
      /* Until the plan is known, its size is not. */
      gtk_progress_bar_set_text (self->progress_bar, NULL);
      gtk_label_set_label (self->progress_label, _ ("Reading both services and planning…"));
      if (self->pulse_source == 0)
        self->pulse_source = g_timeout_add (PULSE_MS, pulse, self);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (
          ngettext ("%u of %u change written", "%u of %u changes written", total), done, total);

      g_clear_handle_id (&self->pulse_source, g_source_remove);
      gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
      gtk_label_set_label (self->progress_label, text);
    }
}

/* Until the first sync, the page is the path to it; while that sync runs, its progress. */
static gboolean
update_setup (LiaisonOverviewPage *self, gboolean running)
{
  gboolean first_run = self->store != NULL && self->loaded && self->last == NULL && !running;

  gtk_widget_set_visible (GTK_WIDGET (self->setup), first_run);
  gtk_widget_set_visible (self->status_box, !first_run);
  gtk_widget_set_visible (self->schedule_group, !first_run);
  gtk_widget_set_visible (self->waiting_group, !first_run);
  if (first_run)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->accounts_group), FALSE);
      liaison_overview_setup_update (self->setup, self->session, self->scheduler, self->reviewed);
    }
  return first_run;
}

gboolean
liaison_overview_page_get_first_run (LiaisonOverviewPage *self)
{
  g_return_val_if_fail (LIAISON_IS_OVERVIEW_PAGE (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->setup));
}

static void
update (LiaisonOverviewPage *self)
{
  gboolean running = self->scheduler && liaison_sync_scheduler_get_running (self->scheduler);

  update_status (self, running);
  update_last (self);
  update_schedule (self);
  update_conflicts (self);
  update_accounts (self);
  update_progress (self, running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.sync-now",
                                 self->scheduler != NULL && !running
                                     && liaison_sync_scheduler_get_pause_reason (self->scheduler)
                                            == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.cancel", running);
  /* Without both accounts the way forward is Accounts, not a sync that cannot run. */
  {
    gboolean accounts = self->store == NULL
                        || (self->scheduler != NULL
                            && liaison_sync_scheduler_get_needs_accounts (self->scheduler));

    gtk_widget_set_visible (GTK_WIDGET (self->go_accounts_button), accounts);
    gtk_widget_set_visible (GTK_WIDGET (self->sync_button), !accounts);
  }
  update_setup (self, running);
}

/* ---- reading the last run ---- */

static void
on_state_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonOverviewPage *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonStoreMappingState) state
      = liaison_store_read_mapping_state_finish (LIAISON_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      g_object_unref (self);
      return;
    }
  g_clear_object (&self->cancellable);
  if (state == NULL)
    toast (self, error->message);
  else
    self->reviewed = state->reviewed;
  self->loaded = TRUE;
  update (self);
  g_object_unref (self);
}

static void
on_runs_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonOverviewPage *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) runs
      = liaison_store_list_runs_page_finish (LIAISON_STORE (source), result, &error);

  /* Cancelled (a newer read, another store, the page gone), even if the read had ended. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      g_object_unref (self);
      return;
    }
  if (runs == NULL)
    toast (self, error->message);
  else
    {
      g_clear_pointer (&self->last, liaison_store_run_free);
      /* A dry run ("Preview Sync") changed nothing: the last real run is what counts here. */
      for (guint i = 0; i < runs->len && self->last == NULL; i++)
        if (!((LiaisonStoreRun *) g_ptr_array_index (runs, i))->dry_run)
          self->last = g_ptr_array_steal_index (runs, i);
    }
  /* Before the first sync, the path to it also needs to know whether a map was saved. */
  if (runs != NULL && self->last == NULL)
    {
      liaison_store_read_mapping_state_async (self->store, NULL, NULL, self->cancellable,
                                              on_state_read, self);
      return;
    }
  g_clear_object (&self->cancellable);
  self->loaded = TRUE;
  update (self);
  g_object_unref (self);
}

void
liaison_overview_page_reload (LiaisonOverviewPage *self)
{
  g_return_if_fail (LIAISON_IS_OVERVIEW_PAGE (self));

  if (self->store == NULL)
    {
      update (self);
      return;
    }
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  liaison_store_list_runs_page_async (self->store, 0, 10, self->cancellable, on_runs_read,
                                      g_object_ref (self));
}

gboolean
liaison_overview_page_get_loading (LiaisonOverviewPage *self)
{
  g_return_val_if_fail (LIAISON_IS_OVERVIEW_PAGE (self), FALSE);
  return self->cancellable != NULL;
}

static gboolean
refresh (gpointer user_data)
{
  liaison_overview_page_reload (user_data);
  return G_SOURCE_CONTINUE;
}

static void
liaison_overview_page_map (GtkWidget *widget)
{
  LiaisonOverviewPage *self = LIAISON_OVERVIEW_PAGE (widget);

  GTK_WIDGET_CLASS (liaison_overview_page_parent_class)->map (widget);
  liaison_overview_page_reload (self);
  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add_seconds (REFRESH_SECONDS, refresh, self);
}

static void
liaison_overview_page_unmap (GtkWidget *widget)
{
  LiaisonOverviewPage *self = LIAISON_OVERVIEW_PAGE (widget);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  GTK_WIDGET_CLASS (liaison_overview_page_parent_class)->unmap (widget);
}

/* ---- actions ---- */

static void
sync_now_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonOverviewPage *self = LIAISON_OVERVIEW_PAGE (widget);
  g_autoptr (GError) error = NULL;

  if (self->scheduler != NULL && !liaison_sync_scheduler_sync_now (self->scheduler, &error))
    toast (self, error->message);
  update (self);
}

static void
cancel_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonOverviewPage *self = LIAISON_OVERVIEW_PAGE (widget);

  if (self->scheduler != NULL)
    liaison_sync_scheduler_cancel (self->scheduler);
}

/* ---- setup ---- */

static void
on_changed (LiaisonOverviewPage *self)
{
  update (self);
}

static void
on_run_finished (LiaisonSyncScheduler *scheduler, const char *trigger, gboolean succeeded,
                 LiaisonOverviewPage *self)
{
  const GError *error = liaison_sync_scheduler_get_last_error (scheduler);

  /* Such a run leaves no row in the store to show: say here why nothing happened. */
  g_clear_pointer (&self->notice, g_free);
  if ((g_error_matches (error, LIAISON_SYNC_ERROR, LIAISON_SYNC_ERROR_BUSY)
       && g_strcmp0 (trigger, "manual") == 0)
      || g_error_matches (error, LIAISON_SYNC_ERROR, LIAISON_SYNC_ERROR_NOT_REVIEWED))
    self->notice = g_strdup (error->message);
  liaison_overview_page_reload (self);
}

static void
on_progress (LiaisonSyncScheduler *scheduler, guint done, guint total, LiaisonOverviewPage *self)
{
  update_progress (self, TRUE);
}

static void
on_links_changed (LiaisonStore *store, LiaisonRecordKind kind, LiaisonOverviewPage *self)
{
  liaison_overview_page_reload (self);
}

void
liaison_overview_page_set_store (LiaisonOverviewPage *self, LiaisonStore *store)
{
  g_return_if_fail (LIAISON_IS_OVERVIEW_PAGE (self));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_set_object (&self->store, store);
  g_clear_pointer (&self->last, liaison_store_run_free);
  self->loaded = FALSE;
  if (store != NULL)
    g_signal_connect_object (store, "links-changed", G_CALLBACK (on_links_changed), self, 0);
  liaison_overview_page_reload (self);
}

void
liaison_overview_page_set_session (LiaisonOverviewPage *self, LiaisonSession *session)
{
  g_return_if_fail (LIAISON_IS_OVERVIEW_PAGE (self));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect_object (session, "changed", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  liaison_overview_page_set_store (self, session ? liaison_session_get_store (session) : NULL);
  update (self);
}

void
liaison_overview_page_set_scheduler (LiaisonOverviewPage *self, LiaisonSyncScheduler *scheduler)
{
  g_return_if_fail (LIAISON_IS_OVERVIEW_PAGE (self));

  if (self->scheduler != NULL)
    g_signal_handlers_disconnect_by_data (self->scheduler, self);
  g_set_object (&self->scheduler, scheduler);
  if (scheduler != NULL)
    {
      g_signal_connect_object (scheduler, "notify", G_CALLBACK (on_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (scheduler, "run-finished", G_CALLBACK (on_run_finished), self, 0);
      g_signal_connect_object (scheduler, "progress", G_CALLBACK (on_progress), self, 0);
    }
  update (self);
}

void
liaison_overview_page_set_conflicts (LiaisonOverviewPage *self, LiaisonConflictList *conflicts)
{
  g_return_if_fail (LIAISON_IS_OVERVIEW_PAGE (self));

  if (self->conflicts != NULL)
    g_signal_handlers_disconnect_by_data (self->conflicts, self);
  g_set_object (&self->conflicts, conflicts);
  if (conflicts != NULL)
    g_signal_connect_object (conflicts, "notify", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  update (self);
}

static void
liaison_overview_page_dispose (GObject *object)
{
  LiaisonOverviewPage *self = LIAISON_OVERVIEW_PAGE (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  if (self->scheduler != NULL)
    g_signal_handlers_disconnect_by_data (self->scheduler, self);
  g_clear_object (&self->scheduler);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  if (self->conflicts != NULL)
    g_signal_handlers_disconnect_by_data (self->conflicts, self);
  g_clear_object (&self->conflicts);
  g_clear_pointer (&self->last, liaison_store_run_free);
  g_clear_pointer (&self->notice, g_free);
  /* AdwBin unparents its child, the template's scrolled window, itself. */
  G_OBJECT_CLASS (liaison_overview_page_parent_class)->dispose (object);
}

static void
liaison_overview_page_class_init (LiaisonOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_overview_page_dispose;
  widget_class->map = liaison_overview_page_map;
  widget_class->unmap = liaison_overview_page_unmap;

  g_type_ensure (LIAISON_TYPE_OVERVIEW_SETUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/liaison-overview-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, LiaisonOverviewPage, name)
  BIND (setup);
  BIND (status_box);
  BIND (schedule_group);
  BIND (waiting_group);
  BIND (status_title);
  BIND (status_detail);
  BIND (progress_revealer);
  BIND (progress_bar);
  BIND (progress_label);
  BIND (sync_button);
  BIND (go_accounts_button);
  BIND (cancel_button);
  BIND (last_group);
  BIND (when_row);
  BIND (counts_row);
  BIND (error_row);
  BIND (next_row);
  BIND (preferences_button);
  BIND (conflicts_row);
  BIND (accounts_group);
  BIND (lsq_row);
  BIND (ghl_row);
#undef BIND
  gtk_widget_class_install_action (widget_class, "overview.sync-now", NULL, sync_now_action);
  gtk_widget_class_install_action (widget_class, "overview.cancel", NULL, cancel_action);
}

static void
liaison_overview_page_init (LiaisonOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}
