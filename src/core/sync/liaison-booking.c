/* liaison-booking.c: see liaison-booking.h.
 *
 * One call runs as a small state machine in its GTask's data: a run begins; for each side, an
 * intent is written, then the remote write is made; at the end one apply step closes the
 * intents and records the operations, the appointment link is kept, and the run finishes.
 * A HighLevel refusal that turns out to be a slot taken meanwhile (the slot is no longer in the
 * freshly listed free slots) becomes LIAISON_BOOKING_ERROR_SLOT_TAKEN, and LeadSquared is then
 * never written, so nothing is half made.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-booking"

#include <json-glib/json-glib.h>

#include "liaison-booking.h"
#include "liaison-calendar-data-private.h"
#include "liaison-http.h"
#include "liaison-store-sync.h"

/* clang-format off */
G_DEFINE_QUARK (liaison-booking-error-quark, liaison_booking_error)
/* clang-format on */

struct _LiaisonBooking
{
  GObject parent_instance;

  LiaisonStore *store;
  LiaisonGhlClient *ghl;
  char *ghl_connection_id;
  LiaisonLsqClient *lsq;
  char *lsq_connection_id;
  LiaisonSlotCache *slot_cache;
  char *trigger;
  char *lsq_task_type;
};

G_DEFINE_FINAL_TYPE (LiaisonBooking, liaison_booking, G_TYPE_OBJECT)

typedef enum
{
  KIND_BOOK,
  KIND_RESCHEDULE,
  KIND_CANCEL,
} Kind;

typedef struct
{
  Kind kind;
  LiaisonCalendar *calendar;
  LiaisonAppointment *request; /* what HighLevel is sent */
  LiaisonAppointment *before;  /* reschedule and cancel: the appointment as listed */
  char *time_zone;
  char *lsq_lead_id;
  char *lsq_task_id; /* reschedule and cancel: the linked task */
  gint64 run_id;
  gint64 ghl_intent;
  gint64 lsq_intent;
  LiaisonBookingResult *result;
  GError *ghl_error; /* HighLevel refused: the call fails with it */
} Op;

static void
op_free (Op *op)
{
  g_clear_object (&op->calendar);
  g_clear_object (&op->request);
  g_clear_object (&op->before);
  g_free (op->time_zone);
  g_free (op->lsq_lead_id);
  g_free (op->lsq_task_id);
  g_clear_pointer (&op->result, liaison_booking_result_free);
  g_clear_error (&op->ghl_error);
  g_free (op);
}

void
liaison_booking_result_free (LiaisonBookingResult *result)
{
  if (result == NULL)
    return;
  g_clear_object (&result->ghl);
  g_free (result->lsq_task_id);
  g_free (result->lsq_lead_id);
  g_clear_error (&result->lsq_error);
  g_free (result);
}

static void
set_str (char **to, const char *value)
{
  char *copy = g_strdup (value);

  g_free (*to);
  *to = copy;
}

/* ---- JSON for intents and the history ---- */

static void
put_time (JsonBuilder *builder, const char *name, GDateTime *time)
{
  g_autofree char *text = NULL;

  if (time == NULL)
    return;
  text = g_date_time_format_iso8601 (time);
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, text);
}

static void
put_string (JsonBuilder *builder, const char *name, const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* The appointment as the history and the journal keep it. "kind" tells a booking's intents from
 * the contact sync's. */
static char *
appointment_json (LiaisonAppointment *appointment, const char *id, const char *lsq_task_id)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GEnumClass) statuses = g_type_class_ref (LIAISON_TYPE_APPOINTMENT_STATUS);
  GEnumValue *status
      = g_enum_get_value (statuses, (int) liaison_appointment_get_status (appointment));

  json_builder_begin_object (builder);
  put_string (builder, "kind", "appointment");
  put_string (builder, "id", id != NULL ? id : liaison_appointment_get_id (appointment));
  put_string (builder, "lsqTaskId", lsq_task_id);
  put_string (builder, "calendarId", liaison_appointment_get_calendar_id (appointment));
  put_string (builder, "contactId", liaison_appointment_get_contact_id (appointment));
  put_string (builder, "title", liaison_appointment_get_title (appointment));
  put_time (builder, "startTime", liaison_appointment_get_start_time (appointment));
  put_time (builder, "endTime", liaison_appointment_get_end_time (appointment));
  put_string (builder, "status", status != NULL ? status->value_nick : NULL);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static LiaisonAppointment *
