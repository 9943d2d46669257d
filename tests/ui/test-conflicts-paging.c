/* test-conflicts-paging.c: the Conflicts page on a store of 600 open conflicts (300 linked
 * contacts, two fields each), which its list reads a page at a time: the counts come before the
 * first page, the first page is 5 rows, then all of them arrive, appended; Select All and Take
 * LeadSquared answer all 600 while most are not read yet, and say so (600 selected), Undo takes
 * them back, a tick taken off leaves that one open; an answer and a sync that opens and closes
 * conflicts while the list reads neither repeat a row nor lose one. The store is written through
 * the engine's apply step, as a sync writes it.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>

#include "liaison-conflict-row.h"
#include "liaison-conflicts-page.h"
#include "liaison-store-sync.h"
#include "store-test-util.h"

#define N_CONTACTS 300
#define N_CONFLICTS (2 * N_CONTACTS)
#define FIRST_SEEN G_GINT64_CONSTANT (1700000000000)

#define WAIT_UNTIL(cond)                                                                           \
  G_STMT_START                                                                                     \
  {                                                                                                \
    gint64 wait_deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;                          \
    while (!(cond))                                                                                \
      {                                                                                            \
        g_assert_cmpint (g_get_monotonic_time (), <, wait_deadline);                               \
        g_main_context_iteration (NULL, TRUE);                                                     \
      }                                                                                            \
  }                                                                                                \
  G_STMT_END

typedef struct
{
  char *dir;
  LiaisonStore *store;
  char *lsq;
  char *ghl;
  LiaisonConflictsPage *page;
  GtkWindow *window;
  LiaisonConflictList *model;
  GArray *changes;       /* guint triples: position, removed, added */
  GArray *change_times;  /* gint64: the monotonic time of each change */
  guint n_open_at_first; /* n-open when the first rows came */
  guint n_duplicates;    /* ids seen twice in the list after an items-changed */
  guint n_out_of_order;  /* items after one that should follow them */
} Fixture;

static void
apply (Fixture *f, LiaisonStoreStep *step)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  liaison_store_apply_step_async (f->store, step, NULL, store_test_result_cb, &result);
  g_assert_true (liaison_store_apply_step_finish (f->store, store_test_wait (&result), &error));
  g_assert_no_error (error);
}

static LiaisonStoreConflict *
field_conflict (guint contact, const char *field, gint64 detected_at)
{
  LiaisonStoreConflict *c = g_new0 (LiaisonStoreConflict, 1);

  c->kind = LIAISON_CONFLICT_FIELD;
  c->lsq_id = g_strdup_printf ("L%07u", contact);
  c->ghl_id = g_strdup_printf ("G%07u", contact);
  c->field = g_strdup (field);
  c->base_value = g_strdup ("\"Pune\"");
  c->lsq_value = g_strdup_printf ("\"Mumbai %u\"", contact);
  c->ghl_value = g_strdup_printf ("\"Chennai %u\"", contact);
  c->detected_at = detected_at;
  return c;
}

static void
check_list (Fixture *f)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (f->model));
  gint64 last_detected = G_MININT64, last_id = G_MININT64;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (LiaisonConflictItem) item = g_list_model_get_item (G_LIST_MODEL (f->model), i);
      gint64 id = liaison_conflict_item_get_id (item);
      gint64 detected = liaison_conflict_item_get_detected_at (item);

      if (!g_hash_table_add (seen, g_memdup2 (&id, sizeof id)))
        f->n_duplicates++;
      if (detected < last_detected || (detected == last_detected && id <= last_id))
        f->n_out_of_order++;
      last_detected = detected;
      last_id = id;
    }
}

static void
on_items_changed (GListModel *model, guint position, guint removed, guint added, Fixture *f)
{
  guint change[3] = { position, removed, added };

  if (f->changes->len == 0)
    f->n_open_at_first = liaison_conflict_list_get_n_open (f->model);
  g_array_append_vals (f->changes, change, 3);
  g_array_append_val (f->change_times, (gint64){ g_get_monotonic_time () });
  check_list (f);
}

