/* liaison-http-error.h: the error domain of every request Liaison makes, and
 * the mapping from an HTTP status, a reply body or a transport failure to it.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LIAISON_HTTP_ERROR (liaison_http_error_quark ())

typedef enum
{
  LIAISON_HTTP_ERROR_NETWORK,
  LIAISON_HTTP_ERROR_TIMEOUT,
  LIAISON_HTTP_ERROR_CANCELLED,
  LIAISON_HTTP_ERROR_NOT_AUTHORIZED,
  LIAISON_HTTP_ERROR_FORBIDDEN,
  LIAISON_HTTP_ERROR_NOT_FOUND,
  LIAISON_HTTP_ERROR_VALIDATION,
  LIAISON_HTTP_ERROR_RATE_LIMITED,
  LIAISON_HTTP_ERROR_SERVER,
  LIAISON_HTTP_ERROR_PROTOCOL,
} LiaisonHttpError;

/* What a failed try means for retrying it; see LiaisonRetryPolicy for the rule. */
typedef enum
{
  LIAISON_HTTP_FAULT_NONE,         /* not retryable: the answer will not change */
  LIAISON_HTTP_FAULT_NOT_SENT,     /* the request certainly never reached the server */
  LIAISON_HTTP_FAULT_RATE_LIMITED, /* 429: the server did not process it */
  LIAISON_HTTP_FAULT_SERVER,       /* 5xx: it may have been processed */
  LIAISON_HTTP_FAULT_MAYBE_SENT,   /* reset or timeout: it may have been processed */
} LiaisonHttpFault;

GQuark liaison_http_error_quark (void);

char *liaison_http_error_extract_message (JsonNode *root, char **exception_type);
/* LeadSquared's "Duplicate entry 'V' for key 'UQ_Prospect_Base_Phone'" (a value its lead table
 * keeps unique) as a clause that says which value another lead has and what to do; NULL for any
 * other message. */
char *liaison_http_error_explain_duplicate (const char *message);

GError *liaison_http_error_from_response (const char *service_name, const char *operation,
                                          const char *subject, guint status,
                                          const char *content_type, GBytes *body, JsonNode *root,
                                          LiaisonHttpFault *fault);

GError *liaison_http_error_from_transport (const char *service_name, const char *operation,
                                           const GError *io_error, LiaisonHttpFault *fault);

gboolean liaison_http_body_looks_like_json (const char *content_type, GBytes *body);

G_END_DECLS
