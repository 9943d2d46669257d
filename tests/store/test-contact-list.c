/* test-contact-list.c: LiaisonContactList's rows, statuses, filters and sort orders, and the
 * correctness of its items-changed signals: a shadow list rebuilt only from the signals must
 * always equal the model, and every change must come as at most one signal.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "liaison-contact-list.h"
#include "liaison-normalize.h"
#include "store-test-util.h"

typedef struct
{
  char *dir;
  LiaisonStore *store;
  char *lsq;
  char *ghl;
  LiaisonContactList *list;
  GPtrArray *shadow; /* row keys, as the signals say */
  guint n_signals;
} Fixture;

static char *
row_key (LiaisonContactRow *row)
{
  return g_strdup_printf ("%s|%s|%u|%s", liaison_contact_row_get_lsq_id (row) ?: "",
                          liaison_contact_row_get_ghl_id (row) ?: "",
                          liaison_contact_row_get_status (row),
                          liaison_contact_row_get_display_name (row));
}

static void
on_items_changed (GListModel *model, guint position, guint removed, guint added, Fixture *f)
{
  f->n_signals++;
  g_assert_cmpuint (position + removed, <=, f->shadow->len);
  g_ptr_array_remove_range (f->shadow, position, removed);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr (LiaisonContactRow) row = g_list_model_get_item (model, position + i);
      g_assert_nonnull (row);
      g_ptr_array_insert (f->shadow, position + i, row_key (row));
    }
  g_assert_cmpuint (f->shadow->len, ==, g_list_model_get_n_items (model));
}

static void
assert_shadow (Fixture *f)
{
  GListModel *model = G_LIST_MODEL (f->list);

  g_assert_cmpuint (f->shadow->len, ==, g_list_model_get_n_items (model));
  for (guint i = 0; i < f->shadow->len; i++)
    {
      g_autoptr (LiaisonContactRow) row = g_list_model_get_item (model, i);
      g_autofree char *key = row_key (row);
      g_assert_cmpstr (key, ==, f->shadow->pdata[i]);
    }
  g_assert_null (g_list_model_get_item (model, f->shadow->len));
}

static void
add_contacts (Fixture *f, const char *connection, LiaisonStoreRecord **records)
{
  g_autoptr (GPtrArray) page
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
  g_autoptr (GError) error = NULL;

  for (guint i = 0; records[i] != NULL; i++)
    g_ptr_array_add (page, records[i]);
  g_assert_true (
      store_test_commit (f->store, connection, LIAISON_RECORD_CONTACT, page, NULL, &error));
  g_assert_no_error (error);
}

static void
link_pair (Fixture *f, const char *lsq_id, const char *ghl_id)
{
  g_autoptr (GPtrArray) links
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_link_free);
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GError) error = NULL;

  g_ptr_array_add (links, liaison_store_link_new (LIAISON_RECORD_CONTACT, f->lsq, lsq_id, f->ghl,
                                                  ghl_id, LIAISON_LINK_MANUAL));
  ids = store_test_link (f->store, links, &error);
  g_assert_no_error (error);
}

static void
load (Fixture *f)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  liaison_contact_list_load_async (f->list, NULL, store_test_result_cb, &result);
  g_assert_true (liaison_contact_list_load_finish (f->list, store_test_wait (&result), &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = store_test_tmpdir ();
  path = g_build_filename (f->dir, "list.db", NULL);
  f->store = store_test_open (path, "US", &error);
  g_assert_no_error (error);
  f->lsq = store_test_add_connection (f->store, LIAISON_SERVICE_LSQ, "org");
  f->ghl = store_test_add_connection (f->store, LIAISON_SERVICE_GHL, "loc");
  f->list = liaison_contact_list_new (f->store, f->lsq, f->ghl);
  f->shadow = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->list, "items-changed", G_CALLBACK (on_items_changed), f);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->list);
  g_clear_object (&f->store);
  store_test_drain ();
  g_ptr_array_unref (f->shadow);
  g_free (f->lsq);
  g_free (f->ghl);
  store_test_rmtree (f->dir);
  g_free (f->dir);
}

