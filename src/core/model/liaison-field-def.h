/* liaison-field-def.h: LiaisonFieldDef, the definition of a record field (standard or custom) at
 * one service.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The kind of value a field holds, in terms both services can map to. */
typedef enum
{
  LIAISON_FIELD_TYPE_TEXT,
  LIAISON_FIELD_TYPE_LARGE_TEXT,
  LIAISON_FIELD_TYPE_NUMBER,
  LIAISON_FIELD_TYPE_MONEY,
  LIAISON_FIELD_TYPE_PHONE,
  LIAISON_FIELD_TYPE_EMAIL,
  LIAISON_FIELD_TYPE_URL,
  LIAISON_FIELD_TYPE_DATE,
  LIAISON_FIELD_TYPE_DATE_TIME,
  LIAISON_FIELD_TYPE_TIME,
  LIAISON_FIELD_TYPE_BOOLEAN,
  LIAISON_FIELD_TYPE_SINGLE_OPTION,
  LIAISON_FIELD_TYPE_MULTIPLE_OPTIONS,
  LIAISON_FIELD_TYPE_TEXT_LIST,
  LIAISON_FIELD_TYPE_FILE,
  LIAISON_FIELD_TYPE_OTHER,
} LiaisonFieldType;

#define LIAISON_TYPE_FIELD_TYPE (liaison_field_type_get_type ())
GType liaison_field_type_get_type (void);

#define LIAISON_TYPE_FIELD_DEF (liaison_field_def_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonFieldDef, liaison_field_def, LIAISON, FIELD_DEF, GObject)

LiaisonFieldDef *liaison_field_def_new (void);
const char *liaison_field_def_get_id (LiaisonFieldDef *self);
void liaison_field_def_set_id (LiaisonFieldDef *self, const char *id);
const char *liaison_field_def_get_key (LiaisonFieldDef *self);
void liaison_field_def_set_key (LiaisonFieldDef *self, const char *key);
const char *liaison_field_def_get_name (LiaisonFieldDef *self);
void liaison_field_def_set_name (LiaisonFieldDef *self, const char *name);
LiaisonFieldType liaison_field_def_get_data_type (LiaisonFieldDef *self);
void liaison_field_def_set_data_type (LiaisonFieldDef *self, LiaisonFieldType data_type);
const char *const *liaison_field_def_get_options (LiaisonFieldDef *self);
void liaison_field_def_set_options (LiaisonFieldDef *self, const char *const *options);
gboolean liaison_field_def_get_is_custom (LiaisonFieldDef *self);
void liaison_field_def_set_is_custom (LiaisonFieldDef *self, gboolean is_custom);
gboolean liaison_field_def_get_is_required (LiaisonFieldDef *self);
void liaison_field_def_set_is_required (LiaisonFieldDef *self, gboolean is_required);
gboolean liaison_field_def_get_is_unique (LiaisonFieldDef *self);
void liaison_field_def_set_is_unique (LiaisonFieldDef *self, gboolean is_unique);
guint liaison_field_def_get_max_length (LiaisonFieldDef *self);
void liaison_field_def_set_max_length (LiaisonFieldDef *self, guint max_length);

G_END_DECLS
