/* liaison-activity-list.h: LiaisonActivityList, the GListModel of one contact's tasks, notes
 * and appointments in both services (LiaisonActivityItem), grouped by kind (tasks, notes,
 * appointments) and ordered within each group. What the store holds is read asynchronously
 * when the contact is set; both services are then asked, their answers replace the cached
 * items and are cached in turn. Every change of the items is one items-changed; "changed"
 * follows every change of what the list knows (items, errors, loading).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-activity-item.h"
#include "liaison-ghl-client.h"
#include "liaison-lsq-client.h"
#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_ACTIVITY_LIST (liaison_activity_list_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonActivityList, liaison_activity_list, LIAISON, ACTIVITY_LIST, GObject)

LiaisonActivityList *liaison_activity_list_new (void);

/* Where the contact's items are cached; forgets the contact shown. */
void liaison_activity_list_set_source (LiaisonActivityList *self, LiaisonStore *store,
                                       const char *lsq_connection_id,
                                       const char *ghl_connection_id);
/* Either may be NULL: that side then shows what is cached. A change asks both again. */
void liaison_activity_list_set_clients (LiaisonActivityList *self, LiaisonLsqClient *lsq_client,
                                        LiaisonGhlClient *ghl_client);
/* The contact's id on each side, NULL where it has none. Setting the contact shown already
 * does nothing; another one drops the requests of the previous one. */
void liaison_activity_list_set_contact (LiaisonActivityList *self, const char *lsq_id,
                                        const char *ghl_id);
/* Asks the services again (only those whose last answer failed, with failed_only). */
void liaison_activity_list_refresh (LiaisonActivityList *self, gboolean failed_only);

/* TRUE while the store is being read or a service has not answered yet. */
gboolean liaison_activity_list_get_loading (LiaisonActivityList *self);
/* TRUE while the store is being read. */
gboolean liaison_activity_list_get_reading (LiaisonActivityList *self);
/* The contact is in this service (and there is a store to keep its items in). */
gboolean liaison_activity_list_has_side (LiaisonActivityList *self, LiaisonService service);
/* A request to this service is in flight, or will be once the store has been read. */
gboolean liaison_activity_list_get_side_loading (LiaisonActivityList *self, LiaisonService service);
/* The items of kind in this service are known (cached or fetched); FALSE: nothing can be said
 * yet, not even "none". */
gboolean liaison_activity_list_get_known (LiaisonActivityList *self, LiaisonService service,
                                          LiaisonRecordKind kind);
/* Why the last request to this service failed, or NULL. */
const GError *liaison_activity_list_get_error (LiaisonActivityList *self, LiaisonService service);
/* Why the store could not be read, or NULL. */
const GError *liaison_activity_list_get_cache_error (LiaisonActivityList *self);

G_END_DECLS
