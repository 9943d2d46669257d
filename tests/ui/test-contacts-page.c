/* test-contacts-page.c: the Contacts page over a real store: honest states,
 * rows of both services, filtering by typing and by link state, the detail
 * pane comparing both sides, linking a proposed pair, and the Unlink question.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "contacts-test-util.h"
#include "liaison-contact-activity.h"
#include "liaison-contact-picker.h"
#include "liaison-format.h"
#include "liaison-window-private.h"

static const char *
visible_state (Fixture *fixture)
{
  GtkStack *stack = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "state_stack");

  return gtk_stack_get_visible_child_name (stack);
}

static void
test_contacts_page_without_accounts (Fixture *fixture, gconstpointer data)
{
  /* No model: the page says what is missing and where to get it. */
  g_assert_cmpstr (visible_state (fixture), ==, "setup");
}

static void
test_contacts_page_rows_and_filter (Fixture *fixture, gconstpointer data)
{
  GtkLabel *count = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "count_label");
  GtkSearchEntry *search
      = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "search_entry");
  GtkStack *list_stack = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "list_stack");

  liaison_contacts_page_set_model (fixture->page, fixture->model);
  wait_until_loaded (fixture);

  g_assert_cmpstr (visible_state (fixture), ==, "contacts");
  /* Two proposed pairs (email case differs for Zoë) and one single on each side. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, 4);
  g_assert_cmpstr (gtk_label_get_label (count), ==, "4 contacts");
  /* The filter menu counts each status. */
  {
    GMenuModel *filters
        = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "filter_section");
    const char *const expected[] = { "All Contacts (4)",        "Linked (0)",
                                     "Proposed Matches (2)",    "Ambiguous Matches (0)",
                                     "Only in LeadSquared (1)", "Only in HighLevel (1)",
                                     "Kept Apart (0)" };

    g_assert_cmpint (g_menu_model_get_n_items (filters), ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        g_autofree char *label = NULL;

        g_assert_true (
            g_menu_model_get_item_attribute (filters, i, G_MENU_ATTRIBUTE_LABEL, "s", &label));
        g_assert_cmpstr (label, ==, expected[i]);
      }
  }

  /* Typing filters; the page waits for the typing to pause. */
  gtk_editable_set_text (GTK_EDITABLE (search), "rao");
  g_signal_emit_by_name (search, "search-changed");
  wait_until_loaded (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, 1);
  g_assert_cmpstr (gtk_label_get_label (count), ==, "1 of 4 contacts");

  gtk_editable_set_text (GTK_EDITABLE (search), "nobody-by-this-name");
  g_signal_emit_by_name (search, "search-changed");
  wait_until_loaded (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "no-results");
  /* It says what hides them, and its button shows them all again. */
  {
    AdwStatusPage *no_results
        = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "no_results_page");

    g_assert_cmpstr (adw_status_page_get_title (no_results), ==, "No Matching Contacts");
    g_assert_cmpstr (adw_status_page_get_icon_name (no_results), ==, "edit-find-symbolic");
    g_assert_nonnull (strstr (adw_status_page_get_description (no_results), "the search"));
  }
  liaison_contacts_page_set_filter (fixture->page, "ghl-only");
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contacts.show-all", NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "");
  g_assert_cmpstr (liaison_contacts_page_get_filter (fixture->page), ==, "all");
  wait_until_loaded (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, 4);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "list");
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contacts.filter", "s", "lsq-only"));
  g_assert_cmpstr (liaison_contacts_page_get_filter (fixture->page), ==, "lsq-only");
  wait_until_loaded (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "list");
  {
    g_autoptr (LiaisonContactRow) row = g_list_model_get_item (G_LIST_MODEL (fixture->model), 0);

    g_assert_cmpstr (liaison_contact_row_get_display_name (row), ==, "Only Lead");
    g_assert_cmpint (liaison_contact_row_get_status (row), ==, LIAISON_LINK_STATUS_LSQ_ONLY);
  }
}

