/* ghl-test-util.h: the HighLevel integration tests' shared setup: an
 * in-process sandbox on its own thread, the real LiaisonGhlClient pointed at
 * it, waiting for async results, and reading the sandbox's counters and log.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-bearer-authorizer.h"
#include "liaison-ghl-client.h"
#include "liaison-sandbox.h"
#include "sandbox-test-util.h"

G_BEGIN_DECLS

typedef struct
{
  LiaisonSandbox *sandbox;
  LiaisonHttp *http;
  LiaisonGhlClient *client;
} GhlEnv;

/* rate: "100/10s" style, NULL for the documented default. */
LiaisonSandbox *ghl_sandbox_new (guint contacts, const char *rate, guint latency_ms);
/* Retries back off in milliseconds instead of seconds, so fault tests stay fast. */
LiaisonHttp *ghl_http_new (LiaisonSandbox *sandbox, LiaisonAuthorizer *authorizer);
void ghl_env_init (GhlEnv *env, guint contacts, const char *rate);
void ghl_env_clear (GhlEnv *env);

/* Collects the result of one async call; calls counts callback runs. */
typedef struct
{
  GAsyncResult *result;
  guint calls;
} GhlWait;

void ghl_wait_clear (GhlWait *wait);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GhlWait, ghl_wait_clear)
void ghl_on_done (GObject *source, GAsyncResult *result, gpointer user_data);
GAsyncResult *ghl_wait (GhlWait *wait);
void ghl_iterate_for (guint ms);

/* The sandbox's view. */
guint ghl_status_count (LiaisonSandbox *sandbox, const char *status);
guint ghl_route_count (LiaisonSandbox *sandbox, const char *method_and_route);
JsonNode *ghl_log (LiaisonSandbox *sandbox);
JsonObject *ghl_last_request (LiaisonSandbox *sandbox, JsonNode **keep);
void ghl_clear_log (LiaisonSandbox *sandbox);
void ghl_add_fault (LiaisonSandbox *sandbox, const char *rule);
void ghl_clear_faults (LiaisonSandbox *sandbox);
/* Moves the sandbox's clock (shared by both services) so that it reads
 * instant (ISO 8601) now; it runs on from there. Returns the instant. */
GDateTime *ghl_pin_clock (LiaisonSandbox *sandbox, const char *instant);
void ghl_unpin_clock (LiaisonSandbox *sandbox);
/* A seeded record of a collection ("contacts", "businesses", ...) with
 * member set, or the first one when member is NULL; NULL when none. */
JsonObject *ghl_seeded (LiaisonSandbox *sandbox, const char *collection, const char *member,
                        JsonNode **keep);

G_END_DECLS
