/* liaison-sync-appointments-apply.c: the writes of the appointment sync. Each operation writes
 * its intents first, then calls the services, then records everything it changed in one store
 * step: the appointments as written, the link with its new base, the intents closed, the
 * history, conflicts. A crash between the intent and the step leaves the intent pending; the
 * next pass closes it and its content lookup (same contact, title and start) links what the
 * write made instead of making it again.
 *
 * HighLevel refuses a booking (or a move) into a slot that is not free; that is a conflict with
 * HighLevel's reason, recorded in the history and the run's failures, and tried again next run.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include <glib/gi18n-lib.h>

#include "liaison-appointment-codec.h"
#include "liaison-sync-activity-apply.h"
#include "liaison-sync-appointments-private.h"

typedef struct
{
  ApptPass *pass;
  ApptOp *op;
  GPtrArray *intents;
  LiaisonStoreIntent *lsq_intent, *ghl_intent;
  char *lsq_id, *ghl_id;
  GError *lsq_error, *ghl_error;
  gboolean lsq_written, ghl_written;
  gboolean ghl_refused;  /* HighLevel refused the slot */
  gboolean lsq_complete; /* MarkComplete still to send */
} OpRun;

static void
op_run_free (OpRun *r)
{
  g_clear_pointer (&r->intents, g_ptr_array_unref);
  g_clear_error (&r->lsq_error);
  g_clear_error (&r->ghl_error);
  g_free (r->lsq_id);
  g_free (r->ghl_id);
  g_free (r);
}

static gboolean
has (JsonObject *o, const char *name)
{
  return o != NULL && json_object_has_member (o, name);
}

static gboolean
to_completed (JsonObject *changes)
{
  return has (changes, "status")
         && g_strcmp0 (json_object_get_string_member (changes, "status"), "completed") == 0;
}

/* LeadSquared calls: Update for the text and times, MarkComplete to complete. */
static guint
lsq_update_calls (JsonObject *to_lsq)
{
  static const char *const updated[] = { "title", "start", "end", "location", "notes" };
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (updated) && n == 0; i++)
    if (has (to_lsq, updated[i]))
      n = 1;
  return n + (to_completed (to_lsq) ? 1 : 0);
}

void
liaison_sync_appts_describe (ApptPass *pass, ApptOp *op)
{
  JsonObject *o = json_object_new ();
  JsonObject *values = op->lsq_values ? op->lsq_values : op->ghl_values;
  const char *action = "update";
  guint lsq = 0, ghl = 0;

  switch (op->kind)
    {
      case APPT_OP_CREATE:
        action = "create";
        if (op->target == LIAISON_SERVICE_GHL)
          {
            ghl = 1;
            if (pass->calendar_id != NULL)
              {
                json_object_set_string_member (o, "calendar", pass->calendar_id);
                json_object_set_string_member (o, "calendarName", pass->calendar_name);
              }
          }
        else
          lsq = to_completed (op->ghl_values) ? 2 : 1;
        json_object_set_string_member (o, "target", liaison_service_to_string (op->target));
        break;
      case APPT_OP_UNLINK:
        action = "unlink";
        json_object_set_string_member (o, "reason", op->reason);
        break;
      case APPT_OP_UPDATE:
        action = op->new_link ? "link" : op->merge.conflicts->len > 0 ? "conflict" : "update";
        ghl = json_object_get_size (op->merge.to_ghl) > 0 ? 1 : 0;
        lsq = lsq_update_calls (op->merge.to_lsq);
        if (json_object_get_size (op->merge.to_lsq) > 0)
          json_object_set_object_member (o, "toLsq", json_object_ref (op->merge.to_lsq));
        if (json_object_get_size (op->merge.to_ghl) > 0)
          json_object_set_object_member (o, "toGhl", json_object_ref (op->merge.to_ghl));
        if (op->merge.conflicts->len > 0)
          {
            JsonArray *fields = json_array_new ();

            for (guint i = 0; i < op->merge.conflicts->len; i++)
              json_array_add_string_element (
                  fields,
                  ((LiaisonStoreConflict *) g_ptr_array_index (op->merge.conflicts, i))->field);
            json_object_set_array_member (o, "conflicts", fields);
          }
        break;
    }
  if (op->refused != NULL)
    {
      /* Asked before and refused: waits for a change on either side. */
      action = "conflict";
      if (op->kind == APPT_OP_CREATE)
        ghl = 0;
      else if (ghl > 0)
        ghl = 0;
      json_object_set_string_member (o, "reason", op->refused);
    }
  json_object_set_string_member (o, "action", action);
  json_object_set_string_member (o, "kind", "appointment");
  json_object_set_string_member (o, "lsqContact", op->lsq_contact);
  json_object_set_string_member (o, "ghlContact", op->ghl_contact);
  if (op->lsq != NULL)
    json_object_set_string_member (o, "lsqAppointment", liaison_appointment_get_id (op->lsq));
  if (op->ghl != NULL)
    json_object_set_string_member (o, "ghlAppointment", liaison_appointment_get_id (op->ghl));
  if (values != NULL && has (values, "title"))
    json_object_set_string_member (o, "title", json_object_get_string_member (values, "title"));
  if (values != NULL && has (values, "start")
      && JSON_NODE_HOLDS_VALUE (json_object_get_member (values, "start")))
    json_object_set_string_member (o, "start", json_object_get_string_member (values, "start"));
  json_object_set_int_member (o, "lsqCalls", lsq);
  json_object_set_int_member (o, "ghlCalls", ghl);
  json_array_add_object_element (pass->counts.plan_ops, o);
  pass->counts.lsq_writes += lsq;
  pass->counts.ghl_writes += ghl;
}

