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

/* object: a LiaisonTask, LiaisonNote or LiaisonAppointment. */
LiaisonActivityItem *liaison_activity_item_new (LiaisonService service, GObject *object);
LiaisonService liaison_activity_item_get_service (LiaisonActivityItem *self);
LiaisonRecordKind liaison_activity_item_get_kind (LiaisonActivityItem *self);
GObject *liaison_activity_item_get_object (LiaisonActivityItem *self);

/* The order of a contact's items: by kind (tasks, notes, appointments), then open tasks by due
 * date before completed ones, notes newest first, appointments by start; ties by service. */
int liaison_activity_item_compare (LiaisonActivityItem *a, LiaisonActivityItem *b);
/* For g_ptr_array_sort of LiaisonActivityItems. */
int liaison_activity_item_compare_indirect (gconstpointer a, gconstpointer b);

G_END_DECLS
