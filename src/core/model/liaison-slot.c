/* liaison-slot.c: LiaisonSlot, a free interval on a calendar, offered for booking. Plain data: no
 * JSON and no service specifics here (the ghl/ and lsq/ mappings fill it).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-model"

#include "liaison-slot.h"
#include "liaison-model-private.h"

struct _LiaisonSlot
{
  GObject parent_instance;

  char *calendar_id;
  GDateTime *start_time;
  GDateTime *end_time;
  char *time_zone;
};

G_DEFINE_FINAL_TYPE (LiaisonSlot, liaison_slot, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_CALENDAR_ID,
  PROP_START_TIME,
  PROP_END_TIME,
  PROP_TIME_ZONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
liaison_slot_finalize (GObject *object)
{
  LiaisonSlot *self = (LiaisonSlot *) object;

  g_free (self->calendar_id);
  g_clear_pointer (&self->start_time, g_date_time_unref);
  g_clear_pointer (&self->end_time, g_date_time_unref);
  g_free (self->time_zone);

  G_OBJECT_CLASS (liaison_slot_parent_class)->finalize (object);
}

static void
liaison_slot_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LiaisonSlot *self = LIAISON_SLOT (object);

  switch (prop_id)
    {
      case PROP_CALENDAR_ID:
        g_value_set_string (value, self->calendar_id);
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
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_slot_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  LiaisonSlot *self = LIAISON_SLOT (object);

  switch (prop_id)
    {
      case PROP_CALENDAR_ID:
        liaison_slot_set_calendar_id (self, g_value_get_string (value));
        break;
      case PROP_START_TIME:
        liaison_slot_set_start_time (self, g_value_get_boxed (value));
        break;
      case PROP_END_TIME:
        liaison_slot_set_end_time (self, g_value_get_boxed (value));
        break;
      case PROP_TIME_ZONE:
        liaison_slot_set_time_zone (self, g_value_get_string (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_slot_class_init (LiaisonSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = liaison_slot_finalize;
  object_class->get_property = liaison_slot_get_property;
  object_class->set_property = liaison_slot_set_property;

  properties[PROP_CALENDAR_ID] = g_param_spec_string ("calendar-id", NULL, NULL, NULL, flags);
  properties[PROP_START_TIME]
      = g_param_spec_boxed ("start-time", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_END_TIME] = g_param_spec_boxed ("end-time", NULL, NULL, G_TYPE_DATE_TIME, flags);
  /* IANA zone the slot was offered in. */
  properties[PROP_TIME_ZONE] = g_param_spec_string ("time-zone", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_slot_init (LiaisonSlot *self)
{
}

LiaisonSlot *
liaison_slot_new (void)
{
  return g_object_new (LIAISON_TYPE_SLOT, NULL);
}

const char *
liaison_slot_get_calendar_id (LiaisonSlot *self)
{
  g_return_val_if_fail (LIAISON_IS_SLOT (self), NULL);
  return self->calendar_id;
}

void
liaison_slot_set_calendar_id (LiaisonSlot *self, const char *calendar_id)
{
  g_return_if_fail (LIAISON_IS_SLOT (self));

  if (liaison_model_set_string (&self->calendar_id, calendar_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CALENDAR_ID]);
}

GDateTime *
liaison_slot_get_start_time (LiaisonSlot *self)
{
  g_return_val_if_fail (LIAISON_IS_SLOT (self), NULL);
  return self->start_time;
}

void
liaison_slot_set_start_time (LiaisonSlot *self, GDateTime *start_time)
{
  g_return_if_fail (LIAISON_IS_SLOT (self));

  if (!liaison_model_set_date_time (&self->start_time, start_time))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START_TIME]);
}

GDateTime *
liaison_slot_get_end_time (LiaisonSlot *self)
{
  g_return_val_if_fail (LIAISON_IS_SLOT (self), NULL);
  return self->end_time;
}

void
liaison_slot_set_end_time (LiaisonSlot *self, GDateTime *end_time)
{
  g_return_if_fail (LIAISON_IS_SLOT (self));

  if (!liaison_model_set_date_time (&self->end_time, end_time))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END_TIME]);
}

const char *
liaison_slot_get_time_zone (LiaisonSlot *self)
{
  g_return_val_if_fail (LIAISON_IS_SLOT (self), NULL);
  return self->time_zone;
}

void
liaison_slot_set_time_zone (LiaisonSlot *self, const char *time_zone)
{
  g_return_if_fail (LIAISON_IS_SLOT (self));

  if (liaison_model_set_string (&self->time_zone, time_zone))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_ZONE]);
}
