/* test-window.c: the main window opens, every page is reachable from its
 * sidebar row and by the win.show-page action, each empty page says what it
 * needs, and the window's size and state survive a restart via GSettings.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <string.h>

#include "liaison-preferences-window.h"
#include "liaison-window-private.h"

static const struct
{
  const char *name;
  const char *title;
} expected_pages[] = {
  { "overview", "Overview" },   { "contacts", "Contacts" },         { "mapping", "Field Mapping" },
  { "conflicts", "Conflicts" }, { "appointments", "Appointments" }, { "history", "History" },
  { "accounts", "Accounts" },
};

static void
drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
reset_settings (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr (GSettingsSchema) schema = NULL;
  g_auto (GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

static GtkListBoxRow *
find_sidebar_row (LiaisonWindow *window, const char *name)
{
  GtkWidget *sidebar = GTK_WIDGET (liaison_window_get_sidebar (window));

  for (GtkWidget *row = gtk_widget_get_first_child (sidebar); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (gtk_widget_get_name (row), name) == 0)
      return GTK_LIST_BOX_ROW (row);

  return NULL;
}

static void
test_window_pages_by_sidebar (void)
{
  LiaisonWindow *window;
  GtkListBox *sidebar;
  GtkStack *stack;
  guint n_rows = 0;

  reset_settings ();
  window = liaison_window_new (NULL);
  sidebar = liaison_window_get_sidebar (window);
  stack = liaison_window_get_stack (window);
  gtk_window_present (GTK_WINDOW (window));
  drain_main_context ();

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (sidebar)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n_rows++;
  g_assert_cmpuint (n_rows, ==, G_N_ELEMENTS (expected_pages));

  /* A fresh profile starts on the overview. */
  g_assert_cmpstr (liaison_window_get_page (window), ==, "overview");

  /* Walk backwards so that every step really changes the page. */
  for (int i = G_N_ELEMENTS (expected_pages) - 1; i >= 0; i--)
    {
      GtkListBoxRow *row = find_sidebar_row (window, expected_pages[i].name);
      GtkWidget *child;

      g_assert_nonnull (row);
      g_signal_emit_by_name (row, "activate");
      drain_main_context ();

      g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, expected_pages[i].name);
      g_assert_cmpstr (adw_window_title_get_title (liaison_window_get_content_title (window)), ==,
                       expected_pages[i].title);
      g_assert_true (gtk_list_box_get_selected_row (sidebar) == row);

      /* Until a page is filled, it says honestly what it will hold. */
      child = gtk_stack_get_visible_child (stack);
      if (ADW_IS_STATUS_PAGE (child))
        {
          const char *description = adw_status_page_get_description (ADW_STATUS_PAGE (child));

          g_assert_cmpuint (strlen (adw_status_page_get_title (ADW_STATUS_PAGE (child))), >, 0);
          g_assert_nonnull (description);
          g_assert_cmpuint (strlen (description), >, 40);
        }
    }

  gtk_window_destroy (GTK_WINDOW (window));
  drain_main_context ();
}

static void
test_window_pages_by_action (void)
{
  LiaisonWindow *window;

  reset_settings ();
  window = liaison_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  drain_main_context ();

  for (guint i = 0; i < G_N_ELEMENTS (expected_pages); i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                                                 expected_pages[i].name));
      drain_main_context ();
      g_assert_cmpstr (liaison_window_get_page (window), ==, expected_pages[i].name);
      g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (
                           gtk_list_box_get_selected_row (liaison_window_get_sidebar (window)))),
                       ==, expected_pages[i].name);
    }

  /* An unknown page leaves the window where it was. */
  g_test_expect_message ("liaison-window", G_LOG_LEVEL_WARNING, "*No page called*");
  liaison_window_show_page (window, "no-such-page");
  g_test_assert_expected_messages ();
  g_assert_cmpstr (liaison_window_get_page (window), ==, "accounts");

  g_assert_true (liaison_window_is_page_name ("history"));
  g_assert_false (liaison_window_is_page_name ("History"));
  g_assert_false (liaison_window_is_page_name (NULL));

  gtk_window_destroy (GTK_WINDOW (window));
  drain_main_context ();
}

static void
test_window_state_round_trip (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *last_page = NULL;
  LiaisonWindow *window;
  int width, height;

  reset_settings ();
  g_settings_set_int (settings, "window-width", 1111);
  g_settings_set_int (settings, "window-height", 777);
  g_settings_set_string (settings, "last-page", "history");

  window = liaison_window_new (NULL);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1111);
  g_assert_cmpint (height, ==, 777);
  g_assert_cmpstr (liaison_window_get_page (window), ==, "history");
  g_assert_false (gtk_window_is_maximized (GTK_WINDOW (window)));

  /* Closing saves what the person left; only a realized window can be
   * closed as a person would close it. */
  gtk_window_present (GTK_WINDOW (window));
  drain_main_context ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 650);
  liaison_window_show_page (window, "contacts");
  gtk_window_close (GTK_WINDOW (window));
  drain_main_context ();

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 650);
  last_page = g_settings_get_string (settings, "last-page");
  g_assert_cmpstr (last_page, ==, "contacts");
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* Whether a maximized window comes back maximized is up to the window
   * manager, which Xvfb does not have; the flag itself is saved above. */

  /* A page name from an older version falls back to the overview. */
  g_settings_set_string (settings, "last-page", "reports");
  window = liaison_window_new (NULL);
  g_assert_cmpstr (liaison_window_get_page (window), ==, "overview");
  gtk_window_destroy (GTK_WINDOW (window));
  drain_main_context ();
}

