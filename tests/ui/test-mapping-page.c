/* test-mapping-page.c: the Field Mapping page on a store that a refresh from the in-process
 * sandbox filled, driven through its widgets: a pair's direction and policy changed and saved
 * reach the store; a pair writing a field another pair writes is refused with its sentence
 * beside its row and nothing is saved; Discard leaves the store alone; Reset to Defaults saved
 * removes the saved map; a picklist pair's value table is saved; a saved map another release
 * wrote is reported and replaced; and the page says what to do
 * when an account is not connected or no refresh has read the fields.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <string.h>

#include "booking-test-util.h"
#include "liaison-mapping-page-private.h"
#include "liaison-mapping-row.h"
#include "liaison-store-sync.h"
#include "store-test-util.h"

#define PINNED "2026-10-19T12:00:00Z"

typedef struct
{
  BookingEnv env;
  GtkWindow *window;
  LiaisonMappingPage *page;
} Fixture;

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
wait_idle (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  spin (20);
  while (liaison_mapping_page_get_busy (f->page))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  spin (20);
}

static void
open_page (Fixture *f, LiaisonStore *store, const char *lsq, const char *ghl)
{
  f->page = g_object_new (LIAISON_TYPE_MAPPING_PAGE, NULL);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1000, 700);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  liaison_mapping_page_set_store (f->page, store, lsq, ghl);
  wait_idle (f);
}

static void
set_up (Fixture *f, gconstpointer data)
{
  booking_env_init (&f->env, PINNED);
  open_page (f, f->env.store, f->env.lsq_connection, f->env.ghl_connection);
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (toplevels);
  spin (20);
  if (f->env.sandbox != NULL)
    booking_env_clear (&f->env);
}

/* The saved map's JSON as the store holds it (NULL: none saved). */
static JsonNode *
stored_map (LiaisonStore *store, gint64 *revision)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;

  liaison_store_load_mapping_async (store, NULL, store_test_result_cb, &result);
  json = liaison_store_load_mapping_finish (store, store_test_wait (&result), revision, &error);
  g_assert_no_error (error);
  return json != NULL ? json_from_string (json, NULL) : NULL;
}

static JsonObject *
stored_pair (JsonNode *map, const char *key)
{
  JsonArray *pairs = json_object_get_array_member (json_node_get_object (map), "pairs");

  for (guint i = 0; i < json_array_get_length (pairs); i++)
    {
      JsonObject *pair = json_array_get_object_element (pairs, i);

      if (g_strcmp0 (json_object_get_string_member (pair, "key"), key) == 0)
        return pair;
    }
  return NULL;
}

static gpointer
page_child (Fixture *f, const char *name)
{
  GObject *object
      = gtk_widget_get_template_child (GTK_WIDGET (f->page), LIAISON_TYPE_MAPPING_PAGE, name);

  g_assert_nonnull (object);
  return object;
}

static GtkRevealer *
save_bar (Fixture *f)
{
  return GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (f->page),
                                                      LIAISON_TYPE_MAPPING_PAGE, "save_revealer"));
}

static AdwComboRow *
row_combo (Fixture *f, const char *key, const char *which)
{
  AdwExpanderRow *row = liaison_mapping_page_get_row (f->page, key);

  g_assert_nonnull (row);
  return g_object_get_data (G_OBJECT (row), which);
}

static const char *
row_problem (Fixture *f, const char *key)
{
  AdwExpanderRow *row = liaison_mapping_page_get_row (f->page, key);
  GtkWidget *label;

  g_assert_nonnull (row);
  label = g_object_get_data (G_OBJECT (row), LIAISON_MAPPING_ROW_PROBLEM);
  return gtk_widget_get_visible (gtk_widget_get_parent (label))
             ? gtk_label_get_text (GTK_LABEL (label))
             : NULL;
}

/* The row inside an expander row whose title is title, or NULL. */
static GtkWidget *
row_titled (AdwExpanderRow *row, const char *title)
{
  GtkWidget *top = GTK_WIDGET (row);

  for (GtkWidget *w = gtk_widget_get_first_child (top); w != NULL;)
    {
      if (ADW_IS_PREFERENCES_ROW (w)
          && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), title) == 0)
        return w;
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != top && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w != top ? gtk_widget_get_next_sibling (w) : NULL;
        }
    }
  return NULL;
}

