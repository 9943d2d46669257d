/* liaison-store-history.h: the sync history as the History page and `liaison-cli history` read
 * it: runs newest first a page at a time, operations filtered by run, contact, field, kind,
 * result and a search, and their export as CSV.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-store-sync.h"

G_BEGIN_DECLS

/* What a history read keeps. Every member is optional: 0, NULL or -1 keeps everything. */
typedef struct
{
  gint64 run_id; /* one run's operations; 0: every run */
  char *contact; /* a record id of either service (the operation's LeadSquared or HighLevel id) */
  char *field;   /* the pair key, as in the mapping */
  int action;    /* a LiaisonOperationAction, or -1 */
  int status;    /* a LiaisonOperationStatus, or -1 */
  char *search;  /* found, case folded, in the field, the ids, before, after, error or cause */
  gboolean newest_first;
} LiaisonHistoryFilter;

LiaisonHistoryFilter *liaison_history_filter_new (void);
LiaisonHistoryFilter *liaison_history_filter_copy (const LiaisonHistoryFilter *filter);
void liaison_history_filter_free (LiaisonHistoryFilter *filter);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonHistoryFilter, liaison_history_filter_free)

/* Runs newest first, up to limit of them older than before_id (0: from the newest), on the
 * store's worker: a GPtrArray of LiaisonStoreRun. */
void liaison_store_list_runs_page_async (LiaisonStore *self, gint64 before_id, guint limit,
                                         GCancellable *cancellable, GAsyncReadyCallback callback,
                                         gpointer user_data);
GPtrArray *liaison_store_list_runs_page_finish (LiaisonStore *self, GAsyncResult *result,
                                                GError **error);

/* Up to limit operations the filter keeps, after the one with id after_id in the filter's order
 * (0: from its start), on the store's worker: a GPtrArray of LiaisonStoreOperation. */
void liaison_store_query_operations_async (LiaisonStore *self, const LiaisonHistoryFilter *filter,
                                           gint64 after_id, guint limit, GCancellable *cancellable,
                                           GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *liaison_store_query_operations_finish (LiaisonStore *self, GAsyncResult *result,
                                                  GError **error);
/* The same read on the calling thread's own connection (liaison-cli, tests). */
GPtrArray *liaison_store_query_operations (LiaisonStore *self, const LiaisonHistoryFilter *filter,
                                           gint64 after_id, guint limit, GError **error);

/* Writes every operation the filter keeps as CSV (RFC 4180, UTF-8, CRLF line ends, a header row)
 * to out, a page at a time; returns the number of rows written, or -1 with error set. On the
 * calling thread: the UI calls the _async form, which runs it on a thread of its own. */
gint64 liaison_store_export_csv (LiaisonStore *self, const LiaisonHistoryFilter *filter,
                                 GOutputStream *out, GCancellable *cancellable, GError **error);
void liaison_store_export_csv_async (LiaisonStore *self, const LiaisonHistoryFilter *filter,
                                     GFile *file, GCancellable *cancellable,
                                     GAsyncReadyCallback callback, gpointer user_data);
gint64 liaison_store_export_csv_finish (LiaisonStore *self, GAsyncResult *result, GError **error);

/* A stored before or after value (JSON text) as a person reads it: NULL for null or an empty
 * text; a text's content (is_text TRUE); anything else as its JSON (is_text FALSE). */
char *liaison_history_value_to_text (const char *json, gboolean *is_text);

/* Retention: the instant before which runs are pruned when days of history are kept (0: keep
 * everything, and the cutoff is 0). */
gint64 liaison_history_retention_cutoff (guint days, gint64 now_ms);
/* Removes the runs started before before_ms (0: none) and their operations, a batch per
 * transaction on the store's worker, never a run still running; n_runs: how many went. */
void liaison_store_prune_history_async (LiaisonStore *self, gint64 before_ms,
                                        GCancellable *cancellable, GAsyncReadyCallback callback,
                                        gpointer user_data);
gboolean liaison_store_prune_history_finish (LiaisonStore *self, GAsyncResult *result,
                                             guint64 *n_runs, GError **error);

/* CSV, RFC 4180: a field quoted when it holds a quote, a comma, CR or LF (quotes doubled). */
void liaison_csv_append_field (GString *line, const char *value);
/* Parses CSV text into rows (GPtrArray of GStrv); NULL with an error for an unclosed quote. */
GPtrArray *liaison_csv_parse (const char *text, GError **error);

G_END_DECLS