static void
small_set_up (Fixture *f, gconstpointer data)
{
  fixture_set_up (f, data);
  add_contacts (
      f, f->lsq,
      (LiaisonStoreRecord *[]){
          store_test_contact ("L1", "Alice Archer", "alice@x.io", "+1 415 555 0101", "Acme", 100),
          store_test_contact ("L2", "Bob Brown", "bob@x.io", NULL, NULL, 200),
          store_test_contact ("L3", "Émile Zola", "emile@x.fr", NULL, NULL, 300),
          store_test_contact ("L4", "Dup Person", "dup@x.io", NULL, NULL, 50),
          store_test_contact ("L5", "Lonely Lsq", "lonely@lsq.io", NULL, NULL, 10), NULL });
  add_contacts (
      f, f->ghl,
      (LiaisonStoreRecord *[]){
          store_test_contact ("G1", "Alice A.", "alice@x.io", NULL, NULL, 150),
          store_test_contact ("G2", "Robert Brown", "bob@x.io", NULL, NULL, 20),
          store_test_contact ("G3", "Emile Zola", "EMILE@x.fr", NULL, NULL, 30),
          store_test_contact ("G4a", "Dup One", "dup@x.io", NULL, NULL, 40),
          store_test_contact ("G4b", "Dup Two", "DUP@X.IO", NULL, NULL, 60),
          store_test_contact ("G6", "Ghl Only", "ghlonly@x.io", "(212) 555-0188", NULL, 70),
          NULL });
  link_pair (f, "L1", "G1");
  link_pair (f, "L2", "G2");
}

static void
assert_keys (Fixture *f, const char *const *keys)
{
  g_assert_cmpuint (f->shadow->len, ==, g_strv_length ((char **) keys));
  for (guint i = 0; keys[i] != NULL; i++)
    g_assert_cmpstr (f->shadow->pdata[i], ==, keys[i]);
  assert_shadow (f);
}

#define LINKED "1"
#define PROPOSED "2"
#define AMBIGUOUS "4"
#define LSQ_ONLY "8"
#define GHL_ONLY "16"
#define KEPT_APART "32"

static void
test_load (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonContactRow) first = NULL;
  g_autoptr (LiaisonContactRow) ghl_only = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (f->list)) == LIAISON_TYPE_CONTACT_ROW);
  load (f);
  g_assert_cmpuint (f->n_signals, ==, 1);
  assert_keys (f, (const char *[]){ "L1|G1|" LINKED "|Alice Archer", "L2|G2|" LINKED "|Bob Brown",
                                    "|G4a|" AMBIGUOUS "|Dup One", "L4||" AMBIGUOUS "|Dup Person",
                                    "|G4b|" AMBIGUOUS "|Dup Two", "L3|G3|" PROPOSED "|Émile Zola",
                                    "|G6|" GHL_ONLY "|Ghl Only", "L5||" LSQ_ONLY "|Lonely Lsq",
                                    NULL });
  g_assert_cmpuint (liaison_contact_list_get_n_total (f->list), ==, 8);
  g_assert_cmpuint (liaison_contact_list_count_status (f->list, LIAISON_LINK_STATUS_LINKED), ==, 2);
  g_assert_cmpuint (liaison_contact_list_count_status (f->list, LIAISON_LINK_STATUS_AMBIGUOUS), ==,
                    3);

  first = g_list_model_get_item (G_LIST_MODEL (f->list), 0);
  g_assert_cmpstr (liaison_contact_row_get_email (first), ==, "alice@x.io");
  g_assert_cmpstr (liaison_contact_row_get_phone (first), ==, "+1 415 555 0101");
  g_assert_cmpstr (liaison_contact_row_get_company (first), ==, "Acme");
  g_assert_cmpint (liaison_contact_row_get_modified_at (first), ==, 150);
  g_assert_cmpint (liaison_contact_row_get_link_id (first), >, 0);
  ghl_only = g_list_model_get_item (G_LIST_MODEL (f->list), 6);
  g_assert_cmpstr (liaison_contact_row_get_phone (ghl_only), ==, "(212) 555-0188");
  g_assert_null (liaison_contact_row_get_lsq_id (ghl_only));
  {
    g_autoptr (LiaisonContactRow) dup = g_list_model_get_item (G_LIST_MODEL (f->list), 3);
    g_assert_cmpuint (liaison_contact_row_get_n_candidates (dup), ==, 2);
  }
  /* The same item comes back from the cache. */
  {
    g_autoptr (LiaisonContactRow) again = g_list_model_get_item (G_LIST_MODEL (f->list), 0);
    g_assert_true (again == first);
  }
}

