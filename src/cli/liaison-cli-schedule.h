/* liaison-cli-schedule.h: `liaison-cli schedule enable|disable|status`.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is "schedule". Exit status: 0 done (status: on), 1 systemd or a file failed, 2 a usage
 * problem, 3 (status) the schedule is off. */
int liaison_cli_schedule_main (int argc, char **argv);

G_END_DECLS
