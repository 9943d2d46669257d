/* liaison-calendar.c: LiaisonCalendar, a calendar appointments can be booked on. Plain data: no
 * JSON and no service specifics here (the ghl/ and lsq/ mappings fill it).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-model"

#include "liaison-calendar.h"
#include "liaison-model-private.h"

struct _LiaisonCalendar
{
  GObject parent_instance;

  char *id;
  char *name;
  char *description;
  char *time_zone;
  gboolean is_active;
  guint slot_duration;
};

G_DEFINE_FINAL_TYPE (LiaisonCalendar, liaison_calendar, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_TIME_ZONE,
  PROP_IS_ACTIVE,
  PROP_SLOT_DURATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
liaison_calendar_finalize (GObject *object)
{
  LiaisonCalendar *self = (LiaisonCalendar *) object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->description);
  g_free (self->time_zone);

  G_OBJECT_CLASS (liaison_calendar_parent_class)->finalize (object);
}

static void
liaison_calendar_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LiaisonCalendar *self = LIAISON_CALENDAR (object);

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_string (value, self->id);
        break;
      case PROP_NAME:
        g_value_set_string (value, self->name);
        break;
      case PROP_DESCRIPTION:
        g_value_set_string (value, self->description);
        break;
      case PROP_TIME_ZONE:
        g_value_set_string (value, self->time_zone);
        break;
      case PROP_IS_ACTIVE:
        g_value_set_boolean (value, self->is_active);
        break;
      case PROP_SLOT_DURATION:
        g_value_set_uint (value, self->slot_duration);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_calendar_set_property (GObject *object, guint prop_id, const GValue *value,
                               GParamSpec *pspec)
{
  LiaisonCalendar *self = LIAISON_CALENDAR (object);

  switch (prop_id)
    {
      case PROP_ID:
        liaison_calendar_set_id (self, g_value_get_string (value));
        break;
      case PROP_NAME:
        liaison_calendar_set_name (self, g_value_get_string (value));
        break;
      case PROP_DESCRIPTION:
        liaison_calendar_set_description (self, g_value_get_string (value));
        break;
      case PROP_TIME_ZONE:
        liaison_calendar_set_time_zone (self, g_value_get_string (value));
        break;
      case PROP_IS_ACTIVE:
        liaison_calendar_set_is_active (self, g_value_get_boolean (value));
        break;
      case PROP_SLOT_DURATION:
        liaison_calendar_set_slot_duration (self, g_value_get_uint (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_calendar_class_init (LiaisonCalendarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = liaison_calendar_finalize;
  object_class->get_property = liaison_calendar_get_property;
  object_class->set_property = liaison_calendar_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  /* IANA zone name. */
  properties[PROP_TIME_ZONE] = g_param_spec_string ("time-zone", NULL, NULL, NULL, flags);
  properties[PROP_IS_ACTIVE] = g_param_spec_boolean ("is-active", NULL, NULL, FALSE, flags);
  /* Minutes per bookable slot. */
  properties[PROP_SLOT_DURATION]
      = g_param_spec_uint ("slot-duration", NULL, NULL, 0, 10080, 30, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_calendar_init (LiaisonCalendar *self)
{
  self->slot_duration = 30;
}

LiaisonCalendar *
liaison_calendar_new (void)
{
  return g_object_new (LIAISON_TYPE_CALENDAR, NULL);
}

const char *
liaison_calendar_get_id (LiaisonCalendar *self)
{
  g_return_val_if_fail (LIAISON_IS_CALENDAR (self), NULL);
  return self->id;
}

void
liaison_calendar_set_id (LiaisonCalendar *self, const char *id)
{
  g_return_if_fail (LIAISON_IS_CALENDAR (self));

  if (liaison_model_set_string (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
liaison_calendar_get_name (LiaisonCalendar *self)
{
  g_return_val_if_fail (LIAISON_IS_CALENDAR (self), NULL);
  return self->name;
}

void
liaison_calendar_set_name (LiaisonCalendar *self, const char *name)
{
  g_return_if_fail (LIAISON_IS_CALENDAR (self));

  if (liaison_model_set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
liaison_calendar_get_description (LiaisonCalendar *self)
{
  g_return_val_if_fail (LIAISON_IS_CALENDAR (self), NULL);
  return self->description;
}

void
liaison_calendar_set_description (LiaisonCalendar *self, const char *description)
{
  g_return_if_fail (LIAISON_IS_CALENDAR (self));

  if (liaison_model_set_string (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

const char *
liaison_calendar_get_time_zone (LiaisonCalendar *self)
{
  g_return_val_if_fail (LIAISON_IS_CALENDAR (self), NULL);
  return self->time_zone;
}

void
liaison_calendar_set_time_zone (LiaisonCalendar *self, const char *time_zone)
{
  g_return_if_fail (LIAISON_IS_CALENDAR (self));

  if (liaison_model_set_string (&self->time_zone, time_zone))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_ZONE]);
}

gboolean
liaison_calendar_get_is_active (LiaisonCalendar *self)
{
  g_return_val_if_fail (LIAISON_IS_CALENDAR (self), FALSE);
  return self->is_active;
}

void
liaison_calendar_set_is_active (LiaisonCalendar *self, gboolean is_active)
{
  g_return_if_fail (LIAISON_IS_CALENDAR (self));

  is_active = !!is_active;
  if (self->is_active == is_active)
    return;
  self->is_active = is_active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_ACTIVE]);
}

guint
liaison_calendar_get_slot_duration (LiaisonCalendar *self)
{
  g_return_val_if_fail (LIAISON_IS_CALENDAR (self), 0);
  return self->slot_duration;
}

void
liaison_calendar_set_slot_duration (LiaisonCalendar *self, guint slot_duration)
{
  g_return_if_fail (LIAISON_IS_CALENDAR (self));

  if (self->slot_duration == slot_duration)
    return;
  self->slot_duration = slot_duration;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLOT_DURATION]);
}
