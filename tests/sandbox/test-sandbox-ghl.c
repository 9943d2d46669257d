/* test-sandbox-ghl.c: every HighLevel route of the sandbox, with success and
 * error cases, through raw libsoup requests to an in-process sandbox.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sandbox-test-util.h"

static LiaisonSandbox *sb;

static void
reset (void)
{
  g_autoptr (Resp) r = ghl_control (sb, "POST", "/_sandbox/reset", "{}");

  g_assert_cmpuint (r->status, ==, 200);
}

#define loc_path(format) g_strdup_printf ((format), liaison_sandbox_get_location_id (sb))

/* Like ghl() with a path owned by the call. */
static Resp *
ghl_take (const char *method, char *path, const char *version, const char *body)
{
  Resp *r = ghl (sb, method, path, version, body);

  g_free (path);
  return r;
}

static void
assert_error (Resp *r, guint status, const char *error)
{
  g_assert_cmpuint (r->status, ==, status);
  g_assert_nonnull (r->json);
  g_assert_cmpint (jint (r->json, "statusCode"), ==, status);
  if (error != NULL)
    g_assert_cmpstr (jstr (r->json, "error"), ==, error);
}

static void
assert_iso_ms (const char *text)
{
  g_assert_nonnull (text);
  g_assert_true (
      g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$", text, 0, 0));
}

/* ---- credentials and headers ---- */

static void
test_auth_and_version (void)
{
  g_autofree char *path = NULL;
  g_autoptr (Resp) none = NULL, bad = NULL, noversion = NULL, wrong = NULL, calv = NULL, ok = NULL;

  reset ();
  {
    g_autofree char *id = first_contact_id (sb);

    path = g_strdup_printf ("/contacts/%s", id);
  }
  none = http (liaison_sandbox_get_ghl_url (sb), "GET", path, NULL, V_CONTACTS, NULL, NULL);
  assert_error (none, 401, "Unauthorized");
  bad = http (liaison_sandbox_get_ghl_url (sb), "GET", path, "nope", V_CONTACTS, NULL, NULL);
  assert_error (bad, 401, "Unauthorized");
  noversion = ghl (sb, "GET", path, NULL, NULL);
  assert_error (noversion, 400, "Bad Request");
  wrong = ghl (sb, "GET", path, V_CALENDARS, NULL);
  assert_error (wrong, 400, NULL);
  calv = ghl (sb, "GET", "/calendars/?locationId=x", V_CONTACTS, NULL);
  assert_error (calv, 400, NULL);
  ok = ghl (sb, "GET", path, V_CONTACTS, NULL);
  g_assert_cmpuint (ok->status, ==, 200);
}

/* ---- OAuth ---- */

static char *
authorize (const char *decision, const char *scope, const char *redirect)
{
  g_autofree char *body
      = g_strdup_printf ("client_id=%s&redirect_uri=%s&state=st%%20ate&decision=%s%s%s",
                         liaison_sandbox_get_client_id (sb), redirect, decision,
                         scope ? "&scope=" : "", scope ? scope : "");
  g_autoptr (Resp) r = http (liaison_sandbox_get_ghl_url (sb), "POST", "/oauth/chooselocation",
                             NULL, NULL, "application/x-www-form-urlencoded", body);
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GHashTable) params = NULL;

  g_assert_cmpuint (r->status, ==, 302);
  uri = g_uri_parse (soup_message_headers_get_one (r->headers, "Location"), G_URI_FLAGS_NONE, NULL);
  g_assert_nonnull (uri);
  g_assert_true (g_str_has_prefix (soup_message_headers_get_one (r->headers, "Location"),
                                   "http://127.0.0.1:9/cb?"));
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, "st ate");
  if (g_str_equal (decision, "deny"))
    {
      g_assert_cmpstr (g_hash_table_lookup (params, "error"), ==, "access_denied");
      return NULL;
    }
  return g_strdup (g_hash_table_lookup (params, "code"));
}

static Resp *
token_request (const char *grant, const char *key, const char *value, const char *secret,
               const char *redirect)
{
  g_autofree char *body
      = g_strdup_printf ("client_id=%s&client_secret=%s&grant_type=%s&%s=%s%s%s&user_type=Location",
                         liaison_sandbox_get_client_id (sb), secret, grant, key, value,
                         redirect ? "&redirect_uri=" : "", redirect ? redirect : "");

  return http (liaison_sandbox_get_ghl_url (sb), "POST", "/oauth/token", NULL, NULL,
               "application/x-www-form-urlencoded", body);
}

static void
test_oauth_consent_page (void)
{
  g_autofree char *path
      = g_strdup_printf ("/oauth/chooselocation?response_type=code&client_id=%s"
                         "&redirect_uri=http://127.0.0.1:9/cb&scope=contacts.readonly&state=x",
                         liaison_sandbox_get_client_id (sb));
  g_autofree char *v2 = g_strdup_printf ("/v2%s", path);
  g_autoptr (Resp) page = NULL, page2 = NULL, badclient = NULL;
  g_autofree char *denied = NULL;

  reset ();
  page = http (liaison_sandbox_get_ghl_url (sb), "GET", path, NULL, NULL, NULL, NULL);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_nonnull (strstr (page->text, "Sandbox Dental (main)"));
  g_assert_nonnull (strstr (page->text, "Sandbox Realty (second)"));
  g_assert_nonnull (strstr (page->text, "value=\"allow\""));
  g_assert_nonnull (strstr (page->text, "value=\"deny\""));
  page2 = http (liaison_sandbox_get_ghl_url (sb), "GET", v2, NULL, NULL, NULL, NULL);
  g_assert_cmpuint (page2->status, ==, 200);
  badclient
      = http (liaison_sandbox_get_ghl_url (sb), "GET",
              "/oauth/chooselocation?client_id=x&redirect_uri=http://a/", NULL, NULL, NULL, NULL);
  g_assert_cmpuint (badclient->status, ==, 400);
  denied = authorize ("deny", NULL, "http://127.0.0.1:9/cb");
  g_assert_null (denied);
}

