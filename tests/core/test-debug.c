/* test-debug.c: LIAISON_DEBUG picks which categories trace.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "liaison-debug.h"

static void
test_debug_unset (void)
{
  g_unsetenv ("LIAISON_DEBUG");
  liaison_debug_reset ();

  g_assert_false (liaison_debug_enabled (LIAISON_DEBUG_HTTP));
  g_assert_false (liaison_debug_enabled (LIAISON_DEBUG_SYNC));
}

static void
test_debug_categories (void)
{
  g_setenv ("LIAISON_DEBUG", "http,store", TRUE);
  liaison_debug_reset ();

  g_assert_true (liaison_debug_enabled (LIAISON_DEBUG_HTTP));
  g_assert_true (liaison_debug_enabled (LIAISON_DEBUG_STORE));
  g_assert_false (liaison_debug_enabled (LIAISON_DEBUG_AUTH));
  g_assert_false (liaison_debug_enabled (LIAISON_DEBUG_SYNC));
}

static void
test_debug_all (void)
{
  g_setenv ("LIAISON_DEBUG", "all", TRUE);
  liaison_debug_reset ();

  g_assert_true (liaison_debug_enabled (LIAISON_DEBUG_HTTP));
  g_assert_true (liaison_debug_enabled (LIAISON_DEBUG_SANDBOX));
  g_assert_true (g_log_get_debug_enabled ());
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/debug/unset", test_debug_unset);
  g_test_add_func ("/debug/categories", test_debug_categories);
  g_test_add_func ("/debug/all", test_debug_all);

  return g_test_run ();
}
