/* liaison-sync-notes.c: see liaison-sync-notes.h.
 *
 * HighLevel has no account-wide feed of notes, only one list per contact, and LeadSquared lists
 * them per lead: so the pass reads the notes of the pairs of contacts that changed since the
 * last pass (or were linked), plus the sweep's stretch, which shares its daily share of the
 * quota with the tasks' sweep (liaison-sync-tasks.c). A note has one field, its text; the
 * content lookup of an unlinked note is its contact and its text.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include <glib/gi18n-lib.h>

#include "liaison-debug.h"
#include "liaison-merge.h"
#include "liaison-note.h"
#include "liaison-sync-activity-ops.h"
#include "liaison-sync-notes-private.h"

void
liaison_sync_note_op_free (NoteOp *op)
{
  g_clear_pointer (&op->link, liaison_store_sync_link_free);
  g_clear_object (&op->lsq);
  g_clear_object (&op->ghl);
  g_free (op->lsq_text);
  g_free (op->ghl_text);
  g_free (op->base);
  g_free (op->write);
  g_free (op);
}

static void
pass_free (NotePass *pass)
{
  g_clear_pointer (&pass->pairs, g_ptr_array_unref);
  g_clear_pointer (&pass->retry, g_array_unref);
  g_clear_pointer (&pass->links_by_lsq, g_hash_table_unref);
  g_clear_pointer (&pass->links_by_ghl, g_hash_table_unref);
  g_clear_pointer (&pass->not_copied, g_hash_table_unref);
  g_clear_pointer (&pass->conflicts, g_hash_table_unref);
  g_clear_pointer (&pass->lsq_notes, g_ptr_array_unref);
  g_clear_pointer (&pass->ghl_notes, g_ptr_array_unref);
  g_clear_pointer (&pass->ops, g_ptr_array_unref);
  g_clear_pointer (&pass->plan_ops, json_array_unref);
  g_clear_pointer (&pass->intent, liaison_store_intent_free);
  g_free (pass->new_id);
  g_clear_error (&pass->write_error);
  g_free (pass);
}

char *
liaison_sync_note_text (LiaisonNote *note)
{
  const char *body = liaison_note_get_body (note);

  return g_strstrip (g_strdup (body != NULL ? body : ""));
}

char *
liaison_sync_note_json_text (const char *text)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);
  return json_to_string (node, FALSE);
}

LiaisonStoreContactPair *
liaison_sync_notes_current_pair (NotePass *pass)
{
  return g_ptr_array_index (pass->pairs, pass->next_pair);
}

static void read_pair (NotePass *pass);

/* ---- the end ---- */

