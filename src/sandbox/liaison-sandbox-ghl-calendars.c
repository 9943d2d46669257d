/* liaison-sandbox-ghl-calendars.c: HighLevel calendars, free slots computed from
 * each calendar's open hours in its own time zone, and appointments (events).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "liaison-sandbox-ghl"

#include "liaison-sandbox-ghl-private.h"

#define MINUTE_MS ((gint64) 60 * 1000)
#define DAY_MS ((gint64) 24 * 3600 * 1000)
#define MAX_RANGE_MS (31 * DAY_MS)

static const char *const statuses[]
    = { "new", "confirmed", "cancelled", "showed", "noshow", "invalid", NULL };
static const char *const create_fields[] = {
  "title",
  "meetingLocationType",
  "meetingLocationId",
  "overrideLocationConfig",
  "appointmentStatus",
  "assignedUserId",
  "description",
  "address",
  "ignoreDateRange",
  "toNotify",
  "ignoreFreeSlotValidation",
  "rrule",
  "calendarId",
  "locationId",
  "contactId",
  "startTime",
  "endTime",
  NULL,
};
static const char *const edit_fields[] = {
  "title",
  "meetingLocationType",
  "meetingLocationId",
  "overrideLocationConfig",
  "appointmentStatus",
  "assignedUserId",
  "description",
  "address",
  "ignoreDateRange",
  "toNotify",
  "ignoreFreeSlotValidation",
  "rrule",
  "calendarId",
  "startTime",
  "endTime",
  NULL,
};

static GTimeZone *
calendar_zone (JsonObject *calendar)
{
  GTimeZone *tz = g_time_zone_new_identifier (ghl_get_string (calendar, "_timezone") ?: "UTC");

  return tz != NULL ? tz : g_time_zone_new_utc ();
}

static gint64
to_ms (GDateTime *dt)
{
  return g_date_time_to_unix (dt) * 1000;
}

static gboolean
busy (LiaisonSandboxGhl *self, const char *calendar_id, gint64 start, gint64 end,
      const char *ignore_event_id)
{
  for (guint i = 0; i < liaison_sandbox_table_size (self->events); i++)
    {
      JsonObject *e = liaison_sandbox_table_index (self->events, i);

      if (g_strcmp0 (ghl_get_string (e, "calendarId"), calendar_id) != 0
          || g_strcmp0 (ghl_get_string (e, "appointmentStatus"), "cancelled") == 0
          || g_strcmp0 (ghl_get_string (e, "id"), ignore_event_id) == 0)
        continue;
      if (json_object_get_int_member_with_default (e, "_startMs", 0) < end
          && json_object_get_int_member_with_default (e, "_endMs", 0) > start)
        return TRUE;
    }
  return FALSE;
}

/* Slot starts (gint64 ms, ascending) within [start_ms, end_ms), honouring the
 * open hours in the calendar's zone, the slot length and interval, and the
 * existing appointments. */
