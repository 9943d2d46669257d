/* store-test-util.h: helpers shared by the store tests and benchmark: waiting for async
 * results, making connections, contacts, pages and links.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-store.h"

G_BEGIN_DECLS

void store_test_result_cb (GObject *source, GAsyncResult *result, gpointer user_data);
GAsyncResult *store_test_wait (GAsyncResult **slot);
void store_test_drain (void);
void store_test_settle (LiaisonStore *store, const char *connection_id);

char *store_test_tmpdir (void);
void store_test_rmtree (const char *dir);
LiaisonStore *store_test_open (const char *path, const char *region, GError **error);
char *store_test_add_connection (LiaisonStore *store, LiaisonService service,
                                 const char *account_id);
LiaisonStoreRecord *store_test_contact (const char *remote_id, const char *name, const char *email,
                                        const char *phone, const char *company, gint64 modified_at);
gboolean store_test_commit (LiaisonStore *store, const char *connection_id, LiaisonRecordKind kind,
                            GPtrArray *records, const LiaisonStoreCursor *cursor, GError **error);
GArray *store_test_link (LiaisonStore *store, GPtrArray *links, GError **error);
LiaisonStoreCursor *store_test_begin_full (LiaisonStore *store, const char *connection_id,
                                           LiaisonRecordKind kind, GError **error);
gboolean store_test_finish_full (LiaisonStore *store, const char *connection_id,
                                 LiaisonRecordKind kind, const char *cursor, gboolean keep_unseen,
                                 guint *n_gone, GError **error);

/* The benchmarks' generated contacts (bench-contact-list, bench-contacts-page). */
#define STORE_TEST_BENCH_CONTACTS 100000
char *store_test_bench_name (guint n);
void store_test_bench_commit_range (LiaisonStore *store, const char *connection, const char *prefix,
                                    guint from, guint to, guint version);
int store_test_bench_generate (const char *path, guint n_contacts);

/* What the benchmarks measure with: milliseconds since a g_get_monotonic_time (), a figure of
 * /proc/self/status in MB ("VmRSS:", "VmHWM:"), and running this program again with
 * `--generate PATH` so that the generation's memory and time stay out of the figures. */
double store_test_ms_since (gint64 start);
double store_test_proc_status_mb (const char *field);
void store_test_bench_spawn_generate (const char *path);

G_END_DECLS
