/* liaison-cli-schedule.c: `liaison-cli schedule enable|disable|status`, syncing on a schedule
 * while the app is closed, through the systemd user timer Liaison ships.
 *
 * enable copies the installed liaison-sync.service and liaison-sync.timer into the person's own
 * units ($XDG_CONFIG_HOME/systemd/user), so that they work whatever the install prefix, and so
 * that the profile chosen by LIAISON_PROFILE travels with them; then it enables and starts the
 * timer. The timer's interval is the app's (the sync-interval key of Liaison's Preferences) when
 * enable runs, or the minutes enable is given; it keeps that interval until enable runs again,
 * and status says so when the Preferences changed since. disable stops it and removes the
 * copies. status asks systemd. The timer's runs and the app's never overlap: both take the
 * profile's sync lock.
 *
 * LIAISON_SYSTEMCTL names the systemctl to run (tests give a script); LIAISON_SYSTEMD_UNITS_DIR
 * the folder holding the units to copy.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-cli"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "config.h"
#include "liaison-cli-schedule.h"

#define TIMER "liaison-sync.timer"
#define SERVICE "liaison-sync.service"

enum
{
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
  EXIT_OFF = 3, /* status: the schedule is off (as systemctl is-active says 3) */
};

#define MAX_MINUTES 60
#define FALLBACK_MINUTES 15 /* without Liaison's settings schema */

static const char *const cron_hint
    = N_ ("Without systemd, run “liaison-cli sync --scheduled” from cron instead, for example "
          "every 15 minutes: */15 * * * * liaison-cli sync --scheduled");

/* liaison-cli sync --scheduled's status for a run that waited for the field mapping's review
 * (liaison-cli-sync.c); liaison-sync.service counts it as a success. */
#define EXIT_HELD "75"

static char *
find_systemctl (GError **error)
{
  const char *name = g_getenv ("LIAISON_SYSTEMCTL");
  char *path;

  if (name == NULL || *name == '\0')
    name = "systemctl";
  path = g_path_is_absolute (name) ? g_strdup (name) : g_find_program_in_path (name);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _ ("systemd is not available here (there is no “%s”), so liaison-cli cannot "
                      "schedule syncs. %s"),
                   name, _ (cron_hint));
      g_free (path);
      return NULL;
    }
  return path;
}

/* Runs systemctl --user ARGS; returns its exit status (or -1 when it could not run), with its
 * output in out and err. */
static int
systemctl (const char *program, char **out, char **err, GError **error, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) process = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) program);
  g_ptr_array_add (argv, (gpointer) "--user");
  va_start (args, error);
  for (const char *arg = va_arg (args, const char *); arg != NULL;
       arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process
      = g_subprocess_newv ((const char *const *) argv->pdata,
                           G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, error);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, error))
    return -1;
  if (out && *out)
    g_strstrip (*out);
  if (err && *err)
    g_strstrip (*err);
  return g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}

/* What systemctl said when it said no. */
static const char *
reason (const char *err, const GError *error)
{
  return error ? error->message : (err && *err ? err : _ ("it gave no reason"));
}

static char *
user_unit_dir (void)
{
  return g_build_filename (g_get_user_config_dir (), "systemd", "user", NULL);
}

/* The installed unit, as the person's copy should read. */
/* The sync-interval key of Liaison's Preferences: minutes, 0 (only when asked), or -1 when the
 * settings schema is not installed. */
static int
settings_interval (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema
      = source != NULL ? g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE) : NULL;
  g_autoptr (GSettings) settings = NULL;

  if (schema == NULL || !g_settings_schema_has_key (schema, "sync-interval"))
    return -1;
  settings = g_settings_new_full (schema, NULL, NULL);
  return g_settings_get_int (settings, "sync-interval");
}

/* The timer's own interval, from the person's copy of it; 0 when it cannot be read. */
static guint
timer_interval (void)
{
  g_autofree char *dir = user_unit_dir ();
  g_autofree char *path = g_build_filename (dir, TIMER, NULL);
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents (path, &text, NULL, NULL)
      || (line = strstr (text, "\nOnUnitActiveSec=")) == NULL)
    return 0;
  return (guint) g_ascii_strtoull (line + strlen ("\nOnUnitActiveSec="), NULL, 10);
}

