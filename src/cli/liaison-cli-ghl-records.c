/* liaison-cli-ghl-records.c: `liaison-cli ghl tasks ...` and
 * `liaison-cli ghl notes ...`, a contact's to-dos and notes.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-cli"

#include "liaison-cli-ghl-private.h"

/* ---- tasks ---- */

static void
on_task (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonCliGhl *cli = user_data;
  g_autoptr (LiaisonTask) task = NULL;
  GError *error = NULL;

  task = liaison_ghl_client_task_finish (LIAISON_GHL_CLIENT (source), result, &error);
  liaison_cli_ghl_finish (cli, task ? liaison_cli_ghl_model_to_json (G_OBJECT (task)) : NULL,
                          error);
}

static gboolean
tasks_list (LiaisonCliGhl *cli, int argc, char **argv, GError **error)
{
  if (!liaison_cli_ghl_parse (cli, &argc, &argv, NULL, 1, 1, error))
    return FALSE;
  liaison_ghl_client_list_tasks_async (cli->client, argv[1], cli->cancellable,
                                       liaison_cli_ghl_on_list, cli);
  return TRUE;
}

static gboolean
tasks_get (LiaisonCliGhl *cli, int argc, char **argv, GError **error)
{
  if (!liaison_cli_ghl_parse (cli, &argc, &argv, NULL, 2, 2, error))
    return FALSE;
  liaison_ghl_client_get_task_async (cli->client, argv[1], argv[2], cli->cancellable, on_task, cli);
  return TRUE;
}

/* What tasks create and tasks update may set. */
typedef struct
{
  char *title;
  char *body;
  char *due;
  char *assigned_to;
  char *zone;
} TaskOptions;

static void
task_options_free (TaskOptions *options)
{
  g_free (options->title);
  g_free (options->body);
  g_free (options->due);
  g_free (options->assigned_to);
  g_free (options->zone);
  g_free (options);
}

static gboolean
parse_task (LiaisonCliGhl *cli, int *argc, char ***argv, int n_args, TaskOptions *options,
            GError **error)
{
  const GOptionEntry entries[]
      = { { "title", 0, 0, G_OPTION_ARG_STRING, &options->title, "Title", "T" },
          { "body", 0, 0, G_OPTION_ARG_STRING, &options->body, "Description", "B" },
          { "due", 0, 0, G_OPTION_ARG_STRING, &options->due, "Due time", "TIME" },
          { "assigned-to", 0, 0, G_OPTION_ARG_STRING, &options->assigned_to, "User id", "U" },
          { "tz", 0, 0, G_OPTION_ARG_STRING, &options->zone, "Time zone of --due (UTC)", "ZONE" },
          { NULL } };

  return liaison_cli_ghl_parse (cli, argc, argv, entries, n_args, n_args, error);
}

/* Checks the options, and sets them on task when it is not NULL. */
static gboolean
apply_task (TaskOptions *options, LiaisonTask *task, GError **error)
{
  g_autoptr (GTimeZone) zone = NULL;
  g_autoptr (GDateTime) due = NULL;

  if ((zone = liaison_cli_ghl_parse_zone (options->zone, error)) == NULL)
    return FALSE;
  if (options->due != NULL
      && (due = liaison_cli_ghl_parse_time ("--due", options->due, zone, FALSE, error)) == NULL)
    return FALSE;
  if (task == NULL)
    return TRUE;
  if (options->title != NULL)
    liaison_task_set_title (task, options->title);
  if (options->body != NULL)
    liaison_task_set_body (task, options->body);
  if (due != NULL)
    liaison_task_set_due_date (task, due);
  if (options->assigned_to != NULL)
    liaison_task_set_assigned_to (task, options->assigned_to);
  return TRUE;
}

