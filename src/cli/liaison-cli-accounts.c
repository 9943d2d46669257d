/* liaison-cli-accounts.c: `liaison-cli accounts` (the state of a profile's
 * connections as JSON), `liaison-cli disconnect ghl|lsq`, the keyring's
 * clients for the ghl and lsq commands, and what the account commands
 * share: the profile and sandbox options, one session, waiting for one
 * call at a time, and reading secrets from a file or stdin (never from the
 * command line, which any user of the machine can read in ps).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-cli"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "liaison-cli-accounts-private.h"
#include "liaison-json.h"

/* Longer than any token or key the services issue. */
#define SECRET_MAX_BYTES 16384

/* ---- what the commands share ---- */

void
liaison_cli_accounts_init (LiaisonCliAccounts *cli, const char *name)
{
  memset (cli, 0, sizeof *cli);
  cli->name = name;
  cli->loop = g_main_loop_new (NULL, FALSE);
  cli->cancellable = g_cancellable_new ();
  /* Traces (LIAISON_DEBUG) must not mix with what goes to stdout. */
  g_log_writer_default_set_use_stderr (TRUE);
}

void
liaison_cli_accounts_clear (LiaisonCliAccounts *cli)
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
}

void
liaison_cli_accounts_add_options (LiaisonCliAccounts *cli, GOptionContext *context)
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
static gboolean
apply_defaults (LiaisonCliAccounts *cli, gboolean with_urls, GError **error)
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
liaison_cli_accounts_parse (LiaisonCliAccounts *cli, GOptionContext *context, int *argc,
                            char ***argv, GError **error)
{
  return g_option_context_parse (context, argc, argv, error) && apply_defaults (cli, TRUE, error);
}

void
liaison_cli_accounts_store_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonCliAccounts *cli = user_data;

  g_set_object (&cli->result, result);
  g_main_loop_quit (cli->loop);
}

static gboolean
on_signal (gpointer user_data)
{
  LiaisonCliAccounts *cli = user_data;

  /* The call then ends as cancelled, and the command says so. */
  g_cancellable_cancel (cli->cancellable);
  return G_SOURCE_CONTINUE;
}

/* Runs the loop until the call that was given store_result has ended;
 * the caller owns the result. */
GAsyncResult *
liaison_cli_accounts_wait (LiaisonCliAccounts *cli)
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
liaison_cli_accounts_open (LiaisonCliAccounts *cli, gboolean create, GError **error)
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
                              liaison_cli_accounts_store_result, cli);
  result = liaison_cli_accounts_wait (cli);
  if (!liaison_session_open_finish (cli->session, result, error))
    {
      g_clear_object (&cli->session);
      return FALSE;
    }
  return TRUE;
}

int
liaison_cli_accounts_usage (LiaisonCliAccounts *cli, const GError *error)
{
  g_printerr ("liaison-cli %s: %s\n", cli->name, error->message);
  g_printerr (_ ("Run “liaison-cli %s --help” to see how to use it.\n"), cli->name);
  return LIAISON_CLI_EXIT_USAGE;
}

int
liaison_cli_accounts_failed (LiaisonCliAccounts *cli, const GError *error, const char *hint)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_printerr ("liaison-cli %s: %s\n", cli->name, _ ("Stopped before it was done."));
  else
    g_printerr ("liaison-cli %s: %s\n", cli->name, error->message);
  if (hint != NULL)
    g_printerr ("%s\n", hint);
  return LIAISON_CLI_EXIT_FAILED;
}

/* ---- secrets ---- */

void
liaison_cli_accounts_free_secret (LiaisonCliSecret *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

static struct termios saved_terminal;

/* Ctrl+C at the prompt: give the terminal its echo back, then stop. */
static void
on_prompt_signal (int signum)
{
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved_terminal);
  signal (signum, SIG_DFL);
  raise (signum);
}

