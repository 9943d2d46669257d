/* test-lsq-client.c: every LiaisonLsqClient operation against the
 * in-process LeadSquared sandbox: region discovery, leads (get, find,
 * RecentlyModified paging, create, update, CreateOrUpdate, bulk in batches
 * of 25 with per-row errors), metadata, notes, tasks and appointments,
 * users, and what the models hold afterwards.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-lsq"

#include <string.h>

#include "lsq-test-util.h"

typedef struct
{
  LiaisonSandbox *sandbox;
  LiaisonHttp *http;
  LiaisonLsqClient *client;
  LsqWait wait;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->sandbox = lsq_sandbox_start (40, "1000/1s", 0);
  lsq_sandbox_set_rate (f->sandbox, "bulk", 1000, 1000);
  f->http = lsq_http_new (f->sandbox, NULL);
  lsq_http_make_fast (f->http);
  f->client = liaison_lsq_client_new (f->http);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  lsq_wait_clear (&f->wait);
  g_clear_object (&f->client);
  g_clear_object (&f->http);
  liaison_sandbox_stop (f->sandbox);
  g_clear_object (&f->sandbox);
}

static GAsyncResult *
next (Fixture *f)
{
  lsq_wait_clear (&f->wait);
  return NULL;
}

#define RESULT(f) lsq_wait (&(f)->wait)

/* Every lead, by RecentlyModified over all time, page_size at a time. */
static GPtrArray *
all_leads (Fixture *f, guint page_size, guint *pages, guint *record_count)
{
  g_autoptr (GDateTime) from = lsq_time ("2000-01-01T00:00:00Z");
  g_autoptr (GDateTime) to = lsq_time ("2100-01-01T00:00:00Z");
  GPtrArray *leads = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean more = TRUE;
  guint page;

  for (page = 1; more; page++)
    {
      g_autoptr (GPtrArray) batch = NULL;
      g_autoptr (GError) error = NULL;
      guint i;

      next (f);
      liaison_lsq_client_recently_modified_async (f->client, from, to, page, page_size, NULL,
                                                  lsq_wait_cb, &f->wait);
      batch = liaison_lsq_client_recently_modified_finish (f->client, RESULT (f), record_count,
                                                           &more, &error);
      g_assert_no_error (error);
      if (page_size > 0)
        g_assert_cmpuint (batch->len, <=, page_size);
      for (i = 0; i < batch->len; i++)
        g_ptr_array_add (leads, g_object_ref (g_ptr_array_index (batch, i)));
      g_assert_cmpuint (page, <, 100);
    }
  if (pages != NULL)
    *pages = page - 1;
  return leads;
}

static void
test_discover (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonAuthorizer) keys
      = liaison_lsq_key_authorizer_new (liaison_sandbox_get_lsq_access_key (f->sandbox),
                                        liaison_sandbox_get_lsq_secret_key (f->sandbox));
  g_autoptr (LiaisonLsqClient) found = NULL;
  g_autoptr (LiaisonUser) user = NULL;
  g_autoptr (GError) error = NULL;

  liaison_lsq_client_discover_async (liaison_sandbox_get_lsq_url (f->sandbox), keys, NULL,
                                     lsq_wait_cb, &f->wait);
  found = liaison_lsq_client_discover_finish (RESULT (f), &user, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  /* The sandbox names itself (127.0.0.1:port) as the regional host. */
  g_assert_cmpstr (liaison_http_get_base_url (liaison_lsq_client_get_http (found)), ==,
                   liaison_sandbox_get_lsq_url (f->sandbox));
  g_assert_nonnull (liaison_user_get_id (user));
  g_assert_cmpuint (strlen (liaison_user_get_name (user)), >, 2);
  g_assert_cmpint (lsq_route_count (f->sandbox, "GET /v2/Authentication.svc/UserByAccessKey.Get"),
                   ==, 1);
}

