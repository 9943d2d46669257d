/* test-refresher.c: "Refresh from both" against the in-process sandbox
 * through the real clients: a first full read of both accounts, an
 * incremental read that picks up a change a person made, and a refresh
 * cancelled half-way that resumes without duplicates or gaps.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "liaison-bearer-authorizer.h"
#include "liaison-lsq-key-authorizer.h"
#include "liaison-refresher.h"
#include "liaison-sandbox.h"
#include "store-test-util.h"

typedef struct
{
  LiaisonSandbox *sandbox;
  SoupSession *control;
  char *dir;
  LiaisonStore *store;
  char *lsq_id;
  char *ghl_id;
  LiaisonGhlClient *ghl;
  LiaisonLsqClient *lsq;
  LiaisonRefresher *refresher;
} Fixture;

static JsonNode *
control_request (Fixture *f, const char *method, const char *base, const char *path,
                 const char *body)
{
  g_autofree char *url = g_strconcat (base, path, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new (method, url);
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (GError) error = NULL;
  JsonNode *node;

  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  reply = soup_session_send_and_read (f->control, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), <, 300);
  node = json_from_string (g_bytes_get_data (reply, NULL), &error);
  g_assert_no_error (error);
  return node;
}

static guint
sandbox_count (Fixture *f, const char *base, const char *collection)
{
  g_autofree char *path = g_strdup_printf ("/_sandbox/%s", collection);
  g_autoptr (JsonNode) node = control_request (f, "GET", base, path, NULL);

  return json_array_get_length (
      json_object_get_array_member (json_node_get_object (node), "records"));
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  LiaisonSandboxOptions options;
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonHttp) ghl_http = NULL;
  g_autoptr (LiaisonHttp) lsq_http = NULL;
  g_autoptr (LiaisonAuthorizer) ghl_auth = NULL;
  g_autoptr (LiaisonAuthorizer) lsq_auth = NULL;
  g_autofree char *path = NULL;

  liaison_sandbox_options_init (&options);
  options.seed = 11;
  options.contacts = 60;
  /* Generous limits: this test is about paging and cursors, not pacing. */
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
  f->ghl = liaison_ghl_client_new (ghl_http, liaison_sandbox_get_location_id (f->sandbox));

  lsq_auth = liaison_lsq_key_authorizer_new (liaison_sandbox_get_lsq_access_key (f->sandbox),
                                             liaison_sandbox_get_lsq_secret_key (f->sandbox));
  lsq_http = liaison_http_new (LIAISON_HTTP_SERVICE_LSQ, liaison_sandbox_get_lsq_url (f->sandbox),
                               lsq_auth, &error);
  g_assert_no_error (error);
  /* The sandbox answers far faster than the documented plan limits. */
  liaison_rate_limiter_set_limit (liaison_http_get_rate_limiter (lsq_http), 1000, 1000);
  liaison_rate_limiter_set_limit (liaison_http_get_rate_limiter (ghl_http), 1000, 1000);
  f->lsq = liaison_lsq_client_new (lsq_http);

  f->refresher = liaison_refresher_new (f->store, f->lsq, f->lsq_id, f->ghl, f->ghl_id);
  liaison_refresher_set_page_size (f->refresher, 10);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->refresher);
  g_clear_object (&f->ghl);
  g_clear_object (&f->lsq);
  store_test_drain ();
  g_clear_object (&f->store);
  store_test_drain ();
  g_clear_object (&f->control);
  liaison_sandbox_stop (f->sandbox);
  g_clear_object (&f->sandbox);
  g_free (f->lsq_id);
  g_free (f->ghl_id);
  g_free (f->dir);
}

static gboolean
run_refresh (Fixture *f, gboolean full, GCancellable *cancellable, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  liaison_refresher_run_async (f->refresher, full, cancellable, store_test_result_cb, &result);
  return liaison_refresher_run_finish (f->refresher, store_test_wait (&result), error);
}

static void
assert_counts_match_sandbox (Fixture *f)
{
  guint n_ghl = sandbox_count (f, liaison_sandbox_get_ghl_url (f->sandbox), "ghl/contacts");
  guint n_lsq = sandbox_count (f, liaison_sandbox_get_lsq_url (f->sandbox), "lsq/leads");

  g_assert_cmpuint (n_ghl, >, 20);
  g_assert_cmpuint (n_lsq, >, 20);
  g_assert_cmpint (liaison_store_count_records (f->store, f->ghl_id, LIAISON_RECORD_CONTACT, NULL),
                   ==, n_ghl);
  g_assert_cmpint (liaison_store_count_records (f->store, f->lsq_id, LIAISON_RECORD_CONTACT, NULL),
                   ==, n_lsq);
}

