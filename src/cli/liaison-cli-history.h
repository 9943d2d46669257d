/* liaison-cli-history.h: `liaison-cli history export --csv FILE [--run ID]`.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is "export". Exit status: 0 written, 1 the store or the file failed, 2 a usage
 * problem. */
int liaison_cli_history_export_main (int argc, char **argv);

G_END_DECLS
