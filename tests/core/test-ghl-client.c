/* test-ghl-client.c: LiaisonGhlClient against a scripted peer: for every
 * operation, the request HighLevel receives (method, path, Version, query,
 * body) and the models made of its reply; search paging, free slots split
 * over 31 days, the two custom field shapes, and protocol errors.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ghl-client"

#include <string.h>

#include "fake-peer.h"
#include "liaison-bearer-authorizer.h"
#include "liaison-ghl-client.h"
#include "liaison-json.h"

typedef struct
{
  FakePeer *peer;
  LiaisonHttp *http;
  LiaisonGhlClient *client;
  GPtrArray *requests;
} Fixture;

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *wait = user_data;

  g_set_object (&wait->result, result);
}

static GAsyncResult *
wait_for (Wait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return wait->result;
}

#define WAIT_INIT                                                                                  \
  {                                                                                                \
    NULL                                                                                           \
  }

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
  g_clear_pointer (&f->requests, g_ptr_array_unref);
  g_clear_object (&f->client);
  g_clear_object (&f->http);
  fake_peer_free (f->peer);
}

/* The n-th request the peer received (from 0). */
static FakeRequest *
request_at (Fixture *f, guint n)
{
  g_clear_pointer (&f->requests, g_ptr_array_unref);
  f->requests = fake_peer_dup_requests (f->peer);
  g_assert_cmpuint (f->requests->len, >, n);
  return g_ptr_array_index (f->requests, n);
}

static JsonObject *
body_of (FakeRequest *request, JsonNode **keep)
{
  *keep = json_from_string (request->body, NULL);
  g_assert_nonnull (*keep);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*keep));
  return json_node_get_object (*keep);
}

static void
assert_request (FakeRequest *request, const char *method, const char *path, const char *version,
                const char *query)
{
  g_assert_cmpstr (request->method, ==, method);
  g_assert_cmpstr (request->path, ==, path);
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "Version"), ==, version);
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "Authorization"), ==,
                   "Bearer pit-token");
  g_assert_cmpstr (request->query, ==, query);
}

#define C "2021-07-28"
#define K "2021-04-15"

static const char contact_json[]
    = "{\"id\":\"c1\",\"locationId\":\"loc-1\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\","
      "\"email\":\"ada@example.com\",\"phone\":\"+15550100\",\"companyName\":\"Engines\","
      "\"timezone\":\"Europe/London\",\"dnd\":true,\"tags\":[\"vip\",\"web\"],"
      "\"dateOfBirth\":\"1815-12-10T00:00:00.000Z\",\"dateAdded\":\"2021-07-02T05:18:26.704Z\","
      "\"dateUpdated\":\"2021-07-03T05:18:26.704Z\",\"customFields\":[{\"id\":\"f-text\",\"value\":"
      "\"Gold\"},{\"id\":\"f-num\",\"value\":12.5},{\"id\":\"f-list\",\"value\":[\"a\",\"b\"]},"
      "{\"id\":\"f-file\",\"value\":{\"x\":{\"url\":\"u\"}}}]}";

static void
check_ada (LiaisonContact *contact)
{
  g_auto (GStrv) list = NULL;
  double number = 0;

  g_assert_nonnull (contact);
  g_assert_cmpstr (liaison_contact_get_id (contact), ==, "c1");
  g_assert_cmpstr (liaison_contact_get_first_name (contact), ==, "Ada");
  g_assert_cmpstr (liaison_contact_get_company_name (contact), ==, "Engines");
  g_assert_cmpstr (liaison_contact_get_date_of_birth (contact), ==, "1815-12-10");
  g_assert_true (liaison_contact_get_dnd (contact));
  g_assert_true (liaison_contact_has_tag (contact, "vip"));
  g_assert_cmpint (g_date_time_get_day_of_month (liaison_contact_get_date_updated (contact)), ==,
                   3);
  /* Read shape {id, value}: typed by the value. */
  g_assert_cmpstr (liaison_contact_get_custom_field_string (contact, "f-text"), ==, "Gold");
  g_assert_true (liaison_contact_get_custom_field_double (contact, "f-num", &number));
  g_assert_cmpfloat (number, ==, 12.5);
  list = liaison_contact_dup_custom_field_strv (contact, "f-list");
  g_assert_cmpstr (list[1], ==, "b");
  g_assert_null (liaison_contact_get_custom_field (contact, "f-file"));
}

static LiaisonContact *
new_grace (void)
{
  LiaisonContact *contact = liaison_contact_new ();
  static const char *tags[] = { "lead", NULL };
  static const char *levels[] = { "x", "y", NULL };

  liaison_contact_set_first_name (contact, "Grace");
  liaison_contact_set_email (contact, "grace@example.com");
  liaison_contact_set_company_name (contact, "Navy");
  liaison_contact_set_tags (contact, tags);
  liaison_contact_set_custom_field_string (contact, "f-text", "Silver");
  liaison_contact_set_custom_field (contact, "f-num", g_variant_new_double (3));
  liaison_contact_set_custom_field (contact, "f-list", g_variant_new_strv (levels, -1));
  return contact;
}

static void
check_written_custom_fields (JsonObject *body)
{
  JsonArray *fields = liaison_json_get_array (body, "customFields");
  JsonObject *first, *second, *third;

  /* Write shape {id, field_value}, sorted by id. */
  g_assert_nonnull (fields);
  g_assert_cmpuint (json_array_get_length (fields), ==, 3);
  first = json_array_get_object_element (fields, 0);
  second = json_array_get_object_element (fields, 1);
  third = json_array_get_object_element (fields, 2);
  g_assert_cmpstr (liaison_json_get_string (first, "id"), ==, "f-list");
  g_assert_cmpuint (json_array_get_length (liaison_json_get_array (first, "field_value")), ==, 2);
  g_assert_cmpstr (liaison_json_get_string (second, "id"), ==, "f-num");
  g_assert_cmpfloat (json_object_get_double_member (second, "field_value"), ==, 3);
  g_assert_cmpstr (liaison_json_get_string (third, "field_value"), ==, "Silver");
  g_assert_false (json_object_has_member (third, "value"));
}

