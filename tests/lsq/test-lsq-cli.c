/* test-lsq-cli.c: `liaison-cli lsq ...` run as a script would run it, with
 * LIAISON_LSQ_URL pointing at the in-process sandbox: JSON on stdout, clear
 * errors on stderr, exit status 0, 1 (the operation failed) or 2 (the
 * command line or environment cannot be used).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-lsq"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "cli-test-util.h"
#include "lsq-test-util.h"

typedef struct
{
  LiaisonSandbox *sandbox;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->sandbox = lsq_sandbox_start (30, "1000/1s", 0);
  lsq_sandbox_set_rate (f->sandbox, "bulk", 1000, 1000);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  liaison_sandbox_stop (f->sandbox);
  g_clear_object (&f->sandbox);
}

/* Runs liaison-cli lsq ARGS with the sandbox's URL and keys in the environment
 * (secret NULL: the right one; "" leaves the keys out). */
static void
run_with (Fixture *f, CliRun *run, const char *secret, const char *url, const char *const *args)
{
  gboolean keys = secret == NULL || *secret != '\0';
  const char *const env[] = {
    "LIAISON_LSQ_URL",
    url != NULL ? url : liaison_sandbox_get_lsq_url (f->sandbox),
    "LIAISON_LSQ_ACCESS_KEY",
    keys ? liaison_sandbox_get_lsq_access_key (f->sandbox) : NULL,
    "LIAISON_LSQ_SECRET_KEY",
    keys ? (secret != NULL ? secret : liaison_sandbox_get_lsq_secret_key (f->sandbox)) : NULL,
    NULL,
  };
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) "lsq");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  cli_test_run (run, NULL, env, NULL, (const char *const *) argv->pdata);
}

#define RUN(f, run, ...) run_with (f, run, NULL, NULL, (const char *const[]){ __VA_ARGS__, NULL })

static void
assert_ok (CliRun *run)
{
  if (run->status != 0)
    g_printerr ("stderr: %s\n", run->err);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_nonnull (run->json);
}

static const char *
member_string (JsonNode *node, const char *member)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_get_string_member_with_default (json_node_get_object (node), member, NULL);
}

static void
test_help_and_usage (Fixture *f, gconstpointer data)
{
  static const char *const operations[] = {
    "whoami",
    "users",
    "metadata",
    "leads get",
    "leads by-email",
    "leads by-phone",
    "leads recently-modified",
    "leads create",
    "leads update",
    "leads create-or-update",
    "leads bulk-create-or-update",
    "notes list",
    "notes create",
    "notes update",
    "tasks get",
    "tasks by-lead",
    "tasks create",
    "tasks update",
    "tasks complete",
    "appointments create",
    "appointments update",
  };
  g_auto (CliRun) help = { 0 };
  g_auto (CliRun) bare = { 0 };
  g_auto (CliRun) unknown = { 0 };
  g_auto (CliRun) no_since = { 0 };
  g_auto (CliRun) bad_time = { 0 };
  g_auto (CliRun) no_keys = { 0 };
  g_auto (CliRun) bad_url = { 0 };
  guint i;

  RUN (f, &help, "--help");
  g_assert_cmpint (help.status, ==, 0);
  for (i = 0; i < G_N_ELEMENTS (operations); i++)
    g_assert_nonnull (strstr (help.out, operations[i]));
  g_assert_nonnull (strstr (help.out, "LIAISON_LSQ_URL"));

  run_with (f, &bare, NULL, NULL, (const char *const[]){ NULL });
  g_assert_cmpint (bare.status, ==, 2);
  g_assert_nonnull (strstr (bare.err, "leads recently-modified"));

  RUN (f, &unknown, "leads", "delete", "x");
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "there is no command “leads delete”"));

  RUN (f, &no_since, "leads", "recently-modified");
  g_assert_cmpint (no_since.status, ==, 2);
  g_assert_nonnull (strstr (no_since.err, "needs --since TIME"));
  RUN (f, &bad_time, "leads", "recently-modified", "--since", "yesterday-ish");
  g_assert_cmpint (bad_time.status, ==, 2);
  g_assert_nonnull (strstr (bad_time.err, "“yesterday-ish” is not a time"));

  run_with (f, &no_keys, "", NULL, (const char *const[]){ "users", NULL });
  g_assert_cmpint (no_keys.status, ==, 2);
  g_assert_nonnull (strstr (no_keys.err, "LIAISON_LSQ_ACCESS_KEY"));
  run_with (f, &bad_url, NULL, "http://lsq.example.com", (const char *const[]){ "users", NULL });
  g_assert_cmpint (bad_url.status, ==, 2);
  g_assert_nonnull (strstr (bad_url.err, "use https"));
  /* Nothing reached the sandbox. */
  g_assert_cmpint (lsq_route_count (f->sandbox, "GET /v2/UserManagement.svc/Users.Get"), ==, 0);
}

