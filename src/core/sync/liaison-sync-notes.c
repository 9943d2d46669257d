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
#include "liaison-note-codec.h"
#include "liaison-note.h"
#include "liaison-sync-notes.h"
#include "liaison-sync-tasks.h"

typedef enum
{
  NOTE_CREATE,
  NOTE_UPDATE,
  NOTE_UNLINK,
} NoteOpKind;

typedef struct
{
  NoteOpKind kind;
  LiaisonService target; /* CREATE, and the side an UPDATE writes */
  LiaisonStoreSyncLink *link;
  LiaisonNote *lsq, *ghl;
  char *lsq_text, *ghl_text, *base; /* canonical texts; base: JSON value text or NULL */
  char *write;                      /* UPDATE: the text to write on target */
  gboolean conflict, new_link, settles;
  gint64 open_conflict; /* id of the link's open conflict, or 0 */
  gint64 answered;      /* id of the answered conflict this op applies, or 0 */
} NoteOp;

typedef struct
{
  LiaisonSyncRun *run;
  GTask *task;
  gint64 started_at;
  GPtrArray *pairs;
  guint next_pair, n_changed, n_swept, n_unread;
  gint64 sweep_cursor;
  GHashTable *links_by_lsq, *links_by_ghl;
  GHashTable *conflicts; /* link id -> LiaisonStoreConflict on "text" */
  GPtrArray *lsq_notes, *ghl_notes;
  GPtrArray *ops;
  guint next_op;
  guint lsq_reads, ghl_reads, lsq_writes, ghl_writes;
  JsonArray *plan_ops;
  /* the operation in flight */
  LiaisonStoreIntent *intent;
  char *new_id;
  GError *write_error;
} NotePass;

static void
note_op_free (NoteOp *op)
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
  g_clear_pointer (&pass->links_by_lsq, g_hash_table_unref);
  g_clear_pointer (&pass->links_by_ghl, g_hash_table_unref);
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

static char *
json_text (const char *text)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);
  return json_to_string (node, FALSE);
}

static LiaisonStoreContactPair *
current_pair (NotePass *pass)
{
  return g_ptr_array_index (pass->pairs, pass->next_pair);
}

static void read_pair (NotePass *pass);
static void apply_next (NotePass *pass);

/* ---- the end ---- */

static void
pass_done (gpointer data)
{
  NotePass *pass = data;
  LiaisonSyncRun *run = pass->run;
  GTask *task = pass->task;
  JsonObject *notes = json_object_new ();
  JsonObject *reads = json_object_new ();
  JsonObject *calls = json_object_new ();

  json_object_set_int_member (notes, "pairs", pass->pairs->len);
  json_object_set_int_member (notes, "changedPairs", pass->n_changed);
  json_object_set_int_member (notes, "sweptPairs", pass->n_swept);
  json_object_set_int_member (reads, "lsq", pass->lsq_reads);
  json_object_set_int_member (reads, "ghl", pass->ghl_reads);
  json_object_set_object_member (notes, "reads", reads);
  json_object_set_int_member (calls, "lsq", pass->lsq_writes);
  json_object_set_int_member (calls, "ghl", pass->ghl_writes);
  json_object_set_object_member (notes, "calls", calls);
  json_object_set_array_member (notes, "operations", json_array_ref (pass->plan_ops));
  if (run->result->activity == NULL)
    {
      run->result->activity = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (run->result->activity, json_object_new ());
    }
  json_object_set_object_member (json_node_get_object (run->result->activity), "notes", notes);
  run->result->lsq_calls += pass->lsq_reads;
  run->result->ghl_calls += pass->ghl_reads;
  LIAISON_TRACE (LIAISON_DEBUG_SYNC, "notes: %u pairs (%u changed, %u swept), %u+%u reads",
                 pass->pairs->len, pass->n_changed, pass->n_swept, pass->lsq_reads,
                 pass->ghl_reads);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
next_pair (NotePass *pass)
{
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
  json_object_set_string_member (o, "lsqContact", current_pair (pass)->lsq_id);
  json_object_set_string_member (o, "ghlContact", current_pair (pass)->ghl_id);
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
  LiaisonStoreConflict *c = op->link ? g_hash_table_lookup (pass->conflicts, &op->link->id) : NULL;
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

      op->lsq_text = json_text (text);
    }
  if (ghl != NULL)
    {
      g_autofree char *text = liaison_sync_note_text (ghl);

      op->ghl_text = json_text (text);
    }
  return op;
}