/* ---- building what is written ---- */

static const char *
text_of (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node) ? "" : json_node_get_string (node);
}

static GDateTime *
time_of (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node)
             ? NULL
             : g_date_time_new_from_iso8601 (json_node_get_string (node), NULL);
}

static LiaisonAppointmentStatus
status_of (const char *canonical, LiaisonService side)
{
  if (g_strcmp0 (canonical, "completed") == 0)
    return side == LIAISON_SERVICE_GHL ? LIAISON_APPOINTMENT_STATUS_SHOWED
                                       : LIAISON_APPOINTMENT_STATUS_COMPLETED;
  if (g_strcmp0 (canonical, "cancelled") == 0)
    return LIAISON_APPOINTMENT_STATUS_CANCELLED;
  return LIAISON_APPOINTMENT_STATUS_CONFIRMED;
}

/* An appointment carrying the fields of values (every field present there; the start and end
 * travel together, as HighLevel computes a missing end from the start). */
static LiaisonAppointment *
appointment_for (const char *id, const char *contact, JsonObject *values, JsonObject *full,
                 LiaisonService side)
{
  LiaisonAppointment *a = liaison_appointment_new ();
  JsonNode *node;

  liaison_appointment_set_id (a, id);
  liaison_appointment_set_contact_id (a, contact);
  if ((node = liaison_activity_member (values, "title")) != NULL)
    liaison_appointment_set_title (a, text_of (node));
  if (has (values, "start") || has (values, "end"))
    {
      g_autoptr (GDateTime) start
          = time_of (liaison_activity_member (has (values, "start") ? values : full, "start"));
      g_autoptr (GDateTime) end
          = time_of (liaison_activity_member (has (values, "end") ? values : full, "end"));

      liaison_appointment_set_start_time (a, start);
      liaison_appointment_set_end_time (a, end);
    }
  if ((node = liaison_activity_member (values, "location")) != NULL)
    liaison_appointment_set_address (a, text_of (node));
  if ((node = liaison_activity_member (values, "notes")) != NULL)
    liaison_appointment_set_description (a, text_of (node));
  if ((node = liaison_activity_member (values, "status")) != NULL)
    liaison_appointment_set_status (a, status_of (text_of (node), side));
  return a;
}

static void
cache_appointment (ApptPass *pass, LiaisonStoreStep *step, LiaisonService side, const char *id,
                   const char *contact, JsonObject *values, JsonObject *changes)
{
  g_autoptr (JsonObject) merged = json_object_new ();
  g_autoptr (LiaisonAppointment) a = NULL;
  LiaisonStoreRecord *record;
  JsonObject *sources[] = { values, changes };

  for (guint s = 0; s < G_N_ELEMENTS (sources); s++)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      if (sources[s] == NULL)
        continue;
      json_object_iter_init (&iter, sources[s]);
      while (json_object_iter_next (&iter, &name, &value))
        json_object_set_member (merged, name, json_node_copy (value));
    }
  a = appointment_for (id, contact, merged, merged, side);
  record = liaison_appointment_codec_to_record (a);
  if (record == NULL)
    return;
  record->connection_id = g_strdup (side == LIAISON_SERVICE_LSQ ? pass->run->lsq_connection
                                                                : pass->run->ghl_connection);
  g_ptr_array_add (step->records, record);
}

