/* liaison-mapping-model-private.h: what the mapping model's two files share.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "liaison-mapping-model.h"

G_BEGIN_DECLS

struct _LiaisonMappingModel
{
  GObject parent_instance;

  LiaisonStore *store;
  char *connection[2]; /* by LiaisonService; NULL: not connected */
  GPtrArray *defs[2];  /* LiaisonFieldDef as cached, or NULL when none was read */
  GPtrArray *users[2];
  gboolean fields_known[2];
  GListStore *fields[2]; /* LiaisonFieldDef offered for new pairs */

  LiaisonFieldMap *saved; /* what the store holds (or the defaults it stands for) */
  gboolean saved_is_default;
  gboolean saved_damaged; /* the stored map could not be read: saving replaces it */
  LiaisonFieldMap *map;   /* the copy being edited */
  gboolean is_default;
  GPtrArray *items; /* LiaisonMappingPair, one per pair of map */

  char *saved_json;   /* the stored map's text as last read or written; NULL: none stored */
  char *saved_region; /* the profile's phone region setting, as last read or written */
  char *region;       /* the copy's; saved with the map */
  gboolean reviewed;  /* a map was saved in this profile (the defaults included) */

  gboolean loaded;
  gboolean modified;
  gboolean valid;
};

/* liaison-mapping-model.c */
int liaison_mapping_model_index_of (LiaisonMappingModel *self, const char *key);
void liaison_mapping_model_fit (LiaisonMappingModel *self, LiaisonFieldMap *map);
void liaison_mapping_model_changed_pair (LiaisonMappingModel *self, guint i);

/* liaison-mapping-fields.c */
void liaison_mapping_fields_fill (LiaisonMappingModel *self);
JsonObject *liaison_mapping_fields_new_pair (LiaisonMappingModel *self, const char *lsq_field,
                                             const char *ghl_field, GError **error);

G_END_DECLS
