/* liaison-overview-page.c: the Overview page. It reads the last runs from the store (every
 * half minute while shown, so that the systemd timer's runs appear too), follows the scheduler
 * for the run in flight and the next one, and the session for the accounts' health.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-overview-page"

#include <glib/gi18n.h>

#include "liaison-format.h"
#include "liaison-overview-page.h"
#include "liaison-store-sync.h"

#define REFRESH_SECONDS 30

struct _LiaisonOverviewPage
{
  GtkWidget parent_instance;

  LiaisonStore *store;
  char *connection[2];
  LiaisonSession *session;
  LiaisonSyncScheduler *scheduler;
  LiaisonConflictList *conflicts;
  guint refresh_source;
  gboolean synced_once; /* a real run succeeded (or partly) */

  AdwPreferencesGroup *start_group;
  AdwActionRow *step_accounts_row;
  GtkImage *step_accounts_icon;
  GtkImage *step_mapping_icon;
  GtkImage *step_sync_icon;
  GtkStack *sync_button_stack;
  GtkWidget *progress_box;
  GtkLabel *progress_label;
  GtkProgressBar *progress_bar;
  AdwActionRow *last_run_row;
  AdwActionRow *failure_row;
  AdwActionRow *next_run_row;
  AdwActionRow *conflicts_row;
  AdwActionRow *lsq_row;
  GtkImage *lsq_icon;
  AdwActionRow *ghl_row;
  GtkImage *ghl_icon;
};

G_DEFINE_FINAL_TYPE (LiaisonOverviewPage, liaison_overview_page, GTK_TYPE_WIDGET)

static void
set_step (GtkImage *icon, gboolean done)
{
  gtk_image_set_from_icon_name (icon, done ? "emblem-ok-symbolic" : "radio-symbolic");
  if (done)
    gtk_widget_add_css_class (GTK_WIDGET (icon), "success");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (icon), "success");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  done ? _ ("Done") : _ ("To do"), -1);
}

static gboolean
connected (LiaisonOverviewPage *self)
{
  return self->store != NULL && self->connection[0] != NULL && self->connection[1] != NULL;
}

