/* test-http-session.c: LiaisonHttp's shared state against a scripted
 * peer: the one 401 refresh shared by concurrent requests, credentials on
 * the wire, the in-flight bound and server rate headers, cancellation at
 * every stage, and redaction of traces.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-http"

#include <string.h>

#include "liaison-bearer-authorizer.h"
#include "liaison-lsq-key-authorizer.h"
#include "test-http-util.h"

/* ---- log capture (for the redaction test) ---- */

static GMutex capture_lock;
static GString *capture;

static GLogWriterOutput
capture_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  gsize i;

  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (level, fields, n_fields, user_data);

  g_mutex_lock (&capture_lock);
  if (capture != NULL)
    for (i = 0; i < n_fields; i++)
      if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
        {
          g_string_append_len (capture, fields[i].value,
                               fields[i].length < 0 ? (gssize) strlen (fields[i].value)
                                                    : fields[i].length);
          g_string_append_c (capture, '\n');
        }
  g_mutex_unlock (&capture_lock);
  /* Debug output would corrupt the TAP stream; it is only captured. */
  return G_LOG_WRITER_HANDLED;
}

/* ---- the shared 401 refresh ---- */

#define TEST_TYPE_AUTHORIZER (test_authorizer_get_type ())
G_DECLARE_FINAL_TYPE (TestAuthorizer, test_authorizer, TEST, AUTHORIZER, GObject)

struct _TestAuthorizer
{
  GObject parent_instance;

  char *token;
  guint refreshes;
  gboolean fail;
};

static void test_authorizer_iface_init (LiaisonAuthorizerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestAuthorizer, test_authorizer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (LIAISON_TYPE_AUTHORIZER,
                                                      test_authorizer_iface_init))

static gboolean
test_authorizer_apply (LiaisonAuthorizer *authorizer, SoupMessage *message, GError **error)
{
  TestAuthorizer *self = TEST_AUTHORIZER (authorizer);
  g_autofree char *value = g_strconcat ("Bearer ", self->token, NULL);

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", value);
  return TRUE;
}

static gboolean
test_authorizer_can_refresh (LiaisonAuthorizer *authorizer)
{
  return TRUE;
}

static gboolean
on_refresh_done (gpointer user_data)
{
  GTask *task = user_data;
  TestAuthorizer *self = g_task_get_source_object (task);

  if (self->fail)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "refresh token revoked");
      return G_SOURCE_REMOVE;
    }
  g_free (self->token);
  self->token = g_strdup_printf ("fresh-%u", self->refreshes);
  g_task_return_boolean (task, TRUE);
  return G_SOURCE_REMOVE;
}

static void
test_authorizer_refresh_async (LiaisonAuthorizer *authorizer, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  TestAuthorizer *self = TEST_AUTHORIZER (authorizer);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  /* A real refresh takes a while: requests pile up behind it. */
  self->refreshes++;
  g_timeout_add_full (G_PRIORITY_DEFAULT, 50, on_refresh_done, task, g_object_unref);
}

