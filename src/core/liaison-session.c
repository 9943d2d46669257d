/* liaison-session.c: ties one profile together. It opens the profile's store,
 * finds the connected HighLevel location and LeadSquared org, loads their
 * secrets from the keyring, and builds the clients, the contact list and the
 * refresher on top. Whenever an account is added or removed it rebuilds
 * them and emits "changed", so the interface and the CLI see one consistent
 * picture. A connection whose secrets cannot be loaded stays listed with the
 * reason, so that the person is asked to reconnect rather than left guessing.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-session"

#include "liaison-session-private.h"

#define GHL_DEFAULT_API_URL "https://services.leadconnectorhq.com"

G_DEFINE_FINAL_TYPE (LiaisonSession, liaison_session, G_TYPE_OBJECT)

guint liaison_session_signals[LIAISON_SESSION_N_SIGNALS];

LiaisonSessionSlot *
liaison_session_slot (LiaisonSession *self, LiaisonService service)
{
  return service == LIAISON_SERVICE_GHL ? &self->ghl.slot : &self->lsq.slot;
}

static void
slot_clear (LiaisonSessionSlot *slot)
{
  g_clear_pointer (&slot->connection, liaison_store_connection_free);
  g_clear_pointer (&slot->error, g_free);
}

LiaisonSession *
liaison_session_new (const char *profile)
{
  LiaisonSession *self = g_object_new (LIAISON_TYPE_SESSION, NULL);

  self->profile = g_strdup (profile != NULL ? profile : "default");
  return self;
}

const char *
liaison_session_get_profile (LiaisonSession *self)
{
  g_return_val_if_fail (LIAISON_IS_SESSION (self), NULL);

  return self->profile;
}

void
liaison_session_set_ghl_api_url (LiaisonSession *self, const char *api_url)
{
  g_return_if_fail (LIAISON_IS_SESSION (self));

  g_free (self->ghl_api_url);
  self->ghl_api_url = g_strdup (api_url != NULL ? api_url : GHL_DEFAULT_API_URL);
  self->ghl_api_url_set = api_url != NULL;
}

const char *
liaison_session_get_ghl_api_url (LiaisonSession *self)
{
  g_return_val_if_fail (LIAISON_IS_SESSION (self), NULL);

  return self->ghl_api_url;
}

void
liaison_session_set_lsq_candidates (LiaisonSession *self, const char *const *base_urls)
{
  g_return_if_fail (LIAISON_IS_SESSION (self));

  g_strfreev (self->lsq_candidates);
  self->lsq_candidates = g_strdupv ((char **) base_urls);
}

const LiaisonGhlAppDefaults *
liaison_session_get_ghl_defaults (LiaisonSession *self)
{
  g_return_val_if_fail (LIAISON_IS_SESSION (self), NULL);

  return self->ghl_defaults;
}

/* Takes defaults; for tests and for a front end with settings of its own. */
void
liaison_session_set_ghl_defaults (LiaisonSession *self, LiaisonGhlAppDefaults *defaults)
{
  g_return_if_fail (LIAISON_IS_SESSION (self));
  g_return_if_fail (defaults != NULL);

  liaison_ghl_app_defaults_free (self->ghl_defaults);
  self->ghl_defaults = defaults;
}

LiaisonStore *
liaison_session_get_store (LiaisonSession *self)
{
  g_return_val_if_fail (LIAISON_IS_SESSION (self), NULL);
  return self->store;
}

LiaisonAccounts *
liaison_session_get_accounts (LiaisonSession *self)
{
  g_return_val_if_fail (LIAISON_IS_SESSION (self), NULL);
  return self->accounts;
}

const LiaisonStoreConnection *
liaison_session_get_connection (LiaisonSession *self, LiaisonService service)
{
  g_return_val_if_fail (LIAISON_IS_SESSION (self), NULL);
  return liaison_session_slot (self, service)->connection;
}

const char *
liaison_session_get_error (LiaisonSession *self, LiaisonService service)
{
  g_return_val_if_fail (LIAISON_IS_SESSION (self), NULL);
  return liaison_session_slot (self, service)->error;
}

LiaisonGhlAuthorizer *
liaison_session_get_ghl_authorizer (LiaisonSession *self)
{
  g_return_val_if_fail (LIAISON_IS_SESSION (self), NULL);
  return self->ghl.authorizer;
}

