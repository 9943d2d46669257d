/* liaison-sandbox-server.c: one SoupServer per simulated service with uniform
 * latency, token-bucket rate limits, fault injection, counters and a request log.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "liaison-sandbox"

#include "liaison-sandbox-server-private.h"

struct _LiaisonSandboxClock
{
  gint64 offset_ms;
};

LiaisonSandboxClock *
liaison_sandbox_clock_new (void)
{
  return g_atomic_rc_box_new0 (LiaisonSandboxClock);
}

LiaisonSandboxClock *
liaison_sandbox_clock_ref (LiaisonSandboxClock *clock)
{
  return g_atomic_rc_box_acquire (clock);
}

void
liaison_sandbox_clock_unref (LiaisonSandboxClock *clock)
{
  g_atomic_rc_box_release (clock);
}

gint64
liaison_sandbox_clock_now_ms (LiaisonSandboxClock *clock)
{
  return g_get_real_time () / 1000 + clock->offset_ms;
}

gint64
liaison_sandbox_clock_get_offset (LiaisonSandboxClock *clock)
{
  return clock->offset_ms;
}

void
liaison_sandbox_clock_set_offset (LiaisonSandboxClock *clock, gint64 offset_ms)
{
  clock->offset_ms = offset_ms;
}

G_DEFINE_FINAL_TYPE (LiaisonSandboxServer, liaison_sandbox_server, G_TYPE_OBJECT)

static void
route_free (Route *route)
{
  g_free (route->method);
  g_free (route->pattern);
  g_strfreev (route->segments);
  g_free (route->rate_class);
  g_free (route);
}

Fault *
liaison_sandbox_fault_ref (Fault *fault)
{
  g_atomic_int_inc (&fault->ref_count);
  return fault;
}

void
liaison_sandbox_fault_unref (Fault *fault)
{
  if (!g_atomic_int_dec_and_test (&fault->ref_count))
    return;
  g_free (fault->rule);
  g_free (fault->method);
  if (fault->glob != NULL)
    g_pattern_spec_free (fault->glob);
  g_free (fault);
}

static void
liaison_sandbox_server_finalize (GObject *object)
{
  LiaisonSandboxServer *self = LIAISON_SANDBOX_SERVER (object);

  liaison_sandbox_server_disconnect (self);
  g_ptr_array_unref (self->routes);
  g_ptr_array_unref (self->faults);
  g_hash_table_unref (self->rates);
  g_hash_table_unref (self->buckets);
  g_hash_table_unref (self->route_counts);
  g_hash_table_unref (self->status_counts);
  g_queue_clear_full (&self->log, (GDestroyNotify) json_object_unref);
  liaison_sandbox_clock_unref (self->clock);
  g_free (self->service);
  G_OBJECT_CLASS (liaison_sandbox_server_parent_class)->finalize (object);
}

static void
liaison_sandbox_server_class_init (LiaisonSandboxServerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = liaison_sandbox_server_finalize;
}

static void
liaison_sandbox_server_init (LiaisonSandboxServer *self)
{
  self->routes = g_ptr_array_new_with_free_func ((GDestroyNotify) route_free);
  self->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_sandbox_fault_unref);
  self->rates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->route_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->status_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&self->log);
}

LiaisonSandboxServer *
liaison_sandbox_server_new (const char *service, LiaisonSandboxClock *clock, guint64 seed)
{
  LiaisonSandboxServer *self = g_object_new (LIAISON_TYPE_SANDBOX_SERVER, NULL);

  self->service = g_strdup (service);
  self->clock = liaison_sandbox_clock_ref (clock);
  /* Fault rates draw from their own stream so they do not disturb the data's ids. */
  liaison_sandbox_rng_init (&self->rng, seed ^ g_str_hash (service));
  liaison_sandbox_server_install_control_routes (self);
  return self;
}

const char *
liaison_sandbox_server_get_service (LiaisonSandboxServer *self)
{
  return self->service;
}

LiaisonSandboxClock *
liaison_sandbox_server_get_clock (LiaisonSandboxServer *self)
{
  return self->clock;
}

