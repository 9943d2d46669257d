/* test-contact-activity.c: selecting a sandbox contact in the detail pane
 * shows its tasks, notes and appointments of both services, as many as the
 * sandbox holds for it, with times in the person's time zone; reselecting
 * shows the cached items before any request is answered; selecting another
 * contact drops the previous one's answers; a service answering 500 shows a
 * sentence and Retry while the other service's items stay listed; the
 * "Open in" buttons point at each service's website, and not at the sandbox;
 * closing the window while requests are in flight frees the pane at once and
 * drops the answers.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <string.h>

#include "liaison-bearer-authorizer.h"
#include "liaison-contact-activity.h"
#include "liaison-contact-detail.h"
#include "liaison-contact-list.h"
#include "liaison-lsq-key-authorizer.h"
#include "liaison-refresher.h"
#include "liaison-sandbox.h"
#include "store-test-util.h"

enum
{
  TASKS,
  NOTES,
  APPOINTMENTS,
  N_GROUPS
};

static const char *const group_names[N_GROUPS] = { "tasks", "notes", "appointments" };
static const LiaisonRecordKind group_kinds[N_GROUPS]
    = { LIAISON_RECORD_TASK, LIAISON_RECORD_NOTE, LIAISON_RECORD_APPOINTMENT };

/* What a contact has, per service (LiaisonService) and group. */
typedef struct
{
  guint n[2][N_GROUPS];
} Counts;

typedef struct
{
  LiaisonSandbox *sandbox;
  SoupSession *control;
  char *dir;
  LiaisonStore *store;
  char *lsq_id;
  char *ghl_id;
  LiaisonLsqClient *lsq;
  LiaisonGhlClient *ghl;
  LiaisonContactList *model;
  GtkWindow *window;
  LiaisonContactDetail *detail;
  LiaisonContactActivity *activity;
  JsonArray *sandbox_records[2][N_GROUPS + 1];
} Fixture;

