/* liaison-history-draw.c: the drawing the History page's charts share.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-history"

#include <adwaita.h>

#include "liaison-history-draw-private.h"

void
liaison_chart_text_colors (GtkWidget *widget, GdkRGBA *fg, GdkRGBA *dim, GdkRGBA *line)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  *dim = *fg;
  dim->alpha *= 0.7f;
  *line = *fg;
  line->alpha *= 0.25f;
}

PangoLayout *
liaison_chart_small_layout (GtkWidget *widget, const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.83));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

void
liaison_chart_draw_text (GtkSnapshot *snapshot, PangoLayout *layout, double x, double y,
                         const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) x, (float) y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

void
liaison_chart_draw_legend (GtkWidget *widget, GtkSnapshot *snapshot, const char *const *names,
                           const GdkRGBA *colors, guint n, const GdkRGBA *dim)
{
  double x = gtk_widget_get_width (widget);

  for (guint i = n; i > 0; i--)
    {
      g_autoptr (PangoLayout) layout = liaison_chart_small_layout (widget, names[i - 1]);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      x -= w;
      liaison_chart_draw_text (snapshot, layout, x, 0, dim);
      x -= 10 + 4;
      gtk_snapshot_append_color (snapshot, &colors[i - 1],
                                 &GRAPHENE_RECT_INIT ((float) x, (h - 10) / 2.0f, 10, 10));
      x -= 12;
    }
}

void
liaison_chart_draw_marks (GtkWidget *widget, GtkSnapshot *snapshot, double left, double slot,
                          double top, guint n, char *(*label) (gpointer data, guint i),
                          gpointer data, const GdkRGBA *dim)
{
  guint marks[3] = { 0, n / 2, n - 1 };
  double last_end = -G_MAXDOUBLE;

  for (guint m = 0; m < 3 && n > 0; m++)
    {
      g_autofree char *text = NULL;
      g_autoptr (PangoLayout) layout = NULL;
      int w, h;
      double x;

      if (m > 0 && marks[m] == marks[m - 1])
        continue;
      text = label (data, marks[m]);
      layout = liaison_chart_small_layout (widget, text);
      pango_layout_get_pixel_size (layout, &w, &h);
      x = left + (marks[m] + 0.5) * slot - w / 2.0;
      x = CLAMP (x, 0, gtk_widget_get_width (widget) - w);
      if (x < last_end + LIAISON_CHART_GAP)
        continue;
      liaison_chart_draw_text (snapshot, layout, x, top, dim);
      last_end = x + w;
    }
}

static void
chart_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum,
               int *natural, int *minimum_baseline, int *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 160;
      *natural = 280;
    }
  else
    *minimum = *natural = 110;
}

void
liaison_chart_class_init (GtkWidgetClass *widget_class)
{
  widget_class->measure = chart_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "chart");
}

gboolean
liaison_chart_query_tooltip (GtkWidget *widget, int x, gboolean keyboard, GtkTooltip *tooltip,
                             const char *summary, char *(*dup_at) (GtkWidget *widget, double x))
{
  g_autofree char *text = NULL;

  if (keyboard)
    {
      gtk_tooltip_set_text (tooltip, summary);
      return TRUE;
    }
  text = dup_at (widget, x);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
liaison_chart_init (GtkWidget *widget, GCallback query_tooltip)
{
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_set_focusable (widget, TRUE);
  g_signal_connect (widget, "query-tooltip", query_tooltip, NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), widget, G_CONNECT_SWAPPED);
}
