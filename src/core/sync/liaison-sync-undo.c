/* liaison-sync-undo.c: liaison_sync_plan_build_undo, the plan of a run that takes an earlier
 * run back.
 *
 * For each field the run changed, both services go back to the value from before the run: the
 * side the run wrote, and the side whose edit it carried (which holds the edit still). Only
 * where the field still holds what the run left on both sides: a field changed since is listed
 * as skipped and left alone, both sides, so that the undo never overwrites a later edit. The
 * link's base becomes the value put back, so that the next sync finds nothing to write. The
 * items are ordinary UPDATE items: the engine applies them through its usual intents, writes and
 * history rows, and the undo is a run of its own.
 *
 * A record the run created is taken back when deletes are on: the copy the run made is deleted
 * and its link removed (a DELETE item with undoes set, applied like any delete: intent, call,
 * one transaction), and that transaction lists the original as not to copy again, so that the
 * next sync does not make the copy anew. A copy a person edited since the run, or whose original
 * a person edited since, is no longer only what the run made: both are left alone and listed as
 * changed since, like a field. The mass-delete guard counts these deletes as it counts
 * a sync's. With deletes off, the creates are listed as skipped, saying how to take them back.
 * The tasks, notes and appointments a run created are taken back alike
 * (liaison-sync-undo-activity.c).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include <glib/gi18n-lib.h>

#include "liaison-contact-codec.h"
#include "liaison-sync-engine.h"
#include "liaison-sync-plan.h"
#include "liaison-sync-undo-private.h"

/* What the run did to one field of one pair: per side, the value before and after (NULL: the
 * run did not write that side). */
typedef struct
{
  char *key;
  gboolean wrote[2];
  char *before[2];
  char *after[2];
} FieldChange;

typedef struct
{
  char *lsq_id;
  char *ghl_id;
  GPtrArray *fields; /* FieldChange */
} PairChanges;

static void
field_change_free (FieldChange *c)
{
  g_free (c->key);
  for (guint i = 0; i < 2; i++)
    {
      g_free (c->before[i]);
      g_free (c->after[i]);
    }
  g_free (c);
}

static void
pair_changes_free (PairChanges *p)
{
  g_free (p->lsq_id);
  g_free (p->ghl_id);
  g_ptr_array_unref (p->fields);
  g_free (p);
}

static JsonNode *
parse_value (const char *text)
{
  JsonNode *node = text ? json_from_string (text, NULL) : NULL;

  return node ? node : json_node_new (JSON_NODE_NULL);
}

static char *
value_text (JsonNode *node)
{
  return node ? json_to_string (node, FALSE) : g_strdup ("null");
}

static JsonObject *
project (LiaisonStore *store, LiaisonFieldMap *map, LiaisonService side, const char *connection,
         const char *remote_id)
{
  g_autoptr (LiaisonStoreRecord) record
      = liaison_store_lookup_record (store, connection, LIAISON_RECORD_CONTACT, remote_id, NULL);
  g_autoptr (LiaisonContact) contact = NULL;

  if (record == NULL || record->deleted || record->raw == NULL)
    return NULL;
  contact = liaison_contact_codec_from_json (record->raw, NULL);
  if (contact == NULL)
    return NULL;
  return liaison_field_map_project (map, side, contact);
}

static LiaisonSyncItem *
skip_item (gint64 run_id, const char *lsq_id, const char *ghl_id, LiaisonService target,
           const char *field, const char *cause, char *reason)
{
  LiaisonSyncItem *item = g_new0 (LiaisonSyncItem, 1);

  item->kind = LIAISON_SYNC_ITEM_SKIP;
  item->undoes = run_id;
  item->lsq_id = g_strdup (lsq_id);
  item->ghl_id = g_strdup (ghl_id);
  item->target = target;
  item->field = g_strdup (field);
  item->cause = g_strdup (cause);
  item->reason = reason;
  return item;
}

static void
set_change (LiaisonSyncItem *item, LiaisonService side, const char *key, JsonNode *value,
            JsonNode *now)
{
  JsonObject **changes = side == LIAISON_SERVICE_LSQ ? &item->lsq_changes : &item->ghl_changes;
  JsonObject **befores = side == LIAISON_SERVICE_LSQ ? &item->lsq_before : &item->ghl_before;

  if (*changes == NULL)
    {
      *changes = json_object_new ();
      *befores = json_object_new ();
    }
  json_object_set_member (*changes, key, json_node_copy (value));
  json_object_set_member (*befores, key,
                          now ? json_node_copy (now) : json_node_new (JSON_NODE_NULL));
}

