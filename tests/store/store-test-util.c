/* store-test-util.c: helpers shared by the store tests and benchmark.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "store-test-util.h"

void
store_test_result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/* Runs the main context until the callback has stored its result; the caller owns it. */
GAsyncResult *
store_test_wait (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* Waits until every job queued on the store before now has run: the store runs its jobs one at a
 * time and in order, so a read queued behind them answers after the last of them. Then dispatches
 * what they left pending. */
void
store_test_settle (LiaisonStore *store, const char *connection_id)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;

  liaison_store_list_children_async (store, connection_id, LIAISON_RECORD_TASK, "", NULL,
                                     store_test_result_cb, &result);
  records = liaison_store_list_children_finish (store, store_test_wait (&result), &error);
  g_assert_no_error (error);
  store_test_drain ();
}

/* Dispatches what is already pending (store notifications, released jobs). */
void
store_test_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

char *
store_test_tmpdir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("liaison-store-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* Removes a temporary folder made by store_test_tmpdir and everything in it (files and folders
 * only: the tests make no links). */
void
store_test_rmtree (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        store_test_rmtree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

LiaisonStore *
store_test_open (const char *path, const char *region, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  liaison_store_open_async (path, region, NULL, store_test_result_cb, &result);
  return liaison_store_open_finish (store_test_wait (&result), error);
}

char *
store_test_add_connection (LiaisonStore *store, LiaisonService service, const char *account_id)
{
  g_autoptr (LiaisonStoreConnection) c = liaison_store_connection_new (service, account_id);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  char *id;

  c->display_name = g_strdup (account_id);
  liaison_store_save_connection_async (store, c, NULL, store_test_result_cb, &result);
  id = liaison_store_save_connection_finish (store, store_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

LiaisonStoreRecord *
store_test_contact (const char *remote_id, const char *name, const char *email, const char *phone,
                    const char *company, gint64 modified_at)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *raw = NULL;
  LiaisonStoreRecord *record;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, remote_id);
#define MEMBER(key, value)                                                                         \
  if (value != NULL)                                                                               \
    {                                                                                              \
      json_builder_set_member_name (builder, key);                                                 \
      json_builder_add_string_value (builder, value);                                              \
    }
  MEMBER ("name", name);
  MEMBER ("email", email);
  MEMBER ("phone", phone);
  MEMBER ("companyName", company);
#undef MEMBER
  json_builder_set_member_name (builder, "dateUpdated");
  json_builder_add_int_value (builder, modified_at);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  raw = json_generator_to_data (generator, NULL);

  record = liaison_store_record_new (LIAISON_RECORD_CONTACT, remote_id, raw);
  record->display_name = g_strdup (name);
  record->email = g_strdup (email);
  record->phone = g_strdup (phone);
  record->company = g_strdup (company);
  record->modified_at = modified_at;
  return record;
}

gboolean
store_test_commit (LiaisonStore *store, const char *connection_id, LiaisonRecordKind kind,
                   GPtrArray *records, const LiaisonStoreCursor *cursor, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  liaison_store_commit_page_async (store, connection_id, kind, records, cursor, NULL,
                                   store_test_result_cb, &result);
  return liaison_store_commit_page_finish (store, store_test_wait (&result), error);
}

GArray *
store_test_link (LiaisonStore *store, GPtrArray *links, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  liaison_store_create_links_async (store, links, NULL, store_test_result_cb, &result);
  return liaison_store_create_links_finish (store, store_test_wait (&result), error);
}

LiaisonStoreCursor *
store_test_begin_full (LiaisonStore *store, const char *connection_id, LiaisonRecordKind kind,
                       GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  liaison_store_begin_full_refresh_async (store, connection_id, kind, NULL, store_test_result_cb,
                                          &result);
  return liaison_store_begin_full_refresh_finish (store, store_test_wait (&result), error);
}

gboolean
store_test_finish_full (LiaisonStore *store, const char *connection_id, LiaisonRecordKind kind,
                        const char *cursor, gboolean keep_unseen, guint *n_gone, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  liaison_store_finish_full_refresh_async (store, connection_id, kind, cursor, keep_unseen, NULL,
                                           store_test_result_cb, &result);
  return liaison_store_finish_full_refresh_finish (store, store_test_wait (&result), n_gone, error);
}

/* ---- the benchmarks' generated store ---- */

#define BENCH_PAGE 2000

static const char *first_names[] = {
  "Margaret", "James",  "Priya", "Mohammed", "Chen",   "Sofia", "Liam",   "Aisha",
  "Lucas",    "Emma",   "Ravi",  "Olivia",   "Mateo",  "Yuki",  "Noah",   "Fatima",
  "Ethan",    "Zoë",    "Arjun", "Isabella", "Kwame",  "Chloé", "Daniel", "Ananya",
  "Thomas",   "Amara",  "Hugo",  "Leila",    "Samuel", "Mei",   "Oscar",  "Nadia",
  "Felix",    "Ingrid", "Diego", "Hannah",   "Tariq",  "Grace", "Jonas",  "Élodie",
};
static const char *last_names[] = {
  "Thompson", "García",  "Patel",   "Nguyen",  "Müller",  "Okafor", "Smith",    "Kowalski",
  "Rossi",    "Tanaka",  "Johnson", "Silva",   "Dubois",  "Khan",   "Andersen", "López",
  "Brown",    "Ivanova", "Murphy",  "Schmidt", "Haddad",  "Kim",    "Novak",    "O'Brien",
  "Fischer",  "Santos",  "Walker",  "Moreau",  "Sharma",  "Jensen", "Cohen",    "Yamamoto",
  "Bianchi",  "Mendes",  "Clarke",  "Weber",   "Hussain", "Larsen", "Fontaine", "Reyes",
};
static const char *companies[]
    = { "Acme Corp",         "Globex", "Initech",         "Umbrella", "Stark Ltd",
        "Wayne Enterprises", "Hooli",  "Vandelay Imports" };

/* The benchmark's generated contacts: n-th name, record and page, and a whole store of
 * n_contacts linked pairs (LeadSquared "L%07u", HighLevel "G%07u"). */
char *
store_test_bench_name (guint n)
{
  return g_strdup_printf ("%s %s", first_names[(n * 7) % G_N_ELEMENTS (first_names)],
                          last_names[(n / 3) % G_N_ELEMENTS (last_names)]);
}

static LiaisonStoreRecord *
bench_contact (const char *prefix, guint n, guint version)
{
  g_autofree char *id = g_strdup_printf ("%s%07u", prefix, n);
  g_autofree char *name = store_test_bench_name (n);
  g_autofree char *email = g_strdup_printf ("person%u@example%u.com", n, n % 97);
  g_autofree char *phone = g_strdup_printf ("+1 415 %03u %04u", 200 + n % 700, n % 10000);
  g_autofree char *shown = version ? g_strdup_printf ("%s (%u)", name, version) : g_strdup (name);

  return store_test_contact (id, shown, email, phone, companies[n % G_N_ELEMENTS (companies)],
                             1700000000000
                                 + (gint64) ((n * 7919) % STORE_TEST_BENCH_CONTACTS) * 1000);
}

void
store_test_bench_commit_range (LiaisonStore *store, const char *connection, const char *prefix,
                               guint from, guint to, guint version)
{
  g_autoptr (GPtrArray) page
      = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_record_free);
  g_autoptr (GError) error = NULL;

  for (guint n = from; n < to; n++)
    g_ptr_array_add (page, bench_contact (prefix, n, version));
  if (!store_test_commit (store, connection, LIAISON_RECORD_CONTACT, page, NULL, &error))
    g_error ("commit: %s", error->message);
}

