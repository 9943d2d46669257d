/* liaison-mapping-fields.c: the fields a Field Mapping editor offers and how it names them: the
 * LeadSquared fields by their display names (the account's metadata lists standard and custom
 * fields alike), HighLevel's contact members by translated names and its custom fields by their
 * names; and a new pair of two of them, with the transform their types call for.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-models"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-field-map-private.h"
#include "liaison-mapping-model-private.h"

/* HighLevel's contact members a pair may name (UpdateContactDto). */
static const struct
{
  const char *name;
  const char *label;
  LiaisonFieldType type;
} ghl_members[] = {
  { "firstName", N_ ("First Name"), LIAISON_FIELD_TYPE_TEXT },
  { "lastName", N_ ("Last Name"), LIAISON_FIELD_TYPE_TEXT },
  { "email", N_ ("Email"), LIAISON_FIELD_TYPE_EMAIL },
  { "phone", N_ ("Phone"), LIAISON_FIELD_TYPE_PHONE },
  { "companyName", N_ ("Business Name"), LIAISON_FIELD_TYPE_TEXT },
  { "address1", N_ ("Street Address"), LIAISON_FIELD_TYPE_TEXT },
  { "city", N_ ("City"), LIAISON_FIELD_TYPE_TEXT },
  { "state", N_ ("State"), LIAISON_FIELD_TYPE_TEXT },
  { "postalCode", N_ ("Postal Code"), LIAISON_FIELD_TYPE_TEXT },
  { "country", N_ ("Country"), LIAISON_FIELD_TYPE_TEXT },
  { "website", N_ ("Website"), LIAISON_FIELD_TYPE_URL },
  { "timezone", N_ ("Time Zone"), LIAISON_FIELD_TYPE_TEXT },
  { "source", N_ ("Contact Source"), LIAISON_FIELD_TYPE_TEXT },
  { "assignedTo", N_ ("Assigned User"), LIAISON_FIELD_TYPE_OTHER },
  { "dateOfBirth", N_ ("Date of Birth"), LIAISON_FIELD_TYPE_DATE },
  { "dnd", N_ ("Do Not Disturb"), LIAISON_FIELD_TYPE_BOOLEAN },
  { "tags", N_ ("Tags"), LIAISON_FIELD_TYPE_TEXT_LIST },
};

static int
ghl_member (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (ghl_members); i++)
    if (g_str_equal (ghl_members[i].name, name))
      return (int) i;
  return -1;
}

static LiaisonFieldDef *
offered (const char *name, const char *label, LiaisonFieldType type, const char *const *options)
{
  LiaisonFieldDef *def = liaison_field_def_new ();

  liaison_field_def_set_id (def, name);
  liaison_field_def_set_name (def, label != NULL && *label != '\0' ? label : name);
  liaison_field_def_set_data_type (def, type);
  liaison_field_def_set_options (def, options);
  return def;
}

/* A HighLevel custom field is named by its key ("contact.treatment"), which reads better in
 * the stored map than its id. */
static const char *
custom_name (LiaisonFieldDef *def)
{
  const char *key = liaison_field_def_get_key (def);

  return key != NULL && *key != '\0' ? key : liaison_field_def_get_id (def);
}

void
liaison_mapping_fields_fill (LiaisonMappingModel *self)
{
  g_autoptr (GPtrArray) lsq = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) ghl = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *defs;

  defs = self->defs[LIAISON_SERVICE_LSQ];
  for (guint i = 0; defs != NULL && i < defs->len; i++)
    {
      LiaisonFieldDef *def = g_ptr_array_index (defs, i);

      g_ptr_array_add (lsq,
                       offered (liaison_field_def_get_id (def), liaison_field_def_get_name (def),
                                liaison_field_def_get_data_type (def),
                                liaison_field_def_get_options (def)));
    }
  if (self->connection[LIAISON_SERVICE_GHL] != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (ghl_members); i++)
      g_ptr_array_add (
          ghl, offered (ghl_members[i].name, _ (ghl_members[i].label), ghl_members[i].type, NULL));
  defs = self->defs[LIAISON_SERVICE_GHL];
  for (guint i = 0; defs != NULL && i < defs->len; i++)
    {
      LiaisonFieldDef *def = g_ptr_array_index (defs, i);

      g_ptr_array_add (ghl, offered (custom_name (def), liaison_field_def_get_name (def),
                                     liaison_field_def_get_data_type (def),
                                     liaison_field_def_get_options (def)));
    }
  g_list_store_splice (self->fields[LIAISON_SERVICE_LSQ], 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->fields[0])), lsq->pdata,
                       lsq->len);
  g_list_store_splice (self->fields[LIAISON_SERVICE_GHL], 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->fields[1])), ghl->pdata,
                       ghl->len);
}

GListModel *
liaison_mapping_model_get_fields (LiaisonMappingModel *self, LiaisonSide side)
{
  g_return_val_if_fail (LIAISON_IS_MAPPING_MODEL (self), NULL);
  g_return_val_if_fail (side == LIAISON_SERVICE_LSQ || side == LIAISON_SERVICE_GHL, NULL);
  return G_LIST_MODEL (self->fields[side]);
}

static LiaisonFieldDef *
find_def (LiaisonMappingModel *self, LiaisonSide side, const char *name)
{
  if (side == LIAISON_SERVICE_GHL && ghl_member (name) >= 0)
    return NULL;
  return liaison_field_defs_find (self->defs[side], name);
}

