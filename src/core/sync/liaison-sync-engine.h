/* liaison-sync-engine.h: LiaisonSyncEngine, one sync run of a profile: the lock, the reconcile
 * of writes a crash interrupted, "refresh from both", the plan, and its crash-safe apply.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-ghl-client.h"
#include "liaison-lsq-client.h"
#include "liaison-store.h"
#include "liaison-sync-plan.h"

G_BEGIN_DECLS

#define LIAISON_SYNC_ERROR (liaison_sync_error_quark ())

typedef enum
{
  LIAISON_SYNC_ERROR_FAILED,
  LIAISON_SYNC_ERROR_BUSY,    /* another sync of the profile is running */
  LIAISON_SYNC_ERROR_MAPPING, /* the saved field map cannot be used */
  /* a scheduled run before the profile's first sync, while nobody reviewed the field map:
   * nothing was done, no run recorded (liaison_store_read_schedule_hold_async) */
  LIAISON_SYNC_ERROR_NOT_REVIEWED,
} LiaisonSyncError;

GQuark liaison_sync_error_quark (void);

/* What a run carries (LiaisonSyncOptions.kinds); 0: everything. */
typedef enum
{
  LIAISON_SYNC_KIND_CONTACTS = 1 << 0,
  LIAISON_SYNC_KIND_TASKS = 1 << 1,
  LIAISON_SYNC_KIND_NOTES = 1 << 2,
  LIAISON_SYNC_KIND_APPOINTMENTS = 1 << 3,
} LiaisonSyncKinds;

typedef struct
{
  gboolean dry_run;      /* plan only: nothing is written to either service */
  gboolean force_delete; /* past the delete guard */
  gboolean no_refresh;   /* plan from the cache as it is (tests) */
  gboolean full_refresh; /* read everything: the only way to see what was deleted (always on
                          * when deletes travel) */
  const char *trigger;   /* "cli", "manual", "scheduled"; NULL: "manual". A scheduled run
                          * waits for the field map's review before the first sync
                          * (LIAISON_SYNC_ERROR_NOT_REVIEWED); the others are a person's
                          * go-ahead. */
  gint64 undo_run;       /* not 0: instead of syncing, take this run back (liaison-sync-undo.c) */
  guint kinds;           /* LiaisonSyncKinds; 0: all of them */
  /* Not NULL: the run is about this one contact, only_id on only_side: it carries contacts
   * only and keeps of the plan just the items of that record (creating it on the other side
   * when it has no counterpart there). Everything else (journal, apply, history) as usual. */
  const char *only_id;
  LiaisonService only_side;
} LiaisonSyncOptions;

/* What a run did. failures: one sentence per operation that failed, with its cause. */
typedef struct
{
  gint64 run_id;
  LiaisonSyncPlan *plan;
  guint n_created, n_updated, n_deleted, n_linked, n_unlinked, n_conflicts, n_skipped;
  guint n_failed, n_reconciled;
  guint lsq_calls, ghl_calls; /* writes and lookups the engine sent (not the refresh's reads) */
  GPtrArray *failures;        /* char * */
  char *delete_guard;         /* deletes held back: why */
  JsonNode *activity;         /* {"tasks": {"pairs", "reads", "calls", "operations"}}, or NULL */
} LiaisonSyncResult;

void liaison_sync_result_free (LiaisonSyncResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonSyncResult, liaison_sync_result_free)

#define LIAISON_TYPE_SYNC_ENGINE (liaison_sync_engine_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonSyncEngine, liaison_sync_engine, LIAISON, SYNC_ENGINE, GObject)

LiaisonSyncEngine *liaison_sync_engine_new (LiaisonStore *store, LiaisonLsqClient *lsq,
                                            const char *lsq_connection, LiaisonGhlClient *ghl,
                                            const char *ghl_connection);
LiaisonStore *liaison_sync_engine_get_store (LiaisonSyncEngine *self);
/* Requests in flight at once per service during apply (default 4). */
void liaison_sync_engine_set_concurrency (LiaisonSyncEngine *self, guint concurrency);
/* The clock of the daily pacing of the sweep over tasks and notes (liaison-sync-activity.c): ms
 * since the epoch, UTC. NULL is the machine's clock; tests pin it to an hour of the day. */
typedef gint64 (*LiaisonSyncClock) (gpointer user_data);
void liaison_sync_engine_set_clock (LiaisonSyncEngine *self, LiaisonSyncClock clock,
                                    gpointer user_data);
/* "progress" (guint done, guint total) is emitted while applying. */
void liaison_sync_engine_run_async (LiaisonSyncEngine *self, const LiaisonSyncOptions *options,
                                    GCancellable *cancellable, GAsyncReadyCallback callback,
                                    gpointer user_data);
LiaisonSyncResult *liaison_sync_engine_run_finish (LiaisonSyncEngine *self, GAsyncResult *result,
                                                   GError **error);

/* The profile's sync lock: a file beside the store, held with flock() for the process's
 * lifetime or until released (a killed process lets go of it). -1 with LIAISON_SYNC_ERROR_BUSY
 * when another process holds it. */
int liaison_sync_lock_acquire (const char *store_path, GError **error);
void liaison_sync_lock_release (int fd);

G_END_DECLS
