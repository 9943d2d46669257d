/* liaison-lsq-json.c: LeadSquared API v2 JSON <-> Liaison models.
 *
 * Leads come as flat objects (GetById, GetByEmailaddress, by phone) or as
 * attribute/value lists (RecentlyModified), always with string values; both
 * become one attribute table first, then a LiaisonContact. The lead fields
 * with a place in the model fill its properties; every other attribute is
 * kept as a custom field under its schema name, typed by the lead metadata
 * (numbers as doubles, flags as booleans) so that nothing a field mapping
 * may need is lost.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-lsq"

#include <string.h>

#include "liaison-http-error.h"
#include "liaison-json.h"
#include "liaison-lsq-json-private.h"

#define SERVICE "LeadSquared"

G_DEFINE_BOXED_TYPE (LiaisonLsqRowResult, liaison_lsq_row_result, liaison_lsq_row_result_copy,
                     liaison_lsq_row_result_free)

LiaisonLsqRowResult *
liaison_lsq_row_result_copy (const LiaisonLsqRowResult *result)
{
  LiaisonLsqRowResult *copy = g_new0 (LiaisonLsqRowResult, 1);

  copy->row = result->row;
  copy->lead_id = g_strdup (result->lead_id);
  copy->created = result->created;
  copy->updated = result->updated;
  copy->error = result->error != NULL ? g_error_copy (result->error) : NULL;
  return copy;
}

void
liaison_lsq_row_result_free (LiaisonLsqRowResult *result)
{
  if (result == NULL)
    return;
  g_free (result->lead_id);
  g_clear_error (&result->error);
  g_free (result);
}

/* "2016-03-26 14:15:00" in UTC: the one format the API documents for input. */
char *
liaison_lsq_format_time (GDateTime *time)
{
  g_autoptr (GDateTime) utc = NULL;

  g_return_val_if_fail (time != NULL, NULL);
  utc = g_date_time_to_utc (time);
  return g_date_time_format (utc, "%Y-%m-%d %H:%M:%S");
}

/* ---- attributes ---- */

/* Lead fields with a place in LiaisonContact. The address fields are mx_
 * fields, but every LeadSquared account has them. */
static const struct
{
  const char *attribute;
  const char *property;
} contact_props[] = {
  { "FirstName", "first-name" }, { "LastName", "last-name" },   { "EmailAddress", "email" },
  { "Phone", "phone" },          { "Company", "company-name" }, { "Website", "website" },
  { "TimeZone", "time-zone" },   { "Source", "source" },        { "OwnerId", "assigned-to" },
  { "mx_Street1", "address1" },  { "mx_City", "city" },         { "mx_State", "state" },
  { "mx_Zip", "postal-code" },   { "mx_Country", "country" },
};

/* Set by LeadSquared itself: read, kept as custom fields, never written. */
static const char *const read_only[] = {
  "ProspectID",
  "ProspectAutoId",
  "CreatedBy",
  "CreatedByName",
  "CreatedOn",
  "ModifiedBy",
  "ModifiedByName",
  "ModifiedOn",
  "LeadLastModifiedOn",
  "OwnerIdName",
  "OwnerIdEmailAddress",
  "StatusCode",
  "StatusReason",
  "IsLead",
  "DeletionStatusCode",
  "ProspectActivityDate_Max",
  "ProspectActivityName_Max",
  "LastVisitDate",
  "NotableEvent",
  "EngagementScore",
  "Origin",
  "CanUpdate",
};

/* Whether attribute is one of those. */
gboolean
liaison_lsq_attribute_is_read_only (const char *attribute)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (read_only); i++)
    if (g_strcmp0 (read_only[i], attribute) == 0)
      return TRUE;
  return FALSE;
}

static const char *
property_for (const char *attribute)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (contact_props); i++)
    if (g_strcmp0 (contact_props[i].attribute, attribute) == 0)
      return contact_props[i].property;
  return NULL;
}

static void
field_types_put (GHashTable *types, const char *schema, LiaisonFieldType type)
{
  g_hash_table_replace (types, g_strdup (schema), GINT_TO_POINTER ((int) type + 1));
}

/* Schema name -> LiaisonFieldType, for typing custom field values; filled
 * with the standard fields whose type is known without the metadata. */
GHashTable *
liaison_lsq_field_types_new (void)
{
  GHashTable *types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  static const char *const numbers[] = { "Score", "EngagementScore", "Revenue" };
  static const char *const flags[]
      = { "DoNotEmail", "DoNotCall", "DoNotSMS", "DoNotTrack", "IsLead" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (numbers); i++)
    field_types_put (types, numbers[i], LIAISON_FIELD_TYPE_NUMBER);
  for (i = 0; i < G_N_ELEMENTS (flags); i++)
    field_types_put (types, flags[i], LIAISON_FIELD_TYPE_BOOLEAN);
  return types;
}

