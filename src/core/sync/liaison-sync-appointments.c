/* liaison-sync-appointments.c: see liaison-sync-appointments.h. The reads and the plan of each
 * pair of contacts; liaison-sync-appointments-apply.c writes what the plan asks for.
 *
 * HighLevel lists a calendar's events in a time window with their exact times and notes, so the
 * pass reads the window of every calendar of the location once (one request each, plus the
 * calendar list), and LeadSquared's appointment tasks per lead (RetrieveTaskByLeadId, then each
 * appointment in full: the list has no end, place or category). The pairs read are those the
 * tasks' and notes' passes would read (changed, first reads, the sweep) and those with a
 * HighLevel appointment that is new or changed since its link's base.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include <glib/gi18n-lib.h>

#include "liaison-appointment-codec.h"
#include "liaison-calendar.h"
#include "liaison-debug.h"
#include "liaison-store-activity.h"
#include "liaison-sync-appointments-private.h"
#include "liaison-task.h"

static const char *const appt_fields[] = { "title", "start", "end", "status", "location", "notes" };

static void
set_text (JsonObject *values, const char *name, const char *raw)
{
  g_autofree char *text = g_strstrip (g_strdup (raw != NULL ? raw : ""));

  if (*text != '\0')
    json_object_set_string_member (values, name, text);
  else
    json_object_set_null_member (values, name);
}

static void
set_time (JsonObject *values, const char *name, GDateTime *time)
{
  if (time != NULL)
    {
      g_autoptr (GDateTime) utc = g_date_time_to_utc (time);
      g_autofree char *text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");

      json_object_set_string_member (values, name, text);
    }
  else
    json_object_set_null_member (values, name);
}

static const char *
canonical_status (LiaisonAppointmentStatus status)
{
  switch (status)
    {
      case LIAISON_APPOINTMENT_STATUS_SHOWED:
      case LIAISON_APPOINTMENT_STATUS_NO_SHOW:
      case LIAISON_APPOINTMENT_STATUS_COMPLETED:
        return "completed";
      case LIAISON_APPOINTMENT_STATUS_CANCELLED:
      case LIAISON_APPOINTMENT_STATUS_INVALID:
        return "cancelled";
      default:
        return "open";
    }
}

JsonObject *
liaison_sync_appointment_values (LiaisonAppointment *appointment, LiaisonService side)
{
  JsonObject *values = json_object_new ();
  const char *title = liaison_appointment_get_title (appointment);
  g_autofree char *stripped = g_strstrip (g_strdup (title != NULL ? title : ""));

  json_object_set_string_member (values, "title", stripped);
  set_time (values, "start", liaison_appointment_get_start_time (appointment));
  set_time (values, "end", liaison_appointment_get_end_time (appointment));
  json_object_set_string_member (values, "status",
                                 canonical_status (liaison_appointment_get_status (appointment)));
  set_text (values, "location", liaison_appointment_get_address (appointment));
  set_text (values, "notes", liaison_appointment_get_description (appointment));
  return values;
}

void
liaison_sync_appt_op_free (ApptOp *op)
{
  g_clear_pointer (&op->link, liaison_store_sync_link_free);
  g_clear_object (&op->lsq);
  g_clear_object (&op->ghl);
  g_clear_pointer (&op->lsq_values, json_object_unref);
  g_clear_pointer (&op->ghl_values, json_object_unref);
  g_clear_pointer (&op->base, json_object_unref);
  liaison_activity_merge_clear (&op->merge);
  g_free (op->lsq_contact);
  g_free (op->ghl_contact);
  g_free (op->reason);
  g_free (op->cause);
  g_free (op->refused);
  g_free (op);
}

char *
liaison_sync_appts_refused_value (JsonObject *values)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, values);
  return json_to_string (node, FALSE);
}

/* Whether HighLevel refused these very values for id before: then its reason. */
static char *
refused_before (ApptPass *pass, const char *id, JsonObject *values)
{
  JsonObject *entry = id && json_object_has_member (pass->refused, id)
                          ? json_object_get_object_member (pass->refused, id)
                          : NULL;
  g_autofree char *text = liaison_sync_appts_refused_value (values);

  if (entry == NULL
      || g_strcmp0 (json_object_get_string_member_with_default (entry, "values", NULL), text) != 0)
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (entry, "reason", ""));
}