/* One pair's UPDATE item (NULL when nothing is left to put back) and its skips into plan. */
static void
plan_pair (LiaisonSyncPlan *plan, LiaisonStore *store, LiaisonFieldMap *map,
           const char *const connections[2], gint64 run_id, PairChanges *pair)
{
  const char *ids[2] = { pair->lsq_id, pair->ghl_id };
  g_autoptr (LiaisonStoreLink) link = liaison_store_lookup_link (
      store, LIAISON_SERVICE_LSQ, connections[0], LIAISON_RECORD_CONTACT, pair->lsq_id, NULL);
  g_autoptr (LiaisonSyncItem) item = NULL;
  g_autoptr (JsonObject) base = NULL;
  g_autoptr (JsonNode) base_node = NULL;
  JsonObject *now[2] = { NULL, NULL };

  if (link == NULL || g_strcmp0 (link->ghl_id, pair->ghl_id) != 0)
    {
      g_autofree char *reason = g_strdup_printf (
          _ ("LeadSquared lead %s and HighLevel contact %s are no longer linked; nothing of "
             "theirs was put back."),
          pair->lsq_id, pair->ghl_id);
      liaison_sync_plan_add (plan,
                             skip_item (run_id, pair->lsq_id, pair->ghl_id, LIAISON_SERVICE_LSQ,
                                        NULL, "unlinked", g_steal_pointer (&reason)));
      return;
    }
  for (LiaisonService side = LIAISON_SERVICE_LSQ; side <= LIAISON_SERVICE_GHL; side++)
    now[side] = project (store, map, side, connections[side], ids[side]);
  if (now[0] == NULL || now[1] == NULL)
    {
      g_autofree char *reason
          = (now[0] == NULL
                 ? g_strdup_printf (_ ("The local copy of LeadSquared lead %s cannot be read; "
                                       "refresh, then undo again."),
                                    pair->lsq_id)
                 : g_strdup_printf (_ ("The local copy of HighLevel contact %s cannot be read; "
                                       "refresh, then undo again."),
                                    pair->ghl_id));
      liaison_sync_plan_add (plan,
                             skip_item (run_id, pair->lsq_id, pair->ghl_id,
                                        now[0] == NULL ? LIAISON_SERVICE_LSQ : LIAISON_SERVICE_GHL,
                                        NULL, "unreadable", g_steal_pointer (&reason)));
      goto out;
    }

  base_node = link->base_snapshot ? json_from_string (link->base_snapshot, NULL) : NULL;
  base = base_node && JSON_NODE_HOLDS_OBJECT (base_node)
             ? json_object_ref (json_node_get_object (base_node))
             : json_object_new ();
  item = g_new0 (LiaisonSyncItem, 1);
  item->kind = LIAISON_SYNC_ITEM_UPDATE;
  item->undoes = run_id;
  item->link_id = link->id;
  item->origin = link->origin;
  item->lsq_id = g_strdup (pair->lsq_id);
  item->ghl_id = g_strdup (pair->ghl_id);
  item->base = g_strdup (link->base_snapshot);
  item->base_hash = g_strdup (link->base_hash);
  item->cause = g_strdup ("undo");
  item->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_conflict_free);
  item->conflicts_closed = g_array_new (FALSE, FALSE, sizeof (gint64));
  item->conflicts_applied = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint f = 0; f < pair->fields->len; f++)
    {
      FieldChange *c = g_ptr_array_index (pair->fields, f);
      int index = liaison_field_map_find (map, c->key);
      /* Where the run left the field, and what goes back: a side the run wrote returns to its
       * own value before; the side it carried the edit from, to the written side's. */
      const char *written_before = c->wrote[0] ? c->before[0] : c->before[1];
      g_autoptr (JsonNode) target_lsq = parse_value (c->wrote[0] ? c->before[0] : written_before);
      g_autoptr (JsonNode) target_ghl = parse_value (c->wrote[1] ? c->before[1] : written_before);
      g_autoptr (JsonNode) left_lsq = parse_value (c->wrote[0] ? c->after[0] : c->after[1]);
      g_autoptr (JsonNode) left_ghl = parse_value (c->wrote[1] ? c->after[1] : c->after[0]);
      JsonNode *target[2] = { target_lsq, target_ghl };
      JsonNode *left[2] = { left_lsq, left_ghl };
      g_autofree char *run_text = g_strdup_printf ("%" G_GINT64_FORMAT, run_id);
      gboolean changed_since = FALSE, same;
      LiaisonService moved = LIAISON_SERVICE_LSQ;

      if (index < 0)
        {
          liaison_sync_plan_add (
              plan, skip_item (run_id, pair->lsq_id, pair->ghl_id, LIAISON_SERVICE_LSQ, c->key,
                               "unmapped",
                               g_strdup_printf (_ ("The field “%s” is no longer in the mapping; "
                                                   "it was left as it is."),
                                                c->key)));
          continue;
        }
      for (LiaisonService side = LIAISON_SERVICE_LSQ; side <= LIAISON_SERVICE_GHL; side++)
        {
          JsonNode *value = json_object_get_member (now[side], c->key);

          if (!liaison_field_map_value_equal (value, left[side])
              && !liaison_field_map_value_equal (value, target[side]))
            {
              changed_since = TRUE;
              moved = side;
            }
        }
      if (changed_since)
        {
          g_autofree char *holds = value_text (json_object_get_member (now[moved], c->key));
          g_autofree char *left_text = value_text (left[moved]);

          liaison_sync_plan_add (
              plan, skip_item (
                        run_id, pair->lsq_id, pair->ghl_id, moved, c->key, "changed-since",
                        g_strdup_printf (_ ("“%s” changed since run %s (%s now holds %s, "
                                            "the run left %s); it was left as it is on both "
                                            "sides."),
                                         c->key, run_text,
                                         moved == LIAISON_SERVICE_LSQ ? "LeadSquared" : "HighLevel",
                                         holds, left_text)));
          continue;
        }
      for (LiaisonService side = LIAISON_SERVICE_LSQ; side <= LIAISON_SERVICE_GHL; side++)
        {
          JsonNode *value = json_object_get_member (now[side], c->key);

          if (!liaison_field_map_value_equal (value, target[side])
              && liaison_field_map_can_update (map, (guint) index, side))
            set_change (item, side, c->key, target[side], value);
        }
      /* The base is what both sides hold afterwards; sides that go back to different values (a
       * conflict the run had settled) disagree with it again, as they did before the run. */
      same = liaison_field_map_value_equal (target[0], target[1]);
      json_object_set_member (base, c->key,
                              same ? json_node_copy (target[0]) : json_node_new (JSON_NODE_NULL));
    }

  if (item->lsq_changes != NULL || item->ghl_changes != NULL)
    {
      item->new_base = liaison_field_map_serialize (base);
      item->new_base_hash = liaison_field_map_hash (map, base);
      liaison_sync_plan_add (plan, g_steal_pointer (&item));
    }
