/* liaison-cli-sync.c: `liaison-cli sync`, `liaison-cli conflicts` and `liaison-cli history`:
 * the sync engine from a terminal, on the profile's store (XDG_DATA_HOME) with the credentials
 * of `liaison-cli ghl` and `liaison-cli lsq` (the environment, else the connected accounts).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-cli"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <unistd.h>

#include "liaison-auth-types.h"
#include "liaison-bearer-authorizer.h"
#include "liaison-cli-accounts.h"
#include "liaison-cli-history.h"
#include "liaison-store-history.h"
#include "liaison-cli-sync.h"
#include "liaison-lsq-key-authorizer.h"
#include "liaison-store-sync.h"
#include "liaison-store-activity.h"
#include "liaison-sync-engine.h"

enum
{
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
  /* sync --scheduled before the first sync, while nobody reviewed the field map: nothing was
   * done. sysexits' EX_TEMPFAIL (try again later), which liaison-sync.service counts as a
   * success (SuccessExitStatus) and liaison-cli schedule status tells apart. */
  EXIT_HELD = 75,
};

typedef struct
{
  GMainLoop *loop;
  GAsyncResult *result;
} Wait;

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *w = user_data;

  w->result = g_object_ref (result);
  g_main_loop_quit (w->loop);
}

static GAsyncResult *
wait_for (Wait *w)
{
  if (w->result == NULL)
    g_main_loop_run (w->loop);
  return w->result;
}

static void
wait_clear (Wait *w)
{
  g_clear_object (&w->result);
}

LiaisonStore *
liaison_cli_sync_open_store (GError **error)
{
  const char *profile = g_getenv ("LIAISON_PROFILE");
  g_autofree char *path
      = liaison_store_default_path (profile && *profile ? profile : "default", error);

  return path ? liaison_store_open_sync (path, NULL, error) : NULL;
}

static LiaisonGhlClient *
ghl_client (GError **error)
{
  const char *url = g_getenv ("LIAISON_GHL_URL");
  const char *token = g_getenv ("LIAISON_GHL_TOKEN");
  const char *location = g_getenv ("LIAISON_GHL_LOCATION");
  g_autoptr (LiaisonAuthorizer) bearer = NULL;
  g_autoptr (LiaisonHttp) http = NULL;

  if (token == NULL || *token == '\0' || location == NULL || *location == '\0')
    return liaison_cli_accounts_load_ghl_client (error);
  bearer = liaison_bearer_authorizer_new (token);
  http = liaison_http_new (LIAISON_HTTP_SERVICE_GHL, url && *url ? url : LIAISON_GHL_DEFAULT_URL,
                           bearer, error);
  return http ? liaison_ghl_client_new (http, location) : NULL;
}

static LiaisonLsqClient *
lsq_client (GError **error)
{
  const char *url = g_getenv ("LIAISON_LSQ_URL");
  const char *access_key = g_getenv ("LIAISON_LSQ_ACCESS_KEY");
  const char *secret_key = g_getenv ("LIAISON_LSQ_SECRET_KEY");
  g_autoptr (LiaisonAuthorizer) keys = NULL;
  g_autoptr (LiaisonHttp) http = NULL;

  if (access_key == NULL || *access_key == '\0' || secret_key == NULL || *secret_key == '\0')
    return liaison_cli_accounts_load_lsq_client (error);
  if (url == NULL || *url == '\0')
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _ ("Set LIAISON_LSQ_URL to the account's API host along with its "
                              "keys, or connect the account with “liaison-cli connect lsq”."));
      return NULL;
    }
  keys = liaison_lsq_key_authorizer_new (access_key, secret_key);
  http = liaison_http_new (LIAISON_HTTP_SERVICE_LSQ, url, keys, error);
  return http ? liaison_lsq_client_new (http) : NULL;
}

/* The profile's connection of the service: the one saved, else one saved now for the account
 * the environment names. */
static char *
connection_id (LiaisonStore *store, LiaisonService service, const char *account, Wait *w,
               GError **error)
{
  g_autoptr (GPtrArray) connections = liaison_store_list_connections (store, error);
  g_autoptr (LiaisonStoreConnection) c = NULL;
  char *id;

  if (connections == NULL)
    return NULL;
  for (guint i = 0; i < connections->len; i++)
    {
      LiaisonStoreConnection *saved = g_ptr_array_index (connections, i);
      if (saved->service == service
          && (account == NULL || g_strcmp0 (saved->account_id, account) == 0))
        return g_strdup (saved->id);
    }
  c = liaison_store_connection_new (service, account ? account : "default");
  liaison_store_save_connection_async (store, c, NULL, on_done, w);
  id = liaison_store_save_connection_finish (store, wait_for (w), error);
  wait_clear (w);
  return id;
}

/* The setting's days of history (90 when the schema is not installed), as the application
 * keeps them: a timer's `liaison-cli sync` is what keeps a profile without the window small. */
