/* test-activity-states.c: the sync state of each item of LiaisonActivityList, from what the
 * store says the sync did: a task linked to its copy is in both services, one whose link has an
 * open conflict is in conflict, one not linked waits for the next sync; notes and appointments
 * likewise; one an undo took the copy of back is not copied; a contact in one service only shows
 * no state.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-activity-states"

#include "liaison-activity-list.h"
#include "liaison-appointment-codec.h"
#include "liaison-note-codec.h"
#include "liaison-store-sync.h"
#include "liaison-task-codec.h"
#include "store-test-util.h"

/* Caches a task (or, with note, a note) of contact. */
static void
cache_child (LiaisonStore *store, const char *connection, const char *contact, const char *id,
             gboolean note)
{
  g_autoptr (GPtrArray) page
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
  g_autoptr (GError) error = NULL;

  if (note)
    {
      g_autoptr (LiaisonNote) item = liaison_note_new ();

      liaison_note_set_id (item, id);
      liaison_note_set_body (item, id);
      g_ptr_array_add (page, liaison_note_codec_to_record (item, contact));
    }
  else
    {
      g_autoptr (LiaisonTask) item = liaison_task_new ();

      liaison_task_set_id (item, id);
      liaison_task_set_title (item, id);
      g_ptr_array_add (page, liaison_task_codec_to_record (item, contact));
    }
  g_assert_true (store_test_commit (
      store, connection, note ? LIAISON_RECORD_NOTE : LIAISON_RECORD_TASK, page, NULL, &error));
  g_assert_no_error (error);
}

/* Caches an appointment of contact, next Monday at 10:00 UTC. */
static void
cache_appointment (LiaisonStore *store, const char *connection, const char *contact, const char *id)
{
  g_autoptr (GPtrArray) page
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
  g_autoptr (LiaisonAppointment) item = liaison_appointment_new ();
  g_autoptr (GDateTime) start = g_date_time_new_from_iso8601 ("2026-11-30T10:00:00Z", NULL);
  g_autoptr (GError) error = NULL;

  liaison_appointment_set_id (item, id);
  liaison_appointment_set_title (item, id);
  liaison_appointment_set_contact_id (item, contact);
  liaison_appointment_set_start_time (item, start);
  g_ptr_array_add (page, liaison_appointment_codec_to_record (item));
  g_assert_true (
      store_test_commit (store, connection, LIAISON_RECORD_APPOINTMENT, page, NULL, &error));
  g_assert_no_error (error);
}

static LiaisonStoreSyncLink *
child_link (const char *lsq_id, const char *ghl_id)
{
  LiaisonStoreSyncLink *link = g_new0 (LiaisonStoreSyncLink, 1);

  link->lsq_id = g_strdup (lsq_id);
  link->ghl_id = g_strdup (ghl_id);
  link->origin = LIAISON_LINK_CREATED;
  return link;
}

/* What a sync of kind records: links, and an open conflict on the title of the first. */
static void
record_sync (LiaisonStore *store, const char *lsq, const char *ghl, LiaisonRecordKind kind,
             const char *const *pairs, const char *conflicted)
{
  LiaisonStoreStep *step = liaison_store_step_new (lsq, ghl, 0);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  step->kind = kind;
  for (guint i = 0; pairs[i] != NULL; i += 2)
    g_ptr_array_add (step->links, child_link (pairs[i], pairs[i + 1]));
  if (conflicted != NULL)
    {
      LiaisonStoreConflict *c = g_new0 (LiaisonStoreConflict, 1);

      c->kind = LIAISON_CONFLICT_FIELD;
      c->lsq_id = g_strdup (conflicted);
      c->ghl_id = g_strdup (pairs[1]);
      c->field = g_strdup ("title");
      c->lsq_value = g_strdup ("\"Call Ada\"");
      c->ghl_value = g_strdup ("\"Call Ada Lovelace\"");
      g_ptr_array_add (step->conflicts, c);
    }
  liaison_store_apply_step_async (store, step, NULL, store_test_result_cb, &result);
  g_assert_true (liaison_store_apply_step_finish (store, store_test_wait (&result), &error));
  g_assert_no_error (error);
}

