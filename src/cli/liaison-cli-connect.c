/* liaison-cli-connect.c: `liaison-cli connect ghl|lsq`, the Accounts page's
 * ways of connecting, from a terminal. HighLevel: the marketplace app's
 * sign-in page in the browser (the address is also printed, for a browser
 * on another screen), or a private integration token. LeadSquared: the API
 * keys, checked against the service, which also tells the account's
 * region. Secrets come from a file or stdin and go to the keyring only.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-cli"

#include <glib/gi18n.h>

#include "liaison-bearer-authorizer.h"
#include "liaison-cli-harness-private.h"
#include "liaison-cli-secret-private.h"
#include "liaison-oauth-flow.h"

static const char *
secrets_note (void)
{
  return _ ("Secrets are read from a file, from standard input when FILE is “-”, or asked for "
            "on the terminal without being shown; never from the command line, where every user "
            "of this computer can read them (ps). They are kept in the keyring only.\n\n"
            "Exit status: 0 connected, 1 connecting failed, 2 the command line cannot be used "
            "(nothing was sent).");
}

static gboolean
usage_error (GError **error, const char *message)
{
  g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, message);
  return FALSE;
}

/* ---- HighLevel ---- */

typedef struct
{
  char *client_id;
  char *client_secret_file;
  gboolean white_label;
  int port;
  gboolean no_browser;
  char *token_file;
  char *location;
} GhlOptions;

static void
ghl_options_clear (GhlOptions *options)
{
  g_free (options->client_id);
  g_free (options->client_secret_file);
  g_free (options->token_file);
  g_free (options->location);
}

static gboolean
ghl_options_check (LiaisonCliHarness *cli, GhlOptions *o, int argc, char **argv, GError **error)
{
  if (argc > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _ ("unexpected argument “%s”"),
                   argv[1]);
      return FALSE;
    }
  if (o->token_file != NULL || o->location != NULL)
    {
      if (o->token_file == NULL || o->location == NULL)
        return usage_error (error, _ ("a private integration token needs both "
                                      "--private-token-file and --location"));
      if (o->client_id != NULL || o->client_secret_file != NULL || o->white_label || o->port >= 0
          || o->no_browser)
        return usage_error (error, _ ("--private-token-file connects without the browser: leave "
                                      "out --client-id, --client-secret-file, --white-label, "
                                      "--port and --no-browser"));
      return TRUE;
    }
  if (o->port > 65535)
    return usage_error (error, _ ("--port: a port is a number from 0 to 65535"));
  if (o->white_label && cli->ghl_url != NULL)
    return usage_error (error, _ ("--white-label: the sandbox has its own sign-in page; leave "
                                  "out --white-label, or the sandbox address"));
  if (o->client_id != NULL && *g_strstrip (o->client_id) == '\0')
    return usage_error (error, _ ("--client-id is empty"));
  return TRUE;
}

/* with_token: a failure of the token's trial says what to check. */
static int
ghl_connected (LiaisonCliHarness *cli, GAsyncResult *result, gboolean with_token)
{
  g_autoptr (GError) error = NULL;
  const LiaisonStoreConnection *connection;
  LiaisonGhlAuthorizer *authorizer;
  g_autofree char *summary = NULL;

  if (!liaison_session_connect_ghl_finish (cli->session, result, &error))
    {
      const char *hint = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_error (&error);
          g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _ ("Connecting was cancelled."));
        }
      else if (g_error_matches (error, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_KEYRING)
               || g_error_matches (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_FAILED))
        hint = _ ("Check that the keyring is unlocked, then connect again.");
      else if (with_token && error->domain == LIAISON_HTTP_ERROR)
        hint = _ ("Check the token (HighLevel: Settings, Private Integrations) and the location "
                  "id, then connect again.");
      return liaison_cli_harness_failed (cli, error, hint);
    }

  /* The same sentences as on the Accounts page. */
  connection = liaison_session_get_connection (cli->session, LIAISON_SERVICE_GHL);
  authorizer = liaison_session_get_ghl_authorizer (cli->session);
  g_print ("%s\n", _ ("HighLevel is connected."));
  if (connection == NULL || authorizer == NULL)
    return LIAISON_CLI_EXIT_OK;
  g_print (_ ("Connected to location %s"), connection->display_name);
  g_print ("\n");
  if (liaison_ghl_authorizer_get_kind (authorizer) == LIAISON_GHL_AUTH_PRIVATE)
    g_print ("%s\n", _ ("With a private integration token, which does not expire"));
  else
    {
      const char *scope = liaison_ghl_authorizer_get_scope (authorizer);
      g_autoptr (GDateTime) utc
          = g_date_time_new_from_unix_utc (liaison_ghl_authorizer_get_expires_at (authorizer));
      g_autoptr (GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
      /* Translators: a date and time, see strftime(3) */
      /* xgettext:no-c-format */
      g_autofree char *until
          = local != NULL ? g_date_time_format (local, _ ("%e %B %Y, %R")) : g_strdup ("?");

      summary = g_strdup_printf (_ ("Signed in; the current token is valid until %s and is "
                                    "renewed by itself.\nScopes: %s"),
                                 until, scope != NULL ? scope : _ ("none reported"));
      g_print ("%s\n", summary);
    }
  return LIAISON_CLI_EXIT_OK;
}

