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
gboolean liaison_json_get_double (JsonObject *object, const char *member, double *value);
JsonObject *liaison_json_get_object (JsonObject *object, const char *member);
JsonArray *liaison_json_get_array (JsonObject *object, const char *member);
char **liaison_json_dup_strv (JsonObject *object, const char *member);
GDateTime *liaison_json_get_time (JsonObject *object, const char *member);
GDateTime *liaison_json_parse_time (const char *text);
char *liaison_json_format_time (GDateTime *time);
JsonObject *liaison_json_expect_object (JsonNode *root, const char *member, const char *service,
                                        const char *operation, GError **error);
JsonArray *liaison_json_expect_array (JsonNode *root, const char *member, const char *service,
                                      const char *operation, GError **error);

G_END_DECLS