/* An undo of kind took the copy of the record id (of connection) back: it is not copied again. */
static void
record_not_copied (LiaisonStore *store, const char *lsq, const char *ghl, LiaisonRecordKind kind,
                   const char *connection, const char *id)
{
  LiaisonStoreStep *step = liaison_store_step_new (lsq, ghl, 7);
  LiaisonStoreNotCopied *row = g_new0 (LiaisonStoreNotCopied, 1);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  step->kind = kind;
  row->connection_id = g_strdup (connection);
  row->remote_id = g_strdup (id);
  row->undone_run = 6;
  g_ptr_array_add (step->not_copied, row);
  liaison_store_apply_step_async (store, step, NULL, store_test_result_cb, &result);
  g_assert_true (liaison_store_apply_step_finish (store, store_test_wait (&result), &error));
  g_assert_no_error (error);
}

static void
on_changed (LiaisonActivityList *list, guint *changes)
{
  (*changes)++;
}

/* The state of the item with this id from this service; fails when there is none. */
static LiaisonActivitySyncState
state_of (LiaisonActivityList *list, LiaisonService service, const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr (LiaisonActivityItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (liaison_activity_item_get_service (item) == service
          && g_strcmp0 (liaison_activity_item_get_remote_id (item), id) == 0)
        return liaison_activity_item_get_sync_state (item);
    }
  g_assert_not_reached ();
}

/* Iterates until the items' states are read: until the state of (service, id) is not NONE. */
static void
wait_for_state (LiaisonActivityList *list, LiaisonService service, const char *id)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (liaison_activity_list_get_reading (list)
         || g_list_model_get_n_items (G_LIST_MODEL (list)) == 0
         || state_of (list, service, id) == LIAISON_ACTIVITY_SYNC_NONE)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
