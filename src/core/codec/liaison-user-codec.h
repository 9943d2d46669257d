/* liaison-user-codec.h: a user (a record's owner) as the store keeps it (see liaison-codec.h).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-codec.h"
#include "liaison-user.h"

G_BEGIN_DECLS

/* NULL when the user has no id. */
LiaisonStoreRecord *liaison_user_codec_to_record (LiaisonUser *user);
LiaisonUser *liaison_user_codec_from_json (const char *raw, GError **error);

G_END_DECLS
