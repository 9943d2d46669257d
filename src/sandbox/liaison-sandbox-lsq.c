/* liaison-sandbox-lsq.c: the simulated LeadSquared API v2: the object, its saved
 * state, key checks, error shapes, rate limits, date formats, users and the
 * authentication route. Leads, search, tasks and notes, seed data and control
 * routes live in the liaison-sandbox-lsq-*.c files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "liaison-sandbox-lsq"

#include "liaison-sandbox-lsq-private.h"
#include "liaison-sandbox-people.h"

G_DEFINE_FINAL_TYPE (LiaisonSandboxLsq, liaison_sandbox_lsq, G_TYPE_OBJECT)

/* The domain's name is the quark's text, kept as written. */
/* clang-format off */
G_DEFINE_QUARK (liaison-sandbox-lsq-error-quark, lsq_error)
/* clang-format on */

/* ---- errors ---- */

const char *
lsq_exception_type (gint code)
{
  switch (code)
    {
      case LSQ_ERROR_MANDATORY:
        return "MXMandatoryAttributeMissingException";
      case LSQ_ERROR_DUPLICATE:
        return "MXDuplicateEntryException";
      case LSQ_ERROR_INVALID_ENTITY:
        return "MXInvalidEntityException";
      case LSQ_ERROR_BAD_REQUEST:
        return "MXInvalidRequestException";
      case LSQ_ERROR_INVALID_INPUT:
      default:
        return "MXInvalidInputException";
    }
}

/* The documented error body; application errors come with HTTP 500. */
void
lsq_error (LiaisonSandboxRequest *req, guint status, const char *exception_type,
           const char *message)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "Status", "Error");
  json_object_set_string_member (o, "ExceptionType", exception_type);
  json_object_set_string_member (o, "ExceptionMessage", message);
  liaison_sandbox_request_reply_object (req, status, o);
}

void
lsq_error_from_gerror (LiaisonSandboxRequest *req, const GError *error)
{
  guint status = error->code == LSQ_ERROR_BAD_REQUEST ? 400 : 500;

  lsq_error (req, status, lsq_exception_type (error->code), error->message);
}

/* Control routes answer in the sandbox's own shape, like the server's. */
void
lsq_control_error (LiaisonSandboxRequest *req, guint status, const char *message)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "error", message);
  liaison_sandbox_request_reply_object (req, status, o);
}

/* ---- small helpers ---- */

const char *
lsq_query (LiaisonSandboxRequest *req, const char *name)
{
  GHashTable *query = liaison_sandbox_request_get_query_table (req);
  GHashTableIter iter;
  gpointer key, value;

  if (query == NULL)
    return NULL;
  g_hash_table_iter_init (&iter, query);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_ascii_strcasecmp (key, name) == 0)
      return value;
  return NULL;
}

const char *
lsq_get_string (JsonObject *object, const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gint64
lsq_member_int (JsonObject *object, const char *member, gint64 fallback)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (node);
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      gint64 v;

      if (g_ascii_string_to_signed (json_node_get_string (node), 10, G_MININT64, G_MAXINT64, &v,
                                    NULL))
        return v;
    }
  return fallback;
}

JsonObject *
lsq_public_copy (JsonObject *stored)
{
  JsonObject *copy = json_object_new ();
  g_autoptr (GList) members = json_object_get_members (stored);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (name[0] != '_')
        json_object_set_member (copy, name, json_node_copy (json_object_get_member (stored, name)));
    }
  return copy;
}

/* LeadSquared ids are lower-case GUIDs. */
char *
lsq_new_guid (LiaisonSandboxLsq *self)
{
  guint64 a = liaison_sandbox_rng_next (&self->rng);
  guint64 b = liaison_sandbox_rng_next (&self->rng);

  return g_strdup_printf ("%08x-%04x-%04x-%04x-%012" G_GINT64_MODIFIER "x", (guint) (a >> 32),
                          (guint) ((a >> 16) & 0xffff), (guint) ((a & 0x0fff) | 0x4000),
                          (guint) (((b >> 48) & 0x3fff) | 0x8000),
                          b & G_GUINT64_CONSTANT (0xffffffffffff));
}

