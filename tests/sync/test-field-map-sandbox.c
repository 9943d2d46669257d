/* test-field-map-sandbox.c: the field map against the in-process sandbox, through the real
 * clients: the defaults fitted to the accounts a refresh read validate; the partial bodies
 * build_patch makes are taken by both services; and what each service then sends back projects
 * to exactly the canonical values that were written, so a write never comes back as a change.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "liaison-bearer-authorizer.h"
#include "liaison-field-map-cache.h"
#include "liaison-ghl-client-patch.h"
#include "liaison-lsq-client-patch.h"
#include "liaison-lsq-key-authorizer.h"
#include "liaison-normalize.h"
#include "liaison-refresher.h"
#include "liaison-sandbox.h"
#include "store-test-util.h"

typedef struct
{
  LiaisonSandbox *sandbox;
  SoupSession *control;
  char *dir;
  LiaisonStore *store;
  char *lsq_id;
  char *ghl_id;
  LiaisonGhlClient *ghl;
  LiaisonLsqClient *lsq;
} Fixture;

static JsonArray *
sandbox_records (Fixture *f, const char *base, const char *collection)
{
  g_autofree char *url = g_strdup_printf ("%s/_sandbox/%s", base, collection);
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;

  reply = soup_session_send_and_read (f->control, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  node = json_from_string (g_bytes_get_data (reply, NULL), &error);
  g_assert_no_error (error);
  return json_array_ref (json_object_get_array_member (json_node_get_object (node), "records"));
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  LiaisonSandboxOptions options;
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonHttp) ghl_http = NULL;
  g_autoptr (LiaisonHttp) lsq_http = NULL;
  g_autoptr (LiaisonAuthorizer) ghl_auth = NULL;
  g_autoptr (LiaisonAuthorizer) lsq_auth = NULL;
  g_autoptr (LiaisonRefresher) refresher = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *path = NULL;

  liaison_sandbox_options_init (&options);
  options.seed = 23;
  options.contacts = 30;
  options.ghl_rate = "1000/1s";
  options.lsq_rate = "1000/1s";
  f->sandbox = liaison_sandbox_new (&options);
  g_assert_true (liaison_sandbox_start_in_thread (f->sandbox, &error));
  g_assert_no_error (error);
  f->control = soup_session_new ();

  f->dir = store_test_tmpdir ();
  path = g_build_filename (f->dir, "profile.db", NULL);
  f->store = store_test_open (path, "IN", &error);
  g_assert_no_error (error);
  f->lsq_id = store_test_add_connection (f->store, LIAISON_SERVICE_LSQ, "sandbox-org");
  f->ghl_id = store_test_add_connection (f->store, LIAISON_SERVICE_GHL,
                                         liaison_sandbox_get_location_id (f->sandbox));

  ghl_auth = liaison_bearer_authorizer_new (liaison_sandbox_get_private_token (f->sandbox));
  ghl_http = liaison_http_new (LIAISON_HTTP_SERVICE_GHL, liaison_sandbox_get_ghl_url (f->sandbox),
                               ghl_auth, &error);
  g_assert_no_error (error);
  f->ghl = liaison_ghl_client_new (ghl_http, liaison_sandbox_get_location_id (f->sandbox));
  lsq_auth = liaison_lsq_key_authorizer_new (liaison_sandbox_get_lsq_access_key (f->sandbox),
                                             liaison_sandbox_get_lsq_secret_key (f->sandbox));
  lsq_http = liaison_http_new (LIAISON_HTTP_SERVICE_LSQ, liaison_sandbox_get_lsq_url (f->sandbox),
                               lsq_auth, &error);
  g_assert_no_error (error);
  liaison_rate_limiter_set_limit (liaison_http_get_rate_limiter (lsq_http), 1000, 1000);
  liaison_rate_limiter_set_limit (liaison_http_get_rate_limiter (ghl_http), 1000, 1000);
  f->lsq = liaison_lsq_client_new (lsq_http);

  /* The fields and users a refresh caches are what the map is fitted with. */
  refresher = liaison_refresher_new (f->store, f->lsq, f->lsq_id, f->ghl, f->ghl_id);
  liaison_refresher_run_async (refresher, TRUE, NULL, store_test_result_cb, &result);
  g_assert_true (liaison_refresher_run_finish (refresher, store_test_wait (&result), &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->ghl);
  g_clear_object (&f->lsq);
  store_test_drain ();
  g_clear_object (&f->store);
  store_test_drain ();
  g_clear_object (&f->control);
  liaison_sandbox_stop (f->sandbox);
  g_clear_object (&f->sandbox);
  store_test_rmtree (f->dir);
  g_free (f->lsq_id);
  g_free (f->ghl_id);
  g_free (f->dir);
}