void
liaison_sandbox_server_set_hooks (LiaisonSandboxServer *self,
                                  const LiaisonSandboxServerHooks *hooks, gpointer user_data)
{
  self->hooks = *hooks;
  self->hooks_data = user_data;
}

static char **
split_path (const char *path)
{
  g_autofree char *trimmed = g_strdup (path);
  gsize len = strlen (trimmed);

  /* "/contacts/" and "/contacts" are the same route, as on the real services. */
  while (len > 1 && trimmed[len - 1] == '/')
    trimmed[--len] = '\0';
  return g_strsplit (trimmed[0] == '/' ? trimmed + 1 : trimmed, "/", -1);
}

void
liaison_sandbox_server_route (LiaisonSandboxServer *self, const char *method, const char *pattern,
                              const char *rate_class, LiaisonSandboxRouteFlags flags,
                              LiaisonSandboxHandler handler, gpointer user_data)
{
  Route *route = g_new0 (Route, 1);

  route->method = g_strdup (method);
  route->pattern = g_strdup (pattern);
  route->segments = split_path (pattern);
  route->rate_class = g_strdup (rate_class != NULL ? rate_class : "default");
  route->flags = flags;
  route->handler = handler;
  route->user_data = user_data;
  g_ptr_array_add (self->routes, route);
}

/* "METHOD pattern" of every service route (control routes excluded). */
GPtrArray *
liaison_sandbox_server_list_routes (LiaisonSandboxServer *self)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < self->routes->len; i++)
    {
      Route *route = g_ptr_array_index (self->routes, i);

      if (!(route->flags & LIAISON_SANDBOX_ROUTE_CONTROL))
        g_ptr_array_add (list, g_strdup_printf ("%s %s", route->method, route->pattern));
    }
  return list;
}

/* Literal segments win over parameters, so /contacts/search beats /contacts/:id. */
static Route *
find_route (LiaisonSandboxServer *self, const char *method, const char *path,
            GHashTable **params_out)
{
  g_auto (GStrv) segments = split_path (path);
  guint n = g_strv_length (segments);
  Route *best = NULL;
  int best_score = -1;

  for (guint i = 0; i < self->routes->len; i++)
    {
      Route *route = g_ptr_array_index (self->routes, i);
      int score = 0;
      gboolean ok = TRUE;

      if (g_strv_length (route->segments) != n || g_strcmp0 (route->method, method) != 0)
        continue;
      for (guint s = 0; s < n && ok; s++)
        {
          if (route->segments[s][0] == ':')
            ok = segments[s][0] != '\0';
          else if (g_strcmp0 (route->segments[s], segments[s]) == 0)
            score++;
          else
            ok = FALSE;
        }
      if (ok && score > best_score)
        {
          best = route;
          best_score = score;
        }
    }
  if (best != NULL)
    {
      GHashTable *params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

      for (guint s = 0; s < n; s++)
        if (best->segments[s][0] == ':')
          g_hash_table_insert (params, g_strdup (best->segments[s] + 1),
                               g_uri_unescape_string (segments[s], NULL));
      *params_out = params;
    }
  return best;
}

/* ---- rate limits ---- */

gboolean
liaison_sandbox_parse_rate (const char *spec, guint *max, guint *interval_ms)
{
  g_auto (GStrv) parts = NULL;
  guint64 m, n;
  char *end = NULL;
  guint64 unit = 1000;

  if (spec == NULL)
    return FALSE;
  parts = g_strsplit (spec, "/", 2);
  if (g_strv_length (parts) != 2
      || !g_ascii_string_to_unsigned (parts[0], 10, 1, G_MAXUINT32, &m, NULL))
    return FALSE;
  n = g_ascii_strtoull (parts[1], &end, 10);
  if (end == parts[1])
    n = 1;
  if (g_strcmp0 (end, "ms") == 0)
    unit = 1;
  else if (g_strcmp0 (end, "s") == 0 || *end == '\0')
    unit = 1000;
  else if (g_strcmp0 (end, "m") == 0)
    unit = 60000;
  else
    return FALSE;
  if (n == 0 || n * unit > G_MAXUINT32)
    return FALSE;
  *max = (guint) m;
  *interval_ms = (guint) (n * unit);
  return TRUE;
}

