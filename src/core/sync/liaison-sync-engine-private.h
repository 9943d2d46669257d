/* liaison-sync-engine-private.h: what the engine's files share: the state of one run.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-field-map.h"
#include "liaison-sync-engine.h"

G_BEGIN_DECLS

typedef struct _LiaisonSyncRun LiaisonSyncRun;

struct _LiaisonSyncRun
{
  GTask *task;
  LiaisonSyncEngine *engine;
  LiaisonStore *store;
  LiaisonLsqClient *lsq;
  LiaisonGhlClient *ghl;
  const char *lsq_connection;
  const char *ghl_connection;
  LiaisonSyncOptions options;
  char *trigger; /* options.trigger, or "manual" */
  LiaisonFieldMap *map;
  char *map_hash; /* liaison_field_map_fingerprint (map) */
  LiaisonSyncResult *result;
  int lock_fd;
  gboolean deletes;
  gboolean holding;        /* the store's notifications are held for this run */
  gboolean lists_stale[2]; /* by LiaisonService: a write was refused as invalid */

  /* apply: two lanes, by the service an item writes first (LiaisonService), each with its own
   * writes in flight, so that one service's pacing never leaves the other idle */
  GPtrArray *queues[2]; /* LiaisonSyncItem (borrowed from the plan) with remote writes */
  guint next[2];        /* next item of each queue */
  guint lane_in_flight[2];
  LiaisonService starting_lane; /* the lane of the Work being started */
  GPtrArray *lsq_creates; /* LiaisonSyncItem waiting for a bulk batch (the LeadSquared lane) */
  GPtrArray *lsq_undo_deletes; /* an undo's LeadSquared task deletes, for DeleteTasks batches */
  guint in_flight;
  guint done, total;
  gboolean lsq_bulk_busy;
  gboolean lsq_undo_busy; /* a DeleteTasks batch is being read or sent */
  guint concurrency;
  gboolean stopping; /* an error that ends the run: no new work */
  GError *fatal;
  void (*applied) (LiaisonSyncRun *run); /* called once nothing is in flight and all is done */
};

/* Steps of a run, for tests: LIAISON_SYNC_STEPS=1 reports each on stderr, and
 * LIAISON_SYNC_CRASH_AT=N waits at the Nth to be killed (see liaison-sync-engine.c). */
void liaison_sync_engine_crash_point (LiaisonSyncEngine *self, const char *where);
void liaison_sync_engine_progress (LiaisonSyncEngine *self, guint done, guint total);
/* The sweep's clock (liaison_sync_engine_set_clock), ms since the epoch. */
gint64 liaison_sync_engine_now_ms (LiaisonSyncEngine *self);

/* liaison-sync-apply.c */
void liaison_sync_apply_local (LiaisonSyncRun *run, GAsyncReadyCallback callback);
gboolean liaison_sync_apply_local_finish (LiaisonSyncRun *run, GAsyncResult *result,
                                          GError **error);
void liaison_sync_apply_remote (LiaisonSyncRun *run);

/* liaison-sync-reconcile.c */
void liaison_sync_reconcile_async (LiaisonSyncRun *run, GAsyncReadyCallback callback);
gboolean liaison_sync_reconcile_finish (LiaisonSyncRun *run, GAsyncResult *result, GError **error);

/* liaison-sync-lists.c */
void liaison_sync_start_refresh (LiaisonSyncRun *run, GAsyncReadyCallback callback);
/* A write to side failed with error: a refusal as invalid makes the next run read that side's
 * field definitions and owners again. */
void liaison_sync_note_refusal (LiaisonSyncRun *run, LiaisonService side, const GError *error);
/* Marks the lists of the sides noted stale, then calls then. */
void liaison_sync_mark_lists_stale (LiaisonSyncRun *run, void (*then) (LiaisonSyncRun *run));

/* Shared helpers */
char *liaison_sync_intent_payload (const LiaisonSyncItem *item, const char *map_hash);
LiaisonStoreRecord *liaison_sync_record_from_contact (LiaisonContact *contact,
                                                      const char *connection_id,
                                                      char **content_hash);
void liaison_sync_fail (LiaisonSyncRun *run, const char *what, const GError *error);
/* The same for a contact's item: the failure names the person (see describe_contact), id only
 * when nothing else is known. */
void liaison_sync_fail_contact (LiaisonSyncRun *run, const LiaisonSyncItem *item, const char *id,
                                const GError *error);

G_END_DECLS
