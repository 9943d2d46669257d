/* liaison-sandbox-request.c: what a handler sees of a request and how it answers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "liaison-sandbox"

#include "liaison-sandbox-server-private.h"

void
liaison_sandbox_request_free (LiaisonSandboxRequest *req)
{
  if (req->data_destroy != NULL)
    req->data_destroy (req->data);
  if (req->delay_source != NULL)
    {
      g_source_destroy (req->delay_source);
      g_source_unref (req->delay_source);
    }
  g_clear_pointer (&req->query, g_hash_table_unref);
  g_clear_pointer (&req->params, g_hash_table_unref);
  g_clear_pointer (&req->form, g_hash_table_unref);
  g_clear_pointer (&req->json, json_node_unref);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_clear_pointer (&req->response, g_bytes_unref);
  g_clear_pointer (&req->fault, liaison_sandbox_fault_unref);
  g_free (req->content_type);
  g_free (req->account);
  g_free (req->path);
  g_object_unref (req->msg);
  g_object_unref (req->server);
  g_free (req);
}

LiaisonSandboxServer *
liaison_sandbox_request_get_server (LiaisonSandboxRequest *req)
{
  return req->server;
}

const char *
liaison_sandbox_request_get_method (LiaisonSandboxRequest *req)
{
  return soup_server_message_get_method (req->msg);
}

const char *
liaison_sandbox_request_get_path (LiaisonSandboxRequest *req)
{
  return req->path;
}

const char *
liaison_sandbox_request_get_route (LiaisonSandboxRequest *req)
{
  return req->route != NULL ? req->route->pattern : NULL;
}

const char *
liaison_sandbox_request_get_param (LiaisonSandboxRequest *req, const char *name)
{
  return g_hash_table_lookup (req->params, name);
}

const char *
liaison_sandbox_request_get_query (LiaisonSandboxRequest *req, const char *name)
{
  return g_hash_table_lookup (req->query, name);
}

GHashTable *
liaison_sandbox_request_get_query_table (LiaisonSandboxRequest *req)
{
  return req->query;
}

const char *
liaison_sandbox_request_get_header (LiaisonSandboxRequest *req, const char *name)
{
  return soup_message_headers_get_one (soup_server_message_get_request_headers (req->msg), name);
}

GBytes *
liaison_sandbox_request_get_body (LiaisonSandboxRequest *req)
{
  return req->body;
}

/* A body nested deeper than this is refused before json-glib's recursive
 * parser sees it (a deep enough one overflows its stack). */
#define MAX_BODY_DEPTH 64

/* A request body parsed as JSON: NULL when it is empty, nests too deep,
 * does not parse or holds no value. Pure, for the fuzzer too. */
JsonNode *
liaison_sandbox_parse_json_body (const char *data, gsize len)
{
  g_autoptr (JsonParser) parser = NULL;
  gboolean in_string = FALSE;
  guint depth = 0;
  JsonNode *root;
  gsize i;

  if (data == NULL || len == 0 || len > G_MAXSSIZE)
    return NULL;
  for (i = 0; i < len; i++)
    {
      if (in_string)
        {
          if (data[i] == '\\')
            i++;
          else if (data[i] == '"')
            in_string = FALSE;
        }
      else if (data[i] == '"')
        in_string = TRUE;
      else if ((data[i] == '[' || data[i] == '{') && ++depth > MAX_BODY_DEPTH)
        return NULL;
      else if ((data[i] == ']' || data[i] == '}') && depth > 0)
        depth--;
    }
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  return root != NULL ? json_node_ref (root) : NULL;
}

/* The parsed JSON body, or NULL when there is none or it does not parse. */
JsonNode *
liaison_sandbox_request_get_json (LiaisonSandboxRequest *req)
{
  if (!req->json_parsed)
    {
      gsize len = 0;
      const char *data = req->body ? g_bytes_get_data (req->body, &len) : NULL;

      req->json_parsed = TRUE;
      req->json = liaison_sandbox_parse_json_body (data, len);
    }
  return req->json;
}

GHashTable *
liaison_sandbox_request_get_form (LiaisonSandboxRequest *req)
{
  if (req->form == NULL)
    {
      const char *ctype = soup_message_headers_get_content_type (
          soup_server_message_get_request_headers (req->msg), NULL);
      gsize len = 0;
      const char *data = req->body ? g_bytes_get_data (req->body, &len) : NULL;

      if (g_strcmp0 (ctype, "application/x-www-form-urlencoded") == 0 && data != NULL && len > 0)
        {
          g_autofree char *text = g_strndup (data, len);

          req->form = soup_form_decode (text);
        }
      else
        req->form = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    }
  return req->form;
}

gint64
liaison_sandbox_request_now_ms (LiaisonSandboxRequest *req)
{
  return liaison_sandbox_clock_now_ms (req->server->clock);
}

void
liaison_sandbox_request_set_data (LiaisonSandboxRequest *req, gpointer data, GDestroyNotify destroy)
{
  if (req->data_destroy != NULL)
    req->data_destroy (req->data);
  req->data = data;
  req->data_destroy = destroy;
}

gpointer
liaison_sandbox_request_get_data (LiaisonSandboxRequest *req)
{
  return req->data;
}

void
liaison_sandbox_request_set_account (LiaisonSandboxRequest *req, const char *account)
{
  g_free (req->account);
  req->account = g_strdup (account);
}

guint
liaison_sandbox_request_get_status (LiaisonSandboxRequest *req)
{
  return req->status;
}

void
liaison_sandbox_request_add_header (LiaisonSandboxRequest *req, const char *name, const char *value)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg), name, value);
}

void
liaison_sandbox_request_reply (LiaisonSandboxRequest *req, guint status, const char *content_type,
                               const char *body, gssize length)
{
  req->status = status;
  g_free (req->content_type);
  req->content_type = g_strdup (content_type);
  g_clear_pointer (&req->response, g_bytes_unref);
  if (body != NULL)
    req->response = g_bytes_new (body, length < 0 ? strlen (body) : (gsize) length);
}

/* Takes ownership of node. */
void
liaison_sandbox_request_reply_json (LiaisonSandboxRequest *req, guint status, JsonNode *node)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  gsize len = 0;
  g_autofree char *text = NULL;

  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, &len);
  liaison_sandbox_request_reply (req, status, "application/json; charset=utf-8", text,
                                 (gssize) len);
  json_node_unref (node);
}

/* Takes ownership of object. */
void
liaison_sandbox_request_reply_object (LiaisonSandboxRequest *req, guint status, JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  liaison_sandbox_request_reply_json (req, status, node);
}

void
liaison_sandbox_request_redirect (LiaisonSandboxRequest *req, const char *location)
{
  liaison_sandbox_request_add_header (req, "Location", location);
  liaison_sandbox_request_reply (req, 302, "text/html; charset=utf-8",
                                 "<html><body>Redirecting…</body></html>", -1);
}
