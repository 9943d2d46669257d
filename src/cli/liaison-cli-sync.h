/* liaison-cli-sync.h: `liaison-cli sync`, `conflicts` and `history`.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "liaison-store.h"

G_BEGIN_DECLS

/* argv[0] is the command's name. Exit status: 0 the run finished (open conflicts are no
 * failure), 1 operations failed (each printed; the next sync retries them) or another sync is
 * running, 2 a usage or set-up problem. */
int liaison_cli_sync_main (int argc, char **argv);
/* `liaison-cli undo RUN [--dry-run] [--json]`: exit status as sync's. */
int liaison_cli_undo_main (int argc, char **argv);
int liaison_cli_conflicts_main (int argc, char **argv);
int liaison_cli_history_main (int argc, char **argv);

/* The store of the profile LIAISON_PROFILE names, else "default"'s. */
LiaisonStore *liaison_cli_sync_open_store (GError **error);

G_END_DECLS
