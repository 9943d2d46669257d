/* liaison-store-sync-step.c: the apply step, everything one remote write (or one page of local
 * decisions) changes in the store, in one transaction: the records as the service answered, the
 * link with its new base, the intent closed, the operations recorded, conflicts opened or closed.
 * A crash leaves either all of it or none of it, and a pending intent says what to reconcile.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-store"

#include "liaison-debug.h"
#include "liaison-store-private.h"
#include "liaison-store-sync.h"

LiaisonStoreStep *
liaison_store_step_new (const char *lsq_connection, const char *ghl_connection, gint64 run_id)
{
  LiaisonStoreStep *step = g_new0 (LiaisonStoreStep, 1);

  step->lsq_connection = g_strdup (lsq_connection);
  step->ghl_connection = g_strdup (ghl_connection);
  step->run_id = run_id;
  step->records = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
  step->links = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_sync_link_free);
  step->intents_done = g_array_new (FALSE, FALSE, sizeof (gint64));
  step->intents_failed
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_intent_free);
  step->operations = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_operation_free);
  step->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_conflict_free);
  step->conflicts_closed
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_conflict_free);
  step->conflicts_applied = g_array_new (FALSE, FALSE, sizeof (gint64));
  step->links_removed = g_array_new (FALSE, FALSE, sizeof (gint64));
  step->records_gone = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
  step->not_copied
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_not_copied_free);
  return step;
}

void
liaison_store_step_free (LiaisonStoreStep *step)
{
  if (step == NULL)
    return;
  g_free (step->lsq_connection);
  g_free (step->ghl_connection);
  g_ptr_array_unref (step->records);
  g_ptr_array_unref (step->links);
  g_array_unref (step->intents_done);
  g_ptr_array_unref (step->intents_failed);
  g_ptr_array_unref (step->operations);
  g_ptr_array_unref (step->conflicts);
  g_ptr_array_unref (step->conflicts_closed);
  g_array_unref (step->conflicts_applied);
  g_array_unref (step->links_removed);
  g_ptr_array_unref (step->records_gone);
  g_ptr_array_unref (step->not_copied);
  g_free (step);
}

gboolean
liaison_store_step_is_empty (const LiaisonStoreStep *step)
{
  return step->records->len == 0 && step->links->len == 0 && step->intents_done->len == 0
         && step->intents_failed->len == 0 && step->operations->len == 0
         && step->conflicts->len == 0 && step->conflicts_closed->len == 0
         && step->conflicts_applied->len == 0 && step->links_removed->len == 0
         && step->records_gone->len == 0 && step->not_copied->len == 0;
}

static gboolean
run_stmt (LiaisonStoreDb *db, sqlite3_stmt *stmt, const char *context, GError **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return liaison_store_db_fail (db, rc, context, error);
  return TRUE;
}

static gboolean
write_links (LiaisonStoreDb *db, LiaisonStoreStep *step, gint64 now, GError **error)
{
  g_autoptr (LiaisonCachedStmt) update = NULL;
  g_autoptr (LiaisonCachedStmt) insert = NULL;
  g_autoptr (GPtrArray) lsq_ids = NULL; /* of the new links, borrowed */
  g_autoptr (GPtrArray) ghl_ids = NULL;

  if (step->links->len == 0)
    return TRUE;
  update = liaison_store_db_prepare (
      db,
      "UPDATE links SET base_snapshot = ?2, base_hash = ?3, lsq_seen_hash = ?4,"
      "  ghl_seen_hash = ?5, synced_at = ?6 WHERE id = ?1",
      error);
  /* A new link, or one made meanwhile for the same records (then only its base moves). */
  insert = liaison_store_db_prepare (
      db,
      "INSERT INTO links (kind, lsq_connection, lsq_id, ghl_connection, ghl_id, origin,"
      "  base_snapshot, base_hash, linked_at, synced_at, lsq_seen_hash, ghl_seen_hash)"
      " VALUES (?11, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10)"
      " ON CONFLICT (lsq_connection, kind, lsq_id) DO UPDATE SET"
      "   base_snapshot = excluded.base_snapshot, base_hash = excluded.base_hash,"
      "   synced_at = excluded.synced_at, lsq_seen_hash = excluded.lsq_seen_hash,"
      "   ghl_seen_hash = excluded.ghl_seen_hash WHERE ghl_id = excluded.ghl_id",
      error);
  if (update == NULL || insert == NULL)
    return FALSE;
  lsq_ids = g_ptr_array_new ();
  ghl_ids = g_ptr_array_new ();
  for (guint i = 0; i < step->links->len; i++)
    {
      const LiaisonStoreSyncLink *link = g_ptr_array_index (step->links, i);
      gint64 synced = link->synced_at > 0 ? link->synced_at : now;

      if (link->id > 0)
        {
          sqlite3_bind_int64 (update, 1, link->id);
          liaison_store_bind_text (update, 2, link->base_snapshot);
          liaison_store_bind_text (update, 3, link->base_hash);
          liaison_store_bind_text (update, 4, link->lsq_seen_hash);
          liaison_store_bind_text (update, 5, link->ghl_seen_hash);
          sqlite3_bind_int64 (update, 6, synced);
          if (!run_stmt (db, update, "Could not update a link", error))
            return FALSE;
          continue;
        }
      if (link->lsq_id == NULL || link->ghl_id == NULL)
        {
          g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID,
                       "A link needs a record on both sides");
          return FALSE;
        }
      liaison_store_bind_text (insert, 1, step->lsq_connection);
      liaison_store_bind_text (insert, 2, link->lsq_id);
      liaison_store_bind_text (insert, 3, step->ghl_connection);
      liaison_store_bind_text (insert, 4, link->ghl_id);
      liaison_store_bind_text (insert, 5, liaison_link_origin_to_string (link->origin));
      liaison_store_bind_text (insert, 6, link->base_snapshot);
      liaison_store_bind_text (insert, 7, link->base_hash);
      sqlite3_bind_int64 (insert, 8, synced);
      liaison_store_bind_text (insert, 9, link->lsq_seen_hash);
      liaison_store_bind_text (insert, 10, link->ghl_seen_hash);
      liaison_store_bind_text (insert, 11, liaison_record_kind_to_string (step->kind));
      if (!run_stmt (db, insert, "Could not link two contacts", error))
        {
          if (g_error_matches (*error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CONFLICT))
            g_prefix_error (error, "HighLevel contact %s is already linked to another lead. ",
                            link->ghl_id);
          return FALSE;
        }
      if (step->kind == LIAISON_RECORD_CONTACT)
        {
          g_ptr_array_add (lsq_ids, link->lsq_id);
          g_ptr_array_add (ghl_ids, link->ghl_id);
        }
    }
  /* A pair the run links settles the ambiguous matches its contacts were in. */
  return liaison_store_db_close_ambiguous (db, lsq_ids, ghl_ids, step->run_id, now, error);
}

