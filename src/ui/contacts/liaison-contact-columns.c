/* liaison-contact-columns.c: the columns of the Contacts page's list. Name, email, link status
 * and owner show by default; phone, company and the last change can be added from the page's
 * menu. Every column has a fixed width, so the list's natural width depends on the columns
 * shown and never on the rows in view: the page folds list and detail by it. Each cell shows
 * its whole value in a tooltip when the column is too narrow for it.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-contacts-page"

#include <glib/gi18n.h>

#include "liaison-contact-columns.h"
#include "liaison-contact-row.h"
#include "liaison-format.h"
#include "liaison-lazy-widgets.h"

typedef struct
{
  const char *name; /* in the settings key and the action's name */
  const char *title;
  const char *property; /* of LiaisonContactRow, for text cells */
  GCallback bind;
  gboolean expand;
  int fixed_width;
} Column;

static void bind_text_cell (GtkSignalListItemFactory *factory, GtkListItem *item,
                            gpointer user_data);
static void bind_status_cell (GtkSignalListItemFactory *factory, GtkListItem *item,
                              gpointer user_data);
static void bind_modified_cell (GtkSignalListItemFactory *factory, GtkListItem *item,
                                gpointer user_data);

static const Column columns[] = {
  { "name", N_ ("Name"), "display-name", G_CALLBACK (bind_text_cell), TRUE, 130 },
  { "email", N_ ("Email"), "email", G_CALLBACK (bind_text_cell), TRUE, 130 },
  { "link", N_ ("Link"), NULL, G_CALLBACK (bind_status_cell), FALSE, -1 },
  { "owner", N_ ("Owner"), "owner", G_CALLBACK (bind_text_cell), FALSE, 120 },
  { "phone", N_ ("Phone"), "phone", G_CALLBACK (bind_text_cell), FALSE, 150 },
  { "company", N_ ("Company"), "company", G_CALLBACK (bind_text_cell), FALSE, 140 },
  { "modified", N_ ("Last Change"), NULL, G_CALLBACK (bind_modified_cell), FALSE, 110 },
};

/* An ellipsized value is still there in full, on hover; a cell with a sentence of its own
 * (liaison_set_tooltip) shows that instead. Asked for on hover rather than set at each bind:
 * setting a tooltip on every cell as rows are made was most of the time the page took to show
 * its first rows (bench-contacts-page, 100,000 contacts: 418 ms with, 180–228 ms without). */
static gboolean
on_cell_query_tooltip (GtkWidget *label, int x, int y, gboolean keyboard, GtkTooltip *tooltip,
                       gpointer user_data)
{
  const char *text = gtk_label_get_text (GTK_LABEL (label));

  /* liaison_set_tooltip's own handler, connected after this one, shows the sentence. */
  if (liaison_get_tooltip (label) != NULL)
    return FALSE;
  if (text == NULL || *text == '\0'
      || !pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))))
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_text_cell (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (on_cell_query_tooltip), NULL);
  gtk_list_item_set_child (item, label);
}

static void
set_cell_text (GtkListItem *item, const char *text)
{
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));

  gtk_label_set_label (label, text != NULL ? text : "");
  liaison_set_tooltip (GTK_WIDGET (label), NULL);
}

static void
bind_text_cell (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  const char *property = user_data;
  GObject *row = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;

  if (row != NULL)
    g_object_get (row, property, &text, NULL);
  set_cell_text (item, text);
}

static void
bind_status_cell (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  LiaisonContactRow *row = gtk_list_item_get_item (item);

  if (row == NULL || !liaison_contact_row_get_not_copied (row, NULL, NULL))
    {
      set_cell_text (item, row != NULL
                               ? liaison_format_link_status (liaison_contact_row_get_status (row))
                               : NULL);
      return;
    }
  /* An undo took its copy back: the short word in the column, the whole of it on hover. */
  set_cell_text (item, _ ("Not copied"));
  /* A cell whose word needs a sentence: on hover, and for a screen reader. */
  liaison_set_tooltip (
      gtk_list_item_get_child (item),
      _ ("Not copied: an undo took its copy back, and the next sync leaves it alone"));
}

static void
bind_modified_cell (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  LiaisonContactRow *row = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;

  if (row != NULL)
    text = liaison_format_time_ms (liaison_contact_row_get_modified_at (row));
  set_cell_text (item, text);
}

