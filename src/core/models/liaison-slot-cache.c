/* liaison-slot-cache.c: LiaisonSlotCache. Entries live in a hash table by key (calendar id, first
 * day, number of days, time zone). An entry is either being fetched, with the callers waiting on
 * it, or done, with its slots and the (monotonic) time they arrived. Free slots change whenever
 * anyone books, so entries are short-lived and never stored on disk.
 *
 * Each waiter may cancel on its own; when the last one has, the shared fetch is cancelled too
 * and the entry leaves the table, so a later request starts afresh instead of joining a fetch
 * that is winding down. Cancellation may be signalled from any thread: it is handled on the
 * main context the cache was made on.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-models"

#include "liaison-appointment-codec.h"
#include "liaison-slot-cache.h"

struct _LiaisonSlotCache
{
  GObject parent_instance;

  LiaisonGhlClient *client;
  LiaisonStore *store;
  char *connection_id;
  guint lifetime_ms;
  GHashTable *entries; /* key -> Entry */
  GMainContext *context;
};

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_STORE,
  PROP_CONNECTION_ID,
  PROP_LIFETIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonSlotCache, liaison_slot_cache, G_TYPE_OBJECT)

typedef struct
{
  char *key;
  char *calendar_id;
  GPtrArray *slots;   /* NULL while fetching */
  gint64 fetched_at;  /* g_get_monotonic_time () */
  GPtrArray *waiters; /* GTask, while fetching */
  GCancellable *cancellable;
  gboolean in_table;
} Entry;

typedef struct
{
  Entry *entry; /* NULL once answered */
  GCancellable *cancellable;
  gulong handler;
} Waiter;

static void
entry_free (Entry *entry)
{
  g_free (entry->key);
  g_free (entry->calendar_id);
  g_clear_pointer (&entry->slots, g_ptr_array_unref);
  g_clear_pointer (&entry->waiters, g_ptr_array_unref);
  g_clear_object (&entry->cancellable);
  g_free (entry);
}

static void
waiter_free (Waiter *waiter)
{
  g_clear_object (&waiter->cancellable);
  g_free (waiter);
}

static gboolean
expired (LiaisonSlotCache *self, Entry *entry, gint64 now)
{
  return entry->slots != NULL && now - entry->fetched_at >= (gint64) self->lifetime_ms * 1000;
}

static void
prune (LiaisonSlotCache *self)
{
  GHashTableIter iter;
  Entry *entry;
  gint64 now = g_get_monotonic_time ();

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    if (expired (self, entry, now))
      {
        g_hash_table_iter_steal (&iter);
        entry->in_table = FALSE;
        entry_free (entry);
      }
}

/* Answers one waiter; error or slots. */
static void
waiter_answer (GTask *task, GPtrArray *slots, const GError *error)
{
  Waiter *waiter = g_task_get_task_data (task);

  waiter->entry = NULL;
  if (waiter->handler != 0)
    g_cancellable_disconnect (waiter->cancellable, waiter->handler);
  waiter->handler = 0;
  if (error != NULL)
    g_task_return_error (task, g_error_copy (error));
  else
    g_task_return_pointer (task, g_ptr_array_ref (slots), (GDestroyNotify) g_ptr_array_unref);
}

static gboolean
waiter_cancelled_idle (gpointer user_data)
{
  GTask *task = user_data;
  LiaisonSlotCache *self = g_task_get_source_object (task);
  Waiter *waiter = g_task_get_task_data (task);
  Entry *entry = waiter->entry;

  if (entry == NULL)
    return G_SOURCE_REMOVE; /* answered meanwhile */
  g_cancellable_disconnect (waiter->cancellable, waiter->handler);
  waiter->handler = 0;
  g_ptr_array_remove (entry->waiters, task); /* drops the entry's reference, not ours */
  waiter->entry = NULL;
  g_task_return_error_if_cancelled (task);
  if (entry->waiters->len == 0)
    {
      /* Nobody waits any more: stop the fetch; its callback frees the entry. */
      if (entry->in_table)
        {
          g_hash_table_steal (self->entries, entry->key);
          entry->in_table = FALSE;
        }
      g_cancellable_cancel (entry->cancellable);
    }
  return G_SOURCE_REMOVE;
}

