/* liaison-accounts-page.c: one group per service with its state, and the
 * ways to connect, test and disconnect it. HighLevel is connected through
 * its sign-in page in the person's browser (or a private integration
 * token); LeadSquared with its access and secret keys, whose region is found
 * by asking the service. Secrets go to the keyring only, through the session.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-accounts-page"

#include <glib/gi18n.h>

#include "liaison-accounts-page.h"
#include "liaison-format.h"
#include "liaison-weak-ref-private.h"

struct _LiaisonAccountsPage
{
  GtkWidget parent_instance;

  LiaisonSession *session;
  char *marketplace_url; /* the sandbox's sign-in page, or NULL for the real ones */
  GCancellable *ghl_cancellable;
  GCancellable *lsq_cancellable;
  GCancellable *cancellable; /* the page's lifetime: the connection tests */
  char *ghl_location_asked;  /* the location whose name was asked for */
  char *ghl_location_name;   /* and its answer, once it came */

  GtkLabel *sandbox_label;
  AdwActionRow *ghl_status_row;
  GtkImage *ghl_status_icon;
  GtkSpinner *ghl_spinner;
  AdwEntryRow *ghl_client_id_row;
  AdwPasswordEntryRow *ghl_client_secret_row;
  AdwComboRow *ghl_marketplace_row;
  AdwExpanderRow *ghl_private_row;
  AdwPasswordEntryRow *ghl_token_row;
  AdwEntryRow *ghl_location_row;
  GtkLabel *ghl_message_label;
  GtkWidget *ghl_test_button;
  GtkWidget *ghl_disconnect_button;
  GtkWidget *ghl_cancel_button;
  GtkButton *ghl_connect_button;

  AdwActionRow *lsq_status_row;
  GtkImage *lsq_status_icon;
  GtkSpinner *lsq_spinner;
  AdwEntryRow *lsq_access_key_row;
  AdwPasswordEntryRow *lsq_secret_key_row;
  GtkLabel *lsq_message_label;
  GtkWidget *lsq_test_button;
  GtkWidget *lsq_disconnect_button;
  GtkWidget *lsq_connect_button;
};

G_DEFINE_FINAL_TYPE (LiaisonAccountsPage, liaison_accounts_page, GTK_TYPE_WIDGET)

static void liaison_accounts_page_update (LiaisonAccountsPage *self);

static const char *
entry_text (gpointer row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
has_text (gpointer row)
{
  for (const char *c = entry_text (row); c != NULL && *c != '\0'; c++)
    if (!g_ascii_isspace (*c))
      return TRUE;
  return FALSE;
}

static void
show_message (GtkLabel *label, const char *message, gboolean is_error)
{
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (message == NULL)
    return;
  gtk_label_set_label (label, message);
  gtk_widget_remove_css_class (GTK_WIDGET (label), is_error ? "success" : "error");
  gtk_widget_add_css_class (GTK_WIDGET (label), is_error ? "error" : "success");
}

static char *
connection_detail (const LiaisonStoreConnection *connection, const char *member)
{
  return liaison_store_connection_dup_detail (connection, member);
}

/* HighLevel ---------------------------------------------------------------- */

/* The client ID to sign in with: the one entered, else the distributor's. */
static gboolean
has_ghl_app (LiaisonAccountsPage *self)
{
  const LiaisonGhlAppDefaults *defaults
      = self->session != NULL ? liaison_session_get_ghl_defaults (self->session) : NULL;
  gboolean entered_id = has_text (self->ghl_client_id_row);
  g_autofree char *id = g_strstrip (g_strdup (entry_text (self->ghl_client_id_row)));

  if (has_text (self->ghl_client_secret_row))
    return entered_id || (defaults != NULL && defaults->client_id != NULL);
  /* The distributor's secret goes with the distributor's app only. */
  return defaults != NULL && defaults->client_secret != NULL && defaults->client_id != NULL
         && (!entered_id || g_strcmp0 (id, defaults->client_id) == 0);
}

static void
on_location_name (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonAccountsPage) self = liaison_weak_ref_steal (user_data);
  g_autoptr (GError) error = NULL;
  g_autofree char *name
      = liaison_ghl_client_get_location_name_finish (LIAISON_GHL_CLIENT (source), result, &error);

  /* Without its name the location is shown by its id, as before: nothing to fix for the
   * person, so the log only. */
  if (name == NULL)
    g_message ("Could not read the HighLevel location's name: %s", error->message);
  if (self == NULL || name == NULL)
    return;
  g_free (self->ghl_location_name);
  self->ghl_location_name = g_steal_pointer (&name);
  liaison_accounts_page_update (self);
}

