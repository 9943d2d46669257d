/* test-sandbox-framework.c: what the server wrapper gives every route: rate
 * limits with their headers, fault injection, counters and the request log,
 * control routes, the seed's determinism, the state file and the executable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <signal.h>

#include "sandbox-test-util.h"

static LiaisonSandbox *sb;

static void
reset (void)
{
  g_autoptr (Resp) r = ghl_control (sb, "POST", "/_sandbox/reset", "{}");

  g_assert_cmpuint (r->status, ==, 200);
}

static char *
contact_path (LiaisonSandbox *sandbox)
{
  g_autofree char *id = first_contact_id (sandbox);

  return g_strdup_printf ("/contacts/%s", id);
}

static const char *
header (Resp *r, const char *name)
{
  return soup_message_headers_get_one (r->headers, name);
}

static void
set_rates (const char *json)
{
  g_autoptr (Resp) r = ghl_control (sb, "POST", "/_sandbox/rates", json);

  g_assert_cmpuint (r->status, ==, 200);
}

static void
test_rate_headers (void)
{
  g_autofree char *path = NULL;
  g_autoptr (Resp) a = NULL, b = NULL;

  reset ();
  path = contact_path (sb);
  a = ghl (sb, "GET", path, V_CONTACTS, NULL);
  b = ghl (sb, "GET", path, V_CONTACTS, NULL);
  g_assert_cmpstr (header (a, "X-RateLimit-Limit-Daily"), ==, "200000");
  g_assert_cmpstr (header (a, "X-RateLimit-Interval-Milliseconds"), ==, "10000");
  g_assert_cmpstr (header (a, "X-RateLimit-Max"), ==, "100");
  g_assert_cmpint (atoi (header (b, "X-RateLimit-Remaining")), <,
                   atoi (header (a, "X-RateLimit-Remaining")));
  g_assert_cmpint (atoi (header (b, "X-RateLimit-Daily-Remaining")), ==,
                   atoi (header (a, "X-RateLimit-Daily-Remaining")) - 1);
  /* Error responses carry them too. */
  {
    g_autoptr (Resp) e = ghl (sb, "GET", "/contacts/nope", V_CONTACTS, NULL);

    g_assert_cmpuint (e->status, ==, 400);
    g_assert_nonnull (header (e, "X-RateLimit-Remaining"));
  }
}

static char *
second_location_token (void)
{
  g_autoptr (Resp) locs = ghl_control (sb, "GET", "/_sandbox/ghl/locations", NULL);
  const char *second = jstr (locs->json, "records.1.id");
  g_autofree char *form = g_strdup_printf (
      "client_id=%s&redirect_uri=http://127.0.0.1:9/cb&decision=allow&location_id=%s",
      liaison_sandbox_get_client_id (sb), second);
  g_autoptr (Resp) consent
      = http (liaison_sandbox_get_ghl_url (sb), "POST", "/oauth/chooselocation", NULL, NULL,
              "application/x-www-form-urlencoded", form);
  const char *location = soup_message_headers_get_one (consent->headers, "Location");
  const char *code = strstr (location, "code=") + 5;
  g_autofree char *body = g_strdup_printf (
      "client_id=%s&client_secret=%s&grant_type=authorization_code&code=%s",
      liaison_sandbox_get_client_id (sb), liaison_sandbox_get_client_secret (sb), code);
  g_autoptr (Resp) tok = http (liaison_sandbox_get_ghl_url (sb), "POST", "/oauth/token", NULL, NULL,
                               "application/x-www-form-urlencoded", body);

  g_assert_cmpuint (tok->status, ==, 200);
  g_assert_cmpstr (jstr (tok->json, "locationId"), ==, second);
  return g_strdup (jstr (tok->json, "access_token"));
}

