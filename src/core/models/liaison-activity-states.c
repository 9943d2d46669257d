/* liaison-activity-states.c: see liaison-activity-states.h. Three worker reads (the links of the
 * contact's tasks, its notes, then its appointments), queued behind the cache writes of the items
 * they judge.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-models"

#include "liaison-activity-states.h"
#include "liaison-store-query.h"
#include "liaison-store-sync.h"

typedef struct
{
  LiaisonStore *store;
  GPtrArray *items;
  char *lsq_connection, *lsq_contact, *ghl_connection, *ghl_contact;
  GHashTable *states[2];     /* by LiaisonService: remote id -> LiaisonActivitySyncState */
  GHashTable *not_copied[2]; /* by LiaisonService: remote ids an undo took the copy of back */
  guint next_kind;
} Update;

static const LiaisonRecordKind kinds[]
    = { LIAISON_RECORD_TASK, LIAISON_RECORD_NOTE, LIAISON_RECORD_APPOINTMENT };

static void
update_free (Update *update)
{
  g_clear_object (&update->store);
  g_clear_pointer (&update->items, g_ptr_array_unref);
  g_free (update->lsq_connection);
  g_free (update->lsq_contact);
  g_free (update->ghl_connection);
  g_free (update->ghl_contact);
  for (guint s = 0; s < 2; s++)
    {
      g_clear_pointer (&update->states[s], g_hash_table_unref);
      g_clear_pointer (&update->not_copied[s], g_hash_table_unref);
    }
  g_free (update);
}

static void read_next (GTask *task);

/* Every task, note and appointment not linked is waiting for the next sync, but for those an undo
 * took the copy of back, which the next sync leaves alone. */
static void
apply (GTask *task)
{
  Update *update = g_task_get_task_data (task);
  gboolean changed = FALSE;

  for (guint i = 0; i < update->items->len; i++)
    {
      LiaisonActivityItem *item = g_ptr_array_index (update->items, i);
      LiaisonRecordKind kind = liaison_activity_item_get_kind (item);
      const char *id = liaison_activity_item_get_remote_id (item);
      LiaisonActivitySyncState state = LIAISON_ACTIVITY_SYNC_NONE;

      if ((kind == LIAISON_RECORD_TASK || kind == LIAISON_RECORD_NOTE
           || kind == LIAISON_RECORD_APPOINTMENT)
          && id != NULL)
        {
          gpointer found
              = g_hash_table_lookup (update->states[liaison_activity_item_get_service (item)], id);

          if (found != NULL)
            state = GPOINTER_TO_INT (found);
          else if (g_hash_table_contains (
                       update->not_copied[liaison_activity_item_get_service (item)], id))
            state = LIAISON_ACTIVITY_SYNC_NOT_COPIED;
          else
            state = LIAISON_ACTIVITY_SYNC_WAITING;
        }
      changed |= liaison_activity_item_set_sync_state (item, state);
    }
  g_task_return_int (task, changed);
}

static void
on_links (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Update *update = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (GPtrArray) links
      = liaison_store_list_child_links_of_finish (LIAISON_STORE (source), result, &error);

  if (links == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < links->len; i++)
    {
      LiaisonStoreChildLink *link = g_ptr_array_index (links, i);
      LiaisonActivitySyncState state
          = link->conflict ? LIAISON_ACTIVITY_SYNC_CONFLICT : LIAISON_ACTIVITY_SYNC_IN_BOTH;

      g_hash_table_insert (update->states[LIAISON_SERVICE_LSQ], g_strdup (link->lsq_id),
                           GINT_TO_POINTER (state));
      g_hash_table_insert (update->states[LIAISON_SERVICE_GHL], g_strdup (link->ghl_id),
                           GINT_TO_POINTER (state));
    }
  read_next (g_steal_pointer (&task));
}

static void
on_not_copied (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Update *update = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (GPtrArray) rows
      = liaison_store_list_not_copied_activities_finish (LIAISON_STORE (source), result, &error);

  if (rows == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      LiaisonStoreNotCopied *row = g_ptr_array_index (rows, i);
      const char *mine
          = row->service == LIAISON_SERVICE_LSQ ? update->lsq_connection : update->ghl_connection;

      if (g_strcmp0 (row->connection_id, mine) == 0)
        g_hash_table_add (update->not_copied[row->service], g_strdup (row->remote_id));
    }
  apply (task);
}

static void
read_next (GTask *task)
{
  Update *update = g_task_get_task_data (task);

  if (update->next_kind >= G_N_ELEMENTS (kinds))
    {
      /* Last, one read of the not_copied list for all three kinds. */
      liaison_store_list_not_copied_activities_async (update->store, g_task_get_cancellable (task),
                                                      on_not_copied, task);
      return;
    }
  liaison_store_list_child_links_of_async (
      update->store, kinds[update->next_kind++], update->lsq_connection, update->lsq_contact,
      update->ghl_connection, update->ghl_contact, g_task_get_cancellable (task), on_links, task);
}

void
liaison_activity_states_update_async (LiaisonStore *store, const char *lsq_connection,
                                      const char *lsq_contact, const char *ghl_connection,
                                      const char *ghl_contact, GPtrArray *items,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Update *update = g_new0 (Update, 1);

  g_task_set_source_tag (task, liaison_activity_states_update_async);
  update->store = g_object_ref (store);
  update->items = g_ptr_array_new_full (items->len, g_object_unref);
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (update->items, g_object_ref (g_ptr_array_index (items, i)));
  update->lsq_connection = g_strdup (lsq_connection);
  update->lsq_contact = g_strdup (lsq_contact);
  update->ghl_connection = g_strdup (ghl_connection);
  update->ghl_contact = g_strdup (ghl_contact);
  for (guint s = 0; s < 2; s++)
    {
      update->states[s] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      update->not_copied[s] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }
  g_task_set_task_data (task, update, (GDestroyNotify) update_free);
  read_next (task);
}

gboolean
liaison_activity_states_update_finish (GAsyncResult *result, gboolean *changed, GError **error)
{
  GError *local = NULL;
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  value = g_task_propagate_int (G_TASK (result), &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  *changed = value != 0;
  return TRUE;
}
