/* liaison-sync-undo-private.h: what the undo's planner and its apply share about the tasks,
 * notes and appointments a run created (liaison-sync-undo-activity.c): the item that takes one
 * back, and the sentences and store step of a copy deleted.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-store-sync.h"
#include "liaison-sync-plan.h"

G_BEGIN_DECLS

/* What takes back op, run_id's create of a task, note or appointment: a DELETE of the copy it
 * made (item->record the kind, target the copy's side, lsq_parent and ghl_parent the contacts,
 * created what the run made), or a SKIP saying why not. */
LiaisonSyncItem *liaison_sync_undo_plan_activity (LiaisonStore *store,
                                                  const char *const connections[2], gint64 run_id,
                                                  const LiaisonStoreOperation *op,
                                                  const LiaisonSyncPlanOptions *options);

/* "LeadSquared" or "HighLevel". */
const char *liaison_sync_undo_service_name (LiaisonService side);

/* One of three sentences by kind (a task, a note, else an appointment); a macro, so that the
 * compiler checks each format against its arguments. */
#define LIAISON_UNDO_BY_KIND(kind, task, note, appointment)                                        \
  ((kind) == LIAISON_RECORD_TASK ? (task) : (kind) == LIAISON_RECORD_NOTE ? (note) : (appointment))

/* Adds to step (of the copy's kind) what deleting the copy an undo took back changes: the copy
 * gone, its link removed, the original listed as not to copy again (and, on LeadSquared, whose
 * DeleteTasks finishes later, the copy too, so that no pass copies it back meanwhile). */
void liaison_sync_undo_deleted (LiaisonStoreStep *step, LiaisonService copy_side,
                                const char *lsq_connection, const char *ghl_connection,
                                const char *copy_id, const char *original_id, gint64 link_id,
                                gint64 undone_run);

G_END_DECLS
