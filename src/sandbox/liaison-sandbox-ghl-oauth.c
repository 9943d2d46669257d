/* liaison-sandbox-ghl-oauth.c: HighLevel's OAuth 2.0 authorization-code flow:
 * the consent page (the marketplace's /oauth/chooselocation) and POST /oauth/token
 * with rotating refresh tokens. A code asked for with a PKCE code_challenge
 * (RFC 7636, S256 or plain) is only exchanged with its code_verifier.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "liaison-sandbox-ghl"

#include "liaison-sandbox-ghl-private.h"

#define CODE_LIFETIME_MS (10 * 60 * 1000)

static void
html_page (LiaisonSandboxRequest *req, guint status, const char *title, const char *body_html)
{
  g_autofree char *page = g_strdup_printf (
      "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s</title></head>\n"
      "<body style=\"font-family: sans-serif; max-width: 40em; margin: 2em auto\">\n"
      "<h1>%s</h1>\n%s\n</body></html>\n",
      title, title, body_html);

  liaison_sandbox_request_reply (req, status, "text/html; charset=utf-8", page, -1);
}

static const char *
param (LiaisonSandboxRequest *req, const char *name)
{
  const char *value = liaison_sandbox_request_get_query (req, name);

  if (value == NULL)
    value = g_hash_table_lookup (liaison_sandbox_request_get_form (req), name);
  return value;
}

/* GET: the list of locations with Allow and Deny. */
static void
choose_location_page (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  const char *client_id = param (req, "client_id");
  const char *redirect_uri = param (req, "redirect_uri");
  const char *response_type = param (req, "response_type");
  const char *state = param (req, "state");
  const char *scope = param (req, "scope");
  const char *challenge = param (req, "code_challenge");
  const char *challenge_method = param (req, "code_challenge_method");
  GString *html;

  if (g_strcmp0 (client_id, self->client_id) != 0)
    return html_page (req, 400, "Invalid client", "<p>The client_id is not a known app.</p>");
  if (redirect_uri == NULL
      || !(g_str_has_prefix (redirect_uri, "http://")
           || g_str_has_prefix (redirect_uri, "https://")))
    return html_page (req, 400, "Invalid redirect_uri",
                      "<p>redirect_uri must be an http(s) URL.</p>");
  if (response_type != NULL && g_strcmp0 (response_type, "code") != 0)
    return html_page (req, 400, "Unsupported response_type",
                      "<p>Only response_type=code is supported.</p>");
  if (challenge != NULL
      && (*challenge == '\0'
          || (challenge_method != NULL && !g_str_equal (challenge_method, "S256")
              && !g_str_equal (challenge_method, "plain"))))
    return html_page (req, 400, "Invalid code_challenge",
                      "<p>code_challenge_method must be S256 or plain.</p>");

  html = g_string_new (
      "<p>The app <b>Liaison sandbox app</b> asks for access to a sub-account.</p>\n");
  g_string_append (html, "<form method=\"post\" action=\"/oauth/chooselocation\">\n");
  for (guint i = 0; i < liaison_sandbox_table_size (self->locations); i++)
    {
      JsonObject *loc = liaison_sandbox_table_index (self->locations, i);
      g_autofree char *id = g_markup_escape_text (ghl_get_string (loc, "id"), -1);
      g_autofree char *name = g_markup_escape_text (ghl_get_string (loc, "name") ?: "", -1);

      g_string_append_printf (
          html,
          "<p><label><input type=\"radio\" name=\"location_id\" value=\"%s\"%s> %s</label></p>\n",
          id, i == 0 ? " checked" : "", name);
    }
#define HIDDEN(n, v)                                                                               \
  if ((v) != NULL)                                                                                 \
    {                                                                                              \
      g_autofree char *esc = g_markup_escape_text ((v), -1);                                       \
      g_string_append_printf (html, "<input type=\"hidden\" name=\"%s\" value=\"%s\">\n", n, esc); \
    }
  HIDDEN ("client_id", client_id);
  HIDDEN ("redirect_uri", redirect_uri);
  HIDDEN ("state", state);
  HIDDEN ("scope", scope);
  HIDDEN ("code_challenge", challenge);
  HIDDEN ("code_challenge_method", challenge_method);
#undef HIDDEN
  g_string_append (
      html, "<button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>\n"
            "<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\n</form>");
  html_page (req, 200, "Choose a location", html->str);
  g_string_free (html, TRUE);
}

