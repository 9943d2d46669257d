/* test-field-patch.c: each transform both ways (a contact projected, the canonical value written
 * back in the other service's own form), partial-update bodies holding only the changed fields,
 * creates, and the validation refusals with their sentences.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "field-map-test-util.h"

static void
assert_patch (LiaisonFieldMap *map, LiaisonSide side, const char *changes, const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *body = patch_text (map, side, changes, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (body, ==, expected);
}

static void
assert_patch_error (LiaisonFieldMap *map, LiaisonSide side, const char *changes,
                    LiaisonFieldMapError code, const char *words)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *body = patch_text (map, side, changes, &error);

  g_assert_null (body);
  g_assert_error (error, LIAISON_FIELD_MAP_ERROR, (int) code);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
}

static void
test_transform_text (void)
{
  g_autoptr (LiaisonFieldMap) map = map_from_pairs (
      "[{\"key\": \"plain\", \"lsq\": \"mx_Plain\", \"ghl\": \"contact.plain\"},"
      " {\"key\": \"trim\", \"lsq\": \"mx_Trim\", \"ghl\": \"contact.trim\", \"transform\": "
      "\"trim\"},"
      " {\"key\": \"upper\", \"lsq\": \"mx_Upper\", \"ghl\": \"contact.upper\", \"transform\": "
      "\"case\", \"case\": \"upper\"},"
      " {\"key\": \"title\", \"lsq\": \"mx_Title\", \"ghl\": \"contact.title\", \"transform\": "
      "\"case\", \"case\": \"title\"},"
      " {\"key\": \"fold\", \"lsq\": \"mx_Fold\", \"ghl\": \"contact.fold\", \"transform\": "
      "\"case\"}]");
  g_autoptr (LiaisonContact) lsq = lsq_contact (
      "{\"ProspectID\": \"L1\", \"mx_Plain\": \"  two  spaces \", \"mx_Trim\": \" two \\t "
      "spaces \", \"mx_Upper\": \"pune\", \"mx_Title\": \"mARY-ann o\", \"mx_Fold\": \"STRASSE\"}");
  g_autoptr (JsonObject) projection = liaison_field_map_project (map, LIAISON_SERVICE_LSQ, lsq);
  g_autofree char *bytes = liaison_field_map_serialize (projection);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) body = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpstr (bytes, ==,
                   "{\"fold\":\"strasse\",\"plain\":\"two  spaces\",\"title\":\"Mary-Ann O\","
                   "\"trim\":\"two spaces\",\"upper\":\"PUNE\"}");
  /* Back to HighLevel: the canonical values, as custom fields. */
  body = liaison_field_map_build_patch (map, LIAISON_SERVICE_GHL, projection, &error);
  g_assert_no_error (error);
  text = node_text (body);
  g_assert_cmpstr (text, ==,
                   "{\"customFields\":[{\"id\":\"contact.plain\",\"field_value\":\"two  "
                   "spaces\"},{\"id\":\"contact.trim\",\"field_value\":\"two spaces\"},{\"id\":"
                   "\"contact.upper\",\"field_value\":\"PUNE\"},{\"id\":\"contact.title\","
                   "\"field_value\":\"Mary-Ann O\"},{\"id\":\"contact.fold\",\"field_value\":"
                   "\"strasse\"}]}");
  assert_patch (map, LIAISON_SERVICE_LSQ, "{\"upper\": \"PUNE\", \"plain\": null}",
                "[{\"Attribute\":\"mx_Plain\",\"Value\":\"\"},{\"Attribute\":\"mx_Upper\","
                "\"Value\":\"PUNE\"}]");
}