static void
prune_history (LiaisonStore *store, Wait *w)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GError) error = NULL;
  int days = 90;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, "history-retention-days"))
    {
      g_autoptr (GSettings) settings = g_settings_new_full (schema, NULL, NULL);
      days = g_settings_get_int (settings, "history-retention-days");
    }
  if (days <= 0)
    return;
  liaison_store_prune_history_async (
      store, liaison_history_retention_cutoff ((guint) days, g_get_real_time () / 1000), NULL,
      on_done, w);
  if (!liaison_store_prune_history_finish (store, wait_for (w), NULL, &error))
    g_printerr (_ ("liaison-cli sync: old history was kept: %s\n"), error->message);
  wait_clear (w);
}

static void
on_progress (LiaisonSyncEngine *engine, guint done, guint total, gpointer user_data)
{
  g_printerr ("\r%s", "");
  g_printerr (_ ("Applying: %u of %u"), done, total);
  if (done == total)
    g_printerr ("\n");
}

static void
print_json (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, TRUE);

  g_print ("%s\n", text);
}

static void
print_plan_text (LiaisonSyncPlan *plan)
{
  g_autoptr (JsonNode) json = liaison_sync_plan_to_json (plan);
  JsonArray *ops = json_object_get_array_member (json_node_get_object (json), "operations");
  const char *region, *source = NULL;

  for (guint i = 0; i < json_array_get_length (ops); i++)
    {
      JsonObject *op = json_array_get_object_element (ops, i);
      const char *action = json_object_get_string_member (op, "action");
      const char *field = json_object_get_string_member_with_default (op, "field", NULL);
      const char *reason = json_object_get_string_member_with_default (op, "reason", NULL);
      g_autofree char *before = json_object_has_member (op, "before")
                                    ? json_to_string (json_object_get_member (op, "before"), FALSE)
                                    : NULL;
      g_autofree char *after = json_object_has_member (op, "after")
                                   ? json_to_string (json_object_get_member (op, "after"), FALSE)
                                   : NULL;

      g_print ("%-9s %-4s lsq:%s ghl:%s", action,
               json_object_get_string_member_with_default (op, "side", "") ?: "",
               json_object_get_string_member_with_default (op, "lsqId", "-") ?: "-",
               json_object_get_string_member_with_default (op, "ghlId", "-") ?: "-");
      if (field && g_strcmp0 (action, "skip") == 0)
        g_print (" %s", field);
      else if (field)
        g_print (" %s: %s → %s", field, before ? before : "null", after ? after : "null");
      if (reason)
        g_print (" (%s)", reason);
      g_print ("\n");
    }
  region = liaison_sync_plan_get_phone_region (plan, &source);
  if (region != NULL && g_strcmp0 (source, "location") == 0)
    g_print (_ ("Phone region %s, taken from the HighLevel location’s country; change it with "
                "“liaison-cli mapping region”.\n"),
             region);
  g_print (_ ("API calls: %u to LeadSquared, %u to HighLevel\n"),
           liaison_sync_plan_get_n_calls (plan, LIAISON_SERVICE_LSQ),
           liaison_sync_plan_get_n_calls (plan, LIAISON_SERVICE_GHL));
}

typedef enum
{
  PART_TASKS,
  PART_NOTES,
  PART_APPOINTMENTS,
} PartKind;

/* The tasks', notes' or appointments' part of a plan or a run: each operation, then the reads
 * and calls. */
