/* test-application.c: the application's actions, their shortcuts, the help
 * overlay, and the command line of the `liaison` executable.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <string.h>

#include "liaison-application.h"
#include "liaison-window.h"

static void
assert_accel (GtkApplication *app, const char *action, const char *accel)
{
  g_auto (GStrv) accels = gtk_application_get_accels_for_action (app, action);

  g_assert_nonnull (accels);
  g_assert_true (g_strv_contains ((const char *const *) accels, accel));
}

static void
on_activate_check (GApplication *app, gpointer user_data)
{
  GtkApplication *gtk_app = GTK_APPLICATION (app);
  GtkWindow *window;
  gboolean *checked = user_data;

  for (const char *const *name = (const char *const[]){ "quit", "preferences", "about",
                                                        "show-page", NULL };
       *name != NULL; name++)
    g_assert_true (g_action_map_lookup_action (G_ACTION_MAP (app), *name) != NULL);

  assert_accel (gtk_app, "app.quit", "<Control>q");
  assert_accel (gtk_app, "app.preferences", "<Control>comma");
  assert_accel (gtk_app, "window.close", "<Control>w");
  assert_accel (gtk_app, "win.show-page::overview", "<Alt>1");
  assert_accel (gtk_app, "win.show-page::accounts", "<Alt>7");

  /* The page action opens the window on that page. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-page",
                                  g_variant_new_string ("history"));
  window = gtk_application_get_active_window (gtk_app);
  g_assert_nonnull (window);
  g_assert_true (LIAISON_IS_WINDOW (window));
  g_assert_cmpstr (liaison_window_get_page (LIAISON_WINDOW (window)), ==, "history");

  /* GtkApplication loads the shortcuts window from our resources. */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  *checked = TRUE;
  g_application_quit (app);
}

static void
test_application_actions (void)
{
  g_autoptr (LiaisonApplication) app = liaison_application_new ();
  gboolean checked = FALSE;
  char *argv[] = { (char *) "liaison", NULL };

  /* Another test run must not hand its work to this one over D-Bus. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_check), &checked);

  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
  g_assert_true (checked);
}

static void
run_liaison (const char *arg, int *status, char **out, char **err)
{
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                              &error, g_getenv ("LIAISON_GUI"), arg, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  *status = g_subprocess_get_exit_status (process);
}

static void
test_application_command_line (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *bad_out = NULL;
  g_autofree char *bad_err = NULL;
  int status;

  run_liaison ("--version", &status, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "liaison " PACKAGE_VERSION "\n");

  run_liaison ("--page=reports", &status, &bad_out, &bad_err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (bad_err, "“reports”"));
  g_assert_nonnull (strstr (bad_err, "overview, contacts, mapping"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  g_test_add_func ("/application/actions", test_application_actions);
  g_test_add_func ("/application/command-line", test_application_command_line);

  return g_test_run ();
}
