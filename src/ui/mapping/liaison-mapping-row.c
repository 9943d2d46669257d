/* liaison-mapping-row.c: see liaison-mapping-row.h. The row writes each choice to the model at
 * once; the model validates the whole map and the row follows its pair's properties.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-mapping"

#include <glib/gi18n.h>

#include "liaison-mapping-row.h"

static const char *const direction_labels[] = {
  N_ ("Both Ways"),
  N_ ("To HighLevel Only"),
  N_ ("To LeadSquared Only"),
};
static const char *const transform_labels[] = {
  N_ ("Unchanged"),
  N_ ("Trim Spaces"),
  N_ ("Letter Case"),
  N_ ("Phone Number (E.164)"),
  N_ ("Date Format"),
  N_ ("Value Table"),
  N_ ("Full Name Split and Join"),
  N_ ("Set of Options"),
  N_ ("Owner by Email"),
};
static const char *const policy_labels[] = {
  N_ ("Ask Me"),
  N_ ("LeadSquared Wins"),
  N_ ("HighLevel Wins"),
  N_ ("Newest Change Wins"),
};

typedef struct
{
  LiaisonMappingModel *model;
  LiaisonMappingPair *pair;
  AdwExpanderRow *row;
  AdwComboRow *direction;
  AdwComboRow *transform;
  AdwComboRow *policy;
  GtkWidget *problem_row;
  GtkLabel *problem;
  GtkWidget *warning;
  GPtrArray *setting_rows;
  gboolean updating;
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_clear_object (&row->model);
  g_clear_object (&row->pair);
  g_clear_pointer (&row->setting_rows, g_ptr_array_unref);
  g_free (row);
}

static const char *
arrow (LiaisonSyncDirection direction)
{
  switch (direction)
    {
      case LIAISON_SYNC_TO_GHL:
        return "→";
      case LIAISON_SYNC_TO_LSQ:
        return "←";
      case LIAISON_SYNC_BOTH:
      default:
        return "⇄";
    }
}

static void
update_texts (Row *row)
{
  LiaisonMappingPair *pair = row->pair;
  LiaisonSyncDirection direction = liaison_mapping_pair_get_direction (pair);
  const char *problem = liaison_mapping_pair_get_problem (pair);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped_title = NULL;
  g_autofree char *escaped_subtitle = NULL;

  title = g_strdup_printf ("%s  %s  %s", liaison_mapping_pair_get_label (pair, LIAISON_SERVICE_LSQ),
                           arrow (direction),
                           liaison_mapping_pair_get_label (pair, LIAISON_SERVICE_GHL));
  if (problem != NULL)
    subtitle = g_strdup (_ ("Needs a change before it can be saved"));
  else
    /* Translators: a pair's summary, e.g. "Both Ways · Phone Number (E.164) · Ask Me". */
    subtitle = g_strdup_printf (_ ("%s · %s · %s"), _ (direction_labels[direction]),
                                _ (transform_labels[liaison_mapping_pair_get_transform (pair)]),
                                _ (policy_labels[liaison_mapping_pair_get_policy (pair)]));
  /* The expander's inner row reads markup: a field named "R&D" must stay text. */
  escaped_title = g_markup_escape_text (title, -1);
  escaped_subtitle = g_markup_escape_text (subtitle, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), escaped_title);
  adw_expander_row_set_subtitle (row->row, escaped_subtitle);
  gtk_label_set_text (row->problem, problem != NULL ? problem : "");
  gtk_widget_set_visible (row->problem_row, problem != NULL);
  gtk_widget_set_visible (row->warning, problem != NULL);
  gtk_widget_set_tooltip_text (row->warning, problem);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->warning), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  problem != NULL ? problem : "", -1);
}

/* ---- a value table ---- */

static void
on_value_combo (AdwComboRow *combo, GParamSpec *pspec, Row *row)
{
  const char *lsq_option = g_object_get_data (G_OBJECT (combo), "lsq-option");
  guint selected = adw_combo_row_get_selected (combo);
  GtkStringList *options = GTK_STRING_LIST (adw_combo_row_get_model (combo));

  if (row->updating)
    return;
  /* The first entry is "Same Text": no entry in the table. */
  liaison_mapping_model_set_value (row->model, liaison_mapping_pair_get_key (row->pair), lsq_option,
                                   selected > 0 && selected != GTK_INVALID_LIST_POSITION
                                       ? gtk_string_list_get_string (options, selected)
                                       : NULL);
}

static void
on_value_entry (GtkEditable *entry, Row *row)
{
  const char *lsq_option = g_object_get_data (G_OBJECT (entry), "lsq-option");

  if (row->updating)
    return;
  liaison_mapping_model_set_value (row->model, liaison_mapping_pair_get_key (row->pair), lsq_option,
                                   gtk_editable_get_text (entry));
}

