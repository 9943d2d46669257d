/* liaison-sync-activity.c: see liaison-sync-activity.h.
 *
 * Neither service lists tasks or notes account-wide by modification, so a pass reads them per
 * pair of linked contacts: the pairs whose contact the store saw change (records.changed_at, the
 * store's own clock, so no margin for the services' clocks) or which were linked since the last
 * pass, the pairs the last pass could not finish, then the next stretch of a sweep over every
 * link, which notices what changed under a contact that did not. One pair read for one kind costs
 * a request on each service.
 *
 * The sweep is spread over the day: by any hour it may have read the day's share of the quota
 * times the part of the day gone, less what it read today, so that frequent syncs each read a
 * little and never the whole share at once.
 *
 * The pairs no pass read yet (at first, every link: 10,000 contacts would be 20,000 requests on
 * each service, twice LeadSquared's daily quota) are read in their own share, paced by the time
 * since their last reads, the contacts that changed last first, so that a first sync of contacts
 * ends quickly and their tasks and notes follow over the next syncs. Meanwhile no sweep runs:
 * these reads are one.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include "liaison-sync-activity.h"

#define DAY_MS (G_GINT64_CONSTANT (24) * 60 * 60 * 1000)

guint
liaison_sync_sweep_budget (guint share_percent, guint ghl_quota, guint lsq_quota, guint swept_today,
                           gint64 ms_into_day)
{
  guint64 share = (guint64) MIN (ghl_quota, lsq_quota) * MIN (share_percent, 100) / 100;
  guint64 allowed = share * (guint64) CLAMP (ms_into_day, 0, DAY_MS) / DAY_MS;

  if (swept_today >= allowed)
    return 0;
  return (guint) (allowed - swept_today);
}

static gint64
setting_int (LiaisonStore *store, const char *key, gint64 fallback)
{
  g_autofree char *text = liaison_store_get_setting (store, key, NULL);
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &value, NULL))
    return fallback;
  return value;
}

/* The sweep's day, UTC, "YYYY-MM-DD". */
static char *
sweep_day (LiaisonSyncRun *run)
{
  g_autoptr (GDateTime) utc
      = g_date_time_new_from_unix_utc (liaison_sync_engine_now_ms (run->engine) / 1000);

  return g_date_time_format (utc, "%Y-%m-%d");
}

/* How far into its day the sweep's clock is. */
static gint64
sweep_ms_into_day (LiaisonSyncRun *run)
{
  return ((liaison_sync_engine_now_ms (run->engine) % DAY_MS) + DAY_MS) % DAY_MS;
}

/* Pairs the sweeps of either kind read today (the setting holds "YYYY-MM-DD n"). */
static guint
sweep_spent_today (LiaisonSyncRun *run)
{
  g_autofree char *text = liaison_store_get_setting (run->store, LIAISON_SETTING_SWEEP_SPENT, NULL);
  g_autofree char *day = sweep_day (run);
  g_auto (GStrv) parts = NULL;
  guint64 n;

  if (text == NULL)
    return 0;
  parts = g_strsplit (text, " ", 2);
  if (g_strv_length (parts) != 2 || g_strcmp0 (parts[0], day) != 0
      || !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXUINT, &n, NULL))
    return 0;
  return (guint) n;
}

static void
add_pairs (GPtrArray *to, GPtrArray *pairs, GHashTable *seen)
{
  for (guint i = 0; i < pairs->len; i++)
    {
      LiaisonStoreContactPair *pair = g_ptr_array_index (pairs, i);

      if (!g_hash_table_add (seen, GINT_TO_POINTER ((int) pair->link_id)))
        continue;
      g_ptr_array_add (to, g_steal_pointer (&pairs->pdata[i]));
    }
}

guint
liaison_sync_first_read_budget (guint share_percent, guint ghl_quota, guint lsq_quota,
                                gint64 ms_since_last)
{
  guint64 per_day = (guint64) MIN (ghl_quota, lsq_quota) * MIN (share_percent, 100) / 100 / 2;
  gint64 ms = ms_since_last < 0 ? LIAISON_FIRST_READ_START_MS
                                : CLAMP (ms_since_last, 0, LIAISON_FIRST_READ_MAX_MS);

  return (guint) (per_day * (guint64) ms / DAY_MS);
}