static void
plan_pair (NotePass *pass)
{
  g_autoptr (GHashTable) ghl_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);

  pass->ops = g_ptr_array_new_with_free_func ((GDestroyNotify) note_op_free);
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
              note_op_free (op);
              continue;
            }
          g_ptr_array_add (pass->ops, op);
          continue;
        }
      /* Content lookup: an unlinked note of the same contact with the same text. */
      for (guint j = 0; j < pass->ghl_notes->len && ghl == NULL; j++)
        {
          LiaisonNote *candidate = g_ptr_array_index (pass->ghl_notes, j);
          const char *id = liaison_note_get_id (candidate);
          g_autofree char *other = NULL;

          if (g_hash_table_contains (pass->links_by_ghl, id) || g_hash_table_contains (taken, id))
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
      next_pair (pass);
      return;
    }
  pass->next_op = 0;
  apply_next (pass);
}

/* ---- the writes ---- */

static LiaisonStoreOperation *
operation (NotePass *pass, LiaisonService service, const char *lsq_id, const char *ghl_id,
           LiaisonOperationAction action, const char *before, const char *after,
           const GError *error, const char *cause)
{
  LiaisonStoreOperation *o = g_new0 (LiaisonStoreOperation, 1);

  o->run_id = pass->run->result->run_id;
  o->service = service;
  o->lsq_id = g_strdup (lsq_id);
  o->ghl_id = g_strdup (ghl_id);
  o->action = action;
  o->field = action == LIAISON_OPERATION_UPDATE || action == LIAISON_OPERATION_CONFLICT
                 ? g_strdup ("text")
                 : NULL;
  o->before = g_strdup (before);
  o->after = g_strdup (after);
  o->status = error ? LIAISON_OPERATION_FAILED : LIAISON_OPERATION_APPLIED;
  o->error = error ? g_strdup (error->message) : NULL;
  o->cause = g_strdup (cause);
  return o;
}

static void
cache_note (NotePass *pass, LiaisonStoreStep *step, LiaisonService side, const char *id,
            const char *contact, const char *text)
{
  g_autoptr (LiaisonNote) note = liaison_note_new ();
  LiaisonStoreRecord *record;

  liaison_note_set_id (note, id);
  liaison_note_set_contact_id (note, contact);
  liaison_note_set_body (note, text);
  record = liaison_note_codec_to_record (note, contact);
  if (record == NULL)
    return;
  record->connection_id = g_strdup (side == LIAISON_SERVICE_LSQ ? pass->run->lsq_connection
                                                                : pass->run->ghl_connection);
  g_ptr_array_add (step->records, record);
}

static void
on_step (GObject *source, GAsyncResult *result, gpointer user_data)
{
  NotePass *pass = user_data;
  g_autoptr (GError) error = NULL;

  if (!liaison_store_apply_step_finish (LIAISON_STORE (source), result, &error))
    liaison_sync_fail (pass->run, _ ("Recording a note sync step"), error);
  liaison_sync_engine_crash_point (pass->run->engine, "note-step");
  pass->next_op++;
  apply_next (pass);
}

