/* liaison-store-activity.h: what the sync of tasks, notes and appointments reads from the store:
 * the linked contact pairs whose children are due a read, the links of the children, their
 * pending intents and conflicts. Reads on the calling thread's own connection, like the other
 * sync reads (liaison-store-sync.h); writes go through the apply step with its kind set.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-store-sync.h"

G_BEGIN_DECLS

/* The settings of the sync of tasks and notes (liaison_store_get_setting). The sweep's share
 * and what it spent today are shared by both. */
#define LIAISON_SETTING_TASKS_LSQ_TYPE                                                             \
  "sync.tasks.lsq-type"                                         /* to-do type of new LeadSquared   \
                                                                 * tasks; default "Follow Up" */
#define LIAISON_SETTING_TASKS_READ_AT "sync.tasks.read-at"      /* ms: contacts changed since */
#define LIAISON_SETTING_SWEEP_SHARE "sync.activity.sweep-share" /* % of the daily quota */
#define LIAISON_SETTING_TASKS_SWEEP_CURSOR "sync.tasks.sweep-cursor" /* the last link swept */
#define LIAISON_SETTING_NOTES_READ_AT "sync.notes.read-at"
#define LIAISON_SETTING_NOTES_SWEEP_CURSOR "sync.notes.sweep-cursor"
#define LIAISON_SETTING_SWEEP_SPENT "sync.activity.sweep-spent" /* "YYYY-MM-DD pairs swept" */
#define LIAISON_SETTING_LSQ_DAILY_QUOTA "sync.activity.lsq-daily-quota" /* requests a day */
#define LIAISON_SETTING_TASKS_RETRY "sync.tasks.retry" /* links to read again: "[4,17]" */
#define LIAISON_SETTING_NOTES_RETRY "sync.notes.retry"
/* The pairs no pass read yet, per kind: those linked before first-before (ms; "0" or none: no
 * such pairs), read newest first after first-cursor ("modified_at link_id" of the last one
 * read), paced from first-read-at (the sweep's clock when the last of them were read). */
#define LIAISON_SETTING_TASKS_FIRST_BEFORE "sync.tasks.first-before"
#define LIAISON_SETTING_TASKS_FIRST_CURSOR "sync.tasks.first-cursor"
#define LIAISON_SETTING_TASKS_FIRST_READ_AT "sync.tasks.first-read-at"
#define LIAISON_SETTING_NOTES_FIRST_BEFORE "sync.notes.first-before"
#define LIAISON_SETTING_NOTES_FIRST_CURSOR "sync.notes.first-cursor"
#define LIAISON_SETTING_NOTES_FIRST_READ_AT "sync.notes.first-read-at"
#define LIAISON_SETTING_APPOINTMENTS_READ_AT "sync.appointments.read-at"
#define LIAISON_SETTING_APPOINTMENTS_SWEEP_CURSOR "sync.appointments.sweep-cursor"
#define LIAISON_SETTING_APPOINTMENTS_RETRY "sync.appointments.retry"
#define LIAISON_SETTING_APPOINTMENTS_FIRST_BEFORE "sync.appointments.first-before"
#define LIAISON_SETTING_APPOINTMENTS_FIRST_CURSOR "sync.appointments.first-cursor"
#define LIAISON_SETTING_APPOINTMENTS_FIRST_READ_AT "sync.appointments.first-read-at"
/* The HighLevel calendar new appointments from LeadSquared are booked in; none: the location's
 * first calendar (liaison-cli mapping calendar). */
#define LIAISON_SETTING_APPOINTMENTS_CALENDAR "appointments.calendar"
/* The share of the smaller daily quota (%) the first reads of both kinds may spend. */
#define LIAISON_SETTING_FIRST_READ_SHARE "sync.activity.first-read-share"

/* A linked pair of contacts. */
typedef struct
{
  gint64 link_id;
  char *lsq_id;
  char *ghl_id;
  gint64 modified_at; /* the later of the two contacts' last change (first reads only) */
} LiaisonStoreContactPair;

void liaison_store_contact_pair_free (LiaisonStoreContactPair *pair);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonStoreContactPair, liaison_store_contact_pair_free)

/* The linked contact pairs either of whose cached records changed in the store (changed_at, the
 * store's clock), or which were linked, at or after since (ms UTC), and those whose link id is in
 * retry (a JSON list of ids, "[4,17]"; NULL or anything else is none), in link order; pairs with
 * a record gone are left out. */
GPtrArray *liaison_store_list_changed_pairs (LiaisonStore *self, const char *lsq_connection,
                                             const char *ghl_connection, gint64 since,
                                             const char *retry, GError **error);
/* At most limit linked contact pairs with a link id above after_link_id, in link order, neither
 * of them gone from its service: one stretch of the slow sweep. */
GPtrArray *liaison_store_list_sweep_pairs (LiaisonStore *self, const char *lsq_connection,
                                           const char *ghl_connection, gint64 after_link_id,
                                           guint limit, GError **error);
/* At most limit of the pairs no pass read yet: linked before `before` (ms, the store's clock)
 * with neither contact changed since, and after (after_modified, after_link_id) in the order of
 * the later of their contacts' last changes (modified_at), newest first, then by link id, newest
 * first; G_MAXINT64 twice starts at the newest. Neither of them gone from its service. */
GPtrArray *liaison_store_list_first_pairs (LiaisonStore *self, const char *lsq_connection,
                                           const char *ghl_connection, gint64 before,
                                           gint64 after_modified, gint64 after_link_id, guint limit,
                                           GError **error);
/* How many such pairs there are, in n. */
gboolean liaison_store_count_first_pairs (LiaisonStore *self, const char *lsq_connection,
                                          const char *ghl_connection, gint64 before,
                                          gint64 after_modified, gint64 after_link_id, guint *n,
                                          GError **error);
/* Every link of kind between the two connections, with its base. */
GPtrArray *liaison_store_list_child_links (LiaisonStore *self, LiaisonRecordKind kind,
                                           const char *lsq_connection, const char *ghl_connection,
                                           GError **error);
/* The remote ids of the cached records of kind of one connection (a set), deleted ones left
 * out. */
GHashTable *liaison_store_list_cached_ids (LiaisonStore *self, const char *connection_id,
                                           LiaisonRecordKind kind, GError **error);
/* The pending intents of kind (kind set), oldest first. */
GPtrArray *liaison_store_list_pending_intents_of (LiaisonStore *self, LiaisonRecordKind kind,
                                                  GError **error);
/* The field conflicts on links of kind that are open, or answered and not yet written:
 * link_id, lsq_id, ghl_id (the link's records), field, values, resolution. */
GPtrArray *liaison_store_list_child_conflicts (LiaisonStore *self, LiaisonRecordKind kind,
                                               GError **error);

G_END_DECLS
