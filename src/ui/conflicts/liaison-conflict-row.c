/* liaison-conflict-row.c: LiaisonConflictRow, see the header. Built in code: its parts depend
 * on the kind of conflict and whether it is answered.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-conflicts"

#include <glib/gi18n.h>

#include "liaison-conflict-row.h"
#include "liaison-lazy-widgets.h"

struct _LiaisonConflictRow
{
  AdwBin parent_instance;

  LiaisonConflictItem *item;
  GtkWidget *check;
  GtkWidget *title_label;
  GtkWidget *subtitle_label;
  char *subtitle;
  GtkWidget *choices;
  GtkWidget *answer_label;
  GtkWidget *buttons[4];
  gboolean selecting; /* selection mode: the bar answers, not the row's own choices */
};

enum
{
  CHOOSE,
  SELECT_TOGGLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LiaisonConflictRow, liaison_conflict_row, ADW_TYPE_BIN)

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

gboolean
liaison_conflict_row_get_selectable (LiaisonConflictRow *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_ROW (self), FALSE);
  return self->check != NULL && liaison_conflict_item_get_resolution (self->item) == NULL;
}

void
liaison_conflict_row_set_selection (LiaisonConflictRow *self, gboolean mode, gboolean selected)
{
  g_return_if_fail (LIAISON_IS_CONFLICT_ROW (self));
  if (self->check == NULL)
    return;
  self->selecting = mode;
  gtk_widget_set_visible (self->check, mode && liaison_conflict_row_get_selectable (self));
  if (self->choices != NULL)
    gtk_widget_set_visible (self->choices,
                            !mode && liaison_conflict_item_get_resolution (self->item) == NULL);
  g_signal_handlers_block_matched (self->check, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->check), selected);
  g_signal_handlers_unblock_matched (self->check, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
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
  liaison_set_tooltip (button, tip);
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

  if (self->check != NULL && resolution != NULL)
    gtk_widget_set_visible (self->check, FALSE);
  if (self->choices != NULL)
    gtk_widget_set_visible (self->choices, resolution == NULL && !self->selecting);
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

/* An ambiguous match: how many contacts on each side, and what a person can do. */
static char *
ambiguous_text (LiaisonConflictItem *item)
{
  guint n_lsq = 0, n_ghl = 0;
  gboolean by_phone = FALSE;

  liaison_conflict_item_count_candidates (item, &n_lsq, &n_ghl, &by_phone);
  return g_strdup_printf (by_phone ? _ ("%u LeadSquared and %u HighLevel contacts share this phone "
                                        "number, so Liaison links none of them. Link the right "
                                        "pair, or keep them apart if they are different people.")
                                   : _ ("%u LeadSquared and %u HighLevel contacts share this email "
                                        "address, so Liaison links none of them. Link the right "
                                        "pair, or keep them apart if they are different people."),
                          n_lsq, n_ghl);
}

static const char *
side_name (LiaisonService side)
{
  return side == LIAISON_SERVICE_LSQ ? _ ("LeadSquared") : _ ("HighLevel");
}

static const char *
candidate_title (const LiaisonConflictCandidate *c)
{
  return c->name ? c->name : c->email ? c->email : c->id;
}

/* How many candidates side has; only: one of them (the one, when there is one). */
static guint
count_side (GPtrArray *candidates, LiaisonService side, const LiaisonConflictCandidate **only)
{
  guint n = 0;

  for (guint i = 0; i < candidates->len; i++)
    {
      const LiaisonConflictCandidate *c = g_ptr_array_index (candidates, i);

      if (c->side == side)
        {
          n++;
          *only = c;
        }
    }
  return n;
}

/* Link for a candidate c: with the one contact of the other side, or, when the other side has
 * several, a menu of them. */
static GtkWidget *
link_button (LiaisonConflictItem *item, GPtrArray *candidates, const LiaisonConflictCandidate *c)
{
  LiaisonService other = c->side == LIAISON_SERVICE_LSQ ? LIAISON_SERVICE_GHL : LIAISON_SERVICE_LSQ;
  const LiaisonConflictCandidate *only = NULL;
  guint n_other = count_side (candidates, other, &only);
  gint64 id = liaison_conflict_item_get_id (item);
  g_autofree char *tip = NULL;
  GtkWidget *button;

  if (n_other == 1)
    {
      button = gtk_button_new_with_mnemonic (_ ("_Link"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "conflicts.link");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(xss)", id,
                                        c->side == LIAISON_SERVICE_LSQ ? c->id : only->id,
                                        c->side == LIAISON_SERVICE_GHL ? c->id : only->id);
      /* Translators: Link "this candidate" with "the other side's contact" */
      tip = g_strdup_printf (_ ("Link %s with %s"), candidate_title (c), candidate_title (only));
    }
  else
    {
      g_autoptr (GMenu) menu = g_menu_new ();

      for (guint i = 0; i < candidates->len; i++)
        {
          const LiaisonConflictCandidate *o = g_ptr_array_index (candidates, i);
          g_autofree char *label = NULL;
          g_autoptr (GMenuItem) entry = NULL;

          if (o->side != other)
            continue;
          /* Translators: a menu item, "Link With" a contact's name */
          label = g_strdup_printf (_ ("Link With %s"), candidate_title (o));
          entry = g_menu_item_new (label, NULL);
          g_menu_item_set_action_and_target (entry, "conflicts.link", "(xss)", id,
                                             c->side == LIAISON_SERVICE_LSQ ? c->id : o->id,
                                             c->side == LIAISON_SERVICE_GHL ? c->id : o->id);
          g_menu_append_item (menu, entry);
        }
      button = gtk_menu_button_new ();
      gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _ ("Link With…"));
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
      tip = g_strdup_printf (_ ("Link %s with one of the %s contacts"), candidate_title (c),
                             side_name (other));
    }
  liaison_set_tooltip (button, tip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_name (button, "link");
  return button;
}

/* Link is offered on the side with several candidates (the one of the other side is the
 * other half of every pair); with several on both, on HighLevel's, each with a menu. */
static gboolean
offers_link (GPtrArray *candidates, const LiaisonConflictCandidate *c)
{
  const LiaisonConflictCandidate *only = NULL;
  guint n_lsq = count_side (candidates, LIAISON_SERVICE_LSQ, &only);
  guint n_ghl = count_side (candidates, LIAISON_SERVICE_GHL, &only);

  if (n_lsq == 0 || n_ghl == 0)
    return FALSE;
  if (n_lsq > 1 && n_ghl > 1)
    return c->side == LIAISON_SERVICE_GHL;
  return (c->side == LIAISON_SERVICE_LSQ ? n_lsq : n_ghl) > 1 || n_lsq + n_ghl == 2;
}

/* One line per candidate: who, on which side, how to reach them, and Link. */
static GtkWidget *
candidate_list (LiaisonConflictItem *item)
{
  g_autoptr (GPtrArray) candidates = liaison_conflict_item_list_candidates (item);
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_margin_top (list, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Candidates"), -1);
  for (guint i = 0; i < candidates->len; i++)
    {
      const LiaisonConflictCandidate *c = g_ptr_array_index (candidates, i);
      GtkWidget *row = adw_action_row_new ();
      g_autoptr (GString) reach = g_string_new (side_name (c->side));

      if (c->email != NULL)
        g_string_append_printf (reach, " · %s", c->email);
      if (c->phone != NULL)
        g_string_append_printf (reach, " · %s", c->phone);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), candidate_title (c));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reach->str);
      gtk_widget_set_name (row, c->id);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
      if (c->connection != NULL && offers_link (candidates, c))
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), link_button (item, candidates, c));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  if (candidates->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _ ("The candidates are not in Liaison’s copy of the "
                                        "accounts yet; sync to read them."));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  return list;
}

