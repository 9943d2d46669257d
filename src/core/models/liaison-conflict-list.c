/* liaison-conflict-list.c: LiaisonConflictList, see the header.
 *
 * A read that finds the same conflicts in the same order updates the items in place (their
 * "resolution" notifies), so that answering one does not rebuild the rows and a keyboard user
 * keeps their place; any other change replaces the list in one items-changed.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-models"

#include <json-glib/json-glib.h>

#include <glib/gi18n-lib.h>

#include "liaison-conflict-list.h"
#include "liaison-field-map.h"
#include "liaison-store-sync.h"

/* A sync run announces its end once; a short wait still folds a burst of announcements. */
#define RELOAD_DELAY_MS 150
/* The first read shows its rows a page at a time, so that the first rows come at once even with
 * thousands of conflicts; the list widget makes rows only for what is on screen. */
#define PAGE_SIZE 200

struct _LiaisonConflictList
{
  GObject parent_instance;

  LiaisonStore *store;
  GPtrArray *items; /* LiaisonConflictItem */
  GCancellable *cancellable;
  guint reload_source;
  gboolean loading;
  gboolean loaded;
  gboolean again;       /* asked to reload while a read was going on */
  gboolean progressive; /* the read started on an empty list: its pages are shown as they come */
  GPtrArray *pending;   /* a reload's pages (LiaisonStoreConflict), taken at once at its end */
  char *error;
  guint n_open;
};

enum
{
  PROP_0,
  PROP_LOADING,
  PROP_LOADED,
  PROP_N_OPEN,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LiaisonConflictList, liaison_conflict_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

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

  return position < self->items->len ? g_object_ref (g_ptr_array_index (self->items, position))
                                     : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void start_read (LiaisonConflictList *self);

static void
set_loading (LiaisonConflictList *self, gboolean loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static gboolean
same_conflicts (GPtrArray *items, GPtrArray *rows)
{
  if (items->len != rows->len)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    if (liaison_conflict_item_get_id (g_ptr_array_index (items, i))
        != ((LiaisonStoreConflict *) g_ptr_array_index (rows, i))->id)
      return FALSE;
  return TRUE;
}

static void
count_open (LiaisonConflictList *self)
{
  guint n_open = 0;

  for (guint i = 0; i < self->items->len; i++)
    n_open += liaison_conflict_item_get_resolution (g_ptr_array_index (self->items, i)) == NULL;
  if (n_open != self->n_open)
    {
      self->n_open = n_open;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OPEN]);
    }
}

/* A page of the first read: added at the end. */
static void
append_rows (LiaisonConflictList *self, GPtrArray *rows)
{
  guint position = self->items->len;

  if (rows->len == 0)
    return;
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (self->items, liaison_conflict_item_new (g_ptr_array_index (rows, i)));
  g_ptr_array_set_free_func (rows, NULL);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, rows->len);
  count_open (self);
}

static void
take_rows (LiaisonConflictList *self, GPtrArray *rows)
{
  if (same_conflicts (self->items, rows))
    for (guint i = 0; i < rows->len; i++)
      {
        LiaisonStoreConflict *c = g_ptr_array_index (rows, i);

        rows->pdata[i] = NULL; /* the item takes it */
        liaison_conflict_item_update (g_ptr_array_index (self->items, i), c);
      }
  else
    {
      guint removed = self->items->len;

      g_ptr_array_set_size (self->items, 0);
      for (guint i = 0; i < rows->len; i++)
        g_ptr_array_add (self->items, liaison_conflict_item_new (g_ptr_array_index (rows, i)));
      /* The items own the rows now. */
      g_ptr_array_set_free_func (rows, NULL);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->items->len);
    }
  count_open (self);
}

static void read_page (LiaisonConflictList *self, gint64 after_detected, gint64 after_id);

