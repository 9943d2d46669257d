/* test-lsq-keys.c: LeadSquared API keys against two in-process sandboxes
 * standing for two regions: the user, org and host found; wrong keys, the
 * wrong region and a deactivated user, each with its own error; the keys
 * saved in the keyring and read back after a restart.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "auth-test-util.h"
#include "liaison-accounts.h"
#include "liaison-lsq-keys.h"

static LiaisonSandbox *home;  /* the region the sandbox keys belong to */
static LiaisonSandbox *other; /* another region, other keys */
static char *work_dir;
static gboolean have_keyring;

static LiaisonLsqAccount *
check (const char *access_key, const char *secret_key, const char *expected_url,
       const char *const *candidates, GError **error)
{
  g_autoptr (LiaisonLsqKeys) keys = liaison_lsq_keys_new (access_key, secret_key);
  g_autoptr (GAsyncResult) result = NULL;

  liaison_lsq_keys_set_candidates (keys, candidates);
  liaison_lsq_keys_set_expected_url (keys, expected_url);
  liaison_lsq_keys_check_async (keys, NULL, auth_test_store_result, &result);
  return liaison_lsq_keys_check_finish (keys, auth_test_wait (&result), error);
}

static void
test_known_hosts (void)
{
  const char *const *hosts = liaison_lsq_keys_get_known_hosts ();

  g_assert_cmpstr (hosts[0], ==, "api.leadsquared.com");
  g_assert_true (g_strv_contains (hosts, "api-us11.leadsquared.com"));
  g_assert_true (g_strv_contains (hosts, "api-in21.leadsquared.com"));
  g_assert_cmpstr (liaison_lsq_keys_get_region_name ("api-us11.leadsquared.com"), ==,
                   "United States");
  g_assert_null (liaison_lsq_keys_get_region_name ("example.com"));
}

static void
test_detect (void)
{
  const char *candidates[]
      = { liaison_sandbox_get_lsq_url (other), liaison_sandbox_get_lsq_url (home), NULL };
  g_autoptr (LiaisonLsqAccount) account = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GUri) uri = g_uri_parse (liaison_sandbox_get_lsq_url (home), G_URI_FLAGS_NONE, NULL);
  g_autofree char *host = g_strdup_printf ("127.0.0.1:%d", g_uri_get_port (uri));

  /* Pasted with stray white space, asked of the wrong region first. */
  account = check (liaison_sandbox_get_lsq_access_key (home), "  \n", NULL, candidates, &error);
  g_assert_null (account);
  g_assert_error (error, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_WRONG_KEYS);
  g_clear_error (&error);

  {
    g_autofree char *padded
        = g_strconcat (" ", liaison_sandbox_get_lsq_secret_key (home), "\n", NULL);

    account = check (liaison_sandbox_get_lsq_access_key (home), padded, NULL, candidates, &error);
  }
  g_assert_no_error (error);
  g_assert_nonnull (account);
  g_assert_cmpstr (account->host, ==, host);
  g_assert_cmpstr (account->base_url, ==, liaison_sandbox_get_lsq_url (home));
  g_assert_nonnull (account->name);
  g_assert_cmpuint (strlen (account->name), >, 2);
  g_assert_nonnull (account->role);
  g_assert_nonnull (account->org_id);
  g_assert_cmpstr (account->org_name, ==, "Sandbox Dental");
  g_assert_nonnull (account->user_id);
}

static void
test_wrong_keys (void)
{
  const char *candidates[]
      = { liaison_sandbox_get_lsq_url (other), liaison_sandbox_get_lsq_url (home), NULL };
  g_autoptr (LiaisonLsqAccount) account = NULL;
  g_autoptr (GError) error = NULL;

  account = check (liaison_sandbox_get_lsq_access_key (home), "0123456789abcdef", NULL, candidates,
                   &error);
  g_assert_null (account);
  g_assert_error (error, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_WRONG_KEYS);
  g_assert_nonnull (strstr (error->message, "did not accept these API keys in any region"));
  g_assert_nonnull (strstr (error->message, "API and Webhooks"));
}