static void
activate (Fixture *f, const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), action, NULL));
  wait_idle (f);
}

static void
select_field (GtkDropDown *drop_down, const char *name)
{
  GListModel *fields = gtk_drop_down_get_model (drop_down);

  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr (LiaisonFieldDef) def = g_list_model_get_item (fields, i);

      if (g_strcmp0 (liaison_field_def_get_id (def), name) == 0)
        {
          gtk_drop_down_set_selected (drop_down, i);
          return;
        }
    }
  g_error ("The picker has no field “%s”", name);
}

/* Adds a pair through the Add Pair dialog. */
static void
add_pair (Fixture *f, const char *lsq, const char *ghl)
{
  AdwMessageDialog *dialog = NULL;
  GList *toplevels;

  activate (f, "mapping.add");
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      dialog = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (dialog);
  select_field (g_object_get_data (G_OBJECT (dialog), "lsq"), lsq);
  select_field (g_object_get_data (G_OBJECT (dialog), "ghl"), ghl);
  adw_message_dialog_response (dialog, "add");
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin (20);
}

/* ---- tests ---- */

static void
test_edit_and_save (Fixture *f, gconstpointer data)
{
  LiaisonMappingModel *model = liaison_mapping_page_get_model (f->page);
  AdwExpanderRow *row;
  g_autoptr (JsonNode) map = NULL;
  JsonObject *pair;
  gint64 revision = -1;
  int min_width = 0;
  AdwComboRow *letter_case;

  g_assert_cmpstr (liaison_mapping_page_get_state (f->page), ==, "map");
  /* The page fits a phone-sized window (the window's content pane is 360 wide). */
  adw_expander_row_set_expanded (liaison_mapping_page_get_row (f->page, "email"), TRUE);
  gtk_widget_measure (GTK_WIDGET (f->page), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL,
                      NULL);
  g_assert_cmpint (min_width, <=, 360);
  /* The defaults, fitted to the sandbox: its LeadSquared account has no mx_State. */
  row = liaison_mapping_page_get_row (f->page, "email");
  g_assert_nonnull (row);
  g_assert_nonnull (liaison_mapping_page_get_row (f->page, "city"));
  g_assert_null (liaison_mapping_page_get_row (f->page, "state"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Email  ⇄  Email");
  g_assert_false (liaison_mapping_model_get_modified (model));
  /* Nothing saved yet: the bar offers to keep the defaults. */
  g_assert_true (gtk_revealer_get_reveal_child (save_bar (f)));
  g_assert_true (gtk_widget_get_visible (page_child (f, "accept_button")));
  g_assert_false (gtk_widget_get_visible (page_child (f, "discard_button")));

  adw_combo_row_set_selected (row_combo (f, "email", LIAISON_MAPPING_ROW_DIRECTION),
                              LIAISON_SYNC_TO_GHL);
  adw_combo_row_set_selected (row_combo (f, "email", LIAISON_MAPPING_ROW_POLICY),
                              LIAISON_POLICY_LSQ_WINS);
  g_assert_true (liaison_mapping_model_get_modified (model));
  g_assert_true (gtk_revealer_get_reveal_child (save_bar (f)));
  g_assert_false (gtk_widget_get_visible (page_child (f, "accept_button")));
  g_assert_true (gtk_widget_get_visible (page_child (f, "discard_button")));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Email  →  Email");
  g_assert_cmpstr (adw_expander_row_get_subtitle (row), ==,
                   "To HighLevel Only · Unchanged · LeadSquared Wins");
  /* A transform's setting: the company written in upper case. */
  adw_combo_row_set_selected (row_combo (f, "company", LIAISON_MAPPING_ROW_TRANSFORM),
                              LIAISON_TRANSFORM_CASE);
  letter_case = ADW_COMBO_ROW (
      row_titled (liaison_mapping_page_get_row (f->page, "company"), "Letter Case"));
  g_assert_nonnull (letter_case);
  g_assert_cmpuint (adw_combo_row_get_selected (letter_case), ==, 0);
  adw_combo_row_set_selected (letter_case, 1);
  g_assert_null (row_problem (f, "company"));

  /* Nothing reaches the store before Save. */
  map = stored_map (f->env.store, &revision);
  g_assert_null (map);

  activate (f, "mapping.save");
  g_assert_cmpstr (liaison_mapping_page_get_last_toast (f->page), ==,
                   "Field mapping saved; the next sync uses it");
  g_assert_false (liaison_mapping_model_get_modified (model));
  g_assert_false (gtk_revealer_get_reveal_child (save_bar (f)));
  map = stored_map (f->env.store, &revision);
  g_assert_nonnull (map);
  g_assert_cmpint (revision, ==, 1);
  pair = stored_pair (map, "email");
  g_assert_nonnull (pair);
  g_assert_cmpstr (json_object_get_string_member (pair, "direction"), ==, "to-ghl");
  g_assert_cmpstr (json_object_get_string_member (pair, "policy"), ==, "lsq-wins");
  pair = stored_pair (map, "phone");
  g_assert_cmpstr (json_object_get_string_member (pair, "direction"), ==, "both");
  g_assert_cmpstr (json_object_get_string_member (pair, "policy"), ==, "ask");
  g_assert_cmpstr (json_object_get_string_member (pair, "transform"), ==, "e164");
  g_assert_null (stored_pair (map, "state"));
  pair = stored_pair (map, "company");
  g_assert_cmpstr (json_object_get_string_member (pair, "transform"), ==, "case");
  g_assert_cmpstr (json_object_get_string_member (pair, "case"), ==, "upper");

  /* A page opened afterwards shows what was saved. */
  gtk_window_destroy (f->window);
  open_page (f, f->env.store, f->env.lsq_connection, f->env.ghl_connection);
  g_assert_cmpuint (adw_combo_row_get_selected (row_combo (f, "email", LIAISON_MAPPING_ROW_POLICY)),
                    ==, LIAISON_POLICY_LSQ_WINS);

  /* Reset to Defaults, saved, removes the saved map: the defaults apply again. */
  activate (f, "mapping.reset");
  g_assert_cmpuint (
      adw_combo_row_get_selected (row_combo (f, "email", LIAISON_MAPPING_ROW_DIRECTION)), ==,
      LIAISON_SYNC_BOTH);
  activate (f, "mapping.save");
  g_clear_pointer (&map, json_node_unref);
  map = stored_map (f->env.store, &revision);
  g_assert_null (map);
  g_assert_false (liaison_mapping_model_get_modified (liaison_mapping_page_get_model (f->page)));
}

static void
test_invalid_refused (Fixture *f, gconstpointer data)
{
  LiaisonMappingModel *model = liaison_mapping_page_get_model (f->page);
  g_autoptr (JsonNode) map = NULL;
  gint64 revision = -1;
  const char *problem;

  /* A second pair writing LeadSquared's mx_City and HighLevel's city. */
  add_pair (f, "mx_City", "city");
  g_assert_nonnull (liaison_mapping_page_get_row (f->page, "city2"));
  g_assert_true (adw_expander_row_get_expanded (liaison_mapping_page_get_row (f->page, "city2")));
  problem = row_problem (f, "city2");
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "The pairs “city” and “city2” both write the LeadSquared "
                                     "field “mx_City”"));
  g_assert_nonnull (strstr (problem, "both write the HighLevel field “city”"));
  g_assert_null (row_problem (f, "city"));
  g_assert_false (liaison_mapping_model_get_valid (model));
  /* The sentence names the pair by its key, which its row shows. */
  g_assert_nonnull (row_titled (liaison_mapping_page_get_row (f->page, "city2"), "Pair “city2”"));

  activate (f, "mapping.save");
  g_assert_cmpstr (liaison_mapping_page_get_last_toast (f->page), ==,
                   "Nothing was saved: 1 pair needs a change first");
  g_assert_true (liaison_mapping_model_get_modified (model));
  map = stored_map (f->env.store, &revision);
  g_assert_null (map);
  g_assert_cmpint (revision, ==, 0);

  /* One-way from LeadSquared, the pair no longer writes mx_City, but still HighLevel's city. */
  adw_combo_row_set_selected (row_combo (f, "city2", LIAISON_MAPPING_ROW_DIRECTION),
                              LIAISON_SYNC_TO_GHL);
  problem = row_problem (f, "city2");
  g_assert_nonnull (problem);
  g_assert_null (strstr (problem, "mx_City"));
  g_assert_nonnull (strstr (problem, "both write the HighLevel field “city”"));

  /* A transform the fields do not fit: a full-name split on one first-name field a side. */
  adw_combo_row_set_selected (row_combo (f, "firstName", LIAISON_MAPPING_ROW_TRANSFORM),
                              LIAISON_TRANSFORM_NAME);
  g_assert_nonnull (row_problem (f, "firstName"));
  g_assert_nonnull (strstr (row_problem (f, "firstName"), "“firstName”"));

  /* Removing the pair and Discard leave the store as it was. */
  g_signal_emit_by_name (
      g_object_get_data (G_OBJECT (liaison_mapping_page_get_row (f->page, "city2")),
                         LIAISON_MAPPING_ROW_REMOVE),
      "clicked");
  spin (20);
  g_assert_null (liaison_mapping_page_get_row (f->page, "city2"));
  activate (f, "mapping.discard");
  g_assert_false (liaison_mapping_model_get_modified (model));
  g_assert_true (liaison_mapping_model_get_valid (model));
  g_assert_cmpuint (
      adw_combo_row_get_selected (row_combo (f, "firstName", LIAISON_MAPPING_ROW_TRANSFORM)), ==,
      LIAISON_TRANSFORM_NONE);
  g_assert_null (row_problem (f, "firstName"));
  g_clear_pointer (&map, json_node_unref);
  map = stored_map (f->env.store, &revision);
  g_assert_null (map);
  g_assert_cmpint (revision, ==, 0);
}

