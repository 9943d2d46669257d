/* liaison-cli-lsq-commands.c: the commands of `liaison-cli lsq`, one per
 * LiaisonLsqClient operation: parse the arguments, start the call, turn
 * its result into JSON.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-cli"

#include <string.h>

#include "liaison-cli-json.h"
#include "liaison-cli-lsq-private.h"
#include "liaison-json.h"

#define CLIENT(source) LIAISON_LSQ_CLIENT (source)

/* ---- shared result handlers ---- */

static void
on_list (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError *error = NULL;
  g_autoptr (GPtrArray) items = liaison_lsq_client_list_finish (CLIENT (source), result, &error);

  liaison_cli_lsq_finish (user_data, items != NULL ? liaison_cli_lsq_models_to_json (items) : NULL,
                          error);
}

static JsonNode *
id_json (const char *id, const char *flag)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", id);
  if (flag != NULL)
    json_object_set_boolean_member (object, flag, TRUE);
  return liaison_cli_json_take_object (object);
}

static void
on_id (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError *error = NULL;
  g_autofree char *id = liaison_lsq_client_id_finish (CLIENT (source), result, &error);

  liaison_cli_lsq_finish (user_data, id != NULL ? id_json (id, NULL) : NULL, error);
}

/* The id the command acted on is its state. */
static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonCliLsq *cli = user_data;
  GError *error = NULL;
  gboolean done = liaison_lsq_client_done_finish (CLIENT (source), result, &error);

  liaison_cli_lsq_finish (cli, done ? id_json (cli->state, "done") : NULL, error);
}

static void
keep_id (LiaisonCliLsq *cli, const char *id)
{
  cli->state = g_strdup (id);
  cli->state_free = g_free;
}

/* ---- the account ---- */

static void
on_key_user (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError *error = NULL;
  g_autofree char *api_url = NULL;
  g_autoptr (LiaisonUser) user
      = liaison_lsq_client_get_key_user_finish (CLIENT (source), result, &api_url, &error);
  JsonObject *object;

  if (user == NULL)
    {
      liaison_cli_lsq_finish (user_data, NULL, error);
      return;
    }
  object = json_object_new ();
  json_object_set_member (object, "user", liaison_cli_lsq_model_to_json (G_OBJECT (user)));
  json_object_set_string_member (object, "apiUrl", api_url);
  liaison_cli_lsq_finish (user_data, liaison_cli_json_take_object (object), NULL);
}

static gboolean
start_whoami (LiaisonCliLsq *cli, int argc, char **argv, GError **error)
{
  if (!liaison_cli_lsq_parse (cli, &argc, &argv, NULL, 0, 0, error))
    return FALSE;
  liaison_lsq_client_get_key_user_async (cli->client, NULL, on_key_user, cli);
  return TRUE;
}

static gboolean
start_users (LiaisonCliLsq *cli, int argc, char **argv, GError **error)
{
  if (!liaison_cli_lsq_parse (cli, &argc, &argv, NULL, 0, 0, error))
    return FALSE;
  liaison_lsq_client_list_users_async (cli->client, NULL, on_list, cli);
  return TRUE;
}

static gboolean
start_metadata (LiaisonCliLsq *cli, int argc, char **argv, GError **error)
{
  if (!liaison_cli_lsq_parse (cli, &argc, &argv, NULL, 0, 0, error))
    return FALSE;
  liaison_lsq_client_get_metadata_async (cli->client, NULL, on_list, cli);
  return TRUE;
}

/* ---- leads ---- */

static void
on_lead (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError *error = NULL;
  g_autoptr (LiaisonContact) lead
      = liaison_lsq_client_get_lead_finish (CLIENT (source), result, &error);

  liaison_cli_lsq_finish (
      user_data, lead != NULL ? liaison_cli_lsq_model_to_json (G_OBJECT (lead)) : NULL, error);
}

static gboolean
start_leads_get (LiaisonCliLsq *cli, int argc, char **argv, GError **error)
{
  if (!liaison_cli_lsq_parse (cli, &argc, &argv, NULL, 1, 1, error))
    return FALSE;
  liaison_lsq_client_get_lead_async (cli->client, argv[1], NULL, on_lead, cli);
  return TRUE;
}

