/* liaison-mapping-edits.c: the edits of a LiaisonMappingModel that go through a pair's stored
 * form: its transform with the transform's settings, and a value table's entries.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-models"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-mapping-model-private.h"

/* Pair i's stored form, in the stored form of the whole map (*keep holds it). */
static JsonObject *
pair_json (LiaisonMappingModel *self, guint i, JsonNode **keep)
{
  *keep = liaison_field_map_to_json (self->map);
  return json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (*keep), "pairs"), i);
}

/* A string member set, or removed for NULL or "". */
static void
put_or_remove (JsonObject *object, const char *member, const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (object, member, value);
  else if (json_object_has_member (object, member))
    json_object_remove_member (object, member);
}

static char *
dup_member (JsonObject *object, const char *member)
{
  if (object == NULL || member == NULL || !json_object_has_member (object, member))
    return NULL;
  return g_strdup (json_object_get_string_member (object, member));
}

/* The pair's stored form, changed by edit, put back. */
static gboolean
edit_pair (LiaisonMappingModel *self, const char *key, void (*edit) (JsonObject *, gpointer),
           gpointer data, GError **error)
{
  int i = liaison_mapping_model_index_of (self, key);
  g_autoptr (JsonNode) all = NULL;
  JsonObject *pair;

  if (i < 0)
    return FALSE;
  pair = pair_json (self, i, &all);
  edit (pair, data);
  if (!liaison_field_map_put_pair (self->map, pair, error))
    return FALSE;
  liaison_mapping_model_fit (self, self->map);
  liaison_mapping_model_changed_pair (self, i);
  return TRUE;
}

/* The edits of transforms and value tables only make settings the reader takes. */
static gboolean
edit_pair_or_warn (LiaisonMappingModel *self, const char *key,
                   void (*edit) (JsonObject *, gpointer), gpointer data)
{
  g_autoptr (GError) error = NULL;

  if (edit_pair (self, key, edit, data, &error))
    return TRUE;
  if (error != NULL)
    g_critical ("A mapping edit made a pair the map refuses: %s", error->message);
  return FALSE;
}

static void
edit_transform (JsonObject *pair, gpointer data)
{
  LiaisonTransform transform = GPOINTER_TO_UINT (data);
  const char *lsq = json_object_get_string_member (pair, "lsq");

  for (guint k = 0; k < 5; k++)
    {
      const char *member = (const char *[]){ "case", "format", "separator", "full", "values" }[k];

      if (json_object_has_member (pair, member))
        json_object_remove_member (pair, member);
    }
  json_object_set_string_member (pair, "transform", liaison_transform_to_string (transform));
  if (transform == LIAISON_TRANSFORM_VALUES)
    json_object_set_object_member (pair, "values", json_object_new ());
  /* The full name is on the side that names one field; the other joins first and last. */
  if (transform == LIAISON_TRANSFORM_NAME)
    json_object_set_string_member (pair, "full", strchr (lsq, '+') != NULL ? "ghl" : "lsq");
}

gboolean
liaison_mapping_model_set_transform (LiaisonMappingModel *self, const char *key,
                                     LiaisonTransform transform)
{
  int i = liaison_mapping_model_index_of (self, key);

  g_return_val_if_fail ((guint) transform <= LIAISON_TRANSFORM_OWNER, FALSE);
  if (i < 0)
    return FALSE;
  if (liaison_field_map_get_transform (self->map, i) == transform)
    return TRUE;
  return edit_pair_or_warn (self, key, edit_transform, GUINT_TO_POINTER (transform));
}

typedef struct
{
  const char *lsq_option;
  const char *ghl_option;
} ValueEdit;

static void
edit_value (JsonObject *pair, gpointer data)
{
  ValueEdit *edit = data;

  put_or_remove (json_object_get_object_member (pair, "values"), edit->lsq_option,
                 edit->ghl_option);
}

gboolean
liaison_mapping_model_set_value (LiaisonMappingModel *self, const char *key, const char *lsq_option,
                                 const char *ghl_option)
{
  int i = liaison_mapping_model_index_of (self, key);
  ValueEdit edit = { lsq_option, ghl_option };
  g_autofree char *current = NULL;

  g_return_val_if_fail (lsq_option != NULL, FALSE);
  if (i < 0 || liaison_field_map_get_transform (self->map, i) != LIAISON_TRANSFORM_VALUES)
    return FALSE;
  current = liaison_mapping_model_dup_value (self, key, lsq_option);
  if (g_strcmp0 (current, ghl_option != NULL && *ghl_option != '\0' ? ghl_option : NULL) == 0)
    return TRUE;
  return edit_pair_or_warn (self, key, edit_value, &edit);
}

char *
liaison_mapping_model_dup_value (LiaisonMappingModel *self, const char *key, const char *lsq_option)
{
  int i = liaison_mapping_model_index_of (self, key);
  g_autoptr (JsonNode) all = NULL;

  if (i < 0)
    return NULL;
  return dup_member (json_object_get_object_member (pair_json (self, i, &all), "values"),
                     lsq_option);
}

/* ---- a transform's settings ---- */

static const char *const setting_names[] = { "case", "format", "full", "separator", NULL };

typedef struct
{
  const char *name;
  const char *value;
} SettingEdit;

static void
edit_setting (JsonObject *pair, gpointer data)
{
  SettingEdit *edit = data;

  put_or_remove (pair, edit->name, edit->value);
}

gboolean
liaison_mapping_model_set_setting (LiaisonMappingModel *self, const char *key, const char *name,
                                   const char *value, GError **error)
{
  SettingEdit edit = { name, value };
  g_autofree char *current = NULL;

  g_return_val_if_fail (name != NULL && g_strv_contains (setting_names, name), FALSE);
  if (liaison_mapping_model_index_of (self, key) < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _ ("There is no pair “%s”."), key);
      return FALSE;
    }
  current = liaison_mapping_model_dup_setting (self, key, name);
  if (g_strcmp0 (current, value != NULL && *value != '\0' ? value : NULL) == 0)
    return TRUE;
  return edit_pair (self, key, edit_setting, &edit, error);
}

char *
liaison_mapping_model_dup_setting (LiaisonMappingModel *self, const char *key, const char *name)
{
  int i = liaison_mapping_model_index_of (self, key);
  g_autoptr (JsonNode) all = NULL;

  if (i < 0)
    return NULL;
  return dup_member (pair_json (self, i, &all), name);
}
