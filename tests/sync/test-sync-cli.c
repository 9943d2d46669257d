/* test-sync-cli.c: `liaison-cli sync` as a person runs it, in a child process against the
 * in-process sandbox: the first sync with the defaults fitted to the accounts.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "liaison-field-map-cache.h"
#include "store-test-util.h"
#include "sync-test-util.h"

#define CLI_ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

static JsonNode *
parse (const char *text)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static char *
pair_keys (JsonNode *map)
{
  JsonArray *pairs = json_object_get_array_member (json_node_get_object (map), "pairs");
  g_autoptr (GString) keys = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (pairs); i++)
    g_string_append_printf (
        keys, "%s%s", i ? " " : "",
        json_object_get_string_member (json_array_get_object_element (pairs, i), "key"));
  return g_string_free (g_steal_pointer (&keys), FALSE);
}

/* A new profile, both accounts given in the environment, no map saved. A dry run reads both
 * accounts (and writes nothing); `mapping show --json` then prints the defaults fitted to them:
 * no "state" (this LeadSquared has no mx_State) and no "source" (a picklist against free text),
 * exactly the map the profile's store makes. The first sync with them succeeds, and the next
 * one writes nothing. */
static void
test_first_sync_defaults (void)
{
  SyncFixtureOptions options = { .seed = 11, .contacts = 30, .cli_profile = TRUE };
  SyncFixture f = { 0 };
  g_autofree char *dry = NULL, *shown = NULL, *synced = NULL, *after = NULL, *keys = NULL;
  g_autoptr (JsonNode) dry_json = NULL;
  g_autoptr (JsonNode) shown_json = NULL;
  g_autoptr (JsonNode) synced_json = NULL;
  g_autoptr (JsonNode) after_json = NULL;
  g_autoptr (JsonNode) fitted_json = NULL;
  g_autoptr (LiaisonFieldMap) fitted = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL;
  JsonObject *counts;
  gint64 lsq_seq, ghl_seq;

  sync_fixture_set_up (&f, &options);
  g_assert_cmpint (sync_cli_run (&f, NULL, CLI_ARGS ("sync", "--dry-run", "--json"), &dry, NULL),
                   ==, 0);
  dry_json = parse (dry);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (dry_json), "dryRun"));
  g_assert_cmpuint (sync_count_writes (&f, LIAISON_SERVICE_LSQ, 0, NULL), ==, 0);
  g_assert_cmpuint (sync_count_writes (&f, LIAISON_SERVICE_GHL, 0, NULL), ==, 0);

  g_assert_cmpint (sync_cli_run (&f, NULL, CLI_ARGS ("mapping", "show", "--json"), &shown, NULL),
                   ==, 0);
  shown_json = parse (shown);
  keys = pair_keys (shown_json);
  g_assert_cmpstr (keys, ==,
                   "firstName lastName email phone company address city postalCode country "
                   "website timeZone doNotContact owner");
  /* The same as the store's fitted defaults, member for member. */
  sync_fixture_reopen (&f);
  fitted = liaison_field_map_new_for_profile (NULL, f.store, f.lsq_id, f.ghl_id, &error);
  g_assert_no_error (error);
  fitted_json = liaison_field_map_to_json (fitted);
  a = json_to_string (fitted_json, FALSE);
  b = json_to_string (shown_json, FALSE);
  g_assert_cmpstr (a, ==, b);

  lsq_seq = sync_log_seq (&f, LIAISON_SERVICE_LSQ);
  ghl_seq = sync_log_seq (&f, LIAISON_SERVICE_GHL);
  g_assert_cmpint (sync_cli_run (&f, NULL, CLI_ARGS ("sync", "--json"), &synced, NULL), ==, 0);
  synced_json = parse (synced);
  counts = json_node_get_object (synced_json);
  g_assert_cmpint (json_object_get_int_member (counts, "failed"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (counts, "failures")), ==,
                    0);
  g_assert_cmpint (json_object_get_int_member (counts, "linked"), >, 0);
  g_assert_cmpint (json_object_get_int_member (counts, "created"), >, 0);
  g_assert_cmpuint (sync_count_writes (&f, LIAISON_SERVICE_LSQ, lsq_seq, NULL)
                        + sync_count_writes (&f, LIAISON_SERVICE_GHL, ghl_seq, NULL),
                    >, 0);

  /* Still the defaults, none saved; and the sync right after writes nothing. */
  g_assert_cmpint (sync_cli_run (&f, NULL, CLI_ARGS ("mapping", "show", "--json"), &after, NULL),
                   ==, 0);
  after_json = parse (after);
  g_clear_pointer (&a, g_free);
  a = json_to_string (after_json, FALSE);
  g_assert_cmpstr (a, ==, b);
  lsq_seq = sync_log_seq (&f, LIAISON_SERVICE_LSQ);
  ghl_seq = sync_log_seq (&f, LIAISON_SERVICE_GHL);
  g_assert_cmpint (sync_cli_run (&f, NULL, CLI_ARGS ("sync"), NULL, NULL), ==, 0);
  g_assert_cmpuint (sync_count_writes (&f, LIAISON_SERVICE_LSQ, lsq_seq, NULL), ==, 0);
  g_assert_cmpuint (sync_count_writes (&f, LIAISON_SERVICE_GHL, ghl_seq, NULL), ==, 0);
  sync_fixture_tear_down (&f);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync/first-sync-defaults", test_first_sync_defaults);
  return g_test_run ();
}
