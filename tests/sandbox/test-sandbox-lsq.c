/* test-sandbox-lsq.c: the simulated LeadSquared API v2, in-process on its own
 * thread, through raw libsoup requests: every route with its success and error
 * cases, RecentlyModified paging and windows, the date formats, rate limits,
 * control routes, seed determinism and saved state.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sandbox-test-util.h"
#include "liaison-sandbox-lsq.h"
#include "liaison-sandbox-people.h"

#include <glib/gstdio.h>

#define ALL_TIME "\"FromDate\": \"2000-01-01 00:00:00\", \"ToDate\": \"2100-01-01 00:00:00\""

static LiaisonSandbox *sb;

typedef enum
{
  KEYS_HEADERS,
  KEYS_QUERY,
  KEYS_NONE,
  KEYS_WRONG,
} KeyMode;

static Resp *
request (const char *method,
         const char *path,
         KeyMode     keys,
         const char *content_type,
         const char *body)
{
  g_autofree char *url = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  static SoupSession *session;
  SoupMessageHeaders *headers;
  Resp *resp = g_new0 (Resp, 1);
  const char *access = liaison_sandbox_get_lsq_access_key (sb);
  const char *secret = liaison_sandbox_get_lsq_secret_key (sb);

  if (session == NULL)
    session = soup_session_new_with_options ("timeout", 20, NULL);
  if (keys == KEYS_QUERY)
    {
      g_autofree char *a = g_uri_escape_string (access, NULL, FALSE);
      g_autofree char *s = g_uri_escape_string (secret, NULL, FALSE);

      url = g_strdup_printf ("%s%s%saccessKey=%s&secretKey=%s", liaison_sandbox_get_lsq_url (sb), path,
                             strchr (path, '?') ? "&" : "?", a, s);
    }
  else
    url = g_strconcat (liaison_sandbox_get_lsq_url (sb), path, NULL);
  msg = soup_message_new (method, url);
  g_assert_nonnull (msg);
  headers = soup_message_get_request_headers (msg);
  if (keys == KEYS_HEADERS || keys == KEYS_WRONG)
    {
      soup_message_headers_replace (headers, "x-LSQ-AccessKey", access);
      soup_message_headers_replace (headers, "x-LSQ-SecretKey", keys == KEYS_WRONG ? "0123456789" : secret);
    }
  if (body != NULL)
    {
      g_autoptr (GBytes) b = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, content_type, b);
    }
  bytes = soup_session_send_and_read (session, msg, NULL, &resp->error);
  g_assert_no_error (resp->error);
  resp->status = soup_message_get_status (msg);
  resp->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  resp->text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (*resp->text != '\0' && json_parser_load_from_data (parser, resp->text, -1, NULL))
    resp->json = json_node_ref (json_parser_get_root (parser));
  return resp;
}

static Resp *
lsq (const char *method,
     const char *path,
     const char *body)
{
  return request (method, path, KEYS_HEADERS, "application/json", body);
}

static Resp *
control (const char *method,
         const char *path,
         const char *body)
{
  return request (method, path, KEYS_NONE, "application/json", body);
}

static void
assert_lsq_error (Resp       *r,
                  guint       status,
                  const char *exception_type)
{
  g_assert_cmpuint (r->status, ==, status);
  g_assert_cmpstr (jstr (r->json, "Status"), ==, "Error");
  g_assert_cmpstr (jstr (r->json, "ExceptionType"), ==, exception_type);
  g_assert_nonnull (jstr (r->json, "ExceptionMessage"));
}

/* Every limit out of the way except in the rate-limit test. */
static void
lift_limits (void)
{
  const char *classes[] = { "default", "bulk" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"class\": \"%s\", \"max\": 100000, \"intervalMs\": 1000}", classes[i]);
      g_autoptr (Resp) r = control ("POST", "/_sandbox/rates", body);

      g_assert_cmpuint (r->status, ==, 200);
    }
}

static void
advance_clock (gint64 ms)
{
  g_autofree char *body = g_strdup_printf ("{\"advanceMs\": %" G_GINT64_FORMAT "}", ms);
  g_autoptr (Resp) r = control ("POST", "/_sandbox/clock", body);

  g_assert_cmpuint (r->status, ==, 200);
}

static Resp *
get_lead (const char *id)
{
  g_autofree char *path = g_strdup_printf ("/v2/LeadManagement.svc/Leads.GetById?id=%s", id);
  Resp *r = lsq ("GET", path, NULL);

  g_assert_cmpuint (r->status, ==, 200);
  return r;
}

static char *
create_lead (const char *email,
             const char *first)
{
  g_autofree char *body = g_strdup_printf ("[{\"Attribute\": \"EmailAddress\", \"Value\": \"%s\"},"
                                           " {\"Attribute\": \"FirstName\", \"Value\": \"%s\"}]", email, first);
  g_autoptr (Resp) r = lsq ("POST", "/v2/LeadManagement.svc/Lead.Create", body);

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (jstr (r->json, "Status"), ==, "Success");
  return g_strdup (jstr (r->json, "Message.Id"));
}

static JsonObject *
seeded_lead (guint index)
{
  g_autoptr (Resp) r = control ("GET", "/_sandbox/lsq/leads", NULL);
  JsonNode *n = jget (r->json, "records");

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpuint (jlen (r->json, "records"), >, index);
  return json_object_ref (json_array_get_object_element (json_node_get_array (n), index));
}

static gboolean
matches (const char *pattern,
         const char *text)
{
  return text != NULL && g_regex_match_simple (pattern, text, 0, 0);
}

#define FMT_MS    "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.000$"
#define FMT_PLAIN "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d$"
#define FMT_WCF   "^/Date\\(\\d+\\+0000\\)/$"

/* ---- authentication and users ---- */

static void
test_auth (void)
{
  g_autoptr (Resp) ok = lsq ("GET", "/v2/Authentication.svc/UserByAccessKey.Get", NULL);
  g_autoptr (Resp) query = request ("GET", "/v2/Authentication.svc/UserByAccessKey.Get", KEYS_QUERY, NULL, NULL);
  g_autoptr (Resp) none = request ("GET", "/v2/Authentication.svc/UserByAccessKey.Get", KEYS_NONE, NULL, NULL);
  g_autoptr (Resp) wrong = request ("GET", "/v2/LeadManagement.svc/LeadsMetaData.Get", KEYS_WRONG, NULL, NULL);
  g_autoptr (Resp) deactivate = NULL, refused = NULL, reactivate = NULL, again = NULL;
  g_autofree char *host = g_strdup (liaison_sandbox_get_lsq_url (sb) + strlen ("http://"));
  g_autofree char *path = NULL;

  g_assert_cmpuint (ok->status, ==, 200);
  g_assert_cmpstr (jstr (ok->json, "Role"), ==, "Administrator");
  g_assert_true (matches ("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", jstr (ok->json, "Id")));
  g_assert_nonnull (jstr (ok->json, "OrgId"));
  g_assert_cmpstr (jstr (ok->json, "LSQCommonServiceURLs.api"), ==, host);
  g_assert_cmpuint (query->status, ==, 200);
  g_assert_cmpstr (jstr (query->json, "Id"), ==, jstr (ok->json, "Id"));
  assert_lsq_error (none, 401, "MXUnAuthorizedAccessException");
  assert_lsq_error (wrong, 401, "MXUnAuthorizedAccessException");

  /* Deactivating the user kills the keys. */
  path = g_strdup_printf ("/_sandbox/lsq/users/%s", jstr (ok->json, "Id"));
  deactivate = control ("PATCH", path, "{\"StatusCode\": 1}");
  g_assert_cmpuint (deactivate->status, ==, 200);
  refused = lsq ("GET", "/v2/UserManagement.svc/Users.Get", NULL);
  assert_lsq_error (refused, 401, "MXUnAuthorizedAccessException");
  reactivate = control ("PATCH", path, "{\"StatusCode\": 0}");
  g_assert_cmpuint (reactivate->status, ==, 200);
  again = lsq ("GET", "/v2/UserManagement.svc/Users.Get", NULL);
  g_assert_cmpuint (again->status, ==, 200);
}

