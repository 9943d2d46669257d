/* liaison-refresher.c: "Refresh from both". Both services are read at the
 * same time, each as a chain of steps: owners, field definitions, then the
 * contacts, page by page. Every page is committed together with the cursor
 * that follows it, in one store transaction, so a crash or a cancel between
 * fetching a page and committing it loses nothing, and the next run resumes
 * at the first page not committed, without duplicates or gaps.
 *
 * The first run (or one asked to be full) reads everything; the store then
 * marks what it did not see again as gone. Later runs read only what changed
 * since the mark the read before left, less an overlap for a service whose
 * listing lags its writes a little. A full read leaves the newest
 * modification it saw; an incremental one that ends leaves the service's own
 * clock when it began (its Date header), so that a listing with nothing new
 * moves on and the next one is empty, never this computer's clock, which may
 * be off.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include <string.h>

#include "liaison-contact-codec.h"
#include "liaison-debug.h"
#include "liaison-field-def.h"
#include "liaison-http-call.h"
#include "liaison-refresher-private.h"
#include "liaison-user.h"

/* Records changed this long before the mark are read again. */
#define OVERLAP_MS (5 * 60 * 1000)
#define DEFAULT_PAGE_SIZE 100
/* An incremental read asks for the largest pages the services allow, so that the overlap's
 * records, read again on every run, usually take one request: HighLevel's search returns at
 * most 500 contacts a page; LeadSquared's RecentlyModified takes 5,000, of which 1,000 keep a
 * reply small. A full read keeps short pages, each committed with its cursor. */
#define GHL_INCREMENTAL_PAGE_SIZE 500
#define LSQ_INCREMENTAL_PAGE_SIZE 1000

