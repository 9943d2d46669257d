/* bench-ghl-pull.c: how close LiaisonGhlClient runs to HighLevel's rate
 * limit while pulling contacts the way sync does (POST /contacts/search,
 * searchAfter pages, oldest change first) from a sandbox that answers
 * after 20 ms and enforces the documented 100 requests per 10 s.
 *
 * One JSON line per page size: requests made, wall time, the achieved
 * request rate as a ratio of the allowed rate (100 / 10 s = 10 per second),
 * and the 429s the sandbox sent. The client keeps a sliding window (never
 * more than 100 in any 10 s), so it does not spend a full bucket and its
 * refill in the first interval; over a long pull the ratio approaches
 * 1 - 2% (the margin the window keeps for clock jitter). Page size 100 (the
 * client's default) pulls 10,018 contacts in 101 requests: one more than
 * the burst, so the last one waits for the window. Page size 20 needs 501
 * requests: five windows, bound by the limit throughout.
 *
 * The sandbox's --contacts counts people for both services; about 80% are
 * in HighLevel, so the default 12,450 gives 10,018 HighLevel contacts.
 *
 * Usage: bench-ghl-pull [--contacts N] [--latency-ms MS] [--page-sizes 100,20]
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>

#include "ghl-test-util.h"

#define BURST 100
#define INTERVAL_MS 10000

static void
reset_limits (LiaisonSandbox *sandbox)
{
  g_autofree char *body
      = g_strdup_printf ("{\"class\":\"default\",\"max\":%d,\"intervalMs\":%d,\"dailyMax\":200000}",
                         BURST, INTERVAL_MS);
  /* Setting the rate also refills the sandbox's bucket. */
  g_autoptr (Resp) resp = ghl_control (sandbox, "POST", "/_sandbox/rates", body);

  if (resp->status != 200)
    g_error ("the sandbox refused its rate: %u", resp->status);
}

static void
pull (LiaisonSandbox *sandbox, guint page_size)
{
  g_autoptr (LiaisonAuthorizer) bearer
      = liaison_bearer_authorizer_new (liaison_sandbox_get_private_token (sandbox));
  g_autoptr (LiaisonHttp) http = ghl_http_new (sandbox, bearer);
  g_autoptr (LiaisonGhlClient) client
      = liaison_ghl_client_new (http, liaison_sandbox_get_location_id (sandbox));
  g_autofree char *cursor = NULL;
  guint before_429 = ghl_status_count (sandbox, "429");
  guint requests = 0, contacts = 0, total = 0;
  gint64 started;
  double seconds, rate, allowed_rate = BURST * 1000.0 / INTERVAL_MS;

  /* Sync pulls in the background. */
  liaison_ghl_client_set_priority (client, LIAISON_HTTP_PRIORITY_BACKGROUND);
  started = g_get_monotonic_time ();
  do
    {
      g_auto (GhlWait) wait = { 0 };
      g_autoptr (GPtrArray) page = NULL;
      g_autoptr (GError) error = NULL;
      char *next = NULL;

      liaison_ghl_client_search_contacts_async (client, NULL, cursor, page_size, NULL, ghl_on_done,
                                                &wait);
      page = liaison_ghl_client_search_contacts_finish (client, ghl_wait (&wait), &next, &total,
                                                        &error);
      if (page == NULL)
        g_error ("page %u failed: %s", requests + 1, error->message);
      requests++;
      contacts += page->len;
      g_free (cursor);
      cursor = next;
    }
  while (cursor != NULL);
  seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  rate = requests / seconds;

  if (contacts != total)
    g_error ("pulled %u contacts of %u", contacts, total);
  g_print ("{\"benchmark\":\"ghl-pull\",\"contacts\":%u,\"pageSize\":%u,\"requests\":%u,"
           "\"wallSeconds\":%.2f,\"requestsPerSecond\":%.2f,\"allowedPerSecond\":%.2f,"
           "\"achievedToAllowed\":%.3f,\"rateLimited429\":%u}\n",
           contacts, page_size, requests, seconds, rate, allowed_rate, rate / allowed_rate,
           ghl_status_count (sandbox, "429") - before_429);
}

int
main (int argc, char *argv[])
{
  guint contacts = 12450, latency = 20;
  g_autofree char *sizes_text = NULL;
  g_auto (GStrv) sizes = NULL;
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  LiaisonSandbox *sandbox;
  const GOptionEntry entries[]
      = { { "contacts", 0, 0, G_OPTION_ARG_INT, &contacts,
            "People the sandbox generates (12450: 10,018 of them in HighLevel)", "N" },
          { "latency-ms", 0, 0, G_OPTION_ARG_INT, &latency, "Sandbox latency", "MS" },
          { "page-sizes", 0, 0, G_OPTION_ARG_STRING, &sizes_text, "Page sizes to pull with",
            "N,N" },
          { NULL } };
  guint i;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  sizes = g_strsplit (sizes_text != NULL ? sizes_text : "100,20", ",", -1);

  sandbox = ghl_sandbox_new (contacts, NULL, latency);
  for (i = 0; sizes[i] != NULL; i++)
    {
      reset_limits (sandbox);
      pull (sandbox, (guint) g_ascii_strtoull (sizes[i], NULL, 10));
    }
  liaison_sandbox_stop (sandbox);
  g_object_unref (sandbox);
  return EXIT_SUCCESS;
}
