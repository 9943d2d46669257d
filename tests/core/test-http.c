/* test-http.c: LiaisonHttp against a scripted peer: error mapping for both
 * services' error shapes, protocol errors, retries and their bounds, the
 * shared 401 refresh, the in-flight bound, cancellation, the https rule and
 * redaction of traces.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-http"

#include <string.h>

#include "fake-peer.h"
#include "liaison-bearer-authorizer.h"
#include "liaison-debug.h"
#include "liaison-http.h"
#include "liaison-lsq-key-authorizer.h"

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

/* ---- helpers ---- */

typedef struct
{
  GAsyncResult *result;
  guint calls;
  gint64 done_at;
} Wait;

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *wait = user_data;

  wait->calls++;
  wait->done_at = g_get_monotonic_time ();
  g_set_object (&wait->result, result);
}

static void
wait_for (Wait *wait)
{
  while (wait->calls == 0)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
on_spin_done (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_spin_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static LiaisonHttp *
new_http (LiaisonHttpService service, FakePeer *peer, LiaisonAuthorizer *authorizer)
{
  g_autoptr (GError) error = NULL;
  LiaisonHttp *http = liaison_http_new (service, fake_peer_get_url (peer), authorizer, &error);
  LiaisonRetryPolicy *policy;

  g_assert_no_error (error);
  policy = liaison_http_get_retry_policy (http);
  /* Small delays so that the suite runs in seconds. */
  liaison_retry_policy_set_base_delay_ms (policy, 5);
  liaison_retry_policy_set_max_delay_ms (policy, 20);
  liaison_retry_policy_set_max_attempts (policy, 3);
  return http;
}

static JsonNode *
send_json (LiaisonHttp *http, LiaisonHttpRequest *request, GError **error)
{
  Wait wait = { 0 };
  JsonNode *node;

  liaison_http_send_async (http, request, NULL, on_done, &wait);
  wait_for (&wait);
  node = liaison_http_send_json_finish (http, wait.result, error);
  g_clear_object (&wait.result);
  return node;
}

/* ---- the https rule ---- */

static void
test_https_rule (void)
{
  static const char *allowed[] = {
    "https://services.leadconnectorhq.com",
    "https://api-us11.leadsquared.com/v2/",
    "http://127.0.0.1:8080",
    "http://localhost:1234/v2",
    "http://[::1]:9000",
  };
  static const char *refused[] = {
    "http://services.leadconnectorhq.com",
    "http://10.0.0.1:80",
    "http://127.0.0.2",
    "ftp://127.0.0.1",
    "not a url",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      g_autoptr (GError) error = NULL;
      g_assert_true (liaison_http_check_base_url (allowed[i], &error));
      g_assert_no_error (error);
    }
  for (i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (LiaisonHttp) http = NULL;

      g_assert_false (liaison_http_check_base_url (refused[i], &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
      http = liaison_http_new (LIAISON_HTTP_SERVICE_GHL, refused[i], NULL, &error);
      g_assert_null (http);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    }
}

/* ---- error mapping ---- */

typedef struct
{
  LiaisonHttpService service;
  guint status;
  const char *content_type;
  const char *body;
  LiaisonHttpError code;
  const char *message;
} ErrorCase;

static const ErrorCase error_cases[] = {
  { LIAISON_HTTP_SERVICE_GHL, 422, "application/json",
    "{\"statusCode\":422,\"message\":[\"email must be an email\"],\"error\":\"Unprocessable "
    "Entity\"}",
    LIAISON_HTTP_ERROR_VALIDATION, "HighLevel rejected the contact: email must be an email" },
  { LIAISON_HTTP_SERVICE_GHL, 422, "application/json",
    "{\"statusCode\":422,\"message\":[\"email must be an email\",\"phone is invalid\"]}",
    LIAISON_HTTP_ERROR_VALIDATION,
    "HighLevel rejected the contact: email must be an email; phone is invalid" },
  { LIAISON_HTTP_SERVICE_GHL, 400, "application/json",
    "{\"statusCode\":400,\"message\":\"Bad Request\"}", LIAISON_HTTP_ERROR_VALIDATION,
    "HighLevel rejected the contact: Bad Request" },
  { LIAISON_HTTP_SERVICE_GHL, 401, "application/json",
    "{\"statusCode\":401,\"message\":\"Invalid token: access token is invalid\",\"error\":"
    "\"Unauthorized\"}",
    LIAISON_HTTP_ERROR_NOT_AUTHORIZED,
    "Could not create the contact: HighLevel did not accept the credentials (Invalid token: "
    "access token is invalid)" },
  { LIAISON_HTTP_SERVICE_GHL, 403, "application/json",
    "{\"statusCode\":403,\"message\":\"The token does not have access to this location.\","
    "\"error\":\"Forbidden\"}",
    LIAISON_HTTP_ERROR_FORBIDDEN,
    "Could not create the contact: HighLevel denied access (The token does not have access to "
    "this location.)" },
  { LIAISON_HTTP_SERVICE_GHL, 404, "application/json",
    "{\"statusCode\":404,\"message\":\"Contact not found\"}", LIAISON_HTTP_ERROR_NOT_FOUND,
    "Could not create the contact: HighLevel has no such record (Contact not found)" },
  { LIAISON_HTTP_SERVICE_GHL, 400, "application/json",
    "{\"statusCode\":400,\"message\":\"Contact not found\"}", LIAISON_HTTP_ERROR_NOT_FOUND,
    "Could not create the contact: HighLevel has no such record (Contact not found)" },
  { LIAISON_HTTP_SERVICE_GHL, 422, "application/json",
    "{\"statusCode\":422,\"message\":[\"Contact not found\"]}", LIAISON_HTTP_ERROR_VALIDATION,
    "HighLevel rejected the contact: Contact not found" },
  { LIAISON_HTTP_SERVICE_GHL, 404, NULL, NULL, LIAISON_HTTP_ERROR_NOT_FOUND,
    "Could not create the contact: HighLevel has no such record (HTTP 404 Not Found)" },
  { LIAISON_HTTP_SERVICE_GHL, 429, "application/json",
    "{\"statusCode\":429,\"message\":\"Too many requests\"}", LIAISON_HTTP_ERROR_RATE_LIMITED,
    "Could not create the contact: HighLevel's rate limit was exceeded (Too many requests) "
    "(gave up after 1 try)" },
  { LIAISON_HTTP_SERVICE_GHL, 500, "application/json",
    "{\"statusCode\":500,\"message\":\"Internal server error\"}", LIAISON_HTTP_ERROR_SERVER,
    "Could not create the contact: HighLevel failed with HTTP 500 (Internal server error)" },
  { LIAISON_HTTP_SERVICE_GHL, 502, "text/html",
    "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
    LIAISON_HTTP_ERROR_PROTOCOL, "a page of text/html instead of JSON, HTTP 502 Bad Gateway" },
  { LIAISON_HTTP_SERVICE_GHL, 500, "application/json", "{\"statusCode\": 500, \"mess",
    LIAISON_HTTP_ERROR_PROTOCOL, "malformed JSON, HTTP 500" },
  { LIAISON_HTTP_SERVICE_GHL, 302, "text/plain", "", LIAISON_HTTP_ERROR_PROTOCOL,
    "an unexpected redirect, HTTP 302" },
  { LIAISON_HTTP_SERVICE_LSQ, 500, "application/json",
    "{\"Status\":\"Error\",\"ExceptionType\":\"MXDuplicateEntryException\",\"ExceptionMessage\":"
    "\"Duplicate entry 'a@example.com' for key 'UQ_Prospect_Base_EmailAddress'\"}",
    LIAISON_HTTP_ERROR_VALIDATION,
    "LeadSquared rejected the contact: Duplicate entry 'a@example.com' for key "
    "'UQ_Prospect_Base_EmailAddress'" },
  { LIAISON_HTTP_SERVICE_LSQ, 500, "application/json",
    "{\"Status\":\"Error\",\"ExceptionType\":\"MXInvalidEntityException\",\"ExceptionMessage\":"
    "\"Lead does not exist in the system\"}",
    LIAISON_HTTP_ERROR_NOT_FOUND,
    "Could not create the contact: LeadSquared has no such record (Lead does not exist in the "
    "system)" },
  { LIAISON_HTTP_SERVICE_LSQ, 400, "application/json",
    "{\"Status\":\"Error\",\"ExceptionType\":\"MXMandatoryAttributeMissingException\","
    "\"ExceptionMessage\":\"'leadId' is mandatory for updating lead\"}",
    LIAISON_HTTP_ERROR_VALIDATION,
    "LeadSquared rejected the contact: 'leadId' is mandatory for updating lead" },
  { LIAISON_HTTP_SERVICE_LSQ, 200, "application/json",
    "{\"Status\":\"Error\",\"ExceptionType\":\"MXMandatoryAttributeMissingException\","
    "\"ExceptionMessage\":\"'leadId' is mandatory for updating lead\"}",
    LIAISON_HTTP_ERROR_VALIDATION,
    "LeadSquared rejected the contact: 'leadId' is mandatory for updating lead" },
  { LIAISON_HTTP_SERVICE_LSQ, 401, "application/json",
    "{\"Status\":\"Error\",\"ExceptionType\":\"MXUnAuthorizedAccessException\","
    "\"ExceptionMessage\":\"Invalid access key or secret key\"}",
    LIAISON_HTTP_ERROR_NOT_AUTHORIZED,
    "Could not create the contact: LeadSquared did not accept the credentials (Invalid access "
    "key or secret key)" },
  { LIAISON_HTTP_SERVICE_LSQ, 403, "text/html", "<html>Forbidden</html>",
    LIAISON_HTTP_ERROR_FORBIDDEN,
    "Could not create the contact: LeadSquared denied access (HTTP 403 Forbidden)" },
  { LIAISON_HTTP_SERVICE_LSQ, 404, "text/html", "<html><body>Endpoint not found.</body></html>",
    LIAISON_HTTP_ERROR_PROTOCOL, "instead of JSON" },
  { LIAISON_HTTP_SERVICE_LSQ, 503, "application/json",
    "{\"Status\":\"Error\",\"ExceptionType\":\"ServiceUnavailable\",\"ExceptionMessage\":"
    "\"Try later\"}",
    LIAISON_HTTP_ERROR_SERVER,
    "Could not create the contact: LeadSquared failed with HTTP 503 (Try later)" },
  { LIAISON_HTTP_SERVICE_LSQ, 200, "application/json", "{\"Status\":\"Success\",\"Message\":",
    LIAISON_HTTP_ERROR_PROTOCOL, "LeadSquared sent malformed JSON" },
  { LIAISON_HTTP_SERVICE_GHL, 200, "text/html", "<html><body>Login</body></html>",
    LIAISON_HTTP_ERROR_PROTOCOL, "HighLevel sent a page of text/html instead of JSON" },
};

static void
test_error_mapping (void)
{
  FakePeer *peer = fake_peer_new ();
  guint i;

  for (i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      const ErrorCase *c = &error_cases[i];
      g_autoptr (LiaisonHttp) http = new_http (c->service, peer, NULL);
      g_autoptr (LiaisonHttpRequest) request = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node = NULL;
      g_autofree char *path = g_strdup_printf ("/case/%u", i);

      g_test_message ("case %u: HTTP %u %s", i, c->status, c->body != NULL ? c->body : "");
      liaison_retry_policy_set_max_attempts (liaison_http_get_retry_policy (http), 1);
      fake_peer_push (peer, path, fake_response_new (c->status, c->content_type, c->body));

      request = liaison_http_request_new ("POST", path, "create the contact");
      liaison_http_request_set_subject (request, "the contact");
      node = send_json (http, request, &error);

      g_assert_null (node);
      g_assert_error (error, LIAISON_HTTP_ERROR, (gint) c->code);
      g_assert_nonnull (strstr (error->message, c->message));
      /* Every message names the operation or its subject. */
      g_assert_nonnull (strstr (error->message, "the contact"));
      g_assert_cmpuint (fake_peer_count (peer, path), ==, 1);
    }

  fake_peer_free (peer);
}

static void
test_success_json (void)
{
  FakePeer *peer = fake_peer_new ();
  g_autoptr (LiaisonHttp) http = new_http (LIAISON_HTTP_SERVICE_GHL, peer, NULL);
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autoptr (JsonNode) body
      = json_from_string ("{\"email\":\"a@example.com\",\"tags\":[\"x\"]}", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GPtrArray) requests = NULL;
  FakeRequest *seen;

  fake_peer_push (peer, "/contacts/", fake_response_json (201, "{\"contact\":{\"id\":\"c1\"}}"));
  request = liaison_http_request_new ("POST", "/contacts/", "create the contact");
  liaison_http_request_add_header (request, "Version", "2021-07-28");
  liaison_http_request_add_query (request, "locationId", "loc 1&2");
  liaison_http_request_set_json_body (request, body);
  node = send_json (http, request, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (
      json_object_get_string_member (
          json_object_get_object_member (json_node_get_object (node), "contact"), "id"),
      ==, "c1");

  requests = fake_peer_dup_requests (peer);
  g_assert_cmpuint (requests->len, ==, 1);
  seen = g_ptr_array_index (requests, 0);
  g_assert_cmpstr (seen->method, ==, "POST");
  g_assert_cmpstr (seen->query, ==, "locationId=loc%201%262");
  g_assert_cmpstr (soup_message_headers_get_one (seen->headers, "Version"), ==, "2021-07-28");
  g_assert_cmpstr (soup_message_headers_get_one (seen->headers, "Accept"), ==, "application/json");
  g_assert_cmpstr (soup_message_headers_get_content_type (seen->headers, NULL), ==,
                   "application/json");
  g_assert_cmpstr (seen->body, ==, "{\"email\":\"a@example.com\",\"tags\":[\"x\"]}");

  fake_peer_free (peer);
}

/* ---- retries ---- */

static LiaisonHttpRequest *
get_request (const char *path)
{
  return liaison_http_request_new ("GET", path, "get the contact");
}

static void
test_retry_bounded (void)
{
  FakePeer *peer = fake_peer_new ();
  g_autoptr (LiaisonHttp) http = new_http (LIAISON_HTTP_SERVICE_GHL, peer, NULL);
  g_autoptr (LiaisonHttpRequest) request = get_request ("/flaky");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;

  fake_peer_set_default (peer, "/flaky",
                         fake_response_json (503, "{\"statusCode\":503,\"message\":\"Busy\"}"));
  node = send_json (http, request, &error);

  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_SERVER);
  g_assert_cmpstr (error->message, ==,
                   "Could not get the contact: HighLevel failed with HTTP 503 (Busy) (gave up "
                   "after 3 tries)");
  g_assert_cmpuint (fake_peer_count (peer, "/flaky"), ==, 3);
  fake_peer_free (peer);
}

static void
test_retry_then_success (void)
{
  FakePeer *peer = fake_peer_new ();
  g_autoptr (LiaisonHttp) http = new_http (LIAISON_HTTP_SERVICE_GHL, peer, NULL);
  g_autoptr (LiaisonHttpRequest) request = get_request ("/flaky");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  FakeResponse *reset = fake_response_new (200, NULL, NULL);
  FakeResponse *slow = fake_response_json (200, "{\"late\":true}");

  reset->reset = TRUE;
  slow->delay_ms = 1000;
  liaison_http_set_timeout_ms (http, 150);
  liaison_retry_policy_set_max_attempts (liaison_http_get_retry_policy (http), 4);
  /* A 500, a reset connection and a timeout, then success. */
  fake_peer_push (peer, "/flaky", fake_response_json (500, "{\"message\":\"oops\"}"));
  fake_peer_push (peer, "/flaky", reset);
  fake_peer_push (peer, "/flaky", slow);
  fake_peer_push (peer, "/flaky", fake_response_json (200, "{\"ok\":true}"));
  node = send_json (http, request, &error);

  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (node), "ok"));
  g_assert_cmpuint (fake_peer_count (peer, "/flaky"), ==, 4);
  fake_peer_free (peer);
}

static void
test_retry_after (void)
{
  FakePeer *peer = fake_peer_new ();
  g_autoptr (LiaisonHttp) http = new_http (LIAISON_HTTP_SERVICE_GHL, peer, NULL);
  g_autoptr (LiaisonHttpRequest) request
      = liaison_http_request_new ("POST", "/contacts/", "create the contact");
  FakeResponse *limited = fake_response_json (429, "{\"message\":\"slow down\"}");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GPtrArray) requests = NULL;
  gint64 gap_us;

  /* A 429 means "not processed", so even a create is tried again, and only
   * after the second the server asked for. */
  fake_response_add_header (limited, "Retry-After", "1");
  fake_peer_push (peer, "/contacts/", limited);
  fake_peer_push (peer, "/contacts/", fake_response_json (201, "{\"contact\":{\"id\":\"x\"}}"));
  node = send_json (http, request, &error);

  g_assert_no_error (error);
  requests = fake_peer_dup_requests (peer);
  g_assert_cmpuint (requests->len, ==, 2);
  gap_us = ((FakeRequest *) g_ptr_array_index (requests, 1))->arrived_us
           - ((FakeRequest *) g_ptr_array_index (requests, 0))->arrived_us;
  g_assert_cmpint (gap_us, >=, 1000 * 1000);
  g_assert_cmpint (gap_us, <, 3000 * 1000);
  fake_peer_free (peer);
}

static void
test_retry_after_too_long (void)
{
  FakePeer *peer = fake_peer_new ();
  g_autoptr (LiaisonHttp) http = new_http (LIAISON_HTTP_SERVICE_LSQ, peer, NULL);
  g_autoptr (LiaisonHttpRequest) request = get_request ("/v2/LeadManagement.svc/Leads.GetById");
  FakeResponse *limited = fake_response_json (429, "{\"Status\":\"Error\",\"ExceptionMessage\":"
                                                   "\"API calls exceeded the limit of 25 in 5 "
                                                   "second(s)\"}");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;

  fake_response_add_header (limited, "Retry-After", "3600");
  fake_peer_push (peer, "/v2/LeadManagement.svc/Leads.GetById", limited);
  node = send_json (http, request, &error);

  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "API calls exceeded the limit of 25"));
  g_assert_nonnull (strstr (error->message, "asked to wait 3600 s"));
  g_assert_cmpuint (fake_peer_count (peer, NULL), ==, 1);
  fake_peer_free (peer);
}

