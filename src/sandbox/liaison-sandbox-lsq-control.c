/* liaison-sandbox-lsq-control.c: /_sandbox/lsq/... control routes that change
 * LeadSquared records the way a person in the web UI would: leads go through
 * the same field rules as the API and their ModifiedOn moves; a deleted lead
 * takes its tasks and notes with it. Same shapes as the HighLevel side's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "liaison-sandbox-lsq"

#include "liaison-sandbox-control.h"
#include "liaison-sandbox-lsq-private.h"

/* The collections these routes edit, in the order the 404 names them. */
static const LiaisonSandboxTableSlot collections[] = {
  { "leads", "ProspectID", G_STRUCT_OFFSET (LiaisonSandboxLsq, leads) },
  { "tasks", "UserTaskId", G_STRUCT_OFFSET (LiaisonSandboxLsq, tasks) },
  { "notes", "ProspectNoteId", G_STRUCT_OFFSET (LiaisonSandboxLsq, notes) },
  { "users", "ID", G_STRUCT_OFFSET (LiaisonSandboxLsq, users) },
  { "fields", "SchemaName", G_STRUCT_OFFSET (LiaisonSandboxLsq, fields) },
  { "taskTypes", "Id", G_STRUCT_OFFSET (LiaisonSandboxLsq, task_types) },
};

static LiaisonSandboxTable *
collection (LiaisonSandboxLsq *self, LiaisonSandboxRequest *req)
{
  return liaison_sandbox_control_collection (req, self, collections, G_N_ELEMENTS (collections));
}

static void
reply_record (LiaisonSandboxRequest *req, guint status, JsonObject *record)
{
  JsonObject *o = json_object_new ();

  json_object_set_object_member (o, "record", lsq_public_copy (record));
  liaison_sandbox_request_reply_object (req, status, o);
}

/* Edits in the web UI are made by the account's administrator. */
static JsonObject *
web_user (LiaisonSandboxLsq *self)
{
  return liaison_sandbox_table_index (self->users, 0);
}

static JsonObject *
public_record (JsonObject *record, gpointer data)
{
  return lsq_public_copy (record);
}

static void
control_list (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxTable *table = collection (user_data, req);

  if (table != NULL)
    liaison_sandbox_control_reply_records (req, table, public_record, NULL);
}

static void
control_get (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxLsq *self = user_data;
  LiaisonSandboxTable *table = collection (self, req);
  JsonObject *record;

  if (table == NULL)
    return;
  record = liaison_sandbox_table_lookup (table, liaison_sandbox_request_get_param (req, "id"));
  if (record == NULL)
    return liaison_sandbox_control_reply (req, 404, "no such record");
  reply_record (req, 200, record);
}

/* Members other than leads' are set as given; "_" members stay the sandbox's own. */
static gboolean
edit_plain (LiaisonSandboxRequest *req, JsonObject *record, JsonObject *body, const char *id_member)
{
  g_autoptr (GList) members = json_object_get_members (body);

  for (GList *l = members; l != NULL; l = l->next)
    if (((char *) l->data)[0] == '_' || g_str_equal (l->data, id_member))
      {
        liaison_sandbox_control_reply (req, 422, "the id and \"_\" members cannot be set");
        return FALSE;
      }
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (record, l->data,
                            json_node_copy (json_object_get_member (body, l->data)));
  return TRUE;
}

static void
control_create (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxLsq *self = user_data;
  LiaisonSandboxTable *table = collection (self, req);
  JsonObject *body;
  gint64 now = liaison_sandbox_request_now_ms (req);

  if (table == NULL || (body = liaison_sandbox_control_body (req)) == NULL)
    return;
  if (table == self->leads)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) pairs = lsq_pairs_from_object (body, &error);
      JsonObject *lead = pairs ? lsq_lead_create (self, pairs, web_user (self), now, &error) : NULL;

      if (lead == NULL)
        return liaison_sandbox_control_reply (req, 422, error->message);
      json_object_set_string_member (lead, "Origin", "Quick Add Form");
      return reply_record (req, 201, lead);
    }
  if (table == self->notes)
    {
      JsonObject *lead
          = lsq_lead_find (self, "ProspectID", lsq_get_string (body, "RelatedProspectId"));
      const char *text = lsq_get_string (body, "Note");

      if (lead == NULL || text == NULL || *text == '\0')
        return liaison_sandbox_control_reply (
            req, 422, "RelatedProspectId must be a lead and Note must not be empty");
      return reply_record (req, 201,
                           lsq_note_create (self, lead, text,
                                            lsq_get_string (body, "AttachmentName"),
                                            web_user (self), now));
    }
  if (table == self->tasks)
    {
      g_autoptr (JsonObject) task = lsq_task_new (self, web_user (self), now);
      g_autofree char *message = NULL;
      LsqErrorCode code;

      message = lsq_task_apply (self, task, body, TRUE, now, &code);
      if (message != NULL)
        return liaison_sandbox_control_reply (req, 422, message);
      liaison_sandbox_table_insert (self->tasks, task);
      return reply_record (req, 201, task);
    }
  liaison_sandbox_control_reply (req, 405, "records of this collection cannot be created here");
}

