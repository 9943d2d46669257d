/* test-ghl-authorizer.c: the HighLevel sign-in over its lifetime against
 * the in-process sandbox and the real keyring: one renewal under ten
 * concurrent requests after a forced expiry, renewal ahead of expiry, the
 * rotated refresh token in the keyring before it is used, a revoked refresh
 * token, a restart, private integration tokens, disconnecting; and no
 * credential in any file or log line.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "auth-test-util.h"
#include "liaison-accounts.h"
#include "liaison-http.h"
#include "liaison-oauth-flow.h"

#define N_CONCURRENT 10

static LiaisonSandbox *sandbox;
static char *work_dir;
static char *store_path;
static gboolean have_keyring;
static char *saved_connection; /* the OAuth connection of /refresh-under-load */

static gboolean
need_keyring (void)
{
  if (!have_keyring)
    g_test_skip ("no unlocked Secret Service on the session bus: run the suite inside "
                 "build-aux/headless");
  return have_keyring;
}

/* A token set through the whole flow, the fake browser clicking Allow. */
static LiaisonGhlTokens *
connect_ghl (void)
{
  g_autoptr (LiaisonOAuthFlow) flow = liaison_oauth_flow_new (
      liaison_sandbox_get_client_id (sandbox), liaison_sandbox_get_client_secret (sandbox));
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *command = auth_test_browser_command ("allow", NULL);
  LiaisonGhlTokens *tokens;

  g_setenv ("LIAISON_BROWSER", command, TRUE);
  liaison_oauth_flow_set_marketplace_url (flow, liaison_sandbox_get_ghl_url (sandbox), NULL);
  liaison_oauth_flow_set_api_url (flow, liaison_sandbox_get_ghl_url (sandbox), NULL);
  liaison_oauth_flow_set_port (flow, 0);
  liaison_oauth_flow_run_async (flow, NULL, auth_test_store_result, &result);
  tokens = liaison_oauth_flow_run_finish (flow, auth_test_wait (&result), &error);
  g_assert_no_error (error);
  auth_test_remember_secret (tokens->access_token);
  auth_test_remember_secret (tokens->refresh_token);
  return tokens;
}

static LiaisonAccounts *
open_accounts (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonStore) store = liaison_store_open_sync (store_path, NULL, &error);
  g_autoptr (LiaisonTokenStore) token_store = liaison_token_store_new ();

  g_assert_no_error (error);
  return liaison_accounts_new (store, token_store);
}

static void
save_client_secret (LiaisonTokenStore *token_store)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  liaison_token_store_save_client_secret_async (
      token_store, liaison_sandbox_get_client_id (sandbox),
      liaison_sandbox_get_client_secret (sandbox), NULL, auth_test_store_result, &result);
  g_assert_true (liaison_token_store_save_client_secret_finish (token_store,
                                                                auth_test_wait (&result), &error));
  g_assert_no_error (error);
}