/* Reads up to SECRET_MAX_BYTES; from a terminal one line, not echoed. */
static char *
read_stdin (GError **error)
{
  gboolean terminal = isatty (STDIN_FILENO);
  struct termios quiet;
  char *buffer = g_malloc0 (SECRET_MAX_BYTES + 1);
  gsize len = 0;
  int saved_errno = 0;

  if (terminal && tcgetattr (STDIN_FILENO, &saved_terminal) == 0)
    {
      g_printerr (_ ("Paste the secret and press Enter (it is not shown): "));
      quiet = saved_terminal;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      signal (SIGINT, on_prompt_signal);
      signal (SIGTERM, on_prompt_signal);
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
      if (fgets (buffer, SECRET_MAX_BYTES + 1, stdin) == NULL)
        saved_errno = errno;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved_terminal);
      signal (SIGINT, SIG_DFL);
      signal (SIGTERM, SIG_DFL);
      g_printerr ("\n");
      len = strlen (buffer);
    }
  else
    {
      len = fread (buffer, 1, SECRET_MAX_BYTES + 1, stdin);
      if (ferror (stdin))
        saved_errno = errno;
    }

  if (saved_errno != 0 || len > SECRET_MAX_BYTES)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           saved_errno != 0 ? g_strerror (saved_errno) : _ ("it is too long"));
      liaison_cli_accounts_free_secret (buffer);
      return NULL;
    }
  return buffer;
}

/* path: a file holding only the secret, or "-" for stdin. Surrounding
 * white space (the file's final newline) is not part of it. */
LiaisonCliSecret *
liaison_cli_accounts_read_secret (const char *option, const char *path, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (LiaisonCliSecret) contents = NULL;
  gsize len = 0;
  const char *where = g_str_equal (path, "-") ? _ ("standard input") : path;

  if (g_str_equal (path, "-"))
    contents = read_stdin (&local_error);
  else if (g_file_get_contents (path, &contents, &len, &local_error) && len > SECRET_MAX_BYTES)
    g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("it is too long"));

  if (local_error != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("%s: the secret could not be read from %s (%s)"), option, where,
                   local_error->message);
      return NULL;
    }

  g_strstrip (contents);
  if (*contents == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _ ("%s: %s holds no secret"),
                   option, where);
      return NULL;
    }
  if (strpbrk (contents, "\r\n") != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("%s: %s holds more than one line; put only the secret in it"), option, where);
      return NULL;
    }
  return g_steal_pointer (&contents);
}

/* ---- the state of the accounts ---- */

