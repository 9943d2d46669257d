/* liaison-http-request.c: one API call described independently of libsoup.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-http"

#include <string.h>

#include "liaison-http-request.h"

struct _LiaisonHttpRequest
{
  GObject parent_instance;

  char *method;
  char *path;
  char *operation;
  char *subject;
  GPtrArray *query;   /* name, value, name, value, ... (order kept) */
  GPtrArray *headers; /* name, value, ... */
  GPtrArray *form;    /* name, value, ... */
  char *content_type;
  GBytes *body;
  LiaisonHttpPriority priority;
  gsize max_reply_size;
  GError *error;
  guint idempotent : 1;
  guint bulk : 1;
};

G_DEFINE_FINAL_TYPE (LiaisonHttpRequest, liaison_http_request, G_TYPE_OBJECT)

static void
liaison_http_request_finalize (GObject *object)
{
  LiaisonHttpRequest *self = (LiaisonHttpRequest *) object;

  g_free (self->method);
  g_free (self->path);
  g_free (self->operation);
  g_free (self->subject);
  g_ptr_array_unref (self->query);
  g_ptr_array_unref (self->headers);
  g_ptr_array_unref (self->form);
  g_free (self->content_type);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (liaison_http_request_parent_class)->finalize (object);
}

static void
liaison_http_request_class_init (LiaisonHttpRequestClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = liaison_http_request_finalize;
}

static void
liaison_http_request_init (LiaisonHttpRequest *self)
{
  self->query = g_ptr_array_new_with_free_func (g_free);
  self->headers = g_ptr_array_new_with_free_func (g_free);
  self->form = g_ptr_array_new_with_free_func (g_free);
  self->priority = LIAISON_HTTP_PRIORITY_INTERACTIVE;
  self->max_reply_size = LIAISON_HTTP_MAX_REPLY_RECORD;
}

/* operation: what the call does, phrased to follow "Could not ", for example
 * "create the contact"; it names the call in every error message. */
LiaisonHttpRequest *
liaison_http_request_new (const char *method, const char *path, const char *operation)
{
  LiaisonHttpRequest *self;

  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (path != NULL && path[0] == '/', NULL);

  self = g_object_new (LIAISON_TYPE_HTTP_REQUEST, NULL);
  self->method = g_ascii_strup (method, -1);
  self->path = g_strdup (path);
  self->operation = g_strdup (operation != NULL ? operation : "complete the request");

  /* RFC 9110 idempotent methods; callers flag upserts themselves. */
  self->idempotent = g_str_equal (self->method, "GET") || g_str_equal (self->method, "HEAD")
                     || g_str_equal (self->method, "PUT") || g_str_equal (self->method, "DELETE")
                     || g_str_equal (self->method, "OPTIONS");
  return self;
}

const char *
liaison_http_request_get_method (LiaisonHttpRequest *self)
{
  return self->method;
}

const char *
liaison_http_request_get_path (LiaisonHttpRequest *self)
{
  return self->path;
}

const char *
liaison_http_request_get_operation (LiaisonHttpRequest *self)
{
  return self->operation;
}

const char *
liaison_http_request_get_subject (LiaisonHttpRequest *self)
{
  return self->subject;
}

/* subject: what a validation error is about, e.g. "the contact", so that the
 * message reads "HighLevel rejected the contact: email must be an email". */
void
liaison_http_request_set_subject (LiaisonHttpRequest *self, const char *subject)
{
  g_free (self->subject);
  self->subject = g_strdup (subject);
}

void
liaison_http_request_add_query (LiaisonHttpRequest *self, const char *name, const char *value)
{
  g_return_if_fail (name != NULL);
  g_ptr_array_add (self->query, g_strdup (name));
  g_ptr_array_add (self->query, g_strdup (value != NULL ? value : ""));
}

void
liaison_http_request_add_header (LiaisonHttpRequest *self, const char *name, const char *value)
{
  g_return_if_fail (name != NULL && value != NULL);
  g_ptr_array_add (self->headers, g_strdup (name));
  g_ptr_array_add (self->headers, g_strdup (value));
}

/* Flat list: name, value, name, value, ... */
GPtrArray *
liaison_http_request_get_headers (LiaisonHttpRequest *self)
{
  return self->headers;
}

