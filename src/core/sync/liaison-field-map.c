/* liaison-field-map.c: LiaisonFieldMap, its pairs, its defaults and its stored JSON form.
 * Canonical values are in liaison-field-values.c, validation in liaison-field-map-validate.c,
 * partial updates in liaison-field-patch.c.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-field-map-private.h"
#include "liaison-user.h"

/* clang-format off */
G_DEFINE_QUARK (liaison-field-map-error-quark, liaison_field_map_error)
/* clang-format on */
G_DEFINE_FINAL_TYPE (LiaisonFieldMap, liaison_field_map, G_TYPE_OBJECT)

/* ---- names ---- */

static const char *const direction_names[] = { "both", "to-ghl", "to-lsq" };
static const char *const policy_names[] = { "ask", "lsq-wins", "ghl-wins", "newest-wins" };
static const char *const transform_names[]
    = { "none", "trim", "case", "e164", "date", "values", "name", "set", "owner" };

static gboolean
name_lookup (const char *const *names, guint n, const char *str, int *value)
{
  for (guint i = 0; str != NULL && i < n; i++)
    if (g_str_equal (names[i], str))
      {
        *value = (int) i;
        return TRUE;
      }
  return FALSE;
}

const char *
liaison_sync_direction_to_string (LiaisonSyncDirection direction)
{
  g_return_val_if_fail ((guint) direction < G_N_ELEMENTS (direction_names), NULL);
  return direction_names[direction];
}

gboolean
liaison_sync_direction_from_string (const char *str, LiaisonSyncDirection *direction)
{
  int value;

  if (!name_lookup (direction_names, G_N_ELEMENTS (direction_names), str, &value))
    return FALSE;
  *direction = (LiaisonSyncDirection) value;
  return TRUE;
}

const char *
liaison_conflict_policy_to_string (LiaisonConflictPolicy policy)
{
  g_return_val_if_fail ((guint) policy < G_N_ELEMENTS (policy_names), NULL);
  return policy_names[policy];
}

gboolean
liaison_conflict_policy_from_string (const char *str, LiaisonConflictPolicy *policy)
{
  int value;

  if (!name_lookup (policy_names, G_N_ELEMENTS (policy_names), str, &value))
    return FALSE;
  *policy = (LiaisonConflictPolicy) value;
  return TRUE;
}

const char *
liaison_transform_to_string (LiaisonTransform transform)
{
  g_return_val_if_fail ((guint) transform < G_N_ELEMENTS (transform_names), NULL);
  return transform_names[transform];
}

gboolean
liaison_transform_from_string (const char *str, LiaisonTransform *transform)
{
  int value;

  if (!name_lookup (transform_names, G_N_ELEMENTS (transform_names), str, &value))
    return FALSE;
  *transform = (LiaisonTransform) value;
  return TRUE;
}

const char *
liaison_side_name (LiaisonSide side)
{
  return side == LIAISON_SERVICE_LSQ ? _ ("LeadSquared") : _ ("HighLevel");
}

/* ---- standard fields ---- */

typedef struct
{
  const char *name;
  const char *property; /* of LiaisonContact; NULL: kept as a custom field of that name */
  LiaisonFieldType type;
} StandardField;

/* LeadSquared lead fields every account has (the address fields are mx_ fields, read into the
 * contact's address by the LeadSquared reader, but an account may lack them), and the typed
 * system fields the reader keeps as custom fields. */