static gpointer
child (gpointer widget, GType type, const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

static gpointer
activity_child (Fixture *f, const char *group, const char *suffix)
{
  g_autofree char *name = g_strdup_printf ("%s_%s", group, suffix);

  return child (f->activity, LIAISON_TYPE_CONTACT_ACTIVITY, name);
}

/* The sandbox's own view ------------------------------------------------- */

static JsonNode *
control (Fixture *f, LiaisonService service, const char *method, const char *path, const char *body)
{
  const char *base = service == LIAISON_SERVICE_LSQ ? liaison_sandbox_get_lsq_url (f->sandbox)
                                                    : liaison_sandbox_get_ghl_url (f->sandbox);
  g_autofree char *url = g_strconcat (base, path, NULL);
  g_autoptr (SoupMessage) message = soup_message_new (method, url);
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  gconstpointer data;
  gsize len;

  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }
  reply = soup_session_send_and_read (f->control, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), <, 300);
  data = g_bytes_get_data (reply, &len);
  json_parser_load_from_data (parser, data, (gssize) len, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static JsonArray *
records (Fixture *f, LiaisonService service, const char *collection)
{
  g_autofree char *path = g_strdup_printf (
      "/_sandbox/%s/%s", service == LIAISON_SERVICE_LSQ ? "lsq" : "ghl", collection);
  g_autoptr (JsonNode) root = control (f, service, "GET", path, NULL);

  return json_array_ref (json_object_get_array_member (json_node_get_object (root), "records"));
}

static void
load_sandbox_records (Fixture *f)
{
  f->sandbox_records[LIAISON_SERVICE_GHL][TASKS] = records (f, LIAISON_SERVICE_GHL, "tasks");
  f->sandbox_records[LIAISON_SERVICE_GHL][NOTES] = records (f, LIAISON_SERVICE_GHL, "notes");
  f->sandbox_records[LIAISON_SERVICE_GHL][APPOINTMENTS]
      = records (f, LIAISON_SERVICE_GHL, "events");
  /* LeadSquared keeps to-dos and appointments in one collection, by category. */
  f->sandbox_records[LIAISON_SERVICE_LSQ][TASKS] = records (f, LIAISON_SERVICE_LSQ, "tasks");
  f->sandbox_records[LIAISON_SERVICE_LSQ][NOTES] = records (f, LIAISON_SERVICE_LSQ, "notes");
}

static const char *
member (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
}

static Counts
sandbox_counts (Fixture *f, LiaisonContactRow *row)
{
  Counts counts = { { { 0 } } };
  const char *lsq_id = liaison_contact_row_get_lsq_id (row);
  const char *ghl_id = liaison_contact_row_get_ghl_id (row);

  for (guint g = 0; ghl_id != NULL && g < N_GROUPS; g++)
    {
      JsonArray *array = f->sandbox_records[LIAISON_SERVICE_GHL][g];

      for (guint i = 0; i < json_array_get_length (array); i++)
        counts.n[LIAISON_SERVICE_GHL][g]
            += g_strcmp0 (member (json_array_get_object_element (array, i), "contactId"), ghl_id)
               == 0;
    }
  for (guint i = 0;
       lsq_id != NULL && i < json_array_get_length (f->sandbox_records[LIAISON_SERVICE_LSQ][TASKS]);
       i++)
    {
      JsonObject *task
          = json_array_get_object_element (f->sandbox_records[LIAISON_SERVICE_LSQ][TASKS], i);

      if (g_strcmp0 (member (task, "RelatedEntityId"), lsq_id) == 0)
        counts.n[LIAISON_SERVICE_LSQ]
                [json_object_get_int_member (task, "Category") == 0 ? APPOINTMENTS : TASKS]++;
    }
  for (guint i = 0;
       lsq_id != NULL && i < json_array_get_length (f->sandbox_records[LIAISON_SERVICE_LSQ][NOTES]);
       i++)
    counts.n[LIAISON_SERVICE_LSQ][NOTES]
        += g_strcmp0 (member (json_array_get_object_element (
                                  f->sandbox_records[LIAISON_SERVICE_LSQ][NOTES], i),
                              "RelatedProspectId"),
                      lsq_id)
           == 0;
  return counts;
}

static guint
total (const Counts *counts, LiaisonService service)
{
  return counts->n[service][TASKS] + counts->n[service][NOTES] + counts->n[service][APPOINTMENTS];
}

static gint64
route_count (Fixture *f, LiaisonService service, const char *route)
{
  g_autoptr (JsonNode) root = control (f, service, "GET", "/_sandbox/counters", NULL);
  JsonObject *routes = json_object_get_object_member (json_node_get_object (root), "routes");

  return json_object_get_int_member_with_default (routes, route, 0);
}

/* Requests the sandbox has answered (it counts a route when it answers). */
static gint64
answered (Fixture *f)
{
  gint64 sum = 0;

  for (guint s = 0; s < 2; s++)
    {
      g_autoptr (JsonNode) root = control (f, s, "GET", "/_sandbox/counters", NULL);
      JsonObject *routes = json_object_get_object_member (json_node_get_object (root), "routes");
      g_autoptr (GList) names = json_object_get_members (routes);

      for (GList *l = names; l != NULL; l = l->next)
        sum += json_object_get_int_member (routes, l->data);
    }
  return sum;
}

static void
add_fault (Fixture *f, LiaisonService service, const char *rule)
{
  g_autofree char *body = g_strdup_printf ("{\"rule\": \"%s\"}", rule);

  json_node_unref (control (f, service, "POST", "/_sandbox/faults", body));
}

static void
clear_faults (Fixture *f, LiaisonService service)
{
  json_node_unref (control (f, service, "DELETE", "/_sandbox/faults", NULL));
}

/* What the pane shows ---------------------------------------------------- */

static Counts
shown_counts (Fixture *f)
{
  Counts counts = { { { 0 } } };

  for (guint g = 0; g < N_GROUPS; g++)
    {
      GtkWidget *group = activity_child (f, group_names[g], "group");
      GtkListBox *list = activity_child (f, group_names[g], "list");
      GtkListBoxRow *row;

      if (!gtk_widget_get_visible (group) || !gtk_widget_get_visible (GTK_WIDGET (list)))
        continue;
      for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
        {
          const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

          /* Each row says which service it is from. */
          if (g_str_has_prefix (subtitle, "LeadSquared"))
            counts.n[LIAISON_SERVICE_LSQ][g]++;
          else if (g_str_has_prefix (subtitle, "HighLevel"))
            counts.n[LIAISON_SERVICE_GHL][g]++;
          else
            g_error ("A row does not name its service: %s", subtitle);
        }
    }
  return counts;
}

static void
assert_counts (const Counts *shown, const Counts *expected)
{
  for (guint s = 0; s < 2; s++)
    for (guint g = 0; g < N_GROUPS; g++)
      {
        if (shown->n[s][g] != expected->n[s][g])
          g_test_message ("%s %s: shown %u, sandbox %u", s == 0 ? "LeadSquared" : "HighLevel",
                          group_names[g], shown->n[s][g], expected->n[s][g]);
        g_assert_cmpuint (shown->n[s][g], ==, expected->n[s][g]);
      }
}

static void
wait_loaded (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (liaison_contact_activity_get_loading (f->activity))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  /* The cache writes queued with the last answers run on the store's thread: wait for them. */
  store_test_settle (f->store, f->ghl_id);
}

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static guint
cached_count (Fixture *f, LiaisonService service, const char *contact_id, guint group)
{
  g_autoptr (GPtrArray) children = NULL;
  g_autoptr (GError) error = NULL;

  if (contact_id == NULL)
    return 0;
  children = liaison_store_list_children (f->store,
                                          service == LIAISON_SERVICE_LSQ ? f->lsq_id : f->ghl_id,
                                          group_kinds[group], contact_id, &error);
  g_assert_no_error (error);
  return children->len;
}

/* The first n contacts in both services with items in both; with_ghl_task: and a HighLevel
 * task among them. */
static GPtrArray *
pick_contacts (Fixture *f, guint n, gboolean with_ghl_task)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *picked = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model = G_LIST_MODEL (f->model);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (LiaisonContactRow) row = g_list_model_get_item (model, i);
      Counts counts;

      if (liaison_contact_row_get_lsq_id (row) == NULL
          || liaison_contact_row_get_ghl_id (row) == NULL)
        continue;
      counts = sandbox_counts (f, row);
      /* Useful here: items in both services. */
      if (total (&counts, LIAISON_SERVICE_LSQ) > 0 && total (&counts, LIAISON_SERVICE_GHL) > 0
          && (!with_ghl_task || counts.n[LIAISON_SERVICE_GHL][TASKS] > 0))
        g_ptr_array_add (rows, g_steal_pointer (&row));
    }
  g_assert_cmpuint (rows->len, >=, n);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (picked, g_object_ref (g_ptr_array_index (rows, i)));
  return picked;
}

