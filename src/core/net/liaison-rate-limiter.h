/* liaison-rate-limiter.h: keeps one service account under its documented
 * request limits, bounds the requests in flight and serves people first.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "liaison-http-request.h"

G_BEGIN_DECLS

/* The documented daily quotas: HighLevel's 200,000 requests a day for each app and location
 * (docs/oauth/Authorization.md); LeadSquared's 10,000 a day of its Pro plan before the 1,000
 * each user adds (apidocs.leadsquared.com/rate-limits), the least an account has. */
#define LIAISON_GHL_DAILY_QUOTA 200000
#define LIAISON_LSQ_DAILY_QUOTA 10000

#define LIAISON_TYPE_RATE_LIMITER (liaison_rate_limiter_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonRateLimiter, liaison_rate_limiter, LIAISON, RATE_LIMITER, GObject)

LiaisonRateLimiter *liaison_rate_limiter_new (guint burst, guint interval_ms, guint max_in_flight);
LiaisonRateLimiter *liaison_rate_limiter_new_for_ghl (void);
LiaisonRateLimiter *liaison_rate_limiter_new_for_lsq (void);
void liaison_rate_limiter_set_limit (LiaisonRateLimiter *self, guint burst, guint interval_ms);
void liaison_rate_limiter_set_bulk_limit (LiaisonRateLimiter *self, guint burst, guint interval_ms);
void liaison_rate_limiter_set_daily_limit (LiaisonRateLimiter *self, guint limit);
void liaison_rate_limiter_set_max_in_flight (LiaisonRateLimiter *self, guint max_in_flight);
guint liaison_rate_limiter_get_burst (LiaisonRateLimiter *self);
guint liaison_rate_limiter_get_interval_ms (LiaisonRateLimiter *self);
guint liaison_rate_limiter_get_max_in_flight (LiaisonRateLimiter *self);
guint liaison_rate_limiter_get_in_flight (LiaisonRateLimiter *self);
guint liaison_rate_limiter_get_waiting (LiaisonRateLimiter *self);
guint liaison_rate_limiter_get_available (LiaisonRateLimiter *self);
gint64 liaison_rate_limiter_get_daily_remaining (LiaisonRateLimiter *self);
/* How long n_calls requests (n_bulk of them bulk calls, counted in n_calls too) take to be let
 * through under the limits, from windows with nothing spent: the waits only, in ms, not the
 * requests' own time. For a plan's estimate; the day's quota is get_daily_remaining's. */
gint64 liaison_rate_limiter_estimate_ms (LiaisonRateLimiter *self, guint n_calls, guint n_bulk);
void liaison_rate_limiter_update_from_headers (LiaisonRateLimiter *self,
                                               SoupMessageHeaders *headers);
void liaison_rate_limiter_note_rejected (LiaisonRateLimiter *self);
void liaison_rate_limiter_acquire_async (LiaisonRateLimiter *self, LiaisonHttpPriority priority,
                                         gboolean bulk, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
gboolean liaison_rate_limiter_acquire_finish (LiaisonRateLimiter *self, GAsyncResult *result,
                                              GError **error);
void liaison_rate_limiter_release (LiaisonRateLimiter *self);

G_END_DECLS
