/* liaison-conflicts-page-answers.c: the Conflicts page's answers. Every answer goes through the
 * conflict list to the store; the next sync writes it to both services, or "Apply Now" syncs at
 * once. Until then the row says what was chosen. A selection's answer, and a link or Keep Apart
 * of an ambiguous match, are announced in a toast with Undo.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-conflicts"

#include <glib/gi18n.h>

#include "liaison-conflicts-page-private.h"

#define toast(self, message) liaison_conflicts_page_toast (self, message, NULL)

/* ---- one conflict ---- */

typedef struct
{
  LiaisonConflictsPage *page;
  LiaisonConflictRow *row;
} Answer;

static void
on_resolved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Answer *answer = user_data;
  g_autoptr (GError) error = NULL;

  if (!liaison_conflict_list_resolve_finish (LIAISON_CONFLICT_LIST (source), result, &error))
    {
      g_autofree char *text
          = g_strdup_printf (_ ("Your answer could not be saved: %s"), error->message);
      toast (answer->page, text);
    }
  liaison_conflict_row_set_busy (answer->row, FALSE);
  g_object_unref (answer->row);
  g_object_unref (answer->page);
  g_free (answer);
}

static void
resolve (LiaisonConflictsPage *self, LiaisonConflictRow *row, const char *resolution,
         const char *text)
{
  Answer *answer;

  if (self->model == NULL)
    return;
  answer = g_new0 (Answer, 1);
  answer->page = g_object_ref (self);
  answer->row = g_object_ref (row);
  liaison_conflict_row_set_busy (row, TRUE);
  liaison_conflict_list_resolve_async (self->model, liaison_conflict_row_get_item (row), resolution,
                                       text, NULL, on_resolved, answer);
}

static void
on_edit_response (AdwMessageDialog *dialog, const char *response, LiaisonConflictsPage *self)
{
  LiaisonConflictRow *row = g_object_get_data (G_OBJECT (dialog), "row");
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  if (g_strcmp0 (response, "use") == 0)
    resolve (self, row, "edited", gtk_editable_get_text (entry));
}

static void
edit_value (LiaisonConflictsPage *self, LiaisonConflictRow *row)
{
  LiaisonConflictItem *item = liaison_conflict_row_get_item (row);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *lsq = liaison_conflict_item_get_value (item, LIAISON_SERVICE_LSQ);
  g_autofree char *start = lsq ? liaison_conflict_value_text (lsq) : NULL;
  GtkWidget *entry = gtk_entry_new ();
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _ ("Value for Both Services"), NULL));
  adw_message_dialog_format_body (
      dialog,
      _ ("%s of %s: this value is written to LeadSquared and to HighLevel by the next sync."),
      liaison_conflict_field_label (liaison_conflict_item_get_field (item)),
      liaison_conflict_item_get_title (item));
  if (start != NULL && lsq != NULL && g_strcmp0 (lsq, "null") != 0)
    gtk_editable_set_text (GTK_EDITABLE (entry), start);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (
      GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
      liaison_conflict_field_label (liaison_conflict_item_get_field (item)), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "use", _ ("_Use This Value"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "use", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "use");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "row", g_object_ref (row), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_edit_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

void
liaison_conflicts_page_on_row_choose (LiaisonConflictRow *row, const char *choice,
                                      LiaisonConflictsPage *self)
{
  if (g_strcmp0 (choice, "edit") == 0)
    edit_value (self, row);
  else
    resolve (self, row, choice, NULL);
}

/* ---- all of them ---- */

static void
on_all_resolved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonConflictsPage) self = user_data;
  g_autoptr (GError) error = NULL;

  liaison_conflict_list_resolve_all_finish (LIAISON_CONFLICT_LIST (source), result, &error);
  gtk_widget_set_sensitive (self->all_box, TRUE);
  if (error != NULL)
    {
      g_autofree char *text
          = g_strdup_printf (_ ("Not every answer could be saved: %s"), error->message);
      toast (self, text);
    }
}

