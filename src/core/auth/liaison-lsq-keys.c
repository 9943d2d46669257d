/* liaison-lsq-keys.c: checking LeadSquared API keys and finding their region.
 *
 * LeadSquared tenants live on regional hosts, and the keys only work on
 * their own. UserByAccessKey.Get answers with the user and, in
 * LSQCommonServiceURLs.api, the regional host. The documented hosts are
 * asked in order (or only the sandbox, or what the caller sets); the first
 * that accepts the keys tells the host. A 401 is either wrong keys or a
 * deactivated user; LeadSquared gives both the same status and
 * MXUnAuthorizedAccessException, so the message text is what tells them
 * apart. When the person chose a region and the keys belong to another,
 * that is its own error, naming the right one.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-auth"

#include <string.h>

#include "liaison-auth-private.h"
#include "liaison-debug.h"
#include "liaison-http.h"
#include "liaison-json.h"
#include "liaison-lsq-key-authorizer.h"
#include "liaison-lsq-keys.h"

#define SECRET_VERSION 1

struct _LiaisonLsqKeys
{
  GObject parent_instance;

  char *access_key;
  char *secret_key;
  GStrv candidates; /* base URLs; NULL: the documented hosts */
  char *expected_url;
};

G_DEFINE_FINAL_TYPE (LiaisonLsqKeys, liaison_lsq_keys, G_TYPE_OBJECT)

/* leadsquared-api.md §1, in the order they are tried (Singapore is the
 * documented default; the Middle East host is only known from a third
 * party, so it comes last). */
static const char *const known_hosts[] = {
  "api.leadsquared.com",      "api-us11.leadsquared.com",
  "api-in21.leadsquared.com", "api-in22.leadsquared.com",
  "api-ir31.leadsquared.com", "api-ca12.leadsquared.com",
  "api-me61.leadsquared.com", NULL,
};

static const char *const region_names[] = {
  "Singapore", "United States", "India (Mumbai)", "India (Hyderabad)",
  "Ireland",   "Canada",        "Middle East",    NULL,
};

const char *const *
liaison_lsq_keys_get_known_hosts (void)
{
  return known_hosts;
}

/* A person's name for the region of a documented host, or NULL. */
const char *
liaison_lsq_keys_get_region_name (const char *host)
{
  guint i;

  for (i = 0; host != NULL && known_hosts[i] != NULL; i++)
    if (g_ascii_strcasecmp (host, known_hosts[i]) == 0)
      return region_names[i];
  return NULL;
}

static void
liaison_lsq_keys_finalize (GObject *object)
{
  LiaisonLsqKeys *self = (LiaisonLsqKeys *) object;

  liaison_auth_free_secret (self->access_key);
  liaison_auth_free_secret (self->secret_key);
  g_strfreev (self->candidates);
  g_free (self->expected_url);

  G_OBJECT_CLASS (liaison_lsq_keys_parent_class)->finalize (object);
}

static void
liaison_lsq_keys_class_init (LiaisonLsqKeysClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = liaison_lsq_keys_finalize;
}

static void
liaison_lsq_keys_init (LiaisonLsqKeys *self)
{
}

LiaisonLsqKeys *
liaison_lsq_keys_new (const char *access_key, const char *secret_key)
{
  LiaisonLsqKeys *self;

  g_return_val_if_fail (access_key != NULL && secret_key != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_LSQ_KEYS, NULL);
  /* Pasted keys often carry a stray space or line break. */
  self->access_key = g_strstrip (g_strdup (access_key));
  self->secret_key = g_strstrip (g_strdup (secret_key));
  return self;
}

/* The keyring blob of liaison_lsq_keys_to_secret(). */
LiaisonLsqKeys *
liaison_lsq_keys_new_from_secret (JsonObject *secret, GError **error)
{
  const char *access_key = liaison_json_get_string (secret, "accessKey");
  const char *secret_key = liaison_json_get_string (secret, "secretKey");

  if (access_key == NULL || *access_key == '\0' || secret_key == NULL || *secret_key == '\0')
    {
      g_set_error_literal (error, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_KEYRING,
                           "The LeadSquared keys saved in the keyring are incomplete. Enter the "
                           "keys again in Accounts.");
      return NULL;
    }
  return liaison_lsq_keys_new (access_key, secret_key);
}

