/* liaison-store-types.h: the plain values LiaisonStore reads and writes: connections, cached
 * records, refresh cursors and links, and the enums they use. Boxed, copyable structs: they
 * cross from the store's worker thread to the main thread.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  LIAISON_SERVICE_LSQ,
  LIAISON_SERVICE_GHL,
} LiaisonService;

typedef enum
{
  LIAISON_RECORD_CONTACT,
  LIAISON_RECORD_TASK,
  LIAISON_RECORD_NOTE,
  LIAISON_RECORD_APPOINTMENT,
  LIAISON_RECORD_CALENDAR,
  LIAISON_RECORD_USER,
  LIAISON_RECORD_FIELD,
} LiaisonRecordKind;

typedef enum
{
  LIAISON_LINK_MATCHED,
  LIAISON_LINK_MANUAL,
  LIAISON_LINK_CREATED,
} LiaisonLinkOrigin;

typedef enum
{
  LIAISON_REFRESH_FULL,
  LIAISON_REFRESH_INCREMENTAL,
} LiaisonRefreshPhase;

#define LIAISON_TYPE_SERVICE (liaison_service_get_type ())
#define LIAISON_TYPE_RECORD_KIND (liaison_record_kind_get_type ())
#define LIAISON_TYPE_LINK_ORIGIN (liaison_link_origin_get_type ())
#define LIAISON_TYPE_REFRESH_PHASE (liaison_refresh_phase_get_type ())
GType liaison_service_get_type (void);
GType liaison_record_kind_get_type (void);
GType liaison_link_origin_get_type (void);
GType liaison_refresh_phase_get_type (void);

/* The names used in the database (and in logs): "lsq", "contact", "matched", "full". */
const char *liaison_service_to_string (LiaisonService service);
gboolean liaison_service_from_string (const char *str, LiaisonService *service);
const char *liaison_record_kind_to_string (LiaisonRecordKind kind);
gboolean liaison_record_kind_from_string (const char *str, LiaisonRecordKind *kind);
const char *liaison_link_origin_to_string (LiaisonLinkOrigin origin);
gboolean liaison_link_origin_from_string (const char *str, LiaisonLinkOrigin *origin);
const char *liaison_refresh_phase_to_string (LiaisonRefreshPhase phase);
gboolean liaison_refresh_phase_from_string (const char *str, LiaisonRefreshPhase *phase);

/* One account of one service in a profile. details: a JSON object of non-secret settings
 * (region, time zone...); the store refuses keys that name a credential. */
typedef struct
{
  char *id;
  LiaisonService service;
  char *account_id; /* GHL location id or LSQ org id */
  char *display_name;
  char *host;
  char *details;
  gint64 created_at; /* ms since the epoch, UTC; set by the store */
  gint64 updated_at;
} LiaisonStoreConnection;

/* One cached record as fetched. The contact columns (display_name ... owner) feed search and
 * matching; the store derives normalized keys and the content hash itself. */
typedef struct
{
  LiaisonRecordKind kind;
  char *remote_id;
  char *parent_id;    /* the contact of a task, note or appointment */
  char *raw;          /* the service's JSON, as received */
  gint64 modified_at; /* the service's modification time, ms UTC; 0 if unknown */
  gboolean deleted;
  char *display_name;
  char *email;
  char *phone;
  char *company;
  char *owner;
  /* Read back only: */
  char *connection_id;
  char *content_hash;
  char *email_norm;
  char *phone_norm;
  gint64 fetched_at;
} LiaisonStoreRecord;

/* Where a refresh of one kind of one connection stands. In the full phase, page_token is the
 * next page to fetch (NULL: from the start); refresh_started_at lets the end of a full refresh
 * tell records that were not seen again. */
typedef struct
{
  LiaisonRefreshPhase phase;
  char *cursor; /* for incremental refreshes, e.g. the newest modification seen */
  char *page_token;
  gint64 refresh_started_at;
  gint64 updated_at;
} LiaisonStoreCursor;

typedef struct
{
  gint64 id;
  LiaisonRecordKind kind;
  char *lsq_connection;
  char *lsq_id;
  char *ghl_connection;
  char *ghl_id;
  LiaisonLinkOrigin origin;
  char *base_snapshot; /* JSON of the mapped values at the last sync, or NULL */
  char *base_hash;
  gint64 linked_at;
  gint64 synced_at;
} LiaisonStoreLink;

#define LIAISON_TYPE_STORE_CONNECTION (liaison_store_connection_get_type ())
#define LIAISON_TYPE_STORE_RECORD (liaison_store_record_get_type ())
#define LIAISON_TYPE_STORE_CURSOR (liaison_store_cursor_get_type ())
#define LIAISON_TYPE_STORE_LINK (liaison_store_link_get_type ())
GType liaison_store_connection_get_type (void);
GType liaison_store_record_get_type (void);
GType liaison_store_cursor_get_type (void);
GType liaison_store_link_get_type (void);

LiaisonStoreConnection *liaison_store_connection_new (LiaisonService service,
                                                      const char *account_id);
LiaisonStoreConnection *liaison_store_connection_copy (const LiaisonStoreConnection *connection);
void liaison_store_connection_free (LiaisonStoreConnection *connection);
/* One string setting of details ("region", "userName"...), or NULL when it is not set (or
 * details is not a JSON object): so that no caller parses the store's JSON itself. */
char *liaison_store_connection_dup_detail (const LiaisonStoreConnection *connection,
                                           const char *member);

LiaisonStoreRecord *liaison_store_record_new (LiaisonRecordKind kind, const char *remote_id,
                                              const char *raw);
LiaisonStoreRecord *liaison_store_record_copy (const LiaisonStoreRecord *record);
void liaison_store_record_free (LiaisonStoreRecord *record);

LiaisonStoreCursor *liaison_store_cursor_new (LiaisonRefreshPhase phase);
LiaisonStoreCursor *liaison_store_cursor_copy (const LiaisonStoreCursor *cursor);
void liaison_store_cursor_free (LiaisonStoreCursor *cursor);

LiaisonStoreLink *liaison_store_link_new (LiaisonRecordKind kind, const char *lsq_connection,
                                          const char *lsq_id, const char *ghl_connection,
                                          const char *ghl_id, LiaisonLinkOrigin origin);
LiaisonStoreLink *liaison_store_link_copy (const LiaisonStoreLink *link);
void liaison_store_link_free (LiaisonStoreLink *link);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonStoreConnection, liaison_store_connection_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonStoreRecord, liaison_store_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonStoreCursor, liaison_store_cursor_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonStoreLink, liaison_store_link_free)

G_END_DECLS
