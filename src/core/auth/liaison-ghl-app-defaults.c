/* liaison-ghl-app-defaults.c: reads the distributor's HighLevel app from
 * GSettings. The keys have empty defaults; a vendor override sets them. The
 * schema may be missing (liaison-cli run from a build tree): then there are
 * no defaults, rather than the abort g_settings_new would give.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-auth"

#include <gio/gio.h>

#include "config.h"
#include "liaison-auth-private.h"
#include "liaison-ghl-app-defaults.h"

static char *
nonempty (char *value)
{
  if (value != NULL && *g_strstrip (value) == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

LiaisonGhlAppDefaults *
liaison_ghl_app_defaults_new (const char *client_id, const char *client_secret, guint redirect_port)
{
  LiaisonGhlAppDefaults *defaults = g_new0 (LiaisonGhlAppDefaults, 1);

  defaults->client_id = nonempty (g_strdup (client_id));
  defaults->client_secret = nonempty (g_strdup (client_secret));
  defaults->redirect_port = redirect_port <= 65535 ? redirect_port : 0;
  return defaults;
}

LiaisonGhlAppDefaults *
liaison_ghl_app_defaults_load (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings) settings = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *client_secret = NULL;
  int port;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "ghl-client-id"))
    return liaison_ghl_app_defaults_new (NULL, NULL, 0);

  settings = g_settings_new_full (schema, NULL, NULL);
  client_id = g_settings_get_string (settings, "ghl-client-id");
  client_secret = g_settings_get_string (settings, "ghl-client-secret");
  port = g_settings_get_int (settings, "ghl-redirect-port");
  return liaison_ghl_app_defaults_new (client_id, client_secret,
                                       port > 0 && port <= 65535 ? (guint) port : 0);
}

void
liaison_ghl_app_defaults_free (LiaisonGhlAppDefaults *defaults)
{
  if (defaults == NULL)
    return;
  g_free (defaults->client_id);
  liaison_auth_free_secret (defaults->client_secret);
  g_free (defaults);
}
