/* liaison-contact-preview.c: the Field Mapping page's preview on one contact: pick a linked
 * contact (searchable), then see per pair what LeadSquared and HighLevel hold now and what
 * each would hold after a sync with the pairs as edited. The merge is the sync planner's
 * (liaison_sync_preview_contact_async); nothing is written.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-mapping"

#include <glib/gi18n.h>

#include "liaison-contact-list.h"
#include "liaison-mapping-preview-private.h"
#include "liaison-sync-preview.h"
#include "liaison-weak-ref-private.h"

struct _LiaisonContactPreview
{
  AdwWindow parent_instance;

  GtkStack *stack;
  GtkStack *pick_stack;
  GtkButton *back_button;
  AdwWindowTitle *window_title;
  GtkSearchEntry *search_entry;
  GtkListView *contact_view;
  GtkLabel *summary_label;
  GtkListBox *field_list;
  AdwStatusPage *failed_page;

  LiaisonStore *store;
  char *connection[2];
  LiaisonMappingModel *model;
  LiaisonFieldMap *map;
  LiaisonContactList *contacts;
  GCancellable *cancellable;   /* the window's: the contact list */
  GCancellable *preview;       /* the preview in flight */
  GtkSizeGroup *caption_group; /* "Now" and "After" of every row, so the columns line up */
};

G_DEFINE_FINAL_TYPE (LiaisonContactPreview, liaison_contact_preview, ADW_TYPE_WINDOW)

/* ---- shared helpers ---- */

char *
liaison_mapping_pair_title (LiaisonMappingModel *model, const char *key)
{
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr (LiaisonMappingPair) pair = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (g_strcmp0 (liaison_mapping_pair_get_key (pair), key) == 0)
        return g_strdup_printf ("%s ⇄ %s",
                                liaison_mapping_pair_get_label (pair, LIAISON_SERVICE_LSQ),
                                liaison_mapping_pair_get_label (pair, LIAISON_SERVICE_GHL));
    }
  return g_strdup (key);
}

/* ---- the result ---- */

static const char *
outcome (const LiaisonSyncFieldPreview *field)
{
  if (field->conflict)
    return _ ("Both sides changed it differently: neither is written, and the Conflicts page "
              "asks you which value to keep.");
  if (field->written[0] && field->written[1])
    return _ ("Both sides get the value you chose for the conflict.");
  if (field->written[1])
    return _ ("HighLevel gets the LeadSquared value.");
  if (field->written[0])
    return _ ("LeadSquared gets the HighLevel value.");
  if (!field->differ)
    return _ ("The same on both sides: nothing to write.");
  return _ ("The values differ, but this pair writes neither side now (its direction, or a "
            "field that cannot be changed after a contact is created).");
}

/* value: as a person reads it, NULL for empty. */
static GtkWidget *
value_label (GtkGrid *grid, const char *value, int column, int row, gboolean written,
             const char *accessible_prefix)
{
  const char *text = value != NULL ? value : _ ("Empty");
  g_autofree char *description = g_strdup_printf ("%s: %s", accessible_prefix, text);
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* Both columns ask for the same width, so that they share the row evenly and line up from
   * one pair to the next. */
  gtk_label_set_width_chars (GTK_LABEL (label), 6);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 6);
  gtk_widget_set_hexpand (label, TRUE);
  if (value == NULL)
    gtk_widget_add_css_class (label, "dim-label");
  if (written)
    {
      gtk_widget_add_css_class (label, "accent");
      gtk_widget_add_css_class (label, "heading");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
  gtk_grid_attach (grid, label, column, row, 1, 1);
  return label;
}

static GtkWidget *
caption (GtkGrid *grid, const char *text, int column, int row, GtkSizeGroup *group)
{
  GtkWidget *label = gtk_label_new (text);

  if (group != NULL)
    gtk_size_group_add_widget (group, label);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_grid_attach (grid, label, column, row, 1, 1);
  return label;
}

