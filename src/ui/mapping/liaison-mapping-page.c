/* liaison-mapping-page.c: the Field Mapping page. It reads the saved field map and both sides'
 * field definitions from the store, lets the person edit a copy (direction and policy per pair,
 * pairs added from both sides' fields, removed, or the defaults back), and saves the copy only
 * when the field map's own validation accepts it; a refusal is shown beside the pair at fault.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-mapping-page"

#include <glib/gi18n.h>

#include "liaison-field-defs.h"
#include "liaison-mapping-fields.h"
#include "liaison-mapping-page-private.h"
#include "liaison-plan-view.h"
#include "liaison-store-sync.h"
#include "liaison-weak-ref-private.h"

struct _LiaisonMappingPage
{
  GtkWidget parent_instance;

  LiaisonStore *store;
  char *connection[2];
  GCancellable *cancellable;

  LiaisonFieldMap *saved;   /* as the store has it (or the defaults) */
  LiaisonFieldMap *editing; /* the copy on screen */
  char *saved_json;
  GPtrArray *defs[2]; /* LiaisonFieldDef, NULL when not known */
  char *fault_key;    /* the pair validation refused, and why */
  char *fault_message;
  gboolean loading;
  gboolean saving;
  LiaisonAddPairDialog *add_dialog;
  LiaisonSyncScheduler *scheduler;
  gboolean previewing; /* the scheduler's dry run is ours */

  GtkStack *stack;
  GtkSpinner *spinner;
  GtkLabel *notice_label;
  GtkListBox *pairs_list;
  GtkRevealer *save_revealer;
  GtkLabel *save_label;
  GtkLabel *preview_status;
  GtkBox *preview_box;
};

G_DEFINE_FINAL_TYPE (LiaisonMappingPage, liaison_mapping_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_LOADING,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rebuild_rows (LiaisonMappingPage *self);

static char *
map_json (LiaisonFieldMap *map)
{
  g_autoptr (JsonNode) node = liaison_field_map_to_json (map);

  return json_to_string (node, FALSE);
}

static void
toast (LiaisonMappingPage *self, const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_debug ("%s", message);
}

gboolean
liaison_mapping_page_get_modified (LiaisonMappingPage *self)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (LIAISON_IS_MAPPING_PAGE (self), FALSE);
  if (self->editing == NULL || self->saved_json == NULL)
    return FALSE;
  json = map_json (self->editing);
  return g_strcmp0 (json, self->saved_json) != 0;
}

gboolean
liaison_mapping_page_get_loading (LiaisonMappingPage *self)
{
  g_return_val_if_fail (LIAISON_IS_MAPPING_PAGE (self), FALSE);
  return self->loading;
}

static void
update_actions (LiaisonMappingPage *self)
{
  gboolean modified = liaison_mapping_page_get_modified (self);
  gboolean ready = self->editing != NULL && !self->loading && !self->saving && self->store != NULL
                   && self->connection[0] != NULL && self->connection[1] != NULL;

  gtk_revealer_set_reveal_child (self->save_revealer, modified || self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mapping.save", ready && modified);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mapping.discard", ready && modified);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mapping.reset", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mapping.add-pair", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mapping.preview",
                                 ready && !modified && self->scheduler != NULL
                                     && liaison_sync_scheduler_get_engine (self->scheduler) != NULL
                                     && !liaison_sync_scheduler_get_running (self->scheduler));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
