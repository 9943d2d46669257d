/* liaison-sandbox-lsq-leads.c: LeadSquared lead writes: the attribute/value
 * bodies, field validation against the lead metadata, unique fields, matching
 * by SearchBy, and the writes themselves. The routes that use them are in
 * liaison-sandbox-lsq-writes.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "liaison-sandbox-lsq"

#include "liaison-sandbox-lsq-private.h"

static void
pair_free (LsqPair *pair)
{
  g_free (pair->attribute);
  g_free (pair->value);
  g_free (pair);
}

static GPtrArray *
pairs_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) pair_free);
}

static void
pairs_set (GPtrArray *pairs, const char *attribute, const char *value)
{
  LsqPair *pair;

  /* A repeated attribute: the last one wins. */
  for (guint i = 0; i < pairs->len; i++)
    {
      pair = g_ptr_array_index (pairs, i);
      if (g_strcmp0 (pair->attribute, attribute) == 0)
        {
          g_free (pair->value);
          pair->value = g_strdup (value);
          return;
        }
    }
  pair = g_new0 (LsqPair, 1);
  pair->attribute = g_strdup (attribute);
  pair->value = g_strdup (value);
  g_ptr_array_add (pairs, pair);
}

const char *
lsq_pairs_get (GPtrArray *pairs, const char *attribute)
{
  for (guint i = 0; i < pairs->len; i++)
    {
      LsqPair *pair = g_ptr_array_index (pairs, i);

      if (g_ascii_strcasecmp (pair->attribute, attribute) == 0)
        return pair->value;
    }
  return NULL;
}

static gboolean
value_node_ok (JsonNode *node, const char **value)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *value = NULL;
      return TRUE;
    }
  /* Values are strings on the wire, numbers and flags included. */
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  *value = json_node_get_string (node);
  return TRUE;
}

/* [{"Attribute": "EmailAddress", "Value": "..."}, ...]; SearchBy is taken out. */
GPtrArray *
lsq_pairs_parse (JsonNode *node, char **search_by, GError **error)
{
  g_autoptr (GPtrArray) pairs = pairs_new ();
  JsonArray *array;

  if (search_by != NULL)
    *search_by = NULL;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, LSQ_ERROR, LSQ_ERROR_BAD_REQUEST,
                   "The message body on the request is not as per API specification: expected an "
                   "array of {\"Attribute\", \"Value\"} objects.");
      return NULL;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *o;
      const char *attribute;
      const char *value;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        goto bad;
      o = json_node_get_object (item);
      attribute = lsq_get_string (o, "Attribute");
      if (attribute == NULL || *attribute == '\0'
          || !value_node_ok (json_object_get_member (o, "Value"), &value))
        goto bad;
      if (g_ascii_strcasecmp (attribute, "SearchBy") == 0)
        {
          if (search_by != NULL)
            {
              g_free (*search_by);
              *search_by = g_strdup (value);
            }
          continue;
        }
      pairs_set (pairs, attribute, value);
    }
  return g_steal_pointer (&pairs);

bad:
  if (search_by != NULL)
    g_clear_pointer (search_by, g_free);
  g_set_error (error, LSQ_ERROR, LSQ_ERROR_BAD_REQUEST,
               "The message body on the request is not as per API specification: every element "
               "needs a string \"Attribute\" and a string (or null) \"Value\".");
  return NULL;
}

/* The control routes take a flat {"FirstName": "...", ...} object, as a form would. */
GPtrArray *
lsq_pairs_from_object (JsonObject *object, GError **error)
{
  g_autoptr (GPtrArray) pairs = pairs_new ();
  g_autoptr (GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *value;

      if (!value_node_ok (json_object_get_member (object, l->data), &value))
        {
          g_set_error (error, LSQ_ERROR, LSQ_ERROR_BAD_REQUEST,
                       "Field '%s' must be a string or null", (char *) l->data);
          return NULL;
        }
      pairs_set (pairs, l->data, value);
    }
  return g_steal_pointer (&pairs);
}

/* ---- finding leads ---- */

static gboolean
is_id_attribute (const char *attribute)
{
  return g_ascii_strcasecmp (attribute, "ProspectID") == 0;
}

