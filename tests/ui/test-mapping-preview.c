/* test-mapping-preview.c: the Field Mapping page's previews on a store the in-process sandbox
 * filled: Preview Sync shows the counts and API calls of the sync planner's own plan of the
 * same map, and can be closed while it plans; the preview of a linked contact, picked by
 * searching, shows what a sync would give each side, and follows the unsaved copy of the map;
 * neither preview writes to either service or to the store.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <string.h>

#include "liaison-mapping-page-private.h"
#include "liaison-mapping-preview-private.h"
#include "liaison-refresher.h"
#include "liaison-store-query.h"
#include "store-test-util.h"
#include "sync-test-util.h"

typedef struct
{
  SyncFixture sync;
  GtkWindow *window;
  LiaisonMappingPage *page;
} Fixture;

/* What a preview must leave as it was. */
typedef struct
{
  gint64 lsq_seq, ghl_seq;
  guint n_runs;
  guint n_links;
  gint64 revision;
} Untouched;

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until done (a tick wakes it to look). */
static void
wait_for (gboolean (*done) (gpointer), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint ticker = g_timeout_add (10, tick, NULL);

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (ticker);
}

static gboolean
page_idle (gpointer data)
{
  return !liaison_mapping_page_get_busy (data);
}

/* With LIAISON_PREVIEW_SHOTS=DIR, saves window light and dark, wide and narrow, as
 * DIR/NAME.png, NAME-dark.png, NAME-narrow.png and NAME-narrow-dark.png, to be looked at. */
static void
save_shot (GtkWidget *window, const char *path)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (window);
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
shoot (GtkWindow *window, const char *name)
{
  const char *dir = g_getenv ("LIAISON_PREVIEW_SHOTS");
  AdwStyleManager *style = adw_style_manager_get_default ();
  static const char *const suffixes[] = { "", "-dark", "-narrow", "-narrow-dark" };

  if (dir == NULL || *dir == '\0')
    return;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (name, suffixes[i], ".png", NULL);
      g_autofree char *path = g_build_filename (dir, file, NULL);

      adw_style_manager_set_color_scheme (style, i % 2 ? ADW_COLOR_SCHEME_FORCE_DARK
                                                       : ADW_COLOR_SCHEME_FORCE_LIGHT);
      gtk_window_set_default_size (window, i < 2 ? 640 : 360, 700);
      spin (400);
      save_shot (GTK_WIDGET (window), path);
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_set_default_size (window, 640, 700);
  spin (100);
}

static void
refresh (Fixture *f)
{
  g_autoptr (LiaisonRefresher) refresher = liaison_refresher_new (
      f->sync.store, f->sync.lsq, f->sync.lsq_id, f->sync.ghl, f->sync.ghl_id);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  liaison_refresher_run_async (refresher, TRUE, NULL, store_test_result_cb, &result);
  g_assert_true (liaison_refresher_run_finish (refresher, store_test_wait (&result), &error));
  g_assert_no_error (error);
}

static void
open_page (Fixture *f)
{
  f->page = g_object_new (LIAISON_TYPE_MAPPING_PAGE, NULL);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1000, 700);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  liaison_mapping_page_set_store (f->page, f->sync.store, f->sync.lsq_id, f->sync.ghl_id);
  spin (20);
  wait_for (page_idle, f->page);
  g_assert_cmpstr (liaison_mapping_page_get_state (f->page), ==, "map");
}

static void
set_up (Fixture *f, gconstpointer data)
{
  SyncFixtureOptions options = { .seed = 7, .contacts = 24 };

  sync_fixture_set_up (&f->sync, &options);
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (toplevels);
  spin (50);
  sync_fixture_tear_down (&f->sync);
}

static GPtrArray *
links (Fixture *f)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *links;

  liaison_store_list_links_async (f->sync.store, LIAISON_RECORD_CONTACT, NULL, store_test_result_cb,
                                  &result);
  links = liaison_store_list_links_finish (f->sync.store, store_test_wait (&result), &error);
  g_assert_no_error (error);
  return links;
}

static void
untouched_note (Fixture *f, Untouched *u)
{
  g_autoptr (GPtrArray) runs = liaison_store_list_runs (f->sync.store, 1000, NULL);
  g_autoptr (GPtrArray) all = links (f);
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *json = NULL;

  u->lsq_seq = sync_log_seq (&f->sync, LIAISON_SERVICE_LSQ);
  u->ghl_seq = sync_log_seq (&f->sync, LIAISON_SERVICE_GHL);
  g_assert_nonnull (runs);
  u->n_runs = runs->len;
  u->n_links = all->len;
  liaison_store_load_mapping_async (f->sync.store, NULL, store_test_result_cb, &result);
  json = liaison_store_load_mapping_finish (f->sync.store, store_test_wait (&result), &u->revision,
                                            NULL);
}

