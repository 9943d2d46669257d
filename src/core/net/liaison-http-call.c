/* liaison-http-call.c: the call helper both service clients share.
 *
 * Every client call is one GTask whose source object is the client and
 * whose source tag is the client's _async function; its _finish checks both.
 * The task runs its callback exactly once: with the parsed result, with
 * LiaisonHttp's error as it is, or with the parse function's error framed
 * by the operation.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-http"

#include <string.h>

#include "liaison-http-call.h"

struct _LiaisonHttpCall
{
  GTask *task; /* not a reference: the task owns the call */
  LiaisonHttpCallParseFunc parse;
  gpointer parse_data;
  GDestroyNotify parse_data_free;
  GDestroyNotify result_free;
  char *operation;
  char *service;
  GPtrArray *skipped; /* NULL-terminated strings naming left-out records */
  gint64 server_time_ms;
};

static void
call_free (LiaisonHttpCall *call)
{
  if (call->parse_data_free != NULL)
    call->parse_data_free (call->parse_data);
  g_clear_pointer (&call->skipped, g_ptr_array_unref);
  g_free (call->operation);
  g_free (call->service);
  g_free (call);
}

/* Marks the tasks that are calls (a client's multi-step operations make
 * tasks of their own). */
static GQuark
call_quark (void)
{
  return g_quark_from_static_string ("liaison-http-call");
}

static void
on_sent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LiaisonHttpCall *call = g_task_get_task_data (task);
  g_autoptr (JsonNode) root = NULL;
  GError *error = NULL;
  gpointer value;

  call->server_time_ms = liaison_http_send_get_server_time (LIAISON_HTTP (source), result);
  /* Never NULL without an error (see liaison_http_send_json_finish). */
  root = liaison_http_send_json_finish (LIAISON_HTTP (source), result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  value = call->parse (call, root, &error);
  if (error != NULL)
    {
      if (value != NULL && call->result_free != NULL)
        call->result_free (value);
      g_prefix_error (&error, "Could not %s: ", call->operation);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, value, value != NULL ? call->result_free : NULL);
}

/* Sends request (taking a reference) and parses its reply with parse, which
 * owns parse_data from here on (parse_data_free frees it). source_object is
 * the client, source_tag its _async function. */
void
liaison_http_call_run (gpointer source_object, LiaisonHttp *http, LiaisonHttpRequest *request,
                       LiaisonHttpCallParseFunc parse, gpointer parse_data,
                       GDestroyNotify parse_data_free, GDestroyNotify result_free,
                       gpointer source_tag, GCancellable *cancellable, GAsyncReadyCallback callback,
                       gpointer user_data)
{
  GTask *task;
  LiaisonHttpCall *call;

  g_return_if_fail (G_IS_OBJECT (source_object));
  g_return_if_fail (LIAISON_IS_HTTP (http));
  g_return_if_fail (LIAISON_IS_HTTP_REQUEST (request));
  g_return_if_fail (parse != NULL && source_tag != NULL);

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  /* LiaisonHttp reports cancellation as LIAISON_HTTP_ERROR_CANCELLED. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_name (task, liaison_http_request_get_operation (request));

  call = g_new0 (LiaisonHttpCall, 1);
  call->task = task;
  call->parse = parse;
  call->parse_data = parse_data;
  call->parse_data_free = parse_data_free;
  call->result_free = result_free;
  call->operation = g_strdup (liaison_http_request_get_operation (request));
  call->service = g_strdup (liaison_http_service_get_name (liaison_http_get_service (http)));
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);
  g_object_set_qdata (G_OBJECT (task), call_quark (), call);

  /* A request that was refused while it was built (a bad id) is not sent. */
  if (liaison_http_request_get_error (request) != NULL)
    {
      g_task_return_error (task, g_error_copy (liaison_http_request_get_error (request)));
      g_object_unref (task);
      return;
    }
  liaison_http_send_async (http, request, cancellable, on_sent, task);
}

/* The result of a call started with source_tag on source_object. */
gpointer
liaison_http_call_finish (gpointer source_object, GAsyncResult *result, gpointer source_tag,
                          GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source_object), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, source_tag), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* For a public _finish that several _async functions share (their results
 * have one type): source_tags is NULL-terminated and lists them all. */
