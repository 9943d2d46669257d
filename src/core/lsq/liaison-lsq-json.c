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
#include "liaison-lsq-json.h"

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
  { "FirstName", "first-name" },  { "LastName", "last-name" }, { "EmailAddress", "email" },
  { "Phone", "phone" },           { "Company", "company-name" }, { "Website", "website" },
  { "TimeZone", "time-zone" },    { "Source", "source" },       { "OwnerId", "assigned-to" },
  { "mx_Street1", "address1" },   { "mx_City", "city" },        { "mx_State", "state" },
  { "mx_Zip", "postal-code" },    { "mx_Country", "country" },
};

/* Set by LeadSquared itself: read, kept as custom fields, never written. */
static const char *const read_only[] = {
  "ProspectID",          "ProspectAutoId",
  "CreatedBy",           "CreatedByName",
  "CreatedOn",           "ModifiedBy",
  "ModifiedByName",      "ModifiedOn",
  "LeadLastModifiedOn",  "OwnerIdName",
  "OwnerIdEmailAddress", "StatusCode",
  "StatusReason",        "IsLead",
  "DeletionStatusCode",  "ProspectActivityDate_Max",
  "ProspectActivityName_Max", "LastVisitDate",
  "NotableEvent",        "EngagementScore",
  "Origin",              "CanUpdate",
};

static gboolean
is_read_only (const char *attribute)
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
  static const char *const flags[] = { "DoNotEmail", "DoNotCall", "DoNotSMS", "DoNotTrack", "IsLead" };
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
  if (g_strcmp0 (text, "1") == 0 || g_ascii_strcasecmp (text, "true") == 0)
    *flag = TRUE;
  else if (g_strcmp0 (text, "0") == 0 || g_ascii_strcasecmp (text, "false") == 0)
    *flag = FALSE;
  else
    return FALSE;
  return TRUE;
}

static gboolean
parse_number (const char *text, double *number)
{
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  *number = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0';
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

LiaisonContact *
liaison_lsq_contact_from_attributes (GHashTable *attributes, GHashTable *field_types,
                                     GError **error)
{
  g_autoptr (LiaisonContact) contact = NULL;
  g_autoptr (GDateTime) created = NULL;
  g_autoptr (GDateTime) modified = NULL;
  const char *id = g_hash_table_lookup (attributes, "ProspectID");
  GHashTableIter iter;
  gpointer key, value;

  if (id == NULL || *id == '\0')
    {
      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                   "%s sent a lead without a ProspectID", SERVICE);
      return NULL;
    }

  contact = liaison_contact_new ();
  liaison_contact_set_id (contact, id);

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

  /* All three dates shapes are read; "0001-01-01" means never. */
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
    return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", g_variant_get_double (value)));
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

      if (is_read_only (ids[i]) || property_for (ids[i]) != NULL)
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

/* ---- tasks and appointments ---- */

static gboolean
get_int (JsonObject *object, const char *member, gint64 *value)
{
  double d;

  if (!liaison_json_get_double (object, member, &d) || d < G_MININT64 || d > G_MAXINT64)
    return FALSE;
  *value = (gint64) d;
  return TRUE;
}

/* 0 appointment, 1 to-do, -1 unknown (the rows of RetrieveTaskByLeadId). */
int
liaison_lsq_task_category (JsonObject *object)
{
  gint64 category;

  if (get_int (object, "Category", &category)
      || get_int (liaison_json_get_object (object, "TaskType"), "Category", &category))
    {
      if (category == LIAISON_LSQ_CATEGORY_APPOINTMENT || category == LIAISON_LSQ_CATEGORY_TODO)
        return (int) category;
    }
  return -1;
}

/* The two spellings are both documented: UserTaskId in full task objects,
 * TaskID in RetrieveTaskByLeadId rows (likewise OwnerId / OwnerID). */
static const char *
task_id (JsonObject *object)
{
  const char *id = liaison_json_get_string (object, "UserTaskId");

  return id != NULL ? id : liaison_json_get_string (object, "TaskID");
}

static const char *
owner_id (JsonObject *object)
{
  const char *id = liaison_json_get_string (object, "OwnerId");

  return id != NULL ? id : liaison_json_get_string (object, "OwnerID");
}

static gboolean
task_completed (JsonObject *object)
{
  const char *status = liaison_json_get_string (object, "Status");
  gint64 code;

  if (get_int (object, "StatusCode", &code))
    return code == 1;
  return g_strcmp0 (status, "Completed") == 0 || g_strcmp0 (status, "Complete") == 0;
}

static gboolean
check_task_id (JsonObject *object, GError **error)
{
  const char *id = task_id (object);

  if (id == NULL || *id == '\0')
    {
      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                   "%s sent a task without an id", SERVICE);
      return FALSE;
    }
  return TRUE;
}

