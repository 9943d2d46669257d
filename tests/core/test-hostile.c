/* test-hostile.c: the HTTP path and the clients against hostile input: ids
 * that would change a path (each client call that builds one), replies that
 * are only whitespace, nested too deep, too large, of the wrong root type,
 * a page with one bad record, and secrets in server messages.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-hostile"

#include <string.h>

#include "liaison-bearer-authorizer.h"
#include "liaison-ghl-client.h"
#include "liaison-http-call.h"
#include "liaison-lsq-client.h"
#include "liaison-redact.h"
#include "test-http-util.h"

typedef struct
{
  FakePeer *peer;
  LiaisonHttp *http;
  LiaisonGhlClient *client;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonAuthorizer) bearer = liaison_bearer_authorizer_new ("pit-token");
  g_autoptr (GError) error = NULL;

  f->peer = fake_peer_new ();
  f->http
      = liaison_http_new (LIAISON_HTTP_SERVICE_GHL, fake_peer_get_url (f->peer), bearer, &error);
  g_assert_no_error (error);
  liaison_retry_policy_set_max_attempts (liaison_http_get_retry_policy (f->http), 1);
  f->client = liaison_ghl_client_new (f->http, "loc-1");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->client);
  g_clear_object (&f->http);
  fake_peer_free (f->peer);
}

static guint
n_requests (Fixture *f)
{
  g_autoptr (GPtrArray) requests = fake_peer_dup_requests (f->peer);

  return requests->len;
}

/* ---- ids in paths ---- */

static const char *bad_ids[] = { "..", ".", "", "a/b", "a%2Fb", "x\ny", "x y", "?q", "#" };

/* Starts call n of the client calls that put an id into a path, with id
 * in that place; FALSE when n is past the last. */
static gboolean
start_call (LiaisonGhlClient *client, guint n, const char *id, Wait *wait)
{
  g_autoptr (GDateTime) from = g_date_time_new_utc (2026, 12, 1, 0, 0, 0);
  g_autoptr (GDateTime) to = g_date_time_new_utc (2026, 12, 2, 0, 0, 0);
  g_autoptr (LiaisonContact) contact = liaison_contact_new ();
  g_autoptr (LiaisonTask) task = liaison_task_new ();
  g_autoptr (LiaisonNote) note = liaison_note_new ();
  g_autoptr (LiaisonAppointment) appointment = liaison_appointment_new ();
  const char *tags[] = { "t", NULL };

  liaison_contact_set_id (contact, id);
  liaison_task_set_id (task, id);
  liaison_task_set_contact_id (task, id);
  liaison_task_set_title (task, "Call");
  liaison_task_set_due_date (task, from);
  liaison_note_set_id (note, id);
  liaison_note_set_contact_id (note, id);
  liaison_note_set_body (note, "Hello");
  liaison_appointment_set_id (appointment, id);

  switch (n)
    {
      case 0:
        liaison_ghl_client_get_contact_async (client, id, NULL, on_done, wait);
        break;
      case 1:
        liaison_ghl_client_update_contact_async (client, contact, NULL, on_done, wait);
        break;
      case 2:
        liaison_ghl_client_delete_contact_async (client, id, NULL, on_done, wait);
        break;
      case 3:
        liaison_ghl_client_add_tags_async (client, id, tags, NULL, on_done, wait);
        break;
      case 4:
        liaison_ghl_client_remove_tags_async (client, id, tags, NULL, on_done, wait);
        break;
      case 5:
        liaison_ghl_client_list_business_contacts_async (client, id, 0, 10, NULL, on_done, wait);
        break;
      case 6:
        liaison_ghl_client_list_tasks_async (client, id, NULL, on_done, wait);
        break;
      case 7:
        liaison_ghl_client_get_task_async (client, "c1", id, NULL, on_done, wait);
        break;
      case 8:
        liaison_ghl_client_create_task_async (client, task, NULL, on_done, wait);
        break;
      case 9:
        liaison_ghl_client_update_task_async (client, task, NULL, on_done, wait);
        break;
      case 10:
        liaison_ghl_client_complete_task_async (client, id, "t1", TRUE, NULL, on_done, wait);
        break;
      case 11:
        liaison_ghl_client_delete_task_async (client, "c1", id, NULL, on_done, wait);
        break;
      case 12:
        liaison_ghl_client_list_notes_async (client, id, NULL, on_done, wait);
        break;
      case 13:
        liaison_ghl_client_get_note_async (client, id, "n1", NULL, on_done, wait);
        break;
      case 14:
        liaison_ghl_client_create_note_async (client, note, NULL, on_done, wait);
        break;
      case 15:
        liaison_ghl_client_update_note_async (client, note, NULL, on_done, wait);
        break;
      case 16:
        liaison_ghl_client_delete_note_async (client, "c1", id, NULL, on_done, wait);
        break;
      case 17:
        liaison_ghl_client_list_contact_appointments_async (client, id, NULL, on_done, wait);
        break;
      case 18:
        liaison_ghl_client_get_calendar_async (client, id, NULL, on_done, wait);
        break;
      case 19:
        liaison_ghl_client_get_free_slots_async (client, id, from, to, "UTC", NULL, 30, NULL,
                                                 on_done, wait);
        break;
      case 20:
        liaison_ghl_client_update_appointment_async (client, appointment, NULL, on_done, wait);
        break;
      case 21:
        liaison_ghl_client_delete_appointment_async (client, id, NULL, on_done, wait);
        break;
      default:
        return FALSE;
    }
  return TRUE;
}

