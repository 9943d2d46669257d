/* liaison-ghl-authorizer.c: HighLevel credentials with the token lifecycle
 * of GNOME Online Accounts.
 *
 * The expiry is absolute. A request that finds the access token within ten
 * minutes of its end starts a renewal in the background and still goes out
 * with the current token; a 401 (a token that expired early, or was
 * revoked) makes LiaisonHttp ask for a renewal and wait. Either way only one
 * renewal runs: HighLevel rotates the refresh token on every use, so a
 * second concurrent one would present a dead token and sign the person out.
 * Whoever asks meanwhile waits for the one in flight.
 *
 * A renewal stores the new token set in the keyring first and only then
 * starts using it, so that a crash in between cannot leave the keyring with
 * a refresh token HighLevel no longer accepts. A refused renewal (the
 * refresh token was revoked, used elsewhere or expired) is final: the
 * authorizer says "reconnect" from then on and emits ::reconnect-needed.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-auth"

#include "liaison-auth-private.h"
#include "liaison-debug.h"
#include "liaison-ghl-authorizer.h"
#include "liaison-http.h"

/* A 401 this soon after a renewal was for a request sent with the old
 * token: trying again with the new one is enough. */
#define JUST_RENEWED_US (10 * G_USEC_PER_SEC)

struct _LiaisonGhlAuthorizer
{
  GObject parent_instance;

  LiaisonTokenStore *token_store;
  char *connection_id;
  LiaisonGhlTokens *tokens;
  char *client_secret;
  LiaisonHttp *token_http;
  GCancellable *cancellable;

  gboolean refreshing;
  GPtrArray *waiters; /* GTask */
  gint64 renewed_at;  /* monotonic */
  guint refresh_count;
  gboolean needs_reconnect;
  char *reconnect_message;
};

static void authorizer_iface_init (LiaisonAuthorizerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LiaisonGhlAuthorizer, liaison_ghl_authorizer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (LIAISON_TYPE_AUTHORIZER,
                                                      authorizer_iface_init))

