/* test-retry-policy.c: which failures are retried, how long the waits are
 * (with an injected random source and clock), Retry-After in both forms,
 * and the bound on tries.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-retry-policy"

#include "liaison-retry-policy.h"

static double
fixed_random (gpointer user_data)
{
  return *(double *) user_data;
}

static gint64
fixed_clock (gpointer user_data)
{
  return *(gint64 *) user_data;
}

static void
test_what_is_retried (void)
{
  g_autoptr (LiaisonRetryPolicy) policy = liaison_retry_policy_new ();
  static const struct
  {
    LiaisonHttpFault fault;
    gboolean idempotent;
    LiaisonRetryDecision expected;
  } cases[] = {
    { LIAISON_HTTP_FAULT_RATE_LIMITED, FALSE, LIAISON_RETRY_DECISION_RETRY },
    { LIAISON_HTTP_FAULT_RATE_LIMITED, TRUE, LIAISON_RETRY_DECISION_RETRY },
    { LIAISON_HTTP_FAULT_NOT_SENT, FALSE, LIAISON_RETRY_DECISION_RETRY },
    { LIAISON_HTTP_FAULT_SERVER, TRUE, LIAISON_RETRY_DECISION_RETRY },
    { LIAISON_HTTP_FAULT_SERVER, FALSE, LIAISON_RETRY_DECISION_NOT_RETRYABLE },
    { LIAISON_HTTP_FAULT_MAYBE_SENT, TRUE, LIAISON_RETRY_DECISION_RETRY },
    { LIAISON_HTTP_FAULT_MAYBE_SENT, FALSE, LIAISON_RETRY_DECISION_NOT_RETRYABLE },
    { LIAISON_HTTP_FAULT_NONE, TRUE, LIAISON_RETRY_DECISION_NOT_RETRYABLE },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint64 delay;

      g_assert_cmpint (liaison_retry_policy_decide (policy, cases[i].fault, cases[i].idempotent, 1,
                                                    NULL, &delay),
                       ==, cases[i].expected);
    }
}

static void
test_bounded (void)
{
  g_autoptr (LiaisonRetryPolicy) policy = liaison_retry_policy_new ();
  guint64 delay;

  liaison_retry_policy_set_max_attempts (policy, 3);
  g_assert_cmpint (
      liaison_retry_policy_decide (policy, LIAISON_HTTP_FAULT_SERVER, TRUE, 2, NULL, &delay), ==,
      LIAISON_RETRY_DECISION_RETRY);
  g_assert_cmpint (
      liaison_retry_policy_decide (policy, LIAISON_HTTP_FAULT_SERVER, TRUE, 3, NULL, &delay), ==,
      LIAISON_RETRY_DECISION_EXHAUSTED);
  g_assert_cmpint (
      liaison_retry_policy_decide (policy, LIAISON_HTTP_FAULT_RATE_LIMITED, FALSE, 3, "1", &delay),
      ==, LIAISON_RETRY_DECISION_EXHAUSTED);
}

static void
test_backoff_full_jitter (void)
{
  g_autoptr (LiaisonRetryPolicy) policy = liaison_retry_policy_new ();
  static const guint64 expected_half[] = { 50, 100, 200, 400, 500, 500, 500 };
  double r = 0.5;
  guint i;

  liaison_retry_policy_set_base_delay_ms (policy, 100);
  liaison_retry_policy_set_max_delay_ms (policy, 1000);
  liaison_retry_policy_set_max_attempts (policy, 20);
  liaison_retry_policy_set_random (policy, fixed_random, &r);

  /* Half of an exponentially growing ceiling, capped at max-delay. */
  for (i = 0; i < G_N_ELEMENTS (expected_half); i++)
    {
      guint64 delay;

      g_assert_cmpint (liaison_retry_policy_decide (policy, LIAISON_HTTP_FAULT_SERVER, TRUE, i + 1,
                                                    NULL, &delay),
                       ==, LIAISON_RETRY_DECISION_RETRY);
      g_assert_cmpuint (delay, ==, expected_half[i]);
    }

  /* Full jitter spans the whole range, never beyond the cap. */
  r = 0.0;
  for (i = 1; i <= 10; i++)
    {
      guint64 delay;

      liaison_retry_policy_decide (policy, LIAISON_HTTP_FAULT_SERVER, TRUE, i, NULL, &delay);
      g_assert_cmpuint (delay, ==, 0);
    }
  r = 0.999;
  for (i = 1; i <= 10; i++)
    {
      guint64 delay;

      liaison_retry_policy_decide (policy, LIAISON_HTTP_FAULT_SERVER, TRUE, i, NULL, &delay);
      g_assert_cmpuint (delay, <, 1000);
      g_assert_cmpuint (delay, >=, MIN (1000, 100u << (i - 1)) * 99 / 100);
    }

  /* A broken random source cannot escape the range. */
  r = 7.0;
  {
    guint64 delay;
    liaison_retry_policy_decide (policy, LIAISON_HTTP_FAULT_SERVER, TRUE, 10, NULL, &delay);
    g_assert_cmpuint (delay, <=, 1000);
  }
}

