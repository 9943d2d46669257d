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

static const LiaisonGhlReader task_reader = { "task", read_task };
static const LiaisonGhlReader tasks_reader = { "tasks", read_task };
static const LiaisonGhlReader note_reader = { "note", read_note };
static const LiaisonGhlReader notes_reader = { "notes", read_note };

static gboolean
refuse (LiaisonGhlClient *self, gboolean ok, const char *message, gpointer source_tag,
        GAsyncReadyCallback callback, gpointer user_data)
{
  if (ok)
    return FALSE;
  liaison_ghl_client_report_error (
      self, source_tag, callback, user_data,
      g_error_new_literal (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_VALIDATION, message));
  return TRUE;
}

static void
run_one (LiaisonGhlClient *self, LiaisonHttpRequest *request, const LiaisonGhlReader *reader,
         gpointer source_tag, GCancellable *cancellable, GAsyncReadyCallback callback,
         gpointer user_data)
{
  liaison_ghl_client_run (self, request, liaison_ghl_parse_one, (gpointer) reader, g_object_unref,
                          source_tag, cancellable, callback, user_data);
}

static void
run_list (LiaisonGhlClient *self, LiaisonHttpRequest *request, const LiaisonGhlReader *reader,
          gpointer source_tag, GCancellable *cancellable, GAsyncReadyCallback callback,
          gpointer user_data)
{
  liaison_ghl_client_run (self, request, liaison_ghl_parse_list, (gpointer) reader,
                          (GDestroyNotify) g_ptr_array_unref, source_tag, cancellable, callback,
                          user_data);
}

static void
run_delete (LiaisonGhlClient *self, LiaisonHttpRequest *request, gpointer source_tag,
            GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  liaison_ghl_client_run (self, request, liaison_ghl_parse_done, NULL, NULL, source_tag,
                          cancellable, callback, user_data);
}

/* ---- tasks ---- */

void
liaison_ghl_client_list_tasks_async (LiaisonGhlClient *self, const char *contact_id,
                                     GCancellable *cancellable, GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (contact_id != NULL);

  request = liaison_ghl_client_request (self, "GET", LIAISON_GHL_VERSION_CONTACTS,
                                        "list the contact's tasks", "contacts", contact_id, "tasks",
                                        NULL);
  run_list (self, request, &tasks_reader, liaison_ghl_client_list_tasks_async, cancellable,
            callback, user_data);
}

void
liaison_ghl_client_get_task_async (LiaisonGhlClient *self, const char *contact_id,
                                   const char *task_id, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (contact_id != NULL && task_id != NULL);

  request = liaison_ghl_client_request (self, "GET", LIAISON_GHL_VERSION_CONTACTS, "get the task",
                                        "contacts", contact_id, "tasks", task_id, NULL);
  run_one (self, request, &task_reader, liaison_ghl_client_get_task_async, cancellable, callback,
           user_data);
}

/* The task's contact-id says where; HighLevel requires a title and a due
 * date. Not repeated after a failure that may have reached the server. */
void
liaison_ghl_client_create_task_async (LiaisonGhlClient *self, LiaisonTask *task,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autoptr (JsonNode) body = NULL;
  const char *contact_id;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (LIAISON_IS_TASK (task));

  contact_id = liaison_task_get_contact_id (task);
  if (refuse (self, contact_id != NULL, "The task belongs to no contact",
              liaison_ghl_client_create_task_async, callback, user_data)
      || refuse (self,
                 liaison_task_get_title (task) != NULL && liaison_task_get_due_date (task) != NULL,
                 "A HighLevel task needs a title and a due date",
                 liaison_ghl_client_create_task_async, callback, user_data))
    return;

  request = liaison_ghl_client_request (self, "POST", LIAISON_GHL_VERSION_CONTACTS,
                                        "create the task", "contacts", contact_id, "tasks", NULL);
  liaison_http_request_set_subject (request, "the task");
  body = liaison_ghl_task_to_json (task);
  liaison_http_request_set_json_body (request, body);
  run_one (self, request, &task_reader, liaison_ghl_client_create_task_async, cancellable, callback,
           user_data);
}

void
liaison_ghl_client_update_task_async (LiaisonGhlClient *self, LiaisonTask *task,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autoptr (JsonNode) body = NULL;
  const char *contact_id, *task_id;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (LIAISON_IS_TASK (task));

  contact_id = liaison_task_get_contact_id (task);
  task_id = liaison_task_get_id (task);
  if (refuse (self, contact_id != NULL && task_id != NULL,
              "The task has no HighLevel id or contact", liaison_ghl_client_update_task_async,
              callback, user_data))
    return;

  request
      = liaison_ghl_client_request (self, "PUT", LIAISON_GHL_VERSION_CONTACTS, "update the task",
                                    "contacts", contact_id, "tasks", task_id, NULL);
  liaison_http_request_set_subject (request, "the task");
  body = liaison_ghl_task_to_json (task);
  liaison_http_request_set_json_body (request, body);
  run_one (self, request, &task_reader, liaison_ghl_client_update_task_async, cancellable, callback,
           user_data);
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
  run_one (self, request, &task_reader, liaison_ghl_client_complete_task_async, cancellable,
           callback, user_data);
}

