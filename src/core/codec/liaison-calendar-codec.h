/* liaison-calendar-codec.h: a calendar as the store keeps it (see liaison-codec.h).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-calendar.h"
#include "liaison-codec.h"

G_BEGIN_DECLS

/* NULL when the calendar has no id. */
LiaisonStoreRecord *liaison_calendar_codec_to_record (LiaisonCalendar *calendar);
LiaisonCalendar *liaison_calendar_codec_from_json (const char *raw, GError **error);

G_END_DECLS
