/* liaison-sandbox-ghl-search.c: HighLevel contact listing: POST /contacts/search
 * (filters, sort, page or searchAfter), the deprecated GET /contacts/ with its
 * meta, GET /contacts/search/duplicate and GET /contacts/business/:id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "liaison-sandbox-ghl"

#include "liaison-sandbox-ghl-private.h"

#define MAX_PAGE_LIMIT 500
#define MAX_PAGED_RECORDS 10000

static const char *const filter_fields[] = {
  "id",
  "firstName",
  "lastName",
  "firstNameLowerCase",
  "lastNameLowerCase",
  "email",
  "phone",
  "tags",
  "dateAdded",
  "dateUpdated",
  "assignedTo",
  "companyName",
  "city",
  "state",
  "country",
  "source",
  "type",
  "businessId",
  "dnd",
  NULL,
};

static gboolean
is_date_field (const char *field)
{
  return g_strcmp0 (field, "dateAdded") == 0 || g_strcmp0 (field, "dateUpdated") == 0;
}

static gint64
date_of (JsonObject *c, const char *field)
{
  return json_object_get_int_member_with_default (
      c, g_str_equal (field, "dateAdded") ? "_addedMs" : "_updatedMs", 0);
}

/* The comparable text of a field: lower-cased, phones in E.164. */
static char *
text_of (JsonObject *c, const char *field)
{
  JsonNode *node = json_object_get_member (c, field);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_utf8_strdown (json_node_get_string (node), -1);
}

static char *
text_of_value (const char *field, JsonNode *value)
{
  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return NULL;
  if (json_node_get_value_type (value) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (value) ? "true" : "false");
  if (json_node_get_value_type (value) != G_TYPE_STRING)
    return NULL;
  if (g_str_equal (field, "phone"))
    {
      char *normal = ghl_normalize_phone (json_node_get_string (value));

      if (normal != NULL)
        return normal;
    }
  return g_utf8_strdown (json_node_get_string (value), -1);
}

static gboolean
tags_match (JsonObject *c, JsonNode *value, gboolean substring)
{
  JsonArray *tags = ghl_get_array (c, "tags");
  g_autoptr (GPtrArray) wanted = g_ptr_array_new_with_free_func (g_free);

  if (value != NULL && JSON_NODE_HOLDS_ARRAY (value))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (value)); i++)
      g_ptr_array_add (
          wanted, text_of_value ("tags", json_array_get_element (json_node_get_array (value), i)));
  else
    g_ptr_array_add (wanted, text_of_value ("tags", value));
  for (guint i = 0; tags && i < json_array_get_length (tags); i++)
    for (guint k = 0; k < wanted->len; k++)
      {
        const char *tag = ghl_array_string (tags, i);
        const char *w = g_ptr_array_index (wanted, k);

        if (tag && w && (substring ? strstr (tag, w) != NULL : g_str_equal (tag, w)))
          return TRUE;
      }
  return FALSE;
}

static gboolean
range_match (JsonObject *c, const char *field, JsonNode *value, GPtrArray *errors)
{
  static const char *ops[] = { "gt", "gte", "lt", "lte" };
  JsonObject *range;
  gint64 have;
  gboolean any = FALSE;

  if (!is_date_field (field) || value == NULL || !JSON_NODE_HOLDS_OBJECT (value))
    {
      g_ptr_array_add (errors,
                       g_strdup_printf ("range needs a date field and a {gt|gte|lt|lte} value"));
      return FALSE;
    }
  range = json_node_get_object (value);
  have = date_of (c, field);
  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      gint64 bound;

      if (!json_object_has_member (range, ops[i]))
        continue;
      any = TRUE;
      if (!ghl_parse_time (json_object_get_member (range, ops[i]), &bound))
        {
          g_ptr_array_add (
              errors,
              g_strdup_printf ("range.%s must be an ISO date or epoch milliseconds", ops[i]));
          return FALSE;
        }
      if ((i == 0 && !(have > bound)) || (i == 1 && !(have >= bound)) || (i == 2 && !(have < bound))
          || (i == 3 && !(have <= bound)))
        return FALSE;
    }
  if (!any)
    g_ptr_array_add (errors, g_strdup ("range needs at least one of gt, gte, lt, lte"));
  return any;
}