static void
test_users (void)
{
  g_autoptr (Resp) all = lsq ("GET", "/v2/UserManagement.svc/Users.Get", NULL);
  g_autoptr (Resp) by_id = NULL, by_email = NULL, unknown = NULL, missing = NULL;
  g_autofree char *path = NULL;
  guint inactive = 0;

  g_assert_cmpuint (all->status, ==, 200);
  g_assert_cmpuint (jlen (all->json, ""), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *p = g_strdup_printf ("%u.StatusCode", i);

      g_autofree char *key = g_strdup_printf ("%u._AccessKey", i);

      inactive += jint (all->json, p) == 1;
      g_assert_null (jget (all->json, key));
    }
  g_assert_cmpuint (inactive, ==, 1);
  path = g_strdup_printf ("/v2/UserManagement.svc/User/Retrieve/ByUserId?userId=%s", jstr (all->json, "1.ID"));
  by_id = lsq ("GET", path, NULL);
  g_assert_cmpuint (by_id->status, ==, 200);
  g_assert_cmpstr (jstr (by_id->json, "EmailAddress"), ==, jstr (all->json, "1.EmailAddress"));
  by_email = lsq ("GET", "/v2/UserManagement.svc/User/Retrieve/ByEmailAddress?emailAddress=RAHUL.IYER@sandbox.example.com", NULL);
  g_assert_cmpuint (by_email->status, ==, 200);
  g_assert_cmpstr (jstr (by_email->json, "FirstName"), ==, "Rahul");
  unknown = lsq ("GET", "/v2/UserManagement.svc/User/Retrieve/ByUserId?userId=nobody", NULL);
  assert_lsq_error (unknown, 500, "MXInvalidEntityException");
  missing = lsq ("GET", "/v2/UserManagement.svc/User/Retrieve/ByUserId", NULL);
  assert_lsq_error (missing, 500, "MXMandatoryAttributeMissingException");
}

/* ---- reading leads ---- */

static void
test_lead_reads (void)
{
  g_autoptr (JsonObject) seeded = seeded_lead (0);
  const char *id = json_object_get_string_member (seeded, "ProspectID");
  const char *email = json_object_get_string_member (seeded, "EmailAddress");
  g_autoptr (Resp) by_id = get_lead (id);
  g_autoptr (Resp) unknown = get_lead ("00000000-0000-4000-8000-000000000000");
  g_autoptr (Resp) missing = lsq ("GET", "/v2/LeadManagement.svc/Leads.GetById", NULL);
  g_autofree char *upper = g_ascii_strup (email, -1);
  g_autofree char *email_path = g_strdup_printf ("/v2/LeadManagement.svc/Leads.GetByEmailaddress?emailaddress=%s", upper);
  g_autoptr (Resp) by_email = lsq ("GET", email_path, NULL);
  g_autoptr (Resp) phone_lead = NULL, by_phone = NULL, dashed = NULL, no_match = NULL;
  g_autofree char *phone_id = NULL;

  g_assert_cmpuint (jlen (by_id->json, ""), ==, 1);
  g_assert_cmpstr (jstr (by_id->json, "0.ProspectID"), ==, id);
  /* Values are strings, empty ones null, times with the ".000" suffix. */
  g_assert_true (matches ("^\\d+$", jstr (by_id->json, "0.ProspectAutoId")));
  g_assert_true (matches ("^[01]$", jstr (by_id->json, "0.DoNotEmail")));
  g_assert_true (JSON_NODE_HOLDS_NULL (jget (by_id->json, "0.JobTitle")));
  g_assert_true (matches (FMT_MS, jstr (by_id->json, "0.ModifiedOn")));
  g_assert_true (matches (FMT_MS, jstr (by_id->json, "0.CreatedOn")));
  g_assert_null (jget (by_id->json, "0._ModifiedMs"));
  g_assert_cmpuint (jlen (unknown->json, ""), ==, 0);
  assert_lsq_error (missing, 500, "MXMandatoryAttributeMissingException");
  g_assert_cmpuint (by_email->status, ==, 200);
  g_assert_cmpuint (jlen (by_email->json, ""), >=, 1);
  g_assert_cmpstr (jstr (by_email->json, "0.EmailAddress"), ==, email);

  /* By phone: digits only, Phone or Mobile; punctuation finds nothing. */
  phone_id = create_lead ("phone.lookup@example.com", "Phoebe");
  {
    g_autofree char *p = g_strdup_printf ("/v2/LeadManagement.svc/Lead.Update?leadId=%s", phone_id);
    g_autoptr (Resp) u = lsq ("POST", p, "[{\"Attribute\": \"Mobile\", \"Value\": \"+91-98765-43210\"}]");

    g_assert_cmpuint (u->status, ==, 200);
  }
  by_phone = lsq ("GET", "/v2/LeadManagement.svc/RetrieveLeadByPhoneNumber?phone=919876543210", NULL);
  g_assert_cmpuint (by_phone->status, ==, 200);
  g_assert_cmpuint (jlen (by_phone->json, ""), ==, 1);
  g_assert_cmpstr (jstr (by_phone->json, "0.ProspectID"), ==, phone_id);
  dashed = lsq ("GET", "/v2/LeadManagement.svc/RetrieveLeadByPhoneNumber?phone=98765-43210", NULL);
  g_assert_cmpuint (jlen (dashed->json, ""), ==, 0);
  no_match = lsq ("GET", "/v2/LeadManagement.svc/RetrieveLeadByPhoneNumber?phone=15550000000", NULL);
  g_assert_cmpuint (jlen (no_match->json, ""), ==, 0);
  phone_lead = get_lead (phone_id);
  g_assert_cmpstr (jstr (phone_lead->json, "0.Mobile"), ==, "+91-98765-43210");
}

/* ---- writing leads ---- */

static void
test_lead_create (void)
{
  g_autofree char *id = NULL;
  g_autoptr (Resp) lead = NULL, dup = NULL, no_unique = NULL, unknown_attr = NULL, number = NULL;
  g_autoptr (Resp) bad_email = NULL, bad_option = NULL, bad_ctype = NULL, bad_json = NULL;
  g_autoptr (Resp) typed = NULL;
  const char *typed_body =
    "[{\"Attribute\": \"EmailAddress\", \"Value\": \"typed.fields@example.com\"},"
    " {\"Attribute\": \"mx_Date_of_Birth\", \"Value\": \"1990-05-04\"},"
    " {\"Attribute\": \"mx_Newsletter\", \"Value\": \"true\"},"
    " {\"Attribute\": \"mx_Treatment\", \"Value\": \"implants\"},"
    " {\"Attribute\": \"mx_Preferred_Call_Time\", \"Value\": \"09:30\"},"
    " {\"Attribute\": \"mx_Lifetime_Value\", \"Value\": \"1234.50\"},"
    " {\"Attribute\": \"Notes\", \"Value\": null}]";

  id = create_lead ("Nadia.Farouk@Example.com", "Nadia");
  lead = get_lead (id);
  g_assert_cmpstr (jstr (lead->json, "0.FirstName"), ==, "Nadia");
  g_assert_cmpstr (jstr (lead->json, "0.Origin"), ==, "API");
  g_assert_cmpstr (jstr (lead->json, "0.ModifiedOn"), ==, jstr (lead->json, "0.CreatedOn"));

  dup = lsq ("POST", "/v2/LeadManagement.svc/Lead.Create",
             "[{\"Attribute\": \"EmailAddress\", \"Value\": \"nadia.farouk@example.COM\"}]");
  assert_lsq_error (dup, 500, "MXDuplicateEntryException");
  g_assert_nonnull (strstr (jstr (dup->json, "ExceptionMessage"), "UQ_Prospect_Base_EmailAddress"));
  no_unique = lsq ("POST", "/v2/LeadManagement.svc/Lead.Create", "[{\"Attribute\": \"FirstName\", \"Value\": \"Anon\"}]");
  assert_lsq_error (no_unique, 500, "MXMandatoryAttributeMissingException");
  unknown_attr = lsq ("POST", "/v2/LeadManagement.svc/Lead.Create",
                      "[{\"Attribute\": \"EmailAddress\", \"Value\": \"u@example.com\"}, {\"Attribute\": \"mx_city\", \"Value\": \"x\"}]");
  assert_lsq_error (unknown_attr, 500, "MXInvalidInputException");
  number = lsq ("POST", "/v2/LeadManagement.svc/Lead.Create",
                "[{\"Attribute\": \"EmailAddress\", \"Value\": \"n@example.com\"}, {\"Attribute\": \"Score\", \"Value\": 5}]");
  g_assert_cmpuint (number->status, ==, 400);
  bad_email = lsq ("POST", "/v2/LeadManagement.svc/Lead.Create", "[{\"Attribute\": \"EmailAddress\", \"Value\": \"not-an-email\"}]");
  assert_lsq_error (bad_email, 500, "MXInvalidInputException");
  bad_option = lsq ("POST", "/v2/LeadManagement.svc/Lead.Create",
                    "[{\"Attribute\": \"EmailAddress\", \"Value\": \"o@example.com\"}, {\"Attribute\": \"mx_Treatment\", \"Value\": \"Surgery\"}]");
  assert_lsq_error (bad_option, 500, "MXInvalidInputException");
  bad_ctype = request ("POST", "/v2/LeadManagement.svc/Lead.Create", KEYS_HEADERS, "text/plain",
                       "[{\"Attribute\": \"EmailAddress\", \"Value\": \"t@example.com\"}]");
  g_assert_cmpuint (bad_ctype->status, ==, 400);
  bad_json = lsq ("POST", "/v2/LeadManagement.svc/Lead.Create", "[{\"Attribute\": ");
  g_assert_cmpuint (bad_json->status, ==, 400);

  /* Values are normalized to what the field type stores. */
  g_clear_pointer (&id, g_free);
  {
    g_autoptr (Resp) r = lsq ("POST", "/v2/LeadManagement.svc/Lead.Create", typed_body);

    g_assert_cmpuint (r->status, ==, 200);
    id = g_strdup (jstr (r->json, "Message.Id"));
  }
  typed = get_lead (id);
  g_assert_cmpstr (jstr (typed->json, "0.mx_Date_of_Birth"), ==, "1990-05-04 00:00:00.000");
  g_assert_cmpstr (jstr (typed->json, "0.mx_Newsletter"), ==, "1");
  g_assert_cmpstr (jstr (typed->json, "0.mx_Treatment"), ==, "Implants");
  g_assert_cmpstr (jstr (typed->json, "0.mx_Preferred_Call_Time"), ==, "09:30");
  g_assert_cmpstr (jstr (typed->json, "0.mx_Lifetime_Value"), ==, "1234.50");
}

