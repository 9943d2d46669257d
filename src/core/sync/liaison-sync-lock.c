/* liaison-sync-lock.c: the profile's sync lock (liaison_sync_lock_acquire in
 * liaison-sync-engine.h), which keeps the app's runs and liaison-cli's apart.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "liaison-sync-engine.h"

int
liaison_sync_lock_acquire (const char *store_path, GError **error)
{
  g_autofree char *path = g_strconcat (store_path, ".sync-lock", NULL);
  g_autofree char *pid = NULL;
  int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _ ("Could not open the sync lock %s: %s"), path, g_strerror (saved));
      return -1;
    }
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      char held[32] = { 0 };
      ssize_t n = pread (fd, held, sizeof held - 1, 0);

      g_strstrip (held);
      g_set_error (error, LIAISON_SYNC_ERROR, LIAISON_SYNC_ERROR_BUSY,
                   _ ("Another sync of this profile is running (process %s); wait for it to "
                      "finish."),
                   n > 0 && *held ? held : "?");
      close (fd);
      return -1;
    }
  pid = g_strdup_printf ("%d\n", (int) getpid ());
  if (ftruncate (fd, 0) != 0 || pwrite (fd, pid, strlen (pid), 0) < 0)
    g_debug ("could not write the pid into the sync lock");
  return fd;
}

void
liaison_sync_lock_release (int fd)
{
  if (fd < 0)
    return;
  if (ftruncate (fd, 0) != 0)
    g_debug ("could not clear the sync lock");
  flock (fd, LOCK_UN);
  close (fd);
}
