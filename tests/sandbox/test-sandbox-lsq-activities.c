/* test-sandbox-lsq-activities.c: the simulated LeadSquared API v2, part two:
 * notes, tasks and appointments, rate limits, error shapes, the /_sandbox/lsq
 * control routes, reset, seed determinism and saved state.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lsq-test-client.h"
#include "liaison-sandbox-lsq.h"
#include "liaison-sandbox-people.h"

#include <glib/gstdio.h>

/* ---- notes ---- */

static void
test_notes (void)
{
  g_autofree char *id = create_lead ("notes@example.com", "Nora");
  g_autofree char *body = g_strdup_printf (
      "{\"RelatedProspectId\": \"%s\", \"Note\": \"Première visite — très bien\"}", id);
  g_autofree char *retrieve = g_strdup_printf (
      "{\"Parameter\": {\"RelatedId\": \"%s\"}, \"Paging\": {\"PageIndex\": 1, \"PageSize\": 200},"
      " \"Sorting\": {\"ColumnName\": \"CreatedOn\", \"Direction\": 1}}",
      id);
  g_autoptr (Resp) created = lsq ("POST", "/v2/LeadManagement.svc/CreateNote", body);
  g_autoptr (Resp) second = NULL, list = NULL, updated = NULL, after = NULL, wrong_lead = NULL;
  g_autoptr (Resp) no_lead = NULL, empty = NULL, unknown_lead = NULL, no_related = NULL;
  g_autofree char *update = NULL, *wrong = NULL, *unknown = NULL;
  const char *note_id;

  g_assert_cmpuint (created->status, ==, 200);
  note_id = jstr (created->json, "Message.Id");
  g_assert_nonnull (note_id);
  advance_clock (2000);
  second = lsq ("POST", "/v2/LeadManagement.svc/CreateNote", body);
  g_assert_cmpuint (second->status, ==, 200);
  list = lsq ("POST", "/v2/LeadManagement.svc/RetrieveNote", retrieve);
  g_assert_cmpuint (list->status, ==, 200);
  g_assert_cmpint (jint (list->json, "RecordCount"), ==, 2);
  /* Direction 1: newest first; note times have no fraction. */
  g_assert_cmpstr (jstr (list->json, "List.0.ProspectNoteId"), ==,
                   jstr (second->json, "Message.Id"));
  g_assert_cmpstr (jstr (list->json, "List.1.Note"), ==, "Première visite — très bien");
  g_assert_true (matches (FMT_PLAIN, jstr (list->json, "List.1.CreatedOn")));
  g_assert_cmpstr (jstr (list->json, "List.1.CreatedByName"), ==, "Maya Chen");

  update = g_strdup_printf (
      "{\"RelatedProspectId\": \"%s\", \"ProspectNoteId\": \"%s\", \"Note\": \"Updated\"}", id,
      note_id);
  updated = lsq ("POST", "/v2/LeadManagement.svc/UpdateNote", update);
  g_assert_cmpuint (updated->status, ==, 200);
  g_assert_cmpstr (jstr (updated->json, "Status"), ==, "Success");
  after = lsq ("POST", "/v2/LeadManagement.svc/RetrieveNote", retrieve);
  g_assert_cmpstr (jstr (after->json, "List.1.Note"), ==, "Updated");
  wrong = g_strdup_printf ("{\"RelatedProspectId\": \"00000000-0000-4000-8000-000000000000\", "
                           "\"ProspectNoteId\": \"%s\", \"Note\": \"x\"}",
                           note_id);
  wrong_lead = lsq ("POST", "/v2/LeadManagement.svc/UpdateNote", wrong);
  assert_lsq_error (wrong_lead, 500, "MXInvalidEntityException");

  no_lead = lsq ("POST", "/v2/LeadManagement.svc/CreateNote", "{\"Note\": \"orphan\"}");
  assert_lsq_error (no_lead, 500, "MXMandatoryAttributeMissingException");
  g_free (body);
  body = g_strdup_printf ("{\"RelatedProspectId\": \"%s\", \"Note\": \"\"}", id);
  empty = lsq ("POST", "/v2/LeadManagement.svc/CreateNote", body);
  assert_lsq_error (empty, 500, "MXMandatoryAttributeMissingException");
  unknown = g_strdup (
      "{\"RelatedProspectId\": \"00000000-0000-4000-8000-000000000000\", \"Note\": \"x\"}");
  unknown_lead = lsq ("POST", "/v2/LeadManagement.svc/CreateNote", unknown);
  assert_lsq_error (unknown_lead, 500, "MXInvalidEntityException");
  no_related = lsq ("POST", "/v2/LeadManagement.svc/RetrieveNote", "{\"Parameter\": {}}");
  assert_lsq_error (no_related, 500, "MXMandatoryAttributeMissingException");
}