LiaisonTask *
liaison_lsq_task_from_json (JsonObject *object, GError **error)
{
  g_autoptr (LiaisonTask) task = NULL;
  g_autoptr (GDateTime) due = NULL;
  g_autoptr (GDateTime) completed_at = NULL;
  g_autoptr (GDateTime) created = NULL;
  g_autoptr (GDateTime) modified = NULL;

  if (!check_task_id (object, error))
    return NULL;

  task = liaison_task_new ();
  liaison_task_set_id (task, task_id (object));
  liaison_task_set_contact_id (task, liaison_json_get_string (object, "RelatedEntityId"));
  liaison_task_set_title (task, liaison_json_get_string (object, "Name"));
  liaison_task_set_body (task, liaison_json_get_string (object, "Description"));
  liaison_task_set_assigned_to (task, owner_id (object));
  liaison_task_set_completed (task, task_completed (object));
  due = liaison_json_get_time (object, "DueDate");
  completed_at = liaison_json_get_time (object, "CompletedOn");
  created = liaison_json_get_time (object, "CreatedOn");
  modified = liaison_json_get_time (object, "ModifiedOn");
  liaison_task_set_due_date (task, due);
  liaison_task_set_completed_at (task, completed_at);
  liaison_task_set_date_added (task, created);
  liaison_task_set_date_updated (task, modified);
  return g_steal_pointer (&task);
}

/* An appointment is a task of a category-0 type; its type stands in for
 * the calendar. */
LiaisonAppointment *
liaison_lsq_appointment_from_json (JsonObject *object, GError **error)
{
  g_autoptr (LiaisonAppointment) appointment = NULL;
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (GDateTime) end = NULL;
  g_autoptr (GDateTime) created = NULL;
  g_autoptr (GDateTime) modified = NULL;
  JsonObject *type = liaison_json_get_object (object, "TaskType");
  const char *status = liaison_json_get_string (object, "Status");

  if (!check_task_id (object, error))
    return NULL;

  appointment = liaison_appointment_new ();
  liaison_appointment_set_id (appointment, task_id (object));
  liaison_appointment_set_calendar_id (appointment, liaison_json_get_string (type, "Id"));
  liaison_appointment_set_contact_id (appointment,
                                      liaison_json_get_string (object, "RelatedEntityId"));
  liaison_appointment_set_title (appointment, liaison_json_get_string (object, "Name"));
  liaison_appointment_set_description (appointment,
                                       liaison_json_get_string (object, "Description"));
  liaison_appointment_set_address (appointment, liaison_json_get_string (object, "Location"));
  liaison_appointment_set_assigned_user_id (appointment, owner_id (object));
  if (task_completed (object))
    liaison_appointment_set_status (appointment, LIAISON_APPOINTMENT_STATUS_COMPLETED);
  else if (g_strcmp0 (status, "Cancelled") == 0)
    liaison_appointment_set_status (appointment, LIAISON_APPOINTMENT_STATUS_CANCELLED);
  else
    liaison_appointment_set_status (appointment, LIAISON_APPOINTMENT_STATUS_CONFIRMED);
  start = liaison_json_get_time (object, "DueDate");
  end = liaison_json_get_time (object, "EndDate");
  created = liaison_json_get_time (object, "CreatedOn");
  modified = liaison_json_get_time (object, "ModifiedOn");
  liaison_appointment_set_start_time (appointment, start);
  liaison_appointment_set_end_time (appointment, end);
  liaison_appointment_set_time_zone (appointment, "UTC");
  liaison_appointment_set_date_added (appointment, created);
  liaison_appointment_set_date_updated (appointment, modified);
  return g_steal_pointer (&appointment);
}

