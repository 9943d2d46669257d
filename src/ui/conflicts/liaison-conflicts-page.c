/* liaison-conflicts-page.c: the Conflicts page. A list box bound to the conflict list, one row
 * per conflict and a header per contact; each row answers itself (Take LeadSquared, Take
 * HighLevel, Edit, Always take ... for this field), a selection is answered from the action bar,
 * and Apply Now runs a sync that writes the answers.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-conflicts-page"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "liaison-conflicts-page.h"
#include "liaison-field-map.h"
#include "liaison-store-sync.h"

struct _LiaisonConflictsPage
{
  GtkWidget parent_instance;

  LiaisonConflictList *model;
  LiaisonSyncScheduler *scheduler;
  GCancellable *cancellable;
  guint busy;

  GtkStack *stack;
  GtkLabel *summary_label;
  GtkListBox *list;
  GtkRevealer *selection_revealer;
  GtkLabel *selection_label;
};

G_DEFINE_FINAL_TYPE (LiaisonConflictsPage, liaison_conflicts_page, GTK_TYPE_WIDGET)

enum
{
  MAPPING_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (LiaisonConflictsPage *self, const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_debug ("%s", message);
}

guint
liaison_conflicts_page_get_busy (LiaisonConflictsPage *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICTS_PAGE (self), 0);
  return self->busy;
}

static const char *
side_name (const char *side)
{
  return g_strcmp0 (side, "lsq") == 0 ? _ ("LeadSquared") : _ ("HighLevel");
}

static void
update_actions (LiaisonConflictsPage *self)
{
  gboolean can_sync = self->scheduler != NULL
                      && liaison_sync_scheduler_get_engine (self->scheduler) != NULL
                      && !liaison_sync_scheduler_get_running (self->scheduler);
  g_autoptr (GList) selected = gtk_list_box_get_selected_rows (self->list);
  guint n_selected = g_list_length (selected);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflicts.apply-now", can_sync);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflicts.take-selected",
                                 n_selected > 0 && self->busy == 0);
  gtk_revealer_set_reveal_child (self->selection_revealer, n_selected > 0);
  if (n_selected > 0)
    {
      g_autofree char *text = g_strdup_printf (
          g_dngettext (NULL, "%u conflict selected", "%u conflicts selected", n_selected),
          n_selected);

      gtk_label_set_label (self->selection_label, text);
    }
}

static void
update_summary (LiaisonConflictsPage *self)
{
  guint n = self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  g_autofree char *text
      = g_strdup_printf (g_dngettext (NULL, "%u open conflict", "%u open conflicts", n), n);

  gtk_label_set_label (self->summary_label, text);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  update_actions (self);
}

/* Answers ------------------------------------------------------------------ */

static void
end_busy (LiaisonConflictsPage *self)
{
  self->busy--;
  update_actions (self);
}

static void
on_resolved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonConflictsPage) self = user_data;
  g_autoptr (GError) error = NULL;
  guint n;

  n = liaison_conflict_list_resolve_finish (LIAISON_CONFLICT_LIST (source), result, &error);
  end_busy (self);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message
              = g_strdup_printf (_ ("The answer could not be recorded: %s"), error->message);

          toast (self, message);
        }
      return;
    }
  if (n > 1)
    {
      g_autofree char *message
          = g_strdup_printf (g_dngettext (NULL, "%u answer recorded; the next sync writes it",
                                          "%u answers recorded; the next sync writes them", n),
                             n);

      toast (self, message);
    }
}

static void
resolve (LiaisonConflictsPage *self, GArray *ids, const char *resolution, const char *value)
{
  if (self->model == NULL || ids->len == 0)
    return;
  self->busy++;
  update_actions (self);
  liaison_conflict_list_resolve_async (self->model, ids, resolution, value, self->cancellable,
                                       on_resolved, g_object_ref (self));
}

static void
take_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonConflictsPage *self = LIAISON_CONFLICTS_PAGE (widget);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id;
  const char *side;

  g_variant_get (parameter, "(x&s)", &id, &side);
  g_array_append_val (ids, id);
  resolve (self, ids, side, NULL);
}

