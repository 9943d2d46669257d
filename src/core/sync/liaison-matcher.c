/* liaison-matcher.c: pairs unlinked records of the two services.
 *
 * E-mail first, because an address is the closest thing to an identity both services share;
 * phone second, only among records that e-mail did not settle. A key shared by exactly one record
 * of each side proposes a pair; a key shared by more records on either side makes an ambiguous
 * set for a person to decide, never a guess. Records with no usable key stay unmatched.
 *
 * Two records a person kept apart never meet in a pair or a set: a record whose every partner in
 * a group is kept apart from it leaves the group (and may still match by its other key), and the
 * rest of the group is decided without it.
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
  guint n_apart; /* most partners it was kept apart from in one group */
} Entry;

typedef struct
{
  guint64 lsq;
  guint64 ghl;
} Apart;

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
  GArray *entries;   /* Entry */
  GArray *pairs;     /* Pair */
  GPtrArray *sets;   /* AmbiguousSet */
  GHashTable *apart; /* Apart set */
  GArray *held;      /* guint: indexes of entries held apart */
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
  g_hash_table_unref (self->apart);
  g_array_unref (self->held);
  G_OBJECT_CLASS (liaison_matcher_parent_class)->finalize (object);
}

static guint
apart_hash (gconstpointer data)
{
  const Apart *a = data;

  return g_int64_hash (&a->lsq) * 31 + g_int64_hash (&a->ghl);
}

static gboolean
apart_equal (gconstpointer a, gconstpointer b)
{
  const Apart *x = a, *y = b;

  return x->lsq == y->lsq && x->ghl == y->ghl;
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
  self->apart = g_hash_table_new_full (apart_hash, apart_equal, g_free, NULL);
  self->held = g_array_new (FALSE, FALSE, sizeof (guint));
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
  g_array_set_size (self->held, 0);
  g_hash_table_remove_all (self->apart);
  g_string_chunk_clear (self->strings);
}

void
liaison_matcher_keep_apart (LiaisonMatcher *self, guint64 lsq_key, guint64 ghl_key)
{
  Apart *apart;

  g_return_if_fail (LIAISON_IS_MATCHER (self));
  apart = g_new (Apart, 1);
  apart->lsq = lsq_key;
  apart->ghl = ghl_key;
  g_hash_table_add (self->apart, apart);
}

static gboolean
kept_apart (LiaisonMatcher *self, const Entry *a, const Entry *b)
{
  Apart key;

  if (a->service == b->service)
    return FALSE;
  key.lsq = a->service == LIAISON_SERVICE_LSQ ? a->key : b->key;
  key.ghl = a->service == LIAISON_SERVICE_LSQ ? b->key : a->key;
  return g_hash_table_contains (self->apart, &key);
}

/* Drops from members those kept apart from every member of the other side; counts what is left
 * per side. */
static void
drop_kept_apart (LiaisonMatcher *self, GArray *members, guint *n_lsq, guint *n_ghl)
{
  guint kept = 0;

  *n_lsq = *n_ghl = 0;
  for (guint m = 0; m < members->len; m++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, g_array_index (members, guint, m));
      guint n_other = 0, n_apart = 0;

      for (guint o = 0; g_hash_table_size (self->apart) > 0 && o < members->len; o++)
        {
          Entry *other = &g_array_index (self->entries, Entry, g_array_index (members, guint, o));

          if (other->service == entry->service)
            continue;
          n_other++;
          if (kept_apart (self, entry, other))
            n_apart++;
        }
      if (n_apart > 0 && n_apart == n_other)
        {
          entry->n_apart = MAX (entry->n_apart, n_apart);
          continue;
        }
      g_array_index (members, guint, kept++) = g_array_index (members, guint, m);
      if (entry->service == LIAISON_SERVICE_LSQ)
        (*n_lsq)++;
      else
        (*n_ghl)++;
    }
  g_array_set_size (members, kept);
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

      drop_kept_apart (self, members, &n_lsq, &n_ghl);
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
  g_array_set_size (self->held, 0);
  for (guint i = 0; i < self->entries->len; i++)
    {
      g_array_index (self->entries, Entry, i).settled = FALSE;
      g_array_index (self->entries, Entry, i).n_apart = 0;
    }
  match_pass (self, LIAISON_MATCH_EMAIL);
  match_pass (self, LIAISON_MATCH_PHONE);
  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *entry = &g_array_index (self->entries, Entry, i);
      if (!entry->settled && entry->n_apart > 0)
        g_array_append_val (self->held, i);
    }
}

guint
liaison_matcher_get_n_held_apart (LiaisonMatcher *self)
{
  g_return_val_if_fail (LIAISON_IS_MATCHER (self), 0);
  return self->held->len;
}

void
liaison_matcher_get_held_apart (LiaisonMatcher *self, guint index, LiaisonService *service,
                                guint64 *key, guint *n_apart)
{
  const Entry *entry;

  g_return_if_fail (LIAISON_IS_MATCHER (self));
  g_return_if_fail (index < self->held->len);
  entry = &g_array_index (self->entries, Entry, g_array_index (self->held, guint, index));
  if (service)
    *service = entry->service;
  if (key)
    *key = entry->key;
  if (n_apart)
    *n_apart = entry->n_apart;
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
