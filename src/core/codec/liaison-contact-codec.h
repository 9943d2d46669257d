/* liaison-contact-codec.h: the service-neutral JSON form in which Liaison
 * keeps a contact in its local store (see liaison-codec.h for the other
 * kinds). It lived in src/core/sync/ until December 2026; the include name is
 * unchanged.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "liaison-codec.h"
#include "liaison-contact.h"
#include "liaison-store-types.h"

G_BEGIN_DECLS

char *liaison_contact_codec_to_json (LiaisonContact *contact);
/* The record the store caches, with the columns the contact list searches and the detail pane
 * shows; owner_name: the owner's name as the owner column shows it, or NULL. */
LiaisonStoreRecord *liaison_contact_codec_to_record (LiaisonContact *contact,
                                                     const char *owner_name);

G_END_DECLS
