/* test-contacts-not-copied.c: the Contacts page after an undo took back the copies a first sync
 * made (issue 15), against the in-process sandbox: each original says "Not copied" in the list
 * and which runs in its detail pane; Copy Again lets one go at once, with a toast, and the next
 * sync creates exactly that one copy. With LIAISON_CONTACTS_SHOTS set, the page is shot wide and
 * narrow, light and dark, into that folder.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <string.h>

#include "contacts-test-util.h"
#include "liaison-contact-create.h"
#include "sync-test-util.h"
#include "ui-test-util.h"

/* A first sync whose creates stay few. */
static const SyncFixtureOptions few = { .seed = 5, .contacts = 7 };

typedef struct
{
  SyncFixture sync;
  LiaisonContactList *model;
  LiaisonContactsPage *page;
  AdwToastOverlay *overlay;
  GtkWindow *window;
  gint64 first_run;
  gint64 undo_run;
  guint n_copies;
} NotCopiedFixture;

static LiaisonSyncResult *
run_contacts (NotCopiedFixture *f, gint64 undo_run)
{
  LiaisonSyncOptions options = { .kinds = LIAISON_SYNC_KIND_CONTACTS,
                                 .undo_run = undo_run,
                                 .force_delete = undo_run != 0 };
  g_autoptr (GError) error = NULL;
  LiaisonSyncResult *result = sync_run (&f->sync, &options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->n_failed, ==, 0);
  return result;
}

/* A first sync copies contacts both ways; its undo (deletes on, past the guard) deletes every
 * copy and lists the originals as not to copy again. Then the page opens on the store. */
static void
set_up (NotCopiedFixture *f, gconstpointer data)
{
  g_autoptr (LiaisonSyncResult) first = NULL;
  g_autoptr (LiaisonSyncResult) undone = NULL;

  sync_fixture_set_up (&f->sync, &few);
  sync_set_deletes (&f->sync, TRUE);
  first = run_contacts (f, 0);
  g_assert_cmpuint (first->n_created, >, 1);
  undone = run_contacts (f, first->run_id);
  g_assert_cmpuint (undone->n_deleted, ==, first->n_created);
  f->first_run = first->run_id;
  f->undo_run = undone->run_id;
  f->n_copies = first->n_created;

  f->model = liaison_contact_list_new (f->sync.store, f->sync.lsq_id, f->sync.ghl_id);
  f->page = g_object_ref_sink (g_object_new (LIAISON_TYPE_CONTACTS_PAGE, NULL));
  f->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (f->overlay, GTK_WIDGET (f->page));
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1000, 680);
  gtk_window_set_child (f->window, GTK_WIDGET (f->overlay));
  gtk_window_present (f->window);
  liaison_contacts_page_set_model (f->page, f->model);
  liaison_contacts_page_set_engine (f->page, f->sync.engine);
  SYNC_WAIT_UNTIL (!liaison_contact_list_get_loading (f->model)
                       && g_list_model_get_n_items (G_LIST_MODEL (f->model)) > 0,
                   20);
}

static void
tear_down (NotCopiedFixture *f, gconstpointer data)
{
  g_clear_pointer (&f->window, gtk_window_destroy);
  g_clear_object (&f->page);
  g_clear_object (&f->model);
  ui_test_spin (30);
  sync_fixture_tear_down (&f->sync);
}

static guint
count_not_copied (NotCopiedFixture *f)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f->model)); i++)
    {
      g_autoptr (LiaisonContactRow) row = g_list_model_get_item (G_LIST_MODEL (f->model), i);

      n += liaison_contact_row_get_not_copied (row, NULL, NULL);
    }
  return n;
}

static guint
first_not_copied (NotCopiedFixture *f)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f->model)); i++)
    {
      g_autoptr (LiaisonContactRow) row = g_list_model_get_item (G_LIST_MODEL (f->model), i);

      if (liaison_contact_row_get_not_copied (row, NULL, NULL))
        return i;
    }
  g_assert_not_reached ();
}

