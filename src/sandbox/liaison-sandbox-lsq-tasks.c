/* liaison-sandbox-lsq-tasks.c: LeadSquared tasks (to-dos, category 1, and
 * appointments, category 0: Create, Update, MarkComplete, Retrieve.GetById,
 * RetrieveTaskByLeadId, RetrieveTaskType, DeleteTasks) and a lead's notes
 * (CreateNote, RetrieveNote, UpdateNote).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "liaison-sandbox-lsq"

#include "liaison-sandbox-lsq-private.h"

#define NEVER "0001-01-01 00:00:00.000"

static void
fail (LiaisonSandboxRequest *req, LsqErrorCode code, const char *message)
{
  lsq_error (req, code == LSQ_ERROR_BAD_REQUEST ? 400 : 500, lsq_exception_type (code), message);
}

static JsonObject *
object_member (JsonObject *o, const char *member)
{
  JsonNode *node = o ? json_object_get_member (o, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static void
set_date (JsonObject *o, const char *member, gint64 ms)
{
  g_autofree char *text = lsq_format_ms (ms - ms % 1000);
  g_autofree char *private_member = g_strconcat ("_", member, "Ms", NULL);

  json_object_set_string_member (o, member, text);
  json_object_set_int_member (o, private_member, ms - ms % 1000);
}

static void
stamp (JsonObject *record, JsonObject *user, gint64 now_ms, gboolean created)
{
  g_autofree char *name = lsq_user_name (user);

  if (created)
    {
      json_object_set_string_member (record, "CreatedBy", lsq_get_string (user, "ID"));
      json_object_set_string_member (record, "CreatedByName", name);
      set_date (record, "CreatedOn", now_ms);
    }
  json_object_set_string_member (record, "ModifiedBy", lsq_get_string (user, "ID"));
  json_object_set_string_member (record, "ModifiedByName", name);
  set_date (record, "ModifiedOn", now_ms);
}

/* Members are copied by node: nested objects are shared, never edited in place. */
static JsonObject *
copy_all (JsonObject *o)
{
  JsonObject *copy = json_object_new ();
  g_autoptr (GList) members = json_object_get_members (o);

  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (copy, l->data, json_node_copy (json_object_get_member (o, l->data)));
  return copy;
}

/* ---- tasks ---- */

static JsonObject *
task_type_find (LiaisonSandboxLsq *self, JsonObject *spec)
{
  const char *id = lsq_get_string (spec, "Id");
  const char *name = lsq_get_string (spec, "Name");

  for (guint i = 0; i < liaison_sandbox_table_size (self->task_types); i++)
    {
      JsonObject *t = liaison_sandbox_table_index (self->task_types, i);

      if ((id != NULL && g_ascii_strcasecmp (lsq_get_string (t, "Id"), id) == 0)
          || (id == NULL && name != NULL
              && g_ascii_strcasecmp (lsq_get_string (t, "Name"), name) == 0))
        return t;
    }
  return NULL;
}

static gboolean
int_field (JsonObject *body, const char *member, gint64 *out)
{
  if (!json_object_has_member (body, member))
    return TRUE;
  *out = lsq_member_int (body, member, G_MININT64);
  return *out != G_MININT64;
}

