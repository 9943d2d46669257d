/* liaison-http-send.c: the one send path for a service account.
 *
 * Every request goes: wait for the rate limiter (which also bounds requests
 * in flight and puts interactive requests first) -> build a fresh message and
 * let the authorizer add credentials -> send with soup_session_send_async
 * and stream the reply in chunks up to the request's cap -> parse it once
 * (depth checked first; large bodies on a worker thread) -> map the reply to a LIAISON_HTTP_ERROR
 * -> on 401, join the one shared credential refresh and try once more -> on other failures, ask the
 * retry policy and wait on a main-loop timer. Nothing here blocks or sleeps.
 *
 * With LIAISON_DEBUG=http every try is traced (method, path, status,
 * duration, rate-limit state, retry decision) with credentials redacted.
 *
 * This file is the state machine of a try (permit, message, send, read); what a try came back
 * with is mapped in liaison-http-send-reply.c, retries and the credential refresh are in
 * liaison-http-send-retry.c, the traces in liaison-http-send-trace.c.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-http"

#include "liaison-debug.h"
#include "liaison-http-send-private.h"
#include "liaison-json.h"
#include "liaison-redact.h"

#define READ_CHUNK 65536

void
liaison_http_send_reply_free (Reply *reply)
{
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->root, json_node_unref);
  g_clear_error (&reply->parse_error);
  g_free (reply->content_type);
  g_free (reply);
}

void
liaison_http_send_destroy_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
call_free (Call *call)
{
  liaison_http_send_destroy_source (&call->wait_source);
  liaison_http_send_destroy_source (&call->wait_cancel_source);
  liaison_http_send_destroy_source (&call->timeout_source);
  if (call->message != NULL)
    g_signal_handlers_disconnect_by_data (call->message, call);
  g_clear_object (&call->message);
  g_clear_object (&call->stream);
  g_clear_pointer (&call->buffer, g_byte_array_unref);
  g_clear_object (&call->request);
  g_clear_object (&call->cancellable);
  g_clear_object (&call->attempt_cancellable);
  g_free (call->log_path);
  g_free (call);
}

const char *
liaison_http_send_service_name (LiaisonHttp *self)
{
  return liaison_http_service_get_name (self->service);
}

void
liaison_http_send_return_error (GTask *task, GError *error)
{
  Call *call = g_task_get_task_data (task);

  liaison_http_send_destroy_source (&call->wait_source);
  liaison_http_send_destroy_source (&call->wait_cancel_source);
  g_task_return_error (task, error);
}

GError *
liaison_http_send_cancelled_error (GTask *task)
{
  LiaisonHttp *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr (GError) io_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
  LiaisonHttpFault fault;

  return liaison_http_error_from_transport (liaison_http_send_service_name (self),
                                            liaison_http_request_get_operation (call->request),
                                            io_error, &fault);
}

static void
on_attempt_cancelled (GCancellable *cancellable, gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gboolean
on_attempt_timeout (gpointer user_data)
{
  Call *call = user_data;

  call->timed_out = TRUE;
  g_clear_pointer (&call->timeout_source, g_source_unref);
  g_cancellable_cancel (call->attempt_cancellable);
  return G_SOURCE_REMOVE;
}

/* (Re)starts the watchdog of the try: no progress within ms cancels it. */
static void
arm_watchdog (LiaisonHttp *self, Call *call, guint ms)
{
  liaison_http_send_destroy_source (&call->timeout_source);
  call->timeout_source = g_timeout_source_new (ms);
  g_source_set_callback (call->timeout_source, on_attempt_timeout, call, NULL);
  g_source_set_static_name (call->timeout_source, "[liaison] http timeout");
  g_source_attach (call->timeout_source, self->context);
}

/* Ends the try in progress: its watchdog, its cancellation link and its
 * rate-limit permit. The message stays for its status and headers. */
void
liaison_http_send_attempt_end (LiaisonHttp *self, Call *call)
{
  liaison_http_send_destroy_source (&call->timeout_source);
  if (call->cancel_id != 0)
    g_cancellable_disconnect (call->cancellable, call->cancel_id);
  call->cancel_id = 0;
  if (call->message != NULL)
    g_signal_handlers_disconnect_by_data (call->message, call);
  g_clear_object (&call->stream);
  g_clear_object (&call->attempt_cancellable);
  if (call->holds_permit)
    {
      call->holds_permit = FALSE;
      liaison_rate_limiter_release (self->limiter);
    }
}

static void read_next (GTask *task);

