/* liaison-window.c: the main window. The sidebar is built from the pages of
 * the content stack, so a page declared in the template is reachable by its
 * row, by Alt+number and by the win.show-page action alike. The window keeps
 * its size, maximized state and last page in GSettings.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-window"

#include <glib/gi18n.h>

#include "liaison-accounts-page.h"
#include "liaison-booking-page.h"
#include "liaison-conflicts-page.h"
#include "liaison-contacts-page.h"
#include "liaison-history-page.h"
#include "liaison-mapping-page.h"
#include "liaison-overview-page.h"
#include "liaison-window-private.h"

struct _LiaisonWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;
  LiaisonSession *session;
  LiaisonGhlAuthorizer *watched_authorizer;
  LiaisonConflictList *watched_conflicts;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *sidebar_title;
  LiaisonContactsPage *contacts_page;
  LiaisonAccountsPage *accounts_page;
  LiaisonBookingPage *booking_page;
  LiaisonMappingPage *mapping_page;
  LiaisonHistoryPage *history_page;
  LiaisonConflictsPage *conflicts_page;
  LiaisonOverviewPage *overview_page;
  AdwLeaflet *leaflet;
  GtkWidget *back_button;
  GtkListBox *sidebar;
  GtkStack *stack;
  GtkWidget *content_header;
  AdwWindowTitle *content_title;
  GtkWidget *select_button;
};

G_DEFINE_FINAL_TYPE (LiaisonWindow, liaison_window, ADW_TYPE_APPLICATION_WINDOW)

/* In sidebar order; Alt+1 opens the first. The titles and icons live in the
 * template, next to each page. */
static const char *const page_names[] = {
  "overview", "contacts", "mapping", "conflicts", "appointments", "history", "accounts", NULL,
};

gboolean
liaison_window_is_page_name (const char *name)
{
  for (guint i = 0; page_names[i] != NULL; i++)
    if (g_strcmp0 (page_names[i], name) == 0)
      return TRUE;

  return FALSE;
}

char *
liaison_window_list_page_names (void)
{
  return g_strjoinv (", ", (char **) page_names);
}

void
liaison_window_set_page_accels (GtkApplication *application)
{
  for (guint i = 0; page_names[i] != NULL; i++)
    {
      g_autofree char *action = g_strdup_printf ("win.show-page::%s", page_names[i]);
      g_autofree char *accel = g_strdup_printf ("<Alt>%u", i + 1);

      gtk_application_set_accels_for_action (application, action, (const char *[]){ accel, NULL });
    }
}

LiaisonWindow *
liaison_window_new (LiaisonApplication *application)
{
  return g_object_new (LIAISON_TYPE_WINDOW, "application", application, NULL);
}

GtkListBox *
liaison_window_get_sidebar (LiaisonWindow *self)
{
  return self->sidebar;
}

GtkStack *
liaison_window_get_stack (LiaisonWindow *self)
{
  return self->stack;
}

GtkWidget *
liaison_window_get_content_header (LiaisonWindow *self)
{
  return self->content_header;
}

AdwWindowTitle *
liaison_window_get_content_title (LiaisonWindow *self)
{
  return self->content_title;
}

const char *
liaison_window_get_page (LiaisonWindow *self)
{
  g_return_val_if_fail (LIAISON_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

void
liaison_window_show_page (LiaisonWindow *self, const char *name)
{
  g_return_if_fail (LIAISON_IS_WINDOW (self));

  if (!liaison_window_is_page_name (name))
    {
      g_warning ("No page called “%s”", name);
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, name);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static GtkWidget *
create_sidebar_row (GtkStackPage *page)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name (gtk_stack_page_get_icon_name (page));
  GtkWidget *label = gtk_label_new (gtk_stack_page_get_title (page));

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, gtk_stack_page_get_name (page));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_stack_page_get_title (page), -1);
  return row;
}