static void
test_account (Fixture *f, gconstpointer data)
{
  g_auto (CliRun) whoami = { 0 };
  g_auto (CliRun) users = { 0 };
  g_auto (CliRun) metadata = { 0 };
  g_auto (CliRun) refused = { 0 };
  JsonArray *fields;
  gboolean email = FALSE;
  guint i;

  RUN (f, &whoami, "whoami");
  assert_ok (&whoami);
  g_assert_cmpstr (member_string (whoami.json, "apiUrl"), ==,
                   liaison_sandbox_get_lsq_url (f->sandbox));

  RUN (f, &users, "users");
  assert_ok (&users);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (users.json));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (users.json)), >=, 2);

  RUN (f, &metadata, "metadata");
  assert_ok (&metadata);
  fields = json_node_get_array (metadata.json);
  for (i = 0; i < json_array_get_length (fields); i++)
    if (g_strcmp0 (member_string (json_array_get_element (fields, i), "key"), "EmailAddress") == 0)
      email = TRUE;
  g_assert_true (email);

  run_with (f, &refused, "wrong-secret", NULL, (const char *const[]){ "users", NULL });
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_cmpstr (refused.out, ==, "");
  g_assert_nonnull (strstr (refused.err, "did not accept the credentials"));
  g_assert_null (strstr (refused.err, "wrong-secret"));
}

static void
test_leads (Fixture *f, gconstpointer data)
{
  g_auto (CliRun) page = { 0 };
  g_auto (CliRun) all = { 0 };
  g_auto (CliRun) upsert = { 0 };
  g_auto (CliRun) again = { 0 };
  g_auto (CliRun) got = { 0 };
  g_auto (CliRun) by_email = { 0 };
  g_auto (CliRun) update = { 0 };
  g_auto (CliRun) changed = { 0 };
  g_auto (CliRun) missing = { 0 };
  JsonObject *object;
  g_autofree char *id = NULL;
  gint64 record_count;

  RUN (f, &page, "leads", "recently-modified", "--since", "2000-01-01", "--until", "2100-01-01",
       "--page-size", "5");
  assert_ok (&page);
  object = json_node_get_object (page.json);
  record_count = json_object_get_int_member (object, "recordCount");
  g_assert_cmpint (record_count, >, 10);
  g_assert_true (json_object_get_boolean_member (object, "more"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "leads")), ==, 5);

  RUN (f, &all, "leads", "recently-modified", "--since", "2000-01-01 00:00:00", "--page-size", "4",
       "--all");
  assert_ok (&all);
  object = json_node_get_object (all.json);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "leads")), ==,
                    record_count);
  g_assert_false (json_object_get_boolean_member (object, "more"));
  g_assert_cmpint (json_object_get_int_member (object, "pages"), ==, (record_count + 4) / 4);

  RUN (f, &upsert, "leads", "create-or-update", "--search-by", "EmailAddress",
       "EmailAddress=cli@example.com", "FirstName=Cli", "mx_City=Pune");
  assert_ok (&upsert);
  id = g_strdup (member_string (upsert.json, "id"));
  g_assert_nonnull (id);
  RUN (f, &again, "leads", "create-or-update", "EmailAddress=cli@example.com", "LastName=Again");
  assert_ok (&again);
  g_assert_cmpstr (member_string (again.json, "id"), ==, id);

  RUN (f, &got, "leads", "get", id);
  assert_ok (&got);
  g_assert_cmpstr (member_string (got.json, "kind"), ==, "lead");
  g_assert_cmpstr (member_string (got.json, "firstName"), ==, "Cli");
  g_assert_cmpstr (member_string (got.json, "lastName"), ==, "Again");
  g_assert_cmpstr (member_string (got.json, "city"), ==, "Pune");
  g_assert_nonnull (member_string (got.json, "dateUpdated"));

  RUN (f, &by_email, "leads", "by-email", "cli@example.com");
  assert_ok (&by_email);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (by_email.json)), ==, 1);

  RUN (f, &update, "leads", "update", id, "FirstName=Changed");
  assert_ok (&update);
  RUN (f, &changed, "leads", "get", id);
  assert_ok (&changed);
  g_assert_cmpstr (member_string (changed.json, "firstName"), ==, "Changed");

  RUN (f, &missing, "leads", "get", "00000000-0000-4000-8000-000000000009");
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_cmpstr (missing.out, ==, "");
  g_assert_nonnull (strstr (missing.err, "has no lead with id"));
}