static const StandardField lsq_standard[] = {
  { "FirstName", "first-name", LIAISON_FIELD_TYPE_TEXT },
  { "LastName", "last-name", LIAISON_FIELD_TYPE_TEXT },
  { "EmailAddress", "email", LIAISON_FIELD_TYPE_EMAIL },
  { "Phone", "phone", LIAISON_FIELD_TYPE_PHONE },
  { "Company", "company-name", LIAISON_FIELD_TYPE_TEXT },
  { "Website", "website", LIAISON_FIELD_TYPE_URL },
  { "TimeZone", "time-zone", LIAISON_FIELD_TYPE_TEXT },
  { "Source", "source", LIAISON_FIELD_TYPE_SINGLE_OPTION },
  { "OwnerId", "assigned-to", LIAISON_FIELD_TYPE_OTHER },
  { "mx_Street1", "address1", LIAISON_FIELD_TYPE_TEXT },
  { "mx_City", "city", LIAISON_FIELD_TYPE_TEXT },
  { "mx_State", "state", LIAISON_FIELD_TYPE_TEXT },
  { "mx_Zip", "postal-code", LIAISON_FIELD_TYPE_TEXT },
  { "mx_Country", "country", LIAISON_FIELD_TYPE_TEXT },
  { "Mobile", NULL, LIAISON_FIELD_TYPE_PHONE },
  { "JobTitle", NULL, LIAISON_FIELD_TYPE_TEXT },
  { "Notes", NULL, LIAISON_FIELD_TYPE_LARGE_TEXT },
  { "Score", NULL, LIAISON_FIELD_TYPE_NUMBER },
  { "Revenue", NULL, LIAISON_FIELD_TYPE_NUMBER },
  { "DoNotEmail", NULL, LIAISON_FIELD_TYPE_BOOLEAN },
  { "DoNotCall", NULL, LIAISON_FIELD_TYPE_BOOLEAN },
  { "DoNotSMS", NULL, LIAISON_FIELD_TYPE_BOOLEAN },
  { "DoNotTrack", NULL, LIAISON_FIELD_TYPE_BOOLEAN },
};

/* HighLevel contact members (UpdateContactDto / CreateContactDto). */
static const StandardField ghl_standard[] = {
  { "firstName", "first-name", LIAISON_FIELD_TYPE_TEXT },
  { "lastName", "last-name", LIAISON_FIELD_TYPE_TEXT },
  { "email", "email", LIAISON_FIELD_TYPE_EMAIL },
  { "phone", "phone", LIAISON_FIELD_TYPE_PHONE },
  { "companyName", "company-name", LIAISON_FIELD_TYPE_TEXT },
  { "address1", "address1", LIAISON_FIELD_TYPE_TEXT },
  { "city", "city", LIAISON_FIELD_TYPE_TEXT },
  { "state", "state", LIAISON_FIELD_TYPE_TEXT },
  { "postalCode", "postal-code", LIAISON_FIELD_TYPE_TEXT },
  { "country", "country", LIAISON_FIELD_TYPE_TEXT },
  { "website", "website", LIAISON_FIELD_TYPE_URL },
  { "timezone", "time-zone", LIAISON_FIELD_TYPE_TEXT },
  { "source", "source", LIAISON_FIELD_TYPE_TEXT },
  { "assignedTo", "assigned-to", LIAISON_FIELD_TYPE_OTHER },
  { "dateOfBirth", "date-of-birth", LIAISON_FIELD_TYPE_DATE },
  { "dnd", "dnd", LIAISON_FIELD_TYPE_BOOLEAN },
  { "tags", "tags", LIAISON_FIELD_TYPE_TEXT_LIST },
};

static const StandardField *
standard_field (LiaisonSide side, const char *name)
{
  const StandardField *table = side == LIAISON_SERVICE_LSQ ? lsq_standard : ghl_standard;
  guint n = side == LIAISON_SERVICE_LSQ ? G_N_ELEMENTS (lsq_standard) : G_N_ELEMENTS (ghl_standard);

  for (guint i = 0; name != NULL && i < n; i++)
    if (g_str_equal (table[i].name, name))
      return &table[i];
  return NULL;
}

/* Every account has it (LeadSquared's mx_ address fields excepted). */
gboolean
liaison_field_is_standard (LiaisonSide side, const char *name)
{
  const StandardField *field = standard_field (side, name);

  return field != NULL && !(side == LIAISON_SERVICE_LSQ && g_str_has_prefix (name, "mx_"));
}

