/* liaison-user-codec.c: a user as one JSON object: what the contacts' owner column and, later,
 * the mapping of owners between the services need.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-codec"

#include "liaison-codec-private.h"
#include "liaison-json.h"
#include "liaison-user-codec.h"

LiaisonStoreRecord *
liaison_user_codec_to_record (LiaisonUser *user)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *raw = NULL;
  LiaisonStoreRecord *record;

  g_return_val_if_fail (LIAISON_IS_USER (user), NULL);
  if (liaison_user_get_id (user) == NULL)
    return NULL;

  json_builder_begin_object (builder);
  liaison_codec_put_string (builder, "id", liaison_user_get_id (user));
  liaison_codec_put_string (builder, "name", liaison_user_get_name (user));
  liaison_codec_put_string (builder, "email", liaison_user_get_email (user));
  liaison_codec_put_string (builder, "role", liaison_user_get_role (user));
  raw = liaison_codec_finish (builder);

  record = liaison_store_record_new (LIAISON_RECORD_USER, liaison_user_get_id (user), raw);
  record->display_name = g_strdup (liaison_user_get_name (user));
  record->email = g_strdup (liaison_user_get_email (user));
  return record;
}

LiaisonUser *
liaison_user_codec_from_json (const char *raw, GError **error)
{
  g_autoptr (JsonNode) keep = NULL;
  JsonObject *object = liaison_codec_parse (raw, "user", &keep, error);
  LiaisonUser *user;

  if (object == NULL)
    return NULL;
  user = liaison_user_new ();
  liaison_user_set_id (user, liaison_json_get_string (object, "id"));
  liaison_user_set_name (user, liaison_json_get_string (object, "name"));
  liaison_user_set_email (user, liaison_json_get_string (object, "email"));
  liaison_user_set_role (user, liaison_json_get_string (object, "role"));
  return user;
}