static gboolean
values_match (const char *attribute, const char *stored, const char *wanted)
{
  if (stored == NULL || wanted == NULL || *wanted == '\0')
    return FALSE;
  if (g_str_equal (attribute, "EmailAddress") || is_id_attribute (attribute))
    return g_ascii_strcasecmp (stored, wanted) == 0;
  if (g_str_equal (attribute, "Phone") || g_str_equal (attribute, "Mobile"))
    {
      g_autofree char *a = lsq_phone_digits (stored);
      g_autofree char *b = lsq_phone_digits (wanted);

      return *a != '\0' && g_str_equal (a, b);
    }
  return g_str_equal (stored, wanted);
}

JsonObject *
lsq_lead_find (LiaisonSandboxLsq *self, const char *attribute, const char *value)
{
  const char *member = is_id_attribute (attribute) ? "ProspectID" : attribute;

  for (guint i = 0; i < liaison_sandbox_table_size (self->leads); i++)
    {
      JsonObject *lead = liaison_sandbox_table_index (self->leads, i);

      if (values_match (member, lsq_get_string (lead, member), value))
        return lead;
    }
  return NULL;
}

static JsonObject *
field_def (LiaisonSandboxLsq *self, const char *schema_name)
{
  return liaison_sandbox_table_lookup (self->fields, schema_name);
}

static gboolean
field_flag (JsonObject *field, const char *member)
{
  JsonNode *node = json_object_get_member (field, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

/* SearchBy must name ProspectId or a unique (lead identifier) field. */
JsonObject *
lsq_lead_match (LiaisonSandboxLsq *self, GPtrArray *pairs, const char *search_by, GError **error)
{
  const char *value;
  JsonObject *field;

  if (search_by == NULL)
    {
      JsonObject *lead
          = lsq_lead_find (self, "EmailAddress", lsq_pairs_get (pairs, "EmailAddress"));

      return lead != NULL ? lead : lsq_lead_find (self, "Phone", lsq_pairs_get (pairs, "Phone"));
    }
  field = is_id_attribute (search_by) || g_ascii_strcasecmp (search_by, "ProspectId") == 0
              ? NULL
              : field_def (self, search_by);
  if (!is_id_attribute (search_by) && (field == NULL || !field_flag (field, "IsLeadIdentifier")))
    {
      g_set_error (error, LSQ_ERROR, LSQ_ERROR_INVALID_INPUT,
                   "SearchBy '%s' is not a unique lead field", search_by);
      return NULL;
    }
  value = lsq_pairs_get (pairs, search_by);
  if (value == NULL || *value == '\0')
    {
      g_set_error (error, LSQ_ERROR, LSQ_ERROR_MANDATORY,
                   "'%s' is mandatory when it is the SearchBy attribute", search_by);
      return NULL;
    }
  return lsq_lead_find (self, search_by, value);
}

/* ---- validation ---- */

static gboolean
valid_email (const char *text)
{
  const char *at = strchr (text, '@');

  return at != NULL && at != text && strchr (at + 1, '@') == NULL && strchr (at + 1, '.') != NULL
         && at[strlen (at) - 1] != '.' && strpbrk (text, " \t,;<>") == NULL;
}

static gboolean
valid_phone (const char *text)
{
  g_autofree char *digits = lsq_phone_digits (text);

  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p) && strchr ("+-() .", *p) == NULL)
      return FALSE;
  return strlen (digits) >= 7 && strlen (digits) <= 15;
}

static gboolean
valid_number (const char *text)
{
  char *end = NULL;

  g_ascii_strtod (text, &end);
  return end != text && *end == '\0';
}

static gboolean
valid_time (const char *text)
{
  guint len = strlen (text);

  return (len == 5 || len == 8) && g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1])
         && text[2] == ':' && g_ascii_isdigit (text[3]) && g_ascii_isdigit (text[4])
         && (len == 5
             || (text[5] == ':' && g_ascii_isdigit (text[6]) && g_ascii_isdigit (text[7])));
}