char *
liaison_mapping_model_dup_label (LiaisonMappingModel *self, LiaisonSide side, const char *field)
{
  g_auto (GStrv) parts = NULL;
  g_autoptr (GString) label = g_string_new (NULL);

  g_return_val_if_fail (LIAISON_IS_MAPPING_MODEL (self), NULL);
  if (field == NULL)
    return NULL;
  parts = g_strsplit (field, "+", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      LiaisonFieldDef *def = find_def (self, side, parts[i]);
      int member = side == LIAISON_SERVICE_GHL ? ghl_member (parts[i]) : -1;
      const char *name = def != NULL ? liaison_field_def_get_name (def) : NULL;

      if (member >= 0)
        name = _ (ghl_members[member].label);
      /* Translators: between the fields one value is kept in, e.g. "Do Not Email + Do Not
       * Call". */
      g_string_append_printf (label, "%s%s", i > 0 ? _ (" + ") : "",
                              name != NULL && *name != '\0' ? name : parts[i]);
    }
  return g_string_free (g_steal_pointer (&label), FALSE);
}

const char *const *
liaison_mapping_model_get_options (LiaisonMappingModel *self, const char *key, LiaisonSide side)
{
  int i;
  LiaisonFieldDef *def;
  const char *const *options;

  g_return_val_if_fail (LIAISON_IS_MAPPING_MODEL (self), NULL);
  i = self->map != NULL ? liaison_field_map_find (self->map, key) : -1;
  if (i < 0)
    return NULL;
  def = find_def (self, side, liaison_field_map_get_field (self->map, i, side));
  options = def != NULL ? liaison_field_def_get_options (def) : NULL;
  return options != NULL && options[0] != NULL ? options : NULL;
}

static LiaisonFieldDef *
offered_field (LiaisonMappingModel *self, LiaisonSide side, const char *name)
{
  GListModel *fields = G_LIST_MODEL (self->fields[side]);

  for (guint i = 0; name != NULL && i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr (LiaisonFieldDef) def = g_list_model_get_item (fields, i);

      if (g_str_equal (liaison_field_def_get_id (def), name))
        return def;
    }
  return NULL;
}

static gboolean
is_type (LiaisonFieldType a, LiaisonFieldType b, LiaisonFieldType type)
{
  return a == type || b == type;
}

static LiaisonTransform
fitting_transform (const char *lsq, LiaisonFieldType l, const char *ghl, LiaisonFieldType g,
                   const char **format)
{
  *format = NULL;
  if (g_str_equal (lsq, "OwnerId") || g_str_equal (ghl, "assignedTo"))
    return LIAISON_TRANSFORM_OWNER;
  if (is_type (l, g, LIAISON_FIELD_TYPE_PHONE))
    return LIAISON_TRANSFORM_E164;
  if (is_type (l, g, LIAISON_FIELD_TYPE_MULTIPLE_OPTIONS)
      || is_type (l, g, LIAISON_FIELD_TYPE_TEXT_LIST))
    return LIAISON_TRANSFORM_SET;
  if (is_type (l, g, LIAISON_FIELD_TYPE_DATE_TIME))
    *format = "date-time";
  else if (is_type (l, g, LIAISON_FIELD_TYPE_DATE))
    *format = "date";
  if (*format != NULL)
    return LIAISON_TRANSFORM_DATE;
  /* Two picklists: a value table, empty until options are paired (an option not in it is
   * written as it is). */
  if (l == LIAISON_FIELD_TYPE_SINGLE_OPTION && g == LIAISON_FIELD_TYPE_SINGLE_OPTION)
    return LIAISON_TRANSFORM_VALUES;
  return LIAISON_TRANSFORM_NONE;
}

JsonObject *
liaison_mapping_fields_new_pair (LiaisonMappingModel *self, const char *lsq_field,
                                 const char *ghl_field, GError **error)
{
  LiaisonFieldDef *lsq = offered_field (self, LIAISON_SERVICE_LSQ, lsq_field);
  LiaisonFieldDef *ghl = offered_field (self, LIAISON_SERVICE_GHL, ghl_field);
  g_autofree char *base = NULL;
  g_autofree char *key = NULL;
  const char *format;
  LiaisonTransform transform;
  JsonObject *pair;

  for (guint s = 0; s < 2; s++)
    if ((s == LIAISON_SERVICE_LSQ ? lsq : ghl) == NULL)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _ ("The %s account has no field “%s”; refresh both accounts on the "
                        "Contacts page and pick the field again."),
                     liaison_side_name (s), s == LIAISON_SERVICE_LSQ ? lsq_field : ghl_field);
        return NULL;
      }
  /* The key names the pair in the history and the conflicts: the HighLevel field's name. */
  base = g_strdup (g_str_has_prefix (ghl_field, "contact.") ? ghl_field + 8 : ghl_field);
  key = g_strdup (base);
  for (guint n = 2; liaison_field_map_find (self->map, key) >= 0; n++)
    {
      g_free (key);
      key = g_strdup_printf ("%s%u", base, n);
    }
  transform = fitting_transform (lsq_field, liaison_field_def_get_data_type (lsq), ghl_field,
                                 liaison_field_def_get_data_type (ghl), &format);
  pair = json_object_new ();
  json_object_set_string_member (pair, "key", key);
  json_object_set_string_member (pair, "lsq", lsq_field);
  json_object_set_string_member (pair, "ghl", ghl_field);
  json_object_set_string_member (pair, "direction", "both");
  json_object_set_string_member (pair, "transform", liaison_transform_to_string (transform));
  json_object_set_string_member (pair, "policy", "ask");
  if (format != NULL)
    json_object_set_string_member (pair, "format", format);
  if (transform == LIAISON_TRANSFORM_VALUES)
    json_object_set_object_member (pair, "values", json_object_new ());
  return pair;
}
