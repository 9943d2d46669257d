/* liaison-store-activity.c: see liaison-store-activity.h.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-store"

#include <string.h>

#include "liaison-store-activity.h"
#include "liaison-store-private.h"

void
liaison_store_contact_pair_free (LiaisonStoreContactPair *pair)
{
  if (pair == NULL)
    return;
  g_free (pair->lsq_id);
  g_free (pair->ghl_id);
  g_free (pair);
}

/* A JSON list of link ids as the sync writes it: [1,2,3], digits, commas and brackets only, so that
 * a damaged setting never fails the query (json_each refuses what is not JSON). */
static gboolean
json_valid_ids (const char *text)
{
  gsize len = strlen (text);

  if (len < 2 || text[0] != '[' || text[len - 1] != ']')
    return FALSE;
  for (gsize i = 1; i + 1 < len; i++)
    if (!g_ascii_isdigit (text[i])
        && !(text[i] == ',' && g_ascii_isdigit (text[i - 1]) && g_ascii_isdigit (text[i + 1])))
      return FALSE;
  return TRUE;
}

static gpointer
pair_from_row (sqlite3_stmt *stmt)
{
  LiaisonStoreContactPair *pair = g_new0 (LiaisonStoreContactPair, 1);

  pair->link_id = sqlite3_column_int64 (stmt, 0);
  pair->lsq_id = liaison_store_column_dup (stmt, 1);
  pair->ghl_id = liaison_store_column_dup (stmt, 2);
  if (sqlite3_column_count (stmt) > 3)
    pair->modified_at = sqlite3_column_int64 (stmt, 3);
  return pair;
}

GPtrArray *
liaison_store_list_changed_pairs (LiaisonStore *self, const char *lsq_connection,
                                  const char *ghl_connection, gint64 since, const char *retry,
                                  GError **error)
{
  LiaisonStoreDb *db = liaison_store_get_reader (self);
  g_autoptr (LiaisonCachedStmt) stmt = liaison_store_db_prepare (
      db,
      "SELECT l.id, l.lsq_id, l.ghl_id FROM links l"
      " LEFT JOIN records a ON a.connection_id = l.lsq_connection AND a.kind = 'contact'"
      "   AND a.remote_id = l.lsq_id"
      " LEFT JOIN records b ON b.connection_id = l.ghl_connection AND b.kind = 'contact'"
      "   AND b.remote_id = l.ghl_id"
      " WHERE l.kind = 'contact' AND l.lsq_connection = ?1 AND l.ghl_connection = ?2"
      "   AND coalesce (a.deleted, 0) = 0 AND coalesce (b.deleted, 0) = 0"
      "   AND (l.linked_at >= ?3 OR coalesce (a.changed_at, 0) >= ?3"
      "     OR coalesce (b.changed_at, 0) >= ?3"
      "     OR l.id IN (SELECT value FROM json_each (?4)))"
      " ORDER BY l.id",
      error);

  if (stmt == NULL)
    return NULL;
  liaison_store_bind_text (stmt, 1, lsq_connection);
  liaison_store_bind_text (stmt, 2, ghl_connection);
  sqlite3_bind_int64 (stmt, 3, since);
  liaison_store_bind_text (stmt, 4, retry != NULL && json_valid_ids (retry) ? retry : "[]");
  return liaison_store_collect (db, stmt, pair_from_row,
                                (GDestroyNotify) liaison_store_contact_pair_free,
                                "Could not read the linked contacts", error);
}

