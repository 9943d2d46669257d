/* test-history-page.c: the History page on the runs of real syncs against the in-process
 * sandbox: runs newest first with their counts, a run's changes with before and after, the
 * filters and search, the honest empty states, and the charts with data and without (their
 * days at fixed instants, in any time zone).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <string.h>

#include "liaison-history-chart.h"
#include "liaison-history-page.h"
#include "liaison-history-requests.h"
#include "liaison-store-history.h"
#include "store-test-util.h"
#include "sync-test-util.h"
#include "ui-test-util.h"

static const SyncFixtureOptions small = { 5, 40, NULL, 0, FALSE };
/* A first sync whose creates stay within the mass-delete guard. */
static const SyncFixtureOptions few = { .seed = 5, .contacts = 7 };

typedef struct
{
  SyncFixture sync;
  GtkWindow *window;
  LiaisonHistoryPage *page;
} Fixture;

static gpointer
child (Fixture *f, const char *name)
{
  return ui_test_child (f->page, LIAISON_TYPE_HISTORY_PAGE, name);
}

static void
wait_idle (Fixture *f)
{
  ui_test_wait_idle (f->page);
}

static LiaisonSyncResult *
run_ok (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  LiaisonSyncResult *result = sync_run (&f->sync, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static void
set_up (Fixture *f, gconstpointer data)
{
  sync_fixture_set_up (&f->sync, &small);
  /* The run with the edit carries only that, no first reads of tasks and notes. */
  sync_first_reads_unpaced (&f->sync);
  f->page = g_object_ref_sink (g_object_new (LIAISON_TYPE_HISTORY_PAGE, NULL));
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1000, 680);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
}

static void
set_up_few (Fixture *f, gconstpointer data)
{
  sync_fixture_set_up (&f->sync, &few);
  sync_first_reads_unpaced (&f->sync);
  f->page = g_object_ref_sink (g_object_new (LIAISON_TYPE_HISTORY_PAGE, NULL));
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1000, 680);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->window, gtk_window_destroy);
  g_clear_object (&f->page);
  ui_test_spin (30);
  sync_fixture_tear_down (&f->sync);
}

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (list)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

static AdwActionRow *
row_at (GtkListBox *list, guint index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, (int) index);

  g_assert_nonnull (row);
  return ADW_ACTION_ROW (row);
}

static const char *
title_of (AdwActionRow *row)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

/* The first operation row whose title is title, or NULL. */
static AdwActionRow *
find_operation (Fixture *f, const char *title)
{
  GtkListBox *list = child (f, "operations_list");

  for (guint i = 0; i < n_rows (list); i++)
    if (g_strcmp0 (title_of (row_at (list, i)), title) == 0)
      return row_at (list, i);
  return NULL;
}

/* Exports through the page, as its Export button does with the file chosen; the rows of the CSV
 * written, its header first. */
