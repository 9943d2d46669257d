/* test-field-map.c: the canonical projection (each rule: equal meaning gives equal bytes and
 * equal hashes), the hash covering mapped fields only, and the stored JSON form.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "field-map-test-util.h"

static void
assert_same_hash (LiaisonFieldMap *map, LiaisonContact *lsq, LiaisonContact *ghl)
{
  g_autoptr (JsonObject) a = liaison_field_map_project (map, LIAISON_SERVICE_LSQ, lsq);
  g_autoptr (JsonObject) b = liaison_field_map_project (map, LIAISON_SERVICE_GHL, ghl);
  g_autofree char *bytes_a = liaison_field_map_serialize (a);
  g_autofree char *bytes_b = liaison_field_map_serialize (b);
  g_autofree char *hash_a = liaison_field_map_hash (map, a);
  g_autofree char *hash_b = liaison_field_map_hash (map, b);

  g_assert_cmpstr (bytes_a, ==, bytes_b);
  g_assert_cmpstr (hash_a, ==, hash_b);
  g_assert_cmpuint (strlen (hash_a), ==, 64);
}

static void
test_phone_e164 (void)
{
  g_autoptr (LiaisonFieldMap) map = liaison_field_map_new_default ();
  g_autoptr (LiaisonContact) lsq = lsq_contact (
      "{\"ProspectID\": \"L1\", \"FirstName\": \"Asha\", \"Phone\": \"+91-98765-43210\"}");
  g_autoptr (LiaisonContact) ghl
      = ghl_contact ("{\"id\": \"G1\", \"firstName\": \"Asha\", \"phone\": \"+919876543210\"}");
  g_autoptr (LiaisonContact) national
      = ghl_contact ("{\"id\": \"G2\", \"firstName\": \"Asha\", \"phone\": \"098765 43210\"}");
  g_autofree char *phone = projected (map, LIAISON_SERVICE_LSQ, lsq, "phone");
  g_autofree char *without_region = projected (map, LIAISON_SERVICE_GHL, national, "phone");

  g_assert_cmpstr (phone, ==, "\"+919876543210\"");
  assert_same_hash (map, lsq, ghl);

  /* A national number needs the connection's region to become E.164. */
  g_assert_cmpstr (without_region, ==, "\"09876543210\"");
  liaison_field_map_set_default_region (map, "in");
  g_assert_cmpstr (liaison_field_map_get_default_region (map), ==, "IN");
  assert_same_hash (map, lsq, national);
}

static void
test_nfc (void)
{
  g_autoptr (LiaisonFieldMap) map = liaison_field_map_new_default ();
  /* "José Müller" composed, and decomposed with surrounding blanks. */
  g_autoptr (LiaisonContact) lsq = lsq_contact ("{\"ProspectID\": \"L1\", \"FirstName\": "
                                                "\"Jos\\u00e9\", \"LastName\": \"M\\u00fcller\"}");
  g_autoptr (LiaisonContact) ghl
      = ghl_contact ("{\"id\": \"G1\", \"firstName\": \" Jose\\u0301\\t\", \"lastName\": "
                     "\"Mu\\u0308ller \"}");
  g_autofree char *first = projected (map, LIAISON_SERVICE_GHL, ghl, "firstName");

  g_assert_cmpstr (first, ==, "\"Jos\xc3\xa9\"");
  assert_same_hash (map, lsq, ghl);
}

static void
test_email_case (void)
{
  g_autoptr (LiaisonFieldMap) map = liaison_field_map_new_default ();
  g_autoptr (LiaisonContact) lsq
      = lsq_contact ("{\"ProspectID\": \"L1\", \"EmailAddress\": \" Ada.Lovelace@Example.COM \"}");
  g_autoptr (LiaisonContact) ghl
      = ghl_contact ("{\"id\": \"G1\", \"email\": \"ada.lovelace@example.com\"}");
  g_autofree char *email = projected (map, LIAISON_SERVICE_LSQ, lsq, "email");

  g_assert_cmpstr (email, ==, "\"ada.lovelace@example.com\"");
  assert_same_hash (map, lsq, ghl);
}