/* ---- tasks ---- */

static void
test_tasks (void)
{
  g_autofree char *lead = create_lead ("tasks@example.com", "Tasha");
  g_autofree char *todo_body = g_strdup_printf (
      "{\"Name\": \"Call back\", \"Description\": \"About the quote\", \"RelatedEntity\": 1, "
      "\"RelatedEntityId\": \"%s\","
      " \"DueDate\": \"2030-01-10 10:30:00\", \"Reminder\": 30, \"NotifyBy\": \"1100\","
      " \"OwnerEmailAddress\": \"sofia.rossi@sandbox.example.com\", \"TaskType\": {\"Name\": "
      "\"Follow Up\"}}",
      lead);
  g_autofree char *meeting_body
      = g_strdup_printf ("{\"Name\": \"First consultation\", \"RelatedEntityId\": \"%s\", "
                         "\"DueDate\": \"2030-01-11 09:00:00\","
                         " \"EndDate\": \"2030-01-11 09:45:00\", \"Location\": \"Room 2\", "
                         "\"TaskType\": {\"Name\": \"Meeting\"}}",
                         lead);
  g_autoptr (Resp) types = lsq ("GET", "/v2/Task.svc/RetrieveTaskType", NULL);
  g_autoptr (Resp) appointment_types
      = lsq ("GET", "/v2/Task.svc/RetrieveTaskType?ColumnName=Category&ColumnValue=0", NULL);
  g_autoptr (Resp) todo = lsq ("POST", "/v2/Task.svc/Create", todo_body);
  g_autoptr (Resp) meeting = lsq ("POST", "/v2/Task.svc/Create", meeting_body);
  g_autoptr (Resp) got = NULL, update = NULL, after = NULL, done = NULL, completed = NULL,
                   by_lead = NULL;
  g_autoptr (Resp) bad_type = NULL, bad_lead = NULL, no_name = NULL, none = NULL, unknown = NULL,
                   bad_update = NULL;
  g_autofree char *todo_id = NULL, *path = NULL, *update_body = NULL, *lead_path = NULL;
  guint completed_seen = 0, pending_seen = 0;

  g_assert_cmpuint (jlen (types->json, ""), ==, 5);
  g_assert_cmpuint (jlen (appointment_types->json, ""), ==, 2);
  g_assert_cmpuint (todo->status, ==, 200);
  g_assert_cmpuint (meeting->status, ==, 200);
  todo_id = g_strdup (jstr (todo->json, "Message.Id"));

  path = g_strdup_printf ("/v2/Task.svc/Retrieve.GetById?id=%s", todo_id);
  got = lsq ("GET", path, NULL);
  g_assert_cmpuint (jlen (got->json, ""), ==, 1);
  g_assert_cmpint (jint (got->json, "0.Category"), ==, 1);
  g_assert_cmpint (jint (got->json, "0.StatusCode"), ==, 0);
  g_assert_cmpstr (jstr (got->json, "0.DueDate"), ==, "2030-01-10 10:30:00.000");
  g_assert_cmpstr (jstr (got->json, "0.CompletedOn"), ==, "0001-01-01 00:00:00.000");
  g_assert_cmpstr (jstr (got->json, "0.OwnerName"), ==, "Sofia Rossi");
  g_assert_cmpstr (jstr (got->json, "0.RelatedEntityIdName"), ==, "Tasha");
  g_assert_cmpstr (jstr (got->json, "0.TaskType.Name"), ==, "Follow Up");
  {
    g_autofree char *p = g_strdup_printf ("/v2/Task.svc/Retrieve.GetById?id=%s",
                                          jstr (meeting->json, "Message.Id"));
    g_autoptr (Resp) m = lsq ("GET", p, NULL);

    g_assert_cmpint (jint (m->json, "0.Category"), ==, 0);
    g_assert_cmpstr (jstr (m->json, "0.EndDate"), ==, "2030-01-11 09:45:00.000");
  }

  /* Update changes fields but never completes. */
  update_body = g_strdup_printf (
      "{\"UserTaskId\": \"%s\", \"Name\": \"Call back (2nd try)\", \"StatusCode\": 1}", todo_id);
  update = lsq ("POST", "/v2/Task.svc/Update", update_body);
  g_assert_cmpuint (update->status, ==, 200);
  g_assert_cmpint (jint (update->json, "Message.AffectedRows"), ==, 1);
  g_assert_cmpint (jint (update->json, "Message.AutoId"), >, 0);
  after = lsq ("GET", path, NULL);
  g_assert_cmpstr (jstr (after->json, "0.Name"), ==, "Call back (2nd try)");
  g_assert_cmpint (jint (after->json, "0.StatusCode"), ==, 0);
  g_assert_cmpstr (jstr (after->json, "0.Description"), ==, "About the quote");

  g_free (path);
  path = g_strdup_printf ("/v2/Task.svc/MarkComplete?id=%s", todo_id);
  done = lsq ("GET", path, NULL);
  g_assert_cmpuint (done->status, ==, 200);
  g_free (path);
  path = g_strdup_printf ("/v2/Task.svc/Retrieve.GetById?id=%s", todo_id);
  completed = lsq ("GET", path, NULL);
  g_assert_cmpint (jint (completed->json, "0.StatusCode"), ==, 1);
  g_assert_cmpstr (jstr (completed->json, "0.CompletedOn"), !=, "0001-01-01 00:00:00.000");

  lead_path = g_strdup_printf ("/v2/LeadManagement.svc/RetrieveTaskByLeadId?leadId=%s", lead);
  by_lead = lsq ("GET", lead_path, NULL);
  g_assert_cmpint (jint (by_lead->json, "RecordCount"), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *status = g_strdup_printf ("TaskList.%u.Status", i);
      g_autofree char *task_id = g_strdup_printf ("TaskList.%u.TaskID", i);

      g_assert_nonnull (jstr (by_lead->json, task_id));
      completed_seen += g_strcmp0 (jstr (by_lead->json, status), "Completed") == 0;
      pending_seen += g_strcmp0 (jstr (by_lead->json, status), "Pending") == 0;
    }
  g_assert_cmpuint (completed_seen, ==, 1);
  g_assert_cmpuint (pending_seen, ==, 1);

  bad_type = lsq ("POST", "/v2/Task.svc/Create",
                  "{\"Name\": \"x\", \"TaskType\": {\"Name\": \"Party\"}}");
  assert_lsq_error (bad_type, 500, "MXInvalidInputException");
  bad_lead
      = lsq ("POST", "/v2/Task.svc/Create",
             "{\"Name\": \"x\", \"RelatedEntityId\": \"00000000-0000-4000-8000-000000000000\", "
             "\"TaskType\": {\"Name\": \"Meeting\"}}");
  assert_lsq_error (bad_lead, 500, "MXInvalidEntityException");
  no_name = lsq ("POST", "/v2/Task.svc/Create", "{\"TaskType\": {\"Name\": \"Meeting\"}}");
  assert_lsq_error (no_name, 500, "MXMandatoryAttributeMissingException");
  none = lsq ("GET", "/v2/Task.svc/Retrieve.GetById?id=nothing", NULL);
  g_assert_cmpuint (jlen (none->json, ""), ==, 0);
  unknown = lsq ("GET", "/v2/Task.svc/MarkComplete?id=nothing", NULL);
  assert_lsq_error (unknown, 500, "MXInvalidEntityException");
  g_free (update_body);
  update_body
      = g_strdup_printf ("{\"UserTaskId\": \"%s\", \"DueDate\": \"next tuesday\"}", todo_id);
  bad_update = lsq ("POST", "/v2/Task.svc/Update", update_body);
  assert_lsq_error (bad_update, 500, "MXInvalidInputException");
}

