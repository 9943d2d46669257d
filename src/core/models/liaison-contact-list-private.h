/* liaison-contact-list-private.h: what the files of LiaisonContactList share: its index and how
 * a row is made from an entry of it. Only src/core/models/liaison-contact-list*.c include it.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-contact-index-private.h"
#include "liaison-contact-list.h"
#include "liaison-contact-row-private.h"

G_BEGIN_DECLS

/* NULL until the first load. */
const LiaisonContactIndex *liaison_contact_list_get_index (LiaisonContactList *self);
LiaisonContactRow *liaison_contact_list_make_row (LiaisonContactList *self, guint32 entry_number);
gboolean liaison_contact_list_entry_matches (const LiaisonContactIndex *index,
                                             const LiaisonContactEntry *e,
                                             LiaisonLinkStatus statuses, const char *folded);

void liaison_contact_list_forget_not_copied (LiaisonContactList *self, gint64 record_id);

G_END_DECLS