static char *
run_counts (const LiaisonStoreRun *run)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (run->n_created > 0)
    g_ptr_array_add (
        parts, g_strdup_printf (g_dngettext (NULL, "%u created", "%u created", run->n_created),
                                run->n_created));
  if (run->n_updated > 0)
    g_ptr_array_add (
        parts, g_strdup_printf (g_dngettext (NULL, "%u updated", "%u updated", run->n_updated),
                                run->n_updated));
  if (run->n_linked > 0)
    g_ptr_array_add (parts,
                     g_strdup_printf (g_dngettext (NULL, "%u linked", "%u linked", run->n_linked),
                                      run->n_linked));
  if (run->n_deleted > 0)
    g_ptr_array_add (
        parts, g_strdup_printf (g_dngettext (NULL, "%u deleted", "%u deleted", run->n_deleted),
                                run->n_deleted));
  if (run->n_conflicts > 0)
    g_ptr_array_add (
        parts, g_strdup_printf (g_dngettext (NULL, "%u conflict", "%u conflicts", run->n_conflicts),
                                run->n_conflicts));
  if (run->n_failed > 0)
    g_ptr_array_add (parts,
                     g_strdup_printf (g_dngettext (NULL, "%u failed", "%u failed", run->n_failed),
                                      run->n_failed));
  if (parts->len == 0)
    return g_strdup (_ ("nothing to change"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

static const char *
run_status (const LiaisonStoreRun *run)
{
  if (g_strcmp0 (run->status, "succeeded") == 0)
    return _ ("Succeeded");
  if (g_strcmp0 (run->status, "partial") == 0)
    return _ ("Partly done");
  if (g_strcmp0 (run->status, "failed") == 0)
    return _ ("Failed");
  if (g_strcmp0 (run->status, "cancelled") == 0)
    return _ ("Cancelled");
  return _ ("Running");
}

static const char *
run_trigger (const LiaisonStoreRun *run)
{
  if (g_strcmp0 (run->trigger, "scheduled") == 0)
    return _ ("scheduled");
  if (g_strcmp0 (run->trigger, "cli") == 0)
    return _ ("from the timer or the command line");
  return _ ("started here");
}

static void
update_runs (LiaisonOverviewPage *self)
{
  g_autoptr (GPtrArray) runs = NULL;
  g_autoptr (GError) error = NULL;
  const LiaisonStoreRun *last = NULL;

  self->synced_once = FALSE;
  if (self->store != NULL)
    runs = liaison_store_list_runs (self->store, 20, &error);
  for (guint i = 0; runs != NULL && i < runs->len; i++)
    {
      const LiaisonStoreRun *run = g_ptr_array_index (runs, i);

      if (run->dry_run)
        continue;
      if (last == NULL)
        last = run;
      if (g_strcmp0 (run->status, "succeeded") == 0 || g_strcmp0 (run->status, "partial") == 0)
        self->synced_once = TRUE;
    }

  if (error != NULL)
    {
      adw_action_row_set_subtitle (self->last_run_row, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->failure_row), FALSE);
    }
  else if (last == NULL)
    {
      adw_action_row_set_subtitle (self->last_run_row, _ ("No sync has run yet"));
      gtk_widget_set_visible (GTK_WIDGET (self->failure_row), FALSE);
    }
  else
    {
      g_autofree char *when = liaison_format_time_ms (last->started_at);
      g_autofree char *counts = run_counts (last);
      /* Translators: the last run: when, how it ended, who started it, what it did. */
      g_autofree char *text = g_strdup_printf (_ ("%s · %s, %s\n%s"), when, run_status (last),
                                               run_trigger (last), counts);
      gboolean failed = last->error != NULL && *last->error != '\0';

      adw_action_row_set_subtitle (self->last_run_row, text);
      gtk_widget_set_visible (GTK_WIDGET (self->failure_row), failed);
      if (failed)
        {
          g_autofree char *why
              = last->cause != NULL && *last->cause != '\0'
                    /* Translators: an error sentence, then its cause code, e.g. “http-503”. */
                    ? g_strdup_printf (_ ("%s (cause: %s)"), last->error, last->cause)
                    : g_strdup (last->error);

          adw_action_row_set_subtitle (self->failure_row, why);
        }
    }
}

static void
update_scheduler (LiaisonOverviewPage *self)
{
  gboolean running
      = self->scheduler != NULL && liaison_sync_scheduler_get_running (self->scheduler);
  gboolean has_engine
      = self->scheduler != NULL && liaison_sync_scheduler_get_engine (self->scheduler) != NULL;
  guint interval
      = self->scheduler != NULL ? liaison_sync_scheduler_get_interval (self->scheduler) : 0;
  gint64 next = self->scheduler != NULL ? liaison_sync_scheduler_get_next_run (self->scheduler) : 0;
  const GError *error
      = self->scheduler != NULL ? liaison_sync_scheduler_get_last_error (self->scheduler) : NULL;
  g_autofree char *next_text = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.sync-now", has_engine && !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.cancel", running);
  gtk_stack_set_visible_child_name (self->sync_button_stack, running ? "running" : "idle");
  gtk_widget_set_visible (self->progress_box, running);
  if (running)
    {
      guint done = 0, total = 0;

      liaison_sync_scheduler_get_progress (self->scheduler, &done, &total);
      if (total > 0)
        {
          g_autofree char *text
              = g_strdup_printf (g_dngettext (NULL, "Writing the changes: %u of %u done",
                                              "Writing the changes: %u of %u done", total),
                                 done, total);

          gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
          gtk_label_set_label (self->progress_label, text);
        }
      else
        {
          gtk_progress_bar_pulse (self->progress_bar);
          gtk_label_set_label (self->progress_label,
                               liaison_sync_scheduler_get_dry_run (self->scheduler)
                                   ? _ ("Reading both accounts for a preview…")
                                   : _ ("Reading both accounts and planning…"));
        }
    }

  if (!has_engine)
    next_text = g_strdup (_ ("Connect both accounts first"));
  else if (running)
    next_text = g_strdup (_ ("A sync is running"));
  else if (interval == 0)
    next_text = g_strdup (_ ("Only when you press Sync Now: the schedule is off in Preferences"));
  else if (next > 0)
    {
      g_autofree char *when = liaison_format_time_ms (next);

      next_text = g_strdup_printf (
          g_dngettext (NULL, "%s, then every minute", "%s, then every %u minutes", interval), when,
          interval);
    }
  else
    next_text = g_strdup (_ ("Not scheduled"));
  adw_action_row_set_subtitle (self->next_run_row, next_text);

  /* The engine said no before it could record a run: say so where the run would be. */
  if (error != NULL && !running
      && !g_error_matches ((GError *) error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->failure_row), TRUE);
      adw_action_row_set_subtitle (
          self->failure_row,
          g_error_matches ((GError *) error, LIAISON_SYNC_ERROR, LIAISON_SYNC_ERROR_BUSY)
              ? _ ("Another sync of this profile was running (the systemd timer or liaison-cli). "
                   "Try again in a moment.")
              : error->message);
    }
}