static void
test_value_table (Fixture *f, gconstpointer data)
{
  AdwExpanderRow *row;
  AdwComboRow *checkup;
  g_autoptr (JsonNode) map = NULL;
  JsonObject *pair;
  gint64 revision = 0;

  /* Two picklists by their labels: LeadSquared's Treatment and HighLevel's Lead Stage. */
  add_pair (f, "mx_Treatment", "contact.lead_stage");
  row = liaison_mapping_page_get_row (f->page, "lead_stage");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Treatment  ⇄  Lead Stage");
  g_assert_cmpuint (
      adw_combo_row_get_selected (row_combo (f, "lead_stage", LIAISON_MAPPING_ROW_TRANSFORM)), ==,
      LIAISON_TRANSFORM_VALUES);
  g_assert_null (row_problem (f, "lead_stage"));
  g_assert_nonnull (liaison_mapping_model_get_options (liaison_mapping_page_get_model (f->page),
                                                       "lead_stage", LIAISON_SERVICE_LSQ));
  g_assert_nonnull (liaison_mapping_model_get_options (liaison_mapping_page_get_model (f->page),
                                                       "lead_stage", LIAISON_SERVICE_GHL));

  /* The value row of LeadSquared's "Checkup" offers HighLevel's options. */
  checkup = ADW_COMBO_ROW (row_titled (row, "LeadSquared “Checkup” becomes"));
  g_assert_nonnull (checkup);
  g_assert_cmpstr (
      gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (checkup)), 1), ==,
      "New");
  adw_combo_row_set_selected (checkup, 1);
  activate (f, "mapping.save");
  map = stored_map (f->env.store, &revision);
  g_assert_nonnull (map);
  pair = stored_pair (map, "lead_stage");
  g_assert_nonnull (pair);
  g_assert_cmpstr (json_object_get_string_member (pair, "lsq"), ==, "mx_Treatment");
  g_assert_cmpstr (json_object_get_string_member (pair, "ghl"), ==, "contact.lead_stage");
  g_assert_cmpstr (json_object_get_string_member (pair, "transform"), ==, "values");
  g_assert_cmpstr (
      json_object_get_string_member (json_object_get_object_member (pair, "values"), "Checkup"), ==,
      "New");
}

