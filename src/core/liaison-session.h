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
#include "liaison-ghl-app-defaults.h"
#include "liaison-ghl-client.h"
#include "liaison-lsq-client.h"
#include "liaison-oauth-flow.h"
#include "liaison-refresher.h"
#include "liaison-store-recover.h"
#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_SESSION (liaison_session_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonSession, liaison_session, LIAISON, SESSION, GObject)

LiaisonSession *liaison_session_new (const char *profile);
const char *liaison_session_get_profile (LiaisonSession *self);
void liaison_session_set_ghl_api_url (LiaisonSession *self, const char *api_url);
const char *liaison_session_get_ghl_api_url (LiaisonSession *self);
void liaison_session_set_lsq_candidates (LiaisonSession *self, const char *const *base_urls);
/* The distributor's HighLevel app (GSettings, read when the session is made). */
const LiaisonGhlAppDefaults *liaison_session_get_ghl_defaults (LiaisonSession *self);
void liaison_session_set_ghl_defaults (LiaisonSession *self, LiaisonGhlAppDefaults *defaults);

void liaison_session_open_async (LiaisonSession *self, const char *store_path,
                                 GCancellable *cancellable, GAsyncReadyCallback callback,
                                 gpointer user_data);
gboolean liaison_session_open_finish (LiaisonSession *self, GAsyncResult *result, GError **error);

/* After opening failed with LIAISON_STORE_ERROR_CORRUPT (or for a store that
 * cannot be read): the file is moved aside, a fresh store keeps what could
 * be read of the connections, links and history, and the session opens on
 * it. The cache is then fetched again with the refresher. */
void liaison_session_rebuild_async (LiaisonSession *self, const char *store_path,
                                    GCancellable *cancellable, GAsyncReadyCallback callback,
                                    gpointer user_data);
LiaisonStoreRecovery *liaison_session_rebuild_finish (LiaisonSession *self, GAsyncResult *result,
                                                      GError **error);

LiaisonStore *liaison_session_get_store (LiaisonSession *self);
LiaisonAccounts *liaison_session_get_accounts (LiaisonSession *self);
const LiaisonStoreConnection *liaison_session_get_connection (LiaisonSession *self,
                                                              LiaisonService service);
const char *liaison_session_get_error (LiaisonSession *self, LiaisonService service);
LiaisonGhlAuthorizer *liaison_session_get_ghl_authorizer (LiaisonSession *self);
LiaisonGhlClient *liaison_session_get_ghl_client (LiaisonSession *self);
LiaisonLsqClient *liaison_session_get_lsq_client (LiaisonSession *self);
LiaisonContactList *liaison_session_get_contact_list (LiaisonSession *self);
LiaisonRefresher *liaison_session_get_refresher (LiaisonSession *self);

/* Signing in to HighLevel through the marketplace app's consent page. Every
 * member may be left empty (NULL, 0): then what the person entered before
 * (the app of the connection in use, the client secret in the keyring) is
 * used, else the distributor's default. */
typedef struct
{
  const char *client_id;
  const char *client_secret;   /* kept in the keyring before the browser opens */
  const char *marketplace_url; /* a sandbox's consent page; NULL for marketplace */
  LiaisonOAuthMarketplace marketplace;
  int port;            /* -1: the distributor's or Liaison's default; 0: any free port */
  gboolean no_browser; /* only announce the address (sign-in-opened) */
  guint timeout_ms;    /* 0: the flow's default */
} LiaisonGhlSignIn;

/* Each connects the account, checks it against the service, keeps its
 * secrets in the keyring and the connection in the store, then reloads
 * (emitting "changed"). The HighLevel sign-in emits "sign-in-opened" with
 * the consent page's address once Liaison waits for the browser. */
void liaison_session_connect_ghl_async (LiaisonSession *self, const LiaisonGhlSignIn *sign_in,
                                        GCancellable *cancellable, GAsyncReadyCallback callback,
                                        gpointer user_data);
void liaison_session_connect_ghl_token_async (LiaisonSession *self, const char *token,
                                              const char *location_id, GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
gboolean liaison_session_connect_ghl_finish (LiaisonSession *self, GAsyncResult *result,
                                             GError **error);
void liaison_session_connect_lsq_async (LiaisonSession *self, const char *access_key,
                                        const char *secret_key, GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
/* The account the keys belong to. */
LiaisonLsqAccount *liaison_session_connect_lsq_finish (LiaisonSession *self, GAsyncResult *result,
                                                       GError **error);

/* The app the HighLevel connection in use signed in with, else NULL. */
char *liaison_session_dup_ghl_client_id (LiaisonSession *self);
void liaison_session_remove_async (LiaisonSession *self, LiaisonService service,
                                   GCancellable *cancellable, GAsyncReadyCallback callback,
                                   gpointer user_data);
gboolean liaison_session_change_finish (LiaisonSession *self, GAsyncResult *result, GError **error);

G_END_DECLS
