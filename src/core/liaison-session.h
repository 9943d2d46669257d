/* liaison-session.h: one profile of Liaison at work: its store, the two
 * connected accounts, their clients, and what is built on them.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-accounts.h"
#include "liaison-contact-list.h"
#include "liaison-ghl-client.h"
#include "liaison-lsq-client.h"
#include "liaison-refresher.h"
#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_SESSION (liaison_session_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonSession, liaison_session, LIAISON, SESSION, GObject)

LiaisonSession *liaison_session_new (const char *profile);
const char *liaison_session_get_profile (LiaisonSession *self);
void liaison_session_set_ghl_api_url (LiaisonSession *self, const char *api_url);
const char *liaison_session_get_ghl_api_url (LiaisonSession *self);
void liaison_session_set_lsq_candidates (LiaisonSession *self, const char *const *base_urls);

void liaison_session_open_async (LiaisonSession *self, const char *store_path,
                                 GCancellable *cancellable, GAsyncReadyCallback callback,
                                 gpointer user_data);
gboolean liaison_session_open_finish (LiaisonSession *self, GAsyncResult *result, GError **error);

LiaisonStore *liaison_session_get_store (LiaisonSession *self);
LiaisonAccounts *liaison_session_get_accounts (LiaisonSession *self);
LiaisonTokenStore *liaison_session_get_token_store (LiaisonSession *self);
const LiaisonStoreConnection *liaison_session_get_connection (LiaisonSession *self,
                                                              LiaisonService service);
const char *liaison_session_get_error (LiaisonSession *self, LiaisonService service);
LiaisonGhlAuthorizer *liaison_session_get_ghl_authorizer (LiaisonSession *self);
LiaisonGhlClient *liaison_session_get_ghl_client (LiaisonSession *self);
LiaisonLsqClient *liaison_session_get_lsq_client (LiaisonSession *self);
LiaisonContactList *liaison_session_get_contact_list (LiaisonSession *self);
LiaisonRefresher *liaison_session_get_refresher (LiaisonSession *self);
LiaisonLsqKeys *liaison_session_create_lsq_keys (LiaisonSession *self, const char *access_key,
                                                 const char *secret_key);

void liaison_session_add_ghl_async (LiaisonSession *self, const LiaisonGhlTokens *tokens,
                                    GCancellable *cancellable, GAsyncReadyCallback callback,
                                    gpointer user_data);
void liaison_session_add_lsq_async (LiaisonSession *self, LiaisonLsqKeys *keys,
                                    const LiaisonLsqAccount *account, GCancellable *cancellable,
                                    GAsyncReadyCallback callback, gpointer user_data);
void liaison_session_remove_async (LiaisonSession *self, LiaisonService service,
                                   GCancellable *cancellable, GAsyncReadyCallback callback,
                                   gpointer user_data);
gboolean liaison_session_change_finish (LiaisonSession *self, GAsyncResult *result, GError **error);

G_END_DECLS