static void
set_error (LiaisonConflictList *self, const char *message)
{
  if (g_strcmp0 (self->error, message) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
on_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonConflictList *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows
      = liaison_store_list_conflicts_to_review_page_finish (LIAISON_STORE (source), result, &error);
  LiaisonStoreConflict *last = NULL;
  gboolean more;

  /* Cancelled, or disposed after the read had already ended. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
    {
      g_object_unref (self);
      return;
    }
  more = rows != NULL && rows->len == PAGE_SIZE;
  if (rows != NULL && rows->len > 0)
    last = g_ptr_array_index (rows, rows->len - 1);
  if (more)
    {
      /* The key of the next page, before the rows move on. */
      gint64 after_detected = last->detected_at, after_id = last->id;

      if (self->progressive)
        append_rows (self, rows);
      else
        g_ptr_array_extend_and_steal (self->pending, g_steal_pointer (&rows));
      if (!self->loaded)
        {
          self->loaded = TRUE;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
        }
      read_page (self, after_detected, after_id);
      g_object_unref (self);
      return;
    }
  g_clear_object (&self->cancellable);
  if (rows == NULL)
    set_error (self, error->message);
  else
    {
      set_error (self, NULL);
      if (self->progressive)
        append_rows (self, rows);
      else
        {
          g_ptr_array_extend_and_steal (self->pending, g_steal_pointer (&rows));
          take_rows (self, self->pending);
        }
    }
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  if (self->again)
    start_read (self);
  else
    set_loading (self, FALSE);
  g_object_unref (self);
}

static void
read_page (LiaisonConflictList *self, gint64 after_detected, gint64 after_id)
{
  liaison_store_list_conflicts_to_review_page_async (self->store, after_detected, after_id,
                                                     PAGE_SIZE, self->cancellable, on_read,
                                                     g_object_ref (self));
}

static void
start_read (LiaisonConflictList *self)
{
  self->again = FALSE;
  self->cancellable = g_cancellable_new ();
  /* On an empty list the pages show as they come; a reload replaces the rows once, at its end,
   * so that what is on screen does not shrink and grow again. */
  self->progressive = self->items->len == 0;
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_conflict_free);
  set_loading (self, TRUE);
  read_page (self, 0, 0);
}

void
liaison_conflict_list_reload (LiaisonConflictList *self)
{
  g_return_if_fail (LIAISON_IS_CONFLICT_LIST (self));

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->cancellable != NULL)
    self->again = TRUE;
  else
    start_read (self);
}

static gboolean
reload_timeout (gpointer user_data)
{
  LiaisonConflictList *self = user_data;

  self->reload_source = 0;
  liaison_conflict_list_reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_links_changed (LiaisonStore *store, LiaisonRecordKind kind, LiaisonConflictList *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_timeout, self);
}

/* ---- answers ---- */

static void
on_resolved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LiaisonConflictList *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!liaison_store_resolve_conflict_finish (LIAISON_STORE (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  liaison_conflict_list_reload (self);
  g_task_return_boolean (task, TRUE);
}

void
liaison_conflict_list_resolve_async (LiaisonConflictList *self, LiaisonConflictItem *item,
                                     const char *resolution, const char *text,
                                     GCancellable *cancellable, GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  GTask *task;
  g_autofree char *value = NULL;

  g_return_if_fail (LIAISON_IS_CONFLICT_LIST (self));
  g_return_if_fail (LIAISON_IS_CONFLICT_ITEM (item));
  g_return_if_fail (g_strcmp0 (resolution, "lsq") == 0 || g_strcmp0 (resolution, "ghl") == 0
                    || g_strcmp0 (resolution, "edited") == 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_conflict_list_resolve_async);
  if (g_str_equal (resolution, "edited"))
    {
      g_autoptr (JsonNode) node = json_node_alloc ();
      g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

      if (*stripped == '\0')
        json_node_init_null (node);
      else
        json_node_init_string (node, stripped);
      value = json_to_string (node, FALSE);
    }
  liaison_store_resolve_conflict_async (self->store, liaison_conflict_item_get_id (item),
                                        resolution, value, cancellable, on_resolved, task);
}

gboolean
liaison_conflict_list_resolve_finish (LiaisonConflictList *self, GAsyncResult *result,
                                      GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  char *resolution;
  char *field; /* only this field's conflicts; NULL: every field */
} ResolveAll;

static void
resolve_all_free (ResolveAll *all)
{
  g_free (all->resolution);
  g_free (all->field);
  g_free (all);
}

static void
on_matching_resolved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LiaisonConflictList *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr (GArray) done
      = liaison_store_resolve_conflicts_finish (LIAISON_STORE (source), result, &error);

  liaison_conflict_list_reload (self);
  if (done == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, done->len);
}

