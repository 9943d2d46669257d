/* liaison-booking-page.h: the Appointments page: book a contact into a free HighLevel slot in
 * the person's time zone, and move or cancel the upcoming appointments, in both services.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-booking.h"
#include "liaison-calendar-list.h"
#include "liaison-contact-list.h"
#include "liaison-session.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_BOOKING_PAGE (liaison_booking_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonBookingPage, liaison_booking_page, LIAISON, BOOKING_PAGE, GtkWidget)

/* The GSettings key of the person's time zone (an IANA name; empty: this computer's). */
#define LIAISON_BOOKING_PAGE_ZONE_KEY "booking-time-zone"

/* Builds the page's booking path, contact list and calendar list from the session's store,
 * clients and connections; NULL (or no HighLevel account) shows how to connect one. */
void liaison_booking_page_set_session (LiaisonBookingPage *self, LiaisonSession *session);
/* The same from parts (tests); booking NULL: no HighLevel account. */
void liaison_booking_page_set_sources (LiaisonBookingPage *self, LiaisonBooking *booking,
                                       LiaisonContactList *contacts, LiaisonCalendarList *calendars,
                                       const char *ghl_connection_id);
/* TRUE while anything the page asked for is on its way. */
gboolean liaison_booking_page_get_busy (LiaisonBookingPage *self);

G_END_DECLS
