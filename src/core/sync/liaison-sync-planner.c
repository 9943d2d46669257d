/* liaison-sync-planner.c: liaison_sync_plan_build, from the store's copy of both sides to the
 * plan of one run.
 *
 * Linked pairs whose records did not change since their last sync (same content hashes as the
 * link saw) are not even read: the store's scan hands over no raw text for them, so a profile of
 * 100,000 links with a few changes projects a few records. A changed pair is projected on both
 * sides and merged field by field against its base snapshot; a pair whose projections equal the
 * base (an echo of our own write, an edit that changed nothing mapped) writes nothing.
 *
 * Records in no link are matched by e-mail, then phone (LiaisonMatcher); an unambiguous pair is
 * planned like a link without a base, several candidates become an ambiguous-match conflict, and
 * a record with no candidate is created on the other side when the map lets anything travel
 * there. A create needs an e-mail or a phone: after a failure, it is what the service is asked
 * for before the create is ever sent again.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include <glib/gi18n-lib.h>

#include "liaison-contact-codec.h"
#include "liaison-matcher.h"
#include "liaison-merge.h"
#include "liaison-sync-plan.h"

typedef struct
{
  char *remote_id;
  char *raw;
  char *content_hash;
  char *email_norm;
  char *phone_norm;
  gint64 modified_at;
} Unlinked;

typedef struct
{
  LiaisonStoreSyncLink *link;
  char *ids[2];
  char *raws[2];
  char *hashes[2];
  gint64 modified[2];
  char *email;
} Deferred;

static void
deferred_clear (gpointer data)
{
  Deferred *d = data;

  liaison_store_sync_link_free (d->link);
  for (guint i = 0; i < 2; i++)
    {
      g_free (d->ids[i]);
      g_free (d->raws[i]);
      g_free (d->hashes[i]);
    }
  g_free (d->email);
}

typedef struct
{
  LiaisonFieldMap *map;
  GArray *changed; /* Deferred: changed pairs, planned once every record's keys are known */
  LiaisonSyncPlan *plan;
  const LiaisonSyncPlanOptions *options;
  GHashTable *conflicts;      /* "link_id/key" -> LiaisonStoreConflict (borrowed) */
  GArray *unlinked[2];        /* Unlinked, by LiaisonService */
  GHashTable *linked_keys[2]; /* email_norm / phone_norm of linked records, per side */
  GPtrArray *deletes;         /* LiaisonSyncItem (owned until added) */
  guint n_links;
  guint n_live[2]; /* linked records that are not gone, per side */
  gboolean may_create[2];
  GPtrArray *apart;           /* LiaisonStoreLink: the pairs a person kept apart */
  GPtrArray *ambiguous_open;  /* LiaisonStoreConflict (borrowed): open ambiguous matches */
  const char *connections[2]; /* by LiaisonService */
  char *map_hash;             /* liaison_field_map_fingerprint, made when first needed */
  GError *error;
} Planner;

static void
unlinked_clear (gpointer data)
{
  Unlinked *u = data;

  g_free (u->remote_id);
  g_free (u->raw);
  g_free (u->content_hash);
  g_free (u->email_norm);
  g_free (u->phone_norm);
}

static char *
conflict_key (gint64 link_id, const char *field)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "/%s", link_id, field);
}

static char *
node_text (JsonNode *node)
{
  if (node == NULL)
    return g_strdup ("null");
  return json_to_string (node, FALSE);
}

static JsonNode *
parse_value (const char *text)
{
  JsonNode *node;

  if (text == NULL)
    return json_node_new (JSON_NODE_NULL);
  node = json_from_string (text, NULL);
  return node ? node : json_node_new (JSON_NODE_NULL);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr (JsonNode) node = text ? json_from_string (text, NULL) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_ref (json_node_get_object (node));
}

static JsonObject *
project (Planner *p, LiaisonService side, const char *raw)
{
  g_autoptr (LiaisonContact) contact = liaison_contact_codec_from_json (raw, NULL);

  if (contact == NULL)
    return NULL;
  return liaison_field_map_project (p->map, side, contact);
}

static gboolean
direction_writes (LiaisonSyncDirection direction, LiaisonService side)
{
  return direction == LIAISON_SYNC_BOTH
         || (side == LIAISON_SERVICE_GHL ? direction == LIAISON_SYNC_TO_GHL
                                         : direction == LIAISON_SYNC_TO_LSQ);
}

static void
set_change (LiaisonSyncItem *item, LiaisonService side, const char *key, JsonNode *value,
            JsonNode *before)
{
  JsonObject **changes = side == LIAISON_SERVICE_LSQ ? &item->lsq_changes : &item->ghl_changes;
  JsonObject **befores = side == LIAISON_SERVICE_LSQ ? &item->lsq_before : &item->ghl_before;

  if (*changes == NULL)
    {
      *changes = json_object_new ();
      *befores = json_object_new ();
    }
  json_object_set_member (*changes, key,
                          value ? json_node_copy (value) : json_node_new (JSON_NODE_NULL));
  json_object_set_member (*befores, key,
                          before ? json_node_copy (before) : json_node_new (JSON_NODE_NULL));
}

static gboolean
has_changes (JsonObject *changes)
{
  return changes != NULL && json_object_get_size (changes) > 0;
}

static gboolean has_key (GHashTable *keys, const char *prefix, const char *value);

/* Writing value to key on side would give it an e-mail address or phone number another record
 * there already has: the services refuse that (or merge records), so a person decides. */
