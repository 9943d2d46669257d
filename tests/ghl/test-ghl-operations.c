/* test-ghl-operations.c: every LiaisonGhlClient operation against the
 * in-process HighLevel sandbox: what the sandbox received (route, Version)
 * and what the records read back say; search paging across several pages
 * and its dateUpdated filter; free slots split over 31 days.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "ghl-test-util.h"

#define C "2021-07-28"
#define K "2021-04-15"

static GhlEnv env;

/* The last request reached route with the Version of its API group. */
static void
assert_last (const char *method, const char *route, const char *version)
{
  g_autoptr (JsonNode) keep = NULL;
  JsonObject *last = ghl_last_request (env.sandbox, &keep);

  g_assert_cmpstr (json_object_get_string_member (last, "method"), ==, method);
  g_assert_cmpstr (json_object_get_string_member (last, "route"), ==, route);
  g_assert_cmpstr (json_object_get_string_member (last, "version"), ==, version);
}

static gpointer
finish_pointer (GhlWait *wait, gpointer (*finish) (LiaisonGhlClient *, GAsyncResult *, GError **))
{
  g_autoptr (GError) error = NULL;
  gpointer value = finish (env.client, ghl_wait (wait), &error);

  g_assert_no_error (error);
  g_assert_nonnull (value);
  return value;
}

#define FINISH(wait, fn)                                                                           \
  finish_pointer (wait, (gpointer (*) (LiaisonGhlClient *, GAsyncResult *, GError **)) fn)

/* A text custom field of the location, for the two custom field shapes. */
static char *
text_field_id (void)
{
  g_auto (GhlWait) wait = { 0 };
  g_autoptr (GPtrArray) fields = NULL;
  guint i;

  liaison_ghl_client_list_custom_fields_async (env.client, NULL, ghl_on_done, &wait);
  fields = FINISH (&wait, liaison_ghl_client_list_finish);
  assert_last ("GET", "/locations/:locationId/customFields", C);
  g_assert_cmpuint (fields->len, >, 0);
  for (i = 0; i < fields->len; i++)
    {
      LiaisonFieldDef *def = g_ptr_array_index (fields, i);

      g_assert_nonnull (liaison_field_def_get_id (def));
      if (liaison_field_def_get_data_type (def) == LIAISON_FIELD_TYPE_TEXT)
        return g_strdup (liaison_field_def_get_id (def));
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_contact_lifecycle (void)
{
  g_autofree char *field = text_field_id ();
  g_autoptr (LiaisonContact) draft = liaison_contact_new ();
  g_autoptr (LiaisonContact) created = NULL;
  g_autoptr (LiaisonContact) read = NULL;
  g_autoptr (LiaisonContact) updated = NULL;
  g_autoptr (LiaisonContact) same = NULL;
  g_autoptr (LiaisonContact) other = NULL;
  g_autoptr (LiaisonContact) fresh = NULL;
  g_autoptr (GError) error = NULL;
  const char *tags[] = { "vip", "web", NULL };
  gboolean is_new = TRUE;

  liaison_contact_set_first_name (draft, "Ada");
  liaison_contact_set_last_name (draft, "Lovelace");
  liaison_contact_set_email (draft, "ada.lovelace@example.net");
  liaison_contact_set_city (draft, "London");
  liaison_contact_set_tags (draft, tags);
  liaison_contact_set_custom_field_string (draft, field, "Analytical");

  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_create_contact_async (env.client, draft, NULL, ghl_on_done, &wait);
    created = FINISH (&wait, liaison_ghl_client_create_contact_finish);
    assert_last ("POST", "/contacts/", C);
  }
  g_assert_nonnull (liaison_contact_get_id (created));

  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_get_contact_async (env.client, liaison_contact_get_id (created), NULL,
                                          ghl_on_done, &wait);
    read = FINISH (&wait, liaison_ghl_client_get_contact_finish);
    assert_last ("GET", "/contacts/:contactId", C);
  }
  g_assert_cmpstr (liaison_contact_get_first_name (read), ==, "Ada");
  g_assert_cmpstr (liaison_contact_get_email (read), ==, "ada.lovelace@example.net");
  g_assert_true (liaison_contact_has_tag (read, "vip"));
  /* Written as {id, field_value}, read back as {id, value}. */
  g_assert_cmpstr (liaison_contact_get_custom_field_string (read, field), ==, "Analytical");
  g_assert_nonnull (liaison_contact_get_date_updated (read));

  liaison_contact_set_city (read, "Marylebone");
  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_update_contact_async (env.client, read, NULL, ghl_on_done, &wait);
    updated = FINISH (&wait, liaison_ghl_client_update_contact_finish);
    assert_last ("PUT", "/contacts/:contactId", C);
  }
  g_assert_cmpstr (liaison_contact_get_city (updated), ==, "Marylebone");
  g_assert_cmpstr (liaison_contact_get_last_name (updated), ==, "Lovelace");

  /* Upsert by the same email finds her; a new email makes a new contact. */
  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_upsert_contact_async (env.client, draft, NULL, ghl_on_done, &wait);
    same = liaison_ghl_client_upsert_contact_finish (env.client, ghl_wait (&wait), &is_new, &error);
    g_assert_no_error (error);
    assert_last ("POST", "/contacts/upsert", C);
  }
  g_assert_false (is_new);
  g_assert_cmpstr (liaison_contact_get_id (same), ==, liaison_contact_get_id (created));

  liaison_contact_set_email (draft, "charles.babbage@example.net");
  liaison_contact_set_first_name (draft, "Charles");
  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_upsert_contact_async (env.client, draft, NULL, ghl_on_done, &wait);
    other
        = liaison_ghl_client_upsert_contact_finish (env.client, ghl_wait (&wait), &is_new, &error);
    g_assert_no_error (error);
  }
  g_assert_true (is_new);
  g_assert_cmpstr (liaison_contact_get_id (other), !=, liaison_contact_get_id (created));

  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_delete_contact_async (env.client, liaison_contact_get_id (created), NULL,
                                             ghl_on_done, &wait);
    g_assert_true (liaison_ghl_client_delete_contact_finish (env.client, ghl_wait (&wait), &error));
    g_assert_no_error (error);
    assert_last ("DELETE", "/contacts/:contactId", C);
  }
  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_get_contact_async (env.client, liaison_contact_get_id (created), NULL,
                                          ghl_on_done, &wait);
    fresh = liaison_ghl_client_get_contact_finish (env.client, ghl_wait (&wait), &error);
    g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_FOUND);
    g_assert_null (fresh);
  }
}

