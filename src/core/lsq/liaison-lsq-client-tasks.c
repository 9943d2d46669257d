/* liaison-lsq-client-tasks.c: LeadSquared tasks (to-dos become
 * LiaisonTask, appointments, the tasks of a category-0 type, become
 * LiaisonAppointment) and the notes of a lead.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-lsq"

#include "liaison-json.h"
#include "liaison-lsq-client-private.h"

#define TASKS "/v2/Task.svc/"
#define LEADS "/v2/LeadManagement.svc/"
#define NOTES_PAGE_SIZE 200
/* A server that keeps saying "more" is not followed forever. */
#define NOTES_MAX_PAGES 100

static GError *
argument_error (const char *operation, const char *what)
{
  return g_error_new (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_VALIDATION, "Could not %s: %s",
                      operation, what);
}

static void
send_body (LiaisonLsqClient *self, LiaisonHttpRequest *request, JsonNode *body, const char *subject,
           gboolean idempotent, LiaisonHttpCallParseFunc parse, GDestroyNotify result_free,
           gpointer source_tag, GCancellable *cancellable, GAsyncReadyCallback callback,
           gpointer user_data)
{
  liaison_http_request_set_json_body (request, body);
  liaison_http_request_set_subject (request, subject);
  liaison_http_request_set_idempotent (request, idempotent);
  liaison_lsq_client_run (self, request, parse, NULL, NULL, result_free, source_tag, cancellable,
                          callback, user_data);
}

/* ---- tasks ---- */

/* Task.svc/Create of a to-do of type task_type (a type's Name, such as
 * "Follow Up", or its Id). Not repeated after a failure that may have
 * reached LeadSquared. Finish with id_finish. */
void
liaison_lsq_client_create_task_async (LiaisonLsqClient *self, LiaisonTask *task,
                                      const char *task_type, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autoptr (JsonNode) body = NULL;

  g_return_if_fail (LIAISON_IS_LSQ_CLIENT (self));
  g_return_if_fail (LIAISON_IS_TASK (task));

  if (task_type == NULL || *task_type == '\0')
    {
      liaison_http_call_report_error (
          self, liaison_lsq_client_create_task_async, callback, user_data,
          argument_error ("create the task", "a task type is needed (such as “Follow Up”)"));
      return;
    }
  request = liaison_lsq_client_request (self, "POST", TASKS "Create", "create the task");
  body = liaison_lsq_task_to_json (task, task_type, TRUE);
  send_body (self, request, body, "the task", FALSE, liaison_lsq_parse_id, g_free,
             liaison_lsq_client_create_task_async, cancellable, callback, user_data);
}

/* An appointment is created as a task of an appointment type (task_type,
 * or else the appointment's calendar id, which holds its type). */
void
liaison_lsq_client_create_appointment_async (LiaisonLsqClient *self,
                                             LiaisonAppointment *appointment, const char *task_type,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autoptr (JsonNode) body = NULL;

  g_return_if_fail (LIAISON_IS_LSQ_CLIENT (self));
  g_return_if_fail (LIAISON_IS_APPOINTMENT (appointment));

  if ((task_type == NULL || *task_type == '\0')
      && liaison_appointment_get_calendar_id (appointment) == NULL)
    {
      liaison_http_call_report_error (
          self, liaison_lsq_client_create_appointment_async, callback, user_data,
          argument_error ("create the appointment",
                          "an appointment type is needed (such as “Meeting”)"));
      return;
    }
  request = liaison_lsq_client_request (self, "POST", TASKS "Create", "create the appointment");
  body = liaison_lsq_appointment_to_json (appointment, task_type, TRUE);
  send_body (self, request, body, "the appointment", FALSE, liaison_lsq_parse_id, g_free,
             liaison_lsq_client_create_appointment_async, cancellable, callback, user_data);
}

/* Task.svc/Update; it never completes a task (complete_task does).
 * Finish with done_finish. */
