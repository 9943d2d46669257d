/* liaison-conflicts-page.h: the Conflicts page: the fields both services changed differently,
 * per contact, with the base and both values side by side, and the ambiguous matches; answered
 * one by one or for a selection, written by the next run or at once with Apply Now.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-conflict-list.h"
#include "liaison-sync-scheduler.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CONFLICTS_PAGE (liaison_conflicts_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonConflictsPage, liaison_conflicts_page, LIAISON, CONFLICTS_PAGE,
                      GtkWidget)

void liaison_conflicts_page_set_model (LiaisonConflictsPage *self, LiaisonConflictList *model);
LiaisonConflictList *liaison_conflicts_page_get_model (LiaisonConflictsPage *self);
void liaison_conflicts_page_set_scheduler (LiaisonConflictsPage *self,
                                           LiaisonSyncScheduler *scheduler);
/* Answers in flight (tests wait for 0). */
guint liaison_conflicts_page_get_busy (LiaisonConflictsPage *self);

G_END_DECLS
