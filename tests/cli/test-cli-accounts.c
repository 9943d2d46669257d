/* test-cli-accounts.c: `liaison-cli connect`, `accounts` and `disconnect`
 * as a person runs them in a terminal: the built executable against the
 * in-process sandbox, with a scripted browser (LIAISON_BROWSER) and the
 * real keyring of build-aux/headless. Then `liaison-cli ghl` and `lsq`
 * work with no credential in the environment. No issued credential may
 * appear in anything the CLI prints, nor in a file of its profile.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE /* memmem */
#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "cli-test-util.h"
#include "liaison-sandbox.h"
#include "liaison-session.h"

static LiaisonSandbox *sandbox;
static char *private_dir;   /* the CLI's XDG folders */
static GPtrArray *secrets;  /* every credential the sandbox issued */
static GString *transcript; /* everything the CLI printed */

static void
remember_secret (const char *secret)
{
  if (secret != NULL && *secret != '\0')
    g_ptr_array_add (secrets, g_strdup (secret));
}

/* A file holding text, for the options that read a key from a file; outside
 * the CLI's folders, which are checked for credentials. */
static char *
text_file (const char *text)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "liaison-cli-key-XXXXXX", NULL);
  int fd = g_mkstemp (path);

  g_assert_cmpint (fd, >=, 0);
  g_close (fd, NULL);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return g_steal_pointer (&path);
}

static char *
browser (const char *mode)
{
  g_autofree char *path = g_build_filename (g_getenv ("LIAISON_BUILD_ROOT"), "tests", "auth",
                                            "liaison-fake-browser", NULL);
  g_autofree char *quoted = g_shell_quote (path);

  return g_strdup_printf ("%s --mode=%s", quoted, mode);
}

/* Runs liaison-cli with ARGS in the test's own XDG folders, no credential
 * variables, every trace on and the browser allowing. env: NAME, VALUE pairs
 * (a NULL VALUE unsets) applied last; input: what stdin reads, or NULL. */
static void
run_cli (CliRun *run, const char *const *env, const char *input, const char *const *args)
{
  g_autofree char *allow = browser ("allow");
  /* Every trace on: none may carry a credential either. */
  const char *const traced[] = {
    "LIAISON_BROWSER", allow, "LIAISON_DEBUG", "http,auth", "G_MESSAGES_DEBUG", "all", NULL,
  };
  g_autoptr (GPtrArray) all = cli_test_env_join (traced, env);

  cli_test_run (run, private_dir, (const char *const *) all->pdata, input, args);
  g_string_append_printf (transcript, "%s\n%s\n", run->out, run->err);
}

#define CLI(run, env, input, ...)                                                                  \
  run_cli (run, env, input, (const char *const[]){ __VA_ARGS__, NULL })

static gboolean
has (const char *text, const char *part)
{
  return text != NULL && strstr (text, part) != NULL;
}

/* A line-by-line view of the lines that only hold debug traces. */
static char *
without_traces (const char *text)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  GString *kept = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], "-DEBUG: ") == NULL && strstr (lines[i], "-Message: ") == NULL
        && strstr (lines[i], "-INFO: ") == NULL && *lines[i] != '\0')
      g_string_append_printf (kept, "%s\n", lines[i]);
  return g_string_free (kept, FALSE);
}

static gboolean
keyring_reachable (void)
{
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL)
    return TRUE;
  g_test_skip ("No D-Bus session, so no keyring: run under build-aux/headless");
  return FALSE;
}

static guint
ghl_route_count (const char *method_and_route)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *url
      = g_strconcat (liaison_sandbox_get_ghl_url (sandbox), "/_sandbox/counters", NULL);
  g_autoptr (SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *routes;

  reply = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  root = json_from_string (g_bytes_get_data (reply, NULL), &error);
  g_assert_no_error (error);
  routes = json_object_get_object_member (json_node_get_object (root), "routes");
  return (guint) json_object_get_int_member_with_default (routes, method_and_route, 0);
}

static void
on_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The tokens the sandbox issued to the CLI, read from the keyring the way
 * the app would, so that the search for leaks knows them. */
