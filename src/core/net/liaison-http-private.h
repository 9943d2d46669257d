/* liaison-http-private.h: the state of LiaisonHttp shared by its two files,
 * liaison-http.c (the object) and liaison-http-send*.c (the send path).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-http.h"

G_BEGIN_DECLS

struct _LiaisonHttp
{
  GObject parent_instance;

  LiaisonHttpService service;
  char *base_url;
  GMainContext *context;
  SoupSession *session;
  LiaisonAuthorizer *authorizer;
  LiaisonRateLimiter *limiter;
  LiaisonRetryPolicy *policy;
  GCancellable *cancellable;
  guint timeout_ms;

  /* The shared refresh: a generation counts renewed credentials, so that a
   * 401 for a try sent with old credentials just tries again. */
  guint generation;
  guint refresh_count;
  gint64 refreshed_at;
  gboolean refreshing;
  GPtrArray *refresh_waiters; /* GTask */
};

G_END_DECLS
