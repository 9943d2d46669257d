/* liaison-overview-page.h: the Overview page: the last sync run (when, what it did, what failed
 * and why), open conflicts, the next run, the accounts' health, Sync Now with progress and
 * Cancel, and the first steps for someone new.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-conflict-list.h"
#include "liaison-session.h"
#include "liaison-sync-scheduler.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_OVERVIEW_PAGE (liaison_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonOverviewPage, liaison_overview_page, LIAISON, OVERVIEW_PAGE, GtkWidget)

/* The store its runs are read from; the two connections (NULL: not connected). */
void liaison_overview_page_set_store (LiaisonOverviewPage *self, LiaisonStore *store,
                                      const char *lsq_connection, const char *ghl_connection);
void liaison_overview_page_set_session (LiaisonOverviewPage *self, LiaisonSession *session);
void liaison_overview_page_set_scheduler (LiaisonOverviewPage *self,
                                          LiaisonSyncScheduler *scheduler);
void liaison_overview_page_set_conflicts (LiaisonOverviewPage *self,
                                          LiaisonConflictList *conflicts);
/* Reads the runs again (the timer's runs too). */
void liaison_overview_page_refresh (LiaisonOverviewPage *self);

G_END_DECLS
