/* liaison-json.c: reading server JSON without trusting it.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-json"

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

/* Accepts JSON numbers and numbers written as strings ("54", "10.5"). */
gboolean
liaison_json_get_double (JsonObject *object, const char *member, double *value)
{
  JsonNode *node = member_node (object, member);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *value = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *value = json_node_get_double (node);
  else if (type == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);
      char *end = NULL;
      double d;

      if (s == NULL || *s == '\0')
        return FALSE;
      d = g_ascii_strtod (s, &end);
      if (end == NULL || *end != '\0')
        return FALSE;
      *value = d;
    }
  else
    return FALSE;
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
expect_member (JsonNode *root, const char *member, const char *service, const char *operation,
               GError **error)
{
  JsonNode *node = NULL;

  if (member == NULL)
    node = root;
  else if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    node = json_object_get_member (json_node_get_object (root), member);

  if (node == NULL)
    g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                 "Could not %s: %s sent a reply without “%s”", operation, service,
                 member != NULL ? member : "a body");
  return node;
}

/* The object at root[member] (or root itself when member is NULL), or a
 * LIAISON_HTTP_ERROR_PROTOCOL naming what was missing. */
JsonObject *
liaison_json_expect_object (JsonNode *root, const char *member, const char *service,
                            const char *operation, GError **error)
{
  JsonNode *node = expect_member (root, member, service, operation, error);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                   "Could not %s: %s sent “%s” that is not an object", operation, service,
                   member != NULL ? member : "a reply");
      return NULL;
    }
  return json_node_get_object (node);
}

JsonArray *
liaison_json_expect_array (JsonNode *root, const char *member, const char *service,
                           const char *operation, GError **error)
{
  JsonNode *node = expect_member (root, member, service, operation, error);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                   "Could not %s: %s sent “%s” that is not a list", operation, service,
                   member != NULL ? member : "a reply");
      return NULL;
    }
  return json_node_get_array (node);
}
