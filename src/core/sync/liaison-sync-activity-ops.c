/* liaison-sync-activity-ops.c: see liaison-sync-activity-ops.h.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include <glib/gi18n-lib.h>

#include "liaison-store-activity.h"
#include "liaison-sync-activity-ops.h"

JsonNode *
liaison_activity_member (JsonObject *object, const char *name)
{
  return object != NULL && json_object_has_member (object, name)
             ? json_object_get_member (object, name)
             : NULL;
}

gboolean
liaison_activity_same_value (JsonNode *a, JsonNode *b)
{
  gboolean a_null = a == NULL || JSON_NODE_HOLDS_NULL (a);
  gboolean b_null = b == NULL || JSON_NODE_HOLDS_NULL (b);

  if (a_null || b_null)
    return a_null == b_null;
  return json_node_equal (a, b);
}

char *
liaison_activity_node_text (JsonNode *node)
{
  return node != NULL ? json_to_string (node, FALSE) : g_strdup ("null");
}

static LiaisonStoreConflict *
find_conflict (GPtrArray *list, const char *field)
{
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      LiaisonStoreConflict *c = g_ptr_array_index (list, i);

      if (g_strcmp0 (c->field, field) == 0)
        return c;
    }
  return NULL;
}

void
liaison_activity_merge_clear (LiaisonActivityMerge *merge)
{
  g_clear_pointer (&merge->to_lsq, json_object_unref);
  g_clear_pointer (&merge->to_ghl, json_object_unref);
  g_clear_pointer (&merge->conflicts, g_ptr_array_unref);
  g_clear_pointer (&merge->conflicts_closed, g_array_unref);
  g_clear_pointer (&merge->conflicts_applied, g_array_unref);
}

void
liaison_activity_merge_fields (LiaisonActivityMerge *merge, const char *const *fields,
                               guint n_fields, GPtrArray *link_conflicts, JsonObject *lsq_values,
                               JsonObject *ghl_values, JsonObject *base_values, const char *lsq_id,
                               const char *ghl_id, LiaisonActivityRefuses refuses)
{
  merge->to_lsq = json_object_new ();
  merge->to_ghl = json_object_new ();
  merge->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_conflict_free);
  merge->conflicts_closed = g_array_new (FALSE, FALSE, sizeof (gint64));
  merge->conflicts_applied = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < n_fields; i++)
    {
      const char *field = fields[i];
      JsonNode *lsq = liaison_activity_member (lsq_values, field);
      JsonNode *ghl = liaison_activity_member (ghl_values, field);
      JsonNode *base = liaison_activity_member (base_values, field);
      LiaisonStoreConflict *c = find_conflict (link_conflicts, field);
      g_autoptr (JsonNode) answer = NULL;
      LiaisonMergeOutcome outcome;

      if (c != NULL && c->resolved_at > 0)
        {
          g_array_append_val (merge->conflicts_applied, c->id);
          if (g_strcmp0 (c->resolution, "lsq") == 0)
            base = ghl;
          else if (g_strcmp0 (c->resolution, "ghl") == 0)
            base = lsq;
          else if (g_strcmp0 (c->resolution, "edited") == 0 && c->resolved_value != NULL)
            answer = json_from_string (c->resolved_value, NULL);
        }
      if (answer != NULL && refuses != NULL && lsq != NULL && refuses (field, lsq, answer))
        {
          /* The answer asks LeadSquared for what it cannot do: LeadSquared's value stands. */
          g_clear_pointer (&answer, json_node_unref);
          base = lsq;
        }
      if (answer != NULL)
        {
          if (!liaison_activity_same_value (answer, lsq))
            json_object_set_member (merge->to_lsq, field, json_node_copy (answer));
          if (!liaison_activity_same_value (answer, ghl))
            json_object_set_member (merge->to_ghl, field, json_node_copy (answer));
          continue;
        }
      outcome = liaison_merge_field (base, lsq, ghl, LIAISON_SYNC_BOTH, LIAISON_POLICY_ASK, 0, 0);
      if (outcome == LIAISON_MERGE_TAKE_LSQ)
        json_object_set_member (merge->to_ghl, field, json_node_copy (lsq));
      else if (outcome == LIAISON_MERGE_TAKE_GHL)
        {
          if (refuses != NULL && lsq != NULL && refuses (field, lsq, ghl))
            outcome = LIAISON_MERGE_CONFLICT, merge->refused = TRUE;
          else
            json_object_set_member (merge->to_lsq, field, json_node_copy (ghl));
        }
      if (outcome == LIAISON_MERGE_CONFLICT)
        {
          /* A new link's conflict finds the link its step makes first. */
          LiaisonStoreConflict *open = g_new0 (LiaisonStoreConflict, 1);

          open->kind = LIAISON_CONFLICT_FIELD;
          open->lsq_id = g_strdup (lsq_id);
          open->ghl_id = g_strdup (ghl_id);
          open->field = g_strdup (field);
          open->base_value = liaison_activity_node_text (base);
          open->lsq_value = liaison_activity_node_text (lsq);
          open->ghl_value = liaison_activity_node_text (ghl);
          g_ptr_array_add (merge->conflicts, open);
        }
      else if (c != NULL && c->resolved_at == 0)
        /* Both sides agree now (or one of them gave in): the conflict is settled. */
        g_array_append_val (merge->conflicts_closed, c->id);
    }
}