static void
test_contacts (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonContact) grace = new_grace ();
  g_autofree char *wrapped = g_strdup_printf ("{\"contact\":%s}", contact_json);
  g_autofree char *upserted = g_strdup_printf ("{\"new\":true,\"contact\":%s}", contact_json);
  g_autoptr (JsonNode) keep = NULL;
  g_autoptr (GError) error = NULL;
  LiaisonContact *contact;
  JsonObject *body;
  gboolean created = FALSE;
  Wait w1 = WAIT_INIT, w2 = WAIT_INIT, w3 = WAIT_INIT, w4 = WAIT_INIT, w5 = WAIT_INIT;

  fake_peer_push (f->peer, "/contacts/c1", fake_response_json (200, wrapped));
  liaison_ghl_client_get_contact_async (f->client, "c1", NULL, on_done, &w1);
  contact = liaison_ghl_client_get_contact_finish (f->client, wait_for (&w1), &error);
  g_assert_no_error (error);
  check_ada (contact);
  g_object_unref (contact);
  assert_request (request_at (f, 0), "GET", "/contacts/c1", C, NULL);

  fake_peer_push (f->peer, "/contacts/", fake_response_json (201, wrapped));
  liaison_ghl_client_create_contact_async (f->client, grace, NULL, on_done, &w2);
  contact = liaison_ghl_client_create_contact_finish (f->client, wait_for (&w2), &error);
  g_assert_no_error (error);
  g_clear_object (&contact);
  assert_request (request_at (f, 1), "POST", "/contacts/", C, NULL);
  body = body_of (request_at (f, 1), &keep);
  g_assert_cmpstr (liaison_json_get_string (body, "locationId"), ==, "loc-1");
  g_assert_cmpstr (liaison_json_get_string (body, "firstName"), ==, "Grace");
  g_assert_cmpstr (liaison_json_get_string (body, "companyName"), ==, "Navy");
  g_assert_false (json_object_has_member (body, "lastName"));
  g_assert_false (json_object_get_boolean_member (body, "dnd"));
  g_assert_cmpstr (json_array_get_string_element (liaison_json_get_array (body, "tags"), 0), ==,
                   "lead");
  check_written_custom_fields (body);
  g_clear_pointer (&keep, json_node_unref);

  liaison_contact_set_id (grace, "c9");
  fake_peer_push (f->peer, "/contacts/c9",
                  fake_response_json (200, "{\"succeded\":true,\"contact\":{\"id\":\"c9\"}}"));
  liaison_ghl_client_update_contact_async (f->client, grace, NULL, on_done, &w3);
  contact = liaison_ghl_client_update_contact_finish (f->client, wait_for (&w3), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_contact_get_id (contact), ==, "c9");
  g_clear_object (&contact);
  assert_request (request_at (f, 2), "PUT", "/contacts/c9", C, NULL);
  body = body_of (request_at (f, 2), &keep);
  /* UpdateContactDto has neither. */
  g_assert_false (json_object_has_member (body, "locationId"));
  g_assert_false (json_object_has_member (body, "companyName"));
  check_written_custom_fields (body);
  g_clear_pointer (&keep, json_node_unref);

  fake_peer_push (f->peer, "/contacts/upsert", fake_response_json (200, upserted));
  liaison_ghl_client_upsert_contact_async (f->client, grace, NULL, on_done, &w4);
  contact = liaison_ghl_client_upsert_contact_finish (f->client, wait_for (&w4), &created, &error);
  g_assert_no_error (error);
  g_assert_true (created);
  check_ada (contact);
  g_clear_object (&contact);
  assert_request (request_at (f, 3), "POST", "/contacts/upsert", C, NULL);
  body = body_of (request_at (f, 3), &keep);
  g_assert_cmpstr (liaison_json_get_string (body, "locationId"), ==, "loc-1");
  g_clear_pointer (&keep, json_node_unref);

  fake_peer_push (f->peer, "/contacts/c9", fake_response_json (200, "{\"succeded\":true}"));
  liaison_ghl_client_delete_contact_async (f->client, "c9", NULL, on_done, &w5);
  g_assert_true (liaison_ghl_client_delete_contact_finish (f->client, wait_for (&w5), &error));
  g_assert_no_error (error);
  assert_request (request_at (f, 4), "DELETE", "/contacts/c9", C, NULL);

  g_clear_object (&w1.result);
  g_clear_object (&w2.result);
  g_clear_object (&w3.result);
  g_clear_object (&w4.result);
  g_clear_object (&w5.result);
}

static void
test_contact_protocol_errors (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *reply;
    const char *message;
  } cases[] = {
    { "{\"traceId\":\"t\"}",
      "Could not get the contact: HighLevel sent a reply without “contact”" },
    { "{\"contact\":{\"firstName\":\"x\"}}",
      "Could not get the contact: HighLevel sent a contact without an id" },
    { "{\"contact\":{\"id\":\"\",\"firstName\":\"x\"}}",
      "Could not get the contact: HighLevel sent a contact without an id" },
    { "{\"contact\":[1,2]}", "Could not get the contact: HighLevel sent “contact” that is not an "
                             "object" },
    { "[]", "Could not get the contact: HighLevel sent a reply without “contact”" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (LiaisonContact) contact = NULL;
      Wait wait = WAIT_INIT;

      fake_peer_push (f->peer, "/contacts/c1", fake_response_json (200, cases[i].reply));
      liaison_ghl_client_get_contact_async (f->client, "c1", NULL, on_done, &wait);
      contact = liaison_ghl_client_get_contact_finish (f->client, wait_for (&wait), &error);
      g_assert_null (contact);
      g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_clear_object (&wait.result);
    }
}