void
liaison_sandbox_server_set_rate (LiaisonSandboxServer *self, const char *rate_class, guint max,
                                 guint interval_ms, guint daily_max)
{
  RateConfig *config = g_new0 (RateConfig, 1);

  config->max = max;
  config->interval_ms = MAX (interval_ms, 1);
  config->daily_max = daily_max;
  g_hash_table_replace (self->rates, g_strdup (rate_class), config);
  g_hash_table_remove_all (self->buckets);
}

void
liaison_sandbox_server_reset_rates (LiaisonSandboxServer *self)
{
  g_hash_table_remove_all (self->buckets);
}

/* Token bucket refilled continuously at max per interval, plus a per-UTC-day count. */
static void
apply_rate (LiaisonSandboxServer *self, LiaisonSandboxRequest *req)
{
  /* Requests to unknown paths count against the default class, as they would. */
  const char *rate_class = req->route != NULL ? req->route->rate_class : "default";
  RateConfig *config = g_hash_table_lookup (self->rates, rate_class);
  g_autofree char *key = NULL;
  Bucket *bucket;
  gint64 now = liaison_sandbox_clock_now_ms (self->clock);
  gint64 day = now / (24 * 3600 * 1000);

  if (config == NULL)
    return;
  key = g_strdup_printf ("%s|%s", rate_class, req->account ? req->account : "");
  bucket = g_hash_table_lookup (self->buckets, key);
  if (bucket == NULL)
    {
      bucket = g_new0 (Bucket, 1);
      bucket->tokens = config->max;
      bucket->last_ms = now;
      bucket->day = day;
      g_hash_table_insert (self->buckets, g_steal_pointer (&key), bucket);
    }
  if (now > bucket->last_ms)
    {
      bucket->tokens = MIN (
          (double) config->max,
          bucket->tokens + (double) (now - bucket->last_ms) * config->max / config->interval_ms);
      bucket->last_ms = now;
    }
  if (bucket->day != day)
    {
      bucket->day = day;
      bucket->day_count = 0;
    }

  req->rate.applied = TRUE;
  req->rate.max = config->max;
  req->rate.interval_ms = config->interval_ms;
  req->rate.daily_max = config->daily_max;
  if (config->daily_max > 0 && bucket->day_count >= config->daily_max)
    {
      req->rate.limited = TRUE;
      req->rate.daily = TRUE;
      req->rate.retry_after_ms = (guint) ((day + 1) * 24 * 3600 * 1000 - now);
    }
  else if (bucket->tokens < 1.0)
    {
      req->rate.limited = TRUE;
      req->rate.retry_after_ms
          = (guint) ((1.0 - bucket->tokens) * config->interval_ms / config->max) + 1;
    }
  else
    {
      bucket->tokens -= 1.0;
      bucket->day_count++;
    }
  req->rate.remaining = (guint) bucket->tokens;
  req->rate.daily_remaining
      = config->daily_max > bucket->day_count ? config->daily_max - bucket->day_count : 0;
}

/* ---- faults ---- */

/* Rule: "[METHOD ]GLOB=KIND[:ARG][,count=N][,rate=P]" where KIND is an HTTP
 * status (500, 503, 429, ...), reset, delay:MS, truncate, malformed or html. */
