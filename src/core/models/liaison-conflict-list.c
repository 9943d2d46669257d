/* liaison-conflict-list.c: LiaisonConflictList, see the header.
 *
 * The list reads the store a page at a time, each page keyed by the last one's (detected_at,
 * id), and counts what it will show first, at once. A page that finds the same conflicts in the
 * same order updates the items in place (their "resolution" notifies), so that answering one
 * does not rebuild the rows and a keyboard user keeps their place; any other change is one
 * items-changed per page. The answers for many conflicts ("for All", a field's policy, a
 * "Select All") are made by the store on every matching conflict, read or not.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-models"

#include <json-glib/json-glib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "liaison-conflict-list.h"
#include "liaison-field-map.h"
#include "liaison-store-sync.h"

/* A sync run announces its end once; a short wait still folds a burst of announcements. */
#define RELOAD_DELAY_MS 150
/* A read goes through the store in pages: small ones first, so that the first rows come at
 * once however many conflicts wait, and while the list view makes rows for them (GTK 4.8's makes
 * one for each of the first 200 items, at the items-changed that adds them, and lays them out at
 * the next frame, a few ms a row), a frame's time apart, so that each frame lays out about one
 * page and the main loop never stands still for long; then big ones, which make no rows, so that
 * a read of 100,000 takes few turns of the store's worker. With pages of 25 and no pause, a
 * frame took 100 to 250 ms (bench-conflicts-page). */
#define SMALL_PAGE 5
#define ROWS_MADE 200
#define BIG_PAGE 1000
#define FRAME_MS 16

struct _LiaisonConflictList
{
  GObject parent_instance;

  LiaisonStore *store;
  GPtrArray *items;  /* LiaisonConflictItem, in (detected_at, id) order */
  GHashTable *by_id; /* gint64 * id -> the item of items (not owned) */
  GCancellable *cancellable;
  guint reload_source;
  guint page_source;               /* the pause before the next small page */
  gint64 after_detected, after_id; /* where the next page starts */
  gboolean loading;
  gboolean loaded;
  guint limit; /* the size of the page asked for */
  guint next;  /* the items before it are those the read has seen again */
  char *error;
  LiaisonStoreConflictCount count;
};