#define KEY(pick, what)                                                                            \
  ((pick)->kind == LIAISON_RECORD_TASK   ? LIAISON_SETTING_TASKS_##what                            \
   : (pick)->kind == LIAISON_RECORD_NOTE ? LIAISON_SETTING_NOTES_##what                            \
                                         : LIAISON_SETTING_APPOINTMENTS_##what)

/* The first reads' cursor, "modified_at link_id"; none: before the newest. */
static void
first_cursor (LiaisonSyncRun *run, const LiaisonActivityPick *pick, gint64 *modified,
              gint64 *link_id)
{
  g_autofree char *text = liaison_store_get_setting (run->store, KEY (pick, FIRST_CURSOR), NULL);
  g_auto (GStrv) parts = text ? g_strsplit (text, " ", 2) : NULL;

  *modified = *link_id = G_MAXINT64;
  if (parts == NULL || g_strv_length (parts) != 2
      || !g_ascii_string_to_signed (parts[0], 10, 0, G_MAXINT64, modified, NULL)
      || !g_ascii_string_to_signed (parts[1], 10, 0, G_MAXINT64, link_id, NULL))
    *modified = *link_id = G_MAXINT64;
}

/* The stretch of the pairs no pass read yet that this pass reads, added to pairs. */
static gboolean
add_first_pairs (LiaisonSyncRun *run, LiaisonActivityPick *pick, GPtrArray *pairs, GHashTable *seen,
                 GError **error)
{
  g_autoptr (GPtrArray) first = NULL;
  gint64 modified, link_id, last;
  guint n_total, budget, before = pairs->len;
  guint share = (guint) setting_int (run->store, LIAISON_SETTING_FIRST_READ_SHARE,
                                     LIAISON_FIRST_READ_SHARE_DEFAULT);
  guint lsq_quota = (guint) setting_int (run->store, LIAISON_SETTING_LSQ_DAILY_QUOTA,
                                         LIAISON_LSQ_DAILY_QUOTA_DEFAULT);

  first_cursor (run, pick, &modified, &link_id);
  if (!liaison_store_count_first_pairs (run->store, run->lsq_connection, run->ghl_connection,
                                        pick->first_before, modified, link_id, &n_total, error))
    return FALSE;
  if (n_total == 0)
    {
      /* All were read: from now on, the sweep. */
      pick->first_before = 0;
      pick->first_new = TRUE;
      return TRUE;
    }
  last = setting_int (run->store, KEY (pick, FIRST_READ_AT), -1);
  budget = liaison_sync_first_read_budget (
      share, LIAISON_GHL_DAILY_QUOTA, lsq_quota,
      last < 0 ? -1 : liaison_sync_engine_now_ms (run->engine) - last);
  pick->n_waiting = n_total;
  if (budget == 0)
    return TRUE;
  first = liaison_store_list_first_pairs (run->store, run->lsq_connection, run->ghl_connection,
                                          pick->first_before, modified, link_id, budget, error);
  if (first == NULL)
    return FALSE;
  pick->n_waiting = n_total - MIN (n_total, first->len);
  add_pairs (pairs, first, seen);
  pick->n_first = pairs->len - before;
  return TRUE;
}

GPtrArray *
liaison_sync_activity_choose_pairs (LiaisonSyncRun *run, LiaisonActivityPick *pick,
                                    gint64 started_at, GError **error)
{
  g_autoptr (GPtrArray) pairs = NULL;
  g_autoptr (GPtrArray) changed = NULL;
  g_autoptr (GPtrArray) sweep = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autofree char *retry = liaison_store_get_setting (run->store, KEY (pick, RETRY), NULL);
  g_autofree char *read_at = liaison_store_get_setting (run->store, KEY (pick, READ_AT), NULL);
  gint64 cursor = setting_int (run->store, KEY (pick, SWEEP_CURSOR), 0);
  guint share
      = (guint) setting_int (run->store, LIAISON_SETTING_SWEEP_SHARE, LIAISON_SWEEP_SHARE_DEFAULT);
  guint lsq_quota = (guint) setting_int (run->store, LIAISON_SETTING_LSQ_DAILY_QUOTA,
                                         LIAISON_LSQ_DAILY_QUOTA_DEFAULT);
  guint budget;

  pick->n_changed = pick->n_first = pick->n_swept = pick->n_waiting = 0;
  pick->first_new = FALSE;
  pick->sweep_cursor = cursor;
  pick->first_before = setting_int (run->store, KEY (pick, FIRST_BEFORE), -1);
  if (read_at == NULL && pick->first_before < 0)
    {
      /* No pass of this kind ever ended: every pair linked now waits for its first read. */
      pick->first_before = started_at;
      pick->first_new = TRUE;
    }
  pick->first_before = MAX (pick->first_before, 0);
  pick->since = setting_int (run->store, KEY (pick, READ_AT), pick->first_before);
  pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_contact_pair_free);
  changed = liaison_store_list_changed_pairs (run->store, run->lsq_connection, run->ghl_connection,
                                              pick->since, retry, error);
  if (changed == NULL)
    return NULL;
  add_pairs (pairs, changed, seen);
  pick->n_changed = pairs->len;
  if (pick->first_before > 0 && !add_first_pairs (run, pick, pairs, seen, error))
    return NULL;
  /* While pairs wait for their first read, those reads stand for the sweep. */
  budget = pick->first_before > 0
               ? 0
               : liaison_sync_sweep_budget (share, LIAISON_GHL_DAILY_QUOTA, lsq_quota,
                                            sweep_spent_today (run), sweep_ms_into_day (run));
  if (budget == 0)
    return g_steal_pointer (&pairs);
  sweep = liaison_store_list_sweep_pairs (run->store, run->lsq_connection, run->ghl_connection,
                                          cursor, budget, error);
  if (sweep == NULL)
    return NULL;
  if (sweep->len < budget && cursor > 0)
    {
      /* The end of the links: the sweep starts over from the first. */
      g_autoptr (GPtrArray) more = liaison_store_list_sweep_pairs (
          run->store, run->lsq_connection, run->ghl_connection, 0, budget - sweep->len, error);

      if (more == NULL)
        return NULL;
      for (guint i = 0; i < more->len; i++)
        g_ptr_array_add (sweep, g_steal_pointer (&more->pdata[i]));
    }
  if (sweep->len > 0)
    pick->sweep_cursor
        = ((LiaisonStoreContactPair *) g_ptr_array_index (sweep, sweep->len - 1))->link_id;
  pick->n_swept = sweep->len;
  add_pairs (pairs, sweep, seen);
  return g_steal_pointer (&pairs);
}

