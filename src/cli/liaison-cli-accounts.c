/* liaison-cli-accounts.c: `liaison-cli accounts` (the state of a profile's
 * connections as JSON), `liaison-cli disconnect ghl|lsq`, and the keyring's
 * clients for the ghl and lsq commands. What the commands share is in
 * liaison-cli-harness.c.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-cli"

#include <glib/gi18n.h>

#include "liaison-cli-harness-private.h"
#include "liaison-cli-json.h"
#include "liaison-json.h"

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
      return liaison_cli_json_take_object (object);
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
  return liaison_cli_json_take_object (object);
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
      return liaison_cli_json_take_object (object);
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
  return liaison_cli_json_take_object (object);
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
  LiaisonCliHarness cli;
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (JsonObject) state = json_object_new ();
  g_autoptr (GError) error = NULL;
  int status = LIAISON_CLI_EXIT_OK;

  liaison_cli_harness_init (&cli, "accounts");
  g_set_prgname ("liaison-cli accounts");
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (
      context, _ ("Shows the HighLevel and LeadSquared accounts of a profile as JSON: whether "
                  "each is connected, as whom, to which location or org, until when, with which "
                  "scopes, whether it needs to be connected again, and why."));
  liaison_cli_harness_add_options (&cli, context);

  if (!liaison_cli_harness_parse (&cli, context, &argc, &argv, &error))
    status = liaison_cli_harness_usage (&cli, error);
  else if (argc > 1)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _ ("unexpected argument “%s”"),
                   argv[1]);
      status = liaison_cli_harness_usage (&cli, error);
    }
  else if (!liaison_cli_harness_open (&cli, FALSE, &error))
    status = liaison_cli_harness_failed (&cli, error, liaison_cli_harness_open_hint (&cli, error));
  else
    {
      json_object_set_string_member (state, "profile", cli.profile);
      json_object_set_member (state, "ghl", ghl_state (cli.session));
      json_object_set_member (state, "lsq", lsq_state (cli.session));
      print_json (state);
    }

  liaison_cli_harness_clear (&cli);
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
  LiaisonCliHarness cli;
  g_autoptr (GOptionContext) context = g_option_context_new ("ghl|lsq");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  LiaisonService service = LIAISON_SERVICE_GHL;
  const char *service_name;
  int status = LIAISON_CLI_EXIT_OK;

  liaison_cli_harness_init (&cli, "disconnect");
  g_set_prgname ("liaison-cli disconnect");
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (
      context, _ ("Forgets a connected account: its secrets are removed from the keyring and "
                  "Liaison stops syncing it. Nothing is deleted in the service itself."));
  liaison_cli_harness_add_options (&cli, context);

  if (!liaison_cli_harness_parse (&cli, context, &argc, &argv, &error)
      || !parse_service (argc > 1 ? argv[1] : NULL, &service, &error))
    {
      status = liaison_cli_harness_usage (&cli, error);
      goto out;
    }
  if (argc > 2)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _ ("unexpected argument “%s”"),
                   argv[2]);
      status = liaison_cli_harness_usage (&cli, error);
      goto out;
    }

  service_name = service == LIAISON_SERVICE_GHL ? "HighLevel" : "LeadSquared";
  if (!liaison_cli_harness_open (&cli, FALSE, &error))
    {
      status
          = liaison_cli_harness_failed (&cli, error, liaison_cli_harness_open_hint (&cli, error));
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
                                liaison_cli_harness_store_result, &cli);
  result = liaison_cli_harness_wait (&cli);
  if (!liaison_session_change_finish (cli.session, result, &error))
    status = liaison_cli_harness_failed (
        &cli, error, _ ("Check that the keyring is unlocked, then run the command again."));
  else
    /* Translators: "HighLevel is disconnected from profile “default”; ..." */
    g_print (_ ("%s is disconnected from profile “%s”; its secrets were removed from the "
                "keyring.\n"),
             service_name, cli.profile);

out:
  liaison_cli_harness_clear (&cli);
  return status;
}

/* ---- the keyring's clients for the ghl and lsq commands ---- */

/* Opens the profile named by LIAISON_PROFILE and finds the service's
 * connection, which must be usable. */
static const LiaisonStoreConnection *
open_connection (LiaisonCliHarness *cli, LiaisonService service, GError **error)
{
  const LiaisonStoreConnection *connection = NULL;
  const char *name = service == LIAISON_SERVICE_GHL ? "ghl" : "lsq";
  const char *error_text;
  gboolean usable;

  liaison_cli_harness_init (cli, name);
  if (!liaison_cli_harness_apply_defaults (cli, FALSE, error)
      || !liaison_cli_harness_open (cli, FALSE, error))
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
  LiaisonCliHarness cli;
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
  liaison_cli_harness_clear (&cli);
  return client;
}

LiaisonLsqClient *
liaison_cli_accounts_load_lsq_client (GError **error)
{
  LiaisonCliHarness cli;
  LiaisonLsqClient *client = NULL;

  if (open_connection (&cli, LIAISON_SERVICE_LSQ, error) != NULL)
    client = g_object_ref (liaison_session_get_lsq_client (cli.session));
  liaison_cli_harness_clear (&cli);
  return client;
}
