/* liaison-calendar-data.c: the store form of calendars and appointments, and the item list the
 * calendar-data models share (see liaison-calendar-data-private.h).
 *
 * Appointments keep their start and end as milliseconds (startMs, endMs) beside the ISO times,
 * so that the store can select a date window with json_extract and order it by start.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-models"

#include <json-glib/json-glib.h>

#include "liaison-calendar-data-private.h"
#include "liaison-json.h"

gint64
liaison_calendar_data_to_ms (GDateTime *time)
{
  return g_date_time_to_unix (time) * 1000 + g_date_time_get_microsecond (time) / 1000;
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
put_time (JsonBuilder *builder, const char *member, GDateTime *time)
{
  g_autofree char *iso = NULL;

  if (time == NULL)
    return;
  iso = g_date_time_format_iso8601 (time);
  put_string (builder, member, iso);
}

static char *
finish_json (JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = NULL;

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static JsonObject *
parse_object (const char *raw, JsonNode **keep, GError **error)
{
  g_autoptr (JsonNode) root = json_from_string (raw, error);

  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID,
                           "A cached calendar record is not a JSON object");
      return NULL;
    }
  *keep = g_steal_pointer (&root);
  return json_node_get_object (*keep);
}

static gboolean
require_id (JsonObject *object, const char *what, GError **error)
{
  if (liaison_json_get_string (object, "id") != NULL)
    return TRUE;
  g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID, "A cached %s has no id",
               what);
  return FALSE;
}

/* ---- calendars ---- */

LiaisonStoreRecord *
liaison_calendar_data_calendar_to_record (LiaisonCalendar *calendar)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *raw = NULL;
  LiaisonStoreRecord *record;

  g_return_val_if_fail (LIAISON_IS_CALENDAR (calendar), NULL);
  if (liaison_calendar_get_id (calendar) == NULL)
    return NULL;

  json_builder_begin_object (builder);
  put_string (builder, "id", liaison_calendar_get_id (calendar));
  put_string (builder, "name", liaison_calendar_get_name (calendar));
  put_string (builder, "description", liaison_calendar_get_description (calendar));
  put_string (builder, "timeZone", liaison_calendar_get_time_zone (calendar));
  json_builder_set_member_name (builder, "isActive");
  json_builder_add_boolean_value (builder, liaison_calendar_get_is_active (calendar));
  json_builder_set_member_name (builder, "slotDuration");
  json_builder_add_int_value (builder, liaison_calendar_get_slot_duration (calendar));
  raw = finish_json (builder);

  record
      = liaison_store_record_new (LIAISON_RECORD_CALENDAR, liaison_calendar_get_id (calendar), raw);
  record->display_name = g_strdup (liaison_calendar_get_name (calendar));
  return record;
}

LiaisonCalendar *
liaison_calendar_data_calendar_from_json (const char *raw, GError **error)
{
  g_autoptr (JsonNode) keep = NULL;
  JsonObject *object = parse_object (raw, &keep, error);
  LiaisonCalendar *calendar;
  double duration = 0;

  if (object == NULL || !require_id (object, "calendar", error))
    return NULL;
  calendar = liaison_calendar_new ();
  liaison_calendar_set_id (calendar, liaison_json_get_string (object, "id"));
  liaison_calendar_set_name (calendar, liaison_json_get_string (object, "name"));
  liaison_calendar_set_description (calendar, liaison_json_get_string (object, "description"));
  liaison_calendar_set_time_zone (calendar, liaison_json_get_string (object, "timeZone"));
  liaison_calendar_set_is_active (calendar, liaison_json_get_boolean (object, "isActive", TRUE));
  if (liaison_json_get_double (object, "slotDuration", &duration) && duration > 0
      && duration <= G_MAXUINT)
    liaison_calendar_set_slot_duration (calendar, (guint) duration);
  return calendar;
}

/* ---- appointments ---- */

