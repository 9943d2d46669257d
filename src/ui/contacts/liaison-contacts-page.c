/* liaison-contacts-page.c: the Contacts page. A column view over the store-
 * backed LiaisonContactList (which filters and sorts in the store, so the
 * page stays fast at 100,000 contacts), a search entry, a menu of link-status
 * filters and sort orders, and the detail pane of the selected contact. List
 * and detail sit side by side in an AdwLeaflet that folds them to one at a
 * time on a narrow window. Empty, loading and error states each say what is
 * going on and what to do.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-contacts-page"

#include <glib/gi18n.h>
#include <string.h>

#include "liaison-contact-columns.h"
#include "liaison-contact-detail.h"
#include "liaison-contacts-page-private.h"
#include "liaison-format.h"
#include "liaison-weak-ref-private.h"

G_DEFINE_FINAL_TYPE (LiaisonContactsPage, liaison_contacts_page, GTK_TYPE_WIDGET)

GParamSpec *liaison_contacts_page_properties[N_PROPS];
#define properties liaison_contacts_page_properties

/* The targets of contacts.filter, in the order of the view menu's items. */
static const struct
{
  const char *name;
  LiaisonLinkStatus statuses;
  const char *title;
} status_filters[] = {
  { "all", LIAISON_LINK_STATUS_ALL, N_ ("All Contacts") },
  { "linked", LIAISON_LINK_STATUS_LINKED, N_ ("Linked") },
  { "proposed", LIAISON_LINK_STATUS_PROPOSED, N_ ("Proposed Matches") },
  { "ambiguous", LIAISON_LINK_STATUS_AMBIGUOUS, N_ ("Ambiguous Matches") },
  { "lsq-only", LIAISON_LINK_STATUS_LSQ_ONLY, N_ ("Only in LeadSquared") },
  { "ghl-only", LIAISON_LINK_STATUS_GHL_ONLY, N_ ("Only in HighLevel") },
  { "kept-apart", LIAISON_LINK_STATUS_KEPT_APART, N_ ("Kept Apart") },
};

/* The filter menu's items, each with how many contacts it shows before any search. */
static void
update_filter_menu (LiaisonContactsPage *self)
{
  guint counts[G_N_ELEMENTS (status_filters)] = { 0 };

  G_STATIC_ASSERT (sizeof counts == sizeof self->filter_counts);

  if (self->model != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (status_filters); i++)
      counts[i] = status_filters[i].statuses == LIAISON_LINK_STATUS_ALL
                      ? liaison_contact_list_get_n_total (self->model)
                      : liaison_contact_list_count_status (self->model, status_filters[i].statuses);
  if (g_menu_model_get_n_items (G_MENU_MODEL (self->filter_section)) > 0
      && memcmp (counts, self->filter_counts, sizeof counts) == 0)
    return;
  memcpy (self->filter_counts, counts, sizeof counts);

  g_menu_remove_all (self->filter_section);
  for (guint i = 0; i < G_N_ELEMENTS (status_filters); i++)
    {
      g_autoptr (GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      /* Translators: a filter of the contact list and how many contacts it shows,
       * e.g. "Linked (120)" */
      label = self->model != NULL
                  ? g_strdup_printf (_ ("%s (%u)"), _ (status_filters[i].title), counts[i])
                  : g_strdup (_ (status_filters[i].title));
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "contacts.filter",
                                               g_variant_new_string (status_filters[i].name));
      g_menu_append_item (self->filter_section, item);
    }
}

static LiaisonLinkStatus
filter_statuses (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_filters); i++)
    if (g_strcmp0 (status_filters[i].name, name) == 0)
      return status_filters[i].statuses;
  return LIAISON_LINK_STATUS_ALL;
}

