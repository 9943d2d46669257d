/* test-codec.c: every record kind's codec (src/core/codec) keeps what the store needs: the
 * columns it searches by, and objects that read back as they were written; cached text that
 * is not the codec's form is an error, never a crash.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-codec"

#include <string.h>

#include "liaison-appointment-codec.h"
#include "liaison-calendar-codec.h"
#include "liaison-contact-codec.h"
#include "liaison-field-codec.h"
#include "liaison-note-codec.h"
#include "liaison-store.h"
#include "liaison-task-codec.h"
#include "liaison-user-codec.h"

static GDateTime *
at (const char *iso)
{
  GDateTime *time = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (time);
  return time;
}

static void
assert_same_time (GDateTime *a, GDateTime *b)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_true (g_date_time_equal (a, b));
}

static void
test_task (void)
{
  g_autoptr (LiaisonTask) task = liaison_task_new ();
  g_autoptr (GDateTime) due = at ("2026-11-27T14:30:00.250+05:30");
  g_autoptr (GDateTime) updated = at ("2026-11-20T08:00:00Z");
  g_autoptr (LiaisonStoreRecord) record = NULL;
  g_autoptr (LiaisonTask) back = NULL;
  g_autoptr (GError) error = NULL;

  /* Without an id there is nothing to cache. */
  g_assert_null (liaison_task_codec_to_record (task, "C1"));

  liaison_task_set_id (task, "T1");
  liaison_task_set_contact_id (task, "someone-else");
  liaison_task_set_title (task, "Call back");
  liaison_task_set_body (task, "About the “quote”");
  liaison_task_set_assigned_to (task, "U1");
  liaison_task_set_completed (task, TRUE);
  liaison_task_set_due_date (task, due);
  liaison_task_set_date_updated (task, updated);
  record = liaison_task_codec_to_record (task, "C1");
  g_assert_nonnull (record);
  g_assert_cmpint (record->kind, ==, LIAISON_RECORD_TASK);
  g_assert_cmpstr (record->remote_id, ==, "T1");
  g_assert_cmpstr (record->parent_id, ==, "C1");
  g_assert_cmpstr (record->display_name, ==, "Call back");
  g_assert_cmpint (record->modified_at, ==, g_date_time_to_unix (updated) * 1000);

  back = liaison_task_codec_from_json (record->raw, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_task_get_id (back), ==, "T1");
  /* The contact it was listed for, not what the item said. */
  g_assert_cmpstr (liaison_task_get_contact_id (back), ==, "C1");
  g_assert_cmpstr (liaison_task_get_title (back), ==, "Call back");
  g_assert_cmpstr (liaison_task_get_body (back), ==, "About the “quote”");
  g_assert_cmpstr (liaison_task_get_assigned_to (back), ==, "U1");
  g_assert_true (liaison_task_get_completed (back));
  assert_same_time (liaison_task_get_due_date (back), due);
  assert_same_time (liaison_task_get_date_updated (back), updated);
  g_assert_null (liaison_task_get_completed_at (back));
}

static void
test_note (void)
{
  g_autoptr (LiaisonNote) note = liaison_note_new ();
  g_autoptr (GDateTime) added = at ("2026-11-01T10:00:00Z");
  g_autoptr (LiaisonStoreRecord) record = NULL;
  g_autoptr (LiaisonNote) back = NULL;
  g_autoptr (GError) error = NULL;

  liaison_note_set_id (note, "N1");
  liaison_note_set_body (note, "Line one\nLine two");
  liaison_note_set_user_id (note, "U2");
  liaison_note_set_date_added (note, added);
  record = liaison_note_codec_to_record (note, "C1");
  g_assert_cmpint (record->kind, ==, LIAISON_RECORD_NOTE);
  g_assert_cmpstr (record->parent_id, ==, "C1");
  /* Never updated: its change is when it was added. */
  g_assert_cmpint (record->modified_at, ==, g_date_time_to_unix (added) * 1000);

  back = liaison_note_codec_from_json (record->raw, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_note_get_id (back), ==, "N1");
  g_assert_cmpstr (liaison_note_get_contact_id (back), ==, "C1");
  g_assert_cmpstr (liaison_note_get_body (back), ==, "Line one\nLine two");
  g_assert_cmpstr (liaison_note_get_user_id (back), ==, "U2");
  assert_same_time (liaison_note_get_date_added (back), added);
  g_assert_null (liaison_note_get_date_updated (back));
}

