/* liaison-add-pair-dialog.c: the Add Field Pair dialog. Each side lists its fields (standard and
 * custom) under a search entry; choosing both proposes a transform from their types, which the
 * person may change, with the direction and the conflict policy.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-mapping-page"

#include <glib/gi18n.h>
#include <string.h>

#include "liaison-add-pair-dialog.h"
#include "liaison-mapping-fields.h"

/* The transforms offered here: those that need no table of their own. */
static const LiaisonTransform offered_transforms[] = {
  LIAISON_TRANSFORM_NONE, LIAISON_TRANSFORM_TRIM, LIAISON_TRANSFORM_CASE,
  LIAISON_TRANSFORM_E164, LIAISON_TRANSFORM_DATE, LIAISON_TRANSFORM_SET,
};

typedef struct
{
  GtkSearchEntry *search;
  GtkListBox *list;
  GPtrArray *fields; /* LiaisonFieldDef, in the list's order */
  char *folded;      /* the search text */
} Side;

struct _LiaisonAddPairDialog
{
  AdwWindow parent_instance;

  Side sides[2];

  GtkLabel *error_label;
  GtkFlowBox *sides_box;
  AdwComboRow *direction_row;
  AdwComboRow *transform_row;
  AdwComboRow *policy_row;
};

G_DEFINE_FINAL_TYPE (LiaisonAddPairDialog, liaison_add_pair_dialog, ADW_TYPE_WINDOW)

