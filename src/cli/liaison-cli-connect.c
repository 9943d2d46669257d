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
#include "liaison-cli-accounts-private.h"
#include "liaison-oauth-flow.h"

static const char *
secrets_note (void)
{
  return _ ("Secrets are read from a file, or from standard input when FILE is “-”, never from "
            "the command line, where every user of this computer can read them (ps). They are "
            "kept in the keyring only.\n\n"
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
ghl_options_check (LiaisonCliAccounts *cli, GhlOptions *o, int argc, char **argv, GError **error)
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

static int
ghl_saved (LiaisonCliAccounts *cli, GAsyncResult *result)
{
  g_autoptr (GError) error = NULL;
  const LiaisonStoreConnection *connection;
  LiaisonGhlAuthorizer *authorizer;
  g_autofree char *summary = NULL;

  if (!liaison_session_change_finish (cli->session, result, &error))
    {
      g_prefix_error (&error, _ ("HighLevel answered, but the connection could not be saved: "));
      return liaison_cli_accounts_failed (
          cli, error, _ ("Check that the keyring is unlocked, then connect again."));
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
ghl_private (LiaisonCliAccounts *cli, const char *token, const char *location)
{
  g_autoptr (LiaisonAuthorizer) bearer = liaison_bearer_authorizer_new (token);
  g_autoptr (LiaisonHttp) http = NULL;
  g_autoptr (LiaisonGhlClient) client = NULL;
  g_autoptr (LiaisonGhlTokens) tokens = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) users = NULL;
  g_autoptr (GError) error = NULL;

  /* Asked once before saving, so that a mistyped token or location is told
   * now rather than at the first sync. */
  http = liaison_http_new (LIAISON_HTTP_SERVICE_GHL, liaison_session_get_ghl_api_url (cli->session),
                           bearer, &error);
  if (http == NULL)
    return liaison_cli_accounts_failed (cli, error, NULL);
  client = liaison_ghl_client_new (http, location);
  liaison_ghl_client_list_users_async (client, cli->cancellable, liaison_cli_accounts_store_result,
                                       cli);
  result = liaison_cli_accounts_wait (cli);
  users = liaison_ghl_client_list_finish (client, result, &error);
  g_clear_object (&result);
  if (users == NULL)
    {
      g_prefix_error (&error, _ ("HighLevel did not accept the token for this location: "));
      return liaison_cli_accounts_failed (
          cli, error,
          _ ("Check the token (HighLevel: Settings, Private Integrations) and the location id, "
             "then connect again."));
    }

  tokens = liaison_ghl_tokens_new_private (token, location);
  liaison_session_add_ghl_async (cli->session, tokens, cli->cancellable,
                                 liaison_cli_accounts_store_result, cli);
  result = liaison_cli_accounts_wait (cli);
  return ghl_saved (cli, result);
}

/* The app of the connection in use, to reconnect without --client-id. */
static char *
previous_client_id (LiaisonCliAccounts *cli)
{
  LiaisonGhlAuthorizer *authorizer = liaison_session_get_ghl_authorizer (cli->session);
  g_autoptr (LiaisonGhlTokens) tokens = NULL;

  if (authorizer == NULL)
    return NULL;
  tokens = liaison_ghl_authorizer_dup_tokens (authorizer);
  return tokens != NULL ? g_strdup (tokens->client_id) : NULL;
}

static int
ghl_oauth (LiaisonCliAccounts *cli, GhlOptions *o, const char *secret_from_file)
{
  LiaisonTokenStore *token_store = liaison_session_get_token_store (cli->session);
  g_autofree char *client_id = NULL;
  g_autoptr (LiaisonCliSecret) stored_secret = NULL;
  g_autoptr (LiaisonOAuthFlow) flow = NULL;
  g_autoptr (LiaisonGhlTokens) tokens = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  const char *client_secret = secret_from_file;

  client_id = o->client_id != NULL ? g_strdup (o->client_id) : previous_client_id (cli);
  if (client_id == NULL)
    {
      usage_error (&error, _ ("--client-id is needed: the client ID of your HighLevel "
                              "marketplace app (or use --private-token-file)"));
      return liaison_cli_accounts_usage (cli, error);
    }

  if (client_secret == NULL)
    {
      liaison_token_store_load_client_secret_async (token_store, client_id, cli->cancellable,
                                                    liaison_cli_accounts_store_result, cli);
      result = liaison_cli_accounts_wait (cli);
      stored_secret = liaison_token_store_load_client_secret_finish (token_store, result, &error);
      g_clear_object (&result);
      if (error != NULL)
        return liaison_cli_accounts_failed (
            cli, error, _ ("Check that the keyring is unlocked, then connect again."));
      if (stored_secret == NULL)
        {
          g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _ ("--client-secret-file is needed: the keyring holds no client secret "
                          "of the app %s yet"),
                       client_id);
          return liaison_cli_accounts_usage (cli, error);
        }
      client_secret = stored_secret;
    }
  else
    {
      /* The secret goes to the keyring first: renewing the token later needs it. */
      liaison_token_store_save_client_secret_async (token_store, client_id, client_secret,
                                                    cli->cancellable,
                                                    liaison_cli_accounts_store_result, cli);
      result = liaison_cli_accounts_wait (cli);
      if (!liaison_token_store_save_client_secret_finish (token_store, result, &error))
        {
          g_prefix_error (&error, _ ("The app’s client secret could not be kept in the keyring: "));
          return liaison_cli_accounts_failed (
              cli, error, _ ("Check that the keyring is unlocked, then connect again."));
        }
      g_clear_object (&result);
    }

  flow = liaison_oauth_flow_new (client_id, client_secret);
  if (cli->ghl_url != NULL)
    liaison_oauth_flow_set_marketplace_url (flow, cli->ghl_url, NULL);
  else
    liaison_oauth_flow_set_marketplace (flow, o->white_label ? LIAISON_OAUTH_MARKETPLACE_WHITE_LABEL
                                                             : LIAISON_OAUTH_MARKETPLACE_STANDARD);
  if (!liaison_oauth_flow_set_api_url (flow, liaison_session_get_ghl_api_url (cli->session),
                                       &error))
    return liaison_cli_accounts_failed (cli, error, NULL);
  if (o->port >= 0)
    liaison_oauth_flow_set_port (flow, (guint) o->port);
  liaison_oauth_flow_set_open_browser (flow, !o->no_browser);

  liaison_oauth_flow_run_async (flow, cli->cancellable, liaison_cli_accounts_store_result, cli);
  if (liaison_oauth_flow_get_authorize_url (flow) != NULL)
    {
      g_printerr (_ ("Open this address to connect HighLevel: %s\n"),
                  liaison_oauth_flow_get_authorize_url (flow));
      g_printerr ("%s\n", o->no_browser
                              ? _ ("Waiting for you to allow Liaison there (Ctrl+C cancels)…")
                              : _ ("Your browser opens it now. Waiting for you to allow Liaison "
                                   "there (Ctrl+C cancels)…"));
    }
  result = liaison_cli_accounts_wait (cli);
  tokens = liaison_oauth_flow_run_finish (flow, result, &error);
  g_clear_object (&result);
  if (tokens == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_error (&error);
          g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _ ("Connecting was cancelled."));
        }
      return liaison_cli_accounts_failed (cli, error, NULL);
    }

  liaison_session_add_ghl_async (cli->session, tokens, cli->cancellable,
                                 liaison_cli_accounts_store_result, cli);
  result = liaison_cli_accounts_wait (cli);
  return ghl_saved (cli, result);
}

