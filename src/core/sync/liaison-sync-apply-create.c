/* liaison-sync-apply-create.c: the creates and deletes of a plan: a HighLevel contact made or
 * deleted one call at a time, a LeadSquared lead deleted one at a time or created in Bulk
 * CreateOrUpdate batches of 25 (rows that search by the same key). Each goes through the beats
 * of liaison-sync-apply.c: intent, call, one transaction.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include <glib/gi18n-lib.h>

#include "liaison-ghl-client-patch.h"
#include "liaison-lsq-client-patch.h"
#include "liaison-lsq-json.h"
#include "liaison-sync-apply-private.h"

/* ---- HighLevel creates and deletes ---- */

/* A value the target cannot take is left out of a create; the base says the target has none. */
static JsonNode *
build_create (LiaisonSyncRun *run, LiaisonSyncItem *item, LiaisonService side, GError **error)
{
  g_auto (GStrv) skipped = NULL;
  JsonNode *body = liaison_field_map_build_create (run->map, side, item->values, &skipped, error);

  for (guint i = 0; body && skipped && skipped[i]; i++)
    liaison_sync_rebase_key (run, item, skipped[i], NULL);
  return body;
}

/* The original of a copy an undo deletes is not copied again (in the delete's transaction). */
static void
add_not_copied (LiaisonSyncRun *run, LiaisonStoreStep *step, const LiaisonSyncItem *item)
{
  LiaisonStoreNotCopied *row = g_new0 (LiaisonStoreNotCopied, 1);
  gboolean original_lsq = item->target == LIAISON_SERVICE_GHL;

  row->connection_id = g_strdup (original_lsq ? run->lsq_connection : run->ghl_connection);
  row->remote_id = g_strdup (original_lsq ? item->lsq_id : item->ghl_id);
  row->undone_run = item->undoes;
  g_ptr_array_add (step->not_copied, row);
}

static void
finish_single (Work *w)
{
  LiaisonSyncRun *run = w->run;
  LiaisonSyncItem *item = g_ptr_array_index (w->items, 0);
  LiaisonService side = item->target;
  g_autoptr (LiaisonStoreStep) step
      = liaison_store_step_new (run->lsq_connection, run->ghl_connection, run->result->run_id);
  LiaisonStoreIntent *intent = w->intent_of[side];
  GError *error = w->errors[side];
  gboolean create = item->kind == LIAISON_SYNC_ITEM_CREATE;
  LiaisonStoreOperation *op = liaison_sync_operation_new (
      run, item, create ? LIAISON_OPERATION_CREATE : LIAISON_OPERATION_DELETE, side);

  liaison_sync_work_crash_point (w, "answered");
  if (error == NULL && create)
    {
      g_autofree char *seen = NULL;
      LiaisonSyncItem linked = *item;

      g_ptr_array_add (step->records, liaison_sync_record_from_contact (
                                          w->answers[side], run->ghl_connection, &seen));
      linked.ghl_id = (char *) liaison_contact_get_id (w->answers[side]);
      liaison_sync_add_link (step, &linked, TRUE, item->lsq_seen, seen);
      g_free (op->ghl_id);
      op->ghl_id = g_strdup (linked.ghl_id);
      op->after = liaison_sync_object_text (item->values);
      g_array_append_val (step->intents_done, intent->id);
      run->result->n_created++;
    }
  else if (error == NULL)
    {
      LiaisonStoreRecord *gone = liaison_store_record_new (
          LIAISON_RECORD_CONTACT, side == LIAISON_SERVICE_LSQ ? item->lsq_id : item->ghl_id, "{}");

      gone->connection_id
          = g_strdup (side == LIAISON_SERVICE_LSQ ? run->lsq_connection : run->ghl_connection);
      g_ptr_array_add (step->records_gone, gone);
      g_array_append_val (step->links_removed, item->link_id);
      g_array_append_val (step->intents_done, intent->id);
      if (item->undoes != 0)
        add_not_copied (run, step, item);
      op->error = g_strdup (item->reason);
      run->result->n_deleted++;
    }
  else
    {
      op->status = LIAISON_OPERATION_FAILED;
      op->error = g_strdup (error->message);
      g_free (op->cause);
      op->cause = g_strdup (liaison_sync_error_cause (error));
      liaison_sync_fail_contact (run, item,
                                 side == LIAISON_SERVICE_LSQ ? item->ghl_id : item->lsq_id, error);
      liaison_sync_note_refusal (run, side, error);
      /* A create that failed may still have reached the service: its intent stays pending and
       * the next run looks the record up first. A refused one (validation) did not. */
      if (intent != NULL && !create)
        liaison_sync_fail_intent (step, intent, error, FALSE);
      else if (intent != NULL
               && g_error_matches (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_VALIDATION))
        liaison_sync_fail_intent (step, intent, error, TRUE);
    }
  g_ptr_array_add (step->operations, op);
  liaison_sync_work_commit (w, g_steal_pointer (&step));
}

