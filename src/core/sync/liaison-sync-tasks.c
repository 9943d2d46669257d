/* liaison-sync-tasks.c: see liaison-sync-tasks.h. The reads and the plan of each pair of
 * contacts; liaison-sync-tasks-apply.c writes what the plan of a pair asks for.
 *
 * Which pairs are read: those whose contact changed on either service (or was linked) since the
 * last pass, and a stretch of the slow sweep over every link, which spends at most a share of
 * HighLevel's daily quota (neither service lists tasks account-wide by modification).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include <glib/gi18n-lib.h>

#include "liaison-appointment-codec.h"
#include "liaison-appointment.h"
#include "liaison-debug.h"
#include "liaison-store-activity.h"
#include "liaison-sync-activity-ops.h"
#include "liaison-sync-tasks-private.h"
#include "liaison-task-codec.h"

static const char *const task_fields[] = { "title", "description", "due", "completed" };

JsonObject *
liaison_sync_task_values (LiaisonTask *task)
{
  JsonObject *values = json_object_new ();
  const char *raw_title = liaison_task_get_title (task);
  const char *raw_body = liaison_task_get_body (task);
  g_autofree char *title = g_strstrip (g_strdup (raw_title != NULL ? raw_title : ""));
  g_autofree char *body = g_strstrip (g_strdup (raw_body != NULL ? raw_body : ""));
  GDateTime *due = liaison_task_get_due_date (task);

  json_object_set_string_member (values, "title", title);
  if (*body != '\0')
    json_object_set_string_member (values, "description", body);
  else
    json_object_set_null_member (values, "description");
  if (due != NULL)
    {
      g_autoptr (GDateTime) utc = g_date_time_to_utc (due);
      g_autofree char *text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");

      json_object_set_string_member (values, "due", text);
    }
  else
    json_object_set_null_member (values, "due");
  json_object_set_boolean_member (values, "completed", liaison_task_get_completed (task));
  return values;
}

/* ---- the pass ---- */

void
liaison_sync_task_op_free (TaskOp *op)
{
  if (op == NULL)
    return;
  g_clear_pointer (&op->link, liaison_store_sync_link_free);
  g_clear_object (&op->lsq);
  g_clear_object (&op->ghl);
  g_clear_pointer (&op->lsq_values, json_object_unref);
  g_clear_pointer (&op->ghl_values, json_object_unref);
  g_clear_pointer (&op->base, json_object_unref);
  g_clear_pointer (&op->to_lsq, json_object_unref);
  g_clear_pointer (&op->to_ghl, json_object_unref);
  g_clear_pointer (&op->conflicts, g_ptr_array_unref);
  g_clear_pointer (&op->conflicts_closed, g_array_unref);
  g_clear_pointer (&op->conflicts_applied, g_array_unref);
  g_free (op->reason);
  g_free (op->cause);
  g_free (op->lsq_contact);
  g_free (op->ghl_contact);
  g_free (op);
}

static void
pass_free (TaskPass *pass)
{
  g_clear_pointer (&pass->pairs, g_ptr_array_unref);
  g_clear_pointer (&pass->retry, g_array_unref);
  g_clear_pointer (&pass->links_by_lsq, g_hash_table_unref);
  g_clear_pointer (&pass->links_by_ghl, g_hash_table_unref);
  g_clear_pointer (&pass->conflicts, g_hash_table_unref);
  g_clear_pointer (&pass->known_todos, g_hash_table_unref);
  g_clear_pointer (&pass->known_other, g_hash_table_unref);
  g_clear_pointer (&pass->not_copied, g_hash_table_unref);
  g_clear_pointer (&pass->pending, g_ptr_array_unref);
  g_clear_pointer (&pass->ops, g_ptr_array_unref);
  g_clear_pointer (&pass->lsq_tasks, g_ptr_array_unref);
  g_clear_pointer (&pass->ghl_tasks, g_ptr_array_unref);
  g_clear_pointer (&pass->summaries, g_ptr_array_unref);
  g_clear_pointer (&pass->records, g_ptr_array_unref);
  g_clear_pointer (&pass->plan_ops, json_array_unref);
  g_free (pass->lsq_type);
  g_free (pass);
}