static int
connect_ghl (int argc, char **argv)
{
  LiaisonCliAccounts cli;
  GhlOptions o = { .port = -1 };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (LiaisonCliSecret) secret = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *description = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "client-id", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &o.client_id,
      N_ ("The client ID of your HighLevel marketplace app (default: the app of the connection "
          "in use)"),
      N_ ("ID") },
    { "client-secret-file", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &o.client_secret_file,
      N_ ("Read the app’s client secret from FILE, or “-” for standard input (default: the one in "
          "the keyring)"),
      N_ ("FILE") },
    { "white-label", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &o.white_label,
      N_ ("Sign in on the white-label marketplace (marketplace.leadconnectorhq.com)"), NULL },
    { "port", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_INT, &o.port,
      N_ ("Wait for the browser on this port of 127.0.0.1 (default 47318; 0 picks a free one)"),
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

  liaison_cli_accounts_init (&cli, "connect ghl");
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
  liaison_cli_accounts_add_options (&cli, context);

  if (!liaison_cli_accounts_parse (&cli, context, &argc, &argv, &error)
      || !ghl_options_check (&cli, &o, argc, argv, &error))
    {
      status = liaison_cli_accounts_usage (&cli, error);
      goto out;
    }

  /* Secrets first: a prompt on the terminal must come before any waiting. */
  if (o.token_file != NULL || o.client_secret_file != NULL)
    {
      gboolean with_token = o.token_file != NULL;

      secret = liaison_cli_accounts_read_secret (
          with_token ? "--private-token-file" : "--client-secret-file",
          with_token ? o.token_file : o.client_secret_file, &error);
      if (secret == NULL)
        {
          status = liaison_cli_accounts_usage (&cli, error);
          goto out;
        }
    }

  if (!liaison_cli_accounts_open (&cli, TRUE, &error))
    status = liaison_cli_accounts_failed (
        &cli, error, _ ("Check that your home folder can be read and written, then try again."));
  else if (o.token_file != NULL)
    status = ghl_private (&cli, secret, g_strstrip (o.location));
  else
    status = ghl_oauth (&cli, &o, secret);

out:
  ghl_options_clear (&o);
  liaison_cli_accounts_clear (&cli);
  return status;
}