/* Answers the open field conflicts the task's ResolveAll names, in one transaction, then
 * returns the task. */
static void
resolve_matching (LiaisonConflictList *self, GTask *task)
{
  ResolveAll *all = g_task_get_task_data (task);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < self->items->len; i++)
    {
      LiaisonConflictItem *item = g_ptr_array_index (self->items, i);
      gint64 id = liaison_conflict_item_get_id (item);

      if (liaison_conflict_item_get_kind (item) != LIAISON_CONFLICT_FIELD
          || liaison_conflict_item_get_resolution (item) != NULL
          || (all->field != NULL
              && g_strcmp0 (liaison_conflict_item_get_field (item), all->field) != 0))
        continue;
      g_array_append_val (ids, id);
    }
  if (ids->len == 0)
    {
      g_task_return_int (task, 0);
      g_object_unref (task);
      return;
    }
  liaison_store_resolve_conflicts_async (self->store, ids, all->resolution,
                                         g_task_get_cancellable (task), on_matching_resolved, task);
}

static GTask *
resolve_task_new (LiaisonConflictList *self, const char *resolution, const char *field,
                  GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  ResolveAll *all = g_new0 (ResolveAll, 1);

  all->resolution = g_strdup (resolution);
  all->field = g_strdup (field);
  g_task_set_task_data (task, all, (GDestroyNotify) resolve_all_free);
  return task;
}

void
liaison_conflict_list_resolve_all_async (LiaisonConflictList *self, const char *resolution,
                                         GCancellable *cancellable, GAsyncReadyCallback callback,
                                         gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_CONFLICT_LIST (self));
  g_return_if_fail (g_strcmp0 (resolution, "lsq") == 0 || g_strcmp0 (resolution, "ghl") == 0);

  task = resolve_task_new (self, resolution, NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_conflict_list_resolve_all_async);
  resolve_matching (self, g_steal_pointer (&task));
}

guint
liaison_conflict_list_resolve_all_finish (LiaisonConflictList *self, GAsyncResult *result,
                                          GError **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  n = g_task_propagate_int (G_TASK (result), error);
  return n > 0 ? (guint) n : 0;
}

/* ---- a field's policy ---- */

static void
on_mapping_saved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LiaisonConflictList *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!liaison_store_save_mapping_finish (LIAISON_STORE (source), result, NULL, &error))
    {
      g_prefix_error (&error, _ ("The field mapping could not be saved: "));
      g_task_return_error (task, error);
      return;
    }
  resolve_matching (self, g_steal_pointer (&task));
}