static void
print_activity_kind (JsonObject *part, PartKind kind, gboolean dry_run)
{
  static const char *const names[] = { "task", "note", "appointment" };
  static const char *const lsq_ids[] = { "lsqTask", "lsqNote", "lsqAppointment" };
  static const char *const ghl_ids[] = { "ghlTask", "ghlNote", "ghlAppointment" };
  JsonArray *ops = json_object_get_array_member (part, "operations");
  JsonObject *reads = json_object_get_object_member (part, "reads");
  JsonObject *calls = json_object_get_object_member (part, "calls");
  guint pairs = json_object_get_int_member (part, "pairs");
  guint changed = json_object_get_int_member (part, "changedPairs");
  guint swept = json_object_get_int_member (part, "sweptPairs");
  guint waiting = json_object_get_int_member_with_default (part, "waitingPairs", 0);
  guint first = json_object_get_int_member_with_default (part, "firstPairs", 0);
  guint lsq_reads = json_object_get_int_member (reads, "lsq");
  guint ghl_reads = json_object_get_int_member (reads, "ghl");
  guint lsq = json_object_get_int_member (calls, "lsq");
  guint ghl = json_object_get_int_member (calls, "ghl");

  for (guint i = 0; dry_run && i < json_array_get_length (ops); i++)
    {
      JsonObject *op = json_array_get_object_element (ops, i);
      const char *reason = json_object_get_string_member_with_default (op, "reason", NULL);

      g_print ("%-9s %s lsq:%s ghl:%s", json_object_get_string_member (op, "action"), names[kind],
               json_object_get_string_member_with_default (op, lsq_ids[kind], "-"),
               json_object_get_string_member_with_default (op, ghl_ids[kind], "-"));
      if (json_object_has_member (op, "title"))
        g_print (" “%s”", json_object_get_string_member (op, "title"));
      if (json_object_has_member (op, "start"))
        g_print (" %s", json_object_get_string_member (op, "start"));
      if (json_object_has_member (op, "calendarName"))
        /* Translators: where a new appointment is booked, after its title and start */
        g_print (_ (" in calendar “%s”"), json_object_get_string_member (op, "calendarName"));
      g_print ("%s%s%s\n", reason ? " (" : "", reason ? reason : "", reason ? ")" : "");
    }
  if (kind == PART_TASKS)
    g_print (_ ("Tasks: %u pairs of contacts read (%u changed, %u for the first time, %u by "
                "the sweep) in %u LeadSquared and %u HighLevel requests.\n"),
             pairs, changed, first, swept, lsq_reads, ghl_reads);
  else if (kind == PART_NOTES)
    g_print (_ ("Notes: %u pairs of contacts read (%u changed, %u for the first time, %u by "
                "the sweep) in %u LeadSquared and %u HighLevel requests.\n"),
             pairs, changed, first, swept, lsq_reads, ghl_reads);
  else
    g_print (_ ("Appointments: %u pairs of contacts read (%u changed, %u for the first time, %u "
                "by the sweep, %u for a HighLevel appointment) in %u LeadSquared and %u "
                "HighLevel requests.\n"),
             pairs, changed, first, swept,
             (guint) json_object_get_int_member_with_default (part, "ghlChangedPairs", 0),
             lsq_reads, ghl_reads);
  if (kind == PART_APPOINTMENTS && json_object_has_member (part, "calendar"))
    {
      JsonObject *calendar = json_object_get_object_member (part, "calendar");

      g_print (_ ("New appointments from LeadSquared are booked in the HighLevel calendar “%s” "
                  "(%s).\n"),
               json_object_get_string_member (calendar, "name"),
               json_object_get_string_member (calendar, "id"));
    }
  if (waiting > 0)
    g_print (ngettext ("%u more pair waits for its first read by the next syncs.\n",
                       "%u more pairs wait for their first read by the next syncs.\n", waiting),
             waiting);
  if (kind == PART_TASKS)
    g_print (dry_run ? _ ("Task writes would take %u LeadSquared and %u HighLevel API calls.\n")
                     : _ ("Task writes took %u LeadSquared and %u HighLevel API calls.\n"),
             lsq, ghl);
  else if (kind == PART_NOTES)
    g_print (dry_run ? _ ("Note writes would take %u LeadSquared and %u HighLevel API calls.\n")
                     : _ ("Note writes took %u LeadSquared and %u HighLevel API calls.\n"),
             lsq, ghl);
  else
    g_print (dry_run
                 ? _ ("Appointment writes would take %u LeadSquared and %u HighLevel API calls.\n")
                 : _ ("Appointment writes took %u LeadSquared and %u HighLevel API calls.\n"),
             lsq, ghl);
}

static void
print_activity_text (JsonNode *activity, gboolean dry_run)
{
  static const char *const parts[] = { "tasks", "notes", "appointments" };
  JsonObject *o = activity ? json_node_get_object (activity) : NULL;

  for (guint i = 0; o != NULL && i < G_N_ELEMENTS (parts); i++)
    if (json_object_has_member (o, parts[i]))
      print_activity_kind (json_object_get_object_member (o, parts[i]), (PartKind) i, dry_run);
}

/* "contacts,tasks,notes,appointments" -> LiaisonSyncKinds. */
static gboolean
parse_kinds (const char *text, guint *kinds, GError **error)
{
  g_auto (GStrv) names = g_strsplit (text, ",", -1);

  *kinds = 0;
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);

      if (g_str_equal (name, "contacts"))
        *kinds |= LIAISON_SYNC_KIND_CONTACTS;
      else if (g_str_equal (name, "tasks"))
        *kinds |= LIAISON_SYNC_KIND_TASKS;
      else if (g_str_equal (name, "notes"))
        *kinds |= LIAISON_SYNC_KIND_NOTES;
      else if (g_str_equal (name, "appointments"))
        *kinds |= LIAISON_SYNC_KIND_APPOINTMENTS;
      else if (*name != '\0')
        {
          g_set_error (
              error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
              _ ("--only does not know “%s”; choose from contacts, tasks, notes and appointments"),
              name);
          return FALSE;
        }
    }
  if (*kinds == 0)
    {
      g_set_error_literal (
          error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
          _ ("--only needs at least one of contacts, tasks, notes and appointments"));
      return FALSE;
    }
  return TRUE;
}

/* The records of every kind an undo keeps from being copied again: contacts first, then tasks,
 * notes and appointments; NULL with error set. */