G_DEFINE_FINAL_TYPE (LiaisonRefresher, liaison_refresher, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

enum
{
  PROGRESS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void chain_fetch_page (Chain *chain);

static void
run_free (Run *run)
{
  for (guint i = 0; i < G_N_ELEMENTS (run->chains); i++)
    {
      g_clear_pointer (&run->chains[i].owners, g_hash_table_unref);
      g_clear_pointer (&run->chains[i].cursor, liaison_store_cursor_free);
      g_clear_pointer (&run->chains[i].since, g_date_time_unref);
      g_clear_pointer (&run->chains[i].window_end, g_date_time_unref);
      g_clear_pointer (&run->chains[i].tail_ids, g_hash_table_unref);
    }
  g_clear_error (&run->error);
  g_free (run);
}

static const char *
service_name (LiaisonService service)
{
  return service == LIAISON_SERVICE_LSQ ? "LeadSquared" : "HighLevel";
}

GCancellable *
liaison_refresher_chain_cancellable (Chain *chain)
{
  return g_task_get_cancellable (chain->run->task);
}

const char *
liaison_refresher_chain_connection (Chain *chain)
{
  return chain->run->self->connection_ids[chain->service];
}

/* Ends one chain; the run ends when both have. The first error wins, named
 * by its service; the other service's chain still runs to its end, because
 * what it fetched is good. */
void
liaison_refresher_chain_finish (Chain *chain, GError *error)
{
  Run *run = chain->run;
  LiaisonRefresher *self = run->self;

  if (error != NULL)
    {
      if (run->error == NULL)
        {
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_prefix_error (&error, "%s: ", service_name (chain->service));
          run->error = error;
        }
      else
        g_error_free (error);
    }

  if (--run->pending > 0)
    return;

  self->running = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  if (run->error != NULL)
    g_task_return_error (run->task, g_steal_pointer (&run->error));
  else
    g_task_return_boolean (run->task, TRUE);
  g_object_unref (run->task);
}

static void
chain_progress (Chain *chain, guint n_records, guint total)
{
  LiaisonRefresher *self = chain->run->self;

  self->fetched[chain->service] += n_records;
  if (total > 0)
    self->total[chain->service] = MAX (total, self->fetched[chain->service]);
  g_signal_emit (self, signals[PROGRESS], 0, chain->service);
}

/* A page's unreadable records were left out by the client (and logged
 * there, by name); count them so that a refresh can say so. */
static void
chain_note_skipped (Chain *chain, GAsyncResult *result)
{
  guint n = liaison_http_call_get_n_skipped (result);

  if (n == 0)
    return;
  chain->run->self->skipped[chain->service] += n;
  g_message ("Refresh: %s sent %u record(s) that could not be read; they were skipped",
             chain->service == LIAISON_SERVICE_LSQ ? "LeadSquared" : "HighLevel", n);
}

/* Contacts ----------------------------------------------------------------- */

static char *
format_ms (gint64 ms)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_unix_utc (ms / 1000);
  g_autoptr (GDateTime) exact = g_date_time_add (time, (ms % 1000) * 1000);

  return g_date_time_format_iso8601 (exact);
}

static gint64
parse_ms (const char *iso)
{
  g_autoptr (GDateTime) time = NULL;

  if (iso == NULL || (time = g_date_time_new_from_iso8601 (iso, NULL)) == NULL)
    return 0;
  return g_date_time_to_unix (time) * 1000 + g_date_time_get_microsecond (time) / 1000;
}

static void
on_refreshed_noted (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Chain *chain = user_data;
  GError *error = NULL;

  liaison_store_set_refreshed_finish (LIAISON_STORE (source), result, &error);
  liaison_refresher_chain_finish (chain, error);
}

/* A chain that went through notes when, for the Contacts page's "refreshed 10:49". */
void
liaison_refresher_chain_done (Chain *chain)
{
  liaison_store_set_refreshed_async (
      chain->run->self->store, liaison_refresher_chain_connection (chain),
      g_get_real_time () / 1000, liaison_refresher_chain_cancellable (chain), on_refreshed_noted,
      chain);
}

static void
on_full_refresh_finished (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Chain *chain = user_data;
  GError *error = NULL;
  guint n_gone = 0;

  if (!liaison_store_finish_full_refresh_finish (LIAISON_STORE (source), result, &n_gone, &error))
    {
      liaison_refresher_chain_finish (chain, error);
      return;
    }
  LIAISON_TRACE (LIAISON_DEBUG_SYNC, "%s: full refresh done, %u contacts gone",
                 service_name (chain->service), n_gone);
  liaison_refresher_chain_lists_after (chain);
}

static void
on_page_committed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Chain *chain = user_data;
  GError *error = NULL;

  if (!liaison_store_commit_page_finish (LIAISON_STORE (source), result, &error))
    {
      liaison_refresher_chain_finish (chain, error);
      return;
    }

  if (chain->cursor->page_token != NULL)
    chain_fetch_page (chain);
  else if (chain->cursor->phase == LIAISON_REFRESH_FULL)
    liaison_store_finish_full_refresh_async (
        chain->run->self->store, liaison_refresher_chain_connection (chain), LIAISON_RECORD_CONTACT,
        chain->cursor->cursor, chain->run->self->skipped[chain->service] > 0,
        liaison_refresher_chain_cancellable (chain), on_full_refresh_finished, chain);
  else
    liaison_refresher_chain_lists_after (chain);
}

static void
chain_note_read_at (Chain *chain, GAsyncResult *result)
{
  if (chain->read_at_ms != 0)
    return;
  chain->read_at_ms = liaison_http_call_get_server_time (result);
  chain->read_at_local_ms = g_get_real_time () / 1000;
}

/* The mark a whole listing leaves, in the service's clock: the next read starts there, less the
 * overlap.
 *
 * An incremental listing runs whole within one run (a resumed one starts again), so it has every
 * change up to when the service answered its first page; LeadSquared's, up to the end of the
 * window it asked for too, should this computer's clock be behind. A listing with nothing new
 * moves on, and the next one is empty.
 *
 * A full listing is not in modification order: a record changed after its page was read is not
 * in it, however new the newest one seen is, so its mark is no later than when the refresh began
 * (the service's clock when this run began, less the time since the refresh began by this
 * computer's: a difference of this computer's times, whatever its clock is off by). */