const char *
liaison_field_standard_property (LiaisonSide side, const char *name)
{
  const StandardField *field = standard_field (side, name);

  return field != NULL ? field->property : NULL;
}

/* ---- pairs ---- */

void
liaison_field_pair_free (gpointer data)
{
  LiaisonFieldPair *pair = data;

  g_free (pair->key);
  for (guint s = 0; s < 2; s++)
    {
      g_free (pair->field[s]);
      g_strfreev (pair->parts[s]);
      g_strfreev (pair->options[s]);
    }
  g_free (pair->custom_id);
  g_free (pair->letter_case);
  g_free (pair->format);
  g_free (pair->separator);
  g_clear_pointer (&pair->values, json_object_unref);
  g_free (pair);
}

static LiaisonFieldPair *
liaison_field_pair_copy (const LiaisonFieldPair *pair)
{
  LiaisonFieldPair *copy = g_memdup2 (pair, sizeof *pair);

  copy->key = g_strdup (pair->key);
  for (guint s = 0; s < 2; s++)
    {
      copy->field[s] = g_strdup (pair->field[s]);
      copy->parts[s] = g_strdupv (pair->parts[s]);
      copy->options[s] = g_strdupv (pair->options[s]);
    }
  copy->custom_id = g_strdup (pair->custom_id);
  copy->letter_case = g_strdup (pair->letter_case);
  copy->format = g_strdup (pair->format);
  copy->separator = g_strdup (pair->separator);
  if (pair->values != NULL)
    copy->values = json_object_ref (pair->values);
  return copy;
}

void
liaison_field_pair_set_field (LiaisonFieldPair *pair, LiaisonSide side, const char *name)
{
  g_free (pair->field[side]);
  g_strfreev (pair->parts[side]);
  pair->field[side] = g_strdup (name);
  pair->parts[side] = g_strsplit (name, "+", -1);
}

gboolean
liaison_field_pair_writes (const LiaisonFieldPair *pair, LiaisonSide side)
{
  if (side == LIAISON_SERVICE_LSQ)
    return pair->direction != LIAISON_SYNC_TO_GHL;
  return pair->direction != LIAISON_SYNC_TO_LSQ;
}

/* The type of one field of the pair: as typed by the map or the definitions, else the standard
 * field's, else text. */
LiaisonFieldType
liaison_field_pair_type (const LiaisonFieldPair *pair, LiaisonSide side, const char *part)
{
  const StandardField *field;

  if (pair->typed[side] && g_strv_length (pair->parts[side]) == 1)
    return pair->type[side];
  field = standard_field (side, part != NULL ? part : pair->parts[side][0]);
  if (field != NULL)
    return field->type;
  return pair->typed[side] ? pair->type[side] : LIAISON_FIELD_TYPE_TEXT;
}

static int
kind_rank (LiaisonFieldType type, LiaisonValueKind *kind)
{
  /* The more particular meaning wins: a set, a flag, a number, a date... */
  switch (type)
    {
      case LIAISON_FIELD_TYPE_MULTIPLE_OPTIONS:
      case LIAISON_FIELD_TYPE_TEXT_LIST:
        *kind = LIAISON_VALUE_SET;
        return 7;
      case LIAISON_FIELD_TYPE_BOOLEAN:
        *kind = LIAISON_VALUE_BOOLEAN;
        return 6;
      case LIAISON_FIELD_TYPE_NUMBER:
      case LIAISON_FIELD_TYPE_MONEY:
        *kind = LIAISON_VALUE_NUMBER;
        return 5;
      case LIAISON_FIELD_TYPE_DATE:
        *kind = LIAISON_VALUE_DATE;
        return 4;
      case LIAISON_FIELD_TYPE_DATE_TIME:
        *kind = LIAISON_VALUE_DATE_TIME;
        return 3;
      case LIAISON_FIELD_TYPE_PHONE:
        *kind = LIAISON_VALUE_PHONE;
        return 2;
      case LIAISON_FIELD_TYPE_EMAIL:
        *kind = LIAISON_VALUE_EMAIL;
        return 1;
      default:
        *kind = LIAISON_VALUE_TEXT;
        return 0;
    }
}

