/* test-lsq-json.c: the LeadSquared JSON mapping on its own (the three date
 * formats, string-typed numbers and flags, attribute/value lists, writes,
 * bulk row results) and LiaisonLsqClient against a scripted peer for the
 * reply shapes the sandbox never sends: every one a protocol error with a
 * clear message, never a crash; and a discovery answer that names a host
 * that is not LeadSquared's.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-lsq"

#include <string.h>

#include "fake-peer.h"
#include "liaison-http-call.h"
#include "lsq-test-util.h"

static JsonNode *
parse (const char *text)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static void
assert_time (GDateTime *time, gint64 unix_ms)
{
  g_assert_nonnull (time);
  g_assert_cmpint (g_date_time_to_unix (time) * 1000 + g_date_time_get_microsecond (time) / 1000,
                   ==, unix_ms);
}

/* "2017-11-30 07:38:00.000" (leads), "2018-12-12 10:36:00" (activities,
 * notes) and "/Date(1751910591000+0000)/" (metadata), all UTC. */
static void
test_dates (void)
{
  g_autoptr (JsonNode) flat = parse ("{\"ProspectID\":\"p1\",\"CreatedOn\":"
                                     "\"/Date(1751910591000+0000)/\",\"ModifiedOn\":"
                                     "\"2017-11-30 07:38:00.000\"}");
  g_autoptr (JsonNode) list = parse (
      "{\"LeadPropertyList\":[{\"Attribute\":\"ProspectID\",\"Value\":\"p2\"},{\"Attribute\":"
      "\"CreatedOn\",\"Value\":\"2018-12-12 10:36:00\"},{\"Attribute\":\"ModifiedOn\",\"Value\":"
      "\"0001-01-01 00:00:00.000\"}]}");
  g_autoptr (JsonNode) note = parse ("{\"ProspectNoteId\":\"n1\",\"Note\":\"hi\",\"CreatedOn\":"
                                     "\"2018-12-12 10:36:00\"}");
  g_autoptr (LiaisonContact) a = NULL;
  g_autoptr (LiaisonContact) b = NULL;
  g_autoptr (LiaisonNote) n = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) time = lsq_time ("2026-03-05T15:45:09+05:30");
  g_autofree char *text = NULL;

  a = liaison_lsq_contact_from_json (flat, NULL, &error);
  g_assert_no_error (error);
  assert_time (liaison_contact_get_date_added (a), G_GINT64_CONSTANT (1751910591000));
  assert_time (liaison_contact_get_date_updated (a), G_GINT64_CONSTANT (1512027480000));

  b = liaison_lsq_contact_from_json (list, NULL, &error);
  g_assert_no_error (error);
  assert_time (liaison_contact_get_date_added (b), G_GINT64_CONSTANT (1544610960000));
  /* LeadSquared's "never". */
  g_assert_null (liaison_contact_get_date_updated (b));

  n = liaison_lsq_note_from_json (json_node_get_object (note), "lead-1", &error);
  g_assert_no_error (error);
  assert_time (liaison_note_get_date_added (n), G_GINT64_CONSTANT (1544610960000));
  g_assert_cmpstr (liaison_note_get_contact_id (n), ==, "lead-1");

  /* Written back in the one documented input format, in UTC. */
  text = liaison_lsq_format_time (time);
  g_assert_cmpstr (text, ==, "2026-03-05 10:15:09");
}