/* Applies a change and checks it came as one signal (none when nothing changed). */
#define EXPECT(f, n, stmt)                                                                         \
  G_STMT_START                                                                                     \
  {                                                                                                \
    (f)->n_signals = 0;                                                                            \
    stmt;                                                                                          \
    g_assert_cmpuint ((f)->n_signals, ==, (n));                                                    \
    assert_shadow (f);                                                                             \
  }                                                                                                \
  G_STMT_END

static void
test_filter (Fixture *f, gconstpointer data)
{
  load (f);
  EXPECT (f, 1, liaison_contact_list_set_filter_text (f->list, "ali"));
  assert_keys (f, (const char *[]){ "L1|G1|" LINKED "|Alice Archer", NULL });
  EXPECT (f, 0, liaison_contact_list_set_filter_text (f->list, "alic"));
  EXPECT (f, 0, liaison_contact_list_set_filter_text (f->list, "alic"));
  EXPECT (f, 1, liaison_contact_list_set_filter_text (f->list, ""));
  g_assert_cmpuint (f->shadow->len, ==, 8);
  /* Case and accents do not matter; either side's values match. */
  EXPECT (f, 1, liaison_contact_list_set_filter_text (f->list, "EMILE"));
  assert_keys (f, (const char *[]){ "L3|G3|" PROPOSED "|Émile Zola", NULL });
  EXPECT (f, 1, liaison_contact_list_set_filter_text (f->list, "robert"));
  assert_keys (f, (const char *[]){ "L2|G2|" LINKED "|Bob Brown", NULL });
  EXPECT (f, 1, liaison_contact_list_set_filter_text (f->list, "4155550101"));
  assert_keys (f, (const char *[]){ "L1|G1|" LINKED "|Alice Archer", NULL });
  EXPECT (f, 0, liaison_contact_list_set_filter_text (f->list, "acme"));
  EXPECT (f, 1, liaison_contact_list_set_filter_text (f->list, "555"));
  assert_keys (
      f, (const char *[]){ "L1|G1|" LINKED "|Alice Archer", "|G6|" GHL_ONLY "|Ghl Only", NULL });
  EXPECT (f, 1, liaison_contact_list_set_filter_text (f->list, "nobody at all"));
  g_assert_cmpuint (f->shadow->len, ==, 0);
  EXPECT (f, 1, liaison_contact_list_set_filter_text (f->list, NULL));

  /* Status filter, alone and with text. */
  EXPECT (f, 1, liaison_contact_list_set_status_filter (f->list, LIAISON_LINK_STATUS_AMBIGUOUS));
  g_assert_cmpuint (f->shadow->len, ==, 3);
  EXPECT (f, 1,
          liaison_contact_list_set_status_filter (f->list, LIAISON_LINK_STATUS_AMBIGUOUS
                                                               | LIAISON_LINK_STATUS_LSQ_ONLY));
  assert_keys (f, (const char *[]){ "|G4a|" AMBIGUOUS "|Dup One", "L4||" AMBIGUOUS "|Dup Person",
                                    "|G4b|" AMBIGUOUS "|Dup Two", "L5||" LSQ_ONLY "|Lonely Lsq",
                                    NULL });
  EXPECT (f, 1, liaison_contact_list_set_filter_text (f->list, "person"));
  assert_keys (f, (const char *[]){ "L4||" AMBIGUOUS "|Dup Person", NULL });
  EXPECT (f, 0, liaison_contact_list_set_status_filter (f->list, LIAISON_LINK_STATUS_ALL));
  EXPECT (f, 1, liaison_contact_list_set_filter_text (f->list, ""));
  g_assert_cmpuint (f->shadow->len, ==, 8);
}