/* Follows next_cursor to the end; returns the contacts and counts pages. */
static GPtrArray *
search_all (GDateTime *since, guint page_limit, guint *pages, guint *total)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *cursor = NULL;

  *pages = 0;
  do
    {
      g_auto (GhlWait) wait = { 0 };
      g_autoptr (GPtrArray) page = NULL;
      g_autoptr (GError) error = NULL;
      char *next = NULL;

      liaison_ghl_client_search_contacts_async (env.client, since, cursor, page_limit, NULL,
                                                ghl_on_done, &wait);
      page = liaison_ghl_client_search_contacts_finish (env.client, ghl_wait (&wait), &next, total,
                                                        &error);
      g_assert_no_error (error);
      g_assert_cmpuint (page->len, <=, page_limit);
      (*pages)++;
      g_ptr_array_extend_and_steal (all, g_steal_pointer (&page));
      g_free (cursor);
      cursor = next;
      g_assert_cmpuint (*pages, <, 100);
    }
  while (cursor != NULL);
  return all;
}

static void
test_search_paging (void)
{
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) recent = NULL;
  g_autoptr (JsonNode) log = NULL;
  g_autoptr (GDateTime) since = NULL;
  GDateTime *previous = NULL;
  guint pages, recent_pages, total = 0, i, searches = 0;
  JsonArray *requests;

  ghl_clear_log (env.sandbox);
  all = search_all (NULL, 25, &pages, &total);

  /* Every contact once, oldest change first, across several pages. */
  g_assert_cmpuint (all->len, ==, total);
  g_assert_cmpuint (all->len, >, 100);
  g_assert_cmpuint (pages, ==, all->len / 25 + 1);
  for (i = 0; i < all->len; i++)
    {
      LiaisonContact *contact = g_ptr_array_index (all, i);
      GDateTime *updated = liaison_contact_get_date_updated (contact);

      g_assert_true (g_hash_table_add (ids, (gpointer) liaison_contact_get_id (contact)));
      g_assert_nonnull (updated);
      if (previous != NULL)
        g_assert_cmpint (g_date_time_compare (previous, updated), <=, 0);
      previous = updated;
    }

  /* Each page after the first asked with the cursor of the one before. */
  log = ghl_log (env.sandbox);
  requests = json_node_get_array (log);
  for (i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);
      const char *body = json_object_get_string_member (request, "body");

      if (g_strcmp0 (json_object_get_string_member (request, "route"), "/contacts/search") != 0)
        continue;
      g_assert_cmpstr (json_object_get_string_member (request, "version"), ==, C);
      g_assert_cmpint (strstr (body, "\"searchAfter\"") != NULL, ==, searches > 0);
      searches++;
    }
  g_assert_cmpuint (searches, ==, pages);

  /* The dateUpdated filter: only the later half comes back. */
  since
      = g_date_time_ref (liaison_contact_get_date_updated (g_ptr_array_index (all, all->len / 2)));
  recent = search_all (since, 40, &recent_pages, &total);
  g_assert_cmpuint (recent->len, >=, all->len - all->len / 2);
  g_assert_cmpuint (recent->len, <, all->len);
  g_assert_cmpuint (recent->len, ==, total);
  for (i = 0; i < recent->len; i++)
    g_assert_cmpint (g_date_time_compare (
                         liaison_contact_get_date_updated (g_ptr_array_index (recent, i)), since),
                     >=, 0);
}

