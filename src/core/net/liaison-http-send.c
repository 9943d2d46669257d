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
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-http"

#include "liaison-debug.h"
#include "liaison-http-private.h"
#include "liaison-json.h"
#include "liaison-redact.h"

#define TRACE_BODY_MAX 2048
#define RECENT_REFRESH_US (30 * G_USEC_PER_SEC)
/* Connecting (and the TLS handshake) must be done within this, whatever the
 * read timeout: a wrong scheme or a dead host fails in seconds. */
#define CONNECT_TIMEOUT_MS 10000
#define READ_CHUNK 65536
/* Bodies larger than this are parsed on a worker thread, off the main loop. */
#define PARSE_IN_THREAD_BYTES (256 * 1024)
/* A server that let this many tries run into the timeout is not answering. */
#define MAX_TIMEOUTS 2

typedef struct
{
  LiaisonHttpRequest *request;
  GCancellable *cancellable; /* the caller's, may be NULL */
  guint attempts;
  gboolean refreshed;
  guint generation;
  gint64 sent_at;
  char *log_path;
  GCancellable *attempt_cancellable;
  gulong cancel_id;
  GSource *timeout_source;
  gboolean timed_out;
  GSource *wait_source;
  GSource *wait_cancel_source;
  gboolean holds_permit;

  /* The try in progress: its message, the reply streaming in, and what the
   * connection got to (a GSocketClientEvent) for a clear timeout message. */
  SoupMessage *message;
  GInputStream *stream;
  GByteArray *buffer;
  gboolean connected;
  int network_event;
  guint timeouts;
  LiaisonHttp *http; /* not a reference: the task holds it */
} Call;

typedef struct
{
  GBytes *body;
  JsonNode *root;
  GError *parse_error;
  guint status;
  char *content_type;
} Reply;

static void call_acquire (GTask *task);

static void
reply_free (Reply *reply)
{
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->root, json_node_unref);
  g_clear_error (&reply->parse_error);
  g_free (reply->content_type);
  g_free (reply);
}

static void
destroy_source (GSource **source)
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
  destroy_source (&call->wait_source);
  destroy_source (&call->wait_cancel_source);
  destroy_source (&call->timeout_source);
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

static const char *
service_name (LiaisonHttp *self)
{
  return liaison_http_service_get_name (self->service);
}

static void
call_return_error (GTask *task, GError *error)
{
  Call *call = g_task_get_task_data (task);

  destroy_source (&call->wait_source);
  destroy_source (&call->wait_cancel_source);
  g_task_return_error (task, error);
}

static GError *
cancelled_error (GTask *task)
{
  LiaisonHttp *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr (GError) io_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
  LiaisonHttpFault fault;

  return liaison_http_error_from_transport (
      service_name (self), liaison_http_request_get_operation (call->request), io_error, &fault);
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
  destroy_source (&call->timeout_source);
  call->timeout_source = g_timeout_source_new (ms);
  g_source_set_callback (call->timeout_source, on_attempt_timeout, call, NULL);
  g_source_set_static_name (call->timeout_source, "[liaison] http timeout");
  g_source_attach (call->timeout_source, self->context);
}

static gboolean
on_wait_cancelled (GCancellable *cancellable, gpointer user_data)
{
  GTask *task = user_data;
  LiaisonHttp *self = g_task_get_source_object (task);

  g_object_ref (task);
  /* It may have been waiting for the shared refresh. */
  if (g_ptr_array_remove (self->refresh_waiters, task))
    g_object_unref (task);

  call_return_error (task, cancelled_error (task));
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static void
watch_cancellation (GTask *task)
{
  LiaisonHttp *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);

  if (call->cancellable == NULL)
    return;
  /* The task is kept alive by whoever holds it while waiting. */
  call->wait_cancel_source = g_cancellable_source_new (call->cancellable);
  g_source_set_callback (call->wait_cancel_source, G_SOURCE_FUNC (on_wait_cancelled), task, NULL);
  g_source_set_static_name (call->wait_cancel_source, "[liaison] http wait cancel");
  g_source_attach (call->wait_cancel_source, self->context);
}

static gboolean
on_wait_done (gpointer user_data)
{
  GTask *task = user_data;
  Call *call = g_task_get_task_data (task);

  g_clear_pointer (&call->wait_source, g_source_unref);
  destroy_source (&call->wait_cancel_source);
  call_acquire (task);
  return G_SOURCE_REMOVE;
}