static void
test_appointment (void)
{
  g_autoptr (LiaisonAppointment) appointment = liaison_appointment_new ();
  g_autoptr (GDateTime) start = at ("2026-12-04T00:00:00+05:30");
  g_autoptr (GDateTime) end = at ("2026-12-04T00:30:00+05:30");
  g_autoptr (LiaisonStoreRecord) record = NULL;
  g_autoptr (LiaisonAppointment) back = NULL;
  g_autoptr (GError) error = NULL;

  liaison_appointment_set_id (appointment, "A1");
  /* No start: it cannot be placed in a window. */
  g_assert_null (liaison_appointment_codec_to_record (appointment));

  liaison_appointment_set_start_time (appointment, start);
  liaison_appointment_set_end_time (appointment, end);
  liaison_appointment_set_calendar_id (appointment, "CAL");
  liaison_appointment_set_contact_id (appointment, "C1");
  liaison_appointment_set_title (appointment, "Demo");
  liaison_appointment_set_time_zone (appointment, "Asia/Kolkata");
  liaison_appointment_set_status (appointment, LIAISON_APPOINTMENT_STATUS_CONFIRMED);
  record = liaison_appointment_codec_to_record (appointment);
  g_assert_cmpint (record->kind, ==, LIAISON_RECORD_APPOINTMENT);
  g_assert_cmpstr (record->parent_id, ==, "C1");
  g_assert_cmpstr (record->display_name, ==, "Demo");
  /* The store selects windows by these. */
  g_assert_nonnull (strstr (record->raw, "\"startMs\":1796322600000"));
  g_assert_nonnull (strstr (record->raw, "\"endMs\":1796324400000"));

  back = liaison_appointment_codec_from_json (record->raw, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_appointment_get_calendar_id (back), ==, "CAL");
  g_assert_cmpstr (liaison_appointment_get_title (back), ==, "Demo");
  g_assert_cmpstr (liaison_appointment_get_time_zone (back), ==, "Asia/Kolkata");
  g_assert_cmpint (liaison_appointment_get_status (back), ==, LIAISON_APPOINTMENT_STATUS_CONFIRMED);
  assert_same_time (liaison_appointment_get_start_time (back), start);
  assert_same_time (liaison_appointment_get_end_time (back), end);
}

static void
test_calendar (void)
{
  g_autoptr (LiaisonCalendar) calendar = liaison_calendar_new ();
  g_autoptr (LiaisonStoreRecord) record = NULL;
  g_autoptr (LiaisonCalendar) back = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_null (liaison_calendar_codec_to_record (calendar));
  liaison_calendar_set_id (calendar, "CAL");
  liaison_calendar_set_name (calendar, "Consultation");
  liaison_calendar_set_time_zone (calendar, "America/New_York");
  liaison_calendar_set_is_active (calendar, FALSE);
  liaison_calendar_set_slot_duration (calendar, 45);
  record = liaison_calendar_codec_to_record (calendar);
  g_assert_cmpint (record->kind, ==, LIAISON_RECORD_CALENDAR);
  g_assert_cmpstr (record->display_name, ==, "Consultation");

  back = liaison_calendar_codec_from_json (record->raw, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_calendar_get_name (back), ==, "Consultation");
  g_assert_cmpstr (liaison_calendar_get_time_zone (back), ==, "America/New_York");
  g_assert_false (liaison_calendar_get_is_active (back));
  g_assert_cmpuint (liaison_calendar_get_slot_duration (back), ==, 45);
}