static void
test_refresher_full_then_incremental (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) contacts = NULL;
  g_autoptr (JsonNode) edited = NULL;
  g_autoptr (LiaisonStoreCursor) cursor = NULL;
  g_autoptr (LiaisonStoreRecord) record = NULL;
  g_autofree char *path = NULL;
  const char *contact_id;
  guint64 before, after;
  gint64 started = g_get_real_time () / 1000;

  g_assert_true (run_refresh (f, FALSE, NULL, &error));
  g_assert_no_error (error);
  assert_counts_match_sandbox (f);
  /* Each account notes when its refresh went through. */
  g_assert_cmpint (liaison_store_get_refreshed_at (f->store, f->lsq_id, NULL), >=, started);
  g_assert_cmpint (liaison_store_get_refreshed_at (f->store, f->ghl_id, NULL), >=, started);
  g_assert_cmpint (liaison_store_get_refreshed_at (f->store, f->ghl_id, NULL), <=,
                   g_get_real_time () / 1000);
  g_assert_cmpuint (liaison_refresher_get_fetched (f->refresher, LIAISON_SERVICE_GHL), >, 0);
  /* Each lead is counted once, though each page starts at the last one's second. */
  g_assert_cmpint (liaison_refresher_get_fetched (f->refresher, LIAISON_SERVICE_LSQ), ==,
                   liaison_store_count_records (f->store, f->lsq_id, LIAISON_RECORD_CONTACT, NULL));
  g_assert_cmpuint (liaison_refresher_get_total (f->refresher, LIAISON_SERVICE_LSQ), ==,
                    liaison_refresher_get_fetched (f->refresher, LIAISON_SERVICE_LSQ));
  g_assert_cmpint (liaison_store_count_records (f->store, f->ghl_id, LIAISON_RECORD_USER, NULL), >,
                   0);
  g_assert_cmpint (liaison_store_count_records (f->store, f->lsq_id, LIAISON_RECORD_USER, NULL), >,
                   0);

  /* After a full read the cursor is incremental, at the newest change seen. */
  cursor = liaison_store_lookup_cursor (f->store, f->ghl_id, LIAISON_RECORD_CONTACT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cursor);
  g_assert_cmpint (cursor->phase, ==, LIAISON_REFRESH_INCREMENTAL);
  g_assert_nonnull (cursor->cursor);

  /* A person renames a contact in HighLevel's web UI. */
  contacts = control_request (f, "GET", liaison_sandbox_get_ghl_url (f->sandbox),
                              "/_sandbox/ghl/contacts", NULL);
  contact_id = json_object_get_string_member (
      json_array_get_object_element (
          json_object_get_array_member (json_node_get_object (contacts), "records"), 0),
      "id");
  path = g_strdup_printf ("/_sandbox/ghl/contacts/%s", contact_id);
  edited = control_request (f, "PATCH", liaison_sandbox_get_ghl_url (f->sandbox), path,
                            "{\"firstName\": \"Renamed\"}");

  before = liaison_refresher_get_fetched (f->refresher, LIAISON_SERVICE_GHL);
  g_assert_true (run_refresh (f, FALSE, NULL, &error));
  g_assert_no_error (error);
  after = liaison_refresher_get_fetched (f->refresher, LIAISON_SERVICE_GHL);
  /* Only what changed lately is read again, not the whole account. */
  g_assert_cmpuint (after, <, before);
  g_assert_cmpuint (after, >=, 1);

  record = liaison_store_lookup_record (f->store, f->ghl_id, LIAISON_RECORD_CONTACT, contact_id,
                                        &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_assert_true (g_str_has_prefix (record->display_name, "Renamed"));
  assert_counts_match_sandbox (f);
}

/* An incremental read that spans several pages reads every change: the
 * LeadSquared window must not move between pages of one run, or the page
 * offsets shift and leads in between are never read. */
