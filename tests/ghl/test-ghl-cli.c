/* test-ghl-cli.c: `liaison-cli ghl ...` as a script runs it: the built
 * executable against the in-process sandbox, checking the JSON on stdout,
 * the message on stderr, the exit status, and what reached the sandbox.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "cli-test-util.h"
#include "ghl-test-util.h"

static LiaisonSandbox *sandbox;

/* Runs liaison-cli ghl ARGS with the sandbox's credentials and no traces in the environment.
 * env: NULL-terminated NAME, VALUE pairs that replace the sandbox's credentials (a NULL VALUE
 * unsets). */
static void
run_env (CliRun *cli, const char *const *env, const char *first_arg, va_list args)
{
  const char *const sandbox_env[] = {
    "LIAISON_GHL_URL",      liaison_sandbox_get_ghl_url (sandbox),
    "LIAISON_GHL_TOKEN",    liaison_sandbox_get_private_token (sandbox),
    "LIAISON_GHL_LOCATION", liaison_sandbox_get_location_id (sandbox),
    "LIAISON_DEBUG",        NULL,
    "G_MESSAGES_DEBUG",     NULL,
    NULL,
  };
  g_autoptr (GPtrArray) all = cli_test_env_join (sandbox_env, env);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) "ghl");
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);
  cli_test_run (cli, NULL, (const char *const *) all->pdata, NULL,
                (const char *const *) argv->pdata);
}

static void
run (CliRun *cli, const char *first_arg, ...)
{
  va_list args;

  va_start (args, first_arg);
  run_env (cli, NULL, first_arg, args);
  va_end (args);
}

static void
run_with (CliRun *cli, const char *const *env, const char *first_arg, ...)
{
  va_list args;

  va_start (args, first_arg);
  run_env (cli, env, first_arg, args);
  va_end (args);
}

/* Success: exit 0, JSON on stdout, nothing on stderr. */
static JsonNode *
ok (CliRun *cli)
{
  if (cli->status != 0)
    g_test_message ("stderr: %s", cli->err);
  g_assert_cmpint (cli->status, ==, 0);
  g_assert_cmpstr (cli->err, ==, "");
  g_assert_nonnull (cli->json);
  return cli->json;
}

/* A usage error: exit 2, a message naming the problem, nothing sent. */
static void
usage (CliRun *cli, const char *says)
{
  g_assert_cmpint (cli->status, ==, 2);
  g_assert_cmpstr (cli->out, ==, "");
  g_assert_nonnull (strstr (cli->err, says));
}

static guint
requests_seen (void)
{
  g_autoptr (JsonNode) log = ghl_log (sandbox);

  return json_array_get_length (json_node_get_array (log));
}

static const char *
contact_id (void)
{
  static char *id;
  g_autoptr (JsonNode) keep = NULL;

  if (id == NULL)
    id = g_strdup (
        json_object_get_string_member (ghl_seeded (sandbox, "contacts", NULL, &keep), "id"));
  return id;
}

