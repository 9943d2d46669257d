/* liaison-oauth-flow-run.c: one run of the authorization-code flow.
 *
 * run_async opens a SoupServer on 127.0.0.1 (the redirect listener), builds
 * the consent page's address with a random state, and opens it in the
 * browser (the desktop's default through GIO, or LIAISON_BROWSER). A
 * request to /oauth/callback whose state is not this run's is answered with
 * a short page and ignored: any local page can send one, and it must not end
 * the sign-in. The first request with the right state decides: an error
 * ends the run; a code is exchanged at POST /oauth/token (with the PKCE
 * verifier) while that request is held open, so that the page the browser
 * shows can say whether connecting worked. Requests are capped before
 * their body is read: the callback is a GET with a short query. Timeout, cancellation and the end
 * of a browser process that Liaison started also end the run. Whatever the end, the browser gets
 * its answer, then the listener closes, then the caller hears the result.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-auth"

#include <string.h>

#include "liaison-auth-private.h"
#include "liaison-debug.h"
#include "liaison-json.h"
#include "liaison-oauth-flow-private.h"
#include "liaison-oauth-redirect.h"

/* If the browser never finishes reading its answer, close anyway. */
#define ANSWER_GRACE_MS 3000

/* Far above what a browser sends with the redirect (a code, a state, a few
 * cookies), far below what could hurt. */
#define LISTENER_MAX_HEADER_BYTES (16 * 1024)
#define LISTENER_MAX_URI_BYTES (8 * 1024)
#define LISTENER_MAX_BODY_BYTES 1024
/* RFC 6585; libsoup has no name for it. */
#define STATUS_HEADERS_TOO_LARGE 431

static void
destroy_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
close_and_return (LiaisonOAuthFlow *self)
{
  g_autoptr (GTask) task = g_steal_pointer (&self->task);

  destroy_source (&self->grace_source);
  if (self->answering != NULL)
    g_signal_handlers_disconnect_by_data (self->answering, self);
  g_clear_object (&self->answering);
  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
      LIAISON_TRACE (LIAISON_DEBUG_AUTH, "oauth: redirect listener closed");
    }
  g_clear_object (&self->exchange_cancellable);
  liaison_auth_free_secret (g_steal_pointer (&self->state));
  liaison_auth_free_secret (g_steal_pointer (&self->code_verifier));
  self->ending = FALSE;

  if (self->outcome_error != NULL)
    g_task_return_error (task, g_steal_pointer (&self->outcome_error));
  else
    g_task_return_pointer (task, g_steal_pointer (&self->outcome_tokens),
                           (GDestroyNotify) liaison_ghl_tokens_free);
}

