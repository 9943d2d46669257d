/* liaison-history-requests.c: LiaisonHistoryRequestsChart, drawn with GtkSnapshot: per run, oldest
 * on the left, a LeadSquared and a HighLevel bar as a share of the service's daily quota; a
 * baseline, the largest share on the left, the first, middle and last run's time underneath, a
 * legend, a tooltip per run and an accessible summary.
 *
 * A share and not a count: the two services' quotas differ twenty times, and what a person
 * wants to know is how close a run comes to the limit of each.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-history"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "liaison-history-draw-private.h"
#include "liaison-history-requests.h"
#include "liaison-rate-limiter.h"
#include "liaison-store-sync.h"

struct _LiaisonHistoryRequestsChart
{
  GtkWidget parent_instance;

  GArray *runs; /* LiaisonHistoryRequests, oldest first */
  char *summary;
};

G_DEFINE_FINAL_TYPE (LiaisonHistoryRequestsChart, liaison_history_requests_chart, GTK_TYPE_WIDGET)

static const double quota[2] = { LIAISON_LSQ_DAILY_QUOTA, LIAISON_GHL_DAILY_QUOTA };

static int
newest_first (gconstpointer a, gconstpointer b)
{
  const LiaisonStoreRun *x = *(LiaisonStoreRun *const *) a;
  const LiaisonStoreRun *y = *(LiaisonStoreRun *const *) b;

  return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

GArray *
liaison_history_requests_from_runs (GPtrArray *runs, guint n_runs)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (LiaisonHistoryRequests));
  g_autoptr (GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; runs != NULL && i < runs->len; i++)
    if (!((LiaisonStoreRun *) g_ptr_array_index (runs, i))->dry_run)
      g_ptr_array_add (sorted, g_ptr_array_index (runs, i));
  g_ptr_array_sort (sorted, newest_first);
  for (guint i = MIN (n_runs, sorted->len); i > 0; i--)
    {
      LiaisonStoreRun *run = g_ptr_array_index (sorted, i - 1);
      LiaisonHistoryRequests r = { run->id, run->started_at, run->lsq_requests, run->ghl_requests };

      g_array_append_val (out, r);
    }
  return out;
}

char *
liaison_history_format_share (double share)
{
  double percent = share * 100;

  if (percent <= 0)
    /* Translators: a share of a service's daily quota of API requests */
    return g_strdup (_ ("0 %"));
  if (percent < 0.01)
    return g_strdup (_ ("< 0.01 %"));
  /* Translators: a share of a service's daily quota, %.*f is the number */
  return g_strdup_printf (_ ("%.*f %%"), percent >= 10 ? 0 : percent >= 1 ? 1 : 2, percent);
}

static double
share_of (const LiaisonHistoryRequests *r, guint side)
{
  return (side == 0 ? r->lsq : r->ghl) / quota[side];
}

static char *
format_when (gint64 ms)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);
  g_autoptr (GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  /* Translators: when a run started, on the chart's axis, see strftime(3): "2 Dec 14:05" */
  /* xgettext:no-c-format */
  return local ? g_date_time_format (local, _ ("%-d %b %H:%M")) : g_strdup ("");
}