/* The timer with its interval in place of the shipped one. */
static char *
timer_with_interval (const char *text, guint minutes)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\n');
      if (g_str_has_prefix (lines[i], "OnUnitActiveSec="))
        g_string_append_printf (out, "OnUnitActiveSec=%umin", minutes);
      else if (g_str_has_prefix (lines[i], "Description="))
        g_string_append_printf (out,
                                "Description=Liaison sync of LeadSquared and HighLevel, every "
                                "%u minutes",
                                minutes);
      else
        g_string_append (out, lines[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
unit_text (const char *name, guint minutes, GError **error)
{
  const char *dir = g_getenv ("LIAISON_SYSTEMD_UNITS_DIR");
  g_autofree char *path
      = g_build_filename (dir && *dir ? dir : LIAISON_SYSTEMD_USER_UNIT_DIR, name, NULL);
  const char *profile = g_getenv ("LIAISON_PROFILE");
  g_autofree char *text = NULL;
  g_autoptr (GError) local = NULL;
  g_autoptr (GString) copy = NULL;
  char *service;

  if (!g_file_get_contents (path, &text, NULL, &local))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _ ("The systemd unit %s is not installed (%s). Install Liaison first, or set "
                      "LIAISON_SYSTEMD_UNITS_DIR to the folder that holds %s and %s."),
                   path, local->message, SERVICE, TIMER);
      return NULL;
    }
  if (g_str_equal (name, TIMER))
    {
      char *timer = timer_with_interval (text, minutes);

      g_free (text);
      text = timer;
    }
  if (profile == NULL || *profile == '\0' || g_str_equal (profile, "default"))
    return g_steal_pointer (&text);
  for (const char *c = profile; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && strchr ("._-@", *c) == NULL)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     _ ("The profile name “%s” cannot be written into a systemd unit. Schedule a "
                        "profile whose name has only letters, digits, dots, dashes and "
                        "underscores."),
                     profile);
        return NULL;
      }
  /* The timer syncs the profile this command was given. */
  copy = g_string_new (text);
  service = strstr (copy->str, "[Service]\n");
  if (service != NULL)
    {
      g_autofree char *line = g_strdup_printf ("Environment=LIAISON_PROFILE=%s\n", profile);
      g_string_insert (copy, service - copy->str + strlen ("[Service]\n"), line);
    }
  return g_string_free (g_steal_pointer (&copy), FALSE);
}

static int
schedule_enable (const char *program, guint minutes)
{
  g_autofree char *dir = user_unit_dir ();
  g_autoptr (GError) error = NULL;
  const char *const names[] = { SERVICE, TIMER };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *text = unit_text (names[i], minutes, &error);
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      if (text == NULL)
        {
          g_printerr ("liaison-cli schedule: %s\n", error->message);
          return EXIT_FAILED;
        }
      if (g_mkdir_with_parents (dir, 0700) != 0 || !g_file_set_contents (path, text, -1, &error))
        {
          g_printerr (_ ("liaison-cli schedule: could not write %s: %s. Check that your home "
                         "folder can be written to.\n"),
                      path, error ? error->message : g_strerror (errno));
          return EXIT_FAILED;
        }
    }

  {
    g_autofree char *out = NULL, *err = NULL;

    if (systemctl (program, &out, &err, &error, "daemon-reload", NULL) != 0)
      {
        g_printerr (_ ("liaison-cli schedule: systemctl could not read Liaison’s units: %s. Check "
                       "that you are in a systemd user session (“systemctl --user status” "
                       "answers), then try again.\n"),
                    reason (err, error));
        return EXIT_FAILED;
      }
  }
  {
    g_autofree char *out = NULL, *err = NULL;

    if (systemctl (program, &out, &err, &error, "enable", "--now", TIMER, NULL) != 0)
      {
        g_printerr (_ ("liaison-cli schedule: systemctl could not start the timer: %s. Check that "
                       "you are in a systemd user session (“systemctl --user status” answers), "
                       "then try again.\n"),
                    reason (err, error));
        return EXIT_FAILED;
      }
  }
  g_print (ngettext ("Scheduled syncs are on: systemd runs “liaison-cli sync --scheduled” every "
                     "%u minute while you are logged in, also when Liaison is closed. “liaison-cli "
                     "schedule status” shows the next run; “liaison-cli schedule disable” turns "
                     "them off.\n",
                     "Scheduled syncs are on: systemd runs “liaison-cli sync --scheduled” every "
                     "%u minutes while you are logged in, also when Liaison is closed. "
                     "“liaison-cli schedule status” shows the next run; “liaison-cli schedule "
                     "disable” turns them off.\n",
                     minutes),
           minutes);
  return EXIT_SUCCESS;
}

