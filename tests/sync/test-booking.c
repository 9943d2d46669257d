/* test-booking.c: LiaisonBooking against the in-process sandbox through the real clients: a
 * booking of a linked contact makes the HighLevel appointment and the LeadSquared appointment
 * task at the same instant, linked, in a run of the history with its intents closed; a
 * HighLevel-only contact is booked in HighLevel alone; a slot taken between listing and
 * booking is refused with a sentence and nothing is written to LeadSquared; a move and a
 * cancellation reach both services; the slot cache forgets a booked slot; free slots fall
 * right in America/New_York across the end of daylight saving time and in Asia/Kolkata.
 * The sandbox's clock is pinned, so the days asked for are always ahead of it.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "booking-test-util.h"
#include "liaison-booking.h"
#include "liaison-store-sync.h"
#include "store-test-util.h"

#define PINNED "2026-10-19T12:00:00Z" /* a Monday, two weeks before New York leaves DST */

typedef struct
{
  BookingEnv env;
  LiaisonBooking *booking;
} Fixture;

static void
set_up (Fixture *f, gconstpointer data)
{
  booking_env_init (&f->env, PINNED);
  f->booking = liaison_booking_new (f->env.store, f->env.ghl, f->env.ghl_connection, f->env.lsq,
                                    f->env.lsq_connection);
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->booking);
  booking_env_clear (&f->env);
}

