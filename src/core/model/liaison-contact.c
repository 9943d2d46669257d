/* liaison-contact.c: LiaisonContact, a person or lead as both services know it; custom field values
 * are kept by field id. Plain data: no JSON and no service specifics here (the ghl/ and lsq/
 * mappings fill it).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-model"

#include "liaison-contact.h"
#include "liaison-model-private.h"

struct _LiaisonContact
{
  GObject parent_instance;

  char *id;
  char *first_name;
  char *last_name;
  char *email;
  char *phone;
  char *company_name;
  char *address1;
  char *city;
  char *state;
  char *postal_code;
  char *country;
  char *website;
  char *time_zone;
  char *source;
  char *assigned_to;
  char *date_of_birth;
  gboolean dnd;
  GStrv tags;
  GDateTime *date_added;
  GDateTime *date_updated;
  GHashTable *custom_fields; /* field id -> GVariant (sunk) */
};

G_DEFINE_FINAL_TYPE (LiaisonContact, liaison_contact, G_TYPE_OBJECT)

enum
{
  CUSTOM_FIELD_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_ID,
  PROP_FIRST_NAME,
  PROP_LAST_NAME,
  PROP_EMAIL,
  PROP_PHONE,
  PROP_COMPANY_NAME,
  PROP_ADDRESS1,
  PROP_CITY,
  PROP_STATE,
  PROP_POSTAL_CODE,
  PROP_COUNTRY,
  PROP_WEBSITE,
  PROP_TIME_ZONE,
  PROP_SOURCE,
  PROP_ASSIGNED_TO,
  PROP_DATE_OF_BIRTH,
  PROP_DND,
  PROP_TAGS,
  PROP_DATE_ADDED,
  PROP_DATE_UPDATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
liaison_contact_finalize (GObject *object)
{
  LiaisonContact *self = (LiaisonContact *) object;

  g_free (self->id);
  g_free (self->first_name);
  g_free (self->last_name);
  g_free (self->email);
  g_free (self->phone);
  g_free (self->company_name);
  g_free (self->address1);
  g_free (self->city);
  g_free (self->state);
  g_free (self->postal_code);
  g_free (self->country);
  g_free (self->website);
  g_free (self->time_zone);
  g_free (self->source);
  g_free (self->assigned_to);
  g_free (self->date_of_birth);
  g_strfreev (self->tags);
  g_clear_pointer (&self->date_added, g_date_time_unref);
  g_clear_pointer (&self->date_updated, g_date_time_unref);
  g_hash_table_unref (self->custom_fields);

  G_OBJECT_CLASS (liaison_contact_parent_class)->finalize (object);
}

static void
liaison_contact_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LiaisonContact *self = LIAISON_CONTACT (object);

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_string (value, self->id);
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
      case PROP_COMPANY_NAME:
        g_value_set_string (value, self->company_name);
        break;
      case PROP_ADDRESS1:
        g_value_set_string (value, self->address1);
        break;
      case PROP_CITY:
        g_value_set_string (value, self->city);
        break;
      case PROP_STATE:
        g_value_set_string (value, self->state);
        break;
      case PROP_POSTAL_CODE:
        g_value_set_string (value, self->postal_code);
        break;
      case PROP_COUNTRY:
        g_value_set_string (value, self->country);
        break;
      case PROP_WEBSITE:
        g_value_set_string (value, self->website);
        break;
      case PROP_TIME_ZONE:
        g_value_set_string (value, self->time_zone);
        break;
      case PROP_SOURCE:
        g_value_set_string (value, self->source);
        break;
      case PROP_ASSIGNED_TO:
        g_value_set_string (value, self->assigned_to);
        break;
      case PROP_DATE_OF_BIRTH:
        g_value_set_string (value, self->date_of_birth);
        break;
      case PROP_DND:
        g_value_set_boolean (value, self->dnd);
        break;
      case PROP_TAGS:
        g_value_set_boxed (value, self->tags);
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
liaison_contact_set_property (GObject *object, guint prop_id, const GValue *value,
                              GParamSpec *pspec)
{
  LiaisonContact *self = LIAISON_CONTACT (object);

  switch (prop_id)
    {
      case PROP_ID:
        liaison_contact_set_id (self, g_value_get_string (value));
        break;
      case PROP_FIRST_NAME:
        liaison_contact_set_first_name (self, g_value_get_string (value));
        break;
      case PROP_LAST_NAME:
        liaison_contact_set_last_name (self, g_value_get_string (value));
        break;
      case PROP_EMAIL:
        liaison_contact_set_email (self, g_value_get_string (value));
        break;
      case PROP_PHONE:
        liaison_contact_set_phone (self, g_value_get_string (value));
        break;
      case PROP_COMPANY_NAME:
        liaison_contact_set_company_name (self, g_value_get_string (value));
        break;
      case PROP_ADDRESS1:
        liaison_contact_set_address1 (self, g_value_get_string (value));
        break;
      case PROP_CITY:
        liaison_contact_set_city (self, g_value_get_string (value));
        break;
      case PROP_STATE:
        liaison_contact_set_state (self, g_value_get_string (value));
        break;
      case PROP_POSTAL_CODE:
        liaison_contact_set_postal_code (self, g_value_get_string (value));
        break;
      case PROP_COUNTRY:
        liaison_contact_set_country (self, g_value_get_string (value));
        break;
      case PROP_WEBSITE:
        liaison_contact_set_website (self, g_value_get_string (value));
        break;
      case PROP_TIME_ZONE:
        liaison_contact_set_time_zone (self, g_value_get_string (value));
        break;
      case PROP_SOURCE:
        liaison_contact_set_source (self, g_value_get_string (value));
        break;
      case PROP_ASSIGNED_TO:
        liaison_contact_set_assigned_to (self, g_value_get_string (value));
        break;
      case PROP_DATE_OF_BIRTH:
        liaison_contact_set_date_of_birth (self, g_value_get_string (value));
        break;
      case PROP_DND:
        liaison_contact_set_dnd (self, g_value_get_boolean (value));
        break;
      case PROP_TAGS:
        liaison_contact_set_tags (self, g_value_get_boxed (value));
        break;
      case PROP_DATE_ADDED:
        liaison_contact_set_date_added (self, g_value_get_boxed (value));
        break;
      case PROP_DATE_UPDATED:
        liaison_contact_set_date_updated (self, g_value_get_boxed (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_contact_class_init (LiaisonContactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = liaison_contact_finalize;
  object_class->get_property = liaison_contact_get_property;
  object_class->set_property = liaison_contact_set_property;

  /* The record id at its service. */
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_FIRST_NAME] = g_param_spec_string ("first-name", NULL, NULL, NULL, flags);
  properties[PROP_LAST_NAME] = g_param_spec_string ("last-name", NULL, NULL, NULL, flags);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, flags);
  /* In the form the service gave; normalize before comparing. */
  properties[PROP_PHONE] = g_param_spec_string ("phone", NULL, NULL, NULL, flags);
  properties[PROP_COMPANY_NAME] = g_param_spec_string ("company-name", NULL, NULL, NULL, flags);
  properties[PROP_ADDRESS1] = g_param_spec_string ("address1", NULL, NULL, NULL, flags);
  properties[PROP_CITY] = g_param_spec_string ("city", NULL, NULL, NULL, flags);
  properties[PROP_STATE] = g_param_spec_string ("state", NULL, NULL, NULL, flags);
  properties[PROP_POSTAL_CODE] = g_param_spec_string ("postal-code", NULL, NULL, NULL, flags);
  /* ISO 3166 alpha-2 code where known. */
  properties[PROP_COUNTRY] = g_param_spec_string ("country", NULL, NULL, NULL, flags);
  properties[PROP_WEBSITE] = g_param_spec_string ("website", NULL, NULL, NULL, flags);
  /* IANA zone name. */
  properties[PROP_TIME_ZONE] = g_param_spec_string ("time-zone", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, flags);
  /* User id of the owner. */
  properties[PROP_ASSIGNED_TO] = g_param_spec_string ("assigned-to", NULL, NULL, NULL, flags);
  /* A calendar date, YYYY-MM-DD (no time, so no time zone). */
  properties[PROP_DATE_OF_BIRTH] = g_param_spec_string ("date-of-birth", NULL, NULL, NULL, flags);
  /* Do not disturb: no messages of any kind. */
  properties[PROP_DND] = g_param_spec_boolean ("dnd", NULL, NULL, FALSE, flags);
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_DATE_ADDED]
      = g_param_spec_boxed ("date-added", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_DATE_UPDATED]
      = g_param_spec_boxed ("date-updated", NULL, NULL, G_TYPE_DATE_TIME, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Custom fields are not properties: the set differs per account. */
  signals[CUSTOM_FIELD_CHANGED]
      = g_signal_new ("custom-field-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
liaison_contact_init (LiaisonContact *self)
{
  self->custom_fields
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_variant_unref);
}

LiaisonContact *
liaison_contact_new (void)
{
  return g_object_new (LIAISON_TYPE_CONTACT, NULL);
}

const char *
liaison_contact_get_id (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return self->id;
}

void
liaison_contact_set_id (LiaisonContact *self, const char *id)
{
  g_return_if_fail (LIAISON_IS_CONTACT (self));

  if (liaison_model_set_string (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
liaison_contact_get_first_name (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return self->first_name;
}

void
liaison_contact_set_first_name (LiaisonContact *self, const char *first_name)
{
  g_return_if_fail (LIAISON_IS_CONTACT (self));

  if (liaison_model_set_string (&self->first_name, first_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_NAME]);
}

const char *
liaison_contact_get_last_name (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return self->last_name;
}

void
liaison_contact_set_last_name (LiaisonContact *self, const char *last_name)
{
  g_return_if_fail (LIAISON_IS_CONTACT (self));

  if (liaison_model_set_string (&self->last_name, last_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_NAME]);
}

const char *
liaison_contact_get_email (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return self->email;
}

void
liaison_contact_set_email (LiaisonContact *self, const char *email)
{
  g_return_if_fail (LIAISON_IS_CONTACT (self));

  if (liaison_model_set_string (&self->email, email))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL]);
}

const char *
liaison_contact_get_phone (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return self->phone;
}

void
liaison_contact_set_phone (LiaisonContact *self, const char *phone)
{
  g_return_if_fail (LIAISON_IS_CONTACT (self));

  if (liaison_model_set_string (&self->phone, phone))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONE]);
}

const char *
liaison_contact_get_company_name (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return self->company_name;
}

void
liaison_contact_set_company_name (LiaisonContact *self, const char *company_name)
{
  g_return_if_fail (LIAISON_IS_CONTACT (self));

  if (liaison_model_set_string (&self->company_name, company_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPANY_NAME]);
}

const char *
liaison_contact_get_address1 (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return self->address1;
}

void
liaison_contact_set_address1 (LiaisonContact *self, const char *address1)
{
  g_return_if_fail (LIAISON_IS_CONTACT (self));

  if (liaison_model_set_string (&self->address1, address1))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDRESS1]);
}

const char *
liaison_contact_get_city (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return self->city;
}

void
liaison_contact_set_city (LiaisonContact *self, const char *city)
{
  g_return_if_fail (LIAISON_IS_CONTACT (self));

  if (liaison_model_set_string (&self->city, city))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CITY]);
}

