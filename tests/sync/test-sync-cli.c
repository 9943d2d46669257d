/* test-sync-cli.c: `liaison-cli sync` as a person runs it, in a child process against the
 * in-process sandbox: the first sync with the defaults fitted to the accounts; and the same
 * syncs killed with SIGKILL at steps across reconcile, plan, journal, apply and commit, then run
 * again to the end: the same services and store as syncs never killed.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <signal.h>
#include <string.h>

#include "liaison-field-map-cache.h"
#include "liaison-store-activity.h"
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
  g_assert_cmpint (sync_cli_run (&f, NULL,
                                 CLI_ARGS ("sync", "--only", "contacts", "--dry-run", "--json"),
                                 &dry, NULL),
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
  g_assert_cmpint (
      sync_cli_run (&f, NULL, CLI_ARGS ("sync", "--only", "contacts", "--json"), &synced, NULL), ==,
      0);
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
  g_assert_cmpint (sync_cli_run (&f, NULL, CLI_ARGS ("sync", "--only", "contacts"), NULL, NULL), ==,
                   0);
  g_assert_cmpuint (sync_count_writes (&f, LIAISON_SERVICE_LSQ, lsq_seq, NULL), ==, 0);
  g_assert_cmpuint (sync_count_writes (&f, LIAISON_SERVICE_GHL, ghl_seq, NULL), ==, 0);
  sync_fixture_tear_down (&f);
}

/* ---- kill -9 ---- */

/* What a person sees of one record: the mapped fields as the service holds them (ids and
 * times left out: they differ between two sandboxes). */
static char *
record_line (JsonObject *o, LiaisonService side)
{
  static const char *const lsq[]
      = { "FirstName",  "LastName",   "EmailAddress", "Phone",      "Company",
          "mx_Street1", "mx_City",    "mx_Zip",       "mx_Country", "Website",
          "TimeZone",   "DoNotEmail", "DoNotCall",    "DoNotSMS",   "OwnerId" };
  static const char *const ghl[]
      = { "firstName",  "lastName", "email",   "phone",    "companyName", "address1",  "city",
          "postalCode", "country",  "website", "timezone", "dnd",         "assignedTo" };
  const char *const *names = side == LIAISON_SERVICE_LSQ ? lsq : ghl;
  guint n = side == LIAISON_SERVICE_LSQ ? G_N_ELEMENTS (lsq) : G_N_ELEMENTS (ghl);
  g_autoptr (GString) line = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *value = json_object_get_member (o, names[i]);
      g_autofree char *text
          = value && !JSON_NODE_HOLDS_NULL (value) ? json_to_string (value, FALSE) : g_strdup ("-");

      g_string_append_printf (line, "%s%s", i ? "|" : "", text);
    }
  return g_string_free (g_steal_pointer (&line), FALSE);
}

