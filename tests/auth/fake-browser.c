/* fake-browser.c: stands in for a person's browser in the OAuth tests, set
 * as LIAISON_BROWSER. It loads the consent page, submits its form the way a
 * click on Allow or Deny would, and follows the redirect to Liaison's
 * loopback listener, saving the page Liaison answers with.
 *
 *   liaison-fake-browser --mode=MODE [--page-out=FILE] URL
 *
 * MODE: allow, deny, tamper (Allow, then change the state in the redirect),
 * tamper-then-allow (the forged redirect first, then the real one),
 * close (exit at once, as if the window was closed), linger (load the page
 * and do nothing until Liaison stops listening, at most 10 s).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>
#include <string.h>

#include <libsoup/soup.h>

static char *
unescape_html (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p;

  for (p = text; *p != '\0'; p++)
    {
      if (g_str_has_prefix (p, "&amp;"))
        {
          g_string_append_c (out, '&');
          p += 4;
        }
      else if (g_str_has_prefix (p, "&quot;"))
        {
          g_string_append_c (out, '"');
          p += 5;
        }
      else if (g_str_has_prefix (p, "&lt;"))
        {
          g_string_append_c (out, '<');
          p += 3;
        }
      else if (g_str_has_prefix (p, "&gt;"))
        {
          g_string_append_c (out, '>');
          p += 3;
        }
      else if (g_str_has_prefix (p, "&#39;"))
        {
          g_string_append_c (out, '\'');
          p += 4;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Idles like a person who walked away, until the redirect listener named
 * in the consent page's address closes (so that the test does not wait for
 * this process longer than for Liaison). */
static int
linger (const char *url)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autoptr (GHashTable) params = NULL;
  g_autoptr (GUri) redirect = NULL;
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  if (uri == NULL || g_uri_get_query (uri) == NULL)
    return 2;
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  redirect
      = params != NULL && g_hash_table_lookup (params, "redirect_uri") != NULL
            ? g_uri_parse (g_hash_table_lookup (params, "redirect_uri"), G_URI_FLAGS_NONE, NULL)
            : NULL;
  if (redirect == NULL)
    return 2;
  while (g_get_monotonic_time () < until)
    {
      g_autoptr (GSocketConnection) connection = NULL;

      g_usleep (100 * 1000);
      connection = g_socket_client_connect_to_host (
          client, g_uri_get_host (redirect), (guint16) g_uri_get_port (redirect), NULL, NULL);
      if (connection == NULL)
        return 0;
    }
  return 0;
}

static GBytes *
fetch (SoupSession *session, SoupMessage *message, guint *status)
{
  g_autoptr (GError) error = NULL;
  GBytes *body;

  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  body = soup_session_send_and_read (session, message, NULL, &error);
  if (body == NULL)
    {
      g_printerr ("fake-browser: %s\n", error->message);
      exit (3);
    }
  *status = soup_message_get_status (message);
  return body;
}