static void
take_selected_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonConflictsPage *self = LIAISON_CONFLICTS_PAGE (widget);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GList) selected = gtk_list_box_get_selected_rows (self->list);

  for (GList *l = selected; l != NULL; l = l->next)
    {
      g_autoptr (LiaisonConflictItem) item = g_list_model_get_item (
          G_LIST_MODEL (self->model), gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (l->data)));

      if (item != NULL && liaison_conflict_item_get_kind (item) == LIAISON_CONFLICT_FIELD)
        {
          gint64 id = liaison_conflict_item_get_id (item);

          g_array_append_val (ids, id);
        }
    }
  gtk_list_box_unselect_all (self->list);
  resolve (self, ids, g_variant_get_string (parameter, NULL), NULL);
}

/* The text a person typed as the canonical value: a list for a set field ("a, b"), else text. */
static char *
edited_value (LiaisonConflictItem *item, const char *text)
{
  const LiaisonStoreConflict *c = liaison_conflict_item_get_conflict (item);
  g_autoptr (JsonNode) sample = c->lsq_value ? json_from_string (c->lsq_value, NULL) : NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  if (*trimmed == '\0')
    node = json_node_new (JSON_NODE_NULL);
  else if (sample != NULL && JSON_NODE_HOLDS_ARRAY (sample))
    {
      g_auto (GStrv) parts = g_strsplit (trimmed, ",", -1);
      JsonArray *array = json_array_new ();

      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_strstrip (parts[i]);
          if (*parts[i] != '\0')
            json_array_add_string_element (array, parts[i]);
        }
      node = json_node_init_array (json_node_alloc (), array);
      json_array_unref (array);
    }
  else
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, trimmed);
    }
  return json_to_string (node, FALSE);
}

static void
on_edit_activated (GtkWidget *widget, LiaisonConflictsPage *self)
{
  GtkEntry *entry = g_object_get_data (G_OBJECT (widget), "entry");
  LiaisonConflictItem *item = g_object_get_data (G_OBJECT (entry), "item");
  GtkWidget *popover = gtk_widget_get_ancestor (widget, GTK_TYPE_POPOVER);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *value = edited_value (item, gtk_editable_get_text (GTK_EDITABLE (entry)));
  gint64 id = liaison_conflict_item_get_id (item);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  g_array_append_val (ids, id);
  resolve (self, ids, "edited", value);
}

/* "Always take ..." : the pair's policy changes in the saved map, and the open conflicts of that
 * field are answered the same way. */
typedef struct
{
  LiaisonConflictsPage *self;
  char *field;
  char *side;
} AlwaysData;

static void
always_data_free (AlwaysData *data)
{
  g_object_unref (data->self);
  g_free (data->field);
  g_free (data->side);
  g_free (data);
}

static void
resolve_field (LiaisonConflictsPage *self, const char *field, const char *side)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->model)); i++)
    {
      g_autoptr (LiaisonConflictItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), i);

      if (liaison_conflict_item_get_kind (item) == LIAISON_CONFLICT_FIELD
          && g_strcmp0 (liaison_conflict_item_get_field (item), field) == 0)
        {
          gint64 id = liaison_conflict_item_get_id (item);

          g_array_append_val (ids, id);
        }
    }
  resolve (self, ids, side, NULL);
}

static void
on_policy_saved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AlwaysData *data = user_data;
  LiaisonConflictsPage *self = data->self;
  g_autoptr (GError) error = NULL;

  end_busy (self);
  if (!liaison_store_save_mapping_finish (LIAISON_STORE (source), result, NULL, &error))
    {
      g_autofree char *message
          = g_strdup_printf (_ ("The field’s policy could not be saved: %s"), error->message);

      toast (self, message);
    }
  else if (self->model != NULL)
    {
      g_autofree char *message = g_strdup_printf (
          /* Translators: %s is the field's key, then LeadSquared or HighLevel. */
          _ ("From now on “%s” takes the %s value when both change"), data->field,
          side_name (data->side));

      g_signal_emit (self, signals[MAPPING_CHANGED], 0);
      resolve_field (self, data->field, data->side);
      toast (self, message);
    }
  always_data_free (data);
}

