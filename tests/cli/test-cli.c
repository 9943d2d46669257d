/* test-cli.c: liaison-cli's version, help, usage errors and history export, run as a person
 * or a script would run it.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

typedef struct
{
  int exit_status;
  char *out;
  char *err;
} CliResult;

static void
cli_result_clear (CliResult *result)
{
  g_free (result->out);
  g_free (result->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliResult, cli_result_clear)

static void
run_cli (CliResult *result, const char *first_arg, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("LIAISON_CLI"));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process
      = g_subprocess_newv ((const char *const *) argv->pdata,
                           G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  result->exit_status = g_subprocess_get_exit_status (process);
}

static void
test_cli_version (void)
{
  g_auto (CliResult) result = { 0 };

  run_cli (&result, "--version", NULL);
  g_assert_cmpint (result.exit_status, ==, 0);
  g_assert_cmpstr (result.out, ==, "liaison-cli " PACKAGE_VERSION "\n");
}

static void
test_cli_help (void)
{
  g_auto (CliResult) result = { 0 };

  run_cli (&result, "--help", NULL);
  g_assert_cmpint (result.exit_status, ==, 0);
  g_assert_nonnull (strstr (result.out, "COMMAND"));
  g_assert_nonnull (strstr (result.out, "--version"));
}

static void
test_cli_usage_errors (void)
{
  g_auto (CliResult) no_command = { 0 };
  g_auto (CliResult) unknown_command = { 0 };
  g_auto (CliResult) unknown_option = { 0 };

  run_cli (&no_command, NULL);
  g_assert_cmpint (no_command.exit_status, ==, 2);
  g_assert_nonnull (strstr (no_command.err, "--version"));

  run_cli (&unknown_command, "frobnicate", NULL);
  g_assert_cmpint (unknown_command.exit_status, ==, 2);
  g_assert_nonnull (strstr (unknown_command.err, "“frobnicate”"));
  g_assert_cmpstr (unknown_command.out, ==, "");

  run_cli (&unknown_option, "--frobnicate", NULL);
  g_assert_cmpint (unknown_option.exit_status, ==, 2);
  g_assert_nonnull (strstr (unknown_option.err, "--frobnicate"));
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_assert_cmpint (g_remove (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

/* `history export` writes the CSV header even when there is no history yet, and says what is
 * wrong with a missing or unwritable file. */
static void
test_cli_history_export (void)
{
  g_autofree char *home = g_dir_make_tmp ("liaison-cli-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (home, "history.csv", NULL);
  g_autofree char *unwritable = g_build_filename (home, "missing", "history.csv", NULL);
  g_autofree char *contents = NULL;
  g_auto (CliResult) written = { 0 };
  g_auto (CliResult) no_file = { 0 };
  g_auto (CliResult) refused = { 0 };

  g_assert_nonnull (home);
  g_setenv ("XDG_DATA_HOME", home, TRUE); /* liaison-cli keeps its store there */
  run_cli (&written, "history", "export", "--csv", csv, NULL);
  g_assert_cmpint (written.exit_status, ==, 0);
  g_assert_nonnull (strstr (written.err, "Wrote 0 operations")); /* stdout stays for “-” */
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "run,operation,at,action,side,lsq_id,ghl_id,field,"
                                             "before,after,result,error,cause"));

  run_cli (&no_file, "history", "export", NULL);
  g_assert_cmpint (no_file.exit_status, ==, 2);
  g_assert_nonnull (strstr (no_file.err, "--csv FILE"));

  run_cli (&refused, "history", "export", "--csv", unwritable, NULL);
  g_assert_cmpint (refused.exit_status, ==, 1);
  g_assert_nonnull (strstr (refused.err, "could not write"));
  g_assert_false (g_file_test (unwritable, G_FILE_TEST_EXISTS));

  remove_tree (home);
}

/* sync --only names what it carries; a kind that does not travel yet, or a misspelt one, is a
 * usage error that says what can be chosen, before any store or account is touched. */
static void
test_cli_sync_only (void)
{
  g_auto (CliResult) appointments = { 0 };
  g_auto (CliResult) unknown = { 0 };
  g_auto (CliResult) empty = { 0 };

  run_cli (&appointments, "sync", "--only", "tasks,appointments", NULL);
  g_assert_cmpint (appointments.exit_status, ==, 2);
  g_assert_nonnull (strstr (appointments.err, "Appointments do not travel"));
  g_assert_nonnull (strstr (appointments.err, "contacts, tasks and notes"));

  run_cli (&unknown, "sync", "--only", "contacts,taks", NULL);
  g_assert_cmpint (unknown.exit_status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "“taks”"));

  run_cli (&empty, "sync", "--only", ",", NULL);
  g_assert_cmpint (empty.exit_status, ==, 2);
  g_assert_nonnull (strstr (empty.err, "at least one"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Messages are compared in English. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  g_test_add_func ("/cli/version", test_cli_version);
  g_test_add_func ("/cli/help", test_cli_help);
  g_test_add_func ("/cli/usage-errors", test_cli_usage_errors);
  g_test_add_func ("/cli/history-export", test_cli_history_export);
  g_test_add_func ("/cli/sync-only", test_cli_sync_only);

  return g_test_run ();
}
