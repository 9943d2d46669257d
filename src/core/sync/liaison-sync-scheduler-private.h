/* liaison-sync-scheduler-private.h: the scheduler's clock, for tests that pin "now".
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-sync-scheduler.h"

G_BEGIN_DECLS

/* Now, in ms since the epoch. */
typedef gint64 (*LiaisonSchedulerClock) (gpointer user_data);

/* NULL: the wall clock. The timer still waits in real time for the clock's distance to the next
 * run, so a test moves its clock and then calls liaison_sync_scheduler_tick (). */
void liaison_sync_scheduler_set_clock (LiaisonSyncScheduler *self, LiaisonSchedulerClock clock,
                                       gpointer user_data);
/* What the timer does when it fires: starts the run that is due, if one is and none is going. */
void liaison_sync_scheduler_tick (LiaisonSyncScheduler *self);

/* A read of the open conflicts (to tell the new ones) is going on. */
gboolean liaison_sync_scheduler_get_reading_conflicts (LiaisonSyncScheduler *self);

G_END_DECLS
