/* liaison-sandbox-lsq-search.c: LeadSquared lead reads: by id, by email, by
 * phone, Leads.RecentlyModified (the incremental-sync primitive: UTC window,
 * sorting, 1-based paging, at most 5000 per page) and LeadsMetaData.Get.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "liaison-sandbox-lsq"

#include "liaison-sandbox-lsq-private.h"

/* When a request gives no paging, a small page: a client that forgets to page
 * notices at once instead of on a big account. */
#define DEFAULT_PAGE_SIZE 25

static void
reply_leads (LiaisonSandboxRequest *req, LiaisonSandboxLsq *self, GPtrArray *leads)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; leads != NULL && i < leads->len; i++)
    json_array_add_object_element (array, lsq_lead_public (self, g_ptr_array_index (leads, i)));
  json_node_take_array (node, array);
  liaison_sandbox_request_reply_json (req, 200, node);
}

static const char *
mandatory_query (LiaisonSandboxRequest *req, const char *name)
{
  const char *value = lsq_query (req, name);

  if (value == NULL || *value == '\0')
    {
      g_autofree char *message = g_strdup_printf ("'%s' is mandatory", name);

      lsq_error (req, 500, lsq_exception_type (LSQ_ERROR_MANDATORY), message);
      return NULL;
    }
  return value;
}

static void
leads_get_by_id (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxLsq *self = user_data;
  g_autoptr (GPtrArray) found = g_ptr_array_new ();
  const char *id;
  JsonObject *lead;

  if (lsq_begin (self, req) == NULL || (id = mandatory_query (req, "id")) == NULL)
    return;
  lead = lsq_lead_find (self, "ProspectID", id);
  if (lead != NULL)
    g_ptr_array_add (found, lead);
  reply_leads (req, self, found);
}

static void
leads_get_by_email (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxLsq *self = user_data;
  g_autoptr (GPtrArray) found = g_ptr_array_new ();
  const char *email;

  if (lsq_begin (self, req) == NULL || (email = mandatory_query (req, "emailaddress")) == NULL)
    return;
  /* Emails are unique without regard to case, but imported data can hold duplicates. */
  for (guint i = 0; i < liaison_sandbox_table_size (self->leads); i++)
    {
      JsonObject *lead = liaison_sandbox_table_index (self->leads, i);

      if (g_ascii_strcasecmp (lsq_get_string (lead, "EmailAddress") ?: "", email) == 0)
        g_ptr_array_add (found, lead);
    }
  reply_leads (req, self, found);
}

static gboolean
phone_matches (const char *stored, const char *digits)
{
  g_autofree char *have = lsq_phone_digits (stored);
  gsize n = strlen (have), m = strlen (digits);

  if (n == 0)
    return FALSE;
  /* A number given without its country code still finds the lead. */
  return g_str_equal (have, digits) || (m >= 7 && n > m && g_str_equal (have + n - m, digits));
}

static gint64
activity_ms (JsonObject *lead)
{
  gint64 ms;

  if (lsq_parse_date (lsq_get_string (lead, "ProspectActivityDate_Max"), &ms))
    return ms;
  return lsq_member_int (lead, "_ModifiedMs", 0);
}

/* Matches Phone and Mobile; digits only, as documented (anything else finds
 * nothing); of several matches the lead with the latest activity wins. */
static void
leads_get_by_phone (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxLsq *self = user_data;
  g_autoptr (GPtrArray) found = g_ptr_array_new ();
  const char *phone;
  const char *digits;
  JsonObject *best = NULL;

  if (lsq_begin (self, req) == NULL || (phone = mandatory_query (req, "phone")) == NULL)
    return;
  digits = phone[0] == '+' ? phone + 1 : phone;
  for (const char *p = digits; *p; p++)
    if (!g_ascii_isdigit (*p))
      return reply_leads (req, self, found);
  for (guint i = 0; *digits && i < liaison_sandbox_table_size (self->leads); i++)
    {
      JsonObject *lead = liaison_sandbox_table_index (self->leads, i);

      if ((phone_matches (lsq_get_string (lead, "Phone"), digits)
           || phone_matches (lsq_get_string (lead, "Mobile"), digits))
          && (best == NULL || activity_ms (lead) > activity_ms (best)))
        best = lead;
    }
  if (best != NULL)
    g_ptr_array_add (found, best);
  reply_leads (req, self, found);
}

/* ---- Leads.RecentlyModified ---- */

typedef struct
{
  LiaisonSandboxLsq *self;
  const char *column;
  const char *type;
  gboolean descending;
} SortSpec;

static gint64
auto_id (JsonObject *lead)
{
  return lsq_member_int (lead, "ProspectAutoId", 0);
}

