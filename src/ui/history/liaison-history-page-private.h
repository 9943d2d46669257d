/* liaison-history-page-private.h: the History page's rows and the words they use, shared by
 * liaison-history-page.c and liaison-history-rows.c.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

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

/* A run of the list (the run's id in data "run-id"); NULL run: the "All Runs" row (id 0). */
GtkWidget *liaison_history_run_row_new (const LiaisonStoreRun *run);
/* An operation: what, where, before → after, the result, the error and its cause, and a menu
 * to keep only its contact or its field (actions history.only-contact, history.only-field). */
GtkWidget *liaison_history_operation_row_new (const LiaisonStoreOperation *op);

G_END_DECLS
