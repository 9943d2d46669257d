/* liaison-sync-plan.c: LiaisonSyncPlan, the items of one run, their API calls and their JSON
 * form. The planner (liaison-sync-planner.c) fills it.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-lsq-client.h"
#include "liaison-sync-plan.h"

struct _LiaisonSyncPlan
{
  GObject parent_instance;

  GPtrArray *items;
  guint counts[LIAISON_SYNC_ITEM_CLOSE + 1];
  guint n_links;
  guint n_lsq_creates;
  /* an undo's LeadSquared deletes of tasks [0] and appointments [1], in DeleteTasks batches of
   * one kind */
  guint n_lsq_undo_deletes[2];
  guint n_calls[2];
  guint lsq_create_batch;
  char *delete_guard;
  char *phone_region;
  char *phone_region_source;
};

G_DEFINE_FINAL_TYPE (LiaisonSyncPlan, liaison_sync_plan, G_TYPE_OBJECT)

void
liaison_sync_item_free (LiaisonSyncItem *item)
{
  if (item == NULL)
    return;
  g_free (item->lsq_id);
  g_free (item->ghl_id);
  g_free (item->email);
  g_free (item->phone);
  g_clear_pointer (&item->lsq_changes, json_object_unref);
  g_clear_pointer (&item->ghl_changes, json_object_unref);
  g_clear_pointer (&item->lsq_before, json_object_unref);
  g_clear_pointer (&item->ghl_before, json_object_unref);
  g_clear_pointer (&item->values, json_object_unref);
  g_free (item->base);
  g_free (item->base_hash);
  g_free (item->new_base);
  g_free (item->new_base_hash);
  g_free (item->lsq_seen);
  g_free (item->ghl_seen);
  g_clear_pointer (&item->conflicts, g_ptr_array_unref);
  g_clear_pointer (&item->conflicts_closed, g_array_unref);
  g_clear_pointer (&item->conflicts_applied, g_array_unref);
  g_free (item->candidates);
  g_free (item->reason);
  g_free (item->cause);
  g_free (item->field);
  g_free (item->lsq_parent);
  g_free (item->ghl_parent);
  g_free (item->created);
  g_free (item);
}

/* The item sends something to side. */
char *
liaison_sync_changes_hash (JsonObject *changes)
{
  g_autofree char *bytes = liaison_field_map_serialize (changes);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, bytes, -1);
}

/* side refused these very changes to this very record through this very map before: they are
 * not sent again. They leave the item, the base keeps the values it had for them (so that the
 * next plan finds the same changes until the contact or the map changes), and a skip with the
 * service's reason says so on every run; the seen hashes are dropped so that the pair is looked
 * at again each time. */
void
liaison_sync_plan_drop_refused_update (LiaisonSyncPlan *self, GHashTable *refused_writes,
                                       const char *map_hash, LiaisonSyncItem *item,
                                       LiaisonService side, JsonObject *base, JsonObject *new_base)
{
  JsonObject **changes = side == LIAISON_SERVICE_LSQ ? &item->lsq_changes : &item->ghl_changes;
  JsonObject **befores = side == LIAISON_SERVICE_LSQ ? &item->lsq_before : &item->ghl_before;
  const char *remote_id = side == LIAISON_SERVICE_LSQ ? item->lsq_id : item->ghl_id;
  const char *target_hash = side == LIAISON_SERVICE_LSQ ? item->lsq_seen : item->ghl_seen;
  g_autofree char *changes_hash = NULL;
  g_autofree char *key = NULL;
  g_autoptr (GList) keys = NULL;
  g_autoptr (GString) fields = NULL;
  LiaisonSyncItem *skip;
  const char *refused;

  if (*changes == NULL || json_object_get_size (*changes) == 0)
    return;
  changes_hash = liaison_sync_changes_hash (*changes);
  key = liaison_store_refused_update_key (side, remote_id, target_hash, changes_hash, map_hash);
  refused = g_hash_table_lookup (refused_writes, key);
  if (refused == NULL)
    return;

  fields = g_string_new (NULL);
  keys = json_object_get_members (*changes);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      JsonNode *bv = base && json_object_has_member (base, l->data)
                         ? json_object_get_member (base, l->data)
                         : NULL;

      json_object_set_member (new_base, l->data,
                              bv ? json_node_copy (bv) : json_node_new (JSON_NODE_NULL));
      g_string_append_printf (fields, "%s%s", fields->len ? ", " : "", (char *) l->data);
    }
  g_clear_pointer (changes, json_object_unref);
  g_clear_pointer (befores, json_object_unref);
  g_clear_pointer (&item->lsq_seen, g_free);
  g_clear_pointer (&item->ghl_seen, g_free);

  skip = g_new0 (LiaisonSyncItem, 1);
  skip->kind = LIAISON_SYNC_ITEM_SKIP;
  skip->link_id = item->link_id;
  skip->target = side;
  skip->lsq_id = g_strdup (item->lsq_id);
  skip->ghl_id = g_strdup (item->ghl_id);
  skip->email = g_strdup (item->email);
  skip->field = g_string_free (g_steal_pointer (&fields), FALSE);
  skip->reason
      = g_strdup_printf (_ ("%s refused this update before (%s); it is sent again "
                            "once the contact or the field map changes."),
                         side == LIAISON_SERVICE_LSQ ? "LeadSquared" : "HighLevel", refused);
  skip->cause = g_strdup ("refused");
  liaison_sync_plan_add (self, skip);
}