static char *
search_page (guint first, guint count)
{
  GString *out = g_string_new ("{\"contacts\":[");
  guint i;

  for (i = first; i < first + count; i++)
    g_string_append_printf (out,
                            "%s{\"id\":\"s%u\",\"dateUpdated\":\"2026-01-0%uT00:00:00.000Z\","
                            "\"searchAfter\":[%u000,\"s%u\"]}",
                            i == first ? "" : ",", i, i + 1, 1767225600 + i, i);
  g_string_append (out, "],\"total\":5,\"traceId\":\"x\"}");
  return g_string_free (out, FALSE);
}

static void
test_search_paging (Fixture *f, gconstpointer data)
{
  g_autoptr (GDateTime) since = g_date_time_new_from_iso8601 ("2025-12-31T23:00:00Z", NULL);
  g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *cursor = NULL;
  guint pages = 0, total = 0, i;

  for (i = 0; i < 3; i++)
    {
      g_autofree char *page = search_page (i * 2, i < 2 ? 2 : 1);
      fake_peer_push (f->peer, "/contacts/search", fake_response_json (200, page));
    }

  do
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) contacts = NULL;
      g_autofree char *next = NULL;
      Wait wait = WAIT_INIT;

      liaison_ghl_client_search_contacts_async (f->client, since, cursor, 2, NULL, on_done, &wait);
      contacts = liaison_ghl_client_search_contacts_finish (f->client, wait_for (&wait), &next,
                                                            &total, &error);
      g_assert_no_error (error);
      for (i = 0; i < contacts->len; i++)
        g_ptr_array_add (all, g_object_ref (g_ptr_array_index (contacts, i)));
      g_free (cursor);
      cursor = g_steal_pointer (&next);
      g_clear_object (&wait.result);
      pages++;
    }
  while (cursor != NULL && pages < 10);

  g_assert_cmpuint (pages, ==, 3);
  g_assert_cmpuint (total, ==, 5);
  g_assert_cmpuint (all->len, ==, 5);
  g_assert_cmpstr (liaison_contact_get_id (g_ptr_array_index (all, 4)), ==, "s4");

  for (i = 0; i < 3; i++)
    {
      FakeRequest *request = request_at (f, i);
      g_autoptr (JsonNode) keep = NULL;
      JsonObject *body = body_of (request, &keep);
      JsonObject *sort, *filter;
      JsonArray *after;

      assert_request (request, "POST", "/contacts/search", C, NULL);
      g_assert_cmpstr (liaison_json_get_string (body, "locationId"), ==, "loc-1");
      g_assert_cmpint (json_object_get_int_member (body, "pageLimit"), ==, 2);
      sort = json_array_get_object_element (liaison_json_get_array (body, "sort"), 0);
      g_assert_cmpstr (liaison_json_get_string (sort, "field"), ==, "dateUpdated");
      g_assert_cmpstr (liaison_json_get_string (sort, "direction"), ==, "asc");
      filter = json_array_get_object_element (liaison_json_get_array (body, "filters"), 0);
      g_assert_cmpstr (liaison_json_get_string (filter, "operator"), ==, "range");
      g_assert_cmpstr (liaison_json_get_string (liaison_json_get_object (filter, "value"), "gte"),
                       ==, "2025-12-31T23:00:00.000Z");
      after = liaison_json_get_array (body, "searchAfter");
      if (i == 0)
        g_assert_null (after);
      else
        {
          /* The cursor is the previous page's last searchAfter. */
          g_assert_nonnull (after);
          g_assert_cmpint (json_array_get_int_element (after, 0), ==,
                           (1767225600 + (gint64) i * 2 - 1) * 1000);
          g_assert_cmpstr (json_array_get_string_element (after, 1), ==, i == 1 ? "s1" : "s3");
        }
    }
}

/* A contact without "searchAfter" gets a cursor rebuilt from dateUpdated and
 * id; an id with a quote or a backslash must still make a valid cursor. */
static void
test_search_rebuilt_cursor (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) first = NULL;
  g_autoptr (GPtrArray) second = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *next = NULL;
  g_autoptr (JsonNode) keep = NULL;
  JsonArray *after;
  Wait w1 = WAIT_INIT, w2 = WAIT_INIT;

  fake_peer_push (f->peer, "/contacts/search",
                  fake_response_json (200, "{\"contacts\":[{\"id\":\"a\\\"b\\\\c\","
                                           "\"dateUpdated\":\"2026-01-01T00:00:00.250Z\"}],"
                                           "\"total\":2}"));
  fake_peer_push (f->peer, "/contacts/search",
                  fake_response_json (200, "{\"contacts\":[],\"total\":2}"));

  liaison_ghl_client_search_contacts_async (f->client, NULL, NULL, 1, NULL, on_done, &w1);
  first = liaison_ghl_client_search_contacts_finish (f->client, wait_for (&w1), &cursor, NULL,
                                                     &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 1);
  g_assert_cmpstr (liaison_contact_get_id (g_ptr_array_index (first, 0)), ==, "a\"b\\c");
  g_assert_nonnull (cursor);

  liaison_ghl_client_search_contacts_async (f->client, NULL, cursor, 1, NULL, on_done, &w2);
  second
      = liaison_ghl_client_search_contacts_finish (f->client, wait_for (&w2), &next, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->len, ==, 0);
  g_assert_null (next);

  after = liaison_json_get_array (body_of (request_at (f, 1), &keep), "searchAfter");
  g_assert_nonnull (after);
  g_assert_cmpuint (json_array_get_length (after), ==, 2);
  g_assert_cmpint (json_array_get_int_element (after, 0), ==, G_GINT64_CONSTANT (1767225600250));
  g_assert_cmpstr (json_array_get_string_element (after, 1), ==, "a\"b\\c");
  g_clear_object (&w1.result);
  g_clear_object (&w2.result);
}

