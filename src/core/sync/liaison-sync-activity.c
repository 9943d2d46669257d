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

GPtrArray *
liaison_sync_activity_choose_pairs (LiaisonSyncRun *run, const char *read_at_key,
                                    const char *cursor_key, const char *retry_key, guint *n_changed,
                                    guint *n_swept, gint64 *sweep_cursor, GError **error)
{
  g_autoptr (GPtrArray) pairs = NULL;
  g_autoptr (GPtrArray) changed = NULL;
  g_autoptr (GPtrArray) sweep = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autofree char *retry = liaison_store_get_setting (run->store, retry_key, NULL);
  gint64 since = setting_int (run->store, read_at_key, 0);
  gint64 cursor = setting_int (run->store, cursor_key, 0);
  guint share
      = (guint) setting_int (run->store, LIAISON_SETTING_SWEEP_SHARE, LIAISON_SWEEP_SHARE_DEFAULT);
  guint lsq_quota = (guint) setting_int (run->store, LIAISON_SETTING_LSQ_DAILY_QUOTA,
                                         LIAISON_LSQ_DAILY_QUOTA_DEFAULT);
  guint budget = liaison_sync_sweep_budget (share, LIAISON_GHL_DAILY_QUOTA, lsq_quota,
                                            sweep_spent_today (run), sweep_ms_into_day (run));

  *n_changed = *n_swept = 0;
  *sweep_cursor = cursor;
  pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_contact_pair_free);
  changed = liaison_store_list_changed_pairs (run->store, run->lsq_connection, run->ghl_connection,
                                              since, retry, error);
  if (changed == NULL)
    return NULL;
  add_pairs (pairs, changed, seen);
  *n_changed = pairs->len;
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
    *sweep_cursor
        = ((LiaisonStoreContactPair *) g_ptr_array_index (sweep, sweep->len - 1))->link_id;
  *n_swept = sweep->len;
  add_pairs (pairs, sweep, seen);
  return g_steal_pointer (&pairs);
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
    g_warning ("Could not remember how far the sync of tasks and notes read: %s", error->message);
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
liaison_sync_activity_save_marks (LiaisonSyncRun *run, const char *read_at_key,
                                  const char *cursor_key, const char *retry_key, gint64 started_at,
                                  gboolean complete, GArray *retry, guint n_swept,
                                  gint64 sweep_cursor, void (*done) (gpointer), gpointer data)
{
  g_autofree char *since = g_strdup_printf ("%" G_GINT64_FORMAT, started_at);
  g_autofree char *cursor = g_strdup_printf ("%" G_GINT64_FORMAT, sweep_cursor);
  g_autofree char *day = sweep_day (run);
  g_autofree char *spent = g_strdup_printf ("%s %u", day, sweep_spent_today (run) + n_swept);
  g_autofree char *again = ids_to_json (retry);
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
      save_mark (run->store, marks, read_at_key, since);
      save_mark (run->store, marks, retry_key, again);
    }
  if (n_swept > 0)
    {
      save_mark (run->store, marks, cursor_key, cursor);
      save_mark (run->store, marks, LIAISON_SETTING_SWEEP_SPENT, spent);
    }
  if (--marks->pending == 0)
    {
      done (data);
      g_free (marks);
    }
}
