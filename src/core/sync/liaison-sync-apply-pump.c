/* liaison-sync-apply-pump.c: the order remote writes go out in. Two lanes, by the service an
 * item writes first, each with up to the run's concurrency in flight: LeadSquared's bulk creates
 * and updates go on while HighLevel's creates wait for their pace, and the other way round, so
 * that neither service idles while the other paces. Each item keeps its own order (intent, call,
 * one transaction), whatever lane it is in.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include "liaison-debug.h"
#include "liaison-sync-apply-private.h"
#include "liaison-sync-plan.h"

/* The lane of a queued item: the service it writes first (an update writes LeadSquared, then
 * HighLevel). */
static LiaisonService
item_lane (const LiaisonSyncItem *item)
{
  if (item->kind == LIAISON_SYNC_ITEM_UPDATE)
    return item->lsq_changes != NULL && json_object_get_size (item->lsq_changes) > 0
               ? LIAISON_SERVICE_LSQ
               : LIAISON_SERVICE_GHL;
  return item->target;
}

static void
start_item (LiaisonSyncRun *run, LiaisonService lane)
{
  LiaisonSyncItem *item = g_ptr_array_index (run->queues[lane], run->next[lane]++);

  run->in_flight++;
  run->lane_in_flight[lane]++;
  run->starting_lane = lane;
  if (item->kind == LIAISON_SYNC_ITEM_UPDATE)
    liaison_sync_apply_start_update (run, item);
  else if (item->kind == LIAISON_SYNC_ITEM_DELETE && item->record != LIAISON_RECORD_CONTACT)
    liaison_sync_apply_start_undo_delete (run, item);
  else
    liaison_sync_apply_start_single (run, item);
}

static gboolean
lane_has_work (LiaisonSyncRun *run, LiaisonService lane)
{
  return run->next[lane] < run->queues[lane]->len
         || (lane == LIAISON_SERVICE_LSQ
             && (run->lsq_creates->len > 0 || run->lsq_undo_deletes->len > 0));
}

/* Fills each lane up to the concurrency: LeadSquared's bulk creates and its updates go on
 * while HighLevel's creates wait for their pace, and the other way round. */
void
liaison_sync_apply_pump (LiaisonSyncRun *run)
{
  while (!run->stopping && run->lane_in_flight[LIAISON_SERVICE_LSQ] < run->concurrency)
    {
      if (!run->lsq_bulk_busy && run->lsq_creates->len > 0)
        {
          run->lsq_bulk_busy = TRUE;
          run->in_flight++;
          run->lane_in_flight[LIAISON_SERVICE_LSQ]++;
          run->starting_lane = LIAISON_SERVICE_LSQ;
          liaison_sync_apply_start_bulk (run);
        }
      else if (!run->lsq_undo_busy && run->lsq_undo_deletes->len > 0)
        {
          run->lsq_undo_busy = TRUE;
          run->in_flight++;
          run->lane_in_flight[LIAISON_SERVICE_LSQ]++;
          run->starting_lane = LIAISON_SERVICE_LSQ;
          liaison_sync_apply_start_undo_batch (run);
        }
      else if (run->next[LIAISON_SERVICE_LSQ] < run->queues[LIAISON_SERVICE_LSQ]->len)
        start_item (run, LIAISON_SERVICE_LSQ);
      else
        break;
    }
  while (!run->stopping && run->lane_in_flight[LIAISON_SERVICE_GHL] < run->concurrency
         && run->next[LIAISON_SERVICE_GHL] < run->queues[LIAISON_SERVICE_GHL]->len)
    start_item (run, LIAISON_SERVICE_GHL);
  if (run->in_flight == 0
      && (run->stopping
          || (!lane_has_work (run, LIAISON_SERVICE_LSQ)
              && !lane_has_work (run, LIAISON_SERVICE_GHL))))
    {
      void (*applied) (LiaisonSyncRun *) = run->applied;

      run->applied = NULL;
      if (applied)
        applied (run);
    }
}

void
liaison_sync_apply_remote (LiaisonSyncRun *run)
{
  GPtrArray *items = liaison_sync_plan_get_items (run->result->plan);

  run->queues[LIAISON_SERVICE_LSQ] = g_ptr_array_new ();
  run->queues[LIAISON_SERVICE_GHL] = g_ptr_array_new ();
  run->lsq_creates = g_ptr_array_new ();
  run->lsq_undo_deletes = g_ptr_array_new ();
  for (guint i = 0; i < items->len; i++)
    {
      LiaisonSyncItem *item = g_ptr_array_index (items, i);

      if (!liaison_sync_item_writes (item, LIAISON_SERVICE_LSQ)
          && !liaison_sync_item_writes (item, LIAISON_SERVICE_GHL))
        continue;
      if (item->kind == LIAISON_SYNC_ITEM_CREATE && item->target == LIAISON_SERVICE_LSQ)
        g_ptr_array_add (run->lsq_creates, item);
      else if (item->kind == LIAISON_SYNC_ITEM_DELETE && item->record != LIAISON_RECORD_CONTACT
               && item->target == LIAISON_SERVICE_LSQ)
        g_ptr_array_add (run->lsq_undo_deletes, item);
      else
        g_ptr_array_add (run->queues[item_lane (item)], item);
    }
  run->total = run->queues[LIAISON_SERVICE_LSQ]->len + run->queues[LIAISON_SERVICE_GHL]->len
               + run->lsq_creates->len + run->lsq_undo_deletes->len;
  LIAISON_TRACE (LIAISON_DEBUG_SYNC, "applying %u remote writes", run->total);
  liaison_sync_apply_pump (run);
}
