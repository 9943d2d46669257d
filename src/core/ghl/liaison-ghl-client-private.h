/* liaison-ghl-client-private.h: the call helper shared by the files of
 * LiaisonGhlClient.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-ghl-client.h"

G_BEGIN_DECLS

/* Turns a reply into the operation's result; errors are protocol errors. */
typedef gpointer (*LiaisonGhlParseFunc) (JsonNode *root, const char *operation, gpointer data,
                                         GError **error);

/* parse_data for parse_list and parse_one: where the record(s) are and how
 * to read one. member NULL means the root itself. */
typedef struct
{
  const char *member;
  gpointer (*read) (JsonObject *object, GError **error);
} LiaisonGhlReader;

LiaisonHttpRequest *liaison_ghl_client_request (LiaisonGhlClient *self, const char *method,
                                                const char *version, const char *operation,
                                                const char *first_segment,
                                                ...) G_GNUC_NULL_TERMINATED;
void liaison_ghl_client_run (LiaisonGhlClient *self, LiaisonHttpRequest *request,
                             LiaisonGhlParseFunc parse, gpointer parse_data,
                             GDestroyNotify result_free, gpointer source_tag,
                             GCancellable *cancellable, GAsyncReadyCallback callback,
                             gpointer user_data);
gpointer liaison_ghl_client_run_finish (LiaisonGhlClient *self, GAsyncResult *result,
                                        GError **error);
/* liaison_ghl_client_run with the usual parsers: one record (a GObject),
 * a list of them (a GPtrArray) or nothing (TRUE). */
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
void liaison_ghl_client_report_error (LiaisonGhlClient *self, gpointer source_tag,
                                      GAsyncReadyCallback callback, gpointer user_data,
                                      GError *error);
gboolean liaison_ghl_client_refuse (LiaisonGhlClient *self, gboolean ok, const char *message,
                                    gpointer source_tag, GAsyncReadyCallback callback,
                                    gpointer user_data);

gpointer liaison_ghl_parse_done (JsonNode *root, const char *operation, gpointer data,
                                 GError **error);
gpointer liaison_ghl_parse_list (JsonNode *root, const char *operation, gpointer data,
                                 GError **error);
gpointer liaison_ghl_parse_one (JsonNode *root, const char *operation, gpointer data,
                                GError **error);

G_END_DECLS
