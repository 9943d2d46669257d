/* liaison-contact-detail.c: the selected contact's two sides, field by field,
 * read from Liaison's local copy, with differences marked; linking a proposed
 * pair and unlinking a linked one; opening each side on its service's website;
 * below, the contact's tasks, notes and appointments (LiaisonContactActivity).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-contact-detail"

#include <glib/gi18n.h>
#include <string.h>

#include "liaison-contact-activity.h"
#include "liaison-contact-create.h"
#include "liaison-contact-detail.h"
#include "liaison-contact-links.h"
#include "liaison-contact-picker.h"
#include "liaison-format.h"
#include "liaison-weak-ref-private.h"

struct _LiaisonContactDetail
{
  GtkWidget parent_instance;

  LiaisonContactList *model; /* links and unlinks its pairs */
  LiaisonStore *store;       /* the model's, read for both sides of a row */
  char *lsq_connection_id;
  char *ghl_connection_id;
  LiaisonContactRow *row;
  LiaisonLsqClient *lsq_client;
  LiaisonGhlClient *ghl_client;
  GCancellable *cancellable;      /* the pane's lifetime: link and unlink */
  GCancellable *read_cancellable; /* the reads of the contact shown */
  guint reads_pending;
  LiaisonStoreRecord *read[2]; /* by LiaisonService, as read so far */
  GError *read_error;          /* the first read that failed */

  GtkStack *stack;
  GtkScrolledWindow *scroller;
  GtkLabel *name_label;
  GtkLabel *explanation_label;
  GtkGrid *fields_grid;
  GtkLabel *action_error_label;
  GtkLabel *read_error_label;
  GtkWidget *link_button;
  GtkWidget *unlink_button;
  GtkWidget *keep_apart_button;
  GtkWidget *match_again_button;
  GtkWidget *link_to_button;
  GtkWidget *copy_again_button;
  gboolean copying_again;
  LiaisonContactCreate *create_button;
  GtkWidget *candidates_box;
  GtkLabel *candidates_label;
  LiaisonContactPicker *picker;
  GtkWidget *open_box;
  GtkWidget *open_lsq_button;
  GtkWidget *open_ghl_button;
  LiaisonContactActivity *activity;
};

G_DEFINE_FINAL_TYPE (LiaisonContactDetail, liaison_contact_detail, GTK_TYPE_WIDGET)

enum
{
  LINK_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
value_label_new (const char *text, gboolean differs)
{
  GtkWidget *label = gtk_label_new (text != NULL && *text != '\0' ? text : "—");
  g_autoptr (PangoAttrList) attrs = pango_attr_list_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* Values are addresses and numbers: a hyphen added where a long one wraps would read as part
   * of it ("m-ail.example.net"), so a value breaks without one. */
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  gtk_label_set_attributes (GTK_LABEL (label), attrs);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_valign (label, GTK_ALIGN_BASELINE);
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
  /* The field's name sits on the first line of its values, whatever their wrapping. */
  gtk_widget_set_valign (name_label, GTK_ALIGN_BASELINE);
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

/* What the person sees instead of blank fields when the store cannot be read. */
static void
show_read_error (LiaisonContactDetail *self, const GError *error)
{
  g_autofree char *message = NULL;

  if (error != NULL)
    /* Translators: %s is the reason, as the database put it */
    message = g_strdup_printf (
        _ ("Liaison’s copy of this contact could not be read: %s. Try "
           "Refresh From Both (Ctrl+R); if it keeps failing, quit Liaison, check that your "
           "home folder has free space and can be written to, and start "
           "it again."),
        error->message);
  gtk_label_set_label (self->read_error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->read_error_label), message != NULL);
}

/* Websites (liaison-contact-web.c) ------------------------------------------ */

static char *
lsq_web_url (LiaisonContactDetail *self)
{
  if (self->row == NULL || self->lsq_client == NULL)
    return NULL;
  return liaison_contact_detail_lsq_web_url (
      liaison_http_get_base_url (liaison_lsq_client_get_http (self->lsq_client)),
      liaison_contact_row_get_lsq_id (self->row));
}

static char *
ghl_web_url (LiaisonContactDetail *self)
{
  if (self->row == NULL || self->ghl_client == NULL)
    return NULL;
  return liaison_contact_detail_ghl_web_url (
      liaison_http_get_base_url (liaison_ghl_client_get_http (self->ghl_client)),
      liaison_ghl_client_get_location_id (self->ghl_client),
      liaison_contact_row_get_ghl_id (self->row));
}

static void
open_uri (LiaisonContactDetail *self, const char *uri)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (uri == NULL)
    return;
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
open_lsq_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonContactDetail *self = LIAISON_CONTACT_DETAIL (widget);
  g_autofree char *uri = lsq_web_url (self);