enum
{
  PROP_0,
  PROP_EXPIRES_AT,
  PROP_NEEDS_RECONNECT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_RECONNECT_NEEDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_refresh (LiaisonGhlAuthorizer *self);

static gboolean
can_refresh (LiaisonGhlAuthorizer *self)
{
  return self->tokens->kind == LIAISON_GHL_AUTH_OAUTH && self->tokens->refresh_token != NULL
         && self->client_secret != NULL && self->token_http != NULL;
}

static gboolean
ghl_apply (LiaisonAuthorizer *authorizer, SoupMessage *message, GError **error)
{
  LiaisonGhlAuthorizer *self = LIAISON_GHL_AUTHORIZER (authorizer);
  g_autofree char *value = NULL;

  if (self->needs_reconnect)
    {
      g_set_error_literal (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_AUTHORIZED,
                           self->reconnect_message);
      return FALSE;
    }

  value = g_strconcat ("Bearer ", self->tokens->access_token, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", value);
  liaison_auth_free_secret (g_steal_pointer (&value));

  if (self->tokens->expires_at > 0 && !self->refreshing && can_refresh (self)
      && self->tokens->expires_at - g_get_real_time () / G_USEC_PER_SEC
             < LIAISON_GHL_REFRESH_AHEAD_S)
    {
      LIAISON_TRACE (LIAISON_DEBUG_AUTH,
                     "ghl: access token of %s ends in under %d minutes; "
                     "renewing ahead",
                     self->connection_id, LIAISON_GHL_REFRESH_AHEAD_S / 60);
      start_refresh (self);
    }
  return TRUE;
}

static gboolean
ghl_can_refresh (LiaisonAuthorizer *authorizer)
{
  return can_refresh (LIAISON_GHL_AUTHORIZER (authorizer));
}

static void
finish_waiters (LiaisonGhlAuthorizer *self, const GError *error)
{
  g_autoptr (GPtrArray) waiters = g_steal_pointer (&self->waiters);
  guint i;

  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  for (i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

static void
mark_reconnect (LiaisonGhlAuthorizer *self, const char *why)
{
  g_free (self->reconnect_message);
  self->reconnect_message = g_strdup_printf ("HighLevel no longer accepts Liaison's sign-in for "
                                             "this location (%s). Reconnect HighLevel in Accounts.",
                                             why);
  if (self->needs_reconnect)
    return;
  self->needs_reconnect = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEEDS_RECONNECT]);
  g_signal_emit (self, signals[SIGNAL_RECONNECT_NEEDED], 0, self->reconnect_message);
}

typedef struct
{
  LiaisonGhlAuthorizer *self;
  LiaisonGhlTokens *tokens;
} Renewal;

static void
renewal_free (Renewal *renewal)
{
  g_object_unref (renewal->self);
  liaison_ghl_tokens_free (renewal->tokens);
  g_free (renewal);
}

static void
use_tokens (LiaisonGhlAuthorizer *self, LiaisonGhlTokens *tokens)
{
  liaison_ghl_tokens_free (self->tokens);
  self->tokens = tokens;
  self->refresh_count++;
  self->renewed_at = g_get_monotonic_time ();
  self->refreshing = FALSE;
  LIAISON_TRACE (LIAISON_DEBUG_AUTH, "ghl: sign-in of %s renewed", self->connection_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPIRES_AT]);
  finish_waiters (self, NULL);
}

static void
on_renewal_stored (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Renewal *renewal = user_data;
  LiaisonGhlAuthorizer *self = renewal->self;
  g_autoptr (GError) error = NULL;

  if (!liaison_token_store_save_finish (LIAISON_TOKEN_STORE (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Disposed meanwhile: nobody will use the tokens. */
          self->refreshing = FALSE;
          finish_waiters (self, error);
          renewal_free (renewal);
          return;
        }
      /* The old refresh token is spent: the new set is the only one that
       * works, so it is used for this session even though the keyring
       * could not keep it. */
      g_warning ("The renewed HighLevel sign-in could not be saved; it lasts until Liaison "
                 "quits: %s",
                 error->message);
    }
  use_tokens (self, g_steal_pointer (&renewal->tokens));
  renewal_free (renewal);
}

static void
on_refresh_reply (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonGhlAuthorizer) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (JsonObject) secret = NULL;
  LiaisonGhlTokens *tokens;
  Renewal *renewal;

  root = liaison_http_send_json_finish (LIAISON_HTTP (source), result, &error);
  if (root != NULL)
    tokens
        = liaison_ghl_tokens_new_from_response (root, g_get_real_time () / G_USEC_PER_SEC, &error);
  else
    tokens = NULL;

  if (tokens == NULL)
    {
      g_autoptr (GError) reported = NULL;

      self->refreshing = FALSE;
      if (g_error_matches (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_VALIDATION)
          || g_error_matches (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_AUTHORIZED)
          || g_error_matches (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_FORBIDDEN))
        {
          /* invalid_grant and friends: no retry will change that. */
          mark_reconnect (self, error->message);
          reported = g_error_new_literal (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_AUTHORIZED,
                                          self->reconnect_message);
        }
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
               || g_error_matches (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_CANCELLED))
        reported = g_steal_pointer (&error);
      else
        reported = g_error_new (LIAISON_HTTP_ERROR,
                                error->domain == LIAISON_HTTP_ERROR ? error->code
                                                                    : LIAISON_HTTP_ERROR_PROTOCOL,
                                "Could not renew the HighLevel sign-in (%s); Liaison will try "
                                "again with the next request.",
                                error->message);
      finish_waiters (self, reported);
      return;
    }

  /* The answer may leave out what does not change. */
  if (tokens->location_id == NULL)
    tokens->location_id = g_strdup (self->tokens->location_id);
  if (tokens->company_id == NULL)
    tokens->company_id = g_strdup (self->tokens->company_id);
  if (tokens->user_type == NULL)
    tokens->user_type = g_strdup (self->tokens->user_type);
  if (tokens->user_id == NULL)
    tokens->user_id = g_strdup (self->tokens->user_id);
  if (tokens->scope == NULL)
    tokens->scope = g_strdup (self->tokens->scope);
  tokens->client_id = g_strdup (self->tokens->client_id);

  /* Keyring first, then use. */
  renewal = g_new0 (Renewal, 1);
  renewal->self = g_object_ref (self);
  renewal->tokens = tokens;
  secret = liaison_ghl_tokens_to_secret (tokens);
  liaison_token_store_save_async (self->token_store, LIAISON_SECRET_GHL, self->connection_id,
                                  "Liaison: HighLevel sign-in", secret, self->cancellable,
                                  on_renewal_stored, renewal);
}

