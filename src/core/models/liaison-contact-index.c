/* liaison-contact-index.c: builds the contact list's index on the store's worker.
 *
 * One sequential read and no join: every cached contact in name order, through the store's
 * contact scan (liaison_store_scan_contacts_async: the covering index records_contact_list,
 * which never touches the raw JSON and carries each record's link id). Two records with the same
 * link id make a linked pair; the others go to LiaisonMatcher, which proposes pairs and ambiguous
 * sets. At 100,000 pairs this is 200,000 index rows and one flat-array probe each. Every record
 * gets an entry slot at its rank (its place in name order) as it is read; merged pairs leave empty
 * slots, which one final pass squeezes out, so the entries come out in name order without a sort or
 * a copy.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-models"

#define _GNU_SOURCE /* memmem */
#include <stdlib.h>
#include <string.h>

#include "liaison-contact-index-private.h"
#include "liaison-matcher.h"

/* While the index is built, a rank (a record's position in name order) whose entry moved elsewhere
 * or was merged into another has status 0, and a record that is not linked waits for the matcher
 * with this status. */
#define PENDING_SINGLE (1u << 31)
/* Link ids below this find their pair's entry in a flat array (4 bytes per id, grown as ids are
 * met), larger ones in a hash table. */
#define DENSE_LINK_LIMIT (1 << 22)

typedef struct
{
  char *lsq_connection_id;
  char *ghl_connection_id;
} LoadData;

/* Where the entry of each link's pair sits, as rank + 1 (0: no entry yet). */
typedef struct
{
  guint32 *dense;
  gsize n_dense;
  GHashTable *sparse;
} LinkPositions;

static void
load_data_free (LoadData *data)
{
  g_free (data->lsq_connection_id);
  g_free (data->ghl_connection_id);
  g_free (data);
}

void
liaison_contact_index_free (LiaisonContactIndex *index)
{
  if (index == NULL)
    return;
  g_free (index->entries);
  g_free (index->arena);
  g_free (index->by_modified);
  g_free (index->text_start);
  g_free (index->text_entry);
  g_clear_pointer (&index->not_copied, g_array_unref);
  g_free (index);
}

static guint
status_slot (guint32 status)
{
  return (guint) g_bit_nth_lsf (status, -1);
}

static guint32
link_position (const LinkPositions *links, gint64 link_id)
{
  if (link_id < DENSE_LINK_LIMIT)
    return (gsize) link_id < links->n_dense ? links->dense[link_id] : 0;
  if (links->sparse == NULL)
    return 0;
  return GPOINTER_TO_UINT (g_hash_table_lookup (links->sparse, GSIZE_TO_POINTER ((gsize) link_id)));
}

static void
set_link_position (LinkPositions *links, gint64 link_id, guint32 position)
{
  if (link_id < DENSE_LINK_LIMIT)
    {
      if ((gsize) link_id >= links->n_dense)
        {
          gsize n = MAX (MAX ((gsize) link_id + 1, links->n_dense * 2), 1024);
          links->dense = g_renew (guint32, links->dense, n);
          memset (links->dense + links->n_dense, 0, (n - links->n_dense) * sizeof (guint32));
          links->n_dense = n;
        }
      links->dense[link_id] = position;
      return;
    }
  if (links->sparse == NULL)
    links->sparse = g_hash_table_new (NULL, NULL);
  g_hash_table_insert (links->sparse, GSIZE_TO_POINTER ((gsize) link_id),
                       GUINT_TO_POINTER (position));
}

static void
link_positions_clear (LinkPositions *links)
{
  g_free (links->dense);
  g_clear_pointer (&links->sparse, g_hash_table_unref);
}

/* The length of text number `text`, without its NUL. */
static gsize
text_length (const GString *arena, const GArray *text_starts, guint32 text)
{
  gsize end
      = text + 1 < text_starts->len ? g_array_index (text_starts, guint32, text + 1) : arena->len;

  return end - g_array_index (text_starts, guint32, text) - 1;
}