static gboolean
on_close_idle (gpointer user_data)
{
  LiaisonOAuthFlow *self = user_data;

  if (self->task != NULL && self->ending)
    close_and_return (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_close (LiaisonOAuthFlow *self, guint delay_ms)
{
  destroy_source (&self->grace_source);
  /* A timeout, not an idle: at idle priority the close could wait behind a
   * busy interface (redraws, animations) for as long as they keep coming. */
  self->grace_source = g_timeout_source_new (delay_ms);
  /* The GTask keeps self alive until close_and_return has run. */
  g_source_set_callback (self->grace_source, on_close_idle, self, NULL);
  g_source_set_static_name (self->grace_source, "[liaison] oauth close");
  g_source_attach (self->grace_source, g_task_get_context (self->task));
}

/* The answer reached the browser (or the browser went away): now the
 * listener may close. Deferred: the server is still inside its own code. */
static void
on_answer_finished (SoupServerMessage *message, gpointer user_data)
{
  schedule_close (LIAISON_OAUTH_FLOW (user_data), 0);
}

static void
answer_page (SoupServerMessage *message, guint status, const char *heading, const char *text)
{
  g_autofree char *heading_html = g_markup_escape_text (heading, -1);
  g_autofree char *text_html = g_markup_escape_text (text, -1);
  g_autofree char *page = g_strdup_printf (
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<title>%s - Liaison</title></head>\n"
      "<body style=\"font-family: sans-serif; max-width: 36em; margin: 3em auto\">\n"
      "<h1>%s</h1>\n<p>%s</p>\n<p>You can close this tab and return to Liaison.</p>\n"
      "</body></html>\n",
      heading_html, heading_html, text_html);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

  /* The address held the code: keep it out of caches and referrers. */
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "text/html; charset=utf-8", SOUP_MEMORY_COPY, page,
                                    strlen (page));
}

/* Every way a run ends comes here once: stop the clocks, answer the browser
 * if it is waiting, then close the listener and report. */
static void
end_run (LiaisonOAuthFlow *self, LiaisonGhlTokens *tokens, GError *error)
{
  if (self->task == NULL || self->ending)
    {
      g_clear_error (&error);
      g_clear_pointer (&tokens, liaison_ghl_tokens_free);
      return;
    }
  self->ending = TRUE;
  self->outcome_tokens = tokens;
  self->outcome_error = error;

  destroy_source (&self->timeout_source);
  destroy_source (&self->cancel_source);
  if (self->exchange_cancellable != NULL)
    g_cancellable_cancel (self->exchange_cancellable);

  LIAISON_TRACE (LIAISON_DEBUG_AUTH, "oauth: run ends: %s",
                 error != NULL ? error->message : "connected");

  if (self->answering == NULL)
    {
      schedule_close (self, 0);
      return;
    }

  if (error == NULL)
    answer_page (self->answering, SOUP_STATUS_OK, "Liaison is connected to HighLevel",
                 "Liaison can now read and update this location.");
  else
    answer_page (self->answering, SOUP_STATUS_BAD_REQUEST, "HighLevel was not connected",
                 error->message);
  g_signal_connect_object (self->answering, "finished", G_CALLBACK (on_answer_finished), self, 0);
  if (self->answering_paused)
    {
      self->answering_paused = FALSE;
      soup_server_message_unpause (self->answering);
    }
  schedule_close (self, ANSWER_GRACE_MS);
}

static GError *
exchange_error (const GError *error)
{
  if (g_error_matches (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_AUTHORIZED)
      || (g_error_matches (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_VALIDATION)
          && (strstr (error->message, "invalid_client") != NULL
              || strstr (error->message, "Invalid client") != NULL)))
    return g_error_new (LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_INVALID_CLIENT,
                        "HighLevel did not accept the app's client ID or client secret (%s). "
                        "Check both in Accounts against the app's settings in the HighLevel "
                        "marketplace, then connect again.",
                        error->message);
  if (g_error_matches (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NETWORK)
      || g_error_matches (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_TIMEOUT))
    return g_error_new (LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_NETWORK,
                        "Could not reach HighLevel to finish connecting (%s). Check the network "
                        "connection and connect again.",
                        error->message);
  return g_error_new (LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_EXCHANGE,
                      "HighLevel did not finish connecting (%s). Connect again; if it keeps "
                      "failing, check the app's redirect URI in the HighLevel marketplace.",
                      error->message);
}

static void
on_exchanged (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonOAuthFlow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  LiaisonGhlTokens *tokens;

  root = liaison_http_send_json_finish (LIAISON_HTTP (source), result, &error);
  if (self->task == NULL || self->ending)
    return; /* cancelled or timed out meanwhile: already answered */
  if (root == NULL)
    {
      end_run (self, NULL, exchange_error (error));
      return;
    }

  tokens = liaison_ghl_tokens_new_from_response (root, g_get_real_time () / G_USEC_PER_SEC, &error);
  if (tokens == NULL)
    {
      end_run (self, NULL, g_steal_pointer (&error));
      return;
    }
  if (tokens->location_id == NULL)
    {
      liaison_ghl_tokens_free (tokens);
      end_run (self, NULL,
               g_error_new_literal (LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_EXCHANGE,
                                    "HighLevel connected an agency instead of a sub-account. "
                                    "Connect again and choose a location on the consent page."));
      return;
    }
  tokens->client_id = g_strdup (self->client_id);
  end_run (self, tokens, NULL);
}

static void
exchange_code (LiaisonOAuthFlow *self, const char *code)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autoptr (GError) error = NULL;

  if (self->token_http == NULL)
    self->token_http = liaison_http_new (LIAISON_HTTP_SERVICE_GHL, self->api_url, NULL, &error);
  if (self->token_http == NULL)
    {
      end_run (self, NULL,
               g_error_new (LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_EXCHANGE,
                            "Could not finish connecting: %s", error->message));
      return;
    }

  /* A code is good for one try: the request is not idempotent, so the send
   * path will not repeat it after a failure that may have reached HighLevel. */
  request = liaison_http_request_new ("POST", "/oauth/token", "finish connecting HighLevel");
  liaison_http_request_add_form_field (request, "client_id", self->client_id);
  liaison_http_request_add_form_field (request, "client_secret", self->client_secret);
  liaison_http_request_add_form_field (request, "grant_type", "authorization_code");
  liaison_http_request_add_form_field (request, "code", code);
  liaison_http_request_add_form_field (request, "redirect_uri", self->redirect_uri);
  liaison_http_request_add_form_field (request, "user_type", "Location");
  /* RFC 7636: proves that this is the client that asked for the code. */
  if (self->code_verifier != NULL)
    liaison_http_request_add_form_field (request, "code_verifier", self->code_verifier);
  liaison_http_request_set_idempotent (request, FALSE);
  liaison_http_request_set_priority (request, LIAISON_HTTP_PRIORITY_INTERACTIVE);

  self->exchange_cancellable = g_cancellable_new ();
  liaison_http_send_async (self->token_http, request, self->exchange_cancellable, on_exchanged,
                           g_object_ref (self));
}