static GtkWidget *
value_row (Row *row, const char *lsq_option, const char *const *ghl_options)
{
  const char *key = liaison_mapping_pair_get_key (row->pair);
  g_autofree char *current = liaison_mapping_model_dup_value (row->model, key, lsq_option);
  GtkWidget *widget;

  if (ghl_options != NULL)
    {
      g_autoptr (GtkStringList) list = gtk_string_list_new (NULL);
      guint selected = 0;

      gtk_string_list_append (list, _ ("Same Text"));
      for (guint i = 0; ghl_options[i] != NULL; i++)
        {
          gtk_string_list_append (list, ghl_options[i]);
          if (g_strcmp0 (current, ghl_options[i]) == 0)
            selected = i + 1;
        }
      widget = adw_combo_row_new ();
      adw_combo_row_set_model (ADW_COMBO_ROW (widget), G_LIST_MODEL (list));
      adw_combo_row_set_selected (ADW_COMBO_ROW (widget), selected);
      g_object_set_data_full (G_OBJECT (widget), "lsq-option", g_strdup (lsq_option), g_free);
      g_signal_connect (widget, "notify::selected", G_CALLBACK (on_value_combo), row);
    }
  else
    {
      widget = adw_entry_row_new ();
      gtk_editable_set_text (GTK_EDITABLE (widget), current != NULL ? current : "");
      g_object_set_data_full (G_OBJECT (widget), "lsq-option", g_strdup (lsq_option), g_free);
      g_signal_connect (widget, "changed", G_CALLBACK (on_value_entry), row);
    }
  /* Translators: a value table row, e.g. "LeadSquared “Checkup” becomes". */
  {
    g_autofree char *title = g_strdup_printf (_ ("LeadSquared “%s” becomes"), lsq_option);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), title);
  }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (widget), FALSE);
  return widget;
}

/* ---- a transform's settings ---- */

typedef struct
{
  const char *value; /* as the stored form names it */
  const char *label;
} Choice;

static const Choice case_choices[] = {
  { "fold", N_ ("Lower Case") },
  { "upper", N_ ("Upper Case") },
  { "title", N_ ("Title Case") },
  { NULL, NULL },
};
static const Choice format_choices[] = {
  { "date", N_ ("Date Only") },
  { "date-time", N_ ("Date and Time (UTC)") },
  { NULL, NULL },
};
static const Choice full_choices[] = {
  { "lsq", N_ ("In LeadSquared") },
  { "ghl", N_ ("In HighLevel") },
  { NULL, NULL },
};

static void
on_setting_combo (AdwComboRow *combo, GParamSpec *pspec, Row *row)
{
  const char *name = g_object_get_data (G_OBJECT (combo), "setting");
  const Choice *choices = g_object_get_data (G_OBJECT (combo), "choices");
  guint selected = adw_combo_row_get_selected (combo);
  g_autoptr (GError) error = NULL;

  if (row->updating || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (!liaison_mapping_model_set_setting (row->model, liaison_mapping_pair_get_key (row->pair),
                                          name, choices[selected].value, &error))
    g_warning ("The setting %s was not changed: %s", name, error->message);
}

static GtkWidget *
setting_combo (Row *row, const char *name, const char *title, const Choice *choices)
{
  g_autofree char *current = liaison_mapping_model_dup_setting (
      row->model, liaison_mapping_pair_get_key (row->pair), name);
  g_autoptr (GtkStringList) list = gtk_string_list_new (NULL);
  GtkWidget *combo = adw_combo_row_new ();
  guint selected = 0;

  for (guint i = 0; choices[i].value != NULL; i++)
    {
      gtk_string_list_append (list, _ (choices[i].label));
      if (g_strcmp0 (current, choices[i].value) == 0)
        selected = i;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (list));
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), selected);
  g_object_set_data (G_OBJECT (combo), "setting", (gpointer) name);
  g_object_set_data (G_OBJECT (combo), "choices", (gpointer) choices);
  g_signal_connect (combo, "notify::selected", G_CALLBACK (on_setting_combo), row);
  return combo;
}

static void
on_separator_changed (GtkEditable *entry, Row *row)
{
  g_autoptr (GError) error = NULL;

  if (row->updating)
    return;
  /* Empty: the default separator. */
  if (!liaison_mapping_model_set_setting (row->model, liaison_mapping_pair_get_key (row->pair),
                                          "separator", gtk_editable_get_text (entry), &error))
    g_warning ("The separator was not changed: %s", error->message);
}