static gboolean
would_duplicate (Planner *p, const char *key, JsonNode *value, LiaisonService side)
{
  const char *text = value && JSON_NODE_HOLDS_VALUE (value) ? json_node_get_string (value) : NULL;

  if (text == NULL)
    return FALSE;
  if (g_str_equal (key, "email"))
    return has_key (p->linked_keys[side], "e:", text);
  if (g_str_equal (key, "phone"))
    return has_key (p->linked_keys[side], "p:", text);
  return FALSE;
}

static char *
ensure_map_hash (Planner *p)
{
  if (p->map_hash == NULL)
    p->map_hash = liaison_field_map_fingerprint (p->map);
  return p->map_hash;
}

/* The three-way merge of one pair, into an UPDATE item (NULL: nothing to do at all). */
static LiaisonSyncItem *
plan_pair (Planner *p, const LiaisonStoreSyncLink *link, const char *lsq_id, const char *lsq_raw,
           const char *lsq_hash, gint64 lsq_modified, const char *ghl_id, const char *ghl_raw,
           const char *ghl_hash, gint64 ghl_modified, const char *email)
{
  g_autoptr (JsonObject) lsq = project (p, LIAISON_SERVICE_LSQ, lsq_raw);
  g_autoptr (JsonObject) ghl = project (p, LIAISON_SERVICE_GHL, ghl_raw);
  g_autoptr (JsonObject) base = link ? parse_object (link->base_snapshot) : NULL;
  g_autoptr (JsonObject) new_base = json_object_new ();
  g_autoptr (LiaisonSyncItem) item = g_new0 (LiaisonSyncItem, 1);
  gint64 link_id = link ? link->id : 0;
  guint n = liaison_field_map_get_n_pairs (p->map);

  item->kind = LIAISON_SYNC_ITEM_UPDATE;
  item->link_id = link_id;
  item->origin = link ? link->origin : LIAISON_LINK_MATCHED;
  item->lsq_id = g_strdup (lsq_id);
  item->ghl_id = g_strdup (ghl_id);
  item->email = g_strdup (email);
  item->lsq_seen = g_strdup (lsq_hash);
  item->ghl_seen = g_strdup (ghl_hash);
  item->base = link ? g_strdup (link->base_snapshot) : NULL;
  item->base_hash = link ? g_strdup (link->base_hash) : NULL;
  item->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_conflict_free);
  item->conflicts_closed = g_array_new (FALSE, FALSE, sizeof (gint64));
  item->conflicts_applied = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (lsq == NULL || ghl == NULL)
    {
      item->kind = LIAISON_SYNC_ITEM_SKIP;
      item->target = lsq == NULL ? LIAISON_SERVICE_LSQ : LIAISON_SERVICE_GHL;
      item->reason = g_strdup_printf (_ ("The cached copy of %s contact %s cannot be read; "
                                         "refresh that account to read it again."),
                                      lsq == NULL ? "LeadSquared" : "HighLevel",
                                      lsq == NULL ? lsq_id : ghl_id);
      item->cause = g_strdup ("unreadable");
      return g_steal_pointer (&item);
    }

  for (guint i = 0; i < n; i++)
    {
      const char *key = liaison_field_map_get_key (p->map, i);
      LiaisonSyncDirection direction = liaison_field_map_get_direction (p->map, i);
      JsonNode *lv = json_object_get_member (lsq, key);
      JsonNode *gv = json_object_get_member (ghl, key);
      JsonNode *bv
          = base && json_object_has_member (base, key) ? json_object_get_member (base, key) : NULL;
      g_autofree char *ckey = link_id ? conflict_key (link_id, key) : NULL;
      LiaisonStoreConflict *open = ckey ? g_hash_table_lookup (p->conflicts, ckey) : NULL;
      LiaisonMergeOutcome outcome;

      /* A person's answer is written to each side that does not hold it yet. */
      if (open != NULL && open->resolved_at > 0)
        {
          g_autoptr (JsonNode) value = parse_value (open->resolved_value);

          for (LiaisonService side = LIAISON_SERVICE_LSQ; side <= LIAISON_SERVICE_GHL; side++)
            {
              JsonNode *now = side == LIAISON_SERVICE_LSQ ? lv : gv;

              if (!liaison_field_map_value_equal (value, now)
                  && liaison_field_map_can_update (p->map, i, side))
                set_change (item, side, key, value, now);
            }
          json_object_set_member (new_base, key, json_node_copy (value));
          g_array_append_val (item->conflicts_applied, open->id);
          continue;
        }

      outcome
          = liaison_merge_field (bv, lv, gv, direction, liaison_field_map_get_policy (p->map, i),
                                 lsq_modified, ghl_modified);
      switch (outcome)
        {
          case LIAISON_MERGE_TAKE_LSQ:
          case LIAISON_MERGE_TAKE_GHL:
            {
              LiaisonService to
                  = outcome == LIAISON_MERGE_TAKE_LSQ ? LIAISON_SERVICE_GHL : LIAISON_SERVICE_LSQ;
              JsonNode *value = outcome == LIAISON_MERGE_TAKE_LSQ ? lv : gv;
              JsonNode *there = outcome == LIAISON_MERGE_TAKE_LSQ ? gv : lv;

              if (would_duplicate (p, key, value, to))
                goto conflict;
              if (liaison_field_map_can_update (p->map, i, to))
                {
                  set_change (item, to, key, value, there);
                  json_object_set_member (new_base, key, json_node_copy (value));
                }
              else
                /* Kept as that side has it, so it is not taken for an edit there next time. */
                json_object_set_member (
                    new_base, key, there ? json_node_copy (there) : json_node_new (JSON_NODE_NULL));
              break;
            }
          case LIAISON_MERGE_CONFLICT:
          conflict:
            {
              LiaisonStoreConflict *c = g_new0 (LiaisonStoreConflict, 1);

              c->kind = LIAISON_CONFLICT_FIELD;
              c->lsq_id = g_strdup (lsq_id);
              c->ghl_id = g_strdup (ghl_id);
              c->field = g_strdup (key);
              c->base_value = bv ? node_text (bv) : NULL;
              c->lsq_value = node_text (lv);
              c->ghl_value = node_text (gv);
              g_ptr_array_add (item->conflicts, c);
              json_object_set_member (new_base, key,
                                      bv ? json_node_copy (bv) : json_node_new (JSON_NODE_NULL));
              open = NULL; /* still open: refreshed, not closed */
              break;
            }
          case LIAISON_MERGE_SAME:
          default:
            if (liaison_field_map_value_equal (lv, gv))
              json_object_set_member (new_base, key,
                                      lv ? json_node_copy (lv) : json_node_new (JSON_NODE_NULL));
            else
              /* The direction keeps the sides apart: the base stays what it was. */
              json_object_set_member (new_base, key,
                                      bv ? json_node_copy (bv) : json_node_new (JSON_NODE_NULL));
            break;
        }
      if (open != NULL)
        g_array_append_val (item->conflicts_closed, open->id);
    }

  if (link != NULL)
    for (LiaisonService side = LIAISON_SERVICE_LSQ; side <= LIAISON_SERVICE_GHL; side++)
      if (p->options != NULL && p->options->refused != NULL && p->plan != NULL)
        liaison_sync_plan_drop_refused_update (p->plan, p->options->refused, ensure_map_hash (p),
                                               item, side, base, new_base);
  item->new_base = liaison_field_map_serialize (new_base);
  item->new_base_hash = liaison_field_map_hash (p->map, new_base);
  /* Nothing to write, nothing to record, the link already as it should be: no item. */
  if (link != NULL && !has_changes (item->lsq_changes) && !has_changes (item->ghl_changes)
      && item->conflicts->len == 0 && item->conflicts_closed->len == 0
      && item->conflicts_applied->len == 0 && g_strcmp0 (item->new_base_hash, link->base_hash) == 0
      && g_strcmp0 (lsq_hash, link->lsq_seen_hash) == 0
      && g_strcmp0 (ghl_hash, link->ghl_seen_hash) == 0)
    return NULL;
  return g_steal_pointer (&item);
}

