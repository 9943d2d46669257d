/* liaison-booking.h: LiaisonBooking, booking a contact into a free HighLevel slot and moving or
 * cancelling that appointment, in HighLevel and, for a linked contact, as the LeadSquared
 * appointment task beside it. The one path the Appointments page and `liaison-cli book` share.
 *
 * Every remote write is journalled through the sync engine's store API: a run (trigger "manual"
 * by default, "cli" from the command line), an intent row written before each write, and after
 * it, in one transaction, the intent closed and an operation row (the history) recorded.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-appointment.h"
#include "liaison-calendar.h"
#include "liaison-ghl-client.h"
#include "liaison-lsq-client.h"
#include "liaison-slot-cache.h"
#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_BOOKING_ERROR (liaison_booking_error_quark ())

typedef enum
{
  LIAISON_BOOKING_ERROR_NO_ACCOUNT, /* HighLevel is not connected */
  LIAISON_BOOKING_ERROR_CONTACT,    /* a contact HighLevel cannot book for */
  LIAISON_BOOKING_ERROR_SLOT_TAKEN, /* the slot is no longer free: list the slots again */
  LIAISON_BOOKING_ERROR_WINDOW,     /* more days than HighLevel lists free slots for */
  LIAISON_BOOKING_ERROR_INVALID,    /* a start, calendar or appointment missing */
} LiaisonBookingError;

GQuark liaison_booking_error_quark (void);

/* HighLevel lists free slots for at most 31 days at a time. */
#define LIAISON_BOOKING_MAX_DAYS 31
/* The LeadSquared task type of the appointment task, unless set. */
#define LIAISON_BOOKING_DEFAULT_LSQ_TASK_TYPE "Meeting"

/* What a booking, a move or a cancellation did. ghl: the appointment as HighLevel answered.
 * lsq_task_id: the LeadSquared appointment task written, or NULL (contact not linked, or
 * lsq_error says why it failed: then HighLevel holds the change and LeadSquared does not). */
typedef struct
{
  LiaisonAppointment *ghl;
  char *lsq_task_id;
  char *lsq_lead_id;
  GError *lsq_error;
  gint64 run_id;
} LiaisonBookingResult;

void liaison_booking_result_free (LiaisonBookingResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonBookingResult, liaison_booking_result_free)

#define LIAISON_TYPE_BOOKING (liaison_booking_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonBooking, liaison_booking, LIAISON, BOOKING, GObject)

/* ghl may be NULL (HighLevel not connected: every call fails with NO_ACCOUNT); lsq may be NULL
 * (then only HighLevel is written). */
LiaisonBooking *liaison_booking_new (LiaisonStore *store, LiaisonGhlClient *ghl,
                                     const char *ghl_connection_id, LiaisonLsqClient *lsq,
                                     const char *lsq_connection_id);
LiaisonStore *liaison_booking_get_store (LiaisonBooking *self);
LiaisonGhlClient *liaison_booking_get_ghl_client (LiaisonBooking *self);
LiaisonLsqClient *liaison_booking_get_lsq_client (LiaisonBooking *self);
/* The free slots to offer; it forgets a calendar's slots whenever this books or moves on it.
 * NULL without a HighLevel client. */
LiaisonSlotCache *liaison_booking_get_slot_cache (LiaisonBooking *self);
/* The run trigger recorded in the history: "manual" (the default) or "cli". */
void liaison_booking_set_trigger (LiaisonBooking *self, const char *trigger);
void liaison_booking_set_lsq_task_type (LiaisonBooking *self, const char *task_type);

/* FALSE with LIAISON_BOOKING_ERROR_WINDOW when n_days is 0 or more than HighLevel lists. */
gboolean liaison_booking_check_days (guint n_days, GError **error);

/* The GHL side's link of an appointment: the LeadSquared task id booked with it, or NULL. */
char *liaison_booking_lookup_lsq_task (LiaisonBooking *self, const char *ghl_event_id);

/* Books ghl_contact_id (lsq_lead_id: its linked lead, or NULL) on calendar from start for the
 * calendar's slot length. time_zone (IANA; NULL: this computer's) is the zone the slot was
 * listed in, used to tell a slot taken meanwhile. */
void liaison_booking_book_async (LiaisonBooking *self, LiaisonCalendar *calendar,
                                 const char *ghl_contact_id, const char *lsq_lead_id,
                                 GDateTime *start, const char *title, const char *notes,
                                 LiaisonAppointmentStatus status, const char *time_zone,
                                 GCancellable *cancellable, GAsyncReadyCallback callback,
                                 gpointer user_data);
/* Moves the appointment (as listed) to start, keeping its length. */
void liaison_booking_reschedule_async (LiaisonBooking *self, LiaisonAppointment *appointment,
                                       LiaisonCalendar *calendar, GDateTime *start,
                                       const char *time_zone, GCancellable *cancellable,
                                       GAsyncReadyCallback callback, gpointer user_data);
/* Sets the appointment's status to cancelled in HighLevel (as its own web app does); the
 * LeadSquared task is renamed "Cancelled: …" and marked complete (its API deletes only in bulk). */
void liaison_booking_cancel_async (LiaisonBooking *self, LiaisonAppointment *appointment,
                                   GCancellable *cancellable, GAsyncReadyCallback callback,
                                   gpointer user_data);
/* The finish of all three. */
LiaisonBookingResult *liaison_booking_finish (LiaisonBooking *self, GAsyncResult *result,
                                              GError **error);

G_END_DECLS