out:
  for (guint i = 0; i < 2; i++)
    g_clear_pointer (&now[i], json_object_unref);
}

static const char *
service_name (LiaisonService side)
{
  return side == LIAISON_SERVICE_LSQ ? "LeadSquared" : "HighLevel";
}

/* The first mapped field whose value on side (now, its projection) is no longer what run_id
 * created: created is the projection the run copied (the operation's after), base the link's.
 * On the copy's side, a field the create left out (the copy and the base hold none) counts as
 * unchanged. NULL when side holds what the run created. */
static char *
first_field_moved (LiaisonFieldMap *map, JsonObject *now, JsonObject *created, JsonObject *base,
                      gboolean copy, char **holds, char **had)
{
  g_autoptr (GList) keys = json_object_get_members (created);

  for (GList *l = keys; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *value = json_object_get_member (now, key);
      JsonNode *then = json_object_get_member (created, key);
      JsonNode *in_base = base ? json_object_get_member (base, key) : NULL;

      if (liaison_field_map_find (map, key) < 0 || liaison_field_map_value_equal (value, then))
        continue;
      if (copy && (value == NULL || JSON_NODE_HOLDS_NULL (value))
          && (in_base == NULL || JSON_NODE_HOLDS_NULL (in_base)))
        continue;
      *holds = value_text (value);
      *had = value_text (then);
      return g_strdup (key);
    }
  return NULL;
}

/* A SKIP when a person edited the copy run_id created, or its original, since the run (the copy
 * is then no longer only what the run made, or the original is being worked on): the undo
 * leaves both alone and says which field moved. NULL when both hold what the run created. */
