/* cli-test-util.h: running the built liaison-cli (LIAISON_CLI) as a person or a script would, and
 * keeping what it printed. Every test that runs the executable goes through here.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  int status;
  char *out;
  char *err;
  JsonNode *json; /* out parsed as JSON, or NULL */
} CliRun;

void cli_run_clear (CliRun *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

/* Starts liaison-cli args with stdout and stderr piped (and stdin too with
 * G_SUBPROCESS_FLAGS_STDIN_PIPE in flags).
 *
 * home (not NULL): its own profile, as on a fresh account: XDG_DATA_HOME, XDG_CONFIG_HOME and
 * XDG_CACHE_HOME under home, TZ=UTC, LC_ALL=C.UTF-8, and none of the LIAISON_GHL_*,
 * LIAISON_LSQ_*, LIAISON_PROFILE or LIAISON_SYNC_* variables. home NULL: the test process's own
 * environment.
 *
 * env: NULL-terminated NAME, VALUE pairs applied last (a NULL VALUE unsets), or NULL. */
GSubprocess *cli_test_spawn (const char *home, const char *const *env, GSubprocessFlags flags,
                             const char *const *args);

/* first's NAME, VALUE pairs, then then's (either may be NULL), as one NULL-terminated env for
 * cli_test_spawn(): the pdata of the array returned. */
GPtrArray *cli_test_env_join (const char *const *first, const char *const *then);

/* Runs liaison-cli args as cli_test_spawn() starts it, with input on stdin (NULL: an empty
 * stdin), and waits for it to exit. A command may stop before it reads its input (a usage
 * error): the broken pipe is no failure. */
void cli_test_run (CliRun *run, const char *home, const char *const *env, const char *input,
                   const char *const *args);

G_END_DECLS