static void
test_sort (Fixture *f, gconstpointer data)
{
  gint64 last = G_MAXINT64;

  load (f);
  EXPECT (f, 1, liaison_contact_list_set_sort (f->list, LIAISON_CONTACT_SORT_LAST_CHANGE));
  g_assert_cmpuint (f->shadow->len, ==, 8);
  for (guint i = 0; i < 8; i++)
    {
      g_autoptr (LiaisonContactRow) row = g_list_model_get_item (G_LIST_MODEL (f->list), i);
      g_assert_cmpint (liaison_contact_row_get_modified_at (row), <=, last);
      last = liaison_contact_row_get_modified_at (row);
    }
  g_assert_cmpstr (f->shadow->pdata[0], ==, "L3|G3|" PROPOSED "|Émile Zola"); /* 300 */
  EXPECT (f, 1, liaison_contact_list_set_filter_text (f->list, "dup"));
  assert_keys (f, (const char *[]){ "|G4b|" AMBIGUOUS "|Dup Two", "L4||" AMBIGUOUS "|Dup Person",
                                    "|G4a|" AMBIGUOUS "|Dup One", NULL });
  EXPECT (f, 1, liaison_contact_list_set_sort (f->list, LIAISON_CONTACT_SORT_NAME));
  assert_keys (f, (const char *[]){ "|G4a|" AMBIGUOUS "|Dup One", "L4||" AMBIGUOUS "|Dup Person",
                                    "|G4b|" AMBIGUOUS "|Dup Two", NULL });
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
test_reload (Fixture *f, gconstpointer data)
{
  gboolean timed_out = FALSE;
  guint timeout;

  load (f);
  liaison_contact_list_set_filter_text (f->list, "brown");
  assert_keys (f, (const char *[]){ "L2|G2|" LINKED "|Bob Brown", NULL });

  /* A change in the store reaches the model by itself, as one signal. */
  f->n_signals = 0;
  add_contacts (f, f->lsq,
                (LiaisonStoreRecord *[]){
                    store_test_contact ("L2", "Bobby Brown", "bob@x.io", NULL, NULL, 400), NULL });
  timeout = g_timeout_add_seconds (10, timeout_cb, &timed_out);
  while (f->n_signals == 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);
  g_assert_cmpuint (f->n_signals, ==, 1);
  assert_keys (f, (const char *[]){ "L2|G2|" LINKED "|Bobby Brown", NULL });

  /* Linking the proposed pair: one signal, and the row is linked. */
  liaison_contact_list_set_filter_text (f->list, "zola");
  EXPECT (f, 1, link_pair (f, "L3", "G3"); load (f));
  assert_keys (f, (const char *[]){ "L3|G3|" LINKED "|Émile Zola", NULL });
  g_assert_cmpuint (liaison_contact_list_count_status (f->list, LIAISON_LINK_STATUS_PROPOSED), ==,
                    0);
  /* Loading again with nothing changed says nothing. */
  EXPECT (f, 0, load (f));
}

/* A link may be made before its records are cached (the sync engine creates the other side
 * first), and unlinking splits the row again. */
static void
test_link_lifecycle (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) links
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_link_free);
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  g_ptr_array_add (links, liaison_store_link_new (LIAISON_RECORD_CONTACT, f->lsq, "L1", f->ghl,
                                                  "G1", LIAISON_LINK_CREATED));
  ids = store_test_link (f->store, links, &error);
  g_assert_no_error (error);
  add_contacts (f, f->lsq,
                (LiaisonStoreRecord *[]){
                    store_test_contact ("L1", "Ann Lee", "ann@x.io", NULL, NULL, 1), NULL });
  add_contacts (f, f->ghl,
                (LiaisonStoreRecord *[]){
                    store_test_contact ("G1", "Ann Lee", "ann@x.io", NULL, NULL, 2),
                    store_test_contact ("G2", "Ann Other", "other@x.io", NULL, NULL, 3), NULL });
  load (f);
  assert_keys (f,
               (const char *[]){ "L1|G1|" LINKED "|Ann Lee", "|G2|" GHL_ONLY "|Ann Other", NULL });

  liaison_store_delete_link_async (f->store, g_array_index (ids, gint64, 0), NULL,
                                   store_test_result_cb, &result);
  g_assert_true (liaison_store_delete_link_finish (f->store, store_test_wait (&result), &error));
  EXPECT (f, 1, load (f));
  /* Unlinked, the two still share an e-mail: a proposed match, not a link. */
  assert_keys (
      f, (const char *[]){ "L1|G1|" PROPOSED "|Ann Lee", "|G2|" GHL_ONLY "|Ann Other", NULL });
}

static LiaisonContactRow *
find_row (Fixture *f, const char *lsq_id, const char *ghl_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f->list)); i++)
    {
      g_autoptr (LiaisonContactRow) row = g_list_model_get_item (G_LIST_MODEL (f->list), i);

      if (g_strcmp0 (liaison_contact_row_get_lsq_id (row), lsq_id) == 0
          && g_strcmp0 (liaison_contact_row_get_ghl_id (row), ghl_id) == 0)
        return g_steal_pointer (&row);
    }
  g_assert_not_reached ();
}

