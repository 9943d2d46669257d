/* test-browser-consent.c: the HighLevel click-through with a real browser.
 * Debian's chromium, driven headless by consent.mjs (playwright-core), is
 * Liaison's LIAISON_BROWSER: it loads the in-process sandbox's consent page
 * and clicks Allow, or Deny, as a person would. Allow ends with a connected
 * LiaisonSession whose tokens are in the keyring; Deny ends with the DENIED
 * error; and no file under the test's XDG folders holds an issued token.
 *
 * Skips (saying why) without /usr/bin/chromium, node, or
 * tests/browser/node_modules; `build-aux/dev test` installs all three.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsecret/secret.h>

#include "auth-test-util.h"
#include "liaison-auth-types.h"
#include "liaison-oauth-flow.h"
#include "liaison-session.h"
#include "liaison-token-store.h"

/* Chromium starts in seconds, but ASan builds on two shared cores are slow
 * around it: room enough, yet well inside meson's timeout. */
#define FLOW_TIMEOUT_MS (90 * 1000)
#define BROWSER_TIMEOUT_MS (75 * 1000)

static LiaisonSandbox *sandbox;
static char *work_dir;
static char *skip_reason;

typedef struct
{
  LiaisonGhlTokens *tokens;
  GError *error;
  JsonObject *page; /* what consent.mjs saw last: status, title, text */
  char *screenshot;
} Outcome;

static void
outcome_clear (Outcome *outcome)
{
  g_clear_pointer (&outcome->tokens, liaison_ghl_tokens_free);
  g_clear_error (&outcome->error);
  g_clear_pointer (&outcome->page, json_object_unref);
  g_clear_pointer (&outcome->screenshot, g_free);
}

static const char *
chromium_path (void)
{
  const char *path = g_getenv ("LIAISON_CHROMIUM");

  return path != NULL && *path != '\0' ? path : "/usr/bin/chromium";
}

static char *
script_dir (void)
{
  const char *root = g_getenv ("LIAISON_SOURCE_ROOT");

  return root != NULL ? g_build_filename (root, "tests", "browser", NULL)
                      : g_test_build_filename (G_TEST_DIST, "browser", NULL);
}

/* What is missing for a real browser, or NULL when everything is there. */
static char *
find_missing (void)
{
  g_autofree char *node = g_find_program_in_path ("node");
  g_autofree char *dir = script_dir ();
  g_autofree char *module
      = g_build_filename (dir, "node_modules", "playwright-core", "package.json", NULL);

  if (!g_file_test (chromium_path (), G_FILE_TEST_IS_EXECUTABLE))
    return g_strdup_printf ("%s is missing: install Debian's chromium (build-aux/dev test does)",
                            chromium_path ());
  if (node == NULL)
    return g_strdup ("node is not on PATH: install nodejs (build-aux/dev test does)");
  if (!g_file_test (module, G_FILE_TEST_EXISTS))
    return g_strdup_printf ("%s is missing: run `npm ci` in %s (build-aux/dev test does)", module,
                            dir);
  if (!auth_test_keyring_available ())
    return g_strdup ("no unlocked Secret Service: run under build-aux/headless");
  return NULL;
}

static gboolean
skipped (void)
{
  if (skip_reason == NULL)
    return FALSE;
  g_test_skip (skip_reason);
  return TRUE;
}

