/* liaison-sync-engine.c: LiaisonSyncEngine, one run from the lock to the run's record:
 *
 *   lock -> [a scheduled run: held before the first sync while the map is not reviewed] ->
 *   run row -> reconcile pending intents -> refresh both -> field map -> plan (on a
 *   worker thread) -> [dry run: stop] -> local decisions -> remote writes -> run row closed
 *
 * Everything after the plan is in liaison-sync-apply.c; the reconcile is in
 * liaison-sync-reconcile.c; the lock in liaison-sync-lock.c.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "liaison-contact-codec.h"
#include "liaison-debug.h"
#include "liaison-field-def.h"
#include "liaison-field-map-cache.h"
#include "liaison-json.h"
#include "liaison-refresher.h"
#include "liaison-store-query.h"
#include "liaison-store-sync.h"
#include "liaison-sync-engine-private.h"
#include "liaison-sync-appointments.h"
#include "liaison-sync-notes.h"
#include "liaison-sync-tasks.h"
#include "liaison-user.h"

struct _LiaisonSyncEngine
{
  GObject parent_instance;

  LiaisonStore *store;
  LiaisonLsqClient *lsq;
  LiaisonGhlClient *ghl;
  char *lsq_connection;
  char *ghl_connection;
  guint concurrency;
  LiaisonSyncClock clock;
  gpointer clock_data;
  guint crash_at;
  gboolean report_steps;
  guint steps;
  gboolean running;
};

enum
{
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LiaisonSyncEngine, liaison_sync_engine, G_TYPE_OBJECT)
/* The domain's name is the quark's text, kept as written. */
/* clang-format off */
G_DEFINE_QUARK (liaison-sync-error-quark, liaison_sync_error)
/* clang-format on */

void
liaison_sync_result_free (LiaisonSyncResult *result)
{
  if (result == NULL)
    return;
  g_clear_object (&result->plan);
  g_clear_pointer (&result->failures, g_ptr_array_unref);
  g_free (result->delete_guard);
  g_clear_pointer (&result->activity, json_node_unref);
  g_free (result);
}

/* ---- test hooks ---- */

/* Written with write(2): the step must reach the test even if the process is killed at once. */
static void
report_step (guint step, const char *where, const char *what)
{
  g_autofree char *line = g_strdup_printf ("liaison-sync: step %u (%s)%s\n", step, where, what);
  gsize left = strlen (line);
  const char *p = line;

  while (left > 0)
    {
      ssize_t n = write (STDERR_FILENO, p, left);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return;
      p += n;
      left -= (gsize) n;
    }
}

/* LIAISON_SYNC_STEPS=1 reports every step on stderr ("liaison-sync: step N (where)");
 * LIAISON_SYNC_CRASH_AT=N reports them too and, at the Nth, stops the run where it stands (the
 * main loop blocked, the other threads going on) for the test to kill the process with SIGKILL.
 * A process nobody kills ends itself after a minute. */
void
liaison_sync_engine_crash_point (LiaisonSyncEngine *self, const char *where)
{
  gint64 until;

  self->steps++;
  if (!self->report_steps && self->crash_at == 0)
    return;
  if (self->crash_at == 0 || self->steps != self->crash_at)
    {
      report_step (self->steps, where, "");
      return;
    }
  report_step (self->steps, where, ": waiting to be killed, as LIAISON_SYNC_CRASH_AT asks");
  until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < until)
    sleep (1);
  _exit (86);
}

void
liaison_sync_engine_progress (LiaisonSyncEngine *self, guint done, guint total)
{
  g_signal_emit (self, signals[PROGRESS], 0, done, total);
}

/* ---- the run ---- */

/* The store's change notifications are held from the run's start to its end, so that the list
 * models reload once after the run rather than after every page and write of it. */
static void
run_release_notifications (LiaisonSyncRun *run)
{
  if (!run->holding)
    return;
  run->holding = FALSE;
  liaison_store_release_notifications (run->store);
}