LiaisonValueKind
liaison_field_pair_kind (const LiaisonFieldPair *pair)
{
  LiaisonValueKind lsq, ghl;

  switch (pair->transform)
    {
      case LIAISON_TRANSFORM_E164:
        return LIAISON_VALUE_PHONE;
      case LIAISON_TRANSFORM_DATE:
        return g_strcmp0 (pair->format, "date-time") == 0 ? LIAISON_VALUE_DATE_TIME
                                                          : LIAISON_VALUE_DATE;
      case LIAISON_TRANSFORM_SET:
        return LIAISON_VALUE_SET;
      case LIAISON_TRANSFORM_OWNER:
        return LIAISON_VALUE_OWNER;
      case LIAISON_TRANSFORM_NAME:
        return LIAISON_VALUE_NAME;
      case LIAISON_TRANSFORM_TRIM:
      case LIAISON_TRANSFORM_CASE:
      case LIAISON_TRANSFORM_VALUES:
        return LIAISON_VALUE_TEXT;
      case LIAISON_TRANSFORM_NONE:
      default:
        break;
    }
  if (kind_rank (liaison_field_pair_type (pair, LIAISON_SERVICE_LSQ, NULL), &lsq)
      >= kind_rank (liaison_field_pair_type (pair, LIAISON_SERVICE_GHL, NULL), &ghl))
    return lsq;
  return ghl;
}

/* A HighLevel custom field's id: resolved from its key by the definitions, or as named. */
const char *
liaison_field_pair_custom_id (const LiaisonFieldPair *pair, const char *part)
{
  return pair->custom_id != NULL ? pair->custom_id : part;
}

/* ---- the object ---- */

static void
liaison_field_map_finalize (GObject *object)
{
  LiaisonFieldMap *self = LIAISON_FIELD_MAP (object);

  g_ptr_array_unref (self->pairs);
  g_free (self->default_region);
  for (guint s = 0; s < 2; s++)
    g_clear_pointer (&self->users[s], g_ptr_array_unref);
  G_OBJECT_CLASS (liaison_field_map_parent_class)->finalize (object);
}

static void
liaison_field_map_class_init (LiaisonFieldMapClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = liaison_field_map_finalize;
}

static void
liaison_field_map_init (LiaisonFieldMap *self)
{
  self->pairs = g_ptr_array_new_with_free_func (liaison_field_pair_free);
}

LiaisonFieldPair *
liaison_field_pair_new (const char *key, const char *lsq, const char *ghl,
                        LiaisonTransform transform)
{
  LiaisonFieldPair *pair = g_new0 (LiaisonFieldPair, 1);

  pair->key = g_strdup (key);
  liaison_field_pair_set_field (pair, LIAISON_SERVICE_LSQ, lsq);
  liaison_field_pair_set_field (pair, LIAISON_SERVICE_GHL, ghl);
  pair->transform = transform;
  pair->direction = LIAISON_SYNC_BOTH;
  pair->policy = LIAISON_POLICY_ASK;
  return pair;
}