static void
wait_then_retry (GTask *task, guint64 delay_ms)
{
  LiaisonHttp *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);

  call->wait_source = g_timeout_source_new ((guint) MIN (delay_ms, G_MAXUINT));
  g_source_set_callback (call->wait_source, on_wait_done, g_object_ref (task), g_object_unref);
  g_source_set_static_name (call->wait_source, "[liaison] http retry");
  g_source_attach (call->wait_source, self->context);
  watch_cancellation (task);
}

static void
handle_failure (GTask *task, GError *error, LiaisonHttpFault fault, const char *retry_after)
{
  LiaisonHttp *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  gboolean idempotent = liaison_http_request_get_idempotent (call->request);
  const char *method = liaison_http_request_get_method (call->request);
  LiaisonRetryDecision decision;
  guint64 delay_ms;

  decision = liaison_retry_policy_decide (self->policy, fault, idempotent, call->attempts,
                                          retry_after, &delay_ms);

  switch (decision)
    {
      case LIAISON_RETRY_DECISION_RETRY:
        LIAISON_TRACE (LIAISON_DEBUG_HTTP,
                       "%s %s: retrying in %" G_GUINT64_FORMAT " ms (try %u of %u%s)", method,
                       call->log_path, delay_ms, call->attempts + 1,
                       liaison_retry_policy_get_max_attempts (self->policy),
                       retry_after != NULL ? ", as Retry-After asks" : "");
        g_clear_error (&error);
        wait_then_retry (task, delay_ms);
        return;

      case LIAISON_RETRY_DECISION_EXHAUSTED:
        LIAISON_TRACE (LIAISON_DEBUG_HTTP, "%s %s: giving up after %u tries", method,
                       call->log_path, call->attempts);
        call_return_error (task,
                           g_error_new (error->domain, error->code, "%s (gave up after %u %s)",
                                        error->message, call->attempts,
                                        call->attempts == 1 ? "try" : "tries"));
        g_error_free (error);
        return;

      case LIAISON_RETRY_DECISION_WAIT_TOO_LONG:
        LIAISON_TRACE (LIAISON_DEBUG_HTTP,
                       "%s %s: not retrying, asked to wait %" G_GUINT64_FORMAT " ms", method,
                       call->log_path, delay_ms);
        call_return_error (task, g_error_new (error->domain, error->code,
                                              "%s (the server asked to wait %" G_GUINT64_FORMAT
                                              " s before trying again)",
                                              error->message, (delay_ms + 999) / 1000));
        g_error_free (error);
        return;

      case LIAISON_RETRY_DECISION_NOT_RETRYABLE:
      default:
        if (fault != LIAISON_HTTP_FAULT_NONE)
          LIAISON_TRACE (LIAISON_DEBUG_HTTP,
                         "%s %s: not repeating a request that is not idempotent and may have "
                         "reached the server",
                         method, call->log_path);
        call_return_error (task, error);
        return;
    }
}

static void
on_refreshed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonHttp) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) waiters = NULL;
  gboolean ok;
  guint i;

  ok = liaison_authorizer_refresh_finish (LIAISON_AUTHORIZER (source), result, &error);
  self->refreshing = FALSE;
  /* Success or not, another refresh right away would not help: a refused
   * refresh token stays refused, and a fresh token that is refused is. */
  self->refreshed_at = g_get_monotonic_time ();
  if (ok)
    self->generation++;
  LIAISON_TRACE (LIAISON_DEBUG_HTTP, "credential refresh %s; %u requests were waiting",
                 ok ? "succeeded" : "failed", self->refresh_waiters->len);

  waiters = g_steal_pointer (&self->refresh_waiters);
  self->refresh_waiters = g_ptr_array_new ();

  for (i = 0; i < waiters->len; i++)
    {
      g_autoptr (GTask) task = g_ptr_array_index (waiters, i);
      Call *call = g_task_get_task_data (task);

      destroy_source (&call->wait_cancel_source);
      if (ok)
        call_acquire (task);
      else
        call_return_error (task, g_error_new (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_AUTHORIZED,
                                              "Could not %s: signing in to %s again failed (%s)",
                                              liaison_http_request_get_operation (call->request),
                                              service_name (self), error->message));
    }
}

/* A 401: at most one refresh runs; everyone who got a 401 meanwhile waits
 * for it, then tries once more. HighLevel rotates the refresh token on every
 * use, so two refreshes at once would sign the person out. */