static void
test_values (void)
{
  g_autoptr (JsonNode) flat
      = parse ("{\"ProspectID\":\"p1\",\"FirstName\":\"Ada\",\"EmailAddress\":\"ada@example.com\","
               "\"mx_City\":\"Pune\",\"Score\":\"54\",\"Revenue\":\"10.5\",\"DoNotEmail\":\"1\","
               "\"DoNotCall\":\"1\",\"DoNotSMS\":\"1\",\"mx_Visits\":\"12\",\"mx_Flag\":\"0\","
               "\"mx_Text\":\"007\",\"mx_Empty\":\"\",\"mx_Null\":null,\"mx_Number\":3,"
               "\"Nested\":{\"x\":1}}");
  g_autoptr (GHashTable) types = liaison_lsq_field_types_new ();
  g_autoptr (LiaisonFieldDef) visits = liaison_field_def_new ();
  g_autoptr (LiaisonFieldDef) flag = liaison_field_def_new ();
  g_autoptr (LiaisonContact) contact = NULL;
  g_autoptr (GError) error = NULL;
  double d = 0;

  g_hash_table_replace (types, g_strdup ("mx_Visits"),
                        GINT_TO_POINTER (LIAISON_FIELD_TYPE_NUMBER + 1));
  g_hash_table_replace (types, g_strdup ("mx_Flag"),
                        GINT_TO_POINTER (LIAISON_FIELD_TYPE_BOOLEAN + 1));
  contact = liaison_lsq_contact_from_json (flat, types, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_contact_get_id (contact), ==, "p1");
  g_assert_cmpstr (liaison_contact_get_first_name (contact), ==, "Ada");
  g_assert_cmpstr (liaison_contact_get_city (contact), ==, "Pune");
  g_assert_true (liaison_contact_get_dnd (contact));
  g_assert_true (g_variant_is_of_type (liaison_contact_get_custom_field (contact, "Score"),
                                       G_VARIANT_TYPE_DOUBLE));
  g_assert_true (liaison_contact_get_custom_field_double (contact, "Revenue", &d));
  g_assert_cmpfloat (d, ==, 10.5);
  g_assert_cmpfloat (g_variant_get_double (liaison_contact_get_custom_field (contact, "mx_Visits")),
                     ==, 12);
  g_assert_false (g_variant_get_boolean (liaison_contact_get_custom_field (contact, "mx_Flag")));
  /* A text field keeps its leading zeros. */
  g_assert_cmpstr (liaison_contact_get_custom_field_string (contact, "mx_Text"), ==, "007");
  g_assert_cmpstr (liaison_contact_get_custom_field_string (contact, "mx_Number"), ==, "3");
  g_assert_null (liaison_contact_get_custom_field (contact, "mx_Empty"));
  g_assert_null (liaison_contact_get_custom_field (contact, "mx_Null"));
  g_assert_null (liaison_contact_get_custom_field (contact, "Nested"));
  g_assert_null (liaison_contact_get_custom_field (contact, "ProspectID"));
}

static void
test_write (void)
{
  g_autoptr (LiaisonContact) contact = liaison_contact_new ();
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *text = NULL;
  const char *options[] = { "a", "b", NULL };

  liaison_contact_set_id (contact, "p1");
  liaison_contact_set_first_name (contact, "Ada");
  liaison_contact_set_last_name (contact, "");
  liaison_contact_set_custom_field (contact, "mx_Visits", g_variant_new_double (7));
  liaison_contact_set_custom_field (contact, "mx_Ratio", g_variant_new_double (0.25));
  liaison_contact_set_custom_field (contact, "DoNotEmail", g_variant_new_boolean (TRUE));
  liaison_contact_set_custom_field (contact, "mx_Multi", g_variant_new_strv (options, -1));
  liaison_contact_set_custom_field_string (contact, "ProspectAutoId", "17");
  liaison_contact_set_custom_field_string (contact, "ModifiedOn", "2020-01-01 00:00:00");
  node = liaison_lsq_contact_to_json (contact, "EmailAddress");
  text = json_to_string (node, FALSE);

  g_assert_nonnull (strstr (text, "{\"Attribute\":\"FirstName\",\"Value\":\"Ada\"}"));
  /* "" clears a field; unset properties are not sent at all. */
  g_assert_nonnull (strstr (text, "{\"Attribute\":\"LastName\",\"Value\":\"\"}"));
  g_assert_null (strstr (text, "EmailAddress\",\"Value"));
  g_assert_nonnull (strstr (text, "{\"Attribute\":\"mx_Visits\",\"Value\":\"7\"}"));
  g_assert_nonnull (strstr (text, "{\"Attribute\":\"mx_Ratio\",\"Value\":\"0.25\"}"));
  g_assert_nonnull (strstr (text, "{\"Attribute\":\"DoNotEmail\",\"Value\":\"1\"}"));
  g_assert_nonnull (strstr (text, "{\"Attribute\":\"mx_Multi\",\"Value\":\"a;b\"}"));
  /* What LeadSquared sets itself is never written. */
  g_assert_null (strstr (text, "ProspectAutoId"));
  g_assert_null (strstr (text, "ModifiedOn"));
  g_assert_null (strstr (text, "ProspectID"));
  g_assert_true (
      g_str_has_suffix (text, "{\"Attribute\":\"SearchBy\",\"Value\":\"EmailAddress\"}]"));
}

static void
test_bad_records (void)
{
  static const char *const leads[] = {
    "{\"FirstName\":\"No id\"}",
    "[{\"Attribute\":\"ProspectID\",\"Value\":\"p\"},42]",
    "[{\"Value\":\"no attribute\"}]",
    "\"a string\"",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (leads); i++)
    {
      g_autoptr (JsonNode) node = parse (leads[i]);
      g_autoptr (GError) error = NULL;
      g_autoptr (LiaisonContact) contact = liaison_lsq_contact_from_json (node, NULL, &error);

      g_assert_null (contact);
      g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL);
      g_assert_nonnull (strstr (error->message, "LeadSquared sent"));
    }
}