static void
control_edit (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxLsq *self = user_data;
  LiaisonSandboxTable *table = collection (self, req);
  JsonObject *body, *record;

  if (table == NULL || (body = liaison_sandbox_control_body (req)) == NULL)
    return;
  record = liaison_sandbox_table_lookup (table, liaison_sandbox_request_get_param (req, "id"));
  if (record == NULL)
    return liaison_sandbox_control_reply (req, 404, "no such record");
  if (table == self->leads)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) pairs = lsq_pairs_from_object (body, &error);

      if (pairs == NULL
          || !lsq_lead_update (self, record, pairs, LSQ_UPDATE_ALL, web_user (self),
                               liaison_sandbox_request_now_ms (req), &error))
        return liaison_sandbox_control_reply (req, 422, error->message);
      return reply_record (req, 200, record);
    }
  if (table == self->tasks)
    {
      gint64 now = liaison_sandbox_request_now_ms (req);
      g_autofree char *message = NULL;
      LsqErrorCode code;

      gint64 status = lsq_member_int (body, "StatusCode", lsq_member_int (record, "StatusCode", 0));

      const char *cancel = lsq_get_string (body, "Status");

      /* Completing a task in the web UI is a status change like any other edit. */
      if (status != 0 && status != 1)
        return liaison_sandbox_control_reply (req, 422, "StatusCode must be 0 or 1");
      /* So is cancelling an appointment (the API has no call for it). */
      if (json_object_has_member (body, "Status")
          && (g_strcmp0 (cancel, "Cancelled") != 0 || lsq_member_int (record, "Category", 1) != 0))
        return liaison_sandbox_control_reply (
            req, 422, "Status can only be \"Cancelled\", on an appointment (category 0)");
      message = lsq_task_apply (self, record, body, FALSE, now, &code);
      if (message != NULL)
        return liaison_sandbox_control_reply (req, 422, message);
      if (cancel != NULL)
        json_object_set_string_member (record, "Status", cancel);
      if (status != lsq_member_int (record, "StatusCode", 0))
        {
          g_autofree char *done = lsq_format_ms (now - now % 1000);

          json_object_set_int_member (record, "StatusCode", status);
          json_object_set_string_member (record, "CompletedOn",
                                         status == 1 ? done : "0001-01-01 00:00:00.000");
        }
      return reply_record (req, 200, record);
    }
  if (!edit_plain (req, record, body, liaison_sandbox_table_get_id_member (table)))
    return;
  reply_record (req, 200, record);
}

static void
control_delete (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxLsq *self = user_data;
  LiaisonSandboxTable *table = collection (self, req);
  const char *id = liaison_sandbox_request_get_param (req, "id");

  if (table == NULL)
    return;
  if (liaison_sandbox_table_lookup (table, id) == NULL)
    return liaison_sandbox_control_reply (req, 404, "no such record");
  if (table == self->leads)
    lsq_lead_delete (self, id);
  else if (table == self->users
           && liaison_sandbox_table_index (self->users, 0)
                  == liaison_sandbox_table_lookup (table, id))
    return liaison_sandbox_control_reply (
        req, 409, "the administrator whose keys the sandbox prints cannot be deleted");
  else
    liaison_sandbox_table_remove (table, id);
  liaison_sandbox_control_reply (req, 200, "deleted");
}

void
lsq_control_register (LiaisonSandboxLsq *self)
{
  LiaisonSandboxServer *s = self->server;
  const LiaisonSandboxRouteFlags c = LIAISON_SANDBOX_ROUTE_CONTROL;

  liaison_sandbox_server_route (s, "GET", "/_sandbox/lsq/:collection", NULL, c, control_list, self);
  liaison_sandbox_server_route (s, "POST", "/_sandbox/lsq/:collection", NULL, c, control_create,
                                self);
  liaison_sandbox_server_route (s, "GET", "/_sandbox/lsq/:collection/:id", NULL, c, control_get,
                                self);
  liaison_sandbox_server_route (s, "PATCH", "/_sandbox/lsq/:collection/:id", NULL, c, control_edit,
                                self);
  liaison_sandbox_server_route (s, "DELETE", "/_sandbox/lsq/:collection/:id", NULL, c,
                                control_delete, self);
}