static void
test_oauth_tokens_rotate_and_expire (void)
{
  g_autofree char *code = NULL;
  g_autofree char *access = NULL, *refresh = NULL, *access2 = NULL, *refresh2 = NULL;
  g_autofree char *contact_path = NULL;
  g_autoptr (Resp) badsecret = NULL, badredirect = NULL, ok = NULL, reuse = NULL, use = NULL;
  g_autoptr (Resp) r1 = NULL, old = NULL, r2 = NULL, expired = NULL, missing = NULL, afterr = NULL;
  g_autoptr (Resp) clock = NULL, unclock = NULL;
  const char *redirect = "http://127.0.0.1:9/cb";

  reset ();
  {
    g_autofree char *id = first_contact_id (sb);

    contact_path = g_strdup_printf ("/contacts/%s", id);
  }

  missing = http (liaison_sandbox_get_ghl_url (sb), "POST", "/oauth/token", NULL, NULL,
                  "application/x-www-form-urlencoded", "grant_type=authorization_code");
  assert_error (missing, 422, "Unprocessable Entity");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (jget (missing->json, "message")));

  code = authorize ("allow", NULL, redirect);
  g_assert_nonnull (code);
  badsecret = token_request ("authorization_code", "code", code, "wrong", redirect);
  assert_error (badsecret, 401, "Unauthorized");
  /* A wrong redirect_uri spends the code. */
  badredirect = token_request ("authorization_code", "code", code,
                               liaison_sandbox_get_client_secret (sb), "http://127.0.0.1:9/other");
  assert_error (badredirect, 400, "Bad Request");
  reuse = token_request ("authorization_code", "code", code, liaison_sandbox_get_client_secret (sb),
                         redirect);
  assert_error (reuse, 400, "Bad Request");

  g_free (code);
  code = authorize ("allow", NULL, redirect);
  ok = token_request ("authorization_code", "code", code, liaison_sandbox_get_client_secret (sb),
                      redirect);
  g_assert_cmpuint (ok->status, ==, 200);
  g_assert_cmpstr (jstr (ok->json, "token_type"), ==, "Bearer");
  g_assert_cmpint (jint (ok->json, "expires_in"), ==, 86399);
  g_assert_cmpstr (jstr (ok->json, "userType"), ==, "Location");
  g_assert_cmpstr (jstr (ok->json, "locationId"), ==, liaison_sandbox_get_location_id (sb));
  g_assert_nonnull (jstr (ok->json, "userId"));
  g_assert_nonnull (jstr (ok->json, "companyId"));
  g_assert_nonnull (strstr (jstr (ok->json, "scope"), "contacts.readonly"));
  access = g_strdup (jstr (ok->json, "access_token"));
  refresh = g_strdup (jstr (ok->json, "refresh_token"));
  use = http (liaison_sandbox_get_ghl_url (sb), "GET", contact_path, access, V_CONTACTS, NULL,
              NULL);
  g_assert_cmpuint (use->status, ==, 200);

  r1 = token_request ("refresh_token", "refresh_token", refresh,
                      liaison_sandbox_get_client_secret (sb), NULL);
  g_assert_cmpuint (r1->status, ==, 200);
  access2 = g_strdup (jstr (r1->json, "access_token"));
  refresh2 = g_strdup (jstr (r1->json, "refresh_token"));
  g_assert_cmpstr (refresh2, !=, refresh);
  g_assert_cmpstr (access2, !=, access);
  old = token_request ("refresh_token", "refresh_token", refresh,
                       liaison_sandbox_get_client_secret (sb), NULL);
  assert_error (old, 400, "Bad Request");
  r2 = token_request ("refresh_token", "refresh_token", refresh2,
                      liaison_sandbox_get_client_secret (sb), NULL);
  g_assert_cmpuint (r2->status, ==, 200);

  /* A day later the access token is dead; the private token lives on. */
  clock = ghl_control (sb, "POST", "/_sandbox/clock", "{\"advanceMs\": 86400000}");
  g_assert_cmpuint (clock->status, ==, 200);
  expired = http (liaison_sandbox_get_ghl_url (sb), "GET", contact_path, access2, V_CONTACTS, NULL,
                  NULL);
  assert_error (expired, 401, "Unauthorized");
  g_assert_cmpstr (jstr (expired->json, "message"), ==, "Invalid JWT");
  afterr = ghl (sb, "GET", contact_path, V_CONTACTS, NULL);
  g_assert_cmpuint (afterr->status, ==, 200);
  unclock = ghl_control (sb, "POST", "/_sandbox/clock", "{\"offsetMs\": 0}");
  g_assert_cmpuint (unclock->status, ==, 200);
}

static void
test_oauth_scope_is_enforced (void)
{
  g_autofree char *code = NULL;
  g_autoptr (Resp) tok = NULL, read = NULL, write = NULL;
  g_autofree char *list = loc_path ("/contacts/?locationId=%s&limit=1");
  g_autofree char *body = loc_path ("{\"locationId\":\"%s\",\"firstName\":\"Scoped\"}");

  reset ();
  code = authorize ("allow", "contacts.readonly", "http://127.0.0.1:9/cb");
  tok = token_request ("authorization_code", "code", code, liaison_sandbox_get_client_secret (sb),
                       NULL);
  g_assert_cmpuint (tok->status, ==, 200);
  g_assert_cmpstr (jstr (tok->json, "scope"), ==, "contacts.readonly");
  read = http (liaison_sandbox_get_ghl_url (sb), "GET", list, jstr (tok->json, "access_token"),
               V_CONTACTS, NULL, NULL);
  g_assert_cmpuint (read->status, ==, 200);
  write = http (liaison_sandbox_get_ghl_url (sb), "POST", "/contacts/",
                jstr (tok->json, "access_token"), V_CONTACTS, NULL, body);
  assert_error (write, 401, "Unauthorized");
}

/* ---- contacts ---- */

static char *
field_id (const char *key)
{
  g_autofree char *path = g_strdup_printf ("/locations/%s/customFields/%s",
                                           liaison_sandbox_get_location_id (sb), key);
  g_autoptr (Resp) r = ghl (sb, "GET", path, V_CONTACTS, NULL);

  g_assert_cmpuint (r->status, ==, 200);
  return g_strdup (jstr (r->json, "customField.id"));
}