copy_appointment (LiaisonAppointment *from)
{
  LiaisonAppointment *to = liaison_appointment_new ();

  liaison_appointment_set_id (to, liaison_appointment_get_id (from));
  liaison_appointment_set_calendar_id (to, liaison_appointment_get_calendar_id (from));
  liaison_appointment_set_contact_id (to, liaison_appointment_get_contact_id (from));
  liaison_appointment_set_title (to, liaison_appointment_get_title (from));
  liaison_appointment_set_description (to, liaison_appointment_get_description (from));
  liaison_appointment_set_address (to, liaison_appointment_get_address (from));
  liaison_appointment_set_status (to, liaison_appointment_get_status (from));
  liaison_appointment_set_assigned_user_id (to, liaison_appointment_get_assigned_user_id (from));
  liaison_appointment_set_start_time (to, liaison_appointment_get_start_time (from));
  liaison_appointment_set_end_time (to, liaison_appointment_get_end_time (from));
  liaison_appointment_set_time_zone (to, liaison_appointment_get_time_zone (from));
  return to;
}

/* ---- the steps ---- */

static void conclude (GTask *task);
static void on_ghl_intent (GObject *source, GAsyncResult *result, gpointer user_data);
static void on_lsq_intent (GObject *source, GAsyncResult *result, gpointer user_data);

static LiaisonStoreIntent *
new_intent (Op *op, LiaisonService service, const char *remote_id, const char *source_id,
            const char *payload)
{
  LiaisonStoreIntent *intent = g_new0 (LiaisonStoreIntent, 1);

  intent->run_id = op->run_id;
  intent->service = service;
  intent->op = op->kind == KIND_BOOK ? LIAISON_INTENT_CREATE : LIAISON_INTENT_UPDATE;
  intent->remote_id = g_strdup (remote_id);
  intent->source_id = g_strdup (source_id);
  intent->payload = g_strdup (payload);
  return intent;
}

static void
add_intent (GTask *task, LiaisonStoreIntent *intent, GAsyncReadyCallback callback)
{
  LiaisonBooking *self = g_task_get_source_object (task);
  g_autoptr (GPtrArray) intents
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_intent_free);

  g_ptr_array_add (intents, intent);
  /* Not cancellable from here on: a write that may have started is always journalled. */
  liaison_store_add_intents_async (self->store, intents, NULL, callback, task);
}

static gint64
intent_id_finish (LiaisonStore *store, GAsyncResult *result, GError **error)
{
  g_autoptr (GArray) ids = liaison_store_add_intents_finish (store, result, error);

  return ids != NULL && ids->len == 1 ? g_array_index (ids, gint64, 0) : 0;
}

