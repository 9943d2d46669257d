/* bench-sync-activity.c: "sync-activity-idle" (issue 12). 10,000 people in the in-process sandbox,
 * all linked after the first syncs; then what one sync asks of each service when nothing changed,
 * and when 1 % of the linked contacts changed with a new task or note under them, the sweep given
 * the slice of its daily share that a sync every 15 minutes gets; and what the sweep costs a day.
 * Requests are counted on the services' side (the sandbox's log). Prints one JSON object per
 * line. A benchmark, never a timed test.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>
#include <string.h>

#include "liaison-note.h"
#include "liaison-store-activity.h"
#include "liaison-sync-activity.h"
#include "liaison-task.h"
#include "store-test-util.h"
#include "sync-test-util.h"

#define N_PEOPLE 10000
#define N_CHANGED 100 /* 1 % */
#define SYNC_EVERY_MS (15 * 60 * 1000)
#define DAY_MS (G_GINT64_CONSTANT (24) * 3600 * 1000)

/* Requests a service received since seq, the sandbox's own control routes left out. */
static guint
requests_since (SyncFixture *f, LiaisonService side, gint64 since)
{
  g_autofree char *path = g_strdup_printf ("/_sandbox/log?since=%" G_GINT64_FORMAT, since);
  g_autoptr (JsonNode) node = sync_control (f, side, "GET", path, NULL);
  JsonArray *requests = json_object_get_array_member (json_node_get_object (node), "requests");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (requests); i++)
    if (!g_str_has_prefix (
            json_object_get_string_member (json_array_get_object_element (requests, i), "path"),
            "/_sandbox"))
      n++;
  return n;
}

/* Gives the next sync the sweep's slice of a 15-minute interval: what the share allows by now,
 * less all but that slice, counts as spent today. */
static guint
give_sweep_slice (SyncFixture *f)
{
  gint64 now = f->sweep_start_ms + (g_get_monotonic_time () - f->made_us) / 1000;
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (now / 1000);
  g_autofree char *day = g_date_time_format (utc, "%Y-%m-%d");
  guint allowed = liaison_sync_sweep_budget (LIAISON_SWEEP_SHARE_DEFAULT, LIAISON_GHL_DAILY_QUOTA,
                                             LIAISON_LSQ_DAILY_QUOTA_DEFAULT, 0, now % DAY_MS);
  guint slice = liaison_sync_sweep_budget (LIAISON_SWEEP_SHARE_DEFAULT, LIAISON_GHL_DAILY_QUOTA,
                                           LIAISON_LSQ_DAILY_QUOTA_DEFAULT, 0, SYNC_EVERY_MS);
  g_autofree char *spent = g_strdup_printf ("%s %u", day, allowed - MIN (slice, allowed));
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  liaison_store_set_setting_async (f->store, LIAISON_SETTING_SWEEP_SPENT, spent, NULL,
                                   store_test_result_cb, &result);
  if (!liaison_store_set_setting_finish (f->store, store_test_wait (&result), &error))
    g_error ("setting: %s", error->message);
  return slice;
}

typedef struct
{
  guint lsq, ghl;                    /* all requests of the sync, as the services saw them */
  gint64 activity_lsq, activity_ghl; /* of those, the tasks and notes passes' reads and writes */
  gint64 pairs_read, swept;
  guint created, failed;
} Measured;

static gint64
pass_count (LiaisonSyncResult *r, const char *kind, const char *member, const char *side)
{
  JsonObject *activity = r->activity ? json_node_get_object (r->activity) : NULL;
  JsonObject *pass = activity ? json_object_get_object_member (activity, kind) : NULL;

  if (pass == NULL)
    return 0;
  if (side != NULL)
    return json_object_get_int_member (json_object_get_object_member (pass, member), side);
  return json_object_get_int_member (pass, member);
}

static gint64
activity_requests (LiaisonSyncResult *r, const char *side)
{
  gint64 n = 0;

  for (guint k = 0; k < 2; k++)
    {
      const char *kind = k == 0 ? "tasks" : "notes";

      n += pass_count (r, kind, "reads", side) + pass_count (r, kind, "calls", side);
    }
  return n;
}

static Measured
measure_sync (SyncFixture *f)
{
  gint64 lsq = sync_log_seq (f, LIAISON_SERVICE_LSQ);
  gint64 ghl = sync_log_seq (f, LIAISON_SERVICE_GHL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonSyncResult) r = NULL;
  Measured m = { 0 };

  give_sweep_slice (f);
  r = sync_run (f, NULL, &error);
  if (r == NULL)
    g_error ("sync: %s", error->message);
  m.lsq = requests_since (f, LIAISON_SERVICE_LSQ, lsq);
  m.ghl = requests_since (f, LIAISON_SERVICE_GHL, ghl);
  m.activity_lsq = activity_requests (r, "lsq");
  m.activity_ghl = activity_requests (r, "ghl");
  m.pairs_read = pass_count (r, "tasks", "pairs", NULL) + pass_count (r, "notes", "pairs", NULL);
  m.swept
      = pass_count (r, "tasks", "sweptPairs", NULL) + pass_count (r, "notes", "sweptPairs", NULL);
  m.created = r->n_created;
  m.failed = r->n_failed;
  return m;
}

static guint first_syncs;