static void
test_damaged_map (Fixture *f, gconstpointer data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) map = NULL;
  gint64 revision = 0;

  /* A map written by another release: the page says so, shows the defaults, and saving them
   * removes it. */
  liaison_store_save_mapping_async (f->env.store, "{\"version\": 7, \"pairs\": []}", NULL,
                                    store_test_result_cb, &result);
  g_assert_true (
      liaison_store_save_mapping_finish (f->env.store, store_test_wait (&result), NULL, &error));
  g_assert_no_error (error);
  gtk_window_destroy (f->window);
  open_page (f, f->env.store, f->env.lsq_connection, f->env.ghl_connection);
  g_assert_cmpstr (liaison_mapping_page_get_state (f->page), ==, "map");
  g_assert_nonnull (liaison_mapping_page_get_row (f->page, "email"));
  g_assert_nonnull (strstr (liaison_mapping_page_get_last_toast (f->page),
                            "it is of version 7, written by another release of Liaison."));
  g_assert_true (liaison_mapping_model_get_modified (liaison_mapping_page_get_model (f->page)));
  g_assert_true (gtk_revealer_get_reveal_child (save_bar (f)));
  activate (f, "mapping.save");
  map = stored_map (f->env.store, &revision);
  g_assert_null (map);
  g_assert_false (liaison_mapping_model_get_modified (liaison_mapping_page_get_model (f->page)));
}