static gboolean
test_authorizer_refresh_finish (LiaisonAuthorizer *authorizer, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
test_authorizer_iface_init (LiaisonAuthorizerInterface *iface)
{
  iface->apply = test_authorizer_apply;
  iface->can_refresh = test_authorizer_can_refresh;
  iface->refresh_async = test_authorizer_refresh_async;
  iface->refresh_finish = test_authorizer_refresh_finish;
}

static void
test_authorizer_finalize (GObject *object)
{
  g_free (TEST_AUTHORIZER (object)->token);
  G_OBJECT_CLASS (test_authorizer_parent_class)->finalize (object);
}

static void
test_authorizer_class_init (TestAuthorizerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_authorizer_finalize;
}

static void
test_authorizer_init (TestAuthorizer *self)
{
  self->token = g_strdup ("stale");
}

/* The peer accepts only the first refreshed token. */
static FakeResponse *
accept_fresh_token (FakePeer *peer, SoupServerMessage *message, gpointer user_data)
{
  const char *auth = soup_message_headers_get_one (
      soup_server_message_get_request_headers (message), "Authorization");
  gboolean always_refuse = GPOINTER_TO_INT (user_data);
  FakeResponse *response;

  if (!always_refuse && g_strcmp0 (auth, "Bearer fresh-1") == 0)
    response = fake_response_json (200, "{\"ok\":true}");
  else
    response = fake_response_json (401, "{\"statusCode\":401,\"message\":\"Invalid token: "
                                        "access token is invalid\",\"error\":\"Unauthorized\"}");
  response->delay_ms = 20;
  return response;
}

static void
run_concurrent (LiaisonHttp *http, Wait *waits, guint n, GError **errors)
{
  guint i;

  for (i = 0; i < n; i++)
    {
      g_autoptr (LiaisonHttpRequest) request = get_request ("/contacts/x");
      liaison_http_send_async (http, request, NULL, on_done, &waits[i]);
    }
  for (i = 0; i < n; i++)
    {
      g_autoptr (JsonNode) node = NULL;

      wait_for (&waits[i]);
      node = liaison_http_send_json_finish (http, waits[i].result, &errors[i]);
      g_assert_cmpuint (waits[i].calls, ==, 1);
      g_clear_object (&waits[i].result);
    }
}

static void
test_refresh_once (void)
{
  FakePeer *peer = fake_peer_new ();
  g_autoptr (TestAuthorizer) authorizer = g_object_new (TEST_TYPE_AUTHORIZER, NULL);
  g_autoptr (LiaisonHttp) http = NULL;
  Wait waits[10] = { { 0 } };
  GError *errors[10] = { NULL };
  guint i;

  fake_peer_set_handler (peer, accept_fresh_token, GINT_TO_POINTER (FALSE));
  http = new_http (LIAISON_HTTP_SERVICE_GHL, peer, LIAISON_AUTHORIZER (authorizer));
  run_concurrent (http, waits, G_N_ELEMENTS (waits), errors);

  for (i = 0; i < G_N_ELEMENTS (errors); i++)
    g_assert_no_error (errors[i]);
  g_assert_cmpuint (authorizer->refreshes, ==, 1);
  g_assert_cmpuint (liaison_http_get_refresh_count (http), ==, 1);
  /* Every request succeeded once with the new token; at most one 401 each. */
  g_assert_cmpuint (fake_peer_count (peer, NULL), >=, 11);
  g_assert_cmpuint (fake_peer_count (peer, NULL), <=, 20);
  fake_peer_free (peer);
}

static void
test_refresh_fails (void)
{
  FakePeer *peer = fake_peer_new ();
  g_autoptr (TestAuthorizer) authorizer = g_object_new (TEST_TYPE_AUTHORIZER, NULL);
  g_autoptr (LiaisonHttp) http = NULL;
  Wait waits[10] = { { 0 } };
  GError *errors[10] = { NULL };
  guint i;

  authorizer->fail = TRUE;
  fake_peer_set_handler (peer, accept_fresh_token, GINT_TO_POINTER (FALSE));
  http = new_http (LIAISON_HTTP_SERVICE_GHL, peer, LIAISON_AUTHORIZER (authorizer));
  run_concurrent (http, waits, G_N_ELEMENTS (waits), errors);

  for (i = 0; i < G_N_ELEMENTS (errors); i++)
    {
      g_assert_error (errors[i], LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_AUTHORIZED);
      g_assert_nonnull (strstr (errors[i]->message, "Could not get the contact:"));
      g_clear_error (&errors[i]);
    }
  g_assert_cmpuint (authorizer->refreshes, ==, 1);
  fake_peer_free (peer);
}

static void
test_refresh_still_refused (void)
{
  FakePeer *peer = fake_peer_new ();
  g_autoptr (TestAuthorizer) authorizer = g_object_new (TEST_TYPE_AUTHORIZER, NULL);
  g_autoptr (LiaisonHttp) http = NULL;
  Wait waits[10] = { { 0 } };
  GError *errors[10] = { NULL };
  guint i;

  /* The new token is refused too: one refresh, one retry each, then stop. */
  fake_peer_set_handler (peer, accept_fresh_token, GINT_TO_POINTER (TRUE));
  http = new_http (LIAISON_HTTP_SERVICE_GHL, peer, LIAISON_AUTHORIZER (authorizer));
  run_concurrent (http, waits, G_N_ELEMENTS (waits), errors);

  for (i = 0; i < G_N_ELEMENTS (errors); i++)
    {
      g_assert_error (errors[i], LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_AUTHORIZED);
      g_assert_nonnull (strstr (errors[i]->message, "Invalid token"));
      g_clear_error (&errors[i]);
    }
  g_assert_cmpuint (authorizer->refreshes, ==, 1);
  g_assert_cmpuint (fake_peer_count (peer, NULL), <=, 20);
  fake_peer_free (peer);
}

static void
test_lsq_keys_sent_as_headers (void)
{
  FakePeer *peer = fake_peer_new ();
  g_autoptr (LiaisonAuthorizer) keys = liaison_lsq_key_authorizer_new ("ak-1", "sk-2");
  g_autoptr (LiaisonHttp) http = new_http (LIAISON_HTTP_SERVICE_LSQ, peer, keys);
  g_autoptr (LiaisonHttpRequest) request = get_request ("/v2/LeadManagement.svc/Leads.GetById");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GPtrArray) requests = NULL;
  FakeRequest *seen;

  fake_peer_push (peer, "/v2/LeadManagement.svc/Leads.GetById", fake_response_json (200, "[]"));
  node = send_json (http, request, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));

  requests = fake_peer_dup_requests (peer);
  seen = g_ptr_array_index (requests, 0);
  g_assert_cmpstr (soup_message_headers_get_one (seen->headers, "x-LSQ-AccessKey"), ==, "ak-1");
  g_assert_cmpstr (soup_message_headers_get_one (seen->headers, "x-LSQ-SecretKey"), ==, "sk-2");
  g_assert_null (seen->query);
  fake_peer_free (peer);
}

