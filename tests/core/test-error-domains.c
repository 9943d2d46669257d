/* test-error-domains.c: every error domain of liaison-core reads back as
 * the name it was given, one word without spaces, so that logs, GError
 * dumps and g_quark_from_string lookups find it.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "liaison-auth-types.h"
#include "liaison-http-error.h"
#include "liaison-store.h"

static void
test_names (void)
{
  static const struct
  {
    GQuark (*quark) (void);
    const char *name;
  } domains[] = {
    { liaison_http_error_quark, "liaison-http-error-quark" },
    { liaison_auth_error_quark, "liaison-auth-error-quark" },
    { liaison_store_error_quark, "liaison-store-error-quark" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (domains); i++)
    {
      GQuark quark = domains[i].quark ();

      g_assert_cmpstr (g_quark_to_string (quark), ==, domains[i].name);
      g_assert_null (strchr (g_quark_to_string (quark), ' '));
      g_assert_cmpuint (g_quark_try_string (domains[i].name), ==, quark);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/error-domains/names", test_names);
  return g_test_run ();
}
