/* liaison-contact-activity-items.c: tasks, notes and appointments as the
 * contact detail caches and shows them. Tasks and notes are kept in a
 * service-neutral JSON form, so that cached items of both services decode
 * alike; appointments use the calendar models' form, because those models
 * read the same records (one cache, whichever view fetched it).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-contact-detail"

#include <glib/gi18n.h>
#include <string.h>

#include "liaison-calendar-data-private.h"
#include "liaison-contact-activity-private.h"
#include "liaison-format.h"
#include "liaison-json.h"

gboolean
liaison_contact_activity_kind_of (GObject *object, LiaisonRecordKind *kind)
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
liaison_contact_activity_id_of (GObject *object)
{
  if (LIAISON_IS_TASK (object))
    return liaison_task_get_id (LIAISON_TASK (object));
  if (LIAISON_IS_NOTE (object))
    return liaison_note_get_id (LIAISON_NOTE (object));
  if (LIAISON_IS_APPOINTMENT (object))
    return liaison_appointment_get_id (LIAISON_APPOINTMENT (object));
  return NULL;
}

/* ---- store form ---- */

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
  iso = liaison_json_format_time (time);
  put_string (builder, member, iso);
}

static gint64
time_to_ms (GDateTime *time)
{
  return time != NULL
             ? g_date_time_to_unix (time) * 1000 + g_date_time_get_microsecond (time) / 1000
             : 0;
}

static char *
builder_to_string (JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = NULL;

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static LiaisonStoreRecord *
task_to_record (LiaisonTask *task, const char *contact_id)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *raw = NULL;
  LiaisonStoreRecord *record;

  json_builder_begin_object (builder);
  put_string (builder, "id", liaison_task_get_id (task));
  put_string (builder, "contactId", contact_id);
  put_string (builder, "title", liaison_task_get_title (task));
  put_string (builder, "body", liaison_task_get_body (task));
  put_string (builder, "assignedTo", liaison_task_get_assigned_to (task));
  json_builder_set_member_name (builder, "completed");
  json_builder_add_boolean_value (builder, liaison_task_get_completed (task));
  put_time (builder, "dueDate", liaison_task_get_due_date (task));
  put_time (builder, "completedAt", liaison_task_get_completed_at (task));
  put_time (builder, "dateAdded", liaison_task_get_date_added (task));
  put_time (builder, "dateUpdated", liaison_task_get_date_updated (task));
  raw = builder_to_string (builder);

  record = liaison_store_record_new (LIAISON_RECORD_TASK, liaison_task_get_id (task), raw);
  record->display_name = g_strdup (liaison_task_get_title (task));
  record->modified_at = time_to_ms (liaison_task_get_date_updated (task));
  return record;
}

static LiaisonStoreRecord *
note_to_record (LiaisonNote *note, const char *contact_id)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *raw = NULL;
  LiaisonStoreRecord *record;

  json_builder_begin_object (builder);
  put_string (builder, "id", liaison_note_get_id (note));
  put_string (builder, "contactId", contact_id);
  put_string (builder, "body", liaison_note_get_body (note));
  put_string (builder, "userId", liaison_note_get_user_id (note));
  put_time (builder, "dateAdded", liaison_note_get_date_added (note));
  put_time (builder, "dateUpdated", liaison_note_get_date_updated (note));
  raw = builder_to_string (builder);

  record = liaison_store_record_new (LIAISON_RECORD_NOTE, liaison_note_get_id (note), raw);
  record->modified_at = time_to_ms (liaison_note_get_date_updated (note) != NULL
                                        ? liaison_note_get_date_updated (note)
                                        : liaison_note_get_date_added (note));
  return record;
}

LiaisonStoreRecord *
liaison_contact_activity_to_record (GObject *object, const char *contact_id)
{
  LiaisonStoreRecord *record = NULL;

  g_return_val_if_fail (contact_id != NULL, NULL);

  if (liaison_contact_activity_id_of (object) == NULL)
    return NULL;
  if (LIAISON_IS_TASK (object))
    record = task_to_record (LIAISON_TASK (object), contact_id);
  else if (LIAISON_IS_NOTE (object))
    record = note_to_record (LIAISON_NOTE (object), contact_id);
  else if (LIAISON_IS_APPOINTMENT (object))
    {
      LiaisonAppointment *appointment = LIAISON_APPOINTMENT (object);

      /* A LeadSquared appointment read by id may not name its lead. */
      if (liaison_appointment_get_contact_id (appointment) == NULL)
        liaison_appointment_set_contact_id (appointment, contact_id);
      record = liaison_calendar_data_appointment_to_record (appointment);
    }
  if (record != NULL)
    {
      /* The contact it was listed for is its parent, whatever the item itself says. */
      g_free (record->parent_id);
      record->parent_id = g_strdup (contact_id);
    }
  return record;
}

