/* fuzz-oauth-request.c: the OAuth redirect listener's reading of a
 * request. The input is a request line's method and target ("GET
 * /oauth/callback?code=…&state=…"); the target is split and its query
 * decoded as SoupServer does, then read as the listener reads it.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <libsoup/soup.h>
#include <stdint.h>
#include <string.h>

#include "liaison-oauth-redirect.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *path = NULL;
  g_autofree char *query_text = NULL;
  g_autoptr (GHashTable) query = NULL;
  LiaisonOAuthRedirect redirect;
  char *target = strchr (text, ' ');
  const char *method = text;

  if (target == NULL)
    target = text;
  else
    *target++ = '\0';
  if (!g_uri_split (target, G_URI_FLAGS_ENCODED, NULL, NULL, NULL, NULL, &path, &query_text, NULL,
                    NULL))
    return 0;
  if (query_text != NULL)
    query = soup_form_decode (query_text);
  liaison_oauth_redirect_read (method, path, query, "state-1", &redirect);
  if (redirect.kind == LIAISON_OAUTH_REDIRECT_CODE
      && (redirect.code == NULL || *redirect.code == '\0'))
    g_error ("a code without a value");
  if (redirect.kind > LIAISON_OAUTH_REDIRECT_STATE_MISMATCH
      && g_strcmp0 (g_hash_table_lookup (query, "state"), "state-1") != 0)
    g_error ("an answer with a wrong state was read");
  return 0;
}