static void
test_metadata (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) fields = NULL;
  g_autoptr (GError) error = NULL;
  LiaisonFieldDef *email = NULL, *visits = NULL, *source = NULL, *background = NULL;
  guint i;

  liaison_lsq_client_get_metadata_async (f->client, NULL, lsq_wait_cb, &f->wait);
  fields = liaison_lsq_client_list_finish (f->client, RESULT (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fields->len, >, 40);
  for (i = 0; i < fields->len; i++)
    {
      LiaisonFieldDef *field = g_ptr_array_index (fields, i);
      const char *key = liaison_field_def_get_key (field);

      g_assert_cmpstr (key, ==, liaison_field_def_get_id (field));
      if (g_str_equal (key, "EmailAddress"))
        email = field;
      else if (g_str_equal (key, "mx_Number_of_Visits"))
        visits = field;
      else if (g_str_equal (key, "Source"))
        source = field;
      else if (g_str_equal (key, "mx_Background"))
        background = field;
    }
  g_assert_nonnull (email);
  g_assert_true (liaison_field_def_get_is_unique (email));
  g_assert_false (liaison_field_def_get_is_custom (email));
  g_assert_cmpint (liaison_field_def_get_data_type (email), ==, LIAISON_FIELD_TYPE_EMAIL);
  g_assert_cmpuint (liaison_field_def_get_max_length (email), ==, 100);
  g_assert_nonnull (visits);
  g_assert_true (liaison_field_def_get_is_custom (visits));
  g_assert_cmpint (liaison_field_def_get_data_type (visits), ==, LIAISON_FIELD_TYPE_NUMBER);
  g_assert_nonnull (source);
  g_assert_cmpint (liaison_field_def_get_data_type (source), ==, LIAISON_FIELD_TYPE_SINGLE_OPTION);
  g_assert_cmpstr (liaison_field_def_get_options (source)[0], ==, "Direct Traffic");
  g_assert_nonnull (background);
  g_assert_cmpint (liaison_field_def_get_data_type (background), ==, LIAISON_FIELD_TYPE_LARGE_TEXT);
}

static void
test_recently_modified_paging (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) leads = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) fields = NULL;
  guint pages = 0, record_count = 0, i;
  gint64 requests;

  /* The field types teach the client how to read numbers and flags. */
  liaison_lsq_client_get_metadata_async (f->client, NULL, lsq_wait_cb, &f->wait);
  fields = liaison_lsq_client_list_finish (f->client, RESULT (f), NULL);
  g_assert_nonnull (fields);

  leads = all_leads (f, 7, &pages, &record_count);
  g_assert_cmpuint (record_count, >, 20);
  g_assert_cmpuint (leads->len, ==, record_count);
  g_assert_cmpuint (pages, ==, (record_count + 7) / 7);
  requests = lsq_route_count (f->sandbox, "POST /v2/LeadManagement.svc/Leads.RecentlyModified");
  g_assert_cmpint (requests, ==, pages);

  for (i = 0; i < leads->len; i++)
    {
      LiaisonContact *lead = g_ptr_array_index (leads, i);
      GVariant *score = liaison_contact_get_custom_field (lead, "Score");
      GVariant *no_email = liaison_contact_get_custom_field (lead, "DoNotEmail");

      /* Pages neither repeat nor skip a lead, and come in ModifiedOn order. */
      g_assert_false (g_hash_table_contains (seen, liaison_contact_get_id (lead)));
      g_hash_table_add (seen, (gpointer) liaison_contact_get_id (lead));
      g_assert_nonnull (liaison_contact_get_date_updated (lead));
      g_assert_nonnull (liaison_contact_get_date_added (lead));
      if (i > 0)
        g_assert_cmpint (g_date_time_compare (
                             liaison_contact_get_date_updated (g_ptr_array_index (leads, i - 1)),
                             liaison_contact_get_date_updated (lead)),
                         <=, 0);
      /* String-typed numbers and flags arrive typed. */
      g_assert_nonnull (score);
      g_assert_true (g_variant_is_of_type (score, G_VARIANT_TYPE_DOUBLE));
      g_assert_nonnull (no_email);
      g_assert_true (g_variant_is_of_type (no_email, G_VARIANT_TYPE_BOOLEAN));
      g_assert_nonnull (liaison_contact_get_first_name (lead));
    }
}