gboolean
liaison_sandbox_server_add_fault (LiaisonSandboxServer *self, const char *rule, GError **error)
{
  g_autofree char *text = g_strstrip (g_strdup (rule));
  g_autofree char *target = NULL;
  g_auto (GStrv) options = NULL;
  char *eq;
  char *space;
  Fault *fault;
  const char *kind;
  g_autofree char *method = NULL;
  guint64 status = 0;

  eq = strchr (text, '=');
  if (eq == NULL || eq == text)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Fault rule “%s” needs PATH=KIND", rule);
      return FALSE;
    }
  target = g_strndup (text, eq - text);
  g_strstrip (target);
  space = strchr (target, ' ');
  if (space != NULL)
    {
      method = g_ascii_strup (target, space - target);
      memmove (target, space + 1, strlen (space + 1) + 1);
      g_strstrip (target);
    }
  options = g_strsplit (eq + 1, ",", -1);
  kind = g_strstrip (options[0]);

  fault = g_new0 (Fault, 1);
  fault->ref_count = 1;
  fault->rule = g_strdup (text);
  fault->method = g_steal_pointer (&method);
  fault->glob = g_pattern_spec_new (target);
  fault->rate = 1.0;
  fault->remaining = -1;
  if (g_ascii_string_to_unsigned (kind, 10, 400, 599, &status, NULL))
    {
      fault->kind = FAULT_STATUS;
      fault->status = (guint) status;
    }
  else if (g_str_equal (kind, "reset"))
    fault->kind = FAULT_RESET;
  else if (g_str_has_prefix (kind, "delay:"))
    {
      guint64 ms;

      if (!g_ascii_string_to_unsigned (kind + 6, 10, 0, 600000, &ms, NULL))
        goto bad;
      fault->kind = FAULT_DELAY;
      fault->delay_ms = (guint) ms;
    }
  else if (g_str_equal (kind, "truncate"))
    fault->kind = FAULT_TRUNCATE;
  else if (g_str_equal (kind, "malformed"))
    fault->kind = FAULT_MALFORMED;
  else if (g_str_equal (kind, "html"))
    fault->kind = FAULT_HTML;
  else
    goto bad;

  for (guint i = 1; options[i] != NULL; i++)
    {
      const char *opt = g_strstrip (options[i]);
      guint64 count;

      if (g_str_has_prefix (opt, "count=")
          && g_ascii_string_to_unsigned (opt + 6, 10, 0, G_MAXINT, &count, NULL))
        fault->remaining = (gint) count;
      else if (g_str_has_prefix (opt, "rate="))
        {
          char *end = NULL;
          double rate = g_ascii_strtod (opt + 5, &end);

          if (end == opt + 5 || *end != '\0' || rate < 0.0 || rate > 1.0)
            goto bad;
          fault->rate = rate;
        }
      else
        goto bad;
    }
  g_ptr_array_add (self->faults, fault);
  return TRUE;

bad:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               "Fault rule “%s” is not understood (kinds: 5xx, 429, reset, delay:MS, "
               "truncate, malformed, html; options: count=N, rate=P)",
               rule);
  liaison_sandbox_fault_unref (fault);
  return FALSE;
}

void
liaison_sandbox_server_clear_faults (LiaisonSandboxServer *self)
{
  g_ptr_array_set_size (self->faults, 0);
}

JsonNode *
liaison_sandbox_server_faults_to_json (LiaisonSandboxServer *self)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < self->faults->len; i++)
    {
      Fault *fault = g_ptr_array_index (self->faults, i);
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "rule", fault->rule);
      json_object_set_int_member (o, "remaining", fault->remaining);
      json_object_set_int_member (o, "hits", fault->hits);
      json_array_add_object_element (array, o);
    }
  json_node_take_array (node, array);
  return node;
}

static Fault *
pick_fault (LiaisonSandboxServer *self, const char *method, const char *path)
{
  for (guint i = 0; i < self->faults->len; i++)
    {
      Fault *fault = g_ptr_array_index (self->faults, i);

      if (fault->remaining == 0)
        continue;
      if (fault->method != NULL && g_strcmp0 (fault->method, method) != 0)
        continue;
      if (!g_pattern_spec_match_string (fault->glob, path))
        continue;
      if (fault->rate < 1.0 && !liaison_sandbox_rng_chance (&self->rng, fault->rate))
        continue;
      if (fault->remaining > 0)
        fault->remaining--;
      fault->hits++;
      return fault;
    }
  return NULL;
}

/* ---- requests ---- */

