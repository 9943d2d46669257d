/* liaison-debug.c: parses LIAISON_DEBUG (for example "http,sync" or "all")
 * once, and turns GLib's debug output on when any category is asked for.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-debug"

#include "liaison-debug.h"

static const GDebugKey debug_keys[] = {
  { "http", LIAISON_DEBUG_HTTP },       { "auth", LIAISON_DEBUG_AUTH },
  { "store", LIAISON_DEBUG_STORE },     { "sync", LIAISON_DEBUG_SYNC },
  { "sandbox", LIAISON_DEBUG_SANDBOX }, { "ui", LIAISON_DEBUG_UI },
};

static gint debug_flags = -1;

static guint
parse_debug_flags (void)
{
  const char *value = g_getenv ("LIAISON_DEBUG");
  guint flags;

  if (value == NULL || *value == '\0')
    return 0;

  flags = g_parse_debug_string (value, debug_keys, G_N_ELEMENTS (debug_keys));

  /* Categories only narrow what is traced; without this, g_debug() would
   * still be dropped unless G_MESSAGES_DEBUG were set as well. */
  if (flags != 0)
    g_log_set_debug_enabled (TRUE);

  return flags;
}

gboolean
liaison_debug_enabled (LiaisonDebugFlags flag)
{
  gint flags = g_atomic_int_get (&debug_flags);

  if (G_UNLIKELY (flags < 0))
    {
      flags = (gint) parse_debug_flags ();
      g_atomic_int_set (&debug_flags, flags);
    }

  return (flags & flag) != 0;
}

/* For tests that change LIAISON_DEBUG at run time. */
void
liaison_debug_reset (void)
{
  g_atomic_int_set (&debug_flags, -1);
}