static void
test_wrong_region (void)
{
  const char *candidates[]
      = { liaison_sandbox_get_lsq_url (other), liaison_sandbox_get_lsq_url (home), NULL };
  g_autoptr (LiaisonLsqAccount) account = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GUri) uri = g_uri_parse (liaison_sandbox_get_lsq_url (home), G_URI_FLAGS_NONE, NULL);
  g_autofree char *host = g_strdup_printf ("127.0.0.1:%d", g_uri_get_port (uri));

  /* The person chose the other region; the keys belong to home. */
  account
      = check (liaison_sandbox_get_lsq_access_key (home), liaison_sandbox_get_lsq_secret_key (home),
               liaison_sandbox_get_lsq_url (other), candidates, &error);
  g_assert_null (account);
  g_assert_error (error, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_WRONG_REGION);
  g_assert_nonnull (strstr (error->message, host));
  g_assert_nonnull (strstr (error->message, "Choose that region"));

  /* Chosen right: fine. */
  g_clear_error (&error);
  account
      = check (liaison_sandbox_get_lsq_access_key (home), liaison_sandbox_get_lsq_secret_key (home),
               liaison_sandbox_get_lsq_url (home), candidates, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->host, ==, host);
}

static void
set_admin_status (gint status_code)
{
  g_autoptr (JsonNode) users = auth_test_request (liaison_sandbox_get_lsq_url (home), "GET",
                                                  "/_sandbox/lsq/users", NULL, NULL, NULL);
  JsonArray *records = json_object_get_array_member (json_node_get_object (users), "records");
  const char *id = json_object_get_string_member (json_array_get_object_element (records, 0), "ID");
  g_autofree char *path = g_strconcat ("/_sandbox/lsq/users/", id, NULL);
  g_autofree char *body = g_strdup_printf ("{\"StatusCode\": %d}", status_code);
  g_autoptr (JsonNode) reply = NULL;
  guint status = 0;

  reply = auth_test_request (liaison_sandbox_get_lsq_url (home), "PATCH", path, "application/json",
                             body, &status);
  g_assert_cmpuint (status, ==, 200);
}

static void
test_deactivated (void)
{
  const char *candidates[] = { liaison_sandbox_get_lsq_url (home), NULL };
  g_autoptr (LiaisonLsqAccount) account = NULL;
  g_autoptr (GError) error = NULL;

  set_admin_status (1);
  account = check (liaison_sandbox_get_lsq_access_key (home),
                   liaison_sandbox_get_lsq_secret_key (home), NULL, candidates, &error);
  set_admin_status (0);
  g_assert_null (account);
  g_assert_error (error, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_USER_DEACTIVATED);
  g_assert_nonnull (strstr (error->message, "deactivated"));
  g_assert_nonnull (strstr (error->message, "Reactivate the user"));
}

