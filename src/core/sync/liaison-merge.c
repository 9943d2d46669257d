/* liaison-merge.c: the three-way merge of one mapped field.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include "liaison-merge.h"

static gboolean
is_empty (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

static LiaisonMergeOutcome
by_policy (LiaisonConflictPolicy policy, gint64 lsq_modified_ms, gint64 ghl_modified_ms)
{
  switch (policy)
    {
      case LIAISON_POLICY_LSQ_WINS:
        return LIAISON_MERGE_TAKE_LSQ;
      case LIAISON_POLICY_GHL_WINS:
        return LIAISON_MERGE_TAKE_GHL;
      case LIAISON_POLICY_NEWEST_WINS:
        /* Never a guess: a tie, or a time not known, is for a person to decide. */
        if (lsq_modified_ms <= 0 || ghl_modified_ms <= 0 || lsq_modified_ms == ghl_modified_ms)
          return LIAISON_MERGE_CONFLICT;
        return lsq_modified_ms > ghl_modified_ms ? LIAISON_MERGE_TAKE_LSQ : LIAISON_MERGE_TAKE_GHL;
      case LIAISON_POLICY_ASK:
      default:
        return LIAISON_MERGE_CONFLICT;
    }
}

static LiaisonMergeOutcome
decide (JsonNode *base, JsonNode *lsq, JsonNode *ghl, LiaisonConflictPolicy policy,
        gint64 lsq_modified_ms, gint64 ghl_modified_ms)
{
  gboolean lsq_changed, ghl_changed;

  if (liaison_field_map_value_equal (lsq, ghl))
    return LIAISON_MERGE_SAME;
  if (base == NULL)
    {
      /* First sync: an empty side takes the other's value; two values follow the policy. */
      if (is_empty (lsq))
        return LIAISON_MERGE_TAKE_GHL;
      if (is_empty (ghl))
        return LIAISON_MERGE_TAKE_LSQ;
      return by_policy (policy, lsq_modified_ms, ghl_modified_ms);
    }
  lsq_changed = !liaison_field_map_value_equal (base, lsq);
  ghl_changed = !liaison_field_map_value_equal (base, ghl);
  if (lsq_changed && !ghl_changed)
    return LIAISON_MERGE_TAKE_LSQ;
  if (ghl_changed && !lsq_changed)
    return LIAISON_MERGE_TAKE_GHL;
  return by_policy (policy, lsq_modified_ms, ghl_modified_ms);
}

LiaisonMergeOutcome
liaison_merge_field (JsonNode *base, JsonNode *lsq, JsonNode *ghl, LiaisonSyncDirection direction,
                     LiaisonConflictPolicy policy, gint64 lsq_modified_ms, gint64 ghl_modified_ms)
{
  LiaisonMergeOutcome outcome = decide (base, lsq, ghl, policy, lsq_modified_ms, ghl_modified_ms);

  /* TAKE_LSQ writes HighLevel, TAKE_GHL writes LeadSquared. */
  if (outcome == LIAISON_MERGE_TAKE_LSQ && direction == LIAISON_SYNC_TO_LSQ)
    return LIAISON_MERGE_SAME;
  if (outcome == LIAISON_MERGE_TAKE_GHL && direction == LIAISON_SYNC_TO_GHL)
    return LIAISON_MERGE_SAME;
  return outcome;
}

const char *
liaison_merge_outcome_to_string (LiaisonMergeOutcome outcome)
{
  static const char *const names[] = { "same", "take-lsq", "take-ghl", "conflict" };

  g_return_val_if_fail ((guint) outcome < G_N_ELEMENTS (names), NULL);
  return names[outcome];
}
