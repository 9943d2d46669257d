/* test-conflicts-answers.c: the Conflicts page's answers on more than one conflict and on an
 * ambiguous match, against the in-process sandbox: a selection takes HighLevel's values in one
 * transaction, Undo takes them back, and the next sync writes them to both services; an
 * ambiguous match shows its candidates, Link pairs two of them (the next sync brings the pair in
 * step and copies neither the other), Keep Apart keeps all of them apart (the next sync matches
 * and copies none), each with Undo.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "conflicts-test-util.h"

/* A member of the record a control route answered ({"record": {...}}). */
static const char *
object_string (JsonNode *node, const char *member)
{
  JsonObject *record = json_object_get_object_member (json_node_get_object (node), "record");

  return json_object_get_string_member_with_default (record, member, NULL);
}

static const char *
record_string (Fixture *f, LiaisonService side, const char *id, const char *member)
{
  static char text[128];
  g_autoptr (JsonObject) record = sync_record (&f->sync, side, id);

  g_assert_nonnull (record);
  g_strlcpy (text, json_object_get_string_member_with_default (record, member, ""), sizeof text);
  return text;
}

static LiaisonStoreConflict *
lookup_conflict (Fixture *f, gint64 id)
{
  g_autoptr (GError) error = NULL;
  LiaisonStoreConflict *c = liaison_store_lookup_conflict (f->sync.store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (c);
  return c;
}

/* ---- a selection ---- */

static void
select_row (LiaisonConflictRow *row)
{
  GtkWidget *check = find_named (GTK_WIDGET (row), "select");

  g_assert_true (GTK_IS_CHECK_BUTTON (check));
  g_assert_true (gtk_widget_get_visible (check));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
}

static const char *
button_label (Fixture *f, const char *name)
{
  return gtk_button_get_label (template_child (f, name));
}

static int
bar_height (GtkWidget *bar, int width)
{
  int height = 0;

  gtk_widget_measure (bar, GTK_ORIENTATION_VERTICAL, width, &height, NULL, NULL, NULL);
  return height;
}

static GtkWidget *
bar_shows (Fixture *f, GtkWidget *bar, int width)
{
  gtk_widget_size_allocate (
      bar, &(GtkAllocation){ .width = width, .height = bar_height (bar, width) }, -1);
  return adw_squeezer_get_visible_child (template_child (f, "selection_squeezer"));
}

/* The selection bar at a wide and a phone-sized window: one line of buttons at each, the long
 * labels ("for the 2 Selected") where they fit, shorter ones (the title counts) where not, each
 * naming the whole answer to a screen reader. */
static void
check_bar_widths (Fixture *f)
{
  GtkWidget *bar = gtk_revealer_get_child (template_child (f, "selection_bar"));
  GtkWidget *long_box = gtk_widget_get_parent (template_child (f, "take_lsq_button"));
  GtkWidget *short_box = gtk_widget_get_parent (template_child (f, "take_lsq_short_button"));
  int minimum = 0;

  gtk_widget_measure (bar, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  /* No second line of buttons, however narrow. */
  g_assert_cmpint (bar_height (bar, 360), ==, bar_height (bar, 1000));
  g_assert_true (bar_shows (f, bar, 1000) == long_box);
  g_assert_true (bar_shows (f, bar, 600) == short_box);
  g_assert_true (bar_shows (f, bar, 360) != long_box);
  g_assert_cmpstr (button_label (f, "take_lsq_short_button"), ==, "Take _LeadSquared");
  g_assert_cmpstr (button_label (f, "take_ghl_short_button"), ==, "Take _HighLevel");
  gtk_test_accessible_assert_property (template_child (f, "take_ghl_short_button"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Take HighLevel for the 2 Selected");
  gtk_test_accessible_assert_property (find_named (GTK_WIDGET (f->page), "select-all"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Select All");
}

/* Two fields of the contact both services changed: city and postal code. */
static void
make_two_conflicts (Fixture *f)
{
  g_autofree char *gpath = g_strdup_printf ("/_sandbox/ghl/contacts/%s", f->ghl_id);
  g_autofree char *lpath = g_strdup_printf ("/_sandbox/lsq/leads/%s", f->lsq_id);
  g_autoptr (JsonNode) a = sync_control (&f->sync, LIAISON_SERVICE_GHL, "PATCH", gpath,
                                         "{\"postalCode\": \"600001\"}");
  g_autoptr (JsonNode) b
      = sync_control (&f->sync, LIAISON_SERVICE_LSQ, "PATCH", lpath, "{\"mx_Zip\": \"400001\"}");

  make_conflict (f, "Mumbai", "Chennai");
}

static void
test_selection (Fixture *f, gconstpointer data)
{
  LiaisonConflictList *model;
  LiaisonConflictRow *city, *zip;
  g_autofree char *expected = NULL;
  guint n_open;

  liaison_conflicts_page_set_store (f->page, f->sync.store);
  model = liaison_conflicts_page_get_model (f->page);
  make_two_conflicts (f);
  WAIT_UNTIL ((city = find_row (f, "city")) != NULL && (zip = find_row (f, "postalCode")) != NULL);
  n_open = liaison_conflict_list_get_n_open (model);
  g_assert_cmpuint (n_open, >=, 2);
  g_assert_true (liaison_conflicts_page_get_can_select (f->page));
  g_assert_false (gtk_widget_get_visible (find_named (GTK_WIDGET (city), "select")));

  /* Ctrl+A's action selects every open field conflict, entering selection mode; Escape's
   * leaves it and forgets the selection. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "conflicts.select-all", NULL));
  g_assert_true (liaison_conflicts_page_get_selection_mode (f->page));
  expected = g_strdup_printf ("%u selected", n_open);
  g_assert_cmpstr (liaison_conflicts_page_get_selection_title (f->page), ==, expected);
  g_assert_true (gtk_revealer_get_reveal_child (template_child (f, "selection_bar")));
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (f->page), "conflicts.leave-selection", NULL));
  g_assert_false (liaison_conflicts_page_get_selection_mode (f->page));

  /* The Select button's way: nothing selected, nothing to take. */
  liaison_conflicts_page_set_selection_mode (f->page, TRUE);
  g_assert_cmpstr (liaison_conflicts_page_get_selection_title (f->page), ==, "Select Conflicts");
  g_assert_false (gtk_widget_get_sensitive (template_child (f, "take_ghl_button")));
  select_row (city);
  select_row (zip);
  g_assert_cmpstr (liaison_conflicts_page_get_selection_title (f->page), ==, "2 selected");
  g_assert_cmpstr (button_label (f, "take_ghl_button"), ==, "Take _HighLevel for the 2 Selected");
  g_assert_cmpstr (button_label (f, "take_lsq_button"), ==, "Take _LeadSquared for the 2 Selected");
  g_assert_true (gtk_widget_get_sensitive (template_child (f, "take_ghl_button")));
  /* The bar answers the selection: the rows' own choices are hidden meanwhile. */
  g_assert_false (gtk_widget_is_visible (find_named (GTK_WIDGET (city), "lsq")));
  check_bar_widths (f);

  g_signal_emit_by_name (template_child (f, "take_ghl_button"), "clicked");
  /* The counts come before the pages that show the answers. */
  WAIT_UNTIL (liaison_conflict_list_get_n_open (model) == n_open - 2
              && !liaison_conflict_list_get_loading (model));
  g_assert_false (liaison_conflicts_page_get_selection_mode (f->page));
  city = find_row (f, "city");
  zip = find_row (f, "postalCode");
  g_assert_cmpstr (liaison_conflict_item_get_resolution (liaison_conflict_row_get_item (city)), ==,
                   "ghl");
  {
    /* One transaction: both answers carry the same instant. */
    g_autoptr (LiaisonStoreConflict) a
        = lookup_conflict (f, liaison_conflict_item_get_id (liaison_conflict_row_get_item (city)));
    g_autoptr (LiaisonStoreConflict) b
        = lookup_conflict (f, liaison_conflict_item_get_id (liaison_conflict_row_get_item (zip)));

    g_assert_cmpstr (a->resolution, ==, "ghl");
    g_assert_cmpstr (b->resolution, ==, "ghl");
    g_assert_cmpint (a->resolved_at, >, 0);
    g_assert_cmpint (a->resolved_at, ==, b->resolved_at);
  }

  /* Undo, as the toast's button does: both are open again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "conflicts.undo", NULL));
  WAIT_UNTIL (liaison_conflict_list_get_n_open (model) == n_open
              && !liaison_conflict_list_get_loading (model));
  g_assert_null (liaison_conflict_item_get_resolution (
      liaison_conflict_row_get_item (find_row (f, "postalCode"))));

  /* Answered again, and the next sync writes HighLevel's values to LeadSquared. */
  liaison_conflicts_page_set_selection_mode (f->page, TRUE);
  select_row (find_row (f, "city"));
  select_row (find_row (f, "postalCode"));
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (f->page), "conflicts.take-selected", "s", "ghl"));
  WAIT_UNTIL (liaison_conflict_list_get_n_open (model) == n_open - 2);
  g_assert_cmpstr (lead_city (f), ==, "Mumbai");
  run_ok (f);
  g_assert_cmpstr (lead_city (f), ==, "Chennai");
  g_assert_cmpstr (record_string (f, LIAISON_SERVICE_LSQ, f->lsq_id, "mx_Zip"), ==, "600001");
  g_assert_cmpstr (contact_city (f), ==, "Chennai");
  g_assert_cmpstr (record_string (f, LIAISON_SERVICE_GHL, f->ghl_id, "postalCode"), ==, "600001");
  g_assert_cmpuint (open_conflicts_for_lead (f), ==, 0);
  WAIT_UNTIL (find_row (f, "city") == NULL && find_row (f, "postalCode") == NULL);
  /* The other open conflicts were not in the selection. */
  g_assert_cmpuint (liaison_conflict_list_get_n_open (model), ==, n_open - 2);
}

/* ---- an ambiguous match ---- */

typedef struct
{
  char *lead;
  char *contacts[2];
} Twins;

static void
twins_clear (Twins *t)
{
  g_free (t->lead);
  g_free (t->contacts[0]);
  g_free (t->contacts[1]);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Twins, twins_clear)

/* A new lead and two new HighLevel contacts with its e-mail address: an ambiguous match. */
static void
make_twins (Fixture *f, Twins *t)
{
  g_autoptr (JsonNode) lead
      = sync_control (&f->sync, LIAISON_SERVICE_LSQ, "POST", "/_sandbox/lsq/leads",
                      "{\"FirstName\": \"Anjali\", \"LastName\": \"Menon\", \"EmailAddress\": "
                      "\"anjali.menon@example.org\", \"mx_City\": \"Kochi\"}");
  g_autoptr (JsonNode) a
      = sync_control (&f->sync, LIAISON_SERVICE_GHL, "POST", "/_sandbox/ghl/contacts",
                      "{\"firstName\": \"Anjali\", \"lastName\": \"Menon-Pillai\", \"email\": "
                      "\"anjali.menon@example.org\", \"phone\": \"+914842000001\"}");
  g_autoptr (JsonNode) b
      = sync_control (&f->sync, LIAISON_SERVICE_GHL, "POST", "/_sandbox/ghl/contacts",
                      "{\"firstName\": \"Anjali\", \"lastName\": \"Menon\", \"email\": "
                      "\"anjali.menon@example.org\", \"postalCode\": \"682001\"}");

  t->lead = g_strdup (object_string (lead, "ProspectID"));
  t->contacts[0] = g_strdup (object_string (a, "id"));
  t->contacts[1] = g_strdup (object_string (b, "id"));
  g_assert_nonnull (t->lead);
  g_assert_nonnull (t->contacts[0]);
  g_assert_nonnull (t->contacts[1]);
  run_ok (f);
}

static LiaisonConflictRow *
find_ambiguous (Fixture *f, const char *lead)
{
  g_autoptr (GPtrArray) rows = list_rows (f);

  for (guint i = 0; i < rows->len; i++)
    {
      LiaisonConflictItem *item = liaison_conflict_row_get_item (g_ptr_array_index (rows, i));

      if (liaison_conflict_item_get_kind (item) == LIAISON_CONFLICT_AMBIGUOUS
          && liaison_conflict_item_get_resolution (item) == NULL
          && strstr (liaison_conflict_item_get_candidates (item), lead) != NULL)
        return g_ptr_array_index (rows, i);
    }
  return NULL;
}

static guint
count_with_email (Fixture *f, LiaisonService side, const char *email)
{
  g_autoptr (JsonArray) records = sync_records (&f->sync, side);
  const char *member = side == LIAISON_SERVICE_LSQ ? "EmailAddress" : "email";
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (records); i++)
    n += g_strcmp0 (json_object_get_string_member_with_default (
                        json_array_get_object_element (records, i), member, NULL),
                    email)
         == 0;
  return n;
}

static guint
open_ambiguous (Fixture *f, const char *lead)
{
  g_autoptr (GPtrArray) open = liaison_store_list_conflicts (f->sync.store, TRUE, NULL);
  guint n = 0;

  for (guint i = 0; i < open->len; i++)
    {
      LiaisonStoreConflict *c = g_ptr_array_index (open, i);
      n += c->kind == LIAISON_CONFLICT_AMBIGUOUS && strstr (c->candidates, lead) != NULL;
    }
  return n;
}

/* The candidates show who they are and where; Link on the second contact pairs it with the lead,
 * and the next sync brings the two in step, both ways, and copies the first contact nowhere. */
static void
test_ambiguous_link (Fixture *f, gconstpointer data)
{
  g_auto (Twins) t = { 0 };
  LiaisonConflictRow *row;
  GtkWidget *candidate, *link;
  gint64 id;

  liaison_conflicts_page_set_store (f->page, f->sync.store);
  make_twins (f, &t);
  WAIT_UNTIL ((row = find_ambiguous (f, t.lead)) != NULL);
  id = liaison_conflict_item_get_id (liaison_conflict_row_get_item (row));
  /* The summary counts it as a match, not as a field. */
  {
    LiaisonConflictList *model = liaison_conflicts_page_get_model (f->page);
    guint n_fields = liaison_conflict_list_get_n_open_fields (model);
    guint n_matches = liaison_conflict_list_get_n_open (model) - n_fields;
    const char *summary = gtk_label_get_label (template_child (f, "summary_label"));
    g_autofree char *matches
        = g_strdup_printf (n_matches == 1 ? "%u match" : "%u matches", n_matches);

    g_assert_cmpuint (n_matches, >=, 1);
    g_assert_nonnull (strstr (summary, matches));
    if (n_fields == 0)
      g_assert_null (strstr (summary, "field"));
  }
  /* Not selectable for a side's values. */
  g_assert_null (find_named (GTK_WIDGET (row), "select"));

  candidate = find_named (GTK_WIDGET (row), t.lead);
  g_assert_true (ADW_IS_ACTION_ROW (candidate));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (candidate)), ==,
                   "Anjali Menon");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (candidate)), ==,
                   "LeadSquared · anjali.menon@example.org");
  /* The lead is the only one of its side: the contacts are the ones to pick. */
  g_assert_null (find_named (candidate, "link"));
  candidate = find_named (GTK_WIDGET (row), t.contacts[0]);
  g_assert_true (ADW_IS_ACTION_ROW (candidate));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (candidate)), ==,
                   "Anjali Menon-Pillai");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (candidate)), "HighLevel"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (candidate)), "+91"));
  g_assert_true (GTK_IS_BUTTON (find_named (GTK_WIDGET (row), "keep-apart")));

  candidate = find_named (GTK_WIDGET (row), t.contacts[1]);
  link = find_named (candidate, "link");
  g_assert_true (GTK_IS_BUTTON (link));
  g_signal_emit_by_name (link, "clicked");
  WAIT_UNTIL (find_ambiguous (f, t.lead) == NULL);
  {
    g_autoptr (LiaisonStoreConflict) c = lookup_conflict (f, id);
    g_assert_cmpstr (c->resolution, ==, "linked");
  }

  /* Undo unlinks and opens the match again; linked once more, the next sync applies it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "conflicts.undo", NULL));
  WAIT_UNTIL ((row = find_ambiguous (f, t.lead)) != NULL);
  g_assert_cmpuint (open_ambiguous (f, t.lead), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "conflicts.link", "(xss)", id,
                                             t.lead, t.contacts[1]));
  WAIT_UNTIL (find_ambiguous (f, t.lead) == NULL);

  run_ok (f);
  g_assert_cmpstr (record_string (f, LIAISON_SERVICE_GHL, t.contacts[1], "city"), ==, "Kochi");
  g_assert_cmpstr (record_string (f, LIAISON_SERVICE_LSQ, t.lead, "mx_Zip"), ==, "682001");
  /* The other contact stays on its side (its address is the linked lead's), and nothing is
   * parked again. */
  g_assert_cmpstr (record_string (f, LIAISON_SERVICE_GHL, t.contacts[0], "city"), ==, "");
  g_assert_cmpuint (count_with_email (f, LIAISON_SERVICE_LSQ, "anjali.menon@example.org"), ==, 1);
  g_assert_cmpuint (count_with_email (f, LIAISON_SERVICE_GHL, "anjali.menon@example.org"), ==, 2);
  g_assert_cmpuint (open_ambiguous (f, t.lead), ==, 0);
  run_ok (f);
  g_assert_cmpuint (open_ambiguous (f, t.lead), ==, 0);
}

