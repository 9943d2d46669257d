/* liaison-accounts.c: saving, loading and removing connections.
 *
 * A connection is one row in the store's connections table, keyed by a
 * connection id, with everything that describes it and is not secret (the
 * location or org, names, host, scopes, how long the sign-in is valid), and
 * one keyring item under the same id with what is secret. Saving writes the
 * keyring first: a row without its secrets would look connected and fail.
 * Reconnecting the same location or org keeps its connection id, so its
 * cache and links stay.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-auth"

#include "liaison-accounts.h"
#include "liaison-auth-private.h"
#include "liaison-json.h"

struct _LiaisonAccounts
{
  GObject parent_instance;

  LiaisonStore *store;
  LiaisonTokenStore *token_store;
};

G_DEFINE_FINAL_TYPE (LiaisonAccounts, liaison_accounts, G_TYPE_OBJECT)

typedef struct
{
  LiaisonStoreConnection *connection;
  LiaisonGhlTokens *tokens;
  char *api_url;
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->connection, liaison_store_connection_free);
  g_clear_pointer (&job->tokens, liaison_ghl_tokens_free);
  g_free (job->api_url);
  g_free (job);
}

static void
liaison_accounts_finalize (GObject *object)
{
  LiaisonAccounts *self = (LiaisonAccounts *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->token_store);

  G_OBJECT_CLASS (liaison_accounts_parent_class)->finalize (object);
}

static void
liaison_accounts_class_init (LiaisonAccountsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = liaison_accounts_finalize;
}

static void
liaison_accounts_init (LiaisonAccounts *self)
{
}

LiaisonAccounts *
liaison_accounts_new (LiaisonStore *store, LiaisonTokenStore *token_store)
{
  LiaisonAccounts *self;

  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (LIAISON_IS_TOKEN_STORE (token_store), NULL);

  self = g_object_new (LIAISON_TYPE_ACCOUNTS, NULL);
  self->store = g_object_ref (store);
  self->token_store = g_object_ref (token_store);
  return self;
}

LiaisonStore *
liaison_accounts_get_store (LiaisonAccounts *self)
{
  g_return_val_if_fail (LIAISON_IS_ACCOUNTS (self), NULL);
  return self->store;
}

LiaisonTokenStore *
liaison_accounts_get_token_store (LiaisonAccounts *self)
{
  g_return_val_if_fail (LIAISON_IS_ACCOUNTS (self), NULL);
  return self->token_store;
}

/* The id of the connection to this account, a new one if there is none. */
static char *
connection_id_for (LiaisonAccounts *self, LiaisonService service, const char *account_id)
{
  g_autoptr (GPtrArray) connections = liaison_store_list_connections (self->store, NULL);
  guint i;

  for (i = 0; connections != NULL && i < connections->len; i++)
    {
      LiaisonStoreConnection *c = g_ptr_array_index (connections, i);

      if (c->service == service && g_strcmp0 (c->account_id, account_id) == 0)
        return g_strdup (c->id);
    }
  return g_uuid_string_random ();
}

static char *
details_to_string (JsonObject *details)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (JsonGenerator) generator = json_generator_new ();

  json_node_set_object (node, details);
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static void
set_optional (JsonObject *object, const char *member, const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
}

/* What the Accounts page shows about a HighLevel connection. Member names
 * avoid "token" and "key": the store refuses those as credentials. */
static char *
ghl_details (const LiaisonGhlTokens *tokens, const char *api_url)
{
  g_autoptr (JsonObject) details = json_object_new ();
  JsonArray *scopes = json_array_new ();
  g_auto (GStrv) parts = g_strsplit_set (tokens->scope != NULL ? tokens->scope : "", " ,", -1);
  guint i;

  json_object_set_string_member (details, "authKind",
                                 tokens->kind == LIAISON_GHL_AUTH_PRIVATE ? "private" : "oauth");
  for (i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      json_array_add_string_element (scopes, parts[i]);
  json_object_set_array_member (details, "scopes", scopes);
  if (tokens->expires_at > 0)
    {
      g_autoptr (GDateTime) until = g_date_time_new_from_unix_utc (tokens->expires_at);
      g_autofree char *text = g_date_time_format_iso8601 (until);

      json_object_set_string_member (details, "validUntil", text);
    }
  set_optional (details, "companyId", tokens->company_id);
  set_optional (details, "userType", tokens->user_type);
  set_optional (details, "userId", tokens->user_id);
  set_optional (details, "clientId", tokens->client_id);
  set_optional (details, "apiUrl", api_url);
  return details_to_string (details);
}

static void
on_row_saved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  char *id = liaison_store_save_connection_finish (LIAISON_STORE (source), result, &error);

  if (id == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, id, g_free);
}

