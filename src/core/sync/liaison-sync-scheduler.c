/* liaison-sync-scheduler.c: LiaisonSyncScheduler, when the running app syncs.
 *
 * One deadline, next_run, and one timer armed for it. The next run is counted from the end of
 * the last one, so a slow run never makes the next start at once, and a run that is due while
 * another is going waits for it instead of starting beside it. A run from a second process (the
 * systemd timer's liaison-cli sync) is kept out by the engine's profile lock; that run is not a
 * failure, only a turn skipped. Failures of scheduled runs are announced once per cause until a
 * run goes through again, so that a person offline for a day gets one notification, not 288.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-scheduler"

#include <glib/gi18n-lib.h>

#include "liaison-store-sync.h"
#include "liaison-sync-scheduler-private.h"

/* The timer never sleeps longer than this, so that a suspend or a clock change is noticed. */
#define MAX_SLEEP_MS 60000

struct _LiaisonSyncScheduler
{
  GObject parent_instance;

  LiaisonSession *session;
  LiaisonSyncEngine *engine;
  char *missing_reason;
  GNetworkMonitor *monitor;
  LiaisonSchedulerClock clock;
  gpointer clock_data;

  guint interval;
  gint64 next_run;
  guint timer_id;
  LiaisonSchedulerState state;
  char *pause_reason;

  /* the run going on */
  LiaisonSyncEngine *running_engine;
  GCancellable *cancellable;
  char *trigger;
  guint done, total;

  LiaisonSyncResult *last_result;
  GError *last_error;
  char *notified_cause;

  /* New conflicts: the newest open conflict known, read when an engine comes and after each run. */
  LiaisonStore *conflicts_store;
  GCancellable *conflicts_cancellable;
  gint64 newest_conflict; /* -1: not read yet */
};

enum
{
  PROP_0,
  PROP_INTERVAL,
  PROP_STATE,
  PROP_PAUSE_REASON,
  PROP_NEXT_RUN,
  PROP_RUNNING,
  N_PROPS
};

enum
{
  RUN_STARTED,
  PROGRESS,
  RUN_FINISHED,
  FAILED,
  NEW_CONFLICTS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LiaisonSyncScheduler, liaison_sync_scheduler, G_TYPE_OBJECT)

static void update (LiaisonSyncScheduler *self);

static gint64
now_ms (LiaisonSyncScheduler *self)
{
  return self->clock ? self->clock (self->clock_data) : g_get_real_time () / 1000;
}

LiaisonSyncScheduler *
liaison_sync_scheduler_new (void)
{
  return g_object_new (LIAISON_TYPE_SYNC_SCHEDULER, NULL);
}

/* ---- what it can do ---- */

/* Why it cannot sync now, or NULL. */
static const char *
blocked_reason (LiaisonSyncScheduler *self)
{
  if (self->engine == NULL)
    return self->missing_reason ? self->missing_reason
                                : _ ("Connect LeadSquared and HighLevel in Accounts to sync them.");
  if (self->monitor != NULL && !g_network_monitor_get_network_available (self->monitor))
    return _ ("This computer is offline. Syncing starts again by itself once it is back online.");
  return NULL;
}

static void
set_next_run (LiaisonSyncScheduler *self, gint64 next_run)
{
  if (self->next_run == next_run)
    return;
  self->next_run = next_run;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_RUN]);
}

static gboolean
on_timer (gpointer user_data)
{
  LiaisonSyncScheduler *self = user_data;

  self->timer_id = 0;
  liaison_sync_scheduler_tick (self);
  return G_SOURCE_REMOVE;
}