static void
on_waiter_cancelled (GCancellable *cancellable, gpointer user_data)
{
  GTask *task = user_data;
  LiaisonSlotCache *self = g_task_get_source_object (task);

  g_autoptr (GSource) source = g_idle_source_new ();

  /* Always deferred, never run here: the handler may not disconnect itself while it runs. */
  g_source_set_callback (source, waiter_cancelled_idle, g_object_ref (task), g_object_unref);
  /* Not at idle priority: a busy interface must not hold this back. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (source, "[liaison] slot cache waiter cancelled");
  g_source_attach (source, self->context);
}

typedef struct
{
  LiaisonSlotCache *self;
  Entry *entry;
} Fetch;

static void
on_fetched (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Fetch *fetch = user_data;
  LiaisonSlotCache *self = fetch->self;
  Entry *entry = fetch->entry;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) slots
      = liaison_ghl_client_list_finish (LIAISON_GHL_CLIENT (source), result, &error);
  g_autoptr (GPtrArray) waiters = g_steal_pointer (&entry->waiters);

  g_free (fetch);
  for (guint i = 0; i < waiters->len; i++)
    waiter_answer (waiters->pdata[i], slots, error);

  /* Errors are not cached: the next request asks again. */
  if (slots != NULL && entry->in_table && self->lifetime_ms > 0)
    {
      entry->slots = g_steal_pointer (&slots);
      entry->fetched_at = g_get_monotonic_time ();
      g_clear_object (&entry->cancellable);
    }
  else
    {
      if (entry->in_table)
        g_hash_table_steal (self->entries, entry->key);
      entry_free (entry);
    }
  g_object_unref (self);
}

static char *
make_key (const char *calendar_id, GDate *first_day, guint n_days, const char *zone)
{
  return g_strdup_printf ("%s\x1f%04u-%02u-%02u\x1f%u\x1f%s", calendar_id,
                          (guint) g_date_get_year (first_day), (guint) g_date_get_month (first_day),
                          (guint) g_date_get_day (first_day), n_days, zone);
}

void
liaison_slot_cache_get_slots_async (LiaisonSlotCache *self, LiaisonCalendar *calendar,
                                    GDate *first_day, guint n_days, const char *time_zone,
                                    GCancellable *cancellable, GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GTimeZone) tz = NULL;
  g_autoptr (GDateTime) from = NULL;
  g_autoptr (GDateTime) to = NULL;
  g_autofree char *key = NULL;
  const char *calendar_id;
  const char *zone;
  Waiter *waiter;
  Entry *entry;
  Fetch *fetch;

  g_return_if_fail (LIAISON_IS_SLOT_CACHE (self));
  g_return_if_fail (LIAISON_IS_CALENDAR (calendar));
  g_return_if_fail (first_day != NULL && g_date_valid (first_day));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_slot_cache_get_slots_async);
  calendar_id = liaison_calendar_get_id (calendar);
  tz = time_zone != NULL ? g_time_zone_new_identifier (time_zone) : g_time_zone_new_local ();
  if (calendar_id == NULL || n_days == 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s",
                               calendar_id == NULL ? "The calendar has no HighLevel id"
                                                   : "The range of days is empty");
      return;
    }
  if (tz == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "“%s” is not a known time zone", time_zone);
      return;
    }
  zone = g_time_zone_get_identifier (tz);
  key = make_key (calendar_id, first_day, n_days, zone);

  prune (self);
  entry = g_hash_table_lookup (self->entries, key);
  if (entry != NULL && entry->slots != NULL)
    {
      g_task_return_pointer (task, g_ptr_array_ref (entry->slots),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  waiter = g_new0 (Waiter, 1);
  g_task_set_task_data (task, waiter, (GDestroyNotify) waiter_free);
  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry->key = g_steal_pointer (&key);
      entry->calendar_id = g_strdup (calendar_id);
      entry->waiters = g_ptr_array_new_with_free_func (g_object_unref);
      entry->cancellable = g_cancellable_new ();
      entry->in_table = TRUE;
      g_hash_table_insert (self->entries, entry->key, entry);

      from = g_date_time_new (tz, g_date_get_year (first_day), g_date_get_month (first_day),
                              g_date_get_day (first_day), 0, 0, 0);
      /* add_days keeps the wall-clock time: midnight to midnight across a DST change. */
      to = g_date_time_add_days (from, (int) n_days);
      fetch = g_new0 (Fetch, 1);
      fetch->self = g_object_ref (self);
      fetch->entry = entry;
      liaison_ghl_client_get_free_slots_async (self->client, calendar_id, from, to, zone, NULL,
                                               liaison_calendar_get_slot_duration (calendar),
                                               entry->cancellable, on_fetched, fetch);
    }
  waiter->entry = entry;
  g_ptr_array_add (entry->waiters, g_object_ref (task));
  if (cancellable != NULL)
    {
      waiter->cancellable = g_object_ref (cancellable);
      waiter->handler
          = g_cancellable_connect (cancellable, G_CALLBACK (on_waiter_cancelled), task, NULL);
    }
}

