/* bench-refresh.c: "time to refresh 10,000 changed contacts from the sandbox" (issue 6). An
 * in-process sandbox with more than 10,000 contacts on each side; one full "Refresh from both";
 * then 5,000 contacts changed in each service's web UI (the sandbox's /_sandbox/ control routes)
 * and the incremental refresh that brings those 10,000 changes into the store, timed.
 *
 * The clients' rate limiters are set to the sandbox's rates, which are the services' documented
 * ones, so the figure includes the pacing a real account imposes. Prints one JSON object per
 * line: figure, value, unit and the conditions. A benchmark, never a timed test.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>

#include "liaison-bearer-authorizer.h"
#include "liaison-lsq-key-authorizer.h"
#include "liaison-refresher.h"
#include "liaison-sandbox.h"
#include "store-test-util.h"

#define N_PEOPLE 13000 /* 80% of them are in each service */
#define N_CHANGED_PER_SIDE 5000
#define PAGE_SIZE 500
#define IN_FLIGHT 16

/* The sandbox's default rates (liaison-sandbox-ghl.c, liaison-sandbox-lsq.h). */
#define GHL_BURST 100
#define GHL_INTERVAL_MS 10000
#define LSQ_BURST 10
#define LSQ_INTERVAL_MS 5000

typedef struct
{
  SoupSession *session;
  GPtrArray *paths; /* PATCH targets */
  GPtrArray *bodies;
  guint next;
  guint pending;
  guint failed;
} Changes;

static void send_next (Changes *c, const char *base);

typedef struct
{
  Changes *changes;
  const char *base;
  SoupMessage *msg;
} Sent;

static void
on_sent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Sent *sent = user_data;
  g_autoptr (GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);

  if (body == NULL || soup_message_get_status (sent->msg) >= 300)
    sent->changes->failed++;
  sent->changes->pending--;
  send_next (sent->changes, sent->base);
  g_object_unref (sent->msg);
  g_free (sent);
}

static void
send_next (Changes *c, const char *base)
{
  while (c->pending < IN_FLIGHT && c->next < c->paths->len)
    {
      g_autofree char *url = g_strconcat (base, c->paths->pdata[c->next], NULL);
      g_autoptr (GBytes) bytes
          = g_bytes_new (c->bodies->pdata[c->next], strlen (c->bodies->pdata[c->next]));
      Sent *sent = g_new0 (Sent, 1);

      sent->changes = c;
      sent->base = base;
      sent->msg = soup_message_new ("PATCH", url);
      soup_message_set_request_body_from_bytes (sent->msg, "application/json", bytes);
      c->next++;
      c->pending++;
      soup_session_send_and_read_async (c->session, sent->msg, G_PRIORITY_DEFAULT, NULL, on_sent,
                                        sent);
    }
}

/* The ids of a control collection ("ghl/contacts", "lsq/leads"). */
static GPtrArray *
list_ids (SoupSession *session, const char *base, const char *collection, const char *id_member)
{
  g_autofree char *url = g_strdup_printf ("%s/_sandbox/%s", base, collection);
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_autoptr (JsonNode) root = NULL;
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  JsonArray *records;

  if (reply == NULL)
    g_error ("listing %s: %s", collection, error->message);
  root = json_from_string (g_bytes_get_data (reply, NULL), &error);
  if (root == NULL)
    g_error ("listing %s: %s", collection, error->message);
  records = json_object_get_array_member (json_node_get_object (root), "records");
  for (guint i = 0; i < json_array_get_length (records); i++)
    g_ptr_array_add (ids, g_strdup (json_object_get_string_member (
                              json_array_get_object_element (records, i), id_member)));
  return ids;
}

/* Changes n records of one service the way a person would, n at a time in flight. */
static void
change (SoupSession *session, const char *base, const char *collection, GPtrArray *ids,
        const char *member, guint n)
{
  Changes c = { 0 };

  c.session = session;
  c.paths = g_ptr_array_new_with_free_func (g_free);
  c.bodies = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n && i < ids->len; i++)
    {
      g_ptr_array_add (c.paths,
                       g_strdup_printf ("/_sandbox/%s/%s", collection, (char *) ids->pdata[i]));
      g_ptr_array_add (c.bodies, g_strdup_printf ("{\"%s\": \"Changed %u\"}", member, i));
    }
  send_next (&c, base);
  while (c.pending > 0)
    g_main_context_iteration (NULL, TRUE);
  if (c.failed > 0)
    g_error ("%u of %u changes to %s failed", c.failed, c.paths->len, collection);
  g_ptr_array_unref (c.paths);
  g_ptr_array_unref (c.bodies);
}