static void
remember_issued_tokens (const char *profile)
{
  g_autofree char *file = g_strconcat (profile, ".db", NULL);
  g_autofree char *db = g_build_filename (private_dir, "data", "liaison", file, NULL);
  g_autoptr (LiaisonSession) session = liaison_session_new (profile);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonGhlTokens) tokens = NULL;

  liaison_session_set_ghl_api_url (session, liaison_sandbox_get_ghl_url (sandbox));
  liaison_session_open_async (session, db, NULL, on_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (liaison_session_open_finish (session, result, &error));
  g_assert_no_error (error);
  g_assert_nonnull (liaison_session_get_ghl_authorizer (session));

  tokens = liaison_ghl_authorizer_dup_tokens (liaison_session_get_ghl_authorizer (session));
  g_assert_cmpint (tokens->kind, ==, LIAISON_GHL_AUTH_OAUTH);
  g_assert_cmpstr (tokens->location_id, ==, liaison_sandbox_get_location_id (sandbox));
  g_assert_cmpstr (tokens->client_id, ==, liaison_sandbox_get_client_id (sandbox));
  remember_secret (tokens->access_token);
  remember_secret (tokens->refresh_token);
}

/* The app opens a profile without being told an address: a connection made
 * at the sandbox talks to the sandbox, not to HighLevel's own API. */
static void
assert_session_uses_sandbox (const char *profile)
{
  g_autofree char *file = g_strconcat (profile, ".db", NULL);
  g_autofree char *db = g_build_filename (private_dir, "data", "liaison", file, NULL);
  g_autoptr (LiaisonSession) session = liaison_session_new (profile);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  LiaisonGhlClient *client;

  liaison_session_open_async (session, db, NULL, on_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (liaison_session_open_finish (session, result, &error));
  g_assert_no_error (error);
  client = liaison_session_get_ghl_client (session);
  g_assert_nonnull (client);
  g_assert_cmpstr (liaison_http_get_base_url (liaison_ghl_client_get_http (client)), ==,
                   liaison_sandbox_get_ghl_url (sandbox));
}

static void
scan_dir (const char *path, guint *n_files)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        scan_dir (child, n_files);
      else if (g_file_get_contents (child, &contents, &len, NULL))
        {
          (*n_files)++;
          for (guint i = 0; i < secrets->len; i++)
            {
              const char *secret = g_ptr_array_index (secrets, i);

              if (memmem (contents, len, secret, strlen (secret)) != NULL)
                g_error ("%s holds a credential the sandbox issued", child);
            }
        }
    }
}

/* Nothing issued is in what the CLI printed or in its profile's files. */
static void
assert_no_secret_leaked (void)
{
  guint n_files = 0;

  for (guint i = 0; i < secrets->len; i++)
    if (strstr (transcript->str, g_ptr_array_index (secrets, i)) != NULL)
      g_error ("the CLI printed credential %u that the sandbox issued", i);
  scan_dir (private_dir, &n_files);
  g_test_message ("searched %" G_GSIZE_FORMAT " bytes of output and %u files for %u credentials",
                  transcript->len, n_files, secrets->len);
  g_assert_cmpuint (n_files, >, 0);
}

/* ---- the tests ---- */