/* Setup ------------------------------------------------------------------ */

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  LiaisonSandboxOptions options;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (LiaisonAuthorizer) ghl_auth = NULL;
  g_autoptr (LiaisonAuthorizer) lsq_auth = NULL;
  g_autoptr (LiaisonHttp) ghl_http = NULL;
  g_autoptr (LiaisonHttp) lsq_http = NULL;
  g_autoptr (LiaisonRefresher) refresher = NULL;
  g_autoptr (GAsyncResult) result = NULL;

  liaison_sandbox_options_init (&options);
  options.seed = 11;
  options.contacts = 60;
  options.ghl_rate = "1000/1s";
  options.lsq_rate = "1000/1s";
  f->sandbox = liaison_sandbox_new (&options);
  g_assert_true (liaison_sandbox_start_in_thread (f->sandbox, &error));
  g_assert_no_error (error);
  f->control = soup_session_new ();

  f->dir = store_test_tmpdir ();
  path = g_build_filename (f->dir, "profile.db", NULL);
  f->store = store_test_open (path, "US", &error);
  g_assert_no_error (error);
  f->lsq_id = store_test_add_connection (f->store, LIAISON_SERVICE_LSQ, "sandbox-org");
  f->ghl_id = store_test_add_connection (f->store, LIAISON_SERVICE_GHL,
                                         liaison_sandbox_get_location_id (f->sandbox));

  ghl_auth = liaison_bearer_authorizer_new (liaison_sandbox_get_private_token (f->sandbox));
  ghl_http = liaison_http_new (LIAISON_HTTP_SERVICE_GHL, liaison_sandbox_get_ghl_url (f->sandbox),
                               ghl_auth, &error);
  g_assert_no_error (error);
  lsq_auth = liaison_lsq_key_authorizer_new (liaison_sandbox_get_lsq_access_key (f->sandbox),
                                             liaison_sandbox_get_lsq_secret_key (f->sandbox));
  lsq_http = liaison_http_new (LIAISON_HTTP_SERVICE_LSQ, liaison_sandbox_get_lsq_url (f->sandbox),
                               lsq_auth, &error);
  g_assert_no_error (error);
  liaison_rate_limiter_set_limit (liaison_http_get_rate_limiter (lsq_http), 1000, 1000);
  liaison_rate_limiter_set_limit (liaison_http_get_rate_limiter (ghl_http), 1000, 1000);
  /* A 500 is final here, so that the test sees the error without backoff. */
  liaison_retry_policy_set_max_attempts (liaison_http_get_retry_policy (ghl_http), 1);
  liaison_retry_policy_set_max_attempts (liaison_http_get_retry_policy (lsq_http), 1);
  f->ghl = liaison_ghl_client_new (ghl_http, liaison_sandbox_get_location_id (f->sandbox));
  f->lsq = liaison_lsq_client_new (lsq_http);

  /* The contacts themselves, as "Refresh from both" fetches them. */
  refresher = liaison_refresher_new (f->store, f->lsq, f->lsq_id, f->ghl, f->ghl_id);
  liaison_refresher_run_async (refresher, TRUE, NULL, store_test_result_cb, &result);
  g_assert_true (liaison_refresher_run_finish (refresher, store_test_wait (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  f->model = liaison_contact_list_new (f->store, f->lsq_id, f->ghl_id);
  liaison_contact_list_load_async (f->model, NULL, store_test_result_cb, &result);
  g_assert_true (liaison_contact_list_load_finish (f->model, store_test_wait (&result), &error));
  g_assert_no_error (error);
  load_sandbox_records (f);

  f->detail = g_object_new (LIAISON_TYPE_CONTACT_DETAIL, NULL);
  f->activity = child (f->detail, LIAISON_TYPE_CONTACT_DETAIL, "activity");
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->detail));
  gtk_window_present (f->window);
  liaison_contact_detail_set_model (f->detail, f->model);
  liaison_contact_detail_set_clients (f->detail, f->lsq, f->ghl);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  if (f->window != NULL)
    gtk_window_destroy (f->window);
  store_test_drain ();
  for (guint s = 0; s < 2; s++)
    for (guint g = 0; g <= N_GROUPS; g++)
      g_clear_pointer (&f->sandbox_records[s][g], json_array_unref);
  g_clear_object (&f->model);
  g_clear_object (&f->lsq);
  g_clear_object (&f->ghl);
  g_clear_object (&f->store);
  store_test_drain ();
  g_clear_object (&f->control);
  liaison_sandbox_stop (f->sandbox);
  g_clear_object (&f->sandbox);
  store_test_rmtree (f->dir);
  g_free (f->dir);
  g_free (f->lsq_id);
  g_free (f->ghl_id);
}

