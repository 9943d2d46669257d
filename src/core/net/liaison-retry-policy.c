/* liaison-retry-policy.c: whether and when a failed request is tried again.
 *
 * The rule (issue 4, ARCHITECTURE.md "The HTTP path"):
 *  - 429 means the server did not process the request: retry any request.
 *  - A failure before the request left (connection refused, host or network
 *    unreachable, name resolution) cannot have reached the server: retry any
 *    request.
 *  - 5xx, a reset connection, a timeout and a success whose JSON is cut short
 *    or garbled (liaison-http-send.c) may come after the server acted:
 *    retry only idempotent requests (GET, PUT, DELETE, and POSTs the caller
 *    flags, such as upsert and CreateOrUpdate). A create is not repeated
 *    blindly: it fails, and the sync engine reconciles it (looks the record
 *    up before it ever creates it again), so nothing is duplicated.
 *  - Anything else (4xx, validation, authorization) is final.
 * Delays grow exponentially with full jitter (a random delay between 0 and
 * min(cap, base * 2^(n-1))) so that many clients do not retry in step; a
 * Retry-After header (seconds or an HTTP date) replaces the computed delay.
 * A Retry-After longer than max-retry-after gives up rather than hold a
 * request for hours. At most max-attempts tries are made in all.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-http"

#include <libsoup/soup.h>

#include "liaison-retry-policy.h"

struct _LiaisonRetryPolicy
{
  GObject parent_instance;

  guint max_attempts;
  guint base_delay_ms;
  guint max_delay_ms;
  guint max_retry_after_ms;
  LiaisonClockFunc clock;
  gpointer clock_data;
  LiaisonRandomFunc random;
  gpointer random_data;
};

G_DEFINE_FINAL_TYPE (LiaisonRetryPolicy, liaison_retry_policy, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_MAX_ATTEMPTS,
  PROP_BASE_DELAY_MS,
  PROP_MAX_DELAY_MS,
  PROP_MAX_RETRY_AFTER_MS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gint64
default_clock (gpointer user_data)
{
  return g_get_real_time ();
}

static double
default_random (gpointer user_data)
{
  return g_random_double ();
}

static void
liaison_retry_policy_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LiaisonRetryPolicy *self = LIAISON_RETRY_POLICY (object);

  switch (prop_id)
    {
      case PROP_MAX_ATTEMPTS:
        g_value_set_uint (value, self->max_attempts);
        break;
      case PROP_BASE_DELAY_MS:
        g_value_set_uint (value, self->base_delay_ms);
        break;
      case PROP_MAX_DELAY_MS:
        g_value_set_uint (value, self->max_delay_ms);
        break;
      case PROP_MAX_RETRY_AFTER_MS:
        g_value_set_uint (value, self->max_retry_after_ms);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_retry_policy_set_property (GObject *object, guint prop_id, const GValue *value,
                                   GParamSpec *pspec)
{
  LiaisonRetryPolicy *self = LIAISON_RETRY_POLICY (object);

  switch (prop_id)
    {
      case PROP_MAX_ATTEMPTS:
        liaison_retry_policy_set_max_attempts (self, g_value_get_uint (value));
        break;
      case PROP_BASE_DELAY_MS:
        liaison_retry_policy_set_base_delay_ms (self, g_value_get_uint (value));
        break;
      case PROP_MAX_DELAY_MS:
        liaison_retry_policy_set_max_delay_ms (self, g_value_get_uint (value));
        break;
      case PROP_MAX_RETRY_AFTER_MS:
        liaison_retry_policy_set_max_retry_after_ms (self, g_value_get_uint (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_retry_policy_class_init (LiaisonRetryPolicyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = liaison_retry_policy_get_property;
  object_class->set_property = liaison_retry_policy_set_property;

  properties[PROP_MAX_ATTEMPTS] = g_param_spec_uint ("max-attempts", NULL, NULL, 1, 100, 5, flags);
  properties[PROP_BASE_DELAY_MS]
      = g_param_spec_uint ("base-delay-ms", NULL, NULL, 1, G_MAXUINT, 500, flags);
  properties[PROP_MAX_DELAY_MS]
      = g_param_spec_uint ("max-delay-ms", NULL, NULL, 1, G_MAXUINT, 30000, flags);
  properties[PROP_MAX_RETRY_AFTER_MS]
      = g_param_spec_uint ("max-retry-after-ms", NULL, NULL, 0, G_MAXUINT, 120000, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_retry_policy_init (LiaisonRetryPolicy *self)
{
  self->max_attempts = 5;
  self->base_delay_ms = 500;
  self->max_delay_ms = 30000;
  self->max_retry_after_ms = 120000;
  self->clock = default_clock;
  self->random = default_random;
}

LiaisonRetryPolicy *
liaison_retry_policy_new (void)
{
  return g_object_new (LIAISON_TYPE_RETRY_POLICY, NULL);
}

guint
liaison_retry_policy_get_max_attempts (LiaisonRetryPolicy *self)
{
  return self->max_attempts;
}

/* Tries in all, the first included. */
void
liaison_retry_policy_set_max_attempts (LiaisonRetryPolicy *self, guint max_attempts)
{
  g_return_if_fail (LIAISON_IS_RETRY_POLICY (self));
  max_attempts = CLAMP (max_attempts, 1, 100);
  if (self->max_attempts == max_attempts)
    return;
  self->max_attempts = max_attempts;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_ATTEMPTS]);
}

guint
liaison_retry_policy_get_base_delay_ms (LiaisonRetryPolicy *self)
{
  return self->base_delay_ms;
}