const char *
liaison_contact_get_state (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return self->state;
}

void
liaison_contact_set_state (LiaisonContact *self, const char *state)
{
  g_return_if_fail (LIAISON_IS_CONTACT (self));

  if (liaison_model_set_string (&self->state, state))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

const char *
liaison_contact_get_postal_code (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return self->postal_code;
}

void
liaison_contact_set_postal_code (LiaisonContact *self, const char *postal_code)
{
  g_return_if_fail (LIAISON_IS_CONTACT (self));

  if (liaison_model_set_string (&self->postal_code, postal_code))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSTAL_CODE]);
}

const char *
liaison_contact_get_country (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return self->country;
}

void
liaison_contact_set_country (LiaisonContact *self, const char *country)
{
  g_return_if_fail (LIAISON_IS_CONTACT (self));

  if (liaison_model_set_string (&self->country, country))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTRY]);
}

const char *
liaison_contact_get_website (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return self->website;
}

void
liaison_contact_set_website (LiaisonContact *self, const char *website)
{
  g_return_if_fail (LIAISON_IS_CONTACT (self));

  if (liaison_model_set_string (&self->website, website))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEBSITE]);
}

const char *
liaison_contact_get_time_zone (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return self->time_zone;
}

void
liaison_contact_set_time_zone (LiaisonContact *self, const char *time_zone)
{
  g_return_if_fail (LIAISON_IS_CONTACT (self));

  if (liaison_model_set_string (&self->time_zone, time_zone))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_ZONE]);
}

