/* liaison-conflict-list.c: LiaisonConflictList (see liaison-conflict-list.h).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-models"

#include "liaison-conflict-list.h"
#include "liaison-store-lists.h"

#define RELOAD_DELAY_MS 100

struct _LiaisonConflictList
{
  GObject parent_instance;

  LiaisonStore *store;
  char *lsq_connection;
  char *ghl_connection;
  GPtrArray *items; /* LiaisonConflictItem */
  GCancellable *cancellable;
  guint loads_in_flight;
  guint64 serial;
  guint reload_source;
};

static void liaison_conflict_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LiaisonConflictList, liaison_conflict_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      liaison_conflict_list_model_init))

enum
{
  PROP_0,
  PROP_LOADING,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
get_item_type (GListModel *model)
{
  return LIAISON_TYPE_CONFLICT_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return LIAISON_CONFLICT_LIST (model)->items->len;
}

static gpointer
get_item (GListModel *model, guint position)
{
  LiaisonConflictList *self = LIAISON_CONFLICT_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
liaison_conflict_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

LiaisonStore *
liaison_conflict_list_get_store (LiaisonConflictList *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_LIST (self), NULL);
  return self->store;
}

gboolean
liaison_conflict_list_get_loading (LiaisonConflictList *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_LIST (self), FALSE);
  return self->loads_in_flight > 0 || self->reload_source != 0;
}

static gboolean
same_item (LiaisonConflictItem *a, LiaisonConflictItem *b)
{
  const LiaisonStoreConflict *ca = liaison_conflict_item_get_conflict (a);
  const LiaisonStoreConflict *cb = liaison_conflict_item_get_conflict (b);

  return ca->id == cb->id && g_strcmp0 (ca->lsq_value, cb->lsq_value) == 0
         && g_strcmp0 (ca->ghl_value, cb->ghl_value) == 0
         && g_strcmp0 (ca->base_value, cb->base_value) == 0
         && g_strcmp0 (ca->candidates, cb->candidates) == 0
         && g_strcmp0 (liaison_conflict_item_get_contact_name (a),
                       liaison_conflict_item_get_contact_name (b))
                == 0;
}