static LiaisonContact *
lead_with_email_and_phone (Fixture *f)
{
  g_autoptr (GPtrArray) leads = all_leads (f, 0, NULL, NULL);
  guint i;

  for (i = 0; i < leads->len; i++)
    {
      LiaisonContact *lead = g_ptr_array_index (leads, i);

      if (liaison_contact_get_email (lead) != NULL && liaison_contact_get_phone (lead) != NULL
          && *liaison_contact_get_phone (lead) != '\0')
        return g_object_ref (lead);
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_get_and_find (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonContact) lead = lead_with_email_and_phone (f);
  g_autoptr (LiaisonContact) got = NULL;
  g_autoptr (GPtrArray) by_email = NULL;
  g_autoptr (GPtrArray) by_phone = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) epoch = lsq_time ("2000-01-01T00:00:00Z");

  liaison_lsq_client_get_lead_async (f->client, liaison_contact_get_id (lead), NULL, lsq_wait_cb,
                                     &f->wait);
  got = liaison_lsq_client_get_lead_finish (f->client, RESULT (f), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_contact_get_id (got), ==, liaison_contact_get_id (lead));
  g_assert_cmpstr (liaison_contact_get_email (got), ==, liaison_contact_get_email (lead));
  /* "2017-11-30 07:38:00.000" reads as UTC. */
  g_assert_true (g_date_time_equal (liaison_contact_get_date_updated (got),
                                    liaison_contact_get_date_updated (lead)));
  g_assert_cmpint (g_date_time_compare (liaison_contact_get_date_updated (got), epoch), >, 0);

  next (f);
  liaison_lsq_client_find_leads_by_email_async (f->client, liaison_contact_get_email (lead), NULL,
                                                lsq_wait_cb, &f->wait);
  by_email = liaison_lsq_client_list_finish (f->client, RESULT (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_email->len, >=, 1);
  g_assert_cmpstr (liaison_contact_get_id (g_ptr_array_index (by_email, 0)), ==,
                   liaison_contact_get_id (lead));

  next (f);
  liaison_lsq_client_find_leads_by_phone_async (f->client, liaison_contact_get_phone (lead), NULL,
                                                lsq_wait_cb, &f->wait);
  by_phone = liaison_lsq_client_list_finish (f->client, RESULT (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_phone->len, ==, 1);

  next (f);
  g_clear_object (&got);
  liaison_lsq_client_get_lead_async (f->client, "00000000-0000-4000-8000-000000000000", NULL,
                                     lsq_wait_cb, &f->wait);
  got = liaison_lsq_client_get_lead_finish (f->client, RESULT (f), &error);
  g_assert_null (got);
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_FOUND);
  g_assert_true (strstr (error->message, "00000000-0000-4000-8000-000000000000") != NULL);
}

static LiaisonContact *
new_contact (const char *first, const char *email)
{
  LiaisonContact *contact = liaison_contact_new ();

  liaison_contact_set_first_name (contact, first);
  liaison_contact_set_last_name (contact, "Tester");
  liaison_contact_set_email (contact, email);
  return contact;
}

static LiaisonContact *
fetch (Fixture *f, const char *id)
{
  g_autoptr (GError) error = NULL;
  LiaisonContact *contact;

  next (f);
  liaison_lsq_client_get_lead_async (f->client, id, NULL, lsq_wait_cb, &f->wait);
  contact = liaison_lsq_client_get_lead_finish (f->client, RESULT (f), &error);
  g_assert_no_error (error);
  return contact;
}

static void
test_create_update (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonContact) contact = new_contact ("Ada", "ada.create@example.com");
  g_autoptr (LiaisonContact) got = NULL;
  g_autoptr (LiaisonContact) again = NULL;
  g_autoptr (LiaisonContact) change = liaison_contact_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *dup = NULL;
  double visits = 0;

  liaison_contact_set_city (contact, "Bangalore");
  liaison_contact_set_custom_field_string (contact, "mx_Treatment", "Implants");
  liaison_lsq_client_create_lead_async (f->client, contact, NULL, lsq_wait_cb, &f->wait);
  id = liaison_lsq_client_id_finish (f->client, RESULT (f), &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);

  got = fetch (f, id);
  g_assert_cmpstr (liaison_contact_get_first_name (got), ==, "Ada");
  g_assert_cmpstr (liaison_contact_get_email (got), ==, "ada.create@example.com");
  g_assert_cmpstr (liaison_contact_get_city (got), ==, "Bangalore");
  g_assert_cmpstr (liaison_contact_get_custom_field_string (got, "mx_Treatment"), ==, "Implants");

  /* A second lead with the same email is refused, saying which address and what to do. */
  next (f);
  liaison_lsq_client_create_lead_async (f->client, contact, NULL, lsq_wait_cb, &f->wait);
  dup = liaison_lsq_client_id_finish (f->client, RESULT (f), &error);
  g_assert_null (dup);
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_VALIDATION);
  g_assert_true (strstr (error->message, "LeadSquared rejected the lead") != NULL);
  g_assert_true (
      strstr (error->message, "another lead already has the e-mail address ada.create@example.com")
      != NULL);
  g_assert_true (strstr (error->message, "link the two on the Contacts page") != NULL);
  g_clear_error (&error);

  /* Only what is set is written. */
  liaison_contact_set_id (change, id);
  liaison_contact_set_first_name (change, "Augusta");
  liaison_contact_set_custom_field (change, "mx_Number_of_Visits", g_variant_new_double (7));
  next (f);
  liaison_lsq_client_update_lead_async (f->client, change, NULL, lsq_wait_cb, &f->wait);
  g_assert_true (liaison_lsq_client_done_finish (f->client, RESULT (f), &error));
  g_assert_no_error (error);

  again = fetch (f, id);
  g_assert_cmpstr (liaison_contact_get_first_name (again), ==, "Augusta");
  g_assert_cmpstr (liaison_contact_get_last_name (again), ==, "Tester");
  g_assert_cmpstr (liaison_contact_get_city (again), ==, "Bangalore");
  /* Without the metadata a custom number stays text ... */
  g_assert_cmpstr (liaison_contact_get_custom_field_string (again, "mx_Number_of_Visits"), ==, "7");
  g_assert_true (g_variant_is_of_type (
      liaison_contact_get_custom_field (again, "mx_Number_of_Visits"), G_VARIANT_TYPE_STRING));
  g_assert_true (liaison_contact_get_custom_field_double (again, "mx_Number_of_Visits", &visits));
  g_assert_cmpfloat (visits, ==, 7);
  g_assert_cmpint (g_date_time_compare (liaison_contact_get_date_updated (again),
                                        liaison_contact_get_date_added (again)),
                   >=, 0);

  /* Unknown lead. */
  liaison_contact_set_id (change, "00000000-0000-4000-8000-000000000001");
  next (f);
  liaison_lsq_client_update_lead_async (f->client, change, NULL, lsq_wait_cb, &f->wait);
  g_assert_false (liaison_lsq_client_done_finish (f->client, RESULT (f), &error));
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_FOUND);
  g_assert_true (strstr (error->message, "does not exist") != NULL);
}