static void
set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) connections = NULL;
  g_autofree char *path = NULL;
  LiaisonStoreStep *step;

  f->dir = store_test_tmpdir ();
  path = g_build_filename (f->dir, "profile.db", NULL);
  store_test_bench_generate (path, N_CONTACTS);
  f->store = store_test_open (path, "US", &error);
  g_assert_no_error (error);
  connections = liaison_store_list_connections (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (connections->len, ==, 2);
  for (guint i = 0; i < connections->len; i++)
    {
      LiaisonStoreConnection *c = g_ptr_array_index (connections, i);

      if (c->service == LIAISON_SERVICE_LSQ)
        f->lsq = g_strdup (c->id);
      else
        f->ghl = g_strdup (c->id);
    }
  /* Oldest first: the contacts in order, both fields of each together, 10 ms apart. */
  step = liaison_store_step_new (f->lsq, f->ghl, 0);
  for (guint i = 0; i < N_CONTACTS; i++)
    {
      g_ptr_array_add (step->conflicts, field_conflict (i, "city", FIRST_SEEN + 10 * i));
      g_ptr_array_add (step->conflicts, field_conflict (i, "company", FIRST_SEEN + 10 * i));
    }
  apply (f, step);

  f->changes = g_array_new (FALSE, FALSE, sizeof (guint));
  f->change_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  f->page = g_object_new (LIAISON_TYPE_CONFLICTS_PAGE, NULL);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 800, 600);
  {
    /* In a toast overlay, as in the window: answers with Undo are announced there. */
    GtkWidget *overlay = adw_toast_overlay_new ();

    adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->page));
    gtk_window_set_child (f->window, overlay);
  }
  gtk_window_present (f->window);
  liaison_conflicts_page_set_store (f->page, f->store);
  f->model = liaison_conflicts_page_get_model (f->page);
  g_signal_connect (f->model, "items-changed", G_CALLBACK (on_items_changed), f);
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  g_signal_handlers_disconnect_by_data (f->model, f);
  gtk_window_destroy (f->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  store_test_drain ();
  g_clear_object (&f->store);
  store_test_drain ();
  store_test_rmtree (f->dir);
  g_array_unref (f->changes);
  g_array_unref (f->change_times);
  g_free (f->dir);
  g_free (f->lsq);
  g_free (f->ghl);
}

static gpointer
template_child (Fixture *f, const char *name)
{
  GObject *child
      = gtk_widget_get_template_child (GTK_WIDGET (f->page), LIAISON_TYPE_CONFLICTS_PAGE, name);

  g_assert_nonnull (child);
  return child;
}

static guint
n_items (Fixture *f)
{
  return g_list_model_get_n_items (G_LIST_MODEL (f->model));
}

static guint
change (Fixture *f, guint i, guint member)
{
  return g_array_index (f->changes, guint, 3 * i + member);
}

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

static gboolean
all_answered (Fixture *f, const char *resolution)
{
  guint n = n_items (f);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (LiaisonConflictItem) item = g_list_model_get_item (G_LIST_MODEL (f->model), i);

      if (g_strcmp0 (liaison_conflict_item_get_resolution (item), resolution) != 0)
        return FALSE;
    }
  return TRUE;
}

/* The store's own count of open conflicts, read apart from the page. */
static guint
store_open (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) open = liaison_store_list_conflicts (f->store, TRUE, &error);

  g_assert_no_error (error);
  return open->len;
}

static void
test_load (Fixture *f, gconstpointer data)
{
  g_autofree char *first_name = store_test_bench_name (0);
  guint n_added = 0;

  WAIT_UNTIL (n_items (f) > 0);
  /* The first page is small, and the counts were there before it: the summary says how many
   * wait while most are not read yet. */
  g_assert_cmpuint (change (f, 0, 0), ==, 0);
  g_assert_cmpuint (change (f, 0, 1), ==, 0);
  g_assert_cmpuint (change (f, 0, 2), ==, 5);
  g_assert_cmpuint (f->n_open_at_first, ==, N_CONFLICTS);
  g_assert_cmpuint (n_items (f), ==, 5);
  g_assert_true (liaison_conflict_list_get_loading (f->model));
  g_assert_cmpuint (liaison_conflict_list_get_n_open_fields (f->model), ==, N_CONFLICTS);
  g_assert_cmpuint (liaison_conflict_list_get_n_answered (f->model), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (f, "stack")), ==, "list");
  g_assert_true (g_str_has_prefix (gtk_label_get_label (template_child (f, "summary_label")),
                                   "600 fields wait for your answer."));
  WAIT_UNTIL (shows_label (template_child (f, "list"), first_name));

  /* Then all of them, each page added at the end. */
  WAIT_UNTIL (!liaison_conflict_list_get_loading (f->model));
  g_assert_cmpuint (n_items (f), ==, N_CONFLICTS);
  g_assert_cmpuint (f->changes->len / 3, >, 1);
  for (guint i = 0; i < f->changes->len / 3; i++)
    {
      g_assert_cmpuint (change (f, i, 0), ==, n_added);
      g_assert_cmpuint (change (f, i, 1), ==, 0);
      /* While the list view makes a row for each, the small pages come a frame's time apart
       * (16 ms), so that each frame lays out few new rows. */
      if (i > 0 && n_added < 200)
        g_assert_cmpint (g_array_index (f->change_times, gint64, i)
                             - g_array_index (f->change_times, gint64, i - 1),
                         >=, 15000);
      n_added += change (f, i, 2);
    }
  g_assert_cmpuint (n_added, ==, N_CONFLICTS);
  g_assert_cmpuint (f->n_duplicates, ==, 0);
  g_assert_cmpuint (f->n_out_of_order, ==, 0);
  g_assert_cmpuint (liaison_conflict_list_get_n_open (f->model), ==, N_CONFLICTS);

  /* Read again (the page shown again), nothing changed: no row rebuilt. */
  g_array_set_size (f->changes, 0);
  g_array_set_size (f->change_times, 0);
  liaison_conflict_list_reload (f->model);
  WAIT_UNTIL (!liaison_conflict_list_get_loading (f->model));
  g_assert_cmpuint (f->changes->len, ==, 0);
  g_assert_cmpuint (n_items (f), ==, N_CONFLICTS);
}

