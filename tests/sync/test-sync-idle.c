/* test-sync-idle.c: what a sync asks of the services when little or nothing changed (issue 11),
 * judged from the sandbox's request log: an idle sync's contacts cost one read per service, an
 * edit stamped inside the overlap window still arrives, a refused update is sent once and then
 * waits for the contact to change, and the phone region comes from the HighLevel location.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "liaison-store-sync.h"
#include "store-test-util.h"
#include "sync-test-util.h"

static const SyncFixtureOptions small = { .seed = 5, .contacts = 40 };

static void
set_up (SyncFixture *f, gconstpointer data)
{
  sync_fixture_set_up (f, data ? data : &small);
}

static void
tear_down (SyncFixture *f, gconstpointer data)
{
  sync_fixture_tear_down (f);
}

/* The requests (control routes left out) a service received since seq; with a path containing
 * part counted in *matching when not NULL. */
static guint
requests_since (SyncFixture *f, LiaisonService side, gint64 since, const char *part,
                guint *matching)
{
  g_autofree char *path = g_strdup_printf ("/_sandbox/log?since=%" G_GINT64_FORMAT, since);
  g_autoptr (JsonNode) node = sync_control (f, side, "GET", path, NULL);
  JsonArray *requests = json_object_get_array_member (json_node_get_object (node), "requests");
  guint n = 0;

  if (matching)
    *matching = 0;
  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *r = json_array_get_object_element (requests, i);
      const char *p = json_object_get_string_member (r, "path");

      if (g_str_has_prefix (p, "/_sandbox"))
        continue;
      g_test_message ("%s %s", json_object_get_string_member (r, "method"), p);
      n++;
      /* "/locations/" alone: the location itself, not its custom fields. */
      if (matching && part && strstr (p, part)
          && (!g_str_equal (part, "/locations/") || strchr (p + strlen (part), '/') == NULL))
        (*matching)++;
    }
  return n;
}

static LiaisonSyncResult *
sync_contacts (SyncFixture *f)
{
  LiaisonSyncOptions options = { .kinds = LIAISON_SYNC_KIND_CONTACTS };
  g_autoptr (GError) error = NULL;
  LiaisonSyncResult *result = sync_run (f, &options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  for (guint i = 0; i < result->failures->len; i++)
    g_test_message ("failure: %s", (char *) g_ptr_array_index (result->failures, i));
  return result;
}

/* Once the first syncs settled, a sync of the contacts with nothing changed reads each service
 * once: no users, no field definitions (cached for a day), one page of changes. */
static void
test_idle_requests (SyncFixture *f, gconstpointer data)
{
  gint64 lsq, ghl;
  guint lsq_lists, ghl_lists;

  g_assert_cmpuint (sync_until_quiet (f, 3), <=, 3);
  lsq = sync_log_seq (f, LIAISON_SERVICE_LSQ);
  ghl = sync_log_seq (f, LIAISON_SERVICE_GHL);
  {
    g_autoptr (LiaisonSyncResult) idle = sync_contacts (f);

    g_assert_cmpuint (idle->n_failed, ==, 0);
  }
  g_assert_cmpuint (requests_since (f, LIAISON_SERVICE_LSQ, lsq, "MetaData", &lsq_lists), <=, 2);
  g_assert_cmpuint (requests_since (f, LIAISON_SERVICE_GHL, ghl, "/users", &ghl_lists), <=, 2);
  g_assert_cmpuint (lsq_lists, ==, 0);
  g_assert_cmpuint (ghl_lists, ==, 0);
}

/* A person's edit stamped a little before the newest change the last sync saw (the service's
 * clock behind, its index late) is inside the overlap the incremental read goes back over, and
 * arrives. */
static void
test_idle_overlap_edit (SyncFixture *f, gconstpointer data)
{
  g_autofree char *lsq_id = NULL, *ghl_id = NULL, *gpath = NULL;
  g_autoptr (JsonNode) back = NULL;
  g_autoptr (JsonNode) edit = NULL;
  g_autoptr (JsonNode) again = NULL;
  g_autoptr (JsonObject) lead = NULL;
  g_autoptr (LiaisonSyncResult) result = NULL;

  g_assert_cmpuint (sync_until_quiet (f, 3), <=, 3);
  sync_first_link (f, &lsq_id, &ghl_id);
  back
      = sync_control (f, LIAISON_SERVICE_GHL, "POST", "/_sandbox/clock", "{\"offsetMs\": -120000}");
  gpath = g_strdup_printf ("/_sandbox/ghl/contacts/%s", ghl_id);
  edit = sync_control (f, LIAISON_SERVICE_GHL, "PATCH", gpath, "{\"city\": \"Overlapton\"}");
  again = sync_control (f, LIAISON_SERVICE_GHL, "POST", "/_sandbox/clock", "{\"offsetMs\": 0}");
  result = sync_contacts (f);
  g_assert_cmpuint (result->n_failed, ==, 0);
  lead = sync_record (f, LIAISON_SERVICE_LSQ, lsq_id);
  g_assert_nonnull (lead);
  g_assert_cmpstr (json_object_get_string_member_with_default (lead, "mx_City", NULL), ==,
                   "Overlapton");
}

/* The HighLevel updates of contacts (PUT /contacts/ID) since seq. */
static guint
ghl_updates (SyncFixture *f, gint64 since)
{
  g_autofree char *path = g_strdup_printf ("/_sandbox/log?since=%" G_GINT64_FORMAT, since);
  g_autoptr (JsonNode) node = sync_control (f, LIAISON_SERVICE_GHL, "GET", path, NULL);
  JsonArray *requests = json_object_get_array_member (json_node_get_object (node), "requests");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *r = json_array_get_object_element (requests, i);

      if (g_str_equal (json_object_get_string_member (r, "method"), "PUT")
          && g_str_has_prefix (json_object_get_string_member (r, "path"), "/contacts/"))
        n++;
    }
  return n;
}

