/* liaison-booking-events.c: the Appointments page's upcoming appointments (the event list of
 * the chosen calendar, from today for 31 days, only the chosen contact's once one is chosen),
 * with Move (pick another free slot, then Move Here) and Cancel (asked first), both reaching
 * HighLevel and the linked LeadSquared task through LiaisonBooking.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-booking"

#include <glib/gi18n.h>

#include "liaison-booking-page-private.h"
#include "liaison-weak-ref-private.h"

static gboolean
event_matches (gpointer item, gpointer user_data)
{
  LiaisonBookingPage *self = user_data;
  const char *contact
      = self->contact != NULL ? liaison_contact_row_get_ghl_id (self->contact) : NULL;

  if (self->contact == NULL)
    return TRUE;
  return contact != NULL
         && g_strcmp0 (liaison_appointment_get_contact_id (LIAISON_APPOINTMENT (item)), contact)
                == 0;
}

static void
on_move_clicked (GtkButton *button, LiaisonBookingPage *self)
{
  LiaisonAppointment *appointment = g_object_get_data (G_OBJECT (button), "appointment");
  g_autofree char *text = g_strdup_printf (_ ("Pick a free slot for “%s”, then Move Here."),
                                           liaison_appointment_get_title (appointment));

  g_set_object (&self->moving, appointment);
  liaison_booking_page_select_calendar (self, liaison_appointment_get_calendar_id (appointment));
  liaison_booking_page_say (self, NULL, text);
  liaison_booking_page_update_book_button (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->slots_box));
}

static void
on_cancelled (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonBookingPage) self = liaison_weak_ref_steal (user_data);
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonBookingResult) r
      = liaison_booking_finish (LIAISON_BOOKING (source), result, &error);

  if (self == NULL)
    return;
  liaison_booking_page_busy_end (self);
  if (r == NULL)
    liaison_booking_page_say (self, "error", error->message);
  else if (r->lsq_error != NULL)
    {
      g_autofree char *text
          = g_strdup_printf (_ ("Cancelled in HighLevel, but LeadSquared refused the change: %s"),
                             r->lsq_error->message);
      liaison_booking_page_say (self, "error", text);
    }
  else
    liaison_booking_page_say (self, "success",
                              r->lsq_task_id != NULL
                                  ? _ ("Cancelled in HighLevel and in LeadSquared.")
                                  : _ ("Cancelled in HighLevel."));
  liaison_booking_page_list_slots (self);
  liaison_booking_events_refresh (self);
}

static void
on_cancel_answered (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  /* The handler's data: freed with the handler, not here. */
  g_autoptr (LiaisonBookingPage) self = g_weak_ref_get (user_data);
  LiaisonAppointment *appointment = g_object_get_data (G_OBJECT (dialog), "appointment");

  if (self == NULL || self->booking == NULL || g_strcmp0 (response, "cancel") != 0)
    return;
  liaison_booking_page_say (self, NULL, _ ("Cancelling…"));
  liaison_booking_page_busy_begin (self);
  liaison_booking_cancel_async (self->booking, appointment, self->cancellable, on_cancelled,
                                liaison_weak_ref_new (self));
}