static void
test_lead_update (void)
{
  g_autofree char *id = create_lead ("update.me@example.com", "Ulla");
  g_autofree char *path = g_strdup_printf ("/v2/LeadManagement.svc/Lead.Update?leadId=%s", id);
  g_autoptr (Resp) before = get_lead (id);
  g_autoptr (Resp) ok = NULL, after = NULL, missing = NULL, unknown = NULL, dup = NULL, auth = NULL;
  g_autofree char *before_modified = g_strdup (jstr (before->json, "0.ModifiedOn"));

  advance_clock (3000);
  ok = lsq ("POST", path, "[{\"Attribute\": \"LastName\", \"Value\": \"Ødegård\"}, {\"Attribute\": \"OwnerId\", \"Value\": \"rahul.iyer@sandbox.example.com\"}]");
  g_assert_cmpuint (ok->status, ==, 200);
  g_assert_cmpstr (jstr (ok->json, "Status"), ==, "Success");
  g_assert_cmpint (jint (ok->json, "Message.AffectedRows"), ==, 1);
  after = get_lead (id);
  g_assert_cmpstr (jstr (after->json, "0.LastName"), ==, "Ødegård");
  g_assert_cmpstr (jstr (after->json, "0.FirstName"), ==, "Ulla");
  g_assert_cmpstr (jstr (after->json, "0.OwnerIdName"), ==, "Rahul Iyer");
  g_assert_cmpstr (jstr (after->json, "0.CreatedOn"), ==, before_modified);
  g_assert_cmpstr (jstr (after->json, "0.ModifiedOn"), >, before_modified);
  g_assert_cmpstr (jstr (after->json, "0.ModifiedOn"), ==, jstr (after->json, "0.LeadLastModifiedOn"));

  missing = lsq ("POST", "/v2/LeadManagement.svc/Lead.Update", "[]");
  assert_lsq_error (missing, 500, "MXMandatoryAttributeMissingException");
  g_assert_cmpstr (jstr (missing->json, "ExceptionMessage"), ==, "'leadId' is mandatory for updating lead");
  unknown = lsq ("POST", "/v2/LeadManagement.svc/Lead.Update?leadId=00000000-0000-4000-8000-000000000000",
                 "[{\"Attribute\": \"FirstName\", \"Value\": \"X\"}]");
  assert_lsq_error (unknown, 500, "MXInvalidEntityException");
  g_assert_cmpstr (jstr (unknown->json, "ExceptionMessage"), ==, "Lead does not exist in the system");
  g_free (create_lead ("taken@example.com", "Tak"));
  dup = lsq ("POST", path, "[{\"Attribute\": \"EmailAddress\", \"Value\": \"TAKEN@example.com\"}]");
  assert_lsq_error (dup, 500, "MXDuplicateEntryException");
  auth = request ("POST", path, KEYS_NONE, "application/json", "[]");
  g_assert_cmpuint (auth->status, ==, 401);
}

static void
test_lead_create_or_update (void)
{
  g_autofree char *id = create_lead ("upsert.target@example.com", "Ursula");
  g_autoptr (Resp) by_email = NULL, created = NULL, bad = NULL, missing_value = NULL, by_phone = NULL, lead = NULL;

  by_email = lsq ("POST", "/v2/LeadManagement.svc/Lead.CreateOrUpdate?postUpdatedLead=false",
                  "[{\"Attribute\": \"EmailAddress\", \"Value\": \"Upsert.Target@example.com\"},"
                  " {\"Attribute\": \"Phone\", \"Value\": \"+44 20 7946 0000\"},"
                  " {\"Attribute\": \"SearchBy\", \"Value\": \"EmailAddress\"}]");
  g_assert_cmpuint (by_email->status, ==, 200);
  g_assert_cmpstr (jstr (by_email->json, "Message.Id"), ==, id);
  g_assert_cmpint (jint (by_email->json, "Message.AffectedRows"), ==, 1);

  /* Without SearchBy: email first, then phone. */
  by_phone = lsq ("POST", "/v2/LeadManagement.svc/Lead.CreateOrUpdate",
                  "[{\"Attribute\": \"Phone\", \"Value\": \"+442079460000\"}, {\"Attribute\": \"JobTitle\", \"Value\": \"Dentist\"}]");
  g_assert_cmpuint (by_phone->status, ==, 200);
  g_assert_cmpstr (jstr (by_phone->json, "Message.Id"), ==, id);
  lead = get_lead (id);
  g_assert_cmpstr (jstr (lead->json, "0.JobTitle"), ==, "Dentist");

  created = lsq ("POST", "/v2/LeadManagement.svc/Lead.CreateOrUpdate",
                 "[{\"Attribute\": \"EmailAddress\", \"Value\": \"brand.new@example.com\"}, {\"Attribute\": \"SearchBy\", \"Value\": \"EmailAddress\"}]");
  g_assert_cmpuint (created->status, ==, 200);
  g_assert_cmpstr (jstr (created->json, "Message.Id"), !=, id);

  bad = lsq ("POST", "/v2/LeadManagement.svc/Lead.CreateOrUpdate",
             "[{\"Attribute\": \"FirstName\", \"Value\": \"Ursula\"}, {\"Attribute\": \"SearchBy\", \"Value\": \"FirstName\"}]");
  assert_lsq_error (bad, 500, "MXInvalidInputException");
  missing_value = lsq ("POST", "/v2/LeadManagement.svc/Lead.CreateOrUpdate",
                       "[{\"Attribute\": \"EmailAddress\", \"Value\": \"x@example.com\"}, {\"Attribute\": \"SearchBy\", \"Value\": \"Phone\"}]");
  assert_lsq_error (missing_value, 500, "MXMandatoryAttributeMissingException");
}