static gboolean match_filters (JsonObject *c, JsonArray *filters, gboolean any, GPtrArray *errors);

static gboolean
match_filter (JsonObject *c, JsonObject *filter, GPtrArray *errors)
{
  const char *group = ghl_get_string (filter, "group");
  const char *field = ghl_get_string (filter, "field");
  const char *op = ghl_get_string (filter, "operator");
  JsonNode *value = json_object_get_member (filter, "value");
  g_autofree char *have = NULL;
  g_autofree char *want = NULL;

  if (group != NULL)
    {
      JsonArray *sub = ghl_get_array (filter, "filters");

      if (sub == NULL
          || (g_ascii_strcasecmp (group, "AND") != 0 && g_ascii_strcasecmp (group, "OR") != 0))
        {
          g_ptr_array_add (errors, g_strdup ("group must be AND or OR with a filters array"));
          return FALSE;
        }
      return match_filters (c, sub, g_ascii_strcasecmp (group, "OR") == 0, errors);
    }
  if (field == NULL || !g_strv_contains (filter_fields, field))
    {
      g_ptr_array_add (errors, g_strdup_printf ("filters: field %s is not supported",
                                                field ? field : "(missing)"));
      return FALSE;
    }
  if (op == NULL)
    {
      g_ptr_array_add (errors, g_strdup ("filters: operator should not be empty"));
      return FALSE;
    }
  if (g_str_equal (op, "range"))
    return range_match (c, field, value, errors);
  if (g_str_equal (field, "tags"))
    {
      if (g_str_equal (op, "eq") || g_str_equal (op, "contains"))
        return tags_match (c, value, g_str_equal (op, "contains"));
      if (g_str_equal (op, "not_eq") || g_str_equal (op, "not_contains"))
        return !tags_match (c, value, g_str_equal (op, "not_contains"));
      if (g_str_equal (op, "exists") || g_str_equal (op, "not_exists"))
        {
          JsonArray *tags = ghl_get_array (c, "tags");

          return (tags && json_array_get_length (tags) > 0) == g_str_equal (op, "exists");
        }
    }
  if (is_date_field (field) && (g_str_equal (op, "eq") || g_str_equal (op, "not_eq")))
    {
      gint64 ms;

      if (!ghl_parse_time (value, &ms))
        {
          g_ptr_array_add (errors, g_strdup_printf ("filters: %s needs a date value", field));
          return FALSE;
        }
      return (date_of (c, field) == ms) == g_str_equal (op, "eq");
    }
  have = text_of (c, field);
  if (g_str_equal (op, "exists"))
    return have != NULL && *have != '\0';
  if (g_str_equal (op, "not_exists"))
    return have == NULL || *have == '\0';
  want = text_of_value (field, value);
  if (want == NULL)
    {
      g_ptr_array_add (errors, g_strdup_printf ("filters: value of %s must be a string", field));
      return FALSE;
    }
  if (g_str_equal (op, "eq"))
    return g_strcmp0 (have, want) == 0;
  if (g_str_equal (op, "not_eq"))
    return g_strcmp0 (have, want) != 0;
  if (g_str_equal (op, "contains"))
    return have != NULL && strstr (have, want) != NULL;
  if (g_str_equal (op, "not_contains"))
    return have == NULL || strstr (have, want) == NULL;
  g_ptr_array_add (errors, g_strdup_printf ("filters: operator %s is not supported", op));
  return FALSE;
}

static gboolean
match_filters (JsonObject *c, JsonArray *filters, gboolean any, GPtrArray *errors)
{
  guint n = json_array_get_length (filters);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *f = json_array_get_element (filters, i);
      gboolean ok;

      if (!JSON_NODE_HOLDS_OBJECT (f))
        {
          g_ptr_array_add (errors, g_strdup ("each filter must be an object"));
          return FALSE;
        }
      ok = match_filter (c, json_node_get_object (f), errors);
      if (errors->len > 0)
        return FALSE;
      if (any && ok)
        return TRUE;
      if (!any && !ok)
        return FALSE;
    }
  return !any || n == 0;
}

