/* test-rate-limiter.c: the limiter never grants more than its bucket in any
 * interval, bounds requests in flight, serves interactive requests first,
 * follows the server's headers and honours cancellation.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-rate-limiter"

#include "liaison-http-error.h"
#include "liaison-rate-limiter.h"

typedef struct
{
  LiaisonRateLimiter *limiter;
  GArray *times; /* gint64 grant times */
  GPtrArray *order;
  gboolean release;
  guint errors;
  GError *last_error;
} Recorder;

typedef struct
{
  Recorder *recorder;
  char *name;
} Ticket;

static void
on_granted (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Ticket *ticket = user_data;
  Recorder *recorder = ticket->recorder;
  GError *error = NULL;

  if (liaison_rate_limiter_acquire_finish (LIAISON_RATE_LIMITER (source), result, &error))
    {
      gint64 now = g_get_monotonic_time ();

      g_array_append_val (recorder->times, now);
      g_ptr_array_add (recorder->order, g_strdup (ticket->name));
      if (recorder->release)
        liaison_rate_limiter_release (recorder->limiter);
    }
  else
    {
      recorder->errors++;
      g_clear_error (&recorder->last_error);
      recorder->last_error = error;
    }
  g_free (ticket->name);
  g_free (ticket);
}

static void
acquire (Recorder *recorder, const char *name, LiaisonHttpPriority priority, gboolean bulk,
         GCancellable *cancellable)
{
  Ticket *ticket = g_new0 (Ticket, 1);

  ticket->recorder = recorder;
  ticket->name = g_strdup (name);
  liaison_rate_limiter_acquire_async (recorder->limiter, priority, bulk, cancellable, on_granted,
                                      ticket);
}

static void
recorder_init (Recorder *recorder, LiaisonRateLimiter *limiter, gboolean release)
{
  recorder->limiter = limiter;
  recorder->times = g_array_new (FALSE, FALSE, sizeof (gint64));
  recorder->order = g_ptr_array_new_with_free_func (g_free);
  recorder->release = release;
}

static void
recorder_clear (Recorder *recorder)
{
  g_array_unref (recorder->times);
  g_ptr_array_unref (recorder->order);
  g_clear_error (&recorder->last_error);
}

static void
run_until (Recorder *recorder, guint granted)
{
  while (recorder->times->len + recorder->errors < granted)
    g_main_context_iteration (NULL, TRUE);
}

