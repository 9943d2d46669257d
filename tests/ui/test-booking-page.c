/* test-booking-page.c: the Appointments page against the in-process sandbox (clock pinned),
 * driven through its widgets: pick a contact by searching, a calendar and a day, a slot, and
 * Book: the sandbox then has the HighLevel appointment and the LeadSquared appointment task and
 * the page shows the result and the appointment among the upcoming ones, and the booked slot is
 * no longer offered; Move and Cancel reach both services; a slot taken between listing and
 * booking is refused with a sentence and the slots listed again; the slots read right in
 * America/New_York across the end of daylight saving time and in Asia/Kolkata (where the
 * calendar's own zone is named); a LeadSquared-only contact, no HighLevel account and no
 * calendars each say what to do.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <string.h>

#include "booking-test-util.h"
#include "liaison-booking-page.h"
#include "store-test-util.h"
#include "ui-test-util.h"

#define PINNED "2026-10-19T12:00:00Z"

typedef struct
{
  BookingEnv env;
  GSettings *settings;
  LiaisonBooking *booking;
  LiaisonCalendarList *calendars;
  LiaisonContactList *contacts;
  GtkWindow *window;
  LiaisonBookingPage *page;
} Fixture;

static gpointer
child (Fixture *f, const char *name)
{
  return ui_test_child (f->page, LIAISON_TYPE_BOOKING_PAGE, name);
}

static void
wait_idle (Fixture *f)
{
  ui_test_wait_idle (f->page);
}

static void
set_up (Fixture *f, gconstpointer data)
{
  const char *zone = data;

  booking_env_init (&f->env, PINNED);
  f->settings = g_settings_new ("io.github.liaisonsync.Liaison");
  g_settings_set_string (f->settings, "booking-time-zone", zone != NULL ? zone : "");
  f->booking = liaison_booking_new (f->env.store, f->env.ghl, f->env.ghl_connection, f->env.lsq,
                                    f->env.lsq_connection);
  f->calendars = liaison_calendar_list_new (f->env.store, f->env.ghl, f->env.ghl_connection);
  f->contacts
      = liaison_contact_list_new (f->env.store, f->env.lsq_connection, f->env.ghl_connection);
  f->page = g_object_new (LIAISON_TYPE_BOOKING_PAGE, NULL);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1280, 800);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  liaison_booking_page_set_sources (f->page, f->booking, f->contacts, f->calendars,
                                    f->env.ghl_connection);
  wait_idle (f);
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (toplevels);
  ui_test_spin (20);
  g_clear_object (&f->booking);
  g_clear_object (&f->calendars);
  g_clear_object (&f->contacts);
  g_settings_reset (f->settings, "booking-time-zone");
  g_clear_object (&f->settings);
  booking_env_clear (&f->env);
}

/* ---- driving the page ---- */

static void
choose_contact (Fixture *f, const char *search)
{
  GtkListBox *results = child (f, "contact_results");
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  GtkListBoxRow *row;

  gtk_editable_set_text (GTK_EDITABLE (child (f, "contact_search")), search);
  /* The search entry waits a moment before it searches. */
  while (!gtk_widget_get_visible (GTK_WIDGET (results)))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  row = gtk_list_box_get_row_at_index (results, 0);
  g_assert_nonnull (row);
  g_signal_emit_by_name (results, "row-activated", row);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (results)));
}

static void
choose_calendar (Fixture *f, LiaisonCalendar *calendar)
{
  GListModel *model = G_LIST_MODEL (f->calendars);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (LiaisonCalendar) c = g_list_model_get_item (model, i);

      if (g_strcmp0 (liaison_calendar_get_id (c), liaison_calendar_get_id (calendar)) == 0)
        {
          adw_combo_row_set_selected (child (f, "calendar_row"), i);
          wait_idle (f);
          return;
        }
    }
  g_assert_not_reached ();
}

static void
note_selected (gboolean *selected)
{
  *selected = TRUE;
}

static void
choose_days (Fixture *f, int year, int month, int day, guint n_days)
{
  g_autoptr (GDateTime) date = g_date_time_new_utc (year, month, day, 12, 0, 0);

  GtkCalendar *calendar = child (f, "first_day_calendar");
  gboolean selected = FALSE;
  gulong handler
      = g_signal_connect_swapped (calendar, "day-selected", G_CALLBACK (note_selected), &selected);

  gtk_spin_button_set_value (child (f, "days_spin"), n_days);
  /* A click on a day always says "day-selected"; gtk_calendar_select_day
   * says it only when the day of the month changes (29 February 2028 to
   * 29 October 2026 does not), so say it as the click would. */
  gtk_calendar_select_day (calendar, date);
  if (!selected)
    g_signal_emit_by_name (calendar, "day-selected");
  g_signal_handler_disconnect (calendar, handler);
  wait_idle (f);
}