void
liaison_lsq_client_update_task_async (LiaisonLsqClient *self, LiaisonTask *task,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autoptr (JsonNode) body = NULL;

  g_return_if_fail (LIAISON_IS_LSQ_CLIENT (self));
  g_return_if_fail (LIAISON_IS_TASK (task));

  if (liaison_task_get_id (task) == NULL)
    {
      liaison_http_call_report_error (self, liaison_lsq_client_update_task_async, callback,
                                      user_data,
                                      argument_error ("update the task", "the task has no id"));
      return;
    }
  request = liaison_lsq_client_request (self, "POST", TASKS "Update", "update the task");
  body = liaison_lsq_task_to_json (task, NULL, FALSE);
  send_body (self, request, body, "the task", TRUE, liaison_lsq_parse_done, NULL,
             liaison_lsq_client_update_task_async, cancellable, callback, user_data);
}

void
liaison_lsq_client_update_appointment_async (LiaisonLsqClient *self,
                                             LiaisonAppointment *appointment,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autoptr (JsonNode) body = NULL;

  g_return_if_fail (LIAISON_IS_LSQ_CLIENT (self));
  g_return_if_fail (LIAISON_IS_APPOINTMENT (appointment));

  if (liaison_appointment_get_id (appointment) == NULL)
    {
      liaison_http_call_report_error (
          self, liaison_lsq_client_update_appointment_async, callback, user_data,
          argument_error ("update the appointment", "the appointment has no id"));
      return;
    }
  request = liaison_lsq_client_request (self, "POST", TASKS "Update", "update the appointment");
  body = liaison_lsq_appointment_to_json (appointment, NULL, FALSE);
  send_body (self, request, body, "the appointment", TRUE, liaison_lsq_parse_done, NULL,
             liaison_lsq_client_update_appointment_async, cancellable, callback, user_data);
}

/* Task.svc/MarkComplete; completing a completed task changes nothing, so
 * it is retried like a read. Finish with done_finish. */
void
liaison_lsq_client_complete_task_async (LiaisonLsqClient *self, const char *task_id,
                                        GCancellable *cancellable, GAsyncReadyCallback callback,
                                        gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;

  g_return_if_fail (LIAISON_IS_LSQ_CLIENT (self));
  g_return_if_fail (task_id != NULL);

  request
      = liaison_lsq_client_request (self, "GET", TASKS "MarkComplete", "mark the task complete");
  liaison_lsq_client_add_id_query (request, "id", task_id);
  liaison_lsq_client_run (self, request, liaison_lsq_parse_done, NULL, NULL, NULL,
                          liaison_lsq_client_complete_task_async, cancellable, callback, user_data);
}

/* DeleteTasks answers {"Status", "TasksCount", "DeletedTasksCount", "FailureReason"}. */
static gpointer
parse_deleted_tasks (LiaisonHttpCall *call, JsonNode *root, GError **error)
{
  JsonObject *object = liaison_json_expect_object (root, NULL, LIAISON_LSQ_SERVICE, error);
  const char *status, *reason;
  JsonNode *count;
  guint *deleted;

  if (object == NULL)
    return NULL;
  status = liaison_json_get_string (object, "Status");
  reason = liaison_json_get_string (object, "FailureReason");
  if (g_strcmp0 (status, "Success") != 0)
    {
      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                   "%s did not delete the tasks: %s", LIAISON_LSQ_SERVICE,
                   reason != NULL && *reason != '\0' ? reason : status ? status : "(no status)");
      return NULL;
    }
  count = json_object_get_member (object, "DeletedTasksCount");
  if (count == NULL || !JSON_NODE_HOLDS_VALUE (count)
      || json_node_get_value_type (count) != G_TYPE_INT64 || json_node_get_int (count) < 0)
    {
      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                   "%s reported success without saying how many tasks it deletes",
                   LIAISON_LSQ_SERVICE);
      return NULL;
    }
  deleted = g_new (guint, 1);
  *deleted = (guint) MIN (json_node_get_int (count), G_MAXUINT);
  return deleted;
}