test_states (void)
{
  g_autofree char *dir = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "p.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonStore) store = store_test_open (path, "GB", &error);
  g_autofree char *lsq = store_test_add_connection (store, LIAISON_SERVICE_LSQ, "org");
  g_autofree char *ghl = store_test_add_connection (store, LIAISON_SERVICE_GHL, "loc");
  g_autoptr (LiaisonActivityList) list = liaison_activity_list_new ();
  const char *const tasks[] = { "lt-1", "gt-1", "lt-2", "gt-2", NULL };
  const char *const notes[] = { "ln-1", "gn-1", NULL };
  const char *const appointments[] = { "la-1", "ga-1", NULL };
  guint changes = 0;

  g_assert_no_error (error);
  /* Tasks 1 and 2 travelled (2 is in conflict); lt-3 and gt-4 are on one side only. */
  cache_child (store, lsq, "lead-1", "lt-1", FALSE);
  cache_child (store, lsq, "lead-1", "lt-2", FALSE);
  cache_child (store, lsq, "lead-1", "lt-3", FALSE);
  cache_child (store, ghl, "contact-1", "gt-1", FALSE);
  cache_child (store, ghl, "contact-1", "gt-2", FALSE);
  cache_child (store, ghl, "contact-1", "gt-4", FALSE);
  cache_child (store, lsq, "lead-1", "ln-1", TRUE);
  cache_child (store, ghl, "contact-1", "gn-1", TRUE);
  cache_child (store, ghl, "contact-1", "gn-2", TRUE);
  /* Appointment 1 travelled; ga-2 is in HighLevel only. */
  cache_appointment (store, lsq, "lead-1", "la-1");
  cache_appointment (store, ghl, "contact-1", "ga-1");
  cache_appointment (store, ghl, "contact-1", "ga-2");
  /* Another contact's task linked: not this contact's. */
  cache_child (store, lsq, "lead-9", "lt-9", FALSE);
  /* An undo took the copies of lt-5 and ga-3 back (issue 15): the next sync leaves them alone. */
  cache_child (store, lsq, "lead-1", "lt-5", FALSE);
  cache_appointment (store, ghl, "contact-1", "ga-3");
  record_not_copied (store, lsq, ghl, LIAISON_RECORD_TASK, lsq, "lt-5");
  record_not_copied (store, lsq, ghl, LIAISON_RECORD_APPOINTMENT, ghl, "ga-3");
  record_sync (store, lsq, ghl, LIAISON_RECORD_TASK, tasks, NULL);
  {
    const char *const conflicted[] = { "lt-2", "gt-2", NULL };

    record_sync (store, lsq, ghl, LIAISON_RECORD_TASK, conflicted, "lt-2");
  }
  record_sync (store, lsq, ghl, LIAISON_RECORD_NOTE, notes, NULL);
  record_sync (store, lsq, ghl, LIAISON_RECORD_APPOINTMENT, appointments, NULL);

  g_signal_connect (list, "changed", G_CALLBACK (on_changed), &changes);
  liaison_activity_list_set_source (list, store, lsq, ghl);
  liaison_activity_list_set_contact (list, "lead-1", "contact-1");
  wait_for_state (list, LIAISON_SERVICE_GHL, "gn-2");
  wait_for_state (list, LIAISON_SERVICE_GHL, "ga-2");
  g_assert_cmpint (state_of (list, LIAISON_SERVICE_LSQ, "lt-1"), ==, LIAISON_ACTIVITY_SYNC_IN_BOTH);
  g_assert_cmpint (state_of (list, LIAISON_SERVICE_GHL, "gt-1"), ==, LIAISON_ACTIVITY_SYNC_IN_BOTH);
  g_assert_cmpint (state_of (list, LIAISON_SERVICE_LSQ, "lt-2"), ==,
                   LIAISON_ACTIVITY_SYNC_CONFLICT);
  g_assert_cmpint (state_of (list, LIAISON_SERVICE_GHL, "gt-2"), ==,
                   LIAISON_ACTIVITY_SYNC_CONFLICT);
  g_assert_cmpint (state_of (list, LIAISON_SERVICE_LSQ, "lt-3"), ==, LIAISON_ACTIVITY_SYNC_WAITING);
  g_assert_cmpint (state_of (list, LIAISON_SERVICE_GHL, "gt-4"), ==, LIAISON_ACTIVITY_SYNC_WAITING);
  g_assert_cmpint (state_of (list, LIAISON_SERVICE_LSQ, "ln-1"), ==, LIAISON_ACTIVITY_SYNC_IN_BOTH);
  g_assert_cmpint (state_of (list, LIAISON_SERVICE_GHL, "gn-1"), ==, LIAISON_ACTIVITY_SYNC_IN_BOTH);
  g_assert_cmpint (state_of (list, LIAISON_SERVICE_GHL, "gn-2"), ==, LIAISON_ACTIVITY_SYNC_WAITING);
  g_assert_cmpint (state_of (list, LIAISON_SERVICE_LSQ, "la-1"), ==, LIAISON_ACTIVITY_SYNC_IN_BOTH);
  g_assert_cmpint (state_of (list, LIAISON_SERVICE_GHL, "ga-1"), ==, LIAISON_ACTIVITY_SYNC_IN_BOTH);
  g_assert_cmpint (state_of (list, LIAISON_SERVICE_GHL, "ga-2"), ==, LIAISON_ACTIVITY_SYNC_WAITING);
  g_assert_cmpint (state_of (list, LIAISON_SERVICE_LSQ, "lt-5"), ==,
                   LIAISON_ACTIVITY_SYNC_NOT_COPIED);
  g_assert_cmpint (state_of (list, LIAISON_SERVICE_GHL, "ga-3"), ==,
                   LIAISON_ACTIVITY_SYNC_NOT_COPIED);
  /* The states came with a "changed" of their own. */
  g_assert_cmpuint (changes, >=, 2);

  /* The same lead alone (no HighLevel contact): nothing is carried, no state is shown. */
  liaison_activity_list_set_contact (list, "lead-1", NULL);
  while (liaison_activity_list_get_reading (list))
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                    6); /* lt-1, lt-2, lt-3, lt-5, ln-1, la-1 */
  g_assert_cmpint (state_of (list, LIAISON_SERVICE_LSQ, "lt-1"), ==, LIAISON_ACTIVITY_SYNC_NONE);

  g_clear_object (&list);
  g_clear_object (&store);
  store_test_drain ();
  store_test_rmtree (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/activity-list/sync-states", test_states);
  return g_test_run ();
}