static guint
count_reasons (LiaisonSyncResult *result, const char *text)
{
  g_autoptr (JsonNode) plan = liaison_sync_plan_to_json (result->plan);
  JsonArray *ops = json_object_get_array_member (json_node_get_object (plan), "operations");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (ops); i++)
    {
      const char *reason = json_object_get_string_member_with_default (
          json_array_get_object_element (ops, i), "reason", NULL);

      if (reason && strstr (reason, text) != NULL)
        n++;
    }
  return n;
}

/* An update the service refused (422) is sent once: the next sync skips it with the service's
 * reason and writes nothing; once the contact changes, it is sent again, and arrives. */
static void
test_refused_update_waits (SyncFixture *f, gconstpointer data)
{
  g_autofree char *lsq_id = NULL, *ghl_id = NULL, *lpath = NULL;
  g_autoptr (JsonNode) fault = NULL;
  g_autoptr (JsonNode) edit = NULL;
  g_autoptr (JsonNode) cleared = NULL;
  g_autoptr (JsonNode) edit2 = NULL;
  g_autoptr (JsonObject) contact = NULL;
  gint64 seq;

  g_assert_cmpuint (sync_until_quiet (f, 3), <=, 3);
  sync_first_link (f, &lsq_id, &ghl_id);
  lpath = g_strdup_printf ("/_sandbox/lsq/leads/%s", lsq_id);
  edit = sync_control (f, LIAISON_SERVICE_LSQ, "PATCH", lpath, "{\"mx_City\": \"Refusia\"}");
  fault = sync_control (f, LIAISON_SERVICE_GHL, "POST", "/_sandbox/faults",
                        "{\"rule\": \"PUT /contacts/*=422\"}");

  seq = sync_log_seq (f, LIAISON_SERVICE_GHL);
  {
    g_autoptr (LiaisonSyncResult) first = sync_contacts (f);
    const char *failure;
    g_autofree char *who = NULL;

    g_assert_cmpuint (first->n_failed, ==, 1);
    /* The failure names the person by e-mail address, as the Overview shows it, not by id. */
    failure = g_ptr_array_index (first->failures, 0);
    g_assert_nonnull (strstr (failure, ": "));
    who = g_strndup (failure, strstr (failure, ": ") - failure);
    g_test_message ("failure: %s", failure);
    g_assert_nonnull (strchr (who, '@'));
    g_assert_null (strstr (who, ghl_id));
  }
  g_assert_cmpuint (ghl_updates (f, seq), ==, 1);

  seq = sync_log_seq (f, LIAISON_SERVICE_GHL);
  {
    g_autoptr (LiaisonSyncResult) second = sync_contacts (f);

    g_assert_cmpuint (second->n_failed, ==, 0);
    g_assert_cmpuint (count_reasons (second, "HighLevel refused this update before"), ==, 1);
  }
  g_assert_cmpuint (ghl_updates (f, seq), ==, 0);

  /* The lead changes again (and HighLevel takes updates): sent once more, and it arrives. */
  cleared = sync_control (f, LIAISON_SERVICE_GHL, "DELETE", "/_sandbox/faults", NULL);
  edit2 = sync_control (f, LIAISON_SERVICE_LSQ, "PATCH", lpath, "{\"mx_City\": \"Acceptia\"}");
  seq = sync_log_seq (f, LIAISON_SERVICE_GHL);
  {
    g_autoptr (LiaisonSyncResult) third = sync_contacts (f);

    g_assert_cmpuint (third->n_failed, ==, 0);
  }
  g_assert_cmpuint (ghl_updates (f, seq), ==, 1);
  contact = sync_record (f, LIAISON_SERVICE_GHL, ghl_id);
  g_assert_nonnull (contact);
  g_assert_cmpstr (json_object_get_string_member_with_default (contact, "city", NULL), ==,
                   "Acceptia");
}

