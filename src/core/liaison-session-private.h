/* liaison-session-private.h: the state LiaisonSession shares between its
 * life cycle (liaison-session.c) and its ways of connecting an account
 * (liaison-session-connect.c).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-session.h"

G_BEGIN_DECLS

/* What a session knows of one service's account. */
typedef struct
{
  LiaisonService service;
  LiaisonStoreConnection *connection; /* the newest of the service, or NULL */
  char *error;                        /* why the connection's secrets cannot be used */
} LiaisonSessionSlot;

struct _LiaisonSession
{
  GObject parent_instance;

  char *profile;
  char *ghl_api_url;
  gboolean ghl_api_url_set; /* set_ghl_api_url was called: it beats a connection's own */
  GStrv lsq_candidates;
  LiaisonGhlAppDefaults *ghl_defaults;

  LiaisonStore *store;
  LiaisonTokenStore *token_store;
  LiaisonAccounts *accounts;

  struct
  {
    LiaisonSessionSlot slot;
    LiaisonGhlAuthorizer *authorizer;
    LiaisonGhlClient *client;
  } ghl;
  struct
  {
    LiaisonSessionSlot slot;
    LiaisonLsqClient *client;
  } lsq;

  LiaisonContactList *contact_list;
  LiaisonRefresher *refresher;
  guint generation;
};

enum
{
  LIAISON_SESSION_SIGNAL_CHANGED,
  LIAISON_SESSION_SIGNAL_SIGN_IN_OPENED,
  LIAISON_SESSION_N_SIGNALS
};

extern guint liaison_session_signals[LIAISON_SESSION_N_SIGNALS];

LiaisonSessionSlot *liaison_session_slot (LiaisonSession *self, LiaisonService service);
/* Reads the connections again and rebuilds the clients; returns through task. */
void liaison_session_reload (LiaisonSession *self, GTask *task);

G_END_DECLS
