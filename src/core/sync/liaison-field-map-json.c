/* liaison-field-map-json.c: the field map's stored JSON form, read strictly: an unknown
 * setting, direction, policy or transform is refused with a sentence naming the pair.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-field-map-private.h"

#define MAP_VERSION 1

/* ---- JSON ---- */

static const char *
type_nick (LiaisonFieldType type)
{
  g_autoptr (GEnumClass) klass = g_type_class_ref (LIAISON_TYPE_FIELD_TYPE);
  GEnumValue *value = g_enum_get_value (klass, type);

  return value != NULL ? value->value_nick : "other";
}

static gboolean
type_from_nick (const char *nick, LiaisonFieldType *type)
{
  g_autoptr (GEnumClass) klass = g_type_class_ref (LIAISON_TYPE_FIELD_TYPE);
  GEnumValue *value = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

  if (value == NULL)
    return FALSE;
  *type = (LiaisonFieldType) value->value;
  return TRUE;
}

static JsonObject *
pair_to_json (const LiaisonFieldPair *pair)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "key", pair->key);
  json_object_set_string_member (object, "lsq", pair->field[LIAISON_SERVICE_LSQ]);
  json_object_set_string_member (object, "ghl", pair->field[LIAISON_SERVICE_GHL]);
  json_object_set_string_member (object, "direction",
                                 liaison_sync_direction_to_string (pair->direction));
  json_object_set_string_member (object, "transform",
                                 liaison_transform_to_string (pair->transform));
  json_object_set_string_member (object, "policy",
                                 liaison_conflict_policy_to_string (pair->policy));
  if (pair->letter_case != NULL)
    json_object_set_string_member (object, "case", pair->letter_case);
  if (pair->format != NULL)
    json_object_set_string_member (object, "format", pair->format);
  if (pair->separator != NULL)
    json_object_set_string_member (object, "separator", pair->separator);
  if (pair->transform == LIAISON_TRANSFORM_NAME)
    json_object_set_string_member (object, "full",
                                   pair->full == LIAISON_SERVICE_LSQ ? "lsq" : "ghl");
  if (pair->values != NULL)
    json_object_set_object_member (object, "values", json_object_ref (pair->values));
  if (pair->typed[LIAISON_SERVICE_LSQ])
    json_object_set_string_member (object, "lsqType", type_nick (pair->type[LIAISON_SERVICE_LSQ]));
  if (pair->typed[LIAISON_SERVICE_GHL])
    json_object_set_string_member (object, "ghlType", type_nick (pair->type[LIAISON_SERVICE_GHL]));
  return object;
}

JsonNode *
liaison_field_map_to_json (LiaisonFieldMap *self)
{
  JsonObject *root = json_object_new ();
  JsonArray *pairs = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (LIAISON_IS_FIELD_MAP (self), NULL);
  json_object_set_int_member (root, "version", MAP_VERSION);
  for (guint i = 0; i < self->pairs->len; i++)
    json_array_add_object_element (pairs, pair_to_json (g_ptr_array_index (self->pairs, i)));
  json_object_set_array_member (root, "pairs", pairs);
  json_node_take_object (node, root);
  return node;
}

static const char *
member_string (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
invalid (GError **error, const char *key, const char *message)
{
  if (key != NULL)
    g_set_error (error, LIAISON_FIELD_MAP_ERROR, LIAISON_FIELD_MAP_ERROR_INVALID,
                 /* Translators: the first %s is a pair's key, e.g. "email"; the second says
                  * what is wrong with it. */
                 _ ("The field pair “%s” cannot be used: %s"), key, message);
  else
    g_set_error (error, LIAISON_FIELD_MAP_ERROR, LIAISON_FIELD_MAP_ERROR_INVALID,
                 _ ("The field map cannot be read: %s"), message);
  return FALSE;
}

static gboolean
valid_field_name (const char *name)
{
  g_auto (GStrv) parts = NULL;

  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL))
    return FALSE;
  parts = g_strsplit (name, "+", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] == '\0')
      return FALSE;
  return TRUE;
}

