/* liaison-sync-tasks.h: the to-dos of linked contacts, both ways: LeadSquared to-do tasks and
 * HighLevel contact tasks under each linked pair of contacts, read for the pairs that changed
 * plus a slow sweep, merged per field against the base of their link, written with an intent
 * first, and matched by content (same contact, title and due time) so that a write a crash or a
 * lost reply left unconfirmed is never made twice.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-store-activity.h"
#include "liaison-sync-engine-private.h"

G_BEGIN_DECLS

/* HighLevel's documented daily quota per location; LeadSquared's is higher on every plan. */
#define LIAISON_GHL_DAILY_QUOTA 200000
#define LIAISON_SWEEP_SHARE_DEFAULT 10
/* Requests the sweep spends on one pair of contacts: one list on each side. */
#define LIAISON_SWEEP_REQUESTS_PER_PAIR 2
/* The most pairs one run sweeps, however much of the day's share is left. */
#define LIAISON_SWEEP_MAX_PER_RUN 500

/* The canonical values of a task: {"title", "description", "due" (ISO 8601 UTC, seconds), or
 * null, "completed"}. */
JsonObject *liaison_sync_task_values (LiaisonTask *task);

/* The pairs the day's sweep share allows for one run, given what was spent today. */
guint liaison_sync_sweep_budget (guint share_percent, guint spent_today);

/* Reads, plans and (unless a dry run) writes the tasks of the run's linked contacts; adds to
 * run->result (its counts, failures, activity plan). */
void liaison_sync_tasks_async (LiaisonSyncRun *run, GAsyncReadyCallback callback,
                               gpointer user_data);
gboolean liaison_sync_tasks_finish (LiaisonSyncRun *run, GAsyncResult *result, GError **error);

G_END_DECLS
