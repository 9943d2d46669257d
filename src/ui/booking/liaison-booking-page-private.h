/* liaison-booking-page-private.h: what the Appointments page's two files share: the page's
 * state and template children (liaison-booking-page.c: contact, calendar, days, slots and
 * booking; liaison-booking-events.c: the upcoming appointments, moving and cancelling).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-booking-page.h"
#include "liaison-event-list.h"

G_BEGIN_DECLS

struct _LiaisonBookingPage
{
  GtkWidget parent_instance;

  GSettings *settings;
  GCancellable *cancellable;       /* everything the page asks for; cancelled by dispose */
  GCancellable *slots_cancellable; /* the free-slot listing in flight */
  LiaisonBooking *booking;
  LiaisonContactList *contacts;
  LiaisonCalendarList *calendars;
  LiaisonEventList *events;
  GtkCustomFilter *events_filter;
  char *ghl_connection_id;
  LiaisonContactRow *contact; /* the chosen one */
  LiaisonSlot *slot;          /* the chosen free slot */
  LiaisonAppointment *moving; /* the appointment being rescheduled */
  LiaisonBookingResult *last; /* what the result group shows */
  char *last_ghl_contact;
  guint busy;

  GtkStack *state_stack;
  GtkSearchEntry *contact_search;
  GtkListBox *contact_results;
  AdwActionRow *contact_row;
  AdwComboRow *calendar_row;
  GtkMenuButton *first_day_button;
  GtkCalendar *first_day_calendar;
  GtkSpinButton *days_spin;
  AdwEntryRow *zone_row;
  GtkLabel *zone_label;
  GtkStack *slots_stack;
  GtkSpinner *slots_spinner;
  GtkLabel *slots_message;
  GtkBox *slots_box;
  AdwEntryRow *title_row;
  AdwEntryRow *notes_row;
  AdwComboRow *status_row;
  GtkLabel *message_label;
  GtkButton *book_button;
  GtkButton *cancel_move_button;
  AdwPreferencesGroup *result_group;
  AdwActionRow *result_row;
  GtkButton *open_ghl_button;
  GtkButton *open_lsq_button;
  AdwPreferencesGroup *events_group;
  GtkListBox *events_list;
};

/* liaison-booking-page.c */
void liaison_booking_page_busy_begin (LiaisonBookingPage *self);
void liaison_booking_page_busy_end (LiaisonBookingPage *self);
/* The person's zone: the setting, else this computer's. */
GTimeZone *liaison_booking_page_dup_zone (LiaisonBookingPage *self);
char *liaison_booking_page_dup_zone_name (LiaisonBookingPage *self);
/* "Wed 28 Oct, 09:00" in the person's zone. */
char *liaison_booking_page_format_time (LiaisonBookingPage *self, GDateTime *time);
/* Midnight of the first day shown, in the person's zone. */
GDateTime *liaison_booking_page_dup_first_day (LiaisonBookingPage *self);
LiaisonCalendar *liaison_booking_page_get_calendar (LiaisonBookingPage *self);
void liaison_booking_page_select_calendar (LiaisonBookingPage *self, const char *calendar_id);
/* kind: NULL (plain), "error" or "success". */
void liaison_booking_page_say (LiaisonBookingPage *self, const char *kind, const char *message);
void liaison_booking_page_list_slots (LiaisonBookingPage *self);
void liaison_booking_page_update_book_button (LiaisonBookingPage *self);

/* liaison-booking-events.c */
void liaison_booking_events_init (LiaisonBookingPage *self);
/* A new event list for the chosen calendar, from the first day for 31 days, refreshed. */
void liaison_booking_events_set_calendar (LiaisonBookingPage *self, LiaisonCalendar *calendar);
/* The chosen contact changed: list only theirs. */
void liaison_booking_events_update_window (LiaisonBookingPage *self);
void liaison_booking_events_update_filter (LiaisonBookingPage *self);
void liaison_booking_events_refresh (LiaisonBookingPage *self);
void liaison_booking_events_stop_moving (LiaisonBookingPage *self);

G_END_DECLS
