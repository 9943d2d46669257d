/* liaison-sandbox-ghl-control.c: /_sandbox/ghl/... control routes that change
 * HighLevel records the way a person in the web UI would (bumping dateUpdated),
 * plus token expiry for tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "liaison-sandbox-ghl"

#include "liaison-sandbox-control.h"
#include "liaison-sandbox-ghl-private.h"

/* The collections these routes edit, in the order the 404 names them. */
static const LiaisonSandboxTableSlot collections[] = {
  { "contacts", "id", G_STRUCT_OFFSET (LiaisonSandboxGhl, contacts) },
  { "tasks", "id", G_STRUCT_OFFSET (LiaisonSandboxGhl, tasks) },
  { "notes", "id", G_STRUCT_OFFSET (LiaisonSandboxGhl, notes) },
  { "events", "id", G_STRUCT_OFFSET (LiaisonSandboxGhl, events) },
  { "calendars", "id", G_STRUCT_OFFSET (LiaisonSandboxGhl, calendars) },
  { "customFields", "id", G_STRUCT_OFFSET (LiaisonSandboxGhl, custom_fields) },
  { "users", "id", G_STRUCT_OFFSET (LiaisonSandboxGhl, users) },
  { "locations", "id", G_STRUCT_OFFSET (LiaisonSandboxGhl, locations) },
  { "businesses", "id", G_STRUCT_OFFSET (LiaisonSandboxGhl, businesses) },
};

static LiaisonSandboxTable *
collection (LiaisonSandboxGhl *self, LiaisonSandboxRequest *req)
{
  return liaison_sandbox_control_collection (req, self, collections, G_N_ELEMENTS (collections));
}

static void
reply_record (LiaisonSandboxGhl *self, LiaisonSandboxRequest *req, LiaisonSandboxTable *table,
              guint status, JsonObject *record)
{
  JsonObject *o = json_object_new ();

  json_object_set_object_member (o, "record",
                                 table == self->events ? ghl_event_public (self, record)
                                                       : ghl_public_copy (record));
  liaison_sandbox_request_reply_object (req, status, o);
}

/* Sets members as the web UI would: contact fields through the same rules as
 * the API, event times from ISO strings, anything else as given. */
static gboolean
edit_record (LiaisonSandboxGhl *self, LiaisonSandboxRequest *req, LiaisonSandboxTable *table,
             JsonObject *record, JsonObject *body)
{
  g_autoptr (GList) members = json_object_get_members (body);
  gint64 now = liaison_sandbox_request_now_ms (req);

  if (table == self->contacts)
    {
      g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);

      if (!ghl_contact_apply (self, req, record, body, errors))
        {
          liaison_sandbox_control_reply (req, 422, g_ptr_array_index (errors, 0));
          return FALSE;
        }
      ghl_touch (record, now);
      return TRUE;
    }
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      gint64 ms;

      if (g_str_equal (name, "id"))
        continue;
      if (table == self->events
          && (g_str_equal (name, "startTime") || g_str_equal (name, "endTime")))
        {
          if (!ghl_parse_time_string (ghl_get_string (body, name), &ms))
            {
              liaison_sandbox_control_reply (req, 422, "startTime/endTime must be ISO 8601");
              return FALSE;
            }
          json_object_set_int_member (record,
                                      g_str_equal (name, "startTime") ? "_startMs" : "_endMs", ms);
          continue;
        }
      json_object_set_member (record, name, json_node_copy (json_object_get_member (body, name)));
    }
  if (json_object_has_member (record, "dateUpdated"))
    {
      g_autofree char *iso = ghl_iso_ms (now);

      json_object_set_string_member (record, "dateUpdated", iso);
    }
  return TRUE;
}

static JsonObject *
public_record (JsonObject *record, gpointer data)
{
  return ghl_public_copy (record);
}

static JsonObject *
public_event (JsonObject *record, gpointer data)
{
  return ghl_event_public (data, record);
}