static void
add_linked_keys (Planner *p, LiaisonService side, const LiaisonStoreRecord *record)
{
  if (record == NULL || record->deleted)
    return;
  if (record->email_norm)
    g_hash_table_add (p->linked_keys[side], g_strconcat ("e:", record->email_norm, NULL));
  if (record->phone_norm)
    g_hash_table_add (p->linked_keys[side], g_strconcat ("p:", record->phone_norm, NULL));
}

static LiaisonSyncItem *
gone_item (Planner *p, const LiaisonStoreSyncLink *link, const LiaisonStoreRecord *lsq,
           const LiaisonStoreRecord *ghl)
{
  LiaisonSyncItem *item = g_new0 (LiaisonSyncItem, 1);
  gboolean lsq_gone = lsq == NULL || lsq->deleted;
  gboolean ghl_gone = ghl == NULL || ghl->deleted;

  item->link_id = link->id;
  item->lsq_id = g_strdup (link->lsq_id);
  item->ghl_id = g_strdup (link->ghl_id);
  item->email = g_strdup (lsq && lsq->email_norm ? lsq->email_norm : ghl ? ghl->email_norm : NULL);
  if (lsq_gone && ghl_gone)
    {
      item->kind = LIAISON_SYNC_ITEM_UNLINK;
      item->reason = g_strdup (_ ("Both contacts are gone; the link is removed."));
      item->cause = g_strdup ("gone-both");
      return item;
    }
  item->target = lsq_gone ? LIAISON_SERVICE_GHL : LIAISON_SERVICE_LSQ;
  if (!p->options->deletes)
    {
      item->kind = LIAISON_SYNC_ITEM_UNLINK;
      item->reason = g_strdup_printf (
          _ ("The %s contact is gone and deletes are off: only the link is removed, the %s "
             "contact stays."),
          lsq_gone ? "LeadSquared" : "HighLevel", lsq_gone ? "HighLevel" : "LeadSquared");
      item->cause = g_strdup ("deletes-off");
      return item;
    }
  item->kind = LIAISON_SYNC_ITEM_DELETE;
  item->reason = g_strdup_printf (_ ("The %s contact is gone, so its %s counterpart is deleted."),
                                  lsq_gone ? "LeadSquared" : "HighLevel",
                                  lsq_gone ? "HighLevel" : "LeadSquared");
  item->cause = g_strdup (lsq_gone ? "lsq-gone" : "ghl-gone");
  return item;
}