static void
pass_done (gpointer data)
{
  NotePass *pass = data;
  GTask *task = pass->task;
  LiaisonActivityCounts counts = { pass->pairs->len, pass->lsq_reads,  pass->ghl_reads,
                                   pass->lsq_writes, pass->ghl_writes, pass->plan_ops };

  liaison_activity_set_part (pass->run, "notes", &pass->pick, &counts);
  LIAISON_TRACE (LIAISON_DEBUG_SYNC,
                 "notes: %u pairs (%u changed, %u first, %u swept, %u waiting), %u+%u reads",
                 pass->pairs->len, pass->pick.n_changed, pass->pick.n_first, pass->pick.n_swept,
                 pass->pick.n_waiting, pass->lsq_reads, pass->ghl_reads);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

void
liaison_sync_notes_next_pair (NotePass *pass)
{
  liaison_sync_activity_pair_done (pass->run, pass->retry, &pass->failures_seen,
                                   liaison_sync_notes_current_pair (pass));
  pass->next_pair++;
  g_clear_pointer (&pass->lsq_notes, g_ptr_array_unref);
  g_clear_pointer (&pass->ghl_notes, g_ptr_array_unref);
  g_clear_pointer (&pass->ops, g_ptr_array_unref);
  read_pair (pass);
}

/* ---- the plan of a pair ---- */

static void
describe (NotePass *pass, NoteOp *op)
{
  static const char *const actions[] = { "create", "update", "unlink" };
  JsonObject *o = json_object_new ();
  gboolean writes = op->kind == NOTE_CREATE || (op->kind == NOTE_UPDATE && op->write != NULL);

  json_object_set_string_member (o, "kind", "note");
  json_object_set_string_member (o, "action",
                                 op->conflict   ? "conflict"
                                 : op->new_link ? "link"
                                                : actions[op->kind]);
  if (writes)
    json_object_set_string_member (o, "target", liaison_service_to_string (op->target));
  json_object_set_string_member (o, "lsqContact", liaison_sync_notes_current_pair (pass)->lsq_id);
  json_object_set_string_member (o, "ghlContact", liaison_sync_notes_current_pair (pass)->ghl_id);
  if (op->lsq != NULL)
    json_object_set_string_member (o, "lsqNote", liaison_note_get_id (op->lsq));
  if (op->ghl != NULL)
    json_object_set_string_member (o, "ghlNote", liaison_note_get_id (op->ghl));
  json_object_set_int_member (o, "lsqCalls", writes && op->target == LIAISON_SERVICE_LSQ);
  json_object_set_int_member (o, "ghlCalls", writes && op->target == LIAISON_SERVICE_GHL);
  json_array_add_object_element (pass->plan_ops, o);
  if (writes)
    {
      if (op->target == LIAISON_SERVICE_LSQ)
        pass->lsq_writes++;
      else
        pass->ghl_writes++;
    }
}

static void
merge (NotePass *pass, NoteOp *op)
{
  g_autoptr (JsonNode) lsq = json_from_string (op->lsq_text, NULL);
  g_autoptr (JsonNode) ghl = json_from_string (op->ghl_text, NULL);
  g_autoptr (JsonNode) base = op->base ? json_from_string (op->base, NULL) : NULL;
  GPtrArray *list = op->link ? g_hash_table_lookup (pass->conflicts, &op->link->id) : NULL;
  /* A note has one field: its link's latest conflict is the one. */
  LiaisonStoreConflict *c = list != NULL ? g_ptr_array_index (list, list->len - 1) : NULL;
  LiaisonMergeOutcome outcome;
  JsonNode *effective = base;

  if (c != NULL && c->resolved_at > 0)
    {
      op->answered = c->id;
      if (g_strcmp0 (c->resolution, "lsq") == 0)
        effective = ghl;
      else if (g_strcmp0 (c->resolution, "ghl") == 0)
        effective = lsq;
    }
  else if (c != NULL)
    op->open_conflict = c->id;
  outcome = liaison_merge_field (effective, lsq, ghl, LIAISON_SYNC_BOTH, LIAISON_POLICY_ASK, 0, 0);
  if (outcome == LIAISON_MERGE_TAKE_LSQ)
    {
      op->target = LIAISON_SERVICE_GHL;
      op->write = g_strdup (json_node_get_string (lsq));
    }
  else if (outcome == LIAISON_MERGE_TAKE_GHL)
    {
      op->target = LIAISON_SERVICE_LSQ;
      op->write = g_strdup (json_node_get_string (ghl));
    }
  else if (outcome == LIAISON_MERGE_CONFLICT)
    op->conflict = TRUE;
  op->settles = op->open_conflict != 0 && outcome != LIAISON_MERGE_CONFLICT;
}

static NoteOp *
op_new (NoteOpKind kind, LiaisonNote *lsq, LiaisonNote *ghl)
{
  NoteOp *op = g_new0 (NoteOp, 1);

  op->kind = kind;
  op->lsq = lsq ? g_object_ref (lsq) : NULL;
  op->ghl = ghl ? g_object_ref (ghl) : NULL;
  if (lsq != NULL)
    {
      g_autofree char *text = liaison_sync_note_text (lsq);

      op->lsq_text = liaison_sync_note_json_text (text);
    }
  if (ghl != NULL)
    {
      g_autofree char *text = liaison_sync_note_text (ghl);

      op->ghl_text = liaison_sync_note_json_text (text);
    }
  return op;
}

static void
plan_pair (NotePass *pass)
{
  g_autoptr (GHashTable) ghl_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);

  pass->ops = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_sync_note_op_free);
  for (guint i = 0; i < pass->ghl_notes->len; i++)
    {
      LiaisonNote *note = g_ptr_array_index (pass->ghl_notes, i);

      g_hash_table_insert (ghl_by_id, (gpointer) liaison_note_get_id (note), note);
    }
  for (guint i = 0; i < pass->lsq_notes->len; i++)
    {
      LiaisonNote *lsq = g_ptr_array_index (pass->lsq_notes, i);
      g_autofree char *text = liaison_sync_note_text (lsq);
      LiaisonStoreSyncLink *link
          = g_hash_table_lookup (pass->links_by_lsq, liaison_note_get_id (lsq));
      LiaisonNote *ghl = NULL;
      NoteOp *op;

      if (*text == '\0')
        continue; /* an empty note is not carried (LeadSquared refuses one) */
      if (link != NULL)
        {
          ghl = g_hash_table_lookup (ghl_by_id, link->ghl_id);
          g_hash_table_add (taken, link->ghl_id);
          if (ghl == NULL)
            {
              op = op_new (NOTE_UNLINK, lsq, NULL);
              op->link = liaison_store_sync_link_copy (link);
              g_ptr_array_add (pass->ops, op);
              continue;
            }
          op = op_new (NOTE_UPDATE, lsq, ghl);
          op->link = liaison_store_sync_link_copy (link);
          op->base = g_strdup (link->base_snapshot);
          merge (pass, op);
          if (op->write == NULL && !op->conflict && !op->settles && op->answered == 0)
            {
              liaison_sync_note_op_free (op);
              continue;
            }
          g_ptr_array_add (pass->ops, op);
          continue;
        }
      if (liaison_sync_activity_not_copied (pass->not_copied, pass->run->lsq_connection,
                                            liaison_note_get_id (lsq)))
        continue; /* an undo took its copy back */
      /* Content lookup: an unlinked note of the same contact with the same text. */
      for (guint j = 0; j < pass->ghl_notes->len && ghl == NULL; j++)
        {
          LiaisonNote *candidate = g_ptr_array_index (pass->ghl_notes, j);
          const char *id = liaison_note_get_id (candidate);
          g_autofree char *other = NULL;

          if (g_hash_table_contains (pass->links_by_ghl, id) || g_hash_table_contains (taken, id)
              || liaison_sync_activity_not_copied (pass->not_copied, pass->run->ghl_connection, id))
            continue;
          other = liaison_sync_note_text (candidate);
          if (g_str_equal (other, text))
            ghl = candidate;
        }
      if (ghl != NULL)
        {
          g_hash_table_add (taken, (gpointer) liaison_note_get_id (ghl));
          op = op_new (NOTE_UPDATE, lsq, ghl);
          op->new_link = TRUE;
        }
      else
        {
          op = op_new (NOTE_CREATE, lsq, NULL);
          op->target = LIAISON_SERVICE_GHL;
        }
      g_ptr_array_add (pass->ops, op);
    }
  for (guint i = 0; i < pass->ghl_notes->len; i++)
    {
      LiaisonNote *ghl = g_ptr_array_index (pass->ghl_notes, i);
      const char *id = liaison_note_get_id (ghl);
      g_autofree char *text = liaison_sync_note_text (ghl);
      LiaisonStoreSyncLink *link;
      NoteOp *op;

      if (g_hash_table_contains (taken, id) || *text == '\0')
        continue;
      link = g_hash_table_lookup (pass->links_by_ghl, id);
      if (link != NULL)
        {
          op = op_new (NOTE_UNLINK, NULL, ghl);
          op->link = liaison_store_sync_link_copy (link);
        }
      else if (liaison_sync_activity_not_copied (pass->not_copied, pass->run->ghl_connection, id))
        continue; /* an undo took its copy back */
      else
        {
          op = op_new (NOTE_CREATE, NULL, ghl);
          op->target = LIAISON_SERVICE_LSQ;
        }
      g_ptr_array_add (pass->ops, op);
    }
  for (guint i = 0; i < pass->ops->len; i++)
    describe (pass, g_ptr_array_index (pass->ops, i));
  if (pass->run->options.dry_run || pass->ops->len == 0)
    {
      liaison_sync_notes_next_pair (pass);
      return;
    }
  pass->next_op = 0;
  liaison_sync_notes_apply_next (pass);
}

