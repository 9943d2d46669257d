/* test-ghl-calendars.c: LiaisonGhlClient's calendar operations against the
 * in-process HighLevel sandbox: calendars, free slots in a time zone (and a
 * range over 31 days asked for in pieces), events, booking, moving and
 * deleting an appointment, and a contact's appointments.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "ghl-test-util.h"

#define C "2021-07-28"
#define K "2021-04-15"

static GhlEnv env;
/* The sandbox's "now": a Tuesday, so the week asked for (from Thursday) runs
 * across the Sunday America/New_York leaves daylight saving time
 * (1 November 2026). */
static GDateTime *now;

static void
assert_last (const char *method, const char *route, const char *version)
{
  g_autoptr (JsonNode) keep = NULL;
  JsonObject *last = ghl_last_request (env.sandbox, &keep);

  g_assert_cmpstr (json_object_get_string_member (last, "method"), ==, method);
  g_assert_cmpstr (json_object_get_string_member (last, "route"), ==, route);
  g_assert_cmpstr (json_object_get_string_member (last, "version"), ==, version);
}

static GPtrArray *
list (GhlWait *wait)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *items = liaison_ghl_client_list_finish (env.client, ghl_wait (wait), &error);

  g_assert_no_error (error);
  g_assert_nonnull (items);
  return items;
}

static LiaisonCalendar *
first_calendar (void)
{
  g_auto (GhlWait) wait = { 0 };
  g_autoptr (GPtrArray) calendars = NULL;

  liaison_ghl_client_list_calendars_async (env.client, NULL, ghl_on_done, &wait);
  calendars = list (&wait);
  assert_last ("GET", "/calendars/", K);
  g_assert_cmpuint (calendars->len, >, 0);
  return g_object_ref (g_ptr_array_index (calendars, 0));
}

/* The free slots from the day after tomorrow (UTC) on, for days days. */
static GPtrArray *
free_slots (const char *calendar, guint days, const char *zone, GDateTime **from_out,
            GDateTime **to_out)
{
  g_auto (GhlWait) wait = { 0 };
  g_autoptr (GDateTime) from
      = g_date_time_new_utc (g_date_time_get_year (now), g_date_time_get_month (now),
                             g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr (GDateTime) start = g_date_time_add_days (from, 2);
  g_autoptr (GDateTime) end = g_date_time_add_days (start, days);

  liaison_ghl_client_get_free_slots_async (env.client, calendar, start, end, zone, NULL, 30, NULL,
                                           ghl_on_done, &wait);
  if (from_out != NULL)
    *from_out = g_date_time_ref (start);
  if (to_out != NULL)
    *to_out = g_date_time_ref (end);
  return list (&wait);
}

static void
test_calendars (void)
{
  g_autoptr (LiaisonCalendar) first = first_calendar ();
  g_autoptr (LiaisonCalendar) read = NULL;
  g_auto (GhlWait) wait = { 0 };
  g_autoptr (GError) error = NULL;

  liaison_ghl_client_get_calendar_async (env.client, liaison_calendar_get_id (first), NULL,
                                         ghl_on_done, &wait);
  read = liaison_ghl_client_get_calendar_finish (env.client, ghl_wait (&wait), &error);
  g_assert_no_error (error);
  assert_last ("GET", "/calendars/:calendarId", K);
  g_assert_cmpstr (liaison_calendar_get_id (read), ==, liaison_calendar_get_id (first));
  g_assert_cmpstr (liaison_calendar_get_name (read), ==, liaison_calendar_get_name (first));
  g_assert_cmpuint (liaison_calendar_get_slot_duration (read), >, 0);
}

static void
test_free_slots (void)
{
  g_autoptr (LiaisonCalendar) calendar = first_calendar ();
  g_autoptr (GPtrArray) week = NULL;
  g_autoptr (GPtrArray) long_range = NULL;
  g_autoptr (GDateTime) from = NULL;
  g_autoptr (GDateTime) to = NULL;
  g_autoptr (JsonNode) log = NULL;
  GDateTime *previous = NULL;
  g_autoptr (GTimeZone) calendar_zone = NULL;
  int earliest_before = -1, earliest_after = -1;
  JsonArray *requests;
  guint i, pieces = 0;

  ghl_clear_log (env.sandbox);
  week = free_slots (liaison_calendar_get_id (calendar), 7, "America/New_York", &from, &to);
  assert_last ("GET", "/calendars/:calendarId/free-slots", K);
  g_assert_cmpuint (week->len, >, 0);
  for (i = 0; i < week->len; i++)
    {
      LiaisonSlot *slot = g_ptr_array_index (week, i);
      GDateTime *start = liaison_slot_get_start_time (slot);

      g_assert_cmpint (g_date_time_compare (start, from), >=, 0);
      g_assert_cmpint (g_date_time_compare (start, to), <, 0);
      g_assert_cmpint (g_date_time_difference (liaison_slot_get_end_time (slot), start), ==,
                       30 * G_TIME_SPAN_MINUTE);
      g_assert_cmpstr (liaison_slot_get_time_zone (slot), ==, "America/New_York");
      if (previous != NULL)
        g_assert_cmpint (g_date_time_compare (previous, start), <, 0);
      previous = start;
    }

  /* Open hours are kept in the calendar's own zone on both sides of the
   * change: the earliest slot of the days before 1 November and of the days
   * after it start at the same wall-clock time there, though an hour apart in
   * UTC. (Any one day's first slot may be booked by a seeded appointment.)
   * The sandbox's first calendar keeps office hours in New York. */
  g_assert_cmpstr (liaison_calendar_get_name (calendar), ==, "Consultation");
  calendar_zone = g_time_zone_new_identifier ("America/New_York");
  g_assert_nonnull (calendar_zone);
  for (i = 0; i < week->len; i++)
    {
      GDateTime *start = liaison_slot_get_start_time (g_ptr_array_index (week, i));
      g_autoptr (GDateTime) local = g_date_time_to_timezone (start, calendar_zone);
      int minute = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
      int *earliest = g_date_time_get_month (local) == 10 ? &earliest_before : &earliest_after;

      if (*earliest < 0 || minute < *earliest)
        *earliest = minute;
    }
  g_assert_cmpint (earliest_before, >=, 0);
  g_assert_cmpint (earliest_after, ==, earliest_before);

  /* 45 days: two requests, none over HighLevel's 31-day limit, no slot twice. */
  ghl_clear_log (env.sandbox);
  long_range = free_slots (liaison_calendar_get_id (calendar), 45, "Asia/Kolkata", NULL, NULL);
  log = ghl_log (env.sandbox);
  requests = json_node_get_array (log);
  for (i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);

      g_assert_cmpint (json_object_get_int_member (request, "status"), ==, 200);
      pieces++;
    }
  g_assert_cmpuint (pieces, ==, 2);
  g_assert_cmpuint (long_range->len, >, week->len);
  for (i = 1; i < long_range->len; i++)
    g_assert_cmpint (
        g_date_time_compare (liaison_slot_get_start_time (g_ptr_array_index (long_range, i - 1)),
                             liaison_slot_get_start_time (g_ptr_array_index (long_range, i))),
        <, 0);
}

