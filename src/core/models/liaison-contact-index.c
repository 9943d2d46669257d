/* liaison-contact-index.c: builds the contact list's index on the store's worker.
 *
 * One sequential read and no join: every cached contact in name order from the covering index
 * records_contact_list, which never touches the raw JSON and carries each record's link id (kept
 * by triggers, see liaison-store-schema.c). Two records with the same link id make a linked pair;
 * the others go to LiaisonMatcher, which proposes pairs and ambiguous sets. At 100,000 pairs
 * this is 200,000 index rows and one integer hash probe each.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-models"

#define _GNU_SOURCE /* memmem */
#include <string.h>

#include "liaison-contact-index-private.h"
#include "liaison-matcher.h"
#include "liaison-store-private.h"

#define NO_RANK G_MAXUINT32

typedef struct
{
  char *lsq_connection_id;
  char *ghl_connection_id;
} LoadData;

typedef struct
{
  gint64 link_id;
  gint64 rec[2]; /* by LiaisonService */
  guint32 rank[2];
  guint32 text[2];
  gint64 modified_at;
} Slot;

typedef struct
{
  gint64 rec;
  gint64 modified_at;
  guint32 rank;
  guint32 text;
  LiaisonService side;
  gboolean used;
} Single;

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
  g_free (index);
}

static guint
status_slot (guint32 status)
{
  return (guint) g_bit_nth_lsf (status, -1);
}

static void
add_entry (GArray *entries, GArray *ranks, const LiaisonContactEntry *entry, guint32 rank)
{
  g_array_append_val (entries, *entry);
  g_array_append_val (ranks, rank);
}

static LiaisonContactEntry
single_entry (const Single *s, LiaisonLinkStatus status)
{
  LiaisonContactEntry e = { 0 };

  e.status = status;
  e.modified_at = s->modified_at;
  e.lsq_text = e.ghl_text = LIAISON_CONTACT_NO_TEXT;
  if (s->side == LIAISON_SERVICE_LSQ)
    {
      e.lsq_rec = s->rec;
      e.lsq_text = s->text;
    }
  else
    {
      e.ghl_rec = s->rec;
      e.ghl_text = s->text;
    }
  return e;
}

/* The text that contains arena offset `offset` (the last one starting at or before it). */
static guint
text_number (const LiaisonContactIndex *index, guint32 offset)
{
  guint lo = 0, hi = index->n_texts;

  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;
      if (index->text_start[mid] <= offset)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
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
      hits[index->text_entry[t]] = 1;
      /* One hit per text is enough: go on from the next text. */
      p = t + 1 < index->n_texts ? index->arena + index->text_start[t + 1] : end;
    }
  return hits;
}

