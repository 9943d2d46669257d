/* liaison-calendar-list.c: LiaisonCalendarList. The items are read from the store (a handful of
 * rows, a main-thread read), so the list is filled on construction from what the last run
 * cached. A refresh lists the calendars through LiaisonGhlClient, stores them together with the
 * calendars that disappeared (marked deleted) in one transaction, and then re-reads the store:
 * one items-changed per batch, none when nothing changed.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-models"

#include "liaison-calendar-codec.h"
#include "liaison-calendar-data-private.h"
#include "liaison-calendar-list.h"

struct _LiaisonCalendarList
{
  GObject parent_instance;

  LiaisonStore *store;
  LiaisonGhlClient *client;
  char *connection_id;

  LiaisonCalendarDataItems items;
  GCancellable *cancellable;
  guint refreshes_in_flight;
};

enum
{
  PROP_0,
  PROP_STORE,
  PROP_CLIENT,
  PROP_CONNECTION_ID,
  PROP_LOADING,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LiaisonCalendarList, liaison_calendar_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return LIAISON_TYPE_CALENDAR;
}

static guint
get_n_items (GListModel *model)
{
  return LIAISON_CALENDAR_LIST (model)->items.objects->len;
}

static gpointer
get_item (GListModel *model, guint position)
{
  LiaisonCalendarList *self = LIAISON_CALENDAR_LIST (model);

  if (position >= self->items.objects->len)
    return NULL;
  return g_object_ref (self->items.objects->pdata[position]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static GPtrArray *
read_cached (LiaisonCalendarList *self, GError **error)
{
  return liaison_store_list_calendars (self->store, self->connection_id, error);
}

static void
reload (LiaisonCalendarList *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = read_cached (self, &error);
  guint n_before = self->items.objects->len;

  if (rows == NULL)
    {
      g_warning ("Could not read the cached calendars: %s", error->message);
      return;
    }
  liaison_calendar_data_items_replace (
      &self->items, G_LIST_MODEL (self), rows,
      (LiaisonCalendarDataDecode) liaison_calendar_codec_from_json);
  if (n_before != self->items.objects->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
on_records_changed (LiaisonStore *store, const char *connection_id, LiaisonRecordKind kind,
                    LiaisonCalendarList *self)
{
  if (kind == LIAISON_RECORD_CALENDAR && g_strcmp0 (connection_id, self->connection_id) == 0)
    reload (self);
}

static void
set_loading (LiaisonCalendarList *self, gboolean start)
{
  gboolean before = self->refreshes_in_flight > 0;

  self->refreshes_in_flight += start ? 1 : -1;
  if (before != (self->refreshes_in_flight > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
on_committed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LiaisonCalendarList *self = g_task_get_source_object (task);
  GError *error = NULL;

  set_loading (self, FALSE);
  if (!liaison_store_commit_page_finish (LIAISON_STORE (source), result, &error))
    {
      g_prefix_error (&error, "Could not keep the calendars: ");
      g_task_return_error (task, error);
      return;
    }
  /* The store's records-changed has usually done this already; then nothing changes here. */
  reload (self);
  g_task_return_boolean (task, TRUE);
}

static void
on_listed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LiaisonCalendarList *self = g_task_get_source_object (task);
  g_autoptr (GPtrArray) calendars = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GPtrArray) cached = NULL;
  g_autoptr (GPtrArray) gone = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GCancellable *cancellable;
  GError *error = NULL;

  calendars = liaison_ghl_client_list_finish (LIAISON_GHL_CLIENT (source), result, &error);
  if (calendars == NULL || (cached = read_cached (self, &error)) == NULL)
    {
      set_loading (self, FALSE);
      g_task_return_error (task, error);
      return;
    }

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
  for (guint i = 0; i < calendars->len; i++)
    {
      LiaisonStoreRecord *record = liaison_calendar_codec_to_record (calendars->pdata[i]);

      if (record == NULL)
        continue;
      g_hash_table_add (seen, record->remote_id);
      g_ptr_array_add (records, record);
    }
  /* The listing is complete: what the cache has beyond it was removed in HighLevel. */
  gone = liaison_calendar_data_gone (cached, seen);
  for (guint i = 0; i < gone->len; i++)
    g_ptr_array_add (records, liaison_store_record_copy (gone->pdata[i]));

  cancellable = g_task_get_cancellable (task);
  liaison_store_commit_page_async (self->store, self->connection_id, LIAISON_RECORD_CALENDAR,
                                   records, NULL, cancellable, on_committed,
                                   g_steal_pointer (&task));
}

/* Lists the calendars from HighLevel, keeps them in the store and updates the items. Fails with
 * G_IO_ERROR_NOT_CONNECTED when the list has no client. */
