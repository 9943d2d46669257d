/* liaison-field-values.c: the canonical projection of a contact through a field map, its
 * serialization and its hash. A value is read from the contact as a GVariant (s, d, b or as,
 * the way LiaisonContact keeps custom fields), then written canonically by the pair's kind.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "liaison-field-map-private.h"
#include "liaison-normalize.h"
#include "liaison-json.h"
#include "liaison-user.h"

/* ---- text ---- */

static gboolean
is_blank (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x00A0 || c == 0x200B || c == 0xFEFF;
}

/* Trimmed (Unicode white space), NFC, and with collapse every inner run of white space one
 * space; NULL when nothing is left or the text is not UTF-8. */
char *
liaison_field_canonical_text (const char *text, gboolean collapse)
{
  g_autofree char *nfc = NULL;
  const char *start, *end;
  GString *out;
  gboolean space = FALSE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;
  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  if (nfc == NULL)
    return NULL;
  start = nfc;
  while (*start != '\0' && is_blank (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = start;
  for (const char *p = start; *p != '\0'; p = g_utf8_next_char (p))
    if (!is_blank (g_utf8_get_char (p)))
      end = g_utf8_next_char (p);
  if (end == start)
    return NULL;
  if (!collapse)
    return g_strndup (start, end - start);

  out = g_string_sized_new (end - start);
  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_blank (c))
        space = TRUE;
      else
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_unichar (out, c);
        }
    }
  return g_string_free (out, FALSE);
}

/* The shortest plain decimal that reads back as the same double: 12.50 and 12.5 are "12.5",
 * 1200.00 is "1200". No exponents: both services take these as written. */
char *
liaison_field_canonical_number (double number)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE * 2];

  if (number == 0)
    return g_strdup ("0"); /* -0 too */
  if (number == floor (number) && fabs (number) < 1e15)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) number);
  for (int digits = 1; digits <= 40; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%df", digits);
      g_ascii_formatd (buffer, sizeof buffer, format, number);
      if (g_ascii_strtod (buffer, NULL) == number)
        return g_strdup (buffer);
    }
  /* Beyond plain decimals: the exact round trip still matters more than the look. */
  return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, number));
}

gboolean
liaison_field_parse_boolean (const char *text, gboolean *flag)
{
  static const char *const yes[] = { "1", "true", "yes", "y", "on", NULL };
  static const char *const no[] = { "0", "false", "no", "n", "off", NULL };
  g_autofree char *lower = NULL;

  if (text == NULL)
    return FALSE;
  lower = g_ascii_strdown (text, -1);
  g_strstrip (lower);
  if (g_strv_contains (yes, lower))
    *flag = TRUE;
  else if (g_strv_contains (no, lower))
    *flag = FALSE;
  else
    return FALSE;
  return TRUE;
}

static gboolean
parse_number (const char *text, double *number)
{
  g_autofree char *copy = NULL;
  char *end = NULL;

  if (text == NULL)
    return FALSE;
  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    return FALSE;
  *number = g_ascii_strtod (copy, &end);
  return end != NULL && *end == '\0' && isfinite (*number);
}

static JsonNode *
string_node (char *text) /* takes text; NULL gives JSON null */
{
  JsonNode *node = json_node_new (text != NULL ? JSON_NODE_VALUE : JSON_NODE_NULL);

  if (text != NULL)
    json_node_set_string (node, text);
  g_free (text);
  return node;
}

/* ---- reading a field from a contact ---- */

static GVariant *
read_part (const LiaisonFieldPair *pair, LiaisonSide side, const char *part,
           LiaisonContact *contact)
{
  const char *property = liaison_field_standard_property (side, part);
  GVariant *custom;

  if (property != NULL && g_str_equal (property, "dnd"))
    return g_variant_ref_sink (g_variant_new_boolean (liaison_contact_get_dnd (contact)));
  if (property != NULL && g_str_equal (property, "tags"))
    {
      const char *const *tags = liaison_contact_get_tags (contact);

      return g_variant_ref_sink (g_variant_new_strv (tags, tags != NULL ? -1 : 0));
    }
  if (property != NULL)
    {
      g_autofree char *text = NULL;

      g_object_get (contact, property, &text, NULL);
      return text != NULL ? g_variant_ref_sink (g_variant_new_string (text)) : NULL;
    }
  if (side == LIAISON_SERVICE_GHL)
    part = liaison_field_pair_custom_id (pair, part);
  custom = liaison_contact_get_custom_field (contact, part);
  return custom != NULL ? g_variant_ref (custom) : NULL;
}