static gboolean
write_intents (LiaisonStoreDb *db, LiaisonStoreStep *step, gint64 now, GError **error)
{
  g_autoptr (LiaisonCachedStmt) done = NULL;
  g_autoptr (LiaisonCachedStmt) failed = NULL;

  if (step->intents_done->len == 0 && step->intents_failed->len == 0)
    return TRUE;
  done = liaison_store_db_prepare (
      db, "UPDATE intents SET state = 'done', error = NULL, updated_at = ?2 WHERE id = ?1", error);
  failed = liaison_store_db_prepare (db,
                                     "UPDATE intents SET state = 'failed', error = ?2,"
                                     "  updated_at = ?3, attempts = attempts + 1 WHERE id = ?1",
                                     error);
  if (done == NULL || failed == NULL)
    return FALSE;
  for (guint i = 0; i < step->intents_done->len; i++)
    {
      sqlite3_bind_int64 (done, 1, g_array_index (step->intents_done, gint64, i));
      sqlite3_bind_int64 (done, 2, now);
      if (!run_stmt (db, done, "Could not close an intent", error))
        return FALSE;
    }
  for (guint i = 0; i < step->intents_failed->len; i++)
    {
      const LiaisonStoreIntent *intent = g_ptr_array_index (step->intents_failed, i);

      g_autofree char *text
          = intent->refused ? g_strconcat (LIAISON_STORE_REFUSED_PREFIX, intent->payload, NULL)
                            : g_strdup (intent->payload);

      sqlite3_bind_int64 (failed, 1, intent->id);
      liaison_store_bind_text (failed, 2, text);
      sqlite3_bind_int64 (failed, 3, now);
      if (!run_stmt (db, failed, "Could not close an intent", error))
        return FALSE;
    }
  return TRUE;
}