static int
schedule_disable (const char *program)
{
  g_autofree char *dir = user_unit_dir ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *enabled = NULL;
  const char *const names[] = { TIMER, SERVICE };
  int status;

  systemctl (program, &enabled, NULL, NULL, "is-enabled", TIMER, NULL);
  status = systemctl (program, &out, &err, &error, "disable", "--now", TIMER, NULL);
  /* A timer systemd never heard of is as off as it gets. */
  if (status != 0 && enabled != NULL && *enabled != '\0' && !g_str_equal (enabled, "not-found"))
    {
      g_printerr (_ ("liaison-cli schedule: systemctl could not stop the timer: %s. Check that "
                     "you are in a systemd user session (“systemctl --user status” answers), "
                     "then try again.\n"),
                  reason (err, error));
      return EXIT_FAILED;
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      if (g_remove (path) != 0 && errno != ENOENT)
        g_printerr (_ ("liaison-cli schedule: could not remove %s: %s\n"), path,
                    g_strerror (errno));
    }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_error (&error);
  systemctl (program, &out, &err, &error, "daemon-reload", NULL);
  g_print (_ ("Scheduled syncs are off. Liaison still syncs while it runs, as often as its "
              "Preferences say.\n"));
  return EXIT_SUCCESS;
}

/* systemd's "n/a", or empty, is no time. */
static gboolean
is_time (const char *value)
{
  return value != NULL && *value != '\0' && !g_str_equal (value, "n/a");
}