/* The free slots shown: "heading|09:00" per button, in order. */
static GPtrArray *
shown_slots (Fixture *f)
{
  GPtrArray *shown = g_ptr_array_new_with_free_func (g_free);
  const char *heading = NULL;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (child (f, "slots_stack")), "slots") != 0)
    return shown;
  for (GtkWidget *w = gtk_widget_get_first_child (child (f, "slots_box")); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    {
      if (GTK_IS_LABEL (w))
        {
          heading = gtk_label_get_label (GTK_LABEL (w));
          continue;
        }
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL;
           c = gtk_widget_get_next_sibling (c))
        {
          GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (c));

          g_ptr_array_add (shown, g_strdup_printf ("%s|%s", heading,
                                                   gtk_button_get_label (GTK_BUTTON (button))));
        }
    }
  return shown;
}

static const char *message (Fixture *f);

static GtkToggleButton *
slot_button (Fixture *f, const char *heading_and_time)
{
  const char *heading = NULL;

  for (GtkWidget *w = gtk_widget_get_first_child (child (f, "slots_box")); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    {
      if (GTK_IS_LABEL (w))
        {
          heading = gtk_label_get_label (GTK_LABEL (w));
          continue;
        }
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL;
           c = gtk_widget_get_next_sibling (c))
        {
          GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (c));
          g_autofree char *key
              = g_strdup_printf ("%s|%s", heading, gtk_button_get_label (GTK_BUTTON (button)));

          if (g_str_equal (key, heading_and_time))
            return GTK_TOGGLE_BUTTON (button);
        }
    }
  {
    g_autoptr (GPtrArray) shown = shown_slots (f);
    g_autoptr (GString) list = g_string_new (NULL);

    for (guint i = 0; i < shown->len; i++)
      g_string_append_printf (list, "%s%s", i > 0 ? ", " : "",
                              (char *) g_ptr_array_index (shown, i));
    g_error ("No free slot %s is shown; the page shows: %s; it says: %s", heading_and_time,
             list->len > 0 ? list->str : "nothing", message (f));
  }
}

static gboolean
shows (GPtrArray *shown, const char *heading_and_time)
{
  for (guint i = 0; i < shown->len; i++)
    if (g_str_equal (g_ptr_array_index (shown, i), heading_and_time))
      return TRUE;
  return FALSE;
}

static GDateTime *
slot_instant (Fixture *f, const char *heading_and_time)
{
  LiaisonSlot *slot = g_object_get_data (G_OBJECT (slot_button (f, heading_and_time)), "slot");

  return liaison_slot_get_start_time (slot);
}

static void
assert_instant (GDateTime *time, const char *iso)
{
  g_autoptr (GDateTime) expected = g_date_time_new_from_iso8601 (iso, NULL);
  g_autofree char *got = g_date_time_format_iso8601 (time);

  if (!g_date_time_equal (time, expected))
    g_error ("%s, not %s", got, iso);
}

static void
press_book (Fixture *f)
{
  g_assert_true (gtk_widget_get_sensitive (child (f, "book_button")));
  g_signal_emit_by_name (child (f, "book_button"), "clicked");
  wait_idle (f);
}

static const char *
message (Fixture *f)
{
  GtkLabel *label = child (f, "message_label");

  return gtk_widget_get_visible (GTK_WIDGET (label)) ? gtk_label_get_label (label) : "";
}

/* The upcoming-appointments row titled title, or NULL. */
static AdwActionRow *
event_row (Fixture *f, const char *title)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (child (f, "events_list"), i)) != NULL; i++)
    if (ADW_IS_ACTION_ROW (row)
        && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
      return ADW_ACTION_ROW (row);
  return NULL;
}

static GtkButton *
row_button (AdwActionRow *row, const char *label)
{
  GtkWidget *widget = GTK_WIDGET (row);
  GSList *todo = g_slist_prepend (NULL, widget);

  /* Depth-first over the row's widgets. */
  while (todo != NULL)
    {
      GtkWidget *w = todo->data;

      todo = g_slist_delete_link (todo, todo);
      if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), label) == 0)
        {
          g_slist_free (todo);
          return GTK_BUTTON (w);
        }
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL;
           c = gtk_widget_get_next_sibling (c))
        todo = g_slist_prepend (todo, c);
    }
  g_error ("The row has no button %s", label);
}

/* ---- tests ---- */