static void
on_ghl_created (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Work *w = user_data;

  w->run->result->ghl_calls++;
  w->answers[LIAISON_SERVICE_GHL] = liaison_ghl_client_create_contact_json_finish (
      LIAISON_GHL_CLIENT (source), result, &w->errors[LIAISON_SERVICE_GHL]);
  finish_single (w);
}

static void
on_deleted (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Work *w = user_data;
  LiaisonService side = ((LiaisonSyncItem *) g_ptr_array_index (w->items, 0))->target;
  gboolean ok;

  if (side == LIAISON_SERVICE_GHL)
    {
      w->run->result->ghl_calls++;
      ok = liaison_ghl_client_delete_contact_finish (LIAISON_GHL_CLIENT (source), result,
                                                     &w->errors[side]);
    }
  else
    {
      w->run->result->lsq_calls++;
      ok = liaison_lsq_client_done_finish (LIAISON_LSQ_CLIENT (source), result, &w->errors[side]);
    }
  /* Already gone is what a delete wants. */
  if (!ok && g_error_matches (w->errors[side], LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_FOUND))
    g_clear_error (&w->errors[side]);
  finish_single (w);
}

static void
on_single_intent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Work *w = user_data;
  LiaisonSyncItem *item = g_ptr_array_index (w->items, 0);
  g_autoptr (GArray) ids = NULL;
  GError *error = NULL;

  ids = liaison_store_add_intents_finish (LIAISON_STORE (source), result, &error);
  if (ids == NULL)
    {
      liaison_sync_fail_contact (w->run, item, item->lsq_id ? item->lsq_id : item->ghl_id, error);
      g_error_free (error);
      liaison_sync_work_done (w, 1);
      return;
    }
  liaison_sync_work_crash_point (w, "intent");
  if (item->kind == LIAISON_SYNC_ITEM_CREATE)
    liaison_ghl_client_create_contact_json_async (w->run->ghl, w->bodies[LIAISON_SERVICE_GHL], NULL,
                                                  on_ghl_created, w);
  else if (item->target == LIAISON_SERVICE_GHL)
    liaison_ghl_client_delete_contact_async (w->run->ghl, item->ghl_id, NULL, on_deleted, w);
  else
    liaison_lsq_client_delete_lead_async (w->run->lsq, item->lsq_id, NULL, on_deleted, w);
}

void
liaison_sync_apply_start_single (LiaisonSyncRun *run, LiaisonSyncItem *item)
{
  Work *w = liaison_sync_work_new (run);
  LiaisonStoreIntent *intent = g_new0 (LiaisonStoreIntent, 1);
  LiaisonService side = item->target;

  g_ptr_array_add (w->items, item);
  w->kind = item->kind == LIAISON_SYNC_ITEM_CREATE ? "create" : "delete";
  intent->run_id = run->result->run_id;
  intent->service = side;
  intent->link_id = item->link_id;
  if (item->kind == LIAISON_SYNC_ITEM_CREATE)
    {
      w->bodies[side] = build_create (run, item, side, &w->errors[side]);
      if (w->bodies[side] == NULL)
        {
          liaison_store_intent_free (intent);
          finish_single (w);
          return;
        }
      intent->op = LIAISON_INTENT_CREATE;
      intent->source_id = g_strdup (item->lsq_id);
      intent->payload = liaison_sync_intent_payload (item, run->map_hash);
    }
  else
    {
      intent->op = LIAISON_INTENT_DELETE;
      intent->remote_id = g_strdup (side == LIAISON_SERVICE_LSQ ? item->lsq_id : item->ghl_id);
      intent->source_id = g_strdup (side == LIAISON_SERVICE_LSQ ? item->ghl_id : item->lsq_id);
      /* An undo's delete: a reconcile finishes it, original listed as not to copy again. */
      if (item->undoes != 0)
        intent->payload = g_strdup_printf ("{\"undo\": %" G_GINT64_FORMAT "}", item->undoes);
    }
  w->intent_of[side] = intent;
  g_ptr_array_add (w->intents, intent);
  liaison_store_add_intents_async (run->store, w->intents, NULL, on_single_intent, w);
}

/* ---- LeadSquared creates, in bulk ---- */

