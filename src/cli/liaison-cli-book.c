/* liaison-cli-book.c: see liaison-cli-book.h. The contact is found in the profile's local copy
 * (as the Contacts page lists it: by e-mail address, HighLevel id or LeadSquared id), the
 * calendar by id or name, and the start is read in --tz (default: this computer's zone) when it
 * carries no offset. stdout gets one JSON object: {"ghl": appointment, "lsq": task or null,
 * "runId": n}.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-cli"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "liaison-booking.h"
#include "liaison-cli-accounts-private.h"
#include "liaison-cli-book.h"
#include "liaison-cli-json.h"

typedef struct
{
  char *calendar;
  char *contact;
  char *start;
  char *zone;
  char *title;
  char *notes;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->calendar);
  g_free (o->contact);
  g_free (o->start);
  g_free (o->zone);
  g_free (o->title);
  g_free (o->notes);
}

static gboolean
usage_error (GError **error, const char *message)
{
  g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, message);
  return FALSE;
}

static gboolean
check_options (Options *o, GTimeZone **zone, GDateTime **start, GError **error)
{
  if (o->calendar == NULL || o->contact == NULL || o->start == NULL)
    return usage_error (error, _ ("give --calendar, --contact and --start"));
  *zone = o->zone != NULL ? g_time_zone_new_identifier (o->zone) : g_time_zone_new_local ();
  if (*zone == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("--tz: “%s” is not a time zone this computer knows (such as "
                      "America/New_York)"),
                   o->zone);
      return FALSE;
    }
  *start = g_date_time_new_from_iso8601 (o->start, *zone);
  if (*start == NULL && strlen (o->start) >= 16 && o->start[13] == ':')
    {
      /* GLib wants the seconds; a person gives hours and minutes. */
      g_autofree char *with_seconds = g_strdup_printf ("%.16s:00%s", o->start, o->start + 16);

      *start = g_date_time_new_from_iso8601 (with_seconds, *zone);
    }
  if (*start == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("--start: “%s” is not a date and time such as 2026-11-02T09:00 or "
                      "2026-11-02T14:00:00Z"),
                   o->start);
      return FALSE;
    }
  return TRUE;
}

static LiaisonCalendar *
find_calendar (GPtrArray *calendars, const char *wanted)
{
  for (guint i = 0; i < calendars->len; i++)
    {
      LiaisonCalendar *c = g_ptr_array_index (calendars, i);

      if (g_strcmp0 (liaison_calendar_get_id (c), wanted) == 0)
        return g_object_ref (c);
    }
  for (guint i = 0; i < calendars->len; i++)
    {
      LiaisonCalendar *c = g_ptr_array_index (calendars, i);
      const char *name = liaison_calendar_get_name (c);

      if (name != NULL && g_utf8_collate (name, wanted) == 0)
        return g_object_ref (c);
    }
  return NULL;
}

/* The row the Contacts page would show for wanted; a row with a HighLevel side first. */
static LiaisonContactRow *
find_contact (LiaisonContactList *list, const char *wanted)
{
  GListModel *model = G_LIST_MODEL (list);
  g_autofree char *folded = g_utf8_casefold (wanted, -1);
  LiaisonContactRow *best = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (LiaisonContactRow) row = g_list_model_get_item (model, i);
      const char *email = liaison_contact_row_get_email (row);
      g_autofree char *email_folded = email != NULL ? g_utf8_casefold (email, -1) : NULL;

      if (g_strcmp0 (liaison_contact_row_get_ghl_id (row), wanted) != 0
          && g_strcmp0 (liaison_contact_row_get_lsq_id (row), wanted) != 0
          && g_strcmp0 (email_folded, folded) != 0)
        continue;
      if (best == NULL
          || (liaison_contact_row_get_ghl_id (best) == NULL
              && liaison_contact_row_get_ghl_id (row) != NULL)
          || (liaison_contact_row_get_status (row) == LIAISON_LINK_STATUS_LINKED
              && liaison_contact_row_get_status (best) != LIAISON_LINK_STATUS_LINKED))
        g_set_object (&best, row);
    }
  return best;
}