static void
pass_free (ApptPass *pass)
{
  g_clear_pointer (&pass->pairs, g_ptr_array_unref);
  g_clear_pointer (&pass->calendars, g_ptr_array_unref);
  g_clear_pointer (&pass->ghl_by_contact, g_hash_table_unref);
  g_clear_pointer (&pass->retry, g_array_unref);
  g_clear_pointer (&pass->links_by_lsq, g_hash_table_unref);
  g_clear_pointer (&pass->links_by_ghl, g_hash_table_unref);
  g_clear_pointer (&pass->not_copied, g_hash_table_unref);
  g_clear_pointer (&pass->conflicts, g_hash_table_unref);
  g_clear_pointer (&pass->known_todos, g_hash_table_unref);
  g_clear_pointer (&pass->pending, g_ptr_array_unref);
  g_clear_pointer (&pass->records, g_ptr_array_unref);
  g_clear_pointer (&pass->summaries, g_ptr_array_unref);
  g_clear_pointer (&pass->lsq_appts, g_ptr_array_unref);
  g_clear_pointer (&pass->ops, g_ptr_array_unref);
  g_clear_pointer (&pass->counts.plan_ops, json_array_unref);
  g_clear_pointer (&pass->refused, json_object_unref);
  g_free (pass->lsq_type);
  g_free (pass->calendar_id);
  g_free (pass->calendar_name);
  g_free (pass->calendar_missing);
  g_free (pass);
}

LiaisonStoreContactPair *
liaison_sync_appts_current_pair (ApptPass *pass)
{
  return g_ptr_array_index (pass->pairs, pass->next_pair);
}

static gboolean
in_window (ApptPass *pass, LiaisonAppointment *appointment)
{
  GDateTime *start = liaison_appointment_get_start_time (appointment);
  GDateTime *end = liaison_appointment_get_end_time (appointment);
  gint64 start_ms = start ? g_date_time_to_unix (start) * 1000 : 0;
  gint64 end_ms = end ? g_date_time_to_unix (end) * 1000 : start_ms;

  return start != NULL && end_ms > pass->window_from && start_ms < pass->window_to;
}

static gboolean
is_over (ApptPass *pass, JsonObject *values)
{
  const char *end = json_object_get_string_member_with_default (values, "end", NULL);
  const char *start = json_object_get_string_member_with_default (values, "start", NULL);
  g_autoptr (GDateTime) t = g_date_time_new_from_iso8601 (end ? end : start ? start : "", NULL);

  return t == NULL || g_date_time_to_unix (t) * 1000 <= pass->now_ms;
}

/* ---- the end ---- */

