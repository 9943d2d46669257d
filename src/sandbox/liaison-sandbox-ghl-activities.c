/* liaison-sandbox-ghl-activities.c: HighLevel tasks, notes and appointments of a
 * contact, plus the location's custom field definitions, users and the location.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "liaison-sandbox-ghl"

#include "liaison-sandbox-ghl-private.h"

static gboolean
is_type (JsonObject *o, const char *member, GType type)
{
  JsonNode *n = json_object_get_member (o, member);

  return n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == type;
}

/* Returns the owned child record (task or note) of the contact in the path. */
static JsonObject *
child_lookup (LiaisonSandboxRequest *req, LiaisonSandboxTable *table, const char *id_param,
              const char *what)
{
  JsonObject *child
      = liaison_sandbox_table_lookup (table, liaison_sandbox_request_get_param (req, id_param));

  if (child == NULL
      || g_strcmp0 (ghl_get_string (child, "contactId"),
                    liaison_sandbox_request_get_param (req, "contactId"))
             != 0)
    {
      g_autofree char *message = g_strdup_printf ("%s not found", what);

      ghl_error (req, GHL_NOT_FOUND_STATUS, message);
      return NULL;
    }
  return child;
}

static void
reply_wrapped (LiaisonSandboxRequest *req, guint status, const char *key, JsonObject *record)
{
  JsonObject *o = json_object_new ();

  json_object_set_object_member (o, key, ghl_public_copy (record));
  liaison_sandbox_request_reply_object (req, status, o);
}

static void
reply_deleted (LiaisonSandboxRequest *req)
{
  JsonObject *o = json_object_new ();

  json_object_set_boolean_member (o, "succeded", TRUE);
  liaison_sandbox_request_reply_object (req, 200, o);
}

static void
reply_list (LiaisonSandboxRequest *req, LiaisonSandboxTable *table, const char *key,
            const char *contact_id)
{
  JsonObject *o = json_object_new ();
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < liaison_sandbox_table_size (table); i++)
    {
      JsonObject *r = liaison_sandbox_table_index (table, i);

      if (g_strcmp0 (ghl_get_string (r, "contactId"), contact_id) == 0)
        json_array_add_object_element (array, ghl_public_copy (r));
    }
  json_object_set_array_member (o, key, array);
  liaison_sandbox_request_reply_object (req, 200, o);
}

/* ---- tasks ---- */

static const char *const task_fields[]
    = { "title", "body", "dueDate", "completed", "assignedTo", NULL };

/* Validates and applies a task body; create demands title, dueDate and completed. */
static gboolean
task_apply (LiaisonSandboxGhl *self, JsonObject *task, JsonObject *body, gboolean create,
            GPtrArray *errors)
{
  gint64 due;

  if (create && !json_object_has_member (body, "title"))
    g_ptr_array_add (errors, g_strdup ("title should not be empty"));
  if (json_object_has_member (body, "title") && !is_type (body, "title", G_TYPE_STRING))
    g_ptr_array_add (errors, g_strdup ("title must be a string"));
  if (json_object_has_member (body, "body") && !is_type (body, "body", G_TYPE_STRING)
      && !JSON_NODE_HOLDS_NULL (json_object_get_member (body, "body")))
    g_ptr_array_add (errors, g_strdup ("body must be a string"));
  if (create && !json_object_has_member (body, "dueDate"))
    g_ptr_array_add (errors, g_strdup ("dueDate should not be empty"));
  if (json_object_has_member (body, "dueDate")
      && (!is_type (body, "dueDate", G_TYPE_STRING)
          || !ghl_parse_time_string (ghl_get_string (body, "dueDate"), &due)))
    g_ptr_array_add (errors, g_strdup ("dueDate must be a valid ISO 8601 date string"));
  if (create && !json_object_has_member (body, "completed"))
    g_ptr_array_add (errors, g_strdup ("completed should not be empty"));
  if (json_object_has_member (body, "completed") && !is_type (body, "completed", G_TYPE_BOOLEAN))
    g_ptr_array_add (errors, g_strdup ("completed must be a boolean value"));
  if (json_object_has_member (body, "assignedTo")
      && (!is_type (body, "assignedTo", G_TYPE_STRING)
          || liaison_sandbox_table_lookup (self->users, ghl_get_string (body, "assignedTo"))
                 == NULL))
    g_ptr_array_add (errors, g_strdup ("assignedTo must be the id of a user of this location"));
  if (errors->len > 0)
    return FALSE;

  if (json_object_has_member (body, "title"))
    json_object_set_string_member (task, "title", ghl_get_string (body, "title"));
  if (json_object_has_member (body, "body"))
    json_object_set_member (task, "body", json_node_copy (json_object_get_member (body, "body")));
  if (json_object_has_member (body, "dueDate"))
    {
      g_autofree char *iso = NULL;

      ghl_parse_time_string (ghl_get_string (body, "dueDate"), &due);
      iso = ghl_iso_ms (due);
      json_object_set_string_member (task, "dueDate", iso);
    }
  if (json_object_has_member (body, "completed"))
    json_object_set_boolean_member (task, "completed",
                                    json_object_get_boolean_member (body, "completed"));
  if (json_object_has_member (body, "assignedTo"))
    json_object_set_string_member (task, "assignedTo", ghl_get_string (body, "assignedTo"));
  return TRUE;
}