static JsonObject *
connection_details (const LiaisonStoreConnection *connection)
{
  g_autoptr (JsonNode) node = NULL;

  if (connection == NULL || connection->details == NULL)
    return NULL;
  node = json_from_string (connection->details, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_ref (json_node_get_object (node));
}

static const char *
detail (JsonObject *details, const char *member)
{
  JsonNode *node = details != NULL ? json_object_get_member (details, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
                 && json_node_get_value_type (node) == G_TYPE_STRING
             ? json_node_get_string (node)
             : NULL;
}

static void
set_string_or_null (JsonObject *object, const char *member, const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

static char *
format_epoch (gint64 seconds)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_unix_utc (seconds);

  return time != NULL ? liaison_json_format_time (time) : NULL;
}

static JsonArray *
scopes_array (const char *scope, JsonObject *details)
{
  JsonArray *array = json_array_new ();
  JsonNode *stored = details != NULL ? json_object_get_member (details, "scopes") : NULL;

  if (scope != NULL)
    {
      g_auto (GStrv) parts = g_strsplit_set (scope, " ,", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        if (*parts[i] != '\0')
          json_array_add_string_element (array, parts[i]);
    }
  else if (stored != NULL && JSON_NODE_HOLDS_ARRAY (stored))
    {
      JsonArray *from = json_node_get_array (stored);

      for (guint i = 0; i < json_array_get_length (from); i++)
        if (JSON_NODE_HOLDS_VALUE (json_array_get_element (from, i)))
          json_array_add_string_element (array, json_array_get_string_element (from, i));
    }
  return array;
}

static JsonNode *
ghl_state (LiaisonSession *session)
{
  JsonObject *object = json_object_new ();
  const LiaisonStoreConnection *connection
      = session != NULL ? liaison_session_get_connection (session, LIAISON_SERVICE_GHL) : NULL;
  LiaisonGhlAuthorizer *authorizer
      = session != NULL ? liaison_session_get_ghl_authorizer (session) : NULL;
  const char *error
      = session != NULL ? liaison_session_get_error (session, LIAISON_SERVICE_GHL) : NULL;
  g_autoptr (JsonObject) details = connection_details (connection);
  g_autofree char *valid_until = NULL;
  g_autofree char *summary = NULL;
  gboolean needs_reconnect
      = connection != NULL
        && (authorizer == NULL || liaison_ghl_authorizer_get_needs_reconnect (authorizer));
  gboolean is_private = g_strcmp0 (detail (details, "authKind"), "private") == 0;

  json_object_set_string_member (object, "service", "HighLevel");
  json_object_set_string_member (object, "state",
                                 connection == NULL ? "not-connected"
                                 : needs_reconnect  ? "needs-reconnect"
                                                    : "connected");
  json_object_set_boolean_member (object, "needsReconnect", needs_reconnect);
  if (connection == NULL)
    {
      json_object_set_string_member (
          object, "summary", _ ("Not connected. Connect it with “liaison-cli connect ghl”."));
      return json_node_init_object (json_node_alloc (), object);
    }

  if (authorizer != NULL && liaison_ghl_authorizer_get_expires_at (authorizer) > 0)
    valid_until = format_epoch (liaison_ghl_authorizer_get_expires_at (authorizer));
  else if (authorizer == NULL)
    valid_until = g_strdup (detail (details, "validUntil"));

  json_object_set_string_member (object, "connectionId", connection->id);
  json_object_set_string_member (object, "location", connection->account_id);
  json_object_set_string_member (object, "name", connection->display_name);
  json_object_set_string_member (object, "apiUrl", connection->host);
  set_string_or_null (object, "authKind", detail (details, "authKind"));
  set_string_or_null (object, "userId", detail (details, "userId"));
  set_string_or_null (object, "userType", detail (details, "userType"));
  set_string_or_null (object, "companyId", detail (details, "companyId"));
  set_string_or_null (object, "clientId", detail (details, "clientId"));
  set_string_or_null (object, "validUntil", valid_until);
  json_object_set_array_member (
      object, "scopes",
      scopes_array (authorizer != NULL ? liaison_ghl_authorizer_get_scope (authorizer) : NULL,
                    details));

  if (needs_reconnect)
    {
      set_string_or_null (object, "error",
                          error != NULL ? error
                                        : _ ("The sign-in has expired or was revoked. Sign in "
                                             "again to go on syncing; nothing fetched so far is "
                                             "lost."));
      summary = g_strdup_printf (_ ("HighLevel needs to be connected again: run “%s”."),
                                 "liaison-cli connect ghl");
    }
  else
    {
      json_object_set_null_member (object, "error");
      if (is_private)
        summary = g_strdup_printf (_ ("Connected to location %s with a private integration "
                                      "token, which does not expire."),
                                   connection->display_name);
      else
        summary = g_strdup_printf (
            _ ("Connected as user %s to location %s; the current token "
               "is valid until %s and is renewed by itself."),
            detail (details, "userId") != NULL ? detail (details, "userId") : "?",
            connection->display_name, valid_until != NULL ? valid_until : "?");
    }
  json_object_set_string_member (object, "summary", summary);
  return json_node_init_object (json_node_alloc (), object);
}

static JsonNode *
lsq_state (LiaisonSession *session)
{
  JsonObject *object = json_object_new ();
  const LiaisonStoreConnection *connection
      = session != NULL ? liaison_session_get_connection (session, LIAISON_SERVICE_LSQ) : NULL;
  const char *error
      = session != NULL ? liaison_session_get_error (session, LIAISON_SERVICE_LSQ) : NULL;
  g_autoptr (JsonObject) details = connection_details (connection);
  g_autofree char *summary = NULL;
  gboolean needs_reconnect = connection != NULL && liaison_session_get_lsq_client (session) == NULL;

  json_object_set_string_member (object, "service", "LeadSquared");
  json_object_set_string_member (object, "state",
                                 connection == NULL ? "not-connected"
                                 : needs_reconnect  ? "needs-reconnect"
                                                    : "connected");
  json_object_set_boolean_member (object, "needsReconnect", needs_reconnect);
  if (connection == NULL)
    {
      json_object_set_string_member (
          object, "summary", _ ("Not connected. Connect it with “liaison-cli connect lsq”."));
      return json_node_init_object (json_node_alloc (), object);
    }

  json_object_set_string_member (object, "connectionId", connection->id);
  json_object_set_string_member (object, "org", connection->account_id);
  json_object_set_string_member (object, "orgName", connection->display_name);
  json_object_set_string_member (object, "host", connection->host);
  set_string_or_null (object, "user", detail (details, "userName"));
  set_string_or_null (object, "userId", detail (details, "userId"));
  set_string_or_null (object, "role", detail (details, "role"));
  set_string_or_null (object, "region", detail (details, "region"));
  set_string_or_null (object, "timeZone", detail (details, "timeZone"));

  if (needs_reconnect)
    {
      set_string_or_null (object, "error",
                          error != NULL ? error
                                        : _ ("Its keys could not be read from the keyring. Enter "
                                             "them again."));
      summary = g_strdup_printf (_ ("LeadSquared needs to be connected again: run “%s”."),
                                 "liaison-cli connect lsq");
    }
  else
    {
      const char *user = detail (details, "userName");
      const char *role = detail (details, "role");
      const char *region = detail (details, "region");

      json_object_set_null_member (object, "error");
      if (region != NULL)
        /* Translators: "Connected as Priya Shah (Sales Manager) to Acme,
         * region India, at https://api-in21.leadsquared.com." */
        summary = g_strdup_printf (_ ("Connected as %s (%s) to %s, region %s, at %s."),
                                   user != NULL ? user : "?", role != NULL ? role : "?",
                                   connection->display_name, region, connection->host);
      else
        /* Translators: "Connected as Priya Shah (Sales Manager) to Acme, at
         * http://127.0.0.1:8081." (a host outside the known regions) */
        summary = g_strdup_printf (_ ("Connected as %s (%s) to %s, at %s."),
                                   user != NULL ? user : "?", role != NULL ? role : "?",
                                   connection->display_name, connection->host);
    }
  json_object_set_string_member (object, "summary", summary);
  return json_node_init_object (json_node_alloc (), object);
}

static void
print_json (JsonObject *object)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = json_node_init_object (json_node_alloc (), object);
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

int
liaison_cli_accounts_main (int argc, char **argv)
{
  LiaisonCliAccounts cli;
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (JsonObject) state = json_object_new ();
  g_autoptr (GError) error = NULL;
  int status = LIAISON_CLI_EXIT_OK;

  liaison_cli_accounts_init (&cli, "accounts");
  g_set_prgname ("liaison-cli accounts");
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (
      context, _ ("Shows the HighLevel and LeadSquared accounts of a profile as JSON: whether "
                  "each is connected, as whom, to which location or org, until when, with which "
                  "scopes, whether it needs to be connected again, and why."));
  liaison_cli_accounts_add_options (&cli, context);

  if (!liaison_cli_accounts_parse (&cli, context, &argc, &argv, &error))
    status = liaison_cli_accounts_usage (&cli, error);
  else if (argc > 1)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _ ("unexpected argument “%s”"),
                   argv[1]);
      status = liaison_cli_accounts_usage (&cli, error);
    }
  else if (!liaison_cli_accounts_open (&cli, FALSE, &error))
    status = liaison_cli_accounts_failed (
        &cli, error, _ ("Check that your home folder can be read and written, then try again."));
  else
    {
      json_object_set_string_member (state, "profile", cli.profile);
      json_object_set_member (state, "ghl", ghl_state (cli.session));
      json_object_set_member (state, "lsq", lsq_state (cli.session));
      print_json (state);
    }

  liaison_cli_accounts_clear (&cli);
  return status;
}

/* ---- disconnecting ---- */

static gboolean
parse_service (const char *name, LiaisonService *service, GError **error)
{
  if (g_strcmp0 (name, "ghl") == 0)
    *service = LIAISON_SERVICE_GHL;
  else if (g_strcmp0 (name, "lsq") == 0)
    *service = LIAISON_SERVICE_LSQ;
  else if (name == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _ ("which account? Name ghl (HighLevel) or lsq (LeadSquared)"));
      return FALSE;
    }
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("there is no service “%s”; name ghl (HighLevel) or lsq (LeadSquared)"), name);
      return FALSE;
    }
  return TRUE;
}

