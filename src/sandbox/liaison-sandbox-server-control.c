/* liaison-sandbox-server-control.c: the /_sandbox/ routes every service port has:
 * counters, the request log, faults, the clock and rate limits; and the pieces of
 * the services' own record-editing control routes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "liaison-sandbox"

#include "liaison-sandbox-control.h"
#include "liaison-sandbox-server-private.h"

static void
control_error (LiaisonSandboxRequest *req, guint status, const char *message)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "error", message);
  liaison_sandbox_request_reply_object (req, status, o);
}

static JsonObject *
counts_to_object (GHashTable *table)
{
  JsonObject *o = json_object_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    json_object_set_int_member (o, key, GPOINTER_TO_UINT (value));
  return o;
}

static void
control_counters (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxServer *self = req->server;
  JsonObject *o = json_object_new ();

  json_object_set_int_member (o, "total", (gint64) self->request_count);
  json_object_set_object_member (o, "routes", counts_to_object (self->route_counts));
  json_object_set_object_member (o, "statuses", counts_to_object (self->status_counts));
  liaison_sandbox_request_reply_object (req, 200, o);
}

static void
control_log (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxServer *self = req->server;
  const char *since_text = liaison_sandbox_request_get_query (req, "since");
  gint64 since = since_text ? g_ascii_strtoll (since_text, NULL, 10) : 0;
  JsonObject *o = json_object_new ();
  JsonArray *array = json_array_new ();

  for (GList *l = self->log.head; l != NULL; l = l->next)
    if (json_object_get_int_member (l->data, "seq") > since)
      json_array_add_object_element (array, json_object_ref (l->data));
  json_object_set_array_member (o, "requests", array);
  liaison_sandbox_request_reply_object (req, 200, o);
}

static void
control_clear_log (LiaisonSandboxRequest *req, gpointer user_data)
{
  liaison_sandbox_server_clear_log (req->server);
  control_counters (req, user_data);
}

static void
control_faults_get (LiaisonSandboxRequest *req, gpointer user_data)
{
  JsonObject *o = json_object_new ();

  json_object_set_member (o, "faults", liaison_sandbox_server_faults_to_json (req->server));
  liaison_sandbox_request_reply_object (req, 200, o);
}

/* Body: {"rule": "GET /contacts/x=503,count=2"} or {"rules": [...]}. */
static void
control_faults_add (LiaisonSandboxRequest *req, gpointer user_data)
{
  JsonNode *root = liaison_sandbox_request_get_json (req);
  JsonObject *o;
  g_autoptr (GPtrArray) rules = g_ptr_array_new ();

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return control_error (req, 400, "expected a JSON object with \"rule\" or \"rules\"");
  o = json_node_get_object (root);
  if (json_object_has_member (o, "rule"))
    g_ptr_array_add (rules, (gpointer) json_object_get_string_member_with_default (o, "rule", ""));
  if (json_object_has_member (o, "rules")
      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (o, "rules")))
    {
      JsonArray *a = json_object_get_array_member (o, "rules");

      for (guint i = 0; i < json_array_get_length (a); i++)
        g_ptr_array_add (rules, (gpointer) json_array_get_string_element (a, i));
    }
  if (rules->len == 0)
    return control_error (req, 400, "no rule given");
  for (guint i = 0; i < rules->len; i++)
    {
      g_autoptr (GError) error = NULL;

      if (g_ptr_array_index (rules, i) == NULL
          || !liaison_sandbox_server_add_fault (req->server, g_ptr_array_index (rules, i), &error))
        return control_error (req, 400, error ? error->message : "rule must be a string");
    }
  control_faults_get (req, user_data);
}

static void
control_faults_clear (LiaisonSandboxRequest *req, gpointer user_data)
{
  liaison_sandbox_server_clear_faults (req->server);
  control_faults_get (req, user_data);
}

static void
control_clock_get (LiaisonSandboxRequest *req, gpointer user_data)
{
  JsonObject *o = json_object_new ();
  g_autoptr (GDateTime) now
      = g_date_time_new_from_unix_utc (liaison_sandbox_request_now_ms (req) / 1000);
  g_autofree char *iso = g_date_time_format_iso8601 (now);

  json_object_set_int_member (o, "nowMs", liaison_sandbox_request_now_ms (req));
  json_object_set_string_member (o, "now", iso);
  json_object_set_int_member (o, "offsetMs", liaison_sandbox_clock_get_offset (req->server->clock));
  liaison_sandbox_request_reply_object (req, 200, o);
}

/* Body: {"offsetMs": N} sets the offset, {"advanceMs": N} adds to it. */
static void
control_clock_set (LiaisonSandboxRequest *req, gpointer user_data)
{
  JsonNode *root = liaison_sandbox_request_get_json (req);
  JsonObject *o;
  LiaisonSandboxClock *clock = req->server->clock;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return control_error (req, 400, "expected {\"offsetMs\": N} or {\"advanceMs\": N}");
  o = json_node_get_object (root);
  if (json_object_has_member (o, "offsetMs"))
    liaison_sandbox_clock_set_offset (clock, json_object_get_int_member (o, "offsetMs"));
  else if (json_object_has_member (o, "advanceMs"))
    liaison_sandbox_clock_set_offset (clock, liaison_sandbox_clock_get_offset (clock)
                                                 + json_object_get_int_member (o, "advanceMs"));
  else
    return control_error (req, 400, "expected {\"offsetMs\": N} or {\"advanceMs\": N}");
  control_clock_get (req, user_data);
}

