/* liaison-contact-create.h: "Create in HighLevel/LeadSquared", a contact on one side only
 * created on the other by a sync run about that one record.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-contact-row.h"
#include "liaison-sync-engine.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CONTACT_CREATE (liaison_contact_create_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonContactCreate, liaison_contact_create, LIAISON, CONTACT_CREATE,
                      GtkButton)

/* The side a contact on one side only would be created or linked on, or -1 for a pair. */
int liaison_contact_create_other_side (LiaisonContactRow *row);
/* Shown for a contact on one side only; off, saying why, without an engine (both accounts
 * connected). While a create runs the button stays off. */
void liaison_contact_create_set_row (LiaisonContactCreate *self, LiaisonContactRow *row);
void liaison_contact_create_set_engine (LiaisonContactCreate *self, LiaisonSyncEngine *engine);
/* TRUE while a create runs. */
gboolean liaison_contact_create_get_busy (LiaisonContactCreate *self);

G_END_DECLS