LiaisonGhlClient *
liaison_session_get_ghl_client (LiaisonSession *self)
{
  g_return_val_if_fail (LIAISON_IS_SESSION (self), NULL);
  return self->ghl.client;
}

LiaisonLsqClient *
liaison_session_get_lsq_client (LiaisonSession *self)
{
  g_return_val_if_fail (LIAISON_IS_SESSION (self), NULL);
  return self->lsq.client;
}

LiaisonContactList *
liaison_session_get_contact_list (LiaisonSession *self)
{
  g_return_val_if_fail (LIAISON_IS_SESSION (self), NULL);
  return self->contact_list;
}

LiaisonRefresher *
liaison_session_get_refresher (LiaisonSession *self)
{
  g_return_val_if_fail (LIAISON_IS_SESSION (self), NULL);
  return self->refresher;
}

/* Rebuilding what hangs off the connections -------------------------------- */

typedef struct
{
  guint generation;
  guint pending;
} Reload;

static void
clear_built (LiaisonSession *self)
{
  g_clear_object (&self->refresher);
  g_clear_object (&self->contact_list);
  g_clear_object (&self->ghl.client);
  g_clear_object (&self->ghl.authorizer);
  g_clear_object (&self->lsq.client);
  slot_clear (&self->ghl.slot);
  slot_clear (&self->lsq.slot);
}

static void
reload_done (GTask *task)
{
  LiaisonSession *self = g_task_get_source_object (task);
  const LiaisonStoreConnection *lsq = self->lsq.slot.connection;
  const LiaisonStoreConnection *ghl = self->ghl.slot.connection;

  if (self->ghl.client != NULL && self->lsq.client != NULL)
    {
      self->contact_list = liaison_contact_list_new (self->store, lsq->id, ghl->id);
      self->refresher = liaison_refresher_new (self->store, self->lsq.client, lsq->id,
                                               self->ghl.client, ghl->id);
    }

  g_signal_emit (self, liaison_session_signals[LIAISON_SESSION_SIGNAL_CHANGED], 0);
  g_task_return_boolean (task, TRUE);
}

/* A later reload has started: this one's results are stale. */
static gboolean
reload_is_stale (GTask *task)
{
  LiaisonSession *self = g_task_get_source_object (task);
  Reload *reload = g_task_get_task_data (task);

  return reload->generation != self->generation;
}

static void
reload_step_done (GTask *task)
{
  Reload *reload = g_task_get_task_data (task);

  if (--reload->pending > 0)
    return;
  /* The newer reload builds and announces the result. */
  if (reload_is_stale (task))
    g_task_return_boolean (task, TRUE);
  else
    reload_done (task);
}

static void
on_ghl_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LiaisonSession *self = g_task_get_source_object (task);
  g_autoptr (LiaisonGhlAuthorizer) authorizer = NULL;
  g_autoptr (LiaisonHttp) http = NULL;
  g_autoptr (GError) error = NULL;

  authorizer = liaison_accounts_load_ghl_finish (LIAISON_ACCOUNTS (source), result, &error);
  if (reload_is_stale (task))
    {
      reload_step_done (task);
      return;
    }

  /* A connection keeps the address it was made at (a sandbox's, say), as a
   * LeadSquared connection keeps its region's host; an address the front
   * end sets (the app's own sandbox, whose port changes) wins. */
  if (authorizer != NULL)
    {
      const char *host = self->ghl.slot.connection->host;
      const char *api_url = !self->ghl_api_url_set && host != NULL && *host != '\0'
                                ? host
                                : self->ghl_api_url;

      http = liaison_http_new (LIAISON_HTTP_SERVICE_GHL, api_url, LIAISON_AUTHORIZER (authorizer),
                               &error);
    }
  if (http == NULL)
    {
      self->ghl.slot.error = g_strdup (error->message);
      g_warning ("HighLevel connection not usable: %s", error->message);
    }
  else
    {
      self->ghl.authorizer = g_steal_pointer (&authorizer);
      self->ghl.client = liaison_ghl_client_new (
          http, liaison_ghl_authorizer_get_location_id (self->ghl.authorizer));
    }
  reload_step_done (task);
}

