/* test-slot-cache.c: LiaisonSlotCache against the in-process sandbox: a second request is a hit
 * (no request reaches HighLevel), the time zone is part of the key and decides where days begin,
 * entries expire, requests made while a fetch is under way share it (and may each cancel), and
 * a booking drops its calendar's slots, after which the booked slot is no longer offered and
 * the booking is in the store for the event lists.
 *
 * The process runs in America/New_York (set before anything reads the zone).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "liaison-calendar-list.h"
#include "liaison-event-list.h"
#include "liaison-slot-cache.h"
#include "liaison-slot.h"
#include "models-test-util.h"
#include "store-test-util.h"

#define FREE_SLOTS "GET /calendars/:calendarId/free-slots"

typedef struct
{
  ModelsEnv env;
  LiaisonCalendarList *calendars;
  LiaisonCalendar *consultation;
  LiaisonSlotCache *cache;
  GDateTime *day0; /* a Wednesday, New York midnight */
  GDate date0;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GTimeZone) ny = g_time_zone_new_local ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (g_getenv ("TZ"), ==, "America/New_York");
  models_env_init (&f->env);
  f->calendars = liaison_calendar_list_new (f->env.store, f->env.client, f->env.connection_id);
  liaison_calendar_list_refresh_async (f->calendars, NULL, store_test_result_cb, &result);
  liaison_calendar_list_refresh_finish (f->calendars, store_test_wait (&result), &error);
  g_assert_no_error (error);
  f->consultation = liaison_calendar_list_lookup (f->calendars, f->env.consultation_id);
  g_assert_nonnull (f->consultation);
  f->cache = liaison_slot_cache_new (f->env.client, f->env.store, f->env.connection_id);
  g_assert_cmpuint (liaison_slot_cache_get_lifetime (f->cache), ==, 60000);
  f->day0 = models_future_wednesday (ny);
  g_date_clear (&f->date0, 1);
  g_date_set_dmy (&f->date0, g_date_time_get_day_of_month (f->day0),
                  g_date_time_get_month (f->day0), g_date_time_get_year (f->day0));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->cache);
  g_clear_object (&f->calendars);
  g_date_time_unref (f->day0);
  models_env_clear (&f->env);
}

static GPtrArray *
get_slots (Fixture *f, const char *zone, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  liaison_slot_cache_get_slots_async (f->cache, f->consultation, &f->date0, 1, zone, NULL,
                                      store_test_result_cb, &result);
  return liaison_slot_cache_get_slots_finish (f->cache, store_test_wait (&result), error);
}

static guint
fetches (Fixture *f)
{
  return models_route_count (&f->env, FREE_SLOTS);
}

/* Asserts every slot starts on date0 as counted in zone; returns the first start there. */
static GDateTime *
assert_on_day (Fixture *f, GPtrArray *slots, const char *zone)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier (zone);

  g_assert_cmpuint (slots->len, >, 0);
  for (guint i = 0; i < slots->len; i++)
    {
      g_autoptr (GDateTime) local
          = g_date_time_to_timezone (liaison_slot_get_start_time (slots->pdata[i]), tz);
      g_assert_cmpint (g_date_time_get_year (local), ==, g_date_get_year (&f->date0));
      g_assert_cmpint (g_date_time_get_month (local), ==, g_date_get_month (&f->date0));
      g_assert_cmpint (g_date_time_get_day_of_month (local), ==, g_date_get_day (&f->date0));
      g_assert_cmpstr (liaison_slot_get_calendar_id (slots->pdata[i]), ==, f->env.consultation_id);
    }
  return g_date_time_to_timezone (liaison_slot_get_start_time (slots->pdata[0]), tz);
}