static void
untouched_check (Fixture *f, const Untouched *before)
{
  Untouched after;

  untouched_note (f, &after);
  g_assert_cmpuint (sync_count_writes (&f->sync, LIAISON_SERVICE_LSQ, before->lsq_seq, NULL), ==,
                    0);
  g_assert_cmpuint (sync_count_writes (&f->sync, LIAISON_SERVICE_GHL, before->ghl_seq, NULL), ==,
                    0);
  g_assert_cmpuint (after.n_runs, ==, before->n_runs);
  g_assert_cmpuint (after.n_links, ==, before->n_links);
  g_assert_cmpint (after.revision, ==, before->revision);
}

/* The newest toplevel of type, or NULL. */
static gpointer
find_window (GType type)
{
  GList *toplevels = gtk_window_list_toplevels ();
  gpointer found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static gboolean
planned (gpointer data)
{
  return g_strcmp0 (liaison_plan_preview_get_state (data), "planning") != 0;
}

static guint
row_total (LiaisonPlanPreview *preview, const char *name)
{
  AdwActionRow *row = liaison_plan_preview_get_row (preview, name);
  GtkLabel *label;

  g_assert_nonnull (row);
  label = g_object_get_data (G_OBJECT (row), "total");
  return (guint) g_ascii_strtoull (gtk_label_get_text (label), NULL, 10);
}

/* The planner's own plan of the map, as the engine would make it now. */
static LiaisonSyncPlan *
planner_plan (Fixture *f)
{
  g_autoptr (LiaisonFieldMap) map
      = liaison_mapping_model_dup_map (liaison_mapping_page_get_model (f->page));
  g_autoptr (GPtrArray) conflicts = liaison_store_list_conflicts_for_plan (f->sync.store, NULL);
  LiaisonSyncPlanOptions options = { FALSE, FALSE, 25 };
  g_autoptr (GError) error = NULL;
  LiaisonSyncPlan *plan = liaison_sync_plan_build (f->sync.store, map, f->sync.lsq_id,
                                                   f->sync.ghl_id, conflicts, &options, &error);

  g_assert_no_error (error);
  return plan;
}

static void
test_preview_sync (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonSyncPlan) plan = NULL;
  LiaisonPlanPreview *preview;
  Untouched before;
  guint n_field_conflicts = 0, n_rows = 0;
  g_autoptr (JsonNode) json = NULL;
  guint n_ops;

  refresh (f);
  open_page (f);
  shoot (f->window, "mapping-page");
  untouched_note (f, &before);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "mapping.preview-sync", NULL));
  preview = find_window (LIAISON_TYPE_PLAN_PREVIEW);
  g_assert_nonnull (preview);
  g_assert_cmpstr (liaison_plan_preview_get_state (preview), ==, "planning");
  wait_for (planned, preview);
  g_assert_cmpstr (liaison_plan_preview_get_state (preview), ==, "plan");

  plan = planner_plan (f);
  for (guint i = 0; i < liaison_sync_plan_get_items (plan)->len; i++)
    {
      LiaisonSyncItem *item = g_ptr_array_index (liaison_sync_plan_get_items (plan), i);

      n_field_conflicts
          += item->conflicts && item->kind == LIAISON_SYNC_ITEM_UPDATE ? item->conflicts->len : 0;
    }
  g_test_message ("plan: %u updates, %u creates, %u ambiguous, %u skipped",
                  liaison_sync_plan_count (plan, LIAISON_SYNC_ITEM_UPDATE),
                  liaison_sync_plan_count (plan, LIAISON_SYNC_ITEM_CREATE),
                  liaison_sync_plan_count (plan, LIAISON_SYNC_ITEM_AMBIGUOUS),
                  liaison_sync_plan_count (plan, LIAISON_SYNC_ITEM_SKIP));
  /* Nothing is linked yet: every update is a pair found by a match. */
  g_assert_cmpuint (liaison_sync_plan_count (plan, LIAISON_SYNC_ITEM_UPDATE), >, 0);
  g_assert_cmpuint (liaison_sync_plan_count (plan, LIAISON_SYNC_ITEM_CREATE), >, 0);
  g_assert_cmpuint (row_total (preview, "linked"), ==,
                    liaison_sync_plan_count (plan, LIAISON_SYNC_ITEM_UPDATE));
  g_assert_cmpuint (row_total (preview, "created"), ==,
                    liaison_sync_plan_count (plan, LIAISON_SYNC_ITEM_CREATE));
  g_assert_cmpuint (row_total (preview, "deleted"), ==,
                    liaison_sync_plan_count (plan, LIAISON_SYNC_ITEM_DELETE));
  g_assert_cmpuint (row_total (preview, "unlinked"), ==,
                    liaison_sync_plan_count (plan, LIAISON_SYNC_ITEM_UNLINK));
  g_assert_cmpuint (row_total (preview, "skipped"), ==,
                    liaison_sync_plan_count (plan, LIAISON_SYNC_ITEM_SKIP));
  g_assert_cmpuint (row_total (preview, "conflicts"), ==,
                    liaison_sync_plan_count (plan, LIAISON_SYNC_ITEM_AMBIGUOUS)
                        + n_field_conflicts);
  for (guint side = 0; side < 2; side++)
    {
      AdwActionRow *row = liaison_plan_preview_get_row (preview, side ? "calls-ghl" : "calls-lsq");
      guint n = liaison_sync_plan_get_n_calls (plan, side);
      g_autofree char *calls = g_strdup_printf ("%u call", n);
      const char *text = adw_action_row_get_subtitle (row);

      g_test_message ("%s", text);
      g_assert_true (g_str_has_prefix (text, calls));
      /* Both accounts' documented limits are named. */
      if (n > 0)
        g_assert_nonnull (
            strstr (text, side ? "100 calls per 10 seconds" : "10 calls per 5 seconds"));
    }
  json = liaison_sync_plan_to_json (plan);
  n_ops = json_array_get_length (
      json_object_get_array_member (json_node_get_object (json), "operations"));
  for (GtkWidget *w
       = gtk_widget_get_first_child (GTK_WIDGET (liaison_plan_preview_get_changes (preview)));
       w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      if (n_rows++ < 12)
        g_test_message ("change: %s / %s", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)),
                        adw_action_row_get_subtitle (ADW_ACTION_ROW (w)));
    }
  g_assert_cmpuint (n_rows, ==, n_ops > 200 ? 201 : n_ops);
  shoot (GTK_WINDOW (preview), "preview-sync");
  untouched_check (f, &before);

  /* Closed while it plans: the plan's answer finds nothing, and nothing is written. */
  gtk_window_destroy (GTK_WINDOW (preview));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "mapping.preview-sync", NULL));
  preview = find_window (LIAISON_TYPE_PLAN_PREVIEW);
  g_assert_cmpstr (liaison_plan_preview_get_state (preview), ==, "planning");
  gtk_window_close (GTK_WINDOW (preview));
  spin (300);
  g_assert_null (find_window (LIAISON_TYPE_PLAN_PREVIEW));
  untouched_check (f, &before);

  /* A pair at fault (HighLevel's city written by two pairs): no preview until it is fixed. */
  g_assert_nonnull (liaison_mapping_model_add_pair (liaison_mapping_page_get_model (f->page),
                                                    "mx_City", "city", NULL));
  spin (50);
  g_assert_false (liaison_mapping_model_get_valid (liaison_mapping_page_get_model (f->page)));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (gtk_widget_get_template_child (
      GTK_WIDGET (f->page), LIAISON_TYPE_MAPPING_PAGE, "preview_sync_row"))));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (gtk_widget_get_template_child (
      GTK_WIDGET (f->page), LIAISON_TYPE_MAPPING_PAGE, "preview_contact_row"))));
}