/* The stored form of a value for its field, or NULL with an error. */
static char *
normalize_value (LiaisonSandboxLsq *self, JsonObject *field, const char *value, GError **error)
{
  const char *name = lsq_get_string (field, "SchemaName");
  const char *type = lsq_get_string (field, "DataType");
  gint64 max_length = lsq_member_int (field, "MaxLength", 0);

  /* Lengths bind text; typed values are checked by their type instead. */
  if (max_length > 0 && g_utf8_strlen (value, -1) > max_length
      && (g_str_equal (type, "String") || g_str_equal (type, "Email") || g_str_equal (type, "Phone")
          || g_str_equal (type, "Website")))
    goto bad;
  if (g_str_equal (name, "OwnerId"))
    {
      JsonObject *user = lsq_user_by_id (self, value);

      if (user == NULL)
        user = lsq_user_by_email (self, value);
      if (user == NULL || lsq_member_int (user, "StatusCode", 0) != 0)
        goto bad;
      return g_strdup (lsq_get_string (user, "ID"));
    }
  if (g_str_equal (type, "Email") && !valid_email (value))
    goto bad;
  if (g_str_equal (type, "Phone") && !valid_phone (value))
    goto bad;
  if (g_str_equal (type, "Number") && !valid_number (value))
    goto bad;
  if (g_str_equal (type, "Time") && !valid_time (value))
    goto bad;
  if (g_str_equal (type, "Boolean"))
    {
      if (g_str_equal (value, "1") || g_ascii_strcasecmp (value, "true") == 0)
        return g_strdup ("1");
      if (g_str_equal (value, "0") || g_ascii_strcasecmp (value, "false") == 0)
        return g_strdup ("0");
      goto bad;
    }
  if (g_str_equal (type, "Date") || g_str_equal (type, "DateTime"))
    {
      gint64 ms;

      if (!lsq_parse_date (value, &ms))
        goto bad;
      return lsq_format_ms (ms - ms % 1000);
    }
  if (g_str_equal (type, "Select"))
    {
      JsonArray *options = json_object_get_array_member (field, "Options");

      for (guint i = 0; options != NULL && i < json_array_get_length (options); i++)
        {
          const char *option = lsq_get_string (json_array_get_object_element (options, i), "Value");

          if (g_utf8_collate (option, value) == 0 || g_ascii_strcasecmp (option, value) == 0)
            return g_strdup (option);
        }
      goto bad;
    }
  return g_strdup (value);

bad:
  g_set_error (error, LSQ_ERROR, LSQ_ERROR_INVALID_INPUT, "Invalid value '%s' for field '%s' (%s)",
               value, name, type);
  return NULL;
}

static gboolean
duplicate_check (LiaisonSandboxLsq *self, JsonObject *lead, const char *attribute,
                 const char *value, GError **error)
{
  JsonObject *other;

  if (value == NULL || *value == '\0')
    return TRUE;
  for (guint i = 0; i < liaison_sandbox_table_size (self->leads); i++)
    {
      other = liaison_sandbox_table_index (self->leads, i);
      if (other != lead && values_match (attribute, lsq_get_string (other, attribute), value))
        {
          g_set_error (error, LSQ_ERROR, LSQ_ERROR_DUPLICATE,
                       "Duplicate entry '%s' for key 'UQ_Prospect_Base_%s'", value, attribute);
          return FALSE;
        }
    }
  return TRUE;
}

/* Checks every pair against the metadata and returns the normalized, writable ones.
 * System fields the API does not let one set are skipped, as the real API does. */
static GPtrArray *
validate (LiaisonSandboxLsq *self, JsonObject *lead, GPtrArray *pairs, GError **error)
{
  g_autoptr (GPtrArray) out = pairs_new ();

  for (guint i = 0; i < pairs->len; i++)
    {
      LsqPair *pair = g_ptr_array_index (pairs, i);
      JsonObject *field = field_def (self, pair->attribute);
      g_autofree char *value = NULL;

      if (is_id_attribute (pair->attribute))
        continue;
      if (field == NULL)
        {
          g_set_error (error, LSQ_ERROR, LSQ_ERROR_INVALID_INPUT,
                       "Lead field '%s' does not exist. Schema names are case-sensitive.",
                       pair->attribute);
          return NULL;
        }
      if (json_object_get_boolean_member_with_default (field, "_ReadOnly", FALSE))
        continue;
      if (pair->value != NULL && *pair->value != '\0')
        {
          value = normalize_value (self, field, pair->value, error);
          if (value == NULL)
            return NULL;
        }
      if (field_flag (field, "IsLeadIdentifier")
          && !duplicate_check (self, lead, pair->attribute, value, error))
        return NULL;
      pairs_set (out, pair->attribute, value);
    }
  return g_steal_pointer (&out);
}

