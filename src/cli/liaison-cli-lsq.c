/* liaison-cli-lsq.c: `liaison-cli lsq ...`: the environment (LIAISON_LSQ_URL,
 * LIAISON_LSQ_ACCESS_KEY, LIAISON_LSQ_SECRET_KEY), region discovery when no
 * URL is given, the help that lists every operation, running one command
 * on a GMainLoop, and printing models as JSON. The commands themselves are
 * in liaison-cli-lsq-commands.c.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-cli"

#include <stdlib.h>
#include <string.h>

#include "liaison-cli-accounts.h"
#include "liaison-cli-secret-private.h"
#include "liaison-cli-json.h"
#include "liaison-cli-lsq-private.h"
#include "liaison-json.h"
#include "liaison-lsq-key-authorizer.h"

enum
{
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

static void
cli_clear (LiaisonCliLsq *cli)
{
  if (cli->state_free != NULL)
    g_clear_pointer (&cli->state, cli->state_free);
  g_clear_object (&cli->client);
  g_clear_pointer (&cli->loop, g_main_loop_unref);
  g_clear_pointer (&cli->output, json_node_unref);
  g_clear_error (&cli->error);
}

/* Ends the command: output (taken) is printed, or error (taken) reported. */
void
liaison_cli_lsq_finish (LiaisonCliLsq *cli, JsonNode *output, GError *error)
{
  g_clear_pointer (&cli->output, json_node_unref);
  g_clear_error (&cli->error);
  cli->output = output;
  cli->error = error;
  cli->done = TRUE;
  if (cli->loop != NULL)
    g_main_loop_quit (cli->loop);
}

gboolean
liaison_cli_lsq_usage_error (GError **error, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error,
                     g_error_new_valist (G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, format, args));
  va_end (args);
  return FALSE;
}

static char *
command_name (const LiaisonCliLsqCommand *command)
{
  return command->action != NULL ? g_strdup_printf ("%s %s", command->group, command->action)
                                 : g_strdup (command->group);
}

/* Parses the command's options (argv[0] is the action) and checks the
 * number of arguments left; --help prints the command's help and exits. */
gboolean
liaison_cli_lsq_parse (LiaisonCliLsq *cli, int *argc, char ***argv, const GOptionEntry *entries,
                       int min_args, int max_args, GError **error)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autofree char *name = command_name (cli->command);
  g_autofree char *parameter = g_strdup_printf ("%s", cli->command->args);

  context = g_option_context_new (parameter);
  g_option_context_set_summary (context, cli->command->summary);
  g_option_context_set_help_enabled (context, TRUE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  /* argv[0] is the program name for GOption; the rest are arguments. */
  if (*argc - 1 < min_args)
    return liaison_cli_lsq_usage_error (error, "“lsq %s” needs %s", name, cli->command->args);
  if (max_args >= 0 && *argc - 1 > max_args)
    return liaison_cli_lsq_usage_error (
        error, "“lsq %s” takes %s, not “%s”", name,
        *cli->command->args != '\0' ? cli->command->args : "no arguments", (*argv)[1 + max_args]);
  return TRUE;
}

/* ISO 8601 with a zone ("2026-01-02T10:00:00+05:30"), or UTC as
 * LeadSquared writes it ("2026-01-02 10:00:00"), or a date ("2026-01-02",
 * midnight UTC), or "now". */
GDateTime *
liaison_cli_lsq_parse_time (const char *option, const char *text, GError **error)
{
  g_autofree char *full = NULL;
  GDateTime *time;

  if (g_strcmp0 (text, "now") == 0)
    return g_date_time_new_now_utc ();
  if (text != NULL && strlen (text) == 10)
    full = g_strconcat (text, " 00:00:00", NULL);
  time = liaison_json_parse_time (full != NULL ? full : text);
  if (time == NULL)
    liaison_cli_lsq_usage_error (error,
                                 "%s “%s” is not a time (use 2026-01-02T10:00:00Z, "
                                 "“2026-01-02 10:00:00” in UTC, 2026-01-02 or now)",
                                 option, text != NULL ? text : "");
  return time;
}

/* A model's readable properties under camelCase names, the kind of record
 * ("lead", "task", "appointment", ...) and a contact's custom fields. */