static void read_pair (TaskPass *pass);

/* The pairs to read: the changed ones, then the sweep's stretch. */
static gboolean
choose_pairs (TaskPass *pass, GError **error)
{
  pass->pick.kind = LIAISON_RECORD_TASK;
  pass->pairs
      = liaison_sync_activity_choose_pairs (pass->run, &pass->pick, pass->started_at, error);
  return pass->pairs != NULL;
}

static gboolean
load_state (TaskPass *pass, GError **error)
{
  LiaisonSyncRun *run = pass->run;

  if (!liaison_sync_activity_load_links (run, LIAISON_RECORD_TASK, &pass->links_by_lsq,
                                         &pass->links_by_ghl, error))
    return FALSE;
  pass->conflicts = liaison_activity_load_conflicts (run, LIAISON_RECORD_TASK, error);
  if (pass->conflicts == NULL)
    return FALSE;

  pass->known_todos
      = liaison_store_list_cached_ids (run->store, run->lsq_connection, LIAISON_RECORD_TASK, error);
  pass->known_other = pass->known_todos ? liaison_store_list_cached_ids (
                          run->store, run->lsq_connection, LIAISON_RECORD_APPOINTMENT, error)
                                        : NULL;
  pass->not_copied = pass->known_other
                         ? liaison_sync_activity_load_not_copied (run, LIAISON_RECORD_TASK, error)
                         : NULL;
  pass->pending
      = pass->not_copied
            ? liaison_store_list_pending_intents_of (run->store, LIAISON_RECORD_TASK, error)
            : NULL;
  return pass->pending != NULL;
}

