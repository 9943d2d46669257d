/* liaison-conflicts-page.c: LiaisonConflictsPage, the view: the summary, the list (a GtkListView
 * over the conflict list, so that only the rows on screen are built, however many conflicts
 * wait) and selection mode. The answers are in liaison-conflicts-page-answers.c.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-conflicts"

#include <glib/gi18n.h>

#include "liaison-conflicts-page-private.h"

enum
{
  PROP_0,
  PROP_SELECTION_MODE,
  PROP_SELECTION_TITLE,
  PROP_CAN_SELECT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonConflictsPage, liaison_conflicts_page, ADW_TYPE_BIN)

/* What waits: fields both services changed, and ambiguous matches (a contact that matches
 * more than one), each said for what it is. */
static char *
open_summary (guint n_fields, guint n_matches)
{
  g_autofree char *fields = NULL;
  g_autofree char *matches = NULL;

  if (n_matches == 0)
    return g_strdup_printf (ngettext ("%u field waits for your answer. Until you choose, each "
                                      "service keeps its own value; your choice reaches both "
                                      "with the next sync.",
                                      "%u fields wait for your answer. Until you choose, each "
                                      "service keeps its own value; your choice reaches both "
                                      "with the next sync.",
                                      n_fields),
                            n_fields);
  if (n_fields == 0)
    return g_strdup_printf (ngettext ("%u match waits for your answer. Until you link the right "
                                      "pair or keep them apart, Liaison copies none of its "
                                      "contacts.",
                                      "%u matches wait for your answer. Until you link the right "
                                      "pair or keep them apart, Liaison copies none of their "
                                      "contacts.",
                                      n_matches),
                            n_matches);
  /* Translators: the first part of "3 fields and 2 matches wait for your answer." */
  fields = g_strdup_printf (ngettext ("%u field", "%u fields", n_fields), n_fields);
  /* Translators: the second part of "3 fields and 2 matches wait for your answer." */
  matches = g_strdup_printf (ngettext ("%u match", "%u matches", n_matches), n_matches);
  /* Translators: "3 fields and 2 matches wait …"; a match is a contact that matches more than
   * one on the other side */
  return g_strdup_printf (_ ("%s and %s wait for your answer. Until you choose, each service "
                             "keeps its own value, and Liaison copies none of a match's "
                             "contacts."),
                          fields, matches);
}

static void
update_view (LiaisonConflictsPage *self)
{
  guint n_items = self->model ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  /* The store's counts, whole while the pages still come. */
  guint n_open = self->model ? liaison_conflict_list_get_n_open (self->model) : 0;
  guint n_answered = self->model ? liaison_conflict_list_get_n_answered (self->model) : 0;
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
    summary = open_summary (
        liaison_conflict_list_get_n_open_fields (self->model),
        n_open - MIN (liaison_conflict_list_get_n_open_fields (self->model), n_open));
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
  gtk_widget_set_visible (self->all_box, liaison_conflict_list_get_n_open_fields (self->model) > 1
                                             && !self->selection_mode);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflicts.apply", !running);
  gtk_stack_set_visible_child_name (self->stack, "list");
}

/* ---- the list ---- */

static gboolean
same_contact (LiaisonConflictItem *a, LiaisonConflictItem *b)
{
  return a != NULL && b != NULL && liaison_conflict_item_get_kind (a) == LIAISON_CONFLICT_FIELD
         && liaison_conflict_item_get_kind (b) == LIAISON_CONFLICT_FIELD
         && g_strcmp0 (liaison_conflict_item_get_lsq_id (a), liaison_conflict_item_get_lsq_id (b))
                == 0
         && g_strcmp0 (liaison_conflict_item_get_ghl_id (a), liaison_conflict_item_get_ghl_id (b))
                == 0;
}