static GPtrArray *
export_rows (Fixture *f, const char *name)
{
  g_autofree char *path = g_build_filename (f->sync.dir, name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *rows;

  liaison_history_page_export_to (f->page, file);
  g_assert_false (gtk_widget_is_sensitive (child (f, "export_button")));
  wait_idle (f);
  g_assert_true (gtk_widget_is_sensitive (child (f, "export_button")));
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  rows = liaison_csv_parse (text, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  g_assert_cmpuint (rows->len, >=, 1);
  return rows;
}

static void
test_runs_and_changes (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonSyncResult) first = run_ok (f);
  g_autoptr (LiaisonSyncResult) carried = NULL;
  g_autoptr (JsonNode) edit = NULL;
  g_autofree char *lsq_id = NULL;
  g_autofree char *ghl_id = NULL;
  g_autofree char *path = NULL;
  GtkListBox *runs = child (f, "runs_list");
  GtkListBox *operations = child (f, "operations_list");
  AdwActionRow *row;
  guint n_all;

  /* Before any store: the honest empty state. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "state_stack")), ==, "empty");

  sync_until_quiet (&f->sync, 3);
  sync_first_link (&f->sync, &lsq_id, &ghl_id);
  path = g_strdup_printf ("/_sandbox/ghl/contacts/%s", ghl_id);
  edit = sync_control (&f->sync, LIAISON_SERVICE_GHL, "PATCH", path, "{\"city\": \"Pune\"}");
  carried = run_ok (f);
  g_assert_cmpuint (carried->n_updated, ==, 1);

  liaison_history_page_set_store (f->page, f->sync.store);
  wait_idle (f);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "state_stack")), ==, "history");
  /* "All Runs", then the runs newest first: the one that carried the city is on top. */
  g_assert_cmpuint (n_rows (runs), >=, 3);
  g_assert_cmpstr (title_of (row_at (runs, 0)), ==, "All Runs");
  g_assert_true (gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (row_at (runs, 0))));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row_at (runs, 1)), "1 updated"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row_at (runs, 1)), "Sync Now"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row_at (runs, 1)), "Succeeded"));
  g_assert_cmpstr (gtk_label_get_text (child (f, "run_title")), ==, "All Runs");
  n_all = n_rows (operations);
  g_assert_cmpuint (n_all, >, 1);

  /* The run that carried the edit: its changes (the city, and what it skipped), before and
   * after, and why. */
  g_signal_emit_by_name (runs, "row-activated", row_at (runs, 1));
  wait_idle (f);
  g_assert_cmpuint (n_rows (operations), ==,
                    carried->plan ? liaison_sync_plan_get_items (carried->plan)->len : 0);
  row = find_operation (f, "Updated city in LeadSquared");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "→ “Pune”"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "Carried from HighLevel"));
  g_assert_nonnull (strstr (gtk_label_get_text (child (f, "run_summary")), "1 updated"));

  /* Every run again, searched and filtered. */
  g_signal_emit_by_name (runs, "row-activated", row_at (runs, 0));
  wait_idle (f);
  g_assert_cmpuint (n_rows (operations), ==, n_all);
  gtk_editable_set_text (GTK_EDITABLE (child (f, "search_entry")), "pune");
  ui_test_spin (300);
  wait_idle (f);
  g_assert_cmpuint (n_rows (operations), ==, 1);
  /* The export writes what the list shows: every run's changes, searched. */
  {
    g_autoptr (GPtrArray) rows = export_rows (f, "searched.csv");
    char **header = g_ptr_array_index (rows, 0);
    char **city = NULL;

    g_assert_cmpuint (rows->len, ==, 1 + 1);
    city = g_ptr_array_index (rows, 1);
    g_assert_cmpstr (header[7], ==, "field");
    g_assert_cmpstr (header[9], ==, "after");
    g_assert_cmpstr (city[7], ==, "city");
    g_assert_nonnull (strstr (city[9], "Pune"));
  }
  gtk_editable_set_text (GTK_EDITABLE (child (f, "search_entry")), "");
  ui_test_spin (300);
  wait_idle (f);
  gtk_drop_down_set_selected (child (f, "kind_dropdown"), 4); /* Linked */
  wait_idle (f);
  g_assert_cmpuint (n_rows (operations), ==, first->n_linked);
  g_assert_nonnull (find_operation (f, "Linked in LeadSquared"));
  {
    g_autoptr (GPtrArray) rows = export_rows (f, "linked.csv");

    g_assert_cmpuint (rows->len, ==, 1 + first->n_linked);
  }
  gtk_drop_down_set_selected (child (f, "kind_dropdown"), 0);
  wait_idle (f);

  /* One field, then one contact, from a change's menu; the chip takes the filter away. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "history.only-field", "s", "city");
  wait_idle (f);
  g_assert_cmpuint (n_rows (operations), ==, 1);
  g_assert_true (gtk_widget_get_visible (child (f, "field_chip")));
  g_assert_cmpstr (adw_button_content_get_label (child (f, "field_chip_content")), ==,
                   "Field city");
  g_signal_emit_by_name (child (f, "field_chip"), "clicked");
  wait_idle (f);
  g_assert_false (gtk_widget_get_visible (child (f, "field_chip")));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "history.only-contact", "s", ghl_id);
  wait_idle (f);
  g_assert_cmpuint (n_rows (operations), >=, 2); /* its link, and the city */
  g_assert_nonnull (find_operation (f, "Updated city in LeadSquared"));
  g_signal_emit_by_name (child (f, "contact_chip"), "clicked");
  wait_idle (f);

  /* A search that matches nothing says so. */
  gtk_editable_set_text (GTK_EDITABLE (child (f, "search_entry")), "no such text anywhere");
  ui_test_spin (300);
  wait_idle (f);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "operations_stack")), ==, "none");
  g_assert_cmpstr (adw_status_page_get_title (child (f, "none_status")), ==, "No Matching Changes");

  /* The charts count today's changes and errors; their summary is the accessible label. */
  {
    LiaisonHistoryChart *changes = child (f, "changes_chart");
    LiaisonHistoryChart *errors = child (f, "errors_chart");
    guint n = first->n_created + first->n_updated + first->n_deleted + carried->n_updated;
    g_autofree char *expected = NULL;

    expected = g_strdup_printf ("Changes per day, last 14 days: %u in all", n);
    g_test_message ("%s", liaison_history_chart_get_summary (changes));
    g_assert_true (g_str_has_prefix (liaison_history_chart_get_summary (changes), expected));
    g_assert_cmpstr (liaison_history_chart_get_summary (errors), ==,
                     "No errors in the last 14 days");
  }

  /* The requests chart counts what the runs' rows say they sent: the run that carried the city
   * wrote to LeadSquared. */
  {
    LiaisonHistoryRequestsChart *requests = child (f, "requests_chart");
    const char *summary = liaison_history_requests_chart_get_summary (requests);

    g_test_message ("%s", summary);
    g_assert_true (g_str_has_prefix (summary, "API requests of the last "));
    g_assert_nonnull (strstr (summary, "of its 10000 a day"));
    g_assert_cmpuint (carried->lsq_calls, >, 0);
  }
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* The first row of the dialog's list whose title is title, or NULL. */
static AdwActionRow *
find_dialog_row (AdwMessageDialog *dialog, const char *title)
{
  GtkWidget *scrolled = adw_message_dialog_get_extra_child (dialog);
  GtkWidget *list
      = scrolled ? gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)) : NULL;

  if (GTK_IS_VIEWPORT (list))
    list = gtk_viewport_get_child (GTK_VIEWPORT (list));
  g_assert_true (GTK_IS_LIST_BOX (list));
  for (guint i = 0; i < n_rows (GTK_LIST_BOX (list)); i++)
    if (g_strcmp0 (title_of (row_at (GTK_LIST_BOX (list), i)), title) == 0)
      return row_at (GTK_LIST_BOX (list), i);
  return NULL;
}

