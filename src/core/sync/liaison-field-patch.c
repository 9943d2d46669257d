/* liaison-field-patch.c: canonical values back into each service's own write form, only the
 * fields asked for: a HighLevel contact object (UpdateContactDto / CreateContactDto members,
 * custom fields as {"id", "field_value"}) or a LeadSquared attribute list, whose values are
 * all text ("1"/"0" flags, "YYYY-MM-DD HH:MM:SS" UTC times, "" to clear).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-field-map-private.h"
#include "liaison-json.h"
#include "liaison-normalize.h"
#include "liaison-user.h"

/* The body being built: HighLevel members and custom fields, or LeadSquared pairs. */
typedef struct
{
  LiaisonSide side;
  JsonObject *ghl;
  JsonArray *custom;
  JsonArray *lsq;
} Body;

static void
body_init (Body *body, LiaisonSide side)
{
  body->side = side;
  body->ghl = json_object_new ();
  body->custom = json_array_new ();
  body->lsq = json_array_new ();
}

static JsonNode *
body_finish (Body *body)
{
  JsonNode *node;

  if (body->side == LIAISON_SERVICE_GHL)
    {
      node = json_node_new (JSON_NODE_OBJECT);
      if (json_array_get_length (body->custom) > 0)
        json_object_set_array_member (body->ghl, "customFields", json_array_ref (body->custom));
      json_node_set_object (node, body->ghl);
    }
  else
    {
      node = json_node_new (JSON_NODE_ARRAY);
      json_node_set_array (node, body->lsq);
    }
  json_object_unref (body->ghl);
  json_array_unref (body->custom);
  json_array_unref (body->lsq);
  return node;
}

static void
body_put (Body *body, const LiaisonFieldPair *pair, const char *part, JsonNode *value)
{
  if (body->side == LIAISON_SERVICE_LSQ)
    {
      JsonObject *attribute = json_object_new ();

      json_object_set_string_member (attribute, "Attribute", part);
      json_object_set_member (attribute, "Value", value);
      json_array_add_object_element (body->lsq, attribute);
    }
  else if (liaison_field_is_standard (LIAISON_SERVICE_GHL, part))
    json_object_set_member (body->ghl, part, value);
  else
    {
      JsonObject *field = json_object_new ();

      json_object_set_string_member (field, "id", liaison_field_pair_custom_id (pair, part));
      json_object_set_member (field, "field_value", value);
      json_array_add_object_element (body->custom, field);
    }
}

static JsonNode *
text_node (const char *text)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);
  return node;
}

/* An empty value: "" clears a LeadSquared field, null a HighLevel one (an empty list for
 * tags). */
static JsonNode *
empty_node (LiaisonSide side, const char *part)
{
  if (side == LIAISON_SERVICE_LSQ)
    return text_node ("");
  if (g_strcmp0 (part, "tags") == 0)
    {
      JsonNode *node = json_node_new (JSON_NODE_ARRAY);

      json_node_take_array (node, json_array_new ());
      return node;
    }
  return json_node_new (JSON_NODE_NULL);
}

static gboolean
unmappable (GError **error, const LiaisonFieldPair *pair, LiaisonSide side, const char *part,
            const char *why)
{
  g_set_error (error, LIAISON_FIELD_MAP_ERROR, LIAISON_FIELD_MAP_ERROR_UNMAPPABLE,
               /* Translators: e.g. The value of “owner” cannot be written to the HighLevel
                * field “assignedTo”: no HighLevel user has the e-mail address ... */
               _ ("The value of “%s” cannot be written to the %s field “%s”: %s"), pair->key,
               liaison_side_name (side), part, why);
  return FALSE;
}

/* A set member written as the field's own option (canonical values are case-folded). */
static const char *
option_for (const LiaisonFieldPair *pair, LiaisonSide side, const char *item)
{
  for (guint i = 0; pair->options[side] != NULL && pair->options[side][i] != NULL; i++)
    {
      g_autofree char *text = liaison_field_canonical_text (pair->options[side][i], TRUE);
      g_autofree char *folded = text != NULL ? g_utf8_casefold (text, -1) : NULL;
      g_autofree char *nfc = folded != NULL ? g_utf8_normalize (folded, -1, G_NORMALIZE_NFC) : NULL;

      if (g_strcmp0 (nfc, item) == 0)
        return pair->options[side][i];
    }
  return item;
}