static void
test_429_pauses_bucket (void)
{
  FakePeer *peer = fake_peer_new ();
  g_autoptr (LiaisonHttp) http = new_http (LIAISON_HTTP_SERVICE_LSQ, peer, NULL);
  g_autoptr (LiaisonHttpRequest) request = get_request ("/v2/LeadManagement.svc/Leads.GetById");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GPtrArray) requests = NULL;
  gint64 gap_us;

  /* LeadSquared's 429 carries no headers: wait a whole interval. */
  liaison_rate_limiter_set_limit (liaison_http_get_rate_limiter (http), 5, 300);
  fake_peer_push (peer, "/v2/LeadManagement.svc/Leads.GetById",
                  fake_response_json (429, "{\"Status\":\"Error\",\"ExceptionMessage\":\"API calls "
                                           "exceeded the limit of 5 in 5 second(s)\"}"));
  fake_peer_push (peer, "/v2/LeadManagement.svc/Leads.GetById", fake_response_json (200, "[]"));
  node = send_json (http, request, &error);

  g_assert_no_error (error);
  requests = fake_peer_dup_requests (peer);
  g_assert_cmpuint (requests->len, ==, 2);
  gap_us = ((FakeRequest *) g_ptr_array_index (requests, 1))->arrived_us
           - ((FakeRequest *) g_ptr_array_index (requests, 0))->arrived_us;
  g_assert_cmpint (gap_us, >=, 300 * 1000);
  fake_peer_free (peer);
}

