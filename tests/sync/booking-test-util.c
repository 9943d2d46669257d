/* booking-test-util.c: see booking-test-util.h.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "booking-test-util.h"
#include "liaison-bearer-authorizer.h"
#include "liaison-lsq-key-authorizer.h"
#include "liaison-refresher.h"
#include "sandbox-test-util.h"
#include "store-test-util.h"

void
booking_test_result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  store_test_result_cb (source, result, user_data);
}

GAsyncResult *
booking_test_wait (GAsyncResult **slot)
{
  return store_test_wait (slot);
}

static const char *
base_url (BookingEnv *env, const char *collection)
{
  return g_str_has_prefix (collection, "lsq") ? liaison_sandbox_get_lsq_url (env->sandbox)
                                              : liaison_sandbox_get_ghl_url (env->sandbox);
}

static JsonNode *
control (BookingEnv *env, const char *base, const char *method, const char *path, const char *body)
{
  g_autoptr (Resp) resp = http (base, method, path, NULL, NULL, NULL, body);

  g_assert_no_error (resp->error);
  if (resp->status >= 300)
    g_error ("%s %s answered %u: %s", method, path, resp->status, resp->text);
  g_assert_nonnull (resp->json);
  return json_node_ref (resp->json);
}

JsonArray *
booking_records (BookingEnv *env, const char *collection)
{
  g_autofree char *path = g_strdup_printf ("/_sandbox/%s", collection);
  g_autoptr (JsonNode) root = control (env, base_url (env, collection), "GET", path, NULL);

  return json_array_ref (json_object_get_array_member (json_node_get_object (root), "records"));
}

static const char *
member_text (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
                 && json_node_get_value_type (node) == G_TYPE_STRING
             ? json_node_get_string (node)
             : NULL;
}

JsonObject *
booking_find (BookingEnv *env, const char *collection, const char *member, const char *value,
              JsonArray **keep)
{
  *keep = booking_records (env, collection);
  for (guint i = 0; i < json_array_get_length (*keep); i++)
    {
      JsonObject *o = json_array_get_object_element (*keep, i);

      if (g_strcmp0 (member_text (o, member), value) == 0)
        return o;
    }
  return NULL;
}

guint
booking_count (BookingEnv *env, const char *collection, const char *member, const char *value)
{
  g_autoptr (JsonArray) records = booking_records (env, collection);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (records); i++)
    n += g_strcmp0 (member_text (json_array_get_object_element (records, i), member), value) == 0;
  return n;
}

char *
booking_add_event (BookingEnv *env, const char *calendar_id, const char *contact_id,
                   GDateTime *start, guint minutes)
{
  g_autoptr (GDateTime) end = g_date_time_add_minutes (start, (int) minutes);
  g_autofree char *s = g_date_time_format_iso8601 (start);
  g_autofree char *e = g_date_time_format_iso8601 (end);
  g_autofree char *body = g_strdup_printf (
      "{\"calendarId\": \"%s\", \"contactId\": \"%s\", \"title\": \"Booked in HighLevel\","
      " \"appointmentStatus\": \"confirmed\", \"startTime\": \"%s\", \"endTime\": \"%s\"}",
      calendar_id, contact_id, s, e);
  g_autoptr (JsonNode) node = control (env, liaison_sandbox_get_ghl_url (env->sandbox), "POST",
                                       "/_sandbox/ghl/events", body);

  return g_strdup (jstr (node, "record.id"));
}

void
booking_delete (BookingEnv *env, const char *collection, const char *id)
{
  g_autofree char *path = g_strdup_printf ("/_sandbox/%s/%s", collection, id);
  g_autoptr (JsonNode) node = control (env, base_url (env, collection), "DELETE", path, NULL);
}

guint
booking_route_count (BookingEnv *env, LiaisonService service, const char *route)
{
  g_autoptr (JsonNode) root
      = control (env,
                 service == LIAISON_SERVICE_LSQ ? liaison_sandbox_get_lsq_url (env->sandbox)
                                                : liaison_sandbox_get_ghl_url (env->sandbox),
                 "GET", "/_sandbox/counters", NULL);
  JsonObject *routes = json_object_get_object_member (json_node_get_object (root), "routes");

  return (guint) json_object_get_int_member_with_default (routes, route, 0);
}

GDateTime *
booking_lsq_time (const char *text)
{
  g_autofree char *iso = NULL;

  g_assert_nonnull (text);
  iso = g_strdup_printf ("%.10sT%sZ", text, text + 11);
  return g_date_time_new_from_iso8601 (iso, NULL);
}

static LiaisonCalendar *
find_calendar (GPtrArray *calendars, const char *name)
{
  for (guint i = 0; i < calendars->len; i++)
    if (g_strcmp0 (liaison_calendar_get_name (g_ptr_array_index (calendars, i)), name) == 0)
      return g_object_ref (g_ptr_array_index (calendars, i));
  g_error ("The sandbox has no calendar “%s”", name);
}

static void
pin_clock (BookingEnv *env, const char *instant)
{
  g_autoptr (GDateTime) at = g_date_time_new_from_iso8601 (instant, NULL);
  g_autofree char *body = NULL;
  g_autoptr (JsonNode) node = NULL;

  g_assert_nonnull (at);
  body = g_strdup_printf ("{\"offsetMs\": %" G_GINT64_FORMAT "}",
                          g_date_time_to_unix (at) * 1000 - g_get_real_time () / 1000);
  node = control (env, liaison_sandbox_get_ghl_url (env->sandbox), "POST", "/_sandbox/clock", body);
}

/* Links the first contact that is on both sides under the same e-mail, as a person would on
 * the Contacts page, and remembers a HighLevel-only contact. */
