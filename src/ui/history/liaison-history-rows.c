/* liaison-history-rows.c: the History page's rows of runs and operations, and the words they
 * say for triggers, states, durations, counts, values and causes.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-history"

#include <glib/gi18n.h>

#include "liaison-format.h"
#include "liaison-history-page-private.h"
#include "liaison-lazy-widgets.h"
#include "liaison-store-history.h"

const char *
liaison_history_trigger_label (const char *trigger)
{
  if (g_strcmp0 (trigger, "scheduled") == 0)
    return _ ("Schedule");
  if (g_strcmp0 (trigger, "cli") == 0)
    return _ ("Command line");
  if (g_strcmp0 (trigger, "startup") == 0)
    return _ ("At start");
  return _ ("Sync Now");
}

const char *
liaison_history_status_label (const char *status)
{
  if (g_strcmp0 (status, "succeeded") == 0)
    return _ ("Succeeded");
  if (g_strcmp0 (status, "partial") == 0)
    return _ ("Partly done");
  if (g_strcmp0 (status, "failed") == 0)
    return _ ("Failed");
  if (g_strcmp0 (status, "cancelled") == 0)
    return _ ("Cancelled");
  return _ ("Running");
}

char *
liaison_history_format_duration (gint64 ms)
{
  if (ms < 0)
    return g_strdup ("");
  if (ms < 60 * 1000)
    /* Translators: a duration in seconds with one decimal */
    return g_strdup_printf (_ ("%.1f s"), ms / 1000.0);
  /* Translators: a duration in minutes and seconds */
  return g_strdup_printf (_ ("%u min %u s"), (guint) (ms / 60000), (guint) (ms / 1000 % 60));
}

