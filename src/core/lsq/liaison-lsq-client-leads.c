/* liaison-lsq-client-leads.c: LeadSquared leads: get by id, email and
 * phone, the Leads.RecentlyModified page the sync engine drives, create,
 * update, CreateOrUpdate and the bulk CreateOrUpdate in batches of 25.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-lsq"

#include "liaison-json.h"
#include "liaison-lsq-client-private.h"

#define LEADS "/v2/LeadManagement.svc/"

static GError *
argument_error (const char *operation, const char *what)
{
  return g_error_new (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_VALIDATION, "Could not %s: %s",
                      operation, what);
}

/* ---- reads ---- */

static gpointer
parse_one_lead (LiaisonHttpCall *call, JsonNode *root, GError **error)
{
  gpointer data = liaison_http_call_get_parse_data (call);
  g_autoptr (GPtrArray) leads = liaison_lsq_parse_leads (call, root, error);

  if (leads == NULL)
    return NULL;
  if (leads->len == 0)
    {
      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_FOUND,
                   "%s has no lead with id “%s”", LIAISON_LSQ_SERVICE, (const char *) data);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (leads, 0));
}

void
liaison_lsq_client_get_lead_async (LiaisonLsqClient *self, const char *lead_id,
                                   GCancellable *cancellable, GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;

  g_return_if_fail (LIAISON_IS_LSQ_CLIENT (self));
  g_return_if_fail (lead_id != NULL);

  request = liaison_lsq_client_request (self, "GET", LEADS "Leads.GetById", "get the lead");
  liaison_lsq_client_add_id_query (request, "id", lead_id);
  liaison_lsq_client_run (self, request, parse_one_lead, g_strdup (lead_id), g_free, g_object_unref,
                          liaison_lsq_client_get_lead_async, cancellable, callback, user_data);
}

/* A lead that does not exist is LIAISON_HTTP_ERROR_NOT_FOUND. */
LiaisonContact *
liaison_lsq_client_get_lead_finish (LiaisonLsqClient *self, GAsyncResult *result, GError **error)
{
  return liaison_http_call_finish (self, result, liaison_lsq_client_get_lead_async, error);
}

/* Every lead with this email (imported data can hold duplicates); an empty
 * array when there is none. Finish with list_finish. */
void
liaison_lsq_client_find_leads_by_email_async (LiaisonLsqClient *self, const char *email,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;

  g_return_if_fail (LIAISON_IS_LSQ_CLIENT (self));
  g_return_if_fail (email != NULL);

  request = liaison_lsq_client_request (self, "GET", LEADS "Leads.GetByEmailaddress",
                                        "find leads by email");
  liaison_http_request_add_query (request, "emailaddress", email);
  liaison_lsq_client_run (
      self, request, liaison_lsq_parse_leads, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
      liaison_lsq_client_find_leads_by_email_async, cancellable, callback, user_data);
}

/* The API matches Phone and Mobile on digits only, so the number is reduced
 * to its digits (a leading + kept out too). */
