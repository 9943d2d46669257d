/* liaison-activity-list.c: LiaisonActivityList (see liaison-activity-list.h).
 *
 * Each service is one Side: the contact's id there, the items known per kind (NULL: not known
 * yet), the records the store holds for it (so that an answer can mark the ones it lacks as
 * deleted without reading the store again), the last error and the requests in flight. Setting
 * a contact reads the store (six small worker reads: three kinds on two sides) and asks the
 * services only once that read is in, so that an answer always finds the cached records it
 * replaces. Requests hold the list weakly and the cancellable of the contact they were made for:
 * an answer for another contact, or for a list that is gone, is dropped.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-models"

#include "liaison-activity-list.h"
#include "liaison-activity-states.h"
#include "liaison-codec.h"

enum
{
  GROUP_TASKS,
  GROUP_NOTES,
  GROUP_APPOINTMENTS,
  N_GROUPS
};

static const LiaisonRecordKind group_kinds[N_GROUPS] = {
  LIAISON_RECORD_TASK,
  LIAISON_RECORD_NOTE,
  LIAISON_RECORD_APPOINTMENT,
};

typedef struct
{
  LiaisonService service;
  char *connection_id;
  char *contact_id;            /* NULL: the contact is not in this service */
  GPtrArray *items[N_GROUPS];  /* GObjects; NULL: not known (nothing cached, not fetched yet) */
  GPtrArray *cached[N_GROUPS]; /* LiaisonStoreRecords the store holds; NULL: not read */
  GError *error;               /* the last fetch failed */
  guint pending;               /* requests in flight */
} Side;

struct _LiaisonActivityList
{
  GObject parent_instance;

  LiaisonStore *store;
  LiaisonLsqClient *lsq_client;
  LiaisonGhlClient *ghl_client;
  Side sides[2];    /* by LiaisonService */
  GPtrArray *shown; /* LiaisonActivityItems, in order */

  GCancellable *contact_cancellable; /* the store read of the contact shown */
  GCancellable *fetch_cancellable;   /* the requests for the contact shown */
  GCancellable *cancellable;         /* the list's lifetime: cache writes */
  GCancellable *states_cancellable;  /* the read of the items' sync states */
  guint reads_pending;
  GError *cache_error; /* the contact's cached items could not be read */
  gboolean was_loading;
};