static void
start_refresh (LiaisonGhlAuthorizer *self)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;

  g_assert (!self->refreshing);
  self->refreshing = TRUE;

  request = liaison_http_request_new ("POST", "/oauth/token", "renew the HighLevel sign-in");
  liaison_http_request_add_form_field (request, "client_id", self->tokens->client_id);
  liaison_http_request_add_form_field (request, "client_secret", self->client_secret);
  liaison_http_request_add_form_field (request, "grant_type", "refresh_token");
  liaison_http_request_add_form_field (request, "refresh_token", self->tokens->refresh_token);
  liaison_http_request_add_form_field (
      request, "user_type", self->tokens->user_type != NULL ? self->tokens->user_type : "Location");
  /* The refresh token is spent by the first try that reaches HighLevel:
   * never repeat one blindly. */
  liaison_http_request_set_idempotent (request, FALSE);
  liaison_http_request_set_priority (request, LIAISON_HTTP_PRIORITY_INTERACTIVE);
  liaison_http_send_async (self->token_http, request, self->cancellable, on_refresh_reply,
                           g_object_ref (self));
}

static void
ghl_refresh_async (LiaisonAuthorizer *authorizer, GCancellable *cancellable,
                   GAsyncReadyCallback callback, gpointer user_data)
{
  LiaisonGhlAuthorizer *self = LIAISON_GHL_AUTHORIZER (authorizer);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, ghl_refresh_async);

  if (self->needs_reconnect)
    {
      g_task_return_new_error (task, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_AUTHORIZED, "%s",
                               self->reconnect_message);
      return;
    }
  if (!can_refresh (self))
    {
      g_task_return_new_error (task, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_AUTHORIZED,
                               "HighLevel refused the private integration token. Create a new "
                               "one in HighLevel (Settings, Private Integrations) and connect "
                               "again in Accounts.");
      return;
    }
  if (!self->refreshing && self->renewed_at != 0
      && g_get_monotonic_time () - self->renewed_at < JUST_RENEWED_US)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_ptr_array_add (self->waiters, g_steal_pointer (&task));
  if (!self->refreshing)
    start_refresh (self);
}

static gboolean
ghl_refresh_finish (LiaisonAuthorizer *authorizer, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, authorizer), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
authorizer_iface_init (LiaisonAuthorizerInterface *iface)
{
  iface->apply = ghl_apply;
  iface->can_refresh = ghl_can_refresh;
  iface->refresh_async = ghl_refresh_async;
  iface->refresh_finish = ghl_refresh_finish;
}

static void
liaison_ghl_authorizer_dispose (GObject *object)
{
  LiaisonGhlAuthorizer *self = (LiaisonGhlAuthorizer *) object;

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (liaison_ghl_authorizer_parent_class)->dispose (object);
}

static void
liaison_ghl_authorizer_finalize (GObject *object)
{
  LiaisonGhlAuthorizer *self = (LiaisonGhlAuthorizer *) object;

  g_clear_object (&self->token_store);
  g_clear_object (&self->token_http);
  g_clear_object (&self->cancellable);
  g_free (self->connection_id);
  liaison_ghl_tokens_free (self->tokens);
  liaison_auth_free_secret (self->client_secret);
  g_ptr_array_unref (self->waiters);
  g_free (self->reconnect_message);

  G_OBJECT_CLASS (liaison_ghl_authorizer_parent_class)->finalize (object);
}

