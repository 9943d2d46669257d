/* liaison-conflict-row.c: LiaisonConflictRow, see the header. Built in code: its parts depend
 * on the kind of conflict and whether it is answered.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-conflicts"

#include <glib/gi18n.h>

#include "liaison-conflict-row.h"

struct _LiaisonConflictRow
{
  GtkListBoxRow parent_instance;

  LiaisonConflictItem *item;
  GtkWidget *title_label;
  GtkWidget *subtitle_label;
  char *subtitle;
  GtkWidget *choices;
  GtkWidget *answer_label;
  GtkWidget *buttons[4];
};

enum
{
  CHOOSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LiaisonConflictRow, liaison_conflict_row, GTK_TYPE_LIST_BOX_ROW)

const char *
liaison_conflict_field_label (const char *key)
{
  static const struct
  {
    const char *key, *label;
  } labels[] = {
    { "firstName", N_ ("First name") },
    { "lastName", N_ ("Last name") },
    { "email", N_ ("Email") },
    { "phone", N_ ("Phone") },
    { "company", N_ ("Company") },
    { "address", N_ ("Street") },
    { "city", N_ ("City") },
    { "state", N_ ("State") },
    { "postalCode", N_ ("Postal code") },
    { "country", N_ ("Country") },
    { "website", N_ ("Website") },
    { "timeZone", N_ ("Time zone") },
    { "source", N_ ("Source") },
    { "doNotContact", N_ ("Do not contact") },
    { "owner", N_ ("Owner") },
    { "tags", N_ ("Tags") },
  };

  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].key, key))
      return _ (labels[i].label);
  /* A custom pair is shown by the key its mapping gave it. */
  return key ? key : "";
}

char *
liaison_conflict_value_text (const char *json)
{
  char *text = liaison_conflict_value_to_text (json);

  return text ? text : g_strdup (_ ("(empty)"));
}

LiaisonConflictItem *
liaison_conflict_row_get_item (LiaisonConflictRow *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_ROW (self), NULL);
  return self->item;
}

void
liaison_conflict_row_set_grouped (LiaisonConflictRow *self, gboolean grouped)
{
  g_return_if_fail (LIAISON_IS_CONFLICT_ROW (self));

  /* Under the row before, of the same contact: the field alone heads the row. */
  gtk_widget_set_visible (self->title_label, !grouped);
  if (grouped)
    {
      gtk_label_set_label (
          GTK_LABEL (self->subtitle_label),
          liaison_conflict_field_label (liaison_conflict_item_get_field (self->item)));
      gtk_widget_remove_css_class (self->subtitle_label, "dim-label");
      gtk_widget_add_css_class (self->subtitle_label, "heading");
    }
  else
    {
      gtk_label_set_label (GTK_LABEL (self->subtitle_label), self->subtitle);
      gtk_widget_remove_css_class (self->subtitle_label, "heading");
      gtk_widget_add_css_class (self->subtitle_label, "dim-label");
    }
}

void
liaison_conflict_row_set_busy (LiaisonConflictRow *self, gboolean busy)
{
  g_return_if_fail (LIAISON_IS_CONFLICT_ROW (self));
  if (self->choices != NULL)
    gtk_widget_set_sensitive (self->choices, !busy);
}

static GtkWidget *
label_new (const char *text, const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

static void
add_value (GtkGrid *grid, int row, const char *name, const char *json, gboolean chosen)
{
  g_autofree char *text = liaison_conflict_value_text (json);
  GtkWidget *name_label = label_new (name, "dim-label");
  GtkWidget *value_label = label_new (text, chosen ? "heading" : NULL);

  gtk_widget_set_valign (name_label, GTK_ALIGN_START);
  gtk_widget_set_hexpand (value_label, TRUE);
  gtk_widget_set_name (value_label, name);
  gtk_grid_attach (grid, name_label, 0, row, 1, 1);
  gtk_grid_attach (grid, value_label, 1, row, 1, 1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (value_label), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  name_label, NULL, -1);
}

static void
on_choice_clicked (GtkButton *button, LiaisonConflictRow *self)
{
  g_signal_emit (self, signals[CHOOSE], 0, g_object_get_data (G_OBJECT (button), "choice"));
}

static GtkWidget *
choice_button (LiaisonConflictRow *self, const char *label, const char *choice, const char *tip)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  g_object_set_data (G_OBJECT (button), "choice", (gpointer) choice);
  gtk_widget_set_name (button, choice);
  gtk_widget_set_tooltip_text (button, tip);
  g_signal_connect (button, "clicked", G_CALLBACK (on_choice_clicked), self);
  return button;
}

