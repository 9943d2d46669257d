/* liaison-sync-tasks-apply.c: the writes of the task sync. Each operation writes its intents
 * first, then calls the services, then records everything it changed in one store step: the
 * tasks as written, the link with its new base, the intents closed, the history, conflicts. A
 * crash between the intent and the step leaves the intent pending; the next pass closes it and
 * its content lookup (same contact, title and due time) links what the write made instead of
 * making it again.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include <glib/gi18n-lib.h>

#include "liaison-debug.h"
#include "liaison-sync-activity-apply.h"
#include "liaison-sync-tasks-private.h"
#include "liaison-task-codec.h"

/* What one operation is doing while its writes are in flight. */
typedef struct
{
  TaskPass *pass;
  TaskOp *op;
  GPtrArray *intents; /* LiaisonStoreIntent */
  LiaisonStoreIntent *lsq_intent, *ghl_intent;
  char *lsq_id, *ghl_id; /* the pair's task ids (a create fills its side in) */
  GError *lsq_error, *ghl_error;
  gboolean lsq_written, ghl_written;
  gboolean lsq_complete; /* MarkComplete still to send */
} OpRun;

static void
op_run_free (OpRun *r)
{
  g_clear_pointer (&r->intents, g_ptr_array_unref);
  g_clear_error (&r->lsq_error);
  g_clear_error (&r->ghl_error);
  g_free (r->lsq_id);
  g_free (r->ghl_id);
  g_free (r);
}

static const char *
op_title (TaskOp *op)
{
  JsonObject *values = op->lsq_values ? op->lsq_values : op->ghl_values;
  LiaisonTask *task = op->lsq ? op->lsq : op->ghl;

  if (values != NULL && json_object_has_member (values, "title"))
    return json_object_get_string_member (values, "title");
  return task ? liaison_task_get_title (task) : NULL;
}

/* LeadSquared calls an update needs: Update for the text and due time, MarkComplete to
 * complete. */
static guint
lsq_update_calls (JsonObject *to_lsq)
{
  guint n = 0;

  if (json_object_has_member (to_lsq, "title") || json_object_has_member (to_lsq, "description")
      || json_object_has_member (to_lsq, "due"))
    n++;
  if (json_object_has_member (to_lsq, "completed"))
    n++;
  return n;
}

void
liaison_sync_tasks_describe (TaskPass *pass, TaskOp *op)
{
  JsonObject *o = json_object_new ();
  const char *action = "update";
  guint lsq = 0, ghl = 0;

  switch (op->kind)
    {
      case TASK_OP_CREATE:
        action = "create";
        if (op->target == LIAISON_SERVICE_GHL)
          ghl = 1;
        else
          lsq = json_object_get_boolean_member (op->ghl_values, "completed") ? 2 : 1;
        json_object_set_string_member (o, "target", liaison_service_to_string (op->target));
        break;
      case TASK_OP_UNLINK:
        action = "unlink";
        json_object_set_string_member (o, "reason", op->reason);
        break;
      case TASK_OP_UPDATE:
        action = op->new_link ? "link" : op->conflicts->len > 0 ? "conflict" : "update";
        ghl = json_object_get_size (op->to_ghl) > 0 ? 1 : 0;
        lsq = lsq_update_calls (op->to_lsq);
        if (json_object_get_size (op->to_lsq) > 0)
          json_object_set_object_member (o, "toLsq", json_object_ref (op->to_lsq));
        if (json_object_get_size (op->to_ghl) > 0)
          json_object_set_object_member (o, "toGhl", json_object_ref (op->to_ghl));
        if (op->conflicts->len > 0)
          {
            JsonArray *fields = json_array_new ();

            for (guint i = 0; i < op->conflicts->len; i++)
              json_array_add_string_element (
                  fields, ((LiaisonStoreConflict *) g_ptr_array_index (op->conflicts, i))->field);
            json_object_set_array_member (o, "conflicts", fields);
          }
        break;
    }
  json_object_set_string_member (o, "action", action);
  json_object_set_string_member (o, "kind", "task");
  json_object_set_string_member (o, "lsqContact", op->lsq_contact);
  json_object_set_string_member (o, "ghlContact", op->ghl_contact);
  if (op->lsq != NULL)
    json_object_set_string_member (o, "lsqTask", liaison_task_get_id (op->lsq));
  if (op->ghl != NULL)
    json_object_set_string_member (o, "ghlTask", liaison_task_get_id (op->ghl));
  if (op_title (op) != NULL)
    json_object_set_string_member (o, "title", op_title (op));
  json_object_set_int_member (o, "lsqCalls", lsq);
  json_object_set_int_member (o, "ghlCalls", ghl);
  json_array_add_object_element (pass->plan_ops, o);
  pass->lsq_writes += lsq;
  pass->ghl_writes += ghl;
}

