/* liaison-application.c: application-wide actions (quit, preferences, about,
 * switching pages from the command line) and the color scheme setting.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-application"

#include <glib/gi18n.h>

#include "liaison-application.h"
#include "liaison-sandbox.h"
#include "liaison-store-history.h"
#include "liaison-preferences-window.h"
#include "liaison-sync-scheduler.h"
#include "liaison-window.h"

static void liaison_application_offer_rebuild (LiaisonApplication *self, LiaisonWindow *window);
static void liaison_application_start_scheduler (LiaisonApplication *self);

struct _LiaisonApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  gboolean sandbox_mode;
  LiaisonSandbox *sandbox;
  LiaisonSession *session;
  LiaisonSyncScheduler *scheduler;
  char *session_error;
  char *damage;             /* why the store could not be read, while it waits for a rebuild */
  AdwMessageDialog *repair; /* the offer to rebuild it, while it shows */
  GCancellable *cancellable;
  guint prune_timeout; /* the history's retention, applied every few hours */
};

G_DEFINE_FINAL_TYPE (LiaisonApplication, liaison_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "page", 'p', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_ ("Open the window on PAGE (overview, contacts, mapping, conflicts, appointments, history, "
        "accounts)"),
    N_ ("PAGE") },
  { "sandbox", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_ ("Try Liaison on simulated HighLevel and LeadSquared accounts on this computer"), NULL },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL, N_ ("Show the version and quit"),
    NULL },
  { NULL }
};

LiaisonApplication *
liaison_application_new (void)
{
  return g_object_new (LIAISON_TYPE_APPLICATION, "application-id", APPLICATION_ID, "flags",
                       G_APPLICATION_DEFAULT_FLAGS, "resource-base-path", RESOURCE_BASE_PATH, NULL);
}

static void
liaison_application_prepare_window (LiaisonApplication *self, LiaisonWindow *window)
{
  if (self->damage != NULL)
    {
      liaison_application_offer_rebuild (self, window);
      return;
    }
  if (self->session_error != NULL)
    liaison_window_add_toast (window, self->session_error);
  if (self->session == NULL || liaison_session_get_store (self->session) == NULL)
    return;

  liaison_window_set_session (window, self->session);
  liaison_window_set_scheduler (window, self->scheduler);
  if (self->sandbox != NULL)
    {
      const char *lsq_keys[2] = { liaison_sandbox_get_lsq_access_key (self->sandbox),
                                  liaison_sandbox_get_lsq_secret_key (self->sandbox) };

      liaison_window_set_sandbox (window, liaison_sandbox_get_ghl_url (self->sandbox),
                                  liaison_sandbox_get_client_id (self->sandbox),
                                  liaison_sandbox_get_client_secret (self->sandbox), lsq_keys[0],
                                  lsq_keys[1]);
    }
}

/* A damaged store ------------------------------------------------------------ */

static void
on_rebuilt (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonApplication) self = user_data;
  g_autoptr (LiaisonStoreRecovery) recovery = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *said = NULL;

  recovery = liaison_session_rebuild_finish (LIAISON_SESSION (source), result, &error);
  if (recovery != NULL)
    liaison_application_start_scheduler (self);
  if (recovery == NULL)
    {
      g_warning ("%s", error->message);
      g_clear_pointer (&self->damage, g_free);
      g_free (self->session_error);
      self->session_error = g_strdup_printf (
          _ ("Liaison’s local data could not be rebuilt: %s. Nothing was deleted; check that your "
             "home folder has free space and can be written to, then start Liaison again."),
          error->message);
    }
  else
    {
      g_clear_pointer (&self->damage, g_free);
      if (recovery->read_nothing)
        said = g_strdup_printf (_ ("Nothing could be read from the damaged file, which is now %s. "
                                   "Connect both accounts again in Accounts."),
                                recovery->moved_to);
      else
        said = g_strdup_printf (
            _ ("Liaison’s local data was rebuilt, keeping %u accounts, %u links and %u history "
               "entries. The damaged file is now %s. Refresh to fetch the contacts again."),
            recovery->kept_connections, recovery->kept_links, recovery->kept_history,
            recovery->moved_to);
    }

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (LIAISON_IS_WINDOW (l->data))
      {
        liaison_application_prepare_window (self, l->data);
        if (said != NULL)
          liaison_window_add_toast (l->data, said);
      }
  g_application_release (G_APPLICATION (self));
}

static gboolean
quit_later (gpointer user_data)
{
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
on_repair_response (AdwMessageDialog *dialog, const char *response, LiaisonApplication *self)
{
  self->repair = NULL;
  if (g_strcmp0 (response, "rebuild") == 0)
    {
      g_application_hold (G_APPLICATION (self));
      liaison_session_rebuild_async (self->session, NULL, NULL, on_rebuilt, g_object_ref (self));
    }
  else
    /* After the dialog has closed itself: quitting closes its parent. */
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, quit_later, g_object_ref (self), g_object_unref);
}