static void
pass_done (gpointer data)
{
  ApptPass *pass = data;
  GTask *task = pass->task;
  JsonObject *part;

  pass->counts.n_pairs = pass->pairs->len;
  part = liaison_activity_set_part (pass->run, "appointments", &pass->pick, &pass->counts);
  json_object_set_int_member (part, "ghlChangedPairs", pass->n_ghl_changed);
  if (pass->calendar_id != NULL)
    {
      JsonObject *calendar = json_object_new ();

      json_object_set_string_member (calendar, "id", pass->calendar_id);
      json_object_set_string_member (calendar, "name", pass->calendar_name);
      json_object_set_object_member (part, "calendar", calendar);
    }
  LIAISON_TRACE (LIAISON_DEBUG_SYNC, "appointments: %u pairs (%u by HighLevel), %u+%u reads",
                 pass->pairs->len, pass->n_ghl_changed, pass->counts.lsq_reads,
                 pass->counts.ghl_reads);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void read_pair (ApptPass *pass);

void
liaison_sync_appts_next_pair (ApptPass *pass)
{
  liaison_sync_activity_pair_done (pass->run, pass->retry, &pass->failures_seen,
                                   liaison_sync_appts_current_pair (pass));
  pass->next_pair++;
  g_clear_pointer (&pass->summaries, g_ptr_array_unref);
  g_clear_pointer (&pass->lsq_appts, g_ptr_array_unref);
  g_clear_pointer (&pass->ops, g_ptr_array_unref);
  read_pair (pass);
}

/* ---- the plan of a pair ---- */

static ApptOp *
op_new (ApptOpKind kind, LiaisonStoreContactPair *pair)
{
  ApptOp *op = g_new0 (ApptOp, 1);

  op->kind = kind;
  op->lsq_contact = g_strdup (pair->lsq_id);
  op->ghl_contact = g_strdup (pair->ghl_id);
  return op;
}

/* LeadSquared cannot reopen a completed task, nor cancel one. */
static gboolean
lsq_refuses (const char *field, JsonNode *lsq, JsonNode *value)
{
  const char *to = JSON_NODE_HOLDS_VALUE (value) ? json_node_get_string (value) : NULL;
  const char *from = JSON_NODE_HOLDS_VALUE (lsq) ? json_node_get_string (lsq) : NULL;

  if (!g_str_equal (field, "status") || g_strcmp0 (to, from) == 0)
    return FALSE;
  return g_strcmp0 (to, "cancelled") == 0 || g_strcmp0 (from, "completed") == 0;
}

static gboolean
same_content (JsonObject *a, JsonObject *b)
{
  return liaison_activity_same_value (liaison_activity_member (a, "title"),
                                      liaison_activity_member (b, "title"))
         && liaison_activity_same_value (liaison_activity_member (a, "start"),
                                         liaison_activity_member (b, "start"));
}

static void
plan_pair (ApptPass *pass)
{
  LiaisonStoreContactPair *pair = liaison_sync_appts_current_pair (pass);
  GPtrArray *ghl_appts = g_hash_table_lookup (pass->ghl_by_contact, pair->ghl_id);
  g_autoptr (GHashTable) ghl_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);

  pass->ops = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_sync_appt_op_free);
  for (guint i = 0; ghl_appts != NULL && i < ghl_appts->len; i++)
    {
      LiaisonAppointment *a = g_ptr_array_index (ghl_appts, i);

      g_hash_table_insert (ghl_by_id, (gpointer) liaison_appointment_get_id (a), a);
    }
  for (guint i = 0; i < pass->lsq_appts->len; i++)
    {
      LiaisonAppointment *lsq = g_ptr_array_index (pass->lsq_appts, i);
      LiaisonStoreSyncLink *link
          = g_hash_table_lookup (pass->links_by_lsq, liaison_appointment_get_id (lsq));
      g_autoptr (JsonObject) lsq_values
          = liaison_sync_appointment_values (lsq, LIAISON_SERVICE_LSQ);
      LiaisonAppointment *ghl = NULL;
      ApptOp *op;

      if (link != NULL)
        {
          ghl = g_hash_table_lookup (ghl_by_id, link->ghl_id);
          g_hash_table_add (taken, link->ghl_id);
          if (ghl == NULL)
            {
              /* Not in the window read: gone only when HighLevel would have listed it. */
              if (!in_window (pass, lsq))
                continue;
              op = op_new (APPT_OP_UNLINK, pair);
              op->link = liaison_store_sync_link_copy (link);
              op->lsq = g_object_ref (lsq);
              op->reason = g_strdup (
                  _ ("The HighLevel appointment is gone; the LeadSquared appointment stays"));
              op->cause = g_strdup ("ghl-gone");
              g_ptr_array_add (pass->ops, op);
              continue;
            }
        }
      else
        {
          if (!in_window (pass, lsq)
              || liaison_sync_activity_not_copied (pass->not_copied, pass->run->lsq_connection,
                                                   liaison_appointment_get_id (lsq)))
            continue; /* out of the window read, or an undo took its copy back */
          /* Content lookup: an unlinked HighLevel appointment of the same contact with the same
           * title and start is this one's counterpart, made by a person or by a write whose
           * answer was lost. */
          for (guint j = 0; ghl_appts != NULL && j < ghl_appts->len && ghl == NULL; j++)
            {
              LiaisonAppointment *candidate = g_ptr_array_index (ghl_appts, j);
              const char *id = liaison_appointment_get_id (candidate);
              g_autoptr (JsonObject) values = NULL;

              if (g_hash_table_contains (pass->links_by_ghl, id)
                  || g_hash_table_contains (taken, id)
                  || liaison_sync_activity_not_copied (pass->not_copied, pass->run->ghl_connection,
                                                       id))
                continue;
              values = liaison_sync_appointment_values (candidate, LIAISON_SERVICE_GHL);
              if (same_content (lsq_values, values))
                ghl = candidate;
            }
          if (ghl == NULL)
            {
              if (is_over (pass, lsq_values)
                  || g_str_equal (json_object_get_string_member (lsq_values, "status"),
                                  "cancelled"))
                continue; /* nothing to book */
              op = op_new (APPT_OP_CREATE, pair);
              op->target = LIAISON_SERVICE_GHL;
              op->lsq = g_object_ref (lsq);
              op->lsq_values = json_object_ref (lsq_values);
              op->cause = g_strdup ("lsq-new");
              op->refused = refused_before (pass, liaison_appointment_get_id (lsq), lsq_values);
              g_ptr_array_add (pass->ops, op);
              continue;
            }
          g_hash_table_add (taken, (gpointer) liaison_appointment_get_id (ghl));
        }

      op = op_new (APPT_OP_UPDATE, pair);
      op->lsq = g_object_ref (lsq);
      op->ghl = g_object_ref (ghl);
      op->lsq_values = json_object_ref (lsq_values);
      op->ghl_values = liaison_sync_appointment_values (ghl, LIAISON_SERVICE_GHL);
      if (link != NULL)
        {
          g_autoptr (JsonNode) base
              = link->base_snapshot ? json_from_string (link->base_snapshot, NULL) : NULL;

          op->link = liaison_store_sync_link_copy (link);
          if (base != NULL && JSON_NODE_HOLDS_OBJECT (base))
            op->base = json_object_ref (json_node_get_object (base));
        }
      else
        {
          op->new_link = TRUE;
          op->cause = g_strdup ("matched-content");
        }
      liaison_activity_merge_fields (
          &op->merge, appt_fields, G_N_ELEMENTS (appt_fields),
          op->link ? g_hash_table_lookup (pass->conflicts, &op->link->id) : NULL, op->lsq_values,
          op->ghl_values, op->base, liaison_appointment_get_id (lsq),
          liaison_appointment_get_id (ghl), lsq_refuses);
      if (json_object_has_member (op->merge.to_ghl, "start")
          || json_object_has_member (op->merge.to_ghl, "end"))
        op->refused = refused_before (pass, liaison_appointment_get_id (ghl), op->merge.to_ghl);
      if (!op->new_link && liaison_activity_merge_is_empty (&op->merge))
        {
          liaison_sync_appt_op_free (op);
          continue;
        }
      g_ptr_array_add (pass->ops, op);
    }
  for (guint i = 0; ghl_appts != NULL && i < ghl_appts->len; i++)
    {
      LiaisonAppointment *ghl = g_ptr_array_index (ghl_appts, i);
      const char *id = liaison_appointment_get_id (ghl);
      LiaisonStoreSyncLink *link;
      ApptOp *op;

      if (g_hash_table_contains (taken, id))
        continue;
      link = g_hash_table_lookup (pass->links_by_ghl, id);
      if (link != NULL)
        {
          op = op_new (APPT_OP_UNLINK, pair);
          op->link = liaison_store_sync_link_copy (link);
          op->ghl = g_object_ref (ghl);
          op->reason = g_strdup (
              _ ("The LeadSquared appointment is gone; the HighLevel appointment stays"));
          op->cause = g_strdup ("lsq-gone");
        }
      else if (liaison_sync_activity_not_copied (pass->not_copied, pass->run->ghl_connection, id))
        continue; /* an undo took its copy back */
      else
        {
          op = op_new (APPT_OP_CREATE, pair);
          op->target = LIAISON_SERVICE_LSQ;
          op->ghl = g_object_ref (ghl);
          op->ghl_values = liaison_sync_appointment_values (ghl, LIAISON_SERVICE_GHL);
          op->cause = g_strdup ("ghl-new");
          if (is_over (pass, op->ghl_values)
              || g_str_equal (json_object_get_string_member (op->ghl_values, "status"),
                              "cancelled"))
            {
              liaison_sync_appt_op_free (op);
              continue;
            }
        }
      g_ptr_array_add (pass->ops, op);
    }
  for (guint i = 0; i < pass->ops->len; i++)
    liaison_sync_appts_describe (pass, g_ptr_array_index (pass->ops, i));
  if (pass->run->options.dry_run || pass->ops->len == 0)
    {
      liaison_sync_appts_next_pair (pass);
      return;
    }
  pass->next_op = 0;
  liaison_sync_appts_apply_next (pass);
}