/* DeleteTasks deletes to-dos and appointments alike, counts only the ids it held (a second
 * delete of the same task counts none), and refuses an empty list or more than 5,000 ids. */
static void
test_delete_tasks (void)
{
  g_autofree char *lead = create_lead ("delete-tasks@example.com", "Dee");
  g_autofree char *todo_body = g_strdup_printf (
      "{\"Name\": \"Send the offer\", \"RelatedEntityId\": \"%s\", \"DueDate\": "
      "\"2030-02-01 10:00:00\", \"TaskType\": {\"Name\": \"Follow Up\"}}",
      lead);
  g_autofree char *meeting_body = g_strdup_printf (
      "{\"Name\": \"Walk-through\", \"RelatedEntityId\": \"%s\", \"DueDate\": "
      "\"2030-02-02 09:00:00\", \"EndDate\": \"2030-02-02 09:30:00\", \"TaskType\": "
      "{\"Name\": \"Meeting\"}}",
      lead);
  g_autoptr (Resp) todo = lsq ("POST", "/v2/Task.svc/Create", todo_body);
  g_autoptr (Resp) meeting = lsq ("POST", "/v2/Task.svc/Create", meeting_body);
  g_autoptr (Resp) kept = lsq ("POST", "/v2/Task.svc/Create", todo_body);
  g_autoptr (Resp) deleted = NULL, again = NULL, by_lead = NULL, empty = NULL, missing = NULL;
  g_autoptr (Resp) too_many = NULL, not_ids = NULL;
  g_autoptr (GString) many = g_string_new ("{\"TaskIds\": [");
  g_autofree char *body = NULL, *lead_path = NULL;

  g_assert_cmpuint (kept->status, ==, 200);
  body = g_strdup_printf ("{\"TaskIds\": [\"%s\", \"%s\", \"no-such-task\"]}",
                          jstr (todo->json, "Message.Id"), jstr (meeting->json, "Message.Id"));
  deleted = lsq ("POST", "/v2/Task.svc/DeleteTasks", body);
  g_assert_cmpuint (deleted->status, ==, 200);
  g_assert_cmpstr (jstr (deleted->json, "Status"), ==, "Success");
  g_assert_cmpstr (jstr (deleted->json, "Operation"), ==, "Bulk Delete Tasks");
  g_assert_cmpint (jint (deleted->json, "TasksCount"), ==, 3);
  g_assert_cmpint (jint (deleted->json, "DeletedTasksCount"), ==, 2);

  lead_path = g_strdup_printf ("/v2/LeadManagement.svc/RetrieveTaskByLeadId?leadId=%s", lead);
  by_lead = lsq ("GET", lead_path, NULL);
  g_assert_cmpint (jint (by_lead->json, "RecordCount"), ==, 1);
  g_assert_cmpstr (jstr (by_lead->json, "TaskList.0.TaskID"), ==, jstr (kept->json, "Message.Id"));

  again = lsq ("POST", "/v2/Task.svc/DeleteTasks", body);
  g_assert_cmpuint (again->status, ==, 200);
  g_assert_cmpint (jint (again->json, "DeletedTasksCount"), ==, 0);

  empty = lsq ("POST", "/v2/Task.svc/DeleteTasks", "{\"TaskIds\": []}");
  assert_lsq_error (empty, 400, "MXInvalidRequestException");
  missing = lsq ("POST", "/v2/Task.svc/DeleteTasks", "{}");
  g_assert_cmpuint (missing->status, ==, 400);
  not_ids = lsq ("POST", "/v2/Task.svc/DeleteTasks", "{\"TaskIds\": [7]}");
  g_assert_cmpuint (not_ids->status, ==, 400);
  for (guint i = 0; i < 5001; i++)
    g_string_append_printf (many, "%s\"t%u\"", i ? ", " : "", i);
  g_string_append (many, "]}");
  too_many = lsq ("POST", "/v2/Task.svc/DeleteTasks", many->str);
  g_assert_cmpuint (too_many->status, ==, 400);
  {
    g_autofree char *p = g_strdup_printf ("/v2/Task.svc/Retrieve.GetById?id=%s",
                                          jstr (kept->json, "Message.Id"));
    g_autoptr (Resp) still = lsq ("GET", p, NULL);

    g_assert_cmpuint (jlen (still->json, ""), ==, 1);
  }
}