void
liaison_http_request_set_body (LiaisonHttpRequest *self, const char *content_type, GBytes *body)
{
  g_free (self->content_type);
  self->content_type = g_strdup (content_type);
  g_clear_pointer (&self->body, g_bytes_unref);
  self->body = body != NULL ? g_bytes_ref (body) : NULL;
}

void
liaison_http_request_set_json_body (LiaisonHttpRequest *self, JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (GBytes) bytes = NULL;
  char *text;
  gsize len;

  g_return_if_fail (node != NULL);

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &len);
  bytes = g_bytes_new_take (text, len);
  liaison_http_request_set_body (self, "application/json", bytes);
}

static char *
encode_pairs (GPtrArray *pairs)
{
  GString *out = g_string_new (NULL);
  guint i;

  for (i = 0; i + 1 < pairs->len; i += 2)
    {
      if (out->len > 0)
        g_string_append_c (out, '&');
      g_string_append_uri_escaped (out, g_ptr_array_index (pairs, i), NULL, FALSE);
      g_string_append_c (out, '=');
      g_string_append_uri_escaped (out, g_ptr_array_index (pairs, i + 1), NULL, FALSE);
    }
  return g_string_free (out, FALSE);
}

/* Builds an application/x-www-form-urlencoded body, field by field. */
void
liaison_http_request_add_form_field (LiaisonHttpRequest *self, const char *name, const char *value)
{
  g_autoptr (GBytes) bytes = NULL;
  char *encoded;

  g_return_if_fail (name != NULL);
  g_ptr_array_add (self->form, g_strdup (name));
  g_ptr_array_add (self->form, g_strdup (value != NULL ? value : ""));
  encoded = encode_pairs (self->form);
  bytes = g_bytes_new_take (encoded, strlen (encoded));
  liaison_http_request_set_body (self, "application/x-www-form-urlencoded", bytes);
}

GBytes *
liaison_http_request_get_body (LiaisonHttpRequest *self)
{
  return self->body;
}

const char *
liaison_http_request_get_content_type (LiaisonHttpRequest *self)
{
  return self->content_type;
}

/* The path with its escaped query string, to append to a base URL. */
char *
liaison_http_request_build_path (LiaisonHttpRequest *self)
{
  g_autofree char *query = NULL;

  if (self->query->len == 0)
    return g_strdup (self->path);
  query = encode_pairs (self->query);
  return g_strconcat (self->path, strchr (self->path, '?') != NULL ? "&" : "?", query, NULL);
}

gboolean
liaison_http_request_get_idempotent (LiaisonHttpRequest *self)
{
  return self->idempotent;
}

/* Flag a POST that is safe to repeat (an upsert, CreateOrUpdate, a search). */
void
liaison_http_request_set_idempotent (LiaisonHttpRequest *self, gboolean idempotent)
{
  self->idempotent = !!idempotent;
}

LiaisonHttpPriority
liaison_http_request_get_priority (LiaisonHttpRequest *self)
{
  return self->priority;
}

void
liaison_http_request_set_priority (LiaisonHttpRequest *self, LiaisonHttpPriority priority)
{
  self->priority = priority;
}

gboolean
liaison_http_request_get_bulk (LiaisonHttpRequest *self)
{
  return self->bulk;
}

/* Bulk endpoints have their own, slower bucket at LeadSquared. */
void
liaison_http_request_set_bulk (LiaisonHttpRequest *self, gboolean bulk)
{
  self->bulk = !!bulk;
}

gsize
liaison_http_request_get_max_reply_size (LiaisonHttpRequest *self)
{
  return self->max_reply_size;
}

/* The largest reply body the call accepts; a longer one is cut off while it
 * streams in and fails as LIAISON_HTTP_ERROR_PROTOCOL. One record's reply
 * gets LIAISON_HTTP_MAX_REPLY_RECORD, a page of records
 * LIAISON_HTTP_MAX_REPLY_PAGE. */
void
liaison_http_request_set_max_reply_size (LiaisonHttpRequest *self, gsize max_reply_size)
{
  self->max_reply_size = MAX (max_reply_size, 1);
}

/* Marks the request as refused while it was built (an id that would change
 * the path, say): it is never sent, and error is what its call reports.
 * The first error stays. */
void
liaison_http_request_take_error (LiaisonHttpRequest *self, GError *error)
{
  if (self->error == NULL)
    self->error = error;
  else
    g_error_free (error);
}

const GError *
liaison_http_request_get_error (LiaisonHttpRequest *self)
{
  return self->error;
}