static void
on_policy_mapping_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AlwaysData *data = user_data;
  LiaisonConflictsPage *self = data->self;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *saved = NULL;
  g_autoptr (LiaisonFieldMap) map = NULL;
  g_autoptr (JsonNode) out = NULL;
  int i;

  json = liaison_store_load_mapping_finish (LIAISON_STORE (source), result, NULL, &error);
  if (error == NULL && json != NULL)
    {
      g_autoptr (JsonNode) node = json_from_string (json, &error);

      if (node != NULL)
        map = liaison_field_map_new_from_json (node, &error);
    }
  else if (error == NULL)
    map = liaison_field_map_new_default ();
  if (map == NULL || (i = liaison_field_map_find (map, data->field)) < 0)
    {
      g_autofree char *message
          = error != NULL
                ? g_strdup_printf (_ ("The field’s policy could not be saved: %s"), error->message)
                : g_strdup_printf (_ ("The field pairs no longer hold “%s”: answer the "
                                      "conflict with Take instead"),
                                   data->field);

      end_busy (self);
      toast (self, message);
      always_data_free (data);
      return;
    }
  liaison_field_map_set_policy (map, i,
                                g_strcmp0 (data->side, "lsq") == 0 ? LIAISON_POLICY_LSQ_WINS
                                                                   : LIAISON_POLICY_GHL_WINS);
  out = liaison_field_map_to_json (map);
  saved = json_to_string (out, FALSE);
  liaison_store_save_mapping_async (LIAISON_STORE (source), saved, self->cancellable,
                                    on_policy_saved, data);
}

static void
always_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonConflictsPage *self = LIAISON_CONFLICTS_PAGE (widget);
  AlwaysData *data;

  if (self->model == NULL)
    return;
  data = g_new0 (AlwaysData, 1);
  data->self = g_object_ref (self);
  g_variant_get (parameter, "(ss)", &data->field, &data->side);
  self->busy++;
  update_actions (self);
  liaison_store_load_mapping_async (liaison_conflict_list_get_store (self->model),
                                    self->cancellable, on_policy_mapping_loaded, data);
}

static void
on_answered (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonConflictsPage) self = user_data;
  g_autoptr (GError) error = NULL;

  end_busy (self);
  if (!liaison_conflict_list_answer_finish (LIAISON_CONFLICT_LIST (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message
          = g_strdup_printf (_ ("The answer could not be recorded: %s"), error->message);

      toast (self, message);
    }
}

static void
link_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonConflictsPage *self = LIAISON_CONFLICTS_PAGE (widget);
  const char *lsq_id, *ghl_id;
  gint64 id;

  g_variant_get (parameter, "(x&s&s)", &id, &lsq_id, &ghl_id);
  self->busy++;
  liaison_conflict_list_link_async (self->model, id, lsq_id, ghl_id, self->cancellable, on_answered,
                                    g_object_ref (self));
}

static void
keep_apart_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonConflictsPage *self = LIAISON_CONFLICTS_PAGE (widget);

  self->busy++;
  liaison_conflict_list_keep_apart_async (self->model, g_variant_get_int64 (parameter),
                                          self->cancellable, on_answered, g_object_ref (self));
}

static void
apply_now_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonConflictsPage *self = LIAISON_CONFLICTS_PAGE (widget);

  if (self->scheduler != NULL && liaison_sync_scheduler_run (self->scheduler, "manual", FALSE))
    toast (self, _ ("Syncing: the answers are being written to both services"));
  update_actions (self);
}

/* Rows --------------------------------------------------------------------- */

static GtkWidget *
value_column (const char *title, const char *value)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *label = gtk_label_new (value != NULL && *value != '\0' ? value : _ ("(empty)"));

  gtk_widget_add_css_class (heading, "caption-heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (value == NULL || *value == '\0')
    gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_hexpand (box, TRUE);
  return box;
}