static GHashTable *
attributes_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* A value as the text LeadSquared means: strings as they are, numbers and
 * flags written out; FALSE for objects and arrays, which no lead field holds. */
static gboolean
value_to_text (JsonNode *node, char **text)
{
  GType type;

  *text = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    *text = g_strdup (json_node_get_string (node));
  else if (type == G_TYPE_INT64)
    *text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      *text = g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
    }
  else if (type == G_TYPE_BOOLEAN)
    *text = g_strdup (json_node_get_boolean (node) ? "true" : "false");
  else
    return FALSE;
  return TRUE;
}

/* [{"Attribute": "FirstName", "Value": "John"}, ...] -> attribute -> value. */
GHashTable *
liaison_lsq_attributes_from_list (JsonArray *list, GError **error)
{
  g_autoptr (GHashTable) attributes = attributes_new ();
  guint i;

  for (i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *element = json_array_get_element (list, i);
      const char *attribute;
      JsonObject *pair;
      char *text;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                       "%s sent a lead property that is not an attribute/value pair", SERVICE);
          return NULL;
        }
      pair = json_node_get_object (element);
      attribute = liaison_json_get_string (pair, "Attribute");
      if (attribute == NULL || *attribute == '\0')
        {
          g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                       "%s sent a lead property without an attribute name", SERVICE);
          return NULL;
        }
      if (!value_to_text (json_object_get_member (pair, "Value"), &text))
        continue;
      g_hash_table_replace (attributes, g_strdup (attribute), text);
    }
  return g_steal_pointer (&attributes);
}

/* A flat lead object -> attribute -> value; nested members are skipped. */
GHashTable *
liaison_lsq_attributes_from_object (JsonObject *object)
{
  GHashTable *attributes = attributes_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      char *text;

      if (value_to_text (node, &text))
        g_hash_table_replace (attributes, g_strdup (name), text);
    }
  return attributes;
}

static LiaisonFieldType
type_of (GHashTable *field_types, const char *attribute)
{
  gpointer value = field_types != NULL ? g_hash_table_lookup (field_types, attribute) : NULL;

  return value != NULL ? (LiaisonFieldType) (GPOINTER_TO_INT (value) - 1) : LIAISON_FIELD_TYPE_TEXT;
}

static gboolean
parse_flag (const char *text, gboolean *flag)
{
  if (text == NULL)
    return FALSE;
  if (g_strcmp0 (text, "1") == 0 || g_ascii_strcasecmp (text, "true") == 0)
    *flag = TRUE;
  else if (g_strcmp0 (text, "0") == 0 || g_ascii_strcasecmp (text, "false") == 0)
    *flag = FALSE;
  else
    return FALSE;
  return TRUE;
}

/* Strict: finite, the whole text, no "nan", "inf" or hex. */
static gboolean
parse_number (const char *text, double *number)
{
  return liaison_json_parse_double (text, number);
}

/* Numbers ("54") become doubles and flags ("0") booleans where the field is
 * of that type; a value that does not fit its type stays text. */
static GVariant *
typed_value (GHashTable *field_types, const char *attribute, const char *text)
{
  LiaisonFieldType type = type_of (field_types, attribute);
  gboolean flag;
  double number;

  if ((type == LIAISON_FIELD_TYPE_NUMBER || type == LIAISON_FIELD_TYPE_MONEY)
      && parse_number (text, &number))
    return g_variant_new_double (number);
  if (type == LIAISON_FIELD_TYPE_BOOLEAN && parse_flag (text, &flag))
    return g_variant_new_boolean (flag);
  return g_variant_new_string (text);
}

static gboolean
attribute_flag (GHashTable *attributes, const char *attribute)
{
  gboolean flag = FALSE;

  return parse_flag (g_hash_table_lookup (attributes, attribute), &flag) && flag;
}

static void
fill_contact (LiaisonContact *contact, GHashTable *attributes, GHashTable *field_types)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, attributes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *attribute = key;
      const char *text = value;
      const char *property = property_for (attribute);

      if (property != NULL)
        {
          g_object_set (contact, property, text, NULL);
          continue;
        }
      if (text == NULL || *text == '\0' || g_str_equal (attribute, "ProspectID")
          || g_str_equal (attribute, "CreatedOn") || g_str_equal (attribute, "ModifiedOn")
          || g_str_equal (attribute, "CanUpdate"))
        continue;
      liaison_contact_set_custom_field (contact, attribute,
                                        typed_value (field_types, attribute, text));
    }
}

