/* liaison-ghl-mapping.c: HighLevel API v2 JSON <-> Liaison models, after
 * ghl-openapi/apps/contacts.json, calendars.json, locations.json and
 * users.json (Version 2021-07-28 and 2021-04-15 shapes).
 *
 * Custom field values have two shapes: HighLevel returns {id, value} and
 * accepts {id, field_value}; the value is a string, a number or a list of
 * strings depending on the field's type.
 *
 * Strings left NULL in a model are not written, so that an update changes
 * only what the caller set; booleans are always written.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-ghl"

#include <string.h>

#include "liaison-ghl-mapping.h"
#include "liaison-http-error.h"
#include "liaison-json.h"

static const char *
require_id (JsonObject *object, const char *what, GError **error)
{
  const char *id = liaison_json_get_string (object, "id");

  if (id == NULL || *id == '\0')
    {
      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                   "HighLevel sent %s without an id", what);
      return NULL;
    }
  return id;
}

/* Times arrive as ISO 8601 strings, as "YYYY-MM-DD HH:MM:SS" (contact
 * appointments) or, in calendar events typed "object", as epoch millis. */
static GDateTime *
get_time (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 ms = json_node_get_int (node);
      g_autoptr (GDateTime) whole = g_date_time_new_from_unix_utc (ms / 1000);

      return whole != NULL ? g_date_time_add (whole, (ms % 1000) * 1000) : NULL;
    }
  return liaison_json_get_time (object, member);
}

static void
set_time (GObject *model, const char *property, JsonObject *object, const char *member)
{
  g_autoptr (GDateTime) time = get_time (object, member);

  if (time != NULL)
    g_object_set (model, property, time, NULL);
}

static void
set_string (GObject *model, const char *property, JsonObject *object, const char *member)
{
  const char *value = liaison_json_get_string (object, member);

  if (value != NULL)
    g_object_set (model, property, value, NULL);
}

/* A model property read from a reply member, as a string or as a time. */
typedef struct
{
  const char *property;
  const char *member;
  gboolean time;
} Member;

/* A new model of type with the reply's id and those of members present, in
 * order (a later member wins); NULL with a protocol error without an id. */
static gpointer
model_from_json (GType type, const char *what, JsonObject *object, const Member *members,
                 gsize n_members, GError **error)
{
  const char *id = require_id (object, what, error);
  GObject *model;
  gsize i;

  if (id == NULL)
    return NULL;
  model = g_object_new (type, "id", id, NULL);
  for (i = 0; i < n_members; i++)
    if (members[i].time)
      set_time (model, members[i].property, object, members[i].member);
    else
      set_string (model, members[i].property, object, members[i].member);
  return model;
}

static void
put_string (JsonBuilder *builder, const char *member, const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static void
put_time (JsonBuilder *builder, const char *member, GDateTime *time, gboolean millis)
{
  g_autoptr (GDateTime) utc = NULL;
  g_autofree char *text = NULL;

  if (time == NULL)
    return;
  if (millis)
    text = liaison_json_format_time (time);
  else
    {
      /* Tasks: HighLevel refuses its own millisecond format on update. */
      utc = g_date_time_to_utc (time);
      text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
    }
  put_string (builder, member, text);
}

static void
put_strv (JsonBuilder *builder, const char *member, const char *const *strv)
{
  guint i;

  if (strv == NULL)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (i = 0; strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

/* ---- contacts ---- */

static GVariant *
custom_value_to_variant (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        return g_variant_new_string (json_node_get_string (node));
      if (type == G_TYPE_INT64)
        return g_variant_new_double ((double) json_node_get_int (node));
      if (type == G_TYPE_DOUBLE)
        return g_variant_new_double (json_node_get_double (node));
      if (type == G_TYPE_BOOLEAN)
        return g_variant_new_boolean (json_node_get_boolean (node));
      return NULL;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr (GPtrArray) strings = g_ptr_array_new ();
      guint i;

      for (i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element)
              && json_node_get_value_type (element) == G_TYPE_STRING)
            g_ptr_array_add (strings, (gpointer) json_node_get_string (element));
        }
      return g_variant_new_strv ((const char *const *) strings->pdata, strings->len);
    }

  /* File fields (objects keyed by upload id) are not synced. */
  return NULL;
}