static void
test_row_results (void)
{
  g_autoptr (JsonNode) root = parse (
      "[{\"RowNumber\":1,\"LeadId\":\"a\",\"LeadCreated\":true,\"LeadUpdated\":false},"
      "{\"RowNumber\":\"3\",\"LeadId\":null,\"ExceptionType\":\"MXDuplicateEntryException\","
      "\"ErrorMessage\":\"Duplicate entry\"},{\"RowNumber\":99,\"LeadId\":\"x\"},\"junk\"]");
  g_autoptr (JsonNode) object = parse ("{\"Status\":\"Success\"}");
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) none = NULL;
  g_autoptr (GError) error = NULL;
  LiaisonLsqRowResult *row;

  rows = liaison_lsq_row_results_from_json (root, 25, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (row->row, ==, 25);
  g_assert_cmpstr (row->lead_id, ==, "a");
  g_assert_true (row->created);
  /* A row LeadSquared said nothing about. */
  row = g_ptr_array_index (rows, 1);
  g_assert_error (row->error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL);
  row = g_ptr_array_index (rows, 2);
  g_assert_cmpuint (row->row, ==, 27);
  g_assert_error (row->error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_VALIDATION);
  g_assert_nonnull (strstr (row->error->message, "Duplicate entry"));

  none = liaison_lsq_row_results_from_json (object, 0, 3, &error);
  g_assert_null (none);
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL);
}

/* ---- reply shapes, against a scripted peer ---- */

typedef struct
{
  FakePeer *peer;
  LiaisonHttp *http;
  LiaisonLsqClient *client;
  LsqWait wait;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonAuthorizer) keys = liaison_lsq_key_authorizer_new ("ak", "sk");
  g_autoptr (GError) error = NULL;

  f->peer = fake_peer_new ();
  f->http = liaison_http_new (LIAISON_HTTP_SERVICE_LSQ, fake_peer_get_url (f->peer), keys, &error);
  g_assert_no_error (error);
  liaison_retry_policy_set_max_attempts (liaison_http_get_retry_policy (f->http), 1);
  f->client = liaison_lsq_client_new (f->http);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  lsq_wait_clear (&f->wait);
  g_clear_object (&f->client);
  g_clear_object (&f->http);
  fake_peer_free (f->peer);
}

static void
assert_protocol (GError *error, const char *operation, const char *detail)
{
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL);
  g_assert_true (g_str_has_prefix (error->message, "Could not "));
  g_assert_nonnull (strstr (error->message, operation));
  g_assert_nonnull (strstr (error->message, detail));
}