static void
test_usage (void)
{
  g_auto (CliRun) bare = { 0 };
  g_auto (CliRun) unknown = { 0 };
  g_auto (CliRun) help = { 0 };
  g_auto (CliRun) half_token = { 0 };
  g_auto (CliRun) no_secret = { 0 };
  g_auto (CliRun) key_in_argv = { 0 };
  g_auto (CliRun) both_stdin = { 0 };
  g_auto (CliRun) endless = { 0 };
  g_auto (CliRun) control = { 0 };
  g_autofree char *access_key_file = text_file ("AK\n");
  g_autofree char *control_file = text_file ("sec\x1bret\n");
  g_auto (CliRun) missing_file = { 0 };
  g_auto (CliRun) empty_file = { 0 };
  g_auto (CliRun) insecure = { 0 };
  g_auto (CliRun) no_service = { 0 };
  g_auto (CliRun) bad_profile = { 0 };
  g_auto (CliRun) fresh = { 0 };
  g_autofree char *empty = g_build_filename (g_get_tmp_dir (), "liaison-cli-empty-XXXXXX", NULL);
  int fd = g_mkstemp (empty);
  JsonObject *ghl, *lsq;

  g_assert_cmpint (fd, >=, 0);
  g_close (fd, NULL);

  CLI (&bare, NULL, NULL, "connect");
  g_assert_cmpint (bare.status, ==, 2);
  g_assert_true (has (bare.err, "liaison-cli connect lsq [--access-key-file FILE|-]"));
  CLI (&unknown, NULL, NULL, "connect", "salesforce");
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_true (has (unknown.err, "there is no service “salesforce”"));

  /* The help says where secrets come from, and why not from argv. */
  CLI (&help, NULL, NULL, "connect", "ghl", "--help");
  g_assert_cmpint (help.status, ==, 0);
  g_assert_true (has (help.out, "--client-secret-file"));
  g_assert_true (has (help.out, "--private-token-file"));
  g_assert_true (has (help.out, "never from the command line"));

  CLI (&half_token, NULL, NULL, "connect", "ghl", "--private-token-file", "-");
  g_assert_cmpint (half_token.status, ==, 2);
  g_assert_true (has (half_token.err, "--location"));
  /* Both LeadSquared keys are credentials: neither is taken from argv. */
  CLI (&key_in_argv, NULL, NULL, "connect", "lsq", "--access-key", "AK", "--secret-key-file",
       access_key_file);
  g_assert_cmpint (key_in_argv.status, ==, 2);
  g_assert_true (has (key_in_argv.err, "the access key is a credential too"));
  g_assert_true (has (key_in_argv.err, "--access-key-file FILE"));
  CLI (&no_secret, NULL, NULL, "connect", "lsq", "--access-key-file", access_key_file);
  g_assert_cmpint (no_secret.status, ==, 2);
  g_assert_true (has (no_secret.err, "--secret-key-file"));
  g_assert_true (has (no_secret.err, "not a terminal"));
  CLI (&both_stdin, NULL, "AK\nSK\n", "connect", "lsq", "--access-key-file", "-",
       "--secret-key-file", "-");
  g_assert_cmpint (both_stdin.status, ==, 2);
  g_assert_true (has (both_stdin.err, "only one of --access-key-file and --secret-key-file"));
  /* Reads are bounded: an endless file is refused, not read into memory. */
  CLI (&endless, NULL, NULL, "connect", "ghl", "--client-id", "app", "--client-secret-file",
       "/dev/zero");
  g_assert_cmpint (endless.status, ==, 2);
  g_assert_true (has (endless.err, "could not be read from /dev/zero"));
  g_assert_true (has (endless.err, "too long"));
  CLI (&control, NULL, NULL, "connect", "ghl", "--client-id", "app", "--client-secret-file",
       control_file);
  g_assert_cmpint (control.status, ==, 2);
  g_assert_true (has (control.err, "holds a control character"));
  CLI (&missing_file, NULL, NULL, "connect", "ghl", "--client-id", "app", "--client-secret-file",
       "/nonexistent/secret");
  g_assert_cmpint (missing_file.status, ==, 2);
  g_assert_true (has (missing_file.err, "could not be read from /nonexistent/secret"));
  CLI (&empty_file, NULL, NULL, "connect", "ghl", "--client-id", "app", "--client-secret-file",
       empty);
  g_assert_cmpint (empty_file.status, ==, 2);
  g_assert_true (has (empty_file.err, "holds no secret"));
  CLI (&insecure, NULL, NULL, "connect", "lsq", "--access-key-file", access_key_file,
       "--secret-key-file", "-", "--sandbox-lsq-url", "http://lsq.example.com");
  g_assert_cmpint (insecure.status, ==, 2);
  g_assert_true (has (insecure.err, "--sandbox-lsq-url"));
  g_assert_true (has (insecure.err, "https"));
  /* A token from the environment is one line of printable text, or a clear
   * error before anything is sent. */
  {
    const char *const crlf[] = { "LIAISON_GHL_TOKEN",
                                 "pit-token\r\nX-Injected: 1",
                                 "LIAISON_GHL_LOCATION",
                                 "loc",
                                 "LIAISON_GHL_URL",
                                 "http://127.0.0.1:9",
                                 NULL };
    const char *const bell[]
        = { "LIAISON_LSQ_ACCESS_KEY", "AK", "LIAISON_LSQ_SECRET_KEY", "S\x07K", NULL };
    g_auto (CliRun) ghl_env = { 0 };
    g_auto (CliRun) lsq_env = { 0 };

    CLI (&ghl_env, crlf, NULL, "ghl", "users");
    g_assert_cmpint (ghl_env.status, ==, 2);
    g_assert_true (has (ghl_env.err, "LIAISON_GHL_TOKEN holds a line break"));
    CLI (&lsq_env, bell, NULL, "lsq", "users");
    g_assert_cmpint (lsq_env.status, ==, 2);
    g_assert_true (has (lsq_env.err, "LIAISON_LSQ_SECRET_KEY holds a control character"));
  }
  CLI (&no_service, NULL, NULL, "disconnect");
  g_assert_cmpint (no_service.status, ==, 2);
  g_assert_true (has (no_service.err, "ghl (HighLevel) or lsq (LeadSquared)"));
  CLI (&bad_profile, NULL, NULL, "accounts", "--profile", "../elsewhere");
  g_assert_cmpint (bad_profile.status, ==, 2);
  g_assert_true (has (bad_profile.err, "--profile"));
  g_assert_cmpstr (bad_profile.out, ==, "");

  /* A profile never used: nothing connected, and no store made for it. */
  CLI (&fresh, NULL, NULL, "accounts", "--profile", "unused");
  g_assert_cmpint (fresh.status, ==, 0);
  g_assert_nonnull (fresh.json);
  ghl = json_object_get_object_member (json_node_get_object (fresh.json), "ghl");
  lsq = json_object_get_object_member (json_node_get_object (fresh.json), "lsq");
  g_assert_cmpstr (json_object_get_string_member (ghl, "state"), ==, "not-connected");
  g_assert_cmpstr (json_object_get_string_member (lsq, "state"), ==, "not-connected");
  g_assert_true (has (json_object_get_string_member (ghl, "summary"), "liaison-cli connect ghl"));
  {
    g_autofree char *db = g_build_filename (private_dir, "data", "liaison", "unused.db", NULL);

    g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  }
  g_unlink (empty);
  g_unlink (access_key_file);
  g_unlink (control_file);
}