static gboolean
scan_row (const LiaisonStoreSyncLink *link, const LiaisonStoreRecord *lsq,
          const LiaisonStoreRecord *ghl, gpointer user_data)
{
  Planner *p = user_data;
  LiaisonSyncItem *item;

  if (link == NULL)
    {
      const LiaisonStoreRecord *r = lsq ? lsq : ghl;
      Unlinked u = { g_strdup (r->remote_id),  g_strdup (r->raw),        g_strdup (r->content_hash),
                     g_strdup (r->email_norm), g_strdup (r->phone_norm), r->modified_at };

      g_array_append_val (p->unlinked[lsq ? LIAISON_SERVICE_LSQ : LIAISON_SERVICE_GHL], u);
      /* A create must not copy a record onto a key the other side already has (LeadSquared
       * refuses a second lead with a phone, HighLevel may merge). */
      add_linked_keys (p, lsq ? LIAISON_SERVICE_LSQ : LIAISON_SERVICE_GHL, r);
      return TRUE;
    }

  p->n_links++;
  add_linked_keys (p, LIAISON_SERVICE_LSQ, lsq);
  add_linked_keys (p, LIAISON_SERVICE_GHL, ghl);
  if (lsq && !lsq->deleted)
    p->n_live[LIAISON_SERVICE_LSQ]++;
  if (ghl && !ghl->deleted)
    p->n_live[LIAISON_SERVICE_GHL]++;
  if (lsq == NULL || ghl == NULL || lsq->deleted || ghl->deleted)
    {
      item = gone_item (p, link, lsq, ghl);
      if (item->kind == LIAISON_SYNC_ITEM_DELETE)
        g_ptr_array_add (p->deletes, item);
      else
        liaison_sync_plan_add (p->plan, item);
      return TRUE;
    }
  /* Unchanged since the last sync on both sides. */
  if (lsq->raw == NULL && ghl->raw == NULL)
    return TRUE;
  {
    Deferred d = { liaison_store_sync_link_copy (link),
                   { g_strdup (lsq->remote_id), g_strdup (ghl->remote_id) },
                   { g_strdup (lsq->raw), g_strdup (ghl->raw) },
                   { g_strdup (lsq->content_hash), g_strdup (ghl->content_hash) },
                   { lsq->modified_at, ghl->modified_at },
                   g_strdup (lsq->email_norm ? lsq->email_norm : ghl->email_norm) };

    /* The raw text of the unchanged side is needed too: the scan gives both or neither. */
    g_array_append_val (p->changed, d);
  }
  return TRUE;
}

static void
plan_changed (Planner *p)
{
  for (guint i = 0; i < p->changed->len; i++)
    {
      Deferred *d = &g_array_index (p->changed, Deferred, i);
      LiaisonSyncItem *item
          = plan_pair (p, d->link, d->ids[0], d->raws[0], d->hashes[0], d->modified[0], d->ids[1],
                       d->raws[1], d->hashes[1], d->modified[1], d->email);

      if (item != NULL)
        liaison_sync_plan_add (p->plan, item);
    }
}

/* The deletes, or the guard's refusal of them. */
static void
plan_deletes (Planner *p)
{
  guint limit = MAX (10, p->n_links * 5 / 100);
  g_autofree char *guard = NULL;

  if (p->deletes->len == 0)
    return;
  if (p->n_live[LIAISON_SERVICE_LSQ] == 0 || p->n_live[LIAISON_SERVICE_GHL] == 0)
    guard = g_strdup_printf (_ ("%s lists none of the %u linked contacts. Nothing was deleted: "
                                "if that is right, run the sync again with --force-delete."),
                             p->n_live[LIAISON_SERVICE_LSQ] == 0 ? "LeadSquared" : "HighLevel",
                             p->n_links);
  else if (p->deletes->len > limit)
    guard = g_strdup_printf (_ ("This sync would delete %u of %u linked contacts, more than the "
                                "%u a sync deletes unasked. Nothing was deleted: if that is "
                                "right, run the sync again with --force-delete."),
                             p->deletes->len, p->n_links, limit);
  if (guard != NULL && !p->options->force_delete)
    {
      liaison_sync_plan_set_delete_guard (p->plan, guard);
      for (guint i = 0; i < p->deletes->len; i++)
        {
          LiaisonSyncItem *item = g_ptr_array_index (p->deletes, i);

          item->kind = LIAISON_SYNC_ITEM_SKIP;
          g_free (item->cause);
          item->cause = g_strdup ("delete-guard");
          g_free (item->reason);
          item->reason = g_strdup (guard);
        }
    }
  for (guint i = 0; i < p->deletes->len; i++)
    liaison_sync_plan_add (p->plan, g_ptr_array_index (p->deletes, i));
  g_ptr_array_set_free_func (p->deletes, NULL);
  g_ptr_array_set_size (p->deletes, 0);
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

static char *
candidates_json (Planner *p, const guint64 *lsq, guint n_lsq, const guint64 *ghl, guint n_ghl,
                 LiaisonMatchReason reason)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  Unlinked *ul = (Unlinked *) p->unlinked[LIAISON_SERVICE_LSQ]->data;
  Unlinked *ug = (Unlinked *) p->unlinked[LIAISON_SERVICE_GHL]->data;
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "lsq");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_lsq; i++)
    g_ptr_array_add (ids, ul[lsq[i]].remote_id);
  g_ptr_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (ids, i));
  json_builder_end_array (b);
  g_ptr_array_set_size (ids, 0);
  json_builder_set_member_name (b, "ghl");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_ghl; i++)
    g_ptr_array_add (ids, ug[ghl[i]].remote_id);
  g_ptr_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (ids, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "reason");
  json_builder_add_string_value (b, reason == LIAISON_MATCH_EMAIL ? "email" : "phone");
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static gboolean
has_key (GHashTable *keys, const char *prefix, const char *value)
{
  g_autofree char *key = value ? g_strconcat (prefix, value, NULL) : NULL;

  return key != NULL && g_hash_table_contains (keys, key);
}

