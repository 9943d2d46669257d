/* liaison-ghl-client-records.c: a contact's tasks and notes.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-ghl"

#include "liaison-ghl-client-private.h"

static gpointer
read_task (JsonObject *object, GError **error)
{
  return liaison_ghl_task_from_json (object, error);
}

static gpointer
read_note (JsonObject *object, GError **error)
{
  return liaison_ghl_note_from_json (object, error);
}

static const LiaisonGhlReader task_reader = { "task", read_task, "task" };
static const LiaisonGhlReader tasks_reader = { "tasks", read_task, "task" };
static const LiaisonGhlReader note_reader = { "note", read_note, "note" };
static const LiaisonGhlReader notes_reader = { "notes", read_note, "note" };

/* What tells a contact's tasks from its notes: where they live under the
 * contact, what a request names in errors and how a reply is read. */
typedef struct
{
  const char *segment;
  const char *subject;
  const LiaisonGhlReader *one;
  const LiaisonGhlReader *list;
} RecordKind;

static const RecordKind tasks = { "tasks", "the task", &task_reader, &tasks_reader };
static const RecordKind notes = { "notes", "the note", &note_reader, &notes_reader };

/* contacts/{contact_id}/{segment}/{record_id}; a NULL record_id ends the
 * path at the collection. */
static LiaisonHttpRequest *
record_request (LiaisonGhlClient *self, const RecordKind *kind, const char *method,
                const char *operation, const char *contact_id, const char *record_id)
{
  return liaison_ghl_client_request (self, method, LIAISON_GHL_VERSION_CONTACTS, operation,
                                     "contacts", contact_id, kind->segment, record_id, NULL);
}

static void
list_records (LiaisonGhlClient *self, const RecordKind *kind, const char *operation,
              const char *contact_id, gpointer source_tag, GCancellable *cancellable,
              GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request
      = record_request (self, kind, "GET", operation, contact_id, NULL);

  liaison_ghl_client_run_list (self, request, kind->list, source_tag, cancellable, callback,
                               user_data);
}

static void
get_record (LiaisonGhlClient *self, const RecordKind *kind, const char *operation,
            const char *contact_id, const char *record_id, gpointer source_tag,
            GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request
      = record_request (self, kind, "GET", operation, contact_id, record_id);

  liaison_ghl_client_run_one (self, request, kind->one, source_tag, cancellable, callback,
                              user_data);
}

/* Creates the record when record_id is NULL, else replaces it with body. */
static void
write_record (LiaisonGhlClient *self, const RecordKind *kind, const char *operation,
              const char *contact_id, const char *record_id, JsonNode *body, gpointer source_tag,
              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;

  request = record_request (self, kind, record_id == NULL ? "POST" : "PUT", operation, contact_id,
                            record_id);
  liaison_http_request_set_subject (request, kind->subject);
  liaison_http_request_set_json_body (request, body);
  liaison_ghl_client_run_one (self, request, kind->one, source_tag, cancellable, callback,
                              user_data);
}

static void
delete_record (LiaisonGhlClient *self, const RecordKind *kind, const char *operation,
               const char *contact_id, const char *record_id, gpointer source_tag,
               GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request
      = record_request (self, kind, "DELETE", operation, contact_id, record_id);

  liaison_ghl_client_run_done (self, request, source_tag, cancellable, callback, user_data);
}

/* ---- tasks ---- */

void
liaison_ghl_client_list_tasks_async (LiaisonGhlClient *self, const char *contact_id,
                                     GCancellable *cancellable, GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (contact_id != NULL);

  list_records (self, &tasks, "list the contact's tasks", contact_id,
                liaison_ghl_client_list_tasks_async, cancellable, callback, user_data);
}

void
liaison_ghl_client_get_task_async (LiaisonGhlClient *self, const char *contact_id,
                                   const char *task_id, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (contact_id != NULL && task_id != NULL);

  get_record (self, &tasks, "get the task", contact_id, task_id, liaison_ghl_client_get_task_async,
              cancellable, callback, user_data);
}

/* The task's contact-id says where; HighLevel requires a title and a due
 * date. Not repeated after a failure that may have reached the server. */
void
liaison_ghl_client_create_task_async (LiaisonGhlClient *self, LiaisonTask *task,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  g_autoptr (JsonNode) body = NULL;
  const char *contact_id;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (LIAISON_IS_TASK (task));

  contact_id = liaison_task_get_contact_id (task);
  if (liaison_http_call_refuse (self, contact_id != NULL, "The task belongs to no contact",
                                liaison_ghl_client_create_task_async, callback, user_data)
      || liaison_http_call_refuse (
          self, liaison_task_get_title (task) != NULL && liaison_task_get_due_date (task) != NULL,
          "A HighLevel task needs a title and a due date", liaison_ghl_client_create_task_async,
          callback, user_data))
    return;

  body = liaison_ghl_task_to_json (task);
  write_record (self, &tasks, "create the task", contact_id, NULL, body,
                liaison_ghl_client_create_task_async, cancellable, callback, user_data);
}