GPtrArray *
ghl_free_slots (LiaisonSandboxGhl *self, JsonObject *calendar, gint64 start_ms, gint64 end_ms,
                gint64 now_ms, const char *ignore_event_id)
{
  g_autoptr (GTimeZone) tz = calendar_zone (calendar);
  g_autoptr (GDateTime) first = g_date_time_new_from_unix_utc (start_ms / 1000);
  g_autoptr (GDateTime) local_first = g_date_time_to_timezone (first, tz);
  g_autoptr (GDateTime) day = g_date_time_new (tz, g_date_time_get_year (local_first),
                                               g_date_time_get_month (local_first),
                                               g_date_time_get_day_of_month (local_first), 0, 0, 0);
  JsonArray *open_hours = ghl_get_array (calendar, "openHours");
  gint64 duration
      = json_object_get_int_member_with_default (calendar, "slotDuration", 30) * MINUTE_MS;
  gint64 interval
      = json_object_get_int_member_with_default (calendar, "slotInterval", 30) * MINUTE_MS;
  const char *calendar_id = ghl_get_string (calendar, "id");
  GPtrArray *slots = g_ptr_array_new_with_free_func (g_free);

  if (interval <= 0)
    interval = duration > 0 ? duration : 30 * MINUTE_MS;
  while (to_ms (day) < end_ms)
    {
      GDateTime *next;
      int weekday = g_date_time_get_day_of_week (day) % 7; /* 0 = Sunday, as in openHours */

      for (guint i = 0; open_hours && i < json_array_get_length (open_hours); i++)
        {
          JsonObject *oh = json_array_get_object_element (open_hours, i);
          JsonArray *days = ghl_get_array (oh, "daysOfTheWeek");
          JsonArray *hours = ghl_get_array (oh, "hours");
          gboolean today = FALSE;

          for (guint d = 0; days && d < json_array_get_length (days); d++)
            today |= json_array_get_int_element (days, d) == weekday;
          for (guint h = 0; today && hours && h < json_array_get_length (hours); h++)
            {
              JsonObject *range = json_array_get_object_element (hours, h);
              g_autoptr (GDateTime) open = g_date_time_new (
                  tz, g_date_time_get_year (day), g_date_time_get_month (day),
                  g_date_time_get_day_of_month (day),
                  (int) json_object_get_int_member_with_default (range, "openHour", 0),
                  (int) json_object_get_int_member_with_default (range, "openMinute", 0), 0);
              g_autoptr (GDateTime) close = g_date_time_new (
                  tz, g_date_time_get_year (day), g_date_time_get_month (day),
                  g_date_time_get_day_of_month (day),
                  (int) json_object_get_int_member_with_default (range, "closeHour", 0),
                  (int) json_object_get_int_member_with_default (range, "closeMinute", 0), 0);

              for (gint64 t = to_ms (open); t + duration <= to_ms (close); t += interval)
                {
                  if (t < start_ms || t >= end_ms || t < now_ms
                      || busy (self, calendar_id, t, t + duration, ignore_event_id))
                    continue;
                  g_ptr_array_add (slots, g_memdup2 (&t, sizeof t));
                }
            }
        }
      next = g_date_time_add_days (day, 1);
      g_date_time_unref (day);
      day = next;
    }
  return slots;
}

JsonObject *
ghl_event_public (LiaisonSandboxGhl *self, JsonObject *event)
{
  JsonObject *pub = ghl_public_copy (event);
  JsonObject *calendar
      = liaison_sandbox_table_lookup (self->calendars, ghl_get_string (event, "calendarId"));
  const char *tz = calendar ? ghl_get_string (calendar, "_timezone") : "UTC";
  g_autofree char *start
      = ghl_local_time (json_object_get_int_member_with_default (event, "_startMs", 0), tz, TRUE);
  g_autofree char *end
      = ghl_local_time (json_object_get_int_member_with_default (event, "_endMs", 0), tz, TRUE);

  json_object_set_string_member (pub, "startTime", start);
  json_object_set_string_member (pub, "endTime", end);
  return pub;
}

static JsonObject *
appointment_response (LiaisonSandboxGhl *self, JsonObject *event)
{
  static const char *keep[] = {
    "id",
    "calendarId",
    "locationId",
    "contactId",
    "startTime",
    "endTime",
    "title",
    "meetingLocationType",
    "appointmentStatus",
    "assignedUserId",
    "address",
    "isRecurring",
    "rrule",
  };
  g_autoptr (JsonObject) pub = ghl_event_public (self, event);
  JsonObject *o = json_object_new ();

  for (guint i = 0; i < G_N_ELEMENTS (keep); i++)
    if (json_object_has_member (pub, keep[i]))
      json_object_set_member (o, keep[i], json_node_copy (json_object_get_member (pub, keep[i])));
  return o;
}

/* ---- seed ---- */