/* The error with which `to` refused a create of this very record through this very map, or
 * NULL. */
static const char *
refused_before (Planner *p, LiaisonService to, const Unlinked *u)
{
  g_autofree char *key = NULL;

  if (p->options->refused == NULL || u->content_hash == NULL)
    return NULL;
  key = liaison_store_refused_create_key (to, u->remote_id, u->content_hash, ensure_map_hash (p));
  return g_hash_table_lookup (p->options->refused, key);
}

/* The record an undo took the copy of back, or NULL. */
static const LiaisonStoreNotCopied *
undone_before (Planner *p, LiaisonService from, const Unlinked *u)
{
  g_autofree char *key = NULL;

  if (p->options->not_copied == NULL || p->connections[from] == NULL)
    return NULL;
  key = liaison_store_not_copied_key (p->connections[from], u->remote_id);
  return g_hash_table_lookup (p->options->not_copied, key);
}

static void
plan_create (Planner *p, LiaisonService from, Unlinked *u, gboolean kept_apart)
{
  const LiaisonStoreNotCopied *undone;
  LiaisonService to = from == LIAISON_SERVICE_LSQ ? LIAISON_SERVICE_GHL : LIAISON_SERVICE_LSQ;
  g_autoptr (LiaisonSyncItem) item = g_new0 (LiaisonSyncItem, 1);
  const char *refused;

  item->target = to;
  item->email = g_strdup (u->email_norm);
  item->phone = g_strdup (u->phone_norm);
  if (from == LIAISON_SERVICE_LSQ)
    item->lsq_id = g_strdup (u->remote_id);
  else
    item->ghl_id = g_strdup (u->remote_id);
  if (!p->may_create[to])
    return; /* the map lets nothing travel there: not even worth a line */
  item->kind = LIAISON_SYNC_ITEM_SKIP;
  if ((undone = undone_before (p, from, u)) != NULL)
    {
      g_autofree char *undone_run = g_strdup_printf ("%" G_GINT64_FORMAT, undone->undone_run);
      g_autofree char *undo_run = g_strdup_printf ("%" G_GINT64_FORMAT, undone->run_id);

      /* Copying it again would take the undo back. */
      item->reason = g_strdup_printf (
          _ ("Not copied: undone in run %s, which deleted the %s copy run %s had made. "
             "“liaison-cli undo --copy-again %s” lets the next sync copy it again."),
          undo_run, to == LIAISON_SERVICE_LSQ ? "LeadSquared" : "HighLevel", undone_run,
          u->remote_id);
      item->cause = g_strdup ("undone");
    }
  else if (kept_apart)
    {
      item->reason = g_strdup_printf (_ ("It was kept apart from the %s contacts with its e-mail "
                                         "address or phone number; it is not copied, to make no "
                                         "duplicate."),
                                      to == LIAISON_SERVICE_LSQ ? "LeadSquared" : "HighLevel");
      item->cause = g_strdup ("kept-apart");
    }
  else if (u->email_norm == NULL && u->phone_norm == NULL)
    {
      item->reason = g_strdup (_ ("It has neither an e-mail address nor a phone number, so a "
                                  "copy could not be told apart from a duplicate; it is not "
                                  "copied."));
      item->cause = g_strdup ("no-key");
    }
  else if (has_key (p->linked_keys[to], "e:", u->email_norm)
           || has_key (p->linked_keys[to], "p:", u->phone_norm))
    {
      item->reason = g_strdup_printf (_ ("Its e-mail address or phone number belongs to another "
                                         "%s contact; it is not copied, to make no duplicate."),
                                      to == LIAISON_SERVICE_LSQ ? "LeadSquared" : "HighLevel");
      item->cause = g_strdup ("duplicate");
    }
  else if ((refused = refused_before (p, to, u)) != NULL)
    {
      /* The same copy would be refused again: it waits for the record to change. */
      item->reason
          = g_strdup_printf (_ ("%s refused this copy before (%s); it is sent again "
                                "once the contact changes."),
                             to == LIAISON_SERVICE_LSQ ? "LeadSquared" : "HighLevel", refused);
      item->cause = g_strdup ("refused");
    }
  else
    {
      item->values = project (p, from, u->raw);
      if (item->values == NULL)
        {
          item->reason = g_strdup (_ ("Its cached copy cannot be read; refresh to read it "
                                      "again."));
          item->cause = g_strdup ("unreadable");
        }
      else
        {
          item->kind = LIAISON_SYNC_ITEM_CREATE;
          item->origin = LIAISON_LINK_CREATED;
          /* A second record of this side with the same key is not created twice. */
          if (u->email_norm)
            g_hash_table_add (p->linked_keys[to], g_strconcat ("e:", u->email_norm, NULL));
          if (u->phone_norm)
            g_hash_table_add (p->linked_keys[to], g_strconcat ("p:", u->phone_norm, NULL));
          item->new_base = liaison_field_map_serialize (item->values);
          item->new_base_hash = liaison_field_map_hash (p->map, item->values);
          if (from == LIAISON_SERVICE_LSQ)
            item->lsq_seen = g_strdup (u->content_hash);
          else
            item->ghl_seen = g_strdup (u->content_hash);
          item->cause = g_strdup ("no-counterpart");
        }
    }
  liaison_sync_plan_add (p->plan, g_steal_pointer (&item));
}

