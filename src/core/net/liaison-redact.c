/* liaison-redact.c: credentials out of logs. Header names, query and form
 * parameters and JSON members that carry a secret keep their name and lose
 * their value; bodies that cannot be read as JSON or a form are not logged.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-http"

#include <json-glib/json-glib.h>
#include <string.h>

#include "liaison-http-error.h"
#include "liaison-redact.h"

gboolean
liaison_redact_is_secret_header (const char *name)
{
  return g_ascii_strcasecmp (name, "Authorization") == 0
         || g_ascii_strcasecmp (name, "Proxy-Authorization") == 0
         || g_ascii_strcasecmp (name, "Cookie") == 0 || g_ascii_strcasecmp (name, "Set-Cookie") == 0
         || g_ascii_strcasecmp (name, "x-api-key") == 0
         || g_ascii_strncasecmp (name, "x-LSQ-", 6) == 0;
}

/* Query, form and JSON names whose values are credentials. "code" is the
 * OAuth authorization code, which is as good as a token until redeemed. */
gboolean
liaison_redact_is_secret_field (const char *name)
{
  static const char *names[] = {
    "accessKey", "secretKey", "access_token", "refresh_token", "id_token", "client_secret",
    "code",      "password",  "token",        "apiKey",        "api_key",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Redacts "name=value&..." pairs in place of their values; the names stay. */
static void
append_redacted_pairs (GString *out, const char *pairs)
{
  g_auto (GStrv) parts = g_strsplit (pairs, "&", -1);
  guint i;

  for (i = 0; parts[i] != NULL; i++)
    {
      const char *eq = strchr (parts[i], '=');
      g_autofree char *name = NULL;

      if (i > 0)
        g_string_append_c (out, '&');
      if (eq == NULL)
        {
          g_string_append (out, parts[i]);
          continue;
        }
      name = g_uri_unescape_segment (parts[i], eq, NULL);
      if (name != NULL && liaison_redact_is_secret_field (name))
        {
          g_string_append_len (out, parts[i], eq - parts[i] + 1);
          g_string_append (out, LIAISON_REDACTED);
        }
      else
        g_string_append (out, parts[i]);
    }
}

char *
liaison_redact_path (const char *path_and_query)
{
  const char *question = strchr (path_and_query, '?');
  GString *out;

  if (question == NULL)
    return g_strdup (path_and_query);

  out = g_string_new_len (path_and_query, question - path_and_query + 1);
  append_redacted_pairs (out, question + 1);
  return g_string_free (out, FALSE);
}

char *
liaison_redact_headers (SoupMessageHeaders *headers)
{
  GString *out = g_string_new (NULL);
  SoupMessageHeadersIter iter;
  const char *name, *value;

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "%s: %s", name,
                              liaison_redact_is_secret_header (name) ? LIAISON_REDACTED : value);
    }
  return g_string_free (out, FALSE);
}

static void
redact_node (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr (GList) names = json_object_get_members (object);
      g_autoptr (GPtrArray) secrets = g_ptr_array_new_with_free_func (g_free);
      GList *l;
      guint i;

      for (l = names; l != NULL; l = l->next)
        {
          JsonNode *member = json_object_get_member (object, l->data);

          if (liaison_redact_is_secret_field (l->data) && !JSON_NODE_HOLDS_NULL (member))
            g_ptr_array_add (secrets, g_strdup (l->data));
          else
            redact_node (member);
        }

      /* Replaced by name afterwards: json-glib 1.6 cannot re-initialize a
       * value node in place, and replacing a member frees its name. */
      for (i = 0; i < secrets->len; i++)
        json_object_set_string_member (object, g_ptr_array_index (secrets, i), LIAISON_REDACTED);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint i;

      for (i = 0; i < json_array_get_length (array); i++)
        redact_node (json_array_get_element (array, i));
    }
}

/* A loggable rendering of a body, at most max_len bytes of it. */
char *
liaison_redact_body (const char *content_type, GBytes *body, gsize max_len)
{
  g_autofree char *text = NULL;
  const char *data;
  gsize len;

  if (body == NULL || g_bytes_get_size (body) == 0)
    return g_strdup ("(empty)");

  data = g_bytes_get_data (body, &len);

  if (liaison_http_body_looks_like_json (content_type, body))
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (JsonGenerator) generator = NULL;

      if (len > G_MAXSSIZE || !json_parser_load_from_data (parser, data, (gssize) len, NULL))
        return g_strdup_printf ("(%" G_GSIZE_FORMAT " bytes of malformed JSON, not shown)", len);

      redact_node (json_parser_get_root (parser));
      generator = json_generator_new ();
      json_generator_set_root (generator, json_parser_get_root (parser));
      text = json_generator_to_data (generator, NULL);
    }
  else if (content_type != NULL
           && g_str_has_prefix (content_type, "application/x-www-form-urlencoded"))
    {
      g_autofree char *copy = g_strndup (data, len);
      GString *out = g_string_new (NULL);

      append_redacted_pairs (out, copy);
      text = g_string_free (out, FALSE);
    }
  else
    {
      /* HTML error pages and the like: their size says enough, and unknown
       * text could echo a credential back. */
      return g_strdup_printf ("(%" G_GSIZE_FORMAT " bytes of %s, not shown)", len,
                              content_type != NULL ? content_type : "unknown type");
    }

  if (strlen (text) > max_len)
    {
      g_autofree char *cut = g_utf8_make_valid (text, (gssize) max_len);
      return g_strdup_printf ("%s… (%" G_GSIZE_FORMAT " bytes)", cut, len);
    }
  return g_steal_pointer (&text);
}