/* "Undo Run…" on the run that carried an edit: the dialog shows the dry run's plan (the city
 * goes back on both sides, the postal code changed since is left alone), and its Undo runs the
 * undo through the engine: the city from before the run is back in both services, the later
 * postal code stays, and the undo is the newest run of the list. */
static void
test_undo (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonSyncResult) first = run_ok (f);
  g_autoptr (LiaisonSyncResult) carried = NULL;
  g_autoptr (JsonNode) edit = NULL;
  g_autoptr (JsonNode) later = NULL;
  g_autoptr (JsonObject) contact = NULL;
  g_autoptr (JsonObject) lead = NULL;
  g_autofree char *lsq_id = NULL;
  g_autofree char *ghl_id = NULL;
  g_autofree char *gpath = NULL;
  g_autofree char *lpath = NULL;
  g_autofree char *city = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *back = NULL;
  GtkListBox *runs = child (f, "runs_list");
  AdwMessageDialog *dialog;
  AdwActionRow *row;

  sync_until_quiet (&f->sync, 3);
  sync_first_link (&f->sync, &lsq_id, &ghl_id);
  gpath = g_strdup_printf ("/_sandbox/ghl/contacts/%s", ghl_id);
  lpath = g_strdup_printf ("/_sandbox/lsq/leads/%s", lsq_id);
  contact = sync_record (&f->sync, LIAISON_SERVICE_GHL, ghl_id);
  city = g_strdup (json_object_get_string_member_with_default (contact, "city", NULL));
  g_assert_cmpstr (city, !=, "Pune");
  g_clear_pointer (&contact, json_object_unref);
  edit = sync_control (&f->sync, LIAISON_SERVICE_GHL, "PATCH", gpath,
                       "{\"city\": \"Pune\", \"postalCode\": \"411001\"}");
  carried = run_ok (f);
  g_assert_cmpuint (carried->n_updated, ==, 1);
  later = sync_control (&f->sync, LIAISON_SERVICE_LSQ, "PATCH", lpath, "{\"mx_Zip\": \"411002\"}");

  liaison_history_page_set_store (f->page, f->sync.store);
  wait_idle (f);
  /* "All Runs" has nothing to undo; the run has, once there is an engine. */
  g_assert_false (gtk_widget_get_visible (child (f, "undo_button")));
  g_signal_emit_by_name (runs, "row-activated", row_at (runs, 1));
  wait_idle (f);
  g_assert_true (gtk_widget_get_visible (child (f, "undo_button")));
  g_assert_false (gtk_widget_is_sensitive (child (f, "undo_button")));
  liaison_history_page_set_engine (f->page, f->sync.engine);
  g_assert_true (gtk_widget_is_sensitive (child (f, "undo_button")));

  gtk_widget_activate_action (GTK_WIDGET (f->page), "history.undo-run", NULL);
  g_assert_false (gtk_widget_is_sensitive (child (f, "undo_button")));
  wait_idle (f);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  heading = g_strdup_printf ("Undo Run %" G_GINT64_FORMAT "?", carried->run_id);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "2 values go back"));
  back = g_strdup_printf ("“Pune” → “%s” · %s", city, lsq_id);
  row = find_dialog_row (dialog, "city in LeadSquared");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, back);
  g_assert_nonnull (find_dialog_row (dialog, "city in HighLevel"));
  row = find_dialog_row (dialog, "postalCode left alone");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "411002"));
  /* The dry run wrote nothing: the city is still the edit's. */
  lead = sync_record (&f->sync, LIAISON_SERVICE_LSQ, lsq_id);
  g_assert_cmpstr (json_object_get_string_member (lead, "mx_City"), ==, "Pune");
  g_clear_pointer (&lead, json_object_unref);

  /* What the Undo button does: the response, then the dialog closes. */
  adw_message_dialog_response (dialog, "undo");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_false (gtk_widget_is_sensitive (child (f, "undo_button")));
  wait_idle (f);
  g_assert_null (find_dialog ());
  lead = sync_record (&f->sync, LIAISON_SERVICE_LSQ, lsq_id);
  contact = sync_record (&f->sync, LIAISON_SERVICE_GHL, ghl_id);
  g_assert_cmpstr (json_object_get_string_member_with_default (lead, "mx_City", NULL), ==, city);
  g_assert_cmpstr (json_object_get_string_member_with_default (contact, "city", NULL), ==, city);
  g_assert_cmpstr (json_object_get_string_member (lead, "mx_Zip"), ==, "411002");
  /* The undo on top, then its dry run; "Undo Run…" is on again. */
  g_assert_true (g_str_has_prefix (title_of (row_at (runs, 1)), "Undo, "));
  g_assert_true (g_str_has_prefix (title_of (row_at (runs, 2)), "Dry run, "));
  g_assert_true (gtk_widget_is_sensitive (child (f, "undo_button")));
  g_assert_cmpuint (first->n_linked, >, 0);
}