static JsonObject *
seed_calendar (LiaisonSandboxGhl *self, const char *name, const char *timezone, const int *days,
               guint n_days, const int hours[][4], guint n_hours, int slot_minutes,
               const char *user_id)
{
  JsonObject *c = json_object_new ();
  JsonArray *open_hours = json_array_new ();
  JsonObject *oh = json_object_new ();
  JsonArray *day_array = json_array_new ();
  JsonArray *hour_array = json_array_new ();
  JsonArray *members = json_array_new ();
  JsonObject *member = json_object_new ();
  g_autofree char *id = ghl_new_id (self);
  g_autofree char *group = ghl_new_id (self);
  g_autofree char *slug = g_ascii_strdown (name, -1);

  g_strdelimit (slug, " ", '-');
  for (guint i = 0; i < n_days; i++)
    json_array_add_int_element (day_array, days[i]);
  for (guint i = 0; i < n_hours; i++)
    {
      JsonObject *h = json_object_new ();

      json_object_set_int_member (h, "openHour", hours[i][0]);
      json_object_set_int_member (h, "openMinute", hours[i][1]);
      json_object_set_int_member (h, "closeHour", hours[i][2]);
      json_object_set_int_member (h, "closeMinute", hours[i][3]);
      json_array_add_object_element (hour_array, h);
    }
  json_object_set_array_member (oh, "daysOfTheWeek", day_array);
  json_object_set_array_member (oh, "hours", hour_array);
  json_array_add_object_element (open_hours, oh);
  json_object_set_string_member (member, "userId", user_id);
  json_object_set_double_member (member, "priority", 0.5);
  json_object_set_boolean_member (member, "isPrimary", TRUE);
  json_array_add_object_element (members, member);

  json_object_set_string_member (c, "id", id);
  json_object_set_string_member (c, "locationId", self->location_id);
  json_object_set_string_member (c, "groupId", group);
  json_object_set_string_member (c, "name", name);
  json_object_set_string_member (c, "description", "Seeded by the Liaison sandbox");
  json_object_set_string_member (c, "slug", slug);
  json_object_set_string_member (c, "widgetSlug", slug);
  json_object_set_string_member (c, "calendarType", "personal");
  json_object_set_string_member (c, "eventType", "RoundRobin_OptimizeForAvailability");
  json_object_set_string_member (c, "eventTitle", "{{contact.name}}");
  json_object_set_string_member (c, "eventColor", "#039be5");
  json_object_set_boolean_member (c, "isActive", TRUE);
  json_object_set_array_member (c, "teamMembers", members);
  json_object_set_int_member (c, "slotDuration", slot_minutes);
  json_object_set_string_member (c, "slotDurationUnit", "mins");
  json_object_set_int_member (c, "slotInterval", slot_minutes);
  json_object_set_string_member (c, "slotIntervalUnit", "mins");
  json_object_set_int_member (c, "slotBuffer", 0);
  json_object_set_int_member (c, "preBuffer", 0);
  json_object_set_int_member (c, "appoinmentPerSlot", 1);
  json_object_set_int_member (c, "appoinmentPerDay", 0);
  json_object_set_array_member (c, "openHours", open_hours);
  json_object_set_array_member (c, "availabilities", json_array_new ());
  json_object_set_int_member (c, "availabilityType", 0);
  json_object_set_string_member (c, "_timezone", timezone);
  liaison_sandbox_table_insert (self->calendars, c);
  return c;
}