gboolean
liaison_sync_item_writes (const LiaisonSyncItem *item, LiaisonService side)
{
  JsonObject *changes;

  switch (item->kind)
    {
      case LIAISON_SYNC_ITEM_UPDATE:
        changes = side == LIAISON_SERVICE_LSQ ? item->lsq_changes : item->ghl_changes;
        return changes != NULL && json_object_get_size (changes) > 0;
      case LIAISON_SYNC_ITEM_CREATE:
      case LIAISON_SYNC_ITEM_DELETE:
        return item->target == side;
      case LIAISON_SYNC_ITEM_AMBIGUOUS:
      case LIAISON_SYNC_ITEM_UNLINK:
      case LIAISON_SYNC_ITEM_SKIP:
      default:
        return FALSE;
    }
}

LiaisonSyncPlan *
liaison_sync_plan_new (void)
{
  return g_object_new (LIAISON_TYPE_SYNC_PLAN, NULL);
}

void
liaison_sync_plan_add (LiaisonSyncPlan *self, LiaisonSyncItem *item)
{
  g_return_if_fail (LIAISON_IS_SYNC_PLAN (self));
  g_ptr_array_add (self->items, item);
  self->counts[item->kind]++;
  if (item->kind == LIAISON_SYNC_ITEM_CREATE && item->target == LIAISON_SERVICE_LSQ)
    self->n_lsq_creates++;
  else if (item->kind == LIAISON_SYNC_ITEM_DELETE && item->record != LIAISON_RECORD_CONTACT
           && item->target == LIAISON_SERVICE_LSQ)
    self->n_lsq_undo_deletes[item->record == LIAISON_RECORD_APPOINTMENT]++;
  else
    for (guint side = 0; side < 2; side++)
      if (liaison_sync_item_writes (item, side))
        self->n_calls[side]++;
}

void
liaison_sync_plan_set_n_links (LiaisonSyncPlan *self, guint n_links)
{
  self->n_links = n_links;
}

void
liaison_sync_plan_set_delete_guard (LiaisonSyncPlan *self, const char *reason)
{
  g_free (self->delete_guard);
  self->delete_guard = g_strdup (reason);
}

void
liaison_sync_plan_set_lsq_create_batch (LiaisonSyncPlan *self, guint batch)
{
  self->lsq_create_batch = MAX (batch, 1);
}

GPtrArray *
liaison_sync_plan_get_items (LiaisonSyncPlan *self)
{
  g_return_val_if_fail (LIAISON_IS_SYNC_PLAN (self), NULL);
  return self->items;
}

guint
liaison_sync_plan_get_n_calls (LiaisonSyncPlan *self, LiaisonService service)
{
  guint n;

  g_return_val_if_fail (LIAISON_IS_SYNC_PLAN (self), 0);
  n = self->n_calls[service == LIAISON_SERVICE_GHL];
  /* LeadSquared creates go in bulk. */
  if (service == LIAISON_SERVICE_LSQ)
    n += (self->n_lsq_creates + self->lsq_create_batch - 1) / self->lsq_create_batch
         + (self->n_lsq_undo_deletes[0] + LIAISON_LSQ_DELETE_TASKS_MAX - 1)
               / LIAISON_LSQ_DELETE_TASKS_MAX
         + (self->n_lsq_undo_deletes[1] + LIAISON_LSQ_DELETE_TASKS_MAX - 1)
               / LIAISON_LSQ_DELETE_TASKS_MAX;
  return n;
}

guint
liaison_sync_plan_count (LiaisonSyncPlan *self, LiaisonSyncItemKind kind)
{
  g_return_val_if_fail (LIAISON_IS_SYNC_PLAN (self), 0);
  return (guint) kind < G_N_ELEMENTS (self->counts) ? self->counts[kind] : 0;
}

guint
liaison_sync_plan_get_n_links (LiaisonSyncPlan *self)
{
  g_return_val_if_fail (LIAISON_IS_SYNC_PLAN (self), 0);
  return self->n_links;
}