/* ---- limits on the wire ---- */

static void
test_in_flight_bound (void)
{
  FakePeer *peer = fake_peer_new ();
  g_autoptr (LiaisonHttp) http = new_http (LIAISON_HTTP_SERVICE_GHL, peer, NULL);
  FakeResponse *slow = fake_response_json (200, "{}");
  Wait waits[12] = { { 0 } };
  GError *errors[12] = { NULL };
  guint i;

  slow->delay_ms = 60;
  fake_peer_set_default (peer, "/contacts/x", slow);
  g_assert_cmpuint (liaison_rate_limiter_get_max_in_flight (liaison_http_get_rate_limiter (http)),
                    ==, 4);
  run_concurrent (http, waits, G_N_ELEMENTS (waits), errors);

  for (i = 0; i < G_N_ELEMENTS (errors); i++)
    g_assert_no_error (errors[i]);
  g_assert_cmpuint (fake_peer_count (peer, NULL), ==, 12);
  g_assert_cmpuint (fake_peer_get_max_active (peer), <=, 4);
  g_assert_cmpuint (fake_peer_get_max_active (peer), >=, 2);
  fake_peer_free (peer);
}

static void
test_server_rate_headers (void)
{
  FakePeer *peer = fake_peer_new ();
  g_autoptr (LiaisonHttp) http = new_http (LIAISON_HTTP_SERVICE_GHL, peer, NULL);
  LiaisonRateLimiter *limiter = liaison_http_get_rate_limiter (http);
  FakeResponse *response = fake_response_json (200, "{}");
  g_autoptr (LiaisonHttpRequest) request = get_request ("/limits");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;

  fake_response_add_header (response, "X-RateLimit-Max", "50");
  fake_response_add_header (response, "X-RateLimit-Interval-Milliseconds", "5000");
  fake_response_add_header (response, "X-RateLimit-Remaining", "7");
  fake_response_add_header (response, "X-RateLimit-Daily-Remaining", "1234");
  fake_peer_push (peer, "/limits", response);
  node = send_json (http, request, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (liaison_rate_limiter_get_burst (limiter), ==, 50);
  g_assert_cmpuint (liaison_rate_limiter_get_interval_ms (limiter), ==, 5000);
  g_assert_cmpuint (liaison_rate_limiter_get_available (limiter), ==, 7);
  g_assert_cmpint (liaison_rate_limiter_get_daily_remaining (limiter), ==, 1234);
  fake_peer_free (peer);
}

/* ---- cancellation ---- */

static void
check_http_released (LiaisonHttp *http)
{
  gpointer weak = http;

  /* Nothing may still hold a request: the object goes away at once. */
  g_object_add_weak_pointer (G_OBJECT (http), &weak);
  g_object_unref (http);
  spin (50);
  g_assert_null (weak);
}

static void
test_cancel_in_flight (void)
{
  FakePeer *peer = fake_peer_new ();
  LiaisonHttp *http = new_http (LIAISON_HTTP_SERVICE_GHL, peer, NULL);
  g_autoptr (LiaisonHttpRequest) request = get_request ("/slow");
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;
  FakeResponse *slow = fake_response_json (200, "{}");
  Wait wait = { 0 };
  gint64 cancelled_at;

  slow->delay_ms = 3000;
  fake_peer_set_default (peer, "/slow", slow);
  liaison_http_send_async (http, request, cancellable, on_done, &wait);
  while (fake_peer_count (peer, "/slow") == 0)
    g_main_context_iteration (NULL, FALSE);
  spin (20);
  g_assert_cmpuint (wait.calls, ==, 0);

  cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  wait_for (&wait);
  /* Well before the 3 s the peer would take to answer. */
  g_assert_cmpint (wait.done_at - cancelled_at, <, 1500 * 1000);
  body = liaison_http_send_finish (http, wait.result, NULL, &error);
  g_assert_null (body);
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_CANCELLED);
  g_assert_cmpstr (error->message, ==, "Cancelled the request to get the contact");
  g_clear_object (&wait.result);

  spin (100);
  g_assert_cmpuint (wait.calls, ==, 1);
  g_assert_cmpuint (liaison_rate_limiter_get_in_flight (liaison_http_get_rate_limiter (http)), ==,
                    0);
  check_http_released (http);
  fake_peer_free (peer);
}