static void
test_connect_use_disconnect (void)
{
  const char *const work[] = { "LIAISON_PROFILE", "work", NULL };
  const char *ghl_url = liaison_sandbox_get_ghl_url (sandbox);
  const char *lsq_url = liaison_sandbox_get_lsq_url (sandbox);
  g_autofree char *lsq_access_file = NULL;
  g_auto (CliRun) ghl = { 0 };
  g_auto (CliRun) wrong_keys = { 0 };
  g_auto (CliRun) lsq = { 0 };
  g_auto (CliRun) accounts = { 0 };
  g_auto (CliRun) users = { 0 };
  g_auto (CliRun) leads_users = { 0 };
  g_auto (CliRun) reconnect = { 0 };
  g_auto (CliRun) disconnect = { 0 };
  g_auto (CliRun) again = { 0 };
  g_auto (CliRun) after = { 0 };
  g_auto (CliRun) no_account = { 0 };
  g_autofree char *ghl_said = NULL;
  guint exchanges = ghl_route_count ("POST /oauth/token");
  JsonObject *state;
  JsonArray *scopes;
  gboolean has_contacts_scope = FALSE;

  if (!keyring_reachable ())
    return;
  lsq_access_file = text_file (liaison_sandbox_get_lsq_access_key (sandbox));

  /* HighLevel: the address is printed, the browser allows, the code is
   * exchanged, the tokens go to the keyring. The secret comes on stdin. */
  CLI (&ghl, NULL, liaison_sandbox_get_client_secret (sandbox), "connect", "ghl", "--client-id",
       liaison_sandbox_get_client_id (sandbox), "--client-secret-file", "-", "--port", "0",
       "--sandbox-ghl-url", ghl_url, "--profile", "work");
  g_assert_cmpint (ghl.status, ==, 0);
  g_assert_true (has (ghl.err, "Open this address to connect HighLevel: http://127.0.0.1:"));
  g_assert_true (has (ghl.err, "state="));
  g_assert_true (g_str_has_prefix (ghl.out, "HighLevel is connected.\n"));
  ghl_said
      = g_strdup_printf ("Connected to location %s", liaison_sandbox_get_location_id (sandbox));
  g_assert_true (has (ghl.out, ghl_said));
  g_assert_true (has (ghl.out, "contacts.readonly"));
  g_assert_cmpuint (ghl_route_count ("POST /oauth/token"), ==, exchanges + 1);
  remember_issued_tokens ("work");

  /* LeadSquared: wrong keys are refused with a way forward; nothing saved. */
  CLI (&wrong_keys, NULL, "not-the-secret-key\n", "connect", "lsq", "--access-key-file",
       lsq_access_file, "--secret-key-file", "-", "--sandbox-lsq-url", lsq_url, "--profile",
       "work");
  g_assert_cmpint (wrong_keys.status, ==, 1);
  g_assert_cmpstr (wrong_keys.out, ==, "");
  g_assert_true (has (wrong_keys.err, "did not accept these API keys"));
  g_assert_true (has (wrong_keys.err, "Copy both keys again"));

  CLI (&lsq, NULL, liaison_sandbox_get_lsq_secret_key (sandbox), "connect", "lsq",
       "--access-key-file", lsq_access_file, "--secret-key-file", "-", "--sandbox-lsq-url", lsq_url,
       "--profile", "work");
  g_assert_cmpint (lsq.status, ==, 0);
  g_assert_true (g_str_has_prefix (lsq.out, "LeadSquared is connected: "));
  {
    g_autoptr (GUri) uri = g_uri_parse (lsq_url, G_URI_FLAGS_NONE, NULL);
    g_autofree char *host
        = g_strdup_printf ("at %s:%d.", g_uri_get_host (uri), g_uri_get_port (uri));

    g_assert_true (has (lsq.out, host));
  }

  /* The state of both, as JSON. */
  CLI (&accounts, NULL, NULL, "accounts", "--profile", "work");
  g_assert_cmpint (accounts.status, ==, 0);
  g_assert_nonnull (accounts.json);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (accounts.json), "profile"),
                   ==, "work");
  state = json_object_get_object_member (json_node_get_object (accounts.json), "ghl");
  g_assert_cmpstr (json_object_get_string_member (state, "state"), ==, "connected");
  g_assert_false (json_object_get_boolean_member (state, "needsReconnect"));
  g_assert_cmpstr (json_object_get_string_member (state, "location"), ==,
                   liaison_sandbox_get_location_id (sandbox));
  g_assert_cmpstr (json_object_get_string_member (state, "authKind"), ==, "oauth");
  g_assert_cmpstr (json_object_get_string_member (state, "apiUrl"), ==, ghl_url);
  g_assert_nonnull (json_object_get_string_member (state, "userId"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (state, "validUntil"), "20"));
  g_assert_true (json_object_get_null_member (state, "error"));
  scopes = json_object_get_array_member (state, "scopes");
  for (guint i = 0; i < json_array_get_length (scopes); i++)
    has_contacts_scope
        |= g_strcmp0 (json_array_get_string_element (scopes, i), "contacts.write") == 0;
  g_assert_true (has_contacts_scope);
  g_assert_true (has (json_object_get_string_member (state, "summary"), "Connected as user "));
  state = json_object_get_object_member (json_node_get_object (accounts.json), "lsq");
  g_assert_cmpstr (json_object_get_string_member (state, "state"), ==, "connected");
  g_assert_cmpstr (json_object_get_string_member (state, "host"), ==, lsq_url);
  g_assert_nonnull (json_object_get_string_member (state, "user"));
  g_assert_nonnull (json_object_get_string_member (state, "role"));
  g_assert_true (has (lsq.out, json_object_get_string_member (state, "orgName")));

  /* From now on the ghl and lsq commands sign in through the keyring. */
  CLI (&users, work, NULL, "ghl", "users");
  g_assert_cmpint (users.status, ==, 0);
  g_assert_nonnull (users.json);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (users.json));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (users.json)), >, 0);
  CLI (&leads_users, work, NULL, "lsq", "users");
  g_assert_cmpint (leads_users.status, ==, 0);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (leads_users.json));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (leads_users.json)), >, 0);

  /* Reconnecting needs neither the client id nor its secret again: the
   * app of the connection in use, its secret from the keyring. */
  CLI (&reconnect, NULL, NULL, "connect", "ghl", "--port", "0", "--sandbox-ghl-url", ghl_url,
       "--profile", "work");
  g_assert_cmpint (reconnect.status, ==, 0);
  g_assert_true (g_str_has_prefix (reconnect.out, "HighLevel is connected.\n"));
  g_assert_cmpuint (ghl_route_count ("POST /oauth/token"), ==, exchanges + 2);
  remember_issued_tokens ("work");

  /* Disconnecting forgets HighLevel only; a second time has nothing to do. */
  CLI (&disconnect, NULL, NULL, "disconnect", "ghl", "--profile", "work");
  g_assert_cmpint (disconnect.status, ==, 0);
  g_assert_true (has (disconnect.out, "removed from the keyring"));
  CLI (&again, NULL, NULL, "disconnect", "ghl", "--profile", "work");
  g_assert_cmpint (again.status, ==, 0);
  g_assert_true (has (again.out, "nothing to disconnect"));
  CLI (&after, NULL, NULL, "accounts", "--profile", "work");
  state = json_object_get_object_member (json_node_get_object (after.json), "ghl");
  g_assert_cmpstr (json_object_get_string_member (state, "state"), ==, "not-connected");
  state = json_object_get_object_member (json_node_get_object (after.json), "lsq");
  g_assert_cmpstr (json_object_get_string_member (state, "state"), ==, "connected");
  CLI (&no_account, work, NULL, "ghl", "users");
  g_assert_cmpint (no_account.status, ==, 2);
  g_assert_cmpstr (no_account.out, ==, "");
  g_assert_true (has (no_account.err, "liaison-cli connect ghl"));

  g_unlink (lsq_access_file);
  assert_no_secret_leaked ();
}

