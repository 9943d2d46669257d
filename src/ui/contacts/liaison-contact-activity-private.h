/* liaison-contact-activity-private.h: what the activity section of the contact
 * detail needs besides its widget: how a task, note or appointment reads in a
 * row.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "liaison-activity-item.h"
#include "liaison-appointment.h"
#include "liaison-note.h"
#include "liaison-store-types.h"
#include "liaison-task.h"

G_BEGIN_DECLS

/* A row's title and its subtitle, which names the service the item is from. */
char *liaison_contact_activity_dup_title (GObject *object);
char *liaison_contact_activity_dup_subtitle (GObject *object, LiaisonService service);
/* A label saying where the sync stands with the item ("In both", "Waiting", "Conflict"), with a
 * tooltip that says what it means; NULL when the sync does not carry it. */
GtkWidget *liaison_contact_activity_sync_label (LiaisonActivityItem *item);

G_END_DECLS
