/* liaison-appointment-codec.c: an appointment as one service-neutral JSON object. The calendar
 * models and a contact's activity read the same records: one cache, whichever view fetched it.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-codec"

#include "liaison-appointment-codec.h"
#include "liaison-codec-private.h"
#include "liaison-json.h"

LiaisonStoreRecord *
liaison_appointment_codec_to_record (LiaisonAppointment *appointment)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (GEnumClass) statuses = g_type_class_ref (LIAISON_TYPE_APPOINTMENT_STATUS);
  GEnumValue *status;
  GDateTime *start, *end, *updated;
  g_autofree char *raw = NULL;
  LiaisonStoreRecord *record;
  gint64 start_ms, end_ms;

  g_return_val_if_fail (LIAISON_IS_APPOINTMENT (appointment), NULL);
  status = g_enum_get_value (statuses, liaison_appointment_get_status (appointment));
  start = liaison_appointment_get_start_time (appointment);
  end = liaison_appointment_get_end_time (appointment);
  updated = liaison_appointment_get_date_updated (appointment);
  if (liaison_appointment_get_id (appointment) == NULL || start == NULL)
    return NULL;
  start_ms = liaison_codec_time_to_ms (start);
  /* An appointment without an end (or ending before it starts) occupies its start instant. */
  end_ms = end != NULL ? MAX (liaison_codec_time_to_ms (end), start_ms) : start_ms;

  json_builder_begin_object (builder);
  liaison_codec_put_string (builder, "id", liaison_appointment_get_id (appointment));
  liaison_codec_put_string (builder, "calendarId",
                            liaison_appointment_get_calendar_id (appointment));
  liaison_codec_put_string (builder, "contactId", liaison_appointment_get_contact_id (appointment));
  liaison_codec_put_string (builder, "title", liaison_appointment_get_title (appointment));
  liaison_codec_put_string (builder, "description",
                            liaison_appointment_get_description (appointment));
  liaison_codec_put_string (builder, "address", liaison_appointment_get_address (appointment));
  liaison_codec_put_string (builder, "status", status ? status->value_nick : NULL);
  liaison_codec_put_string (builder, "assignedUserId",
                            liaison_appointment_get_assigned_user_id (appointment));
  liaison_codec_put_string (builder, "timeZone", liaison_appointment_get_time_zone (appointment));
  liaison_codec_put_iso_time (builder, "startTime", start);
  liaison_codec_put_iso_time (builder, "endTime", end);
  liaison_codec_put_iso_time (builder, "dateAdded",
                              liaison_appointment_get_date_added (appointment));
  liaison_codec_put_iso_time (builder, "dateUpdated", updated);
  json_builder_set_member_name (builder, "startMs");
  json_builder_add_int_value (builder, start_ms);
  json_builder_set_member_name (builder, "endMs");
  json_builder_add_int_value (builder, end_ms);
  raw = liaison_codec_finish (builder);

  record = liaison_store_record_new (LIAISON_RECORD_APPOINTMENT,
                                     liaison_appointment_get_id (appointment), raw);
  /* The store lists a contact's appointments by parent. */
  record->parent_id = g_strdup (liaison_appointment_get_contact_id (appointment));
  record->display_name = g_strdup (liaison_appointment_get_title (appointment));
  record->modified_at = liaison_codec_time_to_ms (updated);
  return record;
}

LiaisonAppointment *
liaison_appointment_codec_from_json (const char *raw, GError **error)
{
  g_autoptr (JsonNode) keep = NULL;
  JsonObject *object = liaison_codec_parse (raw, "appointment", &keep, error);
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

  if (object == NULL)
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