static void
update_accounts (LiaisonOverviewPage *self)
{
  for (guint s = 0; s < 2; s++)
    {
      AdwActionRow *row = s == LIAISON_SERVICE_LSQ ? self->lsq_row : self->ghl_row;
      GtkImage *icon = s == LIAISON_SERVICE_LSQ ? self->lsq_icon : self->ghl_icon;
      const LiaisonStoreConnection *connection
          = self->session != NULL ? liaison_session_get_connection (self->session, s) : NULL;
      const char *error
          = self->session != NULL ? liaison_session_get_error (self->session, s) : NULL;
      gboolean ok = self->connection[s] != NULL && error == NULL;
      g_autofree char *text = NULL;

      if (error != NULL)
        text = g_strdup (error);
      else if (self->connection[s] == NULL)
        text = g_strdup (_ ("Not connected"));
      else if (connection != NULL && connection->display_name != NULL)
        /* Translators: the account's name. */
        text = g_strdup_printf (_ ("Connected: %s"), connection->display_name);
      else
        text = g_strdup (_ ("Connected"));
      adw_action_row_set_subtitle (row, text);
      gtk_image_set_from_icon_name (icon, ok ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (icon), ok ? "warning" : "success");
      gtk_widget_add_css_class (GTK_WIDGET (icon), ok ? "success" : "warning");
    }
}

static void
update_conflicts (LiaisonOverviewPage *self)
{
  guint n = self->conflicts != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->conflicts)) : 0;
  g_autofree char *text
      = n > 0 ? g_strdup_printf (
            g_dngettext (NULL, "%u waits for your answer", "%u wait for your answer", n), n)
              : g_strdup (_ ("None"));

  adw_action_row_set_subtitle (self->conflicts_row, text);
}

static void
update_start (LiaisonOverviewPage *self)
{
  set_step (self->step_accounts_icon, connected (self));
  adw_action_row_set_subtitle (self->step_accounts_row,
                               connected (self)
                                   ? _ ("Both accounts are connected")
                                   : _ ("In the sandbox both are ready to connect with one click "
                                        "each."));
  set_step (self->step_mapping_icon, self->synced_once);
  set_step (self->step_sync_icon, self->synced_once);
  gtk_widget_set_visible (GTK_WIDGET (self->start_group), !self->synced_once);
}

void
liaison_overview_page_refresh (LiaisonOverviewPage *self)
{
  g_return_if_fail (LIAISON_IS_OVERVIEW_PAGE (self));
  update_runs (self);
  update_scheduler (self);
  update_accounts (self);
  update_conflicts (self);
  update_start (self);
}

static gboolean
on_refresh_timeout (gpointer user_data)
{
  liaison_overview_page_refresh (user_data);
  return G_SOURCE_CONTINUE;
}

/* Setters ------------------------------------------------------------------- */

void
liaison_overview_page_set_store (LiaisonOverviewPage *self, LiaisonStore *store,
                                 const char *lsq_connection, const char *ghl_connection)
{
  g_return_if_fail (LIAISON_IS_OVERVIEW_PAGE (self));
  g_set_object (&self->store, store);
  g_free (self->connection[0]);
  g_free (self->connection[1]);
  self->connection[0] = g_strdup (lsq_connection);
  self->connection[1] = g_strdup (ghl_connection);
  liaison_overview_page_refresh (self);
}

void
liaison_overview_page_set_session (LiaisonOverviewPage *self, LiaisonSession *session)
{
  g_return_if_fail (LIAISON_IS_OVERVIEW_PAGE (self));
  g_set_object (&self->session, session);
  update_accounts (self);
}