/* Applies a Create or Update body to a stored task; on error sets *code and returns the message. */
char *
lsq_task_apply (LiaisonSandboxLsq *self, JsonObject *task, JsonObject *body, gboolean create,
                gint64 now_ms, LsqErrorCode *code)
{
  JsonObject *type = NULL, *owner = NULL, *lead = NULL;
  gint64 due = lsq_member_int (task, "_DueDateMs", now_ms);
  gint64 end = lsq_member_int (task, "_EndDateMs", G_MININT64);
  gint64 related = lsq_member_int (task, "RelatedEntity", 0);
  gint64 reminder = lsq_member_int (task, "Reminder", 0);
  gint64 before_days = lsq_member_int (task, "ReminderBeforeDays", 0);
  const char *related_id = lsq_get_string (body, "RelatedEntityId");
  const char *text;

  *code = LSQ_ERROR_INVALID_INPUT;
  if (create && (lsq_get_string (body, "Name") == NULL || *lsq_get_string (body, "Name") == '\0'))
    return (*code = LSQ_ERROR_MANDATORY), g_strdup ("'Name' is mandatory");
  if (object_member (body, "TaskType") != NULL)
    {
      type = task_type_find (self, object_member (body, "TaskType"));
      if (type == NULL)
        return g_strdup ("The task type does not exist. Use a Name or Id from RetrieveTaskType");
    }
  else if (create)
    return (*code = LSQ_ERROR_MANDATORY), g_strdup ("'TaskType' is mandatory");
  if (!int_field (body, "RelatedEntity", &related) || (related != 0 && related != 1))
    return g_strdup ("RelatedEntity must be 0 (none) or 1 (lead) here");
  if (related_id != NULL && *related_id != '\0')
    {
      if (!json_object_has_member (body, "RelatedEntity"))
        related = 1;
      lead = lsq_lead_find (self, "ProspectID", related_id);
      if (lead == NULL)
        return (*code = LSQ_ERROR_INVALID_ENTITY), g_strdup ("Lead does not exist in the system");
    }
  else if (related == 1 && lsq_get_string (task, "RelatedEntityId") == NULL)
    return (*code = LSQ_ERROR_MANDATORY),
           g_strdup ("'RelatedEntityId' is mandatory when RelatedEntity is 1");
  if ((text = lsq_get_string (body, "OwnerId")) != NULL)
    owner = lsq_user_by_id (self, text);
  else if ((text = lsq_get_string (body, "OwnerEmailAddress")) != NULL)
    owner = lsq_user_by_email (self, text);
  if (text != NULL && (owner == NULL || lsq_member_int (owner, "StatusCode", 0) != 0))
    return g_strdup_printf ("Owner '%s' is not an active user", text);
  if (json_object_has_member (body, "DueDate")
      && !lsq_parse_date (lsq_get_string (body, "DueDate"), &due))
    return g_strdup ("Invalid DueDate. The supported DateTime format is UTC (YYYY-MM-DD HH:MM:SS)");
  if (json_object_has_member (body, "EndDate")
      && !lsq_parse_date (lsq_get_string (body, "EndDate"), &end))
    return g_strdup ("Invalid EndDate. The supported DateTime format is UTC (YYYY-MM-DD HH:MM:SS)");
  if (!int_field (body, "Reminder", &reminder)
      || !int_field (body, "ReminderBeforeDays", &before_days))
    return g_strdup ("Reminder and ReminderBeforeDays must be numbers");
  if (type == NULL)
    type = task_type_find (self, object_member (task, "TaskType"));
  /* Without an end, the type's default duration applies. */
  if (end == G_MININT64
      || (json_object_has_member (body, "DueDate") && !json_object_has_member (body, "EndDate")))
    end = due + lsq_member_int (type, "_DurationMinutes", 0) * 60000;
  if (end < due)
    return g_strdup ("EndDate must not be before DueDate");

  /* Everything is valid: write. */
  if (lsq_get_string (body, "Name") != NULL)
    json_object_set_string_member (task, "Name", lsq_get_string (body, "Name"));
  if (json_object_has_member (body, "Description"))
    json_object_set_string_member (task, "Description", lsq_get_string (body, "Description") ?: "");
  if (type != NULL)
    {
      JsonObject *t = json_object_new ();

      json_object_set_string_member (t, "Id", lsq_get_string (type, "Id"));
      json_object_set_string_member (t, "Name", lsq_get_string (type, "Name"));
      json_object_set_int_member (t, "Category", lsq_member_int (type, "Category", 1));
      json_object_set_object_member (task, "TaskType", t);
      json_object_set_int_member (task, "Category", lsq_member_int (type, "Category", 1));
    }
  json_object_set_int_member (task, "RelatedEntity", related);
  if (lead != NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s %s", lsq_get_string (lead, "FirstName") ?: "",
                                               lsq_get_string (lead, "LastName") ?: "");

      json_object_set_string_member (task, "RelatedEntityId", lsq_get_string (lead, "ProspectID"));
      json_object_set_string_member (task, "RelatedEntityIdName", g_strstrip (name));
    }
  if (owner != NULL)
    {
      g_autofree char *name = lsq_user_name (owner);

      json_object_set_string_member (task, "OwnerId", lsq_get_string (owner, "ID"));
      json_object_set_string_member (task, "OwnerName", name);
      json_object_set_string_member (task, "OwnerEmailAddress",
                                     lsq_get_string (owner, "EmailAddress"));
    }
  set_date (task, "DueDate", due);
  set_date (task, "EndDate", end);
  json_object_set_int_member (task, "Reminder", reminder);
  json_object_set_int_member (task, "ReminderBeforeDays", before_days);
  if (lsq_get_string (body, "NotifyBy") != NULL)
    json_object_set_string_member (task, "NotifyBy", lsq_get_string (body, "NotifyBy"));
  if (json_object_has_member (body, "Location"))
    json_object_set_string_member (task, "Location", lsq_get_string (body, "Location") ?: "");
  if (object_member (body, "CustomFields") != NULL)
    json_object_set_object_member (task, "CustomFields",
                                   json_object_ref (object_member (body, "CustomFields")));
  return NULL;
}