/* Task.svc/DeleteTasks, LeadSquared's only task delete (to-dos and appointments alike): at
 * most LIAISON_LSQ_DELETE_TASKS_MAX ids, deleted asynchronously. Deleting a task that is gone
 * changes nothing, so it is retried like a read. Finish with delete_tasks_finish. */
void
liaison_lsq_client_delete_tasks_async (LiaisonLsqClient *self, const char *const *task_ids,
                                       GCancellable *cancellable, GAsyncReadyCallback callback,
                                       gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (JsonNode) body = NULL;
  guint n = task_ids != NULL ? g_strv_length ((char **) task_ids) : 0;

  g_return_if_fail (LIAISON_IS_LSQ_CLIENT (self));

  if (n == 0 || n > LIAISON_LSQ_DELETE_TASKS_MAX)
    {
      liaison_http_call_report_error (
          self, liaison_lsq_client_delete_tasks_async, callback, user_data,
          argument_error ("delete the tasks", n == 0 ? "no task was named"
                                                     : "LeadSquared deletes at most 5,000 tasks "
                                                       "at a time"));
      return;
    }
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "TaskIds");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    json_builder_add_string_value (builder, task_ids[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  request = liaison_lsq_client_request (self, "POST", TASKS "DeleteTasks", "delete the tasks");
  send_body (self, request, body, n == 1 ? "the task" : "the tasks", TRUE, parse_deleted_tasks,
             g_free, liaison_lsq_client_delete_tasks_async, cancellable, callback, user_data);
}

/* How many of the ids LeadSquared deletes (one it does not hold, already deleted, is not
 * counted), or -1 with error set. */
gint64
liaison_lsq_client_delete_tasks_finish (LiaisonLsqClient *self, GAsyncResult *result,
                                        GError **error)
{
  g_autofree guint *deleted
      = liaison_http_call_finish (self, result, liaison_lsq_client_delete_tasks_async, error);

  return deleted != NULL ? (gint64) *deleted : -1;
}

/* Retrieve.GetById answers an array, [] for an unknown id. */
static gpointer
parse_one_task (LiaisonHttpCall *call, JsonNode *root, GError **error)
{
  gpointer data = liaison_http_call_get_parse_data (call);
  JsonArray *array = liaison_json_expect_array (root, NULL, LIAISON_LSQ_SERVICE, error);
  JsonNode *first;

  if (array == NULL)
    return NULL;
  if (json_array_get_length (array) == 0)
    {
      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_FOUND,
                   "%s has no task with id “%s”", LIAISON_LSQ_SERVICE, (const char *) data);
      return NULL;
    }
  first = json_array_get_element (array, 0);
  if (!JSON_NODE_HOLDS_OBJECT (first))
    {
      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                   "%s sent a task that is not an object", LIAISON_LSQ_SERVICE);
      return NULL;
    }
  return liaison_lsq_activity_from_json (json_node_get_object (first), error);
}

void
liaison_lsq_client_get_task_async (LiaisonLsqClient *self, const char *task_id,
                                   GCancellable *cancellable, GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;

  g_return_if_fail (LIAISON_IS_LSQ_CLIENT (self));
  g_return_if_fail (task_id != NULL);

  request = liaison_lsq_client_request (self, "GET", TASKS "Retrieve.GetById", "get the task");
  liaison_lsq_client_add_id_query (request, "id", task_id);
  liaison_lsq_client_run (self, request, parse_one_task, g_strdup (task_id), g_free, g_object_unref,
                          liaison_lsq_client_get_task_async, cancellable, callback, user_data);
}

/* A LiaisonAppointment when the task's type is an appointment type, else a
 * LiaisonTask; an unknown id is LIAISON_HTTP_ERROR_NOT_FOUND. */
GObject *
liaison_lsq_client_get_task_finish (LiaisonLsqClient *self, GAsyncResult *result, GError **error)
{
  return liaison_http_call_finish (self, result, liaison_lsq_client_get_task_async, error);
}

/* ---- the tasks of a lead ---- */