static gboolean
start_leads_by_email (LiaisonCliLsq *cli, int argc, char **argv, GError **error)
{
  if (!liaison_cli_lsq_parse (cli, &argc, &argv, NULL, 1, 1, error))
    return FALSE;
  liaison_lsq_client_find_leads_by_email_async (cli->client, argv[1], NULL, on_list, cli);
  return TRUE;
}

static gboolean
start_leads_by_phone (LiaisonCliLsq *cli, int argc, char **argv, GError **error)
{
  if (!liaison_cli_lsq_parse (cli, &argc, &argv, NULL, 1, 1, error))
    return FALSE;
  if (strpbrk (argv[1], "0123456789") == NULL)
    return liaison_cli_lsq_usage_error (error, "“%s” is not a phone number", argv[1]);
  liaison_lsq_client_find_leads_by_phone_async (cli->client, argv[1], NULL, on_list, cli);
  return TRUE;
}

typedef struct
{
  GDateTime *since;
  GDateTime *until;
  guint page;
  guint page_size;
  gboolean all;
  GPtrArray *leads;
} Pull;

static void
pull_free (Pull *pull)
{
  g_clear_pointer (&pull->since, g_date_time_unref);
  g_clear_pointer (&pull->until, g_date_time_unref);
  g_ptr_array_unref (pull->leads);
  g_free (pull);
}

static void
on_page (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonCliLsq *cli = user_data;
  Pull *pull = cli->state;
  GError *error = NULL;
  g_autoptr (GPtrArray) page = NULL;
  guint record_count = 0, i;
  gboolean more = FALSE;
  JsonObject *object;

  page = liaison_lsq_client_recently_modified_finish (CLIENT (source), result, &record_count, &more,
                                                      &error);
  if (page == NULL)
    {
      liaison_cli_lsq_finish (cli, NULL, error);
      return;
    }
  for (i = 0; i < page->len; i++)
    g_ptr_array_add (pull->leads, g_object_ref (g_ptr_array_index (page, i)));
  if (pull->all && more)
    {
      pull->page++;
      liaison_lsq_client_recently_modified_async (cli->client, pull->since, pull->until, pull->page,
                                                  pull->page_size, NULL, on_page, cli);
      return;
    }

  object = json_object_new ();
  json_object_set_int_member (object, "recordCount", record_count);
  json_object_set_int_member (object, pull->all ? "pages" : "page", pull->page);
  json_object_set_boolean_member (object, "more", more);
  json_object_set_member (object, "leads", liaison_cli_lsq_models_to_json (pull->leads));
  liaison_cli_lsq_finish (cli, liaison_cli_json_take_object (object), NULL);
}

static gboolean
start_leads_recently_modified (LiaisonCliLsq *cli, int argc, char **argv, GError **error)
{
  g_autofree char *since = NULL;
  g_autofree char *until = NULL;
  int page = 1, page_size = 200;
  gboolean all = FALSE;
  const GOptionEntry entries[] = {
    { "since", 0, 0, G_OPTION_ARG_STRING, &since, "Modified at or after TIME (required)", "TIME" },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until, "Modified at or before TIME (default: now)",
      "TIME" },
    { "page", 0, 0, G_OPTION_ARG_INT, &page, "Page to read, from 1 (default 1)", "N" },
    { "page-size", 0, 0, G_OPTION_ARG_INT, &page_size, "Leads per page, 1 to 5000 (default 200)",
      "N" },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, "Read every page from --page on", NULL },
    { NULL },
  };
  Pull *pull;

  if (!liaison_cli_lsq_parse (cli, &argc, &argv, entries, 0, 0, error))
    return FALSE;
  if (since == NULL)
    return liaison_cli_lsq_usage_error (error, "“lsq leads recently-modified” needs --since TIME");
  if (page < 1 || page_size < 1 || page_size > LIAISON_LSQ_MAX_PAGE_SIZE)
    return liaison_cli_lsq_usage_error (error, "--page must be 1 or more and --page-size 1 to %d",
                                        LIAISON_LSQ_MAX_PAGE_SIZE);

  pull = g_new0 (Pull, 1);
  pull->leads = g_ptr_array_new_with_free_func (g_object_unref);
  cli->state = pull;
  cli->state_free = (GDestroyNotify) pull_free;
  pull->since = liaison_cli_lsq_parse_time ("--since", since, error);
  if (pull->since == NULL)
    return FALSE;
  pull->until = until != NULL ? liaison_cli_lsq_parse_time ("--until", until, error)
                              : g_date_time_new_now_utc ();
  if (pull->until == NULL)
    return FALSE;
  if (g_date_time_compare (pull->since, pull->until) > 0)
    return liaison_cli_lsq_usage_error (error, "--since is after --until");
  pull->page = (guint) page;
  pull->page_size = (guint) page_size;
  pull->all = all;
  liaison_lsq_client_recently_modified_async (cli->client, pull->since, pull->until, pull->page,
                                              pull->page_size, NULL, on_page, cli);
  return TRUE;
}