JsonObject *
liaison_lsq_keys_to_secret (LiaisonLsqKeys *self)
{
  JsonObject *object;

  g_return_val_if_fail (LIAISON_IS_LSQ_KEYS (self), NULL);

  object = json_object_new ();
  json_object_set_int_member (object, "version", SECRET_VERSION);
  json_object_set_string_member (object, "accessKey", self->access_key);
  json_object_set_string_member (object, "secretKey", self->secret_key);
  return object;
}

LiaisonAuthorizer *
liaison_lsq_keys_create_authorizer (LiaisonLsqKeys *self)
{
  g_return_val_if_fail (LIAISON_IS_LSQ_KEYS (self), NULL);
  return liaison_lsq_key_authorizer_new (self->access_key, self->secret_key);
}

/* The base URLs to ask, in order; NULL: the documented hosts over https.
 * The sandbox passes its own URL. */
void
liaison_lsq_keys_set_candidates (LiaisonLsqKeys *self, const char *const *base_urls)
{
  g_return_if_fail (LIAISON_IS_LSQ_KEYS (self));

  g_strfreev (self->candidates);
  self->candidates = base_urls != NULL ? g_strdupv ((GStrv) base_urls) : NULL;
}

/* The region the person chose (its base URL), asked first; keys of another
 * region then fail with LIAISON_AUTH_ERROR_WRONG_REGION. NULL: detect. */
void
liaison_lsq_keys_set_expected_url (LiaisonLsqKeys *self, const char *base_url)
{
  g_return_if_fail (LIAISON_IS_LSQ_KEYS (self));

  g_free (self->expected_url);
  self->expected_url = g_strdup (base_url);
}

/* "host[:port]" of a URL, lower case, for comparing two of them. */
static char *
authority_of (const char *url)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;
  if (g_uri_get_port (uri) > 0)
    {
      g_autofree char *text = g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));

      return g_ascii_strdown (text, -1);
    }
  return g_ascii_strdown (g_uri_get_host (uri), -1);
}

static gboolean
is_loopback_url (const char *url)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  return g_strcmp0 (host, "127.0.0.1") == 0 || g_strcmp0 (host, "::1") == 0
         || g_ascii_strcasecmp (host != NULL ? host : "", "localhost") == 0;
}

/* The base URL of the host LSQCommonServiceURLs.api names ("api-in21.
 * leadsquared.com", no scheme). The keys go there from now on, so it has to
 * be a LeadSquared host, or this machine when this machine was asked. */
static char *
regional_url (const char *asked_url, const char *api)
{
  g_autofree char *url = NULL;
  g_autoptr (GUri) uri = NULL;
  const char *host;
  gsize len;

  if (api == NULL || *api == '\0')
    return g_strdup (asked_url);
  if (strstr (api, "://") != NULL)
    url = g_strdup (api);
  else
    url = g_strconcat (is_loopback_url (asked_url) ? "http://" : "https://", api, NULL);
  len = strlen (url);
  while (len > 0 && url[len - 1] == '/')
    url[--len] = '\0';
  if (g_str_has_suffix (url, "/v2"))
    url[len - 3] = '\0';

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (host == NULL || !liaison_http_check_base_url (url, NULL))
    return NULL;
  if (g_str_has_suffix (host, ".leadsquared.com")
      || (is_loopback_url (asked_url) && is_loopback_url (url)))
    return g_steal_pointer (&url);
  return NULL;
}

typedef struct
{
  GStrv urls; /* the expected one first, if any */
  guint index;
  guint refused;       /* how many hosts answered 401 */
  GError *other_error; /* the first failure that was not a 401 */
  LiaisonHttp *http;
} Check;

static void
check_free (Check *check)
{
  g_strfreev (check->urls);
  g_clear_error (&check->other_error);
  g_clear_object (&check->http);
  g_free (check);
}

