/* liaison-contact-picker.c: the other side's contacts a person can link the shown contact
 * with: every member of an ambiguous set (as the matcher grouped them), or the result of a
 * search ("Link To…"). Each is
 * a row with its name, e-mail and phone, and a Link button. Only contacts not linked and not
 * part of a proposed pair are offered: a proposed pair shows one side's values for both.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-contact-picker"

#include <glib/gi18n.h>

#include "liaison-contact-picker.h"

/* A search shows this many at most, so that the list stays short to scan. */
#define MAX_CANDIDATES 50

struct _LiaisonContactPicker
{
  GtkWidget parent_instance;

  LiaisonContactList *model;
  LiaisonService side;
  LiaisonContactRow *set_row; /* listing the set of this row, not a search */
  GPtrArray *candidates;      /* LiaisonContactRow, as listed */

  GtkSearchEntry *search_entry;
  GtkListBox *list;
  GtkLabel *more_label;
};

G_DEFINE_FINAL_TYPE (LiaisonContactPicker, liaison_contact_picker, GTK_TYPE_WIDGET)

enum
{
  PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_link_clicked (GtkButton *button, LiaisonContactPicker *self)
{
  LiaisonContactRow *row = g_object_get_data (G_OBJECT (button), "candidate");

  g_signal_emit (self, signals[PICKED], 0, row);
}

static GtkWidget *
candidate_row_new (LiaisonContactPicker *self, LiaisonContactRow *candidate)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_label (C_ ("verb", "Link"));
  const char *name = liaison_contact_row_get_display_name (candidate);
  const char *email = liaison_contact_row_get_email (candidate);
  const char *phone = liaison_contact_row_get_phone (candidate);
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;

  if (email != NULL && *email != '\0' && phone != NULL && *phone != '\0')
    subtitle = g_strdup_printf ("%s · %s", email, phone);
  else
    subtitle = g_strdup (email != NULL && *email != '\0' ? email : phone);
  /* Names and addresses are shown as they are, never read as markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 name != NULL && *name != '\0' ? name : _ ("No name"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: the accessible name of a Link button beside a contact */
  accessible = g_strdup_printf (_ ("Link with %s"), name != NULL ? name : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_object_set_data_full (G_OBJECT (button), "candidate", g_object_ref (candidate), g_object_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (on_link_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

static void
fill (LiaisonContactPicker *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr (GPtrArray) found = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->candidates, 0);
  if (self->model == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->more_label), FALSE);
      return;
    }

  /* One more than shown, to know whether there are more. */
  if (self->set_row != NULL)
    found = liaison_contact_list_find_candidates (self->model, self->set_row);
  else
    found = liaison_contact_list_find_single (self->model, self->side, text, MAX_CANDIDATES + 1);
  for (guint i = 0; i < found->len && i < MAX_CANDIDATES; i++)
    {
      LiaisonContactRow *candidate = g_ptr_array_index (found, i);

      gtk_list_box_append (self->list, candidate_row_new (self, candidate));
      g_ptr_array_add (self->candidates, g_object_ref (candidate));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->more_label), found->len > MAX_CANDIDATES);
}

void
liaison_contact_picker_show (LiaisonContactPicker *self, LiaisonContactList *model,
                             LiaisonService side, const char *text, gboolean searchable)
{
  g_return_if_fail (LIAISON_IS_CONTACT_PICKER (self));
  g_return_if_fail (model == NULL || LIAISON_IS_CONTACT_LIST (model));

  g_set_object (&self->model, model);
  g_clear_object (&self->set_row);
  self->side = side;
  gtk_list_box_set_placeholder (self->list,
                                gtk_label_new (side == LIAISON_SERVICE_GHL
                                                   ? _ ("No HighLevel contact to link matches.")
                                                   : _ ("No LeadSquared lead to link matches.")));
  gtk_widget_add_css_class (gtk_widget_get_first_child (GTK_WIDGET (self->list)), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->search_entry), searchable);
  g_signal_handlers_block_matched (self->search_entry, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  g_signal_handlers_unblock_matched (self->search_entry, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                     self);
  fill (self);
}

void
liaison_contact_picker_show_set (LiaisonContactPicker *self, LiaisonContactList *model,
                                 LiaisonService side, LiaisonContactRow *row)
{
  g_return_if_fail (LIAISON_IS_CONTACT_PICKER (self));
  g_return_if_fail (LIAISON_IS_CONTACT_ROW (row));

  liaison_contact_picker_show (self, NULL, side, NULL, FALSE);
  g_set_object (&self->model, model);
  g_set_object (&self->set_row, row);
  fill (self);
}

guint
liaison_contact_picker_get_n_candidates (LiaisonContactPicker *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_PICKER (self), 0);

  return self->candidates->len;
}

LiaisonContactRow *
liaison_contact_picker_get_candidate (LiaisonContactPicker *self, guint i)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_PICKER (self), NULL);
  g_return_val_if_fail (i < self->candidates->len, NULL);

  return g_ptr_array_index (self->candidates, i);
}

void
liaison_contact_picker_focus_search (LiaisonContactPicker *self)
{
  g_return_if_fail (LIAISON_IS_CONTACT_PICKER (self));

  if (gtk_widget_get_visible (GTK_WIDGET (self->search_entry)))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_search_changed (GtkSearchEntry *entry, LiaisonContactPicker *self)
{
  fill (self);
}

static void
liaison_contact_picker_dispose (GObject *object)
{
  LiaisonContactPicker *self = LIAISON_CONTACT_PICKER (object);
  GtkWidget *child;

  g_clear_object (&self->model);
  g_clear_object (&self->set_row);
  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (liaison_contact_picker_parent_class)->dispose (object);
}

static void
liaison_contact_picker_class_init (LiaisonContactPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_contact_picker_dispose;

  /* The person chose this contact (a LiaisonContactRow of the other side) to link with. */
  signals[PICKED] = g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 1, LIAISON_TYPE_CONTACT_ROW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
liaison_contact_picker_init (LiaisonContactPicker *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  self->candidates = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);

  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_search_entry_set_search_delay (self->search_entry, 150);
  g_object_set (self->search_entry, "placeholder-text", _ ("Search by name, email or phone"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Search the contacts to link with"), -1);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  gtk_widget_set_parent (GTK_WIDGET (self->search_entry), GTK_WIDGET (self));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_parent (GTK_WIDGET (self->list), GTK_WIDGET (self));

  self->more_label = GTK_LABEL (gtk_label_new (
      _ ("Only the first 50 are shown: type more of a name, an address or a number.")));
  gtk_label_set_wrap (self->more_label, TRUE);
  gtk_label_set_xalign (self->more_label, 0.0f);
  gtk_widget_add_css_class (GTK_WIDGET (self->more_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->more_label), "caption");
  gtk_widget_set_visible (GTK_WIDGET (self->more_label), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->more_label), GTK_WIDGET (self));
}