typedef struct
{
  GPtrArray *summaries; /* LiaisonTask from RetrieveTaskByLeadId */
  GPtrArray *items;
  guint next;
  gboolean details;
} LeadTasks;

static void
lead_tasks_free (LeadTasks *lead_tasks)
{
  g_clear_pointer (&lead_tasks->summaries, g_ptr_array_unref);
  g_ptr_array_unref (lead_tasks->items);
  g_free (lead_tasks);
}

static gpointer
read_task (JsonObject *object, GError **error)
{
  return liaison_lsq_task_from_json (object, error);
}

static const LiaisonLsqReader task_list_reader = { "TaskList", read_task, "task" };

static void fetch_next_detail (GTask *task);

static void
on_detail (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LeadTasks *lead_tasks = g_task_get_task_data (task);
  GError *error = NULL;
  GObject *item;

  item = liaison_lsq_client_get_task_finish (LIAISON_LSQ_CLIENT (source), result, &error);
  if (item != NULL)
    g_ptr_array_add (lead_tasks->items, item);
  else if (g_error_matches (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_FOUND))
    /* Deleted since the list was read. */
    g_clear_error (&error);
  else
    {
      g_task_return_error (task, error);
      return;
    }
  lead_tasks->next++;
  fetch_next_detail (g_steal_pointer (&task));
}

static void
fetch_next_detail (GTask *task)
{
  LiaisonLsqClient *self = g_task_get_source_object (task);
  LeadTasks *lead_tasks = g_task_get_task_data (task);
  LiaisonTask *summary;

  if (lead_tasks->next >= lead_tasks->summaries->len)
    {
      g_task_return_pointer (task, g_ptr_array_ref (lead_tasks->items),
                             (GDestroyNotify) g_ptr_array_unref);
      g_object_unref (task);
      return;
    }
  summary = g_ptr_array_index (lead_tasks->summaries, lead_tasks->next);
  liaison_lsq_client_get_task_async (self, liaison_task_get_id (summary),
                                     g_task_get_cancellable (task), on_detail, task);
}

