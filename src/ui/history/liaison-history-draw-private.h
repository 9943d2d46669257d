/* liaison-history-draw-private.h: what the History page's two charts (liaison-history-chart.c,
 * liaison-history-requests.c) draw alike: small text, the colours of the text and lines, the
 * legend, the labels under the bars, their size, and their tooltip and dark-style hookup.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LIAISON_CHART_GAP 6.0

/* The widget's text colour, dimmed for the axes' text, and faint for their lines. */
void liaison_chart_text_colors (GtkWidget *widget, GdkRGBA *fg, GdkRGBA *dim, GdkRGBA *line);
/* A layout of text at the size of the axes' labels. */
PangoLayout *liaison_chart_small_layout (GtkWidget *widget, const char *text);
void liaison_chart_draw_text (GtkSnapshot *snapshot, PangoLayout *layout, double x, double y,
                              const GdkRGBA *color);
/* The legend at the top right: a square of each colour before its name. */
void liaison_chart_draw_legend (GtkWidget *widget, GtkSnapshot *snapshot, const char *const *names,
                                const GdkRGBA *colors, guint n, const GdkRGBA *dim);
/* The labels of the first, middle and last of n bars under them (slot wide each from left),
 * each left out where it would touch the one before. */
void liaison_chart_draw_marks (GtkWidget *widget, GtkSnapshot *snapshot, double left, double slot,
                               double top, guint n, char *(*label) (gpointer data, guint i),
                               gpointer data, const GdkRGBA *dim);
/* A chart's class: 160 to 280 wide, 110 high, an image to assistive technologies, CSS name
 * "chart". */
void liaison_chart_class_init (GtkWidgetClass *widget_class);
/* Focusable (the keyboard's tooltip is the summary), with a tooltip from query_tooltip, drawn
 * again when the style turns dark or light. */
void liaison_chart_init (GtkWidget *widget, GCallback query_tooltip);
/* The tooltip handler both use: the summary for the keyboard, else dup_at (widget, x). */
gboolean liaison_chart_query_tooltip (GtkWidget *widget, int x, gboolean keyboard,
                                      GtkTooltip *tooltip, const char *summary,
                                      char *(*dup_at) (GtkWidget *widget, double x));

G_END_DECLS