static gboolean
put_set (Body *body, const LiaisonFieldPair *pair, const char *part, JsonNode *value,
         GError **error)
{
  LiaisonFieldType type = liaison_field_pair_type (pair, body->side, part);
  gboolean as_list
      = type == LIAISON_FIELD_TYPE_MULTIPLE_OPTIONS || type == LIAISON_FIELD_TYPE_TEXT_LIST;
  g_autoptr (GPtrArray) items = g_ptr_array_new ();
  JsonArray *array;

  if (JSON_NODE_HOLDS_NULL (value))
    {
      body_put (body, pair, part, empty_node (body->side, part));
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (value))
    return unmappable (error, pair, body->side, part, _ ("it is not a list of options."));
  array = json_node_get_array (value);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *item = json_array_get_string_element (array, i);

      if (item != NULL)
        g_ptr_array_add (items, (gpointer) option_for (pair, body->side, item));
    }
  if (body->side == LIAISON_SERVICE_GHL && as_list)
    {
      JsonArray *out = json_array_new ();
      JsonNode *node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < items->len; i++)
        json_array_add_string_element (out, items->pdata[i]);
      json_node_take_array (node, out);
      body_put (body, pair, part, node);
    }
  else
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (items, NULL);
      joined = g_strjoinv (pair->separator != NULL ? pair->separator : ";", (char **) items->pdata);
      body_put (body, pair, part, text_node (joined));
    }
  return TRUE;
}

static gboolean
put_owner (Body *body, LiaisonFieldMap *self, const LiaisonFieldPair *pair, const char *part,
           const char *owner, GError **error)
{
  const char *prefix = liaison_service_to_string (body->side);
  GPtrArray *users = self->users[body->side];
  g_autofree char *why = NULL;

  if (g_str_has_prefix (owner, prefix) && owner[strlen (prefix)] == ':')
    {
      body_put (body, pair, part, text_node (owner + strlen (prefix) + 1));
      return TRUE;
    }
  if (strchr (owner, '@') == NULL)
    {
      /* Another side's user that has no e-mail address to match by. */
      why = g_strdup_printf (_ ("the owner “%s” has no e-mail address to find the same user "
                                "by; give that user an e-mail address at both services."),
                             owner);
      return unmappable (error, pair, body->side, part, why);
    }
  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      LiaisonUser *user = g_ptr_array_index (users, i);
      g_autofree char *email = liaison_normalize_email (liaison_user_get_email (user));

      if (g_strcmp0 (email, owner) == 0 && liaison_user_get_id (user) != NULL)
        {
          body_put (body, pair, part, text_node (liaison_user_get_id (user)));
          return TRUE;
        }
    }
  why = g_strdup_printf (_ ("no %s user has the e-mail address %s; add that user, or change "
                            "the owner."),
                         liaison_side_name (body->side), owner);
  return unmappable (error, pair, body->side, part, why);
}

static gboolean
put_boolean (Body *body, const LiaisonFieldPair *pair, const char *part, const char *text,
             GError **error)
{
  gboolean flag = FALSE;

  if (text != NULL && !liaison_field_parse_boolean (text, &flag))
    {
      g_autofree char *why = g_strdup_printf (_ ("“%s” is not yes or no."), text);
      return unmappable (error, pair, body->side, part, why);
    }
  if (body->side == LIAISON_SERVICE_LSQ)
    body_put (body, pair, part, text_node (flag ? "1" : "0"));
  else if (g_str_equal (part, "dnd"))
    {
      JsonNode *node = json_node_new (JSON_NODE_VALUE);

      json_node_set_boolean (node, flag);
      body_put (body, pair, part, node);
    }
  else
    body_put (body, pair, part, text_node (flag ? "true" : "false"));
  return TRUE;
}

static gboolean
put_number (Body *body, const LiaisonFieldPair *pair, const char *part, const char *text,
            GError **error)
{
  LiaisonFieldType type = liaison_field_pair_type (pair, body->side, part);
  gboolean numeric = type == LIAISON_FIELD_TYPE_NUMBER || type == LIAISON_FIELD_TYPE_MONEY;
  char *end = NULL;
  double number = g_ascii_strtod (text, &end);

  if (end == NULL || *end != '\0' || end == text)
    {
      g_autofree char *why = NULL;

      if (!numeric)
        {
          body_put (body, pair, part, text_node (text));
          return TRUE;
        }
      why = g_strdup_printf (_ ("“%s” is not a number."), text);
      return unmappable (error, pair, body->side, part, why);
    }
  if (body->side == LIAISON_SERVICE_GHL && numeric)
    {
      JsonNode *node = json_node_new (JSON_NODE_VALUE);

      if (number == (double) (gint64) number && number > -1e15 && number < 1e15)
        json_node_set_int (node, (gint64) number);
      else
        json_node_set_double (node, number);
      body_put (body, pair, part, node);
    }
  else
    body_put (body, pair, part, text_node (text));
  return TRUE;
}

