/* liaison-accounts-page.h: connecting HighLevel and LeadSquared.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "liaison-session.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_ACCOUNTS_PAGE (liaison_accounts_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonAccountsPage, liaison_accounts_page, LIAISON, ACCOUNTS_PAGE, GtkWidget)

void liaison_accounts_page_set_session (LiaisonAccountsPage *self, LiaisonSession *session);
void liaison_accounts_page_set_sandbox (LiaisonAccountsPage *self, const char *marketplace_url,
                                        const char *client_id, const char *client_secret,
                                        const char *lsq_access_key, const char *lsq_secret_key);

G_END_DECLS