static char *
redirect_with (const char *redirect_uri, const char *key, const char *value, const char *state)
{
  GString *url = g_string_new (redirect_uri);
  g_autofree char *v = g_uri_escape_string (value, NULL, FALSE);

  g_string_append_c (url, strchr (redirect_uri, '?') ? '&' : '?');
  g_string_append_printf (url, "%s=%s", key, v);
  if (state != NULL)
    {
      g_autofree char *s = g_uri_escape_string (state, NULL, FALSE);

      g_string_append_printf (url, "&state=%s", s);
    }
  return g_string_free (url, FALSE);
}

/* POST from the page: Allow issues a code, Deny redirects with access_denied. */
static void
choose_location_decide (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  const char *client_id = param (req, "client_id");
  const char *redirect_uri = param (req, "redirect_uri");
  const char *state = param (req, "state");
  const char *decision = param (req, "decision");
  const char *location_id = param (req, "location_id");
  const char *scope = param (req, "scope");
  const char *challenge = param (req, "code_challenge");
  const char *challenge_method = param (req, "code_challenge_method");
  g_autofree char *url = NULL;
  g_autofree char *code = NULL;
  JsonObject *record;

  if (g_strcmp0 (client_id, self->client_id) != 0 || redirect_uri == NULL)
    return html_page (req, 400, "Invalid request",
                      "<p>client_id or redirect_uri is missing or wrong.</p>");
  if (g_strcmp0 (decision, "allow") != 0)
    {
      url = redirect_with (redirect_uri, "error", "access_denied", state);
      return liaison_sandbox_request_redirect (req, url);
    }
  if (location_id == NULL || liaison_sandbox_table_lookup (self->locations, location_id) == NULL)
    location_id = self->location_id;

  code = liaison_sandbox_rng_id (&self->rng, 40);
  record = json_object_new ();
  json_object_set_string_member (record, "token", code);
  json_object_set_string_member (record, "clientId", client_id);
  json_object_set_string_member (record, "redirectUri", redirect_uri);
  json_object_set_string_member (record, "locationId", location_id);
  json_object_set_string_member (
      record, "scope",
      scope != NULL && *scope
          ? scope
          : "contacts.readonly contacts.write calendars.readonly calendars.write "
            "calendars/events.readonly calendars/events.write locations.readonly "
            "locations/customFields.readonly locations/customFields.write users.readonly");
  json_object_set_int_member (record, "expiresAt",
                              liaison_sandbox_request_now_ms (req) + CODE_LIFETIME_MS);
  json_object_set_boolean_member (record, "used", FALSE);
  if (challenge != NULL && *challenge != '\0')
    {
      json_object_set_string_member (record, "codeChallenge", challenge);
      json_object_set_string_member (record, "codeChallengeMethod",
                                     challenge_method != NULL ? challenge_method : "plain");
    }
  liaison_sandbox_table_insert (self->codes, record);
  json_object_unref (record);

  url = redirect_with (redirect_uri, "code", code, state);
  liaison_sandbox_request_redirect (req, url);
}

/* RFC 7636 4.6: does the verifier answer the challenge the code was asked with? */
static gboolean
verifier_matches (JsonObject *record, const char *verifier)
{
  const char *challenge = ghl_get_string (record, "codeChallenge");
  const char *method = ghl_get_string (record, "codeChallengeMethod");
  g_autoptr (GChecksum) checksum = NULL;
  g_autofree char *expected = NULL;
  guint8 digest[32];
  gsize len = sizeof digest;
  gsize verifier_len;

  if (challenge == NULL)
    return TRUE;
  if (verifier == NULL)
    return FALSE;
  /* 43 to 128 characters of [A-Za-z0-9-._~]. */
  verifier_len = strlen (verifier);
  if (verifier_len < 43 || verifier_len > 128
      || strspn (verifier, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
             != verifier_len)
    return FALSE;
  if (g_strcmp0 (method, "plain") == 0)
    return g_str_equal (verifier, challenge);

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, (const guchar *) verifier, (gssize) verifier_len);
  g_checksum_get_digest (checksum, digest, &len);
  expected = g_base64_encode (digest, len);
  g_strdelimit (expected, "+", '-');
  g_strdelimit (expected, "/", '_');
  if (strchr (expected, '=') != NULL)
    *strchr (expected, '=') = '\0';
  return g_str_equal (expected, challenge);
}

