/* sync-test-util.c: see sync-test-util.h.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "cli-test-util.h"
#include "liaison-bearer-authorizer.h"
#include "liaison-contact-codec.h"
#include "liaison-field-map.h"
#include "liaison-lsq-key-authorizer.h"
#include "liaison-refresher.h"
#include "liaison-store-activity.h"
#include "liaison-user.h"
#include "store-test-util.h"
#include "sync-test-util.h"

/* The anchor day's hour the fixture chose, moving on in real time: the sweep's daily pacing is the
 * same at any hour the tests run. */
static gint64
sweep_clock (gpointer user_data)
{
  SyncFixture *f = user_data;

  return f->sweep_start_ms + (g_get_monotonic_time () - f->made_us) / 1000;
}

static void
make_engine (SyncFixture *f)
{
  g_clear_object (&f->engine);
  f->engine = liaison_sync_engine_new (f->store, f->lsq, f->lsq_id, f->ghl, f->ghl_id);
  liaison_sync_engine_set_clock (f->engine, sweep_clock, f);
}

void
sync_save_mapping (SyncFixture *f, LiaisonFieldMap *map)
{
  g_autoptr (JsonNode) node = liaison_field_map_to_json (map);
  g_autofree char *json = json_to_string (node, FALSE);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  liaison_store_save_mapping_async (f->store, json, NULL, store_test_result_cb, &result);
  g_assert_true (
      liaison_store_save_mapping_finish (f->store, store_test_wait (&result), NULL, &error));
  g_assert_no_error (error);
}

/* The default map less "state": the sandbox's LeadSquared has no mx_State, the default map's
 * state field. */
static void
save_test_mapping (SyncFixture *f)
{
  g_autoptr (LiaisonFieldMap) map = liaison_field_map_new_default ();

  g_assert_true (liaison_field_map_remove_pair (map, "state"));
  sync_save_mapping (f, map);
}

void
sync_fixture_set_up (SyncFixture *f, const SyncFixtureOptions *o)
{
  LiaisonSandboxOptions options;
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonHttp) ghl_http = NULL;
  g_autoptr (LiaisonHttp) lsq_http = NULL;
  g_autoptr (LiaisonAuthorizer) ghl_auth = NULL;
  g_autoptr (LiaisonAuthorizer) lsq_auth = NULL;

  liaison_sandbox_options_init (&options);
  options.seed = o->seed ? o->seed : 7;
  options.contacts = o->contacts;
  options.faults = o->faults;
  options.latency_ms = o->latency_ms;
  /* A fixed "today" keeps seeded dates, and so every result, the same on any day. */
  options.anchor_ms = G_GINT64_CONSTANT (1795737600000);
  /* The anchor is a midnight, UTC. */
  f->sweep_start_ms = options.anchor_ms + (gint64) MIN (o->sweep_hour, 23) * 3600 * 1000;
  f->made_us = g_get_monotonic_time ();
  if (!o->documented_limits)
    {
      options.ghl_rate = "5000/1s";
      options.lsq_rate = "5000/1s";
    }
  f->sandbox = liaison_sandbox_new (&options);
  g_assert_true (liaison_sandbox_start_in_thread (f->sandbox, &error));
  g_assert_no_error (error);
  f->control = soup_session_new ();

  f->dir = store_test_tmpdir ();
  if (o->cli_profile)
    {
      g_autofree char *data = g_build_filename (f->dir, "data", "liaison", NULL);

      g_assert_cmpint (g_mkdir_with_parents (data, 0700), ==, 0);
      f->store_path = g_build_filename (data, "default.db", NULL);
    }
  else
    f->store_path = g_build_filename (f->dir, "profile.db", NULL);
  f->region = o->cli_profile ? NULL : "IN";
  f->store = store_test_open (f->store_path, f->region, &error);
  g_assert_no_error (error);
  f->lsq_id = store_test_add_connection (f->store, LIAISON_SERVICE_LSQ, "sandbox-org");
  f->ghl_id = store_test_add_connection (f->store, LIAISON_SERVICE_GHL,
                                         liaison_sandbox_get_location_id (f->sandbox));

  ghl_auth = liaison_bearer_authorizer_new (liaison_sandbox_get_private_token (f->sandbox));
  ghl_http = liaison_http_new (LIAISON_HTTP_SERVICE_GHL, liaison_sandbox_get_ghl_url (f->sandbox),
                               ghl_auth, &error);
  g_assert_no_error (error);
  f->ghl = liaison_ghl_client_new (ghl_http, liaison_sandbox_get_location_id (f->sandbox));
  lsq_auth = liaison_lsq_key_authorizer_new (liaison_sandbox_get_lsq_access_key (f->sandbox),
                                             liaison_sandbox_get_lsq_secret_key (f->sandbox));
  lsq_http = liaison_http_new (LIAISON_HTTP_SERVICE_LSQ, liaison_sandbox_get_lsq_url (f->sandbox),
                               lsq_auth, &error);
  g_assert_no_error (error);
  if (!o->documented_limits)
    {
      liaison_rate_limiter_set_limit (liaison_http_get_rate_limiter (lsq_http), 5000, 1000);
      liaison_rate_limiter_set_limit (liaison_http_get_rate_limiter (ghl_http), 5000, 1000);
    }
  f->lsq = liaison_lsq_client_new (lsq_http);
  if (!o->cli_profile)
    save_test_mapping (f);
  make_engine (f);
}

