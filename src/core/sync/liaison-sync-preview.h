/* liaison-sync-preview.h: what a sync would do under a field map that is not saved yet, from
 * the store's cached copy of both sides: the plan of a whole run, or the values of one linked
 * contact before and after. A preview reads no service and writes nothing, to the services or
 * to the store (not even a run row).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-field-map.h"
#include "liaison-store.h"
#include "liaison-sync-plan.h"

G_BEGIN_DECLS

/* The plan a sync run would make now under map (fitted to the accounts: users, field types,
 * default region; a copy nobody edits meanwhile), as the engine plans it, with the profile's
 * delete setting and open conflicts. The plan is built on a worker thread; cancelling returns
 * at once and lets the worker's result go. */
void liaison_sync_preview_plan_async (LiaisonStore *store, LiaisonFieldMap *map,
                                      const char *lsq_connection, const char *ghl_connection,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data);
LiaisonSyncPlan *liaison_sync_preview_plan_finish (GAsyncResult *result, GError **error);

/* Values as a person reads them: text as is, a set's options joined by commas, flags as Yes or
 * No; NULL for an empty value. */

/* One pair of the map on one linked contact. */
typedef struct
{
  char *key;
  char *base;          /* at the last sync; NULL when empty or never synced */
  gboolean synced;     /* the pair has a value at the last sync (base may be NULL: empty) */
  char *now[2];        /* by LIAISON_SERVICE_*: the side's value now */
  char *after[2];      /* what the side holds after the sync */
  gboolean written[2]; /* the sync writes the side */
  gboolean differ;     /* the two sides' values now mean different things */
  gboolean conflict;   /* both sides changed it: a person decides, neither side is written */
} LiaisonSyncFieldPreview;

void liaison_sync_field_preview_free (LiaisonSyncFieldPreview *field);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonSyncFieldPreview, liaison_sync_field_preview_free)

/* What a sync under map would write to the contact lsq_id of lsq_connection and its linked
 * HighLevel contact: a GPtrArray of LiaisonSyncFieldPreview, one per pair in the map's order.
 * An error when the contact is no longer linked or a cached copy cannot be read. */
void liaison_sync_preview_contact_async (LiaisonStore *store, LiaisonFieldMap *map,
                                         const char *lsq_connection, const char *ghl_connection,
                                         const char *lsq_id, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *liaison_sync_preview_contact_finish (GAsyncResult *result, GError **error);

/* ---- a plan's changes, one a line ---- */

typedef enum
{
  LIAISON_SYNC_CHANGE_UPDATE,   /* field on side: before -> after */
  LIAISON_SYNC_CHANGE_CREATE,   /* a contact created on side */
  LIAISON_SYNC_CHANGE_LINK,     /* two contacts linked by a match (reason) */
  LIAISON_SYNC_CHANGE_CONFLICT, /* field: before is LeadSquared's value, after HighLevel's; no
                                 * field: an ambiguous match (reason) */
  LIAISON_SYNC_CHANGE_DELETE,   /* a contact deleted on side (reason) */
  LIAISON_SYNC_CHANGE_UNLINK,   /* a link removed (reason) */
  LIAISON_SYNC_CHANGE_SKIP,     /* nothing done on side (reason) */
  LIAISON_SYNC_CHANGE_CLOSE,    /* an ambiguous match of an earlier run closed (reason) */
} LiaisonSyncChangeKind;

typedef struct
{
  LiaisonSyncChangeKind kind;
  LiaisonService side;
  char *lsq_id; /* the contacts concerned (either may be NULL) */
  char *ghl_id;
  char *email;
  char *field;  /* the pair key, or NULL */
  char *before; /* values as a person reads them, NULL: empty */
  char *after;
  char *reason; /* a sentence, or NULL */
} LiaisonSyncChange;

void liaison_sync_change_free (LiaisonSyncChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonSyncChange, liaison_sync_change_free)

/* The plan's changes in its order (that of liaison_sync_plan_to_json's operations), at most
 * max of them (0: all): a GPtrArray of LiaisonSyncChange. *n_total (may be NULL): how many
 * there are in all. */
GPtrArray *liaison_sync_plan_list_changes (LiaisonSyncPlan *plan, guint max, guint *n_total);
/* The fields one UPDATE item writes, LeadSquared's first, each side's by key: a GPtrArray of
 * LiaisonSyncChange of kind UPDATE (empty for an item that writes no field). */
GPtrArray *liaison_sync_item_list_updates (const LiaisonSyncItem *item);

G_END_DECLS