/* Tests ------------------------------------------------------------------ */

/* The first GHL task of the contact, as the sandbox has it, in the person's zone. */
static void
assert_local_due_time (Fixture *f, LiaisonContactRow *row)
{
  JsonArray *tasks = f->sandbox_records[LIAISON_SERVICE_GHL][TASKS];
  GtkListBox *list = activity_child (f, "tasks", "list");
  g_autoptr (GTimeZone) kolkata = g_time_zone_new_identifier ("Asia/Kolkata");
  GtkListBoxRow *list_row;
  const char *due_text = NULL;
  g_autoptr (GDateTime) due = NULL;
  g_autoptr (GDateTime) local = NULL;
  g_autofree char *expected = NULL;
  gboolean found = FALSE;

  for (guint i = 0; i < json_array_get_length (tasks) && due_text == NULL; i++)
    if (g_strcmp0 (member (json_array_get_object_element (tasks, i), "contactId"),
                   liaison_contact_row_get_ghl_id (row))
        == 0)
      due_text = member (json_array_get_object_element (tasks, i), "dueDate");
  g_assert_nonnull (due_text);
  due = g_date_time_new_from_iso8601 (due_text, NULL);
  g_assert_nonnull (due);
  g_assert_nonnull (kolkata);
  local = g_date_time_to_timezone (due, kolkata);
  /* Kolkata is 5:30 ahead of UTC: a time shown in UTC would not match. */
  expected = g_date_time_format (local, "%R");
  for (int i = 0; (list_row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    found |= strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (list_row)), expected) != NULL;
  if (!found)
    g_test_message ("no task row shows %s (due %s)", expected, due_text);
  g_assert_true (found);
}