static GtkWidget *
action_button (const char *label, const char *action, GVariant *target)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

static GtkWidget *
create_edit_button (LiaisonConflictsPage *self, LiaisonConflictItem *item)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_ ("_Value to keep on both sides"));
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *use = gtk_button_new_with_mnemonic (_ ("_Use This Value"));
  g_autofree char *current = liaison_conflict_item_dup_display_value (item, "lsq");

  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _ ("_Edit…"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (button), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), current);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), FALSE);
  gtk_widget_set_size_request (entry, 240, -1);
  gtk_widget_add_css_class (use, "suggested-action");
  g_object_set_data_full (G_OBJECT (entry), "item", g_object_ref (item), g_object_unref);
  g_object_set_data (G_OBJECT (use), "entry", entry);
  g_object_set_data (G_OBJECT (entry), "entry", entry);
  g_signal_connect_object (use, "clicked", G_CALLBACK (on_edit_activated), self, 0);
  g_signal_connect_object (entry, "activate", G_CALLBACK (on_edit_activated), self, 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), use);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  g_object_set_data (G_OBJECT (button), "entry", entry);
  return button;
}

static GtkWidget *
create_always_button (LiaisonConflictItem *item)
{
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenuItem) lsq = g_menu_item_new (_ ("Always Take _LeadSquared for This Field"), NULL);
  g_autoptr (GMenuItem) ghl = g_menu_item_new (_ ("Always Take _HighLevel for This Field"), NULL);
  GtkWidget *button = gtk_menu_button_new ();
  const char *field = liaison_conflict_item_get_field (item);

  g_menu_item_set_action_and_target_value (lsq, "conflicts.always",
                                           g_variant_new ("(ss)", field, "lsq"));
  g_menu_item_set_action_and_target_value (ghl, "conflicts.always",
                                           g_variant_new ("(ss)", field, "ghl"));
  g_menu_append_item (menu, lsq);
  g_menu_append_item (menu, ghl);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (button, _ ("More Answers"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("More Answers"), -1);
  return button;
}

static GtkWidget *
buttons_box (void)
{
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_widget_set_halign (flow, GTK_ALIGN_START);
  return flow;
}

static void
flow_append (GtkWidget *flow, GtkWidget *child)
{
  gtk_flow_box_append (GTK_FLOW_BOX (flow), child);
  gtk_widget_set_focusable (gtk_widget_get_parent (child), FALSE);
}

static GtkWidget *
create_field_content (LiaisonConflictsPage *self, LiaisonConflictItem *item, GtkWidget *box)
{
  gint64 id = liaison_conflict_item_get_id (item);
  g_autofree char *base = liaison_conflict_item_dup_display_value (item, "base");
  g_autofree char *lsq = liaison_conflict_item_dup_display_value (item, "lsq");
  g_autofree char *ghl = liaison_conflict_item_dup_display_value (item, "ghl");
  GtkWidget *title = gtk_label_new (liaison_conflict_item_get_field (item));
  GtkWidget *values = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *buttons = buttons_box ();
  GtkWidget *take_lsq = action_button (_ ("Take _LeadSquared"), "conflicts.take",
                                       g_variant_new ("(xs)", id, "lsq"));
  GtkWidget *take_ghl
      = action_button (_ ("Take _HighLevel"), "conflicts.take", g_variant_new ("(xs)", id, "ghl"));
  g_autofree char *description = NULL;

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_box_set_homogeneous (GTK_BOX (values), TRUE);
  gtk_box_append (GTK_BOX (values), value_column (_ ("Before"), base));
  gtk_box_append (GTK_BOX (values), value_column (_ ("LeadSquared"), lsq));
  gtk_box_append (GTK_BOX (values), value_column (_ ("HighLevel"), ghl));
  flow_append (buttons, take_lsq);
  flow_append (buttons, take_ghl);
  flow_append (buttons, create_edit_button (self, item));
  flow_append (buttons, create_always_button (item));
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), values);
  gtk_box_append (GTK_BOX (box), buttons);
  /* Translators: a conflict read out: field, the value before, LeadSquared's, HighLevel's. */
  description = g_strdup_printf (
      _ ("%s: before %s, LeadSquared %s, HighLevel %s"), liaison_conflict_item_get_field (item),
      *base ? base : _ ("(empty)"), *lsq ? lsq : _ ("(empty)"), *ghl ? ghl : _ ("(empty)"));
  return g_object_ref_sink (gtk_label_new (description));
}

