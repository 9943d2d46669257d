/* liaison-merge.h: the three-way merge of one mapped field of a linked pair: the base (the
 * canonical value at the last sync), LeadSquared's and HighLevel's canonical values now.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "liaison-field-map.h"

G_BEGIN_DECLS

typedef enum
{
  LIAISON_MERGE_SAME,     /* nothing to write */
  LIAISON_MERGE_TAKE_LSQ, /* write LeadSquared's value to HighLevel */
  LIAISON_MERGE_TAKE_GHL, /* write HighLevel's value to LeadSquared */
  LIAISON_MERGE_CONFLICT, /* park the field as an open conflict */
} LiaisonMergeOutcome;

/* One side changed since base: take it. Both changed to equal values: SAME. Both changed
 * differently: the policy (ASK: CONFLICT; NEWEST_WINS: the later of lsq_modified_ms and
 * ghl_modified_ms, unix ms, a tie or an unknown (0) time is a CONFLICT).
 * base NULL (first sync, no snapshot): equal values are SAME; a side that is empty (null) while
 * the other has a value counts as unchanged, so the value is taken; two differing values follow
 * the policy. Values are canonical (see liaison-field-map.h); NULL counts as JSON null.
 * The direction limits which side may be written: a TAKE towards a side it forbids is SAME (that
 * side keeps its value); a CONFLICT stays a CONFLICT. */
LiaisonMergeOutcome liaison_merge_field (JsonNode *base, JsonNode *lsq, JsonNode *ghl,
                                         LiaisonSyncDirection direction,
                                         LiaisonConflictPolicy policy, gint64 lsq_modified_ms,
                                         gint64 ghl_modified_ms);
const char *liaison_merge_outcome_to_string (LiaisonMergeOutcome outcome); /* "same", "take-lsq" */

G_END_DECLS
