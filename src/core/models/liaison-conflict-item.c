/* liaison-conflict-item.c: LiaisonConflictItem, see the header.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-models"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "liaison-conflict-item.h"

struct _LiaisonConflictItem
{
  GObject parent_instance;

  LiaisonStoreConflict *conflict;
};

enum
{
  PROP_0,
  PROP_RESOLUTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonConflictItem, liaison_conflict_item, G_TYPE_OBJECT)

LiaisonConflictItem *
liaison_conflict_item_new (LiaisonStoreConflict *conflict)
{
  LiaisonConflictItem *self;

  g_return_val_if_fail (conflict != NULL, NULL);
  self = g_object_new (LIAISON_TYPE_CONFLICT_ITEM, NULL);
  self->conflict = conflict;
  return self;
}

void
liaison_conflict_item_update (LiaisonConflictItem *self, LiaisonStoreConflict *conflict)
{
  gboolean changed;

  g_return_if_fail (LIAISON_IS_CONFLICT_ITEM (self));
  g_return_if_fail (conflict != NULL && conflict->id == self->conflict->id);

  changed = g_strcmp0 (conflict->resolution, self->conflict->resolution) != 0
            || g_strcmp0 (conflict->resolved_value, self->conflict->resolved_value) != 0;
  liaison_store_conflict_free (self->conflict);
  self->conflict = conflict;
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLUTION]);
}

gint64
liaison_conflict_item_get_id (LiaisonConflictItem *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_ITEM (self), 0);
  return self->conflict->id;
}

gint64
liaison_conflict_item_get_detected_at (LiaisonConflictItem *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_ITEM (self), 0);
  return self->conflict->detected_at;
}

LiaisonConflictKind
liaison_conflict_item_get_kind (LiaisonConflictItem *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_ITEM (self), LIAISON_CONFLICT_FIELD);
  return self->conflict->kind;
}

const char *
liaison_conflict_item_get_title (LiaisonConflictItem *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_ITEM (self), NULL);
  if (self->conflict->name != NULL && *self->conflict->name != '\0')
    return self->conflict->name;
  if (self->conflict->email != NULL && *self->conflict->email != '\0')
    return self->conflict->email;
  return self->conflict->lsq_id ? self->conflict->lsq_id : self->conflict->ghl_id;
}

const char *
liaison_conflict_item_get_email (LiaisonConflictItem *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_ITEM (self), NULL);
  return self->conflict->email;
}

const char *
liaison_conflict_item_get_lsq_id (LiaisonConflictItem *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_ITEM (self), NULL);
  return self->conflict->lsq_id;
}

const char *
liaison_conflict_item_get_ghl_id (LiaisonConflictItem *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_ITEM (self), NULL);
  return self->conflict->ghl_id;
}

const char *
liaison_conflict_item_get_field (LiaisonConflictItem *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_ITEM (self), NULL);
  return self->conflict->field;
}

const char *
liaison_conflict_item_get_base_value (LiaisonConflictItem *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_ITEM (self), NULL);
  return self->conflict->base_value;
}

const char *
liaison_conflict_item_get_value (LiaisonConflictItem *self, LiaisonService side)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_ITEM (self), NULL);
  return side == LIAISON_SERVICE_LSQ ? self->conflict->lsq_value : self->conflict->ghl_value;
}

const char *
liaison_conflict_item_get_candidates (LiaisonConflictItem *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_ITEM (self), NULL);
  return self->conflict->candidates;
}

const char *
liaison_conflict_item_get_resolution (LiaisonConflictItem *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_ITEM (self), NULL);
  return self->conflict->resolved_at > 0 ? self->conflict->resolution : NULL;
}

const char *
liaison_conflict_item_get_resolved_value (LiaisonConflictItem *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_ITEM (self), NULL);
  return self->conflict->resolved_value;
}

static gboolean
is_text_or_empty (const char *json)
{
  g_autoptr (JsonNode) node = NULL;

  if (json == NULL)
    return TRUE;
  node = json_from_string (json, NULL);
  return node == NULL || JSON_NODE_HOLDS_NULL (node)
         || (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING);
}

gboolean
liaison_conflict_item_get_editable (LiaisonConflictItem *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_ITEM (self), FALSE);
  return self->conflict->kind == LIAISON_CONFLICT_FIELD
         && is_text_or_empty (self->conflict->lsq_value)
         && is_text_or_empty (self->conflict->ghl_value);
}

static void
append_node_text (GString *text, JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (i > 0 && text->len > 0)
            g_string_append (text, ", ");
          append_node_text (text, json_array_get_element (array, i));
        }
      return;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    g_string_append (text, json_node_get_string (node));
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    g_string_append (text, json_node_get_boolean (node) ? _ ("Yes") : _ ("No"));
  else
    {
      g_autofree char *json = json_to_string (node, FALSE);
      g_string_append (text, json);
    }
}

char *
liaison_conflict_value_to_text (const char *json)
{
  g_autoptr (JsonNode) node = json ? json_from_string (json, NULL) : NULL;
  g_autoptr (GString) text = g_string_new (NULL);

  if (json != NULL && node == NULL)
    g_string_append (text, json); /* not JSON after all: shown as it is */
  else
    append_node_text (text, node);
  if (text->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static guint
array_length (JsonObject *o, const char *member)
{
  JsonNode *node = o ? json_object_get_member (o, member) : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_array_get_length (json_node_get_array (node))
                                              : 0;
}

void
liaison_conflict_item_count_candidates (LiaisonConflictItem *self, guint *n_lsq, guint *n_ghl,
                                        gboolean *by_phone)
{
  g_autoptr (JsonNode) node = NULL;
  JsonObject *o = NULL;

  g_return_if_fail (LIAISON_IS_CONFLICT_ITEM (self));
  if (self->conflict->candidates != NULL)
    node = json_from_string (self->conflict->candidates, NULL);
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    o = json_node_get_object (node);
  if (n_lsq)
    *n_lsq = array_length (o, "lsq");
  if (n_ghl)
    *n_ghl = array_length (o, "ghl");
  if (by_phone)
    *by_phone
        = o != NULL
          && g_strcmp0 (json_object_get_string_member_with_default (o, "reason", NULL), "phone")
                 == 0;
}

void
liaison_conflict_candidate_free (LiaisonConflictCandidate *candidate)
{
  if (candidate == NULL)
    return;
  g_free (candidate->id);
  g_free (candidate->connection);
  g_free (candidate->name);
  g_free (candidate->email);
  g_free (candidate->phone);
  g_free (candidate);
}

static char *
member_dup (JsonObject *o, const char *name)
{
  JsonNode *node = json_object_get_member (o, name);
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  text = json_node_get_string (node);
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

GPtrArray *
liaison_conflict_item_list_candidates (LiaisonConflictItem *self)
{
  GPtrArray *list
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_conflict_candidate_free);
  g_autoptr (JsonNode) node = NULL;
  JsonArray *array;

  g_return_val_if_fail (LIAISON_IS_CONFLICT_ITEM (self), list);
  if (self->conflict->kind != LIAISON_CONFLICT_AMBIGUOUS
      || self->conflict->candidate_details == NULL)
    return list;
  node = json_from_string (self->conflict->candidate_details, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return list;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      LiaisonConflictCandidate *c;
      g_autofree char *side = NULL;
      JsonObject *o;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      o = json_node_get_object (element);
      side = member_dup (o, "side");
      c = g_new0 (LiaisonConflictCandidate, 1);
      c->side = g_strcmp0 (side, "ghl") == 0 ? LIAISON_SERVICE_GHL : LIAISON_SERVICE_LSQ;
      c->id = member_dup (o, "id");
      c->connection = member_dup (o, "connection");
      c->name = member_dup (o, "name");
      c->email = member_dup (o, "email");
      c->phone = member_dup (o, "phone");
      if (c->id == NULL)
        liaison_conflict_candidate_free (c);
      else
        g_ptr_array_add (list, c);
    }
  return list;
}

static void
liaison_conflict_item_get_property (GObject *object, guint prop_id, GValue *value,
                                    GParamSpec *pspec)
{
  LiaisonConflictItem *self = LIAISON_CONFLICT_ITEM (object);

  switch (prop_id)
    {
      case PROP_RESOLUTION:
        g_value_set_string (value, liaison_conflict_item_get_resolution (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_conflict_item_finalize (GObject *object)
{
  LiaisonConflictItem *self = LIAISON_CONFLICT_ITEM (object);

  liaison_store_conflict_free (self->conflict);
  G_OBJECT_CLASS (liaison_conflict_item_parent_class)->finalize (object);
}

static void
liaison_conflict_item_class_init (LiaisonConflictItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = liaison_conflict_item_get_property;
  object_class->finalize = liaison_conflict_item_finalize;
  properties[PROP_RESOLUTION]
      = g_param_spec_string ("resolution", NULL, NULL, NULL,
                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_conflict_item_init (LiaisonConflictItem *self)
{
}
