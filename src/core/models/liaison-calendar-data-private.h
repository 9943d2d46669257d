/* liaison-calendar-data-private.h: what the calendar-data models (LiaisonCalendarList,
 * LiaisonEventList) share: the list of items a model shows, replaced from cached records with
 * one items-changed. The records' form is that of the calendar and appointment codecs
 * (src/core/codec/); the models read them through the store's API.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-store.h"

G_BEGIN_DECLS

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
/* Replaces the items with records (LiaisonStoreRecord, in their order), keeping the objects of
 * records whose content did not change, and emits at most one items-changed on model, spanning
 * what lies between the unchanged head and tail. Records that do not decode are skipped with a
 * warning. */
void liaison_calendar_data_items_replace (LiaisonCalendarDataItems *items, GListModel *model,
                                          GPtrArray *records, LiaisonCalendarDataDecode decode);

/* Copies of the cached records (not deleted) whose ids are not in seen, marked deleted: the
 * records a fresh listing no longer has. */
GPtrArray *liaison_calendar_data_gone (GPtrArray *cached, GHashTable *seen);

G_END_DECLS
