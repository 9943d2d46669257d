/* liaison-mapping-page.h: the Field Mapping page: the pairs of LeadSquared and HighLevel fields
 * with their direction, transform and conflict policy; add, remove, reset to defaults; the
 * editor works on a copy, validates after every change and saves only a map that passes.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-mapping-model.h"
#include "liaison-session.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_MAPPING_PAGE (liaison_mapping_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonMappingPage, liaison_mapping_page, LIAISON, MAPPING_PAGE, AdwBin)

/* The session's store and connections; NULL shows how to connect the accounts. */
void liaison_mapping_page_set_session (LiaisonMappingPage *self, LiaisonSession *session);
/* The same from parts (tests); a NULL connection id: that account is not connected. */
void liaison_mapping_page_set_store (LiaisonMappingPage *self, LiaisonStore *store,
                                     const char *lsq_connection, const char *ghl_connection);
/* TRUE while the map is being read or saved. */
gboolean liaison_mapping_page_get_busy (LiaisonMappingPage *self);

G_END_DECLS
