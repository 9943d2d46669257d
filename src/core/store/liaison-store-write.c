/* liaison-store-write.c: the store's write jobs. Each runs on the worker in one transaction,
 * so that what a crash leaves behind is always a state the next start can resume from.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-store"

#include "liaison-debug.h"
#include "liaison-normalize.h"
#include "liaison-store-private.h"

static gint64
now_ms (void)
{
  return liaison_store_stamp_ms ();
}

static void
return_error_rollback (LiaisonStoreDb *db, GTask *task, GError *error)
{
  liaison_store_db_rollback (db);
  g_task_return_error (task, error);
}

/* ---- connections ---- */

/* details may hold settings, never credentials: a key naming one is refused outright rather
 * than trusted to be harmless. */
static const char secret_keys_sql[]
    = "SELECT key FROM json_tree (?1) WHERE type != 'object' AND key IS NOT NULL AND ("
      "  lower (key) LIKE '%token%' OR lower (key) LIKE '%secret%' OR lower (key) LIKE '%password%'"
      "  OR lower (key) LIKE '%accesskey%' OR lower (key) LIKE '%access_key%'"
      "  OR lower (key) LIKE '%apikey%' OR lower (key) LIKE '%api_key%'"
      "  OR lower (key) LIKE '%authorization%' OR lower (key) LIKE '%credential%')"
      "  LIMIT 1";

static gboolean
check_details (LiaisonStoreDb *db, const char *details, GError **error)
{
  g_autoptr (LiaisonCachedStmt) type = NULL;
  g_autoptr (LiaisonCachedStmt) secrets = NULL;
  int rc;

  type = liaison_store_db_prepare (db, "SELECT json_valid (?1) AND json_type (?1) = 'object'",
                                   error);
  if (type == NULL)
    return FALSE;
  liaison_store_bind_text (type, 1, details);
  if (sqlite3_step (type) != SQLITE_ROW || sqlite3_column_int (type, 0) != 1)
    {
      g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID,
                   "A connection's details must be a JSON object");
      return FALSE;
    }
  secrets = liaison_store_db_prepare (db, secret_keys_sql, error);
  if (secrets == NULL)
    return FALSE;
  liaison_store_bind_text (secrets, 1, details);
  rc = sqlite3_step (secrets);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_SECRET,
                   "Refused to store “%s” in a connection's details: credentials belong in the "
                   "keyring",
                   (const char *) sqlite3_column_text (secrets, 0));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return liaison_store_db_fail (db, rc, "Could not check a connection's details", error);
  return TRUE;
}

static void
save_connection_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  const LiaisonStoreConnection *c = g_task_get_task_data (task);
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  g_autofree char *id = c->id ? g_strdup (c->id) : g_uuid_string_random ();
  const char *details = c->details ? c->details : "{}";
  GError *error = NULL;
  gint64 now = now_ms ();
  int rc;

  if (c->account_id == NULL || *c->account_id == '\0')
    {
      g_task_return_new_error (task, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID,
                               "A connection needs the account it belongs to");
      return;
    }
  if (!check_details (db, details, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  stmt = liaison_store_db_prepare (
      db,
      "INSERT INTO connections (id, service, account_id, display_name, host, details,"
      "                         created_at, updated_at)"
      " VALUES (?1, ?2, ?3, coalesce (?4, ''), ?5, ?6, ?7, ?7)"
      " ON CONFLICT (id) DO UPDATE SET service = excluded.service,"
      "   account_id = excluded.account_id, display_name = excluded.display_name,"
      "   host = excluded.host, details = excluded.details, updated_at = excluded.updated_at",
      &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  liaison_store_bind_text (stmt, 1, id);
  liaison_store_bind_text (stmt, 2, liaison_service_to_string (c->service));
  liaison_store_bind_text (stmt, 3, c->account_id);
  liaison_store_bind_text (stmt, 4, c->display_name);
  liaison_store_bind_text (stmt, 5, c->host);
  liaison_store_bind_text (stmt, 6, details);
  sqlite3_bind_int64 (stmt, 7, now);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      liaison_store_db_fail (db, rc, "Could not save the connection", &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&id), g_free);
}

/* Saves a new connection (connection->id NULL: one is made up) or updates one; the finish
 * function returns its id. */
void
liaison_store_save_connection_async (LiaisonStore *self, const LiaisonStoreConnection *connection,
                                     GCancellable *cancellable, GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (connection != NULL);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_save_connection_async);
  g_task_set_task_data (task, liaison_store_connection_copy (connection),
                        (GDestroyNotify) liaison_store_connection_free);
  liaison_store_push_job (self, task, save_connection_job);
}

