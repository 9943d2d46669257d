/* liaison-conflicts-page-private.h: what the Conflicts page's two files share: the page's
 * widgets and state (liaison-conflicts-page.c: the view, the list and selection mode) and its
 * answers (liaison-conflicts-page-answers.c: one conflict, a selection, all, a field's policy,
 * an ambiguous match, and Undo).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-conflict-row.h"
#include "liaison-conflicts-page.h"

G_BEGIN_DECLS

/* What the toast's Undo takes back: answers (ids), a link, or pairs kept apart. */
typedef struct
{
  GArray *ids;      /* gint64 conflict ids */
  gint64 link_id;   /* with ids[0]: a linked ambiguous match */
  GPtrArray *pairs; /* with ids[0]: an ambiguous match kept apart (LiaisonStoreLink) */
} LiaisonConflictsUndo;

struct _LiaisonConflictsPage
{
  AdwBin parent_instance;

  LiaisonConflictList *model;
  LiaisonSyncScheduler *scheduler;

  gboolean selection_mode;
  /* "Select All" selects every open field conflict, read or not: selected then holds those a
   * person unticked since. */
  gboolean all_selected;
  GHashTable *selected; /* gint64 * conflict id, owned */
  char *selection_title;
  LiaisonConflictsUndo *undo;
  GWeakRef undo_toast; /* the toast whose Undo undo is */
  gboolean answering;  /* a selection's answer is being saved */

  GtkStack *stack;
  AdwStatusPage *empty_page;
  AdwStatusPage *error_page;
  GtkLabel *summary_label;
  GtkButton *apply_button;
  GtkWidget *all_box;
  GtkListView *list;
  GtkRevealer *selection_bar;
  AdwSqueezer *selection_squeezer; /* long labels, short ones, or the sides' names */
  GtkButton *take_lsq_button;
  GtkButton *take_ghl_button;
  GtkButton *take_lsq_short_button;
  GtkButton *take_ghl_short_button;
  GtkButton *take_lsq_side_button;
  GtkButton *take_ghl_side_button;
};

/* A toast in the window's overlay (the message is plain text); with undo (taken), an Undo
 * button that runs conflicts.undo. */
void liaison_conflicts_page_toast (LiaisonConflictsPage *self, const char *message,
                                   LiaisonConflictsUndo *undo);
void liaison_conflicts_undo_free (LiaisonConflictsUndo *undo);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonConflictsUndo, liaison_conflicts_undo_free)

/* The open field conflicts selected one by one (not after a Select All), in no set order. */
GPtrArray *liaison_conflicts_page_selected_items (LiaisonConflictsPage *self);
/* How many open field conflicts the selection holds, those not read yet included. */
guint liaison_conflicts_page_count_selected (LiaisonConflictsPage *self);
LiaisonConflictItem *liaison_conflicts_page_find_item (LiaisonConflictsPage *self, gint64 id);
void liaison_conflicts_page_update_selection (LiaisonConflictsPage *self);

/* The answers' actions and the row's "choose", for class_init and the list's factory. */
void liaison_conflicts_page_install_answers (GtkWidgetClass *widget_class);
void liaison_conflicts_page_on_row_choose (LiaisonConflictRow *row, const char *choice,
                                           LiaisonConflictsPage *self);

G_END_DECLS
