/* liaison-conflict-list-answers.c: the answers of LiaisonConflictList that act on more than one
 * conflict or on an ambiguous match: a side taken for a selection, in one transaction, and
 * taken back; an ambiguous match linked to one of its candidates or kept apart, through the
 * same store calls as the Contacts page's Link To… and Keep Apart, and undone. Each reads the
 * store again when it is done.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-models"

#include <glib/gi18n-lib.h>

#include "liaison-conflict-list.h"

/* ---- a selection ---- */

static void
on_items_resolved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  GArray *done = liaison_store_resolve_conflicts_finish (LIAISON_STORE (source), result, &error);

  liaison_conflict_list_reload (g_task_get_source_object (task));
  if (done == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, done, (GDestroyNotify) g_array_unref);
}

void
liaison_conflict_list_resolve_items_async (LiaisonConflictList *self, GPtrArray *items,
                                           const char *resolution, GCancellable *cancellable,
                                           GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_if_fail (LIAISON_IS_CONFLICT_LIST (self));
  g_return_if_fail (items != NULL);
  g_return_if_fail (g_strcmp0 (resolution, "lsq") == 0 || g_strcmp0 (resolution, "ghl") == 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_conflict_list_resolve_items_async);
  for (guint i = 0; i < items->len; i++)
    {
      LiaisonConflictItem *item = g_ptr_array_index (items, i);
      gint64 id = liaison_conflict_item_get_id (item);

      if (liaison_conflict_item_get_kind (item) == LIAISON_CONFLICT_FIELD
          && liaison_conflict_item_get_resolution (item) == NULL)
        g_array_append_val (ids, id);
    }
  liaison_store_resolve_conflicts_async (liaison_conflict_list_get_store (self), ids, resolution,
                                         cancellable, on_items_resolved, g_steal_pointer (&task));
}

GArray *
liaison_conflict_list_resolve_items_finish (LiaisonConflictList *self, GAsyncResult *result,
                                            GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_reopened (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  guint n = liaison_store_reopen_conflicts_finish (LIAISON_STORE (source), result, &error);

  liaison_conflict_list_reload (g_task_get_source_object (task));
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n);
}

static void
reopen (LiaisonConflictList *self, GTask *task, GArray *ids)
{
  GCancellable *cancellable = g_task_get_cancellable (task);

  liaison_store_reopen_conflicts_async (liaison_conflict_list_get_store (self), ids, cancellable,
                                        on_reopened, task);
}

void
liaison_conflict_list_reopen_async (LiaisonConflictList *self, GArray *ids,
                                    GCancellable *cancellable, GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  GTask *task;

  g_return_if_fail (LIAISON_IS_CONFLICT_LIST (self));
  g_return_if_fail (ids != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_conflict_list_reopen_async);
  reopen (self, task, ids);
}

guint
liaison_conflict_list_reopen_finish (LiaisonConflictList *self, GAsyncResult *result,
                                     GError **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  n = g_task_propagate_int (G_TASK (result), error);
  return n > 0 ? (guint) n : 0;
}

/* ---- an ambiguous match ---- */

typedef struct
{
  gint64 conflict_id;
  gint64 link_id;
  GPtrArray *pairs; /* LiaisonStoreLink kept apart */
} Settle;

static void
settle_free (Settle *settle)
{
  g_clear_pointer (&settle->pairs, g_ptr_array_unref);
  g_free (settle);
}

static GTask *
settle_task_new (LiaisonConflictList *self, gint64 conflict_id, gpointer tag,
                 GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Settle *settle = g_new0 (Settle, 1);

  settle->conflict_id = conflict_id;
  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, settle, (GDestroyNotify) settle_free);
  return task;
}

static GArray *
one_id (gint64 id)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_val (ids, id);
  return ids;
}