void
lsq_reply_success (LiaisonSandboxRequest *req, const char *id, gint64 affected_rows)
{
  JsonObject *o = json_object_new ();
  JsonObject *message = json_object_new ();

  if (id != NULL)
    json_object_set_string_member (message, "Id", id);
  if (affected_rows >= 0)
    json_object_set_int_member (message, "AffectedRows", affected_rows);
  json_object_set_string_member (o, "Status", "Success");
  json_object_set_object_member (o, "Message", message);
  liaison_sandbox_request_reply_object (req, 200, o);
}

char *
lsq_phone_digits (const char *phone)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = phone; p != NULL && *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  return g_string_free (digits, FALSE);
}

/* ---- dates ---- */

static char *
format_base (gint64 ms)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (ms / 1000);

  if (dt == NULL)
    return g_strdup ("0001-01-01 00:00:00");
  return g_date_time_format (dt, "%Y-%m-%d %H:%M:%S");
}

char *
lsq_format_ms (gint64 ms)
{
  g_autofree char *base = format_base (ms);

  return g_strdup_printf ("%s.%03d", base, (int) (((ms % 1000) + 1000) % 1000));
}

char *
lsq_format_plain (gint64 ms)
{
  return format_base (ms);
}

char *
lsq_format_wcf (gint64 ms)
{
  return g_strdup_printf ("/Date(%" G_GINT64_FORMAT "+0000)/", ms);
}

static gboolean
digits_at (const char *s, guint n, int *out)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      v = v * 10 + (s[i] - '0');
    }
  *out = v;
  return TRUE;
}

/* Reads "YYYY-MM-DD HH:MM:SS", the same with a fraction ("….000"), a bare
 * "YYYY-MM-DD", and WCF's "/Date(ms+0000)/". All are UTC; anything else is
 * refused, as the API documents one format and warns about others. */
gboolean
lsq_parse_date (const char *text, gint64 *ms)
{
  int y, mo, d, h = 0, mi = 0, s = 0, frac_ms = 0;
  gsize len;
  g_autoptr (GDateTime) dt = NULL;

  if (text == NULL)
    return FALSE;
  len = strlen (text);
  if (g_str_has_prefix (text, "/Date(") && g_str_has_suffix (text, ")/"))
    {
      g_autofree char *inner = g_strndup (text + 6, len - 8);
      char *end = NULL;
      gint64 v = g_ascii_strtoll (inner, &end, 10);

      if (end == inner)
        return FALSE;
      /* The offset only says how to show the time; the number is UTC. */
      if (*end != '\0'
          && !((*end == '+' || *end == '-') && strlen (end) == 5 && g_ascii_isdigit (end[1])
               && g_ascii_isdigit (end[4])))
        return FALSE;
      *ms = v;
      return TRUE;
    }
  if (len < 10 || !digits_at (text, 4, &y) || text[4] != '-' || !digits_at (text + 5, 2, &mo)
      || text[7] != '-' || !digits_at (text + 8, 2, &d))
    return FALSE;
  if (len > 10)
    {
      if (len < 19 || text[10] != ' ' || !digits_at (text + 11, 2, &h) || text[13] != ':'
          || !digits_at (text + 14, 2, &mi) || text[16] != ':' || !digits_at (text + 17, 2, &s))
        return FALSE;
      if (len > 19)
        {
          guint n = (guint) (len - 20);
          int frac;

          if (text[19] != '.' || n == 0 || n > 7 || !digits_at (text + 20, n, &frac))
            return FALSE;
          while (n < 3)
            frac *= 10, n++;
          while (n > 3)
            frac /= 10, n--;
          frac_ms = frac;
        }
    }
  dt = g_date_time_new_utc (y, mo, d, h, mi, s);
  if (dt == NULL)
    return FALSE;
  *ms = g_date_time_to_unix (dt) * 1000 + frac_ms;
  return TRUE;
}

/* ---- users ---- */

JsonObject *
lsq_user_by_id (LiaisonSandboxLsq *self, const char *id)
{
  for (guint i = 0; id != NULL && i < liaison_sandbox_table_size (self->users); i++)
    {
      JsonObject *u = liaison_sandbox_table_index (self->users, i);

      if (g_ascii_strcasecmp (lsq_get_string (u, "ID"), id) == 0)
        return u;
    }
  return NULL;
}

