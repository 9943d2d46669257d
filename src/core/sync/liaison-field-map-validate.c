/* liaison-field-map-validate.c: whether a field map can be saved: every field exists, the two
 * fields of a pair can hold each other's values in the directions it writes, and no field is
 * written by two pairs. Each refusal is a sentence naming the fields and what to do.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-field-map-private.h"
#include "liaison-lsq-json.h"

/* Set by HighLevel itself: never written (LeadSquared's: liaison_lsq_attribute_is_read_only). */
static const char *const ghl_read_only[] = {
  "id", "locationId", "dateAdded", "dateUpdated", "type", NULL,
};

LiaisonFieldDef *
liaison_field_defs_find (GPtrArray *defs, const char *name)
{
  for (guint i = 0; defs != NULL && name != NULL && i < defs->len; i++)
    {
      LiaisonFieldDef *def = g_ptr_array_index (defs, i);
      const char *key = liaison_field_def_get_key (def);

      if (g_strcmp0 (liaison_field_def_get_id (def), name) == 0 || g_strcmp0 (key, name) == 0)
        return def;
      /* HighLevel keys are "contact.<name>"; the short form names the same field. */
      if (key != NULL && g_str_has_prefix (key, "contact.") && g_str_equal (key + 8, name))
        return def;
    }
  return NULL;
}

static gboolean
part_exists (LiaisonSide side, const char *part, GPtrArray *defs)
{
  if (liaison_field_is_standard (side, part))
    return TRUE;
  if (defs == NULL)
    return TRUE; /* not known yet: checked when the definitions are */
  return liaison_field_defs_find (defs, part) != NULL;
}

static LiaisonFieldType
part_type (const LiaisonFieldPair *pair, LiaisonSide side, const char *part, GPtrArray *defs)
{
  LiaisonFieldDef *def = liaison_field_defs_find (defs, part);

  if (def != NULL && !liaison_field_is_standard (side, part))
    return liaison_field_def_get_data_type (def);
  return liaison_field_pair_type (pair, side, part);
}

typedef enum
{
  CLASS_TEXT,
  CLASS_NUMBER,
  CLASS_BOOLEAN,
  CLASS_DATE,
  CLASS_TIME,
  CLASS_SET,
  CLASS_FILE,
} TypeClass;

static TypeClass
type_class (LiaisonFieldType type)
{
  switch (type)
    {
      case LIAISON_FIELD_TYPE_NUMBER:
      case LIAISON_FIELD_TYPE_MONEY:
        return CLASS_NUMBER;
      case LIAISON_FIELD_TYPE_BOOLEAN:
        return CLASS_BOOLEAN;
      case LIAISON_FIELD_TYPE_DATE:
      case LIAISON_FIELD_TYPE_DATE_TIME:
        return CLASS_DATE;
      case LIAISON_FIELD_TYPE_TIME:
        return CLASS_TIME;
      case LIAISON_FIELD_TYPE_MULTIPLE_OPTIONS:
      case LIAISON_FIELD_TYPE_TEXT_LIST:
        return CLASS_SET;
      case LIAISON_FIELD_TYPE_FILE:
        return CLASS_FILE;
      default:
        return CLASS_TEXT;
    }
}

static const char *
class_name (TypeClass type)
{
  switch (type)
    {
      case CLASS_NUMBER:
        return _ ("numbers");
      case CLASS_BOOLEAN:
        return _ ("yes or no");
      case CLASS_DATE:
        return _ ("dates");
      case CLASS_TIME:
        return _ ("times of day");
      case CLASS_SET:
        return _ ("several options");
      case CLASS_FILE:
        return _ ("files");
      case CLASS_TEXT:
      default:
        return _ ("text");
    }
}

