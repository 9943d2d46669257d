/* liaison-field-def.c: LiaisonFieldDef, the definition of a record field (standard or custom) at
 * one service. Plain data: no JSON and no service specifics here (the ghl/ and lsq/ mappings fill
 * it).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-model"

#include "liaison-field-def.h"
#include "liaison-model-private.h"

G_DEFINE_ENUM_TYPE (LiaisonFieldType, liaison_field_type,
                    G_DEFINE_ENUM_VALUE (LIAISON_FIELD_TYPE_TEXT, "text"),
                    G_DEFINE_ENUM_VALUE (LIAISON_FIELD_TYPE_LARGE_TEXT, "large-text"),
                    G_DEFINE_ENUM_VALUE (LIAISON_FIELD_TYPE_NUMBER, "number"),
                    G_DEFINE_ENUM_VALUE (LIAISON_FIELD_TYPE_MONEY, "money"),
                    G_DEFINE_ENUM_VALUE (LIAISON_FIELD_TYPE_PHONE, "phone"),
                    G_DEFINE_ENUM_VALUE (LIAISON_FIELD_TYPE_EMAIL, "email"),
                    G_DEFINE_ENUM_VALUE (LIAISON_FIELD_TYPE_URL, "url"),
                    G_DEFINE_ENUM_VALUE (LIAISON_FIELD_TYPE_DATE, "date"),
                    G_DEFINE_ENUM_VALUE (LIAISON_FIELD_TYPE_DATE_TIME, "date-time"),
                    G_DEFINE_ENUM_VALUE (LIAISON_FIELD_TYPE_TIME, "time"),
                    G_DEFINE_ENUM_VALUE (LIAISON_FIELD_TYPE_BOOLEAN, "boolean"),
                    G_DEFINE_ENUM_VALUE (LIAISON_FIELD_TYPE_SINGLE_OPTION, "single-option"),
                    G_DEFINE_ENUM_VALUE (LIAISON_FIELD_TYPE_MULTIPLE_OPTIONS, "multiple-options"),
                    G_DEFINE_ENUM_VALUE (LIAISON_FIELD_TYPE_TEXT_LIST, "text-list"),
                    G_DEFINE_ENUM_VALUE (LIAISON_FIELD_TYPE_FILE, "file"),
                    G_DEFINE_ENUM_VALUE (LIAISON_FIELD_TYPE_OTHER, "other"))

struct _LiaisonFieldDef
{
  GObject parent_instance;

  char *id;
  char *key;
  char *name;
  LiaisonFieldType data_type;
  GStrv options;
  gboolean is_custom;
  gboolean is_required;
  gboolean is_unique;
  guint max_length;
};

G_DEFINE_FINAL_TYPE (LiaisonFieldDef, liaison_field_def, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_KEY,
  PROP_NAME,
  PROP_DATA_TYPE,
  PROP_OPTIONS,
  PROP_IS_CUSTOM,
  PROP_IS_REQUIRED,
  PROP_IS_UNIQUE,
  PROP_MAX_LENGTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
liaison_field_def_finalize (GObject *object)
{
  LiaisonFieldDef *self = (LiaisonFieldDef *) object;

  g_free (self->id);
  g_free (self->key);
  g_free (self->name);
  g_strfreev (self->options);

  G_OBJECT_CLASS (liaison_field_def_parent_class)->finalize (object);
}

static void
liaison_field_def_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LiaisonFieldDef *self = LIAISON_FIELD_DEF (object);

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_string (value, self->id);
        break;
      case PROP_KEY:
        g_value_set_string (value, self->key);
        break;
      case PROP_NAME:
        g_value_set_string (value, self->name);
        break;
      case PROP_DATA_TYPE:
        g_value_set_enum (value, self->data_type);
        break;
      case PROP_OPTIONS:
        g_value_set_boxed (value, self->options);
        break;
      case PROP_IS_CUSTOM:
        g_value_set_boolean (value, self->is_custom);
        break;
      case PROP_IS_REQUIRED:
        g_value_set_boolean (value, self->is_required);
        break;
      case PROP_IS_UNIQUE:
        g_value_set_boolean (value, self->is_unique);
        break;
      case PROP_MAX_LENGTH:
        g_value_set_uint (value, self->max_length);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_field_def_set_property (GObject *object, guint prop_id, const GValue *value,
                                GParamSpec *pspec)
{
  LiaisonFieldDef *self = LIAISON_FIELD_DEF (object);

  switch (prop_id)
    {
      case PROP_ID:
        liaison_field_def_set_id (self, g_value_get_string (value));
        break;
      case PROP_KEY:
        liaison_field_def_set_key (self, g_value_get_string (value));
        break;
      case PROP_NAME:
        liaison_field_def_set_name (self, g_value_get_string (value));
        break;
      case PROP_DATA_TYPE:
        liaison_field_def_set_data_type (self, g_value_get_enum (value));
        break;
      case PROP_OPTIONS:
        liaison_field_def_set_options (self, g_value_get_boxed (value));
        break;
      case PROP_IS_CUSTOM:
        liaison_field_def_set_is_custom (self, g_value_get_boolean (value));
        break;
      case PROP_IS_REQUIRED:
        liaison_field_def_set_is_required (self, g_value_get_boolean (value));
        break;
      case PROP_IS_UNIQUE:
        liaison_field_def_set_is_unique (self, g_value_get_boolean (value));
        break;
      case PROP_MAX_LENGTH:
        liaison_field_def_set_max_length (self, g_value_get_uint (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_field_def_class_init (LiaisonFieldDefClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = liaison_field_def_finalize;
  object_class->get_property = liaison_field_def_get_property;
  object_class->set_property = liaison_field_def_set_property;

  /* The field id (HighLevel) or schema name (LeadSquared). */
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  /* The stable key, e.g. contact.pincode or mx_City. */
  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, flags);
  /* Display name. */
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_DATA_TYPE] = g_param_spec_enum ("data-type", NULL, NULL, LIAISON_TYPE_FIELD_TYPE,
                                                  LIAISON_FIELD_TYPE_TEXT, flags);
  /* Allowed values of an option field. */
  properties[PROP_OPTIONS] = g_param_spec_boxed ("options", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_IS_CUSTOM] = g_param_spec_boolean ("is-custom", NULL, NULL, FALSE, flags);
  properties[PROP_IS_REQUIRED] = g_param_spec_boolean ("is-required", NULL, NULL, FALSE, flags);
  /* Identifies a record (LeadSquared lead identifiers). */
  properties[PROP_IS_UNIQUE] = g_param_spec_boolean ("is-unique", NULL, NULL, FALSE, flags);
  /* 0: no limit known. */
  properties[PROP_MAX_LENGTH]
      = g_param_spec_uint ("max-length", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_field_def_init (LiaisonFieldDef *self)
{
  self->data_type = LIAISON_FIELD_TYPE_TEXT;
}

LiaisonFieldDef *
liaison_field_def_new (void)
{
  return g_object_new (LIAISON_TYPE_FIELD_DEF, NULL);
}

const char *
liaison_field_def_get_id (LiaisonFieldDef *self)
{
  g_return_val_if_fail (LIAISON_IS_FIELD_DEF (self), NULL);
  return self->id;
}

void
liaison_field_def_set_id (LiaisonFieldDef *self, const char *id)
{
  g_return_if_fail (LIAISON_IS_FIELD_DEF (self));

  if (liaison_model_set_string (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
liaison_field_def_get_key (LiaisonFieldDef *self)
{
  g_return_val_if_fail (LIAISON_IS_FIELD_DEF (self), NULL);
  return self->key;
}

void
liaison_field_def_set_key (LiaisonFieldDef *self, const char *key)
{
  g_return_if_fail (LIAISON_IS_FIELD_DEF (self));

  if (liaison_model_set_string (&self->key, key))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY]);
}

const char *
liaison_field_def_get_name (LiaisonFieldDef *self)
{
  g_return_val_if_fail (LIAISON_IS_FIELD_DEF (self), NULL);
  return self->name;
}

void
liaison_field_def_set_name (LiaisonFieldDef *self, const char *name)
{
  g_return_if_fail (LIAISON_IS_FIELD_DEF (self));

  if (liaison_model_set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

LiaisonFieldType
liaison_field_def_get_data_type (LiaisonFieldDef *self)
{
  g_return_val_if_fail (LIAISON_IS_FIELD_DEF (self), 0);
  return self->data_type;
}

void
liaison_field_def_set_data_type (LiaisonFieldDef *self, LiaisonFieldType data_type)
{
  g_return_if_fail (LIAISON_IS_FIELD_DEF (self));

  if (self->data_type == data_type)
    return;
  self->data_type = data_type;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA_TYPE]);
}

const char *const *
liaison_field_def_get_options (LiaisonFieldDef *self)
{
  g_return_val_if_fail (LIAISON_IS_FIELD_DEF (self), NULL);
  return (const char *const *) self->options;
}

void
liaison_field_def_set_options (LiaisonFieldDef *self, const char *const *options)
{
  g_return_if_fail (LIAISON_IS_FIELD_DEF (self));

  if (liaison_model_strv_equal ((const char *const *) self->options, options))
    return;
  g_strfreev (self->options);
  self->options = g_strdupv ((char **) options);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPTIONS]);
}

