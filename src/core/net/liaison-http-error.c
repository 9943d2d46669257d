/* liaison-http-error.c: turns what came back (or failed to) into a
 * LIAISON_HTTP_ERROR a person can act on, carrying the server's own words.
 *
 * Both services' error bodies are understood here: HighLevel's
 * {statusCode, message (string or array of strings), error} and LeadSquared's
 * {Status: "Error", ExceptionType, ExceptionMessage}.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-http"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "liaison-http-error.h"
#include "liaison-redact.h"

/* A server message longer than this is cut: it ends up in dialogs and logs. */
#define MAX_SERVER_MESSAGE 400

/* The domain's name is the quark's text, kept as written. */
/* clang-format off */
G_DEFINE_QUARK (liaison-http-error-quark, liaison_http_error)
/* clang-format on */

gboolean
liaison_http_body_looks_like_json (const char *content_type, GBytes *body)
{
  const char *data;
  gsize len, i;

  if (content_type != NULL && strstr (content_type, "json") != NULL)
    return TRUE;
  if (content_type != NULL && strstr (content_type, "html") != NULL)
    return FALSE;
  if (body == NULL)
    return FALSE;

  /* Some servers send JSON as text/plain; trust the first character then. */
  data = g_bytes_get_data (body, &len);
  for (i = 0; i < len && g_ascii_isspace (data[i]); i++)
    ;
  return i < len && (data[i] == '{' || data[i] == '[');
}

static char *
tidy_message (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p;

  /* One line, printable, bounded: the text goes into dialogs and logs. */
  for (p = text; *p != '\0' && out->len < MAX_SERVER_MESSAGE; p++)
    g_string_append_c (out, (*p == '\n' || *p == '\r' || *p == '\t') ? ' ' : *p);
  if (*p != '\0')
    g_string_append (out, "…");
  g_strstrip (out->str);
  if (!g_utf8_validate (out->str, -1, NULL))
    {
      char *valid = g_utf8_make_valid (out->str, -1);
      g_string_free (out, TRUE);
      return valid;
    }
  return g_string_free (out, FALSE);
}

static char *
member_as_message (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);
      return (s != NULL && *s != '\0') ? g_strdup (s) : NULL;
    }

  /* HighLevel's 422 carries a list of messages, one per failed field. */
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      GString *joined = g_string_new (NULL);
      guint i;

      for (i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element)
              || json_node_get_value_type (element) != G_TYPE_STRING)
            continue;
          if (joined->len > 0)
            g_string_append (joined, "; ");
          g_string_append (joined, json_node_get_string (element));
        }
      if (joined->len == 0)
        {
          g_string_free (joined, TRUE);
          return NULL;
        }
      return g_string_free (joined, FALSE);
    }

  return NULL;
}

/* The server's own explanation in a parsed JSON error body, or NULL; it is
 * redacted (a server may echo a credential back) and cut to one line. */
char *
liaison_http_error_extract_message (JsonNode *root, char **exception_type)
{
  static const char *members[] = {
    "message", "ExceptionMessage", "Message", "error_description", "error",
  };
  JsonObject *object;
  guint i;

  if (exception_type != NULL)
    *exception_type = NULL;
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  object = json_node_get_object (root);
  if (exception_type != NULL)
    *exception_type = member_as_message (object, "ExceptionType");

  for (i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autofree char *text = member_as_message (object, members[i]);

      if (text != NULL)
        {
          g_autofree char *redacted = liaison_redact_text (text);
          return tidy_message (redacted);
        }
    }

  return NULL;
}

static gboolean
lsq_body_reports_error (JsonNode *root)
{
  JsonNode *status;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  status = json_object_get_member (json_node_get_object (root), "Status");
  return status != NULL && JSON_NODE_HOLDS_VALUE (status)
         && json_node_get_value_type (status) == G_TYPE_STRING
         && g_strcmp0 (json_node_get_string (status), "Error") == 0;
}

/* "Contact not found", "Lead does not exist in the system". */
static gboolean
says_not_found (const char *message)
{
  g_autofree char *lower = NULL;

  if (message == NULL)
    return FALSE;
  lower = g_ascii_strdown (message, -1);
  return g_str_has_suffix (lower, " not found") || strstr (lower, "does not exist") != NULL;
}