enum
{
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

enum
{
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LiaisonActivityList, liaison_activity_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* ---- GListModel ---- */

static GType
get_item_type (GListModel *model)
{
  return LIAISON_TYPE_ACTIVITY_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return LIAISON_ACTIVITY_LIST (model)->shown->len;
}

static gpointer
get_item (GListModel *model, guint position)
{
  LiaisonActivityList *self = LIAISON_ACTIVITY_LIST (model);

  if (position >= self->shown->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->shown, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* ---- state ---- */

static gboolean
side_present (LiaisonActivityList *self, const Side *side)
{
  return self->store != NULL && side->connection_id != NULL && side->contact_id != NULL;
}

static gboolean
side_has_client (LiaisonActivityList *self, const Side *side)
{
  return side->service == LIAISON_SERVICE_LSQ ? self->lsq_client != NULL : self->ghl_client != NULL;
}

static void
side_clear_items (Side *side)
{
  for (guint g = 0; g < N_GROUPS; g++)
    {
      g_clear_pointer (&side->items[g], g_ptr_array_unref);
      g_clear_pointer (&side->cached[g], g_ptr_array_unref);
    }
  g_clear_error (&side->error);
  side->pending = 0;
}

static int
group_of (LiaisonRecordKind kind)
{
  for (guint g = 0; g < N_GROUPS; g++)
    if (group_kinds[g] == kind)
      return (int) g;
  return -1;
}

/* Makes the items from what both sides know and announces the change as one span. An object
 * still shown keeps its LiaisonActivityItem. */
static void
rebuild (LiaisonActivityList *self)
{
  g_autoptr (GHashTable) old_items = g_hash_table_new (NULL, NULL);
  g_autoptr (GPtrArray) old = self->shown;
  GPtrArray *fresh = g_ptr_array_new_with_free_func (g_object_unref);
  guint prefix = 0, suffix = 0;

  for (guint i = 0; i < old->len; i++)
    {
      LiaisonActivityItem *item = g_ptr_array_index (old, i);

      g_hash_table_insert (old_items, liaison_activity_item_get_object (item), item);
    }
  for (guint g = 0; g < N_GROUPS; g++)
    {
      g_autoptr (GPtrArray) group = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint s = 0; s < 2; s++)
        {
          Side *side = &self->sides[s];

          if (!side_present (self, side) || side->items[g] == NULL)
            continue;
          for (guint i = 0; i < side->items[g]->len; i++)
            {
              GObject *object = g_ptr_array_index (side->items[g], i);
              LiaisonActivityItem *item = g_hash_table_lookup (old_items, object);

              if (item != NULL && liaison_activity_item_get_service (item) == side->service)
                g_ptr_array_add (group, g_object_ref (item));
              else
                g_ptr_array_add (group, liaison_activity_item_new (side->service, object));
            }
        }
      g_ptr_array_sort (group, liaison_activity_item_compare_indirect);
      for (guint i = 0; i < group->len; i++)
        g_ptr_array_add (fresh, g_object_ref (g_ptr_array_index (group, i)));
    }

  while (prefix < old->len && prefix < fresh->len && old->pdata[prefix] == fresh->pdata[prefix])
    prefix++;
  while (suffix < old->len - prefix && suffix < fresh->len - prefix
         && old->pdata[old->len - 1 - suffix] == fresh->pdata[fresh->len - 1 - suffix])
    suffix++;
  /* The model must answer with the new items when the signal runs. */
  self->shown = fresh;
  if (prefix + suffix < MAX (old->len, fresh->len))
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, old->len - prefix - suffix,
                                fresh->len - prefix - suffix);
}

static void
on_states (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  gboolean changed = FALSE;

  /* Cancelled when the list is gone or has asked again; a failed read leaves no state shown. */
  if (liaison_activity_states_update_finish (result, &changed, &error) && changed)
    g_signal_emit (LIAISON_ACTIVITY_LIST (user_data), signals[CHANGED], 0);
}

/* The sync states of the items shown, for a contact in both services: after the cache writes. */
static void
read_states (LiaisonActivityList *self)
{
  Side *lsq = &self->sides[LIAISON_SERVICE_LSQ], *ghl = &self->sides[LIAISON_SERVICE_GHL];

  g_cancellable_cancel (self->states_cancellable);
  g_clear_object (&self->states_cancellable);
  if (!side_present (self, lsq) || !side_present (self, ghl) || self->shown->len == 0)
    return;
  self->states_cancellable = g_cancellable_new ();
  liaison_activity_states_update_async (self->store, lsq->connection_id, lsq->contact_id,
                                        ghl->connection_id, ghl->contact_id, self->shown,
                                        self->states_cancellable, on_states, self);
}

/* Tells the listeners that something changed: "loading" when it did, then "changed". */
static void
announce (LiaisonActivityList *self)
{
  gboolean loading = liaison_activity_list_get_loading (self);

  if (loading != self->was_loading)
    {
      self->was_loading = loading;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
  read_states (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ---- the cache ---- */

static void
on_cached (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  /* The items are shown already; a failed write only costs the next start its head start. */
  if (!liaison_store_commit_page_finish (LIAISON_STORE (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not cache a contact's items: %s", error->message);
}

/* Stores items as the contact's children of that kind, and marks the cached ones the service
 * no longer lists as deleted. */
static void
write_cache (LiaisonActivityList *self, Side *side, guint group, GPtrArray *items)
{
  g_autoptr (GPtrArray) records
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *cached = side->cached[group];
  GPtrArray *now_cached
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);

  for (guint i = 0; i < items->len; i++)
    {
      GObject *object = g_ptr_array_index (items, i);
      LiaisonStoreRecord *record = liaison_codec_item_to_record (object, side->contact_id);

      if (record == NULL)
        continue;
      g_hash_table_add (seen, (gpointer) liaison_codec_item_id (object));
      g_ptr_array_add (records, record);
      g_ptr_array_add (now_cached, liaison_store_record_copy (record));
    }
  for (guint i = 0; cached != NULL && i < cached->len; i++)
    {
      LiaisonStoreRecord *old = g_ptr_array_index (cached, i);

      if (!g_hash_table_contains (seen, old->remote_id))
        {
          LiaisonStoreRecord *gone = liaison_store_record_copy (old);

          gone->deleted = TRUE;
          g_ptr_array_add (records, gone);
        }
    }
  /* What the store will hold once this write is done: the next answer compares with it. */
  g_clear_pointer (&side->cached[group], g_ptr_array_unref);
  side->cached[group] = now_cached;
  if (records->len == 0)
    return;
  liaison_store_commit_page_async (self->store, side->connection_id, group_kinds[group], records,
                                   NULL, self->cancellable, on_cached, NULL);
}

/* ---- requests ---- */

typedef struct
{
  GWeakRef self;             /* a request in flight does not keep the list alive */
  GCancellable *cancellable; /* of the contact the request was made for */
  LiaisonService service;
  guint group; /* N_GROUPS: LeadSquared's tasks, which hold its appointments too */
} Request;

static Request *
request_new (LiaisonActivityList *self, GCancellable *cancellable, LiaisonService service,
             guint group)
{
  Request *request = g_new0 (Request, 1);

  g_weak_ref_init (&request->self, self);
  request->cancellable = g_object_ref (cancellable);
  request->service = service;
  request->group = group;
  return request;
}

static void
request_free (Request *request)
{
  g_weak_ref_clear (&request->self);
  g_object_unref (request->cancellable);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

/* The list the request was made for, if it still shows that contact. */
static LiaisonActivityList *
request_get_list (Request *request)
{
  /* Dispose cancels too: a cancelled request's list may be gone. */
  if (g_cancellable_is_cancelled (request->cancellable))
    return NULL;
  return g_weak_ref_get (&request->self);
}

static void fetch (LiaisonActivityList *self, gboolean failed_only);

static GPtrArray *
decode (GPtrArray *records)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < records->len; i++)
    {
      g_autoptr (GError) error = NULL;
      GObject *object = liaison_codec_item_from_record (g_ptr_array_index (records, i), &error);

      if (object != NULL)
        g_ptr_array_add (items, object);
      else
        g_warning ("Skipped a cached item: %s", error->message);
    }
  return items;
}

static void
on_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Request) request = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (LiaisonActivityList) self = NULL;
  Side *side;

  records = liaison_store_list_children_finish (LIAISON_STORE (source), result, &error);
  self = request_get_list (request);
  if (self == NULL)
    return;
  side = &self->sides[request->service];
  g_return_if_fail (self->reads_pending > 0);
  self->reads_pending--;

  if (records == NULL)
    {
      /* One sentence is enough: the first failure explains it. The widget shows it, so the log
       * gets a message rather than a warning. */
      if (self->cache_error == NULL)
        {
          g_message ("Could not read the cached %s of a contact: %s",
                     liaison_record_kind_to_string (group_kinds[request->group]), error->message);
          self->cache_error = g_steal_pointer (&error);
        }
    }
  else
    {
      g_clear_pointer (&side->cached[request->group], g_ptr_array_unref);
      side->cached[request->group] = g_ptr_array_ref (records);
      /* Nothing cached is "not known yet", not "none": it may never have been fetched. */
      if (records->len > 0)
        side->items[request->group] = decode (records);
    }
  if (self->reads_pending > 0)
    return;
  /* Everything cached at once, then the services. */
  rebuild (self);
  fetch (self, FALSE);
  announce (self);
}

static void
read_cache (LiaisonActivityList *self)
{
  for (guint s = 0; s < 2; s++)
    {
      Side *side = &self->sides[s];

      if (!side_present (self, side))
        continue;
      for (guint g = 0; g < N_GROUPS; g++)
        {
          self->reads_pending++;
          liaison_store_list_children_async (
              self->store, side->connection_id, group_kinds[g], side->contact_id,
              self->contact_cancellable, on_read,
              request_new (self, self->contact_cancellable, side->service, g));
        }
    }
}

static void
set_items (LiaisonActivityList *self, Side *side, guint group, GPtrArray *items)
{
  g_clear_pointer (&side->items[group], g_ptr_array_unref);
  side->items[group] = g_ptr_array_ref (items);
  write_cache (self, side, group, items);
}

static void
request_done (Request *request, GPtrArray *items, GError *error)
{
  g_autoptr (LiaisonActivityList) self = request_get_list (request);
  Side *side;

  if (self == NULL)
    return;
  side = &self->sides[request->service];
  g_return_if_fail (side->pending > 0);
  side->pending--;

  if (items == NULL)
    {
      g_debug ("Could not fetch a contact's items from %s: %s",
               liaison_service_to_string (side->service), error->message);
      /* One error per service is enough: the first failure explains it. */
      if (side->error == NULL)
        side->error = g_error_copy (error);
    }
  else if (request->group < N_GROUPS)
    set_items (self, side, request->group, items);
  else
    {
      /* LeadSquared keeps to-dos and appointments as tasks of two categories. */
      g_autoptr (GPtrArray) tasks = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr (GPtrArray) appointments = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < items->len; i++)
        {
          GObject *object = g_ptr_array_index (items, i);

          if (LIAISON_IS_APPOINTMENT (object))
            g_ptr_array_add (appointments, g_object_ref (object));
          else if (LIAISON_IS_TASK (object))
            g_ptr_array_add (tasks, g_object_ref (object));
        }
      set_items (self, side, GROUP_TASKS, tasks);
      set_items (self, side, GROUP_APPOINTMENTS, appointments);
    }
  rebuild (self);
  announce (self);
}

static void
on_ghl_list (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Request) request = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = NULL;

  items = liaison_ghl_client_list_finish (LIAISON_GHL_CLIENT (source), result, &error);
  request_done (request, items, error);
}

static void
on_lsq_list (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Request) request = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = NULL;