static void
test_hit_and_time_zones (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) ny = NULL;
  g_autoptr (GPtrArray) again = NULL;
  g_autoptr (GPtrArray) named = NULL;
  g_autoptr (GPtrArray) kolkata = NULL;
  g_autoptr (GDateTime) ny_first = NULL;
  g_autoptr (GDateTime) k_first = NULL;
  guint before = fetches (f);

  /* NULL: this computer's zone, New York, the calendar's own: 09:00 to 16:30 every 30 min. */
  ny = get_slots (f, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fetches (f), ==, before + 1);
  g_assert_cmpuint (ny->len, ==, 16);
  ny_first = assert_on_day (f, ny, "America/New_York");
  g_assert_cmpint (g_date_time_get_hour (ny_first), ==, 9);
  g_assert_cmpint (g_date_time_get_minute (ny_first), ==, 0);
  {
    g_autoptr (GDateTime) end = g_date_time_add_minutes (ny_first, 30);
    g_assert_true (g_date_time_equal (liaison_slot_get_end_time (ny->pdata[0]), end));
  }

  /* A hit: nothing reaches HighLevel, the same slots come back. */
  again = get_slots (f, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (again == ny);
  /* The zone by name is the same key as the local zone it names. */
  named = get_slots (f, "America/New_York", &error);
  g_assert_no_error (error);
  g_assert_true (named == ny);
  g_assert_cmpuint (fetches (f), ==, before + 1);

  /* The same date in Kolkata is another key and other hours: its day begins 9.5 or 10.5 hours
   * earlier, so it holds the end of New York's Tuesday and the start of its Wednesday. */
  kolkata = get_slots (f, "Asia/Kolkata", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fetches (f), ==, before + 2);
  g_assert_true (kolkata != ny);
  k_first = assert_on_day (f, kolkata, "Asia/Kolkata");
  g_assert_cmpint (g_date_time_get_hour (k_first), <, 4);
  g_assert_false (g_date_time_equal (liaison_slot_get_start_time (kolkata->pdata[0]),
                                     liaison_slot_get_start_time (ny->pdata[0])));
  g_assert_cmpstr (liaison_slot_get_time_zone (kolkata->pdata[0]), ==, "Asia/Kolkata");

  /* A zone that does not exist is refused before anything is asked. */
  g_clear_pointer (&kolkata, g_ptr_array_unref);
  kolkata = get_slots (f, "Mars/Olympus_Mons", &error);
  g_assert_null (kolkata);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (fetches (f), ==, before + 2);
}

static void
test_expiry (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) first = NULL;
  g_autoptr (GPtrArray) hit = NULL;
  g_autoptr (GPtrArray) fresh = NULL;
  guint before = fetches (f);

  liaison_slot_cache_set_lifetime (f->cache, 300);
  first = get_slots (f, NULL, &error);
  g_assert_no_error (error);
  hit = get_slots (f, NULL, &error);
  g_assert_true (hit == first);
  g_assert_cmpuint (fetches (f), ==, before + 1);

  models_iterate_for (400);
  fresh = get_slots (f, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (fresh != first);
  g_assert_cmpuint (fresh->len, ==, first->len);
  g_assert_cmpuint (fetches (f), ==, before + 2);
}