gboolean
liaison_sync_activity_load_links (LiaisonSyncRun *run, LiaisonRecordKind kind, GHashTable **by_lsq,
                                  GHashTable **by_ghl, GError **error)
{
  g_autoptr (GPtrArray) links = liaison_store_list_child_links (
      run->store, kind, run->lsq_connection, run->ghl_connection, error);

  if (links == NULL)
    return FALSE;
  *by_lsq = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                   (GDestroyNotify) liaison_store_sync_link_free);
  *by_ghl = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < links->len; i++)
    {
      LiaisonStoreSyncLink *link = g_steal_pointer (&links->pdata[i]);

      g_hash_table_insert (*by_lsq, link->lsq_id, link);
      g_hash_table_insert (*by_ghl, link->ghl_id, link);
    }
  g_ptr_array_set_free_func (links, NULL);
  return TRUE;
}

GHashTable *
liaison_sync_activity_load_not_copied (LiaisonSyncRun *run, LiaisonRecordKind kind, GError **error)
{
  g_autoptr (GPtrArray) rows = liaison_store_list_not_copied_of (run->store, kind, error);
  GHashTable *table;

  if (rows == NULL)
    return NULL;
  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      LiaisonStoreNotCopied *row = g_ptr_array_index (rows, i);

      g_hash_table_add (table, liaison_store_not_copied_key (row->connection_id, row->remote_id));
    }
  return table;
}

gboolean
liaison_sync_activity_not_copied (GHashTable *not_copied, const char *connection, const char *id)
{
  g_autofree char *key = NULL;

  if (not_copied == NULL || g_hash_table_size (not_copied) == 0 || id == NULL)
    return FALSE;
  key = liaison_store_not_copied_key (connection, id);
  return g_hash_table_contains (not_copied, key);
}

