/* liaison-contact-list.c: LiaisonContactList, a hand-written GListModel over the store.
 *
 * Only the index (LiaisonContactIndex: a fixed-size entry per row and an arena of folded
 * search text) and the positions of the visible rows live in memory. A LiaisonContactRow is made
 * when asked for, from two primary-key reads of the store (liaison_store_lookup_contact_summary),
 * and kept in a small cache. Filtering and sorting are scans of the index on the main thread;
 * typing one more letter only rescans the rows the previous text matched. Every change is announced
 * with one items-changed covering the span between the unchanged head and tail of the list.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-models"

#include <string.h>

#include "liaison-contact-index-private.h"
#include "liaison-contact-list-private.h"
#include "liaison-contact-row-private.h"
#include "liaison-normalize.h"

#define ROW_CACHE_SIZE 256
#define RELOAD_DELAY_MS 150

struct _LiaisonContactList
{
  GObject parent_instance;

  LiaisonStore *store;
  char *lsq_connection_id;
  char *ghl_connection_id;

  LiaisonContactIndex *index;
  guint32 *visible; /* entry numbers, in display order */
  guint n_visible;

  char *filter_text;
  char *filter_folded;  /* what rows are matched against */
  char *visible_folded; /* the text `visible` was computed with */
  LiaisonLinkStatus status_filter;
  LiaisonContactSort sort;

  GHashTable *rows;                 /* entry number + 1 -> LiaisonContactRow */
  guint32 row_ring[ROW_CACHE_SIZE]; /* entry number + 1, oldest out first */
  guint row_ring_pos;

  GCancellable *cancellable;
  guint loads_in_flight;
  guint64 load_serial;
  guint64 applied_serial;
  guint reload_source;
  gboolean loaded_once;

  /* The index is built as soon as the list exists, so that the first load (the page's, once its
   * window is built) finds it ready or under way. It is used only if no change came since. */
  LiaisonContactIndex *prefetched;
  GTask *prefetch_waiter; /* the first load, while the prefetch is being built */
  gboolean prefetching;
  guint64 n_changes; /* changes of the store's contacts or their links seen */
};

