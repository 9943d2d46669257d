/* liaison-sandbox-ghl.c: the simulated HighLevel API v2: the object, its seeded
 * data, saved state, credentials checks, error shapes and rate-limit headers.
 * The routes live in the liaison-sandbox-ghl-*.c files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "liaison-sandbox-ghl"

#include "liaison-sandbox-ghl-private.h"

G_DEFINE_FINAL_TYPE (LiaisonSandboxGhl, liaison_sandbox_ghl, G_TYPE_OBJECT)

/* ---- helpers shared by the route files ---- */

void
ghl_error (LiaisonSandboxRequest *req, guint status, const char *message)
{
  JsonObject *o = json_object_new ();
  const char *error = NULL;

  json_object_set_int_member (o, "statusCode", status);
  json_object_set_string_member (o, "message", message);
  switch (status)
    {
      case 400:
        error = "Bad Request";
        break;
      case 401:
        error = "Unauthorized";
        break;
      case 403:
        error = "Forbidden";
        break;
      case 404:
        error = "Not Found";
        break;
      case 429:
        error = "Too Many Requests";
        break;
      case 500:
        error = "Internal Server Error";
        break;
      case 502:
        error = "Bad Gateway";
        break;
      case 503:
        error = "Service Unavailable";
        break;
      case 504:
        error = "Gateway Timeout";
        break;
      default:
        break;
    }
  if (error != NULL)
    json_object_set_string_member (o, "error", error);
  liaison_sandbox_request_reply_object (req, status, o);
}

void
ghl_error_422 (LiaisonSandboxRequest *req, GPtrArray *messages)
{
  JsonObject *o = json_object_new ();
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < messages->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (messages, i));
  json_object_set_int_member (o, "statusCode", 422);
  json_object_set_array_member (o, "message", array);
  json_object_set_string_member (o, "error", "Unprocessable Entity");
  liaison_sandbox_request_reply_object (req, 422, o);
}

void
ghl_error_422_one (LiaisonSandboxRequest *req, const char *message)
{
  g_autoptr (GPtrArray) messages = g_ptr_array_new ();

  g_ptr_array_add (messages, (gpointer) message);
  ghl_error_422 (req, messages);
}

static JsonObject *
token_for_request (LiaisonSandboxGhl *self, LiaisonSandboxRequest *req)
{
  const char *auth = liaison_sandbox_request_get_header (req, "Authorization");

  if (auth == NULL || g_ascii_strncasecmp (auth, "Bearer ", 7) != 0)
    return NULL;
  return liaison_sandbox_table_lookup (self->access_tokens, auth + 7);
}

JsonObject *
ghl_begin (LiaisonSandboxGhl *self, LiaisonSandboxRequest *req, const char *version,
           const char *scope)
{
  JsonObject *token = token_for_request (self, req);
  const char *sent_version;
  gint64 expires;

  if (token == NULL)
    {
      ghl_error (req, 401, "Invalid token: access token is invalid");
      return NULL;
    }
  expires = json_object_get_int_member_with_default (token, "expiresAt", 0);
  if (expires > 0 && liaison_sandbox_request_now_ms (req) >= expires)
    {
      ghl_error (req, 401, "Invalid JWT");
      return NULL;
    }
  if (scope != NULL)
    {
      g_auto (GStrv) scopes = g_strsplit (ghl_get_string (token, "scope") ?: "", " ", -1);

      if (!g_strv_contains ((const char *const *) scopes, scope))
        {
          ghl_error (req, 401, "The token is not authorized for this scope.");
          return NULL;
        }
    }
  sent_version = liaison_sandbox_request_get_header (req, "Version");
  if (sent_version == NULL)
    {
      ghl_error (req, 400, "Version header was not found");
      return NULL;
    }
  if (g_strcmp0 (sent_version, version) != 0)
    {
      g_autofree char *message
          = g_strdup_printf ("Version header is invalid: expected %s", version);

      ghl_error (req, 400, message);
      return NULL;
    }
  return token;
}

gboolean
ghl_check_location (LiaisonSandboxRequest *req, JsonObject *token, const char *location_id)
{
  if (g_strcmp0 (ghl_get_string (token, "locationId"), location_id) == 0)
    return TRUE;
  ghl_error (req, 403, "The token does not have access to this location.");
  return FALSE;
}

/* The JSON body as an object, or NULL after a 400/422 reply. */
JsonObject *
ghl_body_object (LiaisonSandboxRequest *req)
{
  JsonNode *root = liaison_sandbox_request_get_json (req);
  GBytes *body = liaison_sandbox_request_get_body (req);

  if (root == NULL && (body == NULL || g_bytes_get_size (body) == 0))
    {
      ghl_error_422_one (req, "request body should not be empty");
      return NULL;
    }
  if (root == NULL)
    {
      ghl_error (req, 400, "Unexpected token in JSON");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      ghl_error_422_one (req, "request body must be an object");
      return NULL;
    }
  return json_node_get_object (root);
}

