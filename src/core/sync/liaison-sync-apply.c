/* liaison-sync-apply.c: carrying out a plan.
 *
 * Local decisions (links matched with nothing to write, bases that moved, conflicts, unlinks,
 * skips) are written first, a page per transaction. Then every remote write follows the same
 * three beats: an intent row (pending, with a client token) is committed; the call is made; then
 * one transaction caches what the service answered, moves the link and its base, closes the
 * intent and records the operations with their values before and after. A crash between the
 * first and the last beat leaves a pending intent, which the next run reconciles before it plans
 * (liaison-sync-reconcile.c).
 *
 * A write that failed leaves the link's base where it was and forgets the content hashes it saw,
 * so the next run merges that pair again from what both services then hold: whatever did arrive
 * is found equal, whatever did not is planned again. A create whose answer was lost stays a
 * pending intent, so the next run looks the record up before it creates anything.
 *
 * HighLevel takes one call per record; they go a few at a time (the HTTP layer paces them to the
 * limits). LeadSquared creates go in Bulk CreateOrUpdate batches of 25; a LeadSquared update
 * answers no record, so the lead is read back for the new base.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include <glib/gi18n-lib.h>

#include "liaison-contact-codec.h"
#include "liaison-debug.h"
#include "liaison-ghl-client-patch.h"
#include "liaison-lsq-client-patch.h"
#include "liaison-lsq-json.h"
#include "liaison-store-sync.h"
#include "liaison-sync-apply-private.h"

#define LOCAL_PAGE 500

static char *
json_text (JsonNode *node)
{
  return node ? json_to_string (node, FALSE) : g_strdup ("null");
}

char *
liaison_sync_object_text (JsonObject *object)
{
  g_autoptr (JsonNode) node = NULL;

  if (object == NULL)
    return NULL;
  node = json_node_init_object (json_node_alloc (), object);
  return json_to_string (node, FALSE);
}

LiaisonStoreRecord *
liaison_sync_record_from_contact (LiaisonContact *contact, const char *connection_id,
                                  char **content_hash)
{
  LiaisonStoreRecord *record = liaison_contact_codec_to_record (contact, NULL);

  record->connection_id = g_strdup (connection_id);
  /* The same hash the store derives, so that the link's seen hash matches the cached record. */
  if (content_hash)
    *content_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, record->raw, -1);
  return record;
}

char *
liaison_sync_intent_payload (const LiaisonSyncItem *item, const char *map_hash)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "email");
  json_builder_add_string_value (b, item->email);
  json_builder_set_member_name (b, "phone");
  json_builder_add_string_value (b, item->phone);
  json_builder_set_member_name (b, "base");
  json_builder_add_string_value (b, item->new_base);
  json_builder_set_member_name (b, "baseHash");
  json_builder_add_string_value (b, item->new_base_hash);
  /* The copied record's content hash and the map's: a create refused is not sent again until
   * the record or the map changes. */
  json_builder_set_member_name (b, "sourceHash");
  json_builder_add_string_value (b, item->target == LIAISON_SERVICE_GHL ? item->lsq_seen
                                                                        : item->ghl_seen);
  json_builder_set_member_name (b, "mapHash");
  json_builder_add_string_value (b, map_hash);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

LiaisonStoreOperation *
liaison_sync_operation_new (LiaisonSyncRun *run, const LiaisonSyncItem *item,
                            LiaisonOperationAction action, LiaisonService side)
{
  LiaisonStoreOperation *op = g_new0 (LiaisonStoreOperation, 1);

  op->run_id = run->result->run_id;
  op->service = side;
  op->lsq_id = g_strdup (item->lsq_id);
  op->ghl_id = g_strdup (item->ghl_id);
  op->action = action;
  op->status = LIAISON_OPERATION_APPLIED;
  op->cause = g_strdup (item->cause);
  return op;
}

