/* liaison-accounts.h: the connections of a profile, each described in the
 * store (what is not secret) and signed in through the keyring (what is).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-auth-types.h"
#include "liaison-ghl-authorizer.h"
#include "liaison-lsq-keys.h"
#include "liaison-store.h"
#include "liaison-token-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_ACCOUNTS (liaison_accounts_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonAccounts, liaison_accounts, LIAISON, ACCOUNTS, GObject)

LiaisonAccounts *liaison_accounts_new (LiaisonStore *store, LiaisonTokenStore *token_store);
LiaisonStore *liaison_accounts_get_store (LiaisonAccounts *self);
LiaisonTokenStore *liaison_accounts_get_token_store (LiaisonAccounts *self);

void liaison_accounts_save_ghl_async (LiaisonAccounts *self, const LiaisonGhlTokens *tokens,
                                      const char *display_name, const char *api_url,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data);
char *liaison_accounts_save_ghl_finish (LiaisonAccounts *self, GAsyncResult *result,
                                        GError **error);
void liaison_accounts_save_lsq_async (LiaisonAccounts *self, LiaisonLsqKeys *keys,
                                      const LiaisonLsqAccount *account, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data);
char *liaison_accounts_save_lsq_finish (LiaisonAccounts *self, GAsyncResult *result,
                                        GError **error);
void liaison_accounts_remove_async (LiaisonAccounts *self, const char *connection_id,
                                    GCancellable *cancellable, GAsyncReadyCallback callback,
                                    gpointer user_data);
gboolean liaison_accounts_remove_finish (LiaisonAccounts *self, GAsyncResult *result,
                                         GError **error);
void liaison_accounts_load_ghl_async (LiaisonAccounts *self, const char *connection_id,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data);
LiaisonGhlAuthorizer *liaison_accounts_load_ghl_finish (LiaisonAccounts *self, GAsyncResult *result,
                                                        GError **error);
void liaison_accounts_load_lsq_async (LiaisonAccounts *self, const char *connection_id,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data);
LiaisonLsqKeys *liaison_accounts_load_lsq_finish (LiaisonAccounts *self, GAsyncResult *result,
                                                  GError **error);

G_END_DECLS
