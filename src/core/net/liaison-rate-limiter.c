/* liaison-rate-limiter.c: keeps one service account under its limits.
 *
 * The "bucket" is kept as a sliding window: a token spent at time t comes
 * back at t + interval. A refilling bucket of N tokens per interval would let
 * 2N requests through in one interval (a full bucket, then its refill), which
 * a server counting "N per interval" answers with 429s; the window never
 * grants more than N in any interval, and still runs at the full rate.
 *
 * HighLevel reports its view in X-RateLimit-* headers; they are folded in as
 * they arrive (see update_from_headers). Waiting uses main-loop timers only.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-http"

#include "liaison-debug.h"
#include "liaison-http-error.h"
#include "liaison-rate-limiter.h"

#define DAY_US ((gint64) G_USEC_PER_SEC * 60 * 60 * 24)

typedef struct
{
  guint burst; /* 0: no limit */
  gint64 interval_us;
  gint64 *grants; /* ring of the last `burst` grant times, oldest at head */
  guint head;
  guint count;
} Window;

typedef struct
{
  LiaisonRateLimiter *self;
  GTask *task;
  GQueue *queue;
  GSource *cancel_source;
  gboolean bulk;
} Waiter;

struct _LiaisonRateLimiter
{
  GObject parent_instance;

  GMainContext *context;
  Window standard;
  Window bulk;
  guint max_in_flight;
  guint in_flight;
  guint daily_limit;      /* 0: unknown or unlimited */
  gint64 daily_remaining; /* -1: unknown */
  gint64 daily_reset_at;
  GQueue interactive;
  GQueue background;
  GSource *timer;
  gint64 timer_deadline;
  guint pumping : 1;
  guint pump_again : 1;
};

G_DEFINE_FINAL_TYPE (LiaisonRateLimiter, liaison_rate_limiter, G_TYPE_OBJECT)

static void pump (LiaisonRateLimiter *self);

/* Arrival times at the server jitter by a few milliseconds around our send
 * times; a 2% margin keeps two sends one interval apart from landing inside
 * one server-side interval. */
static gint64
effective_interval_us (guint interval_ms)
{
  return (gint64) interval_ms * 1000 + (gint64) interval_ms * 20;
}

static void
window_set (Window *w, guint burst, guint interval_ms)
{
  gint64 *grants = burst > 0 ? g_new0 (gint64, burst) : NULL;
  guint keep = MIN (w->count, burst);
  guint i;

  /* Keep the newest grants so that a limit change never forgets recent use. */
  for (i = 0; i < keep; i++)
    grants[i] = w->grants[(w->head + w->count - keep + i) % w->burst];

  g_free (w->grants);
  w->grants = grants;
  w->burst = burst;
  w->interval_us = effective_interval_us (interval_ms);
  w->head = 0;
  w->count = keep;
}

static void
window_expire (Window *w, gint64 now)
{
  while (w->count > 0 && w->grants[w->head] + w->interval_us <= now)
    {
      w->head = (w->head + 1) % w->burst;
      w->count--;
    }
}

static guint
window_available (Window *w, gint64 now)
{
  if (w->burst == 0)
    return G_MAXUINT;
  window_expire (w, now);
  return w->burst - w->count;
}

/* Microseconds until a token is free; 0 when one is free now. */
static gint64
window_wait (Window *w, gint64 now)
{
  if (window_available (w, now) > 0)
    return 0;
  return w->grants[w->head] + w->interval_us - now;
}

static void
window_take (Window *w, gint64 now)
{
  if (w->burst == 0)
    return;
  window_expire (w, now);
  if (w->count == w->burst)
    {
      /* Only reachable through reduce_to; the oldest grant is dropped. */
      w->head = (w->head + 1) % w->burst;
      w->count--;
    }
  w->grants[(w->head + w->count) % w->burst] = now;
  w->count++;
}

/* The server says fewer requests remain than we think: someone else shares
 * the account. Spend the difference now so that it comes back one interval
 * later, which is the most the server can be holding against us. */
static void
window_reduce_to (Window *w, gint64 now, guint remaining)
{
  guint available = window_available (w, now);

  while (w->burst > 0 && available > remaining)
    {
      window_take (w, now);
      available--;
    }
}

static void
liaison_rate_limiter_dispose (GObject *object)
{
  LiaisonRateLimiter *self = (LiaisonRateLimiter *) object;

  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }

  G_OBJECT_CLASS (liaison_rate_limiter_parent_class)->dispose (object);
}