static void
test_user_and_field (void)
{
  g_autoptr (LiaisonUser) user = liaison_user_new ();
  g_autoptr (LiaisonFieldDef) field = liaison_field_def_new ();
  g_autoptr (LiaisonStoreRecord) user_record = NULL;
  g_autoptr (LiaisonStoreRecord) field_record = NULL;
  g_autoptr (LiaisonUser) user_back = NULL;
  g_autoptr (LiaisonFieldDef) field_back = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_null (liaison_user_codec_to_record (user));
  liaison_user_set_id (user, "U1");
  liaison_user_set_name (user, "Ana Owner");
  liaison_user_set_email (user, "ana@example.com");
  liaison_user_set_role (user, "admin");
  user_record = liaison_user_codec_to_record (user);
  g_assert_cmpint (user_record->kind, ==, LIAISON_RECORD_USER);
  g_assert_cmpstr (user_record->display_name, ==, "Ana Owner");
  g_assert_cmpstr (user_record->email, ==, "ana@example.com");
  user_back = liaison_user_codec_from_json (user_record->raw, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_user_get_name (user_back), ==, "Ana Owner");
  g_assert_cmpstr (liaison_user_get_role (user_back), ==, "admin");

  liaison_field_def_set_id (field, "F1");
  liaison_field_def_set_key (field, "contact.birthday");
  liaison_field_def_set_name (field, "Birthday");
  liaison_field_def_set_data_type (field, LIAISON_FIELD_TYPE_DATE);
  field_record = liaison_field_codec_to_record (field);
  g_assert_cmpint (field_record->kind, ==, LIAISON_RECORD_FIELD);
  g_assert_cmpstr (field_record->display_name, ==, "Birthday");
  /* The type is kept by name, not by its number. */
  g_assert_nonnull (strstr (field_record->raw, "\"dataType\":\"date\""));
  field_back = liaison_field_codec_from_json (field_record->raw, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_field_def_get_key (field_back), ==, "contact.birthday");
  g_assert_cmpint (liaison_field_def_get_data_type (field_back), ==, LIAISON_FIELD_TYPE_DATE);
  g_assert_null (liaison_field_def_get_options (field_back));

  /* A picklist keeps its options, in order (the field map's value tables pair them). */
  {
    g_autoptr (LiaisonStoreRecord) pick_record = NULL;
    g_autoptr (LiaisonFieldDef) pick_back = NULL;
    const char *const options[] = { "New", "Qualified", "Customer", NULL };

    liaison_field_def_set_data_type (field, LIAISON_FIELD_TYPE_SINGLE_OPTION);
    liaison_field_def_set_options (field, options);
    pick_record = liaison_field_codec_to_record (field);
    pick_back = liaison_field_codec_from_json (pick_record->raw, &error);
    g_assert_no_error (error);
    g_assert_true (
        g_strv_equal ((const char *const *) liaison_field_def_get_options (pick_back), options));
  }
}

