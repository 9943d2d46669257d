/* test-http.c: LiaisonHttp against a scripted peer: error mapping for both
 * services' error shapes, protocol errors, the https rule, and retries
 * within their bounds (Retry-After, no blind repeat of a create).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-http"

#include <string.h>

#include "test-http-util.h"

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
    "LeadSquared rejected the contact: another lead already has the e-mail address "
    "a@example.com, and LeadSquared allows one lead per e-mail address; link the two on the "
    "Contacts page, or change the e-mail address in one of them" },
  { LIAISON_HTTP_SERVICE_LSQ, 500, "application/json",
    "{\"Status\":\"Error\",\"ExceptionType\":\"MXDuplicateEntryException\",\"ExceptionMessage\":"
    "\"Duplicate entry '+17065552678' for key 'UQ_Prospect_Base_Phone'\"}",
    LIAISON_HTTP_ERROR_VALIDATION,
    "LeadSquared rejected the contact: another lead already has the phone number +17065552678, "
    "and LeadSquared allows one lead per phone number; link the two on the Contacts page, or "
    "change the phone number in one of them" },
  { LIAISON_HTTP_SERVICE_LSQ, 500, "application/json",
    "{\"Status\":\"Error\",\"ExceptionType\":\"MXDuplicateEntryException\",\"ExceptionMessage\":"
    "\"Duplicate entry 'X-1' for key 'UQ_Prospect_Base_mx_Badge'\"}",
    LIAISON_HTTP_ERROR_VALIDATION,
    "LeadSquared rejected the contact: another lead already has X-1 in its field mx_Badge, which "
    "LeadSquared keeps unique" },
  { LIAISON_HTTP_SERVICE_LSQ, 500, "application/json",
    "{\"Status\":\"Error\",\"ExceptionType\":\"MXDuplicateEntryException\",\"ExceptionMessage\":"
    "\"Duplicate entry for key 'UQ_Prospect_Base_Phone'\"}",
    LIAISON_HTTP_ERROR_VALIDATION,
    "LeadSquared rejected the contact: Duplicate entry for key 'UQ_Prospect_Base_Phone'" },
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

/* The service's clock from its reply's Date header, which the incremental reads start from;
 * none, or one that is no date, is unknown (0), never this computer's clock. */
static void
test_server_time (void)
{
  static const struct
  {
    const char *date;
    gint64 ms;
  } cases[] = {
    { "Sun, 06 Dec 2026 10:00:00 GMT", G_GINT64_CONSTANT (1796551200000) },
    { "no date at all", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      FakePeer *peer = fake_peer_new ();
      g_autoptr (LiaisonHttp) http = new_http (LIAISON_HTTP_SERVICE_GHL, peer, NULL);
      g_autoptr (LiaisonHttpRequest) request = get_request ("/contacts/c1");
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node = NULL;
      FakeResponse *response = fake_response_json (200, "{\"contact\":{\"id\":\"c1\"}}");
      Wait wait = { 0 };

      fake_response_add_header (response, "Date", cases[i].date);
      fake_peer_push (peer, "/contacts/c1", response);
      liaison_http_send_async (http, request, NULL, on_done, &wait);
      wait_for (&wait);
      node = liaison_http_send_json_finish (http, wait.result, &error);
      g_assert_no_error (error);
      g_assert_cmpint (liaison_http_send_get_server_time (http, wait.result), ==, cases[i].ms);
      g_clear_object (&wait.result);
      fake_peer_free (peer);
    }
}

/* ---- retries ---- */

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

/* A success whose JSON is cut short or garbled is read again when the request is idempotent (the
 * answer is the same), and fails with what was wrong when it is a create, which is not repeated
 * blindly. */
static void
test_retry_malformed (void)
{
  FakePeer *peer = fake_peer_new ();
  g_autoptr (LiaisonHttp) http = new_http (LIAISON_HTTP_SERVICE_GHL, peer, NULL);
  g_autoptr (LiaisonHttpRequest) read = get_request ("/tasks");
  g_autoptr (LiaisonHttpRequest) create
      = liaison_http_request_new ("POST", "/notes", "create the note");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (JsonNode) none = NULL;

  liaison_retry_policy_set_base_delay_ms (liaison_http_get_retry_policy (http), 1);
  fake_peer_push (peer, "/tasks", fake_response_json (200, "{\"tasks\": [{\"id\": \"a\""));
  fake_peer_push (peer, "/tasks", fake_response_json (200, "{\"tasks\": [],\"oops\":}"));
  fake_peer_push (peer, "/tasks", fake_response_json (200, "{\"tasks\": []}"));
  node = send_json (http, read, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  g_assert_cmpuint (fake_peer_count (peer, "/tasks"), ==, 3);

  fake_peer_push (peer, "/notes", fake_response_json (201, "{\"note\": {\"id\":"));
  none = send_json (http, create, &error);
  g_assert_null (none);
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "malformed JSON"));
  g_assert_cmpuint (fake_peer_count (peer, "/notes"), ==, 1);
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
  g_assert_cmpint (gap_us, >=, 990 * 1000); /* timers may fire a little early */
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
  /* A whole interval, give or take the main loop's timer granularity (timers
   * may fire a couple of milliseconds early); an unpaused retry takes ~1 ms. */
  g_assert_cmpint (gap_us, >=, 290 * 1000);
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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/http/https-rule", test_https_rule);
  g_test_add_func ("/http/error-mapping", test_error_mapping);
  g_test_add_func ("/http/success-json", test_success_json);
  g_test_add_func ("/http/server-time", test_server_time);
  g_test_add_func ("/http/retry/bounded", test_retry_bounded);
  g_test_add_func ("/http/retry/malformed", test_retry_malformed);
  g_test_add_func ("/http/retry/then-success", test_retry_then_success);
  g_test_add_func ("/http/retry/retry-after", test_retry_after);
  g_test_add_func ("/http/retry/retry-after-too-long", test_retry_after_too_long);
  g_test_add_func ("/http/retry/no-blind-create", test_no_blind_create_retry);
  g_test_add_func ("/http/retry/429-pauses-bucket", test_429_pauses_bucket);
  g_test_add_func ("/http/retry/refused-create", test_refused_create_retried);
  g_test_add_func ("/http/timeout", test_timeout);

  return g_test_run ();
}