/* A task in stored shape with every member of the full task object. */
JsonObject *
lsq_task_new (LiaisonSandboxLsq *self, JsonObject *user, gint64 now_ms)
{
  JsonObject *task = json_object_new ();
  g_autofree char *id = lsq_new_guid (self);
  g_autofree char *name = lsq_user_name (user);

  json_object_set_string_member (task, "UserTaskId", id);
  json_object_set_int_member (task, "AutoId", self->next_auto_id++);
  json_object_set_string_member (task, "Name", "");
  json_object_set_int_member (task, "Category", 1);
  json_object_set_string_member (task, "Description", "");
  json_object_set_int_member (task, "RelatedEntity", 0);
  json_object_set_null_member (task, "RelatedEntityId");
  json_object_set_null_member (task, "RelatedEntityIdName");
  json_object_set_int_member (task, "Reminder", 0);
  json_object_set_int_member (task, "ReminderBeforeDays", 0);
  json_object_set_string_member (task, "NotifyBy", "1000");
  json_object_set_int_member (task, "StatusCode", 0);
  json_object_set_string_member (task, "OwnerId", lsq_get_string (user, "ID"));
  json_object_set_string_member (task, "OwnerName", name);
  json_object_set_string_member (task, "OwnerEmailAddress", lsq_get_string (user, "EmailAddress"));
  json_object_set_string_member (task, "CompletedOn", NEVER);
  json_object_set_int_member (task, "PercentCompleted", 0);
  json_object_set_int_member (task, "Priority", 0);
  json_object_set_string_member (task, "Location", "");
  json_object_set_object_member (task, "CustomFields", json_object_new ());
  stamp (task, user, now_ms, TRUE);
  return task;
}

/* Used by the seed: validates like the API would. */
JsonObject *
lsq_task_create (LiaisonSandboxLsq *self, JsonObject *body, JsonObject *user, gint64 now_ms)
{
  JsonObject *task = lsq_task_new (self, user, now_ms);
  LsqErrorCode code;
  g_autofree char *message = lsq_task_apply (self, task, body, TRUE, now_ms, &code);

  if (message != NULL)
    {
      g_warning ("Seed task refused: %s", message);
      json_object_unref (task);
      return NULL;
    }
  liaison_sandbox_table_insert (self->tasks, task);
  json_object_unref (task);
  return task;
}

static void
task_create (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxLsq *self = user_data;
  JsonObject *user = lsq_begin (self, req);
  JsonObject *body, *task;
  gint64 now = liaison_sandbox_request_now_ms (req);
  g_autofree char *message = NULL;
  LsqErrorCode code;

  if (user == NULL || (body = lsq_body_object (req)) == NULL)
    return;
  task = lsq_task_new (self, user, now);
  message = lsq_task_apply (self, task, body, TRUE, now, &code);
  if (message != NULL)
    {
      json_object_unref (task);
      return fail (req, code, message);
    }
  liaison_sandbox_table_insert (self->tasks, task);
  lsq_reply_success (req, lsq_get_string (task, "UserTaskId"), -1);
  json_object_unref (task);
}

