/* liaison-store-sync-read.c: reading the sync engine's state back: runs, operations, conflicts,
 * pending intents, settings, and the scan planning starts from.
 *
 * The list reads use the store's read-only connection, like every main-thread read; the scan
 * opens a read-only connection of its own, so that planning can run on a worker thread while the
 * main loop goes on.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-store"

#include <string.h>

#include "liaison-store-private.h"
#include "liaison-store-sync.h"

static const char *const action_names[]
    = { "create", "update", "delete", "link", "unlink", "conflict", "skip" };
static const char *const status_names[] = { "planned", "applied", "failed", "skipped" };
static const char *const intent_names[] = { "create", "update", "delete" };

const char *
liaison_operation_action_to_string (LiaisonOperationAction action)
{
  return (guint) action < G_N_ELEMENTS (action_names) ? action_names[action] : "skip";
}

const char *
liaison_operation_status_to_string (LiaisonOperationStatus status)
{
  return (guint) status < G_N_ELEMENTS (status_names) ? status_names[status] : "failed";
}

const char *
liaison_intent_op_to_string (LiaisonIntentOp op)
{
  return (guint) op < G_N_ELEMENTS (intent_names) ? intent_names[op] : "update";
}

static guint
index_of (const char *const *names, guint n, const char *name, guint fallback)
{
  for (guint i = 0; name != NULL && i < n; i++)
    if (g_str_equal (names[i], name))
      return i;
  return fallback;
}

/* ---- free functions ---- */

LiaisonStoreSyncLink *
liaison_store_sync_link_copy (const LiaisonStoreSyncLink *link)
{
  LiaisonStoreSyncLink *copy = g_new0 (LiaisonStoreSyncLink, 1);

  *copy = *link;
  copy->lsq_id = g_strdup (link->lsq_id);
  copy->ghl_id = g_strdup (link->ghl_id);
  copy->base_snapshot = g_strdup (link->base_snapshot);
  copy->base_hash = g_strdup (link->base_hash);
  copy->lsq_seen_hash = g_strdup (link->lsq_seen_hash);
  copy->ghl_seen_hash = g_strdup (link->ghl_seen_hash);
  return copy;
}

void
liaison_store_sync_link_free (LiaisonStoreSyncLink *link)
{
  if (link == NULL)
    return;
  g_free (link->lsq_id);
  g_free (link->ghl_id);
  g_free (link->base_snapshot);
  g_free (link->base_hash);
  g_free (link->lsq_seen_hash);
  g_free (link->ghl_seen_hash);
  g_free (link);
}

void
liaison_store_intent_free (LiaisonStoreIntent *intent)
{
  if (intent == NULL)
    return;
  g_free (intent->remote_id);
  g_free (intent->source_id);
  g_free (intent->marker);
  g_free (intent->payload);
  g_free (intent);
}

void
liaison_store_operation_free (LiaisonStoreOperation *op)
{
  if (op == NULL)
    return;
  g_free (op->lsq_id);
  g_free (op->ghl_id);
  g_free (op->field);
  g_free (op->before);
  g_free (op->after);
  g_free (op->error);
  g_free (op->cause);
  g_free (op);
}

void
liaison_store_conflict_free (LiaisonStoreConflict *c)
{
  if (c == NULL)
    return;
  g_free (c->lsq_id);
  g_free (c->ghl_id);
  g_free (c->email);
  g_free (c->field);
  g_free (c->base_value);
  g_free (c->lsq_value);
  g_free (c->ghl_value);
  g_free (c->candidates);
  g_free (c->resolution);
  g_free (c->resolved_value);
  g_free (c->name);
  g_free (c->candidate_details);
  g_free (c);
}

void
liaison_store_run_free (LiaisonStoreRun *run)
{
  if (run == NULL)
    return;
  g_free (run->trigger);
  g_free (run->status);
  g_free (run->error);
  g_free (run->cause);
  g_free (run);
}

/* ---- reads ---- */

