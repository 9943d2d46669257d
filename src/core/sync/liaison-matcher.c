/* liaison-matcher.c: pairs unlinked records of the two services.
 *
 * E-mail first, because an address is the closest thing to an identity both services share;
 * phone second, only among records that e-mail did not settle. A key shared by exactly one record
 * of each side proposes a pair; a key shared by more records on either side makes an ambiguous
 * set for a person to decide, never a guess. Records with no usable key stay unmatched.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include "liaison-matcher.h"
#include "liaison-normalize.h"

typedef struct
{
  guint64 key;
  const char *email; /* in the string chunk, or NULL */
  const char *phone;
  LiaisonService service;
  gboolean settled;
} Entry;

typedef struct
{
  GArray *lsq; /* guint64 keys */
  GArray *ghl;
  LiaisonMatchReason reason;
} AmbiguousSet;

typedef struct
{
  guint64 lsq;
  guint64 ghl;
  LiaisonMatchReason reason;
} Pair;

struct _LiaisonMatcher
{
  GObject parent_instance;

  char *default_region;
  GStringChunk *strings;
  GArray *entries; /* Entry */
  GArray *pairs;   /* Pair */
  GPtrArray *sets; /* AmbiguousSet */
};

G_DEFINE_FINAL_TYPE (LiaisonMatcher, liaison_matcher, G_TYPE_OBJECT)

static void
ambiguous_set_free (gpointer data)
{
  AmbiguousSet *set = data;

  g_array_unref (set->lsq);
  g_array_unref (set->ghl);
  g_free (set);
}

static void
liaison_matcher_finalize (GObject *object)
{
  LiaisonMatcher *self = LIAISON_MATCHER (object);

  g_free (self->default_region);
  g_string_chunk_free (self->strings);
  g_array_unref (self->entries);
  g_array_unref (self->pairs);
  g_ptr_array_unref (self->sets);
  G_OBJECT_CLASS (liaison_matcher_parent_class)->finalize (object);
}

static void
liaison_matcher_class_init (LiaisonMatcherClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = liaison_matcher_finalize;
}

static void
liaison_matcher_init (LiaisonMatcher *self)
{
  self->strings = g_string_chunk_new (4096);
  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  self->pairs = g_array_new (FALSE, FALSE, sizeof (Pair));
  self->sets = g_ptr_array_new_with_free_func (ambiguous_set_free);
}

/* default_region: ISO 3166-1 alpha-2 code national phone numbers are read in, or NULL to match
 * only numbers written internationally. */
LiaisonMatcher *
liaison_matcher_new (const char *default_region)
{
  LiaisonMatcher *self = g_object_new (LIAISON_TYPE_MATCHER, NULL);

  self->default_region = g_strdup (default_region);
  return self;
}

const char *
liaison_matcher_get_default_region (LiaisonMatcher *self)
{
  g_return_val_if_fail (LIAISON_IS_MATCHER (self), NULL);
  return self->default_region;
}

void
liaison_matcher_add_normalized (LiaisonMatcher *self, LiaisonService service, guint64 key,
                                const char *email_norm, const char *phone_e164)
{
  Entry entry = { 0 };

  g_return_if_fail (LIAISON_IS_MATCHER (self));
  entry.key = key;
  entry.service = service;
  entry.email
      = email_norm && *email_norm ? g_string_chunk_insert_const (self->strings, email_norm) : NULL;
  entry.phone
      = phone_e164 && *phone_e164 ? g_string_chunk_insert_const (self->strings, phone_e164) : NULL;
  g_array_append_val (self->entries, entry);
}

void
liaison_matcher_add (LiaisonMatcher *self, LiaisonService service, guint64 key, const char *email,
                     const char *phone)
{
  g_autofree char *email_norm = liaison_normalize_email (email);
  g_autofree char *phone_norm = liaison_normalize_phone (phone, self->default_region);

  liaison_matcher_add_normalized (self, service, key, email_norm, phone_norm);
}

void
liaison_matcher_clear (LiaisonMatcher *self)
{
  g_return_if_fail (LIAISON_IS_MATCHER (self));
  g_array_set_size (self->entries, 0);
  g_array_set_size (self->pairs, 0);
  g_ptr_array_set_size (self->sets, 0);
  g_string_chunk_clear (self->strings);
}

static const char *
entry_key (const Entry *entry, LiaisonMatchReason reason)
{
  return reason == LIAISON_MATCH_EMAIL ? entry->email : entry->phone;
}

/* One pass over one kind of key. Groups are decided in the order their first member was added,
 * so the output does not depend on hash table order. */
