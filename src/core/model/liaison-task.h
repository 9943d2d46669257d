/* liaison-task.h: LiaisonTask, a to-do attached to a contact.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_TASK (liaison_task_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonTask, liaison_task, LIAISON, TASK, GObject)

LiaisonTask *liaison_task_new (void);
const char *liaison_task_get_id (LiaisonTask *self);
void liaison_task_set_id (LiaisonTask *self, const char *id);
const char *liaison_task_get_contact_id (LiaisonTask *self);
void liaison_task_set_contact_id (LiaisonTask *self, const char *contact_id);
const char *liaison_task_get_title (LiaisonTask *self);
void liaison_task_set_title (LiaisonTask *self, const char *title);
const char *liaison_task_get_body (LiaisonTask *self);
void liaison_task_set_body (LiaisonTask *self, const char *body);
GDateTime *liaison_task_get_due_date (LiaisonTask *self);
void liaison_task_set_due_date (LiaisonTask *self, GDateTime *due_date);
gboolean liaison_task_get_completed (LiaisonTask *self);
void liaison_task_set_completed (LiaisonTask *self, gboolean completed);
GDateTime *liaison_task_get_completed_at (LiaisonTask *self);
void liaison_task_set_completed_at (LiaisonTask *self, GDateTime *completed_at);
const char *liaison_task_get_assigned_to (LiaisonTask *self);
void liaison_task_set_assigned_to (LiaisonTask *self, const char *assigned_to);
GDateTime *liaison_task_get_date_added (LiaisonTask *self);
void liaison_task_set_date_added (LiaisonTask *self, GDateTime *date_added);
GDateTime *liaison_task_get_date_updated (LiaisonTask *self);
void liaison_task_set_date_updated (LiaisonTask *self, GDateTime *date_updated);

G_END_DECLS