static void
test_lookup_and_tags (Fixture *f, gconstpointer data)
{
  g_autofree char *wrapped = g_strdup_printf ("{\"contact\":%s}", contact_json);
  g_autofree char *listed = g_strdup_printf ("{\"contacts\":[%s],\"count\":1}", contact_json);
  static const char *tags[] = { "vip", "hot lead", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonContact) found = NULL;
  g_autoptr (LiaisonContact) none = NULL;
  g_autoptr (GPtrArray) business = NULL;
  g_auto (GStrv) after_add = NULL;
  g_auto (GStrv) after_remove = NULL;
  g_autoptr (JsonNode) keep = NULL;
  Wait w1 = WAIT_INIT, w2 = WAIT_INIT, w3 = WAIT_INIT, w4 = WAIT_INIT, w5 = WAIT_INIT;

  fake_peer_push (f->peer, "/contacts/search/duplicate", fake_response_json (200, wrapped));
  fake_peer_push (f->peer, "/contacts/search/duplicate",
                  fake_response_json (200, "{\"contact\":null,\"traceId\":\"t\"}"));
  liaison_ghl_client_find_duplicate_async (f->client, "a+b@example.com", "+1 555", NULL, on_done,
                                           &w1);
  found = liaison_ghl_client_find_duplicate_finish (f->client, wait_for (&w1), &error);
  g_assert_no_error (error);
  check_ada (found);
  assert_request (request_at (f, 0), "GET", "/contacts/search/duplicate", C,
                  "locationId=loc-1&email=a%2Bb%40example.com&number=%2B1%20555");
  liaison_ghl_client_find_duplicate_async (f->client, "nobody@example.com", NULL, NULL, on_done,
                                           &w2);
  none = liaison_ghl_client_find_duplicate_finish (f->client, wait_for (&w2), &error);
  g_assert_no_error (error);
  g_assert_null (none);

  fake_peer_push (f->peer, "/contacts/business/b1", fake_response_json (200, listed));
  liaison_ghl_client_list_business_contacts_async (f->client, "b1", 20, 10, NULL, on_done, &w3);
  business = liaison_ghl_client_list_business_contacts_finish (f->client, wait_for (&w3), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (business->len, ==, 1);
  assert_request (request_at (f, 2), "GET", "/contacts/business/b1", C,
                  "locationId=loc-1&limit=10&skip=20");

  fake_peer_push (f->peer, "/contacts/c1/tags",
                  fake_response_json (201, "{\"tags\":[\"vip\",\"hot lead\",\"old\"]}"));
  fake_peer_push (f->peer, "/contacts/c1/tags", fake_response_json (200, "{\"tags\":[\"old\"]}"));
  liaison_ghl_client_add_tags_async (f->client, "c1", tags, NULL, on_done, &w4);
  after_add = liaison_ghl_client_tags_finish (f->client, wait_for (&w4), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (after_add), ==, 3);
  liaison_ghl_client_remove_tags_async (f->client, "c1", tags, NULL, on_done, &w5);
  after_remove = liaison_ghl_client_tags_finish (f->client, wait_for (&w5), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after_remove[0], ==, "old");
  assert_request (request_at (f, 3), "POST", "/contacts/c1/tags", C, NULL);
  assert_request (request_at (f, 4), "DELETE", "/contacts/c1/tags", C, NULL);
  g_assert_cmpstr (request_at (f, 4)->body, ==, "{\"tags\":[\"vip\",\"hot lead\"]}");

  g_clear_object (&w1.result);
  g_clear_object (&w2.result);
  g_clear_object (&w3.result);
  g_clear_object (&w4.result);
  g_clear_object (&w5.result);
}

static const char task_json[] = "{\"id\":\"t1\",\"title\":\"Call\",\"body\":\"about the quote\","
                                "\"assignedTo\":\"u1\",\"dueDate\":\"2026-02-03T10:00:00.000Z\","
                                "\"completed\":false,\"contactId\":\"c1\"}";

static void
test_tasks (Fixture *f, gconstpointer data)
{
  g_autofree char *one = g_strdup_printf ("{\"task\":%s}", task_json);
  g_autofree char *list = g_strdup_printf ("{\"tasks\":[%s,%s]}", task_json, task_json);
  g_autoptr (LiaisonTask) task = liaison_task_new ();
  g_autoptr (GDateTime) due = g_date_time_new_from_iso8601 ("2026-02-03T12:00:00+02:00", NULL);
  g_autoptr (GPtrArray) tasks = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) keep = NULL;
  LiaisonTask *got;
  JsonObject *body;
  Wait w[7] = { WAIT_INIT };
  guint i;

  fake_peer_push (f->peer, "/contacts/c1/tasks", fake_response_json (200, list));
  liaison_ghl_client_list_tasks_async (f->client, "c1", NULL, on_done, &w[0]);
  tasks = liaison_ghl_client_list_finish (f->client, wait_for (&w[0]), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tasks->len, ==, 2);
  got = g_ptr_array_index (tasks, 0);
  g_assert_cmpstr (liaison_task_get_title (got), ==, "Call");
  g_assert_cmpint (g_date_time_get_hour (liaison_task_get_due_date (got)), ==, 10);
  assert_request (request_at (f, 0), "GET", "/contacts/c1/tasks", C, NULL);

  fake_peer_push (f->peer, "/contacts/c1/tasks/t1", fake_response_json (200, one));
  liaison_ghl_client_get_task_async (f->client, "c1", "t1", NULL, on_done, &w[1]);
  got = liaison_ghl_client_task_finish (f->client, wait_for (&w[1]), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_task_get_assigned_to (got), ==, "u1");
  g_object_unref (got);

  /* Refused before sending: no due date. */
  liaison_task_set_contact_id (task, "c1");
  liaison_task_set_title (task, "Send contract");
  liaison_ghl_client_create_task_async (f->client, task, NULL, on_done, &w[2]);
  got = liaison_ghl_client_task_finish (f->client, wait_for (&w[2]), &error);
  g_assert_null (got);
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_VALIDATION);
  g_clear_error (&error);
  g_assert_cmpuint (fake_peer_count (f->peer, NULL), ==, 2);

  liaison_task_set_due_date (task, due);
  fake_peer_push (f->peer, "/contacts/c1/tasks", fake_response_json (201, one));
  liaison_ghl_client_create_task_async (f->client, task, NULL, on_done, &w[3]);
  got = liaison_ghl_client_task_finish (f->client, wait_for (&w[3]), &error);
  g_assert_no_error (error);
  g_object_unref (got);
  assert_request (request_at (f, 2), "POST", "/contacts/c1/tasks", C, NULL);
  body = body_of (request_at (f, 2), &keep);
  g_assert_cmpstr (liaison_json_get_string (body, "title"), ==, "Send contract");
  /* Without milliseconds: HighLevel refuses them on task updates. */
  g_assert_cmpstr (liaison_json_get_string (body, "dueDate"), ==, "2026-02-03T10:00:00Z");
  g_assert_false (json_object_get_boolean_member (body, "completed"));
  g_clear_pointer (&keep, json_node_unref);

  liaison_task_set_id (task, "t1");
  fake_peer_push (f->peer, "/contacts/c1/tasks/t1", fake_response_json (200, one));
  liaison_ghl_client_update_task_async (f->client, task, NULL, on_done, &w[4]);
  got = liaison_ghl_client_task_finish (f->client, wait_for (&w[4]), &error);
  g_assert_no_error (error);
  g_object_unref (got);
  assert_request (request_at (f, 3), "PUT", "/contacts/c1/tasks/t1", C, NULL);

  fake_peer_push (f->peer, "/contacts/c1/tasks/t1/completed", fake_response_json (200, one));
  liaison_ghl_client_complete_task_async (f->client, "c1", "t1", TRUE, NULL, on_done, &w[5]);
  got = liaison_ghl_client_task_finish (f->client, wait_for (&w[5]), &error);
  g_assert_no_error (error);
  g_object_unref (got);
  assert_request (request_at (f, 4), "PUT", "/contacts/c1/tasks/t1/completed", C, NULL);
  g_assert_cmpstr (request_at (f, 4)->body, ==, "{\"completed\":true}");

  fake_peer_push (f->peer, "/contacts/c1/tasks/t1",
                  fake_response_json (200, "{\"succeded\":true}"));
  liaison_ghl_client_delete_task_async (f->client, "c1", "t1", NULL, on_done, &w[6]);
  g_assert_true (liaison_ghl_client_delete_finish (f->client, wait_for (&w[6]), &error));
  g_assert_no_error (error);
  assert_request (request_at (f, 5), "DELETE", "/contacts/c1/tasks/t1", C, NULL);

  for (i = 0; i < G_N_ELEMENTS (w); i++)
    g_clear_object (&w[i].result);
}