/* ---- the step that records an operation ---- */

static void
on_step (GObject *source, GAsyncResult *result, gpointer user_data)
{
  OpRun *r = user_data;
  ApptPass *pass = r->pass;
  g_autoptr (GError) error = NULL;

  if (!liaison_store_apply_step_finish (LIAISON_STORE (source), result, &error))
    liaison_sync_fail (pass->run, _ ("Recording an appointment sync step"), error);
  op_run_free (r);
  liaison_sync_engine_crash_point (pass->run->engine, "appointment-step");
  pass->next_op++;
  liaison_sync_appts_apply_next (pass);
}

/* Remembers what HighLevel refused, so that the next runs do not ask the same again. */
static void
remember_refused (OpRun *r)
{
  ApptPass *pass = r->pass;
  gboolean create = r->op->kind == APPT_OP_CREATE;
  const char *id = create ? r->lsq_id : r->ghl_id;
  JsonObject *entry = json_object_new ();
  g_autofree char *values
      = liaison_sync_appts_refused_value (create ? r->op->lsq_values : r->op->merge.to_ghl);
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;

  if (id == NULL)
    return;
  json_object_set_string_member (entry, "values", values);
  json_object_set_string_member (entry, "reason", r->ghl_error->message);
  json_object_set_object_member (pass->refused, id, entry);
  json_node_set_object (node, pass->refused);
  text = json_to_string (node, FALSE);
  liaison_store_set_setting_async (pass->run->store, LIAISON_SETTING_APPOINTMENTS_REFUSED, text,
                                   NULL, NULL, NULL);
}

/* A booking HighLevel refused: a conflict with its reason, in the history and the failures. */
static void
record_refused (OpRun *r, LiaisonStoreStep *step)
{
  LiaisonSyncRun *run = r->pass->run;
  JsonObject *values = r->op->lsq_values;
  g_autofree char *sentence = g_strdup_printf (
      _ ("HighLevel refused the appointment “%s” at %s for contact %s: %s Choose another time "
         "in LeadSquared; a sync asks HighLevel again once the appointment changes."),
      json_object_get_string_member (values, "title"),
      json_object_get_string_member_with_default (values, "start", "?"), r->op->ghl_contact,
      r->ghl_error->message);

  g_ptr_array_add (step->operations,
                   liaison_activity_operation_new (run, LIAISON_SERVICE_GHL, r->lsq_id, r->ghl_id,
                                                   LIAISON_OPERATION_CONFLICT, "start", NULL, NULL,
                                                   r->ghl_error, "slot-unavailable"));
  g_ptr_array_add (run->result->failures, g_steal_pointer (&sentence));
  run->result->n_conflicts++;
  remember_refused (r);
}

/* LeadSquared's API can neither reopen a completed appointment task nor cancel one. */
static GError *
lsq_refusal (const char *field, gboolean refused, const char **cause)
{
  if (!refused || !g_str_equal (field, "status"))
    return NULL;
  *cause = "lsq-cannot-write";
  return g_error_new_literal (
      LIAISON_SYNC_ERROR, LIAISON_SYNC_ERROR_FAILED,
      _ ("The appointment’s status changed in HighLevel, but LeadSquared’s API can "
         "neither reopen a completed appointment task nor cancel one: change it in "
         "LeadSquared by hand, or answer with LeadSquared’s value."));
}

