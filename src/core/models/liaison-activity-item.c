/* liaison-activity-item.c: LiaisonActivityItem, a contact's task, note or appointment with the
 * service it is from. Immutable: LiaisonActivityList makes a new one when an item changes.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-models"

#include "liaison-activity-item.h"
#include "liaison-codec.h"

struct _LiaisonActivityItem
{
  GObject parent_instance;

  LiaisonService service;
  LiaisonRecordKind kind;
  GObject *object;
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
