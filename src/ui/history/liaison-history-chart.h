/* liaison-history-chart.h: a bar chart of the sync history per day: the changes, stacked by
 * kind (created, updated, deleted), or the errors. It has readable axes, a tooltip per day and
 * an accessible summary, and says so when there is nothing to draw.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* One local day: its midnight (ms UTC) and what the runs started on it did. */
typedef struct
{
  gint64 day_ms;
  guint created;
  guint updated;
  guint deleted;
  guint failed;
} LiaisonHistoryDay;

/* The n_days local days up to and including now's, from runs (LiaisonStoreRun, any order);
 * runs outside them are left out. */
GArray *liaison_history_days_from_runs (GPtrArray *runs, gint64 now_ms, guint n_days);

#define LIAISON_TYPE_HISTORY_CHART (liaison_history_chart_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonHistoryChart, liaison_history_chart, LIAISON, HISTORY_CHART, GtkWidget)

GtkWidget *liaison_history_chart_new (gboolean errors);
/* "errors": FALSE draws the changes, TRUE the errors. */
void liaison_history_chart_set_errors (LiaisonHistoryChart *self, gboolean errors);
/* days: LiaisonHistoryDay, oldest first; NULL or empty: nothing to draw. */
void liaison_history_chart_set_days (LiaisonHistoryChart *self, GArray *days);
/* What the accessible label says, e.g. "Changes per day, last 14 days: 12 in all, most on
 * 2 Dec (8)". */
const char *liaison_history_chart_get_summary (LiaisonHistoryChart *self);
/* The tooltip of the day at x (widget coordinates), or NULL. */
char *liaison_history_chart_dup_tooltip_at (LiaisonHistoryChart *self, double x);

G_END_DECLS