static GtkLabel *
grid_label (GtkGrid *grid, int column, int row)
{
  GtkWidget *child = gtk_grid_get_child_at (grid, column, row);

  g_assert_true (GTK_IS_LABEL (child));
  return GTK_LABEL (child);
}

static void
assert_no_hyphens (GtkLabel *label)
{
  PangoAttrList *attrs = gtk_label_get_attributes (label);
  PangoAttrIterator *iter;
  PangoAttribute *hyphens;

  g_assert_nonnull (attrs);
  iter = pango_attr_list_get_iterator (attrs);
  hyphens = pango_attr_iterator_get (iter, PANGO_ATTR_INSERT_HYPHENS);
  g_assert_nonnull (hyphens);
  g_assert_false (((PangoAttrInt *) hyphens)->value);
  pango_attr_iterator_destroy (iter);
}

static void
test_contacts_page_detail_and_link (Fixture *fixture, gconstpointer data)
{
  GtkColumnView *view = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "column_view");
  LiaisonContactDetail *detail
      = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "detail");
  GtkGrid *grid = template_child (detail, LIAISON_TYPE_CONTACT_DETAIL, "fields_grid");
  GtkStack *detail_stack = template_child (detail, LIAISON_TYPE_CONTACT_DETAIL, "stack");
  GtkSelectionModel *selection = gtk_column_view_get_model (view);
  guint zoe = G_MAXUINT;

  liaison_contacts_page_set_model (fixture->page, fixture->model);
  wait_until_loaded (fixture);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (detail_stack), ==, "empty");

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (fixture->model)); i++)
    {
      g_autoptr (LiaisonContactRow) row = g_list_model_get_item (G_LIST_MODEL (fixture->model), i);

      if (g_strcmp0 (liaison_contact_row_get_lsq_id (row), "L1") == 0)
        zoe = i;
    }
  g_assert_cmpuint (zoe, !=, G_MAXUINT);

  gtk_selection_model_select_item (selection, zoe, TRUE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (detail_stack), ==, "contact");
  g_assert_true (liaison_contact_detail_get_row (detail) != NULL);
  wait_detail (detail);

  /* Row 1 is the name: the two sides differ, and both values are shown. */
  g_assert_cmpstr (gtk_label_get_label (grid_label (grid, 1, 1)), ==, "Zoë Müller");
  g_assert_cmpstr (gtk_label_get_label (grid_label (grid, 2, 1)), ==, "Zoe Muller");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (grid_label (grid, 1, 1)), "warning"));
  /* Row 3 is the phone, the same on both sides. */
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (grid_label (grid, 1, 3)), "warning"));
  /* Values wrap without hyphens: a hyphen inside an address would show another address. */
  for (int column = 1; column <= 2; column++)
    for (int line = 1; line <= 3; line++)
      assert_no_hyphens (grid_label (grid, column, line));

  /* A proposed pair can be linked; nothing is linked yet. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "detail.link", NULL));
  liaison_contacts_page_set_filter (fixture->page, "linked");
  {
    gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

    while (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)) != 1)
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_main_context_iteration (NULL, TRUE);
      }
  }
  {
    g_autoptr (LiaisonContactRow) row = g_list_model_get_item (G_LIST_MODEL (fixture->model), 0);

    g_assert_cmpint (liaison_contact_row_get_status (row), ==, LIAISON_LINK_STATUS_LINKED);
    g_assert_cmpstr (liaison_contact_row_get_ghl_id (row), ==, "G1");
    g_assert_cmpint (liaison_contact_row_get_link_id (row), >, 0);
  }
}

/* The store cannot be read after the list was loaded (here: its records table is gone): the
 * detail pane says so in words, with what to try, rather than showing blank fields. */
