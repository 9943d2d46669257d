/* test-event-list.c: LiaisonEventList against the in-process sandbox: the window moves over
 * cached data and refreshes bring in the rest, each as one items-changed at the right position;
 * changes made in HighLevel (new, moved, deleted) arrive as one change; all calendars are merged
 * by start; the window is there from the store on the next start; day windows in two time
 * zones hold different appointments.
 *
 * The process runs in America/New_York (set before anything reads the zone).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "liaison-event-list.h"
#include "models-test-util.h"
#include "store-test-util.h"

static void
refresh (LiaisonEventList *list)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  liaison_event_list_refresh_async (list, NULL, store_test_result_cb, &result);
  liaison_event_list_refresh_finish (list, store_test_wait (&result), &error);
  g_assert_no_error (error);
  /* Let the store's records-changed reach every list before counting signals. */
  store_test_drain ();
}

static void
set_days (LiaisonEventList *list, GDateTime *day0, int first, int n_days)
{
  g_autoptr (GDateTime) from = g_date_time_add_days (day0, first);
  g_autoptr (GDateTime) to = g_date_time_add_days (day0, first + n_days);

  liaison_event_list_set_window (list, from, to);
}

/* The ids of the items, in order, joined by spaces. */
static char *
ids (LiaisonEventList *list)
{
  GString *s = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (LiaisonAppointment) a = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_string_append_printf (s, "%s%s", i ? " " : "", liaison_appointment_get_id (a));
    }
  return g_string_free (s, FALSE);
}

static char *
join (const char *first, ...)
{
  GString *s = g_string_new (first);
  va_list args;
  const char *next;

  va_start (args, first);
  while ((next = va_arg (args, const char *)) != NULL)
    g_string_append_printf (s, " %s", next);
  va_end (args);
  return g_string_free (s, FALSE);
}

#define assert_ids(list, ...)                                                                      \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_autofree char *got_ = ids (list);                                                            \
    g_autofree char *want_ = join (__VA_ARGS__, NULL);                                             \
    g_assert_cmpstr (got_, ==, want_);                                                             \
  }                                                                                                \
  G_STMT_END

static GDateTime *
at (GDateTime *day0, int day, int hour, int minute)
{
  g_autoptr (GDateTime) d = g_date_time_add_days (day0, day);

  return g_date_time_add_full (d, 0, 0, 0, hour, minute, 0);
}

static void
test_window_moves (void)
{
  ModelsEnv env;
  ModelsRecorder rec;
  g_autoptr (GTimeZone) ny = g_time_zone_new_local ();
  g_autoptr (GDateTime) day0 = models_future_wednesday (ny);
  g_autoptr (LiaisonEventList) list = NULL;
  g_autoptr (LiaisonAppointment) first = NULL;
  g_autoptr (LiaisonAppointment) same = NULL;
  char *e[5];

  models_env_init (&env);
  for (int i = 0; i < 5; i++)
    {
      g_autoptr (GDateTime) start = at (day0, i, 10, 0);
      e[i] = models_add_event (&env, env.consultation_id, start, 30);
    }

  list = liaison_event_list_new (env.store, env.client, env.connection_id, env.consultation_id);
  g_assert_cmpstr (liaison_event_list_get_calendar_id (list), ==, env.consultation_id);
  models_recorder_init (&rec, G_LIST_MODEL (list));

  /* Nothing cached yet: the window is empty until the refresh. */
  set_days (list, day0, 0, 2);
  models_recorder_assert_none (&rec);
  refresh (list);
  models_recorder_assert_one (&rec, 0, 0, 2);
  assert_ids (list, e[0], e[1]);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (liaison_appointment_get_calendar_id (first), ==, env.consultation_id);
  g_assert_cmpstr (liaison_appointment_get_contact_id (first), ==, env.contact_id);
  g_assert_cmpint (liaison_appointment_get_status (first), ==,
                   LIAISON_APPOINTMENT_STATUS_CONFIRMED);
  {
    g_autoptr (GDateTime) want = at (day0, 0, 10, 0);
    g_assert_true (g_date_time_equal (liaison_appointment_get_start_time (first), want));
  }

  /* An unchanged refresh announces nothing and keeps the objects. */
  refresh (list);
  models_recorder_assert_none (&rec);
  same = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (same == first);

  /* One day on: the cache has day 1 only; the refresh adds day 2 after it. */
  set_days (list, day0, 1, 2);
  models_recorder_assert_one (&rec, 0, 1, 0);
  assert_ids (list, e[1]);
  refresh (list);
  models_recorder_assert_one (&rec, 1, 0, 1);
  assert_ids (list, e[1], e[2]);

  /* Wider: day 0 comes from the cache in front, days 3 and 4 from HighLevel at the end. */
  set_days (list, day0, 0, 5);
  models_recorder_assert_one (&rec, 0, 0, 1);
  assert_ids (list, e[0], e[1], e[2]);
  refresh (list);
  models_recorder_assert_one (&rec, 3, 0, 2);
  assert_ids (list, e[0], e[1], e[2], e[3], e[4]);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);

  /* Setting the same window again is no change at all. */
  set_days (list, day0, 0, 5);
  models_recorder_assert_none (&rec);

  models_recorder_clear (&rec);
  g_clear_object (&list);
  for (int i = 0; i < 5; i++)
    g_free (e[i]);
  models_env_clear (&env);
}

