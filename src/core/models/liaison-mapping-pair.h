/* liaison-mapping-pair.h: LiaisonMappingPair, one pair of the field map as the Field Mapping page
 * shows it: the two fields by their labels, the direction, transform and conflict policy, and
 * what validation says about it. Items of LiaisonMappingModel; change them through the model.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "liaison-field-map.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_MAPPING_PAIR (liaison_mapping_pair_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonMappingPair, liaison_mapping_pair, LIAISON, MAPPING_PAIR, GObject)

const char *liaison_mapping_pair_get_key (LiaisonMappingPair *self);
/* The field as the map names it ("mx_Treatment", "contact.treatment", "FirstName+LastName"). */
const char *liaison_mapping_pair_get_field (LiaisonMappingPair *self, LiaisonSide side);
/* The field as the service shows it ("Treatment"; joined fields as "Do Not Email + ..."). */
const char *liaison_mapping_pair_get_label (LiaisonMappingPair *self, LiaisonSide side);
LiaisonSyncDirection liaison_mapping_pair_get_direction (LiaisonMappingPair *self);
LiaisonTransform liaison_mapping_pair_get_transform (LiaisonMappingPair *self);
LiaisonConflictPolicy liaison_mapping_pair_get_policy (LiaisonMappingPair *self);
/* The validation sentences about this pair, one a line, or NULL when it can be saved. */
const char *liaison_mapping_pair_get_problem (LiaisonMappingPair *self);

G_END_DECLS