static JsonObject *
new_event (LiaisonSandboxGhl *self, JsonObject *calendar, const char *contact_id, gint64 start,
           gint64 end, gint64 now_ms)
{
  JsonObject *e = json_object_new ();
  JsonArray *users = json_array_new ();
  JsonObject *created_by = json_object_new ();
  JsonArray *members = ghl_get_array (calendar, "teamMembers");
  const char *user = members && json_array_get_length (members) > 0
                         ? ghl_get_string (json_array_get_object_element (members, 0), "userId")
                         : NULL;
  g_autofree char *id = ghl_new_id (self);
  g_autofree char *now = ghl_iso_ms (now_ms);

  json_object_set_string_member (e, "id", id);
  json_object_set_string_member (e, "calendarId", ghl_get_string (calendar, "id"));
  json_object_set_string_member (e, "locationId", ghl_get_string (calendar, "locationId"));
  json_object_set_string_member (e, "contactId", contact_id);
  json_object_set_string_member (e, "groupId", ghl_get_string (calendar, "groupId"));
  json_object_set_string_member (e, "title", ghl_get_string (calendar, "name"));
  json_object_set_string_member (e, "appointmentStatus", "confirmed");
  json_object_set_string_member (e, "assignedUserId", user);
  if (user != NULL)
    json_array_add_string_element (users, user);
  json_object_set_array_member (e, "users", users);
  json_object_set_string_member (e, "address", "");
  json_object_set_string_member (e, "notes", "");
  json_object_set_string_member (e, "meetingLocationType", "custom");
  json_object_set_boolean_member (e, "isRecurring", FALSE);
  json_object_set_string_member (created_by, "userId", user);
  json_object_set_string_member (created_by, "source", "third_party");
  json_object_set_object_member (e, "createdBy", created_by);
  json_object_set_string_member (e, "dateAdded", now);
  json_object_set_string_member (e, "dateUpdated", now);
  json_object_set_int_member (e, "_startMs", start);
  json_object_set_int_member (e, "_endMs", end);
  return e;
}

void
ghl_seed_calendars (LiaisonSandboxGhl *self)
{
  static const int weekdays[] = { 1, 2, 3, 4, 5 };
  static const int mon_sat[] = { 1, 2, 3, 4, 5, 6 };
  static const int office[][4] = { { 9, 0, 17, 0 } };
  static const int split[][4] = { { 10, 0, 13, 0 }, { 14, 0, 18, 0 } };
  const char *u0 = ghl_get_string (liaison_sandbox_table_index (self->users, 0), "id");
  const char *u1 = ghl_get_string (liaison_sandbox_table_index (self->users, 1), "id");
  JsonObject *cals[2];
  guint n_contacts = liaison_sandbox_table_size (self->contacts);

  /* Two calendars whose open hours live in different zones. */
  cals[0]
      = seed_calendar (self, "Consultation", "America/New_York", weekdays, 5, office, 1, 30, u0);
  cals[1] = seed_calendar (self, "Product Demo", "Asia/Kolkata", mon_sat, 6, split, 2, 60, u1);
  for (guint i = 0; i < 10 && n_contacts > 0; i++)
    {
      JsonObject *cal = cals[i % 2];
      JsonObject *contact = liaison_sandbox_table_index (
          self->contacts, liaison_sandbox_rng_range (&self->rng, n_contacts));
      gint64 day
          = self->anchor_ms + ((gint64) liaison_sandbox_rng_range (&self->rng, 21) - 7) * DAY_MS;
      g_autoptr (GPtrArray) slots = ghl_free_slots (self, cal, day, day + DAY_MS, 0, NULL);
      gint64 start, duration = json_object_get_int_member (cal, "slotDuration") * MINUTE_MS;
      JsonObject *e;

      if (slots->len == 0)
        continue;
      start = *(gint64 *) g_ptr_array_index (slots,
                                             liaison_sandbox_rng_range (&self->rng, slots->len));
      e = new_event (self, cal, ghl_get_string (contact, "id"), start, start + duration,
                     self->anchor_ms - 10 * DAY_MS);
      liaison_sandbox_table_insert (self->events, e);
      json_object_unref (e);
    }
  json_object_unref (cals[0]);
  json_object_unref (cals[1]);
}

/* ---- routes ---- */