/* A LiaisonAppointment for category 0, else a LiaisonTask. */
GObject *
liaison_lsq_activity_from_json (JsonObject *object, GError **error)
{
  if (liaison_lsq_task_category (object) == LIAISON_LSQ_CATEGORY_APPOINTMENT)
    return G_OBJECT (liaison_lsq_appointment_from_json (object, error));
  return G_OBJECT (liaison_lsq_task_from_json (object, error));
}

static void
set_time_member (JsonObject *object, const char *member, GDateTime *time)
{
  if (time != NULL)
    {
      g_autofree char *text = liaison_lsq_format_time (time);

      json_object_set_string_member (object, member, text);
    }
}

static void
set_string_member (JsonObject *object, const char *member, const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
}

static gboolean
looks_like_guid (const char *text)
{
  guint i;

  if (text == NULL || strlen (text) != 36)
    return FALSE;
  for (i = 0; i < 36; i++)
    if ((i == 8 || i == 13 || i == 18 || i == 23) ? text[i] != '-' : !g_ascii_isxdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* The task type by Id when given an id, else by its Name ("Meeting"). */
static void
set_task_type (JsonObject *object, const char *task_type)
{
  JsonObject *type;

  if (task_type == NULL || *task_type == '\0')
    return;
  type = json_object_new ();
  json_object_set_string_member (type, looks_like_guid (task_type) ? "Id" : "Name", task_type);
  json_object_set_object_member (object, "TaskType", type);
}

static void
set_related (JsonObject *object, const char *lead_id)
{
  if (lead_id == NULL)
    return;
  json_object_set_int_member (object, "RelatedEntity", 1);
  json_object_set_string_member (object, "RelatedEntityId", lead_id);
}

/* Task.svc/Create and Update bodies. Completion is not written here: Update
 * does not complete a task, MarkComplete does. */
JsonNode *
liaison_lsq_task_to_json (LiaisonTask *task, const char *task_type, gboolean create)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  if (!create)
    set_string_member (object, "UserTaskId", liaison_task_get_id (task));
  set_string_member (object, "Name", liaison_task_get_title (task));
  set_string_member (object, "Description", liaison_task_get_body (task));
  set_related (object, liaison_task_get_contact_id (task));
  set_time_member (object, "DueDate", liaison_task_get_due_date (task));
  set_string_member (object, "OwnerId", liaison_task_get_assigned_to (task));
  set_task_type (object, task_type);
  json_node_take_object (node, object);
  return node;
}

JsonNode *
liaison_lsq_appointment_to_json (LiaisonAppointment *appointment, const char *task_type,
                                 gboolean create)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  if (!create)
    set_string_member (object, "UserTaskId", liaison_appointment_get_id (appointment));
  set_string_member (object, "Name", liaison_appointment_get_title (appointment));
  set_string_member (object, "Description", liaison_appointment_get_description (appointment));
  set_related (object, liaison_appointment_get_contact_id (appointment));
  set_time_member (object, "DueDate", liaison_appointment_get_start_time (appointment));
  set_time_member (object, "EndDate", liaison_appointment_get_end_time (appointment));
  set_string_member (object, "OwnerId", liaison_appointment_get_assigned_user_id (appointment));
  set_string_member (object, "Location", liaison_appointment_get_address (appointment));
  set_task_type (object, task_type != NULL ? task_type
                                           : liaison_appointment_get_calendar_id (appointment));
  json_node_take_object (node, object);
  return node;
}

/* ---- notes ---- */

LiaisonNote *
liaison_lsq_note_from_json (JsonObject *object, const char *lead_id, GError **error)
{
  g_autoptr (LiaisonNote) note = NULL;
  g_autoptr (GDateTime) created = NULL;
  g_autoptr (GDateTime) modified = NULL;
  const char *id = liaison_json_get_string (object, "ProspectNoteId");
  const char *related = liaison_json_get_string (object, "RelatedProspectId");

  if (id == NULL)
    id = liaison_json_get_string (object, "Id");
  if (id == NULL || *id == '\0')
    {
      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                   "%s sent a note without an id", SERVICE);
      return NULL;
    }

  note = liaison_note_new ();
  liaison_note_set_id (note, id);
  liaison_note_set_contact_id (note, related != NULL ? related : lead_id);
  liaison_note_set_body (note, liaison_json_get_string (object, "Note"));
  liaison_note_set_user_id (note, liaison_json_get_string (object, "CreatedBy"));
  created = liaison_json_get_time (object, "CreatedOn");
  modified = liaison_json_get_time (object, "ModifiedOn");
  liaison_note_set_date_added (note, created);
  liaison_note_set_date_updated (note, modified);
  return g_steal_pointer (&note);
}