char *
liaison_store_save_connection_finish (LiaisonStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
delete_connection_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  const char *id = g_task_get_task_data (task);
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  GError *error = NULL;
  int rc;

  stmt = liaison_store_db_prepare (db, "DELETE FROM connections WHERE id = ?1", &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  liaison_store_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      liaison_store_db_fail (db, rc, "Could not remove the connection", &error);
      g_task_return_error (task, error);
      return;
    }
  if (sqlite3_changes (db->db) == 0)
    {
      g_task_return_new_error (task, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND,
                               "No such connection");
      return;
    }
  /* The cascade took its records, cursors and links with it. */
  liaison_store_notify_records (self, id, LIAISON_RECORD_CONTACT);
  liaison_store_notify_links (self, LIAISON_RECORD_CONTACT);
  g_task_return_boolean (task, TRUE);
}

void
liaison_store_delete_connection_async (LiaisonStore *self, const char *connection_id,
                                       GCancellable *cancellable, GAsyncReadyCallback callback,
                                       gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (connection_id != NULL);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_delete_connection_async);
  g_task_set_task_data (task, g_strdup (connection_id), g_free);
  liaison_store_push_job (self, task, delete_connection_job);
}

gboolean
liaison_store_delete_connection_finish (LiaisonStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- cursors and pages ---- */

typedef struct
{
  char *connection_id;
  LiaisonRecordKind kind;
  GPtrArray *records;         /* LiaisonStoreRecord */
  LiaisonStoreCursor *cursor; /* NULL: leave the cursor alone */
  char *region;
  char *new_cursor;
  gboolean keep_unseen; /* finish_full_refresh: mark nothing gone */
} PageData;

static void
page_data_free (PageData *data)
{
  g_free (data->connection_id);
  g_clear_pointer (&data->records, g_ptr_array_unref);
  liaison_store_cursor_free (data->cursor);
  g_free (data->region);
  g_free (data->new_cursor);
  g_free (data);
}

static LiaisonStoreCursor *
cursor_from_row (sqlite3_stmt *stmt)
{
  LiaisonStoreCursor *cursor = liaison_store_cursor_new (LIAISON_REFRESH_FULL);

  liaison_refresh_phase_from_string ((const char *) sqlite3_column_text (stmt, 0), &cursor->phase);
  cursor->cursor = liaison_store_column_dup (stmt, 1);
  cursor->page_token = liaison_store_column_dup (stmt, 2);
  cursor->refresh_started_at = sqlite3_column_int64 (stmt, 3);
  cursor->updated_at = sqlite3_column_int64 (stmt, 4);
  return cursor;
}

static gboolean
write_cursor (LiaisonStoreDb *db, const char *connection_id, LiaisonRecordKind kind,
              const LiaisonStoreCursor *cursor, GError **error)
{
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  int rc;

  stmt = liaison_store_db_prepare (
      db,
      "INSERT INTO cursors (connection_id, kind, phase, cursor, page_token, refresh_started_at,"
      "                     updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
      " ON CONFLICT (connection_id, kind) DO UPDATE SET phase = excluded.phase,"
      "   cursor = excluded.cursor, page_token = excluded.page_token,"
      "   refresh_started_at = excluded.refresh_started_at, updated_at = excluded.updated_at",
      error);
  if (stmt == NULL)
    return FALSE;
  liaison_store_bind_text (stmt, 1, connection_id);
  liaison_store_bind_text (stmt, 2, liaison_record_kind_to_string (kind));
  liaison_store_bind_text (stmt, 3, liaison_refresh_phase_to_string (cursor->phase));
  liaison_store_bind_text (stmt, 4, cursor->cursor);
  liaison_store_bind_text (stmt, 5, cursor->page_token);
  if (cursor->refresh_started_at > 0)
    sqlite3_bind_int64 (stmt, 6, cursor->refresh_started_at);
  sqlite3_bind_int64 (stmt, 7, now_ms ());
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return liaison_store_db_fail (db, rc, "Could not save the refresh position", error);
  return TRUE;
}

LiaisonStoreCursor *
liaison_store_db_read_cursor (LiaisonStoreDb *db, const char *connection_id, LiaisonRecordKind kind,
                              GError **error)
{
  g_autoptr (LiaisonCachedStmt) stmt = liaison_store_db_prepare (
      db,
      "SELECT " LIAISON_STORE_CURSOR_COLUMNS " FROM cursors WHERE connection_id = ?1 AND kind = ?2",
      error);
  int rc;

  if (stmt == NULL)
    return NULL;
  liaison_store_bind_text (stmt, 1, connection_id);
  liaison_store_bind_text (stmt, 2, liaison_record_kind_to_string (kind));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return cursor_from_row (stmt);
  if (rc != SQLITE_DONE)
    liaison_store_db_fail (db, rc, "Could not read the refresh position", error);
  return NULL;
}

static void
begin_full_refresh_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  PageData *data = g_task_get_task_data (task);
  g_autoptr (LiaisonStoreCursor) cursor = NULL;
  GError *error = NULL;

  if (!liaison_store_db_begin (db, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  cursor = liaison_store_db_read_cursor (db, data->connection_id, data->kind, &error);
  if (error != NULL)
    {
      return_error_rollback (db, task, error);
      return;
    }
  /* A full refresh that was interrupted is resumed where its last committed page left it. */
  if (cursor == NULL || cursor->phase != LIAISON_REFRESH_FULL || cursor->refresh_started_at <= 0)
    {
      g_autofree char *keep = cursor ? g_steal_pointer (&cursor->cursor) : NULL;

      g_clear_pointer (&cursor, liaison_store_cursor_free);
      cursor = liaison_store_cursor_new (LIAISON_REFRESH_FULL);
      cursor->cursor = g_steal_pointer (&keep);
      cursor->refresh_started_at = now_ms ();
      if (!write_cursor (db, data->connection_id, data->kind, cursor, &error))
        {
          return_error_rollback (db, task, error);
          return;
        }
    }
  if (!liaison_store_db_commit (db, &error))
    {
      return_error_rollback (db, task, error);
      return;
    }
  cursor->updated_at = now_ms ();
  g_task_return_pointer (task, g_steal_pointer (&cursor),
                         (GDestroyNotify) liaison_store_cursor_free);
}

/* Starts a full refresh of one kind of one connection, or returns the one in progress: the
 * cursor's page_token is the page to fetch next (NULL: the first). */
void
liaison_store_begin_full_refresh_async (LiaisonStore *self, const char *connection_id,
                                        LiaisonRecordKind kind, GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  PageData *data = g_new0 (PageData, 1);

  g_return_if_fail (LIAISON_IS_STORE (self));
  data->connection_id = g_strdup (connection_id);
  data->kind = kind;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_begin_full_refresh_async);
  g_task_set_task_data (task, data, (GDestroyNotify) page_data_free);
  liaison_store_push_job (self, task, begin_full_refresh_job);
}

LiaisonStoreCursor *
liaison_store_begin_full_refresh_finish (LiaisonStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  char *hash;
  char *display_name;
  char *email_norm;
  char *phone_norm;
  char *name_sort;
  char *search_text;
} Derived;

static void
derive (const LiaisonStoreRecord *record, const char *region, Derived *d)
{
  const char *name = record->display_name;

  d->hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, record->raw ? record->raw : "", -1);
  if (record->kind != LIAISON_RECORD_CONTACT)
    return;
  /* A contact with no name is listed by what it does have. */
  if (name == NULL || *name == '\0')
    name = record->email && *record->email ? record->email : record->phone;
  d->display_name = g_strdup (name ? name : "");
  d->email_norm = liaison_normalize_email (record->email);
  d->phone_norm = liaison_normalize_phone (record->phone, region);
  d->name_sort = liaison_normalize_text (d->display_name);
  d->search_text = liaison_normalize_search_text (d->display_name, record->email, record->phone,
                                                  record->company);
}