static gboolean
tasks_create (LiaisonCliGhl *cli, int argc, char **argv, GError **error)
{
  TaskOptions *options = g_new0 (TaskOptions, 1);
  g_autoptr (LiaisonTask) task = liaison_task_new ();

  cli->state = options;
  cli->state_free = (GDestroyNotify) task_options_free;
  if (!parse_task (cli, &argc, &argv, 1, options, error) || !apply_task (options, task, error))
    return FALSE;
  if (options->title == NULL || options->due == NULL)
    return liaison_cli_ghl_usage_error (error, "a task needs --title and --due");

  liaison_task_set_contact_id (task, argv[1]);
  liaison_ghl_client_create_task_async (cli->client, task, cli->cancellable, on_task, cli);
  return TRUE;
}

/* The update body carries "completed" whatever is set, so the change is
 * made on the task as it is now. */
static void
on_current_task (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonCliGhl *cli = user_data;
  g_autoptr (LiaisonTask) task = NULL;
  GError *error = NULL;

  task = liaison_ghl_client_task_finish (LIAISON_GHL_CLIENT (source), result, &error);
  if (task == NULL || !apply_task (cli->state, task, &error))
    {
      liaison_cli_ghl_finish (cli, NULL, error);
      return;
    }
  liaison_ghl_client_update_task_async (cli->client, task, cli->cancellable, on_task, cli);
}

static gboolean
tasks_update (LiaisonCliGhl *cli, int argc, char **argv, GError **error)
{
  TaskOptions *options = g_new0 (TaskOptions, 1);

  cli->state = options;
  cli->state_free = (GDestroyNotify) task_options_free;
  if (!parse_task (cli, &argc, &argv, 2, options, error) || !apply_task (options, NULL, error))
    return FALSE;
  if (options->title == NULL && options->body == NULL && options->due == NULL
      && options->assigned_to == NULL)
    return liaison_cli_ghl_usage_error (error, "nothing to change: give --title, --body, "
                                               "--due or --assigned-to");
  liaison_ghl_client_get_task_async (cli->client, argv[1], argv[2], cli->cancellable,
                                     on_current_task, cli);
  return TRUE;
}

static gboolean
tasks_complete (LiaisonCliGhl *cli, int argc, char **argv, GError **error)
{
  gboolean undo = FALSE;
  const GOptionEntry entries[]
      = { { "undo", 0, 0, G_OPTION_ARG_NONE, &undo, "Mark the task as not done instead", NULL },
          { NULL } };

  if (!liaison_cli_ghl_parse (cli, &argc, &argv, entries, 2, 2, error))
    return FALSE;
  liaison_ghl_client_complete_task_async (cli->client, argv[1], argv[2], !undo, cli->cancellable,
                                          on_task, cli);
  return TRUE;
}

static gboolean
tasks_delete (LiaisonCliGhl *cli, int argc, char **argv, GError **error)
{
  if (!liaison_cli_ghl_parse (cli, &argc, &argv, NULL, 2, 2, error))
    return FALSE;
  cli->state = g_strdup (argv[2]);
  cli->state_free = g_free;
  liaison_ghl_client_delete_task_async (cli->client, argv[1], argv[2], cli->cancellable,
                                        liaison_cli_ghl_on_deleted, cli);
  return TRUE;
}

/* ---- notes ---- */

static void
on_note (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonCliGhl *cli = user_data;
  g_autoptr (LiaisonNote) note = NULL;
  GError *error = NULL;

  note = liaison_ghl_client_note_finish (LIAISON_GHL_CLIENT (source), result, &error);
  liaison_cli_ghl_finish (cli, note ? liaison_cli_ghl_model_to_json (G_OBJECT (note)) : NULL,
                          error);
}

static gboolean
notes_list (LiaisonCliGhl *cli, int argc, char **argv, GError **error)
{
  if (!liaison_cli_ghl_parse (cli, &argc, &argv, NULL, 1, 1, error))
    return FALSE;
  liaison_ghl_client_list_notes_async (cli->client, argv[1], cli->cancellable,
                                       liaison_cli_ghl_on_list, cli);
  return TRUE;
}

