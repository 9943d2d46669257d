/* liaison-appointment.h: LiaisonAppointment, a booked meeting with a contact on a calendar.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Where an appointment stands, in terms both services can map to. */
typedef enum
{
  LIAISON_APPOINTMENT_STATUS_UNKNOWN,
  LIAISON_APPOINTMENT_STATUS_NEW,
  LIAISON_APPOINTMENT_STATUS_CONFIRMED,
  LIAISON_APPOINTMENT_STATUS_CANCELLED,
  LIAISON_APPOINTMENT_STATUS_SHOWED,
  LIAISON_APPOINTMENT_STATUS_NO_SHOW,
  LIAISON_APPOINTMENT_STATUS_COMPLETED,
  LIAISON_APPOINTMENT_STATUS_INVALID,
} LiaisonAppointmentStatus;

#define LIAISON_TYPE_APPOINTMENT_STATUS (liaison_appointment_status_get_type ())
GType liaison_appointment_status_get_type (void);

#define LIAISON_TYPE_APPOINTMENT (liaison_appointment_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonAppointment, liaison_appointment, LIAISON, APPOINTMENT, GObject)

LiaisonAppointment *liaison_appointment_new (void);
const char *liaison_appointment_get_id (LiaisonAppointment *self);
void liaison_appointment_set_id (LiaisonAppointment *self, const char *id);
const char *liaison_appointment_get_calendar_id (LiaisonAppointment *self);
void liaison_appointment_set_calendar_id (LiaisonAppointment *self, const char *calendar_id);
const char *liaison_appointment_get_contact_id (LiaisonAppointment *self);
void liaison_appointment_set_contact_id (LiaisonAppointment *self, const char *contact_id);
const char *liaison_appointment_get_title (LiaisonAppointment *self);
void liaison_appointment_set_title (LiaisonAppointment *self, const char *title);
const char *liaison_appointment_get_description (LiaisonAppointment *self);
void liaison_appointment_set_description (LiaisonAppointment *self, const char *description);
const char *liaison_appointment_get_address (LiaisonAppointment *self);
void liaison_appointment_set_address (LiaisonAppointment *self, const char *address);
LiaisonAppointmentStatus liaison_appointment_get_status (LiaisonAppointment *self);
void liaison_appointment_set_status (LiaisonAppointment *self, LiaisonAppointmentStatus status);
const char *liaison_appointment_get_assigned_user_id (LiaisonAppointment *self);
void liaison_appointment_set_assigned_user_id (LiaisonAppointment *self,
                                               const char *assigned_user_id);
GDateTime *liaison_appointment_get_start_time (LiaisonAppointment *self);
void liaison_appointment_set_start_time (LiaisonAppointment *self, GDateTime *start_time);
GDateTime *liaison_appointment_get_end_time (LiaisonAppointment *self);
void liaison_appointment_set_end_time (LiaisonAppointment *self, GDateTime *end_time);
const char *liaison_appointment_get_time_zone (LiaisonAppointment *self);
void liaison_appointment_set_time_zone (LiaisonAppointment *self, const char *time_zone);
GDateTime *liaison_appointment_get_date_added (LiaisonAppointment *self);
void liaison_appointment_set_date_added (LiaisonAppointment *self, GDateTime *date_added);
GDateTime *liaison_appointment_get_date_updated (LiaisonAppointment *self);
void liaison_appointment_set_date_updated (LiaisonAppointment *self, GDateTime *date_updated);

G_END_DECLS