static void
test_create_or_update (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonContact) first = new_contact ("Grace", "grace@example.com");
  g_autoptr (LiaisonContact) second = new_contact ("Grace B.", "grace@example.com");
  g_autoptr (LiaisonContact) got = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *id1 = NULL;
  g_autofree char *id2 = NULL;

  liaison_lsq_client_create_or_update_lead_async (f->client, first, "EmailAddress", NULL,
                                                  lsq_wait_cb, &f->wait);
  id1 = liaison_lsq_client_id_finish (f->client, RESULT (f), &error);
  g_assert_no_error (error);
  next (f);
  liaison_lsq_client_create_or_update_lead_async (f->client, second, "EmailAddress", NULL,
                                                  lsq_wait_cb, &f->wait);
  id2 = liaison_lsq_client_id_finish (f->client, RESULT (f), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id1, ==, id2);

  got = fetch (f, id1);
  g_assert_cmpstr (liaison_contact_get_first_name (got), ==, "Grace B.");
  next (f);
  liaison_lsq_client_find_leads_by_email_async (f->client, "grace@example.com", NULL, lsq_wait_cb,
                                                &f->wait);
  found = liaison_lsq_client_list_finish (f->client, RESULT (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
}

static void
test_bulk (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) results = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonContact) existing = new_contact ("Existing", "bulk7@example.com");
  g_autofree char *existing_id = NULL;
  guint i;

  liaison_lsq_client_create_lead_async (f->client, existing, NULL, lsq_wait_cb, &f->wait);
  existing_id = liaison_lsq_client_id_finish (f->client, RESULT (f), &error);
  g_assert_no_error (error);

  for (i = 0; i < 60; i++)
    {
      g_autofree char *email = g_strdup_printf ("bulk%u@example.com", i);
      LiaisonContact *contact = new_contact ("Bulk", email);

      /* Rows 3 and 31 carry a value the field refuses. */
      if (i == 3 || i == 31)
        liaison_contact_set_custom_field_string (contact, "mx_Number_of_Visits", "many");
      g_ptr_array_add (contacts, contact);
    }

  next (f);
  liaison_lsq_client_bulk_create_or_update_async (f->client, contacts, "EmailAddress", NULL,
                                                  lsq_wait_cb, &f->wait);
  results = liaison_lsq_client_bulk_create_or_update_finish (f->client, RESULT (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 60);
  /* 25 + 25 + 10. */
  g_assert_cmpint (
      lsq_route_count (f->sandbox, "POST /v2/LeadManagement.svc/Lead/Bulk/CreateOrUpdate"), ==, 3);
  for (i = 0; i < results->len; i++)
    {
      LiaisonLsqRowResult *row = g_ptr_array_index (results, i);

      g_assert_cmpuint (row->row, ==, i);
      if (i == 3 || i == 31)
        {
          g_assert_null (row->lead_id);
          g_assert_error (row->error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_VALIDATION);
          g_assert_true (strstr (row->error->message, "Invalid value 'many'") != NULL);
        }
      else
        {
          g_assert_no_error (row->error);
          g_assert_nonnull (row->lead_id);
          g_assert_cmpint (row->created, ==, i != 7);
          g_assert_cmpint (row->updated, ==, i == 7);
        }
    }
  g_assert_cmpstr (((LiaisonLsqRowResult *) g_ptr_array_index (results, 7))->lead_id, ==,
                   existing_id);
}

