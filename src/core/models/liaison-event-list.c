/* liaison-event-list.c: LiaisonEventList. Moving the window re-reads the store (a short,
 * main-thread read of one window) and announces the difference with one items-changed. A
 * refresh asks HighLevel for the events of the window (per calendar; for all calendars it lists
 * them first), then stores what came back, and the cached appointments of the window that no
 * longer came back marked deleted, in one transaction; the store's records-changed then brings
 * the new data into every event list whose window it touches, again as one items-changed.
 *
 * An appointment is in a window when it overlaps it, as HighLevel's events listing has it; one
 * without a duration is in the windows that contain its start.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-models"

#include "liaison-appointment-codec.h"
#include "liaison-calendar-data-private.h"
#include "liaison-event-list.h"

struct _LiaisonEventList
{
  GObject parent_instance;

  LiaisonStore *store;
  LiaisonGhlClient *client;
  char *connection_id;
  char *calendar_id;
  GDateTime *from;
  GDateTime *to;

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
  PROP_CALENDAR_ID,
  PROP_FROM,
  PROP_TO,
  PROP_LOADING,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LiaisonEventList, liaison_event_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return LIAISON_TYPE_APPOINTMENT;
}

static guint
get_n_items (GListModel *model)
{
  return LIAISON_EVENT_LIST (model)->items.objects->len;
}

static gpointer
get_item (GListModel *model, guint position)
{
  LiaisonEventList *self = LIAISON_EVENT_LIST (model);

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

/* ---- reading the cache ---- */

static GPtrArray *
read_window (LiaisonEventList *self, GDateTime *from, GDateTime *to, GError **error)
{
  return liaison_store_list_appointments (self->store, self->connection_id,
                                          liaison_codec_time_to_ms (from),
                                          liaison_codec_time_to_ms (to), self->calendar_id, error);
}

