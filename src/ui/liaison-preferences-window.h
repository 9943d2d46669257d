/* liaison-preferences-window.h: the settings a person can change.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_PREFERENCES_WINDOW (liaison_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonPreferencesWindow, liaison_preferences_window, LIAISON,
                      PREFERENCES_WINDOW, AdwPreferencesWindow)

LiaisonPreferencesWindow *liaison_preferences_window_new (GSettings *settings);

G_END_DECLS
