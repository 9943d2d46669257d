/* liaison-http-send-trace.c: the LIAISON_DEBUG=http traces of the send path, one request and one
 * reply per try (method, path, status, duration, rate-limit state), headers and bodies redacted.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-http"

#include "liaison-debug.h"
#include "liaison-http-send-private.h"
#include "liaison-redact.h"

#define TRACE_BODY_MAX 2048

void
liaison_http_send_trace_reply (LiaisonHttp *self, Call *call, Reply *reply, gint64 elapsed_ms)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (call->message);
  g_autofree char *header_text = NULL;
  g_autofree char *body_text = NULL;

  if (!liaison_debug_enabled (LIAISON_DEBUG_HTTP))
    return;

  header_text = liaison_redact_headers (headers);
  if (reply->root != NULL)
    body_text = liaison_redact_json (reply->root, TRACE_BODY_MAX);
  else if (reply->parse_error != NULL)
    body_text = g_strdup_printf ("(%" G_GSIZE_FORMAT " bytes that could not be read: %s)",
                                 g_bytes_get_size (reply->body), reply->parse_error->message);
  else
    body_text = liaison_redact_body (reply->content_type, reply->body, TRACE_BODY_MAX);
  g_debug ("%s %s -> %u in %" G_GINT64_FORMAT " ms (try %u; rate limit remaining %u, daily "
           "%" G_GINT64_FORMAT ", in flight %u)",
           liaison_http_request_get_method (call->request), call->log_path, reply->status,
           elapsed_ms, call->attempts, liaison_rate_limiter_get_available (self->limiter),
           liaison_rate_limiter_get_daily_remaining (self->limiter),
           liaison_rate_limiter_get_in_flight (self->limiter));
  g_debug ("  < %s", header_text);
  g_debug ("  < %s", body_text);
}

void
liaison_http_send_trace_request (SoupMessage *message, Call *call)
{
  g_autofree char *header_text = NULL;
  g_autofree char *body_text = NULL;

  if (!liaison_debug_enabled (LIAISON_DEBUG_HTTP))
    return;

  header_text = liaison_redact_headers (soup_message_get_request_headers (message));
  body_text = liaison_redact_body (liaison_http_request_get_content_type (call->request),
                                   liaison_http_request_get_body (call->request), TRACE_BODY_MAX);
  g_debug ("%s %s (try %u)", liaison_http_request_get_method (call->request), call->log_path,
           call->attempts);
  g_debug ("  > %s", header_text);
  if (liaison_http_request_get_body (call->request) != NULL)
    g_debug ("  > %s", body_text);
}