static void
test_burst_limit (void)
{
  g_autofree char *path = NULL, *other = NULL;
  g_autoptr (Resp) limited = NULL, elsewhere = NULL;

  reset ();
  path = contact_path (sb);
  other = second_location_token ();
  set_rates ("{\"max\": 3, \"intervalMs\": 60000, \"dailyMax\": 200000}");
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (Resp) r = ghl (sb, "GET", path, V_CONTACTS, NULL);

      g_assert_cmpuint (r->status, ==, 200);
      g_assert_cmpint (atoi (header (r, "X-RateLimit-Remaining")), ==, 2 - (int) i);
    }
  limited = ghl (sb, "GET", path, V_CONTACTS, NULL);
  g_assert_cmpuint (limited->status, ==, 429);
  g_assert_cmpint (jint (limited->json, "statusCode"), ==, 429);
  g_assert_cmpstr (header (limited, "X-RateLimit-Remaining"), ==, "0");
  g_assert_cmpstr (header (limited, "X-RateLimit-Max"), ==, "3");
  /* Limits are per location: another location still has its burst. */
  elsewhere = http (liaison_sandbox_get_ghl_url (sb), "GET", "/users/nobody", other, V_CONTACTS,
                    NULL, NULL);
  g_assert_cmpuint (elsewhere->status, ==, 400);
  set_rates ("{\"max\": 100, \"intervalMs\": 10000, \"dailyMax\": 200000}");
}

static void
test_daily_limit (void)
{
  g_autofree char *path = NULL;
  g_autoptr (Resp) a = NULL, b = NULL, c = NULL, tomorrow = NULL, clock = NULL;

  reset ();
  path = contact_path (sb);
  set_rates ("{\"max\": 100, \"intervalMs\": 1000, \"dailyMax\": 2}");
  a = ghl (sb, "GET", path, V_CONTACTS, NULL);
  b = ghl (sb, "GET", path, V_CONTACTS, NULL);
  c = ghl (sb, "GET", path, V_CONTACTS, NULL);
  g_assert_cmpuint (a->status, ==, 200);
  g_assert_cmpuint (b->status, ==, 200);
  g_assert_cmpstr (header (b, "X-RateLimit-Daily-Remaining"), ==, "0");
  g_assert_cmpuint (c->status, ==, 429);
  clock = ghl_control (sb, "POST", "/_sandbox/clock", "{\"advanceMs\": 86400000}");
  tomorrow = ghl (sb, "GET", path, V_CONTACTS, NULL);
  g_assert_cmpuint (tomorrow->status, ==, 200);
  set_rates ("{\"max\": 100, \"intervalMs\": 10000, \"dailyMax\": 200000}");
}

static void
add_fault (const char *rule)
{
  g_autofree char *body = g_strdup_printf ("{\"rule\": \"%s\"}", rule);
  g_autoptr (Resp) r = ghl_control (sb, "POST", "/_sandbox/faults", body);

  g_assert_cmpuint (r->status, ==, 200);
}

static void
test_faults (void)
{
  g_autofree char *path = NULL;
  g_autoptr (Resp) f1 = NULL, f2 = NULL, reset_conn = NULL, truncated = NULL, malformed = NULL,
                   html = NULL;
  g_autoptr (Resp) limited = NULL, bad = NULL, never = NULL, list = NULL, other_method = NULL;
  gint64 t0;

  reset ();
  path = contact_path (sb);
  add_fault ("GET /contacts/*=503,count=1");
  f1 = ghl (sb, "GET", path, V_CONTACTS, NULL);
  g_assert_cmpuint (f1->status, ==, 503);
  g_assert_cmpint (jint (f1->json, "statusCode"), ==, 503);
  f2 = ghl (sb, "GET", path, V_CONTACTS, NULL);
  g_assert_cmpuint (f2->status, ==, 200);

  /* libsoup retries once on a fresh connection when a kept-alive one drops, so
   * the reset must hold for two tries to reach the caller. */
  add_fault ("/contacts/*=reset");
  reset_conn = ghl (sb, "GET", path, V_CONTACTS, NULL);
  g_assert_nonnull (reset_conn->error);
  {
    g_autoptr (Resp) cleared = ghl_control (sb, "DELETE", "/_sandbox/faults", NULL);

    g_assert_cmpuint (jlen (cleared->json, "faults"), ==, 0);
  }

  add_fault ("/contacts/*=truncate,count=1");
  truncated = ghl (sb, "GET", path, V_CONTACTS, NULL);
  g_assert_cmpuint (truncated->status, ==, 200);
  g_assert_null (truncated->json);
  g_assert_cmpuint (strlen (truncated->text), >, 10);

  add_fault ("/contacts/*=malformed,count=1");
  malformed = ghl (sb, "GET", path, V_CONTACTS, NULL);
  g_assert_cmpuint (malformed->status, ==, 200);
  g_assert_null (malformed->json);

  add_fault ("/contacts/*=html,count=1");
  html = ghl (sb, "GET", path, V_CONTACTS, NULL);
  g_assert_cmpuint (html->status, ==, 502);
  g_assert_true (g_str_has_prefix (header (html, "Content-Type"), "text/html"));

  add_fault ("/contacts/*=429,count=1");
  limited = ghl (sb, "GET", path, V_CONTACTS, NULL);
  g_assert_cmpuint (limited->status, ==, 429);

  add_fault ("POST /contacts/*=500");
  other_method = ghl (sb, "GET", path, V_CONTACTS, NULL);
  g_assert_cmpuint (other_method->status, ==, 200);

  add_fault ("/contacts/*=delay:300,count=1");
  t0 = g_get_monotonic_time ();
  {
    g_autoptr (Resp) slow = ghl (sb, "GET", path, V_CONTACTS, NULL);

    g_assert_cmpuint (slow->status, ==, 200);
  }
  g_assert_cmpint (g_get_monotonic_time () - t0, >=, 300000);

  add_fault ("/users/*=500,rate=0");
  never = ghl (sb, "GET", "/users/nobody", V_CONTACTS, NULL);
  g_assert_cmpuint (never->status, ==, 400);

  bad = ghl_control (sb, "POST", "/_sandbox/faults", "{\"rule\": \"/x=explode\"}");
  g_assert_cmpuint (bad->status, ==, 400);
  list = ghl_control (sb, "GET", "/_sandbox/faults", NULL);
  g_assert_cmpuint (jlen (list->json, "faults"), ==, 7);
  g_assert_cmpint (jint (list->json, "faults.0.hits"), ==, 1);
  g_assert_cmpint (jint (list->json, "faults.0.remaining"), ==, 0);
}