static void
pass_done (TaskPass *pass)
{
  GTask *task = pass->task;
  LiaisonActivityCounts counts = { pass->pairs->len, pass->lsq_reads,  pass->ghl_reads,
                                   pass->lsq_writes, pass->ghl_writes, pass->plan_ops };

  liaison_activity_set_part (pass->run, "tasks", &pass->pick, &counts);
  LIAISON_TRACE (
      LIAISON_DEBUG_SYNC,
      "tasks: %u pairs (%u changed, %u first, %u swept, %u waiting), %u+%u reads, %u+%u writes",
      pass->pairs->len, pass->pick.n_changed, pass->pick.n_first, pass->pick.n_swept,
      pass->pick.n_waiting, pass->lsq_reads, pass->ghl_reads, pass->lsq_writes, pass->ghl_writes);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
marks_saved (gpointer data)
{
  pass_done (data);
}

/* Remembers where the next pass starts: the changed-since mark and the pairs to read again, the
 * sweep's cursor and what it spent today. */
static void
save_marks (TaskPass *pass)
{
  liaison_sync_activity_save_marks (pass->run, &pass->pick, pass->pairs, pass->next_pair,
                                    pass->started_at, pass->retry, marks_saved, pass);
}

/* ---- one pair: read ---- */

static void
pair_failed (TaskPass *pass, const GError *error)
{
  LiaisonStoreContactPair *pair = g_ptr_array_index (pass->pairs, pass->next_pair);
  g_autofree char *what = g_strdup_printf (_ ("Reading the tasks of lead %s and contact %s"),
                                           pair->lsq_id, pair->ghl_id);

  liaison_sync_fail (pass->run, what, error);
  liaison_sync_tasks_next_pair (pass);
}

void
liaison_sync_tasks_next_pair (TaskPass *pass)
{
  liaison_sync_activity_pair_done (pass->run, pass->retry, &pass->failures_seen,
                                   g_ptr_array_index (pass->pairs, pass->next_pair));
  pass->next_pair++;
  g_clear_pointer (&pass->lsq_tasks, g_ptr_array_unref);
  g_clear_pointer (&pass->ghl_tasks, g_ptr_array_unref);
  g_clear_pointer (&pass->summaries, g_ptr_array_unref);
  g_clear_pointer (&pass->ops, g_ptr_array_unref);
  read_pair (pass);
}

static void plan_pair (TaskPass *pass);

static void fetch_next_detail (TaskPass *pass);

static void
on_detail (GObject *source, GAsyncResult *result, gpointer user_data)
{
  TaskPass *pass = user_data;
  LiaisonStoreContactPair *pair = g_ptr_array_index (pass->pairs, pass->next_pair);
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) item
      = liaison_lsq_client_get_task_finish (LIAISON_LSQ_CLIENT (source), result, &error);

  if (item == NULL && !g_error_matches (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_FOUND))
    {
      pair_failed (pass, error);
      return;
    }
  if (LIAISON_IS_TASK (item))
    {
      LiaisonTask *task = LIAISON_TASK (item);
      LiaisonStoreRecord *record;

      if (liaison_task_get_contact_id (task) == NULL)
        liaison_task_set_contact_id (task, pair->lsq_id);
      record = liaison_task_codec_to_record (task, pair->lsq_id);
      if (record != NULL)
        {
          record->connection_id = g_strdup (pass->run->lsq_connection);
          g_ptr_array_add (pass->records, record);
        }
      g_ptr_array_add (pass->lsq_tasks, g_object_ref (task));
    }
  else if (LIAISON_IS_APPOINTMENT (item))
    {
      /* Remembered, so that its summary is not read in full again. */
      LiaisonStoreRecord *record = liaison_appointment_codec_to_record (LIAISON_APPOINTMENT (item));

      if (record != NULL)
        {
          record->connection_id = g_strdup (pass->run->lsq_connection);
          if (record->parent_id == NULL)
            record->parent_id = g_strdup (pair->lsq_id);
          g_ptr_array_add (pass->records, record);
        }
    }
  pass->next_detail++;
  fetch_next_detail (pass);
}

/* A summary of RetrieveTaskByLeadId has no category: a task never seen before is read in full
 * once to tell a to-do from an appointment. */
static void
fetch_next_detail (TaskPass *pass)
{
  LiaisonSyncRun *run = pass->run;
  LiaisonStoreContactPair *pair = g_ptr_array_index (pass->pairs, pass->next_pair);

  while (pass->next_detail < pass->summaries->len)
    {
      LiaisonTask *summary = g_ptr_array_index (pass->summaries, pass->next_detail);
      const char *id = liaison_task_get_id (summary);

      if (g_hash_table_contains (pass->known_other, id))
        {
          pass->next_detail++;
          continue;
        }
      if (g_hash_table_contains (pass->known_todos, id)
          || g_hash_table_contains (pass->links_by_lsq, id))
        {
          if (liaison_task_get_contact_id (summary) == NULL)
            liaison_task_set_contact_id (summary, pair->lsq_id);
          g_ptr_array_add (pass->lsq_tasks, g_object_ref (summary));
          pass->next_detail++;
          continue;
        }
      pass->lsq_reads++;
      liaison_lsq_client_get_task_async (run->lsq, id, g_task_get_cancellable (pass->task),
                                         on_detail, pass);
      return;
    }
  plan_pair (pass);
}

static void
on_lsq_tasks (GObject *source, GAsyncResult *result, gpointer user_data)
{
  TaskPass *pass = user_data;
  GError *error = NULL;

  pass->summaries = liaison_lsq_client_list_finish (LIAISON_LSQ_CLIENT (source), result, &error);
  if (pass->summaries == NULL)
    {
      pair_failed (pass, error);
      g_error_free (error);
      return;
    }
  pass->lsq_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  pass->next_detail = 0;
  fetch_next_detail (pass);
}