static void
on_take_all_response (AdwMessageDialog *dialog, const char *response, LiaisonConflictsPage *self)
{
  if (self->model == NULL || g_strcmp0 (response, "take") != 0)
    return;
  gtk_widget_set_sensitive (self->all_box, FALSE);
  liaison_conflict_list_resolve_all_async (self->model,
                                           g_object_get_data (G_OBJECT (dialog), "side"), NULL,
                                           on_all_resolved, g_object_ref (self));
}

/* For all: asked first, since the other side's values are overwritten. */
static void
take_all_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonConflictsPage *self = LIAISON_CONFLICTS_PAGE (widget);
  const char *side = g_variant_get_string (parameter, NULL);
  gboolean lsq = g_strcmp0 (side, "lsq") == 0;
  /* The store's count: those not read yet are answered too. */
  guint n = self->model ? liaison_conflict_list_get_n_open_fields (self->model) : 0;
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (n == 0 || (!lsq && g_strcmp0 (side, "ghl") != 0))
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
      lsq ? _ ("Take LeadSquared’s Values?") : _ ("Take HighLevel’s Values?"), NULL));
  body = g_strdup_printf (
      lsq ? ngettext ("The next sync writes LeadSquared’s value of %u field to HighLevel, "
                      "replacing HighLevel’s.",
                      "The next sync writes LeadSquared’s values of %u fields to HighLevel, "
                      "replacing HighLevel’s.",
                      n)
          : ngettext ("The next sync writes HighLevel’s value of %u field to LeadSquared, "
                      "replacing LeadSquared’s.",
                      "The next sync writes HighLevel’s values of %u fields to LeadSquared, "
                      "replacing LeadSquared’s.",
                      n),
      n);
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "take",
                                    lsq ? _ ("_Take LeadSquared") : _ ("_Take HighLevel"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "take", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "side", lsq ? (gpointer) "lsq" : (gpointer) "ghl");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_take_all_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- a field's policy ---- */

static void
on_always_taken (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonConflictsPage) self = user_data;
  g_autoptr (GError) error = NULL;

  liaison_conflict_list_always_take_finish (LIAISON_CONFLICT_LIST (source), result, &error);
  if (error != NULL)
    toast (self, error->message);
}

static void
on_always_response (AdwMessageDialog *dialog, const char *response, LiaisonConflictsPage *self)
{
  if (self->model == NULL || g_strcmp0 (response, "always") != 0)
    return;
  liaison_conflict_list_always_take_async (
      self->model, g_object_get_data (G_OBJECT (dialog), "field"),
      g_object_get_data (G_OBJECT (dialog), "side"), NULL, on_always_taken, g_object_ref (self));
}

