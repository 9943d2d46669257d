/* liaison-http-send-private.h: the state of one send (a Call) and of the reply it read, shared by
 * the files of the send path: liaison-http-send.c (the send state machine),
 * liaison-http-send-reply.c (what a finished try came back with), liaison-http-send-retry.c
 * (waiting, retrying and the shared credential refresh) and liaison-http-send-trace.c (the redacted
 * LIAISON_DEBUG=http traces).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-http-private.h"

G_BEGIN_DECLS

/* Connecting (and the TLS handshake) must be done within this, whatever the
 * read timeout: a wrong scheme or a dead host fails in seconds. */
#define CONNECT_TIMEOUT_MS 10000

typedef struct
{
  LiaisonHttpRequest *request;
  GCancellable *cancellable; /* the caller's, may be NULL */
  guint attempts;
  gboolean refreshed;
  guint generation;
  gint64 sent_at;
  char *log_path;
  GCancellable *attempt_cancellable;
  gulong cancel_id;
  GSource *timeout_source;
  gboolean timed_out;
  GSource *wait_source;
  GSource *wait_cancel_source;
  gboolean holds_permit;

  /* The try in progress: its message, the reply streaming in, and what the
   * connection got to (a GSocketClientEvent) for a clear timeout message. */
  SoupMessage *message;
  GInputStream *stream;
  GByteArray *buffer;
  gboolean connected;
  int network_event;
  guint timeouts;
  /* The service's clock when it answered (its Date header, in ms since the epoch; 0 when it
   * sent none that could be read). */
  gint64 server_time_ms;
  LiaisonHttp *http; /* not a reference: the task holds it */
} Call;

typedef struct
{
  GBytes *body;
  JsonNode *root;
  GError *parse_error;
  guint status;
  char *content_type;
} Reply;

/* liaison-http-send.c */
void liaison_http_send_reply_free (Reply *reply);
void liaison_http_send_destroy_source (GSource **source);
const char *liaison_http_send_service_name (LiaisonHttp *self);
/* Completes the send with error (taken); a wait in progress ends. */
void liaison_http_send_return_error (GTask *task, GError *error);
/* The error of a send cancelled by its caller. */
GError *liaison_http_send_cancelled_error (GTask *task);
/* (Re)starts the send: waits for a rate-limit permit, then tries. */
void liaison_http_send_acquire (GTask *task);
void liaison_http_send_attempt_end (LiaisonHttp *self, Call *call);

/* liaison-http-send-reply.c */
void liaison_http_send_attempt_failed (GTask *task, GError *io_error);
GError *liaison_http_send_too_large_error (LiaisonHttp *self, Call *call);
void liaison_http_send_body_complete (GTask *task);

/* liaison-http-send-retry.c */
void liaison_http_send_handle_failure (GTask *task, GError *error, LiaisonHttpFault fault,
                                       const char *retry_after);
void liaison_http_send_handle_unauthorized (GTask *task, GError *error);

/* liaison-http-send-trace.c */
void liaison_http_send_trace_request (SoupMessage *message, Call *call);
void liaison_http_send_trace_reply (LiaisonHttp *self, Call *call, Reply *reply, gint64 elapsed_ms);

G_END_DECLS
