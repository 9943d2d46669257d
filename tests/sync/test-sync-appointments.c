/* test-sync-appointments.c: the appointments of linked contacts follow them both ways, end to
 * end through the real clients against the in-process sandbox, with the sandbox's clock and the
 * engine's pinned to the same instant (the window of appointments read depends on the date),
 * judged from what the services hold and the requests they received.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "liaison-appointment.h"
#include "liaison-calendar.h"
#include "liaison-store-activity.h"
#include "liaison-sync-appointments.h"
#include "store-test-util.h"
#include "sync-test-util.h"

/* Friday 27 November 2026, noon UTC: the fixture's anchor day. */
#define NOW_MS G_GINT64_CONSTANT (1795780800000)

static const SyncFixtureOptions small = { .seed = 11, .contacts = 6, .sweep_hour = 12 };

typedef struct
{
  SyncFixture f;
  char *lsq_contact;
  char *ghl_contact;
  char *ny_calendar;      /* Consultation, America/New_York, weekdays 9-17, 30 min */
  char *kolkata_calendar; /* Product Demo, Asia/Kolkata, Mon-Sat 10-13 and 14-18, 60 min */
} ApptFixture;

static gint64
pinned_clock (gpointer user_data)
{
  return NOW_MS;
}

static void
set_up (ApptFixture *t, gconstpointer data)
{
  g_autofree char *body = g_strdup_printf ("{\"offsetMs\": %" G_GINT64_FORMAT "}",
                                           NOW_MS - g_get_real_time () / 1000);
  g_autoptr (JsonNode) clock = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) calendars = NULL;
  g_autoptr (GError) error = NULL;

  sync_fixture_set_up (&t->f, &small);
  clock = sync_control (&t->f, LIAISON_SERVICE_GHL, "POST", "/_sandbox/clock", body);
  liaison_sync_engine_set_clock (t->f.engine, pinned_clock, NULL);
  sync_first_reads_unpaced (&t->f);
  g_assert_cmpuint (sync_until_quiet (&t->f, 5), <=, 5);
  sync_first_link (&t->f, &t->lsq_contact, &t->ghl_contact);
  liaison_ghl_client_list_calendars_async (t->f.ghl, NULL, store_test_result_cb, &result);
  calendars = liaison_ghl_client_list_finish (t->f.ghl, store_test_wait (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < calendars->len; i++)
    {
      LiaisonCalendar *c = g_ptr_array_index (calendars, i);

      /* The sandbox's two calendars, by name (the API does not give their zones). */
      if (g_strcmp0 (liaison_calendar_get_name (c), "Consultation") == 0)
        t->ny_calendar = g_strdup (liaison_calendar_get_id (c));
      else if (g_strcmp0 (liaison_calendar_get_name (c), "Product Demo") == 0)
        t->kolkata_calendar = g_strdup (liaison_calendar_get_id (c));
    }
  g_assert_nonnull (t->ny_calendar);
  g_assert_nonnull (t->kolkata_calendar);
  /* New appointments from LeadSquared go to the New York calendar. */
  sync_set_setting (&t->f, LIAISON_SETTING_APPOINTMENTS_CALENDAR, t->ny_calendar);
}

static void
tear_down (ApptFixture *t, gconstpointer data)
{
  sync_fixture_tear_down (&t->f);
  g_free (t->lsq_contact);
  g_free (t->ghl_contact);
  g_free (t->ny_calendar);
  g_free (t->kolkata_calendar);
}

static LiaisonSyncResult *
run (ApptFixture *t, const LiaisonSyncOptions *options)
{
  g_autoptr (GError) error = NULL;
  LiaisonSyncResult *r = sync_run (&t->f, options, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < r->failures->len; i++)
    g_test_message ("failure: %s", (char *) g_ptr_array_index (r->failures, i));
  return r;
}

