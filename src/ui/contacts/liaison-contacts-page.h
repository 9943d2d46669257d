/* liaison-contacts-page.h: contacts of both services side by side.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-contact-list.h"
#include "liaison-refresher.h"
#include "liaison-session.h"
#include "liaison-store.h"
#include "liaison-sync-engine.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CONTACTS_PAGE (liaison_contacts_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonContactsPage, liaison_contacts_page, LIAISON, CONTACTS_PAGE, GtkWidget)

LiaisonContactList *liaison_contacts_page_get_model (LiaisonContactsPage *self);
void liaison_contacts_page_set_model (LiaisonContactsPage *self, LiaisonContactList *model);
LiaisonRefresher *liaison_contacts_page_get_refresher (LiaisonContactsPage *self);
void liaison_contacts_page_set_refresher (LiaisonContactsPage *self, LiaisonRefresher *refresher);
void liaison_contacts_page_set_session (LiaisonContactsPage *self, LiaisonSession *session);
/* The engine of both connected accounts (NULL without): "Create in HighLevel/LeadSquared". */
void liaison_contacts_page_set_engine (LiaisonContactsPage *self, LiaisonSyncEngine *engine);
/* The link status shown: "all", "linked", "proposed", "ambiguous", "lsq-only", "ghl-only". */
const char *liaison_contacts_page_get_filter (LiaisonContactsPage *self);
void liaison_contacts_page_set_filter (LiaisonContactsPage *self, const char *filter);
/* Folded to one pane, the page shows the list or a contact's detail; from the detail it
 * can go back to the list. */
gboolean liaison_contacts_page_get_can_go_back (LiaisonContactsPage *self);
gboolean liaison_contacts_page_go_back (LiaisonContactsPage *self);

G_END_DECLS