/* Update never completes a task: StatusCode in the body is ignored. */
static void
task_update (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxLsq *self = user_data;
  JsonObject *user = lsq_begin (self, req);
  JsonObject *body, *task, *draft, *o, *message_obj;
  gint64 now = liaison_sandbox_request_now_ms (req);
  gint64 auto_id;
  g_autofree char *message = NULL;
  LsqErrorCode code;

  if (user == NULL || (body = lsq_body_object (req)) == NULL)
    return;
  if (lsq_get_string (body, "UserTaskId") == NULL)
    return fail (req, LSQ_ERROR_MANDATORY, "'UserTaskId' is mandatory for updating a task");
  task = liaison_sandbox_table_lookup (self->tasks, lsq_get_string (body, "UserTaskId"));
  if (task == NULL)
    return fail (req, LSQ_ERROR_INVALID_ENTITY, "Task does not exist in the system");
  /* Work on a copy so that a refused body changes nothing. */
  draft = copy_all (task);
  message = lsq_task_apply (self, draft, body, FALSE, now, &code);
  if (message != NULL)
    {
      json_object_unref (draft);
      return fail (req, code, message);
    }
  stamp (draft, user, now, FALSE);
  auto_id = lsq_member_int (draft, "AutoId", 0);
  /* This replaces (and frees) the old record. */
  liaison_sandbox_table_insert (self->tasks, draft);
  json_object_unref (draft);
  o = json_object_new ();
  message_obj = json_object_new ();
  json_object_set_int_member (message_obj, "AffectedRows", 1);
  json_object_set_int_member (message_obj, "AutoId", auto_id);
  json_object_set_string_member (o, "Status", "Success");
  json_object_set_object_member (o, "Message", message_obj);
  liaison_sandbox_request_reply_object (req, 200, o);
}

static JsonObject *
task_from_query (LiaisonSandboxLsq *self, LiaisonSandboxRequest *req)
{
  const char *id = lsq_query (req, "id");
  JsonObject *task;

  if (id == NULL || *id == '\0')
    {
      fail (req, LSQ_ERROR_MANDATORY, "'id' is mandatory");
      return NULL;
    }
  task = liaison_sandbox_table_lookup (self->tasks, id);
  if (task == NULL)
    fail (req, LSQ_ERROR_INVALID_ENTITY, "Task does not exist in the system");
  return task;
}

static void
task_mark_complete (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxLsq *self = user_data;
  JsonObject *user = lsq_begin (self, req);
  JsonObject *task;
  gint64 now = liaison_sandbox_request_now_ms (req);

  if (user == NULL || (task = task_from_query (self, req)) == NULL)
    return;
  if (lsq_member_int (task, "StatusCode", 0) != 1)
    {
      json_object_set_int_member (task, "StatusCode", 1);
      json_object_set_int_member (task, "PercentCompleted", 100);
      set_date (task, "CompletedOn", now);
      stamp (task, user, now, FALSE);
    }
  lsq_reply_success (req, NULL, 1);
}

static void
task_get_by_id (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxLsq *self = user_data;
  const char *id;
  JsonObject *task;
  JsonArray *array;
  JsonNode *node;

  if (lsq_begin (self, req) == NULL)
    return;
  id = lsq_query (req, "id");
  if (id == NULL || *id == '\0')
    return fail (req, LSQ_ERROR_MANDATORY, "'id' is mandatory");
  task = liaison_sandbox_table_lookup (self->tasks, id);
  array = json_array_new ();
  if (task != NULL)
    json_array_add_object_element (array, lsq_public_copy (task));
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  liaison_sandbox_request_reply_json (req, 200, node);
}

/* DeleteTasks: at most LSQ_DELETE_TASKS_MAX ids. LeadSquared deletes them asynchronously and
 * answers how many it takes; the sandbox deletes them before answering, so that a read after
 * the answer sees them gone. An id it does not hold is not counted. */
#define LSQ_DELETE_TASKS_MAX 5000

static void
tasks_delete (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxLsq *self = user_data;
  JsonObject *body, *o;
  JsonNode *ids_node;
  JsonArray *ids;
  guint n, deleted = 0;

  if (lsq_begin (self, req) == NULL || (body = lsq_body_object (req)) == NULL)
    return;
  ids_node = json_object_get_member (body, "TaskIds");
  if (ids_node == NULL || !JSON_NODE_HOLDS_ARRAY (ids_node))
    return fail (req, LSQ_ERROR_BAD_REQUEST, "'TaskIds' is mandatory");
  ids = json_node_get_array (ids_node);
  n = json_array_get_length (ids);
  if (n == 0)
    return fail (req, LSQ_ERROR_BAD_REQUEST, "'TaskIds' must not be empty");
  if (n > LSQ_DELETE_TASKS_MAX)
    return fail (req, LSQ_ERROR_BAD_REQUEST, "A maximum of 5000 tasks can be sent in one request");
  for (guint i = 0; i < n; i++)
    {
      JsonNode *id = json_array_get_element (ids, i);

      if (!JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_STRING)
        return fail (req, LSQ_ERROR_BAD_REQUEST, "'TaskIds' must be a list of task ids");
    }
  for (guint i = 0; i < n; i++)
    if (liaison_sandbox_table_remove (self->tasks, json_array_get_string_element (ids, i)))
      deleted++;
  o = json_object_new ();
  json_object_set_string_member (o, "Status", "Success");
  json_object_set_string_member (o, "Operation", "Bulk Delete Tasks");
  json_object_set_int_member (o, "TasksCount", n);
  json_object_set_int_member (o, "DeletedTasksCount", deleted);
  json_object_set_null_member (o, "FailureReason");
  liaison_sandbox_request_reply_object (req, 200, o);
}