/* Finishes call n; returns its error. */
static GError *
finish_call (LiaisonGhlClient *client, guint n, GAsyncResult *result)
{
  GError *error = NULL;
  g_autoptr (GObject) object = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_auto (GStrv) tags = NULL;

  switch (n)
    {
      case 0:
        object = G_OBJECT (liaison_ghl_client_get_contact_finish (client, result, &error));
        break;
      case 1:
        object = G_OBJECT (liaison_ghl_client_update_contact_finish (client, result, &error));
        break;
      case 2:
        liaison_ghl_client_delete_contact_finish (client, result, &error);
        break;
      case 3:
      case 4:
        tags = liaison_ghl_client_tags_finish (client, result, &error);
        break;
      case 5:
        list = liaison_ghl_client_list_business_contacts_finish (client, result, &error);
        break;
      case 7:
      case 8:
      case 9:
      case 10:
        object = G_OBJECT (liaison_ghl_client_task_finish (client, result, &error));
        break;
      case 13:
      case 14:
      case 15:
        object = G_OBJECT (liaison_ghl_client_note_finish (client, result, &error));
        break;
      case 11:
      case 16:
      case 21:
        liaison_ghl_client_delete_finish (client, result, &error);
        break;
      case 18:
        object = G_OBJECT (liaison_ghl_client_get_calendar_finish (client, result, &error));
        break;
      case 20:
        object = G_OBJECT (liaison_ghl_client_appointment_finish (client, result, &error));
        break;
      default:
        list = liaison_ghl_client_list_finish (client, result, &error);
        break;
    }
  g_assert_null (object);
  g_assert_null (list);
  g_assert_null (tags);
  return error;
}

/* Every call that builds a path refuses an id that would change it, and
 * sends nothing: "tasks delete CONTACT_ID .." must not delete the contact. */