static void
run_free (LiaisonSyncRun *run)
{
  run_release_notifications (run);
  liaison_sync_lock_release (run->lock_fd);
  g_clear_object (&run->map);
  g_free (run->map_hash);
  g_free ((char *) run->options.only_id);
  g_free (run->trigger);
  liaison_sync_result_free (run->result);
  g_clear_pointer (&run->queues[0], g_ptr_array_unref);
  g_clear_pointer (&run->queues[1], g_ptr_array_unref);
  g_clear_pointer (&run->lsq_creates, g_ptr_array_unref);
  g_clear_pointer (&run->lsq_undo_deletes, g_ptr_array_unref);
  g_clear_error (&run->fatal);
  run->engine->running = FALSE;
  g_free (run);
}

void
liaison_sync_fail (LiaisonSyncRun *run, const char *what, const GError *error)
{
  run->result->n_failed++;
  g_ptr_array_add (run->result->failures,
                   g_strdup_printf ("%s: %s", what, error ? error->message : _ ("failed")));
}

/* Who a contact's item is about, as a person knows them: the name a create carries and the
 * e-mail address, else the phone number; the record's id only when the plan knows neither. */
static char *
describe_contact (const LiaisonSyncItem *item, const char *id)
{
  const char *first = item->values ? liaison_json_get_string (item->values, "firstName") : NULL;
  const char *last = item->values ? liaison_json_get_string (item->values, "lastName") : NULL;
  const char *key = item->email && *item->email ? item->email : item->phone;
  g_autofree char *name
      = g_strstrip (g_strdup_printf ("%s %s", first ? first : "", last ? last : ""));

  if (key != NULL && *key != '\0')
    return *name != '\0' ? g_strdup_printf ("%s (%s)", name, key) : g_strdup (key);
  if (*name != '\0')
    return g_steal_pointer (&name);
  /* TRANSLATORS: %s is a record's id in LeadSquared or HighLevel */
  return g_strdup_printf (_ ("The contact %s"), id ? id : "");
}

void
liaison_sync_fail_contact (LiaisonSyncRun *run, const LiaisonSyncItem *item, const char *id,
                           const GError *error)
{
  g_autofree char *who = describe_contact (item, id);

  liaison_sync_fail (run, who, error);
}

/* Runs after the notifications queued before it (same context, same priority): those are
 * folded into the held ones, and every connection and kind the run changed is announced once. */
static gboolean
run_return_idle (gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LiaisonSyncRun *run = g_task_get_task_data (task);

  run_release_notifications (run);
  if (run->fatal != NULL)
    g_task_return_error (task, g_steal_pointer (&run->fatal));
  else
    g_task_return_pointer (task, g_steal_pointer (&run->result),
                           (GDestroyNotify) liaison_sync_result_free);
  return G_SOURCE_REMOVE;
}

static void
run_return (GTask *task)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, run_return_idle, task, NULL);
  g_source_set_static_name (source, "[liaison-sync] run return");
  g_source_attach (source, g_task_get_context (task));
  g_source_unref (source);
}

static void
on_run_finished (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  LiaisonSyncRun *run = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (!liaison_store_finish_run_finish (LIAISON_STORE (source), result, &error))
    g_warning ("Could not record the end of sync run %" G_GINT64_FORMAT ": %s", run->result->run_id,
               error->message);
  liaison_sync_engine_crash_point (run->engine, "finished");
  liaison_store_notify_sync (run->store, run->lsq_connection, run->ghl_connection);
  run_return (task);
}

static void run_close (LiaisonSyncRun *run);

/* Closes the run's row, then the task: with the error in run->fatal, or the result. */
static void
run_finish (LiaisonSyncRun *run)
{
  liaison_sync_mark_lists_stale (run, run_close);
}

