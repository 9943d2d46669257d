/* liaison-booking-page.c: the Appointments page (see liaison-booking-page.h): choosing the
 * contact, the calendar and the days, listing the free slots in the person's time zone, and
 * booking. One column in a clamp, so that it reads the same at 400 and at 1280 pixels; the free
 * slots of a day flow into as many columns as fit.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-booking"

#include <glib/gi18n.h>

#include "liaison-booking-page-private.h"
#include "liaison-contact-detail.h"
#include "liaison-format.h"
#include "liaison-weak-ref-private.h"

#define MAX_CONTACT_RESULTS 6

enum
{
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonBookingPage, liaison_booking_page, GTK_TYPE_WIDGET)

/* ---- small shared pieces ---- */

void
liaison_booking_page_busy_begin (LiaisonBookingPage *self)
{
  if (self->busy++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
liaison_booking_page_busy_end (LiaisonBookingPage *self)
{
  g_return_if_fail (self->busy > 0);
  if (--self->busy == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

gboolean
liaison_booking_page_get_busy (LiaisonBookingPage *self)
{
  g_return_val_if_fail (LIAISON_IS_BOOKING_PAGE (self), FALSE);
  return self->busy > 0;
}

char *
liaison_booking_page_dup_zone_name (LiaisonBookingPage *self)
{
  g_autofree char *setting = g_settings_get_string (self->settings, LIAISON_BOOKING_PAGE_ZONE_KEY);
  g_autoptr (GTimeZone) local = NULL;

  if (setting != NULL && *setting != '\0')
    return g_steal_pointer (&setting);
  local = g_time_zone_new_local ();
  return g_strdup (g_time_zone_get_identifier (local));
}

GTimeZone *
liaison_booking_page_dup_zone (LiaisonBookingPage *self)
{
  g_autofree char *name = liaison_booking_page_dup_zone_name (self);
  GTimeZone *zone = g_time_zone_new_identifier (name);

  return zone != NULL ? zone : g_time_zone_new_local ();
}

char *
liaison_booking_page_format_time (LiaisonBookingPage *self, GDateTime *time)
{
  g_autoptr (GTimeZone) zone = liaison_booking_page_dup_zone (self);
  g_autoptr (GDateTime) there = NULL;

  if (time == NULL)
    return g_strdup ("");
  there = g_date_time_to_timezone (time, zone);
  /* Translators: a day and time, see strftime(3): "Wed 28 Oct, 09:00" */
  /* xgettext:no-c-format */
  return g_date_time_format (there, _ ("%a %-d %b, %R"));
}

void
liaison_booking_page_say (LiaisonBookingPage *self, const char *kind, const char *message)
{
  GtkWidget *label = GTK_WIDGET (self->message_label);

  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "success");
  if (kind != NULL)
    gtk_widget_add_css_class (label, kind);
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (label, message != NULL && *message != '\0');
}

LiaisonCalendar *
liaison_booking_page_get_calendar (LiaisonBookingPage *self)
{
  return self->calendars != NULL ? adw_combo_row_get_selected_item (self->calendar_row) : NULL;
}

void
liaison_booking_page_select_calendar (LiaisonBookingPage *self, const char *calendar_id)
{
  GListModel *model = self->calendars != NULL ? G_LIST_MODEL (self->calendars) : NULL;

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (LiaisonCalendar) c = g_list_model_get_item (model, i);

      if (g_strcmp0 (liaison_calendar_get_id (c), calendar_id) == 0)
        adw_combo_row_set_selected (self->calendar_row, i);
    }
}

void
liaison_booking_page_update_book_button (LiaisonBookingPage *self)
{
  gboolean ready
      = self->booking != NULL && self->slot != NULL
        && (self->moving != NULL
            || (self->contact != NULL && liaison_contact_row_get_ghl_id (self->contact) != NULL));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "booking.book", ready);
  gtk_button_set_label (self->book_button, self->moving != NULL ? _ ("_Move Here") : _ ("_Book"));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_move_button), self->moving != NULL);
}

/* ---- the contact ---- */