/* A linked record at `rank`, whose pair's entry is at `position` - 1 (0: none yet): the first side
 * seen makes its pair's entry, the other joins it. The pair sits where its LeadSquared side sorts
 * (the name the row shows), else where its HighLevel side does; a second record of the same side
 * (which the links' unique keys rule out) replaces the first, as it always did. */
static void
add_linked (GArray *entries, LinkPositions *links, guint32 rank, gint64 link_id, guint32 position,
            const LiaisonContactEntry *record)
{
  LiaisonContactEntry *here = &g_array_index (entries, LiaisonContactEntry, rank);
  LiaisonContactEntry *pair;

  *here = *record;
  here->status = LIAISON_LINK_STATUS_LINKED;
  here->link_id = link_id;
  if (position == 0)
    {
      set_link_position (links, link_id, rank + 1);
      return;
    }
  pair = &g_array_index (entries, LiaisonContactEntry, position - 1);
  if (record->lsq_rec != 0)
    {
      pair->lsq_rec = record->lsq_rec;
      pair->lsq_text = record->lsq_text;
    }
  else
    {
      pair->ghl_rec = record->ghl_rec;
      pair->ghl_text = record->ghl_text;
    }
  pair->modified_at = MAX (pair->modified_at, record->modified_at);
  if (record->lsq_rec != 0 || pair->lsq_rec == 0)
    {
      /* The pair moves here: rank is the later one, so its old place is already passed. */
      *here = *pair;
      pair->status = 0;
      set_link_position (links, link_id, rank + 1);
    }
  else
    here->status = 0;
}

/* Marks the entries whose text contains `folded`, by searching the whole arena at once (texts
 * are separated by NULs, which a query never contains): far faster than a search per text when
 * most rows are candidates. Returns one byte per entry, 1 for a match. */
guint8 *
liaison_contact_index_match_text (const LiaisonContactIndex *index, const char *folded)
{
  guint8 *hits = g_new0 (guint8, MAX (index->n_entries, 1));
  gsize len = strlen (folded);
  const char *end = index->arena + index->arena_len;
  const char *p = index->arena;

  guint t = 0;

  while (len > 0 && p < end && (p = memmem (p, (gsize) (end - p), folded, len)) != NULL)
    {
      guint32 offset = (guint32) (p - index->arena);

      /* Hits come in arena order, so the owning text is found by walking forward: the whole
       * scan walks the text table once. */
      while (t + 1 < index->n_texts && index->text_start[t + 1] <= offset)
        t++;
      if (index->text_entry[t] != G_MAXUINT32)
        hits[index->text_entry[t]] = 1;
      /* One hit per text is enough: go on from the next text. */
      p = t + 1 < index->n_texts ? index->arena + index->text_start[t + 1] : end;
    }
  return hits;
}

/* Marks the ranks of the matcher's proposed pairs, ambiguous sets and records held apart; a
 * proposed pair sits where its LeadSquared side sorts. */
static void
apply_matches (GArray *entries, const GArray *singles, LiaisonMatcher *matcher)
{
  liaison_matcher_run (matcher);
  for (guint i = 0; i < liaison_matcher_get_n_pairs (matcher); i++)
    {
      guint64 a, b;
      LiaisonContactEntry *lsq, *ghl;

      liaison_matcher_get_pair (matcher, i, &a, &b, NULL);
      lsq = &g_array_index (entries, LiaisonContactEntry, g_array_index (singles, guint32, a));
      ghl = &g_array_index (entries, LiaisonContactEntry, g_array_index (singles, guint32, b));
      lsq->status = LIAISON_LINK_STATUS_PROPOSED;
      lsq->ghl_rec = ghl->ghl_rec;
      lsq->ghl_text = ghl->ghl_text;
      lsq->modified_at = MAX (lsq->modified_at, ghl->modified_at);
      ghl->status = 0;
    }
  for (guint i = 0; i < liaison_matcher_get_n_ambiguous (matcher); i++)
    {
      const guint64 *keys[2];
      guint n[2];

      liaison_matcher_get_ambiguous (matcher, i, &keys[0], &n[0], &keys[1], &n[1], NULL);
      for (guint s = 0; s < 2; s++)
        for (guint k = 0; k < n[s]; k++)
          {
            guint32 rank = g_array_index (singles, guint32, keys[s][k]);
            LiaisonContactEntry *e = &g_array_index (entries, LiaisonContactEntry, rank);
            e->status = LIAISON_LINK_STATUS_AMBIGUOUS;
            e->n_candidates = n[1 - s];
            e->match_set = i + 1;
          }
    }
  for (guint i = 0; i < liaison_matcher_get_n_held_apart (matcher); i++)
    {
      guint64 key;
      guint n_apart;
      LiaisonContactEntry *e;

      liaison_matcher_get_held_apart (matcher, i, NULL, &key, &n_apart);
      e = &g_array_index (entries, LiaisonContactEntry, g_array_index (singles, guint32, key));
      e->status = LIAISON_LINK_STATUS_KEPT_APART;
      e->n_candidates = n_apart;
    }
}