/* ---- reading a pair ---- */

static void
pair_failed (NotePass *pass, GError *error)
{
  LiaisonStoreContactPair *pair = liaison_sync_notes_current_pair (pass);
  g_autofree char *what = g_strdup_printf (_ ("Reading the notes of lead %s and contact %s"),
                                           pair->lsq_id, pair->ghl_id);

  liaison_sync_fail (pass->run, what, error);
  g_error_free (error);
  liaison_sync_notes_next_pair (pass);
}

static void
on_lsq_notes (GObject *source, GAsyncResult *result, gpointer user_data)
{
  NotePass *pass = user_data;
  GError *error = NULL;

  pass->lsq_notes = liaison_lsq_client_list_finish (LIAISON_LSQ_CLIENT (source), result, &error);
  if (pass->lsq_notes == NULL)
    {
      pair_failed (pass, error);
      return;
    }
  plan_pair (pass);
}

static void
on_ghl_notes (GObject *source, GAsyncResult *result, gpointer user_data)
{
  NotePass *pass = user_data;
  GError *error = NULL;

  pass->ghl_notes = liaison_ghl_client_list_finish (LIAISON_GHL_CLIENT (source), result, &error);
  if (pass->ghl_notes == NULL)
    {
      pair_failed (pass, error);
      return;
    }
  pass->lsq_reads++;
  liaison_lsq_client_list_notes_async (pass->run->lsq,
                                       liaison_sync_notes_current_pair (pass)->lsq_id,
                                       g_task_get_cancellable (pass->task), on_lsq_notes, pass);
}

