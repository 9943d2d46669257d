/* liaison-sandbox-table.h: an ordered id -> JsonObject store, the record container
 * of both simulated services (records are kept in their wire shape, which is what
 * the sandbox serves and saves).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _LiaisonSandboxTable LiaisonSandboxTable;

LiaisonSandboxTable *liaison_sandbox_table_new (const char *id_member);
void liaison_sandbox_table_free (LiaisonSandboxTable *table);
void liaison_sandbox_table_clear (LiaisonSandboxTable *table);
void liaison_sandbox_table_insert (LiaisonSandboxTable *table, JsonObject *object);
JsonObject *liaison_sandbox_table_lookup (LiaisonSandboxTable *table, const char *id);
gboolean liaison_sandbox_table_remove (LiaisonSandboxTable *table, const char *id);
guint liaison_sandbox_table_size (LiaisonSandboxTable *table);
JsonObject *liaison_sandbox_table_index (LiaisonSandboxTable *table, guint i);
JsonNode *liaison_sandbox_table_to_json (LiaisonSandboxTable *table);
gboolean liaison_sandbox_table_from_json (LiaisonSandboxTable *table, JsonNode *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonSandboxTable, liaison_sandbox_table_free)

G_END_DECLS