JsonObject *
lsq_user_by_email (LiaisonSandboxLsq *self, const char *email)
{
  for (guint i = 0; email != NULL && i < liaison_sandbox_table_size (self->users); i++)
    {
      JsonObject *u = liaison_sandbox_table_index (self->users, i);

      if (g_ascii_strcasecmp (lsq_get_string (u, "EmailAddress"), email) == 0)
        return u;
    }
  return NULL;
}

char *
lsq_user_name (JsonObject *user)
{
  if (user == NULL)
    return g_strdup ("System");
  return g_strdup_printf ("%s %s", lsq_get_string (user, "FirstName"),
                          lsq_get_string (user, "LastName"));
}

static JsonObject *
user_by_access_key (LiaisonSandboxLsq *self, LiaisonSandboxRequest *req, const char **secret_out)
{
  const char *access = liaison_sandbox_request_get_header (req, "x-LSQ-AccessKey");
  const char *secret = liaison_sandbox_request_get_header (req, "x-LSQ-SecretKey");

  if (access == NULL)
    access = lsq_query (req, "accessKey");
  if (secret == NULL)
    secret = lsq_query (req, "secretKey");
  if (secret_out != NULL)
    *secret_out = secret;
  for (guint i = 0; access != NULL && i < liaison_sandbox_table_size (self->users); i++)
    {
      JsonObject *u = liaison_sandbox_table_index (self->users, i);

      if (g_strcmp0 (lsq_get_string (u, "_AccessKey"), access) == 0)
        return u;
    }
  return NULL;
}

JsonObject *
lsq_begin (LiaisonSandboxLsq *self, LiaisonSandboxRequest *req)
{
  const char *secret = NULL;
  JsonObject *user = user_by_access_key (self, req, &secret);

  /* The body of a 401 is not documented; the error shape is the API's usual one. */
  if (user == NULL || secret == NULL
      || g_strcmp0 (lsq_get_string (user, "_SecretKey"), secret) != 0)
    {
      lsq_error (req, 401, "MXUnAuthorizedAccessException",
                 "Invalid Access Key or Secret Key. Check your API keys.");
      return NULL;
    }
  if (lsq_member_int (user, "StatusCode", 0) != 0)
    {
      lsq_error (req, 401, "MXUnAuthorizedAccessException",
                 "The user of these API keys is deactivated.");
      return NULL;
    }
  return user;
}

JsonNode *
lsq_body (LiaisonSandboxRequest *req)
{
  JsonNode *root = liaison_sandbox_request_get_json (req);
  GBytes *body = liaison_sandbox_request_get_body (req);
  const char *ctype = liaison_sandbox_request_get_header (req, "Content-Type");

  /* WCF only binds a JSON body when the request says it is JSON. */
  if (body == NULL || g_bytes_get_size (body) == 0 || root == NULL || ctype == NULL
      || !g_str_has_prefix (ctype, "application/json"))
    {
      lsq_error (req, 400, "MXInvalidRequestException",
                 "The message body on the request is not as per API specification. Make sure that "
                 "content type is set to \"application/json\" and the JSON body has correct "
                 "attribute names and structure.");
      return NULL;
    }
  return root;
}

JsonObject *
lsq_body_object (LiaisonSandboxRequest *req)
{
  JsonNode *root = lsq_body (req);

  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      lsq_error (req, 400, "MXInvalidRequestException",
                 "The message body on the request is not as per API specification: expected a JSON "
                 "object.");
      return NULL;
    }
  return json_node_get_object (root);
}

