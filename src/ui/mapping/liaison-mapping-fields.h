/* liaison-mapping-fields.h: how the Field Mapping page names fields, directions, transforms and
 * policies, and which fields it offers to pair.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-field-def.h"
#include "liaison-field-map.h"

G_BEGIN_DECLS

/* A person's name for a field as a map names it ("FirstName", "mx_City", a HighLevel custom
 * field's id or key, several joined by "+"), from the definitions where known. */
char *liaison_mapping_field_label (LiaisonSide side, const char *field, GPtrArray *defs);

/* The fields offered on one side, by name (GPtrArray of LiaisonFieldDef): the definitions, and
 * on HighLevel its standard contact members too (its API lists only custom fields). */
GPtrArray *liaison_mapping_field_choices (LiaisonSide side, GPtrArray *defs);
/* What a field is called in the map: a definition's key (LeadSquared schema name, HighLevel
 * standard member) or a HighLevel custom field's id. */
const char *liaison_mapping_field_name (LiaisonSide side, LiaisonFieldDef *def);

const char *liaison_mapping_direction_label (LiaisonSyncDirection direction);
const char *liaison_mapping_direction_symbol (LiaisonSyncDirection direction); /* "⇄", "→", "←" */
const char *liaison_mapping_policy_label (LiaisonConflictPolicy policy);
const char *liaison_mapping_transform_label (LiaisonTransform transform);
const char *liaison_mapping_side_name (LiaisonSide side);

G_END_DECLS