static void
test_shared_fetch (Fixture *f, gconstpointer data)
{
  g_autoptr (GAsyncResult) r1 = NULL;
  g_autoptr (GAsyncResult) r2 = NULL;
  g_autoptr (GAsyncResult) r3 = NULL;
  g_autoptr (GAsyncResult) r4 = NULL;
  g_autoptr (GPtrArray) s1 = NULL;
  g_autoptr (GPtrArray) s2 = NULL;
  g_autoptr (GPtrArray) s3 = NULL;
  g_autoptr (GPtrArray) s4 = NULL;
  g_autoptr (GCancellable) cancel = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  guint before = fetches (f);

  liaison_slot_cache_get_slots_async (f->cache, f->consultation, &f->date0, 1, NULL, NULL,
                                      store_test_result_cb, &r1);
  liaison_slot_cache_get_slots_async (f->cache, f->consultation, &f->date0, 1, NULL, cancel,
                                      store_test_result_cb, &r2);
  liaison_slot_cache_get_slots_async (f->cache, f->consultation, &f->date0, 1, NULL, NULL,
                                      store_test_result_cb, &r3);
  /* Two days is another key, fetched on its own. */
  liaison_slot_cache_get_slots_async (f->cache, f->consultation, &f->date0, 2, NULL, NULL,
                                      store_test_result_cb, &r4);
  /* One caller gives up; the others still get the shared answer. */
  g_cancellable_cancel (cancel);

  s2 = liaison_slot_cache_get_slots_finish (f->cache, store_test_wait (&r2), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (s2);
  g_clear_error (&error);
  s1 = liaison_slot_cache_get_slots_finish (f->cache, store_test_wait (&r1), &error);
  g_assert_no_error (error);
  s3 = liaison_slot_cache_get_slots_finish (f->cache, store_test_wait (&r3), &error);
  g_assert_no_error (error);
  s4 = liaison_slot_cache_get_slots_finish (f->cache, store_test_wait (&r4), &error);
  g_assert_no_error (error);
  g_assert_true (s1 == s3);
  g_assert_cmpuint (s1->len, ==, 16);
  g_assert_cmpuint (s4->len, ==, 32);
  g_assert_cmpuint (fetches (f), ==, before + 2);
}

static void
test_all_callers_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr (GAsyncResult) r1 = NULL;
  g_autoptr (GAsyncResult) r2 = NULL;
  g_autoptr (GPtrArray) s1 = NULL;
  g_autoptr (GPtrArray) s2 = NULL;
  g_autoptr (GPtrArray) later = NULL;
  g_autoptr (GCancellable) cancel = g_cancellable_new ();
  g_autoptr (GError) error = NULL;

  liaison_slot_cache_get_slots_async (f->cache, f->consultation, &f->date0, 1, NULL, cancel,
                                      store_test_result_cb, &r1);
  liaison_slot_cache_get_slots_async (f->cache, f->consultation, &f->date0, 1, NULL, cancel,
                                      store_test_result_cb, &r2);
  g_cancellable_cancel (cancel);
  s1 = liaison_slot_cache_get_slots_finish (f->cache, store_test_wait (&r1), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  s2 = liaison_slot_cache_get_slots_finish (f->cache, store_test_wait (&r2), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* A new request does not join the abandoned fetch: it gets slots. */
  later = get_slots (f, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (later->len, ==, 16);
}

static void
test_booking_invalidates (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) kolkata = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (GPtrArray) kolkata_after = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (LiaisonAppointment) appointment = liaison_appointment_new ();
  g_autoptr (LiaisonAppointment) booked = NULL;
  g_autoptr (LiaisonEventList) events = NULL;
  g_autoptr (LiaisonStoreRecord) record = NULL;
  g_autoptr (GDateTime) next_day = g_date_time_add_days (f->day0, 1);
  ModelsRecorder rec;
  GDateTime *start;
  guint n_fetches;

  before = get_slots (f, NULL, &error);
  g_assert_no_error (error);
  kolkata = get_slots (f, "Asia/Kolkata", &error);
  g_assert_no_error (error);
  events
      = liaison_event_list_new (f->env.store, NULL, f->env.connection_id, f->env.consultation_id);
  liaison_event_list_set_window (events, f->day0, next_day);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (events)), ==, 0);
  models_recorder_init (&rec, G_LIST_MODEL (events));

  start = liaison_slot_get_start_time (before->pdata[3]);
  liaison_appointment_set_calendar_id (appointment, f->env.consultation_id);
  liaison_appointment_set_contact_id (appointment, f->env.contact_id);
  liaison_appointment_set_start_time (appointment, start);
  liaison_appointment_set_end_time (appointment, liaison_slot_get_end_time (before->pdata[3]));
  liaison_appointment_set_title (appointment, "Booked from Liaison");
  liaison_slot_cache_book_async (f->cache, appointment, NULL, store_test_result_cb, &result);
  booked = liaison_slot_cache_book_finish (f->cache, store_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (liaison_appointment_get_id (booked));
  store_test_drain ();

  /* Every zone's entry of that calendar was dropped; the booked slot is gone from both. */
  n_fetches = fetches (f);
  after = get_slots (f, NULL, &error);
  g_assert_no_error (error);
  kolkata_after = get_slots (f, "Asia/Kolkata", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fetches (f), ==, n_fetches + 2);
  g_assert_cmpuint (after->len, ==, before->len - 1);
  for (guint i = 0; i < after->len; i++)
    g_assert_false (g_date_time_equal (liaison_slot_get_start_time (after->pdata[i]), start));
  g_assert_cmpuint (kolkata_after->len + 1, ==, kolkata->len);

  /* The booking is in the store, and the event list of that day shows it. */
  record
      = liaison_store_lookup_record (f->env.store, f->env.connection_id, LIAISON_RECORD_APPOINTMENT,
                                     liaison_appointment_get_id (booked), &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_assert_cmpstr (record->parent_id, ==, f->env.contact_id);
  models_recorder_assert_one (&rec, 0, 0, 1);

  /* A booking of a taken slot fails, and still drops the entries (it may have landed). */
  g_clear_pointer (&after, g_ptr_array_unref);
  after = get_slots (f, NULL, &error);
  n_fetches = fetches (f);
  g_clear_object (&result);
  g_clear_object (&booked);
  liaison_slot_cache_book_async (f->cache, appointment, NULL, store_test_result_cb, &result);
  booked = liaison_slot_cache_book_finish (f->cache, store_test_wait (&result), &error);
  g_assert_null (booked);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = get_slots (f, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fetches (f), ==, n_fetches + 1);

  models_recorder_clear (&rec);
}

int
main (int argc, char *argv[])
{
  /* Before GLib reads the local zone for the first time. */
  g_setenv ("TZ", "America/New_York", TRUE);
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func)                                                                            \
  g_test_add ("/models/slot-cache/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("hit-and-time-zones", test_hit_and_time_zones);
  ADD ("expiry", test_expiry);
  ADD ("shared-fetch", test_shared_fetch);
  ADD ("all-callers-cancel", test_all_callers_cancel);
  ADD ("booking-invalidates", test_booking_invalidates);
  return g_test_run ();
}