static char *
save_ghl (LiaisonAccounts *accounts, const LiaisonGhlTokens *tokens)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  char *id;

  liaison_accounts_save_ghl_async (accounts, tokens, "Sandbox Dental",
                                   liaison_sandbox_get_ghl_url (sandbox), NULL,
                                   auth_test_store_result, &result);
  id = liaison_accounts_save_ghl_finish (accounts, auth_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static LiaisonGhlAuthorizer *
load_ghl (LiaisonAccounts *accounts, const char *id, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  liaison_accounts_load_ghl_async (accounts, id, NULL, auth_test_store_result, &result);
  return liaison_accounts_load_ghl_finish (accounts, auth_test_wait (&result), error);
}

static JsonObject *
load_secret (const char *service, const char *account)
{
  g_autoptr (LiaisonTokenStore) fresh = liaison_token_store_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *secret;

  liaison_token_store_load_async (fresh, service, account, NULL, auth_test_store_result, &result);
  secret = liaison_token_store_load_finish (fresh, auth_test_wait (&result), &error);
  g_assert_no_error (error);
  return secret;
}

typedef struct
{
  guint done;
  guint failed;
  GError *first_error;
} Burst;

static void
on_location (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Burst *burst = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = liaison_http_send_json_finish (LIAISON_HTTP (source), result, &error);

  burst->done++;
  if (root == NULL)
    {
      burst->failed++;
      if (burst->first_error == NULL)
        burst->first_error = g_steal_pointer (&error);
    }
}

/* n concurrent GET /locations/:id; returns how many failed. */
static guint
burst (LiaisonHttp *http, const char *location_id, guint n, GError **first_error)
{
  Burst state = { 0 };
  g_autofree char *path = g_strconcat ("/locations/", location_id, NULL);
  guint i;

  for (i = 0; i < n; i++)
    {
      g_autoptr (LiaisonHttpRequest) request
          = liaison_http_request_new ("GET", path, "read the location");

      liaison_http_request_add_header (request, "Version", "2021-07-28");
      liaison_http_request_set_idempotent (request, TRUE);
      liaison_http_send_async (http, request, NULL, on_location, &state);
    }
  while (state.done < n)
    g_main_context_iteration (NULL, TRUE);
  if (first_error != NULL)
    *first_error = state.first_error;
  else
    g_clear_error (&state.first_error);
  return state.failed;
}

static guint
count_token_requests (void)
{
  g_autoptr (JsonNode) log = auth_test_request (liaison_sandbox_get_ghl_url (sandbox), "GET",
                                                "/_sandbox/log", NULL, NULL, NULL);
  JsonArray *requests = json_object_get_array_member (json_node_get_object (log), "requests");
  guint i, n = 0;

  for (i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *entry = json_array_get_object_element (requests, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "path"), "/oauth/token") == 0)
        n++;
    }
  return n;
}

static void
expire_access_tokens (void)
{
  guint status = 0;
  g_autoptr (JsonNode) reply
      = auth_test_request (liaison_sandbox_get_ghl_url (sandbox), "POST",
                           "/_sandbox/ghl/tokens/expire", NULL, NULL, &status);

  g_assert_cmpuint (status, ==, 200);
}

typedef struct
{
  LiaisonGhlAuthorizer *authorizer;
  guint stored;
  guint renewals_in_use_when_stored;
} StoredWatch;

static void
on_stored (LiaisonTokenStore *store, const char *service, const char *account, gpointer user_data)
{
  StoredWatch *watch = user_data;

  if (g_strcmp0 (service, LIAISON_SECRET_GHL) != 0)
    return;
  watch->stored++;
  watch->renewals_in_use_when_stored
      = MAX (watch->renewals_in_use_when_stored,
             liaison_ghl_authorizer_get_refresh_count (watch->authorizer));
}

static void
test_refresh_under_load (void)
{
  g_autoptr (LiaisonAccounts) accounts = NULL;
  g_autoptr (LiaisonGhlTokens) tokens = NULL;
  g_autoptr (LiaisonGhlAuthorizer) authorizer = NULL;
  g_autoptr (LiaisonHttp) http = NULL;
  g_autoptr (LiaisonGhlTokens) now_tokens = NULL;
  g_autoptr (JsonObject) secret = NULL;
  g_autoptr (GError) error = NULL;
  StoredWatch watch = { 0 };
  guint token_requests;

  if (!need_keyring ())
    return;

  accounts = open_accounts ();
  save_client_secret (liaison_accounts_get_token_store (accounts));
  tokens = connect_ghl ();
  saved_connection = save_ghl (accounts, tokens);
  authorizer = load_ghl (accounts, saved_connection, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_ghl_authorizer_get_location_id (authorizer), ==,
                   liaison_sandbox_get_location_id (sandbox));
  http = liaison_http_new (LIAISON_HTTP_SERVICE_GHL, liaison_sandbox_get_ghl_url (sandbox),
                           LIAISON_AUTHORIZER (authorizer), &error);
  g_assert_no_error (error);

  g_assert_cmpuint (burst (http, tokens->location_id, 2, NULL), ==, 0);
  g_assert_cmpuint (liaison_ghl_authorizer_get_refresh_count (authorizer), ==, 0);

  watch.authorizer = authorizer;
  g_signal_connect (liaison_accounts_get_token_store (accounts), "stored", G_CALLBACK (on_stored),
                    &watch);
  token_requests = count_token_requests ();
  expire_access_tokens ();

  g_assert_cmpuint (burst (http, tokens->location_id, N_CONCURRENT, &error), ==, 0);
  g_assert_no_error (error);
  /* One renewal for all ten, through one POST /oauth/token. */
  g_assert_cmpuint (liaison_ghl_authorizer_get_refresh_count (authorizer), ==, 1);
  g_assert_cmpuint (liaison_http_get_refresh_count (http), ==, 1);
  g_assert_cmpuint (count_token_requests (), ==, token_requests + 1);
  /* The keyring had the new set before anything used it. */
  g_assert_cmpuint (watch.stored, ==, 1);
  g_assert_cmpuint (watch.renewals_in_use_when_stored, ==, 0);
  g_signal_handlers_disconnect_by_data (liaison_accounts_get_token_store (accounts), &watch);

  now_tokens = liaison_ghl_authorizer_dup_tokens (authorizer);
  auth_test_remember_secret (now_tokens->access_token);
  auth_test_remember_secret (now_tokens->refresh_token);
  g_assert_cmpstr (now_tokens->refresh_token, !=, tokens->refresh_token);
  g_assert_cmpstr (now_tokens->access_token, !=, tokens->access_token);

  /* A new keyring client reads the rotated refresh token. */
  secret = load_secret (LIAISON_SECRET_GHL, saved_connection);
  g_assert_nonnull (secret);
  g_assert_cmpstr (json_object_get_string_member (secret, "refreshToken"), ==,
                   now_tokens->refresh_token);
  g_assert_cmpstr (json_object_get_string_member (secret, "accessToken"), ==,
                   now_tokens->access_token);
}