/* With LIAISON_HISTORY_SHOTS=DIR, saves the dialog light and dark as DIR/NAME.png and
 * NAME-dark.png, to be looked at. */
static void
shoot_dialog (AdwMessageDialog *dialog, const char *name)
{
  const char *dir = g_getenv ("LIAISON_HISTORY_SHOTS");
  AdwStyleManager *style = adw_style_manager_get_default ();

  if (dir == NULL || *dir == '\0')
    return;
  for (guint dark = 0; dark < 2; dark++)
    {
      g_autofree char *file = g_strconcat (name, dark ? "-dark" : "", ".png", NULL);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (dialog));
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      g_autoptr (GskRenderNode) node = NULL;
      g_autoptr (GdkTexture) texture = NULL;
      int width, height;

      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                      : ADW_COLOR_SCHEME_FORCE_LIGHT);
      ui_test_spin (400);
      width = gtk_widget_get_width (GTK_WIDGET (dialog));
      height = gtk_widget_get_height (GTK_WIDGET (dialog));
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (dialog)), node,
                                             &GRAPHENE_RECT_INIT (0, 0, width, height));
      g_assert_true (gdk_texture_save_to_png (texture, path));
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

/* "Undo Run…" on a first sync that created copies both ways. Deletes off: the dialog lists each
 * create left alone with the reason. Deletes on: it lists each copy it deletes, and its Undo
 * deletes them; the toast says how many. */