static void
test_notes (Fixture *f, gconstpointer data)
{
  static const char note[] = "{\"id\":\"n1\",\"body\":\"Met at the fair\",\"userId\":\"u1\","
                             "\"dateAdded\":\"2026-01-01T09:00:00.000Z\",\"contactId\":\"c1\"}";
  g_autofree char *one = g_strdup_printf ("{\"note\":%s}", note);
  g_autofree char *list = g_strdup_printf ("{\"notes\":[%s]}", note);
  g_autoptr (LiaisonNote) draft = liaison_note_new ();
  g_autoptr (GPtrArray) notes = NULL;
  g_autoptr (GError) error = NULL;
  LiaisonNote *got;
  Wait w[5] = { WAIT_INIT };
  guint i;

  fake_peer_push (f->peer, "/contacts/c1/notes", fake_response_json (200, list));
  liaison_ghl_client_list_notes_async (f->client, "c1", NULL, on_done, &w[0]);
  notes = liaison_ghl_client_list_finish (f->client, wait_for (&w[0]), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_cmpstr (liaison_note_get_body (g_ptr_array_index (notes, 0)), ==, "Met at the fair");

  fake_peer_push (f->peer, "/contacts/c1/notes/n1", fake_response_json (200, one));
  liaison_ghl_client_get_note_async (f->client, "c1", "n1", NULL, on_done, &w[1]);
  got = liaison_ghl_client_note_finish (f->client, wait_for (&w[1]), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_note_get_user_id (got), ==, "u1");
  g_object_unref (got);

  liaison_note_set_contact_id (draft, "c1");
  liaison_note_set_body (draft, "Follow up in May");
  fake_peer_push (f->peer, "/contacts/c1/notes", fake_response_json (201, one));
  liaison_ghl_client_create_note_async (f->client, draft, NULL, on_done, &w[2]);
  got = liaison_ghl_client_note_finish (f->client, wait_for (&w[2]), &error);
  g_assert_no_error (error);
  g_object_unref (got);
  assert_request (request_at (f, 2), "POST", "/contacts/c1/notes", C, NULL);
  g_assert_cmpstr (request_at (f, 2)->body, ==, "{\"body\":\"Follow up in May\"}");

  liaison_note_set_id (draft, "n1");
  fake_peer_push (f->peer, "/contacts/c1/notes/n1", fake_response_json (200, one));
  liaison_ghl_client_update_note_async (f->client, draft, NULL, on_done, &w[3]);
  got = liaison_ghl_client_note_finish (f->client, wait_for (&w[3]), &error);
  g_assert_no_error (error);
  g_object_unref (got);
  assert_request (request_at (f, 3), "PUT", "/contacts/c1/notes/n1", C, NULL);

  fake_peer_push (f->peer, "/contacts/c1/notes/n1",
                  fake_response_json (200, "{\"succeded\":true}"));
  liaison_ghl_client_delete_note_async (f->client, "c1", "n1", NULL, on_done, &w[4]);
  g_assert_true (liaison_ghl_client_delete_finish (f->client, wait_for (&w[4]), &error));
  assert_request (request_at (f, 4), "DELETE", "/contacts/c1/notes/n1", C, NULL);

  for (i = 0; i < G_N_ELEMENTS (w); i++)
    g_clear_object (&w[i].result);
}

static void
test_calendars_and_appointments (Fixture *f, gconstpointer data)
{
  static const char event[]
      = "{\"id\":\"e1\",\"calendarId\":\"cal1\",\"contactId\":\"c1\",\"title\":\"Demo\","
        "\"appointmentStatus\":\"noshow\",\"assignedUserId\":\"u1\","
        "\"startTime\":\"2026-03-02T15:00:00-05:00\",\"endTime\":\"2026-03-02T15:30:00-05:00\"}";
  static const char contact_event[]
      = "{\"id\":\"e2\",\"calendarId\":\"cal1\",\"status\":\"booked\",\"appointmentStatus\":"
        "\"confirmed\",\"startTime\":\"2021-07-16 11:00:00\",\"endTime\":\"2021-07-16 11:30:00\"}";
  g_autofree char *events = g_strdup_printf ("{\"events\":[%s]}", event);
  g_autofree char *contact_events = g_strdup_printf ("{\"events\":[%s]}", contact_event);
  g_autoptr (GDateTime) from = g_date_time_new_from_iso8601 ("2026-03-01T00:00:00Z", NULL);
  g_autoptr (GDateTime) to = g_date_time_new_from_iso8601 ("2026-03-08T00:00:00Z", NULL);
  g_autoptr (LiaisonAppointment) booking = liaison_appointment_new ();
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GPtrArray) calendars = NULL;
  g_autoptr (LiaisonCalendar) calendar = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) keep = NULL;
  LiaisonAppointment *got;
  JsonObject *body;
  Wait w[7] = { WAIT_INIT };
  guint i;

  fake_peer_push (f->peer, "/contacts/c1/appointments", fake_response_json (200, contact_events));
  liaison_ghl_client_list_contact_appointments_async (f->client, "c1", NULL, on_done, &w[0]);
  list = liaison_ghl_client_list_finish (f->client, wait_for (&w[0]), &error);
  g_assert_no_error (error);
  got = g_ptr_array_index (list, 0);
  g_assert_cmpint (g_date_time_get_hour (liaison_appointment_get_start_time (got)), ==, 11);
  g_assert_cmpint (liaison_appointment_get_status (got), ==, LIAISON_APPOINTMENT_STATUS_CONFIRMED);
  assert_request (request_at (f, 0), "GET", "/contacts/c1/appointments", C, NULL);
  g_clear_pointer (&list, g_ptr_array_unref);

  fake_peer_push (f->peer, "/calendars/",
                  fake_response_json (200, "{\"calendars\":[{\"id\":\"cal1\",\"locationId\":"
                                           "\"loc-1\",\"name\":\"Demos\",\"slotDuration\":1,"
                                           "\"slotDurationUnit\":\"hours\"}]}"));
  liaison_ghl_client_list_calendars_async (f->client, NULL, on_done, &w[1]);
  calendars = liaison_ghl_client_list_finish (f->client, wait_for (&w[1]), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_calendar_get_name (g_ptr_array_index (calendars, 0)), ==, "Demos");
  g_assert_cmpuint (liaison_calendar_get_slot_duration (g_ptr_array_index (calendars, 0)), ==, 60);
  assert_request (request_at (f, 1), "GET", "/calendars/", K, "locationId=loc-1");

  fake_peer_push (f->peer, "/calendars/cal1",
                  fake_response_json (200, "{\"calendar\":{\"id\":\"cal1\",\"name\":\"Demos\","
                                           "\"isActive\":false}}"));
  liaison_ghl_client_get_calendar_async (f->client, "cal1", NULL, on_done, &w[2]);
  calendar = liaison_ghl_client_get_calendar_finish (f->client, wait_for (&w[2]), &error);
  g_assert_no_error (error);
  g_assert_false (liaison_calendar_get_is_active (calendar));
  assert_request (request_at (f, 2), "GET", "/calendars/cal1", K, NULL);

  fake_peer_push (f->peer, "/calendars/events", fake_response_json (200, events));
  liaison_ghl_client_list_events_async (f->client, "cal1", from, to, NULL, on_done, &w[3]);
  list = liaison_ghl_client_list_finish (f->client, wait_for (&w[3]), &error);
  g_assert_no_error (error);
  got = g_ptr_array_index (list, 0);
  g_assert_cmpint (liaison_appointment_get_status (got), ==, LIAISON_APPOINTMENT_STATUS_NO_SHOW);
  g_assert_cmpint (g_date_time_get_hour (liaison_appointment_get_start_time (got)), ==, 20);
  assert_request (request_at (f, 3), "GET", "/calendars/events", K,
                  "locationId=loc-1&calendarId=cal1&startTime=1772323200000&endTime=1772928000000");

  liaison_appointment_set_calendar_id (booking, "cal1");
  liaison_appointment_set_contact_id (booking, "c1");
  liaison_appointment_set_title (booking, "Demo");
  liaison_appointment_set_status (booking, LIAISON_APPOINTMENT_STATUS_CONFIRMED);
  liaison_appointment_set_start_time (booking, from);
  fake_peer_push (f->peer, "/calendars/events/appointments", fake_response_json (200, event));
  liaison_ghl_client_create_appointment_async (f->client, booking, NULL, on_done, &w[4]);
  got = liaison_ghl_client_appointment_finish (f->client, wait_for (&w[4]), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_appointment_get_id (got), ==, "e1");
  g_object_unref (got);
  assert_request (request_at (f, 4), "POST", "/calendars/events/appointments", K, NULL);
  body = body_of (request_at (f, 4), &keep);
  g_assert_cmpstr (liaison_json_get_string (body, "locationId"), ==, "loc-1");
  g_assert_cmpstr (liaison_json_get_string (body, "contactId"), ==, "c1");
  g_assert_cmpstr (liaison_json_get_string (body, "calendarId"), ==, "cal1");
  g_assert_cmpstr (liaison_json_get_string (body, "startTime"), ==, "2026-03-01T00:00:00Z");
  g_assert_cmpstr (liaison_json_get_string (body, "appointmentStatus"), ==, "confirmed");
  g_clear_pointer (&keep, json_node_unref);

  liaison_appointment_set_id (booking, "e1");
  fake_peer_push (f->peer, "/calendars/events/appointments/e1", fake_response_json (200, event));
  liaison_ghl_client_update_appointment_async (f->client, booking, NULL, on_done, &w[5]);
  got = liaison_ghl_client_appointment_finish (f->client, wait_for (&w[5]), &error);
  g_assert_no_error (error);
  g_object_unref (got);
  body = body_of (request_at (f, 5), &keep);
  assert_request (request_at (f, 5), "PUT", "/calendars/events/appointments/e1", K, NULL);
  g_assert_false (json_object_has_member (body, "locationId"));
  g_assert_false (json_object_has_member (body, "contactId"));

  fake_peer_push (f->peer, "/calendars/events/e1",
                  fake_response_json (201, "{\"succeeded\":true}"));
  liaison_ghl_client_delete_appointment_async (f->client, "e1", NULL, on_done, &w[6]);
  g_assert_true (liaison_ghl_client_delete_finish (f->client, wait_for (&w[6]), &error));
  assert_request (request_at (f, 6), "DELETE", "/calendars/events/e1", K, NULL);
  g_assert_cmpstr (request_at (f, 6)->body, ==, "{}");

  for (i = 0; i < G_N_ELEMENTS (w); i++)
    g_clear_object (&w[i].result);
}