static void
count_in (GHashTable *table, const char *key)
{
  gpointer value = g_hash_table_lookup (table, key);

  g_hash_table_replace (table, g_strdup (key), GUINT_TO_POINTER (GPOINTER_TO_UINT (value) + 1));
}

static const char *
fault_kind_name (Fault *fault)
{
  static const char *names[] = { "status", "reset", "delay", "truncate", "malformed", "html" };

  return fault != NULL ? names[fault->kind] : NULL;
}

static void
log_request (LiaisonSandboxServer *self, LiaisonSandboxRequest *req)
{
  JsonObject *entry = json_object_new ();
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *ctype = soup_message_headers_get_content_type (headers, NULL);
  GUri *uri = soup_server_message_get_uri (req->msg);
  g_autofree char *key = NULL;
  char status[16];

  json_object_set_int_member (entry, "seq", (gint64) ++self->seq);
  json_object_set_int_member (entry, "time", liaison_sandbox_clock_now_ms (self->clock));
  json_object_set_string_member (entry, "method", soup_server_message_get_method (req->msg));
  json_object_set_string_member (entry, "path", req->path);
  json_object_set_string_member (entry, "query", g_uri_get_query (uri));
  json_object_set_string_member (entry, "route", req->route ? req->route->pattern : NULL);
  json_object_set_int_member (entry, "status", req->status);
  json_object_set_string_member (entry, "account", req->account);
  json_object_set_string_member (entry, "fault", fault_kind_name (req->fault));
  json_object_set_boolean_member (entry, "rateLimited", req->rate.limited);
  json_object_set_string_member (entry, "version",
                                 soup_message_headers_get_one (headers, "Version"));
  json_object_set_string_member (entry, "contentType", ctype);
  /* Only whether credentials came, never their value. */
  json_object_set_boolean_member (entry, "authorization",
                                  soup_message_headers_get_one (headers, "Authorization") != NULL);
  if (g_strcmp0 (ctype, "application/json") == 0 && req->body != NULL
      && g_bytes_get_size (req->body) <= 8192)
    json_object_set_string_member (
        entry, "body", g_bytes_get_size (req->body) > 0 ? g_bytes_get_data (req->body, NULL) : "");
  json_object_set_int_member (entry, "durationMs",
                              (g_get_monotonic_time () - req->started_us) / 1000);
  g_queue_push_tail (&self->log, entry);
  while (self->log.length > LOG_CAPACITY)
    json_object_unref (g_queue_pop_head (&self->log));

  key = g_strdup_printf ("%s %s", soup_server_message_get_method (req->msg),
                         req->route ? req->route->pattern : "(unknown)");
  count_in (self->route_counts, key);
  g_snprintf (status, sizeof status, "%u", req->status);
  count_in (self->status_counts, status);
}

static void
write_response (LiaisonSandboxRequest *req)
{
  if (req->status == 0)
    {
      /* A handler that forgot to answer is a sandbox bug; make it visible. */
      g_warning ("No response for %s %s", soup_server_message_get_method (req->msg), req->path);
      liaison_sandbox_request_reply (req, 500, "text/plain", "sandbox handler gave no response",
                                     -1);
    }
  soup_server_message_set_status (req->msg, req->status, NULL);
  /* The services' Date is their own clock: the sandbox's, moved by its clock route. */
  {
    g_autoptr (GDateTime) now
        = g_date_time_new_from_unix_utc (liaison_sandbox_request_now_ms (req) / 1000);
    g_autofree char *date = soup_date_time_to_string (now, SOUP_DATE_HTTP);

    liaison_sandbox_request_add_header (req, "Date", date);
  }
  if (req->response != NULL)
    {
      gsize len;
      const char *data = g_bytes_get_data (req->response, &len);

      soup_server_message_set_response (req->msg, req->content_type, SOUP_MEMORY_COPY,
                                        data != NULL ? data : "", len);
    }
}

