/* bench-sync.c: the sync engine's benchmarks (issue 11), one JSON object per line.
 *
 *   bench-sync initial N   the first sync of N people (80 % of them in each service) against the
 *                          in-process sandbox at the services' documented limits, 20 ms a reply:
 *                          {"name": "sync-initial"}: seconds, requests per service, achieved /
 *                          allowed request rate of the busier service, 429s, peak RSS; then, once
 *                          a sync writes nothing, {"name": "sync-idle"}: the requests of one more
 *                          sync with nothing changed.
 *   bench-sync initial-unpaced N   the same, with every linked pair's tasks and notes read by the
 *                          first sync, as before the first reads were paced (issue 12).
 *   bench-sync plan N      {"name": "sync-plan"}: planning N linked contacts (written straight into
 *                          a store) with 1 % changed on one side: ms and the peak RSS it adds.
 *
 * A benchmark, never a timed test: it fails only when the sync itself fails.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>
#include <string.h>

#include "liaison-field-map-cache.h"
#include "liaison-store-activity.h"
#include "liaison-sync-engine-private.h"
#include "liaison-sync-plan.h"
#include "store-test-util.h"
#include "sync-test-util.h"

/* The services' documented limits, which the clients and the sandbox keep to by default. */
#define GHL_PER_S (100.0 / 10.0)
#define LSQ_PER_S (10.0 / 5.0)

/* Makes VmHWM start again from the current RSS (Linux 4.0 and later). */
static void
reset_peak_rss (void)
{
  FILE *file = fopen ("/proc/self/clear_refs", "w");
  gboolean ok = file != NULL && fputs ("5", file) >= 0;

  if (file != NULL && fclose (file) != 0)
    ok = FALSE;
  if (!ok)
    g_printerr ("bench-sync: cannot reset the peak RSS; the figure is the process's peak\n");
}

/* Requests the service answered, but for the control routes; and its 429s. */
static void
service_counts (SyncFixture *f, LiaisonService side, gint64 *requests, gint64 *too_many)
{
  g_autoptr (JsonNode) node = sync_control (f, side, "GET", "/_sandbox/counters", NULL);
  JsonObject *o = json_node_get_object (node);
  JsonObject *routes = json_object_get_object_member (o, "routes");
  JsonObject *statuses = json_object_get_object_member (o, "statuses");
  g_autoptr (GList) names = json_object_get_members (routes);

  *requests = 0;
  for (GList *l = names; l != NULL; l = l->next)
    if (strstr (l->data, "/_sandbox") == NULL)
      *requests += json_object_get_int_member (routes, l->data);
  *too_many = statuses && json_object_has_member (statuses, "429")
                  ? json_object_get_int_member (statuses, "429")
                  : 0;
}

/* The service's routes (control routes left out) and how many requests each answered. */
static JsonObject *
route_counts (SyncFixture *f, LiaisonService side)
{
  g_autoptr (JsonNode) node = sync_control (f, side, "GET", "/_sandbox/counters", NULL);
  JsonObject *routes = json_object_get_object_member (json_node_get_object (node), "routes");

  return json_object_ref (routes);
}

/* The routes that answered requests between two route_counts, as a JSON object of counts, so
 * that each figure says what it is made of. */
