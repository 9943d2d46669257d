/* liaison-http-send-reply.c: what a try of the send path came back with: a failure below HTTP
 * (cancelled, timed out, a wrong scheme, a reset), a reply too large, or a whole reply, parsed
 * once (large bodies on a worker thread) and mapped to a LIAISON_HTTP_ERROR or a success.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-http"

#include "liaison-debug.h"
#include "liaison-http-send-private.h"
#include "liaison-json.h"

/* Bodies larger than this are parsed on a worker thread, off the main loop. */
#define PARSE_IN_THREAD_BYTES (256 * 1024)
/* A server that let this many tries run into the timeout is not answering. */
#define MAX_TIMEOUTS 2

static gboolean
base_url_is_https (LiaisonHttp *self)
{
  return g_ascii_strncasecmp (self->base_url, "https:", 6) == 0;
}

/* A try that failed below HTTP: no complete reply was read. */
void
liaison_http_send_attempt_failed (GTask *task, GError *io_error)
{
  LiaisonHttp *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  const char *operation = liaison_http_request_get_operation (call->request);
  gint64 elapsed_ms = (g_get_monotonic_time () - call->sent_at) / 1000;
  g_autoptr (GError) detail = NULL;
  LiaisonHttpFault fault;
  GError *error;

  liaison_http_send_attempt_end (self, call);

  if (call->cancellable != NULL && g_cancellable_is_cancelled (call->cancellable))
    {
      LIAISON_TRACE (LIAISON_DEBUG_HTTP, "%s %s: cancelled after %" G_GINT64_FORMAT " ms",
                     liaison_http_request_get_method (call->request), call->log_path, elapsed_ms);
      liaison_http_send_return_error (task, liaison_http_send_cancelled_error (task));
      return;
    }

  LIAISON_TRACE (LIAISON_DEBUG_HTTP, "%s %s: failed after %" G_GINT64_FORMAT " ms (try %u): %s",
                 liaison_http_request_get_method (call->request), call->log_path, elapsed_ms,
                 call->attempts, call->timed_out ? "no progress in time" : io_error->message);

  /* A TLS handshake with a server that speaks plain HTTP either fails as
   * "not TLS" or hangs (the server waits for a request line that never
   * comes): both are a wrong scheme, and trying again will not help. */
  if ((call->timed_out && !call->connected
       && call->network_event == G_SOCKET_CLIENT_TLS_HANDSHAKING)
      || g_error_matches (io_error, G_TLS_ERROR, G_TLS_ERROR_NOT_TLS))
    {
      liaison_http_send_return_error (
          task, g_error_new (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NETWORK,
                             "Could not %s: %s at %s did not answer the secure (TLS) "
                             "handshake; this address speaks plain HTTP, not HTTPS. "
                             "Check the address (http:// instead of https://?)",
                             operation, liaison_http_send_service_name (self), self->base_url));
      return;
    }

  if (call->timed_out && !call->connected)
    {
      detail = g_error_new (G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE, "no connection within %u s",
                            CONNECT_TIMEOUT_MS / 1000);
      error = liaison_http_error_from_transport (liaison_http_send_service_name (self), operation,
                                                 detail, &fault);
    }
  else if (call->timed_out)
    {
      detail = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "No answer within %u ms",
                            self->timeout_ms);
      error = liaison_http_error_from_transport (liaison_http_send_service_name (self), operation,
                                                 detail, &fault);
      /* A server that keeps silent is not answering: do not wait for it
       * again and again. */
      if (++call->timeouts >= MAX_TIMEOUTS
          && call->attempts < liaison_retry_policy_get_max_attempts (self->policy))
        {
          liaison_http_send_return_error (
              task, g_error_new (error->domain, error->code,
                                 "%s (gave up after %u tries without an answer)", error->message,
                                 call->attempts));
          g_error_free (error);
          return;
        }
    }
  else
    error = liaison_http_error_from_transport (liaison_http_send_service_name (self), operation,
                                               io_error, &fault);

  if (base_url_is_https (self) && !call->connected && io_error != NULL
      && io_error->domain == G_TLS_ERROR)
    fault = LIAISON_HTTP_FAULT_NONE;
  liaison_http_send_handle_failure (task, error, fault, NULL);
}

GError *
liaison_http_send_too_large_error (LiaisonHttp *self, Call *call)
{
  gsize cap = liaison_http_request_get_max_reply_size (call->request);

  return g_error_new (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                      "Could not %s: %s sent a reply larger than %" G_GSIZE_FORMAT
                      " KB, more than this request can take; it was not read",
                      liaison_http_request_get_operation (call->request),
                      liaison_http_send_service_name (self), cap / 1024);
}

/* A reply that says it is JSON and could not be parsed, though not nested too deep (which would
 * come back the same). */