gboolean
liaison_activity_merge_is_empty (const LiaisonActivityMerge *merge)
{
  return json_object_get_size (merge->to_lsq) == 0 && json_object_get_size (merge->to_ghl) == 0
         && merge->conflicts->len == 0 && merge->conflicts_closed->len == 0
         && merge->conflicts_applied->len == 0;
}

char *
liaison_activity_new_base (JsonObject *base, JsonObject *lsq_values, JsonObject *ghl_values,
                           JsonObject *to_lsq, JsonObject *to_ghl, gboolean lsq_written,
                           gboolean ghl_written)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *out = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (base != NULL)
    {
      json_object_iter_init (&iter, base);
      while (json_object_iter_next (&iter, &name, &value))
        json_object_set_member (out, name, json_node_copy (value));
    }
  json_object_iter_init (&iter, lsq_values);
  while (json_object_iter_next (&iter, &name, &value))
    {
      JsonNode *ghl = liaison_activity_member (ghl_values, name);
      JsonNode *lsq_change = liaison_activity_member (to_lsq, name);
      JsonNode *ghl_change = liaison_activity_member (to_ghl, name);
      gboolean lsq_ok = lsq_change == NULL || lsq_written;
      gboolean ghl_ok = ghl_change == NULL || ghl_written;
      JsonNode *lsq_now = lsq_change && lsq_written ? lsq_change : value;
      JsonNode *ghl_now = ghl_change && ghl_written ? ghl_change : ghl;

      if (lsq_ok && ghl_ok && ghl_now != NULL && json_node_equal (lsq_now, ghl_now))
        json_object_set_member (out, name, json_node_copy (lsq_now));
    }
  json_node_take_object (node, out);
  return json_to_string (node, FALSE);
}

GHashTable *
liaison_activity_load_conflicts (LiaisonSyncRun *run, LiaisonRecordKind kind, GError **error)
{
  g_autoptr (GPtrArray) conflicts = liaison_store_list_child_conflicts (run->store, kind, error);
  GHashTable *by_link;

  if (conflicts == NULL)
    return NULL;
  by_link = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                   (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < conflicts->len; i++)
    {
      LiaisonStoreConflict *c = g_steal_pointer (&conflicts->pdata[i]);
      GPtrArray *list = g_hash_table_lookup (by_link, &c->link_id);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_conflict_free);
          g_hash_table_insert (by_link, &c->link_id, list);
        }
      g_ptr_array_add (list, c);
    }
  return by_link;
}

LiaisonStoreIntent *
liaison_activity_intent_new (LiaisonSyncRun *run, LiaisonRecordKind kind, LiaisonService service,
                             const char *contact, const char *remote_id, const char *source_id,
                             gint64 link_id, JsonObject *values)
{
  LiaisonStoreIntent *intent = g_new0 (LiaisonStoreIntent, 1);
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *payload = json_object_new ();

  json_object_set_string_member (payload, "contact", contact);
  json_object_set_object_member (payload, "values", json_object_ref (values));
  json_node_take_object (node, payload);
  intent->run_id = run->result->run_id;
  intent->kind = kind;
  intent->service = service;
  intent->op = remote_id == NULL ? LIAISON_INTENT_CREATE : LIAISON_INTENT_UPDATE;
  intent->remote_id = g_strdup (remote_id);
  intent->source_id = g_strdup (source_id);
  intent->link_id = link_id;
  intent->payload = json_to_string (node, FALSE);
  return intent;
}

