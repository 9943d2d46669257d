/* liaison-conflicts-page.c: LiaisonConflictsPage. Every answer goes through the conflict list
 * to the store (liaison_store_resolve_conflict_async); the next sync writes it to both services,
 * or "Apply Now" syncs at once. Until then the row says what was chosen.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-conflicts"

#include <glib/gi18n.h>

#include "liaison-conflict-row.h"
#include "liaison-conflicts-page.h"

struct _LiaisonConflictsPage
{
  AdwBin parent_instance;

  LiaisonConflictList *model;
  LiaisonSyncScheduler *scheduler;

  GtkStack *stack;
  AdwStatusPage *empty_page;
  AdwStatusPage *error_page;
  GtkLabel *summary_label;
  GtkButton *apply_button;
  GtkWidget *all_box;
  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (LiaisonConflictsPage, liaison_conflicts_page, ADW_TYPE_BIN)

static void
toast (LiaisonConflictsPage *self, const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *t;

  g_message ("%s", message);
  if (overlay == NULL)
    return;
  t = adw_toast_new (message);
  adw_toast_set_timeout (t, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), t);
}

static void
update_view (LiaisonConflictsPage *self)
{
  guint n_items = self->model ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  guint n_open = self->model ? liaison_conflict_list_get_n_open (self->model) : 0;
  guint n_answered = n_items - n_open;
  g_autofree char *summary = NULL;
  gboolean running = self->scheduler && liaison_sync_scheduler_get_running (self->scheduler);

  if (self->model == NULL)
    {
      adw_status_page_set_description (
          self->empty_page, _ ("When both services change the same field of a contact, Liaison "
                               "will ask you here which value to keep, field by field. Connect "
                               "LeadSquared and HighLevel in Accounts to start."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  if (liaison_conflict_list_get_error (self->model) != NULL && n_items == 0)
    {
      g_autofree char *text = g_strdup_printf (
          _ ("%s. Check that your home folder can be read and has free space, then try again."),
          liaison_conflict_list_get_error (self->model));
      adw_status_page_set_description (self->error_page, text);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  if (!liaison_conflict_list_get_loaded (self->model))
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      return;
    }
  if (n_items == 0)
    {
      adw_status_page_set_description (
          self->empty_page,
          _ ("Nothing waits for your answer. When both services change the same field of a contact "
             "between two syncs, Liaison keeps both values and asks you here which one to keep."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  if (n_open > 0)
    summary = g_strdup_printf (ngettext ("%u field waits for your answer. Until you choose, each "
                                         "service keeps its own value; your choice reaches both "
                                         "with the next sync.",
                                         "%u fields wait for your answer. Until you choose, each "
                                         "service keeps its own value; your choice reaches both "
                                         "with the next sync.",
                                         n_open),
                               n_open);
  else
    summary = g_strdup_printf (ngettext ("%u answer waits for the next sync, which writes it to "
                                         "both services.",
                                         "%u answers wait for the next sync, which writes them to "
                                         "both services.",
                                         n_answered),
                               n_answered);
  gtk_label_set_label (self->summary_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->apply_button),
                          self->scheduler != NULL && n_answered > 0);
  gtk_widget_set_visible (self->all_box, n_open > 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflicts.apply", !running);
  gtk_stack_set_visible_child_name (self->stack, "list");
}

/* ---- answers ---- */

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

static void
on_row_choose (LiaisonConflictRow *row, const char *choice, LiaisonConflictsPage *self)
{
  if (g_strcmp0 (choice, "edit") == 0)
    edit_value (self, row);
  else
    resolve (self, row, choice, NULL);
}

static GtkWidget *
create_row (gpointer item, gpointer user_data)
{
  GtkWidget *row = liaison_conflict_row_new (item);

  g_signal_connect_object (row, "choose", G_CALLBACK (on_row_choose), user_data, 0);
  return row;
}

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
  guint n = self->model ? liaison_conflict_list_get_n_open (self->model) : 0;
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

/* Conflicts come oldest first, so a contact's fields usually follow each other: the contact
 * heads the first of them only, which groups them. */