static void
test_refresher_incremental_pages (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) leads = NULL;
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  const char *lsq_url = liaison_sandbox_get_lsq_url (f->sandbox);
  const char *newest = NULL;
  JsonArray *records;
  guint i;

  g_assert_true (run_refresh (f, FALSE, NULL, &error));
  g_assert_no_error (error);

  /* A person edits 25 leads, but not the newest one, which stays at the
   * start of the next read's window: three pages of ten. */
  leads = control_request (f, "GET", lsq_url, "/_sandbox/lsq/leads", NULL);
  records = json_object_get_array_member (json_node_get_object (leads), "records");
  g_assert_cmpuint (json_array_get_length (records), >=, 26);
  for (i = 0; i < json_array_get_length (records); i++)
    {
      const char *modified = json_object_get_string_member (
          json_array_get_object_element (records, i), "ModifiedOn");

      if (newest == NULL || g_strcmp0 (modified, newest) > 0)
        newest = modified;
    }
  for (i = 0; ids->len < 25; i++)
    {
      JsonObject *lead = json_array_get_object_element (records, i);
      const char *id = json_object_get_string_member (lead, "ProspectID");
      g_autofree char *path = g_strdup_printf ("/_sandbox/lsq/leads/%s", id);
      g_autofree char *body = g_strdup_printf ("{\"FirstName\": \"Edited%02u\"}", ids->len);
      g_autoptr (JsonNode) edited = NULL;

      if (g_strcmp0 (json_object_get_string_member (lead, "ModifiedOn"), newest) == 0)
        continue;
      edited = control_request (f, "PATCH", lsq_url, path, body);
      g_ptr_array_add (ids, g_strdup (id));
    }

  g_assert_true (run_refresh (f, FALSE, NULL, &error));
  g_assert_no_error (error);

  for (i = 0; i < ids->len; i++)
    {
      g_autoptr (LiaisonStoreRecord) record = NULL;
      g_autofree char *expected = g_strdup_printf ("Edited%02u", i);

      record = liaison_store_lookup_record (f->store, f->lsq_id, LIAISON_RECORD_CONTACT,
                                            g_ptr_array_index (ids, i), &error);
      g_assert_no_error (error);
      g_assert_nonnull (record);
      g_assert_cmpstr (record->display_name, !=, NULL);
      if (!g_str_has_prefix (record->display_name, expected))
        g_assert_cmpstr (record->display_name, ==, expected);
    }
  assert_counts_match_sandbox (f);
}

/* The id of the HighLevel contact at index in the sandbox's list. */
static char *
ghl_contact_id (Fixture *f, guint index)
{
  g_autoptr (JsonNode) contacts = control_request (
      f, "GET", liaison_sandbox_get_ghl_url (f->sandbox), "/_sandbox/ghl/contacts", NULL);
  JsonArray *records = json_object_get_array_member (json_node_get_object (contacts), "records");

  return g_strdup (
      json_object_get_string_member (json_array_get_object_element (records, index), "id"));
}

static void
rename_ghl_contact (Fixture *f, const char *id, const char *name)
{
  g_autofree char *path = g_strdup_printf ("/_sandbox/ghl/contacts/%s", id);
  g_autofree char *body = g_strdup_printf ("{\"firstName\": \"%s\"}", name);
  g_autoptr (JsonNode) edited
      = control_request (f, "PATCH", liaison_sandbox_get_ghl_url (f->sandbox), path, body);
}

static void
move_clock (Fixture *f, const char *body)
{
  g_autoptr (JsonNode) clock = control_request (f, "POST", liaison_sandbox_get_ghl_url (f->sandbox),
                                                "/_sandbox/clock", body);
}

static void
refresh_ok (Fixture *f)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (run_refresh (f, FALSE, NULL, &error));
  g_assert_no_error (error);
}

/* Incremental reads start at the mark the read before left in the service's own clock (its Date
 * header), less the overlap: with nothing new they move on, so that an idle read past the
 * overlap reads nothing again, while an edit made since still arrives; the services' clock an
 * hour behind this computer's changes neither. */
