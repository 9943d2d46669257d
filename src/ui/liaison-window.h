/* liaison-window.h: the main window, a sidebar of pages beside their content.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-application.h"
#include "liaison-session.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_WINDOW (liaison_window_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonWindow, liaison_window, LIAISON, WINDOW, AdwApplicationWindow)

LiaisonWindow *liaison_window_new (LiaisonApplication *application);
void liaison_window_show_page (LiaisonWindow *self, const char *name);
const char *liaison_window_get_page (LiaisonWindow *self);

gboolean liaison_window_is_page_name (const char *name);
char *liaison_window_list_page_names (void);
void liaison_window_set_session (LiaisonWindow *self, LiaisonSession *session);
/* The app's scheduler, for Sync Now and Apply Now; NULL until the profile has opened. */
void liaison_window_set_scheduler (LiaisonWindow *self, LiaisonSyncScheduler *scheduler);
void liaison_window_set_sandbox (LiaisonWindow *self, const char *marketplace_url,
                                 const char *client_id, const char *client_secret,
                                 const char *lsq_access_key, const char *lsq_secret_key);
void liaison_window_add_toast (LiaisonWindow *self, const char *message);
void liaison_window_set_page_accels (GtkApplication *application);

G_END_DECLS