/* The store cannot be read: say so, and offer to move it aside and start
 * again with what can still be read of it. Nothing is moved unasked. */
static void
liaison_application_offer_rebuild (LiaisonApplication *self, LiaisonWindow *window)
{
  AdwMessageDialog *dialog;

  if (self->repair != NULL)
    return;
  dialog = ADW_MESSAGE_DIALOG (
      adw_message_dialog_new (GTK_WINDOW (window), _ ("Liaison’s Local Data Is Damaged"), NULL));
  adw_message_dialog_format_body (
      dialog,
      _ ("%s.\n\nLiaison can move the damaged file aside, keep the accounts, links and sync "
         "history "
         "that can still be read from it, and fetch the contacts again from both services. The "
         "file is kept, not deleted."),
      self->damage);
  adw_message_dialog_add_responses (dialog, "quit", _ ("_Quit"), "rebuild", _ ("_Rebuild"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "rebuild", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "rebuild");
  adw_message_dialog_set_close_response (dialog, "quit");
  g_signal_connect (dialog, "response", G_CALLBACK (on_repair_response), self);
  self->repair = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

static LiaisonWindow *
liaison_application_ensure_window (LiaisonApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      window = GTK_WINDOW (liaison_window_new (self));
      liaison_application_prepare_window (self, LIAISON_WINDOW (window));
    }

  return LIAISON_WINDOW (window);
}

/* Retention ------------------------------------------------------------------ */

/* The history older than the setting's days goes at start, every six hours while Liaison runs
 * and when the setting changes, on the store's worker (the main loop never waits for it). */
#define PRUNE_INTERVAL_S (6 * 60 * 60)

static void
on_history_pruned (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  guint64 n_runs = 0;

  if (!liaison_store_prune_history_finish (LIAISON_STORE (source), result, &n_runs, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Old sync history was kept: %s", error->message);
      return;
    }
  g_debug ("pruned %" G_GUINT64_FORMAT " runs of the sync history", n_runs);
}

static void
liaison_application_prune_history (LiaisonApplication *self)
{
  LiaisonStore *store = self->session ? liaison_session_get_store (self->session) : NULL;
  int days = g_settings_get_int (self->settings, "history-retention-days");

  if (store == NULL || days <= 0)
    return;
  liaison_store_prune_history_async (
      store, liaison_history_retention_cutoff ((guint) days, g_get_real_time () / 1000),
      self->cancellable, on_history_pruned, NULL);
}

static gboolean
on_prune_timeout (gpointer user_data)
{
  liaison_application_prune_history (user_data);
  return G_SOURCE_CONTINUE;
}

static void
on_retention_changed (GSettings *settings, const char *key, LiaisonApplication *self)
{
  liaison_application_prune_history (self);
}

/* Scheduled syncs ------------------------------------------------------------ */

static void
on_sync_failed (LiaisonSyncScheduler *scheduler, const char *cause, const char *message,
                LiaisonApplication *self)
{
  g_autoptr (GNotification) notification = g_notification_new (_ ("Sync Failed"));

  /* One id: a newer failure replaces the older one rather than piling up. */
  g_notification_set_body (notification, message);
  g_notification_set_default_action_and_target (notification, "app.show-page", "s", "overview");
  g_notification_add_button_with_target (notification, _ ("Show Overview"), "app.show-page", "s",
                                         "overview");
  g_application_send_notification (G_APPLICATION (self), "sync-failed", notification);
}

static void
on_new_conflicts (LiaisonSyncScheduler *scheduler, guint n, LiaisonApplication *self)
{
  g_autoptr (GNotification) notification = g_notification_new (_ ("New Conflicts"));
  g_autofree char *body = g_strdup_printf (
      ngettext ("Both services changed %u field differently. Choose which value to keep.",
                "Both services changed %u fields differently. Choose which values to keep.", n),
      n);

  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.show-page", "s", "conflicts");
  g_notification_add_button_with_target (notification, _ ("Show Conflicts"), "app.show-page", "s",
                                         "conflicts");
  g_application_send_notification (G_APPLICATION (self), "new-conflicts", notification);
}

static void
on_sync_finished (LiaisonSyncScheduler *scheduler, const char *trigger, gboolean succeeded,
                  LiaisonApplication *self)
{
  if (succeeded)
    g_application_withdraw_notification (G_APPLICATION (self), "sync-failed");
}

/* The app syncs every sync-interval minutes while it runs (the sandbox's loopback needs no
 * network, so only a real profile waits for one). */
static void
liaison_application_start_scheduler (LiaisonApplication *self)
{
  if (self->scheduler != NULL)
    return;
  self->scheduler = liaison_sync_scheduler_new ();
  if (!self->sandbox_mode)
    liaison_sync_scheduler_set_network_monitor (self->scheduler, g_network_monitor_get_default ());
  g_settings_bind (self->settings, "sync-interval", self->scheduler, "interval",
                   G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->scheduler, "failed", G_CALLBACK (on_sync_failed), self, 0);
  g_signal_connect_object (self->scheduler, "new-conflicts", G_CALLBACK (on_new_conflicts), self,
                           0);
  g_signal_connect_object (self->scheduler, "run-finished", G_CALLBACK (on_sync_finished), self,
                           0);
  liaison_sync_scheduler_set_session (self->scheduler, self->session);
}

LiaisonSyncScheduler *
liaison_application_get_scheduler (LiaisonApplication *self)
{
  g_return_val_if_fail (LIAISON_IS_APPLICATION (self), NULL);
  return self->scheduler;
}

static void
on_session_opened (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonApplication) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!liaison_session_open_finish (LIAISON_SESSION (source), result, &error)
      && g_error_matches (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_CORRUPT))
    {
      /* Handled: the window offers to rebuild. */
      g_message ("%s", error->message);
      g_free (self->damage);
      self->damage = g_strdup (error->message);
    }
  else if (error != NULL)
    {
      g_warning ("%s", error->message);
      g_free (self->session_error);
      self->session_error = g_strdup_printf (
          _ ("%s. Check that your home folder has free space and can be written to, then start "
             "Liaison again."),
          error->message);
    }

  if (liaison_session_get_store (LIAISON_SESSION (source)) != NULL)
    liaison_application_start_scheduler (self);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (LIAISON_IS_WINDOW (l->data))
      liaison_application_prepare_window (self, l->data);

  if (error == NULL)
    {
      liaison_application_prune_history (self);
      if (self->prune_timeout == 0)
        self->prune_timeout = g_timeout_add_seconds (PRUNE_INTERVAL_S, on_prune_timeout, self);
    }

  /* Keep the application alive while the session opened. */
  g_application_release (G_APPLICATION (self));
}