static void
user_by_access_key_get (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxLsq *self = user_data;
  JsonObject *user = lsq_begin (self, req);
  JsonObject *o, *urls, *mobile;
  g_autofree char *name = NULL;
  g_autofree char *host = NULL;

  if (user == NULL)
    return;
  name = lsq_user_name (user);
  /* The real answer names the tenant's regional host without a scheme. */
  host = g_strdup_printf ("127.0.0.1:%u", liaison_sandbox_server_get_port (self->server));
  o = json_object_new ();
  json_object_set_string_member (o, "Class", "1");
  json_object_set_string_member (o, "Group", "1");
  json_object_set_string_member (o, "SubRegionId", "1");
  json_object_set_string_member (o, "Id", lsq_get_string (user, "ID"));
  json_object_set_string_member (o, "Name", name);
  json_object_set_string_member (o, "PassPhrase", lsq_get_string (user, "EmailAddress"));
  json_object_set_string_member (o, "Role", lsq_get_string (user, "Role"));
  json_object_set_null_member (o, "EmailAddress");
  json_object_set_string_member (o, "SessionId", "");
  json_object_set_string_member (o, "TimeZone", lsq_get_string (user, "TimeZone"));
  json_object_set_null_member (o, "TokenId");
  json_object_set_string_member (o, "Type", "ApplicationUser");
  json_object_set_string_member (o, "OrgDisplayName", "Sandbox Dental");
  json_object_set_string_member (o, "OrgId", self->org_id);
  json_object_set_string_member (o, "OrgShortCode", self->org_short_code);
  json_object_set_string_member (o, "OrgUniqueName", "sandbox");
  json_object_set_string_member (o, "DefaultCountryCode", "1");
  json_object_set_string_member (o, "Website", "sandbox.example.com");
  json_object_set_string_member (o, "Street1", "1 Sandbox Way");
  json_object_set_string_member (o, "Street2", "");
  json_object_set_string_member (o, "City", "New York");
  json_object_set_string_member (o, "State", "NY");
  json_object_set_string_member (o, "Country", "United States");
  json_object_set_string_member (o, "Phone", "+1-2125550100");
  json_object_set_string_member (o, "Fax", "");
  json_object_set_string_member (o, "Zip", "10001");
  json_object_set_string_member (o, "AssociatedPhoneNumbers", "");
  json_object_set_null_member (o, "RestrictedFeatures");
  json_object_set_string_member (o, "CustomerType", "Sandbox");
  json_object_set_null_member (o, "Plan");
  json_object_set_string_member (o, "UserType", "Regular");
  mobile = json_object_new ();
  json_object_set_object_member (o, "MobileServiceURLs", mobile);
  urls = json_object_new ();
  json_object_set_string_member (urls, "api", host);
  json_object_set_string_member (urls, "app", host);
  json_object_set_string_member (urls, "tracking", host);
  json_object_set_object_member (o, "LSQCommonServiceURLs", urls);
  liaison_sandbox_request_reply_object (req, 200, o);
}

static void
users_get (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxLsq *self = user_data;
  JsonArray *array;
  JsonNode *node;

  if (lsq_begin (self, req) == NULL)
    return;
  array = json_array_new ();
  for (guint i = 0; i < liaison_sandbox_table_size (self->users); i++)
    json_array_add_object_element (array,
                                   lsq_public_copy (liaison_sandbox_table_index (self->users, i)));
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  liaison_sandbox_request_reply_json (req, 200, node);
}

static void
user_retrieve (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxLsq *self = user_data;
  gboolean by_email = g_str_has_suffix (liaison_sandbox_request_get_path (req), "ByEmailAddress");
  const char *param = by_email ? "emailAddress" : "userId";
  const char *value;
  JsonObject *user;

  if (lsq_begin (self, req) == NULL)
    return;
  value = lsq_query (req, param);
  if (value == NULL || *value == '\0')
    {
      g_autofree char *message = g_strdup_printf ("'%s' is mandatory", param);

      lsq_error (req, 500, lsq_exception_type (LSQ_ERROR_MANDATORY), message);
      return;
    }
  user = by_email ? lsq_user_by_email (self, value) : lsq_user_by_id (self, value);
  if (user == NULL)
    {
      lsq_error (req, 500, lsq_exception_type (LSQ_ERROR_INVALID_ENTITY),
                 "User does not exist in the system");
      return;
    }
  liaison_sandbox_request_reply_object (req, 200, lsq_public_copy (user));
}

/* ---- server hooks ---- */

static char *
hook_account (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxLsq *self = user_data;

  /* Limits are per tenant, shared by every user's keys. */
  return user_by_access_key (self, req, NULL) != NULL ? g_strdup (self->org_id) : NULL;
}

static void
hook_limited (LiaisonSandboxRequest *req, const LiaisonSandboxRateInfo *info, gpointer user_data)
{
  g_autofree char *message = NULL;

  /* The per-endpoint pages document the message; the body shape is the usual error body. */
  if (info->daily)
    message = g_strdup_printf ("API calls exceeded the limit of %u in 1 day(s)", info->daily_max);
  else
    message = g_strdup_printf ("API calls exceeded the limit of %u in %u second(s)", info->max,
                               MAX (info->interval_ms / 1000, 1));
  lsq_error (req, 429, "MXAPIRateLimitExceededException", message);
}