static void
test_lead_capture (void)
{
  g_autoptr (Resp) first = NULL, second = NULL, keep = NULL, fill = NULL, other = NULL, bad = NULL, lead = NULL;
  g_autofree char *id = NULL;
  g_autofree char *body = NULL;

  first = lsq ("POST", "/v2/LeadManagement.svc/Lead.Capture",
               "[{\"Attribute\": \"EmailAddress\", \"Value\": \"captured@example.com\"}, {\"Attribute\": \"FirstName\", \"Value\": \"Cap\"}]");
  g_assert_cmpuint (first->status, ==, 200);
  g_assert_true (jint (first->json, "Message.IsCreated"));
  id = g_strdup (jstr (first->json, "Message.RelatedId"));
  g_assert_nonnull (id);
  g_assert_cmpstr (jstr (first->json, "Message.Id"), !=, id);

  second = lsq ("POST", "/v2/LeadManagement.svc/Lead.Capture",
                "[{\"Attribute\": \"EmailAddress\", \"Value\": \"CAPTURED@example.com\"}, {\"Attribute\": \"FirstName\", \"Value\": \"Captain\"}]");
  g_assert_false (jint (second->json, "Message.IsCreated"));
  g_assert_cmpstr (jstr (second->json, "Message.RelatedId"), ==, id);
  keep = lsq ("POST", "/v2/LeadManagement.svc/Lead.Capture?LeadUpdateBehavior=DoNotUpdate",
              "[{\"Attribute\": \"EmailAddress\", \"Value\": \"captured@example.com\"}, {\"Attribute\": \"FirstName\", \"Value\": \"Nope\"}]");
  g_assert_cmpuint (keep->status, ==, 200);
  fill = lsq ("POST", "/v2/LeadManagement.svc/Lead.Capture?LeadUpdateBehavior=UpdateOnlyEmptyFields",
              "[{\"Attribute\": \"EmailAddress\", \"Value\": \"captured@example.com\"}, {\"Attribute\": \"FirstName\", \"Value\": \"Nope\"},"
              " {\"Attribute\": \"Company\", \"Value\": \"Filled Ltd\"}]");
  g_assert_cmpuint (fill->status, ==, 200);
  lead = get_lead (id);
  g_assert_cmpstr (jstr (lead->json, "0.FirstName"), ==, "Captain");
  g_assert_cmpstr (jstr (lead->json, "0.Company"), ==, "Filled Ltd");
  g_assert_cmpstr (jstr (lead->json, "0.ProspectActivityName_Max"), ==, "Lead Capture");

  /* A ProspectId match with another email makes a new lead. */
  body = g_strdup_printf ("[{\"Attribute\": \"ProspectId\", \"Value\": \"%s\"},"
                          " {\"Attribute\": \"EmailAddress\", \"Value\": \"someone.else@example.com\"}]", id);
  other = lsq ("POST", "/v2/LeadManagement.svc/Lead.Capture", body);
  g_assert_cmpuint (other->status, ==, 200);
  g_assert_true (jint (other->json, "Message.IsCreated"));
  g_assert_cmpstr (jstr (other->json, "Message.RelatedId"), !=, id);
  bad = lsq ("POST", "/v2/LeadManagement.svc/Lead.Capture?LeadUpdateBehavior=Sometimes",
             "[{\"Attribute\": \"EmailAddress\", \"Value\": \"captured@example.com\"}]");
  assert_lsq_error (bad, 500, "MXInvalidInputException");
}

static void
test_lead_bulk (void)
{
  g_autofree char *id = create_lead ("bulk.existing@example.com", "Bea");
  g_autoptr (Resp) r = NULL, too_many = NULL, not_array = NULL, lead = NULL;
  g_autoptr (GString) big = g_string_new ("[");

  r = lsq ("POST", "/v2/LeadManagement.svc/Lead/Bulk/CreateOrUpdate",
           "[[{\"Attribute\": \"EmailAddress\", \"Value\": \"bulk.new@example.com\"}, {\"Attribute\": \"SearchBy\", \"Value\": \"EmailAddress\"}],"
           " [{\"Attribute\": \"EmailAddress\", \"Value\": \"BULK.existing@example.com\"}, {\"Attribute\": \"LastName\", \"Value\": \"Bulkowska\"}],"
           " [{\"Attribute\": \"EmailAddress\", \"Value\": \"broken\"}]]");
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpuint (jlen (r->json, ""), ==, 3);
  g_assert_cmpint (jint (r->json, "0.RowNumber"), ==, 1);
  g_assert_true (jint (r->json, "0.LeadCreated"));
  g_assert_false (jint (r->json, "0.LeadUpdated"));
  g_assert_cmpstr (jstr (r->json, "1.LeadId"), ==, id);
  g_assert_true (jint (r->json, "1.LeadUpdated"));
  g_assert_cmpint (jint (r->json, "2.AffectedRows"), ==, 0);
  g_assert_cmpstr (jstr (r->json, "2.ExceptionType"), ==, "MXInvalidInputException");
  g_assert_true (JSON_NODE_HOLDS_NULL (jget (r->json, "2.LeadId")));
  lead = get_lead (id);
  g_assert_cmpstr (jstr (lead->json, "0.LastName"), ==, "Bulkowska");

  for (guint i = 0; i < 26; i++)
    g_string_append_printf (big, "%s[{\"Attribute\": \"EmailAddress\", \"Value\": \"row%u@example.com\"}]", i ? "," : "", i);
  g_string_append (big, "]");
  too_many = lsq ("POST", "/v2/LeadManagement.svc/Lead/Bulk/CreateOrUpdate", big->str);
  assert_lsq_error (too_many, 500, "MXInvalidInputException");
  {
    g_autoptr (Resp) row0 = lsq ("GET", "/v2/LeadManagement.svc/Leads.GetByEmailaddress?emailaddress=row0@example.com", NULL);

    g_assert_cmpuint (jlen (row0->json, ""), ==, 0);  /* nothing of a refused batch is written */
  }
  not_array = lsq ("POST", "/v2/LeadManagement.svc/Lead/Bulk/CreateOrUpdate", "{\"Leads\": []}");
  g_assert_cmpuint (not_array->status, ==, 400);
}

static void
test_lead_delete (void)
{
  g_autofree char *id = create_lead ("delete.me@example.com", "Del");
  g_autofree char *path = g_strdup_printf ("/v2/LeadManagement.svc/Lead/Delete/ById?leadId=%s", id);
  g_autoptr (Resp) ok = lsq ("GET", path, NULL);
  g_autoptr (Resp) again = lsq ("GET", path, NULL);
  g_autoptr (Resp) gone = get_lead (id);

  g_assert_cmpuint (ok->status, ==, 200);
  g_assert_cmpstr (jstr (ok->json, "Status"), ==, "Success");
  assert_lsq_error (again, 500, "MXInvalidEntityException");
  g_assert_cmpuint (jlen (gone->json, ""), ==, 0);
}

/* ---- Leads.RecentlyModified ---- */

static Resp *
recently_modified (const char *parameter,
                   const char *rest)
{
  g_autofree char *body = g_strdup_printf ("{\"Parameter\": {%s}%s%s}", parameter, rest ? ", " : "", rest ? rest : "");

  return lsq ("POST", "/v2/LeadManagement.svc/Leads.RecentlyModified", body);
}

static const char *
property (JsonNode   *resp,
          guint       lead,
          const char *attribute)
{
  g_autofree char *path = g_strdup_printf ("Leads.%u.LeadPropertyList", lead);
  JsonNode *list = jget (resp, path);

  for (guint i = 0; list != NULL && i < json_array_get_length (json_node_get_array (list)); i++)
    {
      JsonObject *pair = json_array_get_object_element (json_node_get_array (list), i);

      if (g_strcmp0 (json_object_get_string_member (pair, "Attribute"), attribute) == 0)
        return json_object_get_string_member (pair, "Value");
    }
  return NULL;
}

static guint
lead_total (void)
{
  g_autoptr (Resp) r = control ("GET", "/_sandbox/lsq/leads", NULL);

  return jlen (r->json, "records");
}