/* Works out the state and the reason, and arms the timer for a waiting run. */
static void
update (LiaisonSyncScheduler *self)
{
  const char *reason = blocked_reason (self);
  LiaisonSchedulerState state;
  gboolean running = self->running_engine != NULL;

  if (running)
    state = LIAISON_SCHEDULER_RUNNING;
  else if (reason != NULL)
    state = LIAISON_SCHEDULER_PAUSED;
  else if (self->interval == 0)
    state = LIAISON_SCHEDULER_OFF;
  else
    state = LIAISON_SCHEDULER_WAITING;

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (state == LIAISON_SCHEDULER_WAITING)
    {
      gint64 now = now_ms (self);

      if (self->next_run == 0)
        set_next_run (self, now + (gint64) self->interval * 60000);
      self->timer_id = g_timeout_add_full (G_PRIORITY_DEFAULT,
                                           (guint) CLAMP (self->next_run - now, 0, MAX_SLEEP_MS),
                                           on_timer, self, NULL);
    }
  else if (state == LIAISON_SCHEDULER_OFF)
    set_next_run (self, 0);
  /* Paused, the deadline stays: a run missed while offline starts once it is back. */

  if (g_strcmp0 (reason, self->pause_reason) != 0)
    {
      g_free (self->pause_reason);
      self->pause_reason = g_strdup (reason);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSE_REASON]);
    }
  if (state != self->state)
    {
      gboolean was_running = self->state == LIAISON_SCHEDULER_RUNNING;

      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
      if (was_running != running)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
    }
}

/* ---- a run ---- */

static void
on_progress (LiaisonSyncEngine *engine, guint done, guint total, LiaisonSyncScheduler *self)
{
  self->done = done;
  self->total = total;
  g_signal_emit (self, signals[PROGRESS], 0, done, total);
}

/* What went wrong in a finished run, as a cause (the same cause twice is one notification) and
 * a sentence; FALSE when nothing did, or nothing worth announcing (cancelled, the turn given
 * to another process's run, or a first sync that waits for the mapping review). */