static void
test_faults_from_options (void)
{
  LiaisonSandboxOptions options;
  g_autoptr (LiaisonSandbox) other = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *body = NULL;
  g_autoptr (Resp) search = NULL, again = NULL, lsq = NULL;

  liaison_sandbox_options_init (&options);
  options.contacts = 5;
  options.faults = "ghl:POST /contacts/search=500,count=1; lsq:*=503";
  other = liaison_sandbox_new (&options);
  g_assert_true (liaison_sandbox_start_in_thread (other, &error));
  g_assert_no_error (error);
  body = g_strdup_printf ("{\"locationId\":\"%s\",\"pageLimit\":1}",
                          liaison_sandbox_get_location_id (other));
  search = ghl (other, "POST", "/contacts/search", V_CONTACTS, body);
  g_assert_cmpuint (search->status, ==, 500);
  again = ghl (other, "POST", "/contacts/search", V_CONTACTS, body);
  g_assert_cmpuint (again->status, ==, 200);
  lsq = http (liaison_sandbox_get_lsq_url (other), "GET", "/v2/anything", NULL, NULL, NULL, NULL);
  g_assert_cmpuint (lsq->status, ==, 503);
  liaison_sandbox_stop (other);

  options.faults = "/x=nonsense";
  g_clear_object (&other);
  other = liaison_sandbox_new (&options);
  g_assert_false (liaison_sandbox_start_in_thread (other, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_counters_and_log (void)
{
  g_autofree char *path = NULL;
  g_autoptr (Resp) cleared = NULL, a = NULL, b = NULL, log = NULL, counters = NULL;

  reset ();
  path = contact_path (sb);
  cleared = ghl_control (sb, "DELETE", "/_sandbox/log", NULL);
  g_assert_cmpint (jint (cleared->json, "total"), ==, 0);
  a = ghl (sb, "GET", path, V_CONTACTS, NULL);
  b = ghl (sb, "PUT", path, V_CONTACTS, "{\"city\":\"Kraków\"}");
  g_assert_cmpuint (b->status, ==, 200);
  log = ghl_control (sb, "GET", "/_sandbox/log", NULL);
  g_assert_cmpuint (jlen (log->json, "requests"), ==, 2);
  g_assert_cmpstr (jstr (log->json, "requests.0.method"), ==, "GET");
  g_assert_cmpstr (jstr (log->json, "requests.0.path"), ==, path);
  g_assert_cmpstr (jstr (log->json, "requests.0.route"), ==, "/contacts/:contactId");
  g_assert_cmpstr (jstr (log->json, "requests.0.version"), ==, V_CONTACTS);
  g_assert_cmpint (jint (log->json, "requests.0.authorization"), ==, 1);
  g_assert_cmpint (jint (log->json, "requests.1.status"), ==, 200);
  g_assert_cmpstr (jstr (log->json, "requests.1.body"), ==, "{\"city\":\"Kraków\"}");
  g_assert_cmpstr (jstr (log->json, "requests.1.account"), ==,
                   liaison_sandbox_get_location_id (sb));
  counters = ghl_control (sb, "GET", "/_sandbox/counters", NULL);
  g_assert_cmpint (jint (counters->json, "total"), ==, 2);
  g_assert_cmpint (jint (counters->json, "routes.PUT /contacts/:contactId"), ==, 1);
  g_assert_cmpint (jint (counters->json, "statuses.200"), ==, 2);
}

static void
test_control_edits_records (void)
{
  g_autofree char *path = NULL, *id = NULL, *ctl = NULL, *search = NULL;
  g_autoptr (Resp) before = NULL, clock = NULL, edit = NULL, after = NULL, created = NULL,
                   found = NULL, del = NULL, gone = NULL;
  g_autoptr (Resp) bad = NULL, now = NULL;

  reset ();
  id = first_contact_id (sb);
  path = g_strdup_printf ("/contacts/%s", id);
  ctl = g_strdup_printf ("/_sandbox/ghl/contacts/%s", id);
  before = ghl (sb, "GET", path, V_CONTACTS, NULL);
  clock = ghl_control (sb, "POST", "/_sandbox/clock", "{\"advanceMs\": 3600000}");
  g_assert_cmpint (jint (clock->json, "offsetMs"), ==, 3600000);
  now = ghl_control (sb, "GET", "/_sandbox/clock", NULL);
  g_assert_cmpint (jint (now->json, "nowMs"), >=, g_get_real_time () / 1000 + 3600000 - 1000);
  edit = ghl_control (sb, "PATCH", ctl, "{\"firstName\":\"Édouard\",\"tags\":[\"from-ui\"]}");
  g_assert_cmpuint (edit->status, ==, 200);
  after = ghl (sb, "GET", path, V_CONTACTS, NULL);
  g_assert_cmpstr (jstr (after->json, "contact.firstName"), ==, "Édouard");
  g_assert_cmpstr (jstr (after->json, "contact.tags.0"), ==, "from-ui");
  g_assert_cmpstr (jstr (after->json, "contact.dateUpdated"), >,
                   jstr (before->json, "contact.dateUpdated"));

  created = ghl_control (
      sb, "POST", "/_sandbox/ghl/contacts",
      "{\"firstName\":\"王\",\"lastName\":\"芳\",\"email\":\"wang.fang@example.cn\"}");
  g_assert_cmpuint (created->status, ==, 201);
  search
      = g_strdup_printf ("/contacts/search/duplicate?locationId=%s&email=WANG.FANG%%40example.cn",
                         liaison_sandbox_get_location_id (sb));
  found = ghl (sb, "GET", search, V_CONTACTS, NULL);
  g_assert_cmpstr (jstr (found->json, "contact.name"), ==, "王 芳");
  del = ghl_control (sb, "DELETE", ctl, NULL);
  g_assert_cmpuint (del->status, ==, 200);
  gone = ghl (sb, "GET", path, V_CONTACTS, NULL);
  g_assert_cmpuint (gone->status, ==, 400);
  bad = ghl_control (sb, "GET", "/_sandbox/ghl/nonsense", NULL);
  g_assert_cmpuint (bad->status, ==, 404);
}

static void
test_token_expiry_control (void)
{
  g_autofree char *token = NULL;
  g_autoptr (Resp) before = NULL, expire = NULL, after = NULL, pit = NULL;

  reset ();
  token = second_location_token ();
  before = http (liaison_sandbox_get_ghl_url (sb), "GET", "/users/nobody", token, V_CONTACTS, NULL,
                 NULL);
  g_assert_cmpuint (before->status, ==, 400);
  expire = ghl_control (sb, "POST", "/_sandbox/ghl/tokens/expire", NULL);
  g_assert_cmpuint (expire->status, ==, 200);
  after = http (liaison_sandbox_get_ghl_url (sb), "GET", "/users/nobody", token, V_CONTACTS, NULL,
                NULL);
  g_assert_cmpuint (after->status, ==, 401);
  /* The private integration token does not expire. */
  pit = ghl (sb, "GET", "/users/nobody", V_CONTACTS, NULL);
  g_assert_cmpuint (pit->status, ==, 400);
}

static void
test_unknown_route (void)
{
  g_autoptr (Resp) r = ghl (sb, "GET", "/contacts/a/b/c/d", V_CONTACTS, NULL);

  g_assert_cmpuint (r->status, ==, 404);
  g_assert_cmpint (jint (r->json, "statusCode"), ==, 404);
  g_assert_nonnull (soup_message_headers_get_one (r->headers, "X-RateLimit-Remaining"));
}

static void
test_latency_option (void)
{
  LiaisonSandboxOptions options;
  g_autoptr (LiaisonSandbox) slow = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (Resp) r = NULL;
  gint64 t0;

  liaison_sandbox_options_init (&options);
  options.contacts = 3;
  options.latency_ms = 200;
  slow = liaison_sandbox_new (&options);
  g_assert_true (liaison_sandbox_start_in_thread (slow, &error));
  t0 = g_get_monotonic_time ();
  r = ghl (slow, "GET", "/users/nobody", V_CONTACTS, NULL);
  g_assert_cmpuint (r->status, ==, 400);
  g_assert_cmpint (g_get_monotonic_time () - t0, >=, 200000);
  liaison_sandbox_stop (slow);
}

/* ---- seed, state and the executable ---- */

static char *
all_contacts (LiaisonSandbox *sandbox)
{
  g_autofree char *path = g_strdup_printf ("/contacts/?locationId=%s&limit=100",
                                           liaison_sandbox_get_location_id (sandbox));
  g_autoptr (Resp) r = ghl (sandbox, "GET", path, V_CONTACTS, NULL);

  g_autoptr (JsonGenerator) gen = json_generator_new ();

  g_assert_cmpuint (r->status, ==, 200);
  /* Only the records: meta.nextPageUrl names the port. */
  json_generator_set_root (gen, jget (r->json, "contacts"));
  return json_generator_to_data (gen, NULL);
}

static void
test_seed_is_deterministic (void)
{
  g_autoptr (LiaisonSandbox) a = sandbox_start (7, 200, NULL);
  g_autoptr (LiaisonSandbox) b = sandbox_start (7, 200, NULL);
  g_autoptr (LiaisonSandbox) c = sandbox_start (8, 200, NULL);
  g_autofree char *ta = all_contacts (a);
  g_autofree char *tb = all_contacts (b);
  g_autofree char *tc = all_contacts (c);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GHashTable) emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) phones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *contacts;
  gboolean case_twin = FALSE, phone_twin = FALSE, non_latin = FALSE, accented = FALSE;

  g_assert_true (g_str_equal (ta, tb));
  g_assert_false (g_str_equal (ta, tc));
  g_assert_cmpstr (liaison_sandbox_get_client_id (a), ==, liaison_sandbox_get_client_id (b));
  g_assert_cmpstr (liaison_sandbox_get_lsq_access_key (a), ==,
                   liaison_sandbox_get_lsq_access_key (b));

  /* The awkward parts of the data set are there. */
  g_assert_true (json_parser_load_from_data (parser, ta, -1, NULL));
  contacts = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (contacts); i++)
    {
      JsonObject *contact = json_array_get_object_element (contacts, i);
      const char *email = json_object_get_string_member_with_default (contact, "email", NULL);
      const char *phone = json_object_get_string_member_with_default (contact, "phone", NULL);
      const char *name = json_object_get_string_member_with_default (contact, "name", "");
      g_autofree char *lower = email ? g_utf8_strdown (email, -1) : NULL;
      const char *seen = lower ? g_hash_table_lookup (emails, lower) : NULL;

      if (seen != NULL && g_strcmp0 (seen, email) != 0)
        case_twin = TRUE;
      if (lower != NULL)
        g_hash_table_replace (emails, g_strdup (lower), g_strdup (email));
      if (phone != NULL && !g_hash_table_add (phones, g_strdup (phone)))
        phone_twin = TRUE;
      for (const char *p = name; *p; p = g_utf8_next_char (p))
        {
          gunichar ch = g_utf8_get_char (p);

          non_latin
              |= g_unichar_get_script (ch) != G_UNICODE_SCRIPT_LATIN && g_unichar_isalpha (ch);
          accented |= ch > 0x7f && g_unichar_get_script (ch) == G_UNICODE_SCRIPT_LATIN;
        }
    }
  g_assert_true (case_twin || phone_twin);
  g_assert_true (non_latin);
  g_assert_true (accented);
}

