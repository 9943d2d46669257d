/* liaison-sync-preview.c: previews of a sync under an unsaved field map (see
 * liaison-sync-preview.h). The whole run is the planner's own plan (liaison_sync_plan_build)
 * with the options the engine gives it; one contact is the planner's merge of that pair
 * (liaison_sync_plan_preview_pair). Neither takes the sync lock: nothing is written.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include <glib/gi18n-lib.h>

#include "liaison-contact-codec.h"
#include "liaison-lsq-client.h"
#include "liaison-store-query.h"
#include "liaison-store-sync.h"
#include "liaison-sync-preview.h"

/* ---- the whole run ---- */

typedef struct
{
  LiaisonStore *store;
  LiaisonFieldMap *map;
  char *connection[2];
  GPtrArray *conflicts;
  LiaisonSyncPlanOptions options;
} PlanJob;

static void
plan_job_free (PlanJob *job)
{
  g_object_unref (job->store);
  g_object_unref (job->map);
  g_free (job->connection[0]);
  g_free (job->connection[1]);
  g_clear_pointer (&job->conflicts, g_ptr_array_unref);
  g_free (job);
}

static void
plan_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PlanJob *job = task_data;
  GError *error = NULL;
  LiaisonSyncPlan *plan
      = liaison_sync_plan_build (job->store, job->map, job->connection[0], job->connection[1],
                                 job->conflicts, &job->options, &error);

  if (plan == NULL)
    {
      g_prefix_error (&error, _ ("Could not plan the sync: "));
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, plan, g_object_unref);
}

/* The engine's own short reads before it plans, the delete setting and the conflicts a run
 * refreshes or applies, made on the store's worker; then the plan on a thread of its own. */
static void
on_plan_inputs (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PlanJob *job = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (LiaisonStorePlanInputs) inputs
      = liaison_store_read_plan_inputs_finish (LIAISON_STORE (source), result, &error);

  if (inputs == NULL)
    {
      g_prefix_error (&error, _ ("Could not plan the sync: "));
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  job->conflicts = g_steal_pointer (&inputs->conflicts);
  job->options.deletes = inputs->deletes;
  job->options.lsq_create_batch = LIAISON_LSQ_BULK_BATCH;
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, plan_thread);
}

void
liaison_sync_preview_plan_async (LiaisonStore *store, LiaisonFieldMap *map,
                                 const char *lsq_connection, const char *ghl_connection,
                                 GCancellable *cancellable, GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  PlanJob *job;

  g_return_if_fail (LIAISON_IS_STORE (store));
  g_return_if_fail (LIAISON_IS_FIELD_MAP (map));
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_sync_preview_plan_async);
  job = g_new0 (PlanJob, 1);
  job->store = g_object_ref (store);
  job->map = g_object_ref (map);
  job->connection[0] = g_strdup (lsq_connection);
  job->connection[1] = g_strdup (ghl_connection);
  g_task_set_task_data (task, job, (GDestroyNotify) plan_job_free);
  liaison_store_read_plan_inputs_async (store, cancellable, on_plan_inputs,
                                        g_steal_pointer (&task));
}

LiaisonSyncPlan *
liaison_sync_preview_plan_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_sync_preview_plan_async,
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- one contact ---- */

/* A canonical value as a person reads it (see the header). */
static char *
value_text (JsonNode *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *array = json_node_get_array (value);
      g_autoptr (GString) text = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (text->len > 0)
            /* Translators: between the options of a set, e.g. "vip, webinar". */
            g_string_append (text, _ (", "));
          if (JSON_NODE_HOLDS_VALUE (element)
              && json_node_get_value_type (element) == G_TYPE_STRING)
            g_string_append (text, json_node_get_string (element));
        }
      return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
    }
  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (value);

      /* Flags are canonical as "true" and "false". */
      if (g_strcmp0 (text, "true") == 0)
        return g_strdup (_ ("Yes"));
      if (g_strcmp0 (text, "false") == 0)
        return g_strdup (_ ("No"));
      return *text ? g_strdup (text) : NULL;
    }
  return json_to_string (value, FALSE);
}

/* A value kept as JSON text (a conflict's). */
static char *
value_text_from_json (const char *json)
{
  g_autoptr (JsonNode) node = json ? json_from_string (json, NULL) : NULL;

  return value_text (node);
}

void
liaison_sync_field_preview_free (LiaisonSyncFieldPreview *field)
{
  if (field == NULL)
    return;
  g_free (field->key);
  g_free (field->base);
  for (guint s = 0; s < 2; s++)
    {
      g_free (field->now[s]);
      g_free (field->after[s]);
    }
  g_free (field);
}