static void
on_lsq_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LiaisonSession *self = g_task_get_source_object (task);
  g_autoptr (LiaisonLsqKeys) keys = NULL;
  g_autoptr (LiaisonAuthorizer) authorizer = NULL;
  g_autoptr (LiaisonHttp) http = NULL;
  g_autoptr (GError) error = NULL;

  keys = liaison_accounts_load_lsq_finish (LIAISON_ACCOUNTS (source), result, &error);
  if (reload_is_stale (task))
    {
      reload_step_done (task);
      return;
    }

  if (keys != NULL)
    {
      authorizer = liaison_lsq_keys_create_authorizer (keys);
      http = liaison_http_new (LIAISON_HTTP_SERVICE_LSQ, self->lsq.slot.connection->host,
                               authorizer, &error);
    }
  if (http == NULL)
    {
      self->lsq.slot.error = g_strdup (error->message);
      g_warning ("LeadSquared connection not usable: %s", error->message);
    }
  else
    self->lsq.client = liaison_lsq_client_new (http);
  reload_step_done (task);
}

/* Reads the connections from the store and loads their secrets. */
static void
reload_run (LiaisonSession *self, GTask *task)
{
  g_autoptr (GPtrArray) connections = NULL;
  g_autoptr (GError) error = NULL;
  Reload *reload;

  clear_built (self);
  reload = g_new0 (Reload, 1);
  reload->generation = ++self->generation;
  g_task_set_task_data (task, reload, g_free);

  connections = liaison_store_list_connections (self->store, &error);
  if (connections == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The newest connection of each service is the one in use; the schema
   * leaves room for more pairs later. */
  for (guint i = 0; i < connections->len; i++)
    {
      LiaisonStoreConnection *c = g_ptr_array_index (connections, i);
      LiaisonSessionSlot *slot = liaison_session_slot (self, c->service);

      if (slot->connection == NULL || c->updated_at > slot->connection->updated_at)
        {
          g_clear_pointer (&slot->connection, liaison_store_connection_free);
          slot->connection = liaison_store_connection_copy (c);
        }
    }

  reload->pending = 1;
  if (self->ghl.slot.connection != NULL)
    {
      reload->pending++;
      liaison_accounts_load_ghl_async (self->accounts, self->ghl.slot.connection->id,
                                       g_task_get_cancellable (task), on_ghl_loaded,
                                       g_object_ref (task));
    }
  if (self->lsq.slot.connection != NULL)
    {
      reload->pending++;
      liaison_accounts_load_lsq_async (self->accounts, self->lsq.slot.connection->id,
                                       g_task_get_cancellable (task), on_lsq_loaded,
                                       g_object_ref (task));
    }
  reload_step_done (task);
}

static void
on_reloaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) outer = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (outer, error);
  else
    g_task_return_boolean (outer, TRUE);
}

/* Reloads, then returns TRUE (or the error) through task, whose task data
 * stays the caller's. */
void
liaison_session_reload (LiaisonSession *self, GTask *task)
{
  GTask *inner = g_task_new (self, g_task_get_cancellable (task), on_reloaded, g_object_ref (task));

  g_task_set_source_tag (inner, liaison_session_reload);
  reload_run (self, inner);
  g_object_unref (inner);
}

/* Opening ------------------------------------------------------------------ */

static void
on_store_opened (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LiaisonSession *self = g_task_get_source_object (task);
  GError *error = NULL;

  self->store = liaison_store_open_finish (result, &error);
  if (self->store == NULL)
    {
      g_prefix_error (&error, "Liaison’s local data could not be opened: ");
      g_task_return_error (task, error);
      return;
    }

  self->token_store = liaison_token_store_new ();
  self->accounts = liaison_accounts_new (self->store, self->token_store);
  liaison_session_reload (self, task);
}

