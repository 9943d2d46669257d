/* liaison-calendar-list.h: LiaisonCalendarList, the GListModel of the HighLevel location's
 * calendars (LiaisonCalendar), sorted by name, cached in the store so that it is filled at once
 * on the next start, and refreshed from HighLevel on demand.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-calendar.h"
#include "liaison-ghl-client.h"
#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CALENDAR_LIST (liaison_calendar_list_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonCalendarList, liaison_calendar_list, LIAISON, CALENDAR_LIST, GObject)

/* client may be NULL (offline): the list then shows what the store holds. */
LiaisonCalendarList *liaison_calendar_list_new (LiaisonStore *store, LiaisonGhlClient *client,
                                                const char *ghl_connection_id);
void liaison_calendar_list_refresh_async (LiaisonCalendarList *self, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
gboolean liaison_calendar_list_refresh_finish (LiaisonCalendarList *self, GAsyncResult *result,
                                               GError **error);
gboolean liaison_calendar_list_get_loading (LiaisonCalendarList *self);
LiaisonCalendar *liaison_calendar_list_lookup (LiaisonCalendarList *self, const char *calendar_id);

G_END_DECLS
