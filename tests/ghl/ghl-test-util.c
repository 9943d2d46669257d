/* ghl-test-util.c: see ghl-test-util.h.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "ghl-test-util.h"

LiaisonSandbox *
ghl_sandbox_new (guint contacts, const char *rate, guint latency_ms)
{
  LiaisonSandboxOptions options;
  LiaisonSandbox *sandbox;
  g_autoptr (GError) error = NULL;

  liaison_sandbox_options_init (&options);
  options.seed = 7;
  options.contacts = contacts;
  options.ghl_rate = rate;
  options.latency_ms = latency_ms;
  /* A fixed "today" so the seeded dates do not depend on the day the tests run. */
  options.anchor_ms = G_GINT64_CONSTANT (1767225600000); /* 2026-01-01T00:00:00Z */
  sandbox = liaison_sandbox_new (&options);
  liaison_sandbox_start_in_thread (sandbox, &error);
  g_assert_no_error (error);
  return sandbox;
}

LiaisonHttp *
ghl_http_new (LiaisonSandbox *sandbox, LiaisonAuthorizer *authorizer)
{
  g_autoptr (GError) error = NULL;
  LiaisonHttp *http;
  LiaisonRetryPolicy *policy;

  http = liaison_http_new (LIAISON_HTTP_SERVICE_GHL, liaison_sandbox_get_ghl_url (sandbox),
                           authorizer, &error);
  g_assert_no_error (error);
  policy = liaison_http_get_retry_policy (http);
  liaison_retry_policy_set_base_delay_ms (policy, 5);
  liaison_retry_policy_set_max_delay_ms (policy, 40);
  return http;
}

void
ghl_env_init (GhlEnv *env, guint contacts, const char *rate)
{
  g_autoptr (LiaisonAuthorizer) bearer = NULL;

  env->sandbox = ghl_sandbox_new (contacts, rate, 0);
  bearer = liaison_bearer_authorizer_new (liaison_sandbox_get_private_token (env->sandbox));
  env->http = ghl_http_new (env->sandbox, bearer);
  env->client = liaison_ghl_client_new (env->http, liaison_sandbox_get_location_id (env->sandbox));
}

void
ghl_env_clear (GhlEnv *env)
{
  g_clear_object (&env->client);
  g_clear_object (&env->http);
  if (env->sandbox != NULL)
    liaison_sandbox_stop (env->sandbox);
  g_clear_object (&env->sandbox);
}

void
ghl_wait_clear (GhlWait *wait)
{
  g_clear_object (&wait->result);
}

void
ghl_on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GhlWait *wait = user_data;

  wait->calls++;
  g_set_object (&wait->result, result);
}

GAsyncResult *
ghl_wait (GhlWait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return wait->result;
}

static gboolean
on_timer (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main context for ms, so that anything still pending can fire. */
void
ghl_iterate_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timer, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static JsonNode *
control_get (LiaisonSandbox *sandbox, const char *path)
{
  g_autoptr (Resp) resp = ghl_control (sandbox, "GET", path, NULL);

  g_assert_cmpuint (resp->status, ==, 200);
  g_assert_nonnull (resp->json);
  return json_node_ref (resp->json);
}

guint
ghl_status_count (LiaisonSandbox *sandbox, const char *status)
{
  g_autoptr (JsonNode) counters = control_get (sandbox, "/_sandbox/counters");
  JsonObject *statuses
      = json_object_get_object_member (json_node_get_object (counters), "statuses");

  return (guint) json_object_get_int_member_with_default (statuses, status, 0);
}

/* method_and_route: "GET /contacts/:contactId". */
guint
ghl_route_count (LiaisonSandbox *sandbox, const char *method_and_route)
{
  g_autoptr (JsonNode) counters = control_get (sandbox, "/_sandbox/counters");
  JsonObject *routes = json_object_get_object_member (json_node_get_object (counters), "routes");

  return (guint) json_object_get_int_member_with_default (routes, method_and_route, 0);
}

/* The requests since the last ghl_clear_log(), oldest first. */
JsonNode *
ghl_log (LiaisonSandbox *sandbox)
{
  g_autoptr (JsonNode) log = control_get (sandbox, "/_sandbox/log");
  JsonNode *requests = json_object_get_member (json_node_get_object (log), "requests");

  g_assert_nonnull (requests);
  return json_node_copy (requests);
}

JsonObject *
ghl_last_request (LiaisonSandbox *sandbox, JsonNode **keep)
{
  JsonArray *requests;

  *keep = ghl_log (sandbox);
  requests = json_node_get_array (*keep);
  g_assert_cmpuint (json_array_get_length (requests), >, 0);
  return json_array_get_object_element (requests, json_array_get_length (requests) - 1);
}

void
ghl_clear_log (LiaisonSandbox *sandbox)
{
  g_autoptr (Resp) resp = ghl_control (sandbox, "DELETE", "/_sandbox/log", NULL);

  g_assert_cmpuint (resp->status, ==, 200);
}

void
ghl_add_fault (LiaisonSandbox *sandbox, const char *rule)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) body = NULL;
  g_autofree char *text = NULL;
  g_autoptr (Resp) resp = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "rule");
  json_builder_add_string_value (builder, rule);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  text = json_to_string (body, FALSE);
  resp = ghl_control (sandbox, "POST", "/_sandbox/faults", text);
  g_assert_cmpuint (resp->status, ==, 200);
}

void
ghl_clear_faults (LiaisonSandbox *sandbox)
{
  g_autoptr (Resp) resp = ghl_control (sandbox, "DELETE", "/_sandbox/faults", NULL);

  g_assert_cmpuint (resp->status, ==, 200);
}

GDateTime *
ghl_pin_clock (LiaisonSandbox *sandbox, const char *instant)
{
  g_autoptr (GDateTime) at = g_date_time_new_from_iso8601 (instant, NULL);
  g_autoptr (Resp) resp = NULL;
  g_autofree char *body = NULL;
  gint64 offset_ms;

  g_assert_nonnull (at);
  offset_ms = g_date_time_to_unix (at) * 1000 - g_get_real_time () / 1000;
  body = g_strdup_printf ("{\"offsetMs\": %" G_GINT64_FORMAT "}", offset_ms);
  resp = ghl_control (sandbox, "POST", "/_sandbox/clock", body);
  g_assert_cmpuint (resp->status, ==, 200);
  return g_steal_pointer (&at);
}

void
ghl_unpin_clock (LiaisonSandbox *sandbox)
{
  g_autoptr (Resp) resp = ghl_control (sandbox, "POST", "/_sandbox/clock", "{\"offsetMs\": 0}");

  g_assert_cmpuint (resp->status, ==, 200);
}

JsonObject *
ghl_seeded (LiaisonSandbox *sandbox, const char *collection, const char *member, JsonNode **keep)
{
  g_autofree char *path = g_strdup_printf ("/_sandbox/ghl/%s", collection);
  JsonArray *records;
  guint i;

  *keep = control_get (sandbox, path);
  records = json_object_get_array_member (json_node_get_object (*keep), "records");
  for (i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);

      if (member == NULL || json_object_has_member (record, member))
        return record;
    }
  return NULL;
}
