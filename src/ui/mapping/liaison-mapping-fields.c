/* liaison-mapping-fields.c: names for the Field Mapping page (see liaison-mapping-fields.h).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "liaison-mapping-fields.h"

/* HighLevel's contact members that a map may name (UpdateContactDto); its API lists custom
 * fields only, so these are offered from here. */
static const struct
{
  const char *name;
  const char *label;
  LiaisonFieldType type;
} ghl_members[] = {
  { "firstName", N_ ("First Name"), LIAISON_FIELD_TYPE_TEXT },
  { "lastName", N_ ("Last Name"), LIAISON_FIELD_TYPE_TEXT },
  { "name", N_ ("Full Name"), LIAISON_FIELD_TYPE_TEXT },
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
  { "source", N_ ("Source"), LIAISON_FIELD_TYPE_TEXT },
  { "assignedTo", N_ ("Assigned User"), LIAISON_FIELD_TYPE_OTHER },
  { "dateOfBirth", N_ ("Date of Birth"), LIAISON_FIELD_TYPE_DATE },
  { "dnd", N_ ("Do Not Disturb"), LIAISON_FIELD_TYPE_BOOLEAN },
  { "tags", N_ ("Tags"), LIAISON_FIELD_TYPE_TEXT_LIST },
};

static const char *
ghl_member_label (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (ghl_members); i++)
    if (g_str_equal (ghl_members[i].name, name))
      return _ (ghl_members[i].label);
  return NULL;
}

static LiaisonFieldDef *
find_def (GPtrArray *defs, const char *name)
{
  for (guint i = 0; defs != NULL && i < defs->len; i++)
    {
      LiaisonFieldDef *def = g_ptr_array_index (defs, i);
      const char *key = liaison_field_def_get_key (def);

      if (g_strcmp0 (liaison_field_def_get_id (def), name) == 0 || g_strcmp0 (key, name) == 0
          || (key != NULL && g_str_has_prefix (key, "contact.") && g_str_equal (key + 8, name)))
        return def;
    }
  return NULL;
}

char *
liaison_mapping_field_label (LiaisonSide side, const char *field, GPtrArray *defs)
{
  g_auto (GStrv) parts = NULL;
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  if (field == NULL)
    return g_strdup ("");
  parts = g_strsplit (field, "+", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      LiaisonFieldDef *def = find_def (defs, parts[i]);
      const char *label = NULL;

      if (def != NULL && liaison_field_def_get_name (def) != NULL)
        label = liaison_field_def_get_name (def);
      else if (side == LIAISON_SERVICE_GHL)
        label = ghl_member_label (parts[i]);
      g_ptr_array_add (labels, g_strdup (label != NULL ? label : parts[i]));
    }
  g_ptr_array_add (labels, NULL);
  return g_strjoinv (" + ", (char **) labels->pdata);
}

static int
compare_by_name (gconstpointer a, gconstpointer b)
{
  LiaisonFieldDef *da = *(LiaisonFieldDef **) a;
  LiaisonFieldDef *db = *(LiaisonFieldDef **) b;

  return g_utf8_collate (liaison_field_def_get_name (da) ?: "",
                         liaison_field_def_get_name (db) ?: "");
}

GPtrArray *
liaison_mapping_field_choices (LiaisonSide side, GPtrArray *defs)
{
  GPtrArray *choices = g_ptr_array_new_with_free_func (g_object_unref);

  if (side == LIAISON_SERVICE_GHL)
    for (guint i = 0; i < G_N_ELEMENTS (ghl_members); i++)
      {
        LiaisonFieldDef *def = liaison_field_def_new ();

        liaison_field_def_set_id (def, ghl_members[i].name);
        liaison_field_def_set_key (def, ghl_members[i].name);
        liaison_field_def_set_name (def, _ (ghl_members[i].label));
        liaison_field_def_set_data_type (def, ghl_members[i].type);
        g_ptr_array_add (choices, def);
      }
  for (guint i = 0; defs != NULL && i < defs->len; i++)
    g_ptr_array_add (choices, g_object_ref (g_ptr_array_index (defs, i)));
  g_ptr_array_sort (choices, compare_by_name);
  return choices;
}

const char *
liaison_mapping_field_name (LiaisonSide side, LiaisonFieldDef *def)
{
  if (side == LIAISON_SERVICE_GHL && liaison_field_def_get_is_custom (def))
    return liaison_field_def_get_id (def);
  return liaison_field_def_get_key (def) ?: liaison_field_def_get_id (def);
}

const char *
liaison_mapping_direction_label (LiaisonSyncDirection direction)
{
  switch (direction)
    {
      case LIAISON_SYNC_TO_GHL:
        return _ ("LeadSquared to HighLevel");
      case LIAISON_SYNC_TO_LSQ:
        return _ ("HighLevel to LeadSquared");
      case LIAISON_SYNC_BOTH:
      default:
        return _ ("Both ways");
    }
}

const char *
liaison_mapping_direction_symbol (LiaisonSyncDirection direction)
{
  switch (direction)
    {
      case LIAISON_SYNC_TO_GHL:
        return "→";
      case LIAISON_SYNC_TO_LSQ:
        return "←";
      case LIAISON_SYNC_BOTH:
      default:
        return "⇄";
    }
}

const char *
liaison_mapping_policy_label (LiaisonConflictPolicy policy)
{
  switch (policy)
    {
      case LIAISON_POLICY_LSQ_WINS:
        return _ ("LeadSquared wins");
      case LIAISON_POLICY_GHL_WINS:
        return _ ("HighLevel wins");
      case LIAISON_POLICY_NEWEST_WINS:
        return _ ("Newest change wins");
      case LIAISON_POLICY_ASK:
      default:
        return _ ("Ask me");
    }
}

const char *
liaison_mapping_transform_label (LiaisonTransform transform)
{
  switch (transform)
    {
      case LIAISON_TRANSFORM_TRIM:
        return _ ("Spaces tidied");
      case LIAISON_TRANSFORM_CASE:
        return _ ("Letter case");
      case LIAISON_TRANSFORM_E164:
        return _ ("Phone number (E.164)");
      case LIAISON_TRANSFORM_DATE:
        return _ ("Date");
      case LIAISON_TRANSFORM_VALUES:
        return _ ("Option table");
      case LIAISON_TRANSFORM_NAME:
        return _ ("Full name split");
      case LIAISON_TRANSFORM_SET:
        return _ ("Set of options");
      case LIAISON_TRANSFORM_OWNER:
        return _ ("Owner by email");
      case LIAISON_TRANSFORM_NONE:
      default:
        return _ ("As is");
    }
}

const char *
liaison_mapping_side_name (LiaisonSide side)
{
  return side == LIAISON_SERVICE_LSQ ? _ ("LeadSquared") : _ ("HighLevel");
}
