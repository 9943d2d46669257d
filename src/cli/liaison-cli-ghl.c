/* liaison-cli-ghl.c: `liaison-cli ghl GROUP ACTION ...`: finds the command,
 * builds a LiaisonGhlClient from the environment, runs a main loop until the
 * command's asynchronous call ends, and prints JSON (stdout) or the error
 * (stderr). Also the argument and output helpers the command files share.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-cli"

#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "liaison-bearer-authorizer.h"
#include "liaison-cli-accounts.h"
#include "liaison-cli-secret-private.h"
#include "liaison-cli-json.h"
#include "liaison-cli-ghl-private.h"
#include "liaison-json.h"

enum
{
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

static const LiaisonCliGhlCommand *const command_tables[] = {
  liaison_cli_ghl_contact_commands,
  liaison_cli_ghl_record_commands,
  liaison_cli_ghl_calendar_commands,
};

/* ---- the overview ---- */

/* "contacts get ID" */
static char *
command_line (const LiaisonCliGhlCommand *command)
{
  GString *line = g_string_new (command->group);

  if (command->action != NULL)
    g_string_append_printf (line, " %s", command->action);
  if (command->args != NULL)
    g_string_append_printf (line, " %s", command->args);
  return g_string_free (line, FALSE);
}

static char *
overview (void)
{
  GString *text = g_string_new (NULL);
  guint t;

  g_string_append (text, "Usage:\n  liaison-cli ghl GROUP ACTION [ARGUMENT…] [OPTION…]\n\n"
                         "Calls HighLevel (API v2) and prints the result as JSON.\n\n"
                         "Operations:\n");
  for (t = 0; t < G_N_ELEMENTS (command_tables); t++)
    {
      const LiaisonCliGhlCommand *command;

      for (command = command_tables[t]; command->group != NULL; command++)
        {
          g_autofree char *line = command_line (command);

          /* Padded by characters: the usage lines contain "…". */
          glong width = g_utf8_strlen (line, -1);

          if (width <= 44)
            g_string_append_printf (text, "  %s%*s %s\n", line, (int) (44 - width), "",
                                    command->summary);
          else
            g_string_append_printf (text, "  %s\n  %44s %s\n", line, "", command->summary);
        }
    }
  g_string_append (
      text, "\nRun “liaison-cli ghl GROUP ACTION --help” for the options of one operation.\n\n"
            "Environment:\n"
            "  LIAISON_GHL_URL        API base URL (default " LIAISON_GHL_DEFAULT_URL ");\n"
            "                         plain http only for 127.0.0.1, localhost and ::1\n"
            "  LIAISON_GHL_TOKEN      private integration or OAuth access token\n"
            "  LIAISON_GHL_LOCATION   the sub-account (location) id\n"
            "                         (when neither is set: the account connected with\n"
            "                         “liaison-cli connect ghl”, from the keyring, at its\n"
            "                         own address; LIAISON_PROFILE names the profile)\n"
            "  LIAISON_DEBUG=http     trace requests on stderr, credentials redacted\n\n"
            "FIELD=VALUE (contacts create, update, upsert): FIELD is a contact field such\n"
            "as firstName, email, tags (comma-separated) or custom.FIELD_ID.\n"
            "Times are YYYY-MM-DD (a whole day, in --tz when the command has it, else UTC)\n"
            "or ISO 8601 (2026-01-05T09:30:00-05:00).\n"
            "Exit status: 0 done, 1 the operation failed, 2 the command line or the\n"
            "environment cannot be used (nothing was sent).\n");
  return g_string_free (text, FALSE);
}

static const LiaisonCliGhlCommand *
find_command (const char *group, const char *action, gboolean *group_known)
{
  guint t;

  *group_known = FALSE;
  for (t = 0; t < G_N_ELEMENTS (command_tables); t++)
    {
      const LiaisonCliGhlCommand *command;

      for (command = command_tables[t]; command->group != NULL; command++)
        {
          if (g_strcmp0 (command->group, group) != 0)
            continue;
          *group_known = TRUE;
          if (command->action == NULL || g_strcmp0 (command->action, action) == 0)
            return command;
        }
    }
  return NULL;
}

