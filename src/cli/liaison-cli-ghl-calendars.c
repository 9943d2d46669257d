/* liaison-cli-ghl-calendars.c: `liaison-cli ghl calendars ...`,
 * `appointments ...`, `custom-fields` and `users`.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-cli"

#include "liaison-cli-ghl-private.h"

/* ---- calendars ---- */

static gboolean
calendars_list (LiaisonCliGhl *cli, int argc, char **argv, GError **error)
{
  if (!liaison_cli_ghl_parse (cli, &argc, &argv, NULL, 0, 0, error))
    return FALSE;
  liaison_ghl_client_list_calendars_async (cli->client, cli->cancellable, liaison_cli_ghl_on_list,
                                           cli);
  return TRUE;
}

static void
on_calendar (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonCliGhl *cli = user_data;
  g_autoptr (LiaisonCalendar) calendar = NULL;
  GError *error = NULL;

  calendar = liaison_ghl_client_get_calendar_finish (LIAISON_GHL_CLIENT (source), result, &error);
  liaison_cli_ghl_finish (
      cli, calendar ? liaison_cli_ghl_model_to_json (G_OBJECT (calendar)) : NULL, error);
}

static gboolean
calendars_get (LiaisonCliGhl *cli, int argc, char **argv, GError **error)
{
  if (!liaison_cli_ghl_parse (cli, &argc, &argv, NULL, 1, 1, error))
    return FALSE;
  liaison_ghl_client_get_calendar_async (cli->client, argv[1], cli->cancellable, on_calendar, cli);
  return TRUE;
}

/* A range of days in zone: --to is inclusive when it is a date. */
static gboolean
parse_range (const char *from_text, const char *to_text, GTimeZone *zone, GDateTime **from,
             GDateTime **to, GError **error)
{
  if (from_text == NULL || to_text == NULL)
    return liaison_cli_ghl_usage_error (error, "give --from and --to");
  *from = liaison_cli_ghl_parse_time ("--from", from_text, zone, FALSE, error);
  if (*from == NULL)
    return FALSE;
  *to = liaison_cli_ghl_parse_time ("--to", to_text, zone, TRUE, error);
  if (*to == NULL)
    return FALSE;
  if (g_date_time_compare (*from, *to) >= 0)
    return liaison_cli_ghl_usage_error (error, "--to must come after --from");
  return TRUE;
}

static void
on_slots (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonCliGhl *cli = user_data;
  GTimeZone *zone = cli->state;
  g_autoptr (GPtrArray) slots = NULL;
  JsonNode *output;
  JsonArray *array;
  GError *error = NULL;
  guint i;

  slots = liaison_ghl_client_list_finish (LIAISON_GHL_CLIENT (source), result, &error);
  if (slots == NULL)
    {
      liaison_cli_ghl_finish (cli, NULL, error);
      return;
    }
  output = liaison_cli_ghl_models_to_json (slots);
  array = json_node_get_array (output);
  /* The times as the person asked for them too, beside UTC. */
  for (i = 0; zone != NULL && i < slots->len; i++)
    {
      LiaisonSlot *slot = g_ptr_array_index (slots, i);
      JsonObject *object = json_array_get_object_element (array, i);
      GDateTime *times[] = { liaison_slot_get_start_time (slot), liaison_slot_get_end_time (slot) };
      const char *names[] = { "localStart", "localEnd" };
      guint t;

      for (t = 0; t < G_N_ELEMENTS (times); t++)
        if (times[t] != NULL)
          {
            g_autoptr (GDateTime) local = g_date_time_to_timezone (times[t], zone);
            g_autofree char *text = g_date_time_format_iso8601 (local);

            json_object_set_string_member (object, names[t], text);
          }
    }
  liaison_cli_ghl_finish (cli, output, NULL);
}

