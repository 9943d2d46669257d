/* liaison-user.c: LiaisonUser, a person with a login at a service (owners, assignees). Plain data:
 * no JSON and no service specifics here (the ghl/ and lsq/ mappings fill it).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-model"

#include "liaison-user.h"
#include "liaison-model-private.h"

struct _LiaisonUser
{
  GObject parent_instance;

  char *id;
  char *name;
  char *first_name;
  char *last_name;
  char *email;
  char *phone;
  char *role;
  char *time_zone;
};

G_DEFINE_FINAL_TYPE (LiaisonUser, liaison_user, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_FIRST_NAME,
  PROP_LAST_NAME,
  PROP_EMAIL,
  PROP_PHONE,
  PROP_ROLE,
  PROP_TIME_ZONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
liaison_user_finalize (GObject *object)
{
  LiaisonUser *self = (LiaisonUser *) object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->first_name);
  g_free (self->last_name);
  g_free (self->email);
  g_free (self->phone);
  g_free (self->role);
  g_free (self->time_zone);

  G_OBJECT_CLASS (liaison_user_parent_class)->finalize (object);
}

static void
liaison_user_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LiaisonUser *self = LIAISON_USER (object);

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_string (value, self->id);
        break;
      case PROP_NAME:
        g_value_set_string (value, self->name);
        break;
      case PROP_FIRST_NAME:
        g_value_set_string (value, self->first_name);
        break;
      case PROP_LAST_NAME:
        g_value_set_string (value, self->last_name);
        break;
      case PROP_EMAIL:
        g_value_set_string (value, self->email);
        break;
      case PROP_PHONE:
        g_value_set_string (value, self->phone);
        break;
      case PROP_ROLE:
        g_value_set_string (value, self->role);
        break;
      case PROP_TIME_ZONE:
        g_value_set_string (value, self->time_zone);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_user_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  LiaisonUser *self = LIAISON_USER (object);

  switch (prop_id)
    {
      case PROP_ID:
        liaison_user_set_id (self, g_value_get_string (value));
        break;
      case PROP_NAME:
        liaison_user_set_name (self, g_value_get_string (value));
        break;
      case PROP_FIRST_NAME:
        liaison_user_set_first_name (self, g_value_get_string (value));
        break;
      case PROP_LAST_NAME:
        liaison_user_set_last_name (self, g_value_get_string (value));
        break;
      case PROP_EMAIL:
        liaison_user_set_email (self, g_value_get_string (value));
        break;
      case PROP_PHONE:
        liaison_user_set_phone (self, g_value_get_string (value));
        break;
      case PROP_ROLE:
        liaison_user_set_role (self, g_value_get_string (value));
        break;
      case PROP_TIME_ZONE:
        liaison_user_set_time_zone (self, g_value_get_string (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_user_class_init (LiaisonUserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = liaison_user_finalize;
  object_class->get_property = liaison_user_get_property;
  object_class->set_property = liaison_user_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_FIRST_NAME] = g_param_spec_string ("first-name", NULL, NULL, NULL, flags);
  properties[PROP_LAST_NAME] = g_param_spec_string ("last-name", NULL, NULL, NULL, flags);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, flags);
  properties[PROP_PHONE] = g_param_spec_string ("phone", NULL, NULL, NULL, flags);
  properties[PROP_ROLE] = g_param_spec_string ("role", NULL, NULL, NULL, flags);
  /* IANA zone name. */
  properties[PROP_TIME_ZONE] = g_param_spec_string ("time-zone", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_user_init (LiaisonUser *self)
{
}

LiaisonUser *
liaison_user_new (void)
{
  return g_object_new (LIAISON_TYPE_USER, NULL);
}

const char *
liaison_user_get_id (LiaisonUser *self)
{
  g_return_val_if_fail (LIAISON_IS_USER (self), NULL);
  return self->id;
}

void
liaison_user_set_id (LiaisonUser *self, const char *id)
{
  g_return_if_fail (LIAISON_IS_USER (self));

  if (liaison_model_set_string (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
liaison_user_get_name (LiaisonUser *self)
{
  g_return_val_if_fail (LIAISON_IS_USER (self), NULL);
  return self->name;
}

void
liaison_user_set_name (LiaisonUser *self, const char *name)
{
  g_return_if_fail (LIAISON_IS_USER (self));

  if (liaison_model_set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
liaison_user_get_first_name (LiaisonUser *self)
{
  g_return_val_if_fail (LIAISON_IS_USER (self), NULL);
  return self->first_name;
}

void
liaison_user_set_first_name (LiaisonUser *self, const char *first_name)
{
  g_return_if_fail (LIAISON_IS_USER (self));

  if (liaison_model_set_string (&self->first_name, first_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_NAME]);
}

const char *
liaison_user_get_last_name (LiaisonUser *self)
{
  g_return_val_if_fail (LIAISON_IS_USER (self), NULL);
  return self->last_name;
}

void
liaison_user_set_last_name (LiaisonUser *self, const char *last_name)
{
  g_return_if_fail (LIAISON_IS_USER (self));

  if (liaison_model_set_string (&self->last_name, last_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_NAME]);
}

const char *
liaison_user_get_email (LiaisonUser *self)
{
  g_return_val_if_fail (LIAISON_IS_USER (self), NULL);
  return self->email;
}

void
liaison_user_set_email (LiaisonUser *self, const char *email)
{
  g_return_if_fail (LIAISON_IS_USER (self));

  if (liaison_model_set_string (&self->email, email))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL]);
}

const char *
liaison_user_get_phone (LiaisonUser *self)
{
  g_return_val_if_fail (LIAISON_IS_USER (self), NULL);
  return self->phone;
}

void
liaison_user_set_phone (LiaisonUser *self, const char *phone)
{
  g_return_if_fail (LIAISON_IS_USER (self));

  if (liaison_model_set_string (&self->phone, phone))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONE]);
}

const char *
liaison_user_get_role (LiaisonUser *self)
{
  g_return_val_if_fail (LIAISON_IS_USER (self), NULL);
  return self->role;
}

void
liaison_user_set_role (LiaisonUser *self, const char *role)
{
  g_return_if_fail (LIAISON_IS_USER (self));

  if (liaison_model_set_string (&self->role, role))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

const char *
liaison_user_get_time_zone (LiaisonUser *self)
{
  g_return_val_if_fail (LIAISON_IS_USER (self), NULL);
  return self->time_zone;
}

void
liaison_user_set_time_zone (LiaisonUser *self, const char *time_zone)
{
  g_return_if_fail (LIAISON_IS_USER (self));

  if (liaison_model_set_string (&self->time_zone, time_zone))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_ZONE]);
}
