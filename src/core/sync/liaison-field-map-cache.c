/* liaison-field-map-cache.c: a field map's knowledge of the connections, from the store's cache:
 * field definitions and users, in the JSON form LiaisonRefresher writes them in.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include "liaison-field-map-cache.h"
#include "liaison-field-def.h"
#include "liaison-json.h"
#include "liaison-store-sync.h"
#include "liaison-user.h"

/* {"id", "key", "name", "dataType": LiaisonFieldType nick}. */
static LiaisonFieldDef *
field_def_from_cache (JsonObject *object)
{
  g_autoptr (GEnumClass) types = g_type_class_ref (LIAISON_TYPE_FIELD_TYPE);
  const char *id = liaison_json_get_string (object, "id");
  const char *nick = liaison_json_get_string (object, "dataType");
  GEnumValue *type = nick != NULL ? g_enum_get_value_by_nick (types, nick) : NULL;
  g_auto (GStrv) options = liaison_json_dup_strv (object, "options");
  LiaisonFieldDef *def;

  if (id == NULL || *id == '\0')
    return NULL;
  def = liaison_field_def_new ();
  liaison_field_def_set_id (def, id);
  liaison_field_def_set_key (def, liaison_json_get_string (object, "key"));
  liaison_field_def_set_name (def, liaison_json_get_string (object, "name"));
  liaison_field_def_set_data_type (def, type != NULL ? (LiaisonFieldType) type->value
                                                     : LIAISON_FIELD_TYPE_OTHER);
  if (options != NULL && options[0] != NULL)
    liaison_field_def_set_options (def, (const char *const *) options);
  return def;
}

/* {"id", "name", "email", "role"}. */
static LiaisonUser *
user_from_cache (JsonObject *object)
{
  const char *id = liaison_json_get_string (object, "id");
  LiaisonUser *user;

  if (id == NULL || *id == '\0')
    return NULL;
  user = liaison_user_new ();
  liaison_user_set_id (user, id);
  liaison_user_set_name (user, liaison_json_get_string (object, "name"));
  liaison_user_set_email (user, liaison_json_get_string (object, "email"));
  liaison_user_set_role (user, liaison_json_get_string (object, "role"));
  return user;
}

static GPtrArray *
read_kind (LiaisonStore *store, const char *connection_id, LiaisonRecordKind kind, GError **error)
{
  g_autoptr (GPtrArray) raw = liaison_store_list_raw (store, connection_id, kind, error);

  if (raw == NULL)
    return NULL;
  return liaison_field_map_parse_cache (raw, kind);
}

GPtrArray *
liaison_field_map_parse_cache (GPtrArray *raw, LiaisonRecordKind kind)
{
  GPtrArray *out;

  out = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < raw->len; i++)
    {
      g_autoptr (JsonNode) node = json_from_string (raw->pdata[i], NULL);
      gpointer item;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;
      item = kind == LIAISON_RECORD_FIELD
                 ? (gpointer) field_def_from_cache (json_node_get_object (node))
                 : (gpointer) user_from_cache (json_node_get_object (node));
      if (item != NULL)
        g_ptr_array_add (out, item);
    }
  return out;
}

gboolean
liaison_field_map_read_cache (LiaisonStore *store, const char *connection_id,
                              GPtrArray **field_defs, GPtrArray **users, GError **error)
{
  g_autoptr (GPtrArray) defs = NULL;
  g_autoptr (GPtrArray) people = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);
  g_return_val_if_fail (connection_id != NULL, FALSE);
  if (field_defs != NULL)
    {
      defs = read_kind (store, connection_id, LIAISON_RECORD_FIELD, error);
      if (defs == NULL)
        return FALSE;
    }
  if (users != NULL)
    {
      people = read_kind (store, connection_id, LIAISON_RECORD_USER, error);
      if (people == NULL)
        return FALSE;
    }
  if (field_defs != NULL)
    *field_defs = g_steal_pointer (&defs);
  if (users != NULL)
    *users = g_steal_pointer (&people);
  return TRUE;
}

LiaisonFieldMap *
liaison_field_map_new_for_profile (const char *json, LiaisonStore *store,
                                   const char *lsq_connection, const char *ghl_connection,
                                   GError **error)
{
  g_autoptr (GPtrArray) lsq_defs = NULL;
  g_autoptr (GPtrArray) ghl_defs = NULL;
  g_autoptr (GPtrArray) lsq_users = NULL;
  g_autoptr (GPtrArray) ghl_users = NULL;
  g_autofree char *region = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  if (lsq_connection != NULL
      && !liaison_field_map_read_cache (store, lsq_connection, &lsq_defs, &lsq_users, error))
    return NULL;
  if (ghl_connection != NULL
      && !liaison_field_map_read_cache (store, ghl_connection, &ghl_defs, &ghl_users, error))
    return NULL;
  region = liaison_store_dup_default_region (store);
  return liaison_field_map_new_for_accounts (json, lsq_defs, lsq_users, ghl_defs, ghl_users, region,
                                             error);
}

LiaisonFieldMap *
liaison_field_map_new_for_accounts (const char *json, GPtrArray *lsq_defs, GPtrArray *lsq_users,
                                    GPtrArray *ghl_defs, GPtrArray *ghl_users, const char *region,
                                    GError **error)
{
  g_autoptr (LiaisonFieldMap) map = NULL;

  if (json != NULL)
    {
      g_autoptr (JsonNode) node = NULL;
      g_autoptr (GError) parse_error = NULL;

      node = json_from_string (json, &parse_error);
      if (node == NULL)
        {
          g_set_error (error, LIAISON_FIELD_MAP_ERROR, LIAISON_FIELD_MAP_ERROR_INVALID,
                       "The saved field map is not JSON (%s)", parse_error->message);
          return NULL;
        }
      map = liaison_field_map_new_from_json (node, error);
      if (map == NULL)
        return NULL;
    }
  else
    map = liaison_field_map_new_default ();

  /* An account whose fields were never read tells nothing about what it lacks. */
  if (lsq_defs != NULL && lsq_defs->len == 0)
    lsq_defs = NULL;
  if (ghl_defs != NULL && ghl_defs->len == 0)
    ghl_defs = NULL;

  if (json == NULL)
    {
      g_auto (GStrv) dropped = liaison_field_map_drop_missing (map, lsq_defs, ghl_defs);

      for (guint i = 0; dropped[i] != NULL; i++)
        g_debug ("The default pair %s is left out: a field it names is not in the account",
                 dropped[i]);
    }
  liaison_field_map_set_field_defs (map, lsq_defs, ghl_defs);
  if (json == NULL)
    {
      /* The accounts' types: a default pair they make invalid (a picklist where the defaults
       * expect text...) is left out, so that the defaults always validate. */
      g_auto (GStrv) refused = liaison_field_map_drop_refused (map, lsq_defs, ghl_defs);

      for (guint i = 0; refused[i] != NULL; i++)
        g_debug ("The default pair %s is left out: the accounts' field types refuse it",
                 refused[i]);
    }
  liaison_field_map_set_users (map, lsq_users, ghl_users);
  liaison_field_map_set_default_region (map, region);
  return g_steal_pointer (&map);
}