JsonNode *
liaison_lsq_note_to_json (LiaisonNote *note, gboolean create)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  set_string_member (object, "RelatedProspectId", liaison_note_get_contact_id (note));
  if (!create)
    set_string_member (object, "ProspectNoteId", liaison_note_get_id (note));
  set_string_member (object, "Note", liaison_note_get_body (note));
  json_node_take_object (node, object);
  return node;
}

/* ---- users and fields ---- */

static const char *
first_string (JsonObject *object, const char *const *members)
{
  guint i;

  for (i = 0; members[i] != NULL; i++)
    {
      const char *value = liaison_json_get_string (object, members[i]);

      if (value != NULL && *value != '\0')
        return value;
    }
  return NULL;
}

/* Users.Get objects ("ID") and UserByAccessKey.Get ("Id", "Name"). */
LiaisonUser *
liaison_lsq_user_from_json (JsonObject *object, GError **error)
{
  static const char *const ids[] = { "ID", "Id", "UserId", NULL };
  static const char *const phones[] = { "PhoneMobile", "PhoneMain", "Phone", NULL };
  g_autoptr (LiaisonUser) user = NULL;
  g_autofree char *joined = NULL;
  const char *id = first_string (object, ids);
  const char *first = liaison_json_get_string (object, "FirstName");
  const char *last = liaison_json_get_string (object, "LastName");
  const char *name = liaison_json_get_string (object, "Name");

  if (id == NULL)
    {
      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                   "%s sent a user without an id", SERVICE);
      return NULL;
    }
  if (name == NULL && (first != NULL || last != NULL))
    {
      joined = g_strjoin (" ", first != NULL ? first : "", last != NULL ? last : "", NULL);
      name = g_strstrip (joined);
    }

  user = liaison_user_new ();
  liaison_user_set_id (user, id);
  liaison_user_set_name (user, name);
  liaison_user_set_first_name (user, first);
  liaison_user_set_last_name (user, last);
  liaison_user_set_email (user, liaison_json_get_string (object, "EmailAddress"));
  liaison_user_set_phone (user, first_string (object, phones));
  liaison_user_set_role (user, liaison_json_get_string (object, "Role"));
  liaison_user_set_time_zone (user, liaison_json_get_string (object, "TimeZone"));
  return g_steal_pointer (&user);
}

LiaisonFieldType
liaison_lsq_field_type_from_string (const char *data_type, const char *render_type)
{
  static const struct
  {
    const char *name;
    LiaisonFieldType type;
  } types[] = {
    { "String", LIAISON_FIELD_TYPE_TEXT },
    { "Text", LIAISON_FIELD_TYPE_TEXT },
    { "Number", LIAISON_FIELD_TYPE_NUMBER },
    { "Email", LIAISON_FIELD_TYPE_EMAIL },
    { "Phone", LIAISON_FIELD_TYPE_PHONE },
    { "Website", LIAISON_FIELD_TYPE_URL },
    { "URL", LIAISON_FIELD_TYPE_URL },
    { "Date", LIAISON_FIELD_TYPE_DATE },
    { "DateTime", LIAISON_FIELD_TYPE_DATE_TIME },
    { "Time", LIAISON_FIELD_TYPE_TIME },
    { "Boolean", LIAISON_FIELD_TYPE_BOOLEAN },
    { "Select", LIAISON_FIELD_TYPE_SINGLE_OPTION },
    { "Dropdown", LIAISON_FIELD_TYPE_SINGLE_OPTION },
    { "MultiSelect", LIAISON_FIELD_TYPE_MULTIPLE_OPTIONS },
    { "File", LIAISON_FIELD_TYPE_FILE },
  };
  guint i;

  if (g_strcmp0 (data_type, "String") == 0 && g_strcmp0 (render_type, "TextArea") == 0)
    return LIAISON_FIELD_TYPE_LARGE_TEXT;
  for (i = 0; data_type != NULL && i < G_N_ELEMENTS (types); i++)
    if (g_ascii_strcasecmp (types[i].name, data_type) == 0)
      return types[i].type;
  return LIAISON_FIELD_TYPE_OTHER;
}

