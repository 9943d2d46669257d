/* liaison-auth-types.c: the error domain of connecting, and the HighLevel
 * token set and LeadSquared account values, with the JSON shapes they take
 * in the token endpoint's answer and in the keyring.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-auth"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/random.h>

#include "liaison-auth-private.h"
#include "liaison-auth-types.h"
#include "liaison-json.h"

/* The shape of the keyring blob; bump when it changes incompatibly. */
#define SECRET_VERSION 1

/* The domain's name is the quark's text, kept as written. */
/* clang-format off */
G_DEFINE_QUARK (liaison-auth-error-quark, liaison_auth_error)
/* clang-format on */

G_DEFINE_BOXED_TYPE (LiaisonGhlTokens, liaison_ghl_tokens, liaison_ghl_tokens_copy,
                     liaison_ghl_tokens_free)
G_DEFINE_BOXED_TYPE (LiaisonLsqAccount, liaison_lsq_account, liaison_lsq_account_copy,
                     liaison_lsq_account_free)

/* Frees a string that held a credential without leaving it in freed memory. */
void
liaison_auth_free_secret (char *secret)
{
  if (secret == NULL)
    return;
  memset (secret, 0, strlen (secret));
  g_free (secret);
}

/* 32 bytes from the kernel's CSPRNG, URL-safe: the OAuth state must not be
 * guessable, which g_random is not built for. */
char *
liaison_auth_random_token (GError **error)
{
  guint8 bytes[32];
  gsize got = 0;
  char *text;
  gsize i;

  while (got < sizeof bytes)
    {
      ssize_t n = getrandom (bytes + got, sizeof bytes - got, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "Could not make a random value: %s", g_strerror (saved));
          return NULL;
        }
      got += (gsize) n;
    }

  text = g_base64_encode (bytes, sizeof bytes);
  memset (bytes, 0, sizeof bytes);
  for (i = 0; text[i] != '\0'; i++)
    {
      if (text[i] == '+')
        text[i] = '-';
      else if (text[i] == '/')
        text[i] = '_';
      else if (text[i] == '=')
        text[i] = '\0';
    }
  return text;
}

/* Compares a secret without the time telling how much of it matched. The
 * length is not secret (every state Liaison makes has the same length). */
gboolean
liaison_auth_secret_equal (const char *a, const char *b)
{
  gsize len_a, len_b;
  guchar diff = 0;

  if (a == NULL || b == NULL)
    return FALSE;
  len_a = strlen (a);
  len_b = strlen (b);
  if (len_a != len_b)
    return FALSE;
  for (gsize i = 0; i < len_a; i++)
    diff |= (guchar) a[i] ^ (guchar) b[i];
  return diff == 0;
}

/* PKCE's S256 code challenge (RFC 7636 4.2): BASE64URL(SHA256(verifier)),
 * without padding. */
char *
liaison_auth_pkce_challenge (const char *verifier)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  char *text;

  g_checksum_update (checksum, (const guchar *) verifier, (gssize) strlen (verifier));
  g_checksum_get_digest (checksum, digest, &len);
  text = g_base64_encode (digest, len);
  for (gsize i = 0; text[i] != '\0'; i++)
    {
      if (text[i] == '+')
        text[i] = '-';
      else if (text[i] == '/')
        text[i] = '_';
      else if (text[i] == '=')
        text[i] = '\0';
    }
  return text;
}

/* A whole number of seconds from JSON, strictly: an integer, a finite
 * double with no fraction, or a string of decimal digits; within [min, max]
 * before it is ever cast, so that "nan", "inf" or 1e300 cannot reach an
 * integer conversion. */
gboolean
liaison_auth_get_seconds (JsonObject *object, const char *member, gint64 min, gint64 max,
                          gint64 *value)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      gint64 v = json_node_get_int (node);

      if (v < min || v > max)
        return FALSE;
      *value = v;
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      if (!isfinite (d) || d < (double) min || d > (double) max || d != floor (d))
        return FALSE;
      *value = (gint64) d;
      return TRUE;
    }
  if (type == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      guint64 v = 0;

      /* Digits only: no sign, space, exponent, "nan" or "inf". */
      if (text == NULL || *text == '\0' || strspn (text, "0123456789") != strlen (text)
          || strlen (text) > 18 || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &v, NULL)
          || (gint64) v < min || (gint64) v > max)
        return FALSE;
      *value = (gint64) v;
      return TRUE;
    }
  return FALSE;
}