void
liaison_session_open_async (LiaisonSession *self, const char *store_path, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;

  g_return_if_fail (LIAISON_IS_SESSION (self));
  g_return_if_fail (self->store == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_session_open_async);

  path = store_path != NULL ? g_strdup (store_path)
                            : liaison_store_default_path (self->profile, &error);
  if (path == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  liaison_store_open_async (path, NULL, cancellable, on_store_opened, g_steal_pointer (&task));
}

gboolean
liaison_session_open_finish (LiaisonSession *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Rebuilding a damaged store ---------------------------------------------- */

static void
on_rebuilt_store_opened (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LiaisonSession *self = g_task_get_source_object (task);
  GError *error = NULL;

  self->store = liaison_store_open_finish (result, &error);
  if (self->store == NULL)
    {
      g_prefix_error (&error, "Liaison's rebuilt local data could not be opened: ");
      g_task_return_error (task, error);
      return;
    }
  self->token_store = liaison_token_store_new ();
  self->accounts = liaison_accounts_new (self->store, self->token_store);
  liaison_session_reload (self, task);
}

static void
on_recovered (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  const char *path = g_object_get_data (G_OBJECT (task), "path");
  GCancellable *cancellable = g_task_get_cancellable (task);
  LiaisonStoreRecovery *recovery;
  GError *error = NULL;

  recovery = liaison_store_recover_finish (result, &error);
  if (recovery == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_object_set_data_full (G_OBJECT (task), "recovery", recovery,
                          (GDestroyNotify) liaison_store_recovery_free);
  /* The task goes last: arguments are evaluated in no set order. */
  liaison_store_open_async (path, NULL, cancellable, on_rebuilt_store_opened,
                            g_steal_pointer (&task));
}

void
liaison_session_rebuild_async (LiaisonSession *self, const char *store_path,
                               GCancellable *cancellable, GAsyncReadyCallback callback,
                               gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *path = NULL;
  GError *error = NULL;

  g_return_if_fail (LIAISON_IS_SESSION (self));
  g_return_if_fail (self->store == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_session_rebuild_async);
  path = store_path != NULL ? g_strdup (store_path)
                            : liaison_store_default_path (self->profile, &error);
  if (path == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_object_set_data_full (G_OBJECT (task), "path", g_strdup (path), g_free);
  liaison_store_recover_async (path, now, cancellable, on_recovered, g_steal_pointer (&task));
}

LiaisonStoreRecovery *
liaison_session_rebuild_finish (LiaisonSession *self, GAsyncResult *result, GError **error)
{
  LiaisonStoreRecovery *recovery;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_session_rebuild_async,
                        NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  recovery = g_object_steal_data (G_OBJECT (result), "recovery");
  g_return_val_if_fail (recovery != NULL, NULL);
  return recovery;
}

/* Adding and removing accounts --------------------------------------------- */

static void
on_account_removed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LiaisonSession *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!liaison_accounts_remove_finish (LIAISON_ACCOUNTS (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  liaison_session_reload (self, task);
}

void
liaison_session_remove_async (LiaisonSession *self, LiaisonService service,
                              GCancellable *cancellable, GAsyncReadyCallback callback,
                              gpointer user_data)
{
  const LiaisonStoreConnection *connection;
  GTask *task;

  g_return_if_fail (LIAISON_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_session_remove_async);

  connection = liaison_session_get_connection (self, service);
  if (connection == NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  liaison_accounts_remove_async (self->accounts, connection->id, cancellable, on_account_removed,
                                 task);
}

gboolean
liaison_session_change_finish (LiaisonSession *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* GObject -------------------------------------------------------------------- */

static void
liaison_session_finalize (GObject *object)
{
  LiaisonSession *self = LIAISON_SESSION (object);

  clear_built (self);
  g_clear_object (&self->accounts);
  g_clear_object (&self->token_store);
  g_clear_object (&self->store);
  g_free (self->profile);
  g_free (self->ghl_api_url);
  g_strfreev (self->lsq_candidates);
  liaison_ghl_app_defaults_free (self->ghl_defaults);

  G_OBJECT_CLASS (liaison_session_parent_class)->finalize (object);
}

static void
liaison_session_class_init (LiaisonSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liaison_session_finalize;

  /* The connections, clients, contact list or refresher were rebuilt. */
  liaison_session_signals[LIAISON_SESSION_SIGNAL_CHANGED] = g_signal_new (
      "changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* HighLevel's consent page awaits the person at this address (for a
   * front end to show, say for a browser on another screen). */
  liaison_session_signals[LIAISON_SESSION_SIGNAL_SIGN_IN_OPENED]
      = g_signal_new ("sign-in-opened", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
liaison_session_init (LiaisonSession *self)
{
  self->ghl_api_url = g_strdup (GHL_DEFAULT_API_URL);
  self->ghl.slot.service = LIAISON_SERVICE_GHL;
  self->lsq.slot.service = LIAISON_SERVICE_LSQ;
  self->ghl_defaults = liaison_ghl_app_defaults_load ();
}