/* ---- limits, errors, control routes ---- */

static void
set_rate (const char *rate_class, guint max)
{
  g_autofree char *body
      = g_strdup_printf ("{\"class\": \"%s\", \"max\": %u, \"intervalMs\": 5000}", rate_class, max);
  g_autoptr (Resp) r = control ("POST", "/_sandbox/rates", body);

  g_assert_cmpuint (r->status, ==, 200);
}

static void
test_rate_limits (void)
{
  const char *bulk_body
      = "[[{\"Attribute\": \"EmailAddress\", \"Value\": \"rate.bulk@example.com\"}]]";

  /* The documented defaults: 10 calls and 5 bulk calls in 5 seconds. */
  set_rate ("default", LIAISON_SANDBOX_LSQ_RATE_MAX);
  set_rate ("bulk", LIAISON_SANDBOX_LSQ_BULK_RATE_MAX);
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr (Resp) r = lsq ("GET", "/v2/UserManagement.svc/Users.Get", NULL);

      g_assert_cmpuint (r->status, ==, 200);
    }
  {
    g_autoptr (Resp) limited = lsq ("GET", "/v2/UserManagement.svc/Users.Get", NULL);

    assert_lsq_error (limited, 429, "MXAPIRateLimitExceededException");
    g_assert_cmpstr (jstr (limited->json, "ExceptionMessage"), ==,
                     "API calls exceeded the limit of 10 in 5 second(s)");
  }
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr (Resp) r
          = lsq ("POST", "/v2/LeadManagement.svc/Lead/Bulk/CreateOrUpdate", bulk_body);

      g_assert_cmpuint (r->status, ==, 200);
    }
  {
    g_autoptr (Resp) limited
        = lsq ("POST", "/v2/LeadManagement.svc/Lead/Bulk/CreateOrUpdate", bulk_body);

    assert_lsq_error (limited, 429, "MXAPIRateLimitExceededException");
    g_assert_cmpstr (jstr (limited->json, "ExceptionMessage"), ==,
                     "API calls exceeded the limit of 5 in 5 second(s)");
  }
  /* The bucket refills with the (sandbox) clock. */
  advance_clock (5000);
  {
    g_autoptr (Resp) r = lsq ("GET", "/v2/UserManagement.svc/Users.Get", NULL);

    g_assert_cmpuint (r->status, ==, 200);
  }
  lift_limits ();
}

