/* liaison-model-private.h: setters shared by the model types, so that every
 * property notifies only on a real change and every time is kept in UTC.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean liaison_model_set_string (char **field, const char *value);
gboolean liaison_model_set_date_time (GDateTime **field, GDateTime *value);
gboolean liaison_model_strv_equal (const char *const *a, const char *const *b);

G_END_DECLS
