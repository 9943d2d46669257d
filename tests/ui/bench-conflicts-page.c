/* bench-conflicts-page.c: the Conflicts page with 5,000 open conflicts (issue 13: the page stays
 * fast at that scale). The store (2,500 linked contacts, two fields in conflict each) is
 * generated first; then the page is shown in a window and the time until the first row's
 * contact is painted is measured (first rows), with the time until the whole list is read, the
 * longest the main loop stood still meanwhile (a 5 ms timer's longest gap: the pages must not
 * block it) and the longest frame, how many row widgets the list built, and, for comparison, one
 * read of all 5,000 conflicts as the page did it before it read in pages. Prints one JSON object
 * per line. A benchmark, never a timed test; it needs a display (run under build-aux/headless).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <stdio.h>

#include "liaison-conflict-row.h"
#include "liaison-conflicts-page.h"
#include "liaison-store-sync.h"
#include "store-test-util.h"

#define N_CONTACTS 2500
#define N_CONFLICTS (2 * N_CONTACTS)

static gboolean
shows_label (GtkWidget *widget, const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
      && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

static guint
count_rows (GtkWidget *widget)
{
  guint n = LIAISON_IS_CONFLICT_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_rows (child);
  return n;
}

/* The longest frame while the page loads: from the clock's before-paint to its after-paint. */
static gint64 frame_started, longest_frame;

static void
on_before_paint (GdkFrameClock *clock)
{
  frame_started = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock, guint *paints)
{
  if (frame_started > 0)
    longest_frame = MAX (longest_frame, g_get_monotonic_time () - frame_started);
  frame_started = 0;
  (*paints)++;
}

static void
wait_frames (guint *paints, guint n)
{
  guint until = *paints + n;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (*paints < until)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the window stopped painting");
      g_main_context_iteration (NULL, TRUE);
    }
}

/* The longest gap between two ticks of a 5 ms timer: how long the main loop stood still. */
typedef struct
{
  gint64 last;
  gint64 longest;
} Stall;

static gboolean
on_tick (gpointer user_data)
{
  Stall *stall = user_data;
  gint64 now = g_get_monotonic_time ();

  if (stall->last > 0)
    stall->longest = MAX (stall->longest, now - stall->last);
  stall->last = now;
  return G_SOURCE_CONTINUE;
}

static void
add_conflicts (LiaisonStore *store, const char *lsq, const char *ghl)
{
  g_autoptr (LiaisonStoreStep) step = liaison_store_step_new (lsq, ghl, 0);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  static const char *fields[] = { "city", "company" };

  for (guint i = 0; i < N_CONTACTS; i++)
    for (guint j = 0; j < G_N_ELEMENTS (fields); j++)
      {
        LiaisonStoreConflict *c = g_new0 (LiaisonStoreConflict, 1);

        c->kind = LIAISON_CONFLICT_FIELD;
        c->lsq_id = g_strdup_printf ("L%07u", i);
        c->ghl_id = g_strdup_printf ("G%07u", i);
        c->field = g_strdup (fields[j]);
        c->base_value = g_strdup ("\"Pune\"");
        c->lsq_value = g_strdup_printf ("\"Mumbai %u\"", i);
        c->ghl_value = g_strdup_printf ("\"Chennai %u\"", i);
        /* Oldest first: the contacts in order, both fields of each together. */
        c->detected_at = 1700000000000 + i;
        g_ptr_array_add (step->conflicts, c);
      }
  liaison_store_apply_step_async (store, g_steal_pointer (&step), NULL, store_test_result_cb,
                                  &result);
  if (!liaison_store_apply_step_finish (store, store_test_wait (&result), &error))
    g_error ("conflicts: %s", error->message);
}

static void
generate (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonStore) store = NULL;
  g_autoptr (GPtrArray) connections = NULL;

  store_test_bench_generate (path, N_CONTACTS);
  store = store_test_open (path, "US", &error);
  if (store == NULL)
    g_error ("open: %s", error->message);
  connections = liaison_store_list_connections (store, &error);
  if (connections == NULL || connections->len != 2)
    g_error ("connections: %s", error ? error->message : "not two");
  /* The store lists them in no set order. */
  {
    LiaisonStoreConnection *first = connections->pdata[0], *second = connections->pdata[1];
    gboolean lsq_first = first->service == LIAISON_SERVICE_LSQ;

    add_conflicts (store, lsq_first ? first->id : second->id, lsq_first ? second->id : first->id);
  }
  g_clear_object (&store);
  store_test_drain ();
}