static void
derived_clear (Derived *d)
{
  g_free (d->hash);
  g_free (d->display_name);
  g_free (d->email_norm);
  g_free (d->phone_norm);
  g_free (d->name_sort);
  g_free (d->search_text);
}

/* ours: the record is the service's answer to Liaison's own write. */
static gboolean
upsert_record (LiaisonStoreDb *db, sqlite3_stmt *stmt, const char *connection_id,
               const LiaisonStoreRecord *record, const Derived *d, gint64 fetched_at, gboolean ours,
               GError **error)
{
  int rc;

  liaison_store_bind_text (stmt, 1, connection_id);
  liaison_store_bind_text (stmt, 2, liaison_record_kind_to_string (record->kind));
  liaison_store_bind_text (stmt, 3, record->remote_id);
  liaison_store_bind_text (stmt, 4, record->parent_id);
  liaison_store_bind_text (stmt, 5, record->raw);
  liaison_store_bind_text (stmt, 6, d->hash);
  sqlite3_bind_int64 (stmt, 7, record->modified_at);
  sqlite3_bind_int64 (stmt, 8, fetched_at);
  sqlite3_bind_int (stmt, 9, record->deleted ? 1 : 0);
  liaison_store_bind_text (stmt, 10, d->display_name);
  liaison_store_bind_text (stmt, 11, record->email);
  liaison_store_bind_text (stmt, 12, d->email_norm);
  liaison_store_bind_text (stmt, 13, record->phone);
  liaison_store_bind_text (stmt, 14, d->phone_norm);
  liaison_store_bind_text (stmt, 15, record->company);
  liaison_store_bind_text (stmt, 16, record->owner);
  liaison_store_bind_text (stmt, 17, d->name_sort ? d->name_sort : "");
  liaison_store_bind_text (stmt, 18, d->search_text ? d->search_text : "");
  sqlite3_bind_int (stmt, 19, ours ? 1 : 0);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      /* The message names the record, never its content. */
      g_autofree char *context = g_strdup_printf (
          "Could not store %s %s", liaison_record_kind_to_string (record->kind), record->remote_id);
      return liaison_store_db_fail (db, rc, context, error);
    }
  return TRUE;
}

