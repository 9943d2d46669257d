/* liaison-history-page-private.h: the History page's rows and the words they use, shared by
 * liaison-history-page.c and liaison-history-rows.c.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-history-page.h"
#include "liaison-store-sync.h"

G_BEGIN_DECLS

/* "Schedule", "Sync Now", ...; "Succeeded", "Partly done", ...; "1.5 s", "2 min 3 s". */
const char *liaison_history_trigger_label (const char *trigger);
const char *liaison_history_status_label (const char *status);
char *liaison_history_format_duration (gint64 ms);
/* "3 created · 5 updated · 1 error", or "No changes". */
char *liaison_history_format_counts (const LiaisonStoreRun *run);
/* A stored value (JSON text) as a person reads it: text in quotes, empty for null. */
char *liaison_history_format_value (const char *json);
/* Why an operation was done, or why it failed, as words; NULL for no cause. */
const char *liaison_history_cause_label (const char *cause);
char *liaison_history_run_title (const LiaisonStoreRun *run);
/* "Sync Now · Succeeded · 1.5 s · 3 + 2 requests", its counts and its error, on lines. */
char *liaison_history_run_summary (const LiaisonStoreRun *run);

/* A run of the list (the run's id in data "run-id"); NULL run: the "All Runs" row (id 0). */
GtkWidget *liaison_history_run_row_new (const LiaisonStoreRun *run);
/* An operation: what, where, before → after, the result, the error and its cause, and a menu
 * to keep only its contact or its field (actions history.only-contact, history.only-field). */
GtkWidget *liaison_history_operation_row_new (const LiaisonStoreOperation *op);

/* A filter's chip: shown with format's label for value, hidden for NULL. */
void liaison_history_set_chip (GtkWidget *chip, AdwButtonContent *content, const char *format,
                               const char *value);

/* What liaison-history-undo.c uses of the page: its engine and the cancellable of its undo
 * (cancelled when the page goes), its busy count, a toast. */
LiaisonSyncEngine *liaison_history_page_get_engine (LiaisonHistoryPage *self,
                                                    GCancellable **undo_cancellable);
void liaison_history_page_add_busy (LiaisonHistoryPage *self, int delta);
void liaison_history_page_toast (LiaisonHistoryPage *self, const char *text);
/* Undoing: the action is off while an undo is planned, asked or applied. */
void liaison_history_page_set_undoing (LiaisonHistoryPage *self, gboolean undoing);

/* liaison-history-undo.c: "Undo Run…": the dry run of the undo, its plan in a dialog (what goes
 * back, what is left alone and why), then the undo itself, all through the engine, as
 * `liaison-cli undo` does; the new run is listed when it is done. */
void liaison_history_undo_run (LiaisonHistoryPage *page, gint64 run_id);
/* The dialog of the plan: responses "cancel" and "undo", or only "close" when nothing can be put
 * back. */
GtkWidget *liaison_history_undo_dialog_new (GtkWindow *parent, gint64 run_id,
                                            LiaisonSyncPlan *plan);

G_END_DECLS
