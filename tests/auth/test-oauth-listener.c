/* test-oauth-listener.c: the OAuth redirect listener against hostile local
 * requests (a huge body, huge headers, a long address, a forged state), sent
 * from a thread over a raw socket while the flow waits on the main loop; and
 * the sandbox's token endpoint holding a PKCE code to its verifier.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "auth-test-util.h"
#include "liaison-oauth-flow.h"

static LiaisonSandbox *sandbox;

typedef struct
{
  guint port;
  GCancellable *flow_cancellable;
  /* What each request got back: the status line and whether it came fast. */
  char *answers[4];
  gint64 elapsed_us[4];
  gboolean done;
} Probe;

/* Sends head (and then nothing more), reads what comes back within 5 s. */
static char *
send_raw (guint port, const char *head, gint64 *elapsed_us)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) connection = NULL;
  g_autoptr (GError) error = NULL;
  GInputStream *in;
  GOutputStream *out;
  char buffer[4096];
  g_autoptr (GString) answer = g_string_new (NULL);
  gssize got;
  gint64 started = g_get_monotonic_time ();

  g_socket_client_set_timeout (client, 5);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) port, NULL, &error);
  g_assert_no_error (error);
  out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  /* The listener may close before it has read all of it: that is the point. */
  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  /* Until the listener closes (every answer here ends the connection). */
  while ((got = g_input_stream_read (in, buffer, sizeof buffer, NULL, &error)) > 0
         && answer->len < 65536)
    g_string_append_len (answer, buffer, got);
  *elapsed_us = g_get_monotonic_time () - started;
  if (answer->len == 0)
    return g_strdup_printf ("nothing (%s)", error != NULL ? error->message : "closed");
  return g_string_free (g_steal_pointer (&answer), FALSE);
}