static void
read_pair (NotePass *pass)
{
  if (pass->next_pair >= pass->pairs->len
      || g_cancellable_is_cancelled (g_task_get_cancellable (pass->task)))
    {
      liaison_sync_activity_save_marks (pass->run, &pass->pick, pass->pairs, pass->next_pair,
                                        pass->started_at, pass->retry, pass_done, pass);
      return;
    }
  pass->ghl_reads++;
  liaison_ghl_client_list_notes_async (pass->run->ghl,
                                       liaison_sync_notes_current_pair (pass)->ghl_id,
                                       g_task_get_cancellable (pass->task), on_ghl_notes, pass);
}

/* ---- the pass ---- */

static gboolean
load_state (NotePass *pass, GError **error)
{
  LiaisonSyncRun *run = pass->run;
  g_autoptr (GPtrArray) pending = NULL;

  if (!liaison_sync_activity_load_links (run, LIAISON_RECORD_NOTE, &pass->links_by_lsq,
                                         &pass->links_by_ghl, error))
    return FALSE;
  pass->conflicts = liaison_activity_load_conflicts (run, LIAISON_RECORD_NOTE, error);
  if (pass->conflicts == NULL)
    return FALSE;
  pass->not_copied = liaison_sync_activity_load_not_copied (run, LIAISON_RECORD_NOTE, error);
  if (pass->not_copied == NULL)
    return FALSE;
  /* A crash left these: the content lookup (same contact and text) links what a lost create
   * made, and the merge writes again what an update did not finish. */
  pending = liaison_store_list_pending_intents_of (run->store, LIAISON_RECORD_NOTE, error);
  if (pending == NULL)
    return FALSE;
  if (!run->options.dry_run && pending->len > 0)
    {
      LiaisonStoreStep *step
          = liaison_store_step_new (run->lsq_connection, run->ghl_connection, run->result->run_id);

      step->kind = LIAISON_RECORD_NOTE;
      liaison_activity_close_pending (run, step, pending,
                                      _ ("Interrupted; the next pass compared both services’ "
                                         "notes and wrote only what was still missing"));
      /* Written before any pair is read: the store's queue keeps the order. */
      liaison_store_apply_step_async (run->store, step, NULL, NULL, NULL);
    }
  pass->pick.kind = LIAISON_RECORD_NOTE;
  pass->pairs = liaison_sync_activity_choose_pairs (run, &pass->pick, pass->started_at, error);
  return pass->pairs != NULL;
}

void
liaison_sync_notes_async (LiaisonSyncRun *run, GAsyncReadyCallback callback, gpointer user_data)
{
  NotePass *pass = g_new0 (NotePass, 1);
  GError *error = NULL;

  pass->run = run;
  pass->task = g_task_new (NULL, g_task_get_cancellable (run->task), callback, user_data);
  g_task_set_source_tag (pass->task, liaison_sync_notes_async);
  g_task_set_task_data (pass->task, pass, (GDestroyNotify) pass_free);
  /* Past every stamp the store gave so far: what changes after is "since", what changed before
   * is not. */
  pass->started_at = liaison_store_mark_ms ();
  pass->retry = g_array_new (FALSE, FALSE, sizeof (gint64));
  pass->failures_seen = run->result->n_failed;
  pass->plan_ops = json_array_new ();
  if (!load_state (pass, &error))
    {
      g_prefix_error (&error, _ ("Could not plan the notes: "));
      g_task_return_error (pass->task, error);
      g_clear_object (&pass->task);
      return;
    }
  read_pair (pass);
}

gboolean
liaison_sync_notes_finish (LiaisonSyncRun *run, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
