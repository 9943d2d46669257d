/* liaison-sandbox-lsq-private.h: state and helpers shared by the files of the
 * simulated LeadSquared service.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "liaison-sandbox-lsq.h"
#include "liaison-sandbox-rng.h"
#include "liaison-sandbox-table.h"

G_BEGIN_DECLS

#define LSQ_DAY_MS (24 * 3600 * (gint64) 1000)

/* RecentlyModified returns at most this many leads per call. */
#define LSQ_MAX_PAGE_SIZE 5000
/* Lead/Bulk/CreateOrUpdate takes at most this many leads per call. */
#define LSQ_MAX_BULK_ROWS 25

struct _LiaisonSandboxLsq
{
  GObject parent_instance;

  LiaisonSandboxServer *server;
  LiaisonSandboxRng rng;
  guint64 seed;
  gint64 anchor_ms;
  gint64 next_auto_id;

  char *org_id;
  char *org_short_code;

  /* Records in wire shape plus "_" members for the sandbox's own use. */
  LiaisonSandboxTable *users;      /* "ID"; "_AccessKey", "_SecretKey" */
  LiaisonSandboxTable *fields;     /* "SchemaName" */
  LiaisonSandboxTable *leads;      /* "ProspectID"; "_CreatedMs", "_ModifiedMs" */
  LiaisonSandboxTable *task_types; /* "Id" */
  LiaisonSandboxTable *tasks;      /* "UserTaskId" */
  LiaisonSandboxTable *notes;      /* "ProspectNoteId" */
};

/* Application errors: LeadSquared answers them as HTTP 500 with a JSON body. */
#define LSQ_ERROR (lsq_error_quark ())
GQuark lsq_error_quark (void);

typedef enum
{
  LSQ_ERROR_MANDATORY,      /* MXMandatoryAttributeMissingException */
  LSQ_ERROR_DUPLICATE,      /* MXDuplicateEntryException */
  LSQ_ERROR_INVALID_ENTITY, /* MXInvalidEntityException */
  LSQ_ERROR_INVALID_INPUT,  /* MXInvalidInputException */
  LSQ_ERROR_BAD_REQUEST,    /* HTTP 400: the body is not as the API specifies */
} LsqErrorCode;

void lsq_error (LiaisonSandboxRequest *req, guint status, const char *exception_type,
                const char *message);
void lsq_error_from_gerror (LiaisonSandboxRequest *req, const GError *error);
const char *lsq_exception_type (gint code);
void lsq_control_error (LiaisonSandboxRequest *req, guint status, const char *message);

/* Checks the keys; replies 401 and returns NULL on failure, else the calling user. */
JsonObject *lsq_begin (LiaisonSandboxLsq *self, LiaisonSandboxRequest *req);
/* The JSON body (a 400 reply and NULL when it is missing or not JSON). */
JsonNode *lsq_body (LiaisonSandboxRequest *req);
JsonObject *lsq_body_object (LiaisonSandboxRequest *req);
/* Query parameters are matched without regard to case, as WCF does. */
const char *lsq_query (LiaisonSandboxRequest *req, const char *name);
void lsq_reply_success (LiaisonSandboxRequest *req, const char *id, gint64 affected_rows);

char *lsq_new_guid (LiaisonSandboxLsq *self);
const char *lsq_get_string (JsonObject *object, const char *member);
JsonObject *lsq_public_copy (JsonObject *stored);
gint64 lsq_member_int (JsonObject *object, const char *member, gint64 fallback);

/* The three date shapes LeadSquared uses, and the parser that reads all of them. */
char *lsq_format_ms (gint64 ms);    /* 2017-11-30 07:38:00.000 */
char *lsq_format_plain (gint64 ms); /* 2018-12-12 10:36:00 */
char *lsq_format_wcf (gint64 ms);   /* /Date(1751910591000+0000)/ */
gboolean lsq_parse_date (const char *text, gint64 *ms);
char *lsq_phone_digits (const char *phone);

JsonObject *lsq_user_by_id (LiaisonSandboxLsq *self, const char *id);
JsonObject *lsq_user_by_email (LiaisonSandboxLsq *self, const char *email);
char *lsq_user_name (JsonObject *user);

/* Leads: parsing, validation and writes shared by the API and the control routes. */
typedef enum
{
  LSQ_UPDATE_ALL,
  LSQ_UPDATE_NONE,       /* LeadUpdateBehavior=DoNotUpdate */
  LSQ_UPDATE_ONLY_EMPTY, /* LeadUpdateBehavior=UpdateOnlyEmptyFields */
  LSQ_UPDATE_NOT_UNIQUE, /* LeadUpdateBehavior=DoNotUpdateUniqueFields */
} LsqUpdateBehavior;

typedef struct
{
  char *attribute;
  char *value; /* NULL clears the field */
} LsqPair;

GPtrArray *lsq_pairs_parse (JsonNode *node, char **search_by, GError **error);
GPtrArray *lsq_pairs_from_object (JsonObject *object, GError **error);
const char *lsq_pairs_get (GPtrArray *pairs, const char *attribute);
JsonObject *lsq_lead_find (LiaisonSandboxLsq *self, const char *attribute, const char *value);
JsonObject *lsq_lead_match (LiaisonSandboxLsq *self, GPtrArray *pairs, const char *search_by,
                            GError **error);
JsonObject *lsq_lead_new (LiaisonSandboxLsq *self, JsonObject *user, gint64 now_ms);
JsonObject *lsq_lead_create (LiaisonSandboxLsq *self, GPtrArray *pairs, JsonObject *user,
                             gint64 now_ms, GError **error);
gboolean lsq_lead_update (LiaisonSandboxLsq *self, JsonObject *lead, GPtrArray *pairs,
                          LsqUpdateBehavior behavior, JsonObject *user, gint64 now_ms,
                          GError **error);
void lsq_lead_touch (JsonObject *lead, JsonObject *user, gint64 now_ms);
JsonObject *lsq_lead_public (LiaisonSandboxLsq *self, JsonObject *lead);
void lsq_lead_delete (LiaisonSandboxLsq *self, const char *lead_id);

JsonObject *lsq_task_new (LiaisonSandboxLsq *self, JsonObject *user, gint64 now_ms);
char *lsq_task_apply (LiaisonSandboxLsq *self, JsonObject *task, JsonObject *body, gboolean create,
                      gint64 now_ms, LsqErrorCode *code);
JsonObject *lsq_task_create (LiaisonSandboxLsq *self, JsonObject *body, JsonObject *user,
                             gint64 now_ms);
JsonObject *lsq_note_create (LiaisonSandboxLsq *self, JsonObject *lead, const char *text,
                             const char *attachment, JsonObject *user, gint64 now_ms);

void lsq_seed (LiaisonSandboxLsq *self, GPtrArray *people);

void lsq_leads_register (LiaisonSandboxLsq *self);
void lsq_search_register (LiaisonSandboxLsq *self);
void lsq_tasks_register (LiaisonSandboxLsq *self);
void lsq_control_register (LiaisonSandboxLsq *self);

G_END_DECLS
