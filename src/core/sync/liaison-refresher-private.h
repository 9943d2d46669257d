/* liaison-refresher-private.h: the state of one refresh, shared by liaison-refresher.c (the run
 * and the contacts) and liaison-refresher-lists.c (owners and field definitions).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-refresher.h"

G_BEGIN_DECLS

struct _LiaisonRefresher
{
  GObject parent_instance;

  LiaisonStore *store;
  LiaisonLsqClient *lsq;
  LiaisonGhlClient *ghl;
  char *connection_ids[2]; /* by LiaisonService */
  guint page_size;
  gboolean page_size_set;  /* by liaison_refresher_set_page_size(): incremental reads too */
  gint64 lists_max_age_ms; /* 0: owners and field definitions are read on every run */

  gboolean running;
  guint fetched[2];
  guint total[2];
  guint skipped[2]; /* records a page left out as unreadable */
  gboolean lists_read[2];
};

typedef struct _Run Run;

typedef struct
{
  Run *run;
  LiaisonService service;
  GHashTable *owners; /* user id -> name */
  LiaisonStoreCursor *cursor;
  gint64 newest_ms;
  /* The service's clock when it answered the first page of this run's read (0: unknown), and
   * this computer's then. */
  gint64 read_at_ms;
  gint64 read_at_local_ms;
  /* An incremental read: changes since then. Fixed for the whole run, so
   * that the pages of one listing stay put while newest_ms moves. */
  GDateTime *since;
  GDateTime *window_end; /* LeadSquared: the end of the RecentlyModified window */
  guint page_index;      /* LeadSquared: 1-based */
  gint64 page_from_s;    /* LeadSquared: the start of the window of the page asked for */
  GHashTable *tail_ids;  /* LeadSquared: the leads read at page_from_s, read again */
  gint64 tail_s;
  LiaisonRecordKind list_kind; /* users or fields, while that list is read */
  gboolean lists_cached;       /* owners and fields came from the store, not the service */
  gboolean unknown_owner;      /* a contact named an owner the cached users lack */
  gboolean users_only;         /* the users are read again after the contacts */
} Chain;

struct _Run
{
  GTask *task;
  LiaisonRefresher *self;
  gboolean full;
  Chain chains[2];
  guint pending;
  GError *error;
};

GCancellable *liaison_refresher_chain_cancellable (Chain *chain);
const char *liaison_refresher_chain_connection (Chain *chain);
/* Ends one chain; the run ends when both have. */
void liaison_refresher_chain_finish (Chain *chain, GError *error);
/* Owners and field definitions (from the store when they are fresh), then the contacts. */
void liaison_refresher_chain_start (Chain *chain);
void liaison_refresher_chain_start_contacts (Chain *chain);
/* After the contacts: the users again if a contact named one the cached list lacks, then the
 * refresh is noted. */
void liaison_refresher_chain_lists_after (Chain *chain);
void liaison_refresher_chain_done (Chain *chain);

/* The cursor text of a list (users, fields) the next run must read again. */
#define LIAISON_REFRESHER_LIST_STALE "stale"
#define LIAISON_REFRESHER_LIST_READ "read"

G_END_DECLS