/* ---- building what is written ---- */

/* A task of the side's contact carrying from's values with changes on top. */
static LiaisonTask *
task_for (const char *id, const char *contact_id, JsonObject *from, JsonObject *changes)
{
  LiaisonTask *task = liaison_task_new ();
  JsonObject *sources[] = { from, changes };

  liaison_task_set_id (task, id);
  liaison_task_set_contact_id (task, contact_id);
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      JsonObject *o = sources[i];
      JsonNode *node;

      if (o == NULL)
        continue;
      if ((node = json_object_get_member (o, "title")) != NULL)
        liaison_task_set_title (task, json_node_get_string (node));
      if ((node = json_object_get_member (o, "description")) != NULL)
        /* An emptied description is sent as "", which clears it (null would keep it). */
        liaison_task_set_body (task,
                               JSON_NODE_HOLDS_NULL (node) ? "" : json_node_get_string (node));
      if ((node = json_object_get_member (o, "due")) != NULL)
        {
          g_autoptr (GDateTime) due
              = JSON_NODE_HOLDS_NULL (node)
                    ? NULL
                    : g_date_time_new_from_iso8601 (json_node_get_string (node), NULL);

          liaison_task_set_due_date (task, due);
        }
      if ((node = json_object_get_member (o, "completed")) != NULL)
        liaison_task_set_completed (task, json_node_get_boolean (node));
    }
  return task;
}

static void
cache_task (TaskPass *pass, LiaisonStoreStep *step, LiaisonService side, const char *id,
            const char *contact, JsonObject *values, JsonObject *changes)
{
  g_autoptr (LiaisonTask) task = task_for (id, contact, values, changes);
  LiaisonStoreRecord *record = liaison_task_codec_to_record (task, contact);

  if (record == NULL)
    return;
  record->connection_id = g_strdup (side == LIAISON_SERVICE_LSQ ? pass->run->lsq_connection
                                                                : pass->run->ghl_connection);
  g_ptr_array_add (step->records, record);
}

/* ---- the step that records an operation ---- */

static void
on_step (GObject *source, GAsyncResult *result, gpointer user_data)
{
  OpRun *r = user_data;
  TaskPass *pass = r->pass;
  g_autoptr (GError) error = NULL;

  if (!liaison_store_apply_step_finish (LIAISON_STORE (source), result, &error))
    liaison_sync_fail (pass->run, _ ("Recording a task sync step"), error);
  op_run_free (r);
  liaison_sync_engine_crash_point (pass->run->engine, "task-step");
  pass->next_op++;
  liaison_sync_tasks_apply_next (pass);
}

/* HighLevel reopened a task LeadSquared has completed: LeadSquared cannot reopen it. */
static GError *
lsq_refusal (const char *field, gboolean refused, const char **cause)
{
  if (!refused)
    return NULL;
  *cause = "lsq-cannot-reopen";
  if (!g_str_equal (field, "completed"))
    return NULL;
  return g_error_new_literal (
      LIAISON_SYNC_ERROR, LIAISON_SYNC_ERROR_FAILED,
      _ ("The task was reopened in HighLevel, but LeadSquared has no way to reopen a "
         "completed task: keep it completed (answer with LeadSquared's value) or "
         "make a new task in LeadSquared."));
}

