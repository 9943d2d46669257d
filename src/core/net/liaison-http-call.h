/* liaison-http-call.h: the one call helper of the service clients: send a
 * request through LiaisonHttp, read its JSON reply with a parse function,
 * and finish the caller's GTask exactly once with a result or an error.
 *
 * Errors are framed by origin, never by sniffing their text: an error from
 * LiaisonHttp or one refused before sending is a complete sentence and goes
 * to the caller as it is; an error from a parse function says only what was
 * wrong with the reply ("HighLevel sent a reply without “contact”") and is
 * framed here as "Could not <operation>: …".
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-http.h"

G_BEGIN_DECLS

typedef struct _LiaisonHttpCall LiaisonHttpCall;

/* Turns the parsed reply (never NULL; a JSON null for an empty body) into
 * the operation's result. NULL with an error fails the call; NULL without
 * one finishes it with a NULL result ("nothing found"). */
typedef gpointer (*LiaisonHttpCallParseFunc) (LiaisonHttpCall *call, JsonNode *root,
                                              GError **error);

void liaison_http_call_run (gpointer source_object, LiaisonHttp *http, LiaisonHttpRequest *request,
                            LiaisonHttpCallParseFunc parse, gpointer parse_data,
                            GDestroyNotify parse_data_free, GDestroyNotify result_free,
                            gpointer source_tag, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data);
gpointer liaison_http_call_finish (gpointer source_object, GAsyncResult *result,
                                   gpointer source_tag, GError **error);
gpointer liaison_http_call_finish_any (gpointer source_object, GAsyncResult *result,
                                       const gpointer *source_tags, GError **error);
void liaison_http_call_report_error (gpointer source_object, gpointer source_tag,
                                     GAsyncReadyCallback callback, gpointer user_data,
                                     GError *error);
gboolean liaison_http_call_refuse (gpointer source_object, gboolean ok, const char *message,
                                   gpointer source_tag, GAsyncReadyCallback callback,
                                   gpointer user_data);

/* For parse functions. */
gpointer liaison_http_call_get_source_object (LiaisonHttpCall *call);
gpointer liaison_http_call_get_parse_data (LiaisonHttpCall *call);
const char *liaison_http_call_get_operation (LiaisonHttpCall *call);
const char *liaison_http_call_get_service (LiaisonHttpCall *call);
void liaison_http_call_skip (LiaisonHttpCall *call, const char *kind, guint index, const char *id,
                             const GError *why);

/* After (or instead of) finishing: the records a page left out. */
guint liaison_http_call_get_n_skipped (GAsyncResult *result);
const char *const *liaison_http_call_get_skipped (GAsyncResult *result);
gint64 liaison_http_call_get_server_time (GAsyncResult *result);

/* Path segments that are ids: checked and escaped. */
gboolean liaison_http_check_id (const char *id, const char *operation, const char *service,
                                GError **error);
void liaison_http_append_segment (GString *path, const char *segment);

G_END_DECLS