static void
run_close (LiaisonSyncRun *run)
{
  LiaisonSyncResult *r = run->result;
  LiaisonStoreRun row = { 0 };

  if (r->run_id == 0)
    {
      run_return (run->task);
      return;
    }
  row.id = r->run_id;
  row.n_created = r->n_created;
  row.n_updated = r->n_updated;
  row.n_deleted = r->n_deleted;
  row.n_linked = r->n_linked;
  row.n_conflicts = r->n_conflicts;
  row.n_skipped = r->n_skipped;
  row.n_failed = r->n_failed;
  row.lsq_requests = r->lsq_calls;
  row.ghl_requests = r->ghl_calls;
  liaison_sync_engine_crash_point (run->engine, "finishing");
  if (run->fatal != NULL)
    {
      row.status = g_cancellable_is_cancelled (g_task_get_cancellable (run->task))
                       ? (char *) "cancelled"
                       : (char *) "failed";
      row.error = run->fatal->message;
      row.cause = (char *) g_quark_to_string (run->fatal->domain);
    }
  else if (r->n_failed > 0)
    {
      row.status = (char *) "partial";
      row.error = r->failures->len > 0 ? g_ptr_array_index (r->failures, 0) : NULL;
      row.cause = (char *) "operations-failed";
    }
  else if (r->delete_guard != NULL)
    {
      row.status = (char *) "partial";
      row.error = r->delete_guard;
      row.cause = (char *) "delete-guard";
    }
  else
    row.status = (char *) "succeeded";
  /* An undo says so in the history, whatever else its row says. */
  if (run->options.undo_run != 0 && row.cause == NULL)
    row.cause = (char *) "undo";
  liaison_store_finish_run_async (run->store, &row, NULL, on_run_finished, run->task);
}

/* Whether the run carries kind; an undo carries only the contacts' fields it puts back. */
static gboolean
run_carries (LiaisonSyncRun *run, LiaisonSyncKinds kind)
{
  if (run->options.undo_run != 0)
    return kind == LIAISON_SYNC_KIND_CONTACTS;
  if (run->options.only_id != NULL)
    return kind == LIAISON_SYNC_KIND_CONTACTS;
  return run->options.kinds == 0 || (run->options.kinds & kind) != 0;
}

/* Whether any pair of map writes to side. */
static gboolean
map_writes_to (LiaisonFieldMap *map, LiaisonService side)
{
  for (guint i = 0; i < liaison_field_map_get_n_pairs (map); i++)
    {
      LiaisonSyncDirection direction = liaison_field_map_get_direction (map, i);

      if (direction == LIAISON_SYNC_BOTH
          || direction == (side == LIAISON_SERVICE_GHL ? LIAISON_SYNC_TO_GHL : LIAISON_SYNC_TO_LSQ))
        return TRUE;
    }
  return FALSE;
}

/* A run about one record (options.only_id): of plan, the items of that record, in a plan of
 * their own so that its counts and calls are those of what is kept; NULL, saying why, when
 * nothing is planned for it. */
static LiaisonSyncPlan *
plan_keep_only (LiaisonSyncPlan *plan, LiaisonSyncRun *run, GError **error)
{
  const LiaisonSyncOptions *options = &run->options;
  LiaisonService other
      = options->only_side == LIAISON_SERVICE_LSQ ? LIAISON_SERVICE_GHL : LIAISON_SERVICE_LSQ;
  const char *other_name = other == LIAISON_SERVICE_GHL ? "HighLevel" : "LeadSquared";
  GPtrArray *items = liaison_sync_plan_get_items (plan);
  g_autoptr (LiaisonSyncPlan) kept = liaison_sync_plan_new ();

  liaison_sync_plan_set_lsq_create_batch (kept, LIAISON_LSQ_BULK_BATCH);
  liaison_sync_plan_set_n_links (kept, liaison_sync_plan_get_n_links (plan));
  for (guint i = 0; i < items->len;)
    {
      LiaisonSyncItem *item = g_ptr_array_index (items, i);
      const char *id = options->only_side == LIAISON_SERVICE_LSQ ? item->lsq_id : item->ghl_id;

      if (g_strcmp0 (id, options->only_id) == 0)
        liaison_sync_plan_add (kept, g_ptr_array_steal_index (items, i));
      else
        i++;
    }
  g_object_unref (plan);
  if (liaison_sync_plan_get_items (kept)->len > 0)
    return g_steal_pointer (&kept);
  if (!map_writes_to (run->map, other))
    g_set_error (error, LIAISON_SYNC_ERROR, LIAISON_SYNC_ERROR_MAPPING,
                 _ ("The field map sends no field to %s. Under Field Mapping, let at least one "
                    "field travel there."),
                 other_name);
  else
    g_set_error (error, LIAISON_SYNC_ERROR, LIAISON_SYNC_ERROR_FAILED,
                 _ ("Nothing is to be written for this contact: it is no longer on one side "
                    "only. Refresh the contacts to see it as it is now."));
  return NULL;
}