static const char upsert_record_sql[]
    = "INSERT INTO records (connection_id, kind, remote_id, parent_id, raw, content_hash,"
      "  modified_at, fetched_at, deleted, display_name, email, email_norm, phone, phone_norm,"
      "  company, owner, name_sort, search_text, changed_at, echo_pending)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
      "   ?8, ?19)"
      " ON CONFLICT (connection_id, kind, remote_id) DO UPDATE SET parent_id = excluded.parent_id,"
      /* records.* is the row as it was, excluded.* as it comes. Liaison's own write (the
       * service's answer) and the first read after it (the write coming back, in the shape of a
       * list and with the service's new modification time) are no change of the record's own:
       * the person's edit the write carried made its counterpart change already. */
      "   changed_at = CASE WHEN records.deleted IS NOT excluded.deleted THEN excluded.changed_at"
      "     WHEN records.content_hash IS excluded.content_hash THEN records.changed_at"
      "     WHEN excluded.echo_pending OR records.echo_pending THEN records.changed_at"
      "     ELSE excluded.changed_at END,"
      "   echo_pending = excluded.echo_pending,"
      "   raw = excluded.raw, content_hash = excluded.content_hash,"
      "   modified_at = excluded.modified_at, fetched_at = excluded.fetched_at,"
      "   deleted = excluded.deleted, display_name = excluded.display_name,"
      "   email = excluded.email, email_norm = excluded.email_norm, phone = excluded.phone,"
      "   phone_norm = excluded.phone_norm, company = excluded.company, owner = excluded.owner,"
      "   name_sort = excluded.name_sort, search_text = excluded.search_text";