enum
{
  PROP_0,
  PROP_STORE,
  PROP_LSQ_CONNECTION_ID,
  PROP_GHL_CONNECTION_ID,
  PROP_FILTER_TEXT,
  PROP_STATUS_FILTER,
  PROP_SORT,
  PROP_LOADING,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_ENUM_TYPE (LiaisonContactSort, liaison_contact_sort,
                    G_DEFINE_ENUM_VALUE (LIAISON_CONTACT_SORT_NAME, "name"),
                    G_DEFINE_ENUM_VALUE (LIAISON_CONTACT_SORT_LAST_CHANGE, "last-change"))

G_DEFINE_FINAL_TYPE_WITH_CODE (LiaisonContactList, liaison_contact_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* ---- rows ---- */

static void
row_cache_clear (LiaisonContactList *self)
{
  g_hash_table_remove_all (self->rows);
  memset (self->row_ring, 0, sizeof self->row_ring);
  self->row_ring_pos = 0;
}

static void
row_cache_add (LiaisonContactList *self, guint32 entry, LiaisonContactRow *row)
{
  guint32 old = self->row_ring[self->row_ring_pos];

  if (old != 0)
    g_hash_table_remove (self->rows, GUINT_TO_POINTER (old));
  self->row_ring[self->row_ring_pos] = entry + 1;
  self->row_ring_pos = (self->row_ring_pos + 1) % ROW_CACHE_SIZE;
  g_hash_table_insert (self->rows, GUINT_TO_POINTER (entry + 1), g_object_ref (row));
}

/* Fills what a row shows from one record; fields already set by the other side win. */
static void
read_record (LiaisonContactList *self, gint64 rec, LiaisonContactRowData *data, char **remote_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonStoreRecord) record = NULL;

  if (rec == 0)
    return;
  record = liaison_store_lookup_contact_summary (self->store, rec, &error);
  if (record == NULL)
    {
      /* NULL without an error: gone since the index was built, and the reload that follows
       * will drop the row. */
      if (error != NULL)
        g_warning ("Could not read a contact: %s", error->message);
      return;
    }
#define FILL(field)                                                                                \
  if (data->field == NULL || *data->field == '\0')                                                 \
    {                                                                                              \
      g_free (data->field);                                                                        \
      data->field = g_steal_pointer (&record->field);                                              \
    }
  FILL (display_name);
  FILL (email);
  FILL (phone);
  FILL (company);
  FILL (owner);
#undef FILL
  *remote_id = g_steal_pointer (&record->remote_id);
}

LiaisonContactRow *
liaison_contact_list_make_row (LiaisonContactList *self, guint32 entry_number)
{
  const LiaisonContactEntry *e = &self->index->entries[entry_number];
  LiaisonContactRowData data = { 0 };

  data.status = e->status;
  data.modified_at = e->modified_at;
  data.link_id = e->link_id;
  data.n_candidates = e->n_candidates;
  data.record_id = e->lsq_rec != 0 && e->ghl_rec == 0   ? e->lsq_rec
                   : e->ghl_rec != 0 && e->lsq_rec == 0 ? e->ghl_rec
                                                        : 0;
  /* LeadSquared first: a linked pair is listed (and sorted) by its LeadSquared name. */
  read_record (self, e->lsq_rec, &data, &data.lsq_id);
  read_record (self, e->ghl_rec, &data, &data.ghl_id);
  data.not_copied_side = -1;
  for (int side = 0; side < 2 && e->not_copied != 0; side++)
    {
      const LiaisonStoreNotCopiedKey *key = NULL;

      if ((e->not_copied & (1u << side)) != 0)
        key = liaison_contact_index_find_not_copied (self->index,
                                                     side == 0 ? e->lsq_rec : e->ghl_rec);
      if (key != NULL && data.not_copied_side < 0)
        {
          data.not_copied_side = side;
          data.not_copied_run = key->run_id;
          data.not_copied_undone_run = key->undone_run;
          data.not_copied_record = key->record_id;
        }
    }
  return liaison_contact_row_new_take (&data);
}

static GType
get_item_type (GListModel *model)
{
  return LIAISON_TYPE_CONTACT_ROW;
}

static guint
get_n_items (GListModel *model)
{
  return LIAISON_CONTACT_LIST (model)->n_visible;
}

static gpointer
get_item (GListModel *model, guint position)
{
  LiaisonContactList *self = LIAISON_CONTACT_LIST (model);
  LiaisonContactRow *row;
  guint32 entry;

  if (position >= self->n_visible)
    return NULL;
  entry = self->visible[position];
  row = g_hash_table_lookup (self->rows, GUINT_TO_POINTER (entry + 1));
  if (row != NULL)
    return g_object_ref (row);
  row = liaison_contact_list_make_row (self, entry);
  row_cache_add (self, entry, row);
  return row;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* ---- filtering and sorting ---- */

gboolean
liaison_contact_list_entry_matches (const LiaisonContactIndex *index, const LiaisonContactEntry *e,
                                    LiaisonLinkStatus statuses, const char *folded)
{
  if ((e->status & statuses) == 0)
    return FALSE;
  if (folded == NULL || *folded == '\0')
    return TRUE;
  /* The two sides of a pair share one text when they show the same. */
  return (e->lsq_text != LIAISON_CONTACT_NO_TEXT && strstr (index->arena + e->lsq_text, folded))
         || (e->ghl_text != LIAISON_CONTACT_NO_TEXT && e->ghl_text != e->lsq_text
             && strstr (index->arena + e->ghl_text, folded));
}

/* The rows the current settings show, in order. When the new text contains the text the visible
 * rows were found with (one more letter typed), only those rows can match. */
static guint32 *
compute_visible (LiaisonContactList *self, gboolean may_narrow, guint *n_out)
{
  LiaisonContactIndex *index = self->index;
  const guint32 *source = NULL;
  guint n_source;
  guint32 *out;
  guint n = 0;

  if (index == NULL)
    {
      *n_out = 0;
      return NULL;
    }
  if (may_narrow && self->visible_folded && *self->visible_folded && self->filter_folded
      && strstr (self->filter_folded, self->visible_folded) != NULL)
    {
      source = self->visible;
      n_source = self->n_visible;
    }
  else
    {
      n_source = index->n_entries;
      if (self->sort == LIAISON_CONTACT_SORT_LAST_CHANGE)
        source = liaison_contact_index_by_modified (index);
    }
  out = g_new (guint32, MAX (n_source, 1));
  if (self->filter_folded && *self->filter_folded && n_source > index->n_entries / 8)
    {
      /* Most rows are candidates: one scan of all the text beats a search per row. */
      g_autofree guint8 *hits = liaison_contact_index_match_text (index, self->filter_folded);
      for (guint i = 0; i < n_source; i++)
        {
          guint32 entry = source ? source[i] : i;
          if (hits[entry] && (index->entries[entry].status & self->status_filter) != 0)
            out[n++] = entry;
        }
    }
  else
    for (guint i = 0; i < n_source; i++)
      {
        guint32 entry = source ? source[i] : i;
        if (liaison_contact_list_entry_matches (index, &index->entries[entry], self->status_filter,
                                                self->filter_folded))
          out[n++] = entry;
      }
  *n_out = n;
  return out;
}

/* Replaces the visible rows and announces the change as one span. old_index is the index the
 * old rows refer to (it may differ from self->index after a reload). */
static void
replace_visible (LiaisonContactList *self, LiaisonContactIndex *old_index, guint32 *visible,
                 guint n_visible)
{
  g_autofree guint32 *old = self->visible;
  guint n_old = self->n_visible;
  guint prefix = 0, suffix = 0;

#define SAME(i, j)                                                                                 \
  (old_index == self->index                                                                        \
       ? old[i] == visible[j]                                                                      \
       : liaison_contact_index_same_entry (old_index, old[i], self->index, visible[j]))
  while (prefix < n_old && prefix < n_visible && SAME (prefix, prefix))
    prefix++;
  while (suffix < n_old - prefix && suffix < n_visible - prefix
         && SAME (n_old - 1 - suffix, n_visible - 1 - suffix))
    suffix++;
#undef SAME

  self->visible = visible;
  self->n_visible = n_visible;
  g_free (self->visible_folded);
  self->visible_folded = g_strdup (self->filter_folded);
  if (prefix + suffix < MAX (n_old, n_visible))
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, n_old - prefix - suffix,
                                n_visible - prefix - suffix);
  if (n_old != n_visible)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
refresh (LiaisonContactList *self, gboolean may_narrow)
{
  guint n = 0;
  guint32 *visible = compute_visible (self, may_narrow, &n);

  replace_visible (self, self->index, visible, n);
}

/* ---- loading ---- */

static void
set_loading (LiaisonContactList *self, gboolean delta)
{
  gboolean before = self->loads_in_flight > 0;

  self->loads_in_flight += delta ? 1 : -1;
  if (before != (self->loads_in_flight > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
apply_index (LiaisonContactList *self, LiaisonContactIndex *index)
{
  g_autoptr (LiaisonContactIndex) old_index = self->index;
  guint32 *visible;
  guint n = 0;

  self->index = index;
  row_cache_clear (self);
  visible = compute_visible (self, FALSE, &n);
  replace_visible (self, old_index ? old_index : index, visible, n);
}

static void
finish_load (LiaisonContactList *self, GTask *task, LiaisonContactIndex *index, GError *error)
{
  guint64 serial = GPOINTER_TO_SIZE (g_task_get_task_data (task));

  set_loading (self, FALSE);
  if (index == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Loads run in order on the store's worker; a late answer to an older one is dropped. */
  if (serial > self->applied_serial)
    {
      self->applied_serial = serial;
      self->loaded_once = TRUE;
      apply_index (self, index);
    }
  else
    liaison_contact_index_free (index);
  g_task_return_boolean (task, TRUE);
}

static void
load_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  LiaisonContactIndex *index = liaison_contact_index_load_finish (result, &error);

  finish_load (g_task_get_source_object (task), task, index, error);
}

static void schedule_reload (LiaisonContactList *self);

static void
prefetch_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr (LiaisonContactList) self = g_weak_ref_get (ref);
  g_autoptr (GTask) waiter = NULL;
  GError *error = NULL;
  LiaisonContactIndex *index = liaison_contact_index_load_finish (result, &error);

  g_weak_ref_clear (ref);
  g_free (ref);
  if (self == NULL)
    {
      liaison_contact_index_free (index);
      g_clear_error (&error);
      return;
    }
  self->prefetching = FALSE;
  waiter = g_steal_pointer (&self->prefetch_waiter);
  if (waiter == NULL)
    {
      /* Kept for the first load unless something changed meanwhile. */
      if (self->n_changes == 0 && self->load_serial == 0)
        self->prefetched = g_steal_pointer (&index);
      liaison_contact_index_free (index);
      g_clear_error (&error);
      return;
    }
  if (g_task_return_error_if_cancelled (waiter))
    {
      set_loading (self, FALSE);
      liaison_contact_index_free (index);
      g_clear_error (&error);
      return;
    }
  finish_load (self, waiter, index, error);
  /* A change seen while the first load waited may have come after the prefetch was read. */
  if (self->n_changes > 0)
    schedule_reload (self);
}

/* Reads the contacts from the store (on its worker) and updates the model with one
 * items-changed. Later changes in the store reload it by themselves. */
void
liaison_contact_list_load_async (LiaisonContactList *self, GCancellable *cancellable,
                                 GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_CONTACT_LIST (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_contact_list_load_async);
  g_task_set_task_data (task, GSIZE_TO_POINTER (++self->load_serial), NULL);
  set_loading (self, TRUE);
  /* The first load takes the index the list started building when it was made (overlapping
   * that read with whatever its caller did meanwhile, such as building a window), unless a
   * change came since. A ready one is applied here; the task still returns from the main loop. */
  if (self->load_serial == 1 && self->n_changes == 0)
    {
      if (self->prefetched != NULL)
        {
          finish_load (self, task, g_steal_pointer (&self->prefetched), NULL);
          return;
        }
      if (self->prefetching)
        {
          self->prefetch_waiter = g_steal_pointer (&task);
          return;
        }
    }
  g_clear_pointer (&self->prefetched, liaison_contact_index_free);
  liaison_contact_index_load_async (self->store, self->lsq_connection_id, self->ghl_connection_id,
                                    cancellable ? cancellable : self->cancellable, load_done,
                                    g_steal_pointer (&task));
}

gboolean
liaison_contact_list_load_finish (LiaisonContactList *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
reload_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!liaison_contact_list_load_finish (LIAISON_CONTACT_LIST (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not reload the contact list: %s", error->message);
}

static gboolean
reload_timeout (gpointer user_data)
{
  LiaisonContactList *self = user_data;

  self->reload_source = 0;
  liaison_contact_list_load_async (self, NULL, reload_done, NULL);
  return G_SOURCE_REMOVE;
}

/* A refresh commits many pages in a row: coalesce them into one reload. */
static void
schedule_reload (LiaisonContactList *self)
{
  if (!self->loaded_once || self->reload_source != 0)
    return;
  self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_timeout, self);
}

static void
contacts_changed (LiaisonContactList *self)
{
  self->n_changes++;
  g_clear_pointer (&self->prefetched, liaison_contact_index_free);
  schedule_reload (self);
}

static void
on_records_changed (LiaisonStore *store, const char *connection_id, LiaisonRecordKind kind,
                    LiaisonContactList *self)
{
  if (kind == LIAISON_RECORD_CONTACT
      && (g_strcmp0 (connection_id, self->lsq_connection_id) == 0
          || g_strcmp0 (connection_id, self->ghl_connection_id) == 0))
    contacts_changed (self);
}

static void
on_links_changed (LiaisonStore *store, LiaisonRecordKind kind, LiaisonContactList *self)
{
  if (kind == LIAISON_RECORD_CONTACT)
    contacts_changed (self);
}

/* The store let the record record_id go (liaison_contact_list_copy_again_async): its row says so
 * at once, before the reload the store's signal brings (which then finds nothing changed). */
void
liaison_contact_list_forget_not_copied (LiaisonContactList *self, gint64 record_id)
{
  guint32 entry = G_MAXUINT32;

  if (self->index == NULL || record_id == 0)
    return;
  for (guint32 i = 0; i < self->index->n_entries; i++)
    {
      LiaisonContactEntry *e = &self->index->entries[i];

      if (e->not_copied != 0 && (e->lsq_rec == record_id || e->ghl_rec == record_id))
        {
          e->not_copied
              &= ~(1u << (e->lsq_rec == record_id ? LIAISON_SERVICE_LSQ : LIAISON_SERVICE_GHL));
          entry = i;
          break;
        }
    }
  if (entry == G_MAXUINT32)
    return;
  g_hash_table_remove (self->rows, GUINT_TO_POINTER (entry + 1));
  for (guint i = 0; i < self->n_visible; i++)
    if (self->visible[i] == entry)
      {
        g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);
        return;
      }
}

/* ---- public ---- */

LiaisonContactList *
liaison_contact_list_new (LiaisonStore *store, const char *lsq_connection_id,
                          const char *ghl_connection_id)
{
  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  return g_object_new (LIAISON_TYPE_CONTACT_LIST, "store", store, "lsq-connection-id",
                       lsq_connection_id, "ghl-connection-id", ghl_connection_id, NULL);
}

gboolean
liaison_contact_list_get_loading (LiaisonContactList *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_LIST (self), FALSE);
  return self->loads_in_flight > 0;
}

const char *
liaison_contact_list_get_filter_text (LiaisonContactList *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_LIST (self), NULL);
  return self->filter_text;
}

/* Matches name, e-mail, phone and company of either side, ignoring case and accents. */
void
liaison_contact_list_set_filter_text (LiaisonContactList *self, const char *text)
{
  g_return_if_fail (LIAISON_IS_CONTACT_LIST (self));
  if (g_strcmp0 (self->filter_text, text) == 0)
    return;
  g_free (self->filter_text);
  self->filter_text = g_strdup (text);
  g_free (self->filter_folded);
  self->filter_folded = liaison_normalize_text (text);
  refresh (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER_TEXT]);
}

LiaisonLinkStatus
liaison_contact_list_get_status_filter (LiaisonContactList *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_LIST (self), 0);
  return self->status_filter;
}

