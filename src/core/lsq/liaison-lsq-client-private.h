/* liaison-lsq-client-private.h: the call helper and reply readers shared by
 * the files of LiaisonLsqClient.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-lsq-client.h"

G_BEGIN_DECLS

#define LIAISON_LSQ_SERVICE "LeadSquared"

/* Turns a reply into the operation's result; errors are protocol errors. */
typedef gpointer (*LiaisonLsqParseFunc) (LiaisonLsqClient *self, JsonNode *root,
                                         const char *operation, gpointer data, GError **error);

LiaisonHttpRequest *liaison_lsq_client_request (LiaisonLsqClient *self, const char *method,
                                                const char *path, const char *operation);
void liaison_lsq_client_run (LiaisonLsqClient *self, LiaisonHttpRequest *request,
                             LiaisonLsqParseFunc parse, gpointer parse_data,
                             GDestroyNotify parse_data_free, GDestroyNotify result_free,
                             gpointer source_tag, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data);
gpointer liaison_lsq_client_run_finish (LiaisonLsqClient *self, GAsyncResult *result,
                                        GError **error);
void liaison_lsq_client_report_error (LiaisonLsqClient *self, gpointer source_tag,
                                      GAsyncReadyCallback callback, gpointer user_data,
                                      GError *error);
GHashTable *liaison_lsq_client_get_field_types (LiaisonLsqClient *self);
void liaison_lsq_prefix_error (GError **error, const char *operation);

/* Readers: {"Status":"Success","Message":{"Id"}}, {"Status":"Success"}, a
 * bare array of flat leads, and a list of objects (data: a LiaisonLsqReader). */
gpointer liaison_lsq_parse_id (LiaisonLsqClient *self, JsonNode *root, const char *operation,
                               gpointer data, GError **error);
gpointer liaison_lsq_parse_done (LiaisonLsqClient *self, JsonNode *root, const char *operation,
                                 gpointer data, GError **error);
gpointer liaison_lsq_parse_leads (LiaisonLsqClient *self, JsonNode *root, const char *operation,
                                  gpointer data, GError **error);
gpointer liaison_lsq_parse_list (LiaisonLsqClient *self, JsonNode *root, const char *operation,
                                 gpointer data, GError **error);

typedef struct
{
  const char *member; /* NULL: the root is the list */
  gpointer (*read) (JsonObject *object, GError **error);
} LiaisonLsqReader;

G_END_DECLS