void
liaison_ghl_client_update_task_async (LiaisonGhlClient *self, LiaisonTask *task,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  g_autoptr (JsonNode) body = NULL;
  const char *contact_id, *task_id;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (LIAISON_IS_TASK (task));

  contact_id = liaison_task_get_contact_id (task);
  task_id = liaison_task_get_id (task);
  if (liaison_http_call_refuse (self, contact_id != NULL && task_id != NULL,
                                "The task has no HighLevel id or contact",
                                liaison_ghl_client_update_task_async, callback, user_data))
    return;

  body = liaison_ghl_task_to_json (task);
  write_record (self, &tasks, "update the task", contact_id, task_id, body,
                liaison_ghl_client_update_task_async, cancellable, callback, user_data);
}

void
liaison_ghl_client_complete_task_async (LiaisonGhlClient *self, const char *contact_id,
                                        const char *task_id, gboolean completed,
                                        GCancellable *cancellable, GAsyncReadyCallback callback,
                                        gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autoptr (JsonNode) body = NULL;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (contact_id != NULL && task_id != NULL);

  request
      = liaison_ghl_client_request (self, "PUT", LIAISON_GHL_VERSION_CONTACTS,
                                    completed ? "complete the task" : "reopen the task", "contacts",
                                    contact_id, "tasks", task_id, "completed", NULL);
  body = json_from_string (completed ? "{\"completed\":true}" : "{\"completed\":false}", NULL);
  liaison_http_request_set_json_body (request, body);
  liaison_ghl_client_run_one (self, request, &task_reader, liaison_ghl_client_complete_task_async,
                              cancellable, callback, user_data);
}

LiaisonTask *
liaison_ghl_client_task_finish (LiaisonGhlClient *self, GAsyncResult *result, GError **error)
{
  static const gpointer tags[] = {
    liaison_ghl_client_get_task_async,
    liaison_ghl_client_create_task_async,
    liaison_ghl_client_update_task_async,
    liaison_ghl_client_complete_task_async,
    NULL,
  };

  return liaison_http_call_finish_any (self, result, tags, error);
}

void
liaison_ghl_client_delete_task_async (LiaisonGhlClient *self, const char *contact_id,
                                      const char *task_id, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (contact_id != NULL && task_id != NULL);

  delete_record (self, &tasks, "delete the task", contact_id, task_id,
                 liaison_ghl_client_delete_task_async, cancellable, callback, user_data);
}

/* ---- notes ---- */

void
liaison_ghl_client_list_notes_async (LiaisonGhlClient *self, const char *contact_id,
                                     GCancellable *cancellable, GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (contact_id != NULL);

  list_records (self, &notes, "list the contact's notes", contact_id,
                liaison_ghl_client_list_notes_async, cancellable, callback, user_data);
}

void
liaison_ghl_client_get_note_async (LiaisonGhlClient *self, const char *contact_id,
                                   const char *note_id, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (contact_id != NULL && note_id != NULL);

  get_record (self, &notes, "get the note", contact_id, note_id, liaison_ghl_client_get_note_async,
              cancellable, callback, user_data);
}

void
liaison_ghl_client_create_note_async (LiaisonGhlClient *self, LiaisonNote *note,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  g_autoptr (JsonNode) body = NULL;
  const char *contact_id;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (LIAISON_IS_NOTE (note));

  contact_id = liaison_note_get_contact_id (note);
  if (liaison_http_call_refuse (self, contact_id != NULL, "The note belongs to no contact",
                                liaison_ghl_client_create_note_async, callback, user_data)
      || liaison_http_call_refuse (self, liaison_note_get_body (note) != NULL,
                                   "A HighLevel note needs a body",
                                   liaison_ghl_client_create_note_async, callback, user_data))
    return;

  body = liaison_ghl_note_to_json (note);
  write_record (self, &notes, "create the note", contact_id, NULL, body,
                liaison_ghl_client_create_note_async, cancellable, callback, user_data);
}

void
liaison_ghl_client_update_note_async (LiaisonGhlClient *self, LiaisonNote *note,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  g_autoptr (JsonNode) body = NULL;
  const char *contact_id, *note_id;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (LIAISON_IS_NOTE (note));

  contact_id = liaison_note_get_contact_id (note);
  note_id = liaison_note_get_id (note);
  if (liaison_http_call_refuse (self, contact_id != NULL && note_id != NULL,
                                "The note has no HighLevel id or contact",
                                liaison_ghl_client_update_note_async, callback, user_data))
    return;

  body = liaison_ghl_note_to_json (note);
  write_record (self, &notes, "update the note", contact_id, note_id, body,
                liaison_ghl_client_update_note_async, cancellable, callback, user_data);
}

LiaisonNote *
liaison_ghl_client_note_finish (LiaisonGhlClient *self, GAsyncResult *result, GError **error)
{
  static const gpointer tags[] = {
    liaison_ghl_client_get_note_async,
    liaison_ghl_client_create_note_async,
    liaison_ghl_client_update_note_async,
    NULL,
  };

  return liaison_http_call_finish_any (self, result, tags, error);
}

void
liaison_ghl_client_delete_note_async (LiaisonGhlClient *self, const char *contact_id,
                                      const char *note_id, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (contact_id != NULL && note_id != NULL);

  delete_record (self, &notes, "delete the note", contact_id, note_id,
                 liaison_ghl_client_delete_note_async, cancellable, callback, user_data);
}
