/* liaison-activity-states.h: the sync state of the items of LiaisonActivityList, read from what
 * the sync linked in the store: a task or note linked to its copy is in both services (or in
 * conflict, when a conflict on its link is open), one not linked waits for the next sync.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-activity-item.h"
#include "liaison-store.h"

G_BEGIN_DECLS

/* Sets the sync state of each of items (LiaisonActivityItems of the pair of contacts). */
void liaison_activity_states_update_async (LiaisonStore *store, const char *lsq_connection,
                                           const char *lsq_contact, const char *ghl_connection,
                                           const char *ghl_contact, GPtrArray *items,
                                           GCancellable *cancellable, GAsyncReadyCallback callback,
                                           gpointer user_data);
/* changed: an item's state changed. */
gboolean liaison_activity_states_update_finish (GAsyncResult *result, gboolean *changed,
                                                GError **error);

G_END_DECLS
