/* liaison-lsq-json-private.h: value readers shared by the LeadSquared JSON
 * mapping files.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-lsq-json.h"

G_BEGIN_DECLS

gboolean liaison_lsq_json_get_int (JsonObject *object, const char *member, gint64 *value);
gboolean liaison_lsq_json_get_flag (JsonObject *object, const char *member);

G_END_DECLS