static void
test_tags_set (void)
{
  g_autoptr (LiaisonFieldMap) map = map_from_pairs (
      "[{\"key\": \"tags\", \"lsq\": \"mx_Tags\", \"ghl\": \"tags\", \"transform\": \"set\"}]");
  g_autoptr (LiaisonContact) lsq
      = lsq_contact ("{\"ProspectID\": \"L1\", \"mx_Tags\": \"VIP; lead ;Lead\"}");
  g_autoptr (LiaisonContact) ghl = ghl_contact ("{\"id\": \"G1\", \"tags\": [\"lead\", \"vip\"]}");
  g_autoptr (LiaisonContact) other
      = ghl_contact ("{\"id\": \"G2\", \"tags\": [\"Vip\", \"LEAD\"]}");
  g_autoptr (LiaisonContact) none = ghl_contact ("{\"id\": \"G3\", \"tags\": []}");
  g_autofree char *tags = projected (map, LIAISON_SERVICE_LSQ, lsq, "tags");
  g_autofree char *empty = projected (map, LIAISON_SERVICE_GHL, none, "tags");

  g_assert_cmpstr (tags, ==, "[\"lead\",\"vip\"]");
  g_assert_cmpstr (empty, ==, "null");
  assert_same_hash (map, lsq, ghl);
  assert_same_hash (map, lsq, other);
}

static void
test_booleans (void)
{
  g_autoptr (LiaisonFieldMap) map = liaison_field_map_new_default ();
  g_autoptr (LiaisonFieldMap) flag = map_from_pairs (
      "[{\"key\": \"news\", \"lsq\": \"mx_Newsletter\", \"ghl\": \"contact.news\", "
      "\"direction\": \"to-ghl\", \"lsqType\": \"boolean\"}]");
  const char *yes[] = { "1", "true", "Yes", "TRUE" };
  g_autoptr (LiaisonContact) ghl = ghl_contact ("{\"id\": \"G1\", \"dnd\": true}");
  g_autoptr (LiaisonContact) partly = lsq_contact (
      "{\"ProspectID\": \"L2\", \"DoNotEmail\": \"1\", \"DoNotCall\": \"0\", \"DoNotSMS\": \"1\"}");
  g_autofree char *some = projected (map, LIAISON_SERVICE_LSQ, partly, "doNotContact");

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      g_autofree char *json
          = g_strdup_printf ("{\"ProspectID\": \"L1\", \"DoNotEmail\": \"%s\", \"DoNotCall\": "
                             "\"%s\", \"DoNotSMS\": \"%s\", \"mx_Newsletter\": \"%s\"}",
                             yes[i], yes[i], yes[i], yes[i]);
      g_autoptr (LiaisonContact) lsq = lsq_contact (json);
      g_autofree char *dnd = projected (map, LIAISON_SERVICE_LSQ, lsq, "doNotContact");
      g_autofree char *news = projected (flag, LIAISON_SERVICE_LSQ, lsq, "news");

      g_assert_cmpstr (dnd, ==, "\"true\"");
      g_assert_cmpstr (news, ==, "\"true\"");
      assert_same_hash (map, lsq, ghl);
    }
  /* One channel still open is not "do not contact". */
  g_assert_cmpstr (some, ==, "\"false\"");
}