static void
record_op (NotePass *pass)
{
  LiaisonSyncRun *run = pass->run;
  NoteOp *op = g_ptr_array_index (pass->ops, pass->next_op);
  LiaisonStoreContactPair *pair = current_pair (pass);
  LiaisonStoreStep *step
      = liaison_store_step_new (run->lsq_connection, run->ghl_connection, run->result->run_id);
  const char *lsq_id = op->lsq ? liaison_note_get_id (op->lsq) : NULL;
  const char *ghl_id = op->ghl ? liaison_note_get_id (op->ghl) : NULL;
  gboolean written = pass->intent != NULL && pass->write_error == NULL;

  step->kind = LIAISON_RECORD_NOTE;
  if (pass->intent != NULL)
    {
      if (written)
        g_array_append_val (step->intents_done, pass->intent->id);
      else
        {
          LiaisonStoreIntent *failed = g_new0 (LiaisonStoreIntent, 1);

          failed->id = pass->intent->id;
          failed->payload = g_strdup (pass->write_error->message);
          g_ptr_array_add (step->intents_failed, failed);
          liaison_sync_fail (run,
                             op->target == LIAISON_SERVICE_LSQ ? _ ("Writing a LeadSquared note")
                                                               : _ ("Writing a HighLevel note"),
                             pass->write_error);
        }
    }
  if (op->kind == NOTE_CREATE)
    {
      const char *text_json = op->lsq ? op->lsq_text : op->ghl_text;

      if (op->target == LIAISON_SERVICE_GHL)
        ghl_id = pass->new_id;
      else
        lsq_id = pass->new_id;
      g_ptr_array_add (step->operations,
                       operation (pass, op->target, lsq_id, ghl_id, LIAISON_OPERATION_CREATE, NULL,
                                  text_json, pass->write_error, op->lsq ? "lsq-new" : "ghl-new"));
      if (written && lsq_id != NULL && ghl_id != NULL)
        {
          LiaisonStoreSyncLink link = { 0 };
          g_autoptr (JsonNode) node = json_from_string (text_json, NULL);

          link.origin = LIAISON_LINK_CREATED;
          link.lsq_id = (char *) lsq_id;
          link.ghl_id = (char *) ghl_id;
          link.base_snapshot = (char *) text_json;
          g_ptr_array_add (step->links, liaison_store_sync_link_copy (&link));
          cache_note (pass, step, LIAISON_SERVICE_LSQ, lsq_id, pair->lsq_id,
                      json_node_get_string (node));
          cache_note (pass, step, LIAISON_SERVICE_GHL, ghl_id, pair->ghl_id,
                      json_node_get_string (node));
          run->result->n_created++;
        }
    }
  else if (op->kind == NOTE_UNLINK)
    {
      LiaisonStoreRecord *gone = liaison_store_record_new (
          LIAISON_RECORD_NOTE, op->lsq ? op->link->ghl_id : op->link->lsq_id, "{}");

      gone->connection_id = g_strdup (op->lsq ? run->ghl_connection : run->lsq_connection);
      g_ptr_array_add (step->records_gone, gone);
      g_ptr_array_add (step->operations,
                       operation (pass, op->lsq ? LIAISON_SERVICE_LSQ : LIAISON_SERVICE_GHL,
                                  op->link->lsq_id, op->link->ghl_id, LIAISON_OPERATION_UNLINK,
                                  NULL, NULL, NULL, op->lsq ? "ghl-gone" : "lsq-gone"));
      g_array_append_val (step->links_removed, op->link->id);
      run->result->n_unlinked++;
    }
  else
    {
      LiaisonStoreSyncLink link = { 0 };
      g_autofree char *after = op->write ? json_text (op->write) : NULL;
      const char *base = op->conflict        ? op->base
                         : op->write == NULL ? op->lsq_text
                         : written           ? after
                                             : op->base;

      if (op->new_link)
        {
          g_ptr_array_add (step->operations,
                           operation (pass, LIAISON_SERVICE_LSQ, lsq_id, ghl_id,
                                      LIAISON_OPERATION_LINK, NULL, NULL, NULL, "matched-content"));
          run->result->n_linked++;
        }
      if (op->write != NULL)
        {
          g_ptr_array_add (
              step->operations,
              operation (pass, op->target, lsq_id, ghl_id, LIAISON_OPERATION_UPDATE,
                         op->target == LIAISON_SERVICE_LSQ ? op->lsq_text : op->ghl_text, after,
                         pass->write_error,
                         op->target == LIAISON_SERVICE_LSQ ? "ghl-changed" : "lsq-changed"));
          if (written)
            {
              run->result->n_updated++;
              cache_note (
                  pass, step, op->target, op->target == LIAISON_SERVICE_LSQ ? lsq_id : ghl_id,
                  op->target == LIAISON_SERVICE_LSQ ? pair->lsq_id : pair->ghl_id, op->write);
            }
        }
      if (op->conflict)
        {
          LiaisonStoreConflict *c = g_new0 (LiaisonStoreConflict, 1);

          c->kind = LIAISON_CONFLICT_FIELD;
          c->lsq_id = g_strdup (lsq_id);
          c->ghl_id = g_strdup (ghl_id);
          c->field = g_strdup ("text");
          c->base_value = g_strdup (op->base ? op->base : "null");
          c->lsq_value = g_strdup (op->lsq_text);
          c->ghl_value = g_strdup (op->ghl_text);
          g_ptr_array_add (step->conflicts, c);
          g_ptr_array_add (step->operations, operation (pass, LIAISON_SERVICE_LSQ, lsq_id, ghl_id,
                                                        LIAISON_OPERATION_CONFLICT, NULL, NULL,
                                                        NULL, "both-changed"));
          run->result->n_conflicts++;
        }
      if (op->settles)
        {
          LiaisonStoreConflict *c = g_new0 (LiaisonStoreConflict, 1);

          c->id = op->open_conflict;
          c->resolution = g_strdup ("dismissed");
          g_ptr_array_add (step->conflicts_closed, c);
        }
      if (op->answered != 0 && (op->write == NULL || written))
        g_array_append_val (step->conflicts_applied, op->answered);
      link.id = op->link ? op->link->id : 0;
      link.origin = LIAISON_LINK_MATCHED;
      link.lsq_id = (char *) lsq_id;
      link.ghl_id = (char *) ghl_id;
      link.base_snapshot = (char *) base;
      g_ptr_array_add (step->links, liaison_store_sync_link_copy (&link));
    }
  g_clear_pointer (&pass->intent, liaison_store_intent_free);
  g_clear_pointer (&pass->new_id, g_free);
  g_clear_error (&pass->write_error);
  liaison_store_apply_step_async (run->store, step, NULL, on_step, pass);
}

