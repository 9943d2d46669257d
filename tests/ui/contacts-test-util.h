/* contacts-test-util.h: what the Contacts page tests share: their fixture, and waiting for the
 * list, the detail pane and toasts.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-contact-detail.h"
#include "liaison-contacts-page.h"
#include "store-test-util.h"

G_BEGIN_DECLS

typedef struct
{
  char *dir;
  LiaisonStore *store;
  char *lsq;
  char *ghl;
  LiaisonContactList *model;
  LiaisonContactsPage *page;
  AdwToastOverlay *overlay;
  GtkWindow *window;
} Fixture;

/* Zoë Müller and Arjun Rao on both sides (proposed), Only Lead and Only Contact on one. */
void fixture_set_up (Fixture *fixture, gconstpointer data);
void fixture_tear_down (Fixture *fixture, gconstpointer data);

gpointer template_child (gpointer widget, GType type, const char *name);
void commit_contacts (LiaisonStore *store, const char *connection_id, LiaisonStoreRecord *first,
                      ...) G_GNUC_NULL_TERMINATED;
void wait_until_loaded (Fixture *fixture);
/* The detail pane and its activity read the store asynchronously. */
void wait_detail (LiaisonContactDetail *detail);
/* Until the list shows n rows; until the store holds n contacts of status, whatever the list
 * shows; status 0 counts the rows. */
void wait_for_n_rows (Fixture *fixture, guint n);
void wait_for_status_count (Fixture *fixture, LiaisonLinkStatus status, guint n);
void wait_for_count (Fixture *fixture, LiaisonLinkStatus status, guint n);
gboolean focus_within (Fixture *fixture, gpointer widget);
/* The position of the row whose LeadSquared id is lsq_id. */
guint row_position (Fixture *fixture, const char *lsq_id);
LiaisonContactRow *selected_row (Fixture *fixture);
AdwMessageDialog *find_message_dialog (void);
/* The first widget under widget of type whose label is text, or NULL. */
GtkWidget *find_labelled (GtkWidget *widget, GType type, const char *text);
/* The Undo button of the toast titled title, once it shows (NULL when it has none). */
GtkWidget *wait_toast_undo (Fixture *fixture, const char *title);

G_END_DECLS
