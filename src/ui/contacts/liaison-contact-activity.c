/* liaison-contact-activity.c: the Tasks, Notes and Appointments of one contact
 * in the detail pane, both services' items together, each row naming its
 * service. The items, their fetching and their caching are a core list model
 * (LiaisonActivityList): what the store holds shows as soon as it is read;
 * both services are then asked at the same time and their answers replace the
 * cached items. Selecting another contact drops the requests of the previous
 * one. One service failing leaves the other's items in place, with a sentence
 * saying what failed and a Retry button.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-contact-detail"

#include <glib/gi18n.h>

#include "liaison-activity-list.h"
#include "liaison-contact-activity-private.h"
#include "liaison-contact-activity.h"

enum
{
  GROUP_TASKS,
  GROUP_NOTES,
  GROUP_APPOINTMENTS,
  N_GROUPS
};

static const LiaisonRecordKind group_kinds[N_GROUPS] = {
  LIAISON_RECORD_TASK,
  LIAISON_RECORD_NOTE,
  LIAISON_RECORD_APPOINTMENT,
};

struct _LiaisonContactActivity
{
  GtkWidget parent_instance;

  LiaisonActivityList *list;

  GtkWidget *status_box;
  GtkSpinner *spinner;
  GtkLabel *status_label;
  GtkWidget *error_box;
  GtkLabel *error_label;
  GtkWidget *retry_button;
  AdwPreferencesGroup *groups[N_GROUPS];
  GtkListBox *lists[N_GROUPS];
  GtkLabel *empties[N_GROUPS];
};

enum
{
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LiaisonContactActivity, liaison_contact_activity, GTK_TYPE_WIDGET)

static const char *
service_name (LiaisonService service)
{
  return service == LIAISON_SERVICE_LSQ ? _ ("LeadSquared") : _ ("HighLevel");
}

/* TRUE until the store has been read and both services have answered. */
gboolean
liaison_contact_activity_get_loading (LiaisonContactActivity *self)
{
  g_return_val_if_fail (LIAISON_IS_CONTACT_ACTIVITY (self), FALSE);

  return liaison_activity_list_get_loading (self->list);
}

/* Showing ---------------------------------------------------------------- */

static GtkWidget *
row_new (LiaisonActivityItem *item, guint group)
{
  GtkWidget *row = adw_action_row_new ();
  GObject *object = liaison_activity_item_get_object (item);
  g_autofree char *title = liaison_contact_activity_dup_title (object);
  g_autofree char *subtitle
      = liaison_contact_activity_dup_subtitle (object, liaison_activity_item_get_service (item));
  GtkWidget *state = liaison_contact_activity_sync_label (item);

  /* Titles come from the services: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), group == GROUP_NOTES ? 4 : 2);
  if (group == GROUP_NOTES)
    gtk_widget_set_tooltip_text (row, title);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  if (state != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);
  return row;
}

static char *
empty_text (guint group, gboolean lsq_known, gboolean ghl_known)
{
  if (lsq_known && ghl_known)
    {
      if (group == GROUP_TASKS)
        return g_strdup (_ ("No tasks in either account"));
      if (group == GROUP_NOTES)
        return g_strdup (_ ("No notes in either account"));
      return g_strdup (_ ("No appointments in either account"));
    }
  /* Only one side was read (the contact is only there, or the other failed). */
  if (group == GROUP_TASKS)
    /* Translators: %s is LeadSquared or HighLevel */
    return g_strdup_printf (_ ("No tasks in %s"),
                            service_name (lsq_known ? LIAISON_SERVICE_LSQ : LIAISON_SERVICE_GHL));
  if (group == GROUP_NOTES)
    /* Translators: %s is LeadSquared or HighLevel */
    return g_strdup_printf (_ ("No notes in %s"),
                            service_name (lsq_known ? LIAISON_SERVICE_LSQ : LIAISON_SERVICE_GHL));
  /* Translators: %s is LeadSquared or HighLevel */
  return g_strdup_printf (_ ("No appointments in %s"),
                          service_name (lsq_known ? LIAISON_SERVICE_LSQ : LIAISON_SERVICE_GHL));
}