/* One read of every conflict, as the page made before it read in pages. */
static double
whole_read_ms (LiaisonStore *store)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  liaison_store_list_conflicts_to_review_async (store, NULL, store_test_result_cb, &result);
  rows = liaison_store_list_conflicts_to_review_finish (store, store_test_wait (&result), &error);
  if (rows == NULL || rows->len != N_CONFLICTS)
    g_error ("the whole read found %u conflicts", rows ? rows->len : 0);
  return store_test_ms_since (start);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *conditions = NULL;
  g_autofree char *first_name = NULL;
  LiaisonConflictsPage *page;
  LiaisonConflictList *model;
  GtkWindow *window;
  GtkWidget *list;
  GdkFrameClock *clock;
  guint paints = 0, rows_built;
  double first_rows_ms, loaded_ms, whole_ms;
  gint64 start, deadline;
  Stall stall = { 0 };
  guint tick;

  gtk_init ();
  adw_init ();
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  dir = store_test_tmpdir ();
  path = g_build_filename (dir, "bench.db", NULL);
  generate (path);
  first_name = store_test_bench_name (0);

  store = store_test_open (path, "US", &error);
  if (store == NULL)
    g_error ("open: %s", error->message);
  page = g_object_new (LIAISON_TYPE_CONFLICTS_PAGE, NULL);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1000, 700);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &paints);
  wait_frames (&paints, 2);

  /* The page on the profile: the model reads, the list shows the first rows. */
  tick = g_timeout_add (5, on_tick, &stall);
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), NULL);
  start = g_get_monotonic_time ();
  liaison_conflicts_page_set_store (page, store);
  model = liaison_conflicts_page_get_model (page);
  list = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (page),
                                                      LIAISON_TYPE_CONFLICTS_PAGE, "list");
  deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while (!shows_label (list, first_name))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the first row did not show");
      g_main_context_iteration (NULL, TRUE);
    }
  first_rows_ms = store_test_ms_since (start);
  while (liaison_conflict_list_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
  loaded_ms = store_test_ms_since (start);
  g_source_remove (tick);
  g_signal_handlers_disconnect_by_func (clock, on_before_paint, NULL);
  if (g_list_model_get_n_items (G_LIST_MODEL (model)) != N_CONFLICTS)
    g_error ("the page lists %u conflicts, not %d", g_list_model_get_n_items (G_LIST_MODEL (model)),
             N_CONFLICTS);
  wait_frames (&paints, 10);
  rows_built = count_rows (list);
  whole_ms = whole_read_ms (store);

  conditions = g_strdup_printf ("{\"open_conflicts\": %d, \"window\": \"1000x700\","
                                " \"rows_built\": %u, \"model_loaded_ms\": %.1f,"
                                " \"longest_stall_ms\": %.1f, \"longest_frame_ms\": %.1f,"
                                " \"whole_read_ms\": %.1f, \"renderer\": \"%s\"}",
                                N_CONFLICTS, rows_built, loaded_ms, stall.longest / 1000.0,
                                longest_frame / 1000.0, whole_ms,
                                g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default");
  printf ("{\"bench\": \"conflicts-page\", \"figure\": \"first_rows\", \"value\": %.1f,"
          " \"unit\": \"ms\", \"conditions\": %s}\n",
          first_rows_ms, conditions);
  printf ("{\"bench\": \"conflicts-page\", \"figure\": \"whole_read_over_first_rows\","
          " \"value\": %.2f, \"unit\": \"ratio\", \"conditions\": %s}\n",
          whole_ms / MAX (first_rows_ms, 0.1), conditions);
  printf ("{\"bench\": \"conflicts-page\", \"figure\": \"longest_stall\", \"value\": %.1f,"
          " \"unit\": \"ms\", \"conditions\": %s}\n",
          stall.longest / 1000.0, conditions);
  printf ("{\"bench\": \"conflicts-page\", \"figure\": \"longest_frame\", \"value\": %.1f,"
          " \"unit\": \"ms\", \"conditions\": %s}\n",
          longest_frame / 1000.0, conditions);
  printf ("{\"bench\": \"conflicts-page\", \"figure\": \"rows_built\", \"value\": %u,"
          " \"unit\": \"widgets\", \"conditions\": %s}\n",
          rows_built, conditions);

  g_signal_handlers_disconnect_by_func (clock, on_after_paint, &paints);
  gtk_window_destroy (window);
  store_test_drain ();
  g_clear_object (&store);
  store_test_drain ();
  store_test_rmtree (dir);
  return 0;
}