static void
match_pass (LiaisonMatcher *self, LiaisonMatchReason reason)
{
  g_autoptr (GHashTable) groups
      = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);
  g_autoptr (GPtrArray) order = g_ptr_array_new ();

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);
      const char *key = entry_key (entry, reason);
      GArray *members;

      if (entry->settled || key == NULL)
        continue;
      members = g_hash_table_lookup (groups, key);
      if (members == NULL)
        {
          members = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (groups, (gpointer) key, members);
          g_ptr_array_add (order, members);
        }
      g_array_append_val (members, i);
    }

  for (guint g = 0; g < order->len; g++)
    {
      GArray *members = g_ptr_array_index (order, g);
      guint n_lsq = 0, n_ghl = 0;

      for (guint m = 0; m < members->len; m++)
        {
          Entry *entry = &g_array_index (self->entries, Entry, g_array_index (members, guint, m));
          if (entry->service == LIAISON_SERVICE_LSQ)
            n_lsq++;
          else
            n_ghl++;
        }
      /* Duplicates within one side are that side's business, not a match. */
      if (n_lsq == 0 || n_ghl == 0)
        continue;

      if (n_lsq == 1 && n_ghl == 1)
        {
          Pair pair = { 0 };
          pair.reason = reason;
          for (guint m = 0; m < members->len; m++)
            {
              Entry *entry
                  = &g_array_index (self->entries, Entry, g_array_index (members, guint, m));
              if (entry->service == LIAISON_SERVICE_LSQ)
                pair.lsq = entry->key;
              else
                pair.ghl = entry->key;
              entry->settled = TRUE;
            }
          g_array_append_val (self->pairs, pair);
        }
      else
        {
          AmbiguousSet *set = g_new0 (AmbiguousSet, 1);
          set->lsq = g_array_new (FALSE, FALSE, sizeof (guint64));
          set->ghl = g_array_new (FALSE, FALSE, sizeof (guint64));
          set->reason = reason;
          for (guint m = 0; m < members->len; m++)
            {
              Entry *entry
                  = &g_array_index (self->entries, Entry, g_array_index (members, guint, m));
              g_array_append_val (entry->service == LIAISON_SERVICE_LSQ ? set->lsq : set->ghl,
                                  entry->key);
              entry->settled = TRUE;
            }
          g_ptr_array_add (self->sets, set);
        }
    }
}

void
liaison_matcher_run (LiaisonMatcher *self)
{
  g_return_if_fail (LIAISON_IS_MATCHER (self));

  g_array_set_size (self->pairs, 0);
  g_ptr_array_set_size (self->sets, 0);
  for (guint i = 0; i < self->entries->len; i++)
    g_array_index (self->entries, Entry, i).settled = FALSE;
  match_pass (self, LIAISON_MATCH_EMAIL);
  match_pass (self, LIAISON_MATCH_PHONE);
}

guint
liaison_matcher_get_n_pairs (LiaisonMatcher *self)
{
  g_return_val_if_fail (LIAISON_IS_MATCHER (self), 0);
  return self->pairs->len;
}

void
liaison_matcher_get_pair (LiaisonMatcher *self, guint index, guint64 *lsq_key, guint64 *ghl_key,
                          LiaisonMatchReason *reason)
{
  const Pair *pair;

  g_return_if_fail (LIAISON_IS_MATCHER (self));
  g_return_if_fail (index < self->pairs->len);
  pair = &g_array_index (self->pairs, Pair, index);
  if (lsq_key)
    *lsq_key = pair->lsq;
  if (ghl_key)
    *ghl_key = pair->ghl;
  if (reason)
    *reason = pair->reason;
}

guint
liaison_matcher_get_n_ambiguous (LiaisonMatcher *self)
{
  g_return_val_if_fail (LIAISON_IS_MATCHER (self), 0);
  return self->sets->len;
}

void
liaison_matcher_get_ambiguous (LiaisonMatcher *self, guint index, const guint64 **lsq_keys,
                               guint *n_lsq, const guint64 **ghl_keys, guint *n_ghl,
                               LiaisonMatchReason *reason)
{
  const AmbiguousSet *set;

  g_return_if_fail (LIAISON_IS_MATCHER (self));
  g_return_if_fail (index < self->sets->len);
  set = g_ptr_array_index (self->sets, index);
  if (lsq_keys)
    *lsq_keys = (const guint64 *) (gpointer) set->lsq->data;
  if (n_lsq)
    *n_lsq = set->lsq->len;
  if (ghl_keys)
    *ghl_keys = (const guint64 *) (gpointer) set->ghl->data;
  if (n_ghl)
    *n_ghl = set->ghl->len;
  if (reason)
    *reason = set->reason;
}
