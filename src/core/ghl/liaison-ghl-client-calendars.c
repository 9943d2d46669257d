/* liaison-ghl-client-calendars.c: calendars, free slots, appointments, and
 * the location's custom field definitions and users.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-ghl"

#include "liaison-ghl-client-private.h"
#include "liaison-json.h"

/* GET /calendars/{id}/free-slots: "Date range cannot be more than 31 days". */
#define FREE_SLOTS_MAX_SPAN (31 * G_TIME_SPAN_DAY)

static gpointer
read_appointment (JsonObject *object, GError **error)
{
  return liaison_ghl_appointment_from_json (object, error);
}

static gpointer
read_calendar (JsonObject *object, GError **error)
{
  return liaison_ghl_calendar_from_json (object, error);
}

static gpointer
read_field_def (JsonObject *object, GError **error)
{
  return liaison_ghl_field_def_from_json (object, error);
}

static gpointer
read_user (JsonObject *object, GError **error)
{
  return liaison_ghl_user_from_json (object, error);
}

static const LiaisonGhlReader events_reader = { "events", read_appointment, "appointment" };
/* Appointment writes answer with the bare AppointmentSchemaResponse. */
static const LiaisonGhlReader appointment_reader = { NULL, read_appointment, "appointment" };
/* GET /calendars/events/appointments/{eventId} answers {"event": CalendarEventDTO}. */
static const LiaisonGhlReader event_reader = { "event", read_appointment, "appointment" };
static const LiaisonGhlReader calendars_reader = { "calendars", read_calendar, "calendar" };
static const LiaisonGhlReader calendar_reader = { "calendar", read_calendar, "calendar" };
static const LiaisonGhlReader fields_reader = { "customFields", read_field_def, "custom field" };
static const LiaisonGhlReader users_reader = { "users", read_user, "user" };

static char *
epoch_ms (GDateTime *time)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, g_date_time_to_unix (time) * 1000
                                                   + g_date_time_get_microsecond (time) / 1000);
}

/* Contact appointments use the contacts API and its Version. */
void
liaison_ghl_client_list_contact_appointments_async (LiaisonGhlClient *self, const char *contact_id,
                                                    GCancellable *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (contact_id != NULL);

  request = liaison_ghl_client_request (self, "GET", LIAISON_GHL_VERSION_CONTACTS,
                                        "list the contact's appointments", "contacts", contact_id,
                                        "appointments", NULL);
  liaison_ghl_client_run_list (self, request, &events_reader,
                               liaison_ghl_client_list_contact_appointments_async, cancellable,
                               callback, user_data);
}

void
liaison_ghl_client_list_calendars_async (LiaisonGhlClient *self, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));

  request = liaison_ghl_client_request (self, "GET", LIAISON_GHL_VERSION_CALENDARS,
                                        "list the calendars", "calendars", LIAISON_GHL_SLASH, NULL);
  liaison_http_request_add_query (request, "locationId", liaison_ghl_client_get_location_id (self));
  liaison_ghl_client_run_list (self, request, &calendars_reader,
                               liaison_ghl_client_list_calendars_async, cancellable, callback,
                               user_data);
}

void
liaison_ghl_client_get_calendar_async (LiaisonGhlClient *self, const char *calendar_id,
                                       GCancellable *cancellable, GAsyncReadyCallback callback,
                                       gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (calendar_id != NULL);

  request = liaison_ghl_client_request (self, "GET", LIAISON_GHL_VERSION_CALENDARS,
                                        "get the calendar", "calendars", calendar_id, NULL);
  liaison_ghl_client_run_one (self, request, &calendar_reader,
                              liaison_ghl_client_get_calendar_async, cancellable, callback,
                              user_data);
}

LiaisonCalendar *
liaison_ghl_client_get_calendar_finish (LiaisonGhlClient *self, GAsyncResult *result,
                                        GError **error)
{
  return liaison_http_call_finish (self, result, liaison_ghl_client_get_calendar_async, error);
}

/* ---- free slots: ranges over 31 days become several requests ---- */