static void
on_run_begun (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  Op *op = g_task_get_task_data (task);
  GError *error = NULL;
  g_autofree char *payload = NULL;

  op->run_id = liaison_store_begin_run_finish (LIAISON_STORE (source), result, &error);
  if (op->run_id <= 0)
    {
      g_prefix_error (&error, "The booking could not be recorded: ");
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  payload = appointment_json (op->request, NULL, NULL);
  add_intent (task,
              new_intent (op, LIAISON_SERVICE_GHL, liaison_appointment_get_id (op->request),
                          op->lsq_lead_id, payload),
              on_ghl_intent);
}

static void
on_slots_checked (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  GPtrArray *slots
      = liaison_slot_cache_get_slots_finish (LIAISON_SLOT_CACHE (source), result, &error);
  GDateTime *start = liaison_appointment_get_start_time (op->request);
  gboolean free = FALSE;

  for (guint i = 0; slots != NULL && i < slots->len; i++)
    free = free
           || g_date_time_equal (liaison_slot_get_start_time (g_ptr_array_index (slots, i)), start);
  if (slots != NULL && !free)
    {
      g_autoptr (GTimeZone) zone
          = op->time_zone != NULL ? g_time_zone_new_identifier (op->time_zone) : NULL;
      g_autoptr (GDateTime) local
          = g_date_time_to_timezone (start, zone != NULL ? zone : g_time_zone_new_local ());
      g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M");
      g_autoptr (GError) refused = g_steal_pointer (&op->ghl_error);

      g_set_error (&op->ghl_error, LIAISON_BOOKING_ERROR, LIAISON_BOOKING_ERROR_SLOT_TAKEN,
                   "The slot at %s on “%s” was taken meanwhile (HighLevel: %s). Pick another "
                   "one from the free slots, listed again.",
                   when, liaison_calendar_get_name (op->calendar), refused->message);
    }
  conclude (task);
}

/* HighLevel refused the write: was it the slot? */
static void
check_slot (GTask *task)
{
  LiaisonBooking *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr (GTimeZone) zone
      = op->time_zone != NULL ? g_time_zone_new_identifier (op->time_zone) : NULL;
  g_autoptr (GTimeZone) local = g_time_zone_new_local ();
  g_autoptr (GDateTime) start = g_date_time_to_timezone (
      liaison_appointment_get_start_time (op->request), zone != NULL ? zone : local);
  g_autoptr (GDate) day
      = g_date_new_dmy (g_date_time_get_day_of_month (start), g_date_time_get_month (start),
                        g_date_time_get_year (start));

  if (op->kind == KIND_CANCEL || op->calendar == NULL
      || !g_error_matches (op->ghl_error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_VALIDATION))
    {
      conclude (task);
      return;
    }
  liaison_slot_cache_invalidate (self->slot_cache, liaison_calendar_get_id (op->calendar));
  liaison_slot_cache_get_slots_async (self->slot_cache, op->calendar, day, 1, op->time_zone, NULL,
                                      on_slots_checked, task);
}

static void
on_ghl_written (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  LiaisonBooking *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  GError *error = NULL;
  LiaisonAppointment *written
      = LIAISON_IS_SLOT_CACHE (source)
            ? liaison_slot_cache_book_finish (LIAISON_SLOT_CACHE (source), result, &error)
            : liaison_ghl_client_appointment_finish (LIAISON_GHL_CLIENT (source), result, &error);

  if (op->calendar != NULL)
    liaison_slot_cache_invalidate (self->slot_cache, liaison_calendar_get_id (op->calendar));
  if (written == NULL)
    {
      op->ghl_error = error;
      check_slot (task);
      return;
    }
  op->result->ghl = written;
  if (self->lsq == NULL || self->lsq_connection_id == NULL
      || (op->kind == KIND_BOOK ? op->lsq_lead_id == NULL : op->lsq_task_id == NULL))
    {
      conclude (task);
      return;
    }
  {
    g_autofree char *payload = appointment_json (written, NULL, op->lsq_task_id);

    add_intent (task,
                new_intent (op, LIAISON_SERVICE_LSQ, op->lsq_task_id,
                            liaison_appointment_get_id (written), payload),
                on_lsq_intent);
  }
}

static void
on_ghl_intent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  LiaisonBooking *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  GError *error = NULL;

  op->ghl_intent = intent_id_finish (LIAISON_STORE (source), result, &error);
  if (op->ghl_intent == 0)
    {
      /* Nothing was sent: nothing to undo. */
      op->ghl_error = error;
      conclude (task);
      return;
    }
  if (op->kind == KIND_BOOK)
    liaison_slot_cache_book_async (self->slot_cache, op->request, NULL, on_ghl_written, task);
  else
    liaison_ghl_client_update_appointment_async (self->ghl, op->request, NULL, on_ghl_written,
                                                 task);
}

static void
on_lsq_written (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  LiaisonBooking *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  LiaisonLsqClient *lsq = LIAISON_LSQ_CLIENT (source);
  GError *error = NULL;

  if (op->kind == KIND_BOOK)
    {
      op->result->lsq_task_id = liaison_lsq_client_id_finish (lsq, result, &error);
      if (op->result->lsq_task_id == NULL)
        op->result->lsq_error = error;
      conclude (task);
      return;
    }
  if (!liaison_lsq_client_done_finish (lsq, result, &error))
    {
      op->result->lsq_error = error;
      conclude (task);
      return;
    }
  if (op->kind == KIND_CANCEL && op->result->lsq_task_id == NULL)
    {
      /* Renamed; now off the open tasks. */
      op->result->lsq_task_id = g_strdup (op->lsq_task_id);
      liaison_lsq_client_complete_task_async (self->lsq, op->lsq_task_id, NULL, on_lsq_written,
                                              task);
      return;
    }
  set_str (&op->result->lsq_task_id, op->lsq_task_id);
  conclude (task);
}