set_loading (LiaisonMappingPage *self, gboolean loading)
{
  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  if (loading)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
clear_fault (LiaisonMappingPage *self)
{
  g_clear_pointer (&self->fault_key, g_free);
  g_clear_pointer (&self->fault_message, g_free);
}

/* Rows ---------------------------------------------------------------------- */

static char *
pair_title (LiaisonMappingPage *self, guint i)
{
  g_autofree char *lsq = liaison_mapping_field_label (
      LIAISON_SERVICE_LSQ, liaison_field_map_get_field (self->editing, i, LIAISON_SERVICE_LSQ),
      self->defs[LIAISON_SERVICE_LSQ]);
  g_autofree char *ghl = liaison_mapping_field_label (
      LIAISON_SERVICE_GHL, liaison_field_map_get_field (self->editing, i, LIAISON_SERVICE_GHL),
      self->defs[LIAISON_SERVICE_GHL]);

  return g_strdup_printf (
      "%s  %s  %s", lsq,
      liaison_mapping_direction_symbol (liaison_field_map_get_direction (self->editing, i)), ghl);
}

static char *
pair_subtitle (LiaisonMappingPage *self, guint i)
{
  /* Translators: a field pair at a glance: direction · transform · conflict policy. */
  return g_strdup_printf (
      _ ("%s · %s · %s"),
      liaison_mapping_direction_label (liaison_field_map_get_direction (self->editing, i)),
      liaison_mapping_transform_label (liaison_field_map_get_transform (self->editing, i)),
      liaison_mapping_policy_label (liaison_field_map_get_policy (self->editing, i)));
}

static void
refresh_row_text (LiaisonMappingPage *self, GtkWidget *row)
{
  const char *key = g_object_get_data (G_OBJECT (row), "pair-key");
  int i = liaison_field_map_find (self->editing, key);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (i < 0)
    return;
  title = pair_title (self, i);
  subtitle = pair_subtitle (self, i);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
}

static void
on_combo_selected (AdwComboRow *combo, GParamSpec *pspec, LiaisonMappingPage *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (combo), "pair-row");
  const char *key = g_object_get_data (G_OBJECT (row), "pair-key");
  const char *part = g_object_get_data (G_OBJECT (combo), "pair-part");
  int i = liaison_field_map_find (self->editing, key);
  guint selected = adw_combo_row_get_selected (combo);

  if (i < 0 || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (g_str_equal (part, "direction"))
    liaison_field_map_set_direction (self->editing, i, (LiaisonSyncDirection) selected);
  else
    liaison_field_map_set_policy (self->editing, i, (LiaisonConflictPolicy) selected);
  if (g_strcmp0 (self->fault_key, key) == 0)
    {
      clear_fault (self);
      gtk_widget_set_visible (liaison_mapping_page_get_pair_part (row, "error"), FALSE);
    }
  refresh_row_text (self, row);
  update_actions (self);
}

static void
on_remove_clicked (GtkButton *button, LiaisonMappingPage *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "pair-row");
  g_autofree char *key = g_strdup (g_object_get_data (G_OBJECT (row), "pair-key"));
  g_autofree char *title = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  g_autofree char *message = NULL;

  if (!liaison_field_map_remove_pair (self->editing, key))
    return;
  if (g_strcmp0 (self->fault_key, key) == 0)
    clear_fault (self);
  rebuild_rows (self);
  update_actions (self);
  /* Translators: %s names the two fields of the pair, e.g. “City ⇄ City”. */
  message = g_strdup_printf (_ ("Removed “%s”; Save keeps it removed"), title);
  toast (self, message);
  gtk_widget_grab_focus (GTK_WIDGET (self->pairs_list));
}

static GtkWidget *
combo_row (const char *title, const char *const *labels, guint selected, const char *part,
           GtkWidget *row, LiaisonMappingPage *self)
{
  g_autoptr (GtkStringList) model = gtk_string_list_new (labels);
  GtkWidget *combo = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (combo), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), selected);
  g_object_set_data (G_OBJECT (combo), "pair-row", row);
  g_object_set_data (G_OBJECT (combo), "pair-part", (gpointer) part);
  g_object_set_data (G_OBJECT (row), part, combo);
  g_signal_connect_object (combo, "notify::selected", G_CALLBACK (on_combo_selected), self, 0);
  return combo;
}