JsonNode *
liaison_cli_lsq_model_to_json (GObject *model)
{
  JsonNode *node = liaison_cli_json_from_model (model);
  JsonObject *object = json_node_get_object (node);

  /* LeadSquared keeps leads, to-dos and appointments apart: say which. */
  if (LIAISON_IS_CONTACT (model))
    json_object_set_string_member (object, "kind", "lead");
  else if (LIAISON_IS_TASK (model))
    json_object_set_string_member (object, "kind", "task");
  else if (LIAISON_IS_APPOINTMENT (model))
    json_object_set_string_member (object, "kind", "appointment");
  return node;
}

JsonNode *
liaison_cli_lsq_models_to_json (GPtrArray *models)
{
  return liaison_cli_json_from_models (models, liaison_cli_lsq_model_to_json);
}

/* ---- help ---- */

static char *
help_text (void)
{
  GString *text = g_string_new (NULL);
  guint i;

  g_string_append (text, "Usage:\n  liaison-cli lsq COMMAND [ARGUMENT…]\n\n"
                         "Call the LeadSquared API v2 and print the answer as JSON.\n\n"
                         "Commands:\n");
  for (i = 0; liaison_cli_lsq_commands[i].group != NULL; i++)
    {
      const LiaisonCliLsqCommand *command = &liaison_cli_lsq_commands[i];
      g_autofree char *name = command_name (command);
      g_string_append_printf (text, "  %s %s\n      %s\n", name, command->args, command->summary);
    }
  g_string_append (text,
                   "\nRun “liaison-cli lsq COMMAND --help” for a command's options.\n\n"
                   "Environment:\n"
                   "  LIAISON_LSQ_ACCESS_KEY, LIAISON_LSQ_SECRET_KEY  the API keys (My Account >\n"
                   "                          Settings > API and Webhooks); when neither is set,\n"
                   "                          the account connected with “liaison-cli connect\n"
                   "                          lsq”, from the keyring, at its own regional host\n"
                   "                          (LIAISON_PROFILE names the profile)\n"
                   "  LIAISON_LSQ_URL         API base URL; when unset, the account's regional\n"
                   "                          host is found through " LIAISON_LSQ_DEFAULT_URL "\n"
                   "                          (http only for 127.0.0.1, localhost and ::1)\n\n"
                   "Exit status: 0 done, 1 the operation failed, 2 the command line or the\n"
                   "environment cannot be used.\n");
  return g_string_free (text, FALSE);
}

static const LiaisonCliLsqCommand *
find_command (int argc, char **argv, int *consumed)
{
  guint i;

  for (i = 0; liaison_cli_lsq_commands[i].group != NULL; i++)
    {
      const LiaisonCliLsqCommand *command = &liaison_cli_lsq_commands[i];

      if (g_strcmp0 (command->group, argv[1]) != 0)
        continue;
      if (command->action == NULL)
        {
          *consumed = 1;
          return command;
        }
      if (argc > 2 && g_strcmp0 (command->action, argv[2]) == 0)
        {
          *consumed = 2;
          return command;
        }
    }
  return NULL;
}

/* ---- running ---- */

static void
on_discovered (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonCliLsq *cli = user_data;
  GError *error = NULL;

  cli->client = liaison_lsq_client_discover_finish (result, NULL, &error);
  if (cli->client == NULL)
    g_prefix_error (&error, "Could not find the account's LeadSquared host: ");
  liaison_cli_lsq_finish (cli, NULL, error);
}

/* The client for the keys in the environment: at LIAISON_LSQ_URL, or at
 * the regional host that discovery names. Returns an exit status. */