static gboolean
linked_with_copy (NotCopiedFixture *f, const char *lsq_id, const char *ghl_id)
{
  if (liaison_contact_list_get_loading (f->model))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f->model)); i++)
    {
      g_autoptr (LiaisonContactRow) row = g_list_model_get_item (G_LIST_MODEL (f->model), i);

      if ((lsq_id != NULL && g_strcmp0 (liaison_contact_row_get_lsq_id (row), lsq_id) == 0)
          || (ghl_id != NULL && g_strcmp0 (liaison_contact_row_get_ghl_id (row), ghl_id) == 0))
        return liaison_contact_row_get_status (row) == LIAISON_LINK_STATUS_LINKED;
    }
  return FALSE;
}

static void
shoot (NotCopiedFixture *f, const char *name)
{
  const char *dir = g_getenv ("LIAISON_CONTACTS_SHOTS");
  AdwStyleManager *style = adw_style_manager_get_default ();
  static const int widths[] = { 1000, 400 };

  if (dir == NULL || *dir == '\0')
    return;
  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    for (guint dark = 0; dark < 2; dark++)
      {
        g_autofree char *file
            = g_strdup_printf ("%s-%d%s.png", name, widths[w], dark ? "-dark" : "");
        g_autofree char *path = g_build_filename (dir, file, NULL);
        g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (f->window));
        GtkSnapshot *snapshot = gtk_snapshot_new ();
        g_autoptr (GskRenderNode) node = NULL;
        g_autoptr (GdkTexture) texture = NULL;
        int width, height;

        gtk_window_set_default_size (f->window, widths[w], 680);
        adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                        : ADW_COLOR_SCHEME_FORCE_LIGHT);
        ui_test_spin (500);
        width = gtk_widget_get_width (GTK_WIDGET (f->window));
        height = gtk_widget_get_height (GTK_WIDGET (f->window));
        gdk_paintable_snapshot (paintable, snapshot, width, height);
        node = gtk_snapshot_free_to_node (snapshot);
        texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (f->window)),
                                               node, &GRAPHENE_RECT_INIT (0, 0, width, height));
        g_assert_true (gdk_texture_save_to_png (texture, path));
      }
  gtk_window_set_default_size (f->window, 1000, 680);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  ui_test_spin (300);
}

