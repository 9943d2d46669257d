/* liaison-codec.c: the helpers every codec uses, and the dispatch over a contact's items
 * (tasks, notes, appointments) that the activity list caches side by side.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-codec"

#include "liaison-appointment-codec.h"
#include "liaison-codec-private.h"
#include "liaison-json.h"
#include "liaison-note-codec.h"
#include "liaison-store.h"
#include "liaison-task-codec.h"

gint64
liaison_codec_time_to_ms (GDateTime *time)
{
  return time != NULL
             ? g_date_time_to_unix (time) * 1000 + g_date_time_get_microsecond (time) / 1000
             : 0;
}

void
liaison_codec_put_string (JsonBuilder *builder, const char *member, const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

void
liaison_codec_put_iso_time (JsonBuilder *builder, const char *member, GDateTime *time)
{
  g_autofree char *iso = NULL;

  if (time == NULL)
    return;
  iso = g_date_time_format_iso8601 (time);
  liaison_codec_put_string (builder, member, iso);
}

void
liaison_codec_put_utc_time (JsonBuilder *builder, const char *member, GDateTime *time)
{
  g_autofree char *iso = NULL;

  if (time == NULL)
    return;
  iso = liaison_json_format_time (time);
  liaison_codec_put_string (builder, member, iso);
}

char *
liaison_codec_finish (JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = NULL;

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

JsonObject *
liaison_codec_parse (const char *raw, const char *what, JsonNode **keep, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (JsonNode) root = json_from_string (raw != NULL ? raw : "", &local_error);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID,
                   "A cached %s is not a JSON object%s%s", what, local_error ? ": " : "",
                   local_error ? local_error->message : "");
      return NULL;
    }
  if (liaison_json_get_string (json_node_get_object (root), "id") == NULL)
    {
      g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID, "A cached %s has no id",
                   what);
      return NULL;
    }
  *keep = g_steal_pointer (&root);
  return json_node_get_object (*keep);
}

/* ---- a contact's items ---- */

gboolean
liaison_codec_item_kind (GObject *object, LiaisonRecordKind *kind)
{
  if (LIAISON_IS_TASK (object))
    *kind = LIAISON_RECORD_TASK;
  else if (LIAISON_IS_NOTE (object))
    *kind = LIAISON_RECORD_NOTE;
  else if (LIAISON_IS_APPOINTMENT (object))
    *kind = LIAISON_RECORD_APPOINTMENT;
  else
    return FALSE;
  return TRUE;
}

const char *
liaison_codec_item_id (GObject *object)
{
  if (LIAISON_IS_TASK (object))
    return liaison_task_get_id (LIAISON_TASK (object));
  if (LIAISON_IS_NOTE (object))
    return liaison_note_get_id (LIAISON_NOTE (object));
  if (LIAISON_IS_APPOINTMENT (object))
    return liaison_appointment_get_id (LIAISON_APPOINTMENT (object));
  return NULL;
}

LiaisonStoreRecord *
liaison_codec_item_to_record (GObject *object, const char *contact_id)
{
  LiaisonStoreRecord *record = NULL;

  g_return_val_if_fail (contact_id != NULL, NULL);

  if (liaison_codec_item_id (object) == NULL)
    return NULL;
  if (LIAISON_IS_TASK (object))
    record = liaison_task_codec_to_record (LIAISON_TASK (object), contact_id);
  else if (LIAISON_IS_NOTE (object))
    record = liaison_note_codec_to_record (LIAISON_NOTE (object), contact_id);
  else if (LIAISON_IS_APPOINTMENT (object))
    {
      LiaisonAppointment *appointment = LIAISON_APPOINTMENT (object);

      /* A LeadSquared appointment read by id may not name its lead. */
      if (liaison_appointment_get_contact_id (appointment) == NULL)
        liaison_appointment_set_contact_id (appointment, contact_id);
      record = liaison_appointment_codec_to_record (appointment);
    }
  if (record != NULL)
    {
      /* The contact it was listed for is its parent, whatever the item itself says. */
      g_free (record->parent_id);
      record->parent_id = g_strdup (contact_id);
    }
  return record;
}

GObject *
liaison_codec_item_from_record (const LiaisonStoreRecord *record, GError **error)
{
  switch (record->kind)
    {
      case LIAISON_RECORD_TASK:
        return G_OBJECT (liaison_task_codec_from_json (record->raw, error));
      case LIAISON_RECORD_NOTE:
        return G_OBJECT (liaison_note_codec_from_json (record->raw, error));
      case LIAISON_RECORD_APPOINTMENT:
        return G_OBJECT (liaison_appointment_codec_from_json (record->raw, error));
      case LIAISON_RECORD_CONTACT:
      case LIAISON_RECORD_CALENDAR:
      case LIAISON_RECORD_USER:
      case LIAISON_RECORD_FIELD:
      default:
        g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID,
                     "Not a contact's item: %s", liaison_record_kind_to_string (record->kind));
        return NULL;
    }
}