static gboolean
has_event (GPtrArray *events, const char *id)
{
  guint i;

  for (i = 0; i < events->len; i++)
    if (g_strcmp0 (liaison_appointment_get_id (g_ptr_array_index (events, i)), id) == 0)
      return TRUE;
  return FALSE;
}

static GPtrArray *
events_between (const char *calendar, GDateTime *from, GDateTime *to)
{
  g_auto (GhlWait) wait = { 0 };

  liaison_ghl_client_list_events_async (env.client, calendar, from, to, NULL, ghl_on_done, &wait);
  return list (&wait);
}

static void
test_appointments (void)
{
  g_autoptr (LiaisonCalendar) calendar = first_calendar ();
  const char *calendar_id = liaison_calendar_get_id (calendar);
  g_autoptr (JsonNode) keep = NULL;
  const char *contact
      = json_object_get_string_member (ghl_seeded (env.sandbox, "contacts", NULL, &keep), "id");
  g_autoptr (GDateTime) from = NULL;
  g_autoptr (GDateTime) to = NULL;
  g_autoptr (GPtrArray) slots = free_slots (calendar_id, 5, "UTC", &from, &to);
  g_autoptr (LiaisonAppointment) draft = liaison_appointment_new ();
  g_autoptr (LiaisonAppointment) booked = NULL;
  g_autoptr (LiaisonAppointment) change = liaison_appointment_new ();
  g_autoptr (LiaisonAppointment) moved = NULL;
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (GPtrArray) mine = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (GError) error = NULL;
  LiaisonSlot *slot, *later;
  const char *id;

  g_assert_cmpuint (slots->len, >, 2);
  slot = g_ptr_array_index (slots, 0);
  later = g_ptr_array_index (slots, slots->len - 1);

  liaison_appointment_set_calendar_id (draft, calendar_id);
  liaison_appointment_set_contact_id (draft, contact);
  liaison_appointment_set_start_time (draft, liaison_slot_get_start_time (slot));
  liaison_appointment_set_end_time (draft, liaison_slot_get_end_time (slot));
  liaison_appointment_set_title (draft, "Intro call");
  liaison_appointment_set_status (draft, LIAISON_APPOINTMENT_STATUS_CONFIRMED);
  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_create_appointment_async (env.client, draft, NULL, ghl_on_done, &wait);
    booked = liaison_ghl_client_appointment_finish (env.client, ghl_wait (&wait), &error);
    g_assert_no_error (error);
    assert_last ("POST", "/calendars/events/appointments", K);
  }
  id = liaison_appointment_get_id (booked);
  g_assert_nonnull (id);
  g_assert_cmpstr (liaison_appointment_get_title (booked), ==, "Intro call");
  g_assert_cmpint (liaison_appointment_get_status (booked), ==,
                   LIAISON_APPOINTMENT_STATUS_CONFIRMED);

  events = events_between (calendar_id, from, to);
  assert_last ("GET", "/calendars/events", K);
  g_assert_true (has_event (events, id));

  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_list_contact_appointments_async (env.client, contact, NULL, ghl_on_done,
                                                        &wait);
    mine = list (&wait);
    assert_last ("GET", "/contacts/:contactId/appointments", C);
  }
  g_assert_true (has_event (mine, id));

  /* Moved to the last free slot and renamed; the booked slot is free again. */
  liaison_appointment_set_id (change, id);
  liaison_appointment_set_start_time (change, liaison_slot_get_start_time (later));
  liaison_appointment_set_end_time (change, liaison_slot_get_end_time (later));
  liaison_appointment_set_title (change, "Intro call (moved)");
  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_update_appointment_async (env.client, change, NULL, ghl_on_done, &wait);
    moved = liaison_ghl_client_appointment_finish (env.client, ghl_wait (&wait), &error);
    g_assert_no_error (error);
    assert_last ("PUT", "/calendars/events/appointments/:eventId", K);
  }
  g_assert_cmpstr (liaison_appointment_get_title (moved), ==, "Intro call (moved)");
  g_assert_cmpint (g_date_time_compare (liaison_appointment_get_start_time (moved),
                                        liaison_slot_get_start_time (later)),
                   ==, 0);

  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_delete_appointment_async (env.client, id, NULL, ghl_on_done, &wait);
    g_assert_true (liaison_ghl_client_delete_finish (env.client, ghl_wait (&wait), &error));
    g_assert_no_error (error);
    assert_last ("DELETE", "/calendars/events/:eventId", K);
  }
  after = events_between (calendar_id, from, to);
  g_assert_false (has_event (after, id));
}