static LiaisonSyncResult *
run_appointments (ApptFixture *t)
{
  LiaisonSyncOptions options = { .kinds = LIAISON_SYNC_KIND_APPOINTMENTS };

  return run (t, &options);
}

static char *
lsq_create (ApptFixture *t, const char *title, GDateTime *start, guint minutes, const char *place,
            const char *notes)
{
  g_autoptr (LiaisonAppointment) a = liaison_appointment_new ();
  g_autoptr (GDateTime) end = g_date_time_add_minutes (start, minutes);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  char *id;

  liaison_appointment_set_contact_id (a, t->lsq_contact);
  liaison_appointment_set_title (a, title);
  liaison_appointment_set_start_time (a, start);
  liaison_appointment_set_end_time (a, end);
  liaison_appointment_set_address (a, place);
  liaison_appointment_set_description (a, notes);
  liaison_lsq_client_create_appointment_async (t->f.lsq, a, "Meeting", NULL, store_test_result_cb,
                                               &result);
  id = liaison_lsq_client_id_finish (t->f.lsq, store_test_wait (&result), &error);
  g_assert_no_error (error);
  return id;
}

static char *
ghl_create (ApptFixture *t, const char *calendar, const char *contact, const char *title,
            GDateTime *start, guint minutes)
{
  g_autoptr (LiaisonAppointment) a = liaison_appointment_new ();
  g_autoptr (GDateTime) end = g_date_time_add_minutes (start, minutes);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonAppointment) made = NULL;

  liaison_appointment_set_calendar_id (a, calendar);
  liaison_appointment_set_contact_id (a, contact);
  liaison_appointment_set_title (a, title);
  liaison_appointment_set_start_time (a, start);
  liaison_appointment_set_end_time (a, end);
  liaison_appointment_set_status (a, LIAISON_APPOINTMENT_STATUS_CONFIRMED);
  liaison_ghl_client_create_appointment_async (t->f.ghl, a, NULL, store_test_result_cb, &result);
  made = liaison_ghl_client_appointment_finish (t->f.ghl, store_test_wait (&result), &error);
  g_assert_no_error (error);
  return g_strdup (liaison_appointment_get_id (made));
}

/* The appointments titled title of the pair's contact on one side. */
static GPtrArray *
titled (ApptFixture *t, LiaisonService side, const char *title)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  if (side == LIAISON_SERVICE_GHL)
    {
      const char *calendars[] = { t->ny_calendar, t->kolkata_calendar };
      g_autoptr (GDateTime) from = g_date_time_new_from_unix_utc (NOW_MS / 1000 - 30 * 86400);
      g_autoptr (GDateTime) to = g_date_time_new_from_unix_utc (NOW_MS / 1000 + 200 * 86400);

      for (guint c = 0; c < G_N_ELEMENTS (calendars); c++)
        {
          g_autoptr (GPtrArray) all = NULL;

          g_clear_object (&result);
          liaison_ghl_client_list_events_async (t->f.ghl, calendars[c], from, to, NULL,
                                                store_test_result_cb, &result);
          all = liaison_ghl_client_list_finish (t->f.ghl, store_test_wait (&result), &error);
          g_assert_no_error (error);
          for (guint i = 0; i < all->len; i++)
            {
              LiaisonAppointment *a = g_ptr_array_index (all, i);

              if (g_strcmp0 (liaison_appointment_get_contact_id (a), t->ghl_contact) == 0
                  && g_strcmp0 (liaison_appointment_get_title (a), title) == 0)
                g_ptr_array_add (found, g_object_ref (a));
            }
        }
    }
  else
    {
      g_autoptr (GPtrArray) all = NULL;

      liaison_lsq_client_list_lead_tasks_async (t->f.lsq, t->lsq_contact, TRUE, NULL,
                                                store_test_result_cb, &result);
      all = liaison_lsq_client_list_finish (t->f.lsq, store_test_wait (&result), &error);
      g_assert_no_error (error);
      for (guint i = 0; i < all->len; i++)
        {
          GObject *item = g_ptr_array_index (all, i);

          if (LIAISON_IS_APPOINTMENT (item)
              && g_strcmp0 (liaison_appointment_get_title (LIAISON_APPOINTMENT (item)), title) == 0)
            g_ptr_array_add (found, g_object_ref (item));
        }
    }
  return found;
}