enum
{
  PROP_0,
  PROP_LOADING,
  PROP_LOADED,
  PROP_N_OPEN,
  PROP_N_OPEN_FIELDS,
  PROP_N_ANSWERED,
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

static void
set_loaded (LiaisonConflictList *self)
{
  if (self->loaded)
    return;
  self->loaded = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

static void
set_error (LiaisonConflictList *self, const char *message)
{
  if (g_strcmp0 (self->error, message) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* Whether item comes no later than conflict in the list's order. */
static gboolean
item_not_after (LiaisonConflictItem *item, const LiaisonStoreConflict *conflict)
{
  gint64 detected_at = liaison_conflict_item_get_detected_at (item);

  return detected_at < conflict->detected_at
         || (detected_at == conflict->detected_at
             && liaison_conflict_item_get_id (item) <= conflict->id);
}

static void
index_item (LiaisonConflictList *self, LiaisonConflictItem *item)
{
  gint64 id = liaison_conflict_item_get_id (item);

  g_hash_table_insert (self->by_id, g_memdup2 (&id, sizeof id), item);
}

/* Puts added (LiaisonConflictItem, taken) in place of the n_removed items at start. */
static void
splice (LiaisonConflictList *self, guint start, guint n_removed, GPtrArray *added)
{
  GPtrArray *items = self->items;
  guint old_len = items->len, new_len = old_len - n_removed + added->len;
  guint n_tail = old_len - start - n_removed;

  for (guint i = start; i < start + n_removed; i++)
    {
      gint64 id = liaison_conflict_item_get_id (g_ptr_array_index (items, i));

      g_hash_table_remove (self->by_id, &id);
      g_object_unref (g_ptr_array_index (items, i));
    }
  if (new_len > old_len)
    g_ptr_array_set_size (items, new_len);
  memmove (items->pdata + start + added->len, items->pdata + start + n_removed,
           n_tail * sizeof (gpointer));
  for (guint i = 0; i < added->len; i++)
    {
      items->pdata[start + i] = g_ptr_array_index (added, i);
      index_item (self, g_ptr_array_index (added, i));
    }
  g_ptr_array_set_free_func (added, NULL);
  if (new_len < old_len)
    {
      /* The slots past the end hold pointers moved down already. */
      g_ptr_array_set_free_func (items, NULL);
      g_ptr_array_set_size (items, new_len);
      g_ptr_array_set_free_func (items, g_object_unref);
    }
}

/* A page of a read (rows: LiaisonStoreConflict in the list's order, taken) in place of the items
 * it covers: those after the previous page's and up to its last row, or all the rest when it is
 * the last page. The order is by (detected_at, id), which never change for a conflict, so each
 * conflict has one place: a page read while a sync or an answer changes the store neither
 * repeats an item nor loses one, and conflicts on pages still to come stay as they are until
 * their page comes. An item seen again is kept (its answer updated in place), so that the rows
 * on screen are not rebuilt; any other change is one items-changed per page. */
static void
merge_page (LiaisonConflictList *self, GPtrArray *rows, gboolean last)
{
  guint start = self->next, end = start;
  gboolean same;

  if (last)
    end = self->items->len;
  else
    {
      const LiaisonStoreConflict *tail = g_ptr_array_index (rows, rows->len - 1);

      while (end < self->items->len && item_not_after (g_ptr_array_index (self->items, end), tail))
        end++;
    }
  same = end - start == rows->len;
  for (guint i = 0; same && i < rows->len; i++)
    same = liaison_conflict_item_get_id (g_ptr_array_index (self->items, start + i))
           == ((LiaisonStoreConflict *) g_ptr_array_index (rows, i))->id;
  if (same)
    for (guint i = 0; i < rows->len; i++)
      liaison_conflict_item_update (g_ptr_array_index (self->items, start + i),
                                    g_ptr_array_index (rows, i));
  else
    {
      g_autoptr (GPtrArray) added = g_ptr_array_new_full (rows->len, g_object_unref);

      for (guint i = 0; i < rows->len; i++)
        {
          LiaisonStoreConflict *c = g_ptr_array_index (rows, i);
          LiaisonConflictItem *item = g_hash_table_lookup (self->by_id, &c->id);

          /* Seen before, it can only be among the items this page covers. */
          if (item != NULL)
            {
              liaison_conflict_item_update (item, c);
              g_ptr_array_add (added, g_object_ref (item));
            }
          else
            g_ptr_array_add (added, liaison_conflict_item_new (c));
        }
      splice (self, start, end - start, added);
      g_list_model_items_changed (G_LIST_MODEL (self), start, end - start, rows->len);
    }
  /* The items own the rows now. */
  g_ptr_array_set_free_func (rows, NULL);
  self->next = start + rows->len;
}

static void read_page (LiaisonConflictList *self, gint64 after_detected, gint64 after_id);

static gboolean
read_next_page (gpointer user_data)
{
  LiaisonConflictList *self = user_data;

  self->page_source = 0;
  read_page (self, self->after_detected, self->after_id);
  return G_SOURCE_REMOVE;
}

static void
end_read (LiaisonConflictList *self)
{
  g_clear_object (&self->cancellable);
  set_loaded (self);
  set_loading (self, FALSE);
}

static void
on_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonConflictList *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows
      = liaison_store_list_conflicts_to_review_page_finish (LIAISON_STORE (source), result, &error);
  gboolean last;

  /* Cancelled, or disposed after the read had already ended. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
    {
      g_object_unref (self);
      return;
    }
  if (rows == NULL)
    {
      set_error (self, error->message);
      end_read (self);
      g_object_unref (self);
      return;
    }
  last = rows->len < self->limit;
  merge_page (self, rows, last);
  set_loaded (self);
  if (!last)
    {
      const LiaisonStoreConflict *tail = g_ptr_array_index (rows, rows->len - 1);

      self->after_detected = tail->detected_at;
      self->after_id = tail->id;
      if (self->next < ROWS_MADE)
        self->page_source = g_timeout_add (FRAME_MS, read_next_page, self);
      else
        read_page (self, self->after_detected, self->after_id);
    }
  else
    {
      set_error (self, NULL);
      end_read (self);
    }
  g_object_unref (self);
}

static void
read_page (LiaisonConflictList *self, gint64 after_detected, gint64 after_id)
{
  self->limit = self->next < ROWS_MADE ? SMALL_PAGE : BIG_PAGE;
  liaison_store_list_conflicts_to_review_page_async (self->store, after_detected, after_id,
                                                     self->limit, self->cancellable, on_read,
                                                     g_object_ref (self));
}

static void
on_counted (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonConflictList *self = user_data;
  g_autoptr (GError) error = NULL;
  LiaisonStoreConflictCount count = { 0 };
  gboolean ok = liaison_store_count_conflicts_to_review_finish (LIAISON_STORE (source), result,
                                                                &count, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
    {
      g_object_unref (self);
      return;
    }
  /* The read that follows says why, should it fail too. */
  if (!ok)
    g_debug ("could not count the conflicts: %s", error->message);
  else
    {
      gboolean open = count.n_open != self->count.n_open;
      gboolean fields = count.n_open_fields != self->count.n_open_fields;
      gboolean answered = count.n_answered != self->count.n_answered;

      self->count = count;
      g_object_freeze_notify (G_OBJECT (self));
      if (open)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OPEN]);
      if (fields)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OPEN_FIELDS]);
      if (answered)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ANSWERED]);
      g_object_thaw_notify (G_OBJECT (self));
    }
  g_object_unref (self);
}

