/* liaison-lsq-client-patch.h: LeadSquared lead writes from service-native JSON, for the sync
 * engine: a partial Lead.Update that sends only the attributes given, a lead from an attribute
 * list (for Bulk CreateOrUpdate), and the lead delete.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-lsq-client.h"

G_BEGIN_DECLS

/* POST Lead.Update?leadId= with exactly the attributes ([{"Attribute", "Value"}]). LeadSquared
 * answers no record: finish with liaison_lsq_client_done_finish. */
void liaison_lsq_client_patch_lead_async (LiaisonLsqClient *self, const char *lead_id,
                                          JsonNode *attributes, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
/* GET Lead/Delete/ById (disabled on accounts by default: the error says so). A lead that is
 * already gone counts as deleted. Finish with liaison_lsq_client_done_finish. */
void liaison_lsq_client_delete_lead_async (LiaisonLsqClient *self, const char *lead_id,
                                           GCancellable *cancellable, GAsyncReadyCallback callback,
                                           gpointer user_data);
/* A contact from an attribute list, read with the account's field types: what
 * liaison_lsq_client_bulk_create_or_update_async takes. */
LiaisonContact *liaison_lsq_client_contact_from_attributes (LiaisonLsqClient *self,
                                                            JsonNode *attributes, GError **error);

G_END_DECLS
