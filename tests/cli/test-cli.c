/* test-cli.c: liaison-cli's version, help and usage errors, run as a person
 * or a script would run it.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gio/gio.h>
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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Messages are compared in English. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  g_test_add_func ("/cli/version", test_cli_version);
  g_test_add_func ("/cli/help", test_cli_help);
  g_test_add_func ("/cli/usage-errors", test_cli_usage_errors);

  return g_test_run ();
}