static void
add_conflicts (LiaisonSyncRun *run, LiaisonStoreStep *step, const LiaisonSyncItem *item)
{
  for (guint i = 0; item->conflicts && i < item->conflicts->len; i++)
    {
      const LiaisonStoreConflict *c = g_ptr_array_index (item->conflicts, i);
      LiaisonStoreConflict *copy = g_new0 (LiaisonStoreConflict, 1);
      LiaisonStoreOperation *op
          = liaison_sync_operation_new (run, item, LIAISON_OPERATION_CONFLICT, LIAISON_SERVICE_LSQ);

      copy->kind = c->kind;
      copy->lsq_id = g_strdup (c->lsq_id);
      copy->ghl_id = g_strdup (c->ghl_id);
      copy->field = g_strdup (c->field);
      copy->base_value = g_strdup (c->base_value);
      copy->lsq_value = g_strdup (c->lsq_value);
      copy->ghl_value = g_strdup (c->ghl_value);
      copy->candidates = g_strdup (c->candidates);
      g_ptr_array_add (step->conflicts, copy);
      op->field = g_strdup (c->field);
      op->before = g_strdup (c->kind == LIAISON_CONFLICT_AMBIGUOUS ? c->candidates : c->lsq_value);
      op->after = g_strdup (c->ghl_value);
      op->status = LIAISON_OPERATION_SKIPPED;
      g_free (op->cause);
      op->cause = g_strdup (c->kind == LIAISON_CONFLICT_AMBIGUOUS ? "ambiguous" : "both-changed");
      g_ptr_array_add (step->operations, op);
      run->result->n_conflicts++;
    }
  for (guint i = 0; item->conflicts_closed && i < item->conflicts_closed->len; i++)
    {
      LiaisonStoreConflict *closed = g_new0 (LiaisonStoreConflict, 1);

      closed->id = g_array_index (item->conflicts_closed, gint64, i);
      closed->resolution = g_strdup ("dismissed");
      g_ptr_array_add (step->conflicts_closed, closed);
    }
}

/* The link after the item. ok FALSE: a write failed; the base stays, the seen hashes go. */
void
liaison_sync_add_link (LiaisonStoreStep *step, const LiaisonSyncItem *item, gboolean ok,
                       const char *lsq_seen, const char *ghl_seen)
{
  LiaisonStoreSyncLink *link = g_new0 (LiaisonStoreSyncLink, 1);

  link->id = item->link_id;
  link->origin = item->origin;
  link->lsq_id = g_strdup (item->lsq_id);
  link->ghl_id = g_strdup (item->ghl_id);
  link->base_snapshot = g_strdup (ok ? item->new_base : item->base);
  link->base_hash = g_strdup (ok ? item->new_base_hash : item->base_hash);
  link->lsq_seen_hash = ok ? g_strdup (lsq_seen) : NULL;
  link->ghl_seen_hash = ok ? g_strdup (ghl_seen) : NULL;
  g_ptr_array_add (step->links, link);
}

/* ---- local decisions ---- */

static gboolean
is_local (const LiaisonSyncItem *item)
{
  return !liaison_sync_item_writes (item, LIAISON_SERVICE_LSQ)
         && !liaison_sync_item_writes (item, LIAISON_SERVICE_GHL);
}