static void
on_appointments_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonSyncRun *run = user_data;
  GError *error = NULL;

  if (!liaison_sync_appointments_finish (run, result, &error))
    run->fatal = error;
  run_finish (run);
}

static void
start_appointments (LiaisonSyncRun *run)
{
  if (run->fatal == NULL && run_carries (run, LIAISON_SYNC_KIND_APPOINTMENTS))
    {
      liaison_sync_appointments_async (run, on_appointments_done, run);
      return;
    }
  run_finish (run);
}

static void
on_notes_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonSyncRun *run = user_data;
  GError *error = NULL;

  if (!liaison_sync_notes_finish (run, result, &error))
    run->fatal = error;
  start_appointments (run);
}

static void
start_notes (LiaisonSyncRun *run)
{
  if (run->fatal == NULL && run_carries (run, LIAISON_SYNC_KIND_NOTES))
    {
      liaison_sync_notes_async (run, on_notes_done, run);
      return;
    }
  start_appointments (run);
}

static void
on_tasks_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonSyncRun *run = user_data;
  GError *error = NULL;

  if (!liaison_sync_tasks_finish (run, result, &error))
    run->fatal = error;
  start_notes (run);
}

/* After the contacts: the records that follow them (liaison-sync-tasks.c, -notes.c). */
static void
apply_finished (LiaisonSyncRun *run)
{
  if (run->fatal == NULL && run_carries (run, LIAISON_SYNC_KIND_TASKS))
    {
      liaison_sync_tasks_async (run, on_tasks_done, run);
      return;
    }
  start_notes (run);
}

static void
on_local_applied (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonSyncRun *run = user_data;
  GError *error = NULL;

  if (!liaison_sync_apply_local_finish (run, result, &error))
    {
      run->fatal = error;
      run_finish (run);
      return;
    }
  liaison_sync_engine_crash_point (run->engine, "local-applied");
  run->applied = apply_finished;
  liaison_sync_apply_remote (run);
}