static void
test_deny (void)
{
  g_autofree char *deny = browser ("deny");
  const char *const env[] = { "LIAISON_BROWSER", deny, NULL };
  g_auto (CliRun) denied = { 0 };
  g_auto (CliRun) accounts = { 0 };
  g_autofree char *err = NULL;
  JsonObject *state;

  if (!keyring_reachable ())
    return;

  /* The person clicks Deny: a clear sentence, exit 1, nothing saved. The
   * sandbox comes from the environment, as for the other commands. */
  {
    const char *const with_url[] = { "LIAISON_BROWSER", deny, "LIAISON_GHL_URL",
                                     liaison_sandbox_get_ghl_url (sandbox), NULL };

    CLI (&denied, with_url, liaison_sandbox_get_client_secret (sandbox), "connect", "ghl",
         "--client-id", liaison_sandbox_get_client_id (sandbox), "--client-secret-file", "-",
         "--port", "0", "--profile", "denied");
  }
  g_assert_cmpint (denied.status, ==, 1);
  g_assert_cmpstr (denied.out, ==, "");
  err = without_traces (denied.err);
  g_assert_true (has (err, "Open this address to connect HighLevel"));
  g_assert_true (has (err, "liaison-cli connect ghl: Access was denied"));
  g_assert_true (has (err, "Connect again and choose Allow"));

  CLI (&accounts, env, NULL, "accounts", "--profile", "denied");
  g_assert_cmpint (accounts.status, ==, 0);
  state = json_object_get_object_member (json_node_get_object (accounts.json), "ghl");
  g_assert_cmpstr (json_object_get_string_member (state, "state"), ==, "not-connected");
  assert_no_secret_leaked ();
}