static void
test_contact (void)
{
  g_autoptr (LiaisonContact) contact = liaison_contact_new ();
  g_autoptr (GDateTime) updated = at ("2026-11-30T12:00:00.125Z");
  g_autoptr (LiaisonStoreRecord) record = NULL;
  g_autofree char *again = NULL;

  liaison_contact_set_id (contact, "C1");
  liaison_contact_set_first_name (contact, "Zoë");
  liaison_contact_set_last_name (contact, "Müller");
  liaison_contact_set_email (contact, "zoe@example.com");
  liaison_contact_set_phone (contact, "+49 30 1234567");
  liaison_contact_set_company_name (contact, "Acme");
  liaison_contact_set_custom_field_string (contact, "b-field", "2");
  liaison_contact_set_custom_field_string (contact, "a-field", "1");
  liaison_contact_set_date_updated (contact, updated);
  record = liaison_contact_codec_to_record (contact, "Ana Owner");
  g_assert_cmpint (record->kind, ==, LIAISON_RECORD_CONTACT);
  g_assert_cmpstr (record->display_name, ==, "Zoë Müller");
  g_assert_cmpstr (record->email, ==, "zoe@example.com");
  g_assert_cmpstr (record->phone, ==, "+49 30 1234567");
  g_assert_cmpstr (record->company, ==, "Acme");
  g_assert_cmpstr (record->owner, ==, "Ana Owner");
  g_assert_cmpint (record->modified_at, ==, g_date_time_to_unix (updated) * 1000 + 125);
  /* Custom fields in a steady order: the same contact always has the same text. */
  g_assert_cmpint (strstr (record->raw, "a-field") - record->raw, <,
                   strstr (record->raw, "b-field") - record->raw);
  again = liaison_contact_codec_to_json (contact);
  g_assert_cmpstr (again, ==, record->raw);
}

/* The items of a contact go through one dispatch: the contact they were listed for is their
 * parent, and what is not an item is refused. */
static void
test_items (void)
{
  g_autoptr (LiaisonAppointment) appointment = liaison_appointment_new ();
  g_autoptr (GDateTime) start = at ("2026-12-04T09:00:00Z");
  g_autoptr (LiaisonStoreRecord) record = NULL;
  g_autoptr (LiaisonStoreRecord) calendar = NULL;
  g_autoptr (GObject) back = NULL;
  g_autoptr (GError) error = NULL;
  LiaisonRecordKind kind;

  liaison_appointment_set_id (appointment, "A2");
  liaison_appointment_set_start_time (appointment, start);
  g_assert_true (liaison_codec_item_kind (G_OBJECT (appointment), &kind));
  g_assert_cmpint (kind, ==, LIAISON_RECORD_APPOINTMENT);
  g_assert_cmpstr (liaison_codec_item_id (G_OBJECT (appointment)), ==, "A2");
  /* A LeadSquared appointment read by id may not name its lead: it is given the one it was
   * listed for. */
  record = liaison_codec_item_to_record (G_OBJECT (appointment), "L1");
  g_assert_cmpstr (record->parent_id, ==, "L1");
  back = liaison_codec_item_from_record (record, &error);
  g_assert_no_error (error);
  g_assert_true (LIAISON_IS_APPOINTMENT (back));
  g_assert_cmpstr (liaison_appointment_get_contact_id (LIAISON_APPOINTMENT (back)), ==, "L1");

  calendar = liaison_store_record_new (LIAISON_RECORD_CALENDAR, "CAL", "{\"id\":\"CAL\"}");
  g_assert_null (liaison_codec_item_from_record (calendar, &error));
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID);
  g_clear_error (&error);
}

/* Cached text from elsewhere (an older version, a damaged file) is an error with a sentence. */
static void
test_unreadable (void)
{
  const char *bad[] = { "", "not json", "[1, 2]", "{\"title\": \"no id\"}", NULL };
  g_autoptr (GError) error = NULL;

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr (LiaisonTask) task = liaison_task_codec_from_json (bad[i], &error);

      g_assert_null (task);
      g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "task"));
      g_clear_error (&error);
    }
  g_assert_null (liaison_note_codec_from_json (NULL, &error));
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (liaison_calendar_codec_from_json ("{}", &error));
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "A cached calendar has no id");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/codec/task", test_task);
  g_test_add_func ("/codec/note", test_note);
  g_test_add_func ("/codec/appointment", test_appointment);
  g_test_add_func ("/codec/calendar", test_calendar);
  g_test_add_func ("/codec/user-and-field", test_user_and_field);
  g_test_add_func ("/codec/contact", test_contact);
  g_test_add_func ("/codec/items", test_items);
  g_test_add_func ("/codec/unreadable", test_unreadable);
  return g_test_run ();
}