/* ---- the environment ---- */

static LiaisonGhlClient *
client_from_environment (GError **error)
{
  const char *url = g_getenv ("LIAISON_GHL_URL");
  const char *token = g_getenv ("LIAISON_GHL_TOKEN");
  const char *location = g_getenv ("LIAISON_GHL_LOCATION");
  g_autoptr (LiaisonAuthorizer) bearer = NULL;
  g_autoptr (LiaisonHttp) http = NULL;
  g_autoptr (GError) local_error = NULL;
  gboolean no_token = token == NULL || *token == '\0';
  gboolean no_location = location == NULL || *location == '\0';

  /* Without either variable, the account connected with `liaison-cli
   * connect ghl` signs in through the keyring. */
  if (no_token && no_location)
    {
      LiaisonGhlClient *client = liaison_cli_accounts_load_ghl_client (&local_error);

      if (client != NULL)
        return client;
      if (!g_error_matches (local_error, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_NOT_CONNECTED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  if (no_token || no_location)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   "HighLevel credentials are missing (%s not set): set LIAISON_GHL_TOKEN to "
                   "a private integration or access token and LIAISON_GHL_LOCATION to the "
                   "location id%s%s",
                   no_token && no_location ? "LIAISON_GHL_TOKEN and LIAISON_GHL_LOCATION are"
                   : no_token              ? "LIAISON_GHL_TOKEN is"
                                           : "LIAISON_GHL_LOCATION is",
                   local_error != NULL ? ", or " : "",
                   local_error != NULL ? local_error->message : "");
      return NULL;
    }
  /* A CR or LF would end up in the Authorization header. */
  if (!liaison_cli_check_secret_text ("LIAISON_GHL_TOKEN", token, error))
    return NULL;
  if (url == NULL || *url == '\0')
    url = LIAISON_GHL_DEFAULT_URL;

  bearer = liaison_bearer_authorizer_new (token);
  http = liaison_http_new (LIAISON_HTTP_SERVICE_GHL, url, bearer, &local_error);
  if (http == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "LIAISON_GHL_URL: %s",
                   local_error->message);
      return NULL;
    }
  /* A person is waiting for every call the CLI makes. */
  return liaison_ghl_client_new (http, location);
}

static gboolean
asks_for_help (int argc, char **argv)
{
  int i;

  for (i = 1; i < argc && g_strcmp0 (argv[i], "--") != 0; i++)
    if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h")
        || g_str_equal (argv[i], "-?") || g_str_has_prefix (argv[i], "--help-"))
      return TRUE;
  return FALSE;
}

/* ---- running ---- */

/* Takes output and error. */
void
liaison_cli_ghl_finish (LiaisonCliGhl *cli, JsonNode *output, GError *error)
{
  g_return_if_fail (!cli->done);

  cli->done = TRUE;
  cli->output = output;
  cli->error = error;
  g_main_loop_quit (cli->loop);
}

static gboolean
on_signal (gpointer user_data)
{
  LiaisonCliGhl *cli = user_data;

  /* The call then ends as cancelled and the loop stops cleanly. */
  g_cancellable_cancel (cli->cancellable);
  return G_SOURCE_CONTINUE;
}