static void
test_recently_modified_paging (void)
{
  guint total = lead_total ();
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint pages = (total + 6) / 7;
  g_autoptr (Resp) beyond = NULL, zero = NULL, huge = NULL, no_paging = NULL, desc = NULL;
  g_autofree char *beyond_paging = NULL;
  const char *previous = NULL;

  g_assert_cmpuint (total, >, 20);
  for (guint page = 1; page <= pages; page++)
    {
      g_autofree char *paging = g_strdup_printf ("\"Paging\": {\"PageIndex\": %u, \"PageSize\": 7}", page);
      g_autoptr (Resp) r = recently_modified (ALL_TIME, paging);

      g_assert_cmpuint (r->status, ==, 200);
      g_assert_cmpint (jint (r->json, "RecordCount"), ==, total);
      g_assert_cmpuint (jlen (r->json, "Leads"), ==, page < pages ? 7 : total - 7 * (pages - 1));
      for (guint i = 0; i < jlen (r->json, "Leads"); i++)
        {
          const char *modified = property (r->json, i, "ModifiedOn");

          /* Default order: ModifiedOn ascending, across pages too. */
          g_assert_true (matches (FMT_MS, modified));
          if (previous != NULL)
            g_assert_cmpstr (previous, <=, modified);
          g_assert_true (g_hash_table_add (seen, g_strdup (property (r->json, i, "ProspectID"))));
          g_assert_cmpstr (property (r->json, i, "CanUpdate"), ==, "true");
          previous = g_intern_string (modified);
        }
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, total);

  beyond_paging = g_strdup_printf ("\"Paging\": {\"PageIndex\": %u, \"PageSize\": 7}", pages + 1);
  beyond = recently_modified (ALL_TIME, beyond_paging);
  g_assert_cmpuint (beyond->status, ==, 200);
  g_assert_cmpuint (jlen (beyond->json, "Leads"), ==, 0);
  g_assert_cmpint (jint (beyond->json, "RecordCount"), ==, total);
  zero = recently_modified (ALL_TIME, "\"Paging\": {\"PageIndex\": 0, \"PageSize\": 7}");
  assert_lsq_error (zero, 500, "MXInvalidInputException");
  /* More than 5000 is cut to 5000, not refused. */
  huge = recently_modified (ALL_TIME, "\"Paging\": {\"PageIndex\": \"1\", \"PageSize\": \"6000\"}");
  g_assert_cmpuint (huge->status, ==, 200);
  g_assert_cmpuint (jlen (huge->json, "Leads"), ==, total);
  no_paging = recently_modified (ALL_TIME, NULL);
  g_assert_cmpuint (jlen (no_paging->json, "Leads"), ==, MIN (total, 25));

  desc = recently_modified (ALL_TIME, "\"Sorting\": {\"ColumnName\": \"ProspectAutoId\", \"Direction\": \"1\"},"
                                      " \"Columns\": {\"Include_CSV\": \"ProspectID, ProspectAutoId,EmailAddress\"},"
                                      " \"Paging\": {\"PageIndex\": 1, \"PageSize\": 100}");
  g_assert_cmpuint (desc->status, ==, 200);
  g_assert_cmpuint (jlen (desc->json, "Leads.0.LeadPropertyList"), ==, 4);  /* three columns and CanUpdate */
  g_assert_null (property (desc->json, 0, "FirstName"));
  for (guint i = 1; i < jlen (desc->json, "Leads"); i++)
    g_assert_cmpint (g_ascii_strtoll (property (desc->json, i - 1, "ProspectAutoId"), NULL, 10), >,
                     g_ascii_strtoll (property (desc->json, i, "ProspectAutoId"), NULL, 10));
}

static char *
shift (const char *lsq_time,
       int         seconds)
{
  g_autofree char *iso = g_strdup_printf ("%.10sT%.8sZ", lsq_time, lsq_time + 11);
  g_autoptr (GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);
  g_autoptr (GDateTime) moved = g_date_time_add_seconds (dt, seconds);

  return g_date_time_format (moved, "%Y-%m-%d %H:%M:%S");
}

static gboolean
window_has (const char *from,
            const char *to,
            const char *id)
{
  g_autofree char *parameter = g_strdup_printf ("\"FromDate\": \"%s\", \"ToDate\": \"%s\"", from, to);
  g_autoptr (Resp) r = recently_modified (parameter, "\"Paging\": {\"PageIndex\": 1, \"PageSize\": 5000}");

  g_assert_cmpuint (r->status, ==, 200);
  for (guint i = 0; i < jlen (r->json, "Leads"); i++)
    if (g_strcmp0 (property (r->json, i, "ProspectID"), id) == 0)
      return TRUE;
  return FALSE;
}

static void
test_recently_modified_window (void)
{
  g_autofree char *id = NULL;
  g_autoptr (Resp) lead = NULL, missing = NULL, bad_date = NULL, wcf = NULL;
  g_autofree char *at = NULL, *before = NULL, *after = NULL, *with_ms = NULL, *wcf_param = NULL;
  g_autoptr (GDateTime) dt = NULL;
  g_autofree char *iso = NULL;

  /* A day ahead, so that nothing else was modified in the same second. */
  advance_clock (24 * 3600 * 1000);
  id = create_lead ("window@example.com", "Wendy");
  lead = get_lead (id);
  at = g_strndup (jstr (lead->json, "0.ModifiedOn"), 19);
  before = shift (at, -1);
  after = shift (at, 1);

  /* Both ends are inclusive, to the second. */
  g_assert_true (window_has (at, at, id));
  g_assert_true (window_has (before, at, id));
  g_assert_false (window_has (before, before, id));
  g_assert_false (window_has (after, after, id));

  /* The three date shapes the API uses are all read. */
  with_ms = g_strdup_printf ("%s.000", at);
  g_assert_true (window_has (with_ms, with_ms, id));
  iso = g_strdup_printf ("%.10sT%.8sZ", at, at + 11);
  dt = g_date_time_new_from_iso8601 (iso, NULL);
  wcf_param = g_strdup_printf ("/Date(%" G_GINT64_FORMAT "+0000)/", g_date_time_to_unix (dt) * 1000);
  g_assert_true (window_has (wcf_param, at, id));
  g_assert_true (window_has (before, "2100-01-01", id));

  missing = recently_modified ("\"FromDate\": \"2020-01-01 00:00:00\"", NULL);
  assert_lsq_error (missing, 500, "MXMandatoryAttributeMissingException");
  bad_date = recently_modified ("\"FromDate\": \"2020-01-01T00:00:00Z\", \"ToDate\": \"2100-01-01 00:00:00\"", NULL);
  assert_lsq_error (bad_date, 500, "MXInvalidInputException");
  wcf = recently_modified ("\"FromDate\": \"01/02/2020\", \"ToDate\": \"2100-01-01 00:00:00\"", NULL);
  assert_lsq_error (wcf, 500, "MXInvalidInputException");
}

/* ---- metadata ---- */

static void
test_metadata (void)
{
  g_autoptr (Resp) all = lsq ("GET", "/v2/LeadManagement.svc/LeadsMetaData.Get", NULL);
  g_autoptr (Resp) one = lsq ("GET", "/v2/LeadManagement.svc/LeadsMetaData.Get?schemaName=mx_Treatment", NULL);
  g_autoptr (Resp) bare = lsq ("GET", "/v2/LeadManagement.svc/LeadsMetaData.Get?schemaName=mx_Treatment&excludeOptionSets=1", NULL);
  g_autoptr (GHashTable) custom_types = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean email_unique = FALSE;

  g_assert_cmpuint (all->status, ==, 200);
  for (guint i = 0; i < jlen (all->json, ""); i++)
    {
      g_autofree char *schema = g_strdup_printf ("%u.SchemaName", i);
      g_autofree char *type = g_strdup_printf ("%u.DataType", i);
      g_autofree char *created = g_strdup_printf ("%u.CreatedOn", i);
      g_autofree char *unique = g_strdup_printf ("%u.IsLeadIdentifier", i);

      g_assert_true (matches (FMT_WCF, jstr (all->json, created)));
      if (g_str_has_prefix (jstr (all->json, schema), "mx_"))
        g_hash_table_add (custom_types, (gpointer) jstr (all->json, type));
      if (g_strcmp0 (jstr (all->json, schema), "EmailAddress") == 0)
        email_unique = jint (all->json, unique);
    }
  g_assert_true (email_unique);
  g_assert_true (g_hash_table_contains (custom_types, "String"));
  g_assert_true (g_hash_table_contains (custom_types, "Number"));
  g_assert_true (g_hash_table_contains (custom_types, "Date"));
  g_assert_true (g_hash_table_contains (custom_types, "Time"));
  g_assert_true (g_hash_table_contains (custom_types, "Select"));
  g_assert_true (g_hash_table_contains (custom_types, "Boolean"));
  g_assert_true (g_hash_table_contains (custom_types, "Email"));
  g_assert_cmpuint (jlen (one->json, ""), ==, 1);
  g_assert_cmpstr (jstr (one->json, "0.Options.1.Value"), ==, "Implants");
  g_assert_null (jget (one->json, "0._ReadOnly"));
  g_assert_cmpuint (jlen (bare->json, ""), ==, 1);
  g_assert_null (jget (bare->json, "0.Options"));
}

/* ---- notes ---- */