static void
record_op (OpRun *r)
{
  ApptPass *pass = r->pass;
  LiaisonSyncRun *run = pass->run;
  ApptOp *op = r->op;
  LiaisonStoreStep *step = liaison_activity_step_new (
      run, LIAISON_RECORD_APPOINTMENT, r->lsq_intent, r->lsq_written, r->lsq_error,
      _ ("Writing a LeadSquared appointment"), r->ghl_intent, r->ghl_written, r->ghl_error,
      r->ghl_refused ? NULL : _ ("Writing a HighLevel appointment"));

  if (r->ghl_refused)
    record_refused (r, step);
  if (op->kind == APPT_OP_CREATE)
    {
      LiaisonService side = op->target;
      JsonObject *values = side == LIAISON_SERVICE_GHL ? op->lsq_values : op->ghl_values;

      if (liaison_activity_record_create (
              run, step, side, r->lsq_id, r->ghl_id, values,
              side == LIAISON_SERVICE_GHL ? r->ghl_written : r->lsq_written,
              side == LIAISON_SERVICE_GHL ? r->ghl_error : r->lsq_error, op->cause,
              r->ghl_refused))
        {
          cache_appointment (pass, step, LIAISON_SERVICE_LSQ, r->lsq_id, op->lsq_contact, values,
                             NULL);
          cache_appointment (pass, step, LIAISON_SERVICE_GHL, r->ghl_id, op->ghl_contact, values,
                             NULL);
        }
    }
  else if (op->kind == APPT_OP_UNLINK)
    liaison_activity_record_unlink (run, step, LIAISON_RECORD_APPOINTMENT, op->link,
                                    op->lsq != NULL, op->cause);
  else
    {
      liaison_activity_record_update (run, step,
                                      &(LiaisonActivityUpdate){
                                          .merge = &op->merge,
                                          .base = op->base,
                                          .lsq_values = op->lsq_values,
                                          .ghl_values = op->ghl_values,
                                          .link_id = op->link ? op->link->id : 0,
                                          .new_link = op->new_link,
                                          .cause = op->cause,
                                          .lsq_id = r->lsq_id,
                                          .ghl_id = r->ghl_id,
                                          .lsq_written = r->lsq_written,
                                          .ghl_written = r->ghl_written,
                                          .lsq_error = r->lsq_error,
                                          .ghl_error = r->ghl_error,
                                          .ghl_rows_elsewhere = r->ghl_refused,
                                          .refusal = lsq_refusal,
                                      });
      cache_appointment (pass, step, LIAISON_SERVICE_LSQ, r->lsq_id, op->lsq_contact,
                         op->lsq_values, r->lsq_written ? op->merge.to_lsq : NULL);
      cache_appointment (pass, step, LIAISON_SERVICE_GHL, r->ghl_id, op->ghl_contact,
                         op->ghl_values, r->ghl_written ? op->merge.to_ghl : NULL);
    }
  liaison_store_apply_step_async (run->store, step, NULL, on_step, r);
}

/* ---- the writes ---- */

static void
on_lsq_completed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  OpRun *r = user_data;

  r->lsq_written
      = liaison_lsq_client_done_finish (LIAISON_LSQ_CLIENT (source), result, &r->lsq_error);
  record_op (r);
}

static void
complete_lsq (OpRun *r)
{
  r->lsq_complete = FALSE;
  r->pass->run->result->lsq_calls++;
  liaison_lsq_client_complete_task_async (
      r->pass->run->lsq, r->lsq_id, g_task_get_cancellable (r->pass->task), on_lsq_completed, r);
}

static void
on_lsq_written (GObject *source, GAsyncResult *result, gpointer user_data)
{
  OpRun *r = user_data;

  if (r->op->kind == APPT_OP_CREATE)
    {
      char *id = liaison_lsq_client_id_finish (LIAISON_LSQ_CLIENT (source), result, &r->lsq_error);

      if (id == NULL)
        g_prefix_error (&r->lsq_error,
                        _ ("(new appointments get the appointment type “%s”; choose another "
                           "with the setting %s) "),
                        r->pass->lsq_type, LIAISON_SETTING_APPOINTMENTS_LSQ_TYPE);
      r->lsq_id = id;
      r->lsq_written = id != NULL;
    }
  else
    r->lsq_written
        = liaison_lsq_client_done_finish (LIAISON_LSQ_CLIENT (source), result, &r->lsq_error);
  if (r->lsq_written && r->lsq_complete)
    {
      complete_lsq (r);
      return;
    }
  record_op (r);
}

