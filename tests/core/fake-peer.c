/* fake-peer.c: a scriptable HTTP peer for the core tests. Responses are
 * queued per path and consumed in order; when a path's queue is empty its
 * default answers, else a JSON 404. Every request is recorded.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-peer"

#include <string.h>

#include "fake-peer.h"

struct _FakePeer
{
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  SoupServer *server;
  char *url;

  GMutex lock;
  GCond ready;
  GHashTable *queues;   /* path -> GQueue of FakeResponse */
  GHashTable *defaults; /* path -> FakeResponse */
  GPtrArray *requests;  /* FakeRequest */
  FakeHandler handler;
  gpointer handler_data;
  guint active;
  guint max_active;
};

typedef struct
{
  FakePeer *peer;
  SoupServerMessage *message;
  FakeResponse *response;
} Delayed;

FakeResponse *
fake_response_new (guint status, const char *content_type, const char *body)
{
  FakeResponse *response = g_new0 (FakeResponse, 1);

  response->status = status;
  response->content_type = g_strdup (content_type);
  response->body = g_strdup (body);
  response->headers = g_ptr_array_new_with_free_func (g_free);
  return response;
}

FakeResponse *
fake_response_json (guint status, const char *body)
{
  return fake_response_new (status, "application/json", body);
}

void
fake_response_add_header (FakeResponse *response, const char *name, const char *value)
{
  g_ptr_array_add (response->headers, g_strdup (name));
  g_ptr_array_add (response->headers, g_strdup (value));
}

static FakeResponse *
fake_response_copy (const FakeResponse *response)
{
  FakeResponse *copy = fake_response_new (response->status, response->content_type, response->body);
  guint i;

  for (i = 0; i < response->headers->len; i++)
    g_ptr_array_add (copy->headers, g_strdup (g_ptr_array_index (response->headers, i)));
  copy->delay_ms = response->delay_ms;
  copy->reset = response->reset;
  return copy;
}

void
fake_response_free (FakeResponse *response)
{
  g_free (response->content_type);
  g_free (response->body);
  g_ptr_array_unref (response->headers);
  g_free (response);
}

void
fake_request_free (FakeRequest *request)
{
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_clear_pointer (&request->headers, soup_message_headers_unref);
  g_free (request->body);
  g_free (request);
}

static void
apply_response (SoupServerMessage *message, FakeResponse *response)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  guint i;

  for (i = 0; i + 1 < response->headers->len; i += 2)
    soup_message_headers_append (headers, g_ptr_array_index (response->headers, i),
                                 g_ptr_array_index (response->headers, i + 1));
  if (response->body != NULL)
    soup_server_message_set_response (message, response->content_type, SOUP_MEMORY_COPY,
                                      response->body, strlen (response->body));
  soup_server_message_set_status (message, response->status, NULL);
}

static void
on_finished (SoupServerMessage *message, FakePeer *peer)
{
  g_mutex_lock (&peer->lock);
  peer->active--;
  g_mutex_unlock (&peer->lock);
}

static gboolean
on_delay_done (gpointer user_data)
{
  Delayed *delayed = user_data;

  apply_response (delayed->message, delayed->response);
  soup_server_message_unpause (delayed->message);
  return G_SOURCE_REMOVE;
}

/* Also runs for replies still pending when the peer shuts down. */
static void
delayed_free (gpointer user_data)
{
  Delayed *delayed = user_data;

  fake_response_free (delayed->response);
  g_object_unref (delayed->message);
  g_free (delayed);
}

static FakeResponse *
next_response (FakePeer *peer, const char *path)
{
  GQueue *queue = g_hash_table_lookup (peer->queues, path);
  FakeResponse *fallback;

  if (queue != NULL && !g_queue_is_empty (queue))
    return g_queue_pop_head (queue);
  fallback = g_hash_table_lookup (peer->defaults, path);
  if (fallback != NULL)
    return fake_response_copy (fallback);
  return fake_response_json (404, "{\"statusCode\":404,\"message\":\"No such route\"}");
}

static void
server_callback (SoupServer *server, SoupServerMessage *message, const char *path,
                 GHashTable *query, gpointer user_data)
{
  FakePeer *peer = user_data;
  FakeRequest *request = g_new0 (FakeRequest, 1);
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr (GBytes) bytes = soup_message_body_flatten (body);
  FakeResponse *response = NULL;

  request->method = g_strdup (soup_server_message_get_method (message));
  request->path = g_strdup (path);
  request->query = g_strdup (g_uri_get_query (soup_server_message_get_uri (message)));
  request->headers = soup_message_headers_ref (soup_server_message_get_request_headers (message));
  request->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  request->arrived_us = g_get_monotonic_time ();

  if (peer->handler != NULL)
    response = peer->handler (peer, message, peer->handler_data);

  g_mutex_lock (&peer->lock);
  g_ptr_array_add (peer->requests, request);
  if (response == NULL)
    response = next_response (peer, path);
  peer->active++;
  peer->max_active = MAX (peer->max_active, peer->active);
  g_mutex_unlock (&peer->lock);

  if (response->reset)
    {
      GIOStream *stream = soup_server_message_steal_connection (message);

      g_io_stream_close (stream, NULL, NULL);
      g_object_unref (stream);
      fake_response_free (response);
      on_finished (message, peer);
      return;
    }

  g_signal_connect (message, "finished", G_CALLBACK (on_finished), peer);

  if (response->delay_ms > 0)
    {
      Delayed *delayed = g_new0 (Delayed, 1);
      GSource *source = g_timeout_source_new (response->delay_ms);

      delayed->peer = peer;
      delayed->message = g_object_ref (message);
      delayed->response = response;
      soup_server_message_pause (message);
      g_source_set_callback (source, on_delay_done, delayed, delayed_free);
      g_source_attach (source, peer->context);
      g_source_unref (source);
      return;
    }

  apply_response (message, response);
  fake_response_free (response);
}