/* ---- LeadSquared ---- */

static gboolean
lsq_options_check (int argc, char **argv, char *access_key, const char *secret_file, GError **error)
{
  if (argc > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _ ("unexpected argument “%s”"),
                   argv[1]);
      return FALSE;
    }
  if (access_key == NULL || *g_strstrip (access_key) == '\0' || secret_file == NULL)
    return usage_error (error, _ ("both --access-key and --secret-key-file are needed"));
  return TRUE;
}

static int
connect_lsq (int argc, char **argv)
{
  LiaisonCliAccounts cli;
  g_autofree char *access_key = NULL;
  g_autofree char *secret_file = NULL;
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (LiaisonCliSecret) secret = NULL;
  g_autoptr (LiaisonLsqKeys) keys = NULL;
  g_autoptr (LiaisonLsqAccount) account = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *description = NULL;
  int status = LIAISON_CLI_EXIT_OK;
  const GOptionEntry entries[]
      = { { "access-key", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &access_key,
            N_ ("The access key of a LeadSquared user (My Account, Settings, API and Webhooks)"),
            N_ ("KEY") },
          { "secret-key-file", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &secret_file,
            N_ ("Read the user’s secret key from FILE, or “-” for standard input"), N_ ("FILE") },
          { NULL } };

  liaison_cli_accounts_init (&cli, "connect lsq");
  g_set_prgname ("liaison-cli connect lsq");
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (
      context, _ ("Connects a LeadSquared account with the API keys of one of its users. Liaison "
                  "asks LeadSquared whose keys they are, and so finds the account’s region."));
  description = g_strdup (secrets_note ());
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  liaison_cli_accounts_add_options (&cli, context);

  if (liaison_cli_accounts_parse (&cli, context, &argc, &argv, &error)
      && lsq_options_check (argc, argv, access_key, secret_file, &error))
    secret = liaison_cli_accounts_read_secret ("--secret-key-file", secret_file, &error);
  if (secret == NULL)
    {
      status = liaison_cli_accounts_usage (&cli, error);
      goto out;
    }

  if (!liaison_cli_accounts_open (&cli, TRUE, &error))
    {
      status = liaison_cli_accounts_failed (
          &cli, error, _ ("Check that your home folder can be read and written, then try again."));
      goto out;
    }

  keys = liaison_session_create_lsq_keys (cli.session, access_key, secret);
  liaison_lsq_keys_check_async (keys, cli.cancellable, liaison_cli_accounts_store_result, &cli);
  result = liaison_cli_accounts_wait (&cli);
  account = liaison_lsq_keys_check_finish (keys, result, &error);
  g_clear_object (&result);
  if (account == NULL)
    {
      status = liaison_cli_accounts_failed (&cli, error, NULL);
      goto out;
    }

  liaison_session_add_lsq_async (cli.session, keys, account, cli.cancellable,
                                 liaison_cli_accounts_store_result, &cli);
  result = liaison_cli_accounts_wait (&cli);
  if (!liaison_session_change_finish (cli.session, result, &error))
    {
      g_prefix_error (&error, _ ("The keys work, but the connection could not be saved: "));
      status = liaison_cli_accounts_failed (
          &cli, error, _ ("Check that the keyring is unlocked, then connect again."));
      goto out;
    }
  g_print (_ ("LeadSquared is connected: %s (%s) of %s, at %s."), account->name, account->role,
           account->org_name, account->host);
  g_print ("\n");

out:
  liaison_cli_accounts_clear (&cli);
  return status;
}

/* ---- dispatch ---- */

static char *
overview (void)
{
  return g_strdup_printf (
      "%s\n  liaison-cli connect ghl [OPTION…]\n"
      "  liaison-cli connect ghl --private-token-file FILE|- --location ID\n"
      "  liaison-cli connect lsq --access-key KEY --secret-key-file FILE|-\n\n%s\n\n%s\n",
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