static void
test_both_services (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) contacts = pick_contacts (f, 1, TRUE);
  LiaisonContactRow *row = g_ptr_array_index (contacts, 0);
  Counts expected = sandbox_counts (f, row);
  Counts shown;

  liaison_contact_detail_set_row (f->detail, row);
  /* Nothing is cached yet: the pane says it is loading, not that there is nothing. */
  g_assert_true (liaison_contact_activity_get_loading (f->activity));
  g_assert_true (
      gtk_widget_get_visible (child (f->activity, LIAISON_TYPE_CONTACT_ACTIVITY, "status_box")));
  g_assert_cmpstr (
      gtk_label_get_label (child (f->activity, LIAISON_TYPE_CONTACT_ACTIVITY, "status_label")), ==,
      "Loading tasks, notes and appointments…");
  g_assert_false (gtk_widget_get_visible (activity_child (f, "tasks", "group")));

  wait_loaded (f);
  shown = shown_counts (f);
  assert_counts (&shown, &expected);
  g_assert_false (
      gtk_widget_get_visible (child (f->activity, LIAISON_TYPE_CONTACT_ACTIVITY, "error_box")));
  g_assert_false (
      gtk_widget_get_visible (child (f->activity, LIAISON_TYPE_CONTACT_ACTIVITY, "status_box")));
  for (guint g = 0; g < N_GROUPS; g++)
    {
      g_assert_true (gtk_widget_get_visible (activity_child (f, group_names[g], "group")));
      if (expected.n[0][g] + expected.n[1][g] == 0)
        {
          g_autofree char *text = g_strdup_printf ("No %s in either account", group_names[g]);

          g_assert_cmpstr (gtk_label_get_label (activity_child (f, group_names[g], "empty")), ==,
                           text);
        }
      /* Everything shown was cached as the contact's children. */
      g_assert_cmpuint (
          cached_count (f, LIAISON_SERVICE_LSQ, liaison_contact_row_get_lsq_id (row), g), ==,
          expected.n[LIAISON_SERVICE_LSQ][g]);
      g_assert_cmpuint (
          cached_count (f, LIAISON_SERVICE_GHL, liaison_contact_row_get_ghl_id (row), g), ==,
          expected.n[LIAISON_SERVICE_GHL][g]);
    }
  assert_local_due_time (f, row);

  /* The sandbox has no website: no "Open in" buttons. */
  g_assert_false (
      gtk_widget_get_visible (child (f->detail, LIAISON_TYPE_CONTACT_DETAIL, "open_box")));
}