static void
on_lsq_intent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  LiaisonBooking *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (LiaisonAppointment) lsq = NULL;

  op->lsq_intent = intent_id_finish (LIAISON_STORE (source), result, &error);
  if (op->lsq_intent == 0)
    {
      op->result->lsq_error = error;
      conclude (task);
      return;
    }
  lsq = copy_appointment (op->result->ghl);
  liaison_appointment_set_contact_id (lsq, op->lsq_lead_id);
  liaison_appointment_set_calendar_id (lsq, NULL);
  liaison_appointment_set_assigned_user_id (lsq, NULL);
  liaison_appointment_set_id (lsq, op->lsq_task_id);
  if (op->kind == KIND_BOOK)
    {
      liaison_lsq_client_create_appointment_async (self->lsq, lsq, self->lsq_task_type, NULL,
                                                   on_lsq_written, task);
      return;
    }
  if (op->kind == KIND_CANCEL)
    {
      const char *title = liaison_appointment_get_title (op->before);
      g_autofree char *cancelled
          = g_strdup_printf ("Cancelled: %s", title != NULL ? title : "appointment");

      liaison_appointment_set_title (lsq, cancelled);
    }
  liaison_lsq_client_update_appointment_async (self->lsq, lsq, NULL, on_lsq_written, task);
}

/* ---- the end: one apply step, the link, the run ---- */

static void
on_run_finished (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (!liaison_store_finish_run_finish (LIAISON_STORE (source), result, &error))
    g_warning ("Could not close the booking's run in the history: %s", error->message);
  if (op->ghl_error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&op->ghl_error));
      return;
    }
  op->result->run_id = op->run_id;
  set_str (&op->result->lsq_lead_id, op->lsq_lead_id);
  g_task_return_pointer (task, g_steal_pointer (&op->result),
                         (GDestroyNotify) liaison_booking_result_free);
}

static void
finish_run (GTask *task)
{
  LiaisonBooking *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  LiaisonStoreRun run = { 0 };
  gboolean lsq_done = op->result->lsq_task_id != NULL && op->result->lsq_error == NULL;
  guint n_done = (op->result->ghl != NULL) + lsq_done;

  run.id = op->run_id;
  if (op->ghl_error != NULL)
    {
      run.status = (char *) "failed";
      run.error = op->ghl_error->message;
      run.cause
          = g_error_matches (op->ghl_error, LIAISON_BOOKING_ERROR, LIAISON_BOOKING_ERROR_SLOT_TAKEN)
                ? (char *) "slot-taken"
                : (char *) "ghl-refused";
    }
  else if (op->result->lsq_error != NULL)
    {
      run.status = (char *) "partial";
      run.error = op->result->lsq_error->message;
      run.cause = (char *) "lsq-refused";
    }
  else
    run.status = (char *) "succeeded";
  if (op->kind == KIND_BOOK)
    run.n_created = n_done;
  else
    run.n_updated = n_done;
  run.n_linked = op->kind == KIND_BOOK && lsq_done;
  run.n_failed = (op->ghl_error != NULL) + (op->result->lsq_error != NULL);
  run.ghl_requests = 1;
  run.lsq_requests = op->lsq_intent != 0 ? 1 + (op->kind == KIND_CANCEL) : 0;
  liaison_store_finish_run_async (self->store, &run, NULL, on_run_finished, task);
}

static void
on_linked (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids
      = liaison_store_create_links_finish (LIAISON_STORE (source), result, &error);

  if (ids == NULL)
    g_warning ("Could not keep the link between the two appointments: %s", error->message);
  finish_run (task);
}

