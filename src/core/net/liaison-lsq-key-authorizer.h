/* liaison-lsq-key-authorizer.h: LeadSquared's access key and secret key, sent
 * as x-LSQ-AccessKey / x-LSQ-SecretKey headers (the documented, recommended
 * way; query parameters would put the keys in URLs).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-authorizer.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_LSQ_KEY_AUTHORIZER (liaison_lsq_key_authorizer_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonLsqKeyAuthorizer, liaison_lsq_key_authorizer, LIAISON,
                      LSQ_KEY_AUTHORIZER, GObject)

LiaisonAuthorizer *liaison_lsq_key_authorizer_new (const char *access_key, const char *secret_key);

G_END_DECLS