enum
{
  PAIR_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static LiaisonFieldDef *
selected_field (LiaisonAddPairDialog *self, LiaisonSide side)
{
  GtkListBoxRow *row;

  /* While the dialog goes, its lists announce their rows' removal. */
  if (self->sides[side].fields == NULL || self->sides[side].list == NULL)
    return NULL;
  row = gtk_list_box_get_selected_row (self->sides[side].list);
  if (row == NULL)
    return NULL;
  return g_ptr_array_index (self->sides[side].fields, gtk_list_box_row_get_index (row));
}

static LiaisonTransform
proposed_transform (LiaisonFieldType lsq, LiaisonFieldType ghl)
{
  if (lsq == LIAISON_FIELD_TYPE_PHONE || ghl == LIAISON_FIELD_TYPE_PHONE)
    return LIAISON_TRANSFORM_E164;
  if (lsq == LIAISON_FIELD_TYPE_EMAIL || ghl == LIAISON_FIELD_TYPE_EMAIL)
    return LIAISON_TRANSFORM_CASE;
  if (lsq == LIAISON_FIELD_TYPE_DATE || lsq == LIAISON_FIELD_TYPE_DATE_TIME
      || ghl == LIAISON_FIELD_TYPE_DATE || ghl == LIAISON_FIELD_TYPE_DATE_TIME)
    return LIAISON_TRANSFORM_DATE;
  if (lsq == LIAISON_FIELD_TYPE_MULTIPLE_OPTIONS || ghl == LIAISON_FIELD_TYPE_MULTIPLE_OPTIONS
      || ghl == LIAISON_FIELD_TYPE_TEXT_LIST)
    return LIAISON_TRANSFORM_SET;
  return LIAISON_TRANSFORM_NONE;
}

static void
update_add (LiaisonAddPairDialog *self)
{
  LiaisonFieldDef *lsq = selected_field (self, LIAISON_SERVICE_LSQ);
  LiaisonFieldDef *ghl = selected_field (self, LIAISON_SERVICE_GHL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pair.add", lsq != NULL && ghl != NULL);
}

static void
on_row_selected (GtkListBox *list, GtkListBoxRow *row, LiaisonAddPairDialog *self)
{
  LiaisonFieldDef *lsq = selected_field (self, LIAISON_SERVICE_LSQ);
  LiaisonFieldDef *ghl = selected_field (self, LIAISON_SERVICE_GHL);

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  if (lsq != NULL && ghl != NULL)
    {
      LiaisonTransform transform = proposed_transform (liaison_field_def_get_data_type (lsq),
                                                       liaison_field_def_get_data_type (ghl));

      for (guint i = 0; i < G_N_ELEMENTS (offered_transforms); i++)
        if (offered_transforms[i] == transform)
          adw_combo_row_set_selected (self->transform_row, i);
    }
  update_add (self);
}

static char *
fold (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text != NULL ? text : "", -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normal, -1);
}

static gboolean
filter_row (GtkListBoxRow *row, gpointer user_data)
{
  Side *side = user_data;
  LiaisonFieldDef *def;
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;

  if (side->folded == NULL || *side->folded == '\0')
    return TRUE;
  def = g_ptr_array_index (side->fields, gtk_list_box_row_get_index (row));
  name = fold (liaison_field_def_get_name (def));
  id = fold (liaison_field_def_get_key (def));
  return strstr (name, side->folded) != NULL || strstr (id, side->folded) != NULL;
}

static void
on_search_changed (GtkSearchEntry *entry, LiaisonAddPairDialog *self)
{
  Side *side = &self->sides[entry == self->sides[0].search ? 0 : 1];

  g_free (side->folded);
  side->folded = fold (gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_list_box_invalidate_filter (side->list);
}

static const char *
type_label (LiaisonFieldType type)
{
  switch (type)
    {
      case LIAISON_FIELD_TYPE_LARGE_TEXT:
        return _ ("Long text");
      case LIAISON_FIELD_TYPE_NUMBER:
        return _ ("Number");
      case LIAISON_FIELD_TYPE_MONEY:
        return _ ("Money");
      case LIAISON_FIELD_TYPE_PHONE:
        return _ ("Phone");
      case LIAISON_FIELD_TYPE_EMAIL:
        return _ ("Email");
      case LIAISON_FIELD_TYPE_URL:
        return _ ("Web address");
      case LIAISON_FIELD_TYPE_DATE:
        return _ ("Date");
      case LIAISON_FIELD_TYPE_DATE_TIME:
        return _ ("Date and time");
      case LIAISON_FIELD_TYPE_TIME:
        return _ ("Time");
      case LIAISON_FIELD_TYPE_BOOLEAN:
        return _ ("Yes or no");
      case LIAISON_FIELD_TYPE_SINGLE_OPTION:
        return _ ("One option");
      case LIAISON_FIELD_TYPE_MULTIPLE_OPTIONS:
        return _ ("Several options");
      case LIAISON_FIELD_TYPE_TEXT_LIST:
        return _ ("List");
      case LIAISON_FIELD_TYPE_FILE:
        return _ ("File");
      case LIAISON_FIELD_TYPE_OTHER:
        return _ ("Other");
      case LIAISON_FIELD_TYPE_TEXT:
      default:
        return _ ("Text");
    }
}

static GtkWidget *
create_field_row (LiaisonSide side, LiaisonFieldDef *def)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (liaison_field_def_get_name (def));
  g_autofree char *detail = NULL;
  GtkWidget *detail_label;

  if (liaison_field_def_get_is_custom (def))
    /* Translators: a field's technical name, its type, and that it is a custom field. */
    detail = g_strdup_printf (_ ("%s · %s · custom"), liaison_field_def_get_key (def),
                              type_label (liaison_field_def_get_data_type (def)));
  else
    /* Translators: a field's technical name and its type. */
    detail = g_strdup_printf (_ ("%s · %s"), liaison_field_def_get_key (def),
                              type_label (liaison_field_def_get_data_type (def)));
  detail_label = gtk_label_new (detail);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_tooltip_text (detail_label, detail);
  gtk_widget_add_css_class (detail_label, "dim-label");
  gtk_widget_add_css_class (detail_label, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail_label);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  liaison_field_def_get_name (def),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, detail, -1);
  return row;
}

