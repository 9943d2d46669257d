/* liaison-contact-detail.c: the selected contact's two sides, field by field,
 * read from Liaison's local copy, with differences marked; linking a proposed
 * pair and unlinking a linked one.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-contact-detail"

#include <glib/gi18n.h>

#include "liaison-contact-detail.h"
#include "liaison-format.h"

struct _LiaisonContactDetail
{
  GtkWidget parent_instance;

  LiaisonStore *store;
  char *lsq_connection_id;
  char *ghl_connection_id;
  LiaisonContactRow *row;
  GCancellable *cancellable;

  GtkStack *stack;
  GtkLabel *name_label;
  GtkLabel *explanation_label;
  GtkGrid *fields_grid;
  GtkLabel *action_error_label;
  GtkWidget *link_button;
  GtkWidget *unlink_button;
};

G_DEFINE_FINAL_TYPE (LiaisonContactDetail, liaison_contact_detail, GTK_TYPE_WIDGET)

static GtkWidget *
value_label_new (const char *text, gboolean differs)
{
  GtkWidget *label = gtk_label_new (text != NULL && *text != '\0' ? text : "—");

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  if (differs)
    {
      /* Color alone is not enough: the words say it too. */
      gtk_widget_add_css_class (label, "warning");
      gtk_widget_set_tooltip_text (label, _ ("The two sides differ"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _ ("The two sides differ"), -1);
    }
  return label;
}

static void
attach_field (LiaisonContactDetail *self, int line, const char *name, const char *lsq_value,
              const char *ghl_value, gboolean both_sides)
{
  GtkWidget *name_label = gtk_label_new (name);
  gboolean differs = both_sides && g_strcmp0 (lsq_value, ghl_value) != 0;

  gtk_label_set_xalign (GTK_LABEL (name_label), 0.0f);
  gtk_label_set_yalign (GTK_LABEL (name_label), 0.0f);
  gtk_widget_add_css_class (name_label, "dim-label");
  gtk_grid_attach (self->fields_grid, name_label, 0, line, 1, 1);
  gtk_grid_attach (self->fields_grid, value_label_new (lsq_value, differs), 1, line, 1, 1);
  gtk_grid_attach (self->fields_grid, value_label_new (ghl_value, differs), 2, line, 1, 1);
}

static void
clear_fields (LiaisonContactDetail *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fields_grid))) != NULL)
    gtk_grid_remove (self->fields_grid, child);
}

static LiaisonStoreRecord *
lookup_side (LiaisonContactDetail *self, const char *connection_id, const char *remote_id)
{
  g_autoptr (GError) error = NULL;
  LiaisonStoreRecord *record;

  if (self->store == NULL || connection_id == NULL || remote_id == NULL)
    return NULL;

  record = liaison_store_lookup_record (self->store, connection_id, LIAISON_RECORD_CONTACT,
                                        remote_id, &error);
  if (error != NULL)
    g_warning ("Could not read contact %s: %s", remote_id, error->message);
  return record;
}

static void
liaison_contact_detail_show_error (LiaisonContactDetail *self, const char *message)
{
  gtk_label_set_label (self->action_error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->action_error_label), message != NULL);
}

static void
liaison_contact_detail_update (LiaisonContactDetail *self)
{
  LiaisonStoreRecord *lsq = NULL;
  LiaisonStoreRecord *ghl = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *lsq_time = NULL;
  g_autofree char *ghl_time = NULL;
  GtkWidget *heading;
  LiaisonLinkStatus status;
  gboolean both, can_link, can_unlink;
  int line = 0;

  liaison_contact_detail_show_error (self, NULL);
  clear_fields (self);

  if (self->row == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.link", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.unlink", FALSE);
      return;
    }

  status = liaison_contact_row_get_status (self->row);
  lsq = lookup_side (self, self->lsq_connection_id, liaison_contact_row_get_lsq_id (self->row));
  ghl = lookup_side (self, self->ghl_connection_id, liaison_contact_row_get_ghl_id (self->row));
  both = lsq != NULL && ghl != NULL;

  gtk_label_set_label (self->name_label, liaison_contact_row_get_display_name (self->row));
  explanation = liaison_format_link_explanation (self->row);
  gtk_label_set_label (self->explanation_label, explanation);

  heading = gtk_label_new (_ ("LeadSquared"));
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0.0f);
  gtk_grid_attach (self->fields_grid, heading, 1, line, 1, 1);
  heading = gtk_label_new (_ ("HighLevel"));
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0.0f);
  gtk_grid_attach (self->fields_grid, heading, 2, line++, 1, 1);

#define SIDE(record, field) ((record) != NULL ? (record)->field : NULL)
  attach_field (self, line++, _ ("Name"), SIDE (lsq, display_name), SIDE (ghl, display_name), both);
  attach_field (self, line++, _ ("Email"), SIDE (lsq, email), SIDE (ghl, email), both);
  attach_field (self, line++, _ ("Phone"), SIDE (lsq, phone), SIDE (ghl, phone), both);
  attach_field (self, line++, _ ("Company"), SIDE (lsq, company), SIDE (ghl, company), both);
  attach_field (self, line++, _ ("Owner"), SIDE (lsq, owner), SIDE (ghl, owner), both);
