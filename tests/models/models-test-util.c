/* models-test-util.c: see models-test-util.h.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <json-glib/json-glib.h>
#include <string.h>

#include "liaison-bearer-authorizer.h"
#include "models-test-util.h"
#include "sandbox-test-util.h"
#include "store-test-util.h"

static char *
seeded_calendar (ModelsEnv *env, const char *name)
{
  g_autoptr (JsonNode) node = models_control (env, "GET", "/_sandbox/ghl/calendars", NULL);
  JsonArray *records = json_object_get_array_member (json_node_get_object (node), "records");

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *c = json_array_get_object_element (records, i);
      if (g_strcmp0 (json_object_get_string_member (c, "name"), name) == 0)
        return g_strdup (json_object_get_string_member (c, "id"));
    }
  g_assert_not_reached ();
}

void
models_env_init (ModelsEnv *env)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonAuthorizer) bearer = NULL;
  g_autoptr (LiaisonHttp) http = NULL;

  memset (env, 0, sizeof *env);
  env->sandbox = sandbox_start (23, 20, NULL);
  env->dir = store_test_tmpdir ();
  env->path = g_build_filename (env->dir, "profile.db", NULL);
  env->store = store_test_open (env->path, "US", &error);
  g_assert_no_error (error);
  env->connection_id = store_test_add_connection (env->store, LIAISON_SERVICE_GHL,
                                                  liaison_sandbox_get_location_id (env->sandbox));

  bearer = liaison_bearer_authorizer_new (liaison_sandbox_get_private_token (env->sandbox));
  http = liaison_http_new (LIAISON_HTTP_SERVICE_GHL, liaison_sandbox_get_ghl_url (env->sandbox),
                           bearer, &error);
  g_assert_no_error (error);
  env->client = liaison_ghl_client_new (http, liaison_sandbox_get_location_id (env->sandbox));

  env->consultation_id = seeded_calendar (env, "Consultation");
  env->demo_id = seeded_calendar (env, "Product Demo");
  env->contact_id = first_contact_id (env->sandbox);
}

void
models_env_clear (ModelsEnv *env)
{
  g_clear_object (&env->client);
  store_test_drain ();
  g_clear_object (&env->store);
  store_test_drain ();
  liaison_sandbox_stop (env->sandbox);
  g_clear_object (&env->sandbox);
  store_test_rmtree (env->dir);
  g_free (env->dir);
  g_free (env->path);
  g_free (env->connection_id);
  g_free (env->consultation_id);
  g_free (env->demo_id);
  g_free (env->contact_id);
}

void
models_env_reopen_store (ModelsEnv *env)
{
  g_autoptr (GError) error = NULL;

  store_test_drain ();
  g_clear_object (&env->store);
  store_test_drain ();
  env->store = store_test_open (env->path, "US", &error);
  g_assert_no_error (error);
}

JsonNode *
models_control (ModelsEnv *env, const char *method, const char *path, const char *body)
{
  g_autoptr (Resp) resp = ghl_control (env->sandbox, method, path, body);

  g_assert_no_error (resp->error);
  g_assert_cmpuint (resp->status, >=, 200);
  g_assert_cmpuint (resp->status, <, 300);
  g_assert_nonnull (resp->json);
  return json_node_ref (resp->json);
}

static char *
event_times (GDateTime *start, guint minutes)
{
  g_autoptr (GDateTime) end = g_date_time_add_minutes (start, (int) minutes);
  g_autofree char *s = g_date_time_format_iso8601 (start);
  g_autofree char *e = g_date_time_format_iso8601 (end);

  return g_strdup_printf ("\"startTime\": \"%s\", \"endTime\": \"%s\"", s, e);
}

char *
models_add_event (ModelsEnv *env, const char *calendar_id, GDateTime *start, guint minutes)
{
  g_autofree char *times = event_times (start, minutes);
  g_autofree char *body
      = g_strdup_printf ("{\"calendarId\": \"%s\", \"contactId\": \"%s\", \"title\": \"Meeting\","
                         " \"appointmentStatus\": \"confirmed\", %s}",
                         calendar_id, env->contact_id, times);
  g_autoptr (JsonNode) node = models_control (env, "POST", "/_sandbox/ghl/events", body);

  return g_strdup (jstr (node, "record.id"));
}

void
models_move_event (ModelsEnv *env, const char *event_id, GDateTime *start, guint minutes)
{
  g_autofree char *times = event_times (start, minutes);
  g_autofree char *body = g_strdup_printf ("{%s}", times);
  g_autofree char *path = g_strdup_printf ("/_sandbox/ghl/events/%s", event_id);
  g_autoptr (JsonNode) node = models_control (env, "PATCH", path, body);
}

void
models_delete_event (ModelsEnv *env, const char *event_id)
{
  g_autofree char *path = g_strdup_printf ("/_sandbox/ghl/events/%s", event_id);
  g_autoptr (JsonNode) node = models_control (env, "DELETE", path, NULL);
}

void
models_rename_calendar (ModelsEnv *env, const char *calendar_id, const char *name)
{
  g_autofree char *path = g_strdup_printf ("/_sandbox/ghl/calendars/%s", calendar_id);
  g_autofree char *body = g_strdup_printf ("{\"name\": \"%s\"}", name);
  g_autoptr (JsonNode) node = models_control (env, "PATCH", path, body);
}

guint
models_route_count (ModelsEnv *env, const char *method_and_route)
{
  g_autoptr (JsonNode) node = models_control (env, "GET", "/_sandbox/counters", NULL);
  JsonObject *routes = json_object_get_object_member (json_node_get_object (node), "routes");

  return (guint) json_object_get_int_member_with_default (routes, method_and_route, 0);
}

GDateTime *
models_future_wednesday (GTimeZone *zone)
{
  g_autoptr (GDateTime) now = g_date_time_new_now (zone);
  g_autoptr (GDateTime) later = g_date_time_add_days (now, 14);
  int ahead = (3 - g_date_time_get_day_of_week (later) + 7) % 7;
  g_autoptr (GDateTime) day = g_date_time_add_days (later, ahead);

  return g_date_time_new (zone, g_date_time_get_year (day), g_date_time_get_month (day),
                          g_date_time_get_day_of_month (day), 0, 0, 0);
}

static void
on_items_changed (GListModel *model, guint position, guint removed, guint added,
                  ModelsRecorder *recorder)
{
  ModelsChange change = { position, removed, added };

  g_array_append_val (recorder->changes, change);
  /* The model must already answer with its new items. */
  if (added > 0)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, position + added - 1);
      g_assert_nonnull (item);
    }
}

void
models_recorder_init (ModelsRecorder *recorder, GListModel *model)
{
  recorder->model = model;
  recorder->changes = g_array_new (FALSE, FALSE, sizeof (ModelsChange));
  recorder->handler
      = g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), recorder);
}

void
models_recorder_clear (ModelsRecorder *recorder)
{
  g_clear_signal_handler (&recorder->handler, recorder->model);
  g_clear_pointer (&recorder->changes, g_array_unref);
}

void
models_recorder_reset (ModelsRecorder *recorder)
{
  g_array_set_size (recorder->changes, 0);
}

void
models_recorder_assert_one (ModelsRecorder *recorder, guint position, guint removed, guint added)
{
  ModelsChange *c;

  g_assert_cmpuint (recorder->changes->len, ==, 1);
  c = &g_array_index (recorder->changes, ModelsChange, 0);
  g_assert_cmpuint (c->position, ==, position);
  g_assert_cmpuint (c->removed, ==, removed);
  g_assert_cmpuint (c->added, ==, added);
  models_recorder_reset (recorder);
}

void
models_recorder_assert_none (ModelsRecorder *recorder)
{
  g_assert_cmpuint (recorder->changes->len, ==, 0);
}

static gboolean
stop_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
models_iterate_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, stop_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}
