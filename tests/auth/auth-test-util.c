/* auth-test-util.c: shared helpers of the auth tests (see the header).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE /* memmem */
#include <string.h>

#include <libsecret/secret.h>
#include <libsoup/soup.h>

#include "auth-test-util.h"

static GPtrArray *secrets; /* every credential the sandbox issued to the test */
static GString *captured_log;

LiaisonSandbox *
auth_test_sandbox (guint64 seed, gint64 token_lifetime_s)
{
  LiaisonSandboxOptions options;
  LiaisonSandbox *sandbox;
  g_autoptr (GError) error = NULL;

  liaison_sandbox_options_init (&options);
  options.seed = seed;
  options.contacts = 5;
  options.token_lifetime_s = token_lifetime_s;
  options.anchor_ms = G_GINT64_CONSTANT (1767225600000);
  sandbox = liaison_sandbox_new (&options);
  liaison_sandbox_start_in_thread (sandbox, &error);
  g_assert_no_error (error);

  auth_test_remember_secret (liaison_sandbox_get_client_secret (sandbox));
  auth_test_remember_secret (liaison_sandbox_get_private_token (sandbox));
  auth_test_remember_secret (liaison_sandbox_get_lsq_access_key (sandbox));
  auth_test_remember_secret (liaison_sandbox_get_lsq_secret_key (sandbox));
  return sandbox;
}

/* A blocking request from the test's thread (the sandbox serves on its own). */
JsonNode *
auth_test_request (const char *base, const char *method, const char *path, const char *content_type,
                   const char *body, guint *status)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (base, path, NULL);
  g_autoptr (SoupMessage) message = soup_message_new (method, url);
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  const char *data;
  gsize len;

  g_assert_nonnull (message);
  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (message, content_type, bytes);
    }
  reply = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  if (status != NULL)
    *status = soup_message_get_status (message);
  data = g_bytes_get_data (reply, &len);
  if (len == 0 || !json_parser_load_from_data (parser, data, (gssize) len, NULL))
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

void
auth_test_store_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/* Runs the main loop until the callback stored its result. */
GAsyncResult *
auth_test_wait (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

char *
auth_test_browser_command (const char *mode, const char *page_file)
{
  const char *build_root = g_getenv ("LIAISON_BUILD_ROOT");
  g_autofree char *path
      = build_root != NULL
            ? g_build_filename (build_root, "tests", "auth", "liaison-fake-browser", NULL)
            : g_test_build_filename (G_TEST_BUILT, "liaison-fake-browser", NULL);
  g_autofree char *quoted = g_shell_quote (path);

  if (page_file != NULL)
    {
      g_autofree char *page = g_shell_quote (page_file);

      return g_strdup_printf ("%s --mode=%s --page-out=%s", quoted, mode, page);
    }
  return g_strdup_printf ("%s --mode=%s", quoted, mode);
}

/* Whether a Secret Service answers on the session bus (build-aux/headless
 * starts one); the keyring tests skip otherwise. */
gboolean
auth_test_keyring_available (void)
{
  g_autoptr (SecretService) service = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SecretCollection) collection = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    return FALSE;
  /* A service of its own, not the process's shared one, and without loading every collection:
   * libsecret 0.20.5 can complete the shared service's collection loading twice (a GTask
   * returned twice, a fatal critical in a test) when later calls race with that loading. */
  service = secret_service_open_sync (SECRET_TYPE_SERVICE, NULL, SECRET_SERVICE_NONE, NULL,
                                      &error);
  if (service == NULL)
    return FALSE;
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, NULL);
  return collection != NULL && !secret_collection_get_locked (collection);
}

void
auth_test_remember_secret (const char *secret)
{
  if (secret == NULL || *secret == '\0')
    return;
  if (secrets == NULL)
    secrets = g_ptr_array_new_with_free_func (g_free);
  if (!g_ptr_array_find_with_equal_func (secrets, secret, g_str_equal, NULL))
    g_ptr_array_add (secrets, g_strdup (secret));
}

static GLogWriterOutput
capture_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  gsize i;

  for (i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0)
      {
        g_string_append (captured_log, fields[i].value);
        g_string_append_c (captured_log, '\n');
      }
  /* Warnings and worse still reach the terminal (and fail the test). */
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_standard_streams (level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

static void
capture_handler (const char *domain, GLogLevelFlags level, const char *message, gpointer user_data)
{
  g_string_append (captured_log, message);
  g_string_append_c (captured_log, '\n');
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    g_log_default_handler (domain, level, message, user_data);
}

/* Turns on every trace of the HTTP path and the accounts code and keeps
 * the text, to search it for credentials at the end. */
void
auth_test_capture_log (void)
{
  g_setenv ("LIAISON_DEBUG", "http,auth", TRUE);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  captured_log = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);
  g_log_set_default_handler (capture_handler, NULL);
}

/* The tests keep their files in $XDG_DATA_HOME under build-aux/headless
 * (a throw-away folder) and in a temporary folder otherwise. */
char *
auth_test_private_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir;

  if (g_getenv ("LIAISON_HEADLESS_INNER") != NULL)
    {
      dir = g_build_filename (g_get_user_data_dir (), "liaison-auth-test-XXXXXX", NULL);
      g_mkdir_with_parents (g_get_user_data_dir (), 0700);
      g_assert_nonnull (g_mkdtemp (dir));
      return dir;
    }
  dir = g_dir_make_tmp ("liaison-auth-test-XXXXXX", &error);
  g_assert_no_error (error);
  return dir;
}

static void
scan_dir (const char *path, guint *n_files)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;
      guint i;

      if (g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          scan_dir (child, n_files);
          continue;
        }
      if (!g_file_get_contents (child, &contents, &len, NULL))
        continue;
      (*n_files)++;
      for (i = 0; secrets != NULL && i < secrets->len; i++)
        {
          const char *secret = g_ptr_array_index (secrets, i);

          if (memmem (contents, len, secret, strlen (secret)) != NULL)
            g_error ("%s holds a credential the sandbox issued", child);
        }
    }
}

/* Nothing the sandbox issued may be in a file under the XDG folders (the
 * keyring's own file is encrypted) or in any captured log line. */
void
auth_test_assert_no_secret_leaked (void)
{
  guint n_files = 0;
  guint i;

  g_assert_nonnull (secrets);
  g_assert_cmpuint (secrets->len, >, 0);

  /* Empty when every test that talks to the sandbox was skipped. */
  if (captured_log != NULL)
    {
      g_test_message ("searched %" G_GSIZE_FORMAT " bytes of log for %u issued credentials",
                      captured_log->len, secrets->len);
      for (i = 0; i < secrets->len; i++)
        if (strstr (captured_log->str, g_ptr_array_index (secrets, i)) != NULL)
          g_error ("a log line holds a credential the sandbox issued");
    }

  if (g_getenv ("LIAISON_HEADLESS_INNER") == NULL)
    {
      g_test_skip ("the XDG folders are only searched inside build-aux/headless, where they are "
                   "the test's own");
      return;
    }
  scan_dir (g_get_user_data_dir (), &n_files);
  scan_dir (g_get_user_config_dir (), &n_files);
  scan_dir (g_get_user_cache_dir (), &n_files);
  g_test_message ("searched %u files for %u issued credentials", n_files, secrets->len);
}