/* Calls func on each row the list has built (only those near the screen exist). */
static void
foreach_row (LiaisonConflictsPage *self,
             void (*func) (LiaisonConflictsPage *, LiaisonConflictRow *))
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);

      if (LIAISON_IS_CONFLICT_ROW (row))
        func (self, LIAISON_CONFLICT_ROW (row));
    }
}

static gboolean
selectable (LiaisonConflictItem *item)
{
  return liaison_conflict_item_get_kind (item) == LIAISON_CONFLICT_FIELD
         && liaison_conflict_item_get_resolution (item) == NULL;
}

static gboolean
is_selected (LiaisonConflictsPage *self, LiaisonConflictItem *item)
{
  gint64 id = liaison_conflict_item_get_id (item);

  if (self->all_selected)
    return selectable (item) && !g_hash_table_contains (self->selected, &id);
  return g_hash_table_contains (self->selected, &id);
}

static void
show_selection (LiaisonConflictsPage *self, LiaisonConflictRow *row)
{
  liaison_conflict_row_set_selection (row, self->selection_mode,
                                      is_selected (self, liaison_conflict_row_get_item (row)));
}

GPtrArray *
liaison_conflicts_page_selected_items (LiaisonConflictsPage *self)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer key;

  if (self->model == NULL || self->all_selected)
    return items;
  /* A conflict a sync closed meanwhile, or that the list no longer shows, is not taken. */
  g_hash_table_iter_init (&iter, self->selected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      LiaisonConflictItem *item = liaison_conflict_list_find (self->model, *(gint64 *) key);

      if (item != NULL && selectable (item))
        g_ptr_array_add (items, g_object_ref (item));
    }
  return items;
}

guint
liaison_conflicts_page_count_selected (LiaisonConflictsPage *self)
{
  GHashTableIter iter;
  gpointer key;
  guint n_unticked = 0, n_open;

  if (self->model == NULL)
    return 0;
  if (!self->all_selected)
    {
      g_autoptr (GPtrArray) items = liaison_conflicts_page_selected_items (self);

      return items->len;
    }
  /* Every open field conflict the store counts, but those unticked that are still open. */
  n_open = liaison_conflict_list_get_n_open_fields (self->model);
  g_hash_table_iter_init (&iter, self->selected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      LiaisonConflictItem *item = liaison_conflict_list_find (self->model, *(gint64 *) key);

      n_unticked += item != NULL && selectable (item);
    }
  return n_open > n_unticked ? n_open - n_unticked : 0;
}

LiaisonConflictItem *
liaison_conflicts_page_find_item (LiaisonConflictsPage *self, gint64 id)
{
  return self->model ? liaison_conflict_list_find (self->model, id) : NULL;
}

/* A button's name for screen readers: its label without the mnemonic's underline. */
static void
set_accessible_label (GtkButton *button, const char *label)
{
  g_autoptr (GString) text = g_string_new (label);

  g_string_replace (text, "_", "", 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, text->str,
                                  -1);
}

/* The title, the buttons and the rows' check buttons after the selection changed. */
void
liaison_conflicts_page_update_selection (LiaisonConflictsPage *self)
{
  guint n = liaison_conflicts_page_count_selected (self);
  g_autofree char *lsq = NULL;
  g_autofree char *ghl = NULL;
  g_autofree char *title = NULL;

  if (n == 0)
    title = g_strdup (_ ("Select Conflicts"));
  else
    /* Translators: the window's title in selection mode */
    title = g_strdup_printf (ngettext ("%u selected", "%u selected", n), n);
  if (g_strcmp0 (title, self->selection_title) != 0)
    {
      g_free (self->selection_title);
      self->selection_title = g_steal_pointer (&title);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION_TITLE]);
    }
  lsq = n > 0 ? g_strdup_printf (ngettext ("Take _LeadSquared for the %u Selected",
                                           "Take _LeadSquared for the %u Selected", n),
                                 n)
              : g_strdup (_ ("Take _LeadSquared"));
  ghl = n > 0 ? g_strdup_printf (ngettext ("Take _HighLevel for the %u Selected",
                                           "Take _HighLevel for the %u Selected", n),
                                 n)
              : g_strdup (_ ("Take _HighLevel"));
  gtk_button_set_label (self->take_lsq_button, lsq);
  gtk_button_set_use_underline (self->take_lsq_button, TRUE);
  gtk_button_set_label (self->take_ghl_button, ghl);
  gtk_button_set_use_underline (self->take_ghl_button, TRUE);
  /* The shorter labels of a narrow window leave the count to the title; a screen reader hears
   * the whole answer with the button. */
  set_accessible_label (self->take_lsq_short_button, lsq);
  set_accessible_label (self->take_ghl_short_button, ghl);
  set_accessible_label (self->take_lsq_side_button, lsq);
  set_accessible_label (self->take_ghl_side_button, ghl);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflicts.take-selected",
                                 n > 0 && !self->answering);
  foreach_row (self, show_selection);
}

