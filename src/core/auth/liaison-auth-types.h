/* liaison-auth-types.h: the values the accounts code passes around: the
 * error domain of connecting, a HighLevel token set and the LeadSquared user
 * that a pair of API keys belongs to. Boxed, copyable structs.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LIAISON_AUTH_ERROR (liaison_auth_error_quark ())

/* Cancelling any of these operations ends with G_IO_ERROR_CANCELLED, as
 * everywhere in GIO, so that callers can stay quiet about it. */
typedef enum
{
  LIAISON_AUTH_ERROR_TIMED_OUT,        /* nobody finished the consent page in time */
  LIAISON_AUTH_ERROR_DENIED,           /* the person clicked Deny */
  LIAISON_AUTH_ERROR_STATE_MISMATCH,   /* the redirect did not come from our request */
  LIAISON_AUTH_ERROR_INVALID_CLIENT,   /* wrong client id or client secret */
  LIAISON_AUTH_ERROR_BROWSER_CLOSED,   /* the browser went away before the redirect */
  LIAISON_AUTH_ERROR_BROWSER_FAILED,   /* no browser could be started */
  LIAISON_AUTH_ERROR_LISTENER,         /* the redirect port could not be opened */
  LIAISON_AUTH_ERROR_EXCHANGE,         /* the service refused the code */
  LIAISON_AUTH_ERROR_PROTOCOL,         /* an answer Liaison cannot use */
  LIAISON_AUTH_ERROR_KEYRING,          /* the Secret Service failed or holds damaged data */
  LIAISON_AUTH_ERROR_WRONG_KEYS,       /* LeadSquared knows neither key pair on any host */
  LIAISON_AUTH_ERROR_WRONG_REGION,     /* the keys belong to another LeadSquared region */
  LIAISON_AUTH_ERROR_USER_DEACTIVATED, /* the keys' user is deactivated */
  LIAISON_AUTH_ERROR_NETWORK,          /* no host could be reached */
  LIAISON_AUTH_ERROR_NOT_CONNECTED,    /* no such connection, or its secrets are gone */
} LiaisonAuthError;

GQuark liaison_auth_error_quark (void);

/* How a HighLevel connection signs in. */
/* HighLevel: "The access tokens are valid for a day." */
#define LIAISON_GHL_DEFAULT_TOKEN_LIFETIME_S 86399

typedef enum
{
  LIAISON_GHL_AUTH_OAUTH,   /* marketplace app: access + rotating refresh token */
  LIAISON_GHL_AUTH_PRIVATE, /* private integration token: static, never refreshed */
} LiaisonGhlAuthKind;

/* One HighLevel sign-in. Only access_token, refresh_token and (elsewhere)
 * the client secret are secret; the rest describes the connection. */
typedef struct
{
  LiaisonGhlAuthKind kind;
  char *access_token;
  char *refresh_token; /* NULL for private integration tokens */
  gint64 expires_at;   /* seconds since the epoch, UTC; 0 = does not expire */
  char *scope;         /* space-separated, as granted */
  char *location_id;
  char *company_id;
  char *user_type; /* "Location" or "Company" */
  char *user_id;
  char *client_id; /* the marketplace app that holds the refresh token */
} LiaisonGhlTokens;

/* The LeadSquared user behind a key pair, as UserByAccessKey.Get tells. */
typedef struct
{
  char *user_id;
  char *name;
  char *role;
  char *org_id;
  char *org_name;
  char *time_zone;
  char *host;     /* the regional API host, e.g. api-us11.leadsquared.com */
  char *base_url; /* what a client should use: https://HOST (or the sandbox's URL) */
} LiaisonLsqAccount;

#define LIAISON_TYPE_GHL_TOKENS (liaison_ghl_tokens_get_type ())
#define LIAISON_TYPE_LSQ_ACCOUNT (liaison_lsq_account_get_type ())
GType liaison_ghl_tokens_get_type (void);
GType liaison_lsq_account_get_type (void);

LiaisonGhlTokens *liaison_ghl_tokens_new_private (const char *token, const char *location_id);
LiaisonGhlTokens *liaison_ghl_tokens_new_from_response (JsonNode *root, gint64 now_s,
                                                        GError **error);
LiaisonGhlTokens *liaison_ghl_tokens_copy (const LiaisonGhlTokens *tokens);
void liaison_ghl_tokens_free (LiaisonGhlTokens *tokens);
gboolean liaison_ghl_tokens_has_scope (const LiaisonGhlTokens *tokens, const char *scope);
JsonObject *liaison_ghl_tokens_to_secret (const LiaisonGhlTokens *tokens);
LiaisonGhlTokens *liaison_ghl_tokens_from_secret (JsonObject *secret, GError **error);

LiaisonLsqAccount *liaison_lsq_account_copy (const LiaisonLsqAccount *account);
void liaison_lsq_account_free (LiaisonLsqAccount *account);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonGhlTokens, liaison_ghl_tokens_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonLsqAccount, liaison_lsq_account_free)

G_END_DECLS
