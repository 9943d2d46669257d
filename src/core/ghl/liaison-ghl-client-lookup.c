/* liaison-ghl-client-lookup.c: finding contacts (the paged search behind
 * incremental sync, the duplicate lookup, contacts of a business) and
 * changing their tags.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-ghl"

#include "liaison-ghl-client-private.h"
#include "liaison-json.h"

/* The search accepts up to 500 per page (help.hoopai.com copy of the docs). */
#define MAX_PAGE_LIMIT 500
#define DEFAULT_PAGE_LIMIT 100

static gpointer
read_contact (JsonObject *object, GError **error)
{
  return liaison_ghl_contact_from_json (object, error);
}

static const LiaisonGhlReader contacts_reader = { "contacts", read_contact, "contact" };

typedef struct
{
  GPtrArray *contacts;
  char *next_cursor;
  guint total;
} Page;

static void
page_free (Page *page)
{
  g_clear_pointer (&page->contacts, g_ptr_array_unref);
  g_free (page->next_cursor);
  g_free (page);
}

/* The cursor for the next page is the last contact's "searchAfter" value,
 * kept as JSON text so that callers can store it. HighLevel's shape is
 * [dateUpdated in ms, id]; it is rebuilt so when missing. */
static char *
cursor_after (JsonArray *array)
{
  JsonObject *last;
  JsonArray *after;
  const char *id;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GDateTime) updated = NULL;

  last = JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, json_array_get_length (array) - 1))
             ? json_array_get_object_element (array, json_array_get_length (array) - 1)
             : NULL;
  if (last == NULL)
    return NULL;
  after = liaison_json_get_array (last, "searchAfter");
  if (after != NULL)
    {
      node = json_node_init_array (json_node_alloc (), after);
      return json_to_string (node, FALSE);
    }

  updated = liaison_json_get_time (last, "dateUpdated");
  id = liaison_json_get_string (last, "id");
  if (updated == NULL || id == NULL)
    return NULL;
  /* Built, not printed: an id may hold a quote or a backslash. */
  after = json_array_new ();
  json_array_add_int_element (after, g_date_time_to_unix (updated) * 1000
                                         + g_date_time_get_microsecond (updated) / 1000);
  json_array_add_string_element (after, id);
  node = json_node_init_array (json_node_alloc (), after);
  json_array_unref (after);
  return json_to_string (node, FALSE);
}

static gpointer
parse_page (LiaisonHttpCall *call, JsonNode *root, GError **error)
{
  guint page_limit = GPOINTER_TO_UINT (liaison_http_call_get_parse_data (call));
  g_autoptr (GPtrArray) contacts = NULL;
  JsonArray *array;
  Page *page;
  gint64 total = 0;

  array = liaison_json_expect_array (root, "contacts", LIAISON_GHL_SERVICE, error);
  if (array == NULL)
    return NULL;
  contacts = liaison_ghl_read_list (call, array, &contacts_reader);

  page = g_new0 (Page, 1);
  if (liaison_json_get_int_in_range (json_node_get_object (root), "total", 0, G_MAXUINT, &total))
    page->total = (guint) total;
  /* A short page is the last one; skipped records still count. */
  if (json_array_get_length (array) >= page_limit && json_array_get_length (array) > 0)
    {
      page->next_cursor = cursor_after (array);
      if (page->next_cursor == NULL)
        {
          page_free (page);
          g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                       "HighLevel sent a full page without a cursor for the next one");
          return NULL;
        }
    }
  page->contacts = g_steal_pointer (&contacts);
  return page;
}

/* One page of contacts changed since updated_since (all contacts when NULL),
 * oldest change first. cursor is NULL for the first page, then the
 * next_cursor of the page before; a NULL next_cursor means the end.
 * Pass updated_since minus an overlap: the search index lags a little. */