void
liaison_conflicts_page_set_selection_mode (LiaisonConflictsPage *self, gboolean mode)
{
  g_return_if_fail (LIAISON_IS_CONFLICTS_PAGE (self));

  mode = mode != FALSE;
  if (self->selection_mode == mode)
    return;
  self->selection_mode = mode;
  if (!mode)
    {
      self->all_selected = FALSE;
      g_hash_table_remove_all (self->selected);
    }
  gtk_revealer_set_reveal_child (self->selection_bar, mode);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflicts.leave-selection", mode);
  liaison_conflicts_page_update_selection (self);
  update_view (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION_MODE]);
}

static void
on_row_select (LiaisonConflictRow *row, gboolean selected, LiaisonConflictsPage *self)
{
  gint64 id = liaison_conflict_item_get_id (liaison_conflict_row_get_item (row));

  /* After a Select All the table holds the ticks taken off. */
  if (selected != self->all_selected)
    g_hash_table_add (self->selected, g_memdup2 (&id, sizeof id));
  else
    g_hash_table_remove (self->selected, &id);
  liaison_conflicts_page_update_selection (self);
}

static void
bind_row (GtkSignalListItemFactory *factory, GtkListItem *list_item, LiaisonConflictsPage *self)
{
  LiaisonConflictItem *item = gtk_list_item_get_item (list_item);
  guint position = gtk_list_item_get_position (list_item);
  g_autoptr (LiaisonConflictItem) previous = NULL;
  g_autoptr (LiaisonConflictItem) next = NULL;
  GtkWidget *row;
  gboolean grouped;

  if (item == NULL || self->model == NULL)
    return;
  if (position > 0)
    previous = g_list_model_get_item (G_LIST_MODEL (self->model), position - 1);
  next = g_list_model_get_item (G_LIST_MODEL (self->model), position + 1);
  row = liaison_conflict_row_new (item);
  g_signal_connect_object (row, "choose", G_CALLBACK (liaison_conflicts_page_on_row_choose), self,
                           0);
  g_signal_connect_object (row, "select", G_CALLBACK (on_row_select), self, 0);
  /* Conflicts come oldest first, so a contact's fields usually follow each other: the contact
   * heads the first of them only, and they read as one card (style.css). */
  grouped = same_contact (previous, item);
  liaison_conflict_row_set_grouped (LIAISON_CONFLICT_ROW (row), grouped);
  gtk_widget_add_css_class (row, "conflict");
  if (!grouped)
    gtk_widget_add_css_class (row, "group-start");
  if (!same_contact (item, next))
    gtk_widget_add_css_class (row, "group-end");
  show_selection (self, LIAISON_CONFLICT_ROW (row));
  gtk_list_item_set_child (list_item, row);
}

static void
unbind_row (GtkSignalListItemFactory *factory, GtkListItem *list_item, LiaisonConflictsPage *self)
{
  gtk_list_item_set_child (list_item, NULL);
}

static void
setup_row (GtkSignalListItemFactory *factory, GtkListItem *list_item, LiaisonConflictsPage *self)
{
  /* The row's own buttons answer; the row itself does nothing when activated. */
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_selectable (list_item, FALSE);
}

