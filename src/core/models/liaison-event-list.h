/* liaison-event-list.h: LiaisonEventList, the GListModel of the appointments
 * (LiaisonAppointment) on one HighLevel calendar, or on all of them, that overlap a date window
 * [from, to), sorted by start. Cached in the store, so a window shows what the last fetch saw
 * at once, and refreshed from HighLevel on demand.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-appointment.h"
#include "liaison-ghl-client.h"
#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_EVENT_LIST (liaison_event_list_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonEventList, liaison_event_list, LIAISON, EVENT_LIST, GObject)

/* calendar_id NULL: every calendar of the location. client may be NULL (offline). */
LiaisonEventList *liaison_event_list_new (LiaisonStore *store, LiaisonGhlClient *client,
                                          const char *ghl_connection_id, const char *calendar_id);
const char *liaison_event_list_get_calendar_id (LiaisonEventList *self);
void liaison_event_list_set_window (LiaisonEventList *self, GDateTime *from, GDateTime *to);
GDateTime *liaison_event_list_get_from (LiaisonEventList *self);
GDateTime *liaison_event_list_get_to (LiaisonEventList *self);
void liaison_event_list_refresh_async (LiaisonEventList *self, GCancellable *cancellable,
                                       GAsyncReadyCallback callback, gpointer user_data);
gboolean liaison_event_list_refresh_finish (LiaisonEventList *self, GAsyncResult *result,
                                            GError **error);
gboolean liaison_event_list_get_loading (LiaisonEventList *self);

G_END_DECLS