static void
test_contact_crud (void)
{
  g_autofree char *stage = NULL, *visits = NULL, *body = NULL, *path = NULL, *id = NULL;
  g_autofree char *added = NULL, *updated = NULL;
  g_autoptr (Resp) created = NULL, got = NULL, upd = NULL, badfield = NULL, notallowed = NULL,
                   noloc = NULL;
  g_autoptr (Resp) badopt = NULL, del = NULL, gone = NULL, dup = NULL, clock = NULL, other = NULL;

  reset ();
  stage = field_id ("contact.lead_stage");
  visits = field_id ("contact.number_of_visits");
  body = g_strdup_printf (
      "{\"locationId\":\"%s\",\"firstName\":\"Zoë\",\"lastName\":\"Ødegaard\","
      "\"email\":\"Zoe.Odegaard@Example.com\",\"phone\":\"(415) 555-0199\",\"tags\":[\"VIP "
      "\",\"vip\"],"
      "\"companyName\":\"Fjord "
      "AS\",\"customFields\":[{\"id\":\"%s\",\"key\":\"lead_stage\",\"field_value\":\"Qualified\"},"
      "{\"id\":\"%s\",\"field_value\":12}]}",
      liaison_sandbox_get_location_id (sb), stage, visits);
  created = ghl (sb, "POST", "/contacts/", V_CONTACTS, body);
  g_assert_cmpuint (created->status, ==, 201);
  id = g_strdup (jstr (created->json, "contact.id"));
  g_assert_cmpuint (strlen (id), ==, 20);
  g_assert_cmpstr (jstr (created->json, "contact.phone"), ==, "+14155550199");
  g_assert_cmpstr (jstr (created->json, "contact.emailLowerCase"), ==, "zoe.odegaard@example.com");
  g_assert_cmpstr (jstr (created->json, "contact.tags.0"), ==, "vip");
  g_assert_cmpuint (jlen (created->json, "contact.tags"), ==, 1);
  assert_iso_ms (jstr (created->json, "contact.dateAdded"));
  added = g_strdup (jstr (created->json, "contact.dateAdded"));

  path = g_strdup_printf ("/contacts/%s", id);
  got = ghl (sb, "GET", path, V_CONTACTS, NULL);
  g_assert_cmpuint (got->status, ==, 200);
  g_assert_cmpstr (jstr (got->json, "contact.firstName"), ==, "Zoë");
  g_assert_cmpstr (jstr (got->json, "contact.name"), ==, "Zoë Ødegaard");
  /* Custom fields come back as {id, value} only. */
  g_assert_cmpuint (jlen (got->json, "contact.customFields"), ==, 2);
  g_assert_cmpstr (jstr (got->json, "contact.customFields.0.id"), ==, stage);
  g_assert_cmpstr (jstr (got->json, "contact.customFields.0.value"), ==, "Qualified");
  g_assert_null (jget (got->json, "contact.customFields.0.field_value"));
  g_assert_null (jget (got->json, "contact.customFields.0.key"));
  g_assert_cmpstr (jstr (got->json, "contact.customFields.1.value"), ==, "12");

  clock = ghl_control (sb, "POST", "/_sandbox/clock", "{\"advanceMs\": 5000}");
  upd = ghl (sb, "PUT", path, V_CONTACTS,
             "{\"lastName\":\"Odegaard\",\"phone\":\"+44 20 7946 0958\"}");
  g_assert_cmpuint (upd->status, ==, 200);
  g_assert_true (jint (upd->json, "succeded"));
  g_assert_cmpstr (jstr (upd->json, "contact.lastName"), ==, "Odegaard");
  g_assert_cmpstr (jstr (upd->json, "contact.phone"), ==, "+442079460958");
  g_assert_cmpstr (jstr (upd->json, "contact.dateAdded"), ==, added);
  updated = g_strdup (jstr (upd->json, "contact.dateUpdated"));
  assert_iso_ms (updated);
  g_assert_cmpstr (updated, >, added);

  notallowed = ghl (sb, "PUT", path, V_CONTACTS, "{\"companyName\":\"X\",\"locationId\":\"y\"}");
  assert_error (notallowed, 422, "Unprocessable Entity");
  g_assert_cmpuint (jlen (notallowed->json, "message"), ==, 2);
  badfield = ghl (sb, "PUT", path, V_CONTACTS, "{\"email\":\"not-an-email\"}");
  assert_error (badfield, 422, NULL);
  g_free (body);
  body = g_strdup_printf ("{\"customFields\":[{\"id\":\"%s\",\"field_value\":\"Maybe\"}]}", stage);
  badopt = ghl (sb, "PUT", path, V_CONTACTS, body);
  assert_error (badopt, 422, NULL);
  noloc = ghl (sb, "POST", "/contacts/", V_CONTACTS, "{\"firstName\":\"No location\"}");
  assert_error (noloc, 422, "Unprocessable Entity");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (jget (noloc->json, "message")));
  other = ghl (sb, "POST", "/contacts/", V_CONTACTS,
               "{\"locationId\":\"someoneElse\",\"firstName\":\"X\"}");
  assert_error (other, 403, "Forbidden");

  /* The location does not allow duplicates: same email in another case is refused. */
  g_free (body);
  body = loc_path ("{\"locationId\":\"%s\",\"email\":\"ZOE.odegaard@example.COM\"}");
  dup = ghl (sb, "POST", "/contacts/", V_CONTACTS, body);
  assert_error (dup, 400, "Bad Request");
  g_assert_cmpstr (jstr (dup->json, "meta.contactId"), ==, id);
  g_assert_cmpstr (jstr (dup->json, "meta.matchingField"), ==, "email");

  del = ghl (sb, "DELETE", path, V_CONTACTS, NULL);
  g_assert_cmpuint (del->status, ==, 200);
  g_assert_true (jint (del->json, "succeded"));
  gone = ghl (sb, "GET", path, V_CONTACTS, NULL);
  assert_error (gone, 400, "Bad Request");
}