static void
corrupt_response (LiaisonSandboxRequest *req)
{
  gsize len = 0;
  const char *data;

  if (req->response == NULL)
    return;
  data = g_bytes_get_data (req->response, &len);
  if (req->fault->kind == FAULT_TRUNCATE)
    {
      GBytes *cut = g_bytes_new (data, len / 2);

      g_bytes_unref (req->response);
      req->response = cut;
    }
  else
    {
      /* Valid-looking start, then garbage: what a crashed proxy or a buggy
       * serializer produces. */
      GString *s = g_string_new_len (data, len > 0 ? (gssize) len - 1 : 0);

      g_string_append (s, ",\"oops\":}\x01");
      g_bytes_unref (req->response);
      req->response = g_string_free_to_bytes (s);
    }
}

static void
run_request (LiaisonSandboxRequest *req)
{
  LiaisonSandboxServer *self = req->server;
  gboolean handled = FALSE;

  if (req->fault != NULL)
    {
      switch (req->fault->kind)
        {
          case FAULT_RESET:
            {
              GIOStream *stream = soup_server_message_steal_connection (req->msg);

              req->status = 0;
              log_request (self, req);
              if (stream != NULL)
                {
                  g_io_stream_close (stream, NULL, NULL);
                  g_object_unref (stream);
                }
              return;
            }
          case FAULT_STATUS:
            if (req->fault->status == 429 && self->hooks.limited != NULL)
              {
                req->rate.limited = TRUE;
                req->rate.retry_after_ms = 1000;
                self->hooks.limited (req, &req->rate, self->hooks_data);
              }
            else if (self->hooks.error != NULL)
              self->hooks.error (req, req->fault->status, "Injected fault", self->hooks_data);
            else
              liaison_sandbox_request_reply (req, req->fault->status, "text/plain",
                                             "Injected fault", -1);
            handled = TRUE;
            break;
          case FAULT_HTML:
            liaison_sandbox_request_reply (req, 502, "text/html",
                                           "<html><head><title>502 Bad Gateway</title></head>"
                                           "<body><center><h1>502 Bad Gateway</h1></center>"
                                           "<hr><center>nginx</center></body></html>\n",
                                           -1);
            handled = TRUE;
            break;
          case FAULT_DELAY:
          case FAULT_TRUNCATE:
          case FAULT_MALFORMED:
          default:
            break;
        }
    }

  if (!handled && req->route == NULL)
    {
      if (self->hooks.account != NULL)
        req->account = self->hooks.account (req, self->hooks_data);
      apply_rate (self, req);
    }
  if (!handled && req->route == NULL && req->rate.limited && self->hooks.limited != NULL)
    {
      self->hooks.limited (req, &req->rate, self->hooks_data);
      handled = TRUE;
    }
  if (!handled && req->route == NULL)
    {
      g_autofree char *message
          = g_strdup_printf ("Cannot %s %s", soup_server_message_get_method (req->msg), req->path);

      if (self->hooks.error != NULL)
        self->hooks.error (req, 404, message, self->hooks_data);
      else
        liaison_sandbox_request_reply (req, 404, "text/plain", message, -1);
      handled = TRUE;
    }

  if (!handled)
    {
      if (self->hooks.account != NULL && req->account == NULL)
        req->account = self->hooks.account (req, self->hooks_data);
      apply_rate (self, req);
      if (req->rate.limited && self->hooks.limited != NULL)
        self->hooks.limited (req, &req->rate, self->hooks_data);
      else if (req->rate.limited)
        liaison_sandbox_request_reply (req, 429, "text/plain", "Too Many Requests", -1);
      else
        req->route->handler (req, req->route->user_data);
    }

  if (req->fault != NULL
      && (req->fault->kind == FAULT_TRUNCATE || req->fault->kind == FAULT_MALFORMED))
    corrupt_response (req);
  if (self->hooks.finish != NULL)
    self->hooks.finish (req, &req->rate, self->hooks_data);
  write_response (req);
  log_request (self, req);
}