  open_uri (self, uri);
}

static void
open_ghl_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonContactDetail *self = LIAISON_CONTACT_DETAIL (widget);
  g_autofree char *uri = ghl_web_url (self);

  open_uri (self, uri);
}

static void
update_open_buttons (LiaisonContactDetail *self)
{
  g_autofree char *lsq_uri = lsq_web_url (self);
  g_autofree char *ghl_uri = ghl_web_url (self);

  /* Only the sides that exist, and only where there is a website to open. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.open-lsq", lsq_uri != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.open-ghl", ghl_uri != NULL);
  gtk_widget_set_visible (self->open_lsq_button, lsq_uri != NULL);
  gtk_widget_set_visible (self->open_ghl_button, ghl_uri != NULL);
  gtk_widget_set_visible (self->open_box, lsq_uri != NULL || ghl_uri != NULL);
}

static void
liaison_contact_detail_show_error (LiaisonContactDetail *self, const char *message)
{
  gtk_label_set_label (self->action_error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->action_error_label), message != NULL);
}

static void
update_unlink (LiaisonContactDetail *self)
{
  gboolean can_unlink = self->row != NULL
                        && liaison_contact_row_get_status (self->row) == LIAISON_LINK_STATUS_LINKED
                        && liaison_contact_row_get_link_id (self->row) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.unlink", can_unlink);
  gtk_widget_set_visible (GTK_WIDGET (self->unlink_button), can_unlink);
}

/* A contact an undo took the copy of back offers Copy Again, once at a time. */
static void
update_copy_again (LiaisonContactDetail *self)
{
  gboolean not_copied = self->row != NULL && self->model != NULL
                        && liaison_contact_row_get_not_copied (self->row, NULL, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.copy-again",
                                 not_copied && !self->copying_again);
  gtk_widget_set_visible (self->copy_again_button, not_copied);
}

/* An ambiguous contact lists every candidate of the other side at once; one on its own
 * offers Link To…, which searches them. */
static void
update_candidates (LiaisonContactDetail *self)
{
  int side = liaison_contact_create_other_side (self->row);
  LiaisonLinkStatus status = self->row != NULL ? liaison_contact_row_get_status (self->row) : 0;
  gboolean ambiguous = side >= 0 && self->model != NULL && status == LIAISON_LINK_STATUS_AMBIGUOUS;
  gboolean can_keep_apart
      = self->model != NULL && (ambiguous || status == LIAISON_LINK_STATUS_PROPOSED);
  gboolean kept_apart = self->model != NULL && status == LIAISON_LINK_STATUS_KEPT_APART;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.keep-apart", can_keep_apart);
  gtk_widget_set_visible (self->keep_apart_button, can_keep_apart);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.match-again", kept_apart);
  gtk_widget_set_visible (self->match_again_button, kept_apart);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.link-to",
                                 side >= 0 && self->model != NULL);
  gtk_widget_set_visible (self->link_to_button, side >= 0 && self->model != NULL && !ambiguous);
  gtk_widget_set_visible (self->candidates_box, ambiguous);
  if (!ambiguous)
    {
      liaison_contact_picker_show (self->picker, NULL, 0, NULL, FALSE);
      return;
    }
  gtk_label_set_label (self->candidates_label,
                       side == LIAISON_SERVICE_GHL
                           ? _ ("Which HighLevel contact is the same person?")
                           : _ ("Which LeadSquared lead is the same person?"));
  liaison_contact_picker_show_set (self->picker, self->model, side, self->row);
}