static void
print_figure (const char *figure, const Measured *m, guint n_links)
{
  printf ("{\"bench\": \"sync-activity-idle\", \"figure\": \"%s\", \"lsq_requests\": %u,"
          " \"ghl_requests\": %u, \"activity_lsq_requests\": %" G_GINT64_FORMAT
          ", \"activity_ghl_requests\": %" G_GINT64_FORMAT ", \"pair_reads\": %" G_GINT64_FORMAT
          ", \"swept_pair_reads\": %" G_GINT64_FORMAT ", \"created\": %u, \"failed\": %u,"
          " \"conditions\": {\"linked_contacts\": %u, \"first_syncs\": %u,"
          " \"sweep_slice\": \"a sync every 15 min\","
          " \"transport\": \"HTTP over loopback, in-process sandbox\"}}\n",
          figure, m->lsq, m->ghl, m->activity_lsq, m->activity_ghl, m->pairs_read, m->swept,
          m->created, m->failed, n_links, first_syncs);
  fflush (stdout);
}

static void
add_child (SyncFixture *f, const LiaisonStoreLink *link, guint i)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = g_strdup_printf ("Benchmark change %u", i);

  if (i % 2 == 0)
    {
      g_autoptr (LiaisonTask) task = liaison_task_new ();
      g_autofree char *id = NULL;

      liaison_task_set_contact_id (task, link->lsq_id);
      liaison_task_set_title (task, text);
      liaison_lsq_client_create_task_async (f->lsq, task, "Follow Up", NULL, store_test_result_cb,
                                            &result);
      id = liaison_lsq_client_id_finish (f->lsq, store_test_wait (&result), &error);
    }
  else
    {
      g_autoptr (LiaisonNote) note = liaison_note_new ();
      g_autoptr (LiaisonNote) made = NULL;

      liaison_note_set_contact_id (note, link->ghl_id);
      liaison_note_set_body (note, text);
      liaison_ghl_client_create_note_async (f->ghl, note, NULL, store_test_result_cb, &result);
      made = liaison_ghl_client_note_finish (f->ghl, store_test_wait (&result), &error);
    }
  if (error != NULL)
    g_error ("a change: %s", error->message);
}

int
main (int argc, char *argv[])
{
  /* Noon on the sweep's clock; each measured sync gets a 15-minute slice (give_sweep_slice). */
  SyncFixtureOptions options = { .seed = 12, .contacts = N_PEOPLE, .sweep_hour = 12 };
  SyncFixture f = { 0 };
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) links = NULL;
  Measured idle, changed, children_only;
  guint per_day, n_links, runs;

  g_test_init (&argc, &argv, NULL);
  sync_fixture_set_up (&f, &options);
  /* The first syncs link everyone and copy every task and note. The sandbox's messy data keeps
   * a few creates refused (duplicate phones) on every run, so they never fall quiet: hence the
   * activity passes' own counts beside the totals. */
  runs = sync_until_quiet (&f, 3);
  first_syncs = MIN (runs, 3);
  liaison_store_list_links_async (f.store, LIAISON_RECORD_CONTACT, NULL, store_test_result_cb,
                                  &result);
  links = liaison_store_list_links_finish (f.store, store_test_wait (&result), NULL);
  n_links = links->len;

  idle = measure_sync (&f);
  print_figure ("nothing changed", &idle, n_links);

  /* 1 % of the linked contacts edited, each with a new to-do (LeadSquared) or note (HighLevel). */
  for (guint i = 0; i < N_CHANGED; i++)
    {
      const LiaisonStoreLink *link = g_ptr_array_index (links, i * (n_links / N_CHANGED));
      g_autofree char *path = g_strdup_printf ("/_sandbox/lsq/leads/%s", link->lsq_id);
      g_autofree char *body = g_strdup_printf ("{\"mx_City\": \"Bench %u\"}", i);
      g_autoptr (JsonNode) patched = sync_control (&f, LIAISON_SERVICE_LSQ, "PATCH", path, body);

      add_child (&f, link, i);
    }
  changed = measure_sync (&f);
  print_figure ("1 % of contacts changed, with a task or note", &changed, n_links);

  /* 1 % with a new task or note only: the contacts unchanged, so only the sweep finds them. */
  for (guint i = 0; i < N_CHANGED; i++)
    add_child (&f, g_ptr_array_index (links, i * (n_links / N_CHANGED) + 1), N_CHANGED + i);
  children_only = measure_sync (&f);
  print_figure ("1 % with a task or note only", &children_only, n_links);

  per_day = liaison_sync_sweep_budget (LIAISON_SWEEP_SHARE_DEFAULT, LIAISON_GHL_DAILY_QUOTA,
                                       LIAISON_LSQ_DAILY_QUOTA_DEFAULT, 0, DAY_MS);
  printf ("{\"bench\": \"sync-activity-idle\", \"figure\": \"sweep per day\","
          " \"pair_reads\": %u, \"lsq_requests\": %u, \"ghl_requests\": %u,"
          " \"days_to_sweep_every_pair\": %.1f, \"conditions\": {\"linked_contacts\": %u,"
          " \"share\": \"%u %% of LeadSquared's %u requests a day\", \"kinds\": 2}}\n",
          per_day, per_day, per_day, 2.0 * n_links / MAX (per_day, 1), n_links,
          LIAISON_SWEEP_SHARE_DEFAULT, LIAISON_LSQ_DAILY_QUOTA_DEFAULT);
  sync_fixture_tear_down (&f);
  return 0;
}