static gint64
query_ms (const char *query, const char *name)
{
  g_autoptr (GHashTable) params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);

  return g_ascii_strtoll (g_hash_table_lookup (params, name), NULL, 10);
}

static void
test_free_slots_split (Fixture *f, gconstpointer data)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");
  g_autoptr (GDateTime) from = g_date_time_new (zone, 2026, 3, 1, 0, 0, 0);
  g_autoptr (GDateTime) to = g_date_time_new (zone, 2026, 4, 15, 0, 0, 0);
  g_autoptr (GPtrArray) slots = NULL;
  g_autoptr (GError) error = NULL;
  Wait wait = WAIT_INIT;
  LiaisonSlot *first;
  gint64 previous_end;
  guint i;

  /* The edge slot (Apr 1, 10:00 EDT) is listed by both pieces. */
  fake_peer_push (f->peer, "/calendars/cal1/free-slots",
                  fake_response_json (200,
                                      "{\"2026-03-02\":{\"slots\":[\"2026-03-02T10:00:00-05:00\","
                                      "\"2026-03-02T09:00:00-05:00\"]},\"2026-04-01\":{"
                                      "\"slots\":[\"2026-04-01T10:00:00-04:00\"]},"
                                      "\"traceId\":\"abc\"}"));
  fake_peer_push (f->peer, "/calendars/cal1/free-slots",
                  fake_response_json (200,
                                      "{\"2026-04-01\":{\"slots\":[\"2026-04-01T10:00:00-04:00\"]},"
                                      "\"2026-04-14\":{\"slots\":[\"2026-04-14T16:30:00-04:00\"]},"
                                      "\"traceId\":\"def\"}"));
  liaison_ghl_client_get_free_slots_async (f->client, "cal1", from, to, "America/New_York", "u1",
                                           30, NULL, on_done, &wait);
  slots = liaison_ghl_client_list_finish (f->client, wait_for (&wait), &error);
  g_assert_no_error (error);

  g_assert_cmpuint (fake_peer_count (f->peer, "/calendars/cal1/free-slots"), ==, 2);
  previous_end = g_date_time_to_unix (from) * 1000;
  for (i = 0; i < 2; i++)
    {
      FakeRequest *request = request_at (f, i);
      gint64 start = query_ms (request->query, "startDate");
      gint64 end = query_ms (request->query, "endDate");

      assert_request (request, "GET", "/calendars/cal1/free-slots", K, request->query);
      g_assert_nonnull (strstr (request->query, "timezone=America%2FNew_York"));
      g_assert_nonnull (strstr (request->query, "userId=u1"));
      /* Contiguous pieces of at most 31 days covering the whole range. */
      g_assert_cmpint (start, ==, previous_end);
      g_assert_cmpint (end - start, <=, (gint64) 31 * 24 * 3600 * 1000);
      previous_end = end;
    }
  g_assert_cmpint (previous_end, ==, g_date_time_to_unix (to) * 1000);

  g_assert_cmpuint (slots->len, ==, 4);
  first = g_ptr_array_index (slots, 0);
  g_assert_cmpint (g_date_time_get_hour (liaison_slot_get_start_time (first)), ==, 14);
  g_assert_cmpint (g_date_time_get_minute (liaison_slot_get_end_time (first)), ==, 30);
  g_assert_cmpstr (liaison_slot_get_time_zone (first), ==, "America/New_York");
  g_assert_cmpstr (liaison_slot_get_calendar_id (first), ==, "cal1");
  for (i = 1; i < slots->len; i++)
    g_assert_cmpint (
        g_date_time_compare (liaison_slot_get_start_time (g_ptr_array_index (slots, i - 1)),
                             liaison_slot_get_start_time (g_ptr_array_index (slots, i))),
        <, 0);
  g_clear_object (&wait.result);
}