#define LINK_OF(l, g)                                                                              \
  "(SELECT id FROM links WHERE kind = ?15 AND ((lsq_connection = ?1 AND lsq_id = " l ")"           \
  " OR (ghl_connection = ?2 AND ghl_id = " g ")))"

static gboolean
write_operations (LiaisonStoreDb *db, LiaisonStoreStep *step, gint64 now, GError **error)
{
  g_autoptr (LiaisonCachedStmt) stmt = NULL;

  if (step->operations->len == 0)
    return TRUE;
  stmt = liaison_store_db_prepare (
      db,
      "INSERT INTO operations (run_id, at, service, kind, remote_id, link_id, action, field,"
      "  before, after, status, error, cause, lsq_id, ghl_id)"
      " VALUES (?3, ?4, ?5, ?15, CASE ?5 WHEN 'lsq' THEN ?6 ELSE ?7 END,"
      "  " LINK_OF ("?6", "?7") ", ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?6, ?7)",
      error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < step->operations->len; i++)
    {
      const LiaisonStoreOperation *op = g_ptr_array_index (step->operations, i);

      liaison_store_bind_text (stmt, 1, step->lsq_connection);
      liaison_store_bind_text (stmt, 2, step->ghl_connection);
      sqlite3_bind_int64 (stmt, 3, op->run_id > 0 ? op->run_id : step->run_id);
      sqlite3_bind_int64 (stmt, 4, op->at > 0 ? op->at : now);
      liaison_store_bind_text (stmt, 5, liaison_service_to_string (op->service));
      liaison_store_bind_text (stmt, 6, op->lsq_id);
      liaison_store_bind_text (stmt, 7, op->ghl_id);
      liaison_store_bind_text (stmt, 8, liaison_operation_action_to_string (op->action));
      liaison_store_bind_text (stmt, 9, op->field);
      liaison_store_bind_text (stmt, 10, op->before);
      liaison_store_bind_text (stmt, 11, op->after);
      liaison_store_bind_text (stmt, 12, liaison_operation_status_to_string (op->status));
      liaison_store_bind_text (stmt, 13, op->error);
      liaison_store_bind_text (stmt, 14, op->cause);
      liaison_store_bind_text (stmt, 15, liaison_record_kind_to_string (step->kind));
      if (!run_stmt (db, stmt, "Could not record an operation", error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_conflicts (LiaisonStoreDb *db, LiaisonStoreStep *step, gint64 now, GError **error)
{
  g_autoptr (LiaisonCachedStmt) field = NULL;
  g_autoptr (LiaisonCachedStmt) ambiguous = NULL;
  g_autoptr (LiaisonCachedStmt) close = NULL;
  g_autoptr (LiaisonCachedStmt) applied = NULL;

  if (step->conflicts->len == 0 && step->conflicts_closed->len == 0
      && step->conflicts_applied->len == 0)
    return TRUE;
  /* One open conflict per (link, field): a later run refreshes its values, keeps its id and the
   * time it was first seen. */
  field = liaison_store_db_prepare (
      db,
      "INSERT INTO conflicts (link_id, kind, field, base_value, lsq_value, ghl_value,"
      "  detected_at) VALUES (" LINK_OF (
          "?3",
          "?4") ", 'field', ?5, ?6, ?7, ?8, ?9)"
                " ON CONFLICT (link_id, field) WHERE resolved_at IS NULL AND kind = 'field'"
                " DO UPDATE SET base_value = excluded.base_value, lsq_value = excluded.lsq_value,"
                "   ghl_value = excluded.ghl_value",
      error);
  ambiguous = liaison_store_db_prepare (
      db,
      "INSERT INTO conflicts (link_id, kind, candidates, detected_at)"
      " VALUES (NULL, 'ambiguous', ?1, ?2)"
      " ON CONFLICT (candidates) WHERE resolved_at IS NULL AND kind = 'ambiguous' DO NOTHING",
      error);
  close = liaison_store_db_prepare (db,
                                    "UPDATE conflicts SET resolved_at = ?2, resolution = ?3,"
                                    "  applied_run = ?4 WHERE id = ?1 AND resolved_at IS NULL",
                                    error);
  applied = liaison_store_db_prepare (
      db, "UPDATE conflicts SET applied_run = ?2 WHERE id = ?1 AND applied_run IS NULL", error);
  if (field == NULL || ambiguous == NULL || close == NULL || applied == NULL)
    return FALSE;
  for (guint i = 0; i < step->conflicts->len; i++)
    {
      const LiaisonStoreConflict *c = g_ptr_array_index (step->conflicts, i);

      if (c->kind == LIAISON_CONFLICT_AMBIGUOUS)
        {
          liaison_store_bind_text (ambiguous, 1, c->candidates);
          sqlite3_bind_int64 (ambiguous, 2, c->detected_at > 0 ? c->detected_at : now);
          if (!run_stmt (db, ambiguous, "Could not record an ambiguous match", error))
            return FALSE;
          continue;
        }
      liaison_store_bind_text (field, 1, step->lsq_connection);
      liaison_store_bind_text (field, 2, step->ghl_connection);
      liaison_store_bind_text (field, 3, c->lsq_id);
      liaison_store_bind_text (field, 4, c->ghl_id);
      liaison_store_bind_text (field, 5, c->field);
      liaison_store_bind_text (field, 6, c->base_value);
      liaison_store_bind_text (field, 7, c->lsq_value);
      liaison_store_bind_text (field, 8, c->ghl_value);
      sqlite3_bind_int64 (field, 9, c->detected_at > 0 ? c->detected_at : now);
      liaison_store_bind_text (field, 15, liaison_record_kind_to_string (step->kind));
      if (!run_stmt (db, field, "Could not record a conflict", error))
        return FALSE;
    }
  for (guint i = 0; i < step->conflicts_closed->len; i++)
    {
      const LiaisonStoreConflict *c = g_ptr_array_index (step->conflicts_closed, i);

      sqlite3_bind_int64 (close, 1, c->id);
      sqlite3_bind_int64 (close, 2, now);
      liaison_store_bind_text (close, 3, c->resolution ? c->resolution : "dismissed");
      sqlite3_bind_int64 (close, 4, step->run_id);
      if (!run_stmt (db, close, "Could not close a conflict", error))
        return FALSE;
    }
  for (guint i = 0; i < step->conflicts_applied->len; i++)
    {
      sqlite3_bind_int64 (applied, 1, g_array_index (step->conflicts_applied, gint64, i));
      sqlite3_bind_int64 (applied, 2, step->run_id);
      if (!run_stmt (db, applied, "Could not mark a conflict applied", error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
remove_links (LiaisonStoreDb *db, LiaisonStoreStep *step, gint64 now, GError **error)
{
  g_autoptr (LiaisonCachedStmt) stmt = NULL;

  g_autoptr (LiaisonCachedStmt) gone = NULL;

  if (step->records_gone->len > 0)
    {
      gone = liaison_store_db_prepare (db,
                                       "UPDATE records SET deleted = 1, changed_at = ?4"
                                       " WHERE connection_id = ?1 AND kind = ?3 AND remote_id = ?2"
                                       "   AND deleted = 0",
                                       error);
      if (gone == NULL)
        return FALSE;
      for (guint i = 0; i < step->records_gone->len; i++)
        {
          const LiaisonStoreRecord *record = g_ptr_array_index (step->records_gone, i);

          liaison_store_bind_text (gone, 1, record->connection_id);
          liaison_store_bind_text (gone, 2, record->remote_id);
          liaison_store_bind_text (gone, 3, liaison_record_kind_to_string (step->kind));
          sqlite3_bind_int64 (gone, 4, now);
          if (!run_stmt (db, gone, "Could not mark a record deleted", error))
            return FALSE;
        }
    }
  if (step->links_removed->len == 0)
    return TRUE;
  stmt = liaison_store_db_prepare (db, "DELETE FROM links WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < step->links_removed->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, g_array_index (step->links_removed, gint64, i));
      if (!run_stmt (db, stmt, "Could not remove a link", error))
        return FALSE;
    }
  return TRUE;
}

/* Writes step->not_copied; inside the step's transaction. */
static gboolean
write_not_copied (LiaisonStoreDb *db, const LiaisonStoreStep *step, gint64 now, GError **error)
{
  g_autoptr (LiaisonCachedStmt) stmt = NULL;

  if (step->not_copied == NULL || step->not_copied->len == 0)
    return TRUE;
  stmt = liaison_store_db_prepare (
      db,
      "INSERT OR REPLACE INTO not_copied (connection_id, kind, remote_id, run_id, undone_run, at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
      error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < step->not_copied->len; i++)
    {
      const LiaisonStoreNotCopied *row = g_ptr_array_index (step->not_copied, i);
      int rc;

      liaison_store_bind_text (stmt, 1, row->connection_id);
      liaison_store_bind_text (stmt, 2, liaison_record_kind_to_string (step->kind));
      liaison_store_bind_text (stmt, 3, row->remote_id);
      sqlite3_bind_int64 (stmt, 4, step->run_id);
      sqlite3_bind_int64 (stmt, 5, row->undone_run);
      sqlite3_bind_int64 (stmt, 6, now);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return liaison_store_db_fail (db, rc, "Could not note a record not to copy again", error);
    }
  return TRUE;
}

static void
apply_step_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  LiaisonStoreStep *step = g_task_get_task_data (task);
  g_autofree char *region = liaison_store_dup_default_region (self);
  GError *error = NULL;
  gint64 now = liaison_store_stamp_ms ();
  gboolean ok;

  ok = liaison_store_db_begin (db, &error);
  /* Records first, so that a new link finds them (its trigger sets records.link_id). */
  ok = ok && liaison_store_upsert_records (db, step->records, region, &error);
  ok = ok && write_links (db, step, now, &error);
  ok = ok && write_intents (db, step, now, &error);
  ok = ok && write_operations (db, step, now, &error);
  ok = ok && write_conflicts (db, step, now, &error);
  ok = ok && remove_links (db, step, now, &error);
  ok = ok && write_not_copied (db, step, now, &error);
  ok = ok && liaison_store_db_commit (db, &error);
  if (!ok)
    {
      liaison_store_db_rollback (db);
      g_task_return_error (task, error);
      return;
    }
  if (step->notify)
    liaison_store_notify_sync (self, step->lsq_connection, step->ghl_connection);
  g_task_return_boolean (task, TRUE);
}

void
liaison_store_apply_step_async (LiaisonStore *self, LiaisonStoreStep *step,
                                GCancellable *cancellable, GAsyncReadyCallback callback,
                                gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (step != NULL);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_apply_step_async);
  /* Once queued, a step is written even if the caller gives up: the remote write it records has
   * happened. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, step, (GDestroyNotify) liaison_store_step_free);
  liaison_store_push_job (self, task, apply_step_job);
}

gboolean
liaison_store_apply_step_finish (LiaisonStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
