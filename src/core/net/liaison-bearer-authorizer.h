/* liaison-bearer-authorizer.h: a fixed bearer token, as HighLevel's private
 * integration tokens are; it cannot be renewed.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-authorizer.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_BEARER_AUTHORIZER (liaison_bearer_authorizer_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonBearerAuthorizer, liaison_bearer_authorizer, LIAISON,
                      BEARER_AUTHORIZER, GObject)

LiaisonAuthorizer *liaison_bearer_authorizer_new (const char *token);

G_END_DECLS
