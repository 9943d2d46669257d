/* conflicts-test-util.c: the Conflicts page's tests share this: a synced sandbox with the page
 * in a window, and ways to find its rows and read what they show.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "conflicts-test-util.h"

const SyncFixtureOptions conflicts_small = { 5, 40, NULL, 0, FALSE };

gpointer
template_child (Fixture *f, const char *name)
{
  GObject *child
      = gtk_widget_get_template_child (GTK_WIDGET (f->page), LIAISON_TYPE_CONFLICTS_PAGE, name);

  g_assert_nonnull (child);
  return child;
}

void
run_ok (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonSyncResult) result = sync_run (&f->sync, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (result->n_failed, ==, 0);
}

const char *
visible_page (Fixture *f)
{
  return gtk_stack_get_visible_child_name (template_child (f, "stack"));
}

/* Both services change the city of one linked contact differently: a conflict. */
void
make_conflict (Fixture *f, const char *lsq_city, const char *ghl_city)
{
  sync_edit_city_both (&f->sync, f->lsq_id, f->ghl_id, lsq_city, ghl_city);
  run_ok (f);
}

void
set_up (Fixture *f, gconstpointer data)
{
  sync_fixture_set_up (&f->sync, &conflicts_small);
  run_ok (f);
  sync_until_quiet (&f->sync, 3);
  sync_first_link (&f->sync, &f->lsq_id, &f->ghl_id);

  f->page = g_object_new (LIAISON_TYPE_CONFLICTS_PAGE, NULL);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 700, 600);
  {
    /* In a toast overlay, as in the window: answers with Undo are announced there. */
    GtkWidget *overlay = adw_toast_overlay_new ();

    adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->page));
    gtk_window_set_child (f->window, overlay);
  }
  gtk_window_present (f->window);
}

void
tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  store_test_drain ();
  sync_fixture_tear_down (&f->sync);
  g_free (f->lsq_id);
  g_free (f->ghl_id);
}

/* The rows the list view has built, in order (each list item's child). */
GPtrArray *
list_rows (Fixture *f)
{
  GtkWidget *list = template_child (f, "list");
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (LIAISON_IS_CONFLICT_ROW (gtk_widget_get_first_child (child)))
      g_ptr_array_add (rows, gtk_widget_get_first_child (child));
  return rows;
}

LiaisonConflictRow *
find_row (Fixture *f, const char *field)
{
  g_autoptr (GPtrArray) rows = list_rows (f);

  for (guint i = 0; i < rows->len; i++)
    {
      LiaisonConflictItem *item = liaison_conflict_row_get_item (g_ptr_array_index (rows, i));

      if (g_strcmp0 (liaison_conflict_item_get_lsq_id (item), f->lsq_id) == 0
          && g_strcmp0 (liaison_conflict_item_get_field (item), field) == 0)
        return g_ptr_array_index (rows, i);
    }
  return NULL;
}

/* The descendant of widget with the given name. */
GtkWidget *
find_named (GtkWidget *widget, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

const char *
value_label (LiaisonConflictRow *row, const char *side)
{
  GtkWidget *label = find_named (GTK_WIDGET (row), side);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_label (GTK_LABEL (label));
}

const char *
lead_city (Fixture *f)
{
  static char city[64];
  g_autoptr (JsonObject) lead = sync_record (&f->sync, LIAISON_SERVICE_LSQ, f->lsq_id);

  g_strlcpy (city, json_object_get_string_member_with_default (lead, "mx_City", ""), sizeof city);
  return city;
}

const char *
contact_city (Fixture *f)
{
  static char city[64];
  g_autoptr (JsonObject) contact = sync_record (&f->sync, LIAISON_SERVICE_GHL, f->ghl_id);

  g_strlcpy (city, json_object_get_string_member_with_default (contact, "city", ""), sizeof city);
  return city;
}

guint
open_conflicts_for_lead (Fixture *f)
{
  g_autoptr (GPtrArray) open = liaison_store_list_conflicts (f->sync.store, TRUE, NULL);
  guint n = 0;

  for (guint i = 0; i < open->len; i++)
    n += g_strcmp0 (((LiaisonStoreConflict *) g_ptr_array_index (open, i))->lsq_id, f->lsq_id) == 0;
  return n;
}

void
on_dialog_shown (GtkWindow *window, gpointer user_data)
{
  AdwMessageDialog **slot = user_data;

  if (ADW_IS_MESSAGE_DIALOG (window))
    *slot = ADW_MESSAGE_DIALOG (window);
}

AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *dialog = NULL;

  for (guint i = 0; dialog == NULL && i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);
      on_dialog_shown (window, &dialog);
    }
  g_assert_nonnull (dialog);
  return dialog;
}
