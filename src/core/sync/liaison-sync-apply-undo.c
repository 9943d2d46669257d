/* liaison-sync-apply-undo.c: an undo's DELETE of a task, note or appointment a run created
 * (liaison-sync-undo-activity.c plans it). The copy is read again from its service first: gone
 * already, its link goes as if deleted; no longer what the run made, it is left alone and listed
 * as changed since. Then the beats of every remote write (liaison-sync-apply.c): the intent,
 * the delete, and one transaction with the copy gone, its link removed, the original listed as
 * not to copy again and the history row. A crash after the intent is finished by the next
 * run's reconcile (liaison_sync_undo_resend_delete), before any pass could copy the original
 * back.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include <glib/gi18n-lib.h>

#include "liaison-appointment.h"
#include "liaison-sync-activity-ops.h"
#include "liaison-sync-appointments-private.h"
#include "liaison-sync-apply-private.h"
#include "liaison-sync-notes.h"
#include "liaison-sync-tasks.h"
#include "liaison-sync-undo-private.h"
#include "liaison-task.h"

static LiaisonSyncItem *
work_item (Work *w)
{
  return g_ptr_array_index (w->items, 0);
}

static const char *
copy_id (const LiaisonSyncItem *item)
{
  return item->target == LIAISON_SERVICE_LSQ ? item->lsq_id : item->ghl_id;
}

static const char *
original_id (const LiaisonSyncItem *item)
{
  return item->target == LIAISON_SERVICE_LSQ ? item->ghl_id : item->lsq_id;
}

static LiaisonStoreStep *
step_new (Work *w)
{
  LiaisonSyncRun *run = w->run;
  LiaisonStoreStep *step
      = liaison_store_step_new (run->lsq_connection, run->ghl_connection, run->result->run_id);

  step->kind = work_item (w)->record;
  return step;
}

/* The history row of the item on the copy's side. */
static LiaisonStoreOperation *
operation_new (Work *w, LiaisonOperationAction action, LiaisonOperationStatus status,
               const char *cause, const char *sentence)
{
  LiaisonSyncItem *item = work_item (w);
  LiaisonStoreOperation *op = liaison_sync_operation_new (w->run, item, action, item->target);

  op->status = status;
  g_free (op->cause);
  op->cause = g_strdup (cause);
  op->error = g_strdup (sentence);
  op->after = g_strdup (item->created);
  return op;
}

static void
commit_failure (Work *w, const GError *error)
{
  LiaisonSyncItem *item = work_item (w);
  LiaisonStoreStep *step = step_new (w);
  LiaisonStoreOperation *op = operation_new (w, LIAISON_OPERATION_DELETE, LIAISON_OPERATION_FAILED,
                                             liaison_sync_error_cause (error), error->message);
  LiaisonStoreIntent *intent = w->intent_of[item->target];

  g_ptr_array_add (step->operations, op);
  if (intent != NULL)
    liaison_sync_fail_intent (step, intent, error, FALSE);
  liaison_sync_fail (w->run, copy_id (item), error);
  liaison_sync_work_commit (w, step);
}

/* Deleted now, or gone already (sentence says so instead of the item's reason). */
static void
commit_deleted (Work *w, const char *sentence)
{
  LiaisonSyncRun *run = w->run;
  LiaisonSyncItem *item = work_item (w);
  LiaisonStoreStep *step = step_new (w);
  LiaisonStoreIntent *intent = w->intent_of[item->target];

  liaison_sync_work_crash_point (w, "answered");
  liaison_sync_undo_deleted (step, item->target, run->lsq_connection, run->ghl_connection,
                             copy_id (item), original_id (item), item->link_id, item->undoes);
  if (intent != NULL)
    g_array_append_val (step->intents_done, intent->id);
  g_ptr_array_add (step->operations,
                   operation_new (w, LIAISON_OPERATION_DELETE, LIAISON_OPERATION_APPLIED,
                                  sentence ? "gone" : item->cause,
                                  sentence ? sentence : item->reason));
  /* Gone already counts as deleted: most often the undo deleted the contact it belonged to. */
  run->result->n_deleted++;
  liaison_sync_work_commit (w, step);
}

/* ---- the delete ---- */

static void
on_deleted (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Work *w = user_data;
  LiaisonSyncItem *item = work_item (w);
  g_autoptr (GError) error = NULL;

  if (item->target == LIAISON_SERVICE_LSQ)
    {
      w->run->result->lsq_calls++;
      liaison_lsq_client_delete_tasks_finish (LIAISON_LSQ_CLIENT (source), result, &error);
    }
  else
    {
      w->run->result->ghl_calls++;
      liaison_ghl_client_delete_finish (LIAISON_GHL_CLIENT (source), result, &error);
    }
  /* Already gone is what a delete wants. */
  if (error != NULL && !g_error_matches (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_FOUND))
    {
      commit_failure (w, error);
      return;
    }
  commit_deleted (w, NULL);
}

