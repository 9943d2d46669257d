/* liaison-sync-scheduler.h: LiaisonSyncScheduler, when the app syncs: every few minutes while it
 * runs, on "Sync Now", on "Apply Now", and dry runs for a preview. One run at a time; the
 * engine's lock keeps it from running beside `liaison-cli sync` (the systemd timer).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-sync-engine.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_SYNC_SCHEDULER (liaison_sync_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonSyncScheduler, liaison_sync_scheduler, LIAISON, SYNC_SCHEDULER,
                      GObject)

LiaisonSyncScheduler *liaison_sync_scheduler_new (void);

/* The profile's engine; NULL while an account is missing (then nothing runs). */
void liaison_sync_scheduler_set_engine (LiaisonSyncScheduler *self, LiaisonSyncEngine *engine);
LiaisonSyncEngine *liaison_sync_scheduler_get_engine (LiaisonSyncScheduler *self);
/* Minutes between scheduled runs, 0: off. The next run is that long after the last one ended
 * (or after now, when none ran yet). */
void liaison_sync_scheduler_set_interval (LiaisonSyncScheduler *self, guint minutes);
guint liaison_sync_scheduler_get_interval (LiaisonSyncScheduler *self);
/* Wall-clock time of the next scheduled run, unix ms; 0 when none is due. */
gint64 liaison_sync_scheduler_get_next_run (LiaisonSyncScheduler *self);

gboolean liaison_sync_scheduler_get_running (LiaisonSyncScheduler *self);
gboolean liaison_sync_scheduler_get_dry_run (LiaisonSyncScheduler *self); /* of the running one */
/* Operations applied so far and in all, of the run in flight (0 and 0 before the plan is known). */
void liaison_sync_scheduler_get_progress (LiaisonSyncScheduler *self, guint *done, guint *total);

/* Starts a run now (trigger "manual", "scheduled", "apply"...). Emits started, progress and
 * finished; FALSE when one is running already or there is no engine. */
gboolean liaison_sync_scheduler_run (LiaisonSyncScheduler *self, const char *trigger,
                                     gboolean dry_run);
void liaison_sync_scheduler_cancel (LiaisonSyncScheduler *self);

/* The last finished run's result (NULL if it failed as a whole), and its error. */
const LiaisonSyncResult *liaison_sync_scheduler_get_last_result (LiaisonSyncScheduler *self);
const GError *liaison_sync_scheduler_get_last_error (LiaisonSyncScheduler *self);
gboolean liaison_sync_scheduler_get_last_dry_run (LiaisonSyncScheduler *self);

G_END_DECLS
