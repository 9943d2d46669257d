/* liaison-store-sync.h: the sync engine's state in LiaisonStore (schema v2): the field map, sync
 * settings, runs and their operations, intents (the write-ahead journal of remote writes),
 * conflicts, and the one-transaction apply step.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-store.h"

G_BEGIN_DECLS

/* ---- mapping ---- */

/* The JSON of the contact field map (liaison_field_map_to_json), or NULL without an error when
 * none was saved yet (then the defaults apply). revision: moves by one on every save. */
void liaison_store_load_mapping_async (LiaisonStore *self, GCancellable *cancellable,
                                       GAsyncReadyCallback callback, gpointer user_data);
char *liaison_store_load_mapping_finish (LiaisonStore *self, GAsyncResult *result, gint64 *revision,
                                         GError **error);
/* json must be a JSON object (validate the map before saving it); NULL removes the saved map, so
 * that the defaults apply again. */
void liaison_store_save_mapping_async (LiaisonStore *self, const char *json,
                                       GCancellable *cancellable, GAsyncReadyCallback callback,
                                       gpointer user_data);
gboolean liaison_store_save_mapping_finish (LiaisonStore *self, GAsyncResult *result,
                                            gint64 *revision, GError **error);

/* What an editor of the map compares with what it shows: the saved map's JSON (NULL: none,
 * the defaults apply), the phone region setting (NULL: none) and whether a map was ever saved
 * in this profile, the defaults included (LIAISON_STORE_SETTING_MAPPING_REVIEWED); for each
 * connection given, the raw JSON of its cached field definitions and users (NULL for a NULL
 * connection). One read on the worker, so that the main thread never waits for the disk and
 * what another process (liaison-cli) saved is seen. */
typedef struct
{
  char *json;
  char *region;
  gboolean reviewed;
  GPtrArray *fields[2]; /* by LiaisonService: char * */
  GPtrArray *users[2];
} LiaisonStoreMappingState;

void liaison_store_mapping_state_free (LiaisonStoreMappingState *state);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonStoreMappingState, liaison_store_mapping_state_free)
void liaison_store_read_mapping_state_async (LiaisonStore *self, const char *lsq_connection,
                                             const char *ghl_connection, GCancellable *cancellable,
                                             GAsyncReadyCallback callback, gpointer user_data);
LiaisonStoreMappingState *
liaison_store_read_mapping_state_finish (LiaisonStore *self, GAsyncResult *result, GError **error);

/* Whether the profile's scheduled syncs wait for a person (liaison-sync-engine.h,
 * LIAISON_SYNC_ERROR_NOT_REVIEWED): no field map was ever saved or accepted
 * (LIAISON_STORE_SETTING_MAPPING_REVIEWED), no run but a dry one was ever made, and no contact
 * was ever synced (a link with a sync time: what is left when the history was pruned). */
void liaison_store_read_schedule_hold_async (LiaisonStore *self, GCancellable *cancellable,
                                             GAsyncReadyCallback callback, gpointer user_data);
gboolean liaison_store_read_schedule_hold_finish (LiaisonStore *self, GAsyncResult *result,
                                                  gboolean *held, GError **error);

/* ---- settings ---- */

#define LIAISON_STORE_SETTING_MAPPING_REVIEWED "mapping.reviewed" /* "yes" once a map was saved */

#define LIAISON_STORE_SETTING_DELETES "sync.deletes" /* "on": deletes travel; else unlink only */

char *liaison_store_get_setting (LiaisonStore *self, const char *key, GError **error);
void liaison_store_set_setting_async (LiaisonStore *self, const char *key, const char *value,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data);
gboolean liaison_store_set_setting_finish (LiaisonStore *self, GAsyncResult *result,
                                           GError **error);

/* ---- the phone region ---- */

#define LIAISON_STORE_SETTING_PHONE_REGION "phone.region" /* ISO 3166 code, or unset */
/* Who chose it: "person" (liaison-cli mapping region, the app) or "location" (the sync took the
 * HighLevel location's country while none was set); unset: nobody yet, so a sync may. */
