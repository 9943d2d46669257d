/* liaison-mapping-page.c: the Field Mapping page (see liaison-mapping-page.h). One column in a
 * clamp, a row per pair and the phone region; Save and Discard appear in a bar at the bottom
 * once the copy differs from what is saved, and Use These Pairs while nothing was ever saved.
 * The map itself, its validation and its saving live in the core's LiaisonMappingModel.
 *
 * liaison-cli saves maps and regions into the same store: while the page shows, it asks the
 * model every few seconds whether what is saved moved. Without edits it shows the new map;
 * with edits it keeps them and says so, with a way to the saved one.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-mapping"

#include <glib/gi18n.h>

#include "liaison-mapping-page-private.h"
#include "liaison-mapping-preview-private.h"
#include "liaison-mapping-row.h"
#include "liaison-region-row.h"
#include "liaison-weak-ref-private.h"

/* A refresh writes fields and users in quick turns: read them once it is quiet. */
#define RELOAD_DELAY_MS 300
/* How often the shown page looks for a map or region saved elsewhere (liaison-cli). */
#define CHECK_SECONDS 3

struct _LiaisonMappingPage
{
  AdwBin parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkStack *state_stack;
  AdwStatusPage *failed_page;
  GtkListBox *pair_list;
  GtkRevealer *save_revealer;
  GtkLabel *save_status;
  GtkWidget *save_button;
  GtkWidget *discard_button;
  GtkWidget *accept_button;
  GtkInfoBar *external_bar;
  AdwComboRow *region_row;

  LiaisonStore *store;
  char *connection[2];
  LiaisonMappingModel *model;
  LiaisonRateLimiter *limiter[2]; /* the accounts' own, for Preview Sync's estimate */
  LiaisonRefresher *refresher;    /* the session's, to read the fields when none were read */
  GCancellable *cancellable;
  guint busy;
  guint reload_source;
  guint check_source;
  GCancellable *check_cancellable; /* a check in flight */
  char *last_toast;
};

enum
{
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonMappingPage, liaison_mapping_page, ADW_TYPE_BIN)

static void load (LiaisonMappingPage *self);

/* ---- small pieces ---- */