static void
on_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* Each test has its own profile, in its own store file. */
static LiaisonSession *
open_session (const char *profile)
{
  g_autoptr (LiaisonSession) session = liaison_session_new (profile);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("%s.db", profile);
  g_autofree char *db = g_build_filename (work_dir, name, NULL);

  liaison_session_set_ghl_api_url (session, liaison_sandbox_get_ghl_url (sandbox));
  liaison_session_open_async (session, db, NULL, on_result, &result);
  wait_result (&result);
  g_assert_true (liaison_session_open_finish (session, result, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&session);
}

/* Sets consent.mjs as the browser; returns the file it reports its last page in. */
static char *
set_browser (const char *action, Outcome *outcome)
{
  g_autofree char *node = g_find_program_in_path ("node");
  g_autofree char *dir = script_dir ();
  g_autofree char *script = g_build_filename (dir, "consent.mjs", NULL);
  g_autofree char *page_name = g_strdup_printf ("%s-page.json", action);
  g_autofree char *shot_name = g_strdup_printf ("%s.png", action);
  char *page_file = g_build_filename (work_dir, page_name, NULL);
  g_autofree char *q_node = g_shell_quote (node);
  g_autofree char *q_script = g_shell_quote (script);
  g_autofree char *q_page = NULL;
  g_autofree char *q_shot = NULL;
  g_autofree char *command = NULL;

  outcome->screenshot = g_build_filename (work_dir, shot_name, NULL);
  q_page = g_shell_quote (page_file);
  q_shot = g_shell_quote (outcome->screenshot);
  g_unlink (page_file);
  g_unlink (outcome->screenshot);
  command = g_strdup_printf ("%s %s --action=%s --timeout-ms=%d --page-out=%s --screenshot=%s",
                             q_node, q_script, action, BROWSER_TIMEOUT_MS, q_page, q_shot);
  g_setenv ("LIAISON_BROWSER", command, TRUE);
  return page_file;
}

/* The browser reports its last page once chromium has exited, so that no
 * browser outlives the test; it gives up on its own after
 * BROWSER_TIMEOUT_MS. */
static void
wait_for_page (const char *page_file, Outcome *outcome)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  gint64 until = g_get_monotonic_time () + (gint64) BROWSER_TIMEOUT_MS * 1000;

  while (!g_file_test (page_file, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (50 * 1000);
    }
  if (!json_parser_load_from_file (parser, page_file, &error))
    g_error ("consent.mjs reported no page (%s); its stderr is above", error->message);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  outcome->page = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Runs the flow with consent.mjs as the browser, then waits for the browser
 * to report the page it ended on. */
static void
run_flow (const char *action, Outcome *outcome)
{
  g_autoptr (LiaisonOAuthFlow) flow = liaison_oauth_flow_new (
      liaison_sandbox_get_client_id (sandbox), liaison_sandbox_get_client_secret (sandbox));
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *page_file = set_browser (action, outcome);
  gint64 started = g_get_monotonic_time ();

  g_assert_true (
      liaison_oauth_flow_set_marketplace_url (flow, liaison_sandbox_get_ghl_url (sandbox), &error));
  g_assert_no_error (error);
  g_assert_true (
      liaison_oauth_flow_set_api_url (flow, liaison_sandbox_get_ghl_url (sandbox), &error));
  g_assert_no_error (error);
  liaison_oauth_flow_set_port (flow, 0);
  liaison_oauth_flow_set_timeout_ms (flow, FLOW_TIMEOUT_MS);

  liaison_oauth_flow_run_async (flow, NULL, on_result, &result);
  wait_result (&result);
  outcome->tokens = liaison_oauth_flow_run_finish (flow, result, &outcome->error);
  if (outcome->tokens != NULL)
    {
      auth_test_remember_secret (outcome->tokens->access_token);
      auth_test_remember_secret (outcome->tokens->refresh_token);
    }
  g_test_message ("%s: the flow ended after %.1f s", action,
                  (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
  wait_for_page (page_file, outcome);
}

/* As the Accounts page does: the session signs in, with consent.mjs as the
 * browser, and keeps the connection. */
static void
connect_session (LiaisonSession *session, const char *action, Outcome *outcome)
{
  g_autofree char *page_file = set_browser (action, outcome);
  g_autoptr (GAsyncResult) result = NULL;
  LiaisonGhlSignIn sign_in = {
    .client_id = liaison_sandbox_get_client_id (sandbox),
    .client_secret = liaison_sandbox_get_client_secret (sandbox),
    .marketplace_url = liaison_sandbox_get_ghl_url (sandbox),
    .port = 0,
    .timeout_ms = FLOW_TIMEOUT_MS,
  };

  liaison_session_connect_ghl_async (session, &sign_in, NULL, on_result, &result);
  wait_result (&result);
  if (liaison_session_connect_ghl_finish (session, result, &outcome->error))
    outcome->tokens
        = liaison_ghl_authorizer_dup_tokens (liaison_session_get_ghl_authorizer (session));
  if (outcome->tokens != NULL)
    {
      auth_test_remember_secret (outcome->tokens->access_token);
      auth_test_remember_secret (outcome->tokens->refresh_token);
    }
  wait_for_page (page_file, outcome);
}

static void
assert_png (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpuint (len, >, 1000);
  g_assert_cmpint (memcmp (data, "\x89PNG\r\n\x1a\n", 8), ==, 0);
}

static char *
keyring_lookup (const char *connection_id)
{
  g_autoptr (GError) error = NULL;
  char *secret
      = secret_password_lookup_sync (liaison_token_store_get_schema (), NULL, &error, "service",
                                     LIAISON_SECRET_GHL, "account", connection_id, NULL);

  g_assert_no_error (error);
  return secret;
}

static void
test_allow (void)
{
  Outcome outcome = { 0 };
  g_autoptr (LiaisonSession) session = NULL;
  g_autoptr (LiaisonSession) again = NULL;
  g_autoptr (GAsyncResult) searched = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) contacts = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *secret = NULL;
  const LiaisonStoreConnection *connection;
  const char *text;
  guint total = 0;

  if (skipped ())
    return;

  session = open_session ("allow");
  g_assert_null (liaison_session_get_ghl_client (session));
  connect_session (session, "allow", &outcome);
  g_assert_no_error (outcome.error);
  g_assert_nonnull (outcome.tokens);
  g_assert_cmpstr (outcome.tokens->location_id, ==, liaison_sandbox_get_location_id (sandbox));
  g_assert_cmpuint (strlen (outcome.tokens->access_token), >, 16);
  g_assert_cmpuint (strlen (outcome.tokens->refresh_token), >, 16);
  g_assert_true (liaison_ghl_tokens_has_scope (outcome.tokens, "contacts.write"));

  /* What the person saw last: Liaison's own page on the loopback listener. */
  g_assert_cmpint (json_object_get_int_member (outcome.page, "status"), ==, 200);
  text = json_object_get_string_member (outcome.page, "text");
  g_assert_nonnull (strstr (text, "Liaison is connected to HighLevel"));
  g_assert_nonnull (strstr (text, "You can close this tab and return to Liaison"));
  assert_png (outcome.screenshot);

  /* Connecting put the tokens in the keyring and gave the session a client
   * that works with them. */
  g_assert_nonnull (liaison_session_get_ghl_client (session));
  connection = liaison_session_get_connection (session, LIAISON_SERVICE_GHL);
  g_assert_nonnull (connection);
  g_assert_cmpstr (connection->account_id, ==, liaison_sandbox_get_location_id (sandbox));

  secret = keyring_lookup (connection->id);
  g_assert_nonnull (secret);
  g_assert_nonnull (strstr (secret, outcome.tokens->access_token));
  g_assert_nonnull (strstr (secret, outcome.tokens->refresh_token));

  liaison_ghl_client_search_contacts_async (liaison_session_get_ghl_client (session), NULL, NULL,
                                            10, NULL, on_result, &searched);
  wait_result (&searched);
  contacts = liaison_ghl_client_search_contacts_finish (liaison_session_get_ghl_client (session),
                                                        searched, &cursor, &total, &error);
  g_assert_no_error (error);
  g_assert_nonnull (contacts);
  /* The sandbox spreads its 5 contacts over its locations. */
  g_assert_cmpuint (total, >, 0);
  g_assert_cmpuint (contacts->len, ==, total);

  /* A new start finds the connection again through the store and keyring. */
  again = open_session ("allow");
  g_assert_nonnull (liaison_session_get_ghl_client (again));

  outcome_clear (&outcome);
}

static void
test_deny (void)
{
  Outcome outcome = { 0 };
  g_autoptr (LiaisonSession) session = NULL;
  const char *text;

  if (skipped ())
    return;

  /* A fresh profile: nothing connected before, nothing after. */
  session = open_session ("deny");
  g_assert_null (liaison_session_get_connection (session, LIAISON_SERVICE_GHL));

  run_flow ("deny", &outcome);
  g_assert_null (outcome.tokens);
  g_assert_error (outcome.error, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_DENIED);
  g_assert_nonnull (strstr (outcome.error->message, "Access was denied"));
  g_assert_nonnull (strstr (outcome.error->message, "choose Allow"));

  g_assert_cmpint (json_object_get_int_member (outcome.page, "status"), ==, 400);
  text = json_object_get_string_member (outcome.page, "text");
  g_assert_nonnull (strstr (text, "HighLevel was not connected"));
  g_assert_nonnull (strstr (text, "Access was denied"));
  g_assert_nonnull (strstr (text, "You can close this tab and return to Liaison"));
  assert_png (outcome.screenshot);

  g_assert_null (liaison_session_get_connection (session, LIAISON_SERVICE_GHL));
  g_assert_null (liaison_session_get_ghl_client (session));
  outcome_clear (&outcome);
}

/* Last: nothing the sandbox issued is in a file under the XDG folders (the
 * keyring's file is encrypted) or in the captured log. */
static void
test_no_token_on_disk (void)
{
  if (skipped ())
    return;
  auth_test_assert_no_secret_leaked ();
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  skip_reason = find_missing ();
  if (skip_reason == NULL)
    {
      auth_test_capture_log ();
      sandbox = auth_test_sandbox (77, 86400);
      work_dir = auth_test_private_dir ();
    }

  g_test_add_func ("/browser/consent/allow", test_allow);
  g_test_add_func ("/browser/consent/deny", test_deny);
  g_test_add_func ("/browser/consent/no-token-on-disk", test_no_token_on_disk);
  status = g_test_run ();

  if (sandbox != NULL)
    {
      liaison_sandbox_stop (sandbox);
      g_clear_object (&sandbox);
    }
  g_free (work_dir);
  g_free (skip_reason);
  return status;
}