static void
test_contact_upsert (void)
{
  g_autofree char *body = NULL, *by_phone = NULL, *first_id = NULL;
  g_autoptr (Resp) a = NULL, b = NULL, c = NULL, bad = NULL;

  reset ();
  body = loc_path ("{\"locationId\":\"%s\",\"firstName\":\"Renée\",\"email\":\"renee.upsert@"
                   "example.com\",\"phone\":\"+1 212 555 0142\"}");
  a = ghl (sb, "POST", "/contacts/upsert", V_CONTACTS, body);
  g_assert_cmpuint (a->status, ==, 200);
  g_assert_false (jint (a->json, "new") == 0);
  g_assert_nonnull (jstr (a->json, "traceId"));
  first_id = g_strdup (jstr (a->json, "contact.id"));
  g_free (body);
  /* Email matches regardless of case: an update, not a new contact. */
  body = loc_path (
      "{\"locationId\":\"%s\",\"lastName\":\"Lefèvre\",\"email\":\"RENEE.UPSERT@example.com\"}");
  b = ghl (sb, "POST", "/contacts/upsert", V_CONTACTS, body);
  g_assert_cmpuint (b->status, ==, 200);
  g_assert_cmpint (jint (b->json, "new"), ==, 0);
  g_assert_cmpstr (jstr (b->json, "contact.id"), ==, first_id);
  g_assert_cmpstr (jstr (b->json, "contact.lastName"), ==, "Lefèvre");
  g_assert_cmpstr (jstr (b->json, "contact.firstName"), ==, "Renée");
  /* No email match, so the phone (in another notation) decides. */
  by_phone = loc_path (
      "{\"locationId\":\"%s\",\"email\":\"other@example.com\",\"phone\":\"(212) 555-0142\"}");
  c = ghl (sb, "POST", "/contacts/upsert", V_CONTACTS, by_phone);
  g_assert_cmpint (jint (c->json, "new"), ==, 0);
  g_assert_cmpstr (jstr (c->json, "contact.id"), ==, first_id);
  bad = ghl (sb, "POST", "/contacts/upsert", V_CONTACTS, "{\"email\":\"x@example.com\"}");
  assert_error (bad, 422, NULL);
}

static void
test_contact_search_paging (void)
{
  g_autofree char *body = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (Resp) nolimit = NULL, toolarge = NULL, deep = NULL, email = NULL, range = NULL,
                   group = NULL;
  g_autofree char *cursor = NULL;
  gint64 total = -1, last = -1, pages = 0;

  reset ();
  body = loc_path ("{\"locationId\":\"%s\"}");
  nolimit = ghl (sb, "POST", "/contacts/search", V_CONTACTS, body);
  assert_error (nolimit, 422, "Unprocessable Entity");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (jget (nolimit->json, "message")));
  g_free (body);
  body = loc_path ("{\"locationId\":\"%s\",\"pageLimit\":501}");
  toolarge = ghl (sb, "POST", "/contacts/search", V_CONTACTS, body);
  assert_error (toolarge, 422, NULL);
  g_free (body);
  body = loc_path ("{\"locationId\":\"%s\",\"pageLimit\":100,\"page\":101}");
  deep = ghl (sb, "POST", "/contacts/search", V_CONTACTS, body);
  assert_error (deep, 422, NULL);

  /* Walk every contact by dateUpdated ascending with searchAfter, 7 at a time. */
  while (TRUE)
    {
      g_autofree char *req = NULL;
      g_autoptr (Resp) page = NULL;
      JsonArray *contacts;

      req = g_strdup_printf ("{\"locationId\":\"%s\",\"pageLimit\":7,\"sort\":[{\"field\":"
                             "\"dateUpdated\",\"direction\":\"asc\"}]%s%s}",
                             liaison_sandbox_get_location_id (sb),
                             cursor ? ",\"searchAfter\":" : "", cursor ? cursor : "");
      page = ghl (sb, "POST", "/contacts/search", V_CONTACTS, req);
      g_assert_cmpuint (page->status, ==, 200);
      g_assert_nonnull (jstr (page->json, "traceId"));
      if (total < 0)
        total = jint (page->json, "total");
      g_assert_cmpint (jint (page->json, "total"), ==, total);
      contacts = json_node_get_array (jget (page->json, "contacts"));
      if (json_array_get_length (contacts) == 0)
        break;
      g_assert_cmpuint (json_array_get_length (contacts), <=, 7);
      for (guint i = 0; i < json_array_get_length (contacts); i++)
        {
          JsonObject *c = json_array_get_object_element (contacts, i);
          JsonArray *after = json_object_get_array_member (c, "searchAfter");

          g_assert_true (
              g_hash_table_add (seen, g_strdup (json_object_get_string_member (c, "id"))));
          g_assert_cmpint (json_array_get_int_element (after, 0), >=, last);
          last = json_array_get_int_element (after, 0);
          if (i + 1 == json_array_get_length (contacts))
            {
              g_autoptr (JsonGenerator) gen = json_generator_new ();
              JsonNode *n = json_object_get_member (c, "searchAfter");

              json_generator_set_root (gen, n);
              g_free (cursor);
              cursor = json_generator_to_data (gen, NULL);
            }
        }
      pages++;
    }
  g_assert_cmpint (total, >, 20);
  g_assert_cmpint (g_hash_table_size (seen), ==, total);
  g_assert_cmpint (pages, ==, (total + 6) / 7);

  g_free (body);
  body = loc_path ("{\"locationId\":\"%s\",\"pageLimit\":5,\"filters\":[{\"field\":\"email\","
                   "\"operator\":\"eq\",\"value\":\"ZOE.QUERY@EXAMPLE.COM\"}]}");
  {
    g_autofree char *create
        = loc_path ("{\"locationId\":\"%s\",\"email\":\"zoe.query@example.com\"}");
    g_autoptr (Resp) made = ghl (sb, "POST", "/contacts/", V_CONTACTS, create);

    g_assert_cmpuint (made->status, ==, 201);
  }
  email = ghl (sb, "POST", "/contacts/search", V_CONTACTS, body);
  g_assert_cmpint (jint (email->json, "total"), ==, 1);
  g_assert_cmpstr (jstr (email->json, "contacts.0.email"), ==, "zoe.query@example.com");

  /* Only what changed after a moment: the contact just created. */
  g_free (body);
  body = g_strdup_printf ("{\"locationId\":\"%s\",\"pageLimit\":50,\"filters\":[{\"field\":"
                          "\"dateUpdated\",\"operator\":\"range\","
                          "\"value\":{\"gt\":\"%s\"}}]}",
                          liaison_sandbox_get_location_id (sb), "2026-01-02T00:00:00.000Z");
  range = ghl (sb, "POST", "/contacts/search", V_CONTACTS, body);
  g_assert_cmpuint (range->status, ==, 200);
  g_assert_cmpint (jint (range->json, "total"), ==, 1);
  g_free (body);
  body = loc_path (
      "{\"locationId\":\"%s\",\"pageLimit\":5,\"filters\":[{\"group\":\"OR\",\"filters\":["
      "{\"field\":\"email\",\"operator\":\"eq\",\"value\":\"zoe.query@example.com\"},"
      "{\"field\":\"email\",\"operator\":\"eq\",\"value\":\"nobody@nowhere.example\"}]},"
      "{\"field\":\"nonsense\",\"operator\":\"eq\",\"value\":\"x\"}]}");
  group = ghl (sb, "POST", "/contacts/search", V_CONTACTS, body);
  assert_error (group, 422, NULL);
}