static void
start_read (LiaisonConflictList *self)
{
  self->cancellable = g_cancellable_new ();
  self->next = 0;
  set_loading (self, TRUE);
  /* The count first (the worker takes jobs in order): the sidebar and the summary have the
   * whole number before the first page comes. */
  liaison_store_count_conflicts_to_review_async (self->store, self->cancellable, on_counted,
                                                 g_object_ref (self));
  read_page (self, 0, 0);
}

void
liaison_conflict_list_reload (LiaisonConflictList *self)
{
  g_return_if_fail (LIAISON_IS_CONFLICT_LIST (self));

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_handle_id (&self->page_source, g_source_remove);
  /* A read going on starts again from the first page: the pages it has taken are as the store
   * was before the change, those still to come will be after it, and a page takes the place of
   * the items it covers, so the rows on screen change where they changed and nowhere else. */
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
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
  char *field;    /* only this field's conflicts; NULL: every field */
  GArray *except; /* gint64 ids left out, or NULL */
} ResolveAll;

static void
resolve_all_free (ResolveAll *all)
{
  g_free (all->resolution);
  g_free (all->field);
  g_clear_pointer (&all->except, g_array_unref);
  g_free (all);
}

static void
on_matching_resolved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LiaisonConflictList *self = g_task_get_source_object (task);
  GError *error = NULL;
  GArray *done
      = liaison_store_resolve_open_conflicts_finish (LIAISON_STORE (source), result, &error);

  liaison_conflict_list_reload (self);
  if (done == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, done, (GDestroyNotify) g_array_unref);
}

/* Answers the open field conflicts the task's ResolveAll names in the store, in one
 * transaction, those the list has not read yet as those it has; then returns the task. */
static void
resolve_matching (LiaisonConflictList *self, GTask *task)
{
  ResolveAll *all = g_task_get_task_data (task);

  liaison_store_resolve_open_conflicts_async (self->store, all->resolution, all->field, all->except,
                                              g_task_get_cancellable (task), on_matching_resolved,
                                              task);
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
  g_autoptr (GArray) done = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  done = g_task_propagate_pointer (G_TASK (result), error);
  return done != NULL ? done->len : 0;
}

void
liaison_conflict_list_resolve_all_except_async (LiaisonConflictList *self, const char *resolution,
                                                const GArray *except, GCancellable *cancellable,
                                                GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  ResolveAll *all;

  g_return_if_fail (LIAISON_IS_CONFLICT_LIST (self));
  g_return_if_fail (g_strcmp0 (resolution, "lsq") == 0 || g_strcmp0 (resolution, "ghl") == 0);

  task = resolve_task_new (self, resolution, NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_conflict_list_resolve_all_except_async);
  all = g_task_get_task_data (task);
  all->except = g_array_sized_new (FALSE, FALSE, sizeof (gint64), except ? except->len : 0);
  if (except != NULL)
    g_array_append_vals (all->except, except->data, except->len);
  resolve_matching (self, g_steal_pointer (&task));
}

GArray *
liaison_conflict_list_resolve_all_except_finish (LiaisonConflictList *self, GAsyncResult *result,
                                                 GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
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
  return self->count.n_open;
}

guint
liaison_conflict_list_get_n_open_fields (LiaisonConflictList *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_LIST (self), 0);
  return self->count.n_open_fields;
}

guint
liaison_conflict_list_get_n_answered (LiaisonConflictList *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_LIST (self), 0);
  return self->count.n_answered;
}

LiaisonConflictItem *
liaison_conflict_list_find (LiaisonConflictList *self, gint64 id)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_LIST (self), NULL);
  return g_hash_table_lookup (self->by_id, &id);
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
        g_value_set_uint (value, self->count.n_open);
        break;
      case PROP_N_OPEN_FIELDS:
        g_value_set_uint (value, self->count.n_open_fields);
        break;
      case PROP_N_ANSWERED:
        g_value_set_uint (value, self->count.n_answered);
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
  g_clear_handle_id (&self->page_source, g_source_remove);
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

  g_hash_table_unref (self->by_id);
  g_ptr_array_unref (self->items);
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
  properties[PROP_N_OPEN_FIELDS]
      = g_param_spec_uint ("n-open-fields", NULL, NULL, 0, G_MAXUINT, 0,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_ANSWERED]
      = g_param_spec_uint ("n-answered", NULL, NULL, 0, G_MAXUINT, 0,
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
  self->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}
