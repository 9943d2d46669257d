/* liaison-sandbox-ghl.h: the simulated HighLevel (LeadConnector) API v2.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "liaison-sandbox-server.h"

G_BEGIN_DECLS

#define LIAISON_SANDBOX_GHL_TOKEN_LIFETIME_DEFAULT 86399

#define LIAISON_TYPE_SANDBOX_GHL (liaison_sandbox_ghl_get_type ())
G_DECLARE_FINAL_TYPE (LiaisonSandboxGhl, liaison_sandbox_ghl, LIAISON, SANDBOX_GHL, GObject)

LiaisonSandboxGhl *liaison_sandbox_ghl_new (LiaisonSandboxServer *server, guint64 seed,
                                            GPtrArray *people, gint64 anchor_ms);
void liaison_sandbox_ghl_reseed (LiaisonSandboxGhl *self, GPtrArray *people, gint64 anchor_ms);
void liaison_sandbox_ghl_set_token_lifetime (LiaisonSandboxGhl *self, gint64 seconds);
const char *liaison_sandbox_ghl_get_client_id (LiaisonSandboxGhl *self);
const char *liaison_sandbox_ghl_get_client_secret (LiaisonSandboxGhl *self);
const char *liaison_sandbox_ghl_get_location_id (LiaisonSandboxGhl *self);
const char *liaison_sandbox_ghl_get_private_token (LiaisonSandboxGhl *self);
JsonNode *liaison_sandbox_ghl_to_json (LiaisonSandboxGhl *self);
gboolean liaison_sandbox_ghl_from_json (LiaisonSandboxGhl *self, JsonNode *node, GError **error);

G_END_DECLS