static void
write_lsq (OpRun *r)
{
  ApptOp *op = r->op;
  LiaisonSyncRun *run = r->pass->run;
  GCancellable *cancellable = g_task_get_cancellable (r->pass->task);
  g_autoptr (LiaisonAppointment) a = NULL;

  if (r->lsq_intent == NULL)
    {
      record_op (r);
      return;
    }
  if (op->kind == APPT_OP_CREATE)
    {
      a = appointment_for (NULL, op->lsq_contact, op->ghl_values, op->ghl_values,
                           LIAISON_SERVICE_LSQ);
      r->lsq_complete = to_completed (op->ghl_values);
      liaison_appointment_set_status (a, LIAISON_APPOINTMENT_STATUS_UNKNOWN);
      run->result->lsq_calls++;
      liaison_lsq_client_create_appointment_async (run->lsq, a, r->pass->lsq_type, cancellable,
                                                   on_lsq_written, r);
      return;
    }
  r->lsq_complete = to_completed (op->merge.to_lsq);
  if (lsq_update_calls (op->merge.to_lsq) == (r->lsq_complete ? 1 : 0))
    {
      /* Only the status changed. */
      complete_lsq (r);
      return;
    }
  {
    g_autoptr (JsonObject) all = json_object_new ();
    JsonObjectIter iter;
    const char *name;
    JsonNode *value;
    JsonObject *sources[] = { op->lsq_values, op->merge.to_lsq };

    /* Update takes the whole appointment; its type and owner stay as they are. */
    for (guint s = 0; s < G_N_ELEMENTS (sources); s++)
      {
        json_object_iter_init (&iter, sources[s]);
        while (json_object_iter_next (&iter, &name, &value))
          if (!g_str_equal (name, "status"))
            json_object_set_member (all, name, json_node_copy (value));
      }
    a = appointment_for (r->lsq_id, op->lsq_contact, all, all, LIAISON_SERVICE_LSQ);
  }
  liaison_appointment_set_calendar_id (a, liaison_appointment_get_calendar_id (op->lsq));
  liaison_appointment_set_assigned_user_id (a, liaison_appointment_get_assigned_user_id (op->lsq));
  run->result->lsq_calls++;
  liaison_lsq_client_update_appointment_async (run->lsq, a, cancellable, on_lsq_written, r);
}

static void
on_ghl_written (GObject *source, GAsyncResult *result, gpointer user_data)
{
  OpRun *r = user_data;
  g_autoptr (LiaisonAppointment) a
      = liaison_ghl_client_appointment_finish (LIAISON_GHL_CLIENT (source), result, &r->ghl_error);

  if (a != NULL)
    {
      r->ghl_written = TRUE;
      if (r->ghl_id == NULL)
        r->ghl_id = g_strdup (liaison_appointment_get_id (a));
    }
  else if (g_error_matches (r->ghl_error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_VALIDATION)
           && (has (r->op->merge.to_ghl, "start") || has (r->op->merge.to_ghl, "end")
               || r->op->kind == APPT_OP_CREATE))
    r->ghl_refused = TRUE;
  liaison_sync_engine_crash_point (r->pass->run->engine, "appointment-ghl-written");
  write_lsq (r);
}

static void
write_ghl (OpRun *r)
{
  ApptOp *op = r->op;
  LiaisonSyncRun *run = r->pass->run;
  GCancellable *cancellable = g_task_get_cancellable (r->pass->task);
  g_autoptr (LiaisonAppointment) a = NULL;

  if (r->ghl_intent == NULL)
    {
      write_lsq (r);
      return;
    }
  if (op->kind == APPT_OP_CREATE && r->pass->calendar_missing != NULL)
    {
      r->ghl_error = g_error_new (
          LIAISON_SYNC_ERROR, LIAISON_SYNC_ERROR_FAILED,
          _ ("The calendar %s chosen with “liaison-cli mapping calendar” is not one of the "
             "HighLevel location’s calendars: choose another, or go back to the first with "
             "“liaison-cli mapping calendar --clear”."),
          r->pass->calendar_missing);
      write_lsq (r);
      return;
    }
  if (op->kind == APPT_OP_CREATE && r->pass->calendar_id == NULL)
    {
      r->ghl_error = g_error_new_literal (
          LIAISON_SYNC_ERROR, LIAISON_SYNC_ERROR_FAILED,
          _ ("The HighLevel location has no calendar to book the appointment in: make one in "
             "HighLevel, or choose one with “liaison-cli mapping calendar ID”."));
      write_lsq (r);
      return;
    }
  run->result->ghl_calls++;
  if (op->kind == APPT_OP_CREATE)
    {
      a = appointment_for (NULL, op->ghl_contact, op->lsq_values, op->lsq_values,
                           LIAISON_SERVICE_GHL);
      liaison_appointment_set_calendar_id (a, r->pass->calendar_id);
      liaison_ghl_client_create_appointment_async (run->ghl, a, cancellable, on_ghl_written, r);
      return;
    }
  /* Only what changes: a moved start is checked against the free slots, an unmoved one not. */
  a = appointment_for (r->ghl_id, op->ghl_contact, op->merge.to_ghl, op->ghl_values,
                       LIAISON_SERVICE_GHL);
  if (has (op->merge.to_ghl, "status") && op->ghl != NULL
      && g_str_equal (json_object_get_string_member (op->merge.to_ghl, "status"), "completed")
      && liaison_appointment_get_status (op->ghl) == LIAISON_APPOINTMENT_STATUS_NO_SHOW)
    liaison_appointment_set_status (a, LIAISON_APPOINTMENT_STATUS_NO_SHOW);
  liaison_ghl_client_update_appointment_async (run->ghl, a, cancellable, on_ghl_written, r);
}