void
liaison_lsq_client_find_leads_by_phone_async (LiaisonLsqClient *self, const char *phone,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autoptr (GString) digits = g_string_new (NULL);
  const char *p;

  g_return_if_fail (LIAISON_IS_LSQ_CLIENT (self));
  g_return_if_fail (phone != NULL);

  for (p = phone; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  if (digits->len == 0)
    {
      liaison_http_call_report_error (
          self, liaison_lsq_client_find_leads_by_phone_async, callback, user_data,
          argument_error ("find leads by phone", "the phone number has no digits"));
      return;
    }

  request = liaison_lsq_client_request (self, "GET", LEADS "RetrieveLeadByPhoneNumber",
                                        "find leads by phone");
  liaison_http_request_add_query (request, "phone", digits->str);
  liaison_lsq_client_run (
      self, request, liaison_lsq_parse_leads, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
      liaison_lsq_client_find_leads_by_phone_async, cancellable, callback, user_data);
}

/* ---- Leads.RecentlyModified ---- */

typedef struct
{
  GPtrArray *leads;
  guint record_count;
  guint page_size;
  guint page_length; /* leads in the reply, skipped ones included */
} Page;

static void
page_free (Page *page)
{
  g_clear_pointer (&page->leads, g_ptr_array_unref);
  g_free (page);
}

/* {"RecordCount": n, "Leads": [{"LeadPropertyList": [{"Attribute", "Value"}]}]} */
static gpointer
parse_page (LiaisonHttpCall *call, JsonNode *root, GError **error)
{
  LiaisonLsqClient *self = liaison_http_call_get_source_object (call);
  gpointer data = liaison_http_call_get_parse_data (call);
  JsonObject *object = liaison_json_expect_object (root, NULL, LIAISON_LSQ_SERVICE, error);
  JsonArray *leads;
  g_autoptr (GPtrArray) contacts = NULL;
  Page *page;
  gint64 count = 0;
  guint i;

  if (object == NULL)
    return NULL;
  leads = liaison_json_expect_array (root, "Leads", LIAISON_LSQ_SERVICE, error);
  if (leads == NULL)
    return NULL;

  contacts = g_ptr_array_new_with_free_func (g_object_unref);
  for (i = 0; i < json_array_get_length (leads); i++)
    {
      JsonNode *element = json_array_get_element (leads, i);
      g_autoptr (GError) why = NULL;
      LiaisonContact *contact = NULL;

      /* A lead that cannot be read is left out and named; the page goes on. */
      if (!JSON_NODE_HOLDS_OBJECT (element)
          || liaison_json_get_array (json_node_get_object (element), "LeadPropertyList") == NULL)
        why = g_error_new (LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                           "%s sent the lead without its LeadPropertyList", LIAISON_LSQ_SERVICE);
      else
        contact = liaison_lsq_contact_from_json (element, liaison_lsq_client_get_field_types (self),
                                                 &why);
      if (contact == NULL)
        {
          liaison_http_call_skip (call, "lead", i, liaison_lsq_lead_id_of (element), why);
          continue;
        }
      g_ptr_array_add (contacts, contact);
    }

  page = g_new0 (Page, 1);
  page->leads = g_steal_pointer (&contacts);
  page->page_size = GPOINTER_TO_UINT (data);
  page->page_length = json_array_get_length (leads);
  /* RecordCount is a number, or a number in a string; when missing, the
   * page length is all that is known. */
  if (liaison_json_get_int_in_range (object, "RecordCount", 0, G_MAXUINT, &count))
    page->record_count = (guint) count;
  else
    page->record_count = page->page_length;
  return page;
}

/* One page (page_index from 1) of the leads modified in [from, to], sorted
 * by ModifiedOn ascending (ties by lead number, so pages neither repeat nor
 * skip a lead). The caller drives the paging: while more is TRUE, ask for
 * the next page_index. page_size 0 means the largest the API allows. */
void
liaison_lsq_client_recently_modified_async (LiaisonLsqClient *self, GDateTime *from, GDateTime *to,
                                            guint page_index, guint page_size,
                                            GCancellable *cancellable, GAsyncReadyCallback callback,
                                            gpointer user_data)
{
  const char *operation = "list recently modified leads";
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  JsonObject *body, *parameter, *paging, *sorting;
  g_autoptr (JsonNode) node = NULL;

  g_return_if_fail (LIAISON_IS_LSQ_CLIENT (self));
  g_return_if_fail (from != NULL && to != NULL);

  if (page_index == 0 || g_date_time_compare (from, to) > 0)
    {
      liaison_http_call_report_error (
          self, liaison_lsq_client_recently_modified_async, callback, user_data,
          argument_error (operation, page_index == 0 ? "pages are counted from 1"
                                                     : "the window ends before it starts"));
      return;
    }
  if (page_size == 0 || page_size > LIAISON_LSQ_MAX_PAGE_SIZE)
    page_size = LIAISON_LSQ_MAX_PAGE_SIZE;

  from_text = liaison_lsq_format_time (from);
  to_text = liaison_lsq_format_time (to);
  parameter = json_object_new ();
  json_object_set_string_member (parameter, "FromDate", from_text);
  json_object_set_string_member (parameter, "ToDate", to_text);
  paging = json_object_new ();
  json_object_set_int_member (paging, "PageIndex", page_index);
  json_object_set_int_member (paging, "PageSize", page_size);
  sorting = json_object_new ();
  json_object_set_string_member (sorting, "ColumnName", "ModifiedOn");
  json_object_set_string_member (sorting, "Direction", "0");
  body = json_object_new ();
  json_object_set_object_member (body, "Parameter", parameter);
  json_object_set_object_member (body, "Paging", paging);
  json_object_set_object_member (body, "Sorting", sorting);
  node = json_node_init_object (json_node_alloc (), body);
  json_object_unref (body);

  request = liaison_lsq_client_request (self, "POST", LEADS "Leads.RecentlyModified", operation);
  liaison_http_request_set_json_body (request, node);
  /* A search: repeating it changes nothing. */
  liaison_http_request_set_idempotent (request, TRUE);
  liaison_http_request_set_max_reply_size (request, LIAISON_HTTP_MAX_REPLY_PAGE);
  liaison_lsq_client_run (self, request, parse_page, GUINT_TO_POINTER (page_size), NULL,
                          (GDestroyNotify) page_free, liaison_lsq_client_recently_modified_async,
                          cancellable, callback, user_data);
}

/* The page's LiaisonContacts. record_count is the number of leads in the
 * whole window as LeadSquared counts it; more is TRUE when the page was
 * full (the documented stop rule is a page shorter than the page size). */
GPtrArray *
liaison_lsq_client_recently_modified_finish (LiaisonLsqClient *self, GAsyncResult *result,
                                             guint *record_count, gboolean *more, GError **error)
{
  Page *page;
  GPtrArray *leads;

  page = liaison_http_call_finish (self, result, liaison_lsq_client_recently_modified_async, error);
  if (page == NULL)
    return NULL;
  if (record_count != NULL)
    *record_count = page->record_count;
  if (more != NULL)
    *more = page->page_length > 0 && page->page_length >= page->page_size;
  leads = g_steal_pointer (&page->leads);
  page_free (page);
  return leads;
}

/* ---- writes ---- */

static void
set_body (LiaisonHttpRequest *request, LiaisonContact *contact, const char *search_by)
{
  g_autoptr (JsonNode) node = liaison_lsq_contact_to_json (contact, search_by);

  liaison_http_request_set_json_body (request, node);
  liaison_http_request_set_subject (request, "the lead");
}

/* Lead.Create. Not repeated after a failure that may have reached
 * LeadSquared (no idempotency key). Finish with id_finish: the new id. */
void
liaison_lsq_client_create_lead_async (LiaisonLsqClient *self, LiaisonContact *contact,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;

  g_return_if_fail (LIAISON_IS_LSQ_CLIENT (self));
  g_return_if_fail (LIAISON_IS_CONTACT (contact));

  request = liaison_lsq_client_request (self, "POST", LEADS "Lead.Create", "create the lead");
  set_body (request, contact, NULL);
  liaison_lsq_client_run (self, request, liaison_lsq_parse_id, NULL, NULL, g_free,
                          liaison_lsq_client_create_lead_async, cancellable, callback, user_data);
}

/* Lead.Update of the contact's id with the fields that are set; the others
 * are left as they are. Finish with done_finish. */
void
liaison_lsq_client_update_lead_async (LiaisonLsqClient *self, LiaisonContact *contact,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;
  const char *id;

  g_return_if_fail (LIAISON_IS_LSQ_CLIENT (self));
  g_return_if_fail (LIAISON_IS_CONTACT (contact));

  id = liaison_contact_get_id (contact);
  if (id == NULL || *id == '\0')
    {
      liaison_http_call_report_error (self, liaison_lsq_client_update_lead_async, callback,
                                      user_data,
                                      argument_error ("update the lead", "the lead has no id"));
      return;
    }

  request = liaison_lsq_client_request (self, "POST", LEADS "Lead.Update", "update the lead");
  liaison_lsq_client_add_id_query (request, "leadId", id);
  set_body (request, contact, NULL);
  /* Writing the same values twice leaves the same lead. */
  liaison_http_request_set_idempotent (request, TRUE);
  liaison_lsq_client_run (self, request, liaison_lsq_parse_done, NULL, NULL, NULL,
                          liaison_lsq_client_update_lead_async, cancellable, callback, user_data);
}

/* Lead.CreateOrUpdate matched on search_by (a unique field such as
 * "EmailAddress" or "Phone"; NULL: email, then phone). An upsert, so it is
 * retried like a read. Finish with id_finish: the lead's id. */
void
liaison_lsq_client_create_or_update_lead_async (LiaisonLsqClient *self, LiaisonContact *contact,
                                                const char *search_by, GCancellable *cancellable,
                                                GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;

  g_return_if_fail (LIAISON_IS_LSQ_CLIENT (self));
  g_return_if_fail (LIAISON_IS_CONTACT (contact));

  request = liaison_lsq_client_request (self, "POST", LEADS "Lead.CreateOrUpdate",
                                        "create or update the lead");
  liaison_http_request_add_query (request, "postUpdatedLead", "false");
  set_body (request, contact, search_by);
  liaison_http_request_set_idempotent (request, TRUE);
  liaison_lsq_client_run (self, request, liaison_lsq_parse_id, NULL, NULL, g_free,
                          liaison_lsq_client_create_or_update_lead_async, cancellable, callback,
                          user_data);
}

/* ---- bulk CreateOrUpdate ---- */

typedef struct
{
  GPtrArray *contacts;
  char *search_by;
  guint next;       /* first row of the batch in flight */
  guint batch_size; /* rows in the batch in flight */
  GPtrArray *results;
} Bulk;

static void
bulk_free (Bulk *bulk)
{
  g_ptr_array_unref (bulk->contacts);
  g_free (bulk->search_by);
  g_ptr_array_unref (bulk->results);
  g_free (bulk);
}

static void bulk_send_next (GTask *task);

static void
on_bulk_sent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Bulk *bulk = g_task_get_task_data (task);
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  GError *error = NULL;
  guint i;

  /* LiaisonHttp's errors say what failed; the reader's are framed here. */
  root = liaison_http_send_json_finish (LIAISON_HTTP (source), result, &error);
  if (root != NULL)
    {
      rows = liaison_lsq_row_results_from_json (root, bulk->next, bulk->batch_size, &error);
      if (rows == NULL)
        g_prefix_error (&error, "Could not create or update leads in bulk: ");
    }

  if (rows == NULL)
    {
      /* Cancelled or refused keys end the whole run; any other failure is
       * this batch's, and the next batches still go. */
      if (g_error_matches (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_CANCELLED)
          || g_error_matches (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_AUTHORIZED))
        {
          g_task_return_error (task, error);
          return;
        }
      for (i = 0; i < bulk->batch_size; i++)
        {
          LiaisonLsqRowResult *row = g_new0 (LiaisonLsqRowResult, 1);

          row->row = bulk->next + i;
          row->error = g_error_copy (error);
          g_ptr_array_add (bulk->results, row);
        }
      g_error_free (error);
    }
  else
    {
      /* The rows move over to the results. */
      g_ptr_array_set_free_func (rows, NULL);
      for (i = 0; i < rows->len; i++)
        g_ptr_array_add (bulk->results, g_ptr_array_index (rows, i));
    }

  bulk->next += bulk->batch_size;
  bulk_send_next (g_steal_pointer (&task));
}

