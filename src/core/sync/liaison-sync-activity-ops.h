/* liaison-sync-activity-ops.h: what the passes over the records that follow contacts (tasks,
 * notes, appointments) do alike with one child record: the three-way merge of its canonical
 * fields against its link's base, the base after a write, the intents before the writes, the
 * history rows after, the intents a crash left, and the pass's part of the run's result.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-merge.h"
#include "liaison-sync-activity.h"

G_BEGIN_DECLS

/* A member of object, or NULL (object may be NULL). */
JsonNode *liaison_activity_member (JsonObject *object, const char *name);
/* Whether two canonical values are the same; absent and null are. */
gboolean liaison_activity_same_value (JsonNode *a, JsonNode *b);
/* A canonical value as JSON text ("null" for none). */
char *liaison_activity_node_text (JsonNode *node);

/* Whether LeadSquared can take value for field while it holds lsq (a completed task cannot be
 * reopened, an appointment task cannot be cancelled through the API). */
typedef gboolean (*LiaisonActivityRefuses) (const char *field, JsonNode *lsq, JsonNode *value);

/* What the merge of one pair of child records asks for. */
typedef struct
{
  JsonObject *to_lsq, *to_ghl; /* field -> canonical value to write there */
  GPtrArray *conflicts;        /* LiaisonStoreConflict to open or refresh */
  GArray *conflicts_closed;    /* gint64 ids: settled without an answer */
  GArray *conflicts_applied;   /* gint64 ids: answers this merge applies */
  gboolean refused;            /* a field LeadSquared cannot take is in conflict */
} LiaisonActivityMerge;

void liaison_activity_merge_clear (LiaisonActivityMerge *merge);
/* Field by field: one side changed, take it; both alike, nothing; both differently, a conflict
 * ("ask"). An answered conflict (in link_conflicts, of LiaisonStoreConflict) decides its field:
 * the loser's value stands in for the base, an edited value is written to both sides. A value
 * LeadSquared refuses (refuses, may be NULL) becomes a conflict. lsq_id, ghl_id: the records'
 * ids, for the conflicts. */
void liaison_activity_merge_fields (LiaisonActivityMerge *merge, const char *const *fields,
                                    guint n_fields, GPtrArray *link_conflicts,
                                    JsonObject *lsq_values, JsonObject *ghl_values,
                                    JsonObject *base, const char *lsq_id, const char *ghl_id,
                                    LiaisonActivityRefuses refuses);
/* Whether the merge asks for nothing at all. */
gboolean liaison_activity_merge_is_empty (const LiaisonActivityMerge *merge);
/* The base after the writes: a field both sides hold equally now takes that value, a field whose
 * write failed (or in conflict) keeps its old base. */
char *liaison_activity_new_base (JsonObject *base, JsonObject *lsq_values, JsonObject *ghl_values,
                                 JsonObject *to_lsq, JsonObject *to_ghl, gboolean lsq_written,
                                 gboolean ghl_written);

/* The open and answered conflicts of kind, by link id (gint64 *) -> GPtrArray of
 * LiaisonStoreConflict. */
GHashTable *liaison_activity_load_conflicts (LiaisonSyncRun *run, LiaisonRecordKind kind,
                                             GError **error);
/* An intent of a write of kind on service: the contact and the values, for a create (remote_id
 * NULL) or an update. */
LiaisonStoreIntent *liaison_activity_intent_new (LiaisonSyncRun *run, LiaisonRecordKind kind,
                                                 LiaisonService service, const char *contact,
                                                 const char *remote_id, const char *source_id,
                                                 gint64 link_id, JsonObject *values);
/* A history row. */
LiaisonStoreOperation *liaison_activity_operation_new (LiaisonSyncRun *run, LiaisonService service,
                                                       const char *lsq_id, const char *ghl_id,
                                                       LiaisonOperationAction action,
                                                       const char *field, JsonNode *before,
                                                       JsonNode *after, const GError *error,
                                                       const char *cause);
/* A history row per field of changes written on side (before: the values there before). */
void liaison_activity_field_operations (LiaisonSyncRun *run, LiaisonStoreStep *step,
                                        LiaisonService side, const char *lsq_id, const char *ghl_id,
                                        JsonObject *changes, JsonObject *before,
                                        const GError *error, const char *cause);
/* Closes intent in step: done when written, else failed with error's message. */
void liaison_activity_close_intent (LiaisonStoreStep *step, LiaisonStoreIntent *intent,
                                    gboolean written, const GError *error);
/* Adds to step the intents a crash left (pending), closed as interrupted with message, and counts
 * them as reconciled: the pass that follows compares what both services hold, its content
 * lookup links what a lost create made and its merge writes again what an update did not
 * finish. Nothing in a dry run. */
void liaison_activity_close_pending (LiaisonSyncRun *run, LiaisonStoreStep *step,
                                     GPtrArray *pending, const char *message);

/* What one pass read and wrote, for the run's result. */
typedef struct
{
  guint n_pairs;
  guint lsq_reads, ghl_reads, lsq_writes, ghl_writes;
  JsonArray *plan_ops;
} LiaisonActivityCounts;

/* Puts the pass's part under name in run->result->activity ({"pairs", changedPairs...,
 * "reads", "calls", "operations"}) and adds its reads to the run's calls; returns the part, for
 * more members. */
JsonObject *liaison_activity_set_part (LiaisonSyncRun *run, const char *name,
                                       const LiaisonActivityPick *pick,
                                       const LiaisonActivityCounts *counts);

G_END_DECLS