static void
read_custom_fields (LiaisonContact *contact, JsonObject *object)
{
  JsonArray *fields = liaison_json_get_array (object, "customFields");
  guint i;

  if (fields == NULL)
    return;

  for (i = 0; i < json_array_get_length (fields); i++)
    {
      JsonNode *element = json_array_get_element (fields, i);
      JsonObject *field;
      const char *id;
      JsonNode *value;
      GVariant *variant;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      field = json_node_get_object (element);
      id = liaison_json_get_string (field, "id");
      if (id == NULL)
        continue;
      /* Responses say "value"; accept the request spelling too. */
      value = json_object_get_member (field, "value");
      if (value == NULL)
        value = json_object_get_member (field, "field_value");
      variant = custom_value_to_variant (value);
      if (variant != NULL)
        liaison_contact_set_custom_field (contact, id, variant);
    }
}

static void
write_custom_value (JsonBuilder *builder, GVariant *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    json_builder_add_string_value (builder, g_variant_get_string (value, NULL));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    json_builder_add_double_value (builder, g_variant_get_double (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    json_builder_add_int_value (builder, g_variant_get_int64 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    json_builder_add_int_value (builder, g_variant_get_int32 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    json_builder_add_boolean_value (builder, g_variant_get_boolean (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    {
      g_autofree const char **strv = g_variant_get_strv (value, NULL);
      guint i;

      json_builder_begin_array (builder);
      for (i = 0; strv[i] != NULL; i++)
        json_builder_add_string_value (builder, strv[i]);
      json_builder_end_array (builder);
    }
  else
    json_builder_add_null_value (builder);
}

static void
write_custom_fields (JsonBuilder *builder, LiaisonContact *contact)
{
  g_auto (GStrv) ids = liaison_contact_dup_custom_field_ids (contact);
  guint i;

  if (ids[0] == NULL)
    return;

  json_builder_set_member_name (builder, "customFields");
  json_builder_begin_array (builder);
  for (i = 0; ids[i] != NULL; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, ids[i]);
      json_builder_set_member_name (builder, "field_value");
      write_custom_value (builder, liaison_contact_get_custom_field (contact, ids[i]));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

LiaisonContact *
liaison_ghl_contact_from_json (JsonObject *object, GError **error)
{
  static const Member members[] = {
    { "first-name", "firstName", FALSE },
    { "last-name", "lastName", FALSE },
    { "email", "email", FALSE },
    { "phone", "phone", FALSE },
    { "company-name", "companyName", FALSE },
    { "address1", "address1", FALSE },
    { "city", "city", FALSE },
    { "state", "state", FALSE },
    { "postal-code", "postalCode", FALSE },
    { "country", "country", FALSE },
    { "website", "website", FALSE },
    { "time-zone", "timezone", FALSE },
    { "source", "source", FALSE },
    { "assigned-to", "assignedTo", FALSE },
    { "date-added", "dateAdded", TRUE },
    { "date-updated", "dateUpdated", TRUE },
  };
  g_autoptr (LiaisonContact) contact = NULL;
  g_auto (GStrv) tags = NULL;
  const char *birth;

  contact = model_from_json (LIAISON_TYPE_CONTACT, "a contact", object, members,
                             G_N_ELEMENTS (members), error);
  if (contact == NULL)
    return NULL;
  liaison_contact_set_dnd (contact, liaison_json_get_boolean (object, "dnd", FALSE));

  /* A calendar date; HighLevel may append a midnight time to it. */
  birth = liaison_json_get_string (object, "dateOfBirth");
  if (birth != NULL && strlen (birth) >= 10)
    {
      g_autofree char *date = g_strndup (birth, 10);
      liaison_contact_set_date_of_birth (contact, date);
    }

  tags = liaison_json_dup_strv (object, "tags");
  if (tags != NULL)
    liaison_contact_set_tags (contact, (const char *const *) tags);
  read_custom_fields (contact, object);

  return g_steal_pointer (&contact);
}

/* Create and upsert carry the location and the company name; the update
 * body (UpdateContactDto) has neither. */
JsonNode *
liaison_ghl_contact_to_json (LiaisonContact *contact, LiaisonGhlWrite kind, const char *location_id)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  if (kind != LIAISON_GHL_WRITE_UPDATE)
    {
      put_string (builder, "locationId", location_id);
      put_string (builder, "companyName", liaison_contact_get_company_name (contact));
    }
  put_string (builder, "firstName", liaison_contact_get_first_name (contact));
  put_string (builder, "lastName", liaison_contact_get_last_name (contact));
  put_string (builder, "email", liaison_contact_get_email (contact));
  put_string (builder, "phone", liaison_contact_get_phone (contact));
  put_string (builder, "address1", liaison_contact_get_address1 (contact));
  put_string (builder, "city", liaison_contact_get_city (contact));
  put_string (builder, "state", liaison_contact_get_state (contact));
  put_string (builder, "postalCode", liaison_contact_get_postal_code (contact));
  put_string (builder, "country", liaison_contact_get_country (contact));
  put_string (builder, "website", liaison_contact_get_website (contact));
  put_string (builder, "timezone", liaison_contact_get_time_zone (contact));
  put_string (builder, "source", liaison_contact_get_source (contact));
  put_string (builder, "assignedTo", liaison_contact_get_assigned_to (contact));
  put_string (builder, "dateOfBirth", liaison_contact_get_date_of_birth (contact));
  json_builder_set_member_name (builder, "dnd");
  json_builder_add_boolean_value (builder, liaison_contact_get_dnd (contact));
  put_strv (builder, "tags", liaison_contact_get_tags (contact));
  write_custom_fields (builder, contact);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* ---- tasks and notes ---- */

LiaisonTask *
liaison_ghl_task_from_json (JsonObject *object, GError **error)
{
  static const Member members[] = {
    { "contact-id", "contactId", FALSE },
    { "title", "title", FALSE },
    { "body", "body", FALSE },
    { "assigned-to", "assignedTo", FALSE },
    { "due-date", "dueDate", TRUE },
    { "date-added", "dateAdded", TRUE },
    { "date-updated", "dateUpdated", TRUE },
  };
  g_autoptr (LiaisonTask) task = NULL;

  task = model_from_json (LIAISON_TYPE_TASK, "a task", object, members, G_N_ELEMENTS (members),
                          error);
  if (task == NULL)
    return NULL;
  liaison_task_set_completed (task, liaison_json_get_boolean (object, "completed", FALSE));
  return g_steal_pointer (&task);
}

/* CreateTaskParams / UpdateTaskBody. */
JsonNode *
liaison_ghl_task_to_json (LiaisonTask *task)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  put_string (builder, "title", liaison_task_get_title (task));
  put_string (builder, "body", liaison_task_get_body (task));
  put_time (builder, "dueDate", liaison_task_get_due_date (task), FALSE);
  json_builder_set_member_name (builder, "completed");
  json_builder_add_boolean_value (builder, liaison_task_get_completed (task));
  put_string (builder, "assignedTo", liaison_task_get_assigned_to (task));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

LiaisonNote *
liaison_ghl_note_from_json (JsonObject *object, GError **error)
{
  static const Member members[] = {
    { "contact-id", "contactId", FALSE },    { "body", "body", FALSE },
    { "user-id", "userId", FALSE },          { "date-added", "dateAdded", TRUE },
    { "date-updated", "dateUpdated", TRUE },
  };

  return model_from_json (LIAISON_TYPE_NOTE, "a note", object, members, G_N_ELEMENTS (members),
                          error);
}

/* NotesDTO / UpdateNoteDTO. */
JsonNode *
liaison_ghl_note_to_json (LiaisonNote *note)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  put_string (builder, "body", liaison_note_get_body (note));
  put_string (builder, "userId", liaison_note_get_user_id (note));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* ---- calendars and appointments ---- */

static const struct
{
  const char *name;
  LiaisonAppointmentStatus status;
} appointment_statuses[] = {
  { "new", LIAISON_APPOINTMENT_STATUS_NEW },
  { "confirmed", LIAISON_APPOINTMENT_STATUS_CONFIRMED },
  { "cancelled", LIAISON_APPOINTMENT_STATUS_CANCELLED },
  { "showed", LIAISON_APPOINTMENT_STATUS_SHOWED },
  { "noshow", LIAISON_APPOINTMENT_STATUS_NO_SHOW },
  { "invalid", LIAISON_APPOINTMENT_STATUS_INVALID },
  /* Read only: the response enum adds these two. */
  { "completed", LIAISON_APPOINTMENT_STATUS_COMPLETED },
  { "active", LIAISON_APPOINTMENT_STATUS_CONFIRMED },
};

LiaisonAppointmentStatus
liaison_ghl_appointment_status_from_string (const char *status)
{
  guint i;

  for (i = 0; status != NULL && i < G_N_ELEMENTS (appointment_statuses); i++)
    if (g_ascii_strcasecmp (status, appointment_statuses[i].name) == 0)
      return appointment_statuses[i].status;
  return LIAISON_APPOINTMENT_STATUS_UNKNOWN;
}

/* NULL for statuses HighLevel does not accept on writes. */
const char *
liaison_ghl_appointment_status_to_string (LiaisonAppointmentStatus status)
{
  guint i;

  /* The write enum has no "completed": an attended appointment "showed". */
  if (status == LIAISON_APPOINTMENT_STATUS_COMPLETED)
    return "showed";
  for (i = 0; i < 6; i++)
    if (appointment_statuses[i].status == status)
      return appointment_statuses[i].name;
  return NULL;
}

/* Reads both CalendarEventDTO (calendars API) and GetEventSchema (contact
 * appointments, with "YYYY-MM-DD HH:MM:SS" times). */
LiaisonAppointment *
liaison_ghl_appointment_from_json (JsonObject *object, GError **error)
{
  static const Member members[] = {
    { "calendar-id", "calendarId", FALSE },
    { "contact-id", "contactId", FALSE },
    { "title", "title", FALSE },
    { "description", "notes", FALSE },
    { "description", "description", FALSE },
    { "address", "address", FALSE },
    { "assigned-user-id", "assignedUserId", FALSE },
    { "start-time", "startTime", TRUE },
    { "end-time", "endTime", TRUE },
    { "date-added", "dateAdded", TRUE },
    { "date-updated", "dateUpdated", TRUE },
  };
  g_autoptr (LiaisonAppointment) appointment = NULL;
  const char *status;

  appointment = model_from_json (LIAISON_TYPE_APPOINTMENT, "an appointment", object, members,
                                 G_N_ELEMENTS (members), error);
  if (appointment == NULL)
    return NULL;

  status = liaison_json_get_string (object, "appointmentStatus");
  if (status == NULL)
    status = liaison_json_get_string (object, "status");
  liaison_appointment_set_status (appointment, liaison_ghl_appointment_status_from_string (status));
  return g_steal_pointer (&appointment);
}

/* AppointmentCreateSchema, or AppointmentEditSchema for an update (which
 * has no locationId and no contactId). */
JsonNode *
liaison_ghl_appointment_to_json (LiaisonAppointment *appointment, LiaisonGhlWrite kind,
                                 const char *location_id)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  put_string (builder, "calendarId", liaison_appointment_get_calendar_id (appointment));
  if (kind != LIAISON_GHL_WRITE_UPDATE)
    {
      put_string (builder, "locationId", location_id);
      put_string (builder, "contactId", liaison_appointment_get_contact_id (appointment));
    }
  put_time (builder, "startTime", liaison_appointment_get_start_time (appointment), FALSE);
  put_time (builder, "endTime", liaison_appointment_get_end_time (appointment), FALSE);
  put_string (builder, "title", liaison_appointment_get_title (appointment));
  put_string (builder, "description", liaison_appointment_get_description (appointment));
  put_string (builder, "address", liaison_appointment_get_address (appointment));
  put_string (builder, "assignedUserId", liaison_appointment_get_assigned_user_id (appointment));
  put_string (
      builder, "appointmentStatus",
      liaison_ghl_appointment_status_to_string (liaison_appointment_get_status (appointment)));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

LiaisonCalendar *
liaison_ghl_calendar_from_json (JsonObject *object, GError **error)
{
  static const Member members[] = {
    { "name", "name", FALSE },
    { "description", "description", FALSE },
    { "time-zone", "timezone", FALSE },
  };
  g_autoptr (LiaisonCalendar) calendar = NULL;
  const char *unit;
  double duration;

  calendar = model_from_json (LIAISON_TYPE_CALENDAR, "a calendar", object, members,
                              G_N_ELEMENTS (members), error);
  if (calendar == NULL)
    return NULL;
  liaison_calendar_set_is_active (calendar, liaison_json_get_boolean (object, "isActive", TRUE));

  if (liaison_json_get_double (object, "slotDuration", &duration) && duration > 0
      && duration <= 10080)
    {
      unit = liaison_json_get_string (object, "slotDurationUnit");
      if (g_strcmp0 (unit, "hours") == 0)
        duration *= 60;
      liaison_calendar_set_slot_duration (calendar, (guint) MIN (duration, 10080));
    }
  return g_steal_pointer (&calendar);
}

static const struct
{
  const char *name;
  LiaisonFieldType type;
} field_types[] = {
  { "TEXT", LIAISON_FIELD_TYPE_TEXT },
  { "LARGE_TEXT", LIAISON_FIELD_TYPE_LARGE_TEXT },
  { "NUMERICAL", LIAISON_FIELD_TYPE_NUMBER },
  { "PHONE", LIAISON_FIELD_TYPE_PHONE },
  { "MONETORY", LIAISON_FIELD_TYPE_MONEY },
  { "EMAIL", LIAISON_FIELD_TYPE_EMAIL },
  { "DATE", LIAISON_FIELD_TYPE_DATE },
  { "CHECKBOX", LIAISON_FIELD_TYPE_MULTIPLE_OPTIONS },
  { "MULTIPLE_OPTIONS", LIAISON_FIELD_TYPE_MULTIPLE_OPTIONS },
  { "SINGLE_OPTIONS", LIAISON_FIELD_TYPE_SINGLE_OPTION },
  { "RADIO", LIAISON_FIELD_TYPE_SINGLE_OPTION },
  { "TEXTBOX_LIST", LIAISON_FIELD_TYPE_TEXT_LIST },
  { "FILE_UPLOAD", LIAISON_FIELD_TYPE_FILE },
};

/* CustomFieldSchema (GET /locations/{locationId}/customFields). */
LiaisonFieldDef *
liaison_ghl_field_def_from_json (JsonObject *object, GError **error)
{
  static const Member members[] = {
    { "key", "fieldKey", FALSE },
    { "name", "name", FALSE },
  };
  g_autoptr (LiaisonFieldDef) field = NULL;
  g_auto (GStrv) options = NULL;
  const char *data_type;
  guint i;

  field = model_from_json (LIAISON_TYPE_FIELD_DEF, "a custom field", object, members,
                           G_N_ELEMENTS (members), error);
  if (field == NULL)
    return NULL;
  liaison_field_def_set_is_custom (field, TRUE);

  data_type = liaison_json_get_string (object, "dataType");
  liaison_field_def_set_data_type (field, LIAISON_FIELD_TYPE_OTHER);
  for (i = 0; data_type != NULL && i < G_N_ELEMENTS (field_types); i++)
    if (g_strcmp0 (data_type, field_types[i].name) == 0)
      liaison_field_def_set_data_type (field, field_types[i].type);

  options = liaison_json_dup_strv (object, "picklistOptions");
  if (options != NULL && options[0] != NULL)
    liaison_field_def_set_options (field, (const char *const *) options);
  return g_steal_pointer (&field);
}

/* UserSchema. */
LiaisonUser *
liaison_ghl_user_from_json (JsonObject *object, GError **error)
{
  static const Member members[] = {
    { "name", "name", FALSE },          { "first-name", "firstName", FALSE },
    { "last-name", "lastName", FALSE }, { "email", "email", FALSE },
    { "phone", "phone", FALSE },
  };
  g_autoptr (LiaisonUser) user = NULL;
  JsonObject *roles;

  user = model_from_json (LIAISON_TYPE_USER, "a user", object, members, G_N_ELEMENTS (members),
                          error);
  if (user == NULL)
    return NULL;
  roles = liaison_json_get_object (object, "roles");
  if (roles != NULL)
    set_string (G_OBJECT (user), "role", roles, "role");
  return g_steal_pointer (&user);
}

static gboolean
is_date_key (const char *key)
{
  g_autoptr (GDate) date = NULL;

  if (strlen (key) != 10 || key[4] != '-' || key[7] != '-')
    return FALSE;
  date = g_date_new ();
  g_date_set_parse (date, key);
  return g_date_valid (date);
}

/* The free-slots reply: {"2024-10-28": {"slots": ["2024-10-28T10:00:00-05:00", ...]},
 * ..., "traceId": "..."}. Keys that are not dates are skipped. Appends to
 * slots, in the order given. */
gboolean
liaison_ghl_slots_from_json (JsonObject *object, const char *calendar_id, const char *time_zone,
                             guint slot_minutes, GPtrArray *slots, GError **error)
{
  g_autoptr (GList) days = json_object_get_members (object);
  GList *l;

  for (l = days; l != NULL; l = l->next)
    {
      const char *day = l->data;
      JsonObject *entry;
      JsonArray *times;
      guint i;

      if (!is_date_key (day))
        continue;
      entry = liaison_json_get_object (object, day);
      times = liaison_json_get_array (entry, "slots");
      if (times == NULL)
        {
          g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                       "HighLevel sent free slots for %s without a list of slots", day);
          return FALSE;
        }

      for (i = 0; i < json_array_get_length (times); i++)
        {
          JsonNode *element = json_array_get_element (times, i);
          g_autoptr (GDateTime) start = NULL;
          g_autoptr (LiaisonSlot) slot = NULL;

          if (JSON_NODE_HOLDS_VALUE (element)
              && json_node_get_value_type (element) == G_TYPE_STRING)
            start = liaison_json_parse_time (json_node_get_string (element));
          if (start == NULL)
            {
              g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                           "HighLevel sent an unreadable free slot for %s", day);
              return FALSE;
            }

          slot = liaison_slot_new ();
          liaison_slot_set_calendar_id (slot, calendar_id);
          liaison_slot_set_time_zone (slot, time_zone);
          liaison_slot_set_start_time (slot, start);
          if (slot_minutes > 0)
            {
              g_autoptr (GDateTime) end = g_date_time_add_minutes (start, (int) slot_minutes);
              liaison_slot_set_end_time (slot, end);
            }
          g_ptr_array_add (slots, g_steal_pointer (&slot));
        }
    }
  return TRUE;
}