static gboolean
query_match (JsonObject *c, const char *query)
{
  static const char *fields[] = { "fullNameLowerCase", "emailLowerCase",     "phone",
                                  "companyName",       "firstNameLowerCase", "lastNameLowerCase" };
  g_autofree char *q = NULL;

  if (query == NULL || *query == '\0')
    return TRUE;
  q = g_utf8_strdown (query, -1);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *have = text_of (c, fields[i]);

      if (have != NULL && strstr (have, q) != NULL)
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  const char *field;
  gboolean desc;
} SortSpec;

static int
compare_contacts (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const SortSpec *sort = user_data;
  JsonObject *ca = *(JsonObject **) a, *cb = *(JsonObject **) b;
  int r;

  if (is_date_field (sort->field))
    {
      gint64 da = date_of (ca, sort->field), db = date_of (cb, sort->field);

      r = da < db ? -1 : da > db;
    }
  else
    {
      g_autofree char *ta = text_of (ca, sort->field);
      g_autofree char *tb = text_of (cb, sort->field);

      r = g_strcmp0 (ta, tb);
    }
  if (r == 0)
    r = g_strcmp0 (ghl_get_string (ca, "id"), ghl_get_string (cb, "id"));
  return sort->desc ? -r : r;
}

static JsonNode *
sort_value (JsonObject *c, const char *field)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  if (is_date_field (field))
    json_node_set_int (node, date_of (c, field));
  else
    {
      g_autofree char *text = text_of (c, field);

      json_node_set_string (node, text ? text : "");
    }
  return node;
}

/* Is c strictly after the cursor [value, id] in this order? */
static gboolean
after_cursor (JsonObject *c, JsonArray *cursor, SortSpec *sort)
{
  JsonObject *probe = json_object_new ();
  JsonObject *cp = c;
  JsonNode *v = json_array_get_element (cursor, 0);
  int r;

  json_object_set_string_member (probe, "id", ghl_array_string (cursor, 1));
  if (is_date_field (sort->field))
    {
      gint64 ms = 0;

      ghl_parse_time (v, &ms);
      json_object_set_int_member (
          probe, g_str_equal (sort->field, "dateAdded") ? "_addedMs" : "_updatedMs", ms);
    }
  else
    json_object_set_member (probe, sort->field, json_node_copy (v));
  r = compare_contacts (&cp, &probe, sort);
  json_object_unref (probe);
  return r > 0;
}