static void
test_bulk (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) text = g_string_new ("[");
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (CliRun) bulk = { 0 };
  JsonArray *rows;
  guint i;
  int fd;

  for (i = 0; i < 30; i++)
    g_string_append_printf (text,
                            "%s{\"EmailAddress\":\"cli-bulk%u@example.com\",\"FirstName\":"
                            "\"Row\",\"mx_Number_of_Visits\":\"%s\"}",
                            i > 0 ? "," : "", i, i == 12 ? "lots" : "3");
  g_string_append (text, "]");
  fd = g_file_open_tmp ("lsq-bulk-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, text->str, -1, &error);
  g_assert_no_error (error);

  RUN (f, &bulk, "leads", "bulk-create-or-update", "--search-by", "EmailAddress", path);
  /* One refused row: the rows are printed and the exit status says so. */
  g_assert_cmpint (bulk.status, ==, 1);
  g_assert_nonnull (strstr (bulk.err, "1 of 30 leads were not written"));
  g_assert_nonnull (bulk.json);
  rows = json_node_get_array (bulk.json);
  g_assert_cmpuint (json_array_get_length (rows), ==, 30);
  g_assert_nonnull (member_string (json_array_get_element (rows, 11), "leadId"));
  g_assert_null (member_string (json_array_get_element (rows, 12), "leadId"));
  g_assert_nonnull (strstr (member_string (json_array_get_element (rows, 12), "error"), "lots"));
  g_assert_cmpint (
      lsq_route_count (f->sandbox, "POST /v2/LeadManagement.svc/Lead/Bulk/CreateOrUpdate"), ==, 2);

  /* An empty (or blank) file is a usage error, not a Json-CRITICAL; nothing is sent. */
  {
    g_auto (CliRun) empty = { 0 };
    g_auto (CliRun) deep = { 0 };
    g_autoptr (GString) nested = g_string_new (NULL);

    g_file_set_contents (path, " \n", -1, &error);
    g_assert_no_error (error);
    RUN (f, &empty, "leads", "bulk-create-or-update", path);
    g_assert_cmpint (empty.status, ==, 2);
    g_assert_nonnull (strstr (empty.err, "the file is empty; expected a JSON array"));
    g_assert_null (strstr (empty.err, "CRITICAL"));

    for (i = 0; i < 100000; i++)
      g_string_append_c (nested, '[');
    g_file_set_contents (path, nested->str, -1, &error);
    g_assert_no_error (error);
    RUN (f, &deep, "leads", "bulk-create-or-update", path);
    g_assert_cmpint (deep.status, ==, 2);
    g_assert_nonnull (strstr (deep.err, "JSON nested deeper than 64 levels"));
    g_assert_cmpint (
        lsq_route_count (f->sandbox, "POST /v2/LeadManagement.svc/Lead/Bulk/CreateOrUpdate"), ==,
        2);
  }
  g_unlink (path);
}