/* Pairs a person kept apart are never matched: a record held apart from all its partners is
 * not created on the other side either, since its key is there. */
static void
add_kept_apart (Planner *p, LiaisonMatcher *matcher)
{
  g_autoptr (GHashTable) lsq = NULL;
  g_autoptr (GHashTable) ghl = NULL;
  GHashTable *index[2];

  if (p->apart->len == 0)
    return;
  index[LIAISON_SERVICE_LSQ] = lsq = g_hash_table_new (g_str_hash, g_str_equal);
  index[LIAISON_SERVICE_GHL] = ghl = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint side = 0; side < 2; side++)
    {
      for (guint i = 0; i < p->unlinked[side]->len; i++)
        g_hash_table_insert (index[side], g_array_index (p->unlinked[side], Unlinked, i).remote_id,
                             GUINT_TO_POINTER (i + 1));
    }
  for (guint i = 0; i < p->apart->len; i++)
    {
      const LiaisonStoreLink *pair = g_ptr_array_index (p->apart, i);
      guint l = GPOINTER_TO_UINT (g_hash_table_lookup (index[LIAISON_SERVICE_LSQ], pair->lsq_id));
      guint g = GPOINTER_TO_UINT (g_hash_table_lookup (index[LIAISON_SERVICE_GHL], pair->ghl_id));

      if (l > 0 && g > 0)
        liaison_matcher_keep_apart (matcher, l - 1, g - 1);
    }
}

/* Whether an ambiguous match's candidates (its "lsq" or "ghl" array) name one of keys
 * ("lsq:ID", "ghl:ID"). */
static gboolean
candidates_in (JsonObject *candidates, GHashTable *keys)
{
  static const char *const sides[] = { "lsq", "ghl" };

  for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
    {
      JsonArray *ids = json_object_get_array_member (candidates, sides[s]);

      for (guint i = 0; ids != NULL && i < json_array_get_length (ids); i++)
        {
          const char *id = json_array_get_string_element (ids, i);
          g_autofree char *key = id ? g_strconcat (sides[s], ":", id, NULL) : NULL;

          if (key != NULL && g_hash_table_contains (keys, key))
            return TRUE;
        }
    }
  return FALSE;
}

/* An open ambiguous match this plan no longer finds (found: the candidates of this plan's) is
 * closed, unless one of its candidates is linked by this plan (paired): the link closes it then,
 * as "linked". Either its contacts are grouped differently now (regrouped: the candidates of
 * this plan's matches; a new match replaces it), or they are no longer an ambiguous match
 * (deleted, edited, linked by hand). */
static void
plan_ambiguous_closes (Planner *p, GHashTable *found, GHashTable *paired, GHashTable *regrouped)
{
  for (guint i = 0; p->ambiguous_open != NULL && i < p->ambiguous_open->len; i++)
    {
      const LiaisonStoreConflict *c = g_ptr_array_index (p->ambiguous_open, i);
      g_autoptr (JsonNode) node = c->candidates ? json_from_string (c->candidates, NULL) : NULL;
      JsonObject *candidates
          = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      gboolean phone;
      LiaisonSyncItem *item;

      if (c->candidates == NULL || g_hash_table_contains (found, c->candidates)
          || (candidates != NULL && candidates_in (candidates, paired)))
        continue;
      phone = candidates != NULL
              && g_strcmp0 (json_object_get_string_member_with_default (candidates, "reason", NULL),
                            "phone")
                     == 0;
      item = g_new0 (LiaisonSyncItem, 1);
      item->kind = LIAISON_SYNC_ITEM_CLOSE;
      item->record = LIAISON_RECORD_CONTACT;
      item->lsq_id = g_strdup (c->lsq_id);
      item->ghl_id = g_strdup (c->ghl_id);
      item->email = g_strdup (c->email);
      item->candidates = g_strdup (c->candidates);
      item->conflicts_closed = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (item->conflicts_closed, c->id);
      item->cause = g_strdup ("ambiguous-settled");
      if (candidates != NULL && candidates_in (candidates, regrouped))
        item->reason = g_strdup (phone ? _ ("The contacts sharing this phone number changed: "
                                            "the ambiguous match listed with them now replaces "
                                            "this one.")
                                       : _ ("The contacts sharing this e-mail address changed: "
                                            "the ambiguous match listed with them now replaces "
                                            "this one."));
      else
        item->reason = g_strdup (phone ? _ ("The contacts that shared this phone number are no "
                                            "longer an ambiguous match (one was deleted, edited "
                                            "or linked): the match is closed, and each contact "
                                            "syncs on its own.")
                                       : _ ("The contacts that shared this e-mail address are "
                                            "no longer an ambiguous match (one was deleted, "
                                            "edited or linked): the match is closed, and each "
                                            "contact syncs on its own."));
      liaison_sync_plan_add (p->plan, item);
    }
}

