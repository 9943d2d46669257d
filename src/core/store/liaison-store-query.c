/* liaison-store-query.c: the reads of liaison-store-query.h. The asynchronous ones are worker
 * jobs on the writer connection (see liaison-store.c), so they see every write queued before
 * them; the contact summary and the calendar ranges read on the main thread's connection.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-store"

#include "liaison-store-private.h"

/* ---- asynchronous reads ---- */

typedef struct
{
  LiaisonService side;
  char *connection_id;
  LiaisonRecordKind kind;
  char *key; /* the remote id, or the parent's */
} ReadData;

static void
read_data_free (ReadData *data)
{
  g_free (data->connection_id);
  g_free (data->key);
  g_free (data);
}

static GTask *
read_task_new (LiaisonStore *self, LiaisonService side, const char *connection_id,
               LiaisonRecordKind kind, const char *key, GCancellable *cancellable,
               GAsyncReadyCallback callback, gpointer user_data, gpointer source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  ReadData *data = g_new0 (ReadData, 1);

  data->side = side;
  data->connection_id = g_strdup (connection_id);
  data->kind = kind;
  data->key = g_strdup (key);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);
  return task;
}

static gpointer
propagate (LiaisonStore *self, GAsyncResult *result, gpointer source_tag, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
lookup_record_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  ReadData *data = g_task_get_task_data (task);
  GError *error = NULL;
  LiaisonStoreRecord *record
      = liaison_store_db_lookup_record (db, data->connection_id, data->kind, data->key, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, record, (GDestroyNotify) liaison_store_record_free);
}

void
liaison_store_lookup_record_async (LiaisonStore *self, const char *connection_id,
                                   LiaisonRecordKind kind, const char *remote_id,
                                   GCancellable *cancellable, GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_STORE (self));
  task = read_task_new (self, 0, connection_id, kind, remote_id, cancellable, callback, user_data,
                        liaison_store_lookup_record_async);
  liaison_store_push_job (self, task, lookup_record_job);
}

LiaisonStoreRecord *
liaison_store_lookup_record_finish (LiaisonStore *self, GAsyncResult *result, GError **error)
{
  return propagate (self, result, liaison_store_lookup_record_async, error);
}

static void
list_children_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  ReadData *data = g_task_get_task_data (task);
  GError *error = NULL;
  GPtrArray *records
      = liaison_store_db_list_children (db, data->connection_id, data->kind, data->key, &error);

  if (records == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, records, (GDestroyNotify) g_ptr_array_unref);
}

void
liaison_store_list_children_async (LiaisonStore *self, const char *connection_id,
                                   LiaisonRecordKind kind, const char *parent_id,
                                   GCancellable *cancellable, GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_STORE (self));
  task = read_task_new (self, 0, connection_id, kind, parent_id, cancellable, callback, user_data,
                        liaison_store_list_children_async);
  liaison_store_push_job (self, task, list_children_job);
}

GPtrArray *
liaison_store_list_children_finish (LiaisonStore *self, GAsyncResult *result, GError **error)
{
  return propagate (self, result, liaison_store_list_children_async, error);
}

static void
lookup_link_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  ReadData *data = g_task_get_task_data (task);
  GError *error = NULL;
  LiaisonStoreLink *link = liaison_store_db_lookup_link (db, data->side, data->connection_id,
                                                         data->kind, data->key, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, link, (GDestroyNotify) liaison_store_link_free);
}

void
liaison_store_lookup_link_async (LiaisonStore *self, LiaisonService side, const char *connection_id,
                                 LiaisonRecordKind kind, const char *remote_id,
                                 GCancellable *cancellable, GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_STORE (self));
  task = read_task_new (self, side, connection_id, kind, remote_id, cancellable, callback,
                        user_data, liaison_store_lookup_link_async);
  liaison_store_push_job (self, task, lookup_link_job);
}

LiaisonStoreLink *
liaison_store_lookup_link_finish (LiaisonStore *self, GAsyncResult *result, GError **error)
{
  return propagate (self, result, liaison_store_lookup_link_async, error);
}

/* ---- the sync state of a contact's children ---- */

typedef struct
{
  LiaisonRecordKind kind;
  char *lsq_connection, *lsq_contact, *ghl_connection, *ghl_contact;
} ChildLinksData;

