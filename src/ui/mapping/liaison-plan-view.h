/* liaison-plan-view.h: a sync plan as people read it: counts per kind and per side, each field's
 * value before and after, the API calls it takes and how long the services' quotas make that.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-sync-plan.h"

G_BEGIN_DECLS

/* The changes listed one by one, at most; the rest are counted. */
#define LIAISON_PLAN_VIEW_MAX_CHANGES 60

/* Replaces box's children with the plan. */
void liaison_plan_view_show (GtkBox *box, LiaisonSyncPlan *plan);
/* "3 updates, 1 create" for what the plan writes to side (tests read it back). */
char *liaison_plan_view_side_summary (LiaisonSyncPlan *plan, LiaisonService side);
/* Seconds the documented quotas take for n calls to side. */
guint liaison_plan_view_quota_seconds (LiaisonService side, guint n_calls);

G_END_DECLS
