/* liaison-contact-index-private.h: the compact in-memory index behind LiaisonContactList: one
 * small fixed-size entry per unified row, in name order, and one arena of folded search text.
 * No GObject per row exists until a row is asked for.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-contact-row.h"
#include "liaison-store-query.h"
#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_CONTACT_NO_TEXT G_MAXUINT32

typedef struct
{
  gint64 lsq_rec; /* records.id, 0: none */
  gint64 ghl_rec;
  gint64 link_id;
  gint64 modified_at;
  guint32 lsq_text; /* offsets into the arena, or LIAISON_CONTACT_NO_TEXT */
  guint32 ghl_text;
  guint32 n_candidates;
  guint32 status;     /* one LiaisonLinkStatus flag */
  guint32 match_set;  /* AMBIGUOUS: its set's number, from 1, the same for all its members */
  guint32 not_copied; /* 1 << LiaisonService of each side an undo took the copy of back */
} LiaisonContactEntry;

typedef struct
{
  LiaisonContactEntry *entries; /* by name */
  guint n_entries;
  char *arena;
  gsize arena_len;
  guint32 *text_start; /* arena offset of each text, ascending */
  guint32 *text_entry; /* the entry each text belongs to */
  guint n_texts;
  guint32 *by_modified; /* entry numbers, newest change first; made on first use */
  guint counts[6];      /* entries per status, in flag order */
  gint64 refreshed_at;  /* the older of both accounts' last refresh, ms UTC; 0: one never was */
  GArray *not_copied;   /* LiaisonStoreNotCopiedKey, by records.id: one read per load */
} LiaisonContactIndex;

void liaison_contact_index_load_async (LiaisonStore *store, const char *lsq_connection_id,
                                       const char *ghl_connection_id, GCancellable *cancellable,
                                       GAsyncReadyCallback callback, gpointer user_data);
LiaisonContactIndex *liaison_contact_index_load_finish (GAsyncResult *result, GError **error);
void liaison_contact_index_free (LiaisonContactIndex *index);
const guint32 *liaison_contact_index_by_modified (LiaisonContactIndex *index);
guint8 *liaison_contact_index_match_text (const LiaisonContactIndex *index, const char *folded);
GArray *liaison_contact_index_find_set (const LiaisonContactIndex *index, gint64 record_id);
/* What the not_copied list says of the record record_id, or NULL. */
const LiaisonStoreNotCopiedKey *
liaison_contact_index_find_not_copied (const LiaisonContactIndex *index, gint64 record_id);
gboolean liaison_contact_index_same_entry (const LiaisonContactIndex *a, guint ea,
                                           const LiaisonContactIndex *b, guint eb);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonContactIndex, liaison_contact_index_free)

G_END_DECLS