static int
ghl_private (LiaisonCliHarness *cli, const char *token, const char *location)
{
  g_autoptr (GAsyncResult) result = NULL;

  liaison_session_connect_ghl_token_async (cli->session, token, location, cli->cancellable,
                                           liaison_cli_harness_store_result, cli);
  result = liaison_cli_harness_wait (cli);
  return ghl_connected (cli, result, TRUE);
}

static void
on_sign_in_opened (LiaisonSession *session, const char *url, gpointer user_data)
{
  GhlOptions *o = user_data;

  g_printerr (_ ("Open this address to connect HighLevel: %s\n"), url);
  g_printerr ("%s\n", o->no_browser
                          ? _ ("Waiting for you to allow Liaison there (Ctrl+C cancels)…")
                          : _ ("Your browser opens it now. Waiting for you to allow Liaison "
                               "there (Ctrl+C cancels)…"));
}

static int
ghl_oauth (LiaisonCliHarness *cli, GhlOptions *o, const char *secret_from_file)
{
  g_autoptr (GAsyncResult) result = NULL;
  LiaisonGhlSignIn sign_in = {
    .client_id = o->client_id,
    .client_secret = secret_from_file,
    .marketplace_url = cli->ghl_url,
    .marketplace
    = o->white_label ? LIAISON_OAUTH_MARKETPLACE_WHITE_LABEL : LIAISON_OAUTH_MARKETPLACE_STANDARD,
    .port = o->port,
    .no_browser = o->no_browser,
  };
  gulong handler;

  handler = g_signal_connect (cli->session, "sign-in-opened", G_CALLBACK (on_sign_in_opened), o);
  liaison_session_connect_ghl_async (cli->session, &sign_in, cli->cancellable,
                                     liaison_cli_harness_store_result, cli);
  result = liaison_cli_harness_wait (cli);
  g_signal_handler_disconnect (cli->session, handler);
  return ghl_connected (cli, result, FALSE);
}