static void
issue_tokens (LiaisonSandboxGhl *self, LiaisonSandboxRequest *req, const char *location_id,
              const char *scope)
{
  JsonObject *access = json_object_new ();
  JsonObject *refresh = json_object_new ();
  JsonObject *response = json_object_new ();
  g_autofree char *access_token = liaison_sandbox_rng_id (&self->rng, 48);
  g_autofree char *refresh_token = liaison_sandbox_rng_id (&self->rng, 48);
  JsonObject *location = liaison_sandbox_table_lookup (self->locations, location_id);
  const char *user_id = ghl_get_string (liaison_sandbox_table_index (self->users, 0), "id");
  gint64 now = liaison_sandbox_request_now_ms (req);

  json_object_set_string_member (access, "token", access_token);
  json_object_set_string_member (access, "locationId", location_id);
  json_object_set_string_member (access, "userId", user_id);
  json_object_set_string_member (access, "scope", scope);
  json_object_set_int_member (access, "expiresAt", now + self->token_lifetime_s * 1000);
  json_object_set_string_member (access, "kind", "oauth");
  liaison_sandbox_table_insert (self->access_tokens, access);

  json_object_set_string_member (refresh, "token", refresh_token);
  json_object_set_string_member (refresh, "locationId", location_id);
  json_object_set_string_member (refresh, "userId", user_id);
  json_object_set_string_member (refresh, "scope", scope);
  json_object_set_int_member (refresh, "expiresAt", now + 365 * 24 * 3600 * (gint64) 1000);
  json_object_set_boolean_member (refresh, "used", FALSE);
  liaison_sandbox_table_insert (self->refresh_tokens, refresh);

  json_object_set_string_member (response, "access_token", access_token);
  json_object_set_string_member (response, "token_type", "Bearer");
  json_object_set_int_member (response, "expires_in", self->token_lifetime_s);
  json_object_set_string_member (response, "refresh_token", refresh_token);
  json_object_set_string_member (response, "scope", scope);
  json_object_set_string_member (response, "userType", "Location");
  json_object_set_string_member (response, "locationId", location_id);
  json_object_set_string_member (
      response, "companyId", location ? ghl_get_string (location, "companyId") : self->company_id);
  json_object_set_string_member (response, "userId", user_id);
  json_object_set_string_member (response, "planId", "sandbox-plan");
  json_object_set_boolean_member (response, "isBulkInstallation", FALSE);
  liaison_sandbox_request_reply_object (req, 200, response);
  json_object_unref (access);
  json_object_unref (refresh);
}