static GPtrArray *
keep_apart (Fixture *f, const char *lsq_id, const char *ghl_id)
{
  g_autoptr (LiaisonContactRow) row = find_row (f, lsq_id, ghl_id);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *pairs;

  liaison_contact_list_keep_apart_async (f->list, row, NULL, store_test_result_cb, &result);
  pairs = liaison_contact_list_keep_apart_finish (f->list, store_test_wait (&result), &error);
  g_assert_no_error (error);
  load (f);
  return pairs;
}

static void
match_again (Fixture *f, LiaisonContactRow *row, GPtrArray *pairs)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  liaison_contact_list_match_again_async (f->list, row, pairs, NULL, store_test_result_cb, &result);
  g_assert_true (
      liaison_contact_list_match_again_finish (f->list, store_test_wait (&result), &error));
  g_assert_no_error (error);
  load (f);
}

#define COUNT(f, status) liaison_contact_list_count_status ((f)->list, LIAISON_LINK_STATUS_##status)

/* A proposed pair and an ambiguous set kept apart are never matched again, in the list as in
 * the store (which keeps them over a restart), until a person matches them again. */
static void
test_keep_apart (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) proposed = NULL;
  g_autoptr (GPtrArray) ambiguous = NULL;
  g_autoptr (GPtrArray) stored = NULL;
  g_autoptr (GPtrArray) candidates = NULL;
  g_autoptr (LiaisonContactRow) dup = NULL;
  g_autoptr (LiaisonContactRow) l3 = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;

  load (f);
  proposed = keep_apart (f, "L3", "G3");
  g_assert_cmpuint (proposed->len, ==, 1);
  g_assert_cmpuint (COUNT (f, PROPOSED), ==, 0);
  g_assert_cmpuint (COUNT (f, KEPT_APART), ==, 2);
  l3 = find_row (f, "L3", NULL);
  g_assert_cmpuint (liaison_contact_row_get_status (l3), ==, LIAISON_LINK_STATUS_KEPT_APART);
  g_assert_cmpuint (liaison_contact_row_get_n_candidates (l3), ==, 1);
  g_clear_object (&l3);

  dup = find_row (f, "L4", NULL);
  candidates = liaison_contact_list_find_candidates (f->list, dup);
  g_assert_cmpuint (candidates->len, ==, 2);
  g_clear_object (&dup);
  ambiguous = keep_apart (f, "L4", NULL);
  g_assert_cmpuint (ambiguous->len, ==, 2);
  g_assert_cmpuint (COUNT (f, AMBIGUOUS), ==, 0);
  g_assert_cmpuint (COUNT (f, KEPT_APART), ==, 5);
  g_assert_cmpuint (liaison_contact_list_get_n_total (f->list), ==, 9);
  dup = find_row (f, "L4", NULL);
  g_assert_cmpuint (liaison_contact_row_get_n_candidates (dup), ==, 2);

  /* The store has the three pairs, by remote ids. */
  stored = liaison_store_list_apart (f->store, LIAISON_RECORD_CONTACT, f->lsq, f->ghl, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 3);

  /* Only a proposed or ambiguous contact can be kept apart. */
  liaison_contact_list_keep_apart_async (f->list, dup, NULL, store_test_result_cb, &result);
  g_assert_null (
      liaison_contact_list_keep_apart_finish (f->list, store_test_wait (&result), &error));
  g_assert_error (error, LIAISON_STORE_ERROR, LIAISON_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Matching the lead again releases both of its pairs; Undo releases exactly what it kept. */
  match_again (f, dup, NULL);
  g_assert_cmpuint (COUNT (f, AMBIGUOUS), ==, 3);
  g_assert_cmpuint (COUNT (f, KEPT_APART), ==, 2);
  match_again (f, NULL, proposed);
  g_assert_cmpuint (COUNT (f, PROPOSED), ==, 1);
  g_assert_cmpuint (COUNT (f, KEPT_APART), ==, 0);
  g_clear_pointer (&stored, g_ptr_array_unref);
  stored = liaison_store_list_apart (f->store, LIAISON_RECORD_CONTACT, f->lsq, f->ghl, &error);
  g_assert_cmpuint (stored->len, ==, 0);
}

/* An ambiguous set found by phone lists its candidates by the number in E.164, however each
 * side writes it, not by the text shown. */
