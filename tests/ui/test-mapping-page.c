/* test-mapping-page.c: the Field Mapping page edits a copy of the saved field map: a change
 * saved reaches the store, a pair the map's validation refuses is not saved and its sentence
 * stands beside it, Discard leaves the store alone, and a custom field is found by search and
 * paired.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "liaison-mapping-page-private.h"
#include "liaison-store-sync.h"
#include "store-test-util.h"

typedef struct
{
  char *dir;
  LiaisonStore *store;
  char *lsq;
  char *ghl;
  GtkWindow *window;
  LiaisonMappingPage *page;
} Fixture;

static LiaisonStoreRecord *
field_record (const char *id, const char *key, const char *name, const char *type)
{
  g_autofree char *raw = g_strdup_printf (
      "{\"id\":\"%s\",\"key\":\"%s\",\"name\":\"%s\",\"dataType\":\"%s\"}", id, key, name, type);
  LiaisonStoreRecord *record = liaison_store_record_new (LIAISON_RECORD_FIELD, id, raw);

  record->display_name = g_strdup (name);
  return record;
}

static void
wait_loaded (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  store_test_drain ();
  while (liaison_mapping_page_get_loading (f->page))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) lsq_fields
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
  g_autoptr (GPtrArray) ghl_fields
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
  g_autofree char *path = NULL;
  const char *lsq_names[][3] = {
    { "FirstName", "First Name", "text" },
    { "LastName", "Last Name", "text" },
    { "EmailAddress", "Email", "email" },
    { "Phone", "Phone Number", "phone" },
    { "Company", "Company", "text" },
    { "mx_Street1", "Street 1", "text" },
    { "mx_City", "City", "text" },
    { "mx_Zip", "Zip", "text" },
    { "mx_Country", "Country", "text" },
    { "mx_Lead_Stage", "Lead Stage", "single-option" },
    { "mx_Number_of_Visits", "Number of Visits", "number" },
  };

  f->dir = store_test_tmpdir ();
  path = g_build_filename (f->dir, "profile.db", NULL);
  f->store = store_test_open (path, "US", &error);
  g_assert_no_error (error);
  f->lsq = store_test_add_connection (f->store, LIAISON_SERVICE_LSQ, "org");
  f->ghl = store_test_add_connection (f->store, LIAISON_SERVICE_GHL, "location");
  /* This LeadSquared account has no mx_State: the default state pair is left out. */
  for (guint i = 0; i < G_N_ELEMENTS (lsq_names); i++)
    g_ptr_array_add (lsq_fields, field_record (lsq_names[i][0], lsq_names[i][0], lsq_names[i][1],
                                               lsq_names[i][2]));
  g_ptr_array_add (ghl_fields, field_record ("cf-stage", "contact.lead_stage", "Pipeline Stage",
                                             "single-option"));
  g_ptr_array_add (ghl_fields, field_record ("cf-vip", "contact.vip", "VIP", "boolean"));
  g_assert_true (
      store_test_commit (f->store, f->lsq, LIAISON_RECORD_FIELD, lsq_fields, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (
      store_test_commit (f->store, f->ghl, LIAISON_RECORD_FIELD, ghl_fields, NULL, &error));
  g_assert_no_error (error);

  f->page = g_object_new (LIAISON_TYPE_MAPPING_PAGE, NULL);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 900, 700);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  liaison_mapping_page_set_store (f->page, f->store, f->lsq, f->ghl);
  wait_loaded (f);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  store_test_drain ();
  g_clear_object (&f->store);
  store_test_rmtree (f->dir);
  g_free (f->dir);
  g_free (f->lsq);
  g_free (f->ghl);
}

/* The saved map's JSON, or NULL when none was saved. */
static char *
stored_mapping (Fixture *f, gint64 *revision)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  char *json;

  liaison_store_load_mapping_async (f->store, NULL, store_test_result_cb, &result);
  json = liaison_store_load_mapping_finish (f->store, store_test_wait (&result), revision, &error);
  g_assert_no_error (error);
  return json;
}

static JsonObject *
stored_pair (Fixture *f, const char *key)
{
  g_autofree char *json = stored_mapping (f, NULL);
  g_autoptr (JsonNode) node = NULL;
  JsonArray *pairs;

  g_assert_nonnull (json);
  node = json_from_string (json, NULL);
  g_assert_nonnull (node);
  pairs = json_object_get_array_member (json_node_get_object (node), "pairs");
  for (guint i = 0; i < json_array_get_length (pairs); i++)
    {
      JsonObject *pair = json_array_get_object_element (pairs, i);

      if (g_strcmp0 (json_object_get_string_member (pair, "key"), key) == 0)
        return json_object_ref (pair);
    }
  return NULL;
}

/* The action bar stays up while there is something to save or a save is under way. */
static void
wait_saved (Fixture *f)
{
  GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_template_child (
      GTK_WIDGET (f->page), LIAISON_TYPE_MAPPING_PAGE, "save_revealer"));
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (gtk_revealer_get_reveal_child (revealer))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  store_test_drain ();
}

