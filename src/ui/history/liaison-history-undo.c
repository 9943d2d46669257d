/* liaison-history-undo.c: "Undo Run…" on the History page. The engine first plans the undo as a
 * dry run (it refreshes both accounts, so that what changed since is known); the plan is shown
 * in a dialog: each field that goes back, where, from what to what, and each field or record
 * left alone with the reason. Only when the person confirms does the engine run the undo, the
 * same run as `liaison-cli undo RUN`; the page then lists it. Nothing here blocks the main loop.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-history"

#include <glib/gi18n.h>

#include "liaison-history-page-private.h"
#include "liaison-sync-engine.h"
#include "liaison-sync-preview.h"

typedef struct
{
  LiaisonHistoryPage *page;
  LiaisonSyncEngine *engine;
  GCancellable *cancellable; /* the page's: cancelled when it goes */
  gint64 run_id;
} Undo;

/* Held by the dialog's handler and by each run of the engine: once the last lets go, the page
 * may undo again. */
static void
undo_clear (Undo *undo)
{
  liaison_history_page_set_undoing (undo->page, FALSE);
  g_object_unref (undo->page);
  g_object_unref (undo->engine);
  g_object_unref (undo->cancellable);
}

static void
undo_unref (Undo *undo)
{
  g_rc_box_release_full (undo, (GDestroyNotify) undo_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Undo, undo_unref)

static void
add_row (GtkListBox *list, const char *title, const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_append (list, row);
}

/* A value as the plan's changes give it (as a person reads it), quoted as the history quotes
 * text. */
static char *
quoted (const char *value)
{
  if (value == NULL)
    return g_strdup (_ ("(empty)"));
  /* Translators: a text value as the history shows it */
  return g_strdup_printf (_ ("“%s”"), value);
}

/* One row per field that goes back on one side: "city in LeadSquared", "“Pune” → “Mumbai”". */
static guint
add_changes (GtkListBox *list, const LiaisonSyncItem *item)
{
  g_autoptr (GPtrArray) changes = liaison_sync_item_list_updates (item);

  for (guint i = 0; i < changes->len; i++)
    {
      LiaisonSyncChange *c = g_ptr_array_index (changes, i);
      const char *where = c->side == LIAISON_SERVICE_LSQ ? "LeadSquared" : "HighLevel";
      g_autofree char *now = quoted (c->before);
      g_autofree char *back = quoted (c->after);
      /* Translators: a field that an undo puts back, and where: "city in LeadSquared" */
      g_autofree char *title = g_strdup_printf (_ ("%s in %s"), c->field, where);
      /* Translators: a field's value now, the one an undo puts back, and the record's id */
      g_autofree char *subtitle = g_strdup_printf (
          _ ("%s → %s · %s"), now, back, c->side == LIAISON_SERVICE_LSQ ? c->lsq_id : c->ghl_id);

      add_row (list, title, subtitle);
    }
  return changes->len;
}

/* The title of a row for what an undo leaves alone: the field, else what the record is. */
static char *
skip_title (const LiaisonSyncItem *item)
{
  const char *where = item->target == LIAISON_SERVICE_LSQ ? "LeadSquared" : "HighLevel";

  if (item->field != NULL)
    /* Translators: a field an undo does not touch */
    return g_strdup_printf (_ ("%s left alone"), item->field);
  switch (item->record)
    {
      case LIAISON_RECORD_TASK:
        /* Translators: a task a run created, which its undo leaves; %s is the service */
        return g_strdup_printf (_ ("Task in %s left alone"), where);
      case LIAISON_RECORD_NOTE:
        /* Translators: a note a run created, which its undo keeps; %s is the service */
        return g_strdup_printf (_ ("Note in %s left alone"), where);
      case LIAISON_RECORD_APPOINTMENT:
        /* Translators: an appointment a run created, which its undo keeps; %s is the service */
        return g_strdup_printf (_ ("Appointment in %s left alone"), where);
      case LIAISON_RECORD_CONTACT:
      case LIAISON_RECORD_CALENDAR:
      case LIAISON_RECORD_USER:
      case LIAISON_RECORD_FIELD:
      default:
        break;
    }
  if (g_strcmp0 (item->cause, "changed-since") == 0)
    /* Translators: a contact edited since the run an undo takes back (the copy the run made, or
     * its original), so the undo keeps it; %s is the service */
    return g_strdup_printf (_ ("Contact in %s changed since, left alone"), where);
  return g_strdup (_ ("Record left alone"));
}

GtkWidget *
liaison_history_undo_dialog_new (GtkWindow *parent, gint64 run_id, LiaisonSyncPlan *plan)
{
  GPtrArray *items = liaison_sync_plan_get_items (plan);
  GtkListBox *list = GTK_LIST_BOX (gtk_list_box_new ());
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  g_autofree char *run_text = g_strdup_printf ("%" G_GINT64_FORMAT, run_id);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  guint n_back = 0, n_left = 0, n_deleted = 0, n_activities = 0;

  gtk_list_box_set_selection_mode (list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (list), "boxed-list");
  for (guint i = 0; i < items->len; i++)
    {
      LiaisonSyncItem *item = g_ptr_array_index (items, i);

      if (item->kind == LIAISON_SYNC_ITEM_UPDATE)
        n_back += add_changes (list, item);
    }
  for (guint i = 0; i < items->len; i++)
    {
      LiaisonSyncItem *item = g_ptr_array_index (items, i);
      gboolean lsq = item->target == LIAISON_SERVICE_LSQ;
      g_autofree char *title = NULL;

      if (item->kind != LIAISON_SYNC_ITEM_DELETE)
        continue;
      switch (item->record)
        {
          case LIAISON_RECORD_TASK:
            /* Translators: a task a run created as a copy, which its undo deletes; %s is the
             * service */
            title = g_strdup_printf (_ ("Task copy in %s deleted"),
                                     lsq ? "LeadSquared" : "HighLevel");
            break;
          case LIAISON_RECORD_NOTE:
            /* Translators: a note a run created as a copy, which its undo deletes; %s is the
             * service */
            title = g_strdup_printf (_ ("Note copy in %s deleted"),
                                     lsq ? "LeadSquared" : "HighLevel");
            break;
          case LIAISON_RECORD_APPOINTMENT:
            /* Translators: an appointment a run created as a copy, which its undo deletes; %s is
             * the service */
            title = g_strdup_printf (_ ("Appointment copy in %s deleted"),
                                     lsq ? "LeadSquared" : "HighLevel");
            break;
          case LIAISON_RECORD_CONTACT:
          case LIAISON_RECORD_CALENDAR:
          case LIAISON_RECORD_USER:
          case LIAISON_RECORD_FIELD:
          default:
            /* Translators: the copy a run created, which its undo deletes; %s is the service */
            title = g_strdup_printf (_ ("Copy in %s deleted"), lsq ? "LeadSquared" : "HighLevel");
            break;
        }
      add_row (list, title, item->reason ? item->reason : "");
      if (item->record == LIAISON_RECORD_CONTACT)
        n_deleted++;
      else
        n_activities++;
    }
  for (guint i = 0; i < items->len; i++)
    {
      LiaisonSyncItem *item = g_ptr_array_index (items, i);
      g_autofree char *title = NULL;

      if (item->kind != LIAISON_SYNC_ITEM_SKIP)
        continue;
      title = skip_title (item);
      add_row (list, title, item->reason ? item->reason : "");
      n_left++;
    }

  if (n_back > 0 || n_deleted > 0 || n_activities > 0)
    {
      g_autofree char *values = NULL;
      g_autofree char *copies = NULL;
      g_autofree char *others = NULL;
      GPtrArray *parts = g_ptr_array_new ();

      /* Translators: %s is the number of a sync run */
      heading = g_strdup_printf (_ ("Undo Run %s?"), run_text);
      values = g_strdup_printf (
          ngettext ("%u value goes back to what it was before the run, in LeadSquared and "
                    "HighLevel. Fields changed since are left alone, and the next sync writes "
                    "nothing of it.",
                    "%u values go back to what they were before the run, in LeadSquared and "
                    "HighLevel. Fields changed since are left alone, and the next sync writes "
                    "nothing of it.",
                    n_back),
          n_back);
      copies = g_strdup_printf (
          ngettext ("%u contact the run created as a copy is deleted; its original is not "
                    "copied again.",
                    "%u contacts the run created as copies are deleted; their originals are not "
                    "copied again.",
                    n_deleted),
          n_deleted);
      others = g_strdup_printf (
          ngettext ("%u task, note or appointment the run created as a copy is deleted; its "
                    "original is not copied again.",
                    "%u tasks, notes and appointments the run created as copies are deleted; "
                    "their originals are not copied again.",
                    n_activities),
          n_activities);
      if (n_back > 0)
        g_ptr_array_add (parts, values);
      if (n_deleted > 0)
        g_ptr_array_add (parts, copies);
      if (n_activities > 0)
        g_ptr_array_add (parts, others);
      g_ptr_array_add (parts, NULL);
      body = g_strjoinv (" ", (char **) parts->pdata);
      g_ptr_array_unref (parts);
    }
  else
    {
      heading = g_strdup (_ ("Nothing to Undo"));
      body = g_strdup (n_left > 0 ? _ ("Nothing the run changed can be put back:")
                                  : _ ("The run changed no field that an undo can put back."));
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  if (n_back > 0 || n_deleted > 0 || n_activities > 0)
    {
      adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "undo", _ ("_Undo Run"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "undo", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "cancel");
      adw_message_dialog_set_close_response (dialog, "cancel");
    }
  else
    {
      adw_message_dialog_add_response (dialog, "close", _ ("_Close"));
      adw_message_dialog_set_default_response (dialog, "close");
      adw_message_dialog_set_close_response (dialog, "close");
    }
  if (n_back + n_left + n_deleted + n_activities > 0)
    {
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (list));
      adw_message_dialog_set_extra_child (dialog, scrolled);
    }
  else
    {
      g_object_ref_sink (scrolled);
      g_object_unref (scrolled);
      g_object_ref_sink (list);
      g_object_unref (list);
    }
  return GTK_WIDGET (dialog);
}

static void
on_undone (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Undo) undo = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonSyncResult) done
      = liaison_sync_engine_run_finish (LIAISON_SYNC_ENGINE (source), result, &error);
  g_autofree char *run_text = g_strdup_printf ("%" G_GINT64_FORMAT, undo->run_id);
  g_autofree char *said = NULL;

  liaison_history_page_add_busy (undo->page, -1);
  if (g_cancellable_is_cancelled (undo->cancellable))
    return; /* the page is gone */
  if (done == NULL)
    {
      liaison_history_page_toast (undo->page, error->message);
      liaison_history_page_reload (undo->page);
      return;
    }
  if (done->n_failed > 0)
    said = g_strdup_printf (ngettext ("Run %s undone in part: %u write failed; the next sync "
                                      "tries it again",
                                      "Run %s undone in part: %u writes failed; the next sync "
                                      "tries them again",
                                      done->n_failed),
                            run_text, done->n_failed);
  else if (done->n_deleted > 0)
    /* Translators: %s is a run's number, the first %u how many contacts its undo put back,
     * the second how many copies it deleted (the plural follows the second) */
    said = g_strdup_printf (ngettext ("Run %s undone: %u put back, %u copy deleted",
                                      "Run %s undone: %u put back, %u copies deleted",
                                      done->n_deleted),
                            run_text, done->n_updated, done->n_deleted);
  else
    said = g_strdup_printf (ngettext ("Run %s undone: %u contact put back",
                                      "Run %s undone: %u contacts put back", done->n_updated),
                            run_text, done->n_updated);
  liaison_history_page_toast (undo->page, said);
  liaison_history_page_reload (undo->page);
}

