/* test-conflicts-page.c: a conflict made by a real sync against the in-process sandbox (both
 * services change a contact's city) shows on the Conflicts page with each side's value and the
 * value before; a person keeps HighLevel's, or types a third value, and the next sync writes the
 * choice to both services, after which the page is empty again.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <string.h>

#include "conflicts-test-util.h"
#include "liaison-lazy-widgets.h"
#include "liaison-window-private.h"

/* Clicks the button of choice on every open field conflict. */
static void
answer_all (Fixture *f, const char *choice)
{
  g_autoptr (GPtrArray) rows = list_rows (f);

  for (guint i = 0; i < rows->len; i++)
    {
      LiaisonConflictItem *item = liaison_conflict_row_get_item (g_ptr_array_index (rows, i));

      if (liaison_conflict_item_get_kind (item) == LIAISON_CONFLICT_FIELD
          && liaison_conflict_item_get_resolution (item) == NULL)
        g_signal_emit_by_name (find_named (g_ptr_array_index (rows, i), choice), "clicked");
    }
}

/* Keep HighLevel's: the row says so at once, and the next sync writes it to LeadSquared. */
static void
test_keep_highlevel (Fixture *f, gconstpointer data)
{
  LiaisonConflictList *model;
  LiaisonConflictRow *row;
  GtkWidget *button;
  g_autofree char *before = NULL;

  /* The seed makes conflicts of its own: answer them, sync, and the page is empty. */
  liaison_conflicts_page_set_store (f->page, f->sync.store);
  model = liaison_conflicts_page_get_model (f->page);
  WAIT_UNTIL (liaison_conflict_list_get_loaded (model));
  answer_all (f, "lsq");
  WAIT_UNTIL (liaison_conflict_list_get_n_open (model) == 0);
  run_ok (f);
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (model)) == 0);
  g_assert_cmpstr (visible_page (f), ==, "empty");
  g_assert_nonnull (strstr (adw_status_page_get_description (template_child (f, "empty_page")),
                            "Nothing waits for your answer"));

  before = g_strdup (lead_city (f));
  make_conflict (f, "Mumbai", "Chennai");
  /* The page reads the store again after the run, by itself. */
  WAIT_UNTIL ((row = find_row (f, "city")) != NULL);
  g_assert_cmpstr (visible_page (f), ==, "list");
  g_assert_cmpuint (liaison_conflict_list_get_n_open (model), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_assert_cmpstr (value_label (row, "LeadSquared"), ==, "Mumbai");
  g_assert_cmpstr (value_label (row, "HighLevel"), ==, "Chennai");
  g_assert_cmpstr (value_label (row, "Before"), ==, *before ? before : "(empty)");
  g_assert_nonnull (strstr (gtk_label_get_label (template_child (f, "summary_label")),
                            "1 field waits for your answer"));
  /* It fits a phone-sized window: the choices wrap rather than widen the page. */
  {
    int minimum = 0;

    gtk_widget_measure (GTK_WIDGET (f->page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL,
                        NULL);
    g_assert_cmpint (minimum, <=, 360);
  }

  button = find_named (GTK_WIDGET (row), "ghl");
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_get_visible (button));
  g_signal_emit_by_name (button, "clicked");
  WAIT_UNTIL (liaison_conflict_item_get_resolution (liaison_conflict_row_get_item (row)) != NULL);
  g_assert_cmpstr (liaison_conflict_item_get_resolution (liaison_conflict_row_get_item (row)), ==,
                   "ghl");
  /* The same row, updated in place, no longer offers the choices. */
  g_assert_true (find_row (f, "city") == row);
  g_assert_false (gtk_widget_is_visible (button));
  WAIT_UNTIL (strstr (gtk_label_get_label (template_child (f, "summary_label")),
                      "1 answer waits for the next sync")
              != NULL);
  /* Without a scheduler there is no Apply Now (the edit test has one). */
  g_assert_false (gtk_widget_get_visible (template_child (f, "apply_button")));
  /* Nothing has been written yet: that is the next sync's job. */
  g_assert_cmpstr (lead_city (f), ==, "Mumbai");

  run_ok (f);
  g_assert_cmpstr (lead_city (f), ==, "Chennai");
  g_assert_cmpstr (contact_city (f), ==, "Chennai");
  g_assert_cmpuint (open_conflicts_for_lead (f), ==, 0);
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (model)) == 0);
  g_assert_cmpstr (visible_page (f), ==, "empty");
}

