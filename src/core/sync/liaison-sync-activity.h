/* liaison-sync-activity.h: what the sync of tasks and notes shares: which pairs of linked
 * contacts a pass reads (those that changed, and a slow sweep within a share of the daily
 * quota), and the marks that say where the next pass starts.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-store-activity.h"
#include "liaison-sync-engine-private.h"

G_BEGIN_DECLS

/* The sweep's quota: HighLevel's documented daily quota per location, and LeadSquared's
 * smallest (the Pro plan's 10,000 a day before its 1,000 per user; the setting
 * sync.activity.lsq-daily-quota holds the account's own). Reading one pair of contacts for one
 * kind costs one request on each service, so the sweep's pairs a day are the share of the
 * smaller quota. */
#define LIAISON_GHL_DAILY_QUOTA 200000
#define LIAISON_LSQ_DAILY_QUOTA_DEFAULT 10000
#define LIAISON_SWEEP_SHARE_DEFAULT 10
/* The pairs no pass read yet (a first sync's, all of them) are read in their own share of the
 * quota, half of it for each kind, paced as the sweep is: a pass may read the share times the
 * time since the last pass read any (at most an hour's worth; the first pass a quarter hour's),
 * so a first sync of contacts ends in seconds and their tasks and notes follow over the next
 * syncs, the contacts that changed last first. */
#define LIAISON_FIRST_READ_SHARE_DEFAULT 50
#define LIAISON_FIRST_READ_START_MS (G_GINT64_CONSTANT (15) * 60 * 1000)
#define LIAISON_FIRST_READ_MAX_MS (G_GINT64_CONSTANT (60) * 60 * 1000)
/* The most pairs a pass leaves for the next one to read again; beyond, its mark stays. */
#define LIAISON_RETRY_MAX 200

/* The pairs the sweep may read now: share_percent of the smaller daily quota times the part of
 * the day gone (ms_into_day of 24 h, UTC), less the pairs swept today by either kind. */
guint liaison_sync_sweep_budget (guint share_percent, guint ghl_quota, guint lsq_quota,
                                 guint swept_today, gint64 ms_into_day);

/* The pairs one kind's first reads may read now: its half of share_percent of the smaller daily
 * quota times ms_since_last (clamped to LIAISON_FIRST_READ_MAX_MS; below 0: no pass read any
 * yet, LIAISON_FIRST_READ_START_MS). */
guint liaison_sync_first_read_budget (guint share_percent, guint ghl_quota, guint lsq_quota,
                                      gint64 ms_since_last);

/* What one kind's pass chose to read, and the marks it saves. */
typedef struct
{
  LiaisonRecordKind kind; /* tasks, notes or appointments: which settings */
  guint n_changed;     /* pairs changed or retried, first in pairs */
  guint n_first;       /* then pairs no pass read yet */
  guint n_swept;       /* then the sweep's */
  guint n_waiting;     /* pairs left for their first read after these */
  gint64 since;        /* the changed-since mark used */
  gint64 first_before; /* the first reads' boundary; 0: none */
  gboolean first_new;  /* this pass set first_before */
  gint64 sweep_cursor;
} LiaisonActivityPick;

/* The linked contact pairs whose tasks or notes a pass reads: those whose contact changed in the
 * store (or were linked) since the kind's read-at mark, those listed under its retry, then the
 * pairs no pass read yet (when the kind never had a complete pass, every pair linked before
 * started_at), as far as their pacing allows, and when there are none, the sweep's next stretch
 * after the kind's sweep cursor, as far as the sweep's pacing allows. */
GPtrArray *liaison_sync_activity_choose_pairs (LiaisonSyncRun *run, LiaisonActivityPick *pick,
                                               gint64 started_at, GError **error);
/* The counts of pick, in a pass's JSON part: changedPairs, firstPairs, sweptPairs,
 * waitingPairs. */
/* The child links of kind between the run's two connections, indexed both ways: *by_lsq owns
 * them (by LeadSquared id), *by_ghl points into it (by HighLevel id). */
gboolean liaison_sync_activity_load_links (LiaisonSyncRun *run, LiaisonRecordKind kind,
                                           GHashTable **by_lsq, GHashTable **by_ghl,
                                           GError **error);
void liaison_sync_activity_describe (const LiaisonActivityPick *pick, JsonObject *part);
/* The records of kind an undo took the copy of back (liaison_store_not_copied_key ()): a pass
 * neither copies one nor matches it while it is unlinked, so that the undo stays done. */
GHashTable *liaison_sync_activity_load_not_copied (LiaisonSyncRun *run, LiaisonRecordKind kind,
                                                   GError **error);
gboolean liaison_sync_activity_not_copied (GHashTable *not_copied, const char *connection,
                                           const char *id);
/* Called as a pass leaves a pair: when anything failed since failures_seen (the run's count of
 * failures), the pair's link goes into retry (gint64 link ids). */
void liaison_sync_activity_pair_done (LiaisonSyncRun *run, GArray *retry, guint *failures_seen,
                                      const LiaisonStoreContactPair *pair);
/* Saves where the next pass starts (nothing in a dry run), then calls done. reached: how many of
 * pairs the pass got to; when all, the changed-since mark moves to started_at (the store's clock
 * when the pass began) and retry is what the next pass reads again. The first reads' cursor
 * moves past the last of them reached. */
void liaison_sync_activity_save_marks (LiaisonSyncRun *run, const LiaisonActivityPick *pick,
                                       GPtrArray *pairs, guint reached, gint64 started_at,
                                       GArray *retry, void (*done) (gpointer), gpointer data);

G_END_DECLS
