/* liaison-conflicts-page.h: LiaisonConflictsPage, the conflicts waiting for a person's answer,
 * field by field, and the answers the next sync will write.
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

G_DECLARE_FINAL_TYPE (LiaisonConflictsPage, liaison_conflicts_page, LIAISON, CONFLICTS_PAGE, AdwBin)

/* The page reads the store's conflicts through a LiaisonConflictList of its own; NULL: no
 * profile is open. */
void liaison_conflicts_page_set_store (LiaisonConflictsPage *self, LiaisonStore *store);
LiaisonConflictList *liaison_conflicts_page_get_model (LiaisonConflictsPage *self);
/* "Apply Now" runs a sync through it; NULL hides the button. */
void liaison_conflicts_page_set_scheduler (LiaisonConflictsPage *self,
                                           LiaisonSyncScheduler *scheduler);

/* Selection mode (the header bar's Select button, Ctrl+A, Escape): see the properties. */
gboolean liaison_conflicts_page_get_selection_mode (LiaisonConflictsPage *self);
void liaison_conflicts_page_set_selection_mode (LiaisonConflictsPage *self, gboolean mode);
const char *liaison_conflicts_page_get_selection_title (LiaisonConflictsPage *self);
gboolean liaison_conflicts_page_get_can_select (LiaisonConflictsPage *self);

G_END_DECLS