static void
test_state_round_trip (void)
{
  g_autofree char *dir = g_dir_make_tmp ("liaison-sandbox-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "state.json", NULL);
  g_autofree char *id = NULL, *path = NULL, *client_id = NULL, *body = NULL;
  LiaisonSandbox *first = sandbox_start (11, 20, file);
  LiaisonSandbox *second;
  g_autoptr (Resp) made = NULL, got = NULL, clock = NULL;

  body = g_strdup_printf (
      "{\"locationId\":\"%s\",\"firstName\":\"Persistent\",\"email\":\"persist@example.com\"}",
      liaison_sandbox_get_location_id (first));
  made = ghl (first, "POST", "/contacts/", V_CONTACTS, body);
  g_assert_cmpuint (made->status, ==, 201);
  id = g_strdup (jstr (made->json, "contact.id"));
  client_id = g_strdup (liaison_sandbox_get_client_id (first));
  liaison_sandbox_stop (first);
  g_object_unref (first);
  g_assert_true (g_file_test (file, G_FILE_TEST_EXISTS));

  /* Another seed on the command line does not matter: the file wins. */
  second = sandbox_start (99, 20, file);
  g_assert_cmpstr (liaison_sandbox_get_client_id (second), ==, client_id);
  path = g_strdup_printf ("/contacts/%s", id);
  got = ghl (second, "GET", path, V_CONTACTS, NULL);
  g_assert_cmpuint (got->status, ==, 200);
  g_assert_cmpstr (jstr (got->json, "contact.firstName"), ==, "Persistent");
  clock = ghl_control (second, "POST", "/_sandbox/save", "{}");
  g_assert_cmpuint (clock->status, ==, 200);
  liaison_sandbox_stop (second);
  g_object_unref (second);
  g_remove (file);
  g_rmdir (dir);
}

static void
test_executable (void)
{
  const char *root = g_getenv ("LIAISON_BUILD_ROOT");
  g_autofree char *exe = NULL;
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GDataInputStream) in = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *line = NULL;
  const char *keys[] = { "ghl",
                         "lsq",
                         "authorize",
                         "client_id",
                         "client_secret",
                         "lsq_access_key",
                         "lsq_secret_key",
                         "location_id" };
  JsonObject *o;

  if (root == NULL)
    {
      g_test_skip ("LIAISON_BUILD_ROOT is not set");
      return;
    }
  exe = g_build_filename (root, "src", "sandbox", "liaison-sandbox", NULL);
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, exe, "--seed", "3", "--contacts",
                           "10", "--ghl-rate", "50/10s", NULL);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (json_parser_load_from_data (parser, line, -1, NULL));
  o = json_node_get_object (json_parser_get_root (parser));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_nonnull (json_object_get_string_member_with_default (o, keys[i], NULL));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (o, "ghl"), "http://127.0.0.1:"));
  {
    g_autofree char *path = g_strdup_printf ("/users/?locationId=%s",
                                             json_object_get_string_member (o, "location_id"));
    g_autoptr (Resp) r
        = http (json_object_get_string_member (o, "ghl"), "GET", path,
                json_object_get_string_member (o, "ghl_private_token"), V_CONTACTS, NULL, NULL);

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpstr (soup_message_headers_get_one (r->headers, "X-RateLimit-Max"), ==, "50");
  }
  g_subprocess_send_signal (proc, SIGTERM);
  g_assert_true (g_subprocess_wait (proc, NULL, &error));
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
}