static GPtrArray *
slots (Fixture *f, LiaisonCalendar *calendar, int year, int month, int day, guint n_days,
       const char *zone)
{
  g_autoptr (GDate) first = g_date_new_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  LiaisonSlotCache *cache = liaison_booking_get_slot_cache (f->booking);
  GPtrArray *array;

  liaison_slot_cache_get_slots_async (cache, calendar, first, n_days, zone, NULL,
                                      booking_test_result_cb, &result);
  array = liaison_slot_cache_get_slots_finish (cache, booking_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (array);
  return g_ptr_array_ref (array);
}

static GDateTime *
slot_start (GPtrArray *array, guint i)
{
  g_assert_cmpuint (i, <, array->len);
  return liaison_slot_get_start_time (g_ptr_array_index (array, i));
}

static gboolean
has_start (GPtrArray *array, GDateTime *start)
{
  for (guint i = 0; i < array->len; i++)
    if (g_date_time_equal (slot_start (array, i), start))
      return TRUE;
  return FALSE;
}

static void
assert_instant (GDateTime *time, const char *iso)
{
  g_autoptr (GDateTime) expected = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (time);
  if (!g_date_time_equal (time, expected))
    {
      g_autofree char *got = g_date_time_format_iso8601 (time);

      g_error ("%s, not %s", got, iso);
    }
}

static LiaisonBookingResult *
book (Fixture *f, LiaisonCalendar *calendar, const char *ghl_id, const char *lsq_id,
      GDateTime *start, const char *zone, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  liaison_booking_book_async (f->booking, calendar, ghl_id, lsq_id, start, "Intro call",
                              "Bring the price list", LIAISON_APPOINTMENT_STATUS_CONFIRMED, zone,
                              NULL, booking_test_result_cb, &result);
  return liaison_booking_finish (f->booking, booking_test_wait (&result), error);
}

static void
assert_no_pending_intents (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pending = liaison_store_list_pending_intents (f->env.store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 0);
}

static void
test_book_linked (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) before
      = slots (f, f->env.consultation, 2026, 10, 28, 1, "America/New_York");
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (LiaisonBookingResult) r = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) keep_event = NULL;
  g_autoptr (JsonArray) keep_task = NULL;
  g_autoptr (LiaisonStoreRun) run = NULL;
  g_autoptr (GPtrArray) operations = NULL;
  g_autoptr (GDateTime) due = NULL;
  g_autoptr (GDateTime) event_start = NULL;
  g_autofree char *linked = NULL;
  JsonObject *event, *task;
  guint fetches;

  /* 9:00 in New York on a Wednesday in daylight saving time. */
  assert_instant (slot_start (before, 0), "2026-10-28T13:00:00Z");
  r = book (f, f->env.consultation, f->env.linked_ghl_id, f->env.linked_lsq_id,
            slot_start (before, 0), "America/New_York", &error);
  g_assert_no_error (error);
  g_assert_nonnull (r->ghl);
  g_assert_nonnull (r->lsq_task_id);
  g_assert_null (r->lsq_error);

  event = booking_find (&f->env, "ghl/events", "id", liaison_appointment_get_id (r->ghl),
                        &keep_event);
  g_assert_nonnull (event);
  g_assert_cmpstr (json_object_get_string_member (event, "contactId"), ==, f->env.linked_ghl_id);
  g_assert_cmpstr (json_object_get_string_member (event, "calendarId"), ==,
                   liaison_calendar_get_id (f->env.consultation));
  g_assert_cmpstr (json_object_get_string_member (event, "title"), ==, "Intro call");
  event_start
      = g_date_time_new_from_iso8601 (json_object_get_string_member (event, "startTime"), NULL);
  assert_instant (event_start, "2026-10-28T13:00:00Z");

  task = booking_find (&f->env, "lsq/tasks", "UserTaskId", r->lsq_task_id, &keep_task);
  g_assert_nonnull (task);
  g_assert_cmpstr (json_object_get_string_member (task, "RelatedEntityId"), ==,
                   f->env.linked_lsq_id);
  g_assert_cmpint (json_object_get_int_member (task, "Category"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (task, "Name"), ==, "Intro call");
  due = booking_lsq_time (json_object_get_string_member (task, "DueDate"));
  assert_instant (due, "2026-10-28T13:00:00Z");

  /* Linked, and in the history. */
  store_test_drain ();
  linked = liaison_booking_lookup_lsq_task (f->booking, liaison_appointment_get_id (r->ghl));
  g_assert_cmpstr (linked, ==, r->lsq_task_id);
  run = liaison_store_lookup_run (f->env.store, r->run_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (run->trigger, ==, "manual");
  g_assert_cmpstr (run->status, ==, "succeeded");
  g_assert_cmpuint (run->n_created, ==, 2);
  g_assert_cmpuint (run->n_linked, ==, 1);
  operations = liaison_store_list_operations (f->env.store, r->run_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (operations->len, ==, 2);
  for (guint i = 0; i < operations->len; i++)
    {
      LiaisonStoreOperation *op = g_ptr_array_index (operations, i);

      g_assert_cmpint (op->action, ==, LIAISON_OPERATION_CREATE);
      g_assert_cmpint (op->status, ==, LIAISON_OPERATION_APPLIED);
      g_assert_cmpstr (op->field, ==, "appointment");
      g_assert_nonnull (strstr (op->after, "2026-10-28T13:00:00Z"));
    }
  assert_no_pending_intents (f);

  /* The slot cache forgot the calendar's slots: asked again, HighLevel no longer offers it. */
  fetches
      = booking_route_count (&f->env, LIAISON_SERVICE_GHL, "GET /calendars/:calendarId/free-slots");
  after = slots (f, f->env.consultation, 2026, 10, 28, 1, "America/New_York");
  g_assert_cmpuint (
      booking_route_count (&f->env, LIAISON_SERVICE_GHL, "GET /calendars/:calendarId/free-slots"),
      ==, fetches + 1);
  g_assert_cmpuint (after->len, ==, before->len - 1);
  g_assert_false (has_start (after, slot_start (before, 0)));
}

static void
test_book_ghl_only (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) free_slots = slots (f, f->env.demo, 2026, 10, 22, 1, "Asia/Kolkata");
  g_autoptr (JsonArray) tasks = booking_records (&f->env, "lsq/tasks");
  g_autoptr (JsonArray) tasks_after = NULL;
  g_autoptr (LiaisonBookingResult) r = NULL;
  g_autoptr (GError) error = NULL;

  /* 10:00 in Kolkata (UTC+5:30, no daylight saving). */
  assert_instant (slot_start (free_slots, 0), "2026-10-22T04:30:00Z");
  r = book (f, f->env.demo, f->env.ghl_only_id, NULL, slot_start (free_slots, 0), "Asia/Kolkata",
            &error);
  g_assert_no_error (error);
  g_assert_nonnull (r->ghl);
  g_assert_null (r->lsq_task_id);
  g_assert_null (r->lsq_error);
  g_assert_cmpuint (booking_count (&f->env, "ghl/events", "contactId", f->env.ghl_only_id), >=, 1);
  tasks_after = booking_records (&f->env, "lsq/tasks");
  g_assert_cmpuint (json_array_get_length (tasks_after), ==, json_array_get_length (tasks));
}

static void
test_slot_taken (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) listed = slots (f, f->env.consultation, 2026, 11, 2, 1, "America/New_York");
  g_autoptr (GPtrArray) now_free = NULL;
  g_autoptr (LiaisonBookingResult) r = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) runs = NULL;
  g_autofree char *other = NULL;
  guint lsq_tasks = booking_count (&f->env, "lsq/tasks", "RelatedEntityId", f->env.linked_lsq_id);
  LiaisonStoreRun *run;

  /* 9:00 in New York on the Monday after daylight saving time ended: 14:00 UTC. */
  assert_instant (slot_start (listed, 0), "2026-11-02T14:00:00Z");
  /* Someone books it in HighLevel's web app meanwhile. */
  other = booking_add_event (&f->env, liaison_calendar_get_id (f->env.consultation),
                             f->env.ghl_only_id, slot_start (listed, 1), 30);
  r = book (f, f->env.consultation, f->env.linked_ghl_id, f->env.linked_lsq_id,
            slot_start (listed, 1), "America/New_York", &error);
  g_assert_error (error, LIAISON_BOOKING_ERROR, LIAISON_BOOKING_ERROR_SLOT_TAKEN);
  g_assert_null (r);
  g_assert_nonnull (strstr (error->message, "2026-11-02 09:30"));
  g_assert_nonnull (strstr (error->message, "Consultation"));
  g_assert_nonnull (strstr (error->message, "taken meanwhile"));
  g_clear_error (&error);

  /* Nothing half made: no appointment for the contact, no LeadSquared task. */
  g_assert_cmpuint (booking_count (&f->env, "ghl/events", "contactId", f->env.linked_ghl_id), ==,
                    0);
  g_assert_cmpuint (booking_count (&f->env, "lsq/tasks", "RelatedEntityId", f->env.linked_lsq_id),
                    ==, lsq_tasks);
  store_test_drain ();
  assert_no_pending_intents (f);
  runs = liaison_store_list_runs (f->env.store, 1, &error);
  g_assert_no_error (error);
  run = g_ptr_array_index (runs, 0);
  g_assert_cmpstr (run->status, ==, "failed");
  g_assert_cmpstr (run->cause, ==, "slot-taken");
  g_assert_cmpuint (run->n_failed, ==, 1);

  /* The slots were listed again: the taken one is gone from the cache's answer. */
  now_free = slots (f, f->env.consultation, 2026, 11, 2, 1, "America/New_York");
  g_assert_false (has_start (now_free, slot_start (listed, 1)));
  g_assert_true (has_start (now_free, slot_start (listed, 0)));
}

