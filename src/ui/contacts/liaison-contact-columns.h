/* liaison-contact-columns.h: the columns of the Contacts page's list, and the actions that
 * show or hide them.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Appends every column to view, shown or hidden as the "contact-columns" key of settings
 * says, and returns the actions "show-NAME" (a boolean state each) that show and hide them
 * and keep the key up to date. Name always shows. */
GActionGroup *liaison_contact_columns_add (GtkColumnView *view, GSettings *settings);

G_END_DECLS
