/* liaison-sync-undo-activity.c: the undo of the tasks, notes and appointments a run created.
 *
 * Like a contact, the copy the run made is deleted when deletes are on, within the mass-delete
 * guard, and its link removed, and the original is listed as not to copy again, so that the next
 * sync makes no copy anew (liaison-sync-apply-undo.c carries the DELETE out). The plan reads the
 * store; the apply reads the copy again from its service just before deleting it, and a copy that
 * no longer holds what the run made is left alone and listed as changed since. LeadSquared's API
 * has no call that deletes a note: a LeadSquared note a run created is listed as left alone, and
 * says what a person can do.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include <glib/gi18n-lib.h>

#include "liaison-sync-undo-private.h"

const char *
liaison_sync_undo_service_name (LiaisonService side)
{
  return side == LIAISON_SERVICE_LSQ ? "LeadSquared" : "HighLevel";
}

static LiaisonSyncItem *
skip (gint64 run_id, const LiaisonStoreOperation *op, const char *cause, char *reason)
{
  LiaisonSyncItem *item = g_new0 (LiaisonSyncItem, 1);

  item->kind = LIAISON_SYNC_ITEM_SKIP;
  item->undoes = run_id;
  item->record = op->kind;
  item->lsq_id = g_strdup (op->lsq_id);
  item->ghl_id = g_strdup (op->ghl_id);
  item->target = op->service;
  item->cause = g_strdup (cause);
  item->reason = reason;
  return item;
}

void
liaison_sync_undo_deleted (LiaisonStoreStep *step, LiaisonService copy_side,
                           const char *lsq_connection, const char *ghl_connection,
                           const char *copy_id, const char *original_id, gint64 link_id,
                           gint64 undone_run)
{
  gboolean copy_lsq = copy_side == LIAISON_SERVICE_LSQ;
  LiaisonStoreRecord *gone = liaison_store_record_new (step->kind, copy_id, "{}");
  LiaisonStoreNotCopied *original = g_new0 (LiaisonStoreNotCopied, 1);

  gone->connection_id = g_strdup (copy_lsq ? lsq_connection : ghl_connection);
  g_ptr_array_add (step->records_gone, gone);
  if (link_id > 0)
    g_array_append_val (step->links_removed, link_id);
  original->connection_id = g_strdup (copy_lsq ? ghl_connection : lsq_connection);
  original->remote_id = g_strdup (original_id);
  original->undone_run = undone_run;
  g_ptr_array_add (step->not_copied, original);
  if (copy_lsq)
    {
      /* LeadSquared deletes tasks asynchronously: until it has, the lead still lists the copy,
       * which unlinked now would otherwise be copied to HighLevel. */
      LiaisonStoreNotCopied *copy = g_new0 (LiaisonStoreNotCopied, 1);

      copy->connection_id = g_strdup (lsq_connection);
      copy->remote_id = g_strdup (copy_id);
      copy->undone_run = undone_run;
      g_ptr_array_add (step->not_copied, copy);
    }
}

