/* liaison-store.c: LiaisonStore, opening a profile's database and running its jobs.
 *
 * Threading: the GUI must never wait for the disk. One writer connection is used only from one
 * dedicated worker (an exclusive GThreadPool of one thread, so jobs run in the order they were
 * queued) and every write is an _async call completed through GTask on the caller's context. A
 * second, read-only connection serves the main thread's small indexed reads; WAL lets it read
 * while the writer writes.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-store"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <glib/gstdio.h>

#include "liaison-debug.h"
#include "liaison-store-private.h"
#include "liaison-store-sync.h"

#define BUSY_TIMEOUT_MS 5000

struct _LiaisonStore
{
  GObject parent_instance;

  char *path;
  char *default_region;
  GMutex region_lock; /* default_region is read by jobs on the worker */
  GMainContext *context;
  GThreadPool *pool;
  LiaisonStoreDb *writer; /* only touched by the worker once open */
  LiaisonStoreDb *reader; /* main thread only */
  guint holds;            /* main thread: notifications held by liaison_store_hold_notifications */
  GPtrArray *held;        /* Notification, the first of each kind of change while held */
};

enum
{
  PROP_0,
  PROP_PATH,
  PROP_DEFAULT_REGION,
  N_PROPS
};

enum
{
  RECORDS_CHANGED,
  LINKS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LiaisonStore, liaison_store, G_TYPE_OBJECT)
/* The domain's name is the quark's text, kept as written. */
/* clang-format off */
G_DEFINE_QUARK (liaison-store-error-quark, liaison_store_error)
/* clang-format on */

typedef struct
{
  GTask *task;
  LiaisonStoreJobFunc func;
} Job;

static void open_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task);