static void
on_lead_tasks (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LeadTasks *lead_tasks = g_task_get_task_data (task);
  GError *error = NULL;
  guint i;

  lead_tasks->summaries = liaison_http_call_finish (source, result, on_lead_tasks, &error);
  if (lead_tasks->summaries == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!lead_tasks->details)
    {
      for (i = 0; i < lead_tasks->summaries->len; i++)
        g_ptr_array_add (lead_tasks->items,
                         g_object_ref (g_ptr_array_index (lead_tasks->summaries, i)));
      g_task_return_pointer (task, g_ptr_array_ref (lead_tasks->items),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  fetch_next_detail (g_steal_pointer (&task));
}

/* The tasks of a lead (RetrieveTaskByLeadId). Its rows have fixed columns
 * and no category, so they come as LiaisonTask summaries; with details,
 * each is then read in full (one request per task) and comes as a
 * LiaisonTask or a LiaisonAppointment by its category. Finish with
 * list_finish. */
void
liaison_lsq_client_list_lead_tasks_async (LiaisonLsqClient *self, const char *lead_id,
                                          gboolean details, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;
  LeadTasks *lead_tasks;
  GTask *task;

  g_return_if_fail (LIAISON_IS_LSQ_CLIENT (self));
  g_return_if_fail (lead_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_lsq_client_list_lead_tasks_async);
  g_task_set_check_cancellable (task, FALSE);
  lead_tasks = g_new0 (LeadTasks, 1);
  lead_tasks->items = g_ptr_array_new_with_free_func (g_object_unref);
  lead_tasks->details = details;
  g_task_set_task_data (task, lead_tasks, (GDestroyNotify) lead_tasks_free);

  request = liaison_lsq_client_request (self, "GET", LEADS "RetrieveTaskByLeadId",
                                        "list the lead's tasks");
  liaison_lsq_client_add_id_query (request, "leadId", lead_id);
  /* The list is a call of its own, tagged apart from the whole. */
  liaison_lsq_client_run (self, request, liaison_lsq_parse_list, (gpointer) &task_list_reader, NULL,
                          (GDestroyNotify) g_ptr_array_unref, on_lead_tasks, cancellable,
                          on_lead_tasks, task);
}

/* ---- notes ---- */

/* CreateNote on the note's lead (contact id). Not repeated after a
 * failure that may have reached LeadSquared. Finish with id_finish. */
void
liaison_lsq_client_create_note_async (LiaisonLsqClient *self, LiaisonNote *note,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autoptr (JsonNode) body = NULL;

  g_return_if_fail (LIAISON_IS_LSQ_CLIENT (self));
  g_return_if_fail (LIAISON_IS_NOTE (note));

  if (liaison_note_get_contact_id (note) == NULL || liaison_note_get_body (note) == NULL
      || *liaison_note_get_body (note) == '\0')
    {
      liaison_http_call_report_error (
          self, liaison_lsq_client_create_note_async, callback, user_data,
          argument_error ("create the note", "a note needs its lead and some text"));
      return;
    }
  request = liaison_lsq_client_request (self, "POST", LEADS "CreateNote", "create the note");
  body = liaison_lsq_note_to_json (note, TRUE);
  send_body (self, request, body, "the note", FALSE, liaison_lsq_parse_id, g_free,
             liaison_lsq_client_create_note_async, cancellable, callback, user_data);
}

/* UpdateNote of the note's id on its lead. Finish with done_finish. */
void
liaison_lsq_client_update_note_async (LiaisonLsqClient *self, LiaisonNote *note,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autoptr (JsonNode) body = NULL;

  g_return_if_fail (LIAISON_IS_LSQ_CLIENT (self));
  g_return_if_fail (LIAISON_IS_NOTE (note));

  if (liaison_note_get_id (note) == NULL || liaison_note_get_contact_id (note) == NULL)
    {
      liaison_http_call_report_error (
          self, liaison_lsq_client_update_note_async, callback, user_data,
          argument_error ("update the note", "a note needs its id and its lead"));
      return;
    }
  request = liaison_lsq_client_request (self, "POST", LEADS "UpdateNote", "update the note");
  body = liaison_lsq_note_to_json (note, FALSE);
  send_body (self, request, body, "the note", TRUE, liaison_lsq_parse_done, NULL,
             liaison_lsq_client_update_note_async, cancellable, callback, user_data);
}

typedef struct
{
  char *lead_id;
  guint page;
  guint seen; /* entries read over all pages, skipped ones included */
  GPtrArray *notes;
} Notes;

static void
notes_free (Notes *notes)
{
  g_free (notes->lead_id);
  g_ptr_array_unref (notes->notes);
  g_free (notes);
}

static void send_notes_page (GTask *task);

typedef struct
{
  GPtrArray *notes;
  guint length; /* entries in the reply, skipped ones included */
  gboolean has_total;
  gint64 total;
} NotesPage;

static void
notes_page_free (NotesPage *page)
{
  g_ptr_array_unref (page->notes);
  g_free (page);
}

/* {"RecordCount": n, "List": [note]} (some clients have seen "Notes"). A
 * note that cannot be read is left out and named. */
static gpointer
parse_notes_page (LiaisonHttpCall *call, JsonNode *root, GError **error)
{
  const char *lead_id = liaison_http_call_get_parse_data (call);
  JsonObject *object = liaison_json_expect_object (root, NULL, LIAISON_LSQ_SERVICE, error);
  JsonArray *list;
  NotesPage *page;
  guint i;

  if (object == NULL)
    return NULL;
  list = liaison_json_get_array (object, "List");
  if (list == NULL)
    list = liaison_json_get_array (object, "Notes");
  if (list == NULL)
    {
      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                   "%s sent a reply without “List”", LIAISON_LSQ_SERVICE);
      return NULL;
    }

  page = g_new0 (NotesPage, 1);
  page->notes = g_ptr_array_new_with_free_func (g_object_unref);
  page->length = json_array_get_length (list);
  page->has_total
      = liaison_json_get_int_in_range (object, "RecordCount", 0, G_MAXINT64, &page->total);
  for (i = 0; i < page->length; i++)
    {
      JsonNode *element = json_array_get_element (list, i);
      g_autoptr (GError) why = NULL;
      LiaisonNote *note = NULL;

      if (JSON_NODE_HOLDS_OBJECT (element))
        note = liaison_lsq_note_from_json (json_node_get_object (element), lead_id, &why);
      else
        why = g_error_new (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                           "%s sent a note that is not an object", LIAISON_LSQ_SERVICE);
      if (note == NULL)
        {
          liaison_http_call_skip (call, "note", i, liaison_lsq_lead_id_of (element), why);
          continue;
        }
      g_ptr_array_add (page->notes, note);
    }
  return page;
}

static void
on_notes_page (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Notes *notes = g_task_get_task_data (task);
  GError *error = NULL;
  NotesPage *page;
  gboolean last;
  guint i;

  page = liaison_http_call_finish (source, result, on_notes_page, &error);
  if (page == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (i = 0; i < page->notes->len; i++)
    g_ptr_array_add (notes->notes, g_object_ref (g_ptr_array_index (page->notes, i)));
  notes->seen += page->length;
  last = page->length < NOTES_PAGE_SIZE || (page->has_total && notes->seen >= page->total)
         || notes->page >= NOTES_MAX_PAGES;
  notes_page_free (page);

  if (last)
    {
      g_task_return_pointer (task, g_ptr_array_ref (notes->notes),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  notes->page++;
  send_notes_page (g_steal_pointer (&task));
}

static void
send_notes_page (GTask *task)
{
  LiaisonLsqClient *self = g_task_get_source_object (task);
  Notes *notes = g_task_get_task_data (task);
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autoptr (JsonNode) node = NULL;
  JsonObject *body, *parameter, *paging, *sorting;

  parameter = json_object_new ();
  json_object_set_string_member (parameter, "RelatedId", notes->lead_id);
  paging = json_object_new ();
  json_object_set_int_member (paging, "PageIndex", notes->page);
  json_object_set_int_member (paging, "PageSize", NOTES_PAGE_SIZE);
  sorting = json_object_new ();
  json_object_set_string_member (sorting, "ColumnName", "CreatedOn");
  json_object_set_int_member (sorting, "Direction", 0);
  body = json_object_new ();
  json_object_set_object_member (body, "Parameter", parameter);
  json_object_set_object_member (body, "Paging", paging);
  json_object_set_object_member (body, "Sorting", sorting);
  node = json_node_init_object (json_node_alloc (), body);
  json_object_unref (body);

  request = liaison_lsq_client_request (self, "POST", LEADS "RetrieveNote", "list the notes");
  liaison_http_request_set_json_body (request, node);
  liaison_http_request_set_idempotent (request, TRUE);
  liaison_http_request_set_max_reply_size (request, LIAISON_HTTP_MAX_REPLY_PAGE);
  /* Each page is a call of its own, tagged apart from the whole. */
  liaison_lsq_client_run (self, request, parse_notes_page, g_strdup (notes->lead_id), g_free,
                          (GDestroyNotify) notes_page_free, on_notes_page,
                          g_task_get_cancellable (task), on_notes_page, task);
}

/* All notes of a lead (RetrieveNote, paged), oldest first. Finish with
 * list_finish. */
void
liaison_lsq_client_list_notes_async (LiaisonLsqClient *self, const char *lead_id,
                                     GCancellable *cancellable, GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  Notes *notes;
  GTask *task;

  g_return_if_fail (LIAISON_IS_LSQ_CLIENT (self));
  g_return_if_fail (lead_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_lsq_client_list_notes_async);
  g_task_set_check_cancellable (task, FALSE);
  notes = g_new0 (Notes, 1);
  notes->lead_id = g_strdup (lead_id);
  notes->page = 1;
  notes->notes = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, notes, (GDestroyNotify) notes_free);
  send_notes_page (task);
}