void
liaison_sync_activity_describe (const LiaisonActivityPick *pick, JsonObject *part)
{
  json_object_set_int_member (part, "changedPairs", pick->n_changed);
  json_object_set_int_member (part, "firstPairs", pick->n_first);
  json_object_set_int_member (part, "sweptPairs", pick->n_swept);
  json_object_set_int_member (part, "waitingPairs", pick->n_waiting);
}

typedef struct
{
  guint pending;
  void (*done) (gpointer data);
  gpointer data;
} Marks;

static void
on_marks_saved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Marks *marks = user_data;
  g_autoptr (GError) error = NULL;

  if (!liaison_store_set_setting_finish (LIAISON_STORE (source), result, &error))
    g_warning ("Could not remember how far the sync of tasks, notes or appointments read: %s",
               error->message);
  if (--marks->pending == 0)
    {
      marks->done (marks->data);
      g_free (marks);
    }
}

static void
save_mark (LiaisonStore *store, Marks *marks, const char *key, const char *value)
{
  marks->pending++;
  liaison_store_set_setting_async (store, key, value, NULL, on_marks_saved, marks);
}

void
liaison_sync_activity_pair_done (LiaisonSyncRun *run, GArray *retry, guint *failures_seen,
                                 const LiaisonStoreContactPair *pair)
{
  if (run->result->n_failed > *failures_seen)
    g_array_append_val (retry, pair->link_id);
  *failures_seen = run->result->n_failed;
}

static char *
ids_to_json (GArray *ids)
{
  GString *text = g_string_new ("[");

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));
  g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

void
liaison_sync_activity_save_marks (LiaisonSyncRun *run, const LiaisonActivityPick *pick,
                                  GPtrArray *pairs, guint reached, gint64 started_at, GArray *retry,
                                  void (*done) (gpointer), gpointer data)
{
  gboolean complete = reached >= pairs->len;
  guint first_end = MIN (reached, pick->n_changed + pick->n_first);
  g_autofree char *since = g_strdup_printf ("%" G_GINT64_FORMAT, started_at);
  g_autofree char *cursor = g_strdup_printf ("%" G_GINT64_FORMAT, pick->sweep_cursor);
  g_autofree char *day = sweep_day (run);
  g_autofree char *spent = g_strdup_printf ("%s %u", day, sweep_spent_today (run) + pick->n_swept);
  g_autofree char *again = ids_to_json (retry);
  g_autofree char *now
      = g_strdup_printf ("%" G_GINT64_FORMAT, liaison_sync_engine_now_ms (run->engine));
  gint64 first_before = pick->first_before;
  Marks *marks;

  if (run->options.dry_run)
    {
      done (data);
      return;
    }
  marks = g_new0 (Marks, 1);
  marks->done = done;
  marks->data = data;
  marks->pending = 1;
  /* The mark moves past what this pass saw, and the pairs it could not finish are read again
   * next time; unless the pass stopped early or most of it failed (the network went away):
   * then the next pass reads again all that changed since the old mark. */
  if (complete && retry->len <= LIAISON_RETRY_MAX)
    {
      save_mark (run->store, marks, KEY (pick, READ_AT), since);
      save_mark (run->store, marks, KEY (pick, RETRY), again);
    }
  if (pick->n_swept > 0)
    {
      save_mark (run->store, marks, KEY (pick, SWEEP_CURSOR), cursor);
      save_mark (run->store, marks, LIAISON_SETTING_SWEEP_SPENT, spent);
    }
  if (first_end > pick->n_changed)
    {
      const LiaisonStoreContactPair *last = g_ptr_array_index (pairs, first_end - 1);
      g_autofree char *at = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                                             last->modified_at, last->link_id);

      save_mark (run->store, marks, KEY (pick, FIRST_CURSOR), at);
      save_mark (run->store, marks, KEY (pick, FIRST_READ_AT), now);
      if (complete && pick->n_waiting == 0)
        first_before = 0;
    }
  if (pick->first_new || first_before != pick->first_before)
    {
      g_autofree char *before = g_strdup_printf ("%" G_GINT64_FORMAT, first_before);

      save_mark (run->store, marks, KEY (pick, FIRST_BEFORE), before);
    }
  if (--marks->pending == 0)
    {
      done (data);
      g_free (marks);
    }
}
