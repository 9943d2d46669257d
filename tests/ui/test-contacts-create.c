/* test-contacts-create.c: "Create in HighLevel" in the Contacts page's detail pane, against the
 * in-process sandbox: the lead arrives in HighLevel with its mapped fields through the sync
 * engine (a link, a run with its create operation), and the next full sync leaves it alone.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <string.h>

#include "contacts-test-util.h"
#include "liaison-contact-create.h"
#include "liaison-store-history.h"
#include "sync-test-util.h"

static const SyncFixtureOptions small = { 5, 40, NULL, 0, FALSE };

typedef struct
{
  SyncFixture sync;
  LiaisonContactList *model;
  LiaisonContactsPage *page;
  AdwToastOverlay *overlay;
  GtkWindow *window;
} CreateFixture;

static void
set_up (CreateFixture *f, gconstpointer data)
{
  sync_fixture_set_up (&f->sync, &small);
  f->model = liaison_contact_list_new (f->sync.store, f->sync.lsq_id, f->sync.ghl_id);
  f->page = g_object_ref_sink (g_object_new (LIAISON_TYPE_CONTACTS_PAGE, NULL));
  f->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (f->overlay, GTK_WIDGET (f->page));
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1000, 680);
  gtk_window_set_child (f->window, GTK_WIDGET (f->overlay));
  gtk_window_present (f->window);
}

static void
tear_down (CreateFixture *f, gconstpointer data)
{
  g_clear_pointer (&f->window, gtk_window_destroy);
  g_clear_object (&f->page);
  g_clear_object (&f->model);
  sync_fixture_tear_down (&f->sync);
}

static void
wait_loaded (CreateFixture *f)
{
  SYNC_WAIT_UNTIL (!liaison_contact_list_get_loading (f->model), 20);
}

/* The row of the page's list whose LeadSquared id is lsq_id, selected. */
static LiaisonContactRow *
select_lead (CreateFixture *f, const char *lsq_id)
{
  GtkColumnView *view = template_child (f->page, LIAISON_TYPE_CONTACTS_PAGE, "column_view");
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (view));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    {
      g_autoptr (LiaisonContactRow) row = g_list_model_get_item (G_LIST_MODEL (selection), i);

      if (g_strcmp0 (liaison_contact_row_get_lsq_id (row), lsq_id) == 0)
        {
          gtk_single_selection_set_selected (selection, i);
          return gtk_single_selection_get_selected_item (selection);
        }
    }
  g_assert_not_reached ();
}

