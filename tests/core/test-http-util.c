/* test-http-util.c: helpers shared by the HTTP tests.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-http"

#include "test-http-util.h"

void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *wait = user_data;

  wait->calls++;
  wait->done_at = g_get_monotonic_time ();
  g_set_object (&wait->result, result);
}

void
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

void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_spin_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

LiaisonHttp *
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

JsonNode *
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

LiaisonHttpRequest *
get_request (const char *path)
{
  return liaison_http_request_new ("GET", path, "get the contact");
}