/* Tells the matcher which of its records a person kept apart: apart holds records.id pairs, and
 * single_of maps a records.id of it to the record's matcher key (G_MAXUINT: linked, no key). */
static void
add_kept_apart (LiaisonMatcher *matcher, const GArray *apart, GHashTable *single_of)
{
  for (guint i = 0; i + 1 < apart->len; i += 2)
    {
      gint64 lsq = g_array_index (apart, gint64, i), ghl = g_array_index (apart, gint64, i + 1);
      gpointer lsq_key, ghl_key;

      if (g_hash_table_lookup_extended (single_of, &lsq, NULL, &lsq_key)
          && g_hash_table_lookup_extended (single_of, &ghl, NULL, &ghl_key)
          && GPOINTER_TO_UINT (lsq_key) != G_MAXUINT && GPOINTER_TO_UINT (ghl_key) != G_MAXUINT)
        liaison_matcher_keep_apart (matcher, GPOINTER_TO_UINT (lsq_key),
                                    GPOINTER_TO_UINT (ghl_key));
    }
}

/* Drops the empty ranks in place, so the entries stay in name order without a sort, and turns
 * each entry's text numbers into arena offsets. */
static void
compact (LiaisonContactIndex *index, GArray *entries, GArray *text_starts)
{
  const guint32 *starts = (const guint32 *) (gpointer) text_starts->data;
  LiaisonContactEntry *all = (LiaisonContactEntry *) (gpointer) entries->data;
  guint n = 0;

  index->n_texts = text_starts->len;
  /* Which entry each text belongs to, for filtering by one scan of the whole arena; a record
   * replaced by another of the same link belongs to none. */
  index->text_entry = g_new (guint32, MAX (index->n_texts, 1));
  memset (index->text_entry, 0xff, sizeof (guint32) * MAX (index->n_texts, 1));
  for (guint r = 0; r < entries->len; r++)
    {
      LiaisonContactEntry e = all[r];

      if (e.status == 0)
        continue;
      if (e.status == PENDING_SINGLE)
        e.status = e.lsq_rec != 0 ? LIAISON_LINK_STATUS_LSQ_ONLY : LIAISON_LINK_STATUS_GHL_ONLY;
      if (e.lsq_text != LIAISON_CONTACT_NO_TEXT)
        {
          index->text_entry[e.lsq_text] = n;
          e.lsq_text = starts[e.lsq_text];
        }
      if (e.ghl_text != LIAISON_CONTACT_NO_TEXT)
        {
          index->text_entry[e.ghl_text] = n;
          e.ghl_text = starts[e.ghl_text];
        }
      index->counts[status_slot (e.status)]++;
      all[n++] = e;
    }
  index->n_entries = n;
  /* Give back the emptied ranks' room (half of it for a store of pairs). */
  index->entries = g_renew (LiaisonContactEntry, g_array_free (entries, FALSE), MAX (n, 1));
  index->text_start = (guint32 *) (gpointer) g_array_free (text_starts, FALSE);
}