/* Whether values of source can always be written into target through the pair's transform. */
static gboolean
class_accepts (TypeClass target, TypeClass source, LiaisonTransform transform)
{
  if (target == CLASS_FILE || source == CLASS_FILE)
    return FALSE;
  if (transform == LIAISON_TRANSFORM_SET)
    return (target == CLASS_SET || target == CLASS_TEXT)
           && (source == CLASS_SET || source == CLASS_TEXT);
  if (transform == LIAISON_TRANSFORM_E164 || transform == LIAISON_TRANSFORM_NAME
      || transform == LIAISON_TRANSFORM_VALUES || transform == LIAISON_TRANSFORM_CASE
      || transform == LIAISON_TRANSFORM_TRIM)
    return target == CLASS_TEXT && source == CLASS_TEXT;
  if (transform == LIAISON_TRANSFORM_DATE)
    return (target == CLASS_DATE || target == CLASS_TEXT)
           && (source == CLASS_DATE || source == CLASS_TEXT);
  return target == source || target == CLASS_TEXT;
}

static void
refuse (GError **error, GString *sentences, LiaisonFieldMapError code, char *sentence)
{
  if (sentences->len == 0)
    g_set_error_literal (error, LIAISON_FIELD_MAP_ERROR, code, "");
  if (sentences->len > 0)
    g_string_append_c (sentences, '\n');
  g_string_append (sentences, sentence);
  g_free (sentence);
}

static void
check_shape (const LiaisonFieldPair *pair, GError **error, GString *sentences)
{
  guint n[2] = { g_strv_length (pair->parts[0]), g_strv_length (pair->parts[1]) };
  LiaisonValueKind kind = liaison_field_pair_kind (pair);

  for (guint s = 0; s < 2; s++)
    {
      if (n[s] == 1)
        continue;
      if (kind == LIAISON_VALUE_BOOLEAN)
        {
          for (guint i = 0; pair->parts[s][i] != NULL; i++)
            if (liaison_field_pair_type (pair, s, pair->parts[s][i]) != LIAISON_FIELD_TYPE_BOOLEAN)
              {
                refuse (error, sentences, LIAISON_FIELD_MAP_ERROR_TYPE_MISMATCH,
                        g_strdup_printf (_ ("The pair “%s” joins the %s fields “%s”, but “%s” is "
                                            "not a yes-or-no field; only such fields can be "
                                            "joined with “+”."),
                                         pair->key, liaison_side_name (s), pair->field[s],
                                         pair->parts[s][i]));
                return;
              }
          continue;
        }
      if (kind == LIAISON_VALUE_NAME && n[s] == 2 && pair->full != s)
        continue;
      refuse (error, sentences, LIAISON_FIELD_MAP_ERROR_INVALID,
              g_strdup_printf (_ ("The pair “%s” joins the %s fields “%s”; only yes-or-no "
                                  "fields, or a first and last name with the name transform, "
                                  "can be joined with “+”."),
                               pair->key, liaison_side_name (s), pair->field[s]));
      return;
    }
  if (kind == LIAISON_VALUE_NAME && (n[pair->full] != 1 || n[!pair->full] != 2))
    refuse (error, sentences, LIAISON_FIELD_MAP_ERROR_INVALID,
            g_strdup_printf (_ ("The name pair “%s” needs one full-name field on the %s side "
                                "and a first and a last name (“first+last”) on the other."),
                             pair->key, liaison_side_name (pair->full)));
}

