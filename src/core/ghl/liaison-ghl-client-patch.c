/* liaison-ghl-client-patch.c: contact writes from JSON bodies (see the header).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-ghl"

#include "liaison-ghl-client-patch.h"
#include "liaison-ghl-client-private.h"

static gpointer
read_contact (JsonObject *object, GError **error)
{
  return liaison_ghl_contact_from_json (object, error);
}

static const LiaisonGhlReader contact_reader = { "contact", read_contact, "contact" };

/* TRUE when the body was refused (and the callback told). */
static gboolean
refuse_body (LiaisonGhlClient *self, JsonNode *body, gpointer source_tag,
             GAsyncReadyCallback callback, gpointer user_data)
{
  return liaison_http_call_refuse (self, body != NULL && JSON_NODE_HOLDS_OBJECT (body),
                                    "The contact's changes must be a JSON object", source_tag,
                                    callback, user_data);
}

void
liaison_ghl_client_patch_contact_async (LiaisonGhlClient *self, const char *contact_id,
                                        JsonNode *body, GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  if (liaison_http_call_refuse (self, contact_id != NULL && *contact_id != '\0',
                                 "The contact has no id", liaison_ghl_client_patch_contact_async,
                                 callback, user_data)
      || refuse_body (self, body, liaison_ghl_client_patch_contact_async, callback, user_data))
    return;
  request = liaison_ghl_client_request (self, "PUT", LIAISON_GHL_VERSION_CONTACTS,
                                        "update the contact", "contacts", contact_id, NULL);
  liaison_http_request_set_subject (request, "the contact");
  liaison_http_request_set_json_body (request, body);
  /* The same members written twice leave the same contact. */
  liaison_http_request_set_idempotent (request, TRUE);
  liaison_ghl_client_run_one (self, request, &contact_reader,
                              liaison_ghl_client_patch_contact_async, cancellable, callback,
                              user_data);
}

LiaisonContact *
liaison_ghl_client_patch_contact_finish (LiaisonGhlClient *self, GAsyncResult *result,
                                         GError **error)
{
  return liaison_http_call_finish (self, result, liaison_ghl_client_patch_contact_async, error);
}

void
liaison_ghl_client_create_contact_json_async (LiaisonGhlClient *self, JsonNode *body,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autoptr (JsonNode) copy = NULL;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  if (refuse_body (self, body, liaison_ghl_client_create_contact_json_async, callback, user_data))
    return;
  copy = json_node_copy (body);
  json_object_set_string_member (json_node_get_object (copy), "locationId",
                                 liaison_ghl_client_get_location_id (self));
  request = liaison_ghl_client_request (self, "POST", LIAISON_GHL_VERSION_CONTACTS,
                                        "create the contact", "contacts", LIAISON_GHL_SLASH, NULL);
  liaison_http_request_set_subject (request, "the contact");
  liaison_http_request_set_json_body (request, copy);
  liaison_ghl_client_run_one (self, request, &contact_reader,
                              liaison_ghl_client_create_contact_json_async, cancellable, callback,
                              user_data);
}

LiaisonContact *
liaison_ghl_client_create_contact_json_finish (LiaisonGhlClient *self, GAsyncResult *result,
                                               GError **error)
{
  return liaison_http_call_finish (self, result, liaison_ghl_client_create_contact_json_async,
                                   error);
}