static void
add_local (LiaisonSyncRun *run, LiaisonStoreStep *step, const LiaisonSyncItem *item)
{
  LiaisonStoreOperation *op;

  switch (item->kind)
    {
      case LIAISON_SYNC_ITEM_UPDATE:
        liaison_sync_add_link (step, item, TRUE, item->lsq_seen, item->ghl_seen);
        if (item->link_id == 0)
          {
            op = liaison_sync_operation_new (run, item, LIAISON_OPERATION_LINK,
                                             LIAISON_SERVICE_LSQ);
            op->after = g_strdup (item->new_base);
            g_ptr_array_add (step->operations, op);
            run->result->n_linked++;
          }
        add_conflicts (run, step, item);
        g_array_append_vals (step->conflicts_applied, item->conflicts_applied->data,
                             item->conflicts_applied->len);
        break;
      case LIAISON_SYNC_ITEM_AMBIGUOUS:
        add_conflicts (run, step, item);
        break;
      case LIAISON_SYNC_ITEM_CLOSE:
        /* The conflict row keeps when and why it closed; the history row says it to people. */
        add_conflicts (run, step, item);
        op = liaison_sync_operation_new (run, item, LIAISON_OPERATION_SKIP, LIAISON_SERVICE_LSQ);
        op->status = LIAISON_OPERATION_SKIPPED;
        op->before = g_strdup (item->candidates);
        op->error = g_strdup (item->reason);
        g_ptr_array_add (step->operations, op);
        break;
      case LIAISON_SYNC_ITEM_UNLINK:
        g_array_append_val (step->links_removed, item->link_id);
        op = liaison_sync_operation_new (run, item, LIAISON_OPERATION_UNLINK, LIAISON_SERVICE_LSQ);
        op->error = g_strdup (item->reason);
        g_ptr_array_add (step->operations, op);
        run->result->n_unlinked++;
        break;
      case LIAISON_SYNC_ITEM_SKIP:
      case LIAISON_SYNC_ITEM_DELETE:
      case LIAISON_SYNC_ITEM_CREATE:
      default:
        op = liaison_sync_operation_new (run, item, LIAISON_OPERATION_SKIP, item->target);
        op->status = LIAISON_OPERATION_SKIPPED;
        op->field = g_strdup (item->field);
        op->error = g_strdup (item->reason);
        g_ptr_array_add (step->operations, op);
        run->result->n_skipped++;
        /* A LeadSquared note an undo cannot delete: once a person deletes it, the HighLevel
         * note it copies is not copied again (its reason says so). */
        if (g_strcmp0 (item->cause, "no-delete-api") == 0 && item->ghl_id != NULL)
          {
            LiaisonStoreNotCopied *original = g_new0 (LiaisonStoreNotCopied, 1);

            original->connection_id = g_strdup (run->ghl_connection);
            original->remote_id = g_strdup (item->ghl_id);
            original->undone_run = item->undoes;
            g_ptr_array_add (step->not_copied, original);
          }
        break;
    }
}

typedef struct
{
  LiaisonSyncRun *run;
  GAsyncReadyCallback callback;
  guint next;
} Local;

static void local_next (GTask *task);

