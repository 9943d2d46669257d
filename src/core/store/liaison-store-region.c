/* liaison-store-region.c: the profile's phone region, the country national phone numbers are
 * read in. Saving it also normalizes again every cached phone number (records.phone_norm) in the
 * same transaction, so that matching and the contact list use the new region at once and never a
 * mix of the two.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-store"

#include <string.h>

#include "liaison-debug.h"
#include "liaison-normalize.h"
#include "liaison-store-private.h"
#include "liaison-store-sync.h"

/* region: an ISO 3166-1 alpha-2 code in capitals that the phone normalizer knows. */
gboolean
liaison_store_check_phone_region (const char *region, GError **error)
{
  gboolean capitals = region != NULL && strlen (region) == 2 && g_ascii_isupper (region[0])
                      && g_ascii_isupper (region[1]);

  if (capitals && liaison_normalize_region_is_known (region))
    return TRUE;
  g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID,
               "“%s” is not a country code phone numbers can be read in: give two capital "
               "letters of ISO 3166, such as US, GB or DE",
               region != NULL ? region : "");
  return FALSE;
}

typedef struct
{
  char *region;
  const char *source; /* "person" or "location" */
  char *previous;     /* the store's region before, put back when the save fails */
  guint n_changed;
} RegionData;

static void
region_data_free (RegionData *data)
{
  g_free (data->region);
  g_free (data->previous);
  g_free (data);
}

static gboolean
run_done (LiaisonStoreDb *db, sqlite3_stmt *stmt, const char *context, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    return liaison_store_db_fail (db, rc, context, error);
  return TRUE;
}

/* The setting, and every cached phone normalized again with the region; the connections whose
 * records changed are added to changed. */
static gboolean
save_region (LiaisonStoreDb *db, RegionData *data, GHashTable *changed, GError **error)
{
  g_autoptr (LiaisonCachedStmt) setting = liaison_store_db_prepare (
      db,
      "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3)"
      " ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
      error);
  g_autoptr (LiaisonCachedStmt) phones = NULL;
  g_autoptr (LiaisonCachedStmt) update = NULL;
  int rc;

  if (setting == NULL)
    return FALSE;
  liaison_store_bind_text (setting, 1, LIAISON_STORE_SETTING_PHONE_REGION);
  liaison_store_bind_text (setting, 2, data->region);
  sqlite3_bind_int64 (setting, 3, g_get_real_time () / 1000);
  if (!run_done (db, setting, "Could not save the phone region", error))
    return FALSE;
  sqlite3_reset (setting);
  liaison_store_bind_text (setting, 1, LIAISON_STORE_SETTING_PHONE_REGION_SOURCE);
  liaison_store_bind_text (setting, 2, data->source);
  if (!run_done (db, setting, "Could not save the phone region", error))
    return FALSE;

  phones = liaison_store_db_prepare (db,
                                     "SELECT id, connection_id, phone, phone_norm FROM records"
                                     " WHERE kind = 'contact' AND phone IS NOT NULL",
                                     error);
  update = liaison_store_db_prepare (db, "UPDATE records SET phone_norm = ?2 WHERE id = ?1", error);
  if (phones == NULL || update == NULL)
    return FALSE;
  while ((rc = sqlite3_step (phones)) == SQLITE_ROW)
    {
      const char *connection = (const char *) sqlite3_column_text (phones, 1);
      g_autofree char *norm
          = liaison_normalize_phone ((const char *) sqlite3_column_text (phones, 2), data->region);

      if (g_strcmp0 (norm, (const char *) sqlite3_column_text (phones, 3)) == 0)
        continue;
      sqlite3_bind_int64 (update, 1, sqlite3_column_int64 (phones, 0));
      liaison_store_bind_text (update, 2, norm);
      g_hash_table_add (changed, g_strdup (connection));
      if (!run_done (db, update, "Could not normalize a phone number again", error))
        return FALSE;
      sqlite3_reset (update);
      data->n_changed++;
    }
  if (rc != SQLITE_DONE)
    return liaison_store_db_fail (db, rc, "Could not read the cached phone numbers", error);
  return TRUE;
}

static void
save_region_job (LiaisonStore *self, LiaisonStoreDb *db, GTask *task)
{
  RegionData *data = g_task_get_task_data (task);
  g_autoptr (GHashTable) changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer connection;
  GError *error = NULL;

  if (!liaison_store_db_begin (db, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!save_region (db, data, changed, &error) || !liaison_store_db_commit (db, &error))
    {
      liaison_store_db_rollback (db);
      g_task_return_error (task, error);
      return;
    }
  LIAISON_TRACE (LIAISON_DEBUG_STORE, "phone region %s: %u phone numbers normalized again",
                 data->region ? data->region : "(none)", data->n_changed);
  g_hash_table_iter_init (&iter, changed);
  while (g_hash_table_iter_next (&iter, &connection, NULL))
    liaison_store_notify_records (self, connection, LIAISON_RECORD_CONTACT);
  g_task_return_boolean (task, TRUE);
}

static void
on_region_saved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LiaisonStore *self = g_task_get_source_object (task);
  RegionData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Nothing was saved: the region in use is the saved one again. */
      liaison_store_set_default_region (self, data->previous);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
save_phone_region (LiaisonStore *self, const char *region, const char *source,
                   GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data,
                   gpointer source_tag)
{
  g_autoptr (GTask) task = NULL;
  GTask *job;
  RegionData *data;
  GError *error = NULL;

  g_return_if_fail (LIAISON_IS_STORE (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  if (region != NULL && !liaison_store_check_phone_region (region, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  data = g_new0 (RegionData, 1);
  data->region = g_strdup (region);
  data->source = source;
  data->previous = liaison_store_dup_default_region (self);
  g_task_set_task_data (task, data, (GDestroyNotify) region_data_free);
  /* In use from now on, so that every page queued after this job is normalized with it; the
   * job normalizes again what was written before. */
  liaison_store_set_default_region (self, region);
  /* Not cancellable: once queued, the job's outcome is the save's. */
  job = g_task_new (self, NULL, on_region_saved, g_steal_pointer (&task));
  g_task_set_task_data (job, data, NULL);
  liaison_store_push_job (self, job, save_region_job);
  g_object_unref (job);
}

/* Saves the region national phone numbers are read in (NULL: none), as a person chose it, and
 * uses it at once: the field map is fitted with it, the cached phone numbers are normalized
 * again with it (on the store's worker, in one transaction with the setting), and records
 * written from now on get their phone_norm with it. A store opened without a region takes the
 * saved one. */
void
liaison_store_save_phone_region_async (LiaisonStore *self, const char *region,
                                       GCancellable *cancellable, GAsyncReadyCallback callback,
                                       gpointer user_data)
{
  save_phone_region (self, region, "person", cancellable, callback, user_data,
                     liaison_store_save_phone_region_async);
}

/* The same for a region the sync took from the HighLevel location's country: the source says
 * so (LIAISON_STORE_SETTING_PHONE_REGION_SOURCE "location"). */
void
liaison_store_default_phone_region_async (LiaisonStore *self, const char *region,
                                          GCancellable *cancellable, GAsyncReadyCallback callback,
                                          gpointer user_data)
{
  save_phone_region (self, region, "location", cancellable, callback, user_data,
                     liaison_store_save_phone_region_async);
}

gboolean
liaison_store_save_phone_region_finish (LiaisonStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
