/* test-ghl-resilience.c: LiaisonGhlClient under pressure, against the
 * in-process HighLevel sandbox: a 1,000-request burst against the sandbox's
 * rate limit, injected 5xx, resets, slow replies, malformed JSON and HTML
 * pages, cancellation, the shared 401 refresh with rotating refresh tokens,
 * and what LIAISON_DEBUG=http writes.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "ghl-test-util.h"
#include "test-oauth-authorizer.h"

static GhlEnv env;
static char *contact_id;

/* ---- log capture ---- */

static GMutex capture_lock;
static GString *capture;

static GLogWriterOutput
capture_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  gsize i;

  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (level, fields, n_fields, user_data);
  g_mutex_lock (&capture_lock);
  for (i = 0; capture != NULL && i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
      {
        g_string_append_len (capture, fields[i].value, fields[i].length);
        g_string_append_c (capture, '\n');
      }
  g_mutex_unlock (&capture_lock);
  /* Traces would break the TAP stream; they are only captured. */
  return G_LOG_WRITER_HANDLED;
}

/* ---- helpers ---- */

static guint
log_count (LiaisonSandbox *sandbox, const char *method, const char *route, guint status)
{
  g_autoptr (JsonNode) log = ghl_log (sandbox);
  JsonArray *requests = json_node_get_array (log);
  guint i, n = 0;

  for (i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);

      if (g_strcmp0 (json_object_get_string_member (request, "method"), method) == 0
          && g_strcmp0 (json_object_get_string_member (request, "route"), route) == 0
          && (status == G_MAXUINT
              || json_object_get_int_member (request, "status") == (gint64) status))
        n++;
    }
  return n;
}

static LiaisonContact *
get_contact (LiaisonGhlClient *client, GError **error)
{
  g_auto (GhlWait) wait = { 0 };

  liaison_ghl_client_get_contact_async (client, contact_id, NULL, ghl_on_done, &wait);
  return liaison_ghl_client_get_contact_finish (client, ghl_wait (&wait), error);
}

static void
fault_setup (void)
{
  ghl_clear_faults (env.sandbox);
  ghl_clear_log (env.sandbox);
}

/* ---- the 429 storm ---- */

typedef struct
{
  guint done;
  guint failed;
} Storm;

static void
on_storm_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Storm *storm = user_data;
  g_autoptr (LiaisonContact) contact = NULL;
  g_autoptr (GError) error = NULL;

  contact = liaison_ghl_client_get_contact_finish (LIAISON_GHL_CLIENT (source), result, &error);
  if (contact == NULL)
    {
      g_test_message ("storm request failed: %s", error->message);
      storm->failed++;
    }
  storm->done++;
}

/* server_rate is the sandbox's limit; the client starts from HighLevel's
 * documented 100 / 10 s and follows the X-RateLimit-* headers from there. */
