/* test-format.c: how times read in the interface, against a fixed "now" in a fixed zone, so
 * that "today", "this year" and the local day are the same on any day the suite runs.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>

#include "liaison-format.h"

/* 3 Dec 2026, 15:00 in New York (20:00 UTC). */
static GDateTime *
pinned_now (void)
{
  return g_date_time_new_utc (2026, 12, 3, 20, 0, 0);
}

static gint64
utc_ms (int year, int month, int day, int hour, int minute)
{
  g_autoptr (GDateTime) time = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (time) * 1000;
}

static void
assert_time_ms (gint64 ms, const char *expected)
{
  g_autoptr (GDateTime) now = pinned_now ();
  g_autofree char *text = liaison_format_time_ms_at (ms, now);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_format_time_ms (void)
{
  /* Today, in the local zone: 14:05 UTC is 09:05 in New York. */
  assert_time_ms (utc_ms (2026, 12, 3, 14, 5), "09:05");
  /* 02:00 UTC on 4 Dec is still 3 Dec in New York: today, not a date. */
  assert_time_ms (utc_ms (2026, 12, 4, 2, 0), "21:00");
  /* This year: day and month, without the padding space of %e. */
  assert_time_ms (utc_ms (2026, 1, 6, 17, 0), "6 Jan");
  /* 1 Jan 2027 03:00 UTC is New Year's Eve in New York: this year still. */
  assert_time_ms (utc_ms (2027, 1, 1, 3, 0), "31 Dec");
  /* Another year: with the year, never %x's "01/24/27". */
  assert_time_ms (utc_ms (2027, 1, 24, 17, 0), "24 Jan 2027");
  assert_time_ms (utc_ms (2025, 11, 27, 17, 0), "27 Nov 2025");
  /* Nothing known: nothing shown. */
  assert_time_ms (0, "");
  assert_time_ms (-5, "");
}

static void
test_format_date_time (void)
{
  g_autoptr (GDateTime) now = pinned_now ();
  g_autoptr (GDateTime) this_year = g_date_time_new_utc (2026, 11, 27, 19, 30, 0);
  g_autoptr (GDateTime) next_year = g_date_time_new_utc (2027, 1, 24, 14, 30, 0);
  g_autofree char *a = liaison_format_date_time_at (this_year, now);
  g_autofree char *b = liaison_format_date_time_at (next_year, now);

  g_assert_cmpstr (a, ==, "Fri 27 Nov, 14:30");
  g_assert_cmpstr (b, ==, "24 Jan 2027, 09:30");
  g_assert_null (liaison_format_date_time_at (NULL, now));
}

int
main (int argc, char *argv[])
{
  /* Before the first use of the local zone, which GLib then keeps. */
  g_setenv ("TZ", "America/New_York", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/time-ms", test_format_time_ms);
  g_test_add_func ("/format/date-time", test_format_date_time);

  return g_test_run ();
}
