/* test-json.c: typed getters refuse mistyped server data instead of
 * asserting, and every date format the services send parses to UTC.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-json"

#include <string.h>

#include "liaison-http-error.h"

#include "liaison-json.h"

static void
check_time (const char *text, const char *expected)
{
  g_autoptr (GDateTime) time = liaison_json_parse_time (text);
  g_autofree char *formatted = NULL;

  g_test_message ("%s", text);
  if (expected == NULL)
    {
      g_assert_null (time);
      return;
    }
  g_assert_nonnull (time);
  g_assert_cmpint (g_date_time_get_utc_offset (time), ==, 0);
  formatted = liaison_json_format_time (time);
  g_assert_cmpstr (formatted, ==, expected);
}

static void
test_times (void)
{
  check_time ("2021-07-02T05:18:26.704Z", "2021-07-02T05:18:26.704Z");
  check_time ("2021-06-23T03:30:00+05:30", "2021-06-22T22:00:00.000Z");
  check_time ("2021-07-16 11:00:00", "2021-07-16T11:00:00.000Z");
  check_time ("2017-11-30 07:38:00.000", "2017-11-30T07:38:00.000Z");
  check_time ("/Date(1751910591000+0000)/", "2025-07-07T17:49:51.000Z");
  check_time ("1680373800123", "2023-04-01T18:30:00.123Z");
  check_time ("0001-01-01 00:00:00.000", NULL);
  check_time ("", NULL);
  check_time ("yesterday", NULL);
  check_time ("2021-13-45T99:00:00Z", NULL);
  check_time (NULL, NULL);
}

static void
test_getters (void)
{
  g_autoptr (JsonNode) root = json_from_string (
      "{\"s\":\"text\",\"n\":42,\"f\":1.5,\"ns\":\"54\",\"bad\":\"5x\",\"b\":true,\"bs\":\"1\","
      "\"o\":{\"k\":1},\"a\":[\"x\",3,\"y\",null],\"null\":null}",
      NULL);
  JsonObject *o = json_node_get_object (root);
  g_auto (GStrv) strv = NULL;
  double d = 0;

  g_assert_cmpstr (liaison_json_get_string (o, "s"), ==, "text");
  g_assert_null (liaison_json_get_string (o, "n"));
  g_assert_null (liaison_json_get_string (o, "null"));
  g_assert_null (liaison_json_get_string (o, "missing"));
  g_assert_null (liaison_json_get_string (NULL, "s"));

  g_assert_true (liaison_json_get_double (o, "n", &d));
  g_assert_cmpfloat (d, ==, 42);
  g_assert_true (liaison_json_get_double (o, "f", &d));
  g_assert_cmpfloat (d, ==, 1.5);
  g_assert_true (liaison_json_get_double (o, "ns", &d));
  g_assert_cmpfloat (d, ==, 54);
  g_assert_false (liaison_json_get_double (o, "bad", &d));
  g_assert_false (liaison_json_get_double (o, "o", &d));

  g_assert_true (liaison_json_get_boolean (o, "b", FALSE));
  g_assert_true (liaison_json_get_boolean (o, "bs", FALSE));
  g_assert_true (liaison_json_get_boolean (o, "s", TRUE));
  g_assert_false (liaison_json_get_boolean (o, "missing", FALSE));

  g_assert_nonnull (liaison_json_get_object (o, "o"));
  g_assert_null (liaison_json_get_object (o, "a"));
  g_assert_nonnull (liaison_json_get_array (o, "a"));
  g_assert_null (liaison_json_get_array (o, "o"));

  strv = liaison_json_dup_strv (o, "a");
  g_assert_cmpuint (g_strv_length (strv), ==, 2);
  g_assert_cmpstr (strv[1], ==, "y");
  g_assert_null (liaison_json_dup_strv (o, "s"));
}

static void
test_expect (void)
{
  g_autoptr (JsonNode) root = json_from_string ("{\"contact\":{\"id\":\"a\"},\"list\":5}", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (liaison_json_expect_object (root, "contact", "HighLevel", &error));
  g_assert_no_error (error);

  /* Only what was wrong: the call helper says which call failed. */
  g_assert_null (liaison_json_expect_array (root, "contacts", "HighLevel", &error));
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL);
  g_assert_cmpstr (error->message, ==, "HighLevel sent a reply without “contacts”");
  g_clear_error (&error);

  g_assert_null (liaison_json_expect_array (root, "list", "HighLevel", &error));
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL);
}

