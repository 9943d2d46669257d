/* liaison-sandbox-control.h: pieces both services' record-editing control routes
 * (/_sandbox/ghl/..., /_sandbox/lsq/...) are made of, so their replies have one shape.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "liaison-sandbox-server.h"
#include "liaison-sandbox-table.h"

G_BEGIN_DECLS

void liaison_sandbox_control_reply (LiaisonSandboxRequest *req, guint status, const char *message);
JsonObject *liaison_sandbox_control_body (LiaisonSandboxRequest *req);
LiaisonSandboxTable *liaison_sandbox_control_collection (LiaisonSandboxRequest *req, gpointer owner,
                                                         const LiaisonSandboxTableSlot *slots,
                                                         guint n);
void liaison_sandbox_control_reply_records (LiaisonSandboxRequest *req, LiaisonSandboxTable *table,
                                            JsonObject *(*public_copy) (JsonObject *record,
                                                                        gpointer data),
                                            gpointer data);

G_END_DECLS