/* ---- notes ---- */

static const char *const note_fields[] = { "userId", "body", "title", "color", "pinned", NULL };

static gboolean
note_apply (LiaisonSandboxGhl *self, JsonObject *note, JsonObject *body, gboolean create,
            GPtrArray *errors)
{
  static const char *const strings[] = { "body", "title", "color", "userId" };

  if (create && !json_object_has_member (body, "body"))
    g_ptr_array_add (errors, g_strdup ("body should not be empty"));
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    if (json_object_has_member (body, strings[i]) && !is_type (body, strings[i], G_TYPE_STRING))
      g_ptr_array_add (errors, g_strdup_printf ("%s must be a string", strings[i]));
  if (json_object_has_member (body, "pinned") && !is_type (body, "pinned", G_TYPE_BOOLEAN))
    g_ptr_array_add (errors, g_strdup ("pinned must be a boolean value"));
  if (errors->len > 0)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    if (json_object_has_member (body, strings[i]))
      json_object_set_string_member (note, strings[i], ghl_get_string (body, strings[i]));
  if (json_object_has_member (body, "pinned"))
    json_object_set_boolean_member (note, "pinned",
                                    json_object_get_boolean_member (body, "pinned"));
  return TRUE;
}

static void
task_init (JsonObject *task, JsonObject *token, LiaisonSandboxRequest *req)
{
  json_object_set_null_member (task, "body");
  json_object_set_null_member (task, "assignedTo");
}

static void
note_init (JsonObject *note, JsonObject *token, LiaisonSandboxRequest *req)
{
  g_autofree char *now = ghl_iso_ms (liaison_sandbox_request_now_ms (req));

  json_object_set_string_member (note, "userId", ghl_get_string (token, "userId"));
  json_object_set_string_member (note, "dateAdded", now);
}

/* ---- the handlers tasks and notes share ---- */

/* What differs between a contact's tasks and its notes; the handlers below serve both. */
typedef struct
{
  const char *list_key;
  const char *key;
  const char *id_param;
  const char *what;
  const char *const *fields;
  gsize table_offset;
  /* Sets the members a new record starts with, between its id and its contactId. */
  void (*init) (JsonObject *record, JsonObject *token, LiaisonSandboxRequest *req);
  gboolean (*apply) (LiaisonSandboxGhl *self, JsonObject *record, JsonObject *body, gboolean create,
                     GPtrArray *errors);
} ChildKind;

static const ChildKind task_kind = {
  "tasks",   "task",     "taskId", "Task", task_fields, G_STRUCT_OFFSET (LiaisonSandboxGhl, tasks),
  task_init, task_apply,
};

static const ChildKind note_kind = {
  "notes",   "note",     "id", "Note", note_fields, G_STRUCT_OFFSET (LiaisonSandboxGhl, notes),
  note_init, note_apply,
};