static void
test_bad_ids (Fixture *f, gconstpointer data)
{
  guint n, i;

  for (n = 0;; n++)
    for (i = 0; i < G_N_ELEMENTS (bad_ids); i++)
      {
        Wait wait = { 0 };
        g_autoptr (GError) error = NULL;

        if (!start_call (f->client, n, bad_ids[i], &wait))
          {
            g_assert_cmpuint (n, ==, 22);
            g_assert_cmpuint (n_requests (f), ==, 0);
            return;
          }
        wait_for (&wait);
        error = finish_call (f->client, n, wait.result);
        g_clear_object (&wait.result);
        g_test_message ("call %u, id “%s”: %s", n, bad_ids[i], error ? error->message : "-");
        g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_VALIDATION);
        /* Calls that check the id first say that it is missing. */
        g_assert_true (strstr (error->message, "nothing was sent") != NULL
                       || strstr (error->message, "no HighLevel id") != NULL
                       || strstr (error->message, "no contact") != NULL);
        g_assert_cmpuint (n_requests (f), ==, 0);
      }
}

/* LeadSquared's ids go into query strings; a bad one is refused the same way. */
static void
test_lsq_bad_ids (void)
{
  FakePeer *peer = fake_peer_new ();
  g_autoptr (LiaisonHttp) http = new_http (LIAISON_HTTP_SERVICE_LSQ, peer, NULL);
  g_autoptr (LiaisonLsqClient) client = liaison_lsq_client_new (http);
  g_autoptr (GPtrArray) requests = NULL;
  guint n, i;

  for (n = 0; n < 5; n++)
    for (i = 0; i < G_N_ELEMENTS (bad_ids); i++)
      {
        g_autoptr (LiaisonContact) contact = liaison_contact_new ();
        g_autoptr (GError) error = NULL;
        g_autoptr (GObject) object = NULL;
        g_autoptr (GPtrArray) list = NULL;
        Wait wait = { 0 };

        liaison_contact_set_id (contact, bad_ids[i]);
        liaison_contact_set_email (contact, "a@example.com");
        if (n == 0)
          liaison_lsq_client_get_lead_async (client, bad_ids[i], NULL, on_done, &wait);
        else if (n == 1)
          liaison_lsq_client_update_lead_async (client, contact, NULL, on_done, &wait);
        else if (n == 2)
          liaison_lsq_client_complete_task_async (client, bad_ids[i], NULL, on_done, &wait);
        else if (n == 3)
          liaison_lsq_client_get_task_async (client, bad_ids[i], NULL, on_done, &wait);
        else
          liaison_lsq_client_list_lead_tasks_async (client, bad_ids[i], TRUE, NULL, on_done, &wait);
        wait_for (&wait);
        if (n == 0)
          object = G_OBJECT (liaison_lsq_client_get_lead_finish (client, wait.result, &error));
        else if (n == 1 || n == 2)
          g_assert_false (liaison_lsq_client_done_finish (client, wait.result, &error));
        else if (n == 3)
          object = liaison_lsq_client_get_task_finish (client, wait.result, &error);
        else
          list = liaison_lsq_client_list_finish (client, wait.result, &error);
        g_clear_object (&wait.result);
        g_assert_null (object);
        g_assert_null (list);
        g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_VALIDATION);
      }
  requests = fake_peer_dup_requests (peer);
  g_assert_cmpuint (requests->len, ==, 0);
  fake_peer_free (peer);
}

/* A good id goes out as it is; the path cannot be normalized away. */
static void
test_good_id_path (Fixture *f, gconstpointer data)
{
  Wait wait = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) requests = NULL;

  fake_peer_push (f->peer, "/contacts/c_1-A/tasks/t-9_Z", fake_response_json (200, "{}"));
  liaison_ghl_client_delete_task_async (f->client, "c_1-A", "t-9_Z", NULL, on_done, &wait);
  wait_for (&wait);
  g_assert_true (liaison_ghl_client_delete_finish (f->client, wait.result, &error));
  g_assert_no_error (error);
  requests = fake_peer_dup_requests (f->peer);
  g_assert_cmpuint (requests->len, ==, 1);
  g_assert_cmpstr (((FakeRequest *) g_ptr_array_index (requests, 0))->path, ==,
                   "/contacts/c_1-A/tasks/t-9_Z");
  g_clear_object (&wait.result);
}