void
liaison_contacts_page_update_state (LiaisonContactsPage *self)
{
  guint n_items, n_total;

  update_filter_menu (self);

  if (self->model == NULL)
    {
      gtk_stack_set_visible_child_name (self->state_stack, "setup");
      return;
    }

  /* Reloads after each refreshed page keep the list in view; only the
   * first load, with nothing to show yet, takes the whole page. */
  if (liaison_contact_list_get_loading (self->model) && !self->loaded_once)
    {
      gtk_spinner_start (self->loading_spinner);
      gtk_stack_set_visible_child_name (self->state_stack, "loading");
      return;
    }
  gtk_spinner_stop (self->loading_spinner);

  if (self->load_error != NULL)
    {
      g_autofree char *description
          = g_strdup_printf (_ ("%s\nIf this keeps happening, quit Liaison and start it again."),
                             self->load_error->message);

      adw_status_page_set_description (self->error_page, description);
      gtk_stack_set_visible_child_name (self->state_stack, "error");
      return;
    }

  gtk_stack_set_visible_child_name (self->state_stack, "contacts");
  self->loaded_once = TRUE;

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  n_total = liaison_contact_list_get_n_total (self->model);

  if (n_items > 0)
    {
      g_autofree char *count = NULL;
      /* This session's refresh, or the one the store remembers from before a restart. */
      gint64 refreshed_at
          = MAX (self->refreshed_at, liaison_contact_list_get_refreshed_at (self->model));

      if (n_items == n_total)
        count = g_strdup_printf (ngettext ("%u contact", "%u contacts", n_total), n_total);
      else
        /* Translators: "12 of 4,500 contacts" */
        count = g_strdup_printf (ngettext ("%u of %u contact", "%u of %u contacts", n_total),
                                 n_items, n_total);
      if (refreshed_at > 0)
        {
          g_autofree char *when = liaison_format_time_ms (refreshed_at);
          g_autofree char *line = NULL;

          /* Translators: "204 contacts · refreshed 10:49" */
          line = g_strdup_printf (_ ("%s · refreshed %s"), count, when);
          g_free (count);
          count = g_steal_pointer (&line);
        }
      gtk_label_set_label (self->count_label, count);
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  gtk_label_set_label (self->count_label, "");
  if (n_total > 0)
    {
      /* The contacts are there, the search or the filter hides them all. */
      adw_status_page_set_description (
          self->no_results_page,
          *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0'
              ? _ ("No contact’s name, email address or phone number matches the search.")
              : _ ("No contact is linked this way."));
      gtk_stack_set_visible_child_name (self->list_stack, "no-results");
      return;
    }

  /* Nothing fetched: what to do depends on whether both accounts are there to refresh. */
  adw_status_page_set_description (
      self->empty_page,
      self->refresher != NULL
          ? _ ("Liaison has no copy of either account’s contacts yet. Refresh from both services "
               "to fetch them.")
          : _ ("Connect LeadSquared and HighLevel in Accounts, then refresh from both services "
               "to fetch their contacts."));
  gtk_stack_set_visible_child_name (self->empty_action_stack,
                                    self->refresher != NULL ? "refresh" : "accounts");
  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

static void
on_model_load_finished (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonContactsPage) self = liaison_weak_ref_steal (user_data);
  g_autoptr (GError) error = NULL;

  if (!liaison_contact_list_load_finish (LIAISON_CONTACT_LIST (source), result, &error))
    {
      if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not load the contacts: %s", error->message);
      g_clear_error (&self->load_error);
      self->load_error = g_steal_pointer (&error);
    }

  if (self != NULL && LIAISON_CONTACT_LIST (source) == self->model)
    liaison_contacts_page_update_state (self);
}

static void
liaison_contacts_page_load (LiaisonContactsPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->load_error);
  self->loaded_once = FALSE;

  if (self->model == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  liaison_contact_list_load_async (self->model, self->cancellable, on_model_load_finished,
                                   liaison_weak_ref_new (self));
  liaison_contacts_page_update_state (self);
}

static void
on_model_changed (LiaisonContactsPage *self)
{
  liaison_contacts_page_update_state (self);
  liaison_contacts_page_update_refresh (self);
}

/* Folded ------------------------------------------------------------------ */

gboolean
liaison_contacts_page_get_can_go_back (LiaisonContactsPage *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACTS_PAGE (self), FALSE);

  return adw_leaflet_get_folded (self->leaflet)
         && adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->detail)
         && g_strcmp0 (gtk_stack_get_visible_child_name (self->state_stack), "contacts") == 0;
}

/* From the detail back to the list, when only one of them is shown; FALSE when there is
 * nowhere to go back to on this page. */
gboolean
liaison_contacts_page_go_back (LiaisonContactsPage *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACTS_PAGE (self), FALSE);

  if (!liaison_contacts_page_get_can_go_back (self))
    return FALSE;
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
  return TRUE;
}

static void
notify_can_go_back (LiaisonContactsPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
}