char *
liaison_http_error_explain_duplicate (const char *message)
{
  static const struct
  {
    const char *attribute;
    const char *what;
  } keys[] = {
    { "EmailAddress", "e-mail address" },
    { "Phone", "phone number" },
    { "Mobile", "mobile number" },
  };
  static const char prefix[] = "Duplicate entry '";
  static const char key[] = "' for key 'UQ_Prospect_Base_";
  const char *value, *end, *attribute;
  g_autofree char *entry = NULL;
  g_autofree char *name = NULL;
  const char *what = NULL;

  if (message == NULL || !g_str_has_prefix (message, prefix))
    return NULL;
  value = message + strlen (prefix);
  end = strstr (value, key);
  if (end == NULL || end == value)
    return NULL;
  attribute = end + strlen (key);
  if (!g_str_has_suffix (attribute, "'") || strlen (attribute) < 2)
    return NULL;
  entry = g_strndup (value, end - value);
  name = g_strndup (attribute, strlen (attribute) - 1);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (g_str_equal (name, keys[i].attribute))
      what = keys[i].what;
  if (what == NULL)
    return g_strdup_printf ("another lead already has %s in its field %s, which LeadSquared keeps "
                            "unique; link the two on the Contacts page, or change the value in "
                            "one of them",
                            entry, name);
  return g_strdup_printf ("another lead already has the %s %s, and LeadSquared allows one lead "
                          "per %s; link the two on the Contacts page, or change the %s in one "
                          "of them",
                          what, entry, what, what);
}

static GError *
describe (LiaisonHttpError code, const char *service, const char *operation, const char *subject,
          guint status, const char *server_message)
{
  g_autofree char *detail = NULL;

  if (server_message != NULL)
    {
      detail = liaison_http_error_explain_duplicate (server_message);
      if (detail == NULL)
        detail = g_strdup (server_message);
    }
  else if (status != 0)
    detail = g_strdup_printf ("HTTP %u %s", status, soup_status_get_phrase (status));
  else
    detail = g_strdup ("no details given");

  switch (code)
    {
      case LIAISON_HTTP_ERROR_VALIDATION:
        if (subject != NULL)
          return g_error_new (LIAISON_HTTP_ERROR, code, "%s rejected %s: %s", service, subject,
                              detail);
        return g_error_new (LIAISON_HTTP_ERROR, code, "%s rejected the request to %s: %s", service,
                            operation, detail);

      case LIAISON_HTTP_ERROR_NOT_AUTHORIZED:
        return g_error_new (LIAISON_HTTP_ERROR, code,
                            "Could not %s: %s did not accept the credentials (%s)", operation,
                            service, detail);

      case LIAISON_HTTP_ERROR_FORBIDDEN:
        return g_error_new (LIAISON_HTTP_ERROR, code, "Could not %s: %s denied access (%s)",
                            operation, service, detail);

      case LIAISON_HTTP_ERROR_NOT_FOUND:
        return g_error_new (LIAISON_HTTP_ERROR, code, "Could not %s: %s has no such record (%s)",
                            operation, service, detail);

      case LIAISON_HTTP_ERROR_RATE_LIMITED:
        return g_error_new (LIAISON_HTTP_ERROR, code,
                            "Could not %s: %s's rate limit was exceeded (%s)", operation, service,
                            detail);

      case LIAISON_HTTP_ERROR_SERVER:
        return g_error_new (LIAISON_HTTP_ERROR, code, "Could not %s: %s failed with HTTP %u (%s)",
                            operation, service, status, detail);

      case LIAISON_HTTP_ERROR_PROTOCOL:
        return g_error_new (LIAISON_HTTP_ERROR, code, "Could not %s: %s sent %s", operation,
                            service, detail);

      case LIAISON_HTTP_ERROR_NETWORK:
      case LIAISON_HTTP_ERROR_TIMEOUT:
      case LIAISON_HTTP_ERROR_CANCELLED:
      default:
        return g_error_new (LIAISON_HTTP_ERROR, code, "Could not %s: %s (%s)", operation, service,
                            detail);
    }
}

/* Maps a complete HTTP reply. root is the body parsed as JSON, or NULL when
 * it is not JSON or could not be read (the body is parsed once, by the send
 * path). Returns NULL for a success. The fault tells the retry policy what
 * kind of failure it was. */
