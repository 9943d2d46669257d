/* liaison-sandbox-lsq.h: the simulated LeadSquared REST API v2 (leads, lead
 * metadata, notes, tasks and appointments, users), served on a LiaisonSandboxServer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "liaison-sandbox-server.h"

G_BEGIN_DECLS

/* Documented limits of the Pro plan: 10 calls per 5 s, bulk APIs 5 per 5 s. */
#define LIAISON_SANDBOX_LSQ_RATE_MAX 10
#define LIAISON_SANDBOX_LSQ_BULK_RATE_MAX 5
#define LIAISON_SANDBOX_LSQ_RATE_INTERVAL_MS 5000

#define LIAISON_TYPE_SANDBOX_LSQ (liaison_sandbox_lsq_get_type ())
G_DECLARE_FINAL_TYPE (LiaisonSandboxLsq, liaison_sandbox_lsq, LIAISON, SANDBOX_LSQ, GObject)

LiaisonSandboxLsq *liaison_sandbox_lsq_new (LiaisonSandboxServer *server, guint64 seed,
                                            GPtrArray *people, gint64 anchor_ms);
void liaison_sandbox_lsq_reseed (LiaisonSandboxLsq *self, GPtrArray *people, gint64 anchor_ms);
const char *liaison_sandbox_lsq_get_access_key (LiaisonSandboxLsq *self);
const char *liaison_sandbox_lsq_get_secret_key (LiaisonSandboxLsq *self);
guint liaison_sandbox_lsq_get_lead_count (LiaisonSandboxLsq *self);
JsonNode *liaison_sandbox_lsq_to_json (LiaisonSandboxLsq *self);
gboolean liaison_sandbox_lsq_from_json (LiaisonSandboxLsq *self, JsonNode *node, GError **error);

G_END_DECLS