static void
test_contacts_page_unreadable_copy (Fixture *fixture, gconstpointer data)
{
  GtkColumnView *view = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "column_view");
  LiaisonContactDetail *detail
      = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "detail");
  GtkLabel *read_error = template_child (detail, LIAISON_TYPE_CONTACT_DETAIL, "read_error_label");
  GtkWidget *activity = template_child (detail, LIAISON_TYPE_CONTACT_DETAIL, "activity");
  GtkLabel *activity_error = template_child (activity, G_OBJECT_TYPE (activity), "error_label");
  GtkSelectionModel *selection = gtk_column_view_get_model (view);
  g_autofree char *path = g_build_filename (fixture->dir, "profile.db", NULL);
  sqlite3 *db = NULL;
  guint zoe = G_MAXUINT;

  liaison_contacts_page_set_model (fixture->page, fixture->model);
  wait_until_loaded (fixture);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (fixture->model)); i++)
    {
      g_autoptr (LiaisonContactRow) row = g_list_model_get_item (G_LIST_MODEL (fixture->model), i);

      if (g_strcmp0 (liaison_contact_row_get_lsq_id (row), "L1") == 0)
        zoe = i;
    }
  g_assert_cmpuint (zoe, !=, G_MAXUINT);

  /* A readable copy says nothing. */
  gtk_selection_model_select_item (selection, zoe, TRUE);
  wait_detail (detail);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (read_error)));

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (
      sqlite3_exec (db, "ALTER TABLE records RENAME TO records_gone", NULL, NULL, NULL), ==,
      SQLITE_OK);
  sqlite3_close (db);

  gtk_selection_model_select_item (selection, zoe == 0 ? 1 : 0, TRUE);
  gtk_selection_model_select_item (selection, zoe, TRUE);
  wait_detail (detail);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (read_error)));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (read_error),
                                   "Liaison’s copy of this contact could not be read: "));
  g_assert_nonnull (strstr (gtk_label_get_label (read_error), "Try Refresh"));
  g_assert_nonnull (strstr (gtk_label_get_label (activity_error),
                            "tasks, notes and appointments could not be read"));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (activity_error))));
}

/* The Unlink question closed unanswered keeps the link and holds nothing: the pane is freed
 * with its window. Answered, it unlinks the pair it was asked about. */
static void
test_contacts_page_unlink_dialog (Fixture *fixture, gconstpointer data)
{
  GtkColumnView *view = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "column_view");
  gpointer detail = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "detail");
  GtkSelectionModel *selection = gtk_column_view_get_model (view);
  g_autoptr (GPtrArray) links
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_link_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GArray) ids = NULL;
  AdwMessageDialog *dialog;

  g_ptr_array_add (links, liaison_store_link_new (LIAISON_RECORD_CONTACT, fixture->lsq, "L1",
                                                  fixture->ghl, "G1", LIAISON_LINK_MANUAL));
  liaison_store_create_links_async (fixture->store, links, NULL, store_test_result_cb, &result);
  ids = liaison_store_create_links_finish (fixture->store, store_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (ids);
  liaison_contacts_page_set_model (fixture->page, fixture->model);
  liaison_contacts_page_set_filter (fixture->page, "linked");
  wait_for_n_rows (fixture, 1);
  gtk_selection_model_select_item (selection, 0, TRUE);
  g_assert_nonnull (liaison_contact_detail_get_row (detail));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "detail.unlink", NULL));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (find_message_dialog ());
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  store_test_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "detail.unlink", NULL));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "unlink");
  wait_for_n_rows (fixture, 0);

  g_object_add_weak_pointer (G_OBJECT (detail), &detail);
  gtk_window_destroy (fixture->window);
  fixture->window = NULL;
  g_assert_null (detail);
}

/* Linking and unlinking answer with a toast and Undo; the person's place in the list is
 * kept: the pair that took the linked one's place is selected next. */