char *
liaison_history_format_counts (const LiaisonStoreRun *run)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (run->n_created)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u created", "%u created", run->n_created),
                                             run->n_created));
  if (run->n_updated)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u updated", "%u updated", run->n_updated),
                                             run->n_updated));
  if (run->n_deleted)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u deleted", "%u deleted", run->n_deleted),
                                             run->n_deleted));
  if (run->n_linked)
    g_ptr_array_add (
        parts, g_strdup_printf (ngettext ("%u linked", "%u linked", run->n_linked), run->n_linked));
  if (run->n_conflicts)
    g_ptr_array_add (parts,
                     g_strdup_printf (ngettext ("%u conflict", "%u conflicts", run->n_conflicts),
                                      run->n_conflicts));
  if (run->n_failed)
    g_ptr_array_add (
        parts, g_strdup_printf (ngettext ("%u error", "%u errors", run->n_failed), run->n_failed));
  if (parts->len == 0)
    return g_strdup (_ ("No changes"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

char *
liaison_history_format_value (const char *json)
{
  gboolean is_text = FALSE;
  g_autofree char *text = liaison_history_value_to_text (json, &is_text);

  if (text == NULL)
    return g_strdup (_ ("(empty)"));
  if (is_text)
    /* Translators: a text value as the history shows it */
    return g_strdup_printf (_ ("“%s”"), text);
  return g_steal_pointer (&text);
}

const char *
liaison_history_cause_label (const char *cause)
{
  static const struct
  {
    const char *code;
    const char *label;
  } causes[] = {
    { "from-lsq", N_ ("Carried from LeadSquared") },
    { "from-ghl", N_ ("Carried from HighLevel") },
    { "undo", N_ ("Undo of an earlier run") },
    { "changed-since", N_ ("Changed since the run undone, so left alone") },
    { "create-kept", N_ ("An undo keeps the records a run created") },
    { "no-delete-api", N_ ("LeadSquared’s API cannot delete a note") },
    { "undo-create", N_ ("A copy the run undone created, deleted by the undo") },
    { "undone", N_ ("Not copied: an undo deleted its copy") },
    { "gone", N_ ("Gone already") },
    { "unlinked", N_ ("No longer linked") },
    { "both-changed", N_ ("Both services changed this field differently") },
    { "ambiguous", N_ ("Several records could be the match") },
    { "ambiguous-settled", N_ ("No longer an ambiguous match") },
    { "matched-email", N_ ("Matched by e-mail address") },
    { "matched-phone", N_ ("Matched by phone number") },
    { "unmappable", N_ ("The value does not fit the other service’s field") },
    { "unreadable", N_ ("The local copy could not be read") },
    { "no-key", N_ ("No e-mail address or phone number to match by") },
    { "no-counterpart", N_ ("The other service has no such record") },
    { "deletes-off", N_ ("Deletes do not travel (Preferences)") },
    { "delete-guard", N_ ("Held back by the mass-delete guard") },
    { "gone-both", N_ ("Deleted in both services") },
    { "duplicate", N_ ("Would duplicate another record") },
    { "kept-apart", N_ ("Kept apart from its match on the Contacts page") },
    { "reconciled", N_ ("Finished after an interrupted run") },
    { "network", N_ ("The network failed") },
    { "timeout", N_ ("The service did not answer in time") },
    { "unauthorized", N_ ("The account needs to be connected again") },
    { "forbidden", N_ ("The account may not do this") },
    { "not-found", N_ ("The record no longer exists there") },
    { "validation", N_ ("The service refused the value") },
    { "rate-limit", N_ ("Too many requests; the next sync retries") },
    { "server", N_ ("The service had an error; the next sync retries") },
    { "protocol", N_ ("The service answered in an unexpected way") },
  };

  if (cause == NULL || *cause == '\0')
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (causes); i++)
    if (g_str_equal (cause, causes[i].code))
      return _ (causes[i].label);
  return cause;
}

char *
liaison_history_run_title (const LiaisonStoreRun *run)
{
  g_autoptr (GDateTime) when = g_date_time_new_from_unix_utc (run->started_at / 1000);
  g_autofree char *time = liaison_format_date_time (when);

  if (run->dry_run)
    /* Translators: a run's title; %s is its date and time */
    return g_strdup_printf (_ ("Dry run, %s"), time);
  if (g_strcmp0 (run->cause, "undo") == 0)
    /* Translators: a run's title; %s is its date and time */
    return g_strdup_printf (_ ("Undo, %s"), time);
  return g_steal_pointer (&time);
}

static const char *
status_icon (const char *status)
{
  if (g_strcmp0 (status, "succeeded") == 0)
    return "emblem-ok-symbolic";
  if (g_strcmp0 (status, "running") == 0)
    return "emblem-synchronizing-symbolic";
  if (g_strcmp0 (status, "partial") == 0)
    return "dialog-warning-symbolic";
  return "dialog-error-symbolic";
}

GtkWidget *
liaison_history_run_row_new (const LiaisonStoreRun *run)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  if (run == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ ("All Runs"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _ ("Every change, newest first"));
      icon = gtk_image_new_from_icon_name ("view-list-symbolic");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      g_object_set_data (G_OBJECT (row), "run-id", GINT_TO_POINTER (0));
      return row;
    }
  {
    g_autofree char *duration = liaison_history_format_duration (
        run->finished_at > 0 ? run->finished_at - run->started_at : -1);
    g_autofree char *counts = liaison_history_format_counts (run);

    title = liaison_history_run_title (run);
    if (*duration != '\0')
      subtitle = g_strdup_printf ("%s · %s · %s\n%s", liaison_history_trigger_label (run->trigger),
                                  liaison_history_status_label (run->status), duration, counts);
    else
      subtitle = g_strdup_printf ("%s · %s\n%s", liaison_history_trigger_label (run->trigger),
                                  liaison_history_status_label (run->status), counts);
  }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  icon = gtk_image_new_from_icon_name (status_icon (run->status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  liaison_history_status_label (run->status), -1);
  if (g_strcmp0 (run->status, "failed") == 0 || g_strcmp0 (run->status, "cancelled") == 0)
    gtk_widget_add_css_class (icon, "error");
  else if (g_strcmp0 (run->status, "partial") == 0)
    gtk_widget_add_css_class (icon, "warning");
  else
    gtk_widget_add_css_class (icon, "success");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  g_object_set_data (G_OBJECT (row), "run-id", GSIZE_TO_POINTER ((gsize) run->id));
  return row;
}

static const char *
action_label (LiaisonOperationAction action)
{
  switch (action)
    {
      case LIAISON_OPERATION_CREATE:
        return _ ("Created");
      case LIAISON_OPERATION_UPDATE:
        return _ ("Updated");
      case LIAISON_OPERATION_DELETE:
        return _ ("Deleted");
      case LIAISON_OPERATION_LINK:
        return _ ("Linked");
      case LIAISON_OPERATION_UNLINK:
        return _ ("Unlinked");
      case LIAISON_OPERATION_CONFLICT:
        return _ ("Conflict");
      case LIAISON_OPERATION_SKIP:
      default:
        return _ ("Skipped");
    }
}

static GtkWidget *
filter_menu (const LiaisonStoreOperation *op)
{
  g_autoptr (GMenu) menu = g_menu_new ();
  const char *contact = op->service == LIAISON_SERVICE_GHL && op->ghl_id ? op->ghl_id : op->lsq_id;
  GtkWidget *button;

  if (contact != NULL)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (_ ("Only This _Contact"), NULL);

      g_menu_item_set_action_and_target_value (item, "history.only-contact",
                                               g_variant_new_string (contact));
      g_menu_append_item (menu, item);
    }
  if (op->field != NULL)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (_ ("Only This _Field"), NULL);

      g_menu_item_set_action_and_target_value (item, "history.only-field",
                                               g_variant_new_string (op->field));
      g_menu_append_item (menu, item);
    }
  if (g_menu_model_get_n_items (G_MENU_MODEL (menu)) == 0)
    return NULL;
  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  liaison_menu_button_set_menu_later (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  liaison_set_tooltip (button, _ ("Filter by This Change"));
  gtk_widget_add_css_class (button, "flat");
  return button;
}

