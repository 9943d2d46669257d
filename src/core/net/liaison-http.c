/* liaison-http.c: LiaisonHttp, the one send path for a service account:
 * its session, limits, retry policy and credentials, and the https rule.
 * The send path itself is in liaison-http-send*.c.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-http"

#include <string.h>

#include "liaison-http-private.h"

G_DEFINE_FINAL_TYPE (LiaisonHttp, liaison_http, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TIMEOUT_MS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
liaison_http_service_get_name (LiaisonHttpService service)
{
  return service == LIAISON_HTTP_SERVICE_GHL ? "HighLevel" : "LeadSquared";
}

/* Credentials only travel encrypted: https, or plain http to this machine
 * (the sandbox and tests). */
gboolean
liaison_http_check_base_url (const char *base_url, GError **error)
{
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GError) local_error = NULL;
  const char *scheme, *host;

  g_return_val_if_fail (base_url != NULL, FALSE);

  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "“%s” is not a valid URL: %s",
                   base_url, local_error->message);
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "“%s” names no host", base_url);
      return FALSE;
    }
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") == 0
      && (g_strcmp0 (host, "127.0.0.1") == 0 || g_ascii_strcasecmp (host, "localhost") == 0
          || g_strcmp0 (host, "::1") == 0 || g_strcmp0 (host, "[::1]") == 0))
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               "Refusing “%s”: use https (plain http is only allowed for 127.0.0.1, localhost "
               "and ::1)",
               base_url);
  return FALSE;
}

static void
liaison_http_dispose (GObject *object)
{
  LiaisonHttp *self = (LiaisonHttp *) object;

  g_cancellable_cancel (self->cancellable);
  if (self->session != NULL)
    soup_session_abort (self->session);

  G_OBJECT_CLASS (liaison_http_parent_class)->dispose (object);
}

static void
liaison_http_finalize (GObject *object)
{
  LiaisonHttp *self = (LiaisonHttp *) object;

  g_free (self->base_url);
  g_clear_object (&self->session);
  g_clear_object (&self->authorizer);
  g_clear_object (&self->limiter);
  g_clear_object (&self->policy);
  g_clear_object (&self->cancellable);
  g_ptr_array_unref (self->refresh_waiters);
  g_main_context_unref (self->context);

  G_OBJECT_CLASS (liaison_http_parent_class)->finalize (object);
}

static void
liaison_http_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LiaisonHttp *self = LIAISON_HTTP (object);

  switch (prop_id)
    {
      case PROP_TIMEOUT_MS:
        g_value_set_uint (value, self->timeout_ms);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_http_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  LiaisonHttp *self = LIAISON_HTTP (object);

  switch (prop_id)
    {
      case PROP_TIMEOUT_MS:
        liaison_http_set_timeout_ms (self, g_value_get_uint (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_http_class_init (LiaisonHttpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liaison_http_dispose;
  object_class->finalize = liaison_http_finalize;
  object_class->get_property = liaison_http_get_property;
  object_class->set_property = liaison_http_set_property;

  /* How long a try may go without progress: waiting for the answer or for
   * the next chunk of it (connecting has its own, shorter limit). */
  properties[PROP_TIMEOUT_MS]
      = g_param_spec_uint ("timeout-ms", NULL, NULL, 1, G_MAXUINT, 20000,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_http_init (LiaisonHttp *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->cancellable = g_cancellable_new ();
  self->timeout_ms = 20000;
  self->refresh_waiters = g_ptr_array_new ();
  self->policy = liaison_retry_policy_new ();
}

/* One per service account; every request to it goes through this object
 * and its one SoupSession (connections are kept alive and reused). */
LiaisonHttp *
liaison_http_new (LiaisonHttpService service, const char *base_url, LiaisonAuthorizer *authorizer,
                  GError **error)
{
  LiaisonHttp *self;
  gsize len;

  g_return_val_if_fail (authorizer == NULL || LIAISON_IS_AUTHORIZER (authorizer), NULL);

  if (!liaison_http_check_base_url (base_url, error))
    return NULL;

  self = g_object_new (LIAISON_TYPE_HTTP, NULL);
  self->service = service;
  len = strlen (base_url);
  while (len > 0 && base_url[len - 1] == '/')
    len--;
  self->base_url = g_strndup (base_url, len);
  self->authorizer = authorizer != NULL ? g_object_ref (authorizer) : NULL;
  self->limiter = service == LIAISON_HTTP_SERVICE_GHL ? liaison_rate_limiter_new_for_ghl ()
                                                      : liaison_rate_limiter_new_for_lsq ();
  /* Our own timer bounds each try; the session's would cut at whole seconds. */
  self->session = soup_session_new_with_options ("timeout", 0, "idle-timeout", 60,
                                                 "max-conns-per-host", 8, NULL);
  soup_session_set_user_agent (self->session, "Liaison/" PACKAGE_VERSION " ");
  return self;
}

LiaisonHttpService
liaison_http_get_service (LiaisonHttp *self)
{
  return self->service;
}

const char *
liaison_http_get_base_url (LiaisonHttp *self)
{
  return self->base_url;
}

LiaisonAuthorizer *
liaison_http_get_authorizer (LiaisonHttp *self)
{
  return self->authorizer;
}

LiaisonRateLimiter *
liaison_http_get_rate_limiter (LiaisonHttp *self)
{
  return self->limiter;
}

LiaisonRetryPolicy *
liaison_http_get_retry_policy (LiaisonHttp *self)
{
  return self->policy;
}

guint
liaison_http_get_timeout_ms (LiaisonHttp *self)
{
  return self->timeout_ms;
}

void
liaison_http_set_timeout_ms (LiaisonHttp *self, guint timeout_ms)
{
  g_return_if_fail (LIAISON_IS_HTTP (self));
  timeout_ms = MAX (timeout_ms, 1);
  if (self->timeout_ms == timeout_ms)
    return;
  self->timeout_ms = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT_MS]);
}

/* How many credential refreshes this object has started. */
guint
liaison_http_get_refresh_count (LiaisonHttp *self)
{
  return self->refresh_count;
}