void
liaison_retry_policy_set_base_delay_ms (LiaisonRetryPolicy *self, guint base_delay_ms)
{
  g_return_if_fail (LIAISON_IS_RETRY_POLICY (self));
  base_delay_ms = MAX (base_delay_ms, 1);
  if (self->base_delay_ms == base_delay_ms)
    return;
  self->base_delay_ms = base_delay_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_DELAY_MS]);
}

guint
liaison_retry_policy_get_max_delay_ms (LiaisonRetryPolicy *self)
{
  return self->max_delay_ms;
}

void
liaison_retry_policy_set_max_delay_ms (LiaisonRetryPolicy *self, guint max_delay_ms)
{
  g_return_if_fail (LIAISON_IS_RETRY_POLICY (self));
  max_delay_ms = MAX (max_delay_ms, 1);
  if (self->max_delay_ms == max_delay_ms)
    return;
  self->max_delay_ms = max_delay_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_DELAY_MS]);
}

guint
liaison_retry_policy_get_max_retry_after_ms (LiaisonRetryPolicy *self)
{
  return self->max_retry_after_ms;
}

void
liaison_retry_policy_set_max_retry_after_ms (LiaisonRetryPolicy *self, guint max_retry_after_ms)
{
  g_return_if_fail (LIAISON_IS_RETRY_POLICY (self));
  if (self->max_retry_after_ms == max_retry_after_ms)
    return;
  self->max_retry_after_ms = max_retry_after_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_RETRY_AFTER_MS]);
}

/* For tests: a fixed "now" makes Retry-After dates predictable. */
void
liaison_retry_policy_set_clock (LiaisonRetryPolicy *self, LiaisonClockFunc clock,
                                gpointer user_data)
{
  g_return_if_fail (LIAISON_IS_RETRY_POLICY (self));
  self->clock = clock != NULL ? clock : default_clock;
  self->clock_data = user_data;
}

/* For tests: a fixed random number makes the jittered delay predictable. */
void
liaison_retry_policy_set_random (LiaisonRetryPolicy *self, LiaisonRandomFunc random,
                                 gpointer user_data)
{
  g_return_if_fail (LIAISON_IS_RETRY_POLICY (self));
  self->random = random != NULL ? random : default_random;
  self->random_data = user_data;
}

/* Retry-After is either delay-seconds or an HTTP date (RFC 9110 10.2.3).
 * A date in the past means "now". Returns FALSE when the value is neither. */
gboolean
liaison_retry_policy_parse_retry_after (LiaisonRetryPolicy *self, const char *value,
                                        guint64 *delay_ms)
{
  g_autoptr (GDateTime) date = NULL;
  g_autofree char *trimmed = NULL;
  guint64 seconds;
  gint64 now_us, then_us;

  g_return_val_if_fail (LIAISON_IS_RETRY_POLICY (self), FALSE);

  if (value == NULL)
    return FALSE;
  trimmed = g_strstrip (g_strdup (value));

  if (g_ascii_string_to_unsigned (trimmed, 10, 0, G_MAXUINT32, &seconds, NULL))
    {
      *delay_ms = seconds * 1000;
      return TRUE;
    }

  date = soup_date_time_new_from_http_string (trimmed);
  if (date == NULL)
    return FALSE;

  now_us = self->clock (self->clock_data);
  then_us = g_date_time_to_unix (date) * G_USEC_PER_SEC;
  *delay_ms = then_us > now_us ? (guint64) (then_us - now_us + 999) / 1000 : 0;
  return TRUE;
}

static guint64
backoff_ms (LiaisonRetryPolicy *self, guint attempts_made)
{
  guint64 ceiling = self->base_delay_ms;
  guint i;
  double r;

  for (i = 1; i < attempts_made && ceiling < self->max_delay_ms; i++)
    ceiling *= 2;
  ceiling = MIN (ceiling, (guint64) self->max_delay_ms);

  /* Full jitter; a broken random source cannot push the delay out of range. */
  r = self->random (self->random_data);
  if (!(r >= 0.0) || r >= 1.0)
    r = 0.5;
  return (guint64) (r * (double) ceiling);
}

/* attempts_made counts the tries so far, the failed one included. On RETRY,
 * *delay_ms is how long to wait before the next try. */
LiaisonRetryDecision
liaison_retry_policy_decide (LiaisonRetryPolicy *self, LiaisonHttpFault fault, gboolean idempotent,
                             guint attempts_made, const char *retry_after, guint64 *delay_ms)
{
  guint64 after_ms;

  g_return_val_if_fail (LIAISON_IS_RETRY_POLICY (self), LIAISON_RETRY_DECISION_NOT_RETRYABLE);

  *delay_ms = 0;

  switch (fault)
    {
      case LIAISON_HTTP_FAULT_RATE_LIMITED:
      case LIAISON_HTTP_FAULT_NOT_SENT:
        break;
      case LIAISON_HTTP_FAULT_SERVER:
      case LIAISON_HTTP_FAULT_MAYBE_SENT:
        if (!idempotent)
          return LIAISON_RETRY_DECISION_NOT_RETRYABLE;
        break;
      case LIAISON_HTTP_FAULT_NONE:
      default:
        return LIAISON_RETRY_DECISION_NOT_RETRYABLE;
    }

  if (attempts_made >= self->max_attempts)
    return LIAISON_RETRY_DECISION_EXHAUSTED;

  if (liaison_retry_policy_parse_retry_after (self, retry_after, &after_ms))
    {
      if (after_ms > self->max_retry_after_ms)
        {
          *delay_ms = after_ms;
          return LIAISON_RETRY_DECISION_WAIT_TOO_LONG;
        }
      *delay_ms = after_ms;
      return LIAISON_RETRY_DECISION_RETRY;
    }

  *delay_ms = backoff_ms (self, attempts_made);
  return LIAISON_RETRY_DECISION_RETRY;
}
