/* test-contacts-refresh.c: a person presses Refresh on the Contacts page and
 * sees every contact of both sandbox accounts, paired where an email or a
 * phone number matches; progress shows while it runs; closing the window stops
 * a refresh in flight.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <string.h>

#include "liaison-bearer-authorizer.h"
#include "liaison-contacts-page.h"
#include "liaison-lsq-key-authorizer.h"
#include "liaison-sandbox.h"
#include "store-test-util.h"

static GtkWidget *
find_label (GtkWidget *widget, const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gpointer
template_child (gpointer widget, const char *name)
{
  GObject *child
      = gtk_widget_get_template_child (GTK_WIDGET (widget), LIAISON_TYPE_CONTACTS_PAGE, name);

  g_assert_nonnull (child);
  return child;
}

static void
on_progress (LiaisonRefresher *refresher, LiaisonService service, LiaisonContactsPage *page)
{
  GtkRevealer *revealer = template_child (page, "refresh_revealer");
  GtkLabel *label = template_child (page, "refresh_label");
  guint *n_progress = g_object_get_data (G_OBJECT (page), "n-progress");

  /* While it runs, the page says so, with counts. */
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_nonnull (strstr (gtk_label_get_label (label), "LeadSquared"));
  (*n_progress)++;
}

static void
test_contacts_refresh_from_sandbox (void)
{
  LiaisonSandboxOptions options;
  g_autoptr (LiaisonSandbox) sandbox = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "profile.db", NULL);
  g_autoptr (LiaisonStore) store = NULL;
  g_autofree char *lsq_id = NULL;
  g_autofree char *ghl_id = NULL;
  g_autoptr (LiaisonAuthorizer) ghl_auth = NULL;
  g_autoptr (LiaisonAuthorizer) lsq_auth = NULL;
  g_autoptr (LiaisonHttp) ghl_http = NULL;
  g_autoptr (LiaisonHttp) lsq_http = NULL;
  g_autoptr (LiaisonGhlClient) ghl = NULL;
  g_autoptr (LiaisonLsqClient) lsq = NULL;
  g_autoptr (LiaisonRefresher) refresher = NULL;
  g_autoptr (LiaisonContactList) model = NULL;
  LiaisonContactsPage *page;
  GtkWindow *window;
  GtkWidget *overlay;
  guint n_progress = 0, n_lsq = 0, n_ghl = 0, n_proposed = 0;
  gint64 deadline;

  liaison_sandbox_options_init (&options);
  options.seed = 5;
  options.contacts = 40;
  options.ghl_rate = "1000/1s";
  options.lsq_rate = "1000/1s";
  sandbox = liaison_sandbox_new (&options);
  g_assert_true (liaison_sandbox_start_in_thread (sandbox, &error));
  g_assert_no_error (error);

  store = store_test_open (path, "US", &error);
  g_assert_no_error (error);
  lsq_id = store_test_add_connection (store, LIAISON_SERVICE_LSQ, "sandbox-org");
  ghl_id = store_test_add_connection (store, LIAISON_SERVICE_GHL,
                                      liaison_sandbox_get_location_id (sandbox));

  ghl_auth = liaison_bearer_authorizer_new (liaison_sandbox_get_private_token (sandbox));
  ghl_http = liaison_http_new (LIAISON_HTTP_SERVICE_GHL, liaison_sandbox_get_ghl_url (sandbox),
                               ghl_auth, &error);
  g_assert_no_error (error);
  lsq_auth = liaison_lsq_key_authorizer_new (liaison_sandbox_get_lsq_access_key (sandbox),
                                             liaison_sandbox_get_lsq_secret_key (sandbox));
  lsq_http = liaison_http_new (LIAISON_HTTP_SERVICE_LSQ, liaison_sandbox_get_lsq_url (sandbox),
                               lsq_auth, &error);
  g_assert_no_error (error);
  liaison_rate_limiter_set_limit (liaison_http_get_rate_limiter (lsq_http), 1000, 1000);
  liaison_rate_limiter_set_limit (liaison_http_get_rate_limiter (ghl_http), 1000, 1000);
  ghl = liaison_ghl_client_new (ghl_http, liaison_sandbox_get_location_id (sandbox));
  lsq = liaison_lsq_client_new (lsq_http);
  refresher = liaison_refresher_new (store, lsq, lsq_id, ghl, ghl_id);
  liaison_refresher_set_page_size (refresher, 10);
  model = liaison_contact_list_new (store, lsq_id, ghl_id);

  page = g_object_new (LIAISON_TYPE_CONTACTS_PAGE, "model", model, "refresher", refresher, NULL);
  g_object_set_data (G_OBJECT (page), "n-progress", &n_progress);
  g_signal_connect (refresher, "progress", G_CALLBACK (on_progress), page);
  window = GTK_WINDOW (gtk_window_new ());
  /* Wide enough for the list and the detail side by side. */
  gtk_window_set_default_size (window, 1280, 700);
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (page));
  gtk_window_set_child (window, overlay);
  gtk_window_present (window);

  /* Nothing fetched yet: the page offers to refresh. */
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (liaison_contact_list_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
  store_test_drain ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (page, "list_stack")), ==,
                   "empty");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (page, "empty_action_stack")),
                   ==, "refresh");
  g_assert_true (gtk_widget_get_visible (template_child (page, "empty_refresh_button")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "contacts.refresh", NULL));
  g_assert_true (liaison_refresher_get_running (refresher));
  while (liaison_refresher_get_running (refresher) || liaison_contact_list_get_loading (model))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  /* The model reloads itself shortly after the store reports new records,
   * possibly more than once as the last pages land: wait until it shows
   * every contact of both sides, each as a row of its own or half of a pair. */
  for (;;)
    {
      n_lsq = n_ghl = n_proposed = 0;
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
        {
          g_autoptr (LiaisonContactRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);

          n_lsq += liaison_contact_row_get_lsq_id (row) != NULL;
          n_ghl += liaison_contact_row_get_ghl_id (row) != NULL;
          n_proposed += liaison_contact_row_get_status (row) == LIAISON_LINK_STATUS_PROPOSED;
        }
      if (!liaison_contact_list_get_loading (model)
          && n_lsq == liaison_store_count_records (store, lsq_id, LIAISON_RECORD_CONTACT, NULL)
          && n_ghl == liaison_store_count_records (store, ghl_id, LIAISON_RECORD_CONTACT, NULL))
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  g_assert_cmpuint (n_progress, >, 2);
  g_assert_false (gtk_revealer_get_reveal_child (template_child (page, "refresh_revealer")));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (page, "list_stack")), ==,
                   "list");
  g_assert_cmpuint (n_lsq, >, 20);
  g_assert_cmpuint (n_ghl, >, 20);
  /* The sandbox puts many people in both services: they are proposed as pairs. */
  g_assert_cmpuint (n_proposed, >, 5);
  /* Done, however fast: a toast says what came from where, the footer keeps when. */
  {
    g_autofree char *expected
        = g_strdup_printf ("Refreshed: %u from LeadSquared, %u from HighLevel",
                           liaison_refresher_get_fetched (refresher, LIAISON_SERVICE_LSQ),
                           liaison_refresher_get_fetched (refresher, LIAISON_SERVICE_GHL));

    g_assert_nonnull (find_label (overlay, expected));
    g_assert_nonnull (
        strstr (gtk_label_get_label (template_child (page, "count_label")), " · refreshed "));
  }

  /* Ctrl+R from a row of the list: after the refresh, the keyboard is still on that row. */
  {
    GtkColumnView *view = template_child (page, "column_view");
    GtkSelectionModel *selection = gtk_column_view_get_model (view);
    g_autoptr (JsonNode) edited = NULL;
    GtkWidget *focus;

    gtk_selection_model_select_item (selection, 3, TRUE);
    gtk_widget_grab_focus (GTK_WIDGET (view));
    for (gint64 end = g_get_monotonic_time () + 300000; g_get_monotonic_time () < end;)
      g_main_context_iteration (NULL, FALSE);
    focus = gtk_root_get_focus (GTK_ROOT (window));
    g_assert_true (
        focus != NULL
        && (focus == GTK_WIDGET (view) || gtk_widget_is_ancestor (focus, GTK_WIDGET (view))));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "contacts.refresh", NULL));
    deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
    while (liaison_refresher_get_running (refresher) || liaison_contact_list_get_loading (model))
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_main_context_iteration (NULL, TRUE);
      }
    for (gint64 end = g_get_monotonic_time () + 500000; g_get_monotonic_time () < end;)
      g_main_context_iteration (NULL, FALSE);
    focus = gtk_root_get_focus (GTK_ROOT (window));
    g_test_message ("focus after refresh: %s", focus ? G_OBJECT_TYPE_NAME (focus) : "none");
    g_assert_true (
        focus != NULL
        && (focus == GTK_WIDGET (view) || gtk_widget_is_ancestor (focus, GTK_WIDGET (view))));

    /* A refresh that brings new rows above the focused one reloads the list under it. */
    {
      g_autoptr (GPtrArray) page_records
          = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

      g_ptr_array_add (page_records,
                       store_test_contact ("new-1", "Aaa First", "aaa@example.com", NULL, NULL, 1));
      g_assert_true (
          store_test_commit (store, ghl_id, LIAISON_RECORD_CONTACT, page_records, NULL, &error));
      while (g_list_model_get_n_items (G_LIST_MODEL (model)) == n)
        {
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          g_main_context_iteration (NULL, TRUE);
        }
      for (gint64 end = g_get_monotonic_time () + 500000; g_get_monotonic_time () < end;)
        g_main_context_iteration (NULL, FALSE);
      focus = gtk_root_get_focus (GTK_ROOT (window));
      g_test_message ("focus after reload: %s", focus ? G_OBJECT_TYPE_NAME (focus) : "none");
      g_assert_true (
          focus != NULL
          && (focus == GTK_WIDGET (view) || gtk_widget_is_ancestor (focus, GTK_WIDGET (view))));
    }
  }

  gtk_window_destroy (window);
  store_test_drain ();
  liaison_sandbox_stop (sandbox);
}

