/* liaison-calendar.h: LiaisonCalendar, a calendar appointments can be booked on.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_CALENDAR (liaison_calendar_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonCalendar, liaison_calendar, LIAISON, CALENDAR, GObject)

LiaisonCalendar *liaison_calendar_new (void);
const char *liaison_calendar_get_id (LiaisonCalendar *self);
void liaison_calendar_set_id (LiaisonCalendar *self, const char *id);
const char *liaison_calendar_get_name (LiaisonCalendar *self);
void liaison_calendar_set_name (LiaisonCalendar *self, const char *name);
const char *liaison_calendar_get_description (LiaisonCalendar *self);
void liaison_calendar_set_description (LiaisonCalendar *self, const char *description);
const char *liaison_calendar_get_time_zone (LiaisonCalendar *self);
void liaison_calendar_set_time_zone (LiaisonCalendar *self, const char *time_zone);
gboolean liaison_calendar_get_is_active (LiaisonCalendar *self);
void liaison_calendar_set_is_active (LiaisonCalendar *self, gboolean is_active);
guint liaison_calendar_get_slot_duration (LiaisonCalendar *self);
void liaison_calendar_set_slot_duration (LiaisonCalendar *self, guint slot_duration);

G_END_DECLS