static gboolean
failure_of (const LiaisonSyncResult *result, const GError *error, char **cause, char **message)
{
  if (error != NULL)
    {
      /* A first sync held for the mapping review is no failure: the Overview says why. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          || g_error_matches (error, LIAISON_SYNC_ERROR, LIAISON_SYNC_ERROR_BUSY)
          || g_error_matches (error, LIAISON_SYNC_ERROR, LIAISON_SYNC_ERROR_NOT_REVIEWED))
        return FALSE;
      *cause = g_strdup_printf ("%s:%d", g_quark_to_string (error->domain), error->code);
      *message = g_strdup (error->message);
      return TRUE;
    }
  if (result->n_failed > 0)
    {
      *cause = g_strdup ("operations-failed");
      *message = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE,
                       "%u change could not be written, and is tried again by "
                       "the next sync: %s",
                       "%u changes could not be written, and are tried again by the next sync. "
                       "The first: %s",
                       result->n_failed),
          result->n_failed,
          result->failures->len > 0 ? (char *) g_ptr_array_index (result->failures, 0) : "");
      return TRUE;
    }
  if (result->delete_guard != NULL)
    {
      *cause = g_strdup ("delete-guard");
      *message = g_strdup (result->delete_guard);
      return TRUE;
    }
  return FALSE;
}

/* ---- new conflicts ---- */

/* The read does not keep the scheduler alive: disposing cancels it, and a cancelled read
 * touches nothing of the scheduler. */
typedef struct
{
  LiaisonSyncScheduler *self;
  GCancellable *cancellable;
  gboolean announce; /* after a scheduled run: say how many are new */
} ConflictsRead;

static void
conflicts_read_free (ConflictsRead *read)
{
  g_object_unref (read->cancellable);
  g_free (read);
}

static void
on_conflicts_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ConflictsRead *read = user_data;
  LiaisonSyncScheduler *self = read->self; /* valid only while the read is not cancelled */
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows
      = liaison_store_list_conflicts_to_review_finish (LIAISON_STORE (source), result, &error);
  gint64 newest;
  guint n_new = 0;

  if (rows == NULL || g_cancellable_is_cancelled (read->cancellable))
    {
      if (rows == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("could not read the conflicts: %s", error->message);
      if (!g_cancellable_is_cancelled (read->cancellable))
        g_clear_object (&self->conflicts_cancellable);
      conflicts_read_free (read);
      return;
    }
  g_clear_object (&self->conflicts_cancellable);
  newest = self->newest_conflict;
  for (guint i = 0; i < rows->len; i++)
    {
      LiaisonStoreConflict *c = g_ptr_array_index (rows, i);

      if (c->resolved_at > 0)
        continue;
      if (self->newest_conflict >= 0 && c->id > self->newest_conflict)
        n_new++;
      newest = MAX (newest, c->id);
    }
  self->newest_conflict = MAX (newest, 0);
  if (read->announce && n_new > 0)
    g_signal_emit (self, signals[NEW_CONFLICTS], 0, n_new);
  conflicts_read_free (read);
}

static void
read_conflicts (LiaisonSyncScheduler *self, LiaisonStore *store, gboolean announce)
{
  ConflictsRead *read;

  if (store == NULL)
    return;
  if (store != self->conflicts_store)
    {
      g_set_object (&self->conflicts_store, store);
      self->newest_conflict = -1;
    }
  if (self->conflicts_cancellable != NULL)
    g_cancellable_cancel (self->conflicts_cancellable);
  g_clear_object (&self->conflicts_cancellable);
  self->conflicts_cancellable = g_cancellable_new ();
  read = g_new0 (ConflictsRead, 1);
  read->self = self;
  read->cancellable = g_object_ref (self->conflicts_cancellable);
  read->announce = announce && self->newest_conflict >= 0;
  liaison_store_list_conflicts_to_review_async (store, self->conflicts_cancellable,
                                                on_conflicts_read, read);
}

static void
on_run_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr (LiaisonSyncScheduler) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *trigger = g_steal_pointer (&self->trigger);
  g_autofree char *cause = NULL;
  g_autofree char *message = NULL;
  LiaisonSyncResult *result;
  gboolean failed;

  result = liaison_sync_engine_run_finish (LIAISON_SYNC_ENGINE (source), res, &error);
  g_signal_handlers_disconnect_by_func (source, on_progress, self);
  g_clear_object (&self->running_engine);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->last_result, liaison_sync_result_free);
  g_clear_error (&self->last_error);
  self->last_result = result;
  self->last_error = g_steal_pointer (&error);

  failed = failure_of (result, self->last_error, &cause, &message);
  if (failed)
    g_debug ("%s run failed (%s): %s", trigger, cause, message);
  if (!failed && self->last_error == NULL)
    g_clear_pointer (&self->notified_cause, g_free);
  else if (failed && g_strcmp0 (trigger, "scheduled") == 0
           && g_strcmp0 (cause, self->notified_cause) != 0)
    {
      g_free (self->notified_cause);
      self->notified_cause = g_strdup (cause);
      g_signal_emit (self, signals[FAILED], 0, cause, message);
    }

  if (result != NULL)
    read_conflicts (self, liaison_sync_engine_get_store (LIAISON_SYNC_ENGINE (source)),
                    g_strcmp0 (trigger, "scheduled") == 0);

  /* Counted from the end of this run, whatever started it. */
  set_next_run (self, self->interval > 0 ? now_ms (self) + (gint64) self->interval * 60000 : 0);
  update (self);
  g_signal_emit (self, signals[RUN_FINISHED], 0, trigger, result != NULL && !failed);
}

static void
start_run (LiaisonSyncScheduler *self, const char *trigger)
{
  LiaisonSyncOptions options = { 0 };

  g_assert (self->running_engine == NULL);
  self->running_engine = g_object_ref (self->engine);
  self->cancellable = g_cancellable_new ();
  self->trigger = g_strdup (trigger);
  self->done = self->total = 0;
  g_signal_connect (self->running_engine, "progress", G_CALLBACK (on_progress), self);
  set_next_run (self, 0);
  update (self);
  g_signal_emit (self, signals[RUN_STARTED], 0, trigger);

  options.trigger = trigger;
  liaison_sync_engine_run_async (self->running_engine, &options, self->cancellable, on_run_done,
                                 g_object_ref (self));
}

void
liaison_sync_scheduler_tick (LiaisonSyncScheduler *self)
{
  g_return_if_fail (LIAISON_IS_SYNC_SCHEDULER (self));

  if (self->state == LIAISON_SCHEDULER_WAITING && self->next_run > 0
      && now_ms (self) >= self->next_run && blocked_reason (self) == NULL)
    start_run (self, "scheduled");
  else
    update (self);
}