static void
test_mapping_page_edit_and_save (Fixture *f, gconstpointer data)
{
  GtkWidget *row = liaison_mapping_page_get_pair_row (f->page, "city");
  g_autoptr (JsonObject) pair = NULL;
  gint64 revision = 0;
  g_autofree char *before = NULL;

  /* The defaults, less the pair whose field this account lacks. */
  g_assert_nonnull (row);
  g_assert_null (liaison_mapping_page_get_pair_row (f->page, "state"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "City  ⇄  City");
  g_assert_false (liaison_mapping_page_get_modified (f->page));
  before = stored_mapping (f, NULL);
  g_assert_null (before);

  adw_combo_row_set_selected (ADW_COMBO_ROW (liaison_mapping_page_get_pair_part (row, "direction")),
                              LIAISON_SYNC_TO_GHL);
  adw_combo_row_set_selected (ADW_COMBO_ROW (liaison_mapping_page_get_pair_part (row, "policy")),
                              LIAISON_POLICY_LSQ_WINS);
  g_assert_true (liaison_mapping_page_get_modified (f->page));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "City  →  City");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==,
                   "LeadSquared to HighLevel · As is · LeadSquared wins");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "mapping.save", NULL));
  wait_saved (f);
  pair = stored_pair (f, "city");
  g_assert_nonnull (pair);
  g_assert_cmpstr (json_object_get_string_member (pair, "direction"), ==, "to-ghl");
  g_assert_cmpstr (json_object_get_string_member (pair, "policy"), ==, "lsq-wins");
  g_free (stored_mapping (f, &revision));
  g_assert_cmpint (revision, ==, 1);
  g_assert_false (liaison_mapping_page_get_modified (f->page));
  /* Nothing is left to save. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->page), "mapping.save", NULL)
                  && liaison_mapping_page_get_modified (f->page));
}

static LiaisonAddPairDialog *
open_add_dialog (Fixture *f)
{
  LiaisonAddPairDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "mapping.add-pair", NULL));
  dialog = liaison_mapping_page_get_add_dialog (f->page);
  g_assert_nonnull (dialog);
  return dialog;
}

static void
test_mapping_page_add_custom_pair (Fixture *f, gconstpointer data)
{
  LiaisonAddPairDialog *dialog = open_add_dialog (f);
  GtkWidget *row;
  g_autoptr (JsonObject) pair = NULL;

  /* Custom fields are offered and found by their names. */
  g_assert_cmpuint (liaison_add_pair_dialog_count_shown (dialog, LIAISON_SERVICE_GHL), >, 10);
  g_assert_true (liaison_add_pair_dialog_select (dialog, LIAISON_SERVICE_LSQ, "mx_Lead_Stage"));
  g_assert_true (liaison_add_pair_dialog_select (dialog, LIAISON_SERVICE_GHL, "cf-stage"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "pair.add", NULL));
  store_test_drain ();
  g_assert_null (liaison_mapping_page_get_add_dialog (f->page));

  row = liaison_mapping_page_get_pair_row (f->page, "mx_Lead_Stage");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Lead Stage  ⇄  Pipeline Stage");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "mapping.save", NULL));
  wait_saved (f);
  pair = stored_pair (f, "mx_Lead_Stage");
  g_assert_nonnull (pair);
  g_assert_cmpstr (json_object_get_string_member (pair, "lsq"), ==, "mx_Lead_Stage");
  g_assert_cmpstr (json_object_get_string_member (pair, "ghl"), ==, "cf-stage");
  g_assert_cmpstr (json_object_get_string_member (pair, "direction"), ==, "both");
}

static void
test_mapping_page_search (Fixture *f, gconstpointer data)
{
  LiaisonAddPairDialog *dialog = open_add_dialog (f);
  GtkWidget *entry = NULL;

  /* The LeadSquared side's search entry is the dialog's first focus. */
  entry = gtk_window_get_focus (GTK_WINDOW (dialog));
  g_assert_true (GTK_IS_TEXT (entry) || GTK_IS_SEARCH_ENTRY (entry));
  while (entry != NULL && !GTK_IS_SEARCH_ENTRY (entry))
    entry = gtk_widget_get_parent (entry);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "VISITS");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (liaison_add_pair_dialog_count_shown (dialog, LIAISON_SERVICE_LSQ), ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (entry), "mx_");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (liaison_add_pair_dialog_count_shown (dialog, LIAISON_SERVICE_LSQ), ==, 6);
  gtk_window_destroy (GTK_WINDOW (dialog));
  store_test_drain ();
}