static void
child_links_data_free (ChildLinksData *data)
{
  g_free (data->lsq_connection);
  g_free (data->lsq_contact);
  g_free (data->ghl_connection);
  g_free (data->ghl_contact);
  g_free (data);
}

void
liaison_store_child_link_free (LiaisonStoreChildLink *link)
{
  if (link == NULL)
    return;
  g_free (link->lsq_id);
  g_free (link->ghl_id);
  g_free (link);
}

static gpointer
child_link_from_row (sqlite3_stmt *stmt)
{
  LiaisonStoreChildLink *link = g_new0 (LiaisonStoreChildLink, 1);

  link->lsq_id = liaison_store_column_dup (stmt, 0);
  link->ghl_id = liaison_store_column_dup (stmt, 1);
  link->conflict = sqlite3_column_int (stmt, 2) != 0;
  return link;
}

static void
child_links_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  ChildLinksData *data = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (LiaisonCachedStmt) stmt = liaison_store_db_prepare (
      db,
      "SELECT DISTINCT l.lsq_id, l.ghl_id, EXISTS (SELECT 1 FROM conflicts c"
      "    WHERE c.link_id = l.id AND c.kind = 'field' AND c.resolved_at IS NULL)"
      " FROM records r JOIN links l ON l.id = r.link_id"
      " WHERE r.kind = ?1 AND ((r.connection_id = ?2 AND r.parent_id = ?3)"
      "     OR (r.connection_id = ?4 AND r.parent_id = ?5))"
      "   AND l.lsq_connection = ?2 AND l.ghl_connection = ?4",
      &error);
  GPtrArray *links;

  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  liaison_store_bind_text (stmt, 1, liaison_record_kind_to_string (data->kind));
  liaison_store_bind_text (stmt, 2, data->lsq_connection);
  liaison_store_bind_text (stmt, 3, data->lsq_contact);
  liaison_store_bind_text (stmt, 4, data->ghl_connection);
  liaison_store_bind_text (stmt, 5, data->ghl_contact);
  links = liaison_store_collect (db, stmt, child_link_from_row,
                                 (GDestroyNotify) liaison_store_child_link_free,
                                 "Could not read what the sync linked", &error);
  if (links == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, links, (GDestroyNotify) g_ptr_array_unref);
}

void
liaison_store_list_child_links_of_async (LiaisonStore *self, LiaisonRecordKind kind,
                                         const char *lsq_connection, const char *lsq_contact,
                                         const char *ghl_connection, const char *ghl_contact,
                                         GCancellable *cancellable, GAsyncReadyCallback callback,
                                         gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  ChildLinksData *data = g_new0 (ChildLinksData, 1);

  g_return_if_fail (LIAISON_IS_STORE (self));
  data->kind = kind;
  data->lsq_connection = g_strdup (lsq_connection);
  data->lsq_contact = g_strdup (lsq_contact);
  data->ghl_connection = g_strdup (ghl_connection);
  data->ghl_contact = g_strdup (ghl_contact);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_list_child_links_of_async);
  g_task_set_task_data (task, data, (GDestroyNotify) child_links_data_free);
  liaison_store_push_job (self, task, child_links_job);
}

GPtrArray *
liaison_store_list_child_links_of_finish (LiaisonStore *self, GAsyncResult *result, GError **error)
{
  return propagate (self, result, liaison_store_list_child_links_of_async, error);
}

/* ---- the contact list ---- */

struct _LiaisonStoreContactScan
{
  LiaisonStoreDb *db;
  sqlite3_stmt *stmt;
  gboolean done;
};

typedef struct
{
  LiaisonStoreContactScanFunc func;
  gpointer data;
  GDestroyNotify data_free;
  GDestroyNotify result_free;
} ScanData;

static void
scan_data_free (ScanData *scan)
{
  if (scan->data_free != NULL)
    scan->data_free (scan->data);
  g_free (scan);
}

/* One sequential read of the covering index records_contact_list (liaison-store-schema.c): no
 * join, and never the raw JSON. */
#define CONTACT_SCAN_SQL                                                                           \
  "SELECT id, connection_id, link_id, modified_at, search_text, email_norm, phone_norm"            \
  " FROM records INDEXED BY records_contact_list"                                                  \
  " WHERE kind = 'contact' AND deleted = 0 ORDER BY name_sort"