static void
liaison_application_open_session (LiaisonApplication *self)
{
  g_autoptr (GError) error = NULL;

  if (self->sandbox_mode)
    {
      LiaisonSandboxOptions options;
      g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "liaison", NULL);
      g_autofree char *state = g_build_filename (dir, "sandbox-state.json", NULL);
      const char *lsq_candidates[2] = { NULL, NULL };

      /* The person's sandbox data survives restarts, like a real account's. */
      g_mkdir_with_parents (dir, 0700);
      liaison_sandbox_options_init (&options);
      options.state_file = state;
      self->sandbox = liaison_sandbox_new (&options);
      if (!liaison_sandbox_start_in_thread (self->sandbox, &error))
        {
          self->session_error
              = g_strdup_printf (_ ("The sandbox could not be started: %s"), error->message);
          g_clear_object (&self->sandbox);
          return;
        }

      self->session = liaison_session_new ("sandbox");
      liaison_session_set_ghl_api_url (self->session, liaison_sandbox_get_ghl_url (self->sandbox));
      lsq_candidates[0] = liaison_sandbox_get_lsq_url (self->sandbox);
      liaison_session_set_lsq_candidates (self->session, lsq_candidates);
    }
  else
    self->session = liaison_session_new ("default");

  g_application_hold (G_APPLICATION (self));
  liaison_session_open_async (self->session, NULL, NULL, on_session_opened, g_object_ref (self));
}

static void
liaison_application_activate (GApplication *app)
{
  LiaisonApplication *self = LIAISON_APPLICATION (app);

  gtk_window_present (GTK_WINDOW (liaison_application_ensure_window (self)));
}

static gint
liaison_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  const char *page = NULL;
  g_autoptr (GError) error = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_contains (options, "sandbox"))
    {
      /* The sandbox is a world of its own: it neither hands its window over
       * to a Liaison working on real accounts nor takes over theirs. */
      LIAISON_APPLICATION (app)->sandbox_mode = TRUE;
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  if (!g_variant_dict_lookup (options, "page", "&s", &page))
    return -1;

  if (!liaison_window_is_page_name (page))
    {
      g_autofree char *names = liaison_window_list_page_names ();

      g_printerr (_ ("There is no page called “%s”. The pages are: %s.\n"), page, names);
      return EXIT_FAILURE;
    }

  /* Register first so that the page is switched in the instance that owns
   * the window, whether that is this process or one already running. */
  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  g_action_group_activate_action (G_ACTION_GROUP (app), "show-page", g_variant_new_string (page));
  return EXIT_SUCCESS;
}