/* The fixed columns the documented answer has; Status is Pending until EndDate. */
static void
tasks_by_lead (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxLsq *self = user_data;
  const char *lead_id;
  JsonObject *lead, *o;
  JsonArray *list;
  gint64 now = liaison_sandbox_request_now_ms (req);

  if (lsq_begin (self, req) == NULL)
    return;
  lead_id = lsq_query (req, "leadId");
  if (lead_id == NULL || *lead_id == '\0')
    return fail (req, LSQ_ERROR_MANDATORY, "'leadId' is mandatory");
  lead = lsq_lead_find (self, "ProspectID", lead_id);
  if (lead == NULL)
    return fail (req, LSQ_ERROR_INVALID_ENTITY, "Lead does not exist in the system");
  list = json_array_new ();
  for (guint i = 0; i < liaison_sandbox_table_size (self->tasks); i++)
    {
      JsonObject *t = liaison_sandbox_table_index (self->tasks, i);
      JsonObject *row;
      const char *status;

      if (g_strcmp0 (lsq_get_string (t, "RelatedEntityId"), lsq_get_string (lead, "ProspectID"))
          != 0)
        continue;
      if (lsq_member_int (t, "StatusCode", 0) == 1)
        status = "Completed";
      else if (g_strcmp0 (lsq_get_string (t, "Status"), "Cancelled") == 0)
        status = "Cancelled";
      else if (now > lsq_member_int (t, "_EndDateMs", G_MAXINT64))
        status = "Overdue";
      else
        status = "Pending";
      row = json_object_new ();
      json_object_set_string_member (row, "TaskID", lsq_get_string (t, "UserTaskId"));
      json_object_set_string_member (row, "Name", lsq_get_string (t, "Name"));
      json_object_set_string_member (row, "Description", lsq_get_string (t, "Description"));
      json_object_set_string_member (row, "DueDate", lsq_get_string (t, "DueDate"));
      json_object_set_string_member (row, "CreatedOn", lsq_get_string (t, "CreatedOn"));
      json_object_set_string_member (row, "OwnerID", lsq_get_string (t, "OwnerId"));
      json_object_set_string_member (row, "OwnerName", lsq_get_string (t, "OwnerName"));
      json_object_set_string_member (row, "CreatedBy", lsq_get_string (t, "CreatedBy"));
      json_object_set_string_member (row, "CreatedByName", lsq_get_string (t, "CreatedByName"));
      json_object_set_string_member (row, "Status", status);
      json_object_set_int_member (row, "Reminder", lsq_member_int (t, "Reminder", 0));
      json_array_add_object_element (list, row);
    }
  o = json_object_new ();
  json_object_set_int_member (o, "RecordCount", json_array_get_length (list));
  json_object_set_array_member (o, "TaskList", list);
  liaison_sandbox_request_reply_object (req, 200, o);
}

static void
task_types_get (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxLsq *self = user_data;
  const char *column = lsq_query (req, "ColumnName");
  const char *value = lsq_query (req, "ColumnValue");
  JsonArray *array;
  JsonNode *node;

  if (lsq_begin (self, req) == NULL)
    return;
  array = json_array_new ();
  for (guint i = 0; i < liaison_sandbox_table_size (self->task_types); i++)
    {
      JsonObject *t = liaison_sandbox_table_index (self->task_types, i);

      if (column != NULL && value != NULL && g_ascii_strcasecmp (column, "Category") == 0
          && lsq_member_int (t, "Category", -1) != g_ascii_strtoll (value, NULL, 10))
        continue;
      json_array_add_object_element (array, lsq_public_copy (t));
    }
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  liaison_sandbox_request_reply_json (req, 200, node);
}