static void
test_contact_list_deprecated (void)
{
  g_autofree char *path = loc_path ("/contacts/?locationId=%s&limit=101");
  g_autoptr (Resp) toomany = ghl (sb, "GET", path, V_CONTACTS, NULL);
  g_autoptr (Resp) noloc = ghl (sb, "GET", "/contacts/", V_CONTACTS, NULL);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *next = NULL;
  gint64 total = -1;

  reset ();
  assert_error (toomany, 422, NULL);
  assert_error (noloc, 422, NULL);
  next = loc_path ("/contacts/?locationId=%s&limit=9");
  while (next != NULL)
    {
      g_autoptr (Resp) page = ghl (sb, "GET", next, V_CONTACTS, NULL);
      const char *url;

      g_assert_cmpuint (page->status, ==, 200);
      total = jint (page->json, "meta.total");
      for (guint i = 0; i < jlen (page->json, "contacts"); i++)
        {
          g_autofree char *p = g_strdup_printf ("contacts.%u.id", i);

          g_assert_true (g_hash_table_add (seen, g_strdup (jstr (page->json, p))));
        }
      url = jstr (page->json, "meta.nextPageUrl");
      g_free (next);
      next = url ? g_strdup (url + strlen (liaison_sandbox_get_ghl_url (sb))) : NULL;
      if (url != NULL)
        g_assert_nonnull (jstr (page->json, "meta.startAfterId"));
    }
  g_assert_cmpint (total, >, 9);
  g_assert_cmpint (g_hash_table_size (seen), ==, total);
}

static void
test_duplicate_and_business (void)
{
  g_autofree char *id = NULL, *email = NULL, *phone = NULL, *path = NULL, *bpath = NULL;
  g_autoptr (Resp) contact = NULL, byemail = NULL, byphone = NULL, none = NULL, business = NULL,
                   found = NULL;

  reset ();
  id = first_contact_id (sb);
  path = g_strdup_printf ("/contacts/%s", id);
  contact = ghl (sb, "GET", path, V_CONTACTS, NULL);
  email = g_uri_escape_string (jstr (contact->json, "contact.email"), NULL, TRUE);
  phone = g_uri_escape_string (jstr (contact->json, "contact.phone"), NULL, TRUE);
  g_free (path);
  path = g_strdup_printf ("/contacts/search/duplicate?locationId=%s&email=%s",
                          liaison_sandbox_get_location_id (sb), email);
  byemail = ghl (sb, "GET", path, V_CONTACTS, NULL);
  g_assert_cmpuint (byemail->status, ==, 200);
  g_assert_nonnull (jstr (byemail->json, "contact.id"));
  g_assert_cmpstr (jstr (byemail->json, "contact.emailLowerCase"), ==,
                   jstr (contact->json, "contact.emailLowerCase"));
  g_free (path);
  path = g_strdup_printf ("/contacts/search/duplicate?locationId=%s&number=%s",
                          liaison_sandbox_get_location_id (sb), phone);
  byphone = ghl (sb, "GET", path, V_CONTACTS, NULL);
  g_assert_cmpstr (jstr (byphone->json, "contact.phone"), ==,
                   jstr (contact->json, "contact.phone"));
  g_free (path);
  path
      = g_strdup_printf ("/contacts/search/duplicate?locationId=%s&email=nobody%%40nowhere.example",
                         liaison_sandbox_get_location_id (sb));
  none = ghl (sb, "GET", path, V_CONTACTS, NULL);
  g_assert_cmpuint (none->status, ==, 200);
  g_assert_true (JSON_NODE_HOLDS_NULL (jget (none->json, "contact")));

  business = ghl_control (sb, "GET", "/_sandbox/ghl/businesses", NULL);
  bpath = g_strdup_printf ("/contacts/business/%s?locationId=%s&limit=100",
                           jstr (business->json, "records.0.id"),
                           liaison_sandbox_get_location_id (sb));
  found = ghl (sb, "GET", bpath, V_CONTACTS, NULL);
  g_assert_cmpuint (found->status, ==, 200);
  g_assert_cmpint (jint (found->json, "count"), >, 0);
  g_assert_cmpstr (jstr (found->json, "contacts.0.businessId"), ==,
                   jstr (business->json, "records.0.id"));
}

static void
test_tags (void)
{
  g_autofree char *id = first_contact_id (sb);
  g_autofree char *path = g_strdup_printf ("/contacts/%s/tags", id);
  g_autoptr (Resp) add = NULL, del = NULL, bad = NULL, extra = NULL;

  add = ghl (sb, "POST", path, V_CONTACTS, "{\"tags\":[\"Émigré\",\"sync-test\",\"SYNC-TEST\"]}");
  g_assert_cmpuint (add->status, ==, 201);
  g_assert_true (g_strrstr (add->text, "\"émigré\"") != NULL);
  g_assert_true (g_strrstr (add->text, "\"sync-test\"") != NULL);
  g_assert_null (g_strrstr (add->text, "SYNC-TEST"));
  del = ghl (sb, "DELETE", path, V_CONTACTS, "{\"tags\":[\"sync-test\"]}");
  g_assert_cmpuint (del->status, ==, 200);
  g_assert_null (g_strrstr (del->text, "sync-test"));
  g_assert_nonnull (g_strrstr (del->text, "émigré"));
  bad = ghl (sb, "POST", path, V_CONTACTS, "{}");
  assert_error (bad, 422, NULL);
  extra = ghl (sb, "POST", path, V_CONTACTS, "{\"tags\":[\"a\"],\"x\":1}");
  assert_error (extra, 422, NULL);
}