static void
test_phone_candidates (Fixture *f, gconstpointer data)
{
  g_autoptr (LiaisonContactRow) lead = NULL;
  g_autoptr (GPtrArray) candidates = NULL;

  add_contacts (f, f->lsq,
                (LiaisonStoreRecord *[]){
                    store_test_contact ("L1", "Pat Lee", NULL, "(415) 555-0199", NULL, 1), NULL });
  add_contacts (f, f->ghl,
                (LiaisonStoreRecord *[]){
                    store_test_contact ("G1", "Pat Lee", NULL, "+1 415 555 0199", NULL, 2),
                    store_test_contact ("G2", "P. Lee", NULL, "415.555.0199", NULL, 3),
                    store_test_contact ("G3", "Other Lee", NULL, "+1 415 555 0198", NULL, 4),
                    NULL });
  load (f);
  g_assert_cmpuint (COUNT (f, AMBIGUOUS), ==, 3);
  lead = find_row (f, "L1", NULL);
  candidates = liaison_contact_list_find_candidates (f->list, lead);
  g_assert_cmpuint (candidates->len, ==, 2);
  /* in name order: “P. Lee”, “Pat Lee” */
  g_assert_cmpstr (liaison_contact_row_get_ghl_id (candidates->pdata[0]), ==, "G2");
  g_assert_cmpstr (liaison_contact_row_get_ghl_id (candidates->pdata[1]), ==, "G1");
  /* A one-sided contact has no set. */
  g_clear_pointer (&candidates, g_ptr_array_unref);
  g_clear_object (&lead);
  lead = find_row (f, NULL, "G3");
  candidates = liaison_contact_list_find_candidates (f->list, lead);
  g_assert_cmpuint (candidates->len, ==, 0);
}

static void
set_refreshed (Fixture *f, const char *connection, gint64 at)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  liaison_store_set_refreshed_async (f->store, connection, at, NULL, store_test_result_cb, &result);
  g_assert_true (liaison_store_set_refreshed_finish (f->store, store_test_wait (&result), &error));
  g_assert_no_error (error);
}

/* The list says when both accounts were refreshed: the older of the two, none until both were. */
static void
test_refreshed_at (Fixture *f, gconstpointer data)
{
  load (f);
  g_assert_cmpint (liaison_contact_list_get_refreshed_at (f->list), ==, 0);
  set_refreshed (f, f->lsq, 1795769001000);
  load (f);
  g_assert_cmpint (liaison_contact_list_get_refreshed_at (f->list), ==, 0);
  set_refreshed (f, f->ghl, 1795769005000);
  load (f);
  g_assert_cmpint (liaison_contact_list_get_refreshed_at (f->list), ==, 1795769001000);
  g_assert_cmpint (liaison_store_get_refreshed_at (f->store, f->ghl, NULL), ==, 1795769005000);
}

/* ---- randomized: the model against a brute-force answer ---- */

typedef struct
{
  char *key;
  char *search;
  gint64 modified;
  guint status;
} Expected;

static void
expected_free (gpointer data)
{
  Expected *e = data;
  g_free (e->key);
  g_free (e->search);
  g_free (e);
}

static void
random_set_up (Fixture *f, gconstpointer data)
{
  const char *syllables[] = { "ka", "lo", "mi", "ré", "sa", "to", "vu", "ne", "zé", "ar" };
  g_autoptr (GRand) rand = g_rand_new_with_seed (6);
  g_autoptr (GPtrArray) lsq
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
  g_autoptr (GPtrArray) ghl
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
  g_autoptr (GPtrArray) links
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_link_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = NULL;

  fixture_set_up (f, data);
  for (guint i = 0; i < 500; i++)
    {
      g_autoptr (GString) name = g_string_new (NULL);
      g_autofree char *lid = g_strdup_printf ("L%u", i);
      g_autofree char *gid = g_strdup_printf ("G%u", i);
      g_autofree char *email = g_strdup_printf ("p%u@ex%u.io", i, i % 7);
      g_autofree char *phone = g_strdup_printf ("(415) 555-%04u", i);
      guint kind = i % 5; /* 0-1 linked, 2 proposed (same e-mail), 3 lsq only, 4 ghl only */
      gint64 modified = g_rand_int_range (rand, 0, 50);

      for (guint s = 0; s < 3; s++)
        g_string_append (name, syllables[g_rand_int_range (rand, 0, G_N_ELEMENTS (syllables))]);
      g_string_append_printf (name, " %s", syllables[i % G_N_ELEMENTS (syllables)]);
      if (kind != 4)
        g_ptr_array_add (lsq, store_test_contact (lid, name->str, email, phone, "Firm", modified));
      if (kind != 3)
        g_ptr_array_add (ghl, store_test_contact (gid, name->str, kind == 2 ? email : NULL,
                                                  kind == 2 ? NULL : phone, "Firm",
                                                  kind == 4 ? modified : 0));
      if (kind < 2)
        g_ptr_array_add (links, liaison_store_link_new (LIAISON_RECORD_CONTACT, f->lsq, lid, f->ghl,
                                                        gid, LIAISON_LINK_MATCHED));
    }
  g_assert_true (store_test_commit (f->store, f->lsq, LIAISON_RECORD_CONTACT, lsq, NULL, &error));
  g_assert_true (store_test_commit (f->store, f->ghl, LIAISON_RECORD_CONTACT, ghl, NULL, &error));
  ids = store_test_link (f->store, links, &error);
  g_assert_no_error (error);
}