static gpointer
probe_thread (gpointer user_data)
{
  Probe *probe = user_data;
  g_autoptr (GString) big_header = g_string_new (NULL);
  g_autoptr (GString) long_uri = g_string_new (NULL);
  g_autofree char *headers = NULL;
  g_autofree char *uri = NULL;

  /* A 40 MB body is announced; the answer must come before it is sent. */
  probe->answers[0] = send_raw (probe->port,
                                "POST /oauth/callback HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                "Content-Type: application/x-www-form-urlencoded\r\n"
                                "Content-Length: 40000000\r\n\r\nstate=",
                                &probe->elapsed_us[0]);

  g_string_append (big_header, "GET /oauth/callback?state=x HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  for (guint i = 0; i < 40; i++)
    g_string_append_printf (big_header, "X-Filler-%u: %0*d\r\n", i, 1000, 0);
  g_string_append (big_header, "\r\n");
  probe->answers[1] = send_raw (probe->port, big_header->str, &probe->elapsed_us[1]);

  g_string_append (long_uri, "GET /oauth/callback?state=x&code=");
  for (guint i = 0; i < 12000; i++)
    g_string_append_c (long_uri, 'a');
  g_string_append (long_uri, " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  probe->answers[2] = send_raw (probe->port, long_uri->str, &probe->elapsed_us[2]);

  /* What a hostile local page can send: a redirect with a guessed state. */
  probe->answers[3] = send_raw (probe->port,
                                "GET /oauth/callback?code=stolen&state=guessed HTTP/1.1\r\n"
                                "Host: 127.0.0.1\r\nConnection: close\r\n\r\n",
                                &probe->elapsed_us[3]);

  g_atomic_int_set (&probe->done, TRUE);
  return NULL;
}

static gboolean
cancel_when_probed (gpointer user_data)
{
  Probe *probe = user_data;

  if (!g_atomic_int_get (&probe->done))
    return G_SOURCE_CONTINUE;
  /* Still waiting after all that: only cancelling ends it. */
  g_cancellable_cancel (probe->flow_cancellable);
  return G_SOURCE_REMOVE;
}

static void
test_hostile_requests (void)
{
  g_autoptr (LiaisonOAuthFlow) flow
      = liaison_oauth_flow_new (liaison_sandbox_get_client_id (sandbox), "secret");
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (LiaisonGhlTokens) tokens = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GThread) thread = NULL;
  Probe probe = { 0 };

  g_assert_true (
      liaison_oauth_flow_set_marketplace_url (flow, liaison_sandbox_get_ghl_url (sandbox), &error));
  g_assert_true (
      liaison_oauth_flow_set_api_url (flow, liaison_sandbox_get_ghl_url (sandbox), &error));
  liaison_oauth_flow_set_port (flow, 0);
  liaison_oauth_flow_set_open_browser (flow, FALSE);
  liaison_oauth_flow_set_timeout_ms (flow, 30000);

  liaison_oauth_flow_run_async (flow, cancellable, auth_test_store_result, &result);
  probe.port = liaison_oauth_flow_get_port (flow);
  probe.flow_cancellable = cancellable;
  g_assert_cmpuint (probe.port, >, 0);
  thread = g_thread_new ("probe", probe_thread, &probe);
  g_timeout_add (20, cancel_when_probed, &probe);
  tokens = liaison_oauth_flow_run_finish (flow, auth_test_wait (&result), &error);
  g_thread_join (g_steal_pointer (&thread));

  g_test_message ("body: %s", probe.answers[0]);
  g_assert_true (g_str_has_prefix (probe.answers[0], "HTTP/1.1 413"));
  g_assert_cmpint (probe.elapsed_us[0], <, 3 * G_USEC_PER_SEC);
  g_test_message ("headers: %s", probe.answers[1]);
  g_assert_true (g_str_has_prefix (probe.answers[1], "HTTP/1.1 431"));
  g_test_message ("uri: %s", probe.answers[2]);
  g_assert_true (g_str_has_prefix (probe.answers[2], "HTTP/1.1 414"));
  /* The forged state is answered with a page, and ignored. */
  g_assert_true (g_str_has_prefix (probe.answers[3], "HTTP/1.1 400"));
  g_assert_nonnull (strstr (probe.answers[3], "This answer is not for Liaison"));

  /* None of it ended the sign-in: it went on waiting until cancelled. */
  g_assert_null (tokens);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  for (guint i = 0; i < G_N_ELEMENTS (probe.answers); i++)
    g_free (probe.answers[i]);
}

/* A forged answer and then nobody: the timeout says what was ignored. */
static void
test_forged_then_timeout (void)
{
  g_autoptr (LiaisonOAuthFlow) flow
      = liaison_oauth_flow_new (liaison_sandbox_get_client_id (sandbox), "secret");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (LiaisonGhlTokens) tokens = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GThread) thread = NULL;
  g_autofree char *answer = NULL;
  gint64 elapsed = 0;
  guint port;

  g_assert_true (
      liaison_oauth_flow_set_marketplace_url (flow, liaison_sandbox_get_ghl_url (sandbox), &error));
  g_assert_true (
      liaison_oauth_flow_set_api_url (flow, liaison_sandbox_get_ghl_url (sandbox), &error));
  liaison_oauth_flow_set_port (flow, 0);
  liaison_oauth_flow_set_open_browser (flow, FALSE);
  liaison_oauth_flow_set_timeout_ms (flow, 1500);
  liaison_oauth_flow_run_async (flow, NULL, auth_test_store_result, &result);
  port = liaison_oauth_flow_get_port (flow);

  /* Sent from this thread: the listener answers on the next iterations. */
  {
    Probe probe = { .port = port };

    thread = g_thread_new ("forger", probe_thread, &probe);
    tokens = liaison_oauth_flow_run_finish (flow, auth_test_wait (&result), &error);
    g_thread_join (g_steal_pointer (&thread));
    answer = g_strdup (probe.answers[3]);
    elapsed = probe.elapsed_us[3];
    for (guint i = 0; i < G_N_ELEMENTS (probe.answers); i++)
      g_free (probe.answers[i]);
  }
  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 400"));
  g_assert_cmpint (elapsed, <, 3 * G_USEC_PER_SEC);
  g_assert_null (tokens);
  g_assert_error (error, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_STATE_MISMATCH);
  g_assert_nonnull (strstr (error->message, "was not completed within"));
  g_assert_nonnull (strstr (error->message, "does not belong to this connection attempt"));
}

