/* liaison-cli-accounts-private.h: what the account commands share: the
 * profile and sandbox options, the session opened on them, waiting for one
 * asynchronous call at a time, and reading a secret from a file or stdin.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-cli-accounts.h"
#include "liaison-session.h"

G_BEGIN_DECLS

enum
{
  LIAISON_CLI_EXIT_OK = 0,
  LIAISON_CLI_EXIT_FAILED = 1,
  LIAISON_CLI_EXIT_USAGE = 2,
};

typedef struct
{
  const char *name; /* "connect ghl", for messages */
  char *profile;
  char *store_path;
  char *ghl_url; /* a sandbox's, or NULL for the services themselves */
  char *lsq_url;
  LiaisonSession *session; /* NULL while not opened, or when the profile has no store */
  GMainLoop *loop;
  GCancellable *cancellable; /* cancelled by Ctrl+C and SIGTERM */
  GAsyncResult *result;
  guint signal_sources[2];
} LiaisonCliAccounts;

void liaison_cli_accounts_init (LiaisonCliAccounts *cli, const char *name);
void liaison_cli_accounts_clear (LiaisonCliAccounts *cli);
void liaison_cli_accounts_add_options (LiaisonCliAccounts *cli, GOptionContext *context);
gboolean liaison_cli_accounts_parse (LiaisonCliAccounts *cli, GOptionContext *context, int *argc,
                                     char ***argv, GError **error);
gboolean liaison_cli_accounts_open (LiaisonCliAccounts *cli, gboolean create, GError **error);
void liaison_cli_accounts_store_result (GObject *source, GAsyncResult *result, gpointer user_data);
GAsyncResult *liaison_cli_accounts_wait (LiaisonCliAccounts *cli);

/* A secret read from a file or stdin: wiped when freed. */
typedef char LiaisonCliSecret;

LiaisonCliSecret *liaison_cli_accounts_read_secret (const char *option, const char *path,
                                                    GError **error);
void liaison_cli_accounts_free_secret (LiaisonCliSecret *secret);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonCliSecret, liaison_cli_accounts_free_secret)

int liaison_cli_accounts_usage (LiaisonCliAccounts *cli, const GError *error);
int liaison_cli_accounts_failed (LiaisonCliAccounts *cli, const GError *error, const char *hint);

G_END_DECLS