static void
test_lookups (void)
{
  g_autoptr (JsonNode) keep_contact = NULL;
  g_autoptr (JsonNode) keep_all = NULL;
  JsonObject *seeded = ghl_seeded (env.sandbox, "contacts", "businessId", &keep_contact);
  const char *business = json_object_get_string_member (seeded, "businessId");
  g_autoptr (LiaisonContact) found = NULL;
  g_autoptr (LiaisonContact) none = NULL;
  g_autoptr (GPtrArray) members = NULL;
  g_autoptr (GError) error = NULL;
  JsonArray *records;
  guint expected = 0, i;

  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_find_duplicate_async (env.client,
                                             json_object_get_string_member (seeded, "email"), NULL,
                                             NULL, ghl_on_done, &wait);
    found = FINISH (&wait, liaison_ghl_client_find_duplicate_finish);
    assert_last ("GET", "/contacts/search/duplicate", C);
  }
  g_assert_cmpstr (liaison_contact_get_id (found), ==,
                   json_object_get_string_member (seeded, "id"));

  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_find_duplicate_async (env.client, "nobody@nowhere.invalid", NULL, NULL,
                                             ghl_on_done, &wait);
    none = liaison_ghl_client_find_duplicate_finish (env.client, ghl_wait (&wait), &error);
    g_assert_no_error (error);
    g_assert_null (none);
  }

  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_list_business_contacts_async (env.client, business, 0, 100, NULL,
                                                     ghl_on_done, &wait);
    members = FINISH (&wait, liaison_ghl_client_list_business_contacts_finish);
    assert_last ("GET", "/contacts/business/:businessId", C);
  }
  ghl_seeded (env.sandbox, "contacts", NULL, &keep_all);
  records = json_object_get_array_member (json_node_get_object (keep_all), "records");
  for (i = 0; i < json_array_get_length (records); i++)
    if (g_strcmp0 (json_object_get_string_member_with_default (
                       json_array_get_object_element (records, i), "businessId", NULL),
                   business)
        == 0)
      expected++;
  g_assert_cmpuint (members->len, ==, MIN (expected, 100));
  g_assert_cmpuint (members->len, >, 0);
}

static void
test_tags (void)
{
  g_autoptr (JsonNode) keep = NULL;
  JsonObject *seeded = ghl_seeded (env.sandbox, "contacts", NULL, &keep);
  const char *id = json_object_get_string_member (seeded, "id");
  const char *add[] = { "t-one", "t-two", NULL };
  const char *remove[] = { "t-one", NULL };
  g_auto (GStrv) after_add = NULL;
  g_auto (GStrv) after_remove = NULL;

  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_add_tags_async (env.client, id, add, NULL, ghl_on_done, &wait);
    after_add = FINISH (&wait, liaison_ghl_client_tags_finish);
    assert_last ("POST", "/contacts/:contactId/tags", C);
  }
  g_assert_true (g_strv_contains ((const char *const *) after_add, "t-one"));
  g_assert_true (g_strv_contains ((const char *const *) after_add, "t-two"));

  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_remove_tags_async (env.client, id, remove, NULL, ghl_on_done, &wait);
    after_remove = FINISH (&wait, liaison_ghl_client_tags_finish);
    assert_last ("DELETE", "/contacts/:contactId/tags", C);
  }
  g_assert_false (g_strv_contains ((const char *const *) after_remove, "t-one"));
  g_assert_true (g_strv_contains ((const char *const *) after_remove, "t-two"));
}