static JsonNode *
lsq_json (LiaisonBookingResult *r, const char *task_type)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  if (r->lsq_task_id == NULL)
    return json_node_new (JSON_NODE_NULL);
  start = g_date_time_format_iso8601 (liaison_appointment_get_start_time (r->ghl));
  end = g_date_time_format_iso8601 (liaison_appointment_get_end_time (r->ghl));
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, r->lsq_task_id);
  json_builder_set_member_name (b, "leadId");
  json_builder_add_string_value (b, r->lsq_lead_id);
  json_builder_set_member_name (b, "taskType");
  json_builder_add_string_value (b, task_type);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, liaison_appointment_get_title (r->ghl));
  json_builder_set_member_name (b, "startTime");
  json_builder_add_string_value (b, start);
  json_builder_set_member_name (b, "endTime");
  json_builder_add_string_value (b, end);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
print_result (LiaisonBookingResult *r)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "ghl");
  json_builder_add_value (b, liaison_cli_json_from_model (G_OBJECT (r->ghl)));
  json_builder_set_member_name (b, "lsq");
  json_builder_add_value (b, lsq_json (r, LIAISON_BOOKING_DEFAULT_LSQ_TASK_TYPE));
  json_builder_set_member_name (b, "runId");
  json_builder_add_int_value (b, r->run_id);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static int
book (LiaisonCliAccounts *cli, Options *o, GTimeZone *zone, GDateTime *start)
{
  const LiaisonStoreConnection *ghl_connection
      = liaison_session_get_connection (cli->session, LIAISON_SERVICE_GHL);
  const LiaisonStoreConnection *lsq_connection
      = liaison_session_get_connection (cli->session, LIAISON_SERVICE_LSQ);
  LiaisonStore *store = liaison_session_get_store (cli->session);
  LiaisonContactList *contacts = liaison_session_get_contact_list (cli->session);
  g_autoptr (LiaisonHttp) http = NULL;
  g_autoptr (LiaisonGhlClient) ghl = NULL;
  g_autoptr (LiaisonBooking) booking = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) calendars = NULL;
  g_autoptr (LiaisonCalendar) calendar = NULL;
  g_autoptr (LiaisonContactRow) row = NULL;
  g_autoptr (LiaisonBookingResult) r = NULL;
  g_autoptr (GError) error = NULL;
  const char *zone_name = o->zone != NULL ? o->zone : g_time_zone_get_identifier (zone);

  if (ghl_connection == NULL || liaison_session_get_ghl_authorizer (cli->session) == NULL)
    {
      g_set_error (&error, LIAISON_BOOKING_ERROR, LIAISON_BOOKING_ERROR_NO_ACCOUNT,
                   _ ("no HighLevel account is connected in profile “%s” (connect one with "
                      "“liaison-cli connect ghl”)"),
                   cli->profile);
      return liaison_cli_accounts_failed (cli, error, NULL);
    }
  /* At the address it was connected at, as every ghl command. */
  http = liaison_http_new (LIAISON_HTTP_SERVICE_GHL, ghl_connection->host,
                           LIAISON_AUTHORIZER (liaison_session_get_ghl_authorizer (cli->session)),
                           &error);
  if (http == NULL)
    return liaison_cli_accounts_failed (cli, error, NULL);
  ghl = liaison_ghl_client_new (http, ghl_connection->account_id);

  liaison_ghl_client_list_calendars_async (ghl, cli->cancellable, liaison_cli_accounts_store_result,
                                           cli);
  result = liaison_cli_accounts_wait (cli);
  calendars = liaison_ghl_client_list_finish (ghl, result, &error);
  g_clear_object (&result);
  if (calendars == NULL)
    return liaison_cli_accounts_failed (cli, error, NULL);
  calendar = find_calendar (calendars, o->calendar);
  if (calendar == NULL)
    {
      g_set_error (&error, LIAISON_BOOKING_ERROR, LIAISON_BOOKING_ERROR_INVALID,
                   _ ("HighLevel has no calendar “%s” (run “liaison-cli ghl calendars list” to "
                      "see their names and ids)"),
                   o->calendar);
      return liaison_cli_accounts_failed (cli, error, NULL);
    }

  liaison_contact_list_load_async (contacts, cli->cancellable, liaison_cli_accounts_store_result,
                                   cli);
  result = liaison_cli_accounts_wait (cli);
  if (!liaison_contact_list_load_finish (contacts, result, &error))
    return liaison_cli_accounts_failed (cli, error, NULL);
  g_clear_object (&result);
  row = find_contact (contacts, o->contact);
  if (row == NULL)
    {
      g_set_error (&error, LIAISON_BOOKING_ERROR, LIAISON_BOOKING_ERROR_CONTACT,
                   _ ("Liaison’s copy of profile “%s” has no contact “%s” (an e-mail address or "
                      "an id). Refresh from both in Liaison, then book again."),
                   cli->profile, o->contact);
      return liaison_cli_accounts_failed (cli, error, NULL);
    }

  booking = liaison_booking_new (
      store, ghl, ghl_connection->id,
      lsq_connection != NULL ? liaison_session_get_lsq_client (cli->session) : NULL,
      lsq_connection != NULL ? lsq_connection->id : NULL);
  liaison_booking_set_trigger (booking, "cli");
  liaison_booking_book_async (booking, calendar, liaison_contact_row_get_ghl_id (row),
                              liaison_contact_row_get_status (row) == LIAISON_LINK_STATUS_LINKED
                                  ? liaison_contact_row_get_lsq_id (row)
                                  : NULL,
                              start, o->title, o->notes, LIAISON_APPOINTMENT_STATUS_CONFIRMED,
                              zone_name, cli->cancellable, liaison_cli_accounts_store_result, cli);
  result = liaison_cli_accounts_wait (cli);
  r = liaison_booking_finish (booking, result, &error);
  if (r == NULL)
    return liaison_cli_accounts_failed (cli, error, NULL);
  print_result (r);
  if (r->lsq_error != NULL)
    {
      g_printerr (_ ("liaison-cli book: booked in HighLevel, but LeadSquared refused the "
                     "appointment task: %s\n"),
                  r->lsq_error->message);
      return LIAISON_CLI_EXIT_FAILED;
    }
  return LIAISON_CLI_EXIT_OK;
}

