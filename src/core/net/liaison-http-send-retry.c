/* liaison-http-send-retry.c: what the send path does after a failed try: ask the retry policy
 * and wait on a main-loop timer (a cancellation ends the wait), or, after a 401, join the one
 * shared credential refresh and try once more.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-http"

#include "liaison-debug.h"
#include "liaison-http-send-private.h"

#define RECENT_REFRESH_US (30 * G_USEC_PER_SEC)

static gboolean
on_wait_cancelled (GCancellable *cancellable, gpointer user_data)
{
  GTask *task = user_data;
  LiaisonHttp *self = g_task_get_source_object (task);

  g_object_ref (task);
  /* It may have been waiting for the shared refresh. */
  if (g_ptr_array_remove (self->refresh_waiters, task))
    g_object_unref (task);

  liaison_http_send_return_error (task, liaison_http_send_cancelled_error (task));
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
  liaison_http_send_destroy_source (&call->wait_cancel_source);
  liaison_http_send_acquire (task);
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

void
liaison_http_send_handle_failure (GTask *task, GError *error, LiaisonHttpFault fault,
                                  const char *retry_after)
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
        liaison_http_send_return_error (task, g_error_new (error->domain, error->code,
                                                           "%s (gave up after %u %s)",
                                                           error->message, call->attempts,
                                                           call->attempts == 1 ? "try" : "tries"));
        g_error_free (error);
        return;

      case LIAISON_RETRY_DECISION_WAIT_TOO_LONG:
        LIAISON_TRACE (LIAISON_DEBUG_HTTP,
                       "%s %s: not retrying, asked to wait %" G_GUINT64_FORMAT " ms", method,
                       call->log_path, delay_ms);
        liaison_http_send_return_error (
            task, g_error_new (error->domain, error->code,
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
        liaison_http_send_return_error (task, error);
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

      liaison_http_send_destroy_source (&call->wait_cancel_source);
      if (ok)
        liaison_http_send_acquire (task);
      else
        liaison_http_send_return_error (
            task, g_error_new (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_AUTHORIZED,
                               "Could not %s: signing in to %s again failed (%s)",
                               liaison_http_request_get_operation (call->request),
                               liaison_http_send_service_name (self), error->message));
    }
}

/* A 401: at most one refresh runs; everyone who got a 401 meanwhile waits
 * for it, then tries once more. HighLevel rotates the refresh token on every
 * use, so two refreshes at once would sign the person out. */
void
liaison_http_send_handle_unauthorized (GTask *task, GError *error)
{
  LiaisonHttp *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);

  call->refreshed = TRUE;

  if (call->generation != self->generation)
    {
      g_error_free (error);
      liaison_http_send_acquire (task);
      return;
    }

  /* A refresh finished moments ago and the credentials are refused anyway:
   * renewing again would only burn refresh tokens. */
  if (!liaison_authorizer_can_refresh (self->authorizer)
      || (self->refreshed_at != 0
          && g_get_monotonic_time () - self->refreshed_at < RECENT_REFRESH_US))
    {
      liaison_http_send_return_error (task, error);
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
                     liaison_http_send_service_name (self));
      liaison_authorizer_refresh_async (self->authorizer, self->cancellable, on_refreshed,
                                        g_object_ref (self));
    }
}