static void
on_local_step (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!liaison_store_apply_step_finish (LIAISON_STORE (source), result, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  liaison_sync_engine_crash_point (((Local *) g_task_get_task_data (task))->run->engine,
                                   "local-step");
  local_next (task);
}

static void
local_next (GTask *task)
{
  Local *local = g_task_get_task_data (task);
  LiaisonSyncRun *run = local->run;
  GPtrArray *items = liaison_sync_plan_get_items (run->result->plan);
  LiaisonStoreStep *step
      = liaison_store_step_new (run->lsq_connection, run->ghl_connection, run->result->run_id);
  guint n = 0;

  /* A step records its rows with one kind: a page ends where the kind of record changes (an
   * undo's skips of the tasks, notes and appointments a run created). */
  for (; local->next < items->len && n < LOCAL_PAGE; local->next++)
    {
      const LiaisonSyncItem *item = g_ptr_array_index (items, local->next);

      if (!is_local (item))
        continue;
      if (n > 0 && item->record != step->kind)
        break;
      step->kind = item->record;
      add_local (run, step, item);
      n++;
    }
  if (liaison_store_step_is_empty (step))
    {
      liaison_store_step_free (step);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  liaison_store_apply_step_async (run->store, step, NULL, on_local_step, task);
}

void
liaison_sync_apply_local (LiaisonSyncRun *run, GAsyncReadyCallback callback)
{
  GTask *task = g_task_new (NULL, NULL, callback, run);
  Local *local = g_new0 (Local, 1);

  local->run = run;
  g_task_set_source_tag (task, liaison_sync_apply_local);
  g_task_set_task_data (task, local, g_free);
  local_next (task);
}

gboolean
liaison_sync_apply_local_finish (LiaisonSyncRun *run, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- remote writes ---- */

/* A step of one remote write, named "<kind>-<stage>" ("update-intent"...). */
void
liaison_sync_work_crash_point (Work *w, const char *stage)
{
  char where[64];

  g_snprintf (where, sizeof where, "%s-%s", w->kind, stage);
  liaison_sync_engine_crash_point (w->run->engine, where);
}

void
liaison_sync_work_free (Work *w)
{
  g_ptr_array_unref (w->items);
  g_clear_pointer (&w->intents, g_ptr_array_unref);
  for (guint i = 0; i < 2; i++)
    {
      g_clear_pointer (&w->bodies[i], json_node_unref);
      g_clear_error (&w->errors[i]);
      g_clear_object (&w->answers[i]);
    }
  g_clear_pointer (&w->contacts, g_ptr_array_unref);
  g_clear_pointer (&w->rows, g_ptr_array_unref);
  g_clear_error (&w->batch_error);
  liaison_store_step_free (w->skips);
  if (w->undo != NULL && w->undo_free != NULL)
    w->undo_free (w->undo);
  g_free (w);
}

Work *
liaison_sync_work_new (LiaisonSyncRun *run)
{
  Work *w = g_new0 (Work, 1);

  w->run = run;
  w->lane = run->starting_lane;
  w->items = g_ptr_array_new ();
  w->intents = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_intent_free);
  w->skips = liaison_store_step_new (NULL, NULL, run->result->run_id);
  return w;
}

void
liaison_sync_work_done (Work *w, guint n_items)
{
  LiaisonSyncRun *run = w->run;

  run->in_flight--;
  run->lane_in_flight[w->lane]--;
  run->done += n_items;
  liaison_sync_engine_progress (run->engine, run->done, run->total);
  liaison_sync_work_free (w);
  liaison_sync_apply_pump (run);
}

static void
on_work_step (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Work *w = user_data;
  GError *error = NULL;

  if (!liaison_store_apply_step_finish (LIAISON_STORE (source), result, &error))
    {
      /* The write happened and the store cannot say so: stop, the intent reconciles it. */
      if (w->run->fatal == NULL)
        w->run->fatal = error;
      else
        g_error_free (error);
      w->run->stopping = TRUE;
    }
  else
    liaison_sync_work_crash_point (w, "committed");
  liaison_sync_work_done (w, w->items->len);
}

void
liaison_sync_work_commit (Work *w, LiaisonStoreStep *step)
{
  liaison_store_apply_step_async (w->run->store, step, NULL, on_work_step, w);
}

void
liaison_sync_fail_intent (LiaisonStoreStep *step, const LiaisonStoreIntent *intent,
                          const GError *error, gboolean refused)
{
  LiaisonStoreIntent *failed = g_new0 (LiaisonStoreIntent, 1);

  failed->id = intent->id;
  failed->payload = g_strdup (error ? error->message : "failed");
  failed->refused = refused;
  g_ptr_array_add (step->intents_failed, failed);
}

const char *
liaison_sync_error_cause (const GError *error)
{
  static const char *const codes[]
      = { "network",   "timeout",    "cancelled",  "unauthorized", "forbidden",
          "not-found", "validation", "rate-limit", "server",       "protocol" };

  if (error != NULL && error->domain == LIAISON_HTTP_ERROR && error->code >= 0
      && (guint) error->code < G_N_ELEMENTS (codes))
    return codes[error->code];
  return "failed";
}

/* ---- updates ---- */

static void
finish_update (Work *w)
{
  LiaisonSyncRun *run = w->run;
  LiaisonSyncItem *item = g_ptr_array_index (w->items, 0);
  g_autoptr (LiaisonStoreStep) step
      = liaison_store_step_new (run->lsq_connection, run->ghl_connection, run->result->run_id);
  char *seen[2] = { g_strdup (item->lsq_seen), g_strdup (item->ghl_seen) };
  const char *conn[2] = { run->lsq_connection, run->ghl_connection };
  gboolean ok = TRUE, any = FALSE;

  liaison_sync_work_crash_point (w, "answered");
  g_ptr_array_extend_and_steal (step->operations, g_steal_pointer (&w->skips->operations));
  w->skips->operations
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_operation_free);
  for (LiaisonService side = LIAISON_SERVICE_LSQ; side <= LIAISON_SERVICE_GHL; side++)
    {
      JsonObject *changes = side == LIAISON_SERVICE_LSQ ? item->lsq_changes : item->ghl_changes;
      JsonObject *before = side == LIAISON_SERVICE_LSQ ? item->lsq_before : item->ghl_before;
      g_autoptr (GList) keys = NULL;

      if (w->intent_of[side] == NULL && w->errors[side] == NULL)
        continue;
      if (w->answers[side] != NULL)
        {
          g_free (seen[side]);
          g_ptr_array_add (step->records, liaison_sync_record_from_contact (
                                              w->answers[side], conn[side], &seen[side]));
        }
      if (w->errors[side] == NULL)
        {
          g_array_append_val (step->intents_done, w->intent_of[side]->id);
          any = TRUE;
        }
      else
        {
          /* A write the service refused as invalid is not sent again unchanged (see
           * drop_refused_update in liaison-sync-planner.c); any other failure is retried. */
          gboolean refused = g_error_matches (w->errors[side], LIAISON_HTTP_ERROR,
                                              LIAISON_HTTP_ERROR_VALIDATION);

          ok = FALSE;
          if (w->intent_of[side] != NULL)
            liaison_sync_fail_intent (step, w->intent_of[side], w->errors[side], refused);
          liaison_sync_fail_contact (run, item,
                                     side == LIAISON_SERVICE_LSQ ? item->lsq_id : item->ghl_id,
                                     w->errors[side]);
          liaison_sync_note_refusal (run, side, w->errors[side]);
        }
      keys = changes ? json_object_get_members (changes) : NULL;
      for (GList *l = keys; l != NULL; l = l->next)
        {
          LiaisonStoreOperation *op
              = liaison_sync_operation_new (run, item, LIAISON_OPERATION_UPDATE, side);

          op->field = g_strdup (l->data);
          op->before = json_text (json_object_get_member (before, l->data));
          op->after = json_text (json_object_get_member (changes, l->data));
          g_free (op->cause);
          op->cause = g_strdup (item->undoes                  ? "undo"
                                : side == LIAISON_SERVICE_LSQ ? "from-ghl"
                                                              : "from-lsq");
          if (w->errors[side] != NULL)
            {
              op->status = LIAISON_OPERATION_FAILED;
              op->error = g_strdup (w->errors[side]->message);
              g_free (op->cause);
              op->cause = g_strdup (liaison_sync_error_cause (w->errors[side]));
            }
          g_ptr_array_add (step->operations, op);
        }
    }
  /* An undo merged only the fields it put back: no seen hashes, so that the next sync reads the
   * pair again and carries any other edit as usual. */
  if (item->undoes)
    {
      g_clear_pointer (&seen[LIAISON_SERVICE_LSQ], g_free);
      g_clear_pointer (&seen[LIAISON_SERVICE_GHL], g_free);
    }
  liaison_sync_add_link (step, item, ok, seen[LIAISON_SERVICE_LSQ], seen[LIAISON_SERVICE_GHL]);
  if (item->link_id == 0)
    {
      LiaisonStoreOperation *op
          = liaison_sync_operation_new (run, item, LIAISON_OPERATION_LINK, LIAISON_SERVICE_LSQ);
      op->after = g_strdup (item->new_base);
      g_ptr_array_add (step->operations, op);
      run->result->n_linked++;
    }
  add_conflicts (run, step, item);
  if (ok)
    g_array_append_vals (step->conflicts_applied, item->conflicts_applied->data,
                         item->conflicts_applied->len);
  if (any)
    run->result->n_updated++;
  g_free (seen[0]);
  g_free (seen[1]);
  liaison_sync_work_commit (w, g_steal_pointer (&step));
}

static void send_ghl_update (Work *w);

static void
on_lsq_reread (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Work *w = user_data;
  g_autoptr (GError) error = NULL;

  w->run->result->lsq_calls++;
  w->answers[LIAISON_SERVICE_LSQ]
      = liaison_lsq_client_get_lead_finish (LIAISON_LSQ_CLIENT (source), result, &error);
  /* Written but not read back: the base cannot claim it (a later run writes it again, which
   * changes nothing). */
  if (w->answers[LIAISON_SERVICE_LSQ] == NULL)
    w->errors[LIAISON_SERVICE_LSQ] = g_steal_pointer (&error);
  liaison_sync_work_crash_point (w, "reread");
  send_ghl_update (w);
}

static void
on_lsq_patched (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Work *w = user_data;
  LiaisonSyncItem *item = g_ptr_array_index (w->items, 0);

  w->run->result->lsq_calls++;
  if (!liaison_lsq_client_done_finish (LIAISON_LSQ_CLIENT (source), result,
                                       &w->errors[LIAISON_SERVICE_LSQ]))
    {
      send_ghl_update (w);
      return;
    }
  liaison_sync_work_crash_point (w, "lsq-written");
  liaison_lsq_client_get_lead_async (w->run->lsq, item->lsq_id, NULL, on_lsq_reread, w);
}

static void
on_ghl_patched (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Work *w = user_data;

  w->run->result->ghl_calls++;
  w->answers[LIAISON_SERVICE_GHL] = liaison_ghl_client_patch_contact_finish (
      LIAISON_GHL_CLIENT (source), result, &w->errors[LIAISON_SERVICE_GHL]);
  finish_update (w);
}

static void
send_ghl_update (Work *w)
{
  LiaisonSyncItem *item = g_ptr_array_index (w->items, 0);

  if (w->bodies[LIAISON_SERVICE_GHL] == NULL)
    {
      finish_update (w);
      return;
    }
  liaison_ghl_client_patch_contact_async (w->run->ghl, item->ghl_id, w->bodies[LIAISON_SERVICE_GHL],
                                          NULL, on_ghl_patched, w);
}

static void
on_update_intents (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Work *w = user_data;
  LiaisonSyncItem *item = g_ptr_array_index (w->items, 0);
  g_autoptr (GArray) ids = NULL;
  GError *error = NULL;

  ids = liaison_store_add_intents_finish (LIAISON_STORE (source), result, &error);
  if (ids == NULL)
    {
      /* Nothing was sent: the next run plans it again. */
      liaison_sync_fail_contact (w->run, item, item->lsq_id, error);
      g_error_free (error);
      liaison_sync_work_done (w, 1);
      return;
    }
  liaison_sync_work_crash_point (w, "intent");
  if (w->bodies[LIAISON_SERVICE_LSQ] != NULL)
    liaison_lsq_client_patch_lead_async (w->run->lsq, item->lsq_id, w->bodies[LIAISON_SERVICE_LSQ],
                                         NULL, on_lsq_patched, w);
  else
    send_ghl_update (w);
}

/* Sets key of the item's new base to value and hashes it again. */
void
liaison_sync_rebase_key (LiaisonSyncRun *run, LiaisonSyncItem *item, const char *key,
                         JsonNode *value)
{
  g_autoptr (JsonNode) node = item->new_base ? json_from_string (item->new_base, NULL) : NULL;
  JsonObject *base;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  base = json_node_get_object (node);
  json_object_set_member (base, key,
                          value ? json_node_copy (value) : json_node_new (JSON_NODE_NULL));
  g_free (item->new_base);
  g_free (item->new_base_hash);
  item->new_base = liaison_field_map_serialize (base);
  item->new_base_hash = liaison_field_map_hash (run->map, base);
}

/* The patch of every change the side can take. A value it cannot take (an owner with no user
 * there...) is left out and recorded as a skip; the base keeps that side's value for it, so
 * that it is not taken for an edit there next time. */
static JsonNode *
lenient_patch (LiaisonSyncRun *run, LiaisonStoreStep *skips, LiaisonSyncItem *item,
               LiaisonService side, GError **error)
{
  JsonObject *changes = side == LIAISON_SERVICE_LSQ ? item->lsq_changes : item->ghl_changes;
  JsonObject *before = side == LIAISON_SERVICE_LSQ ? item->lsq_before : item->ghl_before;
  JsonNode *body = liaison_field_map_build_patch (run->map, side, changes, NULL);
  g_autoptr (GList) keys = NULL;

  if (body != NULL)
    return body;
  keys = json_object_get_members (changes);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      g_autoptr (JsonObject) one = json_object_new ();
      g_autoptr (JsonNode) part = NULL;
      g_autoptr (GError) local = NULL;

      json_object_set_member (one, l->data,
                              json_node_copy (json_object_get_member (changes, l->data)));
      part = liaison_field_map_build_patch (run->map, side, one, &local);
      if (part == NULL)
        {
          LiaisonStoreOperation *op
              = liaison_sync_operation_new (run, item, LIAISON_OPERATION_SKIP, side);

          op->field = g_strdup (l->data);
          op->after = json_text (json_object_get_member (changes, l->data));
          op->status = LIAISON_OPERATION_SKIPPED;
          op->error = g_strdup (local->message);
          g_free (op->cause);
          op->cause = g_strdup ("unmappable");
          g_ptr_array_add (skips->operations, op);
          liaison_sync_rebase_key (run, item, l->data, json_object_get_member (before, l->data));
          json_object_remove_member (changes, l->data);
          continue;
        }
      if (body == NULL)
        body = g_steal_pointer (&part);
      else if (JSON_NODE_HOLDS_OBJECT (body) && JSON_NODE_HOLDS_OBJECT (part))
        {
          g_autoptr (GList) members = json_object_get_members (json_node_get_object (part));
          for (GList *m = members; m != NULL; m = m->next)
            json_object_set_member (
                json_node_get_object (body), m->data,
                json_node_copy (json_object_get_member (json_node_get_object (part), m->data)));
        }
      else if (JSON_NODE_HOLDS_ARRAY (body) && JSON_NODE_HOLDS_ARRAY (part))
        {
          JsonArray *to = json_node_get_array (body);
          JsonArray *from = json_node_get_array (part);
          for (guint i = 0; i < json_array_get_length (from); i++)
            json_array_add_element (to, json_node_copy (json_array_get_element (from, i)));
        }
    }
  return body;
}