/* ---- reading a pair (LeadSquared) ---- */

static void
pair_failed (ApptPass *pass, GError *error)
{
  LiaisonStoreContactPair *pair = liaison_sync_appts_current_pair (pass);
  g_autofree char *what = g_strdup_printf (_ ("Reading the appointments of lead %s and contact %s"),
                                           pair->lsq_id, pair->ghl_id);

  liaison_sync_fail (pass->run, what, error);
  g_error_free (error);
  liaison_sync_appts_next_pair (pass);
}

static void fetch_next_detail (ApptPass *pass);

static void
on_detail (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ApptPass *pass = user_data;
  LiaisonStoreContactPair *pair = liaison_sync_appts_current_pair (pass);
  GError *error = NULL;
  g_autoptr (GObject) item
      = liaison_lsq_client_get_task_finish (LIAISON_LSQ_CLIENT (source), result, &error);

  if (item == NULL && !g_error_matches (error, LIAISON_HTTP_ERROR, LIAISON_HTTP_ERROR_NOT_FOUND))
    {
      pair_failed (pass, error);
      return;
    }
  g_clear_error (&error);
  if (LIAISON_IS_APPOINTMENT (item))
    {
      LiaisonAppointment *appointment = LIAISON_APPOINTMENT (item);
      LiaisonStoreRecord *record;

      if (liaison_appointment_get_contact_id (appointment) == NULL)
        liaison_appointment_set_contact_id (appointment, pair->lsq_id);
      record = liaison_appointment_codec_to_record (appointment);
      if (record != NULL)
        {
          record->connection_id = g_strdup (pass->run->lsq_connection);
          g_ptr_array_add (pass->records, record);
        }
      g_ptr_array_add (pass->lsq_appts, g_object_ref (appointment));
    }
  pass->next_detail++;
  fetch_next_detail (pass);
}