typedef struct
{
  LiaisonStore *store;
  LiaisonFieldMap *map;
  char *connection[2];
  char *lsq_id;
  LiaisonStoreLink *link;
  LiaisonStoreRecord *records[2];
  GPtrArray *conflicts;
} ContactJob;

static void
contact_job_free (ContactJob *job)
{
  g_object_unref (job->store);
  g_object_unref (job->map);
  g_free (job->connection[0]);
  g_free (job->connection[1]);
  g_free (job->lsq_id);
  g_clear_pointer (&job->link, liaison_store_link_free);
  for (guint s = 0; s < 2; s++)
    g_clear_pointer (&job->records[s], liaison_store_record_free);
  g_clear_pointer (&job->conflicts, g_ptr_array_unref);
  g_free (job);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr (JsonNode) node = text ? json_from_string (text, NULL) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_object_ref (json_node_get_object (node))
                                               : NULL;
}

static JsonObject *
project (ContactJob *job, LiaisonService side)
{
  g_autoptr (LiaisonContact) contact
      = liaison_contact_codec_from_json (job->records[side]->raw, NULL);

  return contact ? liaison_field_map_project (job->map, side, contact) : NULL;
}

static gboolean
has_conflict (const LiaisonSyncItem *item, const char *key)
{
  for (guint i = 0; item->conflicts && i < item->conflicts->len; i++)
    {
      const LiaisonStoreConflict *c = g_ptr_array_index (item->conflicts, i);

      if (g_strcmp0 (c->field, key) == 0)
        return TRUE;
    }
  return FALSE;
}

static GPtrArray *
contact_fields (ContactJob *job, const LiaisonSyncItem *item, JsonObject *now[2])
{
  g_autoptr (JsonObject) base = parse_object (job->link->base_snapshot);
  GPtrArray *fields
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_sync_field_preview_free);

  for (guint i = 0; i < liaison_field_map_get_n_pairs (job->map); i++)
    {
      const char *key = liaison_field_map_get_key (job->map, i);
      LiaisonSyncFieldPreview *field = g_new0 (LiaisonSyncFieldPreview, 1);
      JsonNode *values[2];

      field->key = g_strdup (key);
      field->synced = base != NULL && json_object_has_member (base, key);
      field->base = field->synced ? value_text (json_object_get_member (base, key)) : NULL;
      for (guint s = 0; s < 2; s++)
        {
          JsonObject *changes = s == LIAISON_SERVICE_LSQ ? item->lsq_changes : item->ghl_changes;
          JsonNode *after;

          values[s] = json_object_get_member (now[s], key);
          field->written[s] = changes != NULL && json_object_has_member (changes, key);
          after = field->written[s] ? json_object_get_member (changes, key) : values[s];
          field->now[s] = value_text (values[s]);
          field->after[s] = value_text (after);
        }
      field->differ = !liaison_field_map_value_equal (values[0], values[1]);
      field->conflict = has_conflict (item, key);
      g_ptr_array_add (fields, field);
    }
  return fields;
}

/* On a thread of its own: the planner's merge of the pair reads nothing, but is not free. */
static void
contact_preview (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ContactJob *job = task_data;
  LiaisonStoreSyncLink link = { 0 };
  g_autoptr (LiaisonSyncItem) item = NULL;
  JsonObject *now[2] = { NULL, NULL };

  link.id = job->link->id;
  link.origin = job->link->origin;
  link.lsq_id = job->link->lsq_id;
  link.ghl_id = job->link->ghl_id;
  link.base_snapshot = job->link->base_snapshot;
  link.base_hash = job->link->base_hash;
  link.synced_at = job->link->synced_at;
  item = liaison_sync_plan_preview_pair (job->map, &link, job->records[0], job->records[1],
                                         job->conflicts);
  for (guint s = 0; s < 2; s++)
    now[s] = project (job, s);
  if (item->kind == LIAISON_SYNC_ITEM_SKIP || now[0] == NULL || now[1] == NULL)
    g_task_return_new_error (task, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID, "%s",
                             item->reason ? item->reason
                                          : _ ("A cached copy of this contact cannot be read; "
                                               "refresh both accounts to read it again."));
  else
    g_task_return_pointer (task, contact_fields (job, item, now),
                           (GDestroyNotify) g_ptr_array_unref);
  for (guint s = 0; s < 2; s++)
    g_clear_pointer (&now[s], json_object_unref);
}