static void
test_not_connected (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "profile.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonStore) store = store_test_open (path, "US", &error);
  g_autofree char *lsq = NULL;
  g_autofree char *ghl = NULL;

  g_assert_no_error (error);
  open_page (f, store, NULL, NULL);
  g_assert_cmpstr (liaison_mapping_page_get_state (f->page), ==, "not-connected");

  /* Both connected, but no refresh has read their fields yet. */
  lsq = store_test_add_connection (store, LIAISON_SERVICE_LSQ, "org");
  liaison_mapping_page_set_store (f->page, store, lsq, NULL);
  wait_idle (f);
  g_assert_cmpstr (liaison_mapping_page_get_state (f->page), ==, "not-connected");
  ghl = store_test_add_connection (store, LIAISON_SERVICE_GHL, "location");
  liaison_mapping_page_set_store (f->page, store, lsq, ghl);
  wait_idle (f);
  g_assert_cmpstr (liaison_mapping_page_get_state (f->page), ==, "no-fields");

  gtk_window_destroy (f->window);
  spin (20);
  g_clear_object (&store);
  store_test_drain ();
  store_test_rmtree (dir);
}

/* A refresh reads the fields while the page shows that they are missing: the page follows. */
static void
test_fields_arrive (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 deadline;

  booking_env_start (&f->env, PINNED);
  f->env.dir = store_test_tmpdir ();
  f->env.path = g_build_filename (f->env.dir, "profile.db", NULL);
  f->env.store = store_test_open (f->env.path, "US", &error);
  g_assert_no_error (error);
  f->env.lsq_connection
      = store_test_add_connection (f->env.store, LIAISON_SERVICE_LSQ, "sandbox-org");
  f->env.ghl_connection = store_test_add_connection (
      f->env.store, LIAISON_SERVICE_GHL, liaison_sandbox_get_location_id (f->env.sandbox));
  open_page (f, f->env.store, f->env.lsq_connection, f->env.ghl_connection);
  g_assert_cmpstr (liaison_mapping_page_get_state (f->page), ==, "no-fields");

  booking_env_fill (&f->env);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_strcmp0 (liaison_mapping_page_get_state (f->page), "map") != 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  wait_idle (f);
  /* The defaults are fitted to the fields just read: the sandbox has no mx_State. */
  g_assert_nonnull (liaison_mapping_page_get_row (f->page, "email"));
  g_assert_null (liaison_mapping_page_get_row (f->page, "state"));
}

/* Waits until the page has looked at what is saved and acted on it. */
static void
check_saved (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  liaison_mapping_page_check_saved (f->page);
  while (liaison_mapping_page_get_checking (f->page))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  wait_idle (f);
}

static char *
setting (LiaisonStore *store, const char *key)
{
  g_autoptr (GError) error = NULL;
  char *value = liaison_store_get_setting (store, key, &error);

  g_assert_no_error (error);
  return value;
}

/* liaison-cli saves into the same profile while the page shows: without edits the page shows
 * the new map and region; with edits it keeps them, says that the saved map moved, and Show
 * Saved drops them for it. */