/* FIELD=VALUE arguments (schema names: FirstName=Ada mx_City=Pune). */
static LiaisonContact *
contact_from_args (int argc, char **argv, int first, GError **error)
{
  g_autoptr (GHashTable) fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int i;

  for (i = first; i < argc; i++)
    {
      const char *eq = strchr (argv[i], '=');

      if (eq == NULL || eq == argv[i])
        {
          liaison_cli_lsq_usage_error (error,
                                       "“%s” is not FIELD=VALUE (for example "
                                       "EmailAddress=ada@example.com)",
                                       argv[i]);
          return NULL;
        }
      g_hash_table_replace (fields, g_strndup (argv[i], eq - argv[i]), g_strdup (eq + 1));
    }
  if (g_hash_table_size (fields) == 0)
    {
      liaison_cli_lsq_usage_error (error, "give the lead's fields as FIELD=VALUE");
      return NULL;
    }
  return liaison_lsq_contact_from_fields (fields);
}

static gboolean
start_leads_create (LiaisonCliLsq *cli, int argc, char **argv, GError **error)
{
  g_autoptr (LiaisonContact) contact = NULL;

  if (!liaison_cli_lsq_parse (cli, &argc, &argv, NULL, 1, -1, error)
      || (contact = contact_from_args (argc, argv, 1, error)) == NULL)
    return FALSE;
  liaison_lsq_client_create_lead_async (cli->client, contact, NULL, on_id, cli);
  return TRUE;
}

static gboolean
start_leads_update (LiaisonCliLsq *cli, int argc, char **argv, GError **error)
{
  g_autoptr (LiaisonContact) contact = NULL;

  if (!liaison_cli_lsq_parse (cli, &argc, &argv, NULL, 2, -1, error)
      || (contact = contact_from_args (argc, argv, 2, error)) == NULL)
    return FALSE;
  liaison_contact_set_id (contact, argv[1]);
  keep_id (cli, argv[1]);
  liaison_lsq_client_update_lead_async (cli->client, contact, NULL, on_done, cli);
  return TRUE;
}

static gboolean
start_leads_create_or_update (LiaisonCliLsq *cli, int argc, char **argv, GError **error)
{
  g_autoptr (LiaisonContact) contact = NULL;
  g_autofree char *search_by = NULL;
  const GOptionEntry entries[] = {
    { "search-by", 0, 0, G_OPTION_ARG_STRING, &search_by,
      "Unique field to match on (default: EmailAddress, then Phone)", "FIELD" },
    { NULL },
  };

  if (!liaison_cli_lsq_parse (cli, &argc, &argv, entries, 1, -1, error)
      || (contact = contact_from_args (argc, argv, 1, error)) == NULL)
    return FALSE;
  liaison_lsq_client_create_or_update_lead_async (cli->client, contact, search_by, NULL, on_id,
                                                  cli);
  return TRUE;
}