static LiaisonSyncItem *
create_changed_since (LiaisonStore *store, LiaisonFieldMap *map, const char *const connections[2],
                      gint64 run_id, const LiaisonStoreOperation *op, const LiaisonStoreLink *link)
{
  LiaisonService copy = op->service;
  LiaisonService original = copy == LIAISON_SERVICE_LSQ ? LIAISON_SERVICE_GHL : LIAISON_SERVICE_LSQ;
  const char *ids[2] = { op->lsq_id, op->ghl_id };
  g_autoptr (JsonNode) created_node = op->after ? json_from_string (op->after, NULL) : NULL;
  g_autoptr (JsonNode) base_node
      = link->base_snapshot ? json_from_string (link->base_snapshot, NULL) : NULL;
  JsonObject *created, *base;
  g_autofree char *run_text = g_strdup_printf ("%" G_GINT64_FORMAT, run_id);

  if (created_node == NULL || !JSON_NODE_HOLDS_OBJECT (created_node))
    return NULL;
  created = json_node_get_object (created_node);
  base = base_node && JSON_NODE_HOLDS_OBJECT (base_node) ? json_node_get_object (base_node) : NULL;
  for (guint i = 0; i < 2; i++)
    {
      LiaisonService side = i == 0 ? copy : original;
      g_autoptr (JsonObject) now = project (store, map, side, connections[side], ids[side]);
      g_autofree char *holds = NULL;
      g_autofree char *had = NULL;
      g_autofree char *key = NULL;

      if (now == NULL)
        continue;
      key = first_field_moved (map, now, created, base, side == copy, &holds, &had);
      if (key == NULL)
        continue;
      if (side == copy)
        return skip_item (
            run_id, op->lsq_id, op->ghl_id, side, NULL, "changed-since",
            g_strdup_printf (_ ("The %s contact %s that run %s created changed since (“%s” now "
                                "holds %s, the run created it with %s); it was left as it is, "
                                "and so was the %s contact it copies."),
                             service_name (copy), ids[copy], run_text, key, holds, had,
                             service_name (original)));
      return skip_item (
          run_id, op->lsq_id, op->ghl_id, side, NULL, "changed-since",
          g_strdup_printf (_ ("The %s contact %s that run %s copied changed since (“%s” now "
                              "holds %s, the run copied %s); it was left as it is, and so was "
                              "its copy, the %s contact %s."),
                           service_name (original), ids[original], run_text, key, holds, had,
                           service_name (copy), ids[copy]));
    }
  return NULL;
}

/* What takes back the create op of run_id: the DELETE of the copy it made (op->service), or a
 * SKIP saying why not. */
static LiaisonSyncItem *
plan_create_undo (LiaisonStore *store, LiaisonFieldMap *map, const char *const connections[2],
                  gint64 run_id, const LiaisonStoreOperation *op,
                  const LiaisonSyncPlanOptions *options)
{
  LiaisonService copy = op->service;
  LiaisonService original = copy == LIAISON_SERVICE_LSQ ? LIAISON_SERVICE_GHL : LIAISON_SERVICE_LSQ;
  const char *copy_id = copy == LIAISON_SERVICE_LSQ ? op->lsq_id : op->ghl_id;
  g_autoptr (LiaisonStoreLink) link = liaison_store_lookup_link (
      store, LIAISON_SERVICE_LSQ, connections[0], LIAISON_RECORD_CONTACT, op->lsq_id, NULL);
  g_autoptr (LiaisonStoreRecord) record = NULL;
  g_autofree char *run_text = g_strdup_printf ("%" G_GINT64_FORMAT, run_id);
  LiaisonSyncItem *item;

  if (link == NULL || g_strcmp0 (link->ghl_id, op->ghl_id) != 0)
    return skip_item (run_id, op->lsq_id, op->ghl_id, copy, NULL, "unlinked",
                      g_strdup_printf (_ ("The %s contact %s that run %s created is no longer "
                                          "linked to the %s contact it copied; it was left as "
                                          "it is."),
                                       service_name (copy), copy_id, run_text,
                                       service_name (original)));
  record = liaison_store_lookup_record (store, connections[copy], LIAISON_RECORD_CONTACT, copy_id,
                                        NULL);
  if (record != NULL && record->deleted)
    return skip_item (run_id, op->lsq_id, op->ghl_id, copy, NULL, "gone",
                      g_strdup_printf (_ ("The %s contact %s that run %s created is gone "
                                          "already."),
                                       service_name (copy), copy_id, run_text));
  if ((item = create_changed_since (store, map, connections, run_id, op, link)) != NULL)
    return item;
  if (!options->deletes)
    return skip_item (
        run_id, op->lsq_id, op->ghl_id, copy, NULL, "deletes-off",
        g_strdup_printf (_ ("The %s contact %s that run %s created was left alone: deletes are "
                            "off; enable them to undo creates."),
                         service_name (copy), copy_id, run_text));
  item = g_new0 (LiaisonSyncItem, 1);
  item->kind = LIAISON_SYNC_ITEM_DELETE;
  item->undoes = run_id;
  item->link_id = link->id;
  item->lsq_id = g_strdup (op->lsq_id);
  item->ghl_id = g_strdup (op->ghl_id);
  item->target = copy;
  item->cause = g_strdup ("undo-create");
  item->reason = g_strdup_printf (_ ("Run %s created this %s contact as a copy; the undo deletes "
                                     "it and does not copy the %s contact again."),
                                  run_text, service_name (copy), service_name (original));
  return item;
}