static void
test_notes (void)
{
  g_autofree char *id = create_lead ("notes@example.com", "Nora");
  g_autofree char *body = g_strdup_printf ("{\"RelatedProspectId\": \"%s\", \"Note\": \"Première visite — très bien\"}", id);
  g_autofree char *retrieve = g_strdup_printf ("{\"Parameter\": {\"RelatedId\": \"%s\"}, \"Paging\": {\"PageIndex\": 1, \"PageSize\": 200},"
                                               " \"Sorting\": {\"ColumnName\": \"CreatedOn\", \"Direction\": 1}}", id);
  g_autoptr (Resp) created = lsq ("POST", "/v2/LeadManagement.svc/CreateNote", body);
  g_autoptr (Resp) second = NULL, list = NULL, updated = NULL, after = NULL, wrong_lead = NULL;
  g_autoptr (Resp) no_lead = NULL, empty = NULL, unknown_lead = NULL, no_related = NULL;
  g_autofree char *update = NULL, *wrong = NULL, *unknown = NULL;
  const char *note_id;

  g_assert_cmpuint (created->status, ==, 200);
  note_id = jstr (created->json, "Message.Id");
  g_assert_nonnull (note_id);
  advance_clock (2000);
  second = lsq ("POST", "/v2/LeadManagement.svc/CreateNote", body);
  g_assert_cmpuint (second->status, ==, 200);
  list = lsq ("POST", "/v2/LeadManagement.svc/RetrieveNote", retrieve);
  g_assert_cmpuint (list->status, ==, 200);
  g_assert_cmpint (jint (list->json, "RecordCount"), ==, 2);
  /* Direction 1: newest first; note times have no fraction. */
  g_assert_cmpstr (jstr (list->json, "List.0.ProspectNoteId"), ==, jstr (second->json, "Message.Id"));
  g_assert_cmpstr (jstr (list->json, "List.1.Note"), ==, "Première visite — très bien");
  g_assert_true (matches (FMT_PLAIN, jstr (list->json, "List.1.CreatedOn")));
  g_assert_cmpstr (jstr (list->json, "List.1.CreatedByName"), ==, "Maya Chen");

  update = g_strdup_printf ("{\"RelatedProspectId\": \"%s\", \"ProspectNoteId\": \"%s\", \"Note\": \"Updated\"}", id, note_id);
  updated = lsq ("POST", "/v2/LeadManagement.svc/UpdateNote", update);
  g_assert_cmpuint (updated->status, ==, 200);
  g_assert_cmpstr (jstr (updated->json, "Status"), ==, "Success");
  after = lsq ("POST", "/v2/LeadManagement.svc/RetrieveNote", retrieve);
  g_assert_cmpstr (jstr (after->json, "List.1.Note"), ==, "Updated");
  wrong = g_strdup_printf ("{\"RelatedProspectId\": \"00000000-0000-4000-8000-000000000000\", \"ProspectNoteId\": \"%s\", \"Note\": \"x\"}", note_id);
  wrong_lead = lsq ("POST", "/v2/LeadManagement.svc/UpdateNote", wrong);
  assert_lsq_error (wrong_lead, 500, "MXInvalidEntityException");

  no_lead = lsq ("POST", "/v2/LeadManagement.svc/CreateNote", "{\"Note\": \"orphan\"}");
  assert_lsq_error (no_lead, 500, "MXMandatoryAttributeMissingException");
  g_free (body);
  body = g_strdup_printf ("{\"RelatedProspectId\": \"%s\", \"Note\": \"\"}", id);
  empty = lsq ("POST", "/v2/LeadManagement.svc/CreateNote", body);
  assert_lsq_error (empty, 500, "MXMandatoryAttributeMissingException");
  unknown = g_strdup ("{\"RelatedProspectId\": \"00000000-0000-4000-8000-000000000000\", \"Note\": \"x\"}");
  unknown_lead = lsq ("POST", "/v2/LeadManagement.svc/CreateNote", unknown);
  assert_lsq_error (unknown_lead, 500, "MXInvalidEntityException");
  no_related = lsq ("POST", "/v2/LeadManagement.svc/RetrieveNote", "{\"Parameter\": {}}");
  assert_lsq_error (no_related, 500, "MXMandatoryAttributeMissingException");
}

/* ---- tasks ---- */

static void
test_tasks (void)
{
  g_autofree char *lead = create_lead ("tasks@example.com", "Tasha");
  g_autofree char *todo_body = g_strdup_printf (
    "{\"Name\": \"Call back\", \"Description\": \"About the quote\", \"RelatedEntity\": 1, \"RelatedEntityId\": \"%s\","
    " \"DueDate\": \"2030-01-10 10:30:00\", \"Reminder\": 30, \"NotifyBy\": \"1100\","
    " \"OwnerEmailAddress\": \"sofia.rossi@sandbox.example.com\", \"TaskType\": {\"Name\": \"Follow Up\"}}", lead);
  g_autofree char *meeting_body = g_strdup_printf (
    "{\"Name\": \"First consultation\", \"RelatedEntityId\": \"%s\", \"DueDate\": \"2030-01-11 09:00:00\","
    " \"EndDate\": \"2030-01-11 09:45:00\", \"Location\": \"Room 2\", \"TaskType\": {\"Name\": \"Meeting\"}}", lead);
  g_autoptr (Resp) types = lsq ("GET", "/v2/Task.svc/RetrieveTaskType", NULL);
  g_autoptr (Resp) appointment_types = lsq ("GET", "/v2/Task.svc/RetrieveTaskType?ColumnName=Category&ColumnValue=0", NULL);
  g_autoptr (Resp) todo = lsq ("POST", "/v2/Task.svc/Create", todo_body);
  g_autoptr (Resp) meeting = lsq ("POST", "/v2/Task.svc/Create", meeting_body);
  g_autoptr (Resp) got = NULL, update = NULL, after = NULL, done = NULL, completed = NULL, by_lead = NULL;
  g_autoptr (Resp) bad_type = NULL, bad_lead = NULL, no_name = NULL, none = NULL, unknown = NULL, bad_update = NULL;
  g_autofree char *todo_id = NULL, *path = NULL, *update_body = NULL, *lead_path = NULL;
  guint completed_seen = 0, pending_seen = 0;

  g_assert_cmpuint (jlen (types->json, ""), ==, 5);
  g_assert_cmpuint (jlen (appointment_types->json, ""), ==, 2);
  g_assert_cmpuint (todo->status, ==, 200);
  g_assert_cmpuint (meeting->status, ==, 200);
  todo_id = g_strdup (jstr (todo->json, "Message.Id"));

  path = g_strdup_printf ("/v2/Task.svc/Retrieve.GetById?id=%s", todo_id);
  got = lsq ("GET", path, NULL);
  g_assert_cmpuint (jlen (got->json, ""), ==, 1);
  g_assert_cmpint (jint (got->json, "0.Category"), ==, 1);
  g_assert_cmpint (jint (got->json, "0.StatusCode"), ==, 0);
  g_assert_cmpstr (jstr (got->json, "0.DueDate"), ==, "2030-01-10 10:30:00.000");
  g_assert_cmpstr (jstr (got->json, "0.CompletedOn"), ==, "0001-01-01 00:00:00.000");
  g_assert_cmpstr (jstr (got->json, "0.OwnerName"), ==, "Sofia Rossi");
  g_assert_cmpstr (jstr (got->json, "0.RelatedEntityIdName"), ==, "Tasha");
  g_assert_cmpstr (jstr (got->json, "0.TaskType.Name"), ==, "Follow Up");
  {
    g_autofree char *p = g_strdup_printf ("/v2/Task.svc/Retrieve.GetById?id=%s", jstr (meeting->json, "Message.Id"));
    g_autoptr (Resp) m = lsq ("GET", p, NULL);

    g_assert_cmpint (jint (m->json, "0.Category"), ==, 0);
    g_assert_cmpstr (jstr (m->json, "0.EndDate"), ==, "2030-01-11 09:45:00.000");
  }

  /* Update changes fields but never completes. */
  update_body = g_strdup_printf ("{\"UserTaskId\": \"%s\", \"Name\": \"Call back (2nd try)\", \"StatusCode\": 1}", todo_id);
  update = lsq ("POST", "/v2/Task.svc/Update", update_body);
  g_assert_cmpuint (update->status, ==, 200);
  g_assert_cmpint (jint (update->json, "Message.AffectedRows"), ==, 1);
  g_assert_cmpint (jint (update->json, "Message.AutoId"), >, 0);
  after = lsq ("GET", path, NULL);
  g_assert_cmpstr (jstr (after->json, "0.Name"), ==, "Call back (2nd try)");
  g_assert_cmpint (jint (after->json, "0.StatusCode"), ==, 0);
  g_assert_cmpstr (jstr (after->json, "0.Description"), ==, "About the quote");

  g_free (path);
  path = g_strdup_printf ("/v2/Task.svc/MarkComplete?id=%s", todo_id);
  done = lsq ("GET", path, NULL);
  g_assert_cmpuint (done->status, ==, 200);
  g_free (path);
  path = g_strdup_printf ("/v2/Task.svc/Retrieve.GetById?id=%s", todo_id);
  completed = lsq ("GET", path, NULL);
  g_assert_cmpint (jint (completed->json, "0.StatusCode"), ==, 1);
  g_assert_cmpstr (jstr (completed->json, "0.CompletedOn"), !=, "0001-01-01 00:00:00.000");

  lead_path = g_strdup_printf ("/v2/LeadManagement.svc/RetrieveTaskByLeadId?leadId=%s", lead);
  by_lead = lsq ("GET", lead_path, NULL);
  g_assert_cmpint (jint (by_lead->json, "RecordCount"), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *status = g_strdup_printf ("TaskList.%u.Status", i);
      g_autofree char *task_id = g_strdup_printf ("TaskList.%u.TaskID", i);

      g_assert_nonnull (jstr (by_lead->json, task_id));
      completed_seen += g_strcmp0 (jstr (by_lead->json, status), "Completed") == 0;
      pending_seen += g_strcmp0 (jstr (by_lead->json, status), "Pending") == 0;
    }
  g_assert_cmpuint (completed_seen, ==, 1);
  g_assert_cmpuint (pending_seen, ==, 1);

  bad_type = lsq ("POST", "/v2/Task.svc/Create", "{\"Name\": \"x\", \"TaskType\": {\"Name\": \"Party\"}}");
  assert_lsq_error (bad_type, 500, "MXInvalidInputException");
  bad_lead = lsq ("POST", "/v2/Task.svc/Create",
                  "{\"Name\": \"x\", \"RelatedEntityId\": \"00000000-0000-4000-8000-000000000000\", \"TaskType\": {\"Name\": \"Meeting\"}}");
  assert_lsq_error (bad_lead, 500, "MXInvalidEntityException");
  no_name = lsq ("POST", "/v2/Task.svc/Create", "{\"TaskType\": {\"Name\": \"Meeting\"}}");
  assert_lsq_error (no_name, 500, "MXMandatoryAttributeMissingException");
  none = lsq ("GET", "/v2/Task.svc/Retrieve.GetById?id=nothing", NULL);
  g_assert_cmpuint (jlen (none->json, ""), ==, 0);
  unknown = lsq ("GET", "/v2/Task.svc/MarkComplete?id=nothing", NULL);
  assert_lsq_error (unknown, 500, "MXInvalidEntityException");
  g_free (update_body);
  update_body = g_strdup_printf ("{\"UserTaskId\": \"%s\", \"DueDate\": \"next tuesday\"}", todo_id);
  bad_update = lsq ("POST", "/v2/Task.svc/Update", update_body);
  assert_lsq_error (bad_update, 500, "MXInvalidInputException");
}