LiaisonContact *
liaison_lsq_contact_from_attributes (GHashTable *attributes, GHashTable *field_types,
                                     GError **error)
{
  g_autoptr (LiaisonContact) contact = NULL;
  g_autoptr (GDateTime) created = NULL;
  g_autoptr (GDateTime) modified = NULL;
  const char *id = g_hash_table_lookup (attributes, "ProspectID");

  if (id == NULL || *id == '\0')
    {
      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                   "%s sent a lead without a ProspectID", SERVICE);
      return NULL;
    }

  contact = liaison_contact_new ();
  liaison_contact_set_id (contact, id);
  fill_contact (contact, attributes, field_types);

  /* All three date shapes are read; "0001-01-01" means never. */
  created = liaison_json_parse_time (g_hash_table_lookup (attributes, "CreatedOn"));
  modified = liaison_json_parse_time (g_hash_table_lookup (attributes, "ModifiedOn"));
  liaison_contact_set_date_added (contact, created);
  liaison_contact_set_date_updated (contact, modified);

  /* HighLevel's DND means no channel at all; the flags stay custom fields
   * too, and only they are written back. */
  liaison_contact_set_dnd (contact, attribute_flag (attributes, "DoNotEmail")
                                        && attribute_flag (attributes, "DoNotCall")
                                        && attribute_flag (attributes, "DoNotSMS"));
  return g_steal_pointer (&contact);
}

/* A contact to write, from schema name -> value as a person gives them
 * ("FirstName" -> "Ada", "mx_City" -> "Pune"); values stay text. */
LiaisonContact *
liaison_lsq_contact_from_fields (GHashTable *fields)
{
  LiaisonContact *contact = liaison_contact_new ();

  liaison_contact_set_id (contact, g_hash_table_lookup (fields, "ProspectID"));
  fill_contact (contact, fields, NULL);
  return contact;
}

/* A lead in either shape: a flat object, an attribute/value list, or an
 * object holding one ("LeadPropertyList"). */
LiaisonContact *
liaison_lsq_contact_from_json (JsonNode *node, GHashTable *field_types, GError **error)
{
  g_autoptr (GHashTable) attributes = NULL;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    attributes = liaison_lsq_attributes_from_list (json_node_get_array (node), error);
  else if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonArray *list = liaison_json_get_array (object, "LeadPropertyList");

      if (list != NULL)
        attributes = liaison_lsq_attributes_from_list (list, error);
      else
        attributes = liaison_lsq_attributes_from_object (object);
    }
  else
    g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                 "%s sent a lead that is neither an object nor an attribute list", SERVICE);

  if (attributes == NULL)
    return NULL;
  return liaison_lsq_contact_from_attributes (attributes, field_types, error);
}

static void
add_pair (JsonArray *list, const char *attribute, const char *value)
{
  JsonObject *pair = json_object_new ();

  json_object_set_string_member (pair, "Attribute", attribute);
  json_object_set_string_member (pair, "Value", value);
  json_array_add_object_element (list, pair);
}

static char *
variant_to_text (GVariant *value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_variant_dup_string (value, NULL);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    return g_strdup (
        g_ascii_formatd (buffer, sizeof buffer, "%.15g", g_variant_get_double (value)));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return g_strdup (g_variant_get_boolean (value) ? "1" : "0");
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    {
      g_autofree const char **items = g_variant_get_strv (value, NULL);

      /* Multi-select values are one string, options separated by ";". */
      return g_strjoinv (";", (char **) items);
    }
  return NULL;
}

/* The attribute/value list of a lead write: the contact's properties that
 * are set (NULL means "leave as is", "" clears), its custom fields except
 * those LeadSquared sets itself, and SearchBy for CreateOrUpdate. */
JsonArray *
liaison_lsq_contact_to_list (LiaisonContact *contact, const char *search_by)
{
  JsonArray *list = json_array_new ();
  g_auto (GStrv) ids = NULL;
  guint i;

  g_return_val_if_fail (LIAISON_IS_CONTACT (contact), list);

  for (i = 0; i < G_N_ELEMENTS (contact_props); i++)
    {
      g_autofree char *text = NULL;

      g_object_get (contact, contact_props[i].property, &text, NULL);
      if (text != NULL)
        add_pair (list, contact_props[i].attribute, text);
    }

  ids = liaison_contact_dup_custom_field_ids (contact);
  for (i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      g_autofree char *text = NULL;

      if (liaison_lsq_attribute_is_read_only (ids[i]) || property_for (ids[i]) != NULL)
        continue;
      text = variant_to_text (liaison_contact_get_custom_field (contact, ids[i]));
      if (text != NULL)
        add_pair (list, ids[i], text);
    }

  if (search_by != NULL)
    add_pair (list, "SearchBy", search_by);
  return list;
}

