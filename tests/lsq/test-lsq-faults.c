/* test-lsq-faults.c: LiaisonLsqClient when things go wrong, against the
 * in-process sandbox: 5xx pages, resets and timeouts retried within bounds
 * (and a create never repeated), malformed JSON and HTML error pages as
 * protocol errors, refused keys, cancellation mid-request and while
 * queued, and 429 storms with and without the client's own limiter.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-lsq"

#include <string.h>

#include "lsq-test-util.h"

#define GET_BY_ID "GET /v2/LeadManagement.svc/Leads.GetById"

typedef struct
{
  LiaisonSandbox *sandbox;
  LiaisonHttp *http;
  LiaisonLsqClient *client;
  LsqWait wait;
  char *lead_id;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GDateTime) from = lsq_time ("2000-01-01T00:00:00Z");
  g_autoptr (GDateTime) to = lsq_time ("2100-01-01T00:00:00Z");
  g_autoptr (GPtrArray) leads = NULL;
  g_autoptr (GError) error = NULL;

  f->sandbox = lsq_sandbox_start (12, "1000/1s", 0);
  f->http = lsq_http_new (f->sandbox, NULL);
  lsq_http_make_fast (f->http);
  f->client = liaison_lsq_client_new (f->http);

  liaison_lsq_client_recently_modified_async (f->client, from, to, 1, 1, NULL, lsq_wait_cb,
                                              &f->wait);
  leads = liaison_lsq_client_recently_modified_finish (f->client, lsq_wait (&f->wait), NULL, NULL,
                                                       &error);
  g_assert_no_error (error);
  g_assert_cmpuint (leads->len, ==, 1);
  f->lead_id = g_strdup (liaison_contact_get_id (g_ptr_array_index (leads, 0)));
  json_node_unref (lsq_control (f->sandbox, "DELETE", "/_sandbox/log", NULL));
  lsq_wait_clear (&f->wait);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  lsq_wait_clear (&f->wait);
  g_clear_object (&f->client);
  g_clear_object (&f->http);
  liaison_sandbox_stop (f->sandbox);
  g_clear_object (&f->sandbox);
  g_free (f->lead_id);
}

static LiaisonContact *
get_lead (Fixture *f, LiaisonLsqClient *client, GError **error)
{
  liaison_lsq_client_get_lead_async (client, f->lead_id, NULL, lsq_wait_cb, &f->wait);
  return liaison_lsq_client_get_lead_finish (client, lsq_wait (&f->wait), error);
}

/* A 502 from the proxy in front of the API (an HTML page, not
 * LeadSquared's JSON): a failure that may pass, so a read is tried again. */
static void
test_bad_gateway_retried (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonContact) lead = NULL;
  g_autoptr (GError) error = NULL;

  lsq_add_fault (f->sandbox, GET_BY_ID "=html,count=2");
  lead = get_lead (f, f->client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_contact_get_id (lead), ==, f->lead_id);
  g_assert_cmpint (lsq_route_count (f->sandbox, GET_BY_ID), ==, 3);
}

/* ...but within bounds: after max-attempts tries it gives up, and says so. */
static void
test_html_error_page_gives_up (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonContact) lead = NULL;
  g_autoptr (GError) error = NULL;

  liaison_retry_policy_set_max_attempts (liaison_http_get_retry_policy (f->http), 3);
  lsq_add_fault (f->sandbox, GET_BY_ID "=html");
  lead = get_lead (f, f->client, &error);
  g_assert_null (lead);
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "Could not get the lead"));
  g_assert_nonnull (strstr (error->message, "text/html instead of JSON"));
  g_assert_nonnull (strstr (error->message, "gave up after 3 tries"));
  g_assert_cmpint (lsq_route_count (f->sandbox, GET_BY_ID), ==, 3);
}

static void
test_reset_retried (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonContact) lead = NULL;
  g_autoptr (GError) error = NULL;

  lsq_add_fault (f->sandbox, GET_BY_ID "=reset,count=1");
  lead = get_lead (f, f->client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_contact_get_id (lead), ==, f->lead_id);
  g_assert_cmpint (lsq_route_count (f->sandbox, GET_BY_ID), >=, 1);
}

static void
test_timeout_retried (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonContact) lead = NULL;
  g_autoptr (GError) error = NULL;

  liaison_http_set_timeout_ms (f->http, 300);
  lsq_add_fault (f->sandbox, GET_BY_ID "=delay:1500,count=1");
  lead = get_lead (f, f->client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_contact_get_id (lead), ==, f->lead_id);
}

/* A create that may have reached LeadSquared is not sent again: there is
 * no idempotency key, a repeat would make a second lead. */
