/* liaison-lsq-client-private.h: the reply readers shared by the files of
 * LiaisonLsqClient, and its way into the call helper of core/net
 * (liaison-http-call.h). A new operation: build a request with
 * liaison_lsq_client_request, run it with liaison_lsq_client_run and a parse
 * function, and finish with liaison_http_call_finish (self, result,
 * my_op_async, error).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-http-call.h"
#include "liaison-lsq-client.h"

G_BEGIN_DECLS

#define LIAISON_LSQ_SERVICE "LeadSquared"

LiaisonHttpRequest *liaison_lsq_client_request (LiaisonLsqClient *self, const char *method,
                                                const char *path, const char *operation);
void liaison_lsq_client_run (LiaisonLsqClient *self, LiaisonHttpRequest *request,
                             LiaisonHttpCallParseFunc parse, gpointer parse_data,
                             GDestroyNotify parse_data_free, GDestroyNotify result_free,
                             gpointer source_tag, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data);
void liaison_lsq_client_add_id_query (LiaisonHttpRequest *request, const char *name,
                                      const char *id);
GHashTable *liaison_lsq_client_get_field_types (LiaisonLsqClient *self);
const char *liaison_lsq_lead_id_of (JsonNode *element);

/* Readers: {"Status":"Success","Message":{"Id"}}, {"Status":"Success"}, a
 * bare array of flat leads, and a list of objects (data: a LiaisonLsqReader). */
gpointer liaison_lsq_parse_id (LiaisonHttpCall *call, JsonNode *root, GError **error);
gpointer liaison_lsq_parse_done (LiaisonHttpCall *call, JsonNode *root, GError **error);
gpointer liaison_lsq_parse_leads (LiaisonHttpCall *call, JsonNode *root, GError **error);
gpointer liaison_lsq_parse_list (LiaisonHttpCall *call, JsonNode *root, GError **error);

typedef struct
{
  const char *member; /* NULL: the root is the list */
  gpointer (*read) (JsonObject *object, GError **error);
  const char *kind; /* names a record in messages: "task" */
} LiaisonLsqReader;

G_END_DECLS
