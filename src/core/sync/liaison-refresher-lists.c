/* liaison-refresher-lists.c: the owners and field definitions a refresh reads before the
 * contacts, because contacts name their owner and the field map types its custom fields by them.
 *
 * Both are short lists that rarely change, each read whole and stored as one page together with
 * a cursor whose update time says when. A refresher given a maximum age (the sync engine's: a
 * day) takes them from the store while they are younger and not marked stale, so that a sync
 * with nothing changed costs no request for them. They are read again when older, when marked
 * stale (a write the service refused, a map naming a field the cache lacks: see
 * liaison-sync-engine.c), on a full read, and, for the users, when a contact names an owner the
 * cached list lacks (at most once an hour, so that an owner the service no longer lists does not
 * cost a request on every run).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include "liaison-debug.h"
#include "liaison-field-codec.h"
#include "liaison-field-def.h"
#include "liaison-refresher-private.h"
#include "liaison-store-sync.h"
#include "liaison-user-codec.h"
#include "liaison-user.h"

#define HOUR_MS (G_GINT64_CONSTANT (60) * 60 * 1000)

static void chain_fetch_fields (Chain *chain);

static GPtrArray *
list_finish (Chain *chain, GAsyncResult *result, GError **error)
{
  LiaisonRefresher *self = chain->run->self;

  if (chain->service == LIAISON_SERVICE_LSQ)
    return liaison_lsq_client_list_finish (self->lsq, result, error);
  return liaison_ghl_client_list_finish (self->ghl, result, error);
}

static LiaisonStoreRecord *
user_to_record (Chain *chain, LiaisonUser *user)
{
  if (liaison_user_get_id (user) == NULL)
    return NULL;
  g_hash_table_insert (chain->owners, g_strdup (liaison_user_get_id (user)),
                       g_strdup (liaison_user_get_name (user)));
  return liaison_user_codec_to_record (user);
}

static void
on_list_committed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Chain *chain = user_data;
  GError *error = NULL;

  if (!liaison_store_commit_page_finish (LIAISON_STORE (source), result, &error))
    liaison_refresher_chain_finish (chain, error);
  else if (chain->users_only)
    liaison_refresher_chain_done (chain);
  else if (chain->list_kind == LIAISON_RECORD_USER)
    chain_fetch_fields (chain);
  else
    liaison_refresher_chain_start_contacts (chain);
}

static void
on_list_fetched (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Chain *chain = user_data;
  g_autoptr (GPtrArray) models = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (LiaisonStoreCursor) cursor = liaison_store_cursor_new (LIAISON_REFRESH_INCREMENTAL);
  GError *error = NULL;

  models = list_finish (chain, result, &error);
  if (models == NULL)
    {
      liaison_refresher_chain_finish (chain, error);
      return;
    }

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
  for (guint i = 0; i < models->len; i++)
    {
      gpointer model = g_ptr_array_index (models, i);
      LiaisonStoreRecord *record = chain->list_kind == LIAISON_RECORD_USER
                                       ? user_to_record (chain, model)
                                       : liaison_field_codec_to_record (model);

      if (record != NULL)
        g_ptr_array_add (records, record);
    }

  /* The list and when it was read, in one transaction (the store stamps the cursor). */
  cursor->cursor = g_strdup (LIAISON_REFRESHER_LIST_READ);
  chain->run->self->lists_read[chain->service] = TRUE;
  liaison_store_commit_page_async (
      chain->run->self->store, liaison_refresher_chain_connection (chain), chain->list_kind,
      records, cursor, liaison_refresher_chain_cancellable (chain), on_list_committed, chain);
}

static void
chain_fetch_fields (Chain *chain)
{
  LiaisonRefresher *self = chain->run->self;
  GCancellable *cancellable = liaison_refresher_chain_cancellable (chain);

  chain->list_kind = LIAISON_RECORD_FIELD;
  if (chain->service == LIAISON_SERVICE_LSQ)
    liaison_lsq_client_get_metadata_async (self->lsq, cancellable, on_list_fetched, chain);
  else
    liaison_ghl_client_list_custom_fields_async (self->ghl, cancellable, on_list_fetched, chain);
}

static void
chain_fetch_users (Chain *chain)
{
  LiaisonRefresher *self = chain->run->self;
  GCancellable *cancellable = liaison_refresher_chain_cancellable (chain);

  chain->list_kind = LIAISON_RECORD_USER;
  if (chain->service == LIAISON_SERVICE_LSQ)
    liaison_lsq_client_list_users_async (self->lsq, cancellable, on_list_fetched, chain);
  else
    liaison_ghl_client_list_users_async (self->ghl, cancellable, on_list_fetched, chain);
}

