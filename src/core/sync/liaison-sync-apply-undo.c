/* liaison-sync-apply-undo.c: an undo's DELETE of a task, note or appointment a run created
 * (liaison-sync-undo-activity.c plans it). The copy is read again from its service first: gone
 * already, its link goes as if deleted; no longer what the run made, it is left alone and listed
 * as changed since. Then the beats of every remote write (liaison-sync-apply.c): the intent,
 * the delete, and one transaction with the copy gone, its link removed, the original listed as
 * not to copy again and the history row. LeadSquared's copies go in batches of one kind (its
 * DeleteTasks takes up to LIAISON_LSQ_DELETE_TASKS_MAX ids): each read again, then their
 * intents, one DeleteTasks and one transaction. A crash after the intent is finished by the
 * next run's reconcile (liaison-sync-reconcile.c), before any pass could copy the original
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

/* The history row of item on the copy's side. */
static LiaisonStoreOperation *
operation_new (Work *w, const LiaisonSyncItem *item, LiaisonOperationAction action,
               LiaisonOperationStatus status, const char *cause, const char *sentence)
{
  LiaisonStoreOperation *op = liaison_sync_operation_new (w->run, item, action, item->target);

  op->status = status;
  g_free (op->cause);
  op->cause = g_strdup (cause);
  op->error = g_strdup (sentence);
  op->after = g_strdup (item->created);
  return op;
}

static void
add_failure (Work *w, LiaisonStoreStep *step, const LiaisonSyncItem *item,
             const LiaisonStoreIntent *intent, const GError *error)
{
  g_ptr_array_add (step->operations,
                   operation_new (w, item, LIAISON_OPERATION_DELETE, LIAISON_OPERATION_FAILED,
                                  liaison_sync_error_cause (error), error->message));
  if (intent != NULL)
    liaison_sync_fail_intent (step, intent, error, FALSE);
  liaison_sync_fail (w->run, copy_id (item), error);
}

/* Deleted now, or gone already (sentence says so instead of the item's reason); gone already
 * counts as deleted too: most often the undo deleted the contact it belonged to. */
static void
add_deleted (Work *w, LiaisonStoreStep *step, const LiaisonSyncItem *item,
             const LiaisonStoreIntent *intent, const char *sentence)
{
  LiaisonSyncRun *run = w->run;

  liaison_sync_undo_deleted (step, item->target, run->lsq_connection, run->ghl_connection,
                             copy_id (item), original_id (item), item->link_id, item->undoes);
  if (intent != NULL)
    g_array_append_val (step->intents_done, intent->id);
  g_ptr_array_add (step->operations,
                   operation_new (w, item, LIAISON_OPERATION_DELETE, LIAISON_OPERATION_APPLIED,
                                  sentence ? "gone" : item->cause,
                                  sentence ? sentence : item->reason));
  run->result->n_deleted++;
}

static LiaisonStoreIntent *
intent_new (Work *w, const LiaisonSyncItem *item)
{
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
  intent->run_id = w->run->result->run_id;
  intent->kind = item->record;
  intent->service = item->target;
  intent->op = LIAISON_INTENT_DELETE;
  intent->remote_id = g_strdup (copy_id (item));
  intent->source_id = g_strdup (original_id (item));
  intent->link_id = item->link_id;
  intent->payload = json_to_string (payload, FALSE);
  return intent;
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

/* Adds to step what the copy read again comes to, unless it is to be deleted (then returns
 * TRUE): now, the copy's canonical values as read (for a note {"text": its text}), or NULL when
 * the service no longer has it; error, the read failed. */
static gboolean
add_outcome (Work *w, LiaisonStoreStep *step, const LiaisonSyncItem *item, JsonObject *now,
             const GError *error)
{
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
      add_failure (w, step, item, NULL, read_error);
      return FALSE;
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

      add_deleted (w, step, item, NULL, sentence);
      return FALSE;
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
          w, item, LIAISON_OPERATION_SKIP, LIAISON_OPERATION_SKIPPED, "changed-since", sentence);

      op->field = g_strdup (key);
      op->before = g_strdup (holds);
      g_ptr_array_add (step->operations, op);
      w->run->result->n_skipped++;
      return FALSE;
    }
  return TRUE;
}