static void
print_json (JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static int
run (const LiaisonCliGhlCommand *command, int argc, char **argv)
{
  LiaisonCliGhl cli = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_strjoin (" ", "ghl", command->group, command->action, NULL);
  guint sigint, sigterm;
  int status;

  cli.command = command;
  if (!asks_for_help (argc, argv))
    {
      cli.client = client_from_environment (&error);
      if (cli.client == NULL)
        {
          g_printerr ("liaison-cli %s: %s\n", name, error->message);
          /* A connection in the keyring that cannot be used is a failure. */
          return error->domain == G_OPTION_ERROR ? EXIT_USAGE : EXIT_FAILED;
        }
    }

  cli.cancellable = g_cancellable_new ();
  cli.loop = g_main_loop_new (NULL, FALSE);
  if (!command->start (&cli, argc, argv, &error))
    {
      g_printerr ("liaison-cli %s: %s\n", name, error->message);
      g_printerr ("Run “liaison-cli %s --help” to see how to use it.\n", name);
      status = EXIT_USAGE;
      goto out;
    }

  sigint = g_unix_signal_add (SIGINT, on_signal, &cli);
  sigterm = g_unix_signal_add (SIGTERM, on_signal, &cli);
  if (!cli.done)
    g_main_loop_run (cli.loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);

  if (cli.error != NULL)
    {
      g_printerr ("liaison-cli %s: %s\n", name, cli.error->message);
      status = EXIT_FAILED;
    }
  else
    {
      print_json (cli.output);
      status = EXIT_OK;
    }

out:
  g_clear_pointer (&cli.output, json_node_unref);
  g_clear_error (&cli.error);
  if (cli.state_free != NULL)
    g_clear_pointer (&cli.state, cli.state_free);
  /* Closing the client aborts its session, so nothing runs after this. */
  g_clear_object (&cli.client);
  g_clear_object (&cli.cancellable);
  g_clear_pointer (&cli.loop, g_main_loop_unref);
  return status;
}

int
liaison_cli_ghl_main (int argc, char **argv)
{
  const LiaisonCliGhlCommand *command;
  g_autofree char *help = overview ();
  g_autofree char *prgname = NULL;
  gboolean group_known;
  int skip;

  /* Traces (LIAISON_DEBUG=http) must not mix with the JSON on stdout. */
  g_log_writer_default_set_use_stderr (TRUE);

  if (argc < 2)
    {
      g_printerr ("%s", help);
      return EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")
      || g_str_equal (argv[1], "help"))
    {
      g_print ("%s", help);
      return EXIT_OK;
    }

  command = find_command (argv[1], argc > 2 ? argv[2] : NULL, &group_known);
  if (command == NULL)
    {
      if (!group_known)
        g_printerr ("liaison-cli ghl: there is no group “%s”.\n", argv[1]);
      else if (argc > 2)
        g_printerr ("liaison-cli ghl %s: there is no action “%s”.\n", argv[1], argv[2]);
      else
        g_printerr ("liaison-cli ghl %s: an action is needed.\n", argv[1]);
      g_printerr ("Run “liaison-cli ghl --help” to see every operation.\n");
      return EXIT_USAGE;
    }

  /* The command parses from its own name on, so --help shows its usage. */
  skip = command->action != NULL ? 2 : 1;
  prgname = g_strjoin (" ", "liaison-cli ghl", command->group, command->action, NULL);
  g_set_prgname (prgname);
  return run (command, argc - skip, argv + skip);
}

/* ---- argument helpers ---- */

gboolean
liaison_cli_ghl_usage_error (GError **error, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, message);
  return FALSE;
}

/* Parses options and leaves the positional arguments in (*argv)[1..]. */
gboolean
liaison_cli_ghl_parse (LiaisonCliGhl *cli, int *argc, char ***argv, const GOptionEntry *entries,
                       int min_args, int max_args, GError **error)
{
  g_autoptr (GOptionContext) context = g_option_context_new (cli->command->args);
  g_autofree char *description = NULL;
  int given;
  int i;

  g_option_context_set_summary (context, cli->command->summary);
  description = g_strconcat (cli->command->details ? cli->command->details : "",
                             cli->command->details ? "\n\n" : "",
                             "Environment: LIAISON_GHL_URL, LIAISON_GHL_TOKEN, "
                             "LIAISON_GHL_LOCATION (see “liaison-cli ghl --help”).",
                             NULL);
  g_option_context_set_description (context, description);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;

  /* An explicit "--" only ends the options. */
  for (i = 1; i < *argc; i++)
    if (g_str_equal ((*argv)[i], "--"))
      {
        memmove (&(*argv)[i], &(*argv)[i + 1], (*argc - i) * sizeof (char *));
        (*argc)--;
        break;
      }

  given = *argc - 1;
  if (given < min_args)
    return liaison_cli_ghl_usage_error (error, "missing arguments; expected %s",
                                        cli->command->args);
  if (max_args >= 0 && given > max_args)
    return liaison_cli_ghl_usage_error (error, "unexpected argument “%s”", (*argv)[max_args + 1]);
  for (i = 1; i < *argc; i++)
    if ((*argv)[i][0] == '\0')
      return liaison_cli_ghl_usage_error (error, "argument %d is empty", i);
  return TRUE;
}