/* An update intent: the body sent, and what tells the same update again should the service
 * refuse it (liaison_store_refused_update_key). */
static char *
update_payload (JsonNode *body, const char *target_hash, const char *changes_hash,
                const char *map_hash)
{
  g_autoptr (JsonObject) payload = json_object_new ();
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_member (payload, "body", json_node_copy (body));
  if (target_hash != NULL)
    json_object_set_string_member (payload, "targetHash", target_hash);
  json_object_set_string_member (payload, "changesHash", changes_hash);
  if (map_hash != NULL)
    json_object_set_string_member (payload, "mapHash", map_hash);
  json_node_set_object (node, payload);
  return json_to_string (node, FALSE);
}

void
liaison_sync_apply_start_update (LiaisonSyncRun *run, LiaisonSyncItem *item)
{
  Work *w = liaison_sync_work_new (run);

  g_ptr_array_add (w->items, item);
  w->kind = "update";
  for (LiaisonService side = LIAISON_SERVICE_LSQ; side <= LIAISON_SERVICE_GHL; side++)
    {
      JsonObject *changes = side == LIAISON_SERVICE_LSQ ? item->lsq_changes : item->ghl_changes;
      LiaisonStoreIntent *intent;

      g_autofree char *changes_hash = NULL;

      if (changes == NULL || json_object_get_size (changes) == 0)
        continue;
      /* Of the changes as planned, before lenient_patch leaves out what the side cannot take:
       * the planner compares the same. */
      changes_hash = liaison_sync_changes_hash (changes);
      w->bodies[side] = lenient_patch (run, w->skips, item, side, &w->errors[side]);
      if (w->bodies[side] == NULL)
        continue; /* nothing left that the side can take */
      intent = g_new0 (LiaisonStoreIntent, 1);
      intent->run_id = run->result->run_id;
      intent->service = side;
      intent->op = LIAISON_INTENT_UPDATE;
      intent->remote_id = g_strdup (side == LIAISON_SERVICE_LSQ ? item->lsq_id : item->ghl_id);
      intent->source_id = g_strdup (side == LIAISON_SERVICE_LSQ ? item->ghl_id : item->lsq_id);
      intent->link_id = item->link_id;
      intent->payload = update_payload (
          w->bodies[side], side == LIAISON_SERVICE_LSQ ? item->lsq_seen : item->ghl_seen,
          changes_hash, run->map_hash);
      w->intent_of[side] = intent;
      g_ptr_array_add (w->intents, intent);
    }
  if (w->intents->len == 0)
    {
      finish_update (w);
      return;
    }
  liaison_store_add_intents_async (run->store, w->intents, NULL, on_update_intents, w);
}