static int
compare_leads (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const SortSpec *spec = user_data;
  JsonObject *la = *(JsonObject **) a;
  JsonObject *lb = *(JsonObject **) b;
  const char *va = lsq_get_string (la, spec->column);
  const char *vb = lsq_get_string (lb, spec->column);
  int c = 0;

  if (g_str_equal (spec->type, "DateTime") || g_str_equal (spec->type, "Date"))
    {
      gint64 ma = G_MININT64, mb = G_MININT64;

      if (va != NULL)
        lsq_parse_date (va, &ma);
      if (vb != NULL)
        lsq_parse_date (vb, &mb);
      c = ma < mb ? -1 : ma > mb;
    }
  else if (g_str_equal (spec->type, "Number"))
    {
      double da = va ? g_ascii_strtod (va, NULL) : -G_MAXDOUBLE;
      double db = vb ? g_ascii_strtod (vb, NULL) : -G_MAXDOUBLE;

      c = da < db ? -1 : da > db;
    }
  else
    c = g_strcmp0 (va, vb);
  if (spec->descending)
    c = -c;
  /* Ties keep a stable order so that pages neither repeat nor skip a lead. */
  if (c == 0)
    c = auto_id (la) < auto_id (lb) ? -1 : auto_id (la) > auto_id (lb);
  return c;
}

static gboolean
int_member (JsonObject *object, const char *member, gint64 fallback, gint64 *out)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *out = fallback;
      return TRUE;
    }
  *out = lsq_member_int (object, member, G_MININT64);
  return *out != G_MININT64;
}

static JsonArray *
property_list (JsonObject *lead, GHashTable *columns)
{
  JsonArray *list = json_array_new ();
  g_autoptr (GList) members = json_object_get_members (lead);
  JsonObject *can_update = json_object_new ();

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonObject *pair;

      if (name[0] == '_' || (columns != NULL && !g_hash_table_contains (columns, name)))
        continue;
      pair = json_object_new ();
      json_object_set_string_member (pair, "Attribute", name);
      json_object_set_member (pair, "Value", json_node_copy (json_object_get_member (lead, name)));
      json_array_add_object_element (list, pair);
    }
  json_object_set_string_member (can_update, "Attribute", "CanUpdate");
  json_object_set_string_member (can_update, "Value", "true");
  json_array_add_object_element (list, can_update);
  return list;
}

/* "Returns the list of leads updated in a specific date range": ModifiedOn within
 * [FromDate, ToDate], both UTC and inclusive. RecordCount is the number of leads
 * in the window (all pages); a page is full unless it is the last one. */
