/* liaison-sandbox-lsq-writes.c: the LeadSquared lead write routes: Lead.Create,
 * Lead.Update, Lead.CreateOrUpdate (SearchBy), Lead.Capture (its matching rules and
 * LeadUpdateBehavior), Lead/Bulk/CreateOrUpdate (25 rows, per-row results) and
 * the lead delete.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "liaison-sandbox-lsq"

#include "liaison-sandbox-lsq-private.h"

static GPtrArray *
body_pairs (LiaisonSandboxRequest *req, char **search_by)
{
  g_autoptr (GError) error = NULL;
  JsonNode *root = lsq_body (req);
  GPtrArray *pairs;

  if (root == NULL)
    return NULL;
  pairs = lsq_pairs_parse (root, search_by, &error);
  if (pairs == NULL)
    lsq_error_from_gerror (req, error);
  return pairs;
}

static void
lead_create (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxLsq *self = user_data;
  JsonObject *user = lsq_begin (self, req);
  g_autoptr (GPtrArray) pairs = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *lead;

  if (user == NULL || (pairs = body_pairs (req, NULL)) == NULL)
    return;
  lead = lsq_lead_create (self, pairs, user, liaison_sandbox_request_now_ms (req), &error);
  if (lead == NULL)
    return lsq_error_from_gerror (req, error);
  lsq_reply_success (req, lsq_get_string (lead, "ProspectID"), -1);
}

static void
lead_update (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxLsq *self = user_data;
  JsonObject *user = lsq_begin (self, req);
  g_autoptr (GPtrArray) pairs = NULL;
  g_autoptr (GError) error = NULL;
  const char *lead_id;
  JsonObject *lead;

  if (user == NULL)
    return;
  lead_id = lsq_query (req, "leadId");
  if (lead_id == NULL || *lead_id == '\0')
    return lsq_error (req, 500, lsq_exception_type (LSQ_ERROR_MANDATORY),
                      "'leadId' is mandatory for updating lead");
  if ((pairs = body_pairs (req, NULL)) == NULL)
    return;
  lead = lsq_lead_find (self, "ProspectID", lead_id);
  if (lead == NULL)
    return lsq_error (req, 500, lsq_exception_type (LSQ_ERROR_INVALID_ENTITY),
                      "Lead does not exist in the system");
  if (!lsq_lead_update (self, lead, pairs, LSQ_UPDATE_ALL, user,
                        liaison_sandbox_request_now_ms (req), &error))
    return lsq_error_from_gerror (req, error);
  lsq_reply_success (req, NULL, 1);
}

/* Finds by SearchBy (default: email, then phone), then updates or creates. */
static JsonObject *
create_or_update (LiaisonSandboxLsq *self, GPtrArray *pairs, const char *search_by,
                  JsonObject *user, gint64 now_ms, gboolean *created, GError **error)
{
  JsonObject *lead = lsq_lead_match (self, pairs, search_by, error);

  if (lead == NULL && error != NULL && *error != NULL)
    return NULL;
  *created = lead == NULL;
  if (lead == NULL)
    return lsq_lead_create (self, pairs, user, now_ms, error);
  if (!lsq_lead_update (self, lead, pairs, LSQ_UPDATE_ALL, user, now_ms, error))
    return NULL;
  return lead;
}

static void
lead_create_or_update (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxLsq *self = user_data;
  JsonObject *user = lsq_begin (self, req);
  g_autoptr (GPtrArray) pairs = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *search_by = NULL;
  JsonObject *lead;
  gboolean created;

  if (user == NULL || (pairs = body_pairs (req, &search_by)) == NULL)
    return;
  lead = create_or_update (self, pairs, search_by, user, liaison_sandbox_request_now_ms (req),
                           &created, &error);
  if (lead == NULL)
    return lsq_error_from_gerror (req, error);
  lsq_reply_success (req, lsq_get_string (lead, "ProspectID"), 1);
}