/* HighLevel's own name of the connected location ("Sandbox Dental"), asked for once. */
static void
ask_location_name (LiaisonAccountsPage *self, const char *location_id)
{
  LiaisonGhlClient *client = liaison_session_get_ghl_client (self->session);

  if (client == NULL || g_strcmp0 (self->ghl_location_asked, location_id) == 0)
    return;
  g_free (self->ghl_location_asked);
  self->ghl_location_asked = g_strdup (location_id);
  g_clear_pointer (&self->ghl_location_name, g_free);
  liaison_ghl_client_get_location_name_async (client, self->cancellable, on_location_name,
                                              liaison_weak_ref_new (self));
}

static void
update_ghl (LiaisonAccountsPage *self)
{
  const LiaisonStoreConnection *connection = NULL;
  LiaisonGhlAuthorizer *authorizer = NULL;
  const char *error = NULL;
  gboolean busy = self->ghl_cancellable != NULL;
  gboolean connected, needs_reconnect, with_token;

  if (self->session != NULL)
    {
      connection = liaison_session_get_connection (self->session, LIAISON_SERVICE_GHL);
      authorizer = liaison_session_get_ghl_authorizer (self->session);
      error = liaison_session_get_error (self->session, LIAISON_SERVICE_GHL);
    }
  needs_reconnect
      = connection != NULL
        && (authorizer == NULL || liaison_ghl_authorizer_get_needs_reconnect (authorizer));
  connected = connection != NULL && !needs_reconnect;
  with_token = has_text (self->ghl_token_row) && has_text (self->ghl_location_row);

  gtk_widget_set_visible (GTK_WIDGET (self->ghl_spinner), busy);
  gtk_spinner_set_spinning (self->ghl_spinner, busy);

  if (busy)
    {
      gtk_image_set_from_icon_name (self->ghl_status_icon, "content-loading-symbolic");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->ghl_status_row),
                                     _ ("Waiting for HighLevel…"));
      adw_action_row_set_subtitle (self->ghl_status_row,
                                   _ ("Finish signing in with your web browser and allow "
                                      "Liaison. This page updates by itself."));
    }
  else if (connected)
    {
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *scopes
          = liaison_format_ghl_scopes (liaison_ghl_authorizer_get_scope (authorizer));

      ask_location_name (self, connection->account_id);
      if (self->ghl_location_name != NULL)
        title = g_strdup_printf (_ ("Connected to %s"), self->ghl_location_name);
      else
        title = g_strdup_printf (_ ("Connected to location %s"), connection->display_name);
      gtk_image_set_from_icon_name (self->ghl_status_icon, "emblem-ok-symbolic");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->ghl_status_row), title);
      if (liaison_ghl_authorizer_get_kind (authorizer) == LIAISON_GHL_AUTH_PRIVATE)
        subtitle = g_strdup (_ ("With a private integration token, which does not expire"));
      else
        {
          g_autoptr (GDateTime) expiry
              = g_date_time_new_from_unix_utc (liaison_ghl_authorizer_get_expires_at (authorizer));
          g_autofree char *until = liaison_format_date_time (expiry);

          /* Translators: the access token is renewed by itself before this time */
          subtitle = g_strdup_printf (_ ("Signed in; the current token is valid until %s and is "
                                         "renewed by itself. Liaison may %s."),
                                      until != NULL ? until : "?", scopes);
        }
      adw_action_row_set_subtitle (self->ghl_status_row, subtitle);
    }
  else if (needs_reconnect)
    {
      gtk_image_set_from_icon_name (self->ghl_status_icon, "dialog-warning-symbolic");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->ghl_status_row),
                                     _ ("HighLevel needs to be connected again"));
      adw_action_row_set_subtitle (
          self->ghl_status_row,
          error != NULL ? error
                        : _ ("The sign-in has expired or was revoked. Sign in again to go on "
                             "syncing; nothing fetched so far is lost."));
    }
  else
    {
      const LiaisonGhlAppDefaults *defaults
          = self->session != NULL ? liaison_session_get_ghl_defaults (self->session) : NULL;

      gtk_image_set_from_icon_name (self->ghl_status_icon, "network-offline-symbolic");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->ghl_status_row),
                                     _ ("Not connected"));

      adw_action_row_set_subtitle (
          self->ghl_status_row,
          defaults != NULL && defaults->client_id != NULL && defaults->client_secret != NULL
              ? _ ("Sign in with your web browser, through the HighLevel app that came with "
                   "Liaison, or enter the client ID and secret of your own marketplace app.")
              : _ ("Enter the client ID and secret of your HighLevel marketplace app, then sign "
                   "in with your web browser."));
    }

  /* What is needed to connect is only asked for while not connected. */
  gtk_widget_set_visible (GTK_WIDGET (self->ghl_client_id_row), !connected);
  gtk_widget_set_visible (GTK_WIDGET (self->ghl_client_secret_row), !connected);
  gtk_widget_set_visible (GTK_WIDGET (self->ghl_marketplace_row),
                          !connected && self->marketplace_url == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->ghl_private_row), !connected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->ghl_client_id_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->ghl_client_secret_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->ghl_private_row), !busy);

  gtk_widget_set_visible (self->ghl_test_button, connected && !busy);
  gtk_widget_set_visible (self->ghl_disconnect_button, connection != NULL && !busy);
  gtk_widget_set_visible (self->ghl_cancel_button, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->ghl_connect_button), !connected && !busy);
  gtk_button_set_label (self->ghl_connect_button, with_token        ? _ ("_Connect With Token")
                                                  : needs_reconnect ? _ ("_Reconnect in Browser…")
                                                                    : _ ("_Connect in Browser…"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.connect-ghl",
                                 self->session != NULL && !busy
                                     && (with_token || has_ghl_app (self)));
}