/* Like the real API's validation pipe: unknown properties are refused. */
gboolean
ghl_check_whitelist (LiaisonSandboxRequest *req, JsonObject *body, const char *const *allowed)
{
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GList) members = json_object_get_members (body);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      g_ptr_array_add (errors, g_strdup_printf ("property %s should not exist", (char *) l->data));
  if (errors->len == 0)
    return TRUE;
  ghl_error_422 (req, errors);
  return FALSE;
}

char *
ghl_new_id (LiaisonSandboxGhl *self)
{
  return liaison_sandbox_rng_id (&self->rng, 20);
}

char *
ghl_iso_ms (gint64 ms)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (ms / 1000);
  g_autofree char *base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", base, (int) (ms % 1000));
}

char *
ghl_local_time (gint64 ms, const char *tz_name, gboolean with_t)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier (tz_name ? tz_name : "UTC");
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);
  g_autoptr (GDateTime) local = NULL;

  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  local = g_date_time_to_timezone (utc, tz);
  return g_date_time_format (local, with_t ? "%Y-%m-%dT%H:%M:%S%:z" : "%Y-%m-%d %H:%M:%S");
}

gboolean
ghl_parse_time_string (const char *text, gint64 *ms)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) dt = NULL;
  guint64 n;

  if (text == NULL || *text == '\0')
    return FALSE;
  if (g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &n, NULL))
    {
      *ms = (gint64) n;
      return TRUE;
    }
  dt = g_date_time_new_from_iso8601 (text, utc);
  if (dt == NULL)
    return FALSE;
  *ms = g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000;
  return TRUE;
}

gboolean
ghl_parse_time (JsonNode *node, gint64 *ms)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *ms = json_node_get_int (node);
      return TRUE;
    }
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      *ms = (gint64) json_node_get_double (node);
      return TRUE;
    }
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return ghl_parse_time_string (json_node_get_string (node), ms);
  return FALSE;
}

/* E.164 as HighLevel stores phones; NULL when there are too few digits. US
 * numbers without a country code get +1, as for a US location. */
char *
ghl_normalize_phone (const char *phone)
{
  GString *digits = g_string_new (NULL);
  gboolean plus = FALSE;

  for (const char *p = phone; p && *p; p++)
    {
      if (*p == '+' && digits->len == 0)
        plus = TRUE;
      else if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
    }
  if (!plus && g_str_has_prefix (digits->str, "00"))
    {
      g_string_erase (digits, 0, 2);
      plus = TRUE;
    }
  if (!plus && digits->len == 10)
    g_string_prepend_c (digits, '1');
  if (digits->len < 8 || digits->len > 15)
    {
      g_string_free (digits, TRUE);
      return NULL;
    }
  g_string_prepend_c (digits, '+');
  return g_string_free (digits, FALSE);
}

/* json_node_copy shares nested objects and arrays; records must not. */
static JsonNode *
deep_copy_node (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonNode *copy = json_node_new (JSON_NODE_OBJECT);

      json_node_take_object (copy, ghl_deep_copy (json_node_get_object (node)));
      return copy;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *in = json_node_get_array (node);
      JsonArray *out = json_array_sized_new (json_array_get_length (in));
      JsonNode *copy = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < json_array_get_length (in); i++)
        json_array_add_element (out, deep_copy_node (json_array_get_element (in, i)));
      json_node_take_array (copy, out);
      return copy;
    }
  return json_node_copy (node);
}

static JsonObject *
copy_members (JsonObject *stored, gboolean internal)
{
  JsonObject *copy = json_object_new ();
  g_autoptr (GList) members = json_object_get_members (stored);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      JsonNode *value = json_object_get_member (stored, name);

      /* The wire shape leaves out what is not set: the schemas have no nullable strings. */
      if (internal || (name[0] != '_' && !JSON_NODE_HOLDS_NULL (value)))
        json_object_set_member (copy, name, deep_copy_node (value));
    }
  return copy;
}

JsonObject *
ghl_deep_copy (JsonObject *stored)
{
  return copy_members (stored, TRUE);
}

/* Records are stored in wire shape plus "_" members for the sandbox's own use. */
JsonObject *
ghl_public_copy (JsonObject *stored)
{
  return copy_members (stored, FALSE);
}