static GtkWidget *
create_pair_row (LiaisonMappingPage *self, guint i)
{
  const char *key = liaison_field_map_get_key (self->editing, i);
  const char *directions[] = { liaison_mapping_direction_label (LIAISON_SYNC_BOTH),
                               liaison_mapping_direction_label (LIAISON_SYNC_TO_GHL),
                               liaison_mapping_direction_label (LIAISON_SYNC_TO_LSQ), NULL };
  const char *policies[] = { liaison_mapping_policy_label (LIAISON_POLICY_ASK),
                             liaison_mapping_policy_label (LIAISON_POLICY_LSQ_WINS),
                             liaison_mapping_policy_label (LIAISON_POLICY_GHL_WINS),
                             liaison_mapping_policy_label (LIAISON_POLICY_NEWEST_WINS), NULL };
  gboolean faulted = g_strcmp0 (self->fault_key, key) == 0;
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *fields = adw_action_row_new ();
  GtkWidget *error = adw_action_row_new ();
  GtkWidget *error_icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
  GtkWidget *fault_icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
  GtkWidget *remove = gtk_button_new_with_mnemonic (_ ("_Remove Pair"));
  g_autofree char *names = NULL;

  g_object_set_data_full (G_OBJECT (row), "pair-key", g_strdup (key), g_free);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  /* At fault: an icon in the row's header, the sentence right under it, the row open. */
  gtk_widget_add_css_class (fault_icon, "error");
  gtk_widget_set_visible (fault_icon, faulted);
  gtk_widget_set_tooltip_text (fault_icon, self->fault_message);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), fault_icon);
  g_object_set_data (G_OBJECT (row), "fault-icon", fault_icon);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (error), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (error), faulted ? self->fault_message : "");
  adw_action_row_set_title_lines (ADW_ACTION_ROW (error), 0);
  gtk_widget_add_css_class (error, "error");
  gtk_widget_add_css_class (error_icon, "error");
  adw_action_row_add_prefix (ADW_ACTION_ROW (error), error_icon);
  gtk_widget_set_visible (error, faulted);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), error);
  g_object_set_data (G_OBJECT (row), "error", error);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            combo_row (_ ("_Direction"), directions,
                                       liaison_field_map_get_direction (self->editing, i),
                                       "direction", row, self));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            combo_row (_ ("When Both _Change"), policies,
                                       liaison_field_map_get_policy (self->editing, i), "policy",
                                       row, self));

  names = g_strdup_printf ("%s ⇄ %s",
                           liaison_field_map_get_field (self->editing, i, LIAISON_SERVICE_LSQ),
                           liaison_field_map_get_field (self->editing, i, LIAISON_SERVICE_GHL));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (fields), _ ("Fields"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (fields), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (fields), names);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "destructive-action");
  g_object_set_data (G_OBJECT (remove), "pair-row", row);
  g_object_set_data (G_OBJECT (row), "remove", remove);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_clicked), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (fields), remove);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), fields);

  if (faulted)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  refresh_row_text (self, row);
  return row;
}

static void
rebuild_rows (LiaisonMappingPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pairs_list))) != NULL)
    gtk_list_box_remove (self->pairs_list, child);
  if (self->editing == NULL)
    return;
  for (guint i = 0; i < liaison_field_map_get_n_pairs (self->editing); i++)
    gtk_list_box_append (self->pairs_list, create_pair_row (self, i));
}

GtkWidget *
liaison_mapping_page_get_pair_row (LiaisonMappingPage *self, const char *key)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->pairs_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "pair-key"), key) == 0)
      return row;
  return NULL;
}

GtkWidget *
liaison_mapping_page_get_pair_part (GtkWidget *row, const char *part)
{
  return g_object_get_data (G_OBJECT (row), part);
}

LiaisonFieldMap *
liaison_mapping_page_get_editing (LiaisonMappingPage *self)
{
  return self->editing;
}

LiaisonAddPairDialog *
liaison_mapping_page_get_add_dialog (LiaisonMappingPage *self)
{
  return self->add_dialog;
}

/* Loading ------------------------------------------------------------------- */

static void
show_notice (LiaisonMappingPage *self)
{
  g_autoptr (GString) notice = g_string_new (NULL);

  for (guint s = 0; s < 2; s++)
    if (self->connection[s] != NULL && self->defs[s] == NULL)
      {
        if (notice->len > 0)
          g_string_append_c (notice, ' ');
        g_string_append_printf (notice,
                                /* Translators: %s is LeadSquared or HighLevel. */
                                _ ("The fields of %s are not known yet: refresh on the Contacts "
                                   "page to offer its custom fields and check the pairs."),
                                liaison_mapping_side_name (s));
      }
  gtk_label_set_label (self->notice_label, notice->str);
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), notice->len > 0);
}

