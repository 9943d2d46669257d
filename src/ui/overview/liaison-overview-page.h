/* liaison-overview-page.h: LiaisonOverviewPage, the state of the profile's syncs at a glance: the
 * last run (when, what it changed, what went wrong and what to do), the next one, the conflicts
 * waiting for an answer, and Sync Now with its progress.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-conflict-list.h"
#include "liaison-sync-scheduler.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_OVERVIEW_PAGE (liaison_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonOverviewPage, liaison_overview_page, LIAISON, OVERVIEW_PAGE, AdwBin)

/* The runs are read from the store, so that the systemd timer's runs show too. */
void liaison_overview_page_set_store (LiaisonOverviewPage *self, LiaisonStore *store);
/* The profile: its store (as set_store) and the state of its two accounts. */
void liaison_overview_page_set_session (LiaisonOverviewPage *self, LiaisonSession *session);
void liaison_overview_page_set_scheduler (LiaisonOverviewPage *self,
                                          LiaisonSyncScheduler *scheduler);
/* The Conflicts page's list, for the count waiting for an answer. */
void liaison_overview_page_set_conflicts (LiaisonOverviewPage *self,
                                          LiaisonConflictList *conflicts);
/* Reads the last run again (tests; the page does it after every run and when it is shown). */
void liaison_overview_page_reload (LiaisonOverviewPage *self);
gboolean liaison_overview_page_get_loading (LiaisonOverviewPage *self);
/* The page shows the path to the first sync (no sync has run in this profile yet). */
gboolean liaison_overview_page_get_first_run (LiaisonOverviewPage *self);

G_END_DECLS