static const ChildKind *
child_kind (LiaisonSandboxRequest *req)
{
  return g_str_has_prefix (liaison_sandbox_request_get_route (req), "/contacts/:contactId/tasks")
             ? &task_kind
             : &note_kind;
}

static LiaisonSandboxTable *
child_table (LiaisonSandboxGhl *self, const ChildKind *kind)
{
  return G_STRUCT_MEMBER (LiaisonSandboxTable *, self, kind->table_offset);
}

/* Checks the token for scope and finds the contact in the path; NULL once it has replied. */
static JsonObject *
child_contact (LiaisonSandboxGhl *self, LiaisonSandboxRequest *req, const char *scope,
               JsonObject **token)
{
  *token = ghl_begin (self, req, GHL_V_CONTACTS, scope);
  if (*token == NULL)
    return NULL;
  return ghl_contact_lookup (self, req, *token,
                             liaison_sandbox_request_get_param (req, "contactId"));
}

/* The contact's record in the path, or NULL once it has replied. */
static JsonObject *
child_existing (LiaisonSandboxGhl *self, LiaisonSandboxRequest *req, const char *scope)
{
  const ChildKind *kind = child_kind (req);
  JsonObject *token;

  if (child_contact (self, req, scope, &token) == NULL)
    return NULL;
  return child_lookup (req, child_table (self, kind), kind->id_param, kind->what);
}

static void
child_list (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  const ChildKind *kind = child_kind (req);
  JsonObject *token, *contact = child_contact (self, req, "contacts.readonly", &token);

  if (contact == NULL)
    return;
  reply_list (req, child_table (self, kind), kind->list_key, ghl_get_string (contact, "id"));
}

static void
child_create (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  const ChildKind *kind = child_kind (req);
  JsonObject *token, *contact, *body;
  g_autoptr (JsonObject) record = NULL;
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *id = NULL;

  if ((contact = child_contact (self, req, "contacts.write", &token)) == NULL
      || (body = ghl_body_object (req)) == NULL || !ghl_check_whitelist (req, body, kind->fields))
    return;
  record = json_object_new ();
  id = ghl_new_id (self);
  json_object_set_string_member (record, "id", id);
  kind->init (record, token, req);
  json_object_set_string_member (record, "contactId", ghl_get_string (contact, "id"));
  if (!kind->apply (self, record, body, TRUE, errors))
    return ghl_error_422 (req, errors);
  liaison_sandbox_table_insert (child_table (self, kind), record);
  reply_wrapped (req, 201, kind->key, record);
}

static void
child_get (LiaisonSandboxRequest *req, gpointer user_data)
{
  JsonObject *record = child_existing (user_data, req, "contacts.readonly");

  if (record != NULL)
    reply_wrapped (req, 200, child_kind (req)->key, record);
}

static void
child_update (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  const ChildKind *kind = child_kind (req);
  /* PUT .../tasks/:taskId/completed takes nothing but "completed". */
  gboolean completed_route
      = kind == &task_kind
        && g_str_has_suffix (liaison_sandbox_request_get_path (req), "/completed");
  static const char *const completed_fields[] = { "completed", NULL };
  JsonObject *record, *body;
  g_autoptr (JsonObject) draft = NULL;
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);

  if ((record = child_existing (self, req, "contacts.write")) == NULL
      || (body = ghl_body_object (req)) == NULL
      || !ghl_check_whitelist (req, body, completed_route ? completed_fields : kind->fields))
    return;
  if (completed_route && !json_object_has_member (body, "completed"))
    return ghl_error_422_one (req, "completed must be a boolean value");
  draft = ghl_deep_copy (record);
  if (!kind->apply (self, draft, body, FALSE, errors))
    return ghl_error_422 (req, errors);
  liaison_sandbox_table_insert (child_table (self, kind), draft);
  reply_wrapped (req, 200, kind->key, draft);
}

static void
child_delete (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  const ChildKind *kind = child_kind (req);

  if (child_existing (self, req, "contacts.write") == NULL)
    return;
  liaison_sandbox_table_remove (child_table (self, kind),
                                liaison_sandbox_request_get_param (req, kind->id_param));
  reply_deleted (req);
}

/* ---- a contact's appointments ---- */