static void
populate_sidebar (LiaisonWindow *self)
{
  for (guint i = 0; page_names[i] != NULL; i++)
    {
      GtkWidget *child = gtk_stack_get_child_by_name (self->stack, page_names[i]);

      /* The list of names and the template are both ours; a mismatch is a
       * programming error caught by the window test. */
      g_return_if_fail (child != NULL);
      gtk_list_box_append (self->sidebar,
                           create_sidebar_row (gtk_stack_get_page (self->stack, child)));
    }
}

static void
on_sidebar_row_activated (GtkListBox *list, GtkListBoxRow *row, LiaisonWindow *self)
{
  liaison_window_show_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

/* One back button for both leaflets: from a contact's detail to the contact list when the
 * Contacts page shows one pane at a time, and from a page to the pages when the sidebar is
 * folded away. */
static gboolean
contacts_can_go_back (LiaisonWindow *self)
{
  return gtk_stack_get_visible_child (self->stack) == GTK_WIDGET (self->contacts_page)
         && liaison_contacts_page_get_can_go_back (self->contacts_page);
}

static void
on_folded_changed (LiaisonWindow *self)
{
  gboolean contacts = contacts_can_go_back (self);

  gtk_widget_set_visible (self->back_button, contacts || adw_leaflet_get_folded (self->leaflet));
  gtk_widget_set_tooltip_text (self->back_button,
                               contacts ? _ ("Back to Contacts") : _ ("Back to Pages"));
}

static void
on_back_clicked (GtkButton *button, LiaisonWindow *self)
{
  if (contacts_can_go_back (self))
    liaison_contacts_page_go_back (self->contacts_page);
  else
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* The page's title; the Conflicts page in selection mode says how many are selected, and only
 * it has the Select button. */
static void
update_content_title (LiaisonWindow *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (self->stack);
  gboolean conflicts = child == GTK_WIDGET (self->conflicts_page);

  if (child == NULL)
    return;
  if (conflicts && liaison_conflicts_page_get_selection_mode (self->conflicts_page))
    adw_window_title_set_title (self->content_title,
                                liaison_conflicts_page_get_selection_title (self->conflicts_page));
  else
    adw_window_title_set_title (self->content_title,
                                gtk_stack_page_get_title (gtk_stack_get_page (self->stack, child)));
  gtk_widget_set_visible (
      self->select_button,
      conflicts
          && (liaison_conflicts_page_get_can_select (self->conflicts_page)
              || liaison_conflicts_page_get_selection_mode (self->conflicts_page)));
  if (!conflicts && liaison_conflicts_page_get_selection_mode (self->conflicts_page))
    liaison_conflicts_page_set_selection_mode (self->conflicts_page, FALSE);
}

static void
on_visible_page_changed (GtkStack *stack, GParamSpec *pspec, LiaisonWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (stack);
  GtkWidget *child = gtk_stack_get_visible_child (stack);

  if (name == NULL || child == NULL)
    return;

  on_folded_changed (self);

  update_content_title (self);

  /* Keep the sidebar's selection in step when the page changes by a
   * shortcut or a button rather than by a click in the sidebar. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (gtk_widget_get_name (row), name) == 0)
        {
          gtk_list_box_select_row (self->sidebar, GTK_LIST_BOX_ROW (row));
          break;
        }
    }
}

static void
show_page_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  liaison_window_show_page (LIAISON_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* The first-run path's Preview Sync: the Field Mapping page's, with the pairs it shows. Until
 * the map is read (or while a pair is at fault) the page itself says what stands in the way. */
static void
preview_sync_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LiaisonWindow *self = LIAISON_WINDOW (widget);

  liaison_window_show_page (self, "mapping");
  gtk_widget_activate_action (GTK_WIDGET (self->mapping_page), "mapping.preview-sync", NULL);
}

static void
liaison_window_save_state (LiaisonWindow *self)
{
  int width, height;
  const char *page;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  /* A maximized window's size is not the one to come back to. */
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  page = gtk_stack_get_visible_child_name (self->stack);
  if (page != NULL)
    g_settings_set_string (self->settings, "last-page", page);
  g_settings_apply (self->settings);
}

static void
liaison_window_restore_state (LiaisonWindow *self)
{
  g_autofree char *page = g_settings_get_string (self->settings, "last-page");

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  gtk_stack_set_visible_child_name (self->stack,
                                    liaison_window_is_page_name (page) ? page : page_names[0]);
  on_visible_page_changed (self->stack, NULL, self);
}

/* Session ------------------------------------------------------------------ */

static void
on_reconnect_needed (LiaisonGhlAuthorizer *authorizer, const char *message, LiaisonWindow *self)
{
  AdwToast *toast = adw_toast_new (_ ("HighLevel needs to be connected again"));

  /* Wherever the person is, they learn it and get a way to fix it. The toast stays up beside
   * the contact's Retry and the Accounts page's Reconnect in Browser: N is free in both. */
  adw_toast_set_button_label (toast, _ ("Reco_nnect"));
  adw_toast_set_action_name (toast, "win.show-page");
  adw_toast_set_action_target_value (toast, g_variant_new_string ("accounts"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The History page undoes a run, and the Contacts page creates a contact on the other side,
 * through an engine of the two connected accounts, the one
 * `liaison-cli undo` uses; without both there is none and "Undo Run…" is off. */
static void
set_history_engine (LiaisonWindow *self, LiaisonSession *session)
{
  const LiaisonStoreConnection *lsq = liaison_session_get_connection (session, LIAISON_SERVICE_LSQ);
  const LiaisonStoreConnection *ghl = liaison_session_get_connection (session, LIAISON_SERVICE_GHL);
  LiaisonStore *store = liaison_session_get_store (session);
  g_autoptr (LiaisonSyncEngine) engine = NULL;

  if (store != NULL && lsq != NULL && ghl != NULL && liaison_session_get_lsq_client (session)
      && liaison_session_get_ghl_client (session))
    engine = liaison_sync_engine_new (store, liaison_session_get_lsq_client (session), lsq->id,
                                      liaison_session_get_ghl_client (session), ghl->id);
  liaison_history_page_set_engine (self->history_page, engine);
  liaison_contacts_page_set_engine (self->contacts_page, engine);
}

/* The Conflicts row of the sidebar shows how many wait for an answer. */
static void
update_conflicts_count (LiaisonWindow *self)
{
  LiaisonConflictList *model = liaison_conflicts_page_get_model (self->conflicts_page);
  guint n = model ? liaison_conflict_list_get_n_open (model) : 0;
  GtkWidget *row = NULL;
  GtkWidget *box, *count;
  g_autofree char *text = NULL;
  g_autofree char *accessible = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (gtk_widget_get_name (child), "conflicts") == 0)
      row = child;
  if (row == NULL)
    return;
  box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
  count = gtk_widget_get_last_child (box);
  if (g_strcmp0 (gtk_widget_get_name (count), "count") != 0)
    {
      count = gtk_label_new (NULL);
      gtk_widget_set_name (count, "count");
      gtk_widget_set_hexpand (count, TRUE);
      gtk_widget_set_halign (count, GTK_ALIGN_END);
      gtk_widget_add_css_class (count, "dim-label");
      gtk_widget_add_css_class (count, "numeric");
      gtk_box_append (GTK_BOX (box), count);
    }
  text = g_strdup_printf ("%u", n);
  gtk_label_set_label (GTK_LABEL (count), text);
  gtk_widget_set_visible (count, n > 0);
  accessible = n > 0 ? g_strdup_printf (ngettext ("Conflicts, %u waits for an answer",
                                                  "Conflicts, %u wait for an answer", n),
                                        n)
                     : g_strdup (_ ("Conflicts"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
watch_conflicts (LiaisonWindow *self)
{
  LiaisonConflictList *model = liaison_conflicts_page_get_model (self->conflicts_page);

  if (model != self->watched_conflicts)
    {
      if (self->watched_conflicts != NULL)
        g_signal_handlers_disconnect_by_data (self->watched_conflicts, self);
      g_set_object (&self->watched_conflicts, model);
      if (model != NULL)
        g_signal_connect_object (model, "notify::n-open", G_CALLBACK (update_conflicts_count), self,
                                 G_CONNECT_SWAPPED);
    }
  update_conflicts_count (self);
}

static void
on_session_changed (LiaisonSession *session, LiaisonWindow *self)
{
  LiaisonGhlAuthorizer *authorizer = liaison_session_get_ghl_authorizer (session);

  liaison_contacts_page_set_model (self->contacts_page, liaison_session_get_contact_list (session));
  liaison_contacts_page_set_refresher (self->contacts_page,
                                       liaison_session_get_refresher (session));
  liaison_contacts_page_set_session (self->contacts_page, session);
  liaison_booking_page_set_session (self->booking_page, session);
  liaison_mapping_page_set_session (self->mapping_page, session);
  liaison_history_page_set_store (self->history_page, liaison_session_get_store (session));
  set_history_engine (self, session);
  liaison_conflicts_page_set_store (self->conflicts_page, liaison_session_get_store (session));
  liaison_overview_page_set_session (self->overview_page, session);
  liaison_overview_page_set_conflicts (self->overview_page,
                                       liaison_conflicts_page_get_model (self->conflicts_page));
  watch_conflicts (self);

  if (self->watched_authorizer != authorizer)
    {
      if (self->watched_authorizer != NULL)
        g_signal_handlers_disconnect_by_data (self->watched_authorizer, self);
      g_set_object (&self->watched_authorizer, authorizer);
      if (authorizer != NULL)
        g_signal_connect_object (authorizer, "reconnect-needed", G_CALLBACK (on_reconnect_needed),
                                 self, 0);
    }
}

void
liaison_window_set_session (LiaisonWindow *self, LiaisonSession *session)
{
  g_return_if_fail (LIAISON_IS_WINDOW (self));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  liaison_accounts_page_set_session (self->accounts_page, session);
  if (session == NULL)
    {
      liaison_contacts_page_set_model (self->contacts_page, NULL);
      liaison_contacts_page_set_refresher (self->contacts_page, NULL);
      liaison_contacts_page_set_session (self->contacts_page, NULL);
      liaison_booking_page_set_session (self->booking_page, NULL);
      liaison_mapping_page_set_session (self->mapping_page, NULL);
      liaison_history_page_set_store (self->history_page, NULL);
      liaison_history_page_set_engine (self->history_page, NULL);
      liaison_contacts_page_set_engine (self->contacts_page, NULL);
      liaison_conflicts_page_set_store (self->conflicts_page, NULL);
      liaison_overview_page_set_session (self->overview_page, NULL);
      liaison_overview_page_set_conflicts (self->overview_page, NULL);
      watch_conflicts (self);
      return;
    }

  adw_window_title_set_subtitle (
      self->sidebar_title,
      g_strcmp0 (liaison_session_get_profile (session), "sandbox") == 0 ? _ ("Sandbox") : NULL);
  g_signal_connect_object (session, "changed", G_CALLBACK (on_session_changed), self, 0);
  on_session_changed (session, self);
}

void
liaison_window_set_scheduler (LiaisonWindow *self, LiaisonSyncScheduler *scheduler)
{
  g_return_if_fail (LIAISON_IS_WINDOW (self));

  liaison_conflicts_page_set_scheduler (self->conflicts_page, scheduler);
  liaison_overview_page_set_scheduler (self->overview_page, scheduler);
}

void
liaison_window_set_sandbox (LiaisonWindow *self, const char *marketplace_url, const char *client_id,
                            const char *client_secret, const char *lsq_access_key,
                            const char *lsq_secret_key)
{
  g_return_if_fail (LIAISON_IS_WINDOW (self));

  liaison_accounts_page_set_sandbox (self->accounts_page, marketplace_url, client_id, client_secret,
                                     lsq_access_key, lsq_secret_key);
}

void
liaison_window_add_toast (LiaisonWindow *self, const char *message)
{
  AdwToast *toast;

  g_return_if_fail (LIAISON_IS_WINDOW (self));

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
liaison_window_close_request (GtkWindow *window)
{
  liaison_window_save_state (LIAISON_WINDOW (window));

  return GTK_WINDOW_CLASS (liaison_window_parent_class)->close_request (window);
}

static void
liaison_window_dispose (GObject *object)
{
  LiaisonWindow *self = LIAISON_WINDOW (object);

  if (self->watched_authorizer != NULL)
    g_signal_handlers_disconnect_by_data (self->watched_authorizer, self);
  g_clear_object (&self->watched_authorizer);
  if (self->watched_conflicts != NULL)
    g_signal_handlers_disconnect_by_data (self->watched_conflicts, self);
  g_clear_object (&self->watched_conflicts);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (liaison_window_parent_class)->dispose (object);
}

static void
liaison_window_class_init (LiaisonWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = liaison_window_dispose;
  window_class->close_request = liaison_window_close_request;

  g_type_ensure (LIAISON_TYPE_ACCOUNTS_PAGE);
  g_type_ensure (LIAISON_TYPE_BOOKING_PAGE);
  g_type_ensure (LIAISON_TYPE_CONFLICTS_PAGE);
  g_type_ensure (LIAISON_TYPE_OVERVIEW_PAGE);
  g_type_ensure (LIAISON_TYPE_CONTACTS_PAGE);
  g_type_ensure (LIAISON_TYPE_MAPPING_PAGE);
  g_type_ensure (LIAISON_TYPE_HISTORY_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/liaison-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, contacts_page);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, accounts_page);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, booking_page);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, mapping_page);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, history_page);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, conflicts_page);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, content_header);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, select_button);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_page_changed);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.preview-sync", NULL, preview_sync_action);
}