LiaisonStoreRecord *
liaison_calendar_data_appointment_to_record (LiaisonAppointment *appointment)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (GEnumClass) statuses = g_type_class_ref (LIAISON_TYPE_APPOINTMENT_STATUS);
  GEnumValue *status = g_enum_get_value (statuses, liaison_appointment_get_status (appointment));
  GDateTime *start = liaison_appointment_get_start_time (appointment);
  GDateTime *end = liaison_appointment_get_end_time (appointment);
  GDateTime *updated = liaison_appointment_get_date_updated (appointment);
  g_autofree char *raw = NULL;
  LiaisonStoreRecord *record;
  gint64 start_ms, end_ms;

  g_return_val_if_fail (LIAISON_IS_APPOINTMENT (appointment), NULL);
  if (liaison_appointment_get_id (appointment) == NULL || start == NULL)
    return NULL;
  start_ms = liaison_calendar_data_to_ms (start);
  /* An appointment without an end (or ending before it starts) occupies its start instant. */
  end_ms = end != NULL ? MAX (liaison_calendar_data_to_ms (end), start_ms) : start_ms;

  json_builder_begin_object (builder);
  put_string (builder, "id", liaison_appointment_get_id (appointment));
  put_string (builder, "calendarId", liaison_appointment_get_calendar_id (appointment));
  put_string (builder, "contactId", liaison_appointment_get_contact_id (appointment));
  put_string (builder, "title", liaison_appointment_get_title (appointment));
  put_string (builder, "description", liaison_appointment_get_description (appointment));
  put_string (builder, "address", liaison_appointment_get_address (appointment));
  put_string (builder, "status", status ? status->value_nick : NULL);
  put_string (builder, "assignedUserId", liaison_appointment_get_assigned_user_id (appointment));
  put_string (builder, "timeZone", liaison_appointment_get_time_zone (appointment));
  put_time (builder, "startTime", start);
  put_time (builder, "endTime", end);
  put_time (builder, "dateAdded", liaison_appointment_get_date_added (appointment));
  put_time (builder, "dateUpdated", updated);
  json_builder_set_member_name (builder, "startMs");
  json_builder_add_int_value (builder, start_ms);
  json_builder_set_member_name (builder, "endMs");
  json_builder_add_int_value (builder, end_ms);
  raw = finish_json (builder);

  record = liaison_store_record_new (LIAISON_RECORD_APPOINTMENT,
                                     liaison_appointment_get_id (appointment), raw);
  /* The store lists a contact's appointments by parent. */
  record->parent_id = g_strdup (liaison_appointment_get_contact_id (appointment));
  record->display_name = g_strdup (liaison_appointment_get_title (appointment));
  record->modified_at = updated ? liaison_calendar_data_to_ms (updated) : 0;
  return record;
}

LiaisonAppointment *
liaison_calendar_data_appointment_from_json (const char *raw, GError **error)
{
  g_autoptr (JsonNode) keep = NULL;
  JsonObject *object = parse_object (raw, &keep, error);
  g_autoptr (GEnumClass) statuses = NULL;
  LiaisonAppointment *appointment;
  GEnumValue *status;
  struct
  {
    const char *member;
    void (*set) (LiaisonAppointment *, GDateTime *);
  } times[] = {
    { "startTime", liaison_appointment_set_start_time },
    { "endTime", liaison_appointment_set_end_time },
    { "dateAdded", liaison_appointment_set_date_added },
    { "dateUpdated", liaison_appointment_set_date_updated },
  };

  if (object == NULL || !require_id (object, "appointment", error))
    return NULL;
  appointment = liaison_appointment_new ();
  liaison_appointment_set_id (appointment, liaison_json_get_string (object, "id"));
  liaison_appointment_set_calendar_id (appointment, liaison_json_get_string (object, "calendarId"));
  liaison_appointment_set_contact_id (appointment, liaison_json_get_string (object, "contactId"));
  liaison_appointment_set_title (appointment, liaison_json_get_string (object, "title"));
  liaison_appointment_set_description (appointment,
                                       liaison_json_get_string (object, "description"));
  liaison_appointment_set_address (appointment, liaison_json_get_string (object, "address"));
  liaison_appointment_set_assigned_user_id (appointment,
                                            liaison_json_get_string (object, "assignedUserId"));
  liaison_appointment_set_time_zone (appointment, liaison_json_get_string (object, "timeZone"));
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr (GDateTime) time = liaison_json_get_time (object, times[i].member);
      if (time != NULL)
        times[i].set (appointment, time);
    }
  statuses = g_type_class_ref (LIAISON_TYPE_APPOINTMENT_STATUS);
  status = g_enum_get_value_by_nick (statuses, liaison_json_get_string (object, "status") ?: "");
  liaison_appointment_set_status (appointment,
                                  status ? status->value : LIAISON_APPOINTMENT_STATUS_UNKNOWN);
  return appointment;
}

/* ---- rows and items ---- */

