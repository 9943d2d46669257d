/* test-cli.c: liaison-cli's version, help, usage errors and history export, run as a person
 * or a script would run it.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cli-test-util.h"

/* Runs liaison-cli with the arguments up to NULL, in the test process's own environment. */
static void
run_cli (CliRun *result, const char *first_arg, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  cli_test_run (result, NULL, NULL, NULL, (const char *const *) argv->pdata);
}

static void
test_cli_version (void)
{
  g_auto (CliRun) result = { 0 };

  run_cli (&result, "--version", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==, "liaison-cli " PACKAGE_VERSION "\n");
}

static void
test_cli_help (void)
{
  g_auto (CliRun) result = { 0 };

  run_cli (&result, "--help", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "COMMAND"));
  g_assert_nonnull (strstr (result.out, "--version"));
}

static void
test_cli_usage_errors (void)
{
  g_auto (CliRun) no_command = { 0 };
  g_auto (CliRun) unknown_command = { 0 };
  g_auto (CliRun) unknown_option = { 0 };

  run_cli (&no_command, NULL);
  g_assert_cmpint (no_command.status, ==, 2);
  g_assert_nonnull (strstr (no_command.err, "--version"));

  run_cli (&unknown_command, "frobnicate", NULL);
  g_assert_cmpint (unknown_command.status, ==, 2);
  g_assert_nonnull (strstr (unknown_command.err, "“frobnicate”"));
  g_assert_cmpstr (unknown_command.out, ==, "");

  run_cli (&unknown_option, "--frobnicate", NULL);
  g_assert_cmpint (unknown_option.status, ==, 2);
  g_assert_nonnull (strstr (unknown_option.err, "--frobnicate"));
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_assert_cmpint (g_remove (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

/* `history export` writes the CSV header even when there is no history yet, and says what is
 * wrong with a missing or unwritable file. */
static void
test_cli_history_export (void)
{
  g_autofree char *home = g_dir_make_tmp ("liaison-cli-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (home, "history.csv", NULL);
  g_autofree char *unwritable = g_build_filename (home, "missing", "history.csv", NULL);
  g_autofree char *contents = NULL;
  g_auto (CliRun) written = { 0 };
  g_auto (CliRun) no_file = { 0 };
  g_auto (CliRun) refused = { 0 };

  g_assert_nonnull (home);
  g_setenv ("XDG_DATA_HOME", home, TRUE); /* liaison-cli keeps its store there */
  run_cli (&written, "history", "export", "--csv", csv, NULL);
  g_assert_cmpint (written.status, ==, 0);
  g_assert_nonnull (strstr (written.err, "Wrote 0 operations")); /* stdout stays for “-” */
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "run,operation,at,action,side,lsq_id,ghl_id,field,"
                                             "before,after,result,error,cause"));

  run_cli (&no_file, "history", "export", NULL);
  g_assert_cmpint (no_file.status, ==, 2);
  g_assert_nonnull (strstr (no_file.err, "--csv FILE"));

  run_cli (&refused, "history", "export", "--csv", unwritable, NULL);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_nonnull (strstr (refused.err, "could not write"));
  g_assert_false (g_file_test (unwritable, G_FILE_TEST_EXISTS));

  remove_tree (home);
}

/* sync --only names what it carries; a misspelt kind is a usage error that says what can be
 * chosen, before any store or account is touched. */
static void
test_cli_sync_only (void)
{
  g_auto (CliRun) unknown = { 0 };
  g_auto (CliRun) empty = { 0 };

  run_cli (&unknown, "sync", "--only", "contacts,taks", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "“taks”"));
  g_assert_nonnull (strstr (unknown.err, "contacts, tasks, notes and appointments"));

  run_cli (&empty, "sync", "--only", ",", NULL);
  g_assert_cmpint (empty.status, ==, 2);
  g_assert_nonnull (strstr (empty.err, "at least one"));
}

/* A systemctl that keeps the timer's state in files and logs how it was called. */
static const char fake_systemctl[]
    = "#!/bin/sh\n"
      "echo \"$*\" >> \"$FAKE_SYSTEMD/log\"\n"
      "if [ -n \"$FAKE_SYSTEMCTL_FAIL\" ]; then echo \"$FAKE_SYSTEMCTL_FAIL\" >&2; exit 1; fi\n"
      "[ \"$1\" = --user ] || exit 64\n"
      "shift\n"
      "case \"$1\" in\n"
      "  daemon-reload) exit 0 ;;\n"
      "  enable) [ -f \"$XDG_CONFIG_HOME/systemd/user/$3\" ] || exit 1; touch \"$FAKE_SYSTEMD/on\" "
      ";;\n"
      "  disable) rm -f \"$FAKE_SYSTEMD/on\" ;;\n"
      "  is-enabled) if [ -f \"$FAKE_SYSTEMD/on\" ]; then echo enabled; else echo disabled; exit "
      "1; fi ;;\n"
      "  is-active) if [ -f \"$FAKE_SYSTEMD/on\" ]; then echo active; else echo inactive; exit 3; "
      "fi ;;\n"
      "  show) case \"$3\" in\n"
      "    *NextElapse*) echo 'Thu 2026-12-03 10:45:00 UTC' ;;\n"
      "    *LastTrigger*) echo 'Thu 2026-12-03 10:30:00 UTC' ;;\n"
      "    *Result*) cat \"$FAKE_SYSTEMD/result\" 2>/dev/null || echo exit-code ;;\n"
      "    *ExecMainStatus*) cat \"$FAKE_SYSTEMD/status\" 2>/dev/null || echo 1 ;;\n"
      "  esac ;;\n"
      "  *) exit 1 ;;\n"
      "esac\n";

typedef struct
{
  char *home;
  char *state;
  char *units;
} Schedule;

static void
schedule_set_up (Schedule *s)
{
  g_autofree char *script = NULL;
  g_autofree char *config = NULL;

  s->home = g_dir_make_tmp ("liaison-schedule-XXXXXX", NULL);
  g_assert_nonnull (s->home);
  s->state = g_build_filename (s->home, "systemd-state", NULL);
  g_assert_cmpint (g_mkdir (s->state, 0700), ==, 0);
  script = g_build_filename (s->home, "systemctl", NULL);
  g_assert_true (g_file_set_contents (script, fake_systemctl, -1, NULL));
  g_assert_cmpint (g_chmod (script, 0700), ==, 0);
  config = g_build_filename (s->home, "config", NULL);
  s->units = g_build_filename (config, "systemd", "user", NULL);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("FAKE_SYSTEMD", s->state, TRUE);
  g_setenv ("LIAISON_SYSTEMCTL", script, TRUE);
  g_unsetenv ("FAKE_SYSTEMCTL_FAIL");
  g_unsetenv ("LIAISON_PROFILE");
  {
    g_autofree char *built = g_build_filename (g_getenv ("LIAISON_BUILD_ROOT"), "data", NULL);
    g_setenv ("LIAISON_SYSTEMD_UNITS_DIR", built, TRUE);
  }
}

static void
schedule_tear_down (Schedule *s)
{
  remove_tree (s->home);
  g_free (s->home);
  g_free (s->state);
  g_free (s->units);
  g_unsetenv ("LIAISON_SYSTEMCTL");
  g_unsetenv ("LIAISON_SYSTEMD_UNITS_DIR");
  g_unsetenv ("FAKE_SYSTEMCTL_FAIL");
  g_unsetenv ("LIAISON_PROFILE");
}

static char *
schedule_log (Schedule *s)
{
  g_autofree char *path = g_build_filename (s->state, "log", NULL);
  char *log = NULL;

  if (!g_file_get_contents (path, &log, NULL, NULL))
    return g_strdup ("");
  return log;
}

/* The sync-interval Liaison's Preferences keep, in the keyfile liaison-cli reads. */
static void
set_interval (Schedule *s, int minutes)
{
  g_autofree char *dir
      = g_build_filename (g_getenv ("XDG_CONFIG_HOME"), "glib-2.0", "settings", NULL);
  g_autofree char *path = g_build_filename (dir, "keyfile", NULL);
  g_autofree char *text
      = g_strdup_printf ("[io/github/liaisonsync/Liaison]\nsync-interval=%d\n", minutes);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

/* enable copies the units into the person's own, with the profile, and starts the timer;
 * status says when it runs next and how the last run went; disable stops it and removes the
 * copies. */
static void
test_cli_schedule (void)
{
  Schedule s = { 0 };
  g_auto (CliRun) off = { 0 };
  g_auto (CliRun) enabled = { 0 };
  g_auto (CliRun) on = { 0 };
  g_auto (CliRun) disabled = { 0 };
  g_auto (CliRun) off_again = { 0 };
  g_auto (CliRun) usage = { 0 };
  g_autofree char *service = NULL;
  g_autofree char *timer = NULL;
  g_autofree char *service_path = NULL;
  g_autofree char *timer_path = NULL;
  g_autofree char *log = NULL;

  schedule_set_up (&s);
  service_path = g_build_filename (s.units, "liaison-sync.service", NULL);
  timer_path = g_build_filename (s.units, "liaison-sync.timer", NULL);

  run_cli (&off, "schedule", "status", NULL);
  g_assert_cmpint (off.status, ==, 3);
  g_assert_nonnull (strstr (off.out, "Scheduled syncs are off"));
  g_assert_nonnull (strstr (off.out, "liaison-cli schedule enable"));

  /* The timer takes the app's interval (the Preferences' sync-interval). */
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  set_interval (&s, 10);
  g_setenv ("LIAISON_PROFILE", "work", TRUE);
  run_cli (&enabled, "schedule", "enable", NULL);
  g_unsetenv ("LIAISON_PROFILE");
  g_assert_cmpstr (enabled.err, ==, "");
  g_assert_cmpint (enabled.status, ==, 0);
  g_assert_nonnull (strstr (enabled.out, "Scheduled syncs are on"));
  g_assert_true (g_file_get_contents (service_path, &service, NULL, NULL));
  g_assert_true (g_file_get_contents (timer_path, &timer, NULL, NULL));
  g_assert_nonnull (strstr (service, "[Service]\nEnvironment=LIAISON_PROFILE=work\n"));
  g_assert_nonnull (strstr (service, "/liaison-cli sync --scheduled\n"));
  g_assert_nonnull (strstr (service, "\nSuccessExitStatus=75\n"));
  g_assert_nonnull (strstr (timer, "\nOnUnitActiveSec=10min\n"));
  g_assert_null (strstr (timer, "15min"));
  g_assert_nonnull (strstr (enabled.out, "every 10 minutes"));
  log = schedule_log (&s);
  g_assert_nonnull (strstr (log, "--user daemon-reload\n--user enable --now liaison-sync.timer\n"));

  run_cli (&on, "schedule", "status", NULL);
  g_assert_cmpint (on.status, ==, 0);
  g_assert_nonnull (strstr (on.out, "Scheduled syncs are on"));
  g_assert_nonnull (strstr (on.out, "Next run: Thu 2026-12-03 10:45:00 UTC."));
  g_assert_nonnull (
      strstr (on.out, "Last run: Thu 2026-12-03 10:30:00 UTC; it failed (exit-code)"));
  g_assert_nonnull (strstr (on.out, "journalctl --user -u liaison-sync"));
  g_assert_nonnull (strstr (on.out, "runs “liaison-cli sync --scheduled” every 10 minutes"));
  g_assert_null (strstr (on.out, "Preferences now say"));

  /* A timer run that waited for the mapping's review: systemd counts it a success (status 75,
   * SuccessExitStatus), and status says why nothing was synced. */
  {
    g_auto (CliRun) held = { 0 };
    g_autofree char *result = g_build_filename (s.state, "result", NULL);
    g_autofree char *status = g_build_filename (s.state, "status", NULL);

    g_assert_true (g_file_set_contents (result, "success\n", -1, NULL));
    g_assert_true (g_file_set_contents (status, "75\n", -1, NULL));
    run_cli (&held, "schedule", "status", NULL);
    g_assert_cmpint (held.status, ==, 0);
    g_assert_nonnull (strstr (held.out, "Last run: Thu 2026-12-03 10:30:00 UTC; it synced nothing: "
                                        "scheduled syncs wait until the field mapping has been "
                                        "reviewed."));
    g_assert_nonnull (strstr (held.out, "“liaison-cli sync” once"));
    g_assert_null (strstr (held.out, "journalctl"));
    g_assert_true (g_file_set_contents (status, "0\n", -1, NULL));
    cli_run_clear (&held);
    held = (CliRun){ 0 };
    run_cli (&held, "schedule", "status", NULL);
    g_assert_nonnull (strstr (held.out, "UTC; it went through."));
    g_assert_cmpint (g_remove (result), ==, 0);
    g_assert_cmpint (g_remove (status), ==, 0);
  }

  /* The app's interval moves: the timer keeps its own, and status says how to follow. */
  {
    g_auto (CliRun) moved = { 0 };
    g_auto (CliRun) again = { 0 };
    g_auto (CliRun) given = { 0 };
    g_auto (CliRun) too_many = { 0 };
    g_auto (CliRun) asked_only = { 0 };
    g_autofree char *text = NULL;

    set_interval (&s, 20);
    run_cli (&moved, "schedule", "status", NULL);
    g_assert_nonnull (strstr (moved.out, "every 10 minutes"));
    g_assert_nonnull (strstr (moved.out, "Preferences now say every 20 minutes"));
    g_assert_nonnull (strstr (moved.out, "liaison-cli schedule enable"));
    run_cli (&again, "schedule", "enable", NULL);
    g_assert_cmpint (again.status, ==, 0);
    g_assert_true (g_file_get_contents (timer_path, &text, NULL, NULL));
    g_assert_nonnull (strstr (text, "\nOnUnitActiveSec=20min\n"));
    g_clear_pointer (&text, g_free);

    run_cli (&given, "schedule", "enable", "1", NULL);
    g_assert_cmpint (given.status, ==, 0);
    g_assert_nonnull (strstr (given.out, "every 1 minute while"));
    g_assert_true (g_file_get_contents (timer_path, &text, NULL, NULL));
    g_assert_nonnull (strstr (text, "\nOnUnitActiveSec=1min\n"));

    run_cli (&too_many, "schedule", "enable", "61", NULL);
    g_assert_cmpint (too_many.status, ==, 2);
    g_assert_nonnull (strstr (too_many.err, "“61” is not a number of minutes from 1 to 60"));

    set_interval (&s, 0);
    run_cli (&asked_only, "schedule", "enable", NULL);
    g_assert_cmpint (asked_only.status, ==, 2);
    g_assert_nonnull (strstr (asked_only.err, "only when asked"));
    g_assert_nonnull (strstr (asked_only.err, "liaison-cli schedule enable 15"));
  }
  g_unsetenv ("GSETTINGS_BACKEND");
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  run_cli (&disabled, "schedule", "disable", NULL);
  g_assert_cmpint (disabled.status, ==, 0);
  g_assert_nonnull (strstr (disabled.out, "Scheduled syncs are off"));
  g_assert_false (g_file_test (service_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (timer_path, G_FILE_TEST_EXISTS));
  g_free (log);
  log = schedule_log (&s);
  g_assert_nonnull (strstr (log, "--user disable --now liaison-sync.timer\n"));

  run_cli (&off_again, "schedule", "status", NULL);
  g_assert_cmpint (off_again.status, ==, 3);

  run_cli (&usage, "schedule", "sometimes", NULL);
  g_assert_cmpint (usage.status, ==, 2);
  g_assert_nonnull (strstr (usage.err, "“enable [MINUTES]”, “disable” or “status”"));
  schedule_tear_down (&s);
}

/* Without systemd, or with systemd refusing, each says so in a sentence with a way forward. */
static void
test_cli_schedule_errors (void)
{
  Schedule s = { 0 };
  g_auto (CliRun) no_systemd = { 0 };
  g_auto (CliRun) no_bus = { 0 };
  g_auto (CliRun) no_bus_status = { 0 };
  g_auto (CliRun) no_units = { 0 };
  g_auto (CliRun) bad_profile = { 0 };
  g_autofree char *missing = NULL;

  schedule_set_up (&s);
  missing = g_build_filename (s.home, "no-such-systemctl", NULL);
  g_setenv ("LIAISON_SYSTEMCTL", missing, TRUE);
  run_cli (&no_systemd, "schedule", "enable", NULL);
  g_assert_cmpint (no_systemd.status, ==, 1);
  g_assert_nonnull (strstr (no_systemd.err, "systemd is not available here"));
  g_assert_nonnull (strstr (no_systemd.err, "cron"));
  g_assert_nonnull (strstr (no_systemd.err, "*/15 * * * * liaison-cli sync --scheduled"));

  schedule_tear_down (&s);
  schedule_set_up (&s);
  g_setenv ("FAKE_SYSTEMCTL_FAIL", "Failed to connect to bus: No medium found", TRUE);
  run_cli (&no_bus, "schedule", "enable", NULL);
  g_assert_cmpint (no_bus.status, ==, 1);
  g_assert_nonnull (strstr (no_bus.err, "Failed to connect to bus: No medium found"));
  g_assert_nonnull (strstr (no_bus.err, "systemctl --user status"));
  run_cli (&no_bus_status, "schedule", "status", NULL);
  g_assert_cmpint (no_bus_status.status, ==, 1);
  g_assert_nonnull (strstr (no_bus_status.err, "could not say whether the timer is on"));
  g_assert_nonnull (strstr (no_bus_status.err, "Failed to connect to bus"));
  g_unsetenv ("FAKE_SYSTEMCTL_FAIL");

  g_setenv ("LIAISON_PROFILE", "two\nlines", TRUE);
  run_cli (&bad_profile, "schedule", "enable", NULL);
  g_unsetenv ("LIAISON_PROFILE");
  g_assert_cmpint (bad_profile.status, ==, 1);
  g_assert_nonnull (strstr (bad_profile.err, "cannot be written into a systemd unit"));

  g_setenv ("LIAISON_SYSTEMD_UNITS_DIR", s.state, TRUE);
  run_cli (&no_units, "schedule", "enable", NULL);
  g_assert_cmpint (no_units.status, ==, 1);
  g_assert_nonnull (strstr (no_units.err, "is not installed"));
  g_assert_nonnull (strstr (no_units.err, "LIAISON_SYSTEMD_UNITS_DIR"));
  schedule_tear_down (&s);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Messages are compared in English. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  g_test_add_func ("/cli/version", test_cli_version);
  g_test_add_func ("/cli/help", test_cli_help);
  g_test_add_func ("/cli/usage-errors", test_cli_usage_errors);
  g_test_add_func ("/cli/history-export", test_cli_history_export);
  g_test_add_func ("/cli/sync-only", test_cli_sync_only);
  g_test_add_func ("/cli/schedule", test_cli_schedule);
  g_test_add_func ("/cli/schedule-errors", test_cli_schedule_errors);

  return g_test_run ();
}