static int
schedule_status (const char *program)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *enabled = NULL, *active = NULL, *err = NULL;
  g_autofree char *next = NULL, *last = NULL, *result = NULL, *exit_status = NULL;

  /* No state on stdout and a complaint on stderr other than "no such unit": systemd itself
   * did not answer (no user session, say). */
  if (systemctl (program, &enabled, &err, &error, "is-enabled", TIMER, NULL) < 0
      || ((enabled == NULL || *enabled == '\0') && err != NULL && *err != '\0'
          && strstr (err, "No such file") == NULL))
    {
      g_printerr (_ ("liaison-cli schedule: systemctl could not say whether the timer is on: %s. "
                     "Check that you are in a systemd user session (“systemctl --user status” "
                     "answers).\n"),
                  reason (err, error));
      return EXIT_FAILED;
    }
  systemctl (program, &active, NULL, NULL, "is-active", TIMER, NULL);
  if (g_strcmp0 (enabled, "enabled") != 0 || g_strcmp0 (active, "active") != 0)
    {
      if (g_strcmp0 (enabled, "enabled") == 0)
        g_print (_ ("Scheduled syncs are enabled but the timer is not running (systemd says "
                    "“%s”). Start it with “liaison-cli schedule enable”.\n"),
                 active && *active ? active : "?");
      else
        g_print (_ ("Scheduled syncs are off: nothing syncs while Liaison is closed. Turn them on "
                    "with “liaison-cli schedule enable”.\n"));
      return EXIT_OFF;
    }
  systemctl (program, &next, NULL, NULL, "show", TIMER, "--property=NextElapseUSecRealtime",
             "--value", NULL);
  systemctl (program, &last, NULL, NULL, "show", TIMER, "--property=LastTriggerUSec", "--value",
             NULL);
  systemctl (program, &result, NULL, NULL, "show", SERVICE, "--property=Result", "--value", NULL);
  systemctl (program, &exit_status, NULL, NULL, "show", SERVICE, "--property=ExecMainStatus",
             "--value", NULL);
  {
    guint minutes = timer_interval ();
    int preferences = settings_interval ();

    if (minutes > 0)
      g_print (ngettext ("Scheduled syncs are on: systemd runs “liaison-cli sync --scheduled” "
                         "every %u minute while you are logged in.\n",
                         "Scheduled syncs are on: systemd runs “liaison-cli sync --scheduled” "
                         "every %u minutes while you are logged in.\n",
                         minutes),
               minutes);
    else
      g_print (_ ("Scheduled syncs are on: systemd runs “liaison-cli sync --scheduled” while you "
                  "are logged in.\n"));
    /* The timer keeps its interval: say so when the app's has moved since. */
    if (minutes > 0 && preferences > 0 && (guint) preferences != minutes)
      g_print (ngettext ("Liaison’s Preferences now say every %u minute; the timer keeps its own "
                         "interval until you run “liaison-cli schedule enable” again.\n",
                         "Liaison’s Preferences now say every %u minutes; the timer keeps its own "
                         "interval until you run “liaison-cli schedule enable” again.\n",
                         preferences),
               preferences);
  }
  if (is_time (next))
    g_print (_ ("Next run: %s.\n"), next);
  if (!is_time (last))
    g_print (_ ("It has not run yet.\n"));
  else if ((result == NULL || g_str_equal (result, "success"))
           && g_strcmp0 (exit_status, EXIT_HELD) == 0)
    g_print (_ ("Last run: %s; it synced nothing: scheduled syncs wait until the field mapping "
                "has been reviewed. Review it on Liaison’s Field Mapping page, or look at it with "
                "“liaison-cli mapping show” and run “liaison-cli sync” once yourself.\n"),
             last);
  else if (result == NULL || g_str_equal (result, "success"))
    g_print (_ ("Last run: %s; it went through.\n"), last);
  else
    g_print (_ ("Last run: %s; it failed (%s). “journalctl --user -u liaison-sync” shows why, and "
                "“liaison-cli history” what it did.\n"),
             last, result);
  return EXIT_SUCCESS;
}

int
liaison_cli_schedule_main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *program = NULL;

  guint minutes = 0;

  if (argc < 2 || argc > 3
      || (!g_str_equal (argv[1], "enable") && !g_str_equal (argv[1], "disable")
          && !g_str_equal (argv[1], "status"))
      || (argc == 3 && !g_str_equal (argv[1], "enable")))
    {
      g_printerr (_ ("liaison-cli schedule: say “enable [MINUTES]”, “disable” or “status”.\n"));
      return EXIT_USAGE;
    }
  if (argc == 3)
    {
      guint64 value = 0;

      if (!g_ascii_string_to_unsigned (argv[2], 10, 1, MAX_MINUTES, &value, NULL))
        {
          g_printerr (_ ("liaison-cli schedule: “%s” is not a number of minutes from 1 to 60; "
                         "for example “liaison-cli schedule enable 15”.\n"),
                      argv[2]);
          return EXIT_USAGE;
        }
      minutes = (guint) value;
    }
  else if (g_str_equal (argv[1], "enable"))
    {
      int preferences = settings_interval ();

      if (preferences == 0)
        {
          g_printerr (_ ("liaison-cli schedule: Liaison’s Preferences say to sync only when asked "
                         "(0 minutes), so there is no interval for the timer. Choose one in "
                         "Preferences, or give it here, for example “liaison-cli schedule "
                         "enable 15”.\n"));
          return EXIT_USAGE;
        }
      minutes = preferences > 0 ? (guint) MIN (preferences, MAX_MINUTES) : FALLBACK_MINUTES;
    }
  program = find_systemctl (&error);
  if (program == NULL)
    {
      g_printerr ("liaison-cli schedule: %s\n", error->message);
      return EXIT_FAILED;
    }
  if (g_str_equal (argv[1], "enable"))
    return schedule_enable (program, minutes);
  if (g_str_equal (argv[1], "disable"))
    return schedule_disable (program);
  return schedule_status (program);
}