static JsonObject *
calendar_lookup (LiaisonSandboxGhl *self, LiaisonSandboxRequest *req, JsonObject *token,
                 const char *id)
{
  JsonObject *calendar = liaison_sandbox_table_lookup (self->calendars, id);

  if (calendar == NULL
      || g_strcmp0 (ghl_get_string (calendar, "locationId"), ghl_get_string (token, "locationId"))
             != 0)
    {
      ghl_error (req, GHL_NOT_FOUND_STATUS, "Calendar not found");
      return NULL;
    }
  return calendar;
}

static void
calendars_list (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  JsonObject *token = ghl_begin (self, req, GHL_V_CALENDARS, "calendars.readonly");
  const char *location_id = liaison_sandbox_request_get_query (req, "locationId");
  const char *group_id = liaison_sandbox_request_get_query (req, "groupId");
  JsonArray *array;

  if (token == NULL)
    return;
  if (location_id == NULL)
    return ghl_error_422_one (req, "locationId should not be empty");
  if (!ghl_check_location (req, token, location_id))
    return;
  array = json_array_new ();
  for (guint i = 0; i < liaison_sandbox_table_size (self->calendars); i++)
    {
      JsonObject *c = liaison_sandbox_table_index (self->calendars, i);

      if (g_strcmp0 (ghl_get_string (c, "locationId"), location_id) == 0
          && (group_id == NULL || g_strcmp0 (ghl_get_string (c, "groupId"), group_id) == 0))
        json_array_add_object_element (array, ghl_public_copy (c));
    }
  ghl_reply_array (req, "calendars", array);
}

static void
calendar_get (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  JsonObject *token = ghl_begin (self, req, GHL_V_CALENDARS, "calendars.readonly");
  JsonObject *calendar, *o;

  if (token == NULL
      || (calendar = calendar_lookup (self, req, token,
                                      liaison_sandbox_request_get_param (req, "calendarId")))
             == NULL)
    return;
  o = json_object_new ();
  json_object_set_object_member (o, "calendar", ghl_public_copy (calendar));
  liaison_sandbox_request_reply_object (req, 200, o);
}

static gboolean
query_ms (LiaisonSandboxRequest *req, const char *name, gint64 *ms, GPtrArray *errors)
{
  const char *text = liaison_sandbox_request_get_query (req, name);
  guint64 v;

  if (text == NULL)
    {
      g_ptr_array_add (errors, g_strdup_printf ("%s should not be empty", name));
      return FALSE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &v, NULL))
    {
      g_ptr_array_add (
          errors, g_strdup_printf ("%s must be a number (milliseconds since the epoch)", name));
      return FALSE;
    }
  *ms = (gint64) v;
  return TRUE;
}

static void
free_slots (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  JsonObject *token = ghl_begin (self, req, GHL_V_CALENDARS, "calendars.readonly");
  const char *tz_name = liaison_sandbox_request_get_query (req, "timezone");
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GTimeZone) tz = NULL;
  g_autoptr (GPtrArray) slots = NULL;
  JsonObject *calendar, *o;
  gint64 start = 0, end = 0;

  if (token == NULL
      || (calendar = calendar_lookup (self, req, token,
                                      liaison_sandbox_request_get_param (req, "calendarId")))
             == NULL)
    return;
  query_ms (req, "startDate", &start, errors);
  query_ms (req, "endDate", &end, errors);
  if (errors->len == 0 && end < start)
    g_ptr_array_add (errors, g_strdup ("endDate must not be before startDate"));
  if (errors->len == 0 && end - start > MAX_RANGE_MS)
    g_ptr_array_add (errors, g_strdup ("Date range cannot be more than 31 days"));
  if (tz_name != NULL && (tz = g_time_zone_new_identifier (tz_name)) == NULL)
    g_ptr_array_add (errors, g_strdup ("timezone must be a valid IANA time zone"));
  if (errors->len > 0)
    return ghl_error_422 (req, errors);
  if (tz == NULL)
    tz = calendar_zone (calendar);

  slots = ghl_free_slots (self, calendar, start, end, liaison_sandbox_request_now_ms (req), NULL);
  o = json_object_new ();
  for (guint i = 0; i < slots->len; i++)
    {
      gint64 t = *(gint64 *) g_ptr_array_index (slots, i);
      g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (t / 1000);
      g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, tz);
      g_autofree char *date = g_date_time_format (local, "%Y-%m-%d");
      g_autofree char *iso = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
      JsonObject *day = ghl_get_object (o, date);

      if (day == NULL)
        {
          day = json_object_new ();
          json_object_set_array_member (day, "slots", json_array_new ());
          json_object_set_object_member (o, date, day);
        }
      json_array_add_string_element (ghl_get_array (day, "slots"), iso);
    }
  json_object_set_string_member (o, "traceId", ghl_get_string (calendar, "id"));
  liaison_sandbox_request_reply_object (req, 200, o);
}