static void
on_secret_saved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LiaisonAccounts *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;

  if (!liaison_token_store_save_finish (LIAISON_TOKEN_STORE (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  liaison_store_save_connection_async (self->store, job->connection, g_task_get_cancellable (task),
                                       on_row_saved, g_object_ref (task));
}

/* Saves a new HighLevel sign-in (from LiaisonOAuthFlow, or a private
 * integration token); returns the connection id. api_url: NULL for
 * HighLevel itself, or the sandbox's. */
void
liaison_accounts_save_ghl_async (LiaisonAccounts *self, const LiaisonGhlTokens *tokens,
                                 const char *display_name, const char *api_url,
                                 GCancellable *cancellable, GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (JsonObject) secret = NULL;
  Job *job;

  g_return_if_fail (LIAISON_IS_ACCOUNTS (self));
  g_return_if_fail (tokens != NULL && tokens->location_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_accounts_save_ghl_async);

  job = g_new0 (Job, 1);
  job->connection = liaison_store_connection_new (LIAISON_SERVICE_GHL, tokens->location_id);
  job->connection->id = connection_id_for (self, LIAISON_SERVICE_GHL, tokens->location_id);
  job->connection->display_name
      = g_strdup (display_name != NULL ? display_name : tokens->location_id);
  job->connection->host = g_strdup (api_url != NULL ? api_url : LIAISON_GHL_API_URL);
  job->connection->details = ghl_details (tokens, api_url);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  secret = liaison_ghl_tokens_to_secret (tokens);
  liaison_token_store_save_async (self->token_store, LIAISON_SECRET_GHL, job->connection->id,
                                  "Liaison: HighLevel sign-in", secret, cancellable,
                                  on_secret_saved, g_steal_pointer (&task));
}

char *
liaison_accounts_save_ghl_finish (LiaisonAccounts *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Saves checked LeadSquared keys (liaison_lsq_keys_check_async()) with the
 * account they belong to; returns the connection id. */
void
liaison_accounts_save_lsq_async (LiaisonAccounts *self, LiaisonLsqKeys *keys,
                                 const LiaisonLsqAccount *account, GCancellable *cancellable,
                                 GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (JsonObject) secret = NULL;
  g_autoptr (JsonObject) details = json_object_new ();
  Job *job;

  g_return_if_fail (LIAISON_IS_ACCOUNTS (self));
  g_return_if_fail (LIAISON_IS_LSQ_KEYS (keys));
  g_return_if_fail (account != NULL && account->org_id != NULL && account->base_url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_accounts_save_lsq_async);

  set_optional (details, "userId", account->user_id);
  set_optional (details, "userName", account->name);
  set_optional (details, "role", account->role);
  set_optional (details, "timeZone", account->time_zone);
  set_optional (details, "region", liaison_lsq_keys_get_region_name (account->host));

  job = g_new0 (Job, 1);
  job->connection = liaison_store_connection_new (LIAISON_SERVICE_LSQ, account->org_id);
  job->connection->id = connection_id_for (self, LIAISON_SERVICE_LSQ, account->org_id);
  job->connection->display_name
      = g_strdup (account->org_name != NULL ? account->org_name : account->org_id);
  job->connection->host = g_strdup (account->base_url);
  job->connection->details = details_to_string (details);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  secret = liaison_lsq_keys_to_secret (keys);
  liaison_token_store_save_async (self->token_store, LIAISON_SECRET_LSQ, job->connection->id,
                                  "Liaison: LeadSquared API keys", secret, cancellable,
                                  on_secret_saved, g_steal_pointer (&task));
}

char *
liaison_accounts_save_lsq_finish (LiaisonAccounts *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_row_deleted (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (!liaison_store_delete_connection_finish (LIAISON_STORE (source), result, &error)
      && !g_error_matches (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND))
    {
      g_task_return_error (task, error);
      return;
    }
  g_clear_error (&error);
  g_task_return_boolean (task, TRUE);
}

static void
on_secret_cleared (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LiaisonAccounts *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;

  if (!liaison_token_store_clear_finish (LIAISON_TOKEN_STORE (source), result, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  liaison_store_delete_connection_async (self->store, job->connection->id,
                                         g_task_get_cancellable (task), on_row_deleted,
                                         g_object_ref (task));
}

/* Disconnect: the keyring item goes first (a secret must not outlive its
 * connection), then the row with its cache and links. */
void
liaison_accounts_remove_async (LiaisonAccounts *self, const char *connection_id,
                               GCancellable *cancellable, GAsyncReadyCallback callback,
                               gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  LiaisonStoreConnection *connection;
  Job *job;

  g_return_if_fail (LIAISON_IS_ACCOUNTS (self));
  g_return_if_fail (connection_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_accounts_remove_async);
  connection = liaison_store_lookup_connection (self->store, connection_id, &error);
  if (connection == NULL)
    {
      if (error != NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_boolean (task, TRUE);
      return;
    }
  job = g_new0 (Job, 1);
  job->connection = connection;
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  liaison_token_store_clear_async (
      self->token_store,
      connection->service == LIAISON_SERVICE_GHL ? LIAISON_SECRET_GHL : LIAISON_SECRET_LSQ,
      connection_id, cancellable, on_secret_cleared, g_steal_pointer (&task));
}

gboolean
liaison_accounts_remove_finish (LiaisonAccounts *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_validity_saved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *id
      = liaison_store_save_connection_finish (LIAISON_STORE (source), result, &error);

  if (id == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not note the renewed HighLevel sign-in's validity: %s", error->message);
}

/* After a renewal, the row tells the new expiry and scopes. */
static void
on_renewed (LiaisonGhlAuthorizer *authorizer, GParamSpec *pspec, gpointer user_data)
{
  LiaisonAccounts *self = user_data;
  g_autoptr (LiaisonStoreConnection) connection = NULL;
  g_autoptr (LiaisonGhlTokens) tokens = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  const char *api_url = NULL;

  connection = liaison_store_lookup_connection (
      self->store, liaison_ghl_authorizer_get_connection_id (authorizer), NULL);
  if (connection == NULL)
    return;
  if (connection->details != NULL
      && json_parser_load_from_data (parser, connection->details, -1, NULL)
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    api_url
        = liaison_json_get_string (json_node_get_object (json_parser_get_root (parser)), "apiUrl");
  tokens = liaison_ghl_authorizer_dup_tokens (authorizer);
  g_free (connection->details);
  connection->details = ghl_details (tokens, api_url);
  liaison_store_save_connection_async (self->store, connection, NULL, on_validity_saved, NULL);
}

static LiaisonStoreConnection *
lookup_for_load (LiaisonAccounts *self, const char *connection_id, LiaisonService service,
                 GError **error)
{
  g_autoptr (GError) local_error = NULL;
  LiaisonStoreConnection *connection
      = liaison_store_lookup_connection (self->store, connection_id, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (connection == NULL || connection->service != service)
    {
      g_clear_pointer (&connection, liaison_store_connection_free);
      g_set_error (error, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_NOT_CONNECTED,
                   "%s is not connected. Connect it in Accounts.",
                   service == LIAISON_SERVICE_GHL ? "HighLevel" : "LeadSquared");
    }
  return connection;
}

static void
create_authorizer (GTask *task, const char *client_secret)
{
  LiaisonAccounts *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;
  LiaisonGhlAuthorizer *authorizer;

  authorizer = liaison_ghl_authorizer_new (self->token_store, job->connection->id, job->tokens,
                                           client_secret, job->api_url, &error);
  if (authorizer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_signal_connect_object (authorizer, "notify::expires-at", G_CALLBACK (on_renewed), self, 0);
  g_task_return_pointer (task, authorizer, g_object_unref);
}

static void
on_client_secret_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  char *client_secret;

  client_secret = liaison_token_store_load_client_secret_finish (LIAISON_TOKEN_STORE (source),
                                                                 result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (client_secret == NULL)
    {
      g_task_return_new_error (task, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_NOT_CONNECTED,
                               "The HighLevel app's client secret is not in the keyring. Enter it "
                               "in Accounts and reconnect HighLevel.");
      return;
    }
  create_authorizer (task, client_secret);
  liaison_auth_free_secret (client_secret);
}

static void
on_ghl_secret_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Job *job = g_task_get_task_data (task);
  g_autoptr (JsonObject) secret = NULL;
  GError *error = NULL;

  secret = liaison_token_store_load_finish (LIAISON_TOKEN_STORE (source), result, &error);
  if (secret == NULL)
    {
      g_task_return_error (
          task, error != NULL
                    ? error
                    : g_error_new_literal (LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_NOT_CONNECTED,
                                           "The HighLevel sign-in is not in the keyring. "
                                           "Reconnect HighLevel in Accounts."));
      return;
    }
  job->tokens = liaison_ghl_tokens_from_secret (secret, &error);
  if (job->tokens == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->tokens->kind == LIAISON_GHL_AUTH_PRIVATE)
    {
      create_authorizer (task, NULL);
      return;
    }
  liaison_token_store_load_client_secret_async (
      LIAISON_TOKEN_STORE (source), job->tokens->client_id, g_task_get_cancellable (task),
      on_client_secret_loaded, g_object_ref (task));
}

/* The authorizer of a saved HighLevel connection, ready for LiaisonHttp;
 * it keeps the keyring and the row up to date as it renews itself. */
void
liaison_accounts_load_ghl_async (LiaisonAccounts *self, const char *connection_id,
                                 GCancellable *cancellable, GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  GError *error = NULL;
  Job *job;

  g_return_if_fail (LIAISON_IS_ACCOUNTS (self));
  g_return_if_fail (connection_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_accounts_load_ghl_async);
  job = g_new0 (Job, 1);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  job->connection = lookup_for_load (self, connection_id, LIAISON_SERVICE_GHL, &error);
  if (job->connection == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->connection->details != NULL
      && json_parser_load_from_data (parser, job->connection->details, -1, NULL)
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    job->api_url = g_strdup (
        liaison_json_get_string (json_node_get_object (json_parser_get_root (parser)), "apiUrl"));

  liaison_token_store_load_async (self->token_store, LIAISON_SECRET_GHL, connection_id, cancellable,
                                  on_ghl_secret_loaded, g_steal_pointer (&task));
}

LiaisonGhlAuthorizer *
liaison_accounts_load_ghl_finish (LiaisonAccounts *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_lsq_secret_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (JsonObject) secret = NULL;
  GError *error = NULL;
  LiaisonLsqKeys *keys;

  secret = liaison_token_store_load_finish (LIAISON_TOKEN_STORE (source), result, &error);
  if (secret == NULL)
    {
      g_task_return_error (
          task, error != NULL
                    ? error
                    : g_error_new_literal (LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_NOT_CONNECTED,
                                           "The LeadSquared keys are not in the "
                                           "keyring. Enter them again in Accounts."));
      return;
    }
  keys = liaison_lsq_keys_new_from_secret (secret, &error);
  if (keys == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, keys, g_object_unref);
}

/* The keys of a saved LeadSquared connection; its row's host is the
 * regional base URL to use them with. */
void
liaison_accounts_load_lsq_async (LiaisonAccounts *self, const char *connection_id,
                                 GCancellable *cancellable, GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (LiaisonStoreConnection) connection = NULL;
  GError *error = NULL;

  g_return_if_fail (LIAISON_IS_ACCOUNTS (self));
  g_return_if_fail (connection_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_accounts_load_lsq_async);
  connection = lookup_for_load (self, connection_id, LIAISON_SERVICE_LSQ, &error);
  if (connection == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  liaison_token_store_load_async (self->token_store, LIAISON_SECRET_LSQ, connection_id, cancellable,
                                  on_lsq_secret_loaded, g_steal_pointer (&task));
}

LiaisonLsqKeys *
liaison_accounts_load_lsq_finish (LiaisonAccounts *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