static gboolean
calendars_free_slots (LiaisonCliGhl *cli, int argc, char **argv, GError **error)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *zone_name = NULL;
  g_autofree char *user = NULL;
  g_autofree char *minutes_text = NULL;
  const GOptionEntry entries[]
      = { { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, "First day or time", "DATE" },
          { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, "Last day (inclusive) or end time", "DATE" },
          { "tz", 0, 0, G_OPTION_ARG_STRING, &zone_name,
            "Time zone the days are in and slots are shown in (default: the calendar's; dates in "
            "UTC)",
            "ZONE" },
          { "user", 0, 0, G_OPTION_ARG_STRING, &user, "Only slots of this user", "U" },
          { "slot-minutes", 0, 0, G_OPTION_ARG_STRING, &minutes_text,
            "Slot length, to give each slot an end", "N" },
          { NULL } };
  g_autoptr (GTimeZone) zone = NULL;
  g_autoptr (GDateTime) from = NULL;
  g_autoptr (GDateTime) to = NULL;
  guint minutes = 0;

  if (!liaison_cli_ghl_parse (cli, &argc, &argv, entries, 1, 1, error)
      || (zone = liaison_cli_ghl_parse_zone (zone_name, error)) == NULL
      || !parse_range (from_text, to_text, zone, &from, &to, error)
      || !liaison_cli_ghl_parse_uint ("--slot-minutes", minutes_text, 1440, &minutes, error))
    return FALSE;

  if (zone_name != NULL)
    {
      cli->state = g_time_zone_ref (zone);
      cli->state_free = (GDestroyNotify) g_time_zone_unref;
    }
  liaison_ghl_client_get_free_slots_async (cli->client, argv[1], from, to, zone_name, user, minutes,
                                           cli->cancellable, on_slots, cli);
  return TRUE;
}

static gboolean
calendars_events (LiaisonCliGhl *cli, int argc, char **argv, GError **error)
{
  g_autofree char *calendar = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *zone_name = NULL;
  const GOptionEntry entries[]
      = { { "calendar", 0, 0, G_OPTION_ARG_STRING, &calendar, "Calendar id", "CAL" },
          { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, "First day or time", "TIME" },
          { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, "Last day (inclusive) or end time", "TIME" },
          { "tz", 0, 0, G_OPTION_ARG_STRING, &zone_name, "Time zone of the dates (UTC)", "ZONE" },
          { NULL } };
  g_autoptr (GTimeZone) zone = NULL;
  g_autoptr (GDateTime) from = NULL;
  g_autoptr (GDateTime) to = NULL;

  if (!liaison_cli_ghl_parse (cli, &argc, &argv, entries, 0, 0, error))
    return FALSE;
  if (calendar == NULL || *calendar == '\0')
    return liaison_cli_ghl_usage_error (error, "give --calendar");
  if ((zone = liaison_cli_ghl_parse_zone (zone_name, error)) == NULL
      || !parse_range (from_text, to_text, zone, &from, &to, error))
    return FALSE;
  liaison_ghl_client_list_events_async (cli->client, calendar, from, to, cli->cancellable,
                                        liaison_cli_ghl_on_list, cli);
  return TRUE;
}

/* ---- appointments ---- */

typedef struct
{
  char *calendar;
  char *contact;
  char *start;
  char *end;
  char *title;
  char *description;
  char *address;
  char *status;
  char *assigned_to;
  char *zone;
} AppointmentOptions;

static void
appointment_options_clear (AppointmentOptions *options)
{
  g_free (options->calendar);
  g_free (options->contact);
  g_free (options->start);
  g_free (options->end);
  g_free (options->title);
  g_free (options->description);
  g_free (options->address);
  g_free (options->status);
  g_free (options->assigned_to);
  g_free (options->zone);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AppointmentOptions, appointment_options_clear)