static void
on_check_toggled (GtkCheckButton *check, LiaisonConflictRow *self)
{
  g_signal_emit (self, signals[SELECT_TOGGLED], 0, gtk_check_button_get_active (check));
}

GtkWidget *
liaison_conflict_row_new (LiaisonConflictItem *item)
{
  LiaisonConflictRow *self;
  GtkWidget *outer, *box, *header, *grid;
  g_autofree char *subtitle = NULL;
  const char *email;
  gboolean ambiguous;

  g_return_val_if_fail (LIAISON_IS_CONFLICT_ITEM (item), NULL);
  self = g_object_new (LIAISON_TYPE_CONFLICT_ROW, NULL);
  self->item = g_object_ref (item);
  ambiguous = liaison_conflict_item_get_kind (item) == LIAISON_CONFLICT_AMBIGUOUS;
  email = liaison_conflict_item_get_email (item);

  outer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (outer, 12);
  gtk_widget_set_margin_end (outer, 12);
  gtk_widget_set_margin_top (outer, 12);
  gtk_widget_set_margin_bottom (outer, 12);
  adw_bin_set_child (ADW_BIN (self), outer);
  if (!ambiguous)
    {
      self->check = gtk_check_button_new ();
      gtk_widget_set_valign (self->check, GTK_ALIGN_START);
      gtk_widget_set_visible (self->check, FALSE);
      gtk_widget_set_name (self->check, "select");
      gtk_widget_add_css_class (self->check, "selection-mode");
      g_signal_connect (self->check, "toggled", G_CALLBACK (on_check_toggled), self);
      gtk_box_append (GTK_BOX (outer), self->check);
    }
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_box_append (GTK_BOX (outer), box);

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
  if (self->check != NULL)
    {
      /* Translators: a check button's name for screen readers: "Select" the contact, field */
      g_autofree char *select
          = g_strdup_printf (_ ("Select %s, %s"), liaison_conflict_item_get_title (item), subtitle);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self->check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      select, -1);
    }

  if (ambiguous)
    {
      g_autofree char *text = ambiguous_text (item);
      GtkWidget *apart = gtk_button_new_with_mnemonic (_ ("_Keep Apart"));

      gtk_box_append (GTK_BOX (box), label_new (text, NULL));
      gtk_box_append (GTK_BOX (box), candidate_list (item));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (apart), "conflicts.keep-apart");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (apart), "x",
                                        liaison_conflict_item_get_id (item));
      liaison_set_tooltip (apart, _ ("These are different people: never match them, and "
                                     "copy none of them to the other service"));
      gtk_widget_set_name (apart, "keep-apart");
      gtk_widget_set_halign (apart, GTK_ALIGN_START);
      gtk_widget_set_margin_top (apart, 6);
      gtk_box_append (GTK_BOX (box), apart);
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
    liaison_menu_button_set_menu_later (GTK_MENU_BUTTON (self->buttons[3]), G_MENU_MODEL (menu));
    liaison_set_tooltip (self->buttons[3], _ ("More Choices"));
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
  signals[SELECT_TOGGLED] = g_signal_new ("select", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
liaison_conflict_row_init (LiaisonConflictRow *self)
{
}
