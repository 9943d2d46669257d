/* liaison-contact-activity-items.c: how a task, note or appointment of the
 * contact detail reads in its row. What is fetched and cached, and in which
 * order, is LiaisonActivityList's business (src/core/models/).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-contact-detail"

#include <glib/gi18n.h>
#include <string.h>

#include "liaison-contact-activity-private.h"
#include "liaison-format.h"

/* ---- how an item reads ---- */

static char *
first_line (const char *text)
{
  g_autofree char *copy = g_strdup (text != NULL ? text : "");
  char *newline = strchr (g_strstrip (copy), '\n');

  if (newline != NULL)
    *newline = '\0';
  return g_strdup (g_strstrip (copy));
}

char *
liaison_contact_activity_dup_title (GObject *object)
{
  g_autofree char *text = NULL;

  if (LIAISON_IS_TASK (object))
    text = first_line (liaison_task_get_title (LIAISON_TASK (object)));
  else if (LIAISON_IS_NOTE (object))
    /* A note has no title: its text is what a person looks for. */
    text = g_strstrip (g_strdup (liaison_note_get_body (LIAISON_NOTE (object)) ?: ""));
  else if (LIAISON_IS_APPOINTMENT (object))
    text = first_line (liaison_appointment_get_title (LIAISON_APPOINTMENT (object)));

  if (text != NULL && *text != '\0')
    return g_steal_pointer (&text);
  if (LIAISON_IS_TASK (object))
    return g_strdup (_ ("Untitled task"));
  if (LIAISON_IS_NOTE (object))
    return g_strdup (_ ("Empty note"));
  return g_strdup (_ ("Untitled appointment"));
}

static const char *
appointment_status (LiaisonAppointmentStatus status)
{
  switch (status)
    {
      case LIAISON_APPOINTMENT_STATUS_NEW:
        return _ ("New");
      case LIAISON_APPOINTMENT_STATUS_CONFIRMED:
        return _ ("Confirmed");
      case LIAISON_APPOINTMENT_STATUS_CANCELLED:
        return _ ("Cancelled");
      case LIAISON_APPOINTMENT_STATUS_SHOWED:
        return _ ("Showed up");
      case LIAISON_APPOINTMENT_STATUS_NO_SHOW:
        return _ ("No-show");
      case LIAISON_APPOINTMENT_STATUS_COMPLETED:
        return _ ("Completed");
      case LIAISON_APPOINTMENT_STATUS_INVALID:
        return _ ("Invalid");
      case LIAISON_APPOINTMENT_STATUS_UNKNOWN:
      default:
        return NULL;
    }
}

static void
add_part (GPtrArray *parts, char *part)
{
  if (part != NULL && *part != '\0')
    g_ptr_array_add (parts, part);
  else
    g_free (part);
}

static void
add_task_parts (GPtrArray *parts, LiaisonTask *task)
{
  GDateTime *due = liaison_task_get_due_date (task);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = liaison_format_date_time (due);

  if (when != NULL)
    /* Translators: when a task is due, e.g. "Due Fri 27 Nov, 14:30" */
    add_part (parts, g_strdup_printf (_ ("Due %s"), when));
  if (liaison_task_get_completed (task))
    add_part (parts, g_strdup (_ ("Completed")));
  else if (due != NULL && g_date_time_compare (due, now) < 0)
    add_part (parts, g_strdup (_ ("Overdue")));
  else
    add_part (parts, g_strdup (_ ("Open")));
}

