/* liaison-field-map.h: LiaisonFieldMap, which LeadSquared field goes with which HighLevel field,
 * in which direction, through which transform and under which conflict policy; and the canonical
 * projection of a cached contact through it, the projection's hash, and the partial update that
 * writes canonical values back to one service.
 *
 * Canonical values are JSON strings (numbers written shortest, "true"/"false" for flags, dates as
 * ISO 8601 UTC, phones in E.164, e-mails case-folded, owners as their user's case-folded e-mail),
 * arrays of strings for sets (sorted, case-folded, no duplicates), or JSON null for empty. Text is
 * trimmed and in NFC. Equal meaning gives equal bytes.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "liaison-contact.h"
#include "liaison-store-types.h"

G_BEGIN_DECLS

/* The two sides are the store's services: LIAISON_SERVICE_LSQ and LIAISON_SERVICE_GHL. */
typedef LiaisonService LiaisonSide;

typedef enum
{
  LIAISON_SYNC_BOTH,
  LIAISON_SYNC_TO_GHL, /* LeadSquared is the source; only HighLevel is written */
  LIAISON_SYNC_TO_LSQ, /* HighLevel is the source; only LeadSquared is written */
} LiaisonSyncDirection;

typedef enum
{
  LIAISON_POLICY_ASK, /* both sides changed differently: an open conflict */
  LIAISON_POLICY_LSQ_WINS,
  LIAISON_POLICY_GHL_WINS,
  LIAISON_POLICY_NEWEST_WINS, /* the record modified last; a tie is a conflict */
} LiaisonConflictPolicy;

/* How a pair's values turn canonical and back. Parameters ("case", "format", "values",
 * "separator", "full") live in the pair's JSON, see liaison_field_map_to_json(). */
typedef enum
{
  LIAISON_TRANSFORM_NONE,   /* trimmed NFC text; numbers, flags and dates by the fields' types */
  LIAISON_TRANSFORM_TRIM,   /* also inner runs of white space become one space */
  LIAISON_TRANSFORM_CASE,   /* "case": "fold" (compare and write case-folded), "upper", "title" */
  LIAISON_TRANSFORM_E164,   /* a phone number in E.164, national forms by the default region */
  LIAISON_TRANSFORM_DATE,   /* "format": "date" (YYYY-MM-DD) or "date-time" (ISO 8601 UTC) */
  LIAISON_TRANSFORM_VALUES, /* "values": {LeadSquared option: HighLevel option}; canonical is
                             * the HighLevel option, an option not in the table stays as is */
  LIAISON_TRANSFORM_NAME,   /* "full": the side ("lsq" or "ghl") whose field holds one full
                             * name; the other side's first and last name are joined and split
                             * (the last word is the last name) */
  LIAISON_TRANSFORM_SET,    /* a set of options; "separator" (default ";") where a side holds
                             * it as one text */
  LIAISON_TRANSFORM_OWNER,  /* a user id, canonical as that user's e-mail (see set_users) */
} LiaisonTransform;

#define LIAISON_FIELD_MAP_ERROR (liaison_field_map_error_quark ())

typedef enum
{
  LIAISON_FIELD_MAP_ERROR_INVALID,          /* malformed stored or given map JSON */
  LIAISON_FIELD_MAP_ERROR_UNKNOWN_FIELD,    /* a field the service does not (or no longer) have */
  LIAISON_FIELD_MAP_ERROR_TYPE_MISMATCH,    /* the two fields' types cannot hold each other */
  LIAISON_FIELD_MAP_ERROR_DUPLICATE_TARGET, /* one field written by two pairs */
  LIAISON_FIELD_MAP_ERROR_UNMAPPABLE,       /* build_patch: a value the target cannot take
                                             * (an owner without a user on that side...) */
} LiaisonFieldMapError;

GQuark liaison_field_map_error_quark (void);

/* The names used in JSON and on the command line: "both", "to-ghl", "to-lsq"; "ask",
 * "lsq-wins", "ghl-wins", "newest-wins"; "none", "trim", "case", "e164", "date", "values",
 * "name", "set", "owner". */