static void
test_errors (void)
{
  g_autoptr (Resp) unknown = lsq ("GET", "/v2/LeadManagement.svc/Leads.GetEverything", NULL);
  g_autoptr (Resp) wrong_method = lsq ("GET", "/v2/LeadManagement.svc/Lead.Create", NULL);
  g_autoptr (Resp) not_object = lsq ("POST", "/v2/Task.svc/Create", "[]");
  g_autoptr (Resp) empty = request ("POST", "/v2/LeadManagement.svc/Lead.Create", KEYS_HEADERS,
                                    "application/json", "");

  /* WCF answers unknown operations with an HTML page. */
  g_assert_cmpuint (unknown->status, ==, 404);
  g_assert_null (unknown->json);
  g_assert_nonnull (strstr (unknown->text, "Endpoint not found"));
  g_assert_cmpuint (wrong_method->status, ==, 404);
  assert_lsq_error (not_object, 400, "MXInvalidRequestException");
  g_assert_cmpuint (empty->status, ==, 400);
}

static void
test_control (void)
{
  g_autoptr (Resp) created = NULL, edited = NULL, lead = NULL, bad = NULL, task = NULL, note = NULL;
  g_autoptr (Resp) deleted = NULL, tasks_gone = NULL, missing = NULL, unknown = NULL, listed = NULL;
  g_autofree char *id = NULL, *path = NULL, *body = NULL, *modified = NULL, *lead_path = NULL;

  created = control ("POST", "/_sandbox/lsq/leads",
                     "{\"FirstName\": \"Web\", \"EmailAddress\": \"web.ui@example.com\"}");
  g_assert_cmpuint (created->status, ==, 201);
  id = g_strdup (jstr (created->json, "record.ProspectID"));
  g_assert_cmpstr (jstr (created->json, "record.Origin"), ==, "Quick Add Form");
  modified = g_strdup (jstr (created->json, "record.ModifiedOn"));
  lead = get_lead (id);
  g_assert_cmpstr (jstr (lead->json, "0.FirstName"), ==, "Web");

  advance_clock (5000);
  path = g_strdup_printf ("/_sandbox/lsq/leads/%s", id);
  edited = control ("PATCH", path, "{\"LastName\": \"Édith\", \"mx_City\": \"Zürich\"}");
  g_assert_cmpuint (edited->status, ==, 200);
  g_assert_cmpstr (jstr (edited->json, "record.LastName"), ==, "Édith");
  g_assert_cmpstr (jstr (edited->json, "record.ModifiedOn"), >, modified);
  bad = control ("PATCH", path, "{\"EmailAddress\": \"nope\"}");
  g_assert_cmpuint (bad->status, ==, 422);
  g_assert_nonnull (jstr (bad->json, "error"));

  body = g_strdup_printf ("{\"Name\": \"Ring back\", \"RelatedEntityId\": \"%s\", \"TaskType\": "
                          "{\"Name\": \"Call Back\"}}",
                          id);
  task = control ("POST", "/_sandbox/lsq/tasks", body);
  g_assert_cmpuint (task->status, ==, 201);
  g_free (body);
  body = g_strdup_printf ("{\"RelatedProspectId\": \"%s\", \"Note\": \"typed in the web UI\"}", id);
  note = control ("POST", "/_sandbox/lsq/notes", body);
  g_assert_cmpuint (note->status, ==, 201);
  listed = control ("GET", "/_sandbox/lsq/notes", NULL);
  g_assert_cmpuint (jlen (listed->json, "records"), >, 0);

  /* Deleting a lead takes its tasks and notes with it. */
  deleted = control ("DELETE", path, NULL);
  g_assert_cmpuint (deleted->status, ==, 200);
  lead_path = g_strdup_printf ("/v2/LeadManagement.svc/RetrieveTaskByLeadId?leadId=%s", id);
  tasks_gone = lsq ("GET", lead_path, NULL);
  assert_lsq_error (tasks_gone, 500, "MXInvalidEntityException");
  {
    g_autofree char *task_path
        = g_strdup_printf ("/_sandbox/lsq/tasks/%s", jstr (task->json, "record.UserTaskId"));
    g_autoptr (Resp) t = control ("GET", task_path, NULL);

    g_assert_cmpuint (t->status, ==, 404);
  }
  missing = control ("DELETE", path, NULL);
  g_assert_cmpuint (missing->status, ==, 404);
  unknown = control ("GET", "/_sandbox/lsq/opportunities", NULL);
  g_assert_cmpuint (unknown->status, ==, 404);
}