static void
test_cancel_queued (void)
{
  FakePeer *peer = fake_peer_new ();
  LiaisonHttp *http = new_http (LIAISON_HTTP_SERVICE_GHL, peer, NULL);
  g_autoptr (LiaisonHttpRequest) first = get_request ("/slow");
  g_autoptr (LiaisonHttpRequest) second = get_request ("/never");
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;
  FakeResponse *slow = fake_response_json (200, "{}");
  Wait wait_first = { 0 }, wait_second = { 0 };

  slow->delay_ms = 200;
  fake_peer_set_default (peer, "/slow", slow);
  liaison_rate_limiter_set_max_in_flight (liaison_http_get_rate_limiter (http), 1);
  liaison_http_send_async (http, first, NULL, on_done, &wait_first);
  liaison_http_send_async (http, second, cancellable, on_done, &wait_second);
  spin (20);
  g_cancellable_cancel (cancellable);
  wait_for (&wait_second);
  g_assert_cmpuint (wait_first.calls, ==, 0);
  body = liaison_http_send_finish (http, wait_second.result, NULL, &error);
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_CANCELLED);
  g_clear_object (&wait_second.result);

  wait_for (&wait_first);
  g_clear_object (&wait_first.result);
  spin (50);
  g_assert_cmpuint (wait_second.calls, ==, 1);
  g_assert_cmpuint (fake_peer_count (peer, "/never"), ==, 0);
  check_http_released (http);
  fake_peer_free (peer);
}

static void
test_cancel_backoff (void)
{
  FakePeer *peer = fake_peer_new ();
  LiaisonHttp *http = new_http (LIAISON_HTTP_SERVICE_GHL, peer, NULL);
  g_autoptr (LiaisonHttpRequest) request = get_request ("/busy");
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;
  FakeResponse *busy = fake_response_json (503, "{\"message\":\"busy\"}");
  Wait wait = { 0 };

  fake_response_add_header (busy, "Retry-After", "30");
  fake_peer_set_default (peer, "/busy", busy);
  liaison_http_send_async (http, request, cancellable, on_done, &wait);
  while (fake_peer_count (peer, "/busy") == 0)
    g_main_context_iteration (NULL, FALSE);
  spin (50);
  g_cancellable_cancel (cancellable);
  wait_for (&wait);
  body = liaison_http_send_finish (http, wait.result, NULL, &error);
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_CANCELLED);
  g_clear_object (&wait.result);

  spin (50);
  g_assert_cmpuint (wait.calls, ==, 1);
  g_assert_cmpuint (fake_peer_count (peer, "/busy"), ==, 1);
  check_http_released (http);
  fake_peer_free (peer);
}

/* ---- redaction ---- */

