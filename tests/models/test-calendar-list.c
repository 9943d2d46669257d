/* test-calendar-list.c: LiaisonCalendarList against the in-process sandbox: a refresh fills the
 * list by name with one items-changed, an unchanged refresh announces nothing, a rename and a
 * removal in HighLevel arrive as one change each, and the list is there from the store on the
 * next start, without HighLevel.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "liaison-calendar-list.h"
#include "models-test-util.h"
#include "store-test-util.h"

static void
refresh (LiaisonCalendarList *list, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  liaison_calendar_list_refresh_async (list, NULL, store_test_result_cb, &result);
  liaison_calendar_list_refresh_finish (list, store_test_wait (&result), error);
}

static const char *
name_at (LiaisonCalendarList *list, guint position)
{
  g_autoptr (LiaisonCalendar) calendar = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_assert_nonnull (calendar);
  /* The list keeps its own reference: the name outlives this one. */
  return liaison_calendar_get_name (calendar);
}

static void
test_refresh_and_cache (void)
{
  ModelsEnv env;
  ModelsRecorder rec;
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonCalendarList) list = NULL;
  g_autoptr (LiaisonCalendarList) offline = NULL;
  g_autoptr (LiaisonCalendar) consultation = NULL;
  g_autoptr (LiaisonCalendar) kept = NULL;

  models_env_init (&env);
  list = liaison_calendar_list_new (env.store, env.client, env.connection_id);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == LIAISON_TYPE_CALENDAR);
  models_recorder_init (&rec, G_LIST_MODEL (list));

  refresh (list, &error);
  g_assert_no_error (error);
  models_recorder_assert_one (&rec, 0, 0, 2);
  g_assert_cmpstr (name_at (list, 0), ==, "Consultation");
  g_assert_cmpstr (name_at (list, 1), ==, "Product Demo");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 2));
  consultation = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (liaison_calendar_get_id (consultation), ==, env.consultation_id);
  g_assert_cmpuint (liaison_calendar_get_slot_duration (consultation), ==, 30);
  g_assert_true (liaison_calendar_list_lookup (list, env.demo_id) != NULL);
  g_assert_false (liaison_calendar_list_get_loading (list));

  /* Nothing changed in HighLevel: no signal, and the same objects. */
  refresh (list, &error);
  g_assert_no_error (error);
  store_test_drain ();
  models_recorder_assert_none (&rec);
  kept = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (kept == consultation);

  /* Renamed in the web UI: it moves to the front, in one change. */
  models_rename_calendar (&env, env.demo_id, "Account Review");
  refresh (list, &error);
  g_assert_no_error (error);
  store_test_drain ();
  models_recorder_assert_one (&rec, 0, 2, 2);
  g_assert_cmpstr (name_at (list, 0), ==, "Account Review");
  g_assert_cmpstr (name_at (list, 1), ==, "Consultation");
  g_clear_object (&kept);
  kept = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_assert_true (kept == consultation);
  models_recorder_clear (&rec);
  g_clear_object (&list);

  /* The next start, before (or without) any network: the store has them. */
  models_env_reopen_store (&env);
  offline = liaison_calendar_list_new (env.store, NULL, env.connection_id);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (offline)), ==, 2);
  g_assert_cmpstr (name_at (offline, 0), ==, "Account Review");
  g_assert_cmpstr (name_at (offline, 1), ==, "Consultation");
  refresh (offline, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (offline)), ==, 2);

  g_clear_object (&offline);
  models_env_clear (&env);
}

static void
test_removed_calendar (void)
{
  ModelsEnv env;
  ModelsRecorder rec;
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonCalendarList) list = NULL;
  g_autoptr (LiaisonCalendarList) second = NULL;
  g_autoptr (LiaisonStoreRecord) record = NULL;
  g_autofree char *path = NULL;
  g_autoptr (JsonNode) reply = NULL;

  models_env_init (&env);
  list = liaison_calendar_list_new (env.store, env.client, env.connection_id);
  refresh (list, &error);
  g_assert_no_error (error);

  /* A second list on the same store follows the first one's refresh through the store. */
  second = liaison_calendar_list_new (env.store, NULL, env.connection_id);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (second)), ==, 2);
  models_recorder_init (&rec, G_LIST_MODEL (second));

  path = g_strdup_printf ("/_sandbox/ghl/calendars/%s", env.consultation_id);
  reply = models_control (&env, "DELETE", path, NULL);
  refresh (list, &error);
  g_assert_no_error (error);
  store_test_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpstr (name_at (list, 0), ==, "Product Demo");
  models_recorder_assert_one (&rec, 0, 1, 0);
  g_assert_cmpstr (name_at (second, 0), ==, "Product Demo");

  /* Kept in the store, marked deleted, not dropped. */
  record = liaison_store_lookup_record (env.store, env.connection_id, LIAISON_RECORD_CALENDAR,
                                        env.consultation_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_assert_true (record->deleted);
  g_assert_cmpint (
      liaison_store_count_records (env.store, env.connection_id, LIAISON_RECORD_CALENDAR, NULL), ==,
      1);

  models_recorder_clear (&rec);
  g_clear_object (&second);
  g_clear_object (&list);
  models_env_clear (&env);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/models/calendar-list/refresh-and-cache", test_refresh_and_cache);
  g_test_add_func ("/models/calendar-list/removed-calendar", test_removed_calendar);
  return g_test_run ();
}
