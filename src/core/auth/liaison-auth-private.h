/* liaison-auth-private.h: helpers shared by the files of core/auth.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Where HighLevel and LeadSquared live when no sandbox is given. */
#define LIAISON_GHL_MARKETPLACE_URL "https://marketplace.gohighlevel.com"
#define LIAISON_GHL_WHITE_LABEL_MARKETPLACE_URL "https://marketplace.leadconnectorhq.com"
#define LIAISON_GHL_API_URL "https://services.leadconnectorhq.com"

void liaison_auth_free_secret (char *secret);
char *liaison_auth_random_token (GError **error);
gboolean liaison_auth_secret_equal (const char *a, const char *b);
char *liaison_auth_pkce_challenge (const char *verifier);
gboolean liaison_auth_get_seconds (JsonObject *object, const char *member, gint64 min, gint64 max,
                                   gint64 *value);

G_END_DECLS