static GtkWidget *
create_contact_result (gpointer item, gpointer user_data)
{
  LiaisonContactRow *row = item;
  GtkWidget *widget = adw_action_row_new ();
  const char *email = liaison_contact_row_get_email (row);
  g_autofree char *subtitle
      = g_strdup_printf ("%s · %s", email != NULL ? email : _ ("no e-mail address"),
                         liaison_format_link_status (liaison_contact_row_get_status (row)));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget),
                                 liaison_contact_row_get_display_name (row));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (widget), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (widget), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (widget), TRUE);
  g_object_set_data_full (G_OBJECT (widget), "contact", g_object_ref (row), g_object_unref);
  return widget;
}

static void
show_contact (LiaisonBookingPage *self)
{
  LiaisonContactRow *row = self->contact;
  const char *email;
  g_autofree char *subtitle = NULL;

  if (row == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->contact_row),
                                     _ ("No contact chosen"));
      adw_action_row_set_subtitle (self->contact_row, _ ("Search above and pick one"));
      return;
    }
  email = liaison_contact_row_get_email (row);
  if (liaison_contact_row_get_ghl_id (row) == NULL)
    subtitle = g_strdup_printf (
        _ ("%s · Only in LeadSquared: HighLevel books appointments for its own contacts. Link "
           "this contact to its HighLevel record on the Contacts page (or add it to HighLevel "
           "with an e-mail address or phone number), then book."),
        email != NULL ? email : _ ("no e-mail address"));
  else if (liaison_contact_row_get_status (row) == LIAISON_LINK_STATUS_LINKED)
    subtitle = g_strdup_printf (_ ("%s · Linked: booked in HighLevel and in LeadSquared"),
                                email != NULL ? email : _ ("no e-mail address"));
  else
    subtitle = g_strdup_printf (_ ("%s · Not linked: booked in HighLevel only"),
                                email != NULL ? email : _ ("no e-mail address"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->contact_row),
                                 liaison_contact_row_get_display_name (row));
  adw_action_row_set_subtitle (self->contact_row, subtitle);
}

static void
choose_contact (LiaisonBookingPage *self, LiaisonContactRow *row)
{
  g_set_object (&self->contact, row);
  show_contact (self);
  gtk_widget_set_visible (GTK_WIDGET (self->contact_results), FALSE);
  liaison_booking_events_update_filter (self);
  liaison_booking_page_update_book_button (self);
}

static void
on_contact_search_changed (LiaisonBookingPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->contact_search));
  gboolean searching = text != NULL && *text != '\0';

  if (self->contacts == NULL)
    return;
  liaison_contact_list_set_filter_text (self->contacts, text);
  gtk_widget_set_visible (GTK_WIDGET (self->contact_results),
                          searching
                              && g_list_model_get_n_items (G_LIST_MODEL (self->contacts)) > 0);
}

static void
on_contact_search_activate (LiaisonBookingPage *self)
{
  g_autoptr (LiaisonContactRow) first = NULL;

  if (self->contacts == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->contact_results)))
    return;
  first = g_list_model_get_item (G_LIST_MODEL (self->contacts), 0);
  if (first != NULL)
    choose_contact (self, first);
}

static void
on_contact_result_activated (LiaisonBookingPage *self, GtkListBoxRow *row)
{
  choose_contact (self, g_object_get_data (G_OBJECT (row), "contact"));
}

static void
on_contacts_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonBookingPage) self = liaison_weak_ref_steal (user_data);
  g_autoptr (GError) error = NULL;

  if (!liaison_contact_list_load_finish (LIAISON_CONTACT_LIST (source), result, &error)
      && self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = g_strdup_printf (
          _ ("The contacts could not be read from Liaison’s copy: %s"), error->message);
      liaison_booking_page_say (self, "error", text);
    }
  if (self != NULL)
    {
      on_contact_search_changed (self);
      liaison_booking_page_busy_end (self);
    }
}

/* ---- calendar, days and zone ---- */

static GDate *
first_day (LiaisonBookingPage *self)
{
  g_autoptr (GDateTime) picked = gtk_calendar_get_date (self->first_day_calendar);

  return g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (picked),
                         (GDateMonth) g_date_time_get_month (picked),
                         (GDateYear) g_date_time_get_year (picked));
}

