/* liaison-sandbox.c: LiaisonSandbox builds both simulated services from one seed,
 * owns their servers, applies the command-line style options (rates, latency,
 * faults), loads and saves the state file, and runs either on the caller's main
 * context or on a thread with its own GMainContext (tests, the GUI).
 *
 * Everything the services hold is created and touched only on the context that
 * runs them; other threads talk to them over HTTP. The getters return strings
 * fixed once start returns.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "liaison-sandbox"

#include "liaison-sandbox.h"
#include "liaison-sandbox-ghl.h"
#include "liaison-sandbox-lsq.h"
#include "liaison-sandbox-people.h"
#include "liaison-sandbox-rng.h"
#include "liaison-sandbox-server.h"

#define STATE_FORMAT "liaison-sandbox-state"
#define STATE_VERSION 1

struct _LiaisonSandbox
{
  GObject parent_instance;

  LiaisonSandboxOptions options;
  char *state_file;
  char *ghl_rate;
  char *lsq_rate;
  char *faults;

  LiaisonSandboxClock *clock;
  LiaisonSandboxServer *ghl_server;
  LiaisonSandboxServer *lsq_server;
  LiaisonSandboxGhl *ghl;
  LiaisonSandboxLsq *lsq;
  GPtrArray *people;

  char *ghl_url;
  char *lsq_url;
  char *authorize_url;
  char *client_id;
  char *client_secret;
  char *location_id;
  char *private_token;
  char *lsq_access_key;
  char *lsq_secret_key;

  /* Thread mode. */
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  GMutex lock;
  GCond cond;
  gboolean ready;
  GError *start_error;
  gboolean running;
};

G_DEFINE_FINAL_TYPE (LiaisonSandbox, liaison_sandbox, G_TYPE_OBJECT)

void
liaison_sandbox_options_init (LiaisonSandboxOptions *options)
{
  memset (options, 0, sizeof *options);
  options->seed = 1;
  options->contacts = 200;
}

static gint64
today_utc_midnight_ms (void)
{
  gint64 now = g_get_real_time () / 1000;

  return now - now % (24 * 3600 * (gint64) 1000);
}

LiaisonSandbox *
liaison_sandbox_new (const LiaisonSandboxOptions *options)
{
  LiaisonSandbox *self = g_object_new (LIAISON_TYPE_SANDBOX, NULL);

  self->options = *options;
  self->state_file = g_strdup (options->state_file);
  self->ghl_rate = g_strdup (options->ghl_rate);
  self->lsq_rate = g_strdup (options->lsq_rate);
  self->faults = g_strdup (options->faults);
  self->options.state_file = self->state_file;
  self->options.ghl_rate = self->ghl_rate;
  self->options.lsq_rate = self->lsq_rate;
  self->options.faults = self->faults;
  if (self->options.anchor_ms == 0)
    self->options.anchor_ms = today_utc_midnight_ms ();
  if (self->options.token_lifetime_s <= 0)
    self->options.token_lifetime_s = LIAISON_SANDBOX_GHL_TOKEN_LIFETIME_DEFAULT;
  return self;
}

/* ---- state ---- */

static gboolean
save_state (LiaisonSandbox *self, GError **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;
  char seed[32];

  if (self->state_file == NULL || self->ghl == NULL)
    return TRUE;
  g_snprintf (seed, sizeof seed, "%" G_GUINT64_FORMAT, self->options.seed);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, STATE_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, STATE_VERSION);
  json_builder_set_member_name (builder, "seed");
  json_builder_add_string_value (builder, seed);
  json_builder_set_member_name (builder, "clockOffsetMs");
  json_builder_add_int_value (builder, liaison_sandbox_clock_get_offset (self->clock));
  json_builder_set_member_name (builder, "lsqAccessKey");
  json_builder_add_string_value (builder, self->lsq_access_key);
  json_builder_set_member_name (builder, "lsqSecretKey");
  json_builder_add_string_value (builder, self->lsq_secret_key);
  json_builder_set_member_name (builder, "ghl");
  json_builder_add_value (builder, liaison_sandbox_ghl_to_json (self->ghl));
  json_builder_set_member_name (builder, "lsq");
  json_builder_add_value (builder, liaison_sandbox_lsq_to_json (self->lsq));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  /* Written to a temporary file and renamed over the old one; 0600, since
   * it holds the tokens and keys the sandbox issued. */
  return g_file_set_contents_full (
      self->state_file, text, -1,
      G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_ONLY_EXISTING, 0600, error);
}

