/* liaison-oauth-flow.h: connecting a HighLevel location through the
 * marketplace app's authorization-code flow, with the browser coming back to
 * a one-shot listener on 127.0.0.1.
 *
 * The redirect URI to register for the marketplace app is
 *   http://127.0.0.1:47318/oauth/callback
 * (LIAISON_OAUTH_DEFAULT_PORT); a distributor or a person whose app is
 * registered with another port sets that port, and 0 picks a free one (for
 * the sandbox, which accepts any redirect URI).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-auth-types.h"

G_BEGIN_DECLS

#define LIAISON_OAUTH_DEFAULT_PORT 47318
#define LIAISON_OAUTH_REDIRECT_PATH "/oauth/callback"
#define LIAISON_OAUTH_DEFAULT_TIMEOUT_MS (5 * 60 * 1000)

typedef enum
{
  LIAISON_OAUTH_MARKETPLACE_STANDARD,    /* marketplace.gohighlevel.com */
  LIAISON_OAUTH_MARKETPLACE_WHITE_LABEL, /* marketplace.leadconnectorhq.com */
} LiaisonOAuthMarketplace;

#define LIAISON_TYPE_OAUTH_FLOW (liaison_oauth_flow_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonOAuthFlow, liaison_oauth_flow, LIAISON, OAUTH_FLOW, GObject)

const char *const *liaison_oauth_flow_get_default_scopes (void);

LiaisonOAuthFlow *liaison_oauth_flow_new (const char *client_id, const char *client_secret);
void liaison_oauth_flow_set_marketplace (LiaisonOAuthFlow *self,
                                         LiaisonOAuthMarketplace marketplace);
gboolean liaison_oauth_flow_set_marketplace_url (LiaisonOAuthFlow *self, const char *base_url,
                                                 GError **error);
const char *liaison_oauth_flow_get_marketplace_url (LiaisonOAuthFlow *self);
gboolean liaison_oauth_flow_set_api_url (LiaisonOAuthFlow *self, const char *base_url,
                                         GError **error);
const char *liaison_oauth_flow_get_api_url (LiaisonOAuthFlow *self);
void liaison_oauth_flow_set_scopes (LiaisonOAuthFlow *self, const char *const *scopes);
const char *const *liaison_oauth_flow_get_scopes (LiaisonOAuthFlow *self);
guint liaison_oauth_flow_get_port (LiaisonOAuthFlow *self);
void liaison_oauth_flow_set_port (LiaisonOAuthFlow *self, guint port);
guint liaison_oauth_flow_get_timeout_ms (LiaisonOAuthFlow *self);
void liaison_oauth_flow_set_timeout_ms (LiaisonOAuthFlow *self, guint timeout_ms);
gboolean liaison_oauth_flow_get_open_browser (LiaisonOAuthFlow *self);
void liaison_oauth_flow_set_open_browser (LiaisonOAuthFlow *self, gboolean open_browser);
const char *liaison_oauth_flow_get_authorize_url (LiaisonOAuthFlow *self);
const char *liaison_oauth_flow_get_redirect_uri (LiaisonOAuthFlow *self);
char *liaison_oauth_flow_build_authorize_url (LiaisonOAuthFlow *self, const char *redirect_uri,
                                              const char *state);

void liaison_oauth_flow_run_async (LiaisonOAuthFlow *self, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data);
LiaisonGhlTokens *liaison_oauth_flow_run_finish (LiaisonOAuthFlow *self, GAsyncResult *result,
                                                 GError **error);

G_END_DECLS