static void
test_saved_elsewhere (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonStore) cli = liaison_store_open_sync (f->env.path, NULL, &error);
  LiaisonMappingModel *model = liaison_mapping_page_get_model (f->page);
  g_autoptr (LiaisonFieldMap) map = liaison_mapping_model_dup_map (model);
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *json = NULL;
  g_autofree char *region = NULL;
  int email;

  g_assert_no_error (error);
  g_assert_false (gtk_info_bar_get_revealed (page_child (f, "external_bar")));
  /* Nothing moved: nothing happens. */
  check_saved (f);
  g_assert_false (gtk_info_bar_get_revealed (page_child (f, "external_bar")));
  g_assert_null (liaison_mapping_page_get_last_toast (f->page));

  /* `liaison-cli mapping` makes email one-way; the page has no edits and shows it. */
  email = liaison_field_map_find (map, "email");
  liaison_field_map_set_direction (map, email, LIAISON_SYNC_TO_GHL);
  {
    g_autoptr (JsonNode) node = liaison_field_map_to_json (map);

    json = json_to_string (node, FALSE);
  }
  liaison_store_save_mapping_async (cli, json, NULL, store_test_result_cb, &result);
  g_assert_true (liaison_store_save_mapping_finish (cli, store_test_wait (&result), NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (
      adw_combo_row_get_selected (row_combo (f, "email", LIAISON_MAPPING_ROW_DIRECTION)), ==,
      LIAISON_SYNC_BOTH);
  check_saved (f);
  g_assert_cmpuint (
      adw_combo_row_get_selected (row_combo (f, "email", LIAISON_MAPPING_ROW_DIRECTION)), ==,
      LIAISON_SYNC_TO_GHL);
  g_assert_nonnull (strstr (liaison_mapping_page_get_last_toast (f->page), "liaison-cli"));
  g_assert_false (gtk_info_bar_get_revealed (page_child (f, "external_bar")));
  g_assert_false (liaison_mapping_model_get_modified (model));

  /* The person edits the policy; meanwhile `liaison-cli mapping region DE` saves a region. */
  adw_combo_row_set_selected (row_combo (f, "email", LIAISON_MAPPING_ROW_POLICY),
                              LIAISON_POLICY_GHL_WINS);
  g_assert_true (liaison_mapping_model_get_modified (model));
  liaison_store_save_phone_region_async (cli, "DE", NULL, store_test_result_cb, &result);
  g_assert_true (liaison_store_save_phone_region_finish (cli, store_test_wait (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  check_saved (f);
  /* The edits are kept and the page says why the saved map is not shown. */
  g_assert_true (gtk_info_bar_get_revealed (page_child (f, "external_bar")));
  g_assert_true (liaison_mapping_model_get_modified (model));
  g_assert_cmpuint (adw_combo_row_get_selected (row_combo (f, "email", LIAISON_MAPPING_ROW_POLICY)),
                    ==, LIAISON_POLICY_GHL_WINS);
  /* The store reads phone numbers in the new region at once, as a new start would. */
  g_assert_cmpstr (liaison_store_get_default_region (f->env.store), ==, "DE");

  /* Show Saved: the edits go, the saved map and region show. */
  activate (f, "mapping.reload");
  g_assert_false (gtk_info_bar_get_revealed (page_child (f, "external_bar")));
  g_assert_false (liaison_mapping_model_get_modified (model));
  g_assert_cmpuint (adw_combo_row_get_selected (row_combo (f, "email", LIAISON_MAPPING_ROW_POLICY)),
                    ==, LIAISON_POLICY_ASK);
  g_assert_cmpstr (liaison_mapping_model_get_region (model), ==, "DE");
  {
    AdwComboRow *row = page_child (f, "region_row");
    GtkStringObject *item = adw_combo_row_get_selected_item (row);

    g_assert_cmpstr (gtk_string_object_get_string (item), ==, "Germany (DE)");
  }
  region = setting (cli, LIAISON_STORE_SETTING_PHONE_REGION);
  g_assert_cmpstr (region, ==, "DE");
  g_clear_object (&cli);
  store_test_drain ();
}

/* The phone region row: "Not set" on a new profile, a region chosen by name is saved with the
 * pairs, Discard goes back, and a code the normalizer does not know is refused with a sentence. */
static void
test_region (Fixture *f, gconstpointer data)
{
  LiaisonMappingModel *model = liaison_mapping_page_get_model (f->page);
  AdwComboRow *row = page_child (f, "region_row");
  GListModel *names = adw_combo_row_get_model (row);
  g_autoptr (GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *reviewed = NULL;
  guint us = GTK_INVALID_LIST_POSITION;

  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (row)), ==,
                   "Not set");
  g_assert_null (liaison_mapping_model_get_region (model));
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      g_autoptr (GtkStringObject) item = g_list_model_get_item (names, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), "United States (US)") == 0)
        us = i;
    }
  g_assert_cmpuint (us, !=, GTK_INVALID_LIST_POSITION);

  /* Chosen: an edit like any other, saved with the pairs. */
  adw_combo_row_set_selected (row, us);
  g_assert_cmpstr (liaison_mapping_model_get_region (model), ==, "US");
  g_assert_true (liaison_mapping_model_get_modified (model));
  g_assert_true (gtk_revealer_get_reveal_child (save_bar (f)));
  activate (f, "mapping.discard");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  g_assert_false (liaison_mapping_model_get_modified (model));
  adw_combo_row_set_selected (row, us);
  saved = setting (f->env.store, LIAISON_STORE_SETTING_PHONE_REGION);
  g_assert_null (saved);
  activate (f, "mapping.save");
  saved = setting (f->env.store, LIAISON_STORE_SETTING_PHONE_REGION);
  g_assert_cmpstr (saved, ==, "US");
  g_assert_cmpstr (liaison_store_get_default_region (f->env.store), ==, "US");
  g_assert_false (liaison_mapping_model_get_modified (model));
  reviewed = setting (f->env.store, LIAISON_STORE_SETTING_MAPPING_REVIEWED);
  g_assert_cmpstr (reviewed, ==, "yes");

  /* A code no phone can be read in is refused with a sentence; nothing changes. */
  g_assert_false (liaison_mapping_model_set_region (model, "XX", &error));
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“XX” is not a country code"));
  g_assert_cmpstr (liaison_mapping_model_get_region (model), ==, "US");
  g_assert_false (liaison_mapping_model_get_modified (model));
}

