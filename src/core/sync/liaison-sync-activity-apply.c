/* liaison-sync-activity-apply.c: see liaison-sync-activity-apply.h.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include <glib/gi18n-lib.h>

#include "liaison-sync-activity-apply.h"

static LiaisonStoreIntent *
intent_new (LiaisonSyncRun *run, const LiaisonActivityWrites *w, LiaisonService service,
            const char *remote_id, const char *source_id, JsonObject *values)
{
  return liaison_activity_intent_new (
      run, w->kind, service, service == LIAISON_SERVICE_LSQ ? w->lsq_contact : w->ghl_contact,
      remote_id, source_id, w->link_id, values);
}

gboolean
liaison_activity_plan_intents (LiaisonSyncRun *run, const LiaisonActivityWrites *w,
                               GPtrArray *intents, LiaisonStoreIntent **lsq_intent,
                               LiaisonStoreIntent **ghl_intent)
{
  *lsq_intent = *ghl_intent = NULL;
  if (w->create && w->target == LIAISON_SERVICE_GHL)
    *ghl_intent = intent_new (run, w, LIAISON_SERVICE_GHL, NULL, w->lsq_id, w->lsq_values);
  else if (w->create)
    *lsq_intent = intent_new (run, w, LIAISON_SERVICE_LSQ, NULL, w->ghl_id, w->ghl_values);
  else
    {
      if (json_object_get_size (w->to_ghl) > 0)
        *ghl_intent = intent_new (run, w, LIAISON_SERVICE_GHL, w->ghl_id, w->lsq_id, w->to_ghl);
      if (json_object_get_size (w->to_lsq) > 0)
        *lsq_intent = intent_new (run, w, LIAISON_SERVICE_LSQ, w->lsq_id, w->ghl_id, w->to_lsq);
    }
  if (*ghl_intent != NULL)
    g_ptr_array_add (intents, *ghl_intent);
  if (*lsq_intent != NULL)
    g_ptr_array_add (intents, *lsq_intent);
  return intents->len > 0;
}

LiaisonStoreStep *
liaison_activity_step_new (LiaisonSyncRun *run, LiaisonRecordKind kind,
                           LiaisonStoreIntent *lsq_intent, gboolean lsq_written,
                           const GError *lsq_error, const char *what_lsq,
                           LiaisonStoreIntent *ghl_intent, gboolean ghl_written,
                           const GError *ghl_error, const char *what_ghl)
{
  LiaisonStoreStep *step
      = liaison_store_step_new (run->lsq_connection, run->ghl_connection, run->result->run_id);

  step->kind = kind;
  liaison_activity_close_intent (step, lsq_intent, lsq_written, lsq_error);
  liaison_activity_close_intent (step, ghl_intent, ghl_written, ghl_error);
  if (lsq_error != NULL)
    liaison_sync_fail (run, what_lsq, lsq_error);
  if (ghl_error != NULL && what_ghl != NULL)
    liaison_sync_fail (run, what_ghl, ghl_error);
  return step;
}

static void
add_link (LiaisonStoreStep *step, gint64 id, LiaisonLinkOrigin origin, const char *lsq_id,
          const char *ghl_id, const char *base)
{
  LiaisonStoreSyncLink link = {
    .id = id,
    .origin = origin,
    .lsq_id = (char *) lsq_id,
    .ghl_id = (char *) ghl_id,
    .base_snapshot = (char *) base,
  };

  g_ptr_array_add (step->links, liaison_store_sync_link_copy (&link));
}

gboolean
liaison_activity_record_create (LiaisonSyncRun *run, LiaisonStoreStep *step, LiaisonService side,
                                const char *lsq_id, const char *ghl_id, JsonObject *values,
                                gboolean written, const GError *error, const char *cause,
                                gboolean without_row)
{
  g_autoptr (JsonNode) after = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *base = NULL;

  json_node_set_object (after, values);
  if (!without_row)
    g_ptr_array_add (step->operations, liaison_activity_operation_new (
                                           run, side, lsq_id, ghl_id, LIAISON_OPERATION_CREATE,
                                           NULL, NULL, after, error, cause));
  if (!written || lsq_id == NULL || ghl_id == NULL)
    return FALSE;
  base = json_to_string (after, FALSE);
  add_link (step, 0, LIAISON_LINK_CREATED, lsq_id, ghl_id, base);
  run->result->n_created++;
  return TRUE;
}

void
liaison_activity_record_unlink (LiaisonSyncRun *run, LiaisonStoreStep *step, LiaisonRecordKind kind,
                                const LiaisonStoreSyncLink *link, gboolean lsq_kept,
                                const char *cause)
{
  LiaisonStoreRecord *gone
      = liaison_store_record_new (kind, lsq_kept ? link->ghl_id : link->lsq_id, "{}");

  gone->connection_id = g_strdup (lsq_kept ? run->ghl_connection : run->lsq_connection);
  g_ptr_array_add (step->records_gone, gone);
  g_ptr_array_add (step->operations,
                   liaison_activity_operation_new (
                       run, lsq_kept ? LIAISON_SERVICE_LSQ : LIAISON_SERVICE_GHL, link->lsq_id,
                       link->ghl_id, LIAISON_OPERATION_UNLINK, NULL, NULL, NULL, NULL, cause));
  g_array_append_val (step->links_removed, link->id);
  run->result->n_unlinked++;
}

void
liaison_activity_record_update (LiaisonSyncRun *run, LiaisonStoreStep *step,
                                const LiaisonActivityUpdate *u)
{
  LiaisonActivityMerge *m = u->merge;
  g_autofree char *base = liaison_activity_new_base (
      u->base, u->lsq_values, u->ghl_values, m->to_lsq, m->to_ghl, u->lsq_written, u->ghl_written);

  if (u->new_link)
    {
      g_ptr_array_add (step->operations,
                       liaison_activity_operation_new (run, LIAISON_SERVICE_LSQ, u->lsq_id,
                                                       u->ghl_id, LIAISON_OPERATION_LINK, NULL,
                                                       NULL, NULL, NULL, u->cause));
      run->result->n_linked++;
    }
  liaison_activity_field_operations (run, step, LIAISON_SERVICE_LSQ, u->lsq_id, u->ghl_id,
                                     m->to_lsq, u->lsq_values, u->lsq_error, "ghl-changed");
  if (!u->ghl_rows_elsewhere)
    liaison_activity_field_operations (run, step, LIAISON_SERVICE_GHL, u->lsq_id, u->ghl_id,
                                       m->to_ghl, u->ghl_values, u->ghl_error, "lsq-changed");
  if (u->lsq_written || u->ghl_written)
    run->result->n_updated++;
  add_link (step, u->link_id, LIAISON_LINK_MATCHED, u->lsq_id, u->ghl_id, base);
  for (guint i = 0; i < m->conflicts->len; i++)
    {
      LiaisonStoreConflict *c = g_ptr_array_index (m->conflicts, i);
      const char *cause = "both-changed";
      g_autoptr (GError) why = u->refusal (c->field, m->refused, &cause);

      g_ptr_array_add (step->operations,
                       liaison_activity_operation_new (run, LIAISON_SERVICE_LSQ, u->lsq_id,
                                                       u->ghl_id, LIAISON_OPERATION_CONFLICT,
                                                       c->field, NULL, NULL, why, cause));
      g_ptr_array_add (step->conflicts, g_steal_pointer (&m->conflicts->pdata[i]));
      run->result->n_conflicts++;
    }
  g_ptr_array_set_size (m->conflicts, 0);
  for (guint i = 0; i < m->conflicts_closed->len; i++)
    {
      LiaisonStoreConflict *c = g_new0 (LiaisonStoreConflict, 1);

      c->id = g_array_index (m->conflicts_closed, gint64, i);
      c->resolution = g_strdup ("dismissed");
      g_ptr_array_add (step->conflicts_closed, c);
    }
  /* An answer is written once both sides took it; after a failure the next run tries again. */
  if (u->lsq_error == NULL && u->ghl_error == NULL)
    g_array_append_vals (step->conflicts_applied, m->conflicts_applied->data,
                         m->conflicts_applied->len);
}