static void
bulk_send_next (GTask *task)
{
  LiaisonLsqClient *self = g_task_get_source_object (task);
  Bulk *bulk = g_task_get_task_data (task);
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autoptr (JsonNode) node = NULL;
  JsonArray *rows;
  guint i;

  if (bulk->next >= bulk->contacts->len)
    {
      g_task_return_pointer (task, g_ptr_array_ref (bulk->results),
                             (GDestroyNotify) g_ptr_array_unref);
      g_object_unref (task);
      return;
    }

  bulk->batch_size = MIN (LIAISON_LSQ_BULK_BATCH, bulk->contacts->len - bulk->next);
  rows = json_array_new ();
  for (i = 0; i < bulk->batch_size; i++)
    json_array_add_array_element (
        rows, liaison_lsq_contact_to_list (g_ptr_array_index (bulk->contacts, bulk->next + i),
                                           bulk->search_by));
  node = json_node_init_array (json_node_alloc (), rows);
  json_array_unref (rows);

  request = liaison_lsq_client_request (self, "POST", LEADS "Lead/Bulk/CreateOrUpdate",
                                        "create or update leads in bulk");
  liaison_http_request_set_json_body (request, node);
  liaison_http_request_set_subject (request, "the batch of leads");
  /* An upsert, and under the separate, slower limit of the bulk APIs. */
  liaison_http_request_set_idempotent (request, TRUE);
  liaison_http_request_set_bulk (request, TRUE);
  liaison_http_send_async (liaison_lsq_client_get_http (self), request,
                           g_task_get_cancellable (task), on_bulk_sent, task);
}

