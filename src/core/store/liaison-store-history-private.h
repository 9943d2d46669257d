/* liaison-store-history-private.h: the history read both the page and the export use, on a
 * connection the caller holds.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-store-history.h"
#include "liaison-store-private.h"

G_BEGIN_DECLS

GPtrArray *liaison_store_db_query_operations (LiaisonStoreDb *db,
                                              const LiaisonHistoryFilter *filter, gint64 after_id,
                                              guint limit, GError **error);

G_END_DECLS