static gpointer
peer_thread (gpointer user_data)
{
  FakePeer *peer = user_data;
  g_autoptr (GError) error = NULL;
  GSList *uris;
  GUri *uri;

  g_main_context_push_thread_default (peer->context);

  peer->server = soup_server_new ("server-header", "fake-peer", NULL);
  soup_server_add_handler (peer->server, NULL, server_callback, peer, NULL);
  if (!soup_server_listen_local (peer->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("fake peer cannot listen: %s", error->message);

  uris = soup_server_get_uris (peer->server);
  uri = uris->data;
  g_mutex_lock (&peer->lock);
  peer->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uri));
  g_cond_signal (&peer->ready);
  g_mutex_unlock (&peer->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (peer->loop);

  soup_server_disconnect (peer->server);
  g_clear_object (&peer->server);
  /* Let pending sources finish their cleanup in this context. */
  while (g_main_context_iteration (peer->context, FALSE))
    ;
  g_main_context_pop_thread_default (peer->context);
  return NULL;
}

static void
free_queue (gpointer data)
{
  g_queue_free_full (data, (GDestroyNotify) fake_response_free);
}

FakePeer *
fake_peer_new (void)
{
  FakePeer *peer = g_new0 (FakePeer, 1);

  g_mutex_init (&peer->lock);
  g_cond_init (&peer->ready);
  peer->context = g_main_context_new ();
  peer->loop = g_main_loop_new (peer->context, FALSE);
  peer->queues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_queue);
  peer->defaults = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) fake_response_free);
  peer->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) fake_request_free);

  g_mutex_lock (&peer->lock);
  peer->thread = g_thread_new ("fake-peer", peer_thread, peer);
  while (peer->url == NULL)
    g_cond_wait (&peer->ready, &peer->lock);
  g_mutex_unlock (&peer->lock);
  return peer;
}

static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

void
fake_peer_free (FakePeer *peer)
{
  GSource *source = g_idle_source_new ();

  g_source_set_callback (source, quit_loop, peer->loop, NULL);
  g_source_attach (source, peer->context);
  g_source_unref (source);
  g_thread_join (peer->thread);

  g_main_loop_unref (peer->loop);
  g_main_context_unref (peer->context);
  g_hash_table_unref (peer->queues);
  g_hash_table_unref (peer->defaults);
  g_ptr_array_unref (peer->requests);
  g_free (peer->url);
  g_mutex_clear (&peer->lock);
  g_cond_clear (&peer->ready);
  g_free (peer);
}

const char *
fake_peer_get_url (FakePeer *peer)
{
  return peer->url;
}

/* Takes ownership of response. */
void
fake_peer_push (FakePeer *peer, const char *path, FakeResponse *response)
{
  GQueue *queue;

  g_mutex_lock (&peer->lock);
  queue = g_hash_table_lookup (peer->queues, path);
  if (queue == NULL)
    {
      queue = g_queue_new ();
      g_hash_table_insert (peer->queues, g_strdup (path), queue);
    }
  g_queue_push_tail (queue, response);
  g_mutex_unlock (&peer->lock);
}

/* Takes ownership of response. */
void
fake_peer_set_default (FakePeer *peer, const char *path, FakeResponse *response)
{
  g_mutex_lock (&peer->lock);
  g_hash_table_replace (peer->defaults, g_strdup (path), response);
  g_mutex_unlock (&peer->lock);
}

/* Set before any request arrives. */
void
fake_peer_set_handler (FakePeer *peer, FakeHandler handler, gpointer user_data)
{
  g_mutex_lock (&peer->lock);
  peer->handler = handler;
  peer->handler_data = user_data;
  g_mutex_unlock (&peer->lock);
}

guint
fake_peer_count (FakePeer *peer, const char *path)
{
  guint i, n = 0;

  g_mutex_lock (&peer->lock);
  for (i = 0; i < peer->requests->len; i++)
    {
      FakeRequest *request = g_ptr_array_index (peer->requests, i);

      if (path == NULL || g_strcmp0 (request->path, path) == 0)
        n++;
    }
  g_mutex_unlock (&peer->lock);
  return n;
}

guint
fake_peer_get_max_active (FakePeer *peer)
{
  guint n;

  g_mutex_lock (&peer->lock);
  n = peer->max_active;
  g_mutex_unlock (&peer->lock);
  return n;
}

/* A snapshot of the requests so far, in arrival order. */
GPtrArray *
fake_peer_dup_requests (FakePeer *peer)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) fake_request_free);
  guint i;

  g_mutex_lock (&peer->lock);
  for (i = 0; i < peer->requests->len; i++)
    {
      FakeRequest *request = g_ptr_array_index (peer->requests, i);
      FakeRequest *dup = g_new0 (FakeRequest, 1);

      dup->method = g_strdup (request->method);
      dup->path = g_strdup (request->path);
      dup->query = g_strdup (request->query);
      dup->headers = soup_message_headers_ref (request->headers);
      dup->body = g_strdup (request->body);
      dup->arrived_us = request->arrived_us;
      g_ptr_array_add (copy, dup);
    }
  g_mutex_unlock (&peer->lock);
  return copy;
}