static void
test_reschedule_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) listed
      = slots (f, f->env.consultation, 2026, 10, 29, 1, "America/New_York");
  g_autoptr (LiaisonBookingResult) booked = NULL;
  g_autoptr (LiaisonBookingResult) moved = NULL;
  g_autoptr (LiaisonBookingResult) cancelled = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) keep = NULL;
  g_autoptr (GDateTime) due = NULL;
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (LiaisonStoreRun) run = NULL;
  JsonObject *event, *task;

  booked = book (f, f->env.consultation, f->env.linked_ghl_id, f->env.linked_lsq_id,
                 slot_start (listed, 0), "America/New_York", &error);
  g_assert_no_error (error);

  liaison_booking_reschedule_async (f->booking, booked->ghl, f->env.consultation,
                                    slot_start (listed, 3), "America/New_York", NULL,
                                    booking_test_result_cb, &result);
  moved = liaison_booking_finish (f->booking, booking_test_wait (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpstr (moved->lsq_task_id, ==, booked->lsq_task_id);
  g_assert_null (moved->lsq_error);
  event
      = booking_find (&f->env, "ghl/events", "id", liaison_appointment_get_id (booked->ghl), &keep);
  start = g_date_time_new_from_iso8601 (json_object_get_string_member (event, "startTime"), NULL);
  /* 10:30 in New York. */
  assert_instant (start, "2026-10-29T14:30:00Z");
  g_clear_pointer (&keep, json_array_unref);
  task = booking_find (&f->env, "lsq/tasks", "UserTaskId", booked->lsq_task_id, &keep);
  due = booking_lsq_time (json_object_get_string_member (task, "DueDate"));
  assert_instant (due, "2026-10-29T14:30:00Z");
  g_clear_pointer (&keep, json_array_unref);
  store_test_drain ();
  run = liaison_store_lookup_run (f->env.store, moved->run_id, &error);
  g_assert_cmpuint (run->n_updated, ==, 2);

  liaison_booking_cancel_async (f->booking, moved->ghl, NULL, booking_test_result_cb, &result);
  cancelled = liaison_booking_finish (f->booking, booking_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (liaison_appointment_get_status (cancelled->ghl), ==,
                   LIAISON_APPOINTMENT_STATUS_CANCELLED);
  event
      = booking_find (&f->env, "ghl/events", "id", liaison_appointment_get_id (booked->ghl), &keep);
  g_assert_cmpstr (json_object_get_string_member (event, "appointmentStatus"), ==, "cancelled");
  g_clear_pointer (&keep, json_array_unref);
  task = booking_find (&f->env, "lsq/tasks", "UserTaskId", booked->lsq_task_id, &keep);
  g_assert_cmpstr (json_object_get_string_member (task, "Name"), ==, "Cancelled: Intro call");
  g_assert_cmpint (json_object_get_int_member (task, "StatusCode"), ==, 1);
  store_test_drain ();
  assert_no_pending_intents (f);
}

static void
test_refusals (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonBooking) offline = liaison_booking_new (f->env.store, NULL, NULL, NULL, NULL);
  g_autoptr (GPtrArray) listed
      = slots (f, f->env.consultation, 2026, 10, 27, 1, "America/New_York");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonBookingResult) r = NULL;

  liaison_booking_book_async (
      offline, f->env.consultation, f->env.linked_ghl_id, NULL, slot_start (listed, 0), NULL, NULL,
      LIAISON_APPOINTMENT_STATUS_CONFIRMED, NULL, NULL, booking_test_result_cb, &result);
  r = liaison_booking_finish (offline, booking_test_wait (&result), &error);
  g_assert_error (error, LIAISON_BOOKING_ERROR, LIAISON_BOOKING_ERROR_NO_ACCOUNT);
  g_assert_nonnull (strstr (error->message, "Accounts"));
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_null (liaison_booking_get_slot_cache (offline));

  r = book (f, f->env.consultation, NULL, f->env.linked_lsq_id, slot_start (listed, 0), NULL,
            &error);
  g_assert_error (error, LIAISON_BOOKING_ERROR, LIAISON_BOOKING_ERROR_CONTACT);
  g_assert_nonnull (strstr (error->message, "only in LeadSquared"));
  g_clear_error (&error);

  g_assert_true (liaison_booking_check_days (31, &error));
  g_assert_false (liaison_booking_check_days (32, &error));
  g_assert_error (error, LIAISON_BOOKING_ERROR, LIAISON_BOOKING_ERROR_WINDOW);
  g_assert_nonnull (strstr (error->message, "31 days"));
}

int
main (int argc, char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/booking/linked", Fixture, NULL, set_up, test_book_linked, tear_down);
  g_test_add ("/booking/ghl-only", Fixture, NULL, set_up, test_book_ghl_only, tear_down);
  g_test_add ("/booking/slot-taken", Fixture, NULL, set_up, test_slot_taken, tear_down);
  g_test_add ("/booking/reschedule-cancel", Fixture, NULL, set_up, test_reschedule_cancel,
              tear_down);
  g_test_add ("/booking/refusals", Fixture, NULL, set_up, test_refusals, tear_down);
  return g_test_run ();
}
