/* liaison-history-chart.c: LiaisonHistoryChart, drawn with GtkSnapshot: one bar per local day,
 * a baseline, the largest value on the left, the first, middle and last day underneath, a
 * legend for the stacked kinds, a tooltip per bar and an accessible summary.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-history"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "liaison-history-chart.h"
#include "liaison-history-draw-private.h"
#include "liaison-store-sync.h"

#define DAY_MS (G_GINT64_CONSTANT (24) * 60 * 60 * 1000)

struct _LiaisonHistoryChart
{
  GtkWidget parent_instance;

  gboolean errors;
  GArray *days; /* LiaisonHistoryDay */
  char *summary;
};

G_DEFINE_FINAL_TYPE (LiaisonHistoryChart, liaison_history_chart, GTK_TYPE_WIDGET)

static gint64
local_midnight_ms (gint64 ms)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);
  g_autoptr (GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
  g_autoptr (GDateTime) midnight = NULL;

  if (local == NULL)
    return 0;
  midnight = g_date_time_new_local (g_date_time_get_year (local), g_date_time_get_month (local),
                                    g_date_time_get_day_of_month (local), 0, 0, 0);
  return g_date_time_to_unix (midnight) * 1000;
}

/* The midnight n days before the one of day_ms, by the calendar (a day of a DST change is 23
 * or 25 hours long). */
static gint64
midnight_days_before (gint64 day_ms, guint n)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (day_ms / 1000);
  g_autoptr (GDateTime) local = g_date_time_to_local (utc);
  g_autoptr (GDateTime) earlier = g_date_time_add_days (local, -(int) n);

  return local_midnight_ms (g_date_time_to_unix (earlier) * 1000);
}

GArray *
liaison_history_days_from_runs (GPtrArray *runs, gint64 now_ms, guint n_days)
{
  GArray *days = g_array_sized_new (FALSE, TRUE, sizeof (LiaisonHistoryDay), n_days);
  gint64 today = local_midnight_ms (now_ms);

  for (guint i = 0; i < n_days; i++)
    {
      LiaisonHistoryDay day = { midnight_days_before (today, n_days - 1 - i), 0, 0, 0, 0 };
      g_array_append_val (days, day);
    }
  for (guint r = 0; runs != NULL && r < runs->len; r++)
    {
      LiaisonStoreRun *run = g_ptr_array_index (runs, r);
      gint64 day_ms;

      if (run->dry_run || n_days == 0)
        continue;
      day_ms = local_midnight_ms (run->started_at);
      for (guint i = 0; i < n_days; i++)
        {
          LiaisonHistoryDay *day = &g_array_index (days, LiaisonHistoryDay, i);

          if (day->day_ms != day_ms)
            continue;
          day->created += run->n_created;
          day->updated += run->n_updated;
          day->deleted += run->n_deleted;
          day->failed += run->n_failed;
          break;
        }
    }
  return days;
}

static char *
format_day (gint64 day_ms)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (day_ms / 1000);
  g_autoptr (GDateTime) local = g_date_time_to_local (utc);

  /* Translators: a day on the chart's axis, see strftime(3): "2 Dec" */
  /* xgettext:no-c-format */
  return g_date_time_format (local, _ ("%-d %b"));
}

static guint
day_total (LiaisonHistoryChart *self, const LiaisonHistoryDay *day)
{
  return self->errors ? day->failed : day->created + day->updated + day->deleted;
}

