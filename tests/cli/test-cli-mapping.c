/* test-cli-mapping.c: `liaison-cli mapping show|set|reset [--json]` as a person runs it, the
 * built executable in a temporary XDG_DATA_HOME: the defaults before anything exists, a pair
 * changed, added, removed, a whole map from stdin, refusals that name the fields and save
 * nothing, a check against the field definitions a refresh cached, and the way back.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cli-test-util.h"
#include "liaison-store.h"
#include "store-test-util.h"

static char *home;      /* the CLI's XDG folders */
static char *data_home; /* its XDG_DATA_HOME */

/* Runs liaison-cli mapping ARGS in the test's own XDG folders, input on stdin. */
static void
run_cli (CliRun *run, const char *input, const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) "mapping");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  cli_test_run (run, home, NULL, input, (const char *const *) argv->pdata);
}

#define CLI(run, input, ...) run_cli (run, input, (const char *const[]){ __VA_ARGS__, NULL })

static void
assert_says (const char *text, const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    g_error ("“%s” does not say “%s”", text != NULL ? text : "(nothing)", part);
}

/* The pair KEY of a printed map, or NULL. */
static JsonObject *
pair_of (CliRun *run, const char *key)
{
  JsonArray *pairs;

  g_assert_nonnull (run->json);
  pairs = json_object_get_array_member (json_node_get_object (run->json), "pairs");
  for (guint i = 0; i < json_array_get_length (pairs); i++)
    {
      JsonObject *pair = json_array_get_object_element (pairs, i);

      if (g_strcmp0 (json_object_get_string_member (pair, "key"), key) == 0)
        return pair;
    }
  return NULL;
}

static guint
n_pairs (CliRun *run)
{
  g_assert_nonnull (run->json);
  return json_array_get_length (
      json_object_get_array_member (json_node_get_object (run->json), "pairs"));
}

static char *
store_path (void)
{
  return g_build_filename (data_home, "liaison", "default.db", NULL);
}