/* ---- notes ---- */

JsonObject *
lsq_note_create (LiaisonSandboxLsq *self, JsonObject *lead, const char *text,
                 const char *attachment, JsonObject *user, gint64 now_ms)
{
  JsonObject *note = json_object_new ();
  g_autofree char *id = lsq_new_guid (self);
  g_autofree char *created = lsq_format_plain (now_ms);

  json_object_set_string_member (note, "ProspectNoteId", id);
  json_object_set_string_member (note, "RelatedProspectId", lsq_get_string (lead, "ProspectID"));
  json_object_set_string_member (note, "Note", text);
  if (attachment != NULL)
    json_object_set_string_member (note, "AttachmentName", attachment);
  else
    json_object_set_null_member (note, "AttachmentName");
  stamp (note, user, now_ms, TRUE);
  /* Notes show times like activities do: no fraction. */
  json_object_set_string_member (note, "CreatedOn", created);
  json_object_set_string_member (note, "ModifiedOn", created);
  liaison_sandbox_table_insert (self->notes, note);
  json_object_unref (note);
  return note;
}

static void
note_create (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxLsq *self = user_data;
  JsonObject *user = lsq_begin (self, req);
  JsonObject *body, *lead, *note;
  const char *text;

  if (user == NULL || (body = lsq_body_object (req)) == NULL)
    return;
  if (lsq_get_string (body, "RelatedProspectId") == NULL)
    return fail (req, LSQ_ERROR_MANDATORY, "'RelatedProspectId' is mandatory");
  text = lsq_get_string (body, "Note");
  if (text == NULL || *text == '\0')
    return fail (req, LSQ_ERROR_MANDATORY, "'Note' is mandatory");
  lead = lsq_lead_find (self, "ProspectID", lsq_get_string (body, "RelatedProspectId"));
  if (lead == NULL)
    return fail (req, LSQ_ERROR_INVALID_ENTITY, "Lead does not exist in the system");
  note = lsq_note_create (self, lead, text, lsq_get_string (body, "AttachmentName"), user,
                          liaison_sandbox_request_now_ms (req));
  lsq_reply_success (req, lsq_get_string (note, "ProspectNoteId"), -1);
}

static int
compare_notes (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const char *column = user_data;
  gint64 ma = lsq_member_int (*(JsonObject **) a, column, 0);
  gint64 mb = lsq_member_int (*(JsonObject **) b, column, 0);

  return ma < mb ? -1 : ma > mb;
}

static void
note_retrieve (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxLsq *self = user_data;
  JsonObject *body, *parameter, *paging, *sorting, *o;
  g_autoptr (GPtrArray) found = g_ptr_array_new ();
  const char *related, *note_id, *column;
  gint64 page_index, page_size, direction;
  JsonArray *list;

  if (lsq_begin (self, req) == NULL || (body = lsq_body_object (req)) == NULL)
    return;
  parameter = object_member (body, "Parameter");
  related = lsq_get_string (parameter, "RelatedId");
  note_id = lsq_get_string (parameter, "Id");
  if (related == NULL || *related == '\0')
    return fail (req, LSQ_ERROR_MANDATORY, "'RelatedId' is mandatory in 'Parameter'");
  paging = object_member (body, "Paging");
  page_index = lsq_member_int (paging, "PageIndex", 1);
  page_size = lsq_member_int (paging, "PageSize", 200);
  if (page_index < 1 || page_size < 1)
    return fail (req, LSQ_ERROR_INVALID_INPUT, "PageIndex and PageSize must be positive numbers");
  sorting = object_member (body, "Sorting");
  column = g_strcmp0 (lsq_get_string (sorting, "ColumnName"), "ModifiedOn") == 0 ? "_ModifiedOnMs"
                                                                                 : "_CreatedOnMs";
  direction = lsq_member_int (sorting, "Direction", 1);

  for (guint i = 0; i < liaison_sandbox_table_size (self->notes); i++)
    {
      JsonObject *n = liaison_sandbox_table_index (self->notes, i);

      if (g_ascii_strcasecmp (lsq_get_string (n, "RelatedProspectId"), related) == 0
          && (note_id == NULL || *note_id == '\0'
              || g_ascii_strcasecmp (lsq_get_string (n, "ProspectNoteId"), note_id) == 0))
        g_ptr_array_add (found, n);
    }
  g_ptr_array_sort_with_data (found, compare_notes, (gpointer) column);
  if (direction == 1)
    for (guint i = 0; i < found->len / 2; i++)
      {
        gpointer tmp = found->pdata[i];

        found->pdata[i] = found->pdata[found->len - 1 - i];
        found->pdata[found->len - 1 - i] = tmp;
      }
  list = json_array_new ();
  for (gint64 i = (page_index - 1) * page_size;
       i < (gint64) found->len && i < page_index * page_size; i++)
    json_array_add_object_element (list, lsq_public_copy (g_ptr_array_index (found, i)));
  o = json_object_new ();
  json_object_set_int_member (o, "RecordCount", found->len);
  json_object_set_array_member (o, "List", list);
  liaison_sandbox_request_reply_object (req, 200, o);
}