void
sync_fixture_reopen (SyncFixture *f)
{
  g_autoptr (GError) error = NULL;

  g_clear_object (&f->engine);
  store_test_drain ();
  g_clear_object (&f->store);
  store_test_drain ();
  f->store = store_test_open (f->store_path, f->region, &error);
  g_assert_no_error (error);
  make_engine (f);
}

void
sync_fixture_tear_down (SyncFixture *f)
{
  g_clear_object (&f->engine);
  g_clear_object (&f->ghl);
  g_clear_object (&f->lsq);
  store_test_drain ();
  g_clear_object (&f->store);
  store_test_drain ();
  g_clear_object (&f->control);
  liaison_sandbox_stop (f->sandbox);
  g_clear_object (&f->sandbox);
  store_test_rmtree (f->dir);
  g_free (f->dir);
  g_free (f->store_path);
  g_free (f->lsq_id);
  g_free (f->ghl_id);
}

JsonNode *
sync_control (SyncFixture *f, LiaisonService side, const char *method, const char *path,
              const char *body)
{
  const char *base = side == LIAISON_SERVICE_LSQ ? liaison_sandbox_get_lsq_url (f->sandbox)
                                                 : liaison_sandbox_get_ghl_url (f->sandbox);
  g_autofree char *url = g_strconcat (base, path, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new (method, url);
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (GError) error = NULL;
  JsonNode *node;

  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  reply = soup_session_send_and_read (f->control, msg, NULL, &error);
  g_assert_no_error (error);
  if (soup_message_get_status (msg) >= 300)
    g_error ("%s %s: %u %s", method, path, soup_message_get_status (msg),
             (const char *) g_bytes_get_data (reply, NULL));
  node = json_from_string (g_bytes_get_data (reply, NULL), &error);
  g_assert_no_error (error);
  return node;
}

JsonArray *
sync_records (SyncFixture *f, LiaisonService side)
{
  g_autoptr (JsonNode) node = sync_control (
      f, side, "GET",
      side == LIAISON_SERVICE_LSQ ? "/_sandbox/lsq/leads" : "/_sandbox/ghl/contacts", NULL);

  return json_array_ref (json_object_get_array_member (json_node_get_object (node), "records"));
}

static gboolean
is_write (LiaisonService side, const char *method, const char *path)
{
  if (side == LIAISON_SERVICE_GHL)
    return (g_str_equal (method, "POST") && g_str_equal (path, "/contacts/"))
           || (g_str_equal (method, "PUT") && g_str_has_prefix (path, "/contacts/"))
           || (g_str_equal (method, "DELETE") && g_str_has_prefix (path, "/contacts/"));
  return strstr (path, "Lead.Update") || strstr (path, "Lead.Create")
         || strstr (path, "CreateOrUpdate") || strstr (path, "Lead/Delete");
}

/* Any record's write, not only a contact's. */
static gboolean
is_any_write (LiaisonService side, const char *method, const char *path)
{
  if (side == LIAISON_SERVICE_GHL)
    return !g_str_equal (method, "GET") && !strstr (path, "search");
  return strstr (path, "Create") || strstr (path, "Update") || strstr (path, "MarkComplete")
         || strstr (path, "Delete");
}

/* The requests since seq that write (any record's or a contact's) whose path has part (NULL:
 * any); bodies, if not NULL, gets their bodies. */
static guint
count_logged_writes (SyncFixture *f, LiaisonService side, gint64 since, gboolean any_record,
                     const char *part, GPtrArray *bodies)
{
  g_autofree char *path = g_strdup_printf ("/_sandbox/log?since=%" G_GINT64_FORMAT, since);
  g_autoptr (JsonNode) node = sync_control (f, side, "GET", path, NULL);
  JsonArray *requests = json_object_get_array_member (json_node_get_object (node), "requests");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *r = json_array_get_object_element (requests, i);
      const char *p = json_object_get_string_member (r, "path");
      const char *method = json_object_get_string_member (r, "method");

      if (g_str_has_prefix (p, "/_sandbox") || (part != NULL && strstr (p, part) == NULL))
        continue;
      if (any_record ? is_any_write (side, method, p) : is_write (side, method, p))
        {
          n++;
          if (bodies)
            g_ptr_array_add (bodies,
                             g_strdup (json_object_get_string_member_with_default (r, "body", "")));
        }
    }
  return n;
}

