/* liaison-session-connect.c: the one way each account is connected, for the
 * Accounts page and `liaison-cli connect` alike. HighLevel: the client
 * secret goes to the keyring, the consent page opens in the browser, the
 * code becomes tokens, the tokens go to the keyring; or a private
 * integration token, tried once before it is kept. LeadSquared: the keys
 * are checked against the service, which names the account's region, then
 * kept. Each ends by reloading the session, which emits "changed".
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-session"

#include "liaison-auth-private.h"
#include "liaison-bearer-authorizer.h"
#include "liaison-session-private.h"

typedef struct
{
  char *client_id;
  char *client_secret;
  char *marketplace_url;
  LiaisonOAuthMarketplace marketplace;
  int port;
  gboolean no_browser;
  guint timeout_ms;
  char *token;
  char *location_id;
  LiaisonOAuthFlow *flow;
  LiaisonGhlClient *probe;
  LiaisonLsqKeys *keys;
  LiaisonLsqAccount *account;
} Connect;

static void
connect_free (Connect *c)
{
  g_free (c->client_id);
  liaison_auth_free_secret (c->client_secret);
  g_free (c->marketplace_url);
  liaison_auth_free_secret (c->token);
  g_free (c->location_id);
  g_clear_object (&c->flow);
  g_clear_object (&c->probe);
  g_clear_object (&c->keys);
  g_clear_pointer (&c->account, liaison_lsq_account_free);
  g_free (c);
}

static char *
dup_stripped (const char *text)
{
  char *copy = text != NULL ? g_strstrip (g_strdup (text)) : NULL;

  if (copy != NULL && *copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

char *
liaison_session_dup_ghl_client_id (LiaisonSession *self)
{
  g_autoptr (LiaisonGhlTokens) tokens = NULL;

  g_return_val_if_fail (LIAISON_IS_SESSION (self), NULL);

  if (self->ghl.authorizer == NULL)
    return NULL;
  tokens = liaison_ghl_authorizer_dup_tokens (self->ghl.authorizer);
  return tokens != NULL ? g_strdup (tokens->client_id) : NULL;
}

/* Reloads once the account is kept; the task's result is set by then. */
static void
on_saved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LiaisonSession *self = g_task_get_source_object (task);
  g_autofree char *connection_id = NULL;
  GError *error = NULL;

  if (g_task_get_source_tag (task) == liaison_session_connect_lsq_async)
    connection_id = liaison_accounts_save_lsq_finish (LIAISON_ACCOUNTS (source), result, &error);
  else
    connection_id = liaison_accounts_save_ghl_finish (LIAISON_ACCOUNTS (source), result, &error);
  if (connection_id == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  liaison_session_reload (self, task);
}

static void
save_ghl (GTask *task, const LiaisonGhlTokens *tokens)
{
  LiaisonSession *self = g_task_get_source_object (task);

  liaison_accounts_save_ghl_async (self->accounts, tokens, tokens->location_id, self->ghl_api_url,
                                   g_task_get_cancellable (task), on_saved, task);
}

/* HighLevel through the browser -------------------------------------------- */