static void
run_storm (const char *server_rate, guint requests, guint max_429)
{
  LiaisonSandbox *sandbox = ghl_sandbox_new (20, server_rate, 0);
  g_autoptr (LiaisonAuthorizer) bearer
      = liaison_bearer_authorizer_new (liaison_sandbox_get_private_token (sandbox));
  g_autoptr (LiaisonHttp) http = ghl_http_new (sandbox, bearer);
  g_autoptr (LiaisonGhlClient) client
      = liaison_ghl_client_new (http, liaison_sandbox_get_location_id (sandbox));
  g_autoptr (JsonNode) keep = NULL;
  const char *id
      = json_object_get_string_member (ghl_seeded (sandbox, "contacts", NULL, &keep), "id");
  Storm storm = { 0 };
  gint64 started = g_get_monotonic_time ();
  guint i, rejected, answered;

  for (i = 0; i < requests; i++)
    liaison_ghl_client_get_contact_async (client, id, NULL, on_storm_done, &storm);
  while (storm.done < requests)
    g_main_context_iteration (NULL, TRUE);

  rejected = ghl_status_count (sandbox, "429");
  answered = ghl_status_count (sandbox, "200");
  g_test_message ("%u requests against %s: %u answered, %u refused with 429, %.1f s", requests,
                  server_rate, answered, rejected,
                  (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
  g_assert_cmpuint (storm.failed, ==, 0);
  g_assert_cmpuint (answered, ==, requests);
  g_assert_cmpuint (rejected, <=, max_429);
  g_assert_cmpuint (liaison_rate_limiter_get_in_flight (liaison_http_get_rate_limiter (http)), ==,
                    0);

  g_clear_object (&client);
  g_clear_object (&http);
  liaison_sandbox_stop (sandbox);
  g_object_unref (sandbox);
}

/* HighLevel's 100 per 10 s, 40 times faster so that the test takes
 * seconds; 1,000 requests queued at once. */
static void
test_storm (void)
{
  run_storm ("100/250ms", 1000, 4);
}

/* A server stricter than the documented limit: only the first requests,
 * sent before its headers said so, may be refused. */
static void
test_storm_stricter_server (void)
{
  run_storm ("30/500ms", 200, 8);
}

/* ---- retried faults ---- */

static void
test_5xx_retried (void)
{
  g_autoptr (LiaisonContact) contact = NULL;
  g_autoptr (GError) error = NULL;

  fault_setup ();
  ghl_add_fault (env.sandbox, "GET /contacts/*=503,count=2");
  contact = get_contact (env.client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_contact_get_id (contact), ==, contact_id);
  g_assert_cmpuint (log_count (env.sandbox, "GET", "/contacts/:contactId", 503), ==, 2);
  g_assert_cmpuint (log_count (env.sandbox, "GET", "/contacts/:contactId", 200), ==, 1);
}

static void
test_5xx_gives_up (void)
{
  g_autoptr (LiaisonContact) contact = NULL;
  g_autoptr (GError) error = NULL;
  guint max = liaison_retry_policy_get_max_attempts (liaison_http_get_retry_policy (env.http));

  fault_setup ();
  ghl_add_fault (env.sandbox, "GET /contacts/*=500");
  contact = get_contact (env.client, &error);
  g_assert_null (contact);
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "get the contact"));
  g_assert_nonnull (strstr (error->message, "gave up after"));
  g_assert_cmpuint (log_count (env.sandbox, "GET", "/contacts/:contactId", G_MAXUINT), ==, max);
  ghl_clear_faults (env.sandbox);
}

/* A create that may have reached HighLevel is not sent again. */
static void
test_create_not_repeated (void)
{
  g_autoptr (LiaisonContact) draft = liaison_contact_new ();
  g_autoptr (LiaisonContact) created = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GhlWait) wait = { 0 };

  fault_setup ();
  ghl_add_fault (env.sandbox, "POST /contacts/=502,count=1");
  liaison_contact_set_email (draft, "once@example.net");
  liaison_ghl_client_create_contact_async (env.client, draft, NULL, ghl_on_done, &wait);
  created = liaison_ghl_client_create_contact_finish (env.client, ghl_wait (&wait), &error);
  g_assert_null (created);
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_SERVER);
  g_assert_cmpuint (log_count (env.sandbox, "POST", "/contacts/", G_MAXUINT), ==, 1);
}

static void
test_reset_retried (void)
{
  g_autoptr (LiaisonContact) contact = NULL;
  g_autoptr (GError) error = NULL;

  fault_setup ();
  ghl_add_fault (env.sandbox, "GET /contacts/*=reset,count=2");
  contact = get_contact (env.client, &error);
  g_assert_no_error (error);
  g_assert_nonnull (contact);
  g_assert_cmpuint (log_count (env.sandbox, "GET", "/contacts/:contactId", 0), ==, 2);
  g_assert_cmpuint (log_count (env.sandbox, "GET", "/contacts/:contactId", 200), ==, 1);
}