#define LIAISON_STORE_SETTING_PHONE_REGION_SOURCE "phone.region.source"

gboolean liaison_store_check_phone_region (const char *region, GError **error);
void liaison_store_save_phone_region_async (LiaisonStore *self, const char *region,
                                            GCancellable *cancellable, GAsyncReadyCallback callback,
                                            gpointer user_data);
gboolean liaison_store_save_phone_region_finish (LiaisonStore *self, GAsyncResult *result,
                                                 GError **error);
/* Saves a region taken from the HighLevel location (source "location"); finish with
 * liaison_store_save_phone_region_finish(). */
void liaison_store_default_phone_region_async (LiaisonStore *self, const char *region,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data);

/* ---- values ---- */

/* A link with what the engine keeps on it. */
typedef struct
{
  gint64 id; /* 0: a new link */
  LiaisonLinkOrigin origin;
  char *lsq_id;
  char *ghl_id;
  char *base_snapshot; /* JSON object: pair key -> canonical value, or NULL */
  char *base_hash;
  char *lsq_seen_hash; /* records.content_hash of each side at the last sync, or NULL */
  char *ghl_seen_hash;
  gint64 synced_at;
} LiaisonStoreSyncLink;

typedef enum
{
  LIAISON_INTENT_CREATE,
  LIAISON_INTENT_UPDATE,
  LIAISON_INTENT_DELETE,
} LiaisonIntentOp;

/* A remote write about to be made. marker: the client token, unique per intent. */
typedef struct
{
  gint64 id;
  gint64 run_id;
  LiaisonRecordKind kind; /* of the record written (contact unless set) */
  LiaisonService service; /* the side written */
  LiaisonIntentOp op;
  char *remote_id; /* the record written (NULL for a create) */
  char *source_id; /* the other side's record, for creates and updates */
  gint64 link_id;
  char *marker;
  char *payload; /* JSON: what is sent, with the canonical values */
  guint attempts;
  gboolean refused; /* in LiaisonStoreStep.intents_failed: the service refused the write, and
                     * would refuse the same again */
  gint64 created_at;
} LiaisonStoreIntent;

typedef enum
{
  LIAISON_OPERATION_CREATE,
  LIAISON_OPERATION_UPDATE,
  LIAISON_OPERATION_DELETE,
  LIAISON_OPERATION_LINK,
  LIAISON_OPERATION_UNLINK,
  LIAISON_OPERATION_CONFLICT,
  LIAISON_OPERATION_SKIP,
} LiaisonOperationAction;

typedef enum
{
  LIAISON_OPERATION_PLANNED,
  LIAISON_OPERATION_APPLIED,
  LIAISON_OPERATION_FAILED,
  LIAISON_OPERATION_SKIPPED,
} LiaisonOperationStatus;

typedef struct
{
  gint64 id;
  gint64 run_id;
  gint64 at;
  LiaisonService service; /* the side it concerns (for a link: LeadSquared's) */
  char *lsq_id;
  char *ghl_id;
  LiaisonOperationAction action;
  char *field;  /* the pair key, or NULL for the whole record */
  char *before; /* JSON value text, or NULL */
  char *after;
  LiaisonOperationStatus status;
  char *error;            /* what went wrong, a sentence */
  char *cause;            /* why it was done, or why it failed: "lsq-changed", "http-503", ... */
  LiaisonRecordKind kind; /* what it concerns, as read from the history (a step's operations
                           * are written with the step's kind, whatever this says) */
} LiaisonStoreOperation;

typedef enum
{
  LIAISON_CONFLICT_FIELD,
  LIAISON_CONFLICT_AMBIGUOUS,
} LiaisonConflictKind;