static void
test_contacts_page_link_toast_undo (Fixture *fixture, gconstpointer data)
{
  GtkColumnView *view = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "column_view");
  LiaisonContactDetail *detail
      = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "detail");
  GtkSelectionModel *selection = gtk_column_view_get_model (view);
  GtkWidget *undo;

  liaison_contacts_page_set_filter (fixture->page, "proposed");
  liaison_contacts_page_set_model (fixture->page, fixture->model);
  wait_for_n_rows (fixture, 2);
  gtk_selection_model_select_item (selection, row_position (fixture, "L1"), TRUE);
  wait_detail (detail);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "detail.link", NULL));
  undo = wait_toast_undo (fixture, "“Zoë Müller” linked");
  g_assert_nonnull (undo);
  wait_for_n_rows (fixture, 1);
  /* Zoë left the proposed pairs; Arjun, the next, is selected and shown. */
  g_assert_nonnull (selected_row (fixture));
  g_assert_cmpstr (liaison_contact_row_get_lsq_id (selected_row (fixture)), ==, "L2");
  g_assert_cmpstr (liaison_contact_row_get_lsq_id (liaison_contact_detail_get_row (detail)), ==,
                   "L2");

  /* Undo ends the link again: both pairs are proposed once more. */
  g_signal_emit_by_name (undo, "clicked");
  wait_for_n_rows (fixture, 2);

  /* Unlinking (after its question) says so too, and its Undo links the pair again. */
  {
    g_autoptr (GPtrArray) links
        = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_link_free);
    g_autoptr (GError) error = NULL;
    g_autoptr (GAsyncResult) result = NULL;
    g_autoptr (GArray) ids = NULL;
    AdwMessageDialog *dialog;

    g_ptr_array_add (links, liaison_store_link_new (LIAISON_RECORD_CONTACT, fixture->lsq, "L2",
                                                    fixture->ghl, "G2", LIAISON_LINK_MANUAL));
    liaison_store_create_links_async (fixture->store, links, NULL, store_test_result_cb, &result);
    ids = liaison_store_create_links_finish (fixture->store, store_test_wait (&result), &error);
    g_assert_no_error (error);
    liaison_contacts_page_set_filter (fixture->page, "linked");
    wait_for_n_rows (fixture, 1);
    gtk_selection_model_select_item (selection, 0, TRUE);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "detail.unlink", NULL));
    dialog = find_message_dialog ();
    g_assert_nonnull (dialog);
    adw_message_dialog_response (dialog, "unlink");
    undo = wait_toast_undo (fixture, "“Arjun Rao” unlinked");
    g_assert_nonnull (undo);
    wait_for_n_rows (fixture, 0);
    g_signal_emit_by_name (undo, "clicked");
    wait_for_n_rows (fixture, 1);
  }
}

/* In the main window, one back button serves both leaflets: from a contact's detail to the
 * list, then from the page to the sidebar. */
static void
test_contacts_page_window_back (Fixture *fixture, gconstpointer data)
{
  LiaisonWindow *window = liaison_window_new (NULL);
  LiaisonContactsPage *page = LIAISON_CONTACTS_PAGE (
      gtk_widget_get_template_child (GTK_WIDGET (window), LIAISON_TYPE_WINDOW, "contacts_page"));
  GtkWidget *back = GTK_WIDGET (
      gtk_widget_get_template_child (GTK_WIDGET (window), LIAISON_TYPE_WINDOW, "back_button"));
  AdwLeaflet *outer = ADW_LEAFLET (
      gtk_widget_get_template_child (GTK_WIDGET (window), LIAISON_TYPE_WINDOW, "leaflet"));
  AdwLeaflet *inner = template_child (page, LIAISON_TYPE_CONTACTS_PAGE, "leaflet");
  GtkColumnView *view = template_child (page, LIAISON_TYPE_CONTACTS_PAGE, "column_view");
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 680);
  gtk_window_present (GTK_WINDOW (window));
  liaison_window_show_page (window, "contacts");
  liaison_contacts_page_set_model (page, fixture->model);
  while (liaison_contact_list_get_loading (fixture->model) || !adw_leaflet_get_folded (inner))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  /* At the default size the sidebar shows, and the page shows its list alone. */
  g_assert_false (adw_leaflet_get_folded (outer));
  g_assert_false (gtk_widget_get_visible (back));

  gtk_selection_model_select_item (gtk_column_view_get_model (view), 0, TRUE);
  g_assert_true (gtk_widget_get_visible (back));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (back), ==, "Back to Contacts");
  g_signal_emit_by_name (back, "clicked");
  g_assert_false (liaison_contacts_page_get_can_go_back (page));
  g_assert_false (gtk_widget_get_visible (back));

  gtk_window_destroy (GTK_WINDOW (window));
  store_test_drain ();
}