/* The sentence of the guard held back by kind: n of n_links linked, more than limit. */
static char *
guard_sentence (LiaisonRecordKind kind, guint n, guint n_links, guint limit)
{
  switch (kind)
    {
      case LIAISON_RECORD_TASK:
        return g_strdup_printf (_ ("This undo would delete %u of %u linked tasks, more than the "
                                   "%u a sync deletes unasked. Nothing was deleted: if that is "
                                   "right, undo again with --force-delete."),
                                n, n_links, limit);
      case LIAISON_RECORD_NOTE:
        return g_strdup_printf (_ ("This undo would delete %u of %u linked notes, more than the "
                                   "%u a sync deletes unasked. Nothing was deleted: if that is "
                                   "right, undo again with --force-delete."),
                                n, n_links, limit);
      case LIAISON_RECORD_APPOINTMENT:
        return g_strdup_printf (_ ("This undo would delete %u of %u linked appointments, more "
                                   "than the %u a sync deletes unasked. Nothing was deleted: if "
                                   "that is right, undo again with --force-delete."),
                                n, n_links, limit);
      case LIAISON_RECORD_CONTACT:
      default:
        return g_strdup_printf (_ ("This undo would delete %u of %u linked contacts, more than "
                                   "the %u a sync deletes unasked. Nothing was deleted: if that "
                                   "is right, undo again with --force-delete."),
                                n, n_links, limit);
    }
}

/* The mass-delete guard of a sync (liaison-sync-planner.c), over the copies the undo deletes,
 * kind by kind (contacts, tasks, notes, appointments, each against its own links): past it for
 * any kind, nothing is deleted unless options->force_delete, and the plan says why. */
static gboolean
guard_deletes (LiaisonSyncPlan *plan, LiaisonStore *store, const char *const connections[2],
               GPtrArray *deletes, const LiaisonSyncPlanOptions *options, GError **error)
{
  static const LiaisonRecordKind kinds[] = { LIAISON_RECORD_CONTACT, LIAISON_RECORD_TASK,
                                             LIAISON_RECORD_NOTE, LIAISON_RECORD_APPOINTMENT };
  g_autofree char *guard = NULL;

  if (deletes->len == 0)
    return TRUE;
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      guint n = 0, limit;
      gint64 n_links;

      for (guint i = 0; i < deletes->len; i++)
        n += ((LiaisonSyncItem *) g_ptr_array_index (deletes, i))->record == kinds[k];
      if (n == 0 && kinds[k] != LIAISON_RECORD_CONTACT)
        continue;
      n_links = liaison_store_count_links (store, kinds[k], connections[0], connections[1], error);
      if (n_links < 0)
        return FALSE;
      if (kinds[k] == LIAISON_RECORD_CONTACT)
        liaison_sync_plan_set_n_links (plan, (guint) n_links);
      limit = MAX (10, (guint) (n_links * 5 / 100));
      if (n > limit && !options->force_delete && guard == NULL)
        guard = guard_sentence (kinds[k], n, (guint) n_links, limit);
    }
  if (guard != NULL)
    liaison_sync_plan_set_delete_guard (plan, guard);
  for (guint i = 0; i < deletes->len; i++)
    {
      LiaisonSyncItem *item = g_ptr_array_index (deletes, i);

      if (guard != NULL)
        {
          item->kind = LIAISON_SYNC_ITEM_SKIP;
          g_free (item->cause);
          item->cause = g_strdup ("delete-guard");
          g_free (item->reason);
          item->reason = g_strdup (guard);
        }
      liaison_sync_plan_add (plan, item);
    }
  g_ptr_array_set_free_func (deletes, NULL);
  g_ptr_array_set_size (deletes, 0);
  return TRUE;
}

