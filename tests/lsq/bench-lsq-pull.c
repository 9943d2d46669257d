/* bench-lsq-pull.c: pulls 10,000 leads through Leads.RecentlyModified from a
 * sandbox that answers after 20 ms and enforces LeadSquared's documented
 * limit (10 calls per 5 s), with the client's limiter at the same limit.
 * Prints one JSON line: requests made, wall time, the achieved request
 * rate as a ratio of the allowed rate, and the 429s the sandbox answered.
 *
 * LIAISON_BENCH_PAGE_SIZE changes the page size (default 100, as a sync
 * run with small pages would use).
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-lsq"

#include <stdlib.h>

#include "lsq-test-util.h"

#define TARGET 10000
#define LATENCY_MS 20
#define ALLOWED_PER_S (10.0 / 5.0)

int
main (int argc, char *argv[])
{
  g_autoptr (LiaisonSandbox) sandbox = NULL;
  g_autoptr (LiaisonHttp) http = NULL;
  g_autoptr (LiaisonLsqClient) client = NULL;
  g_autoptr (GDateTime) from = lsq_time ("2000-01-01T00:00:00Z");
  g_autoptr (GDateTime) to = lsq_time ("2100-01-01T00:00:00Z");
  const char *size_text = g_getenv ("LIAISON_BENCH_PAGE_SIZE");
  guint page_size = size_text != NULL ? (guint) atoi (size_text) : 100;
  guint pulled = 0, requests = 0, record_count = 0, page;
  gboolean more = TRUE;
  LsqWait wait = { 0 };
  gint64 started, elapsed_us;
  double wall_s, rate;
  gint64 limited;

  if (page_size == 0)
    page_size = 100;

  /* 80% of the generated people are LeadSquared leads. */
  sandbox = lsq_sandbox_start (TARGET * 5 / 4 + 200, NULL, LATENCY_MS);
  http = lsq_http_new (sandbox, NULL);
  client = liaison_lsq_client_new (http);
  liaison_lsq_client_set_priority (client, LIAISON_HTTP_PRIORITY_BACKGROUND);

  started = g_get_monotonic_time ();
  for (page = 1; more && pulled < TARGET; page++)
    {
      g_autoptr (GPtrArray) leads = NULL;
      g_autoptr (GError) error = NULL;

      liaison_lsq_client_recently_modified_async (client, from, to, page, page_size, NULL,
                                                  lsq_wait_cb, &wait);
      leads = liaison_lsq_client_recently_modified_finish (client, lsq_wait (&wait), &record_count,
                                                           &more, &error);
      g_assert_no_error (error);
      requests++;
      pulled += leads->len;
    }
  elapsed_us = g_get_monotonic_time () - started;
  lsq_wait_clear (&wait);

  g_assert_cmpuint (pulled, >=, TARGET);
  wall_s = elapsed_us / (double) G_USEC_PER_SEC;
  rate = requests / wall_s;
  limited = lsq_status_count (sandbox, "429");
  g_print ("{\"benchmark\":\"lsq-pull\",\"leads\":%u,\"pageSize\":%u,\"requests\":%u,"
           "\"wallSeconds\":%.2f,\"requestsPerSecond\":%.3f,\"allowedPerSecond\":%.3f,"
           "\"ratio\":%.3f,\"status429\":%" G_GINT64_FORMAT ",\"latencyMs\":%d}\n",
           pulled, page_size, requests, wall_s, rate, ALLOWED_PER_S, rate / ALLOWED_PER_S, limited,
           LATENCY_MS);

  liaison_sandbox_stop (sandbox);
  return EXIT_SUCCESS;
}