static void
test_book_move_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (JsonArray) keep = NULL;
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (GDateTime) due = NULL;
  GList *toplevels;
  AdwMessageDialog *dialog = NULL;
  AdwActionRow *row;
  JsonObject *event, *task;
  g_autofree char *event_id = NULL;
  g_autofree char *task_id = NULL;

  choose_contact (f, f->env.linked_email);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (child (f, "contact_row")), "Linked"));
  choose_calendar (f, f->env.consultation);
  choose_days (f, 2026, 10, 28, 1);
  g_assert_cmpstr (gtk_label_get_label (child (f, "zone_label")), ==,
                   "Times are in America/New_York.");
  before = shown_slots (f);
  g_assert_cmpstr (g_ptr_array_index (before, 0), ==, "Wednesday 28 October|09:00");
  assert_instant (slot_instant (f, "Wednesday 28 October|09:00"), "2026-10-28T13:00:00Z");
  g_assert_false (gtk_widget_get_sensitive (child (f, "book_button")));

  gtk_toggle_button_set_active (slot_button (f, "Wednesday 28 October|09:00"), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (child (f, "title_row")), "Intro call");
  gtk_editable_set_text (GTK_EDITABLE (child (f, "notes_row")), "Bring the price list");
  press_book (f);
  g_assert_cmpstr (message (f), ==, "The appointment was booked.");
  g_assert_true (gtk_widget_get_visible (child (f, "result_group")));
  g_assert_cmpstr (adw_preferences_row_get_title (child (f, "result_row")), ==,
                   "Intro call · Wed 28 Oct, 09:00");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (child (f, "result_row")), "LeadSquared"));
  /* The sandbox has no web app: the links say so instead of opening a loopback page. */
  g_assert_false (gtk_widget_get_sensitive (child (f, "open_ghl_button")));
  g_assert_true (gtk_widget_get_visible (child (f, "open_lsq_button")));

  /* Both services have it, at the same instant. */
  event = booking_find (&f->env, "ghl/events", "contactId", f->env.linked_ghl_id, &keep);
  g_assert_nonnull (event);
  event_id = g_strdup (json_object_get_string_member (event, "id"));
  start = g_date_time_new_from_iso8601 (json_object_get_string_member (event, "startTime"), NULL);
  assert_instant (start, "2026-10-28T13:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (event, "description"), ==,
                   "Bring the price list");
  g_clear_pointer (&keep, json_array_unref);
  task = booking_find (&f->env, "lsq/tasks", "Name", "Intro call", &keep);
  g_assert_nonnull (task);
  g_assert_cmpstr (json_object_get_string_member (task, "RelatedEntityId"), ==,
                   f->env.linked_lsq_id);
  task_id = g_strdup (json_object_get_string_member (task, "UserTaskId"));
  due = booking_lsq_time (json_object_get_string_member (task, "DueDate"));
  assert_instant (due, "2026-10-28T13:00:00Z");

  /* The booked slot is no longer offered; the appointment is listed as upcoming. */
  after = shown_slots (f);
  g_assert_false (shows (after, "Wednesday 28 October|09:00"));
  g_assert_true (shows (after, "Wednesday 28 October|09:30"));
  row = event_row (f, "Intro call");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "Wed 28 Oct, 09:00");

  /* Move it to 11:00. */
  g_signal_emit_by_name (row_button (row, "_Move…"), "clicked");
  g_assert_cmpstr (gtk_button_get_label (child (f, "book_button")), ==, "_Move Here");
  g_assert_nonnull (strstr (message (f), "Intro call"));
  gtk_toggle_button_set_active (slot_button (f, "Wednesday 28 October|11:00"), TRUE);
  press_book (f);
  g_assert_cmpstr (message (f), ==, "The appointment was moved.");
  g_assert_cmpstr (gtk_button_get_label (child (f, "book_button")), ==, "_Book");
  g_clear_pointer (&keep, json_array_unref);
  event = booking_find (&f->env, "ghl/events", "id", event_id, &keep);
  g_clear_pointer (&start, g_date_time_unref);
  start = g_date_time_new_from_iso8601 (json_object_get_string_member (event, "startTime"), NULL);
  assert_instant (start, "2026-10-28T15:00:00Z");
  {
    g_autoptr (JsonArray) keep_task = NULL;
    g_autoptr (GDateTime) moved = NULL;

    task = booking_find (&f->env, "lsq/tasks", "UserTaskId", task_id, &keep_task);
    moved = booking_lsq_time (json_object_get_string_member (task, "DueDate"));
    assert_instant (moved, "2026-10-28T15:00:00Z");
  }
  row = event_row (f, "Intro call");
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "Wed 28 Oct, 11:00");

  /* Cancel it, answering the question. */
  g_signal_emit_by_name (row_button (row, "_Cancel…"), "clicked");
  ui_test_spin (50);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      dialog = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Cancel “Intro call”?");
  adw_message_dialog_response (dialog, "cancel");
  wait_idle (f);
  g_assert_cmpstr (message (f), ==, "Cancelled in HighLevel and in LeadSquared.");
  g_clear_pointer (&keep, json_array_unref);
  event = booking_find (&f->env, "ghl/events", "id", event_id, &keep);
  g_assert_cmpstr (json_object_get_string_member (event, "appointmentStatus"), ==, "cancelled");
  {
    g_autoptr (JsonArray) keep_task = NULL;

    task = booking_find (&f->env, "lsq/tasks", "UserTaskId", task_id, &keep_task);
    g_assert_cmpstr (json_object_get_string_member (task, "Name"), ==, "Cancelled: Intro call");
  }
  row = event_row (f, "Intro call");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "Cancelled"));
}

