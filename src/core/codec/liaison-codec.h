/* liaison-codec.h: the service-neutral JSON form in which the store keeps each kind of record,
 * and what all the codecs share.
 *
 * Why a folder of its own (src/core/codec/) rather than store/ or sync/: the codecs sit
 * between the model objects (model/) and the store's plain records (store/), and are used by
 * three layers above both: the refresher and the sync engine (sync/) and the list models
 * (models/). In store/ they would make the store depend on every model type; in sync/ the
 * models would reach up into the sync engine. One file pair per record kind:
 *   contact      liaison-contact-codec.h       (to_json, to_record)
 *   task         liaison-task-codec.h          note         liaison-note-codec.h
 *   appointment  liaison-appointment-codec.h   calendar     liaison-calendar-codec.h
 *   user         liaison-user-codec.h          field        liaison-field-codec.h
 * Each has _to_record (the record the store caches, with the columns it searches by) and,
 * except the contact (whose readers use the record's columns), _from_json (the object again,
 * from the record's raw text). A record that does not read back is an error of
 * LIAISON_STORE_ERROR_INVALID, never an assertion: the file is outside the program's control.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "liaison-store-types.h"

G_BEGIN_DECLS

/* Milliseconds since the epoch, UTC, the store's unit of time; 0 for NULL. */
gint64 liaison_codec_time_to_ms (GDateTime *time);

/* The kind of a LiaisonTask, LiaisonNote or LiaisonAppointment (a contact's items); FALSE for
 * anything else. */
gboolean liaison_codec_item_kind (GObject *object, LiaisonRecordKind *kind);
const char *liaison_codec_item_id (GObject *object);
/* The record that caches a task, note or appointment as a child of contact_id, whatever the
 * item itself names; NULL when it cannot be cached (no id, or an appointment without a start). */
LiaisonStoreRecord *liaison_codec_item_to_record (GObject *object, const char *contact_id);
/* A task, note or appointment from its cached record. */
GObject *liaison_codec_item_from_record (const LiaisonStoreRecord *record, GError **error);

G_END_DECLS
