/* liaison-store-recover.h: when a profile's store is damaged or unreadable,
 * moving it aside (renamed with a timestamp, never deleted) and starting a
 * fresh one that keeps what can still be read of the connections, links,
 * sync history and journal. The cache of records is left to be fetched
 * again from both services.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char *moved_to; /* where the damaged file now is */
  guint kept_connections;
  guint kept_links;
  guint kept_history;    /* runs, operations and conflicts */
  guint kept_other;      /* journal and Liaison's other own rows */
  gboolean read_nothing; /* the old file could not be read at all */
} LiaisonStoreRecovery;

void liaison_store_recovery_free (LiaisonStoreRecovery *recovery);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonStoreRecovery, liaison_store_recovery_free)

/* now_utc: names the moved file (…-damaged-20261202-101500.db). Runs on a
 * worker thread; the store at path must not be open. */
void liaison_store_recover_async (const char *path, GDateTime *now_utc, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data);
LiaisonStoreRecovery *liaison_store_recover_finish (GAsyncResult *result, GError **error);
LiaisonStoreRecovery *liaison_store_recover_sync (const char *path, GDateTime *now_utc,
                                                  GError **error);

G_END_DECLS