static void
on_bulk (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError *error = NULL;
  g_autoptr (GPtrArray) rows
      = liaison_lsq_client_bulk_create_or_update_finish (CLIENT (source), result, &error);
  JsonArray *array;
  guint i, failed = 0;

  if (rows == NULL)
    {
      liaison_cli_lsq_finish (user_data, NULL, error);
      return;
    }
  array = json_array_new ();
  for (i = 0; i < rows->len; i++)
    {
      LiaisonLsqRowResult *row = g_ptr_array_index (rows, i);
      JsonObject *object = json_object_new ();

      json_object_set_int_member (object, "row", row->row);
      if (row->error == NULL)
        {
          json_object_set_string_member (object, "leadId", row->lead_id);
          json_object_set_boolean_member (object, "created", row->created);
          json_object_set_boolean_member (object, "updated", row->updated);
        }
      else
        {
          failed++;
          json_object_set_string_member (object, "error", row->error->message);
        }
      json_array_add_object_element (array, object);
    }
  /* The rows are printed either way; failed rows make the exit status 1. */
  if (failed > 0)
    error
        = g_error_new (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_VALIDATION,
                       "%u of %u leads were not written (see their \"error\")", failed, rows->len);
  liaison_cli_lsq_finish (user_data, liaison_cli_json_take_array (array), error);
}

/* A leads file is read up to this size, and no further. */
#define LEADS_FILE_MAX (64 * 1024 * 1024)

/* The whole of path ("-": standard input), or NULL when it cannot be read
 * or is larger than max bytes. */
static GBytes *
read_bounded (const char *path, gsize max, GError **error)
{
  g_autoptr (GIOChannel) in = NULL;
  g_autoptr (GByteArray) data = g_byte_array_new ();
  char buffer[65536];
  GIOStatus status;
  gsize got;

  in = g_strcmp0 (path, "-") == 0 ? g_io_channel_unix_new (0)
                                  : g_io_channel_new_file (path, "r", error);
  if (in == NULL)
    return NULL;
  if (g_io_channel_set_encoding (in, NULL, error) != G_IO_STATUS_NORMAL)
    return NULL;
  do
    {
      status = g_io_channel_read_chars (in, buffer, sizeof buffer, &got, error);
      if (status == G_IO_STATUS_ERROR)
        return NULL;
      if (data->len + got > max)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the file is larger than %u MB",
                       (guint) (max / (1024 * 1024)));
          return NULL;
        }
      g_byte_array_append (data, (const guint8 *) buffer, got);
    }
  while (status != G_IO_STATUS_EOF);
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* A JSON array of objects, one per lead: [{"EmailAddress": "...", ...}]. */
static GPtrArray *
contacts_from_file (const char *path, GError **error)
{
  g_autoptr (GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonNode) root = NULL;
  JsonArray *array;
  guint i;

  bytes = read_bounded (path, LEADS_FILE_MAX, &local_error);
  if (bytes != NULL)
    root = liaison_json_parse_bytes (bytes, LIAISON_JSON_MAX_DEPTH, &local_error);
  if (root == NULL)
    {
      gsize len = 0;
      const char *data = bytes != NULL ? g_bytes_get_data (bytes, &len) : NULL;
      gsize n;

      for (n = 0; n < len && g_ascii_isspace (data[n]); n++)
        ;
      if (bytes != NULL && n == len)
        liaison_cli_lsq_usage_error (error,
                                     "%s: the file is empty; expected a JSON array of lead "
                                     "objects",
                                     path);
      else
        liaison_cli_lsq_usage_error (error, "%s: %s", path, local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      liaison_cli_lsq_usage_error (error, "%s: expected a JSON array of lead objects", path);
      return NULL;
    }
  array = json_node_get_array (root);
  for (i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr (GHashTable) fields = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          liaison_cli_lsq_usage_error (error, "%s: lead %u is not an object", path, i + 1);
          return NULL;
        }
      fields = liaison_lsq_attributes_from_object (json_node_get_object (element));
      g_ptr_array_add (contacts, liaison_lsq_contact_from_fields (fields));
    }
  return g_steal_pointer (&contacts);
}

