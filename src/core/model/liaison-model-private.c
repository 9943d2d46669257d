/* liaison-model-private.c: setters shared by the model types.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-model"

#include "liaison-model-private.h"

/* Returns TRUE when the value changed. */
gboolean
liaison_model_set_string (char **field, const char *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* Stores the time converted to UTC, so that comparisons and storage never
 * depend on the zone a service happened to answer in. Returns TRUE when the
 * instant changed. */
gboolean
liaison_model_set_date_time (GDateTime **field, GDateTime *value)
{
  if (*field == NULL && value == NULL)
    return FALSE;
  if (*field != NULL && value != NULL && g_date_time_equal (*field, value))
    return FALSE;
  g_clear_pointer (field, g_date_time_unref);
  if (value != NULL)
    *field = g_date_time_to_utc (value);
  return TRUE;
}

gboolean
liaison_model_strv_equal (const char *const *a, const char *const *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);
  return g_strv_equal (a, b);
}