guint
sync_count_writes (SyncFixture *f, LiaisonService side, gint64 since, GPtrArray *bodies)
{
  return count_logged_writes (f, side, since, FALSE, NULL, bodies);
}

guint
sync_count_any_writes (SyncFixture *f, LiaisonService side, gint64 since, const char *part)
{
  return count_logged_writes (f, side, since, TRUE, part, NULL);
}

gint64
sync_log_seq (SyncFixture *f, LiaisonService side)
{
  g_autoptr (JsonNode) node = sync_control (f, side, "GET", "/_sandbox/log", NULL);
  JsonArray *requests = json_object_get_array_member (json_node_get_object (node), "requests");
  guint n = json_array_get_length (requests);

  return n ? json_object_get_int_member (json_array_get_object_element (requests, n - 1), "seq")
           : 0;
}

LiaisonSyncResult *
sync_run (SyncFixture *f, const LiaisonSyncOptions *options, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  LiaisonSyncOptions defaults = { 0 };

  liaison_sync_engine_run_async (f->engine, options ? options : &defaults, NULL,
                                 store_test_result_cb, &result);
  return liaison_sync_engine_run_finish (f->engine, store_test_wait (&result), error);
}

LiaisonSyncResult *
sync_run_ok (SyncFixture *f)
{
  g_autoptr (GError) error = NULL;
  LiaisonSyncResult *result = sync_run (f, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  for (guint i = 0; i < result->failures->len; i++)
    g_test_message ("failure: %s", (char *) g_ptr_array_index (result->failures, i));
  return result;
}

guint
sync_until_quiet (SyncFixture *f, guint max_runs)
{
  for (guint i = 1; i <= max_runs; i++)
    {
      gint64 lsq = sync_log_seq (f, LIAISON_SERVICE_LSQ);
      gint64 ghl = sync_log_seq (f, LIAISON_SERVICE_GHL);
      g_autoptr (GError) error = NULL;
      g_autoptr (LiaisonSyncResult) result = sync_run (f, NULL, &error);

      if (result == NULL)
        {
          g_test_message ("run %u: %s", i, error->message);
          continue;
        }
      for (guint j = 0; j < result->failures->len; j++)
        g_test_message ("run %u: %s", i, (char *) g_ptr_array_index (result->failures, j));
      if (sync_count_writes (f, LIAISON_SERVICE_LSQ, lsq, NULL) == 0
          && sync_count_writes (f, LIAISON_SERVICE_GHL, ghl, NULL) == 0 && result->n_failed == 0)
        return i;
    }
  return max_runs + 1;
}

void
sync_set_setting (SyncFixture *f, const char *key, const char *value)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  liaison_store_set_setting_async (f->store, key, value, NULL, store_test_result_cb, &result);
  g_assert_true (liaison_store_set_setting_finish (f->store, store_test_wait (&result), &error));
  g_assert_no_error (error);
}