static int
compare_not_copied (gconstpointer a, gconstpointer b)
{
  gint64 x = ((const LiaisonStoreNotCopiedKey *) a)->record_id;
  gint64 y = ((const LiaisonStoreNotCopiedKey *) b)->record_id;

  return x < y ? -1 : x > y;
}

const LiaisonStoreNotCopiedKey *
liaison_contact_index_find_not_copied (const LiaisonContactIndex *index, gint64 record_id)
{
  LiaisonStoreNotCopiedKey key = { record_id, 0, 0, 0 };

  if (index->not_copied == NULL || index->not_copied->len == 0 || record_id == 0)
    return NULL;
  return bsearch (&key, index->not_copied->data, index->not_copied->len,
                  sizeof (LiaisonStoreNotCopiedKey), compare_not_copied);
}

/* Marks the sides on the not_copied list: a binary search per entry only when it is not empty
 * (an undo of creates lists a handful, not the whole store). */
static void
mark_not_copied (LiaisonContactIndex *index)
{
  if (index->not_copied->len == 0)
    return;
  for (guint i = 0; i < index->n_entries; i++)
    {
      LiaisonContactEntry *e = &index->entries[i];

      if (liaison_contact_index_find_not_copied (index, e->lsq_rec) != NULL)
        e->not_copied |= 1u << LIAISON_SERVICE_LSQ;
      if (liaison_contact_index_find_not_copied (index, e->ghl_rec) != NULL)
        e->not_copied |= 1u << LIAISON_SERVICE_GHL;
    }
}

