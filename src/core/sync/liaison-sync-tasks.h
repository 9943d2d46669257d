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

#include "liaison-sync-activity.h"

G_BEGIN_DECLS

/* The canonical values of a task: {"title", "description", "due" (ISO 8601 UTC, seconds), or
 * null, "completed"}. */
JsonObject *liaison_sync_task_values (LiaisonTask *task);

/* Reads, plans and (unless a dry run) writes the tasks of the run's linked contacts; adds to
 * run->result (its counts, failures, activity plan). */
void liaison_sync_tasks_async (LiaisonSyncRun *run, GAsyncReadyCallback callback,
                               gpointer user_data);
gboolean liaison_sync_tasks_finish (LiaisonSyncRun *run, GAsyncResult *result, GError **error);

G_END_DECLS