static void
test_transform_e164 (void)
{
  g_autoptr (LiaisonFieldMap) map = liaison_field_map_new_default ();
  g_autoptr (LiaisonContact) ghl
      = ghl_contact ("{\"id\": \"G1\", \"phone\": \"+1 (415) 555-0134\"}");
  g_autoptr (JsonObject) projection = liaison_field_map_project (map, LIAISON_SERVICE_GHL, ghl);
  g_autoptr (JsonObject) changes = json_object_new ();
  g_autoptr (JsonNode) body = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  json_object_set_member (changes, "phone",
                          json_node_copy (json_object_get_member (projection, "phone")));
  body = liaison_field_map_build_patch (map, LIAISON_SERVICE_LSQ, changes, &error);
  g_assert_no_error (error);
  text = node_text (body);
  g_assert_cmpstr (text, ==, "[{\"Attribute\":\"Phone\",\"Value\":\"+14155550134\"}]");
  assert_patch (map, LIAISON_SERVICE_GHL, "{\"phone\": \"+919876543210\"}",
                "{\"phone\":\"+919876543210\"}");
}

static void
test_transform_date (void)
{
  g_autoptr (LiaisonFieldMap) map = map_from_pairs (
      "[{\"key\": \"visit\", \"lsq\": \"mx_Last_Visit\", \"ghl\": \"contact.last_visit\", "
      "\"transform\": \"date\", \"format\": \"date-time\", \"lsqType\": \"date-time\"},"
      " {\"key\": \"birthday\", \"lsq\": \"mx_Date_of_Birth\", \"ghl\": \"dateOfBirth\", "
      "\"transform\": \"date\", \"lsqType\": \"date\"}]");
  g_autoptr (LiaisonContact) ghl = ghl_contact (
      "{\"id\": \"G1\", \"dateOfBirth\": \"1990-05-01\", \"customFields\": [{\"id\": "
      "\"contact.last_visit\", \"value\": \"2024-03-05T19:45:00+05:30\"}]}");
  g_autoptr (JsonObject) projection = liaison_field_map_project (map, LIAISON_SERVICE_GHL, ghl);
  g_autoptr (JsonNode) body = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  body = liaison_field_map_build_patch (map, LIAISON_SERVICE_LSQ, projection, &error);
  g_assert_no_error (error);
  text = node_text (body);
  /* LeadSquared: its own "YYYY-MM-DD HH:MM:SS" in UTC. */
  g_assert_cmpstr (text, ==,
                   "[{\"Attribute\":\"mx_Last_Visit\",\"Value\":\"2024-03-05 14:15:00\"},"
                   "{\"Attribute\":\"mx_Date_of_Birth\",\"Value\":\"1990-05-01\"}]");
  assert_patch (map, LIAISON_SERVICE_GHL,
                "{\"visit\": \"2024-03-05T14:15:00Z\", \"birthday\": \"1990-05-01\"}",
                "{\"dateOfBirth\":\"1990-05-01\",\"customFields\":[{\"id\":\"contact.last_"
                "visit\",\"field_value\":\"2024-03-05T14:15:00Z\"}]}");
}

static void
test_transform_values (void)
{
  g_autoptr (LiaisonFieldMap) map = map_from_pairs (
      "[{\"key\": \"treatment\", \"lsq\": \"mx_Treatment\", \"ghl\": \"contact.treatment\", "
      "\"transform\": \"values\", \"values\": {\"Checkup\": \"Check-up\", \"Braces\": "
      "\"Orthodontics\"}}]");
  g_autoptr (LiaisonContact) lsq
      = lsq_contact ("{\"ProspectID\": \"L1\", \"mx_Treatment\": \"Checkup\"}");
  g_autoptr (LiaisonContact) ghl = ghl_contact (
      "{\"id\": \"G1\", \"customFields\": [{\"id\": \"contact.treatment\", \"value\": "
      "\"Check-up\"}]}");
  g_autoptr (LiaisonContact) other
      = lsq_contact ("{\"ProspectID\": \"L2\", \"mx_Treatment\": \"Implants\"}");
  g_autofree char *a = projected (map, LIAISON_SERVICE_LSQ, lsq, "treatment");
  g_autofree char *b = projected (map, LIAISON_SERVICE_GHL, ghl, "treatment");
  g_autofree char *c = projected (map, LIAISON_SERVICE_LSQ, other, "treatment");

  g_assert_cmpstr (a, ==, "\"Check-up\"");
  g_assert_cmpstr (b, ==, a);
  g_assert_cmpstr (c, ==, "\"Implants\""); /* not in the table: as it is */
  assert_patch (map, LIAISON_SERVICE_LSQ, "{\"treatment\": \"Orthodontics\"}",
                "[{\"Attribute\":\"mx_Treatment\",\"Value\":\"Braces\"}]");
  assert_patch (map, LIAISON_SERVICE_GHL, "{\"treatment\": \"Orthodontics\"}",
                "{\"customFields\":[{\"id\":\"contact.treatment\",\"field_value\":"
                "\"Orthodontics\"}]}");
}

