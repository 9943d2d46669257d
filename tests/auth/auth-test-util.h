/* auth-test-util.h: what the auth tests share: an in-process sandbox on
 * its own thread, plain requests to its control routes, waiting on the main
 * loop, the fake browser, the Secret Service probe, and the search for
 * issued secrets on disk and in the log.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "liaison-sandbox.h"

G_BEGIN_DECLS

LiaisonSandbox *auth_test_sandbox (guint64 seed, gint64 token_lifetime_s);
JsonNode *auth_test_request (const char *base, const char *method, const char *path,
                             const char *content_type, const char *body, guint *status);
GAsyncResult *auth_test_wait (GAsyncResult **slot);
void auth_test_store_result (GObject *source, GAsyncResult *result, gpointer user_data);
char *auth_test_browser_command (const char *mode, const char *page_file);
gboolean auth_test_keyring_available (void);
void auth_test_remember_secret (const char *secret);
void auth_test_capture_log (void);
void auth_test_assert_no_secret_leaked (void);
char *auth_test_private_dir (void);

G_END_DECLS