static void
on_step_applied (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  LiaisonBooking *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) links = NULL;

  if (!liaison_store_apply_step_finish (LIAISON_STORE (source), result, &error))
    g_warning ("Could not record the booking in the history: %s", error->message);
  if (op->kind != KIND_BOOK || op->result->ghl == NULL || op->result->lsq_task_id == NULL)
    {
      finish_run (task);
      return;
    }
  links = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_link_free);
  g_ptr_array_add (links, liaison_store_link_new (
                              LIAISON_RECORD_APPOINTMENT, self->lsq_connection_id,
                              op->result->lsq_task_id, self->ghl_connection_id,
                              liaison_appointment_get_id (op->result->ghl), LIAISON_LINK_CREATED));
  liaison_store_create_links_async (self->store, links, NULL, on_linked, task);
}

static void
close_intent (LiaisonStoreStep *step, gint64 intent_id, const GError *error)
{
  LiaisonStoreIntent *failed;

  if (intent_id == 0)
    return;
  if (error == NULL)
    {
      g_array_append_val (step->intents_done, intent_id);
      return;
    }
  failed = g_new0 (LiaisonStoreIntent, 1);
  failed->id = intent_id;
  failed->payload = g_strdup (error->message);
  g_ptr_array_add (step->intents_failed, failed);
}

static void
add_operation (LiaisonStoreStep *step, Op *op, LiaisonService service, const char *ghl_contact,
               const char *after, const GError *error)
{
  static const char *const causes[] = { "booking", "reschedule", "cancel" };
  LiaisonStoreOperation *operation = g_new0 (LiaisonStoreOperation, 1);

  operation->run_id = op->run_id;
  operation->at = g_get_real_time () / 1000;
  operation->service = service;
  /* The contact's records: the history finds the booking under the contact's link. */
  operation->lsq_id = g_strdup (op->lsq_lead_id);
  operation->ghl_id = g_strdup (ghl_contact);
  operation->action = op->kind == KIND_BOOK ? LIAISON_OPERATION_CREATE : LIAISON_OPERATION_UPDATE;
  operation->field = g_strdup ("appointment");
  operation->before
      = op->before != NULL ? appointment_json (op->before, NULL, op->lsq_task_id) : NULL;
  operation->after = g_strdup (after);
  operation->status = error == NULL ? LIAISON_OPERATION_APPLIED : LIAISON_OPERATION_FAILED;
  operation->error = error != NULL ? g_strdup (error->message) : NULL;
  operation->cause = g_strdup (causes[op->kind]);
  g_ptr_array_add (step->operations, operation);
}

static void
conclude (GTask *task)
{
  LiaisonBooking *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  LiaisonBookingResult *r = op->result;
  g_autoptr (LiaisonStoreStep) step
      = liaison_store_step_new (self->lsq_connection_id, self->ghl_connection_id, op->run_id);
  const char *ghl_contact = liaison_appointment_get_contact_id (op->request);

  if (op->ghl_intent == 0 && op->ghl_error != NULL)
    {
      /* Not even the intent: nothing reached HighLevel. */
      finish_run (task);
      return;
    }
  close_intent (step, op->ghl_intent, op->ghl_error);
  {
    g_autofree char *after
        = appointment_json (r->ghl != NULL ? r->ghl : op->request, NULL, r->lsq_task_id);

    add_operation (step, op, LIAISON_SERVICE_GHL, ghl_contact, r->ghl != NULL ? after : NULL,
                   op->ghl_error);
  }
  if (op->lsq_intent != 0 || r->lsq_error != NULL)
    {
      g_autofree char *after
          = r->lsq_error == NULL ? appointment_json (r->ghl, r->lsq_task_id, NULL) : NULL;

      close_intent (step, op->lsq_intent, r->lsq_error);
      add_operation (step, op, LIAISON_SERVICE_LSQ, ghl_contact, after, r->lsq_error);
    }
  if (op->kind != KIND_BOOK && r->ghl != NULL)
    {
      /* The slot cache keeps what it books; a move or a cancellation is kept here. */
      LiaisonStoreRecord *record = liaison_calendar_data_appointment_to_record (r->ghl);

      if (record != NULL)
        {
          record->connection_id = g_strdup (self->ghl_connection_id);
          g_ptr_array_add (step->records, record);
        }
    }
  step->notify = TRUE;
  liaison_store_apply_step_async (self->store, g_steal_pointer (&step), NULL, on_step_applied,
                                  task);
}