/* Each appointment task in full: RetrieveTaskByLeadId has no end, place or category. A task
 * cached as a to-do is none. */
static void
fetch_next_detail (ApptPass *pass)
{
  while (pass->next_detail < pass->summaries->len)
    {
      LiaisonTask *summary = g_ptr_array_index (pass->summaries, pass->next_detail);
      const char *id = liaison_task_get_id (summary);

      if (g_hash_table_contains (pass->known_todos, id))
        {
          pass->next_detail++;
          continue;
        }
      pass->counts.lsq_reads++;
      liaison_lsq_client_get_task_async (pass->run->lsq, id, g_task_get_cancellable (pass->task),
                                         on_detail, pass);
      return;
    }
  plan_pair (pass);
}

static void
on_lsq_tasks (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ApptPass *pass = user_data;
  GError *error = NULL;

  pass->summaries = liaison_lsq_client_list_finish (LIAISON_LSQ_CLIENT (source), result, &error);
  if (pass->summaries == NULL)
    {
      pair_failed (pass, error);
      return;
    }
  pass->lsq_appts = g_ptr_array_new_with_free_func (g_object_unref);
  pass->next_detail = 0;
  fetch_next_detail (pass);
}

static void
marks_saved (gpointer data)
{
  pass_done (data);
}

