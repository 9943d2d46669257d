/* liaison-ghl-client-private.h: what the files of LiaisonGhlClient share:
 * building a request and running it through the call helper of core/net
 * (liaison-http-call.h), with the usual reply readers.
 *
 * A new file adds an operation like this:
 *
 *   request = liaison_ghl_client_request (self, "PATCH", LIAISON_GHL_VERSION_CONTACTS,
 *                                         "update the contact", "contacts", id, NULL);
 *   liaison_ghl_client_run_one (self, request, &reader, my_op_async, cancellable,
 *                               callback, user_data);
 *   ...
 *   Thing *my_op_finish (self, result, error)
 *   { return liaison_http_call_finish (self, result, my_op_async, error); }
 *
 * Every path segment but LIAISON_GHL_SLASH is checked as an id; a bad one
 * makes the call fail with a clear error before anything is sent.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-ghl-client.h"
#include "liaison-http-call.h"

G_BEGIN_DECLS

#define LIAISON_GHL_SERVICE "HighLevel"

/* The empty last segment some paths end with ("/contacts/"). Compared by
 * address, so an empty id is still refused. */
extern const char liaison_ghl_slash[];
#define LIAISON_GHL_SLASH liaison_ghl_slash

/* parse_data for parse_list and parse_one: where the record(s) are and how
 * to read one. member NULL means the root itself; kind names a record in
 * messages ("contact"). */
typedef struct
{
  const char *member;
  gpointer (*read) (JsonObject *object, GError **error);
  const char *kind;
} LiaisonGhlReader;

LiaisonHttpRequest *liaison_ghl_client_request (LiaisonGhlClient *self, const char *method,
                                                const char *version, const char *operation,
                                                const char *first_segment,
                                                ...) G_GNUC_NULL_TERMINATED;
void liaison_ghl_client_run (LiaisonGhlClient *self, LiaisonHttpRequest *request,
                             LiaisonHttpCallParseFunc parse, gpointer parse_data,
                             GDestroyNotify result_free, gpointer source_tag,
                             GCancellable *cancellable, GAsyncReadyCallback callback,
                             gpointer user_data);
/* liaison_ghl_client_run with the usual parsers: one record (a GObject),
 * a list of them (a GPtrArray; unreadable entries are skipped and named,
 * see liaison_http_call_get_skipped) or nothing (TRUE). */
void liaison_ghl_client_run_one (LiaisonGhlClient *self, LiaisonHttpRequest *request,
                                 const LiaisonGhlReader *reader, gpointer source_tag,
                                 GCancellable *cancellable, GAsyncReadyCallback callback,
                                 gpointer user_data);
void liaison_ghl_client_run_list (LiaisonGhlClient *self, LiaisonHttpRequest *request,
                                  const LiaisonGhlReader *reader, gpointer source_tag,
                                  GCancellable *cancellable, GAsyncReadyCallback callback,
                                  gpointer user_data);
void liaison_ghl_client_run_done (LiaisonGhlClient *self, LiaisonHttpRequest *request,
                                  gpointer source_tag, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data);

gpointer liaison_ghl_parse_done (LiaisonHttpCall *call, JsonNode *root, GError **error);
gpointer liaison_ghl_parse_list (LiaisonHttpCall *call, JsonNode *root, GError **error);
gpointer liaison_ghl_parse_one (LiaisonHttpCall *call, JsonNode *root, GError **error);
GPtrArray *liaison_ghl_read_list (LiaisonHttpCall *call, JsonArray *array,
                                  const LiaisonGhlReader *reader);

G_END_DECLS
