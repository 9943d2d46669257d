/* liaison-sandbox-ghl-private.h: state and helpers shared by the files of the
 * simulated HighLevel service.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "liaison-sandbox-ghl.h"
#include "liaison-sandbox-rng.h"
#include "liaison-sandbox-table.h"

G_BEGIN_DECLS

#define GHL_V_CONTACTS "2021-07-28"
#define GHL_V_CALENDARS "2021-04-15"

/* The specs declare 400, 401 and 422 for every served route and never 404, so
 * a record that does not exist is a 400 "... not found" (unknown paths are 404). */
#define GHL_NOT_FOUND_STATUS 400

struct _LiaisonSandboxGhl
{
  GObject parent_instance;

  LiaisonSandboxServer *server;
  LiaisonSandboxRng rng;
  guint64 seed;
  gint64 anchor_ms;
  gint64 token_lifetime_s;

  char *client_id;
  char *client_secret;
  char *private_token;
  char *location_id;
  char *company_id;

  LiaisonSandboxTable *locations;
  LiaisonSandboxTable *users;
  LiaisonSandboxTable *businesses;
  LiaisonSandboxTable *custom_fields;
  LiaisonSandboxTable *contacts;
  LiaisonSandboxTable *tasks;
  LiaisonSandboxTable *notes;
  LiaisonSandboxTable *calendars;
  LiaisonSandboxTable *events;
  /* Credentials: {"token", "locationId", "userId", "scope", "expiresAt", ...} */
  LiaisonSandboxTable *access_tokens;
  LiaisonSandboxTable *refresh_tokens;
  LiaisonSandboxTable *codes;
};

/* Errors shaped as the spec's common schemas. */
void ghl_error (LiaisonSandboxRequest *req, guint status, const char *message);
void ghl_error_422 (LiaisonSandboxRequest *req, GPtrArray *messages);
void ghl_error_422_one (LiaisonSandboxRequest *req, const char *message);

/* Checks credentials, scope and the Version header; replies and returns NULL on failure. */
JsonObject *ghl_begin (LiaisonSandboxGhl *self, LiaisonSandboxRequest *req, const char *version,
                       const char *scope);
gboolean ghl_check_location (LiaisonSandboxRequest *req, JsonObject *token,
                             const char *location_id);
JsonObject *ghl_body_object (LiaisonSandboxRequest *req);
gboolean ghl_check_whitelist (LiaisonSandboxRequest *req, JsonObject *body,
                              const char *const *allowed);

char *ghl_new_id (LiaisonSandboxGhl *self);
char *ghl_iso_ms (gint64 ms);
char *ghl_local_time (gint64 ms, const char *tz, gboolean with_t);
gboolean ghl_parse_time (JsonNode *node, gint64 *ms);
gboolean ghl_parse_time_string (const char *text, gint64 *ms);
char *ghl_normalize_phone (const char *phone);
JsonObject *ghl_public_copy (JsonObject *stored);
JsonObject *ghl_deep_copy (JsonObject *stored);
const char *ghl_get_string (JsonObject *object, const char *member);
JsonArray *ghl_get_array (JsonObject *object, const char *member);
const char *ghl_array_string (JsonArray *array, guint index);
JsonObject *ghl_get_object (JsonObject *object, const char *member);
void ghl_touch (JsonObject *object, gint64 now_ms);
/* Replies 200 {key: array}, taking the array. */
void ghl_reply_array (LiaisonSandboxRequest *req, const char *key, JsonArray *array);
/* Empties every table of the service, before it is seeded again. */
void ghl_clear_tables (LiaisonSandboxGhl *self);

/* Per-area route tables and seed data. */
void ghl_oauth_register (LiaisonSandboxGhl *self);
void ghl_contacts_register (LiaisonSandboxGhl *self);
void ghl_search_register (LiaisonSandboxGhl *self);
JsonObject *ghl_find_by_email (LiaisonSandboxGhl *self, const char *location_id, const char *email,
                               const char *skip_id);
JsonObject *ghl_find_by_phone (LiaisonSandboxGhl *self, const char *location_id, const char *phone,
                               const char *skip_id);
void ghl_activities_register (LiaisonSandboxGhl *self);
void ghl_calendars_register (LiaisonSandboxGhl *self);
void ghl_control_register (LiaisonSandboxGhl *self);

JsonObject *ghl_contact_lookup (LiaisonSandboxGhl *self, LiaisonSandboxRequest *req,
                                JsonObject *token, const char *contact_id);
gboolean ghl_contact_apply (LiaisonSandboxGhl *self, LiaisonSandboxRequest *req,
                            JsonObject *contact, JsonObject *body, GPtrArray *errors);
JsonObject *ghl_contact_new (LiaisonSandboxGhl *self, const char *location_id, gint64 now_ms);
JsonObject *ghl_event_public (LiaisonSandboxGhl *self, JsonObject *event);
GPtrArray *ghl_free_slots (LiaisonSandboxGhl *self, JsonObject *calendar, gint64 start_ms,
                           gint64 end_ms, gint64 now_ms, const char *ignore_event_id);
void ghl_seed_calendars (LiaisonSandboxGhl *self);

G_END_DECLS