GPtrArray *
liaison_store_list_sweep_pairs (LiaisonStore *self, const char *lsq_connection,
                                const char *ghl_connection, gint64 after_link_id, guint limit,
                                GError **error)
{
  LiaisonStoreDb *db = liaison_store_get_reader (self);
  g_autoptr (LiaisonCachedStmt) stmt = liaison_store_db_prepare (
      db,
      "SELECT l.id, l.lsq_id, l.ghl_id FROM links l"
      " WHERE l.kind = 'contact' AND l.lsq_connection = ?1 AND l.ghl_connection = ?2"
      "   AND l.id > ?3 AND NOT EXISTS (SELECT 1 FROM records r WHERE r.kind = 'contact'"
      "     AND r.deleted = 1 AND ((r.connection_id = l.lsq_connection AND r.remote_id = l.lsq_id)"
      "       OR (r.connection_id = l.ghl_connection AND r.remote_id = l.ghl_id)))"
      " ORDER BY l.id LIMIT ?4",
      error);

  if (stmt == NULL)
    return NULL;
  liaison_store_bind_text (stmt, 1, lsq_connection);
  liaison_store_bind_text (stmt, 2, ghl_connection);
  sqlite3_bind_int64 (stmt, 3, after_link_id);
  sqlite3_bind_int64 (stmt, 4, limit);
  return liaison_store_collect (db, stmt, pair_from_row,
                                (GDestroyNotify) liaison_store_contact_pair_free,
                                "Could not read the linked contacts", error);
}

/* The pairs linked and unchanged before `before` that no pass read yet: those after the cursor in
 * the order of their contacts' last change on either service, newest first. */
#define FIRST_PAIRS                                                                                \
  " FROM links l"                                                                                  \
  " LEFT JOIN records a ON a.connection_id = l.lsq_connection AND a.kind = 'contact'"              \
  "   AND a.remote_id = l.lsq_id"                                                                  \
  " LEFT JOIN records b ON b.connection_id = l.ghl_connection AND b.kind = 'contact'"              \
  "   AND b.remote_id = l.ghl_id"                                                                  \
  " WHERE l.kind = 'contact' AND l.lsq_connection = ?1 AND l.ghl_connection = ?2"                  \
  "   AND coalesce (a.deleted, 0) = 0 AND coalesce (b.deleted, 0) = 0"                             \
  "   AND l.linked_at < ?3 AND coalesce (a.changed_at, 0) < ?3"                                    \
  "   AND coalesce (b.changed_at, 0) < ?3"                                                         \
  "   AND (max (coalesce (a.modified_at, 0), coalesce (b.modified_at, 0)) < ?4"                    \
  "     OR (max (coalesce (a.modified_at, 0), coalesce (b.modified_at, 0)) = ?4 AND l.id < ?5))"

static void
bind_first (LiaisonCachedStmt *stmt, const char *lsq_connection, const char *ghl_connection,
            gint64 before, gint64 after_modified, gint64 after_link_id)
{
  liaison_store_bind_text (stmt, 1, lsq_connection);
  liaison_store_bind_text (stmt, 2, ghl_connection);
  sqlite3_bind_int64 (stmt, 3, before);
  sqlite3_bind_int64 (stmt, 4, after_modified);
  sqlite3_bind_int64 (stmt, 5, after_link_id);
}

GPtrArray *
liaison_store_list_first_pairs (LiaisonStore *self, const char *lsq_connection,
                                const char *ghl_connection, gint64 before, gint64 after_modified,
                                gint64 after_link_id, guint limit, GError **error)
{
  LiaisonStoreDb *db = liaison_store_get_reader (self);
  g_autoptr (LiaisonCachedStmt) stmt = liaison_store_db_prepare (
      db,
      "SELECT l.id, l.lsq_id, l.ghl_id,"
      "  max (coalesce (a.modified_at, 0), coalesce (b.modified_at, 0)) AS m" FIRST_PAIRS
      " ORDER BY m DESC, l.id DESC LIMIT ?6",
      error);

  if (stmt == NULL)
    return NULL;
  bind_first (stmt, lsq_connection, ghl_connection, before, after_modified, after_link_id);
  sqlite3_bind_int64 (stmt, 6, limit);
  return liaison_store_collect (db, stmt, pair_from_row,
                                (GDestroyNotify) liaison_store_contact_pair_free,
                                "Could not read the linked contacts", error);
}