typedef struct
{
  char *calendar_id;
  char *time_zone;
  char *user_id;
  guint slot_minutes;
  GDateTime *from;
  GDateTime *to;
  GDateTime *chunk_start;
  GPtrArray *slots;
  GHashTable *seen; /* start times (µs) already listed */
} Slots;

static void
slots_free (Slots *state)
{
  g_free (state->calendar_id);
  g_free (state->time_zone);
  g_free (state->user_id);
  g_date_time_unref (state->from);
  g_date_time_unref (state->to);
  g_clear_pointer (&state->chunk_start, g_date_time_unref);
  g_ptr_array_unref (state->slots);
  g_hash_table_unref (state->seen);
  g_free (state);
}

static gpointer
parse_slots (LiaisonHttpCall *call, JsonNode *root, GError **error)
{
  Slots *state = liaison_http_call_get_parse_data (call);
  g_autoptr (GPtrArray) chunk = g_ptr_array_new_with_free_func (g_object_unref);
  guint i;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                   "HighLevel sent free slots that are not an object");
      return NULL;
    }
  if (!liaison_ghl_slots_from_json (json_node_get_object (root), state->calendar_id,
                                    state->time_zone, state->slot_minutes, chunk, error))
    return NULL;

  for (i = 0; i < chunk->len; i++)
    {
      LiaisonSlot *slot = g_ptr_array_index (chunk, i);
      GDateTime *start = liaison_slot_get_start_time (slot);
      gint64 key
          = g_date_time_to_unix (start) * G_USEC_PER_SEC + g_date_time_get_microsecond (start);

      /* Adjacent requests may both list a slot on their common edge. */
      if (g_date_time_compare (start, state->from) < 0
          || g_date_time_compare (start, state->to) >= 0
          || g_hash_table_contains (state->seen, &key))
        continue;
      g_hash_table_add (state->seen, g_memdup2 (&key, sizeof key));
      g_ptr_array_add (state->slots, g_object_ref (slot));
    }
  return GINT_TO_POINTER (TRUE);
}

static void request_slot_chunk (GTask *task);

static int
compare_slots (gconstpointer a, gconstpointer b)
{
  LiaisonSlot *sa = *(LiaisonSlot *const *) a;
  LiaisonSlot *sb = *(LiaisonSlot *const *) b;

  return g_date_time_compare (liaison_slot_get_start_time (sa), liaison_slot_get_start_time (sb));
}

static void
on_slot_chunk (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Slots *state = g_task_get_task_data (task);
  GError *error = NULL;

  if (liaison_http_call_finish (source, result, request_slot_chunk, &error) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_date_time_compare (state->chunk_start, state->to) < 0)
    {
      request_slot_chunk (g_steal_pointer (&task));
      return;
    }

  g_ptr_array_sort (state->slots, compare_slots);
  g_task_return_pointer (task, g_ptr_array_ref (state->slots), (GDestroyNotify) g_ptr_array_unref);
}

static void
request_slot_chunk (GTask *task)
{
  LiaisonGhlClient *self = g_task_get_source_object (task);
  Slots *state = g_task_get_task_data (task);
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autoptr (GDateTime) limit = g_date_time_add (state->chunk_start, FREE_SLOTS_MAX_SPAN);
  GDateTime *chunk_end = g_date_time_compare (limit, state->to) < 0 ? limit : state->to;
  g_autofree char *start_ms = epoch_ms (state->chunk_start);
  g_autofree char *end_ms = epoch_ms (chunk_end);

  request = liaison_ghl_client_request (self, "GET", LIAISON_GHL_VERSION_CALENDARS,
                                        "get the free slots", "calendars", state->calendar_id,
                                        "free-slots", NULL);
  liaison_http_request_add_query (request, "startDate", start_ms);
  liaison_http_request_add_query (request, "endDate", end_ms);
  if (state->time_zone != NULL)
    liaison_http_request_add_query (request, "timezone", state->time_zone);
  if (state->user_id != NULL)
    liaison_http_request_add_query (request, "userId", state->user_id);

  g_date_time_unref (state->chunk_start);
  state->chunk_start = g_date_time_ref (chunk_end);

  /* Each piece is a call of its own, tagged apart from the whole. */
  liaison_ghl_client_run (self, request, parse_slots, state, NULL, request_slot_chunk,
                          g_task_get_cancellable (task), on_slot_chunk, task);
}