const char *
liaison_contact_get_source (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return self->source;
}

void
liaison_contact_set_source (LiaisonContact *self, const char *source)
{
  g_return_if_fail (LIAISON_IS_CONTACT (self));

  if (liaison_model_set_string (&self->source, source))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

const char *
liaison_contact_get_assigned_to (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return self->assigned_to;
}

void
liaison_contact_set_assigned_to (LiaisonContact *self, const char *assigned_to)
{
  g_return_if_fail (LIAISON_IS_CONTACT (self));

  if (liaison_model_set_string (&self->assigned_to, assigned_to))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASSIGNED_TO]);
}

const char *
liaison_contact_get_date_of_birth (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return self->date_of_birth;
}

void
liaison_contact_set_date_of_birth (LiaisonContact *self, const char *date_of_birth)
{
  g_return_if_fail (LIAISON_IS_CONTACT (self));

  if (liaison_model_set_string (&self->date_of_birth, date_of_birth))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE_OF_BIRTH]);
}

gboolean
liaison_contact_get_dnd (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), FALSE);
  return self->dnd;
}

void
liaison_contact_set_dnd (LiaisonContact *self, gboolean dnd)
{
  g_return_if_fail (LIAISON_IS_CONTACT (self));

  dnd = !!dnd;
  if (self->dnd == dnd)
    return;
  self->dnd = dnd;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DND]);
}

