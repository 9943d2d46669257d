/* liaison-task.c: LiaisonTask, a to-do attached to a contact. Plain data: no JSON and no
 * service specifics here (the ghl/ and lsq/ mappings fill it).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-model"

#include "liaison-task.h"
#include "liaison-model-private.h"

struct _LiaisonTask
{
  GObject parent_instance;

  char *id;
  char *contact_id;
  char *title;
  char *body;
  GDateTime *due_date;
  gboolean completed;
  GDateTime *completed_at;
  char *assigned_to;
  GDateTime *date_added;
  GDateTime *date_updated;
};

G_DEFINE_FINAL_TYPE (LiaisonTask, liaison_task, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_CONTACT_ID,
  PROP_TITLE,
  PROP_BODY,
  PROP_DUE_DATE,
  PROP_COMPLETED,
  PROP_COMPLETED_AT,
  PROP_ASSIGNED_TO,
  PROP_DATE_ADDED,
  PROP_DATE_UPDATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
liaison_task_finalize (GObject *object)
{
  LiaisonTask *self = (LiaisonTask *) object;

  g_free (self->id);
  g_free (self->contact_id);
  g_free (self->title);
  g_free (self->body);
  g_clear_pointer (&self->due_date, g_date_time_unref);
  g_clear_pointer (&self->completed_at, g_date_time_unref);
  g_free (self->assigned_to);
  g_clear_pointer (&self->date_added, g_date_time_unref);
  g_clear_pointer (&self->date_updated, g_date_time_unref);

  G_OBJECT_CLASS (liaison_task_parent_class)->finalize (object);
}

static void
liaison_task_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LiaisonTask *self = LIAISON_TASK (object);

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_string (value, self->id);
        break;
      case PROP_CONTACT_ID:
        g_value_set_string (value, self->contact_id);
        break;
      case PROP_TITLE:
        g_value_set_string (value, self->title);
        break;
      case PROP_BODY:
        g_value_set_string (value, self->body);
        break;
      case PROP_DUE_DATE:
        g_value_set_boxed (value, self->due_date);
        break;
      case PROP_COMPLETED:
        g_value_set_boolean (value, self->completed);
        break;
      case PROP_COMPLETED_AT:
        g_value_set_boxed (value, self->completed_at);
        break;
      case PROP_ASSIGNED_TO:
        g_value_set_string (value, self->assigned_to);
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
liaison_task_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  LiaisonTask *self = LIAISON_TASK (object);

  switch (prop_id)
    {
      case PROP_ID:
        liaison_task_set_id (self, g_value_get_string (value));
        break;
      case PROP_CONTACT_ID:
        liaison_task_set_contact_id (self, g_value_get_string (value));
        break;
      case PROP_TITLE:
        liaison_task_set_title (self, g_value_get_string (value));
        break;
      case PROP_BODY:
        liaison_task_set_body (self, g_value_get_string (value));
        break;
      case PROP_DUE_DATE:
        liaison_task_set_due_date (self, g_value_get_boxed (value));
        break;
      case PROP_COMPLETED:
        liaison_task_set_completed (self, g_value_get_boolean (value));
        break;
      case PROP_COMPLETED_AT:
        liaison_task_set_completed_at (self, g_value_get_boxed (value));
        break;
      case PROP_ASSIGNED_TO:
        liaison_task_set_assigned_to (self, g_value_get_string (value));
        break;
      case PROP_DATE_ADDED:
        liaison_task_set_date_added (self, g_value_get_boxed (value));
        break;
      case PROP_DATE_UPDATED:
        liaison_task_set_date_updated (self, g_value_get_boxed (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_task_class_init (LiaisonTaskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = liaison_task_finalize;
  object_class->get_property = liaison_task_get_property;
  object_class->set_property = liaison_task_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_CONTACT_ID] = g_param_spec_string ("contact-id", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_BODY] = g_param_spec_string ("body", NULL, NULL, NULL, flags);
  properties[PROP_DUE_DATE] = g_param_spec_boxed ("due-date", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_COMPLETED] = g_param_spec_boolean ("completed", NULL, NULL, FALSE, flags);
  properties[PROP_COMPLETED_AT]
      = g_param_spec_boxed ("completed-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  /* User id. */
  properties[PROP_ASSIGNED_TO] = g_param_spec_string ("assigned-to", NULL, NULL, NULL, flags);
  properties[PROP_DATE_ADDED]
      = g_param_spec_boxed ("date-added", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_DATE_UPDATED]
      = g_param_spec_boxed ("date-updated", NULL, NULL, G_TYPE_DATE_TIME, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_task_init (LiaisonTask *self)
{
}

LiaisonTask *
liaison_task_new (void)
{
  return g_object_new (LIAISON_TYPE_TASK, NULL);
}

const char *
liaison_task_get_id (LiaisonTask *self)
{
  g_return_val_if_fail (LIAISON_IS_TASK (self), NULL);
  return self->id;
}

void
liaison_task_set_id (LiaisonTask *self, const char *id)
{
  g_return_if_fail (LIAISON_IS_TASK (self));

  if (liaison_model_set_string (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
liaison_task_get_contact_id (LiaisonTask *self)
{
  g_return_val_if_fail (LIAISON_IS_TASK (self), NULL);
  return self->contact_id;
}

void
liaison_task_set_contact_id (LiaisonTask *self, const char *contact_id)
{
  g_return_if_fail (LIAISON_IS_TASK (self));

  if (liaison_model_set_string (&self->contact_id, contact_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT_ID]);
}

const char *
liaison_task_get_title (LiaisonTask *self)
{
  g_return_val_if_fail (LIAISON_IS_TASK (self), NULL);
  return self->title;
}

void
liaison_task_set_title (LiaisonTask *self, const char *title)
{
  g_return_if_fail (LIAISON_IS_TASK (self));

  if (liaison_model_set_string (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
liaison_task_get_body (LiaisonTask *self)
{
  g_return_val_if_fail (LIAISON_IS_TASK (self), NULL);
  return self->body;
}

void
liaison_task_set_body (LiaisonTask *self, const char *body)
{
  g_return_if_fail (LIAISON_IS_TASK (self));

  if (liaison_model_set_string (&self->body, body))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY]);
}

GDateTime *
liaison_task_get_due_date (LiaisonTask *self)
{
  g_return_val_if_fail (LIAISON_IS_TASK (self), NULL);
  return self->due_date;
}

void
liaison_task_set_due_date (LiaisonTask *self, GDateTime *due_date)
{
  g_return_if_fail (LIAISON_IS_TASK (self));

  if (!liaison_model_set_date_time (&self->due_date, due_date))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUE_DATE]);
}

gboolean
liaison_task_get_completed (LiaisonTask *self)
{
  g_return_val_if_fail (LIAISON_IS_TASK (self), FALSE);
  return self->completed;
}

void
liaison_task_set_completed (LiaisonTask *self, gboolean completed)
{
  g_return_if_fail (LIAISON_IS_TASK (self));

  completed = !!completed;
  if (self->completed == completed)
    return;
  self->completed = completed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETED]);
}

GDateTime *
liaison_task_get_completed_at (LiaisonTask *self)
{
  g_return_val_if_fail (LIAISON_IS_TASK (self), NULL);
  return self->completed_at;
}

void
liaison_task_set_completed_at (LiaisonTask *self, GDateTime *completed_at)
{
  g_return_if_fail (LIAISON_IS_TASK (self));

  if (!liaison_model_set_date_time (&self->completed_at, completed_at))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETED_AT]);
}