LiaisonFieldMap *
liaison_field_map_new_default (void)
{
  static const struct
  {
    const char *key, *lsq, *ghl;
    LiaisonTransform transform;
  } defaults[] = {
    { "firstName", "FirstName", "firstName", LIAISON_TRANSFORM_NONE },
    { "lastName", "LastName", "lastName", LIAISON_TRANSFORM_NONE },
    { "email", "EmailAddress", "email", LIAISON_TRANSFORM_NONE },
    { "phone", "Phone", "phone", LIAISON_TRANSFORM_E164 },
    { "company", "Company", "companyName", LIAISON_TRANSFORM_NONE },
    { "address", "mx_Street1", "address1", LIAISON_TRANSFORM_NONE },
    { "city", "mx_City", "city", LIAISON_TRANSFORM_NONE },
    { "state", "mx_State", "state", LIAISON_TRANSFORM_NONE },
    { "postalCode", "mx_Zip", "postalCode", LIAISON_TRANSFORM_NONE },
    { "country", "mx_Country", "country", LIAISON_TRANSFORM_NONE },
    { "website", "Website", "website", LIAISON_TRANSFORM_NONE },
    { "timeZone", "TimeZone", "timezone", LIAISON_TRANSFORM_NONE },
    { "doNotContact", "DoNotEmail+DoNotCall+DoNotSMS", "dnd", LIAISON_TRANSFORM_NONE },
    { "owner", "OwnerId", "assignedTo", LIAISON_TRANSFORM_OWNER },
  };
  LiaisonFieldMap *self = g_object_new (LIAISON_TYPE_FIELD_MAP, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    g_ptr_array_add (self->pairs, liaison_field_pair_new (defaults[i].key, defaults[i].lsq,
                                                          defaults[i].ghl, defaults[i].transform));
  return self;
}

char *
liaison_field_map_fingerprint (LiaisonFieldMap *self)
{
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (LIAISON_IS_FIELD_MAP (self), NULL);
  node = liaison_field_map_to_json (self);
  json = json_to_string (node, FALSE);
  text = g_strconcat (json, "\n", self->default_region ? self->default_region : "", NULL);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

LiaisonFieldMap *
liaison_field_map_copy (LiaisonFieldMap *self)
{
  LiaisonFieldMap *copy;

  g_return_val_if_fail (LIAISON_IS_FIELD_MAP (self), NULL);
  copy = g_object_new (LIAISON_TYPE_FIELD_MAP, NULL);
  for (guint i = 0; i < self->pairs->len; i++)
    g_ptr_array_add (copy->pairs, liaison_field_pair_copy (g_ptr_array_index (self->pairs, i)));
  copy->default_region = g_strdup (self->default_region);
  for (guint s = 0; s < 2; s++)
    if (self->users[s] != NULL)
      copy->users[s] = g_ptr_array_ref (self->users[s]);
  return copy;
}

/* ---- accessors ---- */

static LiaisonFieldPair *
pair_at (LiaisonFieldMap *self, guint i)
{
  g_return_val_if_fail (LIAISON_IS_FIELD_MAP (self), NULL);
  g_return_val_if_fail (i < self->pairs->len, NULL);
  return g_ptr_array_index (self->pairs, i);
}

guint
liaison_field_map_get_n_pairs (LiaisonFieldMap *self)
{
  g_return_val_if_fail (LIAISON_IS_FIELD_MAP (self), 0);
  return self->pairs->len;
}

int
liaison_field_map_find (LiaisonFieldMap *self, const char *key)
{
  g_return_val_if_fail (LIAISON_IS_FIELD_MAP (self), -1);
  for (guint i = 0; key != NULL && i < self->pairs->len; i++)
    if (g_str_equal (((LiaisonFieldPair *) g_ptr_array_index (self->pairs, i))->key, key))
      return (int) i;
  return -1;
}

const char *
liaison_field_map_get_key (LiaisonFieldMap *self, guint i)
{
  LiaisonFieldPair *pair = pair_at (self, i);

  return pair != NULL ? pair->key : NULL;
}

const char *
liaison_field_map_get_field (LiaisonFieldMap *self, guint i, LiaisonSide side)
{
  LiaisonFieldPair *pair = pair_at (self, i);

  g_return_val_if_fail (side == LIAISON_SERVICE_LSQ || side == LIAISON_SERVICE_GHL, NULL);
  return pair != NULL ? pair->field[side] : NULL;
}

LiaisonSyncDirection
liaison_field_map_get_direction (LiaisonFieldMap *self, guint i)
{
  LiaisonFieldPair *pair = pair_at (self, i);

  return pair != NULL ? pair->direction : LIAISON_SYNC_BOTH;
}

LiaisonConflictPolicy
liaison_field_map_get_policy (LiaisonFieldMap *self, guint i)
{
  LiaisonFieldPair *pair = pair_at (self, i);

  return pair != NULL ? pair->policy : LIAISON_POLICY_ASK;
}

LiaisonTransform
liaison_field_map_get_transform (LiaisonFieldMap *self, guint i)
{
  LiaisonFieldPair *pair = pair_at (self, i);

  return pair != NULL ? pair->transform : LIAISON_TRANSFORM_NONE;
}

void
liaison_field_map_set_direction (LiaisonFieldMap *self, guint i, LiaisonSyncDirection direction)
{
  LiaisonFieldPair *pair = pair_at (self, i);

  g_return_if_fail ((guint) direction < G_N_ELEMENTS (direction_names));
  if (pair != NULL)
    pair->direction = direction;
}

void
liaison_field_map_set_policy (LiaisonFieldMap *self, guint i, LiaisonConflictPolicy policy)
{
  LiaisonFieldPair *pair = pair_at (self, i);

  g_return_if_fail ((guint) policy < G_N_ELEMENTS (policy_names));
  if (pair != NULL)
    pair->policy = policy;
}

gboolean
liaison_field_map_remove_pair (LiaisonFieldMap *self, const char *key)
{
  int index = liaison_field_map_find (self, key);

  if (index < 0)
    return FALSE;
  g_ptr_array_remove_index (self->pairs, index);
  return TRUE;
}

void
liaison_field_map_set_default_region (LiaisonFieldMap *self, const char *region)
{
  g_return_if_fail (LIAISON_IS_FIELD_MAP (self));
  g_free (self->default_region);
  self->default_region = region != NULL && *region != '\0' ? g_ascii_strup (region, -1) : NULL;
}

const char *
liaison_field_map_get_default_region (LiaisonFieldMap *self)
{
  g_return_val_if_fail (LIAISON_IS_FIELD_MAP (self), NULL);
  return self->default_region;
}

void
liaison_field_map_set_users (LiaisonFieldMap *self, GPtrArray *lsq_users, GPtrArray *ghl_users)
{
  GPtrArray *users[2] = { lsq_users, ghl_users };

  g_return_if_fail (LIAISON_IS_FIELD_MAP (self));
  for (guint s = 0; s < 2; s++)
    {
      g_clear_pointer (&self->users[s], g_ptr_array_unref);
      if (users[s] != NULL)
        self->users[s] = g_ptr_array_ref (users[s]);
    }
}

void
liaison_field_map_set_field_defs (LiaisonFieldMap *self, GPtrArray *lsq_field_defs,
                                  GPtrArray *ghl_field_defs)
{
  GPtrArray *defs[2] = { lsq_field_defs, ghl_field_defs };

  g_return_if_fail (LIAISON_IS_FIELD_MAP (self));
  for (guint i = 0; i < self->pairs->len; i++)
    {
      LiaisonFieldPair *pair = g_ptr_array_index (self->pairs, i);

      for (guint s = 0; s < 2; s++)
        {
          LiaisonFieldDef *def;

          if (defs[s] == NULL || g_strv_length (pair->parts[s]) != 1)
            continue;
          def = liaison_field_defs_find (defs[s], pair->field[s]);
          if (def == NULL)
            continue;
          pair->typed[s] = TRUE;
          pair->type[s] = liaison_field_def_get_data_type (def);
          g_strfreev (pair->options[s]);
          pair->options[s] = g_strdupv ((char **) liaison_field_def_get_options (def));
          if (s == LIAISON_SERVICE_GHL && liaison_field_def_get_id (def) != NULL
              && !liaison_field_is_standard (LIAISON_SERVICE_GHL, pair->field[s]))
            {
              g_free (pair->custom_id);
              pair->custom_id = g_strdup (liaison_field_def_get_id (def));
            }
        }
    }
}
