/* cli-test-util.c: see cli-test-util.h.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <signal.h>
#include <string.h>

#include "cli-test-util.h"

void
cli_run_clear (CliRun *run)
{
  g_free (run->out);
  g_free (run->err);
  g_clear_pointer (&run->json, json_node_unref);
}

GPtrArray *
cli_test_env_join (const char *const *first, const char *const *then)
{
  const char *const *lists[] = { first, then };
  GPtrArray *all = g_ptr_array_new ();

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && lists[l][i] != NULL; i += 2)
      {
        g_ptr_array_add (all, (gpointer) lists[l][i]);
        g_ptr_array_add (all, (gpointer) lists[l][i + 1]);
      }
  g_ptr_array_add (all, NULL);
  return all;
}

GSubprocess *
cli_test_spawn (const char *home, const char *const *env, GSubprocessFlags flags,
                const char *const *args)
{
  const char *const unset[]
      = { "LIAISON_GHL_TOKEN",      "LIAISON_GHL_LOCATION",   "LIAISON_GHL_URL",
          "LIAISON_LSQ_ACCESS_KEY", "LIAISON_LSQ_SECRET_KEY", "LIAISON_LSQ_URL",
          "LIAISON_PROFILE",        "LIAISON_SYNC_CRASH_AT",  "LIAISON_SYNC_STEPS" };
  const char *const dirs[]
      = { "XDG_DATA_HOME", "data", "XDG_CONFIG_HOME", "config", "XDG_CACHE_HOME", "cache" };
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (
      flags | G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  GSubprocess *process;

  g_assert_nonnull (g_getenv ("LIAISON_CLI"));
  if (home != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (unset); i++)
        g_subprocess_launcher_unsetenv (launcher, unset[i]);
      for (guint i = 0; i < G_N_ELEMENTS (dirs); i += 2)
        {
          g_autofree char *dir = g_build_filename (home, dirs[i + 1], NULL);

          g_subprocess_launcher_setenv (launcher, dirs[i], dir, TRUE);
        }
      g_subprocess_launcher_setenv (launcher, "TZ", "UTC", TRUE);
      g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
    }
  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    {
      if (env[i + 1] != NULL)
        g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
      else
        g_subprocess_launcher_unsetenv (launcher, env[i]);
    }
  g_ptr_array_add (argv, (gpointer) g_getenv ("LIAISON_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

void
cli_test_run (CliRun *run, const char *home, const char *const *env, const char *input,
              const char *const *args)
{
  g_autoptr (GSubprocess) process = cli_test_spawn (home, env, G_SUBPROCESS_FLAGS_STDIN_PIPE, args);
  g_autoptr (GError) error = NULL;

  /* The input is written whole before the output is read, so it must fit the pipe's buffer
   * (64 KiB on Linux): then the write never waits for the command. A command that exits before
   * it reads stdin has closed the pipe by then; that write's EPIPE (and SIGPIPE) is no failure
   * of the test. Communicating then closes stdin. */
  if (input != NULL)
    {
      gsize length = strlen (input);

      g_assert_cmpuint (length, <, 65536);
      signal (SIGPIPE, SIG_IGN);
      g_output_stream_write_all (g_subprocess_get_stdin_pipe (process), input, length, NULL, NULL,
                                 NULL);
    }
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  run->json = json_from_string (run->out, NULL);
  if (run->status != 0)
    g_test_message ("liaison-cli %s: exit %d, stderr:\n%s", args[0] != NULL ? args[0] : "",
                    run->status, run->err);
}
