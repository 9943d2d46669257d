/* liaison-sandbox-table.c: ordered record store for the sandbox services.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "liaison-sandbox"

#include "liaison-sandbox-table.h"

struct _LiaisonSandboxTable
{
  char *id_member;
  GHashTable *by_id; /* id -> JsonObject (ref) */
  GPtrArray *order;  /* JsonObject, insertion order */
};

LiaisonSandboxTable *
liaison_sandbox_table_new (const char *id_member)
{
  LiaisonSandboxTable *table = g_new0 (LiaisonSandboxTable, 1);

  table->id_member = g_strdup (id_member);
  table->by_id
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  table->order = g_ptr_array_new ();
  return table;
}

void
liaison_sandbox_table_free (LiaisonSandboxTable *table)
{
  if (table == NULL)
    return;
  g_ptr_array_unref (table->order);
  g_hash_table_unref (table->by_id);
  g_free (table->id_member);
  g_free (table);
}

void
liaison_sandbox_table_clear (LiaisonSandboxTable *table)
{
  g_ptr_array_set_size (table->order, 0);
  g_hash_table_remove_all (table->by_id);
}

/* Takes a reference; replaces a record with the same id in place. */
void
liaison_sandbox_table_insert (LiaisonSandboxTable *table, JsonObject *object)
{
  const char *id = json_object_get_string_member_with_default (object, table->id_member, NULL);
  JsonObject *old;

  g_return_if_fail (id != NULL);
  old = g_hash_table_lookup (table->by_id, id);
  if (old != NULL)
    {
      guint pos;

      if (g_ptr_array_find (table->order, old, &pos))
        table->order->pdata[pos] = object;
    }
  else
    g_ptr_array_add (table->order, object);
  g_hash_table_replace (table->by_id, g_strdup (id), json_object_ref (object));
}

JsonObject *
liaison_sandbox_table_lookup (LiaisonSandboxTable *table, const char *id)
{
  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (table->by_id, id);
}

gboolean
liaison_sandbox_table_remove (LiaisonSandboxTable *table, const char *id)
{
  JsonObject *old = liaison_sandbox_table_lookup (table, id);

  if (old == NULL)
    return FALSE;
  g_ptr_array_remove (table->order, old);
  g_hash_table_remove (table->by_id, id);
  return TRUE;
}

const char *
liaison_sandbox_table_get_id_member (LiaisonSandboxTable *table)
{
  return table->id_member;
}

guint
liaison_sandbox_table_size (LiaisonSandboxTable *table)
{
  return table->order->len;
}

JsonObject *
liaison_sandbox_table_index (LiaisonSandboxTable *table, guint i)
{
  if (i >= table->order->len)
    return NULL;
  return g_ptr_array_index (table->order, i);
}

JsonNode *
liaison_sandbox_table_to_json (LiaisonSandboxTable *table)
{
  JsonArray *array = json_array_sized_new (table->order->len);
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < table->order->len; i++)
    json_array_add_object_element (array, json_object_ref (g_ptr_array_index (table->order, i)));
  json_node_take_array (node, array);
  return node;
}

/* Replaces the contents; records without an id are rejected as a whole. */
gboolean
liaison_sandbox_table_from_json (LiaisonSandboxTable *table, JsonNode *node)
{
  JsonArray *array;
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (item)
          || json_object_get_string_member_with_default (json_node_get_object (item),
                                                         table->id_member, NULL)
                 == NULL)
        return FALSE;
    }
  liaison_sandbox_table_clear (table);
  for (guint i = 0; i < n; i++)
    liaison_sandbox_table_insert (table, json_array_get_object_element (array, i));
  return TRUE;
}

/* ---- a service's set of tables ---- */

#define SLOT_TABLE(owner, slot) G_STRUCT_MEMBER (LiaisonSandboxTable *, owner, (slot)->offset)

void
liaison_sandbox_tables_new (gpointer owner, const LiaisonSandboxTableSlot *slots, guint n)
{
  for (guint i = 0; i < n; i++)
    SLOT_TABLE (owner, &slots[i]) = liaison_sandbox_table_new (slots[i].id_member);
}

void
liaison_sandbox_tables_clear (gpointer owner, const LiaisonSandboxTableSlot *slots, guint n)
{
  for (guint i = 0; i < n; i++)
    liaison_sandbox_table_clear (SLOT_TABLE (owner, &slots[i]));
}

void
liaison_sandbox_tables_free (gpointer owner, const LiaisonSandboxTableSlot *slots, guint n)
{
  for (guint i = 0; i < n; i++)
    liaison_sandbox_table_free (SLOT_TABLE (owner, &slots[i]));
}

void
liaison_sandbox_tables_to_json (gpointer owner, const LiaisonSandboxTableSlot *slots, guint n,
                                JsonObject *into)
{
  for (guint i = 0; i < n; i++)
    json_object_set_member (into, slots[i].name,
                            liaison_sandbox_table_to_json (SLOT_TABLE (owner, &slots[i])));
}

/* Whether a saved state holds an array for every table, checked before anything is loaded. */
gboolean
liaison_sandbox_tables_saved (JsonObject *from, const LiaisonSandboxTableSlot *slots, guint n)
{
  for (guint i = 0; i < n; i++)
    if (!json_object_has_member (from, slots[i].name)
        || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (from, slots[i].name)))
      return FALSE;
  return TRUE;
}

gboolean
liaison_sandbox_tables_from_json (gpointer owner, const LiaisonSandboxTableSlot *slots, guint n,
                                  JsonObject *from)
{
  for (guint i = 0; i < n; i++)
    if (!liaison_sandbox_table_from_json (SLOT_TABLE (owner, &slots[i]),
                                          json_object_get_member (from, slots[i].name)))
      return FALSE;
  return TRUE;
}