static void
busy_begin (LiaisonMappingPage *self)
{
  if (self->busy++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
busy_end (LiaisonMappingPage *self)
{
  g_return_if_fail (self->busy > 0);
  if (--self->busy == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

gboolean
liaison_mapping_page_get_busy (LiaisonMappingPage *self)
{
  g_return_val_if_fail (LIAISON_IS_MAPPING_PAGE (self), FALSE);
  return self->busy > 0;
}

static void
toast (LiaisonMappingPage *self, const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  g_free (self->last_toast);
  self->last_toast = g_strdup (message);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
update_actions (LiaisonMappingPage *self)
{
  gboolean ready = self->model != NULL && liaison_mapping_model_get_loaded (self->model);
  gboolean modified = ready && liaison_mapping_model_get_modified (self->model);
  gboolean idle = self->busy == 0;

  /* Nothing ever saved: saving the copy as it is accepts the defaults. */
  gboolean accept = ready && !modified && !liaison_mapping_model_get_reviewed (self->model);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mapping.save", (modified || accept) && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mapping.reload", ready && idle);
  gtk_widget_set_visible (self->accept_button, accept);
  gtk_widget_set_visible (self->save_button, !accept);
  gtk_widget_set_visible (self->discard_button, !accept);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mapping.discard", modified && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mapping.add", ready && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mapping.refresh",
                                 self->refresher != NULL && idle
                                     && !liaison_refresher_get_running (self->refresher));
  /* A pair at fault would preview values that no sync can have. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mapping.preview-contact",
                                 ready && liaison_mapping_model_get_valid (self->model));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mapping.preview-sync",
                                 ready && liaison_mapping_model_get_valid (self->model));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mapping.reset",
                                 ready && idle
                                     && !liaison_mapping_model_get_is_default (self->model));
  gtk_revealer_set_reveal_child (self->save_revealer, modified || accept);
  if (ready && !liaison_mapping_model_get_valid (self->model))
    gtk_label_set_text (self->save_status, _ ("Some pairs need a change before saving"));
  else if (accept)
    gtk_label_set_text (self->save_status, _ ("The default pairs; nothing is saved yet"));
  else
    gtk_label_set_text (self->save_status, _ ("Unsaved changes"));
  if (!modified)
    gtk_info_bar_set_revealed (self->external_bar, FALSE);
}

static void
update_state (LiaisonMappingPage *self)
{
  const char *state = "map";

  if (self->model == NULL || !liaison_mapping_model_get_connected (self->model, LIAISON_SERVICE_LSQ)
      || !liaison_mapping_model_get_connected (self->model, LIAISON_SERVICE_GHL))
    state = "not-connected";
  else if (!liaison_mapping_model_get_loaded (self->model))
    state = self->busy > 0 ? "loading" : "failed";
  else if (!liaison_mapping_model_get_fields_known (self->model, LIAISON_SERVICE_LSQ)
           || !liaison_mapping_model_get_fields_known (self->model, LIAISON_SERVICE_GHL))
    state = "no-fields";
  gtk_stack_set_visible_child_name (self->state_stack, state);
  update_actions (self);
}

const char *
liaison_mapping_page_get_state (LiaisonMappingPage *self)
{
  g_return_val_if_fail (LIAISON_IS_MAPPING_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->state_stack);
}

const char *
liaison_mapping_page_get_last_toast (LiaisonMappingPage *self)
{
  g_return_val_if_fail (LIAISON_IS_MAPPING_PAGE (self), NULL);
  return self->last_toast;
}

LiaisonMappingModel *
liaison_mapping_page_get_model (LiaisonMappingPage *self)
{
  g_return_val_if_fail (LIAISON_IS_MAPPING_PAGE (self), NULL);
  return self->model;
}

AdwExpanderRow *
liaison_mapping_page_get_row (LiaisonMappingPage *self, const char *key)
{
  g_return_val_if_fail (LIAISON_IS_MAPPING_PAGE (self), NULL);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->pair_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      LiaisonMappingPair *pair = liaison_mapping_row_get_pair (child);

      if (pair != NULL && g_strcmp0 (liaison_mapping_pair_get_key (pair), key) == 0)
        return ADW_EXPANDER_ROW (child);
    }
  return NULL;
}

/* ---- the list ---- */

static GtkWidget *
create_row (gpointer item, gpointer user_data)
{
  LiaisonMappingPage *self = user_data;

  return liaison_mapping_row_new (self->model, item);
}

static void
on_model_notify (LiaisonMappingModel *model, GParamSpec *pspec, LiaisonMappingPage *self)
{
  update_actions (self);
}

/* ---- loading ---- */

static void
on_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonMappingPage) self = g_weak_ref_get (user_data);
  g_autoptr (GError) error = NULL;

  liaison_weak_ref_free (user_data);
  if (!liaison_mapping_model_load_finish (LIAISON_MAPPING_MODEL (source), result, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (self == NULL || LIAISON_MAPPING_MODEL (source) != self->model)
    return;
  busy_end (self);
  gtk_info_bar_set_revealed (self->external_bar, FALSE);
  if (error != NULL && liaison_mapping_model_get_loaded (self->model))
    {
      /* The saved map is damaged: the defaults stand in, and saving replaces it. */
      g_autofree char *message = g_strdup_printf (
          _ ("%s The defaults are shown; save to replace the saved map."), error->message);
      toast (self, message);
    }
  else if (error != NULL)
    adw_status_page_set_description (self->failed_page, error->message);
  update_state (self);
}

static void
load (LiaisonMappingPage *self)
{
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->model == NULL)
    return;
  busy_begin (self);
  update_actions (self);
  liaison_mapping_model_load_async (self->model, self->cancellable, on_loaded,
                                    liaison_weak_ref_new (self));
}

static gboolean
reload_cb (gpointer user_data)
{
  LiaisonMappingPage *self = user_data;

  self->reload_source = 0;
  /* The person's edits are not thrown away for new definitions: Save checks against them. */
  if (self->model != NULL && !liaison_mapping_model_get_modified (self->model) && self->busy == 0)
    load (self);
  return G_SOURCE_REMOVE;
}

/* ---- what is saved elsewhere ---- */

static void
on_checked (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonMappingPage) self = g_weak_ref_get (user_data);
  g_autoptr (GError) error = NULL;
  gboolean moved;

  liaison_weak_ref_free (user_data);
  moved = liaison_mapping_model_check_saved_finish (LIAISON_MAPPING_MODEL (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self == NULL)
    return;
  g_clear_object (&self->check_cancellable);
  if (LIAISON_MAPPING_MODEL (source) != self->model || error != NULL || !moved || self->busy > 0)
    {
      if (error != NULL)
        g_debug ("Could not look at the saved field mapping: %s", error->message);
      return;
    }
  if (!liaison_mapping_model_get_modified (self->model))
    {
      toast (self, _ ("The field mapping was saved outside this window, for example by "
                      "liaison-cli; this is it now"));
      load (self);
    }
  else
    /* Never drop the person's edits: say that the saved map moved, and offer it. */
    gtk_info_bar_set_revealed (self->external_bar, TRUE);
}

void
liaison_mapping_page_check_saved (LiaisonMappingPage *self)
{
  g_return_if_fail (LIAISON_IS_MAPPING_PAGE (self));
  if (self->model == NULL || !liaison_mapping_model_get_loaded (self->model) || self->busy > 0
      || self->check_cancellable != NULL)
    return;
  self->check_cancellable = g_cancellable_new ();
  liaison_mapping_model_check_saved_async (self->model, self->check_cancellable, on_checked,
                                           liaison_weak_ref_new (self));
}

gboolean
liaison_mapping_page_get_checking (LiaisonMappingPage *self)
{
  g_return_val_if_fail (LIAISON_IS_MAPPING_PAGE (self), FALSE);
  return self->check_cancellable != NULL;
}

static gboolean
check_cb (gpointer user_data)
{
  liaison_mapping_page_check_saved (user_data);
  return G_SOURCE_CONTINUE;
}

static void
stop_checking (LiaisonMappingPage *self)
{
  g_clear_handle_id (&self->check_source, g_source_remove);
  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
}

static void
liaison_mapping_page_map (GtkWidget *widget)
{
  LiaisonMappingPage *self = LIAISON_MAPPING_PAGE (widget);

  GTK_WIDGET_CLASS (liaison_mapping_page_parent_class)->map (widget);
  liaison_mapping_page_check_saved (self);
  if (self->check_source == 0)
    self->check_source = g_timeout_add_seconds (CHECK_SECONDS, check_cb, self);
}

static void
liaison_mapping_page_unmap (GtkWidget *widget)
{
  stop_checking (LIAISON_MAPPING_PAGE (widget));
  GTK_WIDGET_CLASS (liaison_mapping_page_parent_class)->unmap (widget);
}

static void
reload_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonMappingPage *self = LIAISON_MAPPING_PAGE (widget);

  if (self->model != NULL && self->busy == 0)
    load (self);
}

/* ---- reading the fields ---- */

static void
on_refreshed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonMappingPage) self = g_weak_ref_get (user_data);
  g_autoptr (GError) error = NULL;
  gboolean ok;

  liaison_weak_ref_free (user_data);
  ok = liaison_refresher_run_finish (LIAISON_REFRESHER (source), result, &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  busy_end (self);
  if (!ok)
    {
      g_autofree char *message
          = g_strdup_printf (_ ("The accounts could not be read: %s"), error->message);
      toast (self, message);
      update_state (self);
      return;
    }
  load (self);
}

static void
refresh_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonMappingPage *self = LIAISON_MAPPING_PAGE (widget);

  if (self->refresher == NULL || self->busy > 0 || liaison_refresher_get_running (self->refresher))
    return;
  busy_begin (self);
  update_actions (self);
  liaison_refresher_run_async (self->refresher, FALSE, self->cancellable, on_refreshed,
                               liaison_weak_ref_new (self));
}