static void
check_fields (const LiaisonFieldPair *pair, GPtrArray *defs[2], GError **error, GString *sentences)
{
  for (guint s = 0; s < 2; s++)
    for (guint i = 0; pair->parts[s][i] != NULL; i++)
      {
        const char *part = pair->parts[s][i];
        gboolean read_only = s == LIAISON_SERVICE_LSQ ? liaison_lsq_attribute_is_read_only (part)
                                                      : g_strv_contains (ghl_read_only, part);

        /* System fields exist everywhere, whether the definitions list them or not. */
        if (read_only)
          {
            if (liaison_field_pair_writes (pair, s))
              refuse (error, sentences, LIAISON_FIELD_MAP_ERROR_INVALID,
                      g_strdup_printf (_ ("The %s field “%s” of the pair “%s” is set by %s "
                                          "itself and cannot be written; make the pair one-way "
                                          "from it."),
                                       liaison_side_name (s), part, pair->key,
                                       liaison_side_name (s)));
          }
        else if (!part_exists (s, part, defs[s]))
          refuse (error, sentences, LIAISON_FIELD_MAP_ERROR_UNKNOWN_FIELD,
                  g_strdup_printf (_ ("The %s field “%s” of the pair “%s” does not exist (any "
                                      "more); pick another field or remove the pair."),
                                   liaison_side_name (s), part, pair->key));
      }
}

/* A single-choice picklist takes only its options: free text written into it would be refused
 * record by record. Only a value table (or a pair one-way from the picklist) can be trusted. */
static gboolean
check_picklist (const LiaisonFieldPair *pair, LiaisonFieldType types[2], GError **error,
                GString *sentences)
{
  if (pair->transform == LIAISON_TRANSFORM_VALUES)
    return TRUE;
  for (guint target = 0; target < 2; target++)
    {
      guint source = !target;

      if (!liaison_field_pair_writes (pair, target)
          || types[target] != LIAISON_FIELD_TYPE_SINGLE_OPTION
          || types[source] == LIAISON_FIELD_TYPE_SINGLE_OPTION)
        continue;
      refuse (error, sentences, LIAISON_FIELD_MAP_ERROR_TYPE_MISMATCH,
              g_strdup_printf (
                  /* Translators: e.g. The pair “source” would write the LeadSquared picklist
                   * “Source” from the HighLevel free-text field “source”... */
                  _ ("The pair “%s” would write the %s picklist “%s” from the %s free-text field "
                     "“%s”, and the picklist takes only its own options; give the pair a value "
                     "table (transform values), make it one-way from “%s”, or remove it."),
                  pair->key, liaison_side_name (target), pair->field[target],
                  liaison_side_name (source), pair->field[source], pair->field[target]));
      return FALSE;
    }
  return TRUE;
}

/* The field that holds the contact's user (its owner) on that side. */
static gboolean
is_user_field (LiaisonSide side, const char *const *parts)
{
  return parts[0] != NULL && parts[1] == NULL
         && g_strcmp0 (liaison_field_standard_property (side, parts[0]), "assigned-to") == 0;
}

/* The owner transform translates user ids through the users of both accounts: both fields must
 * hold a user, and a user field holds nothing else a person could read as text. */
static gboolean
check_owner (const LiaisonFieldPair *pair, GError **error, GString *sentences)
{
  gboolean users[2] = { is_user_field (LIAISON_SERVICE_LSQ, (const char *const *) pair->parts[0]),
                        is_user_field (LIAISON_SERVICE_GHL, (const char *const *) pair->parts[1]) };

  if (pair->transform == LIAISON_TRANSFORM_OWNER)
    {
      for (guint s = 0; s < 2; s++)
        if (!users[s])
          {
            refuse (error, sentences, LIAISON_FIELD_MAP_ERROR_TYPE_MISMATCH,
                    g_strdup_printf (
                        /* Translators: e.g. The pair “owner” uses the owner transform, but the
                         * HighLevel field “city” holds no user... */
                        _ ("The pair “%s” uses the owner transform, but the %s field “%s” holds "
                           "no user; the owner transform pairs LeadSquared’s “OwnerId” with "
                           "HighLevel’s “assignedTo” (pair “%s” with “%s” now)."),
                        pair->key, liaison_side_name (s), pair->field[s], pair->field[0],
                        pair->field[1]));
            return FALSE;
          }
      return TRUE;
    }
  for (guint s = 0; s < 2; s++)
    if (users[s])
      {
        refuse (error, sentences, LIAISON_FIELD_MAP_ERROR_TYPE_MISMATCH,
                g_strdup_printf (_ ("The pair “%s” joins the %s user field “%s” with “%s” "
                                    "without the owner transform, so user ids of one account "
                                    "would be written into the other; pair it with the other "
                                    "side’s user field and the owner transform, or remove it."),
                                 pair->key, liaison_side_name (s), pair->field[s],
                                 pair->field[!s]));
        return FALSE;
      }
  return TRUE;
}