static void
test_not_copied_copy_again (NotCopiedFixture *f, gconstpointer data)
{
  GtkColumnView *view = template_child (f->page, LIAISON_TYPE_CONTACTS_PAGE, "column_view");
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (view));
  LiaisonContactDetail *detail = template_child (f->page, LIAISON_TYPE_CONTACTS_PAGE, "detail");
  GtkWidget *copy_again = template_child (detail, LIAISON_TYPE_CONTACT_DETAIL, "copy_again_button");
  GtkWidget *create = template_child (detail, LIAISON_TYPE_CONTACT_DETAIL, "create_button");
  GtkLabel *explanation = template_child (detail, LIAISON_TYPE_CONTACT_DETAIL, "explanation_label");
  Fixture toasts = { .overlay = f->overlay };
  g_autoptr (GPtrArray) listed = NULL;
  g_autoptr (LiaisonSyncResult) next = NULL;
  g_autoptr (LiaisonContactRow) after = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *lsq_id = NULL;
  g_autofree char *ghl_id = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *title = NULL;
  LiaisonContactRow *row;
  gint64 undo_run = 0, undone_run = 0;
  guint position;

  /* Every original is marked, with the runs; the list says so in its Link column. */
  g_assert_cmpuint (count_not_copied (f), ==, f->n_copies);
  position = first_not_copied (f);
  gtk_single_selection_set_selected (selection, position);
  row = gtk_single_selection_get_selected_item (selection);
  g_assert_true (liaison_contact_row_get_not_copied (row, &undo_run, &undone_run));
  g_assert_cmpint (undo_run, ==, f->undo_run);
  g_assert_cmpint (undone_run, ==, f->first_run);
  g_assert_nonnull (liaison_contact_row_get_not_copied_id (row));
  name = g_strdup (liaison_contact_row_get_display_name (row));
  lsq_id = g_strdup (liaison_contact_row_get_lsq_id (row));
  ghl_id = g_strdup (liaison_contact_row_get_ghl_id (row));
  ui_test_spin (200);
  {
    GtkWidget *cell = find_labelled (GTK_WIDGET (view), GTK_TYPE_LABEL, "Not copied");

    g_assert_nonnull (cell);
    /* The sentence behind the word, for a screen reader as on hover. */
    gtk_test_accessible_assert_property (
        cell, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
        "Not copied: an undo took its copy back, and the next sync leaves it alone");
  }

  /* The detail says which undo, and that the next sync leaves it alone; Copy Again instead of
   * Create. */
  wait_detail (detail);
  copied = g_strdup_printf ("run %" G_GINT64_FORMAT " copied this", f->first_run);
  undone
      = g_strdup_printf ("the undo in run %" G_GINT64_FORMAT " took that copy back", f->undo_run);
  g_assert_nonnull (strstr (gtk_label_get_label (explanation), copied));
  g_assert_nonnull (strstr (gtk_label_get_label (explanation), undone));
  g_assert_nonnull (strstr (gtk_label_get_label (explanation), "The next sync leaves it alone"));
  g_assert_true (gtk_widget_get_visible (copy_again));
  g_assert_true (gtk_widget_is_sensitive (copy_again));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (copy_again)), ==, "Copy A_gain");
  g_assert_false (gtk_widget_get_visible (create));
  shoot (f, "contacts-not-copied");

  /* Copy Again: off while the store works, then the toast (no Undo), and the row says it at
   * once, before the reload the store's signal brings. */
  gtk_widget_activate_action (GTK_WIDGET (detail), "detail.copy-again", NULL);
  g_assert_false (gtk_widget_is_sensitive (copy_again));
  title = g_strdup_printf ("“%s” will be copied by the next sync", name);
  g_assert_null (wait_toast_undo (&toasts, title));
  after = g_list_model_get_item (G_LIST_MODEL (f->model), position);
  g_assert_cmpstr (liaison_contact_row_get_lsq_id (after), ==, lsq_id);
  g_assert_cmpstr (liaison_contact_row_get_ghl_id (after), ==, ghl_id);
  g_assert_false (liaison_contact_row_get_not_copied (after, NULL, NULL));
  g_assert_cmpuint (count_not_copied (f), ==, f->n_copies - 1);
  listed = liaison_store_list_not_copied (f->sync.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, f->n_copies - 1);

  /* The selection stays on it; the pane offers Create again, no Copy Again. */
  SYNC_WAIT_UNTIL (liaison_contact_detail_get_row (detail) != NULL
                       && !liaison_contact_row_get_not_copied (
                           liaison_contact_detail_get_row (detail), NULL, NULL),
                   10);
  g_assert_cmpstr (liaison_contact_row_get_lsq_id (liaison_contact_detail_get_row (detail)), ==,
                   lsq_id);
  g_assert_false (gtk_widget_get_visible (copy_again));
  g_assert_true (gtk_widget_get_visible (create));

  /* The reload after the store's signal agrees. */
  ui_test_spin (400);
  SYNC_WAIT_UNTIL (!liaison_contact_list_get_loading (f->model), 20);
  g_assert_cmpuint (count_not_copied (f), ==, f->n_copies - 1);

  /* The next sync creates exactly that one copy; the others stay not copied. */
  next = run_contacts (f, 0);
  g_assert_cmpuint (next->n_created, ==, 1);
  g_assert_cmpuint (next->n_deleted, ==, 0);
  SYNC_WAIT_UNTIL (linked_with_copy (f, lsq_id, ghl_id), 20);
  g_assert_cmpuint (count_not_copied (f), ==, f->n_copies - 1);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/contacts-not-copied/copy-again", NotCopiedFixture, NULL, set_up,
              test_not_copied_copy_again, tear_down);
  return g_test_run ();
}