static char *
answer_text (LiaisonConflictItem *item)
{
  const char *resolution = liaison_conflict_item_get_resolution (item);
  g_autofree char *value
      = liaison_conflict_value_text (liaison_conflict_item_get_resolved_value (item));

  if (g_strcmp0 (resolution, "lsq") == 0)
    return g_strdup_printf (_ ("You kept LeadSquared’s value, “%s”. The next sync writes it to "
                               "HighLevel too."),
                            value);
  if (g_strcmp0 (resolution, "ghl") == 0)
    return g_strdup_printf (_ ("You kept HighLevel’s value, “%s”. The next sync writes it to "
                               "LeadSquared too."),
                            value);
  return g_strdup_printf (_ ("You chose “%s”. The next sync writes it to both services."), value);
}

static void
sync_state (LiaisonConflictRow *self)
{
  const char *resolution = liaison_conflict_item_get_resolution (self->item);

  if (self->choices != NULL)
    gtk_widget_set_visible (self->choices, resolution == NULL);
  gtk_widget_set_visible (self->answer_label, resolution != NULL);
  if (resolution != NULL)
    {
      g_autofree char *text = answer_text (self->item);
      gtk_label_set_label (GTK_LABEL (self->answer_label), text);
    }
}

static void
on_resolution_changed (LiaisonConflictItem *item, GParamSpec *pspec, LiaisonConflictRow *self)
{
  sync_state (self);
}

/* An ambiguous match: how many contacts on each side, and where to settle it. */
static char *
ambiguous_text (LiaisonConflictItem *item)
{
  guint n_lsq = 0, n_ghl = 0;
  gboolean by_phone = FALSE;

  liaison_conflict_item_count_candidates (item, &n_lsq, &n_ghl, &by_phone);
  return g_strdup_printf (by_phone ? _ ("%u LeadSquared and %u HighLevel contacts share this phone "
                                        "number, so Liaison links none of them. Link the right "
                                        "pair on the Contacts page.")
                                   : _ ("%u LeadSquared and %u HighLevel contacts share this email "
                                        "address, so Liaison links none of them. Link the right "
                                        "pair on the Contacts page."),
                          n_lsq, n_ghl);
}

