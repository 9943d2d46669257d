/* liaison-history-requests.h: a bar chart of each sync run's API requests against the daily
 * quota of each service: per run a LeadSquared and a HighLevel bar, as a share of that
 * service's requests a day (LIAISON_LSQ_DAILY_QUOTA, LIAISON_GHL_DAILY_QUOTA). It has readable
 * axes, a tooltip per run and an accessible summary, and says so when there is nothing to draw.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* One run's requests, as its row in the history counts them (the sync's writes and lookups). */
typedef struct
{
  gint64 run_id;
  gint64 started_at;
  guint lsq;
  guint ghl;
} LiaisonHistoryRequests;

/* The newest n_runs runs that were not dry runs from runs (LiaisonStoreRun, any order), oldest
 * first. */
GArray *liaison_history_requests_from_runs (GPtrArray *runs, guint n_runs);

#define LIAISON_TYPE_HISTORY_REQUESTS_CHART (liaison_history_requests_chart_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonHistoryRequestsChart, liaison_history_requests_chart, LIAISON,
                      HISTORY_REQUESTS_CHART, GtkWidget)

GtkWidget *liaison_history_requests_chart_new (void);
/* runs: LiaisonHistoryRequests, oldest first; NULL or empty: nothing to draw. */
void liaison_history_requests_chart_set_runs (LiaisonHistoryRequestsChart *self, GArray *runs);
/* What the accessible label says, e.g. "API requests of the last 30 runs: at most 40 to
 * LeadSquared (0.4 % of its 10,000 a day) and 12 to HighLevel (0.01 % of its 200,000 a day)". */
const char *liaison_history_requests_chart_get_summary (LiaisonHistoryRequestsChart *self);
/* The tooltip of the run at x (widget coordinates), or NULL. */
char *liaison_history_requests_chart_dup_tooltip_at (LiaisonHistoryRequestsChart *self, double x);
/* "0.4 %", "12 %", "< 0.01 %": a share of a quota (0 to 1 and beyond) as a person reads it. */
char *liaison_history_format_share (double share);

G_END_DECLS