JsonNode *
liaison_lsq_contact_to_json (LiaisonContact *contact, const char *search_by)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, liaison_lsq_contact_to_list (contact, search_by));
  return node;
}

/* ---- values ---- */

/* A number, or a number written as a string ("54"). */
gboolean
liaison_lsq_json_get_int (JsonObject *object, const char *member, gint64 *value)
{
  /* Whole numbers only, range checked before any cast. */
  return liaison_json_get_int_in_range (object, member, G_MININT64, G_MAXINT64, value);
}

/* A flag as 0/1 (number or string) or true/false. */
gboolean
liaison_lsq_json_get_flag (JsonObject *object, const char *member)
{
  gint64 value;

  if (liaison_lsq_json_get_int (object, member, &value))
    return value != 0;
  return liaison_json_get_boolean (object, member, FALSE);
}

/* ---- bulk results ---- */

static GError *
row_error (JsonObject *object, guint row)
{
  const char *type = liaison_json_get_string (object, "ExceptionType");
  const char *message = liaison_json_get_string (object, "ErrorMessage");
  LiaisonHttpError code = LIAISON_HTTP_ERROR_VALIDATION;
  g_autofree char *explained = NULL;

  if (message == NULL)
    message = liaison_json_get_string (object, "ExceptionMessage");
  if (message == NULL)
    message = type != NULL ? type : "no reason given";
  explained = liaison_http_error_explain_duplicate (message);
  if (strstr (message, "does not exist") != NULL)
    code = LIAISON_HTTP_ERROR_NOT_FOUND;
  return g_error_new (LIAISON_HTTP_ERROR, code, "%s rejected lead %u of the batch: %s", SERVICE,
                      row + 1, explained != NULL ? explained : message);
}

/* The per-row answer of Lead/Bulk/CreateOrUpdate for rows first_row ..
 * first_row + n_rows - 1 of the caller's array: [{"RowNumber": 1 (within
 * the batch), "LeadId", "LeadCreated", "LeadUpdated", "ExceptionType"?,
 * "ErrorMessage"?}]. A row without an answer gets a protocol error. */
GPtrArray *
liaison_lsq_row_results_from_json (JsonNode *root, guint first_row, guint n_rows, GError **error)
{
  g_autoptr (GPtrArray) results = NULL;
  JsonArray *array;
  guint i;

  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                   "%s sent a bulk answer that is not a list of row results", SERVICE);
      return NULL;
    }
  array = json_node_get_array (root);

  results = g_ptr_array_new_full (n_rows, (GDestroyNotify) liaison_lsq_row_result_free);
  for (i = 0; i < n_rows; i++)
    {
      LiaisonLsqRowResult *result = g_new0 (LiaisonLsqRowResult, 1);

      result->row = first_row + i;
      g_ptr_array_add (results, result);
    }

  for (i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      LiaisonLsqRowResult *result;
      JsonObject *object;
      const char *lead_id;
      gint64 number;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      object = json_node_get_object (element);
      if (!liaison_lsq_json_get_int (object, "RowNumber", &number) || number < 1 || number > n_rows)
        continue;
      result = g_ptr_array_index (results, number - 1);
      g_clear_error (&result->error);
      g_clear_pointer (&result->lead_id, g_free);
      lead_id = liaison_json_get_string (object, "LeadId");
      if (lead_id != NULL && *lead_id != '\0'
          && liaison_json_get_string (object, "ExceptionType") == NULL
          && liaison_json_get_string (object, "ErrorMessage") == NULL)
        {
          result->lead_id = g_strdup (lead_id);
          result->created = liaison_lsq_json_get_flag (object, "LeadCreated");
          result->updated = liaison_lsq_json_get_flag (object, "LeadUpdated");
        }
      else
        result->error = row_error (object, (guint) number - 1);
    }

  for (i = 0; i < n_rows; i++)
    {
      LiaisonLsqRowResult *result = g_ptr_array_index (results, i);

      if (result->lead_id == NULL && result->error == NULL)
        result->error = g_error_new (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                                     "%s sent no result for lead %u of the batch", SERVICE, i + 1);
    }
  return g_steal_pointer (&results);
}