static void
test_undo_creates (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonSyncResult) first = run_ok (f);
  GtkListBox *runs = child (f, "runs_list");
  AdwMessageDialog *dialog;
  AdwActionRow *row;
  g_autofree char *copies = NULL;
  g_autofree char *ghl_copy = NULL;
  g_autofree char *copy_path = NULL;
  g_autoptr (JsonNode) edit = NULL;
  guint n_created = 0;
  gboolean kept_row = FALSE;

  /* The contacts it created, besides the tasks, notes and appointments it made. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) ops
        = liaison_store_list_operations (f->sync.store, first->run_id, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < ops->len; i++)
      {
        LiaisonStoreOperation *op = g_ptr_array_index (ops, i);

        if (op->action != LIAISON_OPERATION_CREATE || op->kind != LIAISON_RECORD_CONTACT
            || op->status != LIAISON_OPERATION_APPLIED)
          continue;
        n_created++;
        if (op->service == LIAISON_SERVICE_GHL && ghl_copy == NULL)
          ghl_copy = g_strdup (op->ghl_id);
      }
  }
  g_assert_cmpuint (n_created, >, 0);
  g_assert_cmpuint (n_created, <, first->n_created);
  sync_until_quiet (&f->sync, 3);
  liaison_history_page_set_store (f->page, f->sync.store);
  liaison_history_page_set_engine (f->page, f->sync.engine);
  wait_idle (f);
  /* The first run is the last row: rows are newest first after "All Runs". */
  g_signal_emit_by_name (runs, "row-activated", row_at (runs, n_rows (runs) - 1));
  wait_idle (f);

  gtk_widget_activate_action (GTK_WIDGET (f->page), "history.undo-run", NULL);
  wait_idle (f);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  row = find_dialog_row (dialog, "Record left alone");
  g_assert_nonnull (row);
  g_assert_nonnull (
      strstr (adw_action_row_get_subtitle (row), "deletes are off; enable them to undo creates"));
  g_assert_null (find_dialog_row (dialog, "Copy in HighLevel deleted"));
  /* The tasks, notes and appointments it created are named for what they are, left alone as
   * deletes are off (or, for a LeadSquared note, as LeadSquared deletes no note). */
  {
    static const char *const kept[]
        = { "Task in LeadSquared left alone",        "Task in HighLevel left alone",
            "Note in LeadSquared left alone",        "Note in HighLevel left alone",
            "Appointment in LeadSquared left alone", "Appointment in HighLevel left alone" };

    for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
      if ((row = find_dialog_row (dialog, kept[i])) != NULL)
        {
          const char *why = adw_action_row_get_subtitle (row);

          g_assert_true (strstr (why, "deletes are off; enable them to undo creates") != NULL
                         || strstr (why, "no call that deletes a note") != NULL);
          kept_row = TRUE;
        }
    g_assert_true (kept_row);
  }
  shoot_dialog (dialog, "undo-creates-deletes-off");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
  wait_idle (f);

  /* A person edits one HighLevel copy: the undo leaves it (and its original) alone. */
  g_assert_nonnull (ghl_copy);
  copy_path = g_strdup_printf ("/_sandbox/ghl/contacts/%s", ghl_copy);
  edit = sync_control (&f->sync, LIAISON_SERVICE_GHL, "PATCH", copy_path, "{\"city\": \"Pune\"}");
  sync_set_deletes (&f->sync, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "history.undo-run", NULL);
  wait_idle (f);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  row = find_dialog_row (dialog, "Contact in HighLevel changed since, left alone");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), ghl_copy));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "“city” now holds \"Pune\""));
  g_assert_nonnull (find_dialog_row (dialog, "Copy in LeadSquared deleted"));
  /* The tasks, notes and appointments it made go too, named for what they are. */
  g_assert_true (find_dialog_row (dialog, "Task copy in HighLevel deleted") != NULL
                 || find_dialog_row (dialog, "Task copy in LeadSquared deleted") != NULL
                 || find_dialog_row (dialog, "Note copy in HighLevel deleted") != NULL
                 || find_dialog_row (dialog, "Appointment copy in HighLevel deleted") != NULL
                 || find_dialog_row (dialog, "Appointment copy in LeadSquared deleted") != NULL);
  g_assert_true (
      strstr (adw_message_dialog_get_body (dialog), "tasks, notes and appointments the run created")
          != NULL
      || strstr (adw_message_dialog_get_body (dialog), "task, note or appointment the run created")
             != NULL);
  n_created--;
  copies = g_strdup_printf (n_created == 1 ? "%u contact the run created as a copy is deleted"
                                           : "%u contacts the run created as copies are deleted",
                            n_created);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), copies));
  shoot_dialog (dialog, "undo-creates");
  adw_message_dialog_response (dialog, "undo");
  gtk_window_close (GTK_WINDOW (dialog));
  wait_idle (f);
  g_assert_true (g_str_has_prefix (title_of (row_at (runs, 1)), "Undo, "));
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) not_copied = liaison_store_list_not_copied (f->sync.store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (not_copied->len, ==, n_created);
  }
}