static void
on_leaflet_changed (AdwLeaflet *leaflet, GParamSpec *pspec, LiaisonContactsPage *self)
{
  /* Folded with nobody to show, the detail would be an empty pane: the list stands in. */
  if (adw_leaflet_get_folded (leaflet) && liaison_contact_detail_get_row (self->detail) == NULL
      && adw_leaflet_get_visible_child (leaflet) == GTK_WIDGET (self->detail))
    adw_leaflet_set_visible_child (leaflet, self->list_pane);
  notify_can_go_back (self);
}

static void
keep_selected (LiaisonContactsPage *self, LiaisonContactRow *row)
{
  g_free (self->kept_lsq_id);
  g_free (self->kept_ghl_id);
  self->kept_lsq_id = row != NULL ? g_strdup (liaison_contact_row_get_lsq_id (row)) : NULL;
  self->kept_ghl_id = row != NULL ? g_strdup (liaison_contact_row_get_ghl_id (row)) : NULL;
  self->kept_position = gtk_single_selection_get_selected (self->selection);
}

static void
on_selection_changed (GtkSingleSelection *selection, GParamSpec *pspec, LiaisonContactsPage *self)
{
  LiaisonContactRow *row = gtk_single_selection_get_selected_item (selection);

  /* A reload that drops the selected row decides once it is done (on_items_changed). */
  if (row == NULL && self->reloading)
    return;
  keep_selected (self, row);
  liaison_contact_detail_set_row (self->detail, row);
  /* One pane at a time: choosing a contact opens it, as in GNOME Contacts. */
  if (row != NULL)
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail));
  else
    on_leaflet_changed (self->leaflet, NULL, self);
}

static void
on_items_changing (GListModel *model, guint position, guint removed, guint added,
                   LiaisonContactsPage *self)
{
  self->reloading = TRUE;
}

/* A reload makes new rows: the contact selected before is selected again where it still is.
 * After a link made or ended here took it out of the list, the row now in its place is. */
static void
on_items_changed (GListModel *model, guint position, guint removed, guint added,
                  LiaisonContactsPage *self)
{
  guint n_items = g_list_model_get_n_items (model);
  gboolean found = FALSE;

  self->reloading = FALSE;
  if (gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION
      && (self->kept_lsq_id != NULL || self->kept_ghl_id != NULL) && n_items > 0)
    {
      guint at = MIN (self->kept_position, n_items - 1);
      g_autoptr (LiaisonContactRow) row = g_list_model_get_item (model, at);

      found = g_strcmp0 (liaison_contact_row_get_lsq_id (row), self->kept_lsq_id) == 0
              && g_strcmp0 (liaison_contact_row_get_ghl_id (row), self->kept_ghl_id) == 0;
      if (found || self->after_own_link)
        {
          self->after_own_link = FALSE;
          gtk_single_selection_set_selected (self->selection, at);
        }
    }
  if (gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    on_selection_changed (self->selection, NULL, self);
  on_model_changed (self);
}

static void
on_link_changed (LiaisonContactDetail *detail, LiaisonContactsPage *self)
{
  self->after_own_link = TRUE;
}

LiaisonContactList *
liaison_contacts_page_get_model (LiaisonContactsPage *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACTS_PAGE (self), NULL);

  return self->model;
}