GtkWidget *
liaison_history_operation_row_new (const LiaisonStoreOperation *op)
{
  GtkWidget *row = adw_action_row_new ();
  const char *side = op->service == LIAISON_SERVICE_GHL ? "HighLevel" : "LeadSquared";
  const char *cause = liaison_history_cause_label (op->cause);
  g_autoptr (GString) subtitle = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *when = liaison_format_time_ms (op->at);
  GtkWidget *result, *menu;
  gboolean conflict = op->action == LIAISON_OPERATION_CONFLICT;

  if (conflict && op->field != NULL)
    /* Translators: an operation's title; %s is a field's key */
    title = g_strdup_printf (_ ("Conflict on %s"), op->field);
  else if (conflict)
    title = g_strdup (_ ("Ambiguous match"));
  else if (op->field != NULL)
    /* Translators: an operation's title: what was done, to which field, where */
    title = g_strdup_printf (_ ("%s %s in %s"), action_label (op->action), op->field, side);
  else
    /* Translators: an operation's title: what was done, where */
    title = g_strdup_printf (_ ("%s in %s"), action_label (op->action), side);
  if (conflict && op->field != NULL)
    {
      g_autofree char *lsq = liaison_history_format_value (op->before);
      g_autofree char *ghl = liaison_history_format_value (op->after);

      /* Translators: the two values of a conflict */
      g_string_append_printf (subtitle, _ ("LeadSquared %s, HighLevel %s\n"), lsq, ghl);
    }
  else if (!conflict && (op->before != NULL || op->after != NULL))
    {
      g_autofree char *before = liaison_history_format_value (op->before);
      g_autofree char *after = liaison_history_format_value (op->after);

      if (op->action == LIAISON_OPERATION_UPDATE || op->before != NULL)
        g_string_append_printf (subtitle, "%s → %s\n", before, after);
    }
  if (op->error != NULL)
    g_string_append_printf (subtitle, "%s\n", op->error);
  if (cause != NULL)
    g_string_append_printf (subtitle, "%s · ", cause);
  g_string_append_printf (subtitle, "%s%s%s · %s", op->lsq_id ? op->lsq_id : "",
                          op->lsq_id && op->ghl_id ? " ↔ " : "", op->ghl_id ? op->ghl_id : "",
                          when);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);

  result = gtk_label_new (op->status == LIAISON_OPERATION_APPLIED   ? _ ("Applied")
                          : op->status == LIAISON_OPERATION_FAILED  ? _ ("Failed")
                          : op->status == LIAISON_OPERATION_PLANNED ? _ ("Planned")
                          : conflict                                ? _ ("To review")
                                                                    : _ ("Not done"));
  gtk_widget_set_valign (result, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (result, "caption-heading");
  gtk_widget_add_css_class (result, op->status == LIAISON_OPERATION_FAILED    ? "error"
                                    : op->status == LIAISON_OPERATION_APPLIED ? "success"
                                                                              : "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), result);
  menu = filter_menu (op);
  if (menu != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), menu);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

void
liaison_history_set_chip (GtkWidget *chip, AdwButtonContent *content, const char *format,
                          const char *value)
{
  g_autofree char *label = NULL;

  gtk_widget_set_visible (chip, value != NULL);
  if (value == NULL)
    return;
  label = g_strdup_printf (format, value);
  adw_button_content_set_label (content, label);
}

char *
liaison_history_run_summary (const LiaisonStoreRun *run)
{
  GString *summary = g_string_new (NULL);
  g_autofree char *duration = liaison_history_format_duration (
      run->finished_at > 0 ? run->finished_at - run->started_at : -1);
  g_autofree char *counts = liaison_history_format_counts (run);

  g_string_append_printf (summary, "%s · %s", liaison_history_trigger_label (run->trigger),
                          liaison_history_status_label (run->status));
  if (*duration != '\0')
    g_string_append_printf (summary, " · %s", duration);
  /* Translators: API requests of a run, LeadSquared then HighLevel */
  g_string_append_printf (summary, _ (" · %u + %u requests"), run->lsq_requests, run->ghl_requests);
  g_string_append_printf (summary, "\n%s", counts);
  if (run->error != NULL)
    g_string_append_printf (summary, "\n%s", run->error);
  return g_string_free (summary, FALSE);
}