static gboolean
start_leads_bulk (LiaisonCliLsq *cli, int argc, char **argv, GError **error)
{
  g_autoptr (GPtrArray) contacts = NULL;
  g_autofree char *search_by = NULL;
  const GOptionEntry entries[] = {
    { "search-by", 0, 0, G_OPTION_ARG_STRING, &search_by,
      "Unique field to match on (default: EmailAddress, then Phone)", "FIELD" },
    { NULL },
  };

  if (!liaison_cli_lsq_parse (cli, &argc, &argv, entries, 1, 1, error)
      || (contacts = contacts_from_file (argv[1], error)) == NULL)
    return FALSE;
  liaison_lsq_client_bulk_create_or_update_async (cli->client, contacts, search_by, NULL, on_bulk,
                                                  cli);
  return TRUE;
}

/* ---- notes ---- */

static gboolean
start_notes_list (LiaisonCliLsq *cli, int argc, char **argv, GError **error)
{
  if (!liaison_cli_lsq_parse (cli, &argc, &argv, NULL, 1, 1, error))
    return FALSE;
  liaison_lsq_client_list_notes_async (cli->client, argv[1], NULL, on_list, cli);
  return TRUE;
}

static gboolean
start_notes_create (LiaisonCliLsq *cli, int argc, char **argv, GError **error)
{
  g_autoptr (LiaisonNote) note = liaison_note_new ();

  if (!liaison_cli_lsq_parse (cli, &argc, &argv, NULL, 2, 2, error))
    return FALSE;
  liaison_note_set_contact_id (note, argv[1]);
  liaison_note_set_body (note, argv[2]);
  liaison_lsq_client_create_note_async (cli->client, note, NULL, on_id, cli);
  return TRUE;
}

static gboolean
start_notes_update (LiaisonCliLsq *cli, int argc, char **argv, GError **error)
{
  g_autoptr (LiaisonNote) note = liaison_note_new ();

  if (!liaison_cli_lsq_parse (cli, &argc, &argv, NULL, 3, 3, error))
    return FALSE;
  liaison_note_set_contact_id (note, argv[1]);
  liaison_note_set_id (note, argv[2]);
  liaison_note_set_body (note, argv[3]);
  keep_id (cli, argv[2]);
  liaison_lsq_client_update_note_async (cli->client, note, NULL, on_done, cli);
  return TRUE;
}

/* ---- tasks and appointments ---- */

static void
on_task (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError *error = NULL;
  g_autoptr (GObject) item = liaison_lsq_client_get_task_finish (CLIENT (source), result, &error);

  liaison_cli_lsq_finish (user_data, item != NULL ? liaison_cli_lsq_model_to_json (item) : NULL,
                          error);
}

static gboolean
start_tasks_get (LiaisonCliLsq *cli, int argc, char **argv, GError **error)
{
  if (!liaison_cli_lsq_parse (cli, &argc, &argv, NULL, 1, 1, error))
    return FALSE;
  liaison_lsq_client_get_task_async (cli->client, argv[1], NULL, on_task, cli);
  return TRUE;
}

static gboolean
start_tasks_by_lead (LiaisonCliLsq *cli, int argc, char **argv, GError **error)
{
  gboolean details = FALSE;
  const GOptionEntry entries[] = {
    { "details", 0, 0, G_OPTION_ARG_NONE, &details,
      "Read each task in full (one request each): to-dos and appointments apart", NULL },
    { NULL },
  };

  if (!liaison_cli_lsq_parse (cli, &argc, &argv, entries, 1, 1, error))
    return FALSE;
  liaison_lsq_client_list_lead_tasks_async (cli->client, argv[1], details, NULL, on_list, cli);
  return TRUE;
}

static gboolean
start_tasks_complete (LiaisonCliLsq *cli, int argc, char **argv, GError **error)
{
  if (!liaison_cli_lsq_parse (cli, &argc, &argv, NULL, 1, 1, error))
    return FALSE;
  keep_id (cli, argv[1]);
  liaison_lsq_client_complete_task_async (cli->client, argv[1], NULL, on_done, cli);
  return TRUE;
}

/* The options tasks and appointments share. */
typedef struct
{
  char *type;
  char *title;
  char *description;
  char *owner;
  char *lead;
  char *due;
  char *end;
  char *location;
} TaskArgs;

