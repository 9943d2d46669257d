/* liaison-matcher.h: LiaisonMatcher proposes pairs of records that are not linked yet, by
 * normalized e-mail and then by phone (E.164). Several candidates make an ambiguous set.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "liaison-store-types.h"

G_BEGIN_DECLS

typedef enum
{
  LIAISON_MATCH_EMAIL,
  LIAISON_MATCH_PHONE,
} LiaisonMatchReason;

#define LIAISON_TYPE_MATCHER (liaison_matcher_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonMatcher, liaison_matcher, LIAISON, MATCHER, GObject)

LiaisonMatcher *liaison_matcher_new (const char *default_region);
const char *liaison_matcher_get_default_region (LiaisonMatcher *self);
void liaison_matcher_add (LiaisonMatcher *self, LiaisonService service, guint64 key,
                          const char *email, const char *phone);
void liaison_matcher_add_normalized (LiaisonMatcher *self, LiaisonService service, guint64 key,
                                     const char *email_norm, const char *phone_e164);
/* A person said that these two records are not the same person: they are never proposed as a
 * pair nor put in one ambiguous set, whatever keys they share. */
void liaison_matcher_keep_apart (LiaisonMatcher *self, guint64 lsq_key, guint64 ghl_key);
void liaison_matcher_run (LiaisonMatcher *self);
void liaison_matcher_clear (LiaisonMatcher *self);

guint liaison_matcher_get_n_pairs (LiaisonMatcher *self);
void liaison_matcher_get_pair (LiaisonMatcher *self, guint index, guint64 *lsq_key,
                               guint64 *ghl_key, LiaisonMatchReason *reason);
guint liaison_matcher_get_n_ambiguous (LiaisonMatcher *self);
void liaison_matcher_get_ambiguous (LiaisonMatcher *self, guint index, const guint64 **lsq_keys,
                                    guint *n_lsq, const guint64 **ghl_keys, guint *n_ghl,
                                    LiaisonMatchReason *reason);
/* The records a run left unmatched only because they are kept apart from every record of the
 * other side that shares their key, each with how many it is kept apart from. */
guint liaison_matcher_get_n_held_apart (LiaisonMatcher *self);
void liaison_matcher_get_held_apart (LiaisonMatcher *self, guint index, LiaisonService *service,
                                     guint64 *key, guint *n_apart);

G_END_DECLS