static void
liaison_rate_limiter_finalize (GObject *object)
{
  LiaisonRateLimiter *self = (LiaisonRateLimiter *) object;

  g_free (self->standard.grants);
  g_free (self->bulk.grants);
  g_main_context_unref (self->context);

  G_OBJECT_CLASS (liaison_rate_limiter_parent_class)->finalize (object);
}

static void
liaison_rate_limiter_class_init (LiaisonRateLimiterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liaison_rate_limiter_dispose;
  object_class->finalize = liaison_rate_limiter_finalize;
}

static void
liaison_rate_limiter_init (LiaisonRateLimiter *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->daily_remaining = -1;
  g_queue_init (&self->interactive);
  g_queue_init (&self->background);
}

/* burst requests per interval_ms, at most max_in_flight at once. */
LiaisonRateLimiter *
liaison_rate_limiter_new (guint burst, guint interval_ms, guint max_in_flight)
{
  LiaisonRateLimiter *self = g_object_new (LIAISON_TYPE_RATE_LIMITER, NULL);

  window_set (&self->standard, burst, interval_ms);
  self->max_in_flight = MAX (max_in_flight, 1);
  return self;
}

/* HighLevel's documented limits: 100 per 10 s and 200,000 per day for each
 * app and location (docs/oauth/Authorization.md); 4 in flight. */
LiaisonRateLimiter *
liaison_rate_limiter_new_for_ghl (void)
{
  LiaisonRateLimiter *self = liaison_rate_limiter_new (100, 10000, 4);

  liaison_rate_limiter_set_daily_limit (self, LIAISON_GHL_DAILY_QUOTA);
  return self;
}

/* LeadSquared's Pro plan: 10 per 5 s, bulk APIs 5 per 5 s; 2 in flight.
 * Other plans differ; the account settings call set_limit/set_bulk_limit. */
LiaisonRateLimiter *
liaison_rate_limiter_new_for_lsq (void)
{
  LiaisonRateLimiter *self = liaison_rate_limiter_new (10, 5000, 2);

  liaison_rate_limiter_set_bulk_limit (self, 5, 5000);
  return self;
}

void
liaison_rate_limiter_set_limit (LiaisonRateLimiter *self, guint burst, guint interval_ms)
{
  g_return_if_fail (LIAISON_IS_RATE_LIMITER (self));
  window_set (&self->standard, burst, interval_ms);
  pump (self);
}

/* burst 0 removes the separate bulk limit. Bulk calls also count against the
 * standard limit, since the service counts them among all calls. */
void
liaison_rate_limiter_set_bulk_limit (LiaisonRateLimiter *self, guint burst, guint interval_ms)
{
  g_return_if_fail (LIAISON_IS_RATE_LIMITER (self));
  window_set (&self->bulk, burst, interval_ms);
  pump (self);
}

void
liaison_rate_limiter_set_daily_limit (LiaisonRateLimiter *self, guint limit)
{
  g_return_if_fail (LIAISON_IS_RATE_LIMITER (self));
  self->daily_limit = limit;
}

void
liaison_rate_limiter_set_max_in_flight (LiaisonRateLimiter *self, guint max_in_flight)
{
  g_return_if_fail (LIAISON_IS_RATE_LIMITER (self));
  self->max_in_flight = MAX (max_in_flight, 1);
  pump (self);
}

guint
liaison_rate_limiter_get_burst (LiaisonRateLimiter *self)
{
  return self->standard.burst;
}

guint
liaison_rate_limiter_get_interval_ms (LiaisonRateLimiter *self)
{
  return (guint) (self->standard.interval_us / 1020);
}

/* A window lets burst through at once, then burst more each interval. */
static gint64
window_estimate_us (const Window *w, guint n)
{
  if (w->burst == 0 || n == 0)
    return 0;
  return (gint64) ((n - 1) / w->burst) * w->interval_us;
}

gint64
liaison_rate_limiter_estimate_ms (LiaisonRateLimiter *self, guint n_calls, guint n_bulk)
{
  gint64 us;

  g_return_val_if_fail (LIAISON_IS_RATE_LIMITER (self), 0);
  us = window_estimate_us (&self->standard, MAX (n_calls, n_bulk));
  if (self->bulk.burst > 0)
    us = MAX (us, window_estimate_us (&self->bulk, n_bulk));
  return us / 1000;
}

guint
liaison_rate_limiter_get_max_in_flight (LiaisonRateLimiter *self)
{
  return self->max_in_flight;
}

guint
liaison_rate_limiter_get_in_flight (LiaisonRateLimiter *self)
{
  return self->in_flight;
}