/* Body: {"class": "default", "max": 100, "intervalMs": 10000, "dailyMax": 200000}. */
static void
control_rates_set (LiaisonSandboxRequest *req, gpointer user_data)
{
  JsonNode *root = liaison_sandbox_request_get_json (req);
  JsonObject *o;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return control_error (req, 400, "expected a JSON object");
  o = json_node_get_object (root);
  if (json_object_get_int_member_with_default (o, "max", 0) <= 0
      || json_object_get_int_member_with_default (o, "intervalMs", 0) <= 0)
    return control_error (req, 400, "max and intervalMs must be positive");
  liaison_sandbox_server_set_rate (
      req->server, json_object_get_string_member_with_default (o, "class", "default"),
      (guint) json_object_get_int_member (o, "max"),
      (guint) json_object_get_int_member (o, "intervalMs"),
      (guint) json_object_get_int_member_with_default (o, "dailyMax", 0));
  control_error (req, 200, "ok");
}

static void
control_rates_reset (LiaisonSandboxRequest *req, gpointer user_data)
{
  liaison_sandbox_server_reset_rates (req->server);
  control_error (req, 200, "ok");
}

void
liaison_sandbox_server_install_control_routes (LiaisonSandboxServer *self)
{
  const LiaisonSandboxRouteFlags c = LIAISON_SANDBOX_ROUTE_CONTROL;

  liaison_sandbox_server_route (self, "GET", "/_sandbox/counters", NULL, c, control_counters, NULL);
  liaison_sandbox_server_route (self, "GET", "/_sandbox/log", NULL, c, control_log, NULL);
  liaison_sandbox_server_route (self, "DELETE", "/_sandbox/log", NULL, c, control_clear_log, NULL);
  liaison_sandbox_server_route (self, "GET", "/_sandbox/faults", NULL, c, control_faults_get, NULL);
  liaison_sandbox_server_route (self, "POST", "/_sandbox/faults", NULL, c, control_faults_add,
                                NULL);
  liaison_sandbox_server_route (self, "DELETE", "/_sandbox/faults", NULL, c, control_faults_clear,
                                NULL);
  liaison_sandbox_server_route (self, "GET", "/_sandbox/clock", NULL, c, control_clock_get, NULL);
  liaison_sandbox_server_route (self, "POST", "/_sandbox/clock", NULL, c, control_clock_set, NULL);
  liaison_sandbox_server_route (self, "POST", "/_sandbox/rates", NULL, c, control_rates_set, NULL);
  liaison_sandbox_server_route (self, "DELETE", "/_sandbox/rates", NULL, c, control_rates_reset,
                                NULL);
}

/* ---- shared by the services' record-editing control routes ---- */

void
liaison_sandbox_control_reply (LiaisonSandboxRequest *req, guint status, const char *message)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, status < 300 ? "result" : "error", message);
  liaison_sandbox_request_reply_object (req, status, o);
}

/* The request's JSON object, or NULL once a 400 has been sent. */
JsonObject *
liaison_sandbox_control_body (LiaisonSandboxRequest *req)
{
  JsonNode *root = liaison_sandbox_request_get_json (req);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      liaison_sandbox_control_reply (req, 400, "expected a JSON object");
      return NULL;
    }
  return json_node_get_object (root);
}

/* The table named by the route's :collection among slots, or NULL once a 404
 * listing the names has been sent. */
LiaisonSandboxTable *
liaison_sandbox_control_collection (LiaisonSandboxRequest *req, gpointer owner,
                                    const LiaisonSandboxTableSlot *slots, guint n)
{
  const char *name = liaison_sandbox_request_get_param (req, "collection");
  g_autoptr (GString) message = g_string_new ("unknown collection (");

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (slots[i].name, name) == 0)
      return G_STRUCT_MEMBER (LiaisonSandboxTable *, owner, slots[i].offset);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (message, "%s%s", i > 0 ? ", " : "", slots[i].name);
  g_string_append_c (message, ')');
  liaison_sandbox_control_reply (req, 404, message->str);
  return NULL;
}

/* {"records": [...]} with every record of table as public_copy gives it. */
void
liaison_sandbox_control_reply_records (LiaisonSandboxRequest *req, LiaisonSandboxTable *table,
                                       JsonObject *(*public_copy) (JsonObject *record,
                                                                   gpointer data),
                                       gpointer data)
{
  JsonObject *o = json_object_new ();
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < liaison_sandbox_table_size (table); i++)
    json_array_add_object_element (array,
                                   public_copy (liaison_sandbox_table_index (table, i), data));
  json_object_set_array_member (o, "records", array);
  liaison_sandbox_request_reply_object (req, 200, o);
}
