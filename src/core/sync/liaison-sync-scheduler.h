/* liaison-sync-scheduler.h: LiaisonSyncScheduler, the syncs of a running app: every N minutes
 * ("sync-interval"), and at once when asked ("Sync Now"), one run at a time; paused, with a
 * sentence saying why, while an account is missing or the computer is offline.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-session.h"
#include "liaison-sync-engine.h"

G_BEGIN_DECLS

typedef enum
{
  LIAISON_SCHEDULER_OFF,     /* interval 0: it syncs only when asked */
  LIAISON_SCHEDULER_WAITING, /* the next run starts at next-run */
  LIAISON_SCHEDULER_RUNNING,
  LIAISON_SCHEDULER_PAUSED, /* it cannot sync: pause-reason says why */
} LiaisonSchedulerState;

#define LIAISON_SCHEDULER_MAX_INTERVAL 60 /* minutes, as the GSettings key allows */

#define LIAISON_TYPE_SYNC_SCHEDULER (liaison_sync_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonSyncScheduler, liaison_sync_scheduler, LIAISON, SYNC_SCHEDULER,
                      GObject)

LiaisonSyncScheduler *liaison_sync_scheduler_new (void);

/* Follows the session: an engine on its two accounts when both are usable, else paused with the
 * reason (an account to connect or to reconnect). */
void liaison_sync_scheduler_set_session (LiaisonSyncScheduler *self, LiaisonSession *session);
/* Or an engine given directly (tests, liaison-cli); NULL pauses with missing_reason. */
void liaison_sync_scheduler_set_engine (LiaisonSyncScheduler *self, LiaisonSyncEngine *engine,
                                        const char *missing_reason);
/* While the monitor says the network is down, it pauses; NULL: never (the sandbox). */
void liaison_sync_scheduler_set_network_monitor (LiaisonSyncScheduler *self,
                                                 GNetworkMonitor *monitor);

/* Minutes between the end of a run and the start of the next, 0 to 60; 0: only when asked. */
void liaison_sync_scheduler_set_interval (LiaisonSyncScheduler *self, guint minutes);
guint liaison_sync_scheduler_get_interval (LiaisonSyncScheduler *self);

LiaisonSchedulerState liaison_sync_scheduler_get_state (LiaisonSyncScheduler *self);
/* Why it cannot sync now (a sentence with a way forward), or NULL. */
const char *liaison_sync_scheduler_get_pause_reason (LiaisonSyncScheduler *self);
/* It cannot sync because an account is missing or cannot be used (the way forward is Accounts). */
gboolean liaison_sync_scheduler_get_needs_accounts (LiaisonSyncScheduler *self);
/* When the next scheduled run starts, in ms since the epoch; 0 when none is waiting. */
gint64 liaison_sync_scheduler_get_next_run (LiaisonSyncScheduler *self);
gboolean liaison_sync_scheduler_get_running (LiaisonSyncScheduler *self);
/* Of the run going on: operations applied and planned (0 of 0 until the plan is known). */
void liaison_sync_scheduler_get_progress (LiaisonSyncScheduler *self, guint *done, guint *total);

/* Starts a run now (trigger "manual"). FALSE with a sentence when one is running or it cannot
 * sync (the pause reason). The run's end is announced by "run-finished". */
gboolean liaison_sync_scheduler_sync_now (LiaisonSyncScheduler *self, GError **error);
/* Stops the run going on, if any; it ends as "cancelled". */
void liaison_sync_scheduler_cancel (LiaisonSyncScheduler *self);

/* The last run this scheduler made: its result, or NULL with its error; both NULL before the
 * first run ends. */
const LiaisonSyncResult *liaison_sync_scheduler_get_last_result (LiaisonSyncScheduler *self);
const GError *liaison_sync_scheduler_get_last_error (LiaisonSyncScheduler *self);

/* Signals:
 *   "run-started" (const char *trigger)
 *   "progress" (guint done, guint total)
 *   "run-finished" (const char *trigger, gboolean succeeded)
 *   "failed" (const char *cause, const char *message): a scheduled run failed, for a cause not
 *     announced since the last run that went through (a notification, once per cause).
 *   "new-conflicts" (guint n): a scheduled run parked conflicts that were not open before. */

G_END_DECLS