static void
count_finished (LiaisonSyncScheduler *scheduler, const char *trigger, gboolean ok, guint *n)
{
  (*n)++;
}

/* Edit…: a third value, typed in the dialog, reaches both services. */
static void
test_edit_value (Fixture *f, gconstpointer data)
{
  LiaisonConflictList *model;
  LiaisonConflictRow *row;
  AdwMessageDialog *dialog = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();

  liaison_conflicts_page_set_store (f->page, f->sync.store);
  model = liaison_conflicts_page_get_model (f->page);
  make_conflict (f, "Pune", "Nagpur");
  WAIT_UNTIL ((row = find_row (f, "city")) != NULL);

  g_signal_emit_by_name (find_named (GTK_WIDGET (row), "edit"), "clicked");
  for (guint i = 0; dialog == NULL && i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);
      on_dialog_shown (window, &dialog);
    }
  g_assert_nonnull (dialog);
  g_assert_cmpstr (
      gtk_editable_get_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog))), ==,
      "Pune");
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), " Nashik ");
  adw_message_dialog_response (dialog, "use");
  WAIT_UNTIL (liaison_conflict_item_get_resolution (liaison_conflict_row_get_item (row)) != NULL);
  g_assert_cmpstr (liaison_conflict_item_get_resolution (liaison_conflict_row_get_item (row)), ==,
                   "edited");
  g_assert_cmpstr (liaison_conflict_item_get_resolved_value (liaison_conflict_row_get_item (row)),
                   ==, "\"Nashik\"");

  /* Apply Now syncs at once through the app's scheduler. */
  {
    g_autoptr (LiaisonSyncScheduler) scheduler = liaison_sync_scheduler_new ();
    guint n_finished = 0;

    liaison_sync_scheduler_set_engine (scheduler, f->sync.engine, NULL);
    g_signal_connect (scheduler, "run-finished", G_CALLBACK (count_finished), &n_finished);
    liaison_conflicts_page_set_scheduler (f->page, scheduler);
    WAIT_UNTIL (gtk_widget_get_visible (template_child (f, "apply_button")));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "conflicts.apply", NULL));
    g_assert_true (liaison_sync_scheduler_get_running (scheduler));
    WAIT_UNTIL (n_finished == 1);
    liaison_conflicts_page_set_scheduler (f->page, NULL);
  }
  g_assert_cmpstr (lead_city (f), ==, "Nashik");
  g_assert_cmpstr (contact_city (f), ==, "Nashik");
  /* The seed's own conflicts stay; this one is gone. */
  WAIT_UNTIL (find_row (f, "city") == NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 0);
}

/* Take HighLevel for All, once confirmed, answers every open field conflict; the next sync writes
 * HighLevel's values to LeadSquared. */