static void
test_transform_name (void)
{
  g_autoptr (LiaisonFieldMap) map = map_from_pairs (
      "[{\"key\": \"name\", \"lsq\": \"mx_Full_Name\", \"ghl\": \"firstName+lastName\", "
      "\"transform\": \"name\", \"full\": \"lsq\"}]");
  g_autoptr (LiaisonContact) lsq
      = lsq_contact ("{\"ProspectID\": \"L1\", \"mx_Full_Name\": \" Ada  King Lovelace\"}");
  g_autoptr (LiaisonContact) ghl
      = ghl_contact ("{\"id\": \"G1\", \"firstName\": \"Ada King\", \"lastName\": \"Lovelace\"}");
  g_autofree char *full = projected (map, LIAISON_SERVICE_LSQ, lsq, "name");
  g_autofree char *joined = projected (map, LIAISON_SERVICE_GHL, ghl, "name");

  g_assert_cmpstr (full, ==, "\"Ada King Lovelace\"");
  g_assert_cmpstr (joined, ==, full);
  assert_patch (map, LIAISON_SERVICE_GHL, "{\"name\": \"Ada King Lovelace\"}",
                "{\"firstName\":\"Ada King\",\"lastName\":\"Lovelace\"}");
  assert_patch (map, LIAISON_SERVICE_GHL, "{\"name\": \"Cher\"}",
                "{\"firstName\":\"Cher\",\"lastName\":null}");
  assert_patch (map, LIAISON_SERVICE_LSQ, "{\"name\": \"Ada King Lovelace\"}",
                "[{\"Attribute\":\"mx_Full_Name\",\"Value\":\"Ada King Lovelace\"}]");
}

static void
test_transform_set (void)
{
  g_autoptr (LiaisonFieldMap) map = map_from_pairs (
      "[{\"key\": \"tags\", \"lsq\": \"mx_Tags\", \"ghl\": \"tags\", \"transform\": \"set\", "
      "\"separator\": \",\"},"
      " {\"key\": \"languages\", \"lsq\": \"mx_Languages\", \"ghl\": \"contact.languages\", "
      "\"lsqType\": \"multiple-options\", \"ghlType\": \"multiple-options\"}]");
  g_autoptr (GPtrArray) ghl_defs = g_ptr_array_new_with_free_func (g_object_unref);
  LiaisonFieldDef *def
      = field_def ("cfL", "contact.languages", LIAISON_FIELD_TYPE_MULTIPLE_OPTIONS, TRUE);
  g_autoptr (LiaisonContact) lsq = lsq_contact ("{\"ProspectID\": \"L1\", \"mx_Tags\": \"VIP, "
                                                "lead\", \"mx_Languages\": \"English;Español\"}");
  g_autofree char *tags = projected (map, LIAISON_SERVICE_LSQ, lsq, "tags");

  g_assert_cmpstr (tags, ==, "[\"lead\",\"vip\"]");
  assert_patch (map, LIAISON_SERVICE_GHL, "{\"tags\": [\"lead\", \"vip\"]}",
                "{\"tags\":[\"lead\",\"vip\"]}");
  assert_patch (map, LIAISON_SERVICE_GHL, "{\"tags\": null}", "{\"tags\":[]}");
  assert_patch (map, LIAISON_SERVICE_LSQ, "{\"tags\": [\"lead\", \"vip\"]}",
                "[{\"Attribute\":\"mx_Tags\",\"Value\":\"lead,vip\"}]");

  /* Options go back as the field defines them, not case-folded. */
  liaison_field_def_set_options (def, (const char *const[]){ "English", "Español", NULL });
  g_ptr_array_add (ghl_defs, def);
  liaison_field_map_set_field_defs (map, NULL, ghl_defs);
  assert_patch (map, LIAISON_SERVICE_GHL, "{\"languages\": [\"english\", \"español\"]}",
                "{\"customFields\":[{\"id\":\"cfL\",\"field_value\":[\"English\","
                "\"Español\"]}]}");
}

