/* liaison-field-codec.h: a field definition as the store keeps it (see liaison-codec.h).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-codec.h"
#include "liaison-field-def.h"

G_BEGIN_DECLS

/* NULL when the field has no id. */
LiaisonStoreRecord *liaison_field_codec_to_record (LiaisonFieldDef *field);
LiaisonFieldDef *liaison_field_codec_from_json (const char *raw, GError **error);

G_END_DECLS
