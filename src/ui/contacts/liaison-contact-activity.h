/* liaison-contact-activity.h: a contact's tasks, notes and appointments in
 * both services, fetched on demand and cached in the store.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-ghl-client.h"
#include "liaison-lsq-client.h"
#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CONTACT_ACTIVITY (liaison_contact_activity_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonContactActivity, liaison_contact_activity, LIAISON, CONTACT_ACTIVITY,
                      GtkWidget)

void liaison_contact_activity_set_source (LiaisonContactActivity *self, LiaisonStore *store,
                                          const char *lsq_connection_id,
                                          const char *ghl_connection_id);
void liaison_contact_activity_set_clients (LiaisonContactActivity *self,
                                           LiaisonLsqClient *lsq_client,
                                           LiaisonGhlClient *ghl_client);
/* The contact's id on each side, NULL where it has none. Cached items show at once; the
 * services are asked again in the background. */
void liaison_contact_activity_set_contact (LiaisonContactActivity *self, const char *lsq_id,
                                           const char *ghl_id);
gboolean liaison_contact_activity_get_loading (LiaisonContactActivity *self);
void liaison_contact_activity_retry (LiaisonContactActivity *self);

G_END_DECLS