/* A LeadSquared task or appointment as read: its canonical values, or NULL. */
static JsonObject *
lsq_values (const LiaisonSyncItem *item, GObject *record)
{
  if (record == NULL)
    return NULL;
  if (item->record == LIAISON_RECORD_APPOINTMENT && LIAISON_IS_APPOINTMENT (record))
    return liaison_sync_appointment_values (LIAISON_APPOINTMENT (record), LIAISON_SERVICE_LSQ);
  if (item->record == LIAISON_RECORD_TASK && LIAISON_IS_TASK (record))
    return liaison_sync_task_values (LIAISON_TASK (record));
  return json_object_new (); /* another kind of task now: nothing the run made is left */
}

/* ---- one HighLevel copy ---- */

static void
on_deleted (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Work *w = user_data;
  LiaisonSyncItem *item = work_item (w);
  LiaisonStoreStep *step = step_new (w);
  g_autoptr (GError) error = NULL;

  w->run->result->ghl_calls++;
  liaison_ghl_client_delete_finish (LIAISON_GHL_CLIENT (source), result, &error);
  liaison_sync_work_crash_point (w, "answered");
  /* Already gone is what a delete wants. */
  if (error != NULL && !g_error_matches (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_FOUND))
    add_failure (w, step, item, w->intent_of[LIAISON_SERVICE_GHL], error);
  else
    add_deleted (w, step, item, w->intent_of[LIAISON_SERVICE_GHL], NULL);
  liaison_sync_work_commit (w, step);
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
      liaison_sync_work_done (w, w->items->len);
      return;
    }
  liaison_sync_work_crash_point (w, "intent");
  liaison_sync_undo_send_delete (w->run, item->record, item->target, item->ghl_parent,
                                 copy_id (item), on_deleted, w);
}

/* The copy read again (now, error as add_outcome takes them): left, or deleted. */
static void
read_one (Work *w, JsonObject *now, const GError *error)
{
  LiaisonSyncItem *item = work_item (w);
  LiaisonStoreStep *step = step_new (w);
  LiaisonStoreIntent *intent;

  if (!add_outcome (w, step, item, now, error))
    {
      liaison_sync_work_commit (w, step);
      return;
    }
  liaison_store_step_free (step);
  intent = intent_new (w, item);
  w->intent_of[item->target] = intent;
  g_ptr_array_add (w->intents, intent);
  liaison_store_add_intents_async (w->run->store, w->intents, NULL, on_intent, w);
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
  read_one (w, now, error);
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
  read_one (w, now, error);
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
  read_one (w, now, error);
}

void
liaison_sync_apply_start_undo_delete (LiaisonSyncRun *run, LiaisonSyncItem *item)
{
  Work *w = liaison_sync_work_new (run);

  g_ptr_array_add (w->items, item);
  w->kind = "undo-delete";
  if (item->record == LIAISON_RECORD_TASK)
    liaison_ghl_client_get_task_async (run->ghl, item->ghl_parent, item->ghl_id, NULL, on_ghl_task,
                                       w);
  else if (item->record == LIAISON_RECORD_NOTE)
    liaison_ghl_client_get_note_async (run->ghl, item->ghl_parent, item->ghl_id, NULL, on_ghl_note,
                                       w);
  else
    liaison_ghl_client_get_appointment_async (run->ghl, item->ghl_id, NULL, on_ghl_appointment, w);
}

/* ---- a batch of LeadSquared copies ---- */

typedef struct
{
  LiaisonStoreStep *step; /* what the batch comes to, written once */
  GPtrArray *sent;        /* LiaisonSyncItem (borrowed) whose delete is sent, as w->intents */
  guint next;             /* the next item to read again */
} Batch;

static void
batch_free (Batch *b)
{
  liaison_store_step_free (b->step);
  g_ptr_array_unref (b->sent);
  g_free (b);
}

static void
batch_done (Work *w)
{
  Batch *b = w->undo;

  w->run->lsq_undo_busy = FALSE;
  liaison_sync_work_commit (w, g_steal_pointer (&b->step));
}