static void
link_to_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonContactDetail *self = LIAISON_CONTACT_DETAIL (widget);
  int side = liaison_contact_create_other_side (self->row);

  if (side < 0 || self->model == NULL)
    return;
  gtk_label_set_label (self->candidates_label, side == LIAISON_SERVICE_GHL
                                                   ? _ ("Link With a HighLevel Contact")
                                                   : _ ("Link With a LeadSquared Lead"));
  liaison_contact_picker_show (self->picker, self->model, side, NULL, TRUE);
  gtk_widget_set_visible (self->candidates_box, TRUE);
  liaison_contact_picker_focus_search (self->picker);
}

/* The fields of both sides, once both have been read. */
static void
show_fields (LiaisonContactDetail *self)
{
  LiaisonStoreRecord *lsq = self->read[LIAISON_SERVICE_LSQ];
  LiaisonStoreRecord *ghl = self->read[LIAISON_SERVICE_GHL];
  g_autofree char *lsq_time = NULL;
  g_autofree char *ghl_time = NULL;
  GtkWidget *heading;
  LiaisonLinkStatus status = liaison_contact_row_get_status (self->row);
  gboolean both = lsq != NULL && ghl != NULL;
  gboolean can_link;
  int line = 0;

  clear_fields (self);
  show_read_error (self, self->read_error);

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
  /* Only what applies to this contact is offered. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.link", can_link);
  gtk_widget_set_visible (GTK_WIDGET (self->link_button), can_link);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->fields_grid)), TRUE);
}

typedef struct
{
  GWeakRef self;
  GCancellable *cancellable; /* of the contact the read is for */
  LiaisonService service;
} Read;

static void
read_free (Read *read)
{
  g_weak_ref_clear (&read->self);
  g_object_unref (read->cancellable);
  g_free (read);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Read, read_free)

static void
on_side_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Read) read = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonStoreRecord) record = NULL;
  g_autoptr (LiaisonContactDetail) self = NULL;

  record = liaison_store_lookup_record_finish (LIAISON_STORE (source), result, &error);
  if (g_cancellable_is_cancelled (read->cancellable)
      || (self = g_weak_ref_get (&read->self)) == NULL)
    return;
  if (error != NULL)
    {
      /* Shown in the pane (show_read_error), so only a message in the log. One sentence says it
       * for both sides. */
      g_message ("Could not read a cached contact: %s", error->message);
      if (self->read_error == NULL)
        self->read_error = g_steal_pointer (&error);
    }
  g_clear_pointer (&self->read[read->service], liaison_store_record_free);
  self->read[read->service] = g_steal_pointer (&record);
  g_return_if_fail (self->reads_pending > 0);
  if (--self->reads_pending == 0)
    show_fields (self);
}

static void
read_side (LiaisonContactDetail *self, LiaisonService service, const char *connection_id,
           const char *remote_id)
{
  Read *read;

  if (self->store == NULL || connection_id == NULL || remote_id == NULL)
    return;
  read = g_new0 (Read, 1);
  g_weak_ref_init (&read->self, self);
  read->cancellable = g_object_ref (self->read_cancellable);
  read->service = service;
  self->reads_pending++;
  liaison_store_lookup_record_async (self->store, connection_id, LIAISON_RECORD_CONTACT, remote_id,
                                     self->read_cancellable, on_side_read, read);
}

static void
forget_reads (LiaisonContactDetail *self)
{
  g_cancellable_cancel (self->read_cancellable);
  g_clear_object (&self->read_cancellable);
  self->read_cancellable = g_cancellable_new ();
  self->reads_pending = 0;
  g_clear_pointer (&self->read[0], liaison_store_record_free);
  g_clear_pointer (&self->read[1], liaison_store_record_free);
  g_clear_error (&self->read_error);
}

/* TRUE while the contact shown is being read from the store. */
gboolean
liaison_contact_detail_get_loading (LiaisonContactDetail *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_DETAIL (self), FALSE);

  return self->reads_pending > 0;
}