/* Always take one side for a field: the field's conflict policy, asked first. */
static void
always_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonConflictsPage *self = LIAISON_CONFLICTS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *side = NULL, *field = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  const char *label;
  gboolean lsq;
  AdwMessageDialog *dialog;

  g_variant_get (parameter, "(&s&s)", &side, &field);
  lsq = g_strcmp0 (side, "lsq") == 0;
  if (self->model == NULL || (!lsq && g_strcmp0 (side, "ghl") != 0))
    return;
  label = liaison_conflict_field_label (field);
  heading = g_strdup_printf (
      lsq ? _ ("Always Take LeadSquared for %s?") : _ ("Always Take HighLevel for %s?"), label);
  body = g_strdup_printf (
      lsq ? _ ("From now on, when both services change %s of a contact, LeadSquared’s value is "
               "kept and written to HighLevel, without asking. The open conflicts of this field "
               "are answered the same way. The Field Mapping page can change it back.")
          : _ ("From now on, when both services change %s of a contact, HighLevel’s value is "
               "kept and written to LeadSquared, without asking. The open conflicts of this field "
               "are answered the same way. The Field Mapping page can change it back."),
      label);
  dialog = ADW_MESSAGE_DIALOG (
      adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body));
  adw_message_dialog_add_responses (
      dialog, "cancel", _ ("_Cancel"), "always",
      lsq ? _ ("_Always Take LeadSquared") : _ ("_Always Take HighLevel"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "always", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "side", lsq ? (gpointer) "lsq" : (gpointer) "ghl");
  g_object_set_data_full (G_OBJECT (dialog), "field", g_strdup (field), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_always_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- a selection ---- */

void
liaison_conflicts_undo_free (LiaisonConflictsUndo *undo)
{
  if (undo == NULL)
    return;
  g_clear_pointer (&undo->ids, g_array_unref);
  g_clear_pointer (&undo->pairs, g_ptr_array_unref);
  g_free (undo);
}

static LiaisonConflictsUndo *
undo_new (gint64 conflict_id)
{
  LiaisonConflictsUndo *undo = g_new0 (LiaisonConflictsUndo, 1);

  undo->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (conflict_id > 0)
    g_array_append_val (undo->ids, conflict_id);
  return undo;
}

static void
on_selection_resolved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonConflictsPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids
      = g_async_result_is_tagged (result, liaison_conflict_list_resolve_all_except_async)
            ? liaison_conflict_list_resolve_all_except_finish (LIAISON_CONFLICT_LIST (source),
                                                               result, &error)
            : liaison_conflict_list_resolve_items_finish (LIAISON_CONFLICT_LIST (source), result,
                                                          &error);
  const char *side = g_object_get_data (G_OBJECT (self), "selection-side");
  g_autofree char *text = NULL;
  LiaisonConflictsUndo *undo;

  self->answering = FALSE;
  if (ids == NULL)
    {
      text = g_strdup_printf (_ ("Your answers could not be saved, none of them: %s"),
                              error->message);
      toast (self, text);
      liaison_conflicts_page_update_selection (self);
      return;
    }
  text = g_strdup_printf (
      g_strcmp0 (side, "lsq") == 0
          ? ngettext ("LeadSquared’s value kept for %u field; the next sync writes it to "
                      "HighLevel.",
                      "LeadSquared’s values kept for %u fields; the next sync writes them to "
                      "HighLevel.",
                      ids->len)
          : ngettext ("HighLevel’s value kept for %u field; the next sync writes it to "
                      "LeadSquared.",
                      "HighLevel’s values kept for %u fields; the next sync writes them to "
                      "LeadSquared.",
                      ids->len),
      ids->len);
  undo = undo_new (0);
  g_array_append_vals (undo->ids, ids->data, ids->len);
  g_hash_table_remove_all (self->selected);
  liaison_conflicts_page_set_selection_mode (self, FALSE);
  liaison_conflicts_page_toast (self, text, ids->len > 0 ? undo : NULL);
  if (ids->len == 0)
    liaison_conflicts_undo_free (undo);
}

/* Take one side for the selection: one transaction, undone by the toast. */
static void
take_selected_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonConflictsPage *self = LIAISON_CONFLICTS_PAGE (widget);
  const char *side = g_variant_get_string (parameter, NULL);
  g_autoptr (GPtrArray) items = NULL;

  if (self->model == NULL || self->answering
      || (g_strcmp0 (side, "lsq") != 0 && g_strcmp0 (side, "ghl") != 0))
    return;
  if (liaison_conflicts_page_count_selected (self) == 0)
    return;
  self->answering = TRUE;
  g_object_set_data (G_OBJECT (self), "selection-side",
                     g_str_equal (side, "lsq") ? (gpointer) "lsq" : (gpointer) "ghl");
  liaison_conflicts_page_update_selection (self);
  if (self->all_selected)
    {
      /* Those not read yet too, in the store; but the ones unticked. */
      g_autoptr (GArray) except = g_array_new (FALSE, FALSE, sizeof (gint64));
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, self->selected);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_array_append_val (except, *(gint64 *) key);
      liaison_conflict_list_resolve_all_except_async (self->model, side, except, NULL,
                                                      on_selection_resolved, g_object_ref (self));
      return;
    }
  items = liaison_conflicts_page_selected_items (self);
  liaison_conflict_list_resolve_items_async (self->model, items, side, NULL, on_selection_resolved,
                                             g_object_ref (self));
}