/* The window closes while the undo is planned: the plan finishes, no dialog opens for a page
 * nobody sees, and the page goes once the engine lets go of it, without a warning. */
static void
test_undo_page_gone (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonSyncResult) first = run_ok (f);
  GtkListBox *runs = child (f, "runs_list");
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  gpointer page = f->page;

  liaison_history_page_set_store (f->page, f->sync.store);
  liaison_history_page_set_engine (f->page, f->sync.engine);
  wait_idle (f);
  g_signal_emit_by_name (runs, "row-activated", row_at (runs, 1));
  wait_idle (f);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "history.undo-run", NULL);
  g_assert_true (liaison_history_page_get_busy (f->page));
  g_object_add_weak_pointer (G_OBJECT (page), &page);
  g_clear_pointer (&f->window, gtk_window_destroy);
  g_clear_object (&f->page);
  while (page != NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_null (find_dialog ());
  g_assert_cmpuint (first->n_linked, >, 0);
}

/* No runs in the store: the empty state, not an empty list. */
static void
test_no_runs (Fixture *f, gconstpointer data)
{
  liaison_history_page_set_store (f->page, f->sync.store);
  wait_idle (f);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "state_stack")), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (child (f, "empty_status")), ==, "No Sync Runs Yet");
}

static LiaisonStoreRun *
fixed_run (int day, guint created, guint updated, guint failed)
{
  g_autoptr (GDateTime) noon = g_date_time_new_local (2026, 12, day, 12, 0, 0);
  LiaisonStoreRun *run = g_new0 (LiaisonStoreRun, 1);

  run->started_at = g_date_time_to_unix (noon) * 1000;
  run->n_created = created;
  run->n_updated = updated;
  run->n_failed = failed;
  return run;
}

static guint
count_nodes (GskRenderNode *node, GskRenderNodeType type)
{
  guint n = gsk_render_node_get_node_type (node) == type;

  switch (gsk_render_node_get_node_type (node))
    {
      case GSK_CONTAINER_NODE:
        for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
          n += count_nodes (gsk_container_node_get_child (node, i), type);
        break;
      case GSK_TRANSFORM_NODE:
        n += count_nodes (gsk_transform_node_get_child (node), type);
        break;
      default:
        break;
    }
  return n;
}

static guint
drawn_nodes (GtkWidget *chart, GskRenderNodeType type)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;

  GTK_WIDGET_GET_CLASS (chart)->snapshot (chart, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return count_nodes (node, type);
}

/* Days at fixed instants (local noons, so any time zone gives the same days); the chart with
 * data draws a bar per kind and day, without data only its axes, and says so. */