gboolean
liaison_store_contact_scan_next (LiaisonStoreContactScan *scan, LiaisonStoreContactKey *key,
                                 GError **error)
{
  int rc;

  if (scan->done)
    return FALSE;
  rc = sqlite3_step (scan->stmt);
  if (rc != SQLITE_ROW)
    {
      scan->done = TRUE;
      if (rc != SQLITE_DONE)
        liaison_store_db_fail (scan->db, rc, "Could not read the contacts", error);
      return FALSE;
    }
  key->record_id = sqlite3_column_int64 (scan->stmt, 0);
  key->connection_id = (const char *) sqlite3_column_text (scan->stmt, 1);
  key->connection_id_len = (gsize) sqlite3_column_bytes (scan->stmt, 1);
  key->link_id = sqlite3_column_int64 (scan->stmt, 2);
  key->modified_at = sqlite3_column_int64 (scan->stmt, 3);
  key->search_text = (const char *) sqlite3_column_text (scan->stmt, 4);
  key->search_text_len
      = key->search_text != NULL ? (gsize) sqlite3_column_bytes (scan->stmt, 4) : 0;
  return TRUE;
}

const char *
liaison_store_contact_scan_get_email_norm (LiaisonStoreContactScan *scan)
{
  return scan->done ? NULL : (const char *) sqlite3_column_text (scan->stmt, 5);
}

const char *
liaison_store_contact_scan_get_phone_norm (LiaisonStoreContactScan *scan)
{
  return scan->done ? NULL : (const char *) sqlite3_column_text (scan->stmt, 6);
}

gint64
liaison_store_contact_scan_refreshed_at (LiaisonStoreContactScan *scan, const char *connection_id,
                                         GError **error)
{
  return liaison_store_db_refreshed_at (scan->db, connection_id, error);
}

GArray *
liaison_store_contact_scan_list_apart (LiaisonStoreContactScan *scan, const char *lsq_connection,
                                       const char *ghl_connection, GError **error)
{
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  stmt = liaison_store_db_prepare (
      scan->db,
      "SELECT l.id, g.id FROM kept_apart k"
      " JOIN records l ON l.connection_id = k.lsq_connection AND l.kind = k.kind"
      "   AND l.remote_id = k.lsq_id"
      " JOIN records g ON g.connection_id = k.ghl_connection AND g.kind = k.kind"
      "   AND g.remote_id = k.ghl_id"
      " WHERE k.kind = 'contact' AND k.lsq_connection = ?1 AND k.ghl_connection = ?2",
      error);
  if (stmt == NULL)
    return NULL;
  liaison_store_bind_text (stmt, 1, lsq_connection);
  liaison_store_bind_text (stmt, 2, ghl_connection);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 pair[2] = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };
      g_array_append_vals (ids, pair, 2);
    }
  if (rc != SQLITE_DONE)
    {
      liaison_store_db_fail (scan->db, rc, "Could not read the contacts kept apart", error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

GArray *
liaison_store_contact_scan_list_not_copied (LiaisonStoreContactScan *scan,
                                            const char *lsq_connection, const char *ghl_connection,
                                            GError **error)
{
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (LiaisonStoreNotCopiedKey));
  int rc;

  stmt = liaison_store_db_prepare (
      scan->db,
      "SELECT r.id, n.run_id, n.undone_run, n.at FROM not_copied n"
      " JOIN records r ON r.connection_id = n.connection_id AND r.kind = n.kind"
      "   AND r.remote_id = n.remote_id"
      " WHERE n.kind = 'contact' AND n.connection_id IN (?1, ?2) ORDER BY r.id",
      error);
  if (stmt == NULL)
    return NULL;
  liaison_store_bind_text (stmt, 1, lsq_connection);
  liaison_store_bind_text (stmt, 2, ghl_connection);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LiaisonStoreNotCopiedKey row
          = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
              sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3) };
      g_array_append_val (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      liaison_store_db_fail (scan->db, rc, "Could not read the contacts not to copy again", error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static void
scan_contacts_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  ScanData *data = g_task_get_task_data (task);
  LiaisonStoreContactScan scan = { db, NULL, FALSE };
  GError *error = NULL;
  gpointer result = NULL;

  scan.stmt = liaison_store_db_prepare (db, CONTACT_SCAN_SQL, &error);
  if (scan.stmt != NULL)
    {
      result = data->func (&scan, data->data, &error);
      liaison_cached_stmt_release (scan.stmt);
    }
  if (result == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_FAILED,
                             "Could not read the contacts");
      g_task_return_error (task, error);
    }
  else
    {
      g_clear_error (&error);
      g_task_return_pointer (task, result, data->result_free);
    }
}

