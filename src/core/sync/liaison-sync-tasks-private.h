/* liaison-sync-tasks-private.h: what the task sync's two files share: one pass over the linked
 * contacts and the operations planned for one pair of them.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-merge.h"
#include "liaison-sync-activity.h"
#include "liaison-sync-tasks.h"

G_BEGIN_DECLS

typedef enum
{
  TASK_OP_CREATE, /* a task with no counterpart: made on target */
  TASK_OP_UPDATE, /* a linked or just matched pair: fields to write, a new base */
  TASK_OP_UNLINK, /* the counterpart is gone: only the link goes */
} TaskOpKind;

typedef struct
{
  TaskOpKind kind;
  LiaisonService target;      /* CREATE */
  LiaisonStoreSyncLink *link; /* UPDATE of a link, UNLINK */
  gboolean new_link;          /* UPDATE: matched by content, linked now */
  gboolean cannot_reopen;     /* HighLevel reopened a task LeadSquared has completed */
  LiaisonTask *lsq, *ghl;     /* the tasks as read */
  JsonObject *lsq_values, *ghl_values, *base;
  JsonObject *to_lsq, *to_ghl; /* field -> canonical value to write there */
  GPtrArray *conflicts;        /* LiaisonStoreConflict to open or refresh */
  GArray *conflicts_closed, *conflicts_applied;
  char *lsq_contact, *ghl_contact;
  char *reason, *cause;
} TaskOp;

void liaison_sync_task_op_free (TaskOp *op);

typedef struct _TaskPass TaskPass;
typedef void (*TaskPassFunc) (TaskPass *pass);

struct _TaskPass
{
  LiaisonSyncRun *run;
  GTask *task;
  gint64 started_at;
  char *lsq_type;
  GPtrArray *pairs; /* LiaisonStoreContactPair */
  guint next_pair;
  LiaisonActivityPick pick;
  GArray *retry;            /* gint64 link ids of the pairs with a failure, read again next time */
  guint failures_seen;      /* the run's failures when the pair began */
  GHashTable *links_by_lsq; /* task id -> LiaisonStoreSyncLink (owned) */
  GHashTable *links_by_ghl; /* task id -> the same link */
  GHashTable *conflicts;    /* link id -> GPtrArray of LiaisonStoreConflict */
  GHashTable *known_todos;  /* LeadSquared ids cached as to-dos */
  GHashTable *known_other;  /* LeadSquared ids cached as appointments */
  GHashTable *not_copied;   /* liaison_sync_activity_load_not_copied () */
  GPtrArray *pending;       /* LiaisonStoreIntent a crash left */
  GPtrArray *records;       /* LiaisonStoreRecord to cache at the end */
  /* the pair being read */
  GPtrArray *summaries, *lsq_tasks, *ghl_tasks;
  guint next_detail;
  GPtrArray *ops; /* TaskOp */
  guint next_op;
  /* what the pass did or would do */
  guint lsq_reads, ghl_reads, lsq_writes, ghl_writes;
  JsonArray *plan_ops;
  TaskPassFunc then;
};

void liaison_sync_tasks_next_pair (TaskPass *pass);

/* liaison-sync-tasks-apply.c */
void liaison_sync_tasks_describe (TaskPass *pass, TaskOp *op);
void liaison_sync_tasks_apply_next (TaskPass *pass);
void liaison_sync_tasks_close_pending (TaskPass *pass, TaskPassFunc then);
void liaison_sync_tasks_flush_records (TaskPass *pass, TaskPassFunc then);

G_END_DECLS