static GtkWidget *
field_row (LiaisonContactPreview *self, const LiaisonSyncFieldPreview *field)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  g_autofree char *title = liaison_mapping_pair_title (self->model, field->key);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *outcome_label = gtk_label_new (outcome (field));
  const char *sides[2] = { "LeadSquared", "HighLevel" };
  static const char *const now_keys[2] = { "now-lsq", "now-ghl" };
  static const char *const after_keys[2] = { "after-lsq", "after-ghl" };

  gtk_grid_set_row_spacing (grid, 6);
  gtk_grid_set_column_spacing (grid, 12);
  gtk_widget_set_margin_top (GTK_WIDGET (grid), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (grid), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (grid), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (grid), 12);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (title_label, "heading");
  gtk_grid_attach (grid, title_label, 0, 0, 3, 1);
  gtk_label_set_xalign (GTK_LABEL (outcome_label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (outcome_label), TRUE);
  gtk_widget_add_css_class (outcome_label, "dim-label");
  gtk_grid_attach (grid, outcome_label, 0, 1, 3, 1);
  caption (grid, sides[0], 1, 2, NULL);
  caption (grid, sides[1], 2, 2, NULL);
  caption (grid, _ ("Now"), 0, 3, self->caption_group);
  caption (grid, _ ("After"), 0, 4, self->caption_group);
  for (guint s = 0; s < 2; s++)
    {
      g_autofree char *now_name = g_strdup_printf (_ ("%s now"), sides[s]);
      g_autofree char *after_name = g_strdup_printf (_ ("%s after the sync"), sides[s]);

      g_object_set_data (G_OBJECT (row), now_keys[s],
                         value_label (grid, field->now[s], 1 + s, 3, FALSE, now_name));
      g_object_set_data (
          G_OBJECT (row), after_keys[s],
          value_label (grid, field->after[s], 1 + s, 4, field->written[s], after_name));
    }
  g_object_set_data (G_OBJECT (row), "outcome", outcome_label);
  g_object_set_data_full (G_OBJECT (row), "key", g_strdup (field->key), g_free);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), GTK_WIDGET (grid));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return row;
}

static void
set_state (LiaisonContactPreview *self, const char *state)
{
  gboolean picking = g_str_equal (state, "pick");

  gtk_stack_set_visible_child_name (self->stack, state);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), !picking);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.back", !picking);
  /* Typing searches while a contact is picked, and only then. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, picking ? GTK_WIDGET (self) : NULL);
  if (picking)
    adw_window_title_set_subtitle (self->window_title, "");
}

static void
on_preview (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonContactPreview) self = g_weak_ref_get (user_data);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) fields = liaison_sync_preview_contact_finish (result, &error);
  GtkWidget *child;
  guint n_written = 0;

  liaison_weak_ref_free (user_data);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (fields == NULL)
    {
      adw_status_page_set_description (self->failed_page, error->message);
      set_state (self, "failed");
      return;
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->field_list))) != NULL)
    gtk_list_box_remove (self->field_list, child);
  /* What the sync changes first, then the rest, each in the map's order. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < fields->len; i++)
      {
        LiaisonSyncFieldPreview *field = g_ptr_array_index (fields, i);
        gboolean changes = field->conflict || field->written[0] || field->written[1];

        if (changes != (pass == 0))
          continue;
        n_written += changes;
        gtk_list_box_append (self->field_list, field_row (self, field));
      }
  {
    g_autofree char *summary = g_strdup_printf (
        ngettext ("A sync with the pairs as edited changes %u of %u field (a conflict counts "
                  "as a change). The preview writes nothing.",
                  "A sync with the pairs as edited changes %u of %u fields (a conflict counts "
                  "as a change). The preview writes nothing.",
                  fields->len),
        n_written, fields->len);
    gtk_label_set_text (self->summary_label, summary);
  }
  set_state (self, "result");
  child = gtk_widget_get_first_child (GTK_WIDGET (self->field_list));
  if (child != NULL)
    gtk_widget_grab_focus (child);
}

void
liaison_contact_preview_show_contact (LiaisonContactPreview *self, const char *lsq_id)
{
  g_return_if_fail (LIAISON_IS_CONTACT_PREVIEW (self));
  g_return_if_fail (lsq_id != NULL);
  g_cancellable_cancel (self->preview);
  g_clear_object (&self->preview);
  self->preview = g_cancellable_new ();
  set_state (self, "loading");
  liaison_sync_preview_contact_async (self->store, self->map, self->connection[0],
                                      self->connection[1], lsq_id, self->preview, on_preview,
                                      liaison_weak_ref_new (self));
}

/* ---- picking ---- */