static void
on_mapping_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LiaisonConflictList *self = g_task_get_source_object (task);
  ResolveAll *all = g_task_get_task_data (task);
  GError *error = NULL;
  g_autofree char *json
      = liaison_store_load_mapping_finish (LIAISON_STORE (source), result, NULL, &error);
  g_autoptr (LiaisonFieldMap) map = NULL;
  g_autoptr (JsonNode) saved = NULL;
  g_autofree char *text = NULL;
  GCancellable *cancellable;
  int i;

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* None saved: the defaults are what the engine uses, so they are what changes. */
  saved = json ? json_from_string (json, &error) : NULL;
  map = json == NULL ? liaison_field_map_new_default ()
        : saved      ? liaison_field_map_new_from_json (saved, &error)
                     : NULL;
  if (map == NULL)
    {
      g_task_return_new_error (task, LIAISON_FIELD_MAP_ERROR, LIAISON_FIELD_MAP_ERROR_INVALID,
                               _ ("The saved field mapping cannot be read (%s); fix it on the "
                                  "Field Mapping page first."),
                               error ? error->message : "?");
      g_clear_error (&error);
      return;
    }
  i = liaison_field_map_find (map, all->field);
  if (i < 0)
    {
      g_task_return_new_error (task, LIAISON_FIELD_MAP_ERROR, LIAISON_FIELD_MAP_ERROR_INVALID,
                               _ ("The field “%s” is no longer in the field mapping, so it has no "
                                  "policy to set."),
                               all->field);
      return;
    }
  liaison_field_map_set_policy (map, (guint) i,
                                g_str_equal (all->resolution, "lsq") ? LIAISON_POLICY_LSQ_WINS
                                                                     : LIAISON_POLICY_GHL_WINS);
  g_clear_pointer (&saved, json_node_unref);
  saved = liaison_field_map_to_json (map);
  text = json_to_string (saved, FALSE);
  /* The task goes last: arguments are evaluated in no set order. */
  cancellable = g_task_get_cancellable (task);
  liaison_store_save_mapping_async (self->store, text, cancellable, on_mapping_saved,
                                    g_steal_pointer (&task));
}

void
liaison_conflict_list_always_take_async (LiaisonConflictList *self, const char *field,
                                         const char *resolution, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task;

  g_return_if_fail (LIAISON_IS_CONFLICT_LIST (self));
  g_return_if_fail (field != NULL);
  g_return_if_fail (g_strcmp0 (resolution, "lsq") == 0 || g_strcmp0 (resolution, "ghl") == 0);

  task = resolve_task_new (self, resolution, field, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_conflict_list_always_take_async);
  liaison_store_load_mapping_async (self->store, cancellable, on_mapping_loaded, task);
}

guint
liaison_conflict_list_always_take_finish (LiaisonConflictList *self, GAsyncResult *result,
                                          GError **error)
{
  return liaison_conflict_list_resolve_all_finish (self, result, error);
}

/* ---- reading it ---- */

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
  return self->loading;
}

gboolean
liaison_conflict_list_get_loaded (LiaisonConflictList *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_LIST (self), FALSE);
  return self->loaded;
}

const char *
liaison_conflict_list_get_error (LiaisonConflictList *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_LIST (self), NULL);
  return self->error;
}

guint
liaison_conflict_list_get_n_open (LiaisonConflictList *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_LIST (self), 0);
  return self->n_open;
}

LiaisonConflictList *
liaison_conflict_list_new (LiaisonStore *store)
{
  LiaisonConflictList *self;

  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  self = g_object_new (LIAISON_TYPE_CONFLICT_LIST, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "links-changed", G_CALLBACK (on_links_changed), self, 0);
  start_read (self);
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
        g_value_set_boolean (value, self->loading);
        break;
      case PROP_LOADED:
        g_value_set_boolean (value, self->loaded);
        break;
      case PROP_N_OPEN:
        g_value_set_uint (value, self->n_open);
        break;
      case PROP_ERROR:
        g_value_set_string (value, self->error);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_conflict_list_dispose (GObject *object)
{
  LiaisonConflictList *self = LIAISON_CONFLICT_LIST (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (liaison_conflict_list_parent_class)->dispose (object);
}

static void
liaison_conflict_list_finalize (GObject *object)
{
  LiaisonConflictList *self = LIAISON_CONFLICT_LIST (object);

  g_ptr_array_unref (self->items);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_free (self->error);
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
  properties[PROP_LOADED]
      = g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_OPEN]
      = g_param_spec_uint ("n-open", NULL, NULL, 0, G_MAXUINT, 0,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ERROR]
      = g_param_spec_string ("error", NULL, NULL, NULL,
                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_conflict_list_init (LiaisonConflictList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}
