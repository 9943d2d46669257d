/* liaison-note.c: LiaisonNote, a free-text note attached to a contact. Plain data: no JSON and no
 * service specifics here (the ghl/ and lsq/ mappings fill it).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-model"

#include "liaison-note.h"
#include "liaison-model-private.h"

struct _LiaisonNote
{
  GObject parent_instance;

  char *id;
  char *contact_id;
  char *body;
  char *user_id;
  GDateTime *date_added;
  GDateTime *date_updated;
};

G_DEFINE_FINAL_TYPE (LiaisonNote, liaison_note, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_CONTACT_ID,
  PROP_BODY,
  PROP_USER_ID,
  PROP_DATE_ADDED,
  PROP_DATE_UPDATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
liaison_note_finalize (GObject *object)
{
  LiaisonNote *self = (LiaisonNote *) object;

  g_free (self->id);
  g_free (self->contact_id);
  g_free (self->body);
  g_free (self->user_id);
  g_clear_pointer (&self->date_added, g_date_time_unref);
  g_clear_pointer (&self->date_updated, g_date_time_unref);

  G_OBJECT_CLASS (liaison_note_parent_class)->finalize (object);
}

static void
liaison_note_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LiaisonNote *self = LIAISON_NOTE (object);

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_string (value, self->id);
        break;
      case PROP_CONTACT_ID:
        g_value_set_string (value, self->contact_id);
        break;
      case PROP_BODY:
        g_value_set_string (value, self->body);
        break;
      case PROP_USER_ID:
        g_value_set_string (value, self->user_id);
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
liaison_note_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  LiaisonNote *self = LIAISON_NOTE (object);

  switch (prop_id)
    {
      case PROP_ID:
        liaison_note_set_id (self, g_value_get_string (value));
        break;
      case PROP_CONTACT_ID:
        liaison_note_set_contact_id (self, g_value_get_string (value));
        break;
      case PROP_BODY:
        liaison_note_set_body (self, g_value_get_string (value));
        break;
      case PROP_USER_ID:
        liaison_note_set_user_id (self, g_value_get_string (value));
        break;
      case PROP_DATE_ADDED:
        liaison_note_set_date_added (self, g_value_get_boxed (value));
        break;
      case PROP_DATE_UPDATED:
        liaison_note_set_date_updated (self, g_value_get_boxed (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_note_class_init (LiaisonNoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = liaison_note_finalize;
  object_class->get_property = liaison_note_get_property;
  object_class->set_property = liaison_note_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_CONTACT_ID] = g_param_spec_string ("contact-id", NULL, NULL, NULL, flags);
  properties[PROP_BODY] = g_param_spec_string ("body", NULL, NULL, NULL, flags);
  /* Author. */
  properties[PROP_USER_ID] = g_param_spec_string ("user-id", NULL, NULL, NULL, flags);
  properties[PROP_DATE_ADDED]
      = g_param_spec_boxed ("date-added", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_DATE_UPDATED]
      = g_param_spec_boxed ("date-updated", NULL, NULL, G_TYPE_DATE_TIME, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_note_init (LiaisonNote *self)
{
}

LiaisonNote *
liaison_note_new (void)
{
  return g_object_new (LIAISON_TYPE_NOTE, NULL);
}

const char *
liaison_note_get_id (LiaisonNote *self)
{
  g_return_val_if_fail (LIAISON_IS_NOTE (self), NULL);
  return self->id;
}

void
liaison_note_set_id (LiaisonNote *self, const char *id)
{
  g_return_if_fail (LIAISON_IS_NOTE (self));

  if (liaison_model_set_string (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
liaison_note_get_contact_id (LiaisonNote *self)
{
  g_return_val_if_fail (LIAISON_IS_NOTE (self), NULL);
  return self->contact_id;
}

void
liaison_note_set_contact_id (LiaisonNote *self, const char *contact_id)
{
  g_return_if_fail (LIAISON_IS_NOTE (self));

  if (liaison_model_set_string (&self->contact_id, contact_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT_ID]);
}

const char *
liaison_note_get_body (LiaisonNote *self)
{
  g_return_val_if_fail (LIAISON_IS_NOTE (self), NULL);
  return self->body;
}

void
liaison_note_set_body (LiaisonNote *self, const char *body)
{
  g_return_if_fail (LIAISON_IS_NOTE (self));

  if (liaison_model_set_string (&self->body, body))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY]);
}

const char *
liaison_note_get_user_id (LiaisonNote *self)
{
  g_return_val_if_fail (LIAISON_IS_NOTE (self), NULL);
  return self->user_id;
}

void
liaison_note_set_user_id (LiaisonNote *self, const char *user_id)
{
  g_return_if_fail (LIAISON_IS_NOTE (self));

  if (liaison_model_set_string (&self->user_id, user_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_ID]);
}

GDateTime *
liaison_note_get_date_added (LiaisonNote *self)
{
  g_return_val_if_fail (LIAISON_IS_NOTE (self), NULL);
  return self->date_added;
}

void
liaison_note_set_date_added (LiaisonNote *self, GDateTime *date_added)
{
  g_return_if_fail (LIAISON_IS_NOTE (self));

  if (!liaison_model_set_date_time (&self->date_added, date_added))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE_ADDED]);
}

GDateTime *
liaison_note_get_date_updated (LiaisonNote *self)
{
  g_return_val_if_fail (LIAISON_IS_NOTE (self), NULL);
  return self->date_updated;
}

void
liaison_note_set_date_updated (LiaisonNote *self, GDateTime *date_updated)
{
  g_return_if_fail (LIAISON_IS_NOTE (self));

  if (!liaison_model_set_date_time (&self->date_updated, date_updated))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE_UPDATED]);
}
