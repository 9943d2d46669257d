/* liaison-authorizer.c: the credentials interface and its defaults (a
 * credential that cannot be renewed, such as a static token or API keys).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-http"

#include "liaison-authorizer.h"

G_DEFINE_INTERFACE (LiaisonAuthorizer, liaison_authorizer, G_TYPE_OBJECT)

static gboolean
default_can_refresh (LiaisonAuthorizer *self)
{
  return FALSE;
}

static void
default_refresh_async (LiaisonAuthorizer *self, GCancellable *cancellable,
                       GAsyncReadyCallback callback, gpointer user_data)
{
  g_task_report_new_error (self, callback, user_data, default_refresh_async, G_IO_ERROR,
                           G_IO_ERROR_NOT_SUPPORTED, "These credentials cannot be renewed");
}

static gboolean
default_refresh_finish (LiaisonAuthorizer *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
liaison_authorizer_default_init (LiaisonAuthorizerInterface *iface)
{
  iface->can_refresh = default_can_refresh;
  iface->refresh_async = default_refresh_async;
  iface->refresh_finish = default_refresh_finish;
}

/* Adds credentials to a message about to be sent (each try gets a fresh
 * message, so the current credentials are always used). */
gboolean
liaison_authorizer_apply (LiaisonAuthorizer *self, SoupMessage *message, GError **error)
{
  g_return_val_if_fail (LIAISON_IS_AUTHORIZER (self), FALSE);
  g_return_val_if_fail (SOUP_IS_MESSAGE (message), FALSE);

  return LIAISON_AUTHORIZER_GET_IFACE (self)->apply (self, message, error);
}

gboolean
liaison_authorizer_can_refresh (LiaisonAuthorizer *self)
{
  g_return_val_if_fail (LIAISON_IS_AUTHORIZER (self), FALSE);

  return LIAISON_AUTHORIZER_GET_IFACE (self)->can_refresh (self);
}

/* Renews the credentials. Implementations that rotate a refresh token must
 * store the new one before they complete. Callers serialize the calls. */
void
liaison_authorizer_refresh_async (LiaisonAuthorizer *self, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (LIAISON_IS_AUTHORIZER (self));

  LIAISON_AUTHORIZER_GET_IFACE (self)->refresh_async (self, cancellable, callback, user_data);
}

gboolean
liaison_authorizer_refresh_finish (LiaisonAuthorizer *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (LIAISON_IS_AUTHORIZER (self), FALSE);

  return LIAISON_AUTHORIZER_GET_IFACE (self)->refresh_finish (self, result, error);
}
