/* liaison-field-codec.c: a field definition as one JSON object, with its type by name
 * ("text", "date"...), so that a stored definition survives a reordering of the enum.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-codec"

#include "liaison-codec-private.h"
#include "liaison-field-codec.h"
#include "liaison-json.h"

LiaisonStoreRecord *
liaison_field_codec_to_record (LiaisonFieldDef *field)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (GEnumClass) types = g_type_class_ref (LIAISON_TYPE_FIELD_TYPE);
  g_autofree char *raw = NULL;
  const char *const *options;
  LiaisonStoreRecord *record;
  GEnumValue *type;

  g_return_val_if_fail (LIAISON_IS_FIELD_DEF (field), NULL);
  if (liaison_field_def_get_id (field) == NULL)
    return NULL;
  type = g_enum_get_value (types, liaison_field_def_get_data_type (field));

  json_builder_begin_object (builder);
  liaison_codec_put_string (builder, "id", liaison_field_def_get_id (field));
  liaison_codec_put_string (builder, "key", liaison_field_def_get_key (field));
  liaison_codec_put_string (builder, "name", liaison_field_def_get_name (field));
  liaison_codec_put_string (builder, "dataType", type != NULL ? type->value_nick : "other");
  /* A picklist's options: what a value table of the field map pairs. */
  options = liaison_field_def_get_options (field);
  if (options != NULL && options[0] != NULL)
    {
      json_builder_set_member_name (builder, "options");
      json_builder_begin_array (builder);
      for (guint i = 0; options[i] != NULL; i++)
        json_builder_add_string_value (builder, options[i]);
      json_builder_end_array (builder);
    }
  raw = liaison_codec_finish (builder);

  record = liaison_store_record_new (LIAISON_RECORD_FIELD, liaison_field_def_get_id (field), raw);
  record->display_name = g_strdup (liaison_field_def_get_name (field));
  return record;
}

LiaisonFieldDef *
liaison_field_codec_from_json (const char *raw, GError **error)
{
  g_autoptr (JsonNode) keep = NULL;
  JsonObject *object = liaison_codec_parse (raw, "field definition", &keep, error);
  g_autoptr (GEnumClass) types = NULL;
  g_auto (GStrv) options = NULL;
  LiaisonFieldDef *field;
  GEnumValue *type;

  if (object == NULL)
    return NULL;
  options = liaison_json_dup_strv (object, "options");
  types = g_type_class_ref (LIAISON_TYPE_FIELD_TYPE);
  type = g_enum_get_value_by_nick (types, liaison_json_get_string (object, "dataType") ?: "");
  field = liaison_field_def_new ();
  liaison_field_def_set_id (field, liaison_json_get_string (object, "id"));
  liaison_field_def_set_key (field, liaison_json_get_string (object, "key"));
  liaison_field_def_set_name (field, liaison_json_get_string (object, "name"));
  if (type != NULL)
    liaison_field_def_set_data_type (field, type->value);
  if (options != NULL && options[0] != NULL)
    liaison_field_def_set_options (field, (const char *const *) options);
  return field;
}