static void
record_op (OpRun *r)
{
  TaskPass *pass = r->pass;
  LiaisonSyncRun *run = pass->run;
  TaskOp *op = r->op;
  LiaisonStoreStep *step = liaison_activity_step_new (
      run, LIAISON_RECORD_TASK, r->lsq_intent, r->lsq_written, r->lsq_error,
      _ ("Writing a LeadSquared task"), r->ghl_intent, r->ghl_written, r->ghl_error,
      _ ("Writing a HighLevel task"));

  if (op->kind == TASK_OP_CREATE)
    {
      LiaisonService side = op->target;
      JsonObject *values = side == LIAISON_SERVICE_GHL ? op->lsq_values : op->ghl_values;

      if (liaison_activity_record_create (
              run, step, side, r->lsq_id, r->ghl_id, values,
              side == LIAISON_SERVICE_GHL ? r->ghl_written : r->lsq_written,
              side == LIAISON_SERVICE_GHL ? r->ghl_error : r->lsq_error, op->cause, FALSE))
        {
          cache_task (pass, step, LIAISON_SERVICE_LSQ, r->lsq_id, op->lsq_contact, values, NULL);
          cache_task (pass, step, LIAISON_SERVICE_GHL, r->ghl_id, op->ghl_contact, values, NULL);
        }
    }
  else if (op->kind == TASK_OP_UNLINK)
    liaison_activity_record_unlink (run, step, LIAISON_RECORD_TASK, op->link, op->lsq != NULL,
                                    op->cause);
  else
    {
      LiaisonActivityMerge merge = {
        .to_lsq = op->to_lsq,
        .to_ghl = op->to_ghl,
        .conflicts = op->conflicts,
        .conflicts_closed = op->conflicts_closed,
        .conflicts_applied = op->conflicts_applied,
        .refused = op->cannot_reopen,
      };

      liaison_activity_record_update (run, step,
                                      &(LiaisonActivityUpdate){
                                          .merge = &merge,
                                          .base = op->base,
                                          .lsq_values = op->lsq_values,
                                          .ghl_values = op->ghl_values,
                                          .link_id = op->link ? op->link->id : 0,
                                          .new_link = op->new_link,
                                          .cause = op->cause,
                                          .lsq_id = r->lsq_id,
                                          .ghl_id = r->ghl_id,
                                          .lsq_written = r->lsq_written,
                                          .ghl_written = r->ghl_written,
                                          .lsq_error = r->lsq_error,
                                          .ghl_error = r->ghl_error,
                                          .refusal = lsq_refusal,
                                      });
      cache_task (pass, step, LIAISON_SERVICE_LSQ, r->lsq_id, op->lsq_contact, op->lsq_values,
                  r->lsq_written ? op->to_lsq : NULL);
      cache_task (pass, step, LIAISON_SERVICE_GHL, r->ghl_id, op->ghl_contact, op->ghl_values,
                  r->ghl_written ? op->to_ghl : NULL);
    }
  liaison_store_apply_step_async (run->store, step, NULL, on_step, r);
}

/* ---- the writes ---- */

static void write_lsq (OpRun *r);

static void
on_lsq_completed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  OpRun *r = user_data;

  r->lsq_written
      = liaison_lsq_client_done_finish (LIAISON_LSQ_CLIENT (source), result, &r->lsq_error);
  record_op (r);
}

static void
complete_lsq (OpRun *r)
{
  r->lsq_complete = FALSE;
  r->pass->run->result->lsq_calls++;
  liaison_lsq_client_complete_task_async (
      r->pass->run->lsq, r->lsq_id, g_task_get_cancellable (r->pass->task), on_lsq_completed, r);
}

static void
on_lsq_created (GObject *source, GAsyncResult *result, gpointer user_data)
{
  OpRun *r = user_data;
  char *id = liaison_lsq_client_id_finish (LIAISON_LSQ_CLIENT (source), result, &r->lsq_error);

  if (id == NULL)
    {
      g_prefix_error (&r->lsq_error,
                      _ ("(new tasks get the to-do type “%s”; choose another with "
                         "“liaison-cli sync --task-type NAME”) "),
                      r->pass->lsq_type);
      record_op (r);
      return;
    }
  r->lsq_id = id;
  r->lsq_written = TRUE;
  if (r->lsq_complete)
    {
      complete_lsq (r);
      return;
    }
  record_op (r);
}