static void
set_maps (LiaisonMappingPage *self, LiaisonFieldMap *saved)
{
  g_clear_object (&self->saved);
  g_clear_object (&self->editing);
  g_clear_pointer (&self->saved_json, g_free);
  self->saved = saved;
  liaison_field_map_set_field_defs (self->saved, self->defs[0], self->defs[1]);
  self->saved_json = map_json (self->saved);
  self->editing = liaison_field_map_copy (self->saved);
  clear_fault (self);
  rebuild_rows (self);
}

typedef struct
{
  GWeakRef *page;
  char *json; /* the saved map, or NULL */
  gint64 revision;
} LoadState;

static void
load_state_free (LoadState *state)
{
  if (state->page != NULL)
    liaison_weak_ref_free (state->page);
  g_free (state->json);
  g_free (state);
}

static void
on_defs_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LoadState *state = user_data;
  g_autoptr (LiaisonMappingPage) self = liaison_weak_ref_steal (g_steal_pointer (&state->page));
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) lsq_defs = NULL;
  g_autoptr (GPtrArray) ghl_defs = NULL;
  g_autoptr (LiaisonFieldMap) saved = NULL;
  g_autofree char *read_error = NULL;

  if (!liaison_field_defs_load_finish (LIAISON_STORE (source), result, &lsq_defs, &ghl_defs,
                                       &error))
    {
      if (self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_loading (self, FALSE);
          toast (self, error->message);
        }
      load_state_free (state);
      return;
    }
  if (self == NULL)
    {
      load_state_free (state);
      return;
    }

  for (guint s = 0; s < 2; s++)
    g_clear_pointer (&self->defs[s], g_ptr_array_unref);
  self->defs[LIAISON_SERVICE_LSQ] = g_steal_pointer (&lsq_defs);
  self->defs[LIAISON_SERVICE_GHL] = g_steal_pointer (&ghl_defs);

  if (state->json != NULL)
    {
      g_autoptr (JsonNode) node = json_from_string (state->json, &error);

      if (node != NULL)
        saved = liaison_field_map_new_from_json (node, &error);
      if (saved == NULL)
        read_error = g_strdup (error->message);
    }
  if (saved == NULL)
    {
      g_auto (GStrv) dropped = NULL;

      /* The defaults, less what this account lacks (not every LeadSquared account has every
       * address field), as the engine starts from them. */
      saved = liaison_field_map_new_default ();
      dropped = liaison_field_map_drop_missing (saved, self->defs[0], self->defs[1]);
    }
  set_maps (self, g_steal_pointer (&saved));
  show_notice (self);
  if (read_error != NULL)
    {
      g_autofree char *message = g_strdup_printf (
          _ ("The saved field pairs could not be read (%s). The defaults are shown; Save "
             "replaces the saved pairs with them."),
          read_error);

      gtk_label_set_label (self->notice_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->notice_label), TRUE);
    }
  gtk_stack_set_visible_child_name (self->stack, "pairs");
  set_loading (self, FALSE);
  load_state_free (state);
}

static void
on_mapping_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LoadState *state = user_data;
  g_autoptr (LiaisonMappingPage) self = g_weak_ref_get (state->page);
  g_autoptr (GError) error = NULL;

  state->json = liaison_store_load_mapping_finish (LIAISON_STORE (source), result, &state->revision,
                                                   &error);
  if (self == NULL || error != NULL)
    {
      if (self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_loading (self, FALSE);
          gtk_stack_set_visible_child_name (self->stack, "pairs");
          toast (self, error->message);
        }
      load_state_free (state);
      return;
    }
  liaison_field_defs_load_async (LIAISON_STORE (source), self->connection[0], self->connection[1],
                                 self->cancellable, on_defs_loaded, state);
}

static void
load (LiaisonMappingPage *self)
{
  LoadState *state;

  if (self->store == NULL || self->connection[0] == NULL || self->connection[1] == NULL)
    {
      set_maps (self, liaison_field_map_new_default ());
      gtk_stack_set_visible_child_name (self->stack, "empty");
      set_loading (self, FALSE);
      return;
    }
  set_loading (self, TRUE);
  state = g_new0 (LoadState, 1);
  state->page = liaison_weak_ref_new (self);
  liaison_store_load_mapping_async (self->store, self->cancellable, on_mapping_loaded, state);
}