static void
on_ghl_written (GObject *source, GAsyncResult *result, gpointer user_data)
{
  NotePass *pass = user_data;
  g_autoptr (LiaisonNote) note
      = liaison_ghl_client_note_finish (LIAISON_GHL_CLIENT (source), result, &pass->write_error);

  if (note != NULL)
    pass->new_id = g_strdup (liaison_note_get_id (note));
  record_op (pass);
}

static void
on_lsq_created (GObject *source, GAsyncResult *result, gpointer user_data)
{
  NotePass *pass = user_data;

  pass->new_id
      = liaison_lsq_client_id_finish (LIAISON_LSQ_CLIENT (source), result, &pass->write_error);
  record_op (pass);
}

static void
on_lsq_updated (GObject *source, GAsyncResult *result, gpointer user_data)
{
  NotePass *pass = user_data;

  liaison_lsq_client_done_finish (LIAISON_LSQ_CLIENT (source), result, &pass->write_error);
  record_op (pass);
}

static void
write_note (NotePass *pass)
{
  LiaisonSyncRun *run = pass->run;
  NoteOp *op = g_ptr_array_index (pass->ops, pass->next_op);
  LiaisonStoreContactPair *pair = current_pair (pass);
  g_autoptr (LiaisonNote) note = liaison_note_new ();
  GCancellable *cancellable = g_task_get_cancellable (pass->task);
  LiaisonNote *source = op->kind == NOTE_CREATE ? (op->lsq ? op->lsq : op->ghl) : NULL;
  g_autofree char *text = source ? liaison_sync_note_text (source) : g_strdup (op->write);

  liaison_note_set_body (note, text);
  if (op->target == LIAISON_SERVICE_GHL)
    {
      liaison_note_set_contact_id (note, pair->ghl_id);
      if (op->kind == NOTE_UPDATE)
        {
          liaison_note_set_id (note, liaison_note_get_id (op->ghl));
          liaison_note_set_user_id (note, liaison_note_get_user_id (op->ghl));
        }
      run->result->ghl_calls++;
      if (op->kind == NOTE_CREATE)
        liaison_ghl_client_create_note_async (run->ghl, note, cancellable, on_ghl_written, pass);
      else
        liaison_ghl_client_update_note_async (run->ghl, note, cancellable, on_ghl_written, pass);
      return;
    }
  liaison_note_set_contact_id (note, pair->lsq_id);
  run->result->lsq_calls++;
  if (op->kind == NOTE_CREATE)
    liaison_lsq_client_create_note_async (run->lsq, note, cancellable, on_lsq_created, pass);
  else
    {
      liaison_note_set_id (note, liaison_note_get_id (op->lsq));
      liaison_lsq_client_update_note_async (run->lsq, note, cancellable, on_lsq_updated, pass);
    }
}