static void
on_lsq_updated (GObject *source, GAsyncResult *result, gpointer user_data)
{
  OpRun *r = user_data;

  r->lsq_written
      = liaison_lsq_client_done_finish (LIAISON_LSQ_CLIENT (source), result, &r->lsq_error);
  if (r->lsq_written && r->lsq_complete)
    {
      complete_lsq (r);
      return;
    }
  record_op (r);
}

static void
write_lsq (OpRun *r)
{
  TaskOp *op = r->op;
  LiaisonSyncRun *run = r->pass->run;
  GCancellable *cancellable = g_task_get_cancellable (r->pass->task);
  g_autoptr (LiaisonTask) task = NULL;

  if (r->lsq_intent == NULL)
    {
      record_op (r);
      return;
    }
  if (op->kind == TASK_OP_CREATE)
    {
      task = task_for (NULL, op->lsq_contact, op->ghl_values, NULL);
      r->lsq_complete = liaison_task_get_completed (task);
      run->result->lsq_calls++;
      liaison_lsq_client_create_task_async (run->lsq, task, r->pass->lsq_type, cancellable,
                                            on_lsq_created, r);
      return;
    }
  r->lsq_complete = json_object_has_member (op->to_lsq, "completed")
                    && json_object_get_boolean_member (op->to_lsq, "completed");
  if (lsq_update_calls (op->to_lsq) == 1 && json_object_has_member (op->to_lsq, "completed"))
    {
      /* Only the status changed. */
      complete_lsq (r);
      return;
    }
  task = task_for (r->lsq_id, op->lsq_contact, op->lsq_values, op->to_lsq);
  run->result->lsq_calls++;
  liaison_lsq_client_update_task_async (run->lsq, task, cancellable, on_lsq_updated, r);
}

static void
on_ghl_written (GObject *source, GAsyncResult *result, gpointer user_data)
{
  OpRun *r = user_data;
  g_autoptr (LiaisonTask) task
      = liaison_ghl_client_task_finish (LIAISON_GHL_CLIENT (source), result, &r->ghl_error);

  if (task != NULL)
    {
      r->ghl_written = TRUE;
      if (r->ghl_id == NULL)
        r->ghl_id = g_strdup (liaison_task_get_id (task));
    }
  liaison_sync_engine_crash_point (r->pass->run->engine, "task-ghl-written");
  write_lsq (r);
}

static void
write_ghl (OpRun *r)
{
  TaskOp *op = r->op;
  LiaisonSyncRun *run = r->pass->run;
  GCancellable *cancellable = g_task_get_cancellable (r->pass->task);
  g_autoptr (LiaisonTask) task = NULL;

  if (r->ghl_intent == NULL)
    {
      write_lsq (r);
      return;
    }
  run->result->ghl_calls++;
  if (op->kind == TASK_OP_CREATE)
    {
      task = task_for (NULL, op->ghl_contact, op->lsq_values, NULL);
      liaison_ghl_client_create_task_async (run->ghl, task, cancellable, on_ghl_written, r);
      return;
    }
  task = task_for (r->ghl_id, op->ghl_contact, op->ghl_values, op->to_ghl);
  if (op->ghl != NULL)
    liaison_task_set_assigned_to (task, liaison_task_get_assigned_to (op->ghl));
  liaison_ghl_client_update_task_async (run->ghl, task, cancellable, on_ghl_written, r);
}

static void
on_intents (GObject *source, GAsyncResult *result, gpointer user_data)
{
  OpRun *r = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids
      = liaison_store_add_intents_finish (LIAISON_STORE (source), result, &error);

  if (ids == NULL)
    {
      TaskPass *pass = r->pass;

      /* Without its intent a write is not made. */
      liaison_sync_fail (pass->run, _ ("Recording a task write before making it"), error);
      op_run_free (r);
      pass->next_op++;
      liaison_sync_tasks_apply_next (pass);
      return;
    }
  liaison_sync_engine_crash_point (r->pass->run->engine, "task-intents");
  write_ghl (r);
}

