/* liaison-slot-cache.h: LiaisonSlotCache, a short-lived cache of a HighLevel calendar's free
 * slots for booking. An entry is one calendar, a range of whole days and the time zone those
 * days are counted in; it expires after a set time (60 s by default), is dropped when an
 * appointment is booked in its calendar, and requests for the same entry while it is being
 * fetched share that one fetch.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-appointment.h"
#include "liaison-calendar.h"
#include "liaison-ghl-client.h"
#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_SLOT_CACHE_DEFAULT_LIFETIME_MS 60000

#define LIAISON_TYPE_SLOT_CACHE (liaison_slot_cache_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonSlotCache, liaison_slot_cache, LIAISON, SLOT_CACHE, GObject)

/* store and ghl_connection_id may be NULL; with them, a booking is also kept in the store, where
 * every LiaisonEventList of its window picks it up. */
LiaisonSlotCache *liaison_slot_cache_new (LiaisonGhlClient *client, LiaisonStore *store,
                                          const char *ghl_connection_id);
guint liaison_slot_cache_get_lifetime (LiaisonSlotCache *self);
void liaison_slot_cache_set_lifetime (LiaisonSlotCache *self, guint lifetime_ms);

/* The free slots (LiaisonSlot, by start) of the n_days days from first_day, days as counted in
 * time_zone (an IANA name; NULL: this computer's zone), which is also the zone HighLevel
 * computes the slots in. The array is shared: do not modify it. */
void liaison_slot_cache_get_slots_async (LiaisonSlotCache *self, LiaisonCalendar *calendar,
                                         GDate *first_day, guint n_days, const char *time_zone,
                                         GCancellable *cancellable, GAsyncReadyCallback callback,
                                         gpointer user_data);
GPtrArray *liaison_slot_cache_get_slots_finish (LiaisonSlotCache *self, GAsyncResult *result,
                                                GError **error);

/* Drops the calendar's entries; a fetch already under way still answers its callers, but what
 * it brings is not kept. */
void liaison_slot_cache_invalidate (LiaisonSlotCache *self, const char *calendar_id);

/* Books the appointment through HighLevel and drops its calendar's free slots (also when the
 * booking failed: it may have reached HighLevel). */
void liaison_slot_cache_book_async (LiaisonSlotCache *self, LiaisonAppointment *appointment,
                                    GCancellable *cancellable, GAsyncReadyCallback callback,
                                    gpointer user_data);
LiaisonAppointment *liaison_slot_cache_book_finish (LiaisonSlotCache *self, GAsyncResult *result,
                                                    GError **error);

G_END_DECLS
