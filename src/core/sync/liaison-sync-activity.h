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
/* The most pairs a pass leaves for the next one to read again; beyond, its mark stays. */
#define LIAISON_RETRY_MAX 200

/* The pairs the sweep may read now: share_percent of the smaller daily quota times the part of
 * the day gone (ms_into_day of 24 h, UTC), less the pairs swept today by either kind. */
guint liaison_sync_sweep_budget (guint share_percent, guint ghl_quota, guint lsq_quota,
                                 guint swept_today, gint64 ms_into_day);

/* The linked contact pairs whose tasks or notes a pass reads: those whose contact changed in the
 * store (or were linked) since the time under read_at_key, those listed under retry_key, then the
 * sweep's next stretch after the link under cursor_key, as far as the sweep's pacing allows. */
GPtrArray *liaison_sync_activity_choose_pairs (LiaisonSyncRun *run, const char *read_at_key,
                                               const char *cursor_key, const char *retry_key,
                                               guint *n_changed, guint *n_swept,
                                               gint64 *sweep_cursor, GError **error);
/* Called as a pass leaves a pair: when anything failed since failures_seen (the run's count of
 * failures), the pair's link goes into retry (gint64 link ids). */
void liaison_sync_activity_pair_done (LiaisonSyncRun *run, GArray *retry, guint *failures_seen,
                                      const LiaisonStoreContactPair *pair);
/* Saves where the next pass starts (nothing in a dry run), then calls done. complete: the pass
 * reached every chosen pair, so the changed-since mark moves to started_at (the store's clock
 * when the pass began) and retry is what the next pass reads again. */
void liaison_sync_activity_save_marks (LiaisonSyncRun *run, const char *read_at_key,
                                       const char *cursor_key, const char *retry_key,
                                       gint64 started_at, gboolean complete, GArray *retry,
                                       guint n_swept, gint64 sweep_cursor, void (*done) (gpointer),
                                       gpointer data);

G_END_DECLS
