/* liaison-sandbox.h: the local simulators of HighLevel and LeadSquared, one
 * loopback port each, run on the caller's main context or on their own thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  guint64 seed;
  guint contacts; /* people generated for both services */
  guint ghl_port; /* 0 = any free port */
  guint lsq_port;
  const char *state_file; /* NULL = nothing saved */
  guint latency_ms;
  const char *ghl_rate;    /* "100/10s"; NULL = documented default */
  const char *lsq_rate;    /* "10/5s"; NULL = documented default */
  const char *faults;      /* "[ghl:|lsq:]RULE;..." see liaison_sandbox_server_add_fault() */
  gint64 token_lifetime_s; /* GHL access tokens; 0 = 86399 */
  gint64 anchor_ms;        /* "today" of the seeded dates; 0 = this UTC midnight */
} LiaisonSandboxOptions;

void liaison_sandbox_options_init (LiaisonSandboxOptions *options);

#define LIAISON_TYPE_SANDBOX (liaison_sandbox_get_type ())
G_DECLARE_FINAL_TYPE (LiaisonSandbox, liaison_sandbox, LIAISON, SANDBOX, GObject)

LiaisonSandbox *liaison_sandbox_new (const LiaisonSandboxOptions *options);
gboolean liaison_sandbox_start (LiaisonSandbox *self, GError **error);
gboolean liaison_sandbox_start_in_thread (LiaisonSandbox *self, GError **error);
void liaison_sandbox_stop (LiaisonSandbox *self);
gboolean liaison_sandbox_is_running (LiaisonSandbox *self);

const char *liaison_sandbox_get_ghl_url (LiaisonSandbox *self);
const char *liaison_sandbox_get_lsq_url (LiaisonSandbox *self);
const char *liaison_sandbox_get_authorize_url (LiaisonSandbox *self);
const char *liaison_sandbox_get_client_id (LiaisonSandbox *self);
const char *liaison_sandbox_get_client_secret (LiaisonSandbox *self);
const char *liaison_sandbox_get_location_id (LiaisonSandbox *self);
const char *liaison_sandbox_get_private_token (LiaisonSandbox *self);
const char *liaison_sandbox_get_lsq_access_key (LiaisonSandbox *self);
const char *liaison_sandbox_get_lsq_secret_key (LiaisonSandbox *self);
char *liaison_sandbox_dup_ready_line (LiaisonSandbox *self);
GPtrArray *liaison_sandbox_list_routes (LiaisonSandbox *self, const char *service);

G_END_DECLS