/* ---- writing ---- */

void
lsq_lead_touch (JsonObject *lead, JsonObject *user, gint64 now_ms)
{
  /* Lead times are kept to the second, as the API shows them (".000"). */
  gint64 ms = now_ms - now_ms % 1000;
  g_autofree char *text = lsq_format_ms (ms);

  json_object_set_string_member (lead, "ModifiedOn", text);
  json_object_set_string_member (lead, "LeadLastModifiedOn", text);
  json_object_set_string_member (lead, "ModifiedBy", lsq_get_string (user, "ID"));
  json_object_set_int_member (lead, "_ModifiedMs", ms);
}

static void
set_owner (LiaisonSandboxLsq *self, JsonObject *lead, const char *owner_id)
{
  JsonObject *owner = lsq_user_by_id (self, owner_id);
  g_autofree char *name = lsq_user_name (owner);

  json_object_set_string_member (lead, "OwnerId", owner_id);
  json_object_set_string_member (lead, "OwnerIdName", name);
  json_object_set_string_member (lead, "OwnerIdEmailAddress",
                                 lsq_get_string (owner, "EmailAddress"));
}

static void
apply_pairs (LiaisonSandboxLsq *self, JsonObject *lead, GPtrArray *valid,
             LsqUpdateBehavior behavior)
{
  for (guint i = 0; i < valid->len; i++)
    {
      LsqPair *pair = g_ptr_array_index (valid, i);
      JsonObject *field = field_def (self, pair->attribute);
      const char *current = lsq_get_string (lead, pair->attribute);

      if (behavior == LSQ_UPDATE_ONLY_EMPTY && current != NULL && *current != '\0')
        continue;
      if (behavior == LSQ_UPDATE_NOT_UNIQUE && field_flag (field, "IsLeadIdentifier")
          && current != NULL && *current != '\0')
        continue;
      if (g_str_equal (pair->attribute, "OwnerId") && pair->value != NULL)
        set_owner (self, lead, pair->value);
      else if (pair->value == NULL)
        json_object_set_null_member (lead, pair->attribute);
      else
        json_object_set_string_member (lead, pair->attribute, pair->value);
    }
}

static gboolean
has_unique_value (LiaisonSandboxLsq *self, GPtrArray *valid)
{
  for (guint i = 0; i < valid->len; i++)
    {
      LsqPair *pair = g_ptr_array_index (valid, i);

      if (pair->value != NULL && *pair->value != '\0'
          && field_flag (field_def (self, pair->attribute), "IsLeadIdentifier"))
        return TRUE;
    }
  return FALSE;
}

/* A lead with every field of the metadata (null when empty), as GETs show them. */
JsonObject *
lsq_lead_new (LiaisonSandboxLsq *self, JsonObject *user, gint64 now_ms)
{
  JsonObject *lead = json_object_new ();
  gint64 ms = now_ms - now_ms % 1000;
  g_autofree char *id = lsq_new_guid (self);
  g_autofree char *auto_id = g_strdup_printf ("%" G_GINT64_FORMAT, self->next_auto_id++);
  g_autofree char *created = lsq_format_ms (ms);

  for (guint i = 0; i < liaison_sandbox_table_size (self->fields); i++)
    json_object_set_null_member (
        lead, lsq_get_string (liaison_sandbox_table_index (self->fields, i), "SchemaName"));
  json_object_set_string_member (lead, "ProspectID", id);
  json_object_set_string_member (lead, "ProspectAutoId", auto_id);
  json_object_set_string_member (lead, "Origin", "API");
  json_object_set_string_member (lead, "ProspectStage", "Prospect");
  json_object_set_string_member (lead, "Score", "0");
  json_object_set_string_member (lead, "EngagementScore", "0");
  json_object_set_string_member (lead, "DoNotEmail", "0");
  json_object_set_string_member (lead, "DoNotCall", "0");
  json_object_set_string_member (lead, "DoNotSMS", "0");
  json_object_set_string_member (lead, "DoNotTrack", "0");
  json_object_set_string_member (lead, "StatusCode", "0");
  json_object_set_string_member (lead, "StatusReason", "0");
  json_object_set_string_member (lead, "IsLead", "1");
  json_object_set_string_member (lead, "DeletionStatusCode", "0");
  json_object_set_string_member (lead, "CreatedBy", lsq_get_string (user, "ID"));
  json_object_set_string_member (lead, "CreatedOn", created);
  json_object_set_int_member (lead, "_CreatedMs", ms);
  set_owner (self, lead, lsq_get_string (user, "ID"));
  lsq_lead_touch (lead, user, ms);
  return lead;
}

