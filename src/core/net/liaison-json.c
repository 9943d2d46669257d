/* liaison-json.c: reading server JSON without trusting it.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-json"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "liaison-http-error.h"
#include "liaison-json.h"

static JsonNode *
member_node (JsonObject *object, const char *member)
{
  if (object == NULL)
    return NULL;
  return json_object_get_member (object, member);
}

/* NULL when absent, null, or not a string. */
const char *
liaison_json_get_string (JsonObject *object, const char *member)
{
  JsonNode *node = member_node (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
liaison_json_get_boolean (JsonObject *object, const char *member, gboolean fallback)
{
  JsonNode *node = member_node (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      /* LeadSquared sends flags as "0"/"1" and "true"/"false" strings. */
      const char *s = json_node_get_string (node);

      if (g_strcmp0 (s, "1") == 0 || g_ascii_strcasecmp (s, "true") == 0)
        return TRUE;
      if (g_strcmp0 (s, "0") == 0 || g_ascii_strcasecmp (s, "false") == 0)
        return FALSE;
    }
  return fallback;
}

/* A number written as text ("54", "10.5", " 7" is not): finite, the whole
 * string, no hex, no "nan" or "inf". */
gboolean
liaison_json_parse_double (const char *text, double *value)
{
  const char *p;
  char *end = NULL;
  double d;

  if (text == NULL || *text == '\0')
    return FALSE;
  /* g_ascii_strtod takes "nan", "inf" and hex; JSON and the services do not. */
  for (p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && *p != '-' && *p != '+' && *p != '.' && *p != 'e' && *p != 'E')
      return FALSE;
  d = g_ascii_strtod (text, &end);
  if (end == NULL || *end != '\0' || !isfinite (d))
    return FALSE;
  *value = d;
  return TRUE;
}

/* Accepts JSON numbers and numbers written as strings ("54", "10.5"); never
 * a NaN or an infinity. */
gboolean
liaison_json_get_double (JsonObject *object, const char *member, double *value)
{
  JsonNode *node = member_node (object, member);
  GType type;
  double d;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    d = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    d = json_node_get_double (node);
  else if (type == G_TYPE_STRING)
    {
      if (!liaison_json_parse_double (json_node_get_string (node), &d))
        return FALSE;
    }
  else
    return FALSE;
  if (!isfinite (d))
    return FALSE;
  *value = d;
  return TRUE;
}

/* A whole number in [min, max] (a JSON integer, a whole double or such a
 * number as a string), checked before any cast. */
gboolean
liaison_json_get_int_in_range (JsonObject *object, const char *member, gint64 min, gint64 max,
                               gint64 *value)
{
  JsonNode *node = member_node (object, member);
  double d;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 i = json_node_get_int (node);

      if (i < min || i > max)
        return FALSE;
      *value = i;
      return TRUE;
    }
  if (!liaison_json_get_double (object, member, &d) || d != floor (d))
    return FALSE;
  /* 2^63 is the first double beyond gint64; compare as doubles before casting. */
  if (d < -9223372036854775808.0 || d >= 9223372036854775808.0)
    return FALSE;
  if ((gint64) d < min || (gint64) d > max)
    return FALSE;
  *value = (gint64) d;
  return TRUE;
}

JsonObject *
liaison_json_get_object (JsonObject *object, const char *member)
{
  JsonNode *node = member_node (object, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
liaison_json_get_array (JsonObject *object, const char *member)
{
  JsonNode *node = member_node (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* The string elements of an array member (others are skipped), or NULL. */
char **
liaison_json_dup_strv (JsonObject *object, const char *member)
{
  JsonArray *array = liaison_json_get_array (object, member);
  GPtrArray *out;
  guint i;

  if (array == NULL)
    return NULL;
  out = g_ptr_array_new ();
  for (i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_ptr_array_add (out, g_strdup (json_node_get_string (element)));
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

/* Parses, to UTC:
 *  - ISO 8601 with a zone: "2021-07-02T05:18:26.704Z", "2021-06-23T03:30:00+05:30";
 *  - "YYYY-MM-DD HH:MM:SS[.fff]" without a zone, which both services use
 *    for UTC (LeadSquared everywhere, HighLevel's contact appointments);
 *  - WCF dates "/Date(1751910591000+0000)/" (LeadSquared metadata);
 *  - milliseconds since the epoch, as a string of digits.
 * Returns NULL for anything else, and for LeadSquared's "0001-01-01" null. */
GDateTime *
liaison_json_parse_time (const char *text)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *iso = NULL;
  GDateTime *parsed;
  gsize len;

  if (text == NULL || *text == '\0' || g_str_has_prefix (text, "0001-01-01"))
    return NULL;

  if (g_str_has_prefix (text, "/Date(") && g_str_has_suffix (text, ")/"))
    {
      gint64 ms = g_ascii_strtoll (text + 6, NULL, 10);
      GDateTime *local = g_date_time_new_from_unix_utc (ms / 1000);

      if (local == NULL)
        return NULL;
      parsed = g_date_time_add (local, (ms % 1000) * 1000);
      g_date_time_unref (local);
      return parsed;
    }

  len = strspn (text, "0123456789");
  if (len == strlen (text) && len >= 10 && len <= 16)
    {
      gint64 ms = g_ascii_strtoll (text, NULL, 10);
      GDateTime *whole = g_date_time_new_from_unix_utc (ms / 1000);

      if (whole == NULL)
        return NULL;
      parsed = g_date_time_add (whole, (ms % 1000) * 1000);
      g_date_time_unref (whole);
      return parsed;
    }

  iso = g_strdup (text);
  if (strlen (iso) >= 19 && iso[10] == ' ')
    iso[10] = 'T';
  parsed = g_date_time_new_from_iso8601 (iso, utc);
  if (parsed == NULL)
    return NULL;
  if (g_date_time_get_utc_offset (parsed) != 0)
    {
      GDateTime *in_utc = g_date_time_to_utc (parsed);
      g_date_time_unref (parsed);
      parsed = in_utc;
    }
  return parsed;
}

GDateTime *
liaison_json_get_time (JsonObject *object, const char *member)
{
  return liaison_json_parse_time (liaison_json_get_string (object, member));
}

/* "2021-07-02T05:18:26.704Z": UTC with milliseconds. */
char *
liaison_json_format_time (GDateTime *time)
{
  g_autoptr (GDateTime) utc = g_date_time_to_utc (time);
  g_autofree char *base = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", base, g_date_time_get_microsecond (utc) / 1000);
}

static JsonNode *
expect_member (JsonNode *root, const char *member, const char *service, GError **error)
{
  JsonNode *node = NULL;

  if (member == NULL)
    node = root;
  else if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    node = json_object_get_member (json_node_get_object (root), member);

  if (node == NULL)
    g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                 "%s sent a reply without “%s”", service, member != NULL ? member : "a body");
  return node;
}

/* The object at root[member] (or root itself when member is NULL), or a
 * LIAISON_HTTP_ERROR_PROTOCOL naming what was missing (the call helper puts
 * "Could not <operation>: " before it). */
JsonObject *
liaison_json_expect_object (JsonNode *root, const char *member, const char *service, GError **error)
{
  JsonNode *node = expect_member (root, member, service, error);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                   "%s sent “%s” that is not an object", service,
                   member != NULL ? member : "a reply");
      return NULL;
    }
  return json_node_get_object (node);
}

JsonArray *
liaison_json_expect_array (JsonNode *root, const char *member, const char *service, GError **error)
{
  JsonNode *node = expect_member (root, member, service, error);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                   "%s sent “%s” that is not a list", service, member != NULL ? member : "a reply");
      return NULL;
    }
  return json_node_get_array (node);
}

/* ---- one safe parse per reply ---- */

/* How deep [ and { nest, counted without recursion and outside strings.
 * json-glib's parser recurses once per level, so a reply nested 200,000
 * deep would overflow the stack inside it. */
gboolean
liaison_json_check_depth (const char *data, gsize len, guint max_depth)
{
  gboolean in_string = FALSE;
  guint depth = 0;
  gsize i;

  for (i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

/* Parses a body that should be JSON. Fails (G_IO_ERROR_INVALID_DATA, with a
 * message that completes "…sent ") on malformed JSON, on nesting deeper than
 * max_depth and on a body without a value (only whitespace). */
JsonNode *
liaison_json_parse_bytes (GBytes *bytes, guint max_depth, GError **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) parse_error = NULL;
  const char *data;
  JsonNode *root;
  gsize len;

  data = bytes != NULL ? g_bytes_get_data (bytes, &len) : NULL;
  if (data == NULL || len == 0)
    len = 0;
  if (len > G_MAXSSIZE)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "a reply too large to read");
      return NULL;
    }
  if (!liaison_json_check_depth (data, len, max_depth))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "JSON nested deeper than %u levels",
                   max_depth);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (len > 0 && !json_parser_load_from_data (parser, data, (gssize) len, &parse_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "malformed JSON (%s)",
                   parse_error->message);
      return NULL;
    }
  root = len > 0 ? json_parser_get_root (parser) : NULL;
  if (root == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "a JSON reply with no value in it");
      return NULL;
    }
  return json_node_ref (root);
}
