/* test-mapping-model.c: LiaisonMappingModel over a store whose cache holds both accounts' field
 * definitions and users: the defaults fitted to them, one items-changed per load, add and
 * remove and none for an edit in place; labels for standard, joined and custom fields; a save
 * refused with its sentences leaves the store alone; a saved edit and a saved reset.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "liaison-field-codec.h"
#include "liaison-mapping-model.h"
#include "liaison-store-sync.h"
#include "liaison-user-codec.h"
#include "store-test-util.h"

typedef struct
{
  char *dir;
  LiaisonStore *store;
  char *lsq;
  char *ghl;
  LiaisonMappingModel *model;
  guint changes; /* items-changed emissions */
  guint last_removed, last_added;
} Fixture;

static void
on_items_changed (GListModel *list, guint position, guint removed, guint added, Fixture *f)
{
  f->changes++;
  f->last_removed = removed;
  f->last_added = added;
}

static void
add_field (GPtrArray *records, const char *id, const char *key, const char *name,
           LiaisonFieldType type, const char *const *options)
{
  g_autoptr (LiaisonFieldDef) def = liaison_field_def_new ();

  liaison_field_def_set_id (def, id);
  liaison_field_def_set_key (def, key);
  liaison_field_def_set_name (def, name);
  liaison_field_def_set_data_type (def, type);
  liaison_field_def_set_options (def, options);
  g_ptr_array_add (records, liaison_field_codec_to_record (def));
}

static void
add_user (LiaisonStore *store, const char *connection, const char *id, const char *email)
{
  g_autoptr (GPtrArray) records
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
  g_autoptr (LiaisonUser) user = liaison_user_new ();
  g_autoptr (GError) error = NULL;

  liaison_user_set_id (user, id);
  liaison_user_set_email (user, email);
  g_ptr_array_add (records, liaison_user_codec_to_record (user));
  g_assert_true (store_test_commit (store, connection, LIAISON_RECORD_USER, records, NULL, &error));
  g_assert_no_error (error);
}

static void
load (Fixture *f)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  liaison_mapping_model_load_async (f->model, NULL, store_test_result_cb, &result);
  g_assert_true (liaison_mapping_model_load_finish (f->model, store_test_wait (&result), &error));
  g_assert_no_error (error);
}

static gboolean
save (Fixture *f, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  liaison_mapping_model_save_async (f->model, NULL, store_test_result_cb, &result);
  return liaison_mapping_model_save_finish (f->model, store_test_wait (&result), error);
}

static char *
stored (Fixture *f, gint64 *revision)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  char *json;

  liaison_store_load_mapping_async (f->store, NULL, store_test_result_cb, &result);
  json = liaison_store_load_mapping_finish (f->store, store_test_wait (&result), revision, &error);
  g_assert_no_error (error);
  return json;
}

static void
set_up (Fixture *f, gconstpointer data)
{
  static const char *const treatments[] = { "Whitening", "Checkup", NULL };
  static const char *const stages[] = { "New", "Qualified", NULL };
  g_autoptr (GPtrArray) lsq
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
  g_autoptr (GPtrArray) ghl
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;

  f->dir = store_test_tmpdir ();
  path = g_build_filename (f->dir, "profile.db", NULL);
  f->store = store_test_open (path, "US", &error);
  g_assert_no_error (error);
  f->lsq = store_test_add_connection (f->store, LIAISON_SERVICE_LSQ, "org");
  f->ghl = store_test_add_connection (f->store, LIAISON_SERVICE_GHL, "location");

  /* A LeadSquared account without mx_State, mx_Street1, mx_Zip and mx_Country. */
  add_field (lsq, "FirstName", NULL, "First Name", LIAISON_FIELD_TYPE_TEXT, NULL);
  add_field (lsq, "LastName", NULL, "Last Name", LIAISON_FIELD_TYPE_TEXT, NULL);
  add_field (lsq, "EmailAddress", NULL, "Email", LIAISON_FIELD_TYPE_EMAIL, NULL);
  add_field (lsq, "DoNotEmail", NULL, "Do Not Email", LIAISON_FIELD_TYPE_BOOLEAN, NULL);
  add_field (lsq, "DoNotCall", NULL, "Do Not Call", LIAISON_FIELD_TYPE_BOOLEAN, NULL);
  add_field (lsq, "DoNotSMS", NULL, "Do Not SMS", LIAISON_FIELD_TYPE_BOOLEAN, NULL);
  add_field (lsq, "mx_City", NULL, "Town", LIAISON_FIELD_TYPE_TEXT, NULL);
  add_field (lsq, "mx_Treatment", NULL, "Treatment", LIAISON_FIELD_TYPE_SINGLE_OPTION, treatments);
  g_assert_true (store_test_commit (f->store, f->lsq, LIAISON_RECORD_FIELD, lsq, NULL, &error));
  add_field (ghl, "cf1", "contact.lead_stage", "Lead Stage", LIAISON_FIELD_TYPE_SINGLE_OPTION,
             stages);
  g_assert_true (store_test_commit (f->store, f->ghl, LIAISON_RECORD_FIELD, ghl, NULL, &error));
  g_assert_no_error (error);
  add_user (f->store, f->lsq, "u1", "ana@example.com");
  add_user (f->store, f->ghl, "U1", "ana@example.com");

  f->model = liaison_mapping_model_new (f->store, f->lsq, f->ghl);
  g_signal_connect (f->model, "items-changed", G_CALLBACK (on_items_changed), f);
  load (f);
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->model);
  g_clear_object (&f->store);
  store_test_drain ();
  store_test_rmtree (f->dir);
  g_free (f->dir);
  g_free (f->lsq);
  g_free (f->ghl);
}

