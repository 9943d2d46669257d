/* liaison-mapping-pair.c: see liaison-mapping-pair.h. The model sets the values; the properties
 * notify, so a row bound to a pair follows the editor without being rebuilt.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-models"

#include "liaison-mapping-pair-private.h"

struct _LiaisonMappingPair
{
  GObject parent_instance;

  char *key;
  char *field[2];
  char *label[2];
  LiaisonSyncDirection direction;
  LiaisonTransform transform;
  LiaisonConflictPolicy policy;
  char *problem;
};

G_DEFINE_FINAL_TYPE (LiaisonMappingPair, liaison_mapping_pair, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_KEY,
  PROP_DIRECTION,
  PROP_TRANSFORM,
  PROP_POLICY,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
liaison_mapping_pair_finalize (GObject *object)
{
  LiaisonMappingPair *self = LIAISON_MAPPING_PAIR (object);

  g_free (self->key);
  for (guint s = 0; s < 2; s++)
    {
      g_free (self->field[s]);
      g_free (self->label[s]);
    }
  g_free (self->problem);
  G_OBJECT_CLASS (liaison_mapping_pair_parent_class)->finalize (object);
}

static void
liaison_mapping_pair_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LiaisonMappingPair *self = LIAISON_MAPPING_PAIR (object);

  switch (prop_id)
    {
      case PROP_KEY:
        g_value_set_string (value, self->key);
        break;
      case PROP_DIRECTION:
        g_value_set_uint (value, self->direction);
        break;
      case PROP_TRANSFORM:
        g_value_set_uint (value, self->transform);
        break;
      case PROP_POLICY:
        g_value_set_uint (value, self->policy);
        break;
      case PROP_PROBLEM:
        g_value_set_string (value, self->problem);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_mapping_pair_class_init (LiaisonMappingPairClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = liaison_mapping_pair_finalize;
  object_class->get_property = liaison_mapping_pair_get_property;

  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, flags);
  properties[PROP_DIRECTION] = g_param_spec_uint ("direction", NULL, NULL, 0, LIAISON_SYNC_TO_LSQ,
                                                  LIAISON_SYNC_BOTH, flags);
  properties[PROP_TRANSFORM]
      = g_param_spec_uint ("transform", NULL, NULL, 0, LIAISON_TRANSFORM_OWNER, 0, flags);
  properties[PROP_POLICY] = g_param_spec_uint ("policy", NULL, NULL, 0, LIAISON_POLICY_NEWEST_WINS,
                                               LIAISON_POLICY_ASK, flags);
  properties[PROP_PROBLEM] = g_param_spec_string ("problem", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_mapping_pair_init (LiaisonMappingPair *self)
{
}

LiaisonMappingPair *
liaison_mapping_pair_new (const char *key, const char *lsq_field, const char *ghl_field,
                          const char *lsq_label, const char *ghl_label)
{
  LiaisonMappingPair *self = g_object_new (LIAISON_TYPE_MAPPING_PAIR, NULL);

  self->key = g_strdup (key);
  self->field[LIAISON_SERVICE_LSQ] = g_strdup (lsq_field);
  self->field[LIAISON_SERVICE_GHL] = g_strdup (ghl_field);
  self->label[LIAISON_SERVICE_LSQ] = g_strdup (lsq_label);
  self->label[LIAISON_SERVICE_GHL] = g_strdup (ghl_label);
  return self;
}

void
liaison_mapping_pair_update (LiaisonMappingPair *self, LiaisonSyncDirection direction,
                             LiaisonTransform transform, LiaisonConflictPolicy policy)
{
  g_return_if_fail (LIAISON_IS_MAPPING_PAIR (self));

  if (self->direction != direction)
    {
      self->direction = direction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRECTION]);
    }
  if (self->transform != transform)
    {
      self->transform = transform;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRANSFORM]);
    }
  if (self->policy != policy)
    {
      self->policy = policy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLICY]);
    }
}

void
liaison_mapping_pair_set_problem (LiaisonMappingPair *self, const char *problem)
{
  g_return_if_fail (LIAISON_IS_MAPPING_PAIR (self));

  if (problem != NULL && *problem == '\0')
    problem = NULL;
  if (g_strcmp0 (self->problem, problem) == 0)
    return;
  g_free (self->problem);
  self->problem = g_strdup (problem);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

const char *
liaison_mapping_pair_get_key (LiaisonMappingPair *self)
{
  g_return_val_if_fail (LIAISON_IS_MAPPING_PAIR (self), NULL);
  return self->key;
}

const char *
liaison_mapping_pair_get_field (LiaisonMappingPair *self, LiaisonSide side)
{
  g_return_val_if_fail (LIAISON_IS_MAPPING_PAIR (self), NULL);
  g_return_val_if_fail (side == LIAISON_SERVICE_LSQ || side == LIAISON_SERVICE_GHL, NULL);
  return self->field[side];
}

const char *
liaison_mapping_pair_get_label (LiaisonMappingPair *self, LiaisonSide side)
{
  g_return_val_if_fail (LIAISON_IS_MAPPING_PAIR (self), NULL);
  g_return_val_if_fail (side == LIAISON_SERVICE_LSQ || side == LIAISON_SERVICE_GHL, NULL);
  return self->label[side];
}

LiaisonSyncDirection
liaison_mapping_pair_get_direction (LiaisonMappingPair *self)
{
  g_return_val_if_fail (LIAISON_IS_MAPPING_PAIR (self), LIAISON_SYNC_BOTH);
  return self->direction;
}

LiaisonTransform
liaison_mapping_pair_get_transform (LiaisonMappingPair *self)
{
  g_return_val_if_fail (LIAISON_IS_MAPPING_PAIR (self), LIAISON_TRANSFORM_NONE);
  return self->transform;
}

LiaisonConflictPolicy
liaison_mapping_pair_get_policy (LiaisonMappingPair *self)
{
  g_return_val_if_fail (LIAISON_IS_MAPPING_PAIR (self), LIAISON_POLICY_ASK);
  return self->policy;
}

const char *
liaison_mapping_pair_get_problem (LiaisonMappingPair *self)
{
  g_return_val_if_fail (LIAISON_IS_MAPPING_PAIR (self), NULL);
  return self->problem;
}
