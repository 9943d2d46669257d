/* liaison-sandbox-server-private.h: the insides of the server wrapper, shared by
 * its request accessors and its generic control routes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "liaison-sandbox-server.h"
#include "liaison-sandbox-rng.h"

G_BEGIN_DECLS

#define LOG_CAPACITY 2000

typedef struct
{
  char *method;
  char *pattern;
  char **segments;
  char *rate_class;
  LiaisonSandboxRouteFlags flags;
  LiaisonSandboxHandler handler;
  gpointer user_data;
} Route;

typedef enum
{
  FAULT_STATUS,
  FAULT_RESET,
  FAULT_DELAY,
  FAULT_TRUNCATE,
  FAULT_MALFORMED,
  FAULT_HTML,
} FaultKind;

typedef struct
{
  gint ref_count; /* requests in flight keep the fault they drew, even once cleared */
  char *rule;
  char *method;
  GPatternSpec *glob;
  FaultKind kind;
  guint status;
  guint delay_ms;
  double rate;
  gint remaining; /* -1: unlimited */
  guint hits;
} Fault;

Fault *liaison_sandbox_fault_ref   (Fault *fault);
void   liaison_sandbox_fault_unref (Fault *fault);

typedef struct
{
  guint max;
  guint interval_ms;
  guint daily_max;
} RateConfig;

typedef struct
{
  double tokens;
  gint64 last_ms;
  gint64 day;
  guint day_count;
} Bucket;

struct _LiaisonSandboxRequest
{
  LiaisonSandboxServer *server;
  SoupServerMessage *msg;
  Route *route;
  char *path;
  GHashTable *query;
  GHashTable *params;
  GHashTable *form;
  JsonNode *json;
  gboolean json_parsed;
  GBytes *body;
  gpointer data;
  GDestroyNotify data_destroy;
  char *account;
  guint status;
  char *content_type;
  GBytes *response;
  Fault *fault;
  LiaisonSandboxRateInfo rate;
  gint64 started_us;
  GSource *delay_source;
};

struct _LiaisonSandboxServer
{
  GObject parent_instance;

  char *service;
  LiaisonSandboxClock *clock;
  LiaisonSandboxRng rng;
  SoupServer *soup;
  guint port;
  GPtrArray *routes;
  GPtrArray *faults;
  GHashTable *rates;   /* class -> RateConfig */
  GHashTable *buckets; /* class|account -> Bucket */
  LiaisonSandboxServerHooks hooks;
  gpointer hooks_data;
  guint latency_ms;

  guint64 request_count;
  guint64 seq;
  GHashTable *route_counts;  /* "METHOD pattern" -> count */
  GHashTable *status_counts; /* "200" -> count */
  GQueue log;                /* JsonObject */
  GList *pending;            /* LiaisonSandboxRequest delayed by latency or a fault */
};

void liaison_sandbox_request_free (LiaisonSandboxRequest *req);
void liaison_sandbox_server_install_control_routes (LiaisonSandboxServer *self);

G_END_DECLS