static void
test_refresh_ahead (void)
{
  g_autoptr (LiaisonTokenStore) token_store = liaison_token_store_new ();
  g_autoptr (LiaisonGhlTokens) tokens = NULL;
  g_autoptr (LiaisonGhlAuthorizer) authorizer = NULL;
  g_autoptr (LiaisonHttp) http = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonGhlTokens) now_tokens = NULL;
  guint token_requests;

  if (!need_keyring ())
    return;

  tokens = connect_ghl ();
  /* Still valid, but within ten minutes of its end. */
  tokens->expires_at = g_get_real_time () / G_USEC_PER_SEC + 5 * 60;
  authorizer = liaison_ghl_authorizer_new (token_store, "refresh-ahead-test", tokens,
                                           liaison_sandbox_get_client_secret (sandbox),
                                           liaison_sandbox_get_ghl_url (sandbox), &error);
  g_assert_no_error (error);
  http = liaison_http_new (LIAISON_HTTP_SERVICE_GHL, liaison_sandbox_get_ghl_url (sandbox),
                           LIAISON_AUTHORIZER (authorizer), &error);
  g_assert_no_error (error);
  token_requests = count_token_requests ();

  g_assert_cmpuint (burst (http, tokens->location_id, N_CONCURRENT, NULL), ==, 0);
  while (liaison_ghl_authorizer_get_refresh_count (authorizer) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (liaison_ghl_authorizer_get_refresh_count (authorizer), ==, 1);
  g_assert_cmpuint (count_token_requests (), ==, token_requests + 1);
  /* Nobody was refused: the renewal came before the end. */
  g_assert_cmpuint (liaison_http_get_refresh_count (http), ==, 0);
  g_assert_cmpint (liaison_ghl_authorizer_get_expires_at (authorizer), >,
                   g_get_real_time () / G_USEC_PER_SEC + 86000);
  now_tokens = liaison_ghl_authorizer_dup_tokens (authorizer);
  auth_test_remember_secret (now_tokens->access_token);
  auth_test_remember_secret (now_tokens->refresh_token);

  /* Renewed requests go on with the new token, and no second renewal. */
  g_assert_cmpuint (burst (http, tokens->location_id, 3, NULL), ==, 0);
  g_assert_cmpuint (liaison_ghl_authorizer_get_refresh_count (authorizer), ==, 1);
}

static void
on_reconnect_needed (LiaisonGhlAuthorizer *authorizer, const char *message, gpointer user_data)
{
  char **last = user_data;

  g_assert_null (*last);
  *last = g_strdup (message);
}