static void
test_notes (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonContact) lead = lead_with_email_and_phone (f);
  g_autoptr (LiaisonNote) note = liaison_note_new ();
  g_autoptr (GPtrArray) notes = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *bad = NULL;
  LiaisonNote *found = NULL;
  guint i;

  liaison_note_set_contact_id (note, liaison_contact_get_id (lead));
  liaison_note_set_body (note, "Asked for a quote on implants.");
  liaison_lsq_client_create_note_async (f->client, note, NULL, lsq_wait_cb, &f->wait);
  id = liaison_lsq_client_id_finish (f->client, RESULT (f), &error);
  g_assert_no_error (error);

  next (f);
  liaison_lsq_client_list_notes_async (f->client, liaison_contact_get_id (lead), NULL, lsq_wait_cb,
                                       &f->wait);
  notes = liaison_lsq_client_list_finish (f->client, RESULT (f), &error);
  g_assert_no_error (error);
  for (i = 0; i < notes->len; i++)
    if (g_strcmp0 (liaison_note_get_id (g_ptr_array_index (notes, i)), id) == 0)
      found = g_ptr_array_index (notes, i);
  g_assert_nonnull (found);
  g_assert_cmpstr (liaison_note_get_body (found), ==, "Asked for a quote on implants.");
  g_assert_cmpstr (liaison_note_get_contact_id (found), ==, liaison_contact_get_id (lead));
  /* Notes carry "2018-12-12 10:36:00" without a fraction. */
  g_assert_nonnull (liaison_note_get_date_added (found));
  g_assert_nonnull (liaison_note_get_user_id (found));

  liaison_note_set_id (note, id);
  liaison_note_set_body (note, "Quote sent.");
  next (f);
  liaison_lsq_client_update_note_async (f->client, note, NULL, lsq_wait_cb, &f->wait);
  g_assert_true (liaison_lsq_client_done_finish (f->client, RESULT (f), &error));
  g_assert_no_error (error);

  next (f);
  liaison_lsq_client_list_notes_async (f->client, liaison_contact_get_id (lead), NULL, lsq_wait_cb,
                                       &f->wait);
  after = liaison_lsq_client_list_finish (f->client, RESULT (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, notes->len);
  for (i = 0; i < after->len; i++)
    if (g_strcmp0 (liaison_note_get_id (g_ptr_array_index (after, i)), id) == 0)
      g_assert_cmpstr (liaison_note_get_body (g_ptr_array_index (after, i)), ==, "Quote sent.");

  /* A note on a lead that does not exist. */
  liaison_note_set_contact_id (note, "00000000-0000-4000-8000-000000000002");
  next (f);
  liaison_lsq_client_create_note_async (f->client, note, NULL, lsq_wait_cb, &f->wait);
  bad = liaison_lsq_client_id_finish (f->client, RESULT (f), &error);
  g_assert_null (bad);
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_FOUND);
}