static void try_next (GTask *task);

static gboolean
says_deactivated (const char *message)
{
  g_autofree char *lower = g_ascii_strdown (message, -1);

  return strstr (lower, "deactivat") != NULL || strstr (lower, "inactive") != NULL
         || strstr (lower, "disabled") != NULL;
}

static char *
dup_member (JsonObject *object, const char *member)
{
  const char *value = liaison_json_get_string (object, member);

  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

static void
return_account (GTask *task, JsonNode *root)
{
  LiaisonLsqKeys *self = g_task_get_source_object (task);
  Check *check = g_task_get_task_data (task);
  const char *asked = check->urls[check->index];
  g_autoptr (LiaisonLsqAccount) account = NULL;
  g_autofree char *url = NULL;
  g_autofree char *found = NULL;
  g_autofree char *expected = NULL;
  JsonObject *object;
  g_autoptr (GUri) uri = NULL;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_task_return_new_error (task, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_PROTOCOL,
                               "LeadSquared's answer about the API keys is not what Liaison "
                               "expects. Try again later.");
      return;
    }
  object = json_node_get_object (root);
  url = regional_url (asked, liaison_json_get_string (
                                 liaison_json_get_object (object, "LSQCommonServiceURLs"), "api"));
  if (url == NULL)
    {
      g_task_return_new_error (task, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_PROTOCOL,
                               "LeadSquared named an API host that is not a LeadSquared host, so "
                               "the keys were not sent there.");
      return;
    }

  found = authority_of (url);
  expected = self->expected_url != NULL ? authority_of (self->expected_url) : NULL;
  if (expected != NULL && g_strcmp0 (found, expected) != 0)
    {
      const char *region = liaison_lsq_keys_get_region_name (found);
      const char *chosen = liaison_lsq_keys_get_region_name (expected);

      g_task_return_new_error (task, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_WRONG_REGION,
                               "These keys belong to the LeadSquared account at %s%s%s%s, not to "
                               "the region chosen (%s). Choose that region, or let Liaison detect "
                               "it.",
                               found, region != NULL ? " (" : "", region != NULL ? region : "",
                               region != NULL ? ")" : "", chosen != NULL ? chosen : expected);
      return;
    }

  account = g_new0 (LiaisonLsqAccount, 1);
  account->user_id = dup_member (object, "Id");
  account->name = dup_member (object, "Name");
  account->role = dup_member (object, "Role");
  account->org_id = dup_member (object, "OrgId");
  account->org_name = dup_member (object, "OrgDisplayName");
  if (account->org_name == NULL)
    account->org_name = dup_member (object, "OrgUniqueName");
  account->time_zone = dup_member (object, "TimeZone");
  account->host = g_steal_pointer (&found);
  account->base_url = g_steal_pointer (&url);
  if (account->org_id == NULL)
    {
      g_task_return_new_error (task, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_PROTOCOL,
                               "LeadSquared's answer about the API keys names no organization. "
                               "Try again later.");
      return;
    }
  LIAISON_TRACE (LIAISON_DEBUG_AUTH, "lsq: keys belong to org %s on %s", account->org_id,
                 account->host);
  g_task_return_pointer (task, g_steal_pointer (&account),
                         (GDestroyNotify) liaison_lsq_account_free);
}

static void
on_checked (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Check *check = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;

  root = liaison_http_send_json_finish (LIAISON_HTTP (source), result, &error);
  if (root != NULL)
    {
      return_account (task, root);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || g_error_matches (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_CANCELLED))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "Checking the LeadSquared keys was cancelled.");
      return;
    }
  if (g_error_matches (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_AUTHORIZED))
    {
      if (says_deactivated (error->message))
        {
          g_task_return_new_error (task, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_USER_DEACTIVATED,
                                   "LeadSquared says the user these keys belong to is deactivated "
                                   "(%s). Reactivate the user in LeadSquared, or use the keys of "
                                   "an active administrator.",
                                   error->message);
          return;
        }
      check->refused++;
    }
  else if (check->other_error == NULL)
    check->other_error = g_steal_pointer (&error);

  check->index++;
  try_next (g_steal_pointer (&task));
}