static void
test_revoked (void)
{
  g_autoptr (LiaisonTokenStore) token_store = liaison_token_store_new ();
  g_autoptr (LiaisonGhlTokens) tokens = NULL;
  g_autoptr (LiaisonGhlAuthorizer) authorizer = NULL;
  g_autoptr (LiaisonHttp) http = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) stolen = NULL;
  g_autofree char *form = NULL;
  g_autofree char *signalled = NULL;
  guint status = 0;

  if (!need_keyring ())
    return;

  tokens = connect_ghl ();
  authorizer = liaison_ghl_authorizer_new (token_store, "revoked-test", tokens,
                                           liaison_sandbox_get_client_secret (sandbox),
                                           liaison_sandbox_get_ghl_url (sandbox), &error);
  g_assert_no_error (error);
  g_signal_connect (authorizer, "reconnect-needed", G_CALLBACK (on_reconnect_needed), &signalled);
  http = liaison_http_new (LIAISON_HTTP_SERVICE_GHL, liaison_sandbox_get_ghl_url (sandbox),
                           LIAISON_AUTHORIZER (authorizer), &error);
  g_assert_no_error (error);

  /* Someone else spends the refresh token (as a second copy of the app
   * would); Liaison's copy is dead from then on. */
  form = g_strdup_printf ("client_id=%s&client_secret=%s&grant_type=refresh_token"
                          "&refresh_token=%s",
                          liaison_sandbox_get_client_id (sandbox),
                          liaison_sandbox_get_client_secret (sandbox), tokens->refresh_token);
  stolen = auth_test_request (liaison_sandbox_get_ghl_url (sandbox), "POST", "/oauth/token",
                              "application/x-www-form-urlencoded", form, &status);
  g_assert_cmpuint (status, ==, 200);
  auth_test_remember_secret (
      json_object_get_string_member (json_node_get_object (stolen), "access_token"));
  auth_test_remember_secret (
      json_object_get_string_member (json_node_get_object (stolen), "refresh_token"));
  expire_access_tokens ();

  g_assert_cmpuint (burst (http, tokens->location_id, 3, &error), ==, 3);
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_AUTHORIZED);
  g_assert_nonnull (strstr (error->message, "Reconnect HighLevel in Accounts"));
  g_assert_true (liaison_ghl_authorizer_get_needs_reconnect (authorizer));
  g_assert_nonnull (signalled);
  g_assert_nonnull (strstr (signalled, "Reconnect HighLevel in Accounts"));
  g_assert_cmpuint (liaison_ghl_authorizer_get_refresh_count (authorizer), ==, 0);
  g_clear_error (&error);

  /* From now on requests fail at once with the same advice. */
  g_assert_cmpuint (burst (http, tokens->location_id, 1, &error), ==, 1);
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_AUTHORIZED);
  g_assert_nonnull (strstr (error->message, "Reconnect HighLevel in Accounts"));
}

