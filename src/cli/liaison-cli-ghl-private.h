/* liaison-cli-ghl-private.h: what the files of `liaison-cli ghl` share: the
 * run state, the command table and the argument and output helpers.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "liaison-cli-ghl.h"
#include "liaison-ghl-client.h"

G_BEGIN_DECLS

typedef struct _LiaisonCliGhl LiaisonCliGhl;
typedef struct _LiaisonCliGhlCommand LiaisonCliGhlCommand;

/* Parses the command's arguments and starts its one asynchronous call.
 * Returns FALSE with a G_OPTION_ERROR for a command line that cannot be
 * used; the call ends with liaison_cli_ghl_finish(). */
typedef gboolean (*LiaisonCliGhlStartFunc) (LiaisonCliGhl *cli, int argc, char **argv,
                                            GError **error);

struct _LiaisonCliGhlCommand
{
  const char *group;  /* "contacts" */
  const char *action; /* "get", or NULL for a group that is one command */
  const char *args;   /* "ID" */
  const char *summary;
  LiaisonCliGhlStartFunc start;
  const char *details; /* more for the command's --help, or NULL */
};

struct _LiaisonCliGhl
{
  const LiaisonCliGhlCommand *command;
  LiaisonGhlClient *client;
  GCancellable *cancellable;
  GMainLoop *loop;
  JsonNode *output; /* printed on success */
  GError *error;    /* the failure, printed on stderr */
  gboolean done;
  gpointer state; /* a command's own state across several calls */
  GDestroyNotify state_free;
};

extern const LiaisonCliGhlCommand liaison_cli_ghl_contact_commands[];
extern const LiaisonCliGhlCommand liaison_cli_ghl_record_commands[];
extern const LiaisonCliGhlCommand liaison_cli_ghl_calendar_commands[];

void liaison_cli_ghl_finish (LiaisonCliGhl *cli, JsonNode *output, GError *error);

gboolean liaison_cli_ghl_parse (LiaisonCliGhl *cli, int *argc, char ***argv,
                                const GOptionEntry *entries, int min_args, int max_args,
                                GError **error);
gboolean liaison_cli_ghl_usage_error (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);
GTimeZone *liaison_cli_ghl_parse_zone (const char *name, GError **error);
GDateTime *liaison_cli_ghl_parse_time (const char *option, const char *text, GTimeZone *zone,
                                       gboolean end_of_day, GError **error);
gboolean liaison_cli_ghl_parse_uint (const char *option, const char *text, guint max, guint *value,
                                     GError **error);

JsonNode *liaison_cli_ghl_model_to_json (GObject *model);
JsonNode *liaison_cli_ghl_models_to_json (GPtrArray *models);
JsonNode *liaison_cli_ghl_deleted_json (const char *id);
/* Callbacks shared by the commands: a list of models, a deletion of the id in cli->state. */
void liaison_cli_ghl_on_list (GObject *source, GAsyncResult *result, gpointer user_data);
void liaison_cli_ghl_on_deleted (GObject *source, GAsyncResult *result, gpointer user_data);

G_END_DECLS