static void
contact_appointments (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  JsonObject *token = ghl_begin (self, req, GHL_V_CONTACTS, "contacts.readonly");
  JsonObject *contact;
  JsonArray *events;

  if (token == NULL
      || (contact = ghl_contact_lookup (self, req, token,
                                        liaison_sandbox_request_get_param (req, "contactId")))
             == NULL)
    return;
  events = json_array_new ();
  for (guint i = 0; i < liaison_sandbox_table_size (self->events); i++)
    {
      JsonObject *e = liaison_sandbox_table_index (self->events, i);
      JsonObject *pub, *calendar;
      const char *tz;
      g_autofree char *start = NULL;
      g_autofree char *end = NULL;

      if (g_strcmp0 (ghl_get_string (e, "contactId"), ghl_get_string (contact, "id")) != 0)
        continue;
      pub = ghl_event_public (self, e);
      calendar = liaison_sandbox_table_lookup (self->calendars, ghl_get_string (e, "calendarId"));
      tz = ghl_get_string (calendar, "_timezone");
      /* This older endpoint gives wall-clock times without a zone, as its spec shows. */
      start
          = ghl_local_time (json_object_get_int_member_with_default (e, "_startMs", 0), tz, FALSE);
      end = ghl_local_time (json_object_get_int_member_with_default (e, "_endMs", 0), tz, FALSE);
      json_object_set_string_member (pub, "startTime", start);
      json_object_set_string_member (pub, "endTime", end);
      json_object_set_string_member (pub, "status", ghl_get_string (e, "appointmentStatus"));
      json_object_remove_member (pub, "description");
      json_object_remove_member (pub, "createdBy");
      json_array_add_object_element (events, pub);
    }
  ghl_reply_array (req, "events", events);
}

/* ---- location, custom fields, users ---- */

static void
location_get (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  JsonObject *token = ghl_begin (self, req, GHL_V_CONTACTS, "locations.readonly");
  const char *location_id = liaison_sandbox_request_get_param (req, "locationId");
  JsonObject *location;

  if (token == NULL || !ghl_check_location (req, token, location_id))
    return;
  location = liaison_sandbox_table_lookup (self->locations, location_id);
  if (location == NULL)
    return ghl_error (req, GHL_NOT_FOUND_STATUS, "Location not found");
  reply_wrapped (req, 200, "location", location);
}

static void
custom_fields_list (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  JsonObject *token = ghl_begin (self, req, GHL_V_CONTACTS, "locations/customFields.readonly");
  const char *location_id = liaison_sandbox_request_get_param (req, "locationId");
  const char *model = liaison_sandbox_request_get_query (req, "model");
  JsonArray *array;

  if (token == NULL || !ghl_check_location (req, token, location_id))
    return;
  if (model != NULL && !g_str_equal (model, "contact") && !g_str_equal (model, "opportunity")
      && !g_str_equal (model, "all"))
    return ghl_error_422_one (
        req, "model must be one of the following values: contact, opportunity, all");
  array = json_array_new ();
  for (guint i = 0; i < liaison_sandbox_table_size (self->custom_fields); i++)
    {
      JsonObject *f = liaison_sandbox_table_index (self->custom_fields, i);

      if (g_strcmp0 (ghl_get_string (f, "locationId"), location_id) == 0
          && (model == NULL || g_str_equal (model, "all")
              || g_strcmp0 (ghl_get_string (f, "model"), model) == 0))
        json_array_add_object_element (array, ghl_public_copy (f));
    }
  ghl_reply_array (req, "customFields", array);
}

static void
custom_field_get (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  JsonObject *token = ghl_begin (self, req, GHL_V_CONTACTS, "locations/customFields.readonly");
  const char *location_id = liaison_sandbox_request_get_param (req, "locationId");
  const char *id = liaison_sandbox_request_get_param (req, "id");
  JsonObject *field;

  if (token == NULL || !ghl_check_location (req, token, location_id))
    return;
  /* The id may also be a field key such as "contact.lead_stage". */
  field = liaison_sandbox_table_lookup (self->custom_fields, id);
  for (guint i = 0; field == NULL && i < liaison_sandbox_table_size (self->custom_fields); i++)
    if (g_strcmp0 (
            ghl_get_string (liaison_sandbox_table_index (self->custom_fields, i), "fieldKey"), id)
        == 0)
      field = liaison_sandbox_table_index (self->custom_fields, i);
  if (field == NULL || g_strcmp0 (ghl_get_string (field, "locationId"), location_id) != 0)
    return ghl_error (req, GHL_NOT_FOUND_STATUS, "Custom field not found");
  reply_wrapped (req, 200, "customField", field);
}

