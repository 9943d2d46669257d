/* liaison-cli-harness.c: what the account commands (connect, accounts,
 * disconnect) and the keyring's clients share: the profile and sandbox
 * options, the session opened on them, waiting for one asynchronous call
 * at a time (Ctrl+C and SIGTERM cancel it), and how usage and failures are
 * told.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-cli"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <string.h>

#include "liaison-cli-harness-private.h"

void
liaison_cli_harness_init (LiaisonCliHarness *cli, const char *name)
{
  memset (cli, 0, sizeof *cli);
  cli->name = name;
  cli->loop = g_main_loop_new (NULL, FALSE);
  cli->cancellable = g_cancellable_new ();
  /* Traces (LIAISON_DEBUG) must not mix with what goes to stdout. */
  g_log_writer_default_set_use_stderr (TRUE);
}

void
liaison_cli_harness_clear (LiaisonCliHarness *cli)
{
  for (guint i = 0; i < G_N_ELEMENTS (cli->signal_sources); i++)
    if (cli->signal_sources[i] != 0)
      g_source_remove (cli->signal_sources[i]);
  g_clear_object (&cli->result);
  g_clear_object (&cli->session);
  g_clear_object (&cli->cancellable);
  g_clear_pointer (&cli->loop, g_main_loop_unref);
  g_clear_pointer (&cli->profile, g_free);
  g_clear_pointer (&cli->store_path, g_free);
  g_clear_pointer (&cli->ghl_url, g_free);
  g_clear_pointer (&cli->lsq_url, g_free);
  g_clear_pointer (&cli->hint, g_free);
}

void
liaison_cli_harness_add_options (LiaisonCliHarness *cli, GOptionContext *context)
{
  const GOptionEntry entries[]
      = { { "profile", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &cli->profile,
            N_ ("The profile whose accounts to use (default: $LIAISON_PROFILE, else “default”)"),
            N_ ("NAME") },
          { "sandbox-ghl-url", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &cli->ghl_url,
            N_ ("Talk to the HighLevel sandbox at URL (default: $LIAISON_GHL_URL)"), "URL" },
          { "sandbox-lsq-url", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &cli->lsq_url,
            N_ ("Talk to the LeadSquared sandbox at URL (default: $LIAISON_LSQ_URL)"), "URL" },
          { NULL } };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

static gboolean
check_url (char **url, const char *option, const char *variable, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  if (*url == NULL && g_getenv (variable) != NULL && *g_getenv (variable) != '\0')
    {
      *url = g_strdup (g_getenv (variable));
      option = variable;
    }
  if (*url == NULL || liaison_http_check_base_url (*url, &local_error))
    return TRUE;
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "%s: %s", option,
               local_error->message);
  return FALSE;
}

/* The profile's store; the sandbox addresses from the options or the
 * environment, when with_urls. */
gboolean
liaison_cli_harness_apply_defaults (LiaisonCliHarness *cli, gboolean with_urls, GError **error)
{
  const char *profile = g_getenv ("LIAISON_PROFILE");
  g_autoptr (GError) local_error = NULL;

  if (cli->profile == NULL)
    cli->profile = g_strdup (profile != NULL && *profile != '\0' ? profile : "default");
  cli->store_path = liaison_store_default_path (cli->profile, &local_error);
  if (cli->store_path == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--profile: %s",
                   local_error->message);
      return FALSE;
    }
  if (!with_urls)
    return TRUE;
  return check_url (&cli->ghl_url, "--sandbox-ghl-url", "LIAISON_GHL_URL", error)
         && check_url (&cli->lsq_url, "--sandbox-lsq-url", "LIAISON_LSQ_URL", error);
}

gboolean
liaison_cli_harness_parse (LiaisonCliHarness *cli, GOptionContext *context, int *argc, char ***argv,
                           GError **error)
{
  return g_option_context_parse (context, argc, argv, error)
         && liaison_cli_harness_apply_defaults (cli, TRUE, error);
}