static LiaisonContact *
get_lead (Fixture *f, const char *id)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  LiaisonContact *contact;

  liaison_lsq_client_get_lead_async (f->lsq, id, NULL, store_test_result_cb, &result);
  contact = liaison_lsq_client_get_lead_finish (f->lsq, store_test_wait (&result), &error);
  g_assert_no_error (error);
  return contact;
}

static LiaisonContact *
get_contact (Fixture *f, const char *id)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  LiaisonContact *contact;

  liaison_ghl_client_get_contact_async (f->ghl, id, NULL, store_test_result_cb, &result);
  contact = liaison_ghl_client_get_contact_finish (f->ghl, store_test_wait (&result), &error);
  g_assert_no_error (error);
  return contact;
}

static LiaisonFieldMap *
profile_map (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) lsq_defs = NULL;
  g_autoptr (GPtrArray) ghl_defs = NULL;
  LiaisonFieldMap *map;

  map = liaison_field_map_new_for_profile (NULL, f->store, f->lsq_id, f->ghl_id, &error);
  g_assert_no_error (error);
  g_assert_true (liaison_field_map_read_cache (f->store, f->lsq_id, &lsq_defs, NULL, &error));
  g_assert_true (liaison_field_map_read_cache (f->store, f->ghl_id, &ghl_defs, NULL, &error));
  g_assert_cmpuint (lsq_defs->len, >, 10);
  /* The sandbox's LeadSquared has no mx_State: the defaults leave that pair out and pass. */
  g_assert_cmpint (liaison_field_map_find (map, "state"), ==, -1);
  g_assert_cmpint (liaison_field_map_find (map, "city"), >=, 0);
  g_assert_true (liaison_field_map_validate (map, lsq_defs, ghl_defs, &error));
  g_assert_no_error (error);
  return map;
}

/* A lead and a contact of one person (the same e-mail), so that writing one's values to the
 * other meets no other record's unique e-mail. */
static void
find_person (Fixture *f, char **lead_id, char **contact_id)
{
  g_autoptr (JsonArray) leads
      = sandbox_records (f, liaison_sandbox_get_lsq_url (f->sandbox), "lsq/leads");
  g_autoptr (JsonArray) contacts
      = sandbox_records (f, liaison_sandbox_get_ghl_url (f->sandbox), "ghl/contacts");

  for (guint i = 0; i < json_array_get_length (leads); i++)
    {
      JsonObject *lead = json_array_get_object_element (leads, i);
      g_autofree char *a = NULL;

      if (!json_object_has_member (lead, "EmailAddress")
          || JSON_NODE_HOLDS_NULL (json_object_get_member (lead, "EmailAddress")))
        continue;
      a = liaison_normalize_email (json_object_get_string_member (lead, "EmailAddress"));
      for (guint k = 0; a != NULL && k < json_array_get_length (contacts); k++)
        {
          JsonObject *contact = json_array_get_object_element (contacts, k);
          JsonNode *email = json_object_get_member (contact, "email");
          g_autofree char *b = email != NULL && JSON_NODE_HOLDS_VALUE (email)
                                   ? liaison_normalize_email (json_node_get_string (email))
                                   : NULL;

          if (g_strcmp0 (a, b) == 0)
            {
              *lead_id = g_strdup (json_object_get_string_member (lead, "ProspectID"));
              *contact_id = g_strdup (json_object_get_string_member (contact, "id"));
              return;
            }
        }
    }
  g_error ("the sandbox has no person on both sides");
}