static gint64
chain_read_to (Chain *chain)
{
  gint64 read_to;

  if (chain->read_at_ms <= 0)
    return chain->newest_ms;
  if (chain->cursor->phase == LIAISON_REFRESH_INCREMENTAL)
    {
      read_to = chain->read_at_ms;
      if (chain->service == LIAISON_SERVICE_LSQ && chain->window_end != NULL)
        read_to = MIN (read_to, g_date_time_to_unix (chain->window_end) * 1000);
      return MAX (chain->newest_ms, read_to);
    }
  read_to = chain->read_at_ms;
  if (chain->cursor->refresh_started_at > 0)
    read_to -= MAX (chain->read_at_local_ms - chain->cursor->refresh_started_at, 0);
  return chain->newest_ms > 0 ? MIN (chain->newest_ms, read_to) : 0;
}

/* Stores one page of contacts with the cursor that follows it. */
static void
chain_commit_page (Chain *chain, GPtrArray *contacts, char *next_page_token)
{
  g_autoptr (GPtrArray) records = NULL;

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
  for (guint i = 0; i < contacts->len; i++)
    {
      LiaisonContact *contact = g_ptr_array_index (contacts, i);
      const char *owner_id = liaison_contact_get_assigned_to (contact);
      LiaisonStoreRecord *record;

      if (liaison_contact_get_id (contact) == NULL)
        continue;
      if (owner_id != NULL && !g_hash_table_contains (chain->owners, owner_id))
        chain->unknown_owner = TRUE;
      record = liaison_contact_codec_to_record (
          contact, owner_id != NULL ? g_hash_table_lookup (chain->owners, owner_id) : NULL);
      chain->newest_ms = MAX (chain->newest_ms, record->modified_at);
      g_ptr_array_add (records, record);
    }

  if (next_page_token == NULL)
    chain->newest_ms = chain_read_to (chain);

  g_free (chain->cursor->page_token);
  chain->cursor->page_token = next_page_token;
  g_free (chain->cursor->cursor);
  chain->cursor->cursor = chain->newest_ms > 0 ? format_ms (chain->newest_ms) : NULL;

  liaison_store_commit_page_async (
      chain->run->self->store, liaison_refresher_chain_connection (chain), LIAISON_RECORD_CONTACT,
      records, chain->cursor, liaison_refresher_chain_cancellable (chain), on_page_committed,
      chain);
}

static void
on_ghl_page_fetched (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Chain *chain = user_data;
  g_autoptr (GPtrArray) contacts = NULL;
  char *next_cursor = NULL;
  guint total = 0;
  GError *error = NULL;

  contacts = liaison_ghl_client_search_contacts_finish (LIAISON_GHL_CLIENT (source), result,
                                                        &next_cursor, &total, &error);
  if (contacts == NULL)
    {
      liaison_refresher_chain_finish (chain, error);
      return;
    }
  chain_note_skipped (chain, result);
  chain_note_read_at (chain, result);

  /* An empty page ends the listing even if the service offered a cursor
   * (a page whose records were all skipped is not empty). */
  if (contacts->len == 0 && liaison_http_call_get_n_skipped (result) == 0)
    g_clear_pointer (&next_cursor, g_free);
  chain_progress (chain, contacts->len, total);
  chain_commit_page (chain, contacts, next_cursor);
}

/* The ids of the leads modified in the page's last second: the next page starts there. */
static void
remember_tail (Chain *chain, GPtrArray *leads)
{
  GDateTime *last = NULL;

  if (chain->tail_ids == NULL)
    chain->tail_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (leads->len > 0)
    last = liaison_contact_get_date_updated (g_ptr_array_index (leads, leads->len - 1));
  if (last == NULL)
    return;
  /* Same second as before (a long run of ties): the ids gathered so far still apply. */
  if (chain->tail_s != g_date_time_to_unix (last))
    g_hash_table_remove_all (chain->tail_ids);
  chain->tail_s = g_date_time_to_unix (last);
  for (guint i = 0; i < leads->len; i++)
    {
      LiaisonContact *lead = g_ptr_array_index (leads, i);
      GDateTime *updated = liaison_contact_get_date_updated (lead);

      if (updated != NULL && g_date_time_to_unix (updated) == chain->tail_s
          && liaison_contact_get_id (lead) != NULL)
        g_hash_table_add (chain->tail_ids, g_strdup (liaison_contact_get_id (lead)));
    }
}

