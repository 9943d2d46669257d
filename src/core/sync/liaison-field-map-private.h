/* liaison-field-map-private.h: what the field map's files share: one pair of fields, the value
 * kinds canonical values come in, and the per-file entry points.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-field-def.h"
#include "liaison-field-map.h"

G_BEGIN_DECLS

/* What a pair's canonical value is, from its transform and its fields' types. */
typedef enum
{
  LIAISON_VALUE_TEXT,
  LIAISON_VALUE_EMAIL,
  LIAISON_VALUE_PHONE,
  LIAISON_VALUE_NUMBER,
  LIAISON_VALUE_BOOLEAN,
  LIAISON_VALUE_DATE,
  LIAISON_VALUE_DATE_TIME,
  LIAISON_VALUE_SET,
  LIAISON_VALUE_OWNER,
  LIAISON_VALUE_NAME,
} LiaisonValueKind;

typedef struct
{
  char *key;
  char *field[2];  /* by LiaisonService: as named in the map */
  char **parts[2]; /* field split at "+": the service fields it stands for */
  char *custom_id; /* the HighLevel custom field's id, when named by its key */
  gboolean typed[2];
  LiaisonFieldType type[2]; /* when typed: from the map's JSON or the definitions */
  LiaisonSyncDirection direction;
  LiaisonTransform transform;
  LiaisonConflictPolicy policy;
  char *letter_case;  /* "fold", "upper", "title" (CASE) */
  char *format;       /* "date", "date-time" (DATE) */
  char *separator;    /* SET */
  LiaisonSide full;   /* NAME: the side with one full-name field */
  JsonObject *values; /* VALUES: LeadSquared option -> HighLevel option */
  char **options[2];  /* the fields' options, from the definitions: sets are written with them */
} LiaisonFieldPair;

struct _LiaisonFieldMap
{
  GObject parent_instance;

  GPtrArray *pairs; /* of LiaisonFieldPair */
  char *default_region;
  GPtrArray *users[2]; /* of LiaisonUser, or NULL */
};

/* liaison-field-map.c */
LiaisonFieldPair *liaison_field_pair_new (const char *key, const char *lsq, const char *ghl,
                                          LiaisonTransform transform);
void liaison_field_pair_free (gpointer pair);
void liaison_field_pair_set_field (LiaisonFieldPair *pair, LiaisonSide side, const char *name);
gboolean liaison_field_pair_writes (const LiaisonFieldPair *pair, LiaisonSide side);
LiaisonFieldType liaison_field_pair_type (const LiaisonFieldPair *pair, LiaisonSide side,
                                          const char *part);
LiaisonValueKind liaison_field_pair_kind (const LiaisonFieldPair *pair);
gboolean liaison_field_is_standard (LiaisonSide side, const char *name);
const char *liaison_field_standard_property (LiaisonSide side, const char *name);
const char *liaison_side_name (LiaisonSide side); /* "LeadSquared", "HighLevel" */
const char *liaison_field_pair_custom_id (const LiaisonFieldPair *pair, const char *part);

/* liaison-field-values.c */
JsonNode *liaison_field_map_canonical (LiaisonFieldMap *self, const LiaisonFieldPair *pair,
                                       LiaisonSide side, LiaisonContact *contact);
char *liaison_field_canonical_text (const char *text, gboolean collapse);
char *liaison_field_canonical_number (double number);
gboolean liaison_field_parse_boolean (const char *text, gboolean *flag);

/* liaison-field-map-validate.c */
LiaisonFieldDef *liaison_field_defs_find (GPtrArray *defs, const char *name);

G_END_DECLS