static gboolean
delayed_request_cb (gpointer user_data)
{
  LiaisonSandboxRequest *req = user_data;

  gboolean reset = req->fault != NULL && req->fault->kind == FAULT_RESET;

  g_clear_pointer (&req->delay_source, g_source_unref);
  req->server->pending = g_list_remove (req->server->pending, req);
  run_request (req);
  /* A reset took the connection away: there is no message left to answer. */
  if (!reset)
    soup_server_message_unpause (req->msg);
  liaison_sandbox_request_free (req);
  return G_SOURCE_REMOVE;
}

static void
server_callback (SoupServer *soup, SoupServerMessage *msg, const char *path, GHashTable *query,
                 gpointer user_data)
{
  LiaisonSandboxServer *self = user_data;
  LiaisonSandboxRequest *req = g_new0 (LiaisonSandboxRequest, 1);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  const char *method = soup_server_message_get_method (msg);
  guint delay;

  req->server = g_object_ref (self);
  req->msg = g_object_ref (msg);
  req->path = g_strdup (path);
  req->started_us = g_get_monotonic_time ();
  req->query = query != NULL ? g_hash_table_ref (query)
                             : g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  req->body = soup_message_body_flatten (body);
  req->route = find_route (self, method, path, &req->params);
  if (req->params == NULL)
    req->params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (req->route != NULL && (req->route->flags & LIAISON_SANDBOX_ROUTE_CONTROL))
    {
      req->route->handler (req, req->route->user_data);
      write_response (req);
      liaison_sandbox_request_free (req);
      return;
    }

  self->request_count++;
  req->fault = pick_fault (self, method, path);
  if (req->fault != NULL)
    liaison_sandbox_fault_ref (req->fault);
  delay = self->latency_ms;
  if (req->fault != NULL && req->fault->kind == FAULT_DELAY)
    delay += req->fault->delay_ms;
  if (delay > 0)
    {
      soup_server_message_pause (msg);
      req->delay_source = g_timeout_source_new (delay);
      g_source_set_callback (req->delay_source, delayed_request_cb, req, NULL);
      g_source_attach (req->delay_source, g_main_context_get_thread_default ());
      self->pending = g_list_prepend (self->pending, req);
      return;
    }
  run_request (req);
  liaison_sandbox_request_free (req);
}

/* ---- listening ---- */

gboolean
liaison_sandbox_server_listen (LiaisonSandboxServer *self, guint port, GError **error)
{
  GSList *uris;

  g_return_val_if_fail (self->soup == NULL, FALSE);
  self->soup = soup_server_new ("server-header", "liaison-sandbox ", NULL);
  soup_server_add_handler (self->soup, NULL, server_callback, self, NULL);
  if (!soup_server_listen_local (self->soup, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    {
      g_clear_object (&self->soup);
      return FALSE;
    }
  uris = soup_server_get_uris (self->soup);
  self->port = uris != NULL ? (guint) g_uri_get_port (uris->data) : port;
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return TRUE;
}

void
liaison_sandbox_server_disconnect (LiaisonSandboxServer *self)
{
  /* Delayed requests that will now never run are dropped with their connection. */
  while (self->pending != NULL)
    {
      LiaisonSandboxRequest *req = self->pending->data;

      self->pending = g_list_delete_link (self->pending, self->pending);
      liaison_sandbox_request_free (req);
    }
  if (self->soup == NULL)
    return;
  soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
}

guint
liaison_sandbox_server_get_port (LiaisonSandboxServer *self)
{
  return self->port;
}

char *
liaison_sandbox_server_dup_base_url (LiaisonSandboxServer *self)
{
  return g_strdup_printf ("http://127.0.0.1:%u", self->port);
}

void
liaison_sandbox_server_set_latency (LiaisonSandboxServer *self, guint latency_ms)
{
  self->latency_ms = latency_ms;
}

void
liaison_sandbox_server_clear_log (LiaisonSandboxServer *self)
{
  g_queue_clear_full (&self->log, (GDestroyNotify) json_object_unref);
  g_queue_init (&self->log);
  g_hash_table_remove_all (self->route_counts);
  g_hash_table_remove_all (self->status_counts);
  self->request_count = 0;
}

guint64
liaison_sandbox_server_get_request_count (LiaisonSandboxServer *self)
{
  return self->request_count;
}