static void
put_time (Body *body, const LiaisonFieldPair *pair, const char *part, const char *text,
          gboolean with_time)
{
  LiaisonFieldType type = liaison_field_pair_type (pair, body->side, part);
  g_autoptr (GDateTime) time = NULL;

  if (with_time)
    time = liaison_json_parse_time (text);
  else if (strlen (text) == 10)
    {
      g_autofree char *midnight = g_strconcat (text, "T00:00:00Z", NULL);
      time = liaison_json_parse_time (midnight);
    }
  if (time == NULL)
    {
      body_put (body, pair, part, text_node (text)); /* kept as text: written as it is */
      return;
    }
  if (type == LIAISON_FIELD_TYPE_DATE || !with_time)
    {
      g_autofree char *date = g_date_time_format (time, "%Y-%m-%d");

      if (body->side == LIAISON_SERVICE_LSQ && type == LIAISON_FIELD_TYPE_DATE_TIME)
        {
          g_autofree char *full = g_strconcat (date, " 00:00:00", NULL);
          body_put (body, pair, part, text_node (full));
        }
      else
        body_put (body, pair, part, text_node (date));
    }
  else if (body->side == LIAISON_SERVICE_LSQ)
    {
      g_autofree char *lsq = g_date_time_format (time, "%Y-%m-%d %H:%M:%S");
      body_put (body, pair, part, text_node (lsq));
    }
  else
    body_put (body, pair, part, text_node (text));
}

/* The LeadSquared option a canonical (HighLevel) option came from. */
static const char *
value_for_lsq (const LiaisonFieldPair *pair, const char *canonical)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (pair->values == NULL)
    return canonical;
  json_object_iter_init (&iter, pair->values);
  while (json_object_iter_next (&iter, &name, &value))
    {
      g_autofree char *option = liaison_field_canonical_text (json_node_get_string (value), FALSE);

      if (g_strcmp0 (option, canonical) == 0)
        return name;
    }
  return canonical;
}

static gboolean
put_value (Body *body, LiaisonFieldMap *self, const LiaisonFieldPair *pair, JsonNode *value,
           GError **error)
{
  LiaisonSide side = body->side;
  char **parts = pair->parts[side];
  LiaisonValueKind kind = liaison_field_pair_kind (pair);
  const char *text = NULL;

  if (kind == LIAISON_VALUE_SET)
    return put_set (body, pair, parts[0], value, error);
  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    text = json_node_get_string (value);
  else if (!JSON_NODE_HOLDS_NULL (value))
    return unmappable (error, pair, side, pair->field[side], _ ("it is not a canonical value."));

  if (kind == LIAISON_VALUE_BOOLEAN)
    {
      for (guint i = 0; parts[i] != NULL; i++)
        if (!put_boolean (body, pair, parts[i], text, error))
          return FALSE;
      return TRUE;
    }
  if (kind == LIAISON_VALUE_NAME && parts[1] != NULL)
    {
      /* "Ada King Lovelace": the last word is the last name, the rest the first. */
      const char *space = text != NULL ? strrchr (text, ' ') : NULL;
      g_autofree char *first = NULL;

      if (text == NULL)
        {
          body_put (body, pair, parts[0], empty_node (side, parts[0]));
          body_put (body, pair, parts[1], empty_node (side, parts[1]));
          return TRUE;
        }
      first = space != NULL ? g_strndup (text, space - text) : g_strdup (text);
      body_put (body, pair, parts[0], text_node (first));
      body_put (body, pair, parts[1],
                space != NULL ? text_node (space + 1) : empty_node (side, parts[1]));
      return TRUE;
    }
  if (text == NULL)
    {
      body_put (body, pair, parts[0], empty_node (side, parts[0]));
      return TRUE;
    }
  switch (kind)
    {
      case LIAISON_VALUE_OWNER:
        return put_owner (body, self, pair, parts[0], text, error);
      case LIAISON_VALUE_NUMBER:
        return put_number (body, pair, parts[0], text, error);
      case LIAISON_VALUE_DATE:
      case LIAISON_VALUE_DATE_TIME:
        put_time (body, pair, parts[0], text, kind == LIAISON_VALUE_DATE_TIME);
        return TRUE;
      default:
        if (pair->transform == LIAISON_TRANSFORM_VALUES && side == LIAISON_SERVICE_LSQ)
          text = value_for_lsq (pair, text);
        body_put (body, pair, parts[0], text_node (text));
        return TRUE;
    }
}

