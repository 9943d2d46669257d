/* lsq-test-util.c: the LeadSquared tests' shared pieces.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-lsq"

#include <string.h>

#include "lsq-test-util.h"

void
lsq_wait_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LsqWait *wait = user_data;

  wait->calls++;
  g_set_object (&wait->result, result);
}

GAsyncResult *
lsq_wait (LsqWait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  /* Kept until the next wait, so that each result is waited for once. */
  g_clear_object (&wait->last);
  wait->last = g_steal_pointer (&wait->result);
  return wait->last;
}

void
lsq_wait_clear (LsqWait *wait)
{
  g_clear_object (&wait->result);
  g_clear_object (&wait->last);
  wait->calls = 0;
}

static gboolean
on_spin_done (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main context for ms milliseconds. */
void
lsq_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_spin_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

LiaisonSandbox *
lsq_sandbox_start (guint contacts, const char *lsq_rate, guint latency_ms)
{
  LiaisonSandboxOptions options;
  LiaisonSandbox *sandbox;
  g_autoptr (GError) error = NULL;

  liaison_sandbox_options_init (&options);
  options.seed = 7;
  options.contacts = contacts;
  options.anchor_ms = LSQ_TEST_ANCHOR_MS;
  options.lsq_rate = lsq_rate;
  options.latency_ms = latency_ms;
  sandbox = liaison_sandbox_new (&options);
  liaison_sandbox_start_in_thread (sandbox, &error);
  g_assert_no_error (error);
  return sandbox;
}

static SoupSession *
control_session (void)
{
  static SoupSession *session;

  if (session == NULL)
    session = soup_session_new_with_options ("timeout", 30, NULL);
  return session;
}

/* A control route (/_sandbox/...) of the LeadSquared port; its JSON answer. */
JsonNode *
lsq_control (LiaisonSandbox *sandbox, const char *method, const char *path, const char *body)
{
  g_autofree char *url = g_strconcat (liaison_sandbox_get_lsq_url (sandbox), path, NULL);
  g_autoptr (SoupMessage) message = soup_message_new (method, url);
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  gconstpointer data;
  gsize len;

  g_assert_nonnull (message);
  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }
  reply = soup_session_send_and_read (control_session (), message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), <, 300);
  data = g_bytes_get_data (reply, &len);
  json_parser_load_from_data (parser, data, (gssize) len, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

void
lsq_sandbox_set_rate (LiaisonSandbox *sandbox, const char *rate_class, guint max, guint interval_ms)
{
  g_autofree char *body = g_strdup_printf ("{\"class\":\"%s\",\"max\":%u,\"intervalMs\":%u}",
                                           rate_class, max, interval_ms);

  json_node_unref (lsq_control (sandbox, "POST", "/_sandbox/rates", body));
}

void
lsq_add_fault (LiaisonSandbox *sandbox, const char *rule)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *body = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "rule");
  json_builder_add_string_value (builder, rule);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  body = json_to_string (root, FALSE);
  json_node_unref (lsq_control (sandbox, "POST", "/_sandbox/faults", body));
}

static gint64
counter (LiaisonSandbox *sandbox, const char *group, const char *key)
{
  g_autoptr (JsonNode) root = lsq_control (sandbox, "GET", "/_sandbox/counters", NULL);
  JsonObject *counts = json_object_get_object_member (json_node_get_object (root), group);

  return json_object_get_int_member_with_default (counts, key, 0);
}

/* Requests the sandbox answered on route ("POST /v2/...") and with status. */
gint64
lsq_route_count (LiaisonSandbox *sandbox, const char *route)
{
  return counter (sandbox, "routes", route);
}

gint64
lsq_status_count (LiaisonSandbox *sandbox, const char *status)
{
  return counter (sandbox, "statuses", status);
}

/* A LiaisonHttp for the sandbox's LeadSquared port with its admin's keys
 * (or another secret, to be refused). */
LiaisonHttp *
lsq_http_new (LiaisonSandbox *sandbox, const char *secret_key)
{
  g_autoptr (LiaisonAuthorizer) keys = liaison_lsq_key_authorizer_new (
      liaison_sandbox_get_lsq_access_key (sandbox),
      secret_key != NULL ? secret_key : liaison_sandbox_get_lsq_secret_key (sandbox));
  g_autoptr (GError) error = NULL;
  LiaisonHttp *http;

  http = liaison_http_new (LIAISON_HTTP_SERVICE_LSQ, liaison_sandbox_get_lsq_url (sandbox), keys,
                           &error);
  g_assert_no_error (error);
  return http;
}

/* No waiting in tests that are not about limits: a high limit on both
 * sides, short retry delays. */
void
lsq_http_make_fast (LiaisonHttp *http)
{
  LiaisonRateLimiter *limiter = liaison_http_get_rate_limiter (http);
  LiaisonRetryPolicy *policy = liaison_http_get_retry_policy (http);

  liaison_rate_limiter_set_limit (limiter, 1000, 1000);
  liaison_rate_limiter_set_bulk_limit (limiter, 1000, 1000);
  liaison_rate_limiter_set_max_in_flight (limiter, 4);
  liaison_retry_policy_set_base_delay_ms (policy, 5);
  liaison_retry_policy_set_max_delay_ms (policy, 20);
}

GDateTime *
lsq_time (const char *iso)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  GDateTime *time = g_date_time_new_from_iso8601 (iso, utc);

  g_assert_nonnull (time);
  return time;
}