static int
compare_lines (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

static char *
sorted_text (GPtrArray *lines)
{
  g_autoptr (GString) out = g_string_new (NULL);

  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (lines, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Both services' records, the store's links between them (each as the two records' lines), its
 * open conflicts, and its pending intents (none may be left). */
static char *
final_state (SyncFixture *f)
{
  GHashTable *lines[2] = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
                           g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free) };
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GPtrArray) links = NULL;
  g_autoptr (GPtrArray) conflicts = NULL;
  g_autoptr (GPtrArray) intents = NULL;
  g_autoptr (GPtrArray) link_lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) conflict_lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  for (LiaisonService side = LIAISON_SERVICE_LSQ; side <= LIAISON_SERVICE_GHL; side++)
    {
      g_autoptr (JsonArray) records = sync_records (f, side);
      g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *text = NULL;

      for (guint i = 0; i < json_array_get_length (records); i++)
        {
          JsonObject *o = json_array_get_object_element (records, i);
          const char *id = json_object_get_string_member (
              o, side == LIAISON_SERVICE_LSQ ? "ProspectID" : "id");

          g_hash_table_insert (lines[side], g_strdup (id), record_line (o, side));
          g_ptr_array_add (all, record_line (o, side));
        }
      text = sorted_text (all);
      g_string_append_printf (out, "%s:\n%s", side == LIAISON_SERVICE_LSQ ? "lsq" : "ghl", text);
    }

  sync_fixture_reopen (f);
  liaison_store_list_links_async (f->store, LIAISON_RECORD_CONTACT, NULL, store_test_result_cb,
                                  &result);
  links = liaison_store_list_links_finish (f->store, store_test_wait (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < links->len; i++)
    {
      LiaisonStoreLink *link = g_ptr_array_index (links, i);
      const char *a = g_hash_table_lookup (lines[LIAISON_SERVICE_LSQ], link->lsq_id);
      const char *b = g_hash_table_lookup (lines[LIAISON_SERVICE_GHL], link->ghl_id);

      g_ptr_array_add (link_lines,
                       g_strdup_printf ("%s <-> %s", a ? a : "(gone)", b ? b : "(gone)"));
    }
  conflicts = liaison_store_list_conflicts (f->store, TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < conflicts->len; i++)
    {
      LiaisonStoreConflict *c = g_ptr_array_index (conflicts, i);
      const char *a
          = c->lsq_id ? g_hash_table_lookup (lines[LIAISON_SERVICE_LSQ], c->lsq_id) : NULL;

      g_ptr_array_add (conflict_lines,
                       g_strdup_printf ("%s %s", c->field ? c->field : "(record)", a ? a : "-"));
    }
  intents = liaison_store_list_pending_intents (f->store, &error);
  g_assert_no_error (error);
  {
    g_autofree char *l = sorted_text (link_lines);
    g_autofree char *c = sorted_text (conflict_lines);

    g_string_append_printf (out, "links:\n%sconflicts:\n%spending intents: %u\n", l, c,
                            intents->len);
  }
  g_hash_table_unref (lines[0]);
  g_hash_table_unref (lines[1]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The scenario a kill interrupts: the first sync from the seed (links, creates both ways,
 * conflicts), then, after edits on both sides and a new HighLevel contact, a second one
 * (updates both ways, a LeadSquared create). */
static const SyncFixtureOptions kill_options = { .seed = 23, .contacts = 12, .cli_profile = TRUE };

static void
edit_both (SyncFixture *f)
{
  g_autoptr (JsonArray) leads = sync_records (f, LIAISON_SERVICE_LSQ);
  g_autoptr (JsonArray) contacts = sync_records (f, LIAISON_SERVICE_GHL);
  static const char *const cities[] = { "Pune", "Lyon", "Austin", "Kochi" };

  /* Few enough LeadSquared writes (an update is a write and a read) for the documented 10
   * requests per 5 s that liaison-cli keeps to: no run waits. */
  for (guint i = 0; i < 4; i++)
    {
      JsonObject *lead = json_array_get_object_element (leads, i * 3);
      JsonObject *contact = json_array_get_object_element (contacts, i * 3 + 1);
      g_autofree char *lsq_path = g_strdup_printf (
          "/_sandbox/lsq/leads/%s", json_object_get_string_member (lead, "ProspectID"));
      g_autofree char *ghl_path = g_strdup_printf ("/_sandbox/ghl/contacts/%s",
                                                   json_object_get_string_member (contact, "id"));
      g_autofree char *lsq_body = g_strdup_printf ("{\"mx_City\": \"%s\"}", cities[i]);
      g_autofree char *ghl_body = g_strdup_printf ("{\"lastName\": \"Kaur-%u\"}", i);
      g_autoptr (JsonNode) a = sync_control (f, LIAISON_SERVICE_LSQ, "PATCH", lsq_path, lsq_body);

      if (i < 2)
        {
          g_autoptr (JsonNode) b
              = sync_control (f, LIAISON_SERVICE_GHL, "PATCH", ghl_path, ghl_body);
        }
    }
  {
    g_autoptr (JsonNode) created = sync_control (
        f, LIAISON_SERVICE_GHL, "POST", "/_sandbox/ghl/contacts",
        "{\"firstName\": \"Ines\", \"lastName\": \"Okafor\", \"email\": "
        "\"ines.okafor@example.org\", \"phone\": \"+14155550142\", \"city\": \"Oslo\"}");
  }
}

/* Runs liaison-cli sync; with crash_at, kills it with SIGKILL once it reports that step. With
 * steps (not NULL), the labels of every step it reported. Returns the exit status, or -1 when it
 * was killed. kinds is what --only limits the run to. */
static int
cli_sync_only (SyncFixture *f, const char *kinds, guint crash_at, GPtrArray *steps)
{
  g_autofree char *at = g_strdup_printf ("%u", crash_at);
  const char *const env[]
      = { crash_at ? "LIAISON_SYNC_CRASH_AT" : "LIAISON_SYNC_STEPS", crash_at ? at : "1", NULL };
  g_autoptr (GSubprocess) process = sync_cli_spawn (f, env, CLI_ARGS ("sync", "--only", kinds));
  g_autoptr (GDataInputStream) err
      = g_data_input_stream_new (g_subprocess_get_stderr_pipe (process));
  g_autofree char *want = g_strdup_printf ("liaison-sync: step %u (", crash_at);
  g_autoptr (GError) error = NULL;
  gboolean killed = FALSE;
  char *line;

  while ((line = g_data_input_stream_read_line_utf8 (err, NULL, NULL, &error)) != NULL)
    {
      if (steps != NULL && g_str_has_prefix (line, "liaison-sync: step "))
        {
          const char *open = strchr (line, '(');
          const char *close = strrchr (line, ')');

          if (open && close && close > open)
            g_ptr_array_add (steps, g_strndup (open + 1, close - open - 1));
        }
      if (crash_at && g_str_has_prefix (line, want))
        {
          g_subprocess_send_signal (process, SIGKILL);
          killed = TRUE;
        }
      else if (!g_str_has_prefix (line, "liaison-sync: step "))
        g_test_message ("liaison-cli sync: %s", line);
      g_free (line);
    }
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  if (crash_at)
    {
      if (!killed)
        g_error ("liaison-cli sync ended before step %u", crash_at);
      g_assert_true (g_subprocess_get_if_signaled (process));
      g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
      return -1;
    }
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static int
cli_sync (SyncFixture *f, guint crash_at, GPtrArray *steps)
{
  return cli_sync_only (f, "contacts", crash_at, steps);
}

/* Syncs until one writes nothing; each must succeed. */
static void
cli_sync_until_quiet (SyncFixture *f)
{
  for (guint i = 0; i < 4; i++)
    {
      gint64 lsq = sync_log_seq (f, LIAISON_SERVICE_LSQ);
      gint64 ghl = sync_log_seq (f, LIAISON_SERVICE_GHL);

      g_assert_cmpint (cli_sync (f, 0, NULL), ==, 0);
      if (sync_count_writes (f, LIAISON_SERVICE_LSQ, lsq, NULL) == 0
          && sync_count_writes (f, LIAISON_SERVICE_GHL, ghl, NULL) == 0)
        return;
    }
  g_error ("four syncs in a row still wrote to the services");
}

typedef struct
{
  guint phase; /* 1: the first sync, 2: the second */
  guint step;
  const char *label;
} KillPoint;

/* Runs the scenario; in phase `kill.phase`, the sync is killed at `kill.step` first, and the
 * scenario ends with that phase. states: the final state after each phase run. */
static void
run_scenario (const KillPoint *kill, GPtrArray *steps[2], char *states[2])
{
  SyncFixture f = { 0 };

  sync_fixture_set_up (&f, &kill_options);
  for (guint phase = 1; phase <= 2; phase++)
    {
      if (phase == 2)
        edit_both (&f);
      if (kill != NULL && kill->phase == phase)
        g_assert_cmpint (cli_sync (&f, kill->step, NULL), ==, -1);
      if (steps != NULL)
        g_assert_cmpint (cli_sync (&f, 0, steps[phase - 1]), ==, 0);
      cli_sync_until_quiet (&f);
      if (kill == NULL || kill->phase == phase)
        states[phase - 1] = final_state (&f);
      if (kill != NULL && kill->phase == phase)
        break;
    }
  sync_fixture_tear_down (&f);
}

/* The first occurrence of each step's label, and the last of those that repeat (the last
 * write of a kind, with the others committed around it). */
static void
pick_points (GPtrArray *steps, guint phase, GArray *points)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < steps->len; i++)
    {
      const char *label = g_ptr_array_index (steps, i);
      gboolean first = !g_hash_table_contains (seen, label);
      gboolean last = TRUE;

      for (guint k = i + 1; k < steps->len && last; k++)
        last = !g_str_equal (g_ptr_array_index (steps, k), label);
      if (first || (last && !first))
        {
          KillPoint p = { phase, i + 1, label };
          g_array_append_val (points, p);
        }
      g_hash_table_add (seen, (gpointer) label);
    }
}

/* A sync killed with SIGKILL at any of the points picked, then run again to the end, leaves both
 * services and the store as syncs never killed: no duplicate, no lost edit, nothing pending,
 * and the sync after writes nothing. */
static void
test_kill_9 (void)
{
  GPtrArray *steps[2]
      = { g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free) };
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (KillPoint));
  char *reference[2] = { NULL, NULL };
  g_autoptr (GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);

  run_scenario (NULL, steps, reference);
  for (guint phase = 1; phase <= 2; phase++)
    {
      g_test_message ("phase %u: %u steps", phase, steps[phase - 1]->len);
      pick_points (steps[phase - 1], phase, points);
    }
  for (guint i = 0; i < points->len; i++)
    g_hash_table_add (labels, (gpointer) g_array_index (points, KillPoint, i).label);
  /* Every kind of step the scenario has: reconcile, plan, journal, both writes, commits. */
  for (const char *const *l
       = (const char *const[]){ "run-begun", "refreshed", "planned", "local-applied",
                                "create-intent", "create-answered", "create-committed",
                                "bulk-intent", "bulk-answered", "bulk-committed", "update-intent",
                                "update-lsq-written", "update-answered", "update-committed",
                                "finishing", NULL };
       *l != NULL; l++)
    if (!g_hash_table_contains (labels, *l))
      g_error ("the scenario has no step “%s”", *l);

  for (guint i = 0; i < points->len; i++)
    {
      const KillPoint *p = &g_array_index (points, KillPoint, i);
      char *states[2] = { NULL, NULL };
      const char *want = reference[p->phase - 1];
      const char *got;

      run_scenario (p, NULL, states);
      got = states[p->phase - 1];
      g_test_message ("killed in phase %u at step %u (%s)", p->phase, p->step, p->label);
      if (g_strcmp0 (got, want) != 0)
        {
          g_test_message ("never killed:\n%s\nkilled:\n%s", want, got);
          g_error ("killed in phase %u at step %u (%s), the end differs", p->phase, p->step,
                   p->label);
        }
      g_free (states[0]);
      g_free (states[1]);
    }
  g_test_message ("%u kill points", points->len);
  g_free (reference[0]);
  g_free (reference[1]);
  g_ptr_array_unref (steps[0]);
  g_ptr_array_unref (steps[1]);
}