static void
on_ghl_tasks (GObject *source, GAsyncResult *result, gpointer user_data)
{
  TaskPass *pass = user_data;
  LiaisonStoreContactPair *pair = g_ptr_array_index (pass->pairs, pass->next_pair);
  GError *error = NULL;

  pass->ghl_tasks = liaison_ghl_client_list_finish (LIAISON_GHL_CLIENT (source), result, &error);
  if (pass->ghl_tasks == NULL)
    {
      pair_failed (pass, error);
      g_error_free (error);
      return;
    }
  for (guint i = 0; i < pass->ghl_tasks->len; i++)
    {
      LiaisonTask *task = g_ptr_array_index (pass->ghl_tasks, i);

      if (liaison_task_get_contact_id (task) == NULL)
        liaison_task_set_contact_id (task, pair->ghl_id);
    }
  pass->lsq_reads++;
  liaison_lsq_client_list_lead_tasks_async (
      pass->run->lsq, pair->lsq_id, FALSE, g_task_get_cancellable (pass->task), on_lsq_tasks, pass);
}

static void
read_pair (TaskPass *pass)
{
  LiaisonSyncRun *run = pass->run;
  LiaisonStoreContactPair *pair;

  if (pass->next_pair >= pass->pairs->len
      || g_cancellable_is_cancelled (g_task_get_cancellable (pass->task)))
    {
      liaison_sync_tasks_flush_records (pass, save_marks);
      return;
    }
  pair = g_ptr_array_index (pass->pairs, pass->next_pair);
  pass->ghl_reads++;
  liaison_ghl_client_list_tasks_async (run->ghl, pair->ghl_id, g_task_get_cancellable (pass->task),
                                       on_ghl_tasks, pass);
}

/* ---- one pair: plan ---- */

/* LeadSquared has no call that reopens a completed task. */
static gboolean
lsq_refuses (const char *field, JsonNode *lsq, JsonNode *value)
{
  return g_str_equal (field, "completed") && JSON_NODE_HOLDS_VALUE (value)
         && !json_node_get_boolean (value) && JSON_NODE_HOLDS_VALUE (lsq)
         && json_node_get_boolean (lsq);
}

/* The three-way merge of a linked (or just matched) pair of tasks, field by field
 * (liaison-sync-activity-ops.c). */
static void
merge_op (TaskPass *pass, TaskOp *op)
{
  GPtrArray *conflicts = op->link ? g_hash_table_lookup (pass->conflicts, &op->link->id) : NULL;
  LiaisonActivityMerge merge = { 0 };

  liaison_activity_merge_fields (
      &merge, task_fields, G_N_ELEMENTS (task_fields), conflicts, op->lsq_values, op->ghl_values,
      op->base, liaison_task_get_id (op->lsq), liaison_task_get_id (op->ghl), lsq_refuses);
  op->to_lsq = g_steal_pointer (&merge.to_lsq);
  op->to_ghl = g_steal_pointer (&merge.to_ghl);
  op->conflicts = g_steal_pointer (&merge.conflicts);
  op->conflicts_closed = g_steal_pointer (&merge.conflicts_closed);
  op->conflicts_applied = g_steal_pointer (&merge.conflicts_applied);
  op->cannot_reopen = merge.refused;
}

static gboolean
same_content (JsonObject *a, JsonObject *b)
{
  return liaison_activity_same_value (liaison_activity_member (a, "title"),
                                      liaison_activity_member (b, "title"))
         && liaison_activity_same_value (liaison_activity_member (a, "due"),
                                         liaison_activity_member (b, "due"));
}

static TaskOp *
op_new (TaskOpKind kind, LiaisonStoreContactPair *pair)
{
  TaskOp *op = g_new0 (TaskOp, 1);

  op->kind = kind;
  op->lsq_contact = g_strdup (pair->lsq_id);
  op->ghl_contact = g_strdup (pair->ghl_id);
  return op;
}

