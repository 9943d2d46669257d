/* liaison-oauth-flow.c: HighLevel's authorization-code flow for a desktop
 * app: its settings and the consent page's address. The run itself is in
 * liaison-oauth-flow-run.c.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-auth"

#include <string.h>

#include <libsoup/soup.h>

#include "liaison-auth-private.h"
#include "liaison-debug.h"
#include "liaison-http.h"
#include "liaison-json.h"
#include "liaison-oauth-flow-private.h"

G_DEFINE_FINAL_TYPE (LiaisonOAuthFlow, liaison_oauth_flow, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PORT,
  PROP_TIMEOUT_MS,
  PROP_OPEN_BROWSER,
  PROP_AUTHORIZE_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What Liaison reads and writes (ghl-docs/oauth-Scopes.md): contacts with
 * their tasks, notes and tags; calendars, their free slots and events;
 * the location and its custom field definitions; users (owners); and
 * businesses, which contacts can belong to. */
static const char *const default_scopes[] = {
  "contacts.readonly",
  "contacts.write",
  "calendars.readonly",
  "calendars/events.readonly",
  "calendars/events.write",
  "locations.readonly",
  "locations/customFields.readonly",
  "locations/customFields.write",
  "users.readonly",
  "businesses.readonly",
  NULL,
};

const char *const *
liaison_oauth_flow_get_default_scopes (void)
{
  return default_scopes;
}

static void
liaison_oauth_flow_finalize (GObject *object)
{
  LiaisonOAuthFlow *self = (LiaisonOAuthFlow *) object;

  /* A run holds a reference through its GTask, so none is left here. */
  g_free (self->client_id);
  liaison_auth_free_secret (self->client_secret);
  g_free (self->marketplace_url);
  g_free (self->api_url);
  g_strfreev (self->scopes);
  g_free (self->authorize_url);
  g_free (self->redirect_uri);
  liaison_auth_free_secret (self->state);
  liaison_auth_free_secret (self->code_verifier);
  g_clear_object (&self->token_http);

  G_OBJECT_CLASS (liaison_oauth_flow_parent_class)->finalize (object);
}