static void
commit_page_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  PageData *data = g_task_get_task_data (task);
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  g_autofree Derived *derived = g_new0 (Derived, MAX (data->records->len, 1));
  GError *error = NULL;
  gint64 fetched_at = now_ms ();
  gboolean ok = TRUE;

  for (guint i = 0; i < data->records->len; i++)
    {
      const LiaisonStoreRecord *record = g_ptr_array_index (data->records, i);
      if (record->remote_id == NULL || *record->remote_id == '\0')
        {
          g_set_error (&error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID,
                       "A record in the page has no id");
          ok = FALSE;
          break;
        }
      /* Normalizing outside the transaction keeps the write lock short. */
      derive (record, data->region, &derived[i]);
    }

  if (ok)
    ok = liaison_store_db_begin (db, &error);
  if (ok)
    {
      stmt = liaison_store_db_prepare (db, upsert_record_sql, &error);
      ok = stmt != NULL;
      for (guint i = 0; ok && i < data->records->len; i++)
        ok = upsert_record (db, stmt, data->connection_id, g_ptr_array_index (data->records, i),
                            &derived[i], fetched_at, FALSE, &error);
      /* The cursor moves in the same transaction as the page it follows: after a crash the
       * store holds either both or neither, so a resume neither skips nor repeats a page. */
      if (ok && data->cursor != NULL)
        ok = write_cursor (db, data->connection_id, data->kind, data->cursor, &error);
      if (ok)
        ok = liaison_store_db_commit (db, &error);
      if (!ok)
        liaison_store_db_rollback (db);
    }

  for (guint i = 0; i < data->records->len; i++)
    derived_clear (&derived[i]);
  if (!ok)
    {
      g_task_return_error (task, error);
      return;
    }
  LIAISON_TRACE (LIAISON_DEBUG_STORE, "stored a page of %u %s records", data->records->len,
                 liaison_record_kind_to_string (data->kind));
  liaison_store_notify_records (self, data->connection_id, data->kind);
  g_task_return_boolean (task, TRUE);
}

/* Stores a page of records (LiaisonStoreRecord) of one connection and, when cursor is not
 * NULL, the position after it, in one transaction. */
void
liaison_store_commit_page_async (LiaisonStore *self, const char *connection_id,
                                 LiaisonRecordKind kind, GPtrArray *records,
                                 const LiaisonStoreCursor *cursor, GCancellable *cancellable,
                                 GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  PageData *data;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (connection_id != NULL);
  g_return_if_fail (records != NULL);
  data = g_new0 (PageData, 1);
  data->connection_id = g_strdup (connection_id);
  data->kind = kind;
  data->records = g_ptr_array_ref (records);
  data->cursor = cursor ? liaison_store_cursor_copy (cursor) : NULL;
  data->region = liaison_store_dup_default_region (self);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_commit_page_async);
  g_task_set_task_data (task, data, (GDestroyNotify) page_data_free);
  liaison_store_push_job (self, task, commit_page_job);
}