typedef struct
{
  gint64 id;
  LiaisonConflictKind kind;
  gint64 link_id; /* 0 for an ambiguous match */
  char *lsq_id;   /* the link's records (read back); for an ambiguous match the first candidate */
  char *ghl_id;
  char *email;
  char *field;
  char *base_value; /* JSON value text */
  char *lsq_value;
  char *ghl_value;
  char *candidates; /* ambiguous: {"lsq":[ids],"ghl":[ids],"reason":"email"|"phone"} */
  gint64 detected_at;
  gint64 resolved_at;
  char *resolution;     /* "lsq", "ghl", "edited", "linked", "dismissed" */
  char *resolved_value; /* JSON value text */
  char *name;           /* the contact's name (liaison_store_list_conflicts_to_review only) */
  /* An ambiguous match's candidates as cached (liaison_store_list_conflicts_to_review only):
   * [{"side": "lsq"|"ghl", "id", "connection", "name", "email", "phone"}], LeadSquared's first;
   * connection and the rest are null for a record no longer cached. */
  char *candidate_details;
} LiaisonStoreConflict;

typedef struct
{
  gint64 id;
  gint64 started_at;
  gint64 finished_at;
  char *trigger; /* "manual", "scheduled", "cli", "startup" */
  gboolean dry_run;
  char *status; /* "running", "succeeded", "partial", "failed", "cancelled" */
  guint n_created, n_updated, n_deleted, n_linked, n_conflicts, n_skipped, n_failed;
  guint lsq_requests, ghl_requests;
  char *error;
  char *cause;
} LiaisonStoreRun;

LiaisonStoreSyncLink *liaison_store_sync_link_copy (const LiaisonStoreSyncLink *link);
void liaison_store_sync_link_free (LiaisonStoreSyncLink *link);
void liaison_store_intent_free (LiaisonStoreIntent *intent);
void liaison_store_operation_free (LiaisonStoreOperation *operation);
void liaison_store_conflict_free (LiaisonStoreConflict *conflict);
void liaison_store_run_free (LiaisonStoreRun *run);
const char *liaison_operation_action_to_string (LiaisonOperationAction action);
const char *liaison_operation_status_to_string (LiaisonOperationStatus status);
const char *liaison_intent_op_to_string (LiaisonIntentOp op);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonStoreSyncLink, liaison_store_sync_link_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonStoreIntent, liaison_store_intent_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonStoreOperation, liaison_store_operation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonStoreConflict, liaison_store_conflict_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonStoreRun, liaison_store_run_free)

/* ---- runs ---- */

void liaison_store_begin_run_async (LiaisonStore *self, const char *trigger, gboolean dry_run,
                                    GCancellable *cancellable, GAsyncReadyCallback callback,
                                    gpointer user_data);
gint64 liaison_store_begin_run_finish (LiaisonStore *self, GAsyncResult *result, GError **error);
/* Writes the run's end: status, counts, error and cause, finished_at (now). */
void liaison_store_finish_run_async (LiaisonStore *self, const LiaisonStoreRun *run,
                                     GCancellable *cancellable, GAsyncReadyCallback callback,
                                     gpointer user_data);
gboolean liaison_store_finish_run_finish (LiaisonStore *self, GAsyncResult *result, GError **error);

/* Reads on the calling thread's own connection (liaison-cli and the engine's worker). */
GPtrArray *liaison_store_list_runs (LiaisonStore *self, guint limit, GError **error);
LiaisonStoreRun *liaison_store_lookup_run (LiaisonStore *self, gint64 run_id, GError **error);
GPtrArray *liaison_store_list_operations (LiaisonStore *self, gint64 run_id, GError **error);
GPtrArray *liaison_store_list_conflicts (LiaisonStore *self, gboolean open_only, GError **error);
LiaisonStoreConflict *liaison_store_lookup_conflict (LiaisonStore *self, gint64 conflict_id,
                                                     GError **error);
GPtrArray *liaison_store_list_conflicts_for_plan (LiaisonStore *self, GError **error);
/* The same and the delete setting, read on the store's worker, for a preview made from the
 * main thread. */
