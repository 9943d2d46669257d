/* test-cli-book.c: `liaison-cli book` end to end: the built executable connects to the
 * in-process sandbox (keyring of build-aux/headless), finds the contact by e-mail address in the
 * profile's local copy, books it into a Consultation slot given in New York time, and prints
 * both created records as JSON: the sandbox then holds the HighLevel appointment and the
 * LeadSquared appointment task at the same instant. Booking the same slot again is refused with
 * a sentence, exit 1, and no second LeadSquared task. Bad command lines exit 2.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>

#include "booking-test-util.h"
#include "cli-test-util.h"
#include "store-test-util.h"

static char *private_dir;

static void
run_cli (CliRun *run, const char *input, const char *const *args)
{
  cli_test_run (run, private_dir, NULL, input, args);
}

#define CLI(run, input, ...) run_cli (run, input, (const char *const[]){ __VA_ARGS__, NULL })

static const char *
jstring (JsonNode *node, const char *object, const char *member)
{
  JsonObject *o = json_object_get_object_member (json_node_get_object (node), object);

  g_assert_nonnull (o);
  return json_object_get_string_member (o, member);
}

static void
assert_instant (const char *text, const char *iso)
{
  g_autoptr (GDateTime) got = g_date_time_new_from_iso8601 (text, NULL);
  g_autoptr (GDateTime) expected = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (got);
  g_assert_true (g_date_time_equal (got, expected));
}

static void
test_usage (void)
{
  g_auto (CliRun) missing = { 0 };
  g_auto (CliRun) zone = { 0 };
  g_auto (CliRun) start = { 0 };

  CLI (&missing, NULL, "book", "--calendar", "Consultation");
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_nonnull (strstr (missing.err, "--contact"));
  CLI (&zone, NULL, "book", "--calendar", "C", "--contact", "a@example.com", "--start",
       "2026-10-28T09:00", "--tz", "Mars/Olympus_Mons");
  g_assert_cmpint (zone.status, ==, 2);
  g_assert_nonnull (strstr (zone.err, "Mars/Olympus_Mons"));
  CLI (&start, NULL, "book", "--calendar", "C", "--contact", "a@example.com", "--start",
       "next tuesday");
  g_assert_cmpint (start.status, ==, 2);
  g_assert_nonnull (strstr (start.err, "--start"));
}

static void
test_book (void)
{
  BookingEnv env;
  g_auto (CliRun) ghl = { 0 };
  g_auto (CliRun) lsq = { 0 };
  g_auto (CliRun) booked = { 0 };
  g_auto (CliRun) again = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) connections = NULL;
  g_autoptr (JsonArray) keep_event = NULL;
  g_autoptr (JsonArray) keep_task = NULL;
  g_autoptr (GDateTime) due = NULL;
  g_autofree char *path = g_build_filename (private_dir, "data", "liaison", "book.db", NULL);
  g_autofree char *due_text = NULL;
  JsonObject *event, *task;
  guint lsq_tasks;
  g_autofree char *access_key_file = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("No D-Bus session, so no keyring: run under build-aux/headless");
      return;
    }
  booking_env_start (&env, "2026-10-19T12:00:00Z");
  CLI (&ghl, liaison_sandbox_get_private_token (env.sandbox), "connect", "ghl",
       "--private-token-file", "-", "--location", liaison_sandbox_get_location_id (env.sandbox),
       "--sandbox-ghl-url", liaison_sandbox_get_ghl_url (env.sandbox), "--profile", "book");
  g_assert_cmpint (ghl.status, ==, 0);
  /* Keys never go on the command line: the access key from a file, the secret from stdin. */
  access_key_file = g_build_filename (private_dir, "access-key", NULL);
  g_assert_true (g_file_set_contents (access_key_file,
                                      liaison_sandbox_get_lsq_access_key (env.sandbox), -1, NULL));
  g_assert_cmpint (g_chmod (access_key_file, 0600), ==, 0);
  CLI (&lsq, liaison_sandbox_get_lsq_secret_key (env.sandbox), "connect", "lsq",
       "--access-key-file", access_key_file, "--secret-key-file", "-", "--sandbox-lsq-url",
       liaison_sandbox_get_lsq_url (env.sandbox), "--profile", "book");
  g_assert_cmpint (lsq.status, ==, 0);

  /* The profile's local copy, refreshed and one contact linked, as the GUI would. */
  env.store = store_test_open (path, "US", &error);
  g_assert_no_error (error);
  connections = liaison_store_list_connections (env.store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < connections->len; i++)
    {
      LiaisonStoreConnection *c = g_ptr_array_index (connections, i);

      if (c->service == LIAISON_SERVICE_GHL)
        env.ghl_connection = g_strdup (c->id);
      else
        env.lsq_connection = g_strdup (c->id);
    }
  booking_env_fill (&env);
  store_test_drain ();
  g_clear_object (&env.store);
  store_test_drain ();
  lsq_tasks = booking_count (&env, "lsq/tasks", "RelatedEntityId", env.linked_lsq_id);

  CLI (&booked, NULL, "book", "--profile", "book", "--sandbox-ghl-url",
       liaison_sandbox_get_ghl_url (env.sandbox), "--sandbox-lsq-url",
       liaison_sandbox_get_lsq_url (env.sandbox), "--calendar", "Consultation", "--contact",
       env.linked_email, "--start", "2026-11-02T10:00", "--tz", "America/New_York", "--title",
       "Call from the terminal");
  g_assert_cmpint (booked.status, ==, 0);
  g_assert_nonnull (booked.json);
  /* 10:00 in New York, the day after daylight saving time ended. */
  assert_instant (jstring (booked.json, "ghl", "startTime"), "2026-11-02T15:00:00Z");
  assert_instant (jstring (booked.json, "lsq", "startTime"), "2026-11-02T15:00:00Z");
  g_assert_cmpstr (jstring (booked.json, "lsq", "leadId"), ==, env.linked_lsq_id);

  event = booking_find (&env, "ghl/events", "id", jstring (booked.json, "ghl", "id"), &keep_event);
  g_assert_nonnull (event);
  g_assert_cmpstr (json_object_get_string_member (event, "contactId"), ==, env.linked_ghl_id);
  g_assert_cmpstr (json_object_get_string_member (event, "title"), ==, "Call from the terminal");
  task = booking_find (&env, "lsq/tasks", "UserTaskId", jstring (booked.json, "lsq", "id"),
                       &keep_task);
  g_assert_nonnull (task);
  g_assert_cmpstr (json_object_get_string_member (task, "RelatedEntityId"), ==, env.linked_lsq_id);
  due = booking_lsq_time (json_object_get_string_member (task, "DueDate"));
  due_text = g_date_time_format_iso8601 (due);
  assert_instant (due_text, "2026-11-02T15:00:00Z");

  /* The same slot again: taken, said so, nothing half made. */
  CLI (&again, NULL, "book", "--profile", "book", "--sandbox-ghl-url",
       liaison_sandbox_get_ghl_url (env.sandbox), "--sandbox-lsq-url",
       liaison_sandbox_get_lsq_url (env.sandbox), "--calendar", "Consultation", "--contact",
       env.linked_email, "--start", "2026-11-02T15:00:00Z", "--tz", "America/New_York");
  g_assert_cmpint (again.status, ==, 1);
  g_assert_cmpstr (again.out, ==, "");
  g_assert_nonnull (strstr (again.err, "taken meanwhile"));
  g_assert_cmpuint (booking_count (&env, "lsq/tasks", "RelatedEntityId", env.linked_lsq_id), ==,
                    lsq_tasks + 1);
  booking_env_clear (&env);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  int status;

  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("LIAISON_HEADLESS_INNER") != NULL)
    {
      g_mkdir_with_parents (g_get_user_data_dir (), 0700);
      private_dir = g_build_filename (g_get_user_data_dir (), "liaison-cli-book-XXXXXX", NULL);
      g_assert_nonnull (g_mkdtemp (private_dir));
    }
  else
    {
      private_dir = g_dir_make_tmp ("liaison-cli-book-XXXXXX", &error);
      g_assert_no_error (error);
    }

  g_test_add_func ("/cli/book/usage", test_usage);
  g_test_add_func ("/cli/book/end-to-end", test_book);
  status = g_test_run ();
  store_test_rmtree (private_dir);
  g_free (private_dir);
  return status;
}
