/* sandbox-test-util.c: helpers for the sandbox tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sandbox-test-util.h"

static SoupSession *
session (void)
{
  static SoupSession *s;

  if (s == NULL)
    s = soup_session_new_with_options ("timeout", 20, NULL);
  return s;
}

void
resp_free (Resp *resp)
{
  if (resp == NULL)
    return;
  g_clear_pointer (&resp->headers, soup_message_headers_unref);
  g_clear_pointer (&resp->json, json_node_unref);
  g_clear_error (&resp->error);
  g_free (resp->text);
  g_free (resp);
}

LiaisonSandbox *
sandbox_start (guint64 seed, guint contacts, const char *state_file)
{
  LiaisonSandboxOptions options;
  LiaisonSandbox *sandbox;
  g_autoptr (GError) error = NULL;

  liaison_sandbox_options_init (&options);
  options.seed = seed;
  options.contacts = contacts;
  options.state_file = state_file;
  /* A fixed "today" so the seeded dates do not depend on when the test runs. */
  options.anchor_ms = G_GINT64_CONSTANT (1767225600000); /* 2026-01-01T00:00:00Z */
  sandbox = liaison_sandbox_new (&options);
  liaison_sandbox_start_in_thread (sandbox, &error);
  g_assert_no_error (error);
  return sandbox;
}

Resp *
http (const char *base, const char *method, const char *path, const char *token,
      const char *version, const char *content_type, const char *body)
{
  g_autofree char *url = g_strconcat (base, path, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new (method, url);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  Resp *resp = g_new0 (Resp, 1);
  gsize len = 0;
  const char *data;

  g_assert_nonnull (msg);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  if (token != NULL)
    {
      g_autofree char *auth = g_strdup_printf ("Bearer %s", token);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (version != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Version", version);
  if (body != NULL)
    {
      g_autoptr (GBytes) b = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (
          msg, content_type ? content_type : "application/json", b);
    }
  bytes = soup_session_send_and_read (session (), msg, NULL, &resp->error);
  resp->status = soup_message_get_status (msg);
  resp->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  if (bytes != NULL)
    {
      data = g_bytes_get_data (bytes, &len);
      resp->text = g_strndup (data ? data : "", len);
      if (len > 0 && json_parser_load_from_data (parser, resp->text, (gssize) len, NULL))
        resp->json = json_node_ref (json_parser_get_root (parser));
    }
  return resp;
}

Resp *
ghl (LiaisonSandbox *sandbox, const char *method, const char *path, const char *version,
     const char *body)
{
  return http (liaison_sandbox_get_ghl_url (sandbox), method, path,
               liaison_sandbox_get_private_token (sandbox), version, NULL, body);
}

Resp *
ghl_control (LiaisonSandbox *sandbox, const char *method, const char *path, const char *body)
{
  return http (liaison_sandbox_get_ghl_url (sandbox), method, path, NULL, NULL, NULL, body);
}

/* "a.b.0.c": members and array indexes. */
JsonNode *
jget (JsonNode *node, const char *path)
{
  g_auto (GStrv) parts = g_strsplit (path, ".", -1);

  for (guint i = 0; node != NULL && parts[i] != NULL; i++)
    {
      if (*parts[i] == '\0')
        continue;
      if (JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), parts[i]);
      else if (JSON_NODE_HOLDS_ARRAY (node) && g_ascii_isdigit (parts[i][0]))
        {
          guint idx = (guint) g_ascii_strtoull (parts[i], NULL, 10);
          JsonArray *a = json_node_get_array (node);

          node = idx < json_array_get_length (a) ? json_array_get_element (a, idx) : NULL;
        }
      else
        node = NULL;
    }
  return node;
}

const char *
jstr (JsonNode *node, const char *path)
{
  JsonNode *n = jget (node, path);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

gint64
jint (JsonNode *node, const char *path)
{
  JsonNode *n = jget (node, path);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
    return G_MININT64;
  if (json_node_get_value_type (n) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (n);
  if (json_node_get_value_type (n) == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (n);
  return json_node_get_int (n);
}

guint
jlen (JsonNode *node, const char *path)
{
  JsonNode *n = jget (node, path);

  if (n != NULL && JSON_NODE_HOLDS_ARRAY (n))
    return json_array_get_length (json_node_get_array (n));
  if (n != NULL && JSON_NODE_HOLDS_OBJECT (n))
    return json_object_get_size (json_node_get_object (n));
  return G_MAXUINT;
}

char *
first_contact_id (LiaisonSandbox *sandbox)
{
  g_autofree char *path = g_strdup_printf ("/contacts/?locationId=%s&limit=1",
                                           liaison_sandbox_get_location_id (sandbox));
  g_autoptr (Resp) r = ghl (sandbox, "GET", path, V_CONTACTS, NULL);

  g_assert_cmpuint (r->status, ==, 200);
  return g_strdup (jstr (r->json, "contacts.0.id"));
}