  items = liaison_lsq_client_list_finish (LIAISON_LSQ_CLIENT (source), result, &error);
  request_done (request, items, error);
}

static void
fetch_side (LiaisonActivityList *self, Side *side)
{
  GCancellable *cancellable = self->fetch_cancellable;

  if (!side_present (self, side) || side->pending > 0)
    return;
  g_clear_error (&side->error);

  if (side->service == LIAISON_SERVICE_GHL && self->ghl_client != NULL)
    {
      /* Three requests at once: HighLevel lists each kind on its own route. */
      side->pending = 3;
      liaison_ghl_client_list_tasks_async (
          self->ghl_client, side->contact_id, cancellable, on_ghl_list,
          request_new (self, cancellable, side->service, GROUP_TASKS));
      liaison_ghl_client_list_notes_async (
          self->ghl_client, side->contact_id, cancellable, on_ghl_list,
          request_new (self, cancellable, side->service, GROUP_NOTES));
      liaison_ghl_client_list_contact_appointments_async (
          self->ghl_client, side->contact_id, cancellable, on_ghl_list,
          request_new (self, cancellable, side->service, GROUP_APPOINTMENTS));
    }
  else if (side->service == LIAISON_SERVICE_LSQ && self->lsq_client != NULL)
    {
      side->pending = 2;
      /* Only a task read in full tells a to-do from an appointment. */
      liaison_lsq_client_list_lead_tasks_async (
          self->lsq_client, side->contact_id, TRUE, cancellable, on_lsq_list,
          request_new (self, cancellable, side->service, N_GROUPS));
      liaison_lsq_client_list_notes_async (
          self->lsq_client, side->contact_id, cancellable, on_lsq_list,
          request_new (self, cancellable, side->service, GROUP_NOTES));
    }
}

/* Both services at once; a side without a client shows what is cached. */
static void
fetch (LiaisonActivityList *self, gboolean failed_only)
{
  for (guint s = 0; s < 2; s++)
    if (!failed_only || self->sides[s].error != NULL)
      fetch_side (self, &self->sides[s]);
}

/* Drops the requests in flight; their answers are ignored when they come. */
static void
restart_requests (LiaisonActivityList *self)
{
  g_cancellable_cancel (self->fetch_cancellable);
  g_clear_object (&self->fetch_cancellable);
  self->fetch_cancellable = g_cancellable_new ();
  self->sides[0].pending = 0;
  self->sides[1].pending = 0;
}

static void
change_contact (LiaisonActivityList *self, const char *lsq_id, const char *ghl_id)
{
  restart_requests (self);
  g_cancellable_cancel (self->contact_cancellable);
  g_clear_object (&self->contact_cancellable);
  self->contact_cancellable = g_cancellable_new ();
  self->reads_pending = 0;
  g_clear_error (&self->cache_error);
  for (guint s = 0; s < 2; s++)
    {
      Side *side = &self->sides[s];

      side_clear_items (side);
      g_free (side->contact_id);
      side->contact_id = g_strdup (s == LIAISON_SERVICE_LSQ ? lsq_id : ghl_id);
    }
  rebuild (self);
  read_cache (self);
  announce (self);
}

/* ---- public ---- */

LiaisonActivityList *
liaison_activity_list_new (void)
{
  return g_object_new (LIAISON_TYPE_ACTIVITY_LIST, NULL);
}

void
liaison_activity_list_set_source (LiaisonActivityList *self, LiaisonStore *store,
                                  const char *lsq_connection_id, const char *ghl_connection_id)
{
  g_return_if_fail (LIAISON_IS_ACTIVITY_LIST (self));
  g_return_if_fail (store == NULL || LIAISON_IS_STORE (store));

  g_set_object (&self->store, store);
  g_free (self->sides[LIAISON_SERVICE_LSQ].connection_id);
  self->sides[LIAISON_SERVICE_LSQ].connection_id = g_strdup (lsq_connection_id);
  g_free (self->sides[LIAISON_SERVICE_GHL].connection_id);
  self->sides[LIAISON_SERVICE_GHL].connection_id = g_strdup (ghl_connection_id);
  /* Whatever is shown came from the old source: forget it. */
  change_contact (self, NULL, NULL);
}

void
liaison_activity_list_set_clients (LiaisonActivityList *self, LiaisonLsqClient *lsq_client,
                                   LiaisonGhlClient *ghl_client)
{
  g_return_if_fail (LIAISON_IS_ACTIVITY_LIST (self));

  if (self->lsq_client == lsq_client && self->ghl_client == ghl_client)
    return;
  g_set_object (&self->lsq_client, lsq_client);
  g_set_object (&self->ghl_client, ghl_client);

  /* An account was connected or replaced: ask again with the new clients (once the store has
   * been read, if it is being read). */
  restart_requests (self);
  if (self->reads_pending == 0)
    fetch (self, FALSE);
  announce (self);
}

void
liaison_activity_list_set_contact (LiaisonActivityList *self, const char *lsq_id,
                                   const char *ghl_id)
{
  g_return_if_fail (LIAISON_IS_ACTIVITY_LIST (self));

  /* A contact list reloads its rows now and then: the same contact is not fetched again. */
  if (g_strcmp0 (lsq_id, self->sides[LIAISON_SERVICE_LSQ].contact_id) == 0
      && g_strcmp0 (ghl_id, self->sides[LIAISON_SERVICE_GHL].contact_id) == 0)
    return;
  change_contact (self, lsq_id, ghl_id);
}

void
liaison_activity_list_refresh (LiaisonActivityList *self, gboolean failed_only)
{
  g_return_if_fail (LIAISON_IS_ACTIVITY_LIST (self));

  if (self->reads_pending > 0)
    return; /* the services are asked as soon as the store has been read */
  fetch (self, failed_only);
  announce (self);
}

gboolean
liaison_activity_list_get_reading (LiaisonActivityList *self)
{
  g_return_val_if_fail (LIAISON_IS_ACTIVITY_LIST (self), FALSE);
  return self->reads_pending > 0;
}

gboolean
liaison_activity_list_get_side_loading (LiaisonActivityList *self, LiaisonService service)
{
  Side *side;

  g_return_val_if_fail (LIAISON_IS_ACTIVITY_LIST (self), FALSE);
  g_return_val_if_fail (service <= LIAISON_SERVICE_GHL, FALSE);
  side = &self->sides[service];
  return side->pending > 0
         || (self->reads_pending > 0 && side_present (self, side) && side_has_client (self, side));
}

gboolean
liaison_activity_list_get_loading (LiaisonActivityList *self)
{
  g_return_val_if_fail (LIAISON_IS_ACTIVITY_LIST (self), FALSE);
  return self->reads_pending > 0 || self->sides[0].pending > 0 || self->sides[1].pending > 0;
}

gboolean
liaison_activity_list_has_side (LiaisonActivityList *self, LiaisonService service)
{
  g_return_val_if_fail (LIAISON_IS_ACTIVITY_LIST (self), FALSE);
  g_return_val_if_fail (service <= LIAISON_SERVICE_GHL, FALSE);
  return side_present (self, &self->sides[service]);
}

gboolean
liaison_activity_list_get_known (LiaisonActivityList *self, LiaisonService service,
                                 LiaisonRecordKind kind)
{
  int group = group_of (kind);

  g_return_val_if_fail (LIAISON_IS_ACTIVITY_LIST (self), FALSE);
  g_return_val_if_fail (service <= LIAISON_SERVICE_GHL, FALSE);
  g_return_val_if_fail (group >= 0, FALSE);
  return side_present (self, &self->sides[service]) && self->sides[service].items[group] != NULL;
}

const GError *
liaison_activity_list_get_error (LiaisonActivityList *self, LiaisonService service)
{
  g_return_val_if_fail (LIAISON_IS_ACTIVITY_LIST (self), NULL);
  g_return_val_if_fail (service <= LIAISON_SERVICE_GHL, NULL);
  return self->sides[service].error;
}

const GError *
liaison_activity_list_get_cache_error (LiaisonActivityList *self)
{
  g_return_val_if_fail (LIAISON_IS_ACTIVITY_LIST (self), NULL);
  return self->cache_error;
}

/* ---- GObject ---- */

static void
liaison_activity_list_dispose (GObject *object)
{
  LiaisonActivityList *self = LIAISON_ACTIVITY_LIST (object);

  g_cancellable_cancel (self->contact_cancellable);
  g_cancellable_cancel (self->fetch_cancellable);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->states_cancellable);
  for (guint s = 0; s < 2; s++)
    side_clear_items (&self->sides[s]);
  self->reads_pending = 0;
  g_clear_object (&self->store);
  g_clear_object (&self->lsq_client);
  g_clear_object (&self->ghl_client);
  G_OBJECT_CLASS (liaison_activity_list_parent_class)->dispose (object);
}