/* Wide enough for the longest link status in the person's language ("LeadSquared only"),
 * which a column sized by the rows first shown would cut ("HighL…"). */
static int
link_column_width (GtkWidget *view)
{
  static const LiaisonLinkStatus statuses[] = {
    LIAISON_LINK_STATUS_LINKED,   LIAISON_LINK_STATUS_PROPOSED, LIAISON_LINK_STATUS_AMBIGUOUS,
    LIAISON_LINK_STATUS_LSQ_ONLY, LIAISON_LINK_STATUS_GHL_ONLY, LIAISON_LINK_STATUS_KEPT_APART,
  };
  int widest = 0;

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr (PangoLayout) layout
          = gtk_widget_create_pango_layout (view, liaison_format_link_status (statuses[i]));
      int width;

      pango_layout_get_pixel_size (layout, &width, NULL);
      widest = MAX (widest, width);
    }
  {
    g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (view, _ ("Not copied"));
    int width;

    pango_layout_get_pixel_size (layout, &width, NULL);
    widest = MAX (widest, width);
  }
  /* The cell's padding on both sides, as the data-table style draws it. */
  return widest + 24;
}

/* GTK 4.8's column view counts a hidden column's fixed width in its own: only a shown column
 * keeps one. */
static void
show_column (GtkColumnViewColumn *column, gboolean visible)
{
  int width = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (column), "liaison-width"));

  gtk_column_view_column_set_fixed_width (column, visible ? width : -1);
  gtk_column_view_column_set_visible (column, visible);
}

static void
on_show_column (GSimpleAction *action, GVariant *state, gpointer user_data)
{
  GSettings *settings = user_data;
  GtkColumnViewColumn *column = g_object_get_data (G_OBJECT (action), "column");
  const char *name = g_object_get_data (G_OBJECT (action), "column-name");
  g_auto (GStrv) shown = g_settings_get_strv (settings, "contact-columns");
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) next = NULL;
  gboolean visible = g_variant_get_boolean (state);

  g_simple_action_set_state (action, state);
  show_column (column, visible);

  for (guint i = 0; shown[i] != NULL; i++)
    if (!g_str_equal (shown[i], name))
      g_strv_builder_add (builder, shown[i]);
  if (visible)
    g_strv_builder_add (builder, name);
  next = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "contact-columns", (const char *const *) next);
}

GActionGroup *
liaison_contact_columns_add (GtkColumnView *view, GSettings *settings)
{
  g_autoptr (GSimpleActionGroup) actions = g_simple_action_group_new ();
  g_auto (GStrv) shown = NULL;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  shown = g_settings_get_strv (settings, "contact-columns");
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr (GtkColumnViewColumn) column = NULL;
      gboolean visible = i == 0 || g_strv_contains ((const char *const *) shown, columns[i].name);

      g_signal_connect (factory, "setup", G_CALLBACK (setup_text_cell), NULL);
      g_signal_connect (factory, "bind", columns[i].bind, (gpointer) columns[i].property);
      column = gtk_column_view_column_new (_ (columns[i].title), g_object_ref (factory));
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      g_object_set_data (G_OBJECT (column), "liaison-width",
                         GINT_TO_POINTER (columns[i].fixed_width > 0
                                              ? columns[i].fixed_width
                                              : link_column_width (GTK_WIDGET (view))));
      show_column (column, visible);
      gtk_column_view_append_column (view, column);

      if (i > 0)
        {
          g_autofree char *action_name = g_strconcat ("show-", columns[i].name, NULL);
          g_autoptr (GSimpleAction) action
              = g_simple_action_new_stateful (action_name, NULL, g_variant_new_boolean (visible));

          g_object_set_data_full (G_OBJECT (action), "column", g_object_ref (column),
                                  g_object_unref);
          g_object_set_data (G_OBJECT (action), "column-name", (gpointer) columns[i].name);
          g_signal_connect_object (action, "change-state", G_CALLBACK (on_show_column), settings,
                                   0);
          g_action_map_add_action (G_ACTION_MAP (actions), G_ACTION (action));
        }
    }
  return G_ACTION_GROUP (g_steal_pointer (&actions));
}