static void
wait_for_width (LiaisonWindow *window, int width)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  gtk_window_set_default_size (GTK_WINDOW (window), width, 700);
  /* The default size counts the decorations the window draws itself, the width not all. */
  while (ABS (gtk_widget_get_width (GTK_WIDGET (window)) - width) > 20)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }
  drain_main_context ();
}

/* Every page fits a 360 px window; the sidebar folds away below about 600 px, behind the back
 * button, and shows beside the page above. */
static void
test_window_narrow (void)
{
  LiaisonWindow *window;
  AdwLeaflet *leaflet;
  GtkWidget *back_button;
  GtkWidget *sidebar_pane;

  reset_settings ();
  window = liaison_window_new (NULL);
  leaflet = ADW_LEAFLET (
      gtk_widget_get_template_child (GTK_WIDGET (window), LIAISON_TYPE_WINDOW, "leaflet"));
  back_button = GTK_WIDGET (
      gtk_widget_get_template_child (GTK_WIDGET (window), LIAISON_TYPE_WINDOW, "back_button"));
  sidebar_pane
      = gtk_widget_get_ancestor (GTK_WIDGET (liaison_window_get_sidebar (window)), GTK_TYPE_BOX);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_width (window, 1000);
  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_false (gtk_widget_get_visible (back_button));

  for (guint i = 0; i < G_N_ELEMENTS (expected_pages); i++)
    {
      int minimum;

      liaison_window_show_page (window, expected_pages[i].name);
      drain_main_context ();
      /* The window's content: the window itself adds its shadow. */
      gtk_widget_measure (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)),
                          GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      if (minimum > 360)
        g_error ("The %s page needs a window of %d px", expected_pages[i].name, minimum);
    }

  wait_for_width (window, 360);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_true (gtk_widget_get_visible (back_button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (back_button), ==, "Back to Pages");
  g_signal_emit_by_name (back_button, "clicked");
  drain_main_context ();
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == sidebar_pane);

  liaison_window_show_page (window, "history");
  drain_main_context ();
  g_assert_true (adw_leaflet_get_visible_child (leaflet) != sidebar_pane);

  wait_for_width (window, 1000);
  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_false (gtk_widget_get_visible (back_button));

  gtk_window_destroy (GTK_WINDOW (window));
  drain_main_context ();
}

static void
test_preferences_color_scheme (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  LiaisonPreferencesWindow *preferences;
  AdwComboRow *row = NULL;

  reset_settings ();
  g_settings_set_string (settings, "color-scheme", "dark");
  preferences = liaison_preferences_window_new (settings);
  row = ADW_COMBO_ROW (gtk_widget_get_template_child (
      GTK_WIDGET (preferences), LIAISON_TYPE_PREFERENCES_WINDOW, "color_scheme_row"));
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 2);

  adw_combo_row_set_selected (row, 1);
  g_assert_cmpint (g_settings_get_enum (settings, "color-scheme"), ==, 1);
  adw_combo_row_set_selected (row, 0);
  g_assert_cmpint (g_settings_get_enum (settings, "color-scheme"), ==, 0);

  gtk_window_destroy (GTK_WINDOW (preferences));
  drain_main_context ();
}

/* The interval's row writes the key the scheduler follows, within its range. */
static void
test_preferences_sync_interval (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  LiaisonPreferencesWindow *preferences;
  GtkSpinButton *spin;

  reset_settings ();
  g_settings_set_int (settings, "sync-interval", 15);
  preferences = liaison_preferences_window_new (settings);
  spin = GTK_SPIN_BUTTON (gtk_widget_get_template_child (
      GTK_WIDGET (preferences), LIAISON_TYPE_PREFERENCES_WINDOW, "sync_interval_spin"));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 15);

  gtk_spin_button_set_value (spin, 0);
  g_assert_cmpint (g_settings_get_int (settings, "sync-interval"), ==, 0);
  gtk_spin_button_set_value (spin, 90);
  g_assert_cmpint (g_settings_get_int (settings, "sync-interval"), ==, 60);

  gtk_window_destroy (GTK_WINDOW (preferences));
  drain_main_context ();
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/pages-by-sidebar", test_window_pages_by_sidebar);
  g_test_add_func ("/window/pages-by-action", test_window_pages_by_action);
  g_test_add_func ("/window/state-round-trip", test_window_state_round_trip);
  g_test_add_func ("/window/narrow", test_window_narrow);
  g_test_add_func ("/preferences/color-scheme", test_preferences_color_scheme);
  g_test_add_func ("/preferences/sync-interval", test_preferences_sync_interval);

  return g_test_run ();
}