static void
on_batch_deleted (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Work *w = user_data;
  Batch *b = w->undo;
  g_autoptr (GError) error = NULL;

  w->run->result->lsq_calls++;
  /* Tasks already gone are not counted, and are what a delete wants. */
  liaison_lsq_client_delete_tasks_finish (LIAISON_LSQ_CLIENT (source), result, &error);
  liaison_sync_work_crash_point (w, "answered");
  for (guint i = 0; i < b->sent->len; i++)
    {
      LiaisonSyncItem *item = g_ptr_array_index (b->sent, i);
      LiaisonStoreIntent *intent = g_ptr_array_index (w->intents, i);

      if (error != NULL)
        add_failure (w, b->step, item, intent, error);
      else
        add_deleted (w, b->step, item, intent, NULL);
    }
  batch_done (w);
}

static void
on_batch_intents (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Work *w = user_data;
  Batch *b = w->undo;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) task_ids = g_ptr_array_new ();

  ids = liaison_store_add_intents_finish (LIAISON_STORE (source), result, &error);
  if (ids == NULL)
    {
      /* Without their intents the deletes are not made. */
      for (guint i = 0; i < b->sent->len; i++)
        liaison_sync_fail (w->run, copy_id (g_ptr_array_index (b->sent, i)), error);
      g_ptr_array_set_size (w->intents, 0);
      batch_done (w);
      return;
    }
  liaison_sync_work_crash_point (w, "intent");
  for (guint i = 0; i < b->sent->len; i++)
    g_ptr_array_add (task_ids, (gpointer) copy_id (g_ptr_array_index (b->sent, i)));
  g_ptr_array_add (task_ids, NULL);
  liaison_lsq_client_delete_tasks_async (w->run->lsq, (const char *const *) task_ids->pdata, NULL,
                                         on_batch_deleted, w);
}

static void batch_read_next (Work *w);

static void
on_batch_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Work *w = user_data;
  Batch *b = w->undo;
  LiaisonSyncItem *item = g_ptr_array_index (w->items, b->next);
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) record
      = liaison_lsq_client_get_task_finish (LIAISON_LSQ_CLIENT (source), result, &error);
  g_autoptr (JsonObject) now = lsq_values (item, record);

  w->run->result->lsq_calls++;
  if (add_outcome (w, b->step, item, now, error))
    {
      g_ptr_array_add (b->sent, item);
      g_ptr_array_add (w->intents, intent_new (w, item));
    }
  b->next++;
  batch_read_next (w);
}

static void
batch_read_next (Work *w)
{
  Batch *b = w->undo;

  if (b->next < w->items->len)
    {
      LiaisonSyncItem *item = g_ptr_array_index (w->items, b->next);

      liaison_lsq_client_get_task_async (w->run->lsq, item->lsq_id, NULL, on_batch_read, w);
      return;
    }
  if (b->sent->len == 0)
    {
      batch_done (w);
      return;
    }
  liaison_store_add_intents_async (w->run->store, w->intents, NULL, on_batch_intents, w);
}

/* Takes up to LIAISON_LSQ_DELETE_TASKS_MAX of the queued LeadSquared deletes of one kind. */
void
liaison_sync_apply_start_undo_batch (LiaisonSyncRun *run)
{
  Work *w = liaison_sync_work_new (run);
  Batch *b = g_new0 (Batch, 1);
  LiaisonRecordKind kind
      = ((LiaisonSyncItem *) g_ptr_array_index (run->lsq_undo_deletes, 0))->record;

  w->kind = "undo-delete";
  w->undo = b;
  w->undo_free = (GDestroyNotify) batch_free;
  b->sent = g_ptr_array_new ();
  for (guint i = 0; i < run->lsq_undo_deletes->len && w->items->len < LIAISON_LSQ_DELETE_TASKS_MAX;)
    {
      LiaisonSyncItem *item = g_ptr_array_index (run->lsq_undo_deletes, i);

      if (item->record != kind)
        {
          i++;
          continue;
        }
      g_ptr_array_add (w->items, g_ptr_array_steal_index (run->lsq_undo_deletes, i));
    }
  b->step = step_new (w);
  batch_read_next (w);
}
