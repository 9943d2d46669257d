/* liaison-sync-plan.h: LiaisonSyncPlan, what one sync run will do: per pair of contacts the
 * fields written to each side with their values before and after, the links made, the records
 * created or deleted, the conflicts opened, what is skipped and why; and the API calls that
 * takes. A dry run shows it; an apply carries it out item by item.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "liaison-field-map.h"
#include "liaison-store-sync.h"

G_BEGIN_DECLS

typedef enum
{
  LIAISON_SYNC_ITEM_UPDATE,    /* a linked (or newly matched) pair: fields to write, new base */
  LIAISON_SYNC_ITEM_CREATE,    /* a record with no counterpart: created on target */
  LIAISON_SYNC_ITEM_AMBIGUOUS, /* several candidates: an open conflict, nothing written */
  LIAISON_SYNC_ITEM_DELETE,    /* the counterpart is gone: target is deleted (deletes on) */
  LIAISON_SYNC_ITEM_UNLINK,    /* the counterpart is gone: only the link goes (deletes off) */
  LIAISON_SYNC_ITEM_SKIP,      /* nothing is done, for reason */
  LIAISON_SYNC_ITEM_CLOSE,     /* an open ambiguous match no longer found: closed, for reason */
} LiaisonSyncItemKind;

typedef struct
{
  LiaisonSyncItemKind kind;
  gint64 link_id;           /* 0: not linked yet */
  LiaisonLinkOrigin origin; /* of a new link */
  char *lsq_id;
  char *ghl_id;
  LiaisonService target; /* CREATE, DELETE, SKIP: the side that would be written */
  char *email;           /* normalized, for lookups and for people */
  char *phone;
  JsonObject *lsq_changes; /* UPDATE: pair key -> canonical value to write to LeadSquared */
  JsonObject *ghl_changes;
  JsonObject *lsq_before; /* the values there now, for the changed keys */
  JsonObject *ghl_before;
  JsonObject *values; /* CREATE: the source's projection */
  char *base;         /* UPDATE of a link: its base snapshot now, and its hash */
  char *base_hash;
  char *new_base; /* UPDATE, CREATE: the base snapshot after the item */
  char *new_base_hash;
  char *lsq_seen; /* the content hashes the item was planned from */
  char *ghl_seen;
  GPtrArray *conflicts;      /* LiaisonStoreConflict to open or refresh */
  GArray *conflicts_closed;  /* gint64: open conflicts the services settled */
  GArray *conflicts_applied; /* gint64: answered conflicts this item writes */
  char *candidates;          /* AMBIGUOUS, CLOSE: {"lsq": [...], "ghl": [...], "reason": ...} */
  char *reason;              /* SKIP, UNLINK, DELETE, CLOSE, a new link: why, a sentence */
  char *cause;               /* a short code: "matched-email", "no-key", "deletes-off"... */
  char *field;               /* SKIP: the field it is about, or NULL for the whole record */
  gint64 undoes;             /* an undo's item: the run it takes back; 0 otherwise */
  LiaisonRecordKind record;  /* what lsq_id and ghl_id are: a contact's unless an undo's SKIP or
                              * DELETE of a task, note or appointment (its rows have that kind) */
  char *lsq_parent;          /* an undo's DELETE of a task, note or appointment: the contacts */
  char *ghl_parent;
  char *created; /* that DELETE: what the run created (JSON text), which the copy must hold still */
} LiaisonSyncItem;

void liaison_sync_item_free (LiaisonSyncItem *item);
/* Hex SHA-256 of the canonical bytes of an update's changes (pair key -> value): with the
 * record's content hash and the map's fingerprint, what tells a refused update sent again. */
char *liaison_sync_changes_hash (JsonObject *changes);
gboolean liaison_sync_item_writes (const LiaisonSyncItem *item, LiaisonService side);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonSyncItem, liaison_sync_item_free)

#define LIAISON_TYPE_SYNC_PLAN (liaison_sync_plan_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonSyncPlan, liaison_sync_plan, LIAISON, SYNC_PLAN, GObject)

typedef struct
{
  gboolean deletes;       /* deletes travel (the profile's setting) */
  gboolean force_delete;  /* past the guard */
  guint lsq_create_batch; /* rows per Bulk CreateOrUpdate call (25) */
  GHashTable *refused;    /* liaison_store_list_refused_writes(), or NULL */
  GHashTable *not_copied; /* liaison_store_not_copied_key () -> LiaisonStoreNotCopied, or NULL */
} LiaisonSyncPlanOptions;

/* Builds the plan from the store's cached copy of both sides. Blocks (reads and projects every
 * changed record): call it from a worker thread. open_conflicts: LiaisonStoreConflict, open or
 * answered and not yet applied (liaison_store_list_conflicts_for_plan). */
LiaisonSyncPlan *liaison_sync_plan_build (LiaisonStore *store, LiaisonFieldMap *map,
                                          const char *lsq_connection, const char *ghl_connection,
                                          GPtrArray *open_conflicts,
                                          const LiaisonSyncPlanOptions *options, GError **error);