/* Keep Apart: none of them is matched or copied by the next syncs; Undo lets them match again. */
static void
test_ambiguous_keep_apart (Fixture *f, gconstpointer data)
{
  g_auto (Twins) t = { 0 };
  LiaisonConflictRow *row;
  g_autoptr (GPtrArray) apart = NULL;
  gint64 id;

  liaison_conflicts_page_set_store (f->page, f->sync.store);
  make_twins (f, &t);
  WAIT_UNTIL ((row = find_ambiguous (f, t.lead)) != NULL);
  id = liaison_conflict_item_get_id (liaison_conflict_row_get_item (row));

  g_signal_emit_by_name (find_named (GTK_WIDGET (row), "keep-apart"), "clicked");
  WAIT_UNTIL (find_ambiguous (f, t.lead) == NULL);
  apart = liaison_store_list_apart (f->sync.store, LIAISON_RECORD_CONTACT, f->sync.lsq_id,
                                    f->sync.ghl_id, NULL);
  g_assert_nonnull (apart);
  g_assert_cmpuint (apart->len, ==, 2);
  g_clear_pointer (&apart, g_ptr_array_unref);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "conflicts.undo", NULL));
  WAIT_UNTIL (find_ambiguous (f, t.lead) != NULL);
  apart = liaison_store_list_apart (f->sync.store, LIAISON_RECORD_CONTACT, f->sync.lsq_id,
                                    f->sync.ghl_id, NULL);
  g_assert_cmpuint (apart->len, ==, 0);

  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (f->page), "conflicts.keep-apart", "x", id));
  WAIT_UNTIL (find_ambiguous (f, t.lead) == NULL);
  {
    g_autoptr (LiaisonStoreConflict) c = lookup_conflict (f, id);
    g_assert_cmpstr (c->resolution, ==, "dismissed");
  }
  run_ok (f);
  run_ok (f);
  g_assert_cmpuint (open_ambiguous (f, t.lead), ==, 0);
  g_assert_cmpuint (count_with_email (f, LIAISON_SERVICE_LSQ, "anjali.menon@example.org"), ==, 1);
  g_assert_cmpuint (count_with_email (f, LIAISON_SERVICE_GHL, "anjali.menon@example.org"), ==, 2);
  g_assert_cmpstr (record_string (f, LIAISON_SERVICE_GHL, t.contacts[1], "city"), ==, "");
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
#define ADD(path, func) g_test_add (path, Fixture, NULL, set_up, func, tear_down)
  ADD ("/conflicts-page/selection", test_selection);
  ADD ("/conflicts-page/ambiguous-link", test_ambiguous_link);
  ADD ("/conflicts-page/ambiguous-keep-apart", test_ambiguous_keep_apart);
  return g_test_run ();
}
