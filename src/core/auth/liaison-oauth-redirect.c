/* liaison-oauth-redirect.c: reading a request to the OAuth redirect
 * listener. The state is checked first: an answer that is not ours is not
 * read any further.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-auth"

#include "liaison-oauth-flow.h"
#include "liaison-oauth-redirect.h"

void
liaison_oauth_redirect_read (const char *method, const char *path, GHashTable *query,
                             const char *expected_state, LiaisonOAuthRedirect *out)
{
  const char *error_code = query != NULL ? g_hash_table_lookup (query, "error") : NULL;
  const char *state = query != NULL ? g_hash_table_lookup (query, "state") : NULL;
  const char *code = query != NULL ? g_hash_table_lookup (query, "code") : NULL;
  const char *description = query != NULL ? g_hash_table_lookup (query, "error_description") : NULL;

  out->code = NULL;
  out->detail = NULL;
  if (g_strcmp0 (path, LIAISON_OAUTH_REDIRECT_PATH) != 0 || g_strcmp0 (method, "GET") != 0)
    out->kind = LIAISON_OAUTH_REDIRECT_NOT_OURS;
  else if (state == NULL || expected_state == NULL || g_strcmp0 (state, expected_state) != 0)
    out->kind = LIAISON_OAUTH_REDIRECT_STATE_MISMATCH;
  else if (g_strcmp0 (error_code, "access_denied") == 0)
    out->kind = LIAISON_OAUTH_REDIRECT_DENIED;
  else if (error_code != NULL || code == NULL || *code == '\0')
    {
      out->kind = LIAISON_OAUTH_REDIRECT_FAILED;
      out->detail = description != NULL ? description : error_code;
    }
  else
    {
      out->kind = LIAISON_OAUTH_REDIRECT_CODE;
      out->code = code;
    }
}