LiaisonTask *
liaison_ghl_client_task_finish (LiaisonGhlClient *self, GAsyncResult *result, GError **error)
{
  return liaison_ghl_client_run_finish (self, result, error);
}

void
liaison_ghl_client_delete_task_async (LiaisonGhlClient *self, const char *contact_id,
                                      const char *task_id, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (contact_id != NULL && task_id != NULL);

  request
      = liaison_ghl_client_request (self, "DELETE", LIAISON_GHL_VERSION_CONTACTS, "delete the task",
                                    "contacts", contact_id, "tasks", task_id, NULL);
  run_delete (self, request, liaison_ghl_client_delete_task_async, cancellable, callback,
              user_data);
}

/* ---- notes ---- */

void
liaison_ghl_client_list_notes_async (LiaisonGhlClient *self, const char *contact_id,
                                     GCancellable *cancellable, GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (contact_id != NULL);

  request = liaison_ghl_client_request (self, "GET", LIAISON_GHL_VERSION_CONTACTS,
                                        "list the contact's notes", "contacts", contact_id, "notes",
                                        NULL);
  run_list (self, request, &notes_reader, liaison_ghl_client_list_notes_async, cancellable,
            callback, user_data);
}

void
liaison_ghl_client_get_note_async (LiaisonGhlClient *self, const char *contact_id,
                                   const char *note_id, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (contact_id != NULL && note_id != NULL);

  request = liaison_ghl_client_request (self, "GET", LIAISON_GHL_VERSION_CONTACTS, "get the note",
                                        "contacts", contact_id, "notes", note_id, NULL);
  run_one (self, request, &note_reader, liaison_ghl_client_get_note_async, cancellable, callback,
           user_data);
}

void
liaison_ghl_client_create_note_async (LiaisonGhlClient *self, LiaisonNote *note,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autoptr (JsonNode) body = NULL;
  const char *contact_id;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (LIAISON_IS_NOTE (note));

  contact_id = liaison_note_get_contact_id (note);
  if (refuse (self, contact_id != NULL, "The note belongs to no contact",
              liaison_ghl_client_create_note_async, callback, user_data)
      || refuse (self, liaison_note_get_body (note) != NULL, "A HighLevel note needs a body",
                 liaison_ghl_client_create_note_async, callback, user_data))
    return;

  request = liaison_ghl_client_request (self, "POST", LIAISON_GHL_VERSION_CONTACTS,
                                        "create the note", "contacts", contact_id, "notes", NULL);
  liaison_http_request_set_subject (request, "the note");
  body = liaison_ghl_note_to_json (note);
  liaison_http_request_set_json_body (request, body);
  run_one (self, request, &note_reader, liaison_ghl_client_create_note_async, cancellable, callback,
           user_data);
}

void
liaison_ghl_client_update_note_async (LiaisonGhlClient *self, LiaisonNote *note,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autoptr (JsonNode) body = NULL;
  const char *contact_id, *note_id;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (LIAISON_IS_NOTE (note));

  contact_id = liaison_note_get_contact_id (note);
  note_id = liaison_note_get_id (note);
  if (refuse (self, contact_id != NULL && note_id != NULL,
              "The note has no HighLevel id or contact", liaison_ghl_client_update_note_async,
              callback, user_data))
    return;

  request
      = liaison_ghl_client_request (self, "PUT", LIAISON_GHL_VERSION_CONTACTS, "update the note",
                                    "contacts", contact_id, "notes", note_id, NULL);
  liaison_http_request_set_subject (request, "the note");
  body = liaison_ghl_note_to_json (note);
  liaison_http_request_set_json_body (request, body);
  run_one (self, request, &note_reader, liaison_ghl_client_update_note_async, cancellable, callback,
           user_data);
}

LiaisonNote *
liaison_ghl_client_note_finish (LiaisonGhlClient *self, GAsyncResult *result, GError **error)
{
  return liaison_ghl_client_run_finish (self, result, error);
}

void
liaison_ghl_client_delete_note_async (LiaisonGhlClient *self, const char *contact_id,
                                      const char *note_id, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (contact_id != NULL && note_id != NULL);

  request
      = liaison_ghl_client_request (self, "DELETE", LIAISON_GHL_VERSION_CONTACTS, "delete the note",
                                    "contacts", contact_id, "notes", note_id, NULL);
  run_delete (self, request, liaison_ghl_client_delete_note_async, cancellable, callback,
              user_data);
}