static void
test_slot_taken (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) after = NULL;
  g_autofree char *other = NULL;
  guint lsq_tasks = booking_count (&f->env, "lsq/tasks", "RelatedEntityId", f->env.linked_lsq_id);

  choose_contact (f, f->env.linked_email);
  choose_calendar (f, f->env.consultation);
  choose_days (f, 2026, 10, 29, 1);
  gtk_toggle_button_set_active (slot_button (f, "Thursday 29 October|09:30"), TRUE);
  /* Someone takes it in HighLevel meanwhile. */
  other = booking_add_event (&f->env, liaison_calendar_get_id (f->env.consultation),
                             f->env.ghl_only_id, slot_instant (f, "Thursday 29 October|09:30"), 30);
  press_book (f);
  g_assert_nonnull (strstr (message (f), "taken meanwhile"));
  g_assert_true (gtk_widget_has_css_class (child (f, "message_label"), "error"));
  g_assert_false (gtk_widget_get_visible (child (f, "result_group")));
  after = shown_slots (f);
  g_assert_false (shows (after, "Thursday 29 October|09:30"));
  g_assert_true (shows (after, "Thursday 29 October|09:00"));
  g_assert_cmpuint (booking_count (&f->env, "ghl/events", "contactId", f->env.linked_ghl_id), ==,
                    0);
  g_assert_cmpuint (booking_count (&f->env, "lsq/tasks", "RelatedEntityId", f->env.linked_lsq_id),
                    ==, lsq_tasks);
}

static void
test_new_york_dst (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) shown = NULL;

  choose_calendar (f, f->env.consultation);
  /* Friday to Monday: New York leaves daylight saving time on Sunday 1 November. */
  choose_days (f, 2026, 10, 30, 4);
  shown = shown_slots (f);
  g_assert_cmpstr (g_ptr_array_index (shown, 0), ==, "Friday 30 October|09:00");
  g_assert_true (shows (shown, "Friday 30 October|16:30"));
  g_assert_false (shows (shown, "Friday 30 October|17:00"));
  g_assert_true (shows (shown, "Monday 2 November|09:00"));
  assert_instant (slot_instant (f, "Friday 30 October|09:00"), "2026-10-30T13:00:00Z");
  assert_instant (slot_instant (f, "Monday 2 November|09:00"), "2026-11-02T14:00:00Z");
  /* The weekend is closed. */
  for (guint i = 0; i < shown->len; i++)
    {
      g_assert_false (g_str_has_prefix (g_ptr_array_index (shown, i), "Saturday"));
      g_assert_false (g_str_has_prefix (g_ptr_array_index (shown, i), "Sunday"));
    }
}

/* HighLevel's calendar objects carry no zone of their own (the sandbox keeps each one's
 * private, and the location's is not read yet): name them as a calendar that does would. */
static void
name_zone (Fixture *f, LiaisonCalendar *calendar, const char *zone)
{
  LiaisonCalendar *listed
      = liaison_calendar_list_lookup (f->calendars, liaison_calendar_get_id (calendar));

  g_assert_nonnull (listed);
  liaison_calendar_set_time_zone (listed, zone);
}