/* ---- tasks and notes ---- */

static void
test_tasks (void)
{
  g_autofree char *id = NULL, *base = NULL, *path = NULL, *completed = NULL, *task_id = NULL;
  g_autoptr (Resp) missing = NULL, created = NULL, list = NULL, got = NULL, upd = NULL, done = NULL,
                   del = NULL, gone = NULL, nocontact = NULL;

  reset ();
  id = first_contact_id (sb);
  base = g_strdup_printf ("/contacts/%s/tasks", id);
  missing = ghl (sb, "POST", base, V_CONTACTS, "{\"title\":\"Call\"}");
  assert_error (missing, 422, "Unprocessable Entity");
  g_assert_cmpuint (jlen (missing->json, "message"), ==, 2);
  created = ghl (sb, "POST", base, V_CONTACTS,
                 "{\"title\":\"Call back\",\"body\":\"About the "
                 "quote\",\"dueDate\":\"2026-02-01T10:00:00Z\",\"completed\":false}");
  g_assert_cmpuint (created->status, ==, 201);
  g_assert_cmpstr (jstr (created->json, "task.dueDate"), ==, "2026-02-01T10:00:00.000Z");
  g_assert_cmpstr (jstr (created->json, "task.contactId"), ==, id);
  task_id = g_strdup (jstr (created->json, "task.id"));
  list = ghl (sb, "GET", base, V_CONTACTS, NULL);
  g_assert_cmpuint (list->status, ==, 200);
  g_assert_nonnull (strstr (list->text, task_id));
  path = g_strdup_printf ("%s/%s", base, task_id);
  got = ghl (sb, "GET", path, V_CONTACTS, NULL);
  g_assert_cmpstr (jstr (got->json, "task.title"), ==, "Call back");
  upd = ghl (sb, "PUT", path, V_CONTACTS,
             "{\"title\":\"Call back soon\",\"dueDate\":\"2026-02-02T10:00:00+01:00\"}");
  g_assert_cmpuint (upd->status, ==, 200);
  g_assert_cmpstr (jstr (upd->json, "task.title"), ==, "Call back soon");
  g_assert_cmpstr (jstr (upd->json, "task.dueDate"), ==, "2026-02-02T09:00:00.000Z");
  completed = g_strdup_printf ("%s/completed", path);
  done = ghl (sb, "PUT", completed, V_CONTACTS, "{\"completed\":true}");
  g_assert_cmpuint (done->status, ==, 200);
  g_assert_cmpint (jint (done->json, "task.completed"), ==, 1);
  del = ghl (sb, "DELETE", path, V_CONTACTS, NULL);
  g_assert_cmpint (jint (del->json, "succeded"), ==, 1);
  gone = ghl (sb, "GET", path, V_CONTACTS, NULL);
  assert_error (gone, 400, NULL);
  nocontact = ghl (sb, "GET", "/contacts/nope/tasks", V_CONTACTS, NULL);
  assert_error (nocontact, 400, NULL);
}

static void
test_notes (void)
{
  g_autofree char *id = NULL, *base = NULL, *path = NULL, *note_id = NULL;
  g_autoptr (Resp) empty = NULL, created = NULL, list = NULL, got = NULL, upd = NULL, del = NULL,
                   gone = NULL;

  reset ();
  id = first_contact_id (sb);
  base = g_strdup_printf ("/contacts/%s/notes", id);
  empty = ghl (sb, "POST", base, V_CONTACTS, "{\"title\":\"t\"}");
  assert_error (empty, 422, NULL);
  created = ghl (sb, "POST", base, V_CONTACTS,
                 "{\"body\":\"Prefers WhatsApp — 日本語 OK\",\"pinned\":true}");
  g_assert_cmpuint (created->status, ==, 201);
  note_id = g_strdup (jstr (created->json, "note.id"));
  assert_iso_ms (jstr (created->json, "note.dateAdded"));
  g_assert_cmpstr (jstr (created->json, "note.contactId"), ==, id);
  list = ghl (sb, "GET", base, V_CONTACTS, NULL);
  g_assert_nonnull (strstr (list->text, note_id));
  path = g_strdup_printf ("%s/%s", base, note_id);
  got = ghl (sb, "GET", path, V_CONTACTS, NULL);
  g_assert_cmpstr (jstr (got->json, "note.body"), ==, "Prefers WhatsApp — 日本語 OK");
  upd = ghl (sb, "PUT", path, V_CONTACTS, "{\"body\":\"Edited\"}");
  g_assert_cmpstr (jstr (upd->json, "note.body"), ==, "Edited");
  del = ghl (sb, "DELETE", path, V_CONTACTS, NULL);
  g_assert_cmpint (jint (del->json, "succeded"), ==, 1);
  gone = ghl (sb, "GET", path, V_CONTACTS, NULL);
  assert_error (gone, 400, NULL);
}

/* ---- calendars ---- */

static JsonNode *
calendars (void)
{
  g_autofree char *path = loc_path ("/calendars/?locationId=%s");
  g_autoptr (Resp) r = ghl (sb, "GET", path, V_CALENDARS, NULL);

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpuint (jlen (r->json, "calendars"), ==, 2);
  return json_node_ref (r->json);
}

static Resp *
slots (const char *calendar_id, gint64 start, gint64 end, const char *tz)
{
  g_autofree char *path = g_strdup_printf (
      "/calendars/%s/free-slots?startDate=%" G_GINT64_FORMAT "&endDate=%" G_GINT64_FORMAT "%s%s",
      calendar_id, start, end, tz ? "&timezone=" : "", tz ? tz : "");

  return ghl (sb, "GET", path, V_CALENDARS, NULL);
}