static void
test_create_not_repeated (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonContact) contact = liaison_contact_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;

  liaison_contact_set_email (contact, "once@example.com");
  lsq_add_fault (f->sandbox, "POST /v2/LeadManagement.svc/Lead.Create=html,count=1");
  liaison_lsq_client_create_lead_async (f->client, contact, NULL, lsq_wait_cb, &f->wait);
  id = liaison_lsq_client_id_finish (f->client, lsq_wait (&f->wait), &error);
  g_assert_null (id);
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL);
  g_assert_cmpint (lsq_route_count (f->sandbox, "POST /v2/LeadManagement.svc/Lead.Create"), ==, 1);
  g_clear_error (&error);

  /* CreateOrUpdate is an upsert: it is repeated, and makes one lead. */
  lsq_add_fault (f->sandbox, "POST /v2/LeadManagement.svc/Lead.CreateOrUpdate=html,count=1");
  liaison_lsq_client_create_or_update_lead_async (f->client, contact, "EmailAddress", NULL,
                                                  lsq_wait_cb, &f->wait);
  id = liaison_lsq_client_id_finish (f->client, lsq_wait (&f->wait), &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  g_assert_cmpint (lsq_route_count (f->sandbox, "POST /v2/LeadManagement.svc/Lead.CreateOrUpdate"),
                   ==, 2);
}

static void
test_malformed_json (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonContact) lead = NULL;
  g_autoptr (GPtrArray) users = NULL;
  g_autoptr (GError) error = NULL;

  /* Once: a reading is simply repeated. */
  lsq_add_fault (f->sandbox, GET_BY_ID "=malformed,count=1");
  lead = get_lead (f, f->client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_contact_get_id (lead), ==, f->lead_id);
  g_assert_cmpint (lsq_route_count (f->sandbox, GET_BY_ID), ==, 2);
  g_clear_object (&lead);

  /* Every time: it gives up, and says what was wrong. */
  liaison_retry_policy_set_max_attempts (liaison_http_get_retry_policy (f->http), 3);
  lsq_add_fault (f->sandbox, GET_BY_ID "=malformed");
  lead = get_lead (f, f->client, &error);
  g_assert_null (lead);
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "Could not get the lead"));
  g_assert_nonnull (strstr (error->message, "malformed JSON"));
  g_assert_nonnull (strstr (error->message, "gave up after 3 tries"));
  g_clear_error (&error);

  lsq_add_fault (f->sandbox, "GET /v2/UserManagement.svc/Users.Get=truncate");
  liaison_lsq_client_list_users_async (f->client, NULL, lsq_wait_cb, &f->wait);
  users = liaison_lsq_client_list_finish (f->client, lsq_wait (&f->wait), &error);
  g_assert_null (users);
  g_assert_nonnull (error);
  g_assert_true (error->domain == LIAISON_HTTP_ERROR);
  g_assert_nonnull (strstr (error->message, "Could not list the users"));
}

static void
test_wrong_keys (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonHttp) http = lsq_http_new (f->sandbox, "not-the-secret-4711");
  g_autoptr (LiaisonLsqClient) client = liaison_lsq_client_new (http);
  g_autoptr (LiaisonContact) lead = NULL;
  g_autoptr (GError) error = NULL;

  lsq_http_make_fast (http);
  lead = get_lead (f, client, &error);
  g_assert_null (lead);
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_AUTHORIZED);
  g_assert_nonnull (strstr (error->message, "Could not get the lead"));
  g_assert_nonnull (strstr (error->message, "did not accept the credentials"));
  g_assert_nonnull (strstr (error->message, "Invalid Access Key or Secret Key"));
  g_assert_null (strstr (error->message, "4711"));
  /* Refused keys are not tried again. */
  g_assert_cmpint (lsq_route_count (f->sandbox, GET_BY_ID), ==, 1);
}

static gboolean
cancel_later (gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
  return G_SOURCE_REMOVE;
}

/* Cancelled while the sandbox holds the reply: one callback, CANCELLED,
 * and nothing left behind that keeps the client alive. */
static void
test_cancel_in_flight (Fixture *f, gconstpointer data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  LiaisonContact *lead;
  gpointer client_alive = f->client, http_alive = f->http;
  gint64 started = g_get_monotonic_time ();

  lsq_add_fault (f->sandbox, GET_BY_ID "=delay:2000");
  liaison_lsq_client_get_lead_async (f->client, f->lead_id, cancellable, lsq_wait_cb, &f->wait);
  g_timeout_add (100, cancel_later, cancellable);
  lead = liaison_lsq_client_get_lead_finish (f->client, lsq_wait (&f->wait), &error);
  g_assert_null (lead);
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 1500 * 1000);
  lsq_spin (300);
  g_assert_cmpuint (f->wait.calls, ==, 1);

  lsq_wait_clear (&f->wait);
  g_object_add_weak_pointer (G_OBJECT (f->client), &client_alive);
  g_object_add_weak_pointer (G_OBJECT (f->http), &http_alive);
  g_clear_object (&f->client);
  g_clear_object (&f->http);
  g_assert_null (client_alive);
  g_assert_null (http_alive);
}