typedef struct
{
  gboolean deletes;     /* LIAISON_STORE_SETTING_DELETES is "on" */
  GPtrArray *conflicts; /* LiaisonStoreConflict, as liaison_store_list_conflicts_for_plan */
} LiaisonStorePlanInputs;

void liaison_store_plan_inputs_free (LiaisonStorePlanInputs *inputs);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonStorePlanInputs, liaison_store_plan_inputs_free)
void liaison_store_read_plan_inputs_async (LiaisonStore *self, GCancellable *cancellable,
                                           GAsyncReadyCallback callback, gpointer user_data);
LiaisonStorePlanInputs *
liaison_store_read_plan_inputs_finish (LiaisonStore *self, GAsyncResult *result, GError **error);
GPtrArray *liaison_store_list_pending_intents (LiaisonStore *self, GError **error); /* contacts */
/* The creates and updates of contacts a service refused (failed intents marked refused, with
 * the error it gave), so that the same write is not sent again: a hash table of
 * liaison_store_refused_create_key() and liaison_store_refused_update_key() -> the error text. */
GHashTable *liaison_store_list_refused_writes (LiaisonStore *self, GError **error);
/* "<service>/<source id>/<source hash>/<map hash>": the side refusing, the record copied, its
 * content hash (records.content_hash) and the field map's fingerprint when it was refused. */
char *liaison_store_refused_create_key (LiaisonService service, const char *source_id,
                                        const char *source_hash, const char *map_hash);
/* "update/<service>/<record id>/<record hash>/<changes hash>/<map hash>": the side refusing,
 * its record and that record's content hash, the SHA-256 of the canonical changes sent
 * (liaison_field_map_serialize of pair key -> value) and the map's fingerprint. The update
 * intent's payload holds them as "targetHash", "changesHash" and "mapHash". */
char *liaison_store_refused_update_key (LiaisonService service, const char *remote_id,
                                        const char *target_hash, const char *changes_hash,
                                        const char *map_hash);
GPtrArray *liaison_store_list_raw (LiaisonStore *self, const char *connection_id,
                                   LiaisonRecordKind kind, GError **error); /* char * */

/* ---- intents ---- */

/* Writes the intents (pending, each with a fresh marker) in one transaction; returns a GArray of
 * their ids (gint64), in order. The intents' id and marker are filled in. */
void liaison_store_add_intents_async (LiaisonStore *self, GPtrArray *intents,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data);
GArray *liaison_store_add_intents_finish (LiaisonStore *self, GAsyncResult *result, GError **error);

/* ---- conflicts ---- */

/* What the Conflicts page shows, on the store's worker: the open conflicts and the answered field
 * conflicts no run has written yet, oldest first, each with its contact's name: a GPtrArray of
 * LiaisonStoreConflict. */
void liaison_store_list_conflicts_to_review_async (LiaisonStore *self, GCancellable *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer user_data);
GPtrArray *liaison_store_list_conflicts_to_review_finish (LiaisonStore *self, GAsyncResult *result,
                                                          GError **error);
/* The same, a page at a time: up to limit conflicts after the one detected at after_detected
 * with id after_id (0, 0: from the start), in the same order. A page shorter than limit is the
 * last. */
void liaison_store_list_conflicts_to_review_page_async (LiaisonStore *self, gint64 after_detected,
                                                        gint64 after_id, guint limit,
                                                        GCancellable *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer user_data);
#define liaison_store_list_conflicts_to_review_page_finish                                         \
  liaison_store_list_conflicts_to_review_finish

/* How many the Conflicts page shows, counted at once on the store's worker while the rows come a
 * page at a time: the open conflicts, the open field conflicts among them (those a side can be
 * taken for) and the answers the next run has still to write. */
typedef struct
{
  guint n_open;
  guint n_open_fields;
  guint n_answered;
} LiaisonStoreConflictCount;