static gboolean
shows_result (gpointer data)
{
  const char *state = liaison_contact_preview_get_state (data);

  return g_strcmp0 (state, "result") == 0 || g_strcmp0 (state, "failed") == 0;
}

static gboolean
one_match (gpointer data)
{
  return g_list_model_get_n_items (liaison_contact_preview_get_contacts (data)) == 1;
}

static const char *
cell (GtkWidget *row, const char *name)
{
  GtkLabel *label = g_object_get_data (G_OBJECT (row), name);

  g_assert_nonnull (label);
  return gtk_label_get_text (label);
}

/* Opens the contact preview, searches for email and takes the match with Enter. */
static LiaisonContactPreview *
preview_contact (Fixture *f, const char *email)
{
  LiaisonContactPreview *preview;
  GtkWidget *entry;

  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (f->page), "mapping.preview-contact", NULL));
  preview = find_window (LIAISON_TYPE_CONTACT_PREVIEW);
  g_assert_nonnull (preview);
  g_assert_cmpstr (liaison_contact_preview_get_state (preview), ==, "pick");
  entry = (GtkWidget *) gtk_widget_get_template_child (
      GTK_WIDGET (preview), LIAISON_TYPE_CONTACT_PREVIEW, "search_entry");
  gtk_editable_set_text (GTK_EDITABLE (entry), email);
  wait_for (one_match, preview);
  g_signal_emit_by_name (entry, "activate");
  wait_for (shows_result, preview);
  g_assert_cmpstr (liaison_contact_preview_get_state (preview), ==, "result");
  return preview;
}