static void
on_cancel_clicked (GtkButton *button, LiaisonBookingPage *self)
{
  LiaisonAppointment *appointment = g_object_get_data (G_OBJECT (button), "appointment");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *when
      = liaison_booking_page_format_time (self, liaison_appointment_get_start_time (appointment));
  g_autofree char *heading
      = g_strdup_printf (_ ("Cancel “%s”?"), liaison_appointment_get_title (appointment));
  g_autofree char *body = g_strdup_printf (
      _ ("The appointment on %s is cancelled in HighLevel and, for a linked contact, its "
         "LeadSquared task too."),
      when);
  GtkWidget *dialog
      = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "keep", _ ("_Keep"), "cancel",
                                    _ ("_Cancel Appointment"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_object_set_data_full (G_OBJECT (dialog), "appointment", g_object_ref (appointment),
                          g_object_unref);
  /* Held weakly: a dialog left open frees nothing of the page. */
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_cancel_answered),
                         liaison_weak_ref_new (self), liaison_weak_ref_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
create_event_row (gpointer item, gpointer user_data)
{
  LiaisonBookingPage *self = user_data;
  LiaisonAppointment *appointment = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *start
      = liaison_booking_page_format_time (self, liaison_appointment_get_start_time (appointment));
  g_autofree char *subtitle = NULL;
  const char *title = liaison_appointment_get_title (appointment);
  gboolean cancelled
      = liaison_appointment_get_status (appointment) == LIAISON_APPOINTMENT_STATUS_CANCELLED;

  subtitle = cancelled ? g_strdup_printf (_ ("%s · Cancelled"), start) : g_strdup (start);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 title != NULL && *title != '\0' ? title : _ ("Appointment"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (!cancelled)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *move = gtk_button_new_with_mnemonic (_ ("_Move…"));
      GtkWidget *cancel = gtk_button_new_with_mnemonic (_ ("_Cancel…"));

      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (cancel, "destructive-action");
      g_object_set_data_full (G_OBJECT (move), "appointment", g_object_ref (appointment),
                              g_object_unref);
      g_object_set_data_full (G_OBJECT (cancel), "appointment", g_object_ref (appointment),
                              g_object_unref);
      g_signal_connect (move, "clicked", G_CALLBACK (on_move_clicked), self);
      g_signal_connect (cancel, "clicked", G_CALLBACK (on_cancel_clicked), self);
      gtk_box_append (GTK_BOX (box), move);
      gtk_box_append (GTK_BOX (box), cancel);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
    }
  g_object_set_data_full (G_OBJECT (row), "appointment", g_object_ref (appointment),
                          g_object_unref);
  return row;
}

static void
show_description (LiaisonBookingPage *self)
{
  LiaisonCalendar *calendar = liaison_booking_page_get_calendar (self);
  g_autofree char *text = NULL;

  if (calendar == NULL)
    text = NULL;
  else if (self->contact != NULL)
    text = g_strdup_printf (_ ("%s’s on “%s”, in the next 31 days"),
                            liaison_contact_row_get_display_name (self->contact),
                            liaison_calendar_get_name (calendar));
  else
    text = g_strdup_printf (_ ("On “%s”, in the next 31 days"),
                            liaison_calendar_get_name (calendar));
  adw_preferences_group_set_description (self->events_group, text);
}

void
liaison_booking_events_init (LiaisonBookingPage *self)
{
  GtkWidget *placeholder = gtk_label_new (_ ("No upcoming appointments"));

  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->events_list, placeholder);
  self->events_filter = gtk_custom_filter_new (event_matches, self, NULL);
}

static void
on_events_refreshed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonBookingPage) self = liaison_weak_ref_steal (user_data);
  g_autoptr (GError) error = NULL;

  if (!liaison_event_list_refresh_finish (LIAISON_EVENT_LIST (source), result, &error)
      && self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text
          = g_strdup_printf (_ ("The appointments could not be listed: %s"), error->message);
      adw_preferences_group_set_description (self->events_group, text);
    }
  if (self != NULL)
    liaison_booking_page_busy_end (self);
}

void
liaison_booking_events_refresh (LiaisonBookingPage *self)
{
  if (self->events == NULL)
    return;
  liaison_booking_page_busy_begin (self);
  liaison_event_list_refresh_async (self->events, self->cancellable, on_events_refreshed,
                                    liaison_weak_ref_new (self));
}

void
liaison_booking_events_update_window (LiaisonBookingPage *self)
{
  g_autoptr (GDateTime) from = NULL;
  g_autoptr (GDateTime) to = NULL;

  if (self->events == NULL)
    return;
  from = liaison_booking_page_dup_first_day (self);
  to = g_date_time_add_days (from, LIAISON_BOOKING_MAX_DAYS);
  liaison_event_list_set_window (self->events, from, to);
  show_description (self);
  liaison_booking_events_refresh (self);
}

void
liaison_booking_events_set_calendar (LiaisonBookingPage *self, LiaisonCalendar *calendar)
{
  LiaisonGhlClient *ghl
      = self->booking != NULL ? liaison_booking_get_ghl_client (self->booking) : NULL;
  GtkFilterListModel *filtered;

  if (self->events != NULL && calendar != NULL
      && g_strcmp0 (liaison_event_list_get_calendar_id (self->events),
                    liaison_calendar_get_id (calendar))
             == 0)
    return;
  if (self->events_list != NULL)
    gtk_list_box_bind_model (self->events_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->events);
  if (calendar == NULL || ghl == NULL || self->booking == NULL)
    return;

  self->events
      = liaison_event_list_new (liaison_booking_get_store (self->booking), ghl,
                                self->ghl_connection_id, liaison_calendar_get_id (calendar));
  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->events)),
                                        g_object_ref (GTK_FILTER (self->events_filter)));
  gtk_list_box_bind_model (self->events_list, G_LIST_MODEL (filtered), create_event_row, self,
                           NULL);
  g_object_unref (filtered);
  liaison_booking_events_update_window (self);
}

void
liaison_booking_events_update_filter (LiaisonBookingPage *self)
{
  if (self->events_filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->events_filter), GTK_FILTER_CHANGE_DIFFERENT);
  show_description (self);
}

void
liaison_booking_events_stop_moving (LiaisonBookingPage *self)
{
  g_clear_object (&self->moving);
  liaison_booking_page_update_book_button (self);
}