static void
on_response (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  Undo *undo = user_data;
  LiaisonSyncOptions options = { 0 };

  if (g_strcmp0 (response, "undo") != 0)
    return;
  options.undo_run = undo->run_id;
  options.trigger = "manual";
  liaison_history_page_add_busy (undo->page, 1);
  liaison_sync_engine_run_async (undo->engine, &options, undo->cancellable, on_undone,
                                 g_rc_box_acquire (undo));
}

static void
on_planned (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Undo) undo = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonSyncResult) planned
      = liaison_sync_engine_run_finish (LIAISON_SYNC_ENGINE (source), result, &error);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (undo->page));
  GtkWidget *dialog;

  liaison_history_page_add_busy (undo->page, -1);
  if (g_cancellable_is_cancelled (undo->cancellable))
    return; /* the page is gone */
  /* The dry run is a run of the history too. */
  liaison_history_page_reload (undo->page);
  if (planned == NULL || planned->plan == NULL)
    {
      if (error != NULL)
        liaison_history_page_toast (undo->page, error->message);
      return;
    }
  if (!gtk_widget_get_mapped (GTK_WIDGET (undo->page)))
    return;
  dialog = liaison_history_undo_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                            undo->run_id, planned->plan);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response), g_steal_pointer (&undo),
                         (GClosureNotify) (void (*) (void)) undo_unref, G_CONNECT_DEFAULT);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
liaison_history_undo_run (LiaisonHistoryPage *page, gint64 run_id)
{
  GCancellable *cancellable = NULL;
  LiaisonSyncEngine *engine = liaison_history_page_get_engine (page, &cancellable);
  LiaisonSyncOptions options = { 0 };
  Undo *undo;

  g_return_if_fail (engine != NULL && run_id > 0);
  undo = g_rc_box_new0 (Undo);
  undo->page = g_object_ref (page);
  undo->engine = g_object_ref (engine);
  undo->cancellable = g_object_ref (cancellable);
  undo->run_id = run_id;
  liaison_history_page_set_undoing (page, TRUE);
  options.dry_run = TRUE;
  options.undo_run = run_id;
  options.trigger = "manual";
  liaison_history_page_add_busy (page, 1);
  liaison_sync_engine_run_async (engine, &options, undo->cancellable, on_planned, undo);
}