static LiaisonMappingPair *
pair (Fixture *f, const char *key)
{
  GListModel *list = G_LIST_MODEL (f->model);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (LiaisonMappingPair) item = g_list_model_get_item (list, i);

      if (g_str_equal (liaison_mapping_pair_get_key (item), key))
        return item; /* the model holds it */
    }
  return NULL;
}

static void
count_notify (GObject *object, GParamSpec *pspec, guint *n)
{
  (*n)++;
}

static void
test_load_and_labels (Fixture *f, gconstpointer data)
{
  g_autofree char *label = NULL;
  GListModel *ghl_fields;
  gboolean custom_offered = FALSE;

  g_assert_true (liaison_mapping_model_get_loaded (f->model));
  g_assert_true (liaison_mapping_model_get_fields_known (f->model, LIAISON_SERVICE_LSQ));
  g_assert_true (liaison_mapping_model_get_fields_known (f->model, LIAISON_SERVICE_GHL));
  g_assert_true (liaison_mapping_model_get_is_default (f->model));
  g_assert_false (liaison_mapping_model_get_modified (f->model));
  g_assert_true (liaison_mapping_model_get_valid (f->model));
  /* One items-changed for the whole load. */
  g_assert_cmpuint (f->changes, ==, 1);
  g_assert_cmpuint (f->last_added, ==, g_list_model_get_n_items (G_LIST_MODEL (f->model)));
  /* Loading the same map again keeps the items (views keep their rows). */
  {
    LiaisonMappingPair *email = pair (f, "email");

    load (f);
    g_assert_cmpuint (f->changes, ==, 1);
    g_assert_true (pair (f, "email") == email);
  }
  /* The defaults naming mx_ fields the account lacks are left out; the others stay. */
  g_assert_null (pair (f, "state"));
  g_assert_null (pair (f, "address"));
  g_assert_nonnull (pair (f, "city"));
  g_assert_cmpstr (liaison_mapping_pair_get_label (pair (f, "city"), LIAISON_SERVICE_LSQ), ==,
                   "Town");
  g_assert_cmpstr (liaison_mapping_pair_get_label (pair (f, "company"), LIAISON_SERVICE_GHL), ==,
                   "Business Name");
  g_assert_cmpstr (liaison_mapping_pair_get_label (pair (f, "doNotContact"), LIAISON_SERVICE_LSQ),
                   ==, "Do Not Email + Do Not Call + Do Not SMS");
  /* A field without a definition is shown by its name. */
  g_assert_cmpstr (liaison_mapping_pair_get_label (pair (f, "company"), LIAISON_SERVICE_LSQ), ==,
                   "Company");
  label = liaison_mapping_model_dup_label (f->model, LIAISON_SERVICE_GHL, "cf1");
  g_assert_cmpstr (label, ==, "Lead Stage");

  ghl_fields = liaison_mapping_model_get_fields (f->model, LIAISON_SERVICE_GHL);
  for (guint i = 0; i < g_list_model_get_n_items (ghl_fields); i++)
    {
      g_autoptr (LiaisonFieldDef) def = g_list_model_get_item (ghl_fields, i);

      custom_offered |= g_strcmp0 (liaison_field_def_get_id (def), "contact.lead_stage") == 0
                        && g_strcmp0 (liaison_field_def_get_name (def), "Lead Stage") == 0;
    }
  g_assert_true (custom_offered);
  g_assert_cmpuint (
      g_list_model_get_n_items (liaison_mapping_model_get_fields (f->model, LIAISON_SERVICE_LSQ)),
      ==, 8);
}