static int
make_client (LiaisonCliLsq *cli)
{
  const char *url = g_getenv ("LIAISON_LSQ_URL");
  const char *access_key = g_getenv ("LIAISON_LSQ_ACCESS_KEY");
  const char *secret_key = g_getenv ("LIAISON_LSQ_SECRET_KEY");
  g_autoptr (LiaisonAuthorizer) keys = NULL;
  g_autoptr (LiaisonHttp) http = NULL;
  g_autoptr (GError) error = NULL;

  /* Without either key, the account connected with `liaison-cli connect
   * lsq` signs in through the keyring, at its own regional host. */
  if ((access_key == NULL || *access_key == '\0') && (secret_key == NULL || *secret_key == '\0'))
    {
      cli->client = liaison_cli_accounts_load_lsq_client (&error);
      if (cli->client != NULL)
        return EXIT_SUCCESS;
      if (!g_error_matches (error, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_NOT_CONNECTED))
        {
          g_printerr ("liaison-cli lsq: %s\n", error->message);
          return EXIT_FAILED;
        }
    }
  if (access_key == NULL || *access_key == '\0' || secret_key == NULL || *secret_key == '\0')
    {
      g_printerr ("liaison-cli lsq: set LIAISON_LSQ_ACCESS_KEY and LIAISON_LSQ_SECRET_KEY to the "
                  "account's API keys%s%s\n",
                  error != NULL ? ", or " : "", error != NULL ? error->message : "");
      return EXIT_USAGE;
    }
  /* Both go into headers or the query: no CR, LF or other control character. */
  if (!liaison_cli_check_secret_text ("LIAISON_LSQ_ACCESS_KEY", access_key, &error)
      || !liaison_cli_check_secret_text ("LIAISON_LSQ_SECRET_KEY", secret_key, &error))
    {
      g_printerr ("liaison-cli lsq: %s\n", error->message);
      return EXIT_USAGE;
    }
  keys = liaison_lsq_key_authorizer_new (access_key, secret_key);

  if (url != NULL && *url != '\0')
    {
      http = liaison_http_new (LIAISON_HTTP_SERVICE_LSQ, url, keys, &error);
      if (http == NULL)
        {
          g_printerr ("liaison-cli lsq: LIAISON_LSQ_URL: %s\n", error->message);
          return EXIT_USAGE;
        }
      cli->client = liaison_lsq_client_new (http);
      return EXIT_SUCCESS;
    }

  cli->done = FALSE;
  liaison_lsq_client_discover_async (NULL, keys, NULL, on_discovered, cli);
  while (!cli->done)
    g_main_loop_run (cli->loop);
  if (cli->client == NULL)
    {
      g_printerr ("liaison-cli lsq: %s\n", cli->error->message);
      return EXIT_FAILED;
    }
  cli->done = FALSE;
  return EXIT_SUCCESS;
}

static void
print_json (JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

int
liaison_cli_lsq_main (int argc, char **argv)
{
  LiaisonCliLsq cli = { 0 };
  g_autoptr (GError) error = NULL;
  const LiaisonCliLsqCommand *command;
  int consumed = 0;
  int status;

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")
      || g_str_equal (argv[1], "help"))
    {
      g_autofree char *help = help_text ();

      if (argc < 2)
        {
          g_printerr ("%s", help);
          return EXIT_USAGE;
        }
      g_print ("%s", help);
      return EXIT_SUCCESS;
    }

  command = find_command (argc, argv, &consumed);
  if (command == NULL)
    {
      g_printerr ("liaison-cli lsq: there is no command “%s%s%s”. Run “liaison-cli lsq --help” "
                  "to see them all.\n",
                  argv[1], argc > 2 ? " " : "", argc > 2 ? argv[2] : "");
      return EXIT_USAGE;
    }

  cli.command = command;
  cli.loop = g_main_loop_new (NULL, FALSE);

  /* The keys and the URL are checked before anything is sent. */
  status = make_client (&cli);
  if (status != EXIT_SUCCESS)
    {
      cli_clear (&cli);
      return status;
    }

  if (!command->start (&cli, argc - consumed, argv + consumed, &error))
    {
      g_printerr ("liaison-cli lsq: %s\n", error->message);
      cli_clear (&cli);
      return EXIT_USAGE;
    }
  while (!cli.done)
    g_main_loop_run (cli.loop);

  /* A command may print a result and still fail (a bulk write with
   * refused rows). */
  if (cli.output != NULL)
    print_json (cli.output);
  if (cli.error != NULL)
    g_printerr ("liaison-cli lsq: %s\n", cli.error->message);
  status = cli.error != NULL ? EXIT_FAILED : EXIT_SUCCESS;
  cli_clear (&cli);
  return status;
}
