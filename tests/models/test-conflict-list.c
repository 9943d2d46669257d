/* test-conflict-list.c: LiaisonConflictList over a real store filled through the sync engine's
 * own write (the apply step): one items-changed per read that changes the list, answers updated
 * in place, the contact's name, and reading again when a sync announces its end.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "liaison-conflict-list.h"
#include "liaison-store-sync.h"
#include "models-test-util.h"
#include "store-test-util.h"

typedef struct
{
  char *dir;
  LiaisonStore *store;
  char *lsq;
  char *ghl;
} Fixture;

static void
apply (Fixture *f, LiaisonStoreStep *step)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  liaison_store_apply_step_async (f->store, step, NULL, store_test_result_cb, &result);
  g_assert_true (liaison_store_apply_step_finish (f->store, store_test_wait (&result), &error));
  g_assert_no_error (error);
}

/* A linked pair, its LeadSquared record named, and a conflict on field. */
static void
add_conflict (Fixture *f, const char *n, const char *field, gboolean notify)
{
  LiaisonStoreStep *step = liaison_store_step_new (f->lsq, f->ghl, 0);
  LiaisonStoreSyncLink *link = g_new0 (LiaisonStoreSyncLink, 1);
  g_autofree char *lsq_id = g_strdup_printf ("lsq-%s", n);
  g_autofree char *ghl_id = g_strdup_printf ("ghl-%s", n);
  g_autofree char *name = g_strdup_printf ("Person %s", n);
  g_autofree char *email = g_strdup_printf ("p%s@example.com", n);
  LiaisonStoreRecord *record = store_test_contact (lsq_id, name, email, NULL, NULL, 1);
  LiaisonStoreConflict *c = g_new0 (LiaisonStoreConflict, 1);

  link->origin = LIAISON_LINK_CREATED;
  link->lsq_id = g_strdup (lsq_id);
  link->ghl_id = g_strdup (ghl_id);
  link->base_snapshot = g_strdup ("{}");
  link->base_hash = g_strdup ("h");
  g_ptr_array_add (step->links, link);
  record->connection_id = g_strdup (f->lsq);
  g_ptr_array_add (step->records, record);
  c->kind = LIAISON_CONFLICT_FIELD;
  c->lsq_id = g_strdup (lsq_id);
  c->ghl_id = g_strdup (ghl_id);
  c->field = g_strdup (field);
  c->base_value = g_strdup ("\"Pune\"");
  c->lsq_value = g_strdup ("\"Mumbai\"");
  c->ghl_value = g_strdup (g_str_equal (field, "tags") ? "[\"a\",\"b\"]" : "\"Chennai\"");
  g_ptr_array_add (step->conflicts, c);
  step->notify = notify;
  apply (f, step);
}

static void
wait_loaded (LiaisonConflictList *list)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!liaison_conflict_list_get_loaded (list) || liaison_conflict_list_get_loading (list))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
on_resolved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
on_notify (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

static void
test_conflict_list (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonConflictList) list = NULL;
  g_autoptr (LiaisonConflictItem) first = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  ModelsRecorder recorder;
  guint n_notified = 0;

  f.dir = store_test_tmpdir ();
  path = g_build_filename (f.dir, "profile.db", NULL);
  f.store = store_test_open (path, NULL, &error);
  g_assert_no_error (error);
  f.lsq = store_test_add_connection (f.store, LIAISON_SERVICE_LSQ, "org");
  f.ghl = store_test_add_connection (f.store, LIAISON_SERVICE_GHL, "loc");
  add_conflict (&f, "1", "city", FALSE);
  add_conflict (&f, "2", "tags", FALSE);

  list = liaison_conflict_list_new (f.store);
  models_recorder_init (&recorder, G_LIST_MODEL (list));
  g_assert_true (liaison_conflict_list_get_loading (list));
  wait_loaded (list);
  models_recorder_assert_one (&recorder, 0, 0, 2);
  g_assert_cmpuint (liaison_conflict_list_get_n_open (list), ==, 2);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (liaison_conflict_item_get_title (first), ==, "Person 1");
  g_assert_cmpstr (liaison_conflict_item_get_email (first), ==, "p1@example.com");
  g_assert_cmpstr (liaison_conflict_item_get_field (first), ==, "city");
  g_assert_true (liaison_conflict_item_get_editable (first));
  {
    g_autoptr (LiaisonConflictItem) tags = g_list_model_get_item (G_LIST_MODEL (list), 1);

    /* A list is not typed in as text. */
    g_assert_false (liaison_conflict_item_get_editable (tags));
    text = liaison_conflict_value_to_text (
        liaison_conflict_item_get_value (tags, LIAISON_SERVICE_GHL));
    g_assert_cmpstr (text, ==, "a, b");
  }
  g_assert_null (liaison_conflict_value_to_text ("null"));
  g_assert_null (liaison_conflict_item_get_resolution (first));

  /* An answer: the same item, updated in place, no items-changed. */
  g_signal_connect (first, "notify::resolution", G_CALLBACK (on_notify), &n_notified);
  liaison_conflict_list_resolve_async (list, first, "edited", "  Nashik ", NULL, on_resolved,
                                       &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (liaison_conflict_list_resolve_finish (list, result, &error));
  g_assert_no_error (error);
  wait_loaded (list);
  models_recorder_assert_none (&recorder);
  g_assert_cmpuint (n_notified, ==, 1);
  g_assert_cmpstr (liaison_conflict_item_get_resolution (first), ==, "edited");
  g_assert_cmpstr (liaison_conflict_item_get_resolved_value (first), ==, "\"Nashik\"");
  g_assert_cmpuint (liaison_conflict_list_get_n_open (list), ==, 1);

  /* A sync that parks another conflict announces its end; the list reads again by itself. */
  add_conflict (&f, "3", "city", TRUE);
  while (g_list_model_get_n_items (G_LIST_MODEL (list)) < 3)
    g_main_context_iteration (NULL, TRUE);
  models_recorder_assert_one (&recorder, 0, 2, 3);
  g_assert_cmpuint (liaison_conflict_list_get_n_open (list), ==, 2);

  /* The rest at once. */
  g_clear_object (&result);
  liaison_conflict_list_resolve_all_async (list, "ghl", NULL, on_resolved, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (liaison_conflict_list_resolve_all_finish (list, result, &error), ==, 2);
  g_assert_no_error (error);
  wait_loaded (list);
  g_assert_cmpuint (liaison_conflict_list_get_n_open (list), ==, 0);
  models_recorder_assert_none (&recorder);

  models_recorder_clear (&recorder);
  g_clear_object (&first);
  g_clear_object (&list);
  g_clear_object (&f.store);
  store_test_drain ();
  store_test_rmtree (f.dir);
  g_free (f.dir);
  g_free (f.lsq);
  g_free (f.ghl);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/conflict-list/read-answer-reload", test_conflict_list);
  return g_test_run ();
}