static void
test_reselect_from_cache (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) contacts = pick_contacts (f, 3, FALSE);
  LiaisonContactRow *a = g_ptr_array_index (contacts, 0);
  LiaisonContactRow *b = g_ptr_array_index (contacts, 1);
  LiaisonContactRow *c = g_ptr_array_index (contacts, 2);
  Counts expected_a = sandbox_counts (f, a);
  Counts expected_b = sandbox_counts (f, b);
  Counts shown;
  gint64 before, ghl_tasks_before;

  liaison_contact_detail_set_row (f->detail, a);
  wait_loaded (f);
  liaison_contact_detail_set_row (f->detail, b);
  wait_loaded (f);

  /* Both services hold every answer for a while: what shows now comes from the store. */
  add_fault (f, LIAISON_SERVICE_GHL, "/*=delay:700");
  add_fault (f, LIAISON_SERVICE_LSQ, "/v2/*=delay:700");
  before = answered (f);
  ghl_tasks_before = route_count (f, LIAISON_SERVICE_GHL, "GET /contacts/:contactId/tasks");
  liaison_contact_detail_set_row (f->detail, a);
  /* The store is read off the main thread: its items show well before any answer. */
  {
    gint64 deadline = g_get_monotonic_time () + 500 * 1000;

    do
      {
        g_main_context_iteration (NULL, FALSE);
        shown = shown_counts (f);
      }
    while (memcmp (&shown, &expected_a, sizeof shown) != 0 && g_get_monotonic_time () < deadline);
  }
  assert_counts (&shown, &expected_a);
  g_assert_cmpint (answered (f), ==, before);
  spin (300);
  shown = shown_counts (f);
  assert_counts (&shown, &expected_a);
  g_assert_true (liaison_contact_activity_get_loading (f->activity));
  g_assert_cmpstr (
      gtk_label_get_label (child (f->activity, LIAISON_TYPE_CONTACT_ACTIVITY, "status_label")), ==,
      "Checking both accounts for changes…");
  /* No answer has come yet. */
  g_assert_cmpint (answered (f), ==, before);
  wait_loaded (f);
  clear_faults (f, LIAISON_SERVICE_GHL);
  clear_faults (f, LIAISON_SERVICE_LSQ);
  /* In the background, both services were asked again, once per kind. */
  g_assert_cmpint (route_count (f, LIAISON_SERVICE_GHL, "GET /contacts/:contactId/tasks"), ==,
                   ghl_tasks_before + 1);
  shown = shown_counts (f);
  assert_counts (&shown, &expected_a);

  /* Selecting another contact at once drops the first one's answers. */
  liaison_contact_detail_set_row (f->detail, c);
  liaison_contact_detail_set_row (f->detail, b);
  wait_loaded (f);
  spin (200);
  store_test_drain ();
  shown = shown_counts (f);
  assert_counts (&shown, &expected_b);
  for (guint g = 0; g < N_GROUPS; g++)
    {
      g_assert_cmpuint (
          cached_count (f, LIAISON_SERVICE_LSQ, liaison_contact_row_get_lsq_id (c), g), ==, 0);
      g_assert_cmpuint (
          cached_count (f, LIAISON_SERVICE_GHL, liaison_contact_row_get_ghl_id (c), g), ==, 0);
    }
}