/* A person cancels an appointment in the web UI: GetById and RetrieveTaskByLeadId say
 * "Cancelled"; a to-do cannot be cancelled, nor can a status be anything else. */
static void
test_control_cancel (void)
{
  g_autofree char *id = create_lead ("cancel.me@example.com", "Cara");
  g_autofree char *body = g_strdup_printf (
      "{\"Name\": \"Demo\", \"RelatedEntityId\": \"%s\", \"TaskType\": {\"Name\": "
      "\"Meeting\"}, \"DueDate\": \"2026-12-01 10:00:00\"}",
      id);
  g_autofree char *todo_body = g_strdup_printf (
      "{\"Name\": \"Ring\", \"RelatedEntityId\": \"%s\", \"TaskType\": {\"Name\": "
      "\"Call Back\"}}",
      id);
  g_autoptr (Resp) task = control ("POST", "/_sandbox/lsq/tasks", body);
  g_autoptr (Resp) todo = control ("POST", "/_sandbox/lsq/tasks", todo_body);
  g_autofree char *path = NULL, *todo_path = NULL, *get_path = NULL, *list_path = NULL;
  g_autoptr (Resp) cancelled = NULL, refused = NULL, wrong = NULL, got = NULL, listed = NULL;
  JsonArray *rows;
  gboolean seen = FALSE;

  g_assert_cmpuint (task->status, ==, 201);
  g_assert_cmpuint (todo->status, ==, 201);
  path = g_strdup_printf ("/_sandbox/lsq/tasks/%s", jstr (task->json, "record.UserTaskId"));
  todo_path = g_strdup_printf ("/_sandbox/lsq/tasks/%s", jstr (todo->json, "record.UserTaskId"));
  cancelled = control ("PATCH", path, "{\"Status\": \"Cancelled\"}");
  g_assert_cmpuint (cancelled->status, ==, 200);
  refused = control ("PATCH", todo_path, "{\"Status\": \"Cancelled\"}");
  g_assert_cmpuint (refused->status, ==, 422);
  wrong = control ("PATCH", path, "{\"Status\": \"Maybe\"}");
  g_assert_cmpuint (wrong->status, ==, 422);

  get_path = g_strdup_printf ("/v2/Task.svc/Retrieve.GetById?id=%s",
                              jstr (task->json, "record.UserTaskId"));
  got = lsq ("GET", get_path, NULL);
  g_assert_cmpuint (got->status, ==, 200);
  g_assert_cmpstr (jstr (got->json, "0.Status"), ==, "Cancelled");
  list_path = g_strdup_printf ("/v2/LeadManagement.svc/RetrieveTaskByLeadId?leadId=%s", id);
  listed = lsq ("GET", list_path, NULL);
  g_assert_cmpuint (listed->status, ==, 200);
  rows = json_object_get_array_member (json_node_get_object (listed->json), "TaskList");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      if (g_strcmp0 (json_object_get_string_member (row, "TaskID"),
                     jstr (task->json, "record.UserTaskId"))
          == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (row, "Status"), ==, "Cancelled");
          seen = TRUE;
        }
      else
        g_assert_cmpstr (json_object_get_string_member (row, "Status"), !=, "Cancelled");
    }
  g_assert_true (seen);
}

