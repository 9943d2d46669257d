/* liaison-mapping-page.h: the Field Mapping page: which LeadSquared field goes with which
 * HighLevel field, in which direction, through which transform, under which conflict policy.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-store.h"
#include "liaison-sync-scheduler.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_MAPPING_PAGE (liaison_mapping_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonMappingPage, liaison_mapping_page, LIAISON, MAPPING_PAGE, GtkWidget)

/* The profile's store and its two connections (either may be NULL: not connected). Reads the
 * saved map and both sides' field definitions. */
void liaison_mapping_page_set_store (LiaisonMappingPage *self, LiaisonStore *store,
                                     const char *lsq_connection, const char *ghl_connection);
/* Preview Sync runs the scheduler's dry run and shows its plan. */
void liaison_mapping_page_set_scheduler (LiaisonMappingPage *self, LiaisonSyncScheduler *scheduler);
/* Reads the saved map again, unless the page holds unsaved changes (then they stay). */
void liaison_mapping_page_reload (LiaisonMappingPage *self);
gboolean liaison_mapping_page_get_loading (LiaisonMappingPage *self);
gboolean liaison_mapping_page_get_modified (LiaisonMappingPage *self);

G_END_DECLS