static void
add_appointment_parts (GPtrArray *parts, LiaisonAppointment *appointment)
{
  GDateTime *start = liaison_appointment_get_start_time (appointment);
  GDateTime *end = liaison_appointment_get_end_time (appointment);
  g_autofree char *when = liaison_format_date_time (start);

  if (when != NULL && end != NULL && g_date_time_compare (end, start) > 0)
    {
      g_autoptr (GDateTime) local_start = g_date_time_to_local (start);
      g_autoptr (GDateTime) local_end = g_date_time_to_local (end);
      g_autofree char *until = NULL;

      /* On the same day, the end needs only its time. */
      if (g_date_time_get_year (local_start) == g_date_time_get_year (local_end)
          && g_date_time_get_day_of_year (local_start) == g_date_time_get_day_of_year (local_end))
        /* Translators: the time an appointment ends, see strftime(3) */
        /* xgettext:no-c-format */
        until = g_date_time_format (local_end, _ ("%R"));
      else
        until = liaison_format_date_time (end);
      /* Translators: an appointment's start and end, e.g. "Fri 27 Nov, 14:30 – 15:00" */
      add_part (parts, g_strdup_printf (_ ("%s – %s"), when, until));
    }
  else
    add_part (parts, g_steal_pointer (&when));
  add_part (parts, g_strdup (appointment_status (liaison_appointment_get_status (appointment))));
}

char *
liaison_contact_activity_dup_subtitle (GObject *object, LiaisonService service)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  /* Which account an item lives in comes first: both are listed together. */
  g_ptr_array_add (parts,
                   g_strdup (service == LIAISON_SERVICE_LSQ ? _ ("LeadSquared") : _ ("HighLevel")));
  if (LIAISON_IS_TASK (object))
    add_task_parts (parts, LIAISON_TASK (object));
  else if (LIAISON_IS_NOTE (object))
    {
      LiaisonNote *note = LIAISON_NOTE (object);
      g_autofree char *when = liaison_format_date_time (liaison_note_get_date_added (note) != NULL
                                                            ? liaison_note_get_date_added (note)
                                                            : liaison_note_get_date_updated (note));

      if (when != NULL)
        /* Translators: when a note was written, e.g. "Added Fri 27 Nov, 14:30" */
        add_part (parts, g_strdup_printf (_ ("Added %s"), when));
    }
  else if (LIAISON_IS_APPOINTMENT (object))
    add_appointment_parts (parts, LIAISON_APPOINTMENT (object));

  g_ptr_array_add (parts, NULL);
  /* Translators: the separator between the facts of an item, e.g. "HighLevel · Open" */
  return g_strjoinv (_ (" · "), (char **) parts->pdata);
}

/* ---- where the sync stands ---- */

GtkWidget *
liaison_contact_activity_sync_label (LiaisonActivityItem *item)
{
  GtkWidget *label;
  const char *text, *tooltip;

  switch (liaison_activity_item_get_sync_state (item))
    {
      case LIAISON_ACTIVITY_SYNC_IN_BOTH:
        /* Translators: a task or note is in both accounts */
        text = C_ ("sync state", "In both");
        tooltip = _ ("In both accounts: the sync keeps the two alike");
        break;
      case LIAISON_ACTIVITY_SYNC_WAITING:
        /* Translators: a task or note waits for the next sync to copy it */
        text = C_ ("sync state", "Waiting");
        tooltip = _ ("Not in the other account yet: the next sync copies it");
        break;
      case LIAISON_ACTIVITY_SYNC_CONFLICT:
        /* Translators: both accounts changed a task or note differently */
        text = C_ ("sync state", "Conflict");
        tooltip = _ ("Both accounts changed it differently: the sync waits until you choose");
        break;
      case LIAISON_ACTIVITY_SYNC_NOT_COPIED:
        /* Translators: an undo took back the copy of a task or note a sync had made */
        text = C_ ("sync state", "Not copied");
        tooltip = _ ("Not copied: an undo took its copy back, and the next sync leaves it alone");
        break;
      case LIAISON_ACTIVITY_SYNC_NONE:
      default:
        return NULL;
    }
  label = gtk_label_new (text);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (label, tooltip);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, liaison_activity_item_get_sync_state (item)
                                           == LIAISON_ACTIVITY_SYNC_CONFLICT
                                       ? "warning"
                                       : "dim-label");
  return label;
}