void liaison_store_count_conflicts_to_review_async (LiaisonStore *self, GCancellable *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer user_data);
gboolean liaison_store_count_conflicts_to_review_finish (LiaisonStore *self, GAsyncResult *result,
                                                         LiaisonStoreConflictCount *count,
                                                         GError **error);

/* Takes one side ("lsq" or "ghl") for every open field conflict (of field only, unless NULL)
 * but those whose ids (gint64) are in except (may be NULL), in one transaction, whether a page
 * has read them or not; _finish (liaison_store_resolve_conflicts_finish) returns the ids
 * answered, for an Undo. */
void liaison_store_resolve_open_conflicts_async (LiaisonStore *self, const char *resolution,
                                                 const char *field, const GArray *except,
                                                 GCancellable *cancellable,
                                                 GAsyncReadyCallback callback, gpointer user_data);
#define liaison_store_resolve_open_conflicts_finish liaison_store_resolve_conflicts_finish

/* Records a person's answer; the next run writes it to both sides. value: JSON value text for
 * resolution "edited", NULL for "lsq" or "ghl" (the side's current value). */
void liaison_store_resolve_conflict_async (LiaisonStore *self, gint64 conflict_id,
                                           const char *resolution, const char *value,
                                           GCancellable *cancellable, GAsyncReadyCallback callback,
                                           gpointer user_data);
gboolean liaison_store_resolve_conflict_finish (LiaisonStore *self, GAsyncResult *result,
                                                GError **error);

/* Answers many conflicts (ids: gint64) in one transaction, all or none: resolution "lsq" or
 * "ghl" for field conflicts (the side's value as the conflict saw it), "linked" or "dismissed"
 * for ambiguous matches a person settled (by a link or by keeping the candidates apart).
 * Conflicts answered already, or of the other kind, are left alone; _finish returns the ids
 * answered (gint64), for an Undo. */
void liaison_store_resolve_conflicts_async (LiaisonStore *self, const GArray *ids,
                                            const char *resolution, GCancellable *cancellable,
                                            GAsyncReadyCallback callback, gpointer user_data);
GArray *liaison_store_resolve_conflicts_finish (LiaisonStore *self, GAsyncResult *result,
                                                GError **error);
/* Takes answers back (Undo) in one transaction: the conflicts are open again, unless a run has
 * written the answer already; returns how many were reopened. */
void liaison_store_reopen_conflicts_async (LiaisonStore *self, const GArray *ids,
                                           GCancellable *cancellable, GAsyncReadyCallback callback,
                                           gpointer user_data);
guint liaison_store_reopen_conflicts_finish (LiaisonStore *self, GAsyncResult *result,
                                             GError **error);

/* ---- the apply step ---- */

/* Everything one apply step changes, written in one transaction. Links are upserted by their id,
 * or when new by either side's record; records (LiaisonStoreRecord of the connection named by
 * their connection_id) are cached as fetched; intents are closed (done, or failed with their
 * error); operations recorded; open conflicts upserted per (link, field) and closed ones marked;
 * links removed. */
typedef struct
{
  char *lsq_connection;
  char *ghl_connection;
  gint64 run_id;
  LiaisonRecordKind kind;      /* of the links, operations and records gone (contact unless set) */
  GPtrArray *records;          /* LiaisonStoreRecord, connection_id set */
  GPtrArray *links;            /* LiaisonStoreSyncLink */
  GArray *intents_done;        /* gint64 */
  GPtrArray *intents_failed;   /* LiaisonStoreIntent: id and payload (the error text) used */
  GPtrArray *operations;       /* LiaisonStoreOperation, link found by lsq_id/ghl_id */
  GPtrArray *conflicts;        /* LiaisonStoreConflict to open (or refresh), by lsq_id + field */
  GPtrArray *conflicts_closed; /* LiaisonStoreConflict: id + resolution ("dismissed": settled) */
  GArray *conflicts_applied;   /* gint64: resolved conflicts this run wrote */
  GArray *links_removed;       /* gint64 */
  GPtrArray *records_gone;     /* LiaisonStoreRecord: connection_id + remote_id, marked deleted */
  GPtrArray *not_copied;       /* LiaisonStoreNotCopied: connection_id, remote_id, undone_run */
  gboolean notify;             /* emit records-changed/links-changed after the commit */
} LiaisonStoreStep;