const char *
liaison_sync_plan_get_delete_guard (LiaisonSyncPlan *self)
{
  g_return_val_if_fail (LIAISON_IS_SYNC_PLAN (self), NULL);
  return self->delete_guard;
}

guint
liaison_sync_plan_get_n_bulk_calls (LiaisonSyncPlan *self, LiaisonService service)
{
  g_return_val_if_fail (LIAISON_IS_SYNC_PLAN (self), 0);
  if (service != LIAISON_SERVICE_LSQ)
    return 0;
  return (self->n_lsq_creates + self->lsq_create_batch - 1) / self->lsq_create_batch;
}

void
liaison_sync_plan_summarize (LiaisonSyncPlan *self, LiaisonSyncPlanSummary *summary)
{
  g_return_if_fail (LIAISON_IS_SYNC_PLAN (self));
  g_return_if_fail (summary != NULL);
  memset (summary, 0, sizeof *summary);
  for (guint i = 0; i < self->items->len; i++)
    {
      const LiaisonSyncItem *item = g_ptr_array_index (self->items, i);
      guint side = item->target == LIAISON_SERVICE_GHL;

      switch (item->kind)
        {
          case LIAISON_SYNC_ITEM_UPDATE:
            for (guint s = 0; s < 2; s++)
              {
                JsonObject *changes
                    = s == LIAISON_SERVICE_LSQ ? item->lsq_changes : item->ghl_changes;

                if (liaison_sync_item_writes (item, s))
                  {
                    summary->updated[s]++;
                    summary->fields[s] += json_object_get_size (changes);
                  }
              }
            summary->linked += item->link_id == 0;
            summary->conflicts += item->conflicts ? item->conflicts->len : 0;
            break;
          case LIAISON_SYNC_ITEM_CREATE:
            summary->created[side]++;
            break;
          case LIAISON_SYNC_ITEM_DELETE:
            summary->deleted[side]++;
            break;
          case LIAISON_SYNC_ITEM_SKIP:
            summary->skipped[side]++;
            break;
          case LIAISON_SYNC_ITEM_UNLINK:
            summary->unlinked++;
            break;
          case LIAISON_SYNC_ITEM_CLOSE:
            summary->ambiguous_closed++;
            break;
          case LIAISON_SYNC_ITEM_AMBIGUOUS:
          default:
            summary->ambiguous++;
            break;
        }
    }
}

/* ---- JSON ---- */

static const char *const item_names[]
    = { "update", "create", "ambiguous-match", "delete", "unlink", "skip", "ambiguous-closed" };

static void
add_string_or_null (JsonBuilder *b, const char *member, const char *value)
{
  json_builder_set_member_name (b, member);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
begin_operation (JsonBuilder *b, const char *action, const char *side, const LiaisonSyncItem *item)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "action");
  json_builder_add_string_value (b, action);
  add_string_or_null (b, "side", side);
  add_string_or_null (b, "lsqId", item->lsq_id);
  add_string_or_null (b, "ghlId", item->ghl_id);
  add_string_or_null (b, "email", item->email);
  /* What the ids are, when not contacts' (an undo's skips of tasks, notes, appointments). */
  if (item->record != LIAISON_RECORD_CONTACT)
    add_string_or_null (b, "kind", liaison_record_kind_to_string (item->record));
  if (item->cause != NULL)
    add_string_or_null (b, "cause", item->cause);
}

static void
add_value (JsonBuilder *b, const char *member, JsonObject *object, const char *key)
{
  JsonNode *node = object ? json_object_get_member (object, key) : NULL;

  json_builder_set_member_name (b, member);
  if (node)
    json_builder_add_value (b, json_node_copy (node));
  else
    json_builder_add_null_value (b);
}