/* The free slots of a calendar in [from, to), sorted, as LiaisonSlot. The
 * slots are computed in time_zone (an IANA name; the calendar's own when
 * NULL), which decides where HighLevel's days begin; slot_minutes sets each
 * slot's end (0 leaves it unset). Ranges longer than 31 days are asked for
 * in 31-day pieces, one after the other. */
void
liaison_ghl_client_get_free_slots_async (LiaisonGhlClient *self, const char *calendar_id,
                                         GDateTime *from, GDateTime *to, const char *time_zone,
                                         const char *user_id, guint slot_minutes,
                                         GCancellable *cancellable, GAsyncReadyCallback callback,
                                         gpointer user_data)
{
  GTask *task;
  Slots *state;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (calendar_id != NULL && from != NULL && to != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liaison_ghl_client_get_free_slots_async);
  g_task_set_check_cancellable (task, FALSE);

  if (g_date_time_compare (from, to) >= 0)
    {
      g_task_return_new_error (task, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_VALIDATION,
                               "The time range for free slots ends before it begins");
      g_object_unref (task);
      return;
    }

  state = g_new0 (Slots, 1);
  state->calendar_id = g_strdup (calendar_id);
  state->time_zone = g_strdup (time_zone);
  state->user_id = g_strdup (user_id);
  state->slot_minutes = slot_minutes;
  state->from = g_date_time_to_utc (from);
  state->to = g_date_time_to_utc (to);
  state->chunk_start = g_date_time_ref (state->from);
  state->slots = g_ptr_array_new_with_free_func (g_object_unref);
  state->seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_task_set_task_data (task, state, (GDestroyNotify) slots_free);

  request_slot_chunk (task);
}

/* ---- events and appointments ---- */

void
liaison_ghl_client_list_events_async (LiaisonGhlClient *self, const char *calendar_id,
                                      GDateTime *from, GDateTime *to, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autofree char *start_ms = NULL;
  g_autofree char *end_ms = NULL;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (calendar_id != NULL && from != NULL && to != NULL);

  start_ms = epoch_ms (from);
  end_ms = epoch_ms (to);
  request = liaison_ghl_client_request (self, "GET", LIAISON_GHL_VERSION_CALENDARS,
                                        "list the calendar's events", "calendars", "events", NULL);
  liaison_http_request_add_query (request, "locationId", liaison_ghl_client_get_location_id (self));
  liaison_http_request_add_query (request, "calendarId", calendar_id);
  liaison_http_request_add_query (request, "startTime", start_ms);
  liaison_http_request_add_query (request, "endTime", end_ms);
  liaison_ghl_client_run_list (self, request, &events_reader, liaison_ghl_client_list_events_async,
                               cancellable, callback, user_data);
}

static gboolean
check_appointment (LiaisonGhlClient *self, LiaisonAppointment *appointment, gboolean create,
                   gpointer source_tag, GAsyncReadyCallback callback, gpointer user_data)
{
  const char *problem = NULL;

  if (create
      && (liaison_appointment_get_calendar_id (appointment) == NULL
          || liaison_appointment_get_contact_id (appointment) == NULL
          || liaison_appointment_get_start_time (appointment) == NULL))
    problem = "A HighLevel appointment needs a calendar, a contact and a start time";
  else if (!create && liaison_appointment_get_id (appointment) == NULL)
    problem = "The appointment has no HighLevel id";

  return !liaison_http_call_refuse (self, problem == NULL, problem, source_tag, callback,
                                    user_data);
}

/* Books an appointment; never repeated after a failure that may have
 * reached HighLevel (a double booking is worse than an error). */