void
liaison_cli_harness_store_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonCliHarness *cli = user_data;

  g_set_object (&cli->result, result);
  g_main_loop_quit (cli->loop);
}

static gboolean
on_signal (gpointer user_data)
{
  LiaisonCliHarness *cli = user_data;

  /* The call then ends as cancelled, and the command says so. */
  g_cancellable_cancel (cli->cancellable);
  return G_SOURCE_CONTINUE;
}

/* Runs the loop until the call that was given store_result has ended;
 * the caller owns the result. */
GAsyncResult *
liaison_cli_harness_wait (LiaisonCliHarness *cli)
{
  /* Only from here on: a secret prompt before must stay interruptible. */
  if (cli->signal_sources[0] == 0)
    {
      cli->signal_sources[0] = g_unix_signal_add (SIGINT, on_signal, cli);
      cli->signal_sources[1] = g_unix_signal_add (SIGTERM, on_signal, cli);
    }
  while (cli->result == NULL)
    g_main_loop_run (cli->loop);
  return g_steal_pointer (&cli->result);
}

/* Opens the profile's session. Without create, a profile that was never
 * used is left alone: cli->session stays NULL and nothing is connected. */
gboolean
liaison_cli_harness_open (LiaisonCliHarness *cli, gboolean create, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (!create && !g_file_test (cli->store_path, G_FILE_TEST_EXISTS))
    return TRUE;

  cli->session = liaison_session_new (cli->profile);
  if (cli->ghl_url != NULL)
    liaison_session_set_ghl_api_url (cli->session, cli->ghl_url);
  if (cli->lsq_url != NULL)
    {
      const char *candidates[] = { cli->lsq_url, NULL };

      liaison_session_set_lsq_candidates (cli->session, candidates);
    }
  liaison_session_open_async (cli->session, cli->store_path, cli->cancellable,
                              liaison_cli_harness_store_result, cli);
  result = liaison_cli_harness_wait (cli);
  if (!liaison_session_open_finish (cli->session, result, error))
    {
      g_clear_object (&cli->session);
      return FALSE;
    }
  return TRUE;
}

int
liaison_cli_harness_usage (LiaisonCliHarness *cli, const GError *error)
{
  g_printerr ("liaison-cli %s: %s\n", cli->name, error->message);
  g_printerr (_ ("Run “liaison-cli %s --help” to see how to use it.\n"), cli->name);
  return LIAISON_CLI_EXIT_USAGE;
}

int
liaison_cli_harness_failed (LiaisonCliHarness *cli, const GError *error, const char *hint)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_printerr ("liaison-cli %s: %s\n", cli->name, _ ("Stopped before it was done."));
  else
    g_printerr ("liaison-cli %s: %s\n", cli->name, error->message);
  if (hint != NULL)
    g_printerr ("%s\n", hint);
  return LIAISON_CLI_EXIT_FAILED;
}

/* What to do when the profile's store could not be opened; owned by cli. */
const char *
liaison_cli_harness_open_hint (LiaisonCliHarness *cli, const GError *error)
{
  g_autofree char *command = NULL;

  if (g_error_matches (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CORRUPT))
    {
      command = g_strcmp0 (cli->profile, "default") == 0 || cli->profile == NULL
                    ? g_strdup ("liaison-cli rebuild-cache")
                    : g_strdup_printf ("liaison-cli rebuild-cache --profile %s", cli->profile);
      g_free (cli->hint);
      /* Translators: %s is a command, "liaison-cli rebuild-cache" */
      cli->hint = g_strdup_printf (
          _ ("Liaison’s local copy of both services is damaged. To move it aside (it is renamed, "
             "not deleted) and rebuild it from both services, keeping the links and history "
             "that can still be read, run:\n  %s"),
          command);
      return cli->hint;
    }
  if (g_error_matches (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NEWER_VERSION))
    return _ ("Use the newer version of Liaison that last opened this profile.");
  return _ ("Check that your home folder can be read and written, then try again.");
}
