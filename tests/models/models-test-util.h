/* models-test-util.h: the calendar-data model tests' shared setup: the in-process sandbox, a
 * store with a HighLevel connection, the real LiaisonGhlClient, appointments made the way a
 * person would in HighLevel's web UI, and a recorder of items-changed.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "liaison-ghl-client.h"
#include "liaison-sandbox.h"
#include "liaison-store.h"

G_BEGIN_DECLS

typedef struct
{
  LiaisonSandbox *sandbox;
  char *dir;
  char *path;
  LiaisonStore *store;
  char *connection_id;
  LiaisonGhlClient *client;
  char *consultation_id; /* seeded: America/New_York, weekdays 9-17, 30 min */
  char *demo_id;         /* seeded: Asia/Kolkata, Mon-Sat 10-13 and 14-18, 60 min */
  char *contact_id;
} ModelsEnv;

void models_env_init (ModelsEnv *env);
void models_env_clear (ModelsEnv *env);
/* Closes the store and opens the same file again, as on the next start. */
void models_env_reopen_store (ModelsEnv *env);

/* Control routes: asserts a 2xx answer; returns the JSON answer. */
JsonNode *models_control (ModelsEnv *env, const char *method, const char *path, const char *body);
/* Makes an appointment in HighLevel's "web UI"; returns its id. */
char *models_add_event (ModelsEnv *env, const char *calendar_id, GDateTime *start, guint minutes);
void models_move_event (ModelsEnv *env, const char *event_id, GDateTime *start, guint minutes);
void models_delete_event (ModelsEnv *env, const char *event_id);
void models_rename_calendar (ModelsEnv *env, const char *calendar_id, const char *name);
guint models_route_count (ModelsEnv *env, const char *method_and_route);

/* A Wednesday at least two weeks ahead (so that no slot is in the past), in zone. */
GDateTime *models_future_wednesday (GTimeZone *zone);

typedef struct
{
  guint position;
  guint removed;
  guint added;
} ModelsChange;

/* Records every items-changed of a model. */
typedef struct
{
  GListModel *model;
  gulong handler;
  GArray *changes; /* ModelsChange */
} ModelsRecorder;

void models_recorder_init (ModelsRecorder *recorder, GListModel *model);
void models_recorder_clear (ModelsRecorder *recorder);
void models_recorder_reset (ModelsRecorder *recorder);
/* Asserts exactly one items-changed since the last reset, with these numbers; resets. */
void models_recorder_assert_one (ModelsRecorder *recorder, guint position, guint removed,
                                 guint added);
void models_recorder_assert_none (ModelsRecorder *recorder);

/* Runs the main context for ms milliseconds. */
void models_iterate_for (guint ms);

G_END_DECLS
