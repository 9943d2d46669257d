/* liaison-sync-appointments.h: the appointments of linked contacts, both ways: HighLevel calendar
 * events with a contact and LeadSquared appointment tasks (task types of category 0) under each
 * linked pair of contacts, merged per field against the base of their link, written with an
 * intent first, and matched by content (same contact, title and start) so that a write a crash
 * or a lost reply left unconfirmed is never made twice.
 *
 * Status, both ways (the canonical value in the middle):
 *
 *   HighLevel appointmentStatus   canonical    LeadSquared
 *   new, confirmed (active)       open         StatusCode 0 (Pending, Overdue)
 *   showed, noshow (completed)    completed    StatusCode 1 (MarkComplete)
 *   cancelled, invalid            cancelled    Status "Cancelled"
 *
 * Written to HighLevel: open -> confirmed, completed -> showed, cancelled -> cancelled. Written
 * to LeadSquared: completed -> MarkComplete. LeadSquared's API has no call that reopens a task
 * or cancels one (leadsquared-api.md §5): such a change from HighLevel is a conflict that says
 * so, never a silent drop. A no-show completes: the appointment's time is over and LeadSquared
 * knows only open and completed tasks; HighLevel keeps its "noshow".
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-sync-activity.h"

G_BEGIN_DECLS

/* The window of appointments a pass reads: from 30 days before now to 180 days after. Only those
 * not over yet are made on the other side. */
#define LIAISON_APPOINTMENTS_PAST_MS (G_GINT64_CONSTANT (30) * 24 * 3600 * 1000)
#define LIAISON_APPOINTMENTS_AHEAD_MS (G_GINT64_CONSTANT (180) * 24 * 3600 * 1000)
/* The LeadSquared appointment type of appointments made from HighLevel; default "Meeting". */
#define LIAISON_SETTING_APPOINTMENTS_LSQ_TYPE "sync.appointments.lsq-type"

void liaison_sync_appointments_async (LiaisonSyncRun *run, GAsyncReadyCallback callback,
                                      gpointer user_data);
gboolean liaison_sync_appointments_finish (LiaisonSyncRun *run, GAsyncResult *result,
                                           GError **error);

G_END_DECLS