/* ---- limits, errors, control routes ---- */

static void
set_rate (const char *rate_class,
          guint       max)
{
  g_autofree char *body = g_strdup_printf ("{\"class\": \"%s\", \"max\": %u, \"intervalMs\": 5000}", rate_class, max);
  g_autoptr (Resp) r = control ("POST", "/_sandbox/rates", body);

  g_assert_cmpuint (r->status, ==, 200);
}

static void
test_rate_limits (void)
{
  const char *bulk_body = "[[{\"Attribute\": \"EmailAddress\", \"Value\": \"rate.bulk@example.com\"}]]";

  /* The documented defaults: 10 calls and 5 bulk calls in 5 seconds. */
  set_rate ("default", LIAISON_SANDBOX_LSQ_RATE_MAX);
  set_rate ("bulk", LIAISON_SANDBOX_LSQ_BULK_RATE_MAX);
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr (Resp) r = lsq ("GET", "/v2/UserManagement.svc/Users.Get", NULL);

      g_assert_cmpuint (r->status, ==, 200);
    }
  {
    g_autoptr (Resp) limited = lsq ("GET", "/v2/UserManagement.svc/Users.Get", NULL);

    assert_lsq_error (limited, 429, "MXAPIRateLimitExceededException");
    g_assert_cmpstr (jstr (limited->json, "ExceptionMessage"), ==, "API calls exceeded the limit of 10 in 5 second(s)");
  }
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr (Resp) r = lsq ("POST", "/v2/LeadManagement.svc/Lead/Bulk/CreateOrUpdate", bulk_body);

      g_assert_cmpuint (r->status, ==, 200);
    }
  {
    g_autoptr (Resp) limited = lsq ("POST", "/v2/LeadManagement.svc/Lead/Bulk/CreateOrUpdate", bulk_body);

    assert_lsq_error (limited, 429, "MXAPIRateLimitExceededException");
    g_assert_cmpstr (jstr (limited->json, "ExceptionMessage"), ==, "API calls exceeded the limit of 5 in 5 second(s)");
  }
  /* The bucket refills with the (sandbox) clock. */
  advance_clock (5000);
  {
    g_autoptr (Resp) r = lsq ("GET", "/v2/UserManagement.svc/Users.Get", NULL);

    g_assert_cmpuint (r->status, ==, 200);
  }
  lift_limits ();
}

static void
test_errors (void)
{
  g_autoptr (Resp) unknown = lsq ("GET", "/v2/LeadManagement.svc/Leads.GetEverything", NULL);
  g_autoptr (Resp) wrong_method = lsq ("GET", "/v2/LeadManagement.svc/Lead.Create", NULL);
  g_autoptr (Resp) not_object = lsq ("POST", "/v2/Task.svc/Create", "[]");
  g_autoptr (Resp) empty = request ("POST", "/v2/LeadManagement.svc/Lead.Create", KEYS_HEADERS, "application/json", "");

  /* WCF answers unknown operations with an HTML page. */
  g_assert_cmpuint (unknown->status, ==, 404);
  g_assert_null (unknown->json);
  g_assert_nonnull (strstr (unknown->text, "Endpoint not found"));
  g_assert_cmpuint (wrong_method->status, ==, 404);
  assert_lsq_error (not_object, 400, "MXInvalidRequestException");
  g_assert_cmpuint (empty->status, ==, 400);
}

static void
test_control (void)
{
  g_autoptr (Resp) created = NULL, edited = NULL, lead = NULL, bad = NULL, task = NULL, note = NULL;
  g_autoptr (Resp) deleted = NULL, tasks_gone = NULL, missing = NULL, unknown = NULL, listed = NULL;
  g_autofree char *id = NULL, *path = NULL, *body = NULL, *modified = NULL, *lead_path = NULL;

  created = control ("POST", "/_sandbox/lsq/leads", "{\"FirstName\": \"Web\", \"EmailAddress\": \"web.ui@example.com\"}");
  g_assert_cmpuint (created->status, ==, 201);
  id = g_strdup (jstr (created->json, "record.ProspectID"));
  g_assert_cmpstr (jstr (created->json, "record.Origin"), ==, "Quick Add Form");
  modified = g_strdup (jstr (created->json, "record.ModifiedOn"));
  lead = get_lead (id);
  g_assert_cmpstr (jstr (lead->json, "0.FirstName"), ==, "Web");

  advance_clock (5000);
  path = g_strdup_printf ("/_sandbox/lsq/leads/%s", id);
  edited = control ("PATCH", path, "{\"LastName\": \"Édith\", \"mx_City\": \"Zürich\"}");
  g_assert_cmpuint (edited->status, ==, 200);
  g_assert_cmpstr (jstr (edited->json, "record.LastName"), ==, "Édith");
  g_assert_cmpstr (jstr (edited->json, "record.ModifiedOn"), >, modified);
  bad = control ("PATCH", path, "{\"EmailAddress\": \"nope\"}");
  g_assert_cmpuint (bad->status, ==, 422);
  g_assert_nonnull (jstr (bad->json, "error"));

  body = g_strdup_printf ("{\"Name\": \"Ring back\", \"RelatedEntityId\": \"%s\", \"TaskType\": {\"Name\": \"Call Back\"}}", id);
  task = control ("POST", "/_sandbox/lsq/tasks", body);
  g_assert_cmpuint (task->status, ==, 201);
  g_free (body);
  body = g_strdup_printf ("{\"RelatedProspectId\": \"%s\", \"Note\": \"typed in the web UI\"}", id);
  note = control ("POST", "/_sandbox/lsq/notes", body);
  g_assert_cmpuint (note->status, ==, 201);
  listed = control ("GET", "/_sandbox/lsq/notes", NULL);
  g_assert_cmpuint (jlen (listed->json, "records"), >, 0);

  /* Deleting a lead takes its tasks and notes with it. */
  deleted = control ("DELETE", path, NULL);
  g_assert_cmpuint (deleted->status, ==, 200);
  lead_path = g_strdup_printf ("/v2/LeadManagement.svc/RetrieveTaskByLeadId?leadId=%s", id);
  tasks_gone = lsq ("GET", lead_path, NULL);
  assert_lsq_error (tasks_gone, 500, "MXInvalidEntityException");
  {
    g_autofree char *task_path = g_strdup_printf ("/_sandbox/lsq/tasks/%s", jstr (task->json, "record.UserTaskId"));
    g_autoptr (Resp) t = control ("GET", task_path, NULL);

    g_assert_cmpuint (t->status, ==, 404);
  }
  missing = control ("DELETE", path, NULL);
  g_assert_cmpuint (missing->status, ==, 404);
  unknown = control ("GET", "/_sandbox/lsq/opportunities", NULL);
  g_assert_cmpuint (unknown->status, ==, 404);
}