static void
test_transform_owner (void)
{
  g_autoptr (LiaisonFieldMap) map = liaison_field_map_new_default ();
  g_autoptr (GPtrArray) lsq_users = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) ghl_users = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (lsq_users, user_new ("lsq-user-7", "sam.rao@clinic.example"));
  g_ptr_array_add (ghl_users, user_new ("ghlU3", "Sam.Rao@clinic.example"));
  liaison_field_map_set_users (map, lsq_users, ghl_users);

  assert_patch (map, LIAISON_SERVICE_GHL, "{\"owner\": \"sam.rao@clinic.example\"}",
                "{\"assignedTo\":\"ghlU3\"}");
  assert_patch (map, LIAISON_SERVICE_LSQ, "{\"owner\": \"sam.rao@clinic.example\"}",
                "[{\"Attribute\":\"OwnerId\",\"Value\":\"lsq-user-7\"}]");
  assert_patch (map, LIAISON_SERVICE_GHL, "{\"owner\": \"ghl:ghlU9\"}",
                "{\"assignedTo\":\"ghlU9\"}");
  assert_patch_error (map, LIAISON_SERVICE_GHL, "{\"owner\": \"new.hire@clinic.example\"}",
                      LIAISON_FIELD_MAP_ERROR_UNMAPPABLE,
                      "no HighLevel user has the e-mail address new.hire@clinic.example");
  assert_patch_error (map, LIAISON_SERVICE_LSQ, "{\"owner\": \"ghl:ghlU9\"}",
                      LIAISON_FIELD_MAP_ERROR_UNMAPPABLE, "“OwnerId”");
}

static void
test_patch_only_changed (void)
{
  g_autoptr (LiaisonFieldMap) map = liaison_field_map_new_default ();

  /* Nothing else: no dnd, no tags, no date of birth the person did not change. */
  assert_patch (map, LIAISON_SERVICE_GHL, "{\"email\": \"ada@example.com\"}",
                "{\"email\":\"ada@example.com\"}");
  assert_patch (map, LIAISON_SERVICE_GHL, "{\"doNotContact\": \"true\", \"city\": null}",
                "{\"city\":null,\"dnd\":true}");
  assert_patch (map, LIAISON_SERVICE_LSQ, "{\"doNotContact\": \"false\"}",
                "[{\"Attribute\":\"DoNotEmail\",\"Value\":\"0\"},{\"Attribute\":\"DoNotCall\","
                "\"Value\":\"0\"},{\"Attribute\":\"DoNotSMS\",\"Value\":\"0\"}]");
  assert_patch (map, LIAISON_SERVICE_LSQ, "{}", "[]");
  assert_patch (map, LIAISON_SERVICE_GHL, "{}", "{}");

  /* HighLevel takes a company name on create only. */
  g_assert_false (liaison_field_map_can_update (map, liaison_field_map_find (map, "company"),
                                                LIAISON_SERVICE_GHL));
  g_assert_true (liaison_field_map_can_update (map, liaison_field_map_find (map, "company"),
                                               LIAISON_SERVICE_LSQ));
  assert_patch_error (map, LIAISON_SERVICE_GHL, "{\"company\": \"Acme\"}",
                      LIAISON_FIELD_MAP_ERROR_UNMAPPABLE, "only when a contact is created");
  assert_patch (map, LIAISON_SERVICE_LSQ, "{\"company\": \"Acme\"}",
                "[{\"Attribute\":\"Company\",\"Value\":\"Acme\"}]");
  assert_patch_error (map, LIAISON_SERVICE_GHL, "{\"nickname\": \"x\"}",
                      LIAISON_FIELD_MAP_ERROR_INVALID, "no pair “nickname”");

  /* A one-way pair never writes its source. */
  liaison_field_map_set_direction (map, liaison_field_map_find (map, "email"), LIAISON_SYNC_TO_GHL);
  assert_patch_error (map, LIAISON_SERVICE_LSQ, "{\"email\": \"ada@example.com\"}",
                      LIAISON_FIELD_MAP_ERROR_INVALID, "does not write to LeadSquared");
}