int
main (int argc, char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  sb = sandbox_start (5, 40, NULL);
  g_test_add_func ("/sandbox/framework/rate-headers", test_rate_headers);
  g_test_add_func ("/sandbox/framework/burst-limit", test_burst_limit);
  g_test_add_func ("/sandbox/framework/daily-limit", test_daily_limit);
  g_test_add_func ("/sandbox/framework/faults", test_faults);
  g_test_add_func ("/sandbox/framework/faults-from-options", test_faults_from_options);
  g_test_add_func ("/sandbox/framework/counters-and-log", test_counters_and_log);
  g_test_add_func ("/sandbox/framework/control-edits", test_control_edits_records);
  g_test_add_func ("/sandbox/framework/expire-tokens", test_token_expiry_control);
  g_test_add_func ("/sandbox/framework/unknown-route", test_unknown_route);
  g_test_add_func ("/sandbox/framework/latency", test_latency_option);
  g_test_add_func ("/sandbox/framework/seed-determinism", test_seed_is_deterministic);
  g_test_add_func ("/sandbox/framework/state-round-trip", test_state_round_trip);
  g_test_add_func ("/sandbox/framework/executable", test_executable);
  ret = g_test_run ();
  liaison_sandbox_stop (sb);
  g_object_unref (sb);
  return ret;
}
