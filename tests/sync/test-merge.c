/* test-merge.c: each rule of the three-way merge of one field, with and without a base, under
 * each policy and direction.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "liaison-merge.h"

static JsonNode *
v (const char *json)
{
  JsonNode *node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return node;
}

static LiaisonMergeOutcome
merge (const char *base, const char *lsq, const char *ghl, LiaisonSyncDirection direction,
       LiaisonConflictPolicy policy, gint64 lsq_ms, gint64 ghl_ms)
{
  g_autoptr (JsonNode) b = base != NULL ? v (base) : NULL;
  g_autoptr (JsonNode) l = lsq != NULL ? v (lsq) : NULL;
  g_autoptr (JsonNode) g = ghl != NULL ? v (ghl) : NULL;

  return liaison_merge_field (b, l, g, direction, policy, lsq_ms, ghl_ms);
}

#define BOTH LIAISON_SYNC_BOTH
#define ASK LIAISON_POLICY_ASK

static void
test_one_side_changed (void)
{
  g_assert_cmpint (merge ("\"a\"", "\"b\"", "\"a\"", BOTH, ASK, 0, 0), ==, LIAISON_MERGE_TAKE_LSQ);
  g_assert_cmpint (merge ("\"a\"", "\"a\"", "\"c\"", BOTH, ASK, 0, 0), ==, LIAISON_MERGE_TAKE_GHL);
  /* Clearing is a change too. */
  g_assert_cmpint (merge ("\"a\"", "null", "\"a\"", BOTH, ASK, 0, 0), ==, LIAISON_MERGE_TAKE_LSQ);
  g_assert_cmpint (merge ("[\"x\"]", "[\"x\"]", "[\"x\",\"y\"]", BOTH, ASK, 0, 0), ==,
                   LIAISON_MERGE_TAKE_GHL);
  g_assert_cmpint (merge ("\"a\"", "\"a\"", "\"a\"", BOTH, ASK, 0, 0), ==, LIAISON_MERGE_SAME);
}

static void
test_both_changed (void)
{
  /* To equal values: nothing to write. */
  g_assert_cmpint (merge ("\"a\"", "\"b\"", "\"b\"", BOTH, ASK, 0, 0), ==, LIAISON_MERGE_SAME);
  /* Differently: the policy. */
  g_assert_cmpint (merge ("\"a\"", "\"b\"", "\"c\"", BOTH, ASK, 5, 9), ==, LIAISON_MERGE_CONFLICT);
  g_assert_cmpint (merge ("\"a\"", "\"b\"", "\"c\"", BOTH, LIAISON_POLICY_LSQ_WINS, 5, 9), ==,
                   LIAISON_MERGE_TAKE_LSQ);
  g_assert_cmpint (merge ("\"a\"", "\"b\"", "\"c\"", BOTH, LIAISON_POLICY_GHL_WINS, 9, 5), ==,
                   LIAISON_MERGE_TAKE_GHL);
  g_assert_cmpint (merge ("\"a\"", "\"b\"", "\"c\"", BOTH, LIAISON_POLICY_NEWEST_WINS, 9, 5), ==,
                   LIAISON_MERGE_TAKE_LSQ);
  g_assert_cmpint (merge ("\"a\"", "\"b\"", "\"c\"", BOTH, LIAISON_POLICY_NEWEST_WINS, 5, 9), ==,
                   LIAISON_MERGE_TAKE_GHL);
  /* A tie or an unknown time is never guessed. */
  g_assert_cmpint (merge ("\"a\"", "\"b\"", "\"c\"", BOTH, LIAISON_POLICY_NEWEST_WINS, 7, 7), ==,
                   LIAISON_MERGE_CONFLICT);
  g_assert_cmpint (merge ("\"a\"", "\"b\"", "\"c\"", BOTH, LIAISON_POLICY_NEWEST_WINS, 0, 7), ==,
                   LIAISON_MERGE_CONFLICT);
}

static void
test_first_sync (void)
{
  g_assert_cmpint (merge (NULL, "\"a\"", "\"a\"", BOTH, ASK, 0, 0), ==, LIAISON_MERGE_SAME);
  g_assert_cmpint (merge (NULL, NULL, "null", BOTH, ASK, 0, 0), ==, LIAISON_MERGE_SAME);
  g_assert_cmpint (merge (NULL, "\"a\"", "\"b\"", BOTH, ASK, 0, 0), ==, LIAISON_MERGE_CONFLICT);
  g_assert_cmpint (merge (NULL, "\"a\"", "\"b\"", BOTH, LIAISON_POLICY_GHL_WINS, 0, 0), ==,
                   LIAISON_MERGE_TAKE_GHL);
  /* An empty side takes the other's value. */
  g_assert_cmpint (merge (NULL, "\"a\"", "null", BOTH, ASK, 0, 0), ==, LIAISON_MERGE_TAKE_LSQ);
  g_assert_cmpint (merge (NULL, NULL, "\"b\"", BOTH, ASK, 0, 0), ==, LIAISON_MERGE_TAKE_GHL);
}

static void
test_direction (void)
{
  /* To HighLevel only: LeadSquared is never written. */
  g_assert_cmpint (merge ("\"a\"", "\"b\"", "\"a\"", LIAISON_SYNC_TO_GHL, ASK, 0, 0), ==,
                   LIAISON_MERGE_TAKE_LSQ);
  g_assert_cmpint (merge ("\"a\"", "\"a\"", "\"c\"", LIAISON_SYNC_TO_GHL, ASK, 0, 0), ==,
                   LIAISON_MERGE_SAME);
  g_assert_cmpint (
      merge ("\"a\"", "\"b\"", "\"c\"", LIAISON_SYNC_TO_GHL, LIAISON_POLICY_GHL_WINS, 0, 0), ==,
      LIAISON_MERGE_SAME);
  /* To LeadSquared only. */
  g_assert_cmpint (merge ("\"a\"", "\"b\"", "\"a\"", LIAISON_SYNC_TO_LSQ, ASK, 0, 0), ==,
                   LIAISON_MERGE_SAME);
  g_assert_cmpint (merge (NULL, NULL, "\"b\"", LIAISON_SYNC_TO_LSQ, ASK, 0, 0), ==,
                   LIAISON_MERGE_TAKE_GHL);
  /* A conflict stays one, whatever the direction. */
  g_assert_cmpint (merge ("\"a\"", "\"b\"", "\"c\"", LIAISON_SYNC_TO_LSQ, ASK, 0, 0), ==,
                   LIAISON_MERGE_CONFLICT);
  g_assert_cmpstr (liaison_merge_outcome_to_string (LIAISON_MERGE_TAKE_GHL), ==, "take-ghl");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/merge/one-side-changed", test_one_side_changed);
  g_test_add_func ("/merge/both-changed", test_both_changed);
  g_test_add_func ("/merge/first-sync", test_first_sync);
  g_test_add_func ("/merge/direction", test_direction);
  return g_test_run ();
}
