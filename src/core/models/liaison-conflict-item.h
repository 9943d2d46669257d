/* liaison-conflict-item.h: LiaisonConflictItem, one open conflict as the Conflicts page shows it:
 * a field both services changed differently (with the base and both values), or an ambiguous
 * match (with its candidates), and the contact it belongs to.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-store-sync.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CONFLICT_ITEM (liaison_conflict_item_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonConflictItem, liaison_conflict_item, LIAISON, CONFLICT_ITEM, GObject)

/* Takes the conflict. contact_name: who it is about, for people (NULL: the e-mail stands in). */
LiaisonConflictItem *liaison_conflict_item_new (LiaisonStoreConflict *conflict,
                                                const char *contact_name);
const LiaisonStoreConflict *liaison_conflict_item_get_conflict (LiaisonConflictItem *self);
gint64 liaison_conflict_item_get_id (LiaisonConflictItem *self);
LiaisonConflictKind liaison_conflict_item_get_kind (LiaisonConflictItem *self);
const char *liaison_conflict_item_get_field (LiaisonConflictItem *self); /* the pair key */
const char *liaison_conflict_item_get_contact_name (LiaisonConflictItem *self);
/* What groups items: the link, or for an ambiguous match its first LeadSquared candidate. */
const char *liaison_conflict_item_get_group (LiaisonConflictItem *self);
/* A value for people: text, a set joined with ", ", "" for empty. which: "base", "lsq", "ghl". */
char *liaison_conflict_item_dup_display_value (LiaisonConflictItem *self, const char *which);
/* Candidates of an ambiguous match, NULL-terminated (maybe empty). */
char **liaison_conflict_item_dup_candidates (LiaisonConflictItem *self, LiaisonService side);

/* A canonical value for people (JSON value text in, NULL for empty). */
char *liaison_conflict_value_to_display (const char *json_value);

G_END_DECLS
