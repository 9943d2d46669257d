/* liaison-sync-notes-apply.c: the writes of the note sync. Each operation writes its intent
 * first, then calls the service, then records everything it changed in one store step: the
 * notes as written, the link with its new base, the intent closed, the history, a conflict.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include <glib/gi18n-lib.h>

#include "liaison-note-codec.h"
#include "liaison-sync-notes-private.h"

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
  liaison_sync_notes_apply_next (pass);
}

static void
record_op (NotePass *pass)
{
  LiaisonSyncRun *run = pass->run;
  NoteOp *op = g_ptr_array_index (pass->ops, pass->next_op);
  LiaisonStoreContactPair *pair = liaison_sync_notes_current_pair (pass);
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
      g_autofree char *after = op->write ? liaison_sync_note_json_text (op->write) : NULL;
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
  LiaisonStoreContactPair *pair = liaison_sync_notes_current_pair (pass);
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
      liaison_sync_notes_apply_next (pass);
      return;
    }
  liaison_sync_engine_crash_point (pass->run->engine, "note-intent");
  write_note (pass);
}

void
liaison_sync_notes_apply_next (NotePass *pass)
{
  NoteOp *op;
  gboolean writes;
  g_autoptr (GPtrArray) intents = NULL;

  if (pass->next_op >= pass->ops->len
      || g_cancellable_is_cancelled (g_task_get_cancellable (pass->task)))
    {
      liaison_sync_notes_next_pair (pass);
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