void
liaison_contact_list_set_status_filter (LiaisonContactList *self, LiaisonLinkStatus statuses)
{
  g_return_if_fail (LIAISON_IS_CONTACT_LIST (self));
  if (self->status_filter == statuses)
    return;
  self->status_filter = statuses;
  refresh (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_FILTER]);
}

LiaisonContactSort
liaison_contact_list_get_sort (LiaisonContactList *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_LIST (self), 0);
  return self->sort;
}

void
liaison_contact_list_set_sort (LiaisonContactList *self, LiaisonContactSort sort)
{
  g_return_if_fail (LIAISON_IS_CONTACT_LIST (self));
  if (self->sort == sort)
    return;
  self->sort = sort;
  refresh (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
}

LiaisonStore *
liaison_contact_list_get_store (LiaisonContactList *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_LIST (self), NULL);
  return self->store;
}

const char *
liaison_contact_list_get_connection_id (LiaisonContactList *self, LiaisonService service)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_LIST (self), NULL);
  return service == LIAISON_SERVICE_LSQ ? self->lsq_connection_id : self->ghl_connection_id;
}

const LiaisonContactIndex *
liaison_contact_list_get_index (LiaisonContactList *self)
{
  return self->index;
}

gint64
liaison_contact_list_get_refreshed_at (LiaisonContactList *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_LIST (self), 0);
  return self->index != NULL ? self->index->refreshed_at : 0;
}