static void
render_group (LiaisonContactActivity *self, guint group)
{
  GListModel *model = G_LIST_MODEL (self->list);
  gboolean known[2];
  guint n_shown = 0;
  GtkWidget *child;

  for (guint s = 0; s < 2; s++)
    known[s] = liaison_activity_list_get_known (self->list, s, group_kinds[group]);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lists[group]))) != NULL)
    gtk_list_box_remove (self->lists[group], child);
  /* The list is grouped by kind and ordered within each group already. */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (LiaisonActivityItem) item = g_list_model_get_item (model, i);

      if (liaison_activity_item_get_kind (item) != group_kinds[group])
        continue;
      gtk_list_box_append (self->lists[group], row_new (item, group));
      n_shown++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->lists[group]), n_shown > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->empties[group]), n_shown == 0);
  if (n_shown == 0 && (known[0] || known[1]))
    {
      g_autofree char *text = empty_text (group, known[0], known[1]);

      gtk_label_set_label (self->empties[group], text);
    }
  /* A group nobody could read yet says nothing rather than "none". */
  gtk_widget_set_visible (GTK_WIDGET (self->groups[group]), known[0] || known[1]);
}

static char *
error_sentence (LiaisonService service, const GError *error, gboolean cached)
{
  if (cached)
    /* Translators: %s is LeadSquared or HighLevel, then the reason follows */
    return g_strdup_printf (_ ("%s could not be reached, so its items below are from the last "
                               "successful check. %s"),
                            service_name (service), error->message);
  /* Translators: the first %s is LeadSquared or HighLevel, the second the reason */
  return g_strdup_printf (_ ("The tasks, notes and appointments in %s could not be loaded. %s"),
                          service_name (service), error->message);
}

/* What the spinner is waiting for, in words: loading where nothing is shown yet, checking for
 * changes where items are shown already. */
static char *
status_text (LiaisonContactActivity *self, const gboolean known[2])
{
  gboolean pending[2], waiting_unknown[2];

  for (guint s = 0; s < 2; s++)
    {
      pending[s] = liaison_activity_list_get_side_loading (self->list, s);
      waiting_unknown[s] = pending[s] && !known[s];
    }
  if (waiting_unknown[0] && waiting_unknown[1])
    return g_strdup (_ ("Loading tasks, notes and appointments…"));
  if (waiting_unknown[0] || waiting_unknown[1])
    /* Translators: %s is LeadSquared or HighLevel */
    return g_strdup_printf (
        _ ("Loading from %s…"),
        service_name (waiting_unknown[0] ? LIAISON_SERVICE_LSQ : LIAISON_SERVICE_GHL));
  if (pending[0] && pending[1])
    return g_strdup (_ ("Checking both accounts for changes…"));
  /* Translators: %s is LeadSquared or HighLevel */
  return g_strdup_printf (_ ("Checking %s for changes…"),
                          service_name (pending[0] ? LIAISON_SERVICE_LSQ : LIAISON_SERVICE_GHL));
}

static void
render (LiaisonContactActivity *self)
{
  g_autoptr (GString) errors = g_string_new (NULL);
  g_autofree char *status = NULL;
  const GError *cache_error = liaison_activity_list_get_cache_error (self->list);
  gboolean loading = liaison_activity_list_get_side_loading (self->list, LIAISON_SERVICE_LSQ)
                     || liaison_activity_list_get_side_loading (self->list, LIAISON_SERVICE_GHL);
  gboolean known[2] = { FALSE, FALSE };
  gboolean any_present = FALSE;

  for (guint g = 0; g < N_GROUPS; g++)
    render_group (self, g);

  for (guint s = 0; s < 2; s++)
    {
      const GError *error = liaison_activity_list_get_error (self->list, s);

      if (!liaison_activity_list_has_side (self->list, s))
        continue;
      any_present = TRUE;
      for (guint g = 0; g < N_GROUPS; g++)
        known[s] |= liaison_activity_list_get_known (self->list, s, group_kinds[g]);
      if (error != NULL)
        {
          g_autofree char *sentence = error_sentence (s, error, known[s]);

          if (errors->len > 0)
            g_string_append_c (errors, '\n');
          g_string_append (errors, sentence);
        }
    }

  /* Retry asks the services again; it cannot help a store that cannot be read. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "activity.retry", errors->len > 0 && !loading);
  if (cache_error != NULL && any_present)
    {
      g_autofree char *sentence = NULL;

      /* Translators: %s is the reason, as the database put it */
      sentence = g_strdup_printf (_ ("Liaison’s copy of this contact’s tasks, notes and "
                                     "appointments could not be read: %s. They are asked from "
                                     "the services instead; if this keeps happening, quit "
                                     "Liaison, check that your home folder has free space and "
                                     "can be written to, and start it again."),
                                  cache_error->message);
      if (errors->len > 0)
        g_string_append_c (errors, '\n');
      g_string_append (errors, sentence);
    }
  gtk_label_set_label (self->error_label, errors->str);
  gtk_widget_set_visible (self->error_box, errors->len > 0);
  if (loading)
    {
      status = status_text (self, known);
      gtk_label_set_label (self->status_label, status);
    }
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (self->status_box, loading);
  gtk_widget_set_visible (GTK_WIDGET (self), any_present);
}