const char *const *
liaison_contact_get_tags (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return (const char *const *) self->tags;
}

void
liaison_contact_set_tags (LiaisonContact *self, const char *const *tags)
{
  g_return_if_fail (LIAISON_IS_CONTACT (self));

  if (liaison_model_strv_equal ((const char *const *) self->tags, tags))
    return;
  g_strfreev (self->tags);
  self->tags = g_strdupv ((char **) tags);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

GDateTime *
liaison_contact_get_date_added (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return self->date_added;
}

void
liaison_contact_set_date_added (LiaisonContact *self, GDateTime *date_added)
{
  g_return_if_fail (LIAISON_IS_CONTACT (self));

  if (!liaison_model_set_date_time (&self->date_added, date_added))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE_ADDED]);
}

GDateTime *
liaison_contact_get_date_updated (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  return self->date_updated;
}

void
liaison_contact_set_date_updated (LiaisonContact *self, GDateTime *date_updated)
{
  g_return_if_fail (LIAISON_IS_CONTACT (self));

  if (!liaison_model_set_date_time (&self->date_updated, date_updated))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE_UPDATED]);
}

/* value NULL removes the field. A floating value is sunk. */
void
liaison_contact_set_custom_field (LiaisonContact *self, const char *field_id, GVariant *value)
{
  GVariant *old;

  g_return_if_fail (LIAISON_IS_CONTACT (self));
  g_return_if_fail (field_id != NULL);

  old = g_hash_table_lookup (self->custom_fields, field_id);
  if (value == NULL)
    {
      if (old == NULL)
        return;
      g_hash_table_remove (self->custom_fields, field_id);
    }
  else
    {
      g_variant_ref_sink (value);
      if (old != NULL && g_variant_equal (old, value))
        {
          g_variant_unref (value);
          return;
        }
      g_hash_table_replace (self->custom_fields, g_strdup (field_id), value);
    }
  g_signal_emit (self, signals[CUSTOM_FIELD_CHANGED], 0, field_id);
}