static void
test_take_all (Fixture *f, gconstpointer data)
{
  LiaisonConflictList *model;
  AdwMessageDialog *dialog;
  guint n_open;

  liaison_conflicts_page_set_store (f->page, f->sync.store);
  model = liaison_conflicts_page_get_model (f->page);
  {
    /* Two fields of one contact: the second row does not repeat the contact. */
    g_autofree char *gpath = g_strdup_printf ("/_sandbox/ghl/contacts/%s", f->ghl_id);
    g_autofree char *lpath = g_strdup_printf ("/_sandbox/lsq/leads/%s", f->lsq_id);
    g_autoptr (JsonNode) a = sync_control (&f->sync, LIAISON_SERVICE_GHL, "PATCH", gpath,
                                           "{\"postalCode\": \"600001\"}");
    g_autoptr (JsonNode) b
        = sync_control (&f->sync, LIAISON_SERVICE_LSQ, "PATCH", lpath, "{\"mx_Zip\": \"400001\"}");
  }
  make_conflict (f, "Mumbai", "Chennai");
  WAIT_UNTIL (find_row (f, "city") != NULL && find_row (f, "postalCode") != NULL);
  g_assert_true (
      gtk_widget_get_visible (find_named (GTK_WIDGET (find_row (f, "city")), "title"))
      != gtk_widget_get_visible (find_named (GTK_WIDGET (find_row (f, "postalCode")), "title")));
  n_open = liaison_conflict_list_get_n_open (model);
  g_assert_cmpuint (n_open, >=, 2);
  g_assert_true (gtk_widget_get_visible (template_child (f, "all_box")));

  /* Cancel changes nothing. */
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (f->page), "conflicts.take-all", "s", "ghl"));
  dialog = find_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "values of"));
  adw_message_dialog_response (dialog, "cancel");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  store_test_drain ();
  g_assert_cmpuint (liaison_conflict_list_get_n_open (model), ==, n_open);

  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (f->page), "conflicts.take-all", "s", "ghl"));
  adw_message_dialog_response (find_dialog (), "take");
  WAIT_UNTIL (liaison_conflict_list_get_n_open (model) == 0);
  g_assert_false (gtk_widget_get_visible (template_child (f, "all_box")));
  g_assert_cmpstr (lead_city (f), ==, "Mumbai");

  run_ok (f);
  g_assert_cmpstr (lead_city (f), ==, "Chennai");
  g_assert_cmpuint (open_conflicts_for_lead (f), ==, 0);
  WAIT_UNTIL (find_row (f, "city") == NULL);
}

static char *
saved_mapping (Fixture *f)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  char *json;

  liaison_store_load_mapping_async (f->sync.store, NULL, store_test_result_cb, &result);
  json = liaison_store_load_mapping_finish (f->sync.store, store_test_wait (&result), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (json);
  return json;
}

/* Always Take HighLevel for This Field: the field's policy in the saved mapping, its open
 * conflict answered, and the next conflict of that field settled by the engine without asking. */
static void
test_always_take (Fixture *f, gconstpointer data)
{
  LiaisonConflictRow *row;
  g_autofree char *mapping = NULL;
  g_autofree char *action = NULL;
  g_autoptr (GtkTooltip) tooltip = NULL;
  GtkWidget *more, *take;
  GMenuModel *menu;
  gboolean shown = FALSE;

  liaison_conflicts_page_set_store (f->page, f->sync.store);
  make_conflict (f, "Mumbai", "Chennai");
  WAIT_UNTIL ((row = find_row (f, "city")) != NULL);
  more = find_named (GTK_WIDGET (row), "more");
  g_assert_true (GTK_IS_MENU_BUTTON (more));

  /* The buttons' tooltips wait until they are asked for, and the menu until it opens. */
  take = find_named (GTK_WIDGET (row), "lsq");
  g_assert_true (gtk_widget_get_has_tooltip (take));
  g_assert_cmpstr (liaison_get_tooltip (take), ==, "Write LeadSquared’s value to HighLevel too");
  tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  g_signal_emit_by_name (take, "query-tooltip", 1, 1, FALSE, tooltip, &shown);
  g_assert_true (shown);
  g_assert_cmpstr (liaison_get_tooltip (more), ==, "More Choices");
  g_assert_null (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (more)));
  gtk_menu_button_popup (GTK_MENU_BUTTON (more));
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (more));
  g_assert_nonnull (menu);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
  g_assert_true (g_menu_model_get_item_attribute (menu, 1, G_MENU_ATTRIBUTE_ACTION, "s", &action));
  g_assert_cmpstr (action, ==, "conflicts.always");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (more));

  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (f->page), "conflicts.always", "(ss)", "ghl", "city"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (find_dialog ()), "without asking"));
  adw_message_dialog_response (find_dialog (), "always");
  WAIT_UNTIL (liaison_conflict_item_get_resolution (liaison_conflict_row_get_item (row)) != NULL);
  g_assert_cmpstr (liaison_conflict_item_get_resolution (liaison_conflict_row_get_item (row)), ==,
                   "ghl");
  mapping = saved_mapping (f);
  g_assert_nonnull (strstr (mapping, "\"policy\":\"ghl-wins\""));

  run_ok (f);
  g_assert_cmpstr (lead_city (f), ==, "Chennai");
  /* Both change the city again: HighLevel's wins, and nothing is parked. */
  make_conflict (f, "Delhi", "Madurai");
  g_assert_cmpuint (open_conflicts_for_lead (f), ==, 0);
  g_assert_cmpstr (lead_city (f), ==, "Madurai");
  g_assert_cmpstr (contact_city (f), ==, "Madurai");
  WAIT_UNTIL (find_row (f, "city") == NULL);
}

