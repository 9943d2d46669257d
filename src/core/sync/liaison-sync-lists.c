/* liaison-sync-lists.c: the refresh a sync starts with, and when it reads the owners and field
 * definitions again. A sync takes them from the store while they are less than a day old (see
 * liaison-refresher-lists.c), unless the saved field map names a field the cached definitions
 * lack (the account may have gained it since); a write the service refused as invalid marks
 * them stale, so that the next run reads them again (the field may have changed its type or
 * options). It also takes the phone region from the HighLevel location's country, once, when
 * nobody chose one.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include "liaison-debug.h"
#include "liaison-field-map-cache.h"
#include "liaison-http-error.h"
#include "liaison-refresher.h"
#include "liaison-store-sync.h"
#include "liaison-sync-engine-private.h"

#define DAY_MS (G_GINT64_CONSTANT (24) * 60 * 60 * 1000)

typedef struct
{
  LiaisonSyncRun *run;
  GAsyncReadyCallback callback;
} Start;

/* Whether the saved map (json) names a field the cached definitions of either side lack. */
static gboolean
map_names_unknown_field (LiaisonSyncRun *run, const char *json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonFieldMap) map = liaison_field_map_new_for_profile (
      json, run->store, run->lsq_connection, run->ghl_connection, &error);
  g_autoptr (GPtrArray) lsq_defs = NULL;
  g_autoptr (GPtrArray) ghl_defs = NULL;

  if (map == NULL)
    return g_error_matches (error, LIAISON_FIELD_MAP_ERROR, LIAISON_FIELD_MAP_ERROR_UNKNOWN_FIELD);
  if (!liaison_field_map_read_cache (run->store, run->lsq_connection, &lsq_defs, NULL, &error)
      || !liaison_field_map_read_cache (run->store, run->ghl_connection, &ghl_defs, NULL, &error))
    return TRUE;
  if (lsq_defs->len == 0 || ghl_defs->len == 0)
    return TRUE; /* never read */
  if (liaison_field_map_validate (map, lsq_defs, ghl_defs, &error))
    return FALSE;
  return g_error_matches (error, LIAISON_FIELD_MAP_ERROR, LIAISON_FIELD_MAP_ERROR_UNKNOWN_FIELD);
}

static void
on_mapping_checked (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Start *start = user_data;
  LiaisonSyncRun *run = start->run;
  g_autoptr (LiaisonRefresher) refresher = NULL;
  g_autofree char *deletes = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = liaison_store_load_mapping_finish (run->store, result, NULL, &error);
  gboolean unknown = json != NULL && map_names_unknown_field (run, json);

  /* A map that cannot be loaded fails the run after the refresh, with its reason. */
  if (unknown)
    LIAISON_TRACE (LIAISON_DEBUG_SYNC, "the field map names a field the cache lacks: reading "
                                       "the field definitions again");
  /* Deletes are only seen by a full read (neither service lists what it deleted). */
  deletes = liaison_store_get_setting (run->store, LIAISON_STORE_SETTING_DELETES, NULL);
  refresher = liaison_refresher_new (run->store, run->lsq, run->lsq_connection, run->ghl,
                                     run->ghl_connection);
  liaison_refresher_set_lists_max_age (refresher, unknown ? 0 : DAY_MS);
  liaison_refresher_run_async (refresher,
                               run->options.full_refresh || g_strcmp0 (deletes, "on") == 0,
                               g_task_get_cancellable (run->task), start->callback, run);
  g_free (start);
}

static void
check_mapping (Start *start)
{
  liaison_store_load_mapping_async (start->run->store, NULL, on_mapping_checked, start);
}

static void
on_region_defaulted (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Start *start = user_data;
  g_autoptr (GError) error = NULL;

  /* Not saved: the sync reads national numbers without a region, and the next one asks again. */
  if (!liaison_store_save_phone_region_finish (LIAISON_STORE (source), result, &error))
    g_debug ("Could not save the phone region: %s", error->message);
  check_mapping (start);
}