static void
plan_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  LiaisonSyncRun *run = task_data;
  GPtrArray *open = g_object_get_data (G_OBJECT (task), "conflicts");
  LiaisonSyncPlanOptions options
      = { run->deletes, run->options.force_delete, LIAISON_LSQ_BULK_BATCH,
          g_object_get_data (G_OBJECT (task), "refused"),
          g_object_get_data (G_OBJECT (task), "not-copied") };
  GError *error = NULL;
  LiaisonSyncPlan *plan;

  plan = liaison_sync_plan_build (run->store, run->map, run->lsq_connection, run->ghl_connection,
                                  open, &options, &error);
  if (plan == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (run->options.only_id != NULL && (plan = plan_keep_only (plan, run, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, plan, g_object_unref);
}

static void
planned (LiaisonSyncRun *run, LiaisonSyncPlan *plan, GError *error)
{
  if (plan == NULL)
    {
      if (run->options.undo_run == 0 && run->options.only_id == NULL)
        g_prefix_error (&error, _ ("Could not plan the sync: "));
      run->fatal = error;
      run_finish (run);
      return;
    }
  run->result->plan = plan;
  run->result->delete_guard = g_strdup (liaison_sync_plan_get_delete_guard (plan));
  {
    g_autofree char *region = liaison_store_dup_default_region (run->store);
    g_autofree char *source
        = liaison_store_get_setting (run->store, LIAISON_STORE_SETTING_PHONE_REGION_SOURCE, NULL);

    liaison_sync_plan_set_phone_region (plan, region, source);
  }
  LIAISON_TRACE (LIAISON_DEBUG_SYNC, "planned %u items, %u LeadSquared and %u HighLevel calls",
                 liaison_sync_plan_get_items (plan)->len,
                 liaison_sync_plan_get_n_calls (plan, LIAISON_SERVICE_LSQ),
                 liaison_sync_plan_get_n_calls (plan, LIAISON_SERVICE_GHL));
  liaison_sync_engine_crash_point (run->engine, "planned");
  if (!run_carries (run, LIAISON_SYNC_KIND_CONTACTS))
    {
      /* Only the records that follow the contacts: the contact plan is left out. */
      g_clear_object (&run->result->plan);
      g_clear_pointer (&run->result->delete_guard, g_free);
      apply_finished (run);
      return;
    }
  if (run->options.dry_run)
    {
      apply_finished (run);
      return;
    }
  liaison_sync_apply_local (run, on_local_applied);
}

static void
on_planned (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonSyncRun *run = user_data;
  GError *error = NULL;
  LiaisonSyncPlan *plan = g_task_propagate_pointer (G_TASK (result), &error);

  planned (run, plan, error);
}

/* liaison_store_not_copied_key () -> LiaisonStoreNotCopied, for the planner. */
static GHashTable *
list_not_copied (LiaisonStore *store, GError **error)
{
  g_autoptr (GPtrArray) rows = liaison_store_list_not_copied (store, error);
  GHashTable *table;

  if (rows == NULL)
    return NULL;
  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                 (GDestroyNotify) liaison_store_not_copied_free);
  g_ptr_array_set_free_func (rows, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      LiaisonStoreNotCopied *row = g_ptr_array_index (rows, i);

      g_hash_table_replace (table,
                            liaison_store_not_copied_key (row->connection_id, row->remote_id), row);
    }
  return table;
}

static void
start_plan (LiaisonSyncRun *run)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *deletes
      = liaison_store_get_setting (run->store, LIAISON_STORE_SETTING_DELETES, NULL);
  GError *error = NULL;
  GPtrArray *conflicts = liaison_store_list_conflicts_for_plan (run->store, &error);
  GHashTable *refused = conflicts ? liaison_store_list_refused_writes (run->store, &error) : NULL;
  GHashTable *not_copied;

  if (refused == NULL)
    {
      g_clear_pointer (&conflicts, g_ptr_array_unref);
      run->fatal = error;
      run_finish (run);
      return;
    }
  run->deletes = g_strcmp0 (deletes, "on") == 0;
  if (run->options.undo_run != 0)
    {
      /* A few lookups per pair the run changed, on the store's reader: no worker needed. */
      LiaisonSyncPlanOptions options = { run->deletes, run->options.force_delete };
      LiaisonSyncPlan *plan = liaison_sync_plan_build_undo (
          run->store, run->map, run->lsq_connection, run->ghl_connection, run->options.undo_run,
          &options, &error);

      g_ptr_array_unref (conflicts);
      g_hash_table_unref (refused);
      planned (run, plan, error);
      return;
    }
  not_copied = list_not_copied (run->store, &error);
  if (not_copied == NULL)
    {
      g_ptr_array_unref (conflicts);
      g_hash_table_unref (refused);
      run->fatal = error;
      run_finish (run);
      return;
    }
  task = g_task_new (NULL, g_task_get_cancellable (run->task), on_planned, run);
  g_task_set_source_tag (task, start_plan);
  g_task_set_task_data (task, run, NULL);
  g_object_set_data_full (G_OBJECT (task), "conflicts", conflicts,
                          (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (task), "refused", refused, (GDestroyNotify) g_hash_table_unref);
  g_object_set_data_full (G_OBJECT (task), "not-copied", not_copied,
                          (GDestroyNotify) g_hash_table_unref);
  g_task_run_in_thread (task, plan_thread);
}

static void
on_mapping_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonSyncRun *run = user_data;
  GError *error = NULL;

  g_autofree char *json = liaison_store_load_mapping_finish (run->store, result, NULL, &error);

  if (error != NULL)
    {
      run->fatal = error;
      run_finish (run);
      return;
    }
  /* The saved map, else the defaults fitted to what the refresh read of both accounts. On this
   * thread: it reads the store's cache through the main thread's connection. */
  run->map = liaison_field_map_new_for_profile (json, run->store, run->lsq_connection,
                                                run->ghl_connection, &error);
  if (run->map == NULL)
    {
      run->fatal = g_error_new (LIAISON_SYNC_ERROR, LIAISON_SYNC_ERROR_MAPPING,
                                _ ("The saved field mapping cannot be used (%s); fix it "
                                   "with “liaison-cli mapping set” or go back to the "
                                   "defaults with “liaison-cli mapping reset”."),
                                error->message);
      g_clear_error (&error);
      run_finish (run);
      return;
    }
  run->map_hash = liaison_field_map_fingerprint (run->map);
  liaison_sync_engine_crash_point (run->engine, "mapping-loaded");
  start_plan (run);
}