static void
liaison_contact_detail_update (LiaisonContactDetail *self)
{
  g_autofree char *explanation = NULL;

  forget_reads (self);
  liaison_contact_detail_show_error (self, NULL);
  show_read_error (self, NULL);
  clear_fields (self);
  update_open_buttons (self);
  /* Linking is offered once both sides have been read; unlinking needs only the row. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.link", FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->link_button), FALSE);
  update_unlink (self);
  update_candidates (self);
  update_copy_again (self);

  if (self->row == NULL)
    {
      liaison_contact_activity_set_contact (self->activity, NULL, NULL);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  gtk_label_set_label (self->name_label, liaison_contact_row_get_display_name (self->row));
  explanation = liaison_contact_row_get_not_copied (self->row, NULL, NULL)
                    ? liaison_format_not_copied_explanation (self->row)
                    : liaison_format_link_explanation (self->row);
  gtk_label_set_label (self->explanation_label, explanation);

  /* Both sides from the store, off the main thread; the fields show once both are in. */
  read_side (self, LIAISON_SERVICE_LSQ, self->lsq_connection_id,
             liaison_contact_row_get_lsq_id (self->row));
  read_side (self, LIAISON_SERVICE_GHL, self->ghl_connection_id,
             liaison_contact_row_get_ghl_id (self->row));
  if (self->reads_pending == 0)
    show_fields (self);

  liaison_contact_activity_set_contact (self->activity, liaison_contact_row_get_lsq_id (self->row),
                                        liaison_contact_row_get_ghl_id (self->row));
  gtk_stack_set_visible_child_name (self->stack, "contact");
}

/* The list the rows come from, or NULL. */
void
liaison_contact_detail_set_model (LiaisonContactDetail *self, LiaisonContactList *model)
{
  LiaisonStore *store = model != NULL ? liaison_contact_list_get_store (model) : NULL;
  const char *lsq_connection_id
      = model != NULL ? liaison_contact_list_get_connection_id (model, LIAISON_SERVICE_LSQ) : NULL;
  const char *ghl_connection_id
      = model != NULL ? liaison_contact_list_get_connection_id (model, LIAISON_SERVICE_GHL) : NULL;

  g_return_if_fail (LIAISON_IS_CONTACT_DETAIL (self));
  g_return_if_fail (model == NULL || LIAISON_IS_CONTACT_LIST (model));

  g_set_object (&self->model, model);
  g_set_object (&self->store, store);
  g_free (self->lsq_connection_id);
  self->lsq_connection_id = g_strdup (lsq_connection_id);
  g_free (self->ghl_connection_id);
  self->ghl_connection_id = g_strdup (ghl_connection_id);
  liaison_contact_activity_set_source (self->activity, store, lsq_connection_id, ghl_connection_id);
  liaison_contact_detail_update (self);
}

/* The clients of the session's two accounts (either may be NULL): they fetch the contact's
 * tasks, notes and appointments, and tell which website each side is on. */
void
liaison_contact_detail_set_clients (LiaisonContactDetail *self, LiaisonLsqClient *lsq_client,
                                    LiaisonGhlClient *ghl_client)
{
  g_return_if_fail (LIAISON_IS_CONTACT_DETAIL (self));
  g_return_if_fail (lsq_client == NULL || LIAISON_IS_LSQ_CLIENT (lsq_client));
  g_return_if_fail (ghl_client == NULL || LIAISON_IS_GHL_CLIENT (ghl_client));

  g_set_object (&self->lsq_client, lsq_client);
  g_set_object (&self->ghl_client, ghl_client);
  liaison_contact_activity_set_clients (self->activity, lsq_client, ghl_client);
  update_open_buttons (self);
}

LiaisonContactRow *
liaison_contact_detail_get_row (LiaisonContactDetail *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_DETAIL (self), NULL);

  return self->row;
}