static void
test_create (void)
{
  g_autoptr (LiaisonFieldMap) map = liaison_field_map_new_default ();
  g_autoptr (LiaisonContact) lsq = lsq_contact (
      "{\"ProspectID\": \"L1\", \"FirstName\": \"Ada\", \"EmailAddress\": \"Ada@Example.com\", "
      "\"Company\": \"Acme\", \"OwnerId\": \"nobody\", \"DoNotEmail\": \"0\"}");
  g_autoptr (JsonObject) projection = liaison_field_map_project (map, LIAISON_SERVICE_LSQ, lsq);
  g_auto (GStrv) skipped = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) body = NULL;
  g_autofree char *text = NULL;

  body = liaison_field_map_build_create (map, LIAISON_SERVICE_GHL, projection, &skipped, &error);
  g_assert_no_error (error);
  text = node_text (body);
  /* The owner has no HighLevel user: left out, the contact still made. */
  g_assert_cmpstr (text, ==,
                   "{\"firstName\":\"Ada\",\"email\":\"ada@example.com\",\"companyName\":"
                   "\"Acme\",\"dnd\":false}");
  g_assert_cmpuint (g_strv_length (skipped), ==, 1);
  g_assert_cmpstr (skipped[0], ==, "owner");
}

static void
assert_invalid (LiaisonFieldMap *map, GPtrArray *lsq_defs, GPtrArray *ghl_defs,
                LiaisonFieldMapError code, const char *const *words)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (liaison_field_map_validate (map, lsq_defs, ghl_defs, &error));
  g_assert_error (error, LIAISON_FIELD_MAP_ERROR, (int) code);
  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (error->message, words[i]) == NULL)
      g_error ("“%s” does not say “%s”", error->message, words[i]);
}

static GPtrArray *
lsq_defs_without_state (void)
{
  GPtrArray *defs = g_ptr_array_new_with_free_func (g_object_unref);
  static const char *const fields[] = { "FirstName", "LastName",   "mx_Street1",   "mx_City",
                                        "mx_Zip",    "mx_Country", "mx_Background" };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_ptr_array_add (defs, field_def (fields[i], fields[i], LIAISON_FIELD_TYPE_TEXT,
                                      g_str_has_prefix (fields[i], "mx_")));
  g_ptr_array_add (defs, field_def ("mx_Visits", "mx_Visits", LIAISON_FIELD_TYPE_NUMBER, TRUE));
  return defs;
}

