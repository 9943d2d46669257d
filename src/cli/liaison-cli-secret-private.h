/* liaison-cli-secret-private.h: reading a secret from a file, standard input
 * or a prompt that does not echo, with a bound on its size.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A secret read from a file, stdin or the terminal: wiped when freed. */
typedef char LiaisonCliSecret;

/* path: a file, "-" for standard input, or NULL to ask on the terminal;
 * what names the secret in the prompt ("LeadSquared secret key"). */
LiaisonCliSecret *liaison_cli_read_secret (const char *option, const char *path, const char *what,
                                           GError **error);
gboolean liaison_cli_can_prompt (void);
/* A secret from the environment or a file is one line of printable text:
 * a CR/LF would otherwise end up in a header. name is the variable. */
gboolean liaison_cli_check_secret_text (const char *name, const char *value, GError **error);
void liaison_cli_secret_free (LiaisonCliSecret *secret);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonCliSecret, liaison_cli_secret_free)

G_END_DECLS
