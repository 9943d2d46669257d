/* liaison-conflict-row.h: LiaisonConflictRow, one conflict on the Conflicts page: the contact,
 * the field, the value before and each service's value side by side, and the choices.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-conflict-item.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CONFLICT_ROW (liaison_conflict_row_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonConflictRow, liaison_conflict_row, LIAISON, CONFLICT_ROW, AdwBin)

/* "choose" (const char *resolution): "lsq", "ghl" or "edit" (the page asks for the value).
 * "select" (gboolean selected): its check button was toggled in selection mode. An ambiguous
 * match offers its candidates with the page's actions conflicts.link ((xss): conflict id,
 * LeadSquared id, HighLevel id) and conflicts.keep-apart ((x): conflict id). */
GtkWidget *liaison_conflict_row_new (LiaisonConflictItem *item);
LiaisonConflictItem *liaison_conflict_row_get_item (LiaisonConflictRow *self);
/* The row follows one of the same contact: it shows the field, not the contact again. */
void liaison_conflict_row_set_grouped (LiaisonConflictRow *self, gboolean grouped);
/* Selection mode: a check button before an open field conflict, checked when selected; its own
 * choices are hidden meanwhile (the page's bar answers the selection). */
void liaison_conflict_row_set_selection (LiaisonConflictRow *self, gboolean mode,
                                         gboolean selected);
gboolean liaison_conflict_row_get_selectable (LiaisonConflictRow *self);
/* While an answer is being saved, the choices are insensitive. */
void liaison_conflict_row_set_busy (LiaisonConflictRow *self, gboolean busy);

/* The field's name as a person knows it, for the mapping's pair key. */
const char *liaison_conflict_field_label (const char *key);
/* A canonical JSON value as text to read; "(empty)" for nothing. */
char *liaison_conflict_value_text (const char *json);

G_END_DECLS