static void
contacts_search (LiaisonSandboxRequest *req, gpointer user_data)
{
  static const char *const allowed[]
      = { "locationId", "page", "pageLimit", "searchAfter", "filters", "sort", "query", NULL };
  LiaisonSandboxGhl *self = user_data;
  JsonObject *token = ghl_begin (self, req, GHL_V_CONTACTS, "contacts.readonly");
  JsonObject *body, *o;
  const char *location_id, *query;
  gint64 page = 1, limit;
  JsonArray *filters = NULL, *cursor = NULL, *out;
  SortSpec sort = { "dateAdded", TRUE };
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) hits = g_ptr_array_new ();
  guint start = 0;

  if (token == NULL || (body = ghl_body_object (req)) == NULL
      || !ghl_check_whitelist (req, body, allowed))
    return;
  location_id = ghl_get_string (body, "locationId");
  limit = json_object_get_int_member_with_default (body, "pageLimit", 0);
  if (location_id == NULL)
    g_ptr_array_add (errors, g_strdup ("locationId should not be empty"));
  if (!json_object_has_member (body, "pageLimit"))
    g_ptr_array_add (errors, g_strdup ("pageLimit should not be empty"));
  else if (limit < 1)
    g_ptr_array_add (errors, g_strdup ("pageLimit must not be less than 1"));
  else if (limit > MAX_PAGE_LIMIT)
    g_ptr_array_add (errors,
                     g_strdup_printf ("pageLimit must not be greater than %d", MAX_PAGE_LIMIT));
  if (json_object_has_member (body, "page"))
    {
      page = json_object_get_int_member_with_default (body, "page", 0);
      if (page < 1)
        g_ptr_array_add (errors, g_strdup ("page must not be less than 1"));
    }
  query = ghl_get_string (body, "query");
  if (query != NULL && g_utf8_strlen (query, -1) > 75)
    g_ptr_array_add (errors, g_strdup ("query must be shorter than or equal to 75 characters"));
  if (json_object_has_member (body, "filters"))
    {
      if (!JSON_NODE_HOLDS_ARRAY (json_object_get_member (body, "filters")))
        g_ptr_array_add (errors, g_strdup ("filters must be an array"));
      else
        filters = ghl_get_array (body, "filters");
    }
  if (json_object_has_member (body, "sort"))
    {
      JsonNode *s = json_object_get_member (body, "sort");
      JsonObject *first;

      if (!JSON_NODE_HOLDS_ARRAY (s) || json_array_get_length (json_node_get_array (s)) == 0
          || !JSON_NODE_HOLDS_OBJECT (json_array_get_element (json_node_get_array (s), 0))
          || (first = json_array_get_object_element (json_node_get_array (s), 0)) == NULL
          || !g_strv_contains (filter_fields, ghl_get_string (first, "field") ?: "")
          || (g_strcmp0 (ghl_get_string (first, "direction"), "asc") != 0
              && g_strcmp0 (ghl_get_string (first, "direction"), "desc") != 0))
        g_ptr_array_add (
            errors, g_strdup ("sort must be [{field, direction: asc|desc}] on a supported field"));
      else
        {
          sort.field = ghl_get_string (first, "field");
          sort.desc = g_str_equal (ghl_get_string (first, "direction"), "desc");
        }
    }
  if (json_object_has_member (body, "searchAfter"))
    {
      JsonNode *s = json_object_get_member (body, "searchAfter");

      if (!JSON_NODE_HOLDS_ARRAY (s) || json_array_get_length (json_node_get_array (s)) != 2
          || ghl_array_string (json_node_get_array (s), 1) == NULL)
        g_ptr_array_add (
            errors, g_strdup ("searchAfter must be the [value, id] of the last contact of a page"));
      else
        cursor = json_node_get_array (s);
    }
  if (errors->len == 0 && cursor == NULL && page * limit > MAX_PAGED_RECORDS)
    g_ptr_array_add (errors, g_strdup ("page beyond 10000 records: use searchAfter"));
  if (errors->len > 0)
    return ghl_error_422 (req, errors);
  if (!ghl_check_location (req, token, location_id))
    return;

  for (guint i = 0; i < liaison_sandbox_table_size (self->contacts); i++)
    {
      JsonObject *c = liaison_sandbox_table_index (self->contacts, i);

      if (g_strcmp0 (ghl_get_string (c, "locationId"), location_id) != 0 || !query_match (c, query))
        continue;
      if (filters != NULL && !match_filters (c, filters, FALSE, errors))
        {
          if (errors->len > 0)
            return ghl_error_422 (req, errors);
          continue;
        }
      g_ptr_array_add (hits, c);
    }
  g_ptr_array_sort_with_data (hits, compare_contacts, &sort);
  if (cursor != NULL)
    while (start < hits->len && !after_cursor (g_ptr_array_index (hits, start), cursor, &sort))
      start++;
  else
    start = (guint) MIN ((page - 1) * limit, (gint64) hits->len);

  out = json_array_new ();
  for (guint i = start; i < hits->len && i < start + limit; i++)
    {
      JsonObject *c = g_ptr_array_index (hits, i);
      JsonObject *pub = ghl_public_copy (c);
      JsonArray *after = json_array_new ();

      json_array_add_element (after, sort_value (c, sort.field));
      json_array_add_string_element (after, ghl_get_string (c, "id"));
      json_object_set_array_member (pub, "searchAfter", after);
      json_array_add_object_element (out, pub);
    }
  o = json_object_new ();
  json_object_set_array_member (o, "contacts", out);
  json_object_set_int_member (o, "total", hits->len);
  json_object_set_string_member (o, "traceId", location_id);
  liaison_sandbox_request_reply_object (req, 200, o);
}