static void
leads_recently_modified (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxLsq *self = user_data;
  JsonObject *body, *parameter, *paging, *sorting, *columns_obj, *o;
  g_autoptr (GPtrArray) matches = g_ptr_array_new ();
  g_autoptr (GHashTable) columns = NULL;
  const char *from_text, *to_text, *csv;
  gint64 from_ms, to_ms, page_index, page_size, direction;
  JsonArray *leads;
  SortSpec spec = { self, "ModifiedOn", "DateTime", FALSE };
  JsonObject *sort_field;

  if (lsq_begin (self, req) == NULL || (body = lsq_body_object (req)) == NULL)
    return;
  parameter = json_object_has_member (body, "Parameter")
                      && JSON_NODE_HOLDS_OBJECT (json_object_get_member (body, "Parameter"))
                  ? json_object_get_object_member (body, "Parameter")
                  : NULL;
  from_text = lsq_get_string (parameter, "FromDate");
  to_text = lsq_get_string (parameter, "ToDate");
  if (from_text == NULL || to_text == NULL)
    return lsq_error (req, 500, lsq_exception_type (LSQ_ERROR_MANDATORY),
                      "'FromDate' and 'ToDate' are mandatory in 'Parameter'");
  if (!lsq_parse_date (from_text, &from_ms) || !lsq_parse_date (to_text, &to_ms))
    return lsq_error (req, 500, lsq_exception_type (LSQ_ERROR_INVALID_INPUT),
                      "Invalid date. The supported DateTime format is UTC (YYYY-MM-DD HH:MM:SS)");

  paging = json_object_has_member (body, "Paging")
                   && JSON_NODE_HOLDS_OBJECT (json_object_get_member (body, "Paging"))
               ? json_object_get_object_member (body, "Paging")
               : NULL;
  if (!int_member (paging, "PageIndex", 1, &page_index)
      || !int_member (paging, "PageSize", DEFAULT_PAGE_SIZE, &page_size) || page_index < 1
      || page_size < 1)
    return lsq_error (req, 500, lsq_exception_type (LSQ_ERROR_INVALID_INPUT),
                      "PageIndex and PageSize must be positive numbers");
  page_size = MIN (page_size, LSQ_MAX_PAGE_SIZE);

  sorting = json_object_has_member (body, "Sorting")
                    && JSON_NODE_HOLDS_OBJECT (json_object_get_member (body, "Sorting"))
                ? json_object_get_object_member (body, "Sorting")
                : NULL;
  if (lsq_get_string (sorting, "ColumnName") != NULL)
    {
      sort_field
          = liaison_sandbox_table_lookup (self->fields, lsq_get_string (sorting, "ColumnName"));
      if (sort_field == NULL)
        return lsq_error (req, 500, lsq_exception_type (LSQ_ERROR_INVALID_INPUT),
                          "Sorting ColumnName is not a lead field");
      spec.column = lsq_get_string (sort_field, "SchemaName");
      spec.type = lsq_get_string (sort_field, "DataType");
      if (g_str_equal (spec.column, "ProspectAutoId"))
        spec.type = "Number";
    }
  if (!int_member (sorting, "Direction", 0, &direction) || (direction != 0 && direction != 1))
    return lsq_error (req, 500, lsq_exception_type (LSQ_ERROR_INVALID_INPUT),
                      "Sorting Direction must be \"0\" (ascending) or \"1\" (descending)");
  spec.descending = direction == 1;

  columns_obj = json_object_has_member (body, "Columns")
                        && JSON_NODE_HOLDS_OBJECT (json_object_get_member (body, "Columns"))
                    ? json_object_get_object_member (body, "Columns")
                    : NULL;
  csv = lsq_get_string (columns_obj, "Include_CSV");
  if (csv != NULL && *csv != '\0')
    {
      g_auto (GStrv) names = g_strsplit (csv, ",", -1);

      columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; names[i] != NULL; i++)
        g_hash_table_add (columns, g_strdup (g_strstrip (names[i])));
    }

  for (guint i = 0; i < liaison_sandbox_table_size (self->leads); i++)
    {
      JsonObject *lead = liaison_sandbox_table_index (self->leads, i);
      gint64 modified = lsq_member_int (lead, "_ModifiedMs", 0);

      if (modified >= from_ms && modified <= to_ms)
        g_ptr_array_add (matches, lead);
    }
  g_ptr_array_sort_with_data (matches, compare_leads, &spec);

  leads = json_array_new ();
  for (gint64 i = (page_index - 1) * page_size;
       i < (gint64) matches->len && i < page_index * page_size; i++)
    {
      JsonObject *item = json_object_new ();

      json_object_set_array_member (item, "LeadPropertyList",
                                    property_list (g_ptr_array_index (matches, i), columns));
      json_array_add_object_element (leads, item);
    }
  o = json_object_new ();
  json_object_set_int_member (o, "RecordCount", matches->len);
  json_object_set_array_member (o, "Leads", leads);
  liaison_sandbox_request_reply_object (req, 200, o);
}

/* ---- LeadsMetaData.Get ---- */

static void
leads_metadata (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxLsq *self = user_data;
  const char *schema = lsq_query (req, "schemaName");
  const char *exclude = lsq_query (req, "excludeOptionSets");
  gboolean no_options
      = exclude != NULL
        && (g_str_equal (exclude, "1") || g_ascii_strcasecmp (exclude, "true") == 0);
  JsonArray *array;
  JsonNode *node;

  if (lsq_begin (self, req) == NULL)
    return;
  array = json_array_new ();
  for (guint i = 0; i < liaison_sandbox_table_size (self->fields); i++)
    {
      JsonObject *field = liaison_sandbox_table_index (self->fields, i);
      JsonObject *copy;

      if (schema != NULL && *schema != '\0'
          && g_strcmp0 (lsq_get_string (field, "SchemaName"), schema) != 0)
        continue;
      copy = lsq_public_copy (field);
      if (no_options)
        json_object_remove_member (copy, "Options");
      json_array_add_object_element (array, copy);
    }
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  liaison_sandbox_request_reply_json (req, 200, node);
}

void
lsq_search_register (LiaisonSandboxLsq *self)
{
  LiaisonSandboxServer *s = self->server;

  liaison_sandbox_server_route (s, "GET", "/v2/LeadManagement.svc/Leads.GetById", NULL, 0,
                                leads_get_by_id, self);
  liaison_sandbox_server_route (s, "GET", "/v2/LeadManagement.svc/Leads.GetByEmailaddress", NULL, 0,
                                leads_get_by_email, self);
  liaison_sandbox_server_route (s, "GET", "/v2/LeadManagement.svc/RetrieveLeadByPhoneNumber", NULL,
                                0, leads_get_by_phone, self);
  liaison_sandbox_server_route (s, "POST", "/v2/LeadManagement.svc/Leads.RecentlyModified", NULL, 0,
                                leads_recently_modified, self);
  liaison_sandbox_server_route (s, "GET", "/v2/LeadManagement.svc/LeadsMetaData.Get", NULL, 0,
                                leads_metadata, self);
}