/* The Conflicts page's own Ctrl+A and Escape work from anywhere inside it; these make them work
 * from its header bar too, where the focus is after the narrow window's sidebar opens the page
 * (the Back button) or after the Select button. */
static gboolean
forward_to_conflicts (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  LiaisonWindow *self = user_data;

  if (gtk_stack_get_visible_child (self->stack) != GTK_WIDGET (self->conflicts_page))
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (self->conflicts_page),
                                     g_variant_get_string (args, NULL), NULL);
}

static void
add_header_shortcut (LiaisonWindow *self, GtkShortcutController *controller,
                     GtkShortcutTrigger *trigger, const char *action)
{
  GtkShortcut *shortcut
      = gtk_shortcut_new (trigger, gtk_callback_action_new (forward_to_conflicts, self, NULL));

  gtk_shortcut_set_arguments (shortcut, g_variant_new_string (action));
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

static void
liaison_window_init (LiaisonWindow *self)
{
  GtkEventController *header_shortcuts = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  add_header_shortcut (self, GTK_SHORTCUT_CONTROLLER (header_shortcuts),
                       gtk_shortcut_trigger_parse_string ("<Control>a"), "conflicts.select-all");
  add_header_shortcut (self, GTK_SHORTCUT_CONTROLLER (header_shortcuts),
                       gtk_keyval_trigger_new (GDK_KEY_Escape, 0), "conflicts.leave-selection");
  gtk_widget_add_controller (self->content_header, header_shortcuts);

  self->settings = g_settings_new (APPLICATION_ID);

  populate_sidebar (self);
  g_object_bind_property (self->conflicts_page, "selection-mode", self->select_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->conflicts_page, "notify::selection-mode",
                           G_CALLBACK (update_content_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->conflicts_page, "notify::selection-title",
                           G_CALLBACK (update_content_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->conflicts_page, "notify::can-select",
                           G_CALLBACK (update_content_title), self, G_CONNECT_SWAPPED);
  liaison_window_restore_state (self);
}
