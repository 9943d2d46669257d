/* liaison-cli-json.c: prints a model as a JSON object whose members are its
 * readable properties in camelCase (times in ISO 8601, enums by nick, lists
 * as arrays), plus a contact's custom fields keyed by field id. Shared by the
 * ghl and lsq commands so that both print records the same way.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-cli"

#include "liaison-cli-json.h"
#include "liaison-contact.h"
#include "liaison-json.h"

static char *
camel_case (const char *name)
{
  GString *out = g_string_new (NULL);
  gboolean upper = FALSE;

  for (; *name != '\0'; name++)
    {
      if (*name == '-' || *name == '_')
        {
          upper = TRUE;
          continue;
        }
      g_string_append_c (out, upper ? g_ascii_toupper (*name) : *name);
      upper = FALSE;
    }
  return g_string_free (out, FALSE);
}

static JsonNode *
value_to_json (const GValue *value)
{
  GType type = G_VALUE_TYPE (value);

  if (type == G_TYPE_STRING)
    return g_value_get_string (value) != NULL
               ? json_node_init_string (json_node_alloc (), g_value_get_string (value))
               : NULL;
  if (type == G_TYPE_BOOLEAN)
    return json_node_init_boolean (json_node_alloc (), g_value_get_boolean (value));
  if (type == G_TYPE_INT)
    return json_node_init_int (json_node_alloc (), g_value_get_int (value));
  if (type == G_TYPE_UINT)
    return json_node_init_int (json_node_alloc (), g_value_get_uint (value));
  if (type == G_TYPE_INT64)
    return json_node_init_int (json_node_alloc (), g_value_get_int64 (value));
  if (type == G_TYPE_DOUBLE)
    return json_node_init_double (json_node_alloc (), g_value_get_double (value));
  if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr (GEnumClass) klass = g_type_class_ref (type);
      GEnumValue *found = g_enum_get_value (klass, g_value_get_enum (value));

      return found != NULL ? json_node_init_string (json_node_alloc (), found->value_nick) : NULL;
    }
  if (type == G_TYPE_STRV)
    {
      const char *const *strv = g_value_get_boxed (value);
      JsonArray *array;

      if (strv == NULL)
        return NULL;
      array = json_array_new ();
      for (; *strv != NULL; strv++)
        json_array_add_string_element (array, *strv);
      return liaison_cli_json_take_array (array);
    }
  if (type == G_TYPE_DATE_TIME)
    {
      GDateTime *time = g_value_get_boxed (value);
      g_autofree char *text = NULL;

      if (time == NULL)
        return NULL;
      text = liaison_json_format_time (time);
      return json_node_init_string (json_node_alloc (), text);
    }
  return NULL;
}

JsonNode *
liaison_cli_json_take_object (JsonObject *object)
{
  JsonNode *node = json_node_init_object (json_node_alloc (), object);

  json_object_unref (object);
  return node;
}

JsonNode *
liaison_cli_json_take_array (JsonArray *array)
{
  JsonNode *node = json_node_init_array (json_node_alloc (), array);

  json_array_unref (array);
  return node;
}

JsonNode *
liaison_cli_json_from_model (GObject *model)
{
  g_autofree GParamSpec **specs = NULL;
  JsonObject *object = json_object_new ();
  guint n_specs = 0;

  specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (model), &n_specs);
  for (guint i = 0; i < n_specs; i++)
    {
      g_auto (GValue) value = G_VALUE_INIT;
      JsonNode *node;

      if (!(specs[i]->flags & G_PARAM_READABLE))
        continue;
      g_value_init (&value, specs[i]->value_type);
      g_object_get_property (model, specs[i]->name, &value);
      node = value_to_json (&value);
      if (node != NULL)
        {
          g_autofree char *member = camel_case (specs[i]->name);

          json_object_set_member (object, member, node);
        }
    }

  if (LIAISON_IS_CONTACT (model))
    {
      LiaisonContact *contact = LIAISON_CONTACT (model);
      g_auto (GStrv) ids = liaison_contact_dup_custom_field_ids (contact);
      JsonObject *fields = json_object_new ();

      for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
        {
          GVariant *field = liaison_contact_get_custom_field (contact, ids[i]);

          if (field != NULL)
            json_object_set_member (fields, ids[i], json_gvariant_serialize (field));
        }
      json_object_set_object_member (object, "customFields", fields);
    }
  return liaison_cli_json_take_object (object);
}

JsonNode *
liaison_cli_json_from_models (GPtrArray *models, LiaisonCliModelToJson one)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; models != NULL && i < models->len; i++)
    json_array_add_element (array, one (g_ptr_array_index (models, i)));
  return liaison_cli_json_take_array (array);
}