/* A value as one text, for the text-like kinds; NULL when empty. */
static char *
variant_text (GVariant *value, const char *separator)
{
  if (value == NULL)
    return NULL;
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_variant_dup_string (value, NULL);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    return liaison_field_canonical_number (g_variant_get_double (value));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    return g_strdup_printf ("%" G_GINT64_FORMAT, g_variant_get_int64 (value));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    return g_strdup_printf ("%d", g_variant_get_int32 (value));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return g_strdup (g_variant_get_boolean (value) ? "true" : "false");
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    {
      g_autofree const char **items = g_variant_get_strv (value, NULL);

      return items[0] != NULL ? g_strjoinv (separator, (char **) items) : NULL;
    }
  return NULL;
}

/* A value's text, trimmed and NFC; NULL when empty. */
static char *
raw_text (GVariant *raw)
{
  g_autofree char *text = variant_text (raw, ";");

  return liaison_field_canonical_text (text, FALSE);
}

/* ---- canonical values by kind ---- */

static char *
apply_case (const char *text, const char *letter_case)
{
  if (g_strcmp0 (letter_case, "upper") == 0)
    return g_utf8_strup (text, -1);
  if (g_strcmp0 (letter_case, "title") == 0)
    {
      GString *out = g_string_new (NULL);
      gboolean start = TRUE;

      for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          g_string_append_unichar (out, start ? g_unichar_totitle (c) : g_unichar_tolower (c));
          start = g_unichar_isspace (c) || c == '-';
        }
      return g_string_free (out, FALSE);
    }
  {
    /* Folding can leave a non-NFC result; normalize again. */
    g_autofree char *folded = g_utf8_casefold (text, -1);
    return g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);
  }
}

static JsonNode *
canonical_text (const LiaisonFieldPair *pair, LiaisonSide side, GVariant *raw)
{
  g_autofree char *text = variant_text (raw, pair->separator ? pair->separator : ";");
  char *canonical = liaison_field_canonical_text (
      text, pair->transform == LIAISON_TRANSFORM_TRIM || pair->transform == LIAISON_TRANSFORM_NAME);

  if (canonical != NULL && pair->transform == LIAISON_TRANSFORM_CASE)
    {
      char *cased = apply_case (canonical, pair->letter_case);

      g_free (canonical);
      canonical = cased;
    }
  if (canonical != NULL && pair->transform == LIAISON_TRANSFORM_VALUES
      && side == LIAISON_SERVICE_LSQ && pair->values != NULL)
    {
      /* The table maps LeadSquared options to HighLevel's; canonical is HighLevel's. */
      const char *mapped = NULL;
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, pair->values);
      while (mapped == NULL && json_object_iter_next (&iter, &name, &value))
        {
          g_autofree char *option = liaison_field_canonical_text (name, FALSE);

          if (g_strcmp0 (option, canonical) == 0)
            mapped = json_node_get_string (value);
        }
      if (mapped != NULL)
        {
          g_free (canonical);
          canonical = liaison_field_canonical_text (mapped, FALSE);
        }
    }
  return string_node (canonical);
}

static JsonNode *
canonical_email (const LiaisonFieldPair *pair, GVariant *raw)
{
  g_autofree char *text = raw_text (raw);
  char *email;

  if (text == NULL)
    return string_node (NULL);
  email = liaison_normalize_email (text);
  if (email == NULL)
    email = apply_case (text, "fold"); /* not an address to match, but folded all the same */
  return string_node (email);
}

static JsonNode *
canonical_phone (LiaisonFieldMap *self, GVariant *raw)
{
  g_autofree char *text = raw_text (raw);
  char *phone;

  if (text == NULL)
    return string_node (NULL);
  phone = liaison_normalize_phone (text, self->default_region);
  if (phone == NULL)
    {
      /* Not a number E.164 can hold (a national number without a region...): its digits, and
       * a leading plus, so that separators still do not matter. */
      GString *digits = g_string_new (NULL);

      for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
        {
          int value = g_unichar_digit_value (g_utf8_get_char (p));

          if (value >= 0)
            g_string_append_c (digits, (char) ('0' + value));
          else if (*p == '+' && digits->len == 0)
            g_string_append_c (digits, '+');
        }
      if (digits->len == 0 || g_str_equal (digits->str, "+"))
        g_string_assign (digits, text);
      phone = g_string_free (digits, FALSE);
    }
  return string_node (phone);
}

static JsonNode *
canonical_number (GVariant *raw)
{
  g_autofree char *text = NULL;
  double number;

  if (raw != NULL && g_variant_is_of_type (raw, G_VARIANT_TYPE_DOUBLE))
    return string_node (liaison_field_canonical_number (g_variant_get_double (raw)));
  text = variant_text (raw, ";");
  if (parse_number (text, &number))
    return string_node (liaison_field_canonical_number (number));
  /* Not a number: kept as text, so that it is seen and not lost. */
  return string_node (liaison_field_canonical_text (text, FALSE));
}