static void
link_one (BookingEnv *env)
{
  GListModel *model = G_LIST_MODEL (env->contacts);
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (LiaisonContactRow) row = g_list_model_get_item (model, i);
      LiaisonLinkStatus status = liaison_contact_row_get_status (row);

      if (status == LIAISON_LINK_STATUS_PROPOSED && env->linked_lsq_id == NULL
          && liaison_contact_row_get_email (row) != NULL)
        {
          g_autoptr (GPtrArray) links
              = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_link_free);
          g_autoptr (GArray) ids = NULL;

          env->linked_lsq_id = g_strdup (liaison_contact_row_get_lsq_id (row));
          env->linked_ghl_id = g_strdup (liaison_contact_row_get_ghl_id (row));
          env->linked_email = g_strdup (liaison_contact_row_get_email (row));
          g_ptr_array_add (links,
                           liaison_store_link_new (LIAISON_RECORD_CONTACT, env->lsq_connection,
                                                   env->linked_lsq_id, env->ghl_connection,
                                                   env->linked_ghl_id, LIAISON_LINK_MANUAL));
          ids = store_test_link (env->store, links, &error);
          g_assert_no_error (error);
        }
      if (status == LIAISON_LINK_STATUS_GHL_ONLY && env->ghl_only_id == NULL)
        env->ghl_only_id = g_strdup (liaison_contact_row_get_ghl_id (row));
    }
  g_assert_nonnull (env->linked_lsq_id);
  g_assert_nonnull (env->ghl_only_id);
}

