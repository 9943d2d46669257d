/* liaison-sync-apply-private.h: what the files carrying out a plan share: one remote write in
 * flight (Work) and the beats every write goes through.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-contact.h"
#include "liaison-store-sync.h"
#include "liaison-sync-engine-private.h"

G_BEGIN_DECLS

typedef struct
{
  LiaisonSyncRun *run;
  GPtrArray *items;    /* LiaisonSyncItem, borrowed: one, or a LeadSquared batch */
  GPtrArray *intents;  /* LiaisonStoreIntent, by side for updates */
  JsonNode *bodies[2]; /* by LiaisonService */
  GError *errors[2];
  LiaisonContact *answers[2]; /* the record as the service holds it after the write */
  GPtrArray *contacts;        /* LeadSquared batch: what is sent */
  GPtrArray *rows;            /* LeadSquared batch: LiaisonLsqRowResult */
  GError *batch_error;
  LiaisonStoreIntent *intent_of[2];
  LiaisonStoreStep *skips; /* operations found while building bodies */
  const char *kind;        /* "update", "create", "delete", "bulk": for the crash points */
  LiaisonService lane;     /* the apply lane it counts in (see LiaisonSyncRun) */
  gpointer undo;           /* an undo's batch of LeadSquared deletes (liaison-sync-apply-undo.c) */
  GDestroyNotify undo_free;
} Work;

Work *liaison_sync_work_new (LiaisonSyncRun *run);
void liaison_sync_work_free (Work *w);
/* The write is over (n_items of the plan): progress, then the next writes. */
void liaison_sync_work_done (Work *w, guint n_items);
/* The last beat: the step in one transaction, then work_done. */
void liaison_sync_work_commit (Work *w, LiaisonStoreStep *step);
void liaison_sync_work_crash_point (Work *w, const char *stage);

LiaisonStoreOperation *liaison_sync_operation_new (LiaisonSyncRun *run, const LiaisonSyncItem *item,
                                                   LiaisonOperationAction action,
                                                   LiaisonService side);
void liaison_sync_add_link (LiaisonStoreStep *step, const LiaisonSyncItem *item, gboolean ok,
                            const char *lsq_seen, const char *ghl_seen);
/* refused: the service refused the write (a create is then not sent again unchanged). */
void liaison_sync_fail_intent (LiaisonStoreStep *step, const LiaisonStoreIntent *intent,
                               const GError *error, gboolean refused);
const char *liaison_sync_error_cause (const GError *error);
void liaison_sync_rebase_key (LiaisonSyncRun *run, LiaisonSyncItem *item, const char *key,
                              JsonNode *value);
char *liaison_sync_object_text (JsonObject *object);

/* liaison-sync-apply-pump.c: starts what fits in flight; ends the apply when all is done. */
void liaison_sync_apply_pump (LiaisonSyncRun *run);
/* liaison-sync-apply.c */
void liaison_sync_apply_start_update (LiaisonSyncRun *run, LiaisonSyncItem *item);
/* liaison-sync-apply-create.c */
void liaison_sync_apply_start_single (LiaisonSyncRun *run, LiaisonSyncItem *item);
void liaison_sync_apply_start_bulk (LiaisonSyncRun *run);
/* liaison-sync-apply-undo.c: an undo's DELETE of a HighLevel task, note or appointment; and a
 * batch of those of LeadSquared's tasks and appointments (run->lsq_undo_deletes), whose
 * DeleteTasks takes many at once. */
void liaison_sync_apply_start_undo_delete (LiaisonSyncRun *run, LiaisonSyncItem *item);
void liaison_sync_apply_start_undo_batch (LiaisonSyncRun *run);
/* The delete of the copy id of kind on side (contact: its contact there, which HighLevel's task
 * and note deletes name); finish with liaison_lsq_client_delete_tasks_finish or
 * liaison_ghl_client_delete_finish. */
void liaison_sync_undo_send_delete (LiaisonSyncRun *run, LiaisonRecordKind kind,
                                    LiaisonService side, const char *contact, const char *id,
                                    GAsyncReadyCallback callback, gpointer user_data);

G_END_DECLS