static void
save_marks (ApptPass *pass)
{
  liaison_sync_activity_save_marks (pass->run, &pass->pick, pass->pairs, pass->next_pair,
                                    pass->started_at, pass->retry, marks_saved, pass);
}

static void
read_pair (ApptPass *pass)
{
  if (pass->next_pair >= pass->pairs->len
      || g_cancellable_is_cancelled (g_task_get_cancellable (pass->task)))
    {
      LiaisonStoreStep *step = liaison_store_step_new (
          pass->run->lsq_connection, pass->run->ghl_connection, pass->run->result->run_id);

      step->kind = LIAISON_RECORD_APPOINTMENT;
      if (!pass->run->options.dry_run)
        g_ptr_array_extend_and_steal (step->records, g_steal_pointer (&pass->records));
      liaison_sync_appts_flush (pass, step, save_marks);
      return;
    }
  pass->counts.lsq_reads++;
  liaison_lsq_client_list_lead_tasks_async (
      pass->run->lsq, liaison_sync_appts_current_pair (pass)->lsq_id, FALSE,
      g_task_get_cancellable (pass->task), on_lsq_tasks, pass);
}

/* ---- which pairs ---- */

/* Adds to the pairs those whose HighLevel contact has an appointment in the window that no link
 * knows or that changed since its link's base. */
static gboolean
add_ghl_changed_pairs (ApptPass *pass, GError **error)
{
  LiaisonSyncRun *run = pass->run;
  g_autoptr (GHashTable) chosen = g_hash_table_new (NULL, NULL);
  g_autoptr (GPtrArray) all = NULL;

  for (guint i = 0; i < pass->pairs->len; i++)
    g_hash_table_add (
        chosen,
        GINT_TO_POINTER ((int) ((LiaisonStoreContactPair *) pass->pairs->pdata[i])->link_id));
  all = liaison_store_list_sweep_pairs (run->store, run->lsq_connection, run->ghl_connection, 0,
                                        G_MAXUINT, error);
  if (all == NULL)
    return FALSE;
  for (guint i = 0; i < all->len; i++)
    {
      LiaisonStoreContactPair *pair = g_ptr_array_index (all, i);
      GPtrArray *appts = g_hash_table_lookup (pass->ghl_by_contact, pair->ghl_id);
      gboolean due = FALSE;

      if (appts == NULL || g_hash_table_contains (chosen, GINT_TO_POINTER ((int) pair->link_id)))
        continue;
      for (guint j = 0; j < appts->len && !due; j++)
        {
          LiaisonAppointment *a = g_ptr_array_index (appts, j);
          LiaisonStoreSyncLink *link
              = g_hash_table_lookup (pass->links_by_ghl, liaison_appointment_get_id (a));
          g_autoptr (JsonObject) values = liaison_sync_appointment_values (a, LIAISON_SERVICE_GHL);
          g_autoptr (JsonNode) base = NULL;

          if (link == NULL)
            {
              /* Only what a pass would book in LeadSquared. */
              due = !is_over (pass, values)
                    && !g_str_equal (json_object_get_string_member (values, "status"), "cancelled");
              continue;
            }
          base = link->base_snapshot ? json_from_string (link->base_snapshot, NULL) : NULL;
          for (guint k = 0; k < G_N_ELEMENTS (appt_fields) && !due; k++)
            due = base == NULL || !JSON_NODE_HOLDS_OBJECT (base)
                  || !liaison_activity_same_value (
                      liaison_activity_member (json_node_get_object (base), appt_fields[k]),
                      liaison_activity_member (values, appt_fields[k]));
        }
      if (due)
        {
          g_ptr_array_add (pass->pairs, g_steal_pointer (&all->pdata[i]));
          pass->n_ghl_changed++;
        }
    }
  return TRUE;
}