int
main (int argc, char **argv)
{
  g_autofree char *mode = NULL;
  g_autofree char *page_out = NULL;
  GOptionEntry entries[] = {
    { "mode", 0, 0, G_OPTION_ARG_STRING, &mode, NULL, NULL },
    { "page-out", 0, 0, G_OPTION_ARG_FILENAME, &page_out, NULL, NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("URL");
  g_autoptr (GError) error = NULL;
  g_autoptr (SoupSession) session = NULL;
  g_autoptr (SoupMessage) get = NULL;
  g_autoptr (SoupMessage) post = NULL;
  g_autoptr (SoupMessage) back = NULL;
  g_autoptr (GBytes) page = NULL;
  g_autoptr (GBytes) posted = NULL;
  g_autoptr (GBytes) answer = NULL;
  g_autoptr (GRegex) inputs = NULL;
  g_autoptr (GMatchInfo) match = NULL;
  g_autoptr (GHashTable) form = NULL;
  g_autoptr (GUri) base = NULL;
  g_autoptr (GUri) action = NULL;
  g_autofree char *html = NULL;
  g_autofree char *location = NULL;
  guint status = 0;

  /* The test traces everything; this process has nothing to add. */
  g_unsetenv ("G_MESSAGES_DEBUG");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || mode == NULL)
    {
      g_printerr ("usage: liaison-fake-browser --mode=MODE [--page-out=FILE] URL\n");
      return 2;
    }
  if (g_str_equal (mode, "close"))
    return 0;

  session = soup_session_new ();
  get = soup_message_new ("GET", argv[1]);
  if (get == NULL)
    {
      g_printerr ("fake-browser: bad URL %s\n", argv[1]);
      return 2;
    }
  page = fetch (session, get, &status);
  if (status != 200)
    {
      g_printerr ("fake-browser: the consent page answered %u\n", status);
      return 4;
    }
  if (g_str_equal (mode, "linger"))
    return linger (argv[1]);

  /* Fill the form as the page would submit it: hidden fields, the checked
   * location, and the button that was clicked. */
  html = g_strndup (g_bytes_get_data (page, NULL), g_bytes_get_size (page));
  form = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  inputs = g_regex_new ("<input type=\"(hidden|radio)\" name=\"([^\"]+)\" value=\"([^\"]*)\""
                        "( checked)?",
                        0, 0, NULL);
  g_regex_match (inputs, html, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *type = g_match_info_fetch (match, 1);
      g_autofree char *name = g_match_info_fetch (match, 2);
      g_autofree char *value = g_match_info_fetch (match, 3);
      g_autofree char *checked = g_match_info_fetch (match, 4);

      if (g_str_equal (type, "hidden") || (checked != NULL && *checked != '\0'))
        g_hash_table_replace (form, g_steal_pointer (&name), unescape_html (value));
      g_match_info_next (match, NULL);
    }
  g_hash_table_replace (form, g_strdup ("decision"),
                        g_strdup (g_str_equal (mode, "deny") ? "deny" : "allow"));

  base = g_uri_parse (argv[1], G_URI_FLAGS_NONE, NULL);
  {
    g_autoptr (GRegex) form_tag = g_regex_new ("<form [^>]*action=\"([^\"]+)\"", 0, 0, NULL);
    g_autoptr (GMatchInfo) form_match = NULL;
    g_autofree char *target = NULL;

    if (!g_regex_match (form_tag, html, 0, &form_match))
      {
        g_printerr ("fake-browser: the consent page has no form\n");
        return 4;
      }
    target = g_match_info_fetch (form_match, 1);
    action = g_uri_parse_relative (base, target, G_URI_FLAGS_NONE, NULL);
  }
  {
    g_autofree char *action_url = g_uri_to_string (action);

    post = soup_message_new_from_encoded_form ("POST", action_url, soup_form_encode_hash (form));
  }
  posted = fetch (session, post, &status);
  location = g_strdup (
      soup_message_headers_get_one (soup_message_get_response_headers (post), "Location"));
  if (!SOUP_STATUS_IS_REDIRECTION (status) || location == NULL)
    {
      g_printerr ("fake-browser: the form answered %u without a redirect\n", status);
      return 5;
    }

  if (g_str_equal (mode, "tamper-then-allow"))
    {
      g_autoptr (GRegex) state = g_regex_new ("state=[^&]*", 0, 0, NULL);
      g_autofree char *forged
          = g_regex_replace_literal (state, location, -1, 0, "state=forged", 0, NULL);
      g_autoptr (SoupMessage) first = soup_message_new ("GET", forged);
      g_autoptr (GBytes) ignored = fetch (session, first, &status);

      /* Liaison answers the forged one and goes on waiting. */
      if (status != 400)
        {
          g_printerr ("fake-browser: the forged redirect answered %u\n", status);
          return 7;
        }
    }
  if (g_str_equal (mode, "tamper"))
    {
      g_autoptr (GRegex) state = g_regex_new ("state=[^&]*", 0, 0, NULL);
      char *changed = g_regex_replace_literal (state, location, -1, 0, "state=forged", 0, NULL);

      g_free (location);
      location = changed;
    }

  back = soup_message_new ("GET", location);
  answer = fetch (session, back, &status);
  if (page_out != NULL
      && !g_file_set_contents (page_out, g_bytes_get_data (answer, NULL),
                               (gssize) g_bytes_get_size (answer), &error))
    {
      g_printerr ("fake-browser: %s\n", error->message);
      return 6;
    }
  return 0;
}