/* Rows before any filter. */
guint
liaison_contact_list_get_n_total (LiaisonContactList *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_LIST (self), 0);
  return self->index ? self->index->n_entries : 0;
}

/* Rows of one status (a single flag) before any filter: for the status filter's counts. */
guint
liaison_contact_list_count_status (LiaisonContactList *self, LiaisonLinkStatus status)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_LIST (self), 0);
  g_return_val_if_fail (status != 0 && (status & (status - 1)) == 0, 0);
  if (self->index == NULL)
    return 0;
  return self->index->counts[g_bit_nth_lsf (status, -1)];
}

/* ---- GObject ---- */

static void
liaison_contact_list_constructed (GObject *object)
{
  LiaisonContactList *self = LIAISON_CONTACT_LIST (object);

  G_OBJECT_CLASS (liaison_contact_list_parent_class)->constructed (object);
  g_signal_connect_object (self->store, "records-changed", G_CALLBACK (on_records_changed), self,
                           0);
  g_signal_connect_object (self->store, "links-changed", G_CALLBACK (on_links_changed), self, 0);

  {
    GWeakRef *ref = g_new0 (GWeakRef, 1);

    g_weak_ref_init (ref, self);
    self->prefetching = TRUE;
    liaison_contact_index_load_async (self->store, self->lsq_connection_id, self->ghl_connection_id,
                                      self->cancellable, prefetch_done, ref);
  }
}