/* ---- an ambiguous match ---- */

static void
on_linked (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonConflictsUndo *undo = user_data;
  LiaisonConflictsPage *self = g_object_get_data (G_OBJECT (source), "answering-page");
  g_autoptr (GError) error = NULL;
  gint64 link_id = liaison_conflict_list_link_candidate_finish (LIAISON_CONFLICT_LIST (source),
                                                                result, &error);
  g_autofree char *text = NULL;

  if (link_id == 0 && error != NULL)
    {
      text = g_strdup_printf (_ ("The contacts could not be linked: %s"), error->message);
      liaison_conflicts_undo_free (undo);
      if (self != NULL)
        toast (self, text);
      return;
    }
  undo->link_id = link_id;
  if (self == NULL)
    {
      liaison_conflicts_undo_free (undo);
      return;
    }
  /* A link made whose conflict could not be closed still reached the store: say both. */
  text = error != NULL ? g_strdup (error->message)
                       : g_strdup (_ ("Contacts linked; the next sync brings them in step."));
  liaison_conflicts_page_toast (self, text, undo);
}

static void
link_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonConflictsPage *self = LIAISON_CONFLICTS_PAGE (widget);
  const char *lsq_id = NULL, *ghl_id = NULL;
  gint64 id = 0;
  LiaisonConflictItem *item;

  g_variant_get (parameter, "(x&s&s)", &id, &lsq_id, &ghl_id);
  item = liaison_conflicts_page_find_item (self, id);
  if (item == NULL || liaison_conflict_item_get_kind (item) != LIAISON_CONFLICT_AMBIGUOUS)
    return;
  /* The callbacks find the page through the model, for as long as the model is the page's. */
  g_object_set_data (G_OBJECT (self->model), "answering-page", self);
  liaison_conflict_list_link_candidate_async (self->model, item, lsq_id, ghl_id, NULL, on_linked,
                                              undo_new (id));
}

static void
on_kept_apart (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonConflictsUndo *undo = user_data;
  LiaisonConflictsPage *self = g_object_get_data (G_OBJECT (source), "answering-page");
  g_autoptr (GError) error = NULL;
  GPtrArray *pairs
      = liaison_conflict_list_keep_apart_finish (LIAISON_CONFLICT_LIST (source), result, &error);

  if (pairs == NULL || self == NULL)
    {
      g_autofree char *text = g_strdup_printf (_ ("The contacts could not be kept apart: %s"),
                                               error ? error->message : "");

      liaison_conflicts_undo_free (undo);
      g_clear_pointer (&pairs, g_ptr_array_unref);
      if (self != NULL)
        toast (self, text);
      return;
    }
  undo->pairs = pairs;
  liaison_conflicts_page_toast (
      self, _ ("Contacts kept apart; syncs neither match them nor copy them to the other service."),
      undo);
}

static void
keep_apart_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonConflictsPage *self = LIAISON_CONFLICTS_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  LiaisonConflictItem *item = liaison_conflicts_page_find_item (self, id);

  if (item == NULL || liaison_conflict_item_get_kind (item) != LIAISON_CONFLICT_AMBIGUOUS)
    return;
  g_object_set_data (G_OBJECT (self->model), "answering-page", self);
  liaison_conflict_list_keep_apart_async (self->model, item, NULL, on_kept_apart, undo_new (id));
}

/* ---- Undo ---- */