static void
test_create_in_highlevel (CreateFixture *f, gconstpointer data)
{
  g_autofree char *lead_id = sync_lead_to_create (&f->sync);
  g_autoptr (LiaisonHistoryFilter) filter = liaison_history_filter_new ();
  g_autoptr (GPtrArray) operations = NULL;
  g_autoptr (GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonSyncResult) after = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *email = NULL;
  g_autofree char *ghl_id = NULL;
  LiaisonContactDetail *detail;
  LiaisonContactCreate *button;
  LiaisonContactRow *row;
  JsonObject *lead, *contact;
  guint n_ghl_before = json_array_get_length (sync_records (&f->sync, LIAISON_SERVICE_GHL));
  gint64 seq;

  liaison_contacts_page_set_model (f->page, f->model);
  wait_loaded (f);
  detail = template_child (f->page, LIAISON_TYPE_CONTACTS_PAGE, "detail");
  button = template_child (detail, LIAISON_TYPE_CONTACT_DETAIL, "create_button");
  row = select_lead (f, lead_id);
  name = g_strdup (liaison_contact_row_get_display_name (row));
  wait_detail (detail);

  /* Without an engine (an account not connected) it shows, off, saying why. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Create in HighLevel");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (button)));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (button)), "Accounts"));

  liaison_contacts_page_set_engine (f->page, f->sync.engine);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (liaison_contact_create_get_busy (button));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (button)));

  title = g_strdup_printf ("“%s” created in HighLevel", name);
  SYNC_WAIT_UNTIL (find_labelled (GTK_WIDGET (f->overlay), GTK_TYPE_LABEL, title) != NULL, 30);
  g_assert_false (liaison_contact_create_get_busy (button));

  /* HighLevel has it, with the lead's mapped fields; the list shows the pair linked. */
  g_assert_cmpuint (json_array_get_length (sync_records (&f->sync, LIAISON_SERVICE_GHL)), ==,
                    n_ghl_before + 1);
  SYNC_WAIT_UNTIL (!liaison_contact_list_get_loading (f->model)
                       && liaison_contact_row_get_status (select_lead (f, lead_id))
                              == LIAISON_LINK_STATUS_LINKED,
                   20);
  row = select_lead (f, lead_id);
  ghl_id = g_strdup (liaison_contact_row_get_ghl_id (row));
  g_assert_nonnull (ghl_id);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (button)));
  lead = sync_record (&f->sync, LIAISON_SERVICE_LSQ, lead_id);
  contact = sync_record (&f->sync, LIAISON_SERVICE_GHL, ghl_id);
  g_assert_nonnull (contact);
  email = g_ascii_strdown (json_object_get_string_member (lead, "EmailAddress"), -1);
  g_assert_cmpstr (json_object_get_string_member (contact, "email"), ==, email);
  g_assert_cmpstr (json_object_get_string_member (contact, "firstName"), ==,
                   json_object_get_string_member (lead, "FirstName"));

  /* The history has the run with its create. */
  filter->contact = g_strdup (lead_id);
  filter->action = LIAISON_OPERATION_CREATE;
  operations = liaison_store_query_operations (f->sync.store, filter, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (operations->len, ==, 1);
  g_assert_cmpstr (((LiaisonStoreOperation *) g_ptr_array_index (operations, 0))->ghl_id, ==,
                   ghl_id);

  /* A full sync after it writes nothing for that contact. */
  seq = sync_log_seq (&f->sync, LIAISON_SERVICE_GHL);
  after = sync_run_ok (&f->sync);
  g_assert_cmpuint (after->n_failed, ==, 0);
  sync_count_writes (&f->sync, LIAISON_SERVICE_GHL, seq, bodies);
  for (guint i = 0; i < bodies->len; i++)
    g_assert_null (strstr (g_ptr_array_index (bodies, i), email));
}

/* The map sends nothing to HighLevel: the press says so in a toast, the contact stays on its
 * own side, and the button can be pressed again. */
static void
test_create_refused_by_map (CreateFixture *f, gconstpointer data)
{
  g_autofree char *lead_id = sync_lead_to_create (&f->sync);
  g_autoptr (LiaisonFieldMap) map = liaison_field_map_new_default ();
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  LiaisonContactDetail *detail;
  LiaisonContactCreate *button;
  guint n_ghl_before = json_array_get_length (sync_records (&f->sync, LIAISON_SERVICE_GHL));

  for (guint i = 0; i < liaison_field_map_get_n_pairs (map); i++)
    liaison_field_map_set_direction (map, i, LIAISON_SYNC_TO_LSQ);
  sync_save_mapping (&f->sync, map);
  liaison_contacts_page_set_model (f->page, f->model);
  liaison_contacts_page_set_engine (f->page, f->sync.engine);
  wait_loaded (f);
  detail = template_child (f->page, LIAISON_TYPE_CONTACTS_PAGE, "detail");
  button = template_child (detail, LIAISON_TYPE_CONTACT_DETAIL, "create_button");
  name = g_strdup (liaison_contact_row_get_display_name (select_lead (f, lead_id)));
  wait_detail (detail);
  g_signal_emit_by_name (button, "clicked");

  title = g_strdup_printf ("Could not create “%s” in HighLevel: The field map sends no field to "
                           "HighLevel. Under Field Mapping, let at least one field travel there.",
                           name);
  SYNC_WAIT_UNTIL (find_labelled (GTK_WIDGET (f->overlay), GTK_TYPE_LABEL, title) != NULL, 30);
  g_assert_cmpuint (json_array_get_length (sync_records (&f->sync, LIAISON_SERVICE_GHL)), ==,
                    n_ghl_before);
  g_assert_cmpint (liaison_contact_row_get_status (select_lead (f, lead_id)), ==,
                   LIAISON_LINK_STATUS_LSQ_ONLY);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/contacts-create/create-in-highlevel", CreateFixture, NULL, set_up,
              test_create_in_highlevel, tear_down);
  g_test_add ("/contacts-create/refused-by-map", CreateFixture, NULL, set_up,
              test_create_refused_by_map, tear_down);
  return g_test_run ();
}