void
liaison_ghl_client_search_contacts_async (LiaisonGhlClient *self, GDateTime *updated_since,
                                          const char *cursor, guint page_limit,
                                          GCancellable *cancellable, GAsyncReadyCallback callback,
                                          gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) after = NULL;
  g_autoptr (JsonNode) body = NULL;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));

  if (cursor != NULL)
    {
      after = json_from_string (cursor, NULL);
      if (after == NULL || !JSON_NODE_HOLDS_ARRAY (after))
        {
          liaison_http_call_report_error (
              self, liaison_ghl_client_search_contacts_async, callback, user_data,
              g_error_new (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_VALIDATION,
                           "The contact search cursor “%s” is not "
                           "valid",
                           cursor));
          return;
        }
    }
  page_limit = page_limit == 0 ? DEFAULT_PAGE_LIMIT : MIN (page_limit, MAX_PAGE_LIMIT);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "locationId");
  json_builder_add_string_value (builder, liaison_ghl_client_get_location_id (self));
  json_builder_set_member_name (builder, "pageLimit");
  json_builder_add_int_value (builder, page_limit);
  json_builder_set_member_name (builder, "sort");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "field");
  json_builder_add_string_value (builder, "dateUpdated");
  json_builder_set_member_name (builder, "direction");
  json_builder_add_string_value (builder, "asc");
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  if (updated_since != NULL)
    {
      g_autofree char *since = liaison_json_format_time (updated_since);

      json_builder_set_member_name (builder, "filters");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, "dateUpdated");
      json_builder_set_member_name (builder, "operator");
      json_builder_add_string_value (builder, "range");
      json_builder_set_member_name (builder, "value");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "gte");
      json_builder_add_string_value (builder, since);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
      json_builder_end_array (builder);
    }
  if (after != NULL)
    {
      json_builder_set_member_name (builder, "searchAfter");
      json_builder_add_value (builder, g_steal_pointer (&after));
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  request = liaison_ghl_client_request (self, "POST", LIAISON_GHL_VERSION_CONTACTS,
                                        "search contacts", "contacts", "search", NULL);
  /* A search changes nothing: safe to repeat. */
  liaison_http_request_set_idempotent (request, TRUE);
  liaison_http_request_set_max_reply_size (request, LIAISON_HTTP_MAX_REPLY_PAGE);
  liaison_http_request_set_json_body (request, body);
  liaison_ghl_client_run (self, request, parse_page, GUINT_TO_POINTER (page_limit),
                          (GDestroyNotify) page_free, liaison_ghl_client_search_contacts_async,
                          cancellable, callback, user_data);
}

GPtrArray *
liaison_ghl_client_search_contacts_finish (LiaisonGhlClient *self, GAsyncResult *result,
                                           char **next_cursor, guint *total, GError **error)
{
  Page *page
      = liaison_http_call_finish (self, result, liaison_ghl_client_search_contacts_async, error);
  GPtrArray *contacts;

  if (page == NULL)
    return NULL;
  if (next_cursor != NULL)
    *next_cursor = g_steal_pointer (&page->next_cursor);
  if (total != NULL)
    *total = page->total;
  contacts = g_steal_pointer (&page->contacts);
  page_free (page);
  return contacts;
}

static gpointer
parse_duplicate (LiaisonHttpCall *call, JsonNode *root, GError **error)
{
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                   "HighLevel sent a reply that is not an object");
      return NULL;
    }
  /* The reply is undocumented: no "contact" (or null) means no duplicate. */
  object = liaison_json_get_object (json_node_get_object (root), "contact");
  if (object == NULL)
    return NULL;
  return liaison_ghl_contact_from_json (object, error);
}

/* The contact HighLevel considers the same person (by the location's
 * duplicate settings: email first, then phone); NULL without an error when
 * there is none. */
void
liaison_ghl_client_find_duplicate_async (LiaisonGhlClient *self, const char *email,
                                         const char *phone, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (email != NULL || phone != NULL);

  request = liaison_ghl_client_request (self, "GET", LIAISON_GHL_VERSION_CONTACTS,
                                        "look for a duplicate contact", "contacts", "search",
                                        "duplicate", NULL);
  liaison_http_request_add_query (request, "locationId", liaison_ghl_client_get_location_id (self));
  if (email != NULL)
    liaison_http_request_add_query (request, "email", email);
  if (phone != NULL)
    liaison_http_request_add_query (request, "number", phone);
  liaison_ghl_client_run (self, request, parse_duplicate, NULL, g_object_unref,
                          liaison_ghl_client_find_duplicate_async, cancellable, callback,
                          user_data);
}