static void
on_list_changed (LiaisonContactActivity *self)
{
  render (self);
}

static void
on_list_loading (LiaisonContactActivity *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

void
liaison_contact_activity_retry (LiaisonContactActivity *self)
{
  g_return_if_fail (LIAISON_IS_CONTACT_ACTIVITY (self));

  liaison_activity_list_refresh (self->list, TRUE);
}

static void
retry_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  liaison_contact_activity_retry (LIAISON_CONTACT_ACTIVITY (widget));
}

/* Public ----------------------------------------------------------------- */

void
liaison_contact_activity_set_contact (LiaisonContactActivity *self, const char *lsq_id,
                                      const char *ghl_id)
{
  g_return_if_fail (LIAISON_IS_CONTACT_ACTIVITY (self));

  liaison_activity_list_set_contact (self->list, lsq_id, ghl_id);
}

void
liaison_contact_activity_set_source (LiaisonContactActivity *self, LiaisonStore *store,
                                     const char *lsq_connection_id, const char *ghl_connection_id)
{
  g_return_if_fail (LIAISON_IS_CONTACT_ACTIVITY (self));

  liaison_activity_list_set_source (self->list, store, lsq_connection_id, ghl_connection_id);
}

void
liaison_contact_activity_set_clients (LiaisonContactActivity *self, LiaisonLsqClient *lsq_client,
                                      LiaisonGhlClient *ghl_client)
{
  g_return_if_fail (LIAISON_IS_CONTACT_ACTIVITY (self));

  liaison_activity_list_set_clients (self->list, lsq_client, ghl_client);
}

/* GObject ---------------------------------------------------------------- */

static void
liaison_contact_activity_dispose (GObject *object)
{
  LiaisonContactActivity *self = LIAISON_CONTACT_ACTIVITY (object);

  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  /* Disposing the list drops its requests in flight. */
  if (self->list != NULL)
    g_object_run_dispose (G_OBJECT (self->list));
  g_clear_object (&self->list);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_CONTACT_ACTIVITY);

  G_OBJECT_CLASS (liaison_contact_activity_parent_class)->dispose (object);
}

static void
liaison_contact_activity_get_property (GObject *object, guint prop_id, GValue *value,
                                       GParamSpec *pspec)
{
  LiaisonContactActivity *self = LIAISON_CONTACT_ACTIVITY (object);

  switch (prop_id)
    {
      case PROP_LOADING:
        g_value_set_boolean (value, liaison_contact_activity_get_loading (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_contact_activity_class_init (LiaisonContactActivityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_contact_activity_dispose;
  object_class->get_property = liaison_contact_activity_get_property;

  properties[PROP_LOADING]
      = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/liaison-contact-activity.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactActivity, status_box);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactActivity, spinner);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactActivity, status_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactActivity, error_box);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactActivity, error_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonContactActivity, retry_button);
  gtk_widget_class_bind_template_child_full (widget_class, "tasks_group", FALSE,
                                             G_STRUCT_OFFSET (LiaisonContactActivity, groups[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "notes_group", FALSE,
                                             G_STRUCT_OFFSET (LiaisonContactActivity, groups[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "appointments_group", FALSE,
                                             G_STRUCT_OFFSET (LiaisonContactActivity, groups[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "tasks_list", FALSE,
                                             G_STRUCT_OFFSET (LiaisonContactActivity, lists[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "notes_list", FALSE,
                                             G_STRUCT_OFFSET (LiaisonContactActivity, lists[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "appointments_list", FALSE,
                                             G_STRUCT_OFFSET (LiaisonContactActivity, lists[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "tasks_empty", FALSE,
                                             G_STRUCT_OFFSET (LiaisonContactActivity, empties[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "notes_empty", FALSE,
                                             G_STRUCT_OFFSET (LiaisonContactActivity, empties[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "appointments_empty", FALSE,
                                             G_STRUCT_OFFSET (LiaisonContactActivity, empties[2]));

  gtk_widget_class_install_action (widget_class, "activity.retry", NULL, retry_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
liaison_contact_activity_init (LiaisonContactActivity *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 18);

  self->list = liaison_activity_list_new ();
  g_signal_connect_swapped (self->list, "changed", G_CALLBACK (on_list_changed), self);
  g_signal_connect_swapped (self->list, "notify::loading", G_CALLBACK (on_list_loading), self);
  render (self);
}