static gboolean
drop_task_idle (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static void
worker_run (gpointer data, gpointer user_data)
{
  Job *job = data;
  LiaisonStore *self = g_task_get_source_object (job->task);
  GSource *source;

  if (g_task_return_error_if_cancelled (job->task))
    ;
  else if (self->writer == NULL && job->func != open_job)
    g_task_return_new_error (job->task, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CLOSED,
                             "The database is not open");
  else
    job->func (self, self->writer, job->task);

  /* The last reference to the store may be the one this task holds: let it go on the store's
   * own context, so that the store is never finalized on (and never waits for) its worker. */
  source = g_idle_source_new ();
  g_source_set_callback (source, drop_task_idle, job->task, NULL);
  /* Not at idle priority: a busy interface must not hold this back. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (source, "[liaison-store] release job");
  g_source_attach (source, self->context);
  g_source_unref (source);
  g_free (job);
}

void
liaison_store_push_job (LiaisonStore *self, GTask *task, LiaisonStoreJobFunc func)
{
  Job *job = g_new0 (Job, 1);

  job->task = g_object_ref (task);
  job->func = func;
  g_thread_pool_push (self->pool, job, NULL);
}

LiaisonStoreDb *
liaison_store_get_reader (LiaisonStore *self)
{
  return self->reader;
}

/* ---- connections ---- */

void
liaison_cached_stmt_release (LiaisonCachedStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

gboolean
liaison_store_db_fail (LiaisonStoreDb *db, int rc, const char *context, GError **error)
{
  int code = LIAISON_STORE_ERROR_FAILED;
  int extended = db && db->db ? sqlite3_extended_errcode (db->db) : rc;

  switch (extended & 0xff)
    {
      case SQLITE_CONSTRAINT:
        code = (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY)
                   ? LIAISON_STORE_ERROR_CONFLICT
                   : LIAISON_STORE_ERROR_INVALID;
        break;
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        code = LIAISON_STORE_ERROR_BUSY;
        break;
      case SQLITE_CORRUPT:
      case SQLITE_NOTADB:
        code = LIAISON_STORE_ERROR_CORRUPT;
        break;
      default:
        break;
    }
  g_set_error (error, LIAISON_STORE_ERROR, code, "%s: %s", context,
               db && db->db ? sqlite3_errmsg (db->db) : sqlite3_errstr (rc));
  return FALSE;
}

LiaisonCachedStmt *
liaison_store_db_prepare (LiaisonStoreDb *db, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (db->stmts, sql);
  int rc;

  if (stmt != NULL)
    return stmt;
  rc = sqlite3_prepare_v3 (db->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      liaison_store_db_fail (db, rc, "Could not prepare a database query", error);
      return NULL;
    }
  g_hash_table_insert (db->stmts, g_strdup (sql), stmt);
  return stmt;
}

gboolean
liaison_store_db_exec (LiaisonStoreDb *db, const char *sql, GError **error)
{
  int rc = sqlite3_exec (db->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return liaison_store_db_fail (db, rc, "Database statement failed", error);
  return TRUE;
}

static gboolean
step_done (LiaisonStoreDb *db, const char *sql, const char *context, GError **error)
{
  g_autoptr (LiaisonCachedStmt) stmt = liaison_store_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return liaison_store_db_fail (db, rc, context, error);
  return TRUE;
}

/* IMMEDIATE takes the write lock up front: a deferred transaction that reads first could fail
 * with SQLITE_BUSY half-way instead of waiting at the start. */
gboolean
liaison_store_db_begin (LiaisonStoreDb *db, GError **error)
{
  return step_done (db, "BEGIN IMMEDIATE", "Could not start a transaction", error);
}

gboolean
liaison_store_db_commit (LiaisonStoreDb *db, GError **error)
{
  return step_done (db, "COMMIT", "Could not commit a transaction", error);
}

void
liaison_store_db_rollback (LiaisonStoreDb *db)
{
  if (!sqlite3_get_autocommit (db->db))
    sqlite3_exec (db->db, "ROLLBACK", NULL, NULL, NULL);
}

int
liaison_store_db_user_version (LiaisonStoreDb *db, GError **error)
{
  g_autoptr (LiaisonCachedStmt) stmt = liaison_store_db_prepare (db, "PRAGMA user_version", error);
  int rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      liaison_store_db_fail (db, rc, "Could not read the schema version", error);
      return -1;
    }
  return sqlite3_column_int (stmt, 0);
}

void
liaison_store_bind_text (sqlite3_stmt *stmt, int index, const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

char *
liaison_store_column_dup (sqlite3_stmt *stmt, int column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text ? g_strdup ((const char *) text) : NULL;
}

/* The database file and its -wal and -shm companions (which SQLite creates with the same mode)
 * are the user's alone: they hold the user's customers. */
static gboolean
ensure_private_file (const char *path, GError **error)
{
  GStatBuf st;

  if (g_stat (path, &st) == 0)
    {
      if ((st.st_mode & 0077) != 0 && g_chmod (path, 0600) != 0)
        {
          int saved = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "Could not make %s private: %s", path, g_strerror (saved));
          return FALSE;
        }
      return TRUE;
    }
  else
    {
      int fd = g_open (path, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          int saved = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "Could not create the database %s: %s", path, g_strerror (saved));
          return FALSE;
        }
      return g_close (fd, error);
    }
}

static void
stmt_finalize (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/* Switching a new database to WAL needs every other connection out of it, and SQLite answers
 * SQLITE_BUSY at once instead of calling the busy handler when another process opens the same
 * new profile at that moment (the app and liaison-cli). This runs on a worker thread, so it
 * waits and tries again, as long as the busy timeout allows. */
static gboolean
switch_to_wal (LiaisonStoreDb *db, GError **error)
{
  gint64 deadline = g_get_monotonic_time () + BUSY_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  g_autoptr (LiaisonCachedStmt) wal
      = liaison_store_db_prepare (db, "PRAGMA journal_mode = WAL", error);
  int rc;

  if (wal == NULL)
    return FALSE;
  while ((rc = sqlite3_step (wal)) != SQLITE_ROW && (rc & 0xff) == SQLITE_BUSY
         && g_get_monotonic_time () < deadline)
    {
      sqlite3_reset (wal);
      g_usleep (10 * G_TIME_SPAN_MILLISECOND);
    }
  if (rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (wal, 0), "wal") == 0)
    return TRUE;
  liaison_store_db_fail (db, rc == SQLITE_ROW ? SQLITE_ERROR : rc,
                         "Could not switch the database to WAL", error);
  return FALSE;
}

LiaisonStoreDb *
liaison_store_db_open (const char *path, gboolean read_only, GError **error)
{
  LiaisonStoreDb *db = g_new0 (LiaisonStoreDb, 1);
  int flags = SQLITE_OPEN_NOMUTEX | (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
  const char *setup = read_only ? "PRAGMA query_only = ON;"
                                : "PRAGMA foreign_keys = ON;"
                                  "PRAGMA synchronous = NORMAL;";
  int rc;

  db->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, stmt_finalize);
  if (!read_only && !ensure_private_file (path, error))
    {
      liaison_store_db_close (db);
      return NULL;
    }
  /* NOMUTEX: each connection is used by one thread at a time by construction. */
  rc = sqlite3_open_v2 (path, &db->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      liaison_store_db_fail (db, rc, "Could not open the database", error);
      liaison_store_db_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db->db, 1);
  sqlite3_busy_timeout (db->db, BUSY_TIMEOUT_MS);
  if (!read_only && !switch_to_wal (db, error))
    {
      liaison_store_db_close (db);
      return NULL;
    }
  if (!liaison_store_db_exec (db, setup, error))
    {
      liaison_store_db_close (db);
      return NULL;
    }
  return db;
}

void
liaison_store_db_close (LiaisonStoreDb *db)
{
  if (db == NULL)
    return;
  g_hash_table_unref (db->stmts); /* finalizes every cached statement */
  if (db->db != NULL)
    sqlite3_close_v2 (db->db);
  g_free (db);
}

/* ---- opening ---- */

char *
liaison_store_default_path (const char *profile, GError **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;

  g_return_val_if_fail (profile != NULL, NULL);
  if (*profile == '\0' || strchr (profile, '/') != NULL || g_str_equal (profile, ".")
      || g_str_equal (profile, ".."))
    {
      g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID,
                   "“%s” is not a valid profile name", profile);
      return NULL;
    }
  dir = g_build_filename (g_get_user_data_dir (), "liaison", NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Could not create the folder %s: %s", dir, g_strerror (saved));
      return NULL;
    }
  file = g_strconcat (profile, ".db", NULL);
  return g_build_filename (dir, file, NULL);
}

static gboolean
store_open (LiaisonStore *self, GError **error)
{
  LiaisonStoreDb *writer = liaison_store_db_open (self->path, FALSE, error);

  if (writer == NULL)
    return FALSE;
  if (!liaison_store_migrate (writer, error))
    {
      liaison_store_db_close (writer);
      return FALSE;
    }
  /* The reader opens after the migration so that it never sees an older schema. */
  self->reader = liaison_store_db_open (self->path, TRUE, error);
  if (self->reader == NULL)
    {
      liaison_store_db_close (writer);
      return FALSE;
    }
  self->writer = writer;
  if (self->default_region == NULL)
    {
      /* Not yet shared with anyone: no lock or notification needed. The app and liaison-cli
       * open with no region and so agree on the saved one. */
      g_autofree char *saved
          = liaison_store_get_setting (self, LIAISON_STORE_SETTING_PHONE_REGION, NULL);

      if (saved != NULL && liaison_store_check_phone_region (saved, NULL))
        self->default_region = g_steal_pointer (&saved);
    }
  LIAISON_TRACE (LIAISON_DEBUG_STORE, "opened the store at schema %u",
                 liaison_store_get_schema_version ());
  return TRUE;
}

static void
open_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  GError *error = NULL;

  if (store_open (self, &error))
    g_task_return_pointer (task, g_object_ref (self), g_object_unref);
  else
    g_task_return_error (task, error);
}