/* Returns (transfer none) the value, or NULL when the field is not set. */
GVariant *
liaison_contact_get_custom_field (LiaisonContact *self, const char *field_id)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);
  g_return_val_if_fail (field_id != NULL, NULL);

  return g_hash_table_lookup (self->custom_fields, field_id);
}

void
liaison_contact_set_custom_field_string (LiaisonContact *self, const char *field_id,
                                         const char *value)
{
  liaison_contact_set_custom_field (self, field_id,
                                    value != NULL ? g_variant_new_string (value) : NULL);
}

/* NULL when the field is unset or does not hold text. */
const char *
liaison_contact_get_custom_field_string (LiaisonContact *self, const char *field_id)
{
  GVariant *value = liaison_contact_get_custom_field (self, field_id);

  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return NULL;
  return g_variant_get_string (value, NULL);
}

/* Reads a number stored as a double, an integer type or numeric text. */
gboolean
liaison_contact_get_custom_field_double (LiaisonContact *self, const char *field_id, double *value)
{
  GVariant *v = liaison_contact_get_custom_field (self, field_id);

  if (v == NULL)
    return FALSE;
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_DOUBLE))
    *value = g_variant_get_double (v);
  else if (g_variant_is_of_type (v, G_VARIANT_TYPE_INT64))
    *value = (double) g_variant_get_int64 (v);
  else if (g_variant_is_of_type (v, G_VARIANT_TYPE_INT32))
    *value = g_variant_get_int32 (v);
  else if (g_variant_is_of_type (v, G_VARIANT_TYPE_UINT32))
    *value = g_variant_get_uint32 (v);
  else if (g_variant_is_of_type (v, G_VARIANT_TYPE_STRING))
    {
      /* Services send numbers as text too ("54", "10.5"). */
      const char *text = g_variant_get_string (v, NULL);
      char *end = NULL;
      double d;

      if (*text == '\0')
        return FALSE;
      d = g_ascii_strtod (text, &end);
      if (end == NULL || *end != '\0')
        return FALSE;
      *value = d;
    }
  else
    return FALSE;
  return TRUE;
}

/* A copy of a list value (type as), or NULL. */
char **
liaison_contact_dup_custom_field_strv (LiaisonContact *self, const char *field_id)
{
  GVariant *value = liaison_contact_get_custom_field (self, field_id);

  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    return NULL;
  return g_variant_dup_strv (value, NULL);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* The ids of the fields that are set, sorted so that output is stable. */
char **
liaison_contact_dup_custom_field_ids (LiaisonContact *self)
{
  GHashTableIter iter;
  gpointer key;
  GPtrArray *ids;

  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);

  ids = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->custom_fields);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, g_strdup (key));
  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);
  return (char **) g_ptr_array_free (ids, FALSE);
}

guint
liaison_contact_get_n_custom_fields (LiaisonContact *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT (self), 0);
  return g_hash_table_size (self->custom_fields);
}

/* Tags compare without regard to case: HighLevel lowercases them. */
gboolean
liaison_contact_has_tag (LiaisonContact *self, const char *tag)
{
  guint i;

  g_return_val_if_fail (LIAISON_IS_CONTACT (self), FALSE);

  for (i = 0; self->tags != NULL && self->tags[i] != NULL; i++)
    {
      g_autofree char *a = g_utf8_casefold (self->tags[i], -1);
      g_autofree char *b = g_utf8_casefold (tag, -1);

      if (g_strcmp0 (a, b) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A name to show: first and last name, else email, else phone, else id. */
char *
liaison_contact_dup_display_name (LiaisonContact *self)
{
  g_autofree char *joined = NULL;

  g_return_val_if_fail (LIAISON_IS_CONTACT (self), NULL);

  joined = g_strstrip (g_strdup_printf ("%s %s", self->first_name != NULL ? self->first_name : "",
                                        self->last_name != NULL ? self->last_name : ""));
  if (*joined != '\0')
    return g_steal_pointer (&joined);
  if (self->email != NULL && *self->email != '\0')
    return g_strdup (self->email);
  if (self->phone != NULL && *self->phone != '\0')
    return g_strdup (self->phone);
  return g_strdup (self->id != NULL ? self->id : "");
}
