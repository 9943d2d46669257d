/* liaison-contact-list-links.c: what a person does to the pairs of LiaisonContactList: link a
 * proposed pair or any two contacts of the two sides (a manual link) and unlink a linked one. The
 * list reloads by itself when the store announces the change.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-models"

#include <glib/gi18n-lib.h>

#include "liaison-contact-list-private.h"
#include "liaison-store-sync.h"

static void
on_linked (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GArray) ids = NULL;
  GError *error = NULL;

  ids = liaison_store_create_links_finish (LIAISON_STORE (source), result, &error);
  if (ids == NULL)
    g_task_return_error (task, error);
  else if (ids->len != 1 || g_array_index (ids, gint64, 0) <= 0)
    g_task_return_new_error (task, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID,
                             "The store made no link for the pair");
  else
    g_task_return_int (task, g_array_index (ids, gint64, 0));
}

void
liaison_contact_list_link_pair_async (LiaisonContactList *self, const char *lsq_id,
                                      const char *ghl_id, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GPtrArray) links = NULL;

  g_return_if_fail (LIAISON_IS_CONTACT_LIST (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_contact_list_link_pair_async);
  if (lsq_id == NULL || *lsq_id == '\0' || ghl_id == NULL || *ghl_id == '\0')
    {
      g_task_return_new_error (task, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID,
                               "Only a contact in both accounts can be linked");
      return;
    }
  links = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_link_free);
  /* A person confirmed this pair, so it is a manual link, not an automatic match. */
  g_ptr_array_add (links,
                   liaison_store_link_new (
                       LIAISON_RECORD_CONTACT,
                       liaison_contact_list_get_connection_id (self, LIAISON_SERVICE_LSQ), lsq_id,
                       liaison_contact_list_get_connection_id (self, LIAISON_SERVICE_GHL), ghl_id,
                       LIAISON_LINK_MANUAL));
  liaison_store_create_links_async (liaison_contact_list_get_store (self), links, cancellable,
                                    on_linked, g_steal_pointer (&task));
}

/* The new link's id, or 0 with error set. */
gint64
liaison_contact_list_link_pair_finish (LiaisonContactList *self, GAsyncResult *result,
                                       GError **error)
{
  gssize id;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (
      g_task_get_source_tag (G_TASK (result)) == liaison_contact_list_link_pair_async, 0);
  id = g_task_propagate_int (G_TASK (result), error);
  return id > 0 ? id : 0;
}

static void
on_row_linked (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (liaison_contact_list_link_pair_finish (LIAISON_CONTACT_LIST (source), result, &error) > 0)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
liaison_contact_list_link_async (LiaisonContactList *self, LiaisonContactRow *row,
                                 GCancellable *cancellable, GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  GTask *task;

  g_return_if_fail (LIAISON_IS_CONTACT_LIST (self));
  g_return_if_fail (LIAISON_IS_CONTACT_ROW (row));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_contact_list_link_async);
  liaison_contact_list_link_pair_async (self, liaison_contact_row_get_lsq_id (row),
                                        liaison_contact_row_get_ghl_id (row), cancellable,
                                        on_row_linked, task);
}