char *
liaison_store_get_setting (LiaisonStore *self, const char *key, GError **error)
{
  LiaisonStoreDb *db = liaison_store_get_reader (self);
  g_autoptr (LiaisonCachedStmt) stmt
      = liaison_store_db_prepare (db, "SELECT value FROM settings WHERE key = ?1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  liaison_store_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return liaison_store_column_dup (stmt, 0);
  if (rc != SQLITE_DONE)
    liaison_store_db_fail (db, rc, "Could not read a setting", error);
  return NULL;
}

gpointer
liaison_store_run_from_row (sqlite3_stmt *stmt)
{
  LiaisonStoreRun *run = g_new0 (LiaisonStoreRun, 1);

  run->id = sqlite3_column_int64 (stmt, 0);
  run->started_at = sqlite3_column_int64 (stmt, 1);
  run->finished_at = sqlite3_column_int64 (stmt, 2);
  run->trigger = liaison_store_column_dup (stmt, 3);
  run->dry_run = sqlite3_column_int (stmt, 4) != 0;
  run->status = liaison_store_column_dup (stmt, 5);
  run->n_created = sqlite3_column_int (stmt, 6);
  run->n_updated = sqlite3_column_int (stmt, 7);
  run->n_deleted = sqlite3_column_int (stmt, 8);
  run->n_linked = sqlite3_column_int (stmt, 9);
  run->n_conflicts = sqlite3_column_int (stmt, 10);
  run->n_skipped = sqlite3_column_int (stmt, 11);
  run->n_failed = sqlite3_column_int (stmt, 12);
  run->lsq_requests = sqlite3_column_int (stmt, 13);
  run->ghl_requests = sqlite3_column_int (stmt, 14);
  run->error = liaison_store_column_dup (stmt, 15);
  run->cause = liaison_store_column_dup (stmt, 16);
  return run;
}

/* Newest first; limit 0: all. */
GPtrArray *
liaison_store_list_runs (LiaisonStore *self, guint limit, GError **error)
{
  LiaisonStoreDb *db = liaison_store_get_reader (self);
  g_autoptr (LiaisonCachedStmt) stmt = liaison_store_db_prepare (
      db, "SELECT " LIAISON_STORE_RUN_COLUMNS " FROM runs ORDER BY id DESC LIMIT ?1", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit > 0 ? (gint64) limit : -1);
  return liaison_store_collect (db, stmt, liaison_store_run_from_row,
                                (GDestroyNotify) liaison_store_run_free,
                                "Could not read the sync history", error);
}

LiaisonStoreRun *
liaison_store_lookup_run (LiaisonStore *self, gint64 run_id, GError **error)
{
  LiaisonStoreDb *db = liaison_store_get_reader (self);
  g_autoptr (LiaisonCachedStmt) stmt = liaison_store_db_prepare (
      db, "SELECT " LIAISON_STORE_RUN_COLUMNS " FROM runs WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return liaison_store_run_from_row (stmt);
  if (rc != SQLITE_DONE)
    liaison_store_db_fail (db, rc, "Could not read the run", error);
  return NULL;
}

gpointer
liaison_store_operation_from_row (sqlite3_stmt *stmt)
{
  LiaisonStoreOperation *op = g_new0 (LiaisonStoreOperation, 1);

  op->id = sqlite3_column_int64 (stmt, 0);
  op->run_id = sqlite3_column_int64 (stmt, 1);
  op->at = sqlite3_column_int64 (stmt, 2);
  liaison_service_from_string ((const char *) sqlite3_column_text (stmt, 3), &op->service);
  op->lsq_id = liaison_store_column_dup (stmt, 4);
  op->ghl_id = liaison_store_column_dup (stmt, 5);
  op->action = index_of (action_names, G_N_ELEMENTS (action_names),
                         (const char *) sqlite3_column_text (stmt, 6), LIAISON_OPERATION_SKIP);
  op->field = liaison_store_column_dup (stmt, 7);
  op->before = liaison_store_column_dup (stmt, 8);
  op->after = liaison_store_column_dup (stmt, 9);
  op->status = index_of (status_names, G_N_ELEMENTS (status_names),
                         (const char *) sqlite3_column_text (stmt, 10), LIAISON_OPERATION_FAILED);
  op->error = liaison_store_column_dup (stmt, 11);
  op->cause = liaison_store_column_dup (stmt, 12);
  liaison_record_kind_from_string ((const char *) sqlite3_column_text (stmt, 13), &op->kind);
  return op;
}

GPtrArray *
liaison_store_list_operations (LiaisonStore *self, gint64 run_id, GError **error)
{
  LiaisonStoreDb *db = liaison_store_get_reader (self);
  g_autoptr (LiaisonCachedStmt) stmt = liaison_store_db_prepare (
      db,
      "SELECT " LIAISON_STORE_OPERATION_COLUMNS " FROM operations WHERE run_id = ?1 ORDER BY id",
      error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run_id);
  return liaison_store_collect (db, stmt, liaison_store_operation_from_row,
                                (GDestroyNotify) liaison_store_operation_free,
                                "Could not read the run's operations", error);
}

/* The e-mail address is looked up by the records' (connection, kind, id) key, for a link or for
 * an ambiguous match's first candidate: one lookup with an OR of the two read every record for
 * every conflict (54 s for 5,000 conflicts). */
#define CONFLICT_SELECT                                                                            \
  "SELECT c.id, c.kind, coalesce (c.link_id, 0), coalesce (l.lsq_id, json_extract (c.candidates,"  \
  "  '$.lsq[0]')), coalesce (l.ghl_id, json_extract (c.candidates, '$.ghl[0]')),"                  \
  "  CASE WHEN l.id IS NOT NULL THEN (SELECT coalesce (r.email_norm, r.email) FROM records r"      \
  "     WHERE r.connection_id = l.lsq_connection AND r.kind = 'contact'"                           \
  "       AND r.remote_id = l.lsq_id)"                                                             \
  "   ELSE (SELECT coalesce (r.email_norm, r.email) FROM records r"                                \
  "     WHERE r.connection_id IN (SELECT id FROM connections) AND r.kind = 'contact'"              \
  "       AND r.remote_id = json_extract (c.candidates, '$.lsq[0]') LIMIT 1) END,"                 \
  "  c.field, c.base_value, c.lsq_value, c.ghl_value, c.candidates, c.detected_at,"                \
  "  coalesce (c.resolved_at, 0), c.resolution, c.resolved_value"                                  \
  " FROM conflicts c LEFT JOIN links l ON l.id = c.link_id"

static gpointer
conflict_from_row (sqlite3_stmt *stmt)
{
  LiaisonStoreConflict *c = g_new0 (LiaisonStoreConflict, 1);
  const char *kind = (const char *) sqlite3_column_text (stmt, 1);

  c->id = sqlite3_column_int64 (stmt, 0);
  c->kind
      = g_strcmp0 (kind, "ambiguous") == 0 ? LIAISON_CONFLICT_AMBIGUOUS : LIAISON_CONFLICT_FIELD;
  c->link_id = sqlite3_column_int64 (stmt, 2);
  c->lsq_id = liaison_store_column_dup (stmt, 3);
  c->ghl_id = liaison_store_column_dup (stmt, 4);
  c->email = liaison_store_column_dup (stmt, 5);
  c->field = liaison_store_column_dup (stmt, 6);
  c->base_value = liaison_store_column_dup (stmt, 7);
  c->lsq_value = liaison_store_column_dup (stmt, 8);
  c->ghl_value = liaison_store_column_dup (stmt, 9);
  c->candidates = liaison_store_column_dup (stmt, 10);
  c->detected_at = sqlite3_column_int64 (stmt, 11);
  c->resolved_at = sqlite3_column_int64 (stmt, 12);
  c->resolution = liaison_store_column_dup (stmt, 13);
  c->resolved_value = liaison_store_column_dup (stmt, 14);
  return c;
}

/* Oldest first. open_only FALSE: every conflict ever seen. */
GPtrArray *
liaison_store_list_conflicts (LiaisonStore *self, gboolean open_only, GError **error)
{
  LiaisonStoreDb *db = liaison_store_get_reader (self);
  g_autoptr (LiaisonCachedStmt) stmt = liaison_store_db_prepare (
      db,
      open_only ? CONFLICT_SELECT " WHERE c.resolved_at IS NULL ORDER BY c.detected_at, c.id"
                : CONFLICT_SELECT " ORDER BY c.detected_at, c.id",
      error);

  if (stmt == NULL)
    return NULL;
  return liaison_store_collect (db, stmt, conflict_from_row,
                                (GDestroyNotify) liaison_store_conflict_free,
                                "Could not read the conflicts", error);
}

LiaisonStoreConflict *
liaison_store_lookup_conflict (LiaisonStore *self, gint64 conflict_id, GError **error)
{
  LiaisonStoreDb *db = liaison_store_get_reader (self);
  g_autoptr (LiaisonCachedStmt) stmt
      = liaison_store_db_prepare (db, CONFLICT_SELECT " WHERE c.id = ?1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, conflict_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return conflict_from_row (stmt);
  if (rc != SQLITE_DONE)
    liaison_store_db_fail (db, rc, "Could not read the conflict", error);
  return NULL;
}

/* ---- the Conflicts page's read ---- */

/* The contact's name as either service has it cached (LeadSquared's first), or NULL. */
static char *
db_contact_name (LiaisonStoreDb *db, const char *lsq_id, const char *ghl_id)
{
  g_autoptr (LiaisonCachedStmt) stmt = liaison_store_db_prepare (
      db,
      "SELECT display_name FROM records WHERE connection_id IN (SELECT id FROM connections)"
      "  AND kind = 'contact' AND remote_id IN (?1, ?2) AND display_name IS NOT NULL"
      "  AND display_name != '' ORDER BY remote_id = ?1 DESC LIMIT 1",
      NULL);

  if (stmt == NULL)
    return NULL;
  liaison_store_bind_text (stmt, 1, lsq_id);
  liaison_store_bind_text (stmt, 2, ghl_id);
  return sqlite3_step (stmt) == SQLITE_ROW ? liaison_store_column_dup (stmt, 0) : NULL;
}

/* An ambiguous match's candidates with what the cache knows of each, as JSON text. */
static char *
db_candidate_details (LiaisonStoreDb *db, const char *candidates)
{
  g_autoptr (LiaisonCachedStmt) stmt = liaison_store_db_prepare (
      db,
      "SELECT json_group_array (json_object ('side', s.side, 'id', s.id,"
      "  'connection', r.connection_id, 'name', r.display_name, 'email', r.email,"
      "  'phone', r.phone)) FROM ("
      "  SELECT 0 AS o, key AS k, 'lsq' AS side, value AS id FROM json_each (?1, '$.lsq')"
      "  UNION ALL SELECT 1, key, 'ghl', value FROM json_each (?1, '$.ghl') ORDER BY 1, 2) s"
      " LEFT JOIN records r ON r.rowid = (SELECT r2.rowid FROM records r2"
      "   JOIN connections cn ON cn.id = r2.connection_id AND cn.service = s.side"
      "   WHERE r2.kind = 'contact' AND r2.remote_id = s.id AND r2.deleted = 0 LIMIT 1)",
      NULL);

  if (stmt == NULL || candidates == NULL)
    return NULL;
  liaison_store_bind_text (stmt, 1, candidates);
  return sqlite3_step (stmt) == SQLITE_ROW ? liaison_store_column_dup (stmt, 0) : NULL;
}

typedef struct
{
  gint64 after_detected;
  gint64 after_id;
  guint limit; /* 0: all */
} ReviewPage;

static void
conflicts_to_review_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  ReviewPage *page = g_task_get_task_data (task);
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  GPtrArray *rows;
  GError *error = NULL;

  /* Open ones, and answers the next run has still to write (they stay on the page until then,
   * saying so). Pages follow (detected_at, id), which the order is by. */
  stmt = liaison_store_db_prepare (db,
                                   CONFLICT_SELECT " WHERE (c.resolved_at IS NULL"
                                                   "  OR (c.kind = 'field' AND c.applied_run IS NULL))"
                                                   "  AND (c.detected_at, c.id) > (?1, ?2)"
                                                   " ORDER BY c.detected_at, c.id LIMIT ?3",
                                   &error);
  if (stmt != NULL)
    {
      gboolean start = page == NULL || (page->after_detected == 0 && page->after_id == 0);

      sqlite3_bind_int64 (stmt, 1, start ? G_MININT64 : page->after_detected);
      sqlite3_bind_int64 (stmt, 2, start ? G_MININT64 : page->after_id);
      sqlite3_bind_int64 (stmt, 3, page && page->limit > 0 ? (gint64) page->limit : -1);
    }
  rows = stmt ? liaison_store_collect (db, stmt, conflict_from_row,
                                       (GDestroyNotify) liaison_store_conflict_free,
                                       "Could not read the conflicts", &error)
              : NULL;
  if (rows == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      LiaisonStoreConflict *c = g_ptr_array_index (rows, i);
      c->name = db_contact_name (db, c->lsq_id, c->ghl_id);
      if (c->kind == LIAISON_CONFLICT_AMBIGUOUS)
        c->candidate_details = db_candidate_details (db, c->candidates);
    }
  g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
}

void
liaison_store_list_conflicts_to_review_async (LiaisonStore *self, GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_STORE (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_list_conflicts_to_review_async);
  liaison_store_push_job (self, task, conflicts_to_review_job);
}

void
liaison_store_list_conflicts_to_review_page_async (LiaisonStore *self, gint64 after_detected,
                                                   gint64 after_id, guint limit,
                                                   GCancellable *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  ReviewPage *page = g_new0 (ReviewPage, 1);

  g_return_if_fail (LIAISON_IS_STORE (self));
  page->after_detected = after_detected;
  page->after_id = after_id;
  page->limit = limit;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_list_conflicts_to_review_async);
  g_task_set_task_data (task, page, g_free);
  liaison_store_push_job (self, task, conflicts_to_review_job);
}

GPtrArray *
liaison_store_list_conflicts_to_review_finish (LiaisonStore *self, GAsyncResult *result,
                                               GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gpointer
intent_from_row (sqlite3_stmt *stmt)
{
  LiaisonStoreIntent *intent = g_new0 (LiaisonStoreIntent, 1);

  intent->id = sqlite3_column_int64 (stmt, 0);
  intent->run_id = sqlite3_column_int64 (stmt, 1);
  liaison_service_from_string ((const char *) sqlite3_column_text (stmt, 2), &intent->service);
  intent->op = index_of (intent_names, G_N_ELEMENTS (intent_names),
                         (const char *) sqlite3_column_text (stmt, 3), LIAISON_INTENT_UPDATE);
  intent->remote_id = liaison_store_column_dup (stmt, 4);
  intent->source_id = liaison_store_column_dup (stmt, 5);
  intent->link_id = sqlite3_column_int64 (stmt, 6);
  intent->marker = liaison_store_column_dup (stmt, 7);
  intent->payload = liaison_store_column_dup (stmt, 8);
  intent->attempts = sqlite3_column_int (stmt, 9);
  intent->created_at = sqlite3_column_int64 (stmt, 10);
  return intent;
}

/* Oldest first. */
GPtrArray *
liaison_store_list_pending_intents (LiaisonStore *self, GError **error)
{
  LiaisonStoreDb *db = liaison_store_get_reader (self);
  g_autoptr (LiaisonCachedStmt) stmt = liaison_store_db_prepare (
      db,
      "SELECT id, coalesce (run_id, 0), service, op, remote_id, source_id, coalesce (link_id, 0),"
      "  marker, payload, attempts, created_at FROM intents WHERE state = 'pending'"
      "  AND kind = 'contact' ORDER BY created_at, id",
      error);

  if (stmt == NULL)
    return NULL;
  return liaison_store_collect (db, stmt, intent_from_row,
                                (GDestroyNotify) liaison_store_intent_free,
                                "Could not read the pending writes", error);
}

char *
liaison_store_refused_create_key (LiaisonService service, const char *source_id,
                                  const char *source_hash, const char *map_hash)
{
  return g_strdup_printf ("%s/%s/%s/%s", liaison_service_to_string (service),
                          source_id ? source_id : "", source_hash ? source_hash : "",
                          map_hash ? map_hash : "");
}

char *
liaison_store_refused_update_key (LiaisonService service, const char *remote_id,
                                  const char *target_hash, const char *changes_hash,
                                  const char *map_hash)
{
  return g_strdup_printf ("update/%s/%s/%s/%s/%s", liaison_service_to_string (service),
                          remote_id ? remote_id : "", target_hash ? target_hash : "",
                          changes_hash ? changes_hash : "", map_hash ? map_hash : "");
}

/* A member of an intent's payload, NULL when the payload is no JSON object. */
#define PAYLOAD_OBJECT "CASE WHEN json_valid (payload) AND json_type (payload) = 'object'"

GHashTable *
liaison_store_list_refused_writes (LiaisonStore *self, GError **error)
{
  LiaisonStoreDb *db = liaison_store_get_reader (self);
  g_autoptr (LiaisonCachedStmt) stmt = liaison_store_db_prepare (
      db,
      "SELECT service, op, source_id, remote_id,"
      "  " PAYLOAD_OBJECT " THEN json_extract (payload, '$.sourceHash') END,"
      "  " PAYLOAD_OBJECT " THEN json_extract (payload, '$.mapHash') END,"
      "  " PAYLOAD_OBJECT " THEN json_extract (payload, '$.targetHash') END,"
      "  " PAYLOAD_OBJECT " THEN json_extract (payload, '$.changesHash') END,"
      "  error FROM intents WHERE kind = 'contact' AND state = 'failed'"
      "  AND ((op = 'create' AND source_id IS NOT NULL) OR op = 'update')"
      "  AND substr (error, 1, length (?1)) = ?1",
      error);
  g_autoptr (GHashTable) refused = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  liaison_store_bind_text (stmt, 1, LIAISON_STORE_REFUSED_PREFIX);
  refused = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LiaisonService service = LIAISON_SERVICE_GHL;
      const char *op = (const char *) sqlite3_column_text (stmt, 1);
      const char *error_text = (const char *) sqlite3_column_text (stmt, 8); /* prefixed */
      char *key;

      if (!liaison_service_from_string ((const char *) sqlite3_column_text (stmt, 0), &service))
        continue;
      if (g_strcmp0 (op, "update") == 0)
        key = liaison_store_refused_update_key (service,
                                                (const char *) sqlite3_column_text (stmt, 3),
                                                (const char *) sqlite3_column_text (stmt, 6),
                                                (const char *) sqlite3_column_text (stmt, 7),
                                                (const char *) sqlite3_column_text (stmt, 5));
      else
        key = liaison_store_refused_create_key (service,
                                                (const char *) sqlite3_column_text (stmt, 2),
                                                (const char *) sqlite3_column_text (stmt, 4),
                                                (const char *) sqlite3_column_text (stmt, 5));
      g_hash_table_replace (refused, key,
                            g_strdup (error_text + strlen (LIAISON_STORE_REFUSED_PREFIX)));
    }
  if (rc != SQLITE_DONE)
    {
      liaison_store_db_fail (db, rc, "Could not read the refused writes", error);
      return NULL;
    }
  return g_steal_pointer (&refused);
}

/* ---- the planning scan ---- */

static void
fill_record (LiaisonStoreRecord *r, sqlite3_stmt *stmt, int first, const char *connection_id)
{
  memset (r, 0, sizeof *r);
  r->kind = LIAISON_RECORD_CONTACT;
  r->connection_id = (char *) connection_id;
  r->remote_id = (char *) sqlite3_column_text (stmt, first);
  r->raw = (char *) sqlite3_column_text (stmt, first + 1);
  r->content_hash = (char *) sqlite3_column_text (stmt, first + 2);
  r->modified_at = sqlite3_column_int64 (stmt, first + 3);
  r->deleted = sqlite3_column_int (stmt, first + 4) != 0;
  r->email_norm = (char *) sqlite3_column_text (stmt, first + 5);
  r->phone_norm = (char *) sqlite3_column_text (stmt, first + 6);
}

/* The raw text only when a record moved since the link's last sync, or a person answered one of
 * its conflicts and the answer is still to be written. */
#define SCAN_SAME                                                                                  \
  "(a.content_hash IS l.lsq_seen_hash AND b.content_hash IS l.ghl_seen_hash AND NOT EXISTS"        \
  " (SELECT 1 FROM conflicts c WHERE c.link_id = l.id AND c.resolved_at IS NOT NULL"               \
  "   AND c.applied_run IS NULL))"

static const char scan_links_sql[]
    = "SELECT l.id, l.origin, l.lsq_id, l.ghl_id, l.base_snapshot, l.base_hash,"
      "  l.lsq_seen_hash, l.ghl_seen_hash, coalesce (l.synced_at, 0),"
      "  a.remote_id, CASE WHEN " SCAN_SAME " THEN NULL ELSE a.raw END, a.content_hash,"
      "  a.modified_at, a.deleted, a.email_norm, a.phone_norm,"
      "  b.remote_id, CASE WHEN " SCAN_SAME " THEN NULL ELSE b.raw END, b.content_hash,"
      "  b.modified_at, b.deleted, b.email_norm, b.phone_norm"
      " FROM links l"
      " LEFT JOIN records a ON a.connection_id = l.lsq_connection AND a.kind = 'contact'"
      "   AND a.remote_id = l.lsq_id"
      " LEFT JOIN records b ON b.connection_id = l.ghl_connection AND b.kind = 'contact'"
      "   AND b.remote_id = l.ghl_id"
      " WHERE l.kind = 'contact' AND l.lsq_connection = ?1 AND l.ghl_connection = ?2"
      " ORDER BY l.id";

static const char scan_unlinked_sql[]
    = "SELECT connection_id, remote_id, raw, content_hash, modified_at, deleted, email_norm,"
      "  phone_norm FROM records WHERE kind = 'contact' AND connection_id IN (?1, ?2)"
      "  AND deleted = 0 AND link_id IS NULL ORDER BY id";

gboolean
liaison_store_scan_contacts (LiaisonStore *self, const char *lsq_connection,
                             const char *ghl_connection, LiaisonStoreScanFunc func,
                             gpointer user_data, GError **error)
{
  LiaisonStoreDb *db = liaison_store_db_open (liaison_store_get_path (self), TRUE, error);
  gboolean ok = FALSE;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (db == NULL)
    return FALSE;
  /* One read transaction: links and unlinked records from the same snapshot. */
  if (!liaison_store_db_exec (db, "BEGIN", error))
    goto out;
  if (sqlite3_prepare_v2 (db->db, scan_links_sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      liaison_store_db_fail (db, SQLITE_ERROR, "Could not read the links", error);
      goto out;
    }
  liaison_store_bind_text (stmt, 1, lsq_connection);
  liaison_store_bind_text (stmt, 2, ghl_connection);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LiaisonStoreSyncLink link = { 0 };
      LiaisonStoreRecord lsq, ghl;
      LiaisonLinkOrigin origin = LIAISON_LINK_MATCHED;

      link.id = sqlite3_column_int64 (stmt, 0);
      liaison_link_origin_from_string ((const char *) sqlite3_column_text (stmt, 1), &origin);
      link.origin = origin;
      link.lsq_id = (char *) sqlite3_column_text (stmt, 2);
      link.ghl_id = (char *) sqlite3_column_text (stmt, 3);
      link.base_snapshot = (char *) sqlite3_column_text (stmt, 4);
      link.base_hash = (char *) sqlite3_column_text (stmt, 5);
      link.lsq_seen_hash = (char *) sqlite3_column_text (stmt, 6);
      link.ghl_seen_hash = (char *) sqlite3_column_text (stmt, 7);
      link.synced_at = sqlite3_column_int64 (stmt, 8);
      fill_record (&lsq, stmt, 9, lsq_connection);
      fill_record (&ghl, stmt, 16, ghl_connection);
      if (!func (&link, lsq.remote_id ? &lsq : NULL, ghl.remote_id ? &ghl : NULL, user_data))
        {
          ok = TRUE;
          goto out;
        }
    }
  if (rc != SQLITE_DONE)
    {
      liaison_store_db_fail (db, rc, "Could not read the links", error);
      goto out;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  if (sqlite3_prepare_v2 (db->db, scan_unlinked_sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      liaison_store_db_fail (db, SQLITE_ERROR, "Could not read the contacts", error);
      goto out;
    }
  liaison_store_bind_text (stmt, 1, lsq_connection);
  liaison_store_bind_text (stmt, 2, ghl_connection);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LiaisonStoreRecord record;
      const char *connection = (const char *) sqlite3_column_text (stmt, 0);
      gboolean is_lsq = g_strcmp0 (connection, lsq_connection) == 0;

      fill_record (&record, stmt, 1, is_lsq ? lsq_connection : ghl_connection);
      if (!func (NULL, is_lsq ? &record : NULL, is_lsq ? NULL : &record, user_data))
        break;
    }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      liaison_store_db_fail (db, rc, "Could not read the contacts", error);
      goto out;
    }
  ok = TRUE;
out:
  if (stmt != NULL)
    sqlite3_finalize (stmt);
  liaison_store_db_close (db);
  return ok;
}

static gpointer
raw_from_row (sqlite3_stmt *stmt)
{
  return liaison_store_column_dup (stmt, 0);
}

/* The raw JSON of every record of one kind of one connection that is not marked deleted: for the
 * short lists (users, field definitions) the engine reads before planning. */
GPtrArray *
liaison_store_list_raw (LiaisonStore *self, const char *connection_id, LiaisonRecordKind kind,
                        GError **error)
{
  LiaisonStoreDb *db = liaison_store_get_reader (self);
  g_autoptr (LiaisonCachedStmt) stmt = liaison_store_db_prepare (
      db,
      "SELECT raw FROM records WHERE connection_id = ?1 AND kind = ?2 AND deleted = 0 ORDER BY id",
      error);

  if (stmt == NULL)
    return NULL;
  liaison_store_bind_text (stmt, 1, connection_id);
  liaison_store_bind_text (stmt, 2, liaison_record_kind_to_string (kind));
  return liaison_store_collect (db, stmt, raw_from_row, g_free, "Could not read the cached records",
                                error);
}

static GPtrArray *
conflicts_for_plan (LiaisonStoreDb *db, GError **error)
{
  g_autoptr (LiaisonCachedStmt) stmt = liaison_store_db_prepare (
      db,
      CONFLICT_SELECT " WHERE (c.kind = 'field' AND (c.resolved_at IS NULL OR c.applied_run IS NULL)"
                      "  AND l.kind = 'contact')"
                      " OR (c.kind = 'ambiguous' AND c.resolved_at IS NULL) ORDER BY c.id",
      error);

  if (stmt == NULL)
    return NULL;
  return liaison_store_collect (db, stmt, conflict_from_row,
                                (GDestroyNotify) liaison_store_conflict_free,
                                "Could not read the conflicts", error);
}

/* The conflicts planning needs: open and answered-but-not-written field conflicts of contacts,
 * and the open ambiguous matches (closed by a run that no longer finds them). */
GPtrArray *
liaison_store_list_conflicts_for_plan (LiaisonStore *self, GError **error)
{
  return conflicts_for_plan (liaison_store_get_reader (self), error);
}

static void
plan_inputs_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  LiaisonStorePlanInputs *inputs = g_new0 (LiaisonStorePlanInputs, 1);
  g_autoptr (LiaisonCachedStmt) stmt
      = liaison_store_db_prepare (db, "SELECT value FROM settings WHERE key = ?1", NULL);
  GError *error = NULL;

  if (stmt != NULL)
    {
      liaison_store_bind_text (stmt, 1, LIAISON_STORE_SETTING_DELETES);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        inputs->deletes = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "on") == 0;
    }
  inputs->conflicts = conflicts_for_plan (db, &error);
  if (inputs->conflicts == NULL)
    {
      liaison_store_plan_inputs_free (inputs);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, inputs, (GDestroyNotify) liaison_store_plan_inputs_free);
}

void
liaison_store_plan_inputs_free (LiaisonStorePlanInputs *inputs)
{
  if (inputs == NULL)
    return;
  g_clear_pointer (&inputs->conflicts, g_ptr_array_unref);
  g_free (inputs);
}

void
liaison_store_read_plan_inputs_async (LiaisonStore *self, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_STORE (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_read_plan_inputs_async);
  liaison_store_push_job (self, task, plan_inputs_job);
}

LiaisonStorePlanInputs *
liaison_store_read_plan_inputs_finish (LiaisonStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
