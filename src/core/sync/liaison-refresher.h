/* liaison-refresher.h: "Refresh from both": brings Liaison's local copy of
 * both accounts' contacts, owners and field definitions up to date.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-ghl-client.h"
#include "liaison-lsq-client.h"
#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_REFRESHER (liaison_refresher_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonRefresher, liaison_refresher, LIAISON, REFRESHER, GObject)

LiaisonRefresher *liaison_refresher_new (LiaisonStore *store, LiaisonLsqClient *lsq,
                                         const char *lsq_connection_id, LiaisonGhlClient *ghl,
                                         const char *ghl_connection_id);
void liaison_refresher_set_page_size (LiaisonRefresher *self, guint page_size);
/* Owners and field definitions younger than max_age_ms (and not marked stale) are taken from
 * the store instead of read (liaison-refresher-lists.c); 0, the default: read on every run. */
void liaison_refresher_set_lists_max_age (LiaisonRefresher *self, gint64 max_age_ms);
/* Whether the last run read service's owners and field definitions from the service. */
gboolean liaison_refresher_get_lists_read (LiaisonRefresher *self, LiaisonService service);
/* Makes the next run read the connection's owners and field definitions again, whatever their
 * age (a write the service refused, a field map naming a field the cache lacks). */
void liaison_refresher_mark_lists_stale_async (LiaisonStore *store, const char *connection_id,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);
gboolean liaison_refresher_mark_lists_stale_finish (LiaisonStore *store, GAsyncResult *result,
                                                    GError **error);
gboolean liaison_refresher_get_running (LiaisonRefresher *self);
guint liaison_refresher_get_fetched (LiaisonRefresher *self, LiaisonService service);
guint liaison_refresher_get_total (LiaisonRefresher *self, LiaisonService service);
guint liaison_refresher_get_skipped (LiaisonRefresher *self, LiaisonService service);
void liaison_refresher_run_async (LiaisonRefresher *self, gboolean full, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data);
gboolean liaison_refresher_run_finish (LiaisonRefresher *self, GAsyncResult *result,
                                       GError **error);

G_END_DECLS