static void
start_pairs (ApptPass *pass)
{
  GError *error = NULL;

  if (!add_ghl_changed_pairs (pass, &error))
    {
      g_prefix_error (&error, _ ("Could not plan the appointments: "));
      g_task_return_error (pass->task, error);
      g_clear_object (&pass->task);
      return;
    }
  read_pair (pass);
}

/* ---- HighLevel: the calendars and their windows ---- */

static void read_next_calendar (ApptPass *pass);

/* Without HighLevel's side no pair is planned; the marks stay, so the next pass reads the same
 * pairs again. */
static void
ghl_failed (ApptPass *pass, GError *error)
{
  liaison_sync_fail (pass->run, _ ("Reading the appointments of the HighLevel calendars"), error);
  g_error_free (error);
  g_ptr_array_set_size (pass->pairs, 0);
  pass_done (pass);
}

static void
on_events (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ApptPass *pass = user_data;
  GError *error = NULL;
  g_autoptr (GPtrArray) events
      = liaison_ghl_client_list_finish (LIAISON_GHL_CLIENT (source), result, &error);

  if (events == NULL)
    {
      ghl_failed (pass, error);
      return;
    }
  for (guint i = 0; i < events->len; i++)
    {
      LiaisonAppointment *a = g_ptr_array_index (events, i);
      const char *contact = liaison_appointment_get_contact_id (a);
      GPtrArray *list;

      if (contact == NULL || liaison_appointment_get_id (a) == NULL)
        continue;
      list = g_hash_table_lookup (pass->ghl_by_contact, contact);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (pass->ghl_by_contact, g_strdup (contact), list);
        }
      g_ptr_array_add (list, g_object_ref (a));
    }
  pass->next_calendar++;
  read_next_calendar (pass);
}

static void
read_next_calendar (ApptPass *pass)
{
  g_autoptr (GDateTime) from = NULL;
  g_autoptr (GDateTime) to = NULL;
  LiaisonCalendar *calendar;

  if (pass->next_calendar >= pass->calendars->len)
    {
      LiaisonStoreStep *step = liaison_store_step_new (
          pass->run->lsq_connection, pass->run->ghl_connection, pass->run->result->run_id);

      /* The intents a crash left are closed before any pair is planned. */
      step->kind = LIAISON_RECORD_APPOINTMENT;
      liaison_activity_close_pending (
          pass->run, step, pass->pending,
          _ ("Interrupted; the next pass compared both services’ appointments and wrote only "
             "what was still missing"));
      liaison_sync_appts_flush (pass, step, start_pairs);
      return;
    }
  calendar = g_ptr_array_index (pass->calendars, pass->next_calendar);
  from = g_date_time_new_from_unix_utc (pass->window_from / 1000);
  to = g_date_time_new_from_unix_utc (pass->window_to / 1000);
  pass->counts.ghl_reads++;
  liaison_ghl_client_list_events_async (pass->run->ghl, liaison_calendar_get_id (calendar), from,
                                        to, g_task_get_cancellable (pass->task), on_events, pass);
}

static void
on_calendars (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ApptPass *pass = user_data;
  GError *error = NULL;
  g_autofree char *chosen
      = liaison_store_get_setting (pass->run->store, LIAISON_SETTING_APPOINTMENTS_CALENDAR, NULL);

  pass->calendars = liaison_ghl_client_list_finish (LIAISON_GHL_CLIENT (source), result, &error);
  if (pass->calendars == NULL)
    {
      ghl_failed (pass, error);
      return;
    }
  for (guint i = 0; i < pass->calendars->len; i++)
    {
      LiaisonCalendar *calendar = g_ptr_array_index (pass->calendars, i);

      if ((chosen == NULL || *chosen == '\0')
              ? i == 0
              : g_strcmp0 (liaison_calendar_get_id (calendar), chosen) == 0)
        {
          pass->calendar_id = g_strdup (liaison_calendar_get_id (calendar));
          pass->calendar_name = g_strdup (liaison_calendar_get_name (calendar));
        }
    }
  if (pass->calendar_id == NULL && chosen != NULL && *chosen != '\0')
    pass->calendar_missing = g_strdup (chosen);
  pass->next_calendar = 0;
  read_next_calendar (pass);
}