static void
test_refresher_idle_moves_on (Fixture *f, gconstpointer data)
{
  g_autofree char *first = NULL, *second = NULL;
  g_autoptr (LiaisonStoreRecord) record = NULL;
  g_autoptr (GError) error = NULL;

  move_clock (f, "{\"offsetMs\": -3600000}");
  refresh_ok (f);
  assert_counts_match_sandbox (f);

  first = ghl_contact_id (f, 0);
  rename_ghl_contact (f, first, "Renamed");
  refresh_ok (f);
  g_assert_cmpuint (liaison_refresher_get_fetched (f->refresher, LIAISON_SERVICE_GHL), >=, 1);

  /* Six minutes on: the next read goes back over the overlap once, the one after reads
   * nothing (before, each read went back five minutes from the newest change, for ever). */
  move_clock (f, "{\"advanceMs\": 360000}");
  refresh_ok (f);
  refresh_ok (f);
  g_assert_cmpuint (liaison_refresher_get_fetched (f->refresher, LIAISON_SERVICE_GHL), ==, 0);
  g_assert_cmpuint (liaison_refresher_get_fetched (f->refresher, LIAISON_SERVICE_LSQ), ==, 0);

  /* An edit in the service's clock, an hour behind this computer's, still arrives. */
  second = ghl_contact_id (f, 1);
  rename_ghl_contact (f, second, "Edited");
  refresh_ok (f);
  g_assert_cmpuint (liaison_refresher_get_fetched (f->refresher, LIAISON_SERVICE_GHL), ==, 1);
  record
      = liaison_store_lookup_record (f->store, f->ghl_id, LIAISON_RECORD_CONTACT, second, &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_assert_true (g_str_has_prefix (record->display_name, "Edited"));
  assert_counts_match_sandbox (f);
}

typedef struct
{
  Fixture *f;
  char *lead_id;
  gboolean edited;
} EditDuringRead;

/* After the first page of LeadSquared, a person edits a lead that page
 * held: it leaves the window of leads modified before the read began. */
static void
on_progress_edit (LiaisonRefresher *refresher, LiaisonService service, EditDuringRead *edit)
{
  g_autofree char *path = NULL;
  g_autoptr (JsonNode) edited = NULL;

  if (service != LIAISON_SERVICE_LSQ || edit->edited)
    return;
  edit->edited = TRUE;
  path = g_strdup_printf ("/_sandbox/lsq/leads/%s", edit->lead_id);
  edited = control_request (edit->f, "PATCH", liaison_sandbox_get_lsq_url (edit->f->sandbox), path,
                            "{\"FirstName\": \"Edited\"}");
}

/* A lead edited while a full read pages through LeadSquared must not make
 * the read skip another lead, which would then be marked as gone. */
static void
test_refresher_edit_during_full_read (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) leads = NULL;
  EditDuringRead edit = { f, NULL, FALSE };
  const char *oldest = NULL;
  JsonArray *records;
  gulong handler;
  guint i;

  leads = control_request (f, "GET", liaison_sandbox_get_lsq_url (f->sandbox),
                           "/_sandbox/lsq/leads", NULL);
  records = json_object_get_array_member (json_node_get_object (leads), "records");
  for (i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *lead = json_array_get_object_element (records, i);
      const char *modified = json_object_get_string_member (lead, "ModifiedOn");

      if (oldest == NULL || g_strcmp0 (modified, oldest) < 0)
        {
          oldest = modified;
          edit.lead_id = (char *) json_object_get_string_member (lead, "ProspectID");
        }
    }
  g_assert_nonnull (edit.lead_id);

  handler = g_signal_connect (f->refresher, "progress", G_CALLBACK (on_progress_edit), &edit);
  g_assert_true (run_refresh (f, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_signal_handler_disconnect (f->refresher, handler);
  g_assert_true (edit.edited);

  /* Every lead the sandbox holds is in the store, none marked gone. */
  assert_counts_match_sandbox (f);
}

static void
on_progress_cancel (LiaisonRefresher *refresher, LiaisonService service, GCancellable *cancellable)
{
  if (liaison_refresher_get_fetched (refresher, LIAISON_SERVICE_GHL) >= 20)
    g_cancellable_cancel (cancellable);
}

static void
test_refresher_cancel_and_resume (Fixture *f, gconstpointer data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonStoreCursor) cursor = NULL;
  gulong handler;

  handler
      = g_signal_connect (f->refresher, "progress", G_CALLBACK (on_progress_cancel), cancellable);
  g_assert_false (run_refresh (f, FALSE, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_signal_handler_disconnect (f->refresher, handler);
  g_assert_false (liaison_refresher_get_running (f->refresher));

  /* Part of the account is stored, and the cursor remembers where to go on. */
  cursor = liaison_store_lookup_cursor (f->store, f->ghl_id, LIAISON_RECORD_CONTACT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cursor);
  g_assert_cmpint (cursor->phase, ==, LIAISON_REFRESH_FULL);
  g_assert_cmpint (liaison_store_count_records (f->store, f->ghl_id, LIAISON_RECORD_CONTACT, NULL),
                   >=, 10);
  /* A refresh that stopped is not one that went through. */
  g_assert_cmpint (liaison_store_get_refreshed_at (f->store, f->ghl_id, NULL), ==, 0);

  g_assert_true (run_refresh (f, FALSE, NULL, &error));
  g_assert_no_error (error);
  assert_counts_match_sandbox (f);
  g_assert_cmpint (liaison_store_get_refreshed_at (f->store, f->ghl_id, NULL), >, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/refresher/full-then-incremental", Fixture, NULL, fixture_set_up,
              test_refresher_full_then_incremental, fixture_tear_down);
  g_test_add ("/refresher/incremental-pages", Fixture, NULL, fixture_set_up,
              test_refresher_incremental_pages, fixture_tear_down);
  g_test_add ("/refresher/edit-during-full-read", Fixture, NULL, fixture_set_up,
              test_refresher_edit_during_full_read, fixture_tear_down);
  g_test_add ("/refresher/cancel-and-resume", Fixture, NULL, fixture_set_up,
              test_refresher_cancel_and_resume, fixture_tear_down);
  g_test_add ("/refresher/idle-moves-on", Fixture, NULL, fixture_set_up,
              test_refresher_idle_moves_on, fixture_tear_down);

  return g_test_run ();
}
