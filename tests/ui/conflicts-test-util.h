/* conflicts-test-util.h: the Conflicts page's tests share this: a synced sandbox with the page
 * in a window (in a toast overlay), and ways to find its rows and read what they show.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-conflict-row.h"
#include "liaison-conflicts-page.h"
#include "store-test-util.h"
#include "sync-test-util.h"

G_BEGIN_DECLS

extern const SyncFixtureOptions conflicts_small;

typedef struct
{
  SyncFixture sync;
  LiaisonConflictsPage *page;
  GtkWindow *window;
  char *lsq_id;
  char *ghl_id;
} Fixture;

/* Generous: conflicts-window runs with LeakSanitizer's slow unwinder, where answering every
 * conflict and reading the list again took 37 s on a loaded machine. */
#define WAIT_UNTIL(cond) SYNC_WAIT_UNTIL (cond, 90)

gpointer template_child (Fixture *f, const char *name);
void run_ok (Fixture *f);
const char *visible_page (Fixture *f);
void make_conflict (Fixture *f, const char *lsq_city, const char *ghl_city);
void set_up (Fixture *f, gconstpointer data);
void tear_down (Fixture *f, gconstpointer data);
GPtrArray *list_rows (Fixture *f);
LiaisonConflictRow *find_row (Fixture *f, const char *field);
GtkWidget *find_named (GtkWidget *widget, const char *name);
const char *value_label (LiaisonConflictRow *row, const char *side);
const char *lead_city (Fixture *f);
const char *contact_city (Fixture *f);
guint open_conflicts_for_lead (Fixture *f);
void on_dialog_shown (GtkWindow *window, gpointer user_data);
AdwMessageDialog *find_dialog (void);

G_END_DECLS