void
liaison_mapping_page_reload (LiaisonMappingPage *self)
{
  g_return_if_fail (LIAISON_IS_MAPPING_PAGE (self));
  if (!liaison_mapping_page_get_modified (self) && !self->saving)
    load (self);
}

static void
on_records_changed (LiaisonStore *store, const char *connection_id, LiaisonRecordKind kind,
                    LiaisonMappingPage *self)
{
  /* New field definitions after a refresh: offer them and check against them. */
  if (kind == LIAISON_RECORD_FIELD && !self->loading)
    liaison_mapping_page_reload (self);
}

void
liaison_mapping_page_set_store (LiaisonMappingPage *self, LiaisonStore *store,
                                const char *lsq_connection, const char *ghl_connection)
{
  g_return_if_fail (LIAISON_IS_MAPPING_PAGE (self));

  if (self->store == store && g_strcmp0 (self->connection[0], lsq_connection) == 0
      && g_strcmp0 (self->connection[1], ghl_connection) == 0)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  g_free (self->connection[0]);
  g_free (self->connection[1]);
  self->connection[0] = g_strdup (lsq_connection);
  self->connection[1] = g_strdup (ghl_connection);
  self->saving = FALSE;
  if (store != NULL)
    g_signal_connect_object (store, "records-changed", G_CALLBACK (on_records_changed), self, 0);
  load (self);
}

/* Saving -------------------------------------------------------------------- */

/* The pair validation refuses first: the map is checked growing one pair at a time, so that a
 * field written twice is laid at the second pair's door and a bad field at its own. */
static char *
find_fault (LiaisonMappingPage *self, GError **error)
{
  guint n = liaison_field_map_get_n_pairs (self->editing);

  for (guint k = 0; k < n; k++)
    {
      g_autoptr (LiaisonFieldMap) prefix = liaison_field_map_copy (self->editing);
      g_autoptr (GError) local_error = NULL;

      for (guint j = n; j > k + 1; j--)
        liaison_field_map_remove_pair (prefix, liaison_field_map_get_key (self->editing, j - 1));
      if (!liaison_field_map_validate (prefix, self->defs[0], self->defs[1], &local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return g_strdup (liaison_field_map_get_key (self->editing, k));
        }
    }
  return NULL;
}

static void
on_saved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonMappingPage) self = liaison_weak_ref_steal (user_data);
  g_autoptr (GError) error = NULL;
  gint64 revision = 0;

  if (!liaison_store_save_mapping_finish (LIAISON_STORE (source), result, &revision, &error))
    {
      if (self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message
              = g_strdup_printf (_ ("The field pairs could not be saved: %s"), error->message);

          self->saving = FALSE;
          update_actions (self);
          toast (self, message);
        }
      return;
    }
  if (self == NULL)
    return;
  self->saving = FALSE;
  g_clear_object (&self->saved);
  g_clear_pointer (&self->saved_json, g_free);
  self->saved = liaison_field_map_copy (self->editing);
  self->saved_json = map_json (self->saved);
  update_actions (self);
  toast (self, _ ("Field pairs saved; the next sync uses them"));
}

static void
save_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonMappingPage *self = LIAISON_MAPPING_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;

  if (self->editing == NULL || self->saving)
    return;
  clear_fault (self);
  if (!liaison_field_map_validate (self->editing, self->defs[0], self->defs[1], &error))
    {
      g_autoptr (GError) fault_error = NULL;
      g_autofree char *key = find_fault (self, &fault_error);
      GtkWidget *row;

      self->fault_key = g_steal_pointer (&key);
      self->fault_message = g_strdup (fault_error != NULL ? fault_error->message : error->message);
      rebuild_rows (self);
      row = self->fault_key != NULL ? liaison_mapping_page_get_pair_row (self, self->fault_key)
                                    : NULL;
      if (row != NULL)
        gtk_widget_grab_focus (row);
      else
        toast (self, self->fault_message);
      return;
    }
  rebuild_rows (self);
  json = map_json (self->editing);
  self->saving = TRUE;
  update_actions (self);
  liaison_store_save_mapping_async (self->store, json, self->cancellable, on_saved,
                                    liaison_weak_ref_new (self));
}