/* The same contact as another row: the same sides (a reload makes new rows for them). */
static gboolean
same_contact (LiaisonContactRow *a, LiaisonContactRow *b)
{
  return a != NULL && b != NULL
         && g_strcmp0 (liaison_contact_row_get_lsq_id (a), liaison_contact_row_get_lsq_id (b)) == 0
         && g_strcmp0 (liaison_contact_row_get_ghl_id (a), liaison_contact_row_get_ghl_id (b)) == 0;
}

void
liaison_contact_detail_set_row (LiaisonContactDetail *self, LiaisonContactRow *row)
{
  g_return_if_fail (LIAISON_IS_CONTACT_DETAIL (self));

  /* Another contact starts at its top; the same one, reloaded, stays where the person was. */
  if (!same_contact (self->row, row))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0.0);
  g_set_object (&self->row, row);
  liaison_contact_create_set_row (self->create_button, row);
  liaison_contact_detail_update (self);
}

/* The engine that creates a contact on one side only on the other, or NULL. */
void
liaison_contact_detail_set_engine (LiaisonContactDetail *self, LiaisonSyncEngine *engine)
{
  liaison_contact_create_set_engine (self->create_button, engine);
}

/* Linking ---------------------------------------------------------------- */

/* A link made or ended here: the page keeps the person's place in the list. */
static void
link_changed (LiaisonContactDetail *self)
{
  g_signal_emit (self, signals[LINK_CHANGED], 0);
}

/* The end of a link, unlink, keep apart or match again started here. */
static void
on_change_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonContactDetail) self = liaison_weak_ref_steal (user_data);
  g_autoptr (GError) error = NULL;

  if (liaison_contact_links_finish (result, &error))
    {
      if (self != NULL)
        link_changed (self);
    }
  else if (self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    liaison_contact_detail_show_error (self, error->message);
}

static void
link_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonContactDetail *self = LIAISON_CONTACT_DETAIL (widget);

  if (self->row == NULL || self->model == NULL)
    return;
  liaison_contact_links_link_async (widget, self->model, liaison_contact_row_get_lsq_id (self->row),
                                    liaison_contact_row_get_ghl_id (self->row),
                                    liaison_contact_row_get_display_name (self->row),
                                    self->cancellable, on_change_done, liaison_weak_ref_new (self));
}

static void
keep_apart_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonContactDetail *self = LIAISON_CONTACT_DETAIL (widget);

  if (self->row != NULL && self->model != NULL)
    liaison_contact_links_keep_apart_async (widget, self->model, self->row, self->cancellable,
                                            on_change_done, liaison_weak_ref_new (self));
}

static void
match_again_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonContactDetail *self = LIAISON_CONTACT_DETAIL (widget);

  if (self->row != NULL && self->model != NULL)
    liaison_contact_links_match_again_async (widget, self->model, self->row, self->cancellable,
                                             on_change_done, liaison_weak_ref_new (self));
}

static void
on_copy_again_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonContactDetail) self = liaison_weak_ref_steal (user_data);
  g_autoptr (GError) error = NULL;
  gboolean ok = liaison_contact_links_finish (result, &error);

  if (self == NULL)
    return;
  self->copying_again = FALSE;
  update_copy_again (self);
  if (!ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    liaison_contact_detail_show_error (self, error->message);
}

static void
copy_again_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonContactDetail *self = LIAISON_CONTACT_DETAIL (widget);

  if (self->row == NULL || self->model == NULL || self->copying_again)
    return;
  self->copying_again = TRUE;
  update_copy_again (self);
  liaison_contact_links_copy_again_async (widget, self->model, self->row, self->cancellable,
                                          on_copy_again_done, liaison_weak_ref_new (self));
}