/* Monday 2030-01-07 00:00 UTC: far enough ahead that "now" never hides slots. */
#define MONDAY ((gint64) 1893974400000)
#define DAY ((gint64) 86400000)

static void
test_free_slots (void)
{
  g_autoptr (JsonNode) cals = calendars ();
  const char *ny = jstr (cals, "calendars.0.id");
  const char *kol = jstr (cals, "calendars.1.id");
  g_autoptr (Resp) week = NULL, toolong = NULL, missing = NULL, india = NULL, inzone = NULL,
                   badtz = NULL, get = NULL;
  JsonNode *monday;

  reset ();
  get = ghl_take ("GET", g_strconcat ("/calendars/", ny, NULL), V_CALENDARS, NULL);
  g_assert_cmpstr (jstr (get->json, "calendar.name"), ==, "Consultation");
  g_assert_null (jget (get->json, "calendar._timezone"));

  week = slots (ny, MONDAY, MONDAY + 7 * DAY, NULL);
  g_assert_cmpuint (week->status, ==, 200);
  g_assert_nonnull (jstr (week->json, "traceId"));
  /* Monday to Friday open in New York; Saturday and Sunday closed. */
  g_assert_nonnull (jget (week->json, "2030-01-07"));
  g_assert_nonnull (jget (week->json, "2030-01-11"));
  g_assert_null (jget (week->json, "2030-01-12"));
  g_assert_null (jget (week->json, "2030-01-13"));
  monday = jget (week->json, "2030-01-07.slots");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (monday)), ==, 16);
  g_assert_cmpstr (jstr (week->json, "2030-01-07.slots.0"), ==, "2030-01-07T09:00:00-05:00");
  g_assert_cmpstr (jstr (week->json, "2030-01-07.slots.15"), ==, "2030-01-07T16:30:00-05:00");

  india = slots (kol, MONDAY, MONDAY + 7 * DAY, NULL);
  g_assert_cmpstr (jstr (india->json, "2030-01-07.slots.0"), ==, "2030-01-07T10:00:00+05:30");
  /* The lunch break has no slot and Saturday is open there. */
  g_assert_null (strstr (india->text, "T13:00:00+05:30"));
  g_assert_nonnull (jget (india->json, "2030-01-12"));
  g_assert_null (jget (india->json, "2030-01-13"));
  inzone = slots (ny, MONDAY, MONDAY + DAY, "Asia/Kolkata");
  g_assert_cmpstr (jstr (inzone->json, "2030-01-07.slots.0"), ==, "2030-01-07T19:30:00+05:30");

  toolong = slots (ny, MONDAY, MONDAY + 32 * DAY, NULL);
  assert_error (toolong, 422, NULL);
  missing = ghl_take ("GET", g_strconcat ("/calendars/", ny, "/free-slots?startDate=1", NULL),
                      V_CALENDARS, NULL);
  assert_error (missing, 422, NULL);
  badtz = slots (ny, MONDAY, MONDAY + DAY, "Mars/Olympus");
  assert_error (badtz, 422, NULL);
}

static void
test_appointments (void)
{
  g_autoptr (JsonNode) cals = calendars ();
  const char *ny = jstr (cals, "calendars.0.id");
  g_autofree char *contact = NULL, *body = NULL, *event_id = NULL, *path = NULL,
                  *events_path = NULL, *cpath = NULL;
  g_autoptr (Resp) made = NULL, again = NULL, after = NULL, got = NULL, moved = NULL, list = NULL,
                   del = NULL, gone = NULL;
  g_autoptr (Resp) missing = NULL, capp = NULL, closed = NULL, nogroup = NULL;

  reset ();
  contact = first_contact_id (sb);
  body
      = g_strdup_printf ("{\"calendarId\":\"%s\",\"locationId\":\"%s\",\"contactId\":\"%s\","
                         "\"startTime\":\"2030-01-07T10:00:00-05:00\","
                         "\"title\":\"Première consultation\",\"appointmentStatus\":\"confirmed\"}",
                         ny, liaison_sandbox_get_location_id (sb), contact);
  made = ghl (sb, "POST", "/calendars/events/appointments", V_CALENDARS, body);
  g_assert_cmpuint (made->status, ==, 200);
  event_id = g_strdup (jstr (made->json, "id"));
  g_assert_cmpstr (jstr (made->json, "startTime"), ==, "2030-01-07T10:00:00-05:00");
  g_assert_cmpstr (jstr (made->json, "endTime"), ==, "2030-01-07T10:30:00-05:00");
  g_assert_cmpstr (jstr (made->json, "contactId"), ==, contact);
  again = ghl (sb, "POST", "/calendars/events/appointments", V_CALENDARS, body);
  assert_error (again, 400, NULL);
  after = slots (ny, MONDAY, MONDAY + DAY, NULL);
  g_assert_null (strstr (after->text, "2030-01-07T10:00:00-05:00"));
  g_assert_nonnull (strstr (after->text, "2030-01-07T10:30:00-05:00"));
  g_free (body);
  body = g_strdup_printf ("{\"calendarId\":\"%s\",\"locationId\":\"%s\",\"contactId\":\"%s\","
                          "\"startTime\":\"2030-01-12T10:00:00-05:00\"}",
                          ny, liaison_sandbox_get_location_id (sb), contact);
  closed = ghl (sb, "POST", "/calendars/events/appointments", V_CALENDARS, body);
  assert_error (closed, 400, NULL);
  missing = ghl (sb, "POST", "/calendars/events/appointments", V_CALENDARS, "{\"title\":\"x\"}");
  assert_error (missing, 422, NULL);
  g_assert_cmpuint (jlen (missing->json, "message"), ==, 4);

  path = g_strdup_printf ("/calendars/events/appointments/%s", event_id);
  got = ghl (sb, "GET", path, V_CALENDARS, NULL);
  g_assert_cmpuint (got->status, ==, 200);
  g_assert_cmpstr (jstr (got->json, "event.title"), ==, "Première consultation");
  assert_iso_ms (jstr (got->json, "event.dateAdded"));
  moved = ghl (sb, "PUT", path, V_CALENDARS,
               "{\"startTime\":\"2030-01-07T15:00:00Z\",\"endTime\":\"2030-01-07T15:30:00Z\"}");
  g_assert_cmpuint (moved->status, ==, 200);
  g_assert_cmpstr (jstr (moved->json, "startTime"), ==, "2030-01-07T10:00:00-05:00");
  g_assert_cmpstr (jstr (moved->json, "endTime"), ==, "2030-01-07T10:30:00-05:00");

  events_path
      = g_strdup_printf ("/calendars/events?locationId=%s&calendarId=%s&startTime=%" G_GINT64_FORMAT
                         "&endTime=%" G_GINT64_FORMAT,
                         liaison_sandbox_get_location_id (sb), ny, MONDAY, MONDAY + DAY);
  list = ghl (sb, "GET", events_path, V_CALENDARS, NULL);
  g_assert_cmpuint (jlen (list->json, "events"), ==, 1);
  g_assert_cmpstr (jstr (list->json, "events.0.id"), ==, event_id);
  g_free (events_path);
  events_path = g_strdup_printf ("/calendars/events?locationId=%s&startTime=1&endTime=2",
                                 liaison_sandbox_get_location_id (sb));
  nogroup = ghl (sb, "GET", events_path, V_CALENDARS, NULL);
  assert_error (nogroup, 422, NULL);

  cpath = g_strdup_printf ("/contacts/%s/appointments", contact);
  capp = ghl (sb, "GET", cpath, V_CONTACTS, NULL);
  g_assert_cmpuint (capp->status, ==, 200);
  g_assert_nonnull (strstr (capp->text, event_id));
  g_assert_nonnull (strstr (capp->text, "2030-01-07 10:00:00"));

  del = ghl_take ("DELETE", g_strconcat ("/calendars/events/", event_id, NULL), V_CALENDARS, "{}");
  g_assert_cmpuint (del->status, ==, 201);
  g_assert_cmpint (jint (del->json, "succeeded"), ==, 1);
  gone = ghl (sb, "GET", path, V_CALENDARS, NULL);
  assert_error (gone, 400, NULL);
}