static void
liaison_activity_list_finalize (GObject *object)
{
  LiaisonActivityList *self = LIAISON_ACTIVITY_LIST (object);

  g_clear_object (&self->contact_cancellable);
  g_clear_object (&self->fetch_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->states_cancellable);
  g_clear_error (&self->cache_error);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  for (guint s = 0; s < 2; s++)
    {
      g_clear_pointer (&self->sides[s].connection_id, g_free);
      g_clear_pointer (&self->sides[s].contact_id, g_free);
    }
  G_OBJECT_CLASS (liaison_activity_list_parent_class)->finalize (object);
}

static void
liaison_activity_list_get_property (GObject *object, guint prop_id, GValue *value,
                                    GParamSpec *pspec)
{
  LiaisonActivityList *self = LIAISON_ACTIVITY_LIST (object);

  switch (prop_id)
    {
      case PROP_LOADING:
        g_value_set_boolean (value, liaison_activity_list_get_loading (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_activity_list_class_init (LiaisonActivityListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liaison_activity_list_dispose;
  object_class->finalize = liaison_activity_list_finalize;
  object_class->get_property = liaison_activity_list_get_property;

  properties[PROP_LOADING]
      = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After every change of what the list knows, items-changed (if any) first. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);
}

static void
liaison_activity_list_init (LiaisonActivityList *self)
{
  self->sides[LIAISON_SERVICE_LSQ].service = LIAISON_SERVICE_LSQ;
  self->sides[LIAISON_SERVICE_GHL].service = LIAISON_SERVICE_GHL;
  self->shown = g_ptr_array_new_with_free_func (g_object_unref);
  self->contact_cancellable = g_cancellable_new ();
  self->fetch_cancellable = g_cancellable_new ();
  self->cancellable = g_cancellable_new ();
}
