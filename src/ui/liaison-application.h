/* liaison-application.h: the Liaison application object.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-session.h"
#include "liaison-sync-scheduler.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_APPLICATION (liaison_application_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonApplication, liaison_application, LIAISON, APPLICATION, AdwApplication)

LiaisonApplication *liaison_application_new (void);
/* The scheduler of the profile's syncs, once the session has opened; else NULL. */
LiaisonSyncScheduler *liaison_application_get_scheduler (LiaisonApplication *self);

G_END_DECLS
