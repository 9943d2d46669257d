/* field-map-test-util.h: contacts as the two services' readers make them, for the field map
 * tests.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-field-def.h"
#include "liaison-field-map.h"
#include "liaison-ghl-mapping.h"
#include "liaison-lsq-json.h"
#include "liaison-user.h"

/* A lead from LeadSquared's flat JSON, as GetById sends it (every value a string). */
static inline LiaisonContact *
lsq_contact (const char *json)
{
  g_autoptr (JsonNode) node = json_from_string (json, NULL);
  g_autoptr (GHashTable) types = liaison_lsq_field_types_new ();
  g_autoptr (GError) error = NULL;
  LiaisonContact *contact;

  g_assert_nonnull (node);
  contact = liaison_lsq_contact_from_json (node, types, &error);
  g_assert_no_error (error);
  return contact;
}

/* A contact from HighLevel's JSON (ContactSchema). */
static inline LiaisonContact *
ghl_contact (const char *json)
{
  g_autoptr (JsonNode) node = json_from_string (json, NULL);
  g_autoptr (GError) error = NULL;
  LiaisonContact *contact;

  g_assert_nonnull (node);
  contact = liaison_ghl_contact_from_json (json_node_get_object (node), &error);
  g_assert_no_error (error);
  return contact;
}

static inline LiaisonFieldDef *
field_def (const char *id, const char *key, LiaisonFieldType type, gboolean custom)
{
  LiaisonFieldDef *def = liaison_field_def_new ();

  liaison_field_def_set_id (def, id);
  liaison_field_def_set_key (def, key);
  liaison_field_def_set_name (def, key);
  liaison_field_def_set_data_type (def, type);
  liaison_field_def_set_is_custom (def, custom);
  return def;
}

static inline LiaisonUser *
user_new (const char *id, const char *email)
{
  LiaisonUser *user = liaison_user_new ();

  liaison_user_set_id (user, id);
  liaison_user_set_email (user, email);
  return user;
}

/* The map's JSON as compact text. */
static inline char *
node_text (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

/* A map made of the given pairs (a JSON array's text). */
static inline LiaisonFieldMap *
map_from_pairs (const char *pairs_json)
{
  g_autofree char *json = g_strdup_printf ("{\"version\": 1, \"pairs\": %s}", pairs_json);
  g_autoptr (JsonNode) node = json_from_string (json, NULL);
  g_autoptr (GError) error = NULL;
  LiaisonFieldMap *map;

  g_assert_nonnull (node);
  map = liaison_field_map_new_from_json (node, &error);
  g_assert_no_error (error);
  return map;
}

static inline char *
projected (LiaisonFieldMap *map, LiaisonSide side, LiaisonContact *contact, const char *key)
{
  g_autoptr (JsonObject) projection = liaison_field_map_project (map, side, contact);
  JsonNode *value = json_object_get_member (projection, key);

  g_assert_nonnull (value);
  return json_to_string (value, FALSE);
}

static inline char *
patch_text (LiaisonFieldMap *map, LiaisonSide side, const char *changes_json, GError **error)
{
  g_autoptr (JsonNode) changes = json_from_string (changes_json, NULL);
  g_autoptr (JsonNode) body = NULL;

  g_assert_nonnull (changes);
  body = liaison_field_map_build_patch (map, side, json_node_get_object (changes), error);
  return body != NULL ? json_to_string (body, FALSE) : NULL;
}