/* Closing the window while a refresh waits for the services: the page goes at once and the
 * refresh stops rather than running on for a window nobody sees. */
static void
test_contacts_refresh_closed (void)
{
  LiaisonSandboxOptions options;
  g_autoptr (LiaisonSandbox) sandbox = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "profile.db", NULL);
  g_autoptr (LiaisonStore) store = NULL;
  g_autofree char *lsq_id = NULL;
  g_autofree char *ghl_id = NULL;
  g_autoptr (LiaisonAuthorizer) ghl_auth = NULL;
  g_autoptr (LiaisonAuthorizer) lsq_auth = NULL;
  g_autoptr (LiaisonHttp) ghl_http = NULL;
  g_autoptr (LiaisonHttp) lsq_http = NULL;
  g_autoptr (LiaisonGhlClient) ghl = NULL;
  g_autoptr (LiaisonLsqClient) lsq = NULL;
  g_autoptr (LiaisonRefresher) refresher = NULL;
  g_autoptr (LiaisonContactList) model = NULL;
  gpointer page;
  GtkWindow *window;
  gint64 deadline;

  liaison_sandbox_options_init (&options);
  options.seed = 5;
  options.contacts = 20;
  /* Every answer waits 3 s: the refresh is still running when the window closes. */
  options.faults = "/*=delay:3000";
  sandbox = liaison_sandbox_new (&options);
  g_assert_true (liaison_sandbox_start_in_thread (sandbox, &error));
  g_assert_no_error (error);
  store = store_test_open (path, "US", &error);
  g_assert_no_error (error);
  lsq_id = store_test_add_connection (store, LIAISON_SERVICE_LSQ, "sandbox-org");
  ghl_id = store_test_add_connection (store, LIAISON_SERVICE_GHL,
                                      liaison_sandbox_get_location_id (sandbox));
  ghl_auth = liaison_bearer_authorizer_new (liaison_sandbox_get_private_token (sandbox));
  ghl_http = liaison_http_new (LIAISON_HTTP_SERVICE_GHL, liaison_sandbox_get_ghl_url (sandbox),
                               ghl_auth, &error);
  g_assert_no_error (error);
  lsq_auth = liaison_lsq_key_authorizer_new (liaison_sandbox_get_lsq_access_key (sandbox),
                                             liaison_sandbox_get_lsq_secret_key (sandbox));
  lsq_http = liaison_http_new (LIAISON_HTTP_SERVICE_LSQ, liaison_sandbox_get_lsq_url (sandbox),
                               lsq_auth, &error);
  g_assert_no_error (error);
  ghl = liaison_ghl_client_new (ghl_http, liaison_sandbox_get_location_id (sandbox));
  lsq = liaison_lsq_client_new (lsq_http);
  refresher = liaison_refresher_new (store, lsq, lsq_id, ghl, ghl_id);
  model = liaison_contact_list_new (store, lsq_id, ghl_id);
  page = g_object_new (LIAISON_TYPE_CONTACTS_PAGE, "model", model, "refresher", refresher, NULL);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  while (liaison_contact_list_get_loading (model))
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "contacts.refresh", NULL));
  g_assert_true (liaison_refresher_get_running (refresher));
  g_object_add_weak_pointer (G_OBJECT (page), &page);
  gtk_window_destroy (window);
  g_assert_null (page);

  /* Cancelled with the page: it ends well before the first answer would come. */
  deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (liaison_refresher_get_running (refresher))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_cmpint (liaison_store_count_records (store, lsq_id, LIAISON_RECORD_CONTACT, NULL), ==,
                   0);
  store_test_drain ();
  liaison_sandbox_stop (sandbox);
  store_test_rmtree (dir);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  g_test_add_func ("/contacts-page/refresh-from-sandbox", test_contacts_refresh_from_sandbox);
  g_test_add_func ("/contacts-page/refresh-closed", test_contacts_refresh_closed);

  return g_test_run ();
}