static gboolean
load_state (LiaisonSandbox *self, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;
  JsonObject *o;

  if (self->state_file == NULL || !g_file_test (self->state_file, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!json_parser_load_from_file (parser, self->state_file, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "Cannot read the sandbox state %s: %s", self->state_file, local_error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (root),
                                                                "format", NULL),
                    STATE_FORMAT)
             != 0
      || json_object_get_int_member_with_default (json_node_get_object (root), "version", 0)
             != STATE_VERSION)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s is not a liaison-sandbox state file of version %d", self->state_file,
                   STATE_VERSION);
      return FALSE;
    }
  o = json_node_get_object (root);
  if (!liaison_sandbox_ghl_from_json (self->ghl, json_object_get_member (o, "ghl"), error))
    {
      g_prefix_error (error, "%s: ", self->state_file);
      return FALSE;
    }
  if (json_object_has_member (o, "lsq")
      && !liaison_sandbox_lsq_from_json (self->lsq, json_object_get_member (o, "lsq"), error))
    {
      g_prefix_error (error, "%s: ", self->state_file);
      return FALSE;
    }
  liaison_sandbox_clock_set_offset (
      self->clock, json_object_get_int_member_with_default (o, "clockOffsetMs", 0));
  if (json_object_get_string_member_with_default (o, "lsqAccessKey", NULL) != NULL)
    {
      g_free (self->lsq_access_key);
      self->lsq_access_key = g_strdup (json_object_get_string_member (o, "lsqAccessKey"));
    }
  if (json_object_get_string_member_with_default (o, "lsqSecretKey", NULL) != NULL)
    {
      g_free (self->lsq_secret_key);
      self->lsq_secret_key = g_strdup (json_object_get_string_member (o, "lsqSecretKey"));
    }
  return TRUE;
}

/* ---- building ---- */

static gboolean
apply_rate (LiaisonSandboxServer *server, const char *spec, const char *rate_class, guint daily_max,
            const char *option, GError **error)
{
  guint max, interval;

  if (spec == NULL)
    return TRUE;
  if (!liaison_sandbox_parse_rate (spec, &max, &interval))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "%s “%s” is not of the form COUNT/INTERVAL such as 100/10s", option, spec);
      return FALSE;
    }
  liaison_sandbox_server_set_rate (server, rate_class, max, interval, daily_max);
  return TRUE;
}

static gboolean
apply_faults (LiaisonSandbox *self, GError **error)
{
  g_auto (GStrv) rules = NULL;

  if (self->faults == NULL)
    return TRUE;
  rules = g_strsplit (self->faults, ";", -1);
  for (guint i = 0; rules[i] != NULL; i++)
    {
      char *rule = g_strstrip (rules[i]);

      if (*rule == '\0')
        continue;
      if (g_str_has_prefix (rule, "ghl:"))
        {
          if (!liaison_sandbox_server_add_fault (self->ghl_server, rule + 4, error))
            return FALSE;
        }
      else if (g_str_has_prefix (rule, "lsq:"))
        {
          if (!liaison_sandbox_server_add_fault (self->lsq_server, rule + 4, error))
            return FALSE;
        }
      else if (!liaison_sandbox_server_add_fault (self->ghl_server, rule, error)
               || !liaison_sandbox_server_add_fault (self->lsq_server, rule, error))
        return FALSE;
    }
  return TRUE;
}

static void reset_cb (LiaisonSandboxRequest *req, gpointer user_data);
static void save_cb (LiaisonSandboxRequest *req, gpointer user_data);

static void
register_shared_control (LiaisonSandbox *self, LiaisonSandboxServer *server)
{
  liaison_sandbox_server_route (server, "POST", "/_sandbox/reset", NULL,
                                LIAISON_SANDBOX_ROUTE_CONTROL, reset_cb, self);
  liaison_sandbox_server_route (server, "POST", "/_sandbox/save", NULL,
                                LIAISON_SANDBOX_ROUTE_CONTROL, save_cb, self);
}

/* The keys of the seeded LeadSquared administrator. */
static void
make_lsq_keys (LiaisonSandbox *self)
{
  g_free (self->lsq_access_key);
  g_free (self->lsq_secret_key);
  self->lsq_access_key = g_strdup (liaison_sandbox_lsq_get_access_key (self->lsq));
  self->lsq_secret_key = g_strdup (liaison_sandbox_lsq_get_secret_key (self->lsq));
}