GDateTime *
liaison_booking_page_dup_first_day (LiaisonBookingPage *self)
{
  g_autoptr (GDateTime) picked = gtk_calendar_get_date (self->first_day_calendar);
  g_autoptr (GTimeZone) zone = liaison_booking_page_dup_zone (self);

  return g_date_time_new (zone, g_date_time_get_year (picked), g_date_time_get_month (picked),
                          g_date_time_get_day_of_month (picked), 0, 0, 0);
}

static void
show_first_day (LiaisonBookingPage *self)
{
  g_autoptr (GDateTime) picked = gtk_calendar_get_date (self->first_day_calendar);
  /* Translators: the first day of free slots, see strftime(3): "Wed 28 Oct 2026" */
  /* xgettext:no-c-format */
  g_autofree char *text = g_date_time_format (picked, _ ("%a %-d %b %Y"));

  gtk_menu_button_set_label (self->first_day_button, text);
}

static void
show_zone (LiaisonBookingPage *self)
{
  LiaisonCalendar *calendar = liaison_booking_page_get_calendar (self);
  g_autofree char *zone = liaison_booking_page_dup_zone_name (self);
  const char *calendar_zone = calendar != NULL ? liaison_calendar_get_time_zone (calendar) : NULL;
  g_autofree char *text = NULL;

  if (calendar_zone != NULL && g_strcmp0 (calendar_zone, zone) != 0)
    text = g_strdup_printf (_ ("Times are in %s. “%s” keeps its hours in %s."), zone,
                            liaison_calendar_get_name (calendar), calendar_zone);
  else
    text = g_strdup_printf (_ ("Times are in %s."), zone);
  gtk_label_set_label (self->zone_label, text);
}

static void
on_calendar_selected (LiaisonBookingPage *self)
{
  LiaisonCalendar *calendar = liaison_booking_page_get_calendar (self);

  show_zone (self);
  liaison_booking_events_set_calendar (self, calendar);
  liaison_booking_page_list_slots (self);
}

static void
on_first_day_selected (LiaisonBookingPage *self)
{
  show_first_day (self);
  gtk_menu_button_popdown (self->first_day_button);
  liaison_booking_events_update_window (self);
  liaison_booking_page_list_slots (self);
}

static void
on_days_changed (LiaisonBookingPage *self)
{
  liaison_booking_page_list_slots (self);
}

static void
on_zone_applied (LiaisonBookingPage *self)
{
  g_autofree char *text
      = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->zone_row))));
  g_autoptr (GTimeZone) zone = NULL;

  if (*text != '\0' && (zone = g_time_zone_new_identifier (text)) == NULL)
    {
      g_autofree char *message = g_strdup_printf (
          _ ("“%s” is not a time zone this computer knows. Give a name such as "
             "America/New_York or Asia/Kolkata, or leave it empty for this computer’s zone."),
          text);
      liaison_booking_page_say (self, "error", message);
      return;
    }
  g_settings_set_string (self->settings, LIAISON_BOOKING_PAGE_ZONE_KEY, text);
}

static void
on_zone_setting_changed (LiaisonBookingPage *self)
{
  g_autofree char *setting = g_settings_get_string (self->settings, LIAISON_BOOKING_PAGE_ZONE_KEY);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->zone_row)), setting) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->zone_row), setting);
  liaison_booking_page_say (self, NULL, NULL);
  show_zone (self);
  liaison_booking_events_update_window (self);
  liaison_booking_page_list_slots (self);
}

static void
on_calendars_refreshed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonBookingPage) self = liaison_weak_ref_steal (user_data);
  g_autoptr (GError) error = NULL;
  gboolean ok
      = liaison_calendar_list_refresh_finish (LIAISON_CALENDAR_LIST (source), result, &error);

  if (self == NULL)
    return;
  liaison_booking_page_busy_end (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (source)) > 0)
    {
      gtk_stack_set_visible_child_name (self->state_stack, "main");
      return;
    }
  gtk_stack_set_visible_child_name (self->state_stack, "no-calendars");
  if (!ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text
          = g_strdup_printf (_ ("HighLevel’s calendars could not be listed: %s"), error->message);

      adw_status_page_set_description (
          ADW_STATUS_PAGE (gtk_stack_get_child_by_name (self->state_stack, "no-calendars")), text);
    }
}