/* ---- selection mode ---- */

/* Every open field conflict, those the list has not read yet too: the answer is made by the
 * store on all of them (liaison_conflict_list_resolve_all_except_async). */
static void
select_all_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonConflictsPage *self = LIAISON_CONFLICTS_PAGE (widget);

  if (self->model == NULL || liaison_conflict_list_get_n_open_fields (self->model) == 0)
    return;
  self->all_selected = TRUE;
  g_hash_table_remove_all (self->selected);
  if (!self->selection_mode)
    liaison_conflicts_page_set_selection_mode (self, TRUE);
  else
    liaison_conflicts_page_update_selection (self);
}

static void
leave_selection_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  liaison_conflicts_page_set_selection_mode (LIAISON_CONFLICTS_PAGE (widget), FALSE);
}

static void
update_can_select (LiaisonConflictsPage *self)
{
  gboolean can = self->model != NULL && liaison_conflict_list_get_n_open (self->model) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflicts.select-all", can);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SELECT]);
  if (!can && self->selection_mode)
    liaison_conflicts_page_set_selection_mode (self, FALSE);
}

gboolean
liaison_conflicts_page_get_can_select (LiaisonConflictsPage *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICTS_PAGE (self), FALSE);
  return self->model != NULL && liaison_conflict_list_get_n_open (self->model) > 0;
}

gboolean
liaison_conflicts_page_get_selection_mode (LiaisonConflictsPage *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICTS_PAGE (self), FALSE);
  return self->selection_mode;
}

const char *
liaison_conflicts_page_get_selection_title (LiaisonConflictsPage *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICTS_PAGE (self), NULL);
  return self->selection_title;
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
    liaison_conflicts_page_toast (self, error->message, NULL);
}

/* ---- setup ---- */

static void
on_model_changed (LiaisonConflictsPage *self)
{
  update_view (self);
  /* A Select All counts what the store counts. */
  if (self->selection_mode && self->all_selected)
    liaison_conflicts_page_update_selection (self);
}

static void
on_items_changed (LiaisonConflictsPage *self)
{
  update_view (self);
  if (self->selection_mode)
    liaison_conflicts_page_update_selection (self);
}

static void
drop_model (LiaisonConflictsPage *self)
{
  if (self->model == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->model, self);
  /* Answers still running find no page. */
  g_object_set_data (G_OBJECT (self->model), "answering-page", NULL);
  g_clear_object (&self->model);
}