static char *
routes_between (JsonObject *before, JsonObject *after)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GList) names = json_object_get_members (after);

  json_builder_begin_object (b);
  for (GList *l = names; l != NULL; l = l->next)
    {
      gint64 n = json_object_get_int_member (after, l->data)
                 - json_object_get_int_member_with_default (before, l->data, 0);

      if (n <= 0 || strstr (l->data, "/_sandbox") != NULL)
        continue;
      json_builder_set_member_name (b, l->data);
      json_builder_add_int_value (b, n);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

/* Of the requests a service received since seq (control routes left out), those about tasks,
 * notes and appointments (the passes that follow the contacts) and the rest, the contacts' own. */
static void
requests_by_kind (SyncFixture *f, LiaisonService side, gint64 since, gint64 *contacts,
                  gint64 *activity)
{
  g_autofree char *path = g_strdup_printf ("/_sandbox/log?since=%" G_GINT64_FORMAT, since);
  g_autoptr (JsonNode) node = sync_control (f, side, "GET", path, NULL);
  JsonArray *requests = json_object_get_array_member (json_node_get_object (node), "requests");

  *contacts = *activity = 0;
  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      const char *p
          = json_object_get_string_member (json_array_get_object_element (requests, i), "path");

      if (g_str_has_prefix (p, "/_sandbox"))
        continue;
      if (strstr (p, "Task") || strstr (p, "Note") || strstr (p, "/tasks") || strstr (p, "/notes")
          || strstr (p, "/calendars") || strstr (p, "Activit"))
        (*activity)++;
      else
        (*contacts)++;
    }
}

static LiaisonSyncResult *
timed_sync (SyncFixture *f, double *seconds)
{
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  LiaisonSyncResult *result = sync_run (f, NULL, &error);

  *seconds = (g_get_monotonic_time () - start) / 1e6;
  if (result == NULL)
    g_error ("the sync failed: %s", error->message);
  for (guint i = 0; i < result->failures->len && i < 5; i++)
    g_printerr ("bench-sync: failure: %s\n", (char *) g_ptr_array_index (result->failures, i));
  return result;
}

/* One more sync with nothing changed: its requests per service, the contacts' and those of
 * the tasks, notes and appointments, and the routes they went to. */
static void
measure_idle (SyncFixture *f, const char *name, guint people, guint settle, double settle_s,
              const char *condition)
{
  g_autoptr (JsonObject) lsq_before = route_counts (f, LIAISON_SERVICE_LSQ);
  g_autoptr (JsonObject) ghl_before = route_counts (f, LIAISON_SERVICE_GHL);
  g_autoptr (JsonObject) lsq_after = NULL, ghl_after = NULL;
  g_autofree char *lsq_routes = NULL, *ghl_routes = NULL;
  gint64 seq[2], lsq[2], ghl[2], lsq_429, ghl_429;
  gint64 lsq_contacts, ghl_contacts, lsq_activity, ghl_activity;
  double idle_s;

  service_counts (f, LIAISON_SERVICE_LSQ, &lsq[0], &lsq_429);
  service_counts (f, LIAISON_SERVICE_GHL, &ghl[0], &ghl_429);
  seq[0] = sync_log_seq (f, LIAISON_SERVICE_LSQ);
  seq[1] = sync_log_seq (f, LIAISON_SERVICE_GHL);
  {
    g_autoptr (LiaisonSyncResult) idle = timed_sync (f, &idle_s);
  }
  service_counts (f, LIAISON_SERVICE_LSQ, &lsq[1], &lsq_429);
  service_counts (f, LIAISON_SERVICE_GHL, &ghl[1], &ghl_429);
  lsq_after = route_counts (f, LIAISON_SERVICE_LSQ);
  ghl_after = route_counts (f, LIAISON_SERVICE_GHL);
  lsq_routes = routes_between (lsq_before, lsq_after);
  ghl_routes = routes_between (ghl_before, ghl_after);
  requests_by_kind (f, LIAISON_SERVICE_LSQ, seq[0], &lsq_contacts, &lsq_activity);
  requests_by_kind (f, LIAISON_SERVICE_GHL, seq[1], &ghl_contacts, &ghl_activity);
  printf ("{\"name\": \"%s\", \"people\": %u, \"lsq_requests\": %" G_GINT64_FORMAT ","
          " \"ghl_requests\": %" G_GINT64_FORMAT ", \"lsq_contacts\": %" G_GINT64_FORMAT ","
          " \"ghl_contacts\": %" G_GINT64_FORMAT ", \"lsq_activity\": %" G_GINT64_FORMAT ","
          " \"ghl_activity\": %" G_GINT64_FORMAT ", \"seconds\": %.2f,"
          " \"syncs_until_quiet\": %u, \"until_quiet_seconds\": %.1f, \"condition\": \"%s\","
          " \"lsq_routes\": %s, \"ghl_routes\": %s,"
          " \"goal\": \"<= 2 requests each (contacts)\"}\n",
          name, people, lsq[1] - lsq[0], ghl[1] - ghl[0], lsq_contacts, ghl_contacts, lsq_activity,
          ghl_activity, idle_s, settle, settle_s,
          condition ? condition : "right after the syncs until quiet", lsq_routes, ghl_routes);
  fflush (stdout);
}