void
booking_env_start (BookingEnv *env, const char *instant)
{
  LiaisonSandboxOptions options;
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonAuthorizer) ghl_auth = NULL;
  g_autoptr (LiaisonAuthorizer) lsq_auth = NULL;
  g_autoptr (LiaisonHttp) ghl_http = NULL;
  g_autoptr (LiaisonHttp) lsq_http = NULL;

  memset (env, 0, sizeof *env);
  liaison_sandbox_options_init (&options);
  options.seed = 14;
  options.contacts = 40;
  options.ghl_rate = "1000/1s";
  options.lsq_rate = "1000/1s";
  /* The sandbox seeds appointments from 5 days before its "today" to 15
   * after. Left to itself, "today" is the machine's, so on some dates the
   * seed would take the slots these tests book; a "today" 90 days before
   * the pinned instant keeps the booked weeks the same on any date. */
  if (instant != NULL)
    {
      g_autoptr (GDateTime) at = g_date_time_new_from_iso8601 (instant, NULL);

      g_assert_nonnull (at);
      options.anchor_ms = (g_date_time_to_unix (at) / 86400 - 90) * 86400 * 1000;
    }
  env->sandbox = liaison_sandbox_new (&options);
  g_assert_true (liaison_sandbox_start_in_thread (env->sandbox, &error));
  g_assert_no_error (error);
  if (instant != NULL)
    pin_clock (env, instant);

  ghl_auth = liaison_bearer_authorizer_new (liaison_sandbox_get_private_token (env->sandbox));
  ghl_http = liaison_http_new (LIAISON_HTTP_SERVICE_GHL, liaison_sandbox_get_ghl_url (env->sandbox),
                               ghl_auth, &error);
  g_assert_no_error (error);
  lsq_auth = liaison_lsq_key_authorizer_new (liaison_sandbox_get_lsq_access_key (env->sandbox),
                                             liaison_sandbox_get_lsq_secret_key (env->sandbox));
  lsq_http = liaison_http_new (LIAISON_HTTP_SERVICE_LSQ, liaison_sandbox_get_lsq_url (env->sandbox),
                               lsq_auth, &error);
  g_assert_no_error (error);
  liaison_rate_limiter_set_limit (liaison_http_get_rate_limiter (lsq_http), 1000, 1000);
  liaison_rate_limiter_set_limit (liaison_http_get_rate_limiter (ghl_http), 1000, 1000);
  /* A refusal is final here: the tests see it without backoff. */
  liaison_retry_policy_set_max_attempts (liaison_http_get_retry_policy (ghl_http), 1);
  liaison_retry_policy_set_max_attempts (liaison_http_get_retry_policy (lsq_http), 1);
  env->ghl = liaison_ghl_client_new (ghl_http, liaison_sandbox_get_location_id (env->sandbox));
  env->lsq = liaison_lsq_client_new (lsq_http);
}

void
booking_env_fill (BookingEnv *env)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonRefresher) refresher = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) calendars = NULL;

  refresher = liaison_refresher_new (env->store, env->lsq, env->lsq_connection, env->ghl,
                                     env->ghl_connection);
  liaison_refresher_run_async (refresher, TRUE, NULL, store_test_result_cb, &result);
  g_assert_true (liaison_refresher_run_finish (refresher, store_test_wait (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  env->contacts = liaison_contact_list_new (env->store, env->lsq_connection, env->ghl_connection);
  liaison_contact_list_load_async (env->contacts, NULL, store_test_result_cb, &result);
  g_assert_true (
      liaison_contact_list_load_finish (env->contacts, store_test_wait (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  link_one (env);
  liaison_contact_list_load_async (env->contacts, NULL, store_test_result_cb, &result);
  g_assert_true (
      liaison_contact_list_load_finish (env->contacts, store_test_wait (&result), &error));
  g_clear_object (&result);

  liaison_ghl_client_list_calendars_async (env->ghl, NULL, store_test_result_cb, &result);
  calendars = liaison_ghl_client_list_finish (env->ghl, store_test_wait (&result), &error);
  g_assert_no_error (error);
  env->consultation = find_calendar (calendars, "Consultation");
  env->demo = find_calendar (calendars, "Product Demo");
}

void
booking_env_init (BookingEnv *env, const char *instant)
{
  g_autoptr (GError) error = NULL;

  booking_env_start (env, instant);
  env->dir = store_test_tmpdir ();
  env->path = g_build_filename (env->dir, "profile.db", NULL);
  env->store = store_test_open (env->path, "US", &error);
  g_assert_no_error (error);
  env->lsq_connection = store_test_add_connection (env->store, LIAISON_SERVICE_LSQ, "sandbox-org");
  env->ghl_connection = store_test_add_connection (env->store, LIAISON_SERVICE_GHL,
                                                   liaison_sandbox_get_location_id (env->sandbox));
  booking_env_fill (env);
}

void
booking_env_clear (BookingEnv *env)
{
  store_test_drain ();
  g_clear_object (&env->contacts);
  g_clear_object (&env->consultation);
  g_clear_object (&env->demo);
  g_clear_object (&env->ghl);
  g_clear_object (&env->lsq);
  g_clear_object (&env->store);
  store_test_drain ();
  liaison_sandbox_stop (env->sandbox);
  g_clear_object (&env->sandbox);
  if (env->dir != NULL)
    store_test_rmtree (env->dir);
  g_free (env->dir);
  g_free (env->path);
  g_free (env->lsq_connection);
  g_free (env->ghl_connection);
  g_free (env->linked_lsq_id);
  g_free (env->linked_ghl_id);
  g_free (env->linked_email);
  g_free (env->ghl_only_id);
}