static void
test_chart (void)
{
  g_autoptr (GPtrArray) runs
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_run_free);
  g_autoptr (GDateTime) now = g_date_time_new_local (2026, 12, 3, 18, 0, 0);
  g_autoptr (GArray) days = NULL;
  g_autoptr (GArray) none = NULL;
  g_autoptr (GDateTime) first_day = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *changes = liaison_history_chart_new (FALSE);
  GtkWidget *errors = liaison_history_chart_new (TRUE);
  g_autofree char *tooltip = NULL;
  guint with_data, without;

  g_ptr_array_add (runs, fixed_run (1, 2, 3, 0));
  g_ptr_array_add (runs, fixed_run (1, 0, 1, 1));
  g_ptr_array_add (runs, fixed_run (3, 0, 4, 2));
  g_ptr_array_add (runs, fixed_run (1, 0, 0, 0));
  ((LiaisonStoreRun *) g_ptr_array_index (runs, 3))->dry_run = TRUE;
  ((LiaisonStoreRun *) g_ptr_array_index (runs, 3))->n_created = 50;
  days = liaison_history_days_from_runs (runs, g_date_time_to_unix (now) * 1000, 14);
  g_assert_cmpuint (days->len, ==, 14);
  first_day = g_date_time_new_local (2026, 11, 20, 0, 0, 0);
  g_assert_cmpint (g_array_index (days, LiaisonHistoryDay, 0).day_ms, ==,
                   g_date_time_to_unix (first_day) * 1000);
  g_assert_cmpuint (g_array_index (days, LiaisonHistoryDay, 11).created, ==, 2); /* 1 Dec */
  g_assert_cmpuint (g_array_index (days, LiaisonHistoryDay, 11).updated, ==, 4);
  g_assert_cmpuint (g_array_index (days, LiaisonHistoryDay, 11).failed, ==, 1);
  g_assert_cmpuint (g_array_index (days, LiaisonHistoryDay, 12).updated, ==, 0);
  g_assert_cmpuint (g_array_index (days, LiaisonHistoryDay, 13).updated, ==, 4); /* 3 Dec */

  gtk_box_append (GTK_BOX (box), changes);
  gtk_box_append (GTK_BOX (box), errors);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 300);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_spin (200);

  g_assert_cmpstr (liaison_history_chart_get_summary (LIAISON_HISTORY_CHART (changes)), ==,
                   "No changes to chart yet");
  none = liaison_history_days_from_runs (NULL, g_date_time_to_unix (now) * 1000, 14);
  liaison_history_chart_set_days (LIAISON_HISTORY_CHART (changes), none);
  g_assert_cmpstr (liaison_history_chart_get_summary (LIAISON_HISTORY_CHART (changes)), ==,
                   "No changes in the last 14 days");
  without = drawn_nodes (changes, GSK_COLOR_NODE);
  /* The axis (0), the first, middle and last day, the legend and the sentence of no data. */
  g_assert_cmpuint (drawn_nodes (changes, GSK_TEXT_NODE), ==, 1 + 3 + 3 + 1);
  liaison_history_chart_set_days (LIAISON_HISTORY_CHART (errors), none);
  g_assert_cmpuint (drawn_nodes (errors, GSK_TEXT_NODE), ==, 1 + 3 + 1);

  liaison_history_chart_set_days (LIAISON_HISTORY_CHART (changes), days);
  liaison_history_chart_set_days (LIAISON_HISTORY_CHART (errors), days);
  g_assert_cmpstr (liaison_history_chart_get_summary (LIAISON_HISTORY_CHART (changes)), ==,
                   "Changes per day, last 14 days: 10 in all, most on 1 Dec (6)");
  g_assert_cmpstr (liaison_history_chart_get_summary (LIAISON_HISTORY_CHART (errors)), ==,
                   "Errors per day, last 14 days: 3 in all, most on 3 Dec (2)");
  with_data = drawn_nodes (changes, GSK_COLOR_NODE);
  g_assert_cmpuint (drawn_nodes (changes, GSK_TEXT_NODE), ==, 1 + 3 + 3);
  /* The line of the largest value, and three segments: created and updated on 1 Dec, updated on
   * 3 Dec. */
  g_assert_cmpuint (with_data, ==, without + 4);
  /* The last bar's tooltip. */
  tooltip = liaison_history_chart_dup_tooltip_at (LIAISON_HISTORY_CHART (changes),
                                                  gtk_widget_get_width (changes) - 4);
  g_assert_cmpstr (tooltip, ==, "3 Dec: 0 created, 4 updated, 0 deleted");
  gtk_window_destroy (GTK_WINDOW (window));
}

static LiaisonStoreRun *
requests_run (gint64 id, int hour, guint lsq, guint ghl)
{
  g_autoptr (GDateTime) at = g_date_time_new_local (2026, 12, 3, hour, 5, 0);
  LiaisonStoreRun *run = g_new0 (LiaisonStoreRun, 1);

  run->id = id;
  run->started_at = g_date_time_to_unix (at) * 1000;
  run->lsq_requests = lsq;
  run->ghl_requests = ghl;
  return run;
}

/* The runs' requests against the daily quotas: the newest runs oldest first, dry runs left out;
 * a bar per service and run with data, only the axes and a sentence without, a tooltip per run,
 * a summary that names the quotas. Fixed local instants: the same in any time zone. */
