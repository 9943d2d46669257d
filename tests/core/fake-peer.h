/* fake-peer.h: a scriptable HTTP peer for the core tests: a SoupServer on
 * 127.0.0.1, port 0, on its own thread and GMainContext. Test code only.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  guint status;
  char *content_type;
  char *body;
  GPtrArray *headers; /* name, value, ... */
  guint delay_ms;
  gboolean reset; /* close the connection instead of answering */
} FakeResponse;

typedef struct
{
  char *method;
  char *path;
  char *query;
  SoupMessageHeaders *headers;
  char *body;
  gint64 arrived_us;
} FakeRequest;

typedef struct _FakePeer FakePeer;

/* Runs on the peer's thread; returns a response to send, or NULL for the
 * scripted one. */
typedef FakeResponse *(*FakeHandler) (FakePeer *peer, SoupServerMessage *message,
                                      gpointer user_data);

FakeResponse *fake_response_new (guint status, const char *content_type, const char *body);
FakeResponse *fake_response_json (guint status, const char *body);
void fake_response_add_header (FakeResponse *response, const char *name, const char *value);
void fake_response_free (FakeResponse *response);

FakePeer *fake_peer_new (void);
void fake_peer_free (FakePeer *peer);
const char *fake_peer_get_url (FakePeer *peer);
void fake_peer_push (FakePeer *peer, const char *path, FakeResponse *response);
void fake_peer_set_default (FakePeer *peer, const char *path, FakeResponse *response);
void fake_peer_set_handler (FakePeer *peer, FakeHandler handler, gpointer user_data);
guint fake_peer_count (FakePeer *peer, const char *path);
guint fake_peer_get_max_active (FakePeer *peer);
GPtrArray *fake_peer_dup_requests (FakePeer *peer);
void fake_request_free (FakeRequest *request);

G_END_DECLS