static void
on_intent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  NotePass *pass = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids
      = liaison_store_add_intents_finish (LIAISON_STORE (source), result, &error);

  if (ids == NULL)
    {
      /* Without its intent a write is not made. */
      liaison_sync_fail (pass->run, _ ("Recording a note write before making it"), error);
      g_clear_pointer (&pass->intent, liaison_store_intent_free);
      pass->next_op++;
      apply_next (pass);
      return;
    }
  liaison_sync_engine_crash_point (pass->run->engine, "note-intent");
  write_note (pass);
}

static void
apply_next (NotePass *pass)
{
  NoteOp *op;
  gboolean writes;
  g_autoptr (GPtrArray) intents = NULL;

  if (pass->next_op >= pass->ops->len
      || g_cancellable_is_cancelled (g_task_get_cancellable (pass->task)))
    {
      next_pair (pass);
      return;
    }
  op = g_ptr_array_index (pass->ops, pass->next_op);
  writes = op->kind == NOTE_CREATE || (op->kind == NOTE_UPDATE && op->write != NULL);
  if (!writes)
    {
      record_op (pass);
      return;
    }
  pass->intent = g_new0 (LiaisonStoreIntent, 1);
  pass->intent->run_id = pass->run->result->run_id;
  pass->intent->kind = LIAISON_RECORD_NOTE;
  pass->intent->service = op->target;
  pass->intent->op = op->kind == NOTE_CREATE ? LIAISON_INTENT_CREATE : LIAISON_INTENT_UPDATE;
  if (op->kind == NOTE_UPDATE)
    pass->intent->remote_id
        = g_strdup (op->target == LIAISON_SERVICE_LSQ ? liaison_note_get_id (op->lsq)
                                                      : liaison_note_get_id (op->ghl));
  pass->intent->source_id = g_strdup (op->target == LIAISON_SERVICE_LSQ
                                          ? (op->ghl ? liaison_note_get_id (op->ghl) : NULL)
                                          : (op->lsq ? liaison_note_get_id (op->lsq) : NULL));
  pass->intent->link_id = op->link ? op->link->id : 0;
  pass->intent->payload = g_strdup_printf (
      "{\"text\": %s}", op->kind == NOTE_CREATE ? (op->lsq ? op->lsq_text : op->ghl_text) : "null");
  if (op->kind == NOTE_UPDATE)
    {
      g_free (pass->intent->payload);
      pass->intent->payload = g_strdup_printf (
          "{\"text\": %s}", op->target == LIAISON_SERVICE_LSQ ? op->ghl_text : op->lsq_text);
    }
  intents = g_ptr_array_new ();
  g_ptr_array_add (intents, pass->intent);
  liaison_store_add_intents_async (pass->run->store, intents, NULL, on_intent, pass);
}