int
store_test_bench_generate (const char *path, guint n_contacts)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonStore) store = liaison_store_open_sync (path, "US", &error);
  g_autofree char *lsq = NULL;
  g_autofree char *ghl = NULL;

  if (store == NULL)
    g_error ("open: %s", error->message);
  lsq = store_test_add_connection (store, LIAISON_SERVICE_LSQ, "bench-org");
  ghl = store_test_add_connection (store, LIAISON_SERVICE_GHL, "bench-location");
  for (guint n = 0; n < n_contacts; n += BENCH_PAGE)
    {
      g_autoptr (GPtrArray) links
          = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_store_link_free);
      g_autoptr (GArray) ids = NULL;

      store_test_bench_commit_range (store, lsq, "L", n, MIN (n + BENCH_PAGE, n_contacts), 0);
      store_test_bench_commit_range (store, ghl, "G", n, MIN (n + BENCH_PAGE, n_contacts), 0);
      for (guint i = n; i < MIN (n + BENCH_PAGE, n_contacts); i++)
        {
          g_autofree char *lid = g_strdup_printf ("L%07u", i);
          g_autofree char *gid = g_strdup_printf ("G%07u", i);
          g_ptr_array_add (links, liaison_store_link_new (LIAISON_RECORD_CONTACT, lsq, lid, ghl,
                                                          gid, LIAISON_LINK_MATCHED));
        }
      ids = store_test_link (store, links, &error);
      if (ids == NULL)
        g_error ("link: %s", error->message);
    }
  return 0;
}

double
store_test_ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

double
store_test_proc_status_mb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, field);
  if (line == NULL)
    return -1;
  return g_ascii_strtod (line + strlen (field) + 1, NULL) / 1024.0;
}

void
store_test_bench_spawn_generate (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  const char *child[] = { exe, "--generate", path, NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status,
                     &error)
      || !g_spawn_check_wait_status (status, &error))
    g_error ("generating the store: %s", error->message);
}
