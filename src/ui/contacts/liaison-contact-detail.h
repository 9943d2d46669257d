/* liaison-contact-detail.h: one contact, both sides compared field by field.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-contact-row.h"
#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CONTACT_DETAIL (liaison_contact_detail_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonContactDetail, liaison_contact_detail, LIAISON, CONTACT_DETAIL,
                      GtkWidget)

void liaison_contact_detail_set_source (LiaisonContactDetail *self, LiaisonStore *store,
                                        const char *lsq_connection_id,
                                        const char *ghl_connection_id);
LiaisonContactRow *liaison_contact_detail_get_row (LiaisonContactDetail *self);
void liaison_contact_detail_set_row (LiaisonContactDetail *self, LiaisonContactRow *row);

G_END_DECLS
