/* liaison-appointment.c: LiaisonAppointment, a booked meeting with a contact on a calendar. Plain
 * data: no JSON and no service specifics here (the ghl/ and lsq/ mappings fill it).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-model"

#include "liaison-appointment.h"
#include "liaison-model-private.h"

G_DEFINE_ENUM_TYPE (LiaisonAppointmentStatus, liaison_appointment_status,
                    G_DEFINE_ENUM_VALUE (LIAISON_APPOINTMENT_STATUS_UNKNOWN, "unknown"),
                    G_DEFINE_ENUM_VALUE (LIAISON_APPOINTMENT_STATUS_NEW, "new"),
                    G_DEFINE_ENUM_VALUE (LIAISON_APPOINTMENT_STATUS_CONFIRMED, "confirmed"),
                    G_DEFINE_ENUM_VALUE (LIAISON_APPOINTMENT_STATUS_CANCELLED, "cancelled"),
                    G_DEFINE_ENUM_VALUE (LIAISON_APPOINTMENT_STATUS_SHOWED, "showed"),
                    G_DEFINE_ENUM_VALUE (LIAISON_APPOINTMENT_STATUS_NO_SHOW, "no-show"),
                    G_DEFINE_ENUM_VALUE (LIAISON_APPOINTMENT_STATUS_COMPLETED, "completed"),
                    G_DEFINE_ENUM_VALUE (LIAISON_APPOINTMENT_STATUS_INVALID, "invalid"))

struct _LiaisonAppointment
{
  GObject parent_instance;

  char *id;
  char *calendar_id;
  char *contact_id;
  char *title;
  char *description;
  char *address;
  LiaisonAppointmentStatus status;
  char *assigned_user_id;
  GDateTime *start_time;
  GDateTime *end_time;
  char *time_zone;
  GDateTime *date_added;
  GDateTime *date_updated;
};

G_DEFINE_FINAL_TYPE (LiaisonAppointment, liaison_appointment, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_CALENDAR_ID,
  PROP_CONTACT_ID,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_ADDRESS,
  PROP_STATUS,
  PROP_ASSIGNED_USER_ID,
  PROP_START_TIME,
  PROP_END_TIME,
  PROP_TIME_ZONE,
  PROP_DATE_ADDED,
  PROP_DATE_UPDATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
liaison_appointment_finalize (GObject *object)
{
  LiaisonAppointment *self = (LiaisonAppointment *) object;

  g_free (self->id);
  g_free (self->calendar_id);
  g_free (self->contact_id);
  g_free (self->title);
  g_free (self->description);
  g_free (self->address);
  g_free (self->assigned_user_id);
  g_clear_pointer (&self->start_time, g_date_time_unref);
  g_clear_pointer (&self->end_time, g_date_time_unref);
  g_free (self->time_zone);
  g_clear_pointer (&self->date_added, g_date_time_unref);
  g_clear_pointer (&self->date_updated, g_date_time_unref);

  G_OBJECT_CLASS (liaison_appointment_parent_class)->finalize (object);
}

static void
liaison_appointment_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LiaisonAppointment *self = LIAISON_APPOINTMENT (object);

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_string (value, self->id);
        break;
      case PROP_CALENDAR_ID:
        g_value_set_string (value, self->calendar_id);
        break;
      case PROP_CONTACT_ID:
        g_value_set_string (value, self->contact_id);
        break;
      case PROP_TITLE:
        g_value_set_string (value, self->title);
        break;
      case PROP_DESCRIPTION:
        g_value_set_string (value, self->description);
        break;
      case PROP_ADDRESS:
        g_value_set_string (value, self->address);
        break;
      case PROP_STATUS:
        g_value_set_enum (value, self->status);
        break;
      case PROP_ASSIGNED_USER_ID:
        g_value_set_string (value, self->assigned_user_id);
        break;
      case PROP_START_TIME:
        g_value_set_boxed (value, self->start_time);
        break;
      case PROP_END_TIME:
        g_value_set_boxed (value, self->end_time);
        break;
      case PROP_TIME_ZONE:
        g_value_set_string (value, self->time_zone);
        break;
      case PROP_DATE_ADDED:
        g_value_set_boxed (value, self->date_added);
        break;
      case PROP_DATE_UPDATED:
        g_value_set_boxed (value, self->date_updated);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_appointment_set_property (GObject *object, guint prop_id, const GValue *value,
                                  GParamSpec *pspec)
{
  LiaisonAppointment *self = LIAISON_APPOINTMENT (object);

  switch (prop_id)
    {
      case PROP_ID:
        liaison_appointment_set_id (self, g_value_get_string (value));
        break;
      case PROP_CALENDAR_ID:
        liaison_appointment_set_calendar_id (self, g_value_get_string (value));
        break;
      case PROP_CONTACT_ID:
        liaison_appointment_set_contact_id (self, g_value_get_string (value));
        break;
      case PROP_TITLE:
        liaison_appointment_set_title (self, g_value_get_string (value));
        break;
      case PROP_DESCRIPTION:
        liaison_appointment_set_description (self, g_value_get_string (value));
        break;
      case PROP_ADDRESS:
        liaison_appointment_set_address (self, g_value_get_string (value));
        break;
      case PROP_STATUS:
        liaison_appointment_set_status (self, g_value_get_enum (value));
        break;
      case PROP_ASSIGNED_USER_ID:
        liaison_appointment_set_assigned_user_id (self, g_value_get_string (value));
        break;
      case PROP_START_TIME:
        liaison_appointment_set_start_time (self, g_value_get_boxed (value));
        break;
      case PROP_END_TIME:
        liaison_appointment_set_end_time (self, g_value_get_boxed (value));
        break;
      case PROP_TIME_ZONE:
        liaison_appointment_set_time_zone (self, g_value_get_string (value));
        break;
      case PROP_DATE_ADDED:
        liaison_appointment_set_date_added (self, g_value_get_boxed (value));
        break;
      case PROP_DATE_UPDATED:
        liaison_appointment_set_date_updated (self, g_value_get_boxed (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_appointment_class_init (LiaisonAppointmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = liaison_appointment_finalize;
  object_class->get_property = liaison_appointment_get_property;
  object_class->set_property = liaison_appointment_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_CALENDAR_ID] = g_param_spec_string ("calendar-id", NULL, NULL, NULL, flags);
  properties[PROP_CONTACT_ID] = g_param_spec_string ("contact-id", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  /* Where, or a meeting link. */
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL, flags);
  properties[PROP_STATUS]
      = g_param_spec_enum ("status", NULL, NULL, LIAISON_TYPE_APPOINTMENT_STATUS,
                           LIAISON_APPOINTMENT_STATUS_UNKNOWN, flags);
  properties[PROP_ASSIGNED_USER_ID]
      = g_param_spec_string ("assigned-user-id", NULL, NULL, NULL, flags);
  properties[PROP_START_TIME]
      = g_param_spec_boxed ("start-time", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_END_TIME] = g_param_spec_boxed ("end-time", NULL, NULL, G_TYPE_DATE_TIME, flags);
  /* IANA zone the appointment was booked in. */
  properties[PROP_TIME_ZONE] = g_param_spec_string ("time-zone", NULL, NULL, NULL, flags);
  properties[PROP_DATE_ADDED]
      = g_param_spec_boxed ("date-added", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_DATE_UPDATED]
      = g_param_spec_boxed ("date-updated", NULL, NULL, G_TYPE_DATE_TIME, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_appointment_init (LiaisonAppointment *self)
{
  self->status = LIAISON_APPOINTMENT_STATUS_UNKNOWN;
}

LiaisonAppointment *
liaison_appointment_new (void)
{
  return g_object_new (LIAISON_TYPE_APPOINTMENT, NULL);
}

const char *
liaison_appointment_get_id (LiaisonAppointment *self)
{
  g_return_val_if_fail (LIAISON_IS_APPOINTMENT (self), NULL);
  return self->id;
}

void
liaison_appointment_set_id (LiaisonAppointment *self, const char *id)
{
  g_return_if_fail (LIAISON_IS_APPOINTMENT (self));

  if (liaison_model_set_string (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
liaison_appointment_get_calendar_id (LiaisonAppointment *self)
{
  g_return_val_if_fail (LIAISON_IS_APPOINTMENT (self), NULL);
  return self->calendar_id;
}

void
liaison_appointment_set_calendar_id (LiaisonAppointment *self, const char *calendar_id)
{
  g_return_if_fail (LIAISON_IS_APPOINTMENT (self));

  if (liaison_model_set_string (&self->calendar_id, calendar_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CALENDAR_ID]);
}

const char *
liaison_appointment_get_contact_id (LiaisonAppointment *self)
{
  g_return_val_if_fail (LIAISON_IS_APPOINTMENT (self), NULL);
  return self->contact_id;
}

void
liaison_appointment_set_contact_id (LiaisonAppointment *self, const char *contact_id)
{
  g_return_if_fail (LIAISON_IS_APPOINTMENT (self));

  if (liaison_model_set_string (&self->contact_id, contact_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT_ID]);
}

const char *
liaison_appointment_get_title (LiaisonAppointment *self)
{
  g_return_val_if_fail (LIAISON_IS_APPOINTMENT (self), NULL);
  return self->title;
}

void
liaison_appointment_set_title (LiaisonAppointment *self, const char *title)
{
  g_return_if_fail (LIAISON_IS_APPOINTMENT (self));

  if (liaison_model_set_string (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
liaison_appointment_get_description (LiaisonAppointment *self)
{
  g_return_val_if_fail (LIAISON_IS_APPOINTMENT (self), NULL);
  return self->description;
}

void
liaison_appointment_set_description (LiaisonAppointment *self, const char *description)
{
  g_return_if_fail (LIAISON_IS_APPOINTMENT (self));

  if (liaison_model_set_string (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

const char *
liaison_appointment_get_address (LiaisonAppointment *self)
{
  g_return_val_if_fail (LIAISON_IS_APPOINTMENT (self), NULL);
  return self->address;
}

void
liaison_appointment_set_address (LiaisonAppointment *self, const char *address)
{
  g_return_if_fail (LIAISON_IS_APPOINTMENT (self));

  if (liaison_model_set_string (&self->address, address))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDRESS]);
}

LiaisonAppointmentStatus
liaison_appointment_get_status (LiaisonAppointment *self)
{
  g_return_val_if_fail (LIAISON_IS_APPOINTMENT (self), 0);
  return self->status;
}

void
liaison_appointment_set_status (LiaisonAppointment *self, LiaisonAppointmentStatus status)
{
  g_return_if_fail (LIAISON_IS_APPOINTMENT (self));

  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

const char *
liaison_appointment_get_assigned_user_id (LiaisonAppointment *self)
{
  g_return_val_if_fail (LIAISON_IS_APPOINTMENT (self), NULL);
  return self->assigned_user_id;
}

void
liaison_appointment_set_assigned_user_id (LiaisonAppointment *self, const char *assigned_user_id)
{
  g_return_if_fail (LIAISON_IS_APPOINTMENT (self));

  if (liaison_model_set_string (&self->assigned_user_id, assigned_user_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASSIGNED_USER_ID]);
}

GDateTime *
liaison_appointment_get_start_time (LiaisonAppointment *self)
{
  g_return_val_if_fail (LIAISON_IS_APPOINTMENT (self), NULL);
  return self->start_time;
}

void
liaison_appointment_set_start_time (LiaisonAppointment *self, GDateTime *start_time)
{
  g_return_if_fail (LIAISON_IS_APPOINTMENT (self));

  if (!liaison_model_set_date_time (&self->start_time, start_time))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START_TIME]);
}

GDateTime *
liaison_appointment_get_end_time (LiaisonAppointment *self)
{
  g_return_val_if_fail (LIAISON_IS_APPOINTMENT (self), NULL);
  return self->end_time;
}

void
liaison_appointment_set_end_time (LiaisonAppointment *self, GDateTime *end_time)
{
  g_return_if_fail (LIAISON_IS_APPOINTMENT (self));

  if (!liaison_model_set_date_time (&self->end_time, end_time))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END_TIME]);
}

const char *
liaison_appointment_get_time_zone (LiaisonAppointment *self)
{
  g_return_val_if_fail (LIAISON_IS_APPOINTMENT (self), NULL);
  return self->time_zone;
}

void
liaison_appointment_set_time_zone (LiaisonAppointment *self, const char *time_zone)
{
  g_return_if_fail (LIAISON_IS_APPOINTMENT (self));

  if (liaison_model_set_string (&self->time_zone, time_zone))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_ZONE]);
}

GDateTime *
liaison_appointment_get_date_added (LiaisonAppointment *self)
{
  g_return_val_if_fail (LIAISON_IS_APPOINTMENT (self), NULL);
  return self->date_added;
}

void
liaison_appointment_set_date_added (LiaisonAppointment *self, GDateTime *date_added)
{
  g_return_if_fail (LIAISON_IS_APPOINTMENT (self));

  if (!liaison_model_set_date_time (&self->date_added, date_added))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE_ADDED]);
}

GDateTime *
liaison_appointment_get_date_updated (LiaisonAppointment *self)
{
  g_return_val_if_fail (LIAISON_IS_APPOINTMENT (self), NULL);
  return self->date_updated;
}

void
liaison_appointment_set_date_updated (LiaisonAppointment *self, GDateTime *date_updated)
{
  g_return_if_fail (LIAISON_IS_APPOINTMENT (self));

  if (!liaison_model_set_date_time (&self->date_updated, date_updated))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE_UPDATED]);
}