gboolean
liaison_store_commit_page_finish (LiaisonStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
finish_full_refresh_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  PageData *data = g_task_get_task_data (task);
  g_autoptr (LiaisonStoreCursor) cursor = NULL;
  g_autoptr (LiaisonCachedStmt) sweep = NULL;
  GError *error = NULL;
  guint n_gone;
  int rc;

  if (!liaison_store_db_begin (db, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  cursor = liaison_store_db_read_cursor (db, data->connection_id, data->kind, &error);
  if (cursor == NULL || cursor->phase != LIAISON_REFRESH_FULL || cursor->refresh_started_at <= 0)
    {
      if (error == NULL)
        g_set_error (&error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID,
                     "No full refresh is in progress");
      return_error_rollback (db, task, error);
      return;
    }
  /* What the full refresh did not see again is gone on the service. It is only marked: the
   * sync engine decides what a deletion means. When the refresh left out records it could not
   * read, not seeing a record proves nothing, so nothing is marked. */
  if (data->keep_unseen)
    n_gone = 0;
  else
    {
      sweep = liaison_store_db_prepare (db,
                                        "UPDATE records SET deleted = 1, changed_at = ?4"
                                        " WHERE connection_id = ?1 AND kind = ?2 AND deleted = 0"
                                        "   AND fetched_at < ?3",
                                        &error);
      if (sweep == NULL)
        {
          return_error_rollback (db, task, error);
          return;
        }
      liaison_store_bind_text (sweep, 1, data->connection_id);
      liaison_store_bind_text (sweep, 2, liaison_record_kind_to_string (data->kind));
      sqlite3_bind_int64 (sweep, 3, cursor->refresh_started_at);
      sqlite3_bind_int64 (sweep, 4, now_ms ());
      rc = sqlite3_step (sweep);
      if (rc != SQLITE_DONE)
        {
          liaison_store_db_fail (db, rc, "Could not mark removed records", &error);
          return_error_rollback (db, task, error);
          return;
        }
      n_gone = (guint) sqlite3_changes (db->db);
    }

  g_free (cursor->cursor);
  cursor->cursor = g_strdup (data->new_cursor);
  g_clear_pointer (&cursor->page_token, g_free);
  cursor->phase = LIAISON_REFRESH_INCREMENTAL;
  cursor->refresh_started_at = 0;
  if (!write_cursor (db, data->connection_id, data->kind, cursor, &error)
      || !liaison_store_db_commit (db, &error))
    {
      return_error_rollback (db, task, error);
      return;
    }
  if (n_gone > 0)
    liaison_store_notify_records (self, data->connection_id, data->kind);
  g_task_return_int (task, n_gone);
}

/* Ends a full refresh: records it did not see are marked deleted, and the cursor switches to
 * incremental refreshes from `cursor`. */
void
liaison_store_finish_full_refresh_async (LiaisonStore *self, const char *connection_id,
                                         LiaisonRecordKind kind, const char *cursor,
                                         gboolean keep_unseen, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  PageData *data = g_new0 (PageData, 1);

  g_return_if_fail (LIAISON_IS_STORE (self));
  data->connection_id = g_strdup (connection_id);
  data->kind = kind;
  data->new_cursor = g_strdup (cursor);
  data->keep_unseen = keep_unseen;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_finish_full_refresh_async);
  g_task_set_task_data (task, data, (GDestroyNotify) page_data_free);
  liaison_store_push_job (self, task, finish_full_refresh_job);
}

gboolean
liaison_store_finish_full_refresh_finish (LiaisonStore *self, GAsyncResult *result, guint *n_gone,
                                          GError **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;
  if (n_gone)
    *n_gone = (guint) n;
  return TRUE;
}

/* For other jobs that cache records inside their own transaction (the sync engine's apply step,
 * the services' answers to its writes): the same derivation and upsert as a page, without a
 * cursor or a transaction of its own, and marked as Liaison's own (see upsert_record_sql). */
gboolean
liaison_store_upsert_records (LiaisonStoreDb *db, GPtrArray *records, const char *region,
                              GError **error)
{
  g_autoptr (LiaisonCachedStmt) stmt = liaison_store_db_prepare (db, upsert_record_sql, error);
  gint64 fetched_at = now_ms ();
  gboolean ok = stmt != NULL;

  for (guint i = 0; ok && i < records->len; i++)
    {
      const LiaisonStoreRecord *record = g_ptr_array_index (records, i);
      Derived derived = { 0 };

      if (record->remote_id == NULL || *record->remote_id == '\0' || record->connection_id == NULL)
        {
          g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID,
                       "A record to store has no id or no connection");
          return FALSE;
        }
      derive (record, region, &derived);
      ok = upsert_record (db, stmt, record->connection_id, record, &derived, fetched_at, TRUE,
                          error);
      derived_clear (&derived);
    }
  return ok;
}