static GtkCheckButton *
find_check (GtkWidget *widget)
{
  if (GTK_IS_CHECK_BUTTON (widget) && g_strcmp0 (gtk_widget_get_name (widget), "select") == 0)
    return GTK_CHECK_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkCheckButton *check = find_check (child);

      if (check != NULL)
        return check;
    }
  return NULL;
}

/* The row widget of the conflict id, once the list has made it. */
static LiaisonConflictRow *
row_of (Fixture *f, gint64 id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (template_child (f, "list")); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);

      if (LIAISON_IS_CONFLICT_ROW (row)
          && liaison_conflict_item_get_id (
                 liaison_conflict_row_get_item (LIAISON_CONFLICT_ROW (row)))
                 == id)
        return LIAISON_CONFLICT_ROW (row);
    }
  return NULL;
}

static void
test_select_all (Fixture *f, gconstpointer data)
{
  GtkWidget *page = GTK_WIDGET (f->page);
  g_autoptr (LiaisonConflictItem) first = NULL;
  LiaisonConflictRow *row = NULL;
  gint64 kept;

  /* Select All with the first page read: all 600, and the answer says so. */
  WAIT_UNTIL (n_items (f) > 0);
  g_assert_cmpuint (n_items (f), <, N_CONFLICTS);
  g_assert_true (gtk_widget_activate_action (page, "conflicts.select-all", NULL));
  g_assert_true (liaison_conflicts_page_get_selection_mode (f->page));
  g_assert_cmpstr (liaison_conflicts_page_get_selection_title (f->page), ==, "600 selected");
  g_assert_cmpstr (gtk_button_get_label (template_child (f, "take_lsq_button")), ==,
                   "Take _LeadSquared for the 600 Selected");
  g_assert_true (gtk_widget_activate_action (page, "conflicts.take-selected", "s", "lsq"));
  g_assert_cmpuint (n_items (f), <, N_CONFLICTS);
  WAIT_UNTIL (liaison_conflict_list_get_n_open (f->model) == 0);
  g_assert_cmpuint (store_open (f), ==, 0);
  g_assert_cmpuint (liaison_conflict_list_get_n_answered (f->model), ==, N_CONFLICTS);
  g_assert_false (liaison_conflicts_page_get_selection_mode (f->page));
  /* The answers stay on the page until a sync writes them, each row once. */
  WAIT_UNTIL (!liaison_conflict_list_get_loading (f->model) && n_items (f) == N_CONFLICTS
              && all_answered (f, "lsq"));
  g_assert_cmpuint (f->n_duplicates, ==, 0);
  g_assert_cmpuint (f->n_out_of_order, ==, 0);

  /* Undo, as the toast's button does: all 600 open again. */
  g_assert_true (gtk_widget_activate_action (page, "conflicts.undo", NULL));
  WAIT_UNTIL (liaison_conflict_list_get_n_open (f->model) == N_CONFLICTS);
  g_assert_cmpuint (store_open (f), ==, N_CONFLICTS);
  WAIT_UNTIL (!liaison_conflict_list_get_loading (f->model) && all_answered (f, NULL));

  /* Select All, then a tick taken off: that one stays open. */
  g_assert_true (gtk_widget_activate_action (page, "conflicts.select-all", NULL));
  first = g_list_model_get_item (G_LIST_MODEL (f->model), 0);
  kept = liaison_conflict_item_get_id (first);
  WAIT_UNTIL ((row = row_of (f, kept)) != NULL && find_check (GTK_WIDGET (row)) != NULL
              && gtk_widget_get_visible (GTK_WIDGET (find_check (GTK_WIDGET (row)))));
  g_assert_true (gtk_check_button_get_active (find_check (GTK_WIDGET (row))));
  gtk_check_button_set_active (find_check (GTK_WIDGET (row)), FALSE);
  g_assert_cmpstr (liaison_conflicts_page_get_selection_title (f->page), ==, "599 selected");
  g_assert_cmpstr (gtk_button_get_label (template_child (f, "take_ghl_button")), ==,
                   "Take _HighLevel for the 599 Selected");
  g_assert_true (gtk_widget_activate_action (page, "conflicts.take-selected", "s", "ghl"));
  WAIT_UNTIL (liaison_conflict_list_get_n_open (f->model) == 1);
  g_assert_cmpuint (store_open (f), ==, 1);
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) open = liaison_store_list_conflicts (f->store, TRUE, &error);
    g_autoptr (LiaisonStoreConflict) other = NULL;
    g_autoptr (LiaisonConflictItem) second = g_list_model_get_item (G_LIST_MODEL (f->model), 1);

    g_assert_cmpint (((LiaisonStoreConflict *) g_ptr_array_index (open, 0))->id, ==, kept);
    other = liaison_store_lookup_conflict (f->store, liaison_conflict_item_get_id (second), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (other->resolution, ==, "ghl");
    g_assert_cmpstr (other->resolved_value, ==, "\"Chennai 0\"");
  }
}

