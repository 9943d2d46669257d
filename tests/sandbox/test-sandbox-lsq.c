/* test-sandbox-lsq.c: the simulated LeadSquared API v2, in-process on its own
 * thread, through raw libsoup requests: keys and users, lead reads and writes
 * with their error cases, RecentlyModified paging and windows, the date formats,
 * lead metadata.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lsq-test-client.h"

/* ---- authentication and users ---- */

static void
test_auth (void)
{
  g_autoptr (Resp) ok = lsq ("GET", "/v2/Authentication.svc/UserByAccessKey.Get", NULL);
  g_autoptr (Resp) query
      = request ("GET", "/v2/Authentication.svc/UserByAccessKey.Get", KEYS_QUERY, NULL, NULL);
  g_autoptr (Resp) none
      = request ("GET", "/v2/Authentication.svc/UserByAccessKey.Get", KEYS_NONE, NULL, NULL);
  g_autoptr (Resp) wrong
      = request ("GET", "/v2/LeadManagement.svc/LeadsMetaData.Get", KEYS_WRONG, NULL, NULL);
  g_autoptr (Resp) deactivate = NULL, refused = NULL, reactivate = NULL, again = NULL;
  g_autofree char *host = g_strdup (liaison_sandbox_get_lsq_url (sb) + strlen ("http://"));
  g_autofree char *path = NULL;

  g_assert_cmpuint (ok->status, ==, 200);
  g_assert_cmpstr (jstr (ok->json, "Role"), ==, "Administrator");
  g_assert_true (matches ("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
                          jstr (ok->json, "Id")));
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
  path = g_strdup_printf ("/v2/UserManagement.svc/User/Retrieve/ByUserId?userId=%s",
                          jstr (all->json, "1.ID"));
  by_id = lsq ("GET", path, NULL);
  g_assert_cmpuint (by_id->status, ==, 200);
  g_assert_cmpstr (jstr (by_id->json, "EmailAddress"), ==, jstr (all->json, "1.EmailAddress"));
  by_email = lsq ("GET",
                  "/v2/UserManagement.svc/User/Retrieve/"
                  "ByEmailAddress?emailAddress=RAHUL.IYER@sandbox.example.com",
                  NULL);
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
  g_autofree char *email_path
      = g_strdup_printf ("/v2/LeadManagement.svc/Leads.GetByEmailaddress?emailaddress=%s", upper);
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
    g_autoptr (Resp) u
        = lsq ("POST", p, "[{\"Attribute\": \"Mobile\", \"Value\": \"+91-98765-43210\"}]");

    g_assert_cmpuint (u->status, ==, 200);
  }
  by_phone
      = lsq ("GET", "/v2/LeadManagement.svc/RetrieveLeadByPhoneNumber?phone=919876543210", NULL);
  g_assert_cmpuint (by_phone->status, ==, 200);
  g_assert_cmpuint (jlen (by_phone->json, ""), ==, 1);
  g_assert_cmpstr (jstr (by_phone->json, "0.ProspectID"), ==, phone_id);
  dashed = lsq ("GET", "/v2/LeadManagement.svc/RetrieveLeadByPhoneNumber?phone=98765-43210", NULL);
  g_assert_cmpuint (jlen (dashed->json, ""), ==, 0);
  no_match
      = lsq ("GET", "/v2/LeadManagement.svc/RetrieveLeadByPhoneNumber?phone=15550000000", NULL);
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
  const char *typed_body
      = "[{\"Attribute\": \"EmailAddress\", \"Value\": \"typed.fields@example.com\"},"
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
  no_unique = lsq ("POST", "/v2/LeadManagement.svc/Lead.Create",
                   "[{\"Attribute\": \"FirstName\", \"Value\": \"Anon\"}]");
  assert_lsq_error (no_unique, 500, "MXMandatoryAttributeMissingException");
  unknown_attr = lsq ("POST", "/v2/LeadManagement.svc/Lead.Create",
                      "[{\"Attribute\": \"EmailAddress\", \"Value\": \"u@example.com\"}, "
                      "{\"Attribute\": \"mx_city\", \"Value\": \"x\"}]");
  assert_lsq_error (unknown_attr, 500, "MXInvalidInputException");
  number = lsq ("POST", "/v2/LeadManagement.svc/Lead.Create",
                "[{\"Attribute\": \"EmailAddress\", \"Value\": \"n@example.com\"}, {\"Attribute\": "
                "\"Score\", \"Value\": 5}]");
  g_assert_cmpuint (number->status, ==, 400);
  bad_email = lsq ("POST", "/v2/LeadManagement.svc/Lead.Create",
                   "[{\"Attribute\": \"EmailAddress\", \"Value\": \"not-an-email\"}]");
  assert_lsq_error (bad_email, 500, "MXInvalidInputException");
  bad_option = lsq ("POST", "/v2/LeadManagement.svc/Lead.Create",
                    "[{\"Attribute\": \"EmailAddress\", \"Value\": \"o@example.com\"}, "
                    "{\"Attribute\": \"mx_Treatment\", \"Value\": \"Surgery\"}]");
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
  ok = lsq ("POST", path,
            "[{\"Attribute\": \"LastName\", \"Value\": \"Ødegård\"}, {\"Attribute\": \"OwnerId\", "
            "\"Value\": \"rahul.iyer@sandbox.example.com\"}]");
  g_assert_cmpuint (ok->status, ==, 200);
  g_assert_cmpstr (jstr (ok->json, "Status"), ==, "Success");
  g_assert_cmpint (jint (ok->json, "Message.AffectedRows"), ==, 1);
  after = get_lead (id);
  g_assert_cmpstr (jstr (after->json, "0.LastName"), ==, "Ødegård");
  g_assert_cmpstr (jstr (after->json, "0.FirstName"), ==, "Ulla");
  g_assert_cmpstr (jstr (after->json, "0.OwnerIdName"), ==, "Rahul Iyer");
  g_assert_cmpstr (jstr (after->json, "0.CreatedOn"), ==, before_modified);
  g_assert_cmpstr (jstr (after->json, "0.ModifiedOn"), >, before_modified);
  g_assert_cmpstr (jstr (after->json, "0.ModifiedOn"), ==,
                   jstr (after->json, "0.LeadLastModifiedOn"));

  missing = lsq ("POST", "/v2/LeadManagement.svc/Lead.Update", "[]");
  assert_lsq_error (missing, 500, "MXMandatoryAttributeMissingException");
  g_assert_cmpstr (jstr (missing->json, "ExceptionMessage"), ==,
                   "'leadId' is mandatory for updating lead");
  unknown = lsq ("POST",
                 "/v2/LeadManagement.svc/Lead.Update?leadId=00000000-0000-4000-8000-000000000000",
                 "[{\"Attribute\": \"FirstName\", \"Value\": \"X\"}]");
  assert_lsq_error (unknown, 500, "MXInvalidEntityException");
  g_assert_cmpstr (jstr (unknown->json, "ExceptionMessage"), ==,
                   "Lead does not exist in the system");
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
  g_autoptr (Resp) by_email = NULL, created = NULL, bad = NULL, missing_value = NULL,
                   by_phone = NULL, lead = NULL;

  by_email = lsq ("POST", "/v2/LeadManagement.svc/Lead.CreateOrUpdate?postUpdatedLead=false",
                  "[{\"Attribute\": \"EmailAddress\", \"Value\": \"Upsert.Target@example.com\"},"
                  " {\"Attribute\": \"Phone\", \"Value\": \"+44 20 7946 0000\"},"
                  " {\"Attribute\": \"SearchBy\", \"Value\": \"EmailAddress\"}]");
  g_assert_cmpuint (by_email->status, ==, 200);
  g_assert_cmpstr (jstr (by_email->json, "Message.Id"), ==, id);
  g_assert_cmpint (jint (by_email->json, "Message.AffectedRows"), ==, 1);

  /* Without SearchBy: email first, then phone. */
  by_phone = lsq ("POST", "/v2/LeadManagement.svc/Lead.CreateOrUpdate",
                  "[{\"Attribute\": \"Phone\", \"Value\": \"+442079460000\"}, {\"Attribute\": "
                  "\"JobTitle\", \"Value\": \"Dentist\"}]");
  g_assert_cmpuint (by_phone->status, ==, 200);
  g_assert_cmpstr (jstr (by_phone->json, "Message.Id"), ==, id);
  lead = get_lead (id);
  g_assert_cmpstr (jstr (lead->json, "0.JobTitle"), ==, "Dentist");

  created = lsq ("POST", "/v2/LeadManagement.svc/Lead.CreateOrUpdate",
                 "[{\"Attribute\": \"EmailAddress\", \"Value\": \"brand.new@example.com\"}, "
                 "{\"Attribute\": \"SearchBy\", \"Value\": \"EmailAddress\"}]");
  g_assert_cmpuint (created->status, ==, 200);
  g_assert_cmpstr (jstr (created->json, "Message.Id"), !=, id);

  bad = lsq ("POST", "/v2/LeadManagement.svc/Lead.CreateOrUpdate",
             "[{\"Attribute\": \"FirstName\", \"Value\": \"Ursula\"}, {\"Attribute\": "
             "\"SearchBy\", \"Value\": \"FirstName\"}]");
  assert_lsq_error (bad, 500, "MXInvalidInputException");
  missing_value = lsq ("POST", "/v2/LeadManagement.svc/Lead.CreateOrUpdate",
                       "[{\"Attribute\": \"EmailAddress\", \"Value\": \"x@example.com\"}, "
                       "{\"Attribute\": \"SearchBy\", \"Value\": \"Phone\"}]");
  assert_lsq_error (missing_value, 500, "MXMandatoryAttributeMissingException");
}