static void
events_list (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  JsonObject *token = ghl_begin (self, req, GHL_V_CALENDARS, "calendars/events.readonly");
  const char *location_id = liaison_sandbox_request_get_query (req, "locationId");
  const char *calendar_id = liaison_sandbox_request_get_query (req, "calendarId");
  const char *user_id = liaison_sandbox_request_get_query (req, "userId");
  const char *group_id = liaison_sandbox_request_get_query (req, "groupId");
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  gint64 start = 0, end = 0;
  JsonArray *array;

  if (token == NULL)
    return;
  if (location_id == NULL)
    g_ptr_array_add (errors, g_strdup ("locationId should not be empty"));
  query_ms (req, "startTime", &start, errors);
  query_ms (req, "endTime", &end, errors);
  if (calendar_id == NULL && user_id == NULL && group_id == NULL)
    g_ptr_array_add (errors, g_strdup ("Either of calendarId, userId or groupId is required"));
  if (errors->len > 0)
    return ghl_error_422 (req, errors);
  if (!ghl_check_location (req, token, location_id))
    return;
  array = json_array_new ();
  for (guint i = 0; i < liaison_sandbox_table_size (self->events); i++)
    {
      JsonObject *e = liaison_sandbox_table_index (self->events, i);

      if (g_strcmp0 (ghl_get_string (e, "locationId"), location_id) != 0
          || (calendar_id && g_strcmp0 (ghl_get_string (e, "calendarId"), calendar_id) != 0)
          || (user_id && g_strcmp0 (ghl_get_string (e, "assignedUserId"), user_id) != 0)
          || (group_id && g_strcmp0 (ghl_get_string (e, "groupId"), group_id) != 0)
          || json_object_get_int_member_with_default (e, "_startMs", 0) >= end
          || json_object_get_int_member_with_default (e, "_endMs", 0) <= start)
        continue;
      json_array_add_object_element (array, ghl_event_public (self, e));
    }
  ghl_reply_array (req, "events", array);
}