static void
handle_unauthorized (GTask *task, GError *error)
{
  LiaisonHttp *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);

  call->refreshed = TRUE;

  if (call->generation != self->generation)
    {
      g_error_free (error);
      call_acquire (task);
      return;
    }

  /* A refresh finished moments ago and the credentials are refused anyway:
   * renewing again would only burn refresh tokens. */
  if (!liaison_authorizer_can_refresh (self->authorizer)
      || (self->refreshed_at != 0
          && g_get_monotonic_time () - self->refreshed_at < RECENT_REFRESH_US))
    {
      call_return_error (task, error);
      return;
    }
  g_error_free (error);

  g_ptr_array_add (self->refresh_waiters, g_object_ref (task));
  watch_cancellation (task);

  if (!self->refreshing)
    {
      self->refreshing = TRUE;
      self->refresh_count++;
      LIAISON_TRACE (LIAISON_DEBUG_HTTP, "%s answered 401: refreshing credentials",
                     service_name (self));
      liaison_authorizer_refresh_async (self->authorizer, self->cancellable, on_refreshed,
                                        g_object_ref (self));
    }
}

static void
trace_reply (LiaisonHttp *self, Call *call, Reply *reply, gint64 elapsed_ms)
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

/* Ends the try in progress: its watchdog, its cancellation link and its
 * rate-limit permit. The message stays for its status and headers. */
static void
attempt_end (LiaisonHttp *self, Call *call)
{
  destroy_source (&call->timeout_source);
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

static gboolean
base_url_is_https (LiaisonHttp *self)
{
  return g_ascii_strncasecmp (self->base_url, "https:", 6) == 0;
}

/* A try that failed below HTTP: no complete reply was read. */
static void
attempt_failed (GTask *task, GError *io_error)
{
  LiaisonHttp *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  const char *operation = liaison_http_request_get_operation (call->request);
  gint64 elapsed_ms = (g_get_monotonic_time () - call->sent_at) / 1000;
  g_autoptr (GError) detail = NULL;
  LiaisonHttpFault fault;
  GError *error;

  attempt_end (self, call);

  if (call->cancellable != NULL && g_cancellable_is_cancelled (call->cancellable))
    {
      LIAISON_TRACE (LIAISON_DEBUG_HTTP, "%s %s: cancelled after %" G_GINT64_FORMAT " ms",
                     liaison_http_request_get_method (call->request), call->log_path, elapsed_ms);
      call_return_error (task, cancelled_error (task));
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
      call_return_error (task,
                         g_error_new (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NETWORK,
                                      "Could not %s: %s at %s did not answer the secure (TLS) "
                                      "handshake; this address speaks plain HTTP, not HTTPS. "
                                      "Check the address (http:// instead of https://?)",
                                      operation, service_name (self), self->base_url));
      return;
    }

  if (call->timed_out && !call->connected)
    {
      detail = g_error_new (G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE, "no connection within %u s",
                            CONNECT_TIMEOUT_MS / 1000);
      error = liaison_http_error_from_transport (service_name (self), operation, detail, &fault);
    }
  else if (call->timed_out)
    {
      detail = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "No answer within %u ms",
                            self->timeout_ms);
      error = liaison_http_error_from_transport (service_name (self), operation, detail, &fault);
      /* A server that keeps silent is not answering: do not wait for it
       * again and again. */
      if (++call->timeouts >= MAX_TIMEOUTS
          && call->attempts < liaison_retry_policy_get_max_attempts (self->policy))
        {
          call_return_error (task, g_error_new (error->domain, error->code,
                                                "%s (gave up after %u tries without an answer)",
                                                error->message, call->attempts));
          g_error_free (error);
          return;
        }
    }
  else
    error = liaison_http_error_from_transport (service_name (self), operation, io_error, &fault);

  if (base_url_is_https (self) && !call->connected && io_error != NULL
      && io_error->domain == G_TLS_ERROR)
    fault = LIAISON_HTTP_FAULT_NONE;
  handle_failure (task, error, fault, NULL);
}

