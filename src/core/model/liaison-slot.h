/* liaison-slot.h: LiaisonSlot, a free interval on a calendar, offered for booking.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_SLOT (liaison_slot_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonSlot, liaison_slot, LIAISON, SLOT, GObject)

LiaisonSlot *liaison_slot_new (void);
const char *liaison_slot_get_calendar_id (LiaisonSlot *self);
void liaison_slot_set_calendar_id (LiaisonSlot *self, const char *calendar_id);
GDateTime *liaison_slot_get_start_time (LiaisonSlot *self);
void liaison_slot_set_start_time (LiaisonSlot *self, GDateTime *start_time);
GDateTime *liaison_slot_get_end_time (LiaisonSlot *self);
void liaison_slot_set_end_time (LiaisonSlot *self, GDateTime *end_time);
const char *liaison_slot_get_time_zone (LiaisonSlot *self);
void liaison_slot_set_time_zone (LiaisonSlot *self, const char *time_zone);

G_END_DECLS
