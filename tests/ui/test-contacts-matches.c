/* test-contacts-matches.c: the Contacts page's matches a person settles: an ambiguous contact's
 * candidates (by normalized e-mail or phone) and one picked, Link To… for a contact on one side,
 * and Keep Apart (with Undo), the Kept Apart filter and Match Again.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "contacts-test-util.h"
#include "liaison-contact-picker.h"

/* An ambiguous contact shows every candidate of the other side, and one can be picked; a
 * contact on one side only finds one to link with by Link To… and a search. */
static void
test_contacts_page_candidates (Fixture *fixture, gconstpointer data)
{
  GtkColumnView *view = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "column_view");
  LiaisonContactDetail *detail
      = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "detail");
  GtkWidget *candidates = template_child (detail, LIAISON_TYPE_CONTACT_DETAIL, "candidates_box");
  GtkWidget *link_to = template_child (detail, LIAISON_TYPE_CONTACT_DETAIL, "link_to_button");
  LiaisonContactPicker *picker = template_child (detail, LIAISON_TYPE_CONTACT_DETAIL, "picker");
  GtkSelectionModel *selection = gtk_column_view_get_model (view);
  gint64 now = g_get_real_time () / 1000;
  GtkWidget *button;

  /* Two HighLevel contacts share Dana's address. */
  commit_contacts (fixture->store, fixture->lsq,
                   store_test_contact ("L4", "Dana Lee", "dana@example.com", NULL, NULL, now),
                   NULL);
  commit_contacts (fixture->store, fixture->ghl,
                   store_test_contact ("G4", "Dana Lee", "dana@example.com", NULL, NULL, now),
                   store_test_contact ("G5", "D. Lee", "DANA@example.com", NULL, NULL, now), NULL);
  liaison_contacts_page_set_model (fixture->page, fixture->model);
  wait_until_loaded (fixture);
  g_assert_cmpuint (
      liaison_contact_list_count_status (fixture->model, LIAISON_LINK_STATUS_AMBIGUOUS), ==, 3);

  gtk_selection_model_select_item (selection, row_position (fixture, "L4"), TRUE);
  wait_detail (detail);
  g_assert_true (gtk_widget_get_visible (candidates));
  g_assert_false (gtk_widget_get_visible (link_to));
  g_assert_cmpuint (liaison_contact_picker_get_n_candidates (picker), ==, 2);
  g_assert_cmpstr (
      liaison_contact_row_get_ghl_id (liaison_contact_picker_get_candidate (picker, 0)), ==, "G5");
  g_assert_cmpstr (
      liaison_contact_row_get_ghl_id (liaison_contact_picker_get_candidate (picker, 1)), ==, "G4");
  g_assert_null (liaison_contact_row_get_lsq_id (liaison_contact_picker_get_candidate (picker, 0)));

  /* Picking the second links Dana with it. */
  g_signal_emit_by_name (picker, "picked", liaison_contact_picker_get_candidate (picker, 1));
  g_assert_nonnull (wait_toast_undo (fixture, "“Dana Lee” linked"));
  wait_for_status_count (fixture, LIAISON_LINK_STATUS_LINKED, 1);
  liaison_contacts_page_set_filter (fixture->page, "linked");
  wait_for_n_rows (fixture, 1);
  {
    g_autoptr (LiaisonContactRow) row = g_list_model_get_item (G_LIST_MODEL (fixture->model), 0);

    g_assert_cmpstr (liaison_contact_row_get_lsq_id (row), ==, "L4");
    g_assert_cmpstr (liaison_contact_row_get_ghl_id (row), ==, "G4");
  }

  /* Only Lead has no match: Link To… searches HighLevel's single contacts. */
  liaison_contacts_page_set_filter (fixture->page, "lsq-only");
  wait_for_n_rows (fixture, 1);
  gtk_selection_model_select_item (selection, 0, TRUE);
  wait_detail (detail);
  g_assert_false (gtk_widget_get_visible (candidates));
  g_assert_true (gtk_widget_get_visible (link_to));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "detail.link-to", NULL));
  g_assert_true (gtk_widget_get_visible (candidates));
  /* Only Contact and D. Lee, in name order; not the linked or proposed ones. */
  g_assert_cmpuint (liaison_contact_picker_get_n_candidates (picker), ==, 2);
  {
    GtkWidget *search = gtk_widget_get_first_child (GTK_WIDGET (picker));

    g_assert_true (GTK_IS_SEARCH_ENTRY (search));
    g_assert_true (focus_within (fixture, search));
    gtk_editable_set_text (GTK_EDITABLE (search), "only.contact");
    g_signal_emit_by_name (search, "search-changed");
  }
  g_assert_cmpuint (liaison_contact_picker_get_n_candidates (picker), ==, 1);
  g_assert_cmpstr (
      liaison_contact_row_get_ghl_id (liaison_contact_picker_get_candidate (picker, 0)), ==, "G3");
  button = find_labelled (GTK_WIDGET (picker), GTK_TYPE_BUTTON, "Link");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_nonnull (wait_toast_undo (fixture, "“Only Lead” linked"));
  wait_for_status_count (fixture, LIAISON_LINK_STATUS_LINKED, 2);
}

/* Keep Apart on a proposed pair answers with a toast; Undo proposes the pair again. Kept
 * apart, both contacts are under Kept Apart, and Match Again there proposes them once more. */
