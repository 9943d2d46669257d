/* sync-test-util.h: the in-process sandbox, a store and a sync engine wired together for the
 * sync tests and benchmarks, and helpers to edit records and read the request log as a person
 * or the services would see them.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "cli-test-util.h"
#include "liaison-field-map.h"
#include "liaison-sandbox.h"
#include "liaison-store-sync.h"
#include "liaison-sync-engine.h"

G_BEGIN_DECLS

typedef struct
{
  LiaisonSandbox *sandbox;
  SoupSession *control;
  char *dir;
  char *store_path;
  LiaisonStore *store;
  char *lsq_id;
  char *ghl_id;
  LiaisonGhlClient *ghl;
  LiaisonLsqClient *lsq;
  LiaisonSyncEngine *engine;
  const char *region;    /* the store's: "IN", or none as liaison-cli opens it */
  gint64 sweep_start_ms; /* what the sweep's clock said when the fixture was made */
  gint64 made_us;        /* the monotonic clock then */
} SyncFixture;

typedef struct
{
  guint64 seed;
  guint contacts;
  const char *faults;
  guint latency_ms;
  gboolean documented_limits; /* else generous limits on both sides */
  guint sweep_hour;           /* the sweep's clock: this hour (UTC) of the anchor day, then on */
  gboolean cli_profile;       /* the store where liaison-cli keeps the default profile's, under
                               * dir/data (XDG_DATA_HOME), and no map saved: the defaults apply */
} SyncFixtureOptions;

void sync_fixture_set_up (SyncFixture *f, const SyncFixtureOptions *options);
/* Runs liaison-cli (LIAISON_CLI) on the fixture's profile, with the sandbox's credentials in its
 * environment (and env, NAME, VALUE pairs as cli_test_spawn() takes them, when not NULL); returns
 * the process, started. */
GSubprocess *sync_cli_spawn (SyncFixture *f, const char *const *env, const char *const *args);
/* Runs it to its end: its exit status, its output and its error output. */
int sync_cli_run (SyncFixture *f, const char *const *env, const char *const *args, char **out,
                  char **err);
/* Runs it to its end into run (its status, output, error output and parsed JSON), with only the
 * sandbox's credentials added to its environment. */
void sync_cli_test_run (SyncFixture *f, CliRun *run, const char *const *args);
void sync_fixture_tear_down (SyncFixture *f);
/* Opens the store again (after a child process wrote it) and makes a new engine. */
void sync_fixture_reopen (SyncFixture *f);

JsonNode *sync_control (SyncFixture *f, LiaisonService side, const char *method, const char *path,
                        const char *body);
JsonArray *sync_records (SyncFixture *f, LiaisonService side); /* leads / contacts */
JsonObject *sync_record (SyncFixture *f, LiaisonService side, const char *id);
/* Writes (creates, updates, deletes of contacts) the service received since seq. */
guint sync_count_writes (SyncFixture *f, LiaisonService side, gint64 since, GPtrArray *bodies);
/* Writes of any record (creates, updates, completions, deletes) the service received since seq
 * whose path has part (NULL: any). */
guint sync_count_any_writes (SyncFixture *f, LiaisonService side, gint64 since, const char *part);
gint64 sync_log_seq (SyncFixture *f, LiaisonService side);
void sync_clear_log (SyncFixture *f);

LiaisonSyncResult *sync_run (SyncFixture *f, const LiaisonSyncOptions *options, GError **error);
/* One sync with the default options that must not fail as a whole; its failures are logged. */
LiaisonSyncResult *sync_run_ok (SyncFixture *f);
/* Runs syncs until one writes nothing (at most max_runs); returns the runs it took. */
guint sync_until_quiet (SyncFixture *f, guint max_runs);

/* What both services hold of each linked pair, projected, and whether they agree on every
 * mapped field but those with an open conflict. Returns the number of pairs that disagree. */
guint sync_count_disagreements (SyncFixture *f, GString *report);
void sync_set_deletes (SyncFixture *f, gboolean on);
/* Sets a setting of the fixture's store (liaison_store_set_setting_async), which must work. */
void sync_set_setting (SyncFixture *f, const char *key, const char *value);
/* Lets the first sync read the tasks and notes of up to 1,041 pairs (a quarter hour of the whole
 * of a 200,000 a day quota), so that a later run carries only what the test changed. */
void sync_first_reads_unpaced (SyncFixture *f);
/* The ids of the store's first contact link (there must be one). */
void sync_first_link (SyncFixture *f, char **lsq_id, char **ghl_id);
/* A lead a sync would create in HighLevel now (a dry run finds it; there must be one). */
char *sync_lead_to_create (SyncFixture *f);

/* A person changes one contact's city in both web UIs, each differently (no sync runs). */
void sync_edit_city_both (SyncFixture *f, const char *lsq_id, const char *ghl_id,
                          const char *lsq_city, const char *ghl_city);

/* Runs the default main context until cond holds; fails the test after seconds. */
#define SYNC_WAIT_UNTIL(cond, seconds)                                                             \
  G_STMT_START                                                                                     \
  {                                                                                                \
    gint64 sync_wait_deadline = g_get_monotonic_time () + (seconds) *G_USEC_PER_SEC;               \
    while (!(cond))                                                                                \
      {                                                                                            \
        g_assert_cmpint (g_get_monotonic_time (), <, sync_wait_deadline);                          \
        g_main_context_iteration (NULL, TRUE);                                                     \
      }                                                                                            \
  }                                                                                                \
  G_STMT_END

/* Saves map as the profile's field map. */
/* A local time in zone (an IANA identifier). */
GDateTime *sync_zoned (const char *zone, int year, int month, int day, int hour, int minute);
/* Leaves a pending intent of a HighLevel create of kind from LeadSquared's source_id with
 * payload (JSON text), as a crash between the write and its step would. */
void sync_add_lost_create (SyncFixture *f, LiaisonRecordKind kind, const char *source_id,
                           const char *payload);
/* Whether the fixture's contact pair has a link of kind between lsq_id and ghl_id. */
gboolean sync_child_linked (SyncFixture *f, LiaisonRecordKind kind, const char *lsq_id,
                            const char *ghl_id);
void sync_save_mapping (SyncFixture *f, LiaisonFieldMap *map);

G_END_DECLS