/* ---- hostile replies ---- */

static GError *
get_contact_with (Fixture *f, FakeResponse *response)
{
  Wait wait = { 0 };
  GError *error = NULL;
  g_autoptr (LiaisonContact) contact = NULL;
  gint64 start = g_get_monotonic_time ();

  fake_peer_push (f->peer, "/contacts/c1", response);
  liaison_ghl_client_get_contact_async (f->client, "c1", NULL, on_done, &wait);
  wait_for (&wait);
  /* Exactly once: nothing more arrives later. */
  spin (50);
  g_assert_cmpuint (wait.calls, ==, 1);
  contact = liaison_ghl_client_get_contact_finish (f->client, wait.result, &error);
  g_clear_object (&wait.result);
  g_assert_null (contact);
  /* A clear error within seconds. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_test_message ("%s", error->message);
  return error;
}

static void
test_whitespace_reply (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = get_contact_with (f, fake_response_json (200, " \r\n\t  "));

  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL);
  /* A reading is repeated after such a reply (it may have been cut short); this client tries once. */
  g_assert_cmpstr (error->message, ==,
                   "Could not get the contact: HighLevel sent a JSON reply with no value in it "
                   "(gave up after 1 try)");
}

static void
test_deep_reply (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) deep = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  guint i;

  for (i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  error = get_contact_with (f, fake_response_json (200, deep->str));
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL);
  g_assert_cmpstr (error->message, ==,
                   "Could not get the contact: HighLevel sent JSON nested deeper than 64 levels");

  /* The error mapping reads the same tree: a deep error body does not crash. */
  g_string_truncate (deep, 100000);
  error = (g_clear_error (&error), get_contact_with (f, fake_response_json (500, deep->str)));
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "malformed JSON, HTTP 500"));
}

static void
test_huge_reply (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) huge = g_string_new ("{\"contact\":{\"id\":\"c1\",\"notes\":\"");
  g_autoptr (GError) error = NULL;

  /* Over the 4 MB a single record's reply may have. */
  while (huge->len < 5 * 1024 * 1024)
    g_string_append (huge, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
  g_string_append (huge, "\"}}");
  error = get_contact_with (f, fake_response_json (200, huge->str));
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL);
  g_assert_cmpstr (error->message, ==,
                   "Could not get the contact: HighLevel sent a reply larger than 4096 KB, more "
                   "than this request can take; it was not read");
}

static void
test_wrong_root (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = get_contact_with (f, fake_response_json (200, "[1,2]"));

  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL);
  g_assert_cmpstr (error->message, ==,
                   "Could not get the contact: HighLevel sent a reply without “contact”");
  g_clear_error (&error);

  error = get_contact_with (f, fake_response_json (200, "{\"contact\":\"c1\"}"));
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL);
  g_assert_cmpstr (error->message, ==,
                   "Could not get the contact: HighLevel sent “contact” that is not an object");
}

/* One bad record is skipped and named; the page is not lost. */
static void
test_bad_record_skipped (Fixture *f, gconstpointer data)
{
  Wait wait = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) contacts = NULL;
  g_autofree char *cursor = NULL;
  const char *const *skipped;

  fake_peer_push (f->peer, "/contacts/search",
                  fake_response_json (200, "{\"contacts\":[{\"id\":\"a\",\"email\":\"a@x.org\"},"
                                           "{\"email\":\"no-id@x.org\"},7,"
                                           "{\"id\":\"b\"}],\"total\":4}"));
  liaison_ghl_client_search_contacts_async (f->client, NULL, NULL, 10, NULL, on_done, &wait);
  wait_for (&wait);
  contacts
      = liaison_ghl_client_search_contacts_finish (f->client, wait.result, &cursor, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 2);
  g_assert_cmpuint (liaison_http_call_get_n_skipped (wait.result), ==, 2);
  skipped = liaison_http_call_get_skipped (wait.result);
  g_assert_true (g_str_has_prefix (skipped[0], "contact 2: "));
  g_assert_true (g_str_has_prefix (skipped[1], "contact 3: "));
  g_assert_nonnull (strstr (skipped[1], "not an object"));
  g_assert_null (skipped[2]);
  g_clear_object (&wait.result);
}