/* Lead/Bulk/CreateOrUpdate in batches of 25, one after the other. The
 * result has one LiaisonLsqRowResult per contact, in order: the lead id
 * and whether it was created or updated, or the row's own error (a batch
 * that failed as a whole gives its error to each of its rows). Cancelling,
 * or keys LeadSquared refuses, fail the whole call. */
void
liaison_lsq_client_bulk_create_or_update_async (LiaisonLsqClient *self, GPtrArray *contacts,
                                                const char *search_by, GCancellable *cancellable,
                                                GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task;
  Bulk *bulk;

  g_return_if_fail (LIAISON_IS_LSQ_CLIENT (self));
  g_return_if_fail (contacts != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_lsq_client_bulk_create_or_update_async);
  g_task_set_check_cancellable (task, FALSE);
  bulk = g_new0 (Bulk, 1);
  bulk->contacts = g_ptr_array_ref (contacts);
  bulk->search_by = g_strdup (search_by);
  bulk->results
      = g_ptr_array_new_full (contacts->len, (GDestroyNotify) liaison_lsq_row_result_free);
  g_task_set_task_data (task, bulk, (GDestroyNotify) bulk_free);
  bulk_send_next (task);
}

/* A GPtrArray of LiaisonLsqRowResult, one per contact passed. */
GPtrArray *
liaison_lsq_client_bulk_create_or_update_finish (LiaisonLsqClient *self, GAsyncResult *result,
                                                 GError **error)
{
  return liaison_http_call_finish (self, result, liaison_lsq_client_bulk_create_or_update_async,
                                   error);
}