static void
test_no_blind_create_retry (void)
{
  FakePeer *peer = fake_peer_new ();
  g_autoptr (LiaisonHttp) http = new_http (LIAISON_HTTP_SERVICE_GHL, peer, NULL);
  g_autoptr (LiaisonHttpRequest) create
      = liaison_http_request_new ("POST", "/contacts/", "create the contact");
  g_autoptr (LiaisonHttpRequest) upsert
      = liaison_http_request_new ("POST", "/contacts/upsert", "upsert the contact");
  g_autoptr (LiaisonHttpRequest) reset_create
      = liaison_http_request_new ("POST", "/notes", "create the note");
  FakeResponse *reset = fake_response_new (200, NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;

  fake_peer_set_default (peer, "/contacts/", fake_response_json (500, "{\"message\":\"boom\"}"));
  fake_peer_set_default (peer, "/contacts/upsert",
                         fake_response_json (500, "{\"message\":\"boom\"}"));
  reset->reset = TRUE;
  fake_peer_set_default (peer, "/notes", reset);

  /* A create that may have reached the server is not repeated... */
  node = send_json (http, create, &error);
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_SERVER);
  g_assert_cmpuint (fake_peer_count (peer, "/contacts/"), ==, 1);
  g_clear_error (&error);

  node = send_json (http, reset_create, &error);
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NETWORK);
  g_assert_cmpuint (fake_peer_count (peer, "/notes"), ==, 1);
  g_clear_error (&error);

  /* ...an upsert is, since repeating it is harmless. */
  liaison_http_request_set_idempotent (upsert, TRUE);
  node = send_json (http, upsert, &error);
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_SERVER);
  g_assert_cmpuint (fake_peer_count (peer, "/contacts/upsert"), ==, 3);

  fake_peer_free (peer);
}