static guint
count_titled (ApptFixture *t, LiaisonService side, const char *title)
{
  g_autoptr (GPtrArray) found = titled (t, side, title);

  return found->len;
}

static LiaisonAppointment *
only (ApptFixture *t, LiaisonService side, const char *title)
{
  g_autoptr (GPtrArray) found = titled (t, side, title);

  g_assert_cmpuint (found->len, ==, 1);
  return g_object_ref (g_ptr_array_index (found, 0));
}

static void
assert_instant (GDateTime *got, GDateTime *want)
{
  g_assert_nonnull (got);
  g_assert_cmpint (g_date_time_to_unix (got), ==, g_date_time_to_unix (want));
}

static void
ghl_edit (ApptFixture *t, const char *id, const char *body)
{
  g_autofree char *path = g_strdup_printf ("/_sandbox/ghl/events/%s", id);
  g_autoptr (JsonNode) done = sync_control (&t->f, LIAISON_SERVICE_GHL, "PATCH", path, body);
}

static void
lsq_edit (ApptFixture *t, const char *id, const char *body)
{
  g_autofree char *path = g_strdup_printf ("/_sandbox/lsq/tasks/%s", id);
  g_autoptr (JsonNode) done = sync_control (&t->f, LIAISON_SERVICE_LSQ, "PATCH", path, body);
}

/* Appointments made in LeadSquared arrive in HighLevel's chosen calendar once, at the same
 * instants, on both sides of New York's change to daylight saving time; one made in HighLevel's
 * Kolkata calendar arrives in LeadSquared; a sync after that writes nothing. */
static void
test_create_both_ways (ApptFixture *t, gconstpointer data)
{
  g_autoptr (GDateTime) before = sync_zoned ("America/New_York", 2027, 3, 12, 10, 0); /* EST */
  g_autoptr (GDateTime) after = sync_zoned ("America/New_York", 2027, 3, 15, 10, 0);  /* EDT */
  g_autoptr (GDateTime) kolkata = sync_zoned ("Asia/Kolkata", 2026, 12, 19, 15, 0);
  g_autofree char *a = lsq_create (t, "Intro call", before, 30, "Room 4", "Bring the deck");
  g_autofree char *b = lsq_create (t, "Follow-up call", after, 30, NULL, NULL);
  g_autofree char *c
      = ghl_create (t, t->kolkata_calendar, t->ghl_contact, "Demo for Pune", kolkata, 60);
  g_autoptr (LiaisonSyncResult) r = NULL;
  g_autoptr (LiaisonSyncResult) again = NULL;
  g_autoptr (LiaisonAppointment) ga = NULL;
  g_autoptr (LiaisonAppointment) gb = NULL;
  g_autoptr (LiaisonAppointment) lc = NULL;
  g_autoptr (GDateTime) a_end = g_date_time_add_minutes (before, 30);
  gint64 lsq_seq, ghl_seq;

  g_assert_cmpint (g_date_time_to_unix (before) % 86400, ==, 15 * 3600); /* 15:00 UTC */
  g_assert_cmpint (g_date_time_to_unix (after) % 86400, ==, 14 * 3600);  /* 14:00 UTC */
  r = run_appointments (t);
  g_assert_cmpuint (r->n_failed, ==, 0);
  g_assert_cmpuint (r->n_created, ==, 3);
  ga = only (t, LIAISON_SERVICE_GHL, "Intro call");
  gb = only (t, LIAISON_SERVICE_GHL, "Follow-up call");
  assert_instant (liaison_appointment_get_start_time (ga), before);
  assert_instant (liaison_appointment_get_end_time (ga), a_end);
  assert_instant (liaison_appointment_get_start_time (gb), after);
  g_assert_cmpstr (liaison_appointment_get_calendar_id (ga), ==, t->ny_calendar);
  g_assert_cmpstr (liaison_appointment_get_address (ga), ==, "Room 4");
  g_assert_cmpstr (liaison_appointment_get_description (ga), ==, "Bring the deck");
  lc = only (t, LIAISON_SERVICE_LSQ, "Demo for Pune");
  assert_instant (liaison_appointment_get_start_time (lc), kolkata);
  g_assert_cmpint (liaison_appointment_get_status (lc), ==, LIAISON_APPOINTMENT_STATUS_CONFIRMED);

  lsq_seq = sync_log_seq (&t->f, LIAISON_SERVICE_LSQ);
  ghl_seq = sync_log_seq (&t->f, LIAISON_SERVICE_GHL);
  again = run (t, &(LiaisonSyncOptions){ 0 });
  g_assert_cmpuint (again->n_failed, ==, 0);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_LSQ, lsq_seq, NULL), ==, 0);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_GHL, ghl_seq, NULL), ==, 0);
  g_assert_cmpuint (count_titled (t, LIAISON_SERVICE_GHL, "Intro call"), ==, 1);
  g_assert_cmpuint (count_titled (t, LIAISON_SERVICE_LSQ, "Demo for Pune"), ==, 1);
}