static void
update_summary (LiaisonHistoryChart *self)
{
  guint n = self->days ? self->days->len : 0, total = 0, most = 0, most_at = 0;
  g_autofree char *when = NULL;

  for (guint i = 0; i < n; i++)
    {
      guint value = day_total (self, &g_array_index (self->days, LiaisonHistoryDay, i));

      total += value;
      if (value > most)
        {
          most = value;
          most_at = i;
        }
    }
  g_free (self->summary);
  if (n == 0)
    self->summary
        = g_strdup (self->errors ? _ ("No errors to chart yet") : _ ("No changes to chart yet"));
  else if (total == 0)
    self->summary = g_strdup_printf (
        self->errors
            ? ngettext ("No errors in the last %u day", "No errors in the last %u days", n)
            : ngettext ("No changes in the last %u day", "No changes in the last %u days", n),
        n);
  else
    {
      when = format_day (g_array_index (self->days, LiaisonHistoryDay, most_at).day_ms);
      self->summary = g_strdup_printf (
          self->errors ? ngettext ("Errors per day, last %u day: %u in all, most on %s (%u)",
                                   "Errors per day, last %u days: %u in all, most on %s (%u)", n)
                       : ngettext ("Changes per day, last %u day: %u in all, most on %s (%u)",
                                   "Changes per day, last %u days: %u in all, most on %s (%u)", n),
          n, total, when, most);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->summary, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
liaison_history_chart_get_summary (LiaisonHistoryChart *self)
{
  g_return_val_if_fail (LIAISON_IS_HISTORY_CHART (self), NULL);
  return self->summary;
}

void
liaison_history_chart_set_days (LiaisonHistoryChart *self, GArray *days)
{
  g_return_if_fail (LIAISON_IS_HISTORY_CHART (self));
  g_clear_pointer (&self->days, g_array_unref);
  if (days != NULL)
    self->days = g_array_ref (days);
  update_summary (self);
}

void
liaison_history_chart_set_errors (LiaisonHistoryChart *self, gboolean errors)
{
  g_return_if_fail (LIAISON_IS_HISTORY_CHART (self));
  self->errors = !!errors;
  update_summary (self);
}

/* ---- drawing ---- */

typedef struct
{
  GdkRGBA fg, dim, line, colors[3];
} Palette;

static void
palette_init (LiaisonHistoryChart *self, Palette *p)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  liaison_chart_text_colors (GTK_WIDGET (self), &p->fg, &p->dim, &p->line);
  /* The GNOME palette's success, accent and warning colours (errors: its error colour), in
   * their light or dark variant. */
  if (self->errors)
    gdk_rgba_parse (&p->colors[0], dark ? "#ff7b63" : "#c01c28");
  else
    {
      gdk_rgba_parse (&p->colors[0], dark ? "#8ff0a4" : "#26a269");
      gdk_rgba_parse (&p->colors[1], dark ? "#78aeed" : "#1c71d8");
      gdk_rgba_parse (&p->colors[2], dark ? "#ffbe6f" : "#c64600");
    }
}

typedef struct
{
  double left, top, right, bottom;
  guint max;
} Frame;

static guint
max_total (LiaisonHistoryChart *self)
{
  guint max = 0;

  for (guint i = 0; self->days && i < self->days->len; i++)
    max = MAX (max, day_total (self, &g_array_index (self->days, LiaisonHistoryDay, i)));
  return max;
}

static void
frame_init (LiaisonHistoryChart *self, Frame *f)
{
  g_autofree char *max_text = NULL;
  g_autoptr (PangoLayout) layout = NULL;
  int w, h;

  f->max = max_total (self);
  max_text = g_strdup_printf ("%u", MAX (f->max, 1));
  layout = liaison_chart_small_layout (GTK_WIDGET (self), max_text);
  pango_layout_get_pixel_size (layout, &w, &h);
  f->left = w + LIAISON_CHART_GAP;
  f->top = self->errors ? h / 2.0 : h + LIAISON_CHART_GAP;
  f->right = gtk_widget_get_width (GTK_WIDGET (self)) - 2.0;
  f->bottom = gtk_widget_get_height (GTK_WIDGET (self)) - h - LIAISON_CHART_GAP / 2;
}

static void
draw_legend (LiaisonHistoryChart *self, GtkSnapshot *snapshot, const Palette *p)
{
  const char *names[3] = { C_ ("chart legend", "Created"), C_ ("chart legend", "Updated"),
                           C_ ("chart legend", "Deleted") };

  liaison_chart_draw_legend (GTK_WIDGET (self), snapshot, names, p->colors, 3, &p->dim);
}

static char *
day_label (gpointer data, guint i)
{
  return format_day (g_array_index ((GArray *) data, LiaisonHistoryDay, i).day_ms);
}

static void
liaison_history_chart_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  LiaisonHistoryChart *self = LIAISON_HISTORY_CHART (widget);
  guint n = self->days ? self->days->len : 0;
  Palette p;
  Frame f;
  double slot, height;
  g_autofree char *max_text = NULL;
  g_autoptr (PangoLayout) max_layout = NULL;
  int w, h;

  palette_init (self, &p);
  frame_init (self, &f);
  height = f.bottom - f.top;
  if (f.right <= f.left || height <= 4)
    return;
  if (!self->errors)
    draw_legend (self, snapshot, &p);
  /* The baseline and the top line with the largest value. */
  gtk_snapshot_append_color (
      snapshot, &p.line,
      &GRAPHENE_RECT_INIT ((float) f.left, (float) f.bottom, (float) (f.right - f.left), 1));
  max_text = g_strdup_printf ("%u", f.max);
  max_layout = liaison_chart_small_layout (GTK_WIDGET (self), f.max > 0 ? max_text : "0");
  pango_layout_get_pixel_size (max_layout, &w, &h);
  liaison_chart_draw_text (snapshot, max_layout, f.left - LIAISON_CHART_GAP - w,
                           (f.max > 0 ? f.top : f.bottom) - h / 2.0, &p.dim);
  if (f.max > 0)
    gtk_snapshot_append_color (
        snapshot, &p.line,
        &GRAPHENE_RECT_INIT ((float) f.left, (float) f.top, (float) (f.right - f.left), 1));
  if (n == 0)
    return;

  slot = (f.right - f.left) / n;
  for (guint i = 0; i < n && f.max > 0; i++)
    {
      const LiaisonHistoryDay *day = &g_array_index (self->days, LiaisonHistoryDay, i);
      guint values[3] = { day->created, day->updated, day->deleted };
      double x = f.left + i * slot + slot * 0.15, y = f.bottom;

      if (self->errors)
        {
          values[0] = day->failed;
          values[1] = values[2] = 0;
        }
      for (guint k = 0; k < 3; k++)
        {
          double segment = height * values[k] / f.max;

          if (values[k] == 0)
            continue;
          y -= segment;
          gtk_snapshot_append_color (
              snapshot, &p.colors[k],
              &GRAPHENE_RECT_INIT ((float) x, (float) y, (float) (slot * 0.7), (float) segment));
        }
    }

  /* The first, middle and last day under their bars. */
  liaison_chart_draw_marks (widget, snapshot, f.left, slot, f.bottom + LIAISON_CHART_GAP / 2, n,
                            day_label, self->days, &p.dim);

  if (f.max == 0)
    {
      g_autoptr (PangoLayout) layout
          = liaison_chart_small_layout (GTK_WIDGET (self), self->summary);

      pango_layout_get_pixel_size (layout, &w, &h);
      liaison_chart_draw_text (snapshot, layout, f.left + (f.right - f.left - w) / 2.0,
                               f.top + (height - h) / 2.0, &p.dim);
    }
}

