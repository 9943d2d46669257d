/* liaison-redact.h: makes request and response details safe to log by
 * replacing credentials with "[redacted]".
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define LIAISON_REDACTED "[redacted]"

gboolean liaison_redact_is_secret_header (const char *name);
gboolean liaison_redact_is_secret_field (const char *name);
char *liaison_redact_path (const char *path_and_query);
char *liaison_redact_headers (SoupMessageHeaders *headers);
char *liaison_redact_text (const char *text);
char *liaison_redact_json (JsonNode *root, gsize max_len);
char *liaison_redact_body (const char *content_type, GBytes *body, gsize max_len);

G_END_DECLS