static void
test_changes_in_highlevel (void)
{
  ModelsEnv env;
  ModelsRecorder rec;
  g_autoptr (GTimeZone) ny = g_time_zone_new_local ();
  g_autoptr (GDateTime) day0 = models_future_wednesday (ny);
  g_autoptr (LiaisonEventList) list = NULL;
  g_autoptr (LiaisonEventList) offline = NULL;
  g_autoptr (LiaisonStoreRecord) record = NULL;
  g_autoptr (GDateTime) t_new = at (day0, 2, 8, 0);
  g_autoptr (GDateTime) t_moved = at (day0, 4, 15, 0);
  g_autofree char *added = NULL;
  g_autoptr (GError) error = NULL;
  char *e[5];

  models_env_init (&env);
  for (int i = 0; i < 5; i++)
    {
      g_autoptr (GDateTime) start = at (day0, i, 10, 0);
      e[i] = models_add_event (&env, env.consultation_id, start, 30);
    }
  list = liaison_event_list_new (env.store, env.client, env.connection_id, env.consultation_id);
  set_days (list, day0, 0, 5);
  refresh (list);
  assert_ids (list, e[0], e[1], e[2], e[3], e[4]);
  models_recorder_init (&rec, G_LIST_MODEL (list));

  /* In the web UI: one deleted, one moved later, one new before e2. */
  models_delete_event (&env, e[1]);
  models_move_event (&env, e[3], t_moved, 30);
  added = models_add_event (&env, env.consultation_id, t_new, 30);
  refresh (list);
  models_recorder_assert_one (&rec, 1, 4, 4);
  assert_ids (list, e[0], added, e[2], e[4], e[3]);

  /* The deleted one stays in the store, marked. */
  record = liaison_store_lookup_record (env.store, env.connection_id, LIAISON_RECORD_APPOINTMENT,
                                        e[1], &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_assert_true (record->deleted);
  g_assert_cmpstr (record->parent_id, ==, env.contact_id);

  /* The next start: the window comes from the store, without HighLevel. */
  models_recorder_clear (&rec);
  g_clear_object (&list);
  models_env_reopen_store (&env);
  offline = liaison_event_list_new (env.store, NULL, env.connection_id, env.consultation_id);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (offline)), ==, 0);
  set_days (offline, day0, 0, 5);
  assert_ids (offline, e[0], added, e[2], e[4], e[3]);
  {
    g_autoptr (GAsyncResult) result = NULL;

    liaison_event_list_refresh_async (offline, NULL, store_test_result_cb, &result);
    liaison_event_list_refresh_finish (offline, store_test_wait (&result), &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED);
  }

  g_clear_object (&offline);
  for (int i = 0; i < 5; i++)
    g_free (e[i]);
  models_env_clear (&env);
}