LiaisonSyncItem *
liaison_sync_undo_plan_activity (LiaisonStore *store, const char *const connections[2],
                                 gint64 run_id, const LiaisonStoreOperation *op,
                                 const LiaisonSyncPlanOptions *options)
{
  LiaisonService copy = op->service;
  LiaisonService original = copy == LIAISON_SERVICE_LSQ ? LIAISON_SERVICE_GHL : LIAISON_SERVICE_LSQ;
  const char *ids[2] = { op->lsq_id, op->ghl_id };
  const char *copy_name = liaison_sync_undo_service_name (copy);
  const char *original_name = liaison_sync_undo_service_name (original);
  g_autofree char *run_text = g_strdup_printf ("%" G_GINT64_FORMAT, run_id);
  g_autoptr (LiaisonStoreLink) link = NULL;
  g_autoptr (LiaisonStoreRecord) lsq_record = NULL;
  g_autoptr (LiaisonStoreRecord) ghl_record = NULL;
  LiaisonStoreRecord *records[2];
  LiaisonSyncItem *item;

  if (op->kind == LIAISON_RECORD_NOTE && copy == LIAISON_SERVICE_LSQ)
    return skip (
        run_id, op, "no-delete-api",
        g_strdup_printf (_ ("The LeadSquared note %s that run %s created was left as it is: "
                            "LeadSquared’s API has no call that deletes a note. Delete it on the "
                            "lead’s page in LeadSquared if it should go; the HighLevel note %s "
                            "it copies is then not copied again."),
                         ids[copy], run_text, ids[original]));

  link = liaison_store_lookup_link (store, LIAISON_SERVICE_LSQ, connections[0], op->kind,
                                    op->lsq_id, NULL);
  if (link == NULL || g_strcmp0 (link->ghl_id, op->ghl_id) != 0)
    return skip (run_id, op, "unlinked",
                 g_strdup_printf (LIAISON_UNDO_BY_KIND (
                                      op->kind,
                                      _ ("The %s task %s that run %s created is no longer linked "
                                         "to the %s task it copied; it was left as it is."),
                                      _ ("The %s note %s that run %s created is no longer linked "
                                         "to the %s note it copied; it was left as it is."),
                                      _ ("The %s appointment %s that run %s created is no longer "
                                         "linked to the %s appointment it copied; it was left as "
                                         "it is.")),
                                  copy_name, ids[copy], run_text, original_name));
  records[LIAISON_SERVICE_LSQ] = lsq_record = liaison_store_lookup_record (
      store, connections[LIAISON_SERVICE_LSQ], op->kind, op->lsq_id, NULL);
  records[LIAISON_SERVICE_GHL] = ghl_record = liaison_store_lookup_record (
      store, connections[LIAISON_SERVICE_GHL], op->kind, op->ghl_id, NULL);
  if (records[copy] != NULL && records[copy]->deleted)
    return skip (run_id, op, "gone",
                 g_strdup_printf (LIAISON_UNDO_BY_KIND (
                                      op->kind,
                                      _ ("The %s task %s that run %s created is gone "
                                         "already."),
                                      _ ("The %s note %s that run %s created is gone already."),
                                      _ ("The %s appointment %s that run %s created is gone "
                                         "already.")),
                                  copy_name, ids[copy], run_text));
  if (records[copy] == NULL || records[copy]->parent_id == NULL)
    return skip (run_id, op, "unreadable",
                 g_strdup_printf (LIAISON_UNDO_BY_KIND (
                                      op->kind,
                                      _ ("The local copy of the %s task %s that run %s created "
                                         "cannot be read; run a sync, then undo again."),
                                      _ ("The local copy of the %s note %s that run %s created "
                                         "cannot be read; run a sync, then undo again."),
                                      _ ("The local copy of the %s appointment %s that run %s "
                                         "created cannot be read; run a sync, then undo again.")),
                                  copy_name, ids[copy], run_text));
  if (!options->deletes)
    return skip (run_id, op, "deletes-off",
                 g_strdup_printf (LIAISON_UNDO_BY_KIND (
                                      op->kind,
                                      _ ("The %s task %s that run %s created was left alone: "
                                         "deletes are off; enable them to undo creates."),
                                      _ ("The %s note %s that run %s created was left alone: "
                                         "deletes are off; enable them to undo creates."),
                                      _ ("The %s appointment %s that run %s created was left "
                                         "alone: deletes are off; enable them to undo creates.")),
                                  copy_name, ids[copy], run_text));

  item = g_new0 (LiaisonSyncItem, 1);
  item->kind = LIAISON_SYNC_ITEM_DELETE;
  item->record = op->kind;
  item->undoes = run_id;
  item->link_id = link->id;
  item->lsq_id = g_strdup (op->lsq_id);
  item->ghl_id = g_strdup (op->ghl_id);
  item->target = copy;
  item->lsq_parent
      = g_strdup (records[LIAISON_SERVICE_LSQ] ? records[LIAISON_SERVICE_LSQ]->parent_id : NULL);
  item->ghl_parent
      = g_strdup (records[LIAISON_SERVICE_GHL] ? records[LIAISON_SERVICE_GHL]->parent_id : NULL);
  item->created = g_strdup (op->after);
  item->cause = g_strdup ("undo-create");
  item->reason = g_strdup_printf (
      LIAISON_UNDO_BY_KIND (op->kind,
                            _ ("Run %s created this %s task as a copy; the undo deletes it "
                               "and does not copy the %s task again."),
                            _ ("Run %s created this %s note as a copy; the undo deletes it "
                               "and does not copy the %s note again."),
                            _ ("Run %s created this %s appointment as a copy; the undo "
                               "deletes it and does not copy the %s appointment again.")),
      run_text, copy_name, original_name);
  return item;
}