static void
check_types (const LiaisonFieldPair *pair, GPtrArray *defs[2], GError **error, GString *sentences)
{
  TypeClass classes[2];
  LiaisonFieldType types[2];

  if (!check_owner (pair, error, sentences) || pair->transform == LIAISON_TRANSFORM_OWNER)
    return; /* user ids on both sides, translated through the users */
  for (guint s = 0; s < 2; s++)
    {
      types[s] = part_type (pair, s, pair->parts[s][0], defs[s]);
      classes[s] = type_class (types[s]);
      /* Joined flags are one flag; a joined name is text. */
      if (pair->parts[s][1] != NULL)
        {
          classes[s] = liaison_field_pair_kind (pair) == LIAISON_VALUE_BOOLEAN ? CLASS_BOOLEAN
                                                                               : CLASS_TEXT;
          types[s] = LIAISON_FIELD_TYPE_OTHER;
        }
    }
  for (guint target = 0; target < 2; target++)
    {
      guint source = !target;

      if (!liaison_field_pair_writes (pair, target)
          || class_accepts (classes[target], classes[source], pair->transform))
        continue;
      refuse (error, sentences, LIAISON_FIELD_MAP_ERROR_TYPE_MISMATCH,
              g_strdup_printf (
                  /* Translators: e.g. The pair “visits” cannot write HighLevel's field
                   * “contact.visits”, which holds numbers, from LeadSquared's “mx_Notes”,
                   * which holds text (transform none)... */
                  _ ("The pair “%s” cannot write the %s field “%s”, which holds %s, from the %s "
                     "field “%s”, which holds %s (transform %s); pick fields of the same kind, "
                     "another transform, or make the pair one-way."),
                  pair->key, liaison_side_name (target), pair->field[target],
                  class_name (classes[target]), liaison_side_name (source), pair->field[source],
                  class_name (classes[source]), liaison_transform_to_string (pair->transform)));
      return;
    }
  check_picklist (pair, types, error, sentences);
}

/* The field a part writes, comparable across pairs: a HighLevel custom field by its id. */
static char *
target_name (const LiaisonFieldPair *pair, LiaisonSide side, const char *part, GPtrArray *defs)
{
  if (side == LIAISON_SERVICE_GHL && !liaison_field_is_standard (side, part))
    {
      LiaisonFieldDef *def = liaison_field_defs_find (defs, part);

      if (def != NULL && liaison_field_def_get_id (def) != NULL)
        return g_strdup (liaison_field_def_get_id (def));
      return g_strdup (liaison_field_pair_custom_id (pair, part));
    }
  return g_strdup (part);
}

static void
check_targets (LiaisonFieldMap *self, GPtrArray *defs[2], GError **error, GString *sentences)
{
  for (guint s = 0; s < 2; s++)
    {
      g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < self->pairs->len; i++)
        {
          LiaisonFieldPair *pair = g_ptr_array_index (self->pairs, i);

          if (!liaison_field_pair_writes (pair, s))
            continue;
          for (guint k = 0; pair->parts[s][k] != NULL; k++)
            {
              char *name = target_name (pair, s, pair->parts[s][k], defs[s]);
              LiaisonFieldPair *other = g_hash_table_lookup (seen, name);

              if (other != NULL && other != pair)
                {
                  refuse (error, sentences, LIAISON_FIELD_MAP_ERROR_DUPLICATE_TARGET,
                          g_strdup_printf (_ ("The pairs “%s” and “%s” both write the %s field "
                                              "“%s”; remove one of them or make one one-way."),
                                           other->key, pair->key, liaison_side_name (s),
                                           pair->parts[s][k]));
                  g_free (name);
                }
              else
                g_hash_table_replace (seen, name, pair);
            }
        }
    }
}

