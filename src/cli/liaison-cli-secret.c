/* liaison-cli-secret.c: reading a secret for liaison-cli: from a file, from
 * standard input, or from a prompt on the terminal that does not echo;
 * never from the command line, which any user of the machine can read in
 * ps. Reads are bounded, so that /dev/zero or a huge file cannot exhaust
 * memory.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-cli"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "liaison-cli-secret-private.h"

/* Longer than any token or key the services issue. */
#define SECRET_MAX_BYTES 16384

void
liaison_cli_secret_free (LiaisonCliSecret *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

static struct termios saved_terminal;

/* Ctrl+C at the prompt: give the terminal its echo back, then stop. */
static void
on_prompt_signal (int signum)
{
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved_terminal);
  signal (signum, SIG_DFL);
  raise (signum);
}

/* Asks on the terminal for one line, not echoed. */
static char *
prompt (const char *what, GError **error)
{
  struct termios quiet;
  char *buffer = g_malloc0 (SECRET_MAX_BYTES + 2);
  int saved_errno = 0;

  if (tcgetattr (STDIN_FILENO, &saved_terminal) != 0)
    {
      saved_errno = errno;
      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      g_free (buffer);
      return NULL;
    }
  /* Translators: %s names the secret, for example "LeadSquared secret key" */
  g_printerr (_ ("%s (paste it and press Enter; it is not shown): "), what);
  quiet = saved_terminal;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  signal (SIGINT, on_prompt_signal);
  signal (SIGTERM, on_prompt_signal);
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
  if (fgets (buffer, SECRET_MAX_BYTES + 2, stdin) == NULL)
    saved_errno = ferror (stdin) ? errno : 0;
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved_terminal);
  signal (SIGINT, SIG_DFL);
  signal (SIGTERM, SIG_DFL);
  g_printerr ("\n");

  if (saved_errno != 0 || strlen (buffer) > SECRET_MAX_BYTES)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           saved_errno != 0 ? g_strerror (saved_errno) : _ ("it is too long"));
      liaison_cli_secret_free (buffer);
      return NULL;
    }
  return buffer;
}

/* Reads at most SECRET_MAX_BYTES from fd: a longer input (or an endless one,
 * such as /dev/zero) is refused after that many bytes. */
static char *
read_bounded (int fd, GError **error)
{
  char *buffer = g_malloc0 (SECRET_MAX_BYTES + 2);
  gsize len = 0;

  while (len <= SECRET_MAX_BYTES)
    {
      ssize_t n = read (fd, buffer + len, SECRET_MAX_BYTES + 1 - len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               g_strerror (saved_errno));
          liaison_cli_secret_free (buffer);
          return NULL;
        }
      if (n == 0)
        break;
      len += (gsize) n;
    }
  if (len > SECRET_MAX_BYTES || memchr (buffer, '\0', len) != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           len > SECRET_MAX_BYTES ? _ ("it is too long") : _ ("it is not text"));
      explicit_bzero (buffer, len);
      g_free (buffer);
      return NULL;
    }
  return buffer;
}

static char *
read_file (const char *path, GError **error)
{
  struct stat info;
  char *contents;
  int fd;

  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      return NULL;
    }
  if (fstat (fd, &info) == 0 && S_ISDIR (info.st_mode))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _ ("it is a folder"));
      close (fd);
      return NULL;
    }
  contents = read_bounded (fd, error);
  close (fd);
  return contents;
}

gboolean
liaison_cli_check_secret_text (const char *name, const char *value, GError **error)
{
  for (const char *c = value; *c != '\0'; c++)
    if ((guchar) *c < 0x20 || *c == 0x7f)
      {
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     (*c == '\r' || *c == '\n')
                         /* Translators: %s is LIAISON_GHL_TOKEN or an option */
                         ? _ ("%s holds a line break; set it to the secret alone (a file's final "
                              "newline often slips in: use “$(cat FILE)” or a file option)")
                         : _ ("%s holds a control character; set it to the secret alone"),
                     name);
        return FALSE;
      }
  return TRUE;
}

gboolean
liaison_cli_can_prompt (void)
{
  return isatty (STDIN_FILENO);
}

/* path: a file holding only the secret, "-" for stdin, or NULL to ask on
 * the terminal. Surrounding white space (the file's final newline) is not
 * part of it. */
LiaisonCliSecret *
liaison_cli_read_secret (const char *option, const char *path, const char *what, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (LiaisonCliSecret) contents = NULL;
  gboolean from_stdin = path == NULL || g_str_equal (path, "-");
  const char *where = from_stdin ? _ ("standard input") : path;

  if (from_stdin && isatty (STDIN_FILENO))
    contents = prompt (what, &local_error);
  else if (path == NULL)
    g_set_error (&local_error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _ ("standard input is not a terminal to ask on; give %s FILE, or “-” to read "
                    "standard input"),
                 option);
  else if (from_stdin)
    contents = read_bounded (STDIN_FILENO, &local_error);
  else
    contents = read_file (path, &local_error);

  if (local_error != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("%s: the secret could not be read from %s (%s)"), option, where,
                   local_error->message);
      return NULL;
    }

  g_strstrip (contents);
  if (*contents == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _ ("%s: %s holds no secret"),
                   option, where);
      return NULL;
    }
  if (strpbrk (contents, "\r\n") != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("%s: %s holds more than one line; put only the secret in it"), option, where);
      return NULL;
    }
  if (!liaison_cli_check_secret_text (option, contents, error))
    return NULL;
  return g_steal_pointer (&contents);
}
