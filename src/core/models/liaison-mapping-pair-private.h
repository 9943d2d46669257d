/* liaison-mapping-pair-private.h: what LiaisonMappingModel uses to make and change its items.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-mapping-pair.h"

G_BEGIN_DECLS

LiaisonMappingPair *liaison_mapping_pair_new (const char *key, const char *lsq_field,
                                              const char *ghl_field, const char *lsq_label,
                                              const char *ghl_label);
void liaison_mapping_pair_update (LiaisonMappingPair *self, LiaisonSyncDirection direction,
                                  LiaisonTransform transform, LiaisonConflictPolicy policy);
void liaison_mapping_pair_set_problem (LiaisonMappingPair *self, const char *problem);

G_END_DECLS