static void
liaison_ghl_authorizer_get_property (GObject *object, guint prop_id, GValue *value,
                                     GParamSpec *pspec)
{
  LiaisonGhlAuthorizer *self = LIAISON_GHL_AUTHORIZER (object);

  switch (prop_id)
    {
      case PROP_EXPIRES_AT:
        g_value_set_int64 (value, self->tokens->expires_at);
        break;
      case PROP_NEEDS_RECONNECT:
        g_value_set_boolean (value, self->needs_reconnect);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_ghl_authorizer_class_init (LiaisonGhlAuthorizerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liaison_ghl_authorizer_dispose;
  object_class->finalize = liaison_ghl_authorizer_finalize;
  object_class->get_property = liaison_ghl_authorizer_get_property;

  properties[PROP_EXPIRES_AT]
      = g_param_spec_int64 ("expires-at", NULL, NULL, 0, G_MAXINT64, 0,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NEEDS_RECONNECT]
      = g_param_spec_boolean ("needs-reconnect", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The sign-in cannot be renewed any more; the argument is the sentence to
   * show, which tells the person to reconnect HighLevel in Accounts. */
  signals[SIGNAL_RECONNECT_NEEDED]
      = g_signal_new ("reconnect-needed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
liaison_ghl_authorizer_init (LiaisonGhlAuthorizer *self)
{
  self->cancellable = g_cancellable_new ();
  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
}

/* tokens: an OAuth set (then client_secret and api_url are needed to renew
 * it, and token_store keeps each renewal under connection_id) or a private
 * integration token (then both may be NULL). */
LiaisonGhlAuthorizer *
liaison_ghl_authorizer_new (LiaisonTokenStore *token_store, const char *connection_id,
                            const LiaisonGhlTokens *tokens, const char *client_secret,
                            const char *api_url, GError **error)
{
  g_autoptr (LiaisonGhlAuthorizer) self = NULL;

  g_return_val_if_fail (LIAISON_IS_TOKEN_STORE (token_store), NULL);
  g_return_val_if_fail (connection_id != NULL, NULL);
  g_return_val_if_fail (tokens != NULL && tokens->access_token != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_GHL_AUTHORIZER, NULL);
  self->token_store = g_object_ref (token_store);
  self->connection_id = g_strdup (connection_id);
  self->tokens = liaison_ghl_tokens_copy (tokens);

  if (tokens->kind == LIAISON_GHL_AUTH_OAUTH)
    {
      if (tokens->refresh_token == NULL || tokens->client_id == NULL || client_secret == NULL
          || *client_secret == '\0')
        {
          g_set_error_literal (error, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_NOT_CONNECTED,
                               "The HighLevel sign-in cannot be renewed without the app's client "
                               "ID, client secret and refresh token. Reconnect HighLevel in "
                               "Accounts.");
          return NULL;
        }
      self->client_secret = g_strdup (client_secret);
      self->token_http = liaison_http_new (
          LIAISON_HTTP_SERVICE_GHL, api_url != NULL ? api_url : LIAISON_GHL_API_URL, NULL, error);
      if (self->token_http == NULL)
        return NULL;
    }
  return g_steal_pointer (&self);
}

const char *
liaison_ghl_authorizer_get_connection_id (LiaisonGhlAuthorizer *self)
{
  g_return_val_if_fail (LIAISON_IS_GHL_AUTHORIZER (self), NULL);
  return self->connection_id;
}

LiaisonGhlAuthKind
liaison_ghl_authorizer_get_kind (LiaisonGhlAuthorizer *self)
{
  g_return_val_if_fail (LIAISON_IS_GHL_AUTHORIZER (self), LIAISON_GHL_AUTH_OAUTH);
  return self->tokens->kind;
}

const char *
liaison_ghl_authorizer_get_location_id (LiaisonGhlAuthorizer *self)
{
  g_return_val_if_fail (LIAISON_IS_GHL_AUTHORIZER (self), NULL);
  return self->tokens->location_id;
}

const char *
liaison_ghl_authorizer_get_scope (LiaisonGhlAuthorizer *self)
{
  g_return_val_if_fail (LIAISON_IS_GHL_AUTHORIZER (self), NULL);
  return self->tokens->scope;
}

/* Seconds since the epoch; 0 for a token that does not expire. */
gint64
liaison_ghl_authorizer_get_expires_at (LiaisonGhlAuthorizer *self)
{
  g_return_val_if_fail (LIAISON_IS_GHL_AUTHORIZER (self), 0);
  return self->tokens->expires_at;
}

gboolean
liaison_ghl_authorizer_get_needs_reconnect (LiaisonGhlAuthorizer *self)
{
  g_return_val_if_fail (LIAISON_IS_GHL_AUTHORIZER (self), FALSE);
  return self->needs_reconnect;
}

/* How many renewals have been put to use. */
guint
liaison_ghl_authorizer_get_refresh_count (LiaisonGhlAuthorizer *self)
{
  g_return_val_if_fail (LIAISON_IS_GHL_AUTHORIZER (self), 0);
  return self->refresh_count;
}

/* A copy of the current set, secrets included: for saving, never logging. */
LiaisonGhlTokens *
liaison_ghl_authorizer_dup_tokens (LiaisonGhlAuthorizer *self)
{
  g_return_val_if_fail (LIAISON_IS_GHL_AUTHORIZER (self), NULL);
  return liaison_ghl_tokens_copy (self->tokens);
}