static void
hook_error (LiaisonSandboxRequest *req, guint status, const char *message, gpointer user_data)
{
  if (status == 404)
    {
      /* WCF answers an unknown operation with its own HTML page, not JSON. */
      liaison_sandbox_request_reply (req, 404, "text/html; charset=UTF-8",
                                     "<HTML><HEAD><TITLE>Service</TITLE></HEAD><BODY>"
                                     "<P>Endpoint not found.</P></BODY></HTML>",
                                     -1);
      return;
    }
  lsq_error (req, status, "MXException", message);
}

/* ---- object ---- */

/* The tables, in the order they are saved. */
static const LiaisonSandboxTableSlot service_tables[] = {
  { "users", "ID", G_STRUCT_OFFSET (LiaisonSandboxLsq, users) },
  { "fields", "SchemaName", G_STRUCT_OFFSET (LiaisonSandboxLsq, fields) },
  { "leads", "ProspectID", G_STRUCT_OFFSET (LiaisonSandboxLsq, leads) },
  { "taskTypes", "Id", G_STRUCT_OFFSET (LiaisonSandboxLsq, task_types) },
  { "tasks", "UserTaskId", G_STRUCT_OFFSET (LiaisonSandboxLsq, tasks) },
  { "notes", "ProspectNoteId", G_STRUCT_OFFSET (LiaisonSandboxLsq, notes) },
};

static void
liaison_sandbox_lsq_finalize (GObject *object)
{
  LiaisonSandboxLsq *self = LIAISON_SANDBOX_LSQ (object);

  g_clear_object (&self->server);
  liaison_sandbox_tables_free (self, service_tables, G_N_ELEMENTS (service_tables));
  g_free (self->org_id);
  g_free (self->org_short_code);
  G_OBJECT_CLASS (liaison_sandbox_lsq_parent_class)->finalize (object);
}

static void
liaison_sandbox_lsq_class_init (LiaisonSandboxLsqClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = liaison_sandbox_lsq_finalize;
}

static void
liaison_sandbox_lsq_init (LiaisonSandboxLsq *self)
{
  liaison_sandbox_tables_new (self, service_tables, G_N_ELEMENTS (service_tables));
}

void
liaison_sandbox_lsq_reseed (LiaisonSandboxLsq *self, GPtrArray *people, gint64 anchor_ms)
{
  liaison_sandbox_tables_clear (self, service_tables, G_N_ELEMENTS (service_tables));
  /* A stream of its own, so the HighLevel side's ids do not shift these. */
  liaison_sandbox_rng_init (&self->rng, self->seed * 0x9E3779B97F4A7C15ULL + 0x15C);
  self->next_auto_id = 1001;
  self->anchor_ms = anchor_ms;
  g_free (self->org_id);
  self->org_id = lsq_new_guid (self);
  g_free (self->org_short_code);
  self->org_short_code
      = g_strdup_printf ("%u", 10000 + liaison_sandbox_rng_range (&self->rng, 90000));
  lsq_seed (self, people);
}