gboolean
liaison_field_map_can_update (LiaisonFieldMap *self, guint i, LiaisonSide side)
{
  LiaisonFieldPair *pair;

  g_return_val_if_fail (LIAISON_IS_FIELD_MAP (self), FALSE);
  g_return_val_if_fail (i < self->pairs->len, FALSE);
  pair = g_ptr_array_index (self->pairs, i);
  if (side != LIAISON_SERVICE_GHL)
    return TRUE;
  return !g_strv_contains ((const char *const *) pair->parts[side], "companyName");
}

JsonNode *
liaison_field_map_build_patch (LiaisonFieldMap *self, LiaisonSide side, JsonObject *changes,
                               GError **error)
{
  g_autoptr (GList) members = NULL;
  Body body;

  g_return_val_if_fail (LIAISON_IS_FIELD_MAP (self), NULL);
  g_return_val_if_fail (side == LIAISON_SERVICE_LSQ || side == LIAISON_SERVICE_GHL, NULL);
  g_return_val_if_fail (changes != NULL, NULL);

  members = json_object_get_members (changes);
  for (GList *l = members; l != NULL; l = l->next)
    {
      int index = liaison_field_map_find (self, l->data);
      LiaisonFieldPair *pair = index >= 0 ? g_ptr_array_index (self->pairs, index) : NULL;

      if (pair == NULL)
        {
          g_set_error (error, LIAISON_FIELD_MAP_ERROR, LIAISON_FIELD_MAP_ERROR_INVALID,
                       _ ("The field map has no pair “%s”."), (char *) l->data);
          return NULL;
        }
      if (!liaison_field_pair_writes (pair, side))
        {
          g_set_error (error, LIAISON_FIELD_MAP_ERROR, LIAISON_FIELD_MAP_ERROR_INVALID,
                       _ ("The pair “%s” does not write to %s (its direction is %s)."), pair->key,
                       liaison_side_name (side),
                       liaison_sync_direction_to_string (pair->direction));
          return NULL;
        }
      if (!liaison_field_map_can_update (self, index, side))
        {
          g_set_error (error, LIAISON_FIELD_MAP_ERROR, LIAISON_FIELD_MAP_ERROR_UNMAPPABLE,
                       _ ("The value of “%s” cannot be written to the %s field “%s”: %s takes it "
                          "only when a contact is created."),
                       pair->key, liaison_side_name (side), pair->field[side],
                       liaison_side_name (side));
          return NULL;
        }
    }

  body_init (&body, side);
  /* In the map's order, so that the same changes always give the same bytes. */
  for (guint i = 0; i < self->pairs->len; i++)
    {
      LiaisonFieldPair *pair = g_ptr_array_index (self->pairs, i);
      JsonNode *value = json_object_get_member (changes, pair->key);

      if (value != NULL && !put_value (&body, self, pair, value, error))
        {
          json_node_unref (body_finish (&body));
          return NULL;
        }
    }
  return body_finish (&body);
}

JsonNode *
liaison_field_map_build_create (LiaisonFieldMap *self, LiaisonSide side, JsonObject *projection,
                                char ***skipped, GError **error)
{
  g_autoptr (GStrvBuilder) left_out = g_strv_builder_new ();
  Body body;

  g_return_val_if_fail (LIAISON_IS_FIELD_MAP (self), NULL);
  g_return_val_if_fail (side == LIAISON_SERVICE_LSQ || side == LIAISON_SERVICE_GHL, NULL);
  g_return_val_if_fail (projection != NULL, NULL);

  body_init (&body, side);
  for (guint i = 0; i < self->pairs->len; i++)
    {
      LiaisonFieldPair *pair = g_ptr_array_index (self->pairs, i);
      JsonNode *value = json_object_get_member (projection, pair->key);
      g_autoptr (GError) local = NULL;
      Body one;

      if (value == NULL || JSON_NODE_HOLDS_NULL (value) || !liaison_field_pair_writes (pair, side))
        continue;
      /* Each value on its own first, so that one the side cannot take is only left out. */
      body_init (&one, side);
      if (!put_value (&one, self, pair, value, &local))
        {
          g_debug ("Leaving %s out of a create: %s", pair->key, local->message);
          g_strv_builder_add (left_out, pair->key);
          json_node_unref (body_finish (&one));
          continue;
        }
      json_node_unref (body_finish (&one));
      if (!put_value (&body, self, pair, value, error))
        {
          json_node_unref (body_finish (&body));
          return NULL;
        }
    }
  if (skipped != NULL)
    *skipped = g_strv_builder_end (left_out);
  return body_finish (&body);
}