GError *
liaison_http_error_from_response (const char *service_name, const char *operation,
                                  const char *subject, guint status, const char *content_type,
                                  GBytes *body, JsonNode *root, LiaisonHttpFault *fault)
{
  g_autofree char *message = NULL;
  g_autofree char *exception_type = NULL;
  gboolean has_body = body != NULL && g_bytes_get_size (body) > 0;
  gboolean is_json = has_body && liaison_http_body_looks_like_json (content_type, body);
  gboolean readable = is_json && root != NULL;
  LiaisonHttpError code;

  *fault = LIAISON_HTTP_FAULT_NONE;

  if (readable)
    message = liaison_http_error_extract_message (root, &exception_type);

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      /* LeadSquared sometimes says "Error" with a 200. */
      if (readable && lsq_body_reports_error (root))
        return describe (LIAISON_HTTP_ERROR_VALIDATION, service_name, operation, subject, status,
                         message);
      return NULL;
    }

  if (status == 401)
    code = LIAISON_HTTP_ERROR_NOT_AUTHORIZED;
  else if (status == 403)
    code = LIAISON_HTTP_ERROR_FORBIDDEN;
  else if (status == 429)
    code = LIAISON_HTTP_ERROR_RATE_LIMITED;
  else if (has_body && !readable)
    code = LIAISON_HTTP_ERROR_PROTOCOL;
  else if (status == 404 || status == 410)
    code = LIAISON_HTTP_ERROR_NOT_FOUND;
  else if (status == 408)
    code = LIAISON_HTTP_ERROR_TIMEOUT;
  else if (status == 400 || status == 409 || status == 422)
    code = LIAISON_HTTP_ERROR_VALIDATION;
  else if (status >= 500 && status < 600)
    code = LIAISON_HTTP_ERROR_SERVER;
  else
    code = LIAISON_HTTP_ERROR_PROTOCOL;

  /* LeadSquared reports its application errors ("MX…" exceptions: a missing
   * field, a duplicate, an unknown lead) with a 500; they are not server
   * faults and repeating the request will not change the answer. A 502,
   * 503 or 504 is a gateway or an overload whatever its body says: it is
   * worth repeating. */
  if (code == LIAISON_HTTP_ERROR_SERVER && status == 500 && exception_type != NULL
      && g_str_has_prefix (exception_type, "MX"))
    {
      if (says_not_found (message))
        code = LIAISON_HTTP_ERROR_NOT_FOUND;
      else
        code = LIAISON_HTTP_ERROR_VALIDATION;
    }
  /* HighLevel's specs declare no 404 for records: an id that names nothing
   * comes back as a 400 "Contact not found" (and so does the sandbox). The
   * sync engine needs to tell that apart from a rejected value. */
  else if (code == LIAISON_HTTP_ERROR_VALIDATION && status == 400 && says_not_found (message))
    code = LIAISON_HTTP_ERROR_NOT_FOUND;
  else if (status == 429)
    *fault = LIAISON_HTTP_FAULT_RATE_LIMITED;
  else if (status == 408)
    *fault = LIAISON_HTTP_FAULT_MAYBE_SENT;
  else if (status >= 500 && status < 600)
    *fault = LIAISON_HTTP_FAULT_SERVER;

  if (code == LIAISON_HTTP_ERROR_PROTOCOL)
    {
      g_autofree char *what = NULL;

      if (status >= 300 && status < 400)
        what = g_strdup_printf ("an unexpected redirect, HTTP %u", status);
      else if (has_body && !is_json)
        what = g_strdup_printf ("a page of %s instead of JSON, HTTP %u %s",
                                content_type != NULL ? content_type : "unknown type", status,
                                soup_status_get_phrase (status));
      else if (has_body)
        what = g_strdup_printf ("malformed JSON, HTTP %u %s", status,
                                soup_status_get_phrase (status));
      else
        what = g_strdup_printf ("an unexpected reply, HTTP %u %s", status,
                                soup_status_get_phrase (status));
      return describe (code, service_name, operation, subject, status, what);
    }

  return describe (code, service_name, operation, subject, status, message);
}

/* Maps a failure below HTTP: no status line was read. */
GError *
liaison_http_error_from_transport (const char *service_name, const char *operation,
                                   const GError *io_error, LiaisonHttpFault *fault)
{
  g_autofree char *detail = NULL;

  *fault = LIAISON_HTTP_FAULT_NONE;

  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_new (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_CANCELLED,
                        "Cancelled the request to %s", operation);

  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      *fault = LIAISON_HTTP_FAULT_MAYBE_SENT;
      return g_error_new (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_TIMEOUT,
                          "Could not %s: %s did not answer in time", operation, service_name);
    }

  /* These fail before a byte of the request leaves the machine, so even a
   * create can be repeated safely. */
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED)
      || g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE)
      || g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE)
      || g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND)
      || io_error->domain == G_RESOLVER_ERROR)
    {
      *fault = LIAISON_HTTP_FAULT_NOT_SENT;
      return g_error_new (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NETWORK,
                          "Could not %s: %s could not be reached (%s)", operation, service_name,
                          io_error->message);
    }

  /* A certificate problem will not go away by trying again. */
  if (io_error->domain == G_TLS_ERROR)
    return g_error_new (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NETWORK,
                        "Could not %s: the secure connection to %s failed (%s)", operation,
                        service_name, io_error->message);

  *fault = LIAISON_HTTP_FAULT_MAYBE_SENT;
  return g_error_new (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NETWORK,
                      "Could not %s: the connection to %s broke (%s)", operation, service_name,
                      io_error->message);
}