GPtrArray *
liaison_slot_cache_get_slots_finish (LiaisonSlotCache *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
liaison_slot_cache_invalidate (LiaisonSlotCache *self, const char *calendar_id)
{
  GHashTableIter iter;
  Entry *entry;

  g_return_if_fail (LIAISON_IS_SLOT_CACHE (self));
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    {
      if (g_strcmp0 (entry->calendar_id, calendar_id) != 0)
        continue;
      g_hash_table_iter_steal (&iter);
      entry->in_table = FALSE;
      /* A fetch under way answers its waiters and then frees the entry. */
      if (entry->waiters == NULL)
        entry_free (entry);
    }
}

/* ---- booking ---- */

static void
on_booking_stored (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  /* The appointment is booked either way; the next refresh of a window brings it in. */
  if (!liaison_store_commit_page_finish (LIAISON_STORE (source), result, &error))
    g_warning ("Could not keep the booked appointment: %s", error->message);
  g_task_return_pointer (task, g_object_ref (g_task_get_task_data (task)), g_object_unref);
}

static void
on_booked (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LiaisonSlotCache *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr (LiaisonAppointment) booked
      = liaison_ghl_client_appointment_finish (LIAISON_GHL_CLIENT (source), result, &error);
  g_autoptr (GPtrArray) records = NULL;
  LiaisonStoreRecord *record;

  liaison_slot_cache_invalidate (self, g_task_get_task_data (task));
  if (booked == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (self->store == NULL || self->connection_id == NULL
      || (record = liaison_appointment_codec_to_record (booked)) == NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&booked), g_object_unref);
      return;
    }
  records = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
  g_ptr_array_add (records, record);
  g_task_set_task_data (task, g_steal_pointer (&booked), g_object_unref);
  /* Not cancellable: the booking happened, and the store should know. */
  liaison_store_commit_page_async (self->store, self->connection_id, LIAISON_RECORD_APPOINTMENT,
                                   records, NULL, NULL, on_booking_stored, g_steal_pointer (&task));
}

void
liaison_slot_cache_book_async (LiaisonSlotCache *self, LiaisonAppointment *appointment,
                               GCancellable *cancellable, GAsyncReadyCallback callback,
                               gpointer user_data)
{
  GTask *task;

  g_return_if_fail (LIAISON_IS_SLOT_CACHE (self));
  g_return_if_fail (LIAISON_IS_APPOINTMENT (appointment));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_slot_cache_book_async);
  g_task_set_task_data (task, g_strdup (liaison_appointment_get_calendar_id (appointment)), g_free);
  liaison_ghl_client_create_appointment_async (self->client, appointment, cancellable, on_booked,
                                               task);
}

