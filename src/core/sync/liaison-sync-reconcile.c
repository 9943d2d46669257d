/* liaison-sync-reconcile.c: the first thing a run does: finish what a crash interrupted.
 *
 * A pending intent is a remote write that was about to be made, or made without its result
 * being recorded. A create is looked up on the service it was meant for (HighLevel's duplicate
 * search by e-mail or phone, LeadSquared's leads by e-mail, else by phone): found, it is linked
 * to the record it copies, as if its answer had arrived; not found, the intent is closed and the
 * plan creates it again. An update or a delete is simply closed: the plan reads both services
 * afresh, and the merge finds what did arrive equal to the other side and what did not still
 * different. If a lookup itself fails, the run stops before planning, since a create planned now
 * could duplicate the one the lookup could not see.
 *
 * An undo's delete of a copy (payload {"undo": run}) is finished instead: the delete is sent
 * again (a copy already gone is what it wants), then the link goes and the original is listed
 * as not to copy again, as if the answer had arrived. Left to the plan, the copy gone would
 * read as a contact deleted on one side, and with deletes on the original would follow it.
 * Likewise an undo's delete of a task, note or appointment a run created: left to the pass of
 * its kind, the original would be copied again.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include <glib/gi18n-lib.h>

#include "liaison-lsq-client-patch.h"
#include "liaison-store-activity.h"
#include "liaison-store-sync.h"
#include "liaison-sync-apply-private.h"
#include "liaison-sync-undo-private.h"

typedef struct
{
  LiaisonSyncRun *run;
  GPtrArray *intents; /* LiaisonStoreIntent */
  guint next;
} Reconcile;

static void
reconcile_free (Reconcile *r)
{
  g_ptr_array_unref (r->intents);
  g_free (r);
}

static void reconcile_next (GTask *task);