static gboolean
parse_status (const char *text, LiaisonAppointmentStatus *status, GError **error)
{
  g_autoptr (GEnumClass) klass = g_type_class_ref (LIAISON_TYPE_APPOINTMENT_STATUS);
  GEnumValue *value;

  *status = liaison_ghl_appointment_status_from_string (text);
  if (*status == LIAISON_APPOINTMENT_STATUS_UNKNOWN
      && (value = g_enum_get_value_by_nick (klass, text)) != NULL)
    *status = value->value;
  if (*status == LIAISON_APPOINTMENT_STATUS_UNKNOWN
      || liaison_ghl_appointment_status_to_string (*status) == NULL)
    return liaison_cli_ghl_usage_error (error,
                                        "--status: “%s” is not one of new, confirmed, "
                                        "cancelled, showed, noshow, invalid",
                                        text);
  return TRUE;
}

static gboolean
build_appointment (LiaisonCliGhl *cli, int argc, char **argv, gboolean create,
                   LiaisonAppointment *appointment, GError **error)
{
  g_auto (AppointmentOptions) o = { 0 };
  const GOptionEntry entries[]
      = { { "calendar", 0, 0, G_OPTION_ARG_STRING, &o.calendar, "Calendar id", "CAL" },
          { "contact", 0, 0, G_OPTION_ARG_STRING, &o.contact, "Contact id (create only)", "ID" },
          { "start", 0, 0, G_OPTION_ARG_STRING, &o.start, "Start time", "TIME" },
          { "end", 0, 0, G_OPTION_ARG_STRING, &o.end, "End time", "TIME" },
          { "title", 0, 0, G_OPTION_ARG_STRING, &o.title, "Title", "T" },
          { "description", 0, 0, G_OPTION_ARG_STRING, &o.description, "Description", "D" },
          { "address", 0, 0, G_OPTION_ARG_STRING, &o.address, "Where it takes place", "A" },
          { "status", 0, 0, G_OPTION_ARG_STRING, &o.status,
            "new, confirmed, cancelled, showed, noshow or invalid", "S" },
          { "assigned-to", 0, 0, G_OPTION_ARG_STRING, &o.assigned_to, "User id", "U" },
          { "tz", 0, 0, G_OPTION_ARG_STRING, &o.zone, "Time zone of --start and --end (UTC)",
            "ZONE" },
          { NULL } };
  g_autoptr (GTimeZone) zone = NULL;
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (GDateTime) end = NULL;
  LiaisonAppointmentStatus status = LIAISON_APPOINTMENT_STATUS_UNKNOWN;

  if (!liaison_cli_ghl_parse (cli, &argc, &argv, entries, create ? 0 : 1, create ? 0 : 1, error)
      || (zone = liaison_cli_ghl_parse_zone (o.zone, error)) == NULL)
    return FALSE;
  if (o.start != NULL
      && (start = liaison_cli_ghl_parse_time ("--start", o.start, zone, FALSE, error)) == NULL)
    return FALSE;
  if (o.end != NULL
      && (end = liaison_cli_ghl_parse_time ("--end", o.end, zone, FALSE, error)) == NULL)
    return FALSE;
  if (start != NULL && end != NULL && g_date_time_compare (start, end) >= 0)
    return liaison_cli_ghl_usage_error (error, "--end must come after --start");
  if (o.status != NULL && !parse_status (o.status, &status, error))
    return FALSE;
  if (create && (o.calendar == NULL || o.contact == NULL || start == NULL))
    return liaison_cli_ghl_usage_error (error, "an appointment needs --calendar, --contact and "
                                               "--start");
  if (!create && o.contact != NULL)
    return liaison_cli_ghl_usage_error (error, "an appointment's contact cannot change");

  if (!create)
    liaison_appointment_set_id (appointment, argv[1]);
  liaison_appointment_set_calendar_id (appointment, o.calendar);
  liaison_appointment_set_contact_id (appointment, o.contact);
  liaison_appointment_set_start_time (appointment, start);
  liaison_appointment_set_end_time (appointment, end);
  liaison_appointment_set_title (appointment, o.title);
  liaison_appointment_set_description (appointment, o.description);
  liaison_appointment_set_address (appointment, o.address);
  liaison_appointment_set_assigned_user_id (appointment, o.assigned_to);
  liaison_appointment_set_status (appointment, status);
  return TRUE;
}

