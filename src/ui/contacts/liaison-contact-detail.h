/* liaison-contact-detail.h: one contact, both sides compared field by field.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-contact-list.h"
#include "liaison-contact-row.h"
#include "liaison-ghl-client.h"
#include "liaison-lsq-client.h"
#include "liaison-store.h"
#include "liaison-sync-engine.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CONTACT_DETAIL (liaison_contact_detail_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonContactDetail, liaison_contact_detail, LIAISON, CONTACT_DETAIL,
                      GtkWidget)

/* The list the rows come from (it links and unlinks them), or NULL. */
void liaison_contact_detail_set_model (LiaisonContactDetail *self, LiaisonContactList *model);
void liaison_contact_detail_set_clients (LiaisonContactDetail *self, LiaisonLsqClient *lsq_client,
                                         LiaisonGhlClient *ghl_client);
/* The engine of both connected accounts, or NULL: it creates a contact on one side only on
 * the other (liaison-contact-create.c). */
void liaison_contact_detail_set_engine (LiaisonContactDetail *self, LiaisonSyncEngine *engine);
LiaisonContactRow *liaison_contact_detail_get_row (LiaisonContactDetail *self);
void liaison_contact_detail_set_row (LiaisonContactDetail *self, LiaisonContactRow *row);
/* TRUE while the contact shown is being read from the store (its fields show after). */
gboolean liaison_contact_detail_get_loading (LiaisonContactDetail *self);

/* The record's page on the service's website; NULL where there is none to open (the
 * sandbox's loopback hosts, an unknown LeadSquared host). */
char *liaison_contact_detail_lsq_web_url (const char *api_url, const char *lead_id);
char *liaison_contact_detail_ghl_web_url (const char *api_url, const char *location_id,
                                          const char *contact_id);

G_END_DECLS
