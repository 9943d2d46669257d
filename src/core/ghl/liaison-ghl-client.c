/* liaison-ghl-client.c: LiaisonGhlClient, its call helper, and contacts.
 *
 * Every call goes through LiaisonHttp (rate limits, retries, 401 refresh),
 * sends the Version header of its API group, and validates the reply before
 * it becomes a model. Creates are not flagged idempotent, so they are never
 * repeated after a failure that may have reached HighLevel; upserts,
 * searches and tag changes are.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-ghl"

#include "liaison-ghl-client-private.h"
#include "liaison-json.h"

struct _LiaisonGhlClient
{
  GObject parent_instance;

  LiaisonHttp *http;
  char *location_id;
  LiaisonHttpPriority priority;
};

G_DEFINE_FINAL_TYPE (LiaisonGhlClient, liaison_ghl_client, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_HTTP,
  PROP_LOCATION_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
liaison_ghl_client_finalize (GObject *object)
{
  LiaisonGhlClient *self = (LiaisonGhlClient *) object;

  g_clear_object (&self->http);
  g_free (self->location_id);

  G_OBJECT_CLASS (liaison_ghl_client_parent_class)->finalize (object);
}

static void
liaison_ghl_client_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LiaisonGhlClient *self = LIAISON_GHL_CLIENT (object);

  switch (prop_id)
    {
      case PROP_HTTP:
        g_value_set_object (value, self->http);
        break;
      case PROP_LOCATION_ID:
        g_value_set_string (value, self->location_id);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_ghl_client_set_property (GObject *object, guint prop_id, const GValue *value,
                                 GParamSpec *pspec)
{
  LiaisonGhlClient *self = LIAISON_GHL_CLIENT (object);

  switch (prop_id)
    {
      case PROP_HTTP:
        self->http = g_value_dup_object (value);
        break;
      case PROP_LOCATION_ID:
        self->location_id = g_value_dup_string (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_ghl_client_class_init (LiaisonGhlClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS
                      | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = liaison_ghl_client_finalize;
  object_class->get_property = liaison_ghl_client_get_property;
  object_class->set_property = liaison_ghl_client_set_property;

  properties[PROP_HTTP] = g_param_spec_object ("http", NULL, NULL, LIAISON_TYPE_HTTP, flags);
  /* The sub-account every call works in. */
  properties[PROP_LOCATION_ID] = g_param_spec_string ("location-id", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_ghl_client_init (LiaisonGhlClient *self)
{
  self->priority = LIAISON_HTTP_PRIORITY_INTERACTIVE;
}

/* Two clients may share one LiaisonHttp (and so one set of limits): one
 * for the interface at interactive priority, one for sync in the background. */
LiaisonGhlClient *
liaison_ghl_client_new (LiaisonHttp *http, const char *location_id)
{
  g_return_val_if_fail (LIAISON_IS_HTTP (http), NULL);
  g_return_val_if_fail (location_id != NULL && *location_id != '\0', NULL);

  return g_object_new (LIAISON_TYPE_GHL_CLIENT, "http", http, "location-id", location_id, NULL);
}

LiaisonHttp *
liaison_ghl_client_get_http (LiaisonGhlClient *self)
{
  g_return_val_if_fail (LIAISON_IS_GHL_CLIENT (self), NULL);
  return self->http;
}

const char *
liaison_ghl_client_get_location_id (LiaisonGhlClient *self)
{
  g_return_val_if_fail (LIAISON_IS_GHL_CLIENT (self), NULL);
  return self->location_id;
}

LiaisonHttpPriority
liaison_ghl_client_get_priority (LiaisonGhlClient *self)
{
  g_return_val_if_fail (LIAISON_IS_GHL_CLIENT (self), LIAISON_HTTP_PRIORITY_INTERACTIVE);
  return self->priority;
}

void
liaison_ghl_client_set_priority (LiaisonGhlClient *self, LiaisonHttpPriority priority)
{
  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  self->priority = priority;
}

/* ---- the call helper ---- */

const char liaison_ghl_slash[] = "";

/* Every segment but LIAISON_GHL_SLASH is checked as an id (the fixed ones
 * pass: "contacts", "free-slots") and escaped; a bad one marks the request
 * refused, so that its call fails before anything is sent. */
LiaisonHttpRequest *
liaison_ghl_client_request (LiaisonGhlClient *self, const char *method, const char *version,
                            const char *operation, const char *first_segment, ...)
{
  g_autoptr (GString) path = g_string_new (NULL);
  GError *error = NULL;
  LiaisonHttpRequest *request;
  const char *segment;
  va_list args;

  va_start (args, first_segment);
  for (segment = first_segment; segment != NULL; segment = va_arg (args, const char *))
    {
      if (segment == LIAISON_GHL_SLASH)
        g_string_append_c (path, '/');
      else
        {
          if (error == NULL)
            liaison_http_check_id (segment, operation, LIAISON_GHL_SERVICE, &error);
          liaison_http_append_segment (path, segment);
        }
    }
  va_end (args);

  request = liaison_http_request_new (method, path->str, operation);
  if (error != NULL)
    liaison_http_request_take_error (request, error);
  liaison_http_request_add_header (request, "Version", version);
  liaison_http_request_set_priority (request, self->priority);
  return request;
}

/* Sends request and parses its reply with parse (which may return NULL
 * without an error for "nothing found"). Takes a reference on request. */
void
liaison_ghl_client_run (LiaisonGhlClient *self, LiaisonHttpRequest *request,
                        LiaisonHttpCallParseFunc parse, gpointer parse_data,
                        GDestroyNotify result_free, gpointer source_tag, GCancellable *cancellable,
                        GAsyncReadyCallback callback, gpointer user_data)
{
  liaison_http_call_run (self, self->http, request, parse, parse_data, NULL, result_free,
                         source_tag, cancellable, callback, user_data);
}

void
liaison_ghl_client_run_one (LiaisonGhlClient *self, LiaisonHttpRequest *request,
                            const LiaisonGhlReader *reader, gpointer source_tag,
                            GCancellable *cancellable, GAsyncReadyCallback callback,
                            gpointer user_data)
{
  liaison_ghl_client_run (self, request, liaison_ghl_parse_one, (gpointer) reader, g_object_unref,
                          source_tag, cancellable, callback, user_data);
}

void
liaison_ghl_client_run_list (LiaisonGhlClient *self, LiaisonHttpRequest *request,
                             const LiaisonGhlReader *reader, gpointer source_tag,
                             GCancellable *cancellable, GAsyncReadyCallback callback,
                             gpointer user_data)
{
  liaison_http_request_set_max_reply_size (request, LIAISON_HTTP_MAX_REPLY_PAGE);
  liaison_ghl_client_run (self, request, liaison_ghl_parse_list, (gpointer) reader,
                          (GDestroyNotify) g_ptr_array_unref, source_tag, cancellable, callback,
                          user_data);
}

void
liaison_ghl_client_run_done (LiaisonGhlClient *self, LiaisonHttpRequest *request,
                             gpointer source_tag, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data)
{
  liaison_ghl_client_run (self, request, liaison_ghl_parse_done, NULL, NULL, source_tag,
                          cancellable, callback, user_data);
}

gpointer
liaison_ghl_parse_done (LiaisonHttpCall *call, JsonNode *root, GError **error)
{
  return GINT_TO_POINTER (TRUE);
}

gpointer
liaison_ghl_parse_one (LiaisonHttpCall *call, JsonNode *root, GError **error)
{
  const LiaisonGhlReader *reader = liaison_http_call_get_parse_data (call);
  JsonObject *object
      = liaison_json_expect_object (root, reader->member, LIAISON_GHL_SERVICE, error);

  return object != NULL ? reader->read (object, error) : NULL;
}

/* Reads every entry of array; one that cannot be read is skipped and named
 * instead of failing the page. */
GPtrArray *
liaison_ghl_read_list (LiaisonHttpCall *call, JsonArray *array, const LiaisonGhlReader *reader)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  guint i;

  for (i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr (GError) why = NULL;
      gpointer item = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        why = g_error_new (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                           "%s sent a list entry that is not an object", LIAISON_GHL_SERVICE);
      else
        item = reader->read (json_node_get_object (element), &why);
      if (item == NULL)
        {
          liaison_http_call_skip (call, reader->kind, i,
                                  JSON_NODE_HOLDS_OBJECT (element) ? liaison_json_get_string (
                                      json_node_get_object (element), "id")
                                                                   : NULL,
                                  why);
          continue;
        }
      g_ptr_array_add (items, item);
    }
  return items;
}