static void
test_notes_and_tasks (Fixture *f, gconstpointer data)
{
  g_auto (CliRun) lead = { 0 };
  g_auto (CliRun) note = { 0 };
  g_auto (CliRun) note_update = { 0 };
  g_auto (CliRun) notes = { 0 };
  g_auto (CliRun) task = { 0 };
  g_auto (CliRun) complete = { 0 };
  g_auto (CliRun) task_get = { 0 };
  g_auto (CliRun) meeting = { 0 };
  g_auto (CliRun) meeting_get = { 0 };
  g_auto (CliRun) by_lead = { 0 };
  g_auto (CliRun) details = { 0 };
  g_auto (CliRun) no_type = { 0 };
  g_autofree char *lead_id = NULL;
  g_autofree char *note_id = NULL;
  g_autofree char *task_id = NULL;
  g_autofree char *meeting_id = NULL;
  JsonArray *notes_array, *items;
  gboolean found = FALSE;
  guint i, n_appointments = 0;

  RUN (f, &lead, "leads", "create", "EmailAddress=cli-notes@example.com", "FirstName=Notes");
  assert_ok (&lead);
  lead_id = g_strdup (member_string (lead.json, "id"));

  RUN (f, &note, "notes", "create", lead_id, "First call went well");
  assert_ok (&note);
  note_id = g_strdup (member_string (note.json, "id"));
  RUN (f, &note_update, "notes", "update", lead_id, note_id, "Second thoughts");
  assert_ok (&note_update);
  RUN (f, &notes, "notes", "list", lead_id);
  assert_ok (&notes);
  notes_array = json_node_get_array (notes.json);
  g_assert_cmpuint (json_array_get_length (notes_array), ==, 1);
  g_assert_cmpstr (member_string (json_array_get_element (notes_array, 0), "body"), ==,
                   "Second thoughts");

  RUN (f, &task, "tasks", "create", lead_id, "--type", "Follow Up", "--title", "Send the quote",
       "--due", "2026-04-01T09:00:00Z");
  assert_ok (&task);
  task_id = g_strdup (member_string (task.json, "id"));
  RUN (f, &complete, "tasks", "complete", task_id);
  assert_ok (&complete);
  RUN (f, &task_get, "tasks", "get", task_id);
  assert_ok (&task_get);
  g_assert_cmpstr (member_string (task_get.json, "kind"), ==, "task");
  g_assert_cmpstr (member_string (task_get.json, "dueDate"), ==, "2026-04-01T09:00:00.000Z");
  g_assert_true (
      json_object_get_boolean_member (json_node_get_object (task_get.json), "completed"));

  RUN (f, &meeting, "appointments", "create", lead_id, "--type", "Meeting", "--title", "Fitting",
       "--start", "2026-04-02 10:00:00", "--end", "2026-04-02 11:00:00", "--location", "Room 1");
  assert_ok (&meeting);
  meeting_id = g_strdup (member_string (meeting.json, "id"));
  RUN (f, &meeting_get, "tasks", "get", meeting_id);
  assert_ok (&meeting_get);
  g_assert_cmpstr (member_string (meeting_get.json, "kind"), ==, "appointment");
  g_assert_cmpstr (member_string (meeting_get.json, "startTime"), ==, "2026-04-02T10:00:00.000Z");
  g_assert_cmpstr (member_string (meeting_get.json, "address"), ==, "Room 1");

  RUN (f, &by_lead, "tasks", "by-lead", lead_id);
  assert_ok (&by_lead);
  items = json_node_get_array (by_lead.json);
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  for (i = 0; i < 2; i++)
    if (g_strcmp0 (member_string (json_array_get_element (items, i), "id"), task_id) == 0)
      found = TRUE;
  g_assert_true (found);
  RUN (f, &details, "tasks", "by-lead", lead_id, "--details");
  assert_ok (&details);
  items = json_node_get_array (details.json);
  for (i = 0; i < json_array_get_length (items); i++)
    if (g_strcmp0 (member_string (json_array_get_element (items, i), "kind"), "appointment") == 0)
      n_appointments++;
  g_assert_cmpuint (n_appointments, ==, 1);

  RUN (f, &no_type, "tasks", "create", lead_id, "--title", "No type");
  g_assert_cmpint (no_type.status, ==, 2);
  g_assert_nonnull (strstr (no_type.err, "needs --type and --title"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/lsq/cli/help-and-usage", test_help_and_usage);
  ADD ("/lsq/cli/account", test_account);
  ADD ("/lsq/cli/leads", test_leads);
  ADD ("/lsq/cli/bulk", test_bulk);
  ADD ("/lsq/cli/notes-and-tasks", test_notes_and_tasks);
#undef ADD

  return g_test_run ();
}