static void
refresh_calendars (LiaisonBookingPage *self)
{
  if (self->calendars == NULL)
    return;
  liaison_booking_page_busy_begin (self);
  liaison_calendar_list_refresh_async (self->calendars, self->cancellable, on_calendars_refreshed,
                                       liaison_weak_ref_new (self));
}

/* ---- free slots ---- */

static void
on_slot_toggled (GtkToggleButton *button, LiaisonBookingPage *self)
{
  if (gtk_toggle_button_get_active (button))
    g_set_object (&self->slot, g_object_get_data (G_OBJECT (button), "slot"));
  else if (self->slot == g_object_get_data (G_OBJECT (button), "slot"))
    g_clear_object (&self->slot);
  liaison_booking_page_update_book_button (self);
}

static void
clear_slots (LiaisonBookingPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->slots_box))) != NULL)
    gtk_box_remove (self->slots_box, child);
  g_clear_object (&self->slot);
  liaison_booking_page_update_book_button (self);
}

static void
slots_message (LiaisonBookingPage *self, const char *kind, const char *text)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->slots_message), "error");
  if (kind != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->slots_message), kind);
  gtk_label_set_label (self->slots_message, text);
  gtk_stack_set_visible_child_name (self->slots_stack, "message");
}

static void
show_slots (LiaisonBookingPage *self, GPtrArray *slots)
{
  g_autoptr (GTimeZone) zone = liaison_booking_page_dup_zone (self);
  GtkToggleButton *group = NULL;
  GtkFlowBox *day_box = NULL;
  int shown_day = -1;

  clear_slots (self);
  for (guint i = 0; i < slots->len; i++)
    {
      LiaisonSlot *slot = g_ptr_array_index (slots, i);
      g_autoptr (GDateTime) start
          = g_date_time_to_timezone (liaison_slot_get_start_time (slot), zone);
      /* xgettext:no-c-format */
      g_autofree char *time = g_date_time_format (start, "%R");
      GtkWidget *button;
      GtkWidget *child;

      if (g_date_time_get_day_of_year (start) + 400 * g_date_time_get_year (start) != shown_day)
        {
          /* Translators: a day heading over its free slots, see strftime(3): "Wednesday 28
           * October" */
          /* xgettext:no-c-format */
          g_autofree char *heading = g_date_time_format (start, _ ("%A %-d %B"));
          GtkWidget *label = gtk_label_new (heading);

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_widget_add_css_class (label, "heading");
          gtk_widget_set_margin_top (label, shown_day == -1 ? 0 : 12);
          gtk_box_append (self->slots_box, label);
          day_box = GTK_FLOW_BOX (gtk_flow_box_new ());
          gtk_flow_box_set_selection_mode (day_box, GTK_SELECTION_NONE);
          gtk_flow_box_set_homogeneous (day_box, TRUE);
          gtk_flow_box_set_min_children_per_line (day_box, 3);
          gtk_flow_box_set_max_children_per_line (day_box, 8);
          gtk_flow_box_set_row_spacing (day_box, 6);
          gtk_flow_box_set_column_spacing (day_box, 6);
          gtk_box_append (self->slots_box, GTK_WIDGET (day_box));
          shown_day = g_date_time_get_day_of_year (start) + 400 * g_date_time_get_year (start);
        }
      button = gtk_toggle_button_new_with_label (time);
      g_object_set_data_full (G_OBJECT (button), "slot", g_object_ref (slot), g_object_unref);
      if (group == NULL)
        group = GTK_TOGGLE_BUTTON (button);
      else
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      g_signal_connect (button, "toggled", G_CALLBACK (on_slot_toggled), self);
      gtk_flow_box_append (day_box, button);
      /* Tab reaches the buttons, not their wrappers. */
      child = gtk_widget_get_parent (button);
      gtk_widget_set_focusable (child, FALSE);
    }
  gtk_stack_set_visible_child_name (self->slots_stack, "slots");
}

static void
on_slots (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonBookingPage) self = liaison_weak_ref_steal (user_data);
  g_autoptr (GError) error = NULL;
  GPtrArray *slots
      = liaison_slot_cache_get_slots_finish (LIAISON_SLOT_CACHE (source), result, &error);

  if (self == NULL)
    return;
  liaison_booking_page_busy_end (self);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->slots_spinner);
  if (slots == NULL)
    {
      g_autofree char *text
          = g_strdup_printf (_ ("The free slots could not be listed: %s"), error->message);
      slots_message (self, "error", text);
      return;
    }
  if (slots->len == 0)
    {
      slots_message (self, NULL,
                     _ ("No free slots on these days. Try later days, more of them, or another "
                        "calendar."));
      return;
    }
  show_slots (self, slots);
}