const char *
ghl_get_string (JsonObject *object, const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Members of stored records can be edited through the control routes, so
 * nested values are looked up defensively. */
JsonArray *
ghl_get_array (JsonObject *object, const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* A string element of a request array, or NULL whatever else is there. */
const char *
ghl_array_string (JsonArray *array, guint index)
{
  JsonNode *node
      = index < json_array_get_length (array) ? json_array_get_element (array, index) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonObject *
ghl_get_object (JsonObject *object, const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

void
ghl_touch (JsonObject *object, gint64 now_ms)
{
  g_autofree char *iso = ghl_iso_ms (now_ms);

  json_object_set_string_member (object, "dateUpdated", iso);
  json_object_set_int_member (object, "_updatedMs", now_ms);
}

void
ghl_reply_array (LiaisonSandboxRequest *req, const char *key, JsonArray *array)
{
  JsonObject *o = json_object_new ();

  json_object_set_array_member (o, key, array);
  liaison_sandbox_request_reply_object (req, 200, o);
}

/* ---- server hooks ---- */

static char *
hook_account (LiaisonSandboxRequest *req, gpointer user_data)
{
  JsonObject *token = token_for_request (user_data, req);

  /* Limits are per app and location; requests without a known token share one bucket. */
  return token != NULL ? g_strdup (ghl_get_string (token, "locationId")) : NULL;
}

static void
hook_limited (LiaisonSandboxRequest *req, const LiaisonSandboxRateInfo *info, gpointer user_data)
{
  ghl_error (req, 429, info->daily ? "Daily rate limit exceeded" : "Too Many Requests");
}

static void
hook_error (LiaisonSandboxRequest *req, guint status, const char *message, gpointer user_data)
{
  ghl_error (req, status, message);
}

static void
hook_finish (LiaisonSandboxRequest *req, const LiaisonSandboxRateInfo *info, gpointer user_data)
{
  char buf[32];

  if (!info->applied)
    return;
  g_snprintf (buf, sizeof buf, "%u", info->daily_max);
  liaison_sandbox_request_add_header (req, "X-RateLimit-Limit-Daily", buf);
  g_snprintf (buf, sizeof buf, "%u", info->daily_remaining);
  liaison_sandbox_request_add_header (req, "X-RateLimit-Daily-Remaining", buf);
  g_snprintf (buf, sizeof buf, "%u", info->interval_ms);
  liaison_sandbox_request_add_header (req, "X-RateLimit-Interval-Milliseconds", buf);
  g_snprintf (buf, sizeof buf, "%u", info->max);
  liaison_sandbox_request_add_header (req, "X-RateLimit-Max", buf);
  g_snprintf (buf, sizeof buf, "%u", info->remaining);
  liaison_sandbox_request_add_header (req, "X-RateLimit-Remaining", buf);
}

/* ---- object ---- */

/* The tables, in the order they are saved. */
static const LiaisonSandboxTableSlot service_tables[] = {
  { "locations", "id", G_STRUCT_OFFSET (LiaisonSandboxGhl, locations) },
  { "users", "id", G_STRUCT_OFFSET (LiaisonSandboxGhl, users) },
  { "businesses", "id", G_STRUCT_OFFSET (LiaisonSandboxGhl, businesses) },
  { "customFields", "id", G_STRUCT_OFFSET (LiaisonSandboxGhl, custom_fields) },
  { "contacts", "id", G_STRUCT_OFFSET (LiaisonSandboxGhl, contacts) },
  { "tasks", "id", G_STRUCT_OFFSET (LiaisonSandboxGhl, tasks) },
  { "notes", "id", G_STRUCT_OFFSET (LiaisonSandboxGhl, notes) },
  { "calendars", "id", G_STRUCT_OFFSET (LiaisonSandboxGhl, calendars) },
  { "events", "id", G_STRUCT_OFFSET (LiaisonSandboxGhl, events) },
  { "accessTokens", "token", G_STRUCT_OFFSET (LiaisonSandboxGhl, access_tokens) },
  { "refreshTokens", "token", G_STRUCT_OFFSET (LiaisonSandboxGhl, refresh_tokens) },
  { "codes", "token", G_STRUCT_OFFSET (LiaisonSandboxGhl, codes) },
};

void
ghl_clear_tables (LiaisonSandboxGhl *self)
{
  liaison_sandbox_tables_clear (self, service_tables, G_N_ELEMENTS (service_tables));
}

static void
liaison_sandbox_ghl_finalize (GObject *object)
{
  LiaisonSandboxGhl *self = LIAISON_SANDBOX_GHL (object);

  g_clear_object (&self->server);
  liaison_sandbox_tables_free (self, service_tables, G_N_ELEMENTS (service_tables));
  g_free (self->client_id);
  g_free (self->client_secret);
  g_free (self->private_token);
  g_free (self->location_id);
  g_free (self->company_id);
  G_OBJECT_CLASS (liaison_sandbox_ghl_parent_class)->finalize (object);
}

static void
liaison_sandbox_ghl_class_init (LiaisonSandboxGhlClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = liaison_sandbox_ghl_finalize;
}

static void
liaison_sandbox_ghl_init (LiaisonSandboxGhl *self)
{
  self->token_lifetime_s = LIAISON_SANDBOX_GHL_TOKEN_LIFETIME_DEFAULT;
  liaison_sandbox_tables_new (self, service_tables, G_N_ELEMENTS (service_tables));
}

LiaisonSandboxGhl *
liaison_sandbox_ghl_new (LiaisonSandboxServer *server, guint64 seed, GPtrArray *people,
                         gint64 anchor_ms)
{
  LiaisonSandboxGhl *self = g_object_new (LIAISON_TYPE_SANDBOX_GHL, NULL);
  const LiaisonSandboxServerHooks hooks = {
    .account = hook_account,
    .limited = hook_limited,
    .error = hook_error,
    .finish = hook_finish,
  };

  self->server = g_object_ref (server);
  self->seed = seed;
  liaison_sandbox_server_set_hooks (server, &hooks, self);
  /* Documented limits: 100 per 10 s burst and 200,000 per day, per app and location. */
  liaison_sandbox_server_set_rate (server, "default", 100, 10000, 200000);
  ghl_oauth_register (self);
  ghl_contacts_register (self);
  ghl_activities_register (self);
  ghl_calendars_register (self);
  ghl_control_register (self);
  liaison_sandbox_ghl_reseed (self, people, anchor_ms);
  return self;
}

void
liaison_sandbox_ghl_set_token_lifetime (LiaisonSandboxGhl *self, gint64 seconds)
{
  self->token_lifetime_s = seconds;
}

const char *
liaison_sandbox_ghl_get_client_id (LiaisonSandboxGhl *self)
{
  return self->client_id;
}

const char *
liaison_sandbox_ghl_get_client_secret (LiaisonSandboxGhl *self)
{
  return self->client_secret;
}

const char *
liaison_sandbox_ghl_get_location_id (LiaisonSandboxGhl *self)
{
  return self->location_id;
}

const char *
liaison_sandbox_ghl_get_private_token (LiaisonSandboxGhl *self)
{
  return self->private_token;
}

/* ---- state ---- */

JsonNode *
liaison_sandbox_ghl_to_json (LiaisonSandboxGhl *self)
{
  JsonObject *o = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_member (o, "rng", liaison_sandbox_rng_to_json (&self->rng));
  json_object_set_int_member (o, "anchorMs", self->anchor_ms);
  json_object_set_string_member (o, "clientId", self->client_id);
  json_object_set_string_member (o, "clientSecret", self->client_secret);
  json_object_set_string_member (o, "privateToken", self->private_token);
  json_object_set_string_member (o, "locationId", self->location_id);
  json_object_set_string_member (o, "companyId", self->company_id);
  liaison_sandbox_tables_to_json (self, service_tables, G_N_ELEMENTS (service_tables), o);
  json_node_take_object (node, o);
  return node;
}

gboolean
liaison_sandbox_ghl_from_json (LiaisonSandboxGhl *self, JsonNode *node, GError **error)
{
  JsonObject *o;
  const char *strings[] = { "clientId", "clientSecret", "privateToken", "locationId", "companyId" };

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    goto bad;
  o = json_node_get_object (node);
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    if (ghl_get_string (o, strings[i]) == NULL)
      goto bad;
  if (!liaison_sandbox_tables_saved (o, service_tables, G_N_ELEMENTS (service_tables)))
    goto bad;
  if (!liaison_sandbox_rng_from_json (&self->rng, json_object_get_member (o, "rng")))
    goto bad;
  if (!liaison_sandbox_tables_from_json (self, service_tables, G_N_ELEMENTS (service_tables), o))
    goto bad;
  self->anchor_ms = json_object_get_int_member_with_default (o, "anchorMs", self->anchor_ms);
  g_free (self->client_id);
  self->client_id = g_strdup (ghl_get_string (o, "clientId"));
  g_free (self->client_secret);
  self->client_secret = g_strdup (ghl_get_string (o, "clientSecret"));
  g_free (self->private_token);
  self->private_token = g_strdup (ghl_get_string (o, "privateToken"));
  g_free (self->location_id);
  self->location_id = g_strdup (ghl_get_string (o, "locationId"));
  g_free (self->company_id);
  self->company_id = g_strdup (ghl_get_string (o, "companyId"));
  return TRUE;

bad:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "The saved HighLevel sandbox state is not in the expected format");
  return FALSE;
}
