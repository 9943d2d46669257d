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
const char *liaison_sandbox_table_get_id_member (LiaisonSandboxTable *table);
guint liaison_sandbox_table_size (LiaisonSandboxTable *table);
JsonObject *liaison_sandbox_table_index (LiaisonSandboxTable *table, guint i);
JsonNode *liaison_sandbox_table_to_json (LiaisonSandboxTable *table);
gboolean liaison_sandbox_table_from_json (LiaisonSandboxTable *table, JsonNode *node);

/* One table of a service: its name in the saved state, its id member and where the
 * service's instance keeps it. A service lists its tables once in these and has them
 * made, freed, saved and loaded together. */
typedef struct
{
  const char *name;
  const char *id_member;
  gsize offset;
} LiaisonSandboxTableSlot;

void liaison_sandbox_tables_new (gpointer owner, const LiaisonSandboxTableSlot *slots, guint n);
void liaison_sandbox_tables_clear (gpointer owner, const LiaisonSandboxTableSlot *slots, guint n);
void liaison_sandbox_tables_free (gpointer owner, const LiaisonSandboxTableSlot *slots, guint n);
void liaison_sandbox_tables_to_json (gpointer owner, const LiaisonSandboxTableSlot *slots, guint n,
                                     JsonObject *into);
gboolean liaison_sandbox_tables_saved (JsonObject *from, const LiaisonSandboxTableSlot *slots,
                                       guint n);
gboolean liaison_sandbox_tables_from_json (gpointer owner, const LiaisonSandboxTableSlot *slots,
                                           guint n, JsonObject *from);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonSandboxTable, liaison_sandbox_table_free)

G_END_DECLS