static gpointer
build_index (LiaisonStoreContactScan *scan, gpointer user_data, GError **error)
{
  const LoadData *data = user_data;
  g_autoptr (LiaisonContactIndex) index = g_new0 (LiaisonContactIndex, 1);
  /* One entry per record read, at its rank; a pair's second record leaves its rank empty. */
  g_autoptr (GArray) entries = g_array_sized_new (FALSE, FALSE, sizeof (LiaisonContactEntry), 4096);
  g_autoptr (GArray) singles = g_array_new (FALSE, FALSE, sizeof (guint32)); /* ranks */
  g_autoptr (LiaisonMatcher) matcher = liaison_matcher_new (NULL);
  g_autoptr (GString) arena = g_string_sized_new (1 << 20);
  g_autoptr (GArray) text_starts = g_array_sized_new (FALSE, FALSE, sizeof (guint32), 4096);
  g_autoptr (GError) scan_error = NULL;
  LinkPositions links = { 0 };
  LiaisonStoreContactKey key;
  gsize lsq_len = data->lsq_connection_id ? strlen (data->lsq_connection_id) : 0;
  gsize ghl_len = data->ghl_connection_id ? strlen (data->ghl_connection_id) : 0;
  guint32 n_ranks = 0;
  g_autoptr (GArray) apart = NULL;
  g_autoptr (GHashTable) single_of = NULL; /* records.id kept apart -> matcher key */

  apart = liaison_store_contact_scan_list_apart (scan, data->lsq_connection_id,
                                                 data->ghl_connection_id, error);
  if (apart == NULL)
    return NULL;
  index->not_copied = liaison_store_contact_scan_list_not_copied (scan, data->lsq_connection_id,
                                                                  data->ghl_connection_id, error);
  if (index->not_copied == NULL)
    return NULL;
  for (guint side = 0; side < 2; side++)
    {
      const char *id = side == 0 ? data->lsq_connection_id : data->ghl_connection_id;
      gint64 at = id != NULL ? liaison_store_contact_scan_refreshed_at (scan, id, error) : 0;

      if (at < 0)
        return NULL;
      index->refreshed_at = side == 0 ? at : MIN (index->refreshed_at, at);
    }
  if (apart->len > 0)
    {
      single_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      /* Marks which ids to remember; the scan gives each its key. */
      for (guint i = 0; i < apart->len; i++)
        g_hash_table_insert (single_of,
                             g_memdup2 (&g_array_index (apart, gint64, i), sizeof (gint64)),
                             GUINT_TO_POINTER (G_MAXUINT));
    }

  while (liaison_store_contact_scan_next (scan, &key, &scan_error))
    {
      const char *connection = key.connection_id;
      gsize connection_len = key.connection_id_len;
      gint64 link_id = key.link_id;
      const char *text = key.search_text;
      gsize text_len = key.search_text_len;
      LiaisonContactEntry record = { 0 };
      guint32 *record_text;
      guint32 position = 0;

      /* The texts are text numbers for now; compact() makes them arena offsets. */
      record.lsq_text = record.ghl_text = LIAISON_CONTACT_NO_TEXT;
      if (connection == NULL)
        continue;
      else if (connection_len == lsq_len
               && memcmp (connection, data->lsq_connection_id, lsq_len) == 0)
        {
          record.lsq_rec = key.record_id;
          record_text = &record.lsq_text;
        }
      else if (connection_len == ghl_len
               && memcmp (connection, data->ghl_connection_id, ghl_len) == 0)
        {
          record.ghl_rec = key.record_id;
          record_text = &record.ghl_text;
        }
      else
        continue; /* another account of the profile */
      record.modified_at = key.modified_at;
      /* The two sides of a linked pair usually show the same name, e-mail, phone and company:
       * the second side then shares the first one's text, which halves the arena (and the
       * filter's scan of it) for a store of pairs. */
      if (link_id > 0 && (position = link_position (&links, link_id)) != 0)
        {
          const LiaisonContactEntry *pair
              = &g_array_index (entries, LiaisonContactEntry, position - 1);
          guint32 other = record.lsq_rec != 0 ? pair->ghl_text : pair->lsq_text;

          if (other != LIAISON_CONTACT_NO_TEXT
              && text_length (arena, text_starts, other) == text_len
              && memcmp (arena->str + g_array_index (text_starts, guint32, other),
                         text != NULL ? text : "", text_len)
                     == 0)
            *record_text = other;
        }
      if (*record_text == LIAISON_CONTACT_NO_TEXT)
        {
          guint32 offset = (guint32) arena->len;

          *record_text = text_starts->len;
          g_array_append_val (text_starts, offset);
          /* With its NUL: texts are separated by one, which a query never contains. */
          if (text != NULL)
            g_string_append_len (arena, text, (gssize) text_len + 1);
          else
            g_string_append_c (arena, '\0');
        }

      g_array_set_size (entries, n_ranks + 1);
      if (link_id > 0)
        add_linked (entries, &links, n_ranks, link_id, position, &record);
      else
        {
          record.status = PENDING_SINGLE;
          g_array_index (entries, LiaisonContactEntry, n_ranks) = record;
          /* Matching keys are decoded only here: at 100,000 pairs almost every record is
           * linked, and fetching two unused columns per row is a quarter of the scan. */
          liaison_matcher_add_normalized (
              matcher, record.lsq_rec != 0 ? LIAISON_SERVICE_LSQ : LIAISON_SERVICE_GHL,
              singles->len, liaison_store_contact_scan_get_email_norm (scan),
              liaison_store_contact_scan_get_phone_norm (scan));
          if (single_of != NULL && g_hash_table_contains (single_of, &key.record_id))
            g_hash_table_insert (single_of, g_memdup2 (&key.record_id, sizeof (gint64)),
                                 GUINT_TO_POINTER (singles->len));
          g_array_append_val (singles, n_ranks);
        }
      n_ranks++;
    }
  link_positions_clear (&links);
  if (scan_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&scan_error));
      return NULL;
    }
  if (arena->len >= LIAISON_CONTACT_NO_TEXT)
    {
      g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_FAILED,
                   "Too much contact text to index");
      return NULL;
    }

  if (single_of != NULL)
    add_kept_apart (matcher, apart, single_of);
  apply_matches (entries, singles, matcher);
  compact (index, g_steal_pointer (&entries), g_steal_pointer (&text_starts));
  index->arena_len = arena->len;
  index->arena = g_string_free (g_steal_pointer (&arena), FALSE);
  mark_not_copied (index);
  return g_steal_pointer (&index);
}

