/* liaison-sandbox-main.c: the liaison-sandbox executable: start both simulated
 * services on loopback, print one JSON line with their URLs and credentials,
 * run until SIGINT/SIGTERM and save the state file if one was given.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "liaison-sandbox"

#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "liaison-sandbox.h"

static gboolean
quit_on_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int argc, char *argv[])
{
  g_autofree char *seed_text = NULL;
  g_autofree char *state = NULL;
  g_autofree char *ghl_rate = NULL;
  g_autofree char *lsq_rate = NULL;
  g_autofree char *faults = NULL;
  int contacts = 200, ghl_port = 0, lsq_port = 0, latency = 0;
  gint64 token_lifetime = 0;
  GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text, "Seed of the generated data (default 1)",
      "N" },
    { "contacts", 0, 0, G_OPTION_ARG_INT, &contacts, "Number of people to generate (default 200)",
      "N" },
    { "ghl-port", 0, 0, G_OPTION_ARG_INT, &ghl_port, "HighLevel port (0 = any free port)", "P" },
    { "lsq-port", 0, 0, G_OPTION_ARG_INT, &lsq_port, "LeadSquared port (0 = any free port)", "P" },
    { "state", 0, 0, G_OPTION_ARG_FILENAME, &state,
      "Load the data set from FILE and save it there on exit", "FILE" },
    { "latency-ms", 0, 0, G_OPTION_ARG_INT, &latency, "Delay every response by MS milliseconds",
      "MS" },
    { "ghl-rate", 0, 0, G_OPTION_ARG_STRING, &ghl_rate, "HighLevel burst limit (default 100/10s)",
      "N/INTERVAL" },
    { "lsq-rate", 0, 0, G_OPTION_ARG_STRING, &lsq_rate, "LeadSquared limit (default 10/5s)",
      "N/INTERVAL" },
    { "faults", 0, 0, G_OPTION_ARG_STRING, &faults,
      "Fault rules [ghl:|lsq:][METHOD ]PATH-GLOB=KIND[,count=N][,rate=P] separated by ';' "
      "(KIND: 5xx, 429, reset, delay:MS, truncate, malformed, html)",
      "SPEC" },
    { "token-lifetime", 0, 0, G_OPTION_ARG_INT64, &token_lifetime,
      "HighLevel access token lifetime (default 86399)", "SECONDS" },
    { NULL }
  };
  g_autoptr (GOptionContext) context
      = g_option_context_new ("- local HighLevel and LeadSquared simulators");
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonSandbox) sandbox = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  g_autofree char *line = NULL;
  LiaisonSandboxOptions options;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("liaison-sandbox: %s\n", error->message);
      return 2;
    }
  liaison_sandbox_options_init (&options);
  if (seed_text != NULL
      && !g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXUINT64, &options.seed, &error))
    {
      g_printerr ("liaison-sandbox: --seed: %s\n", error->message);
      return 2;
    }
  if (contacts < 0 || ghl_port < 0 || ghl_port > 65535 || lsq_port < 0 || lsq_port > 65535
      || latency < 0)
    {
      g_printerr (
          "liaison-sandbox: counts, ports and latency must be positive (ports up to 65535)\n");
      return 2;
    }
  options.contacts = (guint) contacts;
  options.ghl_port = (guint) ghl_port;
  options.lsq_port = (guint) lsq_port;
  options.latency_ms = (guint) latency;
  options.state_file = state;
  options.ghl_rate = ghl_rate;
  options.lsq_rate = lsq_rate;
  options.faults = faults;
  options.token_lifetime_s = token_lifetime;

  sandbox = liaison_sandbox_new (&options);
  if (!liaison_sandbox_start (sandbox, &error))
    {
      g_printerr ("liaison-sandbox: %s\n", error->message);
      return 1;
    }
  line = liaison_sandbox_dup_ready_line (sandbox);
  printf ("%s\n", line);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_on_signal, loop);
  g_unix_signal_add (SIGTERM, quit_on_signal, loop);
  g_main_loop_run (loop);
  /* Stopping saves the state file. */
  liaison_sandbox_stop (sandbox);
  return 0;
}
