/* liaison-ghl-mapping.h: HighLevel API v2 JSON <-> Liaison models. Readers
 * validate and never assert: a record without an id is a protocol error,
 * other missing or mistyped members are left unset.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "liaison-appointment.h"
#include "liaison-calendar.h"
#include "liaison-contact.h"
#include "liaison-field-def.h"
#include "liaison-note.h"
#include "liaison-slot.h"
#include "liaison-task.h"
#include "liaison-user.h"

G_BEGIN_DECLS

typedef enum
{
  LIAISON_GHL_WRITE_CREATE,
  LIAISON_GHL_WRITE_UPDATE,
  LIAISON_GHL_WRITE_UPSERT,
} LiaisonGhlWrite;

LiaisonContact *liaison_ghl_contact_from_json (JsonObject *object, GError **error);
JsonNode *liaison_ghl_contact_to_json (LiaisonContact *contact, LiaisonGhlWrite kind,
                                       const char *location_id);
LiaisonTask *liaison_ghl_task_from_json (JsonObject *object, GError **error);
JsonNode *liaison_ghl_task_to_json (LiaisonTask *task);
LiaisonNote *liaison_ghl_note_from_json (JsonObject *object, GError **error);
JsonNode *liaison_ghl_note_to_json (LiaisonNote *note);
LiaisonAppointment *liaison_ghl_appointment_from_json (JsonObject *object, GError **error);
JsonNode *liaison_ghl_appointment_to_json (LiaisonAppointment *appointment, LiaisonGhlWrite kind,
                                           const char *location_id);
LiaisonCalendar *liaison_ghl_calendar_from_json (JsonObject *object, GError **error);
LiaisonFieldDef *liaison_ghl_field_def_from_json (JsonObject *object, GError **error);
LiaisonUser *liaison_ghl_user_from_json (JsonObject *object, GError **error);
gboolean liaison_ghl_slots_from_json (JsonObject *object, const char *calendar_id,
                                      const char *time_zone, guint slot_minutes, GPtrArray *slots,
                                      GError **error);
const char *liaison_ghl_appointment_status_to_string (LiaisonAppointmentStatus status);
LiaisonAppointmentStatus liaison_ghl_appointment_status_from_string (const char *status);

G_END_DECLS