static void
bench_initial (guint people, gboolean unpaced)
{
  SyncFixtureOptions options
      = { .seed = 6, .contacts = people, .latency_ms = 20, .documented_limits = TRUE };
  SyncFixture f = { 0 };
  g_autoptr (LiaisonSyncResult) first = NULL;
  gint64 lsq[2], ghl[2], lsq_429[2], ghl_429[2];
  double seconds, settle_s, rss_before, lsq_rate, ghl_rate;
  gint64 settle_start;
  gboolean ghl_busier;
  guint settle = 0;

  sync_fixture_set_up (&f, &options);
  if (unpaced)
    {
      /* A pass of each kind as if one had ended at 0: every pair counts as changed since. */
      sync_set_setting (&f, LIAISON_SETTING_TASKS_READ_AT, "0");
      sync_set_setting (&f, LIAISON_SETTING_NOTES_READ_AT, "0");
    }
  service_counts (&f, LIAISON_SERVICE_LSQ, &lsq[0], &lsq_429[0]);
  service_counts (&f, LIAISON_SERVICE_GHL, &ghl[0], &ghl_429[0]);
  rss_before = store_test_proc_status_mb ("VmRSS:");
  reset_peak_rss ();
  first = timed_sync (&f, &seconds);
  service_counts (&f, LIAISON_SERVICE_LSQ, &lsq[1], &lsq_429[1]);
  service_counts (&f, LIAISON_SERVICE_GHL, &ghl[1], &ghl_429[1]);
  lsq_rate = (lsq[1] - lsq[0]) / seconds;
  ghl_rate = (ghl[1] - ghl[0]) / seconds;
  ghl_busier = ghl_rate / GHL_PER_S >= lsq_rate / LSQ_PER_S;
  printf ("{\"name\": \"sync-initial\", \"people\": %u, \"unpaced\": %s, \"seconds\": %.1f,"
          " \"lsq_requests\": %" G_GINT64_FORMAT ", \"ghl_requests\": %" G_GINT64_FORMAT ","
          " \"busier\": \"%s\", \"achieved_per_s\": %.2f, \"allowed_per_s\": %.2f,"
          " \"rate_ratio\": %.3f, \"http_429\": %" G_GINT64_FORMAT ","
          " \"peak_rss_mb\": %.1f, \"rss_before_mb\": %.1f,"
          " \"created\": %u, \"linked\": %u, \"updated\": %u, \"conflicts\": %u, \"failed\": %u,"
          " \"conditions\": {\"latency_ms\": 20, \"ghl_limit\": \"100/10s\","
          " \"lsq_limit\": \"10/5s\", \"note\": \"RSS includes the in-process sandbox\"}}\n",
          people, unpaced ? "true" : "false", seconds, lsq[1] - lsq[0], ghl[1] - ghl[0],
          ghl_busier ? "ghl" : "lsq", ghl_busier ? ghl_rate : lsq_rate,
          ghl_busier ? GHL_PER_S : LSQ_PER_S,
          ghl_busier ? ghl_rate / GHL_PER_S : lsq_rate / LSQ_PER_S,
          (lsq_429[1] - lsq_429[0]) + (ghl_429[1] - ghl_429[0]),
          store_test_proc_status_mb ("VmHWM:"), rss_before, first->n_created, first->n_linked,
          first->n_updated, first->n_conflicts, first->n_failed);
  fflush (stdout);

  /* Until a sync writes nothing, then one more with nothing changed. */
  settle_start = g_get_monotonic_time ();
  settle = sync_until_quiet (&f, 3);
  settle_s = (g_get_monotonic_time () - settle_start) / 1e6;
  measure_idle (&f, "sync-idle", people, settle, settle_s, NULL);
  /* The same once the services' clocks passed the 5-minute overlap the incremental reads go
   * back over: this one still reads the last writes again (it starts 5 minutes before the mark
   * the sync before left, as a scheduled sync would), the next one nothing. */
  {
    g_autoptr (JsonNode) lsq_later = sync_control (&f, LIAISON_SERVICE_LSQ, "POST",
                                                   "/_sandbox/clock", "{\"offsetMs\": 360000}");
    g_autoptr (JsonNode) ghl_later = sync_control (&f, LIAISON_SERVICE_GHL, "POST",
                                                   "/_sandbox/clock", "{\"offsetMs\": 360000}");

    measure_idle (&f, "sync-idle-later", people, settle, settle_s, "the services' clocks 6 min on");
    measure_idle (&f, "sync-idle-steady", people, settle, settle_s,
                  "the sync after sync-idle-later: nothing changed since 5 min before the last");
  }
  sync_fixture_tear_down (&f);
}