static gboolean
parse_behavior (const char *text, LsqUpdateBehavior *behavior)
{
  if (text == NULL || *text == '\0')
    *behavior = LSQ_UPDATE_ALL;
  else if (g_ascii_strcasecmp (text, "DoNotUpdate") == 0)
    *behavior = LSQ_UPDATE_NONE;
  else if (g_ascii_strcasecmp (text, "UpdateOnlyEmptyFields") == 0)
    *behavior = LSQ_UPDATE_ONLY_EMPTY;
  else if (g_ascii_strcasecmp (text, "DoNotUpdateUniqueFields") == 0)
    *behavior = LSQ_UPDATE_NOT_UNIQUE;
  else
    return FALSE;
  return TRUE;
}

/* Lead.Capture: ProspectId, then EmailAddress, then Phone; SearchBy first unless all
 * three are given; a ProspectId match with another email makes a new lead. Every call
 * posts a "Lead Capture" activity on the lead. */
static void
lead_capture (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxLsq *self = user_data;
  JsonObject *user = lsq_begin (self, req);
  g_autoptr (GPtrArray) pairs = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *search_by = NULL;
  g_autofree char *activity_id = NULL;
  g_autofree char *now_text = NULL;
  LsqUpdateBehavior behavior;
  JsonObject *lead = NULL;
  JsonObject *o, *message;
  const char *id, *email, *phone;
  gint64 now = liaison_sandbox_request_now_ms (req);
  gboolean created = FALSE;

  if (user == NULL)
    return;
  if (!parse_behavior (lsq_query (req, "LeadUpdateBehavior"), &behavior))
    return lsq_error (
        req, 500, lsq_exception_type (LSQ_ERROR_INVALID_INPUT),
        "LeadUpdateBehavior must be DoNotUpdate, UpdateOnlyEmptyFields or DoNotUpdateUniqueFields");
  if ((pairs = body_pairs (req, &search_by)) == NULL)
    return;
  id = lsq_pairs_get (pairs, "ProspectID");
  email = lsq_pairs_get (pairs, "EmailAddress");
  phone = lsq_pairs_get (pairs, "Phone");
  if (search_by != NULL && !(id != NULL && email != NULL && phone != NULL))
    {
      lead = lsq_lead_match (self, pairs, search_by, &error);
      if (error != NULL)
        return lsq_error_from_gerror (req, error);
    }
  else
    {
      lead = lsq_lead_find (self, "ProspectID", id);
      if (lead != NULL && email != NULL && *email != '\0'
          && g_ascii_strcasecmp (lsq_get_string (lead, "EmailAddress") ?: "", email) != 0)
        lead = NULL;
      else if (lead == NULL)
        lead = lsq_lead_match (self, pairs, NULL, NULL);
    }
  if (lead == NULL)
    {
      created = TRUE;
      lead = lsq_lead_create (self, pairs, user, now, &error);
      if (lead == NULL)
        return lsq_error_from_gerror (req, error);
    }
  else if (!lsq_lead_update (self, lead, pairs, behavior, user, now, &error))
    return lsq_error_from_gerror (req, error);

  now_text = lsq_format_ms (now - now % 1000);
  json_object_set_string_member (lead, "ProspectActivityName_Max", "Lead Capture");
  json_object_set_string_member (lead, "ProspectActivityDate_Max", now_text);
  lsq_lead_touch (lead, user, now);
  /* The response is not documented; clients probe Message.Id, then RelatedId. Here
   * Id is the capture activity and RelatedId the lead. */
  activity_id = lsq_new_guid (self);
  o = json_object_new ();
  message = json_object_new ();
  json_object_set_string_member (message, "Id", activity_id);
  json_object_set_string_member (message, "RelatedId", lsq_get_string (lead, "ProspectID"));
  json_object_set_boolean_member (message, "IsCreated", created);
  json_object_set_int_member (message, "AffectedRows", 1);
  json_object_set_string_member (o, "Status", "Success");
  json_object_set_object_member (o, "Message", message);
  liaison_sandbox_request_reply_object (req, 200, o);
}

/* Lead/Bulk/CreateOrUpdate: up to 25 rows, each matched on its own SearchBy, with
 * one result per row (the shape public clients and mocks agree on). */
