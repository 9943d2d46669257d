/* test-store-query.c: the reads of liaison-store-query.h: the asynchronous record, children and
 * link reads see every write queued before them; the contact scan walks the contacts in name
 * order with their links; the calendar ranges; a connection's details without JSON.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-store-query"

#include <string.h>

#include "liaison-appointment-codec.h"
#include "liaison-calendar-codec.h"
#include "liaison-contact-list.h"
#include "liaison-note-codec.h"
#include "liaison-task-codec.h"
#include "store-test-util.h"

typedef struct
{
  char *dir;
  LiaisonStore *store;
  char *lsq;
  char *ghl;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = store_test_tmpdir ();
  path = g_build_filename (f->dir, "profile.db", NULL);
  f->store = store_test_open (path, "DE", &error);
  g_assert_no_error (error);
  f->lsq = store_test_add_connection (f->store, LIAISON_SERVICE_LSQ, "org-1");
  f->ghl = store_test_add_connection (f->store, LIAISON_SERVICE_GHL, "loc-1");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  store_test_drain ();
  store_test_rmtree (f->dir);
  g_free (f->dir);
  g_free (f->lsq);
  g_free (f->ghl);
}

static GPtrArray *
records_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
}

static LiaisonStoreRecord *
task_record (const char *id, const char *contact_id, const char *title, gint64 updated_s)
{
  g_autoptr (LiaisonTask) task = liaison_task_new ();
  g_autoptr (GDateTime) updated = g_date_time_new_from_unix_utc (updated_s);

  liaison_task_set_id (task, id);
  liaison_task_set_title (task, title);
  liaison_task_set_date_updated (task, updated);
  return liaison_task_codec_to_record (task, contact_id);
}

/* Reads asked for right after a write, without waiting for it, find what it wrote. */
static void
test_async_reads (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) contacts = records_new ();
  g_autoptr (GPtrArray) tasks = records_new ();
  g_autoptr (GPtrArray) links
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_link_free);
  g_autoptr (GAsyncResult) written = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonStoreRecord) record = NULL;
  g_autoptr (GPtrArray) children = NULL;
  g_autoptr (LiaisonStoreLink) link = NULL;

  g_ptr_array_add (contacts,
                   store_test_contact ("L1", "Zoë Müller", "zoe@example.com", NULL, NULL, 1000));
  liaison_store_commit_page_async (f->store, f->lsq, LIAISON_RECORD_CONTACT, contacts, NULL, NULL,
                                   store_test_result_cb, &written);
  liaison_store_lookup_record_async (f->store, f->lsq, LIAISON_RECORD_CONTACT, "L1", NULL,
                                     store_test_result_cb, &result);
  record = liaison_store_lookup_record_finish (f->store, store_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_assert_cmpstr (record->display_name, ==, "Zoë Müller");
  g_assert_cmpstr (record->connection_id, ==, f->lsq);
  g_assert_true (liaison_store_commit_page_finish (f->store, store_test_wait (&written), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_clear_pointer (&record, liaison_store_record_free);

  /* Not cached: NULL and no error. */
  liaison_store_lookup_record_async (f->store, f->ghl, LIAISON_RECORD_CONTACT, "L1", NULL,
                                     store_test_result_cb, &result);
  g_assert_null (liaison_store_lookup_record_finish (f->store, store_test_wait (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* Children, newest change first, without the ones marked deleted. */
  g_ptr_array_add (tasks, task_record ("T1", "L1", "Older", 100));
  g_ptr_array_add (tasks, task_record ("T2", "L1", "Newer", 200));
  g_ptr_array_add (tasks, task_record ("T3", "L1", "Gone", 300));
  ((LiaisonStoreRecord *) tasks->pdata[2])->deleted = TRUE;
  g_ptr_array_add (tasks, task_record ("T4", "L2", "Someone else's", 400));
  liaison_store_commit_page_async (f->store, f->lsq, LIAISON_RECORD_TASK, tasks, NULL, NULL, NULL,
                                   NULL);
  liaison_store_list_children_async (f->store, f->lsq, LIAISON_RECORD_TASK, "L1", NULL,
                                     store_test_result_cb, &result);
  children = liaison_store_list_children_finish (f->store, store_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (children->len, ==, 2);
  g_assert_cmpstr (((LiaisonStoreRecord *) children->pdata[0])->remote_id, ==, "T2");
  g_assert_cmpstr (((LiaisonStoreRecord *) children->pdata[1])->remote_id, ==, "T1");
  g_clear_object (&result);

  /* A link, from either side; a record in none has none. */
  g_ptr_array_add (links, liaison_store_link_new (LIAISON_RECORD_CONTACT, f->lsq, "L1", f->ghl,
                                                  "G1", LIAISON_LINK_MANUAL));
  liaison_store_create_links_async (f->store, links, NULL, NULL, NULL);
  liaison_store_lookup_link_async (f->store, LIAISON_SERVICE_GHL, f->ghl, LIAISON_RECORD_CONTACT,
                                   "G1", NULL, store_test_result_cb, &result);
  link = liaison_store_lookup_link_finish (f->store, store_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (link);
  g_assert_cmpstr (link->lsq_id, ==, "L1");
  g_assert_cmpint (link->origin, ==, LIAISON_LINK_MANUAL);
  g_clear_object (&result);
  liaison_store_lookup_link_async (f->store, LIAISON_SERVICE_LSQ, f->lsq, LIAISON_RECORD_CONTACT,
                                   "L2", NULL, store_test_result_cb, &result);
  g_assert_null (liaison_store_lookup_link_finish (f->store, store_test_wait (&result), &error));
  g_assert_no_error (error);
}

typedef struct
{
  GString *order;
  guint n_linked;
  guint n_with_email;
} ScanSeen;

static gpointer
scan_all (LiaisonStoreContactScan *scan, gpointer data, GError **error)
{
  ScanSeen *seen = g_new0 (ScanSeen, 1);
  LiaisonStoreContactKey key;
  GError *local_error = NULL;

  seen->order = g_string_new (NULL);
  while (liaison_store_contact_scan_next (scan, &key, &local_error))
    {
      g_assert_cmpuint (key.search_text_len, ==, strlen (key.search_text));
      g_assert_cmpuint (key.connection_id_len, ==, strlen (key.connection_id));
      g_assert_cmpint (key.record_id, >, 0);
      g_string_append_printf (seen->order, "%s;", key.search_text);
      seen->n_linked += key.link_id > 0;
      seen->n_with_email += liaison_store_contact_scan_get_email_norm (scan) != NULL;
    }
  g_assert_no_error (local_error);
  return seen;
}

static void
scan_seen_free (ScanSeen *seen)
{
  g_string_free (seen->order, TRUE);
  g_free (seen);
}

static gpointer
scan_nothing (LiaisonStoreContactScan *scan, gpointer data, GError **error)
{
  return NULL; /* without an error: the store says what failed */
}

static gboolean
find_record_id (LiaisonStoreContactScan *scan, gint64 *id)
{
  LiaisonStoreContactKey key;

  while (liaison_store_contact_scan_next (scan, &key, NULL))
    if (strstr (key.search_text, "adam") != NULL)
      {
        *id = key.record_id;
        return TRUE;
      }
  return FALSE;
}

static gpointer
scan_for_adam (LiaisonStoreContactScan *scan, gpointer data, GError **error)
{
  gint64 *id = g_new0 (gint64, 1);

  if (!find_record_id (scan, id))
    {
      g_free (id);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no Adam");
      return NULL;
    }
  return id;
}

static void
test_contact_scan (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) lsq = records_new ();
  g_autoptr (GPtrArray) ghl = records_new ();
  g_autoptr (GPtrArray) links
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_link_free);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonStoreRecord) summary = NULL;
  ScanSeen *seen;
  gint64 *adam;

  g_ptr_array_add (lsq, store_test_contact ("L1", "Zoë Müller", "zoe@example.com", NULL, NULL, 1));
  g_ptr_array_add (lsq, store_test_contact ("L2", "Adam Ant", NULL, "+49 30 1234567", "Acme", 2));
  g_ptr_array_add (ghl, store_test_contact ("G1", "Mia Meyer", "mia@example.com", NULL, NULL, 3));
  g_assert_true (store_test_commit (f->store, f->lsq, LIAISON_RECORD_CONTACT, lsq, NULL, &error));
  g_assert_true (store_test_commit (f->store, f->ghl, LIAISON_RECORD_CONTACT, ghl, NULL, &error));
  g_ptr_array_add (links, liaison_store_link_new (LIAISON_RECORD_CONTACT, f->lsq, "L1", f->ghl,
                                                  "G1", LIAISON_LINK_MATCHED));
  g_assert_nonnull (store_test_link (f->store, links, &error));
  g_assert_no_error (error);

  liaison_store_scan_contacts_async (f->store, scan_all, NULL, NULL,
                                     (GDestroyNotify) scan_seen_free, NULL, store_test_result_cb,
                                     &result);
  seen = liaison_store_scan_contacts_finish (f->store, store_test_wait (&result), &error);
  g_assert_no_error (error);
  /* Name order, folded: Adam, Mia, Zoe. */
  g_assert_true (g_str_has_prefix (seen->order->str, "adam ant"));
  g_assert_nonnull (strstr (seen->order->str, ";mia meyer"));
  g_assert_nonnull (strstr (seen->order->str, ";zoe muller"));
  g_assert_cmpint (strstr (seen->order->str, "mia") - seen->order->str, <,
                   strstr (seen->order->str, "zoe") - seen->order->str);
  g_assert_cmpuint (seen->n_linked, ==, 2);
  g_assert_cmpuint (seen->n_with_email, ==, 2);
  scan_seen_free (seen);
  g_clear_object (&result);

  /* A scan that builds nothing fails with a sentence. */
  liaison_store_scan_contacts_async (f->store, scan_nothing, NULL, NULL, NULL, NULL,
                                     store_test_result_cb, &result);
  g_assert_null (liaison_store_scan_contacts_finish (f->store, store_test_wait (&result), &error));
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_clear_object (&result);

  /* What a row shows, by the record id the scan gave. */
  liaison_store_scan_contacts_async (f->store, scan_for_adam, NULL, NULL, g_free, NULL,
                                     store_test_result_cb, &result);
  adam = liaison_store_scan_contacts_finish (f->store, store_test_wait (&result), &error);
  g_assert_no_error (error);
  summary = liaison_store_lookup_contact_summary (f->store, *adam, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (summary->remote_id, ==, "L2");
  g_assert_cmpstr (summary->display_name, ==, "Adam Ant");
  g_assert_cmpstr (summary->phone, ==, "+49 30 1234567");
  g_assert_cmpstr (summary->company, ==, "Acme");
  g_assert_null (summary->raw);
  g_assert_null (liaison_store_lookup_contact_summary (f->store, *adam + 1000, &error));
  g_assert_no_error (error);
  g_free (adam);
}

static LiaisonStoreRecord *
appointment_record (const char *id, const char *calendar_id, gint64 start_s, guint minutes)
{
  g_autoptr (LiaisonAppointment) appointment = liaison_appointment_new ();
  g_autoptr (GDateTime) start = g_date_time_new_from_unix_utc (start_s);
  g_autoptr (GDateTime) end = g_date_time_add_minutes (start, minutes);

  liaison_appointment_set_id (appointment, id);
  liaison_appointment_set_calendar_id (appointment, calendar_id);
  liaison_appointment_set_start_time (appointment, start);
  liaison_appointment_set_end_time (appointment, end);
  return liaison_appointment_codec_to_record (appointment);
}

static void
test_calendar_ranges (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) calendars = records_new ();
  g_autoptr (GPtrArray) appointments = records_new ();
  g_autoptr (GPtrArray) got = NULL;
  g_autoptr (GError) error = NULL;
  const char *names[] = { "demo", "Consultation", "billing" };
  const gint64 hour = 3600;
  const gint64 day = 1796342400; /* 2026-12-04T00:00Z */

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (LiaisonCalendar) calendar = liaison_calendar_new ();
      g_autofree char *id = g_strdup_printf ("CAL%u", i);

      liaison_calendar_set_id (calendar, id);
      liaison_calendar_set_name (calendar, names[i]);
      g_ptr_array_add (calendars, liaison_calendar_codec_to_record (calendar));
    }
  g_assert_true (
      store_test_commit (f->store, f->ghl, LIAISON_RECORD_CALENDAR, calendars, NULL, &error));
  got = liaison_store_list_calendars (f->store, f->ghl, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, 3);
  /* By name, case folded. */
  g_assert_cmpstr (((LiaisonStoreRecord *) got->pdata[0])->remote_id, ==, "CAL2"); /* billing */
  g_assert_cmpstr (((LiaisonStoreRecord *) got->pdata[1])->remote_id, ==, "CAL1");
  g_assert_cmpstr (((LiaisonStoreRecord *) got->pdata[2])->remote_id, ==, "CAL0"); /* demo */
  g_clear_pointer (&got, g_ptr_array_unref);

  g_ptr_array_add (appointments, appointment_record ("A-before", "CAL0", day - 2 * hour, 30));
  g_ptr_array_add (appointments, appointment_record ("A-overlap", "CAL0", day - 1800, 60));
  g_ptr_array_add (appointments, appointment_record ("A-in", "CAL1", day + 9 * hour, 30));
  g_ptr_array_add (appointments, appointment_record ("A-after", "CAL0", day + 24 * hour, 30));
  g_assert_true (
      store_test_commit (f->store, f->ghl, LIAISON_RECORD_APPOINTMENT, appointments, NULL, &error));
  got = liaison_store_list_appointments (f->store, f->ghl, day * 1000, (day + 24 * hour) * 1000,
                                         NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, 2);
  g_assert_cmpstr (((LiaisonStoreRecord *) got->pdata[0])->remote_id, ==, "A-overlap");
  g_assert_cmpstr (((LiaisonStoreRecord *) got->pdata[1])->remote_id, ==, "A-in");
  g_clear_pointer (&got, g_ptr_array_unref);
  got = liaison_store_list_appointments (f->store, f->ghl, day * 1000, (day + 24 * hour) * 1000,
                                         "CAL1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, 1);
  g_assert_cmpstr (((LiaisonStoreRecord *) got->pdata[0])->remote_id, ==, "A-in");
}

static void
count_signal (gpointer counter)
{
  (*(guint *) counter)++;
}

static void
count_loads (LiaisonContactList *list, GParamSpec *pspec, guint *loads)
{
  *loads += liaison_contact_list_get_loading (list);
}

static void
wait_rows (LiaisonContactList *list, guint n)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (liaison_contact_list_get_loading (list)
         || g_list_model_get_n_items (G_LIST_MODEL (list)) != n)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* A run of many writes with the notifications held: nothing is announced until the release,
 * then each change once, and the contact list loads its index once. */
static void
test_held_notifications (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonContactList) list = liaison_contact_list_new (f->store, f->lsq, f->ghl);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  guint records_changed = 0, links_changed = 0, loads = 0;

  liaison_contact_list_load_async (list, NULL, store_test_result_cb, &result);
  g_assert_true (liaison_contact_list_load_finish (list, store_test_wait (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_signal_connect_swapped (f->store, "records-changed", G_CALLBACK (count_signal),
                            &records_changed);
  g_signal_connect_swapped (f->store, "links-changed", G_CALLBACK (count_signal), &links_changed);
  g_signal_connect (list, "notify::loading", G_CALLBACK (count_loads), &loads);

  liaison_store_hold_notifications (f->store);
  liaison_store_hold_notifications (f->store); /* holds nest */
  for (guint page = 0; page < 40; page++)
    {
      g_autoptr (GPtrArray) records = records_new ();
      g_autoptr (GPtrArray) links
          = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_link_free);
      g_autofree char *lsq_id = g_strdup_printf ("L%u", page);
      g_autofree char *ghl_id = g_strdup_printf ("G%u", page);
      g_autofree char *name = g_strdup_printf ("Person %02u", page);

      g_ptr_array_add (records, store_test_contact (lsq_id, name, NULL, NULL, NULL, page));
      g_assert_true (
          store_test_commit (f->store, f->lsq, LIAISON_RECORD_CONTACT, records, NULL, &error));
      g_clear_pointer (&records, g_ptr_array_unref);
      records = records_new ();
      g_ptr_array_add (records, store_test_contact (ghl_id, name, NULL, NULL, NULL, page));
      g_assert_true (
          store_test_commit (f->store, f->ghl, LIAISON_RECORD_CONTACT, records, NULL, &error));
      g_ptr_array_add (links, liaison_store_link_new (LIAISON_RECORD_CONTACT, f->lsq, lsq_id,
                                                      f->ghl, ghl_id, LIAISON_LINK_CREATED));
      g_assert_nonnull (store_test_link (f->store, links, &error));
      g_assert_no_error (error);
    }
  store_test_drain ();
  g_assert_cmpuint (records_changed, ==, 0);
  g_assert_cmpuint (links_changed, ==, 0);
  liaison_store_release_notifications (f->store);
  g_assert_cmpuint (records_changed, ==, 0);

  /* One per connection and kind that changed, and one for the links. */
  liaison_store_release_notifications (f->store);
  g_assert_cmpuint (records_changed, ==, 2);
  g_assert_cmpuint (links_changed, ==, 1);
  wait_rows (list, 40);
  /* Linked pairs, one row each. */
  g_assert_cmpuint (liaison_contact_list_count_status (list, LIAISON_LINK_STATUS_LINKED), ==, 40);
  g_assert_cmpuint (loads, ==, 1);

  g_signal_handlers_disconnect_by_data (f->store, &records_changed);
  g_signal_handlers_disconnect_by_data (f->store, &links_changed);
}

static void
test_connection_detail (void)
{
  g_autoptr (LiaisonStoreConnection) c = liaison_store_connection_new (LIAISON_SERVICE_LSQ, "o");
  g_autofree char *region = NULL;

  g_assert_null (liaison_store_connection_dup_detail (c, "region"));
  c->details = g_strdup ("{\"region\": \"21\", \"count\": 3, \"nested\": {\"a\": \"b\"}}");
  region = liaison_store_connection_dup_detail (c, "region");
  g_assert_cmpstr (region, ==, "21");
  /* Only strings: a number or an object is not a setting a label can show. */
  g_assert_null (liaison_store_connection_dup_detail (c, "count"));
  g_assert_null (liaison_store_connection_dup_detail (c, "nested"));
  g_assert_null (liaison_store_connection_dup_detail (c, "missing"));
  g_free (c->details);
  c->details = g_strdup ("[\"not\", \"an object\"]");
  g_assert_null (liaison_store_connection_dup_detail (c, "region"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/store-query/async-reads", Fixture, NULL, fixture_set_up, test_async_reads,
              fixture_tear_down);
  g_test_add ("/store-query/contact-scan", Fixture, NULL, fixture_set_up, test_contact_scan,
              fixture_tear_down);
  g_test_add ("/store-query/calendar-ranges", Fixture, NULL, fixture_set_up, test_calendar_ranges,
              fixture_tear_down);
  g_test_add ("/store-query/held-notifications", Fixture, NULL, fixture_set_up,
              test_held_notifications, fixture_tear_down);
  g_test_add_func ("/store-query/connection-detail", test_connection_detail);
  return g_test_run ();
}