gpointer
liaison_http_call_finish_any (gpointer source_object, GAsyncResult *result,
                              const gpointer *source_tags, GError **error)
{
  gboolean tagged = FALSE;
  guint i;

  g_return_val_if_fail (g_task_is_valid (result, source_object), NULL);
  for (i = 0; source_tags[i] != NULL && !tagged; i++)
    tagged = g_async_result_is_tagged (result, source_tags[i]);
  g_return_val_if_fail (tagged, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* For arguments refused before anything is sent: error is complete. */
void
liaison_http_call_report_error (gpointer source_object, gpointer source_tag,
                                GAsyncReadyCallback callback, gpointer user_data, GError *error)
{
  g_task_report_error (source_object, callback, user_data, source_tag, error);
}

/* Reports message as a validation error unless ok; returns TRUE when it
 * did, so that the caller stops. */
gboolean
liaison_http_call_refuse (gpointer source_object, gboolean ok, const char *message,
                          gpointer source_tag, GAsyncReadyCallback callback, gpointer user_data)
{
  if (ok)
    return FALSE;
  liaison_http_call_report_error (
      source_object, source_tag, callback, user_data,
      g_error_new_literal (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_VALIDATION, message));
  return TRUE;
}

gpointer
liaison_http_call_get_source_object (LiaisonHttpCall *call)
{
  return g_task_get_source_object (call->task);
}

gpointer
liaison_http_call_get_parse_data (LiaisonHttpCall *call)
{
  return call->parse_data;
}

const char *
liaison_http_call_get_operation (LiaisonHttpCall *call)
{
  return call->operation;
}

const char *
liaison_http_call_get_service (LiaisonHttpCall *call)
{
  return call->service;
}

/* A record of a page that could not be read is left out instead of failing
 * the page: it is named (kind, its place in the page counted from 1, its
 * id when it had one, and why) in the log and to the caller. Ids and the
 * mapping's messages carry no secrets. */
void
liaison_http_call_skip (LiaisonHttpCall *call, const char *kind, guint index, const char *id,
                        const GError *why)
{
  g_autofree char *id_part = NULL;
  char *entry;

  if (id != NULL && *id != '\0')
    {
      g_autofree char *valid = g_utf8_make_valid (id, MIN (strlen (id), 64));

      id_part = g_strdup_printf (" (id %s)", valid);
    }
  entry = g_strdup_printf ("%s %u%s: %s", kind, index + 1, id_part != NULL ? id_part : "",
                           why != NULL ? why->message : "it could not be read");
  g_message ("%s: skipped %s in the reply to “%s”", call->service, entry, call->operation);

  if (call->skipped == NULL)
    {
      call->skipped = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (call->skipped, NULL);
    }
  /* Keep the array NULL-terminated. */
  call->skipped->pdata[call->skipped->len - 1] = entry;
  g_ptr_array_add (call->skipped, NULL);
}

static LiaisonHttpCall *
call_of (GAsyncResult *result)
{
  /* Tasks made by g_task_report_error, or by a client's own multi-step
   * operation, carry no call. */
  if (!G_IS_TASK (result))
    return NULL;
  return g_object_get_qdata (G_OBJECT (result), call_quark ());
}

guint
liaison_http_call_get_n_skipped (GAsyncResult *result)
{
  LiaisonHttpCall *call = call_of (result);

  return call != NULL && call->skipped != NULL ? call->skipped->len - 1 : 0;
}

/* The service's clock when it answered the call (see liaison_http_send_get_server_time); 0 when
 * unknown. */
gint64
liaison_http_call_get_server_time (GAsyncResult *result)
{
  LiaisonHttpCall *call = call_of (result);

  return call != NULL ? call->server_time_ms : 0;
}

/* A NULL-terminated list naming each record left out (never NULL); valid
 * as long as result is. */
const char *const *
liaison_http_call_get_skipped (GAsyncResult *result)
{
  static const char *const none[] = { NULL };
  LiaisonHttpCall *call = call_of (result);

  if (call == NULL || call->skipped == NULL)
    return none;
  return (const char *const *) call->skipped->pdata;
}

/* ---- ids in paths ---- */

/* Both services' ids are made of letters, digits, "-" and "_" (HighLevel's
 * are 20 such characters, LeadSquared's GUIDs): anything else (empty, ".",
 * "..", "/", "%", a control character) would change which resource a path
 * names once a URI is normalized, so it is refused before anything is sent. */
gboolean
liaison_http_check_id (const char *id, const char *operation, const char *service, GError **error)
{
  const char *p;

  if (id == NULL || *id == '\0')
    {
      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_VALIDATION,
                   "Could not %s: a %s id is missing, so nothing was sent", operation, service);
      return FALSE;
    }
  for (p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      break;
  if (*p != '\0' || p - id > 128)
    {
      g_autofree char *shown = g_strescape (id, NULL);
      g_autofree char *cut = g_utf8_make_valid (shown, MIN (strlen (shown), 64));

      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_VALIDATION,
                   "Could not %s: “%s” is not a valid %s id (ids are letters, digits, “-” "
                   "and “_”), so nothing was sent",
                   operation, cut, service);
      return FALSE;
    }
  return TRUE;
}

/* Appends "/" and segment escaped so that no URI normalization changes it:
 * everything but letters, digits, "-", "_" and "~" is percent-encoded, dots
 * included (g_uri_parse removes "." and ".." segments). */
void
liaison_http_append_segment (GString *path, const char *segment)
{
  const char *p;

  g_string_append_c (path, '/');
  for (p = segment; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '~')
        g_string_append_c (path, *p);
      else
        g_string_append_printf (path, "%%%02X", (guchar) *p);
    }
}
