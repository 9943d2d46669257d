/* liaison-debug.h: opt-in tracing categories, chosen with LIAISON_DEBUG.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LIAISON_DEBUG_HTTP = 1 << 0,
  LIAISON_DEBUG_AUTH = 1 << 1,
  LIAISON_DEBUG_STORE = 1 << 2,
  LIAISON_DEBUG_SYNC = 1 << 3,
  LIAISON_DEBUG_SANDBOX = 1 << 4,
  LIAISON_DEBUG_UI = 1 << 5, /* the pages say when what they show is read (screenshots) */
} LiaisonDebugFlags;

gboolean liaison_debug_enabled (LiaisonDebugFlags flag);
void liaison_debug_reset (void);

/* Traces go through g_debug() so that they keep the file's log domain; they
 * are only formatted when their category is on. Never pass a secret. */
#define LIAISON_TRACE(flag, ...)                                                                   \
  G_STMT_START                                                                                     \
  {                                                                                                \
    if (liaison_debug_enabled (flag))                                                              \
      g_debug (__VA_ARGS__);                                                                       \
  }                                                                                                \
  G_STMT_END

G_END_DECLS