static void
test_fields_and_users (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) fields = NULL;
  g_autoptr (GPtrArray) users = NULL;
  g_autoptr (GError) error = NULL;
  LiaisonFieldDef *field;
  Wait w1 = WAIT_INIT, w2 = WAIT_INIT;

  fake_peer_push (
      f->peer, "/locations/loc-1/customFields",
      fake_response_json (200, "{\"customFields\":[{\"id\":\"f1\",\"name\":\"Tier\","
                               "\"fieldKey\":\"contact.tier\",\"dataType\":"
                               "\"SINGLE_OPTIONS\",\"picklistOptions\":[\"Gold\","
                               "\"Silver\"]},{\"id\":\"f2\",\"name\":\"Budget\","
                               "\"fieldKey\":\"contact.budget\",\"dataType\":"
                               "\"MONETORY\"},{\"id\":\"f3\",\"dataType\":\"SIGNATURE\"}]}"));
  liaison_ghl_client_list_custom_fields_async (f->client, NULL, on_done, &w1);
  fields = liaison_ghl_client_list_finish (f->client, wait_for (&w1), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fields->len, ==, 3);
  field = g_ptr_array_index (fields, 0);
  g_assert_cmpstr (liaison_field_def_get_key (field), ==, "contact.tier");
  g_assert_cmpint (liaison_field_def_get_data_type (field), ==, LIAISON_FIELD_TYPE_SINGLE_OPTION);
  g_assert_cmpstr (liaison_field_def_get_options (field)[1], ==, "Silver");
  g_assert_true (liaison_field_def_get_is_custom (field));
  g_assert_cmpint (liaison_field_def_get_data_type (g_ptr_array_index (fields, 1)), ==,
                   LIAISON_FIELD_TYPE_MONEY);
  g_assert_cmpint (liaison_field_def_get_data_type (g_ptr_array_index (fields, 2)), ==,
                   LIAISON_FIELD_TYPE_OTHER);
  assert_request (request_at (f, 0), "GET", "/locations/loc-1/customFields", C, "model=contact");

  fake_peer_push (f->peer, "/users/",
                  fake_response_json (200, "{\"users\":[{\"id\":\"u1\",\"name\":\"Sam Lee\","
                                           "\"email\":\"sam@example.com\",\"roles\":{\"type\":"
                                           "\"account\",\"role\":\"admin\"}}]}"));
  liaison_ghl_client_list_users_async (f->client, NULL, on_done, &w2);
  users = liaison_ghl_client_list_finish (f->client, wait_for (&w2), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_user_get_role (g_ptr_array_index (users, 0)), ==, "admin");
  assert_request (request_at (f, 1), "GET", "/users/", C, "locationId=loc-1");

  g_clear_object (&w1.result);
  g_clear_object (&w2.result);
}

