/* liaison-contact-create.c: "Create in HighLevel/LeadSquared" in the detail pane. The click
 * runs the sync engine about that one record (LiaisonSyncOptions.only_id): the field map's
 * projection, the journal, the link with its base snapshot and a run in the history, as any
 * sync. What happened is said in the window's toast overlay.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "liaison-contact-create.h"

#include <glib/gi18n.h>

struct _LiaisonContactCreate
{
  GtkButton parent_instance;

  LiaisonContactRow *row;
  LiaisonSyncEngine *engine;
  gboolean busy;
};

G_DEFINE_FINAL_TYPE (LiaisonContactCreate, liaison_contact_create, GTK_TYPE_BUTTON)

int
liaison_contact_create_other_side (LiaisonContactRow *row)
{
  if (row == NULL)
    return -1;
  if (liaison_contact_row_get_ghl_id (row) == NULL && liaison_contact_row_get_lsq_id (row) != NULL)
    return LIAISON_SERVICE_GHL;
  if (liaison_contact_row_get_lsq_id (row) == NULL && liaison_contact_row_get_ghl_id (row) != NULL)
    return LIAISON_SERVICE_LSQ;
  return -1;
}

static void
update (LiaisonContactCreate *self)
{
  int side = liaison_contact_create_other_side (self->row);
  GtkWidget *widget = GTK_WIDGET (self);

  /* An undo took this contact's copy back: Copy Again is what the pane offers instead. */
  if (self->row != NULL && liaison_contact_row_get_not_copied (self->row, NULL, NULL))
    side = -1;
  gtk_widget_set_visible (widget, side >= 0);
  if (side < 0)
    return;
  gtk_button_set_label (GTK_BUTTON (self), side == LIAISON_SERVICE_GHL
                                               ? _ ("_Create in HighLevel")
                                               : _ ("_Create in LeadSquared"));
  gtk_widget_set_sensitive (widget, self->engine != NULL && !self->busy);
  if (self->engine == NULL)
    gtk_widget_set_tooltip_text (
        widget, _ ("Connect both LeadSquared and HighLevel in Accounts to create contacts"));
  else
    gtk_widget_set_tooltip_text (widget, side == LIAISON_SERVICE_GHL
                                             ? _ ("Copy this lead to HighLevel under the field "
                                                  "map and link the two")
                                             : _ ("Copy this contact to LeadSquared under the "
                                                  "field map and link the two"));
}

void
liaison_contact_create_set_row (LiaisonContactCreate *self, LiaisonContactRow *row)
{
  g_return_if_fail (LIAISON_IS_CONTACT_CREATE (self));
  g_set_object (&self->row, row);
  update (self);
}

void
liaison_contact_create_set_engine (LiaisonContactCreate *self, LiaisonSyncEngine *engine)
{
  g_return_if_fail (LIAISON_IS_CONTACT_CREATE (self));
  g_set_object (&self->engine, engine);
  update (self);
}

gboolean
liaison_contact_create_get_busy (LiaisonContactCreate *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_CREATE (self), FALSE);
  return self->busy;
}

static void
toast (LiaisonContactCreate *self, const char *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *t;

  if (overlay == NULL)
    {
      g_message ("%s", title);
      return;
    }
  t = adw_toast_new (title);
  adw_toast_set_timeout (t, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), t);
}

/* Why the run created nothing: the plan's reason for the record, else the run's failure. */
static const char *
why_not (LiaisonSyncResult *result)
{
  GPtrArray *items = result->plan ? liaison_sync_plan_get_items (result->plan) : NULL;

  if (result->failures->len > 0)
    return g_ptr_array_index (result->failures, 0);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      LiaisonSyncItem *item = g_ptr_array_index (items, i);

      if (item->reason != NULL)
        return item->reason;
    }
  return _ ("The sync found nothing to create: refresh the contacts and try again.");
}

static void
on_created (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr (LiaisonContactCreate) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonSyncResult) result
      = liaison_sync_engine_run_finish (LIAISON_SYNC_ENGINE (source), res, &error);
  int side = GPOINTER_TO_INT (g_object_steal_data (G_OBJECT (self), "side"));
  g_autofree char *name = g_object_steal_data (G_OBJECT (self), "name");
  g_autofree char *escaped = g_markup_escape_text (name ? name : "", -1);
  const char *service = side == LIAISON_SERVICE_GHL ? "HighLevel" : "LeadSquared";
  g_autofree char *title = NULL;

  self->busy = FALSE;
  update (self);
  if (result != NULL && result->n_created + result->n_linked > 0 && result->n_failed == 0)
    /* Translators: "“Arjun Rao” created in HighLevel" */
    title = g_strdup_printf (_ ("“%s” created in %s"), escaped, service);
  else
    {
      g_autofree char *why = g_markup_escape_text (error ? error->message : why_not (result), -1);

      /* Translators: "Could not create “Arjun Rao” in HighLevel: <the cause and what to do>" */
      title = g_strdup_printf (_ ("Could not create “%s” in %s: %s"), escaped, service, why);
    }
  toast (self, title);
}

static void
on_clicked (GtkButton *button)
{
  LiaisonContactCreate *self = LIAISON_CONTACT_CREATE (button);
  int side = liaison_contact_create_other_side (self->row);
  LiaisonSyncOptions options = { 0 };

  if (side < 0 || self->engine == NULL || self->busy)
    return;
  options.only_side = side == LIAISON_SERVICE_GHL ? LIAISON_SERVICE_LSQ : LIAISON_SERVICE_GHL;
  options.only_id = options.only_side == LIAISON_SERVICE_LSQ
                        ? liaison_contact_row_get_lsq_id (self->row)
                        : liaison_contact_row_get_ghl_id (self->row);
  g_object_set_data (G_OBJECT (self), "side", GINT_TO_POINTER (side));
  g_object_set_data_full (G_OBJECT (self), "name",
                          g_strdup (liaison_contact_row_get_display_name (self->row)), g_free);
  self->busy = TRUE;
  update (self);
  liaison_sync_engine_run_async (self->engine, &options, NULL, on_created, g_object_ref (self));
}

static void
liaison_contact_create_dispose (GObject *object)
{
  LiaisonContactCreate *self = LIAISON_CONTACT_CREATE (object);

  g_clear_object (&self->row);
  g_clear_object (&self->engine);
  G_OBJECT_CLASS (liaison_contact_create_parent_class)->dispose (object);
}

static void
liaison_contact_create_class_init (LiaisonContactCreateClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = liaison_contact_create_dispose;
  GTK_BUTTON_CLASS (klass)->clicked = on_clicked;
}

static void
liaison_contact_create_init (LiaisonContactCreate *self)
{
  gtk_button_set_use_underline (GTK_BUTTON (self), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
