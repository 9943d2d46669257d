/* liaison-conflict-item.h: LiaisonConflictItem, one conflict as the Conflicts page shows it: a
 * contact's field that both services changed differently (with the value each holds and the
 * value both had before), or a contact that matches several on the other side.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-store-sync.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CONFLICT_ITEM (liaison_conflict_item_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonConflictItem, liaison_conflict_item, LIAISON, CONFLICT_ITEM, GObject)

/* Takes conflict. */
LiaisonConflictItem *liaison_conflict_item_new (LiaisonStoreConflict *conflict);

gint64 liaison_conflict_item_get_id (LiaisonConflictItem *self);
/* When the conflict was first seen (ms UTC): with the id, its place in the list. */
gint64 liaison_conflict_item_get_detected_at (LiaisonConflictItem *self);
LiaisonConflictKind liaison_conflict_item_get_kind (LiaisonConflictItem *self);
/* The contact's name, else its e-mail address, else its LeadSquared id. */
const char *liaison_conflict_item_get_title (LiaisonConflictItem *self);
const char *liaison_conflict_item_get_email (LiaisonConflictItem *self);
const char *liaison_conflict_item_get_lsq_id (LiaisonConflictItem *self);
const char *liaison_conflict_item_get_ghl_id (LiaisonConflictItem *self);
/* The mapping's pair key, e.g. "city"; NULL for an ambiguous match. */
const char *liaison_conflict_item_get_field (LiaisonConflictItem *self);
/* JSON value text (canonical, as the engine compares them), or NULL. */
const char *liaison_conflict_item_get_base_value (LiaisonConflictItem *self);
const char *liaison_conflict_item_get_value (LiaisonConflictItem *self, LiaisonService side);
/* An ambiguous match: {"lsq": [ids], "ghl": [ids], "reason": "email"|"phone"}. */
const char *liaison_conflict_item_get_candidates (LiaisonConflictItem *self);
/* NULL while open; else "lsq", "ghl" or "edited", which the next sync writes to both sides. */
const char *liaison_conflict_item_get_resolution (LiaisonConflictItem *self);
const char *liaison_conflict_item_get_resolved_value (LiaisonConflictItem *self);
/* Both values are text (or empty), so a person may type a third. */
gboolean liaison_conflict_item_get_editable (LiaisonConflictItem *self);

/* An ambiguous match: the candidates on each side, and whether they share a phone number (else
 * an email address). */
void liaison_conflict_item_count_candidates (LiaisonConflictItem *self, guint *n_lsq, guint *n_ghl,
                                             gboolean *by_phone);

/* One contact an ambiguous match could be linked with, as the cache knows it. */
typedef struct
{
  LiaisonService side;
  char *id;
  char *connection; /* NULL when the record is no longer cached */
  char *name;
  char *email;
  char *phone;
} LiaisonConflictCandidate;

void liaison_conflict_candidate_free (LiaisonConflictCandidate *candidate);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonConflictCandidate, liaison_conflict_candidate_free)

/* An ambiguous match's candidates (LiaisonConflictCandidate), LeadSquared's first; empty for a
 * field conflict. */
GPtrArray *liaison_conflict_item_list_candidates (LiaisonConflictItem *self);

/* A canonical JSON value as a person reads it: text as it is, a list joined by commas, true and
 * false as Yes and No; NULL for nothing (null, empty text, no value). */
char *liaison_conflict_value_to_text (const char *json);

/* For LiaisonConflictList: takes the newer read of the same conflict; notifies "resolution"
 * when the answer changed. */
void liaison_conflict_item_update (LiaisonConflictItem *self, LiaisonStoreConflict *conflict);

G_END_DECLS