static void
create_ambiguous_content (LiaisonConflictsPage *self, LiaisonConflictItem *item, GtkWidget *box)
{
  gint64 id = liaison_conflict_item_get_id (item);
  g_auto (GStrv) lsq = liaison_conflict_item_dup_candidates (item, LIAISON_SERVICE_LSQ);
  g_auto (GStrv) ghl = liaison_conflict_item_dup_candidates (item, LIAISON_SERVICE_GHL);
  GtkWidget *title = gtk_label_new (_ ("Several Possible Matches"));
  g_autofree char *text = g_strdup_printf (
      _ ("LeadSquared has %u and HighLevel %u records that could be this person. Link the right "
         "two, or keep them apart."),
      g_strv_length (lsq), g_strv_length (ghl));
  GtkWidget *detail = gtk_label_new (text);
  GtkWidget *buttons = buttons_box ();

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), detail);
  for (guint i = 0; lsq[i] != NULL; i++)
    for (guint j = 0; ghl[j] != NULL; j++)
      {
        /* Translators: link a LeadSquared record with a HighLevel record, by their ids. */
        g_autofree char *label = g_strdup_printf (_ ("Link %s with %s"), lsq[i], ghl[j]);
        GtkWidget *button
            = action_button (label, "conflicts.link", g_variant_new ("(xss)", id, lsq[i], ghl[j]));

        gtk_button_set_use_underline (GTK_BUTTON (button), FALSE);
        flow_append (buttons, button);
      }
  flow_append (buttons,
               action_button (_ ("_Keep Apart"), "conflicts.keep-apart", g_variant_new_int64 (id)));
  gtk_box_append (GTK_BOX (box), buttons);
}

static GtkWidget *
create_row (gpointer object, gpointer user_data)
{
  LiaisonConflictsPage *self = user_data;
  LiaisonConflictItem *item = object;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  if (liaison_conflict_item_get_kind (item) == LIAISON_CONFLICT_FIELD)
    {
      g_autoptr (GtkWidget) description = create_field_content (self, item, box);

      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_label_get_label (GTK_LABEL (description)), -1);
    }
  else
    create_ambiguous_content (self, item, box);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set_data_full (
      G_OBJECT (row), "conflict-id",
      g_strdup_printf ("%" G_GINT64_FORMAT, liaison_conflict_item_get_id (item)), g_free);
  return row;
}

static void
update_header (GtkListBoxRow *row, GtkListBoxRow *before, gpointer user_data)
{
  LiaisonConflictsPage *self = user_data;
  GListModel *model = G_LIST_MODEL (self->model);
  g_autoptr (LiaisonConflictItem) item
      = model != NULL ? g_list_model_get_item (model, gtk_list_box_row_get_index (row)) : NULL;
  g_autoptr (LiaisonConflictItem) previous
      = model != NULL && before != NULL
            ? g_list_model_get_item (model, gtk_list_box_row_get_index (before))
            : NULL;
  const LiaisonStoreConflict *c;
  GtkWidget *header, *name, *email;

  if (item == NULL
      || (previous != NULL
          && g_strcmp0 (liaison_conflict_item_get_group (item),
                        liaison_conflict_item_get_group (previous))
                 == 0))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  c = liaison_conflict_item_get_conflict (item);
  header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  name = gtk_label_new (liaison_conflict_item_get_contact_name (item));
  email = gtk_label_new (c->email);
  gtk_widget_add_css_class (name, "title-4");
  gtk_widget_add_css_class (email, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (email), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_ellipsize (GTK_LABEL (email), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_tooltip_text (email, c->email);
  gtk_widget_set_visible (
      email,
      c->email != NULL && g_strcmp0 (c->email, liaison_conflict_item_get_contact_name (item)) != 0);
  gtk_widget_set_margin_top (header, 12);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);
  gtk_box_append (GTK_BOX (header), name);
  gtk_box_append (GTK_BOX (header), email);
  gtk_list_box_row_set_header (row, header);
}

/* Model -------------------------------------------------------------------- */

static void
on_items_changed (GListModel *model, guint position, guint removed, guint added,
                  LiaisonConflictsPage *self)
{
  update_summary (self);
}

void
liaison_conflicts_page_set_model (LiaisonConflictsPage *self, LiaisonConflictList *model)
{
  g_return_if_fail (LIAISON_IS_CONFLICTS_PAGE (self));

  if (self->model == model)
    return;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (model), model != NULL ? create_row : NULL,
                           self, NULL);
  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (on_items_changed), self,
                             G_CONNECT_AFTER);
  update_summary (self);
}