gpointer
liaison_ghl_parse_list (LiaisonHttpCall *call, JsonNode *root, GError **error)
{
  const LiaisonGhlReader *reader = liaison_http_call_get_parse_data (call);
  JsonArray *array = liaison_json_expect_array (root, reader->member, LIAISON_GHL_SERVICE, error);

  return array != NULL ? liaison_ghl_read_list (call, array, reader) : NULL;
}

/* Every _async whose result is a GPtrArray of models. */
GPtrArray *
liaison_ghl_client_list_finish (LiaisonGhlClient *self, GAsyncResult *result, GError **error)
{
  static const gpointer tags[] = {
    liaison_ghl_client_list_tasks_async,
    liaison_ghl_client_list_notes_async,
    liaison_ghl_client_list_contact_appointments_async,
    liaison_ghl_client_list_calendars_async,
    liaison_ghl_client_get_free_slots_async,
    liaison_ghl_client_list_events_async,
    liaison_ghl_client_list_custom_fields_async,
    liaison_ghl_client_list_users_async,
    NULL,
  };

  return liaison_http_call_finish_any (self, result, tags, error);
}

gboolean
liaison_ghl_client_delete_finish (LiaisonGhlClient *self, GAsyncResult *result, GError **error)
{
  static const gpointer tags[] = {
    liaison_ghl_client_delete_contact_async,
    liaison_ghl_client_delete_task_async,
    liaison_ghl_client_delete_note_async,
    liaison_ghl_client_delete_appointment_async,
    NULL,
  };

  return liaison_http_call_finish_any (self, result, tags, error) != NULL;
}