static int
compare_modified (gconstpointer a, gconstpointer b)
{
  const Expected *x = *(const Expected *const *) a;
  const Expected *y = *(const Expected *const *) b;

  return x->modified == y->modified ? 0 : (x->modified > y->modified ? -1 : 1);
}

static void
test_random (Fixture *f, gconstpointer data)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);
  g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func (expected_free);
  g_autoptr (GPtrArray) by_modified = NULL;
  const LiaisonLinkStatus masks[] = { LIAISON_LINK_STATUS_ALL, LIAISON_LINK_STATUS_LINKED,
                                      LIAISON_LINK_STATUS_PROPOSED | LIAISON_LINK_STATUS_LSQ_ONLY,
                                      LIAISON_LINK_STATUS_GHL_ONLY };
  g_autofree char *typed = NULL;

  load (f);
  g_assert_cmpuint (f->shadow->len, ==, 500);
  g_assert_cmpuint (liaison_contact_list_count_status (f->list, LIAISON_LINK_STATUS_PROPOSED), ==,
                    100);
  for (guint i = 0; i < f->shadow->len; i++)
    {
      g_autoptr (LiaisonContactRow) row = g_list_model_get_item (G_LIST_MODEL (f->list), i);
      Expected *e = g_new0 (Expected, 1);
      e->key = row_key (row);
      e->search = liaison_normalize_search_text (
          liaison_contact_row_get_display_name (row), liaison_contact_row_get_email (row),
          liaison_contact_row_get_phone (row), liaison_contact_row_get_company (row));
      e->modified = liaison_contact_row_get_modified_at (row);
      e->status = liaison_contact_row_get_status (row);
      g_ptr_array_add (all, e);
    }
  by_modified = g_ptr_array_sized_new (all->len); /* borrows the rows of `all` */
  g_ptr_array_extend (by_modified, all, NULL, NULL);
  g_ptr_array_sort (by_modified, compare_modified); /* stable: ties stay in name order */

  for (guint step = 0; step < 120; step++)
    {
      guint what = g_rand_int_range (rand, 0, 10);
      GPtrArray *order;
      g_autofree char *folded = NULL;
      guint n = 0;

      f->n_signals = 0;
      if (what < 6)
        {
          /* Type one more letter of a row's name, or start over with a new one. */
          const Expected *target = all->pdata[g_rand_int_range (rand, 0, all->len)];
          if (typed == NULL || strlen (typed) >= 6 || what == 0)
            {
              g_free (typed);
              typed = g_strndup (target->search + g_rand_int_range (rand, 0, 3), 1);
            }
          else
            {
              char *longer = g_strdup_printf ("%s%c", typed,
                                              "akloimnrstuvez5"[g_rand_int_range (rand, 0, 15)]);
              g_free (typed);
              typed = longer;
            }
          liaison_contact_list_set_filter_text (f->list, typed);
        }
      else if (what < 8)
        liaison_contact_list_set_status_filter (
            f->list, masks[g_rand_int_range (rand, 0, G_N_ELEMENTS (masks))]);
      else
        liaison_contact_list_set_sort (f->list, g_rand_int_range (rand, 0, 2));

      g_assert_cmpuint (f->n_signals, <=, 1);
      assert_shadow (f);

      order = liaison_contact_list_get_sort (f->list) == LIAISON_CONTACT_SORT_NAME ? all
                                                                                   : by_modified;
      folded = liaison_normalize_text (liaison_contact_list_get_filter_text (f->list));
      for (guint i = 0; i < order->len; i++)
        {
          const Expected *e = order->pdata[i];
          if ((e->status & liaison_contact_list_get_status_filter (f->list)) == 0
              || strstr (e->search, folded) == NULL)
            continue;
          g_assert_cmpuint (n, <, f->shadow->len);
          g_assert_cmpstr (f->shadow->pdata[n], ==, e->key);
          n++;
        }
      g_assert_cmpuint (n, ==, f->shadow->len);
    }
}