/* One items-changed covering the span between the unchanged head and tail. */
static void
replace_items (LiaisonConflictList *self, GPtrArray *items)
{
  guint old_len = self->items->len, new_len = items->len;
  guint head = 0, tail = 0;

  while (head < old_len && head < new_len
         && same_item (g_ptr_array_index (self->items, head), g_ptr_array_index (items, head)))
    head++;
  while (tail < old_len - head && tail < new_len - head
         && same_item (g_ptr_array_index (self->items, old_len - 1 - tail),
                       g_ptr_array_index (items, new_len - 1 - tail)))
    tail++;
  if (head == old_len && head == new_len)
    return;
  g_ptr_array_unref (self->items);
  self->items = g_ptr_array_ref (items);
  g_list_model_items_changed (G_LIST_MODEL (self), head, old_len - head - tail,
                              new_len - head - tail);
  if (old_len != new_len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

typedef struct
{
  LiaisonConflictList *self;
  guint64 serial;
} LoadData;

static void
on_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LoadData *data = user_data;
  g_autoptr (LiaisonConflictList) self = data->self;
  g_autoptr (GPtrArray) conflicts = NULL;
  g_autoptr (GPtrArray) names = NULL;
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GError) error = NULL;
  guint64 serial = data->serial;

  g_free (data);
  conflicts
      = liaison_store_list_open_conflicts_finish (LIAISON_STORE (source), result, &names, &error);
  self->loads_in_flight--;
  if (conflicts == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the open conflicts: %s", error->message);
    }
  else if (serial == self->serial)
    {
      /* The list owns the conflicts from here: each item takes its own. */
      items = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_set_free_func (conflicts, NULL);
      for (guint i = 0; i < conflicts->len; i++)
        g_ptr_array_add (items, liaison_conflict_item_new (g_ptr_array_index (conflicts, i),
                                                           g_ptr_array_index (names, i)));
      replace_items (self, items);
    }
  else
    g_ptr_array_set_free_func (conflicts, (GDestroyNotify) liaison_store_conflict_free);
  if (self->loads_in_flight == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

void
liaison_conflict_list_reload (LiaisonConflictList *self)
{
  LoadData *data;

  g_return_if_fail (LIAISON_IS_CONFLICT_LIST (self));
  g_clear_handle_id (&self->reload_source, g_source_remove);
  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->serial = ++self->serial;
  self->loads_in_flight++;
  if (self->loads_in_flight == 1)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  liaison_store_list_open_conflicts_async (self->store, self->cancellable, on_loaded, data);
}

static gboolean
on_reload_timeout (gpointer user_data)
{
  LiaisonConflictList *self = user_data;

  self->reload_source = 0;
  liaison_conflict_list_reload (self);
  return G_SOURCE_REMOVE;
}

/* A sync run's steps land in pages: read once they have settled. */
static void
on_links_changed (LiaisonStore *store, LiaisonRecordKind kind, LiaisonConflictList *self)
{
  if (kind != LIAISON_RECORD_CONTACT || self->reload_source != 0)
    return;
  self->reload_source = g_timeout_add (RELOAD_DELAY_MS, on_reload_timeout, self);
}

/* Answers ------------------------------------------------------------------ */

typedef struct
{
  GArray *ids;
  char *resolution;
  char *value;
  guint next;
  guint n_done;
} ResolveData;

static void
resolve_data_free (ResolveData *data)
{
  g_array_unref (data->ids);
  g_free (data->resolution);
  g_free (data->value);
  g_free (data);
}

static LiaisonConflictItem *
find_item (LiaisonConflictList *self, gint64 id)
{
  for (guint i = 0; i < self->items->len; i++)
    if (liaison_conflict_item_get_id (g_ptr_array_index (self->items, i)) == id)
      return g_ptr_array_index (self->items, i);
  return NULL;
}

static void resolve_next (GTask *task);

static void
on_resolved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  ResolveData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!liaison_store_resolve_conflict_finish (LIAISON_STORE (source), result, &error))
    {
      liaison_conflict_list_reload (g_task_get_source_object (task));
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  data->n_done++;
  resolve_next (task);
}

static void
resolve_next (GTask *task)
{
  LiaisonConflictList *self = g_task_get_source_object (task);
  ResolveData *data = g_task_get_task_data (task);

  while (data->next < data->ids->len)
    {
      gint64 id = g_array_index (data->ids, gint64, data->next++);
      LiaisonConflictItem *item = find_item (self, id);

      if (item != NULL && liaison_conflict_item_get_kind (item) == LIAISON_CONFLICT_AMBIGUOUS)
        continue;
      liaison_store_resolve_conflict_async (self->store, id, data->resolution, data->value,
                                            g_task_get_cancellable (task), on_resolved, task);
      return;
    }
  liaison_conflict_list_reload (self);
  g_task_return_int (task, data->n_done);
  g_object_unref (task);
}

void
liaison_conflict_list_resolve_async (LiaisonConflictList *self, GArray *ids, const char *resolution,
                                     const char *value, GCancellable *cancellable,
                                     GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task;
  ResolveData *data;

  g_return_if_fail (LIAISON_IS_CONFLICT_LIST (self));
  g_return_if_fail (ids != NULL && resolution != NULL);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_conflict_list_resolve_async);
  data = g_new0 (ResolveData, 1);
  data->ids = g_array_ref (ids);
  data->resolution = g_strdup (resolution);
  data->value = g_strdup (value);
  g_task_set_task_data (task, data, (GDestroyNotify) resolve_data_free);
  resolve_next (task);
}

guint
liaison_conflict_list_resolve_finish (LiaisonConflictList *self, GAsyncResult *result,
                                      GError **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  n = g_task_propagate_int (G_TASK (result), error);
  return n > 0 ? (guint) n : 0;
}