void
sync_first_reads_unpaced (SyncFixture *f)
{
  sync_set_setting (f, LIAISON_SETTING_LSQ_DAILY_QUOTA, "200000");
  sync_set_setting (f, LIAISON_SETTING_FIRST_READ_SHARE, "100");
}

void
sync_set_deletes (SyncFixture *f, gboolean on)
{
  sync_set_setting (f, LIAISON_STORE_SETTING_DELETES, on ? "on" : "off");
}

typedef struct
{
  SyncFixture *f;
  LiaisonFieldMap *map;
  GHashTable *open; /* "lsqId/key" */
  GString *report;
  guint n_bad;
  guint n_pairs;
} Agree;

static JsonObject *
project_cached (Agree *a, const char *connection, LiaisonService side, const char *id)
{
  g_autoptr (LiaisonStoreRecord) record
      = liaison_store_lookup_record (a->f->store, connection, LIAISON_RECORD_CONTACT, id, NULL);
  g_autoptr (LiaisonContact) contact = NULL;

  if (record == NULL || record->deleted)
    return NULL;
  contact = liaison_contact_codec_from_json (record->raw, NULL);
  return contact ? liaison_field_map_project (a->map, side, contact) : NULL;
}

static gboolean
agree_row (const LiaisonStoreSyncLink *link, const LiaisonStoreRecord *lsq,
           const LiaisonStoreRecord *ghl, gpointer user_data)
{
  Agree *a = user_data;
  g_autoptr (JsonObject) pl = NULL;
  g_autoptr (JsonObject) pg = NULL;

  if (link == NULL)
    return TRUE;
  pl = project_cached (a, a->f->lsq_id, LIAISON_SERVICE_LSQ, link->lsq_id);
  pg = project_cached (a, a->f->ghl_id, LIAISON_SERVICE_GHL, link->ghl_id);
  if (pl == NULL || pg == NULL)
    return TRUE;
  a->n_pairs++;
  for (guint i = 0; i < liaison_field_map_get_n_pairs (a->map); i++)
    {
      const char *key = liaison_field_map_get_key (a->map, i);
      g_autofree char *ck = g_strdup_printf ("%s/%s", link->lsq_id, key);

      if (g_hash_table_contains (a->open, ck))
        continue;
      if (!liaison_field_map_value_equal (json_object_get_member (pl, key),
                                          json_object_get_member (pg, key)))
        {
          g_autofree char *x = json_to_string (json_object_get_member (pl, key), FALSE);
          g_autofree char *y = json_to_string (json_object_get_member (pg, key), FALSE);

          a->n_bad++;
          if (a->report)
            g_string_append_printf (a->report, "%s/%s %s: %s vs %s\n", link->lsq_id, link->ghl_id,
                                    key, x, y);
        }
    }
  return TRUE;
}

static GPtrArray *
cached_users (SyncFixture *f, const char *connection)
{
  g_autoptr (GPtrArray) raws
      = liaison_store_list_raw (f->store, connection, LIAISON_RECORD_USER, NULL);
  GPtrArray *users = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; raws && i < raws->len; i++)
    {
      g_autoptr (JsonNode) node = json_from_string (g_ptr_array_index (raws, i), NULL);
      JsonObject *o = json_node_get_object (node);
      LiaisonUser *user = liaison_user_new ();

      liaison_user_set_id (user, json_object_get_string_member_with_default (o, "id", NULL));
      liaison_user_set_email (user, json_object_get_string_member_with_default (o, "email", NULL));
      g_ptr_array_add (users, user);
    }
  return users;
}