/* ---- timeouts ---- */

/* https:// at a port that speaks plain HTTP fails in seconds and says so. */
static void
test_https_to_plain_http (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonHttp) http = NULL;
  g_autoptr (LiaisonHttpRequest) request
      = liaison_http_request_new ("GET", "/x", "get the contact");
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *url = NULL;
  gint64 start;

  g_assert_true (g_str_has_prefix (fake_peer_get_url (f->peer), "http://"));
  url = g_strconcat ("https://", fake_peer_get_url (f->peer) + strlen ("http://"), NULL);
  http = liaison_http_new (LIAISON_HTTP_SERVICE_GHL, url, NULL, &error);
  g_assert_no_error (error);
  fake_peer_set_default (f->peer, "/x", fake_response_json (200, "{}"));

  start = g_get_monotonic_time ();
  node = send_json (http, request, &error);
  g_assert_null (node);
  g_test_message ("%s", error->message);
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "this address speaks plain HTTP"));
  /* Not five tries of a minute each. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 15 * G_USEC_PER_SEC);
}

/* ---- secrets ---- */

static void
test_redaction (void)
{
  static const char *names[] = {
    "accessToken",   "access_token", "refreshToken", "refresh_token",   "clientSecret",
    "client_secret", "accessKey",    "secretKey",    "x-LSQ-AccessKey", "Authorization",
    "code",          "id_token",     "api_key",
  };
  g_autofree char *text = NULL;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_true (liaison_redact_is_secret_field (names[i]));
  g_assert_false (liaison_redact_is_secret_field ("email"));

  text = liaison_redact_text ("bad \"refreshToken\": \"rt-123\", access_token=at-9&x=1; "
                              "Authorization: Bearer abc.def, clientSecret: s3 ok");
  g_assert_cmpstr (text, ==,
                   "bad \"refreshToken\": \"[redacted]\", access_token=[redacted]&x=1; "
                   "Authorization: Bearer [redacted], clientSecret: [redacted] ok");
  g_clear_pointer (&text, g_free);

  /* Prose is left alone. */
  text = liaison_redact_text ("Invalid token: access token is invalid (code: 42)");
  g_assert_cmpstr (text, ==, "Invalid token: access token is invalid (code: 42)");
}

/* A server's error message passes through redaction before it reaches an
 * error (and so a log or a dialog). */
static void
test_server_message_redacted (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = get_contact_with (
      f, fake_response_json (400, "{\"message\":\"bad refresh_token=rt-secret-1 for clientSecret: "
                                  "cs-2\"}"));

  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_VALIDATION);
  g_assert_null (strstr (error->message, "rt-secret-1"));
  g_assert_null (strstr (error->message, "cs-2"));
  g_assert_nonnull (strstr (error->message, "refresh_token=[redacted]"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/hostile/ids/refused", test_bad_ids);
  ADD ("/hostile/ids/good-path", test_good_id_path);
  ADD ("/hostile/reply/whitespace", test_whitespace_reply);
  ADD ("/hostile/reply/deep", test_deep_reply);
  ADD ("/hostile/reply/huge", test_huge_reply);
  ADD ("/hostile/reply/wrong-root", test_wrong_root);
  ADD ("/hostile/reply/bad-record-skipped", test_bad_record_skipped);
  ADD ("/hostile/reply/server-message-redacted", test_server_message_redacted);
  ADD ("/hostile/timeouts/https-to-plain-http", test_https_to_plain_http);
  g_test_add_func ("/hostile/redaction", test_redaction);
  g_test_add_func ("/hostile/ids/lsq-refused", test_lsq_bad_ids);
  return g_test_run ();
}
