/* liaison-lsq-keys.h: a LeadSquared access key and secret key, checked
 * against UserByAccessKey.Get, which also tells the account's region.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-auth-types.h"
#include "liaison-authorizer.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_LSQ_KEYS (liaison_lsq_keys_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonLsqKeys, liaison_lsq_keys, LIAISON, LSQ_KEYS, GObject)

const char *const *liaison_lsq_keys_get_known_hosts (void);
const char *liaison_lsq_keys_get_region_name (const char *host);

LiaisonLsqKeys *liaison_lsq_keys_new (const char *access_key, const char *secret_key);
LiaisonLsqKeys *liaison_lsq_keys_new_from_secret (JsonObject *secret, GError **error);
JsonObject *liaison_lsq_keys_to_secret (LiaisonLsqKeys *self);
LiaisonAuthorizer *liaison_lsq_keys_create_authorizer (LiaisonLsqKeys *self);
void liaison_lsq_keys_set_candidates (LiaisonLsqKeys *self, const char *const *base_urls);
void liaison_lsq_keys_set_expected_url (LiaisonLsqKeys *self, const char *base_url);

void liaison_lsq_keys_check_async (LiaisonLsqKeys *self, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data);
LiaisonLsqAccount *liaison_lsq_keys_check_finish (LiaisonLsqKeys *self, GAsyncResult *result,
                                                  GError **error);

G_END_DECLS
