/* liaison-cli-harness-private.h: what the account commands share: the
 * profile and sandbox options, the session opened on them, waiting for one
 * asynchronous call at a time, and how usage errors and failures are told.
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
  char *hint;
} LiaisonCliHarness;

void liaison_cli_harness_init (LiaisonCliHarness *cli, const char *name);
void liaison_cli_harness_clear (LiaisonCliHarness *cli);
void liaison_cli_harness_add_options (LiaisonCliHarness *cli, GOptionContext *context);
gboolean liaison_cli_harness_parse (LiaisonCliHarness *cli, GOptionContext *context, int *argc,
                                    char ***argv, GError **error);
gboolean liaison_cli_harness_apply_defaults (LiaisonCliHarness *cli, gboolean with_urls,
                                             GError **error);
gboolean liaison_cli_harness_open (LiaisonCliHarness *cli, gboolean create, GError **error);
void liaison_cli_harness_store_result (GObject *source, GAsyncResult *result, gpointer user_data);
GAsyncResult *liaison_cli_harness_wait (LiaisonCliHarness *cli);

int liaison_cli_harness_usage (LiaisonCliHarness *cli, const GError *error);
int liaison_cli_harness_failed (LiaisonCliHarness *cli, const GError *error, const char *hint);
const char *liaison_cli_harness_open_hint (LiaisonCliHarness *cli, const GError *error);

G_END_DECLS