static void
liaison_oauth_flow_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LiaisonOAuthFlow *self = LIAISON_OAUTH_FLOW (object);

  switch (prop_id)
    {
      case PROP_PORT:
        g_value_set_uint (value, self->port);
        break;
      case PROP_TIMEOUT_MS:
        g_value_set_uint (value, self->timeout_ms);
        break;
      case PROP_OPEN_BROWSER:
        g_value_set_boolean (value, self->open_browser);
        break;
      case PROP_AUTHORIZE_URL:
        g_value_set_string (value, self->authorize_url);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_oauth_flow_set_property (GObject *object, guint prop_id, const GValue *value,
                                 GParamSpec *pspec)
{
  LiaisonOAuthFlow *self = LIAISON_OAUTH_FLOW (object);

  switch (prop_id)
    {
      case PROP_PORT:
        liaison_oauth_flow_set_port (self, g_value_get_uint (value));
        break;
      case PROP_TIMEOUT_MS:
        liaison_oauth_flow_set_timeout_ms (self, g_value_get_uint (value));
        break;
      case PROP_OPEN_BROWSER:
        liaison_oauth_flow_set_open_browser (self, g_value_get_boolean (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_oauth_flow_class_init (LiaisonOAuthFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liaison_oauth_flow_finalize;
  object_class->get_property = liaison_oauth_flow_get_property;
  object_class->set_property = liaison_oauth_flow_set_property;

  properties[PROP_PORT]
      = g_param_spec_uint ("port", NULL, NULL, 0, G_MAXUINT16, LIAISON_OAUTH_DEFAULT_PORT,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TIMEOUT_MS]
      = g_param_spec_uint ("timeout-ms", NULL, NULL, 1, G_MAXUINT, LIAISON_OAUTH_DEFAULT_TIMEOUT_MS,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_OPEN_BROWSER]
      = g_param_spec_boolean ("open-browser", NULL, NULL, TRUE,
                              G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_AUTHORIZE_URL]
      = g_param_spec_string ("authorize-url", NULL, NULL, NULL,
                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_oauth_flow_init (LiaisonOAuthFlow *self)
{
  self->marketplace_url = g_strdup (LIAISON_GHL_MARKETPLACE_URL);
  self->api_url = g_strdup (LIAISON_GHL_API_URL);
  self->scopes = g_strdupv ((GStrv) default_scopes);
  self->port = LIAISON_OAUTH_DEFAULT_PORT;
  self->timeout_ms = LIAISON_OAUTH_DEFAULT_TIMEOUT_MS;
  self->open_browser = TRUE;
}

LiaisonOAuthFlow *
liaison_oauth_flow_new (const char *client_id, const char *client_secret)
{
  LiaisonOAuthFlow *self;

  g_return_val_if_fail (client_id != NULL && *client_id != '\0', NULL);
  g_return_val_if_fail (client_secret != NULL && *client_secret != '\0', NULL);

  self = g_object_new (LIAISON_TYPE_OAUTH_FLOW, NULL);
  self->client_id = g_strdup (client_id);
  self->client_secret = g_strdup (client_secret);
  return self;
}

void
liaison_oauth_flow_set_marketplace (LiaisonOAuthFlow *self, LiaisonOAuthMarketplace marketplace)
{
  g_return_if_fail (LIAISON_IS_OAUTH_FLOW (self));

  g_free (self->marketplace_url);
  self->marketplace_url = g_strdup (marketplace == LIAISON_OAUTH_MARKETPLACE_WHITE_LABEL
                                        ? LIAISON_GHL_WHITE_LABEL_MARKETPLACE_URL
                                        : LIAISON_GHL_MARKETPLACE_URL);
}

static char *
strip_slashes (const char *url)
{
  gsize len = strlen (url);

  while (len > 0 && url[len - 1] == '/')
    len--;
  return g_strndup (url, len);
}

/* Any https base, or http on a loopback address (the sandbox). */
gboolean
liaison_oauth_flow_set_marketplace_url (LiaisonOAuthFlow *self, const char *base_url,
                                        GError **error)
{
  g_return_val_if_fail (LIAISON_IS_OAUTH_FLOW (self), FALSE);
  g_return_val_if_fail (base_url != NULL, FALSE);

  if (!liaison_http_check_base_url (base_url, error))
    return FALSE;
  g_free (self->marketplace_url);
  self->marketplace_url = strip_slashes (base_url);
  return TRUE;
}

const char *
liaison_oauth_flow_get_marketplace_url (LiaisonOAuthFlow *self)
{
  g_return_val_if_fail (LIAISON_IS_OAUTH_FLOW (self), NULL);
  return self->marketplace_url;
}

/* Where POST /oauth/token lives: HighLevel's API host, or the sandbox. */
gboolean
liaison_oauth_flow_set_api_url (LiaisonOAuthFlow *self, const char *base_url, GError **error)
{
  g_return_val_if_fail (LIAISON_IS_OAUTH_FLOW (self), FALSE);
  g_return_val_if_fail (base_url != NULL, FALSE);

  if (!liaison_http_check_base_url (base_url, error))
    return FALSE;
  g_free (self->api_url);
  self->api_url = strip_slashes (base_url);
  g_clear_object (&self->token_http);
  return TRUE;
}

const char *
liaison_oauth_flow_get_api_url (LiaisonOAuthFlow *self)
{
  g_return_val_if_fail (LIAISON_IS_OAUTH_FLOW (self), NULL);
  return self->api_url;
}

void
liaison_oauth_flow_set_scopes (LiaisonOAuthFlow *self, const char *const *scopes)
{
  g_return_if_fail (LIAISON_IS_OAUTH_FLOW (self));
  g_return_if_fail (scopes != NULL && scopes[0] != NULL);

  g_strfreev (self->scopes);
  self->scopes = g_strdupv ((GStrv) scopes);
}

const char *const *
liaison_oauth_flow_get_scopes (LiaisonOAuthFlow *self)
{
  g_return_val_if_fail (LIAISON_IS_OAUTH_FLOW (self), NULL);
  return (const char *const *) self->scopes;
}

/* The port asked for; while and after a run, the one actually used. */
guint
liaison_oauth_flow_get_port (LiaisonOAuthFlow *self)
{
  g_return_val_if_fail (LIAISON_IS_OAUTH_FLOW (self), 0);
  return self->port;
}

void
liaison_oauth_flow_set_port (LiaisonOAuthFlow *self, guint port)
{
  g_return_if_fail (LIAISON_IS_OAUTH_FLOW (self));
  g_return_if_fail (port <= G_MAXUINT16);

  if (self->port == port)
    return;
  self->port = port;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
}

guint
liaison_oauth_flow_get_timeout_ms (LiaisonOAuthFlow *self)
{
  g_return_val_if_fail (LIAISON_IS_OAUTH_FLOW (self), 0);
  return self->timeout_ms;
}

void
liaison_oauth_flow_set_timeout_ms (LiaisonOAuthFlow *self, guint timeout_ms)
{
  g_return_if_fail (LIAISON_IS_OAUTH_FLOW (self));
  g_return_if_fail (timeout_ms > 0);

  if (self->timeout_ms == timeout_ms)
    return;
  self->timeout_ms = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT_MS]);
}

gboolean
liaison_oauth_flow_get_open_browser (LiaisonOAuthFlow *self)
{
  g_return_val_if_fail (LIAISON_IS_OAUTH_FLOW (self), FALSE);
  return self->open_browser;
}

/* FALSE: the caller shows get_authorize_url() itself (liaison-cli can print
 * it for a browser on another screen). */
void
liaison_oauth_flow_set_open_browser (LiaisonOAuthFlow *self, gboolean open_browser)
{
  g_return_if_fail (LIAISON_IS_OAUTH_FLOW (self));

  open_browser = !!open_browser;
  if (self->open_browser == open_browser)
    return;
  self->open_browser = open_browser;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPEN_BROWSER]);
}

/* The consent page's address of the run in progress (set as soon as
 * run_async returns), or NULL. */
const char *
liaison_oauth_flow_get_authorize_url (LiaisonOAuthFlow *self)
{
  g_return_val_if_fail (LIAISON_IS_OAUTH_FLOW (self), NULL);
  return self->authorize_url;
}

const char *
liaison_oauth_flow_get_redirect_uri (LiaisonOAuthFlow *self)
{
  g_return_val_if_fail (LIAISON_IS_OAUTH_FLOW (self), NULL);
  return self->redirect_uri;
}

static void
append_param (GString *url, const char *name, const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  g_string_append_printf (url, "%s%s=%s", strchr (url->str, '?') != NULL ? "&" : "?", name,
                          escaped);
}

/* HighLevel's template (ghl-docs/oauth-Authorization.md) plus the state
 * that every OAuth client should send and check. */
char *
liaison_oauth_flow_build_authorize_url (LiaisonOAuthFlow *self, const char *redirect_uri,
                                        const char *state)
{
  GString *url;
  g_autofree char *scope = NULL;

  g_return_val_if_fail (LIAISON_IS_OAUTH_FLOW (self), NULL);
  g_return_val_if_fail (redirect_uri != NULL, NULL);

  url = g_string_new (self->marketplace_url);
  g_string_append (url, "/v2/oauth/chooselocation");
  scope = g_strjoinv (" ", self->scopes);
  append_param (url, "response_type", "code");
  append_param (url, "redirect_uri", redirect_uri);
  append_param (url, "client_id", self->client_id);
  append_param (url, "scope", scope);
  if (state != NULL)
    append_param (url, "state", state);
  /* PKCE (RFC 7636). HighLevel's docs name no PKCE parameters, but OAuth
   * 2.0 (RFC 6749 3.1 and 3.2) has its servers ignore parameters they do
   * not know, and the docs already add optional ones (loginWindowOpenMode);
   * a server that checks PKCE gets the S256 challenge. */
  if (self->code_verifier != NULL)
    {
      g_autofree char *challenge = liaison_auth_pkce_challenge (self->code_verifier);

      append_param (url, "code_challenge", challenge);
      append_param (url, "code_challenge_method", "S256");
    }
  return g_string_free (url, FALSE);
}

/* Called by the run once it listens: the real port, the redirect URI and
 * the consent page's address. */
void
liaison_oauth_flow_set_redirect (LiaisonOAuthFlow *self, guint port, const char *redirect_uri,
                                 const char *authorize_url)
{
  if (self->port != port)
    {
      self->port = port;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
    }
  g_free (self->redirect_uri);
  self->redirect_uri = g_strdup (redirect_uri);
  if (g_strcmp0 (self->authorize_url, authorize_url) != 0)
    {
      g_free (self->authorize_url);
      self->authorize_url = g_strdup (authorize_url);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHORIZE_URL]);
    }
}