JsonObject *
lsq_lead_create (LiaisonSandboxLsq *self, GPtrArray *pairs, JsonObject *user, gint64 now_ms,
                 GError **error)
{
  g_autoptr (GPtrArray) valid = validate (self, NULL, pairs, error);
  JsonObject *lead;

  if (valid == NULL)
    return NULL;
  if (!has_unique_value (self, valid))
    {
      g_set_error (error, LSQ_ERROR, LSQ_ERROR_MANDATORY,
                   "A value for at least one unique field (EmailAddress, Phone) is mandatory to "
                   "create a lead");
      return NULL;
    }
  for (guint i = 0; i < liaison_sandbox_table_size (self->fields); i++)
    {
      JsonObject *field = liaison_sandbox_table_index (self->fields, i);
      const char *name = lsq_get_string (field, "SchemaName");
      const char *value = lsq_pairs_get (valid, name);

      if (field_flag (field, "IsMandatory") && (value == NULL || *value == '\0'))
        {
          g_set_error (error, LSQ_ERROR, LSQ_ERROR_MANDATORY, "'%s' is mandatory to create a lead",
                       name);
          return NULL;
        }
    }
  lead = lsq_lead_new (self, user, now_ms);
  apply_pairs (self, lead, valid, LSQ_UPDATE_ALL);
  liaison_sandbox_table_insert (self->leads, lead);
  json_object_unref (lead);
  return lead;
}

/* Every accepted update call counts as a change and bumps ModifiedOn, even
 * when the values are the same: the sync engine must cope with such echoes. */
gboolean
lsq_lead_update (LiaisonSandboxLsq *self, JsonObject *lead, GPtrArray *pairs,
                 LsqUpdateBehavior behavior, JsonObject *user, gint64 now_ms, GError **error)
{
  g_autoptr (GPtrArray) valid = NULL;

  if (behavior == LSQ_UPDATE_NONE)
    return TRUE;
  valid = validate (self, lead, pairs, error);
  if (valid == NULL)
    return FALSE;
  for (guint i = 0; i < valid->len; i++)
    {
      LsqPair *pair = g_ptr_array_index (valid, i);
      JsonObject *field = field_def (self, pair->attribute);

      if (field_flag (field, "IsMandatory") && (pair->value == NULL || *pair->value == '\0'))
        {
          g_set_error (error, LSQ_ERROR, LSQ_ERROR_MANDATORY, "'%s' is mandatory", pair->attribute);
          return FALSE;
        }
    }
  apply_pairs (self, lead, valid, behavior);
  lsq_lead_touch (lead, user, now_ms);
  return TRUE;
}

JsonObject *
lsq_lead_public (LiaisonSandboxLsq *self, JsonObject *lead)
{
  return lsq_public_copy (lead);
}

/* The documented delete is a hard delete that cascades to the lead's tasks and notes. */
void
lsq_lead_delete (LiaisonSandboxLsq *self, const char *lead_id)
{
  g_autofree char *id = g_strdup (lead_id);
  LiaisonSandboxTable *children[] = { self->tasks, self->notes };
  const char *links[] = { "RelatedEntityId", "RelatedProspectId" };

  for (guint t = 0; t < G_N_ELEMENTS (children); t++)
    for (guint i = liaison_sandbox_table_size (children[t]); i > 0; i--)
      {
        JsonObject *child = liaison_sandbox_table_index (children[t], i - 1);

        if (g_strcmp0 (lsq_get_string (child, links[t]), id) == 0)
          {
            g_autofree char *child_id
                = g_strdup (lsq_get_string (child, t == 0 ? "UserTaskId" : "ProspectNoteId"));

            liaison_sandbox_table_remove (children[t], child_id);
          }
      }
  liaison_sandbox_table_remove (self->leads, id);
}