static void
plan_pair (TaskPass *pass)
{
  LiaisonStoreContactPair *pair = g_ptr_array_index (pass->pairs, pass->next_pair);
  g_autoptr (GHashTable) ghl_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) ghl_taken = g_hash_table_new (g_str_hash, g_str_equal);

  pass->ops = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_sync_task_op_free);
  for (guint i = 0; i < pass->ghl_tasks->len; i++)
    {
      LiaisonTask *task = g_ptr_array_index (pass->ghl_tasks, i);

      g_hash_table_insert (ghl_by_id, (gpointer) liaison_task_get_id (task), task);
    }

  for (guint i = 0; i < pass->lsq_tasks->len; i++)
    {
      LiaisonTask *lsq = g_ptr_array_index (pass->lsq_tasks, i);
      LiaisonStoreSyncLink *link
          = g_hash_table_lookup (pass->links_by_lsq, liaison_task_get_id (lsq));
      g_autoptr (JsonObject) lsq_values = liaison_sync_task_values (lsq);
      LiaisonTask *ghl = NULL;
      TaskOp *op;

      if (link != NULL)
        {
          ghl = g_hash_table_lookup (ghl_by_id, link->ghl_id);
          g_hash_table_add (ghl_taken, link->ghl_id);
          if (ghl == NULL)
            {
              op = op_new (TASK_OP_UNLINK, pair);
              op->link = liaison_store_sync_link_copy (link);
              op->lsq = g_object_ref (lsq);
              op->reason = g_strdup (_ ("The HighLevel task is gone; the LeadSquared task stays"));
              op->cause = g_strdup ("ghl-gone");
              g_ptr_array_add (pass->ops, op);
              continue;
            }
        }
      else if (liaison_sync_activity_not_copied (pass->not_copied, pass->run->lsq_connection,
                                                 liaison_task_get_id (lsq)))
        continue; /* an undo took its copy back */
      else
        {
          /* Content lookup: an unlinked HighLevel task of the same contact with the same title
           * and due time is this task's counterpart, made by a person or by a write whose
           * answer was lost. */
          for (guint j = 0; j < pass->ghl_tasks->len && ghl == NULL; j++)
            {
              LiaisonTask *candidate = g_ptr_array_index (pass->ghl_tasks, j);
              const char *id = liaison_task_get_id (candidate);
              g_autoptr (JsonObject) values = NULL;

              if (g_hash_table_contains (pass->links_by_ghl, id)
                  || g_hash_table_contains (ghl_taken, id)
                  || liaison_sync_activity_not_copied (pass->not_copied, pass->run->ghl_connection,
                                                       id))
                continue;
              values = liaison_sync_task_values (candidate);
              if (same_content (lsq_values, values))
                ghl = candidate;
            }
          if (ghl == NULL)
            {
              op = op_new (TASK_OP_CREATE, pair);
              op->target = LIAISON_SERVICE_GHL;
              op->lsq = g_object_ref (lsq);
              op->lsq_values = json_object_ref (lsq_values);
              op->cause = g_strdup ("lsq-new");
              g_ptr_array_add (pass->ops, op);
              continue;
            }
          g_hash_table_add (ghl_taken, (gpointer) liaison_task_get_id (ghl));
        }

      op = op_new (TASK_OP_UPDATE, pair);
      op->lsq = g_object_ref (lsq);
      op->ghl = g_object_ref (ghl);
      op->lsq_values = json_object_ref (lsq_values);
      op->ghl_values = liaison_sync_task_values (ghl);
      if (link != NULL)
        {
          g_autoptr (JsonNode) base
              = link->base_snapshot ? json_from_string (link->base_snapshot, NULL) : NULL;

          op->link = liaison_store_sync_link_copy (link);
          if (base != NULL && JSON_NODE_HOLDS_OBJECT (base))
            op->base = json_object_ref (json_node_get_object (base));
        }
      else
        {
          op->new_link = TRUE;
          op->cause = g_strdup ("matched-content");
        }
      merge_op (pass, op);
      if (!op->new_link && json_object_get_size (op->to_lsq) == 0
          && json_object_get_size (op->to_ghl) == 0 && op->conflicts->len == 0
          && op->conflicts_closed->len == 0 && op->conflicts_applied->len == 0)
        {
          /* Nothing changed: nothing is written, not even locally. */
          liaison_sync_task_op_free (op);
          continue;
        }
      g_ptr_array_add (pass->ops, op);
    }

  for (guint i = 0; i < pass->ghl_tasks->len; i++)
    {
      LiaisonTask *ghl = g_ptr_array_index (pass->ghl_tasks, i);
      const char *id = liaison_task_get_id (ghl);
      LiaisonStoreSyncLink *link;
      TaskOp *op;

      if (g_hash_table_contains (ghl_taken, id))
        continue;
      link = g_hash_table_lookup (pass->links_by_ghl, id);
      if (link != NULL)
        {
          op = op_new (TASK_OP_UNLINK, pair);
          op->link = liaison_store_sync_link_copy (link);
          op->ghl = g_object_ref (ghl);
          op->reason = g_strdup (_ ("The LeadSquared task is gone; the HighLevel task stays"));
          op->cause = g_strdup ("lsq-gone");
        }
      else if (liaison_sync_activity_not_copied (pass->not_copied, pass->run->ghl_connection, id))
        continue; /* an undo took its copy back */
      else
        {
          op = op_new (TASK_OP_CREATE, pair);
          op->target = LIAISON_SERVICE_LSQ;
          op->ghl = g_object_ref (ghl);
          op->ghl_values = liaison_sync_task_values (ghl);
          op->cause = g_strdup ("ghl-new");
        }
      g_ptr_array_add (pass->ops, op);
    }

  for (guint i = 0; i < pass->ops->len; i++)
    liaison_sync_tasks_describe (pass, g_ptr_array_index (pass->ops, i));
  if (pass->run->options.dry_run || pass->ops->len == 0)
    {
      liaison_sync_tasks_next_pair (pass);
      return;
    }
  pass->next_op = 0;
  liaison_sync_tasks_apply_next (pass);
}