/* Collects the mnemonic keys of every label under widget, except inside status pages: those
 * are whole states shown instead of the list and detail, never beside them; and except in
 * menus, whose keys count only while the menu is open. */
static void
collect_mnemonics (GtkWidget *widget, GHashTable *seen, GString *duplicates)
{
  if (ADW_IS_STATUS_PAGE (widget) || GTK_IS_POPOVER (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget))
      && gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)) != GDK_KEY_VoidSymbol)
    {
      guint key = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)));
      const char *label = gtk_label_get_label (GTK_LABEL (widget));
      const char *other = g_hash_table_lookup (seen, GUINT_TO_POINTER (key));

      if (other != NULL)
        g_string_append_printf (duplicates, "\"%s\" and \"%s\"; ", other, label);
      else
        g_hash_table_insert (seen, GUINT_TO_POINTER (key), (gpointer) label);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_mnemonics (child, seen, duplicates);
}

static void
test_contacts_page_mnemonics (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr (GString) duplicates = g_string_new (NULL);

  /* The list, the refresh bar and the detail (link, unlink, keep apart, match again, copy
   * again, open on either website, retry of the activity) can all be on screen together: Alt
   * and a letter must reach one control. */
  collect_mnemonics (GTK_WIDGET (fixture->page), seen, duplicates);
  g_assert_cmpstr (duplicates->str, ==, "");
  g_assert_cmpuint (g_hash_table_size (seen), ==, 11);
}

static void
test_contacts_page_tab_leaves_list (Fixture *fixture, gconstpointer data)
{
  GtkColumnView *view = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "column_view");
  GtkWidget *detail = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "detail");
  GtkWidget *search = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "search_entry");
  GtkSelectionModel *selection = gtk_column_view_get_model (view);
  gint64 deadline;

  liaison_contacts_page_set_model (fixture->page, fixture->model);
  wait_until_loaded (fixture);
  gtk_selection_model_select_item (selection, 1, TRUE);

  /* Tab moves between rows in GTK 4.8's lists: with 100,000 contacts the detail pane would be
   * out of reach. Tab from a row goes to the detail, Shift+Tab to the controls above. */
  gtk_widget_grab_focus (GTK_WIDGET (view));
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!focus_within (fixture, view))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD));
  g_assert_true (focus_within (fixture, detail));

  gtk_widget_grab_focus (GTK_WIDGET (view));
  g_assert_true (focus_within (fixture, view));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_BACKWARD));
  g_assert_false (focus_within (fixture, view));
  g_assert_true (focus_within (fixture, gtk_widget_get_parent (search)));
}

/* A store with no contacts is not "no match": it has an icon and words of its own, and
 * without both accounts to refresh it sends the person to Accounts. */
static void
test_contacts_page_empty_store (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "empty.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonStore) store = store_test_open (path, "US", &error);
  g_autofree char *lsq = store_test_add_connection (store, LIAISON_SERVICE_LSQ, "org-2");
  g_autofree char *ghl = store_test_add_connection (store, LIAISON_SERVICE_GHL, "loc-2");
  g_autoptr (LiaisonContactList) model = liaison_contact_list_new (store, lsq, ghl);
  GtkStack *list_stack = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "list_stack");
  AdwStatusPage *empty = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "empty_page");
  GtkStack *actions
      = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "empty_action_stack");
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_assert_no_error (error);
  liaison_contacts_page_set_model (fixture->page, model);
  store_test_drain ();
  while (liaison_contact_list_get_loading (model))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  store_test_drain ();

  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (empty), ==, "No Contacts Fetched Yet");
  g_assert_cmpstr (adw_status_page_get_icon_name (empty), !=, "edit-find-symbolic");
  g_assert_nonnull (strstr (adw_status_page_get_description (empty), "Connect LeadSquared"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (actions), ==, "accounts");

  liaison_contacts_page_set_model (fixture->page, NULL);
  store_test_drain ();
}

