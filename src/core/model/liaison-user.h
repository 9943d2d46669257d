/* liaison-user.h: LiaisonUser, a person with a login at a service (owners, assignees).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_USER (liaison_user_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonUser, liaison_user, LIAISON, USER, GObject)

LiaisonUser *liaison_user_new (void);
const char *liaison_user_get_id (LiaisonUser *self);
void liaison_user_set_id (LiaisonUser *self, const char *id);
const char *liaison_user_get_name (LiaisonUser *self);
void liaison_user_set_name (LiaisonUser *self, const char *name);
const char *liaison_user_get_first_name (LiaisonUser *self);
void liaison_user_set_first_name (LiaisonUser *self, const char *first_name);
const char *liaison_user_get_last_name (LiaisonUser *self);
void liaison_user_set_last_name (LiaisonUser *self, const char *last_name);
const char *liaison_user_get_email (LiaisonUser *self);
void liaison_user_set_email (LiaisonUser *self, const char *email);
const char *liaison_user_get_phone (LiaisonUser *self);
void liaison_user_set_phone (LiaisonUser *self, const char *phone);
const char *liaison_user_get_role (LiaisonUser *self);
void liaison_user_set_role (LiaisonUser *self, const char *role);
const char *liaison_user_get_time_zone (LiaisonUser *self);
void liaison_user_set_time_zone (LiaisonUser *self, const char *time_zone);

G_END_DECLS
