/* contacts-test-util.c: the Contacts page tests' fixture (a store with three contacts on each
 * side, a page in a window with a toast overlay) and what they wait for and look up.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "contacts-test-util.h"

#include "liaison-contact-activity.h"
#include "liaison-contact-detail.h"

gpointer
template_child (gpointer widget, GType type, const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

void
wait_until_loaded (Fixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  store_test_drain ();
  while (liaison_contact_list_get_loading (fixture->model))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  store_test_drain ();
}

void
commit_contacts (LiaisonStore *store, const char *connection_id, LiaisonStoreRecord *first, ...)
{
  g_autoptr (GPtrArray) records
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
  g_autoptr (GError) error = NULL;
  va_list args;

  va_start (args, first);
  for (LiaisonStoreRecord *r = first; r != NULL; r = va_arg (args, LiaisonStoreRecord *))
    g_ptr_array_add (records, r);
  va_end (args);

  g_assert_true (
      store_test_commit (store, connection_id, LIAISON_RECORD_CONTACT, records, NULL, &error));
  g_assert_no_error (error);
}

void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 now = g_get_real_time () / 1000;

  fixture->dir = store_test_tmpdir ();
  path = g_build_filename (fixture->dir, "profile.db", NULL);
  fixture->store = store_test_open (path, "US", &error);
  g_assert_no_error (error);
  fixture->lsq = store_test_add_connection (fixture->store, LIAISON_SERVICE_LSQ, "org-1");
  fixture->ghl = store_test_add_connection (fixture->store, LIAISON_SERVICE_GHL, "loc-1");

  commit_contacts (
      fixture->store, fixture->lsq,
      store_test_contact ("L1", "Zoë Müller", "zoe@example.com", "+49 30 1234567", "Müller GmbH",
                          now - 1000),
      store_test_contact ("L2", "Arjun Rao", "arjun@example.in", "+91 98765 43210", "Rao Traders",
                          now - 2000),
      store_test_contact ("L3", "Only Lead", "only.lead@example.com", NULL, NULL, now - 3000),
      NULL);
  commit_contacts (
      fixture->store, fixture->ghl,
      store_test_contact ("G1", "Zoe Muller", "ZOE@example.com", "+49 30 1234567", "Müller GmbH",
                          now - 500),
      store_test_contact ("G2", "Arjun Rao", "arjun@example.in", "+91 98765 43210", "Rao Traders",
                          now - 2500),
      store_test_contact ("G3", "Only Contact", "only.contact@example.com", NULL, NULL, now - 100),
      NULL);

  fixture->model = liaison_contact_list_new (fixture->store, fixture->lsq, fixture->ghl);
  fixture->page = g_object_new (LIAISON_TYPE_CONTACTS_PAGE, NULL);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 700);
  /* As in the main window, whose toast overlay says what linking did. */
  fixture->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (fixture->overlay, GTK_WIDGET (fixture->page));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->overlay));
  gtk_window_present (fixture->window);
}

void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (fixture->window);
  store_test_drain ();
  g_clear_object (&fixture->model);
  g_clear_object (&fixture->store);
  store_test_drain ();
  g_free (fixture->lsq);
  g_free (fixture->ghl);
  g_free (fixture->dir);
}

gboolean
focus_within (Fixture *fixture, gpointer widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

guint
row_position (Fixture *fixture, const char *lsq_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (fixture->model)); i++)
    {
      g_autoptr (LiaisonContactRow) row = g_list_model_get_item (G_LIST_MODEL (fixture->model), i);

      if (g_strcmp0 (liaison_contact_row_get_lsq_id (row), lsq_id) == 0)
        return i;
    }
  g_assert_not_reached ();
}

/* The detail pane and its activity read the store asynchronously. */
void
wait_detail (LiaisonContactDetail *detail)
{
  LiaisonContactActivity *activity
      = template_child (detail, LIAISON_TYPE_CONTACT_DETAIL, "activity");
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (liaison_contact_detail_get_loading (detail)
         || liaison_contact_activity_get_loading (activity))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

void
wait_for_count (Fixture *fixture, LiaisonLinkStatus status, guint n)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while ((status != 0 ? liaison_contact_list_count_status (fixture->model, status)
                      : g_list_model_get_n_items (G_LIST_MODEL (fixture->model)))
         != n)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  store_test_drain ();
}

/* Until the list shows n rows. */
void
wait_for_n_rows (Fixture *fixture, guint n)
{
  wait_for_count (fixture, 0, n);
}

/* Until the store holds n contacts of status, whatever the list shows. */
void
wait_for_status_count (Fixture *fixture, LiaisonLinkStatus status, guint n)
{
  wait_for_count (fixture, status, n);
}

/* The first widget under widget of type whose label is text, or NULL. */
GtkWidget *
find_labelled (GtkWidget *widget, GType type, const char *text)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    {
      const char *label = GTK_IS_LABEL (widget) ? gtk_label_get_label (GTK_LABEL (widget))
                                                : gtk_button_get_label (GTK_BUTTON (widget));

      if (g_strcmp0 (label, text) == 0)
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_labelled (child, type, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The Undo button of the toast titled title, once it shows. */
GtkWidget *
wait_toast_undo (Fixture *fixture, const char *title)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  GtkWidget *label;

  while ((label = find_labelled (GTK_WIDGET (fixture->overlay), GTK_TYPE_LABEL, title)) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_nonnull (gtk_widget_get_ancestor (label, g_type_from_name ("AdwToastWidget")));
  return find_labelled (gtk_widget_get_ancestor (label, g_type_from_name ("AdwToastWidget")),
                        GTK_TYPE_BUTTON, "_Undo");
}

LiaisonContactRow *
selected_row (Fixture *fixture)
{
  GtkColumnView *view = template_child (fixture->page, LIAISON_TYPE_CONTACTS_PAGE, "column_view");

  return gtk_single_selection_get_selected_item (
      GTK_SINGLE_SELECTION (gtk_column_view_get_model (view)));
}
