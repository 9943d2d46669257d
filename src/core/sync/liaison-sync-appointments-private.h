/* liaison-sync-appointments-private.h: what the appointment sync's two files share: one pass
 * and the operations planned for one pair of contacts.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-appointment.h"
#include "liaison-sync-activity-ops.h"
#include "liaison-sync-appointments.h"

G_BEGIN_DECLS

typedef enum
{
  APPT_OP_CREATE, /* no counterpart: made on target */
  APPT_OP_UPDATE, /* linked or just matched: fields to write, a new base */
  APPT_OP_UNLINK, /* the counterpart is gone: only the link goes */
} ApptOpKind;

typedef struct
{
  ApptOpKind kind;
  LiaisonService target; /* CREATE */
  LiaisonStoreSyncLink *link;
  gboolean new_link;
  char *refused; /* HighLevel refused this before, for this reason: not asked again */
  LiaisonAppointment *lsq, *ghl;
  JsonObject *lsq_values, *ghl_values, *base;
  LiaisonActivityMerge merge;
  char *lsq_contact, *ghl_contact;
  char *reason, *cause;
} ApptOp;

#define LIAISON_SETTING_APPOINTMENTS_REFUSED "sync.appointments.refused"

void liaison_sync_appt_op_free (ApptOp *op);
/* The key and value under which a refused write is remembered. */
char *liaison_sync_appts_refused_value (JsonObject *values);

typedef struct _ApptPass ApptPass;
typedef void (*ApptPassFunc) (ApptPass *pass);

struct _ApptPass
{
  LiaisonSyncRun *run;
  GTask *task;
  gint64 started_at;
  gint64 now_ms, window_from, window_to;
  char *lsq_type;
  char *calendar_id, *calendar_name; /* where new appointments are booked */
  char *calendar_missing;            /* the calendar chosen, when the location has no such */
  GPtrArray *calendars;              /* LiaisonCalendar */
  guint next_calendar;
  GHashTable *ghl_by_contact; /* HighLevel contact id -> GPtrArray of LiaisonAppointment */
  GPtrArray *pairs;           /* LiaisonStoreContactPair */
  guint next_pair;
  LiaisonActivityPick pick;
  guint n_ghl_changed; /* pairs read because of a HighLevel appointment */
  GArray *retry;
  guint failures_seen;
  GHashTable *links_by_lsq, *links_by_ghl;
  GHashTable *conflicts;
  GHashTable *known_todos; /* LeadSquared ids cached as to-dos: never appointments */
  GHashTable *not_copied;  /* liaison_sync_activity_load_not_copied () */
  GPtrArray *pending;
  GPtrArray *records; /* LiaisonStoreRecord to cache at the end */
  /* Writes HighLevel refused for want of a free slot: record id -> the values refused (JSON
   * text), so that the same is not asked again until it changes (the setting
   * sync.appointments.refused). */
  JsonObject *refused;
  /* the pair being read */
  GPtrArray *summaries, *lsq_appts;
  guint next_detail;
  GPtrArray *ops;
  guint next_op;
  LiaisonActivityCounts counts;
  ApptPassFunc then;
};

/* The canonical values of an appointment: {"title", "start", "end" (ISO 8601 UTC, seconds, or
 * null), "status" ("open", "completed", "cancelled"), "location", "notes" (or null)}. */
JsonObject *liaison_sync_appointment_values (LiaisonAppointment *appointment, LiaisonService side);
LiaisonStoreContactPair *liaison_sync_appts_current_pair (ApptPass *pass);
void liaison_sync_appts_next_pair (ApptPass *pass);

/* liaison-sync-appointments-apply.c */
void liaison_sync_appts_describe (ApptPass *pass, ApptOp *op);
void liaison_sync_appts_apply_next (ApptPass *pass);
void liaison_sync_appts_flush (ApptPass *pass, LiaisonStoreStep *step, ApptPassFunc then);

G_END_DECLS