guint
sync_count_disagreements (SyncFixture *f, GString *report)
{
  g_autoptr (GPtrArray) lsq_users = NULL;
  g_autoptr (GPtrArray) ghl_users = NULL;
  g_autoptr (LiaisonRefresher) refresher
      = liaison_refresher_new (f->store, f->lsq, f->lsq_id, f->ghl, f->ghl_id);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) conflicts = NULL;
  g_autoptr (LiaisonFieldMap) map = liaison_field_map_new_default ();
  Agree a = { f, map, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL), report, 0 };

  liaison_field_map_remove_pair (map, "state");
  liaison_field_map_set_default_region (map, f->region);
  liaison_refresher_run_async (refresher, FALSE, NULL, store_test_result_cb, &result);
  g_assert_true (liaison_refresher_run_finish (refresher, store_test_wait (&result), &error));
  g_assert_no_error (error);
  lsq_users = cached_users (f, f->lsq_id);
  ghl_users = cached_users (f, f->ghl_id);
  liaison_field_map_set_users (map, lsq_users, ghl_users);
  conflicts = liaison_store_list_conflicts (f->store, TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < conflicts->len; i++)
    {
      LiaisonStoreConflict *c = g_ptr_array_index (conflicts, i);
      if (c->kind == LIAISON_CONFLICT_FIELD)
        g_hash_table_add (a.open, g_strdup_printf ("%s/%s", c->lsq_id, c->field));
    }
  g_assert_true (
      liaison_store_scan_contacts (f->store, f->lsq_id, f->ghl_id, agree_row, &a, &error));
  g_assert_no_error (error);
  g_hash_table_unref (a.open);
  g_assert_cmpuint (a.n_pairs, >, 0);
  return a.n_bad;
}

/* One record as the service holds it now (a new reference), or NULL when it is gone. */
JsonObject *
sync_record (SyncFixture *f, LiaisonService side, const char *id)
{
  g_autoptr (JsonArray) records = sync_records (f, side);
  const char *member = side == LIAISON_SERVICE_LSQ ? "ProspectID" : "id";

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *o = json_array_get_object_element (records, i);
      if (g_strcmp0 (json_object_get_string_member_with_default (o, member, NULL), id) == 0)
        return json_object_ref (o);
    }
  return NULL;
}

char *
sync_lead_to_create (SyncFixture *f)
{
  LiaisonSyncOptions dry = { .dry_run = TRUE };
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonSyncResult) preview = sync_run (f, &dry, &error);
  GPtrArray *items;

  g_assert_no_error (error);
  items = liaison_sync_plan_get_items (preview->plan);
  for (guint i = 0; i < items->len; i++)
    {
      LiaisonSyncItem *item = g_ptr_array_index (items, i);

      if (item->kind == LIAISON_SYNC_ITEM_CREATE && item->target == LIAISON_SERVICE_GHL)
        return g_strdup (item->lsq_id);
    }
  g_assert_not_reached ();
}

void
sync_first_link (SyncFixture *f, char **lsq_id, char **ghl_id)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) links = NULL;
  LiaisonStoreLink *link;

  liaison_store_list_links_async (f->store, LIAISON_RECORD_CONTACT, NULL, store_test_result_cb,
                                  &result);
  links = liaison_store_list_links_finish (f->store, store_test_wait (&result), NULL);
  g_assert_nonnull (links);
  g_assert_cmpuint (links->len, >, 0);
  link = g_ptr_array_index (links, 0);
  *lsq_id = g_strdup (link->lsq_id);
  *ghl_id = g_strdup (link->ghl_id);
}

/* The sandbox's URLs and credentials, then env: NAME, VALUE pairs. */
static GPtrArray *
sync_cli_env (SyncFixture *f, const char *const *env)
{
  const char *const sandbox[] = {
    "LIAISON_GHL_URL",        liaison_sandbox_get_ghl_url (f->sandbox),
    "LIAISON_GHL_TOKEN",      liaison_sandbox_get_private_token (f->sandbox),
    "LIAISON_GHL_LOCATION",   liaison_sandbox_get_location_id (f->sandbox),
    "LIAISON_LSQ_URL",        liaison_sandbox_get_lsq_url (f->sandbox),
    "LIAISON_LSQ_ACCESS_KEY", liaison_sandbox_get_lsq_access_key (f->sandbox),
    "LIAISON_LSQ_SECRET_KEY", liaison_sandbox_get_lsq_secret_key (f->sandbox),
    NULL,
  };

  return cli_test_env_join (sandbox, env);
}