static gboolean
variant_boolean (GVariant *raw, gboolean *flag, gboolean *is_text)
{
  g_autofree char *text = NULL;
  double number;

  *is_text = FALSE;
  if (raw == NULL)
    {
      *flag = FALSE; /* an unticked box */
      return TRUE;
    }
  if (g_variant_is_of_type (raw, G_VARIANT_TYPE_BOOLEAN))
    {
      *flag = g_variant_get_boolean (raw);
      return TRUE;
    }
  if (g_variant_is_of_type (raw, G_VARIANT_TYPE_DOUBLE))
    {
      *flag = g_variant_get_double (raw) != 0;
      return TRUE;
    }
  text = variant_text (raw, ";");
  if (text == NULL || *g_strstrip (text) == '\0')
    {
      *flag = FALSE;
      return TRUE;
    }
  if (liaison_field_parse_boolean (text, flag))
    return TRUE;
  if (parse_number (text, &number))
    {
      *flag = number != 0;
      return TRUE;
    }
  *is_text = TRUE;
  return FALSE;
}

static JsonNode *
canonical_date (GVariant *raw, gboolean with_time)
{
  g_autofree char *text = raw_text (raw);
  g_autoptr (GDateTime) time = NULL;
  int y, m, d;

  if (text == NULL)
    return string_node (NULL);
  /* A calendar date as written, whatever time may follow it: a birthday has no zone. */
  if (!with_time && strlen (text) >= 10 && sscanf (text, "%4d-%2d-%2d", &y, &m, &d) == 3
      && text[4] == '-' && text[7] == '-'
      && (text[10] == '\0' || text[10] == ' ' || text[10] == 'T') && g_date_valid_dmy (d, m, y))
    return string_node (g_strdup_printf ("%04d-%02d-%02d", y, m, d));
  time = liaison_json_parse_time (text);
  if (time == NULL)
    return string_node (g_steal_pointer (&text)); /* not a date: kept as it is */
  if (!with_time)
    return string_node (g_date_time_format (time, "%Y-%m-%d"));
  {
    g_autoptr (GDateTime) utc = g_date_time_to_utc (time);
    /* Seconds: LeadSquared keeps no finer time, so finer would never compare equal. */
    return string_node (g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ"));
  }
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static JsonNode *
canonical_set (const LiaisonFieldPair *pair, GVariant *raw)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) split = NULL;
  JsonArray *array;
  JsonNode *node;

  if (raw != NULL && g_variant_is_of_type (raw, G_VARIANT_TYPE_STRING_ARRAY))
    split = g_variant_dup_strv (raw, NULL);
  else
    {
      g_autofree char *text = variant_text (raw, ";");

      if (text != NULL)
        split = g_strsplit (text, pair->separator != NULL ? pair->separator : ";", -1);
    }
  for (guint i = 0; split != NULL && split[i] != NULL; i++)
    {
      g_autofree char *text = liaison_field_canonical_text (split[i], TRUE);

      if (text != NULL)
        g_ptr_array_add (items, apply_case (text, "fold"));
    }
  if (items->len == 0)
    return string_node (NULL);
  g_ptr_array_sort (items, compare_strings);
  array = json_array_new ();
  for (guint i = 0; i < items->len; i++)
    if (i == 0 || strcmp (items->pdata[i], items->pdata[i - 1]) != 0)
      json_array_add_string_element (array, items->pdata[i]);
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  return node;
}

static JsonNode *
canonical_owner (LiaisonFieldMap *self, LiaisonSide side, GVariant *raw)
{
  g_autofree char *id = raw_text (raw);
  GPtrArray *users = self->users[side];

  if (id == NULL)
    return string_node (NULL);
  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      LiaisonUser *user = g_ptr_array_index (users, i);
      char *email;

      if (g_strcmp0 (liaison_user_get_id (user), id) != 0)
        continue;
      email = liaison_normalize_email (liaison_user_get_email (user));
      if (email != NULL)
        return string_node (email);
    }
  /* A user this side does not list (or without an e-mail): its id, said to be this side's,
   * so it never equals the other side's and cannot be written there by mistake. */
  return string_node (g_strdup_printf ("%s:%s", liaison_service_to_string (side), id));
}

