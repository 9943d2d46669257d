/* liaison-overview-setup.h: LiaisonOverviewSetup, the first-run path of the Overview page: the
 * three steps from a new profile to its first sync (connect both accounts, review the field
 * mapping, preview and run the first sync), each done or next as the profile really stands.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-session.h"
#include "liaison-sync-scheduler.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_OVERVIEW_SETUP (liaison_overview_setup_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonOverviewSetup, liaison_overview_setup, LIAISON, OVERVIEW_SETUP, AdwBin)

/* session may be NULL (then the scheduler says whether both accounts are there); reviewed: a
 * field map was saved or accepted in this profile. */
void liaison_overview_setup_update (LiaisonOverviewSetup *self, LiaisonSession *session,
                                    LiaisonSyncScheduler *scheduler, gboolean reviewed);
/* The step to take now, 1 to 3 (tests). */
guint liaison_overview_setup_get_next_step (LiaisonOverviewSetup *self);

G_END_DECLS