static void
plan_unlinked (Planner *p)
{
  GArray *ul = p->unlinked[LIAISON_SERVICE_LSQ];
  GArray *ug = p->unlinked[LIAISON_SERVICE_GHL];
  g_autoptr (LiaisonMatcher) matcher = liaison_matcher_new (NULL);
  g_autofree gboolean *settled_l = g_new0 (gboolean, MAX (ul->len, 1));
  g_autofree gboolean *settled_g = g_new0 (gboolean, MAX (ug->len, 1));
  g_autofree gboolean *held_l = g_new0 (gboolean, MAX (ul->len, 1));
  g_autofree gboolean *held_g = g_new0 (gboolean, MAX (ug->len, 1));
  g_autoptr (GHashTable) paired = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) regrouped
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < ul->len; i++)
    {
      Unlinked *u = &g_array_index (ul, Unlinked, i);
      liaison_matcher_add_normalized (matcher, LIAISON_SERVICE_LSQ, i, u->email_norm,
                                      u->phone_norm);
    }
  for (guint i = 0; i < ug->len; i++)
    {
      Unlinked *u = &g_array_index (ug, Unlinked, i);
      liaison_matcher_add_normalized (matcher, LIAISON_SERVICE_GHL, i, u->email_norm,
                                      u->phone_norm);
    }
  add_kept_apart (p, matcher);
  liaison_matcher_run (matcher);

  for (guint i = 0; i < liaison_matcher_get_n_pairs (matcher); i++)
    {
      guint64 kl, kg;
      LiaisonMatchReason reason;
      Unlinked *a, *b;
      LiaisonSyncItem *item;

      liaison_matcher_get_pair (matcher, i, &kl, &kg, &reason);
      a = &g_array_index (ul, Unlinked, kl);
      b = &g_array_index (ug, Unlinked, kg);
      settled_l[kl] = settled_g[kg] = TRUE;
      g_hash_table_add (paired, g_strconcat ("lsq:", a->remote_id, NULL));
      g_hash_table_add (paired, g_strconcat ("ghl:", b->remote_id, NULL));
      item = plan_pair (p, NULL, a->remote_id, a->raw, a->content_hash, a->modified_at,
                        b->remote_id, b->raw, b->content_hash, b->modified_at,
                        a->email_norm ? a->email_norm : b->email_norm);
      item->origin = LIAISON_LINK_MATCHED;
      if (item->kind == LIAISON_SYNC_ITEM_UPDATE)
        {
          item->reason = g_strdup (reason == LIAISON_MATCH_EMAIL ? _ ("Matched by e-mail address.")
                                                                 : _ ("Matched by phone number."));
          item->cause
              = g_strdup (reason == LIAISON_MATCH_EMAIL ? "matched-email" : "matched-phone");
        }
      liaison_sync_plan_add (p->plan, item);
    }

  for (guint i = 0; i < liaison_matcher_get_n_ambiguous (matcher); i++)
    {
      const guint64 *kl, *kg;
      guint nl, ng;
      LiaisonMatchReason reason;
      LiaisonSyncItem *item = g_new0 (LiaisonSyncItem, 1);
      LiaisonStoreConflict *c;

      liaison_matcher_get_ambiguous (matcher, i, &kl, &nl, &kg, &ng, &reason);
      for (guint j = 0; j < nl; j++)
        settled_l[kl[j]] = TRUE;
      for (guint j = 0; j < ng; j++)
        settled_g[kg[j]] = TRUE;
      item->kind = LIAISON_SYNC_ITEM_AMBIGUOUS;
      item->candidates = candidates_json (p, kl, nl, kg, ng, reason);
      g_hash_table_add (found, g_strdup (item->candidates));
      for (guint j = 0; j < nl; j++)
        g_hash_table_add (regrouped,
                          g_strconcat ("lsq:", g_array_index (ul, Unlinked, kl[j]).remote_id, NULL));
      for (guint j = 0; j < ng; j++)
        g_hash_table_add (regrouped,
                          g_strconcat ("ghl:", g_array_index (ug, Unlinked, kg[j]).remote_id, NULL));
      item->lsq_id = nl > 0 ? g_strdup (g_array_index (ul, Unlinked, kl[0]).remote_id) : NULL;
      item->ghl_id = ng > 0 ? g_strdup (g_array_index (ug, Unlinked, kg[0]).remote_id) : NULL;
      item->email = g_strdup (nl > 0 ? g_array_index (ul, Unlinked, kl[0]).email_norm
                                     : g_array_index (ug, Unlinked, kg[0]).email_norm);
      item->reason = g_strdup_printf (
          reason == LIAISON_MATCH_EMAIL
              ? _ ("%u LeadSquared and %u HighLevel contacts share an e-mail address: pick the "
                   "pair by hand; none is linked or copied meanwhile.")
              : _ ("%u LeadSquared and %u HighLevel contacts share a phone number: pick the "
                   "pair by hand; none is linked or copied meanwhile."),
          nl, ng);
      item->cause = g_strdup ("ambiguous");
      item->conflicts
          = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_conflict_free);
      c = g_new0 (LiaisonStoreConflict, 1);
      c->kind = LIAISON_CONFLICT_AMBIGUOUS;
      c->candidates = g_strdup (item->candidates);
      g_ptr_array_add (item->conflicts, c);
      liaison_sync_plan_add (p->plan, item);
    }

  plan_ambiguous_closes (p, found, paired, regrouped);

  for (guint i = 0; i < liaison_matcher_get_n_held_apart (matcher); i++)
    {
      LiaisonService side;
      guint64 key;

      liaison_matcher_get_held_apart (matcher, i, &side, &key, NULL);
      (side == LIAISON_SERVICE_LSQ ? held_l : held_g)[key] = TRUE;
    }
  for (guint i = 0; i < ul->len; i++)
    if (!settled_l[i])
      plan_create (p, LIAISON_SERVICE_LSQ, &g_array_index (ul, Unlinked, i), held_l[i]);
  for (guint i = 0; i < ug->len; i++)
    if (!settled_g[i])
      plan_create (p, LIAISON_SERVICE_GHL, &g_array_index (ug, Unlinked, i), held_g[i]);
}

