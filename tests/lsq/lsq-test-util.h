/* lsq-test-util.h: the LeadSquared tests' shared pieces: an in-process
 * sandbox, a client wired to it, its control routes, and waiting for an
 * async result on the main context.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "liaison-lsq-client.h"
#include "liaison-lsq-key-authorizer.h"
#include "liaison-sandbox.h"

G_BEGIN_DECLS

/* A fixed "today" so the seeded dates do not depend on when a test runs. */
#define LSQ_TEST_ANCHOR_MS G_GINT64_CONSTANT (1767225600000) /* 2026-01-01T00:00:00Z */

typedef struct
{
  GAsyncResult *result; /* arrived, not yet waited for */
  GAsyncResult *last;   /* the one lsq_wait returned last */
  guint calls;
} LsqWait;

void lsq_wait_cb (GObject *source, GAsyncResult *result, gpointer user_data);
GAsyncResult *lsq_wait (LsqWait *wait);
void lsq_wait_clear (LsqWait *wait);
void lsq_spin (guint ms);

LiaisonSandbox *lsq_sandbox_start (guint contacts, const char *lsq_rate, guint latency_ms);
void lsq_sandbox_set_rate (LiaisonSandbox *sandbox, const char *rate_class, guint max,
                           guint interval_ms);
LiaisonHttp *lsq_http_new (LiaisonSandbox *sandbox, const char *secret_key);
void lsq_http_make_fast (LiaisonHttp *http);
JsonNode *lsq_control (LiaisonSandbox *sandbox, const char *method, const char *path,
                       const char *body);
void lsq_add_fault (LiaisonSandbox *sandbox, const char *rule);
gint64 lsq_route_count (LiaisonSandbox *sandbox, const char *route);
gint64 lsq_status_count (LiaisonSandbox *sandbox, const char *status);
GDateTime *lsq_time (const char *iso);

G_END_DECLS