static void
test_reset (void)
{
  g_autofree char *id = create_lead ("before.reset@example.com", "Rita");
  guint seeded;
  g_autoptr (Resp) reset = NULL, gone = NULL;

  reset = control ("POST", "/_sandbox/reset", NULL);
  g_assert_cmpuint (reset->status, ==, 200);
  lift_limits ();
  gone = get_lead (id);
  g_assert_cmpuint (jlen (gone->json, ""), ==, 0);
  seeded = lead_total ();
  {
    g_autoptr (Resp) again = control ("POST", "/_sandbox/reset", NULL);

    g_assert_cmpuint (again->status, ==, 200);
  }
  lift_limits ();
  g_assert_cmpuint (lead_total (), ==, seeded);
}

/* ---- seed and state ---- */

#define ANCHOR G_GINT64_CONSTANT (1767225600000)

static char *
to_text (JsonNode *node)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

static LiaisonSandboxLsq *
make_lsq (guint64 seed, guint count)
{
  g_autoptr (LiaisonSandboxClock) clock = liaison_sandbox_clock_new ();
  g_autoptr (LiaisonSandboxServer) server = liaison_sandbox_server_new ("lsq", clock, seed);
  g_autoptr (GPtrArray) people = liaison_sandbox_people_generate (seed, count);

  return liaison_sandbox_lsq_new (server, seed, people, ANCHOR);
}

static void
test_seed_determinism (void)
{
  g_autoptr (LiaisonSandboxLsq) a = make_lsq (7, 80);
  g_autoptr (LiaisonSandboxLsq) b = make_lsq (7, 80);
  g_autoptr (LiaisonSandboxLsq) c = make_lsq (8, 80);
  g_autoptr (JsonNode) ja = liaison_sandbox_lsq_to_json (a);
  g_autoptr (JsonNode) jb = liaison_sandbox_lsq_to_json (b);
  g_autoptr (JsonNode) jc = liaison_sandbox_lsq_to_json (c);
  g_autofree char *ta = to_text (ja);
  g_autofree char *tb = to_text (jb);
  g_autofree char *tc = to_text (jc);
  g_autoptr (GPtrArray) people = liaison_sandbox_people_generate (7, 80);
  guint in_lsq = 0;

  g_assert_cmpstr (ta, ==, tb);
  g_assert_cmpstr (ta, !=, tc);
  g_assert_cmpstr (liaison_sandbox_lsq_get_access_key (a), ==,
                   liaison_sandbox_lsq_get_access_key (b));
  g_assert_cmpstr (liaison_sandbox_lsq_get_access_key (a), !=,
                   liaison_sandbox_lsq_get_access_key (c));
  g_assert_true (g_str_has_prefix (liaison_sandbox_lsq_get_access_key (a), "u$r"));
  for (guint i = 0; i < people->len; i++)
    in_lsq += ((LiaisonSandboxPerson *) g_ptr_array_index (people, i))->in_lsq;
  g_assert_cmpuint (liaison_sandbox_lsq_get_lead_count (a), ==, in_lsq);
  g_assert_cmpuint (in_lsq, >, 0);
  g_assert_cmpuint (in_lsq, <, 80);

  /* Reseeding gives the same data set again. */
  liaison_sandbox_lsq_reseed (a, people, ANCHOR);
  {
    g_autoptr (JsonNode) again = liaison_sandbox_lsq_to_json (a);
    g_autofree char *text = to_text (again);

    g_assert_cmpstr (text, ==, tb);
  }
}

