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

G_BEGIN_DECLS

#define LIAISON_TYPE_CONTACTS_PAGE (liaison_contacts_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonContactsPage, liaison_contacts_page, LIAISON, CONTACTS_PAGE, GtkWidget)

LiaisonContactList *liaison_contacts_page_get_model (LiaisonContactsPage *self);
void liaison_contacts_page_set_model (LiaisonContactsPage *self, LiaisonContactList *model);
LiaisonRefresher *liaison_contacts_page_get_refresher (LiaisonContactsPage *self);
void liaison_contacts_page_set_refresher (LiaisonContactsPage *self, LiaisonRefresher *refresher);
void liaison_contacts_page_set_session (LiaisonContactsPage *self, LiaisonSession *session);

G_END_DECLS