gboolean
liaison_field_map_validate (LiaisonFieldMap *self, GPtrArray *lsq_field_defs,
                            GPtrArray *ghl_field_defs, GError **error)
{
  GPtrArray *defs[2] = { lsq_field_defs, ghl_field_defs };
  g_autoptr (GString) sentences = g_string_new (NULL);
  g_autoptr (GError) first = NULL;

  g_return_val_if_fail (LIAISON_IS_FIELD_MAP (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < self->pairs->len; i++)
    {
      LiaisonFieldPair *pair = g_ptr_array_index (self->pairs, i);
      guint before = sentences->len;

      check_shape (pair, &first, sentences);
      if (sentences->len == before)
        check_fields (pair, defs, &first, sentences);
      if (sentences->len == before)
        check_types (pair, defs, &first, sentences);
    }
  check_targets (self, defs, &first, sentences);

  if (first == NULL)
    return TRUE;
  /* Every refusal, one sentence a line; the code is the first one's. */
  g_set_error_literal (error, LIAISON_FIELD_MAP_ERROR, first->code, sentences->str);
  return FALSE;
}

/* Whether one pair passes the checks that concern it alone. */
static gboolean
pair_acceptable (const LiaisonFieldPair *pair, GPtrArray *defs[2])
{
  g_autoptr (GString) sentences = g_string_new (NULL);
  g_autoptr (GError) error = NULL;

  check_shape (pair, &error, sentences);
  if (sentences->len == 0)
    check_fields (pair, defs, &error, sentences);
  if (sentences->len == 0)
    check_types (pair, defs, &error, sentences);
  return sentences->len == 0;
}

/* Whether every field the pair names exists (as far as the definitions tell). */
static gboolean
pair_fields_exist (const LiaisonFieldPair *pair, GPtrArray *defs[2])
{
  for (guint s = 0; s < 2; s++)
    for (guint k = 0; pair->parts[s][k] != NULL; k++)
      if (!part_exists (s, pair->parts[s][k], defs[s]))
        return FALSE;
  return TRUE;
}

/* Removes the pairs keep() refuses; returns their keys. */
static char **
drop_pairs (LiaisonFieldMap *self, GPtrArray *lsq_field_defs, GPtrArray *ghl_field_defs,
            gboolean (*keep) (const LiaisonFieldPair *pair, GPtrArray *defs[2]))
{
  GPtrArray *defs[2] = { lsq_field_defs, ghl_field_defs };
  g_autoptr (GStrvBuilder) dropped = g_strv_builder_new ();

  for (guint i = self->pairs->len; i > 0; i--)
    {
      LiaisonFieldPair *pair = g_ptr_array_index (self->pairs, i - 1);

      if (keep (pair, defs))
        continue;
      g_strv_builder_add (dropped, pair->key);
      g_ptr_array_remove_index (self->pairs, i - 1);
    }
  return g_strv_builder_end (dropped);
}

char **
liaison_field_map_drop_refused (LiaisonFieldMap *self, GPtrArray *lsq_field_defs,
                                GPtrArray *ghl_field_defs)
{
  g_return_val_if_fail (LIAISON_IS_FIELD_MAP (self), NULL);
  return drop_pairs (self, lsq_field_defs, ghl_field_defs, pair_acceptable);
}

char **
liaison_field_map_drop_missing (LiaisonFieldMap *self, GPtrArray *lsq_field_defs,
                                GPtrArray *ghl_field_defs)
{
  g_return_val_if_fail (LIAISON_IS_FIELD_MAP (self), NULL);
  return drop_pairs (self, lsq_field_defs, ghl_field_defs, pair_fields_exist);
}