static void
test_timeout_retried (void)
{
  g_autoptr (LiaisonContact) contact = NULL;
  g_autoptr (LiaisonContact) never = NULL;
  g_autoptr (GError) error = NULL;
  LiaisonRetryPolicy *policy = liaison_http_get_retry_policy (env.http);
  guint max = liaison_retry_policy_get_max_attempts (policy);
  gint64 started;

  fault_setup ();
  liaison_http_set_timeout_ms (env.http, 250);
  ghl_add_fault (env.sandbox, "GET /contacts/*=delay:1200,count=1");
  started = g_get_monotonic_time ();
  contact = get_contact (env.client, &error);
  g_assert_no_error (error);
  g_assert_nonnull (contact);
  /* The slow reply was not waited for. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 1000 * 1000);

  /* Always too slow: a timeout error after a bounded number of tries. */
  ghl_add_fault (env.sandbox, "GET /contacts/*=delay:600");
  liaison_retry_policy_set_max_attempts (policy, 2);
  never = get_contact (env.client, &error);
  g_assert_null (never);
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "gave up after 2 tries"));

  liaison_retry_policy_set_max_attempts (policy, max);
  liaison_http_set_timeout_ms (env.http, 60000);
  /* The sandbox must send its delayed replies before its faults are
   * cleared: it frees a fault that a delayed request still points to. */
  ghl_iterate_for (1000);
  ghl_clear_faults (env.sandbox);
}

/* ---- replies that are not what they claim ---- */

static void
test_malformed_json (void)
{
  g_autoptr (LiaisonContact) contact = NULL;
  g_autoptr (GError) error = NULL;
  guint max = liaison_retry_policy_get_max_attempts (liaison_http_get_retry_policy (env.http));

  /* A 200 whose body is cut short or garbled, once: a reading is repeated. */
  fault_setup ();
  ghl_add_fault (env.sandbox, "GET /contacts/*=truncate,count=1");
  contact = get_contact (env.client, &error);
  g_assert_no_error (error);
  g_assert_nonnull (contact);
  g_assert_cmpuint (log_count (env.sandbox, "GET", "/contacts/:contactId", G_MAXUINT), ==, 2);
  g_clear_object (&contact);

  /* Every time: a bounded number of tries, then the reason. */
  fault_setup ();
  ghl_add_fault (env.sandbox, "GET /contacts/*=malformed");
  contact = get_contact (env.client, &error);
  g_assert_null (contact);
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "malformed JSON"));
  g_assert_cmpuint (log_count (env.sandbox, "GET", "/contacts/:contactId", G_MAXUINT), ==, max);
}

static void
test_html_page (void)
{
  g_autoptr (LiaisonContact) contact = NULL;
  g_autoptr (LiaisonContact) later = NULL;
  g_autoptr (GError) error = NULL;
  guint max = liaison_retry_policy_get_max_attempts (liaison_http_get_retry_policy (env.http));

  /* A proxy's 502 page once: retried like any 5xx. */
  fault_setup ();
  ghl_add_fault (env.sandbox, "GET /contacts/*=html,count=1");
  later = get_contact (env.client, &error);
  g_assert_no_error (error);
  g_assert_nonnull (later);

  /* Every time: a protocol error that says what came instead of JSON. */
  fault_setup ();
  ghl_add_fault (env.sandbox, "GET /contacts/*=html");
  contact = get_contact (env.client, &error);
  g_assert_null (contact);
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "text/html"));
  g_assert_cmpuint (log_count (env.sandbox, "GET", "/contacts/:contactId", 502), ==, max);
  ghl_clear_faults (env.sandbox);
}

/* ---- cancellation ---- */