/* Cancelled while queued behind the rate limit: it never reaches the
 * sandbox. */
static void
test_cancel_queued (Fixture *f, gconstpointer data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (LiaisonContact) first = NULL;
  g_autoptr (GError) error = NULL;
  LiaisonContact *second;
  gint64 started;

  /* The fixture's setup used one slot, the first request takes the other. */
  liaison_rate_limiter_set_limit (liaison_http_get_rate_limiter (f->http), 2, 60000);
  first = get_lead (f, f->client, &error);
  g_assert_no_error (error);
  lsq_wait_clear (&f->wait);
  started = g_get_monotonic_time ();
  liaison_lsq_client_get_lead_async (f->client, f->lead_id, cancellable, lsq_wait_cb, &f->wait);
  g_timeout_add (100, cancel_later, cancellable);
  second = liaison_lsq_client_get_lead_finish (f->client, lsq_wait (&f->wait), &error);
  g_assert_null (second);
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);
  lsq_spin (200);
  g_assert_cmpuint (f->wait.calls, ==, 1);
  g_assert_cmpint (lsq_route_count (f->sandbox, GET_BY_ID), ==, 1);
}

typedef struct
{
  guint done;
  guint failed;
} Storm;

static void
on_storm_reply (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Storm *storm = user_data;
  g_autoptr (LiaisonContact) lead = NULL;
  g_autoptr (GError) error = NULL;

  lead = liaison_lsq_client_get_lead_finish (LIAISON_LSQ_CLIENT (source), result, &error);
  if (lead == NULL)
    storm->failed++;
  storm->done++;
}

static void
run_storm (Fixture *f, guint n, Storm *storm)
{
  guint i;

  for (i = 0; i < n; i++)
    liaison_lsq_client_get_lead_async (f->client, f->lead_id, NULL, on_storm_reply, storm);
  while (storm->done < n)
    g_main_context_iteration (NULL, TRUE);
}

/* The documented 10 per 5 s, scaled to 10 per second to keep the suite
 * fast: with the limiter set to the same limit, a burst of 35 requests
 * meets (almost) no 429 and still runs at the allowed rate. */
static void
test_storm_limited (Fixture *f, gconstpointer data)
{
  Storm storm = { 0 };
  gint64 started = g_get_monotonic_time ();
  double elapsed_s;

  lsq_sandbox_set_rate (f->sandbox, "default", 10, 1000);
  liaison_rate_limiter_set_limit (liaison_http_get_rate_limiter (f->http), 10, 1000);
  run_storm (f, 35, &storm);
  elapsed_s = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  g_assert_cmpuint (storm.failed, ==, 0);
  g_assert_cmpint (lsq_status_count (f->sandbox, "429"), <=, 1);
  g_assert_cmpint (lsq_route_count (f->sandbox, GET_BY_ID), <=, 36);
  /* 10 at once, then 10 a second: at least 2.5 s, not much more than 3.5. */
  g_assert_cmpfloat (elapsed_s, >=, 2.4);
  g_assert_cmpfloat (elapsed_s, <, 6.0);
}

/* Without the client's limit the sandbox answers 429, and the retries
 * (429 means "not processed") still get every request through. */
static void
test_storm_unlimited (Fixture *f, gconstpointer data)
{
  Storm storm = { 0 };

  liaison_retry_policy_set_max_attempts (liaison_http_get_retry_policy (f->http), 20);
  lsq_sandbox_set_rate (f->sandbox, "default", 10, 1000);
  run_storm (f, 20, &storm);
  g_assert_cmpuint (storm.failed, ==, 0);
  g_assert_cmpint (lsq_status_count (f->sandbox, "429"), >, 0);
  g_assert_cmpint (lsq_status_count (f->sandbox, "200"), ==, 20);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/lsq/faults/bad-gateway-retried", test_bad_gateway_retried);
  ADD ("/lsq/faults/html-error-page-gives-up", test_html_error_page_gives_up);
  ADD ("/lsq/faults/reset-retried", test_reset_retried);
  ADD ("/lsq/faults/timeout-retried", test_timeout_retried);
  ADD ("/lsq/faults/create-not-repeated", test_create_not_repeated);
  ADD ("/lsq/faults/malformed-json", test_malformed_json);
  ADD ("/lsq/faults/wrong-keys", test_wrong_keys);
  ADD ("/lsq/faults/cancel-in-flight", test_cancel_in_flight);
  ADD ("/lsq/faults/cancel-queued", test_cancel_queued);
  ADD ("/lsq/faults/storm-limited", test_storm_limited);
  ADD ("/lsq/faults/storm-unlimited", test_storm_unlimited);
#undef ADD

  return g_test_run ();
}