#undef SIDE
  lsq_time = liaison_format_time_ms (lsq != NULL ? lsq->modified_at : 0);
  ghl_time = liaison_format_time_ms (ghl != NULL ? ghl->modified_at : 0);
  /* Each side changes on its own schedule: never mark this as a difference. */
  attach_field (self, line++, _ ("Last change"), lsq_time, ghl_time, FALSE);

  can_link = status == LIAISON_LINK_STATUS_PROPOSED && both;
  can_unlink
      = status == LIAISON_LINK_STATUS_LINKED && liaison_contact_row_get_link_id (self->row) > 0;
  /* Only what applies to this contact is offered. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.link", can_link);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.unlink", can_unlink);
  gtk_widget_set_visible (GTK_WIDGET (self->link_button), can_link);
  gtk_widget_set_visible (GTK_WIDGET (self->unlink_button), can_unlink);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->fields_grid)), TRUE);

  g_clear_pointer (&lsq, liaison_store_record_free);
  g_clear_pointer (&ghl, liaison_store_record_free);
  gtk_stack_set_visible_child_name (self->stack, "contact");
}

void
liaison_contact_detail_set_source (LiaisonContactDetail *self, LiaisonStore *store,
                                   const char *lsq_connection_id, const char *ghl_connection_id)
{
  g_return_if_fail (LIAISON_IS_CONTACT_DETAIL (self));

  g_set_object (&self->store, store);
  g_free (self->lsq_connection_id);
  self->lsq_connection_id = g_strdup (lsq_connection_id);
  g_free (self->ghl_connection_id);
  self->ghl_connection_id = g_strdup (ghl_connection_id);
  liaison_contact_detail_update (self);
}

LiaisonContactRow *
liaison_contact_detail_get_row (LiaisonContactDetail *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_DETAIL (self), NULL);

  return self->row;
}

void
liaison_contact_detail_set_row (LiaisonContactDetail *self, LiaisonContactRow *row)
{
  g_return_if_fail (LIAISON_IS_CONTACT_DETAIL (self));

  g_set_object (&self->row, row);
  liaison_contact_detail_update (self);
}

/* Linking ---------------------------------------------------------------- */

static void
on_link_created (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonContactDetail) self = user_data;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GError) error = NULL;

  ids = liaison_store_create_links_finish (LIAISON_STORE (source), result, &error);
  if (ids == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message
          = g_strdup_printf (_ ("The contacts could not be linked: %s"), error->message);
      liaison_contact_detail_show_error (self, message);
    }
}

static void
link_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonContactDetail *self = LIAISON_CONTACT_DETAIL (widget);
  g_autoptr (GPtrArray) links = NULL;

  if (self->row == NULL || self->store == NULL)
    return;

  links = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_link_free);
  /* A person confirmed this pair, so it is a manual link, not an automatic match. */
  g_ptr_array_add (links, liaison_store_link_new (
                              LIAISON_RECORD_CONTACT, self->lsq_connection_id,
                              liaison_contact_row_get_lsq_id (self->row), self->ghl_connection_id,
                              liaison_contact_row_get_ghl_id (self->row), LIAISON_LINK_MANUAL));
  liaison_store_create_links_async (self->store, links, self->cancellable, on_link_created,
                                    g_object_ref (self));
}

static void
on_link_deleted (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonContactDetail) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!liaison_store_delete_link_finish (LIAISON_STORE (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message
          = g_strdup_printf (_ ("The contacts could not be unlinked: %s"), error->message);
      liaison_contact_detail_show_error (self, message);
    }
}

static void
on_unlink_response (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  g_autoptr (LiaisonContactDetail) self = user_data;
  gint64 link_id;

  if (g_strcmp0 (response, "unlink") != 0 || self->row == NULL || self->store == NULL)
    return;

  link_id = liaison_contact_row_get_link_id (self->row);
  liaison_store_delete_link_async (self->store, link_id, self->cancellable, on_link_deleted,
                                   g_object_ref (self));
}

static void
unlink_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonContactDetail *self = LIAISON_CONTACT_DETAIL (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _ ("Unlink These Contacts?"),
                                   _ ("Liaison will stop keeping them in step. Neither contact is "
                                      "deleted, and you can link them again later."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "unlink",
                                    _ ("_Unlink"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "unlink",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_unlink_response), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject ---------------------------------------------------------------- */

static void
liaison_contact_detail_dispose (GObject *object)
{
  LiaisonContactDetail *self = LIAISON_CONTACT_DETAIL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->row);
  g_clear_pointer (&self->lsq_connection_id, g_free);
  g_clear_pointer (&self->ghl_connection_id, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_CONTACT_DETAIL);

  G_OBJECT_CLASS (liaison_contact_detail_parent_class)->dispose (object);
}

static void
liaison_contact_detail_class_init (LiaisonContactDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_contact_detail_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/liaison-contact-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactDetail, name_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactDetail, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactDetail, fields_grid);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactDetail, action_error_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactDetail, link_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactDetail, unlink_button);

  gtk_widget_class_install_action (widget_class, "detail.link", NULL, link_action);
  gtk_widget_class_install_action (widget_class, "detail.unlink", NULL, unlink_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
liaison_contact_detail_init (LiaisonContactDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  liaison_contact_detail_update (self);
}