static void
test_refused_create_retried (void)
{
  g_autoptr (LiaisonHttp) http = NULL;
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GInetSocketAddress) address = NULL;
  g_autoptr (GSocketAddress) bound = NULL;
  g_autofree char *url = NULL;
  LiaisonRetryPolicy *policy;

  /* A port that was just free: nothing listens there. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  address = G_INET_SOCKET_ADDRESS (g_inet_socket_address_new_from_string ("127.0.0.1", 0));
  g_assert_true (g_socket_bind (socket, G_SOCKET_ADDRESS (address), TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  url = g_strdup_printf ("http://127.0.0.1:%u",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  http = liaison_http_new (LIAISON_HTTP_SERVICE_GHL, url, NULL, &error);
  g_assert_no_error (error);
  policy = liaison_http_get_retry_policy (http);
  liaison_retry_policy_set_base_delay_ms (policy, 5);
  liaison_retry_policy_set_max_delay_ms (policy, 10);
  liaison_retry_policy_set_max_attempts (policy, 3);

  /* Refused means never sent: even a create is tried again. */
  request = liaison_http_request_new ("POST", "/contacts/", "create the contact");
  node = send_json (http, request, &error);
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "Could not create the contact: HighLevel could not "
                                            "be reached"));
  g_assert_nonnull (strstr (error->message, "(gave up after 3 tries)"));
}