/* ---- location data ---- */

static void
test_location_fields_users (void)
{
  g_autofree char *fields = loc_path ("/locations/%s/customFields?model=contact");
  g_autofree char *location = loc_path ("/locations/%s");
  g_autofree char *users = loc_path ("/users/?locationId=%s");
  g_autoptr (Resp) f = ghl (sb, "GET", fields, V_CONTACTS, NULL);
  g_autoptr (Resp) l = ghl (sb, "GET", location, V_CONTACTS, NULL);
  g_autoptr (Resp) u = ghl (sb, "GET", users, V_CONTACTS, NULL);
  g_autoptr (Resp) other = ghl (sb, "GET", "/locations/elsewhere/customFields", V_CONTACTS, NULL);
  g_autoptr (Resp) user = NULL, nouser = NULL, bykey = NULL;
  const char *types[] = { "TEXT",     "LARGE_TEXT", "NUMERICAL",      "PHONE",
                          "MONETORY", "CHECKBOX",   "SINGLE_OPTIONS", "MULTIPLE_OPTIONS",
                          "DATE",     "RADIO",      "TEXTBOX_LIST",   "FILE_UPLOAD" };

  g_assert_cmpuint (f->status, ==, 200);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autofree char *needle = g_strdup_printf ("\"dataType\":\"%s\"", types[i]);

      g_assert_nonnull (strstr (f->text, needle));
    }
  g_assert_cmpuint (l->status, ==, 200);
  g_assert_cmpint (jint (l->json, "location.settings.allowDuplicateContact"), ==, 0);
  g_assert_cmpuint (jlen (u->json, "users"), ==, 4);
  assert_error (other, 403, NULL);
  user = ghl_take ("GET", g_strconcat ("/users/", jstr (u->json, "users.0.id"), NULL), V_CONTACTS,
                   NULL);
  g_assert_cmpstr (jstr (user->json, "email"), ==, jstr (u->json, "users.0.email"));
  nouser = ghl (sb, "GET", "/users/nobody", V_CONTACTS, NULL);
  assert_error (nouser, 400, NULL);
  bykey = ghl_take ("GET", g_strconcat (location, "/customFields/contact.languages", NULL),
                    V_CONTACTS, NULL);
  g_assert_cmpstr (jstr (bykey->json, "customField.dataType"), ==, "MULTIPLE_OPTIONS");
}

int
main (int argc, char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  sb = sandbox_start (42, 60, NULL);
  g_test_add_func ("/sandbox/ghl/auth-and-version", test_auth_and_version);
  g_test_add_func ("/sandbox/ghl/oauth/consent-page", test_oauth_consent_page);
  g_test_add_func ("/sandbox/ghl/oauth/rotate-and-expire", test_oauth_tokens_rotate_and_expire);
  g_test_add_func ("/sandbox/ghl/oauth/scope", test_oauth_scope_is_enforced);
  g_test_add_func ("/sandbox/ghl/contacts/crud", test_contact_crud);
  g_test_add_func ("/sandbox/ghl/contacts/upsert", test_contact_upsert);
  g_test_add_func ("/sandbox/ghl/contacts/search-paging", test_contact_search_paging);
  g_test_add_func ("/sandbox/ghl/contacts/list-deprecated", test_contact_list_deprecated);
  g_test_add_func ("/sandbox/ghl/contacts/duplicate-business", test_duplicate_and_business);
  g_test_add_func ("/sandbox/ghl/contacts/tags", test_tags);
  g_test_add_func ("/sandbox/ghl/tasks", test_tasks);
  g_test_add_func ("/sandbox/ghl/notes", test_notes);
  g_test_add_func ("/sandbox/ghl/calendars/free-slots", test_free_slots);
  g_test_add_func ("/sandbox/ghl/calendars/appointments", test_appointments);
  g_test_add_func ("/sandbox/ghl/location-fields-users", test_location_fields_users);
  ret = g_test_run ();
  liaison_sandbox_stop (sb);
  g_object_unref (sb);
  return ret;
}