/* Edits, a reschedule and status changes travel: a title edited in HighLevel reaches
 * LeadSquared, a move in LeadSquared moves the HighLevel appointment, a cancel in LeadSquared
 * cancels it in HighLevel, "showed" in HighLevel completes the LeadSquared task; a cancel in
 * HighLevel, which LeadSquared's API cannot write, is a conflict that says so. */
static void
test_edit_reschedule_cancel (ApptFixture *t, gconstpointer data)
{
  g_autoptr (GDateTime) start = sync_zoned ("America/New_York", 2026, 12, 16, 11, 0);
  g_autoptr (GDateTime) moved = sync_zoned ("America/New_York", 2026, 12, 17, 14, 30);
  g_autoptr (GDateTime) moved_end = g_date_time_add_minutes (moved, 30);
  g_autoptr (GDateTime) second = sync_zoned ("America/New_York", 2026, 12, 18, 9, 0);
  g_autofree char *lsq_id = lsq_create (t, "Pricing talk", start, 30, NULL, NULL);
  g_autofree char *lsq_two = lsq_create (t, "Contract review", second, 30, NULL, NULL);
  g_autoptr (LiaisonSyncResult) r1 = run_appointments (t);
  g_autoptr (LiaisonAppointment) ghl = only (t, LIAISON_SERVICE_GHL, "Pricing talk");
  g_autoptr (LiaisonAppointment) ghl_two = only (t, LIAISON_SERVICE_GHL, "Contract review");
  g_autoptr (LiaisonSyncResult) r2 = NULL;
  g_autoptr (LiaisonSyncResult) r3 = NULL;
  g_autoptr (LiaisonSyncResult) r4 = NULL;
  g_autoptr (LiaisonSyncResult) r5 = NULL;
  g_autoptr (LiaisonAppointment) lsq = NULL;
  g_autoptr (LiaisonAppointment) ghl_now = NULL;
  g_autoptr (LiaisonAppointment) lsq_two_now = NULL;
  g_autoptr (GPtrArray) conflicts = NULL;
  g_autofree char *body = NULL;
  g_autofree char *due = NULL;
  g_autofree char *end = NULL;
  gboolean status_conflict = FALSE;

  g_assert_cmpuint (r1->n_created, ==, 2);
  /* The title, in HighLevel. */
  ghl_edit (t, liaison_appointment_get_id (ghl), "{\"title\": \"Pricing talk (CFO)\"}");
  r2 = run_appointments (t);
  g_assert_cmpuint (r2->n_failed, ==, 0);
  g_clear_object (&lsq);
  lsq = only (t, LIAISON_SERVICE_LSQ, "Pricing talk (CFO)");

  /* The time, in LeadSquared (UTC there). */
  {
    g_autoptr (GDateTime) utc = g_date_time_to_utc (moved);
    g_autoptr (GDateTime) utc_end = g_date_time_to_utc (moved_end);

    due = g_date_time_format (utc, "%Y-%m-%d %H:%M:%S");
    end = g_date_time_format (utc_end, "%Y-%m-%d %H:%M:%S");
  }
  body = g_strdup_printf ("{\"DueDate\": \"%s\", \"EndDate\": \"%s\"}", due, end);
  lsq_edit (t, lsq_id, body);
  r3 = run_appointments (t);
  g_assert_cmpuint (r3->n_failed, ==, 0);
  ghl_now = only (t, LIAISON_SERVICE_GHL, "Pricing talk (CFO)");
  assert_instant (liaison_appointment_get_start_time (ghl_now), moved);
  assert_instant (liaison_appointment_get_end_time (ghl_now), moved_end);

  /* Cancelled in LeadSquared's web UI; "showed" in HighLevel for the other. */
  lsq_edit (t, lsq_id, "{\"Status\": \"Cancelled\"}");
  ghl_edit (t, liaison_appointment_get_id (ghl_two), "{\"appointmentStatus\": \"showed\"}");
  r4 = run_appointments (t);
  g_assert_cmpuint (r4->n_failed, ==, 0);
  g_clear_object (&ghl_now);
  ghl_now = only (t, LIAISON_SERVICE_GHL, "Pricing talk (CFO)");
  g_assert_cmpint (liaison_appointment_get_status (ghl_now), ==,
                   LIAISON_APPOINTMENT_STATUS_CANCELLED);
  lsq_two_now = only (t, LIAISON_SERVICE_LSQ, "Contract review");
  g_assert_cmpint (liaison_appointment_get_status (lsq_two_now), ==,
                   LIAISON_APPOINTMENT_STATUS_COMPLETED);

  /* HighLevel cancels the completed one: LeadSquared cannot follow. */
  ghl_edit (t, liaison_appointment_get_id (ghl_two), "{\"appointmentStatus\": \"cancelled\"}");
  r5 = run_appointments (t);
  g_assert_cmpuint (r5->n_conflicts, ==, 1);
  conflicts = liaison_store_list_child_conflicts (t->f.store, LIAISON_RECORD_APPOINTMENT, NULL);
  for (guint i = 0; i < conflicts->len; i++)
    {
      LiaisonStoreConflict *c = g_ptr_array_index (conflicts, i);

      if (g_str_equal (c->field, "status") && g_strcmp0 (c->lsq_value, "\"completed\"") == 0
          && g_strcmp0 (c->ghl_value, "\"cancelled\"") == 0)
        status_conflict = TRUE;
    }
  g_assert_true (status_conflict);
}