GPtrArray *liaison_sync_plan_get_items (LiaisonSyncPlan *self); /* LiaisonSyncItem */
/* The API calls applying the plan takes, per service (LIAISON_SERVICE_*). */
guint liaison_sync_plan_get_n_calls (LiaisonSyncPlan *self, LiaisonService service);
guint liaison_sync_plan_count (LiaisonSyncPlan *self, LiaisonSyncItemKind kind);
guint liaison_sync_plan_get_n_links (LiaisonSyncPlan *self); /* links before the run */
/* Deletes were held back by the guard: why, a sentence; NULL when they were not. */
const char *liaison_sync_plan_get_delete_guard (LiaisonSyncPlan *self);
/* What a plan does, counted per side (by LIAISON_SERVICE_*): records updated there and the
 * field values written to them, records created, deleted and skipped there; and the pairs
 * linked by a match, the links removed, the ambiguous matches and the fields in conflict, and
 * the ambiguous matches of earlier runs closed because their contacts no longer make them. */
typedef struct
{
  guint updated[2];
  guint fields[2];
  guint created[2];
  guint deleted[2];
  guint skipped[2];
  guint linked;
  guint unlinked;
  guint ambiguous;
  guint conflicts;
  guint ambiguous_closed;
} LiaisonSyncPlanSummary;

void liaison_sync_plan_summarize (LiaisonSyncPlan *self, LiaisonSyncPlanSummary *summary);
/* For the planner: when side refused item's changes for it before (refused_writes, the
 * store's liaison_store_list_refused_writes()), takes them out of item, puts base's values
 * for them back into new_base and adds a skip saying so to the plan. */
void liaison_sync_plan_drop_refused_update (LiaisonSyncPlan *self, GHashTable *refused_writes,
                                            const char *map_hash, LiaisonSyncItem *item,
                                            LiaisonService side, JsonObject *base,
                                            JsonObject *new_base);
/* The phone region the plan read national numbers in (NULL: none) and who chose it ("person",
 * "location": taken from the HighLevel location's country; NULL: nobody). */
void liaison_sync_plan_set_phone_region (LiaisonSyncPlan *self, const char *region,
                                         const char *source);
const char *liaison_sync_plan_get_phone_region (LiaisonSyncPlan *self, const char **source);
/* Of get_n_calls, the bulk calls (LeadSquared's bulk creates), which have a limit of their own. */
guint liaison_sync_plan_get_n_bulk_calls (LiaisonSyncPlan *self, LiaisonService service);

/* The plan as JSON: {"calls": {"lsq": n, "ghl": n}, "counts": {...}, "operations": [...]}, each
 * operation {"action", "side", "lsqId", "ghlId", "email", "field", "before", "after", "reason"}. */
JsonNode *liaison_sync_plan_to_json (LiaisonSyncPlan *self);

/* The plan of a run that takes run_id back (liaison-sync-undo.c): each field the run changed
 * returns to its value before the run on both services, where both still hold what the run
 * left; fields changed since are SKIP items. A record the run created, contact, task, note or
 * appointment, is deleted (a DELETE item with undoes set and record its kind) when
 * options->deletes, within the mass-delete guard unless options->force_delete; else it is a
 * SKIP item saying why (a LeadSquared note always: LeadSquared cannot delete one). The apply
 * reads a task, note or appointment again before deleting it. On the thread that owns the
 * store's reader (the main thread). */
LiaisonSyncPlan *liaison_sync_plan_build_undo (LiaisonStore *store, LiaisonFieldMap *map,
                                               const char *lsq_connection,
                                               const char *ghl_connection, gint64 run_id,
                                               const LiaisonSyncPlanOptions *options,
                                               GError **error);

/* For previews: what a sync under map would do to one linked pair (link: its id and base
 * snapshot) whose cached records are lsq and ghl (raw as the store keeps them), the same
 * three-way merge the plan makes; open_conflicts (LiaisonStoreConflict, may be NULL) are those
 * of the link. Never NULL: an UPDATE, maybe writing nothing, or a SKIP saying why. The
 * duplicate-key checks that need every record are not made. */
LiaisonSyncItem *liaison_sync_plan_preview_pair (LiaisonFieldMap *map,
                                                 const LiaisonStoreSyncLink *link,
                                                 const LiaisonStoreRecord *lsq,
                                                 const LiaisonStoreRecord *ghl,
                                                 GPtrArray *open_conflicts);

/* For the planner. */
LiaisonSyncPlan *liaison_sync_plan_new (void);
void liaison_sync_plan_add (LiaisonSyncPlan *self, LiaisonSyncItem *item);
void liaison_sync_plan_set_n_links (LiaisonSyncPlan *self, guint n_links);
void liaison_sync_plan_set_delete_guard (LiaisonSyncPlan *self, const char *reason);
void liaison_sync_plan_set_lsq_create_batch (LiaisonSyncPlan *self, guint batch);

G_END_DECLS
