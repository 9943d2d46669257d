/* liaison-calendar-codec.c: a calendar as one service-neutral JSON object, so that the cache
 * and its content hashes do not depend on HighLevel's wire format.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-codec"

#include "liaison-calendar-codec.h"
#include "liaison-codec-private.h"
#include "liaison-json.h"

LiaisonStoreRecord *
liaison_calendar_codec_to_record (LiaisonCalendar *calendar)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *raw = NULL;
  LiaisonStoreRecord *record;

  g_return_val_if_fail (LIAISON_IS_CALENDAR (calendar), NULL);
  if (liaison_calendar_get_id (calendar) == NULL)
    return NULL;

  json_builder_begin_object (builder);
  liaison_codec_put_string (builder, "id", liaison_calendar_get_id (calendar));
  liaison_codec_put_string (builder, "name", liaison_calendar_get_name (calendar));
  liaison_codec_put_string (builder, "description", liaison_calendar_get_description (calendar));
  liaison_codec_put_string (builder, "timeZone", liaison_calendar_get_time_zone (calendar));
  json_builder_set_member_name (builder, "isActive");
  json_builder_add_boolean_value (builder, liaison_calendar_get_is_active (calendar));
  json_builder_set_member_name (builder, "slotDuration");
  json_builder_add_int_value (builder, liaison_calendar_get_slot_duration (calendar));
  raw = liaison_codec_finish (builder);

  record
      = liaison_store_record_new (LIAISON_RECORD_CALENDAR, liaison_calendar_get_id (calendar), raw);
  record->display_name = g_strdup (liaison_calendar_get_name (calendar));
  return record;
}

LiaisonCalendar *
liaison_calendar_codec_from_json (const char *raw, GError **error)
{
  g_autoptr (JsonNode) keep = NULL;
  JsonObject *object = liaison_codec_parse (raw, "calendar", &keep, error);
  LiaisonCalendar *calendar;
  double duration = 0;

  if (object == NULL)
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