static void
discard_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonMappingPage *self = LIAISON_MAPPING_PAGE (widget);

  if (self->saved == NULL)
    return;
  g_clear_object (&self->editing);
  self->editing = liaison_field_map_copy (self->saved);
  clear_fault (self);
  rebuild_rows (self);
  update_actions (self);
}

static void
reset_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonMappingPage *self = LIAISON_MAPPING_PAGE (widget);
  g_auto (GStrv) dropped = NULL;

  g_clear_object (&self->editing);
  self->editing = liaison_field_map_new_default ();
  dropped = liaison_field_map_drop_missing (self->editing, self->defs[0], self->defs[1]);
  liaison_field_map_set_field_defs (self->editing, self->defs[0], self->defs[1]);
  clear_fault (self);
  rebuild_rows (self);
  update_actions (self);
  if (dropped != NULL && dropped[0] != NULL)
    {
      g_autofree char *keys = g_strjoinv (", ", dropped);
      /* Translators: %s lists the pairs' keys, e.g. “state, website”. */
      g_autofree char *message
          = g_strdup_printf (_ ("Defaults back, without %s: these fields are missing"), keys);

      toast (self, message);
    }
}

/* Adding -------------------------------------------------------------------- */

static void
on_pair_chosen (LiaisonAddPairDialog *dialog, JsonObject *pair, LiaisonMappingPage *self)
{
  g_autoptr (GError) error = NULL;
  const char *lsq = json_object_get_string_member (pair, "lsq");
  g_autofree char *key = NULL;

  /* The LeadSquared field names the pair; once taken, a number follows. */
  key = g_strdup (lsq);
  for (guint n = 2; liaison_field_map_find (self->editing, key) >= 0; n++)
    {
      g_free (key);
      key = g_strdup_printf ("%s-%u", lsq, n);
    }
  json_object_set_string_member (pair, "key", key);
  if (!liaison_field_map_put_pair (self->editing, pair, &error))
    {
      liaison_add_pair_dialog_show_error (dialog, error->message);
      return;
    }
  liaison_field_map_set_field_defs (self->editing, self->defs[0], self->defs[1]);
  gtk_window_destroy (GTK_WINDOW (dialog));
  rebuild_rows (self);
  update_actions (self);
}

static void
on_add_dialog_destroyed (LiaisonMappingPage *self, GObject *where_the_dialog_was)
{
  self->add_dialog = NULL;
}

static void
add_pair_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonMappingPage *self = LIAISON_MAPPING_PAGE (widget);
  g_autoptr (GPtrArray) lsq = NULL;
  g_autoptr (GPtrArray) ghl = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->add_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->add_dialog));
      return;
    }
  lsq = liaison_mapping_field_choices (LIAISON_SERVICE_LSQ, self->defs[0]);
  ghl = liaison_mapping_field_choices (LIAISON_SERVICE_GHL, self->defs[1]);
  self->add_dialog
      = liaison_add_pair_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, lsq, ghl);
  g_object_weak_ref (G_OBJECT (self->add_dialog), (GWeakNotify) on_add_dialog_destroyed, self);
  g_signal_connect_object (self->add_dialog, "pair-chosen", G_CALLBACK (on_pair_chosen), self, 0);
  gtk_window_present (GTK_WINDOW (self->add_dialog));
}

/* Preview ------------------------------------------------------------------- */

static void
preview_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonMappingPage *self = LIAISON_MAPPING_PAGE (widget);

  if (liaison_mapping_page_get_modified (self))
    {
      toast (self, _ ("Save the field pairs first: the preview uses the saved ones"));
      return;
    }
  if (self->scheduler == NULL || !liaison_sync_scheduler_run (self->scheduler, "manual", TRUE))
    return;
  self->previewing = TRUE;
  gtk_label_set_label (self->preview_status, _ ("Reading both accounts…"));
  update_actions (self);
}