LiaisonConflictList *
liaison_conflicts_page_get_model (LiaisonConflictsPage *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICTS_PAGE (self), NULL);
  return self->model;
}

static void
on_scheduler_changed (LiaisonSyncScheduler *scheduler, LiaisonConflictsPage *self)
{
  update_actions (self);
}

void
liaison_conflicts_page_set_scheduler (LiaisonConflictsPage *self, LiaisonSyncScheduler *scheduler)
{
  g_return_if_fail (LIAISON_IS_CONFLICTS_PAGE (self));

  if (self->scheduler == scheduler)
    return;
  if (self->scheduler != NULL)
    g_signal_handlers_disconnect_by_data (self->scheduler, self);
  g_set_object (&self->scheduler, scheduler);
  if (scheduler != NULL)
    {
      g_signal_connect_object (scheduler, "started", G_CALLBACK (on_scheduler_changed), self, 0);
      g_signal_connect_object (scheduler, "finished", G_CALLBACK (on_scheduler_changed), self, 0);
      g_signal_connect_object (scheduler, "schedule-changed", G_CALLBACK (on_scheduler_changed),
                               self, 0);
    }
  update_actions (self);
}

static void
on_selected_rows_changed (GtkListBox *list, LiaisonConflictsPage *self)
{
  update_actions (self);
}

/* GObject ------------------------------------------------------------------ */

static void
liaison_conflicts_page_dispose (GObject *object)
{
  LiaisonConflictsPage *self = LIAISON_CONFLICTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->scheduler != NULL)
    g_signal_handlers_disconnect_by_data (self->scheduler, self);
  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_CONFLICTS_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->model);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (liaison_conflicts_page_parent_class)->dispose (object);
}

static void
liaison_conflicts_page_class_init (LiaisonConflictsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_conflicts_page_dispose;

  /* The saved field map changed (a field's policy): the Field Mapping page reads it again. */
  signals[MAPPING_CHANGED] = g_signal_new ("mapping-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/liaison-conflicts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonConflictsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConflictsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConflictsPage, list);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConflictsPage, selection_revealer);
  gtk_widget_class_bind_template_child (widget_class, LiaisonConflictsPage, selection_label);

  gtk_widget_class_install_action (widget_class, "conflicts.take", "(xs)", take_action);
  gtk_widget_class_install_action (widget_class, "conflicts.take-selected", "s",
                                   take_selected_action);
  gtk_widget_class_install_action (widget_class, "conflicts.always", "(ss)", always_action);
  gtk_widget_class_install_action (widget_class, "conflicts.link", "(xss)", link_action);
  gtk_widget_class_install_action (widget_class, "conflicts.keep-apart", "x", keep_apart_action);
  gtk_widget_class_install_action (widget_class, "conflicts.apply-now", NULL, apply_now_action);
}

static void
liaison_conflicts_page_init (LiaisonConflictsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_list_box_set_header_func (self->list, update_header, self, NULL);
  g_signal_connect_object (self->list, "selected-rows-changed",
                           G_CALLBACK (on_selected_rows_changed), self, 0);
  update_summary (self);
}