static gboolean
notes_get (LiaisonCliGhl *cli, int argc, char **argv, GError **error)
{
  if (!liaison_cli_ghl_parse (cli, &argc, &argv, NULL, 2, 2, error))
    return FALSE;
  liaison_ghl_client_get_note_async (cli->client, argv[1], argv[2], cli->cancellable, on_note, cli);
  return TRUE;
}

/* notes create CONTACT_ID (n_args 1) and notes update CONTACT_ID NOTE_ID (2). */
static gboolean
write_note (LiaisonCliGhl *cli, int argc, char **argv, int n_args, GError **error)
{
  g_autofree char *body = NULL;
  g_autofree char *user = NULL;
  const GOptionEntry entries[]
      = { { "body", 0, 0, G_OPTION_ARG_STRING, &body, "The note's text", "B" },
          { "user", 0, 0, G_OPTION_ARG_STRING, &user, "Id of the user who wrote it", "U" },
          { NULL } };
  g_autoptr (LiaisonNote) note = liaison_note_new ();

  if (!liaison_cli_ghl_parse (cli, &argc, &argv, entries, n_args, n_args, error))
    return FALSE;
  if (body == NULL || *body == '\0')
    return liaison_cli_ghl_usage_error (error, "a note needs --body");

  liaison_note_set_contact_id (note, argv[1]);
  liaison_note_set_body (note, body);
  liaison_note_set_user_id (note, user);
  if (n_args == 1)
    liaison_ghl_client_create_note_async (cli->client, note, cli->cancellable, on_note, cli);
  else
    {
      liaison_note_set_id (note, argv[2]);
      liaison_ghl_client_update_note_async (cli->client, note, cli->cancellable, on_note, cli);
    }
  return TRUE;
}

static gboolean
notes_create (LiaisonCliGhl *cli, int argc, char **argv, GError **error)
{
  return write_note (cli, argc, argv, 1, error);
}

static gboolean
notes_update (LiaisonCliGhl *cli, int argc, char **argv, GError **error)
{
  return write_note (cli, argc, argv, 2, error);
}

static gboolean
notes_delete (LiaisonCliGhl *cli, int argc, char **argv, GError **error)
{
  if (!liaison_cli_ghl_parse (cli, &argc, &argv, NULL, 2, 2, error))
    return FALSE;
  cli->state = g_strdup (argv[2]);
  cli->state_free = g_free;
  liaison_ghl_client_delete_note_async (cli->client, argv[1], argv[2], cli->cancellable,
                                        liaison_cli_ghl_on_deleted, cli);
  return TRUE;
}

const LiaisonCliGhlCommand liaison_cli_ghl_record_commands[]
    = { { "tasks", "list", "CONTACT_ID", "A contact's tasks", tasks_list },
        { "tasks", "get", "CONTACT_ID TASK_ID", "Show one task", tasks_get },
        { "tasks", "create", "CONTACT_ID --title T --due TIME [--body B]", "Create a task",
          tasks_create },
        { "tasks", "update", "CONTACT_ID TASK_ID [--title T] [--due TIME] …",
          "Change a task's title, body, due time or assignee", tasks_update },
        { "tasks", "complete", "CONTACT_ID TASK_ID [--undo]", "Mark a task done (or not)",
          tasks_complete },
        { "tasks", "delete", "CONTACT_ID TASK_ID", "Delete a task", tasks_delete },
        { "notes", "list", "CONTACT_ID", "A contact's notes", notes_list },
        { "notes", "get", "CONTACT_ID NOTE_ID", "Show one note", notes_get },
        { "notes", "create", "CONTACT_ID --body B [--user U]", "Add a note", notes_create },
        { "notes", "update", "CONTACT_ID NOTE_ID --body B", "Replace a note's text", notes_update },
        { "notes", "delete", "CONTACT_ID NOTE_ID", "Delete a note", notes_delete },
        { NULL } };
