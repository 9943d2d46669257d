/* liaison-cli-mapping.h: `liaison-cli mapping show|set|reset`.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int liaison_cli_mapping_main (int argc, char **argv);

G_END_DECLS
