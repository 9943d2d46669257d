/* liaison-window-private.h: what tests may reach inside the main window.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-window.h"

G_BEGIN_DECLS

GtkListBox *liaison_window_get_sidebar (LiaisonWindow *self);
GtkStack *liaison_window_get_stack (LiaisonWindow *self);
AdwWindowTitle *liaison_window_get_content_title (LiaisonWindow *self);
GtkWidget *liaison_window_get_content_header (LiaisonWindow *self);

G_END_DECLS