int
liaison_cli_book_main (int argc, char **argv)
{
  LiaisonCliAccounts cli;
  Options o = { 0 };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GTimeZone) zone = NULL;
  g_autoptr (GDateTime) start = NULL;
  const GOptionEntry entries[]
      = { { "calendar", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &o.calendar,
            N_ ("The HighLevel calendar, by id or name"), N_ ("CALENDAR") },
          { "contact", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &o.contact,
            N_ ("The contact, by e-mail address, HighLevel id or LeadSquared id"), N_ ("CONTACT") },
          { "start", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &o.start,
            N_ ("The start of a free slot, ISO 8601 (in --tz when it has no offset)"),
            N_ ("TIME") },
          { "tz", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &o.zone,
            N_ ("The time zone the slot is read in (default: this computer’s)"), N_ ("ZONE") },
          { "title", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &o.title,
            N_ ("The appointment’s title (default: the calendar’s name)"), N_ ("TITLE") },
          { "notes", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &o.notes,
            N_ ("Notes for the meeting"), N_ ("TEXT") },
          { NULL } };
  int status;

  liaison_cli_accounts_init (&cli, "book");
  g_option_context_set_summary (
      context, _ ("Book a contact into a free HighLevel slot, and a linked contact's LeadSquared "
                  "appointment task with it. Prints both records as JSON."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  liaison_cli_accounts_add_options (&cli, context);
  if (!liaison_cli_accounts_parse (&cli, context, &argc, &argv, &error)
      || !check_options (&o, &zone, &start, &error))
    {
      status = liaison_cli_accounts_usage (&cli, error);
      options_clear (&o);
      liaison_cli_accounts_clear (&cli);
      return status;
    }
  if (!liaison_cli_accounts_open (&cli, FALSE, &error))
    status = liaison_cli_accounts_failed (&cli, error, NULL);
  else if (cli.session == NULL)
    {
      g_set_error (&error, LIAISON_BOOKING_ERROR, LIAISON_BOOKING_ERROR_NO_ACCOUNT,
                   _ ("no HighLevel account is connected in profile “%s” (connect one with "
                      "“liaison-cli connect ghl”)"),
                   cli.profile);
      status = liaison_cli_accounts_failed (&cli, error, NULL);
    }
  else
    status = book (&cli, &o, zone, start);
  options_clear (&o);
  liaison_cli_accounts_clear (&cli);
  return status;
}
