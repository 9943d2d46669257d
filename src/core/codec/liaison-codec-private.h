/* liaison-codec-private.h: the JSON helpers the codecs of src/core/codec share. Nothing outside
 * this folder includes it.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "liaison-codec.h"

G_BEGIN_DECLS

void liaison_codec_put_string (JsonBuilder *builder, const char *member, const char *value);
/* ISO 8601 with the time's own offset (contacts, calendars, appointments). */
void liaison_codec_put_iso_time (JsonBuilder *builder, const char *member, GDateTime *time);
/* UTC with milliseconds, 2026-11-27T14:30:00.000Z (tasks, notes). */
void liaison_codec_put_utc_time (JsonBuilder *builder, const char *member, GDateTime *time);
/* Ends the object begun on builder and returns it as compact text. */
char *liaison_codec_finish (JsonBuilder *builder);
/* The JSON object of a stored record that names its id; what: "task", "calendar"... for the
 * error. keep holds the parsed tree for as long as the object is used. */
JsonObject *liaison_codec_parse (const char *raw, const char *what, JsonNode **keep,
                                 GError **error);

G_END_DECLS