static gboolean
reply_cut_or_garbled (Reply *reply)
{
  gsize len = 0;
  const char *data;

  if (reply->root != NULL || reply->parse_error == NULL || reply->body == NULL)
    return FALSE;
  data = g_bytes_get_data (reply->body, &len);
  return len > 0 && liaison_http_body_looks_like_json (reply->content_type, reply->body)
         && liaison_json_check_depth (data, len, LIAISON_JSON_MAX_DEPTH);
}

/* The whole reply is in (and parsed, when it is JSON): map it. */
static void
reply_complete (GTask *task, Reply *reply)
{
  LiaisonHttp *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (call->message);
  const char *operation = liaison_http_request_get_operation (call->request);
  gint64 elapsed_ms = (g_get_monotonic_time () - call->sent_at) / 1000;
  LiaisonHttpFault fault;
  g_autofree char *retry_after = NULL;
  guint status = reply->status;
  GError *error;

  liaison_rate_limiter_update_from_headers (self->limiter, headers);
  if (reply->status == 429
      && soup_message_headers_get_one (headers, "X-RateLimit-Remaining") == NULL
      && soup_message_headers_get_one (headers, "Retry-After") == NULL)
    liaison_rate_limiter_note_rejected (self->limiter);
  liaison_http_send_trace_reply (self, call, reply, elapsed_ms);

  error = liaison_http_error_from_response (liaison_http_send_service_name (self), operation,
                                            liaison_http_request_get_subject (call->request),
                                            reply->status, reply->content_type, reply->body,
                                            reply->root, &fault);
  if (error == NULL && reply_cut_or_garbled (reply))
    {
      /* A success whose JSON is cut short or garbled (a proxy that dropped the body half-way, a
       * faulty serializer): the server acted, so the retry policy repeats only an idempotent
       * request, as after a reset. */
      error = g_error_new (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                           "Could not %s: %s sent %s", operation,
                           liaison_http_send_service_name (self), reply->parse_error->message);
      fault = LIAISON_HTTP_FAULT_MAYBE_SENT;
    }
  if (error == NULL)
    {
      g_clear_object (&call->message);
      g_task_return_pointer (task, reply, (GDestroyNotify) liaison_http_send_reply_free);
      return;
    }
  liaison_http_send_reply_free (reply);
  retry_after = g_strdup (soup_message_headers_get_one (headers, "Retry-After"));
  g_clear_object (&call->message);

  if (status == SOUP_STATUS_UNAUTHORIZED && self->authorizer != NULL && !call->refreshed)
    {
      liaison_http_send_handle_unauthorized (task, error);
      return;
    }

  liaison_http_send_handle_failure (task, error, fault, retry_after);
}

/* Only reads the reply's body; the main loop leaves the reply alone until
 * on_parsed. */
static void
parse_in_thread (GTask *parse_task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Reply *reply = task_data;
  GError *error = NULL;
  JsonNode *root = liaison_json_parse_bytes (reply->body, LIAISON_JSON_MAX_DEPTH, &error);

  if (root == NULL)
    g_task_return_error (parse_task, error);
  else
    g_task_return_pointer (parse_task, root, (GDestroyNotify) json_node_unref);
}

static void
on_parsed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Reply *reply = g_task_get_task_data (G_TASK (result));

  reply->root = g_task_propagate_pointer (G_TASK (result), &reply->parse_error);
  reply_complete (task, reply);
}

/* The Date header (RFC 9110 6.6.1), which every origin server with a clock sends. */
static gint64
server_time_ms (SoupMessageHeaders *headers)
{
  const char *value = soup_message_headers_get_one (headers, "Date");
  g_autoptr (GDateTime) date = value != NULL ? soup_date_time_new_from_http_string (value) : NULL;

  return date != NULL ? g_date_time_to_unix (date) * 1000 : 0;
}

void
liaison_http_send_body_complete (GTask *task)
{
  LiaisonHttp *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (call->message);
  Reply *reply = g_new0 (Reply, 1);

  liaison_http_send_attempt_end (self, call);
  call->server_time_ms = server_time_ms (headers);
  reply->status = soup_message_get_status (call->message);
  reply->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  reply->body = g_byte_array_free_to_bytes (g_steal_pointer (&call->buffer));

  /* The one parse of the reply: the error mapping, the tracing and the
   * caller all use this tree. */
  if (g_bytes_get_size (reply->body) == 0
      || !liaison_http_body_looks_like_json (reply->content_type, reply->body))
    {
      reply_complete (task, reply);
      return;
    }
  if (g_bytes_get_size (reply->body) < PARSE_IN_THREAD_BYTES)
    {
      reply->root
          = liaison_json_parse_bytes (reply->body, LIAISON_JSON_MAX_DEPTH, &reply->parse_error);
      reply_complete (task, reply);
      return;
    }

  {
    g_autoptr (GTask) parse_task = g_task_new (NULL, NULL, on_parsed, g_object_ref (task));

    g_task_set_source_tag (parse_task, liaison_http_send_body_complete);
    /* No destroy function: on_parsed always runs and takes the reply on. */
    g_task_set_task_data (parse_task, reply, NULL);
    g_task_run_in_thread (parse_task, parse_in_thread);
  }
}