GSubprocess *
sync_cli_spawn (SyncFixture *f, const char *const *env, const char *const *args)
{
  g_autoptr (GPtrArray) all = sync_cli_env (f, env);

  return cli_test_spawn (f->dir, (const char *const *) all->pdata, G_SUBPROCESS_FLAGS_NONE, args);
}

void
sync_cli_test_run (SyncFixture *f, CliRun *run, const char *const *args)
{
  g_autoptr (GPtrArray) all = sync_cli_env (f, NULL);

  cli_test_run (run, f->dir, (const char *const *) all->pdata, NULL, args);
}

int
sync_cli_run (SyncFixture *f, const char *const *env, const char *const *args, char **out,
              char **err)
{
  g_autoptr (GPtrArray) all = sync_cli_env (f, env);
  g_auto (CliRun) run = { 0 };

  cli_test_run (&run, f->dir, (const char *const *) all->pdata, NULL, args);
  if (out)
    *out = g_steal_pointer (&run.out);
  if (err)
    *err = g_steal_pointer (&run.err);
  return run.status;
}

void
sync_edit_city_both (SyncFixture *f, const char *lsq_id, const char *ghl_id, const char *lsq_city,
                     const char *ghl_city)
{
  g_autofree char *gpath = g_strdup_printf ("/_sandbox/ghl/contacts/%s", ghl_id);
  g_autofree char *lpath = g_strdup_printf ("/_sandbox/lsq/leads/%s", lsq_id);
  g_autofree char *gbody = g_strdup_printf ("{\"city\": \"%s\"}", ghl_city);
  g_autofree char *lbody = g_strdup_printf ("{\"mx_City\": \"%s\"}", lsq_city);
  g_autoptr (JsonNode) a = sync_control (f, LIAISON_SERVICE_GHL, "PATCH", gpath, gbody);
  g_autoptr (JsonNode) b = sync_control (f, LIAISON_SERVICE_LSQ, "PATCH", lpath, lbody);
}

GDateTime *
sync_zoned (const char *zone, int year, int month, int day, int hour, int minute)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier (zone);

  g_assert_nonnull (tz);
  return g_date_time_new (tz, year, month, day, hour, minute, 0);
}

void
sync_add_lost_create (SyncFixture *f, LiaisonRecordKind kind, const char *source_id,
                      const char *payload)
{
  g_autoptr (GPtrArray) intents
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_intent_free);
  LiaisonStoreIntent *intent = g_new0 (LiaisonStoreIntent, 1);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = NULL;

  intent->kind = kind;
  intent->service = LIAISON_SERVICE_GHL;
  intent->op = LIAISON_INTENT_CREATE;
  intent->source_id = g_strdup (source_id);
  intent->payload = g_strdup (payload);
  g_ptr_array_add (intents, intent);
  liaison_store_add_intents_async (f->store, intents, NULL, store_test_result_cb, &result);
  ids = liaison_store_add_intents_finish (f->store, store_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (ids);
}

gboolean
sync_child_linked (SyncFixture *f, LiaisonRecordKind kind, const char *lsq_id, const char *ghl_id)
{
  g_autoptr (GPtrArray) links
      = liaison_store_list_child_links (f->store, kind, f->lsq_id, f->ghl_id, NULL);

  g_assert_nonnull (links);
  for (guint i = 0; i < links->len; i++)
    {
      LiaisonStoreSyncLink *link = g_ptr_array_index (links, i);

      if (g_strcmp0 (link->lsq_id, lsq_id) == 0 && g_strcmp0 (link->ghl_id, ghl_id) == 0)
        return TRUE;
    }
  return FALSE;
}
