/* lsq-test-client.h: raw LeadSquared requests (keys in headers or in the query)
 * against the in-process sandbox, shared by the test-sandbox-lsq* programs.
 * Header-only (static inline) so that the test list in meson.build stays one line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sandbox-test-util.h"
#include "liaison-sandbox-lsq.h"
#include "liaison-sandbox-people.h"

#include <glib/gstdio.h>

#define ALL_TIME "\"FromDate\": \"2000-01-01 00:00:00\", \"ToDate\": \"2100-01-01 00:00:00\""

static LiaisonSandbox *sb;

typedef enum
{
  KEYS_HEADERS,
  KEYS_QUERY,
  KEYS_NONE,
  KEYS_WRONG,
} KeyMode;

static inline Resp *
request (const char *method, const char *path, KeyMode keys, const char *content_type,
         const char *body)
{
  g_autofree char *url = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  static SoupSession *session;
  SoupMessageHeaders *headers;
  Resp *resp = g_new0 (Resp, 1);
  const char *access = liaison_sandbox_get_lsq_access_key (sb);
  const char *secret = liaison_sandbox_get_lsq_secret_key (sb);

  if (session == NULL)
    session = soup_session_new_with_options ("timeout", 20, NULL);
  if (keys == KEYS_QUERY)
    {
      g_autofree char *a = g_uri_escape_string (access, NULL, FALSE);
      g_autofree char *s = g_uri_escape_string (secret, NULL, FALSE);

      url = g_strdup_printf ("%s%s%saccessKey=%s&secretKey=%s", liaison_sandbox_get_lsq_url (sb),
                             path, strchr (path, '?') ? "&" : "?", a, s);
    }
  else
    url = g_strconcat (liaison_sandbox_get_lsq_url (sb), path, NULL);
  msg = soup_message_new (method, url);
  g_assert_nonnull (msg);
  headers = soup_message_get_request_headers (msg);
  if (keys == KEYS_HEADERS || keys == KEYS_WRONG)
    {
      soup_message_headers_replace (headers, "x-LSQ-AccessKey", access);
      soup_message_headers_replace (headers, "x-LSQ-SecretKey",
                                    keys == KEYS_WRONG ? "0123456789" : secret);
    }
  if (body != NULL)
    {
      g_autoptr (GBytes) b = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, content_type, b);
    }
  bytes = soup_session_send_and_read (session, msg, NULL, &resp->error);
  g_assert_no_error (resp->error);
  resp->status = soup_message_get_status (msg);
  resp->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  resp->text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (*resp->text != '\0' && json_parser_load_from_data (parser, resp->text, -1, NULL))
    resp->json = json_node_ref (json_parser_get_root (parser));
  return resp;
}

static inline Resp *
lsq (const char *method, const char *path, const char *body)
{
  return request (method, path, KEYS_HEADERS, "application/json", body);
}

static inline Resp *
control (const char *method, const char *path, const char *body)
{
  return request (method, path, KEYS_NONE, "application/json", body);
}

static inline void
assert_lsq_error (Resp *r, guint status, const char *exception_type)
{
  g_assert_cmpuint (r->status, ==, status);
  g_assert_cmpstr (jstr (r->json, "Status"), ==, "Error");
  g_assert_cmpstr (jstr (r->json, "ExceptionType"), ==, exception_type);
  g_assert_nonnull (jstr (r->json, "ExceptionMessage"));
}

/* Every limit out of the way except in the rate-limit test. */
static inline void
lift_limits (void)
{
  const char *classes[] = { "default", "bulk" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      g_autofree char *body = g_strdup_printf (
          "{\"class\": \"%s\", \"max\": 100000, \"intervalMs\": 1000}", classes[i]);
      g_autoptr (Resp) r = control ("POST", "/_sandbox/rates", body);

      g_assert_cmpuint (r->status, ==, 200);
    }
}

static inline void
advance_clock (gint64 ms)
{
  g_autofree char *body = g_strdup_printf ("{\"advanceMs\": %" G_GINT64_FORMAT "}", ms);
  g_autoptr (Resp) r = control ("POST", "/_sandbox/clock", body);

  g_assert_cmpuint (r->status, ==, 200);
}

static inline Resp *
get_lead (const char *id)
{
  g_autofree char *path = g_strdup_printf ("/v2/LeadManagement.svc/Leads.GetById?id=%s", id);
  Resp *r = lsq ("GET", path, NULL);

  g_assert_cmpuint (r->status, ==, 200);
  return r;
}

static inline char *
create_lead (const char *email, const char *first)
{
  g_autofree char *body = g_strdup_printf ("[{\"Attribute\": \"EmailAddress\", \"Value\": \"%s\"},"
                                           " {\"Attribute\": \"FirstName\", \"Value\": \"%s\"}]",
                                           email, first);
  g_autoptr (Resp) r = lsq ("POST", "/v2/LeadManagement.svc/Lead.Create", body);

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (jstr (r->json, "Status"), ==, "Success");
  return g_strdup (jstr (r->json, "Message.Id"));
}

static inline JsonObject *
seeded_lead (guint index)
{
  g_autoptr (Resp) r = control ("GET", "/_sandbox/lsq/leads", NULL);
  JsonNode *n = jget (r->json, "records");

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpuint (jlen (r->json, "records"), >, index);
  return json_object_ref (json_array_get_object_element (json_node_get_array (n), index));
}

static inline gboolean
matches (const char *pattern, const char *text)
{
  return text != NULL && g_regex_match_simple (pattern, text, 0, 0);
}

#define FMT_MS "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.000$"
#define FMT_PLAIN "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d$"
#define FMT_WCF "^/Date\\(\\d+\\+0000\\)/$"

static inline Resp *
recently_modified (const char *parameter, const char *rest)
{
  g_autofree char *body = g_strdup_printf ("{\"Parameter\": {%s}%s%s}", parameter, rest ? ", " : "",
                                           rest ? rest : "");

  return lsq ("POST", "/v2/LeadManagement.svc/Leads.RecentlyModified", body);
}

static inline const char *
property (JsonNode *resp, guint lead, const char *attribute)
{
  g_autofree char *path = g_strdup_printf ("Leads.%u.LeadPropertyList", lead);
  JsonNode *list = jget (resp, path);

  for (guint i = 0; list != NULL && i < json_array_get_length (json_node_get_array (list)); i++)
    {
      JsonObject *pair = json_array_get_object_element (json_node_get_array (list), i);

      if (g_strcmp0 (json_object_get_string_member (pair, "Attribute"), attribute) == 0)
        return json_object_get_string_member (pair, "Value");
    }
  return NULL;
}

static inline guint
lead_total (void)
{
  g_autoptr (Resp) r = control ("GET", "/_sandbox/lsq/leads", NULL);

  return jlen (r->json, "records");
}