static void
test_requests_chart (void)
{
  g_autoptr (GPtrArray) runs
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_run_free);
  g_autoptr (GArray) requests = NULL;
  g_autoptr (GArray) quiet = NULL;
  g_autoptr (GArray) none = g_array_new (FALSE, TRUE, sizeof (LiaisonHistoryRequests));
  GtkWidget *window = gtk_window_new ();
  GtkWidget *chart = liaison_history_requests_chart_new ();
  LiaisonHistoryRequestsChart *c = LIAISON_HISTORY_REQUESTS_CHART (chart);
  g_autofree char *tooltip = NULL;
  g_autofree char *tiny = liaison_history_format_share (0.00001);
  g_autofree char *half = liaison_history_format_share (0.005);
  g_autofree char *most = liaison_history_format_share (0.25);
  guint without;

  g_assert_cmpstr (tiny, ==, "< 0.01 %");
  g_assert_cmpstr (half, ==, "0.50 %");
  g_assert_cmpstr (most, ==, "25 %");
  g_ptr_array_add (runs, requests_run (7, 11, 0, 0));
  g_ptr_array_add (runs, requests_run (5, 9, 40, 10));
  g_ptr_array_add (runs, requests_run (9, 12, 1000, 2000));
  g_ptr_array_add (runs, requests_run (8, 11, 500, 0));
  ((LiaisonStoreRun *) g_ptr_array_index (runs, 3))->dry_run = TRUE;
  g_ptr_array_add (runs, requests_run (6, 10, 12, 3));
  requests = liaison_history_requests_from_runs (runs, 3);
  g_assert_cmpuint (requests->len, ==, 3);
  g_assert_cmpint (g_array_index (requests, LiaisonHistoryRequests, 0).run_id, ==, 6);
  g_assert_cmpint (g_array_index (requests, LiaisonHistoryRequests, 1).run_id, ==, 7);
  g_assert_cmpint (g_array_index (requests, LiaisonHistoryRequests, 2).run_id, ==, 9);
  g_assert_cmpuint (g_array_index (requests, LiaisonHistoryRequests, 2).ghl, ==, 2000);

  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 150);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_spin (200);

  g_assert_cmpstr (liaison_history_requests_chart_get_summary (c), ==,
                   "No API requests to chart yet");
  liaison_history_requests_chart_set_runs (c, none);
  g_assert_cmpstr (liaison_history_requests_chart_get_summary (c), ==,
                   "No API requests to chart yet");
  without = drawn_nodes (chart, GSK_COLOR_NODE);
  /* The axis (0 %), the legend and the sentence of no data. */
  g_assert_cmpuint (drawn_nodes (chart, GSK_TEXT_NODE), ==, 1 + 2 + 1);
  g_assert_null (liaison_history_requests_chart_dup_tooltip_at (c, 150));

  quiet = liaison_history_requests_from_runs (runs, 1);
  g_array_index (quiet, LiaisonHistoryRequests, 0).lsq = 0;
  g_array_index (quiet, LiaisonHistoryRequests, 0).ghl = 0;
  liaison_history_requests_chart_set_runs (c, quiet);
  g_assert_cmpstr (liaison_history_requests_chart_get_summary (c), ==,
                   "The last run sent no API requests");

  liaison_history_requests_chart_set_runs (c, requests);
  g_assert_cmpstr (liaison_history_requests_chart_get_summary (c), ==,
                   "API requests of the last 3 runs: at most 1000 to LeadSquared (10 % of its "
                   "10000 a day) and 2000 to HighLevel (1.0 % of its 200000 a day)");
  /* The top line, and five bars: run 6's two, none for run 7, run 9's two... */
  g_assert_cmpuint (drawn_nodes (chart, GSK_COLOR_NODE), ==, without + 1 + 4);
  /* ... its axis (10 %), the legend, and the first, middle and last run's time. */
  g_assert_cmpuint (drawn_nodes (chart, GSK_TEXT_NODE), ==, 1 + 2 + 3);
  tooltip = liaison_history_requests_chart_dup_tooltip_at (c, gtk_widget_get_width (chart) - 4);
  g_assert_cmpstr (tooltip, ==,
                   "Run 9, 3 Dec 12:05\n"
                   "LeadSquared: 1000 requests, 10 % of 10000 a day\n"
                   "HighLevel: 2000 requests, 1.0 % of 200000 a day");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/history-page/chart", test_chart);
  g_test_add_func ("/history-page/requests-chart", test_requests_chart);
  g_test_add ("/history-page/no-runs", Fixture, NULL, set_up, test_no_runs, tear_down);
  g_test_add ("/history-page/undo", Fixture, NULL, set_up, test_undo, tear_down);
  g_test_add ("/history-page/undo-creates", Fixture, NULL, set_up_few, test_undo_creates,
              tear_down);
  g_test_add ("/history-page/undo-page-gone", Fixture, NULL, set_up, test_undo_page_gone,
              tear_down);
  g_test_add ("/history-page/runs-and-changes", Fixture, NULL, set_up, test_runs_and_changes,
              tear_down);
  return g_test_run ();
}