/* Open conflicts on the phone of the pair lsq_id <-> ghl_id. */
static guint
phone_conflicts (SyncFixture *f, const char *lsq_id)
{
  g_autoptr (GPtrArray) conflicts = liaison_store_list_conflicts (f->store, TRUE, NULL);
  guint n = 0;

  g_assert_nonnull (conflicts);
  for (guint i = 0; i < conflicts->len; i++)
    {
      LiaisonStoreConflict *c = g_ptr_array_index (conflicts, i);

      if (g_strcmp0 (c->lsq_id, lsq_id) == 0 && g_strcmp0 (c->field, "phone") == 0)
        n++;
    }
  return n;
}

/* A person writes one number in both web UIs: nationally in LeadSquared, in E.164 in
 * HighLevel. Without a phone region (`mapping region --clear`: a person chose none) the two are
 * different values and park a conflict; once `mapping region US` saved the profile's region, or
 * when nobody chose one and the first sync took the HighLevel location's country (the sandbox's
 * is the US), liaison-cli's sync reads the national one as the same number and parks none.
 * region: what `mapping region` is given, or NULL for no such command; expect: the region the
 * profile ends with. */
static guint
phone_twin_conflicts (const char *region, const char *expect)
{
  SyncFixtureOptions options = { .seed = 11, .contacts = 12, .cli_profile = TRUE };
  SyncFixture f = { 0 };
  g_autofree char *lsq_id = NULL, *ghl_id = NULL, *lpath = NULL, *gpath = NULL;
  g_autoptr (JsonNode) a = NULL;
  g_autoptr (JsonNode) b = NULL;
  guint n;

  sync_fixture_set_up (&f, &options);
  if (region != NULL)
    g_assert_cmpint (sync_cli_run (&f, NULL, CLI_ARGS ("mapping", "region", region), NULL, NULL),
                     ==, 0);
  g_assert_cmpint (sync_cli_run (&f, NULL, CLI_ARGS ("sync", "--only", "contacts"), NULL, NULL), ==,
                   0);
  sync_fixture_reopen (&f);
  sync_first_link (&f, &lsq_id, &ghl_id);
  g_assert_cmpuint (phone_conflicts (&f, lsq_id), ==, 0);
  lpath = g_strdup_printf ("/_sandbox/lsq/leads/%s", lsq_id);
  gpath = g_strdup_printf ("/_sandbox/ghl/contacts/%s", ghl_id);
  a = sync_control (&f, LIAISON_SERVICE_LSQ, "PATCH", lpath, "{\"Phone\": \"7715558531\"}");
  b = sync_control (&f, LIAISON_SERVICE_GHL, "PATCH", gpath, "{\"phone\": \"+17715558531\"}");
  g_assert_cmpint (sync_cli_run (&f, NULL, CLI_ARGS ("sync", "--only", "contacts"), NULL, NULL), ==,
                   0);
  sync_fixture_reopen (&f);
  g_assert_cmpstr (liaison_store_get_default_region (f.store), ==, expect);
  n = phone_conflicts (&f, lsq_id);
  sync_fixture_tear_down (&f);
  return n;
}