static GtkWidget *
separator_row (Row *row)
{
  g_autofree char *current = liaison_mapping_model_dup_setting (
      row->model, liaison_mapping_pair_get_key (row->pair), "separator");
  GtkWidget *entry = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry),
                                 _ ("Separator Where a Side Keeps Text"));
  gtk_editable_set_text (GTK_EDITABLE (entry), current != NULL ? current : ";");
  g_signal_connect (entry, "changed", G_CALLBACK (on_separator_changed), row);
  return entry;
}

static void
add_value_rows (Row *row)
{
  const char *key = liaison_mapping_pair_get_key (row->pair);
  const char *const *lsq_options
      = liaison_mapping_model_get_options (row->model, key, LIAISON_SERVICE_LSQ);
  const char *const *ghl_options
      = liaison_mapping_model_get_options (row->model, key, LIAISON_SERVICE_GHL);

  if (lsq_options == NULL)
    {
      GtkWidget *note = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (note), _ ("No Options to Pair"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (note),
                                   _ ("The LeadSquared field is not a picklist, so its values "
                                      "are written as they are."));
      g_ptr_array_add (row->setting_rows, note);
    }
  for (guint i = 0; lsq_options != NULL && lsq_options[i] != NULL; i++)
    g_ptr_array_add (row->setting_rows, value_row (row, lsq_options[i], ghl_options));
}

/* The rows of the pair's transform settings, made anew when the transform changes. */
static void
update_setting_rows (Row *row)
{
  for (guint i = 0; i < row->setting_rows->len; i++)
    adw_expander_row_remove (row->row, g_ptr_array_index (row->setting_rows, i));
  g_ptr_array_set_size (row->setting_rows, 0);

  row->updating = TRUE;
  switch (liaison_mapping_pair_get_transform (row->pair))
    {
      case LIAISON_TRANSFORM_VALUES:
        add_value_rows (row);
        break;
      case LIAISON_TRANSFORM_CASE:
        g_ptr_array_add (row->setting_rows,
                         setting_combo (row, "case", _ ("Letter Case"), case_choices));
        break;
      case LIAISON_TRANSFORM_DATE:
        g_ptr_array_add (row->setting_rows,
                         setting_combo (row, "format", _ ("Date Format"), format_choices));
        break;
      case LIAISON_TRANSFORM_NAME:
        g_ptr_array_add (row->setting_rows,
                         setting_combo (row, "full", _ ("Full Name Field"), full_choices));
        break;
      case LIAISON_TRANSFORM_SET:
        g_ptr_array_add (row->setting_rows, separator_row (row));
        break;
      default:
        break;
    }
  for (guint i = 0; i < row->setting_rows->len; i++)
    adw_expander_row_add_row (row->row, g_ptr_array_index (row->setting_rows, i));
  row->updating = FALSE;
}

/* ---- following the pair ---- */

static void
on_pair_changed (LiaisonMappingPair *pair, GParamSpec *pspec, Row *row)
{
  LiaisonTransform transform = liaison_mapping_pair_get_transform (pair);

  row->updating = TRUE;
  if (adw_combo_row_get_selected (row->direction) != liaison_mapping_pair_get_direction (pair))
    adw_combo_row_set_selected (row->direction, liaison_mapping_pair_get_direction (pair));
  if (adw_combo_row_get_selected (row->policy) != liaison_mapping_pair_get_policy (pair))
    adw_combo_row_set_selected (row->policy, liaison_mapping_pair_get_policy (pair));
  if (adw_combo_row_get_selected (row->transform) != transform)
    adw_combo_row_set_selected (row->transform, transform);
  row->updating = FALSE;
  if (g_str_equal (pspec->name, "transform"))
    update_setting_rows (row);
  update_texts (row);
}

static void
on_pair_notify (LiaisonMappingPair *pair, GParamSpec *pspec, GtkWidget *widget)
{
  Row *row = g_object_get_data (G_OBJECT (widget), "liaison-mapping-row");

  if (row != NULL)
    on_pair_changed (pair, pspec, row);
}