static void
test_mapping_page_invalid_refused (Fixture *f, gconstpointer data)
{
  LiaisonAddPairDialog *dialog = open_add_dialog (f);
  GtkWidget *row, *error_row;
  const char *sentence;
  g_autofree char *stored = NULL;

  /* A number cannot be kept in a yes-or-no field. */
  g_assert_true (
      liaison_add_pair_dialog_select (dialog, LIAISON_SERVICE_LSQ, "mx_Number_of_Visits"));
  g_assert_true (liaison_add_pair_dialog_select (dialog, LIAISON_SERVICE_GHL, "cf-vip"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "pair.add", NULL));
  store_test_drain ();
  g_assert_true (liaison_mapping_page_get_modified (f->page));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "mapping.save", NULL));
  store_test_drain ();
  row = liaison_mapping_page_get_pair_row (f->page, "mx_Number_of_Visits");
  g_assert_nonnull (row);
  error_row = liaison_mapping_page_get_pair_part (row, "error");
  g_assert_true (gtk_widget_get_visible (error_row));
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  sentence = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (error_row));
  /* The engine's sentence, naming the fields. */
  g_assert_nonnull (strstr (sentence, "mx_Number_of_Visits")
                        ?: strstr (sentence, "Number of Visits"));
  /* The other pairs are not blamed. */
  g_assert_false (gtk_widget_get_visible (liaison_mapping_page_get_pair_part (
      liaison_mapping_page_get_pair_row (f->page, "city"), "error")));
  /* Nothing reached the store; the edit is still there to fix. */
  stored = stored_mapping (f, NULL);
  g_assert_null (stored);
  g_assert_true (liaison_mapping_page_get_modified (f->page));

  /* Removing the pair makes the map savable again. */
  g_signal_emit_by_name (liaison_mapping_page_get_pair_part (row, "remove"), "clicked");
  g_assert_null (liaison_mapping_page_get_pair_row (f->page, "mx_Number_of_Visits"));
  g_assert_false (liaison_mapping_page_get_modified (f->page));
}

static void
test_mapping_page_discard (Fixture *f, gconstpointer data)
{
  GtkWidget *row = liaison_mapping_page_get_pair_row (f->page, "email");
  LiaisonFieldMap *editing;
  g_autofree char *stored = NULL;

  adw_combo_row_set_selected (ADW_COMBO_ROW (liaison_mapping_page_get_pair_part (row, "policy")),
                              LIAISON_POLICY_GHL_WINS);
  g_signal_emit_by_name (liaison_mapping_page_get_pair_part (
                             liaison_mapping_page_get_pair_row (f->page, "website"), "remove"),
                         "clicked");
  g_assert_true (liaison_mapping_page_get_modified (f->page));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "mapping.discard", NULL));
  store_test_drain ();
  g_assert_false (liaison_mapping_page_get_modified (f->page));
  editing = liaison_mapping_page_get_editing (f->page);
  g_assert_cmpint (
      liaison_field_map_get_policy (editing, liaison_field_map_find (editing, "email")), ==,
      LIAISON_POLICY_ASK);
  g_assert_nonnull (liaison_mapping_page_get_pair_row (f->page, "website"));
  stored = stored_mapping (f, NULL);
  g_assert_null (stored);
}

static void
test_mapping_page_reset (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) city = NULL;

  g_signal_emit_by_name (liaison_mapping_page_get_pair_part (
                             liaison_mapping_page_get_pair_row (f->page, "city"), "remove"),
                         "clicked");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "mapping.save", NULL));
  wait_saved (f);
  g_assert_null (liaison_mapping_page_get_pair_row (f->page, "city"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "mapping.reset", NULL));
  g_assert_nonnull (liaison_mapping_page_get_pair_row (f->page, "city"));
  g_assert_null (liaison_mapping_page_get_pair_row (f->page, "state"));
  g_assert_true (liaison_mapping_page_get_modified (f->page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "mapping.save", NULL));
  wait_saved (f);
  city = stored_pair (f, "city");
  g_assert_nonnull (city);
}

/* Without both accounts there is nothing to pair: the page says how to get there. */
static void
test_mapping_page_without_accounts (Fixture *f, gconstpointer data)
{
  GtkStack *stack = GTK_STACK (
      gtk_widget_get_template_child (GTK_WIDGET (f->page), LIAISON_TYPE_MAPPING_PAGE, "stack"));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "pairs");
  liaison_mapping_page_set_store (f->page, f->store, f->lsq, NULL);
  wait_loaded (f);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->page), "mapping.add-pair", NULL)
                  && liaison_mapping_page_get_add_dialog (f->page) != NULL);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  g_test_add ("/mapping-page/edit-and-save", Fixture, NULL, fixture_set_up,
              test_mapping_page_edit_and_save, fixture_tear_down);
  g_test_add ("/mapping-page/add-custom-pair", Fixture, NULL, fixture_set_up,
              test_mapping_page_add_custom_pair, fixture_tear_down);
  g_test_add ("/mapping-page/search", Fixture, NULL, fixture_set_up, test_mapping_page_search,
              fixture_tear_down);
  g_test_add ("/mapping-page/invalid-refused", Fixture, NULL, fixture_set_up,
              test_mapping_page_invalid_refused, fixture_tear_down);
  g_test_add ("/mapping-page/discard", Fixture, NULL, fixture_set_up, test_mapping_page_discard,
              fixture_tear_down);
  g_test_add ("/mapping-page/reset", Fixture, NULL, fixture_set_up, test_mapping_page_reset,
              fixture_tear_down);
  g_test_add ("/mapping-page/without-accounts", Fixture, NULL, fixture_set_up,
              test_mapping_page_without_accounts, fixture_tear_down);

  return g_test_run ();
}
