/* liaison-cli-lsq.h: `liaison-cli lsq ...`, one subcommand per operation of
 * LiaisonLsqClient, for scripts and for trying the API by hand.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is "lsq". Returns the process exit status: 0 on success, 1 when
 * the operation failed, 2 for a command line or environment that cannot be
 * used (nothing was sent then). */
int liaison_cli_lsq_main (int argc, char **argv);

G_END_DECLS