static void
test_help (void)
{
  g_auto (CliRun) help = { 0 };
  g_auto (CliRun) bare = { 0 };
  g_auto (CliRun) one = { 0 };
  const char *operations[] = { "contacts get ID",
                               "contacts search",
                               "contacts create",
                               "contacts update",
                               "contacts upsert",
                               "contacts delete",
                               "contacts duplicate",
                               "contacts by-business",
                               "contacts appointments",
                               "tags add",
                               "tags remove",
                               "tasks list",
                               "tasks get",
                               "tasks create",
                               "tasks update",
                               "tasks complete",
                               "tasks delete",
                               "notes list",
                               "notes get",
                               "notes create",
                               "notes update",
                               "notes delete",
                               "calendars list",
                               "calendars get",
                               "calendars free-slots",
                               "calendars events",
                               "appointments create",
                               "appointments update",
                               "appointments delete",
                               "custom-fields",
                               "users",
                               "LIAISON_GHL_TOKEN" };
  guint i;

  run (&help, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  for (i = 0; i < G_N_ELEMENTS (operations); i++)
    g_assert_nonnull (strstr (help.out, operations[i]));

  run (&bare, NULL);
  g_assert_cmpint (bare.status, ==, 2);
  g_assert_nonnull (strstr (bare.err, "contacts search"));

  /* One operation's options, without credentials. */
  {
    const char *const no_token[] = { "LIAISON_GHL_TOKEN", NULL, NULL };

    run_with (&one, no_token, "calendars", "free-slots", "--help", NULL);
  }
  g_assert_cmpint (one.status, ==, 0);
  g_assert_nonnull (strstr (one.out, "--tz"));
  g_assert_nonnull (strstr (one.out, "--from"));
}

static void
test_environment (void)
{
  const char *const neither[] = { "LIAISON_GHL_TOKEN", NULL, "LIAISON_GHL_LOCATION", NULL, NULL };
  const char *const no_location[] = { "LIAISON_GHL_LOCATION", "", NULL };
  const char *const plain_http[] = { "LIAISON_GHL_URL", "http://example.com", NULL };
  g_auto (CliRun) missing = { 0 };
  g_auto (CliRun) half = { 0 };
  g_auto (CliRun) insecure = { 0 };

  run_with (&missing, neither, "users", NULL);
  usage (&missing, "LIAISON_GHL_TOKEN and LIAISON_GHL_LOCATION are not set");
  run_with (&half, no_location, "users", NULL);
  usage (&half, "LIAISON_GHL_LOCATION is not set");
  g_assert_nonnull (strstr (half.err, "LIAISON_GHL_TOKEN"));
  run_with (&insecure, plain_http, "users", NULL);
  usage (&insecure, "LIAISON_GHL_URL");
  g_assert_nonnull (strstr (insecure.err, "https"));
}

static void
test_usage_errors (void)
{
  g_auto (CliRun) group = { 0 };
  g_auto (CliRun) action = { 0 };
  g_auto (CliRun) missing = { 0 };
  g_auto (CliRun) extra = { 0 };
  g_auto (CliRun) field = { 0 };
  g_auto (CliRun) zone = { 0 };
  g_auto (CliRun) date = { 0 };
  g_auto (CliRun) status = { 0 };
  guint before;

  ghl_clear_log (sandbox);
  before = requests_seen ();
  run (&group, "leads", NULL);
  usage (&group, "no group “leads”");
  run (&action, "contacts", "frob", NULL);
  usage (&action, "no action “frob”");
  run (&missing, "contacts", "get", NULL);
  usage (&missing, "missing arguments");
  run (&extra, "users", "now", NULL);
  usage (&extra, "unexpected argument “now”");
  run (&field, "contacts", "create", "shoeSize=44", NULL);
  usage (&field, "“shoeSize” is not a field");
  run (&zone, "calendars", "free-slots", "cal", "--from", "2026-02-02", "--to", "2026-02-03",
       "--tz", "Mars/Olympus", NULL);
  usage (&zone, "Mars/Olympus");
  run (&date, "contacts", "search", "--updated-since", "last tuesday", NULL);
  usage (&date, "--updated-since");
  run (&status, "appointments", "update", "ev1", "--status", "maybe", NULL);
  usage (&status, "--status");
  g_assert_cmpuint (requests_seen (), ==, before);
}

static void
test_contacts (void)
{
  g_auto (CliRun) got = { 0 };
  g_auto (CliRun) unknown = { 0 };
  g_auto (CliRun) created = { 0 };
  g_auto (CliRun) updated = { 0 };
  g_auto (CliRun) upserted = { 0 };
  g_auto (CliRun) duplicate = { 0 };
  g_auto (CliRun) nobody = { 0 };
  g_auto (CliRun) tagged = { 0 };
  g_auto (CliRun) untagged = { 0 };
  g_auto (CliRun) deleted = { 0 };
  g_auto (CliRun) gone = { 0 };
  const char *const slice_malloc[] = { "G_SLICE", "always-malloc", NULL };
  g_autofree char *id = NULL;
  JsonNode *json;

  run (&got, "contacts", "get", contact_id (), NULL);
  json = ok (&got);
  g_assert_cmpstr (jstr (json, "id"), ==, contact_id ());
  g_assert_nonnull (jstr (json, "dateUpdated"));

  run (&unknown, "contacts", "get", "no-such-contact", NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_cmpstr (unknown.out, ==, "");
  g_assert_nonnull (strstr (unknown.err, "Could not get the contact"));

  run (&created, "contacts", "create", "firstName=Grace", "lastName=Hopper",
       "email=grace.hopper@example.net", "tags=navy, cobol", "dnd=true", NULL);
  json = ok (&created);
  id = g_strdup (jstr (json, "id"));
  g_assert_nonnull (id);
  g_assert_cmpstr (jstr (json, "firstName"), ==, "Grace");
  g_assert_true (jint (json, "dnd"));
  g_assert_cmpstr (jstr (json, "tags.1"), ==, "cobol");

  /* Only the named fields change; dnd and the tags stay as they were. "timezone" is the one
   * field whose property is not its name in dashes. With every allocation a malloc, a leak on
   * that path is one LeakSanitizer sees. */
  run_with (&updated, slice_malloc, "contacts", "update", id, "city=Arlington",
            "timezone=America/Chicago", NULL);
  json = ok (&updated);
  g_assert_cmpstr (jstr (json, "city"), ==, "Arlington");
  g_assert_cmpstr (jstr (json, "timeZone"), ==, "America/Chicago");
  g_assert_cmpstr (jstr (json, "lastName"), ==, "Hopper");
  g_assert_true (jint (json, "dnd"));
  g_assert_cmpuint (jlen (json, "tags"), ==, 2);

  run (&upserted, "contacts", "upsert", "email=grace.hopper@example.net", "firstName=Grace",
       "lastName=Hopper", NULL);
  json = ok (&upserted);
  g_assert_false (jint (json, "new"));
  g_assert_cmpstr (jstr (json, "contact.id"), ==, id);

  run (&duplicate, "contacts", "duplicate", "--email", "grace.hopper@example.net", NULL);
  g_assert_cmpstr (jstr (ok (&duplicate), "id"), ==, id);
  run (&nobody, "contacts", "duplicate", "--email", "nobody@nowhere.invalid", NULL);
  g_assert_true (JSON_NODE_HOLDS_NULL (ok (&nobody)));

  run (&tagged, "tags", "add", id, "speaker", "admiral", NULL);
  json = ok (&tagged);
  g_assert_cmpstr (jstr (json, "id"), ==, id);
  g_assert_cmpuint (jlen (json, "tags"), ==, 4);
  run (&untagged, "tags", "remove", id, "navy", NULL);
  g_assert_cmpuint (jlen (ok (&untagged), "tags"), ==, 3);

  run (&deleted, "contacts", "delete", id, NULL);
  json = ok (&deleted);
  g_assert_cmpstr (jstr (json, "id"), ==, id);
  g_assert_true (jint (json, "deleted"));
  run (&gone, "contacts", "get", id, NULL);
  g_assert_cmpint (gone.status, ==, 1);
}

static void
test_search (void)
{
  g_auto (CliRun) first = { 0 };
  g_auto (CliRun) rest = { 0 };
  g_auto (CliRun) all = { 0 };
  g_auto (CliRun) by_email = { 0 };
  g_autoptr (JsonNode) keep = NULL;
  JsonObject *seeded = ghl_seeded (sandbox, "contacts", NULL, &keep);
  JsonNode *json;
  gint64 total;

  run (&all, "contacts", "search", "--page-size", "50", NULL);
  json = ok (&all);
  total = jint (json, "total");
  g_assert_cmpint (jint (json, "count"), ==, total);
  g_assert_cmpint (jint (json, "pages"), ==, total / 50 + 1);
  g_assert_true (JSON_NODE_HOLDS_NULL (jget (json, "nextCursor")));

  /* Stopped by --limit, then resumed from nextCursor. */
  run (&first, "contacts", "search", "--limit", "30", "--page-size", "10", NULL);
  json = ok (&first);
  g_assert_cmpint (jint (json, "count"), ==, 30);
  g_assert_cmpint (jint (json, "pages"), ==, 3);
  g_assert_nonnull (jstr (json, "nextCursor"));
  run (&rest, "contacts", "search", "--cursor", jstr (json, "nextCursor"), NULL);
  g_assert_cmpint (jint (ok (&rest), "count"), ==, total - 30);
  g_assert_cmpstr (jstr (rest.json, "contacts.0.id"), ==, jstr (all.json, "contacts.30.id"));

  run (&by_email, "contacts", "search", "--email", json_object_get_string_member (seeded, "email"),
       NULL);
  json = ok (&by_email);
  g_assert_cmpint (jint (json, "count"), ==, 1);
  g_assert_cmpstr (jstr (json, "contacts.0.id"), ==, json_object_get_string_member (seeded, "id"));
}

static void
test_tasks_and_notes (void)
{
  g_auto (CliRun) created = { 0 };
  g_auto (CliRun) listed = { 0 };
  g_auto (CliRun) got = { 0 };
  g_auto (CliRun) updated = { 0 };
  g_auto (CliRun) completed = { 0 };
  g_auto (CliRun) deleted = { 0 };
  g_auto (CliRun) note = { 0 };
  g_auto (CliRun) notes = { 0 };
  g_auto (CliRun) note_got = { 0 };
  g_auto (CliRun) note_updated = { 0 };
  g_auto (CliRun) note_deleted = { 0 };
  g_autofree char *task = NULL;
  g_autofree char *note_id = NULL;
  JsonNode *json;

  run (&created, "tasks", "create", contact_id (), "--title", "Send the quote", "--due",
       "2026-03-02T09:00:00", "--tz", "America/New_York", NULL);
  json = ok (&created);
  task = g_strdup (jstr (json, "id"));
  g_assert_cmpstr (jstr (json, "dueDate"), ==, "2026-03-02T14:00:00.000Z");
  run (&listed, "tasks", "list", contact_id (), NULL);
  g_assert_cmpuint (jlen (ok (&listed), ""), >, 0);
  run (&got, "tasks", "get", contact_id (), task, NULL);
  g_assert_cmpstr (jstr (ok (&got), "title"), ==, "Send the quote");
  run (&completed, "tasks", "complete", contact_id (), task, NULL);
  g_assert_true (jint (ok (&completed), "completed"));
  /* Renaming keeps the task done. */
  run (&updated, "tasks", "update", contact_id (), task, "--title", "Send the signed quote", NULL);
  json = ok (&updated);
  g_assert_cmpstr (jstr (json, "title"), ==, "Send the signed quote");
  g_assert_true (jint (json, "completed"));
  run (&deleted, "tasks", "delete", contact_id (), task, NULL);
  g_assert_true (jint (ok (&deleted), "deleted"));

  run (&note, "notes", "create", contact_id (), "--body", "Met at the fair", NULL);
  note_id = g_strdup (jstr (ok (&note), "id"));
  run (&notes, "notes", "list", contact_id (), NULL);
  g_assert_cmpuint (jlen (ok (&notes), ""), >, 0);
  run (&note_got, "notes", "get", contact_id (), note_id, NULL);
  g_assert_cmpstr (jstr (ok (&note_got), "body"), ==, "Met at the fair");
  run (&note_updated, "notes", "update", contact_id (), note_id, "--body", "Met at the trade fair",
       NULL);
  g_assert_cmpstr (jstr (ok (&note_updated), "body"), ==, "Met at the trade fair");
  run (&note_deleted, "notes", "delete", contact_id (), note_id, NULL);
  g_assert_true (jint (ok (&note_deleted), "deleted"));
}

/* The reproduction of issue 10: "tasks delete CONTACT_ID .." used to send
 * DELETE /contacts/CONTACT_ID/ and delete the contact. */
static void
test_dot_dot_id (void)
{
  g_auto (CliRun) deleted = { 0 };
  g_auto (CliRun) still = { 0 };
  guint before = requests_seen ();

  run (&deleted, "tasks", "delete", contact_id (), "..", NULL);
  g_assert_cmpint (deleted.status, ==, 1);
  g_assert_cmpstr (deleted.out, ==, "");
  g_assert_nonnull (strstr (deleted.err, "“..” is not a valid HighLevel id"));
  g_assert_nonnull (strstr (deleted.err, "nothing was sent"));
  g_assert_cmpuint (requests_seen (), ==, before);

  run (&still, "contacts", "get", contact_id (), NULL);
  g_assert_cmpstr (jstr (ok (&still), "id"), ==, contact_id ());
}

static void
test_calendars (void)
{
  g_auto (CliRun) calendars = { 0 };
  g_auto (CliRun) calendar = { 0 };
  g_auto (CliRun) slots = { 0 };
  g_auto (CliRun) booked = { 0 };
  g_auto (CliRun) events = { 0 };
  g_auto (CliRun) mine = { 0 };
  g_auto (CliRun) moved = { 0 };
  g_auto (CliRun) deleted = { 0 };
  g_auto (CliRun) fields = { 0 };
  g_auto (CliRun) users = { 0 };
  /* A fixed Monday morning in Asia/Kolkata, late evening the day before in
   * UTC: the days asked for are Kolkata's, and so are the days the booked
   * event is looked for in, whatever the machine's clock says. */
  g_autoptr (GDateTime) now = ghl_pin_clock (sandbox, "2026-03-01T20:30:00Z");
  g_autoptr (GDateTime) first = NULL;
  const char *from = "2026-03-03";
  const char *to = "2026-03-06";
  g_autofree char *cal = NULL;
  g_autofree char *event = NULL;
  const char *local;
  JsonNode *json;

  run (&calendars, "calendars", "list", NULL);
  cal = g_strdup (jstr (ok (&calendars), "0.id"));
  g_assert_nonnull (cal);
  run (&calendar, "calendars", "get", cal, NULL);
  g_assert_cmpstr (jstr (ok (&calendar), "id"), ==, cal);

  run (&slots, "calendars", "free-slots", cal, "--from", from, "--to", to, "--tz", "Asia/Kolkata",
       "--slot-minutes", "30", NULL);
  json = ok (&slots);
  g_assert_cmpuint (jlen (json, ""), >, 1);
  /* Shown in the zone asked for, beside UTC. */
  local = jstr (json, "0.localStart");
  g_assert_nonnull (local);
  g_assert_true (g_str_has_suffix (local, "+05:30"));
  /* The first free slot is on the first day asked for, in Kolkata. */
  g_assert_true (g_str_has_prefix (local, "2026-03-03T"));
  first = g_date_time_new_from_iso8601 (jstr (json, "0.startTime"), NULL);
  g_assert_nonnull (first);
  g_assert_cmpint (g_date_time_compare (first, now), >, 0);

  run (&booked, "appointments", "create", "--calendar", cal, "--contact", contact_id (), "--start",
       jstr (json, "0.startTime"), "--end", jstr (json, "0.endTime"), "--title", "Demo", "--status",
       "confirmed", NULL);
  json = ok (&booked);
  event = g_strdup (jstr (json, "id"));
  g_assert_cmpstr (jstr (json, "status"), ==, "confirmed");

  run (&events, "calendars", "events", "--calendar", cal, "--from", from, "--to", to, "--tz",
       "Asia/Kolkata", NULL);
  g_assert_cmpuint (jlen (ok (&events), ""), >, 0);
  run (&mine, "contacts", "appointments", contact_id (), NULL);
  g_assert_cmpuint (jlen (ok (&mine), ""), >, 0);

  run (&moved, "appointments", "update", event, "--title", "Demo (moved)", NULL);
  g_assert_cmpstr (jstr (ok (&moved), "title"), ==, "Demo (moved)");
  run (&deleted, "appointments", "delete", event, NULL);
  g_assert_true (jint (ok (&deleted), "deleted"));

  run (&fields, "custom-fields", NULL);
  g_assert_nonnull (jstr (ok (&fields), "0.id"));
  g_assert_nonnull (jstr (fields.json, "0.dataType"));
  run (&users, "users", NULL);
  g_assert_nonnull (jstr (ok (&users), "0.id"));
  ghl_unpin_clock (sandbox);
}

static void
test_faults_and_tracing (void)
{
  const char *const traced[] = { "LIAISON_DEBUG", "http", NULL };
  g_auto (CliRun) retried = { 0 };
  g_auto (CliRun) malformed = { 0 };
  g_auto (CliRun) trace = { 0 };

  ghl_clear_log (sandbox);
  ghl_add_fault (sandbox, "GET /contacts/*=503,count=1");
  run (&retried, "contacts", "get", contact_id (), NULL);
  g_assert_cmpstr (jstr (ok (&retried), "id"), ==, contact_id ());
  g_assert_cmpuint (requests_seen (), ==, 2);

  /* Broken every time (a broken body once is read again). */
  ghl_add_fault (sandbox, "GET /contacts/*=malformed");
  run (&malformed, "contacts", "get", contact_id (), NULL);
  g_assert_cmpint (malformed.status, ==, 1);
  g_assert_cmpstr (malformed.out, ==, "");
  g_assert_nonnull (strstr (malformed.err, "malformed JSON"));
  ghl_clear_faults (sandbox);

  /* Traces go to stderr, stdout stays JSON, the token stays out. */
  run_with (&trace, traced, "contacts", "get", contact_id (), NULL);
  g_assert_cmpint (trace.status, ==, 0);
  g_assert_nonnull (trace.json);
  g_assert_nonnull (strstr (trace.err, "GET /contacts/"));
  g_assert_nonnull (strstr (trace.err, "Authorization: [redacted]"));
  g_assert_null (strstr (trace.err, liaison_sandbox_get_private_token (sandbox)));
  g_assert_null (strstr (trace.out, "liaison-http"));
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("LIAISON_CLI"));
  sandbox = ghl_sandbox_new (60, NULL, 0);

  g_test_add_func ("/ghl/cli/help", test_help);
  g_test_add_func ("/ghl/cli/environment", test_environment);
  g_test_add_func ("/ghl/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/ghl/cli/contacts", test_contacts);
  g_test_add_func ("/ghl/cli/search", test_search);
  g_test_add_func ("/ghl/cli/tasks-and-notes", test_tasks_and_notes);
  g_test_add_func ("/ghl/cli/dot-dot-id", test_dot_dot_id);
  g_test_add_func ("/ghl/cli/calendars", test_calendars);
  g_test_add_func ("/ghl/cli/faults-and-tracing", test_faults_and_tracing);

  status = g_test_run ();
  liaison_sandbox_stop (sandbox);
  g_object_unref (sandbox);
  return status;
}
