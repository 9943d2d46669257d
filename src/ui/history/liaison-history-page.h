/* liaison-history-page.h: the History page: every sync run newest first with its counts, a
 * run's changes with their values before and after, errors and their causes, filters and a
 * search, charts of the changes and errors per day and of the API requests per run, the CSV
 * export of what it shows, and the undo of a run.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-store.h"
#include "liaison-sync-engine.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_HISTORY_PAGE (liaison_history_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonHistoryPage, liaison_history_page, LIAISON, HISTORY_PAGE, GtkWidget)

/* The store whose history the page shows (NULL: none); it reads it again at once. */
void liaison_history_page_set_store (LiaisonHistoryPage *self, LiaisonStore *store);
/* The engine of the profile's two connected accounts, through which "Undo Run…" takes a run
 * back (NULL: an account is not connected, and the action is off). */
void liaison_history_page_set_engine (LiaisonHistoryPage *self, LiaisonSyncEngine *engine);
/* Reads the runs and the changes shown again (the page does when it is shown, and after a sync
 * of this process). */
void liaison_history_page_reload (LiaisonHistoryPage *self);
/* Exports what the page lists, the run chosen or every run, with its search and filters, to file
 * as CSV, and says in a toast how many changes went; the Export button calls it with the file
 * chosen. */
void liaison_history_page_export_to (LiaisonHistoryPage *self, GFile *file);
/* The instant the charts end at (tests); 0: now. */
void liaison_history_page_set_now (LiaisonHistoryPage *self, gint64 now_ms);
/* TRUE while a read of the store is on its way ("busy"). */
gboolean liaison_history_page_get_busy (LiaisonHistoryPage *self);

G_END_DECLS