static void
liaison_application_show_page (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  LiaisonApplication *self = user_data;
  LiaisonWindow *window = liaison_application_ensure_window (self);

  liaison_window_show_page (window, g_variant_get_string (parameter, NULL));
  gtk_window_present (GTK_WINDOW (window));
}

static void
liaison_application_quit (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  LiaisonApplication *self = user_data;
  g_autoptr (GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing each window lets it save its state; the application then ends
   * by itself when the last one is gone. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
liaison_application_preferences (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  LiaisonApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  LiaisonPreferencesWindow *preferences = liaison_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
liaison_application_about (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  LiaisonApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Liaison authors", NULL };

  adw_show_about_window (parent, "application-name", _ ("Liaison"), "application-icon",
                         APPLICATION_ID, "developer-name", _ ("The Liaison authors"), "version",
                         PACKAGE_VERSION, "website", PACKAGE_WEBSITE, "issue-url",
                         PACKAGE_BUGREPORT, "developers", developers, "copyright",
                         "© 2026 The Liaison authors", "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: replace with your names, one name per line. */
                         "translator-credits", _ ("translator-credits"), "comments",
                         _ ("Keeps LeadSquared and HighLevel in step, both ways, and shows "
                            "exactly what it does."),
                         NULL);
}

static void
liaison_application_apply_color_scheme (LiaisonApplication *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  AdwColorScheme scheme;

  switch (g_settings_get_enum (self->settings, "color-scheme"))
    {
      case 1:
        scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
        break;
      case 2:
        scheme = ADW_COLOR_SCHEME_FORCE_DARK;
        break;
      default:
        /* Follow the system's preference, as GNOME apps should by default. */
        scheme = ADW_COLOR_SCHEME_DEFAULT;
        break;
    }

  adw_style_manager_set_color_scheme (style_manager, scheme);
}

static void
on_color_scheme_changed (GSettings *settings, const char *key, LiaisonApplication *self)
{
  liaison_application_apply_color_scheme (self);
}

static const GActionEntry app_actions[] = {
  { "quit", liaison_application_quit },
  { "preferences", liaison_application_preferences },
  { "about", liaison_application_about },
  { "show-page", liaison_application_show_page, "s" },
};

static void
liaison_application_startup (GApplication *app)
{
  LiaisonApplication *self = LIAISON_APPLICATION (app);
  GtkApplication *gtk_app = GTK_APPLICATION (app);

  G_APPLICATION_CLASS (liaison_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);

  gtk_application_set_accels_for_action (gtk_app, "app.quit",
                                         (const char *[]){ "<Control>q", NULL });
  gtk_application_set_accels_for_action (gtk_app, "app.preferences",
                                         (const char *[]){ "<Control>comma", NULL });
  gtk_application_set_accels_for_action (gtk_app, "window.close",
                                         (const char *[]){ "<Control>w", NULL });
  liaison_window_set_page_accels (gtk_app);

  liaison_application_open_session (self);

  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (on_color_scheme_changed), self, 0);
  liaison_application_apply_color_scheme (self);
}

static void
liaison_application_shutdown (GApplication *app)
{
  LiaisonApplication *self = LIAISON_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->prune_timeout, g_source_remove);

  /* A run in flight ends as cancelled; its intents are reconciled by the next one. */
  if (self->scheduler != NULL)
    liaison_sync_scheduler_cancel (self->scheduler);
  /* Stopping saves the sandbox's data for the next start. */
  if (self->sandbox != NULL)
    liaison_sandbox_stop (self->sandbox);
  g_clear_object (&self->sandbox);

  G_APPLICATION_CLASS (liaison_application_parent_class)->shutdown (app);
}

static void
liaison_application_dispose (GObject *object)
{
  LiaisonApplication *self = LIAISON_APPLICATION (object);

  g_clear_handle_id (&self->prune_timeout, g_source_remove);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);
  g_clear_pointer (&self->session_error, g_free);
  g_clear_pointer (&self->damage, g_free);

  G_OBJECT_CLASS (liaison_application_parent_class)->dispose (object);
}

static void
liaison_application_class_init (LiaisonApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = liaison_application_dispose;

  app_class->activate = liaison_application_activate;
  app_class->startup = liaison_application_startup;
  app_class->shutdown = liaison_application_shutdown;
  app_class->handle_local_options = liaison_application_handle_local_options;
}

static void
liaison_application_init (LiaisonApplication *self)
{
  self->settings = g_settings_new (APPLICATION_ID);
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (self->settings, "changed::history-retention-days",
                           G_CALLBACK (on_retention_changed), self, 0);

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (
      G_APPLICATION (self), _ ("Keep LeadSquared and HighLevel in step, both ways."));
}
