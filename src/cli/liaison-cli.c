/* liaison-cli.c: the command-line front end, for headless runs (cron,
 * systemd) and scripting. Commands are added as the core gains them.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-cli"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>

#include "liaison-cli-accounts.h"
#include "liaison-cli-book.h"
#include "liaison-cli-ghl.h"
#include "liaison-cli-lsq.h"
#include "liaison-cli-mapping.h"
#include "liaison-cli-schedule.h"
#include "liaison-cli-sync.h"

/* Exit codes follow sysexits' spirit: 2 for a command line that cannot be
 * understood, 1 for an operation that failed. */
enum
{
  EXIT_USAGE = 2,
};

int
main (int argc, char *argv[])
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  gboolean show_version = FALSE;
  const GOptionEntry entries[] = { { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE,
                                     &show_version, N_ ("Show the version and quit"), NULL },
                                   { NULL } };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_ ("COMMAND [ARGUMENT…]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _ ("Keep LeadSquared and HighLevel in step from a terminal."));
  g_option_context_set_description (
      context,
      /* Command names are not translated. */
      "Commands:\n"
      "  connect ghl|lsq     connect an account once (keyring)\n"
      "  accounts            the state of the accounts, as JSON\n"
      "  disconnect ghl|lsq  forget an account\n"
      "  book                book a contact into a free HighLevel slot\n"
      "  ghl                 call HighLevel (run “liaison-cli ghl --help”)\n"
      "  lsq                 call LeadSquared (run “liaison-cli lsq --help”)\n"
      "  mapping show|set|reset  the contact field map (run “liaison-cli mapping --help”)\n"
      "  sync                sync both accounts: contacts, then the tasks and notes of linked\n"
      "                      contacts ([--dry-run] [--json] [--only KINDS] [--force-delete])\n"
      "  undo RUN            put back what a sync run changed, and delete the copies it\n"
      "                      created when deletes are on ([--dry-run] [--json] [--force-delete]);\n"
      "                      undo --not-copied: the contacts an undo keeps from being copied\n"
      "                      again; undo --copy-again ID: let the next sync copy one again\n"
      "  conflicts           open conflicts; conflicts resolve ID --take lsq|ghl | --value V\n"
      "  history             past sync runs; history RUN: that run's operations;\n"
      "                      history export --csv FILE [--run ID]: the changes as CSV\n"
      "  schedule enable [MINUTES]|disable|status\n"
      "                      sync with a systemd user timer, on Liaison’s interval or MINUTES");
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("liaison-cli: %s\n", error->message);
      g_printerr (_ ("Run “%s --help” to see what it can do.\n"), "liaison-cli");
      return EXIT_USAGE;
    }

  if (show_version)
    {
      g_print ("liaison-cli %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "ghl"))
    return liaison_cli_ghl_main (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "lsq"))
    return liaison_cli_lsq_main (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "connect"))
    return liaison_cli_connect_main (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "accounts"))
    return liaison_cli_accounts_main (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "book"))
    return liaison_cli_book_main (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "disconnect"))
    return liaison_cli_disconnect_main (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "mapping"))
    return liaison_cli_mapping_main (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "sync"))
    return liaison_cli_sync_main (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "undo"))
    return liaison_cli_undo_main (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "conflicts"))
    return liaison_cli_conflicts_main (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "history"))
    return liaison_cli_history_main (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "schedule"))
    return liaison_cli_schedule_main (argc - 1, argv + 1);

  g_printerr (_ ("liaison-cli: there is no command “%s”. Run “%s --help” to see what it can do.\n"),
              argv[1], "liaison-cli");
  return EXIT_USAGE;
}
