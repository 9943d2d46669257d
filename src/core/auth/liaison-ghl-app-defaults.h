/* liaison-ghl-app-defaults.h: the HighLevel marketplace app a distributor
 * ships Liaison with, from GSettings keys that a vendor override
 * (.gschema.override) sets. What the person enters always wins.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *client_id;     /* NULL: the distributor named no app */
  char *client_secret; /* NULL: none shipped; the person enters it */
  guint redirect_port; /* 0: Liaison's own default port */
} LiaisonGhlAppDefaults;

LiaisonGhlAppDefaults *liaison_ghl_app_defaults_new (const char *client_id,
                                                     const char *client_secret,
                                                     guint redirect_port);
/* From the application's schema when it is installed (or found through
 * GSETTINGS_SCHEMA_DIR); empty defaults otherwise. */
LiaisonGhlAppDefaults *liaison_ghl_app_defaults_load (void);
void liaison_ghl_app_defaults_free (LiaisonGhlAppDefaults *defaults);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonGhlAppDefaults, liaison_ghl_app_defaults_free)

G_END_DECLS