static void
on_redirect (SoupServer *server, SoupServerMessage *message, const char *path, GHashTable *query,
             gpointer user_data)
{
  LiaisonOAuthFlow *self = user_data;
  const char *error_code = query != NULL ? g_hash_table_lookup (query, "error") : NULL;
  const char *code = query != NULL ? g_hash_table_lookup (query, "code") : NULL;
  const char *state = query != NULL ? g_hash_table_lookup (query, "state") : NULL;
  LiaisonOAuthRedirect redirect;

  liaison_oauth_redirect_read (soup_server_message_get_method (message), path, query, self->state,
                               &redirect);
  if (redirect.kind == LIAISON_OAUTH_REDIRECT_NOT_OURS)
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  if (self->task == NULL || self->ending || self->redirect_arrived)
    {
      answer_page (message, SOUP_STATUS_GONE, "This sign-in has already ended",
                   "Liaison is no longer waiting for this answer.");
      return;
    }
  /* The state is checked first: an answer that is not ours is not read,
   * and it does not end the wait for the one that is. */
  if (state == NULL || self->state == NULL || !liaison_auth_secret_equal (state, self->state))
    {
      self->ignored_answers++;
      LIAISON_TRACE (LIAISON_DEBUG_AUTH, "oauth: ignored an answer with a wrong state (%u so far)",
                     self->ignored_answers);
      answer_page (message, SOUP_STATUS_BAD_REQUEST, "This answer is not for Liaison's sign-in",
                   "It does not belong to the sign-in Liaison is waiting for, so Liaison ignored "
                   "it. Finish signing in in the window that Liaison opened.");
      return;
    }
  /* One-shot: only the first redirect with the right state counts. */
  self->redirect_arrived = TRUE;
  self->answering = g_object_ref (message);
  LIAISON_TRACE (LIAISON_DEBUG_AUTH, "oauth: the browser came back (%s)",
                 error_code != NULL ? error_code
                 : code != NULL     ? "with a code"
                                    : "empty");

  if (redirect.kind == LIAISON_OAUTH_REDIRECT_DENIED)
    {
      end_run (self, NULL,
               g_error_new_literal (LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_DENIED,
                                    "Access was denied on HighLevel's consent page, so nothing "
                                    "was connected. Connect again and choose Allow to let "
                                    "Liaison work with the location."));
      return;
    }
  if (redirect.kind == LIAISON_OAUTH_REDIRECT_FAILED)
    {
      const char *description = redirect.detail;

      end_run (self, NULL,
               g_error_new (LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_EXCHANGE,
                            "HighLevel sent Liaison back without a sign-in code (%s). Connect "
                            "again.",
                            description != NULL  ? description
                            : error_code != NULL ? error_code
                                                 : "no code"));
      return;
    }

  soup_server_message_pause (message);
  self->answering_paused = TRUE;
  exchange_code (self, redirect.code);
}