static void
ghl_finish (LiaisonAccountsPage *self, GError *error)
{
  g_clear_object (&self->ghl_cancellable);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_message (self->ghl_message_label, error->message, TRUE);
  else if (error != NULL)
    show_message (self->ghl_message_label, _ ("Connecting was cancelled."), TRUE);
  else
    {
      /* The status row above says so, with the location's name. */
      show_message (self->ghl_message_label, NULL, FALSE);
      gtk_editable_set_text (GTK_EDITABLE (self->ghl_token_row), "");
    }
  liaison_accounts_page_update (self);
}

static void
on_ghl_connected (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonAccountsPage) self = liaison_weak_ref_steal (user_data);
  g_autoptr (GError) error = NULL;

  /* The page is gone: dispose cancelled the sign-in. */
  if (!liaison_session_connect_ghl_finish (LIAISON_SESSION (source), result, &error)
      && self == NULL)
    return;
  if (self != NULL)
    ghl_finish (self, error);
}

static void
connect_ghl_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonAccountsPage *self = LIAISON_ACCOUNTS_PAGE (widget);

  if (self->session == NULL || self->ghl_cancellable != NULL)
    return;

  show_message (self->ghl_message_label, NULL, FALSE);
  self->ghl_cancellable = g_cancellable_new ();

  if (has_text (self->ghl_token_row) && has_text (self->ghl_location_row))
    liaison_session_connect_ghl_token_async (
        self->session, entry_text (self->ghl_token_row), entry_text (self->ghl_location_row),
        self->ghl_cancellable, on_ghl_connected, liaison_weak_ref_new (self));
  else
    {
      LiaisonGhlSignIn sign_in = {
        .client_id = entry_text (self->ghl_client_id_row),
        .client_secret = entry_text (self->ghl_client_secret_row),
        .marketplace_url = self->marketplace_url,
        .marketplace = adw_combo_row_get_selected (self->ghl_marketplace_row) == 1
                           ? LIAISON_OAUTH_MARKETPLACE_WHITE_LABEL
                           : LIAISON_OAUTH_MARKETPLACE_STANDARD,
        /* The sandbox accepts any redirect URI; HighLevel only the registered one. */
        .port = self->marketplace_url != NULL ? 0 : -1,
      };

      liaison_session_connect_ghl_async (self->session, &sign_in, self->ghl_cancellable,
                                         on_ghl_connected, liaison_weak_ref_new (self));
    }
  liaison_accounts_page_update (self);
}

