/* liaison-contact-row.c: LiaisonContactRow, an immutable snapshot of one line of the contact
 * list. Rows are made on demand by LiaisonContactList; a change in the store makes new rows.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-models"

#include <string.h>

#include "liaison-contact-row-private.h"

struct _LiaisonContactRow
{
  GObject parent_instance;

  LiaisonContactRowData data;
};

enum
{
  PROP_0,
  PROP_STATUS,
  PROP_DISPLAY_NAME,
  PROP_EMAIL,
  PROP_PHONE,
  PROP_COMPANY,
  PROP_OWNER,
  PROP_MODIFIED_AT,
  PROP_LSQ_ID,
  PROP_GHL_ID,
  PROP_LINK_ID,
  PROP_N_CANDIDATES,
  PROP_NOT_COPIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FLAGS_TYPE (LiaisonLinkStatus, liaison_link_status,
                     G_DEFINE_ENUM_VALUE (LIAISON_LINK_STATUS_LINKED, "linked"),
                     G_DEFINE_ENUM_VALUE (LIAISON_LINK_STATUS_PROPOSED, "proposed"),
                     G_DEFINE_ENUM_VALUE (LIAISON_LINK_STATUS_AMBIGUOUS, "ambiguous"),
                     G_DEFINE_ENUM_VALUE (LIAISON_LINK_STATUS_LSQ_ONLY, "lsq-only"),
                     G_DEFINE_ENUM_VALUE (LIAISON_LINK_STATUS_GHL_ONLY, "ghl-only"),
                     G_DEFINE_ENUM_VALUE (LIAISON_LINK_STATUS_KEPT_APART, "kept-apart"))

G_DEFINE_FINAL_TYPE (LiaisonContactRow, liaison_contact_row, G_TYPE_OBJECT)

LiaisonContactRow *
liaison_contact_row_new_take (LiaisonContactRowData *data)
{
  LiaisonContactRow *self = g_object_new (LIAISON_TYPE_CONTACT_ROW, NULL);

  self->data = *data;
  if (data->not_copied_run == 0)
    self->data.not_copied_side = -1;
  memset (data, 0, sizeof *data);
  return self;
}

static void
liaison_contact_row_finalize (GObject *object)
{
  LiaisonContactRow *self = LIAISON_CONTACT_ROW (object);

  g_free (self->data.display_name);
  g_free (self->data.email);
  g_free (self->data.phone);
  g_free (self->data.company);
  g_free (self->data.owner);
  g_free (self->data.lsq_id);
  g_free (self->data.ghl_id);
  G_OBJECT_CLASS (liaison_contact_row_parent_class)->finalize (object);
}

static void
liaison_contact_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LiaisonContactRow *self = LIAISON_CONTACT_ROW (object);

  switch (prop_id)
    {
      case PROP_STATUS:
        g_value_set_flags (value, self->data.status);
        break;
      case PROP_DISPLAY_NAME:
        g_value_set_string (value, self->data.display_name);
        break;
      case PROP_EMAIL:
        g_value_set_string (value, self->data.email);
        break;
      case PROP_PHONE:
        g_value_set_string (value, self->data.phone);
        break;
      case PROP_COMPANY:
        g_value_set_string (value, self->data.company);
        break;
      case PROP_OWNER:
        g_value_set_string (value, self->data.owner);
        break;
      case PROP_MODIFIED_AT:
        g_value_set_int64 (value, self->data.modified_at);
        break;
      case PROP_LSQ_ID:
        g_value_set_string (value, self->data.lsq_id);
        break;
      case PROP_GHL_ID:
        g_value_set_string (value, self->data.ghl_id);
        break;
      case PROP_LINK_ID:
        g_value_set_int64 (value, self->data.link_id);
        break;
      case PROP_N_CANDIDATES:
        g_value_set_uint (value, self->data.n_candidates);
        break;
      case PROP_NOT_COPIED:
        g_value_set_boolean (value, liaison_contact_row_get_not_copied (self, NULL, NULL));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_contact_row_class_init (LiaisonContactRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = liaison_contact_row_finalize;
  object_class->get_property = liaison_contact_row_get_property;

  properties[PROP_STATUS] = g_param_spec_flags ("status", NULL, NULL, LIAISON_TYPE_LINK_STATUS,
                                                LIAISON_LINK_STATUS_LINKED, flags);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, flags);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, flags);
  properties[PROP_PHONE] = g_param_spec_string ("phone", NULL, NULL, NULL, flags);
  properties[PROP_COMPANY] = g_param_spec_string ("company", NULL, NULL, NULL, flags);
  properties[PROP_OWNER] = g_param_spec_string ("owner", NULL, NULL, NULL, flags);
  /* The newer of the two sides' modification times, ms since the epoch (UTC). */
  properties[PROP_MODIFIED_AT]
      = g_param_spec_int64 ("modified-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_LSQ_ID] = g_param_spec_string ("lsq-id", NULL, NULL, NULL, flags);
  properties[PROP_GHL_ID] = g_param_spec_string ("ghl-id", NULL, NULL, NULL, flags);
  properties[PROP_LINK_ID] = g_param_spec_int64 ("link-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  /* For an ambiguous row: how many records of the other side share its key. */
  properties[PROP_N_CANDIDATES]
      = g_param_spec_uint ("n-candidates", NULL, NULL, 0, G_MAXUINT, 0, flags);
  /* An undo took back the copy a run made of it: the next sync leaves it alone. */
  properties[PROP_NOT_COPIED] = g_param_spec_boolean ("not-copied", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_contact_row_init (LiaisonContactRow *self)
{
}

LiaisonLinkStatus
liaison_contact_row_get_status (LiaisonContactRow *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_ROW (self), 0);
  return self->data.status;
}

const char *
liaison_contact_row_get_display_name (LiaisonContactRow *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_ROW (self), NULL);
  return self->data.display_name;
}

const char *
liaison_contact_row_get_email (LiaisonContactRow *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_ROW (self), NULL);
  return self->data.email;
}