/* Numbers: no NaN, no infinity, ranges checked before any cast. */
static void
test_strict_numbers (void)
{
  g_autoptr (JsonNode) root
      = json_from_string ("{\"nan\":\"nan\",\"inf\":\"inf\",\"neg\":\"-Infinity\",\"hex\":\"0x10\","
                          "\"big\":1e300,\"edge\":9.3e18,\"ok\":\"54\",\"half\":2.5,"
                          "\"int\":7,\"space\":\" 7\"}",
                          NULL);
  JsonObject *o = json_node_get_object (root);
  double d = -1;
  gint64 i = -1;

  g_assert_false (liaison_json_get_double (o, "nan", &d));
  g_assert_false (liaison_json_get_double (o, "inf", &d));
  g_assert_false (liaison_json_get_double (o, "neg", &d));
  g_assert_false (liaison_json_get_double (o, "hex", &d));
  g_assert_false (liaison_json_get_double (o, "space", &d));
  g_assert_cmpfloat (d, ==, -1);
  g_assert_true (liaison_json_get_double (o, "ok", &d));
  g_assert_cmpfloat (d, ==, 54);

  g_assert_false (liaison_json_get_int_in_range (o, "nan", 0, G_MAXINT64, &i));
  g_assert_false (liaison_json_get_int_in_range (o, "big", G_MININT64, G_MAXINT64, &i));
  g_assert_false (liaison_json_get_int_in_range (o, "edge", G_MININT64, G_MAXINT64, &i));
  g_assert_false (liaison_json_get_int_in_range (o, "half", 0, 10, &i));
  g_assert_false (liaison_json_get_int_in_range (o, "int", 0, 5, &i));
  g_assert_cmpint (i, ==, -1);
  g_assert_true (liaison_json_get_int_in_range (o, "int", 0, 10, &i));
  g_assert_cmpint (i, ==, 7);
  g_assert_true (liaison_json_get_int_in_range (o, "ok", 0, 100, &i));
  g_assert_cmpint (i, ==, 54);
}

static JsonNode *
parse_text (const char *text, GError **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));

  return liaison_json_parse_bytes (bytes, LIAISON_JSON_MAX_DEPTH, error);
}

/* The one parse of a reply: no value, too deep and malformed are errors. */
static void
test_parse_bytes (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) ok = NULL;
  g_autoptr (GString) deep = g_string_new (NULL);
  g_autoptr (GString) fine = g_string_new (NULL);
  guint i;

  g_assert_null (parse_text (" \n\t ", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "a JSON reply with no value in it");
  g_clear_error (&error);

  g_assert_null (parse_text ("{\"a\":", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_true (g_str_has_prefix (error->message, "malformed JSON ("));
  g_clear_error (&error);

  /* 200,000 levels would overflow json-glib's recursive parser. */
  for (i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  g_assert_null (parse_text (deep->str, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "JSON nested deeper than 64 levels");
  g_clear_error (&error);

  /* Brackets inside strings do not count; exactly 64 levels parse. */
  for (i = 0; i < 64; i++)
    g_string_append_c (fine, '[');
  g_string_append (fine, "\"[[[[\\\"{{{{\"");
  for (i = 0; i < 64; i++)
    g_string_append_c (fine, ']');
  ok = parse_text (fine->str, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ok);
  g_assert_false (liaison_json_check_depth ("[[[", 3, 2));
  g_assert_true (liaison_json_check_depth ("[[]][[]]", 8, 2));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/times", test_times);
  g_test_add_func ("/json/strict-numbers", test_strict_numbers);
  g_test_add_func ("/json/parse-bytes", test_parse_bytes);
  g_test_add_func ("/json/getters", test_getters);
  g_test_add_func ("/json/expect", test_expect);

  return g_test_run ();
}
