/* liaison-store-query.h: the reads the list models and the GUI need beyond liaison-store.h:
 * asynchronous reads of a record, a record's children and a link (worker jobs, so that the
 * GUI never waits for the disk on its main thread), the contact list's scan and its rows, and
 * the calendar models' ranges. No caller outside src/core/store/ issues SQL.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-store.h"

G_BEGIN_DECLS

/* ---- asynchronous reads ----
 * Worker jobs, queued behind every write asked for before them, so that what they return
 * includes those writes. NULL without an error: not cached (record) or in no link (link). */
void liaison_store_lookup_record_async (LiaisonStore *self, const char *connection_id,
                                        LiaisonRecordKind kind, const char *remote_id,
                                        GCancellable *cancellable, GAsyncReadyCallback callback,
                                        gpointer user_data);
LiaisonStoreRecord *liaison_store_lookup_record_finish (LiaisonStore *self, GAsyncResult *result,
                                                        GError **error);
/* The children of kind (tasks, notes, appointments) of parent_id, newest change first. */
void liaison_store_list_children_async (LiaisonStore *self, const char *connection_id,
                                        LiaisonRecordKind kind, const char *parent_id,
                                        GCancellable *cancellable, GAsyncReadyCallback callback,
                                        gpointer user_data);
GPtrArray *liaison_store_list_children_finish (LiaisonStore *self, GAsyncResult *result,
                                               GError **error);
void liaison_store_lookup_link_async (LiaisonStore *self, LiaisonService side,
                                      const char *connection_id, LiaisonRecordKind kind,
                                      const char *remote_id, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data);
LiaisonStoreLink *liaison_store_lookup_link_finish (LiaisonStore *self, GAsyncResult *result,
                                                    GError **error);

/* What the sync linked among the children of kind of a pair of contacts: each link between the
 * two connections whose record on either side is cached as a child of the contact there, with
 * its two ids and whether a conflict on it is open. */
typedef struct
{
  char *lsq_id;
  char *ghl_id;
  gboolean conflict;
} LiaisonStoreChildLink;

void liaison_store_child_link_free (LiaisonStoreChildLink *link);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonStoreChildLink, liaison_store_child_link_free)

void liaison_store_list_child_links_of_async (LiaisonStore *self, LiaisonRecordKind kind,
                                              const char *lsq_connection, const char *lsq_contact,
                                              const char *ghl_connection, const char *ghl_contact,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
/* LiaisonStoreChildLinks. */
GPtrArray *liaison_store_list_child_links_of_finish (LiaisonStore *self, GAsyncResult *result,
                                                     GError **error);

/* ---- the contact list ----
 * A scan of every cached contact that is not marked deleted, in name order, from the covering
 * index (no raw JSON is read). func runs on the store's worker and returns what the caller
 * builds from the scan (or NULL and an error); _finish hands it over, result_free frees it when
 * nobody takes it. */
typedef struct _LiaisonStoreContactScan LiaisonStoreContactScan;

typedef struct
{
  gint64 record_id; /* records.id: stable while the record exists, compact */
  const char *connection_id;
  gsize connection_id_len;
  gint64 link_id; /* 0: in no link */
  gint64 modified_at;
  const char *search_text; /* folded name, e-mail, phone and company; valid until the next step */
  gsize search_text_len;
} LiaisonStoreContactKey;

typedef gpointer (*LiaisonStoreContactScanFunc) (LiaisonStoreContactScan *scan, gpointer data,
                                                 GError **error);

/* FALSE at the end (error unset) or on an error. */
gboolean liaison_store_contact_scan_next (LiaisonStoreContactScan *scan,
                                          LiaisonStoreContactKey *key, GError **error);
/* The current contact's matching keys, read only when asked for (most contacts are linked and
 * never need them). */
const char *liaison_store_contact_scan_get_email_norm (LiaisonStoreContactScan *scan);
const char *liaison_store_contact_scan_get_phone_norm (LiaisonStoreContactScan *scan);
/* When connection_id was last refreshed (ms UTC, 0: never), or -1 and an error. */
gint64 liaison_store_contact_scan_refreshed_at (LiaisonStoreContactScan *scan,
                                                const char *connection_id, GError **error);
/* The contacts kept apart between the two connections, as records.id pairs (LeadSquared's,
 * then HighLevel's, one after the other in a gint64 array), or NULL and an error. */
GArray *liaison_store_contact_scan_list_apart (LiaisonStoreContactScan *scan,
                                               const char *lsq_connection,
                                               const char *ghl_connection, GError **error);

/* The contacts of the two connections an undo took the copy of back (liaison-store-not-copied.c),
 * one read: LiaisonStoreNotCopiedKey by records.id, or NULL and an error. */
typedef struct
{
  gint64 record_id; /* records.id of the original */
  gint64 run_id;    /* the undo's run */
  gint64 undone_run;
  gint64 at; /* ms UTC */
} LiaisonStoreNotCopiedKey;

GArray *liaison_store_contact_scan_list_not_copied (LiaisonStoreContactScan *scan,
                                                    const char *lsq_connection,
                                                    const char *ghl_connection, GError **error);

void liaison_store_scan_contacts_async (LiaisonStore *self, LiaisonStoreContactScanFunc func,
                                        gpointer data, GDestroyNotify data_free,
                                        GDestroyNotify result_free, GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
gpointer liaison_store_scan_contacts_finish (LiaisonStore *self, GAsyncResult *result,
                                             GError **error);

/* What a contact row shows, by records.id: remote_id, display_name, email, phone, company and
 * owner are set (not raw). NULL without an error: gone. One primary-key read on the main
 * thread's connection: GListModel.get_item() answers synchronously, and a row is made only
 * when a view asks for it. */
LiaisonStoreRecord *liaison_store_lookup_contact_summary (LiaisonStore *self, gint64 record_id,
                                                          GError **error);

/* ---- change notifications ----
 * Holds records-changed and links-changed until the matching release, then announces each
 * connection and kind that changed once: wrap a run of many writes (a sync run) in them, and the
 * contact list rebuilds its index once instead of after every page. Holds nest; main thread. */
void liaison_store_hold_notifications (LiaisonStore *self);
void liaison_store_release_notifications (LiaisonStore *self);

/* ---- calendar data (the raw text is the form of liaison-calendar-codec.h and
 * liaison-appointment-codec.h) ---- */

/* Every cached calendar of the connection that is not marked deleted, by name (ASCII case
 * folded), then id. */
GPtrArray *liaison_store_list_calendars (LiaisonStore *self, const char *connection_id,
                                         GError **error);
/* The appointments of the connection (of one calendar unless calendar_id is NULL) that overlap
 * [from_ms, to_ms), or start in it, by start then id. */
GPtrArray *liaison_store_list_appointments (LiaisonStore *self, const char *connection_id,
                                            gint64 from_ms, gint64 to_ms, const char *calendar_id,
                                            GError **error);

G_END_DECLS