static void
test_retry_after (void)
{
  g_autoptr (LiaisonRetryPolicy) policy = liaison_retry_policy_new ();
  g_autoptr (GDateTime) now = g_date_time_new_utc (2015, 10, 21, 7, 28, 0);
  gint64 now_us = g_date_time_to_unix (now) * G_USEC_PER_SEC;
  double r = 0.5;
  guint64 delay;

  liaison_retry_policy_set_clock (policy, fixed_clock, &now_us);
  liaison_retry_policy_set_random (policy, fixed_random, &r);
  liaison_retry_policy_set_max_retry_after_ms (policy, 60000);

  g_assert_true (liaison_retry_policy_parse_retry_after (policy, "7", &delay));
  g_assert_cmpuint (delay, ==, 7000);
  g_assert_true (liaison_retry_policy_parse_retry_after (policy, " 0 ", &delay));
  g_assert_cmpuint (delay, ==, 0);
  g_assert_true (
      liaison_retry_policy_parse_retry_after (policy, "Wed, 21 Oct 2015 07:28:30 GMT", &delay));
  g_assert_cmpuint (delay, ==, 30000);
  g_assert_true (
      liaison_retry_policy_parse_retry_after (policy, "Wed, 21 Oct 2015 07:00:00 GMT", &delay));
  g_assert_cmpuint (delay, ==, 0);
  g_assert_false (liaison_retry_policy_parse_retry_after (policy, "soon", &delay));
  g_assert_false (liaison_retry_policy_parse_retry_after (policy, "-5", &delay));
  g_assert_false (liaison_retry_policy_parse_retry_after (policy, NULL, &delay));

  /* Retry-After replaces the computed backoff. */
  g_assert_cmpint (liaison_retry_policy_decide (policy, LIAISON_HTTP_FAULT_RATE_LIMITED, FALSE, 1,
                                                "Wed, 21 Oct 2015 07:28:12 GMT", &delay),
                   ==, LIAISON_RETRY_DECISION_RETRY);
  g_assert_cmpuint (delay, ==, 12000);
  /* An unreadable value falls back to the backoff. */
  g_assert_cmpint (liaison_retry_policy_decide (policy, LIAISON_HTTP_FAULT_RATE_LIMITED, FALSE, 1,
                                                "whenever", &delay),
                   ==, LIAISON_RETRY_DECISION_RETRY);
  g_assert_cmpuint (delay, ==, 250);
  /* Longer than allowed: give up with a reason rather than hang. */
  g_assert_cmpint (liaison_retry_policy_decide (policy, LIAISON_HTTP_FAULT_RATE_LIMITED, FALSE, 1,
                                                "3600", &delay),
                   ==, LIAISON_RETRY_DECISION_WAIT_TOO_LONG);
  g_assert_cmpuint (delay, ==, 3600000);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/retry-policy/what-is-retried", test_what_is_retried);
  g_test_add_func ("/retry-policy/bounded", test_bounded);
  g_test_add_func ("/retry-policy/backoff-full-jitter", test_backoff_full_jitter);
  g_test_add_func ("/retry-policy/retry-after", test_retry_after);

  return g_test_run ();
}