static void
add_updates (JsonBuilder *b, const LiaisonSyncItem *item, LiaisonService side)
{
  JsonObject *changes = side == LIAISON_SERVICE_LSQ ? item->lsq_changes : item->ghl_changes;
  JsonObject *before = side == LIAISON_SERVICE_LSQ ? item->lsq_before : item->ghl_before;
  g_autoptr (GList) keys = changes ? json_object_get_members (changes) : NULL;

  keys = g_list_sort (keys, (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      begin_operation (b, "update", liaison_service_to_string (side), item);
      add_string_or_null (b, "field", l->data);
      add_value (b, "before", before, l->data);
      add_value (b, "after", changes, l->data);
      json_builder_end_object (b);
    }
}

static void
add_item (JsonBuilder *b, const LiaisonSyncItem *item)
{
  switch (item->kind)
    {
      case LIAISON_SYNC_ITEM_UPDATE:
        if (item->link_id == 0)
          {
            begin_operation (b, "link", NULL, item);
            add_string_or_null (b, "reason", item->reason);
            json_builder_end_object (b);
          }
        add_updates (b, item, LIAISON_SERVICE_LSQ);
        add_updates (b, item, LIAISON_SERVICE_GHL);
        for (guint i = 0; item->conflicts && i < item->conflicts->len; i++)
          {
            const LiaisonStoreConflict *c = g_ptr_array_index (item->conflicts, i);

            begin_operation (b, "conflict", NULL, item);
            add_string_or_null (b, "field", c->field);
            add_string_or_null (b, "baseValue", c->base_value);
            add_string_or_null (b, "lsqValue", c->lsq_value);
            add_string_or_null (b, "ghlValue", c->ghl_value);
            json_builder_end_object (b);
          }
        break;
      case LIAISON_SYNC_ITEM_CREATE:
        begin_operation (b, "create", liaison_service_to_string (item->target), item);
        json_builder_set_member_name (b, "after");
        if (item->values)
          {
            JsonNode *node = json_node_init_object (json_node_alloc (), item->values);
            json_builder_add_value (b, node);
          }
        else
          json_builder_add_null_value (b);
        json_builder_end_object (b);
        break;
      case LIAISON_SYNC_ITEM_AMBIGUOUS:
        begin_operation (b, "conflict", NULL, item);
        add_string_or_null (b, "reason", item->reason);
        add_string_or_null (b, "candidates", item->candidates);
        json_builder_end_object (b);
        break;
      case LIAISON_SYNC_ITEM_CLOSE:
        begin_operation (b, "close", NULL, item);
        add_string_or_null (b, "reason", item->reason);
        add_string_or_null (b, "candidates", item->candidates);
        json_builder_end_object (b);
        break;
      case LIAISON_SYNC_ITEM_DELETE:
      case LIAISON_SYNC_ITEM_UNLINK:
      case LIAISON_SYNC_ITEM_SKIP:
      default:
        begin_operation (b, item_names[item->kind],
                         item->kind == LIAISON_SYNC_ITEM_UNLINK
                             ? NULL
                             : liaison_service_to_string (item->target),
                         item);
        if (item->field != NULL)
          add_string_or_null (b, "field", item->field);
        add_string_or_null (b, "reason", item->reason);
        json_builder_end_object (b);
        break;
    }
}

JsonNode *
liaison_sync_plan_to_json (LiaisonSyncPlan *self)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (LIAISON_IS_SYNC_PLAN (self), NULL);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "calls");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "lsq");
  json_builder_add_int_value (b, liaison_sync_plan_get_n_calls (self, LIAISON_SERVICE_LSQ));
  json_builder_set_member_name (b, "ghl");
  json_builder_add_int_value (b, liaison_sync_plan_get_n_calls (self, LIAISON_SERVICE_GHL));
  json_builder_end_object (b);
  json_builder_set_member_name (b, "counts");
  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (item_names); i++)
    {
      json_builder_set_member_name (b, item_names[i]);
      json_builder_add_int_value (b, self->counts[i]);
    }
  json_builder_end_object (b);
  add_string_or_null (b, "deleteGuard", self->delete_guard);
  /* The region national phone numbers were read in, and who chose it. */
  json_builder_set_member_name (b, "phoneRegion");
  json_builder_begin_object (b);
  add_string_or_null (b, "code", self->phone_region);
  add_string_or_null (b, "source", self->phone_region_source);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "operations");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->items->len; i++)
    add_item (b, g_ptr_array_index (self->items, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
liaison_sync_plan_finalize (GObject *object)
{
  LiaisonSyncPlan *self = LIAISON_SYNC_PLAN (object);

  g_ptr_array_unref (self->items);
  g_free (self->delete_guard);
  g_free (self->phone_region);
  g_free (self->phone_region_source);
  G_OBJECT_CLASS (liaison_sync_plan_parent_class)->finalize (object);
}

static void
liaison_sync_plan_class_init (LiaisonSyncPlanClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = liaison_sync_plan_finalize;
}

static void
liaison_sync_plan_init (LiaisonSyncPlan *self)
{
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_sync_item_free);
  self->lsq_create_batch = 25;
}

void
liaison_sync_plan_set_phone_region (LiaisonSyncPlan *self, const char *region, const char *source)
{
  g_return_if_fail (LIAISON_IS_SYNC_PLAN (self));
  g_free (self->phone_region);
  g_free (self->phone_region_source);
  self->phone_region = g_strdup (region);
  self->phone_region_source = g_strdup (source);
}

const char *
liaison_sync_plan_get_phone_region (LiaisonSyncPlan *self, const char **source)
{
  g_return_val_if_fail (LIAISON_IS_SYNC_PLAN (self), NULL);
  if (source != NULL)
    *source = self->phone_region_source;
  return self->phone_region;
}
