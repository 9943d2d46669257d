/* liaison-http.h: the one send path for a service account: credentials,
 * rate limits, retries, error mapping and redacted tracing.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "liaison-authorizer.h"
#include "liaison-http-error.h"
#include "liaison-http-request.h"
#include "liaison-rate-limiter.h"
#include "liaison-retry-policy.h"

G_BEGIN_DECLS

typedef enum
{
  LIAISON_HTTP_SERVICE_GHL,
  LIAISON_HTTP_SERVICE_LSQ,
} LiaisonHttpService;

#define LIAISON_TYPE_HTTP (liaison_http_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonHttp, liaison_http, LIAISON, HTTP, GObject)

gboolean liaison_http_check_base_url (const char *base_url, GError **error);
const char *liaison_http_service_get_name (LiaisonHttpService service);
LiaisonHttp *liaison_http_new (LiaisonHttpService service, const char *base_url,
                               LiaisonAuthorizer *authorizer, GError **error);
LiaisonHttpService liaison_http_get_service (LiaisonHttp *self);
const char *liaison_http_get_base_url (LiaisonHttp *self);
LiaisonAuthorizer *liaison_http_get_authorizer (LiaisonHttp *self);
LiaisonRateLimiter *liaison_http_get_rate_limiter (LiaisonHttp *self);
LiaisonRetryPolicy *liaison_http_get_retry_policy (LiaisonHttp *self);
guint liaison_http_get_timeout_ms (LiaisonHttp *self);
void liaison_http_set_timeout_ms (LiaisonHttp *self, guint timeout_ms);
guint liaison_http_get_refresh_count (LiaisonHttp *self);
void liaison_http_send_async (LiaisonHttp *self, LiaisonHttpRequest *request,
                              GCancellable *cancellable, GAsyncReadyCallback callback,
                              gpointer user_data);
GBytes *liaison_http_send_finish (LiaisonHttp *self, GAsyncResult *result, guint *status,
                                  GError **error);
JsonNode *liaison_http_send_json_finish (LiaisonHttp *self, GAsyncResult *result, GError **error);
gint64 liaison_http_send_get_server_time (LiaisonHttp *self, GAsyncResult *result);

G_END_DECLS