static void
test_phone_region (void)
{
  g_assert_cmpuint (phone_twin_conflicts ("--clear", NULL), ==, 1);
  g_assert_cmpuint (phone_twin_conflicts ("US", "US"), ==, 0);
  g_assert_cmpuint (phone_twin_conflicts (NULL, "US"), ==, 0);
}

/* ---- kill -9 with appointments ---- */

/* The next day at least days ahead, not a weekend, at hour:00 in zone (the sandbox's calendars
 * are open then; the CLI's clock is the machine's, so the instants follow today). */
static GDateTime *
next_weekday (guint days, const char *zone, int hour)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr (GDateTime) now = g_date_time_new_now (tz);
  g_autoptr (GDateTime) day = g_date_time_add_days (now, (int) days);

  while (g_date_time_get_day_of_week (day) >= 6)
    {
      GDateTime *next = g_date_time_add_days (day, 1);

      g_date_time_unref (day);
      day = next;
    }
  return g_date_time_new (tz, g_date_time_get_year (day), g_date_time_get_month (day),
                          g_date_time_get_day_of_month (day), hour, 0, 0);
}

/* A LeadSquared appointment and a HighLevel one under the first linked pair. */
static void
make_appointments (SyncFixture *f, const char *lsq_contact, const char *ghl_contact)
{
  g_autoptr (GDateTime) ny = next_weekday (9, "America/New_York", 15);
  g_autoptr (GDateTime) ny_end = g_date_time_add_minutes (ny, 30);
  g_autoptr (GDateTime) ny_utc = g_date_time_to_utc (ny);
  g_autoptr (GDateTime) ny_end_utc = g_date_time_to_utc (ny_end);
  g_autoptr (GDateTime) in = next_weekday (11, "Asia/Kolkata", 11);
  g_autofree char *due = g_date_time_format (ny_utc, "%Y-%m-%d %H:%M:%S");
  g_autofree char *end = g_date_time_format (ny_end_utc, "%Y-%m-%d %H:%M:%S");
  g_autoptr (GDateTime) in_end = g_date_time_add_minutes (in, 60);
  g_autofree char *start = g_date_time_format_iso8601 (in);
  g_autofree char *stop = g_date_time_format_iso8601 (in_end);
  g_autofree char *lsq_body
      = g_strdup_printf ("{\"Name\": \"Onboarding call\", \"TaskType\": {\"Name\": \"Meeting\"}, "
                         "\"RelatedEntity\": 1, \"RelatedEntityId\": \"%s\", \"DueDate\": \"%s\", "
                         "\"EndDate\": \"%s\"}",
                         lsq_contact, due, end);
  g_autoptr (JsonNode) calendars
      = sync_control (f, LIAISON_SERVICE_GHL, "GET", "/_sandbox/ghl/calendars", NULL);
  JsonArray *records = json_object_get_array_member (json_node_get_object (calendars), "records");
  const char *kolkata = NULL;
  g_autofree char *ghl_body = NULL;
  g_autoptr (JsonNode) made_lsq = NULL;
  g_autoptr (JsonNode) made_ghl = NULL;

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *c = json_array_get_object_element (records, i);

      /* The sandbox's calendar in Asia/Kolkata. */
      if (g_strcmp0 (json_object_get_string_member_with_default (c, "name", NULL), "Product Demo")
          == 0)
        kolkata = json_object_get_string_member (c, "id");
    }
  g_assert_nonnull (kolkata);
  ghl_body = g_strdup_printf (
      "{\"calendarId\": \"%s\", \"contactId\": \"%s\", \"title\": \"Product tour\", "
      "\"startTime\": \"%s\", \"endTime\": \"%s\", \"appointmentStatus\": \"confirmed\"}",
      kolkata, ghl_contact, start, stop);
  made_lsq = sync_control (f, LIAISON_SERVICE_LSQ, "POST", "/_sandbox/lsq/tasks", lsq_body);
  made_ghl = sync_control (f, LIAISON_SERVICE_GHL, "POST", "/_sandbox/ghl/events", ghl_body);
  /* The person who booked it also edited the lead: its pair is read at once, whatever the
   * sweep's pacing at this hour. */
  {
    g_autofree char *path = g_strdup_printf ("/_sandbox/lsq/leads/%s", lsq_contact);
    g_autoptr (JsonNode) edited
        = sync_control (f, LIAISON_SERVICE_LSQ, "PATCH", path, "{\"mx_City\": \"Pune\"}");
  }
}