static LiaisonStore *
store_new (const char *path, const char *default_region)
{
  return g_object_new (LIAISON_TYPE_STORE, "path", path, "default-region", default_region, NULL);
}

/* default_region: ISO 3166 code national phone numbers are read in (for matching), or NULL. */
void
liaison_store_open_async (const char *path, const char *default_region, GCancellable *cancellable,
                          GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonStore) self = NULL;
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (path != NULL);
  self = store_new (path, default_region);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_store_open_async);
  liaison_store_push_job (self, task, open_job);
}

LiaisonStore *
liaison_store_open_finish (GAsyncResult *result, GError **error)
{
  /* The task's source object is the store being opened, unknown to the caller. */
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_store_open_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

LiaisonStore *
liaison_store_open_sync (const char *path, const char *default_region, GError **error)
{
  g_autoptr (LiaisonStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  self = store_new (path, default_region);
  if (!store_open (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
liaison_store_get_path (LiaisonStore *self)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  return self->path;
}

const char *
liaison_store_get_default_region (LiaisonStore *self)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  return self->default_region;
}

/* Applies to records written from now on (phone_norm is derived at write time). */
void
liaison_store_set_default_region (LiaisonStore *self, const char *region)
{
  g_return_if_fail (LIAISON_IS_STORE (self));
  g_mutex_lock (&self->region_lock);
  if (g_strcmp0 (self->default_region, region) == 0)
    {
      g_mutex_unlock (&self->region_lock);
      return;
    }
  g_free (self->default_region);
  self->default_region = g_strdup (region);
  g_mutex_unlock (&self->region_lock);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_REGION]);
}

char *
liaison_store_dup_default_region (LiaisonStore *self)
{
  char *region;

  g_mutex_lock (&self->region_lock);
  region = g_strdup (self->default_region);
  g_mutex_unlock (&self->region_lock);
  return region;
}

/* ---- change notifications ---- */

typedef struct
{
  LiaisonStore *self;
  char *connection_id;
  LiaisonRecordKind kind;
  gboolean links;
} Notification;

static void
notification_free (Notification *n)
{
  g_object_unref (n->self);
  g_free (n->connection_id);
  g_free (n);
}

/* A held notification does not keep the store alive (the store holds it). */
static void
held_free (Notification *n)
{
  g_free (n->connection_id);
  g_free (n);
}

static void
emit_notification (Notification *n)
{
  if (n->links)
    g_signal_emit (n->self, signals[LINKS_CHANGED], 0, n->kind);
  else
    g_signal_emit (n->self, signals[RECORDS_CHANGED], 0, n->connection_id, n->kind);
}

static gboolean
same_notification (gconstpointer a, gconstpointer b)
{
  const Notification *x = a;
  const Notification *y = b;

  return x->links == y->links && x->kind == y->kind
         && g_strcmp0 (x->connection_id, y->connection_id) == 0;
}

static gboolean
notify_idle (gpointer data)
{
  Notification *n = data;
  LiaisonStore *self = n->self;

  /* Held: the same change only once, when the last hold is released. */
  if (self->holds > 0)
    {
      if (g_ptr_array_find_with_equal_func (self->held, n, same_notification, NULL))
        notification_free (n);
      else
        {
          g_ptr_array_add (self->held, n);
          g_object_unref (self);
        }
      return G_SOURCE_REMOVE;
    }
  emit_notification (n);
  notification_free (n);
  return G_SOURCE_REMOVE;
}

/* For a run of many writes (a sync run of thousands of operations): records-changed and
 * links-changed wait until the matching liaison_store_release_notifications, and each
 * connection and kind that changed is announced once then, so that the list models rebuild
 * once rather than after every write. Holds nest; main thread only. */
void
liaison_store_hold_notifications (LiaisonStore *self)
{
  g_return_if_fail (LIAISON_IS_STORE (self));
  self->holds++;
}

void
liaison_store_release_notifications (LiaisonStore *self)
{
  g_autoptr (GPtrArray) held = NULL;

  g_return_if_fail (LIAISON_IS_STORE (self));
  g_return_if_fail (self->holds > 0);
  if (--self->holds > 0)
    return;
  held = g_steal_pointer (&self->held);
  self->held = g_ptr_array_new_with_free_func ((GDestroyNotify) held_free);
  /* Keep the store alive through handlers that drop the last other reference. */
  g_object_ref (self);
  for (guint i = 0; i < held->len; i++)
    emit_notification (g_ptr_array_index (held, i));
  g_clear_pointer (&held, g_ptr_array_unref);
  g_object_unref (self);
}

static void
notify (LiaisonStore *self, const char *connection_id, LiaisonRecordKind kind, gboolean links)
{
  Notification *n = g_new0 (Notification, 1);
  GSource *source = g_idle_source_new ();

  n->self = g_object_ref (self);
  n->connection_id = g_strdup (connection_id);
  n->kind = kind;
  n->links = links;
  g_source_set_callback (source, notify_idle, n, NULL);
  /* Not at idle priority: a busy interface must not hold this back. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (source, "[liaison-store] notify");
  g_source_attach (source, self->context);
  g_source_unref (source);
}

void
liaison_store_notify_records (LiaisonStore *self, const char *connection_id, LiaisonRecordKind kind)
{
  notify (self, connection_id, kind, FALSE);
}

void
liaison_store_notify_links (LiaisonStore *self, LiaisonRecordKind kind)
{
  notify (self, NULL, kind, TRUE);
}

/* ---- GObject ---- */

static void
liaison_store_finalize (GObject *object)
{
  LiaisonStore *self = LIAISON_STORE (object);

  /* Every queued job holds a reference, so the queue is empty here: this only joins the
   * worker thread. */
  g_thread_pool_free (self->pool, FALSE, TRUE);
  liaison_store_db_close (self->writer);
  liaison_store_db_close (self->reader);
  g_main_context_unref (self->context);
  g_clear_pointer (&self->held, g_ptr_array_unref);
  g_mutex_clear (&self->region_lock);
  g_free (self->path);
  g_free (self->default_region);
  G_OBJECT_CLASS (liaison_store_parent_class)->finalize (object);
}

static void
liaison_store_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LiaisonStore *self = LIAISON_STORE (object);

  switch (prop_id)
    {
      case PROP_PATH:
        g_value_set_string (value, self->path);
        break;
      case PROP_DEFAULT_REGION:
        g_value_take_string (value, liaison_store_dup_default_region (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_store_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  LiaisonStore *self = LIAISON_STORE (object);

  switch (prop_id)
    {
      case PROP_PATH:
        self->path = g_value_dup_string (value);
        break;
      case PROP_DEFAULT_REGION:
        liaison_store_set_default_region (self, g_value_get_string (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_store_class_init (LiaisonStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liaison_store_finalize;
  object_class->get_property = liaison_store_get_property;
  object_class->set_property = liaison_store_set_property;

  properties[PROP_PATH]
      = g_param_spec_string ("path", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEFAULT_REGION]
      = g_param_spec_string ("default-region", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted on the context the store was created in, after the change is committed. */
  signals[RECORDS_CHANGED]
      = g_signal_new ("records-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, LIAISON_TYPE_RECORD_KIND);
  signals[LINKS_CHANGED]
      = g_signal_new ("links-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, LIAISON_TYPE_RECORD_KIND);
}

static void
liaison_store_init (LiaisonStore *self)
{
  g_mutex_init (&self->region_lock);
  self->context = g_main_context_ref_thread_default ();
  self->held = g_ptr_array_new_with_free_func ((GDestroyNotify) held_free);
  /* Exclusive with one thread: jobs run one at a time, in order, always on the same thread. */
  self->pool = g_thread_pool_new (worker_run, self, 1, TRUE, NULL);
}

/* The clock's latest reading: stamps do not go below it, marks go past it. */
static gint64 clock_last_ms;
G_LOCK_DEFINE_STATIC (clock);

gint64
liaison_store_stamp_ms (void)
{
  gint64 now = g_get_real_time () / 1000;

  G_LOCK (clock);
  now = clock_last_ms = MAX (now, clock_last_ms);
  G_UNLOCK (clock);
  return now;
}

gint64
liaison_store_mark_ms (void)
{
  gint64 now = g_get_real_time () / 1000;

  G_LOCK (clock);
  now = clock_last_ms = MAX (now, clock_last_ms + 1);
  G_UNLOCK (clock);
  return now;
}