static void
test_state_round_trip (void)
{
  g_autoptr (LiaisonSandboxLsq) a = make_lsq (11, 30);
  g_autoptr (LiaisonSandboxLsq) b = make_lsq (12, 10);
  g_autoptr (JsonNode) saved = liaison_sandbox_lsq_to_json (a);
  g_autofree char *text = to_text (saved);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) garbage = json_from_string ("{\"users\": 3}", NULL);
  g_autofree char *key_before = NULL;

  g_assert_true (liaison_sandbox_lsq_from_json (b, saved, &error));
  g_assert_no_error (error);
  {
    g_autoptr (JsonNode) loaded = liaison_sandbox_lsq_to_json (b);
    g_autofree char *loaded_text = to_text (loaded);

    g_assert_cmpstr (loaded_text, ==, text);
  }
  g_assert_cmpstr (liaison_sandbox_lsq_get_access_key (b), ==,
                   liaison_sandbox_lsq_get_access_key (a));
  key_before = g_strdup (liaison_sandbox_lsq_get_access_key (b));
  g_assert_false (liaison_sandbox_lsq_from_json (b, garbage, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (liaison_sandbox_lsq_get_access_key (b), ==, key_before);
}

/* Through the whole sandbox: a change survives a restart with the same state file. */
static void
test_state_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lsq-state-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "state.json", NULL);
  LiaisonSandbox *main_sb = sb;
  g_autofree char *id = NULL;
  g_autofree char *access = NULL;

  sb = sandbox_start (99, 20, file);
  lift_limits ();
  id = create_lead ("survivor@example.com", "Sura");
  access = g_strdup (liaison_sandbox_get_lsq_access_key (sb));
  liaison_sandbox_stop (sb);
  g_object_unref (sb);
  g_assert_true (g_file_test (file, G_FILE_TEST_EXISTS));
  {
    GStatBuf st;

    /* It holds the issued tokens and keys: for its owner only. */
    g_assert_cmpint (g_stat (file, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  sb = sandbox_start (99, 20, file);
  lift_limits ();
  g_assert_cmpstr (liaison_sandbox_get_lsq_access_key (sb), ==, access);
  {
    g_autoptr (Resp) lead = get_lead (id);

    g_assert_cmpuint (jlen (lead->json, ""), ==, 1);
    g_assert_cmpstr (jstr (lead->json, "0.FirstName"), ==, "Sura");
  }
  liaison_sandbox_stop (sb);
  g_object_unref (sb);
  sb = main_sb;
  g_unlink (file);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  sb = sandbox_start (42, 60, NULL);
  lift_limits ();

  g_test_add_func ("/sandbox/lsq/notes", test_notes);
  g_test_add_func ("/sandbox/lsq/tasks", test_tasks);
  g_test_add_func ("/sandbox/lsq/delete-tasks", test_delete_tasks);
  g_test_add_func ("/sandbox/lsq/rate-limits", test_rate_limits);
  g_test_add_func ("/sandbox/lsq/errors", test_errors);
  g_test_add_func ("/sandbox/lsq/control", test_control);
  g_test_add_func ("/sandbox/lsq/control-cancel", test_control_cancel);
  g_test_add_func ("/sandbox/lsq/reset", test_reset);
  g_test_add_func ("/sandbox/lsq/seed-determinism", test_seed_determinism);
  g_test_add_func ("/sandbox/lsq/state-round-trip", test_state_round_trip);
  g_test_add_func ("/sandbox/lsq/state-file", test_state_file);

  status = g_test_run ();
  liaison_sandbox_stop (sb);
  g_object_unref (sb);
  return status;
}