static void
oauth_token (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  GHashTable *form = liaison_sandbox_request_get_form (req);
  const char *client_id = g_hash_table_lookup (form, "client_id");
  const char *client_secret = g_hash_table_lookup (form, "client_secret");
  const char *grant_type = g_hash_table_lookup (form, "grant_type");
  const char *user_type = g_hash_table_lookup (form, "user_type");
  g_autoptr (GPtrArray) errors = g_ptr_array_new ();
  gint64 now = liaison_sandbox_request_now_ms (req);

  if (client_id == NULL)
    g_ptr_array_add (errors, (gpointer) "client_id should not be empty");
  if (client_secret == NULL)
    g_ptr_array_add (errors, (gpointer) "client_secret should not be empty");
  if (grant_type == NULL)
    g_ptr_array_add (errors, (gpointer) "grant_type should not be empty");
  else if (!g_str_equal (grant_type, "authorization_code")
           && !g_str_equal (grant_type, "refresh_token")
           && !g_str_equal (grant_type, "client_credentials"))
    g_ptr_array_add (errors, (gpointer) "grant_type must be one of the following values: "
                                        "authorization_code, refresh_token, client_credentials");
  if (user_type != NULL && !g_str_equal (user_type, "Location")
      && !g_str_equal (user_type, "Company"))
    g_ptr_array_add (errors,
                     (gpointer) "user_type must be one of the following values: Company, Location");
  if (errors->len > 0)
    return ghl_error_422 (req, errors);

  if (g_strcmp0 (client_id, self->client_id) != 0
      || g_strcmp0 (client_secret, self->client_secret) != 0)
    return ghl_error (req, 401, "Invalid client: client credentials are invalid");

  if (g_str_equal (grant_type, "authorization_code"))
    {
      const char *code = g_hash_table_lookup (form, "code");
      const char *redirect_uri = g_hash_table_lookup (form, "redirect_uri");
      JsonObject *record = liaison_sandbox_table_lookup (self->codes, code);

      if (code == NULL)
        return ghl_error_422_one (req, "code should not be empty");
      if (record == NULL || json_object_get_boolean_member_with_default (record, "used", TRUE)
          || now >= json_object_get_int_member_with_default (record, "expiresAt", 0))
        return ghl_error (req, 400, "Invalid grant: authorization code is invalid");
      /* Used even when the redirect_uri is wrong: a code is good for one try. */
      json_object_set_boolean_member (record, "used", TRUE);
      if (redirect_uri != NULL
          && g_strcmp0 (redirect_uri, ghl_get_string (record, "redirectUri")) != 0)
        return ghl_error (req, 400, "Invalid grant: redirect_uri does not match");
      if (!verifier_matches (record, g_hash_table_lookup (form, "code_verifier")))
        return ghl_error (req, 400,
                          g_hash_table_lookup (form, "code_verifier") == NULL
                              ? "Invalid grant: code_verifier is required for this code"
                              : "Invalid grant: code_verifier does not match the code_challenge");
      return issue_tokens (self, req, ghl_get_string (record, "locationId"),
                           ghl_get_string (record, "scope"));
    }
  if (g_str_equal (grant_type, "refresh_token"))
    {
      const char *token = g_hash_table_lookup (form, "refresh_token");
      JsonObject *record = liaison_sandbox_table_lookup (self->refresh_tokens, token);
      g_autofree char *location_id = NULL;
      g_autofree char *scope = NULL;

      if (token == NULL)
        return ghl_error_422_one (req, "refresh_token should not be empty");
      if (record == NULL || json_object_get_boolean_member_with_default (record, "used", TRUE)
          || now >= json_object_get_int_member_with_default (record, "expiresAt", 0))
        return ghl_error (req, 400, "Invalid grant: refresh token is invalid");
      /* Refresh tokens rotate: this one never works again. */
      json_object_set_boolean_member (record, "used", TRUE);
      location_id = g_strdup (ghl_get_string (record, "locationId"));
      scope = g_strdup (ghl_get_string (record, "scope"));
      return issue_tokens (self, req, location_id, scope);
    }
  ghl_error (req, 400, "Unsupported grant type: client_credentials is not enabled for this app");
}

void
ghl_oauth_register (LiaisonSandboxGhl *self)
{
  LiaisonSandboxServer *s = self->server;

  liaison_sandbox_server_route (s, "GET", "/oauth/chooselocation", NULL, 0, choose_location_page,
                                self);
  liaison_sandbox_server_route (s, "POST", "/oauth/chooselocation", NULL, 0, choose_location_decide,
                                self);
  liaison_sandbox_server_route (s, "GET", "/v2/oauth/chooselocation", NULL, 0, choose_location_page,
                                self);
  liaison_sandbox_server_route (s, "POST", "/v2/oauth/chooselocation", NULL, 0,
                                choose_location_decide, self);
  liaison_sandbox_server_route (s, "POST", "/oauth/token", NULL, 0, oauth_token, self);
}