static void
on_activate (GtkListView *view, guint position, LiaisonContactPreview *self)
{
  g_autoptr (LiaisonContactRow) row
      = g_list_model_get_item (G_LIST_MODEL (self->contacts), position);

  if (row == NULL || liaison_contact_row_get_lsq_id (row) == NULL)
    return;
  adw_window_title_set_subtitle (self->window_title,
                                 liaison_contact_row_get_display_name (row) ?: "");
  liaison_contact_preview_show_contact (self, liaison_contact_row_get_lsq_id (row));
}

static void
setup_item (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_list_item_set_child (item, box);
}

static void
bind_item (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  LiaisonContactRow *row = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *detail = gtk_widget_get_next_sibling (name);
  const char *email = liaison_contact_row_get_email (row);
  const char *phone = liaison_contact_row_get_phone (row);

  gtk_label_set_text (GTK_LABEL (name), liaison_contact_row_get_display_name (row) ?: "");
  gtk_label_set_text (GTK_LABEL (detail), email ? email : phone ? phone : "");
  gtk_widget_set_visible (detail, email != NULL || phone != NULL);
}

static void
update_pick (LiaisonContactPreview *self)
{
  gboolean any = g_list_model_get_n_items (G_LIST_MODEL (self->contacts)) > 0;
  const char *filter = liaison_contact_list_get_filter_text (self->contacts);

  if (!any && filter != NULL && *filter != '\0')
    {
      adw_status_page_set_title (
          ADW_STATUS_PAGE (gtk_stack_get_child_by_name (self->pick_stack, "empty")),
          _ ("No Linked Contact Matches"));
      adw_status_page_set_description (
          ADW_STATUS_PAGE (gtk_stack_get_child_by_name (self->pick_stack, "empty")),
          _ ("Search by name, e-mail address, phone number or company."));
    }
  else if (!any)
    {
      adw_status_page_set_title (
          ADW_STATUS_PAGE (gtk_stack_get_child_by_name (self->pick_stack, "empty")),
          _ ("No Linked Contacts"));
      adw_status_page_set_description (
          ADW_STATUS_PAGE (gtk_stack_get_child_by_name (self->pick_stack, "empty")),
          _ ("A preview shows a contact that is linked across both accounts. Contacts are "
             "linked by a sync, or by hand on the Contacts page."));
    }
  gtk_stack_set_visible_child_name (self->pick_stack, any ? "list" : "empty");
}

static void
on_items_changed (GListModel *list, guint position, guint removed, guint added,
                  LiaisonContactPreview *self)
{
  if (!liaison_contact_list_get_loading (self->contacts))
    update_pick (self);
}