/* The same appointment edited on both sides, differently: a conflict on that field, and neither
 * side is written. */
static void
test_conflict (ApptFixture *t, gconstpointer data)
{
  g_autoptr (GDateTime) start = sync_zoned ("America/New_York", 2026, 12, 21, 13, 0);
  g_autofree char *lsq_id = lsq_create (t, "Kick-off", start, 30, NULL, NULL);
  g_autoptr (LiaisonSyncResult) r1 = run_appointments (t);
  g_autoptr (LiaisonAppointment) ghl = only (t, LIAISON_SERVICE_GHL, "Kick-off");
  g_autoptr (LiaisonSyncResult) r2 = NULL;
  g_autoptr (GPtrArray) conflicts = NULL;
  gint64 lsq_seq, ghl_seq;
  gboolean found = FALSE;

  lsq_edit (t, lsq_id, "{\"Location\": \"Main office\"}");
  ghl_edit (t, liaison_appointment_get_id (ghl), "{\"address\": \"Video call\"}");
  lsq_seq = sync_log_seq (&t->f, LIAISON_SERVICE_LSQ);
  ghl_seq = sync_log_seq (&t->f, LIAISON_SERVICE_GHL);
  r2 = run_appointments (t);
  g_assert_cmpuint (r2->n_conflicts, ==, 1);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_LSQ, lsq_seq, NULL), ==, 0);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_GHL, ghl_seq, NULL), ==, 0);
  conflicts = liaison_store_list_child_conflicts (t->f.store, LIAISON_RECORD_APPOINTMENT, NULL);
  for (guint i = 0; i < conflicts->len; i++)
    {
      LiaisonStoreConflict *c = g_ptr_array_index (conflicts, i);

      if (g_str_equal (c->field, "location") && g_strcmp0 (c->lsq_value, "\"Main office\"") == 0
          && g_strcmp0 (c->ghl_value, "\"Video call\"") == 0)
        found = TRUE;
    }
  g_assert_true (found);
}