static void
test_numbers (void)
{
  g_autoptr (GPtrArray) ghl_defs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (LiaisonFieldMap) map = map_from_pairs (
      "[{\"key\": \"value\", \"lsq\": \"mx_Lifetime_Value\", \"ghl\": \"contact.lifetime_value\", "
      "\"lsqType\": \"number\"}]");
  g_autoptr (LiaisonContact) lsq
      = lsq_contact ("{\"ProspectID\": \"L1\", \"mx_Lifetime_Value\": \"12.50\"}");
  g_autoptr (LiaisonContact) lsq_short
      = lsq_contact ("{\"ProspectID\": \"L2\", \"mx_Lifetime_Value\": \"12.5\"}");
  g_autoptr (LiaisonContact) ghl
      = ghl_contact ("{\"id\": \"G1\", \"customFields\": [{\"id\": \"cf9\", \"value\": 12.5}]}");
  g_autoptr (LiaisonContact) ghl_text = ghl_contact (
      "{\"id\": \"G2\", \"customFields\": [{\"id\": \"cf9\", \"value\": \"12.500\"}]}");
  g_autofree char *value = projected (map, LIAISON_SERVICE_LSQ, lsq, "value");
  g_autofree char *big = NULL;

  g_assert_cmpstr (value, ==, "\"12.5\"");
  {
    g_autofree char *other = projected (map, LIAISON_SERVICE_LSQ, lsq_short, "value");
    g_assert_cmpstr (other, ==, value);
  }

  /* The HighLevel field is named by its key; the definitions give its id and type. */
  g_ptr_array_add (ghl_defs,
                   field_def ("cf9", "contact.lifetime_value", LIAISON_FIELD_TYPE_MONEY, TRUE));
  liaison_field_map_set_field_defs (map, NULL, ghl_defs);
  assert_same_hash (map, lsq, ghl);
  assert_same_hash (map, lsq_short, ghl_text);

  {
    static const char *const written[][2] = {
      { "1200.00", "\"1200\"" }, { "0.10", "\"0.1\"" }, { "-3.50", "\"-3.5\"" },
      { "1e3", "\"1000\"" },     { "-0", "\"0\"" },     { "twelve", "\"twelve\"" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (written); i++)
      {
        g_autofree char *json = g_strdup_printf (
            "{\"ProspectID\": \"L4\", \"mx_Lifetime_Value\": \"%s\"}", written[i][0]);
        g_autoptr (LiaisonContact) lead = lsq_contact (json);
        g_autofree char *number = projected (map, LIAISON_SERVICE_LSQ, lead, "value");

        g_assert_cmpstr (number, ==, written[i][1]);
      }
  }
  {
    g_autoptr (LiaisonContact) whole
        = lsq_contact ("{\"ProspectID\": \"L3\", \"mx_Lifetime_Value\": \"1200.00\"}");
    big = projected (map, LIAISON_SERVICE_LSQ, whole, "value");
    g_assert_cmpstr (big, ==, "\"1200\"");
  }
}

static void
test_dates (void)
{
  g_autoptr (LiaisonFieldMap) map = map_from_pairs (
      "[{\"key\": \"visit\", \"lsq\": \"mx_Last_Visit\", \"ghl\": \"contact.last_visit\", "
      "\"transform\": \"date\", \"format\": \"date-time\"},"
      " {\"key\": \"birthday\", \"lsq\": \"mx_Date_of_Birth\", \"ghl\": \"dateOfBirth\", "
      "\"transform\": \"date\"}]");
  /* LeadSquared writes UTC without a zone; HighLevel ISO 8601 with one. */
  g_autoptr (LiaisonContact) lsq
      = lsq_contact ("{\"ProspectID\": \"L1\", \"mx_Last_Visit\": \"2024-03-05 14:15:00\", "
                     "\"mx_Date_of_Birth\": \"1990-05-01 00:00:00\"}");
  g_autoptr (LiaisonContact) ghl = ghl_contact (
      "{\"id\": \"G1\", \"dateOfBirth\": \"1990-05-01T00:00:00.000Z\", \"customFields\": [{\"id\": "
      "\"contact.last_visit\", \"value\": \"2024-03-05T19:45:00.000+05:30\"}]}");
  g_autofree char *visit = projected (map, LIAISON_SERVICE_LSQ, lsq, "visit");
  g_autofree char *birthday = projected (map, LIAISON_SERVICE_GHL, ghl, "birthday");

  g_assert_cmpstr (visit, ==, "\"2024-03-05T14:15:00Z\"");
  g_assert_cmpstr (birthday, ==, "\"1990-05-01\"");
  assert_same_hash (map, lsq, ghl);
}

static void
test_owner (void)
{
  g_autoptr (LiaisonFieldMap) map = liaison_field_map_new_default ();
  g_autoptr (GPtrArray) lsq_users = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) ghl_users = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (LiaisonContact) lsq
      = lsq_contact ("{\"ProspectID\": \"L1\", \"OwnerId\": \"lsq-user-7\"}");
  g_autoptr (LiaisonContact) ghl = ghl_contact ("{\"id\": \"G1\", \"assignedTo\": \"ghlU3\"}");
  g_autoptr (LiaisonContact) stranger = ghl_contact ("{\"id\": \"G2\", \"assignedTo\": \"ghlU9\"}");
  g_autofree char *unknown = NULL;
  g_autofree char *owner = NULL;

  g_ptr_array_add (lsq_users, user_new ("lsq-user-7", "Sam.Rao@Clinic.example"));
  g_ptr_array_add (ghl_users, user_new ("ghlU3", "sam.rao@clinic.example"));
  g_ptr_array_add (ghl_users, user_new ("ghlU9", "nobody@clinic.example"));
  liaison_field_map_set_users (map, lsq_users, ghl_users);

  owner = projected (map, LIAISON_SERVICE_LSQ, lsq, "owner");
  g_assert_cmpstr (owner, ==, "\"sam.rao@clinic.example\"");
  assert_same_hash (map, lsq, ghl);

  /* A user the side does not list stays that side's, never equal to the other's. */
  liaison_field_map_set_users (map, lsq_users, NULL);
  unknown = projected (map, LIAISON_SERVICE_GHL, stranger, "owner");
  g_assert_cmpstr (unknown, ==, "\"ghl:ghlU9\"");
}

