/* liaison-cli-lsq-private.h: what the files of `liaison-cli lsq` share: the
 * run state, the command table and the argument and output helpers.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "liaison-cli-lsq.h"
#include "liaison-lsq-client.h"

G_BEGIN_DECLS

typedef struct _LiaisonCliLsq LiaisonCliLsq;

/* Parses the command's arguments and starts its asynchronous call. Returns
 * FALSE with a G_OPTION_ERROR for a command line that cannot be used; the
 * call ends with liaison_cli_lsq_finish(). */
typedef gboolean (*LiaisonCliLsqStartFunc) (LiaisonCliLsq *cli, int argc, char **argv,
                                            GError **error);

typedef struct
{
  const char *group;  /* "leads" */
  const char *action; /* "get", or NULL for a group that is one command */
  const char *args;   /* "ID" */
  const char *summary;
  LiaisonCliLsqStartFunc start;
} LiaisonCliLsqCommand;

struct _LiaisonCliLsq
{
  const LiaisonCliLsqCommand *command;
  LiaisonLsqClient *client;
  GMainLoop *loop;
  JsonNode *output; /* printed on success */
  GError *error;    /* the failure, printed on stderr */
  gboolean done;
  gpointer state; /* a command's own state across several calls */
  GDestroyNotify state_free;
};

extern const LiaisonCliLsqCommand liaison_cli_lsq_commands[];

void liaison_cli_lsq_finish (LiaisonCliLsq *cli, JsonNode *output, GError *error);
gboolean liaison_cli_lsq_parse (LiaisonCliLsq *cli, int *argc, char ***argv,
                                const GOptionEntry *entries, int min_args, int max_args,
                                GError **error);
gboolean liaison_cli_lsq_usage_error (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);
GDateTime *liaison_cli_lsq_parse_time (const char *option, const char *text, GError **error);
JsonNode *liaison_cli_lsq_model_to_json (GObject *model);
JsonNode *liaison_cli_lsq_models_to_json (GPtrArray *models);

G_END_DECLS