LiaisonSandboxLsq *
liaison_sandbox_lsq_new (LiaisonSandboxServer *server, guint64 seed, GPtrArray *people,
                         gint64 anchor_ms)
{
  LiaisonSandboxLsq *self = g_object_new (LIAISON_TYPE_SANDBOX_LSQ, NULL);
  const LiaisonSandboxServerHooks hooks = {
    .account = hook_account,
    .limited = hook_limited,
    .error = hook_error,
    .finish = NULL,
  };
  guint n_owners;

  liaison_sandbox_people_owners (&n_owners);
  self->server = g_object_ref (server);
  self->seed = seed;
  liaison_sandbox_server_set_hooks (server, &hooks, self);
  /* Pro plan: 10 calls / 5 s, bulk APIs 5 / 5 s, 10,000 + 1,000 per user a day. */
  liaison_sandbox_server_set_rate (server, "default", LIAISON_SANDBOX_LSQ_RATE_MAX,
                                   LIAISON_SANDBOX_LSQ_RATE_INTERVAL_MS, 10000 + 1000 * n_owners);
  liaison_sandbox_server_set_rate (server, "bulk", LIAISON_SANDBOX_LSQ_BULK_RATE_MAX,
                                   LIAISON_SANDBOX_LSQ_RATE_INTERVAL_MS, 10000 + 1000 * n_owners);
  liaison_sandbox_server_route (server, "GET", "/v2/Authentication.svc/UserByAccessKey.Get", NULL,
                                0, user_by_access_key_get, self);
  liaison_sandbox_server_route (server, "GET", "/v2/UserManagement.svc/Users.Get", NULL, 0,
                                users_get, self);
  liaison_sandbox_server_route (server, "GET", "/v2/UserManagement.svc/User/Retrieve/ByUserId",
                                NULL, 0, user_retrieve, self);
  liaison_sandbox_server_route (server, "GET",
                                "/v2/UserManagement.svc/User/Retrieve/ByEmailAddress", NULL, 0,
                                user_retrieve, self);
  lsq_leads_register (self);
  lsq_search_register (self);
  lsq_tasks_register (self);
  lsq_control_register (self);
  liaison_sandbox_lsq_reseed (self, people, anchor_ms);
  return self;
}

static JsonObject *
admin_user (LiaisonSandboxLsq *self)
{
  return liaison_sandbox_table_size (self->users) > 0 ? liaison_sandbox_table_index (self->users, 0)
                                                      : NULL;
}

const char *
liaison_sandbox_lsq_get_access_key (LiaisonSandboxLsq *self)
{
  return lsq_get_string (admin_user (self), "_AccessKey");
}

const char *
liaison_sandbox_lsq_get_secret_key (LiaisonSandboxLsq *self)
{
  return lsq_get_string (admin_user (self), "_SecretKey");
}

guint
liaison_sandbox_lsq_get_lead_count (LiaisonSandboxLsq *self)
{
  return liaison_sandbox_table_size (self->leads);
}

/* ---- state ---- */

JsonNode *
liaison_sandbox_lsq_to_json (LiaisonSandboxLsq *self)
{
  JsonObject *o = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_member (o, "rng", liaison_sandbox_rng_to_json (&self->rng));
  json_object_set_int_member (o, "anchorMs", self->anchor_ms);
  json_object_set_int_member (o, "nextAutoId", self->next_auto_id);
  json_object_set_string_member (o, "orgId", self->org_id);
  json_object_set_string_member (o, "orgShortCode", self->org_short_code);
  liaison_sandbox_tables_to_json (self, service_tables, G_N_ELEMENTS (service_tables), o);
  json_node_take_object (node, o);
  return node;
}

gboolean
liaison_sandbox_lsq_from_json (LiaisonSandboxLsq *self, JsonNode *node, GError **error)
{
  JsonObject *o;
  LiaisonSandboxRng rng;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    goto bad;
  o = json_node_get_object (node);
  if (lsq_get_string (o, "orgId") == NULL || lsq_get_string (o, "orgShortCode") == NULL
      || lsq_member_int (o, "nextAutoId", -1) < 0)
    goto bad;
  if (!liaison_sandbox_tables_saved (o, service_tables, G_N_ELEMENTS (service_tables)))
    goto bad;
  if (!liaison_sandbox_rng_from_json (&rng, json_object_get_member (o, "rng")))
    goto bad;
  if (!liaison_sandbox_tables_from_json (self, service_tables, G_N_ELEMENTS (service_tables), o))
    goto bad;
  /* Without users nobody could authenticate: refuse rather than lock the person out. */
  if (liaison_sandbox_table_size (self->users) == 0
      || liaison_sandbox_lsq_get_access_key (self) == NULL)
    goto bad;
  self->rng = rng;
  self->anchor_ms = lsq_member_int (o, "anchorMs", self->anchor_ms);
  self->next_auto_id = lsq_member_int (o, "nextAutoId", self->next_auto_id);
  g_free (self->org_id);
  self->org_id = g_strdup (lsq_get_string (o, "orgId"));
  g_free (self->org_short_code);
  self->org_short_code = g_strdup (lsq_get_string (o, "orgShortCode"));
  return TRUE;

bad:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "The saved LeadSquared sandbox state is not in the expected format");
  return FALSE;
}