static void
test_edit_refuse_save (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  guint notified = 0;
  gint64 revision = -1;
  const char *key;

  /* An edit in place notifies its item and changes no list. */
  g_signal_connect (pair (f, "email"), "notify::policy", G_CALLBACK (count_notify), &notified);
  g_assert_true (liaison_mapping_model_set_policy (f->model, "email", LIAISON_POLICY_NEWEST_WINS));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (f->changes, ==, 1);
  g_assert_true (liaison_mapping_model_get_modified (f->model));
  g_assert_false (liaison_mapping_model_set_policy (f->model, "nope", LIAISON_POLICY_ASK));
  /* A setting the map refuses changes nothing. */
  json = liaison_mapping_model_dup_json (f->model);
  g_assert_false (
      liaison_mapping_model_set_setting (f->model, "email", "format", "weekly", &error));
  g_assert_error (error, LIAISON_FIELD_MAP_ERROR, LIAISON_FIELD_MAP_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autofree char *after = liaison_mapping_model_dup_json (f->model);
    g_assert_cmpstr (after, ==, json);
  }
  g_clear_pointer (&json, g_free);
  g_assert_true (liaison_mapping_model_set_transform (f->model, "email", LIAISON_TRANSFORM_CASE));
  g_assert_true (liaison_mapping_model_set_setting (f->model, "email", "case", "title", &error));
  g_assert_no_error (error);
  g_assert_true (liaison_mapping_model_set_transform (f->model, "email", LIAISON_TRANSFORM_NONE));
  {
    g_autofree char *letter_case = liaison_mapping_model_dup_setting (f->model, "email", "case");
    g_assert_null (letter_case);
  }

  /* A second writer of mx_City: refused, with the sentence on the new pair only. */
  key = liaison_mapping_model_add_pair (f->model, "mx_City", "city", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "city2");
  g_assert_cmpuint (f->changes, ==, 2);
  g_assert_false (liaison_mapping_model_get_valid (f->model));
  g_assert_null (liaison_mapping_pair_get_problem (pair (f, "city")));
  g_assert_nonnull (strstr (liaison_mapping_pair_get_problem (pair (f, "city2")), "“mx_City”"));
  g_assert_false (save (f, &error));
  g_assert_error (error, LIAISON_FIELD_MAP_ERROR, LIAISON_FIELD_MAP_ERROR_DUPLICATE_TARGET);
  g_assert_nonnull (strstr (error->message, "The pairs “city” and “city2” both write"));
  g_clear_error (&error);
  json = stored (f, &revision);
  g_assert_null (json);
  g_assert_cmpint (revision, ==, 0);

  /* A field the account does not have cannot be added. */
  g_assert_null (liaison_mapping_model_add_pair (f->model, "mx_Nope", "city", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (liaison_mapping_model_remove_pair (f->model, "city2"));
  g_assert_cmpuint (f->changes, ==, 3);
  g_assert_true (liaison_mapping_model_get_valid (f->model));
  /* Two picklists get a value table. */
  key = liaison_mapping_model_add_pair (f->model, "mx_Treatment", "contact.lead_stage", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (liaison_mapping_pair_get_transform (pair (f, key)), ==,
                    LIAISON_TRANSFORM_VALUES);
  g_assert_true (liaison_mapping_model_set_value (f->model, key, "Checkup", "New"));
  g_assert_true (save (f, &error));
  g_assert_no_error (error);
  g_assert_false (liaison_mapping_model_get_modified (f->model));
  json = stored (f, &revision);
  g_assert_cmpint (revision, ==, 1);
  g_assert_nonnull (strstr (json, "\"key\":\"email\""));
  g_assert_nonnull (strstr (json, "\"policy\":\"newest-wins\""));
  g_assert_nonnull (strstr (json, "\"values\":{\"Checkup\":\"New\"}"));

  /* Reset, saved, removes the stored map. */
  liaison_mapping_model_reset (f->model);
  g_assert_true (liaison_mapping_model_get_is_default (f->model));
  g_assert_true (liaison_mapping_model_get_modified (f->model));
  g_assert_null (pair (f, "lead_stage"));
  g_assert_true (save (f, &error));
  g_assert_no_error (error);
  g_clear_pointer (&json, g_free);
  json = stored (f, &revision);
  g_assert_null (json);
  g_assert_false (liaison_mapping_model_get_modified (f->model));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/mapping-model/load-and-labels", Fixture, NULL, set_up, test_load_and_labels,
              tear_down);
  g_test_add ("/mapping-model/edit-refuse-save", Fixture, NULL, set_up, test_edit_refuse_save,
              tear_down);
  return g_test_run ();
}
