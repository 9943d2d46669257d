/* liaison-contacts-page-private.h: what the Contacts page's files share: the page's
 * instance struct, its properties, and the refresh half (liaison-contacts-page-refresh.c).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-contact-detail.h"
#include "liaison-contacts-page.h"

G_BEGIN_DECLS

struct _LiaisonContactsPage
{
  GtkWidget parent_instance;

  GSettings *settings;
  LiaisonContactList *model;
  GtkSingleSelection *selection;
  /* The contact selected last, to find it again after a reload. */
  guint kept_position;
  char *kept_lsq_id;
  char *kept_ghl_id;
  gboolean reloading;      /* inside the model's items-changed */
  gboolean after_own_link; /* a link made or ended here, not yet seen in the list */
  GCancellable *cancellable;
  GError *load_error;
  gboolean loaded_once;

  LiaisonRefresher *refresher;
  GCancellable *refresh_cancellable;
  char *refresh_error;

  GtkStack *state_stack;
  GtkSpinner *loading_spinner;
  AdwStatusPage *error_page;
  const char *filter; /* a name of status_filters, static */
  LiaisonContactSort sort;

  AdwLeaflet *leaflet;
  GtkWidget *list_pane;
  GtkSearchEntry *search_entry;
  GtkStack *list_stack;
  GtkColumnView *column_view;
  AdwStatusPage *no_results_page;
  AdwStatusPage *empty_page;
  GMenu *filter_section;
  guint filter_counts[7]; /* as shown in filter_section: one per status_filters */
  GtkStack *empty_action_stack;
  GtkLabel *count_label;
  LiaisonContactDetail *detail;
  GtkRevealer *refresh_revealer;
  GtkLabel *refresh_label;
  GtkProgressBar *refresh_progress;
  GtkWidget *refresh_cancel_button;
  GtkWidget *refresh_retry_button;
  GtkWidget *refresh_dismiss_button;
  GtkWidget *empty_refresh_button;
  gint64 refreshed_at; /* when the last refresh of this session went through, ms; 0: none (the
                        * model knows the stored one) */
};

enum
{
  PROP_0,
  PROP_MODEL,
  PROP_REFRESHER,
  PROP_FILTER,
  PROP_SORT,
  PROP_CAN_GO_BACK,
  N_PROPS
};

extern GParamSpec *liaison_contacts_page_properties[N_PROPS];

/* liaison-contacts-page-refresh.c */
void liaison_contacts_page_update_refresh (LiaisonContactsPage *self);
void liaison_contacts_page_class_add_refresh (GtkWidgetClass *widget_class);
void liaison_contacts_page_dispose_refresh (LiaisonContactsPage *self);
/* liaison-contacts-page.c */
void liaison_contacts_page_update_state (LiaisonContactsPage *self);

G_END_DECLS