static void
lead_bulk_create_or_update (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxLsq *self = user_data;
  JsonObject *user = lsq_begin (self, req);
  JsonNode *root;
  JsonArray *rows, *results;
  JsonNode *node;
  gint64 now = liaison_sandbox_request_now_ms (req);

  if (user == NULL || (root = lsq_body (req)) == NULL)
    return;
  if (!JSON_NODE_HOLDS_ARRAY (root))
    return lsq_error (
        req, 400, lsq_exception_type (LSQ_ERROR_BAD_REQUEST),
        "The message body on the request is not as per API specification: expected an "
        "array of leads, each an array of {\"Attribute\", \"Value\"} objects.");
  rows = json_node_get_array (root);
  if (json_array_get_length (rows) == 0)
    return lsq_error (req, 500, lsq_exception_type (LSQ_ERROR_MANDATORY), "No leads were passed");
  if (json_array_get_length (rows) > LSQ_MAX_BULK_ROWS)
    {
      g_autofree char *message
          = g_strdup_printf ("A maximum of %d leads can be created or updated in one call; "
                             "%u were passed",
                             LSQ_MAX_BULK_ROWS, json_array_get_length (rows));

      return lsq_error (req, 500, lsq_exception_type (LSQ_ERROR_INVALID_INPUT), message);
    }
  results = json_array_new ();
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *r = json_object_new ();
      g_autoptr (GError) error = NULL;
      g_autofree char *search_by = NULL;
      g_autoptr (GPtrArray) pairs
          = lsq_pairs_parse (json_array_get_element (rows, i), &search_by, &error);
      JsonObject *lead = NULL;
      gboolean created = FALSE;

      if (pairs != NULL)
        lead = create_or_update (self, pairs, search_by, user, now, &created, &error);
      json_object_set_int_member (r, "RowNumber", i + 1);
      if (lead != NULL)
        json_object_set_string_member (r, "LeadId", lsq_get_string (lead, "ProspectID"));
      else
        json_object_set_null_member (r, "LeadId");
      json_object_set_boolean_member (r, "LeadCreated", lead != NULL && created);
      json_object_set_boolean_member (r, "LeadUpdated", lead != NULL && !created);
      json_object_set_int_member (r, "AffectedRows", lead != NULL ? 1 : 0);
      if (lead == NULL)
        {
          json_object_set_string_member (r, "ExceptionType", lsq_exception_type (error->code));
          json_object_set_string_member (r, "ErrorMessage", error->message);
        }
      json_array_add_object_element (results, r);
    }
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, results);
  liaison_sandbox_request_reply_json (req, 200, node);
}

/* The documented delete (disabled on real tenants until support enables it). */
static void
lead_delete (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxLsq *self = user_data;
  const char *lead_id;
  JsonObject *lead;
  JsonObject *o;

  if (lsq_begin (self, req) == NULL)
    return;
  lead_id = lsq_query (req, "leadId");
  if (lead_id == NULL || *lead_id == '\0')
    return lsq_error (req, 500, lsq_exception_type (LSQ_ERROR_MANDATORY), "'leadId' is mandatory");
  lead = lsq_lead_find (self, "ProspectID", lead_id);
  if (lead == NULL)
    return lsq_error (req, 500, lsq_exception_type (LSQ_ERROR_INVALID_ENTITY),
                      "Lead does not exist in the system");
  lsq_lead_delete (self, lsq_get_string (lead, "ProspectID"));
  o = json_object_new ();
  json_object_set_string_member (o, "Status", "Success");
  liaison_sandbox_request_reply_object (req, 200, o);
}

void
lsq_leads_register (LiaisonSandboxLsq *self)
{
  LiaisonSandboxServer *s = self->server;
  const char *base = "/v2/LeadManagement.svc/";
  struct
  {
    const char *method, *path, *rate;
    LiaisonSandboxHandler handler;
  } routes[] = {
    { "POST", "Lead.Create", NULL, lead_create },
    { "POST", "Lead.Update", NULL, lead_update },
    { "POST", "Lead.CreateOrUpdate", NULL, lead_create_or_update },
    { "POST", "Lead.Capture", NULL, lead_capture },
    { "POST", "Lead/Bulk/CreateOrUpdate", "bulk", lead_bulk_create_or_update },
    { "GET", "Lead/Delete/ById", NULL, lead_delete },
  };

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      g_autofree char *path = g_strconcat (base, routes[i].path, NULL);

      liaison_sandbox_server_route (s, routes[i].method, path, routes[i].rate, 0, routes[i].handler,
                                    self);
    }
}
