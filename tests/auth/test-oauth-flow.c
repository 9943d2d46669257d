/* test-oauth-flow.c: LiaisonOAuthFlow against the in-process sandbox, with
 * the fake browser clicking through the consent page: Allow, Deny, a forged
 * state, a wrong client secret, timeout, cancel, a closed browser, a busy
 * port; and the consent page's address for both marketplace hosts.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "auth-test-util.h"
#include "liaison-oauth-flow.h"

static LiaisonSandbox *sandbox;
static char *work_dir;

typedef struct
{
  LiaisonGhlTokens *tokens;
  GError *error;
  char *page;
  char *authorize_url;
  guint port;
} Outcome;

static void
outcome_clear (Outcome *outcome)
{
  g_clear_pointer (&outcome->tokens, liaison_ghl_tokens_free);
  g_clear_error (&outcome->error);
  g_clear_pointer (&outcome->page, g_free);
  g_clear_pointer (&outcome->authorize_url, g_free);
}

static gboolean
cancel_now (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
assert_port_closed (guint port)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) connection = NULL;
  g_autoptr (GError) error = NULL;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) port, NULL, &error);
  g_assert_null (connection);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

static void run_flow_full (const char *browser_mode, const char *client_secret, guint timeout_ms,
                           guint cancel_ms, gboolean expect_page, Outcome *outcome);

static LiaisonOAuthFlow *
sandbox_flow (const char *client_secret)
{
  LiaisonOAuthFlow *flow
      = liaison_oauth_flow_new (liaison_sandbox_get_client_id (sandbox), client_secret);
  g_autoptr (GError) error = NULL;

  g_assert_true (
      liaison_oauth_flow_set_marketplace_url (flow, liaison_sandbox_get_ghl_url (sandbox), &error));
  g_assert_no_error (error);
  g_assert_true (
      liaison_oauth_flow_set_api_url (flow, liaison_sandbox_get_ghl_url (sandbox), &error));
  g_assert_no_error (error);
  liaison_oauth_flow_set_port (flow, 0);
  return flow;
}

static void
run_flow (const char *browser_mode, const char *client_secret, guint timeout_ms, guint cancel_ms,
          Outcome *outcome)
{
  run_flow_full (browser_mode, client_secret, timeout_ms, cancel_ms, FALSE, outcome);
}

static void
run_flow_full (const char *browser_mode, const char *client_secret, guint timeout_ms,
               guint cancel_ms, gboolean expect_page, Outcome *outcome)
{
  g_autoptr (LiaisonOAuthFlow) flow = sandbox_flow (client_secret);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *page_file = g_build_filename (work_dir, "page.html", NULL);
  g_autofree char *command = NULL;

  g_unlink (page_file);
  command = browser_mode[0] == '/' ? g_strdup (browser_mode)
                                   : auth_test_browser_command (browser_mode, page_file);
  g_setenv ("LIAISON_BROWSER", command, TRUE);
  if (timeout_ms > 0)
    liaison_oauth_flow_set_timeout_ms (flow, timeout_ms);

  liaison_oauth_flow_run_async (flow, cancellable, auth_test_store_result, &result);
  outcome->authorize_url = g_strdup (liaison_oauth_flow_get_authorize_url (flow));
  if (cancel_ms > 0)
    g_timeout_add (cancel_ms, cancel_now, cancellable);
  auth_test_wait (&result);

  outcome->port = liaison_oauth_flow_get_port (flow);
  outcome->tokens = liaison_oauth_flow_run_finish (flow, result, &outcome->error);
  /* The browser saves the page after Liaison answered: give it a moment. */
  if (expect_page)
    {
      gint64 until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

      while (!g_file_test (page_file, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
    }
  g_file_get_contents (page_file, &outcome->page, NULL, NULL);
  if (outcome->tokens != NULL)
    {
      auth_test_remember_secret (outcome->tokens->access_token);
      auth_test_remember_secret (outcome->tokens->refresh_token);
    }
  /* Whatever the end, nothing listens any more. */
  if (outcome->port != 0)
    assert_port_closed (outcome->port);
}

static void
test_authorize_url (void)
{
  g_autoptr (LiaisonOAuthFlow) flow = liaison_oauth_flow_new ("app-id", "app-secret");
  g_autoptr (GError) error = NULL;
  g_autofree char *standard = NULL;
  g_autofree char *white = NULL;
  const char *const mine[] = { "contacts.readonly", NULL };
  g_autofree char *narrow = NULL;

  g_assert_cmpuint (liaison_oauth_flow_get_port (flow), ==, LIAISON_OAUTH_DEFAULT_PORT);
  g_assert_cmpuint (liaison_oauth_flow_get_timeout_ms (flow), ==, 5 * 60 * 1000);

  standard = liaison_oauth_flow_build_authorize_url (flow, "http://127.0.0.1:47318/oauth/callback",
                                                     "st4te");
  g_assert_cmpstr (standard, ==,
                   "https://marketplace.gohighlevel.com/v2/oauth/chooselocation?response_type=code"
                   "&redirect_uri=http%3A%2F%2F127.0.0.1%3A47318%2Foauth%2Fcallback"
                   "&client_id=app-id&scope=contacts.readonly%20contacts.write%20calendars."
                   "readonly%20calendars%2Fevents.readonly%20calendars%2Fevents.write%20locations."
                   "readonly%20locations%2FcustomFields.readonly%20locations%2FcustomFields.write"
                   "%20users.readonly%20businesses.readonly&state=st4te");

  liaison_oauth_flow_set_marketplace (flow, LIAISON_OAUTH_MARKETPLACE_WHITE_LABEL);
  liaison_oauth_flow_set_scopes (flow, mine);
  white = liaison_oauth_flow_build_authorize_url (flow, "http://127.0.0.1:1/oauth/callback", "x");
  g_assert_true (g_str_has_prefix (
      white, "https://marketplace.leadconnectorhq.com/v2/oauth/chooselocation?response_type=code"));
  g_assert_true (g_str_has_suffix (white, "&scope=contacts.readonly&state=x"));

  /* http only on loopback, for the sandbox. */
  g_assert_false (liaison_oauth_flow_set_marketplace_url (flow, "http://example.com", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_true (liaison_oauth_flow_set_marketplace_url (flow, "http://127.0.0.1:8080/", &error));
  narrow = liaison_oauth_flow_build_authorize_url (flow, "http://127.0.0.1:1/oauth/callback", NULL);
  g_assert_true (g_str_has_prefix (narrow, "http://127.0.0.1:8080/v2/oauth/chooselocation?"));
  g_assert_null (strstr (narrow, "state="));
}

static void
test_allow (void)
{
  Outcome outcome = { 0 };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  run_flow_full ("allow", liaison_sandbox_get_client_secret (sandbox), 0, 0, TRUE, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_nonnull (outcome.tokens);
  g_assert_cmpint (outcome.tokens->kind, ==, LIAISON_GHL_AUTH_OAUTH);
  g_assert_cmpuint (strlen (outcome.tokens->access_token), >, 16);
  g_assert_cmpuint (strlen (outcome.tokens->refresh_token), >, 16);
  g_assert_cmpstr (outcome.tokens->access_token, !=, outcome.tokens->refresh_token);
  g_assert_cmpstr (outcome.tokens->location_id, ==, liaison_sandbox_get_location_id (sandbox));
  g_assert_nonnull (outcome.tokens->company_id);
  g_assert_nonnull (outcome.tokens->user_id);
  g_assert_cmpstr (outcome.tokens->user_type, ==, "Location");
  g_assert_cmpstr (outcome.tokens->client_id, ==, liaison_sandbox_get_client_id (sandbox));
  /* The scopes asked for are the scopes granted. */
  g_assert_true (liaison_ghl_tokens_has_scope (outcome.tokens, "contacts.write"));
  g_assert_true (liaison_ghl_tokens_has_scope (outcome.tokens, "calendars/events.write"));
  g_assert_false (liaison_ghl_tokens_has_scope (outcome.tokens, "opportunities.readonly"));
  /* Absolute expiry: a day from now. */
  g_assert_cmpint (outcome.tokens->expires_at, >=, now + 86399 - 5);
  g_assert_cmpint (outcome.tokens->expires_at, <=, now + 86399 + 60);
  g_assert_nonnull (outcome.page);
  g_assert_nonnull (strstr (outcome.page, "Liaison is connected to HighLevel"));
  g_assert_nonnull (strstr (outcome.page, "You can close this tab and return to Liaison"));
  /* PKCE: the consent page got an S256 challenge (43 characters), and the
   * sandbox exchanged the code only because the verifier matched it. */
  g_assert_nonnull (strstr (outcome.authorize_url, "&code_challenge_method=S256"));
  {
    const char *challenge = strstr (outcome.authorize_url, "&code_challenge=");

    g_assert_nonnull (challenge);
    g_assert_cmpuint (strcspn (challenge + strlen ("&code_challenge="), "&"), ==, 43);
  }
  outcome_clear (&outcome);
}

/* A forged answer first (any local page can send one) is answered and
 * ignored; the real one that follows still connects. */
static void
test_wrong_state_then_allow (void)
{
  Outcome outcome = { 0 };

  run_flow_full ("tamper-then-allow", liaison_sandbox_get_client_secret (sandbox), 10000, 0, TRUE,
                 &outcome);
  g_assert_no_error (outcome.error);
  g_assert_nonnull (outcome.tokens);
  g_assert_cmpstr (outcome.tokens->location_id, ==, liaison_sandbox_get_location_id (sandbox));
  g_assert_nonnull (strstr (outcome.page, "Liaison is connected to HighLevel"));
  outcome_clear (&outcome);
}

/* The browser Liaison starts does not inherit exported credentials. */
static void
test_browser_environment (void)
{
  Outcome outcome = { 0 };
  g_autofree char *env_file = g_build_filename (work_dir, "browser-env.txt", NULL);
  g_autofree char *quoted = g_shell_quote (env_file);
  g_autofree char *command = g_strdup_printf ("/bin/sh -c \"env > %s\" browser", quoted);
  g_autofree char *seen = NULL;

  g_setenv ("LIAISON_GHL_TOKEN", "pit-exported-token", TRUE);
  g_setenv ("LIAISON_LSQ_SECRET_KEY", "exported-secret-key", TRUE);
  run_flow (command, liaison_sandbox_get_client_secret (sandbox), 10000, 0, &outcome);
  g_unsetenv ("LIAISON_GHL_TOKEN");
  g_unsetenv ("LIAISON_LSQ_SECRET_KEY");

  /* It ran (and exited, which ends the sign-in). */
  g_assert_error (outcome.error, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_BROWSER_CLOSED);
  g_assert_true (g_file_get_contents (env_file, &seen, NULL, NULL));
  g_assert_nonnull (strstr (seen, "PATH="));
  g_assert_null (strstr (seen, "LIAISON_GHL_TOKEN"));
  g_assert_null (strstr (seen, "pit-exported-token"));
  g_assert_null (strstr (seen, "exported-secret-key"));
  outcome_clear (&outcome);
}

static void
assert_failed_page (Outcome *outcome)
{
  g_assert_nonnull (outcome->page);
  g_assert_nonnull (strstr (outcome->page, "HighLevel was not connected"));
  g_assert_nonnull (strstr (outcome->page, "You can close this tab and return to Liaison"));
}

static void
test_deny (void)
{
  Outcome outcome = { 0 };

  run_flow_full ("deny", liaison_sandbox_get_client_secret (sandbox), 0, 0, TRUE, &outcome);
  g_assert_null (outcome.tokens);
  g_assert_error (outcome.error, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_DENIED);
  g_assert_nonnull (strstr (outcome.error->message, "denied"));
  g_assert_nonnull (strstr (outcome.error->message, "choose Allow"));
  assert_failed_page (&outcome);
  g_assert_nonnull (strstr (outcome.page, "Access was denied"));
  outcome_clear (&outcome);
}

static void
test_state_mismatch (void)
{
  Outcome outcome = { 0 };

  run_flow_full ("tamper", liaison_sandbox_get_client_secret (sandbox), 0, 0, TRUE, &outcome);
  g_assert_null (outcome.tokens);
  g_assert_error (outcome.error, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_STATE_MISMATCH);
  g_assert_nonnull (strstr (outcome.error->message, "does not belong to this connection attempt"));
  /* The forged answer got a page of its own; the run went on until the
   * browser went away. */
  g_assert_nonnull (outcome.page);
  g_assert_nonnull (strstr (outcome.page, "This answer is not for Liaison"));
  g_assert_nonnull (strstr (outcome.page, "You can close this tab and return to Liaison"));
  outcome_clear (&outcome);
}

static void
test_wrong_client_secret (void)
{
  Outcome outcome = { 0 };

  run_flow_full ("allow", "not-the-secret", 0, 0, TRUE, &outcome);
  g_assert_null (outcome.tokens);
  g_assert_error (outcome.error, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_INVALID_CLIENT);
  g_assert_nonnull (strstr (outcome.error->message, "client secret"));
  g_assert_nonnull (strstr (outcome.error->message, "Invalid client"));
  assert_failed_page (&outcome);
  g_assert_null (strstr (outcome.page, "not-the-secret"));
  outcome_clear (&outcome);
}

static void
test_timeout (void)
{
  Outcome outcome = { 0 };
  gint64 start = g_get_monotonic_time ();

  run_flow ("linger", liaison_sandbox_get_client_secret (sandbox), 700, 0, &outcome);
  g_assert_error (outcome.error, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (outcome.error->message, "Connect again"));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 700 * 1000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
  g_assert_null (outcome.page);
  outcome_clear (&outcome);
}

static void
test_cancel (void)
{
  Outcome outcome = { 0 };

  run_flow ("linger", liaison_sandbox_get_client_secret (sandbox), 0, 300, &outcome);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_nonnull (strstr (outcome.error->message, "cancelled"));
  outcome_clear (&outcome);
}

static void
test_browser_closed (void)
{
  Outcome outcome = { 0 };

  run_flow ("close", liaison_sandbox_get_client_secret (sandbox), 10000, 0, &outcome);
  g_assert_error (outcome.error, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_BROWSER_CLOSED);
  g_assert_nonnull (strstr (outcome.error->message, "browser was closed"));
  outcome_clear (&outcome);
}

static void
test_browser_missing (void)
{
  Outcome outcome = { 0 };

  run_flow ("/nonexistent/liaison-browser", liaison_sandbox_get_client_secret (sandbox), 10000, 0,
            &outcome);
  g_assert_error (outcome.error, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_BROWSER_FAILED);
  g_assert_nonnull (strstr (outcome.error->message, "LIAISON_BROWSER"));
  outcome_clear (&outcome);
}

static void
test_port_busy (void)
{
  g_autoptr (SoupServer) squatter = soup_server_new (NULL, NULL);
  g_autoptr (LiaisonOAuthFlow) flow = sandbox_flow (liaison_sandbox_get_client_secret (sandbox));
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonGhlTokens) tokens = NULL;
  GSList *uris;
  guint port;

  g_assert_true (soup_server_listen_local (squatter, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (squatter);
  port = (guint) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  liaison_oauth_flow_set_port (flow, port);
  g_setenv ("LIAISON_BROWSER", "/nonexistent/never-started", TRUE);
  liaison_oauth_flow_run_async (flow, NULL, auth_test_store_result, &result);
  tokens = liaison_oauth_flow_run_finish (flow, auth_test_wait (&result), &error);
  g_assert_null (tokens);
  g_assert_error (error, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_LISTENER);
  g_assert_nonnull (strstr (error->message, "port"));
}

static void
test_no_secret_leaked (void)
{
  auth_test_assert_no_secret_leaked ();
}

/* A token answer without a usable lifetime still keeps its (already rotated)
 * refresh token; one without tokens is refused with a clear error. */
static void
test_token_answer (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) good = json_from_string (
      "{\"access_token\": \"a\", \"refresh_token\": \"r\", \"locationId\": \"L\"}", NULL);
  g_autoptr (JsonNode) timed = json_from_string (
      "{\"access_token\": \"a\", \"refresh_token\": \"r\", \"expires_in\": 600}", NULL);
  g_autoptr (JsonNode) empty = json_from_string ("{\"expires_in\": 600}", NULL);
  g_autoptr (LiaisonGhlTokens) tokens = NULL;

  tokens = liaison_ghl_tokens_new_from_response (good, 1000, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tokens);
  g_assert_cmpstr (tokens->refresh_token, ==, "r");
  g_assert_cmpint (tokens->expires_at, ==, 1000 + LIAISON_GHL_DEFAULT_TOKEN_LIFETIME_S);
  g_clear_pointer (&tokens, liaison_ghl_tokens_free);

  tokens = liaison_ghl_tokens_new_from_response (timed, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tokens->expires_at, ==, 1600);
  g_clear_pointer (&tokens, liaison_ghl_tokens_free);

  /* Numbers are parsed strictly: "nan", "inf", a huge or a fractional
   * lifetime mean the default day, never an undefined cast. */
  {
    const char *const odd[] = { "\"nan\"", "\"inf\"", "\"-5\"",   "1e300", "-1e300",
                                "12.5",    "\"1e3\"", "\" 600\"", "true" };

    for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
      {
        g_autofree char *json = g_strdup_printf (
            "{\"access_token\": \"a\", \"refresh_token\": \"r\", \"expires_in\": %s}", odd[i]);
        g_autoptr (JsonNode) node = json_from_string (json, NULL);

        g_assert_nonnull (node);
        tokens = liaison_ghl_tokens_new_from_response (node, 1000, &error);
        g_assert_no_error (error);
        g_assert_cmpint (tokens->expires_at, ==, 1000 + LIAISON_GHL_DEFAULT_TOKEN_LIFETIME_S);
        g_clear_pointer (&tokens, liaison_ghl_tokens_free);
      }
  }
  {
    g_autoptr (JsonNode) digits = json_from_string (
        "{\"access_token\": \"a\", \"refresh_token\": \"r\", \"expires_in\": \"600\"}", NULL);

    tokens = liaison_ghl_tokens_new_from_response (digits, 1000, &error);
    g_assert_no_error (error);
    g_assert_cmpint (tokens->expires_at, ==, 1600);
    g_clear_pointer (&tokens, liaison_ghl_tokens_free);
  }

  tokens = liaison_ghl_tokens_new_from_response (empty, 1000, &error);
  g_assert_null (tokens);
  g_assert_error (error, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_PROTOCOL);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  auth_test_capture_log ();
  sandbox = auth_test_sandbox (501, 0);
  work_dir = auth_test_private_dir ();

  g_test_add_func ("/auth/oauth/authorize-url", test_authorize_url);
  g_test_add_func ("/auth/oauth/token-answer", test_token_answer);
  g_test_add_func ("/auth/oauth/allow", test_allow);
  g_test_add_func ("/auth/oauth/deny", test_deny);
  g_test_add_func ("/auth/oauth/state-mismatch", test_state_mismatch);
  g_test_add_func ("/auth/oauth/wrong-state-then-allow", test_wrong_state_then_allow);
  g_test_add_func ("/auth/oauth/browser-environment", test_browser_environment);
  g_test_add_func ("/auth/oauth/wrong-client-secret", test_wrong_client_secret);
  g_test_add_func ("/auth/oauth/timeout", test_timeout);
  g_test_add_func ("/auth/oauth/cancel", test_cancel);
  g_test_add_func ("/auth/oauth/browser-closed", test_browser_closed);
  g_test_add_func ("/auth/oauth/browser-missing", test_browser_missing);
  g_test_add_func ("/auth/oauth/port-busy", test_port_busy);
  g_test_add_func ("/auth/oauth/no-secret-leaked", test_no_secret_leaked);
  status = g_test_run ();

  liaison_sandbox_stop (sandbox);
  g_clear_object (&sandbox);
  g_free (work_dir);
  return status;
}