static gboolean
query_int (LiaisonSandboxRequest *req, const char *name, gint64 min, gint64 max, gint64 *value,
           GPtrArray *errors)
{
  const char *text = liaison_sandbox_request_get_query (req, name);
  gint64 v;

  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &v, NULL))
    {
      g_ptr_array_add (errors, g_strdup_printf ("%s must be a number", name));
      return FALSE;
    }
  if (v < min)
    g_ptr_array_add (errors,
                     g_strdup_printf ("%s must not be less than %" G_GINT64_FORMAT, name, min));
  else if (v > max)
    g_ptr_array_add (errors,
                     g_strdup_printf ("%s must not be greater than %" G_GINT64_FORMAT, name, max));
  else
    *value = v;
  return TRUE;
}

/* Deprecated list: ascending dateAdded, paged with startAfter + startAfterId. */
static void
contacts_list (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  JsonObject *token = ghl_begin (self, req, GHL_V_CONTACTS, "contacts.readonly");
  const char *location_id = liaison_sandbox_request_get_query (req, "locationId");
  const char *after_id = liaison_sandbox_request_get_query (req, "startAfterId");
  const char *query = liaison_sandbox_request_get_query (req, "query");
  gint64 limit = 20, after_ms = -1;
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) hits = g_ptr_array_new ();
  SortSpec sort = { "dateAdded", FALSE };
  JsonObject *o, *meta;
  JsonArray *out;
  guint start = 0, end;

  if (token == NULL)
    return;
  if (location_id == NULL)
    g_ptr_array_add (errors, g_strdup ("locationId should not be empty"));
  query_int (req, "limit", 1, 100, &limit, errors);
  query_int (req, "startAfter", 0, G_MAXINT64, &after_ms, errors);
  if (errors->len > 0)
    return ghl_error_422 (req, errors);
  if (!ghl_check_location (req, token, location_id))
    return;
  for (guint i = 0; i < liaison_sandbox_table_size (self->contacts); i++)
    {
      JsonObject *c = liaison_sandbox_table_index (self->contacts, i);

      if (g_strcmp0 (ghl_get_string (c, "locationId"), location_id) == 0 && query_match (c, query))
        g_ptr_array_add (hits, c);
    }
  g_ptr_array_sort_with_data (hits, compare_contacts, &sort);
  if (after_ms >= 0 || after_id != NULL)
    {
      JsonArray *cursor = json_array_new ();

      json_array_add_int_element (cursor, after_ms >= 0 ? after_ms : 0);
      json_array_add_string_element (cursor, after_id ? after_id : "");
      while (start < hits->len && !after_cursor (g_ptr_array_index (hits, start), cursor, &sort))
        start++;
      json_array_unref (cursor);
    }
  end = (guint) MIN ((gint64) start + limit, (gint64) hits->len);
  out = json_array_new ();
  for (guint i = start; i < end; i++)
    json_array_add_object_element (out, ghl_public_copy (g_ptr_array_index (hits, i)));

  o = json_object_new ();
  meta = json_object_new ();
  json_object_set_array_member (o, "contacts", out);
  json_object_set_int_member (o, "count", hits->len);
  json_object_set_int_member (meta, "total", hits->len);
  json_object_set_int_member (meta, "currentPage", start / limit + 1);
  if (end < hits->len && end > start)
    {
      JsonObject *last = g_ptr_array_index (hits, end - 1);
      g_autofree char *url = NULL;
      g_autofree char *base = liaison_sandbox_server_dup_base_url (self->server);
      g_autofree char *loc = g_uri_escape_string (location_id, NULL, FALSE);

      url = g_strdup_printf ("%s/contacts/?locationId=%s&limit=%" G_GINT64_FORMAT
                             "&startAfter=%" G_GINT64_FORMAT "&startAfterId=%s",
                             base, loc, limit, date_of (last, "dateAdded"),
                             ghl_get_string (last, "id"));
      json_object_set_string_member (meta, "nextPageUrl", url);
      json_object_set_string_member (meta, "startAfterId", ghl_get_string (last, "id"));
      json_object_set_int_member (meta, "startAfter", date_of (last, "dateAdded"));
      json_object_set_int_member (meta, "nextPage", start / limit + 2);
    }
  else
    {
      json_object_set_null_member (meta, "nextPageUrl");
      json_object_set_null_member (meta, "startAfterId");
      json_object_set_null_member (meta, "startAfter");
      json_object_set_null_member (meta, "nextPage");
    }
  if (start > 0)
    json_object_set_int_member (meta, "prevPage", start / limit);
  else
    json_object_set_null_member (meta, "prevPage");
  json_object_set_object_member (o, "meta", meta);
  liaison_sandbox_request_reply_object (req, 200, o);
}

