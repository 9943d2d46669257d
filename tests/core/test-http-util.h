/* test-http-util.h: helpers shared by the HTTP tests: waiting on async
 * results on the default main context, and a LiaisonHttp aimed at a fake peer
 * with retry delays small enough for a fast suite.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fake-peer.h"
#include "liaison-http.h"

G_BEGIN_DECLS

typedef struct
{
  GAsyncResult *result;
  guint calls;
  gint64 done_at;
} Wait;

void on_done (GObject *source, GAsyncResult *result, gpointer user_data);
void wait_for (Wait *wait);
void spin (guint ms);
LiaisonHttp *new_http (LiaisonHttpService service, FakePeer *peer, LiaisonAuthorizer *authorizer);
JsonNode *send_json (LiaisonHttp *http, LiaisonHttpRequest *request, GError **error);
LiaisonHttpRequest *get_request (const char *path);

G_END_DECLS