static void
test_preview_contact (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) all = NULL;
  LiaisonStoreLink *link;
  g_autoptr (LiaisonStoreRecord) lead = NULL;
  g_autofree char *path = NULL;
  g_autoptr (JsonObject) sandbox_lead = NULL;
  g_autoptr (JsonNode) edited = NULL;
  LiaisonContactPreview *preview;
  GtkWidget *row;
  Untouched before;

  sync_until_quiet (&f->sync, 3);
  all = links (f);
  g_assert_cmpuint (all->len, >, 0);
  link = g_ptr_array_index (all, 0);
  lead = liaison_store_lookup_record (f->sync.store, f->sync.lsq_id, LIAISON_RECORD_CONTACT,
                                      link->lsq_id, NULL);
  g_assert_nonnull (lead);
  g_assert_nonnull (lead->email);
  sandbox_lead = sync_record (&f->sync, LIAISON_SERVICE_LSQ, link->lsq_id);
  g_assert_cmpstr (json_object_get_string_member_with_default (sandbox_lead, "mx_City", NULL), !=,
                   "Zanzibar City");
  /* Someone changes the city in HighLevel; a refresh reads it. */
  path = g_strdup_printf ("/_sandbox/ghl/contacts/%s", link->ghl_id);
  edited = sync_control (&f->sync, LIAISON_SERVICE_GHL, "PATCH", path,
                         "{\"city\": \"Zanzibar City\"}");
  refresh (f);
  open_page (f);
  untouched_note (f, &before);

  preview = preview_contact (f, lead->email);
  row = liaison_contact_preview_get_field_row (preview, "city");
  g_assert_nonnull (row);
  g_assert_cmpstr (cell (row, "now-ghl"), ==, "Zanzibar City");
  g_assert_cmpstr (cell (row, "after-lsq"), ==, "Zanzibar City");
  g_assert_cmpstr (cell (row, "after-ghl"), ==, "Zanzibar City");
  g_assert_cmpstr (cell (row, "outcome"), ==, "LeadSquared gets the HighLevel value.");
  /* A field nobody changed stays as it is on both sides. */
  row = liaison_contact_preview_get_field_row (preview, "email");
  g_assert_cmpstr (cell (row, "now-lsq"), ==, cell (row, "after-lsq"));
  g_assert_cmpstr (cell (row, "outcome"), ==, "The same on both sides: nothing to write.");
  shoot (GTK_WINDOW (preview), "preview-contact");
  gtk_widget_activate_action (GTK_WIDGET (preview), "preview.back", NULL);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (
                             GTK_WIDGET (preview), LIAISON_TYPE_CONTACT_PREVIEW, "search_entry")),
                         "");
  spin (400);
  shoot (GTK_WINDOW (preview), "preview-contact-pick");
  gtk_window_destroy (GTK_WINDOW (preview));

  /* The unsaved copy: the city now goes only to HighLevel, so LeadSquared keeps its own. */
  g_assert_true (liaison_mapping_model_set_direction (liaison_mapping_page_get_model (f->page),
                                                      "city", LIAISON_SYNC_TO_GHL));
  preview = preview_contact (f, lead->email);
  row = liaison_contact_preview_get_field_row (preview, "city");
  g_assert_cmpstr (cell (row, "after-ghl"), ==, "Zanzibar City");
  g_assert_cmpstr (cell (row, "after-lsq"), ==, cell (row, "now-lsq"));
  g_assert_cmpstr (cell (row, "after-lsq"), !=, "Zanzibar City");
  g_assert_true (g_str_has_prefix (cell (row, "outcome"), "The values differ"));
  untouched_check (f, &before);
}

int
main (int argc, char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
#define ADD(path, func) g_test_add (path, Fixture, NULL, set_up, func, tear_down)
  ADD ("/mapping-preview/sync", test_preview_sync);
  ADD ("/mapping-preview/contact", test_preview_contact);
  return g_test_run ();
}