/* ---- planning ---- */

static LiaisonContact *
person (guint i, LiaisonService side, gboolean changed)
{
  LiaisonContact *c = liaison_contact_new ();
  g_autofree char *id = g_strdup_printf ("%s-%06u", side == LIAISON_SERVICE_LSQ ? "L" : "G", i);
  g_autofree char *first = g_strdup_printf ("Person%u", i);
  g_autofree char *email = g_strdup_printf ("person%u@example.org", i);
  g_autofree char *phone = g_strdup_printf ("+9198%08u", i);

  liaison_contact_set_id (c, id);
  liaison_contact_set_first_name (c, first);
  liaison_contact_set_last_name (c, "Sharma");
  liaison_contact_set_email (c, email);
  liaison_contact_set_phone (c, phone);
  liaison_contact_set_company_name (c, i % 3 ? "Acme" : "Globex");
  liaison_contact_set_city (c, changed ? "Kochi" : "Pune");
  return c;
}

static void
write_linked (LiaisonStore *store, LiaisonFieldMap *map, const char *lsq_id, const char *ghl_id,
              guint n)
{
  const guint batch = 5000;

  for (guint start = 0; start < n; start += batch)
    {
      LiaisonStoreStep *step = liaison_store_step_new (lsq_id, ghl_id, 0); /* the task's */
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (GError) error = NULL;

      for (guint i = start; i < n && i < start + batch; i++)
        {
          /* 1 % changed in LeadSquared since the last sync: its record differs from the base. */
          g_autoptr (LiaisonContact) lsq = person (i, LIAISON_SERVICE_LSQ, i % 100 == 7);
          g_autoptr (LiaisonContact) ghl = person (i, LIAISON_SERVICE_GHL, FALSE);
          g_autoptr (LiaisonContact) base = person (i, LIAISON_SERVICE_LSQ, FALSE);
          g_autoptr (JsonObject) projection
              = liaison_field_map_project (map, LIAISON_SERVICE_LSQ, base);
          LiaisonStoreSyncLink *link = g_new0 (LiaisonStoreSyncLink, 1);
          g_autofree char *lsq_seen = NULL;
          g_autofree char *ghl_seen = NULL;

          g_ptr_array_add (step->records,
                           liaison_sync_record_from_contact (lsq, lsq_id, &lsq_seen));
          g_ptr_array_add (step->records,
                           liaison_sync_record_from_contact (ghl, ghl_id, &ghl_seen));
          link->origin = LIAISON_LINK_MATCHED;
          link->lsq_id = g_strdup (liaison_contact_get_id (lsq));
          link->ghl_id = g_strdup (liaison_contact_get_id (ghl));
          link->base_snapshot = liaison_field_map_serialize (projection);
          link->base_hash = liaison_field_map_hash (map, projection);
          /* The changed ones were seen as they were before the change. */
          if (i % 100 == 7)
            {
              g_autoptr (LiaisonContact) before = person (i, LIAISON_SERVICE_LSQ, FALSE);
              g_autoptr (LiaisonStoreRecord) r
                  = liaison_sync_record_from_contact (before, lsq_id, &link->lsq_seen_hash);
            }
          else
            link->lsq_seen_hash = g_strdup (lsq_seen);
          link->ghl_seen_hash = g_strdup (ghl_seen);
          g_ptr_array_add (step->links, link);
        }
      liaison_store_apply_step_async (store, step, NULL, store_test_result_cb, &result);
      if (!liaison_store_apply_step_finish (store, store_test_wait (&result), &error))
        g_error ("writing the linked contacts: %s", error->message);
    }
}

