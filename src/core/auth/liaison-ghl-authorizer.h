/* liaison-ghl-authorizer.h: HighLevel credentials for LiaisonHttp: an OAuth
 * token set that renews itself (and keeps the keyring up to date), or a
 * private integration token that never changes.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-auth-types.h"
#include "liaison-authorizer.h"
#include "liaison-token-store.h"

G_BEGIN_DECLS

/* Renew this long before the access token runs out. */
#define LIAISON_GHL_REFRESH_AHEAD_S (10 * 60)

#define LIAISON_TYPE_GHL_AUTHORIZER (liaison_ghl_authorizer_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonGhlAuthorizer, liaison_ghl_authorizer, LIAISON, GHL_AUTHORIZER,
                      GObject)

LiaisonGhlAuthorizer *liaison_ghl_authorizer_new (LiaisonTokenStore *token_store,
                                                  const char *connection_id,
                                                  const LiaisonGhlTokens *tokens,
                                                  const char *client_secret, const char *api_url,
                                                  GError **error);
const char *liaison_ghl_authorizer_get_connection_id (LiaisonGhlAuthorizer *self);
LiaisonGhlAuthKind liaison_ghl_authorizer_get_kind (LiaisonGhlAuthorizer *self);
const char *liaison_ghl_authorizer_get_location_id (LiaisonGhlAuthorizer *self);
const char *liaison_ghl_authorizer_get_scope (LiaisonGhlAuthorizer *self);
gint64 liaison_ghl_authorizer_get_expires_at (LiaisonGhlAuthorizer *self);
gboolean liaison_ghl_authorizer_get_needs_reconnect (LiaisonGhlAuthorizer *self);
guint liaison_ghl_authorizer_get_refresh_count (LiaisonGhlAuthorizer *self);
LiaisonGhlTokens *liaison_ghl_authorizer_dup_tokens (LiaisonGhlAuthorizer *self);

G_END_DECLS