/* The entry numbers (guint32) of the other side's members of the ambiguous set the record
 * record_id (records.id) is in; empty when it is in none. */
GArray *
liaison_contact_index_find_set (const LiaisonContactIndex *index, gint64 record_id)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 set = 0;
  gboolean lsq = FALSE;

  for (guint i = 0; record_id != 0 && i < index->n_entries; i++)
    {
      const LiaisonContactEntry *e = &index->entries[i];

      if (e->status == LIAISON_LINK_STATUS_AMBIGUOUS
          && (e->lsq_rec == record_id || e->ghl_rec == record_id))
        {
          set = e->match_set;
          lsq = e->lsq_rec == record_id;
          break;
        }
    }
  for (guint32 i = 0; set != 0 && i < index->n_entries; i++)
    {
      const LiaisonContactEntry *e = &index->entries[i];

      if (e->match_set == set && (lsq ? e->ghl_rec != 0 : e->lsq_rec != 0))
        g_array_append_val (found, i);
    }
  return found;
}

/* Queued behind the store's writes, so the index reflects every write made before it. */
void
liaison_contact_index_load_async (LiaisonStore *store, const char *lsq_connection_id,
                                  const char *ghl_connection_id, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data)
{
  LoadData *data = g_new0 (LoadData, 1);

  data->lsq_connection_id = g_strdup (lsq_connection_id);
  data->ghl_connection_id = g_strdup (ghl_connection_id);
  liaison_store_scan_contacts_async (store, build_index, data, (GDestroyNotify) load_data_free,
                                     (GDestroyNotify) liaison_contact_index_free, cancellable,
                                     callback, user_data);
}

LiaisonContactIndex *
liaison_contact_index_load_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return liaison_store_scan_contacts_finish (g_task_get_source_object (G_TASK (result)), result,
                                             error);
}

static int
compare_modified (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const LiaisonContactEntry *entries = user_data;
  guint32 ia = *(const guint32 *) a;
  guint32 ib = *(const guint32 *) b;
  gint64 ma = entries[ia].modified_at;
  gint64 mb = entries[ib].modified_at;

  if (ma != mb)
    return ma > mb ? -1 : 1;
  return ia < ib ? -1 : (ia > ib);
}

/* Newest change first; ties keep name order. */
const guint32 *
liaison_contact_index_by_modified (LiaisonContactIndex *index)
{
  if (index->by_modified == NULL)
    {
      index->by_modified = g_new (guint32, MAX (index->n_entries, 1));
      for (guint32 i = 0; i < index->n_entries; i++)
        index->by_modified[i] = i;
      g_qsort_with_data (index->by_modified, index->n_entries, sizeof (guint32), compare_modified,
                         index->entries);
    }
  return index->by_modified;
}

static gboolean
same_text (const LiaisonContactIndex *a, guint32 ta, const LiaisonContactIndex *b, guint32 tb)
{
  if (ta == LIAISON_CONTACT_NO_TEXT || tb == LIAISON_CONTACT_NO_TEXT)
    return ta == tb;
  return strcmp (a->arena + ta, b->arena + tb) == 0;
}

/* The same row with the same content: the displayed fields are all in the search text. */
gboolean
liaison_contact_index_same_entry (const LiaisonContactIndex *a, guint ea,
                                  const LiaisonContactIndex *b, guint eb)
{
  const LiaisonContactEntry *x = &a->entries[ea];
  const LiaisonContactEntry *y = &b->entries[eb];

  return x->lsq_rec == y->lsq_rec && x->ghl_rec == y->ghl_rec && x->link_id == y->link_id
         && x->status == y->status && x->modified_at == y->modified_at
         && x->n_candidates == y->n_candidates && x->not_copied == y->not_copied
         && same_text (a, x->lsq_text, b, y->lsq_text)
         && same_text (a, x->ghl_text, b, y->ghl_text);
}