const char *
liaison_task_get_assigned_to (LiaisonTask *self)
{
  g_return_val_if_fail (LIAISON_IS_TASK (self), NULL);
  return self->assigned_to;
}

void
liaison_task_set_assigned_to (LiaisonTask *self, const char *assigned_to)
{
  g_return_if_fail (LIAISON_IS_TASK (self));

  if (liaison_model_set_string (&self->assigned_to, assigned_to))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASSIGNED_TO]);
}

GDateTime *
liaison_task_get_date_added (LiaisonTask *self)
{
  g_return_val_if_fail (LIAISON_IS_TASK (self), NULL);
  return self->date_added;
}

void
liaison_task_set_date_added (LiaisonTask *self, GDateTime *date_added)
{
  g_return_if_fail (LIAISON_IS_TASK (self));

  if (!liaison_model_set_date_time (&self->date_added, date_added))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE_ADDED]);
}

GDateTime *
liaison_task_get_date_updated (LiaisonTask *self)
{
  g_return_val_if_fail (LIAISON_IS_TASK (self), NULL);
  return self->date_updated;
}

void
liaison_task_set_date_updated (LiaisonTask *self, GDateTime *date_updated)
{
  g_return_if_fail (LIAISON_IS_TASK (self));

  if (!liaison_model_set_date_time (&self->date_updated, date_updated))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE_UPDATED]);
}