static void
on_flow_finished (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (LiaisonGhlTokens) tokens = NULL;
  GError *error = NULL;

  tokens = liaison_oauth_flow_run_finish (LIAISON_OAUTH_FLOW (source), result, &error);
  if (tokens == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  save_ghl (g_steal_pointer (&task), tokens);
}

static void
run_flow (GTask *task)
{
  LiaisonSession *self = g_task_get_source_object (task);
  Connect *c = g_task_get_task_data (task);
  GError *error = NULL;
  guint port = LIAISON_OAUTH_DEFAULT_PORT;

  c->flow = liaison_oauth_flow_new (c->client_id, c->client_secret);
  if (c->marketplace_url != NULL)
    {
      if (!liaison_oauth_flow_set_marketplace_url (c->flow, c->marketplace_url, &error))
        {
          g_task_return_error (task, error);
          g_object_unref (task);
          return;
        }
    }
  else
    liaison_oauth_flow_set_marketplace (c->flow, c->marketplace);
  if (!liaison_oauth_flow_set_api_url (c->flow, self->ghl_api_url, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (c->port >= 0)
    port = (guint) c->port;
  else if (self->ghl_defaults->redirect_port != 0)
    port = self->ghl_defaults->redirect_port;
  liaison_oauth_flow_set_port (c->flow, port);
  liaison_oauth_flow_set_open_browser (c->flow, !c->no_browser);
  if (c->timeout_ms > 0)
    liaison_oauth_flow_set_timeout_ms (c->flow, c->timeout_ms);

  liaison_oauth_flow_run_async (c->flow, g_task_get_cancellable (task), on_flow_finished, task);
  if (liaison_oauth_flow_get_authorize_url (c->flow) != NULL)
    g_signal_emit (self, liaison_session_signals[LIAISON_SESSION_SIGNAL_SIGN_IN_OPENED], 0,
                   liaison_oauth_flow_get_authorize_url (c->flow));
}

static void
on_client_secret_saved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!liaison_token_store_save_client_secret_finish (LIAISON_TOKEN_STORE (source), result, &error))
    {
      g_prefix_error (&error, "The app's client secret could not be kept in the keyring: ");
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  run_flow (task);
}

/* The secret goes to the keyring first: renewing the token later needs it. */
static void
save_client_secret (GTask *task)
{
  LiaisonSession *self = g_task_get_source_object (task);
  Connect *c = g_task_get_task_data (task);

  liaison_token_store_save_client_secret_async (self->token_store, c->client_id, c->client_secret,
                                                g_task_get_cancellable (task),
                                                on_client_secret_saved, task);
}

static void
on_client_secret_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  LiaisonSession *self = g_task_get_source_object (task);
  Connect *c = g_task_get_task_data (task);
  GError *error = NULL;

  c->client_secret = liaison_token_store_load_client_secret_finish (LIAISON_TOKEN_STORE (source),
                                                                    result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (c->client_secret != NULL)
    {
      run_flow (task);
      return;
    }
  /* The distributor's secret belongs to the distributor's app only. */
  if (self->ghl_defaults->client_secret != NULL
      && g_strcmp0 (c->client_id, self->ghl_defaults->client_id) == 0)
    {
      c->client_secret = g_strdup (self->ghl_defaults->client_secret);
      save_client_secret (task);
      return;
    }
  g_task_return_new_error (task, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_INVALID_CLIENT,
                           "The client secret of the HighLevel app %s is needed: enter it "
                           "(the app's settings in the HighLevel marketplace show it).",
                           c->client_id);
  g_object_unref (task);
}

void
liaison_session_connect_ghl_async (LiaisonSession *self, const LiaisonGhlSignIn *sign_in,
                                   GCancellable *cancellable, GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  GTask *task;
  Connect *c;

  g_return_if_fail (LIAISON_IS_SESSION (self));
  g_return_if_fail (self->accounts != NULL);
  g_return_if_fail (sign_in != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_session_connect_ghl_async);
  c = g_new0 (Connect, 1);
  g_task_set_task_data (task, c, (GDestroyNotify) connect_free);

  /* What the person entered wins, then what they used before, then the
   * distributor's app. */
  c->client_id = dup_stripped (sign_in->client_id);
  if (c->client_id == NULL)
    c->client_id = liaison_session_dup_ghl_client_id (self);
  if (c->client_id == NULL)
    c->client_id = g_strdup (self->ghl_defaults->client_id);
  c->client_secret = dup_stripped (sign_in->client_secret);
  c->marketplace_url = g_strdup (sign_in->marketplace_url);
  c->marketplace = sign_in->marketplace;
  c->port = sign_in->port;
  c->no_browser = sign_in->no_browser;
  c->timeout_ms = sign_in->timeout_ms;

  if (c->client_id == NULL)
    {
      g_task_return_new_error (task, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_INVALID_CLIENT,
                               "The client ID of a HighLevel marketplace app is needed: enter "
                               "your app's client ID (or connect with a private integration "
                               "token).");
      g_object_unref (task);
      return;
    }
  if (c->client_secret != NULL)
    save_client_secret (task);
  else
    liaison_token_store_load_client_secret_async (self->token_store, c->client_id, cancellable,
                                                  on_client_secret_loaded, task);
}

/* HighLevel with a private integration token ------------------------------- */

static void
on_token_tried (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Connect *c = g_task_get_task_data (task);
  g_autoptr (GPtrArray) users = NULL;
  g_autoptr (LiaisonGhlTokens) tokens = NULL;
  GError *error = NULL;

  users = liaison_ghl_client_list_finish (LIAISON_GHL_CLIENT (source), result, &error);
  if (users == NULL)
    {
      g_prefix_error (&error, "HighLevel did not accept the token for this location: ");
      g_task_return_error (task, error);
      return;
    }
  tokens = liaison_ghl_tokens_new_private (c->token, c->location_id);
  save_ghl (g_steal_pointer (&task), tokens);
}

void
liaison_session_connect_ghl_token_async (LiaisonSession *self, const char *token,
                                         const char *location_id, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonAuthorizer) bearer = NULL;
  g_autoptr (LiaisonHttp) http = NULL;
  GError *error = NULL;
  GTask *task;
  Connect *c;

  g_return_if_fail (LIAISON_IS_SESSION (self));
  g_return_if_fail (self->accounts != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_session_connect_ghl_token_async);
  c = g_new0 (Connect, 1);
  g_task_set_task_data (task, c, (GDestroyNotify) connect_free);
  c->token = dup_stripped (token);
  c->location_id = dup_stripped (location_id);
  if (c->token == NULL || c->location_id == NULL)
    {
      g_task_return_new_error (task, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_INVALID_CLIENT,
                               "A private integration token needs both the token and the "
                               "location id.");
      g_object_unref (task);
      return;
    }

  /* Asked once before saving, so that a mistyped token or location is told
   * now rather than at the first sync. */
  bearer = liaison_bearer_authorizer_new (c->token);
  http = liaison_http_new (LIAISON_HTTP_SERVICE_GHL, self->ghl_api_url, bearer, &error);
  if (http == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  c->probe = liaison_ghl_client_new (http, c->location_id);
  liaison_ghl_client_list_users_async (c->probe, cancellable, on_token_tried, task);
}

gboolean
liaison_session_connect_ghl_finish (LiaisonSession *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_session_connect_ghl_async
                            || g_task_get_source_tag (G_TASK (result))
                                   == liaison_session_connect_ghl_token_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* LeadSquared -------------------------------------------------------------- */

static void
on_keys_checked (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  LiaisonSession *self = g_task_get_source_object (task);
  Connect *c = g_task_get_task_data (task);
  GError *error = NULL;

  c->account = liaison_lsq_keys_check_finish (LIAISON_LSQ_KEYS (source), result, &error);
  if (c->account == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  liaison_accounts_save_lsq_async (self->accounts, c->keys, c->account,
                                   g_task_get_cancellable (task), on_saved, task);
}

void
liaison_session_connect_lsq_async (LiaisonSession *self, const char *access_key,
                                   const char *secret_key, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data)
{
  g_autofree char *access = dup_stripped (access_key);
  char *secret = dup_stripped (secret_key);
  GTask *task;
  Connect *c;

  g_return_if_fail (LIAISON_IS_SESSION (self));
  g_return_if_fail (self->accounts != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_session_connect_lsq_async);
  c = g_new0 (Connect, 1);
  g_task_set_task_data (task, c, (GDestroyNotify) connect_free);
  if (access == NULL || secret == NULL)
    {
      liaison_auth_free_secret (secret);
      g_task_return_new_error (task, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_WRONG_KEYS,
                               "Both the access key and the secret key are needed.");
      g_object_unref (task);
      return;
    }
  c->keys = liaison_lsq_keys_new (access, secret);
  liaison_auth_free_secret (secret);
  if (self->lsq_candidates != NULL)
    liaison_lsq_keys_set_candidates (c->keys, (const char *const *) self->lsq_candidates);
  liaison_lsq_keys_check_async (c->keys, cancellable, on_keys_checked, task);
}

LiaisonLsqAccount *
liaison_session_connect_lsq_finish (LiaisonSession *self, GAsyncResult *result, GError **error)
{
  Connect *c;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (
      g_task_get_source_tag (G_TASK (result)) == liaison_session_connect_lsq_async, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  c = g_task_get_task_data (G_TASK (result));
  return liaison_lsq_account_copy (c->account);
}
