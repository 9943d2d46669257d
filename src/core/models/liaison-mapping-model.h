/* liaison-mapping-model.h: LiaisonMappingModel, the contact field map of a profile as an editor
 * works on it: a GListModel of LiaisonMappingPair over a copy of the map in use (the saved one,
 * else the defaults fitted to the accounts), the fields both accounts offer for new pairs, and
 * validation after every change (each pair's sentences on its item). Save checks the copy
 * against both sides' cached field definitions and writes it to the store only when it passes;
 * Discard goes back to what is saved.
 *
 * Copyright 2026 The Liaison authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "liaison-field-def.h"
#include "liaison-field-map.h"
#include "liaison-mapping-pair.h"
#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_MAPPING_MODEL (liaison_mapping_model_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonMappingModel, liaison_mapping_model, LIAISON, MAPPING_MODEL, GObject)

/* A connection id may be NULL: that account is not connected. */
LiaisonMappingModel *liaison_mapping_model_new (LiaisonStore *store, const char *lsq_connection,
                                                const char *ghl_connection);

/* Reads the saved map, the phone region and the cached field definitions and users (one store
 * worker job), and fills the model. A saved map that cannot be read is an error; the model then
 * holds the defaults, and saving replaces the damaged map. */
void liaison_mapping_model_load_async (LiaisonMappingModel *self, GCancellable *cancellable,
                                       GAsyncReadyCallback callback, gpointer user_data);
gboolean liaison_mapping_model_load_finish (LiaisonMappingModel *self, GAsyncResult *result,
                                            GError **error);

gboolean liaison_mapping_model_get_loaded (LiaisonMappingModel *self);
/* Whether the side is connected and a refresh has read its fields. */
gboolean liaison_mapping_model_get_connected (LiaisonMappingModel *self, LiaisonSide side);
gboolean liaison_mapping_model_get_fields_known (LiaisonMappingModel *self, LiaisonSide side);
/* The copy differs from what is saved (property "modified"). */
gboolean liaison_mapping_model_get_modified (LiaisonMappingModel *self);
/* Some pair has a problem (property "valid" is the opposite). */
gboolean liaison_mapping_model_get_valid (LiaisonMappingModel *self);
/* The map is the defaults (none saved, or reset and not yet changed). */
gboolean liaison_mapping_model_get_is_default (LiaisonMappingModel *self);

/* The fields a new pair may name on side, by label (LiaisonFieldDef: id is the name the map
 * uses, name the label): the service's standard fields and its custom fields. */
GListModel *liaison_mapping_model_get_fields (LiaisonMappingModel *self, LiaisonSide side);
/* The label of a field as the map names it ("Treatment" for "mx_Treatment"). */
char *liaison_mapping_model_dup_label (LiaisonMappingModel *self, LiaisonSide side,
                                       const char *field);

/* Edits of the copy, by pair key. FALSE for an unknown key. */
gboolean liaison_mapping_model_set_direction (LiaisonMappingModel *self, const char *key,
                                              LiaisonSyncDirection direction);
gboolean liaison_mapping_model_set_policy (LiaisonMappingModel *self, const char *key,
                                           LiaisonConflictPolicy policy);
/* The transform's settings take their defaults (case folded, dates without time, a name's full
 * field on the side that names one field, an empty value table). */
gboolean liaison_mapping_model_set_transform (LiaisonMappingModel *self, const char *key,
                                              LiaisonTransform transform);
/* A transform's setting, by its name in the stored form: "case" (fold, upper, title), "format"
 * (date, date-time), "full" (lsq, ghl: the side with one full-name field), "separator" (of a
 * set kept as one text). NULL or empty removes it (its default applies); a value the map
 * refuses is an error and changes nothing. */
gboolean liaison_mapping_model_set_setting (LiaisonMappingModel *self, const char *key,
                                            const char *name, const char *value, GError **error);
char *liaison_mapping_model_dup_setting (LiaisonMappingModel *self, const char *key,
                                         const char *name);
/* The value table of a values pair (LeadSquared option -> HighLevel option; a NULL or empty
 * HighLevel option removes the entry) and its current entries. */
gboolean liaison_mapping_model_set_value (LiaisonMappingModel *self, const char *key,
                                          const char *lsq_option, const char *ghl_option);
char *liaison_mapping_model_dup_value (LiaisonMappingModel *self, const char *key,
                                       const char *lsq_option);
/* The options of the pair's picklist field on side (NULL when it has none). */
const char *const *liaison_mapping_model_get_options (LiaisonMappingModel *self, const char *key,
                                                      LiaisonSide side);
/* Adds a pair of the two fields (names as get_fields gives them) with a transform fitting their
 * types, both ways, policy ask; returns its key (owned by the model), or NULL and an error when
 * the fields are not known. A pair that cannot be saved is added with its problem. */
const char *liaison_mapping_model_add_pair (LiaisonMappingModel *self, const char *lsq_field,
                                            const char *ghl_field, GError **error);
gboolean liaison_mapping_model_remove_pair (LiaisonMappingModel *self, const char *key);
/* The copy becomes the defaults fitted to the accounts; saving then removes the saved map. */
void liaison_mapping_model_reset (LiaisonMappingModel *self);
/* The copy becomes what is saved again. */
void liaison_mapping_model_discard (LiaisonMappingModel *self);

/* The copy as its stored JSON (for tests and previews). */
char *liaison_mapping_model_dup_json (LiaisonMappingModel *self);
/* The phone region national numbers are read in (the profile's phone.region), as edited: an
 * ISO 3166 code, or NULL (not set); saved with the map. A code the phone normalizer does not
 * know is refused with a sentence and changes nothing. Property "region". */
const char *liaison_mapping_model_get_region (LiaisonMappingModel *self);
gboolean liaison_mapping_model_set_region (LiaisonMappingModel *self, const char *region,
                                           GError **error);
/* A map was saved in this profile (the defaults included), here or by liaison-cli; saving the
 * copy unchanged is how a person accepts the defaults. Property "reviewed". */
gboolean liaison_mapping_model_get_reviewed (LiaisonMappingModel *self);
/* Reads what is saved again (a store worker job) and says TRUE when the map or the region
 * differ from what the model last read or saved: another process saved them. A new region is
 * taken up by the store at once; the copy is left alone (load again to show what is saved). */
void liaison_mapping_model_check_saved_async (LiaisonMappingModel *self, GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
gboolean liaison_mapping_model_check_saved_finish (LiaisonMappingModel *self, GAsyncResult *result,
                                                   GError **error);
/* A copy of the copy, fitted to the accounts (field types, users, default region), for a
 * preview to use while the editor goes on; NULL before the model is loaded. */
LiaisonFieldMap *liaison_mapping_model_dup_map (LiaisonMappingModel *self);

/* Validates the copy against both sides' cached definitions; a refusal is
 * LIAISON_FIELD_MAP_ERROR with every sentence (one a line) and nothing is written. Otherwise
 * the copy is saved (or, when it is the defaults, the saved map removed), then the region when
 * it changed, and both become what is saved. The model may be edited while it runs; a later edit
 * keeps it modified. */
void liaison_mapping_model_save_async (LiaisonMappingModel *self, GCancellable *cancellable,
                                       GAsyncReadyCallback callback, gpointer user_data);
gboolean liaison_mapping_model_save_finish (LiaisonMappingModel *self, GAsyncResult *result,
                                            GError **error);

G_END_DECLS