/* A LeadSquared appointment whose HighLevel slot is taken: a conflict with HighLevel's reason,
 * no appointment made, and the next sync does not ask again until something changes. */
static void
test_slot_taken (ApptFixture *t, gconstpointer data)
{
  g_autoptr (GDateTime) start = sync_zoned ("America/New_York", 2026, 12, 22, 10, 0);
  g_autoptr (JsonArray) contacts = sync_records (&t->f, LIAISON_SERVICE_GHL);
  const char *other = NULL;
  g_autofree char *taken = NULL;
  g_autofree char *lsq_id = NULL;
  g_autoptr (LiaisonSyncResult) r1 = NULL;
  g_autoptr (LiaisonSyncResult) r2 = NULL;
  gboolean said = FALSE;
  gint64 ghl_seq;

  for (guint i = 0; i < json_array_get_length (contacts) && other == NULL; i++)
    {
      const char *id
          = json_object_get_string_member (json_array_get_object_element (contacts, i), "id");

      if (g_strcmp0 (id, t->ghl_contact) != 0)
        other = id;
    }
  g_assert_nonnull (other);
  taken = ghl_create (t, t->ny_calendar, other, "Someone else", start, 30);
  lsq_id = lsq_create (t, "Budget review", start, 30, NULL, NULL);
  r1 = run_appointments (t);
  g_assert_cmpuint (r1->n_conflicts, ==, 1);
  for (guint i = 0; i < r1->failures->len; i++)
    said |= strstr (g_ptr_array_index (r1->failures, i), "no longer available") != NULL
            && strstr (g_ptr_array_index (r1->failures, i), "Budget review") != NULL;
  g_assert_true (said);
  g_assert_cmpuint (count_titled (t, LIAISON_SERVICE_GHL, "Budget review"), ==, 0);

  ghl_seq = sync_log_seq (&t->f, LIAISON_SERVICE_GHL);
  r2 = run_appointments (t);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_GHL, ghl_seq, NULL), ==, 0);
}

/* A create whose answer was lost (the appointment exists in HighLevel, the intent is still
 * pending) is not made again: the content lookup (contact, title, start) links the two. */