/* Iterates until the page has been laid out at the window's width. */
static void
wait_size (Fixture *fixture, int width, int height)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  gtk_window_set_default_size (fixture->window, width, height);
  while (gtk_widget_get_width (GTK_WIDGET (fixture->page)) != width
         || gtk_widget_get_height (GTK_WIDGET (fixture->page)) != height)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* List and detail side by side on a wide window, one at a time on a narrow one; the page
 * never asks for more than 360 px, whichever contact it shows; each contact opens at its top. */
static void
test_contacts_page_folding (Fixture *fixture, gconstpointer data)
{
  AdwLeaflet *leaflet = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "leaflet");
  GtkWidget *list_pane = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "list_pane");
  GtkColumnView *view = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "column_view");
  LiaisonContactDetail *detail
      = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "detail");
  GtkScrolledWindow *scroller = template_child (detail, LIAISON_TYPE_CONTACT_DETAIL, "scroller");
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (scroller);
  GtkSelectionModel *selection = gtk_column_view_get_model (view);
  const char *const contacts[] = { "L1", "L3", NULL };
  int minimum;

  liaison_contacts_page_set_model (fixture->page, fixture->model);
  wait_until_loaded (fixture);

  /* What a 1280 px window leaves the page beside its 231 px sidebar: side by side. */
  wait_size (fixture, 1280 - 231, 700);
  g_assert_false (adw_leaflet_get_folded (leaflet));
  wait_size (fixture, 1000, 700);
  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_false (liaison_contacts_page_get_can_go_back (fixture->page));

  /* A proposed pair (two sides, Link) and a one-sided contact: neither widens the page. */
  for (guint i = 0; contacts[i] != NULL; i++)
    {
      gtk_selection_model_select_item (selection, row_position (fixture, contacts[i]), TRUE);
      wait_detail (detail);
      gtk_widget_measure (GTK_WIDGET (fixture->page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum,
                          NULL, NULL, NULL);
      g_assert_cmpint (minimum, <=, 360);
      g_assert_false (adw_leaflet_get_folded (leaflet));
    }

  /* What the default window (1000 px, less its 231 px of sidebar) leaves the page is less than
   * the list's columns and the detail ask for: one pane at a time, the list with room for all
   * its columns. */
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (selection), GTK_INVALID_LIST_POSITION);
  wait_size (fixture, 769, 680);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == list_pane);
  /* A 683 px window, the sidebar still beside the page: one pane at a time too. */
  wait_size (fixture, 683 - 231, 680);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == list_pane);

  /* Narrow: the list alone, until a contact is chosen; then its detail alone, and back. */
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (selection), GTK_INVALID_LIST_POSITION);
  g_assert_null (liaison_contact_detail_get_row (detail));
  wait_size (fixture, 360, 700);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == list_pane);
  g_assert_false (liaison_contacts_page_get_can_go_back (fixture->page));

  gtk_selection_model_select_item (selection, row_position (fixture, "L2"), TRUE);
  wait_detail (detail);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == GTK_WIDGET (detail));
  g_assert_true (liaison_contacts_page_get_can_go_back (fixture->page));
  wait_size (fixture, 360, 300);

  /* Scrolled down in one contact, the next one opens at its top. */
  g_assert_cmpfloat (
      gtk_adjustment_get_upper (vadjustment) - gtk_adjustment_get_page_size (vadjustment), >, 50.0);
  gtk_adjustment_set_value (vadjustment, 50.0);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, 50.0);
  gtk_selection_model_select_item (selection, row_position (fixture, "L1"), TRUE);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, 0.0);

  /* Ctrl+F from the detail goes to the list's search. */
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contacts.focus-search", NULL));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == list_pane);
  gtk_selection_model_select_item (selection, row_position (fixture, "L2"), TRUE);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == GTK_WIDGET (detail));

  g_assert_true (liaison_contacts_page_go_back (fixture->page));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == list_pane);
  g_assert_false (liaison_contacts_page_get_can_go_back (fixture->page));
  g_assert_false (liaison_contacts_page_go_back (fixture->page));

  /* Wide again, both panes show and the contact stays selected. */
  wait_size (fixture, 1000, 700);
  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_nonnull (liaison_contact_detail_get_row (detail));
}

