/* liaison-store-prune.c: keeping the sync history to its retention, so that the database stays
 * small and the History page fast.
 *
 * Old runs go a batch at a time, each batch one transaction and one job of its own on the
 * store's worker: reads and writes queued meanwhile (the History page, a sync) run between two
 * batches instead of waiting for the whole prune. A run still running is never pruned.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-store"

#include "liaison-debug.h"
#include "liaison-store-history-private.h"

/* About 100 operations a run: a batch is some 20,000 rows, a few tens of milliseconds. */
#define PRUNE_BATCH_RUNS 200

#define DAY_MS (G_GINT64_CONSTANT (24) * 60 * 60 * 1000)

gint64
liaison_history_retention_cutoff (guint days, gint64 now_ms)
{
  if (days == 0 || now_ms <= 0)
    return 0;
  return MAX (now_ms - (gint64) days * DAY_MS, 0);
}

typedef struct
{
  gint64 before_ms;
  guint64 n_runs;
} PruneData;

/* One batch: up to PRUNE_BATCH_RUNS of the oldest runs started before the cutoff. Their
 * operations go with them (ON DELETE CASCADE), their intents keep a NULL run. */
static gboolean
prune_batch (LiaisonStoreDb *db, gint64 before_ms, guint *n_deleted, GError **error)
{
  g_autoptr (LiaisonCachedStmt) stmt = liaison_store_db_prepare (
      db,
      "DELETE FROM runs WHERE id IN (SELECT id FROM runs WHERE started_at < ?1"
      " AND status <> 'running' ORDER BY started_at LIMIT ?2)",
      error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, before_ms);
  sqlite3_bind_int (stmt, 2, PRUNE_BATCH_RUNS);
  if (!liaison_store_db_begin (db, error))
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      liaison_store_db_fail (db, rc, "Could not remove old sync history", error);
      liaison_store_db_rollback (db);
      return FALSE;
    }
  *n_deleted = (guint) sqlite3_changes (db->db);
  return liaison_store_db_commit (db, error);
}

static void
prune_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  PruneData *data = g_task_get_task_data (task);
  GError *error = NULL;
  guint n_deleted = 0;

  if (!prune_batch (db, data->before_ms, &n_deleted, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  data->n_runs += n_deleted;
  /* More to do: queue the next batch behind whatever came meanwhile. The next job holds the
   * task and returns it; cancelling stops between two batches. */
  if (n_deleted == PRUNE_BATCH_RUNS && !g_task_return_error_if_cancelled (task))
    {
      liaison_store_push_job (self, task, prune_job);
      return;
    }
  if (g_task_had_error (task))
    return;
  LIAISON_TRACE (LIAISON_DEBUG_STORE, "pruned %" G_GUINT64_FORMAT " runs of the history",
                 data->n_runs);
  g_task_return_boolean (task, TRUE);
}

void
liaison_store_prune_history_async (LiaisonStore *self, gint64 before_ms, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  PruneData *data = g_new0 (PruneData, 1);

  g_return_if_fail (LIAISON_IS_STORE (self));
  data->before_ms = before_ms;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_prune_history_async);
  g_task_set_task_data (task, data, g_free);
  if (before_ms <= 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  liaison_store_push_job (self, task, prune_job);
}

gboolean
liaison_store_prune_history_finish (LiaisonStore *self, GAsyncResult *result, guint64 *n_runs,
                                    GError **error)
{
  PruneData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  data = g_task_get_task_data (G_TASK (result));
  if (n_runs != NULL)
    *n_runs = data->n_runs;
  return g_task_propagate_boolean (G_TASK (result), error);
}