guint
liaison_rate_limiter_get_waiting (LiaisonRateLimiter *self)
{
  return self->interactive.length + self->background.length;
}

/* Requests that could start now as far as the standard limit goes. */
guint
liaison_rate_limiter_get_available (LiaisonRateLimiter *self)
{
  return window_available (&self->standard, g_get_monotonic_time ());
}

/* -1 when neither a daily limit nor the server's count is known. */
gint64
liaison_rate_limiter_get_daily_remaining (LiaisonRateLimiter *self)
{
  return self->daily_remaining;
}

static gboolean
header_uint (SoupMessageHeaders *headers, const char *name, guint64 max, guint64 *out)
{
  const char *value = soup_message_headers_get_one (headers, name);
  g_autofree char *trimmed = NULL;

  if (value == NULL)
    return FALSE;
  /* Server data: a bad value is ignored, never trusted or asserted. */
  trimmed = g_strstrip (g_strdup (value));
  return g_ascii_string_to_unsigned (trimmed, 10, 0, max, out, NULL);
}

/* Folds in HighLevel's X-RateLimit-* headers. Services that send none (such
 * as LeadSquared) leave the configured limits alone. */
void
liaison_rate_limiter_update_from_headers (LiaisonRateLimiter *self, SoupMessageHeaders *headers)
{
  gint64 now = g_get_monotonic_time ();
  guint64 max, interval, remaining, daily, daily_limit;

  g_return_if_fail (LIAISON_IS_RATE_LIMITER (self));

  if (header_uint (headers, "X-RateLimit-Max", 100000, &max) && max > 0
      && header_uint (headers, "X-RateLimit-Interval-Milliseconds", DAY_US / 1000, &interval)
      && interval > 0
      && (max != self->standard.burst
          || effective_interval_us ((guint) interval) != self->standard.interval_us))
    {
      LIAISON_TRACE (LIAISON_DEBUG_HTTP, "rate limit is now %u per %u ms (from the server)",
                     (guint) max, (guint) interval);
      window_set (&self->standard, (guint) max, (guint) interval);
    }

  if (header_uint (headers, "X-RateLimit-Remaining", G_MAXUINT, &remaining))
    window_reduce_to (&self->standard, now, (guint) remaining);

  if (header_uint (headers, "X-RateLimit-Limit-Daily", G_MAXUINT, &daily_limit))
    self->daily_limit = (guint) daily_limit;

  if (header_uint (headers, "X-RateLimit-Daily-Remaining", G_MAXUINT, &daily))
    {
      /* In-flight requests are not in the server's count yet; keep the lower. */
      if (self->daily_remaining < 0 || (gint64) daily < self->daily_remaining)
        self->daily_remaining = (gint64) daily;
      if (self->daily_reset_at == 0)
        self->daily_reset_at = now + DAY_US;
    }

  pump (self);
}

/* The server answered 429 without saying how much remains: take it as "none
 * left", so that nothing more is sent until one interval has passed. */
void
liaison_rate_limiter_note_rejected (LiaisonRateLimiter *self)
{
  g_return_if_fail (LIAISON_IS_RATE_LIMITER (self));

  window_reduce_to (&self->standard, g_get_monotonic_time (), 0);
}

static void
waiter_free (Waiter *waiter)
{
  if (waiter->cancel_source != NULL)
    {
      g_source_destroy (waiter->cancel_source);
      g_source_unref (waiter->cancel_source);
    }
  g_clear_object (&waiter->task);
  g_free (waiter);
}

