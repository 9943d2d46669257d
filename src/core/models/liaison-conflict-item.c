/* liaison-conflict-item.c: LiaisonConflictItem (see liaison-conflict-item.h).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-models"

#include <json-glib/json-glib.h>

#include "liaison-conflict-item.h"

struct _LiaisonConflictItem
{
  GObject parent_instance;

  LiaisonStoreConflict *conflict;
  char *contact_name;
  char *group;
};

G_DEFINE_FINAL_TYPE (LiaisonConflictItem, liaison_conflict_item, G_TYPE_OBJECT)

LiaisonConflictItem *
liaison_conflict_item_new (LiaisonStoreConflict *conflict, const char *contact_name)
{
  LiaisonConflictItem *self = g_object_new (LIAISON_TYPE_CONFLICT_ITEM, NULL);

  self->conflict = conflict;
  self->contact_name
      = g_strdup (contact_name != NULL && *contact_name != '\0'
                      ? contact_name
                      : (conflict->email != NULL ? conflict->email : conflict->lsq_id));
  self->group = conflict->link_id != 0
                    ? g_strdup_printf ("link:%" G_GINT64_FORMAT, conflict->link_id)
                    : g_strdup_printf ("ambiguous:%" G_GINT64_FORMAT, conflict->id);
  return self;
}

const LiaisonStoreConflict *
liaison_conflict_item_get_conflict (LiaisonConflictItem *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_ITEM (self), NULL);
  return self->conflict;
}

gint64
liaison_conflict_item_get_id (LiaisonConflictItem *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_ITEM (self), 0);
  return self->conflict->id;
}

LiaisonConflictKind
liaison_conflict_item_get_kind (LiaisonConflictItem *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_ITEM (self), LIAISON_CONFLICT_FIELD);
  return self->conflict->kind;
}

const char *
liaison_conflict_item_get_field (LiaisonConflictItem *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_ITEM (self), NULL);
  return self->conflict->field;
}

const char *
liaison_conflict_item_get_contact_name (LiaisonConflictItem *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_ITEM (self), NULL);
  return self->contact_name;
}

const char *
liaison_conflict_item_get_group (LiaisonConflictItem *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_ITEM (self), NULL);
  return self->group;
}

char *
liaison_conflict_value_to_display (const char *json_value)
{
  g_autoptr (JsonNode) node = NULL;

  if (json_value == NULL || (node = json_from_string (json_value, NULL)) == NULL
      || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr (GString) text = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (text->len > 0)
            g_string_append (text, ", ");
          if (JSON_NODE_HOLDS_VALUE (element)
              && json_node_get_value_type (element) == G_TYPE_STRING)
            g_string_append (text, json_node_get_string (element));
        }
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return json_to_string (node, FALSE);
}

char *
liaison_conflict_item_dup_display_value (LiaisonConflictItem *self, const char *which)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_ITEM (self), NULL);
  if (g_strcmp0 (which, "base") == 0)
    return liaison_conflict_value_to_display (self->conflict->base_value);
  if (g_strcmp0 (which, "lsq") == 0)
    return liaison_conflict_value_to_display (self->conflict->lsq_value);
  return liaison_conflict_value_to_display (self->conflict->ghl_value);
}

char **
liaison_conflict_item_dup_candidates (LiaisonConflictItem *self, LiaisonService side)
{
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GStrvBuilder) ids = g_strv_builder_new ();
  JsonObject *object;
  const char *member = side == LIAISON_SERVICE_LSQ ? "lsq" : "ghl";

  g_return_val_if_fail (LIAISON_IS_CONFLICT_ITEM (self), NULL);
  if (self->conflict->candidates != NULL
      && (node = json_from_string (self->conflict->candidates, NULL)) != NULL
      && JSON_NODE_HOLDS_OBJECT (node)
      && json_object_has_member ((object = json_node_get_object (node)), member)
      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, member)))
    {
      JsonArray *array = json_object_get_array_member (object, member);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element)
              && json_node_get_value_type (element) == G_TYPE_STRING)
            g_strv_builder_add (ids, json_node_get_string (element));
        }
    }
  return g_strv_builder_end (ids);
}

static void
liaison_conflict_item_finalize (GObject *object)
{
  LiaisonConflictItem *self = LIAISON_CONFLICT_ITEM (object);

  liaison_store_conflict_free (self->conflict);
  g_free (self->contact_name);
  g_free (self->group);
  G_OBJECT_CLASS (liaison_conflict_item_parent_class)->finalize (object);
}

static void
liaison_conflict_item_class_init (LiaisonConflictItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = liaison_conflict_item_finalize;
}

static void
liaison_conflict_item_init (LiaisonConflictItem *self)
{
}