static void
cancel_ghl_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_cancellable_cancel (LIAISON_ACCOUNTS_PAGE (widget)->ghl_cancellable);
}

static void
on_ghl_tested (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonAccountsPage) self = liaison_weak_ref_steal (user_data);
  g_autoptr (GPtrArray) users = NULL;
  g_autoptr (GError) error = NULL;

  users = liaison_ghl_client_list_finish (LIAISON_GHL_CLIENT (source), result, &error);
  if (self == NULL)
    return;
  gtk_widget_set_sensitive (self->ghl_test_button, TRUE);
  if (users == NULL)
    show_message (self->ghl_message_label, error->message, TRUE);
  else
    {
      g_autofree char *message = g_strdup_printf (
          ngettext ("The connection works: HighLevel lists %u user in this location.",
                    "The connection works: HighLevel lists %u users in this location.", users->len),
          users->len);
      show_message (self->ghl_message_label, message, FALSE);
    }
  liaison_accounts_page_update (self);
}

static void
test_ghl_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonAccountsPage *self = LIAISON_ACCOUNTS_PAGE (widget);
  LiaisonGhlClient *client
      = self->session != NULL ? liaison_session_get_ghl_client (self->session) : NULL;

  if (client == NULL)
    return;
  gtk_widget_set_sensitive (self->ghl_test_button, FALSE);
  liaison_ghl_client_list_users_async (client, self->cancellable, on_ghl_tested,
                                       liaison_weak_ref_new (self));
}

/* LeadSquared ------------------------------------------------------------- */

