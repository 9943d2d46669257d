/* liaison-authorizer.h: the extension point for credentials. An authorizer
 * puts credentials on a message and, when the server answers 401, may renew
 * them once; LiaisonHttp makes sure only one renewal runs at a time.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_AUTHORIZER (liaison_authorizer_get_type ())

G_DECLARE_INTERFACE (LiaisonAuthorizer, liaison_authorizer, LIAISON, AUTHORIZER, GObject)

struct _LiaisonAuthorizerInterface
{
  GTypeInterface parent_iface;

  gboolean (*apply) (LiaisonAuthorizer *self, SoupMessage *message, GError **error);
  gboolean (*can_refresh) (LiaisonAuthorizer *self);
  void (*refresh_async) (LiaisonAuthorizer *self, GCancellable *cancellable,
                         GAsyncReadyCallback callback, gpointer user_data);
  gboolean (*refresh_finish) (LiaisonAuthorizer *self, GAsyncResult *result, GError **error);
};

gboolean liaison_authorizer_apply (LiaisonAuthorizer *self, SoupMessage *message, GError **error);
gboolean liaison_authorizer_can_refresh (LiaisonAuthorizer *self);
void liaison_authorizer_refresh_async (LiaisonAuthorizer *self, GCancellable *cancellable,
                                       GAsyncReadyCallback callback, gpointer user_data);
gboolean liaison_authorizer_refresh_finish (LiaisonAuthorizer *self, GAsyncResult *result,
                                            GError **error);

G_END_DECLS
