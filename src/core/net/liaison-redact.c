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
#include "liaison-json.h"
#include "liaison-redact.h"

/* Names are compared in one style: lower case without "_" or "-", so that
 * accessToken, access_token and Access-Token are one name. */
static char *
normalize_name (const char *name, gssize len)
{
  GString *out = g_string_new (NULL);
  gssize i;

  for (i = 0; len < 0 ? name[i] != '\0' : i < len; i++)
    if (name[i] != '_' && name[i] != '-')
      g_string_append_c (out, g_ascii_tolower (name[i]));
  return g_string_free (out, FALSE);
}

static gboolean
is_secret_normalized (const char *name)
{
  /* "code" is the OAuth authorization code, which is as good as a token
   * until redeemed; x-LSQ-AccessKey and x-LSQ-SecretKey are LeadSquared's
   * headers (and query names) for its keys. */
  static const char *names[] = {
    "accesskey", "secretkey", "accesstoken", "refreshtoken", "idtoken",       "clientsecret",
    "code",      "password",  "token",       "apikey",       "authorization", "proxyauthorization",
    "cookie",    "setcookie", "secret",      "codeverifier", "privatetoken",
  };
  guint i;

  if (g_str_has_prefix (name, "xlsq"))
    return TRUE;
  for (i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
liaison_redact_is_secret_header (const char *name)
{
  g_autofree char *normalized = normalize_name (name, -1);

  return is_secret_normalized (normalized) || strcmp (normalized, "xapikey") == 0;
}

/* Query, form and JSON names whose values are credentials, in either
 * naming style. */
gboolean
liaison_redact_is_secret_field (const char *name)
{
  g_autofree char *normalized = normalize_name (name, -1);

  return is_secret_normalized (normalized);
}

static gboolean
is_common_word (const char *normalized)
{
  return strcmp (normalized, "token") == 0 || strcmp (normalized, "code") == 0
         || strcmp (normalized, "secret") == 0 || strcmp (normalized, "password") == 0
         || strcmp (normalized, "authorization") == 0 || strcmp (normalized, "cookie") == 0;
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-';
}

/* Free text (a server's error message, say) with the value after every
 * secret name ("accessToken": "…", refresh_token=…, Bearer …) replaced. */
char *
liaison_redact_text (const char *text)
{
  GString *out;
  const char *p;

  if (text == NULL)
    return NULL;
  out = g_string_new (NULL);
  p = text;
  while (*p != '\0')
    {
      const char *start, *q;
      g_autofree char *name = NULL;

      if (!is_name_char (*p))
        {
          g_string_append_c (out, *p++);
          continue;
        }
      start = p;
      while (is_name_char (*p))
        p++;
      g_string_append_len (out, start, p - start);
      name = normalize_name (start, p - start);

      q = p;
      if (strcmp (name, "bearer") == 0 || strcmp (name, "basic") == 0)
        {
          if (*q != ' ')
            continue;
          while (*q == ' ')
            q++;
        }
      else
        {
          gboolean quoted = start > text && (start[-1] == '"' || start[-1] == '\'');

          if (!is_secret_normalized (name))
            continue;
          /* name, then an optional closing quote, then = or : */
          if (*q == '"' || *q == '\'')
            q++;
          while (*q == ' ')
            q++;
          if (*q != '=' && *q != ':')
            continue;
          /* In prose "token: invalid" or "code: 42" is no credential; a
           * quoted JSON name or a query's name=value is. */
          if (*q == ':' && !quoted && is_common_word (name))
            continue;
          q++;
          while (*q == ' ')
            q++;
          if (*q == '"' || *q == '\'')
            q++;
        }
      if (*q == '\0' || *q == '"' || *q == '\'' || *q == '&' || *q == ',' || *q == ';' || *q == '}'
          || g_ascii_isspace (*q))
        continue;
      g_string_append_len (out, p, q - p);
      g_string_append (out, LIAISON_REDACTED);
      while (*q != '\0' && *q != '"' && *q != '\'' && *q != '&' && *q != ',' && *q != ';'
             && *q != '}' && !g_ascii_isspace (*q))
        q++;
      p = q;
    }
  return g_string_free (out, FALSE);
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

static char *
cut (char *text, gsize len, gsize max_len)
{
  if (strlen (text) > max_len)
    {
      g_autofree char *shortened = g_utf8_make_valid (text, (gssize) max_len);

      g_free (text);
      return g_strdup_printf ("%s… (%" G_GSIZE_FORMAT " bytes)", shortened, len);
    }
  return text;
}

/* json_node_copy shares objects and arrays; redacting such a copy would
 * change the caller's reply. */
static JsonNode *
deep_copy (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *source = json_node_get_object (node);
      JsonObject *object = json_object_new ();
      JsonObjectIter iter;
      const char *name;
      JsonNode *member, *copy;

      json_object_iter_init (&iter, source);
      while (json_object_iter_next (&iter, &name, &member))
        json_object_set_member (object, name, deep_copy (member));
      copy = json_node_init_object (json_node_alloc (), object);
      json_object_unref (object);
      return copy;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *source = json_node_get_array (node);
      JsonArray *array = json_array_sized_new (json_array_get_length (source));
      JsonNode *copy;
      guint i;

      for (i = 0; i < json_array_get_length (source); i++)
        json_array_add_element (array, deep_copy (json_array_get_element (source, i)));
      copy = json_node_init_array (json_node_alloc (), array);
      json_array_unref (array);
      return copy;
    }
  return json_node_copy (node);
}

/* A loggable rendering of parsed JSON (which is not changed), at most
 * max_len bytes of it. */
char *
liaison_redact_json (JsonNode *root, gsize max_len)
{
  g_autoptr (JsonNode) copy = NULL;
  g_autoptr (JsonGenerator) generator = NULL;
  char *text;

  if (root == NULL)
    return g_strdup ("(no JSON)");
  copy = deep_copy (root);
  redact_node (copy);
  generator = json_generator_new ();
  json_generator_set_root (generator, copy);
  text = json_generator_to_data (generator, NULL);
  return cut (text, strlen (text), max_len);
}

/* A loggable rendering of a body, at most max_len bytes of it. */
char *
liaison_redact_body (const char *content_type, GBytes *body, gsize max_len)
{
  const char *data;
  gsize len;

  if (body == NULL || g_bytes_get_size (body) == 0)
    return g_strdup ("(empty)");

  data = g_bytes_get_data (body, &len);

  if (liaison_http_body_looks_like_json (content_type, body))
    {
      g_autoptr (JsonNode) root = liaison_json_parse_bytes (body, LIAISON_JSON_MAX_DEPTH, NULL);

      if (root == NULL)
        return g_strdup_printf ("(%" G_GSIZE_FORMAT " bytes of malformed JSON, not shown)", len);
      return liaison_redact_json (root, max_len);
    }
  else if (content_type != NULL
           && g_str_has_prefix (content_type, "application/x-www-form-urlencoded"))
    {
      g_autofree char *copy = g_strndup (data, len);
      GString *out = g_string_new (NULL);

      append_redacted_pairs (out, copy);
      return cut (g_string_free (out, FALSE), len, max_len);
    }

  /* HTML error pages and the like: their size says enough, and unknown
   * text could echo a credential back. */
  return g_strdup_printf ("(%" G_GSIZE_FORMAT " bytes of %s, not shown)", len,
                          content_type != NULL ? content_type : "unknown type");
}
