/* test-oauth-authorizer.h: a HighLevel OAuth sign-in for the tests: signs
 * in through the sandbox's consent page and token endpoint, and refreshes
 * with the rotating refresh token through a LiaisonHttp of its own, so that
 * the refresh is traced like every other request.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-http.h"
#include "liaison-sandbox.h"

G_BEGIN_DECLS

#define TEST_TYPE_OAUTH_AUTHORIZER (test_oauth_authorizer_get_type ())
G_DECLARE_FINAL_TYPE (TestOauthAuthorizer, test_oauth_authorizer, TEST, OAUTH_AUTHORIZER, GObject)

TestOauthAuthorizer *test_oauth_authorizer_new_signed_in (LiaisonSandbox *sandbox);
guint test_oauth_authorizer_get_refreshes (TestOauthAuthorizer *self);
/* Every access and refresh token it has held, and the client secret. */
char **test_oauth_authorizer_dup_secrets (TestOauthAuthorizer *self);

G_END_DECLS