/* A new profile: Use These Pairs saves the defaults as they are and marks the map reviewed, which
 * the Overview's first-run path counts. */
static void
test_accept_defaults (Fixture *f, gconstpointer data)
{
  g_autofree char *reviewed = setting (f->env.store, LIAISON_STORE_SETTING_MAPPING_REVIEWED);
  g_autoptr (JsonNode) map = NULL;

  g_assert_null (reviewed);
  g_assert_false (liaison_mapping_model_get_reviewed (liaison_mapping_page_get_model (f->page)));
  g_assert_true (gtk_widget_get_visible (page_child (f, "accept_button")));
  g_assert_cmpstr (gtk_actionable_get_action_name (page_child (f, "accept_button")), ==,
                   "mapping.save");
  activate (f, "mapping.save");
  reviewed = setting (f->env.store, LIAISON_STORE_SETTING_MAPPING_REVIEWED);
  g_assert_cmpstr (reviewed, ==, "yes");
  /* The defaults are not stored: a later release's defaults apply. */
  map = stored_map (f->env.store, NULL);
  g_assert_null (map);
  g_assert_true (liaison_mapping_model_get_reviewed (liaison_mapping_page_get_model (f->page)));
  g_assert_false (gtk_revealer_get_reveal_child (save_bar (f)));
  g_assert_false (gtk_widget_get_visible (page_child (f, "accept_button")));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/mapping-page/edit-and-save", Fixture, NULL, set_up, test_edit_and_save, tear_down);
  g_test_add ("/mapping-page/invalid-refused", Fixture, NULL, set_up, test_invalid_refused,
              tear_down);
  g_test_add ("/mapping-page/value-table", Fixture, NULL, set_up, test_value_table, tear_down);
  g_test_add ("/mapping-page/damaged-map", Fixture, NULL, set_up, test_damaged_map, tear_down);
  g_test_add ("/mapping-page/saved-elsewhere", Fixture, NULL, set_up, test_saved_elsewhere,
              tear_down);
  g_test_add ("/mapping-page/region", Fixture, NULL, set_up, test_region, tear_down);
  g_test_add ("/mapping-page/accept-defaults", Fixture, NULL, set_up, test_accept_defaults,
              tear_down);
  g_test_add ("/mapping-page/fields-arrive", Fixture, NULL, NULL, test_fields_arrive, tear_down);
  g_test_add ("/mapping-page/not-connected", Fixture, NULL, NULL, test_not_connected, tear_down);
  return g_test_run ();
}