static void
on_appointment (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LiaisonCliGhl *cli = user_data;
  g_autoptr (LiaisonAppointment) appointment = NULL;
  GError *error = NULL;

  appointment = liaison_ghl_client_appointment_finish (LIAISON_GHL_CLIENT (source), result, &error);
  liaison_cli_ghl_finish (
      cli, appointment ? liaison_cli_ghl_model_to_json (G_OBJECT (appointment)) : NULL, error);
}

static gboolean
appointments_create (LiaisonCliGhl *cli, int argc, char **argv, GError **error)
{
  g_autoptr (LiaisonAppointment) appointment = liaison_appointment_new ();

  if (!build_appointment (cli, argc, argv, TRUE, appointment, error))
    return FALSE;
  liaison_ghl_client_create_appointment_async (cli->client, appointment, cli->cancellable,
                                               on_appointment, cli);
  return TRUE;
}

static gboolean
appointments_update (LiaisonCliGhl *cli, int argc, char **argv, GError **error)
{
  g_autoptr (LiaisonAppointment) appointment = liaison_appointment_new ();

  if (!build_appointment (cli, argc, argv, FALSE, appointment, error))
    return FALSE;
  liaison_ghl_client_update_appointment_async (cli->client, appointment, cli->cancellable,
                                               on_appointment, cli);
  return TRUE;
}

static gboolean
appointments_delete (LiaisonCliGhl *cli, int argc, char **argv, GError **error)
{
  if (!liaison_cli_ghl_parse (cli, &argc, &argv, NULL, 1, 1, error))
    return FALSE;
  cli->state = g_strdup (argv[1]);
  cli->state_free = g_free;
  liaison_ghl_client_delete_appointment_async (cli->client, argv[1], cli->cancellable,
                                               liaison_cli_ghl_on_deleted, cli);
  return TRUE;
}

/* ---- the location's definitions ---- */

static gboolean
custom_fields (LiaisonCliGhl *cli, int argc, char **argv, GError **error)
{
  if (!liaison_cli_ghl_parse (cli, &argc, &argv, NULL, 0, 0, error))
    return FALSE;
  liaison_ghl_client_list_custom_fields_async (cli->client, cli->cancellable,
                                               liaison_cli_ghl_on_list, cli);
  return TRUE;
}

static gboolean
users (LiaisonCliGhl *cli, int argc, char **argv, GError **error)
{
  if (!liaison_cli_ghl_parse (cli, &argc, &argv, NULL, 0, 0, error))
    return FALSE;
  liaison_ghl_client_list_users_async (cli->client, cli->cancellable, liaison_cli_ghl_on_list, cli);
  return TRUE;
}

const LiaisonCliGhlCommand liaison_cli_ghl_calendar_commands[]
    = { { "calendars", "list", NULL, "The location's calendars", calendars_list },
        { "calendars", "get", "ID", "Show one calendar", calendars_get },
        { "calendars", "free-slots", "CAL --from DATE --to DATE --tz ZONE",
          "Free slots (ranges over 31 days are split)", calendars_free_slots },
        { "calendars", "events", "--calendar CAL --from TIME --to TIME",
          "Appointments on a calendar", calendars_events },
        { "appointments", "create", "--calendar CAL --contact ID --start TIME [--end TIME] …",
          "Book an appointment", appointments_create },
        { "appointments", "update", "ID [--start TIME] [--end TIME] [--status S] …",
          "Change an appointment", appointments_update },
        { "appointments", "delete", "ID", "Delete an appointment", appointments_delete },
        { "custom-fields", NULL, NULL, "The location's custom contact fields", custom_fields },
        { "users", NULL, NULL, "The location's users", users },
        { NULL } };