static GtkWidget *
create_side (LiaisonAddPairDialog *self, LiaisonSide side_id, GPtrArray *fields)
{
  Side *side = &self->sides[side_id];
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new_with_mnemonic (
      side_id == LIAISON_SERVICE_LSQ ? _ ("_LeadSquared Field") : _ ("_HighLevel Field"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *frame = gtk_frame_new (NULL);

  side->fields = g_ptr_array_ref (fields);
  side->search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  side->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_mnemonic_widget (GTK_LABEL (heading), GTK_WIDGET (side->search));
  gtk_search_entry_set_key_capture_widget (side->search, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (side->search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  side_id == LIAISON_SERVICE_LSQ ? _ ("Search LeadSquared fields")
                                                                 : _ ("Search HighLevel fields"),
                                  -1);
  g_signal_connect_object (side->search, "search-changed", G_CALLBACK (on_search_changed), self, 0);

  for (guint i = 0; i < fields->len; i++)
    gtk_list_box_append (side->list, create_field_row (side_id, g_ptr_array_index (fields, i)));
  gtk_list_box_set_selection_mode (side->list, GTK_SELECTION_SINGLE);
  gtk_list_box_set_filter_func (side->list, filter_row, side, NULL);
  g_signal_connect_object (side->list, "row-selected", G_CALLBACK (on_row_selected), self, 0);
  gtk_accessible_update_property (
      GTK_ACCESSIBLE (side->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
      side_id == LIAISON_SERVICE_LSQ ? _ ("LeadSquared fields") : _ ("HighLevel fields"), -1);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (side->list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (scrolled, -1, 260);
  gtk_frame_set_child (GTK_FRAME (frame), scrolled);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (side->search));
  gtk_box_append (GTK_BOX (box), frame);
  return box;
}

static void
add_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonAddPairDialog *self = LIAISON_ADD_PAIR_DIALOG (widget);
  LiaisonFieldDef *lsq = selected_field (self, LIAISON_SERVICE_LSQ);
  LiaisonFieldDef *ghl = selected_field (self, LIAISON_SERVICE_GHL);
  guint transform_index = adw_combo_row_get_selected (self->transform_row);
  LiaisonTransform transform = transform_index < G_N_ELEMENTS (offered_transforms)
                                   ? offered_transforms[transform_index]
                                   : LIAISON_TRANSFORM_NONE;
  g_autoptr (JsonObject) pair = json_object_new ();

  if (lsq == NULL || ghl == NULL)
    return;
  json_object_set_string_member (pair, "lsq",
                                 liaison_mapping_field_name (LIAISON_SERVICE_LSQ, lsq));
  json_object_set_string_member (pair, "ghl",
                                 liaison_mapping_field_name (LIAISON_SERVICE_GHL, ghl));
  json_object_set_string_member (
      pair, "direction",
      liaison_sync_direction_to_string (adw_combo_row_get_selected (self->direction_row)));
  json_object_set_string_member (pair, "transform", liaison_transform_to_string (transform));
  if (transform == LIAISON_TRANSFORM_CASE)
    json_object_set_string_member (pair, "case", "fold");
  else if (transform == LIAISON_TRANSFORM_DATE)
    json_object_set_string_member (
        pair, "format",
        liaison_field_def_get_data_type (lsq) == LIAISON_FIELD_TYPE_DATE_TIME
                && liaison_field_def_get_data_type (ghl) == LIAISON_FIELD_TYPE_DATE_TIME
            ? "date-time"
            : "date");
  json_object_set_string_member (
      pair, "policy",
      liaison_conflict_policy_to_string (adw_combo_row_get_selected (self->policy_row)));
  g_signal_emit (self, signals[PAIR_CHOSEN], 0, pair);
}

void
liaison_add_pair_dialog_show_error (LiaisonAddPairDialog *self, const char *message)
{
  g_return_if_fail (LIAISON_IS_ADD_PAIR_DIALOG (self));
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

gboolean
liaison_add_pair_dialog_select (LiaisonAddPairDialog *self, LiaisonSide side, const char *name)
{
  g_return_val_if_fail (LIAISON_IS_ADD_PAIR_DIALOG (self), FALSE);
  for (guint i = 0; i < self->sides[side].fields->len; i++)
    if (g_strcmp0 (
            liaison_mapping_field_name (side, g_ptr_array_index (self->sides[side].fields, i)),
            name)
        == 0)
      {
        gtk_list_box_select_row (self->sides[side].list,
                                 gtk_list_box_get_row_at_index (self->sides[side].list, i));
        return TRUE;
      }
  return FALSE;
}

guint
liaison_add_pair_dialog_count_shown (LiaisonAddPairDialog *self, LiaisonSide side)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sides[side].list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    n += gtk_widget_get_child_visible (row);
  return n;
}

LiaisonAddPairDialog *
liaison_add_pair_dialog_new (GtkWindow *parent, GPtrArray *lsq_fields, GPtrArray *ghl_fields)
{
  LiaisonAddPairDialog *self
      = g_object_new (LIAISON_TYPE_ADD_PAIR_DIALOG, "transient-for", parent, NULL);
  GtkWidget *lsq = create_side (self, LIAISON_SERVICE_LSQ, lsq_fields);
  GtkWidget *ghl = create_side (self, LIAISON_SERVICE_GHL, ghl_fields);

  gtk_flow_box_append (self->sides_box, lsq);
  gtk_flow_box_append (self->sides_box, ghl);
  /* The flow box's own children would take focus between the lists: only their content may. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sides_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->sides[0].search));
  update_add (self);
  return self;
}

static void
liaison_add_pair_dialog_dispose (GObject *object)
{
  LiaisonAddPairDialog *self = LIAISON_ADD_PAIR_DIALOG (object);

  for (guint s = 0; s < 2; s++)
    {
      if (self->sides[s].list != NULL)
        g_signal_handlers_disconnect_by_data (self->sides[s].list, self);
      self->sides[s].list = NULL;
      g_clear_pointer (&self->sides[s].fields, g_ptr_array_unref);
      g_clear_pointer (&self->sides[s].folded, g_free);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_ADD_PAIR_DIALOG);
  G_OBJECT_CLASS (liaison_add_pair_dialog_parent_class)->dispose (object);
}

static void
liaison_add_pair_dialog_class_init (LiaisonAddPairDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_add_pair_dialog_dispose;

  signals[PAIR_CHOSEN] = g_signal_new ("pair-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, JSON_TYPE_OBJECT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/liaison-add-pair-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonAddPairDialog, error_label);
  gtk_widget_class_bind_template_child_full (widget_class, "sides", FALSE,
                                             G_STRUCT_OFFSET (LiaisonAddPairDialog, sides_box));
  gtk_widget_class_bind_template_child (widget_class, LiaisonAddPairDialog, direction_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonAddPairDialog, transform_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonAddPairDialog, policy_row);
  gtk_widget_class_install_action (widget_class, "pair.add", NULL, add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
liaison_add_pair_dialog_init (LiaisonAddPairDialog *self)
{
  const char *directions[] = { liaison_mapping_direction_label (LIAISON_SYNC_BOTH),
                               liaison_mapping_direction_label (LIAISON_SYNC_TO_GHL),
                               liaison_mapping_direction_label (LIAISON_SYNC_TO_LSQ), NULL };
  const char *policies[] = { liaison_mapping_policy_label (LIAISON_POLICY_ASK),
                             liaison_mapping_policy_label (LIAISON_POLICY_LSQ_WINS),
                             liaison_mapping_policy_label (LIAISON_POLICY_GHL_WINS),
                             liaison_mapping_policy_label (LIAISON_POLICY_NEWEST_WINS), NULL };
  const char *transforms[G_N_ELEMENTS (offered_transforms) + 1] = { NULL };
  g_autoptr (GtkStringList) direction_model = gtk_string_list_new (directions);
  g_autoptr (GtkStringList) policy_model = gtk_string_list_new (policies);
  g_autoptr (GtkStringList) transform_model = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (offered_transforms); i++)
    transforms[i] = liaison_mapping_transform_label (offered_transforms[i]);
  transform_model = gtk_string_list_new (transforms);
  adw_combo_row_set_model (self->direction_row, G_LIST_MODEL (direction_model));
  adw_combo_row_set_model (self->policy_row, G_LIST_MODEL (policy_model));
  adw_combo_row_set_model (self->transform_row, G_LIST_MODEL (transform_model));
}