static void
liaison_contact_list_dispose (GObject *object)
{
  LiaisonContactList *self = LIAISON_CONTACT_LIST (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_pointer (&self->prefetched, liaison_contact_index_free);
  if (self->prefetch_waiter != NULL)
    {
      g_autoptr (GTask) waiter = g_steal_pointer (&self->prefetch_waiter);
      g_task_return_new_error (waiter, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "The contact list was closed");
    }
  if (self->rows != NULL)
    row_cache_clear (self);
  G_OBJECT_CLASS (liaison_contact_list_parent_class)->dispose (object);
}

static void
liaison_contact_list_finalize (GObject *object)
{
  LiaisonContactList *self = LIAISON_CONTACT_LIST (object);

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  liaison_contact_index_free (self->index);
  g_free (self->visible);
  g_free (self->lsq_connection_id);
  g_free (self->ghl_connection_id);
  g_free (self->filter_text);
  g_free (self->filter_folded);
  g_free (self->visible_folded);
  G_OBJECT_CLASS (liaison_contact_list_parent_class)->finalize (object);
}

static void
liaison_contact_list_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LiaisonContactList *self = LIAISON_CONTACT_LIST (object);

  switch (prop_id)
    {
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;
      case PROP_LSQ_CONNECTION_ID:
        g_value_set_string (value, self->lsq_connection_id);
        break;
      case PROP_GHL_CONNECTION_ID:
        g_value_set_string (value, self->ghl_connection_id);
        break;
      case PROP_FILTER_TEXT:
        g_value_set_string (value, self->filter_text);
        break;
      case PROP_STATUS_FILTER:
        g_value_set_flags (value, self->status_filter);
        break;
      case PROP_SORT:
        g_value_set_enum (value, self->sort);
        break;
      case PROP_LOADING:
        g_value_set_boolean (value, liaison_contact_list_get_loading (self));
        break;
      case PROP_N_ITEMS:
        g_value_set_uint (value, self->n_visible);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_contact_list_set_property (GObject *object, guint prop_id, const GValue *value,
                                   GParamSpec *pspec)
{
  LiaisonContactList *self = LIAISON_CONTACT_LIST (object);

  switch (prop_id)
    {
      case PROP_STORE:
        self->store = g_value_dup_object (value);
        break;
      case PROP_LSQ_CONNECTION_ID:
        self->lsq_connection_id = g_value_dup_string (value);
        break;
      case PROP_GHL_CONNECTION_ID:
        self->ghl_connection_id = g_value_dup_string (value);
        break;
      case PROP_FILTER_TEXT:
        liaison_contact_list_set_filter_text (self, g_value_get_string (value));
        break;
      case PROP_STATUS_FILTER:
        liaison_contact_list_set_status_filter (self, g_value_get_flags (value));
        break;
      case PROP_SORT:
        liaison_contact_list_set_sort (self, g_value_get_enum (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_contact_list_class_init (LiaisonContactListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = liaison_contact_list_constructed;
  object_class->dispose = liaison_contact_list_dispose;
  object_class->finalize = liaison_contact_list_finalize;
  object_class->get_property = liaison_contact_list_get_property;
  object_class->set_property = liaison_contact_list_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, LIAISON_TYPE_STORE, construct);
  properties[PROP_LSQ_CONNECTION_ID]
      = g_param_spec_string ("lsq-connection-id", NULL, NULL, NULL, construct);
  properties[PROP_GHL_CONNECTION_ID]
      = g_param_spec_string ("ghl-connection-id", NULL, NULL, NULL, construct);
  properties[PROP_FILTER_TEXT] = g_param_spec_string ("filter-text", NULL, NULL, NULL, rw);
  properties[PROP_STATUS_FILTER] = g_param_spec_flags (
      "status-filter", NULL, NULL, LIAISON_TYPE_LINK_STATUS, LIAISON_LINK_STATUS_ALL, rw);
  properties[PROP_SORT] = g_param_spec_enum ("sort", NULL, NULL, LIAISON_TYPE_CONTACT_SORT,
                                             LIAISON_CONTACT_SORT_NAME, rw);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_contact_list_init (LiaisonContactList *self)
{
  self->status_filter = LIAISON_LINK_STATUS_ALL;
  self->sort = LIAISON_CONTACT_SORT_NAME;
  self->rows = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->cancellable = g_cancellable_new ();
}