/* How many appointments titled title each side holds. */
static guint
appointments_titled (SyncFixture *f, LiaisonService side, const char *title)
{
  g_autoptr (JsonNode) node = sync_control (
      f, side, "GET", side == LIAISON_SERVICE_LSQ ? "/_sandbox/lsq/tasks" : "/_sandbox/ghl/events",
      NULL);
  JsonArray *records = json_object_get_array_member (json_node_get_object (node), "records");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *r = json_array_get_object_element (records, i);

      n += g_strcmp0 (json_object_get_string_member_with_default (
                          r, side == LIAISON_SERVICE_LSQ ? "Name" : "title", NULL),
                      title)
           == 0;
    }
  return n;
}

static int
cli_sync_appointments (SyncFixture *f, guint crash_at, GPtrArray *steps)
{
  return cli_sync_only (f, "contacts,appointments", crash_at, steps);
}

/* A sync killed with SIGKILL at each step of its appointment writes (the intents written, the
 * HighLevel booking answered, the step recorded), then run again, leaves each appointment once
 * on each side and no intent pending. */
static void
test_kill_9_appointments (void)
{
  g_autoptr (GPtrArray) steps = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  {
    SyncFixture f = { 0 };
    g_autofree char *lsq = NULL, *ghl = NULL;

    sync_fixture_set_up (&f, &kill_options);
    g_assert_cmpint (cli_sync_appointments (&f, 0, NULL), ==, 0);
    sync_fixture_reopen (&f);
    sync_first_link (&f, &lsq, &ghl);
    make_appointments (&f, lsq, ghl);
    {
      g_autofree char *out = NULL;

      /* The plan names the booking, the calendar it goes to and the calls it takes. */
      g_assert_cmpint (sync_cli_run (&f, NULL,
                                     CLI_ARGS ("sync", "--only", "appointments", "--dry-run"), &out,
                                     NULL),
                       ==, 0);
      g_assert_nonnull (strstr (out, "“Onboarding call”"));
      g_assert_nonnull (strstr (out, "in calendar “Consultation”"));
      g_assert_nonnull (strstr (out, "Appointment writes would take 1 LeadSquared and 1 "
                                     "HighLevel API calls."));
      g_assert_cmpuint (appointments_titled (&f, LIAISON_SERVICE_GHL, "Onboarding call"), ==, 0);
    }
    g_assert_cmpint (cli_sync_appointments (&f, 0, steps), ==, 0);
    g_assert_cmpuint (appointments_titled (&f, LIAISON_SERVICE_GHL, "Onboarding call"), ==, 1);
    g_assert_cmpuint (appointments_titled (&f, LIAISON_SERVICE_LSQ, "Product tour"), ==, 1);
    sync_fixture_tear_down (&f);
  }
  for (guint i = 0; i < steps->len; i++)
    {
      const char *label = g_ptr_array_index (steps, i);

      if (g_str_has_prefix (label, "appointment-") && g_hash_table_add (seen, (gpointer) label))
        {
          guint step = i + 1;

          g_array_append_val (points, step);
        }
    }
  g_assert_true (g_hash_table_contains (seen, "appointment-intents"));
  g_assert_true (g_hash_table_contains (seen, "appointment-ghl-written"));
  g_assert_true (g_hash_table_contains (seen, "appointment-step"));
  for (guint p = 0; p < points->len; p++)
    {
      SyncFixture f = { 0 };
      g_autofree char *lsq = NULL, *ghl = NULL;
      g_autoptr (GPtrArray) pending = NULL;
      guint step = g_array_index (points, guint, p);

      g_test_message ("killed at step %u (%s)", step, (char *) g_ptr_array_index (steps, step - 1));
      sync_fixture_set_up (&f, &kill_options);
      g_assert_cmpint (cli_sync_appointments (&f, 0, NULL), ==, 0);
      sync_fixture_reopen (&f);
      sync_first_link (&f, &lsq, &ghl);
      make_appointments (&f, lsq, ghl);
      g_assert_cmpint (cli_sync_appointments (&f, step, NULL), ==, -1);
      g_assert_cmpint (cli_sync_appointments (&f, 0, NULL), ==, 0);
      g_assert_cmpint (cli_sync_appointments (&f, 0, NULL), ==, 0);
      g_assert_cmpuint (appointments_titled (&f, LIAISON_SERVICE_GHL, "Onboarding call"), ==, 1);
      g_assert_cmpuint (appointments_titled (&f, LIAISON_SERVICE_LSQ, "Onboarding call"), ==, 1);
      g_assert_cmpuint (appointments_titled (&f, LIAISON_SERVICE_GHL, "Product tour"), ==, 1);
      g_assert_cmpuint (appointments_titled (&f, LIAISON_SERVICE_LSQ, "Product tour"), ==, 1);
      sync_fixture_reopen (&f);
      pending = liaison_store_list_pending_intents_of (f.store, LIAISON_RECORD_APPOINTMENT, NULL);
      g_assert_cmpuint (pending->len, ==, 0);
      sync_fixture_tear_down (&f);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync/first-sync-defaults", test_first_sync_defaults);
  g_test_add_func ("/sync/kill-9", test_kill_9);
  g_test_add_func ("/sync/phone-region", test_phone_region);
  g_test_add_func ("/sync/kill-9-appointments", test_kill_9_appointments);
  return g_test_run ();
}