static double
run_refresh (LiaisonRefresher *refresher, gboolean full)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  liaison_refresher_run_async (refresher, full, NULL, store_test_result_cb, &result);
  if (!liaison_refresher_run_finish (refresher, store_test_wait (&result), &error))
    g_error ("refresh: %s", error->message);
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
print_figure (const char *figure, double value, const char *unit, const char *conditions)
{
  printf ("{\"bench\": \"refresh\", \"figure\": \"%s\", \"value\": %.2f, \"unit\": \"%s\","
          " \"conditions\": %s}\n",
          figure, value, unit, conditions);
  fflush (stdout);
}

int
main (int argc, char *argv[])
{
  LiaisonSandboxOptions options;
  g_autoptr (LiaisonSandbox) sandbox = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LiaisonHttp) ghl_http = NULL;
  g_autoptr (LiaisonHttp) lsq_http = NULL;
  g_autoptr (LiaisonAuthorizer) ghl_auth = NULL;
  g_autoptr (LiaisonAuthorizer) lsq_auth = NULL;
  g_autoptr (LiaisonGhlClient) ghl = NULL;
  g_autoptr (LiaisonLsqClient) lsq = NULL;
  g_autoptr (LiaisonStore) store = NULL;
  g_autoptr (LiaisonRefresher) refresher = NULL;
  g_autoptr (SoupSession) control
      = soup_session_new_with_options ("max-conns", 64, "max-conns-per-host", 32, NULL);
  g_autoptr (GPtrArray) ghl_ids = NULL;
  g_autoptr (GPtrArray) lsq_ids = NULL;
  g_autoptr (LiaisonStoreRecord) changed = NULL;
  g_autofree char *dir = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autofree char *lsq_id = NULL;
  g_autofree char *ghl_id = NULL;
  g_autofree char *conditions = NULL;
  gint64 n_ghl, n_lsq;
  guint fetched_ghl, fetched_lsq;
  double full_s, change_s, incremental_s;
  gint64 start;

  liaison_sandbox_options_init (&options);
  options.seed = 6;
  options.contacts = N_PEOPLE;
  /* NULL rates: the sandbox enforces the services' documented defaults. */
  sandbox = liaison_sandbox_new (&options);
  if (!liaison_sandbox_start_in_thread (sandbox, &error))
    g_error ("sandbox: %s", error->message);

  store = store_test_open (path, "US", &error);
  if (store == NULL)
    g_error ("store: %s", error->message);
  lsq_id = store_test_add_connection (store, LIAISON_SERVICE_LSQ, "sandbox-org");
  ghl_id = store_test_add_connection (store, LIAISON_SERVICE_GHL,
                                      liaison_sandbox_get_location_id (sandbox));

  ghl_auth = liaison_bearer_authorizer_new (liaison_sandbox_get_private_token (sandbox));
  ghl_http = liaison_http_new (LIAISON_HTTP_SERVICE_GHL, liaison_sandbox_get_ghl_url (sandbox),
                               ghl_auth, &error);
  if (ghl_http == NULL)
    g_error ("ghl: %s", error->message);
  lsq_auth = liaison_lsq_key_authorizer_new (liaison_sandbox_get_lsq_access_key (sandbox),
                                             liaison_sandbox_get_lsq_secret_key (sandbox));
  lsq_http = liaison_http_new (LIAISON_HTTP_SERVICE_LSQ, liaison_sandbox_get_lsq_url (sandbox),
                               lsq_auth, &error);
  if (lsq_http == NULL)
    g_error ("lsq: %s", error->message);
  liaison_rate_limiter_set_limit (liaison_http_get_rate_limiter (ghl_http), GHL_BURST,
                                  GHL_INTERVAL_MS);
  liaison_rate_limiter_set_limit (liaison_http_get_rate_limiter (lsq_http), LSQ_BURST,
                                  LSQ_INTERVAL_MS);
  ghl = liaison_ghl_client_new (ghl_http, liaison_sandbox_get_location_id (sandbox));
  lsq = liaison_lsq_client_new (lsq_http);
  refresher = liaison_refresher_new (store, lsq, lsq_id, ghl, ghl_id);
  liaison_refresher_set_page_size (refresher, PAGE_SIZE);

  full_s = run_refresh (refresher, TRUE);
  n_ghl = liaison_store_count_records (store, ghl_id, LIAISON_RECORD_CONTACT, NULL);
  n_lsq = liaison_store_count_records (store, lsq_id, LIAISON_RECORD_CONTACT, NULL);
  if (n_ghl < 10000 || n_lsq < 10000)
    g_error ("the sandbox has too few contacts: %" G_GINT64_FORMAT " / %" G_GINT64_FORMAT, n_ghl,
             n_lsq);
  conditions = g_strdup_printf (
      "{\"ghl_contacts\": %" G_GINT64_FORMAT ", \"lsq_contacts\": %" G_GINT64_FORMAT ","
      " \"page_size\": %u, \"sandbox_ghl_rate\": \"%u/%us\", \"sandbox_lsq_rate\": \"%u/%us\","
      " \"client_ghl_limiter\": \"%u/%us\", \"client_lsq_limiter\": \"%u/%us\","
      " \"transport\": \"HTTP over loopback, in-process sandbox\"}",
      n_ghl, n_lsq, PAGE_SIZE, GHL_BURST, GHL_INTERVAL_MS / 1000, LSQ_BURST, LSQ_INTERVAL_MS / 1000,
      liaison_rate_limiter_get_burst (liaison_http_get_rate_limiter (ghl_http)),
      liaison_rate_limiter_get_interval_ms (liaison_http_get_rate_limiter (ghl_http)) / 1000,
      liaison_rate_limiter_get_burst (liaison_http_get_rate_limiter (lsq_http)),
      liaison_rate_limiter_get_interval_ms (liaison_http_get_rate_limiter (lsq_http)) / 1000);
  print_figure ("full_refresh", full_s, "s", conditions);

  /* A person changes 5,000 contacts in each web UI. */
  ghl_ids = list_ids (control, liaison_sandbox_get_ghl_url (sandbox), "ghl/contacts", "id");
  lsq_ids = list_ids (control, liaison_sandbox_get_lsq_url (sandbox), "lsq/leads", "ProspectID");
  start = g_get_monotonic_time ();
  change (control, liaison_sandbox_get_ghl_url (sandbox), "ghl/contacts", ghl_ids, "firstName",
          N_CHANGED_PER_SIDE);
  change (control, liaison_sandbox_get_lsq_url (sandbox), "lsq/leads", lsq_ids, "FirstName",
          N_CHANGED_PER_SIDE);
  change_s = (g_get_monotonic_time () - start) / 1e6;
  print_figure ("setup_change_10000_contacts_via_control_routes", change_s, "s", conditions);

  incremental_s = run_refresh (refresher, FALSE);
  fetched_ghl = liaison_refresher_get_fetched (refresher, LIAISON_SERVICE_GHL);
  fetched_lsq = liaison_refresher_get_fetched (refresher, LIAISON_SERVICE_LSQ);
  /* The figure means something only if the changes reached the store. */
  changed = liaison_store_lookup_record (store, ghl_id, LIAISON_RECORD_CONTACT,
                                         ghl_ids->pdata[N_CHANGED_PER_SIDE - 1], &error);
  if (changed == NULL || changed->display_name == NULL
      || !g_str_has_prefix (changed->display_name, "Changed"))
    g_error ("a changed HighLevel contact did not reach the store");
  g_clear_pointer (&changed, liaison_store_record_free);
  changed = liaison_store_lookup_record (store, lsq_id, LIAISON_RECORD_CONTACT,
                                         lsq_ids->pdata[N_CHANGED_PER_SIDE - 1], &error);
  if (changed == NULL || changed->display_name == NULL
      || !g_str_has_prefix (changed->display_name, "Changed"))
    g_error ("a changed LeadSquared contact did not reach the store");

  g_free (conditions);
  conditions = g_strdup_printf (
      "{\"changed_ghl\": %u, \"changed_lsq\": %u, \"fetched_ghl\": %u, \"fetched_lsq\": %u,"
      " \"ghl_contacts\": %" G_GINT64_FORMAT ", \"lsq_contacts\": %" G_GINT64_FORMAT ","
      " \"page_size\": %u, \"sandbox_ghl_rate\": \"%u/%us\", \"sandbox_lsq_rate\": \"%u/%us\","
      " \"client_ghl_limiter\": \"%u/%us\", \"client_lsq_limiter\": \"%u/%us\","
      " \"note\": \"both services read at the same time; fetched includes the 5-minute"
      " overlap re-read\"}",
      N_CHANGED_PER_SIDE, N_CHANGED_PER_SIDE, fetched_ghl, fetched_lsq, n_ghl, n_lsq, PAGE_SIZE,
      GHL_BURST, GHL_INTERVAL_MS / 1000, LSQ_BURST, LSQ_INTERVAL_MS / 1000, GHL_BURST,
      GHL_INTERVAL_MS / 1000, LSQ_BURST, LSQ_INTERVAL_MS / 1000);
  print_figure ("incremental_refresh_10000_changed", incremental_s, "s", conditions);

  g_clear_object (&refresher);
  g_clear_object (&ghl);
  g_clear_object (&lsq);
  store_test_drain ();
  g_clear_object (&store);
  store_test_drain ();
  liaison_sandbox_stop (sandbox);
  store_test_rmtree (dir);
  return 0;
}