static void
test_show_defaults (void)
{
  g_auto (CliRun) run = { 0 };
  g_auto (CliRun) text = { 0 };
  g_autofree char *path = store_path ();

  CLI (&run, NULL, "show", "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (n_pairs (&run), ==, 14);
  g_assert_cmpstr (json_object_get_string_member (pair_of (&run, "owner"), "lsq"), ==, "OwnerId");
  g_assert_cmpstr (json_object_get_string_member (pair_of (&run, "owner"), "ghl"), ==,
                   "assignedTo");
  g_assert_cmpstr (json_object_get_string_member (pair_of (&run, "phone"), "transform"), ==,
                   "e164");
  g_assert_cmpstr (json_object_get_string_member (pair_of (&run, "email"), "policy"), ==, "ask");
  /* Looking changes nothing: no store is made for a profile never used. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  CLI (&text, NULL, "show");
  g_assert_cmpint (text.status, ==, 0);
  assert_says (text.out, "none saved");
  assert_says (text.out, "DoNotEmail+DoNotCall+DoNotSMS");
}

static void
test_set_pair (void)
{
  g_auto (CliRun) set = { 0 };
  g_auto (CliRun) show = { 0 };
  g_auto (CliRun) add = { 0 };
  g_auto (CliRun) removed = { 0 };
  g_auto (CliRun) missing = { 0 };
  JsonObject *pair;

  CLI (&set, NULL, "set", "email", "--direction", "to-ghl", "--policy", "lsq-wins", "--json");
  g_assert_cmpint (set.status, ==, 0);
  CLI (&show, NULL, "show", "--json");
  pair = pair_of (&show, "email");
  g_assert_cmpstr (json_object_get_string_member (pair, "direction"), ==, "to-ghl");
  g_assert_cmpstr (json_object_get_string_member (pair, "policy"), ==, "lsq-wins");
  g_assert_cmpstr (json_object_get_string_member (pair, "lsq"), ==, "EmailAddress");

  /* A new pair, with a value table. */
  CLI (&add, NULL, "set", "treatment", "--lsq", "mx_Treatment", "--ghl", "contact.treatment",
       "--transform", "values", "--values", "{\"Checkup\": \"Check-up\"}", "--json");
  g_assert_cmpint (add.status, ==, 0);
  pair = pair_of (&add, "treatment");
  g_assert_nonnull (pair);
  g_assert_cmpstr (
      json_object_get_string_member (json_object_get_object_member (pair, "values"), "Checkup"), ==,
      "Check-up");
  g_assert_cmpuint (n_pairs (&add), ==, 15);

  CLI (&removed, NULL, "set", "treatment", "--remove", "--json");
  g_assert_cmpint (removed.status, ==, 0);
  g_assert_null (pair_of (&removed, "treatment"));

  /* A pair that does not exist needs both fields. */
  CLI (&missing, NULL, "set", "nickname", "--lsq", "mx_Nick");
  g_assert_cmpint (missing.status, ==, 2);
  assert_says (missing.err, "There is no pair “nickname”");
}

static void
test_refusals (void)
{
  g_auto (CliRun) twice = { 0 };
  g_auto (CliRun) typo = { 0 };
  g_auto (CliRun) show = { 0 };
  g_auto (CliRun) usage = { 0 };

  CLI (&twice, NULL, "set", "phone", "--ghl", "firstName");
  g_assert_cmpint (twice.status, ==, 1);
  assert_says (twice.err, "The pairs “firstName” and “phone” both write the HighLevel field "
                          "“firstName”");
  assert_says (twice.err, "Nothing was saved.");

  CLI (&typo, NULL, "set", "phone", "--param", "seperator=,");
  g_assert_cmpint (typo.status, ==, 1);
  assert_says (typo.err, "unknown setting “seperator”");

  CLI (&show, NULL, "show", "--json");
  g_assert_cmpstr (json_object_get_string_member (pair_of (&show, "phone"), "ghl"), ==, "phone");

  CLI (&usage, NULL, "show", "extra");
  g_assert_cmpint (usage.status, ==, 2);
}

static void
test_file_from_stdin (void)
{
  g_auto (CliRun) set = { 0 };
  g_auto (CliRun) show = { 0 };
  g_auto (CliRun) bad = { 0 };
  const char *map = "{\"version\": 1, \"pairs\": [{\"key\": \"email\", \"lsq\": "
                    "\"EmailAddress\", \"ghl\": \"email\"}, {\"key\": \"tags\", \"lsq\": "
                    "\"mx_Tags\", \"ghl\": \"tags\", \"transform\": \"set\", \"separator\": "
                    "\",\"}]}";

  CLI (&set, map, "set", "--file", "-");
  g_assert_cmpint (set.status, ==, 0);
  assert_says (set.out, "The saved field map:");
  CLI (&show, NULL, "show", "--json");
  g_assert_cmpuint (n_pairs (&show), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (pair_of (&show, "tags"), "separator"), ==, ",");
  g_assert_cmpstr (json_object_get_string_member (pair_of (&show, "email"), "direction"), ==,
                   "both");

  CLI (&bad, "{\"version\": 1}", "set", "--file", "-");
  g_assert_cmpint (bad.status, ==, 1);
  assert_says (bad.err, "no list of pairs");
}

/* With the field definitions a refresh cached, a field the account lacks is refused. */
static void
test_cached_definitions (void)
{
  g_autofree char *path = store_path ();
  g_autoptr (GError) error = NULL;
  g_auto (CliRun) missing = { 0 };
  g_auto (CliRun) reset = { 0 };
  g_auto (CliRun) fine = { 0 };

  {
    g_autoptr (LiaisonStore) store = store_test_open (path, NULL, &error);
    g_autofree char *lsq = NULL;
    g_autoptr (GPtrArray) records
        = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
    static const char *const fields[][2]
        = { { "FirstName", "text" }, { "mx_City", "text" },    { "mx_Street1", "text" },
            { "mx_Zip", "text" },    { "mx_Country", "text" }, { "mx_Visits", "number" } };

    g_assert_no_error (error);
    lsq = store_test_add_connection (store, LIAISON_SERVICE_LSQ, "org-1");
    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      {
        g_autofree char *raw = g_strdup_printf (
            "{\"id\": \"%s\", \"key\": \"%s\", \"name\": \"%s\", \"dataType\": \"%s\"}",
            fields[i][0], fields[i][0], fields[i][0], fields[i][1]);

        g_ptr_array_add (records,
                         liaison_store_record_new (LIAISON_RECORD_FIELD, fields[i][0], raw));
      }
    g_assert_true (store_test_commit (store, lsq, LIAISON_RECORD_FIELD, records, NULL, &error));
    g_assert_no_error (error);
    store_test_drain ();
  }

  /* The saved map (from the test before) names mx_Tags, which this account lacks. */
  CLI (&missing, NULL, "set", "email", "--policy", "ghl-wins");
  g_assert_cmpint (missing.status, ==, 1);
  assert_says (missing.err, "The LeadSquared field “mx_Tags” of the pair “tags” does not exist");

  /* The defaults, fitted to the account: no mx_State here, so no "state" pair. */
  CLI (&reset, NULL, "reset", "--json");
  g_assert_cmpint (reset.status, ==, 0);
  g_assert_cmpuint (n_pairs (&reset), ==, 13);
  g_assert_null (pair_of (&reset, "state"));
  g_assert_nonnull (pair_of (&reset, "city"));

  CLI (&fine, NULL, "set", "email", "--policy", "ghl-wins", "--json");
  g_assert_cmpint (fine.status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (pair_of (&fine, "email"), "policy"), ==,
                   "ghl-wins");
}

/* `mapping region`: none before anything exists (and looking makes no store), a bad code refused
 * with exit 2 and nothing saved, a code saved where the store opened without a region finds
 * it, and --clear forgetting it. A profile of its own keeps the other tests' store apart. */
static void
test_region (void)
{
  g_autofree char *path = g_build_filename (data_home, "liaison", "phones.db", NULL);
  g_auto (CliRun) none = { 0 };
  g_auto (CliRun) bad = { 0 };
  g_auto (CliRun) both = { 0 };
  g_auto (CliRun) set = { 0 };
  g_auto (CliRun) shown = { 0 };
  g_auto (CliRun) cleared = { 0 };
  g_autoptr (LiaisonStore) store = NULL;
  g_autoptr (GError) error = NULL;

  CLI (&none, NULL, "region", "--profile", "phones");
  g_assert_cmpint (none.status, ==, 0);
  assert_says (none.out, "No phone region is set");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  CLI (&bad, NULL, "region", "us", "--profile", "phones");
  g_assert_cmpint (bad.status, ==, 2);
  assert_says (bad.err, "“us” is not a country code");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  CLI (&both, NULL, "region", "US", "--clear", "--profile", "phones");
  g_assert_cmpint (both.status, ==, 2);

  CLI (&set, NULL, "region", "US", "--profile", "phones");
  g_assert_cmpint (set.status, ==, 0);
  assert_says (set.out, "Phone region: US.");
  store = liaison_store_open_sync (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_store_get_default_region (store), ==, "US");
  g_clear_object (&store);
  store_test_drain ();
  CLI (&shown, NULL, "region", "--profile", "phones");
  assert_says (shown.out, "Phone region: US.");

  CLI (&cleared, NULL, "region", "--clear", "--profile", "phones");
  g_assert_cmpint (cleared.status, ==, 0);
  assert_says (cleared.out, "No phone region is set");
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  home = store_test_tmpdir ();
  data_home = g_build_filename (home, "data", NULL);
  g_assert_cmpint (g_mkdir_with_parents (data_home, 0700), ==, 0);

  /* In order: each works on what the one before left. */
  g_test_add_func ("/cli/mapping/show-defaults", test_show_defaults);
  g_test_add_func ("/cli/mapping/set-pair", test_set_pair);
  g_test_add_func ("/cli/mapping/refusals", test_refusals);
  g_test_add_func ("/cli/mapping/file-from-stdin", test_file_from_stdin);
  g_test_add_func ("/cli/mapping/cached-definitions", test_cached_definitions);
  g_test_add_func ("/cli/mapping/region", test_region);
  status = g_test_run ();
  store_test_rmtree (home);
  g_free (data_home);
  g_free (home);
  return status;
}