/* Shared by create and update: validates the body and applies it to event. */
static gboolean
appointment_apply (LiaisonSandboxGhl *self, LiaisonSandboxRequest *req, JsonObject *event,
                   JsonObject *calendar, JsonObject *body, GPtrArray *errors)
{
  static const char *const strings[]
      = { "title",          "meetingLocationType", "meetingLocationId",
          "assignedUserId", "description",         "address",
          "rrule" };
  const char *status = ghl_get_string (body, "appointmentStatus");
  gint64 start = json_object_get_int_member_with_default (event, "_startMs", 0);
  gint64 end = json_object_get_int_member_with_default (event, "_endMs", 0);
  gint64 duration
      = json_object_get_int_member_with_default (calendar, "slotDuration", 30) * MINUTE_MS;
  gboolean moved = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    if (json_object_has_member (body, strings[i]) && ghl_get_string (body, strings[i]) == NULL)
      g_ptr_array_add (errors, g_strdup_printf ("%s must be a string", strings[i]));
  if (json_object_has_member (body, "appointmentStatus")
      && (status == NULL || !g_strv_contains (statuses, status)))
    g_ptr_array_add (
        errors, g_strdup ("appointmentStatus must be one of the following values: new, confirmed, "
                          "cancelled, showed, noshow, invalid"));
  if (json_object_has_member (body, "startTime"))
    {
      if (!ghl_parse_time_string (ghl_get_string (body, "startTime"), &start))
        g_ptr_array_add (errors, g_strdup ("startTime must be a valid ISO 8601 date string"));
      moved = TRUE;
      end = start + duration;
    }
  if (json_object_has_member (body, "endTime"))
    {
      if (!ghl_parse_time_string (ghl_get_string (body, "endTime"), &end))
        g_ptr_array_add (errors, g_strdup ("endTime must be a valid ISO 8601 date string"));
      moved = TRUE;
    }
  if (errors->len == 0 && end <= start)
    g_ptr_array_add (errors, g_strdup ("endTime must be after startTime"));
  if (errors->len > 0)
    return FALSE;

  if ((moved || json_object_has_member (body, "calendarId"))
      && !json_object_get_boolean_member_with_default (body, "ignoreFreeSlotValidation", FALSE))
    {
      g_autoptr (GPtrArray) slots
          = ghl_free_slots (self, calendar, start, start + 1, liaison_sandbox_request_now_ms (req),
                            ghl_get_string (event, "id"));

      if (slots->len == 0
          || busy (self, ghl_get_string (calendar, "id"), start, end, ghl_get_string (event, "id")))
        {
          ghl_error (req, 400, "The slot you have selected is no longer available.");
          return FALSE;
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    if (json_object_has_member (body, strings[i]))
      json_object_set_string_member (event, strings[i], ghl_get_string (body, strings[i]));
  if (json_object_has_member (body, "rrule"))
    json_object_set_boolean_member (event, "isRecurring", TRUE);
  if (status != NULL)
    json_object_set_string_member (event, "appointmentStatus", status);
  if (json_object_has_member (body, "assignedUserId"))
    {
      JsonArray *users = json_array_new ();

      json_array_add_string_element (users, ghl_get_string (body, "assignedUserId"));
      json_object_set_array_member (event, "users", users);
    }
  json_object_set_string_member (event, "calendarId", ghl_get_string (calendar, "id"));
  json_object_set_string_member (event, "groupId", ghl_get_string (calendar, "groupId"));
  json_object_set_int_member (event, "_startMs", start);
  json_object_set_int_member (event, "_endMs", end);
  return TRUE;
}

static void
appointment_create (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  JsonObject *token = ghl_begin (self, req, GHL_V_CALENDARS, "calendars/events.write");
  static const char *required[] = { "calendarId", "locationId", "contactId", "startTime" };
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (JsonObject) event = NULL;
  JsonObject *body, *calendar;
  gint64 now = liaison_sandbox_request_now_ms (req);

  if (token == NULL || (body = ghl_body_object (req)) == NULL
      || !ghl_check_whitelist (req, body, create_fields))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (ghl_get_string (body, required[i]) == NULL)
      g_ptr_array_add (errors, g_strdup_printf ("%s should not be empty", required[i]));
  if (errors->len > 0)
    return ghl_error_422 (req, errors);
  if (!ghl_check_location (req, token, ghl_get_string (body, "locationId"))
      || (calendar = calendar_lookup (self, req, token, ghl_get_string (body, "calendarId")))
             == NULL
      || ghl_contact_lookup (self, req, token, ghl_get_string (body, "contactId")) == NULL)
    return;
  event = new_event (self, calendar, ghl_get_string (body, "contactId"), 0, 0, now);
  json_object_set_string_member (event, "appointmentStatus", "new");
  if (!appointment_apply (self, req, event, calendar, body, errors))
    {
      if (errors->len > 0)
        ghl_error_422 (req, errors);
      return;
    }
  liaison_sandbox_table_insert (self->events, event);
  liaison_sandbox_request_reply_object (req, 200, appointment_response (self, event));
}

static JsonObject *
event_lookup (LiaisonSandboxGhl *self, LiaisonSandboxRequest *req, JsonObject *token)
{
  JsonObject *event = liaison_sandbox_table_lookup (
      self->events, liaison_sandbox_request_get_param (req, "eventId"));

  if (event == NULL
      || g_strcmp0 (ghl_get_string (event, "locationId"), ghl_get_string (token, "locationId"))
             != 0)
    {
      ghl_error (req, GHL_NOT_FOUND_STATUS, "Event not found");
      return NULL;
    }
  return event;
}

static void
appointment_get (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  JsonObject *token = ghl_begin (self, req, GHL_V_CALENDARS, "calendars/events.readonly");
  JsonObject *event, *o;

  if (token == NULL || (event = event_lookup (self, req, token)) == NULL)
    return;
  o = json_object_new ();
  json_object_set_object_member (o, "event", ghl_event_public (self, event));
  liaison_sandbox_request_reply_object (req, 200, o);
}

static void
appointment_update (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  JsonObject *token = ghl_begin (self, req, GHL_V_CALENDARS, "calendars/events.write");
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (JsonObject) draft = NULL;
  JsonObject *event, *body, *calendar;
  g_autofree char *now = NULL;

  if (token == NULL || (event = event_lookup (self, req, token)) == NULL
      || (body = ghl_body_object (req)) == NULL || !ghl_check_whitelist (req, body, edit_fields))
    return;
  calendar = calendar_lookup (self, req, token,
                              ghl_get_string (body, "calendarId")
                                  ?: ghl_get_string (event, "calendarId"));
  if (calendar == NULL)
    return;
  draft = ghl_deep_copy (event);
  if (!appointment_apply (self, req, draft, calendar, body, errors))
    {
      if (errors->len > 0)
        ghl_error_422 (req, errors);
      return;
    }
  now = ghl_iso_ms (liaison_sandbox_request_now_ms (req));
  json_object_set_string_member (draft, "dateUpdated", now);
  liaison_sandbox_table_insert (self->events, draft);
  liaison_sandbox_request_reply_object (req, 200, appointment_response (self, draft));
}

static void
event_delete (LiaisonSandboxRequest *req, gpointer user_data)
{
  LiaisonSandboxGhl *self = user_data;
  JsonObject *token = ghl_begin (self, req, GHL_V_CALENDARS, "calendars/events.write");
  JsonObject *event, *o;

  if (token == NULL || (event = event_lookup (self, req, token)) == NULL)
    return;
  liaison_sandbox_table_remove (self->events, liaison_sandbox_request_get_param (req, "eventId"));
  o = json_object_new ();
  json_object_set_boolean_member (o, "succeeded", TRUE);
  liaison_sandbox_request_reply_object (req, 201, o);
}

void
ghl_calendars_register (LiaisonSandboxGhl *self)
{
  LiaisonSandboxServer *s = self->server;

  liaison_sandbox_server_route (s, "GET", "/calendars/", NULL, 0, calendars_list, self);
  liaison_sandbox_server_route (s, "GET", "/calendars/:calendarId", NULL, 0, calendar_get, self);
  liaison_sandbox_server_route (s, "GET", "/calendars/:calendarId/free-slots", NULL, 0, free_slots,
                                self);
  liaison_sandbox_server_route (s, "GET", "/calendars/events", NULL, 0, events_list, self);
  liaison_sandbox_server_route (s, "POST", "/calendars/events/appointments", NULL, 0,
                                appointment_create, self);
  liaison_sandbox_server_route (s, "GET", "/calendars/events/appointments/:eventId", NULL, 0,
                                appointment_get, self);
  liaison_sandbox_server_route (s, "PUT", "/calendars/events/appointments/:eventId", NULL, 0,
                                appointment_update, self);
  liaison_sandbox_server_route (s, "DELETE", "/calendars/events/:eventId", NULL, 0, event_delete,
                                self);
}
