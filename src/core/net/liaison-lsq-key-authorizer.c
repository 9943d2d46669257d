/* liaison-lsq-key-authorizer.c: LeadSquared's per-user API keys, sent as
 * headers. Keys cannot be renewed: a 401 means wrong keys, an inactive user
 * or the wrong regional host.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-http"

#include <string.h>

#include "liaison-lsq-key-authorizer.h"

struct _LiaisonLsqKeyAuthorizer
{
  GObject parent_instance;

  char *access_key;
  char *secret_key;
};

static void authorizer_iface_init (LiaisonAuthorizerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LiaisonLsqKeyAuthorizer, liaison_lsq_key_authorizer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (LIAISON_TYPE_AUTHORIZER,
                                                      authorizer_iface_init))

static gboolean
lsq_apply (LiaisonAuthorizer *authorizer, SoupMessage *message, GError **error)
{
  LiaisonLsqKeyAuthorizer *self = LIAISON_LSQ_KEY_AUTHORIZER (authorizer);
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);

  soup_message_headers_replace (headers, "x-LSQ-AccessKey", self->access_key);
  soup_message_headers_replace (headers, "x-LSQ-SecretKey", self->secret_key);
  return TRUE;
}

static void
authorizer_iface_init (LiaisonAuthorizerInterface *iface)
{
  iface->apply = lsq_apply;
}

static void
wipe (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

static void
liaison_lsq_key_authorizer_finalize (GObject *object)
{
  LiaisonLsqKeyAuthorizer *self = (LiaisonLsqKeyAuthorizer *) object;

  wipe (self->access_key);
  wipe (self->secret_key);

  G_OBJECT_CLASS (liaison_lsq_key_authorizer_parent_class)->finalize (object);
}

static void
liaison_lsq_key_authorizer_class_init (LiaisonLsqKeyAuthorizerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = liaison_lsq_key_authorizer_finalize;
}

static void
liaison_lsq_key_authorizer_init (LiaisonLsqKeyAuthorizer *self)
{
}

LiaisonAuthorizer *
liaison_lsq_key_authorizer_new (const char *access_key, const char *secret_key)
{
  LiaisonLsqKeyAuthorizer *self;

  g_return_val_if_fail (access_key != NULL && *access_key != '\0', NULL);
  g_return_val_if_fail (secret_key != NULL && *secret_key != '\0', NULL);

  self = g_object_new (LIAISON_TYPE_LSQ_KEY_AUTHORIZER, NULL);
  self->access_key = g_strdup (access_key);
  self->secret_key = g_strdup (secret_key);
  return LIAISON_AUTHORIZER (self);
}