const char *liaison_sync_direction_to_string (LiaisonSyncDirection direction);
gboolean liaison_sync_direction_from_string (const char *str, LiaisonSyncDirection *direction);
const char *liaison_conflict_policy_to_string (LiaisonConflictPolicy policy);
gboolean liaison_conflict_policy_from_string (const char *str, LiaisonConflictPolicy *policy);
const char *liaison_transform_to_string (LiaisonTransform transform);
gboolean liaison_transform_from_string (const char *str, LiaisonTransform *transform);

#define LIAISON_TYPE_FIELD_MAP (liaison_field_map_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonFieldMap, liaison_field_map, LIAISON, FIELD_MAP, GObject)

/* Pair keys of the defaults: "firstName", "lastName", "email", "phone", "company", "address",
 * "city", "state", "postalCode", "country", "website", "timeZone", "doNotContact", "owner"; all
 * both ways, policy ask. Not "source": LeadSquared's Source is a picklist and HighLevel's free
 * text, which validate() refuses both ways without a value table. */
LiaisonFieldMap *liaison_field_map_new_default (void);
LiaisonFieldMap *liaison_field_map_copy (LiaisonFieldMap *self);

/* The stored form, versioned:
 * {"version": 1, "pairs": [{"key": "email", "lsq": "EmailAddress", "ghl": "email",
 *   "direction": "both", "transform": "case", "case": "fold", "policy": "ask"}, ...]}
 * Field names are LeadSquared schema names ("FirstName", "mx_City") and HighLevel contact
 * members ("firstName", "tags"); a HighLevel custom field is named by its id or its key
 * ("contact.lead_stage"). Names joined by "+" are one value kept in several fields: flags
 * ("DoNotEmail+DoNotCall+DoNotSMS": set when all are, written to all) or, with transform
 * "name", first and last name ("firstName+lastName", "FirstName+LastName"). Optional "lsqType" /
 * "ghlType" (LiaisonFieldType nicks, e.g. "number") type custom fields; set_field_defs() fills
 * them. Unknown members are refused, so a typo never passes silently. */
LiaisonFieldMap *liaison_field_map_new_from_json (JsonNode *node, GError **error);
JsonNode *liaison_field_map_to_json (LiaisonFieldMap *self);

/* Checks the map against both sides' field definitions (GPtrArray of LiaisonFieldDef; NULL
 * when a side's fields are not known yet, then only what needs no definitions is checked):
 * fields that do not exist, types that cannot hold each other, a field written by two pairs.
 * The error is a translated sentence naming the fields. */
gboolean liaison_field_map_validate (LiaisonFieldMap *self, GPtrArray *lsq_field_defs,
                                     GPtrArray *ghl_field_defs, GError **error);
/* Removes the pairs validate() would refuse on their own (a field that does not exist, types
 * that cannot hold each other, free text written into a picklist...), for fitting the defaults
 * to the accounts. Returns the removed pairs' keys (NULL-terminated, maybe empty). */
char **liaison_field_map_drop_refused (LiaisonFieldMap *self, GPtrArray *lsq_field_defs,
                                       GPtrArray *ghl_field_defs);
/* Removes the pairs naming a field that either side's definitions (when not NULL) lack, e.g.
 * the default "state" pair where the LeadSquared account has no mx_State. Returns the removed
 * pairs' keys (NULL-terminated, maybe empty), for saying so. */
char **liaison_field_map_drop_missing (LiaisonFieldMap *self, GPtrArray *lsq_field_defs,
                                       GPtrArray *ghl_field_defs);
/* Remembers the custom fields' types from the definitions, for projection and patches. */
void liaison_field_map_set_field_defs (LiaisonFieldMap *self, GPtrArray *lsq_field_defs,
                                       GPtrArray *ghl_field_defs);

guint liaison_field_map_get_n_pairs (LiaisonFieldMap *self);
int liaison_field_map_find (LiaisonFieldMap *self, const char *key);    /* index, or -1 */
const char *liaison_field_map_get_key (LiaisonFieldMap *self, guint i); /* stable, e.g. "email" */
const char *liaison_field_map_get_field (LiaisonFieldMap *self, guint i, LiaisonSide side);
LiaisonSyncDirection liaison_field_map_get_direction (LiaisonFieldMap *self, guint i);
LiaisonConflictPolicy liaison_field_map_get_policy (LiaisonFieldMap *self, guint i);
LiaisonTransform liaison_field_map_get_transform (LiaisonFieldMap *self, guint i);
void liaison_field_map_set_direction (LiaisonFieldMap *self, guint i,
                                      LiaisonSyncDirection direction);