void
liaison_calendar_data_row_free (LiaisonCalendarDataRow *row)
{
  if (row == NULL)
    return;
  g_free (row->remote_id);
  g_free (row->hash);
  g_free (row->raw);
  g_free (row);
}

GPtrArray *
liaison_calendar_data_collect (LiaisonStoreDb *db, sqlite3_stmt *stmt, GError **error)
{
  g_autoptr (GPtrArray) rows
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_calendar_data_row_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LiaisonCalendarDataRow *row = g_new0 (LiaisonCalendarDataRow, 1);

      row->remote_id = liaison_store_column_dup (stmt, 0);
      row->hash = liaison_store_column_dup (stmt, 1);
      row->raw = liaison_store_column_dup (stmt, 2);
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      liaison_store_db_fail (db, rc, "Could not read cached calendar data", error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

void
liaison_calendar_data_items_init (LiaisonCalendarDataItems *items)
{
  items->objects = g_ptr_array_new_with_free_func (g_object_unref);
  items->ids = g_ptr_array_new_with_free_func (g_free);
  items->hashes = g_ptr_array_new_with_free_func (g_free);
}

void
liaison_calendar_data_items_clear (LiaisonCalendarDataItems *items)
{
  g_clear_pointer (&items->objects, g_ptr_array_unref);
  g_clear_pointer (&items->ids, g_ptr_array_unref);
  g_clear_pointer (&items->hashes, g_ptr_array_unref);
}

void
liaison_calendar_data_items_replace (LiaisonCalendarDataItems *items, GListModel *model,
                                     GPtrArray *rows, LiaisonCalendarDataDecode decode)
{
  g_autoptr (GHashTable) old_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  LiaisonCalendarDataItems fresh;
  LiaisonCalendarDataItems old = *items;
  guint prefix = 0, suffix = 0, n_old, n_new;

  for (guint i = 0; i < old.ids->len; i++)
    g_hash_table_insert (old_by_id, old.ids->pdata[i], GUINT_TO_POINTER (i + 1));

  liaison_calendar_data_items_init (&fresh);
  for (guint i = 0; i < rows->len; i++)
    {
      LiaisonCalendarDataRow *row = rows->pdata[i];
      guint old_pos = GPOINTER_TO_UINT (g_hash_table_lookup (old_by_id, row->remote_id));
      gpointer object = NULL;

      /* An unchanged record keeps its object, so views bound to it are left alone. */
      if (old_pos != 0 && g_strcmp0 (old.hashes->pdata[old_pos - 1], row->hash) == 0)
        object = g_object_ref (old.objects->pdata[old_pos - 1]);
      else
        {
          g_autoptr (GError) error = NULL;

          object = decode (row->raw, &error);
          if (object == NULL)
            {
              g_warning ("Skipping a cached record that does not read back: %s", error->message);
              continue;
            }
        }
      g_ptr_array_add (fresh.objects, object);
      g_ptr_array_add (fresh.ids, g_strdup (row->remote_id));
      g_ptr_array_add (fresh.hashes, g_strdup (row->hash));
    }

  n_old = old.objects->len;
  n_new = fresh.objects->len;
  while (prefix < n_old && prefix < n_new
         && old.objects->pdata[prefix] == fresh.objects->pdata[prefix])
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix
         && old.objects->pdata[n_old - 1 - suffix] == fresh.objects->pdata[n_new - 1 - suffix])
    suffix++;

  /* The model must read the new items when the signal runs. */
  *items = fresh;
  if (prefix + suffix < MAX (n_old, n_new))
    g_list_model_items_changed (model, prefix, n_old - prefix - suffix, n_new - prefix - suffix);
  liaison_calendar_data_items_clear (&old);
}

GPtrArray *
liaison_calendar_data_gone (LiaisonStore *store, const char *connection_id, LiaisonRecordKind kind,
                            GPtrArray *rows, GHashTable *seen)
{
  GPtrArray *gone = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);

  for (guint i = 0; i < rows->len; i++)
    {
      LiaisonCalendarDataRow *row = rows->pdata[i];
      g_autoptr (GError) error = NULL;
      LiaisonStoreRecord *record;

      if (g_hash_table_contains (seen, row->remote_id))
        continue;
      record = liaison_store_lookup_record (store, connection_id, kind, row->remote_id, &error);
      if (record == NULL)
        continue; /* gone from the store as well */
      record->deleted = TRUE;
      g_ptr_array_add (gone, record);
    }
  return gone;
}
