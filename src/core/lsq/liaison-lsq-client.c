/* liaison-lsq-client.c: LiaisonLsqClient, its call helper, region
 * discovery, users and lead metadata.
 *
 * Every call goes through LiaisonHttp (rate limits, retries, redaction) and
 * its reply is validated before it becomes a model: a reply of the wrong
 * shape is a LIAISON_HTTP_ERROR_PROTOCOL naming the operation, never a
 * crash. The retry rule: reads, searches, updates, MarkComplete and the
 * CreateOrUpdate upserts are flagged idempotent and may be repeated after a
 * 5xx, a reset or a timeout; plain creates (Lead.Create, Task.svc/Create,
 * CreateNote) are not, since LeadSquared has no idempotency key and a repeat
 * would make a duplicate; the sync engine reconciles those instead.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-lsq"

#include <string.h>

#include "liaison-json.h"
#include "liaison-lsq-client-private.h"

struct _LiaisonLsqClient
{
  GObject parent_instance;

  LiaisonHttp *http;
  LiaisonHttpPriority priority;
  GHashTable *field_types; /* schema name -> LiaisonFieldType + 1 */
};

G_DEFINE_FINAL_TYPE (LiaisonLsqClient, liaison_lsq_client, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_HTTP,
  PROP_PRIORITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
liaison_lsq_client_finalize (GObject *object)
{
  LiaisonLsqClient *self = (LiaisonLsqClient *) object;

  g_clear_object (&self->http);
  g_hash_table_unref (self->field_types);

  G_OBJECT_CLASS (liaison_lsq_client_parent_class)->finalize (object);
}

static void
liaison_lsq_client_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LiaisonLsqClient *self = LIAISON_LSQ_CLIENT (object);

  switch (prop_id)
    {
      case PROP_HTTP:
        g_value_set_object (value, self->http);
        break;
      case PROP_PRIORITY:
        g_value_set_int (value, self->priority);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_lsq_client_set_property (GObject *object, guint prop_id, const GValue *value,
                                 GParamSpec *pspec)
{
  LiaisonLsqClient *self = LIAISON_LSQ_CLIENT (object);

  switch (prop_id)
    {
      case PROP_HTTP:
        self->http = g_value_dup_object (value);
        break;
      case PROP_PRIORITY:
        liaison_lsq_client_set_priority (self, g_value_get_int (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_lsq_client_class_init (LiaisonLsqClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liaison_lsq_client_finalize;
  object_class->get_property = liaison_lsq_client_get_property;
  object_class->set_property = liaison_lsq_client_set_property;

  properties[PROP_HTTP]
      = g_param_spec_object ("http", NULL, NULL, LIAISON_TYPE_HTTP,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS
                                 | G_PARAM_EXPLICIT_NOTIFY);
  /* A LiaisonHttpPriority: interactive for the interface, background for sync. */
  properties[PROP_PRIORITY]
      = g_param_spec_int ("priority", NULL, NULL, LIAISON_HTTP_PRIORITY_INTERACTIVE,
                          LIAISON_HTTP_PRIORITY_BACKGROUND, LIAISON_HTTP_PRIORITY_INTERACTIVE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_lsq_client_init (LiaisonLsqClient *self)
{
  self->priority = LIAISON_HTTP_PRIORITY_INTERACTIVE;
  self->field_types = liaison_lsq_field_types_new ();
}

/* For a known API host. Two clients may share one LiaisonHttp (and so one
 * set of limits): one for the interface, one for sync in the background. */
LiaisonLsqClient *
liaison_lsq_client_new (LiaisonHttp *http)
{
  g_return_val_if_fail (LIAISON_IS_HTTP (http), NULL);

  return g_object_new (LIAISON_TYPE_LSQ_CLIENT, "http", http, NULL);
}

LiaisonHttp *
liaison_lsq_client_get_http (LiaisonLsqClient *self)
{
  g_return_val_if_fail (LIAISON_IS_LSQ_CLIENT (self), NULL);
  return self->http;
}

LiaisonHttpPriority
liaison_lsq_client_get_priority (LiaisonLsqClient *self)
{
  g_return_val_if_fail (LIAISON_IS_LSQ_CLIENT (self), LIAISON_HTTP_PRIORITY_INTERACTIVE);
  return self->priority;
}

void
liaison_lsq_client_set_priority (LiaisonLsqClient *self, LiaisonHttpPriority priority)
{
  g_return_if_fail (LIAISON_IS_LSQ_CLIENT (self));
  if (self->priority == priority)
    return;
  self->priority = priority;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRIORITY]);
}

/* The lead fields' types decide how custom field values are read (numbers
 * as doubles, flags as booleans); get_metadata sets them too. */
void
liaison_lsq_client_set_field_defs (LiaisonLsqClient *self, GPtrArray *field_defs)
{
  guint i;

  g_return_if_fail (LIAISON_IS_LSQ_CLIENT (self));
  g_return_if_fail (field_defs != NULL);

  for (i = 0; i < field_defs->len; i++)
    {
      LiaisonFieldDef *field = g_ptr_array_index (field_defs, i);

      g_hash_table_replace (self->field_types, g_strdup (liaison_field_def_get_key (field)),
                            GINT_TO_POINTER ((int) liaison_field_def_get_data_type (field) + 1));
    }
}

GHashTable *
liaison_lsq_client_get_field_types (LiaisonLsqClient *self)
{
  return self->field_types;
}

/* ---- the call helper ---- */

LiaisonHttpRequest *
liaison_lsq_client_request (LiaisonLsqClient *self, const char *method, const char *path,
                            const char *operation)
{
  LiaisonHttpRequest *request = liaison_http_request_new (method, path, operation);

  liaison_http_request_set_priority (request, self->priority);
  return request;
}

/* Adds an id as a query parameter: LeadSquared's ids are GUIDs, so one that
 * is not made of letters, digits, "-" and "_" marks the request refused
 * (its call then fails with a clear error and sends nothing). */
void
liaison_lsq_client_add_id_query (LiaisonHttpRequest *request, const char *name, const char *id)
{
  GError *error = NULL;

  if (!liaison_http_check_id (id, liaison_http_request_get_operation (request), LIAISON_LSQ_SERVICE,
                              &error))
    liaison_http_request_take_error (request, error);
  liaison_http_request_add_query (request, name, id);
}

/* Sends request (taking a reference) through the call helper of core/net
 * and parses its reply with parse, which owns parse_data from here on. */
void
liaison_lsq_client_run (LiaisonLsqClient *self, LiaisonHttpRequest *request,
                        LiaisonHttpCallParseFunc parse, gpointer parse_data,
                        GDestroyNotify parse_data_free, GDestroyNotify result_free,
                        gpointer source_tag, GCancellable *cancellable,
                        GAsyncReadyCallback callback, gpointer user_data)
{
  liaison_http_call_run (self, self->http, request, parse, parse_data, parse_data_free, result_free,
                         source_tag, cancellable, callback, user_data);
}

char *
liaison_lsq_client_id_finish (LiaisonLsqClient *self, GAsyncResult *result, GError **error)
{
  static const gpointer tags[] = {
    liaison_lsq_client_create_lead_async, liaison_lsq_client_create_or_update_lead_async,
    liaison_lsq_client_create_task_async, liaison_lsq_client_create_appointment_async,
    liaison_lsq_client_create_note_async, NULL,
  };

  return liaison_http_call_finish_any (self, result, tags, error);
}

gboolean
liaison_lsq_client_done_finish (LiaisonLsqClient *self, GAsyncResult *result, GError **error)
{
  static const gpointer tags[] = {
    liaison_lsq_client_update_lead_async,        liaison_lsq_client_update_task_async,
    liaison_lsq_client_update_appointment_async, liaison_lsq_client_complete_task_async,
    liaison_lsq_client_update_note_async,        NULL,
  };

  return liaison_http_call_finish_any (self, result, tags, error) != NULL;
}

GPtrArray *
liaison_lsq_client_list_finish (LiaisonLsqClient *self, GAsyncResult *result, GError **error)
{
  static const gpointer tags[] = {
    liaison_lsq_client_find_leads_by_email_async,
    liaison_lsq_client_find_leads_by_phone_async,
    liaison_lsq_client_get_metadata_async,
    liaison_lsq_client_list_notes_async,
    liaison_lsq_client_list_lead_tasks_async,
    liaison_lsq_client_list_users_async,
    NULL,
  };

  return liaison_http_call_finish_any (self, result, tags, error);
}

/* ---- readers ---- */

/* The id a lead, task or note entry names itself by, for messages about it
 * (flat objects and LeadPropertyList rows both); NULL when none. */
const char *
liaison_lsq_lead_id_of (JsonNode *element)
{
  static const char *members[]
      = { "ProspectID", "ProspectId", "Id", "UserTaskId", "ProspectNoteId", "ID" };
  JsonObject *object;
  JsonArray *rows_of_lead;
  guint i;

  if (element == NULL || !JSON_NODE_HOLDS_OBJECT (element))
    return NULL;
  object = json_node_get_object (element);
  for (i = 0; i < G_N_ELEMENTS (members); i++)
    if (liaison_json_get_string (object, members[i]) != NULL)
      return liaison_json_get_string (object, members[i]);
  rows_of_lead = liaison_json_get_array (object, "LeadPropertyList");
  for (i = 0; rows_of_lead != NULL && i < json_array_get_length (rows_of_lead); i++)
    {
      JsonNode *row = json_array_get_element (rows_of_lead, i);

      if (JSON_NODE_HOLDS_OBJECT (row)
          && g_strcmp0 (liaison_json_get_string (json_node_get_object (row), "Attribute"),
                        "ProspectID")
                 == 0)
        return liaison_json_get_string (json_node_get_object (row), "Value");
    }
  return NULL;
}

static JsonObject *
expect_success (JsonNode *root, GError **error)
{
  JsonObject *object = liaison_json_expect_object (root, NULL, LIAISON_LSQ_SERVICE, error);
  const char *status;

  if (object == NULL)
    return NULL;
  status = liaison_json_get_string (object, "Status");
  if (g_strcmp0 (status, "Success") != 0)
    {
      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                   "%s answered with status “%s” instead of “Success”", LIAISON_LSQ_SERVICE,
                   status != NULL ? status : "(none)");
      return NULL;
    }
  return object;
}

gpointer
liaison_lsq_parse_id (LiaisonHttpCall *call, JsonNode *root, GError **error)
{
  JsonObject *object = expect_success (root, error);
  const char *id;

  if (object == NULL)
    return NULL;
  id = liaison_json_get_string (liaison_json_get_object (object, "Message"), "Id");
  if (id == NULL || *id == '\0')
    {
      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                   "%s reported success without the record's id", LIAISON_LSQ_SERVICE);
      return NULL;
    }
  return g_strdup (id);
}

gpointer
liaison_lsq_parse_done (LiaisonHttpCall *call, JsonNode *root, GError **error)
{
  return expect_success (root, error) != NULL ? GINT_TO_POINTER (TRUE) : NULL;
}

/* A bare array of flat lead objects ([] when nothing matched). */
gpointer
liaison_lsq_parse_leads (LiaisonHttpCall *call, JsonNode *root, GError **error)
{
  LiaisonLsqClient *self = liaison_http_call_get_source_object (call);
  JsonArray *array = liaison_json_expect_array (root, NULL, LIAISON_LSQ_SERVICE, error);
  g_autoptr (GPtrArray) leads = NULL;
  guint i;

  if (array == NULL)
    return NULL;
  leads = g_ptr_array_new_with_free_func (g_object_unref);
  for (i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr (GError) why = NULL;
      LiaisonContact *contact = liaison_lsq_contact_from_json (element, self->field_types, &why);

      /* One unreadable lead is left out and named, not the whole answer. */
      if (contact == NULL)
        {
          liaison_http_call_skip (call, "lead", i, liaison_lsq_lead_id_of (element), why);
          continue;
        }
      g_ptr_array_add (leads, contact);
    }
  return g_steal_pointer (&leads);
}

gpointer
liaison_lsq_parse_list (LiaisonHttpCall *call, JsonNode *root, GError **error)
{
  gpointer data = liaison_http_call_get_parse_data (call);
  const LiaisonLsqReader *reader = data;
  JsonArray *array = NULL;
  g_autoptr (GPtrArray) items = NULL;
  guint i;

  /* Some lists come bare, some inside {"List": [...]}; accept both. */
  if (reader->member != NULL && root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    array = json_node_get_array (root);
  else
    array = liaison_json_expect_array (root, reader->member, LIAISON_LSQ_SERVICE, error);
  if (array == NULL)
    return NULL;

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr (GError) why = NULL;
      gpointer item = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        why = g_error_new (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                           "%s sent a list entry that is not an object", LIAISON_LSQ_SERVICE);
      else
        item = reader->read (json_node_get_object (element), &why);
      if (item == NULL)
        {
          liaison_http_call_skip (call, reader->kind, i, liaison_lsq_lead_id_of (element), why);
          continue;
        }
      g_ptr_array_add (items, item);
    }
  return g_steal_pointer (&items);
}

/* ---- users ---- */

static gpointer
read_user (JsonObject *object, GError **error)
{
  return liaison_lsq_user_from_json (object, error);
}

static const LiaisonLsqReader users_reader = { "List", read_user, "user" };

void
liaison_lsq_client_list_users_async (LiaisonLsqClient *self, GCancellable *cancellable,
                                     GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;

  g_return_if_fail (LIAISON_IS_LSQ_CLIENT (self));

  request = liaison_lsq_client_request (self, "GET", "/v2/UserManagement.svc/Users.Get",
                                        "list the users");
  liaison_lsq_client_run (self, request, liaison_lsq_parse_list, (gpointer) &users_reader, NULL,
                          (GDestroyNotify) g_ptr_array_unref, liaison_lsq_client_list_users_async,
                          cancellable, callback, user_data);
}

/* ---- lead metadata ---- */

static gpointer
read_field (JsonObject *object, GError **error)
{
  return liaison_lsq_field_def_from_json (object, error);
}

static const LiaisonLsqReader fields_reader = { "List", read_field, "lead field" };

static gpointer
parse_metadata (LiaisonHttpCall *call, JsonNode *root, GError **error)
{
  LiaisonLsqClient *self = liaison_http_call_get_source_object (call);
  GPtrArray *fields = liaison_lsq_parse_list (call, root, error);

  if (fields != NULL)
    liaison_lsq_client_set_field_defs (self, fields);
  return fields;
}

/* The lead field schema (LeadsMetaData.Get), as LiaisonFieldDefs keyed by
 * schema name; it also teaches this client the fields' types. */
void
liaison_lsq_client_get_metadata_async (LiaisonLsqClient *self, GCancellable *cancellable,
                                       GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;

  g_return_if_fail (LIAISON_IS_LSQ_CLIENT (self));

  request = liaison_lsq_client_request (self, "GET", "/v2/LeadManagement.svc/LeadsMetaData.Get",
                                        "get the lead fields");
  liaison_lsq_client_run (self, request, parse_metadata, (gpointer) &fields_reader, NULL,
                          (GDestroyNotify) g_ptr_array_unref, liaison_lsq_client_get_metadata_async,
                          cancellable, callback, user_data);
}

/* ---- region discovery ---- */

typedef struct
{
  LiaisonUser *user;
  char *api_url;
} KeyUser;

static void
key_user_free (KeyUser *key_user)
{
  g_clear_object (&key_user->user);
  g_free (key_user->api_url);
  g_free (key_user);
}

static gboolean
is_loopback (const char *host)
{
  return g_strcmp0 (host, "127.0.0.1") == 0 || g_ascii_strcasecmp (host, "localhost") == 0
         || g_strcmp0 (host, "::1") == 0 || g_strcmp0 (host, "[::1]") == 0;
}

/* The base URL of the regional host LSQCommonServiceURLs names ("api":
 * "api-in21.leadsquared.com"). The keys go there next, so it must be a
 * LeadSquared host (or this machine when asked on this machine). */
static char *
api_url_from (const char *asked_url, const char *api, const char *operation, GError **error)
{
  g_autoptr (GUri) asked = g_uri_parse (asked_url, G_URI_FLAGS_NONE, NULL);
  g_autoptr (GUri) named = NULL;
  g_autofree char *url = NULL;
  const char *host;
  gsize len;

  if (strstr (api, "://") != NULL)
    url = g_strdup (api);
  else
    {
      g_autofree char *probe = g_strconcat ("http://", api, NULL);
      g_autoptr (GUri) probe_uri = g_uri_parse (probe, G_URI_FLAGS_NONE, NULL);
      gboolean plain = asked != NULL && g_strcmp0 (g_uri_get_scheme (asked), "http") == 0
                       && probe_uri != NULL && is_loopback (g_uri_get_host (probe_uri));

      url = g_strconcat (plain ? "http://" : "https://", api, NULL);
    }
  len = strlen (url);
  while (len > 0 && url[len - 1] == '/')
    url[--len] = '\0';
  if (g_str_has_suffix (url, "/v2"))
    url[len - 3] = '\0';

  named = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  host = named != NULL ? g_uri_get_host (named) : NULL;
  if (host == NULL
      || !(g_str_has_suffix (host, ".leadsquared.com")
           || (asked != NULL && is_loopback (g_uri_get_host (asked)) && is_loopback (host)))
      || !liaison_http_check_base_url (url, NULL))
    {
      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                   "%s named the API host “%s”, which is not a LeadSquared host; "
                   "the keys are not sent there",
                   LIAISON_LSQ_SERVICE, api);
      return NULL;
    }
  return g_steal_pointer (&url);
}

static gpointer
parse_key_user (LiaisonHttpCall *call, JsonNode *root, GError **error)
{
  LiaisonLsqClient *self = liaison_http_call_get_source_object (call);
  const char *operation = liaison_http_call_get_operation (call);
  JsonObject *object = liaison_json_expect_object (root, NULL, LIAISON_LSQ_SERVICE, error);
  const char *api;
  KeyUser *key_user;
  g_autoptr (LiaisonUser) user = NULL;
  g_autofree char *api_url = NULL;

  if (object == NULL)
    return NULL;
  user = liaison_lsq_user_from_json (object, error);
  if (user == NULL)
    return NULL;

  api = liaison_json_get_string (liaison_json_get_object (object, "LSQCommonServiceURLs"), "api");
  if (api != NULL && *api != '\0')
    {
      api_url = api_url_from (liaison_http_get_base_url (self->http), api, operation, error);
      if (api_url == NULL)
        return NULL;
    }
  else
    {
      /* No region named: the host that answered is the account's. */
      g_debug ("%s named no regional host; keeping %s", LIAISON_LSQ_SERVICE,
               liaison_http_get_base_url (self->http));
      api_url = g_strdup (liaison_http_get_base_url (self->http));
    }

  key_user = g_new0 (KeyUser, 1);
  key_user->user = g_steal_pointer (&user);
  key_user->api_url = g_steal_pointer (&api_url);
  return key_user;
}

/* The user the keys belong to (UserByAccessKey.Get) and the base URL of the
 * account's regional API host. */
void
liaison_lsq_client_get_key_user_async (LiaisonLsqClient *self, GCancellable *cancellable,
                                       GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;

  g_return_if_fail (LIAISON_IS_LSQ_CLIENT (self));

  request = liaison_lsq_client_request (self, "GET", "/v2/Authentication.svc/UserByAccessKey.Get",
                                        "look up the account of the API keys");
  liaison_lsq_client_run (self, request, parse_key_user, NULL, NULL, (GDestroyNotify) key_user_free,
                          liaison_lsq_client_get_key_user_async, cancellable, callback, user_data);
}

LiaisonUser *
liaison_lsq_client_get_key_user_finish (LiaisonLsqClient *self, GAsyncResult *result,
                                        char **api_url, GError **error)
{
  KeyUser *key_user;
  LiaisonUser *user;

  key_user = liaison_http_call_finish (self, result, liaison_lsq_client_get_key_user_async, error);
  if (key_user == NULL)
    return NULL;
  user = g_steal_pointer (&key_user->user);
  if (api_url != NULL)
    *api_url = g_steal_pointer (&key_user->api_url);
  key_user_free (key_user);
  return user;
}

typedef struct
{
  LiaisonLsqClient *client;
  LiaisonUser *user;
} Discovered;

static void
discovered_free (Discovered *discovered)
{
  g_clear_object (&discovered->client);
  g_clear_object (&discovered->user);
  g_free (discovered);
}

static void
on_discovered (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LiaisonLsqClient *asked = LIAISON_LSQ_CLIENT (source);
  g_autoptr (LiaisonUser) user = NULL;
  g_autofree char *api_url = NULL;
  GError *error = NULL;
  Discovered *discovered;

  user = liaison_lsq_client_get_key_user_finish (asked, result, &api_url, &error);
  if (user == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  discovered = g_new0 (Discovered, 1);
  discovered->user = g_steal_pointer (&user);
  if (g_strcmp0 (api_url, liaison_http_get_base_url (asked->http)) == 0)
    discovered->client = g_object_ref (asked);
  else
    {
      g_autoptr (LiaisonHttp) http = liaison_http_new (
          LIAISON_HTTP_SERVICE_LSQ, api_url, liaison_http_get_authorizer (asked->http), &error);

      if (http == NULL)
        {
          discovered_free (discovered);
          g_task_return_error (task, error);
          return;
        }
      discovered->client = liaison_lsq_client_new (http);
    }
  g_task_return_pointer (task, discovered, (GDestroyNotify) discovered_free);
}

void
liaison_lsq_client_discover_async (const char *base_url, LiaisonAuthorizer *keys,
                                   GCancellable *cancellable, GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  g_autoptr (LiaisonHttp) http = NULL;
  g_autoptr (LiaisonLsqClient) asked = NULL;
  GError *error = NULL;
  GTask *task;

  g_return_if_fail (LIAISON_IS_AUTHORIZER (keys));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_lsq_client_discover_async);
  g_task_set_check_cancellable (task, FALSE);

  http = liaison_http_new (LIAISON_HTTP_SERVICE_LSQ,
                           base_url != NULL ? base_url : LIAISON_LSQ_DEFAULT_URL, keys, &error);
  if (http == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  asked = liaison_lsq_client_new (http);
  liaison_lsq_client_get_key_user_async (asked, cancellable, on_discovered, task);
}

/* A client for the account's regional host; user (optional) is the user
 * the keys belong to. */
LiaisonLsqClient *
liaison_lsq_client_discover_finish (GAsyncResult *result, LiaisonUser **user, GError **error)
{
  Discovered *discovered;
  LiaisonLsqClient *client;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, liaison_lsq_client_discover_async), NULL);

  discovered = g_task_propagate_pointer (G_TASK (result), error);
  if (discovered == NULL)
    return NULL;
  client = g_steal_pointer (&discovered->client);
  if (user != NULL)
    *user = g_steal_pointer (&discovered->user);
  discovered_free (discovered);
  return client;
}
