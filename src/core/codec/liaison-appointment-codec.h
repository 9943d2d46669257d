/* liaison-appointment-codec.h: an appointment as the store keeps it (see liaison-codec.h).
 * Besides the ISO times, the start and end are kept as milliseconds (startMs, endMs), so that
 * the store can select a date window and order it by start
 * (liaison_store_list_appointments).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-appointment.h"
#include "liaison-codec.h"

G_BEGIN_DECLS

/* NULL when the appointment has no id or no start: it cannot be placed in a window. The
 * record's parent is the contact the appointment names. */
LiaisonStoreRecord *liaison_appointment_codec_to_record (LiaisonAppointment *appointment);
LiaisonAppointment *liaison_appointment_codec_from_json (const char *raw, GError **error);

G_END_DECLS