GtkWidget *
liaison_conflict_row_new (LiaisonConflictItem *item)
{
  LiaisonConflictRow *self;
  GtkWidget *box, *header, *grid;
  g_autofree char *subtitle = NULL;
  const char *email;
  gboolean ambiguous;

  g_return_val_if_fail (LIAISON_IS_CONFLICT_ITEM (item), NULL);
  self = g_object_new (LIAISON_TYPE_CONFLICT_ROW, "activatable", FALSE, "selectable", FALSE, NULL);
  self->item = g_object_ref (item);
  ambiguous = liaison_conflict_item_get_kind (item) == LIAISON_CONFLICT_AMBIGUOUS;
  email = liaison_conflict_item_get_email (item);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);

  header = self->title_label = label_new (liaison_conflict_item_get_title (item), "heading");
  gtk_widget_set_name (header, "title");
  gtk_box_append (GTK_BOX (box), header);
  if (ambiguous)
    subtitle = g_strdup (_ ("Matches more than one contact"));
  else if (email != NULL && g_strcmp0 (email, liaison_conflict_item_get_title (item)) != 0)
    /* Translators: the field in conflict, then the contact's email address */
    subtitle = g_strdup_printf (
        _ ("%s · %s"), liaison_conflict_field_label (liaison_conflict_item_get_field (item)),
        email);
  else
    subtitle = g_strdup (liaison_conflict_field_label (liaison_conflict_item_get_field (item)));
  self->subtitle = g_strdup (subtitle);
  self->subtitle_label = label_new (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (box), self->subtitle_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  liaison_conflict_item_get_title (item),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);

  if (ambiguous)
    {
      g_autofree char *text = ambiguous_text (item);
      GtkWidget *show = gtk_button_new_with_label (_ ("Show Contacts"));

      gtk_box_append (GTK_BOX (box), label_new (text, NULL));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (show), "win.show-page");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (show), "s", "contacts");
      gtk_widget_set_halign (show, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (box), show);
      self->answer_label = label_new (NULL, "dim-label");
      gtk_box_append (GTK_BOX (box), self->answer_label);
      sync_state (self);
      return GTK_WIDGET (self);
    }

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_widget_set_margin_top (grid, 6);
  add_value (GTK_GRID (grid), 0, _ ("Before"), liaison_conflict_item_get_base_value (item), FALSE);
  add_value (GTK_GRID (grid), 1, _ ("LeadSquared"),
             liaison_conflict_item_get_value (item, LIAISON_SERVICE_LSQ), FALSE);
  add_value (GTK_GRID (grid), 2, _ ("HighLevel"),
             liaison_conflict_item_get_value (item, LIAISON_SERVICE_GHL), FALSE);
  gtk_box_append (GTK_BOX (box), grid);

  /* A flow box, so that the choices wrap on a narrow window instead of being cut. */
  self->choices = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->choices), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->choices), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->choices), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->choices), 4);
  gtk_widget_set_margin_top (self->choices, 6);
  self->buttons[0] = choice_button (self, _ ("Take LeadSquared"), "lsq",
                                    _ ("Write LeadSquared’s value to HighLevel too"));
  self->buttons[1] = choice_button (self, _ ("Take HighLevel"), "ghl",
                                    _ ("Write HighLevel’s value to LeadSquared too"));
  if (liaison_conflict_item_get_editable (item))
    self->buttons[2]
        = choice_button (self, _ ("Edit…"), "edit", _ ("Type the value both services should have"));
  {
    /* "Always …": the field's policy, for the next conflicts too. */
    g_autoptr (GMenu) menu = g_menu_new ();
    g_autoptr (GMenuItem) lsq
        = g_menu_item_new (_ ("Always Take LeadSquared for This Field"), NULL);
    g_autoptr (GMenuItem) ghl = g_menu_item_new (_ ("Always Take HighLevel for This Field"), NULL);
    const char *field = liaison_conflict_item_get_field (item);

    g_menu_item_set_action_and_target (lsq, "conflicts.always", "(ss)", "lsq", field);
    g_menu_item_set_action_and_target (ghl, "conflicts.always", "(ss)", "ghl", field);
    g_menu_append_item (menu, lsq);
    g_menu_append_item (menu, ghl);
    self->buttons[3] = gtk_menu_button_new ();
    gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->buttons[3]), "view-more-symbolic");
    gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->buttons[3]), G_MENU_MODEL (menu));
    gtk_widget_set_tooltip_text (self->buttons[3], _ ("More Choices"));
    gtk_widget_set_name (self->buttons[3], "more");
    gtk_widget_set_halign (self->buttons[3], GTK_ALIGN_START);
  }
  for (guint i = 0; i < G_N_ELEMENTS (self->buttons); i++)
    if (self->buttons[i] != NULL)
      {
        gtk_flow_box_append (GTK_FLOW_BOX (self->choices), self->buttons[i]);
        /* Tab goes to the buttons, not to the flow box's cells around them. */
        gtk_widget_set_focusable (gtk_widget_get_parent (self->buttons[i]), FALSE);
      }
  gtk_box_append (GTK_BOX (box), self->choices);

  self->answer_label = label_new (NULL, NULL);
  gtk_widget_set_margin_top (self->answer_label, 6);
  gtk_box_append (GTK_BOX (box), self->answer_label);
  g_signal_connect_object (item, "notify::resolution", G_CALLBACK (on_resolution_changed), self, 0);
  sync_state (self);
  return GTK_WIDGET (self);
}

static void
liaison_conflict_row_dispose (GObject *object)
{
  LiaisonConflictRow *self = LIAISON_CONFLICT_ROW (object);

  g_clear_object (&self->item);
  g_clear_pointer (&self->subtitle, g_free);
  G_OBJECT_CLASS (liaison_conflict_row_parent_class)->dispose (object);
}

static void
liaison_conflict_row_class_init (LiaisonConflictRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = liaison_conflict_row_dispose;
  signals[CHOOSE] = g_signal_new ("choose", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
liaison_conflict_row_init (LiaisonConflictRow *self)
{
}
