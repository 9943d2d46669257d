/* liaison-note-codec.h: a note as the store keeps it (see liaison-codec.h).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-codec.h"
#include "liaison-note.h"

G_BEGIN_DECLS

/* contact_id: the contact the note was listed for (the record's parent). */
LiaisonStoreRecord *liaison_note_codec_to_record (LiaisonNote *note, const char *contact_id);
LiaisonNote *liaison_note_codec_from_json (const char *raw, GError **error);

G_END_DECLS
