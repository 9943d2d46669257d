/* liaison-cli-accounts.h: `liaison-cli connect ghl|lsq`, `liaison-cli
 * accounts` and `liaison-cli disconnect ghl|lsq`: the Accounts page's flows
 * from a terminal, and the keyring's credentials for the ghl and lsq
 * commands when the environment names none.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-auth-types.h"
#include "liaison-ghl-client.h"
#include "liaison-lsq-client.h"

G_BEGIN_DECLS

/* argv[0] is the command's name. Each returns the process exit status: 0
 * done, 1 failed, 2 a command line that cannot be used (nothing was sent). */
int liaison_cli_connect_main (int argc, char **argv);
int liaison_cli_accounts_main (int argc, char **argv);
int liaison_cli_disconnect_main (int argc, char **argv);

/* The client of the account connected in the profile named by
 * LIAISON_PROFILE (else "default"), signed in through the keyring, at the
 * address saved when it was connected. NULL with LIAISON_AUTH_ERROR_NOT_CONNECTED
 * when the profile has no such account, or with another error when it has
 * one that cannot be used. */
LiaisonGhlClient *liaison_cli_accounts_load_ghl_client (GError **error);
LiaisonLsqClient *liaison_cli_accounts_load_lsq_client (GError **error);

G_END_DECLS