static void
on_answer_applied (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  liaison_conflict_list_reload (g_task_get_source_object (task));
  if (!liaison_store_apply_step_finish (LIAISON_STORE (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* The store's apply step closes the conflict (and makes the link) in one transaction. */
static void
answer_ambiguous (LiaisonConflictList *self, gint64 conflict_id, const char *resolution,
                  const char *lsq_id, const char *ghl_id, GTask *task)
{
  LiaisonStoreStep *step = liaison_store_step_new (self->lsq_connection, self->ghl_connection, 0);
  LiaisonStoreConflict *closed = g_new0 (LiaisonStoreConflict, 1);

  closed->id = conflict_id;
  closed->resolution = g_strdup (resolution);
  g_ptr_array_add (step->conflicts_closed, closed);
  if (lsq_id != NULL && ghl_id != NULL)
    {
      LiaisonStoreSyncLink *link = g_new0 (LiaisonStoreSyncLink, 1);

      link->origin = LIAISON_LINK_MANUAL;
      link->lsq_id = g_strdup (lsq_id);
      link->ghl_id = g_strdup (ghl_id);
      g_ptr_array_add (step->links, link);
    }
  step->notify = TRUE;
  liaison_store_apply_step_async (self->store, step, g_task_get_cancellable (task),
                                  on_answer_applied, task);
}

void
liaison_conflict_list_link_async (LiaisonConflictList *self, gint64 conflict_id, const char *lsq_id,
                                  const char *ghl_id, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task;

  g_return_if_fail (LIAISON_IS_CONFLICT_LIST (self));
  g_return_if_fail (lsq_id != NULL && ghl_id != NULL);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_conflict_list_link_async);
  answer_ambiguous (self, conflict_id, "linked", lsq_id, ghl_id, task);
}

void
liaison_conflict_list_keep_apart_async (LiaisonConflictList *self, gint64 conflict_id,
                                        GCancellable *cancellable, GAsyncReadyCallback callback,
                                        gpointer user_data)
{
  GTask *task;

  g_return_if_fail (LIAISON_IS_CONFLICT_LIST (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_conflict_list_keep_apart_async);
  answer_ambiguous (self, conflict_id, "dismissed", NULL, NULL, task);
}

gboolean
liaison_conflict_list_answer_finish (LiaisonConflictList *self, GAsyncResult *result,
                                     GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* GObject ------------------------------------------------------------------ */

LiaisonConflictList *
liaison_conflict_list_new (LiaisonStore *store, const char *lsq_connection,
                           const char *ghl_connection)
{
  LiaisonConflictList *self;

  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  self = g_object_new (LIAISON_TYPE_CONFLICT_LIST, NULL);
  self->store = g_object_ref (store);
  self->lsq_connection = g_strdup (lsq_connection);
  self->ghl_connection = g_strdup (ghl_connection);
  g_signal_connect_object (store, "links-changed", G_CALLBACK (on_links_changed), self, 0);
  liaison_conflict_list_reload (self);
  return self;
}

static void
liaison_conflict_list_get_property (GObject *object, guint prop_id, GValue *value,
                                    GParamSpec *pspec)
{
  LiaisonConflictList *self = LIAISON_CONFLICT_LIST (object);

  switch (prop_id)
    {
      case PROP_LOADING:
        g_value_set_boolean (value, liaison_conflict_list_get_loading (self));
        break;
      case PROP_N_ITEMS:
        g_value_set_uint (value, self->items->len);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_conflict_list_dispose (GObject *object)
{
  LiaisonConflictList *self = LIAISON_CONFLICT_LIST (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  G_OBJECT_CLASS (liaison_conflict_list_parent_class)->dispose (object);
}

static void
liaison_conflict_list_finalize (GObject *object)
{
  LiaisonConflictList *self = LIAISON_CONFLICT_LIST (object);

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_ptr_array_unref (self->items);
  g_free (self->lsq_connection);
  g_free (self->ghl_connection);
  G_OBJECT_CLASS (liaison_conflict_list_parent_class)->finalize (object);
}

static void
liaison_conflict_list_class_init (LiaisonConflictListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = liaison_conflict_list_get_property;
  object_class->dispose = liaison_conflict_list_dispose;
  object_class->finalize = liaison_conflict_list_finalize;

  properties[PROP_LOADING]
      = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_ITEMS]
      = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_conflict_list_init (LiaisonConflictList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
}