static void
test_kolkata (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) shown = NULL;

  name_zone (f, f->env.consultation, "America/New_York");
  name_zone (f, f->env.demo, "Asia/Kolkata");
  /* Selected when the page was filled, before the zones were named: choose it afresh. */
  choose_calendar (f, f->env.demo);
  choose_calendar (f, f->env.consultation);
  choose_days (f, 2026, 10, 28, 1);
  /* The calendar keeps New York hours: said, since they differ from the person's zone. */
  g_assert_cmpstr (gtk_label_get_label (child (f, "zone_label")), ==,
                   "Times are in Asia/Kolkata. “Consultation” keeps its hours in "
                   "America/New_York.");
  shown = shown_slots (f);
  /* Kolkata's 28 October runs from 14:30 to 14:30 New York time (UTC+5:30 against UTC-4). */
  g_assert_cmpstr (g_ptr_array_index (shown, 0), ==, "Wednesday 28 October|00:00");
  g_assert_true (shows (shown, "Wednesday 28 October|02:00"));
  g_assert_false (shows (shown, "Wednesday 28 October|02:30"));
  g_assert_false (shows (shown, "Wednesday 28 October|18:00"));
  g_assert_true (shows (shown, "Wednesday 28 October|18:30"));
  g_assert_true (shows (shown, "Wednesday 28 October|23:30"));
  assert_instant (slot_instant (f, "Wednesday 28 October|18:30"), "2026-10-28T13:00:00Z");

  /* The Kolkata calendar in its own zone: no note about another zone. */
  choose_calendar (f, f->env.demo);
  g_assert_cmpstr (gtk_label_get_label (child (f, "zone_label")), ==, "Times are in Asia/Kolkata.");
  g_clear_pointer (&shown, g_ptr_array_unref);
  shown = shown_slots (f);
  g_assert_cmpstr (g_ptr_array_index (shown, 0), ==, "Wednesday 28 October|10:00");
  assert_instant (slot_instant (f, "Wednesday 28 October|10:00"), "2026-10-28T04:30:00Z");
}

static void
test_states (Fixture *f, gconstpointer data)
{
  GListModel *calendars = G_LIST_MODEL (f->calendars);
  /* A LeadSquared-only contact: said what to do, and Book stays off. */
  gtk_editable_set_text (GTK_EDITABLE (child (f, "contact_search")), "");
  choose_calendar (f, f->env.consultation);
  choose_days (f, 2026, 10, 28, 1);
  gtk_toggle_button_set_active (slot_button (f, "Wednesday 28 October|10:00"), TRUE);
  liaison_contact_list_set_status_filter (f->contacts, LIAISON_LINK_STATUS_LSQ_ONLY);
  {
    g_autoptr (LiaisonContactRow) lsq_only = g_list_model_get_item (G_LIST_MODEL (f->contacts), 0);

    g_assert_nonnull (lsq_only);
    choose_contact (f, liaison_contact_row_get_display_name (lsq_only));
  }
  g_assert_nonnull (
      strstr (adw_action_row_get_subtitle (child (f, "contact_row")), "Only in LeadSquared"));
  g_assert_false (gtk_widget_get_sensitive (child (f, "book_button")));

  /* No calendars left in HighLevel. */
  while (g_list_model_get_n_items (calendars) > 0)
    {
      g_autoptr (LiaisonCalendar) c = g_list_model_get_item (calendars, 0);

      booking_delete (&f->env, "ghl/calendars", liaison_calendar_get_id (c));
      liaison_calendar_list_refresh_async (f->calendars, NULL, NULL, NULL);
      wait_idle (f);
      ui_test_spin (200);
      store_test_drain ();
      if (g_list_model_get_n_items (calendars) > 0)
        {
          g_autoptr (LiaisonCalendar) still = g_list_model_get_item (calendars, 0);

          if (g_strcmp0 (liaison_calendar_get_id (still), liaison_calendar_get_id (c)) == 0)
            g_error ("The calendar list kept a deleted calendar");
        }
    }
  gtk_widget_activate_action (GTK_WIDGET (f->page), "booking.refresh-calendars", NULL);
  wait_idle (f);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "state_stack")), ==, "no-calendars");

  /* No HighLevel account. */
  liaison_booking_page_set_sources (f->page, NULL, NULL, NULL, NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "state_stack")), ==, "no-account");
}

int
main (int argc, char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/booking-page/book-move-cancel", Fixture, "America/New_York", set_up,
              test_book_move_cancel, tear_down);
  g_test_add ("/booking-page/slot-taken", Fixture, "America/New_York", set_up, test_slot_taken,
              tear_down);
  g_test_add ("/booking-page/new-york-dst", Fixture, "America/New_York", set_up, test_new_york_dst,
              tear_down);
  g_test_add ("/booking-page/kolkata", Fixture, "Asia/Kolkata", set_up, test_kolkata, tear_down);
  g_test_add ("/booking-page/states", Fixture, "America/New_York", set_up, test_states, tear_down);
  return g_test_run ();
}