static void
test_contacts_page_keep_apart (Fixture *fixture, gconstpointer data)
{
  GtkColumnView *view = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "column_view");
  LiaisonContactDetail *detail
      = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "detail");
  GtkWidget *keep = template_child (detail, LIAISON_TYPE_CONTACT_DETAIL, "keep_apart_button");
  GtkWidget *again = template_child (detail, LIAISON_TYPE_CONTACT_DETAIL, "match_again_button");
  GtkSelectionModel *selection = gtk_column_view_get_model (view);
  GtkWidget *undo;

  liaison_contacts_page_set_model (fixture->page, fixture->model);
  wait_until_loaded (fixture);
  liaison_contacts_page_set_filter (fixture->page, "proposed");
  wait_for_n_rows (fixture, 2);
  gtk_selection_model_select_item (selection, row_position (fixture, "L2"), TRUE);
  wait_detail (detail);
  g_assert_true (gtk_widget_get_visible (keep));
  g_assert_false (gtk_widget_get_visible (again));

  g_signal_emit_by_name (keep, "clicked");
  undo = wait_toast_undo (fixture, "“Arjun Rao” kept apart");
  g_assert_nonnull (undo);
  wait_for_status_count (fixture, LIAISON_LINK_STATUS_KEPT_APART, 2);
  g_assert_cmpuint (
      liaison_contact_list_count_status (fixture->model, LIAISON_LINK_STATUS_PROPOSED), ==, 1);
  g_signal_emit_by_name (undo, "clicked");
  wait_for_status_count (fixture, LIAISON_LINK_STATUS_PROPOSED, 2);

  /* Kept apart again; the filter lists both sides, and Match Again on one frees the pair. */
  gtk_selection_model_select_item (selection, row_position (fixture, "L2"), TRUE);
  wait_detail (detail);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "detail.keep-apart", NULL));
  wait_for_status_count (fixture, LIAISON_LINK_STATUS_KEPT_APART, 2);
  liaison_contacts_page_set_filter (fixture->page, "kept-apart");
  wait_for_n_rows (fixture, 2);
  gtk_selection_model_select_item (selection, row_position (fixture, "L2"), TRUE);
  wait_detail (detail);
  g_assert_false (gtk_widget_get_visible (keep));
  g_assert_true (gtk_widget_get_visible (again));
  g_assert_cmpstr (liaison_contact_row_get_lsq_id (selected_row (fixture)), ==, "L2");
  g_assert_null (liaison_contact_row_get_ghl_id (selected_row (fixture)));
  g_signal_emit_by_name (again, "clicked");
  g_assert_null (wait_toast_undo (fixture, "“Arjun Rao” can be matched again"));
  wait_for_status_count (fixture, LIAISON_LINK_STATUS_PROPOSED, 2);
  wait_for_n_rows (fixture, 0);
}

/* An ambiguous set, found by phone alone and written differently on each side, lists its
 * candidates; Keep Apart keeps the contact apart from all of them. */
static void
test_contacts_page_keep_apart_ambiguous (Fixture *fixture, gconstpointer data)
{
  GtkColumnView *view = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "column_view");
  LiaisonContactDetail *detail
      = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "detail");
  GtkWidget *keep = template_child (detail, LIAISON_TYPE_CONTACT_DETAIL, "keep_apart_button");
  LiaisonContactPicker *picker = template_child (detail, LIAISON_TYPE_CONTACT_DETAIL, "picker");
  GtkSelectionModel *selection = gtk_column_view_get_model (view);
  gint64 now = g_get_real_time () / 1000;

  commit_contacts (fixture->store, fixture->lsq,
                   store_test_contact ("L5", "Pat Lee", NULL, "(415) 555-0199", NULL, now), NULL);
  commit_contacts (fixture->store, fixture->ghl,
                   store_test_contact ("G6", "Pat Lee", NULL, "+1 415 555 0199", NULL, now),
                   store_test_contact ("G7", "P. Lee", NULL, "415.555.0199", NULL, now), NULL);
  liaison_contacts_page_set_model (fixture->page, fixture->model);
  wait_until_loaded (fixture);
  gtk_selection_model_select_item (selection, row_position (fixture, "L5"), TRUE);
  wait_detail (detail);
  g_assert_cmpuint (liaison_contact_picker_get_n_candidates (picker), ==, 2);
  g_assert_true (gtk_widget_get_visible (keep));

  g_signal_emit_by_name (keep, "clicked");
  g_assert_nonnull (wait_toast_undo (fixture, "“Pat Lee” kept apart"));
  wait_for_status_count (fixture, LIAISON_LINK_STATUS_KEPT_APART, 3);
  g_assert_cmpuint (
      liaison_contact_list_count_status (fixture->model, LIAISON_LINK_STATUS_AMBIGUOUS), ==, 0);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  g_test_add ("/contacts-page/candidates", Fixture, NULL, fixture_set_up,
              test_contacts_page_candidates, fixture_tear_down);
  g_test_add ("/contacts-page/keep-apart", Fixture, NULL, fixture_set_up,
              test_contacts_page_keep_apart, fixture_tear_down);
  g_test_add ("/contacts-page/keep-apart-ambiguous", Fixture, NULL, fixture_set_up,
              test_contacts_page_keep_apart_ambiguous, fixture_tear_down);
  return g_test_run ();
}