/* ---- contacts ---- */

static gpointer
read_contact (JsonObject *object, GError **error)
{
  return liaison_ghl_contact_from_json (object, error);
}

static const LiaisonGhlReader contact_reader = { "contact", read_contact, "contact" };

static gboolean
check_id (LiaisonGhlClient *self, const char *id, const char *what, gpointer source_tag,
          GAsyncReadyCallback callback, gpointer user_data)
{
  if (id != NULL && *id != '\0')
    return TRUE;
  liaison_http_call_report_error (self, source_tag, callback, user_data,
                                  g_error_new (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_VALIDATION,
                                               "%s has no HighLevel id", what));
  return FALSE;
}

void
liaison_ghl_client_get_contact_async (LiaisonGhlClient *self, const char *contact_id,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  if (!check_id (self, contact_id, "The contact", liaison_ghl_client_get_contact_async, callback,
                 user_data))
    return;

  request = liaison_ghl_client_request (self, "GET", LIAISON_GHL_VERSION_CONTACTS,
                                        "get the contact", "contacts", contact_id, NULL);
  liaison_ghl_client_run_one (self, request, &contact_reader, liaison_ghl_client_get_contact_async,
                              cancellable, callback, user_data);
}

LiaisonContact *
liaison_ghl_client_get_contact_finish (LiaisonGhlClient *self, GAsyncResult *result, GError **error)
{
  return liaison_http_call_finish (self, result, liaison_ghl_client_get_contact_async, error);
}

void
liaison_ghl_client_create_contact_async (LiaisonGhlClient *self, LiaisonContact *contact,
                                         GCancellable *cancellable, GAsyncReadyCallback callback,
                                         gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autoptr (JsonNode) body = NULL;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (LIAISON_IS_CONTACT (contact));

  request = liaison_ghl_client_request (self, "POST", LIAISON_GHL_VERSION_CONTACTS,
                                        "create the contact", "contacts", LIAISON_GHL_SLASH, NULL);
  liaison_http_request_set_subject (request, "the contact");
  body = liaison_ghl_contact_to_json (contact, LIAISON_GHL_WRITE_CREATE, self->location_id);
  liaison_http_request_set_json_body (request, body);
  liaison_ghl_client_run_one (self, request, &contact_reader,
                              liaison_ghl_client_create_contact_async, cancellable, callback,
                              user_data);
}

LiaisonContact *
liaison_ghl_client_create_contact_finish (LiaisonGhlClient *self, GAsyncResult *result,
                                          GError **error)
{
  return liaison_http_call_finish (self, result, liaison_ghl_client_create_contact_async, error);
}