void
liaison_sync_tasks_apply_next (TaskPass *pass)
{
  TaskOp *op;
  OpRun *r;

  if (pass->next_op >= pass->ops->len
      || g_cancellable_is_cancelled (g_task_get_cancellable (pass->task)))
    {
      liaison_sync_tasks_next_pair (pass);
      return;
    }
  op = g_ptr_array_index (pass->ops, pass->next_op);
  r = g_new0 (OpRun, 1);
  r->pass = pass;
  r->op = op;
  r->intents = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_intent_free);
  if (op->lsq != NULL)
    r->lsq_id = g_strdup (liaison_task_get_id (op->lsq));
  if (op->ghl != NULL)
    r->ghl_id = g_strdup (liaison_task_get_id (op->ghl));
  if (op->kind == TASK_OP_UNLINK
      || !liaison_activity_plan_intents (pass->run,
                                         &(LiaisonActivityWrites){
                                             .kind = LIAISON_RECORD_TASK,
                                             .create = op->kind == TASK_OP_CREATE,
                                             .target = op->target,
                                             .lsq_contact = op->lsq_contact,
                                             .ghl_contact = op->ghl_contact,
                                             .link_id = op->link ? op->link->id : 0,
                                             .lsq_id = r->lsq_id,
                                             .ghl_id = r->ghl_id,
                                             .lsq_values = op->lsq_values,
                                             .ghl_values = op->ghl_values,
                                             .to_lsq = op->to_lsq,
                                             .to_ghl = op->to_ghl,
                                         },
                                         r->intents, &r->lsq_intent, &r->ghl_intent))
    {
      record_op (r);
      return;
    }
  liaison_store_add_intents_async (pass->run->store, r->intents, NULL, on_intents, r);
}

/* ---- before and after the pairs ---- */

static void
on_flushed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  TaskPass *pass = user_data;
  g_autoptr (GError) error = NULL;

  if (!liaison_store_apply_step_finish (LIAISON_STORE (source), result, &error))
    liaison_sync_fail (pass->run, _ ("Recording the tasks read"), error);
  pass->then (pass);
}

static void
apply_records_step (TaskPass *pass, LiaisonStoreStep *step, TaskPassFunc then)
{
  pass->then = then;
  if (liaison_store_step_is_empty (step))
    {
      liaison_store_step_free (step);
      then (pass);
      return;
    }
  liaison_store_apply_step_async (pass->run->store, step, NULL, on_flushed, pass);
}

/* Caches the tasks read in full (so that their summaries are not read in full again). */
void
liaison_sync_tasks_flush_records (TaskPass *pass, TaskPassFunc then)
{
  LiaisonSyncRun *run = pass->run;
  LiaisonStoreStep *step
      = liaison_store_step_new (run->lsq_connection, run->ghl_connection, run->result->run_id);

  step->kind = LIAISON_RECORD_TASK;
  if (!run->options.dry_run)
    {
      g_ptr_array_extend_and_steal (step->records, g_steal_pointer (&pass->records));
      pass->records = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
    }
  apply_records_step (pass, step, then);
}

/* The task writes a crash interrupted: whether each reached its service is not known, and need
 * not be. The pass that follows compares what both services hold: the content lookup links a
 * task a lost create made, and the merge writes again what an update did not finish. So each
 * is closed as interrupted and counted as reconciled. */
void
liaison_sync_tasks_close_pending (TaskPass *pass, TaskPassFunc then)
{
  LiaisonSyncRun *run = pass->run;
  LiaisonStoreStep *step
      = liaison_store_step_new (run->lsq_connection, run->ghl_connection, run->result->run_id);

  step->kind = LIAISON_RECORD_TASK;
  liaison_activity_close_pending (run, step, pass->pending,
                                  _ ("Interrupted; the next pass compared both services’ "
                                     "tasks and wrote only what was still missing"));
  apply_records_step (pass, step, then);
}
