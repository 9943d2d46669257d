/* liaison-sandbox-server.h: the generic HTTP wrapper of the sandbox. Every route
 * of both simulated services is registered here, so latency, rate limiting,
 * fault injection, request counting and the request log apply to all of them
 * the same way. A service supplies only its handlers and a few hooks that give
 * its error bodies and headers their service-specific shape.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A clock shared by both services so a test can move time (token expiry,
 * "modified since" windows, free slots) without waiting. */
typedef struct _LiaisonSandboxClock LiaisonSandboxClock;

LiaisonSandboxClock *liaison_sandbox_clock_new (void);
LiaisonSandboxClock *liaison_sandbox_clock_ref (LiaisonSandboxClock *clock);
void liaison_sandbox_clock_unref (LiaisonSandboxClock *clock);
gint64 liaison_sandbox_clock_now_ms (LiaisonSandboxClock *clock);
gint64 liaison_sandbox_clock_get_offset (LiaisonSandboxClock *clock);
void liaison_sandbox_clock_set_offset (LiaisonSandboxClock *clock, gint64 offset_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonSandboxClock, liaison_sandbox_clock_unref)

typedef struct _LiaisonSandboxRequest LiaisonSandboxRequest;

typedef enum
{
  LIAISON_SANDBOX_ROUTE_DEFAULT = 0,
  /* Control routes (/_sandbox/...) skip latency, faults, limits, counters and the log. */
  LIAISON_SANDBOX_ROUTE_CONTROL = 1 << 0,
} LiaisonSandboxRouteFlags;

typedef struct
{
  gboolean applied;  /* a limit is configured for this route's class */
  gboolean limited;  /* this request was refused */
  gboolean daily;    /* ...because of the daily limit */
  guint max;         /* burst size */
  guint remaining;   /* tokens left in the burst bucket */
  guint interval_ms; /* burst interval */
  guint daily_max;   /* 0 = no daily limit */
  guint daily_remaining;
  guint retry_after_ms;
} LiaisonSandboxRateInfo;

typedef struct
{
  /* The rate-limit account of a request (e.g. the location of a token), or NULL. */
  char *(*account) (LiaisonSandboxRequest *req, gpointer user_data);
  /* Writes the service's 429 body. */
  void (*limited) (LiaisonSandboxRequest *req, const LiaisonSandboxRateInfo *info,
                   gpointer user_data);
  /* Writes the service's error body for a status (404 of unknown routes, injected 5xx). */
  void (*error) (LiaisonSandboxRequest *req, guint status, const char *message, gpointer user_data);
  /* Runs on every response (e.g. to add rate-limit headers). */
  void (*finish) (LiaisonSandboxRequest *req, const LiaisonSandboxRateInfo *info,
                  gpointer user_data);
} LiaisonSandboxServerHooks;

typedef void (*LiaisonSandboxHandler) (LiaisonSandboxRequest *req, gpointer user_data);

#define LIAISON_TYPE_SANDBOX_SERVER (liaison_sandbox_server_get_type ())
G_DECLARE_FINAL_TYPE (LiaisonSandboxServer, liaison_sandbox_server, LIAISON, SANDBOX_SERVER,
                      GObject)

LiaisonSandboxServer *liaison_sandbox_server_new (const char *service, LiaisonSandboxClock *clock,
                                                  guint64 seed);
const char *liaison_sandbox_server_get_service (LiaisonSandboxServer *self);
LiaisonSandboxClock *liaison_sandbox_server_get_clock (LiaisonSandboxServer *self);
void liaison_sandbox_server_set_hooks (LiaisonSandboxServer *self,
                                       const LiaisonSandboxServerHooks *hooks, gpointer user_data);
void liaison_sandbox_server_route (LiaisonSandboxServer *self, const char *method,
                                   const char *pattern, const char *rate_class,
                                   LiaisonSandboxRouteFlags flags, LiaisonSandboxHandler handler,
                                   gpointer user_data);
GPtrArray *liaison_sandbox_server_list_routes (LiaisonSandboxServer *self);
gboolean liaison_sandbox_server_listen (LiaisonSandboxServer *self, guint port, GError **error);
void liaison_sandbox_server_disconnect (LiaisonSandboxServer *self);
guint liaison_sandbox_server_get_port (LiaisonSandboxServer *self);
char *liaison_sandbox_server_dup_base_url (LiaisonSandboxServer *self);
void liaison_sandbox_server_set_latency (LiaisonSandboxServer *self, guint latency_ms);
void liaison_sandbox_server_set_rate (LiaisonSandboxServer *self, const char *rate_class, guint max,
                                      guint interval_ms, guint daily_max);
void liaison_sandbox_server_reset_rates (LiaisonSandboxServer *self);
gboolean liaison_sandbox_server_add_fault (LiaisonSandboxServer *self, const char *rule,
                                           GError **error);
void liaison_sandbox_server_clear_faults (LiaisonSandboxServer *self);
JsonNode *liaison_sandbox_server_faults_to_json (LiaisonSandboxServer *self);
void liaison_sandbox_server_clear_log (LiaisonSandboxServer *self);
guint64 liaison_sandbox_server_get_request_count (LiaisonSandboxServer *self);

gboolean liaison_sandbox_parse_rate (const char *spec, guint *max, guint *interval_ms);

/* Request accessors, valid inside a handler or hook. */
LiaisonSandboxServer *liaison_sandbox_request_get_server (LiaisonSandboxRequest *req);
const char *liaison_sandbox_request_get_method (LiaisonSandboxRequest *req);
const char *liaison_sandbox_request_get_path (LiaisonSandboxRequest *req);
const char *liaison_sandbox_request_get_route (LiaisonSandboxRequest *req);
const char *liaison_sandbox_request_get_param (LiaisonSandboxRequest *req, const char *name);
const char *liaison_sandbox_request_get_query (LiaisonSandboxRequest *req, const char *name);
GHashTable *liaison_sandbox_request_get_query_table (LiaisonSandboxRequest *req);
const char *liaison_sandbox_request_get_header (LiaisonSandboxRequest *req, const char *name);
GBytes *liaison_sandbox_request_get_body (LiaisonSandboxRequest *req);
JsonNode *liaison_sandbox_request_get_json (LiaisonSandboxRequest *req);
JsonNode *liaison_sandbox_parse_json_body (const char *data, gsize len);
GHashTable *liaison_sandbox_request_get_form (LiaisonSandboxRequest *req);
gint64 liaison_sandbox_request_now_ms (LiaisonSandboxRequest *req);
void liaison_sandbox_request_set_data (LiaisonSandboxRequest *req, gpointer data,
                                       GDestroyNotify destroy);
gpointer liaison_sandbox_request_get_data (LiaisonSandboxRequest *req);
void liaison_sandbox_request_set_account (LiaisonSandboxRequest *req, const char *account);
guint liaison_sandbox_request_get_status (LiaisonSandboxRequest *req);
void liaison_sandbox_request_add_header (LiaisonSandboxRequest *req, const char *name,
                                         const char *value);
void liaison_sandbox_request_reply (LiaisonSandboxRequest *req, guint status,
                                    const char *content_type, const char *body, gssize length);
void liaison_sandbox_request_reply_json (LiaisonSandboxRequest *req, guint status, JsonNode *node);
void liaison_sandbox_request_reply_object (LiaisonSandboxRequest *req, guint status,
                                           JsonObject *object);
void liaison_sandbox_request_redirect (LiaisonSandboxRequest *req, const char *location);

G_END_DECLS