static JsonObject *
parse_object (const char *raw, JsonNode **keep, GError **error)
{
  g_autoptr (JsonNode) root = json_from_string (raw != NULL ? raw : "", error);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             "A cached item is not a JSON object");
      return NULL;
    }
  *keep = g_steal_pointer (&root);
  return json_node_get_object (*keep);
}

static GObject *
task_from_json (JsonObject *object)
{
  LiaisonTask *task = liaison_task_new ();
  struct
  {
    const char *member;
    void (*set) (LiaisonTask *, GDateTime *);
  } times[] = {
    { "dueDate", liaison_task_set_due_date },
    { "completedAt", liaison_task_set_completed_at },
    { "dateAdded", liaison_task_set_date_added },
    { "dateUpdated", liaison_task_set_date_updated },
  };

  liaison_task_set_id (task, liaison_json_get_string (object, "id"));
  liaison_task_set_contact_id (task, liaison_json_get_string (object, "contactId"));
  liaison_task_set_title (task, liaison_json_get_string (object, "title"));
  liaison_task_set_body (task, liaison_json_get_string (object, "body"));
  liaison_task_set_assigned_to (task, liaison_json_get_string (object, "assignedTo"));
  liaison_task_set_completed (task, liaison_json_get_boolean (object, "completed", FALSE));
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr (GDateTime) time = liaison_json_get_time (object, times[i].member);

      if (time != NULL)
        times[i].set (task, time);
    }
  return G_OBJECT (task);
}

static GObject *
note_from_json (JsonObject *object)
{
  LiaisonNote *note = liaison_note_new ();
  g_autoptr (GDateTime) added = liaison_json_get_time (object, "dateAdded");
  g_autoptr (GDateTime) updated = liaison_json_get_time (object, "dateUpdated");

  liaison_note_set_id (note, liaison_json_get_string (object, "id"));
  liaison_note_set_contact_id (note, liaison_json_get_string (object, "contactId"));
  liaison_note_set_body (note, liaison_json_get_string (object, "body"));
  liaison_note_set_user_id (note, liaison_json_get_string (object, "userId"));
  if (added != NULL)
    liaison_note_set_date_added (note, added);
  if (updated != NULL)
    liaison_note_set_date_updated (note, updated);
  return G_OBJECT (note);
}

GObject *
liaison_contact_activity_from_record (const LiaisonStoreRecord *record, GError **error)
{
  g_autoptr (JsonNode) keep = NULL;
  JsonObject *object;

  if (record->kind == LIAISON_RECORD_APPOINTMENT)
    return G_OBJECT (liaison_calendar_data_appointment_from_json (record->raw, error));

  object = parse_object (record->raw, &keep, error);
  if (object == NULL)
    return NULL;
  if (liaison_json_get_string (object, "id") == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "A cached item has no id");
      return NULL;
    }
  if (record->kind == LIAISON_RECORD_TASK)
    return task_from_json (object);
  if (record->kind == LIAISON_RECORD_NOTE)
    return note_from_json (object);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Not a contact's item: %s",
               liaison_record_kind_to_string (record->kind));
  return NULL;
}

/* ---- order ---- */

static int
compare_times (GDateTime *a, GDateTime *b)
{
  /* Items without a time go last. */
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);
  return g_date_time_compare (a, b);
}

int
liaison_contact_activity_compare (GObject *a, GObject *b)
{
  if (LIAISON_IS_TASK (a) && LIAISON_IS_TASK (b))
    {
      LiaisonTask *ta = LIAISON_TASK (a);
      LiaisonTask *tb = LIAISON_TASK (b);

      if (liaison_task_get_completed (ta) != liaison_task_get_completed (tb))
        return liaison_task_get_completed (ta) ? 1 : -1;
      return compare_times (liaison_task_get_due_date (ta), liaison_task_get_due_date (tb));
    }
  if (LIAISON_IS_NOTE (a) && LIAISON_IS_NOTE (b))
    return -compare_times (liaison_note_get_date_added (LIAISON_NOTE (a)),
                           liaison_note_get_date_added (LIAISON_NOTE (b)));
  if (LIAISON_IS_APPOINTMENT (a) && LIAISON_IS_APPOINTMENT (b))
    return compare_times (liaison_appointment_get_start_time (LIAISON_APPOINTMENT (a)),
                          liaison_appointment_get_start_time (LIAISON_APPOINTMENT (b)));
  return 0;
}

/* ---- how an item reads ---- */

static char *
first_line (const char *text)
{
  g_autofree char *copy = g_strdup (text != NULL ? text : "");
  char *newline = strchr (g_strstrip (copy), '\n');

  if (newline != NULL)
    *newline = '\0';
  return g_strdup (g_strstrip (copy));
}