static void
test_lost_reply (ApptFixture *t, gconstpointer data)
{
  g_autoptr (GDateTime) start = sync_zoned ("Asia/Kolkata", 2026, 12, 26, 11, 0);
  g_autofree char *lsq_id = lsq_create (t, "Site visit", start, 60, NULL, NULL);
  g_autofree char *made
      = ghl_create (t, t->kolkata_calendar, t->ghl_contact, "Site visit", start, 60);
  g_autoptr (LiaisonSyncResult) r = NULL;
  g_autoptr (GPtrArray) pending = NULL;

  sync_add_lost_create (&t->f, LIAISON_RECORD_APPOINTMENT, lsq_id,
                        "{\"values\": {\"title\": \"Site visit\"}}");

  r = run_appointments (t);
  g_assert_cmpuint (r->n_failed, ==, 0);
  g_assert_cmpuint (r->n_reconciled, ==, 1);
  g_assert_cmpuint (count_titled (t, LIAISON_SERVICE_GHL, "Site visit"), ==, 1);
  g_assert_cmpuint (count_titled (t, LIAISON_SERVICE_LSQ, "Site visit"), ==, 1);
  pending = liaison_store_list_pending_intents_of (t->f.store, LIAISON_RECORD_APPOINTMENT, NULL);
  g_assert_cmpuint (pending->len, ==, 0);
  g_assert_true (sync_child_linked (&t->f, LIAISON_RECORD_APPOINTMENT, lsq_id, made));
}

/* HighLevel failing the bookings (503 until the retries give up) loses nothing and duplicates
 * nothing: the failed pair is read again by the next sync, which makes what is missing, once. */
static void
test_fault (ApptFixture *t, gconstpointer data)
{
  g_autoptr (GDateTime) a = sync_zoned ("America/New_York", 2026, 12, 28, 9, 30);
  g_autoptr (GDateTime) b = sync_zoned ("America/New_York", 2026, 12, 28, 11, 30);
  g_autofree char *one = lsq_create (t, "Morning sync", a, 30, NULL, NULL);
  g_autofree char *two = lsq_create (t, "Late sync", b, 30, NULL, NULL);
  g_autoptr (JsonNode) fault
      = sync_control (&t->f, LIAISON_SERVICE_GHL, "POST", "/_sandbox/faults",
                      "{\"rule\": \"POST /calendars/events/appointments=503\"}");
  g_autoptr (LiaisonSyncResult) r1 = run_appointments (t);
  g_autoptr (JsonNode) cleared = NULL;
  g_autoptr (LiaisonSyncResult) r2 = NULL;
  g_autoptr (LiaisonSyncResult) r3 = NULL;
  g_autoptr (GPtrArray) pending = NULL;

  g_assert_cmpuint (r1->n_failed, ==, 2);
  g_assert_cmpuint (r1->n_created, ==, 0);
  g_assert_cmpuint (count_titled (t, LIAISON_SERVICE_GHL, "Morning sync"), ==, 0);
  cleared = sync_control (&t->f, LIAISON_SERVICE_GHL, "DELETE", "/_sandbox/faults", NULL);
  r2 = run_appointments (t);
  g_assert_cmpuint (r2->n_failed, ==, 0);
  g_assert_cmpuint (r2->n_created, ==, 2);
  r3 = run_appointments (t);
  g_assert_cmpuint (r3->n_failed, ==, 0);
  g_assert_cmpuint (r3->n_created, ==, 0);
  g_assert_cmpuint (count_titled (t, LIAISON_SERVICE_GHL, "Morning sync"), ==, 1);
  g_assert_cmpuint (count_titled (t, LIAISON_SERVICE_GHL, "Late sync"), ==, 1);
  g_assert_cmpuint (count_titled (t, LIAISON_SERVICE_LSQ, "Morning sync"), ==, 1);
  pending = liaison_store_list_pending_intents_of (t->f.store, LIAISON_RECORD_APPOINTMENT, NULL);
  g_assert_cmpuint (pending->len, ==, 0);
}

/* A dry run names each appointment operation with its calls and the calendar a booking goes
 * to, and writes nothing; an idle sync writes nothing and costs a calendar list and one window
 * per calendar in HighLevel. */