static void
group_rows (GtkListBoxRow *row, GtkListBoxRow *before, gpointer user_data)
{
  LiaisonConflictItem *item, *previous;
  gboolean grouped;

  if (!LIAISON_IS_CONFLICT_ROW (row))
    return;
  item = liaison_conflict_row_get_item (LIAISON_CONFLICT_ROW (row));
  previous = LIAISON_IS_CONFLICT_ROW (before)
                 ? liaison_conflict_row_get_item (LIAISON_CONFLICT_ROW (before))
                 : NULL;
  grouped = previous != NULL && liaison_conflict_item_get_kind (item) == LIAISON_CONFLICT_FIELD
            && liaison_conflict_item_get_kind (previous) == LIAISON_CONFLICT_FIELD
            && g_strcmp0 (liaison_conflict_item_get_lsq_id (item),
                          liaison_conflict_item_get_lsq_id (previous))
                   == 0
            && g_strcmp0 (liaison_conflict_item_get_ghl_id (item),
                          liaison_conflict_item_get_ghl_id (previous))
                   == 0;
  liaison_conflict_row_set_grouped (LIAISON_CONFLICT_ROW (row), grouped);
  /* No line between the fields of one contact (style.css). */
  if (before != NULL && grouped)
    gtk_widget_add_css_class (GTK_WIDGET (before), "same-contact-follows");
  else if (before != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (before), "same-contact-follows");
}

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

/* ---- actions ---- */

static void
reload_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonConflictsPage *self = LIAISON_CONFLICTS_PAGE (widget);

  if (self->model != NULL)
    liaison_conflict_list_reload (self->model);
}

static void
apply_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonConflictsPage *self = LIAISON_CONFLICTS_PAGE (widget);
  g_autoptr (GError) error = NULL;

  if (self->scheduler != NULL && !liaison_sync_scheduler_sync_now (self->scheduler, &error))
    toast (self, error->message);
}

/* ---- setup ---- */

static void
on_model_changed (LiaisonConflictsPage *self)
{
  update_view (self);
}

void
liaison_conflicts_page_set_store (LiaisonConflictsPage *self, LiaisonStore *store)
{
  g_return_if_fail (LIAISON_IS_CONFLICTS_PAGE (self));

  if (self->model != NULL && liaison_conflict_list_get_store (self->model) == store)
    return;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  if (store != NULL)
    {
      self->model = liaison_conflict_list_new (store);
      g_signal_connect_object (self->model, "items-changed", G_CALLBACK (on_model_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->model, "notify", G_CALLBACK (on_model_changed), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->model), create_row, self, NULL);
  update_view (self);
}

LiaisonConflictList *
liaison_conflicts_page_get_model (LiaisonConflictsPage *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICTS_PAGE (self), NULL);
  return self->model;
}

void
liaison_conflicts_page_set_scheduler (LiaisonConflictsPage *self, LiaisonSyncScheduler *scheduler)
{
  g_return_if_fail (LIAISON_IS_CONFLICTS_PAGE (self));

  if (self->scheduler != NULL)
    g_signal_handlers_disconnect_by_data (self->scheduler, self);
  g_set_object (&self->scheduler, scheduler);
  if (scheduler != NULL)
    g_signal_connect_object (scheduler, "notify::running", G_CALLBACK (on_model_changed), self,
                             G_CONNECT_SWAPPED);
  update_view (self);
}

/* Shown again: read again, for what the systemd timer's runs parked or wrote meanwhile. */
static void
liaison_conflicts_page_map (GtkWidget *widget)
{
  LiaisonConflictsPage *self = LIAISON_CONFLICTS_PAGE (widget);

  GTK_WIDGET_CLASS (liaison_conflicts_page_parent_class)->map (widget);
  if (self->model != NULL && liaison_conflict_list_get_loaded (self->model))
    liaison_conflict_list_reload (self->model);
}

static void
liaison_conflicts_page_dispose (GObject *object)
{
  LiaisonConflictsPage *self = LIAISON_CONFLICTS_PAGE (object);

  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  self->list = NULL;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  if (self->scheduler != NULL)
    g_signal_handlers_disconnect_by_data (self->scheduler, self);
  g_clear_object (&self->scheduler);
  /* AdwBin unparents its child, the template's stack, itself. */
  G_OBJECT_CLASS (liaison_conflicts_page_parent_class)->dispose (object);
}

static void
liaison_conflicts_page_class_init (LiaisonConflictsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_conflicts_page_dispose;
  widget_class->map = liaison_conflicts_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/liaison-conflicts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonConflictsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConflictsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConflictsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConflictsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConflictsPage, apply_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConflictsPage, all_box);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConflictsPage, list);
  gtk_widget_class_install_action (widget_class, "conflicts.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "conflicts.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "conflicts.take-all", "s", take_all_action);
  gtk_widget_class_install_action (widget_class, "conflicts.always", "(ss)", always_action);
}

static void
liaison_conflicts_page_init (LiaisonConflictsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_header_func (self->list, group_rows, NULL, NULL);
  update_view (self);
}