/* ---- reading a pair ---- */

static void
pair_failed (NotePass *pass, GError *error)
{
  LiaisonStoreContactPair *pair = current_pair (pass);
  g_autofree char *what = g_strdup_printf (_ ("Reading the notes of lead %s and contact %s"),
                                           pair->lsq_id, pair->ghl_id);

  liaison_sync_fail (pass->run, what, error);
  g_error_free (error);
  pass->n_unread++;
  next_pair (pass);
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
  liaison_lsq_client_list_notes_async (pass->run->lsq, current_pair (pass)->lsq_id,
                                       g_task_get_cancellable (pass->task), on_lsq_notes, pass);
}

static void
read_pair (NotePass *pass)
{
  if (pass->next_pair >= pass->pairs->len
      || g_cancellable_is_cancelled (g_task_get_cancellable (pass->task)))
    {
      liaison_sync_activity_save_marks (pass->run, LIAISON_SETTING_NOTES_READ_AT,
                                        LIAISON_SETTING_NOTES_SWEEP_CURSOR, pass->started_at,
                                        pass->n_unread == 0, pass->n_swept, pass->sweep_cursor,
                                        pass_done, pass);
      return;
    }
  pass->ghl_reads++;
  liaison_ghl_client_list_notes_async (pass->run->ghl, current_pair (pass)->ghl_id,
                                       g_task_get_cancellable (pass->task), on_ghl_notes, pass);
}

/* ---- the pass ---- */

static gboolean
load_state (NotePass *pass, GError **error)
{
  LiaisonSyncRun *run = pass->run;
  g_autoptr (GPtrArray) links = liaison_store_list_child_links (
      run->store, LIAISON_RECORD_NOTE, run->lsq_connection, run->ghl_connection, error);
  g_autoptr (GPtrArray) conflicts = NULL;
  g_autoptr (GPtrArray) pending = NULL;

  if (links == NULL)
    return FALSE;
  pass->links_by_lsq = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                              (GDestroyNotify) liaison_store_sync_link_free);
  pass->links_by_ghl = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < links->len; i++)
    {
      LiaisonStoreSyncLink *link = g_steal_pointer (&links->pdata[i]);

      g_hash_table_insert (pass->links_by_lsq, link->lsq_id, link);
      g_hash_table_insert (pass->links_by_ghl, link->ghl_id, link);
    }
  conflicts = liaison_store_list_child_conflicts (run->store, LIAISON_RECORD_NOTE, error);
  if (conflicts == NULL)
    return FALSE;
  pass->conflicts = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                           (GDestroyNotify) liaison_store_conflict_free);
  for (guint i = 0; i < conflicts->len; i++)
    {
      LiaisonStoreConflict *c = g_steal_pointer (&conflicts->pdata[i]);

      g_hash_table_replace (pass->conflicts, &c->link_id, c);
    }
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
      for (guint i = 0; i < pending->len; i++)
        {
          LiaisonStoreIntent *closed = g_new0 (LiaisonStoreIntent, 1);

          closed->id = ((LiaisonStoreIntent *) g_ptr_array_index (pending, i))->id;
          closed->payload = g_strdup (_ ("Interrupted; the next pass compared both services’ "
                                         "notes and wrote only what was still missing"));
          g_ptr_array_add (step->intents_failed, closed);
          run->result->n_reconciled++;
        }
      /* Written before any pair is read: the store's queue keeps the order. */
      liaison_store_apply_step_async (run->store, step, NULL, NULL, NULL);
    }
  pass->pairs = liaison_sync_activity_choose_pairs (
      run, LIAISON_SETTING_NOTES_READ_AT, LIAISON_SETTING_NOTES_SWEEP_CURSOR, &pass->n_changed,
      &pass->n_swept, &pass->sweep_cursor, error);
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
  pass->started_at = g_get_real_time () / 1000;
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