static void
task_args_clear (TaskArgs *args)
{
  g_free (args->type);
  g_free (args->title);
  g_free (args->description);
  g_free (args->owner);
  g_free (args->lead);
  g_free (args->due);
  g_free (args->end);
  g_free (args->location);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TaskArgs, task_args_clear)

static gboolean
parse_task_args (LiaisonCliLsq *cli, int *argc, char ***argv, TaskArgs *args, gboolean appointment,
                 GError **error)
{
  const GOptionEntry entries[] = {
    { "type", 0, 0, G_OPTION_ARG_STRING, &args->type,
      appointment ? "Appointment type, such as Meeting" : "Task type, such as “Follow Up”",
      "TYPE" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &args->title, "Title", "TEXT" },
    { "description", 0, 0, G_OPTION_ARG_STRING, &args->description, "Description", "TEXT" },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &args->owner, "Owner's user id", "ID" },
    { "lead", 0, 0, G_OPTION_ARG_STRING, &args->lead, "Lead id (updates)", "ID" },
    { appointment ? "start" : "due", 0, 0, G_OPTION_ARG_STRING, &args->due,
      appointment ? "Start time" : "Due time", "TIME" },
    { appointment ? "end" : NULL, 0, 0, G_OPTION_ARG_STRING, &args->end, "End time", "TIME" },
    { appointment ? "location" : NULL, 0, 0, G_OPTION_ARG_STRING, &args->location, "Location",
      "TEXT" },
    { NULL },
  };

  return liaison_cli_lsq_parse (cli, argc, argv, entries, 1, 1, error);
}

static gboolean
task_times (TaskArgs *args, gboolean appointment, GDateTime **due, GDateTime **end, GError **error)
{
  *due = NULL;
  *end = NULL;
  if (args->due != NULL
      && (*due = liaison_cli_lsq_parse_time (appointment ? "--start" : "--due", args->due, error))
             == NULL)
    return FALSE;
  if (args->end != NULL && (*end = liaison_cli_lsq_parse_time ("--end", args->end, error)) == NULL)
    return FALSE;
  return TRUE;
}

static gboolean
start_task_write (LiaisonCliLsq *cli, int argc, char **argv, gboolean create, GError **error)
{
  g_auto (TaskArgs) args = { 0 };
  g_autoptr (LiaisonTask) task = liaison_task_new ();
  g_autoptr (GDateTime) due = NULL;
  g_autoptr (GDateTime) end = NULL;

  if (!parse_task_args (cli, &argc, &argv, &args, FALSE, error)
      || !task_times (&args, FALSE, &due, &end, error))
    return FALSE;
  if (create && (args.type == NULL || args.title == NULL))
    return liaison_cli_lsq_usage_error (error, "“lsq tasks create” needs --type and --title");
  liaison_task_set_contact_id (task, create ? argv[1] : args.lead);
  liaison_task_set_title (task, args.title);
  liaison_task_set_body (task, args.description);
  liaison_task_set_assigned_to (task, args.owner);
  liaison_task_set_due_date (task, due);
  if (create)
    liaison_lsq_client_create_task_async (cli->client, task, args.type, NULL, on_id, cli);
  else
    {
      liaison_task_set_id (task, argv[1]);
      keep_id (cli, argv[1]);
      liaison_lsq_client_update_task_async (cli->client, task, NULL, on_done, cli);
    }
  return TRUE;
}

static gboolean
start_tasks_create (LiaisonCliLsq *cli, int argc, char **argv, GError **error)
{
  return start_task_write (cli, argc, argv, TRUE, error);
}

static gboolean
start_tasks_update (LiaisonCliLsq *cli, int argc, char **argv, GError **error)
{
  return start_task_write (cli, argc, argv, FALSE, error);
}