static void
test_one_service_fails (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) contacts = pick_contacts (f, 1, FALSE);
  LiaisonContactRow *row = g_ptr_array_index (contacts, 0);
  Counts expected = sandbox_counts (f, row);
  Counts lsq_only = expected;
  Counts shown;
  GtkLabel *error_label = child (f->activity, LIAISON_TYPE_CONTACT_ACTIVITY, "error_label");
  GtkWidget *error_box = child (f->activity, LIAISON_TYPE_CONTACT_ACTIVITY, "error_box");

  add_fault (f, LIAISON_SERVICE_GHL, "GET /contacts/*=500");
  liaison_contact_detail_set_row (f->detail, row);
  wait_loaded (f);

  /* HighLevel's failure is said in words, LeadSquared's items are listed all the same. */
  g_assert_true (gtk_widget_get_visible (error_box));
  g_assert_nonnull (strstr (gtk_label_get_label (error_label), "HighLevel"));
  g_assert_null (strstr (gtk_label_get_label (error_label), "LeadSquared"));
  g_assert_true (
      gtk_widget_get_visible (child (f->activity, LIAISON_TYPE_CONTACT_ACTIVITY, "retry_button")));
  memset (lsq_only.n[LIAISON_SERVICE_GHL], 0, sizeof lsq_only.n[LIAISON_SERVICE_GHL]);
  shown = shown_counts (f);
  assert_counts (&shown, &lsq_only);
  for (guint g = 0; g < N_GROUPS; g++)
    if (expected.n[LIAISON_SERVICE_LSQ][g] == 0)
      {
        g_autofree char *text = g_strdup_printf ("No %s in LeadSquared", group_names[g]);

        g_assert_cmpstr (gtk_label_get_label (activity_child (f, group_names[g], "empty")), ==,
                         text);
      }

  /* Once HighLevel answers again, Retry brings its items in. */
  clear_faults (f, LIAISON_SERVICE_GHL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->activity), "activity.retry", NULL));
  g_assert_true (liaison_contact_activity_get_loading (f->activity));
  wait_loaded (f);
  g_assert_false (gtk_widget_get_visible (error_box));
  shown = shown_counts (f);
  assert_counts (&shown, &expected);
}

/* An item a service no longer lists leaves the cache when the contact is shown again. */
static void
test_gone_item (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) contacts = pick_contacts (f, 2, TRUE);
  LiaisonContactRow *a = g_ptr_array_index (contacts, 0);
  LiaisonContactRow *b = g_ptr_array_index (contacts, 1);
  const char *ghl_id = liaison_contact_row_get_ghl_id (a);
  JsonArray *tasks = f->sandbox_records[LIAISON_SERVICE_GHL][TASKS];
  const char *task_id = NULL;
  g_autofree char *path = NULL;
  Counts expected = sandbox_counts (f, a);
  Counts shown;

  liaison_contact_detail_set_row (f->detail, a);
  wait_loaded (f);
  g_assert_cmpuint (cached_count (f, LIAISON_SERVICE_GHL, ghl_id, TASKS), ==,
                    expected.n[LIAISON_SERVICE_GHL][TASKS]);

  for (guint i = 0; i < json_array_get_length (tasks) && task_id == NULL; i++)
    if (g_strcmp0 (member (json_array_get_object_element (tasks, i), "contactId"), ghl_id) == 0)
      task_id = member (json_array_get_object_element (tasks, i), "id");
  g_assert_nonnull (task_id);
  path = g_strdup_printf ("/_sandbox/ghl/tasks/%s", task_id);
  json_node_unref (control (f, LIAISON_SERVICE_GHL, "DELETE", path, NULL));

  liaison_contact_detail_set_row (f->detail, b);
  wait_loaded (f);
  liaison_contact_detail_set_row (f->detail, a);
  wait_loaded (f);
  expected.n[LIAISON_SERVICE_GHL][TASKS]--;
  g_assert_cmpuint (cached_count (f, LIAISON_SERVICE_GHL, ghl_id, TASKS), ==,
                    expected.n[LIAISON_SERVICE_GHL][TASKS]);
  shown = shown_counts (f);
  assert_counts (&shown, &expected);
}

/* Closing the window while both services hold their answers: the pane goes at once, the
 * requests in flight keep nothing alive, and the answers that come later are dropped. */