char *
liaison_history_chart_dup_tooltip_at (LiaisonHistoryChart *self, double x)
{
  Frame f;
  guint n, i;
  const LiaisonHistoryDay *day;
  g_autofree char *when = NULL;

  g_return_val_if_fail (LIAISON_IS_HISTORY_CHART (self), NULL);
  n = self->days ? self->days->len : 0;
  frame_init (self, &f);
  if (n == 0 || x < f.left || x >= f.right)
    return NULL;
  i = MIN ((guint) ((x - f.left) / ((f.right - f.left) / n)), n - 1);
  day = &g_array_index (self->days, LiaisonHistoryDay, i);
  when = format_day (day->day_ms);
  if (self->errors)
    return g_strdup_printf (ngettext ("%s: %u error", "%s: %u errors", day->failed), when,
                            day->failed);
  /* Translators: a day of the chart and what its runs did */
  return g_strdup_printf (_ ("%s: %u created, %u updated, %u deleted"), when, day->created,
                          day->updated, day->deleted);
}

static char *
dup_tooltip_at (GtkWidget *widget, double x)
{
  return liaison_history_chart_dup_tooltip_at (LIAISON_HISTORY_CHART (widget), x);
}

static gboolean
on_query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip,
                  gpointer user_data)
{
  return liaison_chart_query_tooltip (widget, x, keyboard, tooltip,
                                      LIAISON_HISTORY_CHART (widget)->summary, dup_tooltip_at);
}

static void
liaison_history_chart_finalize (GObject *object)
{
  LiaisonHistoryChart *self = LIAISON_HISTORY_CHART (object);

  g_clear_pointer (&self->days, g_array_unref);
  g_free (self->summary);
  G_OBJECT_CLASS (liaison_history_chart_parent_class)->finalize (object);
}

static void
liaison_history_chart_class_init (LiaisonHistoryChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = liaison_history_chart_finalize;
  widget_class->snapshot = liaison_history_chart_snapshot;
  liaison_chart_class_init (widget_class);
}

static void
liaison_history_chart_init (LiaisonHistoryChart *self)
{
  liaison_chart_init (GTK_WIDGET (self), G_CALLBACK (on_query_tooltip));
  update_summary (self);
}

GtkWidget *
liaison_history_chart_new (gboolean errors)
{
  LiaisonHistoryChart *self = g_object_new (LIAISON_TYPE_HISTORY_CHART, NULL);

  liaison_history_chart_set_errors (self, errors);
  return GTK_WIDGET (self);
}