static void
on_scheduler_event (LiaisonSyncScheduler *scheduler, LiaisonOverviewPage *self)
{
  liaison_overview_page_refresh (self);
}

static void
on_scheduler_progress (LiaisonSyncScheduler *scheduler, guint done, guint total,
                       LiaisonOverviewPage *self)
{
  update_scheduler (self);
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
      g_signal_connect_object (scheduler, "started", G_CALLBACK (on_scheduler_event), self, 0);
      g_signal_connect_object (scheduler, "finished", G_CALLBACK (on_scheduler_event), self, 0);
      g_signal_connect_object (scheduler, "schedule-changed", G_CALLBACK (on_scheduler_event), self,
                               0);
      g_signal_connect_object (scheduler, "progress", G_CALLBACK (on_scheduler_progress), self, 0);
    }
  liaison_overview_page_refresh (self);
}

static void
on_conflicts_changed (GObject *object, GParamSpec *pspec, LiaisonOverviewPage *self)
{
  update_conflicts (self);
}

void
liaison_overview_page_set_conflicts (LiaisonOverviewPage *self, LiaisonConflictList *conflicts)
{
  g_return_if_fail (LIAISON_IS_OVERVIEW_PAGE (self));
  if (self->conflicts == conflicts)
    return;
  if (self->conflicts != NULL)
    g_signal_handlers_disconnect_by_data (self->conflicts, self);
  g_set_object (&self->conflicts, conflicts);
  if (conflicts != NULL)
    g_signal_connect_object (conflicts, "notify::n-items", G_CALLBACK (on_conflicts_changed), self,
                             0);
  update_conflicts (self);
}

static void
sync_now_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonOverviewPage *self = LIAISON_OVERVIEW_PAGE (widget);

  if (self->scheduler != NULL)
    liaison_sync_scheduler_run (self->scheduler, "manual", FALSE);
}

static void
cancel_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonOverviewPage *self = LIAISON_OVERVIEW_PAGE (widget);

  if (self->scheduler != NULL)
    liaison_sync_scheduler_cancel (self->scheduler);
}

/* GObject ------------------------------------------------------------------- */

static void
liaison_overview_page_map (GtkWidget *widget)
{
  LiaisonOverviewPage *self = LIAISON_OVERVIEW_PAGE (widget);

  GTK_WIDGET_CLASS (liaison_overview_page_parent_class)->map (widget);
  liaison_overview_page_refresh (self);
  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add_seconds (REFRESH_SECONDS, on_refresh_timeout, self);
}

static void
liaison_overview_page_unmap (GtkWidget *widget)
{
  LiaisonOverviewPage *self = LIAISON_OVERVIEW_PAGE (widget);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  GTK_WIDGET_CLASS (liaison_overview_page_parent_class)->unmap (widget);
}

static void
liaison_overview_page_dispose (GObject *object)
{
  LiaisonOverviewPage *self = LIAISON_OVERVIEW_PAGE (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->scheduler != NULL)
    g_signal_handlers_disconnect_by_data (self->scheduler, self);
  if (self->conflicts != NULL)
    g_signal_handlers_disconnect_by_data (self->conflicts, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_OVERVIEW_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->conflicts);
  g_clear_pointer (&self->connection[0], g_free);
  g_clear_pointer (&self->connection[1], g_free);

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

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/liaison-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverviewPage, start_group);
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverviewPage, step_accounts_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverviewPage, step_accounts_icon);
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverviewPage, step_mapping_icon);
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverviewPage, step_sync_icon);
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverviewPage, sync_button_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverviewPage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverviewPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverviewPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverviewPage, last_run_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverviewPage, failure_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverviewPage, next_run_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverviewPage, conflicts_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverviewPage, lsq_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverviewPage, lsq_icon);
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverviewPage, ghl_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverviewPage, ghl_icon);

  gtk_widget_class_install_action (widget_class, "overview.sync-now", NULL, sync_now_action);
  gtk_widget_class_install_action (widget_class, "overview.cancel", NULL, cancel_action);
}

static void
liaison_overview_page_init (LiaisonOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  liaison_overview_page_refresh (self);
}