static void
test_private_token (void)
{
  const char *location = liaison_sandbox_get_location_id (sandbox);
  g_auto (CliRun) wrong = { 0 };
  g_auto (CliRun) right = { 0 };
  g_auto (CliRun) users = { 0 };
  const char *const env[] = { "LIAISON_PROFILE", "private", NULL };

  if (!keyring_reachable ())
    return;

  CLI (&wrong, NULL, "pit-not-issued-by-the-sandbox\n", "connect", "ghl", "--private-token-file",
       "-", "--location", location, "--sandbox-ghl-url", liaison_sandbox_get_ghl_url (sandbox),
       "--profile", "private");
  g_assert_cmpint (wrong.status, ==, 1);
  g_assert_true (has (wrong.err, "HighLevel did not accept the token for this location"));
  g_assert_true (has (wrong.err, "Private Integrations"));

  CLI (&right, NULL, liaison_sandbox_get_private_token (sandbox), "connect", "ghl",
       "--private-token-file", "-", "--location", location, "--sandbox-ghl-url",
       liaison_sandbox_get_ghl_url (sandbox), "--profile", "private");
  g_assert_cmpint (right.status, ==, 0);
  g_assert_true (has (right.out, "With a private integration token"));
  CLI (&users, env, NULL, "ghl", "users");
  g_assert_cmpint (users.status, ==, 0);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (users.json));
  assert_session_uses_sandbox ("private");
  assert_no_secret_leaked ();
}