static void
update_lsq (LiaisonAccountsPage *self)
{
  const LiaisonStoreConnection *connection = NULL;
  const char *error = NULL;
  gboolean busy = self->lsq_cancellable != NULL;
  gboolean connected, broken;

  if (self->session != NULL)
    {
      connection = liaison_session_get_connection (self->session, LIAISON_SERVICE_LSQ);
      error = liaison_session_get_error (self->session, LIAISON_SERVICE_LSQ);
    }
  broken = connection != NULL && liaison_session_get_lsq_client (self->session) == NULL;
  connected = connection != NULL && !broken;

  gtk_widget_set_visible (GTK_WIDGET (self->lsq_spinner), busy);
  gtk_spinner_set_spinning (self->lsq_spinner, busy);

  if (busy)
    {
      gtk_image_set_from_icon_name (self->lsq_status_icon, "content-loading-symbolic");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->lsq_status_row),
                                     _ ("Checking the keys…"));
      adw_action_row_set_subtitle (self->lsq_status_row,
                                   _ ("Asking LeadSquared which account and region they belong "
                                      "to."));
    }
  else if (connected)
    {
      g_autofree char *title = g_strdup_printf (_ ("Connected to %s"), connection->display_name);
      g_autofree char *user = connection_detail (connection, "userName");
      g_autofree char *role = connection_detail (connection, "role");
      g_autofree char *region = connection_detail (connection, "region");
      g_autofree char *subtitle = NULL;

      if (region != NULL)
        /* Translators: "As Priya Shah (Sales Manager), region India (Mumbai), at
         * https://api-in21.leadsquared.com" */
        subtitle = g_strdup_printf (_ ("As %s (%s), region %s, at %s"), user != NULL ? user : "?",
                                    role != NULL ? role : "?", region, connection->host);
      else
        /* A host outside the documented regions (the sandbox's, or a new region): its address
         * says where it is. Translators: "As Priya Shah (Sales Manager), at https://…" */
        subtitle = g_strdup_printf (_ ("As %s (%s), at %s"), user != NULL ? user : "?",
                                    role != NULL ? role : "?", connection->host);
      gtk_image_set_from_icon_name (self->lsq_status_icon, "emblem-ok-symbolic");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->lsq_status_row), title);
      adw_action_row_set_subtitle (self->lsq_status_row, subtitle);
    }
  else if (broken)
    {
      gtk_image_set_from_icon_name (self->lsq_status_icon, "dialog-warning-symbolic");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->lsq_status_row),
                                     _ ("LeadSquared needs to be connected again"));
      adw_action_row_set_subtitle (self->lsq_status_row,
                                   error != NULL ? error
                                                 : _ ("Its keys could not be read from the "
                                                      "keyring. Enter them again."));
    }
  else
    {
      gtk_image_set_from_icon_name (self->lsq_status_icon, "network-offline-symbolic");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->lsq_status_row),
                                     _ ("Not connected"));
      adw_action_row_set_subtitle (self->lsq_status_row,
                                   _ ("Enter the access key and the secret key of a LeadSquared "
                                      "user; Liaison finds the account’s region by itself."));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->lsq_access_key_row), !connected);
  gtk_widget_set_visible (GTK_WIDGET (self->lsq_secret_key_row), !connected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->lsq_access_key_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->lsq_secret_key_row), !busy);
  gtk_widget_set_visible (self->lsq_test_button, connected && !busy);
  gtk_widget_set_visible (self->lsq_disconnect_button, connection != NULL && !busy);
  gtk_widget_set_visible (self->lsq_connect_button, !connected);
  /* One suggested button per page: LeadSquared's, once HighLevel's is no longer shown. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->ghl_connect_button)))
    gtk_widget_remove_css_class (self->lsq_connect_button, "suggested-action");
  else
    gtk_widget_add_css_class (self->lsq_connect_button, "suggested-action");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.connect-lsq",
                                 self->session != NULL && !busy
                                     && has_text (self->lsq_access_key_row)
                                     && has_text (self->lsq_secret_key_row));
}

static void
lsq_finish (LiaisonAccountsPage *self, GError *error)
{
  g_clear_object (&self->lsq_cancellable);
  if (error != NULL)
    show_message (self->lsq_message_label, error->message, TRUE);
  else
    {
      show_message (self->lsq_message_label, NULL, FALSE);
      gtk_editable_set_text (GTK_EDITABLE (self->lsq_secret_key_row), "");
    }
  liaison_accounts_page_update (self);
}

static void
on_lsq_connected (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonAccountsPage) self = liaison_weak_ref_steal (user_data);
  g_autoptr (LiaisonLsqAccount) account = NULL;
  g_autoptr (GError) error = NULL;

  account = liaison_session_connect_lsq_finish (LIAISON_SESSION (source), result, &error);
  if (self == NULL)
    return;
  /* Connected, the status row says to which account, as whom and where. */
  lsq_finish (self, error);
}

static void
connect_lsq_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonAccountsPage *self = LIAISON_ACCOUNTS_PAGE (widget);

  if (self->session == NULL || self->lsq_cancellable != NULL)
    return;

  show_message (self->lsq_message_label, NULL, FALSE);
  self->lsq_cancellable = g_cancellable_new ();
  liaison_session_connect_lsq_async (self->session, entry_text (self->lsq_access_key_row),
                                     entry_text (self->lsq_secret_key_row), self->lsq_cancellable,
                                     on_lsq_connected, liaison_weak_ref_new (self));
  liaison_accounts_page_update (self);
}

static void
on_lsq_tested (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonAccountsPage) self = liaison_weak_ref_steal (user_data);
  g_autoptr (GPtrArray) users = NULL;
  g_autoptr (GError) error = NULL;

  users = liaison_lsq_client_list_finish (LIAISON_LSQ_CLIENT (source), result, &error);
  if (self == NULL)
    return;
  gtk_widget_set_sensitive (self->lsq_test_button, TRUE);
  if (users == NULL)
    show_message (self->lsq_message_label, error->message, TRUE);
  else
    {
      g_autofree char *message = g_strdup_printf (
          ngettext ("The connection works: LeadSquared lists %u user in this account.",
                    "The connection works: LeadSquared lists %u users in this account.",
                    users->len),
          users->len);
      show_message (self->lsq_message_label, message, FALSE);
    }
}