LiaisonGhlTokens *
liaison_ghl_tokens_new_private (const char *token, const char *location_id)
{
  LiaisonGhlTokens *tokens;

  g_return_val_if_fail (token != NULL && *token != '\0', NULL);
  g_return_val_if_fail (location_id != NULL && *location_id != '\0', NULL);

  tokens = g_new0 (LiaisonGhlTokens, 1);
  tokens->kind = LIAISON_GHL_AUTH_PRIVATE;
  tokens->access_token = g_strdup (token);
  tokens->location_id = g_strdup (location_id);
  tokens->user_type = g_strdup ("Location");
  return tokens;
}

static char *
dup_nonempty (JsonObject *object, const char *member)
{
  const char *value = liaison_json_get_string (object, member);

  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

/* Reads the answer of POST /oauth/token (GetAccessCodeSuccessfulResponseDto).
 * The expiry becomes absolute here, so that a token read back from the
 * keyring a day later is known to be stale. */
LiaisonGhlTokens *
liaison_ghl_tokens_new_from_response (JsonNode *root, gint64 now_s, GError **error)
{
  g_autoptr (LiaisonGhlTokens) tokens = NULL;
  JsonObject *object;
  gint64 expires_in = 0;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_PROTOCOL,
                           "HighLevel's token answer is not a JSON object");
      return NULL;
    }
  object = json_node_get_object (root);

  tokens = g_new0 (LiaisonGhlTokens, 1);
  tokens->kind = LIAISON_GHL_AUTH_OAUTH;
  tokens->access_token = dup_nonempty (object, "access_token");
  tokens->refresh_token = dup_nonempty (object, "refresh_token");
  tokens->scope = dup_nonempty (object, "scope");
  tokens->location_id = dup_nonempty (object, "locationId");
  tokens->company_id = dup_nonempty (object, "companyId");
  tokens->user_type = dup_nonempty (object, "userType");
  tokens->user_id = dup_nonempty (object, "userId");

  if (tokens->access_token == NULL || tokens->refresh_token == NULL)
    {
      g_set_error_literal (error, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_PROTOCOL,
                           "HighLevel's token answer has no access or refresh token");
      return NULL;
    }
  /* HighLevel has rotated the refresh token by the time this answer
   * arrives: refusing the answer for want of a lifetime would lose the only
   * token that still works and force a reconnect. Its docs say access tokens
   * are valid for a day, so a missing or absurd lifetime means a day. */
  if (!liaison_auth_get_seconds (object, "expires_in", 1, 10 * 365 * (gint64) 86400, &expires_in))
    expires_in = LIAISON_GHL_DEFAULT_TOKEN_LIFETIME_S;
  tokens->expires_at = now_s + expires_in;

  return g_steal_pointer (&tokens);
}

LiaisonGhlTokens *
liaison_ghl_tokens_copy (const LiaisonGhlTokens *tokens)
{
  LiaisonGhlTokens *copy;

  g_return_val_if_fail (tokens != NULL, NULL);

  copy = g_new0 (LiaisonGhlTokens, 1);
  copy->kind = tokens->kind;
  copy->access_token = g_strdup (tokens->access_token);
  copy->refresh_token = g_strdup (tokens->refresh_token);
  copy->expires_at = tokens->expires_at;
  copy->scope = g_strdup (tokens->scope);
  copy->location_id = g_strdup (tokens->location_id);
  copy->company_id = g_strdup (tokens->company_id);
  copy->user_type = g_strdup (tokens->user_type);
  copy->user_id = g_strdup (tokens->user_id);
  copy->client_id = g_strdup (tokens->client_id);
  return copy;
}

void
liaison_ghl_tokens_free (LiaisonGhlTokens *tokens)
{
  if (tokens == NULL)
    return;
  liaison_auth_free_secret (tokens->access_token);
  liaison_auth_free_secret (tokens->refresh_token);
  g_free (tokens->scope);
  g_free (tokens->location_id);
  g_free (tokens->company_id);
  g_free (tokens->user_type);
  g_free (tokens->user_id);
  g_free (tokens->client_id);
  g_free (tokens);
}