static gboolean
list_has (GPtrArray *items, const char *id, const char *(*get_id) (gpointer))
{
  guint i;

  for (i = 0; i < items->len; i++)
    if (g_strcmp0 (get_id (g_ptr_array_index (items, i)), id) == 0)
      return TRUE;
  return FALSE;
}

static void
test_tasks (void)
{
  g_autoptr (JsonNode) keep = NULL;
  const char *contact
      = json_object_get_string_member (ghl_seeded (env.sandbox, "contacts", NULL, &keep), "id");
  g_autoptr (GDateTime) due = g_date_time_new_utc (2026, 3, 2, 15, 0, 0);
  g_autoptr (LiaisonTask) draft = liaison_task_new ();
  g_autoptr (LiaisonTask) task = NULL;
  g_autoptr (LiaisonTask) read = NULL;
  g_autoptr (LiaisonTask) renamed = NULL;
  g_autoptr (LiaisonTask) done = NULL;
  g_autoptr (LiaisonTask) reopened = NULL;
  g_autoptr (GPtrArray) listed = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (GError) error = NULL;
  const char *id;

  liaison_task_set_contact_id (draft, contact);
  liaison_task_set_title (draft, "Call back");
  liaison_task_set_body (draft, "About the invoice");
  liaison_task_set_due_date (draft, due);
  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_create_task_async (env.client, draft, NULL, ghl_on_done, &wait);
    task = FINISH (&wait, liaison_ghl_client_task_finish);
    assert_last ("POST", "/contacts/:contactId/tasks", C);
  }
  id = liaison_task_get_id (task);
  g_assert_nonnull (id);
  g_assert_cmpint (g_date_time_compare (liaison_task_get_due_date (task), due), ==, 0);

  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_list_tasks_async (env.client, contact, NULL, ghl_on_done, &wait);
    listed = FINISH (&wait, liaison_ghl_client_list_finish);
    assert_last ("GET", "/contacts/:contactId/tasks", C);
  }
  g_assert_true (list_has (listed, id, (const char *(*) (gpointer)) liaison_task_get_id));

  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_get_task_async (env.client, contact, id, NULL, ghl_on_done, &wait);
    read = FINISH (&wait, liaison_ghl_client_task_finish);
    assert_last ("GET", "/contacts/:contactId/tasks/:taskId", C);
  }
  g_assert_cmpstr (liaison_task_get_title (read), ==, "Call back");
  g_assert_cmpstr (liaison_task_get_body (read), ==, "About the invoice");

  liaison_task_set_title (read, "Call back today");
  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_update_task_async (env.client, read, NULL, ghl_on_done, &wait);
    renamed = FINISH (&wait, liaison_ghl_client_task_finish);
    assert_last ("PUT", "/contacts/:contactId/tasks/:taskId", C);
  }
  g_assert_cmpstr (liaison_task_get_title (renamed), ==, "Call back today");

  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_complete_task_async (env.client, contact, id, TRUE, NULL, ghl_on_done,
                                            &wait);
    done = FINISH (&wait, liaison_ghl_client_task_finish);
    assert_last ("PUT", "/contacts/:contactId/tasks/:taskId/completed", C);
  }
  g_assert_true (liaison_task_get_completed (done));
  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_complete_task_async (env.client, contact, id, FALSE, NULL, ghl_on_done,
                                            &wait);
    reopened = FINISH (&wait, liaison_ghl_client_task_finish);
  }
  g_assert_false (liaison_task_get_completed (reopened));

  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_delete_task_async (env.client, contact, id, NULL, ghl_on_done, &wait);
    g_assert_true (liaison_ghl_client_delete_finish (env.client, ghl_wait (&wait), &error));
    g_assert_no_error (error);
    assert_last ("DELETE", "/contacts/:contactId/tasks/:taskId", C);
  }
  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_list_tasks_async (env.client, contact, NULL, ghl_on_done, &wait);
    after = FINISH (&wait, liaison_ghl_client_list_finish);
  }
  g_assert_false (list_has (after, id, (const char *(*) (gpointer)) liaison_task_get_id));
}