static GPtrArray *
list_not_copied (LiaisonStore *store, GArray *kinds, GError **error)
{
  static const LiaisonRecordKind all[] = { LIAISON_RECORD_CONTACT, LIAISON_RECORD_TASK,
                                           LIAISON_RECORD_NOTE, LIAISON_RECORD_APPOINTMENT };
  g_autoptr (GPtrArray) rows
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_not_copied_free);

  for (guint k = 0; k < G_N_ELEMENTS (all); k++)
    {
      g_autoptr (GPtrArray) some = liaison_store_list_not_copied_of (store, all[k], error);

      if (some == NULL)
        return NULL;
      for (guint i = 0; i < some->len; i++)
        {
          g_ptr_array_add (rows, g_steal_pointer (&some->pdata[i]));
          g_array_append_val (kinds, all[k]);
        }
      g_ptr_array_set_free_func (some, NULL);
    }
  return g_steal_pointer (&rows);
}

/* `liaison-cli undo --not-copied` and `--copy-again ID`: the records an undo keeps from being
 * copied again, and letting one go. */
static int
not_copied_main (const char *copy_again, gboolean json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonStore) store = liaison_cli_sync_open_store (&error);
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GArray) kinds = g_array_new (FALSE, FALSE, sizeof (LiaisonRecordKind));

  if (store == NULL)
    {
      g_printerr ("liaison-cli undo: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (copy_again != NULL)
    {
      Wait w = { g_main_loop_new (NULL, FALSE), NULL };
      gint removed;

      liaison_store_copy_again_async (store, copy_again, NULL, on_done, &w);
      removed = liaison_store_copy_again_finish (store, wait_for (&w), &error);
      wait_clear (&w);
      g_main_loop_unref (w.loop);
      if (removed < 0)
        {
          g_printerr ("liaison-cli undo: %s\n", error->message);
          return EXIT_FAILED;
        }
      if (removed == 0)
        {
          g_printerr (_ ("liaison-cli undo: no record “%s” is kept from being copied; "
                         "“liaison-cli undo --not-copied” lists them.\n"),
                      copy_again);
          return EXIT_USAGE;
        }
      g_print (_ ("The next sync copies “%s” again.\n"), copy_again);
      return EXIT_SUCCESS;
    }
  rows = list_not_copied (store, kinds, &error);
  if (rows == NULL)
    {
      g_printerr ("liaison-cli undo: %s\n", error->message);
      return EXIT_FAILED;
    }
  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < rows->len; i++)
        {
          LiaisonStoreNotCopied *row = g_ptr_array_index (rows, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (
              b, liaison_record_kind_to_string (g_array_index (kinds, LiaisonRecordKind, i)));
          json_builder_set_member_name (b, "side");
          json_builder_add_string_value (b, liaison_service_to_string (row->service));
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, row->remote_id);
          json_builder_set_member_name (b, "undoneRun");
          json_builder_add_int_value (b, row->undone_run);
          json_builder_set_member_name (b, "undoRun");
          json_builder_add_int_value (b, row->run_id);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      print_json (root);
      return EXIT_SUCCESS;
    }
  if (rows->len == 0)
    g_print (_ ("No contact, task, note or appointment is kept from being copied.\n"));
  for (guint i = 0; i < rows->len; i++)
    {
      LiaisonStoreNotCopied *row = g_ptr_array_index (rows, i);
      g_autofree char *undo_run = g_strdup_printf ("%" G_GINT64_FORMAT, row->run_id);
      g_autofree char *undone_run = g_strdup_printf ("%" G_GINT64_FORMAT, row->undone_run);

      const char *side = row->service == LIAISON_SERVICE_LSQ ? "LeadSquared" : "HighLevel";

      switch (g_array_index (kinds, LiaisonRecordKind, i))
        {
          case LIAISON_RECORD_TASK:
            g_print (_ ("%s task %s: not copied: undone in run %s (of run %s); “liaison-cli "
                        "undo --copy-again %s” copies it again.\n"),
                     side, row->remote_id, undo_run, undone_run, row->remote_id);
            break;
          case LIAISON_RECORD_NOTE:
            g_print (_ ("%s note %s: not copied: undone in run %s (of run %s); “liaison-cli "
                        "undo --copy-again %s” copies it again.\n"),
                     side, row->remote_id, undo_run, undone_run, row->remote_id);
            break;
          case LIAISON_RECORD_APPOINTMENT:
            g_print (_ ("%s appointment %s: not copied: undone in run %s (of run %s); "
                        "“liaison-cli undo --copy-again %s” copies it again.\n"),
                     side, row->remote_id, undo_run, undone_run, row->remote_id);
            break;
          case LIAISON_RECORD_CONTACT:
          case LIAISON_RECORD_CALENDAR:
          case LIAISON_RECORD_USER:
          case LIAISON_RECORD_FIELD:
          default:
            g_print (_ ("%s %s: not copied: undone in run %s (run %s had copied it); "
                        "“liaison-cli undo --copy-again %s” copies it again.\n"),
                     side, row->remote_id, undo_run, undone_run, row->remote_id);
            break;
        }
    }
  return EXIT_SUCCESS;
}