static void
test_dry_run_and_idle (ApptFixture *t, gconstpointer data)
{
  g_autoptr (GDateTime) start = sync_zoned ("America/New_York", 2026, 12, 30, 15, 0);
  g_autofree char *id = lsq_create (t, "Year-end review", start, 30, NULL, NULL);
  LiaisonSyncOptions dry = { .dry_run = TRUE, .kinds = LIAISON_SYNC_KIND_APPOINTMENTS };
  g_autoptr (LiaisonSyncResult) r = NULL;
  g_autoptr (LiaisonSyncResult) applied = NULL;
  g_autoptr (LiaisonSyncResult) idle = NULL;
  gint64 lsq_seq = sync_log_seq (&t->f, LIAISON_SERVICE_LSQ);
  gint64 ghl_seq = sync_log_seq (&t->f, LIAISON_SERVICE_GHL);
  JsonObject *part;
  JsonArray *ops;
  gboolean planned = FALSE;

  r = run (t, &dry);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_LSQ, lsq_seq, NULL), ==, 0);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_GHL, ghl_seq, NULL), ==, 0);
  g_assert_nonnull (r->activity);
  part = json_object_get_object_member (json_node_get_object (r->activity), "appointments");
  g_assert_nonnull (part);
  g_assert_cmpstr (
      json_object_get_string_member (json_object_get_object_member (part, "calendar"), "id"), ==,
      t->ny_calendar);
  ops = json_object_get_array_member (part, "operations");
  for (guint i = 0; i < json_array_get_length (ops); i++)
    {
      JsonObject *op = json_array_get_object_element (ops, i);

      if (g_strcmp0 (json_object_get_string_member (op, "lsqAppointment"), id) == 0
          && g_str_equal (json_object_get_string_member (op, "action"), "create")
          && json_object_get_int_member (op, "ghlCalls") == 1
          && g_strcmp0 (json_object_get_string_member (op, "calendar"), t->ny_calendar) == 0)
        planned = TRUE;
    }
  g_assert_true (planned);
  g_assert_cmpuint (count_titled (t, LIAISON_SERVICE_GHL, "Year-end review"), ==, 0);

  applied = run_appointments (t);
  g_assert_cmpuint (applied->n_created, ==, 1);
  lsq_seq = sync_log_seq (&t->f, LIAISON_SERVICE_LSQ);
  ghl_seq = sync_log_seq (&t->f, LIAISON_SERVICE_GHL);
  idle = run_appointments (t);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_LSQ, lsq_seq, NULL), ==, 0);
  g_assert_cmpuint (sync_count_any_writes (&t->f, LIAISON_SERVICE_GHL, ghl_seq, NULL), ==, 0);
  part = json_object_get_object_member (json_node_get_object (idle->activity), "appointments");
  /* The calendar list and the two calendars' windows. */
  g_assert_cmpint (
      json_object_get_int_member (json_object_get_object_member (part, "reads"), "ghl"), ==, 3);
  g_test_message ("idle appointments: %" G_GINT64_FORMAT " LeadSquared and %" G_GINT64_FORMAT
                  " HighLevel requests, %" G_GINT64_FORMAT " pairs",
                  json_object_get_int_member (json_object_get_object_member (part, "reads"), "lsq"),
                  json_object_get_int_member (json_object_get_object_member (part, "reads"), "ghl"),
                  json_object_get_int_member (part, "pairs"));
}

#define ADD(path, func) g_test_add (path, ApptFixture, NULL, set_up, func, tear_down)

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ADD ("/sync/appointments/create-both-ways", test_create_both_ways);
  ADD ("/sync/appointments/edit-reschedule-cancel", test_edit_reschedule_cancel);
  ADD ("/sync/appointments/conflict", test_conflict);
  ADD ("/sync/appointments/slot-taken", test_slot_taken);
  ADD ("/sync/appointments/lost-reply", test_lost_reply);
  ADD ("/sync/appointments/fault", test_fault);
  ADD ("/sync/appointments/dry-run-and-idle", test_dry_run_and_idle);
  return g_test_run ();
}