static void
on_lsq_page_fetched (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Chain *chain = user_data;
  g_autoptr (GPtrArray) leads = NULL;
  guint record_count = 0;
  gboolean more = FALSE;
  gboolean first;
  char *next = NULL;
  GError *error = NULL;

  leads = liaison_lsq_client_recently_modified_finish (LIAISON_LSQ_CLIENT (source), result,
                                                       &record_count, &more, &error);
  first = chain->tail_ids == NULL;
  if (leads == NULL)
    {
      liaison_refresher_chain_finish (chain, error);
      return;
    }
  chain_note_skipped (chain, result);
  chain_note_read_at (chain, result);

  if (more && leads->len > 0)
    {
      GDateTime *updated
          = liaison_contact_get_date_updated (g_ptr_array_index (leads, leads->len - 1));
      gint64 last_s = updated != NULL ? g_date_time_to_unix (updated) : 0;

      /* The next page starts at the last lead's modification time, not at an offset: a lead
       * edited meanwhile leaves the window, and an offset would then skip the lead after it
       * (which the full read would mark as gone). Only a run of leads that all share one second
       * is paged by offset. */
      if (last_s > chain->page_from_s)
        next = g_strdup_printf ("%" G_GINT64_FORMAT ":1", last_s);
      else
        next = g_strdup_printf ("%" G_GINT64_FORMAT ":%u", chain->page_from_s,
                                chain->page_index + 1);
    }

  /* The leads of the last second of the page before come again: keep them out of the counts. */
  if (chain->tail_ids != NULL)
    for (guint i = leads->len; i > 0; i--)
      {
        LiaisonContact *lead = g_ptr_array_index (leads, i - 1);

        if (liaison_contact_get_id (lead) != NULL
            && g_hash_table_contains (chain->tail_ids, liaison_contact_get_id (lead)))
          g_ptr_array_remove_index (leads, i - 1);
      }
  remember_tail (chain, leads);

  /* RecordCount counts the window asked for, which is the whole listing only at its start. */
  chain_progress (chain, leads->len, chain->page_index == 1 && first ? record_count : 0);
  chain_commit_page (chain, leads, next);
}

/* A LeadSquared page token is "<window start, s since the epoch>:<page index>"; an older
 * one is the page index alone. */
static void
parse_lsq_token (const char *token, gint64 *from_s, guint *page_index)
{
  const char *colon = token != NULL ? strchr (token, ':') : NULL;

  *from_s = 0;
  *page_index = 1;
  if (token == NULL)
    return;
  if (colon != NULL)
    {
      *from_s = MAX (g_ascii_strtoll (token, NULL, 10), 0);
      token = colon + 1;
    }
  *page_index = MAX ((guint) g_ascii_strtoull (token, NULL, 10), 1);
}

/* The page size of this read: set_page_size() fixes both. */
static guint
chain_page_size (Chain *chain)
{
  LiaisonRefresher *self = chain->run->self;

  if (chain->cursor->phase != LIAISON_REFRESH_INCREMENTAL || self->page_size_set)
    return self->page_size;
  return chain->service == LIAISON_SERVICE_GHL ? GHL_INCREMENTAL_PAGE_SIZE
                                               : LSQ_INCREMENTAL_PAGE_SIZE;
}