void
liaison_calendar_list_refresh_async (LiaisonCalendarList *self, GCancellable *cancellable,
                                     GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (LIAISON_IS_CALENDAR_LIST (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_calendar_list_refresh_async);
  if (self->client == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                               "HighLevel is not connected; showing the calendars saved earlier");
      return;
    }
  set_loading (self, TRUE);
  liaison_ghl_client_list_calendars_async (self->client,
                                           cancellable ? cancellable : self->cancellable, on_listed,
                                           g_steal_pointer (&task));
}

gboolean
liaison_calendar_list_refresh_finish (LiaisonCalendarList *self, GAsyncResult *result,
                                      GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

LiaisonCalendarList *
liaison_calendar_list_new (LiaisonStore *store, LiaisonGhlClient *client,
                           const char *ghl_connection_id)
{
  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (client == NULL || LIAISON_IS_GHL_CLIENT (client), NULL);
  g_return_val_if_fail (ghl_connection_id != NULL, NULL);
  return g_object_new (LIAISON_TYPE_CALENDAR_LIST, "store", store, "client", client,
                       "connection-id", ghl_connection_id, NULL);
}

gboolean
liaison_calendar_list_get_loading (LiaisonCalendarList *self)
{
  g_return_val_if_fail (LIAISON_IS_CALENDAR_LIST (self), FALSE);
  return self->refreshes_in_flight > 0;
}

/* The listed calendar with that id, or NULL. Transfer none. */
LiaisonCalendar *
liaison_calendar_list_lookup (LiaisonCalendarList *self, const char *calendar_id)
{
  g_return_val_if_fail (LIAISON_IS_CALENDAR_LIST (self), NULL);
  for (guint i = 0; i < self->items.ids->len; i++)
    if (g_strcmp0 (self->items.ids->pdata[i], calendar_id) == 0)
      return self->items.objects->pdata[i];
  return NULL;
}

static void
liaison_calendar_list_constructed (GObject *object)
{
  LiaisonCalendarList *self = LIAISON_CALENDAR_LIST (object);

  G_OBJECT_CLASS (liaison_calendar_list_parent_class)->constructed (object);
  g_signal_connect_object (self->store, "records-changed", G_CALLBACK (on_records_changed), self,
                           0);
  reload (self);
}

static void
liaison_calendar_list_dispose (GObject *object)
{
  LiaisonCalendarList *self = LIAISON_CALENDAR_LIST (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (liaison_calendar_list_parent_class)->dispose (object);
}

static void
liaison_calendar_list_finalize (GObject *object)
{
  LiaisonCalendarList *self = LIAISON_CALENDAR_LIST (object);

  liaison_calendar_data_items_clear (&self->items);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_free (self->connection_id);
  G_OBJECT_CLASS (liaison_calendar_list_parent_class)->finalize (object);
}

static void
liaison_calendar_list_get_property (GObject *object, guint prop_id, GValue *value,
                                    GParamSpec *pspec)
{
  LiaisonCalendarList *self = LIAISON_CALENDAR_LIST (object);

  switch (prop_id)
    {
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;
      case PROP_CLIENT:
        g_value_set_object (value, self->client);
        break;
      case PROP_CONNECTION_ID:
        g_value_set_string (value, self->connection_id);
        break;
      case PROP_LOADING:
        g_value_set_boolean (value, self->refreshes_in_flight > 0);
        break;
      case PROP_N_ITEMS:
        g_value_set_uint (value, self->items.objects->len);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_calendar_list_set_property (GObject *object, guint prop_id, const GValue *value,
                                    GParamSpec *pspec)
{
  LiaisonCalendarList *self = LIAISON_CALENDAR_LIST (object);

  switch (prop_id)
    {
      case PROP_STORE:
        self->store = g_value_dup_object (value);
        break;
      case PROP_CLIENT:
        self->client = g_value_dup_object (value);
        break;
      case PROP_CONNECTION_ID:
        self->connection_id = g_value_dup_string (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_calendar_list_class_init (LiaisonCalendarListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = liaison_calendar_list_constructed;
  object_class->dispose = liaison_calendar_list_dispose;
  object_class->finalize = liaison_calendar_list_finalize;
  object_class->get_property = liaison_calendar_list_get_property;
  object_class->set_property = liaison_calendar_list_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, LIAISON_TYPE_STORE, construct);
  properties[PROP_CLIENT]
      = g_param_spec_object ("client", NULL, NULL, LIAISON_TYPE_GHL_CLIENT, construct);
  properties[PROP_CONNECTION_ID]
      = g_param_spec_string ("connection-id", NULL, NULL, NULL, construct);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_calendar_list_init (LiaisonCalendarList *self)
{
  liaison_calendar_data_items_init (&self->items);
  self->cancellable = g_cancellable_new ();
}