static void
on_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LiaisonHttp *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr (GError) io_error = NULL;
  g_autoptr (GBytes) chunk = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &io_error);
  if (chunk == NULL)
    {
      liaison_http_send_attempt_failed (task, io_error);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      liaison_http_send_body_complete (task);
      return;
    }
  if (call->buffer->len + g_bytes_get_size (chunk)
      > liaison_http_request_get_max_reply_size (call->request))
    {
      liaison_http_send_attempt_end (self, call);
      g_clear_object (&call->message);
      liaison_http_send_return_error (task, liaison_http_send_too_large_error (self, call));
      return;
    }
  g_byte_array_append (call->buffer, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  arm_watchdog (self, call, self->timeout_ms);
  read_next (task);
}

static void
read_next (GTask *task)
{
  Call *call = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (call->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   call->attempt_cancellable, on_read, g_object_ref (task));
}

static void
on_sent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LiaisonHttp *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr (GError) io_error = NULL;
  SoupMessageHeaders *headers;
  goffset length;

  call->stream = soup_session_send_finish (SOUP_SESSION (source), result, &io_error);
  if (call->stream == NULL)
    {
      liaison_http_send_attempt_failed (task, io_error);
      return;
    }
  call->connected = TRUE;

  /* A declared length beyond the cap is refused before a byte is read. */
  headers = soup_message_get_response_headers (call->message);
  length = soup_message_headers_get_content_length (headers);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH && length > 0
      && (guint64) length > liaison_http_request_get_max_reply_size (call->request))
    {
      liaison_http_send_attempt_end (self, call);
      g_clear_object (&call->message);
      liaison_http_send_return_error (task, liaison_http_send_too_large_error (self, call));
      return;
    }

  call->buffer = g_byte_array_new ();
  arm_watchdog (self, call, self->timeout_ms);
  read_next (task);
}

static void
on_network_event (SoupMessage *message, GSocketClientEvent event, GIOStream *connection,
                  gpointer user_data)
{
  Call *call = user_data;

  call->network_event = event;
}

/* The request went out on a connection: from here the read timeout counts. */
static void
on_wrote_headers (SoupMessage *message, gpointer user_data)
{
  Call *call = user_data;

  if (!call->connected)
    {
      call->connected = TRUE;
      arm_watchdog (call->http, call, call->http->timeout_ms);
    }
}

static void
call_send (GTask *task)
{
  LiaisonHttp *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr (SoupMessage) message = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autofree char *path = liaison_http_request_build_path (call->request);
  g_autofree char *url = g_strconcat (self->base_url, path, NULL);
  SoupMessageHeaders *headers;
  GPtrArray *extra = liaison_http_request_get_headers (call->request);
  GBytes *body = liaison_http_request_get_body (call->request);
  guint i;

  g_free (call->log_path);
  call->log_path = liaison_redact_path (path);

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &error);
  if (uri != NULL)
    message = soup_message_new_from_uri (liaison_http_request_get_method (call->request), uri);
  if (message == NULL)
    {
      call->holds_permit = FALSE;
      liaison_rate_limiter_release (self->limiter);
      liaison_http_send_return_error (
          task, g_error_new (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                             "Could not %s: the address %s is not valid",
                             liaison_http_request_get_operation (call->request), call->log_path));
      return;
    }

  /* Redirects are refused: one could carry credentials to another host. */
  soup_message_set_flags (
      message,
      SOUP_MESSAGE_NO_REDIRECT
          | (liaison_http_request_get_idempotent (call->request) ? SOUP_MESSAGE_IDEMPOTENT : 0));
  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  for (i = 0; i + 1 < extra->len; i += 2)
    soup_message_headers_replace (headers, g_ptr_array_index (extra, i),
                                  g_ptr_array_index (extra, i + 1));
  if (body != NULL)
    soup_message_set_request_body_from_bytes (
        message, liaison_http_request_get_content_type (call->request), body);

  if (self->authorizer != NULL && !liaison_authorizer_apply (self->authorizer, message, &error))
    {
      call->holds_permit = FALSE;
      liaison_rate_limiter_release (self->limiter);
      liaison_http_send_return_error (
          task, g_error_new (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_AUTHORIZED,
                             "Could not %s: no usable %s credentials (%s)",
                             liaison_http_request_get_operation (call->request),
                             liaison_http_send_service_name (self), error->message));
      return;
    }

  call->generation = self->generation;
  call->attempts++;
  call->timed_out = FALSE;
  call->connected = FALSE;
  call->network_event = -1;
  call->http = self;
  liaison_http_send_trace_request (message, call);

  call->attempt_cancellable = g_cancellable_new ();
  if (call->cancellable != NULL)
    call->cancel_id = g_cancellable_connect (call->cancellable, G_CALLBACK (on_attempt_cancelled),
                                             call->attempt_cancellable, NULL);
  arm_watchdog (self, call, MIN (self->timeout_ms, CONNECT_TIMEOUT_MS));

  g_clear_object (&call->message);
  call->message = g_object_ref (message);
  g_signal_connect (message, "network-event", G_CALLBACK (on_network_event), call);
  g_signal_connect (message, "wrote-headers", G_CALLBACK (on_wrote_headers), call);

  call->sent_at = g_get_monotonic_time ();
  soup_session_send_async (self->session, message, G_PRIORITY_DEFAULT, call->attempt_cancellable,
                           on_sent, g_object_ref (task));
}