static void
users_list (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  JsonObject *token = ghl_begin (self, req, GHL_V_CONTACTS, "users.readonly");
  const char *location_id = liaison_sandbox_request_get_query (req, "locationId");
  JsonArray *array;

  if (token == NULL)
    return;
  if (location_id == NULL)
    return ghl_error_422_one (req, "locationId should not be empty");
  if (!ghl_check_location (req, token, location_id))
    return;
  array = json_array_new ();
  for (guint i = 0; i < liaison_sandbox_table_size (self->users); i++)
    json_array_add_object_element (array,
                                   ghl_public_copy (liaison_sandbox_table_index (self->users, i)));
  ghl_reply_array (req, "users", array);
}

static void
user_get (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  JsonObject *token = ghl_begin (self, req, GHL_V_CONTACTS, "users.readonly");
  JsonObject *user;

  if (token == NULL)
    return;
  user = liaison_sandbox_table_lookup (self->users,
                                       liaison_sandbox_request_get_param (req, "userId"));
  if (user == NULL)
    return ghl_error (req, GHL_NOT_FOUND_STATUS, "User not found");
  liaison_sandbox_request_reply_object (req, 200, ghl_public_copy (user));
}

void
ghl_activities_register (LiaisonSandboxGhl *self)
{
  LiaisonSandboxServer *s = self->server;

  liaison_sandbox_server_route (s, "GET", "/contacts/:contactId/tasks", NULL, 0, child_list, self);
  liaison_sandbox_server_route (s, "POST", "/contacts/:contactId/tasks", NULL, 0, child_create,
                                self);
  liaison_sandbox_server_route (s, "GET", "/contacts/:contactId/tasks/:taskId", NULL, 0, child_get,
                                self);
  liaison_sandbox_server_route (s, "PUT", "/contacts/:contactId/tasks/:taskId", NULL, 0,
                                child_update, self);
  liaison_sandbox_server_route (s, "DELETE", "/contacts/:contactId/tasks/:taskId", NULL, 0,
                                child_delete, self);
  liaison_sandbox_server_route (s, "PUT", "/contacts/:contactId/tasks/:taskId/completed", NULL, 0,
                                child_update, self);
  liaison_sandbox_server_route (s, "GET", "/contacts/:contactId/notes", NULL, 0, child_list, self);
  liaison_sandbox_server_route (s, "POST", "/contacts/:contactId/notes", NULL, 0, child_create,
                                self);
  liaison_sandbox_server_route (s, "GET", "/contacts/:contactId/notes/:id", NULL, 0, child_get,
                                self);
  liaison_sandbox_server_route (s, "PUT", "/contacts/:contactId/notes/:id", NULL, 0, child_update,
                                self);
  liaison_sandbox_server_route (s, "DELETE", "/contacts/:contactId/notes/:id", NULL, 0,
                                child_delete, self);
  liaison_sandbox_server_route (s, "GET", "/contacts/:contactId/appointments", NULL, 0,
                                contact_appointments, self);
  liaison_sandbox_server_route (s, "GET", "/locations/:locationId", NULL, 0, location_get, self);
  liaison_sandbox_server_route (s, "GET", "/locations/:locationId/customFields", NULL, 0,
                                custom_fields_list, self);
  liaison_sandbox_server_route (s, "GET", "/locations/:locationId/customFields/:id", NULL, 0,
                                custom_field_get, self);
  liaison_sandbox_server_route (s, "GET", "/users/", NULL, 0, users_list, self);
  liaison_sandbox_server_route (s, "GET", "/users/:userId", NULL, 0, user_get, self);
}
