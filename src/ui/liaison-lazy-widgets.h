/* liaison-lazy-widgets.h: tooltips and menus of widgets made by the hundred, made when asked
 * for.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void liaison_set_tooltip (GtkWidget *widget, const char *text);
const char *liaison_get_tooltip (GtkWidget *widget);
void liaison_menu_button_set_menu_later (GtkMenuButton *button, GMenuModel *menu);

G_END_DECLS