static void
on_contacts_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonContactPreview) self = g_weak_ref_get (user_data);
  g_autoptr (GError) error = NULL;

  liaison_weak_ref_free (user_data);
  if (!liaison_contact_list_load_finish (LIAISON_CONTACT_LIST (source), result, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (self == NULL)
    return;
  if (error != NULL)
    {
      adw_status_page_set_description (self->failed_page, error->message);
      set_state (self, "failed");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.back", FALSE);
      return;
    }
  update_pick (self);
}

static void
on_search_changed (GtkSearchEntry *entry, LiaisonContactPreview *self)
{
  liaison_contact_list_set_filter_text (self->contacts,
                                        gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_search_activate (GtkSearchEntry *entry, LiaisonContactPreview *self)
{
  /* Enter in the search takes the first match. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->contacts)) > 0)
    on_activate (self->contact_view, 0, self);
}

static void
back_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonContactPreview *self = LIAISON_CONTACT_PREVIEW (widget);

  g_cancellable_cancel (self->preview);
  set_state (self, "pick");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

LiaisonContactPreview *
liaison_contact_preview_new (GtkWindow *parent, LiaisonStore *store, const char *lsq_connection,
                             const char *ghl_connection, LiaisonMappingModel *model,
                             LiaisonFieldMap *map)
{
  LiaisonContactPreview *self;
  GtkListItemFactory *factory;

  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (LIAISON_IS_FIELD_MAP (map), NULL);
  self = g_object_new (LIAISON_TYPE_CONTACT_PREVIEW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->connection[0] = g_strdup (lsq_connection);
  self->connection[1] = g_strdup (ghl_connection);
  self->model = model ? g_object_ref (model) : NULL;
  self->map = g_object_ref (map);
  self->contacts = liaison_contact_list_new (store, lsq_connection, ghl_connection);
  liaison_contact_list_set_status_filter (self->contacts, LIAISON_LINK_STATUS_LINKED);
  g_signal_connect (self->contacts, "items-changed", G_CALLBACK (on_items_changed), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_item), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item), NULL);
  gtk_list_view_set_factory (self->contact_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->contact_view, GTK_SELECTION_MODEL (gtk_single_selection_new (
                                                   g_object_ref (G_LIST_MODEL (self->contacts)))));
  g_signal_connect (self->contact_view, "activate", G_CALLBACK (on_activate), self);

  liaison_contact_list_load_async (self->contacts, self->cancellable, on_contacts_loaded,
                                   liaison_weak_ref_new (self));
  return self;
}

const char *
liaison_contact_preview_get_state (LiaisonContactPreview *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_PREVIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

GListModel *
liaison_contact_preview_get_contacts (LiaisonContactPreview *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_PREVIEW (self), NULL);
  return G_LIST_MODEL (self->contacts);
}

GtkWidget *
liaison_contact_preview_get_field_row (LiaisonContactPreview *self, const char *key)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_PREVIEW (self), NULL);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->field_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "key"), key) == 0)
      return child;
  return NULL;
}

/* ---- GObject ---- */

static void
liaison_contact_preview_dispose (GObject *object)
{
  LiaisonContactPreview *self = LIAISON_CONTACT_PREVIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->preview);
  if (self->contacts != NULL)
    g_signal_handlers_disconnect_by_data (self->contacts, self);
  if (self->contact_view != NULL)
    gtk_list_view_set_model (self->contact_view, NULL);
  g_clear_object (&self->contacts);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->preview);
  g_clear_object (&self->model);
  g_clear_object (&self->map);
  g_clear_object (&self->store);
  g_clear_object (&self->caption_group);
  G_OBJECT_CLASS (liaison_contact_preview_parent_class)->dispose (object);
}

static void
liaison_contact_preview_finalize (GObject *object)
{
  LiaisonContactPreview *self = LIAISON_CONTACT_PREVIEW (object);

  g_free (self->connection[0]);
  g_free (self->connection[1]);
  G_OBJECT_CLASS (liaison_contact_preview_parent_class)->finalize (object);
}

static void
liaison_contact_preview_class_init (LiaisonContactPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_contact_preview_dispose;
  object_class->finalize = liaison_contact_preview_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/liaison-contact-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactPreview, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactPreview, pick_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactPreview, back_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactPreview, window_title);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactPreview, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactPreview, contact_view);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactPreview, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactPreview, field_list);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactPreview, failed_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);

  gtk_widget_class_install_action (widget_class, "preview.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "preview.back",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
liaison_contact_preview_init (LiaisonContactPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->caption_group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  set_state (self, "pick");
}