static void
on_refreshed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonSyncRun *run = user_data;
  GError *error = NULL;

  if (source != NULL && !liaison_refresher_run_finish (LIAISON_REFRESHER (source), result, &error))
    {
      g_prefix_error (&error, _ ("Could not refresh before the sync: "));
      run->fatal = error;
      run_finish (run);
      return;
    }
  liaison_sync_engine_crash_point (run->engine, "refreshed");
  liaison_store_load_mapping_async (run->store, NULL, on_mapping_loaded, run);
}

static void
start_refresh (LiaisonSyncRun *run)
{
  if (run->options.no_refresh)
    {
      on_refreshed (NULL, NULL, run);
      return;
    }
  liaison_sync_start_refresh (run, on_refreshed);
}

static void
on_reconciled (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonSyncRun *run = user_data;
  GError *error = NULL;

  if (!liaison_sync_reconcile_finish (run, result, &error))
    {
      run->fatal = error;
      run_finish (run);
      return;
    }
  liaison_sync_engine_crash_point (run->engine, "reconciled");
  start_refresh (run);
}

static void
on_run_begun (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonSyncRun *run = user_data;
  GError *error = NULL;

  run->result->run_id = liaison_store_begin_run_finish (run->store, result, &error);
  if (run->result->run_id <= 0)
    {
      run->fatal = error;
      run_finish (run);
      return;
    }
  liaison_sync_engine_crash_point (run->engine, "run-begun");
  if (run->options.dry_run)
    {
      /* A dry run writes to no service, not even to finish what a crash interrupted. */
      start_refresh (run);
      return;
    }
  liaison_sync_reconcile_async (run, on_reconciled);
}

static void
begin_run (LiaisonSyncRun *run)
{
  liaison_store_begin_run_async (run->store, run->trigger, run->options.dry_run, NULL, on_run_begun,
                                 run);
}

/* A timer is no person: the profile's first sync, which writes by a map nobody looked at yet,
 * waits for one (Field Mapping, liaison-cli mapping, or a sync they start themselves). Nothing
 * is sent and no run recorded, so that the history and the Overview keep to what happened. */
static void
on_hold_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonSyncRun *run = user_data;
  GError *error = NULL;
  gboolean held = FALSE;

  if (!liaison_store_read_schedule_hold_finish (run->store, result, &held, &error))
    {
      run->fatal = error;
      run_finish (run);
      return;
    }
  if (held)
    {
      run->fatal = g_error_new_literal (
          LIAISON_SYNC_ERROR, LIAISON_SYNC_ERROR_NOT_REVIEWED,
          _ ("Scheduled syncs wait until the field mapping has been reviewed, so that nothing is "
             "written by pairs nobody looked at. Review it on Liaison’s Field Mapping page, or "
             "look at it with “liaison-cli mapping show” and run “liaison-cli sync” once "
             "yourself; scheduled syncs go on from there."));
      run_finish (run);
      return;
    }
  begin_run (run);
}