gboolean
liaison_ghl_tokens_has_scope (const LiaisonGhlTokens *tokens, const char *scope)
{
  g_auto (GStrv) scopes = NULL;

  g_return_val_if_fail (tokens != NULL, FALSE);

  if (tokens->scope == NULL)
    return FALSE;
  scopes = g_strsplit_set (tokens->scope, " ,", -1);
  return g_strv_contains ((const char *const *) scopes, scope);
}

static void
set_optional (JsonObject *object, const char *member, const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
}

/* The keyring blob: everything needed to sign in again, one per connection. */
JsonObject *
liaison_ghl_tokens_to_secret (const LiaisonGhlTokens *tokens)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "version", SECRET_VERSION);
  json_object_set_string_member (object, "kind",
                                 tokens->kind == LIAISON_GHL_AUTH_PRIVATE ? "private" : "oauth");
  set_optional (object, "accessToken", tokens->access_token);
  set_optional (object, "refreshToken", tokens->refresh_token);
  json_object_set_int_member (object, "expiresAt", tokens->expires_at);
  set_optional (object, "scope", tokens->scope);
  set_optional (object, "locationId", tokens->location_id);
  set_optional (object, "companyId", tokens->company_id);
  set_optional (object, "userType", tokens->user_type);
  set_optional (object, "userId", tokens->user_id);
  set_optional (object, "clientId", tokens->client_id);
  return object;
}

LiaisonGhlTokens *
liaison_ghl_tokens_from_secret (JsonObject *secret, GError **error)
{
  g_autoptr (LiaisonGhlTokens) tokens = g_new0 (LiaisonGhlTokens, 1);
  const char *kind = liaison_json_get_string (secret, "kind");
  gint64 expires_at = 0;

  if (g_strcmp0 (kind, "private") == 0)
    tokens->kind = LIAISON_GHL_AUTH_PRIVATE;
  else if (g_strcmp0 (kind, "oauth") == 0)
    tokens->kind = LIAISON_GHL_AUTH_OAUTH;
  else
    goto damaged;

  tokens->access_token = dup_nonempty (secret, "accessToken");
  tokens->refresh_token = dup_nonempty (secret, "refreshToken");
  /* Up to the year 9999; an absurd or damaged value means "expired". */
  if (liaison_auth_get_seconds (secret, "expiresAt", 0, 253402300799, &expires_at))
    tokens->expires_at = expires_at;
  tokens->scope = dup_nonempty (secret, "scope");
  tokens->location_id = dup_nonempty (secret, "locationId");
  tokens->company_id = dup_nonempty (secret, "companyId");
  tokens->user_type = dup_nonempty (secret, "userType");
  tokens->user_id = dup_nonempty (secret, "userId");
  tokens->client_id = dup_nonempty (secret, "clientId");

  if (tokens->access_token == NULL || tokens->location_id == NULL
      || (tokens->kind == LIAISON_GHL_AUTH_OAUTH
          && (tokens->refresh_token == NULL || tokens->client_id == NULL)))
    goto damaged;
  return g_steal_pointer (&tokens);

damaged:
  g_set_error_literal (error, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_KEYRING,
                       "The HighLevel sign-in saved in the keyring is incomplete. Reconnect "
                       "HighLevel in Accounts.");
  return NULL;
}

LiaisonLsqAccount *
liaison_lsq_account_copy (const LiaisonLsqAccount *account)
{
  LiaisonLsqAccount *copy;

  g_return_val_if_fail (account != NULL, NULL);

  copy = g_new0 (LiaisonLsqAccount, 1);
  copy->user_id = g_strdup (account->user_id);
  copy->name = g_strdup (account->name);
  copy->role = g_strdup (account->role);
  copy->org_id = g_strdup (account->org_id);
  copy->org_name = g_strdup (account->org_name);
  copy->time_zone = g_strdup (account->time_zone);
  copy->host = g_strdup (account->host);
  copy->base_url = g_strdup (account->base_url);
  return copy;
}

void
liaison_lsq_account_free (LiaisonLsqAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->user_id);
  g_free (account->name);
  g_free (account->role);
  g_free (account->org_id);
  g_free (account->org_name);
  g_free (account->time_zone);
  g_free (account->host);
  g_free (account->base_url);
  g_free (account);
}