static void
test_validate (void)
{
  g_autoptr (LiaisonFieldMap) map = liaison_field_map_new_default ();
  g_autoptr (GPtrArray) lsq_defs = lsq_defs_without_state ();
  g_autoptr (GPtrArray) ghl_defs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) pair = NULL;
  g_auto (GStrv) dropped = NULL;
  g_autoptr (LiaisonFieldMap) copy = NULL;

  g_ptr_array_add (ghl_defs,
                   field_def ("cfV", "contact.number_of_visits", LIAISON_FIELD_TYPE_NUMBER, TRUE));
  g_ptr_array_add (ghl_defs,
                   field_def ("cfB", "contact.background", LIAISON_FIELD_TYPE_LARGE_TEXT, TRUE));

  /* The defaults are fine while no definitions are known... */
  g_assert_true (liaison_field_map_validate (map, NULL, NULL, &error));
  g_assert_no_error (error);
  /* ...but this account has no mx_State. */
  assert_invalid (map, lsq_defs, ghl_defs, LIAISON_FIELD_MAP_ERROR_UNKNOWN_FIELD,
                  (const char *const[]){ "LeadSquared field “mx_State”", "pair “state”",
                                         "does not exist", NULL });
  copy = liaison_field_map_copy (map);
  dropped = liaison_field_map_drop_missing (copy, lsq_defs, ghl_defs);
  g_assert_cmpuint (g_strv_length (dropped), ==, 1);
  g_assert_cmpstr (dropped[0], ==, "state");
  g_assert_true (liaison_field_map_validate (copy, lsq_defs, ghl_defs, &error));
  g_assert_no_error (error);

  /* Text cannot always be written into a number field. */
  pair = json_from_string ("{\"key\": \"visits\", \"lsq\": \"mx_Background\", \"ghl\": "
                           "\"contact.number_of_visits\"}",
                           NULL);
  g_assert_true (liaison_field_map_put_pair (copy, json_node_get_object (pair), &error));
  assert_invalid (copy, lsq_defs, ghl_defs, LIAISON_FIELD_MAP_ERROR_TYPE_MISMATCH,
                  (const char *const[]){ "HighLevel field “contact.number_of_visits”",
                                         "holds numbers", "LeadSquared field “mx_Background”",
                                         "holds text", NULL });
  /* One way into the text field is fine. */
  liaison_field_map_set_direction (copy, liaison_field_map_find (copy, "visits"),
                                   LIAISON_SYNC_TO_LSQ);
  g_assert_true (liaison_field_map_validate (copy, lsq_defs, ghl_defs, &error));
  g_assert_no_error (error);
  g_clear_pointer (&pair, json_node_unref);

  /* A field written by two pairs. */
  pair = json_from_string ("{\"key\": \"fullName\", \"lsq\": \"mx_Background\", \"ghl\": "
                           "\"firstName+lastName\", \"transform\": \"name\", \"full\": \"lsq\", "
                           "\"direction\": \"to-ghl\"}",
                           NULL);
  g_assert_true (liaison_field_map_put_pair (copy, json_node_get_object (pair), &error));
  assert_invalid (copy, lsq_defs, ghl_defs, LIAISON_FIELD_MAP_ERROR_DUPLICATE_TARGET,
                  (const char *const[]){ "pairs “firstName” and “fullName”",
                                         "HighLevel field “firstName”", NULL });
  g_assert_true (liaison_field_map_remove_pair (copy, "fullName"));
  g_clear_pointer (&pair, json_node_unref);

  /* A field the service sets itself. */
  pair = json_from_string ("{\"key\": \"score\", \"lsq\": \"EngagementScore\", \"ghl\": "
                           "\"contact.number_of_visits\", \"direction\": \"to-lsq\"}",
                           NULL);
  g_assert_true (liaison_field_map_put_pair (copy, json_node_get_object (pair), &error));
  liaison_field_map_remove_pair (copy, "visits");
  assert_invalid (copy, lsq_defs, ghl_defs, LIAISON_FIELD_MAP_ERROR_INVALID,
                  (const char *const[]){ "“EngagementScore”", "set by LeadSquared itself", NULL });
  g_clear_pointer (&pair, json_node_unref);

  /* A HighLevel custom field that is gone, and a join that is neither flags nor a name. */
  pair = json_from_string ("{\"key\": \"score\", \"lsq\": \"FirstName+mx_City\", \"ghl\": "
                           "\"contact.gone\"}",
                           NULL);
  g_assert_true (liaison_field_map_put_pair (copy, json_node_get_object (pair), &error));
  assert_invalid (
      copy, lsq_defs, ghl_defs, LIAISON_FIELD_MAP_ERROR_INVALID,
      (const char *const[]){ "joins the LeadSquared fields “FirstName+mx_City”", NULL });
  g_clear_pointer (&pair, json_node_unref);
  pair = json_from_string ("{\"key\": \"score\", \"lsq\": \"mx_City\", \"ghl\": "
                           "\"contact.gone\", \"direction\": \"to-lsq\"}",
                           NULL);
  g_assert_true (liaison_field_map_put_pair (copy, json_node_get_object (pair), &error));
  assert_invalid (copy, lsq_defs, ghl_defs, LIAISON_FIELD_MAP_ERROR_UNKNOWN_FIELD,
                  (const char *const[]){ "HighLevel field “contact.gone”", NULL });
}

static LiaisonFieldMap *
map_with_pair (const char *pair_json)
{
  LiaisonFieldMap *map = liaison_field_map_new_default ();
  g_autoptr (JsonNode) pair = json_from_string (pair_json, NULL);
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (pair);
  g_assert_true (liaison_field_map_put_pair (map, json_node_get_object (pair), &error));
  g_assert_no_error (error);
  return map;
}