static void
on_location_country (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Start *start = user_data;
  LiaisonSyncRun *run = start->run;
  g_autoptr (GError) error = NULL;
  g_autofree char *country = liaison_ghl_client_get_location_country_finish (
      LIAISON_GHL_CLIENT (source), result, &error);
  g_autofree char *code = country ? g_ascii_strup (country, -1) : NULL;

  /* A network failure asks again next time; an answer without a usable country (or a refusal
   * to tell: no locations.readonly scope) is final, so that it costs no request on every run. */
  if (country == NULL && !g_error_matches (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_FORBIDDEN)
      && !g_error_matches (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_AUTHORIZED)
      && !g_error_matches (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_FOUND))
    {
      g_debug ("Could not read the HighLevel location's country: %s", error->message);
      check_mapping (start);
      return;
    }
  if (code != NULL && !liaison_store_check_phone_region (code, NULL))
    g_clear_pointer (&code, g_free);
  LIAISON_TRACE (LIAISON_DEBUG_SYNC, "phone region from the HighLevel location: %s",
                 code ? code : "none");
  liaison_store_default_phone_region_async (run->store, code, NULL, on_region_defaulted, start);
}

/* No region in use and nobody chose one yet (a person's "none" counts as a choice). */
static gboolean
region_wanted (LiaisonSyncRun *run)
{
  g_autofree char *region = liaison_store_dup_default_region (run->store);
  g_autofree char *source
      = liaison_store_get_setting (run->store, LIAISON_STORE_SETTING_PHONE_REGION_SOURCE, NULL);

  return region == NULL && source == NULL;
}

void
liaison_sync_start_refresh (LiaisonSyncRun *run, GAsyncReadyCallback callback)
{
  Start *start = g_new0 (Start, 1);

  start->run = run;
  start->callback = callback;
  /* The region national numbers are read in, once, from the HighLevel location's country, so
   * that a national "(212) 555-0100" matches "+12125550100" from the first sync on. */
  if (region_wanted (run))
    {
      liaison_ghl_client_get_location_country_async (run->ghl, g_task_get_cancellable (run->task),
                                                     on_location_country, start);
      return;
    }
  check_mapping (start);
}

void
liaison_sync_note_refusal (LiaisonSyncRun *run, LiaisonService side, const GError *error)
{
  if (g_error_matches (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_VALIDATION))
    run->lists_stale[side == LIAISON_SERVICE_LSQ ? LIAISON_SERVICE_LSQ : LIAISON_SERVICE_GHL]
        = TRUE;
}

typedef struct
{
  LiaisonSyncRun *run;
  void (*then) (LiaisonSyncRun *run);
  guint pending;
} Mark;

static void
on_marked (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Mark *mark = user_data;
  g_autoptr (GError) error = NULL;

  /* Not marked: the lists are read again within a day anyway. */
  if (!liaison_refresher_mark_lists_stale_finish (LIAISON_STORE (source), result, &error))
    g_debug ("Could not mark the field definitions stale: %s", error->message);
  if (--mark->pending > 0)
    return;
  mark->then (mark->run);
  g_free (mark);
}

void
liaison_sync_mark_lists_stale (LiaisonSyncRun *run, void (*then) (LiaisonSyncRun *run))
{
  Mark *mark = g_new0 (Mark, 1);
  const char *connections[2] = { run->lsq_connection, run->ghl_connection };

  mark->run = run;
  mark->then = then;
  mark->pending = 1;
  for (guint i = 0; i < 2; i++)
    if (run->lists_stale[i])
      {
        run->lists_stale[i] = FALSE;
        mark->pending++;
        liaison_refresher_mark_lists_stale_async (run->store, connections[i], NULL, on_marked,
                                                  mark);
      }
  if (--mark->pending == 0)
    {
      then (run);
      g_free (mark);
    }
}