static void
reload (LiaisonEventList *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  guint n_before = self->items.objects->len;

  if (self->from == NULL)
    rows = g_ptr_array_new ();
  else
    rows = read_window (self, self->from, self->to, &error);
  if (rows == NULL)
    {
      g_warning ("Could not read the cached appointments: %s", error->message);
      return;
    }
  liaison_calendar_data_items_replace (
      &self->items, G_LIST_MODEL (self), rows,
      (LiaisonCalendarDataDecode) liaison_appointment_codec_from_json);
  if (n_before != self->items.objects->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
on_records_changed (LiaisonStore *store, const char *connection_id, LiaisonRecordKind kind,
                    LiaisonEventList *self)
{
  if (kind == LIAISON_RECORD_APPOINTMENT && g_strcmp0 (connection_id, self->connection_id) == 0)
    reload (self);
}

/* ---- refreshing ---- */

typedef struct
{
  GDateTime *from;
  GDateTime *to;
  guint pending;
  GPtrArray *appointments;
  GError *error;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_date_time_unref (fetch->from);
  g_date_time_unref (fetch->to);
  g_ptr_array_unref (fetch->appointments);
  g_clear_error (&fetch->error);
  g_free (fetch);
}

static void
set_loading (LiaisonEventList *self, gboolean start)
{
  gboolean before = self->refreshes_in_flight > 0;

  self->refreshes_in_flight += start ? 1 : -1;
  if (before != (self->refreshes_in_flight > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
fail (GTask *task, GError *error)
{
  set_loading (g_task_get_source_object (task), FALSE);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
on_committed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  LiaisonEventList *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!liaison_store_commit_page_finish (LIAISON_STORE (source), result, &error))
    {
      g_prefix_error (&error, "Could not keep the appointments: ");
      fail (task, error);
      return;
    }
  set_loading (self, FALSE);
  /* Usually records-changed has brought the data in already; then this changes nothing. */
  reload (self);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
store_fetched (GTask *task)
{
  LiaisonEventList *self = g_task_get_source_object (task);
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr (GPtrArray) records
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
  g_autoptr (GPtrArray) cached = NULL;
  g_autoptr (GPtrArray) gone = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GError *error = NULL;

  if (fetch->error != NULL)
    {
      fail (task, g_steal_pointer (&fetch->error));
      return;
    }
  cached = read_window (self, fetch->from, fetch->to, &error);
  if (cached == NULL)
    {
      fail (task, error);
      return;
    }
  for (guint i = 0; i < fetch->appointments->len; i++)
    {
      LiaisonStoreRecord *record
          = liaison_appointment_codec_to_record (fetch->appointments->pdata[i]);

      if (record == NULL)
        {
          g_debug ("Skipping an appointment without a start time");
          continue;
        }
      g_hash_table_add (seen, record->remote_id);
      g_ptr_array_add (records, record);
    }
  /* The listing covers the whole window: what the cache has beyond it was cancelled for good,
   * deleted or moved elsewhere in HighLevel. */
  gone = liaison_calendar_data_gone (cached, seen);
  for (guint i = 0; i < gone->len; i++)
    g_ptr_array_add (records, liaison_store_record_copy (gone->pdata[i]));

  liaison_store_commit_page_async (self->store, self->connection_id, LIAISON_RECORD_APPOINTMENT,
                                   records, NULL, g_task_get_cancellable (task), on_committed,
                                   task);
}

static void
on_events (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (GPtrArray) events
      = liaison_ghl_client_list_finish (LIAISON_GHL_CLIENT (source), result, &error);

  if (events == NULL)
    {
      /* The first error wins; the other calendars' answers are dropped with it. */
      if (fetch->error == NULL)
        fetch->error = error;
      else
        g_error_free (error);
    }
  else
    for (guint i = 0; i < events->len; i++)
      g_ptr_array_add (fetch->appointments, g_object_ref (events->pdata[i]));
  if (--fetch->pending == 0)
    store_fetched (task);
}

static void
fetch_calendar (GTask *task, const char *calendar_id)
{
  LiaisonEventList *self = g_task_get_source_object (task);
  Fetch *fetch = g_task_get_task_data (task);

  fetch->pending++;
  liaison_ghl_client_list_events_async (self->client, calendar_id, fetch->from, fetch->to,
                                        g_task_get_cancellable (task), on_events, task);
}

static void
on_calendars (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  g_autoptr (GPtrArray) calendars
      = liaison_ghl_client_list_finish (LIAISON_GHL_CLIENT (source), result, &error);
  Fetch *fetch = g_task_get_task_data (task);

  if (calendars == NULL)
    {
      fail (task, error);
      return;
    }
  /* Held until every calendar was asked, so that an early answer cannot end the fetch. */
  fetch->pending++;
  for (guint i = 0; i < calendars->len; i++)
    fetch_calendar (task, liaison_calendar_get_id (calendars->pdata[i]));
  if (--fetch->pending == 0)
    store_fetched (task);
}

/* Fetches the appointments of the current window from HighLevel and keeps them in the store;
 * the items follow with one items-changed. The window may move meanwhile: what was fetched is
 * still kept, and the items show the window that is current when it arrives. */
void
liaison_event_list_refresh_async (LiaisonEventList *self, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task;
  Fetch *fetch;

  g_return_if_fail (LIAISON_IS_EVENT_LIST (self));
  task = g_task_new (self, cancellable ? cancellable : self->cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_event_list_refresh_async);
  if (self->client == NULL || self->from == NULL)
    {
      g_task_return_new_error (
          task, G_IO_ERROR,
          self->client == NULL ? G_IO_ERROR_NOT_CONNECTED : G_IO_ERROR_INVALID_ARGUMENT,
          self->client == NULL ? "HighLevel is not connected; showing the appointments "
                                 "saved earlier"
                               : "No date window is set");
      g_object_unref (task);
      return;
    }
  fetch = g_new0 (Fetch, 1);
  fetch->from = g_date_time_ref (self->from);
  fetch->to = g_date_time_ref (self->to);
  fetch->appointments = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);
  set_loading (self, TRUE);

  if (self->calendar_id != NULL)
    fetch_calendar (task, self->calendar_id);
  else
    liaison_ghl_client_list_calendars_async (self->client, g_task_get_cancellable (task),
                                             on_calendars, task);
}

gboolean
liaison_event_list_refresh_finish (LiaisonEventList *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- public ---- */

LiaisonEventList *
liaison_event_list_new (LiaisonStore *store, LiaisonGhlClient *client,
                        const char *ghl_connection_id, const char *calendar_id)
{
  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (client == NULL || LIAISON_IS_GHL_CLIENT (client), NULL);
  g_return_val_if_fail (ghl_connection_id != NULL, NULL);
  return g_object_new (LIAISON_TYPE_EVENT_LIST, "store", store, "client", client, "connection-id",
                       ghl_connection_id, "calendar-id", calendar_id, NULL);
}

const char *
liaison_event_list_get_calendar_id (LiaisonEventList *self)
{
  g_return_val_if_fail (LIAISON_IS_EVENT_LIST (self), NULL);
  return self->calendar_id;
}

/* Shows the cached appointments of [from, to) at once, with one items-changed; call
 * liaison_event_list_refresh_async() to bring the window up to date. */
void
liaison_event_list_set_window (LiaisonEventList *self, GDateTime *from, GDateTime *to)
{
  g_return_if_fail (LIAISON_IS_EVENT_LIST (self));
  g_return_if_fail (from != NULL && to != NULL);
  g_return_if_fail (g_date_time_compare (from, to) < 0);

  if (self->from != NULL && g_date_time_equal (self->from, from)
      && g_date_time_equal (self->to, to))
    return;
  g_clear_pointer (&self->from, g_date_time_unref);
  g_clear_pointer (&self->to, g_date_time_unref);
  self->from = g_date_time_ref (from);
  self->to = g_date_time_ref (to);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROM]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TO]);
}

GDateTime *
liaison_event_list_get_from (LiaisonEventList *self)
{
  g_return_val_if_fail (LIAISON_IS_EVENT_LIST (self), NULL);
  return self->from;
}

GDateTime *
liaison_event_list_get_to (LiaisonEventList *self)
{
  g_return_val_if_fail (LIAISON_IS_EVENT_LIST (self), NULL);
  return self->to;
}

gboolean
liaison_event_list_get_loading (LiaisonEventList *self)
{
  g_return_val_if_fail (LIAISON_IS_EVENT_LIST (self), FALSE);
  return self->refreshes_in_flight > 0;
}

/* ---- GObject ---- */

static void
liaison_event_list_constructed (GObject *object)
{
  LiaisonEventList *self = LIAISON_EVENT_LIST (object);

  G_OBJECT_CLASS (liaison_event_list_parent_class)->constructed (object);
  g_signal_connect_object (self->store, "records-changed", G_CALLBACK (on_records_changed), self,
                           0);
}

static void
liaison_event_list_dispose (GObject *object)
{
  LiaisonEventList *self = LIAISON_EVENT_LIST (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (liaison_event_list_parent_class)->dispose (object);
}

static void
liaison_event_list_finalize (GObject *object)
{
  LiaisonEventList *self = LIAISON_EVENT_LIST (object);

  liaison_calendar_data_items_clear (&self->items);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_pointer (&self->from, g_date_time_unref);
  g_clear_pointer (&self->to, g_date_time_unref);
  g_free (self->connection_id);
  g_free (self->calendar_id);
  G_OBJECT_CLASS (liaison_event_list_parent_class)->finalize (object);
}

static void
liaison_event_list_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LiaisonEventList *self = LIAISON_EVENT_LIST (object);

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
      case PROP_CALENDAR_ID:
        g_value_set_string (value, self->calendar_id);
        break;
      case PROP_FROM:
        g_value_set_boxed (value, self->from);
        break;
      case PROP_TO:
        g_value_set_boxed (value, self->to);
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
liaison_event_list_set_property (GObject *object, guint prop_id, const GValue *value,
                                 GParamSpec *pspec)
{
  LiaisonEventList *self = LIAISON_EVENT_LIST (object);

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
      case PROP_CALENDAR_ID:
        self->calendar_id = g_value_dup_string (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_event_list_class_init (LiaisonEventListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = liaison_event_list_constructed;
  object_class->dispose = liaison_event_list_dispose;
  object_class->finalize = liaison_event_list_finalize;
  object_class->get_property = liaison_event_list_get_property;
  object_class->set_property = liaison_event_list_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, LIAISON_TYPE_STORE, construct);
  properties[PROP_CLIENT]
      = g_param_spec_object ("client", NULL, NULL, LIAISON_TYPE_GHL_CLIENT, construct);
  properties[PROP_CONNECTION_ID]
      = g_param_spec_string ("connection-id", NULL, NULL, NULL, construct);
  properties[PROP_CALENDAR_ID] = g_param_spec_string ("calendar-id", NULL, NULL, NULL, construct);
  properties[PROP_FROM] = g_param_spec_boxed ("from", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_TO] = g_param_spec_boxed ("to", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_event_list_init (LiaisonEventList *self)
{
  liaison_calendar_data_items_init (&self->items);
  self->cancellable = g_cancellable_new ();
}