/* `liaison-cli sync`, and `liaison-cli undo RUN` (undo set): the same run of the engine, which
 * for an undo plans the earlier run's fields back instead of syncing. */
static int
sync_main (int argc, char **argv, gboolean undo)
{
  gboolean dry_run = FALSE, json = FALSE, force_delete = FALSE, full = FALSE, scheduled = FALSE;
  g_autofree char *only = NULL;
  g_autofree char *task_type = NULL;
  const GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_ ("Show what the sync would do; write nothing to either service"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print the result as JSON"), NULL },
    { "force-delete", 0, 0, G_OPTION_ARG_NONE, &force_delete,
      N_ ("Delete even past the guard (many deletes, or one side empty)"), NULL },
    { "full", 0, 0, G_OPTION_ARG_NONE, &full,
      N_ ("Read both accounts in full, which is what notices deleted contacts"), NULL },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only,
      N_ ("Sync only these kinds of records (contacts, tasks, notes, appointments), separated by "
          "commas"),
      N_ ("KINDS") },
    { "task-type", 0, 0, G_OPTION_ARG_STRING, &task_type,
      N_ ("The LeadSquared to-do type of tasks made from HighLevel (kept for later syncs; "
          "default “Follow Up”)"),
      N_ ("NAME") },
    { "scheduled", 0, 0, G_OPTION_ARG_NONE, &scheduled,
      N_ ("Run as the schedule does (the systemd timer): until the field mapping is reviewed or "
          "a sync was run by hand, do nothing and exit with status 75"),
      NULL },
    { NULL }
  };
  gboolean list_not_copied = FALSE;
  g_autofree char *copy_again = NULL;
  const GOptionEntry undo_entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_ ("Show what the undo would put back and delete; write nothing to either service"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print the result as JSON"), NULL },
    { "force-delete", 0, 0, G_OPTION_ARG_NONE, &force_delete,
      N_ ("Delete the copies the run created even past the guard (many deletes)"), NULL },
    { "not-copied", 0, 0, G_OPTION_ARG_NONE, &list_not_copied,
      N_ ("List the contacts an undo keeps from being copied again"), NULL },
    { "copy-again", 0, 0, G_OPTION_ARG_STRING, &copy_again,
      N_ ("Let the next sync copy this contact again (its id, from --not-copied)"), N_ ("ID") },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new (undo ? _ ("RUN") : NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonStore) store = NULL;
  g_autoptr (LiaisonGhlClient) ghl = NULL;
  g_autoptr (LiaisonLsqClient) lsq = NULL;
  g_autoptr (LiaisonSyncEngine) engine = NULL;
  g_autoptr (LiaisonSyncResult) result = NULL;
  g_autofree char *lsq_id = NULL;
  g_autofree char *ghl_id = NULL;
  Wait w = { g_main_loop_new (NULL, FALSE), NULL };
  LiaisonSyncOptions options = { 0 };
  int status;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (
      context, undo ? _ ("Put back, in both services, every field a sync run changed, where it "
                         "still holds what the run left, and, when deletes are on, delete the "
                         "copies the run created (their originals are not copied again). The "
                         "undo is a run of its own.")
                    : _ ("Sync the contacts of both accounts, both ways, and the tasks, notes and "
                         "appointments of linked contacts."));
  g_option_context_add_main_entries (context, undo ? undo_entries : entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error)
      || argc != (undo && !list_not_copied && copy_again == NULL ? 2 : 1))
    {
      g_printerr ("liaison-cli %s: %s\n", undo ? "undo" : "sync",
                  error  ? error->message
                  : undo ? _ ("give the number of one run, as “liaison-cli history” lists them")
                         : _ ("this command takes no arguments"));
      g_main_loop_unref (w.loop);
      return EXIT_USAGE;
    }
  if (undo && (list_not_copied || copy_again != NULL))
    {
      g_main_loop_unref (w.loop);
      return not_copied_main (copy_again, json);
    }
  if (undo && (!g_ascii_string_to_signed (argv[1], 10, 1, G_MAXINT64, &options.undo_run, &error)))
    {
      g_printerr (_ ("liaison-cli undo: “%s” is not the number of a run; “liaison-cli history” "
                     "lists them.\n"),
                  argv[1]);
      g_main_loop_unref (w.loop);
      return EXIT_USAGE;
    }
  if (only != NULL && !parse_kinds (only, &options.kinds, &error))
    {
      g_printerr ("liaison-cli sync: %s\n", error->message);
      g_main_loop_unref (w.loop);
      return EXIT_USAGE;
    }
  store = liaison_cli_sync_open_store (&error);
  if (store != NULL)
    ghl = ghl_client (&error);
  if (ghl != NULL)
    lsq = lsq_client (&error);
  if (lsq != NULL)
    lsq_id = connection_id (store, LIAISON_SERVICE_LSQ, NULL, &w, &error);
  if (lsq_id != NULL)
    ghl_id = connection_id (store, LIAISON_SERVICE_GHL, liaison_ghl_client_get_location_id (ghl),
                            &w, &error);
  if (ghl_id == NULL)
    {
      g_printerr ("liaison-cli %s: %s\n", undo ? "undo" : "sync", error->message);
      g_main_loop_unref (w.loop);
      return EXIT_USAGE;
    }

  if (task_type != NULL)
    {
      liaison_store_set_setting_async (store, LIAISON_SETTING_TASKS_LSQ_TYPE,
                                       *task_type ? task_type : NULL, NULL, on_done, &w);
      if (!liaison_store_set_setting_finish (store, wait_for (&w), &error))
        {
          wait_clear (&w);
          g_printerr ("liaison-cli sync: %s\n", error->message);
          g_main_loop_unref (w.loop);
          return EXIT_FAILED;
        }
      wait_clear (&w);
    }
  engine = liaison_sync_engine_new (store, lsq, lsq_id, ghl, ghl_id);
  if (isatty (STDERR_FILENO))
    g_signal_connect (engine, "progress", G_CALLBACK (on_progress), NULL);
  options.dry_run = dry_run;
  options.force_delete = force_delete;
  options.full_refresh = full;
  options.trigger = scheduled ? "scheduled" : "cli";
  liaison_sync_engine_run_async (engine, &options, NULL, on_done, &w);
  result = liaison_sync_engine_run_finish (engine, wait_for (&w), &error);
  wait_clear (&w);
  if (result != NULL && !dry_run && !undo)
    prune_history (store, &w);
  g_main_loop_unref (w.loop);
  if (result == NULL)
    {
      g_printerr ("liaison-cli %s: %s\n", undo ? "undo" : "sync", error->message);
      return g_error_matches (error, LIAISON_SYNC_ERROR, LIAISON_SYNC_ERROR_NOT_REVIEWED)
                 ? EXIT_HELD
                 : EXIT_FAILED;
    }

  status = result->n_failed > 0 || result->delete_guard ? EXIT_FAILED : EXIT_SUCCESS;
  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "run");
      json_builder_add_int_value (b, result->run_id);
      json_builder_set_member_name (b, "dryRun");
      json_builder_add_boolean_value (b, dry_run);
