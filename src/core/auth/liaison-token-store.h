/* liaison-token-store.h: Liaison's secrets in the Secret Service (GNOME
 * Keyring, KeePassXC...): one item per connection, found by non-secret
 * attributes, holding one JSON object.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

/* The "service" attribute of each kind of item. */
#define LIAISON_SECRET_GHL "ghl"               /* account: connection id */
#define LIAISON_SECRET_LSQ "lsq"               /* account: connection id */
#define LIAISON_SECRET_GHL_CLIENT "ghl-client" /* account: OAuth client id */

#define LIAISON_TYPE_TOKEN_STORE (liaison_token_store_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonTokenStore, liaison_token_store, LIAISON, TOKEN_STORE, GObject)

const SecretSchema *liaison_token_store_get_schema (void);

LiaisonTokenStore *liaison_token_store_new (void);

void liaison_token_store_save_async (LiaisonTokenStore *self, const char *service,
                                     const char *account, const char *label, JsonObject *secret,
                                     GCancellable *cancellable, GAsyncReadyCallback callback,
                                     gpointer user_data);
gboolean liaison_token_store_save_finish (LiaisonTokenStore *self, GAsyncResult *result,
                                          GError **error);
void liaison_token_store_load_async (LiaisonTokenStore *self, const char *service,
                                     const char *account, GCancellable *cancellable,
                                     GAsyncReadyCallback callback, gpointer user_data);
JsonObject *liaison_token_store_load_finish (LiaisonTokenStore *self, GAsyncResult *result,
                                             GError **error);
void liaison_token_store_clear_async (LiaisonTokenStore *self, const char *service,
                                      const char *account, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data);
gboolean liaison_token_store_clear_finish (LiaisonTokenStore *self, GAsyncResult *result,
                                           gboolean *removed, GError **error);

void liaison_token_store_save_client_secret_async (LiaisonTokenStore *self, const char *client_id,
                                                   const char *client_secret,
                                                   GCancellable *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer user_data);
gboolean liaison_token_store_save_client_secret_finish (LiaisonTokenStore *self,
                                                        GAsyncResult *result, GError **error);
void liaison_token_store_load_client_secret_async (LiaisonTokenStore *self, const char *client_id,
                                                   GCancellable *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer user_data);
char *liaison_token_store_load_client_secret_finish (LiaisonTokenStore *self, GAsyncResult *result,
                                                     GError **error);

G_END_DECLS
