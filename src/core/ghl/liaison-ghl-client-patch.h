/* liaison-ghl-client-patch.h: HighLevel contact writes from service-native JSON bodies, for the
 * sync engine: a partial update that sends only the members given, and a create from a body the
 * field map built.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-ghl-client.h"

G_BEGIN_DECLS

/* PUT /contacts/{id} with exactly body's members (an UpdateContactDto subset). Finishes with the
 * contact as HighLevel answers it. */
void liaison_ghl_client_patch_contact_async (LiaisonGhlClient *self, const char *contact_id,
                                             JsonNode *body, GCancellable *cancellable,
                                             GAsyncReadyCallback callback, gpointer user_data);
LiaisonContact *liaison_ghl_client_patch_contact_finish (LiaisonGhlClient *self,
                                                         GAsyncResult *result, GError **error);
/* POST /contacts/ with body's members and the client's locationId. Not repeated after a failure
 * that may have reached HighLevel: the caller looks the contact up first. */
void liaison_ghl_client_create_contact_json_async (LiaisonGhlClient *self, JsonNode *body,
                                                   GCancellable *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer user_data);
LiaisonContact *liaison_ghl_client_create_contact_json_finish (LiaisonGhlClient *self,
                                                               GAsyncResult *result,
                                                               GError **error);

G_END_DECLS