static gboolean
on_timeout (gpointer user_data)
{
  LiaisonOAuthFlow *self = user_data;
  g_autofree char *wait = NULL;

  g_clear_pointer (&self->timeout_source, g_source_unref);
  if (self->timeout_ms >= 60000)
    wait = self->timeout_ms < 120000 ? g_strdup ("a minute")
                                     : g_strdup_printf ("%u minutes", self->timeout_ms / 60000);
  else
    wait = g_strdup_printf ("%u seconds", MAX (1u, self->timeout_ms / 1000));
  if (self->ignored_answers > 0)
    end_run (self, NULL,
             g_error_new (LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_STATE_MISMATCH,
                          "HighLevel's consent page was not completed within %s. An answer that "
                          "does not belong to this connection attempt reached Liaison and was "
                          "ignored for safety. Connect again, and close other windows that are "
                          "connecting.",
                          wait));
  else
    end_run (self, NULL,
             g_error_new (LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_TIMED_OUT,
                          "HighLevel's consent page was not completed within %s, so Liaison "
                          "stopped waiting. Connect again and choose Allow in the browser.",
                          wait));
  return G_SOURCE_REMOVE;
}

static gboolean
on_cancelled (GCancellable *cancellable, gpointer user_data)
{
  LiaisonOAuthFlow *self = user_data;

  g_clear_pointer (&self->cancel_source, g_source_unref);
  end_run (self, NULL,
           g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                "Connecting HighLevel was cancelled. Choose Connect to start "
                                "again."));
  return G_SOURCE_REMOVE;
}

typedef struct
{
  LiaisonOAuthFlow *self;
} BrowserWatch;

static void
browser_watch_free (BrowserWatch *watch)
{
  g_object_unref (watch->self);
  g_free (watch);
}

/* A browser that Liaison started (LIAISON_BROWSER) has exited. Before the
 * redirect, that means the person closed it. The watch outlives the run if
 * need be, so that the process is always reaped. */
static void
on_browser_exited (GPid pid, gint status, gpointer user_data)
{
  BrowserWatch *watch = user_data;
  LiaisonOAuthFlow *self = watch->self;

  g_spawn_close_pid (pid);
  if (self->browser_pid != pid)
    return;
  self->browser_pid = 0;
  if (self->task == NULL || self->ending || self->redirect_arrived)
    return;
  if (self->ignored_answers > 0)
    end_run (self, NULL,
             g_error_new_literal (LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_STATE_MISMATCH,
                                  "The browser was closed after sending an answer that does not "
                                  "belong to this connection attempt, which Liaison ignored for "
                                  "safety. Connect again, and close other windows that are "
                                  "connecting."));
  else
    end_run (self, NULL,
             g_error_new_literal (LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_BROWSER_CLOSED,
                                  "The browser was closed before HighLevel sent Liaison back. "
                                  "Connect again and finish the steps in the browser."));
}

static void
on_browser_launched (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonOAuthFlow) self = user_data;
  g_autoptr (GError) error = NULL;

  if (g_app_info_launch_default_for_uri_finish (result, &error) || self->task == NULL
      || self->ending || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  end_run (self, NULL,
           g_error_new (LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_BROWSER_FAILED,
                        "Could not open a web browser (%s). Set a default browser in Settings, "
                        "then connect again.",
                        error->message));
}

/* What a browser needs to start on the person's desktop, and no more: the
 * tokens and keys a script may have exported (LIAISON_GHL_TOKEN and the
 * like) stay out of the child's environment. */
static const char *const browser_environment[] = {
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  "TMPDIR",
  "LANG",
  "LANGUAGE",
  "LC_ALL",
  "LC_CTYPE",
  "LC_MESSAGES",
  "TZ",
  "DISPLAY",
  "WAYLAND_DISPLAY",
  "XAUTHORITY",
  "XDG_RUNTIME_DIR",
  "XDG_DATA_HOME",
  "XDG_CONFIG_HOME",
  "XDG_CACHE_HOME",
  "XDG_DATA_DIRS",
  "XDG_CONFIG_DIRS",
  "XDG_SESSION_TYPE",
  "XDG_CURRENT_DESKTOP",
  "DBUS_SESSION_BUS_ADDRESS",
  "BROWSER",
  "LIAISON_CHROMIUM",
  /* Sanitizer settings, for a browser stand-in built with them. */
  "ASAN_OPTIONS",
  "LSAN_OPTIONS",
  "UBSAN_OPTIONS",
};