/* Free text written into a single-choice picklist is refused, naming both fields, unless a value
 * table translates it or the pair is one-way from the picklist; the defaults leave out such a
 * pair, and drop_refused() leaves out a default pair the accounts' types turn into one. */
static void
test_validate_picklist (void)
{
  g_autoptr (LiaisonFieldMap) defaults = liaison_field_map_new_default ();
  g_autoptr (LiaisonFieldMap) both = NULL;
  g_autoptr (LiaisonFieldMap) one_way = NULL;
  g_autoptr (LiaisonFieldMap) table = NULL;
  g_autoptr (LiaisonFieldMap) custom = NULL;
  g_autoptr (LiaisonFieldMap) two_lists = NULL;
  g_autoptr (GPtrArray) lsq_defs = lsq_defs_without_state ();
  g_autoptr (GPtrArray) ghl_defs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) picky_lsq = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) dropped = NULL;

  g_ptr_array_add (ghl_defs,
                   field_def ("cfT", "contact.treatment", LIAISON_FIELD_TYPE_SINGLE_OPTION, TRUE));
  g_ptr_array_add (
      lsq_defs, field_def ("mx_Treatment", "mx_Treatment", LIAISON_FIELD_TYPE_SINGLE_OPTION, TRUE));
  g_assert_cmpint (liaison_field_map_find (defaults, "source"), ==, -1);
  g_assert_true (liaison_field_map_validate (defaults, NULL, NULL, &error));
  g_assert_no_error (error);

  /* LeadSquared's Source is a picklist (even before its definitions are read). */
  both = map_with_pair ("{\"key\": \"source\", \"lsq\": \"Source\", \"ghl\": \"source\"}");
  assert_invalid (both, NULL, NULL, LIAISON_FIELD_MAP_ERROR_TYPE_MISMATCH,
                  (const char *const[]){ "pair “source”", "LeadSquared picklist “Source”",
                                         "HighLevel free-text field “source”", "value table",
                                         NULL });
  one_way = map_with_pair ("{\"key\": \"source\", \"lsq\": \"Source\", \"ghl\": \"source\", "
                           "\"direction\": \"to-ghl\"}");
  g_assert_true (liaison_field_map_validate (one_way, NULL, NULL, &error));
  g_assert_no_error (error);
  table = map_with_pair ("{\"key\": \"source\", \"lsq\": \"Source\", \"ghl\": \"source\", "
                         "\"transform\": \"values\", \"values\": {\"Walk-in\": \"walk in\"}}");
  g_assert_true (liaison_field_map_validate (table, NULL, NULL, &error));
  g_assert_no_error (error);

  /* A HighLevel custom picklist written from LeadSquared text; two picklists are fine. */
  custom = map_with_pair ("{\"key\": \"treatment\", \"lsq\": \"mx_Background\", \"ghl\": "
                          "\"contact.treatment\"}");
  liaison_field_map_remove_pair (custom, "state");
  assert_invalid (custom, lsq_defs, ghl_defs, LIAISON_FIELD_MAP_ERROR_TYPE_MISMATCH,
                  (const char *const[]){ "HighLevel picklist “contact.treatment”",
                                         "LeadSquared free-text field “mx_Background”", NULL });
  liaison_field_map_set_direction (custom, liaison_field_map_find (custom, "treatment"),
                                   LIAISON_SYNC_TO_LSQ);
  g_assert_true (liaison_field_map_validate (custom, lsq_defs, ghl_defs, &error));
  g_assert_no_error (error);
  two_lists = map_with_pair ("{\"key\": \"treatment\", \"lsq\": \"mx_Treatment\", \"ghl\": "
                             "\"contact.treatment\"}");
  liaison_field_map_remove_pair (two_lists, "state");
  g_assert_true (liaison_field_map_validate (two_lists, lsq_defs, ghl_defs, &error));
  g_assert_no_error (error);

  /* An account whose City is a picklist: the fitted defaults leave "city" (and the missing
   * "state") out, and what is left validates. */
  g_ptr_array_add (picky_lsq,
                   field_def ("mx_City", "mx_City", LIAISON_FIELD_TYPE_SINGLE_OPTION, TRUE));
  g_ptr_array_add (picky_lsq, field_def ("mx_Zip", "mx_Zip", LIAISON_FIELD_TYPE_TEXT, TRUE));
  g_ptr_array_add (picky_lsq,
                   field_def ("mx_Street1", "mx_Street1", LIAISON_FIELD_TYPE_TEXT, TRUE));
  g_ptr_array_add (picky_lsq,
                   field_def ("mx_Country", "mx_Country", LIAISON_FIELD_TYPE_TEXT, TRUE));
  dropped = liaison_field_map_drop_refused (defaults, picky_lsq, ghl_defs);
  g_assert_cmpuint (g_strv_length (dropped), ==, 2);
  g_assert_true (g_strv_contains ((const char *const *) dropped, "city"));
  g_assert_true (g_strv_contains ((const char *const *) dropped, "state"));
  g_assert_cmpint (liaison_field_map_find (defaults, "postalCode"), >=, 0);
  g_assert_true (liaison_field_map_validate (defaults, picky_lsq, ghl_defs, &error));
  g_assert_no_error (error);
}

