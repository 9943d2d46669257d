/* liaison-lsq-json.h: LeadSquared API v2 JSON <-> Liaison models. Readers
 * validate and never assert: a record without its id is a protocol error,
 * other missing or mistyped members are left unset. Values arrive as
 * strings (numbers and flags included) in flat objects or in
 * attribute/value lists, with dates in three formats.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "liaison-appointment.h"
#include "liaison-contact.h"
#include "liaison-field-def.h"
#include "liaison-note.h"
#include "liaison-task.h"
#include "liaison-user.h"

G_BEGIN_DECLS

/* Task type categories (RetrieveTaskType). */
#define LIAISON_LSQ_CATEGORY_APPOINTMENT 0
#define LIAISON_LSQ_CATEGORY_TODO 1

/* The outcome of one row of a bulk CreateOrUpdate. */
typedef struct
{
  guint row;     /* index in the caller's array, from 0 */
  char *lead_id; /* NULL when the row failed */
  gboolean created;
  gboolean updated;
  GError *error; /* NULL when the row succeeded */
} LiaisonLsqRowResult;

#define LIAISON_TYPE_LSQ_ROW_RESULT (liaison_lsq_row_result_get_type ())
GType liaison_lsq_row_result_get_type (void);
LiaisonLsqRowResult *liaison_lsq_row_result_copy (const LiaisonLsqRowResult *result);
void liaison_lsq_row_result_free (LiaisonLsqRowResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonLsqRowResult, liaison_lsq_row_result_free)

char *liaison_lsq_format_time (GDateTime *time);
gboolean liaison_lsq_attribute_is_read_only (const char *attribute);
GHashTable *liaison_lsq_field_types_new (void);

GHashTable *liaison_lsq_attributes_from_list (JsonArray *list, GError **error);
GHashTable *liaison_lsq_attributes_from_object (JsonObject *object);
LiaisonContact *liaison_lsq_contact_from_attributes (GHashTable *attributes,
                                                     GHashTable *field_types, GError **error);
LiaisonContact *liaison_lsq_contact_from_fields (GHashTable *fields);
LiaisonContact *liaison_lsq_contact_from_json (JsonNode *node, GHashTable *field_types,
                                               GError **error);
JsonNode *liaison_lsq_contact_to_json (LiaisonContact *contact, const char *search_by);
JsonArray *liaison_lsq_contact_to_list (LiaisonContact *contact, const char *search_by);

int liaison_lsq_task_category (JsonObject *object);
GObject *liaison_lsq_activity_from_json (JsonObject *object, GError **error);
LiaisonTask *liaison_lsq_task_from_json (JsonObject *object, GError **error);
LiaisonAppointment *liaison_lsq_appointment_from_json (JsonObject *object, GError **error);
JsonNode *liaison_lsq_task_to_json (LiaisonTask *task, const char *task_type, gboolean create);
JsonNode *liaison_lsq_appointment_to_json (LiaisonAppointment *appointment, const char *task_type,
                                           gboolean create);

LiaisonNote *liaison_lsq_note_from_json (JsonObject *object, const char *lead_id, GError **error);
JsonNode *liaison_lsq_note_to_json (LiaisonNote *note, gboolean create);

LiaisonUser *liaison_lsq_user_from_json (JsonObject *object, GError **error);
LiaisonFieldDef *liaison_lsq_field_def_from_json (JsonObject *object, GError **error);
LiaisonFieldType liaison_lsq_field_type_from_string (const char *data_type,
                                                     const char *render_type);

GPtrArray *liaison_lsq_row_results_from_json (JsonNode *root, guint first_row, guint n_rows,
                                              GError **error);

G_END_DECLS