static int
connect_ghl (int argc, char **argv)
{
  LiaisonCliHarness cli;
  GhlOptions o = { .port = -1 };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (LiaisonCliSecret) secret = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *description = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "client-id", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &o.client_id,
      N_ ("The client ID of your HighLevel marketplace app (default: the app of the connection "
          "in use, else the one your distributor set)"),
      N_ ("ID") },
    { "client-secret-file", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &o.client_secret_file,
      N_ ("Read the app’s client secret from FILE, or “-” for standard input (default: the one in "
          "the keyring)"),
      N_ ("FILE") },
    { "white-label", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &o.white_label,
      N_ ("Sign in on the white-label marketplace (marketplace.leadconnectorhq.com)"), NULL },
    { "port", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_INT, &o.port,
      N_ ("Wait for the browser on this port of 127.0.0.1 (default: the one your distributor "
          "set, else 47318; 0 picks a free one)"),
      N_ ("PORT") },
    { "no-browser", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &o.no_browser,
      N_ ("Only print the sign-in address, for a browser you open yourself"), NULL },
    { "private-token-file", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &o.token_file,
      N_ ("Connect with the private integration token in FILE, or “-” for standard input"),
      N_ ("FILE") },
    { "location", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &o.location,
      N_ ("The location (sub-account) id of the private integration token"), N_ ("ID") },
    { NULL }
  };

  liaison_cli_harness_init (&cli, "connect ghl");
  g_set_prgname ("liaison-cli connect ghl");
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (
      context, _ ("Connects a HighLevel location. Liaison opens the sign-in page of your "
                  "marketplace app in the browser; you choose the location and allow Liaison, "
                  "and the browser comes back to Liaison on 127.0.0.1. The app’s redirect URI "
                  "must be http://127.0.0.1:PORT/oauth/callback.\n"
                  "With --private-token-file and --location, a private integration token is "
                  "used instead."));
  description = g_strdup (secrets_note ());
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  liaison_cli_harness_add_options (&cli, context);

  if (!liaison_cli_harness_parse (&cli, context, &argc, &argv, &error)
      || !ghl_options_check (&cli, &o, argc, argv, &error))
    {
      status = liaison_cli_harness_usage (&cli, error);
      goto out;
    }

  /* Secrets first: a prompt on the terminal must come before any waiting. */
  if (o.token_file != NULL || o.client_secret_file != NULL)
    {
      gboolean with_token = o.token_file != NULL;

      secret
          = liaison_cli_read_secret (with_token ? "--private-token-file" : "--client-secret-file",
                                     with_token ? o.token_file : o.client_secret_file,
                                     with_token ? _ ("HighLevel private integration token")
                                                : _ ("HighLevel app client secret"),
                                     &error);
      if (secret == NULL)
        {
          status = liaison_cli_harness_usage (&cli, error);
          goto out;
        }
    }

  if (!liaison_cli_harness_open (&cli, TRUE, &error))
    status = liaison_cli_harness_failed (&cli, error, liaison_cli_harness_open_hint (&cli, error));
  else if (o.token_file != NULL)
    status = ghl_private (&cli, secret, g_strstrip (o.location));
  else
    status = ghl_oauth (&cli, &o, secret);

out:
  ghl_options_clear (&o);
  liaison_cli_harness_clear (&cli);
  return status;
}

/* ---- LeadSquared ---- */

typedef struct
{
  char *access_key;
  char *access_key_file;
  char *secret_key_file;
} LsqOptions;

static void
lsq_options_clear (LsqOptions *o)
{
  if (o->access_key != NULL)
    liaison_cli_secret_free (o->access_key);
  g_free (o->access_key_file);
  g_free (o->secret_key_file);
}

static gboolean
lsq_options_check (int argc, char **argv, LsqOptions *o, GError **error)
{
  if (argc > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _ ("unexpected argument “%s”"),
                   argv[1]);
      return FALSE;
    }
  /* Both keys are credentials: the access key on the command line could be
   * read in ps, so the old option is refused with the way forward. */
  if (o->access_key != NULL)
    return usage_error (error, _ ("--access-key: the access key is a credential too, and the "
                                  "command line can be read by every user of this computer; "
                                  "give it with --access-key-file FILE, or leave it out to be "
                                  "asked for it"));
  if (g_strcmp0 (o->access_key_file, "-") == 0 && g_strcmp0 (o->secret_key_file, "-") == 0
      && !liaison_cli_can_prompt ())
    return usage_error (error, _ ("only one of --access-key-file and --secret-key-file can read "
                                  "standard input; give the other as a file"));
  if ((o->access_key_file == NULL || o->secret_key_file == NULL) && !liaison_cli_can_prompt ())
    return usage_error (error, _ ("both --access-key-file and --secret-key-file are needed when "
                                  "standard input is not a terminal to ask on"));
  return TRUE;
}