static gboolean
start_appointment_write (LiaisonCliLsq *cli, int argc, char **argv, gboolean create, GError **error)
{
  g_auto (TaskArgs) args = { 0 };
  g_autoptr (LiaisonAppointment) appointment = liaison_appointment_new ();
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (GDateTime) end = NULL;

  if (!parse_task_args (cli, &argc, &argv, &args, TRUE, error)
      || !task_times (&args, TRUE, &start, &end, error))
    return FALSE;
  if (create && (args.type == NULL || args.title == NULL || start == NULL || end == NULL))
    return liaison_cli_lsq_usage_error (
        error, "“lsq appointments create” needs --type, --title, --start and --end");
  if (start != NULL && end != NULL && g_date_time_compare (start, end) > 0)
    return liaison_cli_lsq_usage_error (error, "--end is before --start");
  liaison_appointment_set_contact_id (appointment, create ? argv[1] : args.lead);
  liaison_appointment_set_title (appointment, args.title);
  liaison_appointment_set_description (appointment, args.description);
  liaison_appointment_set_assigned_user_id (appointment, args.owner);
  liaison_appointment_set_address (appointment, args.location);
  liaison_appointment_set_start_time (appointment, start);
  liaison_appointment_set_end_time (appointment, end);
  liaison_appointment_set_calendar_id (appointment, args.type);
  if (create)
    liaison_lsq_client_create_appointment_async (cli->client, appointment, args.type, NULL, on_id,
                                                 cli);
  else
    {
      liaison_appointment_set_id (appointment, argv[1]);
      keep_id (cli, argv[1]);
      liaison_lsq_client_update_appointment_async (cli->client, appointment, NULL, on_done, cli);
    }
  return TRUE;
}

static gboolean
start_appointments_create (LiaisonCliLsq *cli, int argc, char **argv, GError **error)
{
  return start_appointment_write (cli, argc, argv, TRUE, error);
}

static gboolean
start_appointments_update (LiaisonCliLsq *cli, int argc, char **argv, GError **error)
{
  return start_appointment_write (cli, argc, argv, FALSE, error);
}

const LiaisonCliLsqCommand liaison_cli_lsq_commands[] = {
  { "whoami", NULL, "", "The user of the API keys and the account's API host", start_whoami },
  { "users", NULL, "", "List the account's users", start_users },
  { "metadata", NULL, "", "List the lead fields (schema names, types, options)", start_metadata },
  { "leads", "get", "ID", "Get a lead by id", start_leads_get },
  { "leads", "by-email", "EMAIL", "Find leads by email address", start_leads_by_email },
  { "leads", "by-phone", "PHONE", "Find a lead by phone or mobile number", start_leads_by_phone },
  { "leads", "recently-modified", "--since TIME [--until TIME]",
    "One page (or --all) of the leads modified in a UTC window", start_leads_recently_modified },
  { "leads", "create", "FIELD=VALUE…", "Create a lead (not retried after a doubtful failure)",
    start_leads_create },
  { "leads", "update", "ID FIELD=VALUE…", "Update the given fields of a lead", start_leads_update },
  { "leads", "create-or-update", "[--search-by FIELD] FIELD=VALUE…",
    "Update the lead matching on a unique field, or create it", start_leads_create_or_update },
  { "leads", "bulk-create-or-update", "[--search-by FIELD] FILE",
    "Create or update the leads of a JSON array (FILE or - for stdin), 25 a call",
    start_leads_bulk },
  { "notes", "list", "LEAD", "List a lead's notes", start_notes_list },
  { "notes", "create", "LEAD TEXT", "Add a note to a lead", start_notes_create },
  { "notes", "update", "LEAD NOTE TEXT", "Change a note's text", start_notes_update },
  { "tasks", "get", "ID", "Get a task (a to-do or an appointment)", start_tasks_get },
  { "tasks", "by-lead", "LEAD [--details]", "List a lead's tasks", start_tasks_by_lead },
  { "tasks", "create", "LEAD --type TYPE --title TEXT [--due TIME]", "Create a to-do",
    start_tasks_create },
  { "tasks", "update", "ID [--title TEXT] [--due TIME] …", "Update a to-do", start_tasks_update },
  { "tasks", "complete", "ID", "Mark a task complete", start_tasks_complete },
  { "appointments", "create", "LEAD --type TYPE --title TEXT --start TIME --end TIME",
    "Create an appointment", start_appointments_create },
  { "appointments", "update", "ID [--start TIME] [--end TIME] …", "Update an appointment",
    start_appointments_update },
  { NULL },
};