void
liaison_sync_engine_run_async (LiaisonSyncEngine *self, const LiaisonSyncOptions *options,
                               GCancellable *cancellable, GAsyncReadyCallback callback,
                               gpointer user_data)
{
  GTask *task;
  LiaisonSyncRun *run;
  GError *error = NULL;

  g_return_if_fail (LIAISON_IS_SYNC_ENGINE (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_sync_engine_run_async);
  if (self->running)
    {
      g_task_return_new_error (task, LIAISON_SYNC_ERROR, LIAISON_SYNC_ERROR_BUSY,
                               _ ("A sync is already running."));
      g_object_unref (task);
      return;
    }
  run = g_new0 (LiaisonSyncRun, 1);
  run->task = task;
  run->engine = self;
  run->store = self->store;
  run->lsq = self->lsq;
  run->ghl = self->ghl;
  run->lsq_connection = self->lsq_connection;
  run->ghl_connection = self->ghl_connection;
  run->options = options ? *options : (LiaisonSyncOptions){ 0 };
  run->options.trigger = NULL;
  run->options.only_id = g_strdup (run->options.only_id);
  run->concurrency = self->concurrency;
  run->lock_fd = -1;
  run->result = g_new0 (LiaisonSyncResult, 1);
  run->result->failures = g_ptr_array_new_with_free_func (g_free);
  self->running = TRUE;
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  liaison_store_hold_notifications (self->store);
  run->holding = TRUE;

  run->lock_fd = liaison_sync_lock_acquire (liaison_store_get_path (self->store), &error);
  if (run->lock_fd < 0)
    {
      run->fatal = error;
      run_finish (run);
      return;
    }
  run->trigger = g_strdup (options && options->trigger ? options->trigger : "manual");
  if (g_str_equal (run->trigger, "scheduled") && !run->options.dry_run
      && run->options.undo_run == 0)
    {
      liaison_store_read_schedule_hold_async (self->store, NULL, on_hold_read, run);
      return;
    }
  begin_run (run);
}

LiaisonSyncResult *
liaison_sync_engine_run_finish (LiaisonSyncEngine *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- object ---- */

LiaisonSyncEngine *
liaison_sync_engine_new (LiaisonStore *store, LiaisonLsqClient *lsq, const char *lsq_connection,
                         LiaisonGhlClient *ghl, const char *ghl_connection)
{
  LiaisonSyncEngine *self;

  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (LIAISON_IS_LSQ_CLIENT (lsq), NULL);
  g_return_val_if_fail (LIAISON_IS_GHL_CLIENT (ghl), NULL);
  self = g_object_new (LIAISON_TYPE_SYNC_ENGINE, NULL);
  self->store = g_object_ref (store);
  self->lsq = g_object_ref (lsq);
  self->ghl = g_object_ref (ghl);
  self->lsq_connection = g_strdup (lsq_connection);
  self->ghl_connection = g_strdup (ghl_connection);
  return self;
}

LiaisonStore *
liaison_sync_engine_get_store (LiaisonSyncEngine *self)
{
  g_return_val_if_fail (LIAISON_IS_SYNC_ENGINE (self), NULL);
  return self->store;
}

void
liaison_sync_engine_set_concurrency (LiaisonSyncEngine *self, guint concurrency)
{
  g_return_if_fail (LIAISON_IS_SYNC_ENGINE (self));
  self->concurrency = CLAMP (concurrency, 1, 32);
}

void
liaison_sync_engine_set_clock (LiaisonSyncEngine *self, LiaisonSyncClock clock, gpointer user_data)
{
  g_return_if_fail (LIAISON_IS_SYNC_ENGINE (self));
  self->clock = clock;
  self->clock_data = user_data;
}

gint64
liaison_sync_engine_now_ms (LiaisonSyncEngine *self)
{
  return self->clock != NULL ? self->clock (self->clock_data) : g_get_real_time () / 1000;
}

static void
liaison_sync_engine_finalize (GObject *object)
{
  LiaisonSyncEngine *self = LIAISON_SYNC_ENGINE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->lsq);
  g_clear_object (&self->ghl);
  g_free (self->lsq_connection);
  g_free (self->ghl_connection);
  G_OBJECT_CLASS (liaison_sync_engine_parent_class)->finalize (object);
}

static void
liaison_sync_engine_class_init (LiaisonSyncEngineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = liaison_sync_engine_finalize;
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
liaison_sync_engine_init (LiaisonSyncEngine *self)
{
  const char *crash = g_getenv ("LIAISON_SYNC_CRASH_AT");

  self->concurrency = 4;
  self->crash_at = crash ? (guint) g_ascii_strtoull (crash, NULL, 10) : 0;
  self->report_steps = g_strcmp0 (g_getenv ("LIAISON_SYNC_STEPS"), "1") == 0;
}