/* ---- public ---- */

static void
liaison_booking_dispose (GObject *object)
{
  LiaisonBooking *self = LIAISON_BOOKING (object);

  g_clear_object (&self->slot_cache);
  g_clear_object (&self->ghl);
  g_clear_object (&self->lsq);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (liaison_booking_parent_class)->dispose (object);
}

static void
liaison_booking_finalize (GObject *object)
{
  LiaisonBooking *self = LIAISON_BOOKING (object);

  g_free (self->ghl_connection_id);
  g_free (self->lsq_connection_id);
  g_free (self->trigger);
  g_free (self->lsq_task_type);

  G_OBJECT_CLASS (liaison_booking_parent_class)->finalize (object);
}

static void
liaison_booking_class_init (LiaisonBookingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liaison_booking_dispose;
  object_class->finalize = liaison_booking_finalize;
}

static void
liaison_booking_init (LiaisonBooking *self)
{
  self->trigger = g_strdup ("manual");
  self->lsq_task_type = g_strdup (LIAISON_BOOKING_DEFAULT_LSQ_TASK_TYPE);
}

LiaisonBooking *
liaison_booking_new (LiaisonStore *store, LiaisonGhlClient *ghl, const char *ghl_connection_id,
                     LiaisonLsqClient *lsq, const char *lsq_connection_id)
{
  LiaisonBooking *self;

  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (ghl == NULL || LIAISON_IS_GHL_CLIENT (ghl), NULL);
  g_return_val_if_fail (lsq == NULL || LIAISON_IS_LSQ_CLIENT (lsq), NULL);

  self = g_object_new (LIAISON_TYPE_BOOKING, NULL);
  self->store = g_object_ref (store);
  self->ghl = ghl != NULL ? g_object_ref (ghl) : NULL;
  self->ghl_connection_id = g_strdup (ghl_connection_id);
  self->lsq = lsq != NULL ? g_object_ref (lsq) : NULL;
  self->lsq_connection_id = g_strdup (lsq_connection_id);
  if (ghl != NULL)
    self->slot_cache = liaison_slot_cache_new (ghl, store, ghl_connection_id);
  return self;
}

LiaisonStore *
liaison_booking_get_store (LiaisonBooking *self)
{
  g_return_val_if_fail (LIAISON_IS_BOOKING (self), NULL);
  return self->store;
}

LiaisonGhlClient *
liaison_booking_get_ghl_client (LiaisonBooking *self)
{
  g_return_val_if_fail (LIAISON_IS_BOOKING (self), NULL);
  return self->ghl;
}

LiaisonLsqClient *
liaison_booking_get_lsq_client (LiaisonBooking *self)
{
  g_return_val_if_fail (LIAISON_IS_BOOKING (self), NULL);
  return self->lsq;
}

LiaisonSlotCache *
liaison_booking_get_slot_cache (LiaisonBooking *self)
{
  g_return_val_if_fail (LIAISON_IS_BOOKING (self), NULL);
  return self->slot_cache;
}

void
liaison_booking_set_trigger (LiaisonBooking *self, const char *trigger)
{
  g_return_if_fail (LIAISON_IS_BOOKING (self));
  g_return_if_fail (trigger != NULL);
  set_str (&self->trigger, trigger);
}

void
liaison_booking_set_lsq_task_type (LiaisonBooking *self, const char *task_type)
{
  g_return_if_fail (LIAISON_IS_BOOKING (self));
  set_str (&self->lsq_task_type,
           task_type != NULL ? task_type : LIAISON_BOOKING_DEFAULT_LSQ_TASK_TYPE);
}

gboolean
liaison_booking_check_days (guint n_days, GError **error)
{
  if (n_days >= 1 && n_days <= LIAISON_BOOKING_MAX_DAYS)
    return TRUE;
  g_set_error (error, LIAISON_BOOKING_ERROR, LIAISON_BOOKING_ERROR_WINDOW,
               "HighLevel lists free slots for 1 to %d days at a time, not %u. Choose a shorter "
               "range of days.",
               LIAISON_BOOKING_MAX_DAYS, n_days);
  return FALSE;
}

