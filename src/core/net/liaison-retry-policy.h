/* liaison-retry-policy.h: decides whether and when a failed request is tried
 * again: exponential backoff with full jitter, Retry-After, a bounded count.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "liaison-http-error.h"

G_BEGIN_DECLS

typedef enum
{
  LIAISON_RETRY_DECISION_RETRY,
  LIAISON_RETRY_DECISION_NOT_RETRYABLE,
  LIAISON_RETRY_DECISION_EXHAUSTED,
  LIAISON_RETRY_DECISION_WAIT_TOO_LONG,
} LiaisonRetryDecision;

/* Wall-clock time in microseconds since the epoch (as g_get_real_time). */
typedef gint64 (*LiaisonClockFunc) (gpointer user_data);
/* A uniformly distributed number in [0, 1). */
typedef double (*LiaisonRandomFunc) (gpointer user_data);

#define LIAISON_TYPE_RETRY_POLICY (liaison_retry_policy_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonRetryPolicy, liaison_retry_policy, LIAISON, RETRY_POLICY, GObject)

LiaisonRetryPolicy *liaison_retry_policy_new (void);
guint liaison_retry_policy_get_max_attempts (LiaisonRetryPolicy *self);
void liaison_retry_policy_set_max_attempts (LiaisonRetryPolicy *self, guint max_attempts);
guint liaison_retry_policy_get_base_delay_ms (LiaisonRetryPolicy *self);
void liaison_retry_policy_set_base_delay_ms (LiaisonRetryPolicy *self, guint base_delay_ms);
guint liaison_retry_policy_get_max_delay_ms (LiaisonRetryPolicy *self);
void liaison_retry_policy_set_max_delay_ms (LiaisonRetryPolicy *self, guint max_delay_ms);
guint liaison_retry_policy_get_max_retry_after_ms (LiaisonRetryPolicy *self);
void liaison_retry_policy_set_max_retry_after_ms (LiaisonRetryPolicy *self,
                                                  guint max_retry_after_ms);
void liaison_retry_policy_set_clock (LiaisonRetryPolicy *self, LiaisonClockFunc clock,
                                     gpointer user_data);
void liaison_retry_policy_set_random (LiaisonRetryPolicy *self, LiaisonRandomFunc random,
                                      gpointer user_data);
gboolean liaison_retry_policy_parse_retry_after (LiaisonRetryPolicy *self, const char *value,
                                                 guint64 *delay_ms);
LiaisonRetryDecision liaison_retry_policy_decide (LiaisonRetryPolicy *self, LiaisonHttpFault fault,
                                                  gboolean idempotent, guint attempts_made,
                                                  const char *retry_after, guint64 *delay_ms);

G_END_DECLS