static LiaisonFieldPair *
pair_from_json (JsonObject *object, GError **error)
{
  static const char *const known[] = {
    "key",    "lsq",       "ghl",  "direction", "transform", "policy",  "case",
    "format", "separator", "full", "values",    "lsqType",   "ghlType", NULL,
  };
  g_autoptr (GList) members = json_object_get_members (object);
  const char *key = member_string (object, "key");
  const char *lsq = member_string (object, "lsq");
  const char *ghl = member_string (object, "ghl");
  const char *text;
  LiaisonFieldPair *pair;
  JsonNode *values;

  if (key == NULL || *key == '\0' || !g_utf8_validate (key, -1, NULL))
    return invalid (error, NULL, _ ("a pair has no key.")), NULL;
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_autofree char *message
            = g_strdup_printf (_ ("it has an unknown setting “%s”."), (char *) l->data);
        return invalid (error, key, message), NULL;
      }
  if (!valid_field_name (lsq))
    return invalid (error, key, _ ("it names no LeadSquared field.")), NULL;
  if (!valid_field_name (ghl))
    return invalid (error, key, _ ("it names no HighLevel field.")), NULL;

  pair = liaison_field_pair_new (key, lsq, ghl, LIAISON_TRANSFORM_NONE);
  text = member_string (object, "direction");
  if (text != NULL && !liaison_sync_direction_from_string (text, &pair->direction))
    {
      liaison_field_pair_free (pair);
      return invalid (error, key, _ ("its direction is not “both”, “to-ghl” or “to-lsq”.")), NULL;
    }
  text = member_string (object, "policy");
  if (text != NULL && !liaison_conflict_policy_from_string (text, &pair->policy))
    {
      liaison_field_pair_free (pair);
      return invalid (error, key,
                      _ ("its policy is not “ask”, “lsq-wins”, “ghl-wins” or “newest-wins”.")),
             NULL;
    }
  text = member_string (object, "transform");
  if (text != NULL && !liaison_transform_from_string (text, &pair->transform))
    {
      liaison_field_pair_free (pair);
      return invalid (error, key,
                      _ ("its transform is not one of none, trim, case, e164, date, values, "
                         "name, set or owner.")),
             NULL;
    }

  pair->letter_case = g_strdup (member_string (object, "case"));
  pair->format = g_strdup (member_string (object, "format"));
  pair->separator = g_strdup (member_string (object, "separator"));
  if (pair->transform == LIAISON_TRANSFORM_CASE && pair->letter_case == NULL)
    pair->letter_case = g_strdup ("fold");
  if (pair->letter_case != NULL
      && !g_strv_contains ((const char *const[]){ "fold", "upper", "title", NULL },
                           pair->letter_case))
    {
      liaison_field_pair_free (pair);
      return invalid (error, key, _ ("its case is not “fold”, “upper” or “title”.")), NULL;
    }
  if (pair->transform == LIAISON_TRANSFORM_DATE && pair->format == NULL)
    pair->format = g_strdup ("date");
  if (pair->format != NULL && g_strcmp0 (pair->format, "date") != 0
      && g_strcmp0 (pair->format, "date-time") != 0)
    {
      liaison_field_pair_free (pair);
      return invalid (error, key, _ ("its date format is not “date” or “date-time”.")), NULL;
    }
  if (pair->separator != NULL && *pair->separator == '\0')
    {
      liaison_field_pair_free (pair);
      return invalid (error, key, _ ("its separator is empty.")), NULL;
    }
  text = member_string (object, "full");
  if (pair->transform == LIAISON_TRANSFORM_NAME)
    {
      if (g_strcmp0 (text, "lsq") == 0)
        pair->full = LIAISON_SERVICE_LSQ;
      else if (g_strcmp0 (text, "ghl") == 0)
        pair->full = LIAISON_SERVICE_GHL;
      else
        {
          liaison_field_pair_free (pair);
          return invalid (error, key,
                          _ ("a name pair needs “full”: “lsq” or “ghl”, the side with one "
                             "full-name field.")),
                 NULL;
        }
    }

  values = json_object_get_member (object, "values");
  if (values != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      if (!JSON_NODE_HOLDS_OBJECT (values))
        {
          liaison_field_pair_free (pair);
          return invalid (error, key, _ ("its value table is not an object.")), NULL;
        }
      json_object_iter_init (&iter, json_node_get_object (values));
      while (json_object_iter_next (&iter, &name, &value))
        if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
          {
            liaison_field_pair_free (pair);
            return invalid (error, key,
                            _ ("its value table maps an option to something that is "
                               "not text.")),
                   NULL;
          }
      pair->values = json_object_ref (json_node_get_object (values));
    }
  if (pair->transform == LIAISON_TRANSFORM_VALUES && pair->values == NULL)
    {
      liaison_field_pair_free (pair);
      return invalid (error, key, _ ("a values transform needs a value table (“values”).")), NULL;
    }

  for (guint s = 0; s < 2; s++)
    {
      text = member_string (object, s == LIAISON_SERVICE_LSQ ? "lsqType" : "ghlType");
      if (text == NULL)
        continue;
      if (!type_from_nick (text, &pair->type[s]))
        {
          g_autofree char *message = g_strdup_printf (_ ("“%s” is not a field type."), text);

          liaison_field_pair_free (pair);
          return invalid (error, key, message), NULL;
        }
      pair->typed[s] = TRUE;
    }
  return pair;
}

LiaisonFieldMap *
liaison_field_map_new_from_json (JsonNode *node, GError **error)
{
  g_autoptr (LiaisonFieldMap) self = NULL;
  JsonObject *root;
  JsonNode *version, *pairs;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, NULL, _ ("it is not a JSON object.")), NULL;
  root = json_node_get_object (node);
  version = json_object_get_member (root, "version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version)
      || json_node_get_value_type (version) != G_TYPE_INT64)
    return invalid (error, NULL, _ ("it has no version.")), NULL;
  if (json_node_get_int (version) != MAP_VERSION)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (version));
      g_autofree char *message = g_strdup_printf (
          _ ("it is of version %s, written by another release of Liaison."), number);
      return invalid (error, NULL, message), NULL;
    }
  pairs = json_object_get_member (root, "pairs");
  if (pairs == NULL || !JSON_NODE_HOLDS_ARRAY (pairs))
    return invalid (error, NULL, _ ("it has no list of pairs.")), NULL;

  self = g_object_new (LIAISON_TYPE_FIELD_MAP, NULL);
  array = json_node_get_array (pairs);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return invalid (error, NULL, _ ("a pair is not a JSON object.")), NULL;
      if (!liaison_field_map_put_pair (self, json_node_get_object (element), error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

/* ---- pairs ---- */

gboolean
liaison_field_map_put_pair (LiaisonFieldMap *self, JsonObject *object, GError **error)
{
  LiaisonFieldPair *pair;
  int index;

  g_return_val_if_fail (LIAISON_IS_FIELD_MAP (self), FALSE);
  g_return_val_if_fail (object != NULL, FALSE);
  pair = pair_from_json (object, error);
  if (pair == NULL)
    return FALSE;
  index = liaison_field_map_find (self, pair->key);
  if (index >= 0)
    {
      liaison_field_pair_free (g_ptr_array_index (self->pairs, index));
      g_ptr_array_index (self->pairs, index) = pair;
    }
  else
    g_ptr_array_add (self->pairs, pair);
  return TRUE;
}