char *
liaison_booking_lookup_lsq_task (LiaisonBooking *self, const char *ghl_event_id)
{
  g_autoptr (LiaisonStoreLink) link = NULL;
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (LIAISON_IS_BOOKING (self), NULL);
  if (ghl_event_id == NULL || self->ghl_connection_id == NULL)
    return NULL;
  link = liaison_store_lookup_link (self->store, LIAISON_SERVICE_GHL, self->ghl_connection_id,
                                    LIAISON_RECORD_APPOINTMENT, ghl_event_id, &error);
  if (link == NULL && error != NULL)
    g_debug ("No link for appointment %s: %s", ghl_event_id, error->message);
  return link != NULL ? g_strdup (link->lsq_id) : NULL;
}

static char *
lookup_lead (LiaisonBooking *self, const char *ghl_contact_id)
{
  g_autoptr (LiaisonStoreLink) link = NULL;

  if (ghl_contact_id == NULL || self->ghl_connection_id == NULL)
    return NULL;
  link = liaison_store_lookup_link (self->store, LIAISON_SERVICE_GHL, self->ghl_connection_id,
                                    LIAISON_RECORD_CONTACT, ghl_contact_id, NULL);
  return link != NULL ? g_strdup (link->lsq_id) : NULL;
}

static GTask *
start (LiaisonBooking *self, Kind kind, gpointer source_tag, GCancellable *cancellable,
       GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Op *op = g_new0 (Op, 1);

  g_task_set_source_tag (task, source_tag);
  op->kind = kind;
  op->result = g_new0 (LiaisonBookingResult, 1);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  return task;
}

static gboolean
refuse (GTask *task, LiaisonBookingError code, const char *message)
{
  g_task_return_new_error (task, LIAISON_BOOKING_ERROR, code, "%s", message);
  g_object_unref (task);
  return FALSE;
}

static gboolean
check_ready (LiaisonBooking *self, GTask *task)
{
  if (self->ghl == NULL || self->ghl_connection_id == NULL)
    return refuse (task, LIAISON_BOOKING_ERROR_NO_ACCOUNT,
                   "HighLevel is not connected: connect it on the Accounts page (or with "
                   "“liaison-cli connect ghl”), then book.");
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return FALSE;
    }
  return TRUE;
}

static void
begin (LiaisonBooking *self, GTask *task)
{
  liaison_store_begin_run_async (self->store, self->trigger, FALSE, NULL, on_run_begun, task);
}

void
liaison_booking_book_async (LiaisonBooking *self, LiaisonCalendar *calendar,
                            const char *ghl_contact_id, const char *lsq_lead_id,
                            GDateTime *start_at, const char *title, const char *notes,
                            LiaisonAppointmentStatus status, const char *time_zone,
                            GCancellable *cancellable, GAsyncReadyCallback callback,
                            gpointer user_data)
{
  GTask *task;
  Op *op;
  g_autoptr (GDateTime) end = NULL;
  guint minutes;

  g_return_if_fail (LIAISON_IS_BOOKING (self));
  g_return_if_fail (calendar == NULL || LIAISON_IS_CALENDAR (calendar));

  task = start (self, KIND_BOOK, liaison_booking_book_async, cancellable, callback, user_data);
  op = g_task_get_task_data (task);
  if (!check_ready (self, task))
    return;
  if (calendar == NULL || start_at == NULL)
    {
      refuse (task, LIAISON_BOOKING_ERROR_INVALID,
              "A booking needs a calendar and a free slot: choose both, then book.");
      return;
    }
  if (ghl_contact_id == NULL || *ghl_contact_id == '\0')
    {
      refuse (task, LIAISON_BOOKING_ERROR_CONTACT,
              lsq_lead_id != NULL
                  ? "This contact is only in LeadSquared, and HighLevel books appointments for "
                    "its own contacts only. Link it to its HighLevel contact on the Contacts "
                    "page (or add it to HighLevel with an e-mail address or phone number), "
                    "then book."
                  : "Choose a contact to book.");
      return;
    }

  minutes = liaison_calendar_get_slot_duration (calendar);
  end = g_date_time_add_minutes (start_at, minutes > 0 ? (int) minutes : 30);
  op->calendar = g_object_ref (calendar);
  op->time_zone = g_strdup (time_zone);
  op->lsq_lead_id = g_strdup (lsq_lead_id);
  op->request = liaison_appointment_new ();
  liaison_appointment_set_calendar_id (op->request, liaison_calendar_get_id (calendar));
  liaison_appointment_set_contact_id (op->request, ghl_contact_id);
  liaison_appointment_set_title (
      op->request, title != NULL && *title != '\0' ? title : liaison_calendar_get_name (calendar));
  liaison_appointment_set_description (op->request, notes != NULL && *notes != '\0' ? notes : NULL);
  liaison_appointment_set_status (op->request, status != LIAISON_APPOINTMENT_STATUS_UNKNOWN
                                                   ? status
                                                   : LIAISON_APPOINTMENT_STATUS_CONFIRMED);
  liaison_appointment_set_start_time (op->request, start_at);
  liaison_appointment_set_end_time (op->request, end);
  liaison_appointment_set_time_zone (op->request, time_zone);
  begin (self, task);
}