static void
on_bulk_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Work *w = user_data;
  LiaisonSyncRun *run = w->run;
  g_autoptr (LiaisonStoreStep) step
      = liaison_store_step_new (run->lsq_connection, run->ghl_connection, run->result->run_id);

  run->result->lsq_calls++;
  w->rows = liaison_lsq_client_bulk_create_or_update_finish (LIAISON_LSQ_CLIENT (source), result,
                                                             &w->batch_error);
  liaison_sync_work_crash_point (w, "answered");
  for (guint i = 0; i < w->items->len; i++)
    {
      LiaisonSyncItem *item = g_ptr_array_index (w->items, i);
      LiaisonStoreIntent *intent = g_ptr_array_index (w->intents, i);
      LiaisonLsqRowResult *row = NULL;
      LiaisonStoreOperation *op
          = liaison_sync_operation_new (run, item, LIAISON_OPERATION_CREATE, LIAISON_SERVICE_LSQ);

      for (guint j = 0; w->rows && j < w->rows->len; j++)
        if (((LiaisonLsqRowResult *) g_ptr_array_index (w->rows, j))->row == i)
          row = g_ptr_array_index (w->rows, j);
      if (row != NULL && row->lead_id != NULL && row->error == NULL)
        {
          LiaisonContact *sent = g_ptr_array_index (w->contacts, i);
          g_autofree char *seen = NULL;
          LiaisonSyncItem linked = *item;

          /* LeadSquared answers only the id: the record cached is what was sent. */
          liaison_contact_set_id (sent, row->lead_id);
          g_ptr_array_add (step->records,
                           liaison_sync_record_from_contact (sent, run->lsq_connection, &seen));
          linked.lsq_id = row->lead_id;
          liaison_sync_add_link (step, &linked, TRUE, seen, item->ghl_seen);
          g_free (op->lsq_id);
          op->lsq_id = g_strdup (row->lead_id);
          op->after = liaison_sync_object_text (item->values);
          g_array_append_val (step->intents_done, intent->id);
          run->result->n_created++;
        }
      else
        {
          const GError *error = row && row->error ? row->error : w->batch_error;
          g_autoptr (GError) missing = NULL;

          if (error == NULL)
            error = missing = g_error_new_literal (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                                                   _ ("LeadSquared did not answer for this row"));
          op->status = LIAISON_OPERATION_FAILED;
          op->error = g_strdup (error->message);
          g_free (op->cause);
          op->cause = g_strdup (liaison_sync_error_cause (error));
          liaison_sync_fail_contact (run, item, item->ghl_id, error);
          /* A row LeadSquared refused was not created; a batch whose answer was lost may have
           * been: that intent stays pending for the next run to look up. */
          if (row != NULL && row->error != NULL)
            {
              liaison_sync_fail_intent (step, intent, error, TRUE);
              liaison_sync_note_refusal (run, LIAISON_SERVICE_LSQ, error);
            }
        }
      g_ptr_array_add (step->operations, op);
    }
  run->lsq_bulk_busy = FALSE;
  liaison_sync_work_commit (w, g_steal_pointer (&step));
}

static void
on_bulk_intents (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Work *w = user_data;
  g_autoptr (GArray) ids = NULL;
  GError *error = NULL;
  LiaisonSyncItem *first = g_ptr_array_index (w->items, 0);

  ids = liaison_store_add_intents_finish (LIAISON_STORE (source), result, &error);
  if (ids == NULL)
    {
      for (guint i = 0; i < w->items->len; i++)
        {
          LiaisonSyncItem *item = g_ptr_array_index (w->items, i);

          liaison_sync_fail_contact (w->run, item, item->ghl_id, error);
        }
      g_error_free (error);
      w->run->lsq_bulk_busy = FALSE;
      liaison_sync_work_done (w, w->items->len);
      return;
    }
  liaison_sync_work_crash_point (w, "intent");
  liaison_lsq_client_bulk_create_or_update_async (
      w->run->lsq, w->contacts, first->email ? "EmailAddress" : "Phone", NULL, on_bulk_done, w);
}

/* Takes up to a batch of creates that search by the same key (e-mail, else phone). */
void
liaison_sync_apply_start_bulk (LiaisonSyncRun *run)
{
  Work *w = liaison_sync_work_new (run);
  gboolean by_email = ((LiaisonSyncItem *) g_ptr_array_index (run->lsq_creates, 0))->email != NULL;

  w->kind = "bulk";
  w->contacts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < run->lsq_creates->len && w->items->len < LIAISON_LSQ_BULK_BATCH;)
    {
      LiaisonSyncItem *item = g_ptr_array_index (run->lsq_creates, i);
      g_autoptr (JsonNode) body = NULL;
      g_autoptr (GError) error = NULL;
      LiaisonContact *contact = NULL;
      LiaisonStoreIntent *intent;

      if ((item->email != NULL) != by_email)
        {
          i++;
          continue;
        }
      g_ptr_array_remove_index (run->lsq_creates, i);
      body = build_create (run, item, LIAISON_SERVICE_LSQ, &error);
      if (body != NULL)
        contact = liaison_lsq_client_contact_from_attributes (run->lsq, body, &error);
      if (contact == NULL)
        {
          liaison_sync_fail_contact (run, item, item->ghl_id, error);
          run->done++;
          continue;
        }
      intent = g_new0 (LiaisonStoreIntent, 1);
      intent->run_id = run->result->run_id;
      intent->service = LIAISON_SERVICE_LSQ;
      intent->op = LIAISON_INTENT_CREATE;
      intent->source_id = g_strdup (item->ghl_id);
      intent->payload = liaison_sync_intent_payload (item, run->map_hash);
      g_ptr_array_add (w->intents, intent);
      g_ptr_array_add (w->contacts, contact);
      g_ptr_array_add (w->items, item);
    }
  if (w->items->len == 0)
    {
      run->in_flight--;
      run->lane_in_flight[w->lane]--;
      liaison_sync_work_free (w);
      run->lsq_bulk_busy = FALSE;
      liaison_sync_apply_pump (run);
      return;
    }
  liaison_store_add_intents_async (run->store, w->intents, NULL, on_bulk_intents, w);
}
