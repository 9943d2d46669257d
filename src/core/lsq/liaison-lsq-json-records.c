/* liaison-lsq-json-records.c: LeadSquared tasks, appointments, notes,
 * users and lead fields <-> Liaison models.
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

/* ---- tasks and appointments ---- */

/* 0 appointment, 1 to-do, -1 unknown (the rows of RetrieveTaskByLeadId). */
int
liaison_lsq_task_category (JsonObject *object)
{
  gint64 category;

  if (liaison_lsq_json_get_int (object, "Category", &category)
      || liaison_lsq_json_get_int (liaison_json_get_object (object, "TaskType"), "Category",
                                   &category))
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

  if (liaison_lsq_json_get_int (object, "StatusCode", &code))
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
  set_task_type (object,
                 task_type != NULL ? task_type : liaison_appointment_get_calendar_id (appointment));
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
      field,
      liaison_lsq_field_type_from_string (liaison_json_get_string (object, "DataType"),
                                          liaison_json_get_string (object, "RenderTypeTextValue")));
  liaison_field_def_set_is_custom (field, g_str_has_prefix (schema, "mx_"));
  liaison_field_def_set_is_required (field, liaison_lsq_json_get_flag (object, "IsMandatory"));
  liaison_field_def_set_is_unique (field, liaison_lsq_json_get_flag (object, "IsLeadIdentifier"));
  if (liaison_lsq_json_get_int (object, "MaxLength", &max_length) && max_length > 0
      && max_length <= G_MAXUINT)
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