gboolean
liaison_store_count_first_pairs (LiaisonStore *self, const char *lsq_connection,
                                 const char *ghl_connection, gint64 before, gint64 after_modified,
                                 gint64 after_link_id, guint *n, GError **error)
{
  LiaisonStoreDb *db = liaison_store_get_reader (self);
  g_autoptr (LiaisonCachedStmt) stmt
      = liaison_store_db_prepare (db, "SELECT count (*)" FIRST_PAIRS, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_first (stmt, lsq_connection, ghl_connection, before, after_modified, after_link_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      return liaison_store_db_fail (db, rc, "Could not count the linked contacts", error);
    }
  *n = (guint) sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gpointer
link_from_row (sqlite3_stmt *stmt)
{
  LiaisonStoreSyncLink *link = g_new0 (LiaisonStoreSyncLink, 1);
  const char *origin = (const char *) sqlite3_column_text (stmt, 3);

  link->id = sqlite3_column_int64 (stmt, 0);
  link->lsq_id = liaison_store_column_dup (stmt, 1);
  link->ghl_id = liaison_store_column_dup (stmt, 2);
  link->origin = g_strcmp0 (origin, "created") == 0  ? LIAISON_LINK_CREATED
                 : g_strcmp0 (origin, "manual") == 0 ? LIAISON_LINK_MANUAL
                                                     : LIAISON_LINK_MATCHED;
  link->base_snapshot = liaison_store_column_dup (stmt, 4);
  link->base_hash = liaison_store_column_dup (stmt, 5);
  link->lsq_seen_hash = liaison_store_column_dup (stmt, 6);
  link->ghl_seen_hash = liaison_store_column_dup (stmt, 7);
  link->synced_at = sqlite3_column_int64 (stmt, 8);
  return link;
}

GPtrArray *
liaison_store_list_child_links (LiaisonStore *self, LiaisonRecordKind kind,
                                const char *lsq_connection, const char *ghl_connection,
                                GError **error)
{
  LiaisonStoreDb *db = liaison_store_get_reader (self);
  g_autoptr (LiaisonCachedStmt) stmt = liaison_store_db_prepare (
      db,
      "SELECT id, lsq_id, ghl_id, origin, base_snapshot, base_hash, lsq_seen_hash,"
      "  ghl_seen_hash, coalesce (synced_at, 0) FROM links"
      " WHERE kind = ?1 AND lsq_connection = ?2 AND ghl_connection = ?3 ORDER BY id",
      error);

  if (stmt == NULL)
    return NULL;
  liaison_store_bind_text (stmt, 1, liaison_record_kind_to_string (kind));
  liaison_store_bind_text (stmt, 2, lsq_connection);
  liaison_store_bind_text (stmt, 3, ghl_connection);
  return liaison_store_collect (db, stmt, link_from_row,
                                (GDestroyNotify) liaison_store_sync_link_free,
                                "Could not read the links", error);
}

static gpointer
text_from_row (sqlite3_stmt *stmt)
{
  return liaison_store_column_dup (stmt, 0);
}

GHashTable *
liaison_store_list_cached_ids (LiaisonStore *self, const char *connection_id,
                               LiaisonRecordKind kind, GError **error)
{
  LiaisonStoreDb *db = liaison_store_get_reader (self);
  g_autoptr (LiaisonCachedStmt) stmt = liaison_store_db_prepare (
      db, "SELECT remote_id FROM records WHERE connection_id = ?1 AND kind = ?2 AND deleted = 0",
      error);
  g_autoptr (GPtrArray) ids = NULL;
  GHashTable *set;

  if (stmt == NULL)
    return NULL;
  liaison_store_bind_text (stmt, 1, connection_id);
  liaison_store_bind_text (stmt, 2, liaison_record_kind_to_string (kind));
  ids = liaison_store_collect (db, stmt, text_from_row, g_free, "Could not read the cache", error);
  if (ids == NULL)
    return NULL;
  set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (set, g_strdup (g_ptr_array_index (ids, i)));
  return set;
}

static gpointer
intent_from_row (sqlite3_stmt *stmt)
{
  LiaisonStoreIntent *intent = g_new0 (LiaisonStoreIntent, 1);
  const char *op = (const char *) sqlite3_column_text (stmt, 3);

  intent->id = sqlite3_column_int64 (stmt, 0);
  intent->run_id = sqlite3_column_int64 (stmt, 1);
  liaison_service_from_string ((const char *) sqlite3_column_text (stmt, 2), &intent->service);
  intent->op = g_strcmp0 (op, "create") == 0   ? LIAISON_INTENT_CREATE
               : g_strcmp0 (op, "delete") == 0 ? LIAISON_INTENT_DELETE
                                               : LIAISON_INTENT_UPDATE;
  intent->remote_id = liaison_store_column_dup (stmt, 4);
  intent->source_id = liaison_store_column_dup (stmt, 5);
  intent->link_id = sqlite3_column_int64 (stmt, 6);
  intent->marker = liaison_store_column_dup (stmt, 7);
  intent->payload = liaison_store_column_dup (stmt, 8);
  intent->attempts = sqlite3_column_int (stmt, 9);
  intent->created_at = sqlite3_column_int64 (stmt, 10);
  return intent;
}

GPtrArray *
liaison_store_list_pending_intents_of (LiaisonStore *self, LiaisonRecordKind kind, GError **error)
{
  LiaisonStoreDb *db = liaison_store_get_reader (self);
  g_autoptr (LiaisonCachedStmt) stmt = liaison_store_db_prepare (
      db,
      "SELECT id, coalesce (run_id, 0), service, op, remote_id, source_id, coalesce (link_id, 0),"
      "  marker, payload, attempts, created_at FROM intents WHERE state = 'pending'"
      "  AND kind = ?1 ORDER BY created_at, id",
      error);
  GPtrArray *intents;

  if (stmt == NULL)
    return NULL;
  liaison_store_bind_text (stmt, 1, liaison_record_kind_to_string (kind));
  intents = liaison_store_collect (db, stmt, intent_from_row,
                                   (GDestroyNotify) liaison_store_intent_free,
                                   "Could not read the pending writes", error);
  for (guint i = 0; intents && i < intents->len; i++)
    ((LiaisonStoreIntent *) g_ptr_array_index (intents, i))->kind = kind;
  return intents;
}

static gpointer
conflict_from_row (sqlite3_stmt *stmt)
{
  LiaisonStoreConflict *c = g_new0 (LiaisonStoreConflict, 1);

  c->id = sqlite3_column_int64 (stmt, 0);
  c->kind = LIAISON_CONFLICT_FIELD;
  c->link_id = sqlite3_column_int64 (stmt, 1);
  c->lsq_id = liaison_store_column_dup (stmt, 2);
  c->ghl_id = liaison_store_column_dup (stmt, 3);
  c->field = liaison_store_column_dup (stmt, 4);
  c->base_value = liaison_store_column_dup (stmt, 5);
  c->lsq_value = liaison_store_column_dup (stmt, 6);
  c->ghl_value = liaison_store_column_dup (stmt, 7);
  c->detected_at = sqlite3_column_int64 (stmt, 8);
  c->resolved_at = sqlite3_column_int64 (stmt, 9);
  c->resolution = liaison_store_column_dup (stmt, 10);
  c->resolved_value = liaison_store_column_dup (stmt, 11);
  return c;
}

GPtrArray *
liaison_store_list_child_conflicts (LiaisonStore *self, LiaisonRecordKind kind, GError **error)
{
  LiaisonStoreDb *db = liaison_store_get_reader (self);
  g_autoptr (LiaisonCachedStmt) stmt = liaison_store_db_prepare (
      db,
      "SELECT c.id, c.link_id, l.lsq_id, l.ghl_id, c.field, c.base_value, c.lsq_value,"
      "  c.ghl_value, c.detected_at, coalesce (c.resolved_at, 0), c.resolution,"
      "  c.resolved_value FROM conflicts c JOIN links l ON l.id = c.link_id"
      " WHERE c.kind = 'field' AND l.kind = ?1"
      "   AND (c.resolved_at IS NULL OR c.applied_run IS NULL) ORDER BY c.id",
      error);

  if (stmt == NULL)
    return NULL;
  liaison_store_bind_text (stmt, 1, liaison_record_kind_to_string (kind));
  return liaison_store_collect (db, stmt, conflict_from_row,
                                (GDestroyNotify) liaison_store_conflict_free,
                                "Could not read the conflicts", error);
}