gboolean
liaison_contact_list_link_finish (LiaisonContactList *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_contact_list_link_async,
                        FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_unlinked (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (!liaison_store_delete_link_finish (LIAISON_STORE (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
liaison_contact_list_unlink_async (LiaisonContactList *self, gint64 link_id,
                                   GCancellable *cancellable, GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_CONTACT_LIST (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_contact_list_unlink_async);
  liaison_store_delete_link_async (liaison_contact_list_get_store (self), link_id, cancellable,
                                   on_unlinked, g_steal_pointer (&task));
}

gboolean
liaison_contact_list_unlink_finish (LiaisonContactList *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (
      g_task_get_source_tag (G_TASK (result)) == liaison_contact_list_unlink_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Keep apart and match again ------------------------------------------------ */

static LiaisonStoreLink *
apart_pair (LiaisonContactList *self, const char *lsq_id, const char *ghl_id)
{
  return liaison_store_link_new (
      LIAISON_RECORD_CONTACT, liaison_contact_list_get_connection_id (self, LIAISON_SERVICE_LSQ),
      lsq_id, liaison_contact_list_get_connection_id (self, LIAISON_SERVICE_GHL), ghl_id,
      LIAISON_LINK_MANUAL);
}

static void
on_kept_apart (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (!liaison_store_keep_apart_finish (LIAISON_STORE (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_ptr_array_ref (g_task_get_task_data (task)),
                           (GDestroyNotify) g_ptr_array_unref);
}

void
liaison_contact_list_keep_apart_async (LiaisonContactList *self, LiaisonContactRow *row,
                                       GCancellable *cancellable, GAsyncReadyCallback callback,
                                       gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GPtrArray) pairs = NULL;
  LiaisonLinkStatus status;
  const char *lsq_id, *ghl_id;

  g_return_if_fail (LIAISON_IS_CONTACT_LIST (self));
  g_return_if_fail (LIAISON_IS_CONTACT_ROW (row));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_contact_list_keep_apart_async);
  pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_link_free);
  status = liaison_contact_row_get_status (row);
  lsq_id = liaison_contact_row_get_lsq_id (row);
  ghl_id = liaison_contact_row_get_ghl_id (row);
  if (status == LIAISON_LINK_STATUS_PROPOSED && lsq_id != NULL && ghl_id != NULL)
    g_ptr_array_add (pairs, apart_pair (self, lsq_id, ghl_id));
  else if (status == LIAISON_LINK_STATUS_AMBIGUOUS)
    {
      g_autoptr (GPtrArray) candidates = liaison_contact_list_find_candidates (self, row);

      for (guint i = 0; i < candidates->len; i++)
        {
          LiaisonContactRow *c = g_ptr_array_index (candidates, i);

          g_ptr_array_add (pairs,
                           apart_pair (self, lsq_id ? lsq_id : liaison_contact_row_get_lsq_id (c),
                                       ghl_id ? ghl_id : liaison_contact_row_get_ghl_id (c)));
        }
    }
  if (pairs->len == 0)
    {
      g_task_return_new_error (task, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID,
                               "Only a proposed or ambiguous match can be kept apart; refresh "
                               "the list and try again");
      return;
    }
  g_task_set_task_data (task, g_ptr_array_ref (pairs), (GDestroyNotify) g_ptr_array_unref);
  liaison_store_keep_apart_async (liaison_contact_list_get_store (self), pairs, cancellable,
                                  on_kept_apart, g_steal_pointer (&task));
}

GPtrArray *
liaison_contact_list_keep_apart_finish (LiaisonContactList *self, GAsyncResult *result,
                                        GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (
      g_task_get_source_tag (G_TASK (result)) == liaison_contact_list_keep_apart_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_released (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (!liaison_store_release_apart_finish (LIAISON_STORE (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
liaison_contact_list_match_again_async (LiaisonContactList *self, LiaisonContactRow *row,
                                        GPtrArray *pairs, GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GPtrArray) all = NULL;

  g_return_if_fail (LIAISON_IS_CONTACT_LIST (self));
  g_return_if_fail (pairs != NULL || LIAISON_IS_CONTACT_ROW (row));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_contact_list_match_again_async);
  if (pairs == NULL)
    {
      /* Every pair of the row's record: the other side's id is left open. */
      all = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_link_free);
      g_ptr_array_add (all, apart_pair (self, liaison_contact_row_get_lsq_id (row),
                                        liaison_contact_row_get_ghl_id (row)));
      pairs = all;
    }
  liaison_store_release_apart_async (liaison_contact_list_get_store (self), pairs, cancellable,
                                     on_released, g_steal_pointer (&task));
}

gboolean
liaison_contact_list_match_again_finish (LiaisonContactList *self, GAsyncResult *result,
                                         GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (
      g_task_get_source_tag (G_TASK (result)) == liaison_contact_list_match_again_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Copy again ------------------------------------------------------------ */

static void
on_copy_again (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LiaisonContactList *self = g_task_get_source_object (task);
  GError *error = NULL;
  gint removed = liaison_store_copy_again_finish (LIAISON_STORE (source), result, &error);

  if (removed < 0)
    {
      g_prefix_error (&error, _ ("Could not let the contact be copied again: "));
      g_task_return_error (task, error);
      return;
    }
  /* 0: let go already (by liaison-cli, say); the row is stale either way. */
  liaison_contact_list_forget_not_copied (self, *(gint64 *) g_task_get_task_data (task));
  g_task_return_boolean (task, TRUE);
}

void
liaison_contact_list_copy_again_async (LiaisonContactList *self, LiaisonContactRow *row,
                                       GCancellable *cancellable, GAsyncReadyCallback callback,
                                       gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  const LiaisonContactRowData *data;

  g_return_if_fail (LIAISON_IS_CONTACT_LIST (self));
  g_return_if_fail (LIAISON_IS_CONTACT_ROW (row));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_contact_list_copy_again_async);
  data = liaison_contact_row_get_data (row);
  if (liaison_contact_row_get_not_copied_id (row) == NULL)
    {
      g_task_return_new_error (task, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID,
                               _ ("This contact is not kept from being copied"));
      return;
    }
  g_task_set_task_data (task, g_memdup2 (&data->not_copied_record, sizeof (gint64)), g_free);
  liaison_store_copy_again_async (liaison_contact_list_get_store (self),
                                  liaison_contact_row_get_not_copied_id (row), cancellable,
                                  on_copy_again, g_steal_pointer (&task));
}

gboolean
liaison_contact_list_copy_again_finish (LiaisonContactList *self, GAsyncResult *result,
                                        GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (
      g_task_get_source_tag (G_TASK (result)) == liaison_contact_list_copy_again_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