static gboolean
cancel_later (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_in_flight (void)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  LiaisonRateLimiter *limiter = liaison_http_get_rate_limiter (env.http);
  GhlWait waits[6] = { { 0 } };
  guint i;

  /* One request at a time, so that five wait in the queue while the first
   * is on the wire; all are cancelled at once. */
  fault_setup ();
  liaison_rate_limiter_set_max_in_flight (limiter, 1);
  ghl_add_fault (env.sandbox, "GET /contacts/*=delay:600");
  for (i = 0; i < G_N_ELEMENTS (waits); i++)
    liaison_ghl_client_get_contact_async (env.client, contact_id, cancellable, ghl_on_done,
                                          &waits[i]);
  g_timeout_add (150, cancel_later, cancellable);

  for (i = 0; i < G_N_ELEMENTS (waits); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (LiaisonContact) contact = NULL;

      contact = liaison_ghl_client_get_contact_finish (env.client, ghl_wait (&waits[i]), &error);
      g_assert_null (contact);
      g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_CANCELLED);
    }

  /* Past the delayed reply: no callback runs twice, nothing is held. */
  ghl_iterate_for (800);
  for (i = 0; i < G_N_ELEMENTS (waits); i++)
    g_assert_cmpuint (waits[i].calls, ==, 1);
  g_assert_cmpuint (liaison_rate_limiter_get_in_flight (limiter), ==, 0);
  g_assert_cmpuint (liaison_rate_limiter_get_waiting (limiter), ==, 0);
  g_assert_cmpuint (log_count (env.sandbox, "GET", "/contacts/:contactId", G_MAXUINT), <=, 1);

  for (i = 0; i < G_N_ELEMENTS (waits); i++)
    ghl_wait_clear (&waits[i]);

  /* The client goes on working. */
  liaison_rate_limiter_set_max_in_flight (limiter, 4);
  ghl_clear_faults (env.sandbox);
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (LiaisonContact) contact = get_contact (env.client, &error);

    g_assert_no_error (error);
    g_assert_nonnull (contact);
  }
}

/* ---- the 401 refresh ---- */

typedef struct
{
  guint done;
  guint failed;
} Batch;

static void
on_batch_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Batch *batch = user_data;
  g_autoptr (LiaisonContact) contact = NULL;
  g_autoptr (GError) error = NULL;

  contact = liaison_ghl_client_get_contact_finish (LIAISON_GHL_CLIENT (source), result, &error);
  if (contact == NULL)
    {
      g_test_message ("request failed: %s", error->message);
      batch->failed++;
    }
  batch->done++;
}

/* Twelve requests meet an expired token together: one refresh (a second
 * would present a refresh token that was already used, and fail), then
 * every request succeeds. */
static void
run_expired_batch (TestOauthAuthorizer **out_auth, LiaisonHttp **out_http)
{
  TestOauthAuthorizer *auth = test_oauth_authorizer_new_signed_in (env.sandbox);
  LiaisonHttp *http = ghl_http_new (env.sandbox, LIAISON_AUTHORIZER (auth));
  g_autoptr (LiaisonGhlClient) client
      = liaison_ghl_client_new (http, liaison_sandbox_get_location_id (env.sandbox));
  g_autoptr (LiaisonContact) first = NULL;
  g_autoptr (Resp) expired = NULL;
  g_autoptr (GError) error = NULL;
  Batch batch = { 0 };
  guint i;

  first = get_contact (client, &error);
  g_assert_no_error (error);

  expired = ghl_control (env.sandbox, "POST", "/_sandbox/ghl/tokens/expire", "{}");
  g_assert_cmpuint (expired->status, ==, 200);
  ghl_clear_log (env.sandbox);

  for (i = 0; i < 12; i++)
    liaison_ghl_client_get_contact_async (client, contact_id, NULL, on_batch_done, &batch);
  while (batch.done < 12)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (batch.failed, ==, 0);
  *out_auth = auth;
  *out_http = http;
}

static void
test_refresh_once (void)
{
  g_autoptr (TestOauthAuthorizer) auth = NULL;
  g_autoptr (LiaisonHttp) http = NULL;
  guint refused;

  run_expired_batch (&auth, &http);
  g_assert_cmpuint (test_oauth_authorizer_get_refreshes (auth), ==, 1);
  g_assert_cmpuint (liaison_http_get_refresh_count (http), ==, 1);
  g_assert_cmpuint (log_count (env.sandbox, "POST", "/oauth/token", G_MAXUINT), ==, 1);
  /* Each request that met the expired token was tried once more. */
  refused = log_count (env.sandbox, "GET", "/contacts/:contactId", 401);
  g_assert_cmpuint (refused, >=, 1);
  g_assert_cmpuint (log_count (env.sandbox, "GET", "/contacts/:contactId", 200), ==, 12);
  g_assert_cmpuint (log_count (env.sandbox, "GET", "/contacts/:contactId", G_MAXUINT), ==,
                    12 + refused);
}