static void
test_server_error_names_operation (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonContact) bad = liaison_contact_new ();
  g_autoptr (LiaisonContact) got = NULL;
  g_autoptr (GError) error = NULL;
  Wait wait = WAIT_INIT;

  liaison_contact_set_email (bad, "not-an-email");
  fake_peer_push (f->peer, "/contacts/",
                  fake_response_json (422, "{\"statusCode\":422,\"message\":[\"email must be an "
                                           "email\"],\"error\":\"Unprocessable Entity\"}"));
  liaison_ghl_client_create_contact_async (f->client, bad, NULL, on_done, &wait);
  got = liaison_ghl_client_create_contact_finish (f->client, wait_for (&wait), &error);
  g_assert_null (got);
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_VALIDATION);
  g_assert_cmpstr (error->message, ==, "HighLevel rejected the contact: email must be an email");
  g_clear_object (&wait.result);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/ghl/contacts", test_contacts);
  ADD ("/ghl/contacts/protocol-errors", test_contact_protocol_errors);
  ADD ("/ghl/contacts/validation-error", test_server_error_names_operation);
  ADD ("/ghl/search/paging", test_search_paging);
  ADD ("/ghl/search/rebuilt-cursor", test_search_rebuilt_cursor);
  ADD ("/ghl/lookup-and-tags", test_lookup_and_tags);
  ADD ("/ghl/tasks", test_tasks);
  ADD ("/ghl/notes", test_notes);
  ADD ("/ghl/calendars", test_calendars_and_appointments);
  ADD ("/ghl/free-slots/split", test_free_slots_split);
  ADD ("/ghl/fields-and-users", test_fields_and_users);
#undef ADD

  return g_test_run ();
}
