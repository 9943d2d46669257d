/* liaison-activity-item.c: LiaisonActivityItem, a contact's task, note or appointment with the
 * service it is from, and the order they are listed in. Immutable but for its sync state:
 * LiaisonActivityList makes a new one when an item changes.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-models"

#include "liaison-activity-item.h"
#include "liaison-appointment.h"
#include "liaison-codec.h"
#include "liaison-note.h"
#include "liaison-task.h"

struct _LiaisonActivityItem
{
  GObject parent_instance;

  LiaisonService service;
  LiaisonRecordKind kind;
  GObject *object;
  LiaisonActivitySyncState sync_state;
};

enum
{
  PROP_0,
  PROP_SERVICE,
  PROP_KIND,
  PROP_OBJECT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonActivityItem, liaison_activity_item, G_TYPE_OBJECT)

LiaisonActivityItem *
liaison_activity_item_new (LiaisonService service, GObject *object)
{
  LiaisonActivityItem *self;
  LiaisonRecordKind kind;

  g_return_val_if_fail (liaison_codec_item_kind (object, &kind), NULL);
  self = g_object_new (LIAISON_TYPE_ACTIVITY_ITEM, NULL);
  self->service = service;
  self->kind = kind;
  self->object = g_object_ref (object);
  return self;
}

LiaisonService
liaison_activity_item_get_service (LiaisonActivityItem *self)
{
  g_return_val_if_fail (LIAISON_IS_ACTIVITY_ITEM (self), 0);
  return self->service;
}

LiaisonRecordKind
liaison_activity_item_get_kind (LiaisonActivityItem *self)
{
  g_return_val_if_fail (LIAISON_IS_ACTIVITY_ITEM (self), 0);
  return self->kind;
}

GObject *
liaison_activity_item_get_object (LiaisonActivityItem *self)
{
  g_return_val_if_fail (LIAISON_IS_ACTIVITY_ITEM (self), NULL);
  return self->object;
}

const char *
liaison_activity_item_get_remote_id (LiaisonActivityItem *self)
{
  g_return_val_if_fail (LIAISON_IS_ACTIVITY_ITEM (self), NULL);
  if (LIAISON_IS_TASK (self->object))
    return liaison_task_get_id (LIAISON_TASK (self->object));
  if (LIAISON_IS_NOTE (self->object))
    return liaison_note_get_id (LIAISON_NOTE (self->object));
  if (LIAISON_IS_APPOINTMENT (self->object))
    return liaison_appointment_get_id (LIAISON_APPOINTMENT (self->object));
  return NULL;
}

LiaisonActivitySyncState
liaison_activity_item_get_sync_state (LiaisonActivityItem *self)
{
  g_return_val_if_fail (LIAISON_IS_ACTIVITY_ITEM (self), LIAISON_ACTIVITY_SYNC_NONE);
  return self->sync_state;
}

gboolean
liaison_activity_item_set_sync_state (LiaisonActivityItem *self, LiaisonActivitySyncState state)
{
  g_return_val_if_fail (LIAISON_IS_ACTIVITY_ITEM (self), FALSE);
  if (self->sync_state == state)
    return FALSE;
  self->sync_state = state;
  return TRUE;
}

static int
compare_times (GDateTime *a, GDateTime *b)
{
  /* Items without a time go last. */
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);
  return g_date_time_compare (a, b);
}

/* Order within a group: open tasks by due date before completed ones, notes newest first,
 * appointments by start. */
static int
compare_objects (GObject *a, GObject *b)
{
  if (LIAISON_IS_TASK (a) && LIAISON_IS_TASK (b))
    {
      LiaisonTask *ta = LIAISON_TASK (a);
      LiaisonTask *tb = LIAISON_TASK (b);

      if (liaison_task_get_completed (ta) != liaison_task_get_completed (tb))
        return liaison_task_get_completed (ta) ? 1 : -1;
      return compare_times (liaison_task_get_due_date (ta), liaison_task_get_due_date (tb));
    }
  if (LIAISON_IS_NOTE (a) && LIAISON_IS_NOTE (b))
    return -compare_times (liaison_note_get_date_added (LIAISON_NOTE (a)),
                           liaison_note_get_date_added (LIAISON_NOTE (b)));
  if (LIAISON_IS_APPOINTMENT (a) && LIAISON_IS_APPOINTMENT (b))
    return compare_times (liaison_appointment_get_start_time (LIAISON_APPOINTMENT (a)),
                          liaison_appointment_get_start_time (LIAISON_APPOINTMENT (b)));
  return 0;
}

int
liaison_activity_item_compare (LiaisonActivityItem *a, LiaisonActivityItem *b)
{
  int order;

  if (a->kind != b->kind)
    return (int) a->kind - (int) b->kind;
  order = compare_objects (a->object, b->object);
  /* Ties keep the two services apart in a steady order. */
  return order != 0 ? order : (int) a->service - (int) b->service;
}

int
liaison_activity_item_compare_indirect (gconstpointer a, gconstpointer b)
{
  return liaison_activity_item_compare (*(LiaisonActivityItem *const *) a,
                                        *(LiaisonActivityItem *const *) b);
}

static void
liaison_activity_item_finalize (GObject *object)
{
  LiaisonActivityItem *self = LIAISON_ACTIVITY_ITEM (object);

  g_clear_object (&self->object);
  G_OBJECT_CLASS (liaison_activity_item_parent_class)->finalize (object);
}

static void
liaison_activity_item_get_property (GObject *object, guint prop_id, GValue *value,
                                    GParamSpec *pspec)
{
  LiaisonActivityItem *self = LIAISON_ACTIVITY_ITEM (object);

  switch (prop_id)
    {
      case PROP_SERVICE:
        g_value_set_enum (value, self->service);
        break;
      case PROP_KIND:
        g_value_set_enum (value, self->kind);
        break;
      case PROP_OBJECT:
        g_value_set_object (value, self->object);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_activity_item_class_init (LiaisonActivityItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = liaison_activity_item_finalize;
  object_class->get_property = liaison_activity_item_get_property;

  properties[PROP_SERVICE]
      = g_param_spec_enum ("service", NULL, NULL, LIAISON_TYPE_SERVICE, LIAISON_SERVICE_LSQ, ro);
  properties[PROP_KIND]
      = g_param_spec_enum ("kind", NULL, NULL, LIAISON_TYPE_RECORD_KIND, LIAISON_RECORD_TASK, ro);
  properties[PROP_OBJECT] = g_param_spec_object ("object", NULL, NULL, G_TYPE_OBJECT, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_activity_item_init (LiaisonActivityItem *self)
{
}