static gint
by_link_id (gconstpointer a, gconstpointer b)
{
  const LiaisonStoreLink *x = *(LiaisonStoreLink *const *) a;
  const LiaisonStoreLink *y = *(LiaisonStoreLink *const *) b;

  return x->id < y->id ? -1 : x->id > y->id;
}

/* The log times of a service's requests since seq whose path contains part: the earliest and
 * the latest; returns how many. */
static guint
log_times (SyncFixture *f, LiaisonService side, gint64 since, const char *method, const char *part,
           gint64 *first, gint64 *last)
{
  g_autofree char *path = g_strdup_printf ("/_sandbox/log?since=%" G_GINT64_FORMAT, since);
  g_autoptr (JsonNode) node = sync_control (f, side, "GET", path, NULL);
  JsonArray *requests = json_object_get_array_member (json_node_get_object (node), "requests");
  guint n = 0;

  *first = G_MAXINT64;
  *last = 0;
  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *r = json_array_get_object_element (requests, i);
      gint64 time = json_object_get_int_member (r, "time");

      if (!g_str_equal (json_object_get_string_member (r, "method"), method)
          || strstr (json_object_get_string_member (r, "path"), part) == NULL)
        continue;
      n++;
      *first = MIN (*first, time);
      *last = MAX (*last, time);
    }
  return n;
}

/* Writes go out in two lanes, by the service they write first: while HighLevel answers its
 * updates slowly (1.5 s each, four in flight), the LeadSquared updates queued behind them in
 * the plan go out at once instead of waiting for a free slot. */