/* A new list for the fixture's store, whose index starts being built at once. */
static void
renew_list (Fixture *f)
{
  g_clear_object (&f->list);
  g_ptr_array_set_size (f->shadow, 0);
  f->n_signals = 0;
  f->list = liaison_contact_list_new (f->store, f->lsq, f->ghl);
  g_signal_connect (f->list, "items-changed", G_CALLBACK (on_items_changed), f);
}

/* Until the list's own index (built when it is made) has been read. */
static void
wait_prefetch (Fixture *f)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (LiaisonContactList) probe = liaison_contact_list_new (f->store, f->lsq, f->ghl);

  /* The store's worker runs jobs in order: once a later list has loaded, ours is built. */
  liaison_contact_list_load_async (probe, NULL, store_test_result_cb, &result);
  g_assert_true (liaison_contact_list_load_finish (probe, store_test_wait (&result), NULL));
  store_test_drain ();
}

/* The index built when the list is made serves the first load, whether that load comes while it
 * is built or after; a change in between is never lost. */
static void
test_prefetch (Fixture *f, gconstpointer data)
{
  const char *const all[] = {
    "L1|G1|" LINKED "|Alice Archer", "L2|G2|" LINKED "|Bob Brown",  "|G4a|" AMBIGUOUS "|Dup One",
    "L4||" AMBIGUOUS "|Dup Person",  "|G4b|" AMBIGUOUS "|Dup Two",  "L3|G3|" PROPOSED "|Émile Zola",
    "|G6|" GHL_ONLY "|Ghl Only",     "L5||" LSQ_ONLY "|Lonely Lsq", NULL
  };

  /* Loaded while the index is still being built. */
  renew_list (f);
  load (f);
  g_assert_cmpuint (f->n_signals, ==, 1);
  assert_keys (f, all);
  g_assert_false (liaison_contact_list_get_loading (f->list));

  /* Loaded after the index was built. */
  renew_list (f);
  wait_prefetch (f);
  g_assert_cmpuint (f->n_signals, ==, 0);
  load (f);
  g_assert_cmpuint (f->n_signals, ==, 1);
  assert_keys (f, all);

  /* A contact stored after the index was built, before the load: the load shows it. */
  renew_list (f);
  wait_prefetch (f);
  add_contacts (f, f->lsq,
                (LiaisonStoreRecord *[]){
                    store_test_contact ("L9", "Aaron Early", "aaron@x.io", NULL, NULL, 5), NULL });
  store_test_drain ();
  load (f);
  g_assert_cmpuint (f->shadow->len, ==, 9);
  g_assert_cmpstr (f->shadow->pdata[0], ==, "L9||" LSQ_ONLY "|Aaron Early");
  assert_shadow (f);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, setup, func) g_test_add (path, Fixture, NULL, setup, func, fixture_tear_down)
  ADD ("/contact-list/load", small_set_up, test_load);
  ADD ("/contact-list/filter", small_set_up, test_filter);
  ADD ("/contact-list/sort", small_set_up, test_sort);
  ADD ("/contact-list/reload", small_set_up, test_reload);
  ADD ("/contact-list/link-lifecycle", fixture_set_up, test_link_lifecycle);
  ADD ("/contact-list/keep-apart", small_set_up, test_keep_apart);
  ADD ("/contact-list/phone-candidates", fixture_set_up, test_phone_candidates);
  ADD ("/contact-list/refreshed-at", small_set_up, test_refreshed_at);
  ADD ("/contact-list/random", random_set_up, test_random);
  ADD ("/contact-list/prefetch", small_set_up, test_prefetch);
#undef ADD
  return g_test_run ();
}