static void
on_records_changed (LiaisonStore *store, const char *connection_id, LiaisonRecordKind kind,
                    LiaisonMappingPage *self)
{
  if (kind != LIAISON_RECORD_FIELD && kind != LIAISON_RECORD_USER)
    return;
  if (g_strcmp0 (connection_id, self->connection[0]) != 0
      && g_strcmp0 (connection_id, self->connection[1]) != 0)
    return;
  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_cb, self);
}

void
liaison_mapping_page_set_store (LiaisonMappingPage *self, LiaisonStore *store,
                                const char *lsq_connection, const char *ghl_connection)
{
  g_return_if_fail (LIAISON_IS_MAPPING_PAGE (self));

  /* The session says "changed" for many reasons; keep the person's edits when the store and
   * the accounts stayed the same. */
  if (store == self->store && g_strcmp0 (lsq_connection, self->connection[0]) == 0
      && g_strcmp0 (ghl_connection, self->connection[1]) == 0)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  gtk_info_bar_set_revealed (self->external_bar, FALSE);
  self->busy = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  gtk_list_box_bind_model (self->pair_list, NULL, NULL, NULL, NULL);
  liaison_region_row_bind (self->region_row, NULL);
  g_clear_object (&self->model);
  g_set_object (&self->store, store);
  g_free (self->connection[0]);
  g_free (self->connection[1]);
  self->connection[0] = g_strdup (lsq_connection);
  self->connection[1] = g_strdup (ghl_connection);

  if (store != NULL)
    {
      self->model = liaison_mapping_model_new (store, lsq_connection, ghl_connection);
      gtk_list_box_bind_model (self->pair_list, G_LIST_MODEL (self->model), create_row, self, NULL);
      liaison_region_row_bind (self->region_row, self->model);
      g_signal_connect (self->model, "notify", G_CALLBACK (on_model_notify), self);
      g_signal_connect (store, "records-changed", G_CALLBACK (on_records_changed), self);
      if (lsq_connection != NULL && ghl_connection != NULL)
        load (self);
    }
  update_state (self);
}