/* When the list of kind was read, ms UTC; 0 when never, or when it is marked stale. */
static gint64
list_read_at (Chain *chain, LiaisonRecordKind kind)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonStoreCursor) cursor = liaison_store_lookup_cursor (
      chain->run->self->store, liaison_refresher_chain_connection (chain), kind, &error);

  if (cursor == NULL || g_strcmp0 (cursor->cursor, LIAISON_REFRESHER_LIST_READ) != 0)
    return 0;
  return cursor->updated_at;
}

static gboolean
list_fresh (Chain *chain, LiaisonRecordKind kind, gint64 now)
{
  gint64 read_at = list_read_at (chain, kind);

  /* A time ahead of the clock (the clock was set back) proves nothing. */
  return read_at > 0 && read_at <= now && now - read_at < chain->run->self->lists_max_age_ms;
}

/* The cached users as the owners table; FALSE when they cannot be read. */
static gboolean
load_owners (Chain *chain)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) raw
      = liaison_store_list_raw (chain->run->self->store, liaison_refresher_chain_connection (chain),
                                LIAISON_RECORD_USER, &error);

  if (raw == NULL)
    return FALSE;
  for (guint i = 0; i < raw->len; i++)
    {
      g_autoptr (LiaisonUser) user = liaison_user_codec_from_json (raw->pdata[i], NULL);

      if (user != NULL && liaison_user_get_id (user) != NULL)
        g_hash_table_insert (chain->owners, g_strdup (liaison_user_get_id (user)),
                             g_strdup (liaison_user_get_name (user)));
    }
  return TRUE;
}

void
liaison_refresher_chain_start (Chain *chain)
{
  LiaisonRefresher *self = chain->run->self;
  gint64 now = g_get_real_time () / 1000;

  if (!chain->run->full && self->lists_max_age_ms > 0
      && list_fresh (chain, LIAISON_RECORD_USER, now)
      && list_fresh (chain, LIAISON_RECORD_FIELD, now) && load_owners (chain))
    {
      LIAISON_TRACE (LIAISON_DEBUG_SYNC, "%s: owners and fields from the store",
                     chain->service == LIAISON_SERVICE_LSQ ? "LeadSquared" : "HighLevel");
      chain->lists_cached = TRUE;
      liaison_refresher_chain_start_contacts (chain);
      return;
    }
  chain_fetch_users (chain);
}

void
liaison_refresher_chain_lists_after (Chain *chain)
{
  gint64 now = g_get_real_time () / 1000;

  if (chain->lists_cached && chain->unknown_owner
      && now - list_read_at (chain, LIAISON_RECORD_USER) >= HOUR_MS)
    {
      chain->users_only = TRUE;
      chain_fetch_users (chain);
      return;
    }
  liaison_refresher_chain_done (chain);
}

void
liaison_refresher_set_lists_max_age (LiaisonRefresher *self, gint64 max_age_ms)
{
  g_return_if_fail (LIAISON_IS_REFRESHER (self));
  self->lists_max_age_ms = MAX (max_age_ms, 0);
}

gboolean
liaison_refresher_get_lists_read (LiaisonRefresher *self, LiaisonService service)
{
  g_return_val_if_fail (LIAISON_IS_REFRESHER (self), FALSE);
  return self
      ->lists_read[service == LIAISON_SERVICE_LSQ ? LIAISON_SERVICE_LSQ : LIAISON_SERVICE_GHL];
}

/* The marker commit_page writes for a list the next run must read again. */
void
liaison_refresher_mark_lists_stale_async (LiaisonStore *store, const char *connection_id,
                                          GCancellable *cancellable, GAsyncReadyCallback callback,
                                          gpointer user_data)
{
  g_autoptr (GPtrArray) none = g_ptr_array_new ();
  g_autoptr (LiaisonStoreCursor) cursor = liaison_store_cursor_new (LIAISON_REFRESH_INCREMENTAL);

  cursor->cursor = g_strdup (LIAISON_REFRESHER_LIST_STALE);
  liaison_store_commit_page_async (store, connection_id, LIAISON_RECORD_FIELD, none, cursor,
                                   cancellable, callback, user_data);
}

gboolean
liaison_refresher_mark_lists_stale_finish (LiaisonStore *store, GAsyncResult *result,
                                           GError **error)
{
  return liaison_store_commit_page_finish (store, result, error);
}