static void
on_step (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!liaison_store_apply_step_finish (LIAISON_STORE (source), result, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  liaison_sync_engine_crash_point (((Reconcile *) g_task_get_task_data (task))->run->engine,
                                   "reconcile-settled");
  reconcile_next (task);
}

static char *
payload_string (const char *payload, const char *member)
{
  g_autoptr (JsonNode) node = payload ? json_from_string (payload, NULL) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return g_strdup (
      json_object_get_string_member_with_default (json_node_get_object (node), member, NULL));
}

/* Closes the intent; found: the record the create made, linked to its source. */
static void
settle (GTask *task, LiaisonStoreIntent *intent, LiaisonContact *found, const char *why)
{
  Reconcile *r = g_task_get_task_data (task);
  LiaisonSyncRun *run = r->run;
  LiaisonStoreStep *step
      = liaison_store_step_new (run->lsq_connection, run->ghl_connection, run->result->run_id);

  if (found != NULL)
    {
      g_autofree char *seen = NULL;
      LiaisonStoreSyncLink *link = g_new0 (LiaisonStoreSyncLink, 1);
      LiaisonStoreOperation *op = g_new0 (LiaisonStoreOperation, 1);
      gboolean to_lsq = intent->service == LIAISON_SERVICE_LSQ;
      const char *id = liaison_contact_get_id (found);

      g_ptr_array_add (step->records,
                       liaison_sync_record_from_contact (
                           found, to_lsq ? run->lsq_connection : run->ghl_connection, &seen));
      link->origin = LIAISON_LINK_CREATED;
      link->lsq_id = g_strdup (to_lsq ? id : intent->source_id);
      link->ghl_id = g_strdup (to_lsq ? intent->source_id : id);
      link->base_snapshot = payload_string (intent->payload, "base");
      link->base_hash = payload_string (intent->payload, "baseHash");
      /* Seen hashes unknown: the next plan projects both and settles the base. */
      g_ptr_array_add (step->links, link);
      g_array_append_val (step->intents_done, intent->id);
      op->run_id = run->result->run_id;
      op->service = intent->service;
      op->lsq_id = g_strdup (link->lsq_id);
      op->ghl_id = g_strdup (link->ghl_id);
      op->action = LIAISON_OPERATION_CREATE;
      op->status = LIAISON_OPERATION_APPLIED;
      op->after = g_strdup (link->base_snapshot);
      op->cause = g_strdup ("reconciled");
      g_ptr_array_add (step->operations, op);
      run->result->n_created++;
    }
  else
    {
      LiaisonStoreIntent *failed = g_new0 (LiaisonStoreIntent, 1);

      failed->id = intent->id;
      failed->payload = g_strdup (why);
      g_ptr_array_add (step->intents_failed, failed);
    }
  run->result->n_reconciled++;
  liaison_store_apply_step_async (run->store, step, NULL, on_step, task);
}

static gint64
payload_int (const char *payload, const char *member)
{
  g_autoptr (JsonNode) node = payload ? json_from_string (payload, NULL) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return 0;
  return json_object_get_int_member_with_default (json_node_get_object (node), member, 0);
}

/* An undo's delete of a copy, answered: the copy gone, the link removed, the original not to be
 * copied again, in one transaction. */
static void
settle_undo_delete (GTask *task, LiaisonStoreIntent *intent)
{
  Reconcile *r = g_task_get_task_data (task);
  LiaisonSyncRun *run = r->run;
  LiaisonStoreStep *step
      = liaison_store_step_new (run->lsq_connection, run->ghl_connection, run->result->run_id);
  gboolean copy_lsq = intent->service == LIAISON_SERVICE_LSQ;
  LiaisonStoreRecord *gone
      = liaison_store_record_new (LIAISON_RECORD_CONTACT, intent->remote_id, "{}");
  LiaisonStoreNotCopied *original = g_new0 (LiaisonStoreNotCopied, 1);
  LiaisonStoreOperation *op = g_new0 (LiaisonStoreOperation, 1);

  gone->connection_id = g_strdup (copy_lsq ? run->lsq_connection : run->ghl_connection);
  g_ptr_array_add (step->records_gone, gone);
  if (intent->link_id > 0)
    g_array_append_val (step->links_removed, intent->link_id);
  g_array_append_val (step->intents_done, intent->id);
  original->connection_id = g_strdup (copy_lsq ? run->ghl_connection : run->lsq_connection);
  original->remote_id = g_strdup (intent->source_id);
  original->undone_run = payload_int (intent->payload, "undo");
  g_ptr_array_add (step->not_copied, original);
  op->run_id = run->result->run_id;
  op->service = intent->service;
  op->lsq_id = g_strdup (copy_lsq ? intent->remote_id : intent->source_id);
  op->ghl_id = g_strdup (copy_lsq ? intent->source_id : intent->remote_id);
  op->action = LIAISON_OPERATION_DELETE;
  op->status = LIAISON_OPERATION_APPLIED;
  op->cause = g_strdup ("reconciled");
  g_ptr_array_add (step->operations, op);
  run->result->n_deleted++;
  run->result->n_reconciled++;
  liaison_store_apply_step_async (run->store, step, NULL, on_step, task);
}

/* The same for a task, note or appointment: the step of its kind. */
static void
settle_undo_activity_delete (GTask *task, LiaisonStoreIntent *intent)
{
  Reconcile *r = g_task_get_task_data (task);
  LiaisonSyncRun *run = r->run;
  LiaisonStoreStep *step
      = liaison_store_step_new (run->lsq_connection, run->ghl_connection, run->result->run_id);
  gboolean copy_lsq = intent->service == LIAISON_SERVICE_LSQ;
  LiaisonStoreOperation *op = g_new0 (LiaisonStoreOperation, 1);

  step->kind = intent->kind;
  liaison_sync_undo_deleted (step, intent->service, run->lsq_connection, run->ghl_connection,
                             intent->remote_id, intent->source_id, intent->link_id,
                             payload_int (intent->payload, "undo"));
  g_array_append_val (step->intents_done, intent->id);
  op->run_id = run->result->run_id;
  op->service = intent->service;
  op->lsq_id = g_strdup (copy_lsq ? intent->remote_id : intent->source_id);
  op->ghl_id = g_strdup (copy_lsq ? intent->source_id : intent->remote_id);
  op->action = LIAISON_OPERATION_DELETE;
  op->status = LIAISON_OPERATION_APPLIED;
  op->cause = g_strdup ("reconciled");
  g_ptr_array_add (step->operations, op);
  run->result->n_deleted++;
  run->result->n_reconciled++;
  liaison_store_apply_step_async (run->store, step, NULL, on_step, task);
}

static void
on_undo_deleted (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  Reconcile *r = g_task_get_task_data (task);
  LiaisonStoreIntent *intent = g_ptr_array_index (r->intents, r->next - 1);
  gboolean contact = intent->kind == LIAISON_RECORD_CONTACT;
  GError *error = NULL;

  if (intent->service == LIAISON_SERVICE_GHL)
    {
      r->run->result->ghl_calls++;
      if (contact)
        liaison_ghl_client_delete_contact_finish (LIAISON_GHL_CLIENT (source), result, &error);
      else
        liaison_ghl_client_delete_finish (LIAISON_GHL_CLIENT (source), result, &error);
    }
  else
    {
      r->run->result->lsq_calls++;
      if (contact)
        liaison_lsq_client_done_finish (LIAISON_LSQ_CLIENT (source), result, &error);
      else
        liaison_lsq_client_delete_tasks_finish (LIAISON_LSQ_CLIENT (source), result, &error);
    }
  if (error != NULL && !g_error_matches (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_FOUND))
    {
      g_prefix_error (&error, _ ("Could not finish deleting a copy an interrupted undo had "
                                 "started, so nothing was planned (run the sync again): "));
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  g_clear_error (&error);
  if (contact)
    settle_undo_delete (task, intent);
  else
    settle_undo_activity_delete (task, intent);
}

static void
lookup_failed (GTask *task, GError *error)
{
  g_prefix_error (&error, _ ("Could not check whether an interrupted create reached the "
                             "service, so nothing was planned (run the sync again): "));
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
on_ghl_found (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  Reconcile *r = g_task_get_task_data (task);
  LiaisonStoreIntent *intent = g_ptr_array_index (r->intents, r->next - 1);
  GError *error = NULL;
  g_autoptr (LiaisonContact) found
      = liaison_ghl_client_find_duplicate_finish (LIAISON_GHL_CLIENT (source), result, &error);

  r->run->result->ghl_calls++;
  if (error != NULL)
    {
      lookup_failed (task, error);
      return;
    }
  settle (task, intent, found, "interrupted before HighLevel created it; planned again");
}

static void
on_lsq_found (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  Reconcile *r = g_task_get_task_data (task);
  LiaisonStoreIntent *intent = g_ptr_array_index (r->intents, r->next - 1);
  GError *error = NULL;
  g_autoptr (GPtrArray) leads
      = liaison_lsq_client_list_finish (LIAISON_LSQ_CLIENT (source), result, &error);

  r->run->result->lsq_calls++;
  if (leads == NULL)
    {
      lookup_failed (task, error);
      return;
    }
  settle (task, intent, leads->len > 0 ? g_ptr_array_index (leads, 0) : NULL,
          "interrupted before LeadSquared created it; planned again");
}

static void
reconcile_next (GTask *task)
{
  Reconcile *r = g_task_get_task_data (task);
  LiaisonStoreIntent *intent;
  g_autofree char *email = NULL;
  g_autofree char *phone = NULL;

  if (r->next >= r->intents->len)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  intent = g_ptr_array_index (r->intents, r->next++);
  if (intent->op == LIAISON_INTENT_DELETE && intent->kind == LIAISON_RECORD_CONTACT
      && intent->remote_id != NULL && intent->source_id != NULL
      && payload_int (intent->payload, "undo") != 0)
    {
      if (intent->service == LIAISON_SERVICE_GHL)
        liaison_ghl_client_delete_contact_async (r->run->ghl, intent->remote_id, NULL,
                                                 on_undo_deleted, task);
      else
        liaison_lsq_client_delete_lead_async (r->run->lsq, intent->remote_id, NULL, on_undo_deleted,
                                              task);
      return;
    }
  if (intent->kind != LIAISON_RECORD_CONTACT)
    {
      g_autofree char *contact = payload_string (intent->payload, "contact");

      /* An undo's delete of a task, note or appointment (the only ones listed here). */
      liaison_sync_undo_send_delete (r->run, intent->kind, intent->service, contact,
                                     intent->remote_id, on_undo_deleted, task);
      return;
    }
  if (intent->op != LIAISON_INTENT_CREATE)
    {
      settle (task, intent, NULL, "interrupted; planned again from both services' state");
      return;
    }
  email = payload_string (intent->payload, "email");
  phone = payload_string (intent->payload, "phone");
  if (email == NULL && phone == NULL)
    {
      /* Never planned: a create needs a key to be found by. */
      settle (task, intent, NULL, "no e-mail or phone to look it up by");
      return;
    }
  if (intent->service == LIAISON_SERVICE_GHL)
    liaison_ghl_client_find_duplicate_async (r->run->ghl, email, email ? NULL : phone, NULL,
                                             on_ghl_found, task);
  else if (email != NULL)
    liaison_lsq_client_find_leads_by_email_async (r->run->lsq, email, NULL, on_lsq_found, task);
  else
    liaison_lsq_client_find_leads_by_phone_async (r->run->lsq, phone, NULL, on_lsq_found, task);
}

static const LiaisonRecordKind activity_kinds[]
    = { LIAISON_RECORD_TASK, LIAISON_RECORD_NOTE, LIAISON_RECORD_APPOINTMENT };

void
liaison_sync_reconcile_async (LiaisonSyncRun *run, GAsyncReadyCallback callback)
{
  GTask *task = g_task_new (NULL, NULL, callback, run);
  Reconcile *r = g_new0 (Reconcile, 1);
  GError *error = NULL;

  g_task_set_source_tag (task, liaison_sync_reconcile_async);
  r->run = run;
  r->intents = liaison_store_list_pending_intents (run->store, &error);
  for (guint k = 0; k < G_N_ELEMENTS (activity_kinds) && r->intents != NULL; k++)
    {
      g_autoptr (GPtrArray) pending
          = liaison_store_list_pending_intents_of (run->store, activity_kinds[k], &error);

      if (pending == NULL)
        g_clear_pointer (&r->intents, g_ptr_array_unref);
      for (guint i = 0; pending != NULL && i < pending->len;)
        {
          LiaisonStoreIntent *intent = g_ptr_array_index (pending, i);

          /* The passes close the rest of them. */
          if (intent->op == LIAISON_INTENT_DELETE && intent->remote_id != NULL
              && intent->source_id != NULL && payload_int (intent->payload, "undo") != 0)
            g_ptr_array_add (r->intents, g_ptr_array_steal_index (pending, i));
          else
            i++;
        }
    }
  if (r->intents == NULL)
    {
      g_free (r);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  g_task_set_task_data (task, r, (GDestroyNotify) reconcile_free);
  reconcile_next (task);
}

gboolean
liaison_sync_reconcile_finish (LiaisonSyncRun *run, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
