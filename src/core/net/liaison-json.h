/* liaison-json.h: reading server JSON without trusting it: typed member
 * getters that answer NULL or FALSE on a missing or mistyped member, and the
 * date formats the two services use.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

const char *liaison_json_get_string (JsonObject *object, const char *member);
gboolean liaison_json_get_boolean (JsonObject *object, const char *member, gboolean fallback);
#define LIAISON_JSON_MAX_DEPTH 64

gboolean liaison_json_parse_double (const char *text, double *value);
gboolean liaison_json_get_double (JsonObject *object, const char *member, double *value);
gboolean liaison_json_get_int_in_range (JsonObject *object, const char *member, gint64 min,
                                        gint64 max, gint64 *value);
JsonObject *liaison_json_get_object (JsonObject *object, const char *member);
JsonArray *liaison_json_get_array (JsonObject *object, const char *member);
char **liaison_json_dup_strv (JsonObject *object, const char *member);
GDateTime *liaison_json_get_time (JsonObject *object, const char *member);
GDateTime *liaison_json_parse_time (const char *text);
char *liaison_json_format_time (GDateTime *time);
JsonObject *liaison_json_expect_object (JsonNode *root, const char *member, const char *service,
                                        GError **error);
JsonArray *liaison_json_expect_array (JsonNode *root, const char *member, const char *service,
                                      GError **error);
gboolean liaison_json_check_depth (const char *data, gsize len, guint max_depth);
JsonNode *liaison_json_parse_bytes (GBytes *bytes, guint max_depth, GError **error);

G_END_DECLS