static void
on_contact_inputs (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  ContactJob *job = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (LiaisonStorePlanInputs) inputs
      = liaison_store_read_plan_inputs_finish (LIAISON_STORE (source), result, &error);

  if (inputs == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  job->conflicts = g_steal_pointer (&inputs->conflicts);
  g_task_run_in_thread (task, contact_preview);
}

static void
on_record (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  ContactJob *job = g_task_get_task_data (task);
  GError *error = NULL;
  LiaisonStoreRecord *record
      = liaison_store_lookup_record_finish (LIAISON_STORE (source), result, &error);
  LiaisonService side = job->records[0] == NULL ? LIAISON_SERVICE_LSQ : LIAISON_SERVICE_GHL;

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (record == NULL || record->deleted || record->raw == NULL)
    {
      g_clear_pointer (&record, liaison_store_record_free);
      g_task_return_new_error (task, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND,
                               side == LIAISON_SERVICE_LSQ
                                   ? _ ("The LeadSquared contact is not in the cached copy "
                                        "any more; refresh both accounts and pick it again.")
                                   : _ ("The HighLevel contact is not in the cached copy any "
                                        "more; refresh both accounts and pick it again."));
      return;
    }
  job->records[side] = record;
  if (side == LIAISON_SERVICE_LSQ)
    {
      liaison_store_lookup_record_async (job->store, job->connection[1], LIAISON_RECORD_CONTACT,
                                         job->link->ghl_id, g_task_get_cancellable (task),
                                         on_record, g_object_ref (task));
      return;
    }
  liaison_store_read_plan_inputs_async (job->store, g_task_get_cancellable (task),
                                        on_contact_inputs, g_object_ref (task));
}

static void
on_link (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  ContactJob *job = g_task_get_task_data (task);
  GError *error = NULL;

  job->link = liaison_store_lookup_link_finish (LIAISON_STORE (source), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->link == NULL || g_strcmp0 (job->link->ghl_connection, job->connection[1]) != 0)
    {
      g_task_return_new_error (task, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_NOT_FOUND,
                               _ ("This contact is no longer linked to a HighLevel contact; "
                                  "pick another one."));
      return;
    }
  liaison_store_lookup_record_async (job->store, job->connection[0], LIAISON_RECORD_CONTACT,
                                     job->link->lsq_id, g_task_get_cancellable (task), on_record,
                                     g_object_ref (task));
}

void
liaison_sync_preview_contact_async (LiaisonStore *store, LiaisonFieldMap *map,
                                    const char *lsq_connection, const char *ghl_connection,
                                    const char *lsq_id, GCancellable *cancellable,
                                    GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task;
  ContactJob *job;

  g_return_if_fail (LIAISON_IS_STORE (store));
  g_return_if_fail (LIAISON_IS_FIELD_MAP (map));
  g_return_if_fail (lsq_id != NULL);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_sync_preview_contact_async);
  job = g_new0 (ContactJob, 1);
  job->store = g_object_ref (store);
  job->map = g_object_ref (map);
  job->connection[0] = g_strdup (lsq_connection);
  job->connection[1] = g_strdup (ghl_connection);
  job->lsq_id = g_strdup (lsq_id);
  g_task_set_task_data (task, job, (GDestroyNotify) contact_job_free);
  liaison_store_lookup_link_async (store, LIAISON_SERVICE_LSQ, lsq_connection,
                                   LIAISON_RECORD_CONTACT, lsq_id, cancellable, on_link, task);
}