static void
on_intents (GObject *source, GAsyncResult *result, gpointer user_data)
{
  OpRun *r = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids
      = liaison_store_add_intents_finish (LIAISON_STORE (source), result, &error);

  if (ids == NULL)
    {
      ApptPass *pass = r->pass;

      liaison_sync_fail (pass->run, _ ("Recording an appointment write before making it"), error);
      op_run_free (r);
      pass->next_op++;
      liaison_sync_appts_apply_next (pass);
      return;
    }
  liaison_sync_engine_crash_point (r->pass->run->engine, "appointment-intents");
  write_ghl (r);
}

void
liaison_sync_appts_apply_next (ApptPass *pass)
{
  ApptOp *op;
  OpRun *r;

  if (pass->next_op >= pass->ops->len
      || g_cancellable_is_cancelled (g_task_get_cancellable (pass->task)))
    {
      liaison_sync_appts_next_pair (pass);
      return;
    }
  op = g_ptr_array_index (pass->ops, pass->next_op);
  r = g_new0 (OpRun, 1);
  r->pass = pass;
  r->op = op;
  r->intents = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_intent_free);
  if (op->lsq != NULL)
    r->lsq_id = g_strdup (liaison_appointment_get_id (op->lsq));
  if (op->ghl != NULL)
    r->ghl_id = g_strdup (liaison_appointment_get_id (op->ghl));
  if (op->refused != NULL && op->kind == APPT_OP_CREATE)
    {
      /* Nothing to ask again; the plan shows it. */
      op_run_free (r);
      pass->next_op++;
      liaison_sync_appts_apply_next (pass);
      return;
    }
  if (op->refused != NULL)
    {
      /* The move HighLevel refused is not asked again: only LeadSquared's side is written. */
      json_object_remove_member (op->merge.to_ghl, "start");
      json_object_remove_member (op->merge.to_ghl, "end");
    }
  if (op->kind == APPT_OP_UNLINK
      || !liaison_activity_plan_intents (pass->run,
                                         &(LiaisonActivityWrites){
                                             .kind = LIAISON_RECORD_APPOINTMENT,
                                             .create = op->kind == APPT_OP_CREATE,
                                             .target = op->target,
                                             .lsq_contact = op->lsq_contact,
                                             .ghl_contact = op->ghl_contact,
                                             .link_id = op->link ? op->link->id : 0,
                                             .lsq_id = r->lsq_id,
                                             .ghl_id = r->ghl_id,
                                             .lsq_values = op->lsq_values,
                                             .ghl_values = op->ghl_values,
                                             .to_lsq = op->merge.to_lsq,
                                             .to_ghl = op->merge.to_ghl,
                                         },
                                         r->intents, &r->lsq_intent, &r->ghl_intent))
    {
      record_op (r);
      return;
    }
  liaison_store_add_intents_async (pass->run->store, r->intents, NULL, on_intents, r);
}

/* ---- store steps between the pairs ---- */

static void
on_flushed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ApptPass *pass = user_data;
  g_autoptr (GError) error = NULL;

  if (!liaison_store_apply_step_finish (LIAISON_STORE (source), result, &error))
    liaison_sync_fail (pass->run, _ ("Recording the appointments read"), error);
  pass->then (pass);
}

void
liaison_sync_appts_flush (ApptPass *pass, LiaisonStoreStep *step, ApptPassFunc then)
{
  pass->then = then;
  if (liaison_store_step_is_empty (step))
    {
      liaison_store_step_free (step);
      then (pass);
      return;
    }
  liaison_store_apply_step_async (pass->run->store, step, NULL, on_flushed, pass);
}