static gboolean
on_waiter_cancelled (GCancellable *cancellable, gpointer user_data)
{
  Waiter *waiter = user_data;
  LiaisonRateLimiter *self = waiter->self;
  GTask *task = g_steal_pointer (&waiter->task);

  g_queue_remove (waiter->queue, waiter);
  waiter_free (waiter);
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled while waiting");
  g_object_unref (task);
  pump (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_timer (gpointer user_data)
{
  LiaisonRateLimiter *self = user_data;

  g_clear_pointer (&self->timer, g_source_unref);
  pump (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_timer (LiaisonRateLimiter *self, gint64 now, gint64 wait_us)
{
  gint64 deadline = now + wait_us;

  if (self->timer != NULL && self->timer_deadline <= deadline)
    return;
  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }

  /* Round up: waking a millisecond early would only schedule another timer. */
  self->timer = g_timeout_source_new ((guint) ((wait_us + 999) / 1000));
  self->timer_deadline = deadline;
  g_source_set_callback (self->timer, on_timer, self, NULL);
  g_source_set_static_name (self->timer, "[liaison] rate limiter");
  g_source_attach (self->timer, self->context);
}

static gboolean
daily_exhausted (LiaisonRateLimiter *self, gint64 now)
{
  if (self->daily_reset_at != 0 && now >= self->daily_reset_at)
    {
      self->daily_remaining = self->daily_limit > 0 ? (gint64) self->daily_limit : -1;
      self->daily_reset_at = self->daily_limit > 0 ? now + DAY_US : 0;
    }
  if (self->daily_remaining < 0 && self->daily_limit > 0)
    {
      self->daily_remaining = self->daily_limit;
      self->daily_reset_at = now + DAY_US;
    }
  return self->daily_remaining == 0;
}

static void
pump (LiaisonRateLimiter *self)
{
  if (self->pumping)
    {
      self->pump_again = TRUE;
      return;
    }
  self->pumping = TRUE;

  do
    {
      self->pump_again = FALSE;

      while (self->in_flight < self->max_in_flight)
        {
          GQueue *queue = self->interactive.length > 0 ? &self->interactive : &self->background;
          gint64 now = g_get_monotonic_time ();
          gint64 wait_us;
          Waiter *waiter;
          GTask *task;

          waiter = g_queue_peek_head (queue);
          if (waiter == NULL)
            break;

          if (daily_exhausted (self, now))
            {
              g_queue_pop_head (queue);
              task = g_steal_pointer (&waiter->task);
              waiter_free (waiter);
              g_task_return_new_error (task, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_RATE_LIMITED,
                                       "the daily limit of %u requests is used up",
                                       self->daily_limit);
              g_object_unref (task);
              continue;
            }

          /* Strict order: a later request never overtakes the head. */
          wait_us = window_wait (&self->standard, now);
          if (waiter->bulk && self->bulk.burst > 0)
            wait_us = MAX (wait_us, window_wait (&self->bulk, now));
          if (wait_us > 0)
            {
              schedule_timer (self, now, wait_us);
              break;
            }

          window_take (&self->standard, now);
          if (waiter->bulk)
            window_take (&self->bulk, now);
          if (self->daily_remaining > 0)
            self->daily_remaining--;
          self->in_flight++;

          g_queue_pop_head (queue);
          task = g_steal_pointer (&waiter->task);
          waiter_free (waiter);
          g_task_return_boolean (task, TRUE);
          g_object_unref (task);
        }
    }
  while (self->pump_again);

  self->pumping = FALSE;
}

/* Completes when the request may be sent; the caller then owes one release.
 * Fails with G_IO_ERROR_CANCELLED, or LIAISON_HTTP_ERROR_RATE_LIMITED when
 * the daily limit is used up. */
void
liaison_rate_limiter_acquire_async (LiaisonRateLimiter *self, LiaisonHttpPriority priority,
                                    gboolean bulk, GCancellable *cancellable,
                                    GAsyncReadyCallback callback, gpointer user_data)
{
  Waiter *waiter;

  g_return_if_fail (LIAISON_IS_RATE_LIMITER (self));

  waiter = g_new0 (Waiter, 1);
  waiter->self = self;
  waiter->bulk = !!bulk;
  waiter->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (waiter->task, liaison_rate_limiter_acquire_async);
  /* A permit once granted is the caller's to release, even if it cancels before the answer is
   * dispatched: cancellation while waiting is reported by on_waiter_cancelled. */
  g_task_set_check_cancellable (waiter->task, FALSE);

  if (g_task_return_error_if_cancelled (waiter->task))
    {
      waiter_free (waiter);
      return;
    }

  waiter->queue
      = priority == LIAISON_HTTP_PRIORITY_INTERACTIVE ? &self->interactive : &self->background;
  if (cancellable != NULL)
    {
      waiter->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (waiter->cancel_source, G_SOURCE_FUNC (on_waiter_cancelled), waiter,
                             NULL);
      g_source_set_static_name (waiter->cancel_source, "[liaison] rate limiter cancel");
      g_source_attach (waiter->cancel_source, self->context);
    }
  g_queue_push_tail (waiter->queue, waiter);
  pump (self);
}

gboolean
liaison_rate_limiter_acquire_finish (LiaisonRateLimiter *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* A granted request finished (whatever its outcome). */
void
liaison_rate_limiter_release (LiaisonRateLimiter *self)
{
  g_return_if_fail (LIAISON_IS_RATE_LIMITER (self));
  g_return_if_fail (self->in_flight > 0);

  self->in_flight--;
  pump (self);
}