static void
chain_fetch_page (Chain *chain)
{
  LiaisonRefresher *self = chain->run->self;
  const char *token = chain->cursor->page_token;
  g_autoptr (GDateTime) since = NULL;
  gint64 from_s;

  if (chain->cursor->phase == LIAISON_REFRESH_INCREMENTAL && chain->since != NULL)
    since = g_date_time_ref (chain->since);

  if (chain->service == LIAISON_SERVICE_GHL)
    {
      liaison_ghl_client_search_contacts_async (self->ghl, since, token, chain_page_size (chain),
                                                liaison_refresher_chain_cancellable (chain),
                                                on_ghl_page_fetched, chain);
      return;
    }

  /* LeadSquared lists by modification window: a full read covers all time
   * up to when the refresh started. Each page starts where the one before
   * ended (see on_lsq_page_fetched). */
  parse_lsq_token (token, &from_s, &chain->page_index);
  if (since == NULL)
    since = g_date_time_new_utc (2000, 1, 1, 0, 0, 0);
  if (from_s > g_date_time_to_unix (since))
    {
      g_date_time_unref (since);
      since = g_date_time_new_from_unix_utc (MIN (from_s, g_date_time_to_unix (chain->window_end)));
    }
  chain->page_from_s = g_date_time_to_unix (since);
  liaison_lsq_client_recently_modified_async (
      self->lsq, since, chain->window_end, chain->page_index, chain_page_size (chain),
      liaison_refresher_chain_cancellable (chain), on_lsq_page_fetched, chain);
}

static void
on_full_refresh_begun (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Chain *chain = user_data;
  GError *error = NULL;

  g_clear_pointer (&chain->cursor, liaison_store_cursor_free);
  chain->cursor = liaison_store_begin_full_refresh_finish (LIAISON_STORE (source), result, &error);
  if (chain->cursor == NULL)
    {
      liaison_refresher_chain_finish (chain, error);
      return;
    }

  /* A resumed refresh keeps the newest time it had seen and its window. */
  chain->newest_ms = parse_ms (chain->cursor->cursor);
  chain->window_end = g_date_time_new_from_unix_utc (chain->cursor->refresh_started_at / 1000);
  LIAISON_TRACE (LIAISON_DEBUG_SYNC, "%s: full refresh %s", service_name (chain->service),
                 chain->cursor->page_token != NULL ? "resumed" : "started");
  chain_fetch_page (chain);
}

void
liaison_refresher_chain_start_contacts (Chain *chain)
{
  LiaisonRefresher *self = chain->run->self;
  GError *error = NULL;

  chain->cursor = liaison_store_lookup_cursor (
      self->store, liaison_refresher_chain_connection (chain), LIAISON_RECORD_CONTACT, &error);
  if (error != NULL)
    {
      liaison_refresher_chain_finish (chain, error);
      return;
    }

  if (chain->run->full || chain->cursor == NULL || chain->cursor->phase == LIAISON_REFRESH_FULL
      || chain->cursor->cursor == NULL)
    {
      liaison_store_begin_full_refresh_async (
          self->store, liaison_refresher_chain_connection (chain), LIAISON_RECORD_CONTACT,
          liaison_refresher_chain_cancellable (chain), on_full_refresh_begun, chain);
      return;
    }

  chain->newest_ms = parse_ms (chain->cursor->cursor);
  if (chain->newest_ms > 0)
    chain->since = g_date_time_new_from_unix_utc (MAX (chain->newest_ms - OVERLAP_MS, 0) / 1000);
  chain->window_end = g_date_time_new_now_utc ();
  g_clear_pointer (&chain->cursor->page_token, g_free);
  LIAISON_TRACE (LIAISON_DEBUG_SYNC, "%s: reading changes since %s", service_name (chain->service),
                 chain->cursor->cursor);
  chain_fetch_page (chain);
}

/* The run ---------------------------------------------------------------- */

void
liaison_refresher_run_async (LiaisonRefresher *self, gboolean full, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task;
  Run *run;

  g_return_if_fail (LIAISON_IS_REFRESHER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_refresher_run_async);

  if (self->running)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "A refresh is already running");
      g_object_unref (task);
      return;
    }

  run = g_new0 (Run, 1);
  run->task = task;
  run->self = self;
  run->full = full;
  run->pending = G_N_ELEMENTS (run->chains);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);

  self->running = TRUE;
  memset (self->fetched, 0, sizeof self->fetched);
  memset (self->total, 0, sizeof self->total);
  memset (self->skipped, 0, sizeof self->skipped);
  memset (self->lists_read, 0, sizeof self->lists_read);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  for (guint i = 0; i < G_N_ELEMENTS (run->chains); i++)
    {
      Chain *chain = &run->chains[i];

      chain->run = run;
      chain->service = i == 0 ? LIAISON_SERVICE_LSQ : LIAISON_SERVICE_GHL;
      chain->owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    }

  for (guint i = 0; i < G_N_ELEMENTS (run->chains); i++)
    liaison_refresher_chain_start (&run->chains[i]);
}