static LiaisonContactIndex *
build_index (LiaisonStoreDb *db, const LoadData *data, GError **error)
{
  g_autoptr (LiaisonContactIndex) index = g_new0 (LiaisonContactIndex, 1);
  g_autoptr (GArray) slots = g_array_new (FALSE, FALSE, sizeof (Slot));
  g_autoptr (GArray) singles = g_array_new (FALSE, FALSE, sizeof (Single));
  g_autoptr (GArray) entries = g_array_new (FALSE, FALSE, sizeof (LiaisonContactEntry));
  g_autoptr (GArray) ranks = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr (GHashTable) slot_of_link = g_hash_table_new (NULL, NULL);
  g_autoptr (LiaisonMatcher) matcher = liaison_matcher_new (NULL);
  g_autoptr (LiaisonCachedStmt) stmt = NULL;
  g_autoptr (GString) arena = g_string_sized_new (1 << 20);
  g_autoptr (GArray) text_starts = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree guint32 *order = NULL;
  guint32 n_ranks = 0;
  gboolean ok;
  int rc = SQLITE_DONE;

  stmt = liaison_store_db_prepare (
      db,
      "SELECT id, connection_id, link_id, modified_at, email_norm, phone_norm, search_text"
      " FROM records INDEXED BY records_contact_list"
      " WHERE kind = 'contact' AND deleted = 0 ORDER BY name_sort",
      error);
  ok = stmt != NULL;
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *connection = (const char *) sqlite3_column_text (stmt, 1);
      gint64 link_id = sqlite3_column_int64 (stmt, 2);
      LiaisonService side;
      guint32 text;
      guint slot_number;

      if (g_strcmp0 (connection, data->lsq_connection_id) == 0)
        side = LIAISON_SERVICE_LSQ;
      else if (g_strcmp0 (connection, data->ghl_connection_id) == 0)
        side = LIAISON_SERVICE_GHL;
      else
        continue; /* another account of the profile */

      text = (guint32) arena->len;
      g_array_append_val (text_starts, text);
      g_string_append_len (arena, (const char *) sqlite3_column_text (stmt, 6),
                           sqlite3_column_bytes (stmt, 6));
      g_string_append_c (arena, '\0');

      slot_number = 0;
      if (link_id > 0)
        {
          /* The first side seen makes the pair's slot, the second joins it. */
          gpointer key = GSIZE_TO_POINTER ((gsize) link_id);
          slot_number = GPOINTER_TO_UINT (g_hash_table_lookup (slot_of_link, key));
          if (slot_number == 0)
            {
              Slot fresh = { 0 };
              fresh.link_id = link_id;
              fresh.rank[0] = fresh.rank[1] = NO_RANK;
              fresh.text[0] = fresh.text[1] = LIAISON_CONTACT_NO_TEXT;
              g_array_append_val (slots, fresh);
              slot_number = slots->len;
              g_hash_table_insert (slot_of_link, key, GUINT_TO_POINTER (slot_number));
            }
        }
      if (slot_number > 0)
        {
          Slot *slot = &g_array_index (slots, Slot, slot_number - 1);
          slot->rec[side] = sqlite3_column_int64 (stmt, 0);
          slot->rank[side] = n_ranks;
          slot->text[side] = text;
          slot->modified_at = MAX (slot->modified_at, sqlite3_column_int64 (stmt, 3));
        }
      else
        {
          Single single = { 0 };
          single.rec = sqlite3_column_int64 (stmt, 0);
          single.modified_at = sqlite3_column_int64 (stmt, 3);
          single.rank = n_ranks;
          single.text = text;
          single.side = side;
          /* Matching keys are decoded only here: at 100,000 pairs almost every record is
           * linked, and fetching two unused columns per row is a quarter of the scan. */
          liaison_matcher_add_normalized (matcher, side, singles->len,
                                          (const char *) sqlite3_column_text (stmt, 4),
                                          (const char *) sqlite3_column_text (stmt, 5));
          g_array_append_val (singles, single);
        }
      n_ranks++;
    }
  if (ok && rc != SQLITE_DONE)
    ok = liaison_store_db_fail (db, rc, "Could not read the contacts", error);
  g_clear_pointer (&stmt, liaison_cached_stmt_release);
  if (!ok)
    return NULL;
  if (arena->len >= LIAISON_CONTACT_NO_TEXT)
    {
      g_set_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_FAILED,
                   "Too much contact text to index");
      return NULL;
    }

  /* Linked pairs sit where their LeadSquared side sorts (the name the row shows). */
  for (guint i = 0; i < slots->len; i++)
    {
      const Slot *slot = &g_array_index (slots, Slot, i);
      LiaisonContactEntry e = { 0 };

      if (slot->rank[0] == NO_RANK && slot->rank[1] == NO_RANK)
        continue; /* neither side is cached (any more) */
      e.status = LIAISON_LINK_STATUS_LINKED;
      e.link_id = slot->link_id;
      e.lsq_rec = slot->rec[LIAISON_SERVICE_LSQ];
      e.ghl_rec = slot->rec[LIAISON_SERVICE_GHL];
      e.lsq_text = slot->text[LIAISON_SERVICE_LSQ];
      e.ghl_text = slot->text[LIAISON_SERVICE_GHL];
      e.modified_at = slot->modified_at;
      add_entry (entries, ranks, &e,
                 slot->rank[LIAISON_SERVICE_LSQ] != NO_RANK ? slot->rank[LIAISON_SERVICE_LSQ]
                                                            : slot->rank[LIAISON_SERVICE_GHL]);
    }

  liaison_matcher_run (matcher);
  for (guint i = 0; i < liaison_matcher_get_n_pairs (matcher); i++)
    {
      guint64 a, b;
      Single *lsq, *ghl;
      LiaisonContactEntry e;

      liaison_matcher_get_pair (matcher, i, &a, &b, NULL);
      lsq = &g_array_index (singles, Single, a);
      ghl = &g_array_index (singles, Single, b);
      lsq->used = ghl->used = TRUE;
      e = single_entry (lsq, LIAISON_LINK_STATUS_PROPOSED);
      e.ghl_rec = ghl->rec;
      e.ghl_text = ghl->text;
      e.modified_at = MAX (lsq->modified_at, ghl->modified_at);
      add_entry (entries, ranks, &e, lsq->rank);
    }
  for (guint i = 0; i < liaison_matcher_get_n_ambiguous (matcher); i++)
    {
      const guint64 *keys[2];
      guint n[2];

      liaison_matcher_get_ambiguous (matcher, i, &keys[0], &n[0], &keys[1], &n[1], NULL);
      for (guint s = 0; s < 2; s++)
        for (guint k = 0; k < n[s]; k++)
          {
            Single *single = &g_array_index (singles, Single, keys[s][k]);
            LiaisonContactEntry e = single_entry (single, LIAISON_LINK_STATUS_AMBIGUOUS);
            e.n_candidates = n[1 - s];
            single->used = TRUE;
            add_entry (entries, ranks, &e, single->rank);
          }
    }
  for (guint i = 0; i < singles->len; i++)
    {
      const Single *single = &g_array_index (singles, Single, i);
      LiaisonContactEntry e;

      if (single->used)
        continue;
      e = single_entry (single, single->side == LIAISON_SERVICE_LSQ ? LIAISON_LINK_STATUS_LSQ_ONLY
                                                                    : LIAISON_LINK_STATUS_GHL_ONLY);
      add_entry (entries, ranks, &e, single->rank);
    }

  /* Every entry owns a distinct rank (the name position of its record), so ordering is one
   * pass through a rank-indexed table, not a sort. */
  order = g_new (guint32, MAX (n_ranks, 1));
  memset (order, 0xff, sizeof (guint32) * MAX (n_ranks, 1));
  for (guint i = 0; i < entries->len; i++)
    order[g_array_index (ranks, guint32, i)] = i;
  index->entries = g_new (LiaisonContactEntry, MAX (entries->len, 1));
  for (guint32 r = 0; r < n_ranks; r++)
    if (order[r] != G_MAXUINT32)
      {
        LiaisonContactEntry *e = &index->entries[index->n_entries++];
        *e = g_array_index (entries, LiaisonContactEntry, order[r]);
        index->counts[status_slot (e->status)]++;
      }
  /* Which entry each text belongs to, for filtering by one scan of the whole arena. */
  index->n_texts = text_starts->len;
  index->text_start = (guint32 *) (gpointer) g_array_free (g_steal_pointer (&text_starts), FALSE);
  index->text_entry = g_new0 (guint32, MAX (index->n_texts, 1));
  for (guint i = 0; i < index->n_entries; i++)
    {
      const LiaisonContactEntry *e = &index->entries[i];
      if (e->lsq_text != LIAISON_CONTACT_NO_TEXT)
        index->text_entry[text_number (index, e->lsq_text)] = i;
      if (e->ghl_text != LIAISON_CONTACT_NO_TEXT)
        index->text_entry[text_number (index, e->ghl_text)] = i;
    }
  index->arena_len = arena->len;
  index->arena = g_string_free (g_steal_pointer (&arena), FALSE);
  return g_steal_pointer (&index);
}

static void
load_job (LiaisonStore *store, LiaisonStoreDb *db, GTask *task)
{
  GError *error = NULL;
  LiaisonContactIndex *index = build_index (db, g_task_get_task_data (task), &error);

  if (index == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, index, (GDestroyNotify) liaison_contact_index_free);
}

/* Queued behind the store's writes, so the index reflects every write made before it. */
void
liaison_contact_index_load_async (LiaisonStore *store, const char *lsq_connection_id,
                                  const char *ghl_connection_id, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (store, cancellable, callback, user_data);
  LoadData *data = g_new0 (LoadData, 1);

  data->lsq_connection_id = g_strdup (lsq_connection_id);
  data->ghl_connection_id = g_strdup (ghl_connection_id);
  g_task_set_source_tag (task, liaison_contact_index_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  liaison_store_push_job (store, task, load_job);
}

LiaisonContactIndex *
liaison_contact_index_load_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
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
         && x->n_candidates == y->n_candidates && same_text (a, x->lsq_text, b, y->lsq_text)
         && same_text (a, x->ghl_text, b, y->ghl_text);
}