void
liaison_contacts_page_set_model (LiaisonContactsPage *self, LiaisonContactList *model)
{
  g_return_if_fail (LIAISON_IS_CONTACTS_PAGE (self));
  g_return_if_fail (model == NULL || LIAISON_IS_CONTACT_LIST (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);

  gtk_single_selection_set_model (self->selection, NULL);
  keep_selected (self, NULL);
  liaison_contact_detail_set_row (self->detail, NULL);

  if (model != NULL)
    {
      /* Around the selection's own handler: on_items_changing runs before it, on_items_changed
       * after. */
      g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changing), self);
      gtk_single_selection_set_model (self->selection, G_LIST_MODEL (model));
      g_signal_connect_swapped (model, "notify::loading", G_CALLBACK (on_model_changed), self);
      g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), self);

      /* The page's controls describe the model: bring them to its state. */
      liaison_contact_list_set_filter_text (
          model, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
      liaison_contact_list_set_status_filter (model, filter_statuses (self->filter));
      liaison_contact_list_set_sort (model, self->sort);
    }
  liaison_contact_detail_set_model (self->detail, model);

  liaison_contacts_page_load (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

static void
on_search_changed (GtkSearchEntry *entry, LiaisonContactsPage *self)
{
  if (self->model != NULL)
    liaison_contact_list_set_filter_text (self->model,
                                          gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* Escape in the search clears it; a second Escape, on an empty search, goes back to the list. */
static void
on_search_stopped (GtkSearchEntry *entry, LiaisonContactsPage *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (entry)) == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  if (self->model != NULL)
    liaison_contact_list_set_filter_text (self->model, "");
}

/* The link status shown, by its name in status_filters ("all", "linked", …). */
const char *
liaison_contacts_page_get_filter (LiaisonContactsPage *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACTS_PAGE (self), NULL);

  return self->filter;
}

void
liaison_contacts_page_set_filter (LiaisonContactsPage *self, const char *filter)
{
  g_return_if_fail (LIAISON_IS_CONTACTS_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (status_filters); i++)
    if (g_strcmp0 (status_filters[i].name, filter) == 0 && self->filter != status_filters[i].name)
      {
        self->filter = status_filters[i].name;
        if (self->model != NULL)
          liaison_contact_list_set_status_filter (self->model, status_filters[i].statuses);
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
        return;
      }
}

static const char *
sort_name (LiaisonContactSort sort)
{
  return sort == LIAISON_CONTACT_SORT_LAST_CHANGE ? "last-change" : "name";
}

static void
liaison_contacts_page_set_sort (LiaisonContactsPage *self, const char *name)
{
  LiaisonContactSort sort = g_strcmp0 (name, "last-change") == 0 ? LIAISON_CONTACT_SORT_LAST_CHANGE
                                                                 : LIAISON_CONTACT_SORT_NAME;

  if (self->sort == sort)
    return;
  self->sort = sort;
  if (self->model != NULL)
    liaison_contact_list_set_sort (self->model, sort);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
}

static void
reload_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  liaison_contacts_page_load (LIAISON_CONTACTS_PAGE (widget));
}

/* Out of "No Matching Contacts": every contact again. */
static void
show_all_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonContactsPage *self = LIAISON_CONTACTS_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  if (self->model != NULL)
    liaison_contact_list_set_filter_text (self->model, "");
  liaison_contacts_page_set_filter (self, "all");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
focus_search_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonContactsPage *self = LIAISON_CONTACTS_PAGE (widget);

  /* One pane at a time, the search is with the list. */
  liaison_contacts_page_go_back (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
liaison_contacts_page_set_engine (LiaisonContactsPage *self, LiaisonSyncEngine *engine)
{
  g_return_if_fail (LIAISON_IS_CONTACTS_PAGE (self));
  liaison_contact_detail_set_engine (self->detail, engine);
}

/* The session's clients let the detail pane fetch a contact's tasks, notes and appointments. */
void
liaison_contacts_page_set_session (LiaisonContactsPage *self, LiaisonSession *session)
{
  g_return_if_fail (LIAISON_IS_CONTACTS_PAGE (self));
  g_return_if_fail (session == NULL || LIAISON_IS_SESSION (session));

  liaison_contact_detail_set_clients (
      self->detail, session != NULL ? liaison_session_get_lsq_client (session) : NULL,
      session != NULL ? liaison_session_get_ghl_client (session) : NULL);
}

/* Keyboard ---------------------------------------------------------------- */

/* GTK 4.8's lists move Tab from row to row (4.12 added tab-behavior for this), so with many
 * contacts Tab would never leave the list. Tab from the list goes on to the detail pane, and
 * Shift+Tab back to the search and filter controls; the arrow keys still move between rows. */
static gboolean
liaison_contacts_page_focus (GtkWidget *widget, GtkDirectionType direction)
{
  LiaisonContactsPage *self = LIAISON_CONTACTS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *list = GTK_WIDGET (self->column_view);

  if ((direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_TAB_BACKWARD) && focus != NULL
      && (focus == list || gtk_widget_is_ancestor (focus, list)))
    {
      if (direction == GTK_DIR_TAB_FORWARD)
        /* FALSE when no contact is shown: the window then goes on past the page. */
        return gtk_widget_child_focus (GTK_WIDGET (self->detail), direction);
      return gtk_widget_child_focus (gtk_widget_get_parent (GTK_WIDGET (self->search_entry)),
                                     direction);
    }
  return GTK_WIDGET_CLASS (liaison_contacts_page_parent_class)->focus (widget, direction);
}

/* GObject ---------------------------------------------------------------- */

static void
liaison_contacts_page_dispose (GObject *object)
{
  LiaisonContactsPage *self = LIAISON_CONTACTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_clear_object (&self->selection);
  g_clear_error (&self->load_error);
  liaison_contacts_page_dispose_refresh (self);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->kept_lsq_id, g_free);
  g_clear_pointer (&self->kept_ghl_id, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_CONTACTS_PAGE);

  G_OBJECT_CLASS (liaison_contacts_page_parent_class)->dispose (object);
}

