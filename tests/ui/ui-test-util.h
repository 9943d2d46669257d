/* ui-test-util.h: what the page tests share: a bound template child, letting the main loop
 * run for a while, and waiting until a page's "busy" property is FALSE.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The child of widget's template (of type) with that id; it must exist. */
gpointer ui_test_child (gpointer widget, GType type, const char *name);
/* Dispatches what is due for ms milliseconds. */
void ui_test_spin (guint ms);
/* Lets queued work start, then runs the main loop until widget's "busy" is FALSE (at most 20 s),
 * and what that work queued after it. */
void ui_test_wait_idle (gpointer widget);

G_END_DECLS