gboolean
liaison_field_def_get_is_custom (LiaisonFieldDef *self)
{
  g_return_val_if_fail (LIAISON_IS_FIELD_DEF (self), FALSE);
  return self->is_custom;
}

void
liaison_field_def_set_is_custom (LiaisonFieldDef *self, gboolean is_custom)
{
  g_return_if_fail (LIAISON_IS_FIELD_DEF (self));

  is_custom = !!is_custom;
  if (self->is_custom == is_custom)
    return;
  self->is_custom = is_custom;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_CUSTOM]);
}

gboolean
liaison_field_def_get_is_required (LiaisonFieldDef *self)
{
  g_return_val_if_fail (LIAISON_IS_FIELD_DEF (self), FALSE);
  return self->is_required;
}

void
liaison_field_def_set_is_required (LiaisonFieldDef *self, gboolean is_required)
{
  g_return_if_fail (LIAISON_IS_FIELD_DEF (self));

  is_required = !!is_required;
  if (self->is_required == is_required)
    return;
  self->is_required = is_required;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_REQUIRED]);
}

gboolean
liaison_field_def_get_is_unique (LiaisonFieldDef *self)
{
  g_return_val_if_fail (LIAISON_IS_FIELD_DEF (self), FALSE);
  return self->is_unique;
}

void
liaison_field_def_set_is_unique (LiaisonFieldDef *self, gboolean is_unique)
{
  g_return_if_fail (LIAISON_IS_FIELD_DEF (self));

  is_unique = !!is_unique;
  if (self->is_unique == is_unique)
    return;
  self->is_unique = is_unique;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_UNIQUE]);
}

guint
liaison_field_def_get_max_length (LiaisonFieldDef *self)
{
  g_return_val_if_fail (LIAISON_IS_FIELD_DEF (self), 0);
  return self->max_length;
}

void
liaison_field_def_set_max_length (LiaisonFieldDef *self, guint max_length)
{
  g_return_if_fail (LIAISON_IS_FIELD_DEF (self));

  if (self->max_length == max_length)
    return;
  self->max_length = max_length;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_LENGTH]);
}
