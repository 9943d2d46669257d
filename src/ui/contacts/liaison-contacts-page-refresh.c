/* liaison-contacts-page-refresh.c: the Contacts page's refresh from both services: the bar
 * above the list with progress, Cancel, and the sentence and Try Again when a refresh stops.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-contacts-page"

#include <glib/gi18n.h>

#include "liaison-contacts-page-private.h"
#include "liaison-weak-ref-private.h"

#define properties liaison_contacts_page_properties

void
liaison_contacts_page_update_refresh (LiaisonContactsPage *self)
{
  gboolean running = self->refresher != NULL && liaison_refresher_get_running (self->refresher);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.refresh",
                                 self->refresher != NULL && !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.cancel-refresh", running);

  gtk_widget_set_visible (self->refresh_cancel_button, running);
  gtk_widget_set_visible (GTK_WIDGET (self->refresh_progress), running);
  gtk_widget_set_visible (self->refresh_retry_button, !running && self->refresh_error != NULL);
  gtk_widget_set_visible (self->refresh_dismiss_button, !running && self->refresh_error != NULL);
  gtk_revealer_set_reveal_child (self->refresh_revealer, running || self->refresh_error != NULL);

  if (running)
    {
      guint lsq_fetched = liaison_refresher_get_fetched (self->refresher, LIAISON_SERVICE_LSQ);
      guint lsq_total = liaison_refresher_get_total (self->refresher, LIAISON_SERVICE_LSQ);
      guint ghl_fetched = liaison_refresher_get_fetched (self->refresher, LIAISON_SERVICE_GHL);
      guint ghl_total = liaison_refresher_get_total (self->refresher, LIAISON_SERVICE_GHL);
      g_autofree char *text = NULL;

      /* Translators: progress of a refresh, e.g. "LeadSquared: 120 of 500 · HighLevel: 80 of 300"
       */
      text = g_strdup_printf (_ ("Refreshing — LeadSquared: %u of %u · HighLevel: %u of %u"),
                              lsq_fetched, MAX (lsq_total, lsq_fetched), ghl_fetched,
                              MAX (ghl_total, ghl_fetched));
      gtk_label_set_label (self->refresh_label, text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->refresh_label), "error");
      if (lsq_total + ghl_total > 0)
        gtk_progress_bar_set_fraction (
            self->refresh_progress, (double) (lsq_fetched + ghl_fetched)
                                        / MAX (lsq_total + ghl_total, lsq_fetched + ghl_fetched));
      else
        gtk_progress_bar_pulse (self->refresh_progress);
    }
  else if (self->refresh_error != NULL)
    {
      gtk_label_set_label (self->refresh_label, self->refresh_error);
      gtk_widget_add_css_class (GTK_WIDGET (self->refresh_label), "error");
    }
}

/* A refresh that went through says so, however fast it was, and the list's footer keeps
 * when (liaison_contacts_page_update_state). */
static void
refresh_done (LiaisonContactsPage *self)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  guint lsq = liaison_refresher_get_fetched (self->refresher, LIAISON_SERVICE_LSQ);
  guint ghl = liaison_refresher_get_fetched (self->refresher, LIAISON_SERVICE_GHL);
  g_autofree char *lsq_text = NULL;
  g_autofree char *title = NULL;

  self->refreshed_at = g_get_real_time () / 1000;
  liaison_contacts_page_update_state (self);
  if (overlay == NULL)
    return;
  lsq_text = g_strdup_printf (ngettext ("%u from LeadSquared", "%u from LeadSquared", lsq), lsq);
  /* Translators: "Refreshed: 120 from LeadSquared, 80 from HighLevel" */
  title = g_strdup_printf (
      ngettext ("Refreshed: %s, %u from HighLevel", "Refreshed: %s, %u from HighLevel", ghl),
      lsq_text, ghl);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

static void
on_refresh_finished (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonContactsPage) self = liaison_weak_ref_steal (user_data);
  g_autoptr (GError) error = NULL;
  gboolean ok = liaison_refresher_run_finish (LIAISON_REFRESHER (source), result, &error);

  /* A run of a refresher the page no longer shows (the accounts changed
   * meanwhile, or the page is gone) must not touch the state of the current one. */
  if (self == NULL || LIAISON_REFRESHER (source) != self->refresher)
    return;

  if (!ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_free (self->refresh_error);
      self->refresh_error = g_strdup_printf (
          _ ("The refresh stopped: %s. What was fetched so far is kept; trying again goes on "
             "from there."),
          error->message);
    }
  else if (ok)
    refresh_done (self);
  g_clear_object (&self->refresh_cancellable);
  liaison_contacts_page_update_refresh (self);
}

static void
refresh_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonContactsPage *self = LIAISON_CONTACTS_PAGE (widget);

  if (self->refresher == NULL || liaison_refresher_get_running (self->refresher))
    return;

  g_clear_pointer (&self->refresh_error, g_free);
  g_clear_object (&self->refresh_cancellable);
  self->refresh_cancellable = g_cancellable_new ();
  liaison_refresher_run_async (self->refresher, FALSE, self->refresh_cancellable,
                               on_refresh_finished, liaison_weak_ref_new (self));
  liaison_contacts_page_update_refresh (self);
}

static void
cancel_refresh_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonContactsPage *self = LIAISON_CONTACTS_PAGE (widget);

  g_cancellable_cancel (self->refresh_cancellable);
}

static void
dismiss_refresh_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonContactsPage *self = LIAISON_CONTACTS_PAGE (widget);

  g_clear_pointer (&self->refresh_error, g_free);
  liaison_contacts_page_update_refresh (self);
}

LiaisonRefresher *
liaison_contacts_page_get_refresher (LiaisonContactsPage *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACTS_PAGE (self), NULL);

  return self->refresher;
}

void
liaison_contacts_page_set_refresher (LiaisonContactsPage *self, LiaisonRefresher *refresher)
{
  g_return_if_fail (LIAISON_IS_CONTACTS_PAGE (self));
  g_return_if_fail (refresher == NULL || LIAISON_IS_REFRESHER (refresher));

  if (self->refresher == refresher)
    return;

  if (self->refresher != NULL)
    g_signal_handlers_disconnect_by_data (self->refresher, self);
  g_cancellable_cancel (self->refresh_cancellable);
  g_set_object (&self->refresher, refresher);
  g_clear_pointer (&self->refresh_error, g_free);

  if (refresher != NULL)
    {
      g_signal_connect_swapped (refresher, "progress",
                                G_CALLBACK (liaison_contacts_page_update_refresh), self);
      g_signal_connect_swapped (refresher, "notify::running",
                                G_CALLBACK (liaison_contacts_page_update_refresh), self);
    }

  liaison_contacts_page_update_refresh (self);
  liaison_contacts_page_update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHER]);
}

void
liaison_contacts_page_dispose_refresh (LiaisonContactsPage *self)
{
  g_cancellable_cancel (self->refresh_cancellable);
  g_clear_object (&self->refresh_cancellable);
  if (self->refresher != NULL)
    g_signal_handlers_disconnect_by_data (self->refresher, self);
  g_clear_object (&self->refresher);
  g_clear_pointer (&self->refresh_error, g_free);
}

void
liaison_contacts_page_class_add_refresh (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "contacts.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "contacts.cancel-refresh", NULL,
                                   cancel_refresh_action);
  gtk_widget_class_install_action (widget_class, "contacts.dismiss-refresh", NULL,
                                   dismiss_refresh_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "contacts.refresh", NULL);
}
