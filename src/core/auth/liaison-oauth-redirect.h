/* liaison-oauth-redirect.h: what a request to the OAuth redirect listener
 * says, read without side effects (the listener acts on it; the fuzzer
 * feeds it every shape).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LIAISON_OAUTH_REDIRECT_NOT_OURS,       /* another path or method: 404 */
  LIAISON_OAUTH_REDIRECT_STATE_MISMATCH, /* no state, or not this attempt's */
  LIAISON_OAUTH_REDIRECT_DENIED,         /* error=access_denied */
  LIAISON_OAUTH_REDIRECT_FAILED,         /* another error, or no code */
  LIAISON_OAUTH_REDIRECT_CODE,           /* a code to exchange */
} LiaisonOAuthRedirectKind;

typedef struct
{
  LiaisonOAuthRedirectKind kind;
  const char *code;   /* CODE: points into query */
  const char *detail; /* FAILED: error_description, error or NULL */
} LiaisonOAuthRedirect;

void liaison_oauth_redirect_read (const char *method, const char *path, GHashTable *query,
                                  const char *expected_state, LiaisonOAuthRedirect *out);

G_END_DECLS