LiaisonContact *
liaison_ghl_client_find_duplicate_finish (LiaisonGhlClient *self, GAsyncResult *result,
                                          GError **error)
{
  return liaison_http_call_finish (self, result, liaison_ghl_client_find_duplicate_async, error);
}

void
liaison_ghl_client_list_business_contacts_async (LiaisonGhlClient *self, const char *business_id,
                                                 guint skip, guint limit, GCancellable *cancellable,
                                                 GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autofree char *skip_text = g_strdup_printf ("%u", skip);
  g_autofree char *limit_text = g_strdup_printf ("%u", limit == 0 ? 100 : limit);

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (business_id != NULL);

  request = liaison_ghl_client_request (self, "GET", LIAISON_GHL_VERSION_CONTACTS,
                                        "list the business's contacts", "contacts", "business",
                                        business_id, NULL);
  liaison_http_request_add_query (request, "locationId", liaison_ghl_client_get_location_id (self));
  liaison_http_request_add_query (request, "limit", limit_text);
  liaison_http_request_add_query (request, "skip", skip_text);
  liaison_ghl_client_run_list (self, request, &contacts_reader,
                               liaison_ghl_client_list_business_contacts_async, cancellable,
                               callback, user_data);
}

GPtrArray *
liaison_ghl_client_list_business_contacts_finish (LiaisonGhlClient *self, GAsyncResult *result,
                                                  GError **error)
{
  return liaison_http_call_finish (self, result, liaison_ghl_client_list_business_contacts_async,
                                   error);
}

static gpointer
parse_tags (LiaisonHttpCall *call, JsonNode *root, GError **error)
{
  JsonArray *array = liaison_json_expect_array (root, "tags", LIAISON_GHL_SERVICE, error);

  if (array == NULL)
    return NULL;
  return liaison_json_dup_strv (json_node_get_object (root), "tags");
}

static void
change_tags (LiaisonGhlClient *self, const char *method, const char *operation,
             const char *contact_id, const char *const *tags, gpointer source_tag,
             GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) body = NULL;
  guint i;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (i = 0; tags[i] != NULL; i++)
    json_builder_add_string_value (builder, tags[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  request = liaison_ghl_client_request (self, method, LIAISON_GHL_VERSION_CONTACTS, operation,
                                        "contacts", contact_id, "tags", NULL);
  /* Tags are a set: adding or removing twice is harmless. */
  liaison_http_request_set_idempotent (request, TRUE);
  liaison_http_request_set_json_body (request, body);
  liaison_ghl_client_run (self, request, parse_tags, NULL, (GDestroyNotify) g_strfreev, source_tag,
                          cancellable, callback, user_data);
}

/* Completes with the contact's tags after the change. */
void
liaison_ghl_client_add_tags_async (LiaisonGhlClient *self, const char *contact_id,
                                   const char *const *tags, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (contact_id != NULL && tags != NULL);

  change_tags (self, "POST", "add tags to the contact", contact_id, tags,
               liaison_ghl_client_add_tags_async, cancellable, callback, user_data);
}

void
liaison_ghl_client_remove_tags_async (LiaisonGhlClient *self, const char *contact_id,
                                      const char *const *tags, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (contact_id != NULL && tags != NULL);

  change_tags (self, "DELETE", "remove tags from the contact", contact_id, tags,
               liaison_ghl_client_remove_tags_async, cancellable, callback, user_data);
}

char **
liaison_ghl_client_tags_finish (LiaisonGhlClient *self, GAsyncResult *result, GError **error)
{
  static const gpointer tags[] = {
    liaison_ghl_client_add_tags_async,
    liaison_ghl_client_remove_tags_async,
    NULL,
  };

  return liaison_http_call_finish_any (self, result, tags, error);
}