char *
liaison_contact_activity_dup_title (GObject *object)
{
  g_autofree char *text = NULL;

  if (LIAISON_IS_TASK (object))
    text = first_line (liaison_task_get_title (LIAISON_TASK (object)));
  else if (LIAISON_IS_NOTE (object))
    /* A note has no title: its text is what a person looks for. */
    text = g_strstrip (g_strdup (liaison_note_get_body (LIAISON_NOTE (object)) ?: ""));
  else if (LIAISON_IS_APPOINTMENT (object))
    text = first_line (liaison_appointment_get_title (LIAISON_APPOINTMENT (object)));

  if (text != NULL && *text != '\0')
    return g_steal_pointer (&text);
  if (LIAISON_IS_TASK (object))
    return g_strdup (_ ("Untitled task"));
  if (LIAISON_IS_NOTE (object))
    return g_strdup (_ ("Empty note"));
  return g_strdup (_ ("Untitled appointment"));
}

static const char *
appointment_status (LiaisonAppointmentStatus status)
{
  switch (status)
    {
      case LIAISON_APPOINTMENT_STATUS_NEW:
        return _ ("New");
      case LIAISON_APPOINTMENT_STATUS_CONFIRMED:
        return _ ("Confirmed");
      case LIAISON_APPOINTMENT_STATUS_CANCELLED:
        return _ ("Cancelled");
      case LIAISON_APPOINTMENT_STATUS_SHOWED:
        return _ ("Showed up");
      case LIAISON_APPOINTMENT_STATUS_NO_SHOW:
        return _ ("No-show");
      case LIAISON_APPOINTMENT_STATUS_COMPLETED:
        return _ ("Completed");
      case LIAISON_APPOINTMENT_STATUS_INVALID:
        return _ ("Invalid");
      case LIAISON_APPOINTMENT_STATUS_UNKNOWN:
      default:
        return NULL;
    }
}

static void
add_part (GPtrArray *parts, char *part)
{
  if (part != NULL && *part != '\0')
    g_ptr_array_add (parts, part);
  else
    g_free (part);
}

static void
add_task_parts (GPtrArray *parts, LiaisonTask *task)
{
  GDateTime *due = liaison_task_get_due_date (task);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = liaison_format_date_time (due);

  if (when != NULL)
    /* Translators: when a task is due, e.g. "Due Fri 27 Nov, 14:30" */
    add_part (parts, g_strdup_printf (_ ("Due %s"), when));
  if (liaison_task_get_completed (task))
    add_part (parts, g_strdup (_ ("Completed")));
  else if (due != NULL && g_date_time_compare (due, now) < 0)
    add_part (parts, g_strdup (_ ("Overdue")));
  else
    add_part (parts, g_strdup (_ ("Open")));
}

static void
add_appointment_parts (GPtrArray *parts, LiaisonAppointment *appointment)
{
  GDateTime *start = liaison_appointment_get_start_time (appointment);
  GDateTime *end = liaison_appointment_get_end_time (appointment);
  g_autofree char *when = liaison_format_date_time (start);

  if (when != NULL && end != NULL && g_date_time_compare (end, start) > 0)
    {
      g_autoptr (GDateTime) local_start = g_date_time_to_local (start);
      g_autoptr (GDateTime) local_end = g_date_time_to_local (end);
      g_autofree char *until = NULL;

      /* On the same day, the end needs only its time. */
      if (g_date_time_get_year (local_start) == g_date_time_get_year (local_end)
          && g_date_time_get_day_of_year (local_start) == g_date_time_get_day_of_year (local_end))
        /* Translators: the time an appointment ends, see strftime(3) */
        /* xgettext:no-c-format */
        until = g_date_time_format (local_end, _ ("%R"));
      else
        until = liaison_format_date_time (end);
      /* Translators: an appointment's start and end, e.g. "Fri 27 Nov, 14:30 – 15:00" */
      add_part (parts, g_strdup_printf (_ ("%s – %s"), when, until));
    }
  else
    add_part (parts, g_steal_pointer (&when));
  add_part (parts, g_strdup (appointment_status (liaison_appointment_get_status (appointment))));
}

char *
liaison_contact_activity_dup_subtitle (GObject *object, LiaisonService service)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  /* Which account an item lives in comes first: both are listed together. */
  g_ptr_array_add (parts,
                   g_strdup (service == LIAISON_SERVICE_LSQ ? _ ("LeadSquared") : _ ("HighLevel")));
  if (LIAISON_IS_TASK (object))
    add_task_parts (parts, LIAISON_TASK (object));
  else if (LIAISON_IS_NOTE (object))
    {
      LiaisonNote *note = LIAISON_NOTE (object);
      g_autofree char *when = liaison_format_date_time (liaison_note_get_date_added (note) != NULL
                                                            ? liaison_note_get_date_added (note)
                                                            : liaison_note_get_date_updated (note));

      if (when != NULL)
        /* Translators: when a note was written, e.g. "Added Fri 27 Nov, 14:30" */
        add_part (parts, g_strdup_printf (_ ("Added %s"), when));
    }
  else if (LIAISON_IS_APPOINTMENT (object))
    add_appointment_parts (parts, LIAISON_APPOINTMENT (object));

  g_ptr_array_add (parts, NULL);
  /* Translators: the separator between the facts of an item, e.g. "HighLevel · Open" */
  return g_strjoinv (_ (" · "), (char **) parts->pdata);
}