/* Changes the fields the contact has set (NULL strings are left alone). */
void
liaison_ghl_client_update_contact_async (LiaisonGhlClient *self, LiaisonContact *contact,
                                         GCancellable *cancellable, GAsyncReadyCallback callback,
                                         gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autoptr (JsonNode) body = NULL;
  const char *id;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (LIAISON_IS_CONTACT (contact));

  id = liaison_contact_get_id (contact);
  if (!check_id (self, id, "The contact", liaison_ghl_client_update_contact_async, callback,
                 user_data))
    return;

  request = liaison_ghl_client_request (self, "PUT", LIAISON_GHL_VERSION_CONTACTS,
                                        "update the contact", "contacts", id, NULL);
  liaison_http_request_set_subject (request, "the contact");
  body = liaison_ghl_contact_to_json (contact, LIAISON_GHL_WRITE_UPDATE, self->location_id);
  liaison_http_request_set_json_body (request, body);
  liaison_ghl_client_run_one (self, request, &contact_reader,
                              liaison_ghl_client_update_contact_async, cancellable, callback,
                              user_data);
}

LiaisonContact *
liaison_ghl_client_update_contact_finish (LiaisonGhlClient *self, GAsyncResult *result,
                                          GError **error)
{
  return liaison_http_call_finish (self, result, liaison_ghl_client_update_contact_async, error);
}

typedef struct
{
  LiaisonContact *contact;
  gboolean created;
} Upserted;

static void
upserted_free (Upserted *upserted)
{
  g_clear_object (&upserted->contact);
  g_free (upserted);
}

static gpointer
parse_upserted (LiaisonHttpCall *call, JsonNode *root, GError **error)
{
  JsonObject *object = liaison_json_expect_object (root, "contact", LIAISON_GHL_SERVICE, error);
  Upserted *upserted;
  LiaisonContact *contact;

  if (object == NULL || (contact = liaison_ghl_contact_from_json (object, error)) == NULL)
    return NULL;
  upserted = g_new0 (Upserted, 1);
  upserted->contact = contact;
  upserted->created = liaison_json_get_boolean (json_node_get_object (root), "new", FALSE);
  return upserted;
}

/* Creates or updates by the location's duplicate rule (email, then phone).
 * Safe to repeat, so it is retried like a read. */
void
liaison_ghl_client_upsert_contact_async (LiaisonGhlClient *self, LiaisonContact *contact,
                                         GCancellable *cancellable, GAsyncReadyCallback callback,
                                         gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autoptr (JsonNode) body = NULL;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (LIAISON_IS_CONTACT (contact));

  request = liaison_ghl_client_request (self, "POST", LIAISON_GHL_VERSION_CONTACTS,
                                        "upsert the contact", "contacts", "upsert", NULL);
  liaison_http_request_set_subject (request, "the contact");
  liaison_http_request_set_idempotent (request, TRUE);
  body = liaison_ghl_contact_to_json (contact, LIAISON_GHL_WRITE_UPSERT, self->location_id);
  liaison_http_request_set_json_body (request, body);
  liaison_ghl_client_run (self, request, parse_upserted, NULL, (GDestroyNotify) upserted_free,
                          liaison_ghl_client_upsert_contact_async, cancellable, callback,
                          user_data);
}

LiaisonContact *
liaison_ghl_client_upsert_contact_finish (LiaisonGhlClient *self, GAsyncResult *result,
                                          gboolean *created, GError **error)
{
  Upserted *upserted
      = liaison_http_call_finish (self, result, liaison_ghl_client_upsert_contact_async, error);
  LiaisonContact *contact;

  if (upserted == NULL)
    return NULL;
  if (created != NULL)
    *created = upserted->created;
  contact = g_steal_pointer (&upserted->contact);
  upserted_free (upserted);
  return contact;
}

void
liaison_ghl_client_delete_contact_async (LiaisonGhlClient *self, const char *contact_id,
                                         GCancellable *cancellable, GAsyncReadyCallback callback,
                                         gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  if (!check_id (self, contact_id, "The contact", liaison_ghl_client_delete_contact_async, callback,
                 user_data))
    return;

  request = liaison_ghl_client_request (self, "DELETE", LIAISON_GHL_VERSION_CONTACTS,
                                        "delete the contact", "contacts", contact_id, NULL);
  liaison_ghl_client_run_done (self, request, liaison_ghl_client_delete_contact_async, cancellable,
                               callback, user_data);
}

gboolean
liaison_ghl_client_delete_contact_finish (LiaisonGhlClient *self, GAsyncResult *result,
                                          GError **error)
{
  return liaison_http_call_finish (self, result, liaison_ghl_client_delete_contact_async, error)
         != NULL;
}