static void
test_all_calendars (void)
{
  ModelsEnv env;
  ModelsRecorder rec;
  g_autoptr (GTimeZone) ny = g_time_zone_new_local ();
  g_autoptr (GDateTime) day0 = models_future_wednesday (ny);
  g_autoptr (GDateTime) t1 = at (day0, 0, 9, 0);
  g_autoptr (GDateTime) t2 = at (day0, 0, 9, 30);
  g_autoptr (GDateTime) t3 = at (day0, 0, 11, 0);
  g_autoptr (LiaisonEventList) all = NULL;
  g_autoptr (LiaisonEventList) demo = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL;
  guint lists_before;

  models_env_init (&env);
  a = models_add_event (&env, env.consultation_id, t1, 30);
  b = models_add_event (&env, env.demo_id, t2, 60);
  c = models_add_event (&env, env.consultation_id, t3, 30);

  all = liaison_event_list_new (env.store, env.client, env.connection_id, NULL);
  demo = liaison_event_list_new (env.store, NULL, env.connection_id, env.demo_id);
  set_days (demo, day0, 0, 1);
  models_recorder_init (&rec, G_LIST_MODEL (demo));
  set_days (all, day0, 0, 1);
  lists_before = models_route_count (&env, "GET /calendars/");
  refresh (all);
  g_assert_cmpuint (models_route_count (&env, "GET /calendars/"), ==, lists_before + 1);
  assert_ids (all, a, b, c);
  /* The other list, one calendar only, took its appointment from the store. */
  models_recorder_assert_one (&rec, 0, 0, 1);
  assert_ids (demo, b);

  models_recorder_clear (&rec);
  g_clear_object (&demo);
  g_clear_object (&all);
  models_env_clear (&env);
}

static void
test_time_zone_days (void)
{
  ModelsEnv env;
  g_autoptr (GTimeZone) ny = g_time_zone_new_local ();
  g_autoptr (GTimeZone) kolkata = g_time_zone_new_identifier ("Asia/Kolkata");
  g_autoptr (GDateTime) day0 = models_future_wednesday (ny);
  /* The same calendar date, midnight in Kolkata (9.5 or 10.5 hours before New York's). */
  g_autoptr (GDateTime) k_day0
      = g_date_time_new (kolkata, g_date_time_get_year (day0), g_date_time_get_month (day0),
                         g_date_time_get_day_of_month (day0), 0, 0, 0);
  g_autoptr (GDateTime) late = at (day0, 0, 23, 30); /* New York day 0, Kolkata day 1 */
  g_autoptr (GDateTime) early = at (day0, 1, 0, 15); /* New York day 1 */
  g_autoptr (LiaisonEventList) list = NULL;
  g_autofree char *e_late = NULL, *e_early = NULL;

  g_assert_cmpstr (g_getenv ("TZ"), ==, "America/New_York");
  models_env_init (&env);
  e_late = models_add_event (&env, env.consultation_id, late, 30);
  e_early = models_add_event (&env, env.consultation_id, early, 30);
  list = liaison_event_list_new (env.store, env.client, env.connection_id, env.consultation_id);

  set_days (list, day0, 0, 1);
  refresh (list);
  assert_ids (list, e_late);
  set_days (list, day0, 1, 1);
  refresh (list);
  assert_ids (list, e_early);

  set_days (list, k_day0, 0, 1);
  refresh (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  set_days (list, k_day0, 1, 1);
  refresh (list);
  assert_ids (list, e_late, e_early);

  g_clear_object (&list);
  models_env_clear (&env);
}

int
main (int argc, char *argv[])
{
  /* Before GLib reads the local zone for the first time. */
  g_setenv ("TZ", "America/New_York", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/models/event-list/window-moves", test_window_moves);
  g_test_add_func ("/models/event-list/changes-in-highlevel", test_changes_in_highlevel);
  g_test_add_func ("/models/event-list/all-calendars", test_all_calendars);
  g_test_add_func ("/models/event-list/time-zone-days", test_time_zone_days);
  return g_test_run ();
}