#define COUNT(name, value)                                                                         \
  json_builder_set_member_name (b, name);                                                          \
  json_builder_add_int_value (b, value)
      COUNT ("created", result->n_created);
      COUNT ("updated", result->n_updated);
      COUNT ("deleted", result->n_deleted);
      COUNT ("linked", result->n_linked);
      COUNT ("unlinked", result->n_unlinked);
      COUNT ("conflicts", result->n_conflicts);
      COUNT ("skipped", result->n_skipped);
      COUNT ("failed", result->n_failed);
#undef COUNT
      json_builder_set_member_name (b, "failures");
      json_builder_begin_array (b);
      for (guint i = 0; i < result->failures->len; i++)
        json_builder_add_string_value (b, g_ptr_array_index (result->failures, i));
      json_builder_end_array (b);
      json_builder_set_member_name (b, "deleteGuard");
      if (result->delete_guard)
        json_builder_add_string_value (b, result->delete_guard);
      else
        json_builder_add_null_value (b);
      if (result->plan && dry_run)
        {
          json_builder_set_member_name (b, "plan");
          json_builder_add_value (b, liaison_sync_plan_to_json (result->plan));
        }
      if (result->activity)
        {
          json_builder_set_member_name (b, "activity");
          json_builder_add_value (b, json_node_copy (result->activity));
        }
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      print_json (root);
      return status;
    }
  if (dry_run && result->plan)
    print_plan_text (result->plan);
  print_activity_text (result->activity, dry_run);
  if (undo && !dry_run)
    {
      GPtrArray *items = result->plan ? liaison_sync_plan_get_items (result->plan) : NULL;

      g_print (_ ("Run %s: %u records put back, %u copies it created deleted; %u fields and "
                  "records left alone.\n"),
               argv[1], result->n_updated, result->n_deleted, result->n_skipped);
      for (guint i = 0; items && i < items->len; i++)
        {
          LiaisonSyncItem *item = g_ptr_array_index (items, i);

          if (item->kind == LIAISON_SYNC_ITEM_SKIP)
            g_print (_ ("Left alone: %s\n"), item->reason);
        }
    }
  else if (!dry_run)
    g_print (_ ("Created %u, updated %u, deleted %u, linked %u, unlinked %u; %u conflicts, "
                "%u skipped, %u failed.\n"),
             result->n_created, result->n_updated, result->n_deleted, result->n_linked,
             result->n_unlinked, result->n_conflicts, result->n_skipped, result->n_failed);
  for (guint i = 0; i < result->failures->len; i++)
    g_printerr (_ ("Failed (retried by the next sync): %s\n"),
                (char *) g_ptr_array_index (result->failures, i));
  if (result->delete_guard)
    g_printerr ("%s\n", result->delete_guard);
  return status;
}

int
liaison_cli_sync_main (int argc, char **argv)
{
  return sync_main (argc, argv, FALSE);
}