void
liaison_sync_undo_send_delete (LiaisonSyncRun *run, LiaisonRecordKind kind, LiaisonService side,
                               const char *contact, const char *id, GAsyncReadyCallback callback,
                               gpointer user_data)
{
  if (side == LIAISON_SERVICE_LSQ)
    {
      const char *ids[] = { id, NULL };

      /* To-dos and appointments alike: LeadSquared's one task delete. */
      liaison_lsq_client_delete_tasks_async (run->lsq, ids, NULL, callback, user_data);
    }
  else if (kind == LIAISON_RECORD_TASK)
    liaison_ghl_client_delete_task_async (run->ghl, contact, id, NULL, callback, user_data);
  else if (kind == LIAISON_RECORD_NOTE)
    liaison_ghl_client_delete_note_async (run->ghl, contact, id, NULL, callback, user_data);
  else
    liaison_ghl_client_delete_appointment_async (run->ghl, id, NULL, callback, user_data);
}

static void
on_intent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Work *w = user_data;
  LiaisonSyncItem *item = work_item (w);
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GError) error = NULL;

  ids = liaison_store_add_intents_finish (LIAISON_STORE (source), result, &error);
  if (ids == NULL)
    {
      /* Without its intent the delete is not made. */
      liaison_sync_fail (w->run, copy_id (item), error);
      liaison_sync_work_done (w, 1);
      return;
    }
  liaison_sync_work_crash_point (w, "intent");
  liaison_sync_undo_send_delete (w->run, item->record, item->target,
                                 item->target == LIAISON_SERVICE_LSQ ? item->lsq_parent
                                                                     : item->ghl_parent,
                                 copy_id (item), on_deleted, w);
}

static void
send_intent (Work *w)
{
  LiaisonSyncRun *run = w->run;
  LiaisonSyncItem *item = work_item (w);
  LiaisonStoreIntent *intent = g_new0 (LiaisonStoreIntent, 1);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) payload = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "undo");
  json_builder_add_int_value (b, item->undoes);
  json_builder_set_member_name (b, "contact");
  json_builder_add_string_value (b, item->target == LIAISON_SERVICE_LSQ ? item->lsq_parent
                                                                        : item->ghl_parent);
  json_builder_end_object (b);
  payload = json_builder_get_root (b);
  intent->run_id = run->result->run_id;
  intent->kind = item->record;
  intent->service = item->target;
  intent->op = LIAISON_INTENT_DELETE;
  intent->remote_id = g_strdup (copy_id (item));
  intent->source_id = g_strdup (original_id (item));
  intent->link_id = item->link_id;
  intent->payload = json_to_string (payload, FALSE);
  w->intent_of[item->target] = intent;
  g_ptr_array_add (w->intents, intent);
  liaison_store_add_intents_async (run->store, w->intents, NULL, on_intent, w);
}

/* ---- the copy read again ---- */

/* The first member of created whose value now is another, or NULL. */
static char *
first_moved (JsonObject *now, JsonObject *created, char **holds, char **had)
{
  g_autoptr (GList) keys = json_object_get_members (created);

  for (GList *l = keys; l != NULL; l = l->next)
    {
      JsonNode *value = liaison_activity_member (now, l->data);
      JsonNode *then = json_object_get_member (created, l->data);

      if (liaison_activity_same_value (value, then))
        continue;
      *holds = liaison_activity_node_text (value);
      *had = liaison_activity_node_text (then);
      return g_strdup (l->data);
    }
  return NULL;
}

/* now: the copy's canonical values as read (for a note {"text": its text}), or NULL when the
 * service no longer has it; error: the read failed. */