static void
on_undone (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonConflictsPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (g_task_get_source_tag (G_TASK (result)) == liaison_conflict_list_reopen_async)
    liaison_conflict_list_reopen_finish (LIAISON_CONFLICT_LIST (source), result, &error);
  else
    liaison_conflict_list_undo_finish (LIAISON_CONFLICT_LIST (source), result, &error);
  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_ ("Could not undo: %s"), error->message);
      toast (self, text);
    }
}

/* Takes back the last answer a toast announced. */
static void
undo_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonConflictsPage *self = LIAISON_CONFLICTS_PAGE (widget);
  g_autoptr (LiaisonConflictsUndo) undo = g_steal_pointer (&self->undo);

  gtk_widget_action_set_enabled (widget, "conflicts.undo", FALSE);
  if (undo == NULL || self->model == NULL || undo->ids->len == 0)
    return;
  if (undo->link_id > 0)
    liaison_conflict_list_undo_link_async (self->model, g_array_index (undo->ids, gint64, 0),
                                           undo->link_id, NULL, on_undone, g_object_ref (self));
  else if (undo->pairs != NULL)
    liaison_conflict_list_undo_keep_apart_async (self->model, g_array_index (undo->ids, gint64, 0),
                                                 undo->pairs, NULL, on_undone, g_object_ref (self));
  else
    liaison_conflict_list_reopen_async (self->model, undo->ids, NULL, on_undone,
                                        g_object_ref (self));
}

static void
on_toast_undo (AdwToast *toast, LiaisonConflictsPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "conflicts.undo", NULL);
}

static void
on_toast_dismissed (AdwToast *toast, LiaisonConflictsPage *self)
{
  g_autoptr (AdwToast) current = g_weak_ref_get (&self->undo_toast);

  /* Undo lasts as long as its toast; a later toast takes its place. */
  if (current == toast)
    {
      g_clear_pointer (&self->undo, liaison_conflicts_undo_free);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflicts.undo", FALSE);
      g_weak_ref_set (&self->undo_toast, NULL);
    }
}

void
liaison_conflicts_page_toast (LiaisonConflictsPage *self, const char *message,
                              LiaisonConflictsUndo *undo)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *markup = g_markup_escape_text (message, -1);
  AdwToast *t;

  g_message ("%s", message);
  if (undo != NULL)
    {
      liaison_conflicts_undo_free (self->undo);
      self->undo = undo;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflicts.undo", TRUE);
    }
  if (overlay == NULL)
    return;
  t = adw_toast_new (markup);
  if (undo != NULL)
    {
      g_autoptr (AdwToast) previous = g_weak_ref_get (&self->undo_toast);

      /* Its Undo is gone already: the new answer's took its place. */
      if (previous != NULL)
        {
          g_weak_ref_set (&self->undo_toast, NULL);
          adw_toast_dismiss (previous);
        }
      adw_toast_set_button_label (t, _ ("_Undo"));
      adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
      g_signal_connect_object (t, "button-clicked", G_CALLBACK (on_toast_undo), self, 0);
      g_signal_connect_object (t, "dismissed", G_CALLBACK (on_toast_dismissed), self, 0);
      g_weak_ref_set (&self->undo_toast, t);
    }
  else
    adw_toast_set_timeout (t, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), t);
}

void
liaison_conflicts_page_install_answers (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "conflicts.take-all", "s", take_all_action);
  gtk_widget_class_install_action (widget_class, "conflicts.always", "(ss)", always_action);
  gtk_widget_class_install_action (widget_class, "conflicts.take-selected", "s",
                                   take_selected_action);
  gtk_widget_class_install_action (widget_class, "conflicts.link", "(xss)", link_action);
  gtk_widget_class_install_action (widget_class, "conflicts.keep-apart", "x", keep_apart_action);
  gtk_widget_class_install_action (widget_class, "conflicts.undo", NULL, undo_action);
}