static void
test_hash_mapped_only (void)
{
  g_autoptr (LiaisonFieldMap) map = liaison_field_map_new_default ();
  g_autoptr (LiaisonContact) a = lsq_contact (
      "{\"ProspectID\": \"L1\", \"EmailAddress\": \"ada@example.com\", \"EngagementScore\": "
      "\"10\", \"ModifiedBy\": \"u1\", \"ModifiedOn\": \"2024-01-01 10:00:00\", \"Score\": \"3\"}");
  g_autoptr (LiaisonContact) b = lsq_contact (
      "{\"ProspectID\": \"L2\", \"EmailAddress\": \"ada@example.com\", \"EngagementScore\": "
      "\"99\", \"ModifiedBy\": \"u2\", \"ModifiedOn\": \"2025-06-01 11:00:00\", \"Score\": "
      "\"40\"}");
  g_autoptr (LiaisonContact) c
      = lsq_contact ("{\"ProspectID\": \"L1\", \"EmailAddress\": \"ada@example.org\"}");
  g_autoptr (JsonObject) pa = liaison_field_map_project (map, LIAISON_SERVICE_LSQ, a);
  g_autoptr (JsonObject) pb = liaison_field_map_project (map, LIAISON_SERVICE_LSQ, b);
  g_autoptr (JsonObject) pc = liaison_field_map_project (map, LIAISON_SERVICE_LSQ, c);
  g_autofree char *ha = liaison_field_map_hash (map, pa);
  g_autofree char *hb = liaison_field_map_hash (map, pb);
  g_autofree char *hc = liaison_field_map_hash (map, pc);
  g_autofree char *hx = NULL;

  /* Ids, modification times and system attributes are not in the projection. */
  g_assert_cmpuint (json_object_get_size (pa), ==, liaison_field_map_get_n_pairs (map));
  g_assert_false (json_object_has_member (pa, "EngagementScore"));
  g_assert_cmpstr (ha, ==, hb);
  g_assert_cmpstr (ha, !=, hc);

  /* Members of other keys do not count; a missing one counts as null. */
  json_object_set_string_member (pa, "unmapped", "x");
  hx = liaison_field_map_hash (map, pa);
  g_assert_cmpstr (hx, ==, ha);
  json_object_remove_member (pa, "unmapped");
  json_object_remove_member (pa, "website");
  g_clear_pointer (&hx, g_free);
  hx = liaison_field_map_hash (map, pa);
  g_assert_cmpstr (hx, ==, ha);
}

static void
test_serialize (void)
{
  g_autoptr (JsonObject) projection = json_object_new ();
  g_autoptr (JsonArray) set = json_array_new ();
  g_autofree char *bytes = NULL;
  g_autoptr (JsonNode) a = json_from_string ("[\"a\"]", NULL);
  g_autoptr (JsonNode) b = json_from_string ("[\"a\"]", NULL);
  g_autoptr (JsonNode) null = json_node_new (JSON_NODE_NULL);
  g_autoptr (JsonNode) text = json_from_string ("\"a\"", NULL);

  json_object_set_string_member (projection, "z", "quote \" and \\ and \n");
  json_object_set_null_member (projection, "m");
  json_array_add_string_element (set, "x");
  json_object_set_array_member (projection, "a", json_array_ref (set));
  bytes = liaison_field_map_serialize (projection);
  g_assert_cmpstr (bytes, ==,
                   "{\"a\":[\"x\"],\"m\":null,\"z\":\"quote \\\" and \\\\ and \\u000a\"}");

  g_assert_true (liaison_field_map_value_equal (a, b));
  g_assert_true (liaison_field_map_value_equal (NULL, null));
  g_assert_false (liaison_field_map_value_equal (a, text));
  g_assert_false (liaison_field_map_value_equal (text, null));
}