GStrv
liaison_oauth_flow_browser_environment (const char *const *environment)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < G_N_ELEMENTS (browser_environment); i++)
    {
      const char *value = g_environ_getenv ((char **) environment, browser_environment[i]);

      if (value != NULL)
        {
          g_autofree char *pair = g_strconcat (browser_environment[i], "=", value, NULL);

          g_strv_builder_add (builder, pair);
        }
    }
  return g_strv_builder_end (builder);
}

static gboolean
open_browser (LiaisonOAuthFlow *self, GError **error)
{
  const char *command = g_getenv ("LIAISON_BROWSER");
  g_autoptr (GError) local_error = NULL;
  g_auto (GStrv) argv = NULL;
  g_autoptr (GStrvBuilder) builder = NULL;
  g_auto (GStrv) full_argv = NULL;
  g_auto (GStrv) environment = NULL;
  g_auto (GStrv) child_environment = NULL;
  BrowserWatch *watch;
  GSource *source;
  GPid pid;

  if (command == NULL || *command == '\0')
    {
      g_app_info_launch_default_for_uri_async (self->authorize_url, NULL,
                                               g_task_get_cancellable (self->task),
                                               on_browser_launched, g_object_ref (self));
      return TRUE;
    }

  if (!g_shell_parse_argv (command, NULL, &argv, &local_error))
    {
      g_set_error (error, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_BROWSER_FAILED,
                   "LIAISON_BROWSER is not a usable command (%s)", local_error->message);
      return FALSE;
    }
  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) argv);
  g_strv_builder_add (builder, self->authorize_url);
  full_argv = g_strv_builder_end (builder);

  environment = g_get_environ ();
  child_environment = liaison_oauth_flow_browser_environment ((const char *const *) environment);
  if (!g_spawn_async (NULL, full_argv, child_environment,
                      G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                      &local_error))
    {
      g_set_error (error, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_BROWSER_FAILED,
                   "Could not start the browser named by LIAISON_BROWSER (%s). Fix or unset it, "
                   "then connect again.",
                   local_error->message);
      return FALSE;
    }
  self->browser_pid = pid;
  watch = g_new0 (BrowserWatch, 1);
  watch->self = g_object_ref (self);
  source = g_child_watch_source_new (pid);
  g_source_set_callback (source, (GSourceFunc) (void (*) (void)) on_browser_exited, watch,
                         (GDestroyNotify) browser_watch_free);
  g_source_set_static_name (source, "[liaison] oauth browser");
  g_source_attach (source, g_task_get_context (self->task));
  g_source_unref (source);
  return TRUE;
}

static void
count_header (const char *name, const char *value, gpointer user_data)
{
  *(gsize *) user_data += strlen (name) + strlen (value) + 4;
}

/* Runs once the request's headers are in, before any body is read: a
 * status set here ends the request without reading the body. */
static void
on_request_headers (SoupServer *server, SoupServerMessage *message, const char *path,
                    GHashTable *query, gpointer user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  GUri *uri = soup_server_message_get_uri (message);
  const char *uri_query = uri != NULL ? g_uri_get_query (uri) : NULL;
  SoupEncoding encoding = soup_message_headers_get_encoding (headers);
  gsize header_bytes = 0;
  guint status = 0;

  soup_message_headers_foreach (headers, count_header, &header_bytes);
  if (header_bytes > LISTENER_MAX_HEADER_BYTES)
    status = STATUS_HEADERS_TOO_LARGE;
  else if ((path != NULL ? strlen (path) : 0) + (uri_query != NULL ? strlen (uri_query) : 0)
           > LISTENER_MAX_URI_BYTES)
    status = SOUP_STATUS_REQUEST_URI_TOO_LONG;
  else if (encoding == SOUP_ENCODING_CHUNKED || encoding == SOUP_ENCODING_EOF
           || (encoding == SOUP_ENCODING_CONTENT_LENGTH
               && soup_message_headers_get_content_length (headers) > LISTENER_MAX_BODY_BYTES))
    status = SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE;
  if (status == 0)
    return;

  LIAISON_TRACE (LIAISON_DEBUG_AUTH, "oauth: refused an oversized request (%u)", status);
  /* libsoup would still read (or wait for) the whole body before answering:
   * answer on the socket now and shut it, so that nothing more is read. */
  if (status == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE)
    {
      static const char reply[] = "HTTP/1.1 413 Request Entity Too Large\r\n"
                                  "Content-Length: 0\r\nConnection: close\r\n\r\n";
      GSocket *socket = soup_server_message_get_socket (message);

      if (socket != NULL)
        {
          g_socket_send (socket, reply, sizeof reply - 1, NULL, NULL);
          g_socket_shutdown (socket, TRUE, TRUE, NULL);
        }
    }
  soup_message_headers_replace (soup_server_message_get_response_headers (message), "Connection",
                                "close");
  soup_server_message_set_status (
      message, status,
      status == STATUS_HEADERS_TOO_LARGE ? "Request Header Fields Too Large" : NULL);
}