int
liaison_cli_disconnect_main (int argc, char **argv)
{
  LiaisonCliAccounts cli;
  g_autoptr (GOptionContext) context = g_option_context_new ("ghl|lsq");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  LiaisonService service = LIAISON_SERVICE_GHL;
  const char *service_name;
  int status = LIAISON_CLI_EXIT_OK;

  liaison_cli_accounts_init (&cli, "disconnect");
  g_set_prgname ("liaison-cli disconnect");
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (
      context, _ ("Forgets a connected account: its secrets are removed from the keyring and "
                  "Liaison stops syncing it. Nothing is deleted in the service itself."));
  liaison_cli_accounts_add_options (&cli, context);

  if (!liaison_cli_accounts_parse (&cli, context, &argc, &argv, &error)
      || !parse_service (argc > 1 ? argv[1] : NULL, &service, &error))
    {
      status = liaison_cli_accounts_usage (&cli, error);
      goto out;
    }
  if (argc > 2)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _ ("unexpected argument “%s”"),
                   argv[2]);
      status = liaison_cli_accounts_usage (&cli, error);
      goto out;
    }

  service_name = service == LIAISON_SERVICE_GHL ? "HighLevel" : "LeadSquared";
  if (!liaison_cli_accounts_open (&cli, FALSE, &error))
    {
      status = liaison_cli_accounts_failed (
          &cli, error, _ ("Check that your home folder can be read and written, then try again."));
      goto out;
    }
  if (cli.session == NULL || liaison_session_get_connection (cli.session, service) == NULL)
    {
      /* Translators: "HighLevel is not connected in profile “default”; ..." */
      g_print (_ ("%s is not connected in profile “%s”; there is nothing to disconnect.\n"),
               service_name, cli.profile);
      goto out;
    }

  liaison_session_remove_async (cli.session, service, cli.cancellable,
                                liaison_cli_accounts_store_result, &cli);
  result = liaison_cli_accounts_wait (&cli);
  if (!liaison_session_change_finish (cli.session, result, &error))
    status = liaison_cli_accounts_failed (
        &cli, error, _ ("Check that the keyring is unlocked, then run the command again."));
  else
    /* Translators: "HighLevel is disconnected from profile “default”; ..." */
    g_print (_ ("%s is disconnected from profile “%s”; its secrets were removed from the "
                "keyring.\n"),
             service_name, cli.profile);