static void
test_survives_restart (void)
{
  g_autoptr (LiaisonAccounts) accounts = NULL;
  g_autoptr (LiaisonGhlAuthorizer) authorizer = NULL;
  g_autoptr (LiaisonHttp) http = NULL;
  g_autoptr (LiaisonStoreConnection) connection = NULL;
  g_autoptr (GError) error = NULL;

  if (!need_keyring ())
    return;
  g_assert_nonnull (saved_connection);

  /* New store, new keyring client: what a restart of Liaison has. */
  accounts = open_accounts ();
  connection = liaison_store_lookup_connection (liaison_accounts_get_store (accounts),
                                                saved_connection, &error);
  g_assert_no_error (error);
  g_assert_nonnull (connection);
  g_assert_cmpint (connection->service, ==, LIAISON_SERVICE_GHL);
  g_assert_cmpstr (connection->account_id, ==, liaison_sandbox_get_location_id (sandbox));
  g_assert_cmpstr (connection->display_name, ==, "Sandbox Dental");
  g_assert_cmpstr (connection->host, ==, liaison_sandbox_get_ghl_url (sandbox));
  g_assert_nonnull (strstr (connection->details, "\"validUntil\""));
  g_assert_nonnull (strstr (connection->details, "\"contacts.write\""));
  g_assert_nonnull (strstr (connection->details, "\"authKind\":\"oauth\""));

  authorizer = load_ghl (accounts, saved_connection, &error);
  g_assert_no_error (error);
  http = liaison_http_new (LIAISON_HTTP_SERVICE_GHL, liaison_sandbox_get_ghl_url (sandbox),
                           LIAISON_AUTHORIZER (authorizer), &error);
  g_assert_no_error (error);

  /* A day later: the restored refresh token (rotated before the restart)
   * still renews the sign-in. */
  expire_access_tokens ();
  g_assert_cmpuint (burst (http, connection->account_id, 2, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (liaison_ghl_authorizer_get_refresh_count (authorizer), ==, 1);
  {
    g_autoptr (LiaisonGhlTokens) now_tokens = liaison_ghl_authorizer_dup_tokens (authorizer);

    auth_test_remember_secret (now_tokens->access_token);
    auth_test_remember_secret (now_tokens->refresh_token);
  }
}

static void
test_private_token (void)
{
  g_autoptr (LiaisonAccounts) accounts = NULL;
  g_autoptr (LiaisonGhlTokens) tokens = NULL;
  g_autoptr (LiaisonGhlAuthorizer) authorizer = NULL;
  g_autoptr (LiaisonHttp) http = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (LiaisonStoreConnection) connection = NULL;
  g_autoptr (JsonObject) secret = NULL;
  g_autofree char *id = NULL;
  gboolean removed = FALSE;

  if (!need_keyring ())
    return;

  accounts = open_accounts ();
  tokens = liaison_ghl_tokens_new_private (liaison_sandbox_get_private_token (sandbox),
                                           liaison_sandbox_get_location_id (sandbox));
  id = save_ghl (accounts, tokens);
  /* The same location keeps its connection id. */
  g_assert_cmpstr (id, ==, saved_connection);
  authorizer = load_ghl (accounts, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (liaison_ghl_authorizer_get_kind (authorizer), ==, LIAISON_GHL_AUTH_PRIVATE);
  g_assert_false (liaison_authorizer_can_refresh (LIAISON_AUTHORIZER (authorizer)));
  http = liaison_http_new (LIAISON_HTTP_SERVICE_GHL, liaison_sandbox_get_ghl_url (sandbox),
                           LIAISON_AUTHORIZER (authorizer), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (burst (http, tokens->location_id, 2, &error), ==, 0);
  g_assert_no_error (error);

  /* Disconnect clears the keyring item and the row. */
  liaison_accounts_remove_async (accounts, id, NULL, auth_test_store_result, &result);
  g_assert_true (liaison_accounts_remove_finish (accounts, auth_test_wait (&result), &error));
  g_assert_no_error (error);
  secret = load_secret (LIAISON_SECRET_GHL, id);
  g_assert_null (secret);
  connection = liaison_store_lookup_connection (liaison_accounts_get_store (accounts), id, &error);
  g_assert_no_error (error);
  g_assert_null (connection);
  g_clear_object (&result);
  liaison_token_store_clear_async (liaison_accounts_get_token_store (accounts), LIAISON_SECRET_GHL,
                                   id, NULL, auth_test_store_result, &result);
  g_assert_true (liaison_token_store_clear_finish (liaison_accounts_get_token_store (accounts),
                                                   auth_test_wait (&result), &removed, &error));
  g_assert_false (removed);
}

static void
test_no_secret_leaked (void)
{
  g_assert_true (g_file_test (store_path, G_FILE_TEST_EXISTS) || !have_keyring);
  auth_test_assert_no_secret_leaked ();
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  auth_test_capture_log ();
  have_keyring = auth_test_keyring_available ();
  sandbox = auth_test_sandbox (502, 0);
  work_dir = auth_test_private_dir ();
  store_path = g_build_filename (work_dir, "profile.db", NULL);

  g_test_add_func ("/auth/ghl/refresh-under-load", test_refresh_under_load);
  g_test_add_func ("/auth/ghl/refresh-ahead", test_refresh_ahead);
  g_test_add_func ("/auth/ghl/revoked", test_revoked);
  g_test_add_func ("/auth/ghl/survives-restart", test_survives_restart);
  g_test_add_func ("/auth/ghl/private-token", test_private_token);
  g_test_add_func ("/auth/ghl/no-secret-leaked", test_no_secret_leaked);
  status = g_test_run ();

  liaison_sandbox_stop (sandbox);
  g_clear_object (&sandbox);
  g_free (saved_connection);
  g_free (store_path);
  g_free (work_dir);
  return status;
}