LiaisonSyncPlan *
liaison_sync_plan_build_undo (LiaisonStore *store, LiaisonFieldMap *map, const char *lsq_connection,
                              const char *ghl_connection, gint64 run_id,
                              const LiaisonSyncPlanOptions *options, GError **error)
{
  const char *const connections[2] = { lsq_connection, ghl_connection };
  g_autoptr (LiaisonStoreRun) run = liaison_store_lookup_run (store, run_id, error);
  g_autoptr (GPtrArray) ops = NULL;
  g_autoptr (GPtrArray) pairs = NULL;
  g_autoptr (GHashTable) by_pair = NULL;
  g_autoptr (GPtrArray) deletes
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_sync_item_free);
  g_autoptr (LiaisonSyncPlan) plan = NULL;
  g_autofree char *run_text = g_strdup_printf ("%" G_GINT64_FORMAT, run_id);

  if (run == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, LIAISON_SYNC_ERROR, LIAISON_SYNC_ERROR_FAILED,
                     _ ("There is no run %s in the history; “liaison-cli history” lists the "
                        "runs."),
                     run_text);
      return NULL;
    }
  if (run->dry_run)
    {
      g_set_error (error, LIAISON_SYNC_ERROR, LIAISON_SYNC_ERROR_FAILED,
                   _ ("Run %s was a dry run: it changed nothing to undo."), run_text);
      return NULL;
    }
  if (g_strcmp0 (run->status, "running") == 0)
    {
      g_set_error (error, LIAISON_SYNC_ERROR, LIAISON_SYNC_ERROR_BUSY,
                   _ ("Run %s has not finished; undo it once it has."), run_text);
      return NULL;
    }
  ops = liaison_store_list_operations (store, run_id, error);
  if (ops == NULL)
    return NULL;

  plan = liaison_sync_plan_new ();
  pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) pair_changes_free);
  by_pair = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < ops->len; i++)
    {
      LiaisonStoreOperation *op = g_ptr_array_index (ops, i);
      g_autofree char *pair_key = NULL;
      PairChanges *pair;
      FieldChange *change = NULL;
      guint side = op->service == LIAISON_SERVICE_GHL ? 1 : 0;

      if (op->status != LIAISON_OPERATION_APPLIED || op->lsq_id == NULL || op->ghl_id == NULL)
        continue;
      if (op->action == LIAISON_OPERATION_CREATE)
        {
          LiaisonSyncItem *item
              = op->kind == LIAISON_RECORD_CONTACT
                    ? plan_create_undo (store, map, connections, run_id, op, options)
                    : liaison_sync_undo_plan_activity (store, connections, run_id, op, options);

          if (item->kind == LIAISON_SYNC_ITEM_DELETE)
            g_ptr_array_add (deletes, item);
          else
            liaison_sync_plan_add (plan, item);
          continue;
        }
      if (op->action != LIAISON_OPERATION_UPDATE || op->field == NULL)
        continue;
      pair_key = g_strdup_printf ("%s\n%s", op->lsq_id, op->ghl_id);
      pair = g_hash_table_lookup (by_pair, pair_key);
      if (pair == NULL)
        {
          pair = g_new0 (PairChanges, 1);
          pair->lsq_id = g_strdup (op->lsq_id);
          pair->ghl_id = g_strdup (op->ghl_id);
          pair->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_change_free);
          g_ptr_array_add (pairs, pair);
          g_hash_table_insert (by_pair, g_steal_pointer (&pair_key), pair);
        }
      for (guint f = 0; f < pair->fields->len && change == NULL; f++)
        if (g_str_equal (((FieldChange *) g_ptr_array_index (pair->fields, f))->key, op->field))
          change = g_ptr_array_index (pair->fields, f);
      if (change == NULL)
        {
          change = g_new0 (FieldChange, 1);
          change->key = g_strdup (op->field);
          g_ptr_array_add (pair->fields, change);
        }
      g_free (change->before[side]);
      g_free (change->after[side]);
      change->wrote[side] = TRUE;
      change->before[side] = g_strdup (op->before);
      change->after[side] = g_strdup (op->after);
    }

  for (guint i = 0; i < pairs->len; i++)
    plan_pair (plan, store, map, connections, run_id, g_ptr_array_index (pairs, i));
  if (!guard_deletes (plan, store, connections, deletes, options, error))
    return NULL;
  return g_steal_pointer (&plan);
}
