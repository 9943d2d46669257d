/* liaison-bearer-authorizer.c: a fixed bearer token (private integration
 * tokens and tests). The token is never logged: LiaisonHttp redacts it.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-http"

#include <string.h>

#include "liaison-bearer-authorizer.h"

struct _LiaisonBearerAuthorizer
{
  GObject parent_instance;

  char *token;
};

static void authorizer_iface_init (LiaisonAuthorizerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LiaisonBearerAuthorizer, liaison_bearer_authorizer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (LIAISON_TYPE_AUTHORIZER,
                                                      authorizer_iface_init))

static gboolean
bearer_apply (LiaisonAuthorizer *authorizer, SoupMessage *message, GError **error)
{
  LiaisonBearerAuthorizer *self = LIAISON_BEARER_AUTHORIZER (authorizer);
  g_autofree char *value = g_strconcat ("Bearer ", self->token, NULL);

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", value);
  return TRUE;
}

static void
authorizer_iface_init (LiaisonAuthorizerInterface *iface)
{
  iface->apply = bearer_apply;
}

static void
liaison_bearer_authorizer_finalize (GObject *object)
{
  LiaisonBearerAuthorizer *self = (LiaisonBearerAuthorizer *) object;

  /* Do not leave the secret in freed memory. */
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);

  G_OBJECT_CLASS (liaison_bearer_authorizer_parent_class)->finalize (object);
}

static void
liaison_bearer_authorizer_class_init (LiaisonBearerAuthorizerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = liaison_bearer_authorizer_finalize;
}

static void
liaison_bearer_authorizer_init (LiaisonBearerAuthorizer *self)
{
}

LiaisonAuthorizer *
liaison_bearer_authorizer_new (const char *token)
{
  LiaisonBearerAuthorizer *self;

  g_return_val_if_fail (token != NULL && *token != '\0', NULL);

  self = g_object_new (LIAISON_TYPE_BEARER_AUTHORIZER, NULL);
  self->token = g_strdup (token);
  return LIAISON_AUTHORIZER (self);
}
