/* liaison-contact-codec.h: the service-neutral JSON form in which Liaison
 * keeps a contact in its local store.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "liaison-contact.h"
#include "liaison-store-types.h"

G_BEGIN_DECLS

char *liaison_contact_codec_to_json (LiaisonContact *contact);
LiaisonContact *liaison_contact_codec_from_json (const char *json, GError **error);
LiaisonStoreRecord *liaison_contact_codec_to_record (LiaisonContact *contact,
                                                     const char *owner_name);

G_END_DECLS