static void
on_combo_changed (AdwComboRow *combo, GParamSpec *pspec, Row *row)
{
  const char *key = liaison_mapping_pair_get_key (row->pair);
  guint selected = adw_combo_row_get_selected (combo);

  if (row->updating || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (combo == row->direction)
    liaison_mapping_model_set_direction (row->model, key, selected);
  else if (combo == row->policy)
    liaison_mapping_model_set_policy (row->model, key, selected);
  else
    liaison_mapping_model_set_transform (row->model, key, selected);
}

static void
on_remove_clicked (GtkButton *button, Row *row)
{
  liaison_mapping_model_remove_pair (row->model, liaison_mapping_pair_get_key (row->pair));
}

static AdwComboRow *
combo_row (Row *row, const char *title, const char *const *labels, guint n, guint selected)
{
  g_autoptr (GtkStringList) list = gtk_string_list_new (NULL);
  AdwComboRow *combo = ADW_COMBO_ROW (adw_combo_row_new ());

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, _ (labels[i]));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), title);
  adw_combo_row_set_model (combo, G_LIST_MODEL (list));
  adw_combo_row_set_selected (combo, selected);
  g_signal_connect (combo, "notify::selected", G_CALLBACK (on_combo_changed), row);
  adw_expander_row_add_row (row->row, GTK_WIDGET (combo));
  return combo;
}

GtkWidget *
liaison_mapping_row_new (LiaisonMappingModel *model, LiaisonMappingPair *pair)
{
  Row *row = g_new0 (Row, 1);
  GtkWidget *remove, *names;
  g_autofree char *remove_label = NULL;
  g_autofree char *names_title = NULL;
  g_autofree char *names_subtitle = NULL;

  row->model = g_object_ref (model);
  row->pair = g_object_ref (pair);
  row->setting_rows = g_ptr_array_new ();
  row->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  g_object_set_data_full (G_OBJECT (row->row), "liaison-mapping-row", row, row_free);

  row->warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (row->warning, "error");
  adw_expander_row_add_prefix (row->row, row->warning);

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _ ("Remove Pair"));
  remove_label = g_strdup_printf (_ ("Remove the pair %s and %s"),
                                  liaison_mapping_pair_get_label (pair, LIAISON_SERVICE_LSQ),
                                  liaison_mapping_pair_get_label (pair, LIAISON_SERVICE_GHL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), row);
  adw_expander_row_add_action (row->row, remove);

  row->problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (row->problem, TRUE);
  gtk_label_set_xalign (row->problem, 0.0f);
  gtk_label_set_selectable (row->problem, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (row->problem), "error");
  g_object_set (row->problem, "margin-top", 12, "margin-bottom", 12, "margin-start", 12,
                "margin-end", 12, NULL);
  row->problem_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row->problem_row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row->problem_row), GTK_WIDGET (row->problem));
  adw_expander_row_add_row (row->row, row->problem_row);

  /* The validation sentences, the history, the conflicts and liaison-cli name the pair by its
   * key and its fields by their names in the services. */
  names = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (names), FALSE);
  names_title = g_strdup_printf (_ ("Pair “%s”"), liaison_mapping_pair_get_key (pair));
  names_subtitle = g_strdup_printf (
      _ ("LeadSquared field “%s”, HighLevel field “%s”, as the history, the conflicts and "
         "liaison-cli name them"),
      liaison_mapping_pair_get_field (pair, LIAISON_SERVICE_LSQ),
      liaison_mapping_pair_get_field (pair, LIAISON_SERVICE_GHL));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (names), names_title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (names), names_subtitle);
  adw_expander_row_add_row (row->row, names);

  row->direction
      = combo_row (row, _ ("Direction"), direction_labels, G_N_ELEMENTS (direction_labels),
                   liaison_mapping_pair_get_direction (pair));
  row->transform
      = combo_row (row, _ ("Transform"), transform_labels, G_N_ELEMENTS (transform_labels),
                   liaison_mapping_pair_get_transform (pair));
  row->policy = combo_row (row, _ ("When Both Changed"), policy_labels,
                           G_N_ELEMENTS (policy_labels), liaison_mapping_pair_get_policy (pair));

  g_object_set_data (G_OBJECT (row->row), LIAISON_MAPPING_ROW_DIRECTION, row->direction);
  g_object_set_data (G_OBJECT (row->row), LIAISON_MAPPING_ROW_TRANSFORM, row->transform);
  g_object_set_data (G_OBJECT (row->row), LIAISON_MAPPING_ROW_POLICY, row->policy);
  g_object_set_data (G_OBJECT (row->row), LIAISON_MAPPING_ROW_PROBLEM, row->problem);
  g_object_set_data (G_OBJECT (row->row), LIAISON_MAPPING_ROW_REMOVE, remove);

  g_signal_connect_object (pair, "notify", G_CALLBACK (on_pair_notify), row->row, 0);
  update_setting_rows (row);
  update_texts (row);
  return GTK_WIDGET (row->row);
}

LiaisonMappingPair *
liaison_mapping_row_get_pair (GtkWidget *widget)
{
  Row *row = g_object_get_data (G_OBJECT (widget), "liaison-mapping-row");

  return row != NULL ? row->pair : NULL;
}
