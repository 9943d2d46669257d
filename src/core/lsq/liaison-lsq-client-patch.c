/* liaison-lsq-client-patch.c: lead writes from JSON (see the header).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-lsq"

#include "liaison-lsq-client-patch.h"
#include "liaison-lsq-client-private.h"
#include "liaison-lsq-json.h"

#define LEADS "/v2/LeadManagement.svc/"

static gboolean
refuse (LiaisonLsqClient *self, gboolean ok, const char *operation, const char *what,
        gpointer source_tag, GAsyncReadyCallback callback, gpointer user_data)
{
  if (ok)
    return FALSE;
  liaison_http_call_report_error (self, source_tag, callback, user_data,
                                   g_error_new (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_VALIDATION,
                                                "Could not %s: %s", operation, what));
  return TRUE;
}

void
liaison_lsq_client_patch_lead_async (LiaisonLsqClient *self, const char *lead_id,
                                     JsonNode *attributes, GCancellable *cancellable,
                                     GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;

  g_return_if_fail (LIAISON_IS_LSQ_CLIENT (self));
  if (refuse (self, lead_id != NULL && *lead_id != '\0', "update the lead", "the lead has no id",
              liaison_lsq_client_patch_lead_async, callback, user_data)
      || refuse (self, attributes != NULL && JSON_NODE_HOLDS_ARRAY (attributes), "update the lead",
                 "the changes must be a list of attributes", liaison_lsq_client_patch_lead_async,
                 callback, user_data))
    return;
  request = liaison_lsq_client_request (self, "POST", LEADS "Lead.Update", "update the lead");
  liaison_http_request_add_query (request, "leadId", lead_id);
  liaison_http_request_set_json_body (request, attributes);
  liaison_http_request_set_subject (request, "the lead");
  /* Writing the same values twice leaves the same lead. */
  liaison_http_request_set_idempotent (request, TRUE);
  liaison_lsq_client_run (self, request, liaison_lsq_parse_done, NULL, NULL, NULL,
                          liaison_lsq_client_patch_lead_async, cancellable, callback, user_data);
}

void
liaison_lsq_client_delete_lead_async (LiaisonLsqClient *self, const char *lead_id,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;

  g_return_if_fail (LIAISON_IS_LSQ_CLIENT (self));
  if (refuse (self, lead_id != NULL && *lead_id != '\0', "delete the lead", "the lead has no id",
              liaison_lsq_client_delete_lead_async, callback, user_data))
    return;
  request = liaison_lsq_client_request (self, "GET", LEADS "Lead/Delete/ById", "delete the lead");
  liaison_http_request_add_query (request, "leadId", lead_id);
  liaison_http_request_set_subject (request, "the lead");
  liaison_http_request_set_idempotent (request, TRUE);
  liaison_lsq_client_run (self, request, liaison_lsq_parse_done, NULL, NULL, NULL,
                          liaison_lsq_client_delete_lead_async, cancellable, callback, user_data);
}

LiaisonContact *
liaison_lsq_client_contact_from_attributes (LiaisonLsqClient *self, JsonNode *attributes,
                                            GError **error)
{
  g_autoptr (GHashTable) table = NULL;
  LiaisonContact *contact;

  g_return_val_if_fail (LIAISON_IS_LSQ_CLIENT (self), NULL);
  if (attributes == NULL || !JSON_NODE_HOLDS_ARRAY (attributes))
    {
      g_set_error_literal (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_VALIDATION,
                           "A lead's values must be a list of attributes");
      return NULL;
    }
  table = liaison_lsq_attributes_from_list (json_node_get_array (attributes), error);
  if (table == NULL)
    return NULL;
  /* The reader expects a lead LeadSquared sent, which always has its id; this one has none yet. */
  if (!g_hash_table_contains (table, "ProspectID"))
    g_hash_table_insert (table, g_strdup ("ProspectID"), g_strdup ("new"));
  contact = liaison_lsq_contact_from_attributes (table, liaison_lsq_client_get_field_types (self),
                                                 error);
  if (contact != NULL)
    liaison_contact_set_id (contact, NULL);
  return contact;
}