static GObject *
get_task (Fixture *f, const char *id)
{
  g_autoptr (GError) error = NULL;
  GObject *item;

  next (f);
  liaison_lsq_client_get_task_async (f->client, id, NULL, lsq_wait_cb, &f->wait);
  item = liaison_lsq_client_get_task_finish (f->client, RESULT (f), &error);
  g_assert_no_error (error);
  return item;
}

static void
test_tasks (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonContact) lead = lead_with_email_and_phone (f);
  g_autoptr (LiaisonTask) task = liaison_task_new ();
  g_autoptr (LiaisonAppointment) meeting = liaison_appointment_new ();
  g_autoptr (GDateTime) due = lsq_time ("2026-03-02T10:30:00Z");
  g_autoptr (GDateTime) start = lsq_time ("2026-03-05T15:00:00Z");
  g_autoptr (GDateTime) end = lsq_time ("2026-03-05T15:45:00Z");
  g_autoptr (GObject) got = NULL;
  g_autoptr (GObject) done = NULL;
  g_autoptr (GObject) appointment = NULL;
  g_autoptr (GPtrArray) summaries = NULL;
  g_autoptr (GPtrArray) details = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *task_id = NULL;
  g_autofree char *meeting_id = NULL;
  guint i, n_tasks = 0, n_appointments = 0;
  gboolean listed = FALSE;

  liaison_task_set_contact_id (task, liaison_contact_get_id (lead));
  liaison_task_set_title (task, "Call back about the quote");
  liaison_task_set_body (task, "Mornings are best");
  liaison_task_set_due_date (task, due);
  liaison_lsq_client_create_task_async (f->client, task, "Follow Up", NULL, lsq_wait_cb, &f->wait);
  task_id = liaison_lsq_client_id_finish (f->client, RESULT (f), &error);
  g_assert_no_error (error);

  got = get_task (f, task_id);
  g_assert_true (LIAISON_IS_TASK (got));
  g_assert_cmpstr (liaison_task_get_title (LIAISON_TASK (got)), ==, "Call back about the quote");
  g_assert_cmpstr (liaison_task_get_contact_id (LIAISON_TASK (got)), ==,
                   liaison_contact_get_id (lead));
  g_assert_true (g_date_time_equal (liaison_task_get_due_date (LIAISON_TASK (got)), due));
  g_assert_false (liaison_task_get_completed (LIAISON_TASK (got)));
  /* "0001-01-01 00:00:00.000" means never. */
  g_assert_null (liaison_task_get_completed_at (LIAISON_TASK (got)));

  liaison_task_set_id (task, task_id);
  liaison_task_set_title (task, "Call back (moved)");
  next (f);
  liaison_lsq_client_update_task_async (f->client, task, NULL, lsq_wait_cb, &f->wait);
  g_assert_true (liaison_lsq_client_done_finish (f->client, RESULT (f), &error));
  g_assert_no_error (error);
  next (f);
  liaison_lsq_client_complete_task_async (f->client, task_id, NULL, lsq_wait_cb, &f->wait);
  g_assert_true (liaison_lsq_client_done_finish (f->client, RESULT (f), &error));
  g_assert_no_error (error);
  done = get_task (f, task_id);
  g_assert_cmpstr (liaison_task_get_title (LIAISON_TASK (done)), ==, "Call back (moved)");
  g_assert_true (liaison_task_get_completed (LIAISON_TASK (done)));
  g_assert_nonnull (liaison_task_get_completed_at (LIAISON_TASK (done)));

  liaison_appointment_set_contact_id (meeting, liaison_contact_get_id (lead));
  liaison_appointment_set_title (meeting, "Consultation");
  liaison_appointment_set_address (meeting, "Room 2");
  liaison_appointment_set_start_time (meeting, start);
  liaison_appointment_set_end_time (meeting, end);
  next (f);
  liaison_lsq_client_create_appointment_async (f->client, meeting, "Meeting", NULL, lsq_wait_cb,
                                               &f->wait);
  meeting_id = liaison_lsq_client_id_finish (f->client, RESULT (f), &error);
  g_assert_no_error (error);
  appointment = get_task (f, meeting_id);
  g_assert_true (LIAISON_IS_APPOINTMENT (appointment));
  g_assert_true (g_date_time_equal (
      liaison_appointment_get_start_time (LIAISON_APPOINTMENT (appointment)), start));
  g_assert_true (g_date_time_equal (
      liaison_appointment_get_end_time (LIAISON_APPOINTMENT (appointment)), end));
  g_assert_cmpstr (liaison_appointment_get_address (LIAISON_APPOINTMENT (appointment)), ==,
                   "Room 2");
  g_assert_nonnull (liaison_appointment_get_calendar_id (LIAISON_APPOINTMENT (appointment)));

  next (f);
  liaison_lsq_client_list_lead_tasks_async (f->client, liaison_contact_get_id (lead), FALSE, NULL,
                                            lsq_wait_cb, &f->wait);
  summaries = liaison_lsq_client_list_finish (f->client, RESULT (f), &error);
  g_assert_no_error (error);
  for (i = 0; i < summaries->len; i++)
    {
      g_assert_true (LIAISON_IS_TASK (g_ptr_array_index (summaries, i)));
      if (g_strcmp0 (liaison_task_get_id (g_ptr_array_index (summaries, i)), task_id) == 0)
        {
          listed = TRUE;
          g_assert_true (liaison_task_get_completed (g_ptr_array_index (summaries, i)));
        }
    }
  g_assert_true (listed);

  next (f);
  liaison_lsq_client_list_lead_tasks_async (f->client, liaison_contact_get_id (lead), TRUE, NULL,
                                            lsq_wait_cb, &f->wait);
  details = liaison_lsq_client_list_finish (f->client, RESULT (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (details->len, ==, summaries->len);
  for (i = 0; i < details->len; i++)
    {
      if (LIAISON_IS_APPOINTMENT (g_ptr_array_index (details, i)))
        n_appointments++;
      else
        n_tasks++;
    }
  g_assert_cmpuint (n_appointments, >=, 1);
  g_assert_cmpuint (n_tasks, >=, 1);

  /* DeleteTasks takes the to-do and the appointment; deleting them again counts none. */
  {
    const char *both[] = { task_id, meeting_id, NULL };
    const char *none[] = { NULL };
    GObject *gone;

    next (f);
    liaison_lsq_client_delete_tasks_async (f->client, both, NULL, lsq_wait_cb, &f->wait);
    g_assert_cmpint (liaison_lsq_client_delete_tasks_finish (f->client, RESULT (f), &error), ==, 2);
    g_assert_no_error (error);
    next (f);
    liaison_lsq_client_get_task_async (f->client, meeting_id, NULL, lsq_wait_cb, &f->wait);
    gone = liaison_lsq_client_get_task_finish (f->client, RESULT (f), &error);
    g_assert_null (gone);
    g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_FOUND);
    g_clear_error (&error);
    next (f);
    liaison_lsq_client_delete_tasks_async (f->client, both, NULL, lsq_wait_cb, &f->wait);
    g_assert_cmpint (liaison_lsq_client_delete_tasks_finish (f->client, RESULT (f), &error), ==, 0);
    g_assert_no_error (error);
    next (f);
    liaison_lsq_client_delete_tasks_async (f->client, none, NULL, lsq_wait_cb, &f->wait);
    g_assert_cmpint (liaison_lsq_client_delete_tasks_finish (f->client, RESULT (f), &error), ==,
                     -1);
    g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_VALIDATION);
    g_clear_error (&error);
  }

  /* A type is needed to create a to-do. */
  next (f);
  g_clear_pointer (&task_id, g_free);
  liaison_lsq_client_create_task_async (f->client, task, NULL, NULL, lsq_wait_cb, &f->wait);
  task_id = liaison_lsq_client_id_finish (f->client, RESULT (f), &error);
  g_assert_null (task_id);
  g_assert_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_VALIDATION);
}

static void
test_users (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) users = NULL;
  g_autoptr (GError) error = NULL;
  guint i;

  liaison_lsq_client_list_users_async (f->client, NULL, lsq_wait_cb, &f->wait);
  users = liaison_lsq_client_list_finish (f->client, RESULT (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, >=, 2);
  for (i = 0; i < users->len; i++)
    {
      LiaisonUser *user = g_ptr_array_index (users, i);

      g_assert_nonnull (liaison_user_get_id (user));
      g_assert_nonnull (strchr (liaison_user_get_email (user), '@'));
      g_assert_nonnull (liaison_user_get_name (user));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/lsq/client/discover", test_discover);
  ADD ("/lsq/client/metadata", test_metadata);
  ADD ("/lsq/client/recently-modified-paging", test_recently_modified_paging);
  ADD ("/lsq/client/get-and-find", test_get_and_find);
  ADD ("/lsq/client/create-update", test_create_update);
  ADD ("/lsq/client/create-or-update", test_create_or_update);
  ADD ("/lsq/client/bulk", test_bulk);
  ADD ("/lsq/client/notes", test_notes);
  ADD ("/lsq/client/tasks", test_tasks);
  ADD ("/lsq/client/users", test_users);
#undef ADD

  return g_test_run ();
}