static void
on_settled (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Settle *settle = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (GArray) done
      = liaison_store_resolve_conflicts_finish (LIAISON_STORE (source), result, &error);

  liaison_conflict_list_reload (g_task_get_source_object (task));
  /* The link or the pairs are in place either way; a match settled already (on the Contacts
   * page, or by a run) is no error. */
  if (done == NULL)
    {
      g_prefix_error (&error, _ ("The match is settled, but the conflict could not be closed: "));
      g_task_return_error (task, error);
    }
  else if (settle->pairs != NULL)
    g_task_return_pointer (task, g_ptr_array_ref (settle->pairs),
                           (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_int (task, settle->link_id);
}

static void
settle (GTask *task, const char *resolution)
{
  LiaisonConflictList *self = g_task_get_source_object (task);
  Settle *settle = g_task_get_task_data (task);
  g_autoptr (GArray) ids = one_id (settle->conflict_id);
  GCancellable *cancellable = g_task_get_cancellable (task);

  liaison_store_resolve_conflicts_async (liaison_conflict_list_get_store (self), ids, resolution,
                                         cancellable, on_settled, task);
}

static void
on_candidate_linked (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  Settle *settle_data = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (GArray) ids
      = liaison_store_create_links_finish (LIAISON_STORE (source), result, &error);

  if (ids == NULL || ids->len != 1 || g_array_index (ids, gint64, 0) <= 0)
    {
      if (error == NULL)
        error = g_error_new_literal (LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID,
                                     _ ("The store made no link for the pair"));
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  settle_data->link_id = g_array_index (ids, gint64, 0);
  settle (task, "linked");
}

static const LiaisonConflictCandidate *
find_candidate (GPtrArray *candidates, LiaisonService side, const char *id)
{
  for (guint i = 0; id != NULL && i < candidates->len; i++)
    {
      const LiaisonConflictCandidate *c = g_ptr_array_index (candidates, i);

      if (c->side == side && g_strcmp0 (c->id, id) == 0)
        return c;
    }
  return NULL;
}

void
liaison_conflict_list_link_candidate_async (LiaisonConflictList *self, LiaisonConflictItem *item,
                                            const char *lsq_id, const char *ghl_id,
                                            GCancellable *cancellable, GAsyncReadyCallback callback,
                                            gpointer user_data)
{
  GTask *task;
  g_autoptr (GPtrArray) candidates = NULL;
  g_autoptr (GPtrArray) links = NULL;
  const LiaisonConflictCandidate *lsq, *ghl;

  g_return_if_fail (LIAISON_IS_CONFLICT_LIST (self));
  g_return_if_fail (LIAISON_IS_CONFLICT_ITEM (item));

  task = settle_task_new (self, liaison_conflict_item_get_id (item),
                          liaison_conflict_list_link_candidate_async, cancellable, callback,
                          user_data);
  candidates = liaison_conflict_item_list_candidates (item);
  lsq = find_candidate (candidates, LIAISON_SERVICE_LSQ, lsq_id);
  ghl = find_candidate (candidates, LIAISON_SERVICE_GHL, ghl_id);
  if (lsq == NULL || ghl == NULL || lsq->connection == NULL || ghl->connection == NULL)
    {
      g_task_return_new_error (task, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID,
                               _ ("These contacts are no longer both in Liaison’s copy of the "
                                  "accounts; sync or refresh the Contacts page and try again."));
      g_object_unref (task);
      return;
    }
  links = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_link_free);
  /* A person chose the pair: a manual link, as the Contacts page's Link To… makes. */
  g_ptr_array_add (links, liaison_store_link_new (LIAISON_RECORD_CONTACT, lsq->connection, lsq->id,
                                                  ghl->connection, ghl->id, LIAISON_LINK_MANUAL));
  liaison_store_create_links_async (liaison_conflict_list_get_store (self), links, cancellable,
                                    on_candidate_linked, task);
}

gint64
liaison_conflict_list_link_candidate_finish (LiaisonConflictList *self, GAsyncResult *result,
                                             GError **error)
{
  gssize id;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  id = g_task_propagate_int (G_TASK (result), error);
  return id > 0 ? id : 0;
}

static void
on_kept_apart (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!liaison_store_keep_apart_finish (LIAISON_STORE (source), result, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  settle (task, "dismissed");
}

void
liaison_conflict_list_keep_apart_async (LiaisonConflictList *self, LiaisonConflictItem *item,
                                        GCancellable *cancellable, GAsyncReadyCallback callback,
                                        gpointer user_data)
{
  GTask *task;
  Settle *settle_data;
  g_autoptr (GPtrArray) candidates = NULL;
  GPtrArray *pairs;

  g_return_if_fail (LIAISON_IS_CONFLICT_LIST (self));
  g_return_if_fail (LIAISON_IS_CONFLICT_ITEM (item));

  task = settle_task_new (self, liaison_conflict_item_get_id (item),
                          liaison_conflict_list_keep_apart_async, cancellable, callback, user_data);
  settle_data = g_task_get_task_data (task);
  candidates = liaison_conflict_item_list_candidates (item);
  pairs = settle_data->pairs
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_link_free);
  /* Every LeadSquared candidate apart from every HighLevel one: none is matched again. */
  for (guint i = 0; i < candidates->len; i++)
    for (guint j = 0; j < candidates->len; j++)
      {
        const LiaisonConflictCandidate *l = g_ptr_array_index (candidates, i);
        const LiaisonConflictCandidate *g = g_ptr_array_index (candidates, j);

        if (l->side == LIAISON_SERVICE_LSQ && g->side == LIAISON_SERVICE_GHL
            && l->connection != NULL && g->connection != NULL)
          g_ptr_array_add (pairs,
                           liaison_store_link_new (LIAISON_RECORD_CONTACT, l->connection, l->id,
                                                   g->connection, g->id, LIAISON_LINK_MANUAL));
      }
  if (pairs->len == 0)
    {
      g_task_return_new_error (task, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID,
                               _ ("These contacts are no longer in Liaison’s copy of the "
                                  "accounts; sync or refresh the Contacts page and try again."));
      g_object_unref (task);
      return;
    }
  liaison_store_keep_apart_async (liaison_conflict_list_get_store (self), pairs, cancellable,
                                  on_kept_apart, task);
}

GPtrArray *
liaison_conflict_list_keep_apart_finish (LiaisonConflictList *self, GAsyncResult *result,
                                         GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Undo of a settled match ---- */

static void
on_unsettled (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  Settle *settle_data = g_task_get_task_data (task);
  GError *error = NULL;
  gboolean ok = g_task_get_source_tag (task) == liaison_conflict_list_undo_link_async
                    ? liaison_store_delete_link_finish (LIAISON_STORE (source), result, &error)
                    : liaison_store_release_apart_finish (LIAISON_STORE (source), result, &error);
  g_autoptr (GArray) ids = one_id (settle_data->conflict_id);

  if (!ok)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  reopen (g_task_get_source_object (task), task, ids);
}

void
liaison_conflict_list_undo_link_async (LiaisonConflictList *self, gint64 conflict_id,
                                       gint64 link_id, GCancellable *cancellable,
                                       GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task;

  g_return_if_fail (LIAISON_IS_CONFLICT_LIST (self));
  task = settle_task_new (self, conflict_id, liaison_conflict_list_undo_link_async, cancellable,
                          callback, user_data);
  liaison_store_delete_link_async (liaison_conflict_list_get_store (self), link_id, cancellable,
                                   on_unsettled, task);
}

void
liaison_conflict_list_undo_keep_apart_async (LiaisonConflictList *self, gint64 conflict_id,
                                             GPtrArray *pairs, GCancellable *cancellable,
                                             GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task;

  g_return_if_fail (LIAISON_IS_CONFLICT_LIST (self));
  g_return_if_fail (pairs != NULL);
  task = settle_task_new (self, conflict_id, liaison_conflict_list_undo_keep_apart_async,
                          cancellable, callback, user_data);
  liaison_store_release_apart_async (liaison_conflict_list_get_store (self), pairs, cancellable,
                                     on_unsettled, task);
}

gboolean
liaison_conflict_list_undo_finish (LiaisonConflictList *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_int (G_TASK (result), error) >= 0;
}
