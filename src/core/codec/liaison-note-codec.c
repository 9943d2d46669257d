/* liaison-note-codec.c: a note as one JSON object, the same for both services.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-codec"

#include "liaison-codec-private.h"
#include "liaison-json.h"
#include "liaison-note-codec.h"

LiaisonStoreRecord *
liaison_note_codec_to_record (LiaisonNote *note, const char *contact_id)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *raw = NULL;
  LiaisonStoreRecord *record;
  GDateTime *updated;

  g_return_val_if_fail (LIAISON_IS_NOTE (note), NULL);
  if (liaison_note_get_id (note) == NULL)
    return NULL;

  json_builder_begin_object (builder);
  liaison_codec_put_string (builder, "id", liaison_note_get_id (note));
  liaison_codec_put_string (builder, "contactId", contact_id);
  liaison_codec_put_string (builder, "body", liaison_note_get_body (note));
  liaison_codec_put_string (builder, "userId", liaison_note_get_user_id (note));
  liaison_codec_put_utc_time (builder, "dateAdded", liaison_note_get_date_added (note));
  liaison_codec_put_utc_time (builder, "dateUpdated", liaison_note_get_date_updated (note));
  raw = liaison_codec_finish (builder);

  record = liaison_store_record_new (LIAISON_RECORD_NOTE, liaison_note_get_id (note), raw);
  record->parent_id = g_strdup (contact_id);
  updated = liaison_note_get_date_updated (note);
  record->modified_at
      = liaison_codec_time_to_ms (updated != NULL ? updated : liaison_note_get_date_added (note));
  return record;
}

LiaisonNote *
liaison_note_codec_from_json (const char *raw, GError **error)
{
  g_autoptr (JsonNode) keep = NULL;
  JsonObject *object = liaison_codec_parse (raw, "note", &keep, error);
  g_autoptr (GDateTime) added = NULL;
  g_autoptr (GDateTime) updated = NULL;
  LiaisonNote *note;

  if (object == NULL)
    return NULL;
  added = liaison_json_get_time (object, "dateAdded");
  updated = liaison_json_get_time (object, "dateUpdated");
  note = liaison_note_new ();
  liaison_note_set_id (note, liaison_json_get_string (object, "id"));
  liaison_note_set_contact_id (note, liaison_json_get_string (object, "contactId"));
  liaison_note_set_body (note, liaison_json_get_string (object, "body"));
  liaison_note_set_user_id (note, liaison_json_get_string (object, "userId"));
  if (added != NULL)
    liaison_note_set_date_added (note, added);
  if (updated != NULL)
    liaison_note_set_date_updated (note, updated);
  return note;
}
