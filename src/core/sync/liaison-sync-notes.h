/* liaison-sync-notes.h: the notes of linked contacts, both ways: LeadSquared notes of a lead and
 * HighLevel notes of a contact, their text merged against the base of their link, written with
 * an intent first, and matched by content (same contact and text) so that a write a crash or a
 * lost reply left unconfirmed is never made twice.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-note.h"
#include "liaison-sync-engine-private.h"

G_BEGIN_DECLS

/* The canonical text of a note: its body, trimmed. */
char *liaison_sync_note_text (LiaisonNote *note);

/* Reads, plans and (unless a dry run) writes the notes of the run's linked contacts: those that
 * changed since the last pass, and the sweep's stretch; adds to run->result. */
void liaison_sync_notes_async (LiaisonSyncRun *run, GAsyncReadyCallback callback,
                               gpointer user_data);
gboolean liaison_sync_notes_finish (LiaisonSyncRun *run, GAsyncResult *result, GError **error);

G_END_DECLS
