/* liaison-sync-scheduler.c: LiaisonSyncScheduler (see liaison-sync-scheduler.h).
 *
 * The interval is counted on the monotonic clock from the end of the last run, so a run that
 * takes long never makes the next one start right after it; the wall-clock time of the next run
 * is kept only to be shown.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "liaison-sync"

#include "liaison-sync-scheduler.h"

struct _LiaisonSyncScheduler
{
  GObject parent_instance;

  LiaisonSyncEngine *engine;
  guint interval; /* minutes, 0: off */
  guint timeout_id;
  gint64 next_run; /* unix ms */

  GCancellable *cancellable; /* of the run in flight */
  gboolean dry_run;
  guint done, total;

  LiaisonSyncResult *last_result;
  GError *last_error;
  gboolean last_dry_run;
};

G_DEFINE_FINAL_TYPE (LiaisonSyncScheduler, liaison_sync_scheduler, G_TYPE_OBJECT)

enum
{
  STARTED,
  PROGRESS,
  FINISHED,
  SCHEDULE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_next (LiaisonSyncScheduler *self);

LiaisonSyncScheduler *
liaison_sync_scheduler_new (void)
{
  return g_object_new (LIAISON_TYPE_SYNC_SCHEDULER, NULL);
}

static gboolean
on_timeout (gpointer user_data)
{
  LiaisonSyncScheduler *self = user_data;

  self->timeout_id = 0;
  self->next_run = 0;
  if (!liaison_sync_scheduler_run (self, "scheduled", FALSE))
    schedule_next (self); /* busy or not connected: try again an interval later */
  return G_SOURCE_REMOVE;
}

static void
schedule_next (LiaisonSyncScheduler *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->next_run = 0;
  if (self->interval > 0 && self->engine != NULL && self->cancellable == NULL)
    {
      self->timeout_id = g_timeout_add_seconds (self->interval * 60, on_timeout, self);
      self->next_run = g_get_real_time () / 1000 + (gint64) self->interval * 60 * 1000;
    }
  g_signal_emit (self, signals[SCHEDULE_CHANGED], 0);
}

static void
on_engine_progress (LiaisonSyncEngine *engine, guint done, guint total, LiaisonSyncScheduler *self)
{
  self->done = done;
  self->total = total;
  g_signal_emit (self, signals[PROGRESS], 0, done, total);
}

void
liaison_sync_scheduler_set_engine (LiaisonSyncScheduler *self, LiaisonSyncEngine *engine)
{
  g_return_if_fail (LIAISON_IS_SYNC_SCHEDULER (self));

  if (self->engine == engine)
    return;
  liaison_sync_scheduler_cancel (self);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  if (engine != NULL)
    g_signal_connect_object (engine, "progress", G_CALLBACK (on_engine_progress), self, 0);
  schedule_next (self);
}

LiaisonSyncEngine *
liaison_sync_scheduler_get_engine (LiaisonSyncScheduler *self)
{
  g_return_val_if_fail (LIAISON_IS_SYNC_SCHEDULER (self), NULL);
  return self->engine;
}

void
liaison_sync_scheduler_set_interval (LiaisonSyncScheduler *self, guint minutes)
{
  g_return_if_fail (LIAISON_IS_SYNC_SCHEDULER (self));
  minutes = MIN (minutes, 60);
  if (self->interval == minutes && (minutes == 0 || self->timeout_id != 0))
    return;
  self->interval = minutes;
  if (self->cancellable == NULL)
    schedule_next (self);
}

guint
liaison_sync_scheduler_get_interval (LiaisonSyncScheduler *self)
{
  g_return_val_if_fail (LIAISON_IS_SYNC_SCHEDULER (self), 0);
  return self->interval;
}

gint64
liaison_sync_scheduler_get_next_run (LiaisonSyncScheduler *self)
{
  g_return_val_if_fail (LIAISON_IS_SYNC_SCHEDULER (self), 0);
  return self->next_run;
}

gboolean
liaison_sync_scheduler_get_running (LiaisonSyncScheduler *self)
{
  g_return_val_if_fail (LIAISON_IS_SYNC_SCHEDULER (self), FALSE);
  return self->cancellable != NULL;
}

gboolean
liaison_sync_scheduler_get_dry_run (LiaisonSyncScheduler *self)
{
  g_return_val_if_fail (LIAISON_IS_SYNC_SCHEDULER (self), FALSE);
  return self->dry_run;
}

void
liaison_sync_scheduler_get_progress (LiaisonSyncScheduler *self, guint *done, guint *total)
{
  g_return_if_fail (LIAISON_IS_SYNC_SCHEDULER (self));
  if (done != NULL)
    *done = self->done;
  if (total != NULL)
    *total = self->total;
}

static void
on_run_finished (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LiaisonSyncScheduler) self = user_data;
  GError *error = NULL;
  LiaisonSyncResult *sync_result;

  sync_result = liaison_sync_engine_run_finish (LIAISON_SYNC_ENGINE (source), result, &error);
  /* A run asked for by a previous engine (the accounts changed meanwhile) still ends here. */
  g_clear_pointer (&self->last_result, liaison_sync_result_free);
  g_clear_error (&self->last_error);
  self->last_result = sync_result;
  self->last_error = error;
  self->last_dry_run = self->dry_run;
  g_clear_object (&self->cancellable);
  self->dry_run = FALSE;
  schedule_next (self);
  g_signal_emit (self, signals[FINISHED], 0);
}

gboolean
liaison_sync_scheduler_run (LiaisonSyncScheduler *self, const char *trigger, gboolean dry_run)
{
  LiaisonSyncOptions options = { 0 };

  g_return_val_if_fail (LIAISON_IS_SYNC_SCHEDULER (self), FALSE);
  if (self->engine == NULL || self->cancellable != NULL)
    return FALSE;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->next_run = 0;
  self->cancellable = g_cancellable_new ();
  self->dry_run = dry_run;
  self->done = self->total = 0;
  options.dry_run = dry_run;
  options.trigger = trigger != NULL ? trigger : "manual";
  liaison_sync_engine_run_async (self->engine, &options, self->cancellable, on_run_finished,
                                 g_object_ref (self));
  g_signal_emit (self, signals[STARTED], 0);
  return TRUE;
}

void
liaison_sync_scheduler_cancel (LiaisonSyncScheduler *self)
{
  g_return_if_fail (LIAISON_IS_SYNC_SCHEDULER (self));
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
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

gboolean
liaison_sync_scheduler_get_last_dry_run (LiaisonSyncScheduler *self)
{
  g_return_val_if_fail (LIAISON_IS_SYNC_SCHEDULER (self), FALSE);
  return self->last_dry_run;
}

static void
liaison_sync_scheduler_dispose (GObject *object)
{
  LiaisonSyncScheduler *self = LIAISON_SYNC_SCHEDULER (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  G_OBJECT_CLASS (liaison_sync_scheduler_parent_class)->dispose (object);
}

static void
liaison_sync_scheduler_finalize (GObject *object)
{
  LiaisonSyncScheduler *self = LIAISON_SYNC_SCHEDULER (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->last_result, liaison_sync_result_free);
  g_clear_error (&self->last_error);
  G_OBJECT_CLASS (liaison_sync_scheduler_parent_class)->finalize (object);
}

static void
liaison_sync_scheduler_class_init (LiaisonSyncSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liaison_sync_scheduler_dispose;
  object_class->finalize = liaison_sync_scheduler_finalize;

  signals[STARTED] = g_signal_new ("started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SCHEDULE_CHANGED] = g_signal_new ("schedule-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
liaison_sync_scheduler_init (LiaisonSyncScheduler *self)
{
}