static int
connect_lsq (int argc, char **argv)
{
  LiaisonCliHarness cli;
  LsqOptions o = { 0 };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (LiaisonCliSecret) access_key = NULL;
  g_autoptr (LiaisonCliSecret) secret = NULL;
  g_autoptr (LiaisonLsqAccount) account = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *description = NULL;
  int status = LIAISON_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "access-key-file", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &o.access_key_file,
      N_ ("Read the access key of a LeadSquared user (My Account, Settings, API and Webhooks) "
          "from FILE, or “-” for standard input (default: ask on the terminal)"),
      N_ ("FILE") },
    { "secret-key-file", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &o.secret_key_file,
      N_ ("Read the user’s secret key from FILE, or “-” for standard input (default: ask on the "
          "terminal)"),
      N_ ("FILE") },
    { "access-key", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &o.access_key, NULL, NULL },
    { NULL }
  };

  liaison_cli_harness_init (&cli, "connect lsq");
  g_set_prgname ("liaison-cli connect lsq");
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (
      context, _ ("Connects a LeadSquared account with the API keys of one of its users. Liaison "
                  "asks LeadSquared whose keys they are, and so finds the account’s region."));
  description = g_strdup (secrets_note ());
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  liaison_cli_harness_add_options (&cli, context);

  if (liaison_cli_harness_parse (&cli, context, &argc, &argv, &error)
      && lsq_options_check (argc, argv, &o, &error)
      && (access_key = liaison_cli_read_secret ("--access-key-file", o.access_key_file,
                                                _ ("LeadSquared access key"), &error))
             != NULL)
    secret = liaison_cli_read_secret ("--secret-key-file", o.secret_key_file,
                                      _ ("LeadSquared secret key"), &error);
  if (secret == NULL)
    {
      status = liaison_cli_harness_usage (&cli, error);
      goto out;
    }

  if (!liaison_cli_harness_open (&cli, TRUE, &error))
    {
      status
          = liaison_cli_harness_failed (&cli, error, liaison_cli_harness_open_hint (&cli, error));
      goto out;
    }

  liaison_session_connect_lsq_async (cli.session, access_key, secret, cli.cancellable,
                                     liaison_cli_harness_store_result, &cli);
  result = liaison_cli_harness_wait (&cli);
  account = liaison_session_connect_lsq_finish (cli.session, result, &error);
  if (account == NULL)
    {
      status = liaison_cli_harness_failed (
          &cli, error,
          error->domain == LIAISON_AUTH_ERROR && error->code != LIAISON_AUTH_ERROR_KEYRING
              ? NULL
              : _ ("Check that the keyring is unlocked, then connect again."));
      goto out;
    }
  g_print (_ ("LeadSquared is connected: %s (%s) of %s, at %s."), account->name, account->role,
           account->org_name, account->host);
  g_print ("\n");

out:
  lsq_options_clear (&o);
  liaison_cli_harness_clear (&cli);
  return status;
}

/* ---- dispatch ---- */

static char *
overview (void)
{
  return g_strdup_printf (
      "%s\n  liaison-cli connect ghl [OPTION…]\n"
      "  liaison-cli connect ghl --private-token-file FILE|- --location ID\n"
      "  liaison-cli connect lsq [--access-key-file FILE|-] [--secret-key-file "
      "FILE|-]\n\n%s\n\n%s\n",
      _ ("Usage:"),
      _ ("Connects a HighLevel location or a LeadSquared account once; from then on the ghl and "
         "lsq commands and the app use it through the keyring."),
      _ ("Run “liaison-cli connect ghl --help” or “liaison-cli connect lsq --help” for the "
         "options."));
}

int
liaison_cli_connect_main (int argc, char **argv)
{
  g_autofree char *help = overview ();

  if (argc < 2)
    {
      g_printerr ("%s", help);
      return LIAISON_CLI_EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")
      || g_str_equal (argv[1], "help"))
    {
      g_print ("%s", help);
      return LIAISON_CLI_EXIT_OK;
    }
  if (g_str_equal (argv[1], "ghl"))
    return connect_ghl (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "lsq"))
    return connect_lsq (argc - 1, argv + 1);

  g_printerr (_ ("liaison-cli connect: there is no service “%s”; name ghl (HighLevel) or lsq "
                 "(LeadSquared).\n"),
              argv[1]);
  g_printerr ("%s", help);
  return LIAISON_CLI_EXIT_USAGE;
}