int
liaison_cli_undo_main (int argc, char **argv)
{
  return sync_main (argc, argv, TRUE);
}

/* ---- conflicts ---- */

static void
add_nullable (JsonBuilder *b, const char *member, const char *value)
{
  json_builder_set_member_name (b, member);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_json_value (JsonBuilder *b, const char *member, const char *text)
{
  JsonNode *node = text ? json_from_string (text, NULL) : NULL;

  json_builder_set_member_name (b, member);
  if (node)
    json_builder_add_value (b, node);
  else
    json_builder_add_null_value (b);
}

static int
conflicts_resolve (LiaisonStore *store, int argc, char **argv)
{
  char *take = NULL;
  char *value = NULL;
  const GOptionEntry entries[]
      = { { "take", 0, 0, G_OPTION_ARG_STRING, &take, N_ ("Keep this side's value"), "lsq|ghl" },
          { "value", 0, 0, G_OPTION_ARG_STRING, &value, N_ ("Write this value to both sides"),
            "V" },
          { NULL } };
  g_autoptr (GOptionContext) context = g_option_context_new ("ID");
  g_autoptr (GError) error = NULL;
  g_autofree char *json_value = NULL;
  Wait w = { g_main_loop_new (NULL, FALSE), NULL };
  gint64 id;
  gboolean ok;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2
      || (take == NULL) == (value == NULL)
      || (take && !g_str_equal (take, "lsq") && !g_str_equal (take, "ghl"))
      || (id = g_ascii_strtoll (argv[1], NULL, 10)) <= 0)
    {
      g_printerr ("liaison-cli conflicts resolve: %s\n",
                  error ? error->message
                        : _ ("give a conflict ID and either --take lsq|ghl or --value V"));
      g_main_loop_unref (w.loop);
      g_free (take);
      g_free (value);
      return EXIT_USAGE;
    }
  if (value)
    {
      g_autoptr (JsonNode) node = json_node_init_string (json_node_alloc (), value);
      json_value = json_to_string (node, FALSE);
    }
  liaison_store_resolve_conflict_async (store, id, take ? take : "edited", json_value, NULL,
                                        on_done, &w);
  ok = liaison_store_resolve_conflict_finish (store, wait_for (&w), &error);
  wait_clear (&w);
  g_main_loop_unref (w.loop);
  g_free (take);
  g_free (value);
  if (!ok)
    {
      g_printerr ("liaison-cli conflicts resolve: %s\n", error->message);
      return EXIT_FAILED;
    }
  g_print (_ ("Conflict %s resolved; the next sync writes the value to both sides.\n"), argv[1]);
  return EXIT_SUCCESS;
}

