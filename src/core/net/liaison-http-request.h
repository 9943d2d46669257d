/* liaison-http-request.h: one API call described independently of libsoup:
 * method, path, query, headers, body, and how it may be scheduled and retried.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Interactive requests (a person is waiting) go before background sync. */
typedef enum
{
  LIAISON_HTTP_PRIORITY_INTERACTIVE,
  LIAISON_HTTP_PRIORITY_BACKGROUND,
} LiaisonHttpPriority;

/* Caps on a reply's body by call kind: one record (or an error) and a page. */
#define LIAISON_HTTP_MAX_REPLY_RECORD (4 * 1024 * 1024)
#define LIAISON_HTTP_MAX_REPLY_PAGE (64 * 1024 * 1024)

#define LIAISON_TYPE_HTTP_REQUEST (liaison_http_request_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonHttpRequest, liaison_http_request, LIAISON, HTTP_REQUEST, GObject)

LiaisonHttpRequest *liaison_http_request_new (const char *method, const char *path,
                                              const char *operation);
const char *liaison_http_request_get_method (LiaisonHttpRequest *self);
const char *liaison_http_request_get_path (LiaisonHttpRequest *self);
const char *liaison_http_request_get_operation (LiaisonHttpRequest *self);
const char *liaison_http_request_get_subject (LiaisonHttpRequest *self);
void liaison_http_request_set_subject (LiaisonHttpRequest *self, const char *subject);
void liaison_http_request_add_query (LiaisonHttpRequest *self, const char *name, const char *value);
void liaison_http_request_add_header (LiaisonHttpRequest *self, const char *name,
                                      const char *value);
void liaison_http_request_set_json_body (LiaisonHttpRequest *self, JsonNode *node);
void liaison_http_request_add_form_field (LiaisonHttpRequest *self, const char *name,
                                          const char *value);
void liaison_http_request_set_body (LiaisonHttpRequest *self, const char *content_type,
                                    GBytes *body);
GBytes *liaison_http_request_get_body (LiaisonHttpRequest *self);
const char *liaison_http_request_get_content_type (LiaisonHttpRequest *self);
char *liaison_http_request_build_path (LiaisonHttpRequest *self);
GPtrArray *liaison_http_request_get_headers (LiaisonHttpRequest *self);
gboolean liaison_http_request_get_idempotent (LiaisonHttpRequest *self);
void liaison_http_request_set_idempotent (LiaisonHttpRequest *self, gboolean idempotent);
LiaisonHttpPriority liaison_http_request_get_priority (LiaisonHttpRequest *self);
void liaison_http_request_set_priority (LiaisonHttpRequest *self, LiaisonHttpPriority priority);
gboolean liaison_http_request_get_bulk (LiaisonHttpRequest *self);
void liaison_http_request_set_bulk (LiaisonHttpRequest *self, gboolean bulk);
gsize liaison_http_request_get_max_reply_size (LiaisonHttpRequest *self);
void liaison_http_request_set_max_reply_size (LiaisonHttpRequest *self, gsize max_reply_size);
void liaison_http_request_take_error (LiaisonHttpRequest *self, GError *error);
const GError *liaison_http_request_get_error (LiaisonHttpRequest *self);

G_END_DECLS