GPtrArray *
liaison_sync_preview_contact_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (
      g_task_get_source_tag (G_TASK (result)) == liaison_sync_preview_contact_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- a plan's changes ---- */

void
liaison_sync_change_free (LiaisonSyncChange *change)
{
  if (change == NULL)
    return;
  g_free (change->lsq_id);
  g_free (change->ghl_id);
  g_free (change->email);
  g_free (change->field);
  g_free (change->before);
  g_free (change->after);
  g_free (change->reason);
  g_free (change);
}

typedef struct
{
  GPtrArray *changes;
  guint max;
  guint n;
} Changes;

static LiaisonSyncChange *
add_change (Changes *c, const LiaisonSyncItem *item, LiaisonSyncChangeKind kind,
            LiaisonService side)
{
  LiaisonSyncChange *change;

  if (c->max > 0 && c->n++ >= c->max)
    return NULL;
  change = g_new0 (LiaisonSyncChange, 1);
  change->kind = kind;
  change->side = side;
  change->lsq_id = g_strdup (item->lsq_id);
  change->ghl_id = g_strdup (item->ghl_id);
  change->email = g_strdup (item->email);
  g_ptr_array_add (c->changes, change);
  return change;
}

static void
add_updates (Changes *c, const LiaisonSyncItem *item, LiaisonService side)
{
  JsonObject *changes = side == LIAISON_SERVICE_LSQ ? item->lsq_changes : item->ghl_changes;
  JsonObject *before = side == LIAISON_SERVICE_LSQ ? item->lsq_before : item->ghl_before;
  g_autoptr (GList) keys = changes ? json_object_get_members (changes) : NULL;

  keys = g_list_sort (keys, (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      LiaisonSyncChange *change = add_change (c, item, LIAISON_SYNC_CHANGE_UPDATE, side);

      if (change == NULL)
        continue;
      change->field = g_strdup (l->data);
      change->before = before ? value_text (json_object_get_member (before, l->data)) : NULL;
      change->after = value_text (json_object_get_member (changes, l->data));
    }
}

GPtrArray *
liaison_sync_item_list_updates (const LiaisonSyncItem *item)
{
  Changes c
      = { g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_sync_change_free), 0, 0 };

  g_return_val_if_fail (item != NULL, c.changes);
  add_updates (&c, item, LIAISON_SERVICE_LSQ);
  add_updates (&c, item, LIAISON_SERVICE_GHL);
  return c.changes;
}

GPtrArray *
liaison_sync_plan_list_changes (LiaisonSyncPlan *plan, guint max, guint *n_total)
{
  GPtrArray *items;
  Changes c
      = { g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_sync_change_free), max, 0 };

  g_return_val_if_fail (LIAISON_IS_SYNC_PLAN (plan), NULL);
  items = liaison_sync_plan_get_items (plan);
  /* With a limit, c.n counts every change, so that the total is known. */
  for (guint i = 0; i < items->len; i++)
    {
      const LiaisonSyncItem *item = g_ptr_array_index (items, i);
      LiaisonSyncChange *change = NULL;

      switch (item->kind)
        {
          case LIAISON_SYNC_ITEM_UPDATE:
            if (item->link_id == 0
                && (change = add_change (&c, item, LIAISON_SYNC_CHANGE_LINK, LIAISON_SERVICE_LSQ)))
              change->reason = g_strdup (item->reason);
            add_updates (&c, item, LIAISON_SERVICE_LSQ);
            add_updates (&c, item, LIAISON_SERVICE_GHL);
            for (guint j = 0; item->conflicts && j < item->conflicts->len; j++)
              {
                const LiaisonStoreConflict *conflict = g_ptr_array_index (item->conflicts, j);

                change = add_change (&c, item, LIAISON_SYNC_CHANGE_CONFLICT, LIAISON_SERVICE_LSQ);
                if (change == NULL)
                  continue;
                change->field = g_strdup (conflict->field);
                change->before = value_text_from_json (conflict->lsq_value);
                change->after = value_text_from_json (conflict->ghl_value);
              }
            break;
          case LIAISON_SYNC_ITEM_CREATE:
            add_change (&c, item, LIAISON_SYNC_CHANGE_CREATE, item->target);
            break;
          case LIAISON_SYNC_ITEM_AMBIGUOUS:
            change = add_change (&c, item, LIAISON_SYNC_CHANGE_CONFLICT, LIAISON_SERVICE_LSQ);
            break;
          case LIAISON_SYNC_ITEM_DELETE:
            change = add_change (&c, item, LIAISON_SYNC_CHANGE_DELETE, item->target);
            break;
          case LIAISON_SYNC_ITEM_UNLINK:
            change = add_change (&c, item, LIAISON_SYNC_CHANGE_UNLINK, item->target);
            break;
          case LIAISON_SYNC_ITEM_CLOSE:
            change = add_change (&c, item, LIAISON_SYNC_CHANGE_CLOSE, LIAISON_SERVICE_LSQ);
            break;
          case LIAISON_SYNC_ITEM_SKIP:
          default:
            change = add_change (&c, item, LIAISON_SYNC_CHANGE_SKIP, item->target);
            break;
        }
      if (change != NULL && item->kind != LIAISON_SYNC_ITEM_UPDATE
          && item->kind != LIAISON_SYNC_ITEM_CREATE)
        change->reason = g_strdup (item->reason);
    }
  if (n_total != NULL)
    *n_total = max > 0 ? c.n : c.changes->len;
  return c.changes;
}