void
liaison_conflicts_page_set_store (LiaisonConflictsPage *self, LiaisonStore *store)
{
  g_autoptr (GtkSelectionModel) selection = NULL;

  g_return_if_fail (LIAISON_IS_CONFLICTS_PAGE (self));

  if (self->model != NULL && liaison_conflict_list_get_store (self->model) == store)
    return;
  liaison_conflicts_page_set_selection_mode (self, FALSE);
  g_clear_pointer (&self->undo, liaison_conflicts_undo_free);
  drop_model (self);
  if (store != NULL)
    {
      self->model = liaison_conflict_list_new (store);
      g_signal_connect_object (self->model, "items-changed", G_CALLBACK (on_items_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->model, "notify", G_CALLBACK (on_model_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->model, "notify::n-open", G_CALLBACK (update_can_select), self,
                               G_CONNECT_SWAPPED);
      selection
          = GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->model))));
    }
  gtk_list_view_set_model (self->list, selection);
  update_can_select (self);
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
liaison_conflicts_page_get_property (GObject *object, guint prop_id, GValue *value,
                                     GParamSpec *pspec)
{
  LiaisonConflictsPage *self = LIAISON_CONFLICTS_PAGE (object);

  switch (prop_id)
    {
      case PROP_SELECTION_MODE:
        g_value_set_boolean (value, self->selection_mode);
        break;
      case PROP_SELECTION_TITLE:
        g_value_set_string (value, self->selection_title);
        break;
      case PROP_CAN_SELECT:
        g_value_set_boolean (value, liaison_conflicts_page_get_can_select (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_conflicts_page_set_property (GObject *object, guint prop_id, const GValue *value,
                                     GParamSpec *pspec)
{
  LiaisonConflictsPage *self = LIAISON_CONFLICTS_PAGE (object);

  switch (prop_id)
    {
      case PROP_SELECTION_MODE:
        liaison_conflicts_page_set_selection_mode (self, g_value_get_boolean (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_conflicts_page_dispose (GObject *object)
{
  LiaisonConflictsPage *self = LIAISON_CONFLICTS_PAGE (object);

  if (self->list != NULL)
    gtk_list_view_set_model (self->list, NULL);
  self->list = NULL;
  drop_model (self);
  if (self->scheduler != NULL)
    g_signal_handlers_disconnect_by_data (self->scheduler, self);
  g_clear_object (&self->scheduler);
  g_clear_pointer (&self->undo, liaison_conflicts_undo_free);
  /* AdwBin unparents its child, the template's stack, itself. */
  G_OBJECT_CLASS (liaison_conflicts_page_parent_class)->dispose (object);
}

static void
liaison_conflicts_page_finalize (GObject *object)
{
  LiaisonConflictsPage *self = LIAISON_CONFLICTS_PAGE (object);

  g_hash_table_unref (self->selected);
  g_free (self->selection_title);
  g_weak_ref_clear (&self->undo_toast);
  G_OBJECT_CLASS (liaison_conflicts_page_parent_class)->finalize (object);
}

static void
liaison_conflicts_page_class_init (LiaisonConflictsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = liaison_conflicts_page_get_property;
  object_class->set_property = liaison_conflicts_page_set_property;
  object_class->dispose = liaison_conflicts_page_dispose;
  object_class->finalize = liaison_conflicts_page_finalize;
  widget_class->map = liaison_conflicts_page_map;

  /* "selection-mode": check buttons on the open field conflicts, and the selection's answers
   * at the bottom; "selection-title" says how many are selected, for the header bar;
   * "can-select": some conflict is open to select. */
  properties[PROP_SELECTION_MODE]
      = g_param_spec_boolean ("selection-mode", NULL, NULL, FALSE,
                              G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTION_TITLE]
      = g_param_spec_string ("selection-title", NULL, NULL, NULL,
                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_SELECT]
      = g_param_spec_boolean ("can-select", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/liaison-conflicts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonConflictsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConflictsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConflictsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConflictsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConflictsPage, apply_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConflictsPage, all_box);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConflictsPage, list);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConflictsPage, selection_bar);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConflictsPage, take_lsq_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConflictsPage, take_ghl_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConflictsPage, selection_squeezer);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConflictsPage, take_lsq_short_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConflictsPage, take_ghl_short_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConflictsPage, take_lsq_side_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConflictsPage, take_ghl_side_button);
  gtk_widget_class_install_action (widget_class, "conflicts.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "conflicts.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "conflicts.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "conflicts.leave-selection", NULL,
                                   leave_selection_action);
  liaison_conflicts_page_install_answers (widget_class);
}

static void
liaison_conflicts_page_init (LiaisonConflictsPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  self->selected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_weak_ref_init (&self->undo_toast, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->list, factory);
  g_object_unref (factory);

  /* Ctrl+A selects every open conflict (entering selection mode) and Escape leaves it, from
   * anywhere on the page: caught before the list, whose own Ctrl+A selects nothing here. */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (shortcuts),
      gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>a"),
                        gtk_named_action_new ("conflicts.select-all")));
  gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (shortcuts),
      gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                        gtk_named_action_new ("conflicts.leave-selection")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflicts.leave-selection", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflicts.undo", FALSE);
  liaison_conflicts_page_update_selection (self);
  update_view (self);
}