/* Writes values (pair key -> canonical) to one side, pair by pair so that one the side cannot
 * take (an owner without a user there) is left out; returns the keys written. */
static GPtrArray *
write_values (Fixture *f, LiaisonFieldMap *map, LiaisonSide side, const char *id,
              JsonObject *values)
{
  g_autoptr (JsonObject) changes = json_object_new ();
  g_autoptr (JsonNode) body = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *written = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GList) members = json_object_get_members (values);

  for (GList *l = members; l != NULL; l = l->next)
    {
      int index = liaison_field_map_find (map, l->data);
      g_autoptr (JsonObject) one = json_object_new ();
      g_autoptr (JsonNode) probe = NULL;
      g_autoptr (GError) local = NULL;
      JsonNode *value = json_object_get_member (values, l->data);

      if (index < 0 || !liaison_field_map_can_update (map, index, side))
        continue;
      json_object_set_member (one, l->data, json_node_copy (value));
      probe = liaison_field_map_build_patch (map, side, one, &local);
      if (probe == NULL)
        {
          g_assert_error (local, LIAISON_FIELD_MAP_ERROR, LIAISON_FIELD_MAP_ERROR_UNMAPPABLE);
          g_test_message ("left out: %s", local->message);
          continue;
        }
      json_object_set_member (changes, l->data, json_node_copy (value));
      g_ptr_array_add (written, g_strdup (l->data));
    }
  body = liaison_field_map_build_patch (map, side, changes, &error);
  g_assert_no_error (error);

  if (side == LIAISON_SERVICE_GHL)
    {
      g_autoptr (LiaisonContact) updated = NULL;

      liaison_ghl_client_patch_contact_async (f->ghl, id, body, NULL, store_test_result_cb,
                                              &result);
      updated = liaison_ghl_client_patch_contact_finish (f->ghl, store_test_wait (&result), &error);
    }
  else
    {
      liaison_lsq_client_patch_lead_async (f->lsq, id, body, NULL, store_test_result_cb, &result);
      liaison_lsq_client_done_finish (f->lsq, store_test_wait (&result), &error);
    }
  g_assert_no_error (error);
  return written;
}

static void
assert_projects_to (LiaisonFieldMap *map, LiaisonSide side, LiaisonContact *contact,
                    JsonObject *expected, GPtrArray *keys)
{
  g_autoptr (JsonObject) now = liaison_field_map_project (map, side, contact);

  for (guint i = 0; i < keys->len; i++)
    {
      JsonNode *want = json_object_get_member (expected, keys->pdata[i]);
      JsonNode *got = json_object_get_member (now, keys->pdata[i]);

      if (!liaison_field_map_value_equal (want, got))
        {
          g_autofree char *a = json_to_string (want, FALSE);
          g_autofree char *b = json_to_string (got, FALSE);

          g_error ("%s: wrote %s, read back %s", (char *) keys->pdata[i], a, b);
        }
    }
}