/* Asks the sandbox's consent page for a code with a challenge, as a browser
 * would, and returns the code from the redirect. */
static char *
code_with_challenge (SoupSession *session, const char *challenge)
{
  g_autofree char *url = NULL;
  g_autoptr (SoupMessage) post = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GUri) location = NULL;
  g_autoptr (GHashTable) params = NULL;
  const char *redirect = "http://127.0.0.1:9/oauth/callback";

  post = soup_message_new_from_encoded_form (
      "POST",
      (url = g_strdup_printf ("%s/oauth/chooselocation", liaison_sandbox_get_ghl_url (sandbox))),
      soup_form_encode ("client_id", liaison_sandbox_get_client_id (sandbox), "redirect_uri",
                        redirect, "state", "s", "decision", "allow", "code_challenge", challenge,
                        "code_challenge_method", "S256", NULL));
  soup_message_add_flags (post, SOUP_MESSAGE_NO_REDIRECT);
  body = soup_session_send_and_read (session, post, NULL, NULL);
  g_assert_true (SOUP_STATUS_IS_REDIRECTION (soup_message_get_status (post)));
  location = g_uri_parse (
      soup_message_headers_get_one (soup_message_get_response_headers (post), "Location"),
      G_URI_FLAGS_NONE, NULL);
  params = g_uri_parse_params (g_uri_get_query (location), -1, "&", G_URI_PARAMS_NONE, NULL);
  return g_strdup (g_hash_table_lookup (params, "code"));
}

static guint
exchange (SoupSession *session, const char *code, const char *verifier, char **reply)
{
  g_autofree char *url = g_strdup_printf ("%s/oauth/token", liaison_sandbox_get_ghl_url (sandbox));
  g_autoptr (GHashTable) form = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr (SoupMessage) post = NULL;
  g_autoptr (GBytes) body = NULL;

  g_hash_table_insert (form, (char *) "client_id",
                       g_strdup (liaison_sandbox_get_client_id (sandbox)));
  g_hash_table_insert (form, (char *) "client_secret",
                       g_strdup (liaison_sandbox_get_client_secret (sandbox)));
  g_hash_table_insert (form, (char *) "grant_type", g_strdup ("authorization_code"));
  g_hash_table_insert (form, (char *) "code", g_strdup (code));
  if (verifier != NULL)
    g_hash_table_insert (form, (char *) "code_verifier", g_strdup (verifier));
  post = soup_message_new_from_encoded_form ("POST", url, soup_form_encode_hash (form));
  body = soup_session_send_and_read (session, post, NULL, NULL);
  *reply = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  return soup_message_get_status (post);
}

/* RFC 7636 appendix B's example pair. */
#define VERIFIER "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
#define CHALLENGE "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"

static void
test_sandbox_pkce (void)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *missing_code = code_with_challenge (session, CHALLENGE);
  g_autofree char *wrong_code = code_with_challenge (session, CHALLENGE);
  g_autofree char *right_code = code_with_challenge (session, CHALLENGE);
  g_autofree char *missing = NULL;
  g_autofree char *wrong = NULL;
  g_autofree char *right = NULL;

  g_assert_cmpuint (exchange (session, missing_code, NULL, &missing), ==, 400);
  g_assert_nonnull (strstr (missing, "code_verifier is required"));
  g_assert_cmpuint (exchange (session, wrong_code, VERIFIER "x", &wrong), ==, 400);
  g_assert_nonnull (strstr (wrong, "does not match"));
  g_assert_cmpuint (exchange (session, right_code, VERIFIER, &right), ==, 200);
  g_assert_nonnull (strstr (right, "access_token"));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  sandbox = auth_test_sandbox (502, 0);

  g_test_add_func ("/auth/oauth-listener/hostile-requests", test_hostile_requests);
  g_test_add_func ("/auth/oauth-listener/forged-then-timeout", test_forged_then_timeout);
  g_test_add_func ("/auth/oauth-listener/sandbox-pkce", test_sandbox_pkce);
  status = g_test_run ();

  liaison_sandbox_stop (sandbox);
  g_clear_object (&sandbox);
  return status;
}