static void
bench_plan (guint n)
{
  g_autofree char *dir = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "plan.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonStore) store = store_test_open (path, "IN", &error);
  g_autofree char *lsq_id = NULL;
  g_autofree char *ghl_id = NULL;
  g_autoptr (LiaisonFieldMap) map = NULL;
  g_autoptr (LiaisonSyncPlan) plan = NULL;
  g_autoptr (GPtrArray) open = g_ptr_array_new ();
  LiaisonSyncPlanOptions options = { FALSE, FALSE, 25 };
  GPtrArray *items;
  guint n_updates = 0;
  double setup_s, plan_ms, rss_before;
  gint64 start;

  g_assert_no_error (error);
  lsq_id = store_test_add_connection (store, LIAISON_SERVICE_LSQ, "bench-org");
  ghl_id = store_test_add_connection (store, LIAISON_SERVICE_GHL, "bench-location");
  map = liaison_field_map_new_for_profile (NULL, store, lsq_id, ghl_id, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  write_linked (store, map, lsq_id, ghl_id, n);
  setup_s = (g_get_monotonic_time () - start) / 1e6;

  rss_before = store_test_proc_status_mb ("VmRSS:");
  reset_peak_rss ();
  start = g_get_monotonic_time ();
  plan = liaison_sync_plan_build (store, map, lsq_id, ghl_id, open, &options, &error);
  plan_ms = (g_get_monotonic_time () - start) / 1e3;
  if (plan == NULL)
    g_error ("planning: %s", error->message);
  items = liaison_sync_plan_get_items (plan);
  for (guint i = 0; i < items->len; i++)
    if (((LiaisonSyncItem *) g_ptr_array_index (items, i))->kind == LIAISON_SYNC_ITEM_UPDATE)
      n_updates++;
  if (n_updates != n / 100)
    g_error ("the plan has %u updates, not the %u changed contacts", n_updates, n / 100);
  printf ("{\"name\": \"sync-plan\", \"linked\": %u, \"changed\": %u, \"ms\": %.0f,"
          " \"peak_rss_mb\": %.1f, \"rss_before_mb\": %.1f, \"updates_planned\": %u,"
          " \"ghl_calls\": %u, \"setup_s\": %.1f, \"goal\": \"< 1000 ms, < 300 MB\"}\n",
          n, n / 100, plan_ms, store_test_proc_status_mb ("VmHWM:"), rss_before, n_updates,
          liaison_sync_plan_get_n_calls (plan, LIAISON_SERVICE_GHL), setup_s);
  fflush (stdout);
  g_clear_object (&plan);
  store_test_drain ();
  g_clear_object (&store);
  store_test_drain ();
  store_test_rmtree (dir);
}

int
main (int argc, char *argv[])
{
  guint n = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 0;

  if (argc != 3 || n == 0
      || (!g_str_equal (argv[1], "initial") && !g_str_equal (argv[1], "initial-unpaced")
          && !g_str_equal (argv[1], "plan")))
    {
      g_printerr ("usage: bench-sync initial|initial-unpaced|plan N\n");
      return 2;
    }
  if (g_str_has_prefix (argv[1], "initial"))
    bench_initial (n, g_str_equal (argv[1], "initial-unpaced"));
  else
    bench_plan (n);
  return 0;
}