/* A schema folder like a distribution's: Liaison's schema and a vendor
 * override beside it, compiled. Outside the CLI's folders: the override
 * may hold the distributor's app secret, which is the distributor's to
 * ship, and the search for leaks covers the CLI's own files. */
static char *
vendor_schema_dir (const char *client_id, const char *client_secret, guint port)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("liaison-vendor-schema-XXXXXX", &error);
  g_autofree char *schema = g_build_filename (g_getenv ("LIAISON_SOURCE_ROOT"), "data",
                                              "io.github.liaisonsync.Liaison.gschema.xml", NULL);
  g_autofree char *copy = g_build_filename (dir, "io.github.liaisonsync.Liaison.gschema.xml", NULL);
  g_autofree char *override = g_build_filename (dir, "90_vendor.gschema.override", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  int status = -1;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (schema, &contents, NULL, &error));
  g_assert_true (g_file_set_contents (copy, contents, -1, &error));
  text = g_strdup_printf ("[io.github.liaisonsync.Liaison]\n"
                          "ghl-client-id='%s'\n"
                          "ghl-client-secret='%s'\n"
                          "ghl-redirect-port=%u\n",
                          client_id, client_secret, port);
  g_assert_true (g_file_set_contents (override, text, -1, &error));
  {
    const char *argv[] = { "glib-compile-schemas", "--strict", dir, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 NULL, NULL, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  return g_steal_pointer (&dir);
}

static void
remove_schema_dir (const char *dir)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* A free loopback port, for the override's redirect port. */
static guint
free_port (void)
{
  g_autoptr (GSocketListener) listener = g_socket_listener_new ();
  g_autoptr (GError) error = NULL;
  guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);

  g_assert_no_error (error);
  g_socket_listener_close (listener);
  return port;
}