const char *
liaison_contact_row_get_phone (LiaisonContactRow *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_ROW (self), NULL);
  return self->data.phone;
}

const char *
liaison_contact_row_get_company (LiaisonContactRow *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_ROW (self), NULL);
  return self->data.company;
}

const char *
liaison_contact_row_get_owner (LiaisonContactRow *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_ROW (self), NULL);
  return self->data.owner;
}

gint64
liaison_contact_row_get_modified_at (LiaisonContactRow *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_ROW (self), 0);
  return self->data.modified_at;
}

const char *
liaison_contact_row_get_lsq_id (LiaisonContactRow *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_ROW (self), NULL);
  return self->data.lsq_id;
}

const char *
liaison_contact_row_get_ghl_id (LiaisonContactRow *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_ROW (self), NULL);
  return self->data.ghl_id;
}

gint64
liaison_contact_row_get_link_id (LiaisonContactRow *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_ROW (self), 0);
  return self->data.link_id;
}

const LiaisonContactRowData *
liaison_contact_row_get_data (LiaisonContactRow *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_ROW (self), NULL);
  return &self->data;
}

guint
liaison_contact_row_get_n_candidates (LiaisonContactRow *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_ROW (self), 0);
  return self->data.n_candidates;
}

gboolean
liaison_contact_row_get_not_copied (LiaisonContactRow *self, gint64 *undo_run, gint64 *undone_run)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_ROW (self), FALSE);
  if (undo_run != NULL)
    *undo_run = self->data.not_copied_run;
  if (undone_run != NULL)
    *undone_run = self->data.not_copied_undone_run;
  return self->data.not_copied_side >= 0;
}

const char *
liaison_contact_row_get_not_copied_id (LiaisonContactRow *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_ROW (self), NULL);
  if (self->data.not_copied_side < 0)
    return NULL;
  return self->data.not_copied_side == 0 ? self->data.lsq_id : self->data.ghl_id;
}