LiaisonSyncItem *
liaison_sync_plan_preview_pair (LiaisonFieldMap *map, const LiaisonStoreSyncLink *link,
                                const LiaisonStoreRecord *lsq, const LiaisonStoreRecord *ghl,
                                GPtrArray *open_conflicts)
{
  Planner p = { 0 };
  LiaisonSyncItem *item;

  g_return_val_if_fail (LIAISON_IS_FIELD_MAP (map), NULL);
  g_return_val_if_fail (link != NULL && lsq != NULL && ghl != NULL, NULL);
  p.map = map;
  p.conflicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; open_conflicts && i < open_conflicts->len; i++)
    {
      LiaisonStoreConflict *c = g_ptr_array_index (open_conflicts, i);

      if (c->kind == LIAISON_CONFLICT_FIELD && c->link_id == link->id && c->field)
        g_hash_table_replace (p.conflicts, conflict_key (c->link_id, c->field), c);
    }
  for (guint side = 0; side < 2; side++)
    p.linked_keys[side] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  item = plan_pair (&p, link, lsq->remote_id, lsq->raw, lsq->content_hash, lsq->modified_at,
                    ghl->remote_id, ghl->raw, ghl->content_hash, ghl->modified_at,
                    lsq->email_norm ? lsq->email_norm : ghl->email_norm);
  if (item == NULL)
    {
      /* In step already: nothing to write. */
      item = g_new0 (LiaisonSyncItem, 1);
      item->kind = LIAISON_SYNC_ITEM_UPDATE;
      item->link_id = link->id;
      item->lsq_id = g_strdup (lsq->remote_id);
      item->ghl_id = g_strdup (ghl->remote_id);
    }
  g_hash_table_unref (p.conflicts);
  for (guint side = 0; side < 2; side++)
    g_hash_table_unref (p.linked_keys[side]);
  return item;
}

LiaisonSyncPlan *
liaison_sync_plan_build (LiaisonStore *store, LiaisonFieldMap *map, const char *lsq_connection,
                         const char *ghl_connection, GPtrArray *open_conflicts,
                         const LiaisonSyncPlanOptions *options, GError **error)
{
  Planner p = { 0 };
  g_autoptr (LiaisonSyncPlan) plan = liaison_sync_plan_new ();
  gboolean ok;

  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (LIAISON_IS_FIELD_MAP (map), NULL);
  p.map = map;
  p.plan = plan;
  p.options = options;
  p.connections[LIAISON_SERVICE_LSQ] = lsq_connection;
  p.connections[LIAISON_SERVICE_GHL] = ghl_connection;
  p.conflicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p.ambiguous_open = g_ptr_array_new ();
  for (guint i = 0; open_conflicts && i < open_conflicts->len; i++)
    {
      LiaisonStoreConflict *c = g_ptr_array_index (open_conflicts, i);

      if (c->kind == LIAISON_CONFLICT_FIELD && c->link_id > 0 && c->field)
        g_hash_table_replace (p.conflicts, conflict_key (c->link_id, c->field), c);
      else if (c->kind == LIAISON_CONFLICT_AMBIGUOUS && c->resolved_at == 0)
        g_ptr_array_add (p.ambiguous_open, c);
    }
  for (guint side = 0; side < 2; side++)
    {
      p.unlinked[side] = g_array_new (FALSE, FALSE, sizeof (Unlinked));
      g_array_set_clear_func (p.unlinked[side], unlinked_clear);
      p.linked_keys[side] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < liaison_field_map_get_n_pairs (map); i++)
        if (direction_writes (liaison_field_map_get_direction (map, i), side))
          p.may_create[side] = TRUE;
    }
  p.deletes = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_sync_item_free);
  p.changed = g_array_new (FALSE, FALSE, sizeof (Deferred));
  g_array_set_clear_func (p.changed, deferred_clear);
  liaison_sync_plan_set_lsq_create_batch (plan, options->lsq_create_batch);

  p.apart = liaison_store_list_apart (store, LIAISON_RECORD_CONTACT, lsq_connection, ghl_connection,
                                      error);
  ok = p.apart != NULL
       && liaison_store_scan_contacts (store, lsq_connection, ghl_connection, scan_row, &p, error);
  if (ok)
    {
      liaison_sync_plan_set_n_links (plan, p.n_links);
      plan_changed (&p);
      plan_deletes (&p);
      plan_unlinked (&p);
    }

  g_hash_table_unref (p.conflicts);
  for (guint side = 0; side < 2; side++)
    {
      g_array_unref (p.unlinked[side]);
      g_hash_table_unref (p.linked_keys[side]);
    }
  g_ptr_array_unref (p.deletes);
  g_array_unref (p.changed);
  g_clear_pointer (&p.apart, g_ptr_array_unref);
  g_ptr_array_unref (p.ambiguous_open);
  g_free (p.map_hash);
  return ok ? g_steal_pointer (&plan) : NULL;
}