static void
liaison_contacts_page_get_property (GObject *object, guint prop_id, GValue *value,
                                    GParamSpec *pspec)
{
  LiaisonContactsPage *self = LIAISON_CONTACTS_PAGE (object);

  switch (prop_id)
    {
      case PROP_MODEL:
        g_value_set_object (value, self->model);
        break;

      case PROP_REFRESHER:
        g_value_set_object (value, self->refresher);
        break;

      case PROP_FILTER:
        g_value_set_string (value, self->filter);
        break;

      case PROP_SORT:
        g_value_set_string (value, sort_name (self->sort));
        break;

      case PROP_CAN_GO_BACK:
        g_value_set_boolean (value, liaison_contacts_page_get_can_go_back (self));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_contacts_page_set_property (GObject *object, guint prop_id, const GValue *value,
                                    GParamSpec *pspec)
{
  LiaisonContactsPage *self = LIAISON_CONTACTS_PAGE (object);

  switch (prop_id)
    {
      case PROP_MODEL:
        liaison_contacts_page_set_model (self, g_value_get_object (value));
        break;

      case PROP_REFRESHER:
        liaison_contacts_page_set_refresher (self, g_value_get_object (value));
        break;

      case PROP_FILTER:
        liaison_contacts_page_set_filter (self, g_value_get_string (value));
        break;

      case PROP_SORT:
        liaison_contacts_page_set_sort (self, g_value_get_string (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_contacts_page_class_init (LiaisonContactsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_contacts_page_dispose;
  object_class->get_property = liaison_contacts_page_get_property;
  object_class->set_property = liaison_contacts_page_set_property;
  widget_class->focus = liaison_contacts_page_focus;

  properties[PROP_MODEL]
      = g_param_spec_object ("model", NULL, NULL, LIAISON_TYPE_CONTACT_LIST,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REFRESHER]
      = g_param_spec_object ("refresher", NULL, NULL, LIAISON_TYPE_REFRESHER,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILTER]
      = g_param_spec_string ("filter", NULL, NULL, "all",
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT]
      = g_param_spec_string ("sort", NULL, NULL, "name",
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* TRUE when only the detail is shown: the window's back button then leads to the list. */
  properties[PROP_CAN_GO_BACK] = g_param_spec_boolean ("can-go-back", NULL, NULL, FALSE,
                                                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LIAISON_TYPE_CONTACT_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/liaison-contacts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactsPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactsPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactsPage, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactsPage, detail);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactsPage, refresh_revealer);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactsPage, refresh_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactsPage, refresh_progress);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactsPage, refresh_cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactsPage, refresh_retry_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactsPage, refresh_dismiss_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactsPage, empty_refresh_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactsPage, filter_section);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactsPage, empty_action_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stopped);

  gtk_widget_class_install_action (widget_class, "contacts.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "contacts.show-all", NULL, show_all_action);
  gtk_widget_class_install_property_action (widget_class, "contacts.filter", "filter");
  gtk_widget_class_install_property_action (widget_class, "contacts.sort", "sort");
  liaison_contacts_page_class_add_refresh (widget_class);
  gtk_widget_class_install_action (widget_class, "contacts.focus-search", NULL,
                                   focus_search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "contacts.focus-search", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "contactspage");
}

static void
liaison_contacts_page_init (LiaisonContactsPage *self)
{
  GActionGroup *columns;

  self->filter = status_filters[0].name;
  self->sort = LIAISON_CONTACT_SORT_NAME;
  gtk_widget_init_template (GTK_WIDGET (self));

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (self->selection, "notify::selected-item", G_CALLBACK (on_selection_changed),
                    self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect (self->detail, "link-changed", G_CALLBACK (on_link_changed), self);
  g_signal_connect_swapped (self->state_stack, "notify::visible-child-name",
                            G_CALLBACK (notify_can_go_back), self);

  self->settings = g_settings_new (APPLICATION_ID);
  columns = liaison_contact_columns_add (self->column_view, self->settings);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "columns", columns);
  g_object_unref (columns);

  liaison_contacts_page_update_state (self);
  liaison_contacts_page_update_refresh (self);
}