static void
test_saved_in_keyring (void)
{
  const char *candidates[] = { liaison_sandbox_get_lsq_url (home), NULL };
  g_autofree char *store_path = g_build_filename (work_dir, "profile.db", NULL);
  g_autoptr (LiaisonLsqKeys) keys = NULL;
  g_autoptr (LiaisonLsqKeys) loaded = NULL;
  g_autoptr (LiaisonLsqAccount) account = NULL;
  g_autoptr (LiaisonAccounts) accounts = NULL;
  g_autoptr (LiaisonAccounts) restarted = NULL;
  g_autoptr (LiaisonStore) store = NULL;
  g_autoptr (LiaisonTokenStore) token_store = NULL;
  g_autoptr (LiaisonStoreConnection) connection = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) secret = NULL;
  g_autofree char *id = NULL;

  if (!have_keyring)
    {
      g_test_skip ("no unlocked Secret Service on the session bus: run the suite inside "
                   "build-aux/headless");
      return;
    }

  keys = liaison_lsq_keys_new (liaison_sandbox_get_lsq_access_key (home),
                               liaison_sandbox_get_lsq_secret_key (home));
  liaison_lsq_keys_set_candidates (keys, candidates);
  liaison_lsq_keys_check_async (keys, NULL, auth_test_store_result, &result);
  account = liaison_lsq_keys_check_finish (keys, auth_test_wait (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  store = liaison_store_open_sync (store_path, NULL, &error);
  g_assert_no_error (error);
  token_store = liaison_token_store_new ();
  accounts = liaison_accounts_new (store, token_store);
  liaison_accounts_save_lsq_async (accounts, keys, account, NULL, auth_test_store_result, &result);
  id = liaison_accounts_save_lsq_finish (accounts, auth_test_wait (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_clear_object (&accounts);
  g_clear_object (&store);
  g_clear_object (&token_store);

  /* After a restart: the row describes the account, the keyring has the keys. */
  store = liaison_store_open_sync (store_path, NULL, &error);
  g_assert_no_error (error);
  connection = liaison_store_lookup_connection (store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (connection);
  g_assert_cmpint (connection->service, ==, LIAISON_SERVICE_LSQ);
  g_assert_cmpstr (connection->account_id, ==, account->org_id);
  g_assert_cmpstr (connection->display_name, ==, "Sandbox Dental");
  g_assert_cmpstr (connection->host, ==, liaison_sandbox_get_lsq_url (home));
  g_assert_nonnull (strstr (connection->details, account->name));
  g_assert_null (strstr (connection->details, liaison_sandbox_get_lsq_secret_key (home)));

  token_store = liaison_token_store_new ();
  restarted = liaison_accounts_new (store, token_store);
  liaison_accounts_load_lsq_async (restarted, id, NULL, auth_test_store_result, &result);
  loaded = liaison_accounts_load_lsq_finish (restarted, auth_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  secret = liaison_lsq_keys_to_secret (loaded);
  g_assert_cmpstr (json_object_get_string_member (secret, "accessKey"), ==,
                   liaison_sandbox_get_lsq_access_key (home));
  g_assert_cmpstr (json_object_get_string_member (secret, "secretKey"), ==,
                   liaison_sandbox_get_lsq_secret_key (home));

  /* Disconnect leaves nothing behind. */
  g_clear_object (&result);
  liaison_accounts_remove_async (restarted, id, NULL, auth_test_store_result, &result);
  g_assert_true (liaison_accounts_remove_finish (restarted, auth_test_wait (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_clear_object (&loaded);
  liaison_accounts_load_lsq_async (restarted, id, NULL, auth_test_store_result, &result);
  loaded = liaison_accounts_load_lsq_finish (restarted, auth_test_wait (&result), &error);
  g_assert_null (loaded);
  g_assert_error (error, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_NOT_CONNECTED);
}

static void
test_no_secret_leaked (void)
{
  auth_test_assert_no_secret_leaked ();
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  auth_test_capture_log ();
  have_keyring = auth_test_keyring_available ();
  home = auth_test_sandbox (503, 0);
  other = auth_test_sandbox (504, 0);
  g_assert_cmpstr (liaison_sandbox_get_lsq_access_key (home), !=,
                   liaison_sandbox_get_lsq_access_key (other));
  work_dir = auth_test_private_dir ();

  g_test_add_func ("/auth/lsq/known-hosts", test_known_hosts);
  g_test_add_func ("/auth/lsq/detect", test_detect);
  g_test_add_func ("/auth/lsq/wrong-keys", test_wrong_keys);
  g_test_add_func ("/auth/lsq/wrong-region", test_wrong_region);
  g_test_add_func ("/auth/lsq/deactivated", test_deactivated);
  g_test_add_func ("/auth/lsq/saved-in-keyring", test_saved_in_keyring);
  g_test_add_func ("/auth/lsq/no-secret-leaked", test_no_secret_leaked);
  status = g_test_run ();

  liaison_sandbox_stop (home);
  liaison_sandbox_stop (other);
  g_clear_object (&home);
  g_clear_object (&other);
  g_free (work_dir);
  return status;
}
