/* liaison-note.h: LiaisonNote, a free-text note attached to a contact.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_NOTE (liaison_note_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonNote, liaison_note, LIAISON, NOTE, GObject)

LiaisonNote *liaison_note_new (void);
const char *liaison_note_get_id (LiaisonNote *self);
void liaison_note_set_id (LiaisonNote *self, const char *id);
const char *liaison_note_get_contact_id (LiaisonNote *self);
void liaison_note_set_contact_id (LiaisonNote *self, const char *contact_id);
const char *liaison_note_get_body (LiaisonNote *self);
void liaison_note_set_body (LiaisonNote *self, const char *body);
const char *liaison_note_get_user_id (LiaisonNote *self);
void liaison_note_set_user_id (LiaisonNote *self, const char *user_id);
GDateTime *liaison_note_get_date_added (LiaisonNote *self);
void liaison_note_set_date_added (LiaisonNote *self, GDateTime *date_added);
GDateTime *liaison_note_get_date_updated (LiaisonNote *self);
void liaison_note_set_date_updated (LiaisonNote *self, GDateTime *date_updated);

G_END_DECLS