void
liaison_booking_page_list_slots (LiaisonBookingPage *self)
{
  LiaisonCalendar *calendar = liaison_booking_page_get_calendar (self);
  LiaisonSlotCache *cache
      = self->booking != NULL ? liaison_booking_get_slot_cache (self->booking) : NULL;
  guint n_days = (guint) gtk_spin_button_get_value_as_int (self->days_spin);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDate) day = NULL;
  g_autofree char *zone = NULL;

  g_cancellable_cancel (self->slots_cancellable);
  g_clear_object (&self->slots_cancellable);
  clear_slots (self);
  if (cache == NULL || calendar == NULL)
    {
      slots_message (self, NULL, _ ("Choose a calendar to see its free slots."));
      return;
    }
  if (!liaison_booking_check_days (n_days, &error))
    {
      slots_message (self, "error", error->message);
      return;
    }
  day = first_day (self);
  zone = liaison_booking_page_dup_zone_name (self);
  self->slots_cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->slots_stack, "loading");
  gtk_spinner_start (self->slots_spinner);
  liaison_booking_page_busy_begin (self);
  liaison_slot_cache_get_slots_async (cache, calendar, day, n_days, zone, self->slots_cancellable,
                                      on_slots, liaison_weak_ref_new (self));
}

/* ---- booking ---- */

static char *
web_url (LiaisonBookingPage *self, LiaisonService service)
{
  LiaisonGhlClient *ghl
      = self->booking != NULL ? liaison_booking_get_ghl_client (self->booking) : NULL;
  LiaisonLsqClient *lsq
      = self->booking != NULL ? liaison_booking_get_lsq_client (self->booking) : NULL;

  if (self->last == NULL)
    return NULL;
  if (service == LIAISON_SERVICE_GHL)
    return ghl != NULL ? liaison_contact_detail_ghl_web_url (
               liaison_http_get_base_url (liaison_ghl_client_get_http (ghl)),
               liaison_ghl_client_get_location_id (ghl), self->last_ghl_contact)
                       : NULL;
  return lsq != NULL && self->last->lsq_task_id != NULL ? liaison_contact_detail_lsq_web_url (
             liaison_http_get_base_url (liaison_lsq_client_get_http (lsq)), self->last->lsq_lead_id)
                                                        : NULL;
}

static void
open_url (LiaisonBookingPage *self, LiaisonService service)
{
  g_autofree char *uri = web_url (self, service);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (uri != NULL)
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
on_open_ghl_clicked (LiaisonBookingPage *self)
{
  open_url (self, LIAISON_SERVICE_GHL);
}

static void
on_open_lsq_clicked (LiaisonBookingPage *self)
{
  open_url (self, LIAISON_SERVICE_LSQ);
}

static void
show_result (LiaisonBookingPage *self, const char *heading)
{
  LiaisonBookingResult *r = self->last;
  g_autofree char *when
      = liaison_booking_page_format_time (self, liaison_appointment_get_start_time (r->ghl));
  g_autofree char *title
      = g_strdup_printf ("%s · %s", liaison_appointment_get_title (r->ghl), when);
  g_autofree char *subtitle = NULL;
  g_autofree char *ghl_url = web_url (self, LIAISON_SERVICE_GHL);
  g_autofree char *lsq_url = web_url (self, LIAISON_SERVICE_LSQ);
  const char *sandbox = _ ("The sandbox has no web app to open.");

  if (r->lsq_error != NULL)
    subtitle = g_strdup_printf (_ ("In HighLevel. LeadSquared refused the appointment task: %s"),
                                r->lsq_error->message);
  else if (r->lsq_task_id != NULL)
    subtitle
        = g_strdup (_ ("In HighLevel, and in LeadSquared as an appointment task linked to it"));
  else
    subtitle = g_strdup (_ ("In HighLevel only: the contact is not linked to LeadSquared"));
  adw_preferences_group_set_title (self->result_group, heading);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->result_row), title);
  adw_action_row_set_subtitle (self->result_row, subtitle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->open_ghl_button), ghl_url != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->open_ghl_button),
                               ghl_url != NULL ? ghl_url : sandbox);
  gtk_widget_set_visible (GTK_WIDGET (self->open_lsq_button), r->lsq_task_id != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->open_lsq_button), lsq_url != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->open_lsq_button),
                               lsq_url != NULL ? lsq_url : sandbox);
  gtk_widget_set_visible (GTK_WIDGET (self->result_group), TRUE);
}