static char *
visible_columns (Fixture *fixture)
{
  GtkColumnView *view = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "column_view");
  GListModel *columns = gtk_column_view_get_columns (view);
  GString *titles = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (gtk_column_view_column_get_visible (column))
        g_string_append_printf (titles, "%s%s", titles->len > 0 ? ", " : "",
                                gtk_column_view_column_get_title (column));
    }
  return g_string_free (titles, FALSE);
}

/* Name, email, link and owner by default; the menu's check items add and remove the others,
 * and the choice is kept for the next start. */
static void
test_contacts_page_columns (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *shown = visible_columns (fixture);
  g_auto (GStrv) kept = NULL;
  GtkWidget *other;

  g_assert_cmpstr (shown, ==, "Name, Email, Link, Owner");
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (fixture->page), "columns.show-phone", NULL));
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (fixture->page), "columns.show-owner", NULL));
  g_free (shown);
  shown = visible_columns (fixture);
  g_assert_cmpstr (shown, ==, "Name, Email, Link, Phone");
  kept = g_settings_get_strv (settings, "contact-columns");
  g_assert_cmpuint (g_strv_length (kept), ==, 4);
  g_assert_true (g_strv_contains ((const char *const *) kept, "phone"));
  g_assert_false (g_strv_contains ((const char *const *) kept, "owner"));

  /* A page made later shows what was chosen. */
  other = g_object_ref_sink (g_object_new (LIAISON_TYPE_CONTACTS_PAGE, NULL));
  {
    GtkColumnView *view = GTK_COLUMN_VIEW (
        gtk_widget_get_template_child (other, LIAISON_TYPE_CONTACTS_PAGE, "column_view"));
    g_autoptr (GtkColumnViewColumn) phone
        = g_list_model_get_item (gtk_column_view_get_columns (view), 4);

    g_assert_cmpstr (gtk_column_view_column_get_title (phone), ==, "Phone");
    g_assert_true (gtk_column_view_column_get_visible (phone));
  }
  g_object_unref (other);
  g_settings_reset (settings, "contact-columns");
}

/* Ctrl+F goes to the search, Escape there clears it (and a second one goes back to the list);
 * the shortcuts window lists them with Ctrl+R. */
static void
test_contacts_page_keyboard (Fixture *fixture, gconstpointer data)
{
  GtkSearchEntry *search
      = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "search_entry");
  GtkWidget *view = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "column_view");
  g_autoptr (GtkBuilder) builder
      = gtk_builder_new_from_resource (RESOURCE_BASE_PATH "/gtk/help-overlay.ui");
  g_autoptr (GString) accels = g_string_new (NULL);
  GSList *objects;

  liaison_contacts_page_set_model (fixture->page, fixture->model);
  wait_until_loaded (fixture);

  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contacts.focus-search", NULL));
  g_assert_true (focus_within (fixture, search));
  gtk_editable_set_text (GTK_EDITABLE (search), "rao");
  g_signal_emit_by_name (search, "search-changed");
  wait_until_loaded (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, 1);

  g_signal_emit_by_name (search, "stop-search");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "");
  wait_until_loaded (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, 4);
  g_assert_true (focus_within (fixture, search));
  g_signal_emit_by_name (search, "stop-search");
  g_assert_true (focus_within (fixture, view));

  objects = gtk_builder_get_objects (builder);
  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        g_autofree char *accel = NULL;

        g_object_get (l->data, "accelerator", &accel, NULL);
        if (accel != NULL)
          g_string_append_printf (accels, "%s ", accel);
      }
  g_slist_free (objects);
  g_assert_nonnull (strstr (accels->str, "<Control>f "));
  g_assert_nonnull (strstr (accels->str, "<Control>r "));
  g_assert_nonnull (strstr (accels->str, "Escape "));
}

