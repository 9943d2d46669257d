/* test-oauth-authorizer.c: see test-oauth-authorizer.h.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "ghl-test-util.h"
#include "liaison-json.h"
#include "test-oauth-authorizer.h"

#define REDIRECT_URI "http://127.0.0.1:9/callback"

struct _TestOauthAuthorizer
{
  GObject parent_instance;

  LiaisonHttp *token_http;
  char *client_id;
  char *client_secret;
  char *access_token;
  char *refresh_token;
  GPtrArray *seen; /* every token held, for the redaction test */
  guint refreshes;
};

static void authorizer_iface_init (LiaisonAuthorizerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestOauthAuthorizer, test_oauth_authorizer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (LIAISON_TYPE_AUTHORIZER,
                                                      authorizer_iface_init))

static gboolean
oauth_apply (LiaisonAuthorizer *authorizer, SoupMessage *message, GError **error)
{
  TestOauthAuthorizer *self = TEST_OAUTH_AUTHORIZER (authorizer);
  g_autofree char *value = g_strconcat ("Bearer ", self->access_token, NULL);

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", value);
  return TRUE;
}

static gboolean
oauth_can_refresh (LiaisonAuthorizer *authorizer)
{
  return TRUE;
}

static gboolean
take_tokens (TestOauthAuthorizer *self, JsonNode *root, GError **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  const char *access = object ? liaison_json_get_string (object, "access_token") : NULL;
  const char *refresh = object ? liaison_json_get_string (object, "refresh_token") : NULL;

  if (access == NULL || refresh == NULL)
    {
      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL, "no tokens in reply");
      return FALSE;
    }
  g_free (self->access_token);
  g_free (self->refresh_token);
  self->access_token = g_strdup (access);
  self->refresh_token = g_strdup (refresh);
  g_ptr_array_add (self->seen, g_strdup (access));
  g_ptr_array_add (self->seen, g_strdup (refresh));
  return TRUE;
}

static void
on_token (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  TestOauthAuthorizer *self = g_task_get_source_object (task);
  g_autoptr (JsonNode) root = NULL;
  GError *error = NULL;

  root = liaison_http_send_json_finish (LIAISON_HTTP (source), result, &error);
  if (root == NULL || !take_tokens (self, root, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
oauth_refresh_async (LiaisonAuthorizer *authorizer, GCancellable *cancellable,
                     GAsyncReadyCallback callback, gpointer user_data)
{
  TestOauthAuthorizer *self = TEST_OAUTH_AUTHORIZER (authorizer);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (LiaisonHttpRequest) request = NULL;

  g_task_set_source_tag (task, oauth_refresh_async);
  self->refreshes++;
  request = liaison_http_request_new ("POST", "/oauth/token", "renew the HighLevel sign-in");
  /* A refresh token works once: the request is never repeated. */
  liaison_http_request_add_form_field (request, "grant_type", "refresh_token");
  liaison_http_request_add_form_field (request, "client_id", self->client_id);
  liaison_http_request_add_form_field (request, "client_secret", self->client_secret);
  liaison_http_request_add_form_field (request, "refresh_token", self->refresh_token);
  liaison_http_request_add_form_field (request, "user_type", "Location");
  liaison_http_send_async (self->token_http, request, cancellable, on_token, task);
}

static gboolean
oauth_refresh_finish (LiaisonAuthorizer *authorizer, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
authorizer_iface_init (LiaisonAuthorizerInterface *iface)
{
  iface->apply = oauth_apply;
  iface->can_refresh = oauth_can_refresh;
  iface->refresh_async = oauth_refresh_async;
  iface->refresh_finish = oauth_refresh_finish;
}

static void
test_oauth_authorizer_finalize (GObject *object)
{
  TestOauthAuthorizer *self = TEST_OAUTH_AUTHORIZER (object);

  g_clear_object (&self->token_http);
  g_free (self->client_id);
  g_free (self->client_secret);
  g_free (self->access_token);
  g_free (self->refresh_token);
  g_ptr_array_unref (self->seen);
  G_OBJECT_CLASS (test_oauth_authorizer_parent_class)->finalize (object);
}

static void
test_oauth_authorizer_class_init (TestOauthAuthorizerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_oauth_authorizer_finalize;
}

static void
test_oauth_authorizer_init (TestOauthAuthorizer *self)
{
  self->seen = g_ptr_array_new_with_free_func (g_free);
}

static char *
form (const char *first_name, ...)
{
  GString *text = g_string_new (NULL);
  const char *name;
  va_list args;

  va_start (args, first_name);
  for (name = first_name; name != NULL; name = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      if (text->len > 0)
        g_string_append_c (text, '&');
      g_string_append_uri_escaped (text, name, NULL, FALSE);
      g_string_append_c (text, '=');
      g_string_append_uri_escaped (text, value, NULL, FALSE);
    }
  va_end (args);
  return g_string_free (text, FALSE);
}

/* The authorization-code flow as a browser and the app would run it. */
TestOauthAuthorizer *
test_oauth_authorizer_new_signed_in (LiaisonSandbox *sandbox)
{
  TestOauthAuthorizer *self = g_object_new (TEST_TYPE_OAUTH_AUTHORIZER, NULL);
  const char *base = liaison_sandbox_get_ghl_url (sandbox);
  g_autofree char *consent = NULL;
  g_autofree char *exchange = NULL;
  g_autoptr (Resp) allowed = NULL;
  g_autoptr (Resp) tokens = NULL;
  g_autoptr (GUri) redirect = NULL;
  g_autoptr (GHashTable) query = NULL;
  g_autoptr (GError) error = NULL;
  const char *location;

  self->client_id = g_strdup (liaison_sandbox_get_client_id (sandbox));
  self->client_secret = g_strdup (liaison_sandbox_get_client_secret (sandbox));
  g_ptr_array_add (self->seen, g_strdup (self->client_secret));
  self->token_http = ghl_http_new (sandbox, NULL);

  consent = form ("client_id", self->client_id, "redirect_uri", REDIRECT_URI, "decision", "allow",
                  "location_id", liaison_sandbox_get_location_id (sandbox), NULL);
  allowed = http (base, "POST", "/oauth/chooselocation", NULL, NULL,
                  "application/x-www-form-urlencoded", consent);
  g_assert_cmpuint (allowed->status, ==, 302);
  location = soup_message_headers_get_one (allowed->headers, "Location");
  g_assert_nonnull (location);
  redirect = g_uri_parse (location, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  query = g_uri_parse_params (g_uri_get_query (redirect), -1, "&", G_URI_PARAMS_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_hash_table_lookup (query, "code"));

  exchange
      = form ("grant_type", "authorization_code", "client_id", self->client_id, "client_secret",
              self->client_secret, "code", (const char *) g_hash_table_lookup (query, "code"),
              "redirect_uri", REDIRECT_URI, "user_type", "Location", NULL);
  tokens = http (base, "POST", "/oauth/token", NULL, NULL, "application/x-www-form-urlencoded",
                 exchange);
  g_assert_cmpuint (tokens->status, ==, 200);
  g_assert_true (take_tokens (self, tokens->json, &error));
  g_assert_no_error (error);
  return self;
}

guint
test_oauth_authorizer_get_refreshes (TestOauthAuthorizer *self)
{
  return self->refreshes;
}

char **
test_oauth_authorizer_dup_secrets (TestOauthAuthorizer *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  guint i;

  for (i = 0; i < self->seen->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->seen, i));
  return g_strv_builder_end (builder);
}
