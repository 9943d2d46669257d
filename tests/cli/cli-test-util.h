/* cli-test-util.h: running the built liaison-cli (LIAISON_CLI) as a person would, with its own
 * XDG folders and environment, and keeping what it printed.
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

/* Runs liaison-cli args with XDG_DATA_HOME, XDG_CONFIG_HOME and XDG_CACHE_HOME under home, TZ=UTC,
 * none of the LIAISON_GHL_*, LIAISON_LSQ_* or LIAISON_PROFILE variables but those env names
 * (NULL-terminated NAME, VALUE pairs), and input on stdin. */
void cli_test_run (CliRun *run, const char *home, const char *const *env, const char *input,
                   const char *const *args);

G_END_DECLS