static void
test_lsq_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonAccountsPage *self = LIAISON_ACCOUNTS_PAGE (widget);
  LiaisonLsqClient *client
      = self->session != NULL ? liaison_session_get_lsq_client (self->session) : NULL;

  if (client == NULL)
    return;
  gtk_widget_set_sensitive (self->lsq_test_button, FALSE);
  liaison_lsq_client_list_users_async (client, self->cancellable, on_lsq_tested,
                                       liaison_weak_ref_new (self));
}

/* Disconnecting ----------------------------------------------------------- */

/* A failed disconnect is told under the account it was meant for, with what to do next. */
static void
removed (LiaisonAccountsPage *self, LiaisonService service, GObject *source, GAsyncResult *result)
{
  g_autoptr (GError) error = NULL;

  /* The account is gone either way; only a page still shown tells of a failure. */
  if (!liaison_session_change_finish (LIAISON_SESSION (source), result, &error) && self != NULL)
    {
      g_autofree char *message = g_strdup_printf (
          service == LIAISON_SERVICE_GHL
              /* Translators: %s is the reason */
              ? _ ("HighLevel could not be disconnected (%s). Try again; if it keeps "
                   "failing, check that the keyring is unlocked.")
              /* Translators: %s is the reason */
              : _ ("LeadSquared could not be disconnected (%s). Try again; if it keeps "
                   "failing, check that the keyring is unlocked."),
          error->message);

      show_message (service == LIAISON_SERVICE_GHL ? self->ghl_message_label
                                                   : self->lsq_message_label,
                    message, TRUE);
    }
  if (self != NULL)
    liaison_accounts_page_update (self);
}

static void
on_ghl_removed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonAccountsPage) self = liaison_weak_ref_steal (user_data);

  removed (self, LIAISON_SERVICE_GHL, source, result);
}

static void
on_lsq_removed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonAccountsPage) self = liaison_weak_ref_steal (user_data);

  removed (self, LIAISON_SERVICE_LSQ, source, result);
}

/* The dialog holds the page only weakly and frees that hold with itself, answered or not. */
static void
on_disconnect_response (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  g_autoptr (LiaisonAccountsPage) self = g_weak_ref_get (user_data);
  LiaisonService service = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "service"));

  if (g_strcmp0 (response, "disconnect") != 0 || self == NULL || self->session == NULL)
    return;

  show_message (service == LIAISON_SERVICE_GHL ? self->ghl_message_label : self->lsq_message_label,
                NULL, FALSE);
  liaison_session_remove_async (self->session, service, NULL,
                                service == LIAISON_SERVICE_GHL ? on_ghl_removed : on_lsq_removed,
                                liaison_weak_ref_new (self));
}

static void
disconnect_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonAccountsPage *self = LIAISON_ACCOUNTS_PAGE (widget);
  gboolean ghl = g_strcmp0 (g_variant_get_string (parameter, NULL), "ghl") == 0;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
      ghl ? _ ("Disconnect HighLevel?") : _ ("Disconnect LeadSquared?"),
      _ ("Liaison forgets the account’s secrets and removes them from the keyring, and stops "
         "syncing it. Nothing is deleted in the service itself. You can connect again later."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"),
                                    "disconnect", _ ("_Disconnect"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "disconnect",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "service",
                     GINT_TO_POINTER (ghl ? LIAISON_SERVICE_GHL : LIAISON_SERVICE_LSQ));
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_disconnect_response),
                         liaison_weak_ref_new (self), liaison_weak_ref_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Page ---------------------------------------------------------------------- */

static void
liaison_accounts_page_update (LiaisonAccountsPage *self)
{
  update_ghl (self);
  update_lsq (self);
}

static void
on_ghl_entries_changed (LiaisonAccountsPage *self)
{
  update_ghl (self);
}

static void
on_lsq_entries_changed (LiaisonAccountsPage *self)
{
  update_lsq (self);
}

