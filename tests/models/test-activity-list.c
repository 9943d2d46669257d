/* test-activity-list.c: LiaisonActivityList, a contact's tasks, notes and appointments: what
 * the store holds arrives in one items-changed, in order; the services' answers replace it and
 * are cached in turn (what a service no longer lists leaves the cache); a failing service is
 * said, its cached items stay, and a refresh of the failed side brings its items in.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-activity-list"

#include "liaison-activity-list.h"
#include "liaison-note-codec.h"
#include "liaison-task-codec.h"
#include "models-test-util.h"
#include "store-test-util.h"

static void
wait_while (LiaisonActivityList *list, gboolean (*busy) (LiaisonActivityList *))
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (busy (list))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static guint
sandbox_count (ModelsEnv *env, const char *collection)
{
  g_autofree char *path = g_strdup_printf ("/_sandbox/ghl/%s", collection);
  g_autoptr (JsonNode) node = models_control (env, "GET", path, NULL);
  JsonArray *records = json_object_get_array_member (json_node_get_object (node), "records");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);

      n += g_strcmp0 (json_object_get_string_member_with_default (record, "contactId", NULL),
                      env->contact_id)
           == 0;
    }
  return n;
}

static LiaisonStoreRecord *
cached_task (const char *id, const char *contact_id, gboolean completed, const char *due)
{
  g_autoptr (LiaisonTask) task = liaison_task_new ();
  g_autoptr (GDateTime) due_time = g_date_time_new_from_iso8601 (due, NULL);

  liaison_task_set_id (task, id);
  liaison_task_set_title (task, id);
  liaison_task_set_completed (task, completed);
  liaison_task_set_due_date (task, due_time);
  return liaison_task_codec_to_record (task, contact_id);
}

static const char *
item_id (LiaisonActivityList *list, guint position)
{
  g_autoptr (LiaisonActivityItem) item = g_list_model_get_item (G_LIST_MODEL (list), position);
  GObject *object = liaison_activity_item_get_object (item);

  g_assert_cmpint (liaison_activity_item_get_service (item), ==, LIAISON_SERVICE_GHL);
  if (LIAISON_IS_TASK (object))
    return liaison_task_get_id (LIAISON_TASK (object));
  if (LIAISON_IS_NOTE (object))
    return liaison_note_get_id (LIAISON_NOTE (object));
  return liaison_appointment_get_id (LIAISON_APPOINTMENT (object));
}

static guint
cached_children (ModelsEnv *env, LiaisonRecordKind kind)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) children
      = liaison_store_list_children (env->store, env->connection_id, kind, env->contact_id, &error);

  g_assert_no_error (error);
  return children->len;
}

static void
test_cache_then_services (void)
{
  ModelsEnv env;
  ModelsRecorder recorder;
  g_autoptr (LiaisonActivityList) list = liaison_activity_list_new ();
  g_autoptr (GPtrArray) tasks
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
  g_autoptr (GPtrArray) notes
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
  g_autoptr (LiaisonNote) note = liaison_note_new ();
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) wednesday = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *event_id = NULL;
  guint n_tasks, n_notes, n_events;

  models_env_init (&env);
  /* Items cached by an earlier look at this contact, which HighLevel no longer has. */
  g_ptr_array_add (tasks, cached_task ("T-done", env.contact_id, TRUE, "2026-11-01T09:00:00Z"));
  g_ptr_array_add (tasks, cached_task ("T-open", env.contact_id, FALSE, "2026-12-01T09:00:00Z"));
  liaison_note_set_id (note, "N-old");
  g_ptr_array_add (notes, liaison_note_codec_to_record (note, env.contact_id));
  g_assert_true (
      store_test_commit (env.store, env.connection_id, LIAISON_RECORD_TASK, tasks, NULL, &error));
  g_assert_true (
      store_test_commit (env.store, env.connection_id, LIAISON_RECORD_NOTE, notes, NULL, &error));
  g_assert_no_error (error);
  wednesday = models_future_wednesday (utc);
  event_id = models_add_event (&env, env.consultation_id, wednesday, 30);
  n_tasks = sandbox_count (&env, "tasks");
  n_notes = sandbox_count (&env, "notes");
  n_events = sandbox_count (&env, "events");
  g_assert_cmpuint (n_events, >=, 1);

  models_recorder_init (&recorder, G_LIST_MODEL (list));
  liaison_activity_list_set_source (list, env.store, NULL, env.connection_id);
  liaison_activity_list_set_contact (list, NULL, env.contact_id);
  /* Nothing is known until the store has been read: not even "none". */
  g_assert_true (liaison_activity_list_get_loading (list));
  g_assert_true (liaison_activity_list_get_reading (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_false (liaison_activity_list_get_known (list, LIAISON_SERVICE_GHL, LIAISON_RECORD_TASK));
  g_assert_true (liaison_activity_list_has_side (list, LIAISON_SERVICE_GHL));
  g_assert_false (liaison_activity_list_has_side (list, LIAISON_SERVICE_LSQ));
  wait_while (list, liaison_activity_list_get_reading);

  /* Everything cached in one change: open tasks before completed ones, then the note. */
  models_recorder_assert_one (&recorder, 0, 0, 3);
  g_assert_cmpstr (item_id (list, 0), ==, "T-open");
  g_assert_cmpstr (item_id (list, 1), ==, "T-done");
  g_assert_cmpstr (item_id (list, 2), ==, "N-old");
  g_assert_true (liaison_activity_list_get_known (list, LIAISON_SERVICE_GHL, LIAISON_RECORD_TASK));
  g_assert_false (
      liaison_activity_list_get_known (list, LIAISON_SERVICE_GHL, LIAISON_RECORD_APPOINTMENT));
  /* No client: nothing to wait for. */
  g_assert_false (liaison_activity_list_get_loading (list));

  /* The same contact again changes nothing. */
  liaison_activity_list_set_contact (list, NULL, env.contact_id);
  models_recorder_assert_none (&recorder);

  /* HighLevel is asked: its answers replace the cache, one items-changed per answer at most. */
  liaison_activity_list_set_clients (list, NULL, env.client);
  g_assert_true (liaison_activity_list_get_loading (list));
  g_assert_true (liaison_activity_list_get_side_loading (list, LIAISON_SERVICE_GHL));
  wait_while (list, liaison_activity_list_get_loading);
  store_test_drain ();
  g_assert_cmpuint (recorder.changes->len, >=, 1);
  g_assert_cmpuint (recorder.changes->len, <=, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                    n_tasks + n_notes + n_events);
  g_assert_null (liaison_activity_list_get_error (list, LIAISON_SERVICE_GHL));
  g_assert_true (
      liaison_activity_list_get_known (list, LIAISON_SERVICE_GHL, LIAISON_RECORD_APPOINTMENT));
  /* What HighLevel no longer lists has left the cache; what it lists is in it. */
  models_iterate_for (100);
  g_assert_cmpuint (cached_children (&env, LIAISON_RECORD_TASK), ==, n_tasks);
  g_assert_cmpuint (cached_children (&env, LIAISON_RECORD_NOTE), ==, n_notes);
  g_assert_cmpuint (cached_children (&env, LIAISON_RECORD_APPOINTMENT), ==, n_events);

  models_recorder_clear (&recorder);
  g_clear_object (&list);
  models_env_clear (&env);
}

static void
test_failing_service (void)
{
  ModelsEnv env;
  g_autoptr (LiaisonActivityList) list = liaison_activity_list_new ();
  g_autoptr (JsonNode) fault = NULL;
  g_autoptr (JsonNode) cleared = NULL;
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) wednesday = NULL;
  g_autofree char *event_id = NULL;
  guint n_items;

  models_env_init (&env);
  wednesday = models_future_wednesday (utc);
  event_id = models_add_event (&env, env.demo_id, wednesday, 60);
  liaison_retry_policy_set_max_attempts (
      liaison_http_get_retry_policy (liaison_ghl_client_get_http (env.client)), 1);
  liaison_activity_list_set_source (list, env.store, NULL, env.connection_id);
  liaison_activity_list_set_clients (list, NULL, env.client);
  liaison_activity_list_set_contact (list, NULL, env.contact_id);
  wait_while (list, liaison_activity_list_get_loading);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n_items, >=, 1);
  models_iterate_for (100);

  /* Another contact and back: the cache shows, HighLevel fails and says why. */
  fault = models_control (&env, "POST", "/_sandbox/faults", "{\"rule\": \"GET /contacts/*=500\"}");
  liaison_activity_list_set_contact (list, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  liaison_activity_list_set_contact (list, NULL, env.contact_id);
  wait_while (list, liaison_activity_list_get_loading);
  g_assert_nonnull (liaison_activity_list_get_error (list, LIAISON_SERVICE_GHL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_items);

  /* A refresh of the failed side, once HighLevel answers again, clears the error. */
  cleared = models_control (&env, "DELETE", "/_sandbox/faults", NULL);
  liaison_activity_list_refresh (list, TRUE);
  g_assert_true (liaison_activity_list_get_loading (list));
  wait_while (list, liaison_activity_list_get_loading);
  g_assert_null (liaison_activity_list_get_error (list, LIAISON_SERVICE_GHL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_items);

  g_clear_object (&list);
  models_env_clear (&env);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/activity-list/cache-then-services", test_cache_then_services);
  g_test_add_func ("/activity-list/failing-service", test_failing_service);
  return g_test_run ();
}
