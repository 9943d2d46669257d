/* liaison-contact-picker.h: a short list of the other side's contacts to link one with.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-contact-list.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CONTACT_PICKER (liaison_contact_picker_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonContactPicker, liaison_contact_picker, LIAISON, CONTACT_PICKER,
                      GtkWidget)

/* Lists the contacts of model that are only on side (or among an ambiguous set there) and
 * match text; with searchable, a search entry changes the text. "picked" (LiaisonContactRow *)
 * is emitted when one is chosen. A NULL model empties the list. */
void liaison_contact_picker_show (LiaisonContactPicker *self, LiaisonContactList *model,
                                  LiaisonService side, const char *text, gboolean searchable);
/* Lists the other side's members of the ambiguous set of row, as the matcher found them. */
void liaison_contact_picker_show_set (LiaisonContactPicker *self, LiaisonContactList *model,
                                      LiaisonService side, LiaisonContactRow *row);
guint liaison_contact_picker_get_n_candidates (LiaisonContactPicker *self);
LiaisonContactRow *liaison_contact_picker_get_candidate (LiaisonContactPicker *self, guint i);
/* Focuses the search entry when there is one. */
void liaison_contact_picker_focus_search (LiaisonContactPicker *self);

G_END_DECLS