void
liaison_ghl_client_create_appointment_async (LiaisonGhlClient *self,
                                             LiaisonAppointment *appointment,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autoptr (JsonNode) body = NULL;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (LIAISON_IS_APPOINTMENT (appointment));

  if (!check_appointment (self, appointment, TRUE, liaison_ghl_client_create_appointment_async,
                          callback, user_data))
    return;

  request = liaison_ghl_client_request (self, "POST", LIAISON_GHL_VERSION_CALENDARS,
                                        "book the appointment", "calendars", "events",
                                        "appointments", NULL);
  liaison_http_request_set_subject (request, "the appointment");
  body = liaison_ghl_appointment_to_json (appointment, LIAISON_GHL_WRITE_CREATE,
                                          liaison_ghl_client_get_location_id (self));
  liaison_http_request_set_json_body (request, body);
  liaison_ghl_client_run_one (self, request, &appointment_reader,
                              liaison_ghl_client_create_appointment_async, cancellable, callback,
                              user_data);
}

void
liaison_ghl_client_update_appointment_async (LiaisonGhlClient *self,
                                             LiaisonAppointment *appointment,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autoptr (JsonNode) body = NULL;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (LIAISON_IS_APPOINTMENT (appointment));

  if (!check_appointment (self, appointment, FALSE, liaison_ghl_client_update_appointment_async,
                          callback, user_data))
    return;

  request = liaison_ghl_client_request (
      self, "PUT", LIAISON_GHL_VERSION_CALENDARS, "update the appointment", "calendars", "events",
      "appointments", liaison_appointment_get_id (appointment), NULL);
  liaison_http_request_set_subject (request, "the appointment");
  body = liaison_ghl_appointment_to_json (appointment, LIAISON_GHL_WRITE_UPDATE, NULL);
  liaison_http_request_set_json_body (request, body);
  liaison_ghl_client_run_one (self, request, &appointment_reader,
                              liaison_ghl_client_update_appointment_async, cancellable, callback,
                              user_data);
}

/* One appointment by its id, its times with their zone (unlike the contact's appointments); an
 * unknown id is LIAISON_HTTP_ERROR_NOT_FOUND. Finish with appointment_finish. */
void
liaison_ghl_client_get_appointment_async (LiaisonGhlClient *self, const char *event_id,
                                          GCancellable *cancellable, GAsyncReadyCallback callback,
                                          gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (event_id != NULL);

  request = liaison_ghl_client_request (self, "GET", LIAISON_GHL_VERSION_CALENDARS,
                                        "get the appointment", "calendars", "events",
                                        "appointments", event_id, NULL);
  liaison_ghl_client_run_one (self, request, &event_reader,
                              liaison_ghl_client_get_appointment_async, cancellable, callback,
                              user_data);
}

LiaisonAppointment *
liaison_ghl_client_appointment_finish (LiaisonGhlClient *self, GAsyncResult *result, GError **error)
{
  static const gpointer tags[] = {
    liaison_ghl_client_create_appointment_async,
    liaison_ghl_client_update_appointment_async,
    liaison_ghl_client_get_appointment_async,
    NULL,
  };

  return liaison_http_call_finish_any (self, result, tags, error);
}

void
liaison_ghl_client_delete_appointment_async (LiaisonGhlClient *self, const char *event_id,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;
  g_autoptr (JsonNode) body = NULL;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));
  g_return_if_fail (event_id != NULL);

  request = liaison_ghl_client_request (self, "DELETE", LIAISON_GHL_VERSION_CALENDARS,
                                        "delete the appointment", "calendars", "events", event_id,
                                        NULL);
  /* The spec requires a body here, an empty object. */
  body = json_from_string ("{}", NULL);
  liaison_http_request_set_json_body (request, body);
  liaison_ghl_client_run_done (self, request, liaison_ghl_client_delete_appointment_async,
                               cancellable, callback, user_data);
}

/* ---- custom fields and users ---- */