static void
conclude (GTask *task)
{
  Check *check = g_task_get_task_data (task);

  if (check->refused > 0)
    g_task_return_new_error (task, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_WRONG_KEYS,
                             "LeadSquared did not accept these API keys%s. Copy both keys again "
                             "from LeadSquared (My Account, Settings, API and Webhooks): the "
                             "access key and the secret key must be of the same user.",
                             g_strv_length (check->urls) > 1 ? " in any region" : "");
  else
    g_task_return_new_error (task, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_NETWORK,
                             "Could not reach LeadSquared to check the keys (%s). Check the "
                             "network connection and try again.",
                             check->other_error != NULL ? check->other_error->message
                                                        : "no host to ask");
}

static void
try_next (GTask *task)
{
  LiaisonLsqKeys *self = g_task_get_source_object (task);
  Check *check = g_task_get_task_data (task);
  g_autoptr (LiaisonAuthorizer) authorizer = NULL;
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autoptr (GError) error = NULL;
  const char *url;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  url = check->urls[check->index];
  if (url == NULL)
    {
      conclude (task);
      g_object_unref (task);
      return;
    }

  authorizer = liaison_lsq_keys_create_authorizer (self);
  g_clear_object (&check->http);
  check->http = liaison_http_new (LIAISON_HTTP_SERVICE_LSQ, url, authorizer, &error);
  if (check->http == NULL)
    {
      if (check->other_error == NULL)
        check->other_error = g_steal_pointer (&error);
      check->index++;
      try_next (task);
      return;
    }
  LIAISON_TRACE (LIAISON_DEBUG_AUTH, "lsq: asking %s about the keys", url);
  request = liaison_http_request_new ("GET", "/v2/Authentication.svc/UserByAccessKey.Get",
                                      "check the LeadSquared API keys");
  liaison_http_request_set_idempotent (request, TRUE);
  liaison_http_request_set_priority (request, LIAISON_HTTP_PRIORITY_INTERACTIVE);
  liaison_http_send_async (check->http, request, g_task_get_cancellable (task), on_checked, task);
}

/* Asks the hosts in turn (see liaison_lsq_keys_set_candidates()) and
 * returns the keys' user, organization and regional host. */
void
liaison_lsq_keys_check_async (LiaisonLsqKeys *self, GCancellable *cancellable,
                              GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task;
  Check *check;
  GPtrArray *urls;
  guint i;

  g_return_if_fail (LIAISON_IS_LSQ_KEYS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_lsq_keys_check_async);

  if (*self->access_key == '\0' || *self->secret_key == '\0')
    {
      g_task_return_new_error (task, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_WRONG_KEYS,
                               "Enter both the access key and the secret key.");
      g_object_unref (task);
      return;
    }

  urls = g_ptr_array_new ();
  if (self->expected_url != NULL)
    g_ptr_array_add (urls, g_strdup (self->expected_url));
  if (self->candidates != NULL)
    {
      for (i = 0; self->candidates[i] != NULL; i++)
        if (g_strcmp0 (self->candidates[i], self->expected_url) != 0)
          g_ptr_array_add (urls, g_strdup (self->candidates[i]));
    }
  else
    {
      for (i = 0; known_hosts[i] != NULL; i++)
        {
          char *url = g_strconcat ("https://", known_hosts[i], NULL);

          if (g_strcmp0 (url, self->expected_url) != 0)
            g_ptr_array_add (urls, url);
          else
            g_free (url);
        }
    }
  g_ptr_array_add (urls, NULL);

  check = g_new0 (Check, 1);
  check->urls = (GStrv) g_ptr_array_free (urls, FALSE);
  g_task_set_task_data (task, check, (GDestroyNotify) check_free);
  try_next (task);
}

LiaisonLsqAccount *
liaison_lsq_keys_check_finish (LiaisonLsqKeys *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_lsq_keys_check_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
