/* liaison-activity-item.h: one item of LiaisonActivityList: a contact's task, note or
 * appointment (LiaisonTask, LiaisonNote, LiaisonAppointment) and the service it is from.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "liaison-store-types.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_ACTIVITY_ITEM (liaison_activity_item_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonActivityItem, liaison_activity_item, LIAISON, ACTIVITY_ITEM, GObject)

/* Where the sync stands with an item (tasks and notes of a contact in both services). */
typedef enum
{
  LIAISON_ACTIVITY_SYNC_NONE,       /* not carried (appointments, a contact in one service) or not
                                     * known yet */
  LIAISON_ACTIVITY_SYNC_IN_BOTH,    /* linked to its copy in the other service */
  LIAISON_ACTIVITY_SYNC_WAITING,    /* not in the other service yet: the next sync copies it */
  LIAISON_ACTIVITY_SYNC_CONFLICT,   /* both services changed it differently: a person decides */
  LIAISON_ACTIVITY_SYNC_NOT_COPIED, /* an undo took its copy back: the next sync leaves it alone */
} LiaisonActivitySyncState;

/* object: a LiaisonTask, LiaisonNote or LiaisonAppointment. */
LiaisonActivityItem *liaison_activity_item_new (LiaisonService service, GObject *object);
LiaisonService liaison_activity_item_get_service (LiaisonActivityItem *self);
LiaisonRecordKind liaison_activity_item_get_kind (LiaisonActivityItem *self);
GObject *liaison_activity_item_get_object (LiaisonActivityItem *self);
/* The item's id in its service (NULL for an object without one). */
const char *liaison_activity_item_get_remote_id (LiaisonActivityItem *self);
/* The sync state LiaisonActivityList found in the store; it tells by "changed". */
LiaisonActivitySyncState liaison_activity_item_get_sync_state (LiaisonActivityItem *self);
/* For LiaisonActivityList. Returns TRUE when the state changed. */
gboolean liaison_activity_item_set_sync_state (LiaisonActivityItem *self,
                                               LiaisonActivitySyncState state);

/* The order of a contact's items: by kind (tasks, notes, appointments), then open tasks by due
 * date before completed ones, notes newest first, appointments by start; ties by service. */
int liaison_activity_item_compare (LiaisonActivityItem *a, LiaisonActivityItem *b);
/* For g_ptr_array_sort of LiaisonActivityItems. */
int liaison_activity_item_compare_indirect (gconstpointer a, gconstpointer b);

G_END_DECLS