static void
on_session_opened (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Runs the header bar's shortcut for trigger, as a key press there would. */
static gboolean
press_in_header (LiaisonWindow *window, const char *trigger)
{
  GtkWidget *header = liaison_window_get_content_header (window);
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (header);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *text
              = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_strcmp0 (text, trigger) == 0)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, header,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

static GtkWidget *
sidebar_count (LiaisonWindow *window)
{
  for (GtkWidget *row
       = gtk_widget_get_first_child (GTK_WIDGET (liaison_window_get_sidebar (window)));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), "conflicts") == 0)
      return find_named (row, "count");
  return NULL;
}

/* The main window on the profile: the Conflicts row of the sidebar counts the open ones, and
 * follows an answer. */
static void
test_sidebar_count (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonSession) session = liaison_session_new ("conflicts-test");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = NULL;
  LiaisonWindow *window;
  LiaisonConflictsPage *page;
  LiaisonConflictList *model;
  GLogLevelFlags old_fatal;
  guint n_open;

  make_conflict (f, "Mumbai", "Chennai");
  {
    g_autoptr (GPtrArray) open = liaison_store_list_conflicts (f->sync.store, TRUE, NULL);

    g_assert_nonnull (open);
    n_open = open ? open->len : 0;
  }
  /* The fixture's connections have no secrets in the keyring, which the session warns about
   * (the Accounts page would show it); here only the store matters. */
  old_fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  liaison_session_open_async (session, f->sync.store_path, NULL, on_session_opened, &result);
  WAIT_UNTIL (result != NULL);
  g_assert_true (liaison_session_open_finish (session, result, &error));
  g_assert_no_error (error);

  window = liaison_window_new (NULL);
  liaison_window_set_session (window, session);
  gtk_window_present (GTK_WINDOW (window));
  page = LIAISON_CONFLICTS_PAGE (
      gtk_stack_get_child_by_name (liaison_window_get_stack (window), "conflicts"));
  model = liaison_conflicts_page_get_model (page);
  g_assert_nonnull (model);
  WAIT_UNTIL (liaison_conflict_list_get_loaded (model));
  expected = g_strdup_printf ("%u", n_open);
  g_assert_nonnull (sidebar_count (window));
  g_assert_true (gtk_widget_get_visible (sidebar_count (window)));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (sidebar_count (window))), ==, expected);

  /* Ctrl+A and Escape from the header bar (its Back and Select buttons) reach the page's
   * selection, but only while the page is shown. */
  g_assert_false (press_in_header (window, "<Control>a"));
  g_assert_false (liaison_conflicts_page_get_selection_mode (page));
  liaison_window_show_page (window, "conflicts");
  g_assert_true (press_in_header (window, "<Control>a"));
  g_assert_true (liaison_conflicts_page_get_selection_mode (page));
  g_assert_true (press_in_header (window, "Escape"));
  g_assert_false (liaison_conflicts_page_get_selection_mode (page));

  g_clear_object (&result);
  liaison_conflict_list_resolve_all_async (model, "lsq", NULL, on_session_opened, &result);
  WAIT_UNTIL (result != NULL && liaison_conflict_list_get_n_open (model) == 0);
  g_assert_false (gtk_widget_get_visible (sidebar_count (window)));

  liaison_window_set_session (window, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  g_log_set_always_fatal (old_fatal);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&session);
  store_test_drain ();
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
#define ADD(path, func) g_test_add (path, Fixture, NULL, set_up, func, tear_down)
  ADD ("/conflicts-page/keep-highlevel", test_keep_highlevel);
  ADD ("/conflicts-page/edit-value", test_edit_value);
  ADD ("/conflicts-page/take-all", test_take_all);
  ADD ("/conflicts-page/always-take", test_always_take);
  ADD ("/conflicts-page/sidebar-count", test_sidebar_count);
  return g_test_run ();
}