static GError *
too_large_error (LiaisonHttp *self, Call *call)
{
  gsize cap = liaison_http_request_get_max_reply_size (call->request);

  return g_error_new (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                      "Could not %s: %s sent a reply larger than %" G_GSIZE_FORMAT
                      " KB, more than this request can take; it was not read",
                      liaison_http_request_get_operation (call->request), service_name (self),
                      cap / 1024);
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
  trace_reply (self, call, reply, elapsed_ms);

  error = liaison_http_error_from_response (
      service_name (self), operation, liaison_http_request_get_subject (call->request),
      reply->status, reply->content_type, reply->body, reply->root, &fault);
  if (error == NULL && reply_cut_or_garbled (reply))
    {
      /* A success whose JSON is cut short or garbled (a proxy that dropped the body half-way, a
       * faulty serializer): the server acted, so the retry policy repeats only an idempotent
       * request, as after a reset. */
      error = g_error_new (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                           "Could not %s: %s sent %s", operation, service_name (self),
                           reply->parse_error->message);
      fault = LIAISON_HTTP_FAULT_MAYBE_SENT;
    }
  if (error == NULL)
    {
      g_clear_object (&call->message);
      g_task_return_pointer (task, reply, (GDestroyNotify) reply_free);
      return;
    }
  reply_free (reply);
  retry_after = g_strdup (soup_message_headers_get_one (headers, "Retry-After"));
  g_clear_object (&call->message);

  if (status == SOUP_STATUS_UNAUTHORIZED && self->authorizer != NULL && !call->refreshed)
    {
      handle_unauthorized (task, error);
      return;
    }

  handle_failure (task, error, fault, retry_after);
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

static void
body_complete (GTask *task)
{
  LiaisonHttp *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (call->message);
  Reply *reply = g_new0 (Reply, 1);

  attempt_end (self, call);
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

    g_task_set_source_tag (parse_task, body_complete);
    /* No destroy function: on_parsed always runs and takes the reply on. */
    g_task_set_task_data (parse_task, reply, NULL);
    g_task_run_in_thread (parse_task, parse_in_thread);
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
      attempt_failed (task, io_error);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      body_complete (task);
      return;
    }
  if (call->buffer->len + g_bytes_get_size (chunk)
      > liaison_http_request_get_max_reply_size (call->request))
    {
      attempt_end (self, call);
      g_clear_object (&call->message);
      call_return_error (task, too_large_error (self, call));
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
      attempt_failed (task, io_error);
      return;
    }
  call->connected = TRUE;

  /* A declared length beyond the cap is refused before a byte is read. */
  headers = soup_message_get_response_headers (call->message);
  length = soup_message_headers_get_content_length (headers);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH && length > 0
      && (guint64) length > liaison_http_request_get_max_reply_size (call->request))
    {
      attempt_end (self, call);
      g_clear_object (&call->message);
      call_return_error (task, too_large_error (self, call));
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
trace_request (SoupMessage *message, Call *call)
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
      call_return_error (task, g_error_new (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                                            "Could not %s: the address %s is not valid",
                                            liaison_http_request_get_operation (call->request),
                                            call->log_path));
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
      call_return_error (task, g_error_new (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_AUTHORIZED,
                                            "Could not %s: no usable %s credentials (%s)",
                                            liaison_http_request_get_operation (call->request),
                                            service_name (self), error->message));
      return;
    }

  call->generation = self->generation;
  call->attempts++;
  call->timed_out = FALSE;
  call->connected = FALSE;
  call->network_event = -1;
  call->http = self;
  trace_request (message, call);

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
        call_return_error (task, cancelled_error (task));
      else
        call_return_error (task, g_error_new (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_RATE_LIMITED,
                                              "Could not %s: %s",
                                              liaison_http_request_get_operation (call->request),
                                              error->message));
      return;
    }

  call->holds_permit = TRUE;
  call_send (task);
}

static void
call_acquire (GTask *task)
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
      call_return_error (task, g_error_copy (liaison_http_request_get_error (request)));
      return;
    }
  call_acquire (task);
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
  reply_free (reply);
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
      reply_free (reply);
      return json_node_new (JSON_NODE_NULL);
    }

  if (!liaison_http_body_looks_like_json (reply->content_type, reply->body))
    {
      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                   "Could not %s: %s sent a page of %s instead of JSON", operation,
                   service_name (self),
                   reply->content_type != NULL ? reply->content_type : "unknown type");
      reply_free (reply);
      return NULL;
    }

  if (reply->root == NULL)
    {
      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                   "Could not %s: %s sent %s", operation, service_name (self),
                   reply->parse_error != NULL ? reply->parse_error->message : "no JSON value");
      reply_free (reply);
      return NULL;
    }

  root = g_steal_pointer (&reply->root);
  reply_free (reply);
  return root;
}