static void
on_booked (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonBookingPage) self = liaison_weak_ref_steal (user_data);
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonBookingResult) r
      = liaison_booking_finish (LIAISON_BOOKING (source), result, &error);
  gboolean moved;

  if (self == NULL)
    return;
  liaison_booking_page_busy_end (self);
  moved = self->moving != NULL;
  if (r == NULL)
    {
      liaison_booking_page_say (self, "error", error->message);
      /* A slot taken meanwhile: the slots are listed again, without it. */
      liaison_booking_page_list_slots (self);
      return;
    }
  g_clear_pointer (&self->last, liaison_booking_result_free);
  self->last = g_steal_pointer (&r);
  g_free (self->last_ghl_contact);
  self->last_ghl_contact = g_strdup (liaison_appointment_get_contact_id (self->last->ghl));
  show_result (self, moved ? _ ("Moved") : _ ("Booked"));
  liaison_booking_page_say (self, self->last->lsq_error != NULL ? "error" : "success",
                            moved ? _ ("The appointment was moved.")
                                  : _ ("The appointment was booked."));
  liaison_booking_events_stop_moving (self);
  liaison_booking_page_list_slots (self);
  liaison_booking_events_refresh (self);
}

static void
book_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonBookingPage *self = LIAISON_BOOKING_PAGE (widget);
  LiaisonCalendar *calendar = liaison_booking_page_get_calendar (self);
  g_autofree char *zone = liaison_booking_page_dup_zone_name (self);
  LiaisonAppointmentStatus status = adw_combo_row_get_selected (self->status_row) == 1
                                        ? LIAISON_APPOINTMENT_STATUS_NEW
                                        : LIAISON_APPOINTMENT_STATUS_CONFIRMED;

  if (self->booking == NULL || self->slot == NULL)
    return;
  gtk_widget_action_set_enabled (widget, "booking.book", FALSE);
  liaison_booking_page_say (self, NULL, self->moving != NULL ? _ ("Moving…") : _ ("Booking…"));
  liaison_booking_page_busy_begin (self);
  if (self->moving != NULL)
    liaison_booking_reschedule_async (self->booking, self->moving, calendar,
                                      liaison_slot_get_start_time (self->slot), zone,
                                      self->cancellable, on_booked, liaison_weak_ref_new (self));
  else if (self->contact != NULL)
    liaison_booking_book_async (
        self->booking, calendar, liaison_contact_row_get_ghl_id (self->contact),
        liaison_contact_row_get_status (self->contact) == LIAISON_LINK_STATUS_LINKED
            ? liaison_contact_row_get_lsq_id (self->contact)
            : NULL,
        liaison_slot_get_start_time (self->slot),
        gtk_editable_get_text (GTK_EDITABLE (self->title_row)),
        gtk_editable_get_text (GTK_EDITABLE (self->notes_row)), status, zone, self->cancellable,
        on_booked, liaison_weak_ref_new (self));
}

static void
refresh_slots_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonBookingPage *self = LIAISON_BOOKING_PAGE (widget);
  LiaisonCalendar *calendar = liaison_booking_page_get_calendar (self);

  if (calendar != NULL && self->booking != NULL)
    liaison_slot_cache_invalidate (liaison_booking_get_slot_cache (self->booking),
                                   liaison_calendar_get_id (calendar));
  liaison_booking_page_list_slots (self);
  liaison_booking_events_refresh (self);
}

static void
refresh_calendars_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  refresh_calendars (LIAISON_BOOKING_PAGE (widget));
}

static void
stop_moving_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  liaison_booking_events_stop_moving (LIAISON_BOOKING_PAGE (widget));
  liaison_booking_page_say (LIAISON_BOOKING_PAGE (widget), NULL, NULL);
}