static void
test_json_round_trip (void)
{
  g_autoptr (LiaisonFieldMap) map = liaison_field_map_new_default ();
  g_autoptr (JsonNode) first = NULL;
  g_autoptr (JsonNode) second = NULL;
  g_autoptr (LiaisonFieldMap) back = NULL;
  g_autoptr (JsonObject) pair = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  JsonNode *parsed;

  parsed = json_from_string ("{\"key\": \"treatment\", \"lsq\": \"mx_Treatment\", \"ghl\": "
                             "\"contact.treatment\", \"direction\": \"to-ghl\", \"transform\": "
                             "\"values\", \"values\": {\"Checkup\": \"Check-up\"}, \"policy\": "
                             "\"newest-wins\", \"ghlType\": \"single-option\"}",
                             NULL);
  pair = json_object_ref (json_node_get_object (parsed));
  json_node_unref (parsed);
  g_assert_true (liaison_field_map_put_pair (map, pair, &error));
  g_assert_no_error (error);
  liaison_field_map_set_policy (map, 0, LIAISON_POLICY_LSQ_WINS);
  liaison_field_map_set_direction (map, 1, LIAISON_SYNC_TO_LSQ);

  first = liaison_field_map_to_json (map);
  back = liaison_field_map_new_from_json (first, &error);
  g_assert_no_error (error);
  second = liaison_field_map_to_json (back);
  a = node_text (first);
  b = node_text (second);
  g_assert_cmpstr (a, ==, b);

  g_assert_cmpuint (liaison_field_map_get_n_pairs (back), ==, 15);
  g_assert_cmpint (liaison_field_map_find (back, "treatment"), ==, 14);
  g_assert_cmpint (liaison_field_map_get_policy (back, 0), ==, LIAISON_POLICY_LSQ_WINS);
  g_assert_cmpint (liaison_field_map_get_direction (back, 1), ==, LIAISON_SYNC_TO_LSQ);
  g_assert_cmpint (liaison_field_map_get_transform (back, 14), ==, LIAISON_TRANSFORM_VALUES);
  g_assert_cmpstr (liaison_field_map_get_field (back, 14, LIAISON_SERVICE_GHL), ==,
                   "contact.treatment");
  g_assert_true (liaison_field_map_remove_pair (back, "treatment"));
  g_assert_false (liaison_field_map_remove_pair (back, "treatment"));
  g_assert_cmpint (liaison_field_map_find (back, "treatment"), ==, -1);
}

static void
assert_refused (const char *json, const char *words)
{
  g_autoptr (JsonNode) node = json_from_string (json, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonFieldMap) map = NULL;

  g_assert_nonnull (node);
  map = liaison_field_map_new_from_json (node, &error);
  g_assert_null (map);
  g_assert_error (error, LIAISON_FIELD_MAP_ERROR, LIAISON_FIELD_MAP_ERROR_INVALID);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
}

static void
test_json_refused (void)
{
  g_assert_cmpstr (g_quark_to_string (LIAISON_FIELD_MAP_ERROR), ==,
                   "liaison-field-map-error-quark");
  assert_refused ("[]", "not a JSON object");
  assert_refused ("{\"pairs\": []}", "no version");
  assert_refused ("{\"version\": 7, \"pairs\": []}", "version 7");
  assert_refused ("{\"version\": 1, \"pairs\": [{\"key\": \"a\", \"lsq\": \"A\", \"ghl\": \"a\", "
                  "\"polcy\": \"ask\"}]}",
                  "unknown setting “polcy”");
  assert_refused ("{\"version\": 1, \"pairs\": [{\"key\": \"a\", \"lsq\": \"A\", \"ghl\": \"a\", "
                  "\"direction\": \"sideways\"}]}",
                  "direction");
  assert_refused ("{\"version\": 1, \"pairs\": [{\"key\": \"a\", \"ghl\": \"a\"}]}",
                  "no LeadSquared field");
  assert_refused ("{\"version\": 1, \"pairs\": [{\"key\": \"a\", \"lsq\": \"A\", \"ghl\": \"a\", "
                  "\"transform\": \"values\"}]}",
                  "value table");
  assert_refused ("{\"version\": 1, \"pairs\": [{\"key\": \"n\", \"lsq\": \"mx_Name\", \"ghl\": "
                  "\"firstName+lastName\", \"transform\": \"name\"}]}",
                  "“full”");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/field-map/canonical/phone-e164", test_phone_e164);
  g_test_add_func ("/field-map/canonical/nfc", test_nfc);
  g_test_add_func ("/field-map/canonical/email-case", test_email_case);
  g_test_add_func ("/field-map/canonical/tags-set", test_tags_set);
  g_test_add_func ("/field-map/canonical/booleans", test_booleans);
  g_test_add_func ("/field-map/canonical/numbers", test_numbers);
  g_test_add_func ("/field-map/canonical/dates", test_dates);
  g_test_add_func ("/field-map/canonical/owner", test_owner);
  g_test_add_func ("/field-map/hash/mapped-only", test_hash_mapped_only);
  g_test_add_func ("/field-map/serialize", test_serialize);
  g_test_add_func ("/field-map/json/round-trip", test_json_round_trip);
  g_test_add_func ("/field-map/json/refused", test_json_refused);
  return g_test_run ();
}
