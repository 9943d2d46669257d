/* liaison-sync-notes-private.h: what the note sync's two files share: one pass over the linked
 * contacts and the operations planned for one pair of them.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-store-activity.h"
#include "liaison-sync-activity.h"
#include "liaison-sync-notes.h"

G_BEGIN_DECLS

typedef enum
{
  NOTE_CREATE,
  NOTE_UPDATE,
  NOTE_UNLINK,
} NoteOpKind;

typedef struct
{
  NoteOpKind kind;
  LiaisonService target; /* CREATE, and the side an UPDATE writes */
  LiaisonStoreSyncLink *link;
  LiaisonNote *lsq, *ghl;
  char *lsq_text, *ghl_text, *base; /* canonical texts; base: JSON value text or NULL */
  char *write;                      /* UPDATE: the text to write on target */
  gboolean conflict, new_link, settles;
  gint64 open_conflict; /* id of the link's open conflict, or 0 */
  gint64 answered;      /* id of the answered conflict this op applies, or 0 */
} NoteOp;

typedef struct
{
  LiaisonSyncRun *run;
  GTask *task;
  gint64 started_at;
  GPtrArray *pairs;
  guint next_pair;
  LiaisonActivityPick pick;
  GArray *retry;       /* gint64 link ids of the pairs with a failure, read again next time */
  guint failures_seen; /* the run's failures when the pair began */
  GHashTable *links_by_lsq, *links_by_ghl;
  GHashTable *not_copied; /* liaison_sync_activity_load_not_copied () */
  GHashTable *conflicts;  /* link id -> GPtrArray of LiaisonStoreConflict on "text" */
  GPtrArray *lsq_notes, *ghl_notes;
  GPtrArray *ops;
  guint next_op;
  guint lsq_reads, ghl_reads, lsq_writes, ghl_writes;
  JsonArray *plan_ops;
  /* the operation in flight */
  LiaisonStoreIntent *intent;
  char *new_id;
  GError *write_error;
} NotePass;

void liaison_sync_note_op_free (NoteOp *op);
/* A text as JSON value text (the canonical form of a note in bases and conflicts). */
char *liaison_sync_note_json_text (const char *text);
LiaisonStoreContactPair *liaison_sync_notes_current_pair (NotePass *pass);
void liaison_sync_notes_next_pair (NotePass *pass);

/* liaison-sync-notes-apply.c */
void liaison_sync_notes_apply_next (NotePass *pass);

G_END_DECLS