JsonNode *
liaison_field_map_canonical (LiaisonFieldMap *self, const LiaisonFieldPair *pair, LiaisonSide side,
                             LiaisonContact *contact)
{
  char **parts = pair->parts[side];
  g_autoptr (GVariant) raw = NULL;
  LiaisonValueKind kind = liaison_field_pair_kind (pair);

  if (kind == LIAISON_VALUE_BOOLEAN)
    {
      /* Several flags are one value: set when all are. */
      gboolean all = TRUE;

      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_autoptr (GVariant) part = read_part (pair, side, parts[i], contact);
          gboolean flag, is_text;

          if (!variant_boolean (part, &flag, &is_text))
            return string_node (raw_text (part));
          all = all && flag;
        }
      return string_node (g_strdup (all ? "true" : "false"));
    }
  if (kind == LIAISON_VALUE_NAME && parts[0] != NULL && parts[1] != NULL)
    {
      /* First and last name joined: "Ada" + "Lovelace" is "Ada Lovelace". */
      g_autoptr (GString) full = g_string_new (NULL);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_autoptr (GVariant) part = read_part (pair, side, parts[i], contact);
          g_autofree char *text = variant_text (part, " ");

          if (text != NULL)
            g_string_append_printf (full, "%s%s", full->len > 0 ? " " : "", text);
        }
      raw = g_variant_ref_sink (g_variant_new_string (full->str));
      return canonical_text (pair, side, raw);
    }

  raw = read_part (pair, side, parts[0], contact);
  switch (kind)
    {
      case LIAISON_VALUE_EMAIL:
        return canonical_email (pair, raw);
      case LIAISON_VALUE_PHONE:
        return canonical_phone (self, raw);
      case LIAISON_VALUE_NUMBER:
        return canonical_number (raw);
      case LIAISON_VALUE_DATE:
        return canonical_date (raw, FALSE);
      case LIAISON_VALUE_DATE_TIME:
        return canonical_date (raw, TRUE);
      case LIAISON_VALUE_SET:
        return canonical_set (pair, raw);
      case LIAISON_VALUE_OWNER:
        return canonical_owner (self, side, raw);
      case LIAISON_VALUE_TEXT:
      case LIAISON_VALUE_NAME:
      case LIAISON_VALUE_BOOLEAN:
      default:
        return canonical_text (pair, side, raw);
    }
}

JsonObject *
liaison_field_map_project (LiaisonFieldMap *self, LiaisonSide side, LiaisonContact *contact)
{
  JsonObject *projection;

  g_return_val_if_fail (LIAISON_IS_FIELD_MAP (self), NULL);
  g_return_val_if_fail (LIAISON_IS_CONTACT (contact), NULL);
  g_return_val_if_fail (side == LIAISON_SERVICE_LSQ || side == LIAISON_SERVICE_GHL, NULL);

  projection = json_object_new ();
  for (guint i = 0; i < self->pairs->len; i++)
    {
      const LiaisonFieldPair *pair = g_ptr_array_index (self->pairs, i);

      json_object_set_member (projection, pair->key,
                              liaison_field_map_canonical (self, pair, side, contact));
    }
  return projection;
}

/* ---- bytes and hashes ---- */

static void
append_string (GString *out, const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      unsigned char c = (unsigned char) *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static void
append_value (GString *out, JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    g_string_append (out, "null");
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    append_string (out, json_node_get_string (node));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      g_string_append_c (out, '[');
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          append_value (out, json_array_get_element (array, i));
        }
      g_string_append_c (out, ']');
    }
  else
    {
      /* Not a canonical value; written the way json-glib writes it, still deterministic. */
      g_autofree char *text = json_to_string (node, FALSE);
      g_string_append (out, text);
    }
}

static int
compare_keys (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static char *
serialize_keys (JsonObject *projection, GPtrArray *keys)
{
  GString *out = g_string_new ("{");

  g_ptr_array_sort (keys, compare_keys);
  for (guint i = 0; i < keys->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_string (out, keys->pdata[i]);
      g_string_append_c (out, ':');
      append_value (out, json_object_get_member (projection, keys->pdata[i]));
    }
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

char *
liaison_field_map_serialize (JsonObject *projection)
{
  g_autoptr (GPtrArray) keys = g_ptr_array_new ();
  g_autoptr (GList) members = NULL;

  g_return_val_if_fail (projection != NULL, NULL);
  members = json_object_get_members (projection);
  for (GList *l = members; l != NULL; l = l->next)
    g_ptr_array_add (keys, l->data);
  return serialize_keys (projection, keys);
}

char *
liaison_field_map_hash (LiaisonFieldMap *self, JsonObject *projection)
{
  g_autoptr (GPtrArray) keys = g_ptr_array_new ();
  g_autofree char *bytes = NULL;

  g_return_val_if_fail (LIAISON_IS_FIELD_MAP (self), NULL);
  g_return_val_if_fail (projection != NULL, NULL);
  /* Only the map's pairs; a missing member counts as null, as an empty field does. */
  for (guint i = 0; i < self->pairs->len; i++)
    g_ptr_array_add (keys, ((LiaisonFieldPair *) g_ptr_array_index (self->pairs, i))->key);
  bytes = serialize_keys (projection, keys);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, bytes, -1);
}

gboolean
liaison_field_map_value_equal (JsonNode *a, JsonNode *b)
{
  g_autoptr (GString) x = g_string_new (NULL);
  g_autoptr (GString) y = g_string_new (NULL);

  append_value (x, a);
  append_value (y, b);
  return g_string_equal (x, y);
}