/* ---- the whole pass ---- */

void
liaison_sync_tasks_async (LiaisonSyncRun *run, GAsyncReadyCallback callback, gpointer user_data)
{
  TaskPass *pass = g_new0 (TaskPass, 1);
  GError *error = NULL;

  pass->run = run;
  pass->task = g_task_new (NULL, g_task_get_cancellable (run->task), callback, user_data);
  g_task_set_source_tag (pass->task, liaison_sync_tasks_async);
  g_task_set_task_data (pass->task, pass, (GDestroyNotify) pass_free);
  /* Past every stamp the store gave so far: what changes after is "since", what changed before
   * is not. */
  pass->started_at = liaison_store_mark_ms ();
  pass->retry = g_array_new (FALSE, FALSE, sizeof (gint64));
  pass->failures_seen = run->result->n_failed;
  pass->records = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
  pass->plan_ops = json_array_new ();
  pass->lsq_type = liaison_store_get_setting (run->store, LIAISON_SETTING_TASKS_LSQ_TYPE, NULL);
  if (pass->lsq_type == NULL || *pass->lsq_type == '\0')
    {
      g_free (pass->lsq_type);
      pass->lsq_type = g_strdup ("Follow Up");
    }
  if (!load_state (pass, &error) || !choose_pairs (pass, &error))
    {
      g_prefix_error (&error, _ ("Could not plan the tasks: "));
      g_task_return_error (pass->task, error);
      g_clear_object (&pass->task);
      return;
    }
  liaison_sync_tasks_close_pending (pass, read_pair);
}

gboolean
liaison_sync_tasks_finish (LiaisonSyncRun *run, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