/* ---- redaction ---- */

static void
test_redaction (void)
{
  g_autoptr (TestOauthAuthorizer) auth = NULL;
  g_autoptr (LiaisonHttp) http = NULL;
  g_autoptr (LiaisonContact) contact = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) secrets = NULL;
  g_autofree char *log = NULL;
  guint i;

  g_mutex_lock (&capture_lock);
  capture = g_string_new (NULL);
  g_mutex_unlock (&capture_lock);

  /* A bearer token, then an OAuth sign-in that is refreshed. */
  contact = get_contact (env.client, &error);
  g_assert_no_error (error);
  run_expired_batch (&auth, &http);

  g_mutex_lock (&capture_lock);
  log = g_string_free (g_steal_pointer (&capture), FALSE);
  g_mutex_unlock (&capture_lock);

  /* What a person debugging needs is there... */
  g_assert_nonnull (strstr (log, "GET /contacts/"));
  g_assert_nonnull (strstr (log, "-> 401"));
  g_assert_nonnull (strstr (log, "rate limit remaining"));
  g_assert_nonnull (strstr (log, "refreshing credentials"));
  g_assert_nonnull (strstr (log, "POST /oauth/token"));
  g_assert_nonnull (strstr (log, "Authorization: [redacted]"));
  g_assert_nonnull (strstr (log, "refresh_token=[redacted]"));
  /* ...and none of the secrets that passed through is. */
  secrets = test_oauth_authorizer_dup_secrets (auth);
  g_assert_cmpuint (g_strv_length (secrets), >=, 5);
  for (i = 0; secrets[i] != NULL; i++)
    g_assert_null (strstr (log, secrets[i]));
  g_assert_null (strstr (log, liaison_sandbox_get_private_token (env.sandbox)));
  g_assert_null (strstr (log, liaison_sandbox_get_client_secret (env.sandbox)));
}

int
main (int argc, char *argv[])
{
  g_autoptr (JsonNode) keep = NULL;
  int status;

  /* Traces on everywhere (so that their code runs under the sanitizers),
   * set before any thread exists; only the redaction test keeps them. */
  g_setenv ("LIAISON_DEBUG", "http", TRUE);
  g_log_set_writer_func (capture_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);

  ghl_env_init (&env, 20, NULL);
  contact_id = g_strdup (
      json_object_get_string_member (ghl_seeded (env.sandbox, "contacts", NULL, &keep), "id"));

  g_test_add_func ("/ghl/limits/storm", test_storm);
  g_test_add_func ("/ghl/limits/stricter-server", test_storm_stricter_server);
  g_test_add_func ("/ghl/faults/5xx-retried", test_5xx_retried);
  g_test_add_func ("/ghl/faults/5xx-gives-up", test_5xx_gives_up);
  g_test_add_func ("/ghl/faults/create-not-repeated", test_create_not_repeated);
  g_test_add_func ("/ghl/faults/reset-retried", test_reset_retried);
  g_test_add_func ("/ghl/faults/timeout-retried", test_timeout_retried);
  g_test_add_func ("/ghl/faults/malformed-json", test_malformed_json);
  g_test_add_func ("/ghl/faults/html-page", test_html_page);
  g_test_add_func ("/ghl/cancel/in-flight-and-queued", test_cancel_in_flight);
  g_test_add_func ("/ghl/auth/refresh-once", test_refresh_once);
  g_test_add_func ("/ghl/auth/redaction", test_redaction);

  status = g_test_run ();
  g_free (contact_id);
  ghl_env_clear (&env);
  return status;
}