gboolean
liaison_sync_scheduler_sync_now (LiaisonSyncScheduler *self, GError **error)
{
  const char *reason;

  g_return_val_if_fail (LIAISON_IS_SYNC_SCHEDULER (self), FALSE);

  if (self->running_engine != NULL)
    {
      g_set_error_literal (error, LIAISON_SYNC_ERROR, LIAISON_SYNC_ERROR_BUSY,
                           _ ("A sync is already running; its result shows here when it ends."));
      return FALSE;
    }
  reason = blocked_reason (self);
  if (reason != NULL)
    {
      g_set_error_literal (error, LIAISON_SYNC_ERROR, LIAISON_SYNC_ERROR_FAILED, reason);
      return FALSE;
    }
  start_run (self, "manual");
  return TRUE;
}

void
liaison_sync_scheduler_cancel (LiaisonSyncScheduler *self)
{
  g_return_if_fail (LIAISON_IS_SYNC_SCHEDULER (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* ---- what it runs on ---- */

void
liaison_sync_scheduler_set_engine (LiaisonSyncScheduler *self, LiaisonSyncEngine *engine,
                                   const char *missing_reason)
{
  g_return_if_fail (LIAISON_IS_SYNC_SCHEDULER (self));
  g_return_if_fail (engine == NULL || LIAISON_IS_SYNC_ENGINE (engine));

  g_set_object (&self->engine, engine);
  /* What is open now is known, not new. */
  if (engine != NULL && liaison_sync_engine_get_store (engine) != self->conflicts_store)
    read_conflicts (self, liaison_sync_engine_get_store (engine), FALSE);
  g_free (self->missing_reason);
  self->missing_reason = g_strdup (missing_reason);
  update (self);
}

static char *
account_reason (LiaisonSession *session, LiaisonService service)
{
  const char *error = liaison_session_get_error (session, service);
  gboolean lsq = service == LIAISON_SERVICE_LSQ;

  if (error != NULL)
    return g_strdup_printf (lsq ? _ ("The LeadSquared account cannot be used (%s). Connect it "
                                     "again in Accounts.")
                                : _ ("The HighLevel account cannot be used (%s). Connect it again "
                                     "in Accounts."),
                            error);
  return g_strdup (lsq ? _ ("Connect LeadSquared in Accounts to sync it with HighLevel.")
                       : _ ("Connect HighLevel in Accounts to sync it with LeadSquared."));
}

static void
on_session_changed (LiaisonSession *session, LiaisonSyncScheduler *self)
{
  LiaisonStore *store = liaison_session_get_store (session);
  LiaisonLsqClient *lsq = liaison_session_get_lsq_client (session);
  LiaisonGhlClient *ghl = liaison_session_get_ghl_client (session);
  const LiaisonStoreConnection *lsq_c
      = liaison_session_get_connection (session, LIAISON_SERVICE_LSQ);
  const LiaisonStoreConnection *ghl_c
      = liaison_session_get_connection (session, LIAISON_SERVICE_GHL);
  g_autoptr (LiaisonSyncEngine) engine = NULL;
  g_autofree char *reason = NULL;

  if (store == NULL)
    reason = g_strdup (_ ("Liaison’s local data is not open, so nothing can be synced. Start "
                          "Liaison again; if that does not help, see the message it shows."));
  else if (lsq_c == NULL && ghl_c == NULL)
    reason = g_strdup (_ ("Connect LeadSquared and HighLevel in Accounts to sync them."));
  else if (lsq == NULL || lsq_c == NULL)
    reason = account_reason (session, LIAISON_SERVICE_LSQ);
  else if (ghl == NULL || ghl_c == NULL)
    reason = account_reason (session, LIAISON_SERVICE_GHL);
  else
    engine = liaison_sync_engine_new (store, lsq, lsq_c->id, ghl, ghl_c->id);
  liaison_sync_scheduler_set_engine (self, engine, reason);
}

void
liaison_sync_scheduler_set_session (LiaisonSyncScheduler *self, LiaisonSession *session)
{
  g_return_if_fail (LIAISON_IS_SYNC_SCHEDULER (self));
  g_return_if_fail (session == NULL || LIAISON_IS_SESSION (session));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session == NULL)
    {
      liaison_sync_scheduler_set_engine (self, NULL, NULL);
      return;
    }
  g_signal_connect_object (session, "changed", G_CALLBACK (on_session_changed), self, 0);
  on_session_changed (session, self);
}

static void
on_network_changed (GNetworkMonitor *monitor, gboolean available, LiaisonSyncScheduler *self)
{
  update (self);
}

void
liaison_sync_scheduler_set_network_monitor (LiaisonSyncScheduler *self, GNetworkMonitor *monitor)
{
  g_return_if_fail (LIAISON_IS_SYNC_SCHEDULER (self));
  g_return_if_fail (monitor == NULL || G_IS_NETWORK_MONITOR (monitor));

  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_set_object (&self->monitor, monitor);
  if (monitor != NULL)
    g_signal_connect_object (monitor, "network-changed", G_CALLBACK (on_network_changed), self, 0);
  update (self);
}

void
liaison_sync_scheduler_set_clock (LiaisonSyncScheduler *self, LiaisonSchedulerClock clock,
                                  gpointer user_data)
{
  g_return_if_fail (LIAISON_IS_SYNC_SCHEDULER (self));

  self->clock = clock;
  self->clock_data = user_data;
  set_next_run (self, 0);
  update (self);
}

/* ---- reading it ---- */

void
liaison_sync_scheduler_set_interval (LiaisonSyncScheduler *self, guint minutes)
{
  g_return_if_fail (LIAISON_IS_SYNC_SCHEDULER (self));

  minutes = MIN (minutes, LIAISON_SCHEDULER_MAX_INTERVAL);
  if (self->interval == minutes)
    return;
  self->interval = minutes;
  /* A new interval counts from now: what was planned under the old one no longer holds. */
  if (self->running_engine == NULL)
    set_next_run (self, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
  update (self);
}

guint
liaison_sync_scheduler_get_interval (LiaisonSyncScheduler *self)
{
  g_return_val_if_fail (LIAISON_IS_SYNC_SCHEDULER (self), 0);
  return self->interval;
}

LiaisonSchedulerState
liaison_sync_scheduler_get_state (LiaisonSyncScheduler *self)
{
  g_return_val_if_fail (LIAISON_IS_SYNC_SCHEDULER (self), LIAISON_SCHEDULER_OFF);
  return self->state;
}

const char *
liaison_sync_scheduler_get_pause_reason (LiaisonSyncScheduler *self)
{
  g_return_val_if_fail (LIAISON_IS_SYNC_SCHEDULER (self), NULL);
  return self->pause_reason;
}

gboolean
liaison_sync_scheduler_get_reading_conflicts (LiaisonSyncScheduler *self)
{
  g_return_val_if_fail (LIAISON_IS_SYNC_SCHEDULER (self), FALSE);
  return self->conflicts_cancellable != NULL;
}

gboolean
liaison_sync_scheduler_get_needs_accounts (LiaisonSyncScheduler *self)
{
  g_return_val_if_fail (LIAISON_IS_SYNC_SCHEDULER (self), FALSE);
  /* No engine for want of accounts, unless the profile's store itself is not open. */
  return self->engine == NULL
         && (self->session == NULL || liaison_session_get_store (self->session) != NULL);
}

gint64
liaison_sync_scheduler_get_next_run (LiaisonSyncScheduler *self)
{
  g_return_val_if_fail (LIAISON_IS_SYNC_SCHEDULER (self), 0);
  return self->state == LIAISON_SCHEDULER_WAITING ? self->next_run : 0;
}

gboolean
liaison_sync_scheduler_get_running (LiaisonSyncScheduler *self)
{
  g_return_val_if_fail (LIAISON_IS_SYNC_SCHEDULER (self), FALSE);
  return self->running_engine != NULL;
}

void
liaison_sync_scheduler_get_progress (LiaisonSyncScheduler *self, guint *done, guint *total)
{
  g_return_if_fail (LIAISON_IS_SYNC_SCHEDULER (self));
  if (done)
    *done = self->running_engine ? self->done : 0;
  if (total)
    *total = self->running_engine ? self->total : 0;
}

const LiaisonSyncResult *
liaison_sync_scheduler_get_last_result (LiaisonSyncScheduler *self)
{
  g_return_val_if_fail (LIAISON_IS_SYNC_SCHEDULER (self), NULL);
  return self->last_result;
}

const GError *
liaison_sync_scheduler_get_last_error (LiaisonSyncScheduler *self)
{
  g_return_val_if_fail (LIAISON_IS_SYNC_SCHEDULER (self), NULL);
  return self->last_error;
}

/* ---- GObject ---- */

static void
liaison_sync_scheduler_get_property (GObject *object, guint prop_id, GValue *value,
                                     GParamSpec *pspec)
{
  LiaisonSyncScheduler *self = LIAISON_SYNC_SCHEDULER (object);

  switch (prop_id)
    {
      case PROP_INTERVAL:
        g_value_set_uint (value, self->interval);
        break;
      case PROP_STATE:
        g_value_set_int (value, self->state);
        break;
      case PROP_PAUSE_REASON:
        g_value_set_string (value, self->pause_reason);
        break;
      case PROP_NEXT_RUN:
        g_value_set_int64 (value, liaison_sync_scheduler_get_next_run (self));
        break;
      case PROP_RUNNING:
        g_value_set_boolean (value, self->running_engine != NULL);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_sync_scheduler_set_property (GObject *object, guint prop_id, const GValue *value,
                                     GParamSpec *pspec)
{
  LiaisonSyncScheduler *self = LIAISON_SYNC_SCHEDULER (object);

  switch (prop_id)
    {
      case PROP_INTERVAL:
        liaison_sync_scheduler_set_interval (self, g_value_get_uint (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_sync_scheduler_dispose (GObject *object)
{
  LiaisonSyncScheduler *self = LIAISON_SYNC_SCHEDULER (object);

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  g_clear_object (&self->engine);
  if (self->conflicts_cancellable != NULL)
    g_cancellable_cancel (self->conflicts_cancellable);
  g_clear_object (&self->conflicts_cancellable);
  g_clear_object (&self->conflicts_store);
  G_OBJECT_CLASS (liaison_sync_scheduler_parent_class)->dispose (object);
}

static void
liaison_sync_scheduler_finalize (GObject *object)
{
  LiaisonSyncScheduler *self = LIAISON_SYNC_SCHEDULER (object);

  g_free (self->missing_reason);
  g_free (self->pause_reason);
  g_free (self->trigger);
  g_free (self->notified_cause);
  liaison_sync_result_free (self->last_result);
  g_clear_error (&self->last_error);
  G_OBJECT_CLASS (liaison_sync_scheduler_parent_class)->finalize (object);
}

static void
liaison_sync_scheduler_class_init (LiaisonSyncSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = liaison_sync_scheduler_get_property;
  object_class->set_property = liaison_sync_scheduler_set_property;
  object_class->dispose = liaison_sync_scheduler_dispose;
  object_class->finalize = liaison_sync_scheduler_finalize;

  properties[PROP_INTERVAL]
      = g_param_spec_uint ("interval", NULL, NULL, 0, LIAISON_SCHEDULER_MAX_INTERVAL, 0,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATE] = g_param_spec_int (
      "state", NULL, NULL, LIAISON_SCHEDULER_OFF, LIAISON_SCHEDULER_PAUSED, LIAISON_SCHEDULER_OFF,
      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PAUSE_REASON]
      = g_param_spec_string ("pause-reason", NULL, NULL, NULL,
                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NEXT_RUN]
      = g_param_spec_int64 ("next-run", NULL, NULL, 0, G_MAXINT64, 0,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RUNNING]
      = g_param_spec_boolean ("running", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[RUN_STARTED] = g_signal_new ("run-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  signals[RUN_FINISHED]
      = g_signal_new ("run-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
  signals[NEW_CONFLICTS]
      = g_signal_new ("new-conflicts", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
liaison_sync_scheduler_init (LiaisonSyncScheduler *self)
{
  self->state = LIAISON_SCHEDULER_PAUSED;
  self->newest_conflict = -1;
  self->pause_reason = g_strdup (blocked_reason (self));
}
