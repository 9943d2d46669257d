/* liaison-calendar-data-private.h: what the calendar-data models share: the store form of a
 * calendar and of an appointment (one service-neutral JSON object each, so the cache and its
 * content hashes do not depend on HighLevel's wire format), and the list of items a model
 * shows, replaced from store rows with one items-changed.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-appointment.h"
#include "liaison-calendar.h"
#include "liaison-store-private.h"

G_BEGIN_DECLS

LiaisonStoreRecord *liaison_calendar_data_calendar_to_record (LiaisonCalendar *calendar);
LiaisonCalendar *liaison_calendar_data_calendar_from_json (const char *raw, GError **error);
/* NULL when the appointment has no id or no start: it cannot be placed in a window. */
LiaisonStoreRecord *liaison_calendar_data_appointment_to_record (LiaisonAppointment *appointment);
LiaisonAppointment *liaison_calendar_data_appointment_from_json (const char *raw, GError **error);

gint64 liaison_calendar_data_to_ms (GDateTime *time);

/* One cached record as a model reads it. */
typedef struct
{
  char *remote_id;
  char *hash;
  char *raw;
} LiaisonCalendarDataRow;

void liaison_calendar_data_row_free (LiaisonCalendarDataRow *row);
/* Rows of a prepared, bound statement selecting remote_id, content_hash, raw. */
GPtrArray *liaison_calendar_data_collect (LiaisonStoreDb *db, sqlite3_stmt *stmt, GError **error);

typedef gpointer (*LiaisonCalendarDataDecode) (const char *raw, GError **error);

/* The items of a model, in order, with the id and content hash each was made from. */
typedef struct
{
  GPtrArray *objects;
  GPtrArray *ids;
  GPtrArray *hashes;
} LiaisonCalendarDataItems;

void liaison_calendar_data_items_init (LiaisonCalendarDataItems *items);
void liaison_calendar_data_items_clear (LiaisonCalendarDataItems *items);
/* Replaces the items with rows (in their order), keeping the objects of rows whose content did
 * not change, and emits at most one items-changed on model, spanning what lies between the
 * unchanged head and tail. Rows that do not decode are skipped with a warning. */
void liaison_calendar_data_items_replace (LiaisonCalendarDataItems *items, GListModel *model,
                                          GPtrArray *rows, LiaisonCalendarDataDecode decode);

/* Cached records of kind (not deleted) whose ids are not in seen, marked deleted: the records
 * a fresh listing no longer has. rows are the cached ones in the listed scope. */
GPtrArray *liaison_calendar_data_gone (LiaisonStore *store, const char *connection_id,
                                       LiaisonRecordKind kind, GPtrArray *rows, GHashTable *seen);

G_END_DECLS