static void
note_update (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxLsq *self = user_data;
  JsonObject *user = lsq_begin (self, req);
  JsonObject *body, *note, *o;
  const char *text;
  gint64 now = liaison_sandbox_request_now_ms (req);
  g_autofree char *modified = NULL;

  if (user == NULL || (body = lsq_body_object (req)) == NULL)
    return;
  if (lsq_get_string (body, "ProspectNoteId") == NULL
      || lsq_get_string (body, "RelatedProspectId") == NULL)
    return fail (req, LSQ_ERROR_MANDATORY,
                 "'RelatedProspectId' and 'ProspectNoteId' are mandatory");
  note = liaison_sandbox_table_lookup (self->notes, lsq_get_string (body, "ProspectNoteId"));
  if (note == NULL
      || g_ascii_strcasecmp (lsq_get_string (note, "RelatedProspectId"),
                             lsq_get_string (body, "RelatedProspectId"))
             != 0)
    return fail (req, LSQ_ERROR_INVALID_ENTITY, "Note does not exist for this lead");
  text = lsq_get_string (body, "Note");
  if (json_object_has_member (body, "Note") && (text == NULL || *text == '\0'))
    return fail (req, LSQ_ERROR_MANDATORY, "'Note' must not be empty");
  if (text != NULL)
    json_object_set_string_member (note, "Note", text);
  if (json_object_has_member (body, "AttachmentName"))
    json_object_set_member (note, "AttachmentName",
                            json_node_copy (json_object_get_member (body, "AttachmentName")));
  stamp (note, user, now, FALSE);
  modified = lsq_format_plain (now);
  json_object_set_string_member (note, "ModifiedOn", modified);
  o = json_object_new ();
  json_object_set_string_member (o, "Status", "Success");
  liaison_sandbox_request_reply_object (req, 200, o);
}

void
lsq_tasks_register (LiaisonSandboxLsq *self)
{
  LiaisonSandboxServer *s = self->server;

  liaison_sandbox_server_route (s, "POST", "/v2/Task.svc/Create", NULL, 0, task_create, self);
  liaison_sandbox_server_route (s, "POST", "/v2/Task.svc/Update", NULL, 0, task_update, self);
  liaison_sandbox_server_route (s, "GET", "/v2/Task.svc/MarkComplete", NULL, 0, task_mark_complete,
                                self);
  liaison_sandbox_server_route (s, "GET", "/v2/Task.svc/Retrieve.GetById", NULL, 0, task_get_by_id,
                                self);
  liaison_sandbox_server_route (s, "GET", "/v2/Task.svc/RetrieveTaskType", NULL, 0, task_types_get,
                                self);
  liaison_sandbox_server_route (s, "POST", "/v2/Task.svc/DeleteTasks", NULL, 0, tasks_delete, self);
  liaison_sandbox_server_route (s, "GET", "/v2/LeadManagement.svc/RetrieveTaskByLeadId", NULL, 0,
                                tasks_by_lead, self);
  liaison_sandbox_server_route (s, "POST", "/v2/LeadManagement.svc/CreateNote", NULL, 0,
                                note_create, self);
  liaison_sandbox_server_route (s, "POST", "/v2/LeadManagement.svc/RetrieveNote", NULL, 0,
                                note_retrieve, self);
  liaison_sandbox_server_route (s, "POST", "/v2/LeadManagement.svc/UpdateNote", NULL, 0,
                                note_update, self);
}