static void
test_bad_shapes (Fixture *f, gconstpointer data)
{
  g_autoptr (GDateTime) from = lsq_time ("2020-01-01T00:00:00Z");
  g_autoptr (GDateTime) to = lsq_time ("2020-02-01T00:00:00Z");
  g_autoptr (LiaisonContact) contact = liaison_contact_new ();
  g_autoptr (GError) error = NULL;
  gpointer value;

  fake_peer_push (f->peer, "/v2/LeadManagement.svc/Leads.RecentlyModified",
                  fake_response_json (200, "{\"RecordCount\":\"x\",\"Leads\":{}}"));
  liaison_lsq_client_recently_modified_async (f->client, from, to, 1, 10, NULL, lsq_wait_cb,
                                              &f->wait);
  value = liaison_lsq_client_recently_modified_finish (f->client, lsq_wait (&f->wait), NULL, NULL,
                                                       &error);
  g_assert_null (value);
  assert_protocol (error, "list recently modified leads", "not a list");
  g_clear_error (&error);

  fake_peer_push (f->peer, "/v2/LeadManagement.svc/Leads.RecentlyModified",
                  fake_response_json (200, "{\"RecordCount\":1,\"Leads\":[{\"x\":1}]}"));
  liaison_lsq_client_recently_modified_async (f->client, from, to, 1, 10, NULL, lsq_wait_cb,
                                              &f->wait);
  {
    GAsyncResult *result = lsq_wait (&f->wait);
    g_autoptr (GPtrArray) leads = NULL;
    gboolean more = TRUE;

    /* A lead without its properties is skipped and named, not a failed page. */
    leads = liaison_lsq_client_recently_modified_finish (f->client, result, NULL, &more, &error);
    g_assert_no_error (error);
    g_assert_nonnull (leads);
    g_assert_cmpuint (leads->len, ==, 0);
    g_assert_false (more);
    g_assert_cmpuint (liaison_http_call_get_n_skipped (result), ==, 1);
    g_assert_nonnull (strstr (liaison_http_call_get_skipped (result)[0], "LeadPropertyList"));
    g_assert_true (g_str_has_prefix (liaison_http_call_get_skipped (result)[0], "lead 1"));
  }

  fake_peer_push (f->peer, "/v2/LeadManagement.svc/Leads.GetById",
                  fake_response_json (200, "{\"ProspectID\":\"not in a list\"}"));
  liaison_lsq_client_get_lead_async (f->client, "p", NULL, lsq_wait_cb, &f->wait);
  value = liaison_lsq_client_get_lead_finish (f->client, lsq_wait (&f->wait), &error);
  g_assert_null (value);
  assert_protocol (error, "get the lead", "not a list");
  g_clear_error (&error);

  fake_peer_push (f->peer, "/v2/LeadManagement.svc/Lead.Create",
                  fake_response_json (200, "{\"Status\":\"Success\",\"Message\":{}}"));
  liaison_contact_set_email (contact, "a@example.com");
  liaison_lsq_client_create_lead_async (f->client, contact, NULL, lsq_wait_cb, &f->wait);
  value = liaison_lsq_client_id_finish (f->client, lsq_wait (&f->wait), &error);
  g_assert_null (value);
  assert_protocol (error, "create the lead", "without the record's id");
  g_clear_error (&error);

  fake_peer_push (f->peer, "/v2/Task.svc/Retrieve.GetById",
                  fake_response_json (200, "[{\"Name\":\"no id\"}]"));
  liaison_lsq_client_get_task_async (f->client, "t", NULL, lsq_wait_cb, &f->wait);
  value = liaison_lsq_client_get_task_finish (f->client, lsq_wait (&f->wait), &error);
  g_assert_null (value);
  assert_protocol (error, "get the task", "without an id");
  g_clear_error (&error);

  fake_peer_push (f->peer, "/v2/UserManagement.svc/Users.Get",
                  fake_response_new (200, "text/html", "<html>Maintenance</html>"));
  liaison_lsq_client_list_users_async (f->client, NULL, lsq_wait_cb, &f->wait);
  value = liaison_lsq_client_list_finish (f->client, lsq_wait (&f->wait), &error);
  g_assert_null (value);
  assert_protocol (error, "list the users", "instead of JSON");
}

/* A discovery answer naming another host: the keys are not sent there. */
static void
test_discovery_foreign_host (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonAuthorizer) keys = liaison_lsq_key_authorizer_new ("ak", "sk");
  g_autoptr (LiaisonLsqClient) found = NULL;
  g_autoptr (GError) error = NULL;

  fake_peer_push (f->peer, "/v2/Authentication.svc/UserByAccessKey.Get",
                  fake_response_json (200, "{\"Id\":\"u1\",\"Name\":\"A\",\"LSQCommonServiceURLs\":"
                                           "{\"api\":\"api.evil.example.com\"}}"));
  liaison_lsq_client_discover_async (fake_peer_get_url (f->peer), keys, NULL, lsq_wait_cb,
                                     &f->wait);
  found = liaison_lsq_client_discover_finish (lsq_wait (&f->wait), NULL, &error);
  g_assert_null (found);
  assert_protocol (error, "look up the account of the API keys", "api.evil.example.com");

  /* A LeadSquared regional host is taken, over https. */
  g_clear_error (&error);
  fake_peer_push (f->peer, "/v2/Authentication.svc/UserByAccessKey.Get",
                  fake_response_json (200, "{\"Id\":\"u1\",\"LSQCommonServiceURLs\":"
                                           "{\"api\":\"api-in21.leadsquared.com\"}}"));
  liaison_lsq_client_discover_async (fake_peer_get_url (f->peer), keys, NULL, lsq_wait_cb,
                                     &f->wait);
  found = liaison_lsq_client_discover_finish (lsq_wait (&f->wait), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_http_get_base_url (liaison_lsq_client_get_http (found)), ==,
                   "https://api-in21.leadsquared.com");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lsq/json/dates", test_dates);
  g_test_add_func ("/lsq/json/values", test_values);
  g_test_add_func ("/lsq/json/write", test_write);
  g_test_add_func ("/lsq/json/bad-records", test_bad_records);
  g_test_add_func ("/lsq/json/row-results", test_row_results);
  g_test_add ("/lsq/json/bad-shapes", Fixture, NULL, fixture_setup, test_bad_shapes,
              fixture_teardown);
  g_test_add ("/lsq/json/discovery-foreign-host", Fixture, NULL, fixture_setup,
              test_discovery_foreign_host, fixture_teardown);

  return g_test_run ();
}