static void
test_reset (void)
{
  g_autofree char *id = create_lead ("before.reset@example.com", "Rita");
  guint seeded;
  g_autoptr (Resp) reset = NULL, gone = NULL;

  reset = control ("POST", "/_sandbox/reset", NULL);
  g_assert_cmpuint (reset->status, ==, 200);
  lift_limits ();
  gone = get_lead (id);
  g_assert_cmpuint (jlen (gone->json, ""), ==, 0);
  seeded = lead_total ();
  {
    g_autoptr (Resp) again = control ("POST", "/_sandbox/reset", NULL);

    g_assert_cmpuint (again->status, ==, 200);
  }
  lift_limits ();
  g_assert_cmpuint (lead_total (), ==, seeded);
}

/* ---- seed and state ---- */

#define ANCHOR G_GINT64_CONSTANT (1767225600000)

static char *
to_text (JsonNode *node)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

static LiaisonSandboxLsq *
make_lsq (guint64 seed,
          guint   count)
{
  g_autoptr (LiaisonSandboxClock) clock = liaison_sandbox_clock_new ();
  g_autoptr (LiaisonSandboxServer) server = liaison_sandbox_server_new ("lsq", clock, seed);
  g_autoptr (GPtrArray) people = liaison_sandbox_people_generate (seed, count);

  return liaison_sandbox_lsq_new (server, seed, people, ANCHOR);
}

static void
test_seed_determinism (void)
{
  g_autoptr (LiaisonSandboxLsq) a = make_lsq (7, 80);
  g_autoptr (LiaisonSandboxLsq) b = make_lsq (7, 80);
  g_autoptr (LiaisonSandboxLsq) c = make_lsq (8, 80);
  g_autoptr (JsonNode) ja = liaison_sandbox_lsq_to_json (a);
  g_autoptr (JsonNode) jb = liaison_sandbox_lsq_to_json (b);
  g_autoptr (JsonNode) jc = liaison_sandbox_lsq_to_json (c);
  g_autofree char *ta = to_text (ja);
  g_autofree char *tb = to_text (jb);
  g_autofree char *tc = to_text (jc);
  g_autoptr (GPtrArray) people = liaison_sandbox_people_generate (7, 80);
  guint in_lsq = 0;

  g_assert_cmpstr (ta, ==, tb);
  g_assert_cmpstr (ta, !=, tc);
  g_assert_cmpstr (liaison_sandbox_lsq_get_access_key (a), ==, liaison_sandbox_lsq_get_access_key (b));
  g_assert_cmpstr (liaison_sandbox_lsq_get_access_key (a), !=, liaison_sandbox_lsq_get_access_key (c));
  g_assert_true (g_str_has_prefix (liaison_sandbox_lsq_get_access_key (a), "u$r"));
  for (guint i = 0; i < people->len; i++)
    in_lsq += ((LiaisonSandboxPerson *) g_ptr_array_index (people, i))->in_lsq;
  g_assert_cmpuint (liaison_sandbox_lsq_get_lead_count (a), ==, in_lsq);
  g_assert_cmpuint (in_lsq, >, 0);
  g_assert_cmpuint (in_lsq, <, 80);

  /* Reseeding gives the same data set again. */
  liaison_sandbox_lsq_reseed (a, people, ANCHOR);
  {
    g_autoptr (JsonNode) again = liaison_sandbox_lsq_to_json (a);
    g_autofree char *text = to_text (again);

    g_assert_cmpstr (text, ==, tb);
  }
}

static void
test_state_round_trip (void)
{
  g_autoptr (LiaisonSandboxLsq) a = make_lsq (11, 30);
  g_autoptr (LiaisonSandboxLsq) b = make_lsq (12, 10);
  g_autoptr (JsonNode) saved = liaison_sandbox_lsq_to_json (a);
  g_autofree char *text = to_text (saved);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) garbage = json_from_string ("{\"users\": 3}", NULL);
  g_autofree char *key_before = NULL;

  g_assert_true (liaison_sandbox_lsq_from_json (b, saved, &error));
  g_assert_no_error (error);
  {
    g_autoptr (JsonNode) loaded = liaison_sandbox_lsq_to_json (b);
    g_autofree char *loaded_text = to_text (loaded);

    g_assert_cmpstr (loaded_text, ==, text);
  }
  g_assert_cmpstr (liaison_sandbox_lsq_get_access_key (b), ==, liaison_sandbox_lsq_get_access_key (a));
  key_before = g_strdup (liaison_sandbox_lsq_get_access_key (b));
  g_assert_false (liaison_sandbox_lsq_from_json (b, garbage, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (liaison_sandbox_lsq_get_access_key (b), ==, key_before);
}

/* Through the whole sandbox: a change survives a restart with the same state file. */
static void
test_state_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lsq-state-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "state.json", NULL);
  LiaisonSandbox *main_sb = sb;
  g_autofree char *id = NULL;
  g_autofree char *access = NULL;

  sb = sandbox_start (99, 20, file);
  lift_limits ();
  id = create_lead ("survivor@example.com", "Sura");
  access = g_strdup (liaison_sandbox_get_lsq_access_key (sb));
  liaison_sandbox_stop (sb);
  g_object_unref (sb);
  g_assert_true (g_file_test (file, G_FILE_TEST_EXISTS));

  sb = sandbox_start (99, 20, file);
  lift_limits ();
  g_assert_cmpstr (liaison_sandbox_get_lsq_access_key (sb), ==, access);
  {
    g_autoptr (Resp) lead = get_lead (id);

    g_assert_cmpuint (jlen (lead->json, ""), ==, 1);
    g_assert_cmpstr (jstr (lead->json, "0.FirstName"), ==, "Sura");
  }
  liaison_sandbox_stop (sb);
  g_object_unref (sb);
  sb = main_sb;
  g_unlink (file);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  sb = sandbox_start (42, 60, NULL);
  lift_limits ();

  g_test_add_func ("/sandbox/lsq/auth", test_auth);
  g_test_add_func ("/sandbox/lsq/users", test_users);
  g_test_add_func ("/sandbox/lsq/lead-reads", test_lead_reads);
  g_test_add_func ("/sandbox/lsq/lead-create", test_lead_create);
  g_test_add_func ("/sandbox/lsq/lead-update", test_lead_update);
  g_test_add_func ("/sandbox/lsq/lead-create-or-update", test_lead_create_or_update);
  g_test_add_func ("/sandbox/lsq/lead-capture", test_lead_capture);
  g_test_add_func ("/sandbox/lsq/lead-bulk", test_lead_bulk);
  g_test_add_func ("/sandbox/lsq/lead-delete", test_lead_delete);
  g_test_add_func ("/sandbox/lsq/recently-modified-paging", test_recently_modified_paging);
  g_test_add_func ("/sandbox/lsq/recently-modified-window", test_recently_modified_window);
  g_test_add_func ("/sandbox/lsq/metadata", test_metadata);
  g_test_add_func ("/sandbox/lsq/notes", test_notes);
  g_test_add_func ("/sandbox/lsq/tasks", test_tasks);
  g_test_add_func ("/sandbox/lsq/rate-limits", test_rate_limits);
  g_test_add_func ("/sandbox/lsq/errors", test_errors);
  g_test_add_func ("/sandbox/lsq/control", test_control);
  g_test_add_func ("/sandbox/lsq/reset", test_reset);
  g_test_add_func ("/sandbox/lsq/seed-determinism", test_seed_determinism);
  g_test_add_func ("/sandbox/lsq/state-round-trip", test_state_round_trip);
  g_test_add_func ("/sandbox/lsq/state-file", test_state_file);

  status = g_test_run ();
  liaison_sandbox_stop (sb);
  g_object_unref (sb);
  return status;
}