void
liaison_mapping_page_set_session (LiaisonMappingPage *self, LiaisonSession *session)
{
  const LiaisonStoreConnection *lsq
      = session != NULL ? liaison_session_get_connection (session, LIAISON_SERVICE_LSQ) : NULL;
  const LiaisonStoreConnection *ghl
      = session != NULL ? liaison_session_get_connection (session, LIAISON_SERVICE_GHL) : NULL;

  g_return_if_fail (LIAISON_IS_MAPPING_PAGE (self));
  for (guint s = 0; s < 2; s++)
    g_clear_object (&self->limiter[s]);
  g_clear_object (&self->refresher);
  if (session != NULL && liaison_session_get_refresher (session) != NULL)
    self->refresher = g_object_ref (liaison_session_get_refresher (session));
  if (session != NULL && liaison_session_get_lsq_client (session) != NULL)
    self->limiter[0] = g_object_ref (liaison_http_get_rate_limiter (
        liaison_lsq_client_get_http (liaison_session_get_lsq_client (session))));
  if (session != NULL && liaison_session_get_ghl_client (session) != NULL)
    self->limiter[1] = g_object_ref (liaison_http_get_rate_limiter (
        liaison_ghl_client_get_http (liaison_session_get_ghl_client (session))));
  liaison_mapping_page_set_store (self,
                                  session != NULL ? liaison_session_get_store (session) : NULL,
                                  lsq != NULL ? lsq->id : NULL, ghl != NULL ? ghl->id : NULL);
}

/* ---- saving ---- */

static void
open_problem_rows (LiaisonMappingPage *self)
{
  gboolean focused = FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->pair_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      LiaisonMappingPair *pair = liaison_mapping_row_get_pair (child);

      if (pair == NULL || liaison_mapping_pair_get_problem (pair) == NULL)
        continue;
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (child), TRUE);
      if (!focused)
        focused = gtk_widget_grab_focus (child);
    }
}