static gboolean
start_listener (LiaisonOAuthFlow *self, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *redirect_uri = NULL;
  g_autofree char *authorize_url = NULL;
  GSList *uris;
  guint port = 0;

  self->server = soup_server_new ("server-header", "Liaison", NULL);
  soup_server_add_early_handler (self->server, NULL, on_request_headers, self, NULL);
  soup_server_add_handler (self->server, NULL, on_redirect, self, NULL);
  /* IPv4 loopback only: the registered redirect URI names 127.0.0.1. */
  if (!soup_server_listen_local (self->server, self->port, SOUP_SERVER_LISTEN_IPV4_ONLY,
                                 &local_error))
    {
      g_clear_object (&self->server);
      g_set_error (error, LIAISON_AUTH_ERROR, LIAISON_AUTH_ERROR_LISTENER,
                   "Could not wait for HighLevel's answer on 127.0.0.1 port %u (%s). Another "
                   "program, or another window that is connecting, may be using it: close it and "
                   "connect again.",
                   self->port, local_error->message);
      return FALSE;
    }
  uris = soup_server_get_uris (self->server);
  if (uris != NULL)
    port = (guint) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  redirect_uri = g_strdup_printf ("http://127.0.0.1:%u" LIAISON_OAUTH_REDIRECT_PATH, port);
  authorize_url = liaison_oauth_flow_build_authorize_url (self, redirect_uri, self->state);
  liaison_oauth_flow_set_redirect (self, port, redirect_uri, authorize_url);
  LIAISON_TRACE (LIAISON_DEBUG_AUTH, "oauth: waiting for the browser at %s", self->redirect_uri);
  return TRUE;
}

/* Runs the whole flow; the result is the new token set. The consent page's
 * address is available from get_authorize_url() once this returns. */
void
liaison_oauth_flow_run_async (LiaisonOAuthFlow *self, GCancellable *cancellable,
                              GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (LIAISON_IS_OAUTH_FLOW (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_oauth_flow_run_async);
  if (self->task != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "Liaison is already connecting HighLevel; finish or cancel that "
                               "first.");
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  self->task = g_steal_pointer (&task);
  self->redirect_arrived = FALSE;
  self->ending = FALSE;
  self->answering_paused = FALSE;
  self->browser_pid = 0;
  self->ignored_answers = 0;

  /* The verifier is 43 characters of the unreserved set, as RFC 7636 asks. */
  self->state = liaison_auth_random_token (&error);
  if (self->state != NULL)
    self->code_verifier = liaison_auth_random_token (&error);
  if (self->state == NULL || self->code_verifier == NULL || !start_listener (self, &error))
    {
      end_run (self, NULL, error);
      return;
    }

  self->timeout_source = g_timeout_source_new (self->timeout_ms);
  g_source_set_callback (self->timeout_source, on_timeout, self, NULL);
  g_source_set_static_name (self->timeout_source, "[liaison] oauth timeout");
  g_source_attach (self->timeout_source, g_task_get_context (self->task));

  if (cancellable != NULL)
    {
      self->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->cancel_source, (GSourceFunc) (void (*) (void)) on_cancelled,
                             self, NULL);
      g_source_attach (self->cancel_source, g_task_get_context (self->task));
    }

  if (self->open_browser && !open_browser (self, &error))
    end_run (self, NULL, error);
}

LiaisonGhlTokens *
liaison_oauth_flow_run_finish (LiaisonOAuthFlow *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liaison_oauth_flow_run_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