LiaisonAppointment *
liaison_slot_cache_book_finish (LiaisonSlotCache *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- public ---- */

LiaisonSlotCache *
liaison_slot_cache_new (LiaisonGhlClient *client, LiaisonStore *store,
                        const char *ghl_connection_id)
{
  g_return_val_if_fail (LIAISON_IS_GHL_CLIENT (client), NULL);
  g_return_val_if_fail (store == NULL || LIAISON_IS_STORE (store), NULL);
  return g_object_new (LIAISON_TYPE_SLOT_CACHE, "client", client, "store", store, "connection-id",
                       ghl_connection_id, NULL);
}

guint
liaison_slot_cache_get_lifetime (LiaisonSlotCache *self)
{
  g_return_val_if_fail (LIAISON_IS_SLOT_CACHE (self), 0);
  return self->lifetime_ms;
}

/* 0 keeps nothing: only requests made while a fetch is under way share it. */
void
liaison_slot_cache_set_lifetime (LiaisonSlotCache *self, guint lifetime_ms)
{
  g_return_if_fail (LIAISON_IS_SLOT_CACHE (self));
  if (self->lifetime_ms == lifetime_ms)
    return;
  self->lifetime_ms = lifetime_ms;
  prune (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIFETIME]);
}

static void
liaison_slot_cache_dispose (GObject *object)
{
  LiaisonSlotCache *self = LIAISON_SLOT_CACHE (object);

  /* Fetches hold a reference to the cache, so none is under way here. */
  g_hash_table_remove_all (self->entries);
  G_OBJECT_CLASS (liaison_slot_cache_parent_class)->dispose (object);
}

static void
liaison_slot_cache_finalize (GObject *object)
{
  LiaisonSlotCache *self = LIAISON_SLOT_CACHE (object);

  g_hash_table_unref (self->entries);
  g_main_context_unref (self->context);
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_free (self->connection_id);
  G_OBJECT_CLASS (liaison_slot_cache_parent_class)->finalize (object);
}

static void
liaison_slot_cache_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LiaisonSlotCache *self = LIAISON_SLOT_CACHE (object);

  switch (prop_id)
    {
      case PROP_CLIENT:
        g_value_set_object (value, self->client);
        break;
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;
      case PROP_CONNECTION_ID:
        g_value_set_string (value, self->connection_id);
        break;
      case PROP_LIFETIME:
        g_value_set_uint (value, self->lifetime_ms);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_slot_cache_set_property (GObject *object, guint prop_id, const GValue *value,
                                 GParamSpec *pspec)
{
  LiaisonSlotCache *self = LIAISON_SLOT_CACHE (object);

  switch (prop_id)
    {
      case PROP_CLIENT:
        self->client = g_value_dup_object (value);
        break;
      case PROP_STORE:
        self->store = g_value_dup_object (value);
        break;
      case PROP_CONNECTION_ID:
        self->connection_id = g_value_dup_string (value);
        break;
      case PROP_LIFETIME:
        liaison_slot_cache_set_lifetime (self, g_value_get_uint (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_slot_cache_class_init (LiaisonSlotCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = liaison_slot_cache_dispose;
  object_class->finalize = liaison_slot_cache_finalize;
  object_class->get_property = liaison_slot_cache_get_property;
  object_class->set_property = liaison_slot_cache_set_property;

  properties[PROP_CLIENT]
      = g_param_spec_object ("client", NULL, NULL, LIAISON_TYPE_GHL_CLIENT, construct);
  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, LIAISON_TYPE_STORE, construct);
  properties[PROP_CONNECTION_ID]
      = g_param_spec_string ("connection-id", NULL, NULL, NULL, construct);
  properties[PROP_LIFETIME] = g_param_spec_uint (
      "lifetime", NULL, NULL, 0, G_MAXUINT, LIAISON_SLOT_CACHE_DEFAULT_LIFETIME_MS,
      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_slot_cache_init (LiaisonSlotCache *self)
{
  self->lifetime_ms = LIAISON_SLOT_CACHE_DEFAULT_LIFETIME_MS;
  self->entries
      = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) entry_free);
  self->context = g_main_context_ref_thread_default ();
}