static void
compare (Work *w, JsonObject *now, const GError *error)
{
  LiaisonSyncItem *item = work_item (w);
  g_autoptr (JsonNode) created_node = item->created ? json_from_string (item->created, NULL) : NULL;
  g_autoptr (JsonObject) created = NULL;
  g_autofree char *run_text = g_strdup_printf ("%" G_GINT64_FORMAT, item->undoes);
  const char *side = liaison_sync_undo_service_name (item->target);
  g_autofree char *holds = NULL;
  g_autofree char *had = NULL;
  g_autofree char *key = NULL;

  if (error != NULL && !g_error_matches (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_FOUND))
    {
      g_autoptr (GError) read_error = g_error_copy (error);

      g_prefix_error (&read_error, _ ("Could not read the copy again before deleting it, so it "
                                      "was left as it is (undo again later): "));
      commit_failure (w, read_error);
      return;
    }
  if (now == NULL)
    {
      g_autofree char *sentence = g_strdup_printf (
          LIAISON_UNDO_BY_KIND (
              item->record,
              _ ("The %s task %s that run %s created was gone already; its link was removed and "
                 "the task it copied is not copied again."),
              _ ("The %s note %s that run %s created was gone already; its link was removed and "
                 "the note it copied is not copied again."),
              _ ("The %s appointment %s that run %s created was gone already; its link was "
                 "removed and the appointment it copied is not copied again.")),
          side, copy_id (item), run_text);

      commit_deleted (w, sentence);
      return;
    }
  if (created_node != NULL && JSON_NODE_HOLDS_OBJECT (created_node))
    created = json_object_ref (json_node_get_object (created_node));
  else
    {
      /* A note's create recorded its text alone. */
      created = json_object_new ();
      if (created_node != NULL)
        json_object_set_member (created, "text", json_node_copy (created_node));
    }
  key = first_moved (now, created, &holds, &had);
  if (key != NULL)
    {
      LiaisonStoreStep *step = step_new (w);
      g_autofree char *sentence = g_strdup_printf (
          LIAISON_UNDO_BY_KIND (
              item->record,
              _ ("The %s task %s that run %s created changed since (“%s” now holds %s, the run "
                 "created it with %s); it was left as it is."),
              _ ("The %s note %s that run %s created changed since (“%s” now holds %s, the run "
                 "created it with %s); it was left as it is."),
              _ ("The %s appointment %s that run %s created changed since (“%s” now holds %s, "
                 "the run created it with %s); it was left as it is.")),
          side, copy_id (item), run_text, key, holds, had);
      LiaisonStoreOperation *op = operation_new (
          w, LIAISON_OPERATION_SKIP, LIAISON_OPERATION_SKIPPED, "changed-since", sentence);

      op->field = g_strdup (key);
      op->before = g_strdup (holds);
      g_ptr_array_add (step->operations, op);
      w->run->result->n_skipped++;
      liaison_sync_work_commit (w, step);
      return;
    }
  send_intent (w);
}

static void
on_lsq_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Work *w = user_data;
  LiaisonSyncItem *item = work_item (w);
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) record
      = liaison_lsq_client_get_task_finish (LIAISON_LSQ_CLIENT (source), result, &error);
  g_autoptr (JsonObject) now = NULL;

  w->run->result->lsq_calls++;
  if (record != NULL && item->record == LIAISON_RECORD_APPOINTMENT
      && LIAISON_IS_APPOINTMENT (record))
    now = liaison_sync_appointment_values (LIAISON_APPOINTMENT (record), LIAISON_SERVICE_LSQ);
  else if (record != NULL && item->record == LIAISON_RECORD_TASK && LIAISON_IS_TASK (record))
    now = liaison_sync_task_values (LIAISON_TASK (record));
  else if (record != NULL)
    now = json_object_new (); /* another kind of task now: nothing the run made is left */
  compare (w, now, error);
}

static void
on_ghl_task (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Work *w = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonTask) task
      = liaison_ghl_client_task_finish (LIAISON_GHL_CLIENT (source), result, &error);
  g_autoptr (JsonObject) now = task ? liaison_sync_task_values (task) : NULL;

  w->run->result->ghl_calls++;
  compare (w, now, error);
}

static void
on_ghl_note (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Work *w = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonNote) note
      = liaison_ghl_client_note_finish (LIAISON_GHL_CLIENT (source), result, &error);
  g_autoptr (JsonObject) now = NULL;

  w->run->result->ghl_calls++;
  if (note != NULL)
    {
      g_autofree char *text = liaison_sync_note_text (note);

      now = json_object_new ();
      json_object_set_string_member (now, "text", text);
    }
  compare (w, now, error);
}

static void
on_ghl_appointment (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Work *w = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonAppointment) appointment
      = liaison_ghl_client_appointment_finish (LIAISON_GHL_CLIENT (source), result, &error);
  g_autoptr (JsonObject) now
      = appointment ? liaison_sync_appointment_values (appointment, LIAISON_SERVICE_GHL) : NULL;

  w->run->result->ghl_calls++;
  compare (w, now, error);
}

void
liaison_sync_apply_start_undo_delete (LiaisonSyncRun *run, LiaisonSyncItem *item)
{
  Work *w = liaison_sync_work_new (run);

  g_ptr_array_add (w->items, item);
  w->kind = "undo-delete";
  if (item->target == LIAISON_SERVICE_LSQ)
    liaison_lsq_client_get_task_async (run->lsq, item->lsq_id, NULL, on_lsq_read, w);
  else if (item->record == LIAISON_RECORD_TASK)
    liaison_ghl_client_get_task_async (run->ghl, item->ghl_parent, item->ghl_id, NULL, on_ghl_task,
                                       w);
  else if (item->record == LIAISON_RECORD_NOTE)
    liaison_ghl_client_get_note_async (run->ghl, item->ghl_parent, item->ghl_id, NULL, on_ghl_note,
                                       w);
  else
    liaison_ghl_client_get_appointment_async (run->ghl, item->ghl_id, NULL, on_ghl_appointment, w);
}