/* A candidate of the other side was picked: the shown contact and it become a manual link. */
static void
on_picked (LiaisonContactPicker *picker, LiaisonContactRow *candidate, LiaisonContactDetail *self)
{
  const char *lsq_id, *ghl_id;

  if (self->row == NULL || self->model == NULL)
    return;
  lsq_id = liaison_contact_row_get_lsq_id (self->row) != NULL
               ? liaison_contact_row_get_lsq_id (self->row)
               : liaison_contact_row_get_lsq_id (candidate);
  ghl_id = liaison_contact_row_get_ghl_id (self->row) != NULL
               ? liaison_contact_row_get_ghl_id (self->row)
               : liaison_contact_row_get_ghl_id (candidate);
  liaison_contact_links_link_async (GTK_WIDGET (self), self->model, lsq_id, ghl_id,
                                    liaison_contact_row_get_display_name (self->row),
                                    self->cancellable, on_change_done, liaison_weak_ref_new (self));
}

/* The dialog holds the pane only weakly and frees that hold with itself, answered or not. */
static void
on_unlink_response (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  g_autoptr (LiaisonContactDetail) self = g_weak_ref_get (user_data);
  /* The pair the question was about, whatever the pane shows by now. */
  LiaisonContactRow *row = g_object_get_data (G_OBJECT (dialog), "row");

  if (g_strcmp0 (response, "unlink") != 0 || self == NULL || self->model == NULL)
    return;

  liaison_contact_links_unlink_async (
      GTK_WIDGET (self), self->model, liaison_contact_row_get_link_id (row),
      liaison_contact_row_get_lsq_id (row), liaison_contact_row_get_ghl_id (row),
      liaison_contact_row_get_display_name (row), self->cancellable, on_change_done,
      liaison_weak_ref_new (self));
}

static void
unlink_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonContactDetail *self = LIAISON_CONTACT_DETAIL (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (self->row == NULL || liaison_contact_row_get_link_id (self->row) <= 0)
    return;
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
  g_object_set_data_full (G_OBJECT (dialog), "row", g_object_ref (self->row), g_object_unref);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_unlink_response),
                         liaison_weak_ref_new (self), liaison_weak_ref_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject ---------------------------------------------------------------- */

static void
liaison_contact_detail_dispose (GObject *object)
{
  LiaisonContactDetail *self = LIAISON_CONTACT_DETAIL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->read_cancellable != NULL)
    forget_reads (self);
  g_cancellable_cancel (self->read_cancellable);
  g_clear_object (&self->read_cancellable);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_object (&self->row);
  g_clear_object (&self->lsq_client);
  g_clear_object (&self->ghl_client);
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

  /* A person linked or unlinked the contact shown, and it went through. */
  signals[LINK_CHANGED] = g_signal_new ("link-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (LIAISON_TYPE_CONTACT_ACTIVITY);
  g_type_ensure (LIAISON_TYPE_CONTACT_PICKER);
  g_type_ensure (LIAISON_TYPE_CONTACT_CREATE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/liaison-contact-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactDetail, scroller);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactDetail, name_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactDetail, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactDetail, fields_grid);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactDetail, action_error_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactDetail, read_error_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactDetail, link_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactDetail, unlink_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactDetail, keep_apart_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactDetail, match_again_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactDetail, link_to_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactDetail, copy_again_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactDetail, create_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactDetail, candidates_box);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactDetail, candidates_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactDetail, picker);
  gtk_widget_class_bind_template_callback (widget_class, on_picked);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactDetail, open_box);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactDetail, open_lsq_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactDetail, open_ghl_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactDetail, activity);

  gtk_widget_class_install_action (widget_class, "detail.link", NULL, link_action);
  gtk_widget_class_install_action (widget_class, "detail.unlink", NULL, unlink_action);
  gtk_widget_class_install_action (widget_class, "detail.link-to", NULL, link_to_action);
  gtk_widget_class_install_action (widget_class, "detail.keep-apart", NULL, keep_apart_action);
  gtk_widget_class_install_action (widget_class, "detail.match-again", NULL, match_again_action);
  gtk_widget_class_install_action (widget_class, "detail.copy-again", NULL, copy_again_action);
  gtk_widget_class_install_action (widget_class, "detail.open-lsq", NULL, open_lsq_action);
  gtk_widget_class_install_action (widget_class, "detail.open-ghl", NULL, open_ghl_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
liaison_contact_detail_init (LiaisonContactDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->read_cancellable = g_cancellable_new ();
  liaison_contact_detail_update (self);
}