static void
contacts_duplicate (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  JsonObject *token = ghl_begin (self, req, GHL_V_CONTACTS, "contacts.readonly");
  const char *location_id = liaison_sandbox_request_get_query (req, "locationId");
  const char *email = liaison_sandbox_request_get_query (req, "email");
  const char *number = liaison_sandbox_request_get_query (req, "number");
  JsonObject *match = NULL, *o;

  if (token == NULL)
    return;
  if (location_id == NULL)
    return ghl_error_422_one (req, "locationId should not be empty");
  if (!ghl_check_location (req, token, location_id))
    return;
  /* Email has the first priority, then the phone number. */
  if (email != NULL)
    match = ghl_find_by_email (self, location_id, email, NULL);
  if (match == NULL && number != NULL)
    match = ghl_find_by_phone (self, location_id, number, NULL);
  o = json_object_new ();
  if (match != NULL)
    json_object_set_object_member (o, "contact", ghl_public_copy (match));
  else
    json_object_set_null_member (o, "contact");
  liaison_sandbox_request_reply_object (req, 200, o);
}

static void
contacts_by_business (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  JsonObject *token = ghl_begin (self, req, GHL_V_CONTACTS, "contacts.readonly");
  const char *location_id = liaison_sandbox_request_get_query (req, "locationId");
  const char *business_id = liaison_sandbox_request_get_param (req, "businessId");
  const char *query = liaison_sandbox_request_get_query (req, "query");
  gint64 limit = 25, skip = 0;
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  JsonArray *out;
  JsonObject *o;
  guint count = 0;

  if (token == NULL)
    return;
  if (location_id == NULL)
    g_ptr_array_add (errors, g_strdup ("locationId should not be empty"));
  query_int (req, "limit", 1, 100, &limit, errors);
  query_int (req, "skip", 0, G_MAXINT32, &skip, errors);
  if (errors->len > 0)
    return ghl_error_422 (req, errors);
  if (!ghl_check_location (req, token, location_id))
    return;
  out = json_array_new ();
  for (guint i = 0; i < liaison_sandbox_table_size (self->contacts); i++)
    {
      JsonObject *c = liaison_sandbox_table_index (self->contacts, i);

      if (g_strcmp0 (ghl_get_string (c, "locationId"), location_id) != 0
          || g_strcmp0 (ghl_get_string (c, "businessId"), business_id) != 0
          || !query_match (c, query))
        continue;
      if (count >= skip && count < skip + limit)
        json_array_add_object_element (out, ghl_public_copy (c));
      count++;
    }
  o = json_object_new ();
  json_object_set_array_member (o, "contacts", out);
  json_object_set_int_member (o, "count", count);
  liaison_sandbox_request_reply_object (req, 200, o);
}

void
ghl_search_register (LiaisonSandboxGhl *self)
{
  LiaisonSandboxServer *s = self->server;

  liaison_sandbox_server_route (s, "POST", "/contacts/search", NULL, 0, contacts_search, self);
  liaison_sandbox_server_route (s, "GET", "/contacts/", NULL, 0, contacts_list, self);
  liaison_sandbox_server_route (s, "GET", "/contacts/search/duplicate", NULL, 0, contacts_duplicate,
                                self);
  liaison_sandbox_server_route (s, "GET", "/contacts/business/:businessId", NULL, 0,
                                contacts_by_business, self);
}