/* The owner transform translates users: an owner pair must join the user fields of both sides,
 * and the user fields take no other transform; each refusal names the fields. */
static void
test_validate_owner (void)
{
  g_autoptr (LiaisonFieldMap) defaults = liaison_field_map_new_default ();
  g_autoptr (LiaisonFieldMap) city = NULL;
  g_autoptr (LiaisonFieldMap) lsq_city = NULL;
  g_autoptr (LiaisonFieldMap) plain = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (liaison_field_map_find (defaults, "owner"), >=, 0);
  g_assert_true (liaison_field_map_validate (defaults, NULL, NULL, &error));
  g_assert_no_error (error);

  city = map_with_pair (
      "{\"key\": \"owner2\", \"lsq\": \"OwnerId\", \"ghl\": \"city\", \"transform\": \"owner\"}");
  assert_invalid (city, NULL, NULL, LIAISON_FIELD_MAP_ERROR_TYPE_MISMATCH,
                  (const char *const[]){ "pair “owner2”", "HighLevel field “city” holds no user",
                                         "“OwnerId”", "“assignedTo”", NULL });
  lsq_city = map_with_pair ("{\"key\": \"owner2\", \"lsq\": \"mx_City\", \"ghl\": "
                            "\"assignedTo\", \"transform\": \"owner\", \"direction\": \"to-ghl\"}");
  assert_invalid (lsq_city, NULL, NULL, LIAISON_FIELD_MAP_ERROR_TYPE_MISMATCH,
                  (const char *const[]){ "LeadSquared field “mx_City” holds no user", NULL });
  plain = map_with_pair ("{\"key\": \"owner2\", \"lsq\": \"JobTitle\", \"ghl\": \"assignedTo\"}");
  assert_invalid (plain, NULL, NULL, LIAISON_FIELD_MAP_ERROR_TYPE_MISMATCH,
                  (const char *const[]){ "HighLevel user field “assignedTo”", "“JobTitle”",
                                         "without the owner transform", NULL });
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/field-map/transform/text", test_transform_text);
  g_test_add_func ("/field-map/transform/e164", test_transform_e164);
  g_test_add_func ("/field-map/transform/date", test_transform_date);
  g_test_add_func ("/field-map/transform/values", test_transform_values);
  g_test_add_func ("/field-map/transform/name", test_transform_name);
  g_test_add_func ("/field-map/transform/set", test_transform_set);
  g_test_add_func ("/field-map/transform/owner", test_transform_owner);
  g_test_add_func ("/field-map/patch/only-changed", test_patch_only_changed);
  g_test_add_func ("/field-map/patch/create", test_create);
  g_test_add_func ("/field-map/validate", test_validate);
  g_test_add_func ("/field-map/validate/picklist", test_validate_picklist);
  g_test_add_func ("/field-map/validate/owner", test_validate_owner);
  return g_test_run ();
}