static void
test_lanes (SyncFixture *f, gconstpointer data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) links = NULL;
  g_autoptr (JsonNode) fault = NULL;
  g_autoptr (LiaisonSyncResult) run = NULL;
  gint64 lsq_seq, ghl_seq, lsq_first, lsq_last, ghl_first, ghl_last;

  g_assert_cmpuint (sync_until_quiet (f, 3), <=, 3);
  liaison_store_list_links_async (f->store, LIAISON_RECORD_CONTACT, NULL, store_test_result_cb,
                                  &result);
  links = liaison_store_list_links_finish (f->store, store_test_wait (&result), NULL);
  g_assert_nonnull (links);
  g_assert_cmpuint (links->len, >=, 8);
  g_ptr_array_sort (links, by_link_id);
  /* The plan lists changed pairs by link: six that write HighLevel only, then two that write
   * LeadSquared. */
  for (guint i = 0; i < 8; i++)
    {
      LiaisonStoreLink *link = g_ptr_array_index (links, i);
      g_autofree char *path = i < 6 ? g_strdup_printf ("/_sandbox/lsq/leads/%s", link->lsq_id)
                                    : g_strdup_printf ("/_sandbox/ghl/contacts/%s", link->ghl_id);
      g_autofree char *body
          = g_strdup_printf (i < 6 ? "{\"mx_City\": \"Lane %u\"}" : "{\"city\": \"Lane %u\"}", i);
      g_autoptr (JsonNode) edit = sync_control (
          f, i < 6 ? LIAISON_SERVICE_LSQ : LIAISON_SERVICE_GHL, "PATCH", path, body);
    }
  fault = sync_control (f, LIAISON_SERVICE_GHL, "POST", "/_sandbox/faults",
                        "{\"rule\": \"PUT /contacts/*=delay:1500\"}");
  lsq_seq = sync_log_seq (f, LIAISON_SERVICE_LSQ);
  ghl_seq = sync_log_seq (f, LIAISON_SERVICE_GHL);
  run = sync_contacts (f);
  g_assert_cmpuint (run->n_failed, ==, 0);
  g_assert_cmpuint (run->n_updated, ==, 8);
  g_assert_cmpuint (
      log_times (f, LIAISON_SERVICE_GHL, ghl_seq, "PUT", "/contacts/", &ghl_first, &ghl_last), ==,
      6);
  g_assert_cmpuint (
      log_times (f, LIAISON_SERVICE_LSQ, lsq_seq, "POST", "Lead.Update", &lsq_first, &lsq_last), ==,
      2);
  g_assert_cmpint (lsq_last, <, ghl_first);
}

/* A profile without a phone region takes the HighLevel location's country (the sandbox's is
 * the US) at its first sync, says so in the plan, and asks the location only once. */
static void
test_region_from_location (SyncFixture *f, gconstpointer data)
{
  LiaisonSyncOptions dry = { .dry_run = TRUE, .kinds = LIAISON_SYNC_KIND_CONTACTS };
  g_autoptr (LiaisonSyncResult) plan = NULL;
  g_autoptr (JsonNode) json = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *source = NULL;
  JsonObject *region;
  gint64 seq;
  guint locations;

  g_assert_null (liaison_store_get_default_region (f->store));
  seq = sync_log_seq (f, LIAISON_SERVICE_GHL);
  plan = sync_run (f, &dry, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_store_get_default_region (f->store), ==, "US");
  source = liaison_store_get_setting (f->store, LIAISON_STORE_SETTING_PHONE_REGION_SOURCE, NULL);
  g_assert_cmpstr (source, ==, "location");
  json = liaison_sync_plan_to_json (plan->plan);
  region = json_object_get_object_member (json_node_get_object (json), "phoneRegion");
  g_assert_cmpstr (json_object_get_string_member (region, "code"), ==, "US");
  g_assert_cmpstr (json_object_get_string_member (region, "source"), ==, "location");
  requests_since (f, LIAISON_SERVICE_GHL, seq, "/locations/", &locations);
  g_assert_cmpuint (locations, ==, 1);

  seq = sync_log_seq (f, LIAISON_SERVICE_GHL);
  {
    g_autoptr (LiaisonSyncResult) again = sync_run (f, &dry, &error);

    g_assert_no_error (error);
  }
  requests_since (f, LIAISON_SERVICE_GHL, seq, "/locations/", &locations);
  g_assert_cmpuint (locations, ==, 0);
}

int
main (int argc, char *argv[])
{
  static const SyncFixtureOptions no_region = { .seed = 5, .contacts = 40, .cli_profile = TRUE };

  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, SyncFixture, NULL, set_up, func, tear_down)
  ADD ("/sync/idle/requests", test_idle_requests);
  ADD ("/sync/idle/overlap-edit", test_idle_overlap_edit);
  ADD ("/sync/idle/refused-update-waits", test_refused_update_waits);
  ADD ("/sync/apply/lanes", test_lanes);
  g_test_add ("/sync/idle/region-from-location", SyncFixture, &no_region, set_up,
              test_region_from_location, tear_down);
  return g_test_run ();
}
