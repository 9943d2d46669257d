/* liaison-sync-activity-apply.h: what the writes of the passes over the records that follow
 * contacts (tasks, appointments) do alike with one operation: the intents before its writes,
 * and the store step after them (the intents closed, the history, the link, the conflicts).
 * What a kind writes and how, and what it alone records, stay in its own file.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-sync-activity-ops.h"

G_BEGIN_DECLS

/* The writes one operation asks for. */
typedef struct
{
  LiaisonRecordKind kind;
  gboolean create;       /* a create on target; else an update of a pair */
  LiaisonService target; /* create */
  const char *lsq_contact, *ghl_contact;
  gint64 link_id; /* 0: none yet */
  const char *lsq_id, *ghl_id;
  JsonObject *lsq_values, *ghl_values; /* create: the source's values */
  JsonObject *to_lsq, *to_ghl;         /* update: the changes */
} LiaisonActivityWrites;

/* Adds to intents the intent of each write writes asks for (HighLevel's first) and sets
 * *lsq_intent and *ghl_intent to them (or NULL); returns whether there is any. */
gboolean liaison_activity_plan_intents (LiaisonSyncRun *run, const LiaisonActivityWrites *writes,
                                        GPtrArray *intents, LiaisonStoreIntent **lsq_intent,
                                        LiaisonStoreIntent **ghl_intent);

/* A store step of kind for one operation, its intents closed (done when written, else failed)
 * and the writes' failures in the run's. what_lsq, what_ghl: what failed, for the sentence
 * (what_ghl NULL: HighLevel's failure is recorded by the caller). */
LiaisonStoreStep *liaison_activity_step_new (LiaisonSyncRun *run, LiaisonRecordKind kind,
                                             LiaisonStoreIntent *lsq_intent, gboolean lsq_written,
                                             const GError *lsq_error, const char *what_lsq,
                                             LiaisonStoreIntent *ghl_intent, gboolean ghl_written,
                                             const GError *ghl_error, const char *what_ghl);

/* Records a create on side of values (its history row unless without_row) and, when it was
 * written and both ids are known, the link it made with values as its base; returns whether
 * it linked (the caller caches both records). */
gboolean liaison_activity_record_create (LiaisonSyncRun *run, LiaisonStoreStep *step,
                                         LiaisonService side, const char *lsq_id,
                                         const char *ghl_id, JsonObject *values, gboolean written,
                                         const GError *error, const char *cause,
                                         gboolean without_row);

/* Records that link's counterpart is gone: its cached record, the link, a history row
 * (lsq_kept: LeadSquared's record is the one left). */
void liaison_activity_record_unlink (LiaisonSyncRun *run, LiaisonStoreStep *step,
                                     LiaisonRecordKind kind, const LiaisonStoreSyncLink *link,
                                     gboolean lsq_kept, const char *cause);

/* Why a conflict on field is one LeadSquared cannot take (refused: the merge said a field was
 * refused): sets *cause and returns the sentence, or NULL for an ordinary conflict. */
typedef GError *(*LiaisonActivityRefusal) (const char *field, gboolean refused, const char **cause);

/* What the writes of an update of a pair came to. */
typedef struct
{
  LiaisonActivityMerge *merge; /* its conflicts are moved into the step */
  JsonObject *base, *lsq_values, *ghl_values;
  gint64 link_id;    /* 0: matched by content now */
  gboolean new_link; /* a history row for the link, with cause */
  const char *cause;
  const char *lsq_id, *ghl_id;
  gboolean lsq_written, ghl_written;
  const GError *lsq_error, *ghl_error;
  gboolean ghl_rows_elsewhere; /* HighLevel's field rows are recorded by the caller */
  LiaisonActivityRefusal refusal;
} LiaisonActivityUpdate;

/* Records an update: the link's history row, a row per field written, the link with its new
 * base, the conflicts opened, settled and (when both sides took them) answered. */
void liaison_activity_record_update (LiaisonSyncRun *run, LiaisonStoreStep *step,
                                     const LiaisonActivityUpdate *update);

G_END_DECLS
