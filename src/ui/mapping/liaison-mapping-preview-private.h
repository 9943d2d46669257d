/* liaison-mapping-preview-private.h: the two previews the Field Mapping page opens (one
 * contact, a whole sync), the helpers they share, and what tests reach inside them.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-mapping-model.h"
#include "liaison-rate-limiter.h"

G_BEGIN_DECLS

/* ---- shared (liaison-contact-preview.c) ---- */

/* "First Name ⇄ First Name" for a pair key of model, else the key. */
char *liaison_mapping_pair_title (LiaisonMappingModel *model, const char *key);

/* ---- one contact ---- */

#define LIAISON_TYPE_CONTACT_PREVIEW (liaison_contact_preview_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonContactPreview, liaison_contact_preview, LIAISON, CONTACT_PREVIEW,
                      AdwWindow)

/* map: the copy to preview (fitted, see liaison_mapping_model_dup_map); model: for labels. */
LiaisonContactPreview *liaison_contact_preview_new (GtkWindow *parent, LiaisonStore *store,
                                                    const char *lsq_connection,
                                                    const char *ghl_connection,
                                                    LiaisonMappingModel *model,
                                                    LiaisonFieldMap *map);
/* Shows what a sync would do to the linked contact of this LeadSquared id. */
void liaison_contact_preview_show_contact (LiaisonContactPreview *self, const char *lsq_id);
/* "pick", "loading", "result" or "failed"; and the pick list's model (tests). */
const char *liaison_contact_preview_get_state (LiaisonContactPreview *self);
GListModel *liaison_contact_preview_get_contacts (LiaisonContactPreview *self);
/* The result's row of a pair key (its "now-lsq", "after-ghl", "outcome"... labels are its
 * object data), or NULL. */
GtkWidget *liaison_contact_preview_get_field_row (LiaisonContactPreview *self, const char *key);

/* ---- the whole sync (liaison-plan-preview.c) ---- */

#define LIAISON_TYPE_PLAN_PREVIEW (liaison_plan_preview_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonPlanPreview, liaison_plan_preview, LIAISON, PLAN_PREVIEW, AdwWindow)

/* Starts planning at once; limiters: the accounts' own (their limits), by LIAISON_SERVICE_*. */
LiaisonPlanPreview *liaison_plan_preview_new (GtkWindow *parent, LiaisonStore *store,
                                              const char *lsq_connection,
                                              const char *ghl_connection,
                                              LiaisonMappingModel *model, LiaisonFieldMap *map,
                                              LiaisonRateLimiter *lsq_limiter,
                                              LiaisonRateLimiter *ghl_limiter);
/* "planning", "plan" or "failed". */
const char *liaison_plan_preview_get_state (LiaisonPlanPreview *self);
/* The row of a count ("updated", "created", "deleted", "linked", "unlinked", "conflicts",
 * "skipped") or of a service's calls ("calls-lsq", "calls-ghl"), or NULL. Its total is the
 * object data "total" (a GtkLabel) of a count row. */
AdwActionRow *liaison_plan_preview_get_row (LiaisonPlanPreview *self, const char *name);
GtkListBox *liaison_plan_preview_get_changes (LiaisonPlanPreview *self);

G_END_DECLS