/* Runs on the context that will serve the requests. */
static gboolean
build_and_listen (LiaisonSandbox *self, GError **error)
{
  self->clock = liaison_sandbox_clock_new ();
  self->ghl_server = liaison_sandbox_server_new ("ghl", self->clock, self->options.seed);
  self->lsq_server = liaison_sandbox_server_new ("lsq", self->clock, self->options.seed);
  self->people = liaison_sandbox_people_generate (self->options.seed, self->options.contacts);

  self->ghl = liaison_sandbox_ghl_new (self->ghl_server, self->options.seed, self->people,
                                       self->options.anchor_ms);
  liaison_sandbox_ghl_set_token_lifetime (self->ghl, self->options.token_lifetime_s);
  self->lsq = liaison_sandbox_lsq_new (self->lsq_server, self->options.seed, self->people,
                                       self->options.anchor_ms);
  make_lsq_keys (self);
  register_shared_control (self, self->ghl_server);
  register_shared_control (self, self->lsq_server);

  if (!load_state (self, error)
      || !apply_rate (self->ghl_server, self->options.ghl_rate, "default", 200000, "--ghl-rate",
                      error)
      || !apply_rate (self->lsq_server, self->options.lsq_rate, "default", 0, "--lsq-rate", error)
      || !apply_faults (self, error))
    return FALSE;
  liaison_sandbox_server_set_latency (self->ghl_server, self->options.latency_ms);
  liaison_sandbox_server_set_latency (self->lsq_server, self->options.latency_ms);

  if (!liaison_sandbox_server_listen (self->ghl_server, self->options.ghl_port, error))
    {
      g_prefix_error (error, "HighLevel port %u: ", self->options.ghl_port);
      return FALSE;
    }
  if (!liaison_sandbox_server_listen (self->lsq_server, self->options.lsq_port, error))
    {
      g_prefix_error (error, "LeadSquared port %u: ", self->options.lsq_port);
      return FALSE;
    }
  self->ghl_url = liaison_sandbox_server_dup_base_url (self->ghl_server);
  self->lsq_url = liaison_sandbox_server_dup_base_url (self->lsq_server);
  self->authorize_url = g_strdup_printf ("%s/oauth/chooselocation", self->ghl_url);
  self->client_id = g_strdup (liaison_sandbox_ghl_get_client_id (self->ghl));
  self->client_secret = g_strdup (liaison_sandbox_ghl_get_client_secret (self->ghl));
  self->location_id = g_strdup (liaison_sandbox_ghl_get_location_id (self->ghl));
  self->private_token = g_strdup (liaison_sandbox_ghl_get_private_token (self->ghl));
  self->running = TRUE;
  return TRUE;
}

static void
teardown (LiaisonSandbox *self)
{
  g_autoptr (GError) error = NULL;

  if (self->running && !save_state (self, &error))
    g_warning ("Could not save the sandbox state: %s", error->message);
  if (self->ghl_server != NULL)
    liaison_sandbox_server_disconnect (self->ghl_server);
  if (self->lsq_server != NULL)
    liaison_sandbox_server_disconnect (self->lsq_server);
  g_clear_object (&self->ghl);
  g_clear_object (&self->lsq);
  g_clear_object (&self->ghl_server);
  g_clear_object (&self->lsq_server);
  g_clear_pointer (&self->people, g_ptr_array_unref);
  g_clear_pointer (&self->clock, liaison_sandbox_clock_unref);
  self->running = FALSE;
}

/* ---- shared control routes ---- */

static void
reply_result (LiaisonSandboxRequest *req, guint status, const char *key, const char *message)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, key, message);
  liaison_sandbox_request_reply_object (req, status, o);
}

/* Back to the seeded data set, with no faults, log, limits used or clock offset. */
static void
reset_cb (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandbox *self = user_data;
  LiaisonSandboxServer *servers[] = { self->ghl_server, self->lsq_server };

  liaison_sandbox_ghl_reseed (self->ghl, self->people, self->options.anchor_ms);
  liaison_sandbox_lsq_reseed (self->lsq, self->people, self->options.anchor_ms);
  liaison_sandbox_clock_set_offset (self->clock, 0);
  for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
    {
      liaison_sandbox_server_clear_faults (servers[i]);
      liaison_sandbox_server_clear_log (servers[i]);
      liaison_sandbox_server_reset_rates (servers[i]);
    }
  reply_result (req, 200, "result", "reset");
}

static void
save_cb (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandbox *self = user_data;
  g_autoptr (GError) error = NULL;

  if (self->state_file == NULL)
    return reply_result (req, 409, "error", "no --state file was given");
  if (!save_state (self, &error))
    return reply_result (req, 500, "error", error->message);
  reply_result (req, 200, "result", "saved");
}

/* ---- running ---- */

gboolean
liaison_sandbox_start (LiaisonSandbox *self, GError **error)
{
  g_return_val_if_fail (!self->running && self->thread == NULL, FALSE);
  if (!build_and_listen (self, error))
    {
      self->running = FALSE;
      teardown (self);
      return FALSE;
    }
  return TRUE;
}