static void
test_vendor_app (void)
{
  const char *ghl_url = liaison_sandbox_get_ghl_url (sandbox);
  const char *client_id = liaison_sandbox_get_client_id (sandbox);
  const char *client_secret = liaison_sandbox_get_client_secret (sandbox);
  guint port = free_port ();
  g_autofree char *vendor = vendor_schema_dir (client_id, client_secret, port);
  g_autofree char *other = vendor_schema_dir ("a-distributors-other-app", client_secret, 0);
  g_autofree char *redirect = g_strdup_printf ("127.0.0.1%%3A%u%%2Foauth%%2Fcallback", port);
  const char *const with_vendor[] = { "GSETTINGS_SCHEMA_DIR", vendor, NULL };
  const char *const with_other[] = { "GSETTINGS_SCHEMA_DIR", other, NULL };
  g_auto (CliRun) bundled = { 0 };
  g_auto (CliRun) own = { 0 };
  g_auto (CliRun) no_secret = { 0 };

  if (!keyring_reachable ())
    return;

  /* A distribution ships its HighLevel app: no client id, no secret, no
   * port from the person; the sign-in uses the override's redirect port. */
  CLI (&bundled, with_vendor, NULL, "connect", "ghl", "--sandbox-ghl-url", ghl_url, "--profile",
       "vendor");
  g_assert_cmpint (bundled.status, ==, 0);
  g_assert_true (g_str_has_prefix (bundled.out, "HighLevel is connected.\n"));
  g_assert_true (has (bundled.err, redirect));
  remember_issued_tokens ("vendor");

  /* What the person enters wins over the distributor's app. */
  CLI (&own, with_other, client_secret, "connect", "ghl", "--client-id", client_id,
       "--client-secret-file", "-", "--port", "0", "--sandbox-ghl-url", ghl_url, "--profile",
       "own-app");
  g_assert_cmpint (own.status, ==, 0);
  g_assert_true (g_str_has_prefix (own.out, "HighLevel is connected.\n"));
  remember_issued_tokens ("own-app");

  /* The distributor's secret belongs to the distributor's app only: for
   * an app the keyring knows no secret of, the person is asked for it. */
  CLI (&no_secret, with_other, NULL, "connect", "ghl", "--client-id", "an-app-never-seen",
       "--port", "0", "--sandbox-ghl-url", ghl_url, "--profile", "no-secret");
  g_assert_cmpint (no_secret.status, !=, 0);
  g_assert_cmpstr (no_secret.out, ==, "");
  g_assert_true (has (no_secret.err, "client secret of the HighLevel app"));

  remove_schema_dir (vendor);
  remove_schema_dir (other);
  assert_no_secret_leaked ();
}

int
main (int argc, char *argv[])
{
  LiaisonSandboxOptions options;
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  liaison_sandbox_options_init (&options);
  options.contacts = 5;
  sandbox = liaison_sandbox_new (&options);
  liaison_sandbox_start_in_thread (sandbox, &error);
  g_assert_no_error (error);

  secrets = g_ptr_array_new_with_free_func (g_free);
  remember_secret (liaison_sandbox_get_client_secret (sandbox));
  remember_secret (liaison_sandbox_get_private_token (sandbox));
  remember_secret (liaison_sandbox_get_lsq_access_key (sandbox));
  remember_secret (liaison_sandbox_get_lsq_secret_key (sandbox));
  transcript = g_string_new (NULL);

  /* Under build-aux/headless the folders are the session's own, so that
   * the search for leaked secrets covers them. */
  if (g_getenv ("LIAISON_HEADLESS_INNER") != NULL)
    {
      g_mkdir_with_parents (g_get_user_data_dir (), 0700);
      private_dir = g_build_filename (g_get_user_data_dir (), "liaison-cli-test-XXXXXX", NULL);
      g_assert_nonnull (g_mkdtemp (private_dir));
    }
  else
    {
      private_dir = g_dir_make_tmp ("liaison-cli-test-XXXXXX", &error);
      g_assert_no_error (error);
    }

  g_test_add_func ("/cli/accounts/usage", test_usage);
  g_test_add_func ("/cli/accounts/connect-use-disconnect", test_connect_use_disconnect);
  g_test_add_func ("/cli/accounts/deny", test_deny);
  g_test_add_func ("/cli/accounts/private-token", test_private_token);
  g_test_add_func ("/cli/accounts/vendor-app", test_vendor_app);
  status = g_test_run ();

  liaison_sandbox_stop (sandbox);
  g_clear_object (&sandbox);
  g_ptr_array_unref (secrets);
  g_string_free (transcript, TRUE);
  g_free (private_dir);
  return status;
}
