/* liaison-lazy-widgets.c: tooltips and menus of widgets made by the hundred, made when asked
 * for. The rows of a list (GTK 4.8's list view makes 200 at once) set them here.
 *
 * gtk_widget_set_tooltip_text asks at once where the pointer is, to show the new text without
 * waiting: under X11 a round trip to the server, about a quarter of a millisecond a widget. Here
 * the text waits on the widget until the pointer or the keyboard asks for it, and screen
 * readers read it as the widget's description, as they read a tooltip set by GTK.
 *
 * gtk_menu_button_set_menu_model makes the menu's popover and its widgets at once, about
 * 0.6 ms a button; here the popover is made when the menu is first opened.
 *
 * On the Conflicts page, where each row has three buttons with tooltips and a menu, the two
 * made a row take 2 ms instead of 0.25.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "liaison-lazy-widgets.h"

#define TOOLTIP_KEY "liaison-tooltip"

static gboolean
on_query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip,
                  gpointer user_data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), TOOLTIP_KEY);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* text: NULL takes the tooltip away. The widget keeps has-tooltip, and answers nothing: a
 * widget with tooltips of its own (a cell showing its value cut short) keeps them. */
void
liaison_set_tooltip (GtkWidget *widget, const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (g_strcmp0 (text, liaison_get_tooltip (widget)) == 0)
    return;
  if (g_object_get_data (G_OBJECT (widget), TOOLTIP_KEY "-connected") == NULL)
    {
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
      g_object_set_data (G_OBJECT (widget), TOOLTIP_KEY "-connected", GINT_TO_POINTER (TRUE));
    }
  g_object_set_data_full (G_OBJECT (widget), TOOLTIP_KEY, g_strdup (text), g_free);
  if (text != NULL)
    {
      gtk_widget_set_has_tooltip (widget, TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      text, -1);
    }
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* The text liaison_set_tooltip gave the widget, or NULL. */
const char *
liaison_get_tooltip (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  return g_object_get_data (G_OBJECT (widget), TOOLTIP_KEY);
}

static void
make_menu (GtkMenuButton *button, gpointer user_data)
{
  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, G_MENU_MODEL (user_data));
}

/* Gives the button its menu, made the first time it opens. */
void
liaison_menu_button_set_menu_later (GtkMenuButton *button, GMenuModel *menu)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (G_IS_MENU_MODEL (menu));

  gtk_menu_button_set_create_popup_func (button, make_menu, g_object_ref (menu), g_object_unref);
}