static void
on_saved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonMappingPage) self = g_weak_ref_get (user_data);
  g_autoptr (GError) error = NULL;
  gboolean saved;

  liaison_weak_ref_free (user_data);
  saved = liaison_mapping_model_save_finish (LIAISON_MAPPING_MODEL (source), result, &error);
  if (self == NULL || LIAISON_MAPPING_MODEL (source) != self->model
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  busy_end (self);
  if (saved)
    {
      gtk_info_bar_set_revealed (self->external_bar, FALSE);
      toast (self, _ ("Field mapping saved; the next sync uses it"));
    }
  else if (error->domain == LIAISON_FIELD_MAP_ERROR)
    {
      guint n = 0;

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->model)); i++)
        {
          g_autoptr (LiaisonMappingPair) pair
              = g_list_model_get_item (G_LIST_MODEL (self->model), i);

          n += liaison_mapping_pair_get_problem (pair) != NULL;
        }
      {
        g_autofree char *message
            = g_strdup_printf (ngettext ("Nothing was saved: %u pair needs a change first",
                                         "Nothing was saved: %u pairs need a change first", n),
                               n);
        toast (self, message);
      }
      open_problem_rows (self);
    }
  else
    {
      g_autofree char *message
          = g_strdup_printf (_ ("The field mapping was not saved: %s"), error->message);
      toast (self, message);
    }
  update_actions (self);
}

static void
save_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonMappingPage *self = LIAISON_MAPPING_PAGE (widget);

  if (self->model == NULL || self->busy > 0
      || !(liaison_mapping_model_get_modified (self->model)
           || !liaison_mapping_model_get_reviewed (self->model)))
    return;
  busy_begin (self);
  update_actions (self);
  liaison_mapping_model_save_async (self->model, self->cancellable, on_saved,
                                    liaison_weak_ref_new (self));
}

static void
discard_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonMappingPage *self = LIAISON_MAPPING_PAGE (widget);

  if (self->model != NULL && self->busy == 0)
    liaison_mapping_model_discard (self->model);
}

static void
reset_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonMappingPage *self = LIAISON_MAPPING_PAGE (widget);

  if (self->model == NULL || self->busy > 0)
    return;
  liaison_mapping_model_reset (self->model);
  toast (self, _ ("The default pairs are back; save to keep them"));
}

/* ---- previews ---- */

static GtkWindow *
parent_window (LiaisonMappingPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
preview_contact_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonMappingPage *self = LIAISON_MAPPING_PAGE (widget);
  g_autoptr (LiaisonFieldMap) map = NULL;

  if (self->model == NULL || (map = liaison_mapping_model_dup_map (self->model)) == NULL)
    return;
  gtk_window_present (GTK_WINDOW (
      liaison_contact_preview_new (parent_window (self), self->store, self->connection[0],
                                   self->connection[1], self->model, map)));
}

static void
preview_sync_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonMappingPage *self = LIAISON_MAPPING_PAGE (widget);
  g_autoptr (LiaisonFieldMap) map = NULL;

  if (self->model == NULL || (map = liaison_mapping_model_dup_map (self->model)) == NULL)
    return;
  gtk_window_present (GTK_WINDOW (liaison_plan_preview_new (
      parent_window (self), self->store, self->connection[0], self->connection[1], self->model, map,
      self->limiter[0], self->limiter[1])));
}

/* ---- adding a pair ---- */

static GtkWidget *
field_picker (LiaisonMappingPage *self, LiaisonSide side, GtkWidget *box, const char *title)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (title);
  GtkExpression *expression = gtk_property_expression_new (LIAISON_TYPE_FIELD_DEF, NULL, "name");
  GListModel *fields = liaison_mapping_model_get_fields (self->model, side);
  GtkWidget *drop_down = gtk_drop_down_new (g_object_ref (fields), expression);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), drop_down);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (drop_down), TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), drop_down);
  return drop_down;
}

