/* test-accounts-page.c: a person connects both sandbox accounts from the
 * Accounts page, HighLevel through the sign-in page in a (scripted) browser
 * and LeadSquared with its keys, tests both connections, sees the state of
 * each, and the connections survive a new session (the real keyring).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <string.h>

#include "liaison-accounts-page.h"
#include "liaison-sandbox.h"
#include "liaison-session.h"

typedef struct
{
  LiaisonSandbox *sandbox;
  char *dir;
  char *db;
} Fixture;

static gpointer
child (gpointer page, const char *name)
{
  GObject *object
      = gtk_widget_get_template_child (GTK_WIDGET (page), LIAISON_TYPE_ACCOUNTS_PAGE, name);

  g_assert_nonnull (object);
  return object;
}

static void
on_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static LiaisonSession *
open_session (Fixture *f)
{
  g_autoptr (LiaisonSession) session = liaison_session_new ("sandbox");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  const char *candidates[] = { liaison_sandbox_get_lsq_url (f->sandbox), NULL };

  liaison_session_set_ghl_api_url (session, liaison_sandbox_get_ghl_url (f->sandbox));
  liaison_session_set_lsq_candidates (session, candidates);
  liaison_session_open_async (session, f->db, NULL, on_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (liaison_session_open_finish (session, result, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&session);
}

static void
wait_for (gboolean (*done) (gpointer), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
label_visible (gpointer label)
{
  return gtk_widget_get_visible (GTK_WIDGET (label));
}

static gboolean
ghl_named (gpointer page)
{
  return g_strcmp0 (
             adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_widget_get_template_child (
                 page, LIAISON_TYPE_ACCOUNTS_PAGE, "ghl_status_row"))),
             "Connected to Sandbox Dental (main)")
         == 0;
}

static gboolean
lsq_shown_connected (gpointer page)
{
  return g_str_has_prefix (
      adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
          gtk_widget_get_template_child (page, LIAISON_TYPE_ACCOUNTS_PAGE, "lsq_status_row"))),
      "Connected to ");
}

static gboolean
suggested_shown (GtkWidget *button)
{
  return gtk_widget_get_visible (button) && gtk_widget_has_css_class (button, "suggested-action");
}

static gboolean
ghl_connected (gpointer session)
{
  return liaison_session_get_ghl_client (session) != NULL;
}

static gboolean
lsq_connected (gpointer session)
{
  return liaison_session_get_lsq_client (session) != NULL;
}

static gboolean
nothing_connected (gpointer session)
{
  return liaison_session_get_connection (session, LIAISON_SERVICE_GHL) == NULL;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  LiaisonSandboxOptions options;
  g_autoptr (GError) error = NULL;
  g_autofree char *browser = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("No D-Bus session, so no keyring: run under build-aux/headless");
      return;
    }

  liaison_sandbox_options_init (&options);
  options.contacts = 20;
  f->sandbox = liaison_sandbox_new (&options);
  g_assert_true (liaison_sandbox_start_in_thread (f->sandbox, &error));
  g_assert_no_error (error);

  f->dir = g_dir_make_tmp ("liaison-accounts-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "sandbox.db", NULL);

  browser = g_strdup_printf ("%s/tests/auth/liaison-fake-browser --mode=%s",
                             g_getenv ("LIAISON_BUILD_ROOT"), (const char *) data);
  g_setenv ("LIAISON_BROWSER", browser, TRUE);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  if (f->sandbox != NULL)
    liaison_sandbox_stop (f->sandbox);
  g_clear_object (&f->sandbox);
  g_free (f->db);
  g_free (f->dir);
}

static LiaisonAccountsPage *
new_page (Fixture *f, LiaisonSession *session, GtkWindow **window)
{
  LiaisonAccountsPage *page = g_object_new (LIAISON_TYPE_ACCOUNTS_PAGE, NULL);

  liaison_accounts_page_set_session (page, session);
  liaison_accounts_page_set_sandbox (page, liaison_sandbox_get_ghl_url (f->sandbox),
                                     liaison_sandbox_get_client_id (f->sandbox),
                                     liaison_sandbox_get_client_secret (f->sandbox),
                                     liaison_sandbox_get_lsq_access_key (f->sandbox),
                                     liaison_sandbox_get_lsq_secret_key (f->sandbox));
  *window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (*window, GTK_WIDGET (page));
  gtk_window_present (*window);
  return page;
}

static void
test_accounts_connect_both (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonSession) session = NULL;
  g_autoptr (LiaisonSession) again = NULL;
  LiaisonAccountsPage *page;
  GtkWindow *window;
  GtkLabel *ghl_message, *lsq_message;

  if (f->sandbox == NULL)
    return;

  session = open_session (f);
  page = new_page (f, session, &window);
  ghl_message = child (page, "ghl_message_label");
  lsq_message = child (page, "lsq_message_label");

  /* Nothing connected: the page says so and asks for what it needs. */
  g_assert_cmpstr (adw_preferences_row_get_title (child (page, "ghl_status_row")), ==,
                   "Not connected");
  g_assert_true (gtk_widget_get_visible (child (page, "ghl_client_id_row")));
  g_assert_false (gtk_widget_get_visible (child (page, "ghl_test_button")));
  /* One suggested button on the page: the first account's. */
  g_assert_true (suggested_shown (child (page, "ghl_connect_button")));
  g_assert_false (suggested_shown (child (page, "lsq_connect_button")));

  /* HighLevel: the browser opens the sandbox's consent page and allows. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "accounts.connect-ghl", NULL));
  g_assert_true (gtk_widget_get_visible (child (page, "ghl_cancel_button")));
  wait_for (ghl_connected, session);
  /* The status row names the location as HighLevel does (the consent page showed it), and
   * the scopes in words; no second line repeats it. */
  wait_for (ghl_named, page);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (ghl_message)));
  g_assert_nonnull (
      strstr (adw_action_row_get_subtitle (child (page, "ghl_status_row")), "read contacts"));
  g_assert_null (
      strstr (adw_action_row_get_subtitle (child (page, "ghl_status_row")), "contacts.readonly"));
  g_assert_true (suggested_shown (child (page, "lsq_connect_button")));
  g_assert_false (gtk_widget_get_visible (child (page, "ghl_client_secret_row")));

  /* LeadSquared: the keys are checked and the region found. */
  gtk_widget_set_visible (GTK_WIDGET (lsq_message), FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "accounts.connect-lsq", NULL));
  wait_for (lsq_connected, session);
  wait_for (lsq_shown_connected, page);
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (child (page, "lsq_status_row")),
                                   "Connected to "));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (lsq_message)));
  /* The sandbox is in no documented region: no "region ?". */
  g_assert_null (strstr (adw_action_row_get_subtitle (child (page, "lsq_status_row")), "?"));
  g_assert_true (
      g_str_has_prefix (adw_action_row_get_subtitle (child (page, "lsq_status_row")), "As "));

  /* Both connected: the contact list and the refresher exist. */
  g_assert_nonnull (liaison_session_get_contact_list (session));
  g_assert_nonnull (liaison_session_get_refresher (session));

  /* Testing the connections asks each service. */
  gtk_widget_set_visible (GTK_WIDGET (ghl_message), FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "accounts.test-ghl", NULL));
  wait_for (label_visible, ghl_message);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (ghl_message), "The connection works"));
  gtk_widget_set_visible (GTK_WIDGET (lsq_message), FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "accounts.test-lsq", NULL));
  wait_for (label_visible, lsq_message);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (lsq_message), "The connection works"));

  gtk_window_destroy (window);

  /* A new start finds both connections through the store and the keyring. */
  again = open_session (f);
  g_assert_true (ghl_connected (again));
  g_assert_true (lsq_connected (again));

  /* Disconnecting forgets the account. */
  {
    g_autoptr (GAsyncResult) result = NULL;
    g_autoptr (GError) error = NULL;

    liaison_session_remove_async (again, LIAISON_SERVICE_GHL, NULL, on_result, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (liaison_session_change_finish (again, result, &error));
    g_assert_no_error (error);
    g_assert_true (nothing_connected (again));
    g_assert_null (liaison_session_get_contact_list (again));
  }
}

static void
test_accounts_deny (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonSession) session = NULL;
  LiaisonAccountsPage *page;
  GtkWindow *window;
  GtkLabel *ghl_message;

  if (f->sandbox == NULL)
    return;

  session = open_session (f);
  page = new_page (f, session, &window);
  ghl_message = child (page, "ghl_message_label");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "accounts.connect-ghl", NULL));
  wait_for (label_visible, ghl_message);
  /* The person clicked Deny: a clear sentence, an error style, nothing saved. */
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (ghl_message), "error"));
  g_assert_cmpuint (strlen (gtk_label_get_label (ghl_message)), >, 20);
  g_assert_false (ghl_connected (session));
  g_assert_true (nothing_connected (session));
  g_assert_true (gtk_widget_get_visible (child (page, "ghl_connect_button")));

  gtk_window_destroy (window);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  g_test_add ("/accounts-page/connect-both", Fixture, "allow", fixture_set_up,
              test_accounts_connect_both, fixture_tear_down);
  g_test_add ("/accounts-page/deny", Fixture, "deny", fixture_set_up, test_accounts_deny,
              fixture_tear_down);

  return g_test_run ();
}