static void
test_closed_while_loading (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) contacts = pick_contacts (f, 1, FALSE);
  LiaisonContactRow *row = g_ptr_array_index (contacts, 0);
  gpointer detail = f->detail;
  gpointer activity = f->activity;
  gint64 before, deadline;

  add_fault (f, LIAISON_SERVICE_GHL, "/*=delay:1500");
  add_fault (f, LIAISON_SERVICE_LSQ, "/v2/*=delay:1500");
  before = answered (f);
  liaison_contact_detail_set_row (f->detail, row);
  g_assert_true (liaison_contact_activity_get_loading (f->activity));
  /* The requests reach the sandbox before the window closes. */
  spin (200);
  g_assert_cmpint (answered (f), ==, before);

  g_object_add_weak_pointer (G_OBJECT (detail), &detail);
  g_object_add_weak_pointer (G_OBJECT (activity), &activity);
  gtk_window_destroy (f->window);
  f->window = NULL;
  f->detail = NULL;
  f->activity = NULL;
  g_assert_null (detail);
  g_assert_null (activity);
  g_assert_cmpint (answered (f), ==, before);

  /* The answers come (five requests: three HighLevel, two LeadSquared) and change nothing. */
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (answered (f) < before + 5)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      spin (50);
    }
  spin (200);
  store_test_drain ();
  for (guint g = 0; g < N_GROUPS; g++)
    {
      g_assert_cmpuint (
          cached_count (f, LIAISON_SERVICE_LSQ, liaison_contact_row_get_lsq_id (row), g), ==, 0);
      g_assert_cmpuint (
          cached_count (f, LIAISON_SERVICE_GHL, liaison_contact_row_get_ghl_id (row), g), ==, 0);
    }
}

static void
test_web_urls (void)
{
  struct
  {
    const char *api;
    const char *expected;
  } lsq[] = {
    { "https://api-us11.leadsquared.com/v2/",
      "https://us11.leadsquared.com/LeadManagement/LeadDetails?LeadID=a1-b2" },
    { "https://api-in21.leadsquared.com",
      "https://in21.leadsquared.com/LeadManagement/LeadDetails?LeadID=a1-b2" },
    { "https://api.leadsquared.com/",
      "https://run.leadsquared.com/LeadManagement/LeadDetails?LeadID=a1-b2" },
    { "http://127.0.0.1:41234/", NULL },
    { "http://localhost:8080", NULL },
    { "https://api-us11.example.com", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (lsq); i++)
    {
      g_autofree char *url = liaison_contact_detail_lsq_web_url (lsq[i].api, "a1-b2");

      g_assert_cmpstr (url, ==, lsq[i].expected);
    }
  {
    g_autofree char *url = liaison_contact_detail_ghl_web_url (
        "https://services.leadconnectorhq.com", "loc 1", "contact1");
    g_autofree char *sandbox
        = liaison_contact_detail_ghl_web_url ("http://127.0.0.1:5000", "loc1", "contact1");
    g_autofree char *no_location = liaison_contact_detail_ghl_web_url (
        "https://services.leadconnectorhq.com", NULL, "contact1");

    g_assert_cmpstr (url, ==,
                     "https://app.gohighlevel.com/v2/location/loc%201/contacts/detail/contact1");
    g_assert_null (sandbox);
    g_assert_null (no_location);
  }
}

int
main (int argc, char *argv[])
{
  /* The person is in Kolkata (UTC+5:30): times must be shown there, not in UTC. */
  g_setenv ("TZ", "Asia/Kolkata", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/contact-activity/web-urls", test_web_urls);
  g_test_add ("/contact-activity/both-services", Fixture, NULL, fixture_set_up, test_both_services,
              fixture_tear_down);
  g_test_add ("/contact-activity/reselect-from-cache", Fixture, NULL, fixture_set_up,
              test_reselect_from_cache, fixture_tear_down);
  g_test_add ("/contact-activity/one-service-fails", Fixture, NULL, fixture_set_up,
              test_one_service_fails, fixture_tear_down);
  g_test_add ("/contact-activity/gone-item", Fixture, NULL, fixture_set_up, test_gone_item,
              fixture_tear_down);
  g_test_add ("/contact-activity/closed-while-loading", Fixture, NULL, fixture_set_up,
              test_closed_while_loading, fixture_tear_down);

  return g_test_run ();
}