static void
iterate_pending (void)
{
  guint i;

  for (i = 0; i < 5; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

#define TIME(r, i) g_array_index ((r)->times, gint64, (i))

static void
test_never_exceeds_bucket (void)
{
  g_autoptr (LiaisonRateLimiter) limiter = liaison_rate_limiter_new (5, 200, 100);
  Recorder recorder = { 0 };
  guint i;

  recorder_init (&recorder, limiter, TRUE);
  for (i = 0; i < 20; i++)
    acquire (&recorder, "r", LIAISON_HTTP_PRIORITY_BACKGROUND, FALSE, NULL);
  run_until (&recorder, 20);

  /* Any 6 consecutive grants span more than one interval... */
  for (i = 5; i < 20; i++)
    g_assert_cmpint (TIME (&recorder, i) - TIME (&recorder, i - 5), >=, 200 * 1000);
  /* ...and the bucket is used, not wasted: 20 grants take 3 intervals
   * (with room for a loaded machine; one interval per grant would take 19). */
  g_assert_cmpint (TIME (&recorder, 19) - TIME (&recorder, 0), <, 6 * 200 * 1000);
  g_assert_cmpuint (liaison_rate_limiter_get_waiting (limiter), ==, 0);
  recorder_clear (&recorder);
}

static void
test_bulk_bucket (void)
{
  g_autoptr (LiaisonRateLimiter) limiter = liaison_rate_limiter_new (100, 1000, 10);
  Recorder recorder = { 0 };
  guint i;

  liaison_rate_limiter_set_bulk_limit (limiter, 2, 200);
  recorder_init (&recorder, limiter, TRUE);
  for (i = 0; i < 4; i++)
    acquire (&recorder, "bulk", LIAISON_HTTP_PRIORITY_BACKGROUND, TRUE, NULL);
  run_until (&recorder, 4);

  g_assert_cmpint (TIME (&recorder, 2) - TIME (&recorder, 0), >=, 200 * 1000);
  g_assert_cmpint (TIME (&recorder, 3) - TIME (&recorder, 1), >=, 200 * 1000);
  /* Bulk calls count against the standard bucket too. */
  g_assert_cmpuint (liaison_rate_limiter_get_available (limiter), ==, 96);
  recorder_clear (&recorder);
}

static void
test_in_flight_bound (void)
{
  g_autoptr (LiaisonRateLimiter) limiter = liaison_rate_limiter_new (100, 1000, 2);
  Recorder recorder = { 0 };
  guint i;

  recorder_init (&recorder, limiter, FALSE);
  for (i = 0; i < 5; i++)
    acquire (&recorder, "r", LIAISON_HTTP_PRIORITY_BACKGROUND, FALSE, NULL);
  iterate_pending ();
  g_assert_cmpuint (recorder.times->len, ==, 2);
  g_assert_cmpuint (liaison_rate_limiter_get_in_flight (limiter), ==, 2);
  g_assert_cmpuint (liaison_rate_limiter_get_waiting (limiter), ==, 3);

  liaison_rate_limiter_release (limiter);
  iterate_pending ();
  g_assert_cmpuint (recorder.times->len, ==, 3);
  g_assert_cmpuint (liaison_rate_limiter_get_in_flight (limiter), ==, 2);

  for (i = 0; i < 2; i++)
    {
      liaison_rate_limiter_release (limiter);
      iterate_pending ();
    }
  g_assert_cmpuint (recorder.times->len, ==, 5);
  g_assert_cmpuint (liaison_rate_limiter_get_in_flight (limiter), ==, 2);
  g_assert_cmpuint (liaison_rate_limiter_get_waiting (limiter), ==, 0);
  liaison_rate_limiter_release (limiter);
  liaison_rate_limiter_release (limiter);
  g_assert_cmpuint (liaison_rate_limiter_get_in_flight (limiter), ==, 0);
  recorder_clear (&recorder);
}

static void
test_priority (void)
{
  g_autoptr (LiaisonRateLimiter) limiter = liaison_rate_limiter_new (100, 1000, 1);
  Recorder recorder = { 0 };
  static const char *expected[] = { "first", "person-1", "person-2", "sync-1", "sync-2", "sync-3" };
  guint i;

  recorder_init (&recorder, limiter, FALSE);
  acquire (&recorder, "first", LIAISON_HTTP_PRIORITY_BACKGROUND, FALSE, NULL);
  iterate_pending ();
  acquire (&recorder, "sync-1", LIAISON_HTTP_PRIORITY_BACKGROUND, FALSE, NULL);
  acquire (&recorder, "sync-2", LIAISON_HTTP_PRIORITY_BACKGROUND, FALSE, NULL);
  acquire (&recorder, "person-1", LIAISON_HTTP_PRIORITY_INTERACTIVE, FALSE, NULL);
  acquire (&recorder, "sync-3", LIAISON_HTTP_PRIORITY_BACKGROUND, FALSE, NULL);
  acquire (&recorder, "person-2", LIAISON_HTTP_PRIORITY_INTERACTIVE, FALSE, NULL);
  iterate_pending ();

  for (i = 1; i < G_N_ELEMENTS (expected); i++)
    {
      liaison_rate_limiter_release (limiter);
      iterate_pending ();
    }
  liaison_rate_limiter_release (limiter);

  g_assert_cmpuint (recorder.order->len, ==, G_N_ELEMENTS (expected));
  for (i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_ptr_array_index (recorder.order, i), ==, expected[i]);
  recorder_clear (&recorder);
}

static SoupMessageHeaders *
headers_new (const char *max, const char *interval, const char *remaining,
             const char *daily_remaining)
{
  SoupMessageHeaders *headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);

  if (max != NULL)
    soup_message_headers_append (headers, "X-RateLimit-Max", max);
  if (interval != NULL)
    soup_message_headers_append (headers, "X-RateLimit-Interval-Milliseconds", interval);
  if (remaining != NULL)
    soup_message_headers_append (headers, "X-RateLimit-Remaining", remaining);
  if (daily_remaining != NULL)
    soup_message_headers_append (headers, "X-RateLimit-Daily-Remaining", daily_remaining);
  return headers;
}

static void
test_server_headers (void)
{
  g_autoptr (LiaisonRateLimiter) limiter = liaison_rate_limiter_new_for_ghl ();
  SoupMessageHeaders *headers;
  Recorder recorder = { 0 };

  g_assert_cmpuint (liaison_rate_limiter_get_burst (limiter), ==, 100);
  g_assert_cmpuint (liaison_rate_limiter_get_interval_ms (limiter), ==, 10000);
  g_assert_cmpint (liaison_rate_limiter_get_daily_remaining (limiter), ==, -1);

  /* The server's own numbers replace the documented ones. */
  headers = headers_new ("3", "300", NULL, NULL);
  liaison_rate_limiter_update_from_headers (limiter, headers);
  soup_message_headers_unref (headers);
  g_assert_cmpuint (liaison_rate_limiter_get_burst (limiter), ==, 3);
  g_assert_cmpuint (liaison_rate_limiter_get_interval_ms (limiter), ==, 300);
  g_assert_cmpuint (liaison_rate_limiter_get_available (limiter), ==, 3);

  /* Someone else used the account: only what the server says remains. */
  headers = headers_new (NULL, NULL, "0", NULL);
  liaison_rate_limiter_update_from_headers (limiter, headers);
  soup_message_headers_unref (headers);
  g_assert_cmpuint (liaison_rate_limiter_get_available (limiter), ==, 0);

  /* Garbage is ignored, never trusted. */
  headers = headers_new ("lots", "-5", "many", "x");
  liaison_rate_limiter_update_from_headers (limiter, headers);
  soup_message_headers_unref (headers);
  g_assert_cmpuint (liaison_rate_limiter_get_burst (limiter), ==, 3);

  recorder_init (&recorder, limiter, TRUE);
  acquire (&recorder, "waits", LIAISON_HTTP_PRIORITY_INTERACTIVE, FALSE, NULL);
  iterate_pending ();
  g_assert_cmpuint (recorder.times->len, ==, 0);
  run_until (&recorder, 1);
  g_assert_cmpuint (recorder.errors, ==, 0);

  /* The daily allowance used up: fail at once rather than wait for hours. */
  headers = headers_new (NULL, NULL, NULL, "0");
  liaison_rate_limiter_update_from_headers (limiter, headers);
  soup_message_headers_unref (headers);
  g_assert_cmpint (liaison_rate_limiter_get_daily_remaining (limiter), ==, 0);
  acquire (&recorder, "refused", LIAISON_HTTP_PRIORITY_INTERACTIVE, FALSE, NULL);
  run_until (&recorder, 2);
  g_assert_cmpuint (recorder.errors, ==, 1);
  g_assert_error (recorder.last_error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_RATE_LIMITED);
  recorder_clear (&recorder);
}

static void
test_lsq_defaults (void)
{
  g_autoptr (LiaisonRateLimiter) limiter = liaison_rate_limiter_new_for_lsq ();

  g_assert_cmpuint (liaison_rate_limiter_get_burst (limiter), ==, 10);
  g_assert_cmpuint (liaison_rate_limiter_get_interval_ms (limiter), ==, 5000);
  g_assert_cmpuint (liaison_rate_limiter_get_max_in_flight (limiter), ==, 2);

  /* Another plan: configurable. */
  liaison_rate_limiter_set_limit (limiter, 20, 5000);
  g_assert_cmpuint (liaison_rate_limiter_get_burst (limiter), ==, 20);
}

/* The wait n calls take under the limits: a burst goes at once, then one more burst an interval
 * (with the limiter's 2% margin); bulk calls also wait for their own, slower window. */
static void
test_estimate (void)
{
  g_autoptr (LiaisonRateLimiter) lsq = liaison_rate_limiter_new_for_lsq ();
  g_autoptr (LiaisonRateLimiter) ghl = liaison_rate_limiter_new_for_ghl ();
  g_autoptr (LiaisonRateLimiter) open = liaison_rate_limiter_new (0, 1000, 4);

  g_assert_cmpint (liaison_rate_limiter_estimate_ms (lsq, 0, 0), ==, 0);
  g_assert_cmpint (liaison_rate_limiter_estimate_ms (lsq, 10, 0), ==, 0);
  g_assert_cmpint (liaison_rate_limiter_estimate_ms (lsq, 11, 0), ==, 5100);
  g_assert_cmpint (liaison_rate_limiter_estimate_ms (lsq, 30, 0), ==, 10200);
  /* 6 bulk calls: 5 per 5 s, so the sixth waits one interval though 6 of 10 is fine. */
  g_assert_cmpint (liaison_rate_limiter_estimate_ms (lsq, 6, 6), ==, 5100);
  g_assert_cmpint (liaison_rate_limiter_estimate_ms (ghl, 250, 0), ==, 20400);
  g_assert_cmpint (liaison_rate_limiter_estimate_ms (open, 100000, 0), ==, 0);
}

static void
test_cancel_waiting (void)
{
  g_autoptr (LiaisonRateLimiter) limiter = liaison_rate_limiter_new (1, 10000, 4);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Recorder recorder = { 0 };

  recorder_init (&recorder, limiter, TRUE);
  acquire (&recorder, "granted", LIAISON_HTTP_PRIORITY_INTERACTIVE, FALSE, NULL);
  acquire (&recorder, "cancelled", LIAISON_HTTP_PRIORITY_INTERACTIVE, FALSE, cancellable);
  iterate_pending ();
  g_assert_cmpuint (recorder.times->len, ==, 1);
  g_assert_cmpuint (liaison_rate_limiter_get_waiting (limiter), ==, 1);

  g_cancellable_cancel (cancellable);
  run_until (&recorder, 2);
  g_assert_cmpuint (recorder.errors, ==, 1);
  g_assert_error (recorder.last_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (liaison_rate_limiter_get_waiting (limiter), ==, 0);
  iterate_pending ();
  g_assert_cmpuint (recorder.times->len + recorder.errors, ==, 2);
  recorder_clear (&recorder);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rate-limiter/never-exceeds-bucket", test_never_exceeds_bucket);
  g_test_add_func ("/rate-limiter/bulk-bucket", test_bulk_bucket);
  g_test_add_func ("/rate-limiter/in-flight-bound", test_in_flight_bound);
  g_test_add_func ("/rate-limiter/priority", test_priority);
  g_test_add_func ("/rate-limiter/server-headers", test_server_headers);
  g_test_add_func ("/rate-limiter/lsq-defaults", test_lsq_defaults);
  g_test_add_func ("/rate-limiter/cancel-waiting", test_cancel_waiting);
  g_test_add_func ("/rate-limiter/estimate", test_estimate);

  return g_test_run ();
}