void
liaison_ghl_client_list_custom_fields_async (LiaisonGhlClient *self, GCancellable *cancellable,
                                             GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));

  request = liaison_ghl_client_request (
      self, "GET", LIAISON_GHL_VERSION_CONTACTS, "list the custom fields", "locations",
      liaison_ghl_client_get_location_id (self), "customFields", NULL);
  liaison_http_request_add_query (request, "model", "contact");
  liaison_ghl_client_run_list (self, request, &fields_reader,
                               liaison_ghl_client_list_custom_fields_async, cancellable, callback,
                               user_data);
}

/* GET /users/?locationId= is marked deprecated, but its replacement
 * (/users/search) needs the agency's companyId, which a location token
 * does not carry. */
void
liaison_ghl_client_list_users_async (LiaisonGhlClient *self, GCancellable *cancellable,
                                     GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));

  request = liaison_ghl_client_request (self, "GET", LIAISON_GHL_VERSION_CONTACTS, "list the users",
                                        "users", LIAISON_GHL_SLASH, NULL);
  liaison_http_request_add_query (request, "locationId", liaison_ghl_client_get_location_id (self));
  liaison_ghl_client_run_list (self, request, &users_reader, liaison_ghl_client_list_users_async,
                               cancellable, callback, user_data);
}

/* ---- the location ---- */

static gpointer
parse_location_name (LiaisonHttpCall *call, JsonNode *root, GError **error)
{
  JsonObject *location = JSON_NODE_HOLDS_OBJECT (root)
                             ? liaison_json_get_object (json_node_get_object (root), "location")
                             : NULL;
  const char *name = location != NULL ? liaison_json_get_string (location, "name") : NULL;

  if (name == NULL || *name == '\0')
    {
      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                   "HighLevel sent no name for the location");
      return NULL;
    }
  return g_strdup (name);
}

/* The location's name as its owner wrote it ("Sandbox Dental"), for the person to recognise. */
void
liaison_ghl_client_get_location_name_async (LiaisonGhlClient *self, GCancellable *cancellable,
                                            GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));

  request = liaison_ghl_client_request (self, "GET", LIAISON_GHL_VERSION_CONTACTS,
                                        "read the location's name", "locations",
                                        liaison_ghl_client_get_location_id (self), NULL);
  liaison_ghl_client_run (self, request, parse_location_name, NULL, g_free,
                          liaison_ghl_client_get_location_name_async, cancellable, callback,
                          user_data);
}

char *
liaison_ghl_client_get_location_name_finish (LiaisonGhlClient *self, GAsyncResult *result,
                                             GError **error)
{
  return liaison_http_call_finish (self, result, liaison_ghl_client_get_location_name_async, error);
}

/* The location's country ("US"), as its business address has it; "" when it names none. */
static gpointer
parse_location_country (LiaisonHttpCall *call, JsonNode *root, GError **error)
{
  JsonObject *location = JSON_NODE_HOLDS_OBJECT (root)
                             ? liaison_json_get_object (json_node_get_object (root), "location")
                             : NULL;
  const char *country = location != NULL ? liaison_json_get_string (location, "country") : NULL;

  if (location == NULL)
    {
      g_set_error (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_PROTOCOL,
                   "HighLevel sent no location");
      return NULL;
    }
  return g_strdup (country != NULL ? country : "");
}

void
liaison_ghl_client_get_location_country_async (LiaisonGhlClient *self, GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (LiaisonHttpRequest) request = NULL;

  g_return_if_fail (LIAISON_IS_GHL_CLIENT (self));

  request = liaison_ghl_client_request (self, "GET", LIAISON_GHL_VERSION_CONTACTS,
                                        "read the location's country", "locations",
                                        liaison_ghl_client_get_location_id (self), NULL);
  liaison_ghl_client_run (self, request, parse_location_country, NULL, g_free,
                          liaison_ghl_client_get_location_country_async, cancellable, callback,
                          user_data);
}

char *
liaison_ghl_client_get_location_country_finish (LiaisonGhlClient *self, GAsyncResult *result,
                                                GError **error)
{
  return liaison_http_call_finish (self, result, liaison_ghl_client_get_location_country_async,
                                   error);
}