out:
  liaison_cli_accounts_clear (&cli);
  return status;
}

/* ---- the keyring's clients for the ghl and lsq commands ---- */

/* Opens the profile named by LIAISON_PROFILE and finds the service's
 * connection, which must be usable. */
static const LiaisonStoreConnection *
open_connection (LiaisonCliAccounts *cli, LiaisonService service, GError **error)
{
  const LiaisonStoreConnection *connection = NULL;
  const char *name = service == LIAISON_SERVICE_GHL ? "ghl" : "lsq";
  const char *error_text;
  gboolean usable;

  liaison_cli_accounts_init (cli, name);
  if (!apply_defaults (cli, FALSE, error) || !liaison_cli_accounts_open (cli, FALSE, error))
    return NULL;
  if (cli->session != NULL)
    connection = liaison_session_get_connection (cli->session, service);
  if (connection == NULL)
    {
      /* Translators: "no HighLevel account is connected in profile “default”" */
      g_set_error (error, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_NOT_CONNECTED,
                   _ ("no %s account is connected in profile “%s” (connect one with “liaison-cli "
                      "connect %s”)"),
                   service == LIAISON_SERVICE_GHL ? "HighLevel" : "LeadSquared", cli->profile,
                   name);
      return NULL;
    }

  error_text = liaison_session_get_error (cli->session, service);
  if (service == LIAISON_SERVICE_GHL)
    usable = liaison_session_get_ghl_authorizer (cli->session) != NULL
             && !liaison_ghl_authorizer_get_needs_reconnect (
                 liaison_session_get_ghl_authorizer (cli->session));
  else
    usable = liaison_session_get_lsq_client (cli->session) != NULL;
  if (!usable)
    {
      /* Translators: "The HighLevel account of profile “default” needs to be
       * connected again (REASON). Run “liaison-cli connect ghl”." */
      g_set_error (error, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_KEYRING,
                   _ ("The %s account of profile “%s” needs to be connected again (%s). Run "
                      "“liaison-cli connect %s”."),
                   service == LIAISON_SERVICE_GHL ? "HighLevel" : "LeadSquared", cli->profile,
                   error_text != NULL ? error_text : _ ("its sign-in was revoked"), name);
      return NULL;
    }
  return connection;
}

LiaisonGhlClient *
liaison_cli_accounts_load_ghl_client (GError **error)
{
  LiaisonCliAccounts cli;
  const LiaisonStoreConnection *connection;
  g_autoptr (LiaisonHttp) http = NULL;
  LiaisonGhlClient *client = NULL;

  connection = open_connection (&cli, LIAISON_SERVICE_GHL, error);
  /* At the address it was connected at: a sandbox's tokens mean nothing to
   * HighLevel itself. */
  if (connection != NULL)
    http = liaison_http_new (LIAISON_HTTP_SERVICE_GHL, connection->host,
                             LIAISON_AUTHORIZER (liaison_session_get_ghl_authorizer (cli.session)),
                             error);
  if (http != NULL)
    client = liaison_ghl_client_new (http, connection->account_id);
  liaison_cli_accounts_clear (&cli);
  return client;
}

LiaisonLsqClient *
liaison_cli_accounts_load_lsq_client (GError **error)
{
  LiaisonCliAccounts cli;
  LiaisonLsqClient *client = NULL;

  if (open_connection (&cli, LIAISON_SERVICE_LSQ, error) != NULL)
    client = g_object_ref (liaison_session_get_lsq_client (cli.session));
  liaison_cli_accounts_clear (&cli);
  return client;
}