LiaisonStoreOperation *
liaison_activity_operation_new (LiaisonSyncRun *run, LiaisonService service, const char *lsq_id,
                                const char *ghl_id, LiaisonOperationAction action,
                                const char *field, JsonNode *before, JsonNode *after,
                                const GError *error, const char *cause)
{
  LiaisonStoreOperation *operation = g_new0 (LiaisonStoreOperation, 1);

  operation->run_id = run->result->run_id;
  operation->service = service;
  operation->lsq_id = g_strdup (lsq_id);
  operation->ghl_id = g_strdup (ghl_id);
  operation->action = action;
  operation->field = g_strdup (field);
  operation->before = before ? json_to_string (before, FALSE) : NULL;
  operation->after = after ? json_to_string (after, FALSE) : NULL;
  operation->status = error ? LIAISON_OPERATION_FAILED : LIAISON_OPERATION_APPLIED;
  operation->error = error ? g_strdup (error->message) : NULL;
  operation->cause = g_strdup (cause);
  return operation;
}

void
liaison_activity_field_operations (LiaisonSyncRun *run, LiaisonStoreStep *step, LiaisonService side,
                                   const char *lsq_id, const char *ghl_id, JsonObject *changes,
                                   JsonObject *before, const GError *error, const char *cause)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init (&iter, changes);
  while (json_object_iter_next (&iter, &name, &value))
    g_ptr_array_add (step->operations,
                     liaison_activity_operation_new (
                         run, side, lsq_id, ghl_id, LIAISON_OPERATION_UPDATE, name,
                         liaison_activity_member (before, name), value, error, cause));
}

void
liaison_activity_close_intent (LiaisonStoreStep *step, LiaisonStoreIntent *intent, gboolean written,
                               const GError *error)
{
  if (intent == NULL)
    return;
  if (written)
    g_array_append_val (step->intents_done, intent->id);
  else
    {
      LiaisonStoreIntent *failed = g_new0 (LiaisonStoreIntent, 1);

      failed->id = intent->id;
      failed->payload = g_strdup (error ? error->message : _ ("not sent"));
      g_ptr_array_add (step->intents_failed, failed);
    }
}

void
liaison_activity_close_pending (LiaisonSyncRun *run, LiaisonStoreStep *step, GPtrArray *pending,
                                const char *message)
{
  if (run->options.dry_run)
    return;
  for (guint i = 0; i < pending->len; i++)
    {
      LiaisonStoreIntent *closed = g_new0 (LiaisonStoreIntent, 1);

      closed->id = ((LiaisonStoreIntent *) g_ptr_array_index (pending, i))->id;
      closed->payload = g_strdup (message);
      g_ptr_array_add (step->intents_failed, closed);
      run->result->n_reconciled++;
    }
}

JsonObject *
liaison_activity_set_part (LiaisonSyncRun *run, const char *name, const LiaisonActivityPick *pick,
                           const LiaisonActivityCounts *counts)
{
  JsonObject *part = json_object_new ();
  JsonObject *reads = json_object_new ();
  JsonObject *calls = json_object_new ();

  json_object_set_int_member (part, "pairs", counts->n_pairs);
  liaison_sync_activity_describe (pick, part);
  json_object_set_int_member (reads, "lsq", counts->lsq_reads);
  json_object_set_int_member (reads, "ghl", counts->ghl_reads);
  json_object_set_object_member (part, "reads", reads);
  json_object_set_int_member (calls, "lsq", counts->lsq_writes);
  json_object_set_int_member (calls, "ghl", counts->ghl_writes);
  json_object_set_object_member (part, "calls", calls);
  json_object_set_array_member (part, "operations", json_array_ref (counts->plan_ops));
  if (run->result->activity == NULL)
    {
      run->result->activity = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (run->result->activity, json_object_new ());
    }
  json_object_set_object_member (json_node_get_object (run->result->activity), name, part);
  run->result->lsq_calls += counts->lsq_reads;
  run->result->ghl_calls += counts->ghl_reads;
  return part;
}