static void
on_permit (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (!liaison_rate_limiter_acquire_finish (LIAISON_RATE_LIMITER (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        liaison_http_send_return_error (task, liaison_http_send_cancelled_error (task));
      else
        liaison_http_send_return_error (
            task,
            g_error_new (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_RATE_LIMITED, "Could not %s: %s",
                         liaison_http_request_get_operation (call->request), error->message));
      return;
    }

  call->holds_permit = TRUE;
  call_send (task);
}

void
liaison_http_send_acquire (GTask *task)
{
  LiaisonHttp *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);

  liaison_rate_limiter_acquire_async (self->limiter,
                                      liaison_http_request_get_priority (call->request),
                                      liaison_http_request_get_bulk (call->request),
                                      call->cancellable, on_permit, g_object_ref (task));
}

/* Sends request and completes with the reply body, or a LIAISON_HTTP_ERROR
 * once the retry policy gives up. The callback runs exactly once. */
void
liaison_http_send_async (LiaisonHttp *self, LiaisonHttpRequest *request, GCancellable *cancellable,
                         GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  Call *call;

  g_return_if_fail (LIAISON_IS_HTTP (self));
  g_return_if_fail (LIAISON_IS_HTTP_REQUEST (request));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_http_send_async);
  /* Cancellation is reported as LIAISON_HTTP_ERROR_CANCELLED, by us. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_name (task, liaison_http_request_get_operation (request));

  call = g_new0 (Call, 1);
  call->request = g_object_ref (request);
  call->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  call->generation = self->generation;
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);

  /* Refused while it was built (a bad id in its path): nothing is sent. */
  if (liaison_http_request_get_error (request) != NULL)
    {
      liaison_http_send_return_error (task,
                                      g_error_copy (liaison_http_request_get_error (request)));
      return;
    }
  liaison_http_send_acquire (task);
}

/* The service's clock when it sent the reply result carries, from its Date header: ms since the
 * epoch, whole seconds; 0 when the reply had none that could be read, or there was no reply. */
gint64
liaison_http_send_get_server_time (LiaisonHttp *self, GAsyncResult *result)
{
  Call *call;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_async_result_is_tagged (result, liaison_http_send_async), 0);

  call = g_task_get_task_data (G_TASK (result));
  return call != NULL ? call->server_time_ms : 0;
}

/* Returns the body (empty when there was none); status is the HTTP status. */
GBytes *
liaison_http_send_finish (LiaisonHttp *self, GAsyncResult *result, guint *status, GError **error)
{
  Reply *reply;
  GBytes *body;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, liaison_http_send_async), NULL);

  reply = g_task_propagate_pointer (G_TASK (result), error);
  if (reply == NULL)
    return NULL;

  if (status != NULL)
    *status = reply->status;
  body = reply->body != NULL ? g_bytes_ref (reply->body) : g_bytes_new (NULL, 0);
  liaison_http_send_reply_free (reply);
  return body;
}

/* Returns the parsed JSON reply (a null node for an empty body). A reply
 * that is not JSON, is malformed, has no value (only whitespace) or nests
 * too deep fails with LIAISON_HTTP_ERROR_PROTOCOL; it never returns NULL
 * without an error. */
JsonNode *
liaison_http_send_json_finish (LiaisonHttp *self, GAsyncResult *result, GError **error)
{
  Call *call;
  const char *operation;
  Reply *reply;
  JsonNode *root;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, liaison_http_send_async), NULL);

  call = g_task_get_task_data (G_TASK (result));
  reply = g_task_propagate_pointer (G_TASK (result), error);
  if (reply == NULL)
    return NULL;

  operation = liaison_http_request_get_operation (call->request);
  if (reply->body == NULL || g_bytes_get_size (reply->body) == 0)
    {
      liaison_http_send_reply_free (reply);
      return json_node_new (JSON_NODE_NULL);
    }

  if (!liaison_http_body_looks_like_json (reply->content_type, reply->body))
    {
      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                   "Could not %s: %s sent a page of %s instead of JSON", operation,
                   liaison_http_send_service_name (self),
                   reply->content_type != NULL ? reply->content_type : "unknown type");
      liaison_http_send_reply_free (reply);
      return NULL;
    }

  if (reply->root == NULL)
    {
      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                   "Could not %s: %s sent %s", operation, liaison_http_send_service_name (self),
                   reply->parse_error != NULL ? reply->parse_error->message : "no JSON value");
      liaison_http_send_reply_free (reply);
      return NULL;
    }

  root = g_steal_pointer (&reply->root);
  liaison_http_send_reply_free (reply);
  return root;
}