static void
control_list (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  LiaisonSandboxTable *table = collection (self, req);

  if (table != NULL)
    liaison_sandbox_control_reply_records (
        req, table, table == self->events ? public_event : public_record, self);
}

static void
control_create (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  LiaisonSandboxTable *table = collection (self, req);
  JsonObject *body;
  g_autoptr (JsonObject) record = NULL;
  gint64 now = liaison_sandbox_request_now_ms (req);

  if (table == NULL || (body = liaison_sandbox_control_body (req)) == NULL)
    return;
  if (table == self->contacts)
    record = ghl_contact_new (self, ghl_get_string (body, "locationId") ?: self->location_id, now);
  else
    {
      g_autofree char *id = ghl_new_id (self);
      g_autofree char *iso = ghl_iso_ms (now);

      record = json_object_new ();
      json_object_set_string_member (record, "id", id);
      if (table == self->events || table == self->notes)
        json_object_set_string_member (record, "dateAdded", iso);
      if (table == self->events)
        json_object_set_string_member (record, "dateUpdated", iso);
      if (table != self->users && table != self->locations)
        json_object_set_string_member (record, "locationId", self->location_id);
    }
  if (table == self->contacts)
    json_object_remove_member (body, "locationId");
  if (!edit_record (self, req, table, record, body))
    return;
  liaison_sandbox_table_insert (table, record);
  reply_record (self, req, table, 201, record);
}

static void
control_edit (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  LiaisonSandboxTable *table = collection (self, req);
  JsonObject *body, *record;

  if (table == NULL || (body = liaison_sandbox_control_body (req)) == NULL)
    return;
  record = liaison_sandbox_table_lookup (table, liaison_sandbox_request_get_param (req, "id"));
  if (record == NULL)
    return liaison_sandbox_control_reply (req, 404, "no such record");
  if (!edit_record (self, req, table, record, body))
    return;
  reply_record (self, req, table, 200, record);
}

static void
control_delete (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  LiaisonSandboxTable *table = collection (self, req);

  if (table == NULL)
    return;
  if (!liaison_sandbox_table_remove (table, liaison_sandbox_request_get_param (req, "id")))
    return liaison_sandbox_control_reply (req, 404, "no such record");
  liaison_sandbox_control_reply (req, 200, "deleted");
}

/* Makes every OAuth access token expire now (private tokens never expire). */
static void
control_expire_tokens (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  guint n = 0;
  g_autofree char *message = NULL;

  for (guint i = 0; i < liaison_sandbox_table_size (self->access_tokens); i++)
    {
      JsonObject *t = liaison_sandbox_table_index (self->access_tokens, i);

      if (g_strcmp0 (ghl_get_string (t, "kind"), "oauth") == 0)
        {
          json_object_set_int_member (t, "expiresAt", liaison_sandbox_request_now_ms (req));
          n++;
        }
    }
  message = g_strdup_printf ("%u access tokens expired", n);
  liaison_sandbox_control_reply (req, 200, message);
}

void
ghl_control_register (LiaisonSandboxGhl *self)
{
  LiaisonSandboxServer *s = self->server;
  const LiaisonSandboxRouteFlags c = LIAISON_SANDBOX_ROUTE_CONTROL;

  liaison_sandbox_server_route (s, "GET", "/_sandbox/ghl/:collection", NULL, c, control_list, self);
  liaison_sandbox_server_route (s, "POST", "/_sandbox/ghl/:collection", NULL, c, control_create,
                                self);
  liaison_sandbox_server_route (s, "PATCH", "/_sandbox/ghl/:collection/:id", NULL, c, control_edit,
                                self);
  liaison_sandbox_server_route (s, "DELETE", "/_sandbox/ghl/:collection/:id", NULL, c,
                                control_delete, self);
  liaison_sandbox_server_route (s, "POST", "/_sandbox/ghl/tokens/expire", NULL, c,
                                control_expire_tokens, self);
}