int
liaison_cli_conflicts_main (int argc, char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[]
      = { { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print the conflicts as JSON"), NULL },
          { NULL } };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonStore) store = liaison_cli_sync_open_store (&error);
  g_autoptr (GPtrArray) conflicts = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  if (store == NULL)
    {
      g_printerr ("liaison-cli conflicts: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (argc >= 2 && g_str_equal (argv[1], "resolve"))
    return conflicts_resolve (store, argc - 1, argv + 1);
  context = g_option_context_new ("[resolve ID --take lsq|ghl | --value V]");
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc > 1)
    {
      g_printerr ("liaison-cli conflicts: %s\n",
                  error ? error->message : _ ("unknown arguments; see --help"));
      return EXIT_USAGE;
    }
  conflicts = liaison_store_list_conflicts (store, TRUE, &error);
  if (conflicts == NULL)
    {
      g_printerr ("liaison-cli conflicts: %s\n", error->message);
      return EXIT_FAILED;
    }
  json_builder_begin_array (b);
  for (guint i = 0; i < conflicts->len; i++)
    {
      LiaisonStoreConflict *c = g_ptr_array_index (conflicts, i);
      g_autoptr (GDateTime) at = g_date_time_new_from_unix_utc (c->detected_at / 1000);
      g_autofree char *iso = at ? g_date_time_format_iso8601 (at) : NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, c->id);
      add_nullable (b, "kind", c->kind == LIAISON_CONFLICT_AMBIGUOUS ? "ambiguous" : "field");
      add_nullable (b, "field", c->field);
      add_nullable (b, "lsqId", c->lsq_id);
      add_nullable (b, "ghlId", c->ghl_id);
      add_nullable (b, "email", c->email);
      add_json_value (b, "baseValue", c->base_value);
      add_json_value (b, "lsqValue", c->lsq_value);
      add_json_value (b, "ghlValue", c->ghl_value);
      add_json_value (b, "candidates", c->candidates);
      add_nullable (b, "detectedAt", iso);
      json_builder_end_object (b);
      if (!json)
        g_print ("%" G_GINT64_FORMAT "  %-10s %-14s lsq:%s ghl:%s  %s | %s\n", c->id,
                 c->kind == LIAISON_CONFLICT_AMBIGUOUS ? "ambiguous" : "field",
                 c->field ? c->field : "-", c->lsq_id ? c->lsq_id : "-",
                 c->ghl_id ? c->ghl_id : "-", c->lsq_value ? c->lsq_value : c->candidates,
                 c->ghl_value ? c->ghl_value : "");
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  if (json)
    print_json (root);
  else if (conflicts->len == 0)
    g_print (_ ("No open conflicts.\n"));
  return EXIT_SUCCESS;
}

/* ---- history ---- */

static char *
iso_ms (gint64 ms)
{
  g_autoptr (GDateTime) at = ms > 0 ? g_date_time_new_from_unix_utc (ms / 1000) : NULL;

  return at ? g_date_time_format_iso8601 (at) : NULL;
}

int
liaison_cli_history_main (int argc, char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[]
      = { { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print the history as JSON"), NULL },
          { NULL } };
  g_autoptr (GOptionContext) context = g_option_context_new ("[RUN]");
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonStore) store = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GPtrArray) rows = NULL;

  if (argc > 1 && g_str_equal (argv[1], "export"))
    return liaison_cli_history_export_main (argc - 1, argv + 1);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc > 2)
    {
      g_printerr ("liaison-cli history: %s\n",
                  error ? error->message : _ ("give at most one run id"));
      return EXIT_USAGE;
    }
  store = liaison_cli_sync_open_store (&error);
  if (store == NULL)
    {
      g_printerr ("liaison-cli history: %s\n", error->message);
      return EXIT_USAGE;
    }
  json_builder_begin_array (b);
  if (argc == 2)
    {
      gint64 run = g_ascii_strtoll (argv[1], NULL, 10);

      rows = liaison_store_list_operations (store, run, &error);
      for (guint i = 0; rows && i < rows->len; i++)
        {
          LiaisonStoreOperation *op = g_ptr_array_index (rows, i);
          g_autofree char *at = iso_ms (op->at);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, op->id);
          add_nullable (b, "at", at);
          add_nullable (b, "action", liaison_operation_action_to_string (op->action));
          add_nullable (b, "side", liaison_service_to_string (op->service));
          add_nullable (b, "lsqId", op->lsq_id);
          add_nullable (b, "ghlId", op->ghl_id);
          add_nullable (b, "field", op->field);
          add_json_value (b, "before", op->before);
          add_json_value (b, "after", op->after);
          add_nullable (b, "result", liaison_operation_status_to_string (op->status));
          add_nullable (b, "error", op->error);
          add_nullable (b, "cause", op->cause);
          json_builder_end_object (b);
          if (!json)
            g_print ("%-8s %-3s lsq:%s ghl:%s %s %s → %s  %s%s%s\n",
                     liaison_operation_action_to_string (op->action),
                     liaison_service_to_string (op->service), op->lsq_id ? op->lsq_id : "-",
                     op->ghl_id ? op->ghl_id : "-", op->field ? op->field : "",
                     op->before ? op->before : "", op->after ? op->after : "",
                     liaison_operation_status_to_string (op->status), op->error ? ": " : "",
                     op->error ? op->error : "");
        }
    }
  else
    {
      rows = liaison_store_list_runs (store, 0, &error);
      for (guint i = 0; rows && i < rows->len; i++)
        {
          LiaisonStoreRun *r = g_ptr_array_index (rows, i);
          g_autofree char *started = iso_ms (r->started_at);
          g_autofree char *finished = iso_ms (r->finished_at);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, r->id);
          add_nullable (b, "trigger", r->trigger);
          add_nullable (b, "status", r->status);
          json_builder_set_member_name (b, "dryRun");
          json_builder_add_boolean_value (b, r->dry_run);
          add_nullable (b, "startedAt", started);
          add_nullable (b, "finishedAt", finished);
#define COUNT(name, value)                                                                         \
  json_builder_set_member_name (b, name);                                                          \
  json_builder_add_int_value (b, value)
          COUNT ("created", r->n_created);
          COUNT ("updated", r->n_updated);
          COUNT ("deleted", r->n_deleted);
          COUNT ("linked", r->n_linked);
          COUNT ("conflicts", r->n_conflicts);
          COUNT ("skipped", r->n_skipped);
          COUNT ("failed", r->n_failed);
#undef COUNT
          add_nullable (b, "error", r->error);
          add_nullable (b, "cause", r->cause);
          json_builder_end_object (b);
          if (!json)
            g_print ("%" G_GINT64_FORMAT "  %s  %-9s +%u ~%u -%u =%u !%u%s%s\n", r->id,
                     started ? started : "", r->status, r->n_created, r->n_updated, r->n_deleted,
                     r->n_linked, r->n_failed, r->error ? "  " : "", r->error ? r->error : "");
        }
    }
  json_builder_end_array (b);
  if (rows == NULL)
    {
      g_printerr ("liaison-cli history: %s\n", error->message);
      return EXIT_FAILED;
    }
  root = json_builder_get_root (b);
  if (json)
    print_json (root);
  return EXIT_SUCCESS;
}