/* ---- sources ---- */

void
liaison_booking_page_set_sources (LiaisonBookingPage *self, LiaisonBooking *booking,
                                  LiaisonContactList *contacts, LiaisonCalendarList *calendars,
                                  const char *ghl_connection_id)
{
  g_return_if_fail (LIAISON_IS_BOOKING_PAGE (self));

  if (booking == self->booking && contacts == self->contacts && calendars == self->calendars)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->booking, booking);
  g_set_object (&self->contacts, contacts);
  g_set_object (&self->calendars, calendars);
  g_free (self->ghl_connection_id);
  self->ghl_connection_id = g_strdup (ghl_connection_id);
  g_clear_object (&self->contact);
  g_clear_object (&self->moving);
  g_clear_pointer (&self->last, liaison_booking_result_free);
  gtk_widget_set_visible (GTK_WIDGET (self->result_group), FALSE);
  show_contact (self);
  liaison_booking_page_say (self, NULL, NULL);

  gtk_list_box_bind_model (self->contact_results,
                           contacts != NULL ? G_LIST_MODEL (gtk_slice_list_model_new (
                               g_object_ref (G_LIST_MODEL (contacts)), 0, MAX_CONTACT_RESULTS))
                                            : NULL,
                           create_contact_result, NULL, NULL);
  adw_combo_row_set_model (self->calendar_row, calendars != NULL ? G_LIST_MODEL (calendars) : NULL);
  if (booking == NULL || liaison_booking_get_ghl_client (booking) == NULL || calendars == NULL)
    {
      liaison_booking_events_set_calendar (self, NULL);
      gtk_stack_set_visible_child_name (self->state_stack, "no-account");
      return;
    }
  gtk_stack_set_visible_child_name (self->state_stack, "main");
  if (contacts != NULL)
    {
      liaison_booking_page_busy_begin (self);
      liaison_contact_list_load_async (contacts, self->cancellable, on_contacts_loaded,
                                       liaison_weak_ref_new (self));
    }
  refresh_calendars (self);
  on_calendar_selected (self);
}

void
liaison_booking_page_set_session (LiaisonBookingPage *self, LiaisonSession *session)
{
  const LiaisonStoreConnection *ghl_connection
      = session != NULL ? liaison_session_get_connection (session, LIAISON_SERVICE_GHL) : NULL;
  const LiaisonStoreConnection *lsq_connection
      = session != NULL ? liaison_session_get_connection (session, LIAISON_SERVICE_LSQ) : NULL;
  LiaisonGhlClient *ghl = session != NULL ? liaison_session_get_ghl_client (session) : NULL;
  LiaisonLsqClient *lsq = lsq_connection != NULL ? liaison_session_get_lsq_client (session) : NULL;
  LiaisonStore *store = session != NULL ? liaison_session_get_store (session) : NULL;
  g_autoptr (LiaisonBooking) booking = NULL;
  g_autoptr (LiaisonContactList) contacts = NULL;
  g_autoptr (LiaisonCalendarList) calendars = NULL;

  g_return_if_fail (LIAISON_IS_BOOKING_PAGE (self));

  if (store == NULL || ghl_connection == NULL || ghl == NULL)
    {
      liaison_booking_page_set_sources (self, NULL, NULL, NULL, NULL);
      return;
    }
  /* The session says "changed" for many reasons; keep what the person chose when the accounts
   * stayed the same. */
  if (self->booking != NULL && liaison_booking_get_ghl_client (self->booking) == ghl
      && liaison_booking_get_lsq_client (self->booking) == lsq
      && g_strcmp0 (self->ghl_connection_id, ghl_connection->id) == 0)
    return;
  booking = liaison_booking_new (store, ghl, ghl_connection->id, lsq,
                                 lsq_connection != NULL ? lsq_connection->id : NULL);
  /* A list of its own: searching here must not filter the Contacts page. */
  contacts = liaison_contact_list_new (store, lsq_connection != NULL ? lsq_connection->id : NULL,
                                       ghl_connection->id);
  calendars = liaison_calendar_list_new (store, ghl, ghl_connection->id);
  liaison_booking_page_set_sources (self, booking, contacts, calendars, ghl_connection->id);
}