static void
test_redaction (void)
{
  FakePeer *peer = fake_peer_new ();
  g_autoptr (LiaisonAuthorizer) keys
      = liaison_lsq_key_authorizer_new ("AK-SECRET-1", "SK-SECRET-2");
  g_autoptr (LiaisonAuthorizer) bearer = liaison_bearer_authorizer_new ("BEARER-SECRET-7");
  g_autoptr (LiaisonHttp) lsq = new_http (LIAISON_HTTP_SERVICE_LSQ, peer, keys);
  g_autoptr (LiaisonHttp) ghl = new_http (LIAISON_HTTP_SERVICE_GHL, peer, bearer);
  g_autoptr (LiaisonHttpRequest) lookup = NULL;
  g_autoptr (LiaisonHttpRequest) token = NULL;
  g_autoptr (JsonNode) body
      = json_from_string ("{\"refresh_token\":\"RT-SECRET-3\",\"client_secret\":\"CS-SECRET-4\","
                          "\"FirstName\":\"Visible\",\"nested\":[{\"accessKey\":\"AK-SECRET-9\"}]}",
                          NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *log = NULL;

  fake_peer_push (peer, "/v2/Authentication.svc/UserByAccessKey.Get",
                  fake_response_json (200, "{\"access_token\":\"AT-SECRET-5\",\"refresh_token\":"
                                           "\"RT-SECRET-6\",\"Name\":\"Shown\"}"));
  fake_peer_push (peer, "/oauth/token", fake_response_json (503, "{\"message\":\"later\"}"));
  fake_peer_push (peer, "/oauth/token",
                  fake_response_json (200, "{\"access_token\":\"AT-SECRET-10\"}"));

  g_mutex_lock (&capture_lock);
  capture = g_string_new (NULL);
  g_mutex_unlock (&capture_lock);

  lookup = get_request ("/v2/Authentication.svc/UserByAccessKey.Get");
  liaison_http_request_add_query (lookup, "accessKey", "AK-SECRET-1");
  liaison_http_request_add_query (lookup, "secretKey", "SK-SECRET-2");
  liaison_http_request_set_json_body (lookup, body);
  node = send_json (lsq, lookup, &error);
  g_assert_no_error (error);
  g_clear_pointer (&node, json_node_unref);

  token = liaison_http_request_new ("POST", "/oauth/token", "renew the HighLevel sign-in");
  liaison_http_request_set_idempotent (token, TRUE);
  liaison_http_request_add_form_field (token, "grant_type", "authorization_code");
  liaison_http_request_add_form_field (token, "code", "CODE-SECRET-8");
  liaison_http_request_add_form_field (token, "client_secret", "CS-SECRET-11");
  node = send_json (ghl, token, &error);
  g_assert_no_error (error);

  g_mutex_lock (&capture_lock);
  log = g_string_free (g_steal_pointer (&capture), FALSE);
  g_mutex_unlock (&capture_lock);

  g_test_message ("%s", log);
  /* What a person debugging needs is there... */
  g_assert_nonnull (strstr (log, "GET /v2/Authentication.svc/UserByAccessKey.Get?accessKey="
                                 "[redacted]&secretKey=[redacted] (try 1)"));
  g_assert_nonnull (strstr (log, "UserByAccessKey.Get?accessKey=[redacted]&secretKey=[redacted] "
                                 "-> 200 in "));
  g_assert_nonnull (strstr (log, "rate limit remaining"));
  g_assert_nonnull (strstr (log, "x-LSQ-AccessKey: [redacted]"));
  g_assert_nonnull (strstr (log, "Authorization: [redacted]"));
  g_assert_nonnull (strstr (log, "\"FirstName\":\"Visible\""));
  g_assert_nonnull (strstr (log, "\"Name\":\"Shown\""));
  g_assert_nonnull (strstr (log, "grant_type=authorization_code&code=[redacted]"));
  g_assert_nonnull (strstr (log, "POST /oauth/token -> 503"));
  g_assert_nonnull (strstr (log, "POST /oauth/token: retrying in"));
  /* ...and no secret is. */
  g_assert_null (strstr (log, "SECRET"));

  fake_peer_free (peer);
}

int
main (int argc, char *argv[])
{
  /* Traces on for every test (so that their code runs under the sanitizers
   * too), set before any thread exists; only the redaction test keeps them. */
  g_setenv ("LIAISON_DEBUG", "http", TRUE);
  g_log_set_writer_func (capture_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/http/auth/refresh-once", test_refresh_once);
  g_test_add_func ("/http/auth/refresh-fails", test_refresh_fails);
  g_test_add_func ("/http/auth/still-refused", test_refresh_still_refused);
  g_test_add_func ("/http/auth/lsq-keys", test_lsq_keys_sent_as_headers);
  g_test_add_func ("/http/limits/in-flight", test_in_flight_bound);
  g_test_add_func ("/http/limits/server-headers", test_server_rate_headers);
  g_test_add_func ("/http/cancel/in-flight", test_cancel_in_flight);
  g_test_add_func ("/http/cancel/queued", test_cancel_queued);
  g_test_add_func ("/http/cancel/backoff", test_cancel_backoff);
  g_test_add_func ("/http/redaction", test_redaction);

  return g_test_run ();
}
