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
/* The most pairs one pass sweeps, however much of the day's share is left. */
#define LIAISON_SWEEP_MAX_PER_RUN 500

/* The pairs one pass may sweep: share_percent of the smaller daily quota, less the pairs swept
 * today (by either kind), at most LIAISON_SWEEP_MAX_PER_RUN. */
guint liaison_sync_sweep_budget (guint share_percent, guint ghl_quota, guint lsq_quota,
                                 guint swept_today);

/* The linked contact pairs whose tasks or notes a pass reads: those changed on either side (or
 * linked) since the time under read_at_key, then the sweep's next stretch after the link under
 * cursor_key, as long as today's share of the quota allows. */
GPtrArray *liaison_sync_activity_choose_pairs (LiaisonSyncRun *run, const char *read_at_key,
                                               const char *cursor_key, guint *n_changed,
                                               guint *n_swept, gint64 *sweep_cursor,
                                               GError **error);
/* Saves where the next pass starts (nothing in a dry run), then calls done. all_read: every
 * chosen pair was read, so the changed-since mark moves. */
void liaison_sync_activity_save_marks (LiaisonSyncRun *run, const char *read_at_key,
                                       const char *cursor_key, gint64 started_at, gboolean all_read,
                                       guint n_swept, gint64 sweep_cursor, void (*done) (gpointer),
                                       gpointer data);

G_END_DECLS