static void
test_lead_capture (void)
{
  g_autoptr (Resp) first = NULL, second = NULL, keep = NULL, fill = NULL, other = NULL, bad = NULL,
                   lead = NULL;
  g_autofree char *id = NULL;
  g_autofree char *body = NULL;

  first = lsq ("POST", "/v2/LeadManagement.svc/Lead.Capture",
               "[{\"Attribute\": \"EmailAddress\", \"Value\": \"captured@example.com\"}, "
               "{\"Attribute\": \"FirstName\", \"Value\": \"Cap\"}]");
  g_assert_cmpuint (first->status, ==, 200);
  g_assert_true (jint (first->json, "Message.IsCreated"));
  id = g_strdup (jstr (first->json, "Message.RelatedId"));
  g_assert_nonnull (id);
  g_assert_cmpstr (jstr (first->json, "Message.Id"), !=, id);

  second = lsq ("POST", "/v2/LeadManagement.svc/Lead.Capture",
                "[{\"Attribute\": \"EmailAddress\", \"Value\": \"CAPTURED@example.com\"}, "
                "{\"Attribute\": \"FirstName\", \"Value\": \"Captain\"}]");
  g_assert_false (jint (second->json, "Message.IsCreated"));
  g_assert_cmpstr (jstr (second->json, "Message.RelatedId"), ==, id);
  keep = lsq ("POST", "/v2/LeadManagement.svc/Lead.Capture?LeadUpdateBehavior=DoNotUpdate",
              "[{\"Attribute\": \"EmailAddress\", \"Value\": \"captured@example.com\"}, "
              "{\"Attribute\": \"FirstName\", \"Value\": \"Nope\"}]");
  g_assert_cmpuint (keep->status, ==, 200);
  fill
      = lsq ("POST", "/v2/LeadManagement.svc/Lead.Capture?LeadUpdateBehavior=UpdateOnlyEmptyFields",
             "[{\"Attribute\": \"EmailAddress\", \"Value\": \"captured@example.com\"}, "
             "{\"Attribute\": \"FirstName\", \"Value\": \"Nope\"},"
             " {\"Attribute\": \"Company\", \"Value\": \"Filled Ltd\"}]");
  g_assert_cmpuint (fill->status, ==, 200);
  lead = get_lead (id);
  g_assert_cmpstr (jstr (lead->json, "0.FirstName"), ==, "Captain");
  g_assert_cmpstr (jstr (lead->json, "0.Company"), ==, "Filled Ltd");
  g_assert_cmpstr (jstr (lead->json, "0.ProspectActivityName_Max"), ==, "Lead Capture");

  /* A ProspectId match with another email makes a new lead. */
  body = g_strdup_printf (
      "[{\"Attribute\": \"ProspectId\", \"Value\": \"%s\"},"
      " {\"Attribute\": \"EmailAddress\", \"Value\": \"someone.else@example.com\"}]",
      id);
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
           "[[{\"Attribute\": \"EmailAddress\", \"Value\": \"bulk.new@example.com\"}, "
           "{\"Attribute\": \"SearchBy\", \"Value\": \"EmailAddress\"}],"
           " [{\"Attribute\": \"EmailAddress\", \"Value\": \"BULK.existing@example.com\"}, "
           "{\"Attribute\": \"LastName\", \"Value\": \"Bulkowska\"}],"
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
    g_string_append_printf (
        big, "%s[{\"Attribute\": \"EmailAddress\", \"Value\": \"row%u@example.com\"}]",
        i ? "," : "", i);
  g_string_append (big, "]");
  too_many = lsq ("POST", "/v2/LeadManagement.svc/Lead/Bulk/CreateOrUpdate", big->str);
  assert_lsq_error (too_many, 500, "MXInvalidInputException");
  {
    g_autoptr (Resp) row0 = lsq (
        "GET", "/v2/LeadManagement.svc/Leads.GetByEmailaddress?emailaddress=row0@example.com",
        NULL);

    g_assert_cmpuint (jlen (row0->json, ""), ==, 0); /* nothing of a refused batch is written */
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
      g_autofree char *paging
          = g_strdup_printf ("\"Paging\": {\"PageIndex\": %u, \"PageSize\": 7}", page);
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

  desc = recently_modified (
      ALL_TIME, "\"Sorting\": {\"ColumnName\": \"ProspectAutoId\", \"Direction\": \"1\"},"
                " \"Columns\": {\"Include_CSV\": \"ProspectID, ProspectAutoId,EmailAddress\"},"
                " \"Paging\": {\"PageIndex\": 1, \"PageSize\": 100}");
  g_assert_cmpuint (desc->status, ==, 200);
  g_assert_cmpuint (jlen (desc->json, "Leads.0.LeadPropertyList"), ==,
                    4); /* three columns and CanUpdate */
  g_assert_null (property (desc->json, 0, "FirstName"));
  for (guint i = 1; i < jlen (desc->json, "Leads"); i++)
    g_assert_cmpint (g_ascii_strtoll (property (desc->json, i - 1, "ProspectAutoId"), NULL, 10), >,
                     g_ascii_strtoll (property (desc->json, i, "ProspectAutoId"), NULL, 10));
}

static char *
shift (const char *lsq_time, int seconds)
{
  g_autofree char *iso = g_strdup_printf ("%.10sT%.8sZ", lsq_time, lsq_time + 11);
  g_autoptr (GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);
  g_autoptr (GDateTime) moved = g_date_time_add_seconds (dt, seconds);

  return g_date_time_format (moved, "%Y-%m-%d %H:%M:%S");
}

static gboolean
window_has (const char *from, const char *to, const char *id)
{
  g_autofree char *parameter
      = g_strdup_printf ("\"FromDate\": \"%s\", \"ToDate\": \"%s\"", from, to);
  g_autoptr (Resp) r
      = recently_modified (parameter, "\"Paging\": {\"PageIndex\": 1, \"PageSize\": 5000}");

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
  wcf_param
      = g_strdup_printf ("/Date(%" G_GINT64_FORMAT "+0000)/", g_date_time_to_unix (dt) * 1000);
  g_assert_true (window_has (wcf_param, at, id));
  g_assert_true (window_has (before, "2100-01-01", id));

  missing = recently_modified ("\"FromDate\": \"2020-01-01 00:00:00\"", NULL);
  assert_lsq_error (missing, 500, "MXMandatoryAttributeMissingException");
  bad_date = recently_modified (
      "\"FromDate\": \"2020-01-01T00:00:00Z\", \"ToDate\": \"2100-01-01 00:00:00\"", NULL);
  assert_lsq_error (bad_date, 500, "MXInvalidInputException");
  wcf = recently_modified ("\"FromDate\": \"01/02/2020\", \"ToDate\": \"2100-01-01 00:00:00\"",
                           NULL);
  assert_lsq_error (wcf, 500, "MXInvalidInputException");
}

/* ---- metadata ---- */

static void
test_metadata (void)
{
  g_autoptr (Resp) all = lsq ("GET", "/v2/LeadManagement.svc/LeadsMetaData.Get", NULL);
  g_autoptr (Resp) one
      = lsq ("GET", "/v2/LeadManagement.svc/LeadsMetaData.Get?schemaName=mx_Treatment", NULL);
  g_autoptr (Resp) bare = lsq (
      "GET", "/v2/LeadManagement.svc/LeadsMetaData.Get?schemaName=mx_Treatment&excludeOptionSets=1",
      NULL);
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

int
main (int argc, char *argv[])
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

  status = g_test_run ();
  liaison_sandbox_stop (sb);
  g_object_unref (sb);
  return status;
}
