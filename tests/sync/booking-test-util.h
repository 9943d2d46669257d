/* booking-test-util.h: what the booking tests share (core, page and CLI): the in-process
 * sandbox with both services, a store with both connections filled by "Refresh from both", one
 * contact linked across the services, the real clients, the seeded calendars, and the
 * sandbox's own view of appointments and LeadSquared tasks.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "liaison-calendar.h"
#include "liaison-contact-list.h"
#include "liaison-ghl-client.h"
#include "liaison-lsq-client.h"
#include "liaison-sandbox.h"
#include "liaison-store.h"

G_BEGIN_DECLS

typedef struct
{
  LiaisonSandbox *sandbox;
  char *dir;
  char *path;
  LiaisonStore *store;
  char *lsq_connection;
  char *ghl_connection;
  LiaisonGhlClient *ghl;
  LiaisonLsqClient *lsq;
  LiaisonContactList *contacts;
  LiaisonCalendar *consultation; /* America/New_York, weekdays 9-17, 30 min */
  LiaisonCalendar *demo;         /* Asia/Kolkata, Mon-Sat 10-13 and 14-18, 60 min */
  char *linked_lsq_id;           /* a contact linked across both (by email) */
  char *linked_ghl_id;
  char *linked_email;
  char *ghl_only_id; /* a HighLevel contact with no LeadSquared record */
} BookingEnv;

/* Starts the sandbox with its clock pinned at instant (ISO 8601; NULL: not pinned). */
void booking_env_init (BookingEnv *env, const char *instant);
/* The parts of init: the sandbox and the clients; then, with store and both connection ids set
 * by the caller, the refresh, the link and the calendars. */
void booking_env_start (BookingEnv *env, const char *instant);
void booking_env_fill (BookingEnv *env);
void booking_env_clear (BookingEnv *env);

/* Waits for an async result (any source). */
void booking_test_result_cb (GObject *source, GAsyncResult *result, gpointer user_data);
GAsyncResult *booking_test_wait (GAsyncResult **slot);

/* The sandbox's records of a collection: "ghl/events", "lsq/tasks", ... */
JsonArray *booking_records (BookingEnv *env, const char *collection);
/* The record of collection whose member equals value, or NULL. keep holds it. */
JsonObject *booking_find (BookingEnv *env, const char *collection, const char *member,
                          const char *value, JsonArray **keep);
guint booking_count (BookingEnv *env, const char *collection, const char *member,
                     const char *value);
/* Makes an appointment as a person would in HighLevel's web UI, for contact. */
char *booking_add_event (BookingEnv *env, const char *calendar_id, const char *contact_id,
                         GDateTime *start, guint minutes);
void booking_delete (BookingEnv *env, const char *collection, const char *id);
guint booking_route_count (BookingEnv *env, LiaisonService service, const char *route);

/* A LeadSquared DueDate ("2026-11-02 14:00:00", UTC) as a time. */
GDateTime *booking_lsq_time (const char *text);

G_END_DECLS