static void
on_scheduler_finished (LiaisonSyncScheduler *scheduler, LiaisonMappingPage *self)
{
  const LiaisonSyncResult *result = liaison_sync_scheduler_get_last_result (scheduler);
  const GError *error = liaison_sync_scheduler_get_last_error (scheduler);

  update_actions (self);
  if (!self->previewing || !liaison_sync_scheduler_get_last_dry_run (scheduler))
    return;
  self->previewing = FALSE;
  if (result == NULL || result->plan == NULL)
    {
      g_autofree char *message
          = g_strdup_printf (_ ("The preview could not be made: %s"),
                             error != NULL ? error->message : _ ("the engine gave no plan"));

      gtk_label_set_label (self->preview_status, message);
      return;
    }
  gtk_label_set_label (self->preview_status,
                       _ ("What a sync would write now. Nothing has been written."));
  liaison_plan_view_show (self->preview_box, result->plan);
}

static void
on_scheduler_changed (LiaisonSyncScheduler *scheduler, LiaisonMappingPage *self)
{
  update_actions (self);
}

void
liaison_mapping_page_set_scheduler (LiaisonMappingPage *self, LiaisonSyncScheduler *scheduler)
{
  g_return_if_fail (LIAISON_IS_MAPPING_PAGE (self));
  if (self->scheduler == scheduler)
    return;
  if (self->scheduler != NULL)
    g_signal_handlers_disconnect_by_data (self->scheduler, self);
  g_set_object (&self->scheduler, scheduler);
  self->previewing = FALSE;
  if (scheduler != NULL)
    {
      g_signal_connect_object (scheduler, "finished", G_CALLBACK (on_scheduler_finished), self, 0);
      g_signal_connect_object (scheduler, "started", G_CALLBACK (on_scheduler_changed), self, 0);
      g_signal_connect_object (scheduler, "schedule-changed", G_CALLBACK (on_scheduler_changed),
                               self, 0);
    }
  update_actions (self);
}

/* GObject ------------------------------------------------------------------- */

static void
liaison_mapping_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LiaisonMappingPage *self = LIAISON_MAPPING_PAGE (object);

  switch (prop_id)
    {
      case PROP_LOADING:
        g_value_set_boolean (value, self->loading);
        break;
      case PROP_MODIFIED:
        g_value_set_boolean (value, liaison_mapping_page_get_modified (self));
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
  if (self->add_dialog != NULL)
    {
      g_object_weak_unref (G_OBJECT (self->add_dialog), (GWeakNotify) on_add_dialog_destroyed,
                           self);
      gtk_window_destroy (GTK_WINDOW (self->add_dialog));
      self->add_dialog = NULL;
    }
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->scheduler != NULL)
    g_signal_handlers_disconnect_by_data (self->scheduler, self);
  g_clear_object (&self->scheduler);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_MAPPING_PAGE);
  /* The template's root is not a bound child, so it is unparented here. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->saved);
  g_clear_object (&self->editing);
  for (guint s = 0; s < 2; s++)
    {
      g_clear_pointer (&self->defs[s], g_ptr_array_unref);
      g_clear_pointer (&self->connection[s], g_free);
    }
  g_clear_pointer (&self->saved_json, g_free);
  clear_fault (self);

  G_OBJECT_CLASS (liaison_mapping_page_parent_class)->dispose (object);
}

static void
liaison_mapping_page_class_init (LiaisonMappingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_mapping_page_dispose;
  object_class->get_property = liaison_mapping_page_get_property;

  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/liaison-mapping-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonMappingPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMappingPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMappingPage, notice_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMappingPage, pairs_list);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMappingPage, save_revealer);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMappingPage, save_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMappingPage, preview_status);
  gtk_widget_class_bind_template_child (widget_class, LiaisonMappingPage, preview_box);

  gtk_widget_class_install_action (widget_class, "mapping.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "mapping.discard", NULL, discard_action);
  gtk_widget_class_install_action (widget_class, "mapping.reset", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "mapping.add-pair", NULL, add_pair_action);
  gtk_widget_class_install_action (widget_class, "mapping.preview", NULL, preview_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "mapping.save",
                                       NULL);
}

static void
liaison_mapping_page_init (LiaisonMappingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  load (self);
}