/* Queued behind the store's writes, so the scan reflects every write asked for before it. */
void
liaison_store_scan_contacts_async (LiaisonStore *self, LiaisonStoreContactScanFunc func,
                                   gpointer data, GDestroyNotify data_free,
                                   GDestroyNotify result_free, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  ScanData *scan = g_new0 (ScanData, 1);

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (func != NULL);
  scan->func = func;
  scan->data = data;
  scan->data_free = data_free;
  scan->result_free = result_free;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_scan_contacts_async);
  g_task_set_task_data (task, scan, (GDestroyNotify) scan_data_free);
  liaison_store_push_job (self, task, scan_contacts_job);
}

gpointer
liaison_store_scan_contacts_finish (LiaisonStore *self, GAsyncResult *result, GError **error)
{
  return propagate (self, result, liaison_store_scan_contacts_async, error);
}

LiaisonStoreRecord *
liaison_store_lookup_contact_summary (LiaisonStore *self, gint64 record_id, GError **error)
{
  LiaisonStoreDb *db;
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  LiaisonStoreRecord *record;
  int rc;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  db = liaison_store_get_reader (self);
  stmt = liaison_store_db_prepare (db,
                                   "SELECT display_name, email, phone, company, owner, remote_id"
                                   " FROM records WHERE id = ?1",
                                   error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, record_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        liaison_store_db_fail (db, rc, "Could not read a contact", error);
      return NULL;
    }
  record = g_new0 (LiaisonStoreRecord, 1);
  record->kind = LIAISON_RECORD_CONTACT;
  record->display_name = liaison_store_column_dup (stmt, 0);
  record->email = liaison_store_column_dup (stmt, 1);
  record->phone = liaison_store_column_dup (stmt, 2);
  record->company = liaison_store_column_dup (stmt, 3);
  record->owner = liaison_store_column_dup (stmt, 4);
  record->remote_id = liaison_store_column_dup (stmt, 5);
  return record;
}

/* ---- calendar data ---- */

GPtrArray *
liaison_store_list_calendars (LiaisonStore *self, const char *connection_id, GError **error)
{
  LiaisonStoreDb *db;
  g_autoptr (LiaisonCachedStmt) stmt = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  db = liaison_store_get_reader (self);
  stmt = liaison_store_db_prepare (
      db,
      "SELECT " LIAISON_STORE_RECORD_COLUMNS " FROM records"
      " WHERE connection_id = ?1 AND kind = 'calendar' AND deleted = 0"
      " ORDER BY json_extract (raw, '$.name') COLLATE NOCASE, remote_id",
      error);
  if (stmt == NULL)
    return NULL;
  liaison_store_bind_text (stmt, 1, connection_id);
  return liaison_store_collect_records (db, stmt, "Could not read cached calendar data", error);
}

GPtrArray *
liaison_store_list_appointments (LiaisonStore *self, const char *connection_id, gint64 from_ms,
                                 gint64 to_ms, const char *calendar_id, GError **error)
{
  LiaisonStoreDb *db;
  g_autoptr (LiaisonCachedStmt) stmt = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  db = liaison_store_get_reader (self);
  stmt = liaison_store_db_prepare (
      db,
      "SELECT " LIAISON_STORE_RECORD_COLUMNS " FROM records"
      " WHERE connection_id = ?1 AND kind = 'appointment' AND deleted = 0"
      "   AND json_extract (raw, '$.startMs') < ?3"
      "   AND (json_extract (raw, '$.endMs') > ?2 OR json_extract (raw, '$.startMs') >= ?2)"
      "   AND (?4 IS NULL OR json_extract (raw, '$.calendarId') = ?4)"
      " ORDER BY json_extract (raw, '$.startMs'), remote_id",
      error);
  if (stmt == NULL)
    return NULL;
  liaison_store_bind_text (stmt, 1, connection_id);
  sqlite3_bind_int64 (stmt, 2, from_ms);
  sqlite3_bind_int64 (stmt, 3, to_ms);
  liaison_store_bind_text (stmt, 4, calendar_id);
  return liaison_store_collect_records (db, stmt, "Could not read cached calendar data", error);
}