/* A booking on a taken slot is refused with the server's own words. */
static void
test_taken_slot (void)
{
  g_autoptr (LiaisonCalendar) calendar = first_calendar ();
  g_autoptr (JsonNode) keep = NULL;
  const char *contact
      = json_object_get_string_member (ghl_seeded (env.sandbox, "contacts", NULL, &keep), "id");
  g_autoptr (GPtrArray) slots
      = free_slots (liaison_calendar_get_id (calendar), 3, NULL, NULL, NULL);
  g_autoptr (LiaisonAppointment) draft = liaison_appointment_new ();
  g_autoptr (LiaisonAppointment) first = NULL;
  g_autoptr (LiaisonAppointment) second = NULL;
  g_autoptr (GError) error = NULL;
  LiaisonSlot *slot;

  g_assert_cmpuint (slots->len, >, 0);
  slot = g_ptr_array_index (slots, slots->len / 2);
  liaison_appointment_set_calendar_id (draft, liaison_calendar_get_id (calendar));
  liaison_appointment_set_contact_id (draft, contact);
  liaison_appointment_set_start_time (draft, liaison_slot_get_start_time (slot));
  liaison_appointment_set_end_time (draft, liaison_slot_get_end_time (slot));
  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_create_appointment_async (env.client, draft, NULL, ghl_on_done, &wait);
    first = liaison_ghl_client_appointment_finish (env.client, ghl_wait (&wait), &error);
    g_assert_no_error (error);
  }
  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_create_appointment_async (env.client, draft, NULL, ghl_on_done, &wait);
    second = liaison_ghl_client_appointment_finish (env.client, ghl_wait (&wait), &error);
  }
  g_assert_null (second);
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_VALIDATION);
  g_assert_nonnull (strstr (error->message, "no longer available"));
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  ghl_env_init (&env, 40, NULL);
  now = ghl_pin_clock (env.sandbox, "2026-10-27T12:00:00Z");

  g_test_add_func ("/ghl/calendars/get", test_calendars);
  g_test_add_func ("/ghl/calendars/free-slots", test_free_slots);
  g_test_add_func ("/ghl/calendars/appointments", test_appointments);
  g_test_add_func ("/ghl/calendars/taken-slot", test_taken_slot);

  status = g_test_run ();
  g_date_time_unref (now);
  ghl_env_clear (&env);
  return status;
}