static void
test_notes (void)
{
  g_autoptr (JsonNode) keep = NULL;
  const char *contact
      = json_object_get_string_member (ghl_seeded (env.sandbox, "contacts", NULL, &keep), "id");
  g_autoptr (LiaisonNote) draft = liaison_note_new ();
  g_autoptr (LiaisonNote) note = NULL;
  g_autoptr (LiaisonNote) read = NULL;
  g_autoptr (LiaisonNote) changed = NULL;
  g_autoptr (GPtrArray) listed = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (GError) error = NULL;
  const char *id;

  liaison_note_set_contact_id (draft, contact);
  liaison_note_set_body (draft, "Prefers email — not before 10:00");
  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_create_note_async (env.client, draft, NULL, ghl_on_done, &wait);
    note = FINISH (&wait, liaison_ghl_client_note_finish);
    assert_last ("POST", "/contacts/:contactId/notes", C);
  }
  id = liaison_note_get_id (note);
  g_assert_nonnull (id);

  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_list_notes_async (env.client, contact, NULL, ghl_on_done, &wait);
    listed = FINISH (&wait, liaison_ghl_client_list_finish);
    assert_last ("GET", "/contacts/:contactId/notes", C);
  }
  g_assert_true (list_has (listed, id, (const char *(*) (gpointer)) liaison_note_get_id));

  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_get_note_async (env.client, contact, id, NULL, ghl_on_done, &wait);
    read = FINISH (&wait, liaison_ghl_client_note_finish);
    assert_last ("GET", "/contacts/:contactId/notes/:id", C);
  }
  g_assert_cmpstr (liaison_note_get_body (read), ==, "Prefers email — not before 10:00");

  liaison_note_set_body (read, "Prefers phone");
  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_update_note_async (env.client, read, NULL, ghl_on_done, &wait);
    changed = FINISH (&wait, liaison_ghl_client_note_finish);
    assert_last ("PUT", "/contacts/:contactId/notes/:id", C);
  }
  g_assert_cmpstr (liaison_note_get_body (changed), ==, "Prefers phone");

  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_delete_note_async (env.client, contact, id, NULL, ghl_on_done, &wait);
    g_assert_true (liaison_ghl_client_delete_finish (env.client, ghl_wait (&wait), &error));
    g_assert_no_error (error);
    assert_last ("DELETE", "/contacts/:contactId/notes/:id", C);
  }
  {
    g_auto (GhlWait) wait = { 0 };

    liaison_ghl_client_list_notes_async (env.client, contact, NULL, ghl_on_done, &wait);
    after = FINISH (&wait, liaison_ghl_client_list_finish);
  }
  g_assert_false (list_has (after, id, (const char *(*) (gpointer)) liaison_note_get_id));
}

static void
test_users (void)
{
  g_auto (GhlWait) wait = { 0 };
  g_autoptr (GPtrArray) users = NULL;
  g_autoptr (JsonNode) keep = NULL;
  JsonObject *seeded = ghl_seeded (env.sandbox, "users", NULL, &keep);

  liaison_ghl_client_list_users_async (env.client, NULL, ghl_on_done, &wait);
  users = FINISH (&wait, liaison_ghl_client_list_finish);
  assert_last ("GET", "/users/", C);
  g_assert_cmpuint (users->len, >, 0);
  g_assert_true (list_has (users, json_object_get_string_member (seeded, "id"),
                           (const char *(*) (gpointer)) liaison_user_get_id));
}

/* The location's name, as the Accounts page shows it. */
static void
test_location_name (void)
{
  g_auto (GhlWait) wait = { 0 };
  g_autofree char *name = NULL;

  liaison_ghl_client_get_location_name_async (env.client, NULL, ghl_on_done, &wait);
  name = FINISH (&wait, liaison_ghl_client_get_location_name_finish);
  assert_last ("GET", "/locations/:locationId", C);
  g_assert_cmpstr (name, ==, "Sandbox Dental (main)");
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  ghl_env_init (&env, 160, NULL);

  g_test_add_func ("/ghl/contacts/lifecycle", test_contact_lifecycle);
  g_test_add_func ("/ghl/contacts/search-paging", test_search_paging);
  g_test_add_func ("/ghl/contacts/lookups", test_lookups);
  g_test_add_func ("/ghl/contacts/tags", test_tags);
  g_test_add_func ("/ghl/tasks", test_tasks);
  g_test_add_func ("/ghl/notes", test_notes);
  g_test_add_func ("/ghl/location-name", test_location_name);
  g_test_add_func ("/ghl/users", test_users);

  status = g_test_run ();
  ghl_env_clear (&env);
  return status;
}