static void
update_summary (LiaisonHistoryRequestsChart *self)
{
  guint n = self->runs ? self->runs->len : 0, most[2] = { 0, 0 };

  for (guint i = 0; i < n; i++)
    {
      const LiaisonHistoryRequests *r = &g_array_index (self->runs, LiaisonHistoryRequests, i);

      most[0] = MAX (most[0], r->lsq);
      most[1] = MAX (most[1], r->ghl);
    }
  g_free (self->summary);
  if (n == 0)
    self->summary = g_strdup (_ ("No API requests to chart yet"));
  else if (most[0] == 0 && most[1] == 0)
    self->summary = g_strdup_printf (
        ngettext ("The last run sent no API requests", "The last %u runs sent no API requests", n),
        n);
  else
    {
      g_autofree char *lsq = liaison_history_format_share (most[0] / quota[0]);
      g_autofree char *ghl = liaison_history_format_share (most[1] / quota[1]);

      if (n == 1)
        self->summary = g_strdup_printf (
            _ ("API requests of the last run: %u to LeadSquared (%s of its %'u a day) and %u "
               "to HighLevel (%s of its %'u a day)"),
            most[0], lsq, (guint) quota[0], most[1], ghl, (guint) quota[1]);
      else
        self->summary = g_strdup_printf (
            ngettext ("API requests of the last %u run: at most %u to LeadSquared (%s of its "
                      "%'u a day) and %u to HighLevel (%s of its %'u a day)",
                      "API requests of the last %u runs: at most %u to LeadSquared (%s of its "
                      "%'u a day) and %u to HighLevel (%s of its %'u a day)",
                      n),
            n, most[0], lsq, (guint) quota[0], most[1], ghl, (guint) quota[1]);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->summary, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
liaison_history_requests_chart_get_summary (LiaisonHistoryRequestsChart *self)
{
  g_return_val_if_fail (LIAISON_IS_HISTORY_REQUESTS_CHART (self), NULL);
  return self->summary;
}

void
liaison_history_requests_chart_set_runs (LiaisonHistoryRequestsChart *self, GArray *runs)
{
  g_return_if_fail (LIAISON_IS_HISTORY_REQUESTS_CHART (self));
  g_clear_pointer (&self->runs, g_array_unref);
  if (runs != NULL)
    self->runs = g_array_ref (runs);
  update_summary (self);
}

/* ---- drawing ---- */

typedef struct
{
  GdkRGBA fg, dim, line, colors[2];
} Palette;

static void
palette_init (LiaisonHistoryRequestsChart *self, Palette *p)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  liaison_chart_text_colors (GTK_WIDGET (self), &p->fg, &p->dim, &p->line);
  /* The GNOME palette's purple and teal, light or dark. */
  gdk_rgba_parse (&p->colors[0], dark ? "#dc8add" : "#813d9c");
  gdk_rgba_parse (&p->colors[1], dark ? "#93ddc2" : "#1a7f74");
}

typedef struct
{
  double left, top, right, bottom;
  double max; /* the largest share of a quota */
  char *max_text;
} Frame;

static void
frame_init (LiaisonHistoryRequestsChart *self, Frame *f)
{
  g_autoptr (PangoLayout) layout = NULL;
  int w, h;

  f->max = 0;
  for (guint i = 0; self->runs && i < self->runs->len; i++)
    for (guint side = 0; side < 2; side++)
      f->max
          = MAX (f->max, share_of (&g_array_index (self->runs, LiaisonHistoryRequests, i), side));
  f->max_text = liaison_history_format_share (f->max);
  layout = liaison_chart_small_layout (GTK_WIDGET (self), f->max_text);
  pango_layout_get_pixel_size (layout, &w, &h);
  f->left = w + LIAISON_CHART_GAP;
  f->top = h + LIAISON_CHART_GAP;
  f->right = gtk_widget_get_width (GTK_WIDGET (self)) - 2.0;
  f->bottom = gtk_widget_get_height (GTK_WIDGET (self)) - h - LIAISON_CHART_GAP / 2;
}

static void
draw_legend (LiaisonHistoryRequestsChart *self, GtkSnapshot *snapshot, const Palette *p)
{
  const char *names[2] = { "LeadSquared", "HighLevel" };

  liaison_chart_draw_legend (GTK_WIDGET (self), snapshot, names, p->colors, 2, &p->dim);
}

static char *
run_label (gpointer data, guint i)
{
  return format_when (g_array_index ((GArray *) data, LiaisonHistoryRequests, i).started_at);
}

static void
liaison_history_requests_chart_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  LiaisonHistoryRequestsChart *self = LIAISON_HISTORY_REQUESTS_CHART (widget);
  guint n = self->runs ? self->runs->len : 0;
  Palette p;
  Frame f;
  double slot, height;
  g_autoptr (PangoLayout) max_layout = NULL;
  int w, h;

  palette_init (self, &p);
  frame_init (self, &f);
  height = f.bottom - f.top;
  if (f.right <= f.left || height <= 4)
    {
      g_free (f.max_text);
      return;
    }
  draw_legend (self, snapshot, &p);
  /* The baseline, and the top line with the largest share. */
  gtk_snapshot_append_color (
      snapshot, &p.line,
      &GRAPHENE_RECT_INIT ((float) f.left, (float) f.bottom, (float) (f.right - f.left), 1));
  max_layout = liaison_chart_small_layout (GTK_WIDGET (self), f.max_text);
  g_free (f.max_text);
  pango_layout_get_pixel_size (max_layout, &w, &h);
  liaison_chart_draw_text (snapshot, max_layout, f.left - LIAISON_CHART_GAP - w,
                           (f.max > 0 ? f.top : f.bottom) - h / 2.0, &p.dim);
  if (f.max > 0)
    gtk_snapshot_append_color (
        snapshot, &p.line,
        &GRAPHENE_RECT_INIT ((float) f.left, (float) f.top, (float) (f.right - f.left), 1));
  if (n == 0 || f.max <= 0)
    {
      g_autoptr (PangoLayout) layout
          = liaison_chart_small_layout (GTK_WIDGET (self), self->summary);

      pango_layout_set_width (layout, (int) ((f.right - f.left) * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_get_pixel_size (layout, &w, &h);
      liaison_chart_draw_text (snapshot, layout, f.left, f.top + (height - h) / 2.0, &p.dim);
      if (n == 0)
        return;
    }

  slot = (f.right - f.left) / n;
  for (guint i = 0; i < n && f.max > 0; i++)
    {
      const LiaisonHistoryRequests *r = &g_array_index (self->runs, LiaisonHistoryRequests, i);
      /* Two bars side by side in the middle of the run's slot, never wider than 16 px each. */
      double bar = MIN (slot * 0.35, 16.0);
      double start = f.left + i * slot + (slot - 2 * bar) / 2;

      for (guint side = 0; side < 2; side++)
        {
          double length = height * share_of (r, side) / f.max;
          double x = start + side * bar;

          if (length <= 0)
            continue;
          /* A run that sent a request shows at least a sliver of a bar. */
          length = MAX (length, 1.0);
          gtk_snapshot_append_color (snapshot, &p.colors[side],
                                     &GRAPHENE_RECT_INIT ((float) x, (float) (f.bottom - length),
                                                          (float) bar, (float) length));
        }
    }

  /* The first, middle and last run's time under their bars. */
  liaison_chart_draw_marks (widget, snapshot, f.left, slot, f.bottom + LIAISON_CHART_GAP / 2, n,
                            run_label, self->runs, &p.dim);
}

char *
liaison_history_requests_chart_dup_tooltip_at (LiaisonHistoryRequestsChart *self, double x)
{
  Frame f;
  guint n, i;
  const LiaisonHistoryRequests *r;
  g_autofree char *when = NULL;
  g_autofree char *lsq = NULL;
  g_autofree char *ghl = NULL;
  g_autofree char *run_text = NULL;

  g_return_val_if_fail (LIAISON_IS_HISTORY_REQUESTS_CHART (self), NULL);
  n = self->runs ? self->runs->len : 0;
  frame_init (self, &f);
  g_free (f.max_text);
  if (n == 0 || x < f.left || x >= f.right)
    return NULL;
  i = MIN ((guint) ((x - f.left) / ((f.right - f.left) / n)), n - 1);
  r = &g_array_index (self->runs, LiaisonHistoryRequests, i);
  when = format_when (r->started_at);
  lsq = liaison_history_format_share (share_of (r, 0));
  ghl = liaison_history_format_share (share_of (r, 1));
  run_text = g_strdup_printf ("%" G_GINT64_FORMAT, r->run_id);
  /* Translators: a run of the chart (its number, when it started) and its API requests against
   * each daily quota */
  return g_strdup_printf (_ ("Run %s, %s\n"
                             "LeadSquared: %u requests, %s of %'u a day\n"
                             "HighLevel: %u requests, %s of %'u a day"),
                          run_text, when, r->lsq, lsq, (guint) quota[0], r->ghl, ghl,
                          (guint) quota[1]);
}

static char *
dup_tooltip_at (GtkWidget *widget, double x)
{
  return liaison_history_requests_chart_dup_tooltip_at (LIAISON_HISTORY_REQUESTS_CHART (widget), x);
}

static gboolean
on_query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip,
                  gpointer user_data)
{
  return liaison_chart_query_tooltip (widget, x, keyboard, tooltip,
                                      LIAISON_HISTORY_REQUESTS_CHART (widget)->summary,
                                      dup_tooltip_at);
}

static void
liaison_history_requests_chart_finalize (GObject *object)
{
  LiaisonHistoryRequestsChart *self = LIAISON_HISTORY_REQUESTS_CHART (object);

  g_clear_pointer (&self->runs, g_array_unref);
  g_free (self->summary);
  G_OBJECT_CLASS (liaison_history_requests_chart_parent_class)->finalize (object);
}

static void
liaison_history_requests_chart_class_init (LiaisonHistoryRequestsChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = liaison_history_requests_chart_finalize;
  widget_class->snapshot = liaison_history_requests_chart_snapshot;
  liaison_chart_class_init (widget_class);
}

static void
liaison_history_requests_chart_init (LiaisonHistoryRequestsChart *self)
{
  liaison_chart_init (GTK_WIDGET (self), G_CALLBACK (on_query_tooltip));
  update_summary (self);
}

GtkWidget *
liaison_history_requests_chart_new (void)
{
  return g_object_new (LIAISON_TYPE_HISTORY_REQUESTS_CHART, NULL);
}