gboolean
liaison_refresher_run_finish (LiaisonRefresher *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

LiaisonRefresher *
liaison_refresher_new (LiaisonStore *store, LiaisonLsqClient *lsq, const char *lsq_connection_id,
                       LiaisonGhlClient *ghl, const char *ghl_connection_id)
{
  LiaisonRefresher *self;

  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (LIAISON_IS_LSQ_CLIENT (lsq), NULL);
  g_return_val_if_fail (LIAISON_IS_GHL_CLIENT (ghl), NULL);
  g_return_val_if_fail (lsq_connection_id != NULL && ghl_connection_id != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_REFRESHER, NULL);
  self->store = g_object_ref (store);
  self->lsq = g_object_ref (lsq);
  self->ghl = g_object_ref (ghl);
  self->connection_ids[LIAISON_SERVICE_LSQ] = g_strdup (lsq_connection_id);
  self->connection_ids[LIAISON_SERVICE_GHL] = g_strdup (ghl_connection_id);
  return self;
}

void
liaison_refresher_set_page_size (LiaisonRefresher *self, guint page_size)
{
  g_return_if_fail (LIAISON_IS_REFRESHER (self));
  g_return_if_fail (page_size > 0);

  self->page_size = page_size;
  self->page_size_set = TRUE;
}

gboolean
liaison_refresher_get_running (LiaisonRefresher *self)
{
  g_return_val_if_fail (LIAISON_IS_REFRESHER (self), FALSE);

  return self->running;
}

guint
liaison_refresher_get_fetched (LiaisonRefresher *self, LiaisonService service)
{
  g_return_val_if_fail (LIAISON_IS_REFRESHER (self), 0);

  return self->fetched[service == LIAISON_SERVICE_LSQ ? LIAISON_SERVICE_LSQ : LIAISON_SERVICE_GHL];
}

guint
liaison_refresher_get_total (LiaisonRefresher *self, LiaisonService service)
{
  g_return_val_if_fail (LIAISON_IS_REFRESHER (self), 0);

  return self->total[service == LIAISON_SERVICE_LSQ ? LIAISON_SERVICE_LSQ : LIAISON_SERVICE_GHL];
}

static void
liaison_refresher_finalize (GObject *object)
{
  LiaisonRefresher *self = LIAISON_REFRESHER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->lsq);
  g_clear_object (&self->ghl);
  g_free (self->connection_ids[0]);
  g_free (self->connection_ids[1]);

  G_OBJECT_CLASS (liaison_refresher_parent_class)->finalize (object);
}

static void
liaison_refresher_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LiaisonRefresher *self = LIAISON_REFRESHER (object);

  switch (prop_id)
    {
      case PROP_RUNNING:
        g_value_set_boolean (value, self->running);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_refresher_class_init (LiaisonRefresherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liaison_refresher_finalize;
  object_class->get_property = liaison_refresher_get_property;

  properties[PROP_RUNNING]
      = g_param_spec_boolean ("running", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted after each page with the service whose counts moved. */
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, LIAISON_TYPE_SERVICE);
}

static void
liaison_refresher_init (LiaisonRefresher *self)
{
  self->page_size = DEFAULT_PAGE_SIZE;
}

/* How many records the last refresh left out because they could not be read. */
guint
liaison_refresher_get_skipped (LiaisonRefresher *self, LiaisonService service)
{
  g_return_val_if_fail (LIAISON_IS_REFRESHER (self), 0);

  return self->skipped[service == LIAISON_SERVICE_LSQ ? LIAISON_SERVICE_LSQ : LIAISON_SERVICE_GHL];
}