/* A record an undo took the copy of back: the next sync does not copy it again
 * (liaison-store-not-copied.c). run_id is the undo's run, undone_run the run it undid. */
typedef struct
{
  char *connection_id;
  LiaisonService service;
  char *remote_id;
  gint64 run_id;
  gint64 undone_run;
  gint64 at; /* ms UTC */
} LiaisonStoreNotCopied;

void liaison_store_not_copied_free (LiaisonStoreNotCopied *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonStoreNotCopied, liaison_store_not_copied_free)
/* The key of a record in the planner's table of records not to copy. */
char *liaison_store_not_copied_key (const char *connection_id, const char *remote_id);
/* Every contact not to copy again (LiaisonStoreNotCopied), oldest first; any thread. */
GPtrArray *liaison_store_list_not_copied (LiaisonStore *self, GError **error);
/* The same for records of kind (the tasks, notes and appointments an undo took back). */
GPtrArray *liaison_store_list_not_copied_of (LiaisonStore *self, LiaisonRecordKind kind,
                                             GError **error);
/* The tasks, notes and appointments an undo took the copy of back (LiaisonStoreNotCopied), read
 * on the store's worker: for the GUI. */
void liaison_store_list_not_copied_activities_async (LiaisonStore *self, GCancellable *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer user_data);
GPtrArray *liaison_store_list_not_copied_activities_finish (LiaisonStore *self,
                                                            GAsyncResult *result, GError **error);
/* Lets the record remote_id (of any kind) be copied again by the next sync. */
void liaison_store_copy_again_async (LiaisonStore *self, const char *remote_id,
                                     GCancellable *cancellable, GAsyncReadyCallback callback,
                                     gpointer user_data);
/* The records let go (0: remote_id was not listed), or -1 with error set. */
gint liaison_store_copy_again_finish (LiaisonStore *self, GAsyncResult *result, GError **error);

LiaisonStoreStep *liaison_store_step_new (const char *lsq_connection, const char *ghl_connection,
                                          gint64 run_id);
void liaison_store_step_free (LiaisonStoreStep *step);
gboolean liaison_store_step_is_empty (const LiaisonStoreStep *step);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonStoreStep, liaison_store_step_free)

/* Takes the step. */
void liaison_store_apply_step_async (LiaisonStore *self, LiaisonStoreStep *step,
                                     GCancellable *cancellable, GAsyncReadyCallback callback,
                                     gpointer user_data);
gboolean liaison_store_apply_step_finish (LiaisonStore *self, GAsyncResult *result, GError **error);

/* Emits records-changed for both connections and links-changed, once: the engine calls it per
 * page of steps applied without notify, so that list models rebuild once per page. */
void liaison_store_notify_sync (LiaisonStore *self, const char *lsq_connection,
                                const char *ghl_connection);

/* Reads what planning needs, from a read-only connection of its own (so any thread may call it):
 * every contact link with both its records, then every contact record of either connection that
 * is in no link (link NULL, the other record NULL). A linked record's raw is NULL when its
 * content hash is still the one the link saw at its last sync (nothing to project). A link's
 * record is NULL when it is not cached; a record gone on its service has deleted set. Return
 * FALSE from func to stop. */
typedef gboolean (*LiaisonStoreScanFunc) (const LiaisonStoreSyncLink *link,
                                          const LiaisonStoreRecord *lsq,
                                          const LiaisonStoreRecord *ghl, gpointer user_data);
gboolean liaison_store_scan_contacts (LiaisonStore *self, const char *lsq_connection,
                                      const char *ghl_connection, LiaisonStoreScanFunc func,
                                      gpointer user_data, GError **error);

G_END_DECLS