static gboolean
get_flag (JsonObject *object, const char *member)
{
  gint64 value;

  if (get_int (object, member, &value))
    return value != 0;
  return liaison_json_get_boolean (object, member, FALSE);
}

/* One element of LeadsMetaData.Get. */
LiaisonFieldDef *
liaison_lsq_field_def_from_json (JsonObject *object, GError **error)
{
  g_autoptr (LiaisonFieldDef) field = NULL;
  g_autoptr (GPtrArray) options = NULL;
  const char *schema = liaison_json_get_string (object, "SchemaName");
  JsonArray *option_list = liaison_json_get_array (object, "Options");
  gint64 max_length;
  guint i;

  if (schema == NULL || *schema == '\0')
    {
      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                   "%s sent a lead field without a SchemaName", SERVICE);
      return NULL;
    }

  field = liaison_field_def_new ();
  liaison_field_def_set_id (field, schema);
  liaison_field_def_set_key (field, schema);
  liaison_field_def_set_name (field, liaison_json_get_string (object, "DisplayName"));
  liaison_field_def_set_data_type (
      field, liaison_lsq_field_type_from_string (liaison_json_get_string (object, "DataType"),
                                                 liaison_json_get_string (object,
                                                                          "RenderTypeTextValue")));
  liaison_field_def_set_is_custom (field, g_str_has_prefix (schema, "mx_"));
  liaison_field_def_set_is_required (field, get_flag (object, "IsMandatory"));
  liaison_field_def_set_is_unique (field, get_flag (object, "IsLeadIdentifier"));
  if (get_int (object, "MaxLength", &max_length) && max_length > 0 && max_length <= G_MAXUINT)
    liaison_field_def_set_max_length (field, (guint) max_length);

  options = g_ptr_array_new_with_free_func (g_free);
  for (i = 0; option_list != NULL && i < json_array_get_length (option_list); i++)
    {
      JsonNode *element = json_array_get_element (option_list, i);
      const char *value = NULL;

      if (JSON_NODE_HOLDS_OBJECT (element))
        {
          value = liaison_json_get_string (json_node_get_object (element), "Value");
          if (value == NULL)
            value = liaison_json_get_string (json_node_get_object (element), "Text");
        }
      else if (JSON_NODE_HOLDS_VALUE (element)
               && json_node_get_value_type (element) == G_TYPE_STRING)
        value = json_node_get_string (element);
      if (value != NULL)
        g_ptr_array_add (options, g_strdup (value));
    }
  if (options->len > 0)
    {
      g_ptr_array_add (options, NULL);
      liaison_field_def_set_options (field, (const char *const *) options->pdata);
    }
  return g_steal_pointer (&field);
}

/* ---- bulk results ---- */

static GError *
row_error (JsonObject *object, guint row)
{
  const char *type = liaison_json_get_string (object, "ExceptionType");
  const char *message = liaison_json_get_string (object, "ErrorMessage");
  LiaisonHttpError code = LIAISON_HTTP_ERROR_VALIDATION;

  if (message == NULL)
    message = liaison_json_get_string (object, "ExceptionMessage");
  if (message == NULL)
    message = type != NULL ? type : "no reason given";
  if (strstr (message, "does not exist") != NULL)
    code = LIAISON_HTTP_ERROR_NOT_FOUND;
  return g_error_new (LIAISON_HTTP_ERROR, code, "%s rejected lead %u of the batch: %s", SERVICE,
                      row + 1, message);
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
      if (!get_int (object, "RowNumber", &number) || number < 1 || number > n_rows)
        continue;
      result = g_ptr_array_index (results, number - 1);
      g_clear_error (&result->error);
      g_clear_pointer (&result->lead_id, g_free);
      lead_id = liaison_json_get_string (object, "LeadId");
      if (lead_id != NULL && *lead_id != '\0' && liaison_json_get_string (object, "ExceptionType") == NULL
          && liaison_json_get_string (object, "ErrorMessage") == NULL)
        {
          result->lead_id = g_strdup (lead_id);
          result->created = get_flag (object, "LeadCreated");
          result->updated = get_flag (object, "LeadUpdated");
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