static Op *
start_change (LiaisonBooking *self, GTask *task, LiaisonAppointment *appointment)
{
  Op *op = g_task_get_task_data (task);

  if (!check_ready (self, task))
    return NULL;
  if (appointment == NULL || liaison_appointment_get_id (appointment) == NULL)
    {
      refuse (task, LIAISON_BOOKING_ERROR_INVALID, "Choose an appointment first.");
      return NULL;
    }
  op->before = copy_appointment (appointment);
  op->request = copy_appointment (appointment);
  op->lsq_task_id
      = liaison_booking_lookup_lsq_task (self, liaison_appointment_get_id (appointment));
  op->lsq_lead_id = lookup_lead (self, liaison_appointment_get_contact_id (appointment));
  return op;
}

void
liaison_booking_reschedule_async (LiaisonBooking *self, LiaisonAppointment *appointment,
                                  LiaisonCalendar *calendar, GDateTime *start_at,
                                  const char *time_zone, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task;
  Op *op;
  GTimeSpan length;
  g_autoptr (GDateTime) end = NULL;

  g_return_if_fail (LIAISON_IS_BOOKING (self));

  task = start (self, KIND_RESCHEDULE, liaison_booking_reschedule_async, cancellable, callback,
                user_data);
  if ((op = start_change (self, task, appointment)) == NULL)
    return;
  if (start_at == NULL || calendar == NULL)
    {
      refuse (task, LIAISON_BOOKING_ERROR_INVALID,
              "Pick the free slot to move the appointment to.");
      return;
    }
  length = liaison_appointment_get_start_time (appointment) != NULL
                   && liaison_appointment_get_end_time (appointment) != NULL
               ? g_date_time_difference (liaison_appointment_get_end_time (appointment),
                                         liaison_appointment_get_start_time (appointment))
               : (GTimeSpan) liaison_calendar_get_slot_duration (calendar) * G_TIME_SPAN_MINUTE;
  end = g_date_time_add (start_at, length > 0 ? length : 30 * G_TIME_SPAN_MINUTE);
  op->calendar = g_object_ref (calendar);
  op->time_zone = g_strdup (time_zone);
  liaison_appointment_set_start_time (op->request, start_at);
  liaison_appointment_set_end_time (op->request, end);
  begin (self, task);
}

void
liaison_booking_cancel_async (LiaisonBooking *self, LiaisonAppointment *appointment,
                              GCancellable *cancellable, GAsyncReadyCallback callback,
                              gpointer user_data)
{
  GTask *task;
  Op *op;

  g_return_if_fail (LIAISON_IS_BOOKING (self));

  task = start (self, KIND_CANCEL, liaison_booking_cancel_async, cancellable, callback, user_data);
  if ((op = start_change (self, task, appointment)) == NULL)
    return;
  liaison_appointment_set_status (op->request, LIAISON_APPOINTMENT_STATUS_CANCELLED);
  begin (self, task);
}

LiaisonBookingResult *
liaison_booking_finish (LiaisonBooking *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