void
liaison_accounts_page_set_session (LiaisonAccountsPage *self, LiaisonSession *session)
{
  g_return_if_fail (LIAISON_IS_ACCOUNTS_PAGE (self));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      const LiaisonGhlAppDefaults *defaults = liaison_session_get_ghl_defaults (session);

      g_signal_connect_swapped (session, "changed", G_CALLBACK (liaison_accounts_page_update),
                                self);
      /* The distributor's app, until the person enters another. */
      if (defaults->client_id != NULL && !has_text (self->ghl_client_id_row))
        gtk_editable_set_text (GTK_EDITABLE (self->ghl_client_id_row), defaults->client_id);
    }
  liaison_accounts_page_update (self);
}

void
liaison_accounts_page_set_sandbox (LiaisonAccountsPage *self, const char *marketplace_url,
                                   const char *client_id, const char *client_secret,
                                   const char *lsq_access_key, const char *lsq_secret_key)
{
  g_return_if_fail (LIAISON_IS_ACCOUNTS_PAGE (self));

  g_free (self->marketplace_url);
  self->marketplace_url = g_strdup (marketplace_url);
  gtk_widget_set_visible (GTK_WIDGET (self->sandbox_label), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->ghl_client_id_row), client_id);
  gtk_editable_set_text (GTK_EDITABLE (self->ghl_client_secret_row), client_secret);
  gtk_editable_set_text (GTK_EDITABLE (self->lsq_access_key_row), lsq_access_key);
  gtk_editable_set_text (GTK_EDITABLE (self->lsq_secret_key_row), lsq_secret_key);
  liaison_accounts_page_update (self);
}

static void
liaison_accounts_page_dispose (GObject *object)
{
  LiaisonAccountsPage *self = LIAISON_ACCOUNTS_PAGE (object);

  g_cancellable_cancel (self->ghl_cancellable);
  g_cancellable_cancel (self->lsq_cancellable);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->ghl_cancellable);
  g_clear_object (&self->lsq_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->ghl_location_asked, g_free);
  g_clear_pointer (&self->ghl_location_name, g_free);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_pointer (&self->marketplace_url, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_ACCOUNTS_PAGE);
  /* The template's root is not a bound child, so it is unparented here. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (liaison_accounts_page_parent_class)->dispose (object);
}

static void
liaison_accounts_page_class_init (LiaisonAccountsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_accounts_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/liaison-accounts-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, LiaisonAccountsPage, name)
  BIND (sandbox_label);
  BIND (ghl_status_row);
  BIND (ghl_status_icon);
  BIND (ghl_spinner);
  BIND (ghl_client_id_row);
  BIND (ghl_client_secret_row);
  BIND (ghl_marketplace_row);
  BIND (ghl_private_row);
  BIND (ghl_token_row);
  BIND (ghl_location_row);
  BIND (ghl_message_label);
  BIND (ghl_test_button);
  BIND (ghl_disconnect_button);
  BIND (ghl_cancel_button);
  BIND (ghl_connect_button);
  BIND (lsq_status_row);
  BIND (lsq_status_icon);
  BIND (lsq_spinner);
  BIND (lsq_access_key_row);
  BIND (lsq_secret_key_row);
  BIND (lsq_message_label);
  BIND (lsq_test_button);
  BIND (lsq_disconnect_button);
  BIND (lsq_connect_button);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_ghl_entries_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_lsq_entries_changed);

  gtk_widget_class_install_action (widget_class, "accounts.connect-ghl", NULL, connect_ghl_action);
  gtk_widget_class_install_action (widget_class, "accounts.cancel-ghl", NULL, cancel_ghl_action);
  gtk_widget_class_install_action (widget_class, "accounts.test-ghl", NULL, test_ghl_action);
  gtk_widget_class_install_action (widget_class, "accounts.connect-lsq", NULL, connect_lsq_action);
  gtk_widget_class_install_action (widget_class, "accounts.test-lsq", NULL, test_lsq_action);
  gtk_widget_class_install_action (widget_class, "accounts.disconnect", "s", disconnect_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
liaison_accounts_page_init (LiaisonAccountsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  liaison_accounts_page_update (self);
}
