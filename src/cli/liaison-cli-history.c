/* liaison-cli-history.c: `liaison-cli history export`: the sync history as CSV, every operation
 * or one run's, with before and after values.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <stdlib.h>

#include "liaison-cli-history.h"
#include "liaison-cli-sync.h"
#include "liaison-store-history.h"

enum
{
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

int
liaison_cli_history_export_main (int argc, char **argv)
{
  g_autofree char *csv = NULL;
  gint64 run = 0;
  const GOptionEntry entries[] = { { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv,
                                     N_ ("Write CSV to FILE (“-”: standard output)"), N_ ("FILE") },
                                   { "run", 0, 0, G_OPTION_ARG_INT64, &run,
                                     N_ ("Only the operations of run ID"), N_ ("ID") },
                                   { NULL } };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonStore) store = NULL;
  g_autoptr (LiaisonHistoryFilter) filter = liaison_history_filter_new ();
  g_autoptr (GOutputStream) out = NULL;
  gint64 n;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc > 1 || csv == NULL)
    {
      g_printerr ("liaison-cli history export: %s\n",
                  error ? error->message : _ ("give the file to write with --csv FILE"));
      return EXIT_USAGE;
    }
  store = liaison_cli_sync_open_store (&error);
  if (store != NULL && run > 0)
    {
      g_autoptr (LiaisonStoreRun) found = liaison_store_lookup_run (store, run, &error);

      if (found == NULL && error == NULL)
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, run);

          g_printerr (_ ("liaison-cli history export: there is no run %s. Run “liaison-cli "
                         "history” to see the runs.\n"),
                      id);
          return EXIT_USAGE;
        }
    }
  if (error != NULL)
    {
      g_printerr ("liaison-cli history export: %s\n", error->message);
      return EXIT_FAILED;
    }

  if (g_str_equal (csv, "-"))
    out = g_unix_output_stream_new (1, FALSE);
  else
    {
      g_autoptr (GFile) file = g_file_new_for_commandline_arg (csv);

      out = G_OUTPUT_STREAM (
          g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, &error));
    }
  filter->run_id = run;
  n = out ? liaison_store_export_csv (store, filter, out, NULL, &error) : -1;
  if (n >= 0)
    g_output_stream_close (out, NULL, &error);
  else if (out != NULL)
    {
      /* A close that is cancelled keeps the file that was there before: a failed export never
       * leaves half a file in its place. */
      g_autoptr (GCancellable) keep = g_cancellable_new ();

      g_cancellable_cancel (keep);
      g_output_stream_close (out, keep, NULL);
    }
  if (error != NULL)
    {
      g_printerr (_ ("liaison-cli history export: could not write “%s”: %s. Choose another "
                     "file, or free some space, and export again.\n"),
                  csv, error->message);
      return EXIT_FAILED;
    }
  if (!g_str_equal (csv, "-"))
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "Wrote %lu operation to “%s”.\n",
                             "Wrote %lu operations to “%s”.\n", (gulong) n),
                (gulong) n, csv);
  return EXIT_SUCCESS;
}
