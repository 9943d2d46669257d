/* test-application.c: the application's actions, their shortcuts, the help
 * overlay, and the command line of the `liaison` executable.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <glib/gstdio.h>
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

/* Once the profile is open, the app's scheduler follows the sync-interval key and, with no
 * account connected, waits with the way to Accounts. */
static gboolean
check_scheduler (gpointer user_data)
{
  GApplication *app = user_data;
  LiaisonSyncScheduler *scheduler = liaison_application_get_scheduler (LIAISON_APPLICATION (app));
  gint64 *deadline = g_object_get_data (G_OBJECT (app), "deadline");
  g_autoptr (GSettings) settings = NULL;

  g_assert_cmpint (g_get_monotonic_time (), <, *deadline);
  if (scheduler == NULL)
    return G_SOURCE_CONTINUE;
  settings = g_settings_new (APPLICATION_ID);
  g_assert_cmpuint (liaison_sync_scheduler_get_interval (scheduler), ==,
                    (guint) g_settings_get_int (settings, "sync-interval"));
  g_settings_set_int (settings, "sync-interval", 12);
  g_assert_cmpuint (liaison_sync_scheduler_get_interval (scheduler), ==, 12);
  g_settings_set_int (settings, "sync-interval", 0);
  g_assert_cmpuint (liaison_sync_scheduler_get_interval (scheduler), ==, 0);
  g_settings_reset (settings, "sync-interval");
  g_assert_cmpint (liaison_sync_scheduler_get_state (scheduler), ==, LIAISON_SCHEDULER_PAUSED);
  g_assert_true (liaison_sync_scheduler_get_needs_accounts (scheduler));
  g_object_set_data (G_OBJECT (app), "checked", GINT_TO_POINTER (TRUE));
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
on_activate_scheduler (GApplication *app, gpointer user_data)
{
  g_timeout_add_full (G_PRIORITY_DEFAULT, 20, check_scheduler, g_object_ref (app), g_object_unref);
}

static void
test_application_scheduler (void)
{
  g_autoptr (LiaisonApplication) app = liaison_application_new ();
  char *argv[] = { (char *) "liaison", NULL };
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_object_set_data (G_OBJECT (app), "deadline", &deadline);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_scheduler), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
  g_assert_true (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (app), "checked")));
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

/* ---- a damaged store ---- */

#define GARBAGE "This was a Liaison store until a disk went bad.\n"

typedef struct
{
  const char *answer; /* "rebuild" or "quit" */
  gboolean answered;
  gboolean rebuilt;
  char *heading;
  char *body;
  gint64 deadline;
} Repair;

static char *
store_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "liaison", "default.db", NULL);
}

static void
damage_store (void)
{
  g_autofree char *path = store_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  GString *garbage = g_string_new (NULL);
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < 200; i++)
    g_string_append (garbage, GARBAGE);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_unlink (wal);
  g_unlink (shm);
  g_assert_true (g_file_set_contents (path, garbage->str, (gssize) garbage->len, &error));
  g_assert_no_error (error);
  g_string_free (garbage, TRUE);
}

/* The files the rebuild moved aside. */
static guint
count_moved (const char **first_contents)
{
  g_autofree char *path = store_path ();
  g_autofree char *dir_path = g_path_get_dirname (path);
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "default-damaged-") && g_str_has_suffix (name, ".db"))
      {
        g_autofree char *moved = g_build_filename (dir_path, name, NULL);
        g_autofree char *contents = NULL;

        n++;
        if (first_contents != NULL && g_file_get_contents (moved, &contents, NULL, NULL))
          *first_contents = g_str_has_prefix (contents, GARBAGE) ? GARBAGE : "";
      }
  return n;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
is_sqlite (void)
{
  g_autofree char *path = store_path ();
  g_autofree char *contents = NULL;
  gsize len = 0;

  return g_file_get_contents (path, &contents, &len, NULL) && len >= 16
         && memcmp (contents, "SQLite format 3", 16) == 0;
}

static gboolean
drive_repair (gpointer user_data)
{
  GApplication *app = user_data;
  Repair *repair = g_object_get_data (G_OBJECT (app), "repair");
  AdwMessageDialog *dialog;

  g_assert_cmpint (g_get_monotonic_time (), <, repair->deadline);
  if (!repair->answered)
    {
      dialog = find_message_dialog ();
      if (dialog == NULL)
        return G_SOURCE_CONTINUE;
      repair->heading = g_strdup (adw_message_dialog_get_heading (dialog));
      repair->body = g_strdup (adw_message_dialog_get_body (dialog));
      g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "rebuild");
      g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "quit");
      /* Nothing is moved before the person answers. */
      g_assert_cmpuint (count_moved (NULL), ==, 0);
      repair->answered = TRUE;
      adw_message_dialog_response (dialog, repair->answer);
      return g_str_equal (repair->answer, "rebuild") ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
    }
  if (g_str_equal (repair->answer, "rebuild"))
    {
      if (!is_sqlite () || count_moved (NULL) == 0)
        return G_SOURCE_CONTINUE;
      repair->rebuilt = TRUE;
      g_application_quit (app);
    }
  return G_SOURCE_REMOVE;
}

static void
on_activate_repair (GApplication *app, gpointer user_data)
{
  g_timeout_add_full (G_PRIORITY_DEFAULT, 20, drive_repair, g_object_ref (app), g_object_unref);
}

static void
run_damaged (Repair *repair)
{
  g_autoptr (LiaisonApplication) app = liaison_application_new ();
  char *argv[] = { (char *) "liaison", NULL };

  damage_store ();
  repair->deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_object_set_data (G_OBJECT (app), "repair", repair);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_repair), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
  g_assert_true (repair->answered);
  g_assert_cmpstr (repair->heading, ==, "Liaison’s Local Data Is Damaged");
  g_assert_nonnull (strstr (repair->body, "move the damaged file aside"));
  g_assert_nonnull (strstr (repair->body, "not deleted"));
}

static void
test_damaged_store_quit (void)
{
  Repair repair = { .answer = "quit" };
  g_autofree char *path = store_path ();
  g_autofree char *contents = NULL;

  run_damaged (&repair);
  /* Quitting leaves the file as it was, for the person to look at. */
  g_assert_cmpuint (count_moved (NULL), ==, 0);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, GARBAGE));
  g_free (repair.heading);
  g_free (repair.body);
}

static void
test_damaged_store_rebuild (void)
{
  Repair repair = { .answer = "rebuild" };
  const char *moved = NULL;

  run_damaged (&repair);
  g_assert_true (repair.rebuilt);
  g_assert_true (is_sqlite ());
  /* The damaged file is kept aside, whole. */
  g_assert_cmpuint (count_moved (&moved), ==, 1);
  g_assert_cmpstr (moved, ==, GARBAGE);
  g_free (repair.heading);
  g_free (repair.body);
}

int
main (int argc, char *argv[])
{
  g_autofree char *data_home = NULL;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  /* A data folder of this test's own: it damages the default profile's store. */
  data_home = g_dir_make_tmp ("liaison-application-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  /* The damaged store first: a session the other tests open is still
   * being opened when they end, and would find the file damaged. */
  g_test_add_func ("/application/damaged-store-quit", test_damaged_store_quit);
  g_test_add_func ("/application/damaged-store-rebuild", test_damaged_store_rebuild);
  g_test_add_func ("/application/actions", test_application_actions);
  g_test_add_func ("/application/scheduler", test_application_scheduler);
  g_test_add_func ("/application/command-line", test_application_command_line);

  return g_test_run ();
}