GTimeZone *
liaison_cli_ghl_parse_zone (const char *name, GError **error)
{
  GTimeZone *zone;

  if (name == NULL)
    return g_time_zone_new_utc ();
  zone = g_time_zone_new_identifier (name);
  if (zone == NULL)
    liaison_cli_ghl_usage_error (error,
                                 "--tz: “%s” is not a time zone this system knows "
                                 "(an IANA name such as America/New_York)",
                                 name);
  return zone;
}

/* A bare date is the start of that day in zone, or the start of the next
 * day when end_of_day (so that "--to 2026-01-07" includes the 7th). */
GDateTime *
liaison_cli_ghl_parse_time (const char *option, const char *text, GTimeZone *zone,
                            gboolean end_of_day, GError **error)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  GDateTime *time = NULL;
  guint year, month, day;
  char tail;

  if (zone == NULL)
    zone = utc;
  if (text != NULL && strlen (text) == 10
      && sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &tail) == 3
      && g_date_valid_dmy (day, month, year))
    {
      g_autoptr (GDateTime) start = g_date_time_new (zone, year, month, day, 0, 0, 0);

      if (start != NULL)
        time = end_of_day ? g_date_time_add_days (start, 1) : g_date_time_ref (start);
    }
  else if (text != NULL)
    time = g_date_time_new_from_iso8601 (text, zone);

  if (time == NULL)
    liaison_cli_ghl_usage_error (error,
                                 "%s: “%s” is neither a date (YYYY-MM-DD) nor an ISO 8601 "
                                 "time",
                                 option, text != NULL ? text : "");
  return time;
}

gboolean
liaison_cli_ghl_parse_uint (const char *option, const char *text, guint max, guint *value,
                            GError **error)
{
  guint64 parsed;

  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, max, &parsed, NULL))
    return liaison_cli_ghl_usage_error (error, "%s: “%s” is not a number from 0 to %u", option,
                                        text, max);
  *value = (guint) parsed;
  return TRUE;
}

/* ---- output ---- */

/* Every readable property, named as in JSON; unset values are left out.
 * A contact's custom fields come as "customFields": {field id: value}. */
JsonNode *
liaison_cli_ghl_model_to_json (GObject *model)
{
  return liaison_cli_json_from_model (model);
}

JsonNode *
liaison_cli_ghl_models_to_json (GPtrArray *models)
{
  return liaison_cli_json_from_models (models, liaison_cli_ghl_model_to_json);
}

JsonNode *
liaison_cli_ghl_deleted_json (const char *id)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", id);
  json_object_set_boolean_member (object, "deleted", TRUE);
  return liaison_cli_json_take_object (object);
}

/* Prints the models a list call returned. */
void
liaison_cli_ghl_on_list (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonCliGhl *cli = user_data;
  g_autoptr (GPtrArray) items = NULL;
  GError *error = NULL;

  items = liaison_ghl_client_list_finish (LIAISON_GHL_CLIENT (source), result, &error);
  liaison_cli_ghl_finish (cli, items ? liaison_cli_ghl_models_to_json (items) : NULL, error);
}

/* Prints that the record whose id the command kept as its state is deleted. */
void
liaison_cli_ghl_on_deleted (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonCliGhl *cli = user_data;
  GError *error = NULL;

  if (!liaison_ghl_client_delete_finish (LIAISON_GHL_CLIENT (source), result, &error))
    liaison_cli_ghl_finish (cli, NULL, error);
  else
    liaison_cli_ghl_finish (cli, liaison_cli_ghl_deleted_json (cli->state), NULL);
}
