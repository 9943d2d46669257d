/* liaison-oauth-flow-private.h: the state LiaisonOAuthFlow shares between
 * its settings (liaison-oauth-flow.c) and its run (liaison-oauth-flow-run.c).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "liaison-http.h"
#include "liaison-oauth-flow.h"

G_BEGIN_DECLS

struct _LiaisonOAuthFlow
{
  GObject parent_instance;

  char *client_id;
  char *client_secret;
  char *marketplace_url;
  char *api_url;
  GStrv scopes;
  guint port;
  guint timeout_ms;
  gboolean open_browser;
  char *authorize_url;
  char *redirect_uri;

  /* The run in progress; one at a time. */
  GTask *task;
  char *state;
  char *code_verifier; /* PKCE, sent at the exchange; its S256 hash goes to the consent page */
  guint ignored_answers;
  SoupServer *server;
  GSource *timeout_source;
  GSource *cancel_source;
  GSource *grace_source;
  GCancellable *exchange_cancellable;
  LiaisonHttp *token_http;
  SoupServerMessage *answering;
  gboolean answering_paused;
  gboolean redirect_arrived;
  gboolean ending;
  GPid browser_pid;
  LiaisonGhlTokens *outcome_tokens;
  GError *outcome_error;
};

void liaison_oauth_flow_set_redirect (LiaisonOAuthFlow *self, guint port, const char *redirect_uri,
                                      const char *authorize_url);

/* The environment a browser started through LIAISON_BROWSER gets. */
GStrv liaison_oauth_flow_browser_environment (const char *const *environment);

G_END_DECLS