static void
test_timeout (void)
{
  FakePeer *peer = fake_peer_new ();
  g_autoptr (LiaisonHttp) http = new_http (LIAISON_HTTP_SERVICE_GHL, peer, NULL);
  g_autoptr (LiaisonHttpRequest) request
      = liaison_http_request_new ("POST", "/slow", "create the task");
  FakeResponse *slow = fake_response_json (201, "{}");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  gint64 start = g_get_monotonic_time ();

  slow->delay_ms = 2000;
  fake_peer_set_default (peer, "/slow", slow);
  liaison_http_set_timeout_ms (http, 100);
  node = send_json (http, request, &error);

  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_TIMEOUT);
  g_assert_cmpstr (error->message, ==,
                   "Could not create the task: HighLevel did not answer in time");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 1500 * 1000);
  g_assert_cmpuint (fake_peer_count (peer, "/slow"), ==, 1);
  fake_peer_free (peer);
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

  g_test_add_func ("/http/https-rule", test_https_rule);
  g_test_add_func ("/http/error-mapping", test_error_mapping);
  g_test_add_func ("/http/success-json", test_success_json);
  g_test_add_func ("/http/retry/bounded", test_retry_bounded);
  g_test_add_func ("/http/retry/then-success", test_retry_then_success);
  g_test_add_func ("/http/retry/retry-after", test_retry_after);
  g_test_add_func ("/http/retry/retry-after-too-long", test_retry_after_too_long);
  g_test_add_func ("/http/retry/no-blind-create", test_no_blind_create_retry);
  g_test_add_func ("/http/retry/429-pauses-bucket", test_429_pauses_bucket);
  g_test_add_func ("/http/retry/refused-create", test_refused_create_retried);
  g_test_add_func ("/http/timeout", test_timeout);
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