static void
on_add_response (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  g_autoptr (LiaisonMappingPage) self = g_weak_ref_get (user_data);
  GtkDropDown *lsq = g_object_get_data (G_OBJECT (dialog), "lsq");
  GtkDropDown *ghl = g_object_get_data (G_OBJECT (dialog), "ghl");
  LiaisonFieldDef *lsq_field, *ghl_field;
  g_autoptr (GError) error = NULL;
  AdwExpanderRow *row;
  const char *key;

  if (self == NULL || self->model == NULL || g_strcmp0 (response, "add") != 0)
    return;
  lsq_field = gtk_drop_down_get_selected_item (lsq);
  ghl_field = gtk_drop_down_get_selected_item (ghl);
  if (lsq_field == NULL || ghl_field == NULL)
    return;
  key = liaison_mapping_model_add_pair (self->model, liaison_field_def_get_id (lsq_field),
                                        liaison_field_def_get_id (ghl_field), &error);
  if (key == NULL)
    {
      toast (self, error->message);
      return;
    }
  /* The rows were made anew: open the new one where the person can set it up. */
  row = liaison_mapping_page_get_row (self, key);
  if (row != NULL)
    {
      adw_expander_row_set_expanded (row, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

static void
add_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonMappingPage *self = LIAISON_MAPPING_PAGE (widget);
  GtkWidget *dialog, *box;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->model == NULL || !liaison_mapping_model_get_loaded (self->model))
    return;
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _ ("Add a Field Pair"),
                                   _ ("Pick a field of each account; type to search. The pair "
                                      "starts both ways and asks you when both sides changed; "
                                      "open it afterwards to change that."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_object_set_data (G_OBJECT (dialog), "lsq",
                     field_picker (self, LIAISON_SERVICE_LSQ, box, _ ("_LeadSquared Field")));
  gtk_widget_set_margin_bottom (gtk_widget_get_last_child (box), 12);
  g_object_set_data (G_OBJECT (dialog), "ghl",
                     field_picker (self, LIAISON_SERVICE_GHL, box, _ ("_HighLevel Field")));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "add",
                                    _ ("_Add Pair"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_add_response),
                         liaison_weak_ref_new (self), liaison_weak_ref_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- GObject ---- */

static void
liaison_mapping_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LiaisonMappingPage *self = LIAISON_MAPPING_PAGE (object);

  switch (prop_id)
    {
      case PROP_BUSY:
        g_value_set_boolean (value, self->busy > 0);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_mapping_page_dispose (GObject *object)
{
  LiaisonMappingPage *self = LIAISON_MAPPING_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  stop_checking (self);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->region_row != NULL)
    liaison_region_row_bind (self->region_row, NULL);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->pair_list != NULL)
    gtk_list_box_bind_model (self->pair_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_object (&self->limiter[0]);
  g_clear_object (&self->limiter[1]);
  g_clear_object (&self->refresher);
  /* AdwBin unparents its child, the whole template, itself. */
  G_OBJECT_CLASS (liaison_mapping_page_parent_class)->dispose (object);
}

static void
liaison_mapping_page_finalize (GObject *object)
{
  LiaisonMappingPage *self = LIAISON_MAPPING_PAGE (object);

  g_free (self->connection[0]);
  g_free (self->connection[1]);
  g_free (self->last_toast);
  G_OBJECT_CLASS (liaison_mapping_page_parent_class)->finalize (object);
}

static void
liaison_mapping_page_class_init (LiaisonMappingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = liaison_mapping_page_get_property;
  object_class->dispose = liaison_mapping_page_dispose;
  object_class->finalize = liaison_mapping_page_finalize;
  widget_class->map = liaison_mapping_page_map;
  widget_class->unmap = liaison_mapping_page_unmap;

  properties[PROP_BUSY]
      = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/liaison-mapping-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonMappingPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMappingPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMappingPage, failed_page);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMappingPage, pair_list);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMappingPage, save_revealer);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMappingPage, save_status);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMappingPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMappingPage, discard_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMappingPage, accept_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMappingPage, external_bar);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMappingPage, region_row);
  /* For tests, which look at whether the previews can be opened. */
  gtk_widget_class_bind_template_child_full (widget_class, "preview_contact_row", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "preview_sync_row", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "mapping.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "mapping.discard", NULL, discard_action);
  gtk_widget_class_install_action (widget_class, "mapping.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "mapping.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "mapping.reset", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "mapping.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "mapping.preview-contact", NULL,
                                   preview_contact_action);
  gtk_widget_class_install_action (widget_class, "mapping.preview-sync", NULL, preview_sync_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "mapping.save",
                                       NULL);
}

static void
liaison_mapping_page_init (LiaisonMappingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  update_state (self);
}
