/* liaison-contact-activity-private.h: what the activity section of the contact
 * detail needs besides its widget: the store form of tasks, notes and
 * appointments (cached as child records of the contact) and how one of them
 * reads in a row.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "liaison-appointment.h"
#include "liaison-note.h"
#include "liaison-store-types.h"
#include "liaison-task.h"

G_BEGIN_DECLS

/* The kind of a LiaisonTask, LiaisonNote or LiaisonAppointment; FALSE for anything else. */
gboolean liaison_contact_activity_kind_of (GObject *object, LiaisonRecordKind *kind);
const char *liaison_contact_activity_id_of (GObject *object);

/* The record that caches object as a child of contact_id; NULL when it cannot be cached
 * (no id, or an appointment without a start). */
LiaisonStoreRecord *liaison_contact_activity_to_record (GObject *object, const char *contact_id);
GObject *liaison_contact_activity_from_record (const LiaisonStoreRecord *record, GError **error);

/* Order within a group: open tasks by due date before completed ones, notes newest first,
 * appointments by start. */
int liaison_contact_activity_compare (GObject *a, GObject *b);

/* A row's title and its subtitle, which names the service the item is from. */
char *liaison_contact_activity_dup_title (GObject *object);
char *liaison_contact_activity_dup_subtitle (GObject *object, LiaisonService service);

/* A date and time in the person's own time zone. */

G_END_DECLS