void liaison_field_map_set_policy (LiaisonFieldMap *self, guint i, LiaisonConflictPolicy policy);
/* A pair in the stored form (one element of "pairs"); replaces the pair of the same key. */
gboolean liaison_field_map_put_pair (LiaisonFieldMap *self, JsonObject *pair, GError **error);
gboolean liaison_field_map_remove_pair (LiaisonFieldMap *self, const char *key);

/* The region national phone numbers are read in ("IN", "US"...); NULL: only numbers written
 * with a country code become E.164, the others are compared as their digits. */
void liaison_field_map_set_default_region (LiaisonFieldMap *self, const char *region);
const char *liaison_field_map_get_default_region (LiaisonFieldMap *self);
/* Both services' users (GPtrArray of LiaisonUser), matched by e-mail for owner pairs. */
void liaison_field_map_set_users (LiaisonFieldMap *self, GPtrArray *lsq_users,
                                  GPtrArray *ghl_users);

/* The canonical projection of one side's cached contact: a new JSON object, pair key ->
 * canonical value, every pair present (null when empty). */
JsonObject *liaison_field_map_project (LiaisonFieldMap *self, LiaisonSide side,
                                       LiaisonContact *contact);
/* The canonical bytes of a projection (members sorted by key, no spaces): what a link's base
 * snapshot stores and what the hash covers. */
char *liaison_field_map_serialize (JsonObject *projection);
/* Hex SHA-256 over the serialization of the map's pairs only (members of other keys are
 * ignored). */
char *liaison_field_map_hash (LiaisonFieldMap *self, JsonObject *projection);
/* Hex SHA-256 of what makes the map's projections and bodies: its stored form and its default
 * region. Equal fingerprints, equal writes for equal records. */
char *liaison_field_map_fingerprint (LiaisonFieldMap *self);
/* Two canonical values (NULL counts as JSON null) mean the same. */
gboolean liaison_field_map_value_equal (JsonNode *a, JsonNode *b);

/* The service-native partial body of an update that writes the canonical values of changes
 * (pair key -> value, only the changed pairs) to side: a HighLevel contact object
 * (UpdateContactDto members, custom fields as "customFields": [{"id", "field_value"}]) or a
 * LeadSquared attribute list ([{"Attribute", "Value"}], for Lead.Update). It holds only those
 * pairs' fields; transforms are reversed (names split, value tables reversed, owners translated
 * to that side's user id). Errors: an unknown key, or a pair whose direction forbids writing
 * side (INVALID); a value the side cannot take, or a field the side cannot change on an
 * existing record (UNMAPPABLE, see can_update). One error fails the whole body: call it with
 * one pair's change to write the others regardless. */
JsonNode *liaison_field_map_build_patch (LiaisonFieldMap *self, LiaisonSide side,
                                         JsonObject *changes, GError **error);
/* The body of a create on side from a projection of the other side's record: every pair that
 * may write side and has a value, create-only fields included; without locationId (HighLevel)
 * or SearchBy (LeadSquared), which the caller adds. A value the side cannot take (an owner
 * without a user there...) is left out, its pair's key added to skipped (when not NULL; a new
 * NULL-terminated array, maybe empty), so the record is still created. */
JsonNode *liaison_field_map_build_create (LiaisonFieldMap *self, LiaisonSide side,
                                          JsonObject *projection, char ***skipped, GError **error);
/* FALSE for a field the service takes on create only (HighLevel's companyName: UpdateContactDto
 * has no such member). A change of it on an existing record cannot be sent: the caller skips
 * it, and keeps that side's value in the base, so it is not taken for an edit there. */
gboolean liaison_field_map_can_update (LiaisonFieldMap *self, guint i, LiaisonSide side);

G_END_DECLS