/* The pairs on which a HighLevel contact does not (yet) mean what values say. */
static guint
n_differing (LiaisonFieldMap *map, LiaisonContact *contact, JsonObject *values)
{
  g_autoptr (JsonObject) now = liaison_field_map_project (map, LIAISON_SERVICE_GHL, contact);
  guint n = 0;

  for (guint i = 0; i < liaison_field_map_get_n_pairs (map); i++)
    {
      const char *key = liaison_field_map_get_key (map, i);

      if (json_object_has_member (values, key)
          && !liaison_field_map_value_equal (json_object_get_member (now, key),
                                             json_object_get_member (values, key)))
        {
          g_autofree char *a = json_to_string (json_object_get_member (values, key), FALSE);
          g_autofree char *b = json_to_string (json_object_get_member (now, key), FALSE);

          g_test_message ("%s differs: %s in LeadSquared, %s in HighLevel", key, a, b);
          n++;
        }
    }
  return n;
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonFieldMap) map = profile_map (f);
  g_autofree char *lead_id = NULL;
  g_autofree char *contact_id = NULL;
  g_autoptr (LiaisonContact) lead = NULL;
  g_autoptr (LiaisonContact) contact = NULL;
  g_autoptr (LiaisonContact) before = NULL;
  g_autoptr (LiaisonContact) lead_after = NULL;
  g_autoptr (JsonObject) from_lsq = NULL;
  g_autoptr (JsonNode) edits = NULL;
  g_autoptr (GPtrArray) to_ghl = NULL;
  g_autoptr (GPtrArray) to_lsq = NULL;

  find_person (f, &lead_id, &contact_id);
  lead = get_lead (f, lead_id);

  /* LeadSquared's values onto HighLevel: read back, they mean the same. */
  from_lsq = liaison_field_map_project (map, LIAISON_SERVICE_LSQ, lead);
  before = get_contact (f, contact_id);
  /* One person on both sides: the seed makes most of the two alike, not all. */
  g_assert_cmpuint (n_differing (map, before, from_lsq), >=, 1);
  to_ghl = write_values (f, map, LIAISON_SERVICE_GHL, contact_id, from_lsq);
  g_assert_cmpuint (to_ghl->len, >=, 10);
  contact = get_contact (f, contact_id);
  assert_projects_to (map, LIAISON_SERVICE_GHL, contact, from_lsq, to_ghl);
  /* All but the company name, which HighLevel takes on create only. */
  g_assert_cmpuint (n_differing (map, contact, from_lsq), <=, 1);

  /* Another person's values (all but the unique e-mail and phone): most pairs change. */
  {
    g_autoptr (JsonArray) leads
        = sandbox_records (f, liaison_sandbox_get_lsq_url (f->sandbox), "lsq/leads");
    g_autoptr (LiaisonContact) other = NULL;
    g_autoptr (LiaisonContact) again = NULL;
    g_autoptr (JsonObject) values = NULL;
    g_autoptr (GPtrArray) written = NULL;
    const char *other_id = NULL;

    for (guint i = 0; other_id == NULL && i < json_array_get_length (leads); i++)
      {
        JsonObject *record = json_array_get_object_element (leads, i);
        const char *id = json_object_get_string_member (record, "ProspectID");

        if (g_strcmp0 (id, lead_id) != 0 && json_object_has_member (record, "mx_City")
            && !JSON_NODE_HOLDS_NULL (json_object_get_member (record, "mx_City")))
          other_id = id;
      }
    g_assert_nonnull (other_id);
    other = get_lead (f, other_id);
    values = liaison_field_map_project (map, LIAISON_SERVICE_LSQ, other);
    json_object_remove_member (values, "email");
    json_object_remove_member (values, "phone");
    g_assert_cmpuint (n_differing (map, contact, values), >=, 3);
    written = write_values (f, map, LIAISON_SERVICE_GHL, contact_id, values);
    again = get_contact (f, contact_id);
    assert_projects_to (map, LIAISON_SERVICE_GHL, again, values, written);
  }

  /* Edits a person might make in HighLevel, written to LeadSquared: a decomposed accent, a
   * phone with separators, the do-not-contact flag, a city cleared. */
  edits = json_from_string ("{\"firstName\": \"Jos\\u00e9\", \"phone\": \"+14155550134\", "
                            "\"doNotContact\": \"true\", \"city\": null, \"website\": "
                            "\"https://example.org/ada\"}",
                            NULL);
  to_lsq = write_values (f, map, LIAISON_SERVICE_LSQ, lead_id, json_node_get_object (edits));
  g_assert_cmpuint (to_lsq->len, ==, 5);
  lead_after = get_lead (f, lead_id);
  assert_projects_to (map, LIAISON_SERVICE_LSQ, lead_after, json_node_get_object (edits), to_lsq);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/field-map/sandbox/round-trip", Fixture, NULL, fixture_set_up, test_round_trip,
              fixture_tear_down);
  return g_test_run ();
}