/* After a restart the footer still says when both accounts were last refreshed, as the store
 * remembers it. */
static void
test_contacts_page_refreshed_after_restart (Fixture *fixture, gconstpointer data)
{
  GtkLabel *count = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "count_label");
  gint64 at = g_get_real_time () / 1000 - 3600 * 1000;
  g_autofree char *when = liaison_format_time_ms (at);
  g_autofree char *expected = g_strdup_printf ("4 contacts · refreshed %s", when);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (GError) error = NULL;

      liaison_store_set_refreshed_async (fixture->store, i == 0 ? fixture->lsq : fixture->ghl, at,
                                         NULL, store_test_result_cb, &result);
      g_assert_true (
          liaison_store_set_refreshed_finish (fixture->store, store_test_wait (&result), &error));
    }
  /* The list of a new start reads it. */
  g_clear_object (&fixture->model);
  fixture->model = liaison_contact_list_new (fixture->store, fixture->lsq, fixture->ghl);
  liaison_contacts_page_set_model (fixture->page, fixture->model);
  wait_until_loaded (fixture);
  g_assert_cmpstr (gtk_label_get_label (count), ==, expected);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  g_test_add ("/contacts-page/without-accounts", Fixture, NULL, fixture_set_up,
              test_contacts_page_without_accounts, fixture_tear_down);
  g_test_add ("/contacts-page/rows-and-filter", Fixture, NULL, fixture_set_up,
              test_contacts_page_rows_and_filter, fixture_tear_down);
  g_test_add ("/contacts-page/detail-and-link", Fixture, NULL, fixture_set_up,
              test_contacts_page_detail_and_link, fixture_tear_down);
  g_test_add ("/contacts-page/unreadable-copy", Fixture, NULL, fixture_set_up,
              test_contacts_page_unreadable_copy, fixture_tear_down);
  g_test_add ("/contacts-page/unlink-dialog", Fixture, NULL, fixture_set_up,
              test_contacts_page_unlink_dialog, fixture_tear_down);

  g_test_add ("/contacts-page/link-toast-undo", Fixture, NULL, fixture_set_up,
              test_contacts_page_link_toast_undo, fixture_tear_down);
  g_test_add ("/contacts-page/window-back", Fixture, NULL, fixture_set_up,
              test_contacts_page_window_back, fixture_tear_down);
  g_test_add ("/contacts-page/mnemonics", Fixture, NULL, fixture_set_up,
              test_contacts_page_mnemonics, fixture_tear_down);

  g_test_add ("/contacts-page/empty-store", Fixture, NULL, fixture_set_up,
              test_contacts_page_empty_store, fixture_tear_down);
  g_test_add ("/contacts-page/keyboard", Fixture, NULL, fixture_set_up, test_contacts_page_keyboard,
              fixture_tear_down);
  g_test_add ("/contacts-page/columns", Fixture, NULL, fixture_set_up, test_contacts_page_columns,
              fixture_tear_down);
  g_test_add ("/contacts-page/folding", Fixture, NULL, fixture_set_up, test_contacts_page_folding,
              fixture_tear_down);
  g_test_add ("/contacts-page/tab-leaves-list", Fixture, NULL, fixture_set_up,
              test_contacts_page_tab_leaves_list, fixture_tear_down);
  g_test_add ("/contacts-page/refreshed-after-restart", Fixture, NULL, fixture_set_up,
              test_contacts_page_refreshed_after_restart, fixture_tear_down);

  return g_test_run ();
}