/* Reads once more, from the store's own whole read, for comparison. */
static GPtrArray *
whole_read (Fixture *f)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *rows;

  liaison_store_list_conflicts_to_review_async (f->store, NULL, store_test_result_cb, &result);
  rows
      = liaison_store_list_conflicts_to_review_finish (f->store, store_test_wait (&result), &error);
  g_assert_no_error (error);
  return rows;
}

static gboolean
same_as_store (Fixture *f, GPtrArray *rows)
{
  if (n_items (f) != rows->len)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr (LiaisonConflictItem) item = g_list_model_get_item (G_LIST_MODEL (f->model), i);

      if (liaison_conflict_item_get_id (item)
          != ((LiaisonStoreConflict *) g_ptr_array_index (rows, i))->id)
        return FALSE;
    }
  return TRUE;
}

static void
on_resolved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_changes_while_loading (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonConflictItem) answered = NULL;
  g_autoptr (LiaisonConflictItem) closed = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  LiaisonStoreStep *step;

  /* The small pages come a frame apart: a few of them. */
  WAIT_UNTIL (n_items (f) >= 25);
  g_assert_true (liaison_conflict_list_get_loading (f->model));
  answered = g_list_model_get_item (G_LIST_MODEL (f->model), 3);
  closed = g_list_model_get_item (G_LIST_MODEL (f->model), 10);

  /* An answer while the list reads: the list reads again from the start. */
  liaison_conflict_list_resolve_async (f->model, answered, "lsq", NULL, NULL, on_resolved, &result);
  WAIT_UNTIL (result != NULL);
  g_assert_true (liaison_conflict_list_resolve_finish (f->model, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (f), <, N_CONFLICTS);

  /* A sync while it reads: one conflict closes, a new one opens among those read already (a
   * phone number), another among those not read yet, and it announces its end. */
  step = liaison_store_step_new (f->lsq, f->ghl, 0);
  {
    LiaisonStoreConflict *gone = g_new0 (LiaisonStoreConflict, 1);

    gone->id = liaison_conflict_item_get_id (closed);
    gone->resolution = g_strdup ("dismissed");
    g_ptr_array_add (step->conflicts_closed, gone);
  }
  g_ptr_array_add (step->conflicts, field_conflict (2, "phone", FIRST_SEEN + 25));
  g_ptr_array_add (step->conflicts, field_conflict (250, "phone", FIRST_SEEN + 2505));
  step->notify = TRUE;
  apply (f, step);

  /* The list ends as the store is, each conflict once, and never held one twice. */
  rows = whole_read (f);
  g_assert_cmpuint (rows->len, ==, N_CONFLICTS + 1);
  WAIT_UNTIL (!liaison_conflict_list_get_loading (f->model) && same_as_store (f, rows));
  g_assert_cmpuint (f->n_duplicates, ==, 0);
  g_assert_cmpuint (f->n_out_of_order, ==, 0);
  g_assert_cmpstr (liaison_conflict_item_get_resolution (answered), ==, "lsq");
  g_assert_null (liaison_conflict_list_find (f->model, liaison_conflict_item_get_id (closed)));
  WAIT_UNTIL (liaison_conflict_list_get_n_open (f->model) == N_CONFLICTS);
  g_assert_cmpuint (liaison_conflict_list_get_n_answered (f->model), ==, 1);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
#define ADD(path, func) g_test_add (path, Fixture, NULL, set_up, func, tear_down)
  ADD ("/conflicts-paging/load", test_load);
  ADD ("/conflicts-paging/select-all", test_select_all);
  ADD ("/conflicts-paging/changes-while-loading", test_changes_while_loading);
  return g_test_run ();
}