/* ---- GObject ---- */

static void
liaison_booking_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LiaisonBookingPage *self = LIAISON_BOOKING_PAGE (object);

  switch (prop_id)
    {
      case PROP_BUSY:
        g_value_set_boolean (value, self->busy > 0);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_booking_page_dispose (GObject *object)
{
  LiaisonBookingPage *self = LIAISON_BOOKING_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->slots_cancellable);
  if (self->contact_results != NULL)
    gtk_list_box_bind_model (self->contact_results, NULL, NULL, NULL, NULL);
  liaison_booking_events_set_calendar (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_BOOKING_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->slots_cancellable);
  g_clear_object (&self->booking);
  g_clear_object (&self->contacts);
  g_clear_object (&self->calendars);
  g_clear_object (&self->events_filter);
  g_clear_object (&self->contact);
  g_clear_object (&self->slot);
  g_clear_object (&self->moving);
  g_clear_pointer (&self->last, liaison_booking_result_free);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (liaison_booking_page_parent_class)->dispose (object);
}

static void
liaison_booking_page_finalize (GObject *object)
{
  LiaisonBookingPage *self = LIAISON_BOOKING_PAGE (object);

  g_free (self->ghl_connection_id);
  g_free (self->last_ghl_contact);

  G_OBJECT_CLASS (liaison_booking_page_parent_class)->finalize (object);
}

static void
liaison_booking_page_class_init (LiaisonBookingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = liaison_booking_page_get_property;
  object_class->dispose = liaison_booking_page_dispose;
  object_class->finalize = liaison_booking_page_finalize;

  properties[PROP_BUSY]
      = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/liaison-booking-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, LiaisonBookingPage, name)
  CHILD (state_stack);
  CHILD (contact_search);
  CHILD (contact_results);
  CHILD (contact_row);
  CHILD (calendar_row);
  CHILD (first_day_button);
  CHILD (first_day_calendar);
  CHILD (days_spin);
  CHILD (zone_row);
  CHILD (zone_label);
  CHILD (slots_stack);
  CHILD (slots_spinner);
  CHILD (slots_message);
  CHILD (slots_box);
  CHILD (title_row);
  CHILD (notes_row);
  CHILD (status_row);
  CHILD (message_label);
  CHILD (book_button);
  CHILD (cancel_move_button);
  CHILD (result_group);
  CHILD (result_row);
  CHILD (open_ghl_button);
  CHILD (open_lsq_button);
  CHILD (events_group);
  CHILD (events_list);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, on_contact_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_contact_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_contact_result_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_first_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_days_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_zone_applied);
  gtk_widget_class_bind_template_callback (widget_class, on_open_ghl_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_open_lsq_clicked);

  gtk_widget_class_install_action (widget_class, "booking.book", NULL, book_action);
  gtk_widget_class_install_action (widget_class, "booking.refresh-slots", NULL,
                                   refresh_slots_action);
  gtk_widget_class_install_action (widget_class, "booking.refresh-calendars", NULL,
                                   refresh_calendars_action);
  gtk_widget_class_install_action (widget_class, "booking.stop-moving", NULL, stop_moving_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "booking.refresh-slots", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "booking.book", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
liaison_booking_page_init (LiaisonBookingPage *self)
{
  g_autofree char *zone = NULL;
  GtkExpression *name;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APPLICATION_ID);
  self->cancellable = g_cancellable_new ();
  name = gtk_property_expression_new (LIAISON_TYPE_CALENDAR, NULL, "name");
  adw_combo_row_set_expression (self->calendar_row, name);
  gtk_expression_unref (name);
  zone = g_settings_get_string (self->settings, LIAISON_BOOKING_PAGE_ZONE_KEY);
  gtk_editable_set_text (GTK_EDITABLE (self->zone_row), zone);
  g_signal_connect_object (self->settings, "changed::" LIAISON_BOOKING_PAGE_ZONE_KEY,
                           G_CALLBACK (on_zone_setting_changed), self, G_CONNECT_SWAPPED);
  show_first_day (self);
  liaison_booking_events_init (self);
  liaison_booking_page_update_book_button (self);
  gtk_stack_set_visible_child_name (self->state_stack, "no-account");
}