/* ---- the pass ---- */

static gboolean
load_state (ApptPass *pass, GError **error)
{
  LiaisonSyncRun *run = pass->run;

  if (!liaison_sync_activity_load_links (run, LIAISON_RECORD_APPOINTMENT, &pass->links_by_lsq,
                                         &pass->links_by_ghl, error))
    return FALSE;
  pass->conflicts = liaison_activity_load_conflicts (run, LIAISON_RECORD_APPOINTMENT, error);
  if (pass->conflicts == NULL)
    return FALSE;
  pass->known_todos
      = liaison_store_list_cached_ids (run->store, run->lsq_connection, LIAISON_RECORD_TASK, error);
  if (pass->known_todos == NULL)
    return FALSE;
  pass->not_copied = liaison_sync_activity_load_not_copied (run, LIAISON_RECORD_APPOINTMENT, error);
  if (pass->not_copied == NULL)
    return FALSE;
  pass->pending
      = liaison_store_list_pending_intents_of (run->store, LIAISON_RECORD_APPOINTMENT, error);
  if (pass->pending == NULL)
    return FALSE;
  pass->pick.kind = LIAISON_RECORD_APPOINTMENT;
  pass->pairs = liaison_sync_activity_choose_pairs (run, &pass->pick, pass->started_at, error);
  return pass->pairs != NULL;
}

void
liaison_sync_appointments_async (LiaisonSyncRun *run, GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  ApptPass *pass = g_new0 (ApptPass, 1);
  GError *error = NULL;

  pass->run = run;
  pass->task = g_task_new (NULL, g_task_get_cancellable (run->task), callback, user_data);
  g_task_set_source_tag (pass->task, liaison_sync_appointments_async);
  g_task_set_task_data (pass->task, pass, (GDestroyNotify) pass_free);
  /* Past every stamp the store gave so far: what changes after is "since", what changed before
   * is not. */
  pass->started_at = liaison_store_mark_ms ();
  pass->now_ms = liaison_sync_engine_now_ms (run->engine);
  pass->window_from = pass->now_ms - LIAISON_APPOINTMENTS_PAST_MS;
  pass->window_to = pass->now_ms + LIAISON_APPOINTMENTS_AHEAD_MS;
  pass->retry = g_array_new (FALSE, FALSE, sizeof (gint64));
  pass->failures_seen = run->result->n_failed;
  pass->records = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
  pass->counts.plan_ops = json_array_new ();
  pass->ghl_by_contact
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  pass->lsq_type
      = liaison_store_get_setting (run->store, LIAISON_SETTING_APPOINTMENTS_LSQ_TYPE, NULL);
  if (pass->lsq_type == NULL || *pass->lsq_type == '\0')
    {
      g_free (pass->lsq_type);
      pass->lsq_type = g_strdup ("Meeting");
    }
  {
    g_autofree char *refused
        = liaison_store_get_setting (run->store, LIAISON_SETTING_APPOINTMENTS_REFUSED, NULL);
    g_autoptr (JsonNode) node = refused ? json_from_string (refused, NULL) : NULL;

    pass->refused = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                        ? json_object_ref (json_node_get_object (node))
                        : json_object_new ();
  }
  if (!load_state (pass, &error))
    {
      g_prefix_error (&error, _ ("Could not plan the appointments: "));
      g_task_return_error (pass->task, error);
      g_clear_object (&pass->task);
      return;
    }
  pass->counts.ghl_reads++;
  liaison_ghl_client_list_calendars_async (run->ghl, g_task_get_cancellable (pass->task),
                                           on_calendars, pass);
}

gboolean
liaison_sync_appointments_finish (LiaisonSyncRun *run, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