static gpointer
thread_main (gpointer user_data)
{
  LiaisonSandbox *self = user_data;
  GError *error = NULL;
  gboolean ok;

  g_main_context_push_thread_default (self->context);
  ok = build_and_listen (self, &error);
  g_mutex_lock (&self->lock);
  self->ready = TRUE;
  self->start_error = error;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
  if (ok)
    g_main_loop_run (self->loop);
  teardown (self);
  /* Let pending sources (closed connections) finish on this context. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

gboolean
liaison_sandbox_start_in_thread (LiaisonSandbox *self, GError **error)
{
  g_return_val_if_fail (!self->running && self->thread == NULL, FALSE);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->ready = FALSE;
  self->thread = g_thread_new ("liaison-sandbox", thread_main, self);
  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
  if (self->start_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->start_error));
      g_thread_join (g_steal_pointer (&self->thread));
      g_clear_pointer (&self->loop, g_main_loop_unref);
      g_clear_pointer (&self->context, g_main_context_unref);
      return FALSE;
    }
  return TRUE;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

void
liaison_sandbox_stop (LiaisonSandbox *self)
{
  if (self->thread != NULL)
    {
      g_main_context_invoke (self->context, quit_cb, self->loop);
      g_thread_join (g_steal_pointer (&self->thread));
      g_clear_pointer (&self->loop, g_main_loop_unref);
      g_clear_pointer (&self->context, g_main_context_unref);
    }
  else if (self->running)
    teardown (self);
}

gboolean
liaison_sandbox_is_running (LiaisonSandbox *self)
{
  return self->running;
}

/* ---- object ---- */

static void
liaison_sandbox_dispose (GObject *object)
{
  liaison_sandbox_stop (LIAISON_SANDBOX (object));
  G_OBJECT_CLASS (liaison_sandbox_parent_class)->dispose (object);
}

static void
liaison_sandbox_finalize (GObject *object)
{
  LiaisonSandbox *self = LIAISON_SANDBOX (object);

  g_free (self->state_file);
  g_free (self->ghl_rate);
  g_free (self->lsq_rate);
  g_free (self->faults);
  g_free (self->ghl_url);
  g_free (self->lsq_url);
  g_free (self->authorize_url);
  g_free (self->client_id);
  g_free (self->client_secret);
  g_free (self->location_id);
  g_free (self->private_token);
  g_free (self->lsq_access_key);
  g_free (self->lsq_secret_key);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  G_OBJECT_CLASS (liaison_sandbox_parent_class)->finalize (object);
}

static void
liaison_sandbox_class_init (LiaisonSandboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liaison_sandbox_dispose;
  object_class->finalize = liaison_sandbox_finalize;
}

static void
liaison_sandbox_init (LiaisonSandbox *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
}

const char *
liaison_sandbox_get_ghl_url (LiaisonSandbox *self)
{
  return self->ghl_url;
}
const char *
liaison_sandbox_get_lsq_url (LiaisonSandbox *self)
{
  return self->lsq_url;
}
const char *
liaison_sandbox_get_authorize_url (LiaisonSandbox *self)
{
  return self->authorize_url;
}
const char *
liaison_sandbox_get_client_id (LiaisonSandbox *self)
{
  return self->client_id;
}
const char *
liaison_sandbox_get_client_secret (LiaisonSandbox *self)
{
  return self->client_secret;
}
const char *
liaison_sandbox_get_location_id (LiaisonSandbox *self)
{
  return self->location_id;
}
const char *
liaison_sandbox_get_private_token (LiaisonSandbox *self)
{
  return self->private_token;
}
const char *
liaison_sandbox_get_lsq_access_key (LiaisonSandbox *self)
{
  return self->lsq_access_key;
}
const char *
liaison_sandbox_get_lsq_secret_key (LiaisonSandbox *self)
{
  return self->lsq_secret_key;
}

/* "METHOD /pattern" of every route a service serves (control routes excluded).
 * Routes are fixed once start returns, so any thread may ask. */
GPtrArray *
liaison_sandbox_list_routes (LiaisonSandbox *self, const char *service)
{
  LiaisonSandboxServer *server
      = g_strcmp0 (service, "lsq") == 0 ? self->lsq_server : self->ghl_server;

  g_return_val_if_fail (server != NULL, NULL);
  return liaison_sandbox_server_list_routes (server);
}

/* The one JSON line the executable prints when it is ready. */
char *
liaison_sandbox_dup_ready_line (LiaisonSandbox *self)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  const char *pairs[][2] = {
    { "ghl", self->ghl_url },
    { "lsq", self->lsq_url },
    { "authorize", self->authorize_url },
    { "client_id", self->client_id },
    { "client_secret", self->client_secret },
    { "lsq_access_key", self->lsq_access_key },
    { "lsq_secret_key", self->lsq_secret_key },
    { "location_id", self->location_id },
    { "ghl_private_token", self->private_token },
  };

  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      json_builder_set_member_name (b, pairs[i][0]);
      json_builder_add_string_value (b, pairs[i][1]);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}
