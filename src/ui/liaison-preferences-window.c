/* liaison-preferences-window.c: preferences backed directly by GSettings, so
 * a change applies at once and survives a restart.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-preferences"

#include "liaison-preferences-window.h"

struct _LiaisonPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;

  AdwComboRow *color_scheme_row;
  GtkSpinButton *sync_interval_spin;
};

G_DEFINE_FINAL_TYPE (LiaisonPreferencesWindow, liaison_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

enum
{
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The rows of the combo are in the order of the schema's enum values. */
static gboolean
color_scheme_to_row (GValue *value, GVariant *variant, gpointer user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  if (g_str_equal (nick, "light"))
    g_value_set_uint (value, 1);
  else if (g_str_equal (nick, "dark"))
    g_value_set_uint (value, 2);
  else
    g_value_set_uint (value, 0);

  return TRUE;
}

static GVariant *
row_to_color_scheme (const GValue *value, const GVariantType *expected_type, gpointer user_data)
{
  static const char *const nicks[] = { "default", "light", "dark" };
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (nicks))
    return NULL;

  return g_variant_new_string (nicks[selected]);
}

LiaisonPreferencesWindow *
liaison_preferences_window_new (GSettings *settings)
{
  return g_object_new (LIAISON_TYPE_PREFERENCES_WINDOW, "settings", settings, NULL);
}

static void
liaison_preferences_window_constructed (GObject *object)
{
  LiaisonPreferencesWindow *self = LIAISON_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (liaison_preferences_window_parent_class)->constructed (object);

  g_settings_bind_with_mapping (self->settings, "color-scheme", self->color_scheme_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, color_scheme_to_row, row_to_color_scheme,
                                NULL, NULL);
  g_settings_bind (self->settings, "sync-interval", self->sync_interval_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
liaison_preferences_window_set_property (GObject *object, guint prop_id, const GValue *value,
                                         GParamSpec *pspec)
{
  LiaisonPreferencesWindow *self = LIAISON_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
      case PROP_SETTINGS:
        self->settings = g_value_dup_object (value);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_preferences_window_dispose (GObject *object)
{
  LiaisonPreferencesWindow *self = LIAISON_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (liaison_preferences_window_parent_class)->dispose (object);
}

static void
liaison_preferences_window_class_init (LiaisonPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = liaison_preferences_window_constructed;
  object_class->set_property = liaison_preferences_window_set_property;
  object_class->dispose = liaison_preferences_window_dispose;

  properties[PROP_SETTINGS]
      = g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                             G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/liaison-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, color_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow,
                                        sync_interval_spin);
}

static void
liaison_preferences_window_init (LiaisonPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
